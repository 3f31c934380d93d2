/* SPDX-License-Identifier: Apache-2.0 */
/* What the dataset and builder targets compute on a registry, and the
 * invariants they check on every result (funding.h, audit.h, report.h):
 *
 * - a failed call leaves a sentence in its iscg_error, with the code it
 *   returns; any failure code is accepted from a computation (the plan's
 *   rules refuse more and more plans), never a crash or a wrong figure;
 * - a plan's rows sum to its total, and the rows of each side plus the
 *   side's drift are the side's amount (alloc.h: shares plus drift equal the
 *   amount); when the caller knows the plan (the builder target), the sides'
 *   amounts without their extras plus the equal split's drift are the cost;
 * - the fiscal-year parts of every share sum to the share (PRO-3), and
 *   iscg_funding_compute_part() gives what iscg_funding_compute_year() gives;
 * - receivables total their claims, count no more absent months than
 *   months, and are the same claims, in the same order, whether computed at
 *   once or added part by part (iscg_receivables_add_part());
 * - the audit's MISMATCH findings are exactly the stated amounts that differ
 *   from the computed row, with the difference (stated minus computed) in
 *   their sentence, and its DRIFT findings the sides' drifts;
 * - a budget line's balance is its available credit minus the proposal,
 *   ISCG_ECREDIT exactly when that is negative, the proposal the sum of the
 *   items;
 * - a funding report's totals by kind are the sums of its rows;
 * - funding, receivables and audit results stay readable, and are freed,
 *   after the registry (or the dataset holding it) is gone. */
#ifndef ISCG_FUZZ_COMPUTE_H
#define ISCG_FUZZ_COMPUTE_H

#include "fuzz.h"

/* What the builder knows of a convention's plan (the registry does not say
 * it): enough to know when its sides must sum to its cost. */
typedef struct fuzz_plan {
    const char *id;     /* the convention */
    int known;          /* 1: the fields below describe the plan as built */
    int annual;
    int remainder;      /* it has a REMAINDER side */
    size_t nequal;      /* its EQUAL sides */
    int capped;         /* some side has a cap */
    iscg_cents extras;  /* the sum of the sides' extras */
    iscg_cents unit;    /* the convention's rounding unit */
    iscg_remainder_policy policy; /* the convention's remainder policy among EQUAL sides */
} fuzz_plan;

/* A status: a failure carries its code and a sentence. */
#define FUZZ_STATUS(rc, e, what)                                                                          \
    FUZZ_CHECK((rc) >= 0 || ((e).text[0] != '\0' && (e).code == (rc)), "%s: status %d (report %d) and no sentence", \
               what, rc, (e).code)

static inline void fuzz_err_reset(iscg_error *e)
{
    e->code = 0;
    e->text[0] = '\0';
}

/* The years a period touches, at most FUZZ_MAX_YEARS of them (else 0). */
#define FUZZ_MAX_YEARS 12

static inline int fuzz_years(const iscg_period *p)
{
    if (!iscg_period_valid(*p))
        return 0;
    int n = p->end.year - p->start.year + 1;
    return n >= 1 && n <= FUZZ_MAX_YEARS ? n : 0;
}

