/* SPDX-License-Identifier: Apache-2.0 */
/* Traces (AUD-2): the records a computation leaves in its result, read
 * field by field, rebuilt as a tree, rendered as the text the embedded
 * dataset's explanations have always had, and kept by results that outlive
 * the dataset they were computed from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "seed.h"
#include "suites.h"

#define NBSP_EUR "\xc2\xa0\xe2\x82\xac"

/* The whole tree under e, as iscg_explain_render() writes it; the caller frees it. */
static char *rendered(const iscg_explain *e)
{
    int n = iscg_explain_render(NULL, 0, e);
    ck_assert_int_gt(n, 0);
    char *text = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(iscg_explain_render(text, (size_t)n + 1, e), n);
    return text;
}

static iscg_trace_record record(const iscg_funding *f, size_t i)
{
    iscg_trace_record rec;
    ck_assert_int_eq(iscg_funding_trace_get(&rec, f, i), 0);
    ck_assert_uint_eq(rec.index, i);
    return rec;
}

static int same_date(iscg_date a, int y, int m, int d)
{
    return a.year == y && a.month == m && a.day == d;
}

/* AUD-2, PRO-1, SPLIT-1, SPLIT-2: Osartis's plan (CP2023 annex 13), record
 * by record: the root with the prorated cost, each side by its share rule,
 * its prorata (1/3 of the year, MONTHS_WHOLE, DOWN to the euro), the
 * remainder, and each sole funder. */
