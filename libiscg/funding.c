/* SPDX-License-Identifier: Apache-2.0 */
/* Funding plans computed: sides from the cost (SPLIT-1, SPLIT-2), extras
 * (SPLIT-3), sub-splits among funders (SPLIT-4, SPLIT-5), required funders
 * (SPLIT-6), annual prorata (PRO-1), what-ifs (AMD-2, AMD-3), and the
 * result's readers. The fiscal-year parts (PRO-3) are funding_year.c's, the
 * carrier's receivables (RCV-1, PRO-4) receivables.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "funding_internal.h"
#include "grant.h"
#include "i18n.h"
#include "plan.h"
#include "share_rule.h"

void iscg_funding_free(iscg_funding *f)
{
    if (!f)
        return;
    iscg__amend_free(f->amend);
    iscg__trace_free(&f->trace);
    iscg__grant_free(f->grant);
    iscg_registry_free((iscg_registry *)f->r); /* the result's reference */
    if (!f->in_arena)
        free(f); /* its sides and rows are in the same block */
}

int iscg__funding_oom(iscg_error *err, const struct convention *c)
{
    return iscg__fail(err, ISCG_ENOMEM, c->id, "funding", 0, 0, "convention %s: out of memory", c->id);
}

int iscg__funding_named(iscg_error *err, const struct convention *c, int rc)
{
    if (!err || rc == 0 || iscg__source_is(err, c->id))
        return rc;
    char why[ISCG_ERROR_TEXT_LENGTH], field[ISCG_ERROR_NAME_LENGTH];
    snprintf(why, sizeof why, "%s", err->text);
    snprintf(field, sizeof field, "%s", err->field);
    return iscg__fail(err, rc, c->id, field, 0, 0, "convention %s: %s", c->id, why);
}

int iscg__funding_overflow(iscg_error *err, const struct convention *c, const char *what)
{
    return iscg__fail(err, ISCG_EOVERFLOW, c->id, what, 0, 0, "convention %s: %s overflows 64-bit cents", c->id,
                      ISCG_TR(what));
}

static int unknown_cost(iscg_error *err, const struct convention *c, const struct side *s)
{
    return iscg__fail(err, ISCG_EINVAL, c->id, "cost", 0, 0,
                      "convention %s: side %s is a share of the cost, and the cost is not known", c->id, s->name);
}

/* Step 1: each side's amount from the cost, on the cost's own basis. */
static int side_bases(iscg_cents *base, iscg_cents *equal_drift, const struct convention *c, iscg_error *err)
{
    const iscg_cents cost = c->cost;
    iscg_cents taken = 0;
    size_t nequal = 0;
    long remainder = -1;
    int rc;
    for (size_t i = 0; i < c->nsides; i++) {
        const struct side *s = &c->sides[i];
        const struct iscg__share_rule *d = iscg__share_rule_of(s->rule); /* the registry checked it */
        base[i] = 0;
        if (d->needs_cost && cost < 0)
            return unknown_cost(err, c, s);
        if (d->pool == ISCG__POOL_NONE) {
            if ((rc = d->base(&base[i], cost, s->value, &c->rounding, err)) != 0)
                return rc;
        } else if (d->pool == ISCG__POOL_EQUAL) {
            nequal++;
        } else {
            remainder = (long)i;
        }
        if (iscg__add(&taken, taken, base[i]) != 0)
            return iscg__funding_overflow(err, c, ISCG_N_("the fixed shares' sum"));
    }
    if (cost < 0)
        return 0; /* only FIXED sides, and a remainder nobody can compute */
    iscg_cents pool = cost - taken; /* both non-negative: cannot overflow */
    if (pool < 0 && (nequal > 0 || remainder >= 0)) {
        char a[48], b[48];
        return iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                          "convention %s: fixed and percentage shares (%s) exceed the cost (%s)", c->id,
                          iscg__euros(a, taken), iscg__euros(b, cost));
    }
    *equal_drift = 0;
    if (nequal > 0) { /* SPLIT-1: equal parts of what is left, with the convention's remainder policy */
        SCRATCH(int64_t, ones, nequal);
        SCRATCH(iscg_cents, parts, nequal);
        if (!ones || !parts) {
            SCRATCH_FREE(ones);
            SCRATCH_FREE(parts);
            return iscg__funding_oom(err, c);
        }
        for (size_t k = 0; k < nequal; k++)
            ones[k] = 1;
        iscg_allocation_rule rule = c->rounding;
        rule.weights = ISCG_WEIGHTS_RAW;
        /* a TO_PARTY index past the equal sides is refused by iscg_allocate() */
        rc = iscg_allocate(parts, equal_drift, pool, ones, nequal, &rule, err);
        if (rc != 0 && err) {
            char why[ISCG_ERROR_TEXT_LENGTH];
            snprintf(why, sizeof why, "%s", err->text);
            iscg__fail(err, rc, c->id, "rounding", 0, 0, "convention %s, its equal sides: %s", c->id, why);
        }
        for (size_t i = 0, k = 0; rc == 0 && i < c->nsides; i++)
            if (iscg__share_rule_of(c->sides[i].rule)->pool == ISCG__POOL_EQUAL)
                base[i] = parts[k++];
        SCRATCH_FREE(ones);
        SCRATCH_FREE(parts);
        if (rc != 0)
            return rc;
    }
    for (size_t i = 0; i < c->nsides; i++)
        if (c->sides[i].cap != ISCG_NO_CAP && (long)i != remainder && base[i] > c->sides[i].cap)
            base[i] = c->sides[i].cap;
    if (remainder >= 0) { /* SPLIT-2: le reste à charge */
        iscg_cents others = 0;
        int over = 0; /* equal parts rounded up may pass the cost, and INT64_MAX with them */
        for (size_t i = 0; i < c->nsides; i++)
            if ((long)i != remainder)
                over |= iscg__add(&others, others, base[i]) != 0;
        if (over || iscg__sub(&base[remainder], cost, others) != 0 || base[remainder] < 0)
            return iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                              "convention %s: the other shares exceed the cost, nothing is left for side %s", c->id,
                              c->sides[remainder].name);
    }
    return 0;
}

