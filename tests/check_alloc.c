/* SPDX-License-Identifier: Apache-2.0 */
/* Allocation by weights: SPLIT-4, SPLIT-5, ROUND-3. */
#include <stdint.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

static const iscg_allocation_rule euro_down_largest_weight = {
    ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_LARGEST_WEIGHT, 0, ISCG_WEIGHTS_BASIS_POINTS};

/* SPLIT-4 / ROUND-3: Montreuillois (annex 17), EPCI side 12 375 euros by
 * 21.20 / 15.34 / 63.46 %, truncated to the euro, remainder to the largest weight. */
START_TEST(test_split4_montreuillois)
{
    const int64_t w[3] = {2120, 1534, 6346};
    iscg_cents s[3], drift = -1;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(12375), w, 3, &euro_down_largest_weight, NULL), 0);
    ck_assert_int_eq(s[0], EUR(2623));
    ck_assert_int_eq(s[1], EUR(1898));
    ck_assert_int_eq(s[2], EUR(7854));
    ck_assert_int_eq(drift, 0);
}
END_TEST

/* SPLIT-4 / ROUND-3: Audomarois (annex 16), 11 853 euros by 81.32 / 18.68 %. */
START_TEST(test_split4_audomarois)
{
    const int64_t w[2] = {8132, 1868};
    iscg_cents s[2], drift = -1;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(11853), w, 2, &euro_down_largest_weight, NULL), 0);
    ck_assert_int_eq(s[0], EUR(9639));
    ck_assert_int_eq(s[1], EUR(2214));
    ck_assert_int_eq(drift, 0);
}
END_TEST

/* SPLIT-4 / SPLIT-5 / ROUND-3: Le Portel, 19 348 euros in three equal parts,
 * truncated, remainder dropped: 3 x 6 449 and one euro of drift, returned. */
START_TEST(test_split5_le_portel_drift)
{
    const int64_t w[3] = {1, 1, 1};
    const iscg_allocation_rule none = {ISCG_EURO, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};
    iscg_cents s[3], drift = 0;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(19348), w, 3, &none, NULL), 0);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(s[i], EUR(6449));
    ck_assert_int_eq(drift, EUR(1));
    /* the drift is never hidden: no place to return it is an error */
    iscg_error e;
    ck_assert_int_eq(iscg_allocate(s, NULL, EUR(19348), w, 3, &none, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "drift");
    /* an exact split needs no place for a drift */
    ck_assert_int_eq(iscg_allocate(s, NULL, EUR(19347), w, 3, &none, NULL), 0);
    /* every other policy sums exactly (SPLIT-5) */
    for (int p = ISCG_REMAINDER_NONE + 1; p <= ISCG_REMAINDER_POLICY_COUNT; p++) {
        iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
        r.unit = ISCG_EURO;
        r.rounding = ISCG_ROUND_DOWN;
        r.policy = (iscg_remainder_policy)p;
        r.party = 2;
        iscg_cents total;
        ck_assert_int_eq(iscg_allocate(s, &drift, EUR(19348), w, 3, &r, NULL), 0);
        ck_assert_int_eq(iscg_money_sum(&total, s, 3), 0);
        ck_assert_int_eq(total, EUR(19348));
        ck_assert_int_eq(drift, 0);
    }
}
END_TEST

/* ROUND-3 / AUD-1 background: Calais-Saint-Omer (annex 15), 12 220 euros by
 * 41.78 / 45.27 / 12.95 %. Annex 2 prints 5 095 / 5 536 / 1 588: no rounding
 * mode and no remainder policy gives it. */