/* The amounts of f's rows and sides add up. */
static inline void fuzz_check_funding_sums(const iscg_funding *f, const char *what)
{
    iscg_cents rows = 0;
    size_t nrows = iscg_funding_row_count(f), nsides = iscg_funding_side_count(f);
    for (size_t i = 0; i < nrows; i++) {
        iscg_funding_row row;
        FUZZ_CHECK(iscg_funding_row_get(&row, f, i) == 0, "%s: row %zu", what, i);
        FUZZ_CHECK(!__builtin_add_overflow(rows, row.amount, &rows), "%s: the rows overflow", what);
        FUZZ_CHECK(row.party && row.side && iscg_funding_find(f, row.party) >= 0, "%s: row %zu", what, i);
    }
    FUZZ_CHECK(rows == iscg_funding_total(f), "%s: rows sum to %lld, total %lld", what, (long long)rows,
               (long long)iscg_funding_total(f));
    for (size_t s = 0; s < nsides; s++) {
        iscg_funding_side side;
        FUZZ_CHECK(iscg_funding_side_get(&side, f, s) == 0, "%s: side %zu", what, s);
        fuzz_i128 sum = 0; /* a drift rounded up may take the rows past 64 bits */
        size_t members = 0;
        for (size_t i = 0; i < nrows; i++) {
            iscg_funding_row row;
            FUZZ_CHECK(iscg_funding_row_get(&row, f, i) == 0, "%s: row %zu", what, i);
            if (strcmp(row.side, side.name) == 0) {
                sum += row.amount;
                members++;
            }
        }
        /* with the cost unknown, the REMAINDER side stays unknown: no row
         * (registry.h), and its amount is only its extra */
        if (side.rule == ISCG_SHARE_REMAINDER && iscg_funding_cost(f) < 0) {
            FUZZ_CHECK(members == 0 && side.drift == 0, "%s: the unknown side %s has %zu rows", what, side.name,
                       members);
            continue;
        }
        FUZZ_CHECK(sum + side.drift == side.amount,
                   "%s: side %s owes %lld, its %zu rows sum to %lld and its drift is %lld", what, side.name,
                   (long long)side.amount, members, (long long)(int64_t)sum, (long long)side.drift);
    }
    FUZZ_CHECK(iscg_funding_row_get(NULL, f, 0) != 0 && iscg_funding_side_get(NULL, f, 0) != 0, "%s: NULL out", what);
}

/* The sides' amounts, without extras, against the cost, for a plan the caller knows. */
static inline void fuzz_check_cost(const iscg_funding *f, const fuzz_plan *p)
{
    if (!p || !p->known || iscg_funding_cost(f) < 0 || (p->annual && p->extras != 0))
        return;
    iscg_cents sides = 0, cost = iscg_funding_cost(f);
    for (size_t s = 0; s < iscg_funding_side_count(f); s++) {
        iscg_funding_side side;
        FUZZ_CHECK(iscg_funding_side_get(&side, f, s) == 0, "side %zu", s);
        sides += side.amount;
    }
    sides -= p->annual ? 0 : p->extras;
    if (p->remainder) /* SPLIT-2: the remainder takes what the others leave of the (prorated) cost */
        FUZZ_CHECK(sides == cost, "%s: the sides without extras sum to %lld, the cost is %lld", p->id,
                   (long long)sides, (long long)cost);
    else if (p->nequal > 0 && !p->capped && !p->annual) {
        /* SPLIT-1: the equal parts share what the others leave; under the
         * policy NONE their drift is what rounding left, less than a unit a part */
        fuzz_i128 gap = (fuzz_i128)cost - sides, bound = (fuzz_i128)p->unit * (fuzz_i128)p->nequal;
        if (p->policy != ISCG_REMAINDER_NONE)
            FUZZ_CHECK(gap == 0, "%s: the sides without extras sum to %lld, the cost is %lld", p->id,
                       (long long)sides, (long long)cost);
        else
            FUZZ_CHECK(gap < bound && -gap < bound, "%s: %lld left by an equal split of %zu parts to %lld", p->id,
                       (long long)gap, p->nequal, (long long)p->unit);
    }
    if (p->remainder || p->nequal > 0 || p->annual)
        return;
#ifndef FUZZ_SKIP_FIXED_OVER_COST
    /* Once a bug: a plan of FIXED and PERCENT sides alone computed with more
     * than the cost (a FIXED side of 1 € on a cost of 0.99 €,
     * fuzz/corpus/builder/finding-fixed-over-cost.bin); the plan check
     * (SPLIT-7, libiscg/plan.c) now refuses it. */
    FUZZ_CHECK(sides <= cost, "%s: fixed and percentage sides of %lld exceed the cost %lld and the plan computed",
               p->id, (long long)sides, (long long)cost);
#endif
#ifndef FUZZ_SKIP_PLAN_BALANCE
    /* Plans whose fixed and percentage sides leave part of the cost unfunded
     * are refused (ISCG_ERANGE, SPLIT-7): every computed plan sums to its
     * cost. */
    if (!p->capped)
        FUZZ_CHECK(sides == cost, "%s: an unbalanced plan computed: the sides sum to %lld, the cost is %lld", p->id,
                   (long long)sides, (long long)cost);
#endif
}