/* The record of side si's amount, under the root; NULL when out of memory. */
static iscg_explain *side_node(iscg_funding *f, size_t si, iscg_cents base, size_t nequal)
{
    const struct convention *c = f->c;
    const struct side *s = &c->sides[si];
    const struct iscg__share_rule *d = iscg__share_rule_of(s->rule);
    iscg_explain *e = iscg__trace_add(&f->trace, f->root, ISCG_TRACE_SIDE, d->rule_id, base);
    if (!e)
        return NULL;
    e->side = (uint32_t)si;
    e->base = c->cost;
    e->value = s->value;
    e->count = (uint32_t)nequal;
    e->share_rule = (uint8_t)s->rule;
    iscg__trace_rounding(e, &c->rounding);
    /* out of memory, the caller gets no node at all: a node that lost its
     * "capped" child would explain the amount wrongly */
    if (s->cap != ISCG_NO_CAP && d->pool != ISCG__POOL_REST &&
        !iscg__trace_add(&f->trace, e, ISCG_TRACE_CAP, "SPLIT-6", s->cap))
        return NULL;
    return e;
}

/* Step 3: a side's total shared among its funders (SPLIT-4, SPLIT-5, SPLIT-6). */
static int split_side(iscg_funding *f, size_t si, iscg_explain *snode, iscg_error *err)
{
    const struct convention *c = f->c;
    const iscg_registry *r = f->r;
    const struct side *s = &c->sides[si];
    struct side_out *so = &f->sides[si];
    size_t n = 0, gone = 0;
    int rc;
    for (size_t i = 0; i < c->nfunders; i++) {
        if (c->funders[i].side != si)
            continue;
        if (c->funders[i].withdrawn && c->funders[i].replacement < 0)
            gone++;
        else
            n++;
    }
    if (n == 0) {
        if (s->required) { /* SPLIT-6: "met un terme à l'action" */
            char names[160] = "";
            size_t at = 0, listed = 0;
            for (size_t i = 0; i < c->nfunders; i++) {
                if (c->funders[i].side != si)
                    continue;
                const char *id = r->parties[c->funders[i].party].id;
                if (at + strlen(id) + 2 + 24 >= sizeof names)
                    break; /* room left for " and N more" */
                at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", at ? ", " : "", id);
                listed++;
            }
            if (listed < gone)
                snprintf(names + at, sizeof names - at, ISCG_TR(" and %zu more"), gone - listed);
            return iscg__fail(err, ISCG_ETERMINATED, c->id, s->name, 0, 0,
                              "convention %s ends: required side %s has no funder left (%s withdrawn, not "
                              "replaced)",
                              c->id, s->name, gone ? names : ISCG_TR("none named"));
        }
        so->drift = so->amount; /* nobody funds this side */
        iscg_explain *e = iscg__trace_add(&f->trace, snode, ISCG_TRACE_UNFUNDED, "SPLIT-6", so->amount);
        if (!e)
            return iscg__funding_oom(err, c); /* with its message, like every other failure */
        e->side = (uint32_t)si;
        return 0;
    }
    SCRATCH(int64_t, w, n);
    SCRATCH(iscg_cents, shares, n);
    SCRATCH(size_t, which, n);
    if (!w || !shares || !which) {
        SCRATCH_FREE(w);
        SCRATCH_FREE(shares);
        SCRATCH_FREE(which);
        return iscg__funding_oom(err, c);
    }
    for (size_t i = 0, k = 0; i < c->nfunders; i++) {
        const struct funder *fu = &c->funders[i];
        if (fu->side == si && !(fu->withdrawn && fu->replacement < 0)) {
            w[k] = fu->weight;
            which[k++] = i;
        }
    }
    iscg_allocation_rule rule = s->split;
    /* Percentages must sum to 100 % only when every funder is there; a
     * TO_PARTY index then counts the funders left, and goes to the last one
     * when the withdrawals took its funder away. With every funder there, an
     * index past the last is refused by iscg_allocate(). */
    if (gone > 0) {
        rule.weights = ISCG_WEIGHTS_RAW;
        if (rule.policy == ISCG_REMAINDER_TO_PARTY && rule.party >= n)
            rule.party = n - 1;
    }
    rc = iscg_allocate(shares, &so->drift, so->amount, w, n, &rule, err);
    if (rc != 0 && err) { /* name the convention and side in front of the allocation's message */
        char why[ISCG_ERROR_TEXT_LENGTH];
        snprintf(why, sizeof why, "%s", err->text);
        iscg__fail(err, rc, c->id, s->name, 0, 0, "convention %s, side %s: %s", c->id, s->name, why);
    }
    int64_t wsum = 0;
    for (size_t k = 0; rc == 0 && k < n; k++)
        wsum += w[k]; /* checked by iscg_allocate */
    for (size_t k = 0; rc == 0 && k < n; k++) {
        const struct funder *fu = &c->funders[which[k]];
        struct row *row = &f->rows[f->nrows++];
        size_t payer = fu->withdrawn ? (size_t)fu->replacement : fu->party;
        row->party = payer;
        row->side = si;
        row->replaces = fu->withdrawn ? (long)fu->party : -1;
        row->amount = shares[k];
        row->rule = n == 1 ? "SPLIT-1" : "SPLIT-4";
        iscg_explain *e = iscg__trace_add(&f->trace, snode, n == 1 ? ISCG_TRACE_SOLE : ISCG_TRACE_SHARE, row->rule,
                                          shares[k]);
        row->explain = e;
        if (!e) {
            rc = iscg__funding_oom(err, c);
            break;
        }
        e->party = (uint32_t)payer;
        e->party2 = fu->withdrawn ? (uint32_t)fu->party : ISCG__NONE;
        e->side = (uint32_t)si;
        e->base = so->amount;
        e->ratio = (iscg_ratio){w[k], wsum};
        iscg__trace_rounding(e, &rule);
    }
    if (rc == 0 && so->drift != 0) {
        iscg_explain *e = iscg__trace_add(&f->trace, snode, ISCG_TRACE_SIDE_DRIFT, "SPLIT-5", so->drift);
        if (!e)
            rc = iscg__funding_oom(err, c);
        else
            e->side = (uint32_t)si;
    }
    SCRATCH_FREE(w);
    SCRATCH_FREE(shares);
    SCRATCH_FREE(which);
    return rc;
}

