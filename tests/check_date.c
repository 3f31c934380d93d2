/* SPDX-License-Identifier: Apache-2.0 */
/* Dates, periods, durations, fiscal-year splits: CAL-1, PRO-3. */
#include <string.h>

#include <iscg.h>

#include "suites.h"

static iscg_date D(int y, int m, int d)
{
    iscg_date out = {y, m, d};
    return out;
}

START_TEST(test_date_validation)
{
    iscg_date d;
    iscg_error e;
    ck_assert_int_eq(iscg_date_make(&d, 2023, 2, 28, &e), 0);
    ck_assert_int_eq(iscg_date_make(&d, 2023, 2, 29, &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "2023-02-29 is not a date");
    ck_assert_int_eq(iscg_date_make(&d, 2024, 2, 29, &e), 0);
    ck_assert_int_eq(iscg_date_make(&d, 1900, 2, 29, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_make(&d, 2000, 2, 29, &e), 0);
    ck_assert_int_eq(iscg_date_make(&d, 2023, 13, 1, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_make(&d, 2023, 4, 31, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_make(&d, 0, 1, 1, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_make(&d, 10000, 1, 1, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_make(&d, 2023, 1, 0, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_make(NULL, 2023, 1, 1, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_date_days_in_month(2023, 0), 0);
}
END_TEST

START_TEST(test_date_iso_text)
{
    iscg_date d;
    iscg_error e;
    char buf[ISCG_DATE_TEXT_LENGTH];
    ck_assert_int_eq(iscg_date_parse(&d, "2022-12-03", &e), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(2022, 12, 3)), 0);
    ck_assert_int_eq(iscg_date_format(buf, sizeof buf, d), 10);
    ck_assert_str_eq(buf, "2022-12-03");
    ck_assert_int_eq(iscg_date_parse(&d, "2023-02-30", &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "2023-02-30 is not a date");
    ck_assert_int_eq(iscg_date_parse(&d, "2023-2-3", &e), ISCG_EPARSE);
    ck_assert_int_eq(e.column, 7); /* "2023-2" is read, the '-' stands where a digit must */
    ck_assert_int_eq(iscg_date_parse(&d, "2023-02-03T00:00", &e), ISCG_EPARSE);
    ck_assert_int_eq(e.column, 11);
    ck_assert_int_eq(iscg_date_parse(&d, "", &e), ISCG_EPARSE);
    ck_assert_int_eq(iscg_date_parse(&d, "03/12/2022", &e), ISCG_EPARSE);
    ck_assert_int_eq(iscg_date_parse(&d, "0000-01-01", &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_parse(NULL, "2023-01-01", &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_date_format(buf, 5, d), ISCG_EINVAL);
    ck_assert_int_eq(iscg_date_format(buf, sizeof buf, D(2023, 2, 29)), ISCG_EDATE);
}
END_TEST

START_TEST(test_day_numbers)
{
    iscg_date d;
    ck_assert_int_eq(iscg_date_to_days(D(1, 1, 1)), 1);
    ck_assert_int_eq(iscg_date_to_days(D(2023, 12, 31)) - iscg_date_to_days(D(2023, 1, 1)), 364);
    ck_assert_int_eq(iscg_date_to_days(D(2024, 12, 31)) - iscg_date_to_days(D(2024, 1, 1)), 365);
    ck_assert_int_eq(iscg_date_to_days(D(2023, 2, 29)), 0);
    /* every day of years 1..9999 round-trips */
    int64_t last = iscg_date_to_days(D(9999, 12, 31));
    ck_assert_int_eq(last, 3652059);
    iscg_date prev = D(1, 1, 1);
    for (int64_t n = 2; n <= last; n += 1) {
        ck_assert_int_eq(iscg_date_from_days(&d, n), 0);
        if (iscg_date_compare(prev, d) >= 0 || iscg_date_to_days(d) != n)
            ck_abort_msg("day %lld", (long long)n);
        prev = d;
    }
    ck_assert_int_eq(iscg_date_from_days(&d, 0), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_from_days(&d, last + 1), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_from_days(NULL, 1), ISCG_EINVAL);
    ck_assert_int_eq(iscg_date_add_days(&d, D(2022, 12, 3), 364, NULL), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(2023, 12, 2)), 0);
    ck_assert_int_eq(iscg_date_add_days(&d, D(9999, 12, 31), 1, NULL), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_days(&d, D(1, 1, 1), -1, NULL), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_days(&d, D(1, 1, 1), INT64_MIN, NULL), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_days(&d, D(2023, 2, 29), 1, NULL), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_days(NULL, D(2023, 1, 1), 1, NULL), ISCG_EINVAL);
    ck_assert_int_lt(iscg_date_compare(D(2022, 12, 31), D(2023, 1, 1)), 0);
    ck_assert_int_gt(iscg_date_compare(D(2023, 2, 1), D(2023, 1, 31)), 0);
}
END_TEST

START_TEST(test_add_months)
{
    iscg_date d;
    ck_assert_int_eq(iscg_date_add_months(&d, D(2023, 1, 31), 1, NULL), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(2023, 2, 28)), 0);
    ck_assert_int_eq(iscg_date_add_months(&d, D(2024, 1, 31), 1, NULL), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(2024, 2, 29)), 0);
    ck_assert_int_eq(iscg_date_add_months(&d, D(2023, 12, 2), -3, NULL), 0);
    ck_assert_int_eq(iscg_date_compare(d, D(2023, 9, 2)), 0);
    ck_assert_int_eq(iscg_date_add_months(&d, D(9999, 12, 1), 1, NULL), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_months(&d, D(1, 1, 1), -1, NULL), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_months(&d, D(2023, 2, 30), 1, NULL), ISCG_EDATE);
    ck_assert_int_eq(iscg_date_add_months(NULL, D(2023, 1, 1), 1, NULL), ISCG_EINVAL);
}
END_TEST

/* CAL-1: periods given by dates or by start + duration. */
START_TEST(test_cal1_periods)
{
    iscg_period p;
    iscg_error e;
    /* Le Portel (art. 5): from 5 January 2023 "pour une durée d'un an" */
    ck_assert_int_eq(iscg_period_from_months(&p, D(2023, 1, 5), 12, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(2024, 1, 4)), 0);
    /* Béthune police station (art. 3): from 3 December 2022 for one year */
    ck_assert_int_eq(iscg_period_from_months(&p, D(2022, 12, 3), 12, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(2023, 12, 2)), 0);
    ck_assert_int_eq(iscg_period_days(p), 365);
    /* Boulogne police station (art. 4): from 1 December 2022 -> 30 November 2023 */
    ck_assert_int_eq(iscg_period_from_months(&p, D(2022, 12, 1), 12, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(2023, 11, 30)), 0);
    /* a month from 31 January ends on the last day of February */
    ck_assert_int_eq(iscg_period_from_months(&p, D(2023, 1, 31), 1, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(2023, 2, 28)), 0);
    ck_assert_int_eq(iscg_period_from_months(&p, D(2023, 1, 28), 1, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(2023, 2, 27)), 0);
    ck_assert_int_eq(iscg_period_from_months(&p, D(2023, 1, 1), 0, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_period_from_months(&p, D(9999, 6, 1), 12, &e), ISCG_EDATE);
    ck_assert_str_eq(e.text, "9999-06-01 plus 12 months ends after 9999-12-31");
    /* the last year of the calendar: its end is in range though the day after is not */
    ck_assert_int_eq(iscg_period_from_months(&p, D(9999, 1, 1), 12, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(9999, 12, 31)), 0);
    ck_assert_int_eq(iscg_period_from_months(&p, D(9999, 12, 1), 1, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(9999, 12, 31)), 0);
    ck_assert_int_eq(iscg_period_from_months(&p, D(1, 1, 1), 9999 * 12, &e), 0);
    ck_assert_int_eq(iscg_date_compare(p.end, D(9999, 12, 31)), 0);
    ck_assert_int_eq(iscg_period_from_months(&p, D(9999, 12, 2), 1, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_from_months(&p, D(9999, 1, 1), 13, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_from_months(&p, D(2023, 6, 31), 12, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_from_months(NULL, D(2023, 6, 1), 12, &e), ISCG_EINVAL);

    /* explicit dates; an end before the start is an error naming both */
    ck_assert_int_eq(iscg_period_make(&p, D(2023, 9, 1), D(2023, 12, 31), &e), 0);
    ck_assert_int_eq(iscg_period_days(p), 122);
    ck_assert_int_eq(iscg_period_make(&p, D(2023, 12, 31), D(2023, 9, 1), &e), ISCG_EDATE);
    ck_assert_ptr_nonnull(strstr(e.text, "2023-09-01"));
    ck_assert_ptr_nonnull(strstr(e.text, "2023-12-31"));
    ck_assert_int_eq(iscg_period_make(&p, D(2023, 2, 29), D(2023, 9, 1), &e), ISCG_EDATE);
    ck_assert_str_eq(e.field, "start");
    ck_assert_int_eq(iscg_period_make(&p, D(2023, 1, 1), D(2023, 9, 31), &e), ISCG_EDATE);
    ck_assert_str_eq(e.field, "end");
    ck_assert_int_eq(iscg_period_make(NULL, D(2023, 1, 1), D(2023, 9, 1), &e), ISCG_EINVAL);
    iscg_period bad = {D(2023, 5, 1), D(2023, 4, 1)};
    ck_assert_int_eq(iscg_period_days(bad), 0);
    ck_assert(!iscg_period_valid(bad));

    /* containment and intersection */
    iscg_period year, part;
    int overlaps = -1;
    ck_assert_int_eq(iscg_period_year(&year, 2023), 0);
    ck_assert(iscg_period_contains(year, D(2023, 6, 15)));
    ck_assert(!iscg_period_contains(year, D(2024, 1, 1)));
    ck_assert_int_eq(iscg_period_make(&p, D(2022, 12, 3), D(2023, 12, 2), NULL), 0);
    ck_assert_int_eq(iscg_period_intersect(&part, &overlaps, p, year), 0);
    ck_assert_int_eq(overlaps, 1);
    ck_assert_int_eq(iscg_period_days(part), 336);
    ck_assert_int_eq(iscg_period_year(&year, 2021), 0);
    ck_assert_int_eq(iscg_period_intersect(&part, &overlaps, p, year), 0);
    ck_assert_int_eq(overlaps, 0);
    ck_assert_int_eq(iscg_period_intersect(&part, &overlaps, p, bad), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_intersect(NULL, &overlaps, p, year), ISCG_EINVAL);
    ck_assert_int_eq(iscg_period_year(&year, 0), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_year(NULL, 2023), ISCG_EINVAL);
}
END_TEST

/* PRO-3: Béthune's 3 Dec 2022 - 2 Dec 2023 -> 29 days in 2022 and 336 in 2023. */
START_TEST(test_pro3_split_fiscal_years)
{
    iscg_period p, parts[4];
    int years[4];
    size_t n = 0;
    ck_assert_int_eq(iscg_period_make(&p, D(2022, 12, 3), D(2023, 12, 2), NULL), 0);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 4, &n, p, 1, NULL), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(years[0], 2022);
    ck_assert_int_eq(iscg_period_days(parts[0]), 29);
    ck_assert_int_eq(years[1], 2023);
    ck_assert_int_eq(iscg_period_days(parts[1]), 336);
    ck_assert_int_eq(iscg_date_compare(parts[1].start, D(2023, 1, 1)), 0);
    /* Boulogne police station: 1 Dec 2022 - 30 Nov 2023 -> 31 + 334 */
    ck_assert_int_eq(iscg_period_from_months(&p, D(2022, 12, 1), 12, NULL), 0);
    ck_assert_int_eq(iscg_period_split_years(parts, NULL, 4, &n, p, 1, NULL), 0);
    ck_assert_int_eq(iscg_period_days(parts[0]), 31);
    ck_assert_int_eq(iscg_period_days(parts[1]), 334);
    /* a period within one year is one part */
    ck_assert_int_eq(iscg_period_make(&p, D(2023, 9, 1), D(2023, 12, 31), NULL), 0);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 4, &n, p, 1, NULL), 0);
    ck_assert_uint_eq(n, 1);
    /* fiscal years starting in July: named by the year they start in */
    ck_assert_int_eq(iscg_period_make(&p, D(2022, 12, 3), D(2023, 12, 2), NULL), 0);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 4, &n, p, 7, NULL), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(years[0], 2022);
    ck_assert_int_eq(iscg_date_compare(parts[0].end, D(2023, 6, 30)), 0);
    ck_assert_int_eq(years[1], 2023);
    /* too little room: the count needed is still given */
    iscg_error e;
    ck_assert_int_eq(iscg_period_make(&p, D(2020, 5, 1), D(2023, 4, 30), NULL), 0);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 2, &n, p, 1, &e), ISCG_ERANGE);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(iscg_period_split_years(NULL, NULL, 0, &n, p, 1, &e), ISCG_ERANGE);
    ck_assert_uint_eq(n, 4);
    /* the last possible year */
    ck_assert_int_eq(iscg_period_make(&p, D(9998, 3, 1), D(9999, 12, 31), NULL), 0);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 4, &n, p, 1, NULL), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 4, &n, p, 13, &e), ISCG_EINVAL);
    iscg_period bad = {D(2023, 5, 1), D(2023, 4, 1)};
    ck_assert_int_eq(iscg_period_split_years(parts, years, 4, &n, bad, 1, &e), ISCG_EDATE);
    ck_assert_int_eq(iscg_period_split_years(parts, years, 4, NULL, p, 1, &e), ISCG_EINVAL);
}
END_TEST

Suite *suite_date(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_date_validation);
    tcase_add_test(tc, test_date_iso_text);
    tcase_add_test(tc, test_day_numbers);
    tcase_add_test(tc, test_add_months);
    tcase_add_test(tc, test_cal1_periods);
    tcase_add_test(tc, test_pro3_split_fiscal_years);
    suite_add_tcase(s, tc);
    return s;
}
