/* SPDX-License-Identifier: Apache-2.0 */
/* Amendments (avenants, AMD-1): dated what-ifs recorded on a convention,
 * the period split into segments at their dates, each segment computed with
 * the terms in force and prorated by the convention's day count, then added
 * up; a withdrawal replaced from a date (AMD-2) the same way. Every expected
 * figure is worked out by hand in the comment beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

static const iscg_allocation_rule CENT_UP = {ISCG_CENT, ISCG_ROUND_HALF_UP, ISCG_REMAINDER_NONE, 0,
                                             ISCG_WEIGHTS_RAW};

#define HAS(text, s) ck_assert_msg(strstr((text), (s)) != NULL, "\"%s\" lacks \"%s\"", (text), (s))

/* What party pays in f, whole rows added up, with replaces the party it
 * replaces (NULL: its own share). */
static iscg_cents pays(const iscg_funding *f, const char *party, const char *replaces)
{
    iscg_cents sum = 0;
    for (size_t i = 0; i < iscg_funding_row_count(f); i++) {
        iscg_funding_row x;
        ck_assert_int_eq(iscg_funding_row_get(&x, f, i), 0);
        if (strcmp(x.party, party) == 0 &&
            (replaces ? x.replaces && strcmp(x.replaces, replaces) == 0 : x.replaces == NULL))
            sum += x.amount;
    }
    return sum;
}

/* Every side's shares plus its drift is the side's amount, and the sides
 * make the cost (SPLIT-5, SPLIT-7). */
static void balances(const iscg_funding *f)
{
    iscg_cents sides = 0;
    for (size_t i = 0; i < iscg_funding_side_count(f); i++) {
        iscg_funding_side s;
        ck_assert_int_eq(iscg_funding_side_get(&s, f, i), 0);
        sides += s.amount;
    }
    ck_assert_int_eq(sides, iscg_funding_cost(f));
}

static iscg_funding *compute(const iscg_registry *r, const char *conv)
{
    iscg_funding *f = NULL;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute(&f, r, conv, &e) == 0, "%s", e.text);
    return f;
}

/* A 30 000 € convention over 2023 (not annual: the cost is the whole
 * period's) counted in whole months: FIPD 50 % (etat), DEPT 30 % (dept), EPCI
 * the rest (cc and cc2, weight 1 each). Not frozen. */
static iscg_registry *plan2023(void)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc2", ISCG_PARTY_EPCI, "CC2", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "asso", ISCG_PARTY_ASSOCIATION, "Asso", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isc-p", "ISC P", ISCG_POST_ISC, "asso", NULL, 10000, 35, 10000};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"c", "isc-p", {{2023, 1, 1}, {2023, 12, 31}}, EUR(30000), 0, ISCG_DAYCOUNT_MONTHS_WHOLE,
                              CENT_UP, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec fipd = {"FIPD", ISCG_SHARE_PERCENT, 5000, 0, ISCG_NO_CAP, 1, CENT_UP};
    iscg_side_spec dept = {"DEPT", ISCG_SHARE_PERCENT, 3000, 0, ISCG_NO_CAP, 1, CENT_UP};
    iscg_side_spec epci = {"EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, 1, CENT_UP};
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &dept, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &epci, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "DEPT", "dept", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc2", 1, &e), 0);
    return r;
}

static iscg_whatif amendment(iscg_whatif_kind kind, int y, int m, int d)
{
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = kind;
    w.from = (iscg_date){y, m, d};
    return w;
}

/* plan2023() with three amendments: the cost 36 000 € from 1 April; from 1
 * October the DEPT side a fixed 12 000 € and cc2 withdrawn, not replaced.
 * Frozen. */