static int compute_whole(iscg_funding *f, iscg_error *err)
{
    const struct convention *c = f->c;
    const size_t n = c->nsides;
    char a[48], b[48];
    int rc;
    if (n == 0)
        return iscg__fail(err, ISCG_ESTATE, c->id, "sides", 0, 0, "convention %s has no funding plan (no side)", c->id);
    SCRATCH(iscg_cents, base, n);
    if (!base)
        return iscg__funding_oom(err, c);
    f->nsides = n;
    if ((rc = side_bases(base, &f->equal_drift, c, err)) != 0) {
        SCRATCH_FREE(base);
        return rc;
    }
    size_t nequal = 0;
    for (size_t i = 0; i < n; i++)
        nequal += iscg__share_rule_of(c->sides[i].rule)->pool == ISCG__POOL_EQUAL;

    iscg_ratio frac = {1, 1};
    f->cost = c->cost;
    /* AMD-1: a segment of a convention whose amounts cover the whole period
     * is prorated by its share of the period, as an annual one by its year */
    const int annual = c->annual || f->seg.den != 0;
    if (f->seg.den != 0)
        frac = f->seg;
    else if (c->annual)
        rc = iscg_year_fraction(&frac, c->period, c->daycount, err);
    if (rc == 0 && annual && c->cost >= 0)
        rc = iscg_money_scale(&f->cost, c->cost, frac.num, frac.den, c->rounding.unit, c->rounding.rounding, err);
    f->root = rc ? NULL : iscg__trace_add(&f->trace, NULL, ISCG_TRACE_PLAN, "", f->cost);
    if (rc == 0 && !f->root)
        rc = iscg__funding_oom(err, c);
    if (rc == 0) {
        f->root->base = c->cost;
        f->root->value = annual; /* 1: the cost is prorated from an annual one */
        iscg__trace_period(f->root, c->period);
        f->root->daycount = (uint8_t)c->daycount;
        iscg__trace_rounding(f->root, &c->rounding);
    }
    if (rc == 0 && f->equal_drift != 0 &&
        !iscg__trace_add(&f->trace, f->root, ISCG_TRACE_EQUAL_DRIFT, "SPLIT-5", f->equal_drift))
        rc = iscg__funding_oom(err, c);

    /* Step 2: prorate annual amounts over the period (PRO-1); the remainder
     * side takes what the prorated cost leaves, so the plan still sums. */
    iscg_cents others = 0;
    long remainder = -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct side *s = &c->sides[i];
        iscg_explain *node = side_node(f, i, base[i], nequal);
        f->sides[i].node = node;
        if (!node) {
            rc = iscg__funding_oom(err, c);
            break;
        }
        iscg_cents amount = base[i], extra = s->extra;
        /* PRO-1: an annual extra is prorated like the share it comes with,
         * the remainder side's too (its share is what the prorated cost leaves) */
        if (annual)
            rc = iscg_money_scale(&extra, s->extra, frac.num, frac.den, c->rounding.unit, c->rounding.rounding, err);
        const int rest = iscg__share_rule_of(s->rule)->pool == ISCG__POOL_REST;
        if (rc == 0 && annual && !rest) {
            rc = iscg_money_scale(&amount, base[i], frac.num, frac.den, c->rounding.unit, c->rounding.rounding, err);
            /* out of memory, a missing node must fail the computation, not
             * leave an explanation that skips a step */
            iscg_explain *e = rc == 0 ? iscg__trace_add(&f->trace, node, ISCG_TRACE_PRORATA, "PRO-1", amount) : NULL;
            if (rc == 0 && !e) {
                rc = iscg__funding_oom(err, c);
            } else if (e) {
                e->base = base[i];
                e->ratio = frac;
                e->daycount = (uint8_t)c->daycount;
                iscg__trace_period(e, c->period);
                e->side = (uint32_t)i;
                iscg__trace_rounding(e, &c->rounding);
            }
        }
        if (rest)
            remainder = (long)i;
        else if (rc == 0 && iscg__add(&others, others, amount) != 0)
            rc = iscg__funding_overflow(err, c, ISCG_N_("the shares' sum"));
        f->sides[i].amount = amount;
        f->sides[i].extra = extra;
        if (rc == 0 && extra > 0 && /* SPLIT-3: on top of the rule's amount */
            !iscg__trace_add(&f->trace, node, ISCG_TRACE_EXTRA, "SPLIT-3", extra))
            rc = iscg__funding_oom(err, c);
    }
    if (rc == 0 && remainder >= 0 && c->cost < 0) {
        f->sides[remainder].unknown = 1; /* SPLIT-2 with no cost: "le reste à charge" stays unknown */
        if (!iscg__trace_add(&f->trace, f->sides[remainder].node, ISCG_TRACE_REST_UNKNOWN, "SPLIT-2", 0))
            rc = iscg__funding_oom(err, c);
    } else if (rc == 0 && remainder >= 0) {
        /* prorated shares rounded up may together pass the prorated cost */
        if (iscg__sub(&f->sides[remainder].amount, f->cost, others) != 0 || f->sides[remainder].amount < 0)
            rc = iscg__fail(err, ISCG_ERANGE, c->id, "sides", 0, 0,
                            "convention %s: the prorated shares (%s) exceed the prorated cost (%s), nothing is "
                            "left for side %s",
                            c->id, iscg__euros(a, others), iscg__euros(b, f->cost), c->sides[remainder].name);
        else if (annual) {
            iscg_explain *e = iscg__trace_add(&f->trace, f->sides[remainder].node, ISCG_TRACE_PRORATA_REST, "PRO-1",
                                              f->sides[remainder].amount);
            if (!e)
                rc = iscg__funding_oom(err, c);
            else
                e->base = f->cost;
        }
    }
    /* the sides with their extras, and the plan's total, must fit: every
     * later sum (rows, totals, fiscal-year parts) is then safe */
    iscg_cents total = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (iscg__add(&f->sides[i].amount, f->sides[i].amount, f->sides[i].extra) != 0)
            rc = iscg__funding_overflow(err, c, ISCG_N_("a side with its extra"));
        else if (iscg__add(&total, total, f->sides[i].amount) != 0)
            rc = iscg__funding_overflow(err, c, ISCG_N_("the plan's total"));
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!f->sides[i].unknown)
            rc = split_side(f, i, f->sides[i].node, err);
    SCRATCH_FREE(base);
    return rc;
}

