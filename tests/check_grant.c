/* SPDX-License-Identifier: Apache-2.0 */
/* Grants for several posts (SPLIT-8): a convention funding several posts,
 * its amounts split across them by equal parts, weights or fixed amounts
 * with the convention's rounding and remainder policy (SPLIT-4, SPLIT-5,
 * ROUND-3), each post's figures visible; the refusals; the file format. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

static const iscg_allocation_rule euro_down_lw = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_WEIGHT, 0,
                                                  ISCG_WEIGHTS_RAW};
static const iscg_allocation_rule cent_none = {ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};

/* An association carrying three posts and a fourth post of a commune;
 * convention "g" of 2024 with the given split, cost and rounding, the State
 * 40 % and the Département the rest; no post named yet. */
static iscg_registry *grant_registry(iscg_post_split split, iscg_cents cost, iscg_allocation_rule rounding)
{
    iscg_registry *r = NULL;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "asso", ISCG_PARTY_ASSOCIATION, "Association", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "ville", ISCG_PARTY_COMMUNE, "Ville", ISCG_UNKNOWN, NULL), 0);
    const char *ids[4] = {"p1", "p2", "p3", "p4"};
    for (int i = 0; i < 4; i++) {
        iscg_post_spec p = ISCG_POST_SPEC_INIT;
        p.id = ids[i];
        p.label = ids[i];
        p.carrier = i < 3 ? "asso" : "ville";
        ck_assert_int_eq(iscg_post_add(r, &p, NULL), 0);
    }
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "g";
    c.post = "p1";
    c.period = (iscg_period){{2024, 1, 1}, {2024, 12, 31}};
    c.cost = cost;
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = rounding;
    ck_assert_int_eq(iscg_convention_add(r, &c, NULL), 0);
    ck_assert_int_eq(iscg_convention_set_post_split(r, "g", split, NULL), 0);
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.split = cent_none;
    s.name = "FIPD";
    s.rule = ISCG_SHARE_PERCENT;
    s.value = 4000;
    ck_assert_int_eq(iscg_convention_add_side(r, "g", &s, NULL), 0);
    s.name = "CD";
    s.rule = ISCG_SHARE_REMAINDER;
    ck_assert_int_eq(iscg_convention_add_side(r, "g", &s, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "g", "FIPD", "etat", 1, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "g", "CD", "dept", 1, NULL), 0);
    return r;
}

/* Post pi's part of party's row in f. */
static iscg_cents part_of(const iscg_funding *f, size_t pi, const char *party)
{
    int row = iscg_funding_find(f, party);
    ck_assert_int_ge(row, 0);
    iscg_cents x = -1;
    ck_assert_int_eq(iscg_funding_post_share(&x, f, pi, (size_t)row), 0);
    return x;
}

static iscg_funding_post post_of(const iscg_funding *f, size_t i)
{
    iscg_funding_post p;
    ck_assert_int_eq(iscg_funding_post_get(&p, f, i), 0);
    return p;
}

/* SPLIT-8 by hand, on data/examples/association-three-posts.json: cost
 * 70 001 EUR; the State 40 % = 28 000.40, down to the euro: 28 000; the
 * Departement the rest, 42 001. Weights 2/1/1 (sum 4), down to the euro,
 * remainder to the largest weight:
 *   State 28 000 / 4 = 7 000: 14 000 / 7 000 / 7 000, nothing left;
 *   Departement 42 001 / 4 = 10 500.25: 21 000 / 10 500 / 10 500, 1 EUR
 *   left, to the weight 2: 21 001;
 *   cost 70 001: 35 000 + 1 / 17 500 / 17 500.
 * Per post: 35 001 / 17 500 / 17 500, which sum to the plan's 70 001. */