START_TEST(test_round3_calais_saint_omer_unreachable)
{
    const int64_t w[3] = {4178, 4527, 1295};
    const iscg_cents annex2[3] = {EUR(5095), EUR(5536), EUR(1588)};
    int tried = 0;
    for (int mode = ISCG_ROUND_DOWN; mode < ISCG_ROUND_UNNECESSARY; mode++) {
        for (int p = ISCG_REMAINDER_NONE; p <= ISCG_REMAINDER_POLICY_COUNT; p++) {
            for (size_t party = 0; party < 3; party++) {
                iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
                r.unit = ISCG_EURO;
                r.rounding = (iscg_rounding)mode;
                r.policy = (iscg_remainder_policy)p;
                r.party = party;
                r.weights = ISCG_WEIGHTS_BASIS_POINTS;
                iscg_cents s[3], drift;
                ck_assert_int_eq(iscg_allocate(s, &drift, EUR(12220), w, 3, &r, NULL), 0);
                ck_assert_msg(memcmp(s, annex2, sizeof s) != 0, "%s/%s reproduced annex 2",
                              iscg_rounding_name(r.rounding), iscg_remainder_policy_name(r.policy));
                tried++;
            }
        }
    }
    const int combinations = 7 * ISCG_REMAINDER_POLICY_COUNT * 3;
    ck_assert_int_eq(tried, combinations);
    /* what the rule does give, truncated, remainder to the largest weight */
    iscg_cents s[3], drift;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(12220), w, 3, &euro_down_largest_weight, NULL), 0);
    ck_assert_int_eq(s[0], EUR(5105));
    ck_assert_int_eq(s[1], EUR(5533));
    ck_assert_int_eq(s[2], EUR(1582));
    /* the exact shares, to the cent, half-up: 5 105.52 / 5 531.99 / 1 582.49 */
    const iscg_allocation_rule cents = {ISCG_CENT, ISCG_ROUND_HALF_UP, ISCG_REMAINDER_NONE, 0,
                                        ISCG_WEIGHTS_BASIS_POINTS};
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(12220), w, 3, &cents, NULL), 0);
    ck_assert_int_eq(s[0], 510552);
    ck_assert_int_eq(s[1], 553199);
    ck_assert_int_eq(s[2], 158249);
    ck_assert_int_eq(drift, 0);
}
END_TEST

/* ROUND-3: each policy on one case where they differ: 100 euros by 1/1/1. */
START_TEST(test_round3_policies_differ)
{
    const int64_t w[3] = {1, 1, 1};
    iscg_cents s[3], drift;
    iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
    r.unit = ISCG_EURO;
    r.rounding = ISCG_ROUND_DOWN;
    r.policy = ISCG_REMAINDER_TO_FIRST;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w, 3, &r, NULL), 0);
    ck_assert_int_eq(s[0], EUR(34));
    ck_assert_int_eq(s[1], EUR(33));
    r.policy = ISCG_REMAINDER_TO_PARTY;
    r.party = 2;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w, 3, &r, NULL), 0);
    ck_assert_int_eq(s[2], EUR(34));
    ck_assert_int_eq(s[0], EUR(33));
    /* largest remainder: 2 euros over 1/1/1 go to the first two (ties by position) */
    r.policy = ISCG_REMAINDER_LARGEST_REMAINDER;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(101), w, 3, &r, NULL), 0);
    ck_assert_int_eq(s[0], EUR(34));
    ck_assert_int_eq(s[1], EUR(34));
    ck_assert_int_eq(s[2], EUR(33));
    /* largest remainder follows the exact fractions, not the weights:
     * 10 by 32/33/35 -> 3.2 / 3.3 / 3.5 -> 3/3/3 + 1 to the last */
    const int64_t w2[3] = {32, 33, 35};
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(10), w2, 3, &r, NULL), 0);
    ck_assert_int_eq(s[0], EUR(3));
    ck_assert_int_eq(s[1], EUR(3));
    ck_assert_int_eq(s[2], EUR(4));
    /* Montreuillois under largest remainder differs from annex 17: 2 624 / 1 898 / 7 853 */
    const int64_t wm[3] = {2120, 1534, 6346};
    r.weights = ISCG_WEIGHTS_BASIS_POINTS;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(12375), wm, 3, &r, NULL), 0);
    ck_assert_int_eq(s[0], EUR(2624));
    ck_assert_int_eq(s[2], EUR(7853));
    /* rounding up takes the excess back from the shares that gained most */
    r.rounding = ISCG_ROUND_UP;
    r.weights = ISCG_WEIGHTS_RAW;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w, 3, &r, NULL), 0);
    ck_assert_int_eq(s[0], EUR(33));
    ck_assert_int_eq(s[1], EUR(33));
    ck_assert_int_eq(s[2], EUR(34));
    /* an amount that is not a whole number of units: the cents go to the top-ranked share */
    r.rounding = ISCG_ROUND_DOWN;
    ck_assert_int_eq(iscg_allocate(s, &drift, 10050, w, 3, &r, NULL), 0);
    ck_assert_int_eq(s[0], 3450);
    ck_assert_int_eq(s[1], 3300);
    ck_assert_int_eq(s[2], 3300);
    /* raw populations, negative amounts */
    const int64_t pop[2] = {3, 1};
    r.policy = ISCG_REMAINDER_LARGEST_WEIGHT;
    ck_assert_int_eq(iscg_allocate(s, &drift, -EUR(10), pop, 2, &r, NULL), 0);
    ck_assert_int_eq(s[0], -800); /* -7.50 -> -7, plus the -1 remainder */
    ck_assert_int_eq(s[1], -200);
    ck_assert_str_eq(iscg_remainder_policy_name(ISCG_REMAINDER_LARGEST_WEIGHT), "LARGEST_WEIGHT");
    ck_assert_ptr_null(iscg_remainder_policy_name((iscg_remainder_policy)9));
    iscg_remainder_policy pol;
    ck_assert_int_eq(iscg_remainder_policy_parse(&pol, "largest_remainder", NULL), 0);
    ck_assert_int_eq(pol, ISCG_REMAINDER_LARGEST_REMAINDER);
    ck_assert_int_eq(iscg_remainder_policy_parse(&pol, "nobody", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_remainder_policy_parse(NULL, "NONE", NULL), ISCG_EINVAL);
}
END_TEST