static iscg_registry *amended2023(void)
{
    iscg_registry *r = plan2023();
    iscg_error e;
    iscg_whatif cost = amendment(ISCG_WHATIF_COST, 2023, 4, 1);
    cost.cost = EUR(36000);
    ck_assert_msg(iscg_convention_amend(r, "c", &cost, &e) == 0, "%s", e.text);
    iscg_whatif side = amendment(ISCG_WHATIF_SIDE, 2023, 10, 1);
    side.side = "DEPT";
    side.rule = ISCG_SHARE_FIXED;
    side.value = EUR(12000);
    ck_assert_msg(iscg_convention_amend(r, "c", &side, &e) == 0, "%s", e.text);
    iscg_whatif out = amendment(ISCG_WHATIF_WITHDRAW, 2023, 10, 1);
    out.party = "cc2";
    ck_assert_msg(iscg_convention_amend(r, "c", &out, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    return r;
}

/* AMD-1: three segments of 3, 6 and 3 months (MONTHS_WHOLE: 1/4, 1/2, 1/4
 * of the period).
 * - Jan-Mar, cost 30 000 x 1/4 = 7 500: FIPD 15 000 x 1/4 = 3 750, DEPT
 *   9 000 x 1/4 = 2 250, EPCI 7 500 - 6 000 = 1 500, 750 each for cc, cc2.
 * - Apr-Sep, cost 36 000 x 1/2 = 18 000: FIPD 9 000, DEPT 10 800 x 1/2 =
 *   5 400, EPCI 18 000 - 14 400 = 3 600, 1 800 each.
 * - Oct-Dec, cost 36 000 x 1/4 = 9 000: FIPD 4 500, DEPT the fixed 12 000 x
 *   1/4 = 3 000, EPCI 9 000 - 7 500 = 1 500, all cc's (cc2 gone, not
 *   replaced: the side's other funder takes it).
 * Totals: etat 17 250, dept 10 650, cc 4 050, cc2 2 550; 34 500 in all. */
START_TEST(test_amd1_segments)
{
    iscg_registry *r = amended2023();
    iscg_funding *f = compute(r, "c");
    ck_assert_int_eq(pays(f, "etat", NULL), EUR(17250));
    ck_assert_int_eq(pays(f, "dept", NULL), EUR(10650));
    ck_assert_int_eq(pays(f, "cc", NULL), EUR(4050));
    ck_assert_int_eq(pays(f, "cc2", NULL), EUR(2550));
    ck_assert_int_eq(iscg_funding_cost(f), EUR(7500 + 18000 + 9000));
    ck_assert_int_eq(iscg_funding_total(f), EUR(34500));
    ck_assert_uint_eq(iscg_funding_row_count(f), 4);
    balances(f);
    /* the explanation: the amendments, then the segments, then each row's sum */
    const iscg_explain *root = iscg_funding_explain(f);
    char all[8192] = "";
    for (size_t i = 0; i < iscg_explain_child_count(root); i++) {
        strncat(all, iscg_explain_text(iscg_explain_child(root, i)), sizeof all - strlen(all) - 2);
        strncat(all, "\n", sizeof all - strlen(all) - 1);
    }
    HAS(all, "amendment from 2023-04-01: cost 36");
    HAS(all, "amendment from 2023-10-01: side DEPT becomes FIXED 12");
    HAS(all, "amendment from 2023-10-01: CC2 withdraws, not replaced");
    HAS(all, "segment 2023-01-01..2023-03-31: cost 7");
    HAS(all, "(1/4) (MONTHS_WHOLE)");
    HAS(all, "segment 2023-04-01..2023-09-30");
    HAS(all, "segment 2023-10-01..2023-12-31");
    HAS(all, "CC pays 4");
    HAS(all, "over the segments");
    ck_assert_str_eq(iscg_trace_kind_name(ISCG_TRACE_AMENDMENT), "AMENDMENT");
    ck_assert_str_eq(iscg_trace_kind_name(ISCG_TRACE_SEGMENT), "SEGMENT");
    ck_assert_str_eq(iscg_trace_kind_name(ISCG_TRACE_SEGMENT_SUM), "SEGMENT_SUM");
    ck_assert_str_eq(iscg_whatif_kind_name(ISCG_WHATIF_SIDE), "SIDE");
    /* the year of a one-year convention is the whole period */
    iscg_funding *y;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute_year(&y, r, "c", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e) == 0, "%s", e.text);
    ck_assert_int_eq(pays(y, "cc2", NULL), EUR(2550));
    ck_assert_int_eq(iscg_funding_total(y), EUR(34500));
    ck_assert_int_eq(iscg_funding_cost(y), EUR(34500));
    iscg_funding_free(y);
    ck_assert_msg(iscg_funding_compute_part(&y, f, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e) == 0, "%s", e.text);
    ck_assert_int_eq(pays(y, "cc", NULL), EUR(4050));
    iscg_funding_free(y);
    ck_assert_int_eq(iscg_funding_compute_year(&y, r, "c", 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ERANGE);
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* AMD-1: the amendments read back as they were recorded. */
START_TEST(test_amd1_read_back)
{
    iscg_registry *r = amended2023();
    ck_assert_uint_eq(iscg_convention_amendment_count(r, "c"), 3);
    ck_assert_uint_eq(iscg_convention_amendment_count(r, "nope"), 0);
    ck_assert_uint_eq(iscg_convention_amendment_count(NULL, "c"), 0);
    iscg_whatif w;
    ck_assert_int_eq(iscg_convention_amendment_get(&w, r, "c", 0), 0);
    ck_assert_int_eq(w.kind, ISCG_WHATIF_COST);
    ck_assert_int_eq(w.cost, EUR(36000));
    ck_assert_str_eq(w.convention, "c");
    ck_assert_int_eq(iscg_convention_amendment_get(&w, r, "c", 1), 0);
    ck_assert_int_eq(w.kind, ISCG_WHATIF_SIDE);
    ck_assert_str_eq(w.side, "DEPT");
    ck_assert_int_eq(w.rule, ISCG_SHARE_FIXED);
    ck_assert_int_eq(w.value, EUR(12000));
    ck_assert_int_eq(iscg_convention_amendment_get(&w, r, "c", 2), 0);
    ck_assert_str_eq(w.party, "cc2");
    ck_assert_ptr_null(w.replacement);
    ck_assert_int_eq(w.from.month, 10);
    ck_assert_int_eq(iscg_convention_amendment_get(&w, r, "c", 3), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_amendment_get(NULL, r, "c", 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_amendment_get(&w, r, "nope", 0), ISCG_EINVAL);
    /* the recorded convention keeps its own terms */
    iscg_convention_spec spec;
    iscg_error e;
    ck_assert_int_eq(iscg_convention_get(&spec, r, "c", &e), 0);
    ck_assert_int_eq(spec.cost, EUR(30000));
    iscg_registry_free(r);
}
END_TEST

/* The refusal of amendment w on plan2023()'s convention, with the code and
 * words its report must have. */
static void refused(const iscg_whatif *w, int code, const char *t1, const char *t2)
{
    iscg_registry *r = plan2023();
    iscg_error e;
    iscg_whatif first = amendment(ISCG_WHATIF_COST, 2023, 7, 1);
    first.cost = EUR(40000);
    ck_assert_int_eq(iscg_convention_amend(r, "c", &first, &e), 0);
    iscg_whatif w2 = *w;
    int rc = iscg_convention_amend(r, "c", &w2, &e);
    ck_assert_msg(rc == code, "got %d (%s), expected %d", rc, e.text, code);
    HAS(e.text, t1);
    if (t2)
        HAS(e.text, t2);
    ck_assert_uint_eq(iscg_convention_amendment_count(r, "c"), code == 0 ? 2 : 1);
    iscg_registry_free(r);
}

/* AMD-1: what an amendment may not be, each refusal naming the convention
 * and the amendment. */
START_TEST(test_amd1_refusals)
{
    iscg_whatif w = amendment(ISCG_WHATIF_COST, 2024, 1, 1);
    w.cost = EUR(1);
    refused(&w, ISCG_ERANGE, "convention c, amendment from 2024-01-01 (new cost)", "outside its period");
    w.from = (iscg_date){2022, 12, 31};
    refused(&w, ISCG_ERANGE, "amendment from 2022-12-31", "2023-01-01..2023-12-31");
    w.from = (iscg_date){0, 0, 0};
    refused(&w, ISCG_EDATE, "convention c", "takes effect on a date");
    w.from = (iscg_date){2023, 7, 1};
    refused(&w, ISCG_EDUPLICATE, "amendment from 2023-07-01 (new cost)", "same date");
    w.from = (iscg_date){2023, 8, 1};
    w.cost = -1;
    refused(&w, ISCG_EINVAL, "amendment from 2023-08-01", "negative");
    w = amendment(ISCG_WHATIF_SIDE, 2023, 8, 1);
    w.side = "NOPE";
    refused(&w, ISCG_ENOTFOUND, "amendment from 2023-08-01", "no side NOPE");
    w.side = "FIPD";
    w.rule = (iscg_share_rule)42;
    refused(&w, ISCG_EINVAL, "side FIPD", "not known");
    w.rule = ISCG_SHARE_PERCENT;
    w.value = 10001;
    refused(&w, ISCG_EINVAL, "side FIPD", "out of range");
    w = amendment(ISCG_WHATIF_WITHDRAW, 2023, 8, 1);
    refused(&w, ISCG_EINVAL, "amendment from 2023-08-01 (withdrawal)", "no funder");
    w.party = "asso";
    refused(&w, ISCG_ENOTFOUND, "(withdrawal)", "asso is not one of its funders");
    w.party = "cc";
    w.replacement = "ghost";
    refused(&w, ISCG_ENOTFOUND, "withdrawal of cc", "ghost is not a known party");
    w.replacement = "cc";
    refused(&w, ISCG_EINVAL, "(withdrawal)", "by itself");
    w = amendment(ISCG_WHATIF_PERIOD, 2023, 8, 1);
    w.period = (iscg_period){{2023, 2, 1}, {2024, 6, 30}};
    refused(&w, ISCG_ERANGE, "(new end)", "cannot move its start");
    w.period = (iscg_period){{2023, 1, 1}, {2023, 6, 30}};
    refused(&w, ISCG_ERANGE, "(new end)", "leaves out the amendment of 2023-07-01");
    w.period = (iscg_period){{2023, 1, 1}, {2022, 6, 30}};
    refused(&w, ISCG_EDATE, "(new end)", "not valid");
    w = amendment((iscg_whatif_kind)9, 2023, 8, 1);
    refused(&w, ISCG_EINVAL, "convention c", "not WITHDRAW, COST, PERIOD or SIDE");
    w = amendment(ISCG_WHATIF_COST, 2023, 8, 1);
    w.version = 3;
    refused(&w, ISCG_EINVAL, "convention c", "version 3");
    w.version = 1; /* a what-if of the first version has no side: it may still change a cost */
    refused(&w, 0, "", NULL);

    iscg_registry *r = plan2023();
    iscg_error e;
    w = amendment(ISCG_WHATIF_WITHDRAW, 2023, 8, 1);
    w.party = "cc";
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), 0);
    w.from = (iscg_date){2023, 9, 1};
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), ISCG_EDUPLICATE);
    HAS(e.text, "cc withdraws already, from 2023-08-01");
    ck_assert_int_eq(iscg_convention_amend(r, "ghost", &w, &e), ISCG_ENOTFOUND);
    HAS(e.text, "convention ghost");
    ck_assert_int_eq(iscg_convention_amend(NULL, "c", &w, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_amend(r, "c", NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    w.party = "cc2";
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), ISCG_ESTATE);
    iscg_registry_free(r);

    /* a side's new terms are an amendment's, not a scenario's */
    iscg_scenario *s;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    w = amendment(ISCG_WHATIF_SIDE, 2023, 8, 1);
    w.convention = "c";
    w.side = "FIPD";
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EINVAL);
    iscg_scenario_free(s);
}
END_TEST

