/* SPDX-License-Identifier: Apache-2.0 */
/* Money and rounding: ROUND-1, ROUND-2. */
#include <stdint.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

/* ROUND-1: amounts are int64 cents; sums and products are checked. */
START_TEST(test_round1_checked_arithmetic)
{
    iscg_cents v = 42;
    ck_assert_int_eq(iscg_money_add(&v, EUR(14333), EUR(14333)), 0);
    ck_assert_int_eq(v, EUR(28666));
    ck_assert_int_eq(iscg_money_add(&v, INT64_MAX, 1), ISCG_EOVERFLOW);
    ck_assert_int_eq(v, EUR(28666)); /* untouched on failure */
    ck_assert_int_eq(iscg_money_sub(&v, INT64_MIN, 1), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_sub(&v, EUR(44000), EUR(29330)), 0);
    ck_assert_int_eq(v, EUR(14670)); /* CCSA's remainder, SPLIT-2 */
    ck_assert_int_eq(iscg_money_mul(&v, EUR(14801), 3), 0);
    ck_assert_int_eq(v, EUR(44403));
    ck_assert_int_eq(iscg_money_mul(&v, INT64_MAX / 2 + 1, 2), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_add(NULL, 1, 1), ISCG_EINVAL);
    ck_assert_int_eq(iscg_money_sub(NULL, 1, 1), ISCG_EINVAL);
    ck_assert_int_eq(iscg_money_mul(NULL, 1, 1), ISCG_EINVAL);

    /* BUD-1's ten Département shares, summed exactly */
    const iscg_cents ten[] = {EUR(14333), EUR(14801), EUR(12000), EUR(15553), EUR(14665),
                              EUR(4666),  EUR(11221), EUR(12220), EUR(11853), EUR(12375)};
    ck_assert_int_eq(iscg_money_sum(&v, ten, 10), 0);
    ck_assert_int_eq(v, EUR(123687));
    const iscg_cents big[] = {INT64_MAX, 1};
    ck_assert_int_eq(iscg_money_sum(&v, big, 2), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_sum(&v, NULL, 0), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(iscg_money_sum(&v, NULL, 1), ISCG_EINVAL);
}
END_TEST

/* ROUND-2: every named mode on the classic table (Java's RoundingMode /
 * Python decimal): 5.5 2.5 1.6 1.1 1.0 -1.0 -1.1 -1.6 -2.5 -5.5 cents. */
START_TEST(test_round2_mode_table)
{
    static const int64_t tenths[10] = {55, 25, 16, 11, 10, -10, -11, -16, -25, -55};
    static const int64_t expect[7][10] = {
        /* DOWN */ {5, 2, 1, 1, 1, -1, -1, -1, -2, -5},
        /* UP */ {6, 3, 2, 2, 1, -1, -2, -2, -3, -6},
        /* FLOOR */ {5, 2, 1, 1, 1, -1, -2, -2, -3, -6},
        /* CEILING */ {6, 3, 2, 2, 1, -1, -1, -1, -2, -5},
        /* HALF_UP */ {6, 3, 2, 1, 1, -1, -1, -2, -3, -6},
        /* HALF_DOWN */ {5, 2, 2, 1, 1, -1, -1, -2, -2, -5},
        /* HALF_EVEN */ {6, 2, 2, 1, 1, -1, -1, -2, -2, -6},
    };
    for (int k = 0; k < 7; k++) {
        const iscg_rounding mode = (iscg_rounding)(ISCG_ROUND_DOWN + k);
        for (int i = 0; i < 10; i++) {
            iscg_cents out = 0;
            ck_assert_int_eq(iscg_money_scale(&out, tenths[i], 1, 10, ISCG_CENT, mode, NULL), 0);
            ck_assert_msg(out == expect[k][i], "%s of %lld/10 gave %lld, expected %lld", iscg_rounding_name(mode),
                          (long long)tenths[i], (long long)out, (long long)expect[k][i]);
        }
    }
    /* UNNECESSARY: exact values pass, anything else is an error */
    iscg_cents out = 0;
    iscg_error e;
    ck_assert_int_eq(iscg_money_scale(&out, 10, 1, 10, ISCG_CENT, ISCG_ROUND_UNNECESSARY, &e), 0);
    ck_assert_int_eq(out, 1);
    ck_assert_int_eq(iscg_money_scale(&out, -10, 1, 10, ISCG_CENT, ISCG_ROUND_UNNECESSARY, &e), 0);
    ck_assert_int_eq(out, -1);
    ck_assert_int_eq(iscg_money_scale(&out, 11, 1, 10, ISCG_CENT, ISCG_ROUND_UNNECESSARY, &e),
                     ISCG_EROUNDING);
    ck_assert_ptr_nonnull(strstr(e.text, "UNNECESSARY"));
    ck_assert_int_eq(iscg_money_round(&out, EUR(14333), ISCG_EURO, ISCG_ROUND_UNNECESSARY, NULL), 0);
    ck_assert_int_eq(iscg_money_round(&out, 1433350, ISCG_EURO, ISCG_ROUND_UNNECESSARY, NULL),
                     ISCG_EROUNDING);
}
END_TEST

/* ROUND-2: the Département truncates; Osartis 14 000 x 4/12 = 4 666.67 -> 4 666 euros. */
START_TEST(test_round2_osartis_truncation)
{
    iscg_cents out;
    ck_assert_int_eq(iscg_money_scale(&out, EUR(14000), 4, 12, ISCG_EURO, ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(out, EUR(4666));
    ck_assert_int_eq(iscg_money_scale(&out, EUR(14000), 4, 12, ISCG_CENT, ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(out, 466666);
    ck_assert_int_eq(iscg_money_scale(&out, EUR(14000), 4, 12, ISCG_CENT, ISCG_ROUND_HALF_UP, NULL), 0);
    ck_assert_int_eq(out, 466667);
    ck_assert_int_eq(iscg_money_scale(&out, EUR(14000), 4, 12, ISCG_EURO, ISCG_ROUND_HALF_EVEN, NULL), 0);
    ck_assert_int_eq(out, EUR(4667));
    /* negative ratios and amounts */
    ck_assert_int_eq(iscg_money_scale(&out, EUR(14000), -4, 12, ISCG_EURO, ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(out, -EUR(4666));
    ck_assert_int_eq(iscg_money_scale(&out, -EUR(14000), 4, -12, ISCG_EURO, ISCG_ROUND_FLOOR, NULL), 0);
    ck_assert_int_eq(out, EUR(4666));
}
END_TEST

/* ROUND-2 where twice the remainder does not fit in 64 bits: a remainder
 * near 2^62 against a denominator near 2^63 is ranked against half of it
 * exactly, in every half mode and in both signs, and iscg_allocate() ranks
 * such remainders as exactly. */
START_TEST(test_round2_half_near_64_bits)
{
    iscg_cents out = 7;
    const int64_t big = (INT64_C(1) << 62) + 5, below = (INT64_C(1) << 62) - 1;
    /* above half of INT64_MAX: 1 cent in every half mode */
    ck_assert_int_eq(iscg_money_scale(&out, big, 1, INT64_MAX, ISCG_CENT, ISCG_ROUND_HALF_DOWN, NULL), 0);
    ck_assert_int_eq(out, 1);
    ck_assert_int_eq(iscg_money_scale(&out, -big, 1, INT64_MAX, ISCG_CENT, ISCG_ROUND_HALF_EVEN, NULL), 0);
    ck_assert_int_eq(out, -1);
    /* below half: 0 */
    ck_assert_int_eq(iscg_money_scale(&out, below, 1, INT64_MAX, ISCG_CENT, ISCG_ROUND_HALF_UP, NULL), 0);
    ck_assert_int_eq(out, 0);
    /* exactly half of INT64_MAX - 1: each half mode its own way */
    ck_assert_int_eq(iscg_money_scale(&out, below, 1, INT64_MAX - 1, ISCG_CENT, ISCG_ROUND_HALF_UP, NULL), 0);
    ck_assert_int_eq(out, 1);
    ck_assert_int_eq(iscg_money_scale(&out, -below, 1, INT64_MAX - 1, ISCG_CENT, ISCG_ROUND_HALF_UP, NULL), 0);
    ck_assert_int_eq(out, -1);
    ck_assert_int_eq(iscg_money_scale(&out, below, 1, INT64_MAX - 1, ISCG_CENT, ISCG_ROUND_HALF_DOWN, NULL), 0);
    ck_assert_int_eq(out, 0);
    ck_assert_int_eq(iscg_money_scale(&out, below, -1, INT64_MAX - 1, ISCG_CENT, ISCG_ROUND_HALF_EVEN, NULL), 0);
    ck_assert_int_eq(out, 0);
    ck_assert_int_eq(iscg_money_scale(&out, INT64_MAX, 1, 2, ISCG_CENT, ISCG_ROUND_HALF_EVEN, NULL), 0);
    ck_assert_int_eq(out, INT64_C(4611686018427387904)); /* ...903.5 to the even neighbour */
    ck_assert_int_eq(iscg_money_scale(&out, INT64_MIN + 1, 1, 2, ISCG_CENT, ISCG_ROUND_FLOOR, NULL), 0);
    ck_assert_int_eq(out, INT64_C(-4611686018427387904));
    ck_assert_int_eq(iscg_money_scale(&out, big, 1, INT64_MAX, ISCG_CENT, ISCG_ROUND_UNNECESSARY, NULL),
                     ISCG_EROUNDING);
    /* the same in a split: 2^62 + 5 cents by weights 1 and INT64_MAX - 1, the
     * largest remainder taking the cent the truncation left */
    const int64_t w[] = {1, INT64_MAX - 1};
    iscg_cents shares[2], drift = 7;
    iscg_allocation_rule rule = {ISCG_CENT, ISCG_ROUND_DOWN, ISCG_REMAINDER_NONE, 0, ISCG_WEIGHTS_RAW};
    ck_assert_int_eq(iscg_allocate(shares, &drift, big, w, 2, &rule, NULL), 0);
    ck_assert_int_eq(shares[0], 0);
    ck_assert_int_eq(shares[1], big - 1);
    ck_assert_int_eq(drift, 1);
    rule.policy = ISCG_REMAINDER_LARGEST_REMAINDER;
    ck_assert_int_eq(iscg_allocate(shares, &drift, big, w, 2, &rule, NULL), 0);
    ck_assert_int_eq(shares[0], 1); /* lost 2^62 + 5 of INT64_MAX, against 2^62 - 6 */
    ck_assert_int_eq(shares[1], big - 1);
}
END_TEST

START_TEST(test_scale_limits_and_bad_arguments)
{
    iscg_cents out = 7;
    iscg_error e;
    /* the 128-bit intermediate: INT64_MAX x 3 / 3 is exact */
    ck_assert_int_eq(iscg_money_scale(&out, INT64_MAX, 3, 3, ISCG_CENT, ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(out, INT64_MAX);
    ck_assert_int_eq(iscg_money_scale(&out, INT64_MIN, INT64_MAX, INT64_MAX, ISCG_CENT, ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(out, INT64_MIN);
    ck_assert_int_eq(iscg_money_scale(&out, INT64_MAX, 2, 1, ISCG_CENT, ISCG_ROUND_DOWN, &e), ISCG_EOVERFLOW);
    ck_assert_int_eq(e.code, ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_scale(&out, INT64_MIN, -1, 1, ISCG_CENT, ISCG_ROUND_DOWN, NULL), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_round(&out, INT64_MAX, ISCG_EURO, ISCG_ROUND_UP, NULL), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_money_round(&out, INT64_MAX, ISCG_EURO, ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(out, INT64_MAX - INT64_MAX % 100);
    ck_assert_int_eq(iscg_money_scale(NULL, 1, 1, 1, ISCG_CENT, ISCG_ROUND_DOWN, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_money_scale(&out, 1, 1, 0, ISCG_CENT, ISCG_ROUND_DOWN, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "den");
    ck_assert_int_eq(iscg_money_scale(&out, 1, 1, 1, 0, ISCG_ROUND_DOWN, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "unit");
    ck_assert_int_eq(iscg_money_scale(&out, 1, 1, 1, ISCG_CENT, (iscg_rounding)99, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "mode");
    ck_assert_int_eq(iscg_money_scale(&out, 1, 1, 1, ISCG_CENT, (iscg_rounding)-1, &e), ISCG_EINVAL);
}
END_TEST

START_TEST(test_rounding_names)
{
    iscg_rounding m;
    for (int i = ISCG_ROUND_DOWN; i <= ISCG_ROUNDING_COUNT; i++) {
        const char *name = iscg_rounding_name((iscg_rounding)i);
        ck_assert_ptr_nonnull(name);
        ck_assert_int_eq(iscg_rounding_parse(&m, name, NULL), 0);
        ck_assert_int_eq(m, i);
    }
    ck_assert_ptr_null(iscg_rounding_name((iscg_rounding)(ISCG_ROUNDING_COUNT + 1)));
    ck_assert_int_eq(iscg_rounding_parse(&m, "truncate", NULL), 0);
    ck_assert_int_eq(m, ISCG_ROUND_DOWN);
    ck_assert_int_eq(iscg_rounding_parse(&m, "half_even", NULL), 0);
    ck_assert_int_eq(m, ISCG_ROUND_HALF_EVEN);
    ck_assert_int_eq(iscg_rounding_parse(&m, "bankers", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_rounding_parse(NULL, "UP", NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_rounding_parse(&m, NULL, NULL), ISCG_EINVAL);
}
END_TEST

START_TEST(test_parse_accepted_forms)
{
    static const struct { const char *text; iscg_cents cents; } ok[] = {
        {"14333", EUR(14333)},
        {"14 333", EUR(14333)},
        {"14 333,00 €", EUR(14333)},
        {"14333.00", EUR(14333)},
        {"14\xe2\x80\xaf" "333\xc2\xa0\xe2\x82\xac", EUR(14333)},
        {"14\xc2\xa0" "333", EUR(14333)},
        {"172 500,00", EUR(172500)},
        {"1 234 567,5", 123456750},
        {"  -0,5 ", -50},
        {"+12 EUR", EUR(12)},
        {"12,50\t\xe2\x82\xac\t", 1250}, /* tabs around the sign, as copied from a table */
        {"0", 0},
        {"4666.67", 466667},
        {"92233720368547758.07", INT64_MAX},
        {"-92233720368547758.08", INT64_MIN}, /* what INT64_MIN formats as (found by fuzz/fuzz_money.c) */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        iscg_cents v = -1;
        iscg_error e;
        int rc = iscg_money_parse(&v, ok[i].text, &e);
        ck_assert_msg(rc == 0, "\"%s\": %s", ok[i].text, e.text);
        ck_assert_msg(v == ok[i].cents, "\"%s\" gave %lld", ok[i].text, (long long)v);
    }
}
END_TEST

START_TEST(test_parse_rejected_forms)
{
    static const struct { const char *text; int code; int column; } bad[] = {
        {"12,3,4", ISCG_EPARSE, 5},
        {"1e9", ISCG_EPARSE, 2},
        {"", ISCG_EPARSE, 1},
        {"   ", ISCG_EPARSE, 4},
        {"1 23", ISCG_EPARSE, 5},
        {"1234 567", ISCG_EPARSE, 5},
        {"1 2345", ISCG_EPARSE, 6}, /* a thousands group of four digits */
        {"0.001", ISCG_EPARSE, 5},
        {"12,", ISCG_EPARSE, 4},
        {"€ 12", ISCG_EPARSE, 1},
        {"12 € 3", ISCG_EPARSE, 8},
        {"92233720368547758.08", ISCG_EOVERFLOW, 1},
        {"99999999999999999999", ISCG_EOVERFLOW, 19},
        {"-92233720368547758.09", ISCG_EOVERFLOW, 1},
        {"--1", ISCG_EPARSE, 2},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        iscg_cents v = 99;
        iscg_error e;
        int rc = iscg_money_parse(&v, bad[i].text, &e);
        ck_assert_msg(rc == bad[i].code, "\"%s\" gave %d", bad[i].text, rc);
        ck_assert_int_eq(v, 99);
        ck_assert_msg(e.column == bad[i].column, "\"%s\": column %d", bad[i].text, e.column);
        ck_assert_msg(strstr(e.text, bad[i].text) != NULL, "message names the text: %s", e.text);
    }
    iscg_cents v;
    ck_assert_int_eq(iscg_money_parse(NULL, "1", NULL), ISCG_EINVAL);
    ck_assert_int_eq(iscg_money_parse(&v, NULL, NULL), ISCG_EINVAL);
}
END_TEST

START_TEST(test_format)
{
    char buf[48];
    ck_assert_int_eq(iscg_money_format(buf, sizeof buf, EUR(14333), ISCG_MONEY_PLAIN), 8);
    ck_assert_str_eq(buf, "14333.00");
    ck_assert_int_gt(iscg_money_format(buf, sizeof buf, -50, ISCG_MONEY_PLAIN), 0);
    ck_assert_str_eq(buf, "-0.50");
    ck_assert_int_gt(iscg_money_format(buf, sizeof buf, EUR(14333), ISCG_MONEY_FRENCH), 0);
    ck_assert_str_eq(buf, "14\xe2\x80\xaf" "333\xc2\xa0\xe2\x82\xac");
    ck_assert_int_gt(iscg_money_format(buf, sizeof buf, EUR(123687), ISCG_MONEY_FRENCH_CENTS), 0);
    ck_assert_str_eq(buf, "123\xe2\x80\xaf" "687,00\xc2\xa0\xe2\x82\xac");
    ck_assert_int_gt(iscg_money_format(buf, sizeof buf, 466667, ISCG_MONEY_FRENCH), 0);
    ck_assert_str_eq(buf, "4\xe2\x80\xaf" "666,67\xc2\xa0\xe2\x82\xac");
    ck_assert_int_gt(iscg_money_format(buf, sizeof buf, EUR(999), ISCG_MONEY_FRENCH), 0);
    ck_assert_str_eq(buf, "999\xc2\xa0\xe2\x82\xac");
    ck_assert_int_gt(iscg_money_format(buf, sizeof buf, INT64_MIN, ISCG_MONEY_PLAIN), 0);
    ck_assert_str_eq(buf, "-92233720368547758.08");
    ck_assert_int_gt(iscg_money_format(buf, sizeof buf, INT64_MIN, ISCG_MONEY_FRENCH_CENTS), 0);
    /* a formatted amount parses back to itself */
    static const iscg_cents round_trip[] = {0, 1, -1, 99, 100, 466667, EUR(1000000), INT64_MAX, INT64_MIN + 1,
                                            INT64_MIN};
    for (size_t i = 0; i < sizeof round_trip / sizeof round_trip[0]; i++) {
        for (int style = 0; style < 3; style++) {
            iscg_cents back;
            ck_assert_int_gt(iscg_money_format(buf, sizeof buf, round_trip[i], (iscg_money_style)style), 0);
            ck_assert_int_eq(iscg_money_parse(&back, buf, NULL), 0);
            ck_assert_int_eq(back, round_trip[i]);
        }
    }
    ck_assert_int_eq(iscg_money_format(buf, 4, EUR(14333), ISCG_MONEY_PLAIN), ISCG_ERANGE);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(iscg_money_format(NULL, 10, 1, ISCG_MONEY_PLAIN), ISCG_EINVAL);
    ck_assert_int_eq(iscg_money_format(buf, 0, 1, ISCG_MONEY_PLAIN), ISCG_EINVAL);
    ck_assert_int_eq(iscg_money_format(buf, sizeof buf, 1, (iscg_money_style)9), ISCG_EINVAL);
}
END_TEST

Suite *suite_money(void)
{
    Suite *s = suite_create("money");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_round1_checked_arithmetic);
    tcase_add_test(tc, test_round2_mode_table);
    tcase_add_test(tc, test_round2_osartis_truncation);
    tcase_add_test(tc, test_scale_limits_and_bad_arguments);
    tcase_add_test(tc, test_round2_half_near_64_bits);
    tcase_add_test(tc, test_rounding_names);
    tcase_add_test(tc, test_parse_accepted_forms);
    tcase_add_test(tc, test_parse_rejected_forms);
    tcase_add_test(tc, test_format);
    suite_add_tcase(s, tc);
    return s;
}