START_TEST(test_aud2_trace_records_of_osartis)
{
    iscg_funding *f;
    iscg_error e;
    ck_assert_int_eq(iscg_funding_compute(&f, seed_reg, "osartis-2023", &e), 0);
    ck_assert_uint_eq(iscg_funding_trace_count(f), 10);

    iscg_trace_record rec = record(f, 0); /* the root */
    ck_assert_int_eq(rec.kind, ISCG_TRACE_PLAN);
    ck_assert_str_eq(rec.rule, "");
    ck_assert_ptr_eq(rec.node, iscg_funding_explain(f));
    ck_assert_str_eq(rec.convention, "osartis-2023");
    ck_assert_int_eq(rec.amount, EUR(14000)); /* prorated */
    ck_assert_int_eq(rec.base, EUR(42000));   /* annual */
    ck_assert(same_date(rec.period.start, 2023, 9, 1) && same_date(rec.period.end, 2023, 12, 31));
    ck_assert_int_eq(rec.daycount, ISCG_DAYCOUNT_MONTHS_WHOLE);
    ck_assert_uint_eq(rec.parent, ISCG_TRACE_NONE);
    ck_assert_uint_eq(rec.child_count, 3);
    ck_assert_uint_eq(rec.first_child, 1);

    rec = record(f, 1); /* side FIPD, a fixed amount (SPLIT-2) */
    ck_assert_int_eq(rec.kind, ISCG_TRACE_SIDE);
    ck_assert_str_eq(rec.rule, "SPLIT-2");
    ck_assert_int_eq(rec.share_rule, ISCG_SHARE_FIXED);
    ck_assert_str_eq(rec.side, "FIPD");
    ck_assert_int_eq(rec.amount, EUR(14000));
    ck_assert_int_eq(rec.value, EUR(14000));
    ck_assert_uint_eq(rec.parent, 0);
    ck_assert_uint_eq(rec.next_sibling, 3);

    rec = record(f, 2); /* its prorata (PRO-1) */
    ck_assert_int_eq(rec.kind, ISCG_TRACE_PRORATA);
    ck_assert_str_eq(rec.rule, "PRO-1");
    ck_assert_int_eq(rec.amount, EUR(4666));
    ck_assert_int_eq(rec.base, EUR(14000));
    ck_assert_int_eq(rec.ratio.num, 1);
    ck_assert_int_eq(rec.ratio.den, 3);
    ck_assert_int_eq(rec.daycount, ISCG_DAYCOUNT_MONTHS_WHOLE);
    ck_assert_int_eq(rec.rounding, ISCG_ROUND_DOWN);
    ck_assert_int_eq(rec.unit, ISCG_EURO);
    ck_assert(same_date(rec.period.start, 2023, 9, 1) && same_date(rec.period.end, 2023, 12, 31));
    ck_assert_uint_eq(rec.parent, 1);
    ck_assert_str_eq(iscg_explain_text(rec.node), "4\xe2\x80\xaf" "666" NBSP_EUR " = 14\xe2\x80\xaf" "000" NBSP_EUR
                                                  " x 1/3 (MONTHS_WHOLE over 2023-09-01..2023-12-31), DOWN to the euro");

    rec = record(f, 5); /* the carrier's side: what the others leave (SPLIT-2) */
    ck_assert_int_eq(rec.kind, ISCG_TRACE_SIDE);
    ck_assert_int_eq(rec.share_rule, ISCG_SHARE_REMAINDER);
    ck_assert_str_eq(rec.side, "Carrier");
    rec = record(f, 6); /* its prorata: the prorated cost less the others */
    ck_assert_int_eq(rec.kind, ISCG_TRACE_PRORATA_REST);
    ck_assert_int_eq(rec.amount, EUR(4668));
    ck_assert_int_eq(rec.base, EUR(14000));
    ck_assert_uint_eq(rec.parent, 5);

    rec = record(f, 7); /* the State pays side FIPD alone (SPLIT-1) */
    ck_assert_int_eq(rec.kind, ISCG_TRACE_SOLE);
    ck_assert_str_eq(rec.rule, "SPLIT-1");
    ck_assert_str_eq(rec.party, "etat");
    ck_assert_str_eq(rec.party_name, "\xc3\x89tat (FIPD)");
    ck_assert_str_eq(rec.side, "FIPD");
    ck_assert_ptr_null(rec.other_party);
    ck_assert_int_eq(rec.amount, EUR(4666));
    ck_assert_uint_eq(rec.parent, 1);

    /* each row carries its rule and its record */
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "etat")), 0);
    ck_assert_str_eq(row.rule, "SPLIT-1");
    ck_assert_ptr_eq(row.explain, rec.node);

    /* the tree rebuilt from the indices is the one the nodes show */
    for (size_t i = 0; i < iscg_funding_trace_count(f); i++) {
        iscg_trace_record r = record(f, i);
        size_t k = 0;
        for (size_t c = r.first_child; c != ISCG_TRACE_NONE; c = record(f, c).next_sibling, k++) {
            ck_assert_ptr_eq(record(f, c).node, iscg_explain_child(r.node, k));
            ck_assert_uint_eq(record(f, c).parent, i);
        }
        ck_assert_uint_eq(k, r.child_count);
        ck_assert_uint_eq(k, iscg_explain_child_count(r.node));
    }
    iscg_funding_free(f);
}
END_TEST

/* AUD-2, SPLIT-4, SPLIT-5, AMD-2, PRO-3: Le Portel's plan (CP2023 annex 5)
 * with CA du Boulonnais withdrawn from 1 July, not replaced: its share by
 * weight (1/3, remainder NONE), the part it pays (5/12 of the 11/12 the
 * period counts), what the others take on, the drift; rendered as it always
 * was, and so is its part in 2023. */