/* AMD-1, AMD-2: a required side's sole funder withdrawing with nobody to
 * take over ends the plan from that date (SPLIT-6), and the error names the
 * convention and the segment. */
START_TEST(test_amd2_required_side_ends)
{
    iscg_registry *r = plan2023();
    iscg_error e;
    iscg_whatif w = amendment(ISCG_WHATIF_WITHDRAW, 2023, 7, 1);
    w.party = "etat";
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_ETERMINATED);
    HAS(e.text, "convention c");
    HAS(e.text, "segment 2023-07-01..2023-12-31");
    HAS(e.text, "FIPD");
    ck_assert_ptr_null(f);
    iscg_registry_free(r);
}
END_TEST

/* AMD-1 with AMD-3: a scenario's what-ifs apply on top of the amendments.
 * A scenario withdrawing etat from 1 July, replaced by dept: in the segment
 * Apr-Sep, etat's 9 000 splits 3/12 of 6/12: 4 500 before, 4 500 dept's
 * from July; in Oct-Dec dept pays FIPD's 4 500 whole. etat 3 750 + 4 500 =
 * 8 250; dept replacing etat 9 000. A scenario cost of 40 000 replaces every
 * segment's: 10 000 + 20 000 + 10 000. The registry stays as recorded. */
START_TEST(test_amd1_scenario_on_top)
{
    iscg_registry *r = amended2023();
    iscg_scenario *s;
    iscg_error e;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = amendment(ISCG_WHATIF_WITHDRAW, 2023, 7, 1);
    w.convention = "c";
    w.party = "etat";
    w.replacement = "dept";
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    iscg_funding *f = NULL;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(pays(f, "etat", NULL), EUR(8250));
    ck_assert_int_eq(pays(f, "dept", "etat"), EUR(9000));
    ck_assert_int_eq(pays(f, "dept", NULL), EUR(10650));
    ck_assert_int_eq(iscg_funding_total(f), EUR(34500));
    iscg_funding_free(f);
    w = amendment(ISCG_WHATIF_COST, 0, 0, 0);
    w.convention = "c";
    w.cost = EUR(40000);
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_cost(f), EUR(40000));
    balances(f);
    iscg_funding_free(f);
    /* a scenario's period clips the segments: 2023 up to June, two segments */
    iscg_scenario_free(s);
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    w = amendment(ISCG_WHATIF_PERIOD, 0, 0, 0);
    w.convention = "c";
    w.period = (iscg_period){{2023, 1, 1}, {2023, 6, 30}};
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    /* Jan-Mar 30 000 x (3/12)/(6/12) = 15 000, Apr-Jun 36 000 x 1/2 = 18 000 */
    ck_assert_int_eq(iscg_funding_cost(f), EUR(33000));
    ck_assert_int_eq(iscg_funding_period(f).end.month, 6);
    iscg_funding_free(f);
    iscg_scenario_free(s);
    f = compute(r, "c"); /* unchanged by the scenarios */
    ck_assert_int_eq(iscg_funding_total(f), EUR(34500));
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* AMD-1, PRO-3: an annual convention over 2023-07-01..2024-06-30, 24 000 € a
 * year, FIPD 50 % (etat), DEPT the rest (dept), amended to 36 000 € a year
 * from 1 January 2024. Jul-Dec 2023: 24 000 x 6/12 = 12 000, 6 000 each;
 * Jan-Jun 2024: 36 000 x 6/12 = 18 000, 9 000 each. The fiscal years follow
 * the segments: 6 000 each in 2023, 9 000 each in 2024 (an unamended split
 * would give 7 500 each year); so do the claims of 2024 and the period
 * extended by an amendment to 31 December 2024: 9 000 + 18 000 each. */