/* The parts of f (whole, of convention conv under daycount dc) in each year. */
static inline void fuzz_check_parts(const iscg_registry *r, const iscg_funding *f, const char *conv, iscg_daycount dc)
{
    iscg_period p = iscg_funding_period(f);
    int n = fuzz_years(&p);
    if (n == 0)
        return;
    size_t nrows = iscg_funding_row_count(f);
    fuzz_i128 *sum = calloc(nrows + 1, sizeof *sum);
    if (!sum)
        abort();
    int all = 1;
    for (int y = p.start.year; y <= p.end.year; y++) {
        iscg_funding *part = NULL, *year = NULL;
        iscg_error e, g;
        fuzz_err_reset(&e);
        fuzz_err_reset(&g);
        int rc = iscg_funding_compute_part(&part, f, y, dc, &e);
        FUZZ_STATUS(rc, e, "part");
        int ry = iscg_funding_compute_year(&year, r, conv, y, dc, &g);
        FUZZ_STATUS(ry, g, "year");
        FUZZ_CHECK(rc == ry, "%s %d: the part gives %d, the year %d (%s | %s)", conv, y, rc, ry, e.text, g.text);
        if (rc == 0) {
            FUZZ_CHECK(iscg_funding_cost(f) < 0 || iscg_funding_cost(part) >= 0, "%s %d: a part of %lld of a cost of %lld",
                       conv, y, (long long)iscg_funding_cost(part), (long long)iscg_funding_cost(f));
            fuzz_check_funding_sums(part, "part");
            FUZZ_CHECK(iscg_funding_row_count(part) == nrows && iscg_funding_row_count(year) == nrows,
                       "%s %d: %zu rows in the part, %zu in the year, %zu in the whole", conv, y,
                       iscg_funding_row_count(part), iscg_funding_row_count(year), nrows);
            for (size_t i = 0; i < nrows; i++) {
                iscg_funding_row a, b, w;
                FUZZ_CHECK(iscg_funding_row_get(&a, part, i) == 0 && iscg_funding_row_get(&b, year, i) == 0 &&
                               iscg_funding_row_get(&w, f, i) == 0,
                           "row %zu", i);
                FUZZ_CHECK(strcmp(a.party, w.party) == 0 && strcmp(b.party, w.party) == 0, "%s %d: row %zu", conv, y,
                           i);
                FUZZ_CHECK(a.amount == b.amount, "%s %d: %s's part is %lld, its year %lld", conv, y, a.party,
                           (long long)a.amount, (long long)b.amount);
                /* once a bug: earlier years rounded up past the share left
                 * the last one a negative part (corpus/builder/finding-rounded-up-parts.bin) */
                FUZZ_CHECK(w.amount >= 0 ? a.amount >= 0 : a.amount <= 0, "%s %d: %s's part is %lld of %lld", conv, y,
                           a.party, (long long)a.amount, (long long)w.amount);
                sum[i] += a.amount;
            }
            iscg_funding *again = NULL;
            FUZZ_CHECK(iscg_funding_compute_part(&again, part, y, dc, NULL) == ISCG_EINVAL && !again,
                       "a part of a part");
        } else {
            all = 0;
            FUZZ_CHECK(!part && !year, "a result on failure");
        }
        iscg_funding_free(part);
        iscg_funding_free(year);
    }
    for (size_t i = 0; all && i < nrows; i++) {
        iscg_funding_row w;
        FUZZ_CHECK(iscg_funding_row_get(&w, f, i) == 0, "row %zu", i);
        FUZZ_CHECK(sum[i] == w.amount, "%s: %s's parts of the years sum to %lld, its share is %lld", conv, w.party,
                   (long long)(int64_t)sum[i], (long long)w.amount);
    }
    free(sum);
}

/* Every convention's plan, whole and by year; returns one whole plan kept
 * alive (or NULL) for the caller to read after the registry is gone. */
