/* SPDX-License-Identifier: Apache-2.0 */
/* Reports: the computations a command or a notebook shows, gathered once
 * into rows (funding of a year or of whole periods, carriers, receivables,
 * merged deadlines, budget lines, audit findings). Reports read the registry
 * through its public functions and never compute a share themselves: the
 * figures come from funding.c, receivables.c, audit.c and calendar.c. */
#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "funding_internal.h"
#include "hashindex.h"
#include "internal.h"

/* One growable array of fixed-size elements. */
int iscg_report_period_touches(iscg_period period, int year)
{
    return iscg__touches_year(period, year);
}

/* ---- years --------------------------------------------------------------- */

int iscg_report_years(int *years, size_t capacity, size_t *count, const iscg_dataset *ds, int what)
{
    if (!count || !ds || (!years && capacity > 0) || what <= 0 || what > ISCG_REPORT_ALL)
        return ISCG_EINVAL;
    /* the distinct years are found in a set of every year (1..9999), so that
     * the count is exact whatever the capacity */
    unsigned char *seen = calloc(10000, 1);
    if (!seen)
        return ISCG_ENOMEM;
    const iscg_registry *r = iscg_dataset_registry(ds);
    for (size_t i = 0; (what & ISCG_REPORT_CONVENTIONS) && i < iscg_registry_convention_count(r); i++) {
        iscg_convention_spec c;
        if (iscg_convention_get(&c, r, iscg_registry_convention_id(r, i), NULL) == 0)
            seen[c.period.start.year] = 1;
    }
    for (size_t i = 0; (what & ISCG_REPORT_BUDGET) && i < iscg_dataset_budget_count(ds); i++) {
        iscg_dataset_budget b;
        if (iscg_dataset_budget_get(&b, ds, i) == 0 && b.year >= 1 && b.year <= 9999)
            seen[b.year] = 1;
    }
    const iscg_stats *s = iscg_dataset_stats(ds);
    for (size_t i = 0; (what & ISCG_REPORT_ACTIVITY) && i < iscg_stats_count(s); i++) {
        iscg_activity a;
        if (iscg_stats_get(&a, s, i) == 0)
            seen[a.period.start.year] = 1;
    }
    size_t n = 0;
    for (int y = 1; y <= 9999; y++) {
        if (!seen[y])
            continue;
        if (n < capacity)
            years[n] = y;
        n++;
    }
    free(seen);
    *count = n;
    return 0;
}

/* That the dataset holds none of the kinds of data in what: one whole
 * sentence for each combination, so that each translates as a whole. */
static int no_data(iscg_error *err, int what)
{
    switch (what & ISCG_REPORT_ALL) {
    case ISCG_REPORT_CONVENTIONS:
        return ISCG_FAIL(err, ISCG_ENOTFOUND, "year", "the dataset holds no conventions");
    case ISCG_REPORT_BUDGET:
        return ISCG_FAIL(err, ISCG_ENOTFOUND, "year", "the dataset holds no budget lines");
    case ISCG_REPORT_ACTIVITY:
        return ISCG_FAIL(err, ISCG_ENOTFOUND, "year", "the dataset holds no activity records");
    case ISCG_REPORT_CONVENTIONS | ISCG_REPORT_BUDGET:
        return ISCG_FAIL(err, ISCG_ENOTFOUND, "year", "the dataset holds no conventions nor budget lines");
    case ISCG_REPORT_CONVENTIONS | ISCG_REPORT_ACTIVITY:
        return ISCG_FAIL(err, ISCG_ENOTFOUND, "year", "the dataset holds no conventions nor activity records");
    case ISCG_REPORT_BUDGET | ISCG_REPORT_ACTIVITY:
        return ISCG_FAIL(err, ISCG_ENOTFOUND, "year", "the dataset holds no budget lines nor activity records");
    default:
        return ISCG_FAIL(err, ISCG_ENOTFOUND, "year",
                         "the dataset holds no conventions nor budget lines nor activity records");
    }
}

