/* SPDX-License-Identifier: Apache-2.0 */
/* Year fractions under named day-count conventions and prorated amounts
 * (PRO-1, PRO-2, PRO-3). Every fraction is an exact ratio. */
#include "internal.h"

/* ISCG_DAYCOUNT_UNSET has no name: it is not a convention. */
static const char *const daycount_names[] = {
    [ISCG_DAYCOUNT_UNSET] = NULL,
    [ISCG_DAYCOUNT_MONTHS_WHOLE] = "MONTHS_WHOLE",
    [ISCG_DAYCOUNT_MONTHS_STARTED] = "MONTHS_STARTED",
    [ISCG_DAYCOUNT_MONTHS_PRORATED] = "MONTHS_PRORATED",
    [ISCG_DAYCOUNT_30_360_US] = "30_360_US",
    [ISCG_DAYCOUNT_30_360_BOND] = "30_360_BOND",
    [ISCG_DAYCOUNT_30E_360] = "30E_360",
    [ISCG_DAYCOUNT_ACT_365F] = "ACT_365F",
    [ISCG_DAYCOUNT_ACT_ACT_ISDA] = "ACT_ACT_ISDA",
};
ISCG__ENUM(daycount, iscg_daycount, "day-count convention", daycount_names, NULL, ISCG_DAYCOUNT_COUNT + 1)

int iscg_ratio_normalize(iscg_ratio *r)
{
    if (!r || r->den <= 0 || r->num < 0)
        return ISCG_EINVAL;
    int64_t g = iscg__gcd(r->num, r->den);
    if (g > 1) {
        r->num /= g;
        r->den /= g;
    }
    return 0;
}

/* acc += n / d, kept in lowest terms. Denominators here divide 12 × lcm(28..31)
 * or 365 × 366, so nothing comes near 64 bits. */
static void ratio_add(iscg_ratio *acc, int64_t n, int64_t d)
{
    int64_t g = iscg__gcd(acc->den, d);
    int64_t den = acc->den / g * d;
    acc->num = acc->num * (d / g) + n * (acc->den / g);
    acc->den = den;
    iscg__ignore(iscg_ratio_normalize(acc));
}

/* Months counted in an inclusive period, as a ratio (PRO-1). Only the first
 * and the last month can be partly covered: every month between counts one. */
static void count_months(iscg_ratio *months, iscg_period p, iscg_daycount dc)
{
    int64_t span = (int64_t)(p.end.year - p.start.year) * 12 + (p.end.month - p.start.month) + 1;
    int dim_first = iscg_date_days_in_month(p.start.year, p.start.month);
    int dim_last = iscg_date_days_in_month(p.end.year, p.end.month);
    /* days covered in the first and the last month (the same month when span is 1) */
    int first = span == 1 ? p.end.day - p.start.day + 1 : dim_first - p.start.day + 1;
    int last = p.end.day;
    *months = (iscg_ratio){span > 2 ? span - 2 : 0, 1};
    if (dc == ISCG_DAYCOUNT_MONTHS_STARTED) {
        *months = (iscg_ratio){span, 1};
        return;
    }
    for (int k = 0; k < (span == 1 ? 1 : 2); k++) {
        int covered = k == 0 ? first : last, dim = k == 0 ? dim_first : dim_last;
        if (covered == dim)
            months->num += months->den;
        else if (dc == ISCG_DAYCOUNT_MONTHS_PRORATED)
            ratio_add(months, covered, dim);
    }
}

/* The day after an inclusive end, as plain fields (10000-01-01 allowed). */
static void day_after(int *y, int *m, int *d, iscg_date e)
{
    *y = e.year;
    *m = e.month;
    *d = e.day + 1;
    if (*d > iscg_date_days_in_month(e.year, e.month)) {
        *d = 1;
        if (++*m > 12) {
            *m = 1;
            ++*y;
        }
    }
}

static int last_of_february(int y, int m, int d)
{
    return m == 2 && d == iscg_date_days_in_month(y, 2);
}