START_TEST(test_aud2_trace_of_a_withdrawal)
{
    static const char *const whole =
    "convention le-portel-2023 (CP2023 annex 5, art. 7), 2023-01-05..2024-01-04: cost 58\xe2\x80\xaf" "044\xc2\xa0\xe2\x82\xac\n"
    "  [SPLIT-1] side FIPD: 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac = an equal part of 3 of 58\xe2\x80\xaf" "044\xc2\xa0\xe2\x82\xac, DOWN to the euro, remainder NONE\n"
    "    [SPLIT-1] \xc3\x89tat (FIPD) pays side FIPD: 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac\n"
    "  [SPLIT-1] side D\xc3\xa9partement: 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac = an equal part of 3 of 58\xe2\x80\xaf" "044\xc2\xa0\xe2\x82\xac, DOWN to the euro, remainder NONE\n"
    "    [SPLIT-3] plus 1\xe2\x80\xaf" "066\xc2\xa0\xe2\x82\xac on top (travel costs)\n"
    "    [SPLIT-1] D\xc3\xa9partement du Pas-de-Calais pays side D\xc3\xa9partement: 20\xe2\x80\xaf" "414\xc2\xa0\xe2\x82\xac\n"
    "  [SPLIT-1] side EPCI: 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac = an equal part of 3 of 58\xe2\x80\xaf" "044\xc2\xa0\xe2\x82\xac, DOWN to the euro, remainder NONE\n"
    "    [SPLIT-4] CA du Boulonnais: 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac = 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac x 1/3, DOWN to the euro, remainder NONE\n"
    "      [AMD-2] withdrawn from 2023-07-01: pays 2\xe2\x80\xaf" "931\xc2\xa0\xe2\x82\xac = 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac x (5/12) / (11/12) of the period (MONTHS_WHOLE), DOWN to the euro\n"
    "    [SPLIT-4] CIAS de la CC de Desvres-Samer: 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac = 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac x 1/3, DOWN to the euro, remainder NONE\n"
    "      [AMD-2] plus 1\xe2\x80\xaf" "759\xc2\xa0\xe2\x82\xac of CA du Boulonnais's share from 2023-07-01, by weight\n"
    "    [SPLIT-4] CC de la Terre des Deux Caps: 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac = 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac x 1/3, DOWN to the euro, remainder NONE\n"
    "      [AMD-2] plus 1\xe2\x80\xaf" "759\xc2\xa0\xe2\x82\xac of CA du Boulonnais's share from 2023-07-01, by weight\n"
    "    [SPLIT-5] drift: 1\xc2\xa0\xe2\x82\xac of side EPCI is not allocated\n"
    "  [AMD-3] what-if: CA du Boulonnais withdrawn from 2023-07-01, not replaced\n";
    static const char *const part =
    "[PRO-3] convention le-portel-2023, its part in 2023: (11/12) / (11/12) of the period (MONTHS_WHOLE)\n"
    "  [PRO-3] \xc3\x89tat (FIPD) in 2023: 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac of 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac, DOWN to the euro\n"
    "    [SPLIT-1] \xc3\x89tat (FIPD) pays side FIPD: 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac\n"
    "  [PRO-3] D\xc3\xa9partement du Pas-de-Calais in 2023: 20\xe2\x80\xaf" "414\xc2\xa0\xe2\x82\xac of 20\xe2\x80\xaf" "414\xc2\xa0\xe2\x82\xac, DOWN to the euro\n"
    "    [SPLIT-1] D\xc3\xa9partement du Pas-de-Calais pays side D\xc3\xa9partement: 20\xe2\x80\xaf" "414\xc2\xa0\xe2\x82\xac\n"
    "  [PRO-3] CA du Boulonnais in 2023: 2\xe2\x80\xaf" "931\xc2\xa0\xe2\x82\xac of 2\xe2\x80\xaf" "931\xc2\xa0\xe2\x82\xac, DOWN to the euro\n"
    "    [SPLIT-4] CA du Boulonnais: 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac = 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac x 1/3, DOWN to the euro, remainder NONE\n"
    "      [AMD-2] withdrawn from 2023-07-01: pays 2\xe2\x80\xaf" "931\xc2\xa0\xe2\x82\xac = 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac x (5/12) / (11/12) of the period (MONTHS_WHOLE), DOWN to the euro\n"
    "  [PRO-3] CIAS de la CC de Desvres-Samer in 2023: 8\xe2\x80\xaf" "208\xc2\xa0\xe2\x82\xac of 8\xe2\x80\xaf" "208\xc2\xa0\xe2\x82\xac, DOWN to the euro\n"
    "    [SPLIT-4] CIAS de la CC de Desvres-Samer: 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac = 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac x 1/3, DOWN to the euro, remainder NONE\n"
    "      [AMD-2] plus 1\xe2\x80\xaf" "759\xc2\xa0\xe2\x82\xac of CA du Boulonnais's share from 2023-07-01, by weight\n"
    "  [PRO-3] CC de la Terre des Deux Caps in 2023: 8\xe2\x80\xaf" "208\xc2\xa0\xe2\x82\xac of 8\xe2\x80\xaf" "208\xc2\xa0\xe2\x82\xac, DOWN to the euro\n"
    "    [SPLIT-4] CC de la Terre des Deux Caps: 6\xe2\x80\xaf" "449\xc2\xa0\xe2\x82\xac = 19\xe2\x80\xaf" "348\xc2\xa0\xe2\x82\xac x 1/3, DOWN to the euro, remainder NONE\n"
    "      [AMD-2] plus 1\xe2\x80\xaf" "759\xc2\xa0\xe2\x82\xac of CA du Boulonnais's share from 2023-07-01, by weight\n";
    iscg_scenario *s;
    iscg_error e;
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "le-portel-2023";
    w.party = "cab";
    w.from = (iscg_date){2023, 7, 1};
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    iscg_funding *f, *p;
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, seed_reg, s, "le-portel-2023", &e), 0);
    char *text = rendered(iscg_funding_explain(f));
    ck_assert_str_eq(text, whole);
    free(text);
    size_t shares = 0, withdrawn = 0, shared = 0, drifts = 0, whatifs = 0;
    for (size_t i = 0; i < iscg_funding_trace_count(f); i++) {
        iscg_trace_record rec = record(f, i);
        if (rec.kind == ISCG_TRACE_SHARE) {
            shares++;
            ck_assert_str_eq(rec.rule, "SPLIT-4");
            ck_assert_str_eq(rec.side, "EPCI");
            ck_assert_int_eq(rec.amount, EUR(6449));
            ck_assert_int_eq(rec.base, EUR(19348));
            ck_assert_int_eq(rec.ratio.num * 3, rec.ratio.den);
            ck_assert_int_eq(rec.policy, ISCG_REMAINDER_NONE);
            ck_assert_int_eq(rec.rounding, ISCG_ROUND_DOWN);
            ck_assert_int_eq(rec.unit, ISCG_EURO);
        } else if (rec.kind == ISCG_TRACE_WITHDRAWN) {
            withdrawn++;
            ck_assert_str_eq(rec.rule, "AMD-2");
            ck_assert_str_eq(rec.party, "cab");
            ck_assert_int_eq(rec.amount, EUR(2931));
            ck_assert_int_eq(rec.base, EUR(6449));
            ck_assert_int_eq(rec.ratio.num, 5);
            ck_assert_int_eq(rec.ratio.den, 12);
            ck_assert_int_eq(rec.whole.num, 11);
            ck_assert_int_eq(rec.whole.den, 12);
            ck_assert_int_eq(rec.daycount, ISCG_DAYCOUNT_MONTHS_WHOLE);
            ck_assert(same_date(rec.date, 2023, 7, 1));
        } else if (rec.kind == ISCG_TRACE_SHARED_FROM) {
            shared++;
            ck_assert_str_eq(rec.other_party, "cab");
            ck_assert_int_eq(rec.amount, EUR(1759));
        } else if (rec.kind == ISCG_TRACE_SIDE_DRIFT) {
            drifts++;
            ck_assert_str_eq(rec.rule, "SPLIT-5");
            ck_assert_int_eq(rec.amount, EUR(1));
        } else if (rec.kind == ISCG_TRACE_WHATIF_WITHDRAW) {
            whatifs++;
            ck_assert_str_eq(rec.rule, "AMD-3");
            ck_assert_str_eq(rec.party, "cab");
            ck_assert_ptr_null(rec.other_party);
        }
    }
    ck_assert_uint_eq(shares, 3);
    ck_assert_uint_eq(withdrawn, 1);
    ck_assert_uint_eq(shared, 2);
    ck_assert_uint_eq(drifts, 1);
    ck_assert_uint_eq(whatifs, 1);
    ck_assert_int_eq(iscg_funding_compute_part(&p, f, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
    text = rendered(iscg_funding_explain(p));
    ck_assert_str_eq(text, part);
    free(text);
    iscg_trace_record rec = record(p, 0);
    ck_assert_int_eq(rec.kind, ISCG_TRACE_PART);
    ck_assert_str_eq(rec.rule, "PRO-3");
    ck_assert_int_eq(rec.year, 2023);
    ck_assert_int_eq(rec.ratio.num, 11);
    ck_assert_int_eq(rec.whole.num, 11);
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, p, 0), 0);
    ck_assert_str_eq(row.rule, "PRO-3");
    ck_assert_int_eq(iscg_explain_record(&rec, row.explain), 0);
    ck_assert_int_eq(rec.kind, ISCG_TRACE_PART_SHARE);
    ck_assert_int_eq(rec.year, 2023);
    ck_assert_int_eq(rec.base, rec.amount);
    iscg_funding_free(p);
    iscg_funding_free(f);
    iscg_scenario_free(s);
}
END_TEST

