/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: dates and periods (CAL-1, PRO-3).
 *
 * Input: a first line given whole to iscg_date_parse(), then the tokens
 *   MONTHS DAYS END FIRST_MONTH
 * (integers and a date; an unparsable date is taken by its raw fields, so
 * that invalid dates are fuzzed too). When the first line is not a date its
 * raw fields give the start. Seeds: fuzz/corpus/date/.
 *
 * Invariants: a parsed date is valid and formats back to the same text; day
 * numbers and dates convert both ways; adding months or days lands where the
 * calendar says; a period of N months ends the day before the same day N
 * months later (or on that month's last day); a period's fiscal-year parts
 * are contiguous, each within one fiscal year, and cover it exactly; nothing
 * is written past a caller's array and a failure leaves outputs untouched. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(iscg_date a, iscg_date b)
{
    return iscg_date_compare(a, b) == 0;
}

static void check_parse(const char *line, iscg_date *d)
{
    iscg_error e;
    iscg_date got = {-7, -7, -7};
    int rc = iscg_date_parse(&got, line, &e);
    if (rc == 0) {
        char buf[ISCG_DATE_TEXT_LENGTH];
        FUZZ_CHECK(iscg_date_valid(got), "parsed an invalid date");
        FUZZ_CHECK(iscg_date_format(buf, sizeof buf, got) == 10 && strcmp(buf, line) == 0,
                   "\"%s\" formats back as \"%s\"", line, buf);
        *d = got;
        return;
    }
    FUZZ_CHECK(rc == ISCG_EPARSE || rc == ISCG_EDATE, "code %d", rc);
    FUZZ_CHECK(got.year == -7 && got.month == -7 && got.day == -7, "the output was written on failure");
    FUZZ_CHECK(e.code == rc && e.text[0] != '\0', "report code %d for %d", e.code, rc);
    if (fuzz_date_fields(d, line) < 1)
        *d = (iscg_date){0, 0, 0};
}

static void check_days(iscg_date d, int64_t days)
{
    int64_t n = iscg_date_to_days(d);
    iscg_date back, out;
    if (!iscg_date_valid(d)) {
        FUZZ_CHECK(n == 0, "an invalid date has day number %lld", (long long)n);
        FUZZ_CHECK(iscg_date_add_days(&out, d, days, NULL) == ISCG_EDATE, "days added to an invalid date");
        return;
    }
    FUZZ_CHECK(n >= 1 && n <= 3652059, "day number %lld", (long long)n);
    FUZZ_CHECK(iscg_date_from_days(&back, n) == 0 && same(back, d), "day %lld does not give the date back",
               (long long)n);
    int rc = iscg_date_add_days(&out, d, days, NULL);
    int64_t want = n + (days > 4000000 ? 4000000 : days < -4000000 ? -4000000 : days);
    if (want >= 1 && want <= 3652059) {
        FUZZ_CHECK(rc == 0 && iscg_date_valid(out) && iscg_date_to_days(out) == want, "%04d-%02d-%02d + %lld days",
                   d.year, d.month, d.day, (long long)days);
    } else {
        FUZZ_CHECK(rc == ISCG_EDATE, "%04d-%02d-%02d + %lld days gave %d", d.year, d.month, d.day,
                   (long long)days, rc);
    }
}

static void check_months(iscg_date d, int months)
{
    iscg_date out = {-7, -7, -7};
    int rc = iscg_date_add_months(&out, d, months, NULL);
    int64_t idx = (int64_t)d.year * 12 + d.month - 1 + months;
    int in_range = idx >= 12 && idx <= 9999LL * 12 + 11;
    if (!iscg_date_valid(d) || !in_range) {
        FUZZ_CHECK(rc == ISCG_EDATE && out.year == -7, "%d-%d-%d + %d months gave %d", d.year, d.month, d.day,
                   months, rc);
        return;
    }
    FUZZ_CHECK(rc == 0 && iscg_date_valid(out), "%04d-%02d-%02d + %d months gave %d", d.year, d.month, d.day,
               months, rc);
    int dim = iscg_date_days_in_month(out.year, out.month);
    FUZZ_CHECK((int64_t)out.year * 12 + out.month - 1 == idx, "wrong month");
    FUZZ_CHECK(out.day == (d.day < dim ? d.day : dim), "day %d for %d in a month of %d", out.day, d.day, dim);

    /* the period of that many months from d (CAL-1) */
    iscg_period p = {{-7, -7, -7}, {-7, -7, -7}};
    rc = iscg_period_from_months(&p, d, months, NULL);
    if (months < 1) {
        FUZZ_CHECK(rc == ISCG_EINVAL && p.start.year == -7, "%d months gave %d", months, rc);
        return;
    }
    FUZZ_CHECK(rc == 0 && iscg_period_valid(p) && same(p.start, d), "%04d-%02d-%02d for %d months gave %d",
               d.year, d.month, d.day, months, rc);
    iscg_date want = out;
    if (d.day <= dim) /* the day before the same day, months later */
        FUZZ_CHECK(iscg_date_add_days(&want, out, -1, NULL) == 0, "no day before");
    FUZZ_CHECK(same(p.end, want), "%04d-%02d-%02d for %d months ends on %04d-%02d-%02d", d.year, d.month, d.day,
               months, p.end.year, p.end.month, p.end.day);
}

static void check_split(iscg_date start, iscg_date end, int first_month)
{
    iscg_period p = {start, end}, q;
    int rc = iscg_period_make(&q, start, end, NULL);
    FUZZ_CHECK((rc == 0) == iscg_period_valid(p), "period_make gave %d", rc);
    size_t count = 0;
    rc = iscg_period_split_years(NULL, NULL, 0, &count, p, first_month, NULL);
    if (first_month < 1 || first_month > 12) {
        FUZZ_CHECK(rc == ISCG_EINVAL, "first month %d gave %d", first_month, rc);
        return;
    }
    if (!iscg_period_valid(p)) {
        FUZZ_CHECK(rc == ISCG_EDATE, "an invalid period gave %d", rc);
        FUZZ_CHECK(iscg_period_days(p) == 0, "an invalid period has days");
        return;
    }
    FUZZ_CHECK(rc == ISCG_ERANGE && count >= 1 && count <= 10000, "%zu parts, %d", count, rc);
    /* one part short, in a heap array of exactly that size: nothing is written past it */
    if (count > 1) {
        size_t n = 0;
        iscg_period *few = malloc((count - 1) * sizeof *few);
        int *fyears = malloc((count - 1) * sizeof *fyears);
        if (!few || !fyears)
            abort();
        rc = iscg_period_split_years(few, fyears, count - 1, &n, p, first_month, NULL);
        FUZZ_CHECK(rc == ISCG_ERANGE && n == count, "capacity %zu gave %d and %zu", count - 1, rc, n);
        free(few);
        free(fyears);
    }
    iscg_period *parts = malloc(count * sizeof *parts);
    int *fy = malloc(count * sizeof *fy);
    if (!parts || !fy)
        abort();
    size_t n = 0;
    rc = iscg_period_split_years(parts, fy, count, &n, p, first_month, NULL);
    FUZZ_CHECK(rc == 0 && n == count, "capacity %zu gave %d and %zu", count, rc, n);
    int64_t days = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(iscg_period_valid(parts[i]), "part %zu is not a period", i);
        days += iscg_period_days(parts[i]);
        /* within fiscal year fy[i]: from fy[i]-first_month-01 to the day before a year later */
        iscg_date fy_start = {fy[i], first_month, 1}, next = {fy[i] + 1, first_month, 1};
        FUZZ_CHECK(iscg_date_compare(parts[i].start, fy_start) >= 0 && iscg_date_compare(parts[i].end, next) < 0,
                   "part %zu lies outside fiscal year %d", i, fy[i]);
        if (i > 0) {
            iscg_date after;
            FUZZ_CHECK(iscg_date_add_days(&after, parts[i - 1].end, 1, NULL) == 0 && same(after, parts[i].start),
                       "part %zu does not follow part %zu", i, i - 1);
            FUZZ_CHECK(fy[i] == fy[i - 1] + 1, "fiscal years %d then %d", fy[i - 1], fy[i]);
        }
    }
    FUZZ_CHECK(same(parts[0].start, start) && same(parts[n - 1].end, end), "the parts do not span the period");
    FUZZ_CHECK(days == iscg_period_days(p), "%lld days in parts of a %lld-day period", (long long)days,
               (long long)iscg_period_days(p));
    free(parts);
    free(fy);

    /* the overlap of the period with its first day */
    iscg_period one = {start, start}, common;
    int overlaps = -1;
    FUZZ_CHECK(iscg_period_intersect(&common, &overlaps, p, one) == 0 && overlaps == 1 && same(common.start, start) &&
                   same(common.end, start),
               "a period does not contain its first day");
    FUZZ_CHECK(iscg_period_contains(p, end), "a period does not contain its last day");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    char *rest = fuzz_next_line(text);
    iscg_date d;
    check_parse(text, &d);
    int months = (int)fuzz_i64(&rest);
    int64_t days = fuzz_i64(&rest);
    iscg_date end = fuzz_date(&rest);
    int first_month = (int)fuzz_i64(&rest);

    check_days(d, days);
    check_months(d, months);
    check_split(d, end, first_month);

    free(text);
    return 0;
}
