/* SPDX-License-Identifier: Apache-2.0 */
/* Year fractions and prorata: PRO-1, PRO-2, PRO-3. */
#include <string.h>

#include <iscg.h>

#include "suites.h"

static iscg_period P(int y1, int m1, int d1, int y2, int m2, int d2)
{
    iscg_period p = {{y1, m1, d1}, {y2, m2, d2}};
    return p;
}

static void assert_fraction(iscg_period p, iscg_daycount dc, int64_t num, int64_t den)
{
    iscg_ratio r = {-1, -1}, want = {num, den};
    iscg_error e;
    ck_assert_int_eq(iscg_ratio_normalize(&want), 0); /* results come in lowest terms */
    num = want.num;
    den = want.den;
    int rc = iscg_year_fraction(&r, p, dc, &e);
    ck_assert_msg(rc == 0, "%s: %s", iscg_daycount_name(dc), e.text);
    ck_assert_msg(r.num == num && r.den == den, "%s gave %lld/%lld, expected %lld/%lld",
                  iscg_daycount_name(dc), (long long)r.num, (long long)r.den, (long long)num,
                  (long long)den);
}

/* PRO-1: Osartis Marquion, 1 Sept - 31 Dec 2023 = 4 months: 14 000 x 4/12 -> 4 666 euros. */
START_TEST(test_pro1_osartis_by_months)
{
    iscg_period p = P(2023, 9, 1, 2023, 12, 31);
    iscg_ratio months, f;
    iscg_cents share;
    ck_assert_int_eq(iscg_months_covered(&months, p, ISCG_DAYCOUNT_MONTHS_WHOLE, NULL), 0);
    ck_assert_int_eq(months.num, 4);
    ck_assert_int_eq(months.den, 1);
    ck_assert_int_eq(iscg_prorate(&share, &f, EUR(14000), p, ISCG_DAYCOUNT_MONTHS_WHOLE, ISCG_EURO,
                                  ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(share, EUR(4666));
    ck_assert_int_eq(f.num, 1);
    ck_assert_int_eq(f.den, 3);
    /* the three parties of 42 000 euros: 4 666 + 4 666 + the carrier's remainder */
    ck_assert_int_eq(iscg_prorate(&share, NULL, EUR(42000), p, ISCG_DAYCOUNT_MONTHS_WHOLE, ISCG_EURO,
                                  ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(share, EUR(14000));
    /* to the cent it is 4 666.66 truncated, 4 666.67 half-up */
    ck_assert_int_eq(iscg_prorate(&share, NULL, EUR(14000), p, ISCG_DAYCOUNT_MONTHS_WHOLE, ISCG_CENT,
                                  ISCG_ROUND_HALF_UP, NULL), 0);
    ck_assert_int_eq(share, 466667);
}
END_TEST

/* PRO-1: the part-month rules differ only on part months. */
START_TEST(test_pro1_part_months)
{
    /* Ternois: filled again from 15 March 2023 to the end of the year */
    iscg_period p = P(2023, 3, 15, 2023, 12, 31);
    iscg_ratio m;
    ck_assert_int_eq(iscg_months_covered(&m, p, ISCG_DAYCOUNT_MONTHS_WHOLE, NULL), 0);
    ck_assert_int_eq(m.num, 9);
    ck_assert_int_eq(iscg_months_covered(&m, p, ISCG_DAYCOUNT_MONTHS_STARTED, NULL), 0);
    ck_assert_int_eq(m.num, 10);
    ck_assert_int_eq(iscg_months_covered(&m, p, ISCG_DAYCOUNT_MONTHS_PRORATED, NULL), 0);
    ck_assert_int_eq(m.num, 9 * 31 + 17); /* 9 + 17/31 */
    ck_assert_int_eq(m.den, 31);
    assert_fraction(p, ISCG_DAYCOUNT_MONTHS_PRORATED, 74, 93); /* (9 + 17/31) / 12 */
    /* a period inside one month */
    p = P(2023, 2, 10, 2023, 2, 16);
    ck_assert_int_eq(iscg_months_covered(&m, p, ISCG_DAYCOUNT_MONTHS_WHOLE, NULL), 0);
    ck_assert_int_eq(m.num, 0);
    assert_fraction(p, ISCG_DAYCOUNT_MONTHS_PRORATED, 1, 48); /* 7/28 / 12 */
    /* a whole year, and across years */
    assert_fraction(P(2023, 1, 1, 2023, 12, 31), ISCG_DAYCOUNT_MONTHS_WHOLE, 1, 1);
    assert_fraction(P(2022, 12, 1, 2023, 11, 30), ISCG_DAYCOUNT_MONTHS_WHOLE, 1, 1);
    assert_fraction(P(2022, 12, 3, 2023, 12, 2), ISCG_DAYCOUNT_MONTHS_WHOLE, 11, 12);
    assert_fraction(P(2022, 12, 3, 2023, 12, 2), ISCG_DAYCOUNT_MONTHS_STARTED, 13, 12);
    ck_assert_int_eq(iscg_months_covered(&m, p, ISCG_DAYCOUNT_ACT_365F, NULL), ISCG_EINVAL);
}
END_TEST

/* PRO-2: by days. 1 Sept - 31 Dec 2023 is 122 days: 14 000 x 122/365 = 4 679.45. */
START_TEST(test_pro2_osartis_by_days)
{
    iscg_period p = P(2023, 9, 1, 2023, 12, 31);
    iscg_cents share;
    iscg_ratio f;
    ck_assert_int_eq(iscg_prorate(&share, &f, EUR(14000), p, ISCG_DAYCOUNT_ACT_365F, ISCG_EURO,
                                  ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(share, EUR(4679));
    ck_assert_int_eq(f.num, 122);
    ck_assert_int_eq(f.den, 365);
    ck_assert_int_eq(iscg_prorate(&share, NULL, EUR(14000), p, ISCG_DAYCOUNT_ACT_365F, ISCG_CENT,
                                  ISCG_ROUND_HALF_EVEN, NULL), 0);
    ck_assert_int_eq(share, 467945);
    assert_fraction(p, ISCG_DAYCOUNT_ACT_ACT_ISDA, 122, 365);
    assert_fraction(p, ISCG_DAYCOUNT_30_360_US, 1, 3);
    assert_fraction(p, ISCG_DAYCOUNT_30_360_BOND, 1, 3);
    assert_fraction(p, ISCG_DAYCOUNT_30E_360, 1, 3);
}
END_TEST

/* The 30/360 variants and Actual/Actual ISDA on the cases where they differ
 * (QuantLib's definitions; accrual from start to the day after the end). */
START_TEST(test_pro2_conventions_differ)
{
    /* end on the 30th: accrual to the 31st */
    iscg_period p = P(2023, 1, 31, 2023, 3, 30); /* d1 = 31 Jan, d2 = 31 Mar */
    assert_fraction(p, ISCG_DAYCOUNT_30_360_US, 60, 360);
    assert_fraction(p, ISCG_DAYCOUNT_30_360_BOND, 60, 360);
    assert_fraction(p, ISCG_DAYCOUNT_30E_360, 60, 360);
    /* d1 = 15 Jan, d2 = 31 Mar: only 30E/360 trims the 31st */
    p = P(2023, 1, 15, 2023, 3, 30);
    assert_fraction(p, ISCG_DAYCOUNT_30_360_US, 76, 360);
    assert_fraction(p, ISCG_DAYCOUNT_30_360_BOND, 76, 360);
    assert_fraction(p, ISCG_DAYCOUNT_30E_360, 75, 360);
    /* d1 = last of February: only the US rule moves it to the 30th */
    p = P(2023, 2, 28, 2023, 3, 30); /* d2 = 31 Mar */
    assert_fraction(p, ISCG_DAYCOUNT_30_360_US, 30, 360);
    assert_fraction(p, ISCG_DAYCOUNT_30_360_BOND, 33, 360);
    assert_fraction(p, ISCG_DAYCOUNT_30E_360, 32, 360);
    /* US: both ends last of February -> 360 days in a year */
    p = P(2023, 2, 28, 2024, 2, 28); /* d2 = 29 Feb 2024 */
    assert_fraction(p, ISCG_DAYCOUNT_30_360_US, 1, 1);
    /* Actual/Actual ISDA over a leap year boundary: 29/365 + 336/366 */
    p = P(2022, 12, 3, 2023, 12, 2);
    assert_fraction(p, ISCG_DAYCOUNT_ACT_ACT_ISDA, 1, 1);
    p = P(2023, 12, 3, 2024, 12, 2);
    assert_fraction(p, ISCG_DAYCOUNT_ACT_ACT_ISDA, 29 * 366 + 337 * 365, (int64_t)365 * 366);
    assert_fraction(p, ISCG_DAYCOUNT_ACT_365F, 366, 365);
    /* the widest period there is */
    p = P(1, 1, 1, 9999, 12, 31);
    assert_fraction(p, ISCG_DAYCOUNT_ACT_ACT_ISDA, 9999, 1);
    assert_fraction(p, ISCG_DAYCOUNT_MONTHS_WHOLE, 9999, 1);
    assert_fraction(p, ISCG_DAYCOUNT_30_360_US, 9999, 1);
    assert_fraction(p, ISCG_DAYCOUNT_ACT_365F, 3652059, 365);
}
END_TEST

/* PRO-3: a straddling period's amount allocated to each fiscal year by days. */
START_TEST(test_pro3_straddling_amount)
{
    /* CABBALR2023: 17 500 euros for 3 Dec 2022 - 2 Dec 2023 */
    iscg_period p = P(2022, 12, 3, 2023, 12, 2), parts[2];
    int years[2];
    size_t n;
    ck_assert_int_eq(iscg_period_split_years(parts, years, 2, &n, p, 1, NULL), 0);
    iscg_cents a2022, a2023, total = 0;
    ck_assert_int_eq(iscg_money_scale(&a2022, EUR(17500), iscg_period_days(parts[0]), iscg_period_days(p),
                                      ISCG_EURO, ISCG_ROUND_DOWN, NULL), 0);
    ck_assert_int_eq(iscg_money_sub(&a2023, EUR(17500), a2022), 0);
    ck_assert_int_eq(a2022, EUR(1390)); /* 17 500 x 29/365 = 1 390.41 */
    ck_assert_int_eq(a2023, EUR(16110));
    ck_assert_int_eq(iscg_money_add(&total, a2022, a2023), 0);
    ck_assert_int_eq(total, EUR(17500));
}
END_TEST

START_TEST(test_prorata_bad_input)
{
    iscg_ratio r;
    iscg_cents c;
    iscg_error e;
    iscg_period bad = P(2023, 12, 31, 2023, 9, 1);
    ck_assert_int_eq(iscg_year_fraction(&r, bad, ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EDATE);
    ck_assert_str_eq(e.field, "period");
    ck_assert_int_eq(iscg_year_fraction(&r, P(2023, 2, 29, 2023, 3, 1), ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_year_fraction(&r, P(2023, 1, 1, 2023, 3, 1), (iscg_daycount)77, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.field, "daycount");
    ck_assert_int_eq(iscg_year_fraction(NULL, P(2023, 1, 1, 2023, 3, 1), ISCG_DAYCOUNT_ACT_365F, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_prorate(&c, NULL, INT64_MAX, P(2023, 1, 1, 2024, 12, 31), ISCG_DAYCOUNT_MONTHS_WHOLE,
                                  ISCG_CENT, ISCG_ROUND_DOWN, &e), ISCG_EOVERFLOW);
    ck_assert_int_eq(iscg_prorate(&c, NULL, EUR(14000), bad, ISCG_DAYCOUNT_MONTHS_WHOLE, ISCG_EURO,
                                  ISCG_ROUND_DOWN, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_prorate(&c, NULL, EUR(14000), P(2023, 9, 1, 2023, 12, 31), ISCG_DAYCOUNT_MONTHS_WHOLE,
                                  ISCG_EURO, ISCG_ROUND_UNNECESSARY, &e), ISCG_EROUNDING);
    /* names */
    iscg_daycount dc;
    for (int i = ISCG_DAYCOUNT_MONTHS_WHOLE; i <= ISCG_DAYCOUNT_COUNT; i++) {
        ck_assert_int_eq(iscg_daycount_parse(&dc, iscg_daycount_name((iscg_daycount)i), NULL), 0);
        ck_assert_int_eq(dc, i);
    }
    ck_assert_int_eq(iscg_daycount_parse(&dc, "act_365f", NULL), 0);
    ck_assert_int_eq(iscg_daycount_parse(&dc, "ACT/360", NULL), ISCG_EPARSE);
    ck_assert_int_eq(iscg_daycount_parse(NULL, "ACT_365F", NULL), ISCG_EINVAL);
    ck_assert_ptr_null(iscg_daycount_name((iscg_daycount)(ISCG_DAYCOUNT_COUNT + 1)));
    /* ratios */
    iscg_ratio x = {336, 372}; /* 336/372 = 28/31 */
    ck_assert_int_eq(iscg_ratio_normalize(&x), 0);
    ck_assert_int_eq(x.num, 28);
    ck_assert_int_eq(x.den, 31);
    x.den = 0;
    ck_assert_int_eq(iscg_ratio_normalize(&x), ISCG_EINVAL);
    x = (iscg_ratio){-1, 3};
    ck_assert_int_eq(iscg_ratio_normalize(&x), ISCG_EINVAL);
    ck_assert_int_eq(iscg_ratio_normalize(NULL), ISCG_EINVAL);
}
END_TEST

Suite *suite_prorata(void)
{
    Suite *s = suite_create("prorata");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_pro1_osartis_by_months);
    tcase_add_test(tc, test_pro1_part_months);
    tcase_add_test(tc, test_pro2_osartis_by_days);
    tcase_add_test(tc, test_pro2_conventions_differ);
    tcase_add_test(tc, test_pro3_straddling_amount);
    tcase_add_test(tc, test_prorata_bad_input);
    suite_add_tcase(s, tc);
    return s;
}
