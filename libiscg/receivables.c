/* The carrier's receivables (RCV-1), reduced for absence (PRO-4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain_internal.h"
#include "funding_internal.h"

struct claim {
    size_t convention, debtor;
    iscg_cents share, amount;
    iscg_ratio months, absent;
    iscg_explain *explain;
};

struct iscg_receivables {
    const iscg_registry *r;
    struct claim *claims;
    size_t n;
    iscg_cents total; /* checked as the claims are added */
};

void iscg_receivables_free(iscg_receivables *rv)
{
    if (!rv)
        return;
    for (size_t i = 0; i < rv->n; i++)
        iscg__explain_free(rv->claims[i].explain);
    free(rv->claims);
    free(rv);
}

static int is_month_count(iscg_daycount dc)
{
    return dc == ISCG_DAYCOUNT_MONTHS_WHOLE || dc == ISCG_DAYCOUNT_MONTHS_STARTED || dc == ISCG_DAYCOUNT_MONTHS_PRORATED;
}

/* Months of absence or vacancy of a post within a period (PRO-4). Events
 * are taken as recorded; overlapping ones are the recorder's to avoid, and
 * the total is capped at the months covered. */
static int absent_months(iscg_ratio *out, const struct post *p, iscg_period within, iscg_daycount dc)
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
        if (iscg_months_covered(&m, part, dc, NULL) != 0)
            return ISCG_EINVAL;
        int64_t g = iscg__gcd(sum.den, m.den);
        sum.num = sum.num * (m.den / g) + m.num * (sum.den / g);
        sum.den = sum.den / g * m.den;
        iscg_ratio_normalize(&sum);
    }
    *out = sum;
    return 0;
}

