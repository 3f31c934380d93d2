/* SPDX-License-Identifier: Apache-2.0 */
/* Scenarios as values (AMD-3) and dated withdrawals and replacements
 * (AMD-2): what-ifs applied to a computation, never to the registry, which
 * these tests freeze before computing. Every expected figure is worked out
 * by hand in the comment beside it. */
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

static const iscg_allocation_rule EURO_DOWN = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};

#define HAS(text, s) ck_assert_msg(strstr((text), (s)) != NULL, "\"%s\" lacks \"%s\"", (text), (s))

/* A 30 000 € convention over 2023 under day count dc, with sides FIPD
 * (etat), DEPT (dept) and EPCI (cc, weight 1, and cc2 when two_epci, weight
 * 1), each an equal third: 10 000 € a side. CAF funds nothing. Frozen. */
static iscg_registry *thirds(iscg_daycount dc, int two_epci)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc2", ISCG_PARTY_EPCI, "CC2", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "caf", ISCG_PARTY_OTHER, "CAF", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isg-p", "ISG P", ISCG_POST_ISG, "cc", NULL, 10000, 35, 0};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"c", "isg-p", {{2023, 1, 1}, {2023, 12, 31}}, EUR(30000), 0, dc, EURO_DOWN, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    const char *names[] = {"FIPD", "DEPT", "EPCI"}, *funders[] = {"etat", "dept", "cc"};
    for (int i = 0; i < 3; i++) {
        iscg_side_spec s = {names[i], ISCG_SHARE_EQUAL, 0, 0, ISCG_NO_CAP, 1, EURO_DOWN};
        ck_assert_int_eq(iscg_convention_add_side(r, "c", &s, &e), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, "c", names[i], funders[i], 1, &e), 0);
    }
    if (two_epci)
        ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc2", 1, &e), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    return r;
}

static iscg_scenario *withdrawal(const char *party, const char *replacement, iscg_date from)
{
    iscg_scenario *s;
    iscg_error e;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "c";
    w.party = party;
    w.replacement = replacement;
    w.from = from;
    ck_assert_msg(iscg_scenario_add(s, &w, &e) == 0, "%s", e.text);
    return s;
}

/* The amount of row i, checking who pays it and whom it replaces. */
static iscg_cents row(const iscg_funding *f, size_t i, const char *party, const char *replaces)
{
    iscg_funding_row x;
    ck_assert_int_eq(iscg_funding_row_get(&x, f, i), 0);
    ck_assert_str_eq(x.party, party);
    if (replaces)
        ck_assert_str_eq(x.replaces, replaces);
    else
        ck_assert_ptr_null(x.replaces);
    return x.amount;
}

/* The explanation's what-if line: the root's child of rule AMD-3. */
static const char *whatif_text(const iscg_funding *f)
{
    const iscg_explain *root = iscg_funding_explain(f);
    for (size_t i = 0; i < iscg_explain_child_count(root); i++)
        if (strcmp(iscg_explain_rule(iscg_explain_child(root, i)), "AMD-3") == 0)
            return iscg_explain_text(iscg_explain_child(root, i));
    return "";
}

/* AMD-2: the State (a third: 10 000 €) withdraws from 1 July on a
 * months convention and the CAF replaces it: the State pays 10 000 x 6/12 =
 * 5 000 € for January-June, the CAF the other 5 000 €; the others keep
 * 10 000 €, the plan still sums to 30 000 €, and the registry is as it was. */
