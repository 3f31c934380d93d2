/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics, their vocabulary: the names of the enums, the
 * figures of a record, the calendar periods records cover and exact shares
 * (STAT-1, STAT-5, STAT-6). Counts are int64_t, every sum is checked, shares
 * and rates are exact ratios rounded under a named mode: no floating point.
 * Validation is in stats_check.c, the collection in stats_store.c, the
 * aggregated table in stats_table.c, the plain sums in stats_sums.c. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

/* The short names these files share (stats_internal.h). */
#define field_names iscg__activity_field_names
#define granularity_words iscg__granularity_words
#define carrier_names iscg__activity_carrier_names
#define force_names iscg__activity_force_names
#define field_set iscg__activity_field_set
#define same_period iscg__same_period
#define is_aligned iscg__stats_is_aligned
#define period_text iscg__stats_period_text_n
#define measure_make iscg__stats_measure_make

/* ---- names and fields ---------------------------------------------------- */

const char *const iscg__activity_field_names[] = {
    [ISCG_ACTIVITY_WOMEN] = "women",
    [ISCG_ACTIVITY_MEN] = "men",
    [ISCG_ACTIVITY_CHILDREN] = "children",
    [ISCG_ACTIVITY_REFERRALS] = "referrals",
    [ISCG_ACTIVITY_INTERVIEWS] = "interviews",
    [ISCG_ACTIVITY_INTERVIEWS_PHYSICAL] = "interviews_physical",
    [ISCG_ACTIVITY_INTERVIEWS_TELEPHONE] = "interviews_telephone",
    [ISCG_ACTIVITY_INTERVIEWS_PARTNERS] = "interviews_partners",
    [ISCG_ACTIVITY_EPCI] = "epci",
    [ISCG_ACTIVITY_COMMUNES] = "communes",
    [ISCG_ACTIVITY_POPULATION] = "population",
    [ISCG_ACTIVITY_VIF] = "vif",
};
ISCG__ENUM(activity_field, iscg_activity_field, "record field", field_names, NULL, ISCG_ACTIVITY_FIELD_COUNT)

const size_t iscg__activity_field_offset[ISCG_ACTIVITY_FIELD_COUNT] = {
    offsetof(iscg_activity, women),
    offsetof(iscg_activity, men),
    offsetof(iscg_activity, children),
    offsetof(iscg_activity, referrals),
    offsetof(iscg_activity, interviews),
    offsetof(iscg_activity, interviews_physical),
    offsetof(iscg_activity, interviews_telephone),
    offsetof(iscg_activity, interviews_partners),
    offsetof(iscg_activity, epci),
    offsetof(iscg_activity, communes),
    offsetof(iscg_activity, population),
    offsetof(iscg_activity, vif_basis_points),
};

/* The granularities' names and months are the period kinds' (calendar.c);
 * here, the word a sentence says for one period of each. */
const char *const iscg__granularity_words[ISCG_PERIOD_KIND_COUNT] = {
    [ISCG_PERIOD_NONE] = NULL,
    [ISCG_PERIOD_MONTH] = ISCG_NC_("granularity", "month"),
    [ISCG_PERIOD_QUARTER] = ISCG_NC_("granularity", "quarter"),
    [ISCG_PERIOD_HALF_YEAR] = ISCG_NC_("granularity", "half-year"),
    [ISCG_PERIOD_YEAR] = ISCG_NC_("granularity", "year"),
};
#define granularity_months iscg__period_months

const char *const iscg__activity_carrier_names[] = {
    [ISCG_ACTIVITY_CARRIER_UNSPECIFIED] = "UNSPECIFIED",
    [ISCG_ACTIVITY_CARRIER_DEPARTEMENT] = "DEPARTEMENT",
    [ISCG_ACTIVITY_CARRIER_EPCI] = "EPCI",
    [ISCG_ACTIVITY_CARRIER_ASSOCIATION] = "ASSOCIATION",
};
ISCG__ENUM(activity_carrier, iscg_activity_carrier, "carrier kind", carrier_names, NULL, ISCG_ACTIVITY_CARRIER_COUNT)

const char *const iscg__activity_force_names[] = {
    [ISCG_ACTIVITY_FORCE_UNSPECIFIED] = "UNSPECIFIED",
    [ISCG_ACTIVITY_POLICE] = "POLICE",
    [ISCG_ACTIVITY_GENDARMERIE] = "GENDARMERIE",
    [ISCG_ACTIVITY_BOTH] = "BOTH",
};
ISCG__ENUM(activity_force, iscg_activity_force, "force", force_names, NULL, ISCG_ACTIVITY_FORCE_COUNT)

