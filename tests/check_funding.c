/* SPDX-License-Identifier: Apache-2.0 */
/* Parties, posts, conventions and their computed funding: POST-*, PARTY-1,
 * SPLIT-*, PRO-4, PRO-5, RCV-1, RCV-3, BUD-*, AUD-*. The seed (seed.c) holds
 * only the documents' inputs; every figure below is computed by the library. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <iscg.h>

#include "seed.h"
#include "suites.h"

static iscg_registry *R;

static void setup(void) { R = seed_cp2023(); }
static void teardown(void) { iscg_registry_free(R); R = NULL; }

/* The amount a party gets in a convention's computed plan. */
static iscg_cents share(const char *conv, const char *party)
{
    iscg_funding *f;
    iscg_error e;
    iscg_funding_row row;
    int rc = iscg_funding_compute(&f, R, conv, &e);
    ck_assert_msg(rc == 0, "%s: %s", conv, e.text);
    int i = iscg_funding_find(f, party);
    ck_assert_msg(i >= 0, "%s: %s has no share", conv, party);
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)i), 0);
    iscg_funding_free(f);
    return row.amount;
}

/* POST-1, POST-2: 14 posts; 13 co-funded (3 by the Département, 6 by an
 * EPCI, 4 by France Victimes 62) and ISC Lensois, which nobody co-funds. */
START_TEST(test_post1_post2_the_fourteen_posts)
{
    ck_assert_uint_eq(iscg_registry_post_count(R), 14);
    int by_kind[ISCG_PARTY_KIND_COUNT] = {0}, funded = 0;
    for (size_t i = 0; i < iscg_registry_post_count(R); i++) {
        const char *id = iscg_registry_post_id(R, i);
        int has_convention = 0;
        for (size_t k = 0; k < iscg_registry_convention_count(R); k++) {
            iscg_convention_spec c;
            ck_assert_int_eq(iscg_convention_get(&c, R, iscg_registry_convention_id(R, k), NULL), 0);
            iscg_period y2023;
            ck_assert_int_eq(iscg_period_year(&y2023, 2023), 0);
            int overlaps = 0;
            iscg_period part;
            ck_assert_int_eq(iscg_period_intersect(&part, &overlaps, c.period, y2023), 0);
            if (strcmp(c.post, id) == 0 && overlaps)
                has_convention = 1;
        }
        if (!has_convention) {
            ck_assert_str_eq(id, "isc-lens");
            continue;
        }
        funded++;
        iscg_post_spec p;
        iscg_party_kind kind;
        ck_assert_int_eq(iscg_post_get(&p, R, id, NULL), 0);
        ck_assert_int_eq(iscg_party_get(&kind, NULL, R, p.carrier, NULL), 0);
        by_kind[kind]++;
    }
    ck_assert_int_eq(funded, 13);
    ck_assert_int_eq(by_kind[ISCG_PARTY_DEPARTEMENT], 3);
    ck_assert_int_eq(by_kind[ISCG_PARTY_EPCI], 6);
    ck_assert_int_eq(by_kind[ISCG_PARTY_ASSOCIATION], 4);
    /* POST-1: the CUA post is an ISCG split 50 / 50; Béthune police station is 80 % time (PRO-5) */
    iscg_post_spec p;
    ck_assert_int_eq(iscg_post_get(&p, R, "iscg-arras", NULL), 0);
    ck_assert_int_eq(p.kind, ISCG_POST_ISCG);
    ck_assert_int_eq(p.police_bp, 5000);
    ck_assert_int_eq(p.weekly_hours, 38);
    ck_assert_str_eq(iscg_post_kind_name(p.kind), "ISCG");
}
END_TEST

/* PRO-5: the cost figures are already the part-time cost: the 80 % is
 * reported, not applied a second time. */
START_TEST(test_pro5_work_time_reported_not_applied)
{
    iscg_post_spec p;
    ck_assert_int_eq(iscg_post_get(&p, R, "isc-bethune", NULL), 0);
    ck_assert_int_eq(p.work_time_bp, 8000);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "bethune-2023", NULL), 0);
    ck_assert_int_eq(iscg_funding_total(f), EUR(52510)); /* the full salary mass, not 80 % of it */
    iscg_funding_free(f);
}
END_TEST

/* POST-3, PARTY-1 and the registry's bad input */
START_TEST(test_post3_party1_registry_errors)
{
    iscg_error e;
    iscg_party_kind kind;
    const char *name;
    ck_assert_int_eq(iscg_party_get(&kind, &name, R, "cias-desvres", NULL), 0);
    ck_assert_int_eq(kind, ISCG_PARTY_CIAS);
    ck_assert_str_eq(iscg_party_kind_name(kind), "CIAS");
    ck_assert_int_eq(iscg_party_add(R, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), ISCG_EDUPLICATE);
    ck_assert_int_eq(iscg_party_add(R, "caf", ISCG_PARTY_OTHER, "CAF du Pas-de-Calais", 1465000, &e), 0);
    ck_assert_int_eq(iscg_party_add(R, "x", (iscg_party_kind)17, "X", ISCG_UNKNOWN, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_party_add(R, "x", ISCG_PARTY_EPCI, "X", -5, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_party_add(R, "", ISCG_PARTY_EPCI, "X", 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_party_get(NULL, NULL, R, "nobody", &e), ISCG_ENOTFOUND);

    /* POST-3: events are dated; a hire is one day; an unknown post is named */
    iscg_period p = {{2023, 3, 15}, {2023, 3, 20}};
    ck_assert_int_eq(iscg_post_add_event(R, "isg-ternois", ISCG_STAFF_HIRE, p, NULL, &e), ISCG_EDATE);
    ck_assert_ptr_nonnull(strstr(e.text, "isg-ternois"));
    ck_assert_int_eq(iscg_post_add_event(R, "isg-ternois", ISCG_STAFF_VACANCY, p, "between contracts", &e), 0);
    ck_assert_int_eq(iscg_post_add_event(R, "nowhere", ISCG_STAFF_ABSENCE, p, NULL, &e), ISCG_ENOTFOUND);
    iscg_period bad = {{2023, 3, 20}, {2023, 3, 15}};
    ck_assert_int_eq(iscg_post_add_event(R, "isg-ternois", ISCG_STAFF_ABSENCE, bad, NULL, &e), ISCG_EDATE);

    /* posts: unknown carrier, duplicate, bad shares */
    iscg_post_spec spec = ISCG_POST_SPEC_INIT;
    spec.id = "isc-x";
    spec.label = "ISC X";
    spec.carrier = "nobody";
    spec.weekly_hours = 35;
    ck_assert_int_eq(iscg_post_add(R, &spec, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.field, "carrier");
    spec.carrier = "dept";
    spec.id = "isc-lens";
    ck_assert_int_eq(iscg_post_add(R, &spec, &e), ISCG_EDUPLICATE);
    spec.id = "isc-x";
    spec.police_bp = 5000;
    ck_assert_int_eq(iscg_post_add(R, &spec, &e), ISCG_EINVAL);
    spec.police_bp = 10000;
    spec.work_time_bp = 0;
    ck_assert_int_eq(iscg_post_add(R, &spec, &e), ISCG_EINVAL);
    spec.work_time_bp = 10000;
    spec.kind = (iscg_post_kind)9;
    ck_assert_int_eq(iscg_post_add(R, &spec, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_post_add(R, NULL, &e), ISCG_EINVAL);

    /* conventions: an end before the start, unknown post, duplicates */
    iscg_allocation_rule rule = ISCG_ALLOCATION_RULE_INIT;
    rule.unit = ISCG_EURO;
    rule.rounding = ISCG_ROUND_DOWN;
    rule.policy = ISCG_REMAINDER_NONE;
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "x-2023";
    c.post = "isc-lens";
    c.period = bad;
    c.cost = EUR(1000);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = rule;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EDATE);
    ck_assert_ptr_nonnull(strstr(e.text, "x-2023"));
    c.period = p;
    c.post = "nowhere";
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_ENOTFOUND);
    c.post = "isc-lens";
    c.cost = -EUR(1);
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EINVAL);
    c.cost = EUR(1000);
    c.daycount = (iscg_daycount)42;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EINVAL);
    c.daycount = ISCG_DAYCOUNT_ACT_365F;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), ISCG_EDUPLICATE);

    /* a funder counted twice, an unknown party, unknown side, bad sides */
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "FIPD";
    s.split = rule;
    ck_assert_int_eq(iscg_convention_add_side(R, "x-2023", &s, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(R, "x-2023", &s, &e), ISCG_EDUPLICATE);
    s.name = "Other";
    s.rule = ISCG_SHARE_PERCENT;
    s.value = 10001;
    ck_assert_int_eq(iscg_convention_add_side(R, "x-2023", &s, &e), ISCG_EINVAL);
    s.rule = ISCG_SHARE_REMAINDER;
    ck_assert_int_eq(iscg_convention_add_side(R, "x-2023", &s, &e), 0);
    s.name = "Third";
    ck_assert_int_eq(iscg_convention_add_side(R, "x-2023", &s, &e), ISCG_EDUPLICATE);
    ck_assert_int_eq(iscg_convention_add_side(R, "nowhere", &s, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_add_funder(R, "x-2023", "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(R, "x-2023", "Other", "etat", 1, &e), ISCG_EDUPLICATE);
    ck_assert_ptr_nonnull(strstr(e.text, "counted once"));
    ck_assert_int_eq(iscg_convention_add_funder(R, "x-2023", "Other", "ghost", 1, &e), ISCG_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(e.text, "ghost"));
    ck_assert_int_eq(iscg_convention_add_funder(R, "x-2023", "Nope", "dept", 1, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_add_funder(R, "x-2023", "Other", "dept", -1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_state(R, "x-2023", "ghost", 1, NULL, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_state(R, "x-2023", "etat", 1, "doc", &e), 0);
    ck_assert_int_eq(iscg_convention_state(R, "x-2023", "etat", 2, "doc", &e), ISCG_EDUPLICATE);
    iscg_registry_free(NULL);
}
END_TEST

/* SPLIT-1: equal thirds. CABBALR gendarmerie 44 403 -> 14 801 x 3; CCCA 46 659
 * -> 15 553; Boulogne police station 67 227 -> 22 409 before the extra. */
START_TEST(test_split1_equal_thirds)
{
    ck_assert_int_eq(share("cabbalr-isg-2023", "etat"), EUR(14801));
    ck_assert_int_eq(share("cabbalr-isg-2023", "dept"), EUR(14801));
    ck_assert_int_eq(share("cabbalr-isg-2023", "cabbalr"), EUR(14801));
    ck_assert_int_eq(share("ccca-2023", "ccca"), EUR(15553)); /* the remainder of 46 659 equals the third */
    ck_assert_int_eq(share("boulogne-2023", "etat"), EUR(22409));
    ck_assert_int_eq(share("boulogne-2023", "cab"), EUR(22409));
    ck_assert_int_eq(share("calais-2023", "ca-calais"), EUR(11221));
}
END_TEST

/* SPLIT-2: fixed shares, the carrier pays the rest. CCSA 44 000 - 2 x 14 665 = 14 670. */
START_TEST(test_split2_fixed_and_remainder)
{
    ck_assert_int_eq(share("ccsa-2023", "ccsa"), EUR(14670));
    ck_assert_int_eq(share("ternois-2023", "dept"), EUR(14333));
    ck_assert_int_eq(share("cua-2023", "etat"), EUR(12000));
    /* no cost printed: the carrier's remainder is not known, and not invented */
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "ternois-2023", NULL), 0);
    ck_assert_int_eq(iscg_funding_find(f, "cc-ternois"), ISCG_ENOTFOUND);
    ck_assert_uint_eq(iscg_funding_row_count(f), 2);
    iscg_funding_free(f);
    /* Béthune, as annex 3 writes it: 17 500 / 17 500 and the Département the rest */
    ck_assert_int_eq(share("bethune-2023", "dept"), EUR(17510));
}
END_TEST

/* SPLIT-3: the Département's extra on top. Boulogne 22 409 + 915 = 23 324 (2022:
 * 20 960 on 20 045), Le Portel 19 348 + 1 066 = 20 414. */
START_TEST(test_split3_departement_extra)
{
    ck_assert_int_eq(share("boulogne-2023", "dept"), EUR(23324));
    ck_assert_int_eq(share("boulogne-2022", "dept"), EUR(20960));
    ck_assert_int_eq(share("boulogne-2022", "etat"), EUR(20045));
    ck_assert_int_eq(share("le-portel-2023", "dept"), EUR(20414));
    ck_assert_int_eq(share("le-portel-2023", "etat"), EUR(19348));
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "boulogne-2023", NULL), 0);
    ck_assert_int_eq(iscg_funding_total(f), EUR(68142)); /* above the 67 227 salary mass */
    ck_assert_int_eq(iscg_funding_cost(f), EUR(67227));
    iscg_funding_free(f);
}
END_TEST

/* SPLIT-4, SPLIT-5: EPCI sub-splits, with the drift returned. */
START_TEST(test_split4_split5_epci_subsplits)
{
    ck_assert_int_eq(share("montreuillois-2023", "cc-7vallees"), EUR(2623));
    ck_assert_int_eq(share("montreuillois-2023", "cc-hautpays"), EUR(1898));
    ck_assert_int_eq(share("montreuillois-2023", "ca-2baies"), EUR(7854));
    ck_assert_int_eq(share("audomarois-2023", "ca-stomer"), EUR(9639));
    ck_assert_int_eq(share("audomarois-2023", "cc-lumbres"), EUR(2214));
    ck_assert_int_eq(share("calais-stomer-2023", "cc-opale"), EUR(5105));
    ck_assert_int_eq(share("calais-stomer-2023", "cc-audruicq"), EUR(5533));
    ck_assert_int_eq(share("calais-stomer-2023", "ca-calais"), EUR(1582));
    ck_assert_int_eq(share("le-portel-2023", "cias-desvres"), EUR(6449));
    iscg_funding *f;
    iscg_funding_side s;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "le-portel-2023", NULL), 0);
    ck_assert_uint_eq(iscg_funding_side_count(f), 3);
    ck_assert_int_eq(iscg_funding_side_get(&s, f, 2), 0);
    ck_assert_str_eq(s.name, "EPCI");
    ck_assert_int_eq(s.amount, EUR(19348));
    ck_assert_int_eq(s.drift, EUR(1)); /* 3 x 6 449 = 19 347 */
    ck_assert_int_eq(iscg_funding_total(f) + s.drift, EUR(19348) * 3 + EUR(1066));
    ck_assert_int_eq(iscg_funding_side_get(&s, f, 3), ISCG_EINVAL);
    iscg_funding_free(f);
}
END_TEST

