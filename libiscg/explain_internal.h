/* SPDX-License-Identifier: Apache-2.0 */
/* Building explanation trees inside the library (AUD-2). */
#ifndef ISCG_EXPLAIN_INTERNAL_H
#define ISCG_EXPLAIN_INTERNAL_H

#include "internal.h"

/* The node that stands for every explanation a computation leaves out
 * (iscg_registry_set_explanations()): adding to it, adding it, freeing it and
 * cloning it do nothing, and the public accessors show it as NULL. */
extern iscg_explain iscg__explain_none;

/* A new node when on, else the empty one without evaluating the arguments
 * (their texts cost more than the computation they explain). */
#define ISCG__EXPLAIN(on, ...) ((on) ? iscg__explain_new(__VA_ARGS__) : &iscg__explain_none)

/* e as the public API shows it: NULL for the empty node. */
const iscg_explain *iscg__explain_out(const iscg_explain *e);

/* A new node, or NULL when out of memory. */
iscg_explain *iscg__explain_new(const char *rule, iscg_cents amount, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The out-of-line halves of the three functions below, for real nodes. */
int iscg__explain_attach(iscg_explain *parent, iscg_explain *child);
void iscg__explain_release(iscg_explain *e);
iscg_explain *iscg__explain_copy(const iscg_explain *e);

/* With explanations off, every node is the empty one, and a batch adds,
 * copies and frees it millions of times: those calls stop here, inlined. */

/* Attaches child to parent; on failure (or a NULL argument) frees child and
 * returns ISCG_ENOMEM. */
static inline int iscg__explain_add(iscg_explain *parent, iscg_explain *child)
{
    return child == &iscg__explain_none ? 0 : iscg__explain_attach(parent, child);
}

static inline void iscg__explain_free(iscg_explain *e)
{
    if (e && e != &iscg__explain_none)
        iscg__explain_release(e);
}

/* A deep copy, or NULL when out of memory. */
static inline iscg_explain *iscg__explain_clone(const iscg_explain *e)
{
    return e == &iscg__explain_none ? &iscg__explain_none : iscg__explain_copy(e);
}
/* "14 333 €" into buf, which it returns. */
const char *iscg__euros(char buf[48], iscg_cents amount);

#endif