int iscg_report_latest_year(int *year, const iscg_dataset *ds, int what, iscg_error *err)
{
    if (!year || !ds || what <= 0 || what > ISCG_REPORT_ALL)
        return ISCG_FAIL(err, ISCG_EINVAL, "year", "no output or dataset given, or no kind of data (%d)", what);
    size_t n = 0;
    int rc = iscg_report_years(NULL, 0, &n, ds, what);
    int *years = rc == 0 && n > 0 ? calloc(n, sizeof *years) : NULL;
    if (rc == 0 && n > 0 && !years)
        rc = ISCG_ENOMEM;
    if (rc == 0 && n > 0)
        rc = iscg_report_years(years, n, &n, ds, what);
    if (rc == ISCG_ENOMEM)
        ISCG_FAIL(err, rc, "year", "out of memory while listing the dataset's years");
    else if (rc == 0 && n == 0)
        rc = no_data(err, what);
    else if (rc == 0)
        *year = years[n - 1];
    free(years);
    return rc;
}

/* ---- carriers ------------------------------------------------------------ */

int iscg_report_carriers(const char **carriers, size_t capacity, size_t *count, const iscg_registry *r)
{
    if (!count || !r || (!carriers && capacity > 0))
        return ISCG_EINVAL;
    size_t n = 0;
    for (size_t i = 0; i < iscg_registry_post_count(r); i++) {
        iscg_post_spec p;
        if (iscg_post_get(&p, r, iscg_registry_post_id(r, i), NULL) != 0)
            continue;
        /* a carrier first met at post i carries no post before i */
        int first = 1;
        for (size_t k = 0; first && k < i; k++) {
            iscg_post_spec q;
            first = iscg_post_get(&q, r, iscg_registry_post_id(r, k), NULL) != 0 || strcmp(q.carrier, p.carrier) != 0;
        }
        if (!first)
            continue;
        if (n < capacity)
            carriers[n] = p.carrier;
        n++;
    }
    *count = n;
    return 0;
}

/* ---- funding ------------------------------------------------------------- */

struct plan {
    const char *convention;
    iscg_convention_spec c;
    iscg_post_spec p;
    const char *carrier_name;
    iscg_funding *f; /* NULL when it failed */
    int code;
    char *text; /* why it failed, else NULL: the few failures' sentences are
                   not room in every plan, which a national report has by the 100 000 */
};

struct frow {
    size_t plan, row;
};

/* SPLIT-8: a post's part of a row of a grant's plan. */
struct prow {
    size_t plan, post, row;
};

struct iscg_report_funding {
    struct plan *plans;
    size_t nplans, cap;
    struct frow *rows;
    size_t nrows, rcap;
    struct prow *prows; /* SPLIT-8: the rows by post of the grants */
    size_t nprows, pcap;
    size_t *failed;
    size_t nfailed;
    int year;         /* the year the conventions touch, 0 for all */
    int part;         /* 1: each plan is the year's part, 0: the whole period */
    const char *post; /* only this post's conventions, or NULL for all */
    const iscg_scenario *s; /* the what-ifs applied while computing (AMD-3), or NULL; not kept */
    iscg_cents totals[ISCG_PARTY_KIND_COUNT];
    struct iscg__arena arena; /* the blocks of the plans that are a year's part */
};

void iscg_report_funding_free(iscg_report_funding *rf)
{
    if (!rf)
        return;
    for (size_t i = 0; i < rf->nplans; i++) {
        iscg_funding_free(rf->plans[i].f);
        free(rf->plans[i].text);
    }
    iscg__arena_free(&rf->arena); /* once no plan is left in it */
    free(rf->plans);
    free(rf->rows);
    free(rf->prows);
    free(rf->failed);
    free(rf);
}

/* 1 when convention id is a grant that names post among its posts (SPLIT-8). */
static int grant_names(const iscg_registry *r, const char *id, const char *post)
{
    for (size_t i = 0; i < iscg_convention_post_count(r, id); i++) {
        const char *p = NULL;
        if (iscg_convention_post_get(&p, NULL, r, id, i) == 0 && strcmp(p, post) == 0)
            return 1;
    }
    return 0;
}