/* SPLIT-6: a required funder withdrawn and not replaced ends the plan, and the
 * message names it; replaced, the plan goes on (what-if). */
START_TEST(test_split6_required_funders)
{
    iscg_error e;
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_convention_withdraw(R, "ccca-2023", "etat", NULL, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "ccca-2023", &e), ISCG_ETERMINATED);
    ck_assert_ptr_null(f);
    ck_assert_ptr_nonnull(strstr(e.text, "etat"));
    ck_assert_ptr_nonnull(strstr(e.text, "FIPD"));
    ck_assert_int_eq(iscg_convention_restore(R, "ccca-2023", "etat", &e), 0);
    ck_assert_int_eq(share("ccca-2023", "etat"), EUR(15553));
    /* the CAF takes over the FIPD share: the plan goes on */
    ck_assert_int_eq(iscg_party_add(R, "caf", ISCG_PARTY_OTHER, "CAF", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_convention_withdraw(R, "ccca-2023", "etat", "caf", &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "ccca-2023", &e), 0);
    iscg_funding_row row;
    int i = iscg_funding_find(f, "caf");
    ck_assert_int_ge(i, 0);
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)i), 0);
    ck_assert_int_eq(row.amount, EUR(15553));
    ck_assert_str_eq(row.replaces, "etat");
    iscg_funding_free(f);
    /* one of Le Portel's three EPCI bodies leaves: the side is required but
     * still has funders, who share the third among two */
    ck_assert_int_eq(iscg_convention_withdraw(R, "le-portel-2023", "cc-2caps", NULL, &e), 0);
    ck_assert_int_eq(share("le-portel-2023", "cab"), EUR(9674));
    ck_assert_int_eq(iscg_convention_withdraw(R, "le-portel-2023", "cab", NULL, &e), 0);
    ck_assert_int_eq(iscg_convention_withdraw(R, "le-portel-2023", "cias-desvres", NULL, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "le-portel-2023", &e), ISCG_ETERMINATED);
    ck_assert_ptr_nonnull(strstr(e.text, "cc-2caps"));
    /* what-if errors */
    ck_assert_int_eq(iscg_convention_withdraw(R, "ccca-2023", "cabbalr", NULL, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_withdraw(R, "ccca-2023", "dept", "ccca", &e), ISCG_EDUPLICATE);
    ck_assert_int_eq(iscg_convention_withdraw(R, "ccca-2023", "dept", "ghost", &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_restore(R, "nowhere", "dept", &e), ISCG_ENOTFOUND);
    /* what-if: a new cost recomputes the remainder */
    ck_assert_int_eq(iscg_convention_set_cost(R, "ccsa-2023", EUR(45000), &e), 0);
    ck_assert_int_eq(share("ccsa-2023", "ccsa"), EUR(15670));
    ck_assert_int_eq(iscg_convention_set_cost(R, "ccsa-2023", EUR(20000), &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "ccsa-2023", &e), ISCG_ERANGE);
    ck_assert_ptr_nonnull(strstr(e.text, "exceed the cost"));
    ck_assert_int_eq(iscg_convention_set_cost(R, "ccsa-2023", -1, &e), ISCG_EINVAL);
}
END_TEST

/* PRO-1 in a plan: Osartis, 14 000 a year each, 1 Sept - 31 Dec 2023 -> 4 666;
 * the CC pays what the prorated 42 000 leaves: 4 668. */
START_TEST(test_pro1_osartis_plan)
{
    ck_assert_int_eq(share("osartis-2023", "etat"), EUR(4666));
    ck_assert_int_eq(share("osartis-2023", "dept"), EUR(4666));
    ck_assert_int_eq(share("osartis-2023", "osartis"), EUR(4668));
    /* what-if: the recruitment slips to 1 November */
    iscg_period p = {{2023, 11, 1}, {2023, 12, 31}};
    ck_assert_int_eq(iscg_convention_set_period(R, "osartis-2023", p, NULL), 0);
    ck_assert_int_eq(share("osartis-2023", "dept"), EUR(2333));
    iscg_period bad = {{2023, 12, 1}, {2023, 11, 1}};
    ck_assert_int_eq(iscg_convention_set_period(R, "osartis-2023", bad, NULL), ISCG_EDATE);
}
END_TEST

/* PRO-3 and RCV-3: CABBALR pays 17 500 for 3 Dec 2022 - 2 Dec 2023; by days,
 * 1 390 of it falls in 2022 and 16 110 in 2023. */
START_TEST(test_rcv3_pro3_bethune_payment)
{
    iscg_funding *f;
    iscg_error e;
    ck_assert_int_eq(share("bethune-2023", "cabbalr"), EUR(17500));
    ck_assert_int_eq(iscg_funding_compute_year(&f, R, "bethune-2023", 2022, ISCG_DAYCOUNT_ACT_365F, &e), 0);
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "cabbalr")), 0);
    ck_assert_int_eq(row.amount, EUR(1390));
    ck_assert_int_eq(iscg_period_days(iscg_funding_period(f)), 29);
    iscg_funding_free(f);
    ck_assert_int_eq(iscg_funding_compute_year(&f, R, "bethune-2023", 2023, ISCG_DAYCOUNT_ACT_365F, &e), 0);
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "cabbalr")), 0);
    ck_assert_int_eq(row.amount, EUR(16110));
    /* the two years' parts of each share add up to the whole: 1 390 + 16 110 = 17 500 */
    ck_assert_int_eq(row.amount + EUR(1390), EUR(17500));
    iscg_funding_free(f);
    ck_assert_int_eq(iscg_funding_compute_year(&f, R, "bethune-2023", 2024, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_funding_compute_year(&f, R, "bethune-2023", 2023, (iscg_daycount)99, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_compute_year(&f, R, "nowhere", 2023, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_ENOTFOUND);
}
END_TEST

/* RCV-1, PRO-4: the Département's 2022 claims for Boulogne police station,
 * absent from June: 5 months of 12. 20 045 x 5/12 = 8 352. */
START_TEST(test_rcv1_pro4_boulogne_absence)
{
    iscg_receivables *rv;
    iscg_error e;
    ck_assert_int_eq(iscg_receivables_compute(&rv, R, "dept", 2022, &e), 0);
    size_t found = 0;
    for (size_t i = 0; i < iscg_receivables_count(rv); i++) {
        iscg_receivable c;
        ck_assert_int_eq(iscg_receivables_get(&c, rv, i), 0);
        ck_assert_str_ne(c.debtor, "dept"); /* the carrier does not bill itself */
        if (strcmp(c.convention, "boulogne-2022") == 0) {
            found++;
            ck_assert_int_eq(c.share, EUR(20045));
            ck_assert_int_eq(c.months.num, 12);
            ck_assert_int_eq(c.absent.num, 7);
            ck_assert_int_eq(c.amount, EUR(8352));
            ck_assert_ptr_nonnull(c.explain);
        }
    }
    ck_assert_uint_eq(found, 2); /* FIPD and CA du Boulonnais */
    /* the 2023 conventions' December 2022 (Béthune: no whole month; Boulogne:
     * absent) add nothing */
    ck_assert_int_eq(iscg_receivables_total(rv), 2 * EUR(8352));
    iscg_receivables_free(rv);
    /* 2023: Béthune and Boulogne's 2023 conventions, by whole months in 2023 */
    ck_assert_int_eq(iscg_receivables_compute(&rv, R, "dept", 2023, &e), 0);
    ck_assert_uint_gt(iscg_receivables_count(rv), 0);
    iscg_receivables_free(rv);
    /* errors */
    ck_assert_int_eq(iscg_receivables_compute(&rv, R, "ghost", 2022, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_receivables_compute(&rv, R, "dept", 0, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_receivables_compute(NULL, R, "dept", 2022, &e), ISCG_EINVAL);
    iscg_receivables_free(NULL);
}
END_TEST

/* The receivables of carrier for year from the parts of its conventions,
 * each plan computed once and its part in the year added as a batch does
 * (iscg_receivables_add_part()), in registry order; *out is NULL and the
 * first failure's code returned when a plan, a part or an addition fails. */
static int receivables_from_parts(iscg_receivables **out, const iscg_registry *r, const char *carrier, int year,
                                  iscg_error *e)
{
    iscg_receivables *rv;
    int rc = iscg_receivables_new(&rv, r, carrier, year, e);
    *out = NULL;
    if (rc != 0)
        return rc;
    for (size_t i = 0; rc == 0 && i < iscg_registry_convention_count(r); i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec c;
        iscg_post_spec p;
        ck_assert_int_eq(iscg_convention_get(&c, r, id, NULL), 0);
        ck_assert_int_eq(iscg_post_get(&p, r, c.post, NULL), 0);
        if (strcmp(p.carrier, carrier) != 0 || year < c.period.start.year || year > c.period.end.year)
            continue;
        iscg_funding *whole, *part;
        if ((rc = iscg_funding_compute(&whole, r, id, e)) != 0)
            break;
        if ((rc = iscg_funding_compute_part(&part, whole, year, c.daycount, e)) == 0) {
            rc = iscg_receivables_add_part(rv, part, e);
            iscg_funding_free(part);
        }
        iscg_funding_free(whole);
    }
    if (rc != 0) {
        iscg_receivables_free(rv);
        return rc;
    }
    *out = rv;
    return 0;
}

/* RCV-1 from computed parts: for every party of the CP2023 and every year
 * around its conventions, the receivables added part by part are those
 * iscg_receivables_compute() finds, claim by claim with their explanations
 * (or the same failure); among them the Département's 2022 claims for
 * Boulogne, 20 045 x 5/12 = 8 352 on each of the FIPD and the CA. */
START_TEST(test_rcv1_receivables_from_parts)
{
    iscg_error ea, eb;
    size_t compared = 0;
    for (size_t k = 0; k <= iscg_registry_post_count(R); k++) {
        iscg_post_spec p = {0};
        if (k < iscg_registry_post_count(R))
            ck_assert_int_eq(iscg_post_get(&p, R, iscg_registry_post_id(R, k), NULL), 0);
        const char *carrier = p.carrier ? p.carrier : "etat"; /* and a party that carries nothing */
        for (int y = 2021; y <= 2025; y++) {
            iscg_receivables *a = NULL, *b = NULL;
            int ra = iscg_receivables_compute(&a, R, carrier, y, &ea);
            int rb = receivables_from_parts(&b, R, carrier, y, &eb);
            ck_assert_msg(ra == rb, "%s %d: %d (%s) and %d (%s)", carrier, y, ra, ea.text, rb, eb.text);
            if (ra != 0) {
                ck_assert_str_eq(ea.text, eb.text);
                continue;
            }
            ck_assert_uint_eq(iscg_receivables_count(a), iscg_receivables_count(b));
            ck_assert_int_eq(iscg_receivables_total(a), iscg_receivables_total(b));
            for (size_t i = 0; i < iscg_receivables_count(a); i++) {
                iscg_receivable x, z;
                ck_assert_int_eq(iscg_receivables_get(&x, a, i), 0);
                ck_assert_int_eq(iscg_receivables_get(&z, b, i), 0);
                ck_assert_str_eq(x.convention, z.convention);
                ck_assert_str_eq(x.debtor, z.debtor);
                ck_assert_int_eq(x.share, z.share);
                ck_assert_int_eq(x.months.num * z.months.den, z.months.num * x.months.den);
                ck_assert_int_eq(x.absent.num * z.absent.den, z.absent.num * x.absent.den);
                ck_assert_int_eq(x.amount, z.amount);
                char tx[2048], tz[2048];
                ck_assert_int_lt(iscg_explain_render(tx, sizeof tx, x.explain), (int)sizeof tx);
                ck_assert_int_lt(iscg_explain_render(tz, sizeof tz, z.explain), (int)sizeof tz);
                ck_assert_str_eq(tx, tz);
                compared++;
            }
            if (strcmp(carrier, "dept") == 0 && y == 2022) {
                size_t boulogne = 0;
                for (size_t i = 0; i < iscg_receivables_count(b); i++) {
                    iscg_receivable z;
                    ck_assert_int_eq(iscg_receivables_get(&z, b, i), 0);
                    if (strcmp(z.convention, "boulogne-2022") == 0) {
                        ck_assert_int_eq(z.share, EUR(20045));
                        ck_assert_int_eq(z.amount, EUR(8352));
                        boulogne++;
                    }
                }
                ck_assert_uint_eq(boulogne, 2);
                ck_assert_int_eq(iscg_receivables_total(b), 2 * EUR(8352));
            }
            iscg_receivables_free(a);
            iscg_receivables_free(b);
        }
    }
    ck_assert_uint_gt(compared, 20);
}
END_TEST

/* Parts added out of registry order are the same claims in the order given,
 * and a repeat among them is still found: the Département's 2023 parts, last
 * first. */
START_TEST(test_rcv1_add_part_any_order)
{
    iscg_error e;
    iscg_receivables *rv;
    iscg_funding *parts[16];
    size_t n = 0;
    for (size_t i = iscg_registry_convention_count(R); i-- > 0;) {
        const char *id = iscg_registry_convention_id(R, i);
        iscg_convention_spec c;
        iscg_post_spec p;
        iscg_funding *whole;
        ck_assert_int_eq(iscg_convention_get(&c, R, id, NULL), 0);
        ck_assert_int_eq(iscg_post_get(&p, R, c.post, NULL), 0);
        if (strcmp(p.carrier, "dept") != 0 || 2023 < c.period.start.year || 2023 > c.period.end.year)
            continue;
        ck_assert_int_eq(iscg_funding_compute(&whole, R, id, &e), 0);
        ck_assert_uint_lt(n, 16);
        ck_assert_int_eq(iscg_funding_compute_part(&parts[n++], whole, 2023, c.daycount, &e), 0);
        iscg_funding_free(whole);
    }
    ck_assert_uint_ge(n, 2);
    iscg_receivables *all;
    ck_assert_int_eq(iscg_receivables_compute(&all, R, "dept", 2023, &e), 0);
    ck_assert_int_eq(iscg_receivables_new(&rv, R, "dept", 2023, &e), 0);
    for (size_t k = 0; k < n; k++)
        ck_assert_int_eq(iscg_receivables_add_part(rv, parts[k], &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), iscg_receivables_count(all));
    ck_assert_int_eq(iscg_receivables_total(rv), iscg_receivables_total(all));
    /* the first part given, the last one in registry order, added again */
    ck_assert_int_eq(iscg_receivables_add_part(rv, parts[0], &e), ISCG_EDUPLICATE);
    ck_assert_int_eq(iscg_receivables_add_part(rv, parts[n - 1], &e), ISCG_EDUPLICATE);
    ck_assert_uint_eq(iscg_receivables_count(rv), iscg_receivables_count(all));
    iscg_receivables_free(rv);
    iscg_receivables_free(all);
    for (size_t k = 0; k < n; k++)
        iscg_funding_free(parts[k]);
}
END_TEST

/* BUD-1: the ten Département subsidies sum to 123 687; balance 26 113. */
START_TEST(test_bud1_budget_line)
{
    iscg_budget_line line = {"C02-421K01", "6568//934213", "Actions de lutte contre les violences intrafamiliales",
                             "dept", EUR(172500), EUR(149800)};
    iscg_budget_result b;
    iscg_budget_item items[16];
    size_t n = 0;
    iscg_error e;
    ck_assert_int_eq(iscg_budget_check(&b, items, 16, &n, R, &line, 2023, &e), 0);
    ck_assert_uint_eq(n, 10);
    ck_assert_int_eq(b.proposed, EUR(123687));
    ck_assert_int_eq(b.balance, EUR(26113));
    for (size_t i = 0; i < n; i++)
        ck_assert_str_ne(items[i].carrier, "dept"); /* Département-carried posts are not subsidies */
}
END_TEST

/* BUD-2: a proposal above the available credit is refused, the excess named. */
START_TEST(test_bud2_credit_exceeded)
{
    iscg_budget_line line = {"C02-421K01", "6568//934213", "VIF", "dept", EUR(172500), EUR(120000)};
    iscg_budget_result b;
    iscg_error e;
    ck_assert_int_eq(iscg_budget_check(&b, NULL, 0, NULL, R, &line, 2023, &e), ISCG_ECREDIT);
    ck_assert_int_eq(b.balance, -EUR(3687));
    ck_assert_ptr_nonnull(strstr(e.text, "3\xe2\x80\xaf" "687"));
    line.available = EUR(200000);
    ck_assert_int_eq(iscg_budget_check(&b, NULL, 0, NULL, R, &line, 2023, &e), ISCG_EINVAL);
    line.available = EUR(1);
    line.payer = "ghost";
    ck_assert_int_eq(iscg_budget_check(&b, NULL, 0, NULL, R, &line, 2023, &e), ISCG_ENOTFOUND);
}
END_TEST

/* AUD-1: the audit reports the Calais-Saint-Omer split, Le Portel's euro and
 * Béthune's Département share against equal thirds, and nothing where the
 * documents agree with their rules. */
START_TEST(test_aud1_audit_findings)
{
    iscg_audit *a;
    iscg_error e;
    ck_assert_int_eq(iscg_audit_run(&a, R, &e), 0);
    int cso_mismatch = 0, cso_sum = 0, portel_drift = 0, bethune_unequal = 0, other = 0;
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_finding f;
        ck_assert_int_eq(iscg_audit_get(&f, a, i), 0);
        ck_assert_ptr_nonnull(f.text);
        if (strcmp(f.convention, "calais-stomer-2023") == 0 && f.kind == ISCG_FINDING_MISMATCH) {
            cso_mismatch++;
            ck_assert_str_eq(f.rule, "SPLIT-4");
            ck_assert_int_eq(f.rounding, ISCG_ROUND_DOWN);
            if (strcmp(f.party, "ca-calais") == 0) {
                ck_assert_int_eq(f.stated, EUR(1588));
                ck_assert_int_eq(f.computed, EUR(1582));
            }
        } else if (strcmp(f.convention, "calais-stomer-2023") == 0 && f.kind == ISCG_FINDING_SIDE_SUM) {
            cso_sum++;
            ck_assert_int_eq(f.stated, EUR(12219));
            ck_assert_int_eq(f.computed, EUR(12220));
        } else if (strcmp(f.convention, "le-portel-2023") == 0 && f.kind == ISCG_FINDING_DRIFT) {
            portel_drift++;
            ck_assert_int_eq(f.computed, EUR(19347));
            ck_assert_ptr_nonnull(strstr(f.text, "1\xc2\xa0\xe2\x82\xac unallocated"));
        } else if (strcmp(f.convention, "bethune-2023") == 0 && f.kind == ISCG_FINDING_UNEQUAL) {
            bethune_unequal++;
            ck_assert_int_eq(f.stated, EUR(17510));
            ck_assert_int_eq(f.computed, EUR(17500));
        } else if (strcmp(f.convention, "ccsa-2023") == 0 && f.kind == ISCG_FINDING_MISMATCH) {
            ck_abort_msg("CCSA agrees with its rule: %s", f.text);
        } else {
            other++;
            ck_assert_msg(strcmp(f.convention, "ccsa-2023") == 0, "unexpected finding: %s", f.text);
        }
    }
    ck_assert_int_eq(cso_mismatch, 3);
    ck_assert_int_eq(cso_sum, 1);
    ck_assert_int_eq(portel_drift, 1);
    ck_assert_int_eq(bethune_unequal, 1);
    ck_assert_int_eq(other, 0);
    iscg_audit_free(a);
    iscg_audit_free(NULL);
    ck_assert_int_eq(iscg_audit_run(NULL, R, &e), ISCG_EINVAL);
    ck_assert_str_eq(iscg_finding_kind_name(ISCG_FINDING_DRIFT), "DRIFT");
}
END_TEST

/* AUD-2: each computed amount explains itself. */
START_TEST(test_aud2_explanations)
{
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "osartis-2023", NULL), 0);
    iscg_funding_row row;
    ck_assert_int_eq(iscg_funding_row_get(&row, f, (size_t)iscg_funding_find(f, "dept")), 0);
    const iscg_explain *root = iscg_funding_explain(f);
    ck_assert_uint_eq(iscg_explain_child_count(root), 3); /* the three sides */
    const iscg_explain *dept_side = iscg_explain_child(root, 1);
    ck_assert_str_eq(iscg_explain_rule(dept_side), "SPLIT-2");
    const iscg_explain *prorata = iscg_explain_child(dept_side, 0);
    ck_assert_str_eq(iscg_explain_rule(prorata), "PRO-1");
    ck_assert_int_eq(iscg_explain_amount(prorata), EUR(4666));
    ck_assert_ptr_nonnull(strstr(iscg_explain_text(prorata), "x 1/3 (MONTHS_WHOLE over 2023-09-01..2023-12-31), DOWN to the euro"));
    ck_assert_ptr_nonnull(row.explain);
    int need = iscg_explain_render(NULL, 0, root);
    ck_assert_int_gt(need, 0);
    char *text = malloc((size_t)need + 1);
    ck_assert_int_eq(iscg_explain_render(text, (size_t)need + 1, root), need);
    ck_assert_ptr_nonnull(strstr(text, "[PRO-1] 4\xe2\x80\xaf" "666\xc2\xa0\xe2\x82\xac = 14\xe2\x80\xaf" "000\xc2\xa0\xe2\x82\xac x 1/3"));
    char small[16];
    ck_assert_int_eq(iscg_explain_render(small, sizeof small, root), need);
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
    free(text);
    ck_assert_int_eq(iscg_explain_render(NULL, 5, root), ISCG_EINVAL);
    ck_assert_ptr_null(iscg_explain_child(root, 99));
    ck_assert_str_eq(iscg_explain_text(NULL), "");
    iscg_funding_free(f);
}
END_TEST

/* PRO-4 and POST-3: the seed is consistent; an absence outside the post's
 * conventions, a plan with no side or a required side with no funder is
 * reported by the registry's validation. */
START_TEST(test_pro4_validate_absence_outside_convention)
{
    iscg_error e;
    ck_assert_int_eq(iscg_registry_validate(R, &e), 0);
    /* wholly before the registry's conventions: history, accepted */
    iscg_period p = {{2021, 3, 1}, {2021, 4, 30}};
    ck_assert_int_eq(iscg_post_add_event(R, "isc-boulogne", ISCG_STAFF_ABSENCE, p, NULL, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(R, &e), 0);
    /* into Le Portel's 2023 convention, from a 2022 it has no convention for */
    iscg_period q = {{2022, 11, 1}, {2023, 2, 28}};
    ck_assert_int_eq(iscg_post_add_event(R, "isg-le-portel", ISCG_STAFF_ABSENCE, q, NULL, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(R, &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "post isg-le-portel: the absence of 2022-11-01..2023-02-28 lies outside its conventions");
    ck_assert_int_eq(iscg_registry_validate(NULL, &e), ISCG_EINVAL);
}
END_TEST

START_TEST(test_validate_plans)
{
    iscg_error e;
    iscg_allocation_rule rule = ISCG_ALLOCATION_RULE_INIT;
    rule.unit = ISCG_EURO;
    rule.rounding = ISCG_ROUND_DOWN;
    rule.policy = ISCG_REMAINDER_NONE;
    iscg_period y = {{2023, 1, 1}, {2023, 12, 31}};
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "lens-2023";
    c.post = "isc-lens";
    c.period = y;
    c.cost = EUR(30000);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = rule;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(R, &e), ISCG_ESTATE);
    ck_assert_str_eq(e.source, "lens-2023");
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "FIPD";
    s.split = rule;
    ck_assert_int_eq(iscg_convention_add_side(R, "lens-2023", &s, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(R, &e), ISCG_ESTATE);
    ck_assert_ptr_nonnull(strstr(e.text, "required side FIPD has no funder"));
    ck_assert_int_eq(iscg_convention_add_funder(R, "lens-2023", "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(R, &e), 0);
}
END_TEST

START_TEST(test_funding_bad_input)
{
    iscg_funding *f;
    iscg_error e;
    ck_assert_int_eq(iscg_funding_compute(&f, R, "nowhere", &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_funding_compute(NULL, R, "ccca-2023", &e), ISCG_EINVAL);
    /* a plan with no side */
    iscg_allocation_rule rule = ISCG_ALLOCATION_RULE_INIT;
    rule.unit = ISCG_EURO;
    rule.rounding = ISCG_ROUND_DOWN;
    rule.policy = ISCG_REMAINDER_NONE;
    iscg_period y = {{2023, 1, 1}, {2023, 12, 31}};
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "lens-2023";
    c.post = "isc-lens";
    c.period = y;
    c.cost = INT64_MAX;
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = rule;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "lens-2023", &e), ISCG_ESTATE);
    /* amounts that overflow: two fixed sides of INT64_MAX */
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "A";
    s.rule = ISCG_SHARE_FIXED;
    s.value = INT64_MAX;
    s.split = rule;
    ck_assert_int_eq(iscg_convention_add_side(R, "lens-2023", &s, &e), 0);
    s.name = "B";
    ck_assert_int_eq(iscg_convention_add_side(R, "lens-2023", &s, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "lens-2023", &e), ISCG_EOVERFLOW);
    /* sides that fit one by one but not together */
    c.id = "lens-2026";
    c.cost = INT64_MAX;
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    iscg_side_spec big = ISCG_SIDE_SPEC_INIT;
    big.name = "A";
    big.rule = ISCG_SHARE_REMAINDER;
    big.split = rule;
    ck_assert_int_eq(iscg_convention_add_side(R, "lens-2026", &big, &e), 0);
    iscg_side_spec travel = ISCG_SIDE_SPEC_INIT;
    travel.name = "B";
    travel.rule = ISCG_SHARE_FIXED;
    travel.extra = EUR(1);
    travel.split = rule;
    ck_assert_int_eq(iscg_convention_add_side(R, "lens-2026", &travel, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "lens-2026", &e), ISCG_EOVERFLOW);
    ck_assert_ptr_nonnull(strstr(e.text, "the plan's total"));
    /* an extra that overflows on top of the rule's amount */
    c.id = "lens-2024";
    c.cost = EUR(1);
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    iscg_side_spec t = ISCG_SIDE_SPEC_INIT;
    t.name = "A";
    t.extra = INT64_MAX;
    t.required = 0;
    t.split = rule;
    ck_assert_int_eq(iscg_convention_add_side(R, "lens-2024", &t, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "lens-2024", &e), ISCG_EOVERFLOW);
    /* weights that do not sum to 100 %, found when the plan is computed */
    iscg_allocation_rule bp = ISCG_ALLOCATION_RULE_INIT;
    bp.unit = ISCG_EURO;
    bp.rounding = ISCG_ROUND_DOWN;
    bp.policy = ISCG_REMAINDER_LARGEST_WEIGHT;
    bp.weights = ISCG_WEIGHTS_BASIS_POINTS;
    c.id = "lens-2025";
    c.cost = EUR(300);
    ck_assert_int_eq(iscg_convention_add(R, &c, &e), 0);
    iscg_side_spec u = ISCG_SIDE_SPEC_INIT;
    u.name = "EPCI";
    u.split = bp;
    ck_assert_int_eq(iscg_convention_add_side(R, "lens-2025", &u, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(R, "lens-2025", "EPCI", "cc-opale", 4178, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(R, "lens-2025", "EPCI", "cc-audruicq", 4527, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, R, "lens-2025", &e), ISCG_EWEIGHTS);
    ck_assert_msg(strstr(e.text, "87.05 %") != NULL, "%s", e.text);
    ck_assert_ptr_nonnull(strstr(e.text, "lens-2025"));
    /* accessors on NULL */
    ck_assert_uint_eq(iscg_funding_row_count(NULL), 0);
    ck_assert_int_eq(iscg_funding_total(NULL), 0);
    ck_assert_int_eq(iscg_funding_row_get(NULL, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_find(NULL, "x"), ISCG_ENOTFOUND);
    ck_assert_str_eq(iscg_funding_convention(NULL), "");
    iscg_funding_free(NULL);
}
END_TEST

/* ---- rules the Pas-de-Calais documents do not exercise ------------------ */

static const iscg_allocation_rule EURO_DOWN = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};

/* A registry with the State, the Département and a CC, a gendarmerie post the
 * CC carries and a 2023 convention "c" of the given cost and day count, with
 * no side yet. */
static iscg_registry *plan_with(iscg_cents cost, iscg_daycount dc, iscg_allocation_rule rounding, int annual);

static iscg_registry *plan(iscg_cents cost, iscg_daycount dc)
{
    return plan_with(cost, dc, EURO_DOWN, 0);
}

/* The same, with the convention's own rounding. */
static iscg_registry *plan_rounded(iscg_cents cost, iscg_daycount dc, iscg_allocation_rule rounding)
{
    return plan_with(cost, dc, rounding, 0);
}

/* The same, the cost annual or for the whole period. */
static iscg_registry *plan_with(iscg_cents cost, iscg_daycount dc, iscg_allocation_rule rounding, int annual)
{
    iscg_registry *r;
    iscg_error e;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc", ISCG_PARTY_EPCI, "CC", ISCG_UNKNOWN, &e), 0);
    iscg_post_spec p = ISCG_POST_SPEC_INIT;
    p.id = "isg-p";
    p.label = "ISG P";
    p.kind = ISCG_POST_ISG;
    p.carrier = "cc";
    p.weekly_hours = 35;
    p.police_bp = 0;
    ck_assert_int_eq(iscg_post_add(r, &p, &e), 0);
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "c";
    c.post = "isg-p";
    c.period = (iscg_period){{2023, 1, 1}, {2023, 12, 31}};
    c.cost = cost;
    c.annual = annual;
    c.daycount = dc;
    c.rounding = rounding;
    c.source = "test";
    ck_assert_int_eq(iscg_convention_add(r, &c, &e), 0);
    return r;
}

static void side(iscg_registry *r, const char *name, iscg_share_rule rule, int64_t value, iscg_cents cap,
                 int required, const char *funder)
{
    iscg_error e;
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = name;
    s.rule = rule;
    s.value = value;
    s.cap = cap;
    s.required = required;
    s.split = EURO_DOWN;
    ck_assert_msg(iscg_convention_add_side(r, "c", &s, &e) == 0, "%s", e.text);
    ck_assert_msg(iscg_convention_add_funder(r, "c", name, funder, 1, &e) == 0, "%s", e.text);
}

/* SPLIT-1 with percentages: 50 % and 25.5 % of 40 000, truncated to the
 * euro; the carrier pays the rest (SPLIT-2). */
START_TEST(test_split1_percentages)
{
    iscg_registry *r = plan(EUR(40001), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_PERCENT, 5000, ISCG_NO_CAP, 1, "etat");
    side(r, "Departement", ISCG_SHARE_PERCENT, 2550, ISCG_NO_CAP, 1, "dept");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_funding *f;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(f, "etat"), EUR(20000)); /* 20 000.50 truncated */
    ck_assert_int_eq(amount_of(f, "dept"), EUR(10200)); /* 10 200.255 truncated */
    ck_assert_int_eq(amount_of(f, "cc"), EUR(9801));
    ck_assert_int_eq(iscg_funding_total(f), EUR(40001));
    const iscg_explain *fipd = iscg_explain_child(iscg_funding_explain(f), 0);
    ck_assert_str_eq(iscg_explain_rule(fipd), "SPLIT-1");
    ck_assert_msg(strstr(iscg_explain_text(fipd), "x 50.00 %, DOWN to the euro") != NULL, "%s",
                  iscg_explain_text(fipd));
    iscg_funding_free(f);
    iscg_registry_free(r);
    /* a percentage of a cost no document states cannot be computed */
    r = plan(ISCG_UNKNOWN, ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_PERCENT, 5000, ISCG_NO_CAP, 1, "etat");
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "convention c: side FIPD is a share of the cost, and the cost is not known");
    iscg_registry_free(r);
    /* nor can an equal part of it */
    r = plan(ISCG_UNKNOWN, ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(14333), ISCG_NO_CAP, 1, "etat");
    side(r, "Departement", ISCG_SHARE_EQUAL, 0, ISCG_NO_CAP, 1, "dept");
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "cost");
    ck_assert_ptr_nonnull(strstr(e.text, "side Departement is a share of the cost"));
    iscg_registry_free(r);
}
END_TEST

/* A capped side: the State's equal half of 60 000 is capped at 15 000, and
 * the carrier's remainder takes what the cap leaves. */
START_TEST(test_split_cap)
{
    iscg_registry *r = plan(EUR(60000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_EQUAL, 0, EUR(15000), 1, "etat");
    side(r, "Departement", ISCG_SHARE_EQUAL, 0, ISCG_NO_CAP, 1, "dept");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_funding *f;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(f, "etat"), EUR(15000));
    ck_assert_int_eq(amount_of(f, "dept"), EUR(30000));
    ck_assert_int_eq(amount_of(f, "cc"), EUR(15000));
    const iscg_explain *fipd = iscg_explain_child(iscg_funding_explain(f), 0);
    const iscg_explain *cap = iscg_explain_child(fipd, 0);
    ck_assert_int_eq(iscg_explain_amount(cap), EUR(15000));
    ck_assert_ptr_nonnull(strstr(iscg_explain_text(cap), "capped at 15"));
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-6: a side that is not required and loses its only funder is not paid
 * by anyone: the plan goes on and says so. */
START_TEST(test_split6_optional_side_left_unfunded)
{
    iscg_registry *r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(10000), ISCG_NO_CAP, 1, "etat");
    side(r, "Departement", ISCG_SHARE_FIXED, EUR(5000), ISCG_NO_CAP, 0, "dept");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    ck_assert_int_eq(iscg_convention_withdraw(r, "c", "dept", NULL, &e), 0);
    iscg_funding *f;
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_find(f, "dept"), ISCG_ENOTFOUND);
    ck_assert_int_eq(amount_of(f, "cc"), EUR(15000)); /* the remainder does not grow */
    iscg_funding_side s;
    ck_assert_int_eq(iscg_funding_side_get(&s, f, 1), 0);
    ck_assert_int_eq(s.amount, EUR(5000));
    ck_assert_int_eq(s.drift, EUR(5000));
    const iscg_explain *dept = iscg_explain_child(iscg_funding_explain(f), 1);
    ck_assert_ptr_nonnull(strstr(iscg_explain_text(iscg_explain_child(dept, 0)), "nobody funds side Departement"));
    iscg_funding_free(f);
    /* the audit reports the unfunded side as money nobody pays */
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 1);
    iscg_finding fd;
    ck_assert_int_eq(iscg_audit_get(&fd, a, 0), 0);
    ck_assert_int_eq(fd.kind, ISCG_FINDING_DRIFT);
    ck_assert_str_eq(fd.side, "Departement");
    ck_assert_int_eq(fd.computed, 0);
    ck_assert_int_eq(iscg_audit_get(&fd, a, 1), ISCG_EINVAL);
    iscg_audit_free(a);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-5, ROUND-3: equal thirds of 10 000 with no remainder policy leave 1 €
 * that nobody pays; the plan says so and the audit reports it. */
START_TEST(test_split5_equal_split_drift)
{
    iscg_registry *r = plan(EUR(10000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_EQUAL, 0, ISCG_NO_CAP, 1, "etat");
    side(r, "Departement", ISCG_SHARE_EQUAL, 0, ISCG_NO_CAP, 1, "dept");
    side(r, "CC", ISCG_SHARE_EQUAL, 0, ISCG_NO_CAP, 1, "cc");
    iscg_funding *f;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(f, "cc"), EUR(3333));
    ck_assert_int_eq(iscg_funding_total(f), EUR(9999));
    const iscg_explain *root = iscg_funding_explain(f);
    const iscg_explain *drift = iscg_explain_child(root, 0);
    ck_assert_str_eq(iscg_explain_rule(drift), "SPLIT-5");
    ck_assert_int_eq(iscg_explain_amount(drift), EUR(1));
    iscg_funding_free(f);
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 1);
    iscg_finding fd;
    ck_assert_int_eq(iscg_audit_get(&fd, a, 0), 0);
    ck_assert_int_eq(fd.kind, ISCG_FINDING_DRIFT);
    ck_assert_int_eq(fd.computed, EUR(1));
    ck_assert_ptr_nonnull(strstr(fd.text, "the equal split among sides leaves 1"));
    ck_assert_ptr_null(fd.side);
    iscg_audit_free(a);
    iscg_registry_free(r);
}
END_TEST

/* AUD-1: an amount stated for a party that does not fund the convention, and a
 * plan that cannot be computed, are findings, not failures of the audit. */
START_TEST(test_aud1_unexpected_and_uncomputable)
{
    iscg_registry *r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(10000), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    ck_assert_int_eq(iscg_convention_state(r, "c", "dept", EUR(5000), "annex 9", &e), 0);
    ck_assert_int_eq(iscg_convention_state(r, "c", "cc", EUR(20000), NULL, &e), 0); /* agrees: no finding */
    iscg_audit *a;
    iscg_finding fd;
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 1);
    ck_assert_int_eq(iscg_audit_get(&fd, a, 0), 0);
    ck_assert_int_eq(fd.kind, ISCG_FINDING_UNEXPECTED);
    ck_assert_str_eq(fd.party, "dept");
    ck_assert_str_eq(fd.source, "annex 9");
    ck_assert_int_eq(fd.stated, EUR(5000));
    ck_assert_ptr_nonnull(strstr(fd.text, "which does not fund this convention"));
    ck_assert_ptr_null(fd.explain);
    iscg_audit_free(a);
    /* the State withdraws and nobody replaces it: SPLIT-6 ends the plan */
    ck_assert_int_eq(iscg_convention_withdraw(r, "c", "etat", NULL, &e), 0);
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 1);
    ck_assert_int_eq(iscg_audit_get(&fd, a, 0), 0);
    ck_assert_int_eq(fd.kind, ISCG_FINDING_UNCOMPUTABLE);
    ck_assert_str_eq(fd.rule, "SPLIT-6");
    ck_assert_ptr_nonnull(strstr(fd.text, "required side FIPD has no funder left (etat withdrawn"));
    ck_assert_str_eq(iscg_finding_kind_name(fd.kind), "UNCOMPUTABLE");
    ck_assert_ptr_null(iscg_finding_kind_name((iscg_finding_kind)ISCG_FINDING_KIND_COUNT));
    ck_assert_ptr_null(iscg_finding_kind_name((iscg_finding_kind)-1));
    iscg_audit_free(a);
    ck_assert_uint_eq(iscg_audit_count(NULL), 0);
    ck_assert_int_eq(iscg_audit_get(&fd, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_audit_get(NULL, a, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_audit_run(&a, NULL, &e), ISCG_EINVAL);
    iscg_registry_free(r);
}
END_TEST

/* AUD-1: stated amounts are any int64 the loader accepts, INT64_MIN included.
 * Their difference from the computed amount, or their sum over a shared
 * side, that does not fit is an overflow named after the convention, not
 * undefined behaviour or a wrapped figure in a finding. */
START_TEST(test_aud1_stated_amounts_that_overflow)
{
    iscg_registry *r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(10000), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    iscg_audit *a = NULL;
    ck_assert_int_eq(iscg_convention_state(r, "c", "etat", INT64_MIN, "annex 9", &e), 0);
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), ISCG_EOVERFLOW);
    ck_assert_ptr_null(a);
    ck_assert_ptr_nonnull(strstr(e.text, "c: the stated amounts of party etat do not fit"));
    ck_assert_int_eq(iscg_audit_run(&a, r, NULL), ISCG_EOVERFLOW);
    iscg_registry_free(r);

    /* two funders of one side whose stated amounts sum past INT64_MAX */
    r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(10000), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    ck_assert_msg(iscg_convention_add_funder(r, "c", "CC", "dept", 1, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_convention_state(r, "c", "cc", INT64_MAX, "annex 9", &e), 0);
    ck_assert_int_eq(iscg_convention_state(r, "c", "dept", EUR(10000), "annex 9", &e), 0);
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), ISCG_EOVERFLOW);
    ck_assert_ptr_nonnull(strstr(e.text, "c: the stated amounts of side CC do not fit"));
    iscg_registry_free(r);
}
END_TEST