static inline iscg_funding *fuzz_check_plans(const iscg_registry *r, const iscg_scenario *s, const fuzz_plan *plans,
                                             size_t nplans)
{
    iscg_funding *kept = NULL;
    for (size_t c = 0; c < iscg_registry_convention_count(r); c++) {
        const char *id = iscg_registry_convention_id(r, c);
        iscg_convention_spec spec;
        iscg_error e;
        FUZZ_CHECK(id && iscg_convention_get(&spec, r, id, NULL) == 0, "convention %zu", c);
        iscg_funding *f = NULL;
        fuzz_err_reset(&e);
        int rc = iscg_funding_compute(&f, r, id, &e);
        FUZZ_STATUS(rc, e, "funding");
        iscg_funding *none = NULL; /* no scenario: the same plan */
        iscg_error en;
        fuzz_err_reset(&en);
        int rn = iscg_funding_compute_scenario(&none, r, NULL, id, &en);
        FUZZ_CHECK(rn == rc && (rc != 0 || iscg_funding_row_count(none) == iscg_funding_row_count(f)),
                   "%s: %d with no scenario, %d without (%s | %s)", id, rn, rc, en.text, e.text);
        for (size_t i = 0; rc == 0 && i < iscg_funding_row_count(f); i++) {
            iscg_funding_row a, b;
            FUZZ_CHECK(iscg_funding_row_get(&a, f, i) == 0 && iscg_funding_row_get(&b, none, i) == 0, "row");
            FUZZ_CHECK(a.amount == b.amount && strcmp(a.party, b.party) == 0, "%s: %s %lld with no scenario, %lld",
                       id, a.party, (long long)b.amount, (long long)a.amount);
        }
        iscg_funding_free(none);
        if (rc == 0) {
            fuzz_check_funding_sums(f, id);
            for (size_t k = 0; k < nplans; k++)
                if (plans[k].id && strcmp(plans[k].id, id) == 0)
                    fuzz_check_cost(f, &plans[k]);
            fuzz_check_parts(r, f, id, spec.daycount);
            if (spec.daycount != ISCG_DAYCOUNT_ACT_365F)
                fuzz_check_parts(r, f, id, ISCG_DAYCOUNT_ACT_365F);
            const iscg_explain *x = iscg_funding_explain(f);
            if (x) {
                char line[64];
                FUZZ_CHECK(iscg_explain_render(line, sizeof line, x) >= 0, "render");
            }
        } else
            FUZZ_CHECK(!f, "a result on failure");
        if (s && iscg_scenario_count(s) > 0) {
            iscg_funding *g = NULL;
            fuzz_err_reset(&e);
            int rs = iscg_funding_compute_scenario(&g, r, s, id, &e);
            FUZZ_STATUS(rs, e, "funding with the scenario");
            if (rs == 0) {
                fuzz_check_funding_sums(g, id);
                iscg_funding *part = NULL;
                iscg_period p = iscg_funding_period(g);
                fuzz_err_reset(&e);
                int rp = iscg_funding_compute_year_scenario(&part, r, s, id, p.start.year, spec.daycount, &e);
                FUZZ_STATUS(rp, e, "year with the scenario");
                if (rp == 0)
                    fuzz_check_funding_sums(part, id);
                iscg_funding_free(part);
            }
            iscg_funding_free(g);
        }
        if (!kept && f)
            kept = f;
        else
            iscg_funding_free(f);
    }
    return kept;
}

/* 1 when receivables rv report that convention id could not be claimed. */
static inline int fuzz_claim_failed(const iscg_receivables *rv, const char *id)
{
    /* the identifier in full: a report's source loses the middle of a long
     * one (fuzz/corpus/dataset/finding-long-convention-id.json, where it
     * was once cut at its end and the report could not find its convention) */
    for (size_t i = 0; i < iscg_receivables_failure_count(rv); i++) {
        iscg_error f;
        FUZZ_CHECK(iscg_receivables_failure_get(&f, rv, i) == 0 && f.text[0], "failure %zu has no sentence", i);
        const char *conv = iscg_receivables_failure_convention(rv, i);
        FUZZ_CHECK(conv && strlen(f.source) < sizeof f.source &&
                       (strcmp(f.source, conv) == 0 || (strlen(conv) >= sizeof f.source && strstr(f.source, "..."))),
                   "failure %zu: source %s for convention %s", i, f.source, conv ? conv : "(none)");
        if (strcmp(conv, id) == 0)
            return 1;
    }
    FUZZ_CHECK(!iscg_receivables_failure_convention(rv, iscg_receivables_failure_count(rv)), "a failure past the end");
    return 0;
}