/* Computes convention id's plan for rf's year into a new plan of rf. Only
 * ISCG_ENOMEM and ISCG_EOVERFLOW of the totals stop the report: any other
 * failure is the plan's. */
static int add_plan(iscg_report_funding *rf, const iscg_registry *r, const char *id, iscg_error *err)
{
    iscg_convention_spec c;
    iscg_post_spec p;
    const char *carrier_name = NULL;
    /* the registry's own identifiers: each is found */
    int rc = iscg_convention_get(&c, r, id, err);
    if (rc == 0) {
        /* the period the computation uses: a scenario's (AMD-3), else as
         * the amendments end it (AMD-1) */
        c.period = iscg__scenario_period(rf->s, &r->conventions[iscg__convention_index(r, id)]);
        rc = iscg_post_get(&p, r, c.post, err);
    }
    if (rc == 0)
        rc = iscg_party_get(NULL, &carrier_name, r, p.carrier, err);
    if (rc != 0)
        return rc;
    if ((rf->year && !iscg__touches_year(c.period, rf->year)) ||
        (rf->post && strcmp(c.post, rf->post) != 0 && !grant_names(r, id, rf->post)))
        return 0;
    if (iscg__reserve(&rf->plans, &rf->cap, rf->nplans + 1, sizeof *rf->plans) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "funding", "out of memory for the funding report");
    struct plan *pl = &rf->plans[rf->nplans];
    memset(pl, 0, sizeof *pl);
    pl->convention = c.id;
    pl->c = c;
    pl->p = p;
    pl->carrier_name = carrier_name;
    iscg_error e;
    rc = rf->part ? iscg__funding_compute_year_in(&pl->f, &rf->arena, r, rf->s, id, rf->year, c.daycount, &e)
                  : iscg_funding_compute_scenario(&pl->f, r, rf->s, id, &e);
    if (rc == ISCG_ENOMEM) {
        if (err)
            *err = e;
        return rc;
    }
    if (rc != 0) {
        pl->f = NULL;
        pl->code = rc;
        if (!(pl->text = strdup(e.text)))
            return ISCG_FAIL(err, ISCG_ENOMEM, "funding", "out of memory for the funding report");
        rf->nplans++;
        return 0;
    }
    rf->nplans++;
    for (size_t k = 0; k < iscg_funding_row_count(pl->f); k++) {
        iscg_funding_row row;
        iscg__ignore(iscg_funding_row_get(&row, pl->f, k)); /* k < the plan's row count */
        if (iscg__reserve(&rf->rows, &rf->rcap, rf->nrows + 1, sizeof *rf->rows) != 0)
            return ISCG_FAIL(err, ISCG_ENOMEM, "funding", "out of memory for the funding report");
        rf->rows[rf->nrows++] = (struct frow){rf->nplans - 1, k};
        if (iscg__add(&rf->totals[row.party_kind], rf->totals[row.party_kind], row.amount) != 0)
            return ISCG_FAIL(err, ISCG_EOVERFLOW, "totals",
                             "the total paid by funders of kind %s overflows (convention %s)",
                             iscg_party_kind_name(row.party_kind), c.id);
    }
    for (size_t q = 0; q < iscg_funding_post_count(pl->f); q++) /* SPLIT-8: each post's part of each row */
        for (size_t k = 0; k < iscg_funding_row_count(pl->f); k++) {
            if (iscg__reserve(&rf->prows, &rf->pcap, rf->nprows + 1, sizeof *rf->prows) != 0)
                return ISCG_FAIL(err, ISCG_ENOMEM, "funding", "out of memory for the funding report");
            rf->prows[rf->nprows++] = (struct prow){rf->nplans - 1, q, k};
        }
    return 0;
}

/* The funding report of the conventions that touch year (all with 0) and
 * fund post (all with NULL), each plan the year's part or the whole period. */
