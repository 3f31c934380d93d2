/* SPDX-License-Identifier: Apache-2.0 */
/* The carrier's receivables (RCV-1), reduced for absence (PRO-4) in the
 * convention's own day count, for every day count (RCV-4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"

struct claim {
    size_t convention, debtor;
    size_t post; /* the convention's post, or one of a grant's (SPLIT-8) */
    iscg_cents share, amount;
    iscg_ratio months, absent;
    iscg_explain *explain; /* a record of the receivables' trace */
};

/* RCV-4: a convention whose claims could not be computed, and why. Its
 * identifier is kept by index: the report's source may be cut in its middle. */
struct failure {
    size_t convention;
    iscg_error why;
};

struct iscg_receivables {
    const iscg_registry *r;
    size_t carrier; /* party index */
    int year;
    struct claim *claims;
    size_t n, cap;
    iscg_cents total; /* checked as the claims are added */
    size_t *added;    /* the conventions given to iscg_receivables_add_part(), in the order given */
    size_t nadded;    /* its capacity is iscg__reserve_one()'s */
    int added_sorted; /* 1 while they came in registry order: a repeat is then the last one */
    int complete;     /* computed by iscg_receivables_compute(): no part can be added */
    struct failure *failed; /* RCV-4: the conventions whose claims could not be computed */
    size_t nfailed;         /* its capacity is iscg__reserve_one()'s */
    struct iscg__trace trace; /* the claims' records, each claim's a tree of its own */
};

void iscg_receivables_free(iscg_receivables *rv)
{
    if (!rv)
        return;
    iscg__trace_free(&rv->trace);
    free(rv->claims);
    free(rv->added);
    free(rv->failed);
    iscg_registry_free((iscg_registry *)rv->r); /* the result's reference */
    free(rv);
}


/* RCV-4: a period's length in the convention's own unit: whole or part
 * months for the month counts, days for the others (the year fraction
 * times the days of the day count's year: 360, 365, or the calendar
 * year's for ACT/ACT, p lying within one calendar year). */
static void units_covered(iscg_ratio *out, iscg_period p, iscg_daycount dc)
{
    if (iscg__daycount_in_months(dc)) {
        iscg__months_covered(out, p, dc);
        return;
    }
    iscg_ratio f;
    iscg__year_fraction(&f, p, dc);
    const int64_t basis = dc == ISCG_DAYCOUNT_ACT_365F      ? 365
                          : dc == ISCG_DAYCOUNT_ACT_ACT_ISDA ? (iscg_date_is_leap(p.start.year) ? 366 : 365)
                                                            : 360;
    out->num = f.num * basis; /* a fraction of one year at most: small */
    out->den = f.den;
    iscg__ignore(iscg_ratio_normalize(out));
}

/* The months (or days, RCV-4) of absence or vacancy of a post within a
 * period (PRO-4). Events are taken as recorded; overlapping ones are the
 * recorder's to avoid, and the total is capped at the time covered. */
static void absent_units(iscg_ratio *out, const struct post *p, iscg_period within, iscg_daycount dc)
{
    iscg_ratio sum = {0, 1};
    for (size_t i = 0; i < p->nevents; i++) {
        const struct event *e = &p->events[i];
        iscg_period part;
        int overlaps;
        iscg_ratio m;
        if (e->kind != ISCG_STAFF_ABSENCE && e->kind != ISCG_STAFF_VACANCY)
            continue;
        if (iscg_period_intersect(&part, &overlaps, e->period, within) != 0 || !overlaps)
            continue;
        units_covered(&m, part, dc);
        int64_t g = iscg__gcd(sum.den, m.den);
        sum.num = sum.num * (m.den / g) + m.num * (sum.den / g);
        sum.den = sum.den / g * m.den;
        iscg__ignore(iscg_ratio_normalize(&sum));
    }
    *out = sum;
}

/* Forgets the claims added since there were n of them (and their records,
 * from record nrec on) and takes their amounts back out of the total: a
 * failed addition leaves the receivables as they were. */
static void drop_claims(iscg_receivables *rv, size_t n, uint32_t nrec, iscg_cents total)
{
    rv->n = n;
    iscg__trace_truncate(&rv->trace, nrec);
    rv->total = total;
}

/* The claims of convention c for the year from its part f in the year
 * (RCV-1), reduced for the post's absences within `within`, the days of the
 * year the convention covers (PRO-4); a grant for several posts (SPLIT-8)
 * claims each post's part of each share apart, reduced for that post's own
 * absences. On failure, rv is left as it was. */