/* RCV-1, PRO-4, RCV-4: a convention counted in days gives its claims too
 * (its absences counted in days: tests/check_general.c). Absences recorded
 * twice over the same months are capped at the months covered: the claim
 * falls to 0, not below. */
START_TEST(test_rcv1_pro4_months_only)
{
    iscg_registry *r = plan(EUR(30000), ISCG_DAYCOUNT_ACT_365F);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_receivables *rv;
    iscg_error e;
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 2023, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 1);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(12000));
    iscg_receivables_free(rv);
    ck_assert_int_eq(iscg_receivables_compute(&rv, NULL, "cc", 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, NULL, 2023, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 10000, &e), ISCG_EDATE);
    /* a year the convention does not touch gives no claim */
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 2022, &e), 0);
    ck_assert_uint_eq(iscg_receivables_count(rv), 0);
    ck_assert_int_eq(iscg_receivables_total(rv), 0);
    iscg_receivables_free(rv);
    iscg_registry_free(r);

    r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_period h2 = {{2023, 7, 1}, {2023, 12, 31}}, whole = {{2023, 1, 1}, {2023, 12, 31}};
    ck_assert_int_eq(iscg_post_add_event(r, "isg-p", ISCG_STAFF_VACANCY, h2, NULL, &e), 0);
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 2023, &e), 0);
    iscg_receivable c;
    ck_assert_uint_eq(iscg_receivables_count(rv), 1);
    ck_assert_int_eq(iscg_receivables_get(&c, rv, 0), 0);
    ck_assert_str_eq(c.debtor, "etat");
    ck_assert_int_eq(c.amount, EUR(6000)); /* 12 000 x 6/12 */
    const iscg_explain *pro4 = iscg_explain_child(c.explain, 1);
    ck_assert_str_eq(iscg_explain_rule(pro4), "PRO-4");
    ck_assert_int_eq(iscg_receivables_get(&c, rv, 1), ISCG_EINVAL);
    ck_assert_int_eq(iscg_receivables_get(NULL, rv, 0), ISCG_EINVAL);
    iscg_receivables_free(rv);
    ck_assert_int_eq(iscg_post_add_event(r, "isg-p", ISCG_STAFF_ABSENCE, whole, "recorded twice", &e), 0);
    ck_assert_int_eq(iscg_receivables_compute(&rv, r, "cc", 2023, &e), 0);
    ck_assert_int_eq(iscg_receivables_get(&c, rv, 0), 0);
    /* the vacancy and the absence overlap: 12 of 12 months absent, not 18 */
    ck_assert_int_eq(c.absent.num * c.months.den, c.months.num * c.absent.den);
    ck_assert_int_eq(c.amount, 0);
    iscg_receivables_free(rv);
    ck_assert_uint_eq(iscg_receivables_count(NULL), 0);
    ck_assert_int_eq(iscg_receivables_total(NULL), 0);
    iscg_registry_free(r);
}
END_TEST