START_TEST(test_split8_example_by_hand)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/examples/association-three-posts.json", top ? top : ".");
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_file(&ds, path, &e) == 0, "%s", e.text);
    const iscg_registry *r = iscg_dataset_registry(ds);
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "asso-2024", &e), 0);
    ck_assert_int_eq(iscg_funding_total(f), EUR(70001));
    ck_assert_int_eq(iscg_funding_post_count(f), 3);
    const char *ids[3] = {"isc-nord", "isc-sud", "isg-est"};
    const iscg_cents etat[3] = {EUR(14000), EUR(7000), EUR(7000)};
    const iscg_cents dept[3] = {EUR(21001), EUR(10500), EUR(10500)};
    const iscg_cents cost[3] = {EUR(35001), EUR(17500), EUR(17500)};
    const int64_t weight[3] = {2, 1, 1};
    iscg_cents sum_e = 0, sum_d = 0;
    for (size_t i = 0; i < 3; i++) {
        iscg_funding_post p = post_of(f, i);
        ck_assert_str_eq(p.post, ids[i]);
        ck_assert_int_eq(p.value, weight[i]);
        ck_assert_int_eq(part_of(f, i, "etat"), etat[i]);
        ck_assert_int_eq(part_of(f, i, "dept"), dept[i]);
        ck_assert_int_eq(p.cost, cost[i]);
        ck_assert_int_eq(p.amount, etat[i] + dept[i]);
        ck_assert_str_eq(iscg_explain_rule(p.explain), "SPLIT-8");
        ck_assert_int_eq(iscg_explain_child_count(p.explain), 2);
        sum_e += etat[i];
        sum_d += dept[i];
    }
    /* exact: per party the posts' parts sum to its amount, no drift */
    ck_assert_int_eq(sum_e, EUR(28000));
    ck_assert_int_eq(sum_d, EUR(42001));
    for (size_t row = 0; row < iscg_funding_row_count(f); row++)
        ck_assert_int_eq(iscg_funding_post_drift(f, row), 0);
    /* the explanation says it, in the trace kind of its own */
    char text[4096];
    ck_assert_int_gt(iscg_explain_render(text, sizeof text, iscg_funding_explain(f)), 0);
    ck_assert_ptr_nonnull(strstr(text, "post isc-nord (ISC Nord (full time)): 35\xe2\x80\xaf" "001"));
    ck_assert_ptr_nonnull(strstr(text, "for post isc-sud: 10\xe2\x80\xaf" "500"));
    size_t nsplit = 0;
    for (size_t i = 0; i < iscg_funding_trace_count(f); i++) {
        iscg_trace_record rec;
        ck_assert_int_eq(iscg_funding_trace_get(&rec, f, i), 0);
        if (rec.kind == ISCG_TRACE_POST_SPLIT) {
            nsplit++;
            ck_assert_ptr_nonnull(rec.post);
            ck_assert_str_eq(rec.rule, "SPLIT-8");
            ck_assert_int_eq(rec.value, ISCG_POST_SPLIT_WEIGHTS);
        }
    }
    ck_assert_int_eq(nsplit, 3 + 3 * 2);
    ck_assert_str_eq(iscg_trace_kind_name(ISCG_TRACE_POST_SPLIT), "POST_SPLIT");
    /* the convention lists its posts */
    const char *id = NULL;
    int64_t v = 0;
    ck_assert_int_eq(iscg_convention_post_count(r, "asso-2024"), 3);
    ck_assert_int_eq(iscg_convention_post_get(&id, &v, r, "asso-2024", 2), 0);
    ck_assert_str_eq(id, "isg-est");
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(iscg_convention_post_get(&id, &v, r, "asso-2024", 3), ISCG_EINVAL);
    ck_assert_int_eq(iscg_convention_post_get(&id, &v, r, "nope", 0), ISCG_ENOTFOUND);
    iscg_convention_spec spec;
    ck_assert_int_eq(iscg_convention_get(&spec, r, "asso-2024", NULL), 0);
    ck_assert_int_eq(iscg_convention_post_split(r, "asso-2024"), ISCG_POST_SPLIT_WEIGHTS);
    ck_assert_int_eq(iscg_convention_post_split(r, "nope"), ISCG_POST_SPLIT_NONE);
    ck_assert_str_eq(spec.post, "isc-nord");
    iscg_funding_free(f);

    /* save, load: the same figures */
    char *text2 = NULL;
    ck_assert_int_eq(iscg_dataset_save_string(&text2, ds, &e), 0);
    ck_assert_ptr_nonnull(strstr(text2, "\"post_split\": \"WEIGHTS\""));
    iscg_dataset *back = NULL;
    ck_assert_msg(iscg_dataset_load_string(&back, text2, "saved", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_compute(&f, iscg_dataset_registry(back), "asso-2024", &e), 0);
    ck_assert_int_eq(iscg_funding_post_count(f), 3);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_str_eq(post_of(f, i).post, ids[i]);
        ck_assert_int_eq(part_of(f, i, "etat"), etat[i]);
        ck_assert_int_eq(part_of(f, i, "dept"), dept[i]);
        ck_assert_int_eq(post_of(f, i).cost, cost[i]);
    }
    iscg_funding_free(f);
    iscg_dataset_free(back);
    free(text2);
    iscg_dataset_free(ds);
}
END_TEST

/* SPLIT-8 with equal parts, to the cent, remainder NONE (SPLIT-5): the State's
 * 40 % of 1 000.00 = 400.00 in three: 133.33 each, 0.01 of drift, explicit;
 * the Departement's 600.00: 200.00 each. */
