/* SPDX-License-Identifier: Apache-2.0 */
/* Fiscal-year parts (PRO-3): a whole-period result's part in one calendar
 * year, each amount scaled by the year's fraction of the period and rounded,
 * the last year taking what the earlier ones leave so that the parts add up
 * to the whole; and the shortcuts that compute a year from a convention. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "funding_internal.h"
#include "grant.h"
#include "i18n.h"

iscg_period iscg__year_part(iscg_period p, int y)
{
    iscg_period part = p;
    if (y > p.start.year)
        part.start = (iscg_date){y, 1, 1};
    if (y < p.end.year)
        part.end = (iscg_date){y, 12, 31};
    return part;
}

/* PRO-3: the factors by which the shares of fiscal-year part t are scaled,
 * each a part's fraction of the whole: its own, or for the last part those
 * of the earlier parts it completes. Found once for every share. */
static int part_factors(iscg_ratio *factors, const iscg_ratio *fractions, size_t nparts, size_t t, iscg_ratio total,
                        iscg_error *err)
{
    size_t first = t + 1 < nparts ? t : 0, end = t + 1 < nparts ? t + 1 : t;
    for (size_t k = first; k < end; k++)
        if (__builtin_mul_overflow(fractions[k].num, total.den, &factors[k].num) ||
            __builtin_mul_overflow(fractions[k].den, total.num, &factors[k].den))
            return ISCG_FAIL(err, ISCG_EOVERFLOW, "period", "the year fractions are too fine to combine");
    return 0;
}

/* PRO-3: an amount's share of fiscal-year part t: the part's fraction of the
 * whole, rounded; the last part is the complement, so the parts add up.
 * Earlier parts rounded away from zero can add up to more than the amount
 * (819.42 EUR over four whole months, all of them in the first year, rounded
 * up to whole euros: 820 EUR, and -0.58 EUR left for the last year): the
 * complement would then have the wrong sign, and the part is refused rather
 * than given. party names the funder whose share it is, NULL for the cost;
 * year is the last part's. */
static int part_share(iscg_cents *out, iscg_cents amount, const iscg_ratio *factors, size_t nparts, size_t t,
                      const iscg_allocation_rule *rule, const char *party, int year, iscg_error *err)
{
    if (t + 1 < nparts)
        return iscg_money_scale(out, amount, factors[t].num, factors[t].den, rule->unit, rule->rounding, err);
    iscg_cents earlier = 0, last;
    for (size_t k = 0; k + 1 < nparts; k++) {
        iscg_cents x;
        int rc = iscg_money_scale(&x, amount, factors[k].num, factors[k].den, rule->unit, rule->rounding, err);
        if (rc != 0)
            return rc;
        if (iscg__add(&earlier, earlier, x) != 0)
            return ISCG_FAIL(err, ISCG_EOVERFLOW, "rounding",
                             "the parts of an amount in the years before %d overflow 64-bit cents", year);
    }
    if (iscg__sub(&last, amount, earlier) != 0)
        return ISCG_FAIL(err, ISCG_EOVERFLOW, "rounding", "the part of an amount left to %d overflows 64-bit cents",
                         year);
    if ((amount >= 0 && last < 0) || (amount <= 0 && last > 0)) {
        char a[48], e[48], l[48];
        const char *rounding = iscg_rounding_name(rule->rounding);
        iscg__euros(a, amount);
        iscg__euros(e, earlier);
        iscg__euros(l, last);
        if (party)
            return ISCG_FAIL(err, ISCG_ERANGE, "rounding",
                             "the parts of %s's share of %s in the years before %d, rounded %s, add up to %s: "
                             "%d would be left %s",
                             party, a, year, rounding, e, year, l);
        return ISCG_FAIL(err, ISCG_ERANGE, "rounding",
                         "the parts of the cost of %s in the years before %d, rounded %s, add up to %s: "
                         "%d would be left %s",
                         a, year, rounding, e, year, l);
    }
    *out = last;
    return 0;
}