static int funding_report(iscg_report_funding **out, const iscg_registry *r, const iscg_scenario *s,
                          const char *post, int year, int part, iscg_error *err)
{
    iscg_report_funding *rf = calloc(1, sizeof *rf);
    if (!rf)
        return ISCG_FAIL(err, ISCG_ENOMEM, "funding", "out of memory for the funding report");
    rf->year = year;
    rf->part = part;
    rf->post = post;
    rf->s = s;
    int rc = 0;
    /* a year's part of a plan of four sides and six funders takes 4 to 5 KiB */
    if (part && !post)
        iscg__arena_expect(&rf->arena, iscg_registry_convention_count(r) * (size_t)4096);
    for (size_t i = 0; rc == 0 && i < iscg_registry_convention_count(r); i++)
        rc = add_plan(rf, r, iscg_registry_convention_id(r, i), err);
    if (rc == 0 && rf->nplans > 0) {
        rf->failed = calloc(rf->nplans, sizeof *rf->failed);
        if (!rf->failed)
            rc = ISCG_FAIL(err, ISCG_ENOMEM, "funding", "out of memory for the funding report");
    }
    for (size_t i = 0; rc == 0 && i < rf->nplans; i++)
        if (!rf->plans[i].f)
            rf->failed[rf->nfailed++] = i;
    rf->post = NULL; /* the caller's string and scenario are not kept */
    rf->s = NULL;
    if (rc != 0) {
        iscg_report_funding_free(rf);
        return rc;
    }
    *out = rf;
    return 0;
}

int iscg_report_funding_compute(iscg_report_funding **out, const iscg_registry *r, const iscg_scenario *s, int year,
                                iscg_error *err)
{
    if (!out || !r)
        return ISCG_FAIL(err, ISCG_EINVAL, "funding", "no output or registry given");
    if (year < 0 || year > 9999)
        return ISCG_FAIL(err, ISCG_EINVAL, "year", "year %d is outside 1..9999 (or 0 for the whole periods)", year);
    return funding_report(out, r, s, NULL, year, year != 0, err);
}

int iscg_report_funding_of_post(iscg_report_funding **out, const iscg_registry *r, const iscg_scenario *s,
                                const char *post, int year, iscg_error *err)
{
    if (!out || !r || !post)
        return ISCG_FAIL(err, ISCG_EINVAL, "funding", "no output, registry or post given");
    if (year < 0 || year > 9999)
        return ISCG_FAIL(err, ISCG_EINVAL, "year", "year %d is outside 1..9999 (or 0 for every year)", year);
    iscg_post_spec p;
    int rc = iscg_post_get(&p, r, post, err);
    if (rc != 0)
        return rc;
    return funding_report(out, r, s, p.id, year, 0, err);
}

const iscg_funding *iscg_report_funding_plan(const iscg_report_funding *rf, size_t i)
{
    return rf && i < rf->nplans ? rf->plans[i].f : NULL;
}

size_t iscg_report_funding_row_count(const iscg_report_funding *rf)
{
    return rf ? rf->nrows : 0;
}

int iscg_report_funding_row_get(iscg_report_funding_row *out, const iscg_report_funding *rf, size_t i)
{
    if (!out || !rf || i >= rf->nrows)
        return ISCG_EINVAL;
    const struct plan *pl = &rf->plans[rf->rows[i].plan];
    out->convention = pl->convention;
    out->post = pl->p.id;
    out->post_label = pl->p.label;
    out->carrier = pl->p.carrier;
    out->carrier_name = pl->carrier_name;
    out->period = iscg_funding_period(pl->f);
    out->whole = iscg_date_compare(out->period.start, pl->c.period.start) == 0 &&
                 iscg_date_compare(out->period.end, pl->c.period.end) == 0;
    iscg__ignore(iscg_funding_row_get(&out->funder, pl->f, rf->rows[i].row)); /* a row the report counted */
    if (!out->whole) { /* a stated amount is for the whole period, not for a part */
        out->funder.has_stated = 0;
        out->funder.stated = 0;
    }
    return 0;
}

size_t iscg_report_funding_post_row_count(const iscg_report_funding *rf)
{
    return rf ? rf->nprows : 0;
}

