/* SPDX-License-Identifier: Apache-2.0 */
/* Grants for several posts (SPLIT-8): whether a convention's posts make a
 * split, and a computed result split across them. */
#ifndef ISCG_GRANT_H
#define ISCG_GRANT_H

#include "model.h"

struct iscg_funding;
struct iscg__grant;
extern const struct iscg__enum iscg__post_split_enum; /* registry.c */

/* 0 when convention c funds one post, or its posts make a split: at least
 * two, its own post among them, weights not all zero, fixed parts summing to
 * its cost; else the failure, with a sentence naming the convention. */
int iscg__grant_check(const iscg_registry *r, const struct convention *c, iscg_error *err);

/* Splits every row and the cost of result f across its convention's posts
 * (nothing for a convention of one post), recording the split in f's trace. */
int iscg__grant_split(struct iscg_funding *f, iscg_error *err);

/* Frees a split; NULL is a no-op. */
void iscg__grant_free(struct iscg__grant *g);

#endif