static const char *const key_names[] = {
    [ISCG_STATS_BY_ALL] = "ALL",         [ISCG_STATS_BY_POST] = "POST",
    [ISCG_STATS_BY_CARRIER] = "CARRIER", [ISCG_STATS_BY_FORCE] = "FORCE",
    [ISCG_STATS_BY_TERRITORY] = "TERRITORY",
};
ISCG__ENUM(stats_key, iscg_stats_key, "grouping key", key_names, NULL, ISCG_STATS_KEY_COUNT)

static const char *const gap_names[] = {
    [ISCG_STATS_GAP_NOT_REPORTED] = "NOT_REPORTED",
    [ISCG_STATS_GAP_UNKNOWN] = "UNKNOWN",
    [ISCG_STATS_GAP_INCOMPLETE] = "INCOMPLETE",
};
ISCG__ENUM(stats_gap_kind, iscg_stats_gap_kind, "gap kind", gap_names, NULL, ISCG_STATS_GAP_KIND_COUNT)

static const char *const cell_state_names[] = {
    [ISCG_STATS_CELL_PUBLISHED] = "PUBLISHED",
    [ISCG_STATS_CELL_UNKNOWN] = "UNKNOWN",
    [ISCG_STATS_CELL_SUPPRESSED] = "SUPPRESSED",
    [ISCG_STATS_CELL_COMPLEMENTARY] = "COMPLEMENTARY",
};
ISCG__ENUM(stats_cell_state, iscg_stats_cell_state, "cell state", cell_state_names, NULL,
           ISCG_STATS_CELL_STATE_COUNT)

void iscg_activity_init(iscg_activity *a)
{
    if (!a)
        return;
    memset(a, 0, sizeof *a);
    a->granularity = ISCG_PERIOD_YEAR;
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        field_set(a, f, ISCG_UNKNOWN);
}

/* ---- periods ------------------------------------------------------------- */

#define date_key iscg__date_key

/* The period of granularity g that contains the valid date d. */
iscg_period iscg__stats_containing(iscg_stats_granularity g, iscg_date d)
{
    int len = granularity_months[g];
    int first = (d.month - 1) / len * len + 1, last = first + len - 1;
    iscg_period p = {{d.year, first, 1}, {d.year, last, iscg_date_days_in_month(d.year, last)}};
    return p;
}

int iscg__stats_is_aligned(iscg_stats_granularity g, iscg_period p)
{
    return iscg_period_valid(p) && same_period(iscg__stats_containing(g, p.start), p);
}

int iscg_stats_period(iscg_period *out, iscg_stats_granularity g, int year, int index,
                      iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "period", "no output given for the period");
    if (!iscg__is_granularity(g))
        return ISCG_FAIL(err, ISCG_EINVAL, "granularity", "granularity %d is not a member",
                         (int)g);
    int count = 12 / granularity_months[g];
    if (index < 1 || index > count)
        return ISCG_FAIL(err, ISCG_EINVAL, "index", "a year has no %s number %d (1 to %d)",
                         iscg__tr_context(granularity_words[g]), index, count);
    if (year < 1 || year > 9999)
        return ISCG_FAIL(err, ISCG_EDATE, "year", "year %d lies outside 1 to 9999", year);
    iscg_date first = {year, (index - 1) * granularity_months[g] + 1, 1};
    *out = iscg__stats_containing(g, first);
    return 0;
}

int iscg_stats_period_granularity(iscg_stats_granularity *out, iscg_period p)
{
    if (!out)
        return ISCG_EINVAL;
    for (int g = ISCG_PERIOD_MONTH; g <= ISCG_PERIOD_YEAR; g++) {
        if (is_aligned((iscg_stats_granularity)g, p)) {
            *out = (iscg_stats_granularity)g;
            return 0;
        }
    }
    return ISCG_EDATE;
}

/* Writes p as its calendar name, or as its two dates (even invalid ones:
 * error messages show what they were given). */
int iscg__stats_period_text_n(char *buf, size_t size, iscg_period p)
{
    iscg_stats_granularity g;
    if (iscg_stats_period_granularity(&g, p) != 0)
        return snprintf(buf, size, "%04d-%02d-%02d..%04d-%02d-%02d", p.start.year, p.start.month,
                        p.start.day, p.end.year, p.end.month, p.end.day);
    switch (g) {
    case ISCG_PERIOD_MONTH: return snprintf(buf, size, "%04d-%02d", p.start.year, p.start.month);
    case ISCG_PERIOD_QUARTER:
        return snprintf(buf, size, "%04d-Q%d", p.start.year, (p.start.month - 1) / 3 + 1);
    case ISCG_PERIOD_HALF_YEAR:
        return snprintf(buf, size, "%04d-H%d", p.start.year, (p.start.month - 1) / 6 + 1);
    default: return snprintf(buf, size, "%04d", p.start.year);
    }
}