/* AUD-2, RCV-1, PRO-4: a claim's records: the months the convention covers
 * in the year and the months the post was vacant (Boulogne, 2022). */
START_TEST(test_aud2_trace_of_a_claim)
{
    static const char *const expected =
        "[RCV-1] titre de recettes on \xc3\x89tat (FIPD) for 2022: 0" NBSP_EUR " = 1\xe2\x80\xaf" "867" NBSP_EUR
        " x (1/1 - 1/1 months absent) / 1/1 months, DOWN\n"
        "  [PRO-3] \xc3\x89tat (FIPD) in 2022: 1\xe2\x80\xaf" "867" NBSP_EUR " of 22\xe2\x80\xaf" "409" NBSP_EUR
        ", DOWN to the euro\n"
        "    [SPLIT-1] \xc3\x89tat (FIPD) pays side FIPD: 22\xe2\x80\xaf" "409" NBSP_EUR "\n"
        "  [PRO-4] reduced for 1/1 months of absence or vacancy of post isc-boulogne\n";
    iscg_receivables *rv;
    iscg_error e;
    ck_assert_int_eq(iscg_receivables_compute(&rv, seed_reg, "dept", 2022, &e), 0);
    int found = 0;
    for (size_t i = 0; i < iscg_receivables_count(rv); i++) {
        iscg_receivable c;
        ck_assert_int_eq(iscg_receivables_get(&c, rv, i), 0);
        ck_assert_str_eq(c.rule, "RCV-1");
        if (strcmp(c.convention, "boulogne-2023") != 0 || strcmp(c.debtor, "etat") != 0)
            continue;
        found++;
        char *text = rendered(c.explain);
        ck_assert_str_eq(text, expected);
        free(text);
        iscg_trace_record rec;
        ck_assert_int_eq(iscg_explain_record(&rec, c.explain), 0);
        ck_assert_int_eq(rec.kind, ISCG_TRACE_CLAIM);
        ck_assert_str_eq(rec.party, "etat");
        ck_assert_str_eq(rec.convention, "boulogne-2023");
        ck_assert_int_eq(rec.year, 2022);
        ck_assert_int_eq(rec.base, EUR(1867));
        ck_assert_int_eq(rec.ratio.num, 1); /* months covered */
        ck_assert_int_eq(rec.whole.num, 1); /* months absent */
        ck_assert_uint_eq(rec.child_count, 2);
        ck_assert_int_eq(iscg_explain_record(&rec, iscg_explain_child(c.explain, 1)), 0);
        ck_assert_int_eq(rec.kind, ISCG_TRACE_ABSENCE);
        ck_assert_str_eq(rec.rule, "PRO-4");
        ck_assert_str_eq(rec.post, "isc-boulogne");
    }
    ck_assert_int_eq(found, 1);
    iscg_receivables_free(rv);
}
END_TEST

