/* SPDX-License-Identifier: Apache-2.0 */
/* The registry's own checks: what each addition refuses and how it says so
 * (POST-1..3, PARTY-1, CAL-2, CAL-3, RCV-2), the readers' contracts, and the
 * validation of a whole registry (PRO-4 across a renewal). The Pas-de-Calais
 * figures are in check_funding.c; these tests use a registry of their own. */
#include <string.h>

#include <iscg.h>

#include "suites.h"

static iscg_registry *R;

static const iscg_allocation_rule EURO_DOWN = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};

/* Three parties, an ISG post carried by the CC, a 2023 convention with a
 * FIPD and a CC side. */
static void setup(void)
{
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&R), 0);
    ck_assert_int_eq(iscg_party_add(R, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(R, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(R, "cc", ISCG_PARTY_EPCI, "CC", 30000, &e), 0);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isg-p";
    p.label = "ISG P";
    p.kind = ISCG_POST_ISG;
    p.carrier = "cc";
    p.weekly_hours = 35;
    p.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), 0);
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c-2023";
    c.post = "isg-p";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.cost = EUR(30000);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = EURO_DOWN;
    c.source = "convention 2023";
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    iscg_side_spec fipd = ISCG_SIDE_SPEC_INIT;
    fipd.name = "FIPD";
    fipd.rule = ISCG_SHARE_FIXED;
    fipd.value = EUR(10000);
    fipd.split = EURO_DOWN;
    iscg_side_spec rest = ISCG_SIDE_SPEC_INIT;
    rest.name = "CC";
    rest.rule = ISCG_SHARE_REMAINDER;
    rest.split = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add_side(R, "c-2023", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(R, "c-2023", &rest, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(R, "c-2023", "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(R, "c-2023", "CC", "cc", 1, &e), 0);
}

static void teardown(void)
{
    iscg_registry_free(R);
    R = NULL;
}

#define HAS(e, s) ck_assert_msg(strstr((e).text, (s)) != NULL, "\"%s\" lacks \"%s\"", (e).text, (s))

START_TEST(test_names_outside_their_enums)
{
    ck_assert_ptr_null(iscg_party_kind_name((iscg_party_kind)-1));
    ck_assert_ptr_null(iscg_party_kind_name((iscg_party_kind)ISCG_PARTY_KIND_COUNT));
    ck_assert_ptr_null(iscg_post_kind_name((iscg_post_kind)3));
    ck_assert_ptr_null(iscg_share_rule_name((iscg_share_rule)-1));
    ck_assert_ptr_null(iscg_share_rule_name((iscg_share_rule)4));
    ck_assert_ptr_null(iscg_staffing_kind_name((iscg_staffing_kind)4));
    ck_assert_str_eq(iscg_share_rule_name(ISCG_SHARE_PERCENT), "PERCENT");
    ck_assert_str_eq(iscg_staffing_kind_name(ISCG_STAFF_VACANCY), "VACANCY");
    ck_assert_int_eq(iscg_registry_new(NULL), ISCG_EINVAL);
}
END_TEST

/* POST-1, PARTY-1: a party and a post need their names; a post's hours and
 * police share must fit its kind. */
START_TEST(test_parties_and_posts_refused)
{
    iscg_error e;
    ck_assert_int_eq(iscg_party_add(NULL, "x", ISCG_PARTY_EPCI, "X", 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_party_add(R, "x", ISCG_PARTY_EPCI, "", 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_party_add(R, NULL, ISCG_PARTY_EPCI, "X", 1, &e), ISCG_EINVAL);
    HAS(e, "an identifier and a name");
    ck_assert_uint_eq(iscg_registry_party_count(R), 3);

    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isc-q";
    p.label = "ISC Q";
    p.carrier = "cc";
    p.sites = "Commissariat";
    p.weekly_hours = 169;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "weekly_hours");
    HAS(e, "169 weekly hours is impossible");
    p.weekly_hours = -2;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    p.weekly_hours = -1; /* a mistyped negative value, not the unknown marker */
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    HAS(e, "-1 weekly hours is impossible");
    p.weekly_hours = ISCG_UNKNOWN;
    p.work_time_bp = 10001;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "work_time_bp");
    p.work_time_bp = 10000;
    /* an ISCG works in both: neither all police nor all gendarmerie */
    p.kind = ISCG_POST_ISCG;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "police_bp");
    HAS(e, "does not fit an ISCG post");
    p.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    p.police_bp = 4000;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), 0);
    /* an ISG works with gendarmes only */
    iscg_post_spec g = ISCG_POST_SPEC_INIT;
    g.id = "isg-r";
    g.label = "ISG R";
    g.kind = ISCG_POST_ISG;
    g.carrier = "cc";
    g.weekly_hours = 35;
    g.police_bp = 100;
    ck_assert_int_eq(iscg_post_add(R, &g, &e), ISCG_EINVAL);
    g.label = "";
    ck_assert_int_eq(iscg_post_add(R, &g, &e), ISCG_EINVAL);
    g.label = "ISG R";
    g.carrier = NULL;
    ck_assert_int_eq(iscg_post_add(NULL, &g, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_post_add(R, &g, &e), ISCG_EINVAL);
    HAS(e, "an identifier, a label and a carrier");

    iscg_post_spec back;
    ck_assert_int_eq(iscg_post_get(&back, R, "isc-q", &e), 0);
    ck_assert_str_eq(back.sites, "Commissariat");
    ck_assert_int_eq(back.weekly_hours, ISCG_UNKNOWN);
    ck_assert_int_eq(iscg_post_get(NULL, R, "isc-q", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_post_get(&back, R, NULL, &e), ISCG_ENOTFOUND);
    HAS(e, "post (null) is not known");
    ck_assert_int_eq(iscg_party_get(NULL, NULL, R, NULL, &e), ISCG_ENOTFOUND);
    HAS(e, "party (null) is not known");
}
END_TEST

/* POST-3: staffing events: a known kind; a hire or a departure is one day. */
START_TEST(test_staffing_events_refused)
{
    iscg_error e;
    iscg_period day = {{2023, 6, 30}, {2023, 6, 30}}, two = {{2023, 6, 29}, {2023, 6, 30}};
    ck_assert_int_eq(iscg_post_add_event(R, "isg-p", (iscg_staffing_kind)7, day, NULL, &e), ISCG_EINVAL);
    HAS(e, "7 is not a staffing event");
    ck_assert_int_eq(iscg_post_add_event(R, "isg-p", ISCG_STAFF_DEPARTURE, two, NULL, &e), ISCG_EDATE);
    HAS(e, "a DEPARTURE happens on one day");
    ck_assert_int_eq(iscg_post_add_event(R, "isg-p", ISCG_STAFF_DEPARTURE, day, "end of contract", &e), 0);
    ck_assert_int_eq(iscg_post_add_event(R, NULL, ISCG_STAFF_HIRE, day, NULL, &e), ISCG_ENOTFOUND);
    HAS(e, "post (null) is not known");
    ck_assert_int_eq(iscg_post_add_event(NULL, "isg-p", ISCG_STAFF_HIRE, day, NULL, &e), ISCG_ENOTFOUND);
}
END_TEST

/* A convention and its sides: each refusal names the field. */
START_TEST(test_conventions_and_sides_refused)
{
    iscg_error e;
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "d-2023";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add(R, NULL, &e), ISCG_EINVAL);
    HAS(e, "an identifier and a post");
    c.post = "";
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EINVAL);
    c.post = "isg-p";
    c.rounding.unit = 0;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "rounding");
    HAS(e, "the rounding unit must be positive");
    c.rounding = EURO_DOWN;
    c.rounding.policy = (iscg_remainder_policy)99;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EINVAL);
    c.rounding = EURO_DOWN;
    c.rounding.weights = (iscg_weights_kind)5;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EINVAL);
    c.rounding = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0); /* an unknown cost is allowed */

    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "";
    s.rule = ISCG_SHARE_FIXED;
    s.value = EUR(1);
    s.required = 0;
    s.split = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), ISCG_EINVAL);
    HAS(e, "a side needs a name");
    s.name = "S";
    s.rule = (iscg_share_rule)9;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), ISCG_EINVAL);
    HAS(e, "rule 9 is not known");
    s.rule = ISCG_SHARE_FIXED;
    s.value = -1;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), ISCG_EINVAL);
    HAS(e, "-1 is not a valid FIXED value");
    s.rule = ISCG_SHARE_PERCENT;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), ISCG_EINVAL);
    HAS(e, "-1 is not a valid PERCENT value");
    s.rule = ISCG_SHARE_FIXED;
    s.value = EUR(1);
    s.extra = -1;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), ISCG_EINVAL);
    HAS(e, "extra and cap must not be negative");
    s.extra = 0;
    s.cap = -2;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), ISCG_EINVAL);
    s.cap = ISCG_NO_CAP;
    s.split.unit = -100;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "split");
    s.split = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add_side(R, "d-2023", &s, &e), 0);

    /* funders and stated amounts need a known convention, side and party */
    ck_assert_int_eq(iscg_convention_add_funder(R, "d-2023", NULL, "etat", 1, &e), ISCG_ENOTFOUND);
    HAS(e, "has no side (null)");
    ck_assert_int_eq(iscg_convention_add_funder(R, "nowhere", "S", "etat", 1, &e), ISCG_ENOTFOUND);
    HAS(e, "convention nowhere is not known");
    ck_assert_int_eq(iscg_convention_add_funder(R, "d-2023", "S", NULL, 1, &e), ISCG_ENOTFOUND);
    HAS(e, "party (null) is not known");
    ck_assert_int_eq(iscg_convention_state(R, "nowhere", "etat", 1, NULL, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_state(R, "d-2023", NULL, 1, NULL, &e), ISCG_ENOTFOUND);
    /* AUD-1: the same party from two documents is kept twice; twice from the same one is refused */
    ck_assert_int_eq(iscg_convention_state(R, "d-2023", "etat", EUR(1), NULL, &e), 0);
    ck_assert_int_eq(iscg_convention_state(R, "d-2023", "etat", EUR(1), "annex 2", &e), 0);
    ck_assert_int_eq(iscg_convention_state(R, "d-2023", "etat", EUR(2), NULL, &e), ISCG_EDUPLICATE);
    HAS(e, "already stated from the same source");
    ck_assert_int_eq(iscg_convention_claim_equal(R, "nowhere", "annex 3", &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_claim_equal(R, "d-2023", NULL, &e), 0);

    iscg_convention_spec back;
    ck_assert_int_eq(iscg_convention_get(&back, R, "d-2023", &e), 0);
    ck_assert_int_eq(back.cost, ISCG_UNKNOWN);
    ck_assert_ptr_null(back.source);
    ck_assert_int_eq(iscg_convention_get(NULL, R, "d-2023", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_get(&back, R, "nowhere", &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_get(&back, R, NULL, &e), ISCG_ENOTFOUND);
    HAS(e, "convention (null) is not known");
}
END_TEST

/* CAL-2, CAL-3, RCV-2: clauses are checked field by field, and the field is named. */
START_TEST(test_clauses_refused_field_by_field)
{
    iscg_error e;
    iscg_clauses k;
    memset(&k, 0, sizeof k);
    ck_assert_int_eq(iscg_convention_set_clauses(R, "c-2023", NULL, &e), ISCG_EINVAL);
    HAS(e, "no clauses given");
    ck_assert_int_eq(iscg_convention_set_clauses(R, "nowhere", &k, &e), ISCG_ENOTFOUND);
    static const struct {
        const char *field;
        iscg_clauses k;
    } bad[] = {
        {"notice_months", {.notice_months = -1}},
        {"notice_months", {.notice_months = 1201}}, /* a century of notice is a typing error */
        {"denunciation_months", {.denunciation_months = -3}},
        {"denunciation_months", {.denunciation_months = 1201}},
        {"request_deadline", {.has_request_deadline = 1, .request_deadline = {2023, 2, 29}}},
        {"payment_deadline", {.has_payment_deadline = 1, .payment_deadline = {2023, 7, 32}}},
        {"instalments", {.instalments = -1}},
        {"activity_reports", {.activity_reports = (iscg_cadence)ISCG_CADENCE_COUNT}},
        {"interim_summaries", {.interim_summaries = (iscg_cadence)-1}},
        {"first_steering_months", {.first_steering_months = -6}},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(iscg_convention_set_clauses(R, "c-2023", &bad[i].k, &e), ISCG_EINVAL);
        ck_assert_str_eq(e.field, bad[i].field);
        HAS(e, "is not valid");
    }
    /* a deadline not flagged is not read */
    k.request_deadline = (iscg_date){0, 0, 0};
    k.notice_months = 3;
    k.denunciation_months = 3;
    ck_assert_int_eq(iscg_convention_set_clauses(R, "c-2023", &k, &e), 0);
    iscg_clauses back;
    ck_assert_int_eq(iscg_convention_get_clauses(&back, R, "c-2023", &e), 0);
    ck_assert_int_eq(back.notice_months, 3);
    ck_assert_int_eq(iscg_convention_get_clauses(NULL, R, "c-2023", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_get_clauses(&back, R, NULL, &e), ISCG_ENOTFOUND);
    HAS(e, "convention (null) is not known");
}
END_TEST

/* SPLIT-6 what-ifs name what they cannot find. */
START_TEST(test_what_if_refused)
{
    iscg_error e;
    ck_assert_int_eq(iscg_convention_withdraw(R, "nowhere", "etat", NULL, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_withdraw(R, "c-2023", "dept", NULL, &e), ISCG_ENOTFOUND);
    HAS(e, "dept is not one of its funders");
    ck_assert_int_eq(iscg_convention_withdraw(R, "c-2023", NULL, NULL, &e), ISCG_ENOTFOUND);
    HAS(e, "(null) is not one of its funders");
    ck_assert_int_eq(iscg_convention_restore(R, "c-2023", "dept", &e), ISCG_ENOTFOUND);
    HAS(e, "dept is not one of its funders");
    ck_assert_int_eq(iscg_convention_set_cost(R, "nowhere", EUR(1), &e), ISCG_ENOTFOUND);
    iscg_period p = {{2023, 1, 1}, {2023, 6, 30}};
    ck_assert_int_eq(iscg_convention_set_period(R, "nowhere", p, &e), ISCG_ENOTFOUND);
    HAS(e, "convention nowhere is not known");
}
END_TEST

/* The readers: counts and identifiers by index, NULL-safe as documented. */
START_TEST(test_readers)
{
    ck_assert_uint_eq(iscg_registry_party_count(NULL), 0);
    ck_assert_uint_eq(iscg_registry_post_count(NULL), 0);
    ck_assert_uint_eq(iscg_registry_convention_count(NULL), 0);
    ck_assert_ptr_null(iscg_registry_convention_id(NULL, 0));
    ck_assert_ptr_null(iscg_registry_post_id(NULL, 0));
    ck_assert_str_eq(iscg_registry_convention_id(R, 0), "c-2023");
    ck_assert_ptr_null(iscg_registry_convention_id(R, 1));
    ck_assert_str_eq(iscg_registry_post_id(R, 0), "isg-p");
    ck_assert_ptr_null(iscg_registry_post_id(R, 1));
    iscg_party_kind kind;
    const char *name;
    ck_assert_int_eq(iscg_party_get(&kind, &name, R, "cc", NULL), 0);
    ck_assert_int_eq(kind, ISCG_PARTY_EPCI);
    ck_assert_str_eq(name, "CC");
}
END_TEST

/* PRO-4 across a renewal: an absence that runs from one convention into the
 * next is covered; one that runs past the last is a recording error. */
START_TEST(test_validate_absence_across_a_renewal)
{
    iscg_error e;
    ck_assert_int_eq(iscg_registry_validate(NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_registry_validate(R, &e), 0);
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c-2024";
    c.post = "isg-p";
    c.period = (iscg_period){{2024, 1, 1}, {2024, 12, 31}};
    c.cost = EUR(30000);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    iscg_side_spec all = ISCG_SIDE_SPEC_INIT;
    all.name = "CC";
    all.rule = ISCG_SHARE_REMAINDER;
    all.split = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add_side(R, "c-2024", &all, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(R, "c-2024", "CC", "cc", 1, &e), 0);
    /* November 2023 to February 2024: across the renewal */
    iscg_period leave = {{2023, 11, 1}, {2024, 2, 29}};
    ck_assert_int_eq(iscg_post_add_event(R, "isg-p", ISCG_STAFF_ABSENCE, leave, "maternity leave", &e), 0);
    ck_assert_msg(iscg_registry_validate(R, &e) == 0, "%s", e.text);
    /* a vacancy from December 2024 into 2025, when no convention is signed yet */
    iscg_period empty = {{2024, 12, 1}, {2025, 3, 31}};
    ck_assert_int_eq(iscg_post_add_event(R, "isg-p", ISCG_STAFF_VACANCY, empty, NULL, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(R, &e), ISCG_EDATE);
    ck_assert_str_eq(e.source, "isg-p");
    HAS(e, "post isg-p: the vacancy of 2024-12-01..2025-03-31 lies outside its conventions");
}
END_TEST

/* Additions without what they need: refused with EINVAL naming the kind of
 * item, before any lookup; lookups given a NULL registry find nothing. */
START_TEST(test_additions_without_arguments)
{
    iscg_error e;
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isg-q";
    p.label = "ISG Q";
    p.kind = ISCG_POST_ISG;
    p.carrier = "cc";
    p.weekly_hours = 35;
    p.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(NULL, &p, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_post_add(R, NULL, &e), ISCG_EINVAL);
    p.label = "";
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    p.label = "ISG Q";
    p.carrier = NULL;
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_EINVAL);
    HAS(e, "a post needs an identifier, a label and a carrier");
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c-2024";
    c.post = "isg-p";
    c.period = (iscg_period){{2024, 1, 1}, {2024, 12, 31}};
    c.cost = EUR(1);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add(NULL, &c, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_add(R, NULL, &e), ISCG_EINVAL);
    c.post = "";
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EINVAL);
    HAS(e, "a convention needs an identifier and a post");
    ck_assert_int_eq(iscg_party_get(NULL, NULL, NULL, "cc", &e), ISCG_ENOTFOUND);
    iscg_post_spec out;
    ck_assert_int_eq(iscg_post_get(&out, NULL, "isg-p", &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_post_get(&out, R, NULL, &e), ISCG_ENOTFOUND);
    iscg_convention_spec cout;
    ck_assert_int_eq(iscg_convention_get(&cout, NULL, "c-2023", &e), ISCG_ENOTFOUND);
}
END_TEST

/* A frozen registry refuses every change with ESTATE and a sentence; the
 * getters and computations still work. */
START_TEST(test_frozen_registry_refuses_every_change)
{
    iscg_error e;
    ck_assert_int_eq(iscg_registry_frozen(R), 0);
    ck_assert_int_eq(iscg_registry_frozen(NULL), 0);
    ck_assert_int_eq(iscg_registry_freeze(NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_registry_freeze(R), 0);
    ck_assert_int_eq(iscg_registry_freeze(R), 0); /* twice is harmless */
    ck_assert_int_eq(iscg_registry_frozen(R), 1);

    ck_assert_int_eq(iscg_party_add(R, "caf", ISCG_PARTY_OTHER, "CAF", ISCG_UNKNOWN, &e), ISCG_ESTATE);
    ck_assert_str_eq(e.text, "the registry is frozen: adding a party cannot change it (compute a scenario instead)");
    ck_assert_str_eq(e.source, "caf");
    iscg_post_spec p = {"isg-q", "ISG Q", ISCG_POST_ISG, "cc", NULL, 10000, 35, 0};
    ck_assert_int_eq(iscg_post_add(R, &p, &e), ISCG_ESTATE);
    HAS(e, "adding a post");
    iscg_period day = {{2023, 3, 1}, {2023, 3, 1}};
    ck_assert_int_eq(iscg_post_add_event(R, "isg-p", ISCG_STAFF_HIRE, day, NULL, &e), ISCG_ESTATE);
    HAS(e, "adding a staffing event");
    iscg_convention_spec c = {"c-2024", "isg-p", {{2024, 1, 1}, {2024, 12, 31}}, EUR(1), 0,
                              ISCG_DAYCOUNT_MONTHS_WHOLE, EURO_DOWN, NULL};
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_ESTATE);
    HAS(e, "adding a convention");
    iscg_side_spec extra = {"EXTRA", ISCG_SHARE_FIXED, EUR(1), 0, ISCG_NO_CAP, 0, EURO_DOWN};
    ck_assert_int_eq(iscg_convention_add_side(R, "c-2023", &extra, &e), ISCG_ESTATE);
    HAS(e, "adding a side");
    ck_assert_int_eq(iscg_convention_add_funder(R, "c-2023", "FIPD", "dept", 1, &e), ISCG_ESTATE);
    HAS(e, "adding a funder");
    ck_assert_int_eq(iscg_convention_state(R, "c-2023", "etat", EUR(10000), "doc", &e), ISCG_ESTATE);
    HAS(e, "stating an amount");
    ck_assert_int_eq(iscg_convention_claim_equal(R, "c-2023", "doc", &e), ISCG_ESTATE);
    HAS(e, "claiming an equal plan");
    iscg_clauses k = {0};
    ck_assert_int_eq(iscg_convention_set_clauses(R, "c-2023", &k, &e), ISCG_ESTATE);
    HAS(e, "setting clauses");
    ck_assert_int_eq(iscg_convention_withdraw(R, "c-2023", "etat", NULL, &e), ISCG_ESTATE);
    HAS(e, "a withdrawal");
    ck_assert_int_eq(iscg_convention_restore(R, "c-2023", "etat", &e), ISCG_ESTATE);
    HAS(e, "a restore");
    ck_assert_int_eq(iscg_convention_set_cost(R, "c-2023", EUR(1), &e), ISCG_ESTATE);
    HAS(e, "a new cost");
    ck_assert_int_eq(iscg_convention_set_period(R, "c-2023", day, &e), ISCG_ESTATE);
    HAS(e, "a new period");

    /* nothing changed, and it still computes */
    ck_assert_uint_eq(iscg_registry_party_count(R), 3);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "c-2023", &e), 0);
    ck_assert_int_eq(iscg_funding_total(f), EUR(30000));
    iscg_funding_free(f);
}
END_TEST

/* A live result keeps its registry: the registry refuses changes while the
 * result lives, outlives the caller's iscg_registry_free(), and goes with
 * the last result. valgrind checks that nothing leaks or is read freed. */
START_TEST(test_results_hold_their_registry)
{
    iscg_error e;
    iscg_funding *f;
    iscg_receivables *rv;
    iscg_audit *a;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "c-2023", &e), 0);
    ck_assert_int_eq(iscg_convention_set_cost(R, "c-2023", EUR(1), &e), ISCG_ESTATE);
    ck_assert_str_eq(e.text, "1 result computed from the registry still points into it: a new cost cannot change it "
                             "before that result is freed");
    ck_assert_int_eq(iscg_receivables_compute(&rv, R, "cc", 2023, &e), 0);
    ck_assert_int_eq(iscg_audit_run(&a, R, &e), 0);
    ck_assert_int_eq(iscg_party_add(R, "caf", ISCG_PARTY_OTHER, "CAF", ISCG_UNKNOWN, &e), ISCG_ESTATE);
    ck_assert_str_eq(e.text, "3 results computed from the registry still point into it: adding a party cannot "
                             "change it before they are freed");
    iscg_registry_free(R); /* the caller's reference: the results keep it */
    R = NULL;
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, 0), 0);
    ck_assert_str_eq(row.party_name, "Etat");
    ck_assert_str_eq(iscg_funding_convention(f), "c-2023");
    iscg_receivable claim;
    ck_assert_uint_eq(iscg_receivables_count(rv), 1);
    ck_assert_int_eq(iscg_receivables_get(&claim, rv, 0), 0);
    ck_assert_str_eq(claim.debtor_name, "Etat");
    iscg_funding_free(f);
    iscg_receivables_free(rv);
    iscg_audit_free(a); /* the last: frees the registry */

    /* freed results give the registry back to changes */
    iscg_registry *r;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", 1, &e), 0);
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "cc", 2023, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", 1, &e), ISCG_ESTATE);
    iscg_receivables_free(rv);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", 1, &e), 0);
    iscg_registry_free(r);
}
END_TEST