START_TEST(test_split8_equal_drift)
{
    iscg_registry *r = grant_registry(ISCG_POST_SPLIT_EQUAL, EUR(1000), cent_none);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", 0, NULL), 0); /* EQUAL: the value is ignored */
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", 7, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p3", 0, NULL), 0);
    iscg_funding *f = NULL;
    iscg_error e;
    ck_assert_msg(iscg_funding_compute(&f, r, "g", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_post_count(f), 3);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(post_of(f, i).value, 1);
        ck_assert_int_eq(part_of(f, i, "etat"), 13333);
        ck_assert_int_eq(part_of(f, i, "dept"), 20000);
    }
    ck_assert_int_eq(iscg_funding_post_drift(f, (size_t)iscg_funding_find(f, "etat")), 1);
    ck_assert_int_eq(iscg_funding_post_drift(f, (size_t)iscg_funding_find(f, "dept")), 0);
    ck_assert_int_eq(iscg_funding_post_drift(f, 99), 0);
    char text[4096];
    ck_assert_int_gt(iscg_explain_render(text, sizeof text, iscg_funding_explain(f)), 0);
    ck_assert_ptr_nonnull(strstr(text, "[SPLIT-5] drift: 0,01"));
    /* out of range */
    iscg_cents x;
    iscg_funding_post fp;
    ck_assert_int_eq(iscg_funding_post_share(&x, f, 3, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_share(&x, f, 0, 9), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_share(NULL, f, 0, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_get(&fp, f, 3), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_get(NULL, f, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_count(NULL), 0);
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-8 with fixed amounts: 600 + 300 + 100 = 1 000 EUR of cost; each
 * party's amount in the same proportions: the State's 400: 240/120/40. A
 * year's part (PRO-3) is split the same way. */
START_TEST(test_split8_fixed_and_year)
{
    iscg_registry *r = grant_registry(ISCG_POST_SPLIT_FIXED, EUR(1000), euro_down_lw);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", EUR(300), NULL), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", EUR(600), NULL), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p3", EUR(100), NULL), 0);
    iscg_error e;
    ck_assert_int_eq(iscg_registry_validate(r, &e), 0);
    iscg_funding *f = NULL;
    ck_assert_msg(iscg_funding_compute(&f, r, "g", &e) == 0, "%s", e.text);
    ck_assert_str_eq(post_of(f, 0).post, "p2");
    ck_assert_int_eq(post_of(f, 0).cost, EUR(300));
    ck_assert_int_eq(post_of(f, 1).cost, EUR(600));
    ck_assert_int_eq(post_of(f, 2).cost, EUR(100));
    ck_assert_int_eq(part_of(f, 0, "etat"), EUR(120));
    ck_assert_int_eq(part_of(f, 1, "etat"), EUR(240));
    ck_assert_int_eq(part_of(f, 2, "etat"), EUR(40));
    ck_assert_int_eq(part_of(f, 1, "dept"), EUR(360));
    iscg_funding_free(f);
    /* the part of 2024 is the whole year: the same split */
    ck_assert_int_eq(iscg_funding_compute_year(&f, r, "g", 2024, ISCG_DAYCOUNT_MONTHS_WHOLE, &e), 0);
    ck_assert_int_eq(iscg_funding_post_count(f), 3);
    ck_assert_int_eq(part_of(f, 1, "dept"), EUR(360));
    ck_assert_int_eq(post_of(f, 2).amount, EUR(100));
    iscg_funding_free(f);
    /* a scenario: the State withdraws from 1 July, the Departement takes over;
     * the split follows each row */
    iscg_scenario *s = NULL;
    ck_assert_int_eq(iscg_scenario_new(&s), 0);
    iscg_whatif w = ISCG_WHATIF_INIT;
    w.kind = ISCG_WHATIF_WITHDRAW;
    w.convention = "g";
    w.party = "etat";
    w.replacement = "dept";
    w.from = (iscg_date){2024, 7, 1};
    ck_assert_int_eq(iscg_scenario_add(s, &w, NULL), 0);
    ck_assert_msg(iscg_funding_compute_scenario(&f, r, s, "g", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_row_count(f), 3);
    iscg_cents total = 0;
    for (size_t i = 0; i < 3; i++)
        total += post_of(f, i).amount;
    ck_assert_int_eq(total, EUR(1000));
    ck_assert_int_eq(post_of(f, 1).amount, EUR(600));
    iscg_funding_free(f);
    iscg_scenario_free(s);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-8 with a cost no document states (SPLIT-2): a FIXED side of
 * 1 000 EUR split in equal parts, 500 / 500; each post's part of the cost
 * stays unknown. Results without a grant have no posts to give. */
START_TEST(test_split8_unknown_cost_and_one_post)
{
    iscg_registry *r = NULL;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "asso", ISCG_PARTY_ASSOCIATION, "Association", ISCG_UNKNOWN, NULL), 0);
    const char *ids[2] = {"p1", "p2"};
    for (int i = 0; i < 2; i++) {
        iscg_post_spec p = ISCG_POST_SPEC_INIT;
        p.id = ids[i];
        p.label = ids[i];
        p.carrier = "asso";
        ck_assert_int_eq(iscg_post_add(r, &p, NULL), 0);
    }
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.period = (iscg_period){{2024, 1, 1}, {2024, 12, 31}};
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = euro_down_lw;
    c.id = "one";
    c.post = "p1";
    c.cost = EUR(1000);
    ck_assert_int_eq(iscg_convention_add(r, &c, NULL), 0);
    c.id = "g";
    c.cost = ISCG_UNKNOWN;
    ck_assert_int_eq(iscg_convention_add(r, &c, NULL), 0);
    ck_assert_int_eq(iscg_convention_set_post_split(r, "g", ISCG_POST_SPLIT_EQUAL, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", 1, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", 1, NULL), 0);
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.split = cent_none;
    s.name = "FIPD";
    s.rule = ISCG_SHARE_FIXED;
    s.value = EUR(1000);
    ck_assert_int_eq(iscg_convention_add_side(r, "g", &s, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_side(r, "one", &s, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "g", "FIPD", "etat", 1, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "one", "FIPD", "etat", 1, NULL), 0);
    iscg_error e;
    iscg_funding *f = NULL;
    ck_assert_msg(iscg_funding_compute(&f, r, "g", &e) == 0, "%s", e.text);
    ck_assert_int_eq(iscg_funding_post_count(f), 2);
    for (size_t i = 0; i < 2; i++) {
        ck_assert_int_eq(post_of(f, i).cost, ISCG_UNKNOWN);
        ck_assert_int_eq(post_of(f, i).amount, EUR(500));
        ck_assert_int_eq(part_of(f, i, "etat"), EUR(500));
    }
    iscg_funding_free(f);
    /* a convention of one post: no posts, whatever is asked */
    ck_assert_msg(iscg_funding_compute(&f, r, "one", &e) == 0, "%s", e.text);
    iscg_funding_post fp;
    iscg_cents x;
    ck_assert_uint_eq(iscg_funding_post_count(f), 0);
    ck_assert_int_eq(iscg_funding_post_get(&fp, f, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_share(&x, f, 0, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_drift(f, 0), 0);
    ck_assert_int_eq(iscg_funding_post_get(&fp, NULL, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_share(&x, NULL, 0, 0), ISCG_EINVAL);
    ck_assert_int_eq(iscg_funding_post_drift(NULL, 0), 0);
    iscg_funding_free(f);
    iscg_registry_free(r);
}
END_TEST

/* SPLIT-8 refusals, each with its sentence: no grant on a single-post
 * convention, an unknown post, a post twice, a negative value, another
 * carrier's post; when checking: one post only, the convention's own post
 * missing, weights all zero, fixed amounts off the cost (the gap in euros),
 * fixed amounts with no cost. */
START_TEST(test_split8_refusals)
{
    iscg_error e;
    /* a convention of one post takes no posts */
    iscg_registry *r = grant_registry(ISCG_POST_SPLIT_NONE, EUR(1000), euro_down_lw);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", 1, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "funds one post"));
    ck_assert_int_eq(iscg_convention_post_count(r, "g"), 0);
    iscg_funding *f = NULL;
    ck_assert_int_eq(iscg_funding_compute(&f, r, "g", &e), 0);
    ck_assert_int_eq(iscg_funding_post_count(f), 0); /* one post: no split */
    ck_assert_int_eq(iscg_funding_post_drift(f, 0), 0);
    iscg_funding_free(f);
    iscg_registry_free(r);

    r = grant_registry(ISCG_POST_SPLIT_WEIGHTS, EUR(1000), euro_down_lw);
    ck_assert_int_eq(iscg_convention_add_post(r, "nope", "p1", 1, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p9", 1, &e), ISCG_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(e.text, "post p9 is not known"));
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", -1, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "weight -1 is negative"));
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p4", 1, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "carried by ville"));
    /* a split across one post makes no sense */
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", 0, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "a WEIGHTS split across 1 post makes no sense"));
    ck_assert_int_eq(iscg_funding_compute(&f, r, "g", &e), ISCG_EINVAL);
    ck_assert_str_eq(e.source, "g");
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", 1, &e), ISCG_EDUPLICATE);
    ck_assert_ptr_nonnull(strstr(e.text, "names post p2 twice"));
    /* two posts, but not the convention's own */
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p3", 0, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "its post p1 is not among"));
    /* weights all zero */
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", 0, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_EWEIGHTS);
    ck_assert_ptr_nonnull(strstr(e.text, "weights are all zero"));
    ck_assert_int_eq(iscg_funding_compute(&f, r, "g", &e), ISCG_EWEIGHTS);
    /* once frozen, no more posts */
    ck_assert_int_eq(iscg_registry_freeze(r), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", 1, &e), ISCG_ESTATE);
    iscg_registry_free(r);

    /* fixed amounts that fall short of the cost, or exceed it: the gap in euros */
    r = grant_registry(ISCG_POST_SPLIT_FIXED, EUR(1000), euro_down_lw);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", EUR(600), &e), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", EUR(300), &e), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p3", -5, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "fixed amount -5 is negative"));
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_ERANGE);
    ck_assert_ptr_nonnull(strstr(e.text, "fall short of the cost (1\xe2\x80\xaf" "000\xc2\xa0\xe2\x82\xac) by 100"));
    ck_assert_int_eq(iscg_funding_compute(&f, r, "g", &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p3", EUR(200), &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_ERANGE);
    ck_assert_ptr_nonnull(strstr(e.text, "exceed the cost"));
    ck_assert_ptr_nonnull(strstr(e.text, "by 100"));
    iscg_registry_free(r);

    /* fixed amounts and no stated cost */
    r = grant_registry(ISCG_POST_SPLIT_FIXED, ISCG_UNKNOWN, euro_down_lw);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", EUR(600), &e), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", EUR(300), &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, r, "g", &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "need a known cost"));
    iscg_registry_free(r);

    /* weights past 64 bits; a remainder policy the split cannot follow */
    r = grant_registry(ISCG_POST_SPLIT_WEIGHTS, EUR(1000), euro_down_lw);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", INT64_MAX, &e), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", INT64_MAX, &e), 0);
    ck_assert_int_eq(iscg_registry_validate(r, &e), ISCG_EOVERFLOW);
    ck_assert_ptr_nonnull(strstr(e.text, "weights overflow"));
    iscg_registry_free(r);
    iscg_allocation_rule to_party = euro_down_lw;
    to_party.policy = ISCG_REMAINDER_TO_PARTY;
    to_party.party = 5; /* past the two posts */
    r = grant_registry(ISCG_POST_SPLIT_EQUAL, EUR(1001), to_party);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", 1, &e), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", 1, &e), 0);
    ck_assert_int_eq(iscg_funding_compute(&f, r, "g", &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "the split of the cost across its posts"));
    ck_assert_str_eq(e.source, "g");
    iscg_registry_free(r);

    /* a post split outside the enum; back to NONE once posts are named */
    r = grant_registry(ISCG_POST_SPLIT_EQUAL, EUR(1000), euro_down_lw);
    ck_assert_int_eq(iscg_convention_set_post_split(r, "g", (iscg_post_split)ISCG_POST_SPLIT_COUNT, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "post split"));
    ck_assert_int_eq(iscg_convention_set_post_split(r, "nope", ISCG_POST_SPLIT_EQUAL, &e), ISCG_ENOTFOUND);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", 0, &e), 0);
    ck_assert_int_eq(iscg_convention_set_post_split(r, "g", ISCG_POST_SPLIT_NONE, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "cannot be NONE"));
    ck_assert_int_eq(iscg_convention_set_post_split(r, "g", ISCG_POST_SPLIT_WEIGHTS, &e), 0);
    iscg_registry_free(r);
    iscg_post_split ps = ISCG_POST_SPLIT_NONE;
    ck_assert_str_eq(iscg_post_split_name(ISCG_POST_SPLIT_FIXED), "FIXED");
    ck_assert_int_eq(iscg_post_split_parse(&ps, "weights", NULL), 0);
    ck_assert_int_eq(ps, ISCG_POST_SPLIT_WEIGHTS);
    ck_assert_int_eq(iscg_post_split_parse(&ps, "halves", NULL), ISCG_EPARSE);
}
END_TEST

/* A minimal grant in a file, with one thing changed by the caller. */
static int load_grant(const char *split, const char *posts, const char *post_line, iscg_error *e)
{
    char text[4096];
    snprintf(text, sizeof text,
             "{\"format\": \"iscg-dataset\", \"version\": 1,\n"
             "\"parties\": [{\"id\": \"etat\", \"kind\": \"STATE\", \"name\": \"Etat\"},\n"
             "  {\"id\": \"asso\", \"kind\": \"ASSOCIATION\", \"name\": \"Asso\"}],\n"
             "\"posts\": [{\"id\": \"a\", \"label\": \"A\", \"kind\": \"ISC\", \"carrier\": \"asso\"},\n"
             "  {\"id\": \"b\", \"label\": \"B\", \"kind\": \"ISC\", \"carrier\": \"asso\"}],\n"
             "\"conventions\": [{\"id\": \"g\", %s\"start\": \"2024-01-01\", \"end\": \"2024-12-31\",\n"
             "  \"cost\": \"100.00\", \"daycount\": \"MONTHS_WHOLE\",\n"
             "  \"rounding\": {\"unit\": \"CENT\", \"mode\": \"DOWN\", \"remainder\": \"TO_FIRST\"},\n"
             "  %s%s\n"
             "  \"sides\": [{\"name\": \"FIPD\", \"rule\": \"REMAINDER\",\n"
             "    \"split\": {\"unit\": \"CENT\", \"mode\": \"DOWN\", \"remainder\": \"NONE\"},\n"
             "    \"funders\": [{\"party\": \"etat\"}]}]}]}\n",
             post_line, split, posts);
    iscg_dataset *ds = NULL;
    int rc = iscg_dataset_load_string(&ds, text, "grant.json", e);
    if (rc == 0) {
        iscg_funding *f = NULL;
        rc = iscg_funding_compute(&f, iscg_dataset_registry(ds), "g", e);
        if (rc == 0)
            rc = (int)iscg_funding_post_count(f);
        iscg_funding_free(f);
    }
    iscg_dataset_free(ds);
    return rc;
}

/* SPLIT-8 in the file: "post_split" and "posts" read, "post" optional when
 * "posts" names the first; every refusal with file:line:column. */
START_TEST(test_split8_file)
{
    iscg_error e;
    /* "post" left out: the first of "posts" */
    ck_assert_msg(load_grant("\"post_split\": \"FIXED\",", "\"posts\": [{\"post\": \"a\", \"amount\": \"70.00\"}, "
                                                          "{\"post\": \"b\", \"amount\": \"30.00\"}],",
                             "", &e) == 2,
                  "%s", e.text);
    ck_assert_int_eq(load_grant("\"post_split\": \"EQUAL\",", "\"posts\": [{\"post\": \"b\"}, {\"post\": \"a\"}],",
                                "\"post\": \"a\",", &e),
                     2);
    /* posts on a convention of one post */
    ck_assert_int_eq(load_grant("", "\"posts\": [{\"post\": \"a\"}, {\"post\": \"b\"}],", "", &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "funds one post"));
    ck_assert_int_eq(e.line, 9); /* the line of "posts" */
    ck_assert_int_gt(e.column, 0);
    /* fixed amounts off the cost */
    ck_assert_int_eq(load_grant("\"post_split\": \"FIXED\",", "\"posts\": [{\"post\": \"a\", \"amount\": \"70.00\"}, "
                                                             "{\"post\": \"b\", \"amount\": \"20.00\"}],",
                                "", &e),
                     ISCG_ERANGE);
    ck_assert_ptr_nonnull(strstr(e.text, "by 10"));
    ck_assert_str_eq(e.source, "grant.json");
    ck_assert_int_gt(e.line, 0);
    /* a single post */
    ck_assert_int_eq(load_grant("\"post_split\": \"WEIGHTS\",", "\"posts\": [{\"post\": \"a\", \"weight\": 1}],", "",
                                &e),
                     ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "makes no sense"));
    /* a post twice, an unknown post, a bad split's name, neither post nor posts */
    ck_assert_int_eq(load_grant("\"post_split\": \"EQUAL\",", "\"posts\": [{\"post\": \"a\"}, {\"post\": \"a\"}],", "",
                                &e),
                     ISCG_EDUPLICATE);
    ck_assert_int_eq(load_grant("\"post_split\": \"EQUAL\",", "\"posts\": [{\"post\": \"a\"}, {\"post\": \"z\"}],", "",
                                &e),
                     ISCG_ENOTFOUND);
    ck_assert_int_eq(load_grant("\"post_split\": \"HALVES\",", "\"posts\": [{\"post\": \"a\"}, {\"post\": \"b\"}],", "",
                                &e),
                     ISCG_EPARSE);
    ck_assert_int_eq(load_grant("\"post_split\": \"EQUAL\",", "\"posts\": [],", "", &e), ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "\"posts\" naming its first post"));
    /* "posts" that name no first post: not a list, a first item that is not
     * an object, or one without a post's identifier */
    ck_assert_int_eq(load_grant("\"post_split\": \"EQUAL\",", "\"posts\": 3,", "", &e), ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "\"posts\" naming its first post"));
    ck_assert_int_eq(load_grant("\"post_split\": \"EQUAL\",", "\"posts\": [\"a\", \"b\"],", "", &e), ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "\"posts\" naming its first post"));
    ck_assert_int_eq(load_grant("\"post_split\": \"EQUAL\",", "\"posts\": [{\"weight\": 1}, {\"post\": \"b\"}],", "", &e),
                     ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "\"posts\" naming its first post"));
    ck_assert_int_eq(load_grant("\"post_split\": \"WEIGHTS\",", "\"posts\": [{\"post\": \"a\", \"weight\": -2}, {\"post\": \"b\"}],",
                                "", &e),
                     ISCG_ERANGE);
}
END_TEST

