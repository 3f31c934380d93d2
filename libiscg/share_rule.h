/* SPDX-License-Identifier: Apache-2.0 */
/* The share rules described once (SPLIT-1, SPLIT-2): what a side's value
 * holds and how it is checked, its field in a dataset file, the rule ID its
 * amount is traced under, and how its base follows from the cost. The
 * registry's validation, the loader, the saver and the computation all read
 * this table; adding a rule is adding a row (see doc/architecture.md). */
#ifndef ISCG_SHARE_RULE_H
#define ISCG_SHARE_RULE_H

#include "internal.h"

/* What iscg_side_spec.value holds under a rule. */
enum iscg__share_value {
    ISCG__VALUE_NONE = 0,     /* nothing: the value is ignored */
    ISCG__VALUE_CENTS,        /* an amount, written as one in a file */
    ISCG__VALUE_BASIS_POINTS  /* a percentage, written as one in a file */
};

/* How a side's base is found. */
enum iscg__share_pool {
    ISCG__POOL_NONE = 0, /* from the side alone, by base() */
    ISCG__POOL_EQUAL,    /* an equal part of what the POOL_NONE sides leave of the cost */
    ISCG__POOL_REST      /* what all the other sides leave of the cost; one side at most */
};

struct iscg__share_rule {
    const char *rule_id;          /* the catalogue rule its amount applies: "SPLIT-1" */
    enum iscg__share_value value; /* what the side's value holds */
    const char *field;            /* the value's field in a dataset file, or NULL */
    int64_t max;                  /* the largest valid value (values are >= 0) */
    int needs_cost;               /* 1: no base without a known cost */
    enum iscg__share_pool pool;
    /* POOL_NONE: the base of a side of this value, from the cost (>= 0 when
     * needs_cost), rounded as the convention says; 0 or an ISCG_E* code. */
    int (*base)(iscg_cents *out, iscg_cents cost, int64_t value, const iscg_allocation_rule *rounding,
                iscg_error *err);
    /* The sentence of the ISCG_TRACE_SIDE record that explains a side's
     * amount, rendered by explain.c: {0} the side, {1} its amount, {2} the
     * number of equal sides, {3} the cost, {4} the rounding mode, {5} its
     * unit, {6} the remainder policy, {7} the percentage ("33.33"). The one
     * wording kept out of explain.c's table, so that a share rule is
     * described in this row alone. */
    const char *words;
};

/* The description of a rule, or NULL when it is not one of iscg_share_rule. */
const struct iscg__share_rule *iscg__share_rule_of(iscg_share_rule rule);

#endif