/* The carrier's receivables for year, at once and part by part. */
static inline iscg_receivables *fuzz_check_receivables(const iscg_registry *r, const char *carrier, int year)
{
    iscg_receivables *rv = NULL, *batch = NULL;
    iscg_error e;
    fuzz_err_reset(&e);
    int rc = iscg_receivables_compute(&rv, r, carrier, year, &e);
    FUZZ_STATUS(rc, e, "receivables");
    if (rc != 0) {
        FUZZ_CHECK(!rv, "a result on failure");
        return NULL;
    }
    fuzz_i128 total = 0;
    for (size_t i = 0; i < iscg_receivables_count(rv); i++) {
        iscg_receivable c;
        FUZZ_CHECK(iscg_receivables_get(&c, rv, i) == 0, "claim %zu", i);
        total += c.amount;
        FUZZ_CHECK(c.months.den > 0 && c.absent.den > 0 && c.absent.num >= 0, "%s: months %lld/%lld, absent %lld/%lld",
                   c.convention, (long long)c.months.num, (long long)c.months.den, (long long)c.absent.num,
                   (long long)c.absent.den);
#ifndef FUZZ_SKIP_ABSENT_CAPPED
        /* Once a bug: overlapping absences and vacancies were summed and the
         * claim's `absent` reported more months than the year has
         * (fuzz/corpus/builder/finding-absent-over-months.bin); it is now
         * capped at the period, as the amount always was. */
        FUZZ_CHECK((fuzz_i128)c.absent.num * c.months.den <= (fuzz_i128)c.months.num * c.absent.den,
                   "%s: %lld/%lld months absent of %lld/%lld", c.convention, (long long)c.absent.num,
                   (long long)c.absent.den, (long long)c.months.num, (long long)c.months.den);
#endif
        FUZZ_CHECK(c.share >= 0 ? c.amount >= 0 : c.amount <= 0, "%s: a claim of %lld on a share of %lld",
                   c.convention, (long long)c.amount, (long long)c.share);
        FUZZ_CHECK(c.absent.num != 0 || c.amount == c.share, "%s: a claim of %lld on a share of %lld, nobody absent",
                   c.convention, (long long)c.amount, (long long)c.share);
        FUZZ_CHECK(strcmp(c.debtor, carrier) != 0, "%s: the carrier %s bills itself", c.convention, carrier);
    }
    FUZZ_CHECK(total == iscg_receivables_total(rv), "claims sum to %lld, total %lld", (long long)(int64_t)total,
               (long long)iscg_receivables_total(rv));

    /* the same claims from the parts of each convention the carrier carries */
    fuzz_err_reset(&e);
    rc = iscg_receivables_new(&batch, r, carrier, year, &e);
    FUZZ_STATUS(rc, e, "receivables_new");
    FUZZ_CHECK(rc == 0, "receivables_new gave %d after receivables_compute succeeded: %s", rc, e.text);
    for (size_t c = 0; c < iscg_registry_convention_count(r); c++) {
        const char *id = iscg_registry_convention_id(r, c);
        iscg_convention_spec spec;
        iscg_post_spec post;
        FUZZ_CHECK(iscg_convention_get(&spec, r, id, NULL) == 0 && iscg_post_get(&post, r, spec.post, NULL) == 0,
                   "convention %s", id);
        if (strcmp(post.carrier, carrier) != 0 || spec.period.start.year > year || spec.period.end.year < year)
            continue;
        iscg_funding *whole = NULL, *part = NULL;
        fuzz_err_reset(&e);
        rc = iscg_funding_compute(&whole, r, id, &e);
        if (rc == 0)
            rc = iscg_funding_compute_part(&part, whole, year, spec.daycount, &e);
        FUZZ_STATUS(rc, e, "a part for the receivables");
        if (rc == 0) {
            fuzz_err_reset(&e);
            rc = iscg_receivables_add_part(batch, part, &e);
            FUZZ_STATUS(rc, e, "add_part");
        }
        if (rc != 0) {
            /* RCV-4: a convention that cannot be claimed is a failure line of
             * the carrier's receivables, and the other claims still come */
            FUZZ_CHECK(fuzz_claim_failed(rv, id), "%s: its claims for %d fail (%d: %s) but the receivables name no failure",
                       id, year, rc, e.text);
            iscg_funding_free(part);
            iscg_funding_free(whole);
            continue;
        }
        fuzz_err_reset(&e);
        FUZZ_CHECK(iscg_receivables_add_part(batch, part, &e) == ISCG_EDUPLICATE && e.text[0], "a part added twice");
        iscg_funding_free(part);
        iscg_funding_free(whole);
    }
    FUZZ_CHECK(iscg_receivables_count(batch) == iscg_receivables_count(rv), "%zu claims part by part, %zu at once",
               iscg_receivables_count(batch), iscg_receivables_count(rv));
    for (size_t i = 0; i < iscg_receivables_count(rv); i++) {
        iscg_receivable a, b;
        FUZZ_CHECK(iscg_receivables_get(&a, rv, i) == 0 && iscg_receivables_get(&b, batch, i) == 0, "claim %zu", i);
        FUZZ_CHECK(strcmp(a.convention, b.convention) == 0 && strcmp(a.debtor, b.debtor) == 0 &&
                       a.amount == b.amount && a.share == b.share,
                   "claim %zu: %s on %s %lld at once, %s on %s %lld part by part", i, a.convention, a.debtor,
                   (long long)a.amount, b.convention, b.debtor, (long long)b.amount);
    }
    iscg_receivables_free(batch);
    return rv;
}

