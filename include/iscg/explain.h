/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file explain.h
 * @brief Explanations of computed amounts (rule AUD-2).
 *
 * Every computed amount carries a tree of explanation nodes: which rule,
 * which inputs, which rounding ("4 666 € = 14 000 € × 1/3 (MONTHS_WHOLE),
 * DOWN to the euro"). Nodes belong to the result that returned them and live
 * as long as it does; the caller never frees a node.
 */
#ifndef ISCG_EXPLAIN_H
#define ISCG_EXPLAIN_H

#include <stddef.h>

#include "money.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An explanation node: opaque, owned by the result it comes from. */
typedef struct iscg_explain iscg_explain;

/** @return the rule identifier of the node ("SPLIT-1", "PRO-1"...), "" if none; "" for NULL. */
const char *iscg_explain_rule(const iscg_explain *e);

/** @return the node's sentence, owned by the node; "" for NULL. */
const char *iscg_explain_text(const iscg_explain *e);

/** @return the amount the node explains, in cents (0 for NULL). */
iscg_cents iscg_explain_amount(const iscg_explain *e);

/** @return the number of child nodes (0 for NULL). */
size_t iscg_explain_child_count(const iscg_explain *e);

/** @return the @p i-th child, owned by the same result; NULL when out of range. */
const iscg_explain *iscg_explain_child(const iscg_explain *e, size_t i);

/**
 * Renders the tree as indented text, one node a line ("[SPLIT-1] 14 801 € = ...").
 * Works like snprintf: writes at most @p size bytes, NUL-terminated when
 * @p size > 0, and returns the length the whole text needs.
 * @param buf caller-owned; may be NULL when @p size is 0 (to learn the length).
 * @param size the size of @p buf in bytes; 0 to learn the length only.
 * @param e    the root node (not NULL), owned by its result; its children are rendered too.
 * @return the length needed, or ::ISCG_EINVAL for a NULL node or a NULL
 *         buffer with a non-zero size.
 */
ISCG_WARN_UNUSED int iscg_explain_render(char *buf, size_t size, const iscg_explain *e);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_EXPLAIN_H */
