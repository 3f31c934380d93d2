/* SPDX-License-Identifier: Apache-2.0 */
/* The share rules described once (SPLIT-1, SPLIT-2): what a side's value
 * holds and how it is checked, its field in a dataset file, the rule ID its
 * amount is explained by, and how its base follows from the cost. The
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

/* What the sentence explaining a side's amount is made of. */
struct iscg__share_words {
    const char *side;                     /* the side's name */
    iscg_cents base, cost;                /* its amount by the rule; the convention's cost */
    int64_t value;                        /* the side's value */
    size_t nequal;                        /* the number of POOL_EQUAL sides */
    const iscg_allocation_rule *rounding; /* the convention's rounding */
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
    /* The sentence that explains the side's amount, cut to fit size. */
    void (*describe)(char *buf, size_t size, const struct iscg__share_words *w);
};

/* "the euro", "the cent" or "the unit", for explanations. */
const char *iscg__unit_name(iscg_cents unit);

/* The description of a rule, or NULL when it is not one of iscg_share_rule. */
const struct iscg__share_rule *iscg__share_rule_of(iscg_share_rule rule);

#endif