static int add_claims(iscg_receivables *rv, const struct convention *c, const iscg_funding *f, iscg_period within,
                      iscg_error *err)
{
    const iscg_registry *r = rv->r;
    const size_t n0 = rv->n;
    const uint32_t nrec0 = rv->trace.n;
    const iscg_cents total0 = rv->total;
    const size_t nposts = iscg_funding_post_count(f) ? iscg_funding_post_count(f) : 1;
    int rc = 0;
    iscg_ratio months;
    units_covered(&months, within, c->daycount); /* a valid period within one year */
    for (size_t i = 0; rc == 0 && i < f->nrows; i++) {
        const struct row *w = &f->rows[i];
        if (w->party == rv->carrier)
            continue; /* the carrier does not bill itself */
        for (size_t q = 0; rc == 0 && q < nposts; q++) {
            const size_t post = nposts > 1 ? c->gposts[q].post : c->post;
            iscg_cents share = w->amount;
            if (nposts > 1)
                iscg__ignore(iscg_funding_post_share(&share, f, q, i)); /* indices within the split */
            iscg_ratio absent;
            absent_units(&absent, &r->posts[post], within, c->daycount);
            /* present = (months - absent) / months, as one ratio; absent capped at months */
            int64_t pn = months.num * absent.den - absent.num * months.den, pd = months.num * absent.den;
            if (pn < 0) { /* overlapping absences and vacancies: never more than the period */
                pn = 0;
                absent = months;
            }
            if (rv->n == rv->cap) {
                size_t ncap = rv->cap ? 2 * rv->cap : 8;
                struct claim *bigger = realloc(rv->claims, ncap * sizeof *bigger);
                if (!bigger) {
                    rc = iscg__fail(err, ISCG_ENOMEM, c->id, "receivables", 0, 0, "out of memory");
                    break;
                }
                rv->claims = bigger;
                rv->cap = ncap;
            }
            struct claim *cl = &rv->claims[rv->n];
            memset(cl, 0, sizeof *cl);
            cl->convention = (size_t)(c - r->conventions);
            cl->post = post;
            cl->debtor = w->party;
            cl->share = share;
            cl->months = months;
            cl->absent = absent;
            if (months.num == 0 || absent.num == 0)
                cl->amount = share;
            else if ((rc = iscg_money_scale(&cl->amount, share, pn, pd, c->rounding.unit, c->rounding.rounding,
                                            err)) != 0)
                break;
            rv->trace.convention = (uint32_t)cl->convention;
            cl->explain = iscg__trace_add(&rv->trace, NULL, ISCG_TRACE_CLAIM, "RCV-1", cl->amount);
            /* out of memory, a claim must not lose the step that reduced it */
            iscg_explain *reduced = NULL;
            if (!cl->explain || !iscg__trace_copy(&rv->trace, cl->explain, w->explain) ||
                (absent.num != 0 &&
                 !(reduced = iscg__trace_add(&rv->trace, cl->explain, ISCG_TRACE_ABSENCE, "PRO-4", cl->amount)))) {
                rc = iscg__fail(err, ISCG_ENOMEM, c->id, "receivables", 0, 0, "out of memory");
                break;
            }
            cl->explain->party = (uint32_t)w->party;
            cl->explain->side = (uint32_t)w->side;
            cl->explain->base = share;
            cl->explain->ratio = months;
            cl->explain->whole = absent;
            cl->explain->daycount = (uint8_t)c->daycount;
            cl->explain->year = rv->year;
            if (nposts > 1)
                cl->explain->post = (uint32_t)post;
            iscg__trace_rounding(cl->explain, &c->rounding);
            if (reduced) {
                reduced->ratio = absent;
                reduced->post = (uint32_t)post;
                reduced->daycount = (uint8_t)c->daycount;
            }
            if (iscg__add(&rv->total, rv->total, cl->amount) != 0) {
                rc = iscg__fail(err, ISCG_EOVERFLOW, c->id, "receivables", 0, 0,
                                "the claims' total overflows 64-bit cents");
                break;
            }
            rv->n++;
        }
    }
    if (rc != 0)
        drop_claims(rv, n0, nrec0, total0);
    return rc;
}

/* The days of rv's year that convention c covers, in *within, with
 * *overlaps 0 when it covers none. Any day count (RCV-4). */
static int year_within(iscg_period *within, int *overlaps, const iscg_receivables *rv, const struct convention *c,
                       iscg_error *err)
{
    (void)err;
    /* a registry's periods are valid: the calendar year's days in it are
     * the period itself, cut at the year's first and last day */
    *overlaps = iscg__touches_year(c->period, rv->year);
    if (!*overlaps)
        return 0;
    within->start = rv->year > c->period.start.year ? (iscg_date){rv->year, 1, 1} : c->period.start;
    within->end = rv->year < c->period.end.year ? (iscg_date){rv->year, 12, 31} : c->period.end;
    return 0;
}