void iscg__stats_period_text(char *buf, size_t size, iscg_period p)
{
    period_text(buf, size, p);
}

int iscg__stats_misfit(iscg_error *err, const iscg_stats *s, size_t misfit, iscg_stats_granularity per)
{
    iscg_activity a;
    iscg__stats_record(s, misfit, &a);
    char who[256];
    iscg__stats_describe(who, sizeof who, a.post, a.site, a.period);
    return iscg__fail(err, ISCG_EDATE, a.post, "period", 0, 0, "%s: a %s record cannot be counted by %s", who,
                      iscg__tr_context(granularity_words[a.granularity]),
                      iscg__tr_context(granularity_words[per]));
}

int iscg_stats_period_format(char *buf, size_t size, iscg_period p)
{
    if (!buf || size < ISCG_STATS_PERIOD_TEXT_LENGTH)
        return ISCG_EINVAL;
    if (!iscg_period_valid(p)) {
        buf[0] = '\0';
        return ISCG_EDATE;
    }
    return period_text(buf, size, p);
}

/* ---- measures (STAT-5, STAT-6) ---------------------------------------------- */

static iscg__i128 gcd128(iscg__i128 a, iscg__i128 b)
{
    if (a >= 0 && b >= 0 && a <= INT64_MAX && b <= INT64_MAX) { /* the usual case, in 64 bits */
        uint64_t x = (uint64_t)a, y = (uint64_t)b;
        while (y != 0) {
            uint64_t t = x % y;
            x = y;
            y = t;
        }
        return (iscg__i128)x;
    }
    while (b != 0) {
        iscg__i128 t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

/* num / den (num >= 0, den >= 0) as an exact ratio and rounded at scale. */
int iscg__stats_measure_make(iscg_stats_measure *m, iscg__i128 num, iscg__i128 den, int64_t scale,
                        iscg_rounding mode, int64_t weight, size_t used, size_t excluded)
{
    memset(m, 0, sizeof *m);
    m->exact.den = 1;
    m->scale = scale;
    m->rounding = mode;
    m->weight = weight;
    m->used = used;
    m->excluded = excluded;
    if (den <= 0)
        return 0;
    iscg__i128 g = num == 0 ? den : gcd128(num, den), q;
    iscg_ratio exact;
    if (iscg__narrow(&exact.num, num / g) != 0 || iscg__narrow(&exact.den, den / g) != 0)
        return ISCG_EOVERFLOW;
    int rc = iscg__round_div(&q, NULL, num * scale, den, (int)mode);
    if (rc != 0)
        return rc;
    if (iscg__narrow(&m->scaled, q) != 0)
        return ISCG_EOVERFLOW;
    m->exact = exact;
    m->defined = 1;
    return 0;
}

int iscg_stats_share(iscg_stats_measure *out, int64_t part, int64_t whole, iscg_rounding mode,
                     iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "share", "no output given for the share");
    if (!iscg__rounding_valid((int)mode))
        return ISCG_FAIL(err, ISCG_EINVAL, "mode", "rounding mode %d is not a member", (int)mode);
    if (part < 0 || whole < 0)
        return ISCG_FAIL(err, ISCG_EINVAL, part < 0 ? "part" : "whole",
                         "a share of %lld in %lld: counts cannot be negative or unknown",
                         (long long)part, (long long)whole);
    if (part > whole)
        return ISCG_FAIL(err, ISCG_ERANGE, "part", "a share of %lld in %lld would be above 100 %%",
                         (long long)part, (long long)whole);
    int rc = measure_make(out, part, whole, ISCG_STATS_BASIS_POINTS, mode, whole, 0, 0);
    if (rc == ISCG_EROUNDING)
        return ISCG_FAIL(err, rc, "mode", "%lld / %lld is not a whole number of basis points",
                         (long long)part, (long long)whole);
    return rc;
}

/* ---- long calls that may be canceled --------------------------------------- */

int iscg__stats_poll_init(iscg__stats_poll *poll, const iscg_stats_options *opts, iscg_error *err)
{
    memset(poll, 0, sizeof *poll);
    if (!opts)
        return 0;
    if (opts->version != ISCG_STATS_OPTIONS_VERSION)
        return ISCG_FAIL(err, ISCG_EINVAL, "version",
                         "statistics options of version %u, not %d: start from ISCG_STATS_OPTIONS_INIT",
                         opts->version, ISCG_STATS_OPTIONS_VERSION);
    poll->fn = opts->cancel;
    poll->ctx = opts->cancel_ctx;
    return 0;
}

int iscg__stats_canceled(iscg_error *err, const char *what)
{
    return ISCG_FAIL(err, ISCG_ECANCELED, "stats", "%s was canceled (its cancel function asked it to stop)",
                     ISCG_TR(what));
}