/* AUD-2: results outlive the dataset they come from, and keep their traces:
 * the records name parties of the registry each result holds. */
START_TEST(test_aud2_trace_outlives_its_dataset)
{
    iscg_funding *f;
    iscg_receivables *rv;
    iscg_audit *a;
    iscg_error e;
    ck_assert_int_eq(iscg_funding_compute(&f, seed_reg, "osartis-2023", &e), 0);
    ck_assert_int_eq(iscg_receivables_compute(&rv, seed_reg, "dept", 2022, &e), 0);
    ck_assert_int_eq(iscg_audit_run(&a, seed_reg, &e), 0);
    char *before = rendered(iscg_funding_explain(f));
    iscg_dataset_free(seed_ds); /* the handle goes; the results hold its registry */
    seed_ds = NULL;
    seed_reg = NULL;
    char *after = rendered(iscg_funding_explain(f));
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    iscg_trace_record rec = record(f, 7);
    ck_assert_str_eq(rec.party_name, "\xc3\x89tat (FIPD)");
    ck_assert_ptr_nonnull(strstr(iscg_explain_text(rec.node), "pays side FIPD"));
    iscg_funding_free(f);
    iscg_receivable c;
    ck_assert_int_eq(iscg_receivables_get(&c, rv, 0), 0);
    ck_assert_ptr_nonnull(strstr(iscg_explain_text(c.explain), "titre de recettes on"));
    iscg_receivables_free(rv);
    ck_assert_uint_eq(iscg_audit_count(a), 6);
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_finding fd;
        ck_assert_int_eq(iscg_audit_get(&fd, a, i), 0);
        ck_assert_msg(fd.rule && *fd.rule, "finding %zu has no rule", i);
        ck_assert_ptr_nonnull(fd.explain);
        ck_assert_str_ne(iscg_explain_text(fd.explain), "");
        free(rendered(fd.explain));
    }
    iscg_audit_free(a);
}
END_TEST