/* SPLIT-8 and PRO-4: a grant's claims (RCV-1) are each post's part of each
 * co-funder's share, reduced for that post's own absences. The Sud post is
 * vacant in June (1 month of 12, MONTHS_WHOLE), so its parts are claimed for
 * 11/12, down to the euro: the State's 7 000 * 11/12 = 6 416.67 -> 6 416; the
 * Departement's 10 500 * 11/12 = 9 625. The other posts' parts in full. */
START_TEST(test_split8_receivables)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/examples/association-three-posts.json", top ? top : ".");
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_file(&ds, path, &e) == 0, "%s", e.text);
    iscg_receivables *rv = NULL;
    ck_assert_int_eq(iscg_receivables_compute(&rv, iscg_dataset_registry(ds), "asso", 2024, &e), 0);
    ck_assert_int_eq(iscg_receivables_count(rv), 6);
    const char *post[6] = {"isc-nord", "isc-sud", "isg-est", "isc-nord", "isc-sud", "isg-est"};
    const char *debtor[6] = {"etat", "etat", "etat", "dept", "dept", "dept"};
    const iscg_cents share[6] = {EUR(14000), EUR(7000), EUR(7000), EUR(21001), EUR(10500), EUR(10500)};
    const iscg_cents amount[6] = {EUR(14000), EUR(6416), EUR(7000), EUR(21001), EUR(9625), EUR(10500)};
    for (size_t i = 0; i < 6; i++) {
        iscg_receivable c;
        ck_assert_int_eq(iscg_receivables_get(&c, rv, i), 0);
        ck_assert_str_eq(c.post, post[i]);
        ck_assert_str_eq(c.debtor, debtor[i]);
        ck_assert_int_eq(c.share, share[i]);
        ck_assert_int_eq(c.amount, amount[i]);
        ck_assert_int_eq(c.absent.num, i % 3 == 1 ? 1 : 0);
    }
    ck_assert_int_eq(iscg_receivables_total(rv), EUR(27416) + EUR(41126));
    iscg_receivables_free(rv);
    iscg_dataset_free(ds);
}
END_TEST

