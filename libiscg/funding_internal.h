/* SPDX-License-Identifier: Apache-2.0 */
/* The layout of funding results, shared by funding.c, receivables.c and audit.c. */
#ifndef ISCG_FUNDING_INTERNAL_H
#define ISCG_FUNDING_INTERNAL_H

#include "explain_internal.h"
#include "model.h"

struct row {
    size_t party;          /* who pays (the replacement, when one took over) */
    size_t side;
    long replaces;         /* withdrawn party index, or -1 */
    iscg_cents amount;
    const char *rule;      /* the rule its amount applies: "SPLIT-4", "AMD-2"... (static) */
    iscg_explain *explain; /* a record of the result's trace */
};

struct side_out {
    iscg_cents amount, extra, drift;
    int unknown;        /* a remainder of an unknown cost */
    iscg_explain *node; /* a record of the result's trace */
};

struct iscg_funding {
    const iscg_registry *r;     /* a reference, dropped by iscg_funding_free() */
    const struct convention *c; /* the registry's, or the scenario's copy in the result's block */
    const struct convention *orig; /* the registry's */
    struct convention *own;        /* c when it is the result's copy, else NULL */
    iscg_period period;
    iscg_cents cost;
    iscg_cents equal_drift; /* what the equal split among sides left (ROUND-3 NONE) */
    struct row *rows;
    size_t nrows;
    struct side_out *sides;
    size_t nsides;
    iscg_explain *root;         /* the first record of the trace */
    struct iscg__trace trace;   /* its first records live in the result's block */
    int part;    /* 1: the part of a year, not the whole period */
    iscg_daycount daycount; /* a part: the day count of its fractions (PRO-3) */
    struct iscg__grant *grant; /* SPLIT-8: the split across a grant's posts, or NULL (grant.c) */
};

/* One what-if of a scenario, its strings owned by it. */
struct whatif {
    iscg_whatif_kind kind;
    char *convention, *party, *replacement;
    iscg_date from;
    iscg_cents cost;
    iscg_period period;
};

struct iscg_scenario {
    struct whatif *w;
    size_t n; /* the capacity is iscg__reserve_one()'s */
};

/* iscg_funding_compute_scenario(); s may be NULL. */
int iscg__funding_compute(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s, const char *convention,
                          iscg_error *err);

/* c's period once scenario s (may be NULL) applies its what-ifs. */
iscg_period iscg__scenario_period(const iscg_scenario *s, const struct convention *c);

#endif