/* AUD-2, SPLIT-4: a plan with more records than a result keeps in its own
 * block takes the rest in chunks: 2 000 funders of one side, each a record
 * that stays where it was appended. */
START_TEST(test_aud2_trace_of_a_large_plan)
{
    enum { N = 2000 };
    iscg_registry *r;
    iscg_error e;
    char id[32];
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "carrier", ISCG_PARTY_EPCI, "Carrier", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec post = {"isg", "ISG", ISCG_POST_ISG, "carrier", NULL, 10000, 35, 0};
    ck_assert_int_eq(iscg_post_add(r, &post, &e), 0);
    const iscg_allocation_rule cents = {ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};
    iscg_convention_spec c = {"big", "isg", {{2023, 1, 1}, {2023, 12, 31}}, EUR(100000), 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, cents, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec side = {"Communes", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, 1, cents};
    ck_assert_int_eq(iscg_convention_add_side(r, "big", &side, &e), 0);
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "commune-%04d", i);
        ck_assert_int_eq(iscg_party_add(r, id, ISCG_PARTY_OTHER, id, ISCG_UNKNOWN, &e), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, "big", "Communes", id, 1, &e), 0);
    }
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    /* RCV-1: 2 000 claims of three records each, in chunks of 16, 32, 64...
     * records: each claim's node, kept since its claim was made, is still
     * its own record, where its index says */
    iscg_receivables *rv;
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "carrier", 2023, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), N);
    for (size_t i = 0; i < N; i++) {
        iscg_receivable claim;
        ck_assert_int_eq(iscg_receivables_get(&claim, rv, i), 0);
        iscg_trace_record rec;
        ck_assert_int_eq(iscg_explain_record(&rec, claim.explain), 0);
        ck_assert_int_eq(rec.kind, ISCG_TRACE_CLAIM);
        ck_assert_uint_eq(rec.index, 3 * i);
        ck_assert_str_eq(rec.party, claim.debtor);
        ck_assert_int_eq(rec.amount, EUR(50));
        ck_assert_uint_eq(rec.child_count, 1);
        const iscg_explain *part = iscg_explain_child(claim.explain, 0);
        ck_assert_int_eq(iscg_explain_record(&rec, part), 0);
        ck_assert_uint_eq(rec.index, 3 * i + 1);
        ck_assert_uint_eq(rec.parent, 3 * i);
        ck_assert_int_eq(iscg_explain_record(&rec, iscg_explain_child(part, 0)), 0);
        ck_assert_int_eq(rec.kind, ISCG_TRACE_SHARE);
        ck_assert_str_eq(rec.party, claim.debtor);
    }
    iscg_receivables_free(rv);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "big", &e), 0);
    iscg_registry_free(r); /* the result holds it */
    ck_assert_uint_eq(iscg_funding_trace_count(f), 2 + N);
    const iscg_explain *side_node = iscg_explain_child(iscg_funding_explain(f), 0);
    ck_assert_uint_eq(iscg_explain_child_count(side_node), N);
    for (size_t i = 0; i < N; i++) {
        iscg_funding_row row;
        ck_assert_int_eq(iscg_funding_row_get(&row, f, i), 0);
        ck_assert_int_eq(row.amount, EUR(50));
        iscg_trace_record rec;
        ck_assert_int_eq(iscg_explain_record(&rec, row.explain), 0);
        ck_assert_uint_eq(rec.index, 2 + i);
        ck_assert_str_eq(rec.party, row.party);
        ck_assert_int_eq(rec.ratio.num, 1);
        ck_assert_int_eq(rec.ratio.den, N);
    }
    char *text = rendered(iscg_funding_explain(f));
    size_t lines = 0;
    for (const char *t = text; *t; t++)
        lines += *t == '\n';
    ck_assert_uint_eq(lines, 2 + N);
    ck_assert_ptr_nonnull(strstr(text, "    [SPLIT-4] commune-1999: 50" NBSP_EUR " = 100\xe2\x80\xaf" "000" NBSP_EUR
                                       " x 1/2000, DOWN to the cent, remainder NONE\n"));
    free(text);
    iscg_funding_free(f);
}
END_TEST

