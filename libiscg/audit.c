/* SPDX-License-Identifier: Apache-2.0 */
/* The audit of stated amounts (AUD-1). It only reads funding results: the
 * rules are computed in funding.c; the budget line is in budget.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "i18n.h"

static const char *const kind_names[] = {
    [ISCG_FINDING_MISMATCH] = "MISMATCH",     [ISCG_FINDING_DRIFT] = "DRIFT",
    [ISCG_FINDING_SIDE_SUM] = "SIDE_SUM",     [ISCG_FINDING_UNEXPECTED] = "UNEXPECTED",
    [ISCG_FINDING_UNCOMPUTABLE] = "UNCOMPUTABLE", [ISCG_FINDING_UNEQUAL] = "UNEQUAL",
    [ISCG_FINDING_BUDGET] = "BUDGET",
};
ISCG__ENUM(finding_kind, iscg_finding_kind, "finding kind", kind_names, NULL, ISCG_FINDING_KIND_COUNT)

struct entry {
    iscg_finding f; /* its rule is a static string, read from the records */
    char *text;
    iscg_explain *explain; /* a copy of the computation's records, in the audit's trace; or NULL */
};

struct iscg_audit {
    const iscg_registry *r; /* a reference: the findings name its conventions */
    struct entry *e;
    size_t n, cap;
    struct iscg__trace trace; /* the findings' records, each finding's a tree of its own */
};

void iscg_audit_free(iscg_audit *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        free(a->e[i].text);
    iscg__trace_free(&a->trace);
    free(a->e);
    iscg_registry_free((iscg_registry *)a->r);
    free(a);
}

/* Appends a finding, with a copy of the records that explain it (why, may
 * be NULL) in the audit's own trace. */
static int add(iscg_audit *a, const iscg_finding *f, const iscg_explain *why, const char *text)
{
    if (a->n == a->cap) {
        size_t ncap = a->cap ? 2 * a->cap : 16;
        struct entry *bigger = realloc(a->e, ncap * sizeof *bigger);
        if (!bigger)
            return ISCG_ENOMEM;
        a->e = bigger;
        a->cap = ncap;
    }
    struct entry *e = &a->e[a->n];
    const uint32_t nrec = a->trace.n;
    e->f = *f;
    e->text = strdup(text);
    e->explain = why ? iscg__trace_copy(&a->trace, NULL, why) : NULL;
    if (!e->text || (why && !e->explain)) {
        free(e->text);
        iscg__trace_truncate(&a->trace, nrec);
        return ISCG_ENOMEM;
    }
    e->f.rule = f->rule ? f->rule : "";
    e->f.text = e->text;
    e->f.explain = e->explain;
    a->n++;
    return 0;
}

#define SAY(buf, ...) snprintf(buf, sizeof buf, __VA_ARGS__)

/* A stated amount may be any int64 the loader accepts, INT64_MIN included: a
 * difference or a sum of stated amounts that does not fit is an error named
 * after the convention and the party or side, never undefined behaviour. */
static int overflow(iscg_error *err, const struct convention *c, int party, const char *name)
{
    if (party)
        return iscg__fail(err, ISCG_EOVERFLOW, c->id, "stated", 0, 0,
                          "%s: the stated amounts of party %s do not fit in 64-bit cents once compared with the rule",
                          c->id, name);
    return iscg__fail(err, ISCG_EOVERFLOW, c->id, "stated", 0, 0,
                      "%s: the stated amounts of side %s do not fit in 64-bit cents once compared with the rule",
                      c->id, name);
}