static int add_claims(iscg_receivables *rv, size_t ci, size_t carrier, int year, size_t *cap, iscg_error *err)
{
    const iscg_registry *r = rv->r;
    const struct convention *c = &r->conventions[ci];
    const struct post *p = &r->posts[c->post];
    char a[48], b[48];
    iscg_funding *f;
    iscg_period yp, within;
    int overlaps, rc;
    iscg_period_year(&yp, year);
    if (iscg_period_intersect(&within, &overlaps, c->period, yp) != 0 || !overlaps)
        return 0;
    if (!is_month_count(c->daycount))
        return iscg__fail(err, ISCG_EINVAL, c->id, "daycount", 0, 0,
                          "convention %s: absence prorata counts months, and %s does not", c->id,
                          iscg_daycount_name(c->daycount));
    if ((rc = iscg_funding_compute_year(&f, r, c->id, year, c->daycount, err)) != 0)
        return rc;
    iscg_ratio months, absent;
    if (iscg_months_covered(&months, within, c->daycount, NULL) != 0 ||
        absent_months(&absent, p, within, c->daycount) != 0) {
        iscg_funding_free(f);
        return iscg__fail(err, ISCG_EINVAL, c->id, "daycount", 0, 0, "convention %s: the months of post %s cannot be counted",
                          c->id, p->id);
    }
    /* present = (months - absent) / months, as one ratio; absent capped at months */
    int64_t pn = months.num * absent.den - absent.num * months.den, pd = months.num * absent.den;
    if (pn < 0)
        pn = 0;
    for (size_t i = 0; rc == 0 && i < f->nrows; i++) {
        const struct row *w = &f->rows[i];
        if (w->party == carrier)
            continue; /* the carrier does not bill itself */
        if (rv->n == *cap) {
            size_t ncap = *cap ? 2 * *cap : 8;
            struct claim *bigger = realloc(rv->claims, ncap * sizeof *bigger);
            if (!bigger) {
                rc = iscg__fail(err, ISCG_ENOMEM, c->id, "receivables", 0, 0, "out of memory");
                break;
            }
            rv->claims = bigger;
            *cap = ncap;
        }
        struct claim *cl = &rv->claims[rv->n];
        memset(cl, 0, sizeof *cl);
        cl->convention = ci;
        cl->debtor = w->party;
        cl->share = w->amount;
        cl->months = months;
        cl->absent = absent;
        if (months.num == 0 || absent.num == 0)
            cl->amount = w->amount;
        else if ((rc = iscg_money_scale(&cl->amount, w->amount, pn, pd, c->rounding.unit, c->rounding.rounding, err)) != 0)
            break;
        cl->explain = ISCG__EXPLAIN(f->explain, "RCV-1", cl->amount,
                                    "titre de recettes on %s for %d: %s = %s x (%lld/%lld - %lld/%lld "
                                    "months absent) / %lld/%lld months, %s",
                                    r->parties[w->party].name, year, iscg__euros(a, cl->amount),
                                    iscg__euros(b, w->amount), (long long)months.num, (long long)months.den,
                                    (long long)absent.num, (long long)absent.den, (long long)months.num,
                                    (long long)months.den, iscg_rounding_name(c->rounding.rounding));
        if (!cl->explain || iscg__explain_add(cl->explain, iscg__explain_clone(w->explain)) != 0) {
            iscg__explain_free(cl->explain);
            rc = iscg__fail(err, ISCG_ENOMEM, c->id, "receivables", 0, 0, "out of memory");
            break;
        }
        /* out of memory, a claim must not lose the step that reduced it */
        if (absent.num != 0 &&
            iscg__explain_add(cl->explain,
                              ISCG__EXPLAIN(f->explain, "PRO-4", cl->amount,
                                            "reduced for %lld/%lld months of absence or vacancy of post %s",
                                            (long long)absent.num, (long long)absent.den, p->id)) != 0) {
            iscg__explain_free(cl->explain);
            rc = iscg__fail(err, ISCG_ENOMEM, c->id, "receivables", 0, 0, "out of memory");
            break;
        }
        if (iscg_money_add(&rv->total, rv->total, cl->amount) != 0) {
            iscg__explain_free(cl->explain);
            rc = iscg__fail(err, ISCG_EOVERFLOW, c->id, "receivables", 0, 0, "the claims' total overflows 64-bit cents");
            break;
        }
        rv->n++;
    }
    iscg_funding_free(f);
    return rc;
}

int iscg_receivables_compute(iscg_receivables **out, const iscg_registry *r, const char *carrier, int year,
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
    iscg_receivables *rv = calloc(1, sizeof *rv);
    if (!rv)
        return ISCG_FAIL(err, ISCG_ENOMEM, "receivables", "out of memory");
    rv->r = r;
    size_t cap = 0;
    int rc = 0;
    const struct party *carrier_party = &r->parties[ci];
    for (size_t k = 0; rc == 0 && k < carrier_party->ncarried; k++)
        rc = add_claims(rv, carrier_party->carried[k], (size_t)ci, year, &cap, err);
    if (rc != 0) {
        iscg_receivables_free(rv);
        return rc;
    }
    *out = rv;
    return 0;
}

size_t iscg_receivables_count(const iscg_receivables *rv) { return rv ? rv->n : 0; }

int iscg_receivables_get(iscg_receivable *out, const iscg_receivables *rv, size_t i)
{
    if (!out || !rv || i >= rv->n)
        return ISCG_EINVAL;
    const struct claim *cl = &rv->claims[i];
    const struct convention *c = &rv->r->conventions[cl->convention];
    out->convention = c->id;
    out->post = rv->r->posts[c->post].id;
    out->debtor = rv->r->parties[cl->debtor].id;
    out->debtor_name = rv->r->parties[cl->debtor].name;
    out->share = cl->share;
    out->months = cl->months;
    out->absent = cl->absent;
    out->amount = cl->amount;
    out->explain = iscg__explain_out(cl->explain);
    return 0;
}

iscg_cents iscg_receivables_total(const iscg_receivables *rv)
{
    return rv ? rv->total : 0;
}