START_TEST(test_amd2_dated_withdrawal_replaced)
{
    iscg_registry *r = thirds(ISCG_DAYCOUNT_MONTHS_WHOLE, 0);
    iscg_scenario *s = withdrawal("etat", "caf", (iscg_date){2023, 7, 1});
    iscg_funding *f, *plain;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_funding_row_count(f), 4);
    ck_assert_int_eq(row(f, 0, "etat", NULL), EUR(5000));
    ck_assert_int_eq(row(f, 1, "dept", NULL), EUR(10000));
    ck_assert_int_eq(row(f, 2, "cc", NULL), EUR(10000));
    ck_assert_int_eq(row(f, 3, "caf", "etat"), EUR(5000));
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    ck_assert_str_eq(whatif_text(f), "what-if: Etat withdrawn from 2023-07-01, replaced by CAF");
    iscg_funding_row x;
    ck_assert_int_eq(iscg_funding_row_get(&x, f, 0), 0);
    const iscg_explain *why = iscg_explain_child(x.explain, 0);
    ck_assert_str_eq(iscg_explain_rule(why), "AMD-2");
    HAS(iscg_explain_text(why), "withdrawn from 2023-07-01: pays");
    HAS(iscg_explain_text(why), "x (1/2) / (1/1) of the period (MONTHS_WHOLE), DOWN to the euro");
    ck_assert_int_eq(iscg_funding_row_get(&x, f, 3), 0);
    HAS(iscg_explain_text(x.explain), "CAF pays");
    HAS(iscg_explain_text(x.explain), "from 2023-07-01, replacing Etat");
    /* the registry is unchanged: computed plainly, the State pays its third */
    ck_assert_int_eq(iscg_funding_compute(&plain, r, "c", &e), 0);
    ck_assert_int_eq(row(plain, 0, "etat", NULL), EUR(10000));
    ck_assert_uint_eq(iscg_funding_row_count(plain), 3);
    iscg_funding_free(plain);
    ck_assert_int_eq(iscg_funding_compute_scenario(&plain, r, NULL, "c", &e), 0); /* no scenario */
    ck_assert_int_eq(row(plain, 0, "etat", NULL), EUR(10000));
    iscg_funding_free(plain);

    /* its parts of the year: the whole of 2023, and free of the whole */
    iscg_funding *part;
    ck_assert_int_eq(iscg_funding_compute_part(&part, f, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
    iscg_funding_free(f);
    ck_assert_int_eq(row(part, 0, "etat", NULL), EUR(5000));
    ck_assert_int_eq(row(part, 3, "caf", "etat"), EUR(5000));
    iscg_funding_free(part);
    ck_assert_int_eq(iscg_funding_compute_year_scenario(&part, r, s, "c", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
    ck_assert_int_eq(iscg_funding_total(part), EUR(30000));
    ck_assert_int_eq(row(part, 3, "caf", "etat"), EUR(5000));
    iscg_funding_free(part);

    /* receivables of the carrier (cc): the CAF owes its 5 000 € from July */
    iscg_receivables *rv;
    ck_assert_int_eq(iscg_receivables_compute_scenario(&rv, r, s, "cc", 2023, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 3);
    iscg_receivable claim;
    ck_assert_int_eq(iscg_receivables_get(&claim, rv, 2), 0);
    ck_assert_str_eq(claim.debtor, "caf");
    ck_assert_int_eq(claim.amount, EUR(5000));
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(20000));
    iscg_receivables_free(rv);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* AMD-2 in days: withdrawn from 1 March under Actual/365, the State pays
 * 10 000 x 59/365 = 1 616.43... rounded down to the euro: 1 616 €, and the
 * CAF the 8 384 € left. */
START_TEST(test_amd2_dated_withdrawal_in_days)
{
    iscg_registry *r = thirds(ISCG_DAYCOUNT_ACT_365F, 0);
    iscg_scenario *s = withdrawal("etat", "caf", (iscg_date){2023, 3, 1});
    iscg_funding *f;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(row(f, 0, "etat", NULL), EUR(1616));
    ck_assert_int_eq(row(f, 3, "caf", "etat"), EUR(8384));
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* AMD-2: a replacement that funds the convention already: its shares add
 * up. The Département replaces the State from 1 July: 10 000 € of its own
 * and 5 000 € for the State, 15 000 € in all. */
START_TEST(test_amd2_replacement_already_funding)
{
    iscg_registry *r = thirds(ISCG_DAYCOUNT_MONTHS_WHOLE, 0);
    iscg_scenario *s = withdrawal("etat", "dept", (iscg_date){2023, 7, 1});
    iscg_funding *f;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    iscg_cents dept = row(f, 1, "dept", NULL) + row(f, 3, "dept", "etat");
    ck_assert_int_eq(dept, EUR(15000));
    ck_assert_int_eq(row(f, 0, "etat", NULL), EUR(5000));
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    iscg_funding_free(f);
    iscg_scenario_free(s);
    /* for the whole period too, which iscg_convention_withdraw() refuses */
    s = withdrawal("etat", "dept", (iscg_date){0, 0, 0});
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(row(f, 0, "dept", "etat") + row(f, 1, "dept", NULL), EUR(20000));
    ck_assert_str_eq(whatif_text(f), "what-if: Etat withdrawn for the whole period, replaced by Departement");
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* AMD-2 with no replacement: SPLIT-6 from the date. A required side with no
 * other funder ends the plan, named with the last day; a side with another
 * funder gives it the rest by weight: cc2 (half of EPCI's 10 000 €: 5 000 €)
 * withdraws from 1 July, pays 5 000 x 6/12 = 2 500 €, and cc takes the
 * other 2 500 €: 7 500 €. */
START_TEST(test_amd2_withdrawal_not_replaced)
{
    iscg_registry *r = thirds(ISCG_DAYCOUNT_MONTHS_WHOLE, 1);
    iscg_scenario *s = withdrawal("etat", NULL, (iscg_date){2023, 7, 1});
    iscg_funding *f;
    iscg_error e;
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), ISCG_ETERMINATED);
    ck_assert_str_eq(e.text, "convention c ends on 2023-06-30: required side FIPD has no funder from 2023-07-01 "
                             "(etat withdrawn, not replaced)");
    /* the audit shows it as a plan it cannot compute */
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run_scenario(&a, r, s, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 1);
    iscg_finding fd;
    ck_assert_int_eq(iscg_audit_get(&fd, a, 0), 0);
    ck_assert_int_eq(fd.kind, ISCG_FINDING_UNCOMPUTABLE);
    iscg_audit_free(a);
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 0);
    iscg_audit_free(a);
    iscg_scenario_free(s);

    s = withdrawal("cc2", NULL, (iscg_date){2023, 7, 1});
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(row(f, 2, "cc", NULL), EUR(7500));
    ck_assert_int_eq(row(f, 3, "cc2", NULL), EUR(2500));
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    ck_assert_str_eq(whatif_text(f), "what-if: CC2 withdrawn from 2023-07-01, not replaced");
    iscg_funding_row x;
    ck_assert_int_eq(iscg_funding_row_get(&x, f, 2), 0);
    HAS(iscg_explain_text(iscg_explain_child(x.explain, 0)), "of CC2's share from 2023-07-01, by weight");
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* AMD-2: a side that is not required and loses its only funder from a date
 * stays unfunded from then: the Département's optional 6 000 € side, left
 * from 1 October, is paid 6 000 x 9/12 = 4 500 €, and 1 500 € is the side's
 * drift. */
START_TEST(test_amd2_optional_side_unfunded_from_the_date)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isg-p", "ISG P", ISCG_POST_ISG, "cc", NULL, 10000, 35, 0};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"c", "isg-p", {{2023, 1, 1}, {2023, 12, 31}}, EUR(30000), 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, EURO_DOWN, NULL};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec opt = {"OPT", ISCG_SHARE_FIXED, EUR(6000), 0, ISCG_NO_CAP, 0, EURO_DOWN};
    iscg_side_spec rest = {"CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, 1, EURO_DOWN};
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &opt, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &rest, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "OPT", "dept", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "CC", "cc", 1, &e), 0);
    iscg_scenario *s = withdrawal("dept", NULL, (iscg_date){2023, 10, 1});
    iscg_funding *f;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(row(f, 0, "dept", NULL), EUR(4500));
    iscg_funding_side side;
    ck_assert_int_eq(iscg_funding_side_get(&side, f, 0), 0);
    ck_assert_int_eq(side.amount, EUR(6000));
    ck_assert_int_eq(side.drift, EUR(1500));
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* AMD-3: dates on or before the start withdraw for the whole period (SPLIT-6
 * as before); a date after the period changes nothing and says so. */
START_TEST(test_amd3_withdrawal_dates_at_the_edges)
{
    iscg_registry *r = thirds(ISCG_DAYCOUNT_MONTHS_WHOLE, 0);
    iscg_scenario *s = withdrawal("etat", "caf", (iscg_date){2022, 6, 1});
    iscg_funding *f;
    iscg_error e;
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), 0);
    ck_assert_uint_eq(iscg_funding_row_count(f), 3);
    ck_assert_int_eq(row(f, 0, "caf", "etat"), EUR(10000));
    ck_assert_str_eq(whatif_text(f), "what-if: Etat withdrawn for the whole period, replaced by CAF");
    iscg_funding_free(f);
    iscg_scenario_free(s);
    s = withdrawal("etat", "caf", (iscg_date){2024, 1, 1});
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), 0);
    ck_assert_int_eq(row(f, 0, "etat", NULL), EUR(10000));
    ck_assert_str_eq(whatif_text(f), "what-if: Etat withdrawn from 2024-01-01 (after the period: no change), "
                                     "replaced by CAF");
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* AMD-3: a new cost and a new period are values too. A cost of 45 000 €
 * gives each side 15 000 €; a period moved to 2024 leaves 2023 without the
 * convention (no part, no claim) while the registry still has it there. */
START_TEST(test_amd3_cost_and_period)
{
    iscg_registry *r = thirds(ISCG_DAYCOUNT_MONTHS_WHOLE, 0);
    iscg_scenario *s;
    iscg_error e;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_COST;
    w.convention = "c";
    w.cost = EUR(45000);
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), 0);
    ck_assert_int_eq(row(f, 0, "etat", NULL), EUR(15000));
    ck_assert_int_eq(iscg_funding_cost(f), EUR(45000));
    HAS(whatif_text(f), "what-if: cost 45");
    HAS(whatif_text(f), "instead of 30");
    iscg_funding_free(f);

    iscg_whatif p = ISCG_WHATIF_INIT;
    p.kind = ISCG_WHATIF_PERIOD;
    p.convention = "c";
    p.period = (iscg_period){{2024, 1, 1}, {2024, 12, 31}};
    ck_assert_int_eq(iscg_scenario_add(s, &p, &e), 0);
    ck_assert_int_eq(iscg_funding_compute_year_scenario(&f, r, s, "c", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e),
                     ISCG_ERANGE);
    ck_assert_int_eq(iscg_funding_compute_year_scenario(&f, r, s, "c", 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
    ck_assert_int_eq(iscg_funding_total(f), EUR(45000));
    ck_assert_int_eq(iscg_funding_period(f).start.year, 2024);
    iscg_funding_free(f);
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), 0);
    const iscg_explain *root = iscg_funding_explain(f);
    size_t lines = 0;
    for (size_t i = 0; i < iscg_explain_child_count(root); i++)
        lines += strcmp(iscg_explain_rule(iscg_explain_child(root, i)), "AMD-3") == 0;
    ck_assert_uint_eq(lines, 2);
    iscg_funding_free(f);
    iscg_receivables *rv;
    ck_assert_int_eq(iscg_receivables_compute_scenario(&rv, r, s, "cc", 2023, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 0);
    iscg_receivables_free(rv);
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 2023, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 2);
    iscg_receivables_free(rv);
    iscg_convention_spec c;
    ck_assert_int_eq(iscg_convention_get(&c, r, "c", &e), 0);
    ck_assert_int_eq(c.cost, EUR(30000));
    ck_assert_int_eq(c.period.start.year, 2023);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* AMD-3: what a scenario refuses when a what-if is added, and what a
 * computation refuses when it applies one to a registry. */