/* The audit against the plans: returns it for the caller to free. */
static inline iscg_audit *fuzz_check_audit(const iscg_registry *r, const iscg_scenario *s)
{
    iscg_audit *a = NULL;
    iscg_error e;
    fuzz_err_reset(&e);
    int rc = s ? iscg_audit_run_scenario(&a, r, s, &e) : iscg_audit_run(&a, r, &e);
    FUZZ_STATUS(rc, e, "audit");
    if (rc != 0) {
        FUZZ_CHECK(!a, "a result on failure");
        return NULL;
    }
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_report_finding rf;
        FUZZ_CHECK(iscg_report_finding_get(&rf, a, i) == 0, "finding %zu", i);
        const iscg_finding *fd = &rf.finding;
        FUZZ_CHECK(fd->convention && fd->text && fd->text[0], "finding %zu without a sentence", i);
        if (s || (fd->kind != ISCG_FINDING_MISMATCH && fd->kind != ISCG_FINDING_DRIFT))
            continue;
        iscg_funding *f = NULL;
        FUZZ_CHECK(iscg_funding_compute(&f, r, fd->convention, NULL) == 0, "%s: a finding %s on a plan that fails",
                   fd->convention, iscg_finding_kind_name(fd->kind));
        if (fd->kind == ISCG_FINDING_MISMATCH) {
            int k = iscg_funding_find(f, fd->party);
            iscg_funding_row row;
            FUZZ_CHECK(k >= 0 && iscg_funding_row_get(&row, f, (size_t)k) == 0, "%s: a mismatch for %s, no row",
                       fd->convention, fd->party);
            FUZZ_CHECK(fd->computed == row.amount && fd->stated != fd->computed && row.has_stated,
                       "%s: %s's mismatch: stated %lld, computed %lld, the row %lld", fd->convention, fd->party,
                       (long long)fd->stated, (long long)fd->computed, (long long)row.amount);
            char diff[48], want[64];
            FUZZ_CHECK(iscg_money_format(diff, sizeof diff, fd->stated - fd->computed, ISCG_MONEY_FRENCH) >= 0,
                       "format");
            snprintf(want, sizeof want, "a difference of %s", diff);
            FUZZ_CHECK(strstr(fd->text, want), "%s: the mismatch does not say \"%s\": %s", fd->convention, want,
                       fd->text);
        } else if (fd->side) { /* a side's drift: computed is what its funders' shares sum to */
            int found = 0;
            for (size_t k = 0; k < iscg_funding_side_count(f); k++) {
                iscg_funding_side side;
                FUZZ_CHECK(iscg_funding_side_get(&side, f, k) == 0, "side");
                if (strcmp(side.name, fd->side) == 0) {
                    found = 1;
                    FUZZ_CHECK(side.drift != 0 && (fuzz_i128)fd->computed == (fuzz_i128)side.amount - side.drift,
                               "%s: side %s's drift finding says %lld, the plan %lld - %lld", fd->convention, fd->side,
                               (long long)fd->computed, (long long)side.amount, (long long)side.drift);
                }
            }
            FUZZ_CHECK(found, "%s: a drift of an unknown side %s", fd->convention, fd->side);
        }
        iscg_funding_free(f);
    }
    if (!s) { /* every stated row that differs is a finding */
        for (size_t c = 0; c < iscg_registry_convention_count(r); c++) {
            const char *id = iscg_registry_convention_id(r, c);
            iscg_funding *f = NULL;
            if (iscg_funding_compute(&f, r, id, NULL) != 0)
                continue;
            for (size_t k = 0; k < iscg_funding_row_count(f); k++) {
                iscg_funding_row row;
                FUZZ_CHECK(iscg_funding_row_get(&row, f, k) == 0, "row");
                if (!row.has_stated || row.stated == row.amount)
                    continue;
                int found = 0;
                for (size_t i = 0; i < iscg_audit_count(a) && !found; i++) {
                    iscg_finding fd;
                    FUZZ_CHECK(iscg_audit_get(&fd, a, i) == 0, "finding");
                    found = fd.kind == ISCG_FINDING_MISMATCH && strcmp(fd.convention, id) == 0 && fd.party &&
                            strcmp(fd.party, row.party) == 0 && fd.stated == row.stated;
                }
                FUZZ_CHECK(found, "%s: %s is stated %lld and computed %lld, and the audit says nothing", id,
                           row.party, (long long)row.stated, (long long)row.amount);
            }
            iscg_funding_free(f);
        }
    }
    return a;
}