/* PARTY-1, POST-1, STAT-4: one marker for an unknown value, in the registry
 * and in the statistics alike; -1 is a negative value like any other. */
START_TEST(test_one_unknown_marker)
{
    ck_assert(ISCG_UNKNOWN == INT64_MIN);
    ck_assert(ISCG_ACTIVITY_UNKNOWN == ISCG_UNKNOWN);
    iscg_post_spec spec = ISCG_POST_SPEC_INIT;
    ck_assert(spec.weekly_hours == ISCG_UNKNOWN);
    iscg_convention_spec conv = ISCG_CONVENTION_SPEC_INIT;
    ck_assert(conv.cost == ISCG_UNKNOWN);
    iscg_activity a;
    iscg_activity_init(&a);
    ck_assert(a.women == ISCG_UNKNOWN && a.vif_basis_points == ISCG_UNKNOWN);
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc2", ISCG_PARTY_EPCI, "CC2", -1, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "population");
    iscg_registry_free(r);
    a.post = "p";
    a.period.start = (iscg_date){2022, 1, 1};
    a.period.end = (iscg_date){2022, 12, 31};
    ck_assert_int_eq(iscg_activity_check(&a, &e), 0);
    a.women = -1;
    ck_assert_int_eq(iscg_activity_check(&a, &e), ISCG_EINVAL);
}
END_TEST

Suite *suite_registry(void)
{
    Suite *s = suite_create("registry");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_names_outside_their_enums);
    tcase_add_test(tc, test_parties_and_posts_refused);
    tcase_add_test(tc, test_one_unknown_marker);
    tcase_add_test(tc, test_staffing_events_refused);
    tcase_add_test(tc, test_conventions_and_sides_refused);
    tcase_add_test(tc, test_clauses_refused_field_by_field);
    tcase_add_test(tc, test_what_if_refused);
    tcase_add_test(tc, test_readers);
    tcase_add_test(tc, test_validate_absence_across_a_renewal);
    tcase_add_test(tc, test_additions_without_arguments);
    tcase_add_test(tc, test_frozen_registry_refuses_every_change);
    tcase_add_test(tc, test_results_hold_their_registry);
    suite_add_tcase(s, tc);
    return s;
}