/* AUD-2: the read API's edges. */
START_TEST(test_aud2_trace_arguments)
{
    iscg_funding *f;
    iscg_trace_record rec;
    iscg_trace_kind k;
    ck_assert_int_eq(iscg_funding_compute(&f, seed_reg, "osartis-2023", NULL), 0);
    ck_assert_int_eq(iscg_funding_trace_get(&rec, f, iscg_funding_trace_count(f)), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_trace_get(NULL, f, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_trace_get(&rec, NULL, 0), ISCG_EINVAL);
    ck_assert_uint_eq(iscg_funding_trace_count(NULL), 0);
    ck_assert_int_eq(iscg_explain_record(&rec, NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_explain_record(NULL, iscg_funding_explain(f)), ISCG_EINVAL);
    /* a text asked twice is the same text, rendered once */
    const iscg_explain *side = iscg_explain_child(iscg_funding_explain(f), 0);
    ck_assert_ptr_eq(iscg_explain_text(side), iscg_explain_text(side));
    iscg_funding_free(f);
    ck_assert_str_eq(iscg_trace_kind_name(ISCG_TRACE_SHARE), "SHARE");
    ck_assert_str_eq(iscg_trace_kind_name(ISCG_TRACE_ABSENCE), "ABSENCE");
    ck_assert_ptr_null(iscg_trace_kind_name(ISCG_TRACE_UNSET));
    ck_assert_ptr_null(iscg_trace_kind_name(ISCG_TRACE_KIND_COUNT));
    ck_assert_int_eq(iscg_trace_kind_parse(&k, "withdrawn", NULL), 0);
    ck_assert_int_eq(k, ISCG_TRACE_WITHDRAWN);
    ck_assert_int_eq(iscg_trace_kind_parse(&k, "SPLIT-4", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_trace_kind_parse(NULL, "SHARE", NULL), ISCG_EINVAL);
}
END_TEST

Suite *suite_trace(void)
{
    Suite *s = suite_create("trace");
    TCase *tc = tcase_create("records");
    tcase_add_checked_fixture(tc, seed_embedded_setup, seed_embedded_teardown);
    tcase_add_test(tc, test_aud2_trace_records_of_osartis);
    tcase_add_test(tc, test_aud2_trace_of_a_withdrawal);
    tcase_add_test(tc, test_aud2_trace_of_a_claim);
    tcase_add_test(tc, test_aud2_trace_outlives_its_dataset);
    tcase_add_test(tc, test_aud2_trace_of_a_large_plan);
    tcase_add_test(tc, test_aud2_trace_arguments);
    suite_add_tcase(s, tc);
    return s;
}