/* SPLIT-8 in the report layer: each post's part of each row, in the year
 * view and the whole-period view; a grant's posts each find it. */
START_TEST(test_split8_report)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/examples/association-three-posts.json", top ? top : ".");
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_msg(iscg_dataset_load_file(&ds, path, &e) == 0, "%s", e.text);
    const iscg_registry *r = iscg_dataset_registry(ds);
    for (int year = 0; year <= 2024; year += 2024) {
        iscg_report_funding *rf = NULL;
        ck_assert_int_eq(iscg_report_funding_compute(&rf, r, NULL, year, &e), 0);
        ck_assert_int_eq(iscg_report_funding_row_count(rf), 2);
        ck_assert_int_eq(iscg_report_funding_post_row_count(rf), 6);
        iscg_report_funding_post_row x;
        ck_assert_int_eq(iscg_report_funding_post_row_get(&x, rf, 1), 0);
        ck_assert_str_eq(x.post, "isc-nord");
        ck_assert_str_eq(x.convention, "asso-2024");
        ck_assert_str_eq(x.funder.party, "dept");
        ck_assert_int_eq(x.funder.amount, EUR(42001));
        ck_assert_int_eq(x.amount, EUR(21001));
        ck_assert_int_eq(x.post_cost, EUR(35001));
        ck_assert_int_eq(iscg_report_funding_post_row_get(&x, rf, 4), 0);
        ck_assert_str_eq(x.post, "isg-est");
        ck_assert_str_eq(x.post_label, "ISG Est (half time)");
        ck_assert_int_eq(x.amount, EUR(7000));
        ck_assert_int_eq(iscg_report_funding_post_row_get(&x, rf, 6), ISCG_EINVAL);
        ck_assert_int_eq(iscg_report_funding_post_row_get(NULL, rf, 0), ISCG_EINVAL);
        iscg_report_funding_free(rf);
    }
    ck_assert_int_eq(iscg_report_funding_post_row_count(NULL), 0);
    /* each post of the grant finds it */
    iscg_report_funding *rf = NULL;
    ck_assert_int_eq(iscg_report_funding_of_post(&rf, r, NULL, "isg-est", 2024, &e), 0);
    ck_assert_int_eq(iscg_report_funding_convention_count(rf), 1);
    iscg_report_funding_free(rf);
    iscg_dataset_free(ds);
}
END_TEST

