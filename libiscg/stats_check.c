/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics: the validation of a record and of a series against
 * its printed total (STAT-1, STAT-2), every error naming the post, the
 * period and the figures. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

/* The short names these files share (stats_internal.h). */
#define field_names iscg__activity_field_names
#define granularity_words iscg__granularity_words
#define field_get iscg__activity_field_get
#define is_aligned iscg__stats_is_aligned
#define period_text iscg__stats_period_text_n

/* ---- validation (STAT-1, STAT-2) ------------------------------------------ */

/* "post (site), period", the way every message names a record. */
void iscg__stats_describe(char *buf, size_t size, const char *post, const char *site, iscg_period p)
{
    char per[48];
    period_text(per, sizeof per, p);
    if (site && *site)
        snprintf(buf, size, "%s (%s), %s", post, site, per);
    else
        snprintf(buf, size, "%s, %s", post, per);
}

/* Basis points as "64.03 %". */
static void percent_text(char *buf, size_t size, int64_t bp)
{
    int64_t a = bp < 0 ? -(bp / 100) : bp / 100, b = bp < 0 ? -(bp % 100) : bp % 100;
    snprintf(buf, size, "%s%lld.%02lld %%", bp < 0 ? "-" : "", (long long)a, (long long)b);
}

/* STAT-2: the known parts of a split against its total. */
/* "women 10 + men 2", the known parts of a total, for an error message. */
static void parts_text(char *list, size_t size, const iscg_activity *a, const int *parts, size_t n)
{
    size_t len = 0;
    list[0] = 0;
    for (size_t i = 0; i < n && len < size; i++) {
        int64_t v = field_get(a, parts[i]);
        if (v == ISCG_UNKNOWN)
            continue;
        int w = snprintf(list + len, size - len, "%s%s %lld", len ? " + " : "", field_names[parts[i]],
                         (long long)v);
        len += w > 0 ? (size_t)w : 0;
    }
}

/* The record's description ("ISC Béthune (Commissariat), 2022-03"), written
 * into who[256] the first time an error needs it: checking a valid record
 * formats nothing. */
static const char *who_of(char *who, const iscg_activity *a)
{
    if (!who[0])
        iscg__stats_describe(who, 256, a->post, a->site, a->period);
    return who;
}

static int check_split(const iscg_activity *a, char *who, const int *parts, size_t n, int total,
                       iscg_error *err)
{
    char list[160];
    size_t unknown = 0;
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t v = field_get(a, parts[i]);
        if (v == ISCG_UNKNOWN) {
            unknown++;
            continue;
        }
        if (__builtin_add_overflow(sum, v, &sum))
            return iscg__fail(err, ISCG_EOVERFLOW, a->post, field_names[total], 0, 0,
                              "%s: the sum of the %s parts overflows 64 bits", who_of(who, a),
                              field_names[total]);
    }
    int64_t t = field_get(a, total);
    if (t == ISCG_UNKNOWN)
        return 0;
    if (unknown == 0 && sum != t) {
        parts_text(list, sizeof list, a, parts, n);
        return iscg__fail(err, ISCG_ETOTAL, a->post, field_names[total], 0, 0,
                          "%s: %s = %lld, not the stated %s %lld", who_of(who, a), list, (long long)sum,
                          field_names[total], (long long)t);
    }
    if (unknown > 0 && sum > t) {
        parts_text(list, sizeof list, a, parts, n);
        return iscg__fail(err, ISCG_ETOTAL, a->post, field_names[total], 0, 0,
                          "%s: the known parts (%s) sum to %lld, above the stated %s %lld", who_of(who, a),
                          list, (long long)sum, field_names[total], (long long)t);
    }
    return 0;
}