/* A budget line checked for year. */
static inline void fuzz_check_budget(const iscg_registry *r, const iscg_budget_line *line, int year)
{
    iscg_budget_result res;
    iscg_budget_item items[4];
    size_t count = (size_t)-1;
    iscg_error e;
    fuzz_err_reset(&e);
    int rc = iscg_budget_check(&res, items, 4, &count, r, line, year, &e);
    FUZZ_STATUS(rc, e, "budget");
    if (rc != 0 && rc != ISCG_ECREDIT)
        return;
    FUZZ_CHECK((fuzz_i128)res.balance == (fuzz_i128)res.available - res.proposed && res.available == line->available &&
                   res.credits == line->credits,
               "budget: balance %lld, available %lld, proposed %lld", (long long)res.balance,
               (long long)res.available, (long long)res.proposed);
    FUZZ_CHECK((rc == ISCG_ECREDIT) == (res.proposed > res.available), "budget: %d for %lld proposed of %lld", rc,
               (long long)res.proposed, (long long)res.available);
    FUZZ_CHECK(count == res.subsidies, "budget: %zu items, %zu subsidies", count, res.subsidies);
    if (count <= 4) {
        fuzz_i128 sum = 0;
        for (size_t i = 0; i < count; i++)
            sum += items[i].amount;
        FUZZ_CHECK(sum == res.proposed, "budget: items sum to %lld, proposed %lld", (long long)(int64_t)sum,
                   (long long)res.proposed);
    }
}

/* The funding report of year (0: whole periods): totals by kind. */
static inline void fuzz_check_report(const iscg_registry *r, const iscg_scenario *s, int year)
{
    iscg_report_funding *rf = NULL;
    iscg_error e;
    fuzz_err_reset(&e);
    int rc = iscg_report_funding_compute(&rf, r, s, year, &e);
    FUZZ_STATUS(rc, e, "funding report");
    if (rc == 0) {
        fuzz_i128 kinds[ISCG_PARTY_KIND_COUNT + 8] = {0};
        for (size_t i = 0; i < iscg_report_funding_row_count(rf); i++) {
            iscg_report_funding_row row;
            FUZZ_CHECK(iscg_report_funding_row_get(&row, rf, i) == 0, "report row %zu", i);
            if ((unsigned)row.funder.party_kind < sizeof kinds / sizeof kinds[0])
                kinds[row.funder.party_kind] += row.funder.amount;
        }
        for (int k = 0; k < ISCG_PARTY_KIND_COUNT; k++)
            FUZZ_CHECK(kinds[k] == iscg_report_funding_total(rf, (iscg_party_kind)k),
                       "report of %d: kind %d totals %lld", year, k,
                       (long long)iscg_report_funding_total(rf, (iscg_party_kind)k));
        for (size_t i = 0; i < iscg_report_funding_failure_count(rf); i++) {
            iscg_report_failure fl;
            FUZZ_CHECK(iscg_report_funding_failure_get(&fl, rf, i) == 0 && fl.code < 0 && fl.text && fl.text[0],
                       "report failure %zu", i);
        }
    } else
        FUZZ_CHECK(!rf, "a report on failure");
    iscg_report_funding_free(rf);

    if (year > 0) {
        iscg_report_receivables *rr = NULL;
        fuzz_err_reset(&e);
        rc = iscg_report_receivables_compute(&rr, r, s, NULL, year, &e);
        FUZZ_STATUS(rc, e, "receivables report");
        iscg_report_receivables_free(rr);
        iscg_report_deadlines *rd = NULL;
        fuzz_err_reset(&e);
        rc = iscg_report_deadlines_compute(&rd, r, (iscg_date){year, 1, 1}, 400, &e);
        FUZZ_STATUS(rc, e, "deadlines report");
        iscg_report_deadlines_free(rd);
    }
}