/* Receivables with no claim yet: the checks shared by iscg_receivables_new()
 * and iscg_receivables_compute(). */
static int receivables_new(iscg_receivables **out, const iscg_registry *r, const char *carrier, int year,
                           iscg_error *err)
{
    if (!out || !r)
        return ISCG_FAIL(err, ISCG_EINVAL, "receivables", "no output or registry given");
    long ci = iscg__party_index(r, carrier);
    if (ci < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, carrier, "carrier", 0, 0, "carrier %s is not a known party",
                          carrier ? carrier : "(null)");
    if (year < 1 || year > 9999)
        return iscg__fail(err, ISCG_EDATE, carrier, "year", 0, 0, "year %d is outside 1..9999", year);
    iscg_receivables *rv = malloc(sizeof *rv); /* not calloc: see funding_alloc() in funding.c */
    if (!rv)
        return ISCG_FAIL(err, ISCG_ENOMEM, "receivables", "out of memory");
    *rv = (iscg_receivables){0};
    rv->r = iscg__registry_ref(r);
    /* a first chunk of 16 records, not 64: most carriers bill a few
     * conventions a year (about 3 records a claim, 8 claims a post), and a
     * dataset of many small carriers kept mostly empty chunks */
    iscg__trace_init(&rv->trace, r, NULL, 16);
    rv->carrier = (size_t)ci;
    rv->year = year;
    rv->added_sorted = 1;
    *out = rv;
    return 0;
}

int iscg_receivables_new(iscg_receivables **out, const iscg_registry *r, const char *carrier, int year,
                         iscg_error *err)
{
    return receivables_new(out, r, carrier, year, err);
}

int iscg_receivables_compute(iscg_receivables **out, const iscg_registry *r, const char *carrier, int year,
                             iscg_error *err)
{
    return iscg_receivables_compute_scenario(out, r, NULL, carrier, year, err);
}

int iscg_receivables_compute_scenario(iscg_receivables **out, const iscg_registry *r, const iscg_scenario *s,
                                      const char *carrier, int year, iscg_error *err)
{
    iscg_receivables *rv;
    int rc = receivables_new(out ? &rv : NULL, r, carrier, year, err);
    if (rc != 0)
        return rc;
    const struct party *carrier_party = &r->parties[rv->carrier];
    for (size_t k = 0; rc == 0 && k < carrier_party->ncarried; k++) {
        const struct convention *c = &r->conventions[carrier_party->carried[k]];
        struct convention view = *c; /* with the scenario's period (AMD-3) */
        view.period = iscg__scenario_period(s, c);
        iscg_period within;
        int overlaps;
        iscg_funding *f;
        if ((rc = year_within(&within, &overlaps, rv, &view, err)) != 0 || !overlaps)
            continue;
        iscg_error why;
        memset(&why, 0, sizeof why);
        if ((rc = iscg_funding_compute_year_scenario(&f, r, s, c->id, year, c->daycount, &why)) == 0) {
            rc = add_claims(rv, c, f, within, &why);
            iscg_funding_free(f);
        }
        /* RCV-4: a convention that cannot be claimed is reported on its own,
         * and the carrier's other claims still come; only a lack of memory or
         * a total beyond 64 bits stops them */
        if (rc != 0 && rc != ISCG_ENOMEM && rc != ISCG_EOVERFLOW) {
            if (iscg__reserve_one(&rv->failed, rv->nfailed, sizeof *rv->failed) == 0) {
                /* the failure names its convention, whichever step failed,
                 * cut in its middle as every report's source is (error.h) */
                iscg__shorten(why.source, sizeof why.source, c->id);
                rv->failed[rv->nfailed].convention = carrier_party->carried[k];
                rv->failed[rv->nfailed++].why = why;
                rc = 0;
            } else {
                rc = ISCG_FAIL(err, ISCG_ENOMEM, "receivables", "out of memory");
            }
        } else if (rc != 0 && err) {
            *err = why;
        }
    }
    if (rc != 0) {
        iscg_receivables_free(rv);
        return rc;
    }
    rv->complete = 1;
    *out = rv;
    return 0;
}

/* 1 if convention ci was given to rv already; else records it (0), or
 * fails out of memory. */