static int audit_convention(iscg_audit *a, const iscg_registry *r, const iscg_scenario *scenario,
                            const struct convention *c, iscg_error *fail)
{
    char text[512], x[48], y[48], z[48];
    iscg_error err;
    iscg_funding *f;
    iscg_finding base;
    memset(&base, 0, sizeof base);
    base.convention = c->id;
    base.rounding = c->rounding.rounding;
    int rc = iscg__funding_compute(&f, r, scenario, c->id, &err);
    if (rc == ISCG_ENOMEM)
        return rc;
    if (rc != 0) {
        base.kind = ISCG_FINDING_UNCOMPUTABLE;
        base.rule = rc == ISCG_ETERMINATED ? "SPLIT-6" : "";
        return add(a, &base, NULL, err.text);
    }
    /* every stated amount against the computed one */
    for (size_t k = 0; rc == 0 && k < c->nstated; k++) {
        const struct stated *st = &c->stated[k];
        iscg_finding fd = base;
        fd.party = r->parties[st->party].id;
        fd.source = st->source;
        fd.stated = st->amount;
        int i = iscg_funding_find(f, fd.party);
        if (i < 0) {
            fd.kind = ISCG_FINDING_UNEXPECTED;
            SAY(text, ISCG_TR("%s: %s states %s for %s, which does not fund this convention"), c->id,
                st->source ? st->source : ISCG_TR("a document"), iscg__euros(x, st->amount), r->parties[st->party].name);
            rc = add(a, &fd, NULL, text);
            continue;
        }
        const struct row *w = &f->rows[i];
        if (w->amount == st->amount)
            continue;
        iscg_cents diff;
        if (iscg_money_sub(&diff, st->amount, w->amount) != 0) {
            rc = overflow(fail, c, 1, r->parties[st->party].id);
            break;
        }
        fd.kind = ISCG_FINDING_MISMATCH;
        fd.side = c->sides[w->side].name;
        fd.rule = iscg_explain_rule(w->explain); /* the rule its row's record applied */
        fd.computed = w->amount;
        SAY(text, ISCG_TR("%s: %s states %s for %s, the rule (%s, %s to %s) gives %s: a difference of %s"), c->id,
            st->source ? st->source : ISCG_TR("a document"), iscg__euros(x, st->amount), r->parties[st->party].name, fd.rule,
            iscg_rounding_name(c->rounding.rounding), c->rounding.unit == ISCG_EURO ? ISCG_TR("the euro") : ISCG_TR("the cent"),
            iscg__euros(y, w->amount), iscg__euros(z, diff));
        rc = add(a, &fd, w->explain, text);
    }
    /* drifts: money a split leaves unallocated (SPLIT-5, ROUND-3) */
    if (rc == 0 && f->equal_drift != 0) {
        iscg_finding fd = base;
        fd.kind = ISCG_FINDING_DRIFT;
        fd.rule = "SPLIT-5";
        fd.computed = f->equal_drift;
        SAY(text, ISCG_TR("%s: the equal split among sides leaves %s unallocated"), c->id, iscg__euros(x, f->equal_drift));
        rc = add(a, &fd, f->root, text);
    }
    for (size_t s = 0; rc == 0 && s < f->nsides; s++) {
        const struct side_out *so = &f->sides[s];
        iscg_finding fd = base;
        fd.side = c->sides[s].name;
        if (so->drift != 0) {
            fd.kind = ISCG_FINDING_DRIFT;
            fd.rule = "SPLIT-5";
            fd.rounding = c->sides[s].split.rounding;
            fd.computed = so->amount - so->drift;
            SAY(text, ISCG_TR("%s: side %s owes %s but its funders' shares sum to %s (%s to %s, remainder %s): %s unallocated"),
                c->id, fd.side, iscg__euros(x, so->amount), iscg__euros(y, so->amount - so->drift),
                iscg_rounding_name(c->sides[s].split.rounding),
                c->sides[s].split.unit == ISCG_EURO ? ISCG_TR("the euro") : ISCG_TR("the cent"),
                iscg_remainder_policy_name(c->sides[s].split.policy), iscg__euros(z, so->drift));
            rc = add(a, &fd, so->node, text);
        }
        /* the stated amounts of a shared side against the side's amount */
        iscg_cents stated_sum = 0;
        size_t members = 0, stated_members = 0;
        for (size_t i = 0; i < f->nrows; i++) {
            if (f->rows[i].side != s)
                continue;
            members++;
            for (size_t k = 0; k < c->nstated; k++)
                if (c->stated[k].party == f->rows[i].party) {
                    if (rc == 0 && iscg_money_add(&stated_sum, stated_sum, c->stated[k].amount) != 0)
                        rc = overflow(fail, c, 0, fd.side);
                    stated_members++;
                    break;
                }
        }
        if (rc == 0 && members > 1 && stated_members == members && stated_sum != so->amount &&
            stated_sum != so->amount - so->drift) {
            fd.kind = ISCG_FINDING_SIDE_SUM;
            fd.rule = "SPLIT-5";
            fd.stated = stated_sum;
            fd.computed = so->amount;
            SAY(text, ISCG_TR("%s: the stated shares of side %s sum to %s, not to the side's %s"), c->id, fd.side,
                iscg__euros(x, stated_sum), iscg__euros(y, so->amount));
            rc = add(a, &fd, so->node, text);
        }
    }
    /* a plan a document calls equal: the sides, extras aside, within one unit */
    if (rc == 0 && c->claims_equal && f->nsides > 1) {
        iscg_cents lo = INT64_MAX, hi = INT64_MIN;
        size_t at = 0, known = 0;
        char list[256] = "";
        for (size_t s = 0; s < f->nsides; s++) {
            if (f->sides[s].unknown)
                continue;
            iscg_cents v = f->sides[s].amount - f->sides[s].extra;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
            known++;
            if (at < sizeof list)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s %s", at ? ", " : "", c->sides[s].name,
                                       iscg__euros(x, v));
        }
        if (known > 1 && hi - lo > c->rounding.unit) {
            iscg_finding fd = base;
            fd.kind = ISCG_FINDING_UNEQUAL;
            fd.rule = "SPLIT-1";
            fd.source = c->equal_claim;
            fd.stated = hi;
            fd.computed = lo;
            /* with no cost stated (ISCG_UNKNOWN), there is no equal part to
             * give: "equal parts of -0,01 €" would be nonsense */
            char parts[160] = "the cost is not stated";
            if (f->cost >= 0)
                SAY(parts, ISCG_TR("equal parts of %s would be %s each"), iscg__euros(y, f->cost),
                    iscg__euros(z, f->cost / (iscg_cents)known));
            SAY(text, ISCG_TR("%s: %s calls the plan equal, but its sides are %s (%s)"), c->id,
                c->equal_claim ? c->equal_claim : ISCG_TR("a document"), list, parts);
            rc = add(a, &fd, f->root, text);
        }
    }
    iscg_funding_free(f);
    return rc;
}