/* A zeroed result for convention c (orig: the registry's), in one block:
 * the result, then room for every side and nrows rows, then, when a scenario
 * changes the convention (overlay), the result's own copy of c and of its
 * funders, which the scenario's what-ifs change, then room for the first
 * nrecords records of its trace (more come in chunks of their own). */
int iscg__funding_alloc(iscg_funding **out, struct iscg__arena *arena, const iscg_registry *r,
                        const struct convention *c, const struct convention *orig, size_t nrows, int overlay,
                        size_t nrecords, iscg_error *err)
{
    if (nrows == 0)
        nrows = 1;
    if (nrecords > 4096)
        nrecords = 4096; /* a huge plan's records come in chunks, as they are needed */
#ifdef ISCG__TRACE_BARE
    nrecords = 0; /* the bench's build without a trace keeps none */
#endif
    size_t tail = c->nsides * sizeof(struct side_out) + nrows * sizeof(struct row);
    size_t copy_size = overlay ? sizeof(struct convention) + c->nfunders * sizeof(struct funder) : 0;
    size_t room = nrecords * sizeof(struct iscg_explain);
    /* Not calloc: glibc's calloc passes by the per-thread cache from which a
     * batch's results, made and freed by the thousand, come back at little
     * cost. The header and the sides and rows are zeroed apart, or the
     * compiler would make the malloc and its memset a calloc again. */
    size_t bytes = sizeof(iscg_funding) + tail + copy_size + room;
    iscg_funding *f = arena ? iscg__arena_alloc(arena, bytes) : malloc(bytes);
    if (!f)
        return iscg__funding_oom(err, c);
    *f = (iscg_funding){0};
    f->in_arena = arena != NULL;
    f->sides = (struct side_out *)(f + 1);
    f->rows = (struct row *)(f->sides + c->nsides);
    memset(f->sides, 0, tail);
    f->r = iscg__registry_ref(r);
    f->c = c;
    f->orig = orig;
    if (overlay) { /* every size in the block is a multiple of 8: the copy is aligned */
        struct convention *copy = (struct convention *)(void *)((char *)f->sides + tail);
        *copy = *c;
        copy->funders = (struct funder *)(copy + 1);
        if (c->nfunders > 0)
            memcpy(copy->funders, c->funders, c->nfunders * sizeof *copy->funders);
        f->c = f->own = copy;
    }
    f->period = f->c->period;
    /* every size in the block is a multiple of 8, and so is the records' alignment */
    iscg__trace_init(&f->trace, r, (struct iscg_explain *)(void *)((char *)f->sides + tail + copy_size),
                     (uint32_t)nrecords);
    f->trace.convention = (uint32_t)(orig - r->conventions);
    *out = f;
    return 0;
}