int iscg_report_funding_post_row_get(iscg_report_funding_post_row *out, const iscg_report_funding *rf, size_t i)
{
    if (!out || !rf || i >= rf->nprows)
        return ISCG_EINVAL;
    const struct prow *pr = &rf->prows[i];
    const struct plan *pl = &rf->plans[pr->plan];
    iscg_funding_post fp;
    /* indices the report counted */
    iscg__ignore(iscg_funding_post_get(&fp, pl->f, pr->post));
    iscg__ignore(iscg_funding_row_get(&out->funder, pl->f, pr->row));
    iscg__ignore(iscg_funding_post_share(&out->amount, pl->f, pr->post, pr->row));
    out->convention = pl->convention;
    out->post = fp.post;
    out->post_label = fp.label;
    out->post_cost = fp.cost;
    out->period = iscg_funding_period(pl->f);
    return 0;
}

size_t iscg_report_funding_failure_count(const iscg_report_funding *rf)
{
    return rf ? rf->nfailed : 0;
}

int iscg_report_funding_failure_get(iscg_report_failure *out, const iscg_report_funding *rf, size_t i)
{
    if (!out || !rf || i >= rf->nfailed)
        return ISCG_EINVAL;
    const struct plan *pl = &rf->plans[rf->failed[i]];
    out->convention = pl->convention;
    out->post = pl->p.id;
    out->post_label = pl->p.label;
    out->carrier_name = pl->carrier_name;
    out->period = pl->c.period;
    out->code = pl->code;
    out->text = pl->text;
    return 0;
}

size_t iscg_report_funding_convention_count(const iscg_report_funding *rf)
{
    return rf ? rf->nplans : 0;
}

iscg_cents iscg_report_funding_total(const iscg_report_funding *rf, iscg_party_kind kind)
{
    if (!rf || (int)kind < 0 || (int)kind >= ISCG_PARTY_KIND_COUNT)
        return 0;
    return rf->totals[kind];
}

/* ---- receivables --------------------------------------------------------- */

struct iscg_report_receivables {
    const iscg_registry *r;   /* the caller's, which outlives the report */
    iscg_receivables **parts; /* one per carrier */
    const char **carriers, **names;
    size_t n;
    size_t count; /* claims in every part */
};

void iscg_report_receivables_free(iscg_report_receivables *rr)
{
    if (!rr)
        return;
    for (size_t i = 0; i < rr->n; i++)
        iscg_receivables_free(rr->parts[i]);
    free(rr->parts);
    free(rr->carriers);
    free(rr->names);
    free(rr);
}

int iscg_report_receivables_compute(iscg_report_receivables **out, const iscg_registry *r, const iscg_scenario *s,
                                    const char *only, int year, iscg_error *err)
{
    if (!out || !r)
        return ISCG_FAIL(err, ISCG_EINVAL, "receivables", "no output or registry given");
    size_t n = 1;
    if (!only && iscg_report_carriers(NULL, 0, &n, r) != 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "receivables", "the carriers cannot be listed");
    iscg_report_receivables *rr = calloc(1, sizeof *rr);
    int rc = rr ? 0 : ISCG_ENOMEM;
    if (rc == 0) {
        rr->parts = calloc(n + 1, sizeof(iscg_receivables *));
        rr->carriers = calloc(n + 1, sizeof *rr->carriers);
        rr->names = calloc(n + 1, sizeof *rr->names);
        rc = rr->parts && rr->carriers && rr->names ? 0 : ISCG_ENOMEM;
    }
    if (rc != 0)
        ISCG_FAIL(err, rc, "receivables", "out of memory for the receivables report");
    if (rc == 0)
        rr->r = r;
    if (rc == 0 && only)
        rr->carriers[0] = only;
    else if (rc == 0)
        rc = iscg_report_carriers(rr->carriers, n, &n, r);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = iscg_receivables_compute_scenario(&rr->parts[i], r, s, rr->carriers[i], year, err);
        if (rc == 0) {
            rr->n++;
            rr->count += iscg_receivables_count(rr->parts[i]);
            /* a carrier the computation accepted is a known party */
            rc = iscg_party_get(NULL, &rr->names[i], r, rr->carriers[i], err);
        }
    }
    if (rc != 0) {
        iscg_report_receivables_free(rr);
        return rc;
    }
    *out = rr;
    return 0;
}