START_TEST(test_amd3_scenario_refused)
{
    iscg_scenario *s;
    iscg_error e;
    iscg_whatif w = ISCG_WHATIF_INIT, out;
    ck_assert_int_eq(iscg_scenario_new(NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    ck_assert_int_eq(iscg_scenario_add(NULL, &w, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_scenario_add(s, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "what-if kind 0 is not WITHDRAW, COST or PERIOD");
    w.version = 0;
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "what-if of version 0: this library reads versions 1 and 2 (ISCG_WHATIF_INIT)");
    w.version = ISCG_WHATIF_VERSION;
    w.kind = ISCG_WHATIF_WITHDRAW;
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "a what-if names the convention it changes");
    w.convention = "c";
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "what-if on c: a withdrawal names its funder");
    w.party = "etat";
    w.replacement = "etat";
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "what-if on c: etat cannot be replaced by itself or by an empty name");
    w.replacement = "";
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EINVAL);
    w.replacement = "ghost";
    w.from = (iscg_date){2023, 2, 30};
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "what-if on c: 2023-02-30 is not a date for etat's withdrawal");
    w.from = (iscg_date){2023, 7, 1};
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), ISCG_EDUPLICATE);
    ck_assert_str_eq(e.text, "what-if on c: the scenario already has a withdrawal of etat for it");
    iscg_whatif cost = ISCG_WHATIF_INIT;
    cost.kind = ISCG_WHATIF_COST;
    cost.convention = "c";
    cost.cost = -1;
    ck_assert_int_eq(iscg_scenario_add(s, &cost, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "what-if on c: the new cost is negative");
    cost.cost = 0;
    ck_assert_int_eq(iscg_scenario_add(s, &cost, &e), 0);
    ck_assert_int_eq(iscg_scenario_add(s, &cost, &e), ISCG_EDUPLICATE);
    ck_assert_str_eq(e.text, "what-if on c: the scenario already has a new cost for it");
    iscg_whatif period = ISCG_WHATIF_INIT;
    period.kind = ISCG_WHATIF_PERIOD;
    period.convention = "c";
    ck_assert_int_eq(iscg_scenario_add(s, &period, &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "what-if on c: the new period is not valid (an end before its start?)");
    ck_assert_uint_eq(iscg_scenario_count(s), 2);
    /* each kind of what-if is refused twice in a sentence of its own */
    iscg_scenario *s2 = NULL;
    ck_assert_int_eq(iscg_scenario_new(&s2), 0);
    period.period = (iscg_period){{2023, 1, 1}, {2023, 6, 30}};
    ck_assert_int_eq(iscg_scenario_add(s2, &period, &e), 0);
    ck_assert_int_eq(iscg_scenario_add(s2, &period, &e), ISCG_EDUPLICATE);
    ck_assert_str_eq(e.text, "what-if on c: the scenario already has a new period for it");
    iscg_scenario_free(s2);
    ck_assert_uint_eq(iscg_scenario_count(NULL), 0);

    /* read back, with its strings copied */
    ck_assert_int_eq(iscg_scenario_get(&out, s, 0), 0);
    ck_assert_int_eq(out.version, ISCG_WHATIF_VERSION);
    ck_assert_int_eq(out.kind, ISCG_WHATIF_WITHDRAW);
    ck_assert_str_eq(out.party, "etat");
    ck_assert_ptr_ne(out.party, w.party);
    ck_assert_str_eq(out.replacement, "ghost");
    ck_assert_int_eq(out.from.month, 7);
    ck_assert_int_eq(iscg_scenario_get(&out, s, 1), 0);
    ck_assert_int_eq(out.kind, ISCG_WHATIF_COST);
    ck_assert_ptr_null(out.party);
    ck_assert_int_eq(iscg_scenario_get(&out, s, 2), ISCG_EINVAL);
    ck_assert_int_eq(iscg_scenario_get(NULL, s, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_scenario_get(&out, NULL, 0), ISCG_EINVAL);

    /* applied: an unknown replacement, then a party that does not fund c */
    iscg_registry *r = thirds(ISCG_DAYCOUNT_MONTHS_WHOLE, 0);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "convention c: what-if: replacement ghost is not a known party");
    ck_assert_int_eq(iscg_scenario_remove(s, 2), ISCG_EINVAL);
    ck_assert_int_eq(iscg_scenario_remove(NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_scenario_remove(s, 0), 0);
    ck_assert_uint_eq(iscg_scenario_count(s), 1);
    w.party = "caf";
    w.replacement = NULL;
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "c", &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "convention c: what-if: caf is not one of its funders");
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, r, s, "nowhere", &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_funding_compute_scenario(&f, NULL, s, "c", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_compute_scenario(NULL, r, s, "c", &e), ISCG_EINVAL);
    iscg_registry_free(r);
    iscg_scenario_free(s);
    iscg_scenario_free(NULL);

    ck_assert_str_eq(iscg_whatif_kind_name(ISCG_WHATIF_PERIOD), "PERIOD");
    ck_assert_ptr_null(iscg_whatif_kind_name(ISCG_WHATIF_UNSET));
    ck_assert_ptr_null(iscg_whatif_kind_name((iscg_whatif_kind)ISCG_WHATIF_KIND_COUNT));
    iscg_whatif_kind k;
    ck_assert_int_eq(iscg_whatif_kind_parse(&k, "withdraw", NULL), 0);
    ck_assert_int_eq(k, ISCG_WHATIF_WITHDRAW);
    ck_assert_int_eq(iscg_whatif_kind_parse(&k, "UNSET", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_whatif_kind_parse(NULL, "COST", NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_whatif_kind_parse(&k, NULL, NULL), ISCG_EINVAL);
}
END_TEST

/* AMD-2: a dated withdrawal in a plan whose remainder is unknown (no cost
 * stated) has no share to divide; under a day count that counts nothing of
 * the period, the share cannot be prorated and the computation says so. */
START_TEST(test_amd2_nothing_to_divide)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isg-p", "ISG P", ISCG_POST_ISG, "cc", NULL, 10000, 35, 0};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"c", "isg-p", {{2023, 1, 1}, {2023, 12, 31}}, ISCG_UNKNOWN, 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, EURO_DOWN, NULL};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    /* a fortnight: no whole month */
    iscg_convention_spec d = {"d", "isg-p", {{2024, 1, 10}, {2024, 1, 24}}, EUR(20000), 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, EURO_DOWN, NULL};
    ck_assert_int_eq(iscg_convention_add(r, &d, &e), 0);
    iscg_side_spec fipd = {"FIPD", ISCG_SHARE_FIXED, EUR(12000), 0, ISCG_NO_CAP, 1, EURO_DOWN};
    iscg_side_spec rest = {"CC", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, 1, EURO_DOWN};
    for (int i = 0; i < 2; i++) {
        const char *id = i ? "d" : "c";
        ck_assert_int_eq(iscg_convention_add_side(r, id, &fipd, &e), 0);
        ck_assert_int_eq(iscg_convention_add_side(r, id, &rest, &e), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, id, "FIPD", "etat", 1, &e), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, id, "CC", "cc", 1, &e), 0);
    }
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_scenario *s = withdrawal("cc", "etat", (iscg_date){2023, 7, 1});
    iscg_funding *f;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_funding_row_count(f), 1); /* the FIPD's fixed 12 000 €, and no remainder */
    ck_assert_int_eq(row(f, 0, "etat", NULL), EUR(12000));
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "d";
    w.party = "etat";
    w.replacement = "cc";
    w.from = (iscg_date){2024, 1, 15};
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    iscg_funding *g;
    ck_assert_int_eq(iscg_funding_compute_scenario(&g, r, s, "d", &e), ISCG_ERANGE);
    ck_assert_str_eq(e.text, "convention d: its period counts for nothing under MONTHS_WHOLE, so etat's withdrawal "
                             "cannot be prorated");
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* A plan whose EPCI side (30 000 - 11 997 = 18 003 €) is shared by cc, cc2
 * and cc3 in equal weights: 6 001 € each, under the remainder policy given. */