static int seen_before(iscg_receivables *rv, size_t ci, iscg_error *err)
{
    if (rv->nadded > 0 && !(rv->added_sorted && ci > rv->added[rv->nadded - 1]))
        for (size_t k = 0; k < rv->nadded; k++)
            if (rv->added[k] == ci)
                return 1;
    if (iscg__reserve_one(&rv->added, rv->nadded, sizeof *rv->added) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "receivables", "out of memory");
    if (rv->nadded > 0 && ci < rv->added[rv->nadded - 1])
        rv->added_sorted = 0;
    rv->added[rv->nadded++] = ci;
    return 0;
}

int iscg_receivables_add_part(iscg_receivables *rv, const iscg_funding *part, iscg_error *err)
{
    if (!rv || !part)
        return ISCG_FAIL(err, ISCG_EINVAL, "receivables", "no receivables or part given");
    const struct convention *c = part->c;
    const iscg_registry *r = rv->r;
    const char *carrier = r->parties[rv->carrier].id;
    if (rv->complete)
        return iscg__fail(err, ISCG_ESTATE, c->id, "receivables", 0, 0,
                          "convention %s: the receivables of %s for %d were computed whole, with every "
                          "convention's part already",
                          c->id, carrier, rv->year);
    if (part->r != r)
        return iscg__fail(err, ISCG_EINVAL, c->id, "part", 0, 0,
                          "convention %s was computed from another registry than the receivables of %s", c->id,
                          carrier);
    if (!part->part)
        return iscg__fail(err, ISCG_EINVAL, c->id, "part", 0, 0,
                          "convention %s: the result given is its whole period, not its part in %d "
                          "(iscg_funding_compute_part())",
                          c->id, rv->year);
    if (part->period.start.year != rv->year)
        return iscg__fail(err, ISCG_EINVAL, c->id, "year", 0, 0,
                          "convention %s: the part given is its part in %d, and the receivables are for %d", c->id,
                          part->period.start.year, rv->year);
    if (r->posts[c->post].carrier != rv->carrier)
        return iscg__fail(err, ISCG_EINVAL, c->id, "carrier", 0, 0,
                          "convention %s: its post %s is carried by %s, not by %s", c->id, r->posts[c->post].id,
                          r->parties[r->posts[c->post].carrier].id, carrier);
    iscg_period within = part->period; /* the part's days are the year's in the period */
    int overlaps, rc;
    /* a part in the year overlaps it: the part holds its registry, which
     * cannot have changed since the part was computed */
    if ((rc = year_within(&within, &overlaps, rv, c, err)) != 0)
        return rc;
    if (part->daycount != c->daycount)
        return iscg__fail(err, ISCG_EINVAL, c->id, "daycount", 0, 0,
                          "convention %s: its part was computed under %s, and its receivables count under its own "
                          "day count, %s",
                          c->id, iscg_daycount_name(part->daycount), iscg_daycount_name(c->daycount));
    size_t ci = (size_t)(part->orig - r->conventions);
    if ((rc = seen_before(rv, ci, err)) < 0)
        return rc;
    if (rc == 1)
        return iscg__fail(err, ISCG_EDUPLICATE, c->id, "part", 0, 0,
                          "convention %s: its part in %d was added to the receivables of %s already", c->id,
                          rv->year, carrier);
    if ((rc = add_claims(rv, part->orig, part, within, err)) != 0)
        rv->nadded--; /* not added after all */
    return rc;
}

size_t iscg_receivables_count(const iscg_receivables *rv) { return rv ? rv->n : 0; }

int iscg_receivables_get(iscg_receivable *out, const iscg_receivables *rv, size_t i)
{
    if (!out || !rv || i >= rv->n)
        return ISCG_EINVAL;
    const struct claim *cl = &rv->claims[i];
    const struct convention *c = &rv->r->conventions[cl->convention];
    out->convention = c->id;
    out->post = rv->r->posts[cl->post].id;
    out->debtor = rv->r->parties[cl->debtor].id;
    out->debtor_name = rv->r->parties[cl->debtor].name;
    out->share = cl->share;
    out->months = cl->months;
    out->absent = cl->absent;
    out->amount = cl->amount;
    out->explain = cl->explain;
    out->rule = "RCV-1";
    return 0;
}

iscg_cents iscg_receivables_total(const iscg_receivables *rv)
{
    return rv ? rv->total : 0;
}

size_t iscg_receivables_failure_count(const iscg_receivables *rv) { return rv ? rv->nfailed : 0; }

int iscg_receivables_failure_get(iscg_error *out, const iscg_receivables *rv, size_t i)
{
    if (!out || !rv || i >= rv->nfailed)
        return ISCG_EINVAL;
    *out = rv->failed[i].why;
    return 0;
}

const char *iscg_receivables_failure_convention(const iscg_receivables *rv, size_t i)
{
    return rv && i < rv->nfailed ? rv->r->conventions[rv->failed[i].convention].id : NULL;
}