/* SPLIT-4: bad weights are errors, each its own. */
START_TEST(test_split4_bad_weights)
{
    iscg_cents s[3] = {7, 7, 7}, drift;
    iscg_error e;
    iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
    r.unit = ISCG_EURO;
    r.rounding = ISCG_ROUND_DOWN;
    r.policy = ISCG_REMAINDER_LARGEST_WEIGHT;
    r.weights = ISCG_WEIGHTS_BASIS_POINTS;
    const int64_t off[3] = {4178, 4527, 1294}; /* 99.99 % */
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(12220), off, 3, &r, &e), ISCG_EWEIGHTS);
    ck_assert_ptr_nonnull(strstr(e.text, "99.99 %"));
    ck_assert_int_eq(s[0], 7); /* untouched */
    r.weights = ISCG_WEIGHTS_RAW;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(12220), off, 3, &r, &e), 0);
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), off, 0, &r, &e), ISCG_EWEIGHTS);
    ck_assert_ptr_nonnull(strstr(e.text, "no weights"));
    const int64_t neg[2] = {1, -1};
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), neg, 2, &r, &e), ISCG_EWEIGHTS);
    ck_assert_ptr_nonnull(strstr(e.text, "negative"));
    const int64_t zero[2] = {0, 0};
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), zero, 2, &r, &e), ISCG_EWEIGHTS);
    ck_assert_ptr_nonnull(strstr(e.text, "zero"));
    const int64_t huge[2] = {INT64_MAX, 1};
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), huge, 2, &r, &e), ISCG_EOVERFLOW);
    /* a share rounded up past INT64_MAX, with nothing to bring it back */
    const int64_t single[1] = {1};
    iscg_allocation_rule up = ISCG_ALLOCATION_RULE_INIT;
    up.unit = ISCG_EURO;
    up.rounding = ISCG_ROUND_UP;
    up.policy = ISCG_REMAINDER_NONE;
    ck_assert_int_eq(iscg_allocate(s, &drift, INT64_MAX, single, 1, &up, &e), ISCG_EOVERFLOW);
    ck_assert_str_eq(e.text, "share 0 does not fit in 64-bit cents");
    /* each share fits, their drift does not: -0.5 cent rounded up to a unit of
     * INT64_MAX cents is -INT64_MAX twice, a drift of 2 x INT64_MAX - 1
     * (found by fuzz/fuzz_alloc.c; it used to come back truncated) */
    const int64_t halves[2] = {1, 1};
    iscg_allocation_rule wide = ISCG_ALLOCATION_RULE_INIT;
    wide.unit = INT64_MAX;
    wide.rounding = ISCG_ROUND_UP;
    wide.policy = ISCG_REMAINDER_NONE;
    drift = s[0] = s[1] = 7;
    ck_assert_int_eq(iscg_allocate(s, &drift, -1, halves, 2, &wide, &e), ISCG_EOVERFLOW);
    ck_assert_str_eq(e.field, "drift");
    ck_assert_int_eq(drift, 7);
    ck_assert_int_eq(s[0], 7); /* untouched */
    /* amounts at the edge: 128-bit products, no overflow inside */
    const int64_t big[2] = {INT64_MAX / 2, INT64_MAX / 2};
    ck_assert_int_eq(iscg_allocate(s, &drift, INT64_MAX, big, 2, &r, &e), 0);
    ck_assert_int_eq(s[0] + s[1], INT64_MAX);
    ck_assert_int_eq(iscg_allocate(s, &drift, INT64_MIN, big, 2, &r, &e), 0);
    /* bad rules */
    r.unit = 0;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), zero + 0, 1, &r, &e), ISCG_EWEIGHTS);
    const int64_t one[1] = {1};
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), one, 1, &r, &e), ISCG_EINVAL);
    r.unit = ISCG_EURO;
    r.rounding = (iscg_rounding)42;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), one, 1, &r, &e), ISCG_EINVAL);
    r.rounding = ISCG_ROUND_DOWN;
    r.policy = (iscg_remainder_policy)42;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), one, 1, &r, &e), ISCG_EINVAL);
    r.policy = ISCG_REMAINDER_TO_PARTY;
    r.party = 1;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), one, 1, &r, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "party");
    /* both wrong: the weights are checked first, as alloc.h says */
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), zero + 0, 1, &r, &e), ISCG_EWEIGHTS);
    ck_assert_str_eq(e.field, "weights");
    r.party = 0;
    r.weights = (iscg_weights_kind)3;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), one, 1, &r, &e), ISCG_EINVAL);
    r.weights = ISCG_WEIGHTS_RAW;
    ck_assert_int_eq(iscg_allocate(NULL, &drift, EUR(1), one, 1, &r, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), NULL, 1, &r, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(1), one, 1, NULL, &e), ISCG_EINVAL);
    /* UNNECESSARY: an inexact share is an error */
    const int64_t w3[3] = {1, 1, 1};
    r.rounding = ISCG_ROUND_UNNECESSARY;
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(100), w3, 3, &r, &e), ISCG_EROUNDING);
    ck_assert_int_eq(iscg_allocate(s, &drift, EUR(99), w3, 3, &r, &e), 0);
    ck_assert_int_eq(s[0], EUR(33));
}
END_TEST