size_t iscg_report_receivables_count(const iscg_report_receivables *rr)
{
    return rr ? rr->count : 0;
}

int iscg_report_receivables_get(iscg_report_receivable *out, const iscg_report_receivables *rr, size_t i)
{
    if (!out || !rr || i >= rr->count)
        return ISCG_EINVAL;
    size_t k = 0;
    while (i >= iscg_receivables_count(rr->parts[k])) /* i < count: a part holds it */
        i -= iscg_receivables_count(rr->parts[k++]);
    out->carrier = rr->carriers[k];
    out->carrier_name = rr->names[k];
    return iscg_receivables_get(&out->claim, rr->parts[k], i);
}

size_t iscg_report_receivables_failure_count(const iscg_report_receivables *rr)
{
    size_t n = 0;
    for (size_t k = 0; rr && k < rr->n; k++)
        n += iscg_receivables_failure_count(rr->parts[k]);
    return n;
}

int iscg_report_receivables_failure_get(iscg_report_failure *out, iscg_error *why, const iscg_report_receivables *rr,
                                        size_t i)
{
    if (!out || !why || i >= iscg_report_receivables_failure_count(rr))
        return ISCG_EINVAL;
    size_t k = 0;
    while (i >= iscg_receivables_failure_count(rr->parts[k])) /* a part holds it */
        i -= iscg_receivables_failure_count(rr->parts[k++]);
    int rc = iscg_receivables_failure_get(why, rr->parts[k], i);
    iscg_convention_spec c;
    iscg_post_spec p;
    const iscg_registry *r = rr->r;
    memset(out, 0, sizeof *out);
    if (rc == 0 && (rc = iscg_convention_get(&c, r, iscg_receivables_failure_convention(rr->parts[k], i), NULL)) == 0 &&
        (rc = iscg_post_get(&p, r, c.post, NULL)) == 0) {
        out->convention = c.id;
        out->post = p.id;
        out->post_label = p.label;
        out->carrier_name = rr->names[k];
        out->period = c.period;
        out->code = why->code;
        out->text = why->text;
    }
    return rc;
}

/* ---- deadlines ----------------------------------------------------------- */

struct iscg_report_deadlines {
    iscg_report_deadline *dues;
    size_t n, cap;
    size_t *expiring; /* convention indices */
    size_t nexpiring;
    const iscg_registry *r;
};

void iscg_report_deadlines_free(iscg_report_deadlines *rd)
{
    if (!rd)
        return;
    free(rd->dues);
    free(rd->expiring);
    free(rd);
}

/* By date, then kind; the sort is stable (the conventions' order stays). */
static void sort_dues(iscg_report_deadline *d, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        iscg_report_deadline x = d[i];
        size_t k = i;
        while (k > 0) {
            int c = iscg_date_compare(d[k - 1].deadline.date, x.deadline.date);
            if (c < 0 || (c == 0 && d[k - 1].deadline.kind <= x.deadline.kind))
                break;
            d[k] = d[k - 1];
            k--;
        }
        d[k] = x;
    }
}