/* Everything on r, with scenario s (may be NULL). The results kept alive are
 * returned through *keep_* for the caller to read after the registry has gone. */
typedef struct fuzz_kept {
    iscg_funding *funding;
    iscg_receivables *receivables;
    iscg_audit *audit;
} fuzz_kept;

static inline void fuzz_compute_all(fuzz_kept *kept, const iscg_registry *r, const iscg_scenario *s,
                                    const fuzz_plan *plans, size_t nplans)
{
    memset(kept, 0, sizeof *kept);
    kept->funding = fuzz_check_plans(r, s, plans, nplans);
    iscg_audit *a = fuzz_check_audit(r, NULL);
    kept->audit = a;
    if (s && iscg_scenario_count(s) > 0)
        iscg_audit_free(fuzz_check_audit(r, s));

    /* receivables of each carrier in the first years its conventions touch */
    int years[2] = {0, 0};
    for (size_t c = 0; c < iscg_registry_convention_count(r); c++) {
        iscg_convention_spec spec;
        iscg_post_spec post;
        const char *id = iscg_registry_convention_id(r, c);
        FUZZ_CHECK(iscg_convention_get(&spec, r, id, NULL) == 0 && iscg_post_get(&post, r, spec.post, NULL) == 0,
                   "convention %s", id);
        if (c == 0) {
            years[0] = spec.period.start.year;
            years[1] = spec.period.end.year;
        }
        if (c < 3) {
            iscg_receivables *rv = fuzz_check_receivables(r, post.carrier, spec.period.end.year);
            if (!kept->receivables)
                kept->receivables = rv;
            else
                iscg_receivables_free(rv);
        }
    }
    fuzz_check_report(r, s, 0);
    for (int k = 0; k < 2; k++)
        if (years[k] > 0 && (k == 0 || years[1] != years[0]))
            fuzz_check_report(r, s, years[k]);
}

/* Reads what was kept, once its registry is gone, and frees it. */
static inline void fuzz_release(fuzz_kept *kept)
{
    if (kept->funding) {
        fuzz_check_funding_sums(kept->funding, iscg_funding_convention(kept->funding));
        const iscg_explain *x = iscg_funding_explain(kept->funding);
        if (x)
            FUZZ_CHECK(iscg_explain_render(NULL, 0, x) >= 0, "render after the registry");
    }
    fuzz_i128 total = 0;
    for (size_t i = 0; i < iscg_receivables_count(kept->receivables); i++) {
        iscg_receivable c;
        FUZZ_CHECK(iscg_receivables_get(&c, kept->receivables, i) == 0 && c.convention && c.debtor_name, "claim");
        total += c.amount;
    }
    FUZZ_CHECK(total == iscg_receivables_total(kept->receivables), "receivables after the registry");
    for (size_t i = 0; i < iscg_audit_count(kept->audit); i++) {
        iscg_finding fd;
        FUZZ_CHECK(iscg_audit_get(&fd, kept->audit, i) == 0 && strlen(fd.text) > 0 && fd.convention[0],
                   "finding after the registry");
    }
    iscg_funding_free(kept->funding);
    iscg_receivables_free(kept->receivables);
    iscg_audit_free(kept->audit);
    memset(kept, 0, sizeof *kept);
}

#endif