/* iscg_receivables_new() and iscg_receivables_add_part() refuse what they
 * cannot use, each with its code and a sentence, and leave the receivables
 * as they were: the etat's 12 000 of 2023 with half the year vacant gives
 * one claim of 6 000, added once. */
START_TEST(test_rcv1_add_part_bad_input)
{
    iscg_registry *r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_period h2 = {{2023, 7, 1}, {2023, 12, 31}};
    iscg_error e;
    ck_assert_int_eq(iscg_post_add_event(r, "isg-p", ISCG_STAFF_VACANCY, h2, NULL, &e), 0);
    iscg_receivables *rv, *other;
    iscg_funding *whole, *part, *days;
    ck_assert_int_eq(iscg_funding_compute(&whole, r, "c", &e), 0);
    ck_assert_int_eq(iscg_funding_compute_part(&part, whole, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
    ck_assert_int_eq(iscg_funding_compute_part(&days, whole, 2023, ISCG_DAYCOUNT_ACT_365F, &e), 0);

    /* iscg_receivables_new() */
    ck_assert_int_eq(iscg_receivables_new(NULL, r, "cc", 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_receivables_new(&rv, NULL, "cc", 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "ghost", 2023, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "carrier ghost is not a known party");
    ck_assert_int_eq(iscg_receivables_new(&rv, r, NULL, 2023, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "cc", 0, &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "year 0 is outside 1..9999");
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "cc", 10000, &e), ISCG_EDATE);

    /* a part of another year, of another carrier, a whole, another day count, NULL */
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "cc", 2024, &e), 0);
    ck_assert_int_eq(iscg_receivables_add_part(rv, part, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "convention c: the part given is its part in 2023, and the receivables are for 2024");
    iscg_receivables_free(rv);
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "dept", 2023, &e), 0);
    ck_assert_int_eq(iscg_receivables_add_part(rv, part, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "convention c: its post isg-p is carried by cc, not by dept");
    iscg_receivables_free(rv);
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "cc", 2023, &e), 0);
    ck_assert_int_eq(iscg_receivables_add_part(rv, whole, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "convention c: the result given is its whole period, not its part in 2023 "
                             "(iscg_funding_compute_part())");
    ck_assert_int_eq(iscg_receivables_add_part(rv, days, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "convention c: its part was computed under ACT_365F, and its receivables count under "
                             "its own day count, MONTHS_WHOLE");
    ck_assert_int_eq(iscg_receivables_add_part(NULL, part, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_receivables_add_part(rv, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_receivables_add_part(rv, NULL, NULL), ISCG_EINVAL);
    ck_assert_uint_eq(iscg_receivables_count(rv), 0); /* nothing was added */
    ck_assert_int_eq(iscg_receivables_total(rv), 0);

    /* the part itself: the etat's 12 000 for 2023, half of it vacant (PRO-4) */
    ck_assert_int_eq(iscg_receivables_add_part(rv, part, &e), 0);
    iscg_receivable c;
    ck_assert_uint_eq(iscg_receivables_count(rv), 1);
    ck_assert_int_eq(iscg_receivables_get(&c, rv, 0), 0);
    ck_assert_str_eq(c.convention, "c");
    ck_assert_str_eq(c.debtor, "etat");
    ck_assert_int_eq(c.share, EUR(12000));
    ck_assert_int_eq(c.months.num, 12);
    ck_assert_int_eq(c.absent.num, 6);
    ck_assert_int_eq(c.amount, EUR(6000));
    ck_assert_str_eq(iscg_explain_rule(iscg_explain_child(c.explain, 1)), "PRO-4");
    /* twice: refused, the claim is not doubled */
    ck_assert_int_eq(iscg_receivables_add_part(rv, part, &e), ISCG_EDUPLICATE);
    ck_assert_str_eq(e.text, "convention c: its part in 2023 was added to the receivables of cc already");
    ck_assert_uint_eq(iscg_receivables_count(rv), 1);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(6000));

    /* the part of another registry */
    iscg_registry *r2 = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    ck_assert_int_eq(iscg_receivables_new(&other, r2, "cc", 2023, &e), 0);
    ck_assert_int_eq(iscg_receivables_add_part(other, part, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "convention c was computed from another registry than the receivables of cc");
    iscg_receivables_free(other);
    iscg_registry_free(r2);

    /* receivables computed whole hold every part already */
    ck_assert_int_eq(iscg_receivables_compute(&other, r, "cc", 2023, &e), 0);
    ck_assert_int_eq(iscg_receivables_add_part(other, part, &e), ISCG_ESTATE);
    ck_assert_uint_eq(iscg_receivables_count(other), 1);
    iscg_receivables_free(other);

    /* the registry cannot change under the part: the results hold it */
    iscg_period y2024 = {{2024, 1, 1}, {2024, 12, 31}};
    ck_assert_int_eq(iscg_convention_set_period(r, "c", y2024, &e), ISCG_ESTATE);
    ck_assert_str_eq(e.text, "4 results computed from the registry still point into it: a new period cannot change it "
                             "before they are freed");

    iscg_receivables_free(rv);
    iscg_funding_free(part);
    iscg_funding_free(days);
    iscg_funding_free(whole);
    iscg_registry_free(r);

    /* a convention counted in days: its part gives claims too (RCV-4) */
    r = plan(EUR(30000), ISCG_DAYCOUNT_ACT_365F);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(12000), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    ck_assert_int_eq(iscg_funding_compute(&whole, r, "c", &e), 0);
    ck_assert_int_eq(iscg_funding_compute_part(&part, whole, 2023, ISCG_DAYCOUNT_ACT_365F, &e), 0);
    ck_assert_int_eq(iscg_receivables_new(&rv, r, "cc", 2023, &e), 0);
    ck_assert_int_eq(iscg_receivables_add_part(rv, part, &e), 0);
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(12000));
    iscg_receivables_free(rv);
    iscg_funding_free(part);
    iscg_funding_free(whole);
    iscg_registry_free(r);
}
END_TEST

/* PRO-3: a period that a day count gives no length (ten days in whole months)
 * has no part to give a year. */
START_TEST(test_pro3_period_of_no_length)
{
    iscg_registry *r = plan(EUR(3000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    iscg_period ten = {{2023, 3, 5}, {2023, 3, 14}};
    ck_assert_int_eq(iscg_convention_set_period(r, "c", ten, &e), 0);
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute_year(&f, r, "c", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ERANGE);
    ck_assert_str_eq(e.text, "convention c: its period counts for nothing under MONTHS_WHOLE");
    ck_assert_int_eq(iscg_funding_compute_year(&f, r, "c", 2023, ISCG_DAYCOUNT_ACT_365F, &e), 0);
    ck_assert_int_eq(amount_of(f, "cc"), EUR(3000));
    iscg_funding_free(f);
    ck_assert_int_eq(iscg_funding_compute_year(NULL, r, "c", 2023, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EINVAL);
    iscg_registry_free(r);
}
END_TEST

/* PRO-3: the last year takes what the earlier ones leave; when they are
 * rounded up to more than the whole, it would be left a negative part. The
 * fuzzer's case: 819.42 EUR over 2023-09-03..2024-01-02, four whole months,
 * all of them in 2023 (2024 has two days, no whole month): rounded up to the
 * euro, 2023 takes 820 EUR, and 2024 would be left -0.58 EUR. The year is
 * refused with a sentence; the earlier year keeps its part, and the other
 * day counts, which give 2024 its two days, still compute. */
START_TEST(test_pro3_rounding_up_leaves_nothing_to_take)
{
    iscg_allocation_rule up = EURO_DOWN;
    up.rounding = ISCG_ROUND_UP;
    iscg_registry *r = plan_rounded(81942, ISCG_DAYCOUNT_MONTHS_WHOLE, up);
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    iscg_period p = {{2023, 9, 3}, {2024, 1, 2}};
    ck_assert_int_eq(iscg_convention_set_period(r, "c", p, &e), 0);
    iscg_funding *f = NULL, *whole = NULL;
    ck_assert_msg(iscg_funding_compute_year(&f, r, "c", 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_cost(f), 82000);
    iscg_funding_free(f);
    f = NULL;
    ck_assert_int_eq(iscg_funding_compute_year(&f, r, "c", 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ERANGE);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "c");
    ck_assert_str_eq(e.field, "rounding");
    ck_assert_msg(strstr(e.text, "convention c: the parts of the cost of 819,42") &&
                      strstr(e.text, "in the years before 2024, rounded UP, add up to 820") &&
                      strstr(e.text, "2024 would be left -0,58"),
                  "%s", e.text);
    /* from the whole-period result, the same refusal */
    ck_assert_int_eq(iscg_funding_compute(&whole, r, "c", &e), 0);
    ck_assert_int_eq(iscg_funding_compute_part(&f, whole, 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_ERANGE);
    ck_assert_ptr_null(f);
    /* by days, 2024's two days of 122 take their part: the parts add up */
    iscg_cents sum = 0;
    for (int y = 2023; y <= 2024; y++) {
        ck_assert_msg(iscg_funding_compute_part(&f, whole, y, ISCG_DAYCOUNT_ACT_365F, &e) == 0, "%s", e.text);
        ck_assert_int_ge(iscg_funding_cost(f), 0);
        sum += iscg_funding_cost(f);
        iscg_funding_free(f);
    }
    ck_assert_int_eq(sum, 81942);
    iscg_funding_free(whole);
    iscg_registry_free(r);
}
END_TEST

/* PRO-3 (found by the fuzzer): a rounding unit larger than any part makes
 * each row's part of a year huge, rounded up. Two rows of one side then
 * overflow when their parts are summed: the year's part is refused with
 * ISCG_EOVERFLOW and a sentence, never a wrapped total. */
START_TEST(test_pro3_side_parts_that_overflow)
{
    const iscg_allocation_rule huge = {INT64_C(5000000000000000000), ISCG_ROUND_UP, ISCG_REMAINDER_NONE, 0,
                                       ISCG_WEIGHTS_RAW};
    iscg_registry *r = plan_rounded(4, ISCG_DAYCOUNT_MONTHS_WHOLE, huge);
    iscg_error e;
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "CC";
    s.rule = ISCG_SHARE_REMAINDER;
    s.cap = ISCG_NO_CAP;
    s.required = 1;
    s.split = (iscg_allocation_rule){1, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_REMAINDER, 0, ISCG_WEIGHTS_RAW};
    ck_assert_msg(iscg_convention_add_side(r, "c", &s, &e) == 0, "%s", e.text);
    ck_assert_msg(iscg_convention_add_funder(r, "c", "CC", "cc", 1, &e) == 0, "%s", e.text);
    ck_assert_msg(iscg_convention_add_funder(r, "c", "CC", "dept", 1, &e) == 0, "%s", e.text);
    iscg_period p = {{2023, 7, 1}, {2024, 6, 30}};
    ck_assert_int_eq(iscg_convention_set_period(r, "c", p, &e), 0);
    iscg_funding *whole = NULL, *f = NULL;
    ck_assert_msg(iscg_funding_compute(&whole, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(whole, "cc"), 2);
    ck_assert_int_eq(amount_of(whole, "dept"), 2);
    /* 2023: each 2-cent share's half, rounded up, is 5e18 cents; two of them do not fit */
    ck_assert_int_eq(iscg_funding_compute_part(&f, whole, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_EOVERFLOW);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "c");
    ck_assert_msg(strstr(e.text, "convention c") && strstr(e.text, "part of the year") &&
                      strstr(e.text, "overflows 64-bit cents"),
                  "%s", e.text);
    iscg_funding_free(whole);
    iscg_registry_free(r);
}
END_TEST

/* PRO-3 (found by the fuzzer): the last year completes the earlier years'
 * parts; when those, rounded up to a huge unit, overflow as they are added,
 * the last year's part is refused with a sentence naming it. */
START_TEST(test_pro3_earlier_parts_that_overflow)
{
    const iscg_allocation_rule huge = {INT64_C(5000000000000000000), ISCG_ROUND_UP, ISCG_REMAINDER_NONE, 0,
                                       ISCG_WEIGHTS_RAW};
    iscg_registry *r = plan_rounded(3, ISCG_DAYCOUNT_MONTHS_WHOLE, huge);
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    iscg_period p = {{2023, 7, 1}, {2025, 6, 30}};
    ck_assert_int_eq(iscg_convention_set_period(r, "c", p, &e), 0);
    iscg_funding *whole = NULL, *f = NULL;
    ck_assert_msg(iscg_funding_compute(&whole, r, "c", &e) == 0, "%s", e.text);
    /* 2023 alone: a quarter of 3 cents, rounded up to one unit, fits */
    ck_assert_msg(iscg_funding_compute_part(&f, whole, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_cost(f), INT64_C(5000000000000000000));
    iscg_funding_free(f);
    f = NULL;
    /* 2025 adds 2023's and 2024's parts: 1e19 cents */
    ck_assert_int_eq(iscg_funding_compute_part(&f, whole, 2025, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_EOVERFLOW);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "c");
    ck_assert_str_eq(e.field, "rounding");
    ck_assert_msg(strstr(e.text, "the parts of an amount in the years before 2025 overflow 64-bit cents"), "%s",
                  e.text);
    iscg_funding_free(whole);
    iscg_registry_free(r);
}
END_TEST

/* PRO-3: each side's part of a year is rounded on its own. Rounded up to a
 * unit larger than any of them, two sides of 2 EUR each have parts of 5e18
 * cents: the part's rows would total past 64 bits, and iscg_funding_total()
 * could not say so, so the part is refused before it is given out. */
START_TEST(test_pro3_rows_total_that_overflows)
{
    const iscg_allocation_rule huge = {INT64_C(5000000000000000000), ISCG_ROUND_UP, ISCG_REMAINDER_NONE, 0,
                                       ISCG_WEIGHTS_RAW};
    iscg_registry *r = plan_rounded(EUR(4), ISCG_DAYCOUNT_MONTHS_WHOLE, huge);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(2), ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    iscg_period p = {{2023, 7, 1}, {2024, 6, 30}};
    ck_assert_int_eq(iscg_convention_set_period(r, "c", p, &e), 0);
    iscg_funding *whole = NULL, *f = NULL;
    ck_assert_msg(iscg_funding_compute(&whole, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_total(whole), EUR(4));
    ck_assert_int_eq(iscg_funding_compute_part(&f, whole, 2023, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), ISCG_EOVERFLOW);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "c");
    ck_assert_msg(strstr(e.text, "convention c: the rows' total overflows 64-bit cents"), "%s", e.text);
    iscg_funding_free(whole);
    iscg_registry_free(r);
}
END_TEST

/* The readers of a result are NULL-safe as documented. */
START_TEST(test_funding_readers_on_null)
{
    iscg_funding_side s;
    ck_assert_uint_eq(iscg_funding_side_count(NULL), 0);
    ck_assert_int_eq(iscg_funding_side_get(&s, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_cost(NULL), 0);
    ck_assert_ptr_null(iscg_funding_explain(NULL));
    iscg_period p = iscg_funding_period(NULL);
    ck_assert_int_eq(p.start.year, 0);
    ck_assert_str_eq(iscg_explain_rule(NULL), "");
    ck_assert_int_eq(iscg_explain_amount(NULL), 0);
    ck_assert_uint_eq(iscg_explain_child_count(NULL), 0);
    ck_assert_ptr_null(iscg_explain_child(NULL, 0));
    ck_assert_int_eq(iscg_explain_render(NULL, 0, NULL), ISCG_EINVAL);
    iscg_funding *f;
    iscg_error e;
    ck_assert_int_eq(iscg_funding_compute(&f, NULL, "c", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_compute(&f, NULL, NULL, &e), ISCG_EINVAL);
}
END_TEST

/* BUD-1: the budget line's arguments. */
START_TEST(test_bud1_bad_lines)
{
    iscg_registry *r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "Departement", ISCG_SHARE_FIXED, EUR(10000), ISCG_NO_CAP, 1, "dept");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_budget_line line = {NULL, NULL, NULL, "dept", EUR(20000), EUR(15000)};
    iscg_budget_result b;
    iscg_budget_item items[1];
    size_t n = 0;
    iscg_error e;
    ck_assert_int_eq(iscg_budget_check(&b, items, 1, &n, r, &line, 2023, &e), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(items[0].amount, EUR(10000));
    /* a year the convention does not reach charges nothing */
    ck_assert_int_eq(iscg_budget_check(&b, items, 1, &n, r, &line, 2024, &e), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(b.balance, EUR(15000));
    ck_assert_int_eq(iscg_budget_check(NULL, items, 1, &n, r, &line, 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_budget_check(&b, NULL, 1, &n, r, &line, 2023, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_budget_check(&b, items, 1, &n, r, NULL, 2023, &e), ISCG_EINVAL);
    line.credits = -1;
    ck_assert_int_eq(iscg_budget_check(&b, items, 1, &n, r, &line, 2023, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "budget line (unnamed): the available credit must lie between 0 and the credits voted");
    line.credits = EUR(20000);
    line.available = -1;
    ck_assert_int_eq(iscg_budget_check(&b, items, 1, &n, r, &line, 2023, &e), ISCG_EINVAL);
    line.available = EUR(1);
    line.payer = NULL;
    ck_assert_int_eq(iscg_budget_check(&b, items, 1, &n, r, &line, 2023, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "budget line (unnamed): payer (null) is not a known party");
    iscg_registry_free(r);
}
END_TEST

/* AUD-1 on a plan called equal whose carrier's remainder is not known (no
 * cost stated, like Ternois): only the known sides are compared. */
START_TEST(test_aud1_equal_claim_with_unknown_remainder)
{
    iscg_registry *r = plan(ISCG_UNKNOWN, ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(14333), ISCG_NO_CAP, 1, "etat");
    side(r, "Departement", ISCG_SHARE_FIXED, EUR(14333), ISCG_NO_CAP, 1, "dept");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_error e;
    ck_assert_int_eq(iscg_convention_claim_equal(r, "c", "tripartite et egalitaire", &e), 0);
    iscg_audit *a;
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 0);
    iscg_audit_free(a);
    iscg_registry_free(r);

    r = plan(ISCG_UNKNOWN, ISCG_DAYCOUNT_MONTHS_WHOLE);
    side(r, "FIPD", ISCG_SHARE_FIXED, EUR(14333), ISCG_NO_CAP, 1, "etat");
    side(r, "Departement", ISCG_SHARE_FIXED, EUR(14400), ISCG_NO_CAP, 1, "dept");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    ck_assert_int_eq(iscg_convention_claim_equal(r, "c", "tripartite et egalitaire", &e), 0);
    ck_assert_int_eq(iscg_audit_run(&a, r, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 1);
    iscg_finding fd;
    ck_assert_int_eq(iscg_audit_get(&fd, a, 0), 0);
    ck_assert_int_eq(fd.kind, ISCG_FINDING_UNEQUAL);
    ck_assert_int_eq(fd.stated, EUR(14400));
    ck_assert_int_eq(fd.computed, EUR(14333));
    ck_assert_str_eq(fd.text, "c: tripartite et egalitaire calls the plan equal, but its sides are "
                              "FIPD 14\xe2\x80\xaf" "333\xc2\xa0\xe2\x82\xac, Departement 14\xe2\x80\xaf" "400\xc2\xa0\xe2\x82\xac "
                              "(the cost is not stated)");
    iscg_audit_free(a);
    iscg_registry_free(r);
}
END_TEST

/* ROUND-2 in a plan: a convention that forbids rounding (UNNECESSARY) fails,
 * naming the amount, where a share or a year's part is not a whole cent. */
START_TEST(test_round2_unnecessary_in_a_plan)
{
    const iscg_allocation_rule exact = {ISCG_CENT, ISCG_ROUND_UNNECESSARY, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};
    iscg_registry *r = plan_rounded(EUR(40000), ISCG_DAYCOUNT_ACT_365F, exact);
    side(r, "FIPD", ISCG_SHARE_PERCENT, 3333, ISCG_NO_CAP, 1, "etat");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_funding *f;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text); /* 13 332.00 exactly */
    ck_assert_int_eq(amount_of(f, "etat"), EUR(13332));
    iscg_funding_free(f);
    ck_assert_int_eq(iscg_convention_set_cost(r, "c", 4123457, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_EROUNDING);
    ck_assert_str_eq(e.source, "c");
    ck_assert_str_eq(e.text, "convention c: 4123457 cents x 3333/10000 is not a multiple of 1 cents and rounding is "
                             "UNNECESSARY");
    /* exact over the year, but not in its parts: 40 000 by days over 2022-12-03..2023-12-02 */
    iscg_period bethune = {{2022, 12, 3}, {2023, 12, 2}};
    ck_assert_int_eq(iscg_convention_set_cost(r, "c", EUR(40000), &e), 0);
    ck_assert_int_eq(iscg_convention_set_period(r, "c", bethune, &e), 0);
    ck_assert_int_eq(iscg_funding_compute_year(&f, r, "c", 2022, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EROUNDING);
    ck_assert_str_eq(e.source, "c");
    ck_assert_msg(strncmp(e.text, "convention c: ", 14) == 0, "%s", e.text);
    iscg_registry_free(r);
}
END_TEST

/* AUD-2: every figure of the fourteen conventions (whole period, each
 * fiscal year, receivables) carries its trace, and its rule, always; so do
 * the audit's findings. */
#define MAX_FIGURES 4096
static size_t all_figures(iscg_cents *v, int *explained)
{
    size_t n = 0;
    iscg_error e;
    *explained = 0;
    for (size_t i = 0; i < iscg_registry_convention_count(R); i++) {
        const char *id = iscg_registry_convention_id(R, i);
        iscg_convention_spec spec;
        ck_assert_int_eq(iscg_convention_get(&spec, R, id, &e), 0);
        for (int y = 0; y <= spec.period.end.year - spec.period.start.year + 1; y++) {
            iscg_funding *f = NULL;
            int rc = y == 0 ? iscg_funding_compute(&f, R, id, &e)
                            : iscg_funding_compute_year(&f, R, id, spec.period.start.year + y - 1,
                                                        ISCG_DAYCOUNT_ACT_365F, &e);
            if (rc != 0) { /* the conventions without a cost: the same failure both ways */
                v[n++] = rc;
                continue;
            }
            *explained += iscg_funding_explain(f) != NULL;
            for (size_t k = 0; k < iscg_funding_row_count(f); k++) {
                iscg_funding_row row;
                ck_assert_int_eq(iscg_funding_row_get(&row, f, k), 0);
                ck_assert_int_lt(n, MAX_FIGURES);
                v[n++] = row.amount;
                *explained += row.explain != NULL;
                ck_assert_ptr_nonnull(row.explain); /* every row carries its rule and its record */
                ck_assert_str_eq(row.rule, iscg_explain_rule(row.explain));
            }
            iscg_funding_free(f);
        }
    }
    for (size_t p = 0; p < iscg_registry_post_count(R); p++) { /* each post's carrier */
        iscg_post_spec post;
        ck_assert_int_eq(iscg_post_get(&post, R, iscg_registry_post_id(R, p), &e), 0);
        for (int year = 2022; year <= 2024; year++) {
            iscg_receivables *rv = NULL;
            int rc = iscg_receivables_compute(&rv, R, post.carrier, year, &e);
            if (rc != 0) {
                v[n++] = rc;
                continue;
            }
            for (size_t k = 0; k < iscg_receivables_count(rv); k++) {
                iscg_receivable claim;
                ck_assert_int_eq(iscg_receivables_get(&claim, rv, k), 0);
                v[n++] = claim.amount;
                *explained += claim.explain != NULL;
                ck_assert_ptr_nonnull(claim.explain);
                ck_assert_str_eq(claim.rule, "RCV-1");
                ck_assert_str_eq(iscg_explain_rule(claim.explain), "RCV-1");
            }
            iscg_receivables_free(rv);
        }
    }
    return n;
}

START_TEST(test_aud2_always_traced)
{
    static iscg_cents v[MAX_FIGURES];
    int explained;
    size_t n = all_figures(v, &explained);
    ck_assert_uint_gt(n, 100);
    ck_assert_int_gt(explained, 100);
    /* the audit names the rule of each finding from the records, and explains it */
    iscg_audit *a;
    iscg_error e;
    ck_assert_int_eq(iscg_audit_run(&a, R, &e), 0);
    ck_assert_uint_eq(iscg_audit_count(a), 6);
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_finding f;
        ck_assert_int_eq(iscg_audit_get(&f, a, i), 0);
        ck_assert_msg(f.rule && *f.rule, "finding %zu has no rule", i);
        ck_assert_ptr_nonnull(f.explain);
    }
    iscg_audit_free(a);
}
END_TEST

/* SPLIT-2 with PRO-1: shares rounded up past a prorated cost leave the
 * remainder side negative; that is refused, not paid as a negative share.
 * 100 € a year for one day (ACT/365F) is 0,27 €; 33 % of 100 € is 33 €,
 * prorated and rounded up to the euro 1 € each: 2 € for a 1 € cost. */
START_TEST(test_split2_prorated_shares_past_the_cost)
{
    iscg_allocation_rule up = ISCG_ALLOCATION_RULE_INIT;
    up.unit = ISCG_EURO;
    up.rounding = ISCG_ROUND_UP;
    up.policy = ISCG_REMAINDER_NONE;
    iscg_registry *r = plan_with(EUR(100), ISCG_DAYCOUNT_ACT_365F, up, 1);
    iscg_error e;
    iscg_period day = {{2023, 3, 1}, {2023, 3, 1}};
    ck_assert_int_eq(iscg_convention_set_period(r, "c", day, &e), 0);
    side(r, "FIPD", ISCG_SHARE_PERCENT, 3300, ISCG_NO_CAP, 1, "etat");
    side(r, "Departement", ISCG_SHARE_PERCENT, 3300, ISCG_NO_CAP, 1, "dept");
    side(r, "CC", ISCG_SHARE_REMAINDER, 0, ISCG_NO_CAP, 1, "cc");
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_ERANGE);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "c");
    ck_assert_msg(strstr(e.text, "nothing is left for side CC") != NULL, "%s", e.text);
    /* rounded down, the same plan is 0 + 0 and the remainder 0 € */
    iscg_allocation_rule down = ISCG_ALLOCATION_RULE_INIT;
    down.unit = ISCG_EURO;
    down.rounding = ISCG_ROUND_DOWN;
    down.policy = ISCG_REMAINDER_NONE;
    iscg_convention_spec spec;
    ck_assert_int_eq(iscg_convention_get(&spec, r, "c", &e), 0);
    spec.rounding = down;
    spec.id = "c-down";
    ck_assert_int_eq(iscg_convention_add(r, &spec, &e), 0);
    iscg_side_spec s1 = ISCG_SIDE_SPEC_INIT;
    s1.name = "FIPD";
    s1.rule = ISCG_SHARE_PERCENT;
    s1.value = 3300;
    s1.split = down;
    iscg_side_spec s2 = ISCG_SIDE_SPEC_INIT;
    s2.name = "CC";
    s2.rule = ISCG_SHARE_REMAINDER;
    s2.split = down;
    ck_assert_int_eq(iscg_convention_add_side(r, "c-down", &s1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "c-down", &s2, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c-down", "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c-down", "CC", "cc", 1, &e), 0);
    ck_assert_msg(iscg_funding_compute(&f, r, "c-down", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(f, "etat"), 0);
    ck_assert_int_eq(amount_of(f, "cc"), 0);
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-3 with PRO-1: an annual convention prorates every side's extra, the
 * remainder side's as well. Osartis' 4 months of 14 000 € a year, with
 * 1 200 € of travel costs on the Département's fixed side and on the
 * carrier's remainder: 400 € each on top. */
START_TEST(test_split3_annual_extras_prorated)
{
    iscg_registry *r = plan(EUR(42000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    iscg_error e;
    iscg_convention_spec spec;
    ck_assert_int_eq(iscg_convention_get(&spec, r, "c", &e), 0);
    spec.id = "osartis";
    spec.annual = 1;
    spec.period = (iscg_period){{2023, 9, 1}, {2023, 12, 31}};
    ck_assert_int_eq(iscg_convention_add(r, &spec, &e), 0);
    iscg_side_spec fipd = ISCG_SIDE_SPEC_INIT;
    fipd.name = "FIPD";
    fipd.rule = ISCG_SHARE_FIXED;
    fipd.value = EUR(14000);
    fipd.split = EURO_DOWN;
    iscg_side_spec dept = ISCG_SIDE_SPEC_INIT;
    dept.name = "Departement";
    dept.rule = ISCG_SHARE_FIXED;
    dept.value = EUR(14000);
    dept.extra = EUR(1200);
    dept.split = EURO_DOWN;
    iscg_side_spec cc = ISCG_SIDE_SPEC_INIT;
    cc.name = "CC";
    cc.rule = ISCG_SHARE_REMAINDER;
    cc.extra = EUR(1200);
    cc.split = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add_side(r, "osartis", &fipd, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "osartis", &dept, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "osartis", &cc, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "osartis", "FIPD", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "osartis", "Departement", "dept", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "osartis", "CC", "cc", 1, &e), 0);
    iscg_funding *f;
    ck_assert_msg(iscg_funding_compute(&f, r, "osartis", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(f, "etat"), EUR(4666));
    ck_assert_int_eq(amount_of(f, "dept"), EUR(4666 + 400));
    ck_assert_int_eq(amount_of(f, "cc"), EUR(4668 + 400)); /* 14 000 - 4 666 - 4 666, plus its 400 */
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* ROUND-3 TO_PARTY: an index past the equal sides, or past a side's funders,
 * is refused with the convention named; after a withdrawal the index counts
 * the funders left and falls to the last one. */
START_TEST(test_round3_to_party_out_of_range)
{
    iscg_allocation_rule to3 = ISCG_ALLOCATION_RULE_INIT;
    to3.unit = ISCG_EURO;
    to3.rounding = ISCG_ROUND_DOWN;
    to3.policy = ISCG_REMAINDER_TO_PARTY;
    to3.party = 3;
    iscg_registry *r = plan_rounded(EUR(100) + 1, ISCG_DAYCOUNT_MONTHS_WHOLE, to3);
    iscg_error e;
    side(r, "A", ISCG_SHARE_EQUAL, 0, ISCG_NO_CAP, 1, "etat");
    side(r, "B", ISCG_SHARE_EQUAL, 0, ISCG_NO_CAP, 1, "dept");
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_EINVAL);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "c");
    ck_assert_msg(strncmp(e.text, "convention c, its equal sides: ", 31) == 0, "%s", e.text);
    iscg_registry_free(r);

    r = plan(EUR(101), ISCG_DAYCOUNT_MONTHS_WHOLE);
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "EPCI";
    s.rule = ISCG_SHARE_FIXED;
    s.value = EUR(101);
    s.split = to3;
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &s, &e), 0);
    ck_assert_int_eq(iscg_party_add(r, "cc2", ISCG_PARTY_EPCI, "CC 2", ISCG_UNKNOWN, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "EPCI", "cc2", 1, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_EINVAL);
    ck_assert_msg(strncmp(e.text, "convention c, side EPCI: ", 25) == 0, "%s", e.text);
    /* cc2 withdraws: one funder left, who takes the remainder */
    ck_assert_int_eq(iscg_convention_withdraw(r, "c", "cc2", NULL, &e), 0);
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(f, "cc"), EUR(101));
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-6: when a required side's many funders all withdraw, the message
 * names those that fit and counts the others. */
START_TEST(test_split6_many_withdrawn_named_and_counted)
{
    iscg_registry *r = plan(EUR(40000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    iscg_error e;
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.name = "Communes";
    s.split = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &s, &e), 0);
    char id[32];
    for (int i = 0; i < 40; i++) {
        snprintf(id, sizeof id, "commune-%02d", i);
        ck_assert_int_eq(iscg_party_add(r, id, ISCG_PARTY_OTHER, id, ISCG_UNKNOWN, &e), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, "c", "Communes", id, 1, &e), 0);
    }
    for (int i = 0; i < 40; i++) {
        snprintf(id, sizeof id, "commune-%02d", i);
        ck_assert_int_eq(iscg_convention_withdraw(r, "c", id, NULL, &e), 0);
    }
    iscg_funding *f;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "c", &e), ISCG_ETERMINATED);
    ck_assert_msg(strstr(e.text, "commune-00, commune-01, ") != NULL, "%s", e.text);
    /* 160 bytes hold 11 names of 10 characters with their separators */
    ck_assert_msg(strstr(e.text, "commune-10 and 29 more withdrawn") != NULL, "%s", e.text);
    iscg_registry_free(r);
}
END_TEST

/* PRO-3 from a whole-period result: every part of every convention under
 * every day count is the part iscg_funding_compute_year() gives, row by row
 * and with its period; Béthune's 1 390 € in 2022 among them. */
START_TEST(test_pro3_parts_from_the_whole)
{
    iscg_error e;
    size_t compared = 0;
    for (size_t i = 0; i < iscg_registry_convention_count(R); i++) {
        const char *id = iscg_registry_convention_id(R, i);
        iscg_funding *whole;
        if (iscg_funding_compute(&whole, R, id, &e) != 0)
            continue; /* no cost stated: compute_year fails the same way */
        iscg_period p = iscg_funding_period(whole);
        for (int dc = ISCG_DAYCOUNT_MONTHS_WHOLE; dc <= ISCG_DAYCOUNT_COUNT; dc++)
            for (int y = p.start.year - 1; y <= p.end.year + 1; y++) {
                iscg_funding *a = NULL, *b = NULL;
                iscg_error ea, eb;
                int ra = iscg_funding_compute_year(&a, R, id, y, (iscg_daycount)dc, &ea);
                int rb = iscg_funding_compute_part(&b, whole, y, (iscg_daycount)dc, &eb);
                ck_assert_int_eq(ra, rb);
                if (ra != 0) {
                    ck_assert_str_eq(ea.text, eb.text);
                    continue;
                }
                ck_assert_uint_eq(iscg_funding_row_count(a), iscg_funding_row_count(b));
                ck_assert_int_eq(iscg_funding_cost(a), iscg_funding_cost(b));
                ck_assert_int_eq(iscg_date_compare(iscg_funding_period(a).start, iscg_funding_period(b).start), 0);
                for (size_t k = 0; k < iscg_funding_row_count(a); k++) {
                    iscg_funding_row x, z;
                    ck_assert_int_eq(iscg_funding_row_get(&x, a, k), 0);
                    ck_assert_int_eq(iscg_funding_row_get(&z, b, k), 0);
                    ck_assert_str_eq(x.party, z.party);
                    ck_assert_int_eq(x.amount, z.amount);
                    ck_assert_str_eq(iscg_explain_text(x.explain), iscg_explain_text(z.explain));
                    compared++;
                }
                if (strcmp(id, "bethune-2023") == 0 && y == 2022 && dc == ISCG_DAYCOUNT_ACT_365F) {
                    iscg_funding_row row;
                    ck_assert_int_eq(iscg_funding_row_get(&row, b, (size_t)iscg_funding_find(b, "cabbalr")), 0);
                    ck_assert_int_eq(row.amount, EUR(1390));
                    /* a part is not a whole: no part of a part */
                    iscg_funding *c;
                    ck_assert_int_eq(iscg_funding_compute_part(&c, b, 2022, ISCG_DAYCOUNT_ACT_365F, &e),
                                     ISCG_EINVAL);
                    ck_assert_ptr_nonnull(strstr(e.text, "already the part of a year"));
                }
                iscg_funding_free(a);
                iscg_funding_free(b);
            }
        iscg_funding *c;
        ck_assert_int_eq(iscg_funding_compute_part(NULL, whole, 2023, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EINVAL);
        ck_assert_int_eq(iscg_funding_compute_part(&c, whole, 2023, (iscg_daycount)99, &e), ISCG_EINVAL);
        iscg_funding_free(whole);
    }
    ck_assert_int_eq(iscg_funding_compute_part(NULL, NULL, 2023, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EINVAL);
    ck_assert_uint_gt(compared, 400);
}
END_TEST

/* SPLIT-1 with many sides: seventeen equal sides (past the plans kept on the
 * stack) share 170 001 cents, the first taking the cent left; a cap on the
 * remainder side is not applied (the remainder is what the others leave),
 * and a capped equal side says so in its explanation. */
START_TEST(test_split1_seventeen_equal_sides)
{
    iscg_allocation_rule first = ISCG_ALLOCATION_RULE_INIT;
    first.rounding = ISCG_ROUND_DOWN;
    first.policy = ISCG_REMAINDER_TO_FIRST;
    iscg_registry *r = plan_rounded(170001, ISCG_DAYCOUNT_MONTHS_WHOLE, first);
    iscg_error e;
    char id[16];
    for (int i = 0; i < 17; i++) {
        snprintf(id, sizeof id, "p%02d", i);
        ck_assert_int_eq(iscg_party_add(r, id, ISCG_PARTY_OTHER, id, ISCG_UNKNOWN, &e), 0);
        iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
        s.name = id;
        s.split = first;
        ck_assert_int_eq(iscg_convention_add_side(r, "c", &s, &e), 0);
        ck_assert_int_eq(iscg_convention_add_funder(r, "c", id, id, 1, &e), 0);
    }
    iscg_funding *f;
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_uint_eq(iscg_funding_row_count(f), 17);
    ck_assert_int_eq(amount_of(f, "p00"), 10001);
    ck_assert_int_eq(amount_of(f, "p16"), 10000);
    ck_assert_int_eq(iscg_funding_total(f), 170001);
    iscg_funding *part;
    ck_assert_int_eq(iscg_funding_compute_part(&part, f, 2023, ISCG_DAYCOUNT_ACT_365F, &e), 0);
    ck_assert_int_eq(iscg_funding_total(part), 170001);
    iscg_funding_free(part);
    iscg_funding_free(f);
    iscg_registry_free(r);

    /* a cap on the remainder is not applied; on an equal side it is, and explained */
    r = plan(EUR(30000), ISCG_DAYCOUNT_MONTHS_WHOLE);
    iscg_side_spec eq = ISCG_SIDE_SPEC_INIT;
    eq.name = "Etat";
    eq.cap = EUR(5000);
    eq.split = EURO_DOWN;
    iscg_side_spec rest = ISCG_SIDE_SPEC_INIT;
    rest.name = "CC";
    rest.rule = ISCG_SHARE_REMAINDER;
    rest.cap = EUR(1000);
    rest.split = EURO_DOWN;
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &eq, &e), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "c", &rest, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "Etat", "etat", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "c", "CC", "cc", 1, &e), 0);
    ck_assert_msg(iscg_funding_compute(&f, r, "c", &e) == 0, "%s", e.text);
    ck_assert_int_eq(amount_of(f, "etat"), EUR(5000));
    ck_assert_int_eq(amount_of(f, "cc"), EUR(25000));
    const iscg_explain *capped = iscg_explain_child(iscg_funding_explain(f), 0);
    ck_assert_str_eq(iscg_explain_text(iscg_explain_child(capped, 0)), "capped at 5\xe2\x80\xaf" "000\xc2\xa0\xe2\x82\xac");
    iscg_funding_free(f);
    ck_assert_int_eq(iscg_funding_compute_part(&f, NULL, 2023, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EINVAL);
    iscg_registry_free(r);
}
END_TEST

Suite *suite_funding(void)
{
    Suite *s = suite_create("funding");
    TCase *tc = tcase_create("cp2023");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_post1_post2_the_fourteen_posts);
    tcase_add_test(tc, test_pro5_work_time_reported_not_applied);
    tcase_add_test(tc, test_post3_party1_registry_errors);
    tcase_add_test(tc, test_split1_equal_thirds);
    tcase_add_test(tc, test_split2_fixed_and_remainder);
    tcase_add_test(tc, test_split3_departement_extra);
    tcase_add_test(tc, test_split4_split5_epci_subsplits);
    tcase_add_test(tc, test_split6_required_funders);
    tcase_add_test(tc, test_pro1_osartis_plan);
    tcase_add_test(tc, test_rcv3_pro3_bethune_payment);
    tcase_add_test(tc, test_rcv1_pro4_boulogne_absence);
    tcase_add_test(tc, test_rcv1_receivables_from_parts);
    tcase_add_test(tc, test_rcv1_add_part_any_order);
    tcase_add_test(tc, test_bud1_budget_line);
    tcase_add_test(tc, test_aud2_always_traced);
    tcase_add_test(tc, test_pro3_parts_from_the_whole);
    tcase_add_test(tc, test_bud2_credit_exceeded);
    tcase_add_test(tc, test_aud1_audit_findings);
    tcase_add_test(tc, test_aud2_explanations);
    tcase_add_test(tc, test_pro4_validate_absence_outside_convention);
    tcase_add_test(tc, test_validate_plans);
    tcase_add_test(tc, test_funding_bad_input);
    suite_add_tcase(s, tc);
    TCase *rules = tcase_create("rules");
    tcase_add_test(rules, test_split1_percentages);
    tcase_add_test(rules, test_split_cap);
    tcase_add_test(rules, test_split6_optional_side_left_unfunded);
    tcase_add_test(rules, test_split5_equal_split_drift);
    tcase_add_test(rules, test_aud1_unexpected_and_uncomputable);
    tcase_add_test(rules, test_rcv1_pro4_months_only);
    tcase_add_test(rules, test_rcv1_add_part_bad_input);
    tcase_add_test(rules, test_pro3_period_of_no_length);
    tcase_add_test(rules, test_pro3_rounding_up_leaves_nothing_to_take);
    tcase_add_test(rules, test_pro3_side_parts_that_overflow);
    tcase_add_test(rules, test_pro3_earlier_parts_that_overflow);
    tcase_add_test(rules, test_pro3_rows_total_that_overflows);
    tcase_add_test(rules, test_funding_readers_on_null);
    tcase_add_test(rules, test_bud1_bad_lines);
    tcase_add_test(rules, test_aud1_equal_claim_with_unknown_remainder);
    tcase_add_test(rules, test_round2_unnecessary_in_a_plan);
    tcase_add_test(rules, test_split2_prorated_shares_past_the_cost);
    tcase_add_test(rules, test_split3_annual_extras_prorated);
    tcase_add_test(rules, test_round3_to_party_out_of_range);
    tcase_add_test(rules, test_split6_many_withdrawn_named_and_counted);
    tcase_add_test(rules, test_split1_seventeen_equal_sides);
    tcase_add_test(rules, test_aud1_stated_amounts_that_overflow);
    suite_add_tcase(s, rules);
    return s;
}
