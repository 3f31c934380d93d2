/* SPDX-License-Identifier: Apache-2.0 */
/* Civil dates, inclusive periods, durations and fiscal-year splits
 * (CAL-1, PRO-3). Proleptic Gregorian calendar, years 1 to 9999. */
#include <stdio.h>

#include "internal.h"

int iscg_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int iscg_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && iscg_date_is_leap(year));
}

int iscg_date_valid(iscg_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= iscg_date_days_in_month(d.year, d.month);
}

static int date_fail(iscg_error *err, const char *field, iscg_date d)
{
    return ISCG_FAIL(err, ISCG_EDATE, field, "%04d-%02d-%02d is not a date", d.year, d.month, d.day);
}

int iscg_date_make(iscg_date *out, int year, int month, int day, iscg_error *err)
{
    iscg_date d = {year, month, day};
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "date", "no output given for the date");
    if (!iscg_date_valid(d))
        return date_fail(err, "date", d);
    *out = d;
    return 0;
}

int iscg_date_parse(iscg_date *out, const char *text, iscg_error *err)
{
    static const char shape[] = "dddd-dd-dd";
    int v[3] = {0, 0, 0};
    if (!out || !text)
        return ISCG_FAIL(err, ISCG_EINVAL, "date", "no date text given");
    for (int i = 0; i < 10; i++) {
        char c = text[i];
        int want_digit = shape[i] == 'd';
        if (want_digit ? (c < '0' || c > '9') : c != '-')
            return iscg__fail(err, ISCG_EPARSE, NULL, "date", 1, i + 1,
                              "\"%.40s\" is not an ISO 8601 date YYYY-MM-DD (column %d)", text, i + 1);
        if (want_digit) {
            int k = i < 4 ? 0 : (i < 7 ? 1 : 2);
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    if (text[10] != '\0')
        return iscg__fail(err, ISCG_EPARSE, NULL, "date", 1, 11,
                          "\"%.40s\" is not an ISO 8601 date YYYY-MM-DD: text after the day", text);
    iscg_date d = {v[0], v[1], v[2]};
    if (!iscg_date_valid(d))
        return iscg__fail(err, ISCG_EDATE, NULL, "date", 1, 1, "%s is not a date", text);
    *out = d;
    return 0;
}

int iscg_date_format(char *buf, size_t size, iscg_date d)
{
    if (!buf || size < ISCG_DATE_TEXT_LENGTH)
        return ISCG_EINVAL;
    if (!iscg_date_valid(d)) {
        buf[0] = '\0';
        return ISCG_EDATE;
    }
    return snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

int iscg_date_compare(iscg_date a, iscg_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

/* Days since 1970-01-01 of a (valid) civil date: H. Hinnant's days_from_civil. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *year, int *month, int *day)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

#define DAY_ONE_OFFSET (-719162) /* days_from_civil(1, 1, 1) */
#define LAST_DAY 3652059         /* iscg_date_to_days(9999-12-31) */

int64_t iscg_date_to_days(iscg_date d)
{
    if (!iscg_date_valid(d))
        return 0;
    return days_from_civil(d.year, d.month, d.day) - DAY_ONE_OFFSET + 1;
}

int iscg_date_from_days(iscg_date *out, int64_t days)
{
    if (!out)
        return ISCG_EINVAL;
    if (days < 1 || days > LAST_DAY)
        return ISCG_EDATE;
    civil_from_days(days + DAY_ONE_OFFSET - 1, &out->year, &out->month, &out->day);
    return 0;
}

int iscg_date_add_days(iscg_date *out, iscg_date d, int64_t days, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "date", "no output given for the date");
    if (!iscg_date_valid(d))
        return date_fail(err, "date", d);
    if (days > LAST_DAY || days < -LAST_DAY || iscg_date_from_days(out, iscg_date_to_days(d) + days) != 0)
        return ISCG_FAIL(err, ISCG_EDATE, "days",
                         "%04d-%02d-%02d plus %lld days falls outside years 1 to 9999", d.year,
                         d.month, d.day, (long long)days);
    return 0;
}

/* Month index (year * 12 + month - 1) + months, checked against 1..9999. */
static int shift_month(int *year, int *month, iscg_date d, int months)
{
    int64_t idx = (int64_t)d.year * 12 + (d.month - 1) + months;
    if (idx < 12 || idx > 9999LL * 12 + 11)
        return ISCG_EDATE;
    *year = (int)(idx / 12);
    *month = (int)(idx % 12) + 1;
    return 0;
}

int iscg_date_add_months(iscg_date *out, iscg_date d, int months, iscg_error *err)
{
    int y, m;
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "date", "no output given for the date");
    if (!iscg_date_valid(d))
        return date_fail(err, "date", d);
    if (shift_month(&y, &m, d, months) != 0)
        return ISCG_FAIL(err, ISCG_EDATE, "months",
                         "%04d-%02d-%02d plus %d months falls outside years 1 to 9999", d.year,
                         d.month, d.day, months);
    int dim = iscg_date_days_in_month(y, m);
    out->year = y;
    out->month = m;
    out->day = d.day > dim ? dim : d.day;
    return 0;
}

int iscg_period_valid(iscg_period p)
{
    return iscg_date_valid(p.start) && iscg_date_valid(p.end) && iscg_date_compare(p.start, p.end) <= 0;
}

int iscg_period_make(iscg_period *out, iscg_date start, iscg_date end, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "period", "no output given for the period");
    if (!iscg_date_valid(start))
        return date_fail(err, "start", start);
    if (!iscg_date_valid(end))
        return date_fail(err, "end", end);
    if (iscg_date_compare(start, end) > 0)
        return ISCG_FAIL(err, ISCG_EDATE, "end",
                         "the period ends on %04d-%02d-%02d, before it starts on %04d-%02d-%02d",
                         end.year, end.month, end.day, start.year, start.month, start.day);
    out->start = start;
    out->end = end;
    return 0;
}

int iscg_period_from_months(iscg_period *out, iscg_date start, int months, iscg_error *err)
{
    int y, m;
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "period", "no output given for the period");
    if (months < 1)
        return ISCG_FAIL(err, ISCG_EINVAL, "months", "a duration of %d months is not positive", months);
    if (!iscg_date_valid(start))
        return date_fail(err, "start", start);
    if (shift_month(&y, &m, start, months) != 0) {
        /* 10000-01-01 is out of range, the day before it is not: a period
         * starting on the 1st can end on 9999-12-31 */
        if (start.day == 1 && shift_month(&y, &m, start, months - 1) == 0 && y == 9999 && m == 12) {
            out->start = start;
            out->end = (iscg_date){9999, 12, 31};
            return 0;
        }
        return ISCG_FAIL(err, ISCG_EDATE, "months",
                         "%04d-%02d-%02d plus %d months ends after 9999-12-31", start.year,
                         start.month, start.day, months);
    }
    /* It ends the day before the same day number, months later; when the
     * target month has no such day (31 January + 1 month), it ends on the
     * target month's last day. */
    iscg_date end;
    int dim = iscg_date_days_in_month(y, m);
    if (start.day > dim) {
        end = (iscg_date){y, m, dim};
    } else {
        iscg_date same = {y, m, start.day};
        if (iscg_date_from_days(&end, iscg_date_to_days(same) - 1) != 0)
            return ISCG_EDATE; /* unreachable: same >= 0001-02-01 */
    }
    out->start = start;
    out->end = end;
    return 0;
}