/* A withdrawal from a date within the period (AMD-2), found by
 * apply_whatifs() and carried out once the plan is computed. */
struct dated {
    size_t funder; /* index in the convention's funders */
    long rep;      /* replacement party index, or -1 */
    iscg_date from;
};

static int is_zero_date(iscg_date d)
{
    return d.year == 0 && d.month == 0 && d.day == 0;
}

iscg_period iscg__scenario_period(const iscg_scenario *s, const struct convention *c)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (s->w[i].kind == ISCG_WHATIF_PERIOD && strcmp(s->w[i].convention, c->id) == 0)
            return s->w[i].period;
    return iscg__amend_period(c); /* the recorded one, or as its amendments end it (AMD-1) */
}

/* The scenario's what-ifs on f's own copy oc of its convention (AMD-3): a
 * new period, then a new cost, then the withdrawals: from the start they
 * are SPLIT-6's, within the period they wait in dated[] for the plan. */
static int apply_whatifs(iscg_funding *f, struct convention *oc, const iscg_scenario *s, struct dated *dated,
                         size_t *ndated, int segment, iscg_error *err)
{
    const iscg_registry *r = f->r;
    static const iscg_whatif_kind order[] = {ISCG_WHATIF_PERIOD, ISCG_WHATIF_COST, ISCG_WHATIF_WITHDRAW};
    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++) {
        for (size_t i = 0; i < s->n; i++) {
            const struct whatif *w = &s->w[i];
            if (w->kind != order[o] || strcmp(w->convention, oc->id) != 0)
                continue;
            if (w->kind == ISCG_WHATIF_PERIOD) {
                if (!segment) /* a segment's period was clipped to it already (AMD-1) */
                    oc->period = f->period = w->period;
                continue;
            }
            if (w->kind == ISCG_WHATIF_COST) {
                oc->cost = w->cost;
                continue;
            }
            long pi = iscg__party_index(r, w->party);
            struct funder *fu = NULL;
            for (size_t k = 0; k < oc->nfunders && !fu; k++)
                if ((long)oc->funders[k].party == pi)
                    fu = &oc->funders[k];
            if (!fu)
                return iscg__fail(err, ISCG_ENOTFOUND, oc->id, "party", 0, 0,
                                  "convention %s: what-if: %s is not one of its funders", oc->id, w->party);
            long rep = w->replacement ? iscg__party_index(r, w->replacement) : -1;
            if (w->replacement && rep < 0)
                return iscg__fail(err, ISCG_ENOTFOUND, oc->id, "replacement", 0, 0,
                                  "convention %s: what-if: replacement %s is not a known party", oc->id,
                                  w->replacement);
            if (is_zero_date(w->from) || iscg_date_compare(w->from, oc->period.start) <= 0) {
                fu->withdrawn = 1;
                fu->replacement = rep;
            } else if (iscg_date_compare(w->from, oc->period.end) <= 0) {
                dated[(*ndated)++] = (struct dated){(size_t)(fu - oc->funders), rep, w->from};
            }
        }
    }
    return 0;
}

/* What the scenario changed, said at the root of the explanation (AMD-3),
 * in the scenario's order. */
static int explain_whatifs(iscg_funding *f, const iscg_scenario *s, iscg_error *err)
{
    const struct convention *c = f->c, *orig = f->orig;
    const iscg_registry *r = f->r;
    for (size_t i = 0; i < s->n; i++) {
        const struct whatif *w = &s->w[i];
        if (strcmp(w->convention, c->id) != 0)
            continue;
        iscg_trace_kind kind = w->kind == ISCG_WHATIF_COST     ? ISCG_TRACE_WHATIF_COST
                               : w->kind == ISCG_WHATIF_PERIOD ? ISCG_TRACE_WHATIF_PERIOD
                                                               : ISCG_TRACE_WHATIF_WITHDRAW;
        iscg_explain *e = iscg__trace_add(&f->trace, f->root, kind, "AMD-3", kind == ISCG_TRACE_WHATIF_COST ? w->cost : 0);
        if (!e)
            return iscg__funding_oom(err, c);
        e->base = kind == ISCG_TRACE_WHATIF_COST ? (orig->cost < 0 ? ISCG_UNKNOWN : orig->cost) : 0;
        iscg__trace_period(e, kind == ISCG_TRACE_WHATIF_PERIOD ? w->period : c->period);
        if (kind == ISCG_TRACE_WHATIF_PERIOD) {
            e->was_start = iscg__pack_date(orig->period.start);
            e->was_end = iscg__pack_date(orig->period.end);
        }
        if (kind == ISCG_TRACE_WHATIF_WITHDRAW) {
            long rep = w->replacement ? iscg__party_index(r, w->replacement) : -1;
            e->party = (uint32_t)iscg__party_index(r, w->party); /* apply_whatifs() found both */
            e->party2 = rep >= 0 ? (uint32_t)rep : ISCG__NONE;
            e->date = iscg__pack_date(w->from);
        }
    }
    return 0;
}