START_TEST(test_amd1_fiscal_years)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "asso", ISCG_PARTY_ASSOCIATION, "Asso", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isc-p", "ISC P", ISCG_POST_ISC, "asso", NULL, 10000, 35, 10000};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"y", "isc-p", {{2023, 7, 1}, {2024, 6, 30}}, EUR(24000), 1, ISCG_DAYCOUNT_MONTHS_WHOLE,
                              CENT_UP, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec fipd = {"FIPD", ISCG_SHARE_PERCENT, 5000, 0, ISCG_NO_CAP, 1, CENT_UP};
    iscg_side_spec dept = {"DEPT", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, 1, CENT_UP};
    ck_assert_int_eq(iscg_convention_add_side(r, "y", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "y", &dept, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "y", "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "y", "DEPT", "dept", 1, &e), 0);
    iscg_whatif w = amendment(ISCG_WHATIF_COST, 2024, 1, 1);
    w.cost = EUR(36000);
    ck_assert_int_eq(iscg_convention_amend(r, "y", &w, &e), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_funding *f = compute(r, "y"), *y23, *y24;
    ck_assert_int_eq(pays(f, "etat", NULL), EUR(15000));
    ck_assert_int_eq(pays(f, "dept", NULL), EUR(15000));
    ck_assert_msg(iscg_funding_compute_part(&y23, f, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e) == 0, "%s", e.text);
    ck_assert_msg(iscg_funding_compute_part(&y24, f, 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e) == 0, "%s", e.text);
    ck_assert_int_eq(pays(y23, "etat", NULL), EUR(6000));
    ck_assert_int_eq(pays(y23, "dept", NULL), EUR(6000));
    ck_assert_int_eq(pays(y24, "etat", NULL), EUR(9000));
    ck_assert_int_eq(iscg_funding_cost(y24), EUR(18000));
    ck_assert_int_eq(iscg_funding_period(y24).start.year, 2024);
    const char *part = iscg_explain_text(iscg_funding_explain(y24));
    HAS(part, "its part in 2024");
    ck_assert_int_eq(iscg_funding_compute_part(&y23, y24, 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_EINVAL);
    iscg_funding_free(y24);
    iscg_funding *bad = NULL;
    ck_assert_int_eq(iscg_funding_compute_part(&bad, f, 2022, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ERANGE);
    HAS(e.text, "convention y");
    iscg_funding_free(y23);
    iscg_funding_free(f);
    /* RCV-1: the carrier claims 2024's shares */
    iscg_receivables *rv;
    ck_assert_msg(iscg_receivables_compute(&rv, r, "asso", 2024, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(18000));
    iscg_receivables_free(rv);
    iscg_registry_free(r);
}
END_TEST

/* Convention id over period, 24 000 € a year counted in whole months, for
 * the post isc-p that dept carries: FIPD (etat) and DEPT (dept) each an
 * equal half. Not frozen. */
static iscg_registry *halves(const char *id, iscg_period period)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isc-p", "ISC P", ISCG_POST_ISC, "dept", NULL, 10000, 35, 10000};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {id, "isc-p", period, EUR(24000), 1, ISCG_DAYCOUNT_MONTHS_WHOLE, CENT_UP, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec half = {"FIPD", ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, 1, CENT_UP};
    ck_assert_int_eq(iscg_convention_add_side(r, id, &half, &e), 0);
    half.name = "DEPT";
    ck_assert_int_eq(iscg_convention_add_side(r, id, &half, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, id, "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, id, "DEPT", "dept", 1, &e), 0);
    return r;
}

/* AMD-1: a new end from an amendment extends an annual convention: the
 * period 2023-07-01..2024-06-30 of 24 000 € a year ends on 31 December
 * 2024; from 1 July 2024, 30 000 € a year. Jul 2023-Jun 2024: 24 000;
 * Jul-Dec 2024: 15 000; 39 000 in all, half each. */
START_TEST(test_amd1_new_end)
{
    iscg_error e;
    iscg_registry *r = halves("x", (iscg_period){{2023, 7, 1}, {2024, 6, 30}});
    iscg_whatif w = amendment(ISCG_WHATIF_COST, 2024, 7, 1);
    w.cost = EUR(30000);
    ck_assert_int_eq(iscg_convention_amend(r, "x", &w, &e), ISCG_ERANGE); /* not yet in the period */
    w = amendment(ISCG_WHATIF_PERIOD, 2024, 5, 1);
    w.period = (iscg_period){{2023, 7, 1}, {2024, 12, 31}};
    ck_assert_msg(iscg_convention_amend(r, "x", &w, &e) == 0, "%s", e.text);
    w = amendment(ISCG_WHATIF_COST, 2024, 7, 1);
    w.cost = EUR(30000);
    ck_assert_msg(iscg_convention_amend(r, "x", &w, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_funding *f = compute(r, "x");
    ck_assert_int_eq(iscg_funding_cost(f), EUR(39000));
    ck_assert_int_eq(pays(f, "etat", NULL), EUR(19500));
    ck_assert_int_eq(iscg_funding_period(f).end.year, 2024);
    ck_assert_int_eq(iscg_funding_period(f).end.month, 12);
    HAS(iscg_explain_text(iscg_explain_child(iscg_funding_explain(f), 0)), "the period ends on 2024-12-31");
    iscg_funding_free(f);
    /* the report sees the amended period: whole over it; 2024 is Jan-Jun
     * of the first segment (12 000) and the second (15 000), half each */
    iscg_report_funding *rf;
    ck_assert_msg(iscg_report_funding_compute(&rf, r, NULL, 0, &e) == 0, "%s", e.text);
    iscg_report_funding_row row;
    ck_assert_int_eq(iscg_report_funding_row_get(&row, rf, 0), 0);
    ck_assert_int_eq(row.whole, 1);
    ck_assert_int_eq(row.period.end.month, 12);
    iscg_report_funding_free(rf);
    ck_assert_msg(iscg_report_funding_compute(&rf, r, NULL, 2024, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_STATE), EUR(13500));
    iscg_report_funding_free(rf);
    iscg_registry_free(r);
}
END_TEST

/* AMD-1, BUD-1: a convention of 2023 that an amendment extends to 30 June
 * 2024 is charged to the 2024 budget line for its Jan-Jun 2024 part: 24 000 €
 * a year, 12 000 € for the half year, 6 000 € the State's half. The budget
 * used to look at the recorded period alone, and left it out. Its deadlines
 * (CAL-1) end on the new end too, and an absence may run past the old end
 * (PRO-4). */
START_TEST(test_amd1_new_end_in_the_budget_and_deadlines)
{
    iscg_error e;
    iscg_registry *r = halves("y", (iscg_period){{2023, 1, 1}, {2023, 12, 31}});
    iscg_whatif w = amendment(ISCG_WHATIF_PERIOD, 2023, 10, 1);
    w.period = (iscg_period){{2023, 1, 1}, {2024, 6, 30}};
    ck_assert_msg(iscg_convention_amend(r, "y", &w, &e) == 0, "%s", e.text);
    /* PRO-4: an absence across the old end lies within the amended period */
    iscg_period away = {{2023, 12, 15}, {2024, 1, 15}};
    ck_assert_int_eq(iscg_post_add_event(r, "isc-p", ISCG_STAFF_ABSENCE, away, NULL, &e), 0);
    ck_assert_msg(iscg_registry_validate(r, &e) == 0, "%s", e.text);
    iscg_period past = {{2024, 6, 1}, {2024, 7, 15}};
    ck_assert_int_eq(iscg_post_add_event(r, "isc-p", ISCG_STAFF_ABSENCE, past, NULL, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_EDATE);
    HAS(e.text, "the absence of 2024-06-01..2024-07-15 lies outside its conventions");
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_budget_line line = {"OP", "IMP", "State line", "etat", EUR(10000), EUR(10000)};
    iscg_budget_result b;
    iscg_budget_item items[2];
    size_t n = 0;
    ck_assert_msg(iscg_budget_check(&b, items, 2, &n, r, &line, 2024, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(items[0].convention, "y");
    ck_assert_int_eq(items[0].amount, EUR(6000));
    ck_assert_int_eq(b.proposed, EUR(6000));
    ck_assert_int_eq(b.balance, EUR(4000));
    ck_assert_int_eq(iscg_budget_check(&b, items, 2, &n, r, &line, 2025, &e), 0);
    ck_assert_uint_eq(n, 0); /* nothing past the new end */
    /* CAL-1: the convention now expires on the new end, not the recorded one */
    iscg_report_deadlines *rd;
    ck_assert_msg(iscg_report_deadlines_compute(&rd, r, (iscg_date){2023, 1, 1}, 730, &e) == 0, "%s", e.text);
    size_t expiries = 0;
    for (size_t i = 0; i < iscg_report_deadlines_count(rd); i++) {
        iscg_report_deadline d;
        ck_assert_int_eq(iscg_report_deadlines_get(&d, rd, i), 0);
        if (d.deadline.kind == ISCG_DEADLINE_EXPIRY) {
            expiries++;
            ck_assert_int_eq(d.deadline.date.year, 2024);
            ck_assert_int_eq(d.deadline.date.month, 6);
            ck_assert_int_eq(d.deadline.date.day, 30);
        }
    }
    ck_assert_uint_eq(expiries, 1);
    ck_assert_uint_eq(iscg_report_deadlines_expiring_count(rd), 1);
    ck_assert_str_eq(iscg_report_deadlines_expiring(rd, 0), "y");
    iscg_report_deadline x;
    ck_assert_int_eq(iscg_report_deadlines_expiring_get(&x, rd, 0), 0);
    ck_assert_str_eq(x.post, "isc-p");
    ck_assert_int_eq(iscg_date_compare(x.deadline.date, (iscg_date){2024, 6, 30}), 0);
    iscg_report_deadlines_free(rd);
    iscg_period in_force;
    ck_assert_int_eq(iscg_convention_amended_period(&in_force, r, "y", &e), 0);
    ck_assert_int_eq(iscg_date_compare(in_force.start, (iscg_date){2023, 1, 1}), 0);
    ck_assert_int_eq(iscg_date_compare(in_force.end, (iscg_date){2024, 6, 30}), 0);
    ck_assert_int_eq(iscg_convention_amended_period(&in_force, r, "nope", &e), ISCG_ENOTFOUND);
    HAS(e.text, "convention nope is not known");
    ck_assert_int_eq(iscg_convention_amended_period(NULL, r, "y", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_amended_period(&in_force, NULL, "y", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_amended_period(&in_force, r, NULL, &e), ISCG_EINVAL);
    iscg_registry_free(r);
}
END_TEST

/* ---- the example and the file format ------------------------------------- */

static char *example_text(void)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/examples/amended-mid-year.json", top ? top : ".");
    FILE *in = fopen(path, "rb");
    ck_assert_msg(in != NULL, "%s", path);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, in);
    ck_assert_int_eq(fclose(in), 0);
    text[n] = '\0';
    return text;
}

static iscg_dataset *load(const char *text)
{
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_string(&ds, text, "amended.json", &e) == 0, "%s", e.text);
    return ds;
}

/* AMD-1, AMD-2: data/examples/amended-mid-year.json, worked by hand. The
 * annual cost is 40 000 €, 45 001 € from 1 July; State 50 %, Département
 * 30 %, the communauté de communes the rest, which the Département takes
 * over from 1 July; whole months, so each half is 6/12 of a year.
 * - Jan-Jun, cost 40 000 x 1/2 = 20 000: State 20 000 x 1/2 = 10 000,
 *   Département 12 000 x 1/2 = 6 000, communauté 20 000 - 16 000 = 4 000.
 * - Jul-Dec, cost 45 001 x 1/2 = 22 500,50: State 22 500,50 x 1/2 =
 *   11 250,25, Département 13 500,30 x 1/2 = 6 750,15, the communauté's side
 *   22 500,50 - 18 000,40 = 4 500,10, paid by the Département.
 * State 21 250,25; Département 12 750,15 + 4 500,10 = 17 250,25; communauté
 * 4 000; 42 500,50 in all. */
START_TEST(test_amd1_example)
{
    iscg_dataset *ds = load(example_text());
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_funding *f = compute(r, "vallee-2024");
    ck_assert_int_eq(pays(f, "etat", NULL), 2125025);
    ck_assert_int_eq(pays(f, "dept", NULL), 1275015);
    ck_assert_int_eq(pays(f, "dept", "cc-vallee"), 450010);
    ck_assert_int_eq(pays(f, "cc-vallee", NULL), EUR(4000));
    ck_assert_int_eq(iscg_funding_cost(f), 4250050);
    ck_assert_int_eq(iscg_funding_total(f), 4250050);
    balances(f);
    iscg_funding_free(f);
    /* the year view, the claims, the budget line and the audit follow */
    iscg_error e;
    iscg_report_funding *rf;
    ck_assert_msg(iscg_report_funding_compute(&rf, r, NULL, 2024, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_DEPARTEMENT), 1725025);
    ck_assert_int_eq(iscg_report_funding_total(rf, ISCG_PARTY_EPCI), EUR(4000));
    iscg_report_funding_free(rf);
    iscg_receivables *rv;
    ck_assert_msg(iscg_receivables_compute(&rv, r, "asso", 2024, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_receivables_total(rv), 4250050);
    iscg_receivables_free(rv);
    iscg_audit *a;
    ck_assert_msg(iscg_audit_run(&a, r, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_audit_count(a), 0);
    iscg_budget_line line = ISCG_BUDGET_LINE_INIT;
    line.operation = "EX";
    line.payer = "dept";
    line.credits = EUR(30000);
    line.available = EUR(25000);
    ck_assert_msg(iscg_audit_add_budget(a, &line, 2024, 1725025, &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_audit_count(a), 0); /* the stated proposal agrees */
    ck_assert_msg(iscg_audit_add_budget(a, &line, 2024, EUR(12750), &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_audit_count(a), 1);
    iscg_audit_free(a);
    iscg_dataset_free(ds);
}
END_TEST

/* AMD-1: a saved dataset keeps its amendments, and loads back to the same
 * figures. */
START_TEST(test_amd1_save_load)
{
    iscg_dataset *ds = load(example_text());
    char *saved = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_save_string(&saved, ds, &e) == 0, "%s", e.text);
    HAS(saved, "\"amendments\"");
    iscg_dataset *back = load(saved);
    ck_assert_uint_eq(iscg_convention_amendment_count(iscg_dataset_registry(back), "vallee-2024"), 2);
    iscg_funding *f = compute(iscg_dataset_registry(ds), "vallee-2024");
    iscg_funding *g = compute(iscg_dataset_registry(back), "vallee-2024");
    ck_assert_uint_eq(iscg_funding_row_count(f), iscg_funding_row_count(g));
    for (size_t i = 0; i < iscg_funding_row_count(f); i++) {
        iscg_funding_row x, y;
        ck_assert_int_eq(iscg_funding_row_get(&x, f, i), 0);
        ck_assert_int_eq(iscg_funding_row_get(&y, g, i), 0);
        ck_assert_str_eq(x.party, y.party);
        ck_assert_int_eq(x.amount, y.amount);
    }
    iscg_funding_free(f);
    iscg_funding_free(g);
    iscg_dataset_free(back);
    free(saved);
    iscg_dataset_free(ds);
}
END_TEST

/* A one-convention dataset whose convention has the amendments given. */
static char *dataset_with(const char *amendments)
{
    static char text[1 << 14];
    snprintf(text, sizeof text,
             "{\"format\": \"iscg-dataset\", \"version\": 1,\n"
             " \"parties\": [{\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"},\n"
             "   {\"id\": \"dept\", \"kind\": \"DEPARTEMENT\", \"name\": \"Dept\"},\n"
             "   {\"id\": \"cc\", \"kind\": \"EPCI\", \"name\": \"CC\"}],\n"
             " \"posts\": [{\"id\": \"p\", \"label\": \"P\", \"kind\": \"ISC\", \"carrier\": \"cc\"}],\n"
             " \"conventions\": [{\"id\": \"c\", \"post\": \"p\", \"start\": \"2023-01-01\", \"end\": "
             "\"2023-12-31\",\n"
             "   \"cost\": \"30000.00\", \"daycount\": \"MONTHS_WHOLE\",\n"
             "   \"rounding\": {\"unit\": \"CENT\", \"mode\": \"HALF_UP\", \"remainder\": \"NONE\"},\n"
             "   \"sides\": [{\"name\": \"FIPD\", \"rule\": \"PERCENT\", \"percent\": \"50.00\",\n"
             "     \"split\": {\"unit\": \"CENT\", \"mode\": \"HALF_UP\", \"remainder\": \"NONE\"},\n"
             "     \"funders\": [{\"party\": \"etat\", \"weight\": 1}]},\n"
             "    {\"name\": \"DEPT\", \"rule\": \"PERCENT\", \"percent\": \"50.00\",\n"
             "     \"split\": {\"unit\": \"CENT\", \"mode\": \"HALF_UP\", \"remainder\": \"NONE\"},\n"
             "     \"funders\": [{\"party\": \"dept\", \"weight\": 1}]}],\n"
             "   \"amendments\": [\n%s]}]}\n",
             amendments);
    return text;
}

static void load_refused(const char *amendments, int line, int code, const char *t1, const char *t2)
{
    iscg_dataset *ds = NULL;
    iscg_error e;
    int rc = iscg_dataset_load_string(&ds, dataset_with(amendments), "a.json", &e);
    ck_assert_msg(rc == code, "got %d (%s), expected %d", rc, e.text, code);
    ck_assert_msg(e.line == line, "line %d, expected %d: %s", e.line, line, e.text);
    ck_assert_ptr_null(ds);
    HAS(e.text, t1);
    if (t2)
        HAS(e.text, t2);
    ck_assert_str_eq(e.source, "a.json");
    ck_assert_int_eq(e.line, line);
    ck_assert_int_gt(e.column, 0);
}

/* AMD-1: the file format of amendments, and its refusals with
 * file:line:column. FIPD 50 % and DEPT 50 % of 30 000 €; from 1 July DEPT a
 * fixed 12 000 € (whole-period basis), so 6 000 for the half, and FIPD
 * 7 500 + 7 500 = 15 000; DEPT 7 500 + 6 000 = 13 500; the half leaves
 * 1 500 short, which the plan refuses (SPLIT-7) unless the State's side
 * becomes the remainder from the same date: 7 500 + 9 000 = 16 500. */
START_TEST(test_amd1_file_format)
{
    iscg_dataset *ds = load(dataset_with(
        "{\"from\": \"2023-07-01\", \"side\": \"DEPT\", \"rule\": \"FIXED\", \"amount\": \"12000.00\"},\n"
        "{\"from\": \"2023-07-01\", \"side\": \"FIPD\", \"rule\": \"REMAINDER\"},\n"
        "{\"from\": \"2023-10-01\", \"withdraw\": \"dept\", \"replacement\": \"cc\"},\n"
        "{\"from\": \"2023-11-01\", \"end\": \"2024-06-30\"}\n"));
    const iscg_registry *r = iscg_dataset_registry(ds);
    ck_assert_uint_eq(iscg_convention_amendment_count(r, "c"), 4);
    char *saved = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_save_string(&saved, ds, &e) == 0, "%s", e.text);
    HAS(saved, "\"rule\": \"FIXED\"");
    HAS(saved, "\"withdraw\": \"dept\"");
    HAS(saved, "\"end\": \"2024-06-30\"");
    iscg_dataset *back = load(saved);
    free(saved);
    iscg_funding *f = compute(r, "c"), *g = compute(iscg_dataset_registry(back), "c");
    ck_assert_int_eq(iscg_funding_total(f), iscg_funding_total(g));
    ck_assert_int_eq(pays(f, "cc", "dept"), pays(g, "cc", "dept"));
    ck_assert_int_eq(pays(f, "etat", NULL), pays(g, "etat", NULL));
    iscg_funding_free(f);
    iscg_funding_free(g);
    iscg_dataset_free(back);
    iscg_dataset_free(ds);

    ds = load(dataset_with("{\"from\": \"2023-07-01\", \"side\": \"DEPT\", \"rule\": \"FIXED\", \"amount\": "
                           "\"12000.00\"},\n{\"from\": \"2023-07-01\", \"side\": \"FIPD\", \"rule\": \"REMAINDER\"}\n"));
    f = compute(iscg_dataset_registry(ds), "c");
    ck_assert_int_eq(pays(f, "etat", NULL), EUR(16500));
    ck_assert_int_eq(pays(f, "dept", NULL), EUR(13500));
    iscg_funding_free(f);
    iscg_dataset_free(ds);

    load_refused("{\"from\": \"2023-07-01\", \"side\": \"DEPT\", \"rule\": \"FIXED\", \"amount\": \"12000.00\"}\n", 15, ISCG_ERANGE, "segment 2023-07-01..2023-12-31", "c");
    load_refused("{\"from\": \"2023-07-01\", \"cost\": \"1.00\", \"withdraw\": \"dept\"}\n", 16, ISCG_EPARSE,
                 "one of \"cost\", \"end\", \"withdraw\" or \"side\"", NULL);
    load_refused("{\"cost\": \"1.00\"}\n", 16, ISCG_EPARSE, "from", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"cost\": \"1.00\", \"replacement\": \"cc\"}\n", 16, ISCG_EPARSE,
                 "\"replacement\" goes with \"withdraw\"", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"cost\": \"1.00\", \"rule\": \"FIXED\"}\n", 16, ISCG_EPARSE,
                 "go with \"side\"", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"side\": \"DEPT\"}\n", 16, ISCG_EPARSE, "its new \"rule\"", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"side\": \"DEPT\", \"rule\": \"FIXED\"}\n", 16, ISCG_EPARSE,
                 "a FIXED side needs an \"amount\"", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"side\": \"DEPT\", \"rule\": \"PERCENT\", \"amount\": \"1.00\"}\n", 16,
                 ISCG_EPARSE, "a PERCENT side needs a \"percent\"", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"cost\": \"1.00\", \"amount\": \"1.00\"}\n", 16, ISCG_EPARSE,
                 "go with \"side\"", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"cost\": \"1.00\", \"percent\": \"10.00\"}\n", 16, ISCG_EPARSE,
                 "go with \"side\"", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"cost\": \"one euro\"}\n", 16, ISCG_EPARSE, "cost", NULL);
    load_refused("{\"from\": \"2024-07-01\", \"cost\": \"1.00\"}\n", 16, ISCG_ERANGE, "outside its period", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"withdraw\": \"ghost\"}\n", 16, ISCG_ENOTFOUND, "ghost", NULL);
    load_refused("{\"from\": \"2023-07-01\", \"cost\": \"1.00\", \"colour\": 1}\n", 16, ISCG_EPARSE, "colour", NULL);
}
END_TEST

/* The Pas-de-Calais dataset has no amendment: its figures stay those of
 * the other suites, and its saved text has no "amendments". */
START_TEST(test_amd1_pas_de_calais_unamended)
{
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    const iscg_registry *r = iscg_dataset_registry(ds);
    for (size_t i = 0; i < iscg_registry_convention_count(r); i++)
        ck_assert_uint_eq(iscg_convention_amendment_count(r, iscg_registry_convention_id(r, i)), 0);
    char *saved = NULL;
    ck_assert_int_eq(iscg_dataset_save_string(&saved, ds, &e), 0);
    ck_assert_ptr_null(strstr(saved, "\"amendments\""));
    free(saved);
    iscg_dataset_free(ds);
}
END_TEST

/* AMD-1: amendments recorded out of date order, one from the first day
 * (which splits nothing), two sides changed on one date, two new ends (the
 * latest wins). plan2023() with the cost 24 000 € from 1 January, then
 * 36 000 € from 1 October recorded before 32 000 € from 1 July; FIPD 60 %
 * and DEPT 20 % from 1 July. Jan-Jun 24 000 x 1/2 = 12 000: FIPD 6 000,
 * DEPT 3 600, EPCI 2 400; Jul-Sep 32 000 x 1/4 = 8 000: FIPD 4 800, DEPT
 * 1 600, EPCI 1 600; Oct-Dec 36 000 x 1/4 = 9 000: FIPD 5 400, DEPT 1 800,
 * EPCI 1 800. etat 16 200, dept 7 000, EPCI 5 800 (2 900 each). */
START_TEST(test_amd1_order_and_sides)
{
    iscg_registry *r = plan2023();
    iscg_error e;
    iscg_whatif w = amendment(ISCG_WHATIF_COST, 2023, 1, 1);
    w.cost = EUR(24000);
    ck_assert_msg(iscg_convention_amend(r, "c", &w, &e) == 0, "%s", e.text);
    w = amendment(ISCG_WHATIF_COST, 2023, 10, 1);
    w.cost = EUR(36000);
    ck_assert_msg(iscg_convention_amend(r, "c", &w, &e) == 0, "%s", e.text);
    w = amendment(ISCG_WHATIF_COST, 2023, 7, 1);
    w.cost = EUR(32000);
    ck_assert_msg(iscg_convention_amend(r, "c", &w, &e) == 0, "%s", e.text);
    w = amendment(ISCG_WHATIF_SIDE, 2023, 7, 1);
    w.side = "FIPD";
    w.rule = ISCG_SHARE_PERCENT;
    w.value = 6000;
    ck_assert_msg(iscg_convention_amend(r, "c", &w, &e) == 0, "%s", e.text);
    w.side = "DEPT";
    w.value = 2000;
    ck_assert_msg(iscg_convention_amend(r, "c", &w, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), ISCG_EDUPLICATE);
    HAS(e.text, "(new terms of a side DEPT): another amendment changes the same on the same date");
    w.value = -1;
    w.from = (iscg_date){2023, 8, 1};
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), ISCG_EINVAL);
    w.side = NULL;
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), ISCG_ENOTFOUND);
    HAS(e.text, "(none named)");
    w = amendment(ISCG_WHATIF_WITHDRAW, 2023, 8, 1);
    w.party = "cc";
    w.replacement = "";
    ck_assert_int_eq(iscg_convention_amend(r, "c", &w, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_amend(r, NULL, &w, &e), ISCG_ENOTFOUND);
    HAS(e.text, "(null)");
    w = amendment(ISCG_WHATIF_PERIOD, 2023, 11, 1);
    w.period = (iscg_period){{2023, 1, 1}, {2024, 3, 31}};
    ck_assert_msg(iscg_convention_amend(r, "c", &w, &e) == 0, "%s", e.text);
    w.from = (iscg_date){2023, 12, 1};
    w.period.end = (iscg_date){2023, 12, 31};
    ck_assert_msg(iscg_convention_amend(r, "c", &w, &e) == 0, "%s", e.text); /* back to 31 December */
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_funding *f = compute(r, "c");
    ck_assert_int_eq(iscg_funding_period(f).end.year, 2023);
    ck_assert_int_eq(pays(f, "etat", NULL), EUR(16200));
    ck_assert_int_eq(pays(f, "dept", NULL), EUR(7000));
    ck_assert_int_eq(pays(f, "cc", NULL), EUR(2900));
    ck_assert_int_eq(pays(f, "cc2", NULL), EUR(2900));
    ck_assert_int_eq(iscg_funding_cost(f), EUR(29000));
    balances(f);
    /* the explanation names each side's new terms with its percentage */
    char *text = NULL;
    int n = iscg_explain_render(NULL, 0, iscg_funding_explain(f));
    ck_assert_int_gt(n, 0);
    text = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(iscg_explain_render(text, (size_t)n + 1, iscg_funding_explain(f)), n);
    ck_assert_ptr_nonnull(strstr(text, "side FIPD becomes PERCENT 60.00 %"));
    ck_assert_ptr_nonnull(strstr(text, "side DEPT becomes PERCENT 20.00 %"));
    free(text);
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* AMD-1, SPLIT-2: a convention whose cost no document states, one FIXED
 * side of 10 000 € for 2023, 20 000 € from 1 July: 5 000 + 10 000; the cost
 * stays unknown, segment by segment. Without a report, a failure still
 * fails. */
START_TEST(test_amd1_unknown_cost)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isc-p", "ISC P", ISCG_POST_ISC, "etat", NULL, 10000, 35, 10000};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"u", "isc-p", {{2023, 1, 1}, {2023, 12, 31}}, ISCG_UNKNOWN, 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, CENT_UP, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec fipd = {"FIPD", ISCG_SHARE_FIXED, EUR(10000), 0, ISCG_NO_CAP, 1, CENT_UP};
    ck_assert_int_eq(iscg_convention_add_side(r, "u", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "u", "FIPD", "etat", 1, &e), 0);
    iscg_whatif w = amendment(ISCG_WHATIF_SIDE, 2023, 7, 1);
    w.side = "FIPD";
    w.rule = ISCG_SHARE_FIXED;
    w.value = EUR(20000);
    ck_assert_int_eq(iscg_convention_amend(r, "u", &w, NULL), 0);
    w = amendment(ISCG_WHATIF_WITHDRAW, 2023, 10, 1);
    w.party = "etat";
    ck_assert_int_eq(iscg_convention_amend(r, "u", &w, NULL), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "u", NULL), ISCG_ETERMINATED);
    ck_assert_ptr_null(f);
    iscg_registry_free(r);

    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "u", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "u", "FIPD", "etat", 1, &e), 0);
    w = amendment(ISCG_WHATIF_SIDE, 2023, 7, 1);
    w.side = "FIPD";
    w.rule = ISCG_SHARE_FIXED;
    w.value = EUR(20000);
    ck_assert_int_eq(iscg_convention_amend(r, "u", &w, NULL), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    f = compute(r, "u");
    ck_assert_int_eq(pays(f, "etat", NULL), EUR(15000));
    ck_assert_int_eq(iscg_funding_cost(f), ISCG_UNKNOWN);
    const iscg_explain *root = iscg_funding_explain(f);
    HAS(iscg_explain_text(iscg_explain_child(root, 1)), "segment 2023-01-01..2023-06-30: cost not known");
    iscg_funding *y;
    ck_assert_msg(iscg_funding_compute_year(&y, r, "u", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_cost(y), ISCG_UNKNOWN);
    ck_assert_int_eq(pays(y, "etat", NULL), EUR(15000));
    iscg_funding_free(y);
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* AMD-1: each segment's amounts are rounded on their own. Rounded up to a
 * unit larger than any of them, two segments' shares of one side add up past
 * 64-bit cents: the sum is refused with ISCG_EOVERFLOW and a sentence, never
 * wrapped. */
START_TEST(test_amd1_segments_that_overflow)
{
    const iscg_allocation_rule huge = {INT64_C(5000000000000000000), ISCG_ROUND_UP, ISCG_REMAINDER_NONE, 0,
                                       ISCG_WEIGHTS_RAW};
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isc-p", "ISC P", ISCG_POST_ISC, "etat", NULL, 10000, 35, 10000};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"u", "isc-p", {{2023, 1, 1}, {2023, 12, 31}}, ISCG_UNKNOWN, 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, huge, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec fipd = {"FIPD", ISCG_SHARE_FIXED, EUR(10000), 0, ISCG_NO_CAP, 1, huge};
    ck_assert_int_eq(iscg_convention_add_side(r, "u", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "u", "FIPD", "etat", 1, &e), 0);
    iscg_whatif w = amendment(ISCG_WHATIF_SIDE, 2023, 7, 1);
    w.side = "FIPD";
    w.rule = ISCG_SHARE_FIXED;
    w.value = EUR(20000);
    ck_assert_int_eq(iscg_convention_amend(r, "u", &w, NULL), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "u", &e), ISCG_EOVERFLOW);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "u");
    HAS(e.text, "convention u: the segments' shares overflow 64-bit cents");
    iscg_registry_free(r);
}
END_TEST

Suite *suite_amend(void)
{
    Suite *s = suite_create("amend");
    TCase *tc = tcase_create("amend");
    tcase_add_test(tc, test_amd1_segments);
    tcase_add_test(tc, test_amd1_read_back);
    tcase_add_test(tc, test_amd1_refusals);
    tcase_add_test(tc, test_amd2_required_side_ends);
    tcase_add_test(tc, test_amd1_scenario_on_top);
    tcase_add_test(tc, test_amd1_fiscal_years);
    tcase_add_test(tc, test_amd1_new_end);
    tcase_add_test(tc, test_amd1_new_end_in_the_budget_and_deadlines);
    tcase_add_test(tc, test_amd1_example);
    tcase_add_test(tc, test_amd1_save_load);
    tcase_add_test(tc, test_amd1_file_format);
    tcase_add_test(tc, test_amd1_pas_de_calais_unamended);
    tcase_add_test(tc, test_amd1_order_and_sides);
    tcase_add_test(tc, test_amd1_unknown_cost);
    tcase_add_test(tc, test_amd1_segments_that_overflow);
    suite_add_tcase(s, tc);
    return s;
}
