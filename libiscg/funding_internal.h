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
    iscg_ratio seg;         /* a segment of a non-annual amended convention: its fraction of the
                               period, by which its amounts are prorated (AMD-1); den 0 otherwise */
    struct iscg__amend *amend; /* an amended convention's segments (amend.c), or NULL */
    int in_arena;              /* 1: the block is an arena's (a report's), freed with it */
};

/* Arrays of up to SMALL elements live on the stack: plans have a handful of
 * sides and funders, and a national batch computes millions of them. */
#define SMALL 16
/* type and name are a type and an identifier: they cannot take parentheses
 * NOLINTBEGIN(bugprone-macro-parentheses) */
#define SCRATCH(type, name, n)                                                       \
    type name##_small[SMALL];                                                        \
    type *name = (n) <= SMALL ? name##_small : malloc((n) * sizeof *name)
#define SCRATCH_FREE(name)                                                           \
    do {                                                                             \
        if (name != name##_small)                                                    \
            free(name);                                                              \
    } while (0)
/* NOLINTEND(bugprone-macro-parentheses) */

/* "convention c: out of memory" (ISCG_ENOMEM). */
int iscg__funding_oom(iscg_error *err, const struct convention *c);
/* Every failure names its convention, as funding.h promises: the messages of
 * the money and prorata functions (a share that is not a whole cent under
 * ISCG_ROUND_UNNECESSARY...) do not, so they get its identifier in front.
 * Returns rc. */
int iscg__funding_named(iscg_error *err, const struct convention *c, int rc);
/* "convention c: <what> overflows 64-bit cents" (ISCG_EOVERFLOW); what is
 * marked with ISCG_N_() and translated here. */
int iscg__funding_overflow(iscg_error *err, const struct convention *c, const char *what);
/* The days of period p in calendar year y, which p touches (PRO-3). */
iscg_period iscg__year_part(iscg_period p, int y);

struct iscg_scenario {
    struct whatif *w;
    size_t n; /* the capacity is iscg__reserve_one()'s */
};

/* iscg_funding_compute_scenario(); s may be NULL. */
int iscg__funding_compute(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s, const char *convention,
                          iscg_error *err);

/* The result of convention c (the registry's orig, or a copy with its
 * terms in force) with scenario s (may be NULL); seg as iscg_funding's;
 * segment: 1 for a segment of an amended convention, whose period the
 * scenario's no longer changes (amend.c clipped it). */
int iscg__funding_compute_conv(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                               const struct convention *c, const struct convention *orig, iscg_ratio seg,
                               int segment, iscg_error *err);

/* Whether the rows of f add up within 64-bit cents, as iscg_funding_total()
 * needs: each row was rounded on its own (a unit larger than any of them
 * rounds every one up to it), so no earlier check bounds their sum. Every
 * result is checked before it is given out. 0 or ISCG_EOVERFLOW. */
int iscg__funding_check_total(const iscg_funding *f, iscg_error *err);

struct iscg__arena;

/* funding.c's result in one block (see there), from arena when not NULL:
 * iscg_funding_free() then leaves the block to the arena's owner. */
int iscg__funding_alloc(iscg_funding **out, struct iscg__arena *arena, const iscg_registry *r,
                        const struct convention *c, const struct convention *orig, size_t nrows, int overlay,
                        size_t nrecords, iscg_error *err);

/* iscg_funding_compute_year_scenario(), the year's part in a block of arena
 * (may be NULL: its own block); the whole period's plan is freed before it
 * returns. The result must be freed before the arena. */
int iscg__funding_compute_year_in(iscg_funding **out, struct iscg__arena *arena, const iscg_registry *r,
                                  const iscg_scenario *s, const char *convention, int year, iscg_daycount daycount,
                                  iscg_error *err);

/* c's period once scenario s (may be NULL) applies its what-ifs. */
iscg_period iscg__scenario_period(const iscg_scenario *s, const struct convention *c);

#endif