/* The row a funder of side si pays: its own, or its replacement's. */
static struct row *funder_row(iscg_funding *f, const struct funder *fu)
{
    size_t payer = fu->withdrawn ? (size_t)fu->replacement : fu->party;
    long replaces = fu->withdrawn ? (long)fu->party : -1;
    for (size_t i = 0; i < f->nrows; i++)
        if (f->rows[i].side == fu->side && f->rows[i].party == payer && f->rows[i].replaces == replaces)
            return &f->rows[i];
    return NULL;
}

static int is_dated(const struct dated *dated, size_t ndated, size_t funder)
{
    for (size_t k = 0; k < ndated; k++)
        if (dated[k].funder == funder)
            return 1;
    return 0;
}

/* AMD-2: the funder pays its share for the days before the date, prorated
 * by the convention's day count and rounded by its rule; the rest goes to
 * the replacement, or else to the side's other funders by their weights,
 * or else ends a required side's plan (SPLIT-6) or stays unfunded. */
static int dated_withdrawal(iscg_funding *f, const struct dated *d, const struct dated *dated, size_t ndated,
                            iscg_error *err)
{
    const struct convention *c = f->c;
    const iscg_registry *r = f->r;
    const struct funder *fu = &c->funders[d->funder];
    const size_t si = fu->side;
    const struct side *sd = &c->sides[si];
    struct side_out *so = &f->sides[si];
    struct row *row = funder_row(f, fu);
    char day[ISCG_DATE_TEXT_LENGTH], last_day[ISCG_DATE_TEXT_LENGTH];
    int rc;
    if (!row)
        return 0; /* its side has no computed share (the remainder of an unknown cost): nothing to divide */
    iscg_date last;
    iscg__ignore(iscg_date_add_days(&last, d->from, -1, NULL)); /* the date is after the start: the day before is in the period */
    iscg_period before_p = {c->period.start, last};
    iscg_ratio fb, ft;
    if ((rc = iscg_year_fraction(&fb, before_p, c->daycount, err)) != 0 ||
        (rc = iscg_year_fraction(&ft, c->period, c->daycount, err)) != 0)
        return rc;
    if (ft.num == 0)
        return iscg__fail(err, ISCG_ERANGE, c->id, "daycount", 0, 0,
                          "convention %s: its period counts for nothing under %s, so %s's withdrawal cannot be "
                          "prorated",
                          c->id, iscg_daycount_name(c->daycount), r->parties[fu->party].id);
    int64_t num, den;
    if (__builtin_mul_overflow(fb.num, ft.den, &num) || __builtin_mul_overflow(fb.den, ft.num, &den))
        return iscg__funding_overflow(err, c, ISCG_N_("the fraction of a withdrawal"));
    iscg_cents before, share = row->amount;
    if ((rc = iscg_money_scale(&before, share, num, den, c->rounding.unit, c->rounding.rounding, err)) != 0)
        return rc;
    if (before > share)
        before = share; /* rounded up past a share that is not a whole unit: it pays no more than its share */
    iscg_cents after = share - before;
    row->amount = before;
    iscg__ignore(iscg_date_format(day, sizeof day, d->from));
    iscg__ignore(iscg_date_format(last_day, sizeof last_day, last));
    iscg_explain *e = iscg__trace_add(&f->trace, row->explain, ISCG_TRACE_WITHDRAWN, "AMD-2", before);
    if (!e)
        return iscg__funding_oom(err, c);
    e->base = share;
    e->ratio = fb;
    e->whole = ft;
    e->daycount = (uint8_t)c->daycount;
    e->date = iscg__pack_date(d->from);
    e->party = (uint32_t)fu->party;
    e->side = (uint32_t)si;
    iscg__trace_rounding(e, &c->rounding);
    if (d->rep >= 0) {
        struct row *nr = &f->rows[f->nrows++]; /* room for one row per withdrawal was made */
        *nr = (struct row){.party = (size_t)d->rep, .side = si, .replaces = (long)fu->party, .amount = after,
                           .rule = "AMD-2"};
        nr->explain = iscg__trace_add(&f->trace, so->node, ISCG_TRACE_REPLACEMENT, "AMD-2", after);
        if (!nr->explain)
            return iscg__funding_oom(err, c);
        nr->explain->party = (uint32_t)d->rep;
        nr->explain->party2 = (uint32_t)fu->party;
        nr->explain->side = (uint32_t)si;
        nr->explain->date = iscg__pack_date(d->from);
        return 0;
    }
    /* the side's other funders still there from the date: room for all */
    SCRATCH(int64_t, w, c->nfunders);
    SCRATCH(iscg_cents, shares, c->nfunders);
    SCRATCH(size_t, which, c->nfunders);
    size_t n = 0;
    rc = !w || !shares || !which ? iscg__funding_oom(err, c) : 0;
    for (size_t k = 0; rc == 0 && k < c->nfunders; k++) {
        const struct funder *o = &c->funders[k];
        if (o->side == si && k != d->funder && !(o->withdrawn && o->replacement < 0) && !is_dated(dated, ndated, k)) {
            w[n] = o->weight;
            which[n++] = k;
        }
    }
    if (rc == 0 && n == 0 && sd->required) /* SPLIT-6 from the date */
        rc = iscg__fail(err, ISCG_ETERMINATED, c->id, sd->name, 0, 0,
                        "convention %s ends on %s: required side %s has no funder from %s (%s withdrawn, not "
                        "replaced)",
                        c->id, last_day, sd->name, day, r->parties[fu->party].id);
    if (rc != 0 || n == 0) {
        SCRATCH_FREE(w);
        SCRATCH_FREE(shares);
        SCRATCH_FREE(which);
        if (rc != 0)
            return rc;
        /* each figure here was rounded on its own: the sums are checked */
        if (iscg__add(&so->drift, so->drift, after) != 0)
            return iscg__funding_overflow(err, c, ISCG_N_("a side's drift"));
        e = iscg__trace_add(&f->trace, so->node, ISCG_TRACE_UNFUNDED_FROM, "AMD-2", after);
        if (!e)
            return iscg__funding_oom(err, c);
        e->side = (uint32_t)si;
        e->date = iscg__pack_date(d->from);
        e->party2 = (uint32_t)fu->party;
        return 0;
    }
    iscg_allocation_rule rule = sd->split;
    rule.weights = ISCG_WEIGHTS_RAW; /* the weights of the funders left need not sum to 100 % */
    if (rule.policy == ISCG_REMAINDER_TO_PARTY && rule.party >= n)
        rule.party = n - 1;
    iscg_cents drift = 0;
    if ((rc = iscg_allocate(shares, &drift, after, w, n, &rule, err)) != 0)
        iscg__funding_named(err, c, rc);
    int64_t wsum = 0;
    for (size_t k = 0; rc == 0 && k < n; k++)
        wsum += w[k]; /* checked by iscg_allocate */
    for (size_t k = 0; rc == 0 && k < n; k++) {
        struct row *to = funder_row(f, &c->funders[which[k]]);
        /* the shares sum to what is taken over, but one share rounded up can
         * be larger than it: checked */
        if (iscg__add(&to->amount, to->amount, shares[k]) != 0) {
            rc = iscg__funding_overflow(err, c, ISCG_N_("a share with what it takes over"));
            break;
        }
        if (!(e = iscg__trace_add(&f->trace, to->explain, ISCG_TRACE_SHARED_FROM, "AMD-2", shares[k]))) {
            rc = iscg__funding_oom(err, c);
            break;
        }
        e->party = (uint32_t)to->party;
        e->party2 = (uint32_t)fu->party;
        e->side = (uint32_t)si;
        e->date = iscg__pack_date(d->from);
        e->base = after;
        e->ratio = (iscg_ratio){w[k], wsum};
        iscg__trace_rounding(e, &rule);
    }
    if (rc == 0 && iscg__add(&so->drift, so->drift, drift) != 0)
        rc = iscg__funding_overflow(err, c, ISCG_N_("a side's drift"));
    if (rc == 0 && drift != 0) {
        if (!(e = iscg__trace_add(&f->trace, so->node, ISCG_TRACE_DRIFT_FROM, "SPLIT-5", drift))) {
            rc = iscg__funding_oom(err, c);
        } else {
            e->party2 = (uint32_t)fu->party;
            e->side = (uint32_t)si;
            e->date = iscg__pack_date(d->from);
        }
    }
    SCRATCH_FREE(w);
    SCRATCH_FREE(shares);
    SCRATCH_FREE(which);
    return rc;
}

