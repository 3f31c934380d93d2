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
/* Attaches child to parent; on failure (or a NULL argument) frees child and
 * returns ISCG_ENOMEM. */
int iscg__explain_add(iscg_explain *parent, iscg_explain *child);
void iscg__explain_free(iscg_explain *e);
/* A deep copy, or NULL when out of memory. */
iscg_explain *iscg__explain_clone(const iscg_explain *e);
/* "14 333 €" into buf, which it returns. */
const char *iscg__euros(char buf[48], iscg_cents amount);

#endif