int iscg_activity_check(const iscg_activity *a, iscg_error *err)
{
    static const int referral_parts[] = {ISCG_ACTIVITY_WOMEN, ISCG_ACTIVITY_MEN,
                                         ISCG_ACTIVITY_CHILDREN};
    static const int interview_parts[] = {ISCG_ACTIVITY_INTERVIEWS_PHYSICAL,
                                          ISCG_ACTIVITY_INTERVIEWS_TELEPHONE};
    char who[256] = "";
    if (!a)
        return ISCG_FAIL(err, ISCG_EINVAL, "activity", "no activity record given");
    if (!a->post || !*a->post)
        return ISCG_FAIL(err, ISCG_EINVAL, "post", "an activity record must name its post");
    if (!iscg__is_granularity(a->granularity)) /* ISCG_PERIOD_NONE too: a zeroed record */
        return iscg__fail(err, ISCG_EINVAL, a->post, "granularity", 0, 0,
                          "%s: granularity %d is not MONTH, QUARTER, HALF_YEAR or YEAR", who_of(who, a),
                          (int)a->granularity);
    if ((unsigned)a->carrier >= ISCG_ACTIVITY_CARRIER_COUNT)
        return iscg__fail(err, ISCG_EINVAL, a->post, "carrier", 0, 0,
                          "%s: carrier kind %d is not a member", who_of(who, a), (int)a->carrier);
    if ((unsigned)a->force >= ISCG_ACTIVITY_FORCE_COUNT)
        return iscg__fail(err, ISCG_EINVAL, a->post, "force", 0, 0,
                          "%s: force %d is not a member", who_of(who, a), (int)a->force);
    if (!iscg_period_valid(a->period))
        return iscg__fail(err, ISCG_EDATE, a->post, "period", 0, 0,
                          "%s: the period is not a valid period", who_of(who, a));
    /* CAL-3: a monthly report covers exactly one calendar month, and so on. */
    if (!is_aligned(a->granularity, a->period))
        return iscg__fail(err, ISCG_EDATE, a->post, "period", 0, 0,
                          "%s: %04d-%02d-%02d..%04d-%02d-%02d is not one calendar %s", who_of(who, a),
                          a->period.start.year, a->period.start.month, a->period.start.day,
                          a->period.end.year, a->period.end.month, a->period.end.day,
                          iscg__tr_context(granularity_words[a->granularity]));
    if (a->not_reported != 0 && a->not_reported != 1)
        return iscg__fail(err, ISCG_EINVAL, a->post, "not_reported", 0, 0,
                          "%s: not_reported is %d, not 0 or 1", who_of(who, a), a->not_reported);
    for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
        int64_t v = field_get(a, f);
        if (v != ISCG_UNKNOWN && v < 0)
            return iscg__fail(err, ISCG_EINVAL, a->post, field_names[f], 0, 0,
                              "%s: %s is %lld; a count cannot be negative", who_of(who, a), field_names[f],
                              (long long)v);
    }
    int64_t vif = a->vif_basis_points;
    if (vif != ISCG_UNKNOWN && (vif < 0 || vif > ISCG_STATS_BASIS_POINTS)) {
        char pct[32];
        percent_text(pct, sizeof pct, vif);
        return iscg__fail(err, ISCG_ERANGE, a->post, "vif", 0, 0,
                          "%s: the VIF share is %lld basis points (%s), outside 0 to 100 %%", who_of(who, a),
                          (long long)vif, pct);
    }
    /* STAT-4: "not reported" is not zero, so it carries no activity figure. */
    if (a->not_reported) {
        for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++) {
            int64_t v = field_get(a, f);
            if (!IS_COVERAGE(f) && v != ISCG_UNKNOWN)
                return iscg__fail(err, ISCG_EINVAL, a->post, field_names[f], 0, 0,
                                  "%s is marked not reported but gives %s = %lld", who_of(who, a),
                                  field_names[f], (long long)v);
        }
    }
    int rc = check_split(a, who, referral_parts, 3, ISCG_ACTIVITY_REFERRALS, err);
    if (rc == 0)
        rc = check_split(a, who, interview_parts, 2, ISCG_ACTIVITY_INTERVIEWS, err);
    if (rc != 0)
        return rc;
    if (a->interviews_partners != ISCG_UNKNOWN && a->interviews != ISCG_UNKNOWN &&
        a->interviews_partners > a->interviews)
        return iscg__fail(err, ISCG_ETOTAL, a->post, "interviews_partners", 0, 0,
                          "%s: %lld interviews with partners, above the %lld interviews in all",
                          who_of(who, a), (long long)a->interviews_partners, (long long)a->interviews);
    return 0;
}

/* STAT-2: a series against its printed total. */
int iscg_stats_check_total(int64_t *sum, const int64_t *values, size_t n, int64_t stated,
                           const char *what, iscg_error *err)
{
    const char *name = what ? what : ISCG_TR("the series");
    int64_t total = 0;
    if (!values && n > 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "values", "no values given for %s", name);
    if (stated < 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "total",
                         "%s: the stated total %lld is negative or unknown", name,
                         (long long)stated);
    for (size_t i = 0; i < n; i++) {
        if (values[i] == ISCG_UNKNOWN)
            return ISCG_FAIL(err, ISCG_EINVAL, "values",
                             "%s: value %zu is unknown, so the total cannot be checked", name,
                             i + 1);
        if (values[i] < 0)
            return ISCG_FAIL(err, ISCG_EINVAL, "values",
                             "%s: value %zu is %lld; a count cannot be negative", name, i + 1,
                             (long long)values[i]);
        if (__builtin_add_overflow(total, values[i], &total))
            return ISCG_FAIL(err, ISCG_EOVERFLOW, "values", "%s: the sum overflows 64 bits", name);
    }
    if (sum)
        *sum = total;
    /* Both are >= 0, so the difference cannot overflow. */
    if (total != stated)
        return ISCG_FAIL(
            err, ISCG_ETOTAL, "total",
            "%s: the %zu values sum to %lld, the stated total is %lld (difference %lld)", name, n,
            (long long)total, (long long)stated, (long long)(stated - total));
    return 0;
}