/* 30/360 day counts between start (inclusive) and the day after end. */
static int64_t thirty_360(iscg_period p, iscg_daycount dc)
{
    int y1 = p.start.year, m1 = p.start.month, d1 = p.start.day, y2, m2, d2;
    day_after(&y2, &m2, &d2, p.end);
    switch (dc) {
    case ISCG_DAYCOUNT_30_360_US: /* end-of-month rule as in QuantLib Thirty360::USA */
        if (last_of_february(y1, m1, d1)) {
            if (last_of_february(y2, m2, d2))
                d2 = 30;
            d1 = 30;
        }
        if (d2 == 31 && d1 >= 30)
            d2 = 30;
        if (d1 == 31)
            d1 = 30;
        break;
    case ISCG_DAYCOUNT_30_360_BOND:
        if (d1 == 31)
            d1 = 30;
        if (d2 == 31 && d1 == 30)
            d2 = 30;
        break;
    default: /* 30E/360 */
        if (d1 == 31)
            d1 = 30;
        if (d2 == 31)
            d2 = 30;
        break;
    }
    return 360LL * (y2 - y1) + 30LL * (m2 - m1) + (d2 - d1);
}

static int check_args(const iscg_ratio *out, iscg_period p, iscg_daycount dc, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "fraction", "no output given for the year fraction");
    int rc = iscg__enum_check(&iscg__daycount_enum, (int)dc, "daycount", err);
    if (rc != 0)
        return rc;
    if (!iscg_period_valid(p))
        return ISCG_FAIL(err, ISCG_EDATE, "period", "%04d-%02d-%02d..%04d-%02d-%02d is not a period",
                         p.start.year, p.start.month, p.start.day, p.end.year, p.end.month,
                         p.end.day);
    return 0;
}

int iscg_months_covered(iscg_ratio *out, iscg_period p, iscg_daycount dc, iscg_error *err)
{
    int rc = check_args(out, p, dc, err);
    if (rc != 0)
        return rc;
    if (dc != ISCG_DAYCOUNT_MONTHS_WHOLE && dc != ISCG_DAYCOUNT_MONTHS_STARTED &&
        dc != ISCG_DAYCOUNT_MONTHS_PRORATED)
        return ISCG_FAIL(err, ISCG_EINVAL, "daycount", "%s does not count months",
                         iscg_daycount_name(dc));
    count_months(out, p, dc);
    return 0;
}

void iscg__months_covered(iscg_ratio *out, iscg_period p, iscg_daycount dc)
{
    count_months(out, p, dc);
}

int iscg_year_fraction(iscg_ratio *out, iscg_period p, iscg_daycount dc, iscg_error *err)
{
    int rc = check_args(out, p, dc, err);
    if (rc != 0)
        return rc;
    iscg__year_fraction(out, p, dc);
    return 0;
}

void iscg__year_fraction(iscg_ratio *out, iscg_period p, iscg_daycount dc)
{
    iscg_ratio r = {0, 1};
    switch (dc) {
    case ISCG_DAYCOUNT_UNSET: /* refused by every caller: 0/1 */
        break;
    case ISCG_DAYCOUNT_MONTHS_WHOLE:
    case ISCG_DAYCOUNT_MONTHS_STARTED:
    case ISCG_DAYCOUNT_MONTHS_PRORATED:
        count_months(&r, p, dc);
        r.den *= 12;
        break;
    case ISCG_DAYCOUNT_30_360_US:
    case ISCG_DAYCOUNT_30_360_BOND:
    case ISCG_DAYCOUNT_30E_360:
        r = (iscg_ratio){thirty_360(p, dc), 360};
        break;
    case ISCG_DAYCOUNT_ACT_365F:
        r = (iscg_ratio){iscg_period_days(p), 365};
        break;
    case ISCG_DAYCOUNT_ACT_ACT_ISDA:
        /* Days falling in each calendar year over that year's length. */
        for (int y = p.start.year; y <= p.end.year; y++) {
            iscg_period yp, part;
            int overlaps;
            iscg__ignore(iscg_period_year(&yp, y));
            iscg__ignore(iscg_period_intersect(&part, &overlaps, p, yp));
            ratio_add(&r, iscg_period_days(part), iscg_date_is_leap(y) ? 366 : 365);
        }
        break;
    }
    iscg__ignore(iscg_ratio_normalize(&r));
    *out = r;
}

int iscg_prorate(iscg_cents *out, iscg_ratio *fraction, iscg_cents annual, iscg_period covered,
                 iscg_daycount dc, iscg_cents unit, iscg_rounding mode, iscg_error *err)
{
    iscg_ratio f;
    int rc = iscg_year_fraction(&f, covered, dc, err);
    if (rc != 0)
        return rc;
    rc = iscg_money_scale(out, annual, f.num, f.den, unit, mode, err);
    if (rc != 0)
        return rc;
    if (fraction)
        *fraction = f;
    return 0;
}