/* SPLIT-8: each row is split across the posts on its own. Rounded UP to a
 * unit far larger than the rows, the remainder to the first post, every row
 * gives the second post the whole unit (5e18 cents) and the first what is
 * left of the row (the row less 5e18): two rows' parts add past 64-bit cents,
 * and the grant is refused with a sentence naming the post. */
START_TEST(test_split8_post_parts_that_overflow)
{
    const iscg_allocation_rule huge = {INT64_C(5000000000000000000), ISCG_ROUND_UP, ISCG_REMAINDER_TO_FIRST, 0,
                                       ISCG_WEIGHTS_RAW};
    iscg_registry *r = NULL;
    ck_assert_int_eq(iscg_registry_new(&r), 0);
    ck_assert_int_eq(iscg_party_add(r, "etat", ISCG_PARTY_STATE, "Etat", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "dept", ISCG_PARTY_DEPARTEMENT, "Departement", ISCG_UNKNOWN, NULL), 0);
    ck_assert_int_eq(iscg_party_add(r, "asso", ISCG_PARTY_ASSOCIATION, "Association", ISCG_UNKNOWN, NULL), 0);
    const char *ids[2] = {"p1", "p2"};
    for (int i = 0; i < 2; i++) {
        iscg_post_spec p = ISCG_POST_SPEC_INIT;
        p.id = p.label = ids[i];
        p.carrier = "asso";
        ck_assert_int_eq(iscg_post_add(r, &p, NULL), 0);
    }
    iscg_convention_spec c = ISCG_CONVENTION_SPEC_INIT;
    c.id = "g";
    c.post = "p1";
    c.period = (iscg_period){{2024, 1, 1}, {2024, 12, 31}};
    c.cost = EUR(10);
    c.daycount = ISCG_DAYCOUNT_MONTHS_WHOLE;
    c.rounding = huge;
    ck_assert_int_eq(iscg_convention_add(r, &c, NULL), 0);
    ck_assert_int_eq(iscg_convention_set_post_split(r, "g", ISCG_POST_SPLIT_EQUAL, NULL), 0);
    iscg_side_spec s = ISCG_SIDE_SPEC_INIT;
    s.split = cent_none;
    s.name = "FIPD"; /* fixed amounts: not rounded to the convention's unit */
    s.rule = ISCG_SHARE_FIXED;
    s.value = EUR(4);
    ck_assert_int_eq(iscg_convention_add_side(r, "g", &s, NULL), 0);
    s.name = "CD";
    s.value = EUR(6);
    ck_assert_int_eq(iscg_convention_add_side(r, "g", &s, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "g", "FIPD", "etat", 1, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_funder(r, "g", "CD", "dept", 1, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p1", 0, NULL), 0);
    ck_assert_int_eq(iscg_convention_add_post(r, "g", "p2", 0, NULL), 0);
    iscg_funding *f = NULL;
    iscg_error e;
    int rc = iscg_funding_compute(&f, r, "g", &e);
    ck_assert_msg(rc == ISCG_EOVERFLOW, "%d %s", rc, e.text);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(e.source, "g");
    ck_assert_msg(strstr(e.text, "convention g: the parts of post p1 overflow 64-bit cents"), "%s", e.text);
    iscg_registry_free(r);
}
END_TEST

Suite *suite_grant(void)
{
    Suite *s = suite_create("grant");
    TCase *tc = tcase_create("SPLIT-8");
    tcase_add_test(tc, test_split8_example_by_hand);
    tcase_add_test(tc, test_split8_equal_drift);
    tcase_add_test(tc, test_split8_fixed_and_year);
    tcase_add_test(tc, test_split8_unknown_cost_and_one_post);
    tcase_add_test(tc, test_split8_refusals);
    tcase_add_test(tc, test_split8_file);
    tcase_add_test(tc, test_split8_report);
    tcase_add_test(tc, test_split8_receivables);
    tcase_add_test(tc, test_split8_post_parts_that_overflow);
    suite_add_tcase(s, tc);
    return s;
}