static iscg_registry *three_epci(iscg_remainder_policy policy, size_t party)
{
    iscg_registry *r;
    iscg_error e;
    iscg_allocation_rule split = {ISCG_EURO, ISCG_ROUND_DOWN, policy, party, ISCG_WEIGHTS_RAW};
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    const char *ids[] = {"etat", "cc", "cc2", "cc3"};
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(iscg_party_add(r, ids[i], i ? ISCG_PARTY_EPCI : ISCG_PARTY_STATE, ids[i], ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = {"isg-p", "ISG P", ISCG_POST_ISG, "cc", NULL, 10000, 35, 0};
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = {"c", "isg-p", {{2023, 1, 1}, {2023, 12, 31}}, EUR(30000), 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, EURO_DOWN, NULL};
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    iscg_side_spec fipd = {"FIPD", ISCG_SHARE_FIXED, EUR(11997), 0, ISCG_NO_CAP, 1, EURO_DOWN};
    iscg_side_spec epci = {"EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, 1, split};
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &epci, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "FIPD", "etat", 1, &e), 0);
    for (int i = 1; i < 4; i++)
        ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", ids[i], 1, &e), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    return r;
}

/* AMD-2, the rest of a share shared by weight under the side's own split:
 * cc3 leaves from 1 July and pays 6 001 x 6/12 = 3 000.50, down to 3 000 €;
 * its 3 001 € left go to cc and cc2 by equal weights: 1 500 € each and, with
 * no remainder policy, 1 € unallocated (the side's drift); with the
 * remainder to party 2, which is gone, the last funder left (cc2) gets it.
 * Two funders leaving the same side: each one's rest goes to the funders
 * still there, here cc alone: 6 001 + 3 001 + 3 001 = 12 003 €. */
START_TEST(test_amd2_rest_shared_by_weight)
{
    iscg_registry *r = three_epci(ISCG_REMAINDER_NONE, 0);
    iscg_scenario *s = withdrawal("cc3", NULL, (iscg_date){2023, 7, 1});
    iscg_funding *f;
    iscg_funding_side side;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(row(f, 1, "cc", NULL), EUR(7501));
    ck_assert_int_eq(row(f, 2, "cc2", NULL), EUR(7501));
    ck_assert_int_eq(row(f, 3, "cc3", NULL), EUR(3000));
    ck_assert_int_eq(iscg_funding_side_get(&side, f, 1), 0);
    ck_assert_int_eq(side.drift, EUR(1));
    ck_assert_int_eq(iscg_funding_total(f), EUR(29999));
    iscg_funding_free(f);

    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "c";
    w.party = "cc2";
    w.from = (iscg_date){2023, 7, 1};
    ck_assert_int_eq(iscg_scenario_add(s, &w, &e), 0);
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(row(f, 1, "cc", NULL), EUR(12003));
    ck_assert_int_eq(row(f, 2, "cc2", NULL), EUR(3000));
    ck_assert_int_eq(row(f, 3, "cc3", NULL), EUR(3000));
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    iscg_funding_free(f);
    iscg_registry_free(r);

    r = three_epci(ISCG_REMAINDER_TO_PARTY, 2);
    ck_assert_int_eq(iscg_scenario_remove(s, 1), 0);
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(row(f, 1, "cc", NULL), EUR(7501));
    ck_assert_int_eq(row(f, 2, "cc2", NULL), EUR(7502));
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    iscg_funding_free(f);
    iscg_registry_free(r);
    iscg_scenario_free(s);
}
END_TEST

/* A convention of cost over 2023 whose side EPCI (the remainder) is split
 * among cc, cc2 and cc3 (weights 1, 2, 3) by split, cc3 withdrawing from 1
 * July, not replaced; the result of that what-if, or its error code. */
static int withdrawal_split(iscg_cents cost, iscg_allocation_rule split, iscg_error *e)
{
    const iscg_allocation_rule cent = {ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};
    iscg_registry *r;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc2", ISCG_PARTY_EPCI, "CC2", ISCG_UNKNOWN, e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc3", ISCG_PARTY_EPCI, "CC3", ISCG_UNKNOWN, e), 0);
    iscg_post_spec p = {"isc-p", "ISC P", ISCG_POST_ISC, "cc", NULL, 10000, 35, 10000};
    ck_assert_int_eq(iscg_post_add(r, &p, e), 0);
    iscg_convention_spec c = {"c", "isc-p", {{2023, 1, 1}, {2023, 12, 31}}, cost, 0, ISCG_DAYCOUNT_MONTHS_WHOLE,
                              cent, "test"};
    ck_assert_int_eq(iscg_convention_add(r, &c, e), 0);
    iscg_side_spec epci = {"EPCI", ISCG_SHARE_REMAINDER, 0, 0, ISCG_NO_CAP, 1, split};
    ck_assert_msg(iscg_convention_add_side(r, "c", &epci, e) == 0, "%s", e->text);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc", 1, e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc2", 2, e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc3", 3, e), 0);
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    iscg_scenario *s;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "c";
    w.from = (iscg_date){2023, 7, 1};
    w.party = "cc3";
    ck_assert_msg(iscg_scenario_add(s, &w, e) == 0, "%s", e->text);
    iscg_funding *f = NULL;
    int rc = iscg_funding_compute_scenario(&f, r, s, "c", e);
    ck_assert(rc == 0 ? f != NULL : f == NULL);
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_registry_free(r);
    return rc;
}