/* iscg_funding_compute_part(), its result in a block of arena (may be NULL). */
static int compute_part(iscg_funding **out, struct iscg__arena *arena, const iscg_funding *whole, int year,
                        iscg_daycount daycount, iscg_error *err)
{
    iscg_funding *f = NULL;
    size_t nparts = 0, t = 0;
    int rc = 0;
    if (!out || !whole)
        return ISCG_FAIL(err, ISCG_EINVAL, "funding", "no output or whole-period result given");
    if (whole->part)
        return iscg__fail(err, ISCG_EINVAL, whole->c->id, "funding", 0, 0,
                          "convention %s: the result given is already the part of a year", whole->c->id);
    if (!iscg_daycount_name(daycount))
        return ISCG_FAIL(err, ISCG_EINVAL, "daycount", "day count %d is not known", (int)daycount);
    if (whole->amend) /* AMD-1: each segment's part of the year, added up */
        return iscg__amend_part(out, whole, year, daycount, err);
    const struct convention *c = whole->c;
    const iscg_registry *r = whole->r;
    iscg_ratio total = {0, 1};
    /* the calendar years of the period, as iscg_period_split_years() gives
     * them from January: part k is year start + k (a registry's periods are valid) */
    nparts = (size_t)(c->period.end.year - c->period.start.year) + 1;
    SCRATCH(iscg_ratio, fractions, nparts);
    SCRATCH(iscg_ratio, factors, nparts);
    if (!fractions || !factors)
        rc = iscg__funding_oom(err, c);
    for (size_t k = 0; rc == 0 && k < nparts; k++) /* each is found before it is read, as the analyzer cannot tell */
        fractions[k] = factors[k] = (iscg_ratio){0, 1};
    if (rc == 0 && !iscg__touches_year(c->period, year))
        rc = iscg__fail(err, ISCG_ERANGE, c->id, "year", 0, 0, "convention %s does not cover any day of %d", c->id, year);
    if (rc == 0)
        t = (size_t)(year - c->period.start.year);
    /* the fractions part_factors() reads: the year's own, and the earlier
     * ones the last part completes (its own then only explains it); the period
     * and its parts are valid, as a registry keeps them, and the day count
     * was checked above */
    for (size_t k = 0; rc == 0 && k <= t; k++)
        if (k < t || t + 1 < nparts || whole->root)
            iscg__year_fraction(&fractions[k], iscg__year_part(c->period, c->period.start.year + (int)k), daycount);
    if (rc == 0)
        iscg__year_fraction(&total, c->period, daycount);
    if (rc == 0 && total.num == 0)
        rc = iscg__fail(err, ISCG_ERANGE, c->id, "daycount", 0, 0, "convention %s: its period counts for nothing under %s",
                        c->id, iscg_daycount_name(daycount));
    if (rc == 0) /* its own copy of a scenario's convention: the part does not depend on whole */
        rc = iscg__funding_alloc(&f, arena, r, c, whole->orig, whole->nrows, c != whole->orig,
                                 1 + whole->trace.n + whole->nrows, err);
    if (rc == 0) {
        f->part = 1;
        f->daycount = daycount;
        f->period = iscg__year_part(c->period, year);
        f->nsides = whole->nsides;
        f->root = iscg__trace_add(&f->trace, NULL, ISCG_TRACE_PART, "PRO-3", 0);
        if (!f->root) {
            rc = iscg__funding_oom(err, c);
        } else {
            f->root->ratio = fractions[t];
            f->root->whole = total;
            f->root->daycount = (uint8_t)daycount;
            f->root->year = year;
            iscg__trace_period(f->root, f->period);
            f->root->value = t + 1 == nparts && nparts > 1; /* 1: the last part takes what the others leave */
            iscg__trace_rounding(f->root, &c->rounding);
        }
    }
    if (rc == 0 && (whole->cost >= 0 || whole->nrows > 0))
        rc = part_factors(factors, fractions, nparts, t, total, err);
    if (rc == 0 && whole->cost < 0)
        f->cost = ISCG_UNKNOWN; /* no cost stated: no part of it either */
    else if (rc == 0)
        rc = part_share(&f->cost, whole->cost, factors, nparts, t, &c->rounding, NULL, year, err);
    for (size_t i = 0; rc == 0 && i < whole->nrows; i++) {
        const struct row *w = &whole->rows[i];
        struct row *row = &f->rows[f->nrows];
        *row = *w;
        row->explain = NULL;
        row->rule = "PRO-3";
        if ((rc = part_share(&row->amount, w->amount, factors, nparts, t, &c->rounding, r->parties[w->party].id, year,
                             err)) != 0)
            break;
        f->nrows++;
        /* the parts of a side's rows, each rounded on its own, are summed
         * here for the first time: checked, as the fuzzer found them overflow */
        if (iscg__add(&f->sides[w->side].amount, f->sides[w->side].amount, row->amount) != 0) {
            rc = iscg__funding_overflow(err, c, ISCG_N_("a side's part of the year"));
            break;
        }
        iscg_explain *e = iscg__trace_add(&f->trace, f->root, ISCG_TRACE_PART_SHARE, "PRO-3", row->amount);
        row->explain = e;
        if (!e || !iscg__trace_copy(&f->trace, e, w->explain)) {
            rc = iscg__funding_oom(err, c);
            break;
        }
        e->party = (uint32_t)row->party;
        e->party2 = w->replaces >= 0 ? (uint32_t)w->replaces : ISCG__NONE;
        e->side = (uint32_t)w->side;
        e->base = w->amount;
        e->ratio = t + 1 < nparts ? factors[t] : (iscg_ratio){0, 0};
        e->daycount = (uint8_t)daycount;
        e->year = year;
        iscg__trace_rounding(e, &c->rounding);
    }
    if (rc == 0) /* SPLIT-8: the year's amounts across a grant's posts */
        rc = iscg__grant_split(f, err);
    if (rc == 0)
        rc = iscg__funding_check_total(f, err);
    SCRATCH_FREE(fractions);
    SCRATCH_FREE(factors);
    if (rc != 0) {
        iscg__funding_named(err, c, rc);
        iscg_funding_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

int iscg_funding_compute_part(iscg_funding **out, const iscg_funding *whole, int year, iscg_daycount daycount,
                              iscg_error *err)
{
    return compute_part(out, NULL, whole, year, daycount, err);
}

int iscg_funding_compute_year(iscg_funding **out, const iscg_registry *r, const char *convention, int year,
                              iscg_daycount daycount, iscg_error *err)
{
    return iscg_funding_compute_year_scenario(out, r, NULL, convention, year, daycount, err);
}

int iscg_funding_compute_year_scenario(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                                       const char *convention, int year, iscg_daycount daycount, iscg_error *err)
{
    return iscg__funding_compute_year_in(out, NULL, r, s, convention, year, daycount, err);
}

int iscg__funding_compute_year_in(iscg_funding **out, struct iscg__arena *arena, const iscg_registry *r,
                                  const iscg_scenario *s, const char *convention, int year, iscg_daycount daycount,
                                  iscg_error *err)
{
    iscg_funding *whole;
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "funding", "no output given");
    if (!iscg_daycount_name(daycount))
        return ISCG_FAIL(err, ISCG_EINVAL, "daycount", "day count %d is not known", (int)daycount);
    int rc = iscg_funding_compute_scenario(&whole, r, s, convention, err);
    if (rc != 0)
        return rc;
    rc = compute_part(out, arena, whole, year, daycount, err);
    iscg_funding_free(whole);
    return rc;
}