int64_t iscg_period_days(iscg_period p)
{
    if (!iscg_period_valid(p))
        return 0;
    return iscg_date_to_days(p.end) - iscg_date_to_days(p.start) + 1;
}

int iscg_period_contains(iscg_period p, iscg_date d)
{
    return iscg_period_valid(p) && iscg_date_valid(d) && iscg_date_compare(p.start, d) <= 0 &&
           iscg_date_compare(d, p.end) <= 0;
}

int iscg_period_intersect(iscg_period *out, int *overlaps, iscg_period a, iscg_period b)
{
    if (!out || !overlaps)
        return ISCG_EINVAL;
    if (!iscg_period_valid(a) || !iscg_period_valid(b))
        return ISCG_EDATE;
    iscg_date s = iscg_date_compare(a.start, b.start) >= 0 ? a.start : b.start;
    iscg_date e = iscg_date_compare(a.end, b.end) <= 0 ? a.end : b.end;
    *overlaps = iscg_date_compare(s, e) <= 0;
    if (*overlaps) {
        out->start = s;
        out->end = e;
    }
    return 0;
}

int iscg_period_year(iscg_period *out, int year)
{
    if (!out)
        return ISCG_EINVAL;
    if (year < 1 || year > 9999)
        return ISCG_EDATE;
    out->start = (iscg_date){year, 1, 1};
    out->end = (iscg_date){year, 12, 31};
    return 0;
}

int iscg_period_split_years(iscg_period *parts, int *fiscal_years, size_t capacity,
                            size_t *count, iscg_period p, int first_month, iscg_error *err)
{
    if (!count || (!parts && capacity > 0))
        return ISCG_FAIL(err, ISCG_EINVAL, "parts", "no output given for the parts");
    if (first_month < 1 || first_month > 12)
        return ISCG_FAIL(err, ISCG_EINVAL, "first_month", "fiscal years cannot start in month %d",
                         first_month);
    if (!iscg_period_valid(p))
        return ISCG_FAIL(err, ISCG_EDATE, "period", "%04d-%02d-%02d..%04d-%02d-%02d is not a period",
                         p.start.year, p.start.month, p.start.day, p.end.year, p.end.month, p.end.day);
    /* The fiscal year containing the start, named by the year it begins in. */
    int fy = p.start.year - (p.start.month < first_month);
    size_t n = 0;
    iscg_date cur = p.start;
    for (;;) {
        /* The fiscal year fy ends the day before (fy + 1, first_month, 1). */
        iscg_date next_start = {fy + 1, first_month, 1};
        iscg_date fy_end;
        int last = next_start.year > 9999 || iscg_date_compare(p.end, next_start) < 0;
        if (last)
            fy_end = p.end;
        else
            iscg__ignore(iscg_date_from_days(&fy_end, iscg_date_to_days(next_start) - 1));
        if (n < capacity) {
            parts[n].start = cur;
            parts[n].end = fy_end;
            if (fiscal_years)
                fiscal_years[n] = fy;
        }
        n++;
        if (last)
            break;
        cur = next_start;
        fy++;
    }
    *count = n;
    if (n > capacity)
        return ISCG_FAIL(err, ISCG_ERANGE, "capacity", "the period spans %zu fiscal years, room for %zu",
                         n, capacity);
    return 0;
}