/* AMD-2: what a funder leaves from a date is split among the others by the
 * side's rule, each share rounded on its own. Rounded up to a unit far
 * larger than the amounts, a share can be larger than what is taken over,
 * and the side's drift larger than the side: the sums that follow are
 * checked, and refused with ISCG_EOVERFLOW and a sentence. */
START_TEST(test_amd2_withdrawal_sums_that_overflow)
{
    iscg_error e;
    /* 3 cents, split rounded UP to 3e18 cents with no remainder policy:
     * what the splits leave unallocated adds up past 64 bits on the side */
    iscg_allocation_rule up = {INT64_C(3000000000000000000), ISCG_ROUND_UP, ISCG_REMAINDER_NONE, 0,
                               ISCG_WEIGHTS_RAW};
    ck_assert_int_eq(withdrawal_split(3, up, &e), ISCG_EOVERFLOW);
    ck_assert_str_eq(e.source, "c");
    HAS(e.text, "convention c: a side's drift overflows 64-bit cents");
    /* 1e16 euros, rounded UP to 5e16 euros, the remainder to the first: cc
     * takes over a share that, added to its own, passes 64 bits */
    up.unit = INT64_C(5000000000000000000);
    up.policy = ISCG_REMAINDER_TO_FIRST;
    ck_assert_int_eq(withdrawal_split(INT64_C(1000000000000000000), up, &e), ISCG_EOVERFLOW);
    HAS(e.text, "convention c: a share with what it takes over overflows 64-bit cents");
    /* in cents, the same what-if computes */
    const iscg_allocation_rule cent = {ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_REMAINDER, 0,
                                       ISCG_WEIGHTS_RAW};
    ck_assert_msg(withdrawal_split(INT64_C(1000000000000000000), cent, &e) == 0, "%s", e.text);
}
END_TEST

Suite *suite_scenario(void)
{
    Suite *s = suite_create("scenario");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_amd2_dated_withdrawal_replaced);
    tcase_add_test(tc, test_amd2_dated_withdrawal_in_days);
    tcase_add_test(tc, test_amd2_replacement_already_funding);
    tcase_add_test(tc, test_amd2_withdrawal_not_replaced);
    tcase_add_test(tc, test_amd2_optional_side_unfunded_from_the_date);
    tcase_add_test(tc, test_amd2_nothing_to_divide);
    tcase_add_test(tc, test_amd2_rest_shared_by_weight);
    tcase_add_test(tc, test_amd3_withdrawal_dates_at_the_edges);
    tcase_add_test(tc, test_amd3_cost_and_period);
    tcase_add_test(tc, test_amd3_scenario_refused);
    tcase_add_test(tc, test_amd2_withdrawal_sums_that_overflow);
    suite_add_tcase(s, tc);
    return s;
}