static int collect_dues(iscg_report_deadlines *rd, const iscg_registry *r, iscg_period *periods, iscg_date from,
                        iscg_date to, iscg_error *err)
{
    for (size_t i = 0; i < iscg_registry_convention_count(r); i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec c;
        iscg_clauses k;
        int rc = iscg_convention_get(&c, r, id, err);
        if (rc == 0)
            rc = iscg_convention_get_clauses(&k, r, id, err);
        size_t count = 0;
        if (rc != 0)
            return rc;
        c.period = iscg__amend_period(&r->conventions[i]); /* as its amendments end it (AMD-1) */
        /* first the count: a call without room says how many there are (with
         * ISCG_ERANGE when there are some); the call with room below reports
         * any failure */
        int counted = iscg_calendar_deadlines(NULL, 0, &count, c.period, &k, from, to, NULL);
        (void)counted;
        periods[i] = c.period;
        if (iscg__reserve(&rd->dues, &rd->cap, rd->n + count, sizeof *rd->dues) != 0)
            return ISCG_FAIL(err, ISCG_ENOMEM, "deadlines", "out of memory for the deadlines report");
        iscg_deadline *tmp = calloc(count + 1, sizeof *tmp);
        if (!tmp)
            return ISCG_FAIL(err, ISCG_ENOMEM, "deadlines", "out of memory for the deadlines report");
        /* the same call with room for what it counted: it gives as much */
        rc = iscg_calendar_deadlines(tmp, count, &count, c.period, &k, from, to, err);
        for (size_t j = 0; rc == 0 && rd->dues && j < count; j++) /* grown above to hold them */
            rd->dues[rd->n++] = (iscg_report_deadline){tmp[j], c.id, c.post};
        free(tmp);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int iscg_report_deadlines_compute(iscg_report_deadlines **out, const iscg_registry *r, iscg_date from, long days,
                                  iscg_error *err)
{
    if (!out || !r)
        return ISCG_FAIL(err, ISCG_EINVAL, "deadlines", "no output or registry given");
    if (days < 0 || days > INT32_MAX)
        return ISCG_FAIL(err, ISCG_EINVAL, "days", "%ld is not a number of days from 0 to %d", days, INT32_MAX);
    iscg_date to;
    int rc = iscg_date_add_days(&to, from, days, err);
    if (rc != 0)
        return rc;
    size_t n = iscg_registry_convention_count(r);
    iscg_report_deadlines *rd = calloc(1, sizeof *rd);
    iscg_period *periods = calloc(n + 1, sizeof *periods);
    if (rd)
        rd->expiring = calloc(n + 1, sizeof *rd->expiring);
    if (!rd || !periods || !rd->expiring)
        rc = ISCG_FAIL(err, ISCG_ENOMEM, "deadlines", "out of memory for the deadlines report");
    if (rc == 0)
        rc = collect_dues(rd, r, periods, from, to, err);
    if (rc == 0)
        rc = iscg_calendar_expiring(rd->expiring, n, &rd->nexpiring, periods, n, from, (int)days, err);
    free(periods);
    if (rc != 0) {
        iscg_report_deadlines_free(rd);
        return rc;
    }
    sort_dues(rd->dues, rd->n);
    rd->r = r;
    *out = rd;
    return 0;
}

size_t iscg_report_deadlines_count(const iscg_report_deadlines *rd)
{
    return rd ? rd->n : 0;
}

int iscg_report_deadlines_get(iscg_report_deadline *out, const iscg_report_deadlines *rd, size_t i)
{
    if (!out || !rd || i >= rd->n)
        return ISCG_EINVAL;
    *out = rd->dues[i];
    return 0;
}

size_t iscg_report_deadlines_expiring_count(const iscg_report_deadlines *rd)
{
    return rd ? rd->nexpiring : 0;
}

const char *iscg_report_deadlines_expiring(const iscg_report_deadlines *rd, size_t i)
{
    return rd && i < rd->nexpiring ? iscg_registry_convention_id(rd->r, rd->expiring[i]) : NULL;
}

int iscg_report_deadlines_expiring_get(iscg_report_deadline *out, const iscg_report_deadlines *rd, size_t i)
{
    if (!out || !rd || i >= rd->nexpiring)
        return ISCG_EINVAL;
    const struct convention *c = &rd->r->conventions[rd->expiring[i]];
    const iscg_period p = iscg__amend_period(c);
    *out = (iscg_report_deadline){{p.end, ISCG_DEADLINE_EXPIRY, p}, c->id, rd->r->posts[c->post].id};
    return 0;
}

/* ---- budget -------------------------------------------------------------- */

struct bline {
    iscg_report_budget_line l;
    char text[ISCG_ERROR_TEXT_LENGTH];
};

struct iscg_report_budget {
    struct bline *lines;
    size_t n, cap;
    iscg_budget_item *items;
    size_t nitems, icap;
};

void iscg_report_budget_free(iscg_report_budget *rb)
{
    if (!rb)
        return;
    free(rb->lines);
    free(rb->items);
    free(rb);
}

/* Checks budget line b into a new line of rb, its subsidies after rb's items. */
static int add_line(iscg_report_budget *rb, const iscg_registry *r, const iscg_dataset_budget *b, iscg_error *err)
{
    size_t count = 0;
    iscg_budget_result res;
    iscg_error e;
    int rc = iscg_budget_check(&res, NULL, 0, &count, r, &b->line, b->year, &e);
    if (rc != 0 && rc != ISCG_ECREDIT) {
        if (err)
            *err = e;
        return rc;
    }
    if (iscg__reserve(&rb->lines, &rb->cap, rb->n + 1, sizeof *rb->lines) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "budget", "out of memory for the budget report");
    if (iscg__reserve(&rb->items, &rb->icap, rb->nitems + count, sizeof *rb->items) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "budget", "out of memory for the budget report");
    /* the same check, now with room for its subsidies: it gives the same
     * answer, unless memory runs out this time */
    iscg_error again;
    int rc2 = iscg_budget_check(&res, rb->items ? rb->items + rb->nitems : NULL, count, &count, r, &b->line, b->year,
                                &again);
    if (rc2 == ISCG_ENOMEM && err)
        *err = again;
    if (rc2 == ISCG_ENOMEM)
        return rc2;
    if (rc2 != rc)
        return ISCG_FAIL(err, ISCG_ESTATE, "budget", "budget line %s: two checks disagree", b->line.operation);
    struct bline *l = &rb->lines[rb->n++];
    memset(l, 0, sizeof *l);
    l->l.line = *b;
    l->l.result = res;
    l->l.exceeded = rc == ISCG_ECREDIT;
    l->l.first_item = rb->nitems;
    if (l->l.exceeded)
        memcpy(l->text, e.text, sizeof l->text);
    rb->nitems += count;
    return 0;
}

int iscg_report_budget_compute(iscg_report_budget **out, const iscg_dataset *ds, int year, iscg_error *err)
{
    if (!out || !ds)
        return ISCG_FAIL(err, ISCG_EINVAL, "budget", "no output or dataset given");
    iscg_report_budget *rb = calloc(1, sizeof *rb);
    if (!rb)
        return ISCG_FAIL(err, ISCG_ENOMEM, "budget", "out of memory for the budget report");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < iscg_dataset_budget_count(ds); i++) {
        iscg_dataset_budget b;
        rc = iscg_dataset_budget_get(&b, ds, i);
        if (rc == 0 && (!year || b.year == year))
            rc = add_line(rb, iscg_dataset_registry(ds), &b, err);
    }
    if (rc != 0) {
        iscg_report_budget_free(rb);
        return rc;
    }
    *out = rb;
    return 0;
}

size_t iscg_report_budget_count(const iscg_report_budget *rb)
{
    return rb ? rb->n : 0;
}

int iscg_report_budget_get(iscg_report_budget_line *out, const iscg_report_budget *rb, size_t i)
{
    if (!out || !rb || i >= rb->n)
        return ISCG_EINVAL;
    *out = rb->lines[i].l;
    out->text = out->exceeded ? rb->lines[i].text : NULL;
    return 0;
}

size_t iscg_report_budget_item_count(const iscg_report_budget *rb)
{
    return rb ? rb->nitems : 0;
}

int iscg_report_budget_item_get(iscg_budget_item *out, const iscg_report_budget *rb, size_t i)
{
    if (!out || !rb || i >= rb->nitems)
        return ISCG_EINVAL;
    *out = rb->items[i];
    return 0;
}

/* ---- audit --------------------------------------------------------------- */

int iscg_report_finding_get(iscg_report_finding *out, const iscg_audit *a, size_t i)
{
    if (!out)
        return ISCG_EINVAL;
    int rc = iscg_audit_get(&out->finding, a, i);
    if (rc != 0)
        return rc;
    /* a drift and an uncomputable plan compare no document's figure */
    out->has_stated = out->finding.kind != ISCG_FINDING_DRIFT && out->finding.kind != ISCG_FINDING_UNCOMPUTABLE;
    return 0;
}