int iscg_audit_run(iscg_audit **out, const iscg_registry *r, iscg_error *err)
{
    return iscg_audit_run_scenario(out, r, NULL, err);
}

int iscg_audit_run_scenario(iscg_audit **out, const iscg_registry *r, const iscg_scenario *s, iscg_error *err)
{
    if (!out || !r)
        return ISCG_FAIL(err, ISCG_EINVAL, "audit", "no output or registry given");
    iscg_audit *a = calloc(1, sizeof *a);
    if (!a)
        return ISCG_FAIL(err, ISCG_ENOMEM, "audit", "out of memory");
    a->r = iscg__registry_ref(r);
    iscg__trace_init(&a->trace, r, NULL, 64);
    for (size_t i = 0; i < r->nconventions; i++) {
        int rc = audit_convention(a, r, s, &r->conventions[i], err);
        if (rc != 0) {
            iscg_audit_free(a);
            if (rc == ISCG_ENOMEM)
                return ISCG_FAIL(err, ISCG_ENOMEM, "audit", "out of memory while auditing %s", r->conventions[i].id);
            return rc;
        }
    }
    *out = a;
    return 0;
}

size_t iscg_audit_count(const iscg_audit *a) { return a ? a->n : 0; }

int iscg_audit_get(iscg_finding *out, const iscg_audit *a, size_t i)
{
    if (!out || !a || i >= a->n)
        return ISCG_EINVAL;
    *out = a->e[i].f;
    return 0;
}

/* BUD-3: a stated proposal against the computed one. */
int iscg_audit_add_budget(iscg_audit *a, const iscg_budget_line *line, int year, iscg_cents stated, iscg_error *err)
{
    if (!a || !line)
        return ISCG_FAIL(err, ISCG_EINVAL, "budget", "no audit or budget line given");
    iscg_budget_result res;
    int rc = iscg_budget_check(&res, NULL, 0, NULL, a->r, line, year, err);
    if (rc != 0 && rc != ISCG_ECREDIT)
        return rc;
    if (stated == res.proposed)
        return 0;
    char text[512], x[48], y[48], z[48];
    iscg_cents diff;
    if (iscg_money_sub(&diff, stated, res.proposed) != 0)
        return iscg__fail(err, ISCG_EOVERFLOW, line->operation, "stated_proposed", 0, 0,
                          "budget line %s: the stated proposal does not fit in 64-bit cents once compared",
                          line->operation ? line->operation : ISCG_TR("(unnamed)"));
    iscg_finding fd;
    memset(&fd, 0, sizeof fd);
    fd.kind = ISCG_FINDING_BUDGET;
    fd.convention = "";
    fd.party = a->r->parties[iscg__party_index(a->r, line->payer)].id; /* the check found it */
    fd.rule = "BUD-3";
    fd.rounding = ISCG_ROUND_UNSET;
    fd.stated = stated;
    fd.computed = res.proposed;
    SAY(text, ISCG_TR("budget line %s, %d: the proposal stated is %s, the payer's %zu subsidies come to %s: a difference "
              "of %s"),
        line->operation ? line->operation : "(unnamed)", year, iscg__euros(x, stated),
        res.subsidies, iscg__euros(y, res.proposed), iscg__euros(z, diff));
    return add(a, &fd, NULL, text) != 0
               ? ISCG_FAIL(err, ISCG_ENOMEM, "budget", "out of memory while auditing budget line %s", line->operation)
               : 0;
}