int iscg__funding_compute(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s, const char *convention,
                          iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "funding", "no output given for the funding");
    if (!r)
        return ISCG_FAIL(err, ISCG_EINVAL, "funding", "no output or registry given");
    long ci = iscg__convention_index(r, convention);
    if (ci < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, convention, "convention", 0, 0, "convention %s is not known",
                          convention ? convention : "(null)");
    const struct convention *c = &r->conventions[ci];
    if (c->namend > 0) /* AMD-1: its segments, computed one by one and added up */
        return iscg__amend_compute(out, r, s, c, err);
    return iscg__funding_compute_conv(out, r, s, c, c, (iscg_ratio){0, 0}, 0, err);
}

int iscg__funding_compute_conv(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                               const struct convention *c, const struct convention *orig, iscg_ratio seg,
                               int segment, iscg_error *err)
{
    iscg_funding *f;
    size_t nwhat = 0, nwithdraw = 0;
    for (size_t i = 0; s && i < s->n; i++) {
        if (strcmp(s->w[i].convention, c->id) == 0) {
            nwhat++;
            nwithdraw += s->w[i].kind == ISCG_WHATIF_WITHDRAW;
        }
    }
    /* a row more for each withdrawal: a dated one divides a share in two */
    /* room for every record of a plan without what-ifs: the root, a drift,
     * four a side (its share, a cap, a prorata, an extra), two a row (its
     * share, a drift of its side), two a what-if and three a withdrawal */
    size_t nrecords = 2 + 4 * c->nsides + 2 * c->nfunders + 2 * nwhat + 3 * nwithdraw;
    int rc = iscg__funding_alloc(&f, NULL, r, c, orig, c->nfunders + nwithdraw, nwhat > 0, nrecords, err);
    if (rc != 0)
        return rc;
    f->seg = seg;
    SCRATCH(struct dated, dated, nwithdraw);
    size_t ndated = 0;
    if (!dated)
        rc = iscg__funding_oom(err, c);
    if (rc == 0 && nwhat > 0)
        rc = apply_whatifs(f, f->own, s, dated, &ndated, segment, err);
    if (rc == 0) /* SPLIT-7, on the plan the what-ifs left */
        rc = iscg__plan_check(f->c, err);
    if (rc == 0) /* SPLIT-8: a grant's posts make a split */
        rc = iscg__grant_check(r, f->c, err);
    if (rc == 0)
        rc = compute_whole(f, err);
    if (rc == 0 && nwhat > 0)
        rc = explain_whatifs(f, s, err);
    for (size_t k = 0; rc == 0 && k < ndated; k++)
        rc = dated_withdrawal(f, &dated[k], dated, ndated, err);
    if (rc == 0) /* SPLIT-8: the plan's amounts across a grant's posts */
        rc = iscg__grant_split(f, err);
    if (rc == 0)
        rc = iscg__funding_check_total(f, err);
    SCRATCH_FREE(dated);
    if (rc != 0) {
        iscg__funding_named(err, c, rc);
        iscg_funding_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

int iscg_funding_compute(iscg_funding **out, const iscg_registry *r, const char *convention, iscg_error *err)
{
    return iscg__funding_compute(out, r, NULL, convention, err);
}

int iscg_funding_compute_scenario(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                                  const char *convention, iscg_error *err)
{
    return iscg__funding_compute(out, r, s, convention, err);
}

size_t iscg_funding_row_count(const iscg_funding *f) { return f ? f->nrows : 0; }
size_t iscg_funding_side_count(const iscg_funding *f) { return f ? f->nsides : 0; }
iscg_cents iscg_funding_cost(const iscg_funding *f) { return f ? f->cost : 0; }
const iscg_explain *iscg_funding_explain(const iscg_funding *f) { return f ? f->root : NULL; }
const char *iscg_funding_convention(const iscg_funding *f) { return f ? f->c->id : ""; }

iscg_period iscg_funding_period(const iscg_funding *f)
{
    iscg_period zero = {{0, 0, 0}, {0, 0, 0}};
    return f ? f->period : zero;
}

int iscg__funding_check_total(const iscg_funding *f, iscg_error *err)
{
    iscg_cents t = 0;
    for (size_t i = 0; i < f->nrows; i++)
        if (iscg__add(&t, t, f->rows[i].amount) != 0)
            return iscg__funding_overflow(err, f->c, ISCG_N_("the rows' total"));
    return 0;
}

iscg_cents iscg_funding_total(const iscg_funding *f)
{
    iscg_cents t = 0;
    for (size_t i = 0; f && i < f->nrows; i++)
        t += f->rows[i].amount; /* checked by iscg__funding_check_total() before f was given out */
    return t;
}

int iscg_funding_row_get(iscg_funding_row *row, const iscg_funding *f, size_t i)
{
    if (!row || !f || i >= f->nrows)
        return ISCG_EINVAL;
    const struct row *w = &f->rows[i];
    const struct party *p = &f->r->parties[w->party];
    row->party = p->id;
    row->party_name = p->name;
    row->party_kind = p->kind;
    row->side = f->c->sides[w->side].name;
    row->replaces = w->replaces >= 0 ? f->r->parties[w->replaces].id : NULL;
    row->amount = w->amount;
    row->has_stated = 0;
    row->stated = 0;
    for (size_t k = 0; k < f->c->nstated; k++) {
        if (f->c->stated[k].party == w->party) {
            row->has_stated = 1;
            row->stated = f->c->stated[k].amount;
            break;
        }
    }
    row->explain = w->explain;
    row->rule = w->rule;
    return 0;
}

int iscg_funding_find(const iscg_funding *f, const char *party)
{
    for (size_t i = 0; f && party && i < f->nrows; i++)
        if (strcmp(f->r->parties[f->rows[i].party].id, party) == 0)
            return (int)i;
    return ISCG_ENOTFOUND;
}

int iscg_funding_side_get(iscg_funding_side *side, const iscg_funding *f, size_t i)
{
    if (!side || !f || i >= f->nsides)
        return ISCG_EINVAL;
    side->name = f->c->sides[i].name;
    side->rule = f->c->sides[i].rule;
    side->amount = f->sides[i].amount;
    side->drift = f->sides[i].drift;
    return 0;
}

size_t iscg_funding_trace_count(const iscg_funding *f) { return f ? f->trace.n : 0; }

int iscg_funding_trace_get(iscg_trace_record *out, const iscg_funding *f, size_t i)
{
    if (!out || !f || i >= f->trace.n)
        return ISCG_EINVAL;
    return iscg_explain_record(out, iscg__trace_at(&f->trace, (uint32_t)i));
}