/* Many funders on one post: shares sum exactly. */
START_TEST(test_split5_many_weights)
{
    enum { N = 2000 };
    static int64_t w[N];
    static iscg_cents s[N];
    for (int i = 0; i < N; i++)
        w[i] = 1 + (i * 7919) % 1009;
    for (int p = ISCG_REMAINDER_NONE + 1; p <= ISCG_REMAINDER_POLICY_COUNT; p++) {
        iscg_allocation_rule r = ISCG_ALLOCATION_RULE_INIT;
        r.unit = ISCG_EURO;
        r.rounding = ISCG_ROUND_HALF_EVEN;
        r.policy = (iscg_remainder_policy)p;
        r.party = N - 1;
        iscg_cents drift, total;
        ck_assert_int_eq(iscg_allocate(s, &drift, 123456789012, w, N, &r, NULL), 0);
        ck_assert_int_eq(iscg_money_sum(&total, s, N), 0);
        ck_assert_int_eq(total, 123456789012);
    }
}
END_TEST

START_TEST(test_percent_parse)
{
    int64_t bp;
    iscg_error e;
    ck_assert_int_eq(iscg_percent_parse(&bp, "41.78", NULL), 0);
    ck_assert_int_eq(bp, 4178);
    ck_assert_int_eq(iscg_percent_parse(&bp, "41,78 %", NULL), 0);
    ck_assert_int_eq(bp, 4178);
    ck_assert_int_eq(iscg_percent_parse(&bp, "63,46\xc2\xa0%", NULL), 0);
    ck_assert_int_eq(bp, 6346);
    ck_assert_int_eq(iscg_percent_parse(&bp, "100", NULL), 0);
    ck_assert_int_eq(bp, 10000);
    ck_assert_int_eq(iscg_percent_parse(&bp, "8.5", NULL), 0);
    ck_assert_int_eq(bp, 850);
    ck_assert_int_eq(iscg_percent_parse(&bp, "100.01", &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_percent_parse(&bp, "12345678", &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_percent_parse(&bp, "41.785", &e), ISCG_EPARSE);
    ck_assert_int_eq(e.column, 6);
    ck_assert_int_eq(iscg_percent_parse(&bp, "", &e), ISCG_EPARSE);
    ck_assert_int_eq(iscg_percent_parse(&bp, "4.", &e), ISCG_EPARSE);
    ck_assert_int_eq(iscg_percent_parse(&bp, "-4", &e), ISCG_EPARSE);
    ck_assert_int_eq(iscg_percent_parse(&bp, "4 %x", &e), ISCG_EPARSE);
    /* spaces around the figure; a U+00A9 is not the no-break space before "%" */
    ck_assert_int_eq(iscg_percent_parse(&bp, "  12.5 % ", &e), 0);
    ck_assert_int_eq(bp, 1250);
    ck_assert_int_eq(iscg_percent_parse(&bp, "12\xc2\xa9", &e), ISCG_EPARSE);
    ck_assert_int_eq(e.column, 3);
    ck_assert_int_eq(iscg_percent_parse(NULL, "4", &e), ISCG_EINVAL);
}
END_TEST

/* Bad arguments to the allocation helpers: each refused with EINVAL, never
 * read through a NULL pointer or an out-of-range enum. */
START_TEST(test_alloc_bad_arguments)
{
    iscg_remainder_policy pol;
    iscg_cents shares[2], drift;
    int64_t w[2] = {1, 1}, bp;
    iscg_allocation_rule rule = ISCG_ALLOCATION_RULE_INIT;
    rule.rounding = ISCG_ROUND_DOWN;
    rule.policy = ISCG_REMAINDER_NONE;
    iscg_error e;
    ck_assert_int_eq(iscg_remainder_policy_parse(NULL, "NONE", NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_remainder_policy_parse(&pol, NULL, NULL), ISCG_EINVAL);
    ck_assert_ptr_null(iscg_remainder_policy_name((iscg_remainder_policy)-1));
    ck_assert_int_eq(iscg_allocate(NULL, &drift, 100, w, 2, &rule, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_allocate(shares, &drift, 100, w, 2, NULL, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_allocate(shares, &drift, 100, NULL, 2, &rule, &e), ISCG_EINVAL);
    rule.policy = (iscg_remainder_policy)-1;
    ck_assert_int_eq(iscg_allocate(shares, &drift, 100, w, 2, &rule, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "policy");
    ck_assert_int_eq(iscg_percent_parse(NULL, "1.00", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_percent_parse(&bp, NULL, &e), ISCG_EINVAL);
}
END_TEST

Suite *suite_alloc(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_split4_montreuillois);
    tcase_add_test(tc, test_split4_audomarois);
    tcase_add_test(tc, test_split5_le_portel_drift);
    tcase_add_test(tc, test_round3_calais_saint_omer_unreachable);
    tcase_add_test(tc, test_round3_policies_differ);
    tcase_add_test(tc, test_split4_bad_weights);
    tcase_add_test(tc, test_split5_many_weights);
    tcase_add_test(tc, test_percent_parse);
    tcase_add_test(tc, test_alloc_bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}
