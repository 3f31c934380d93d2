/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics: records, validation, the collection and aggregation
 * (STAT-1 to STAT-6). Counts are int64_t, every sum is checked, shares and
 * rates are exact ratios rounded under a named mode: no floating point. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats_internal.h"

/* ---- names and fields ---------------------------------------------------- */

static const char *const field_names[] = {
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
ISCG__ENUM(activity_field, iscg_activity_field, "field", field_names, NULL, ISCG_ACTIVITY_FIELD_COUNT)

static const size_t field_offset[ISCG_ACTIVITY_FIELD_COUNT] = {
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

static const char *const granularity_names[] = {
    [ISCG_STATS_MONTH] = "MONTH", [ISCG_STATS_QUARTER] = "QUARTER",
    [ISCG_STATS_HALF_YEAR] = "HALF_YEAR", [ISCG_STATS_YEAR] = "YEAR",
};
ISCG__ENUM(stats_granularity, iscg_stats_granularity, "granularity", granularity_names, NULL,
           ISCG_STATS_GRANULARITY_COUNT)
static const char *const granularity_words[ISCG_STATS_GRANULARITY_COUNT] = {
    "month", "quarter", "half-year", "year",
};
const int iscg__granularity_months[ISCG_STATS_GRANULARITY_COUNT] = {1, 3, 6, 12};
#define granularity_months iscg__granularity_months

static const char *const carrier_names[] = {
    [ISCG_ACTIVITY_CARRIER_UNSPECIFIED] = "UNSPECIFIED",
    [ISCG_ACTIVITY_CARRIER_DEPARTEMENT] = "DEPARTEMENT",
    [ISCG_ACTIVITY_CARRIER_EPCI] = "EPCI",
    [ISCG_ACTIVITY_CARRIER_ASSOCIATION] = "ASSOCIATION",
};
ISCG__ENUM(activity_carrier, iscg_activity_carrier, "carrier kind", carrier_names, NULL, ISCG_ACTIVITY_CARRIER_COUNT)

static const char *const force_names[] = {
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

/* The activity figures, summed over records; the others describe coverage. */
#define IS_COVERAGE(f) ((f) == ISCG_ACTIVITY_EPCI || (f) == ISCG_ACTIVITY_COMMUNES || \
                        (f) == ISCG_ACTIVITY_POPULATION)
/* The figures whose absence a gap lists (STAT-4); the optional ones are left out. */
#define GAP_FIELDS                                                                             \
    ((1u << ISCG_ACTIVITY_WOMEN) | (1u << ISCG_ACTIVITY_MEN) | (1u << ISCG_ACTIVITY_CHILDREN) | \
     (1u << ISCG_ACTIVITY_REFERRALS) | (1u << ISCG_ACTIVITY_INTERVIEWS) |                      \
     (1u << ISCG_ACTIVITY_EPCI) | (1u << ISCG_ACTIVITY_COMMUNES) | (1u << ISCG_ACTIVITY_VIF))

static int64_t field_get(const iscg_activity *a, int f)
{
    int64_t v;
    memcpy(&v, (const char *)a + field_offset[f], sizeof v);
    return v;
}

static void field_set(iscg_activity *a, int f, int64_t v)
{
    memcpy((char *)a + field_offset[f], &v, sizeof v);
}

void iscg_activity_init(iscg_activity *a)
{
    if (!a)
        return;
    memset(a, 0, sizeof *a);
    a->granularity = ISCG_STATS_YEAR;
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        field_set(a, f, ISCG_ACTIVITY_UNKNOWN);
}

/* ---- periods ------------------------------------------------------------- */

#define date_key iscg__date_key

/* Days of a valid period (days-from-civil, inclusive). */
static inline int64_t days_of(iscg_period p)
{
    int64_t n[2];
    iscg_date d[2] = {p.start, p.end};
    for (int k = 0; k < 2; k++) {
        int64_t y = d[k].year - (d[k].month <= 2);
        int64_t era = y / 400, yoe = y - era * 400;
        int64_t doy = (153 * (d[k].month + (d[k].month > 2 ? -3 : 9)) + 2) / 5 + d[k].day - 1;
        n[k] = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
    }
    return n[1] - n[0] + 1;
}

static int same_period(iscg_period a, iscg_period b)
{
    return iscg_date_compare(a.start, b.start) == 0 && iscg_date_compare(a.end, b.end) == 0;
}

/* The period of granularity g that contains the valid date d. */
iscg_period iscg__stats_containing(iscg_stats_granularity g, iscg_date d)
{
    int len = granularity_months[g];
    int first = (d.month - 1) / len * len + 1, last = first + len - 1;
    iscg_period p = {{d.year, first, 1}, {d.year, last, iscg_date_days_in_month(d.year, last)}};
    return p;
}

static int is_aligned(iscg_stats_granularity g, iscg_period p)
{
    return iscg_period_valid(p) && same_period(iscg__stats_containing(g, p.start), p);
}

int iscg_stats_period(iscg_period *out, iscg_stats_granularity g, int year, int index,
                      iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "period", "no output given for the period");
    if ((unsigned)g >= ISCG_STATS_GRANULARITY_COUNT)
        return ISCG_FAIL(err, ISCG_EINVAL, "granularity", "granularity %d is not a member",
                         (int)g);
    int count = 12 / granularity_months[g];
    if (index < 1 || index > count)
        return ISCG_FAIL(err, ISCG_EINVAL, "index", "a year has no %s number %d (1 to %d)",
                         granularity_words[g], index, count);
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
    for (int g = 0; g < ISCG_STATS_GRANULARITY_COUNT; g++) {
        if (is_aligned((iscg_stats_granularity)g, p)) {
            *out = (iscg_stats_granularity)g;
            return 0;
        }
    }
    return ISCG_EDATE;
}

/* Writes p as its calendar name, or as its two dates (even invalid ones:
 * error messages show what they were given). */
static int period_text(char *buf, size_t size, iscg_period p)
{
    iscg_stats_granularity g;
    if (iscg_stats_period_granularity(&g, p) != 0)
        return snprintf(buf, size, "%04d-%02d-%02d..%04d-%02d-%02d", p.start.year, p.start.month,
                        p.start.day, p.end.year, p.end.month, p.end.day);
    switch (g) {
    case ISCG_STATS_MONTH: return snprintf(buf, size, "%04d-%02d", p.start.year, p.start.month);
    case ISCG_STATS_QUARTER:
        return snprintf(buf, size, "%04d-Q%d", p.start.year, (p.start.month - 1) / 3 + 1);
    case ISCG_STATS_HALF_YEAR:
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
                      granularity_words[a.granularity], granularity_words[per]);
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
        if (v == ISCG_ACTIVITY_UNKNOWN)
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
        if (v == ISCG_ACTIVITY_UNKNOWN) {
            unknown++;
            continue;
        }
        if (__builtin_add_overflow(sum, v, &sum))
            return iscg__fail(err, ISCG_EOVERFLOW, a->post, field_names[total], 0, 0,
                              "%s: the sum of the %s parts overflows 64 bits", who_of(who, a),
                              field_names[total]);
    }
    int64_t t = field_get(a, total);
    if (t == ISCG_ACTIVITY_UNKNOWN)
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
    if ((unsigned)a->granularity >= ISCG_STATS_GRANULARITY_COUNT)
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
                          granularity_words[a->granularity]);
    if (a->not_reported != 0 && a->not_reported != 1)
        return iscg__fail(err, ISCG_EINVAL, a->post, "not_reported", 0, 0,
                          "%s: not_reported is %d, not 0 or 1", who_of(who, a), a->not_reported);
    for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
        int64_t v = field_get(a, f);
        if (v != ISCG_ACTIVITY_UNKNOWN && v < 0)
            return iscg__fail(err, ISCG_EINVAL, a->post, field_names[f], 0, 0,
                              "%s: %s is %lld; a count cannot be negative", who_of(who, a), field_names[f],
                              (long long)v);
    }
    int64_t vif = a->vif_basis_points;
    if (vif != ISCG_ACTIVITY_UNKNOWN && (vif < 0 || vif > ISCG_STATS_BASIS_POINTS)) {
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
            if (!IS_COVERAGE(f) && v != ISCG_ACTIVITY_UNKNOWN)
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
    if (a->interviews_partners != ISCG_ACTIVITY_UNKNOWN && a->interviews != ISCG_ACTIVITY_UNKNOWN &&
        a->interviews_partners > a->interviews)
        return iscg__fail(err, ISCG_ETOTAL, a->post, "interviews_partners", 0, 0,
                          "%s: %lld interviews with partners, above the %lld interviews in all",
                          who_of(who, a), (long long)a->interviews_partners, (long long)a->interviews);
    return 0;
}

/* ---- the collection -------------------------------------------------------- */

typedef iscg__pool pool;

void iscg__pool_free(pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->texts[i]);
    free(p->texts);
    iscg__index_free(&p->ix);
}

/* *place = the place of the pool's copy of s in p->texts, made if new;
 * SIZE_MAX for NULL or "". 0 or ISCG_ENOMEM. */
static int pool_place(pool *p, const char *s, size_t *place)
{
    *place = SIZE_MAX;
    if (!s || !*s)
        return 0;
    uint64_t h = iscg__hash_text(s);
    iscg__probe probe;
    iscg__index_probe(&probe, &p->ix, h);
    for (long i; (i = iscg__index_next(&probe)) >= 0;)
        if (strcmp(p->texts[i], s) == 0) {
            *place = (size_t)i;
            return 0;
        }
    if (iscg__index_reserve(&p->ix, p->n + 1) != 0 || iscg__reserve_one(&p->texts, p->n, sizeof *p->texts) != 0)
        return ISCG_ENOMEM;
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (!copy)
        return ISCG_ENOMEM;
    memcpy(copy, s, len);
    p->texts[p->n] = copy;
    iscg__index_put(&p->ix, h, p->n);
    *place = p->n++;
    return 0;
}

int iscg__pool_intern(pool *p, const char *s, const char **out)
{
    size_t place;
    *out = NULL;
    if (pool_place(p, s, &place) != 0)
        return ISCG_ENOMEM;
    if (place != SIZE_MAX)
        *out = p->texts[place];
    return 0;
}

typedef iscg__series series;
typedef iscg__stored stored;

int iscg_stats_new(iscg_stats **out)
{
    if (!out)
        return ISCG_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : ISCG_ENOMEM;
}

void iscg_stats_free(iscg_stats *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nseries; i++)
        free(s->series[i].recs);
    free(s->series);
    free(s->post_series);
    iscg__index_free(&s->series_ix);
    iscg__pool_free(&s->texts);
    free(s->items);
    free(s->aside);
    free(s);
}

static uint64_t series_hash(const char *post, const char *site)
{
    return iscg__hash_mix(iscg__hash_text(post), site ? iscg__hash_text(site) : 0);
}

/* The series of the post at place post_place in s->texts and of site
 * (interned; may be NULL), made if new; -1 on ENOMEM. */
static long series_of(iscg_stats *s, size_t post_place, const char *site)
{
    const char *post = s->texts.texts[post_place];
    uint64_t h = series_hash(post, site);
    iscg__probe probe;
    iscg__index_probe(&probe, &s->series_ix, h);
    for (long i; (i = iscg__index_next(&probe)) >= 0;)
        if (s->series[i].post == post && s->series[i].site == site) /* interned: same text, same pointer */
            return i;
    if (s->post_series_cap < s->texts.n) {
        size_t cap = 2 * s->texts.n;
        size_t *grown = realloc(s->post_series, cap * sizeof *grown);
        if (!grown)
            return -1;
        memset(grown + s->post_series_cap, 0, (cap - s->post_series_cap) * sizeof *grown);
        s->post_series = grown;
        s->post_series_cap = cap;
    }
    if (iscg__index_reserve(&s->series_ix, s->nseries + 1) != 0 ||
        iscg__reserve_one(&s->series, s->nseries, sizeof *s->series) != 0)
        return -1;
    series *se = &s->series[s->nseries];
    se->post = post;
    se->site = site;
    if (!s->post_series[post_place])
        s->post_series[post_place] = s->nseries + 1;
    se->post_series = s->post_series[post_place] - 1;
    se->recs = NULL;
    se->n = 0;
    iscg__index_put(&s->series_ix, h, s->nseries);
    return (long)s->nseries++;
}

/* A total left unknown is the sum of its parts when they are all known. */
static void derive_total(iscg_activity *a, const int *parts, size_t n, int total)
{
    int64_t sum = 0;
    if (field_get(a, total) != ISCG_ACTIVITY_UNKNOWN)
        return;
    for (size_t i = 0; i < n; i++) {
        int64_t v = field_get(a, parts[i]);
        if (v == ISCG_ACTIVITY_UNKNOWN)
            return;
        sum += v; /* checked by iscg_activity_check() */
    }
    field_set(a, total, sum);
}

/* The months of record r: its first, and its last. */
static int32_t first_month(iscg_date d)
{
    return (int32_t)d.year * 12 + d.month - 1;
}

static int32_t last_month(const stored *r)
{
    return r->month + granularity_months[r->granularity] - 1;
}

/* Whether every figure of a fits in 32 bits, unknown ones as ISCG__UNKNOWN32. */
static int narrow(const iscg_activity *a)
{
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++) {
        int64_t v = field_get(a, f);
        if (v != ISCG_ACTIVITY_UNKNOWN && (uint64_t)v >= ISCG__UNKNOWN32)
            return 0;
    }
    return 1;
}

int iscg_stats_add(iscg_stats *s, const iscg_activity *a, iscg_error *err)
{
    static const int referral_parts[] = {ISCG_ACTIVITY_WOMEN, ISCG_ACTIVITY_MEN,
                                         ISCG_ACTIVITY_CHILDREN};
    static const int interview_parts[] = {ISCG_ACTIVITY_INTERVIEWS_PHYSICAL,
                                          ISCG_ACTIVITY_INTERVIEWS_TELEPHONE};
    if (!s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection given");
    int rc = iscg_activity_check(a, err);
    if (rc != 0)
        return rc;
    iscg_activity v = *a; /* with its totals derived */
    derive_total(&v, referral_parts, 3, ISCG_ACTIVITY_REFERRALS);
    derive_total(&v, interview_parts, 2, ISCG_ACTIVITY_INTERVIEWS);
    /* Every allocation first: on failure the collection holds the same records
     * (at most a name or an empty series more, which nothing shows). */
    long si;
    const series *last = s->nseries ? &s->series[s->last_series] : NULL;
    if (last && strcmp(last->post, a->post) == 0 && (a->site && *a->site ? last->site && strcmp(last->site, a->site) == 0
                                                                         : !last->site)) {
        /* the same post (and site) as the record before: a series of records
         * is usually added in a row, without a lookup */
        si = (long)s->last_series;
    } else {
        size_t post;
        const char *site;
        if (pool_place(&s->texts, a->post, &post) != 0 || iscg__pool_intern(&s->texts, a->site, &site) != 0)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        if ((si = series_of(s, post, site)) < 0)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    }
    size_t territory, note;
    if (pool_place(&s->texts, a->territory, &territory) != 0 || pool_place(&s->texts, a->note, &note) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    if (s->n >= ISCG__STATS_MAX || (size_t)si >= ISCG__STATS_MAX ||
        (territory != SIZE_MAX && territory >= ISCG__STATS_MAX))
        return iscg__fail(err, ISCG_ERANGE, a->post, "post", 0, 0,
                          "%s: a collection holds at most %lu records, posts and names", a->post,
                          (unsigned long)ISCG__STATS_MAX);
    s->last_series = (size_t)si;
    series *se = &s->series[si];
    /* the place of the new record: after every record starting no later
     * (records usually come in order: after the last one, checked first) */
    int32_t start = first_month(a->period.start), end = start + granularity_months[a->granularity] - 1;
    size_t lo = 0, hi = se->n;
    if (hi > 0 && s->items[se->recs[hi - 1]].month <= start)
        lo = hi;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->items[se->recs[mid]].month <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t clash = SIZE_MAX;
    if (lo > 0 && last_month(&s->items[se->recs[lo - 1]]) >= start)
        clash = se->recs[lo - 1];
    else if (lo < se->n && s->items[se->recs[lo]].month <= end)
        clash = se->recs[lo];
    if (clash != SIZE_MAX) {
        char who[256], per[48];
        iscg_activity held;
        iscg__stats_record(s, clash, &held);
        iscg__stats_describe(who, sizeof who, a->post, se->site, a->period);
        period_text(per, sizeof per, held.period);
        return iscg__fail(err, ISCG_EDUPLICATE, a->post, "period", 0, 0,
                          "%s overlaps the record for %s already held", who, per);
    }
    int aside = note != SIZE_MAX || !narrow(&v);
    if (iscg__reserve_one(&se->recs, se->n, sizeof *se->recs) != 0 ||
        (aside && iscg__reserve_one(&s->aside, s->naside, sizeof *s->aside) != 0))
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        stored *items = realloc(s->items, cap * sizeof *items);
        if (!items)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        s->items = items;
        s->cap = cap;
    }
    stored *r = &s->items[s->n];
    r->month = start;
    r->series = (uint32_t)si;
    r->territory = territory == SIZE_MAX ? 0 : (uint32_t)(territory + 1);
    r->granularity = (uint8_t)a->granularity;
    r->carrier = (uint8_t)a->carrier;
    r->force = (uint8_t)a->force;
    r->flags = a->not_reported ? ISCG__NOT_REPORTED : 0;
    if (aside) {
        iscg__aside *x = &s->aside[s->naside];
        for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
            x->fig[f] = field_get(&v, f);
        x->note = note == SIZE_MAX ? NULL : s->texts.texts[note];
        memset(r->fig, 0, sizeof r->fig);
        r->fig[0] = (uint32_t)s->naside;
        r->fig[1] = (uint32_t)((uint64_t)s->naside >> 32);
        r->flags |= ISCG__ASIDE;
        s->naside++;
    } else {
        for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++) {
            int64_t x = field_get(&v, f);
            r->fig[f] = x == ISCG_ACTIVITY_UNKNOWN ? ISCG__UNKNOWN32 : (uint32_t)x;
        }
    }
    if (s->n == 0 || start < s->first_month)
        s->first_month = start;
    if (s->n == 0 || end > s->last_month)
        s->last_month = end;
    memmove(&se->recs[lo + 1], &se->recs[lo], (se->n - lo) * sizeof *se->recs);
    se->recs[lo] = (uint32_t)s->n; /* below ISCG__STATS_MAX */
    se->n++;
    s->n++;
    return 0;
}

void iscg__stats_record(const iscg_stats *s, size_t i, iscg_activity *out)
{
    const stored *r = &s->items[i];
    const series *se = &s->series[r->series];
    int year = r->month / 12, month = r->month % 12 + 1, last = month + granularity_months[r->granularity] - 1;
    out->post = se->post;
    out->site = se->site;
    out->granularity = (iscg_stats_granularity)r->granularity;
    out->period = (iscg_period){{year, month, 1}, {year, last, iscg_date_days_in_month(year, last)}};
    out->not_reported = (r->flags & ISCG__NOT_REPORTED) != 0;
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        field_set(out, f, iscg__stored_figure(s, r, f));
    out->note = r->flags & ISCG__ASIDE ? iscg__stored_aside(s, r)->note : NULL;
    out->carrier = (iscg_activity_carrier)r->carrier;
    out->force = (iscg_activity_force)r->force;
    out->territory = r->territory ? s->texts.texts[r->territory - 1] : NULL;
}

size_t iscg_stats_count(const iscg_stats *s)
{
    return s ? s->n : 0;
}

int iscg_stats_get(iscg_activity *out, const iscg_stats *s, size_t index)
{
    if (!out || !s)
        return ISCG_EINVAL;
    if (index >= s->n)
        return ISCG_ERANGE;
    iscg__stats_record(s, index, out);
    return 0;
}

/* STAT-2: a series against its printed total. */
int iscg_stats_check_total(int64_t *sum, const int64_t *values, size_t n, int64_t stated,
                           const char *what, iscg_error *err)
{
    const char *name = what ? what : "the series";
    int64_t total = 0;
    if (!values && n > 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "values", "no values given for %s", name);
    if (stated < 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "total",
                         "%s: the stated total %lld is negative or unknown", name,
                         (long long)stated);
    for (size_t i = 0; i < n; i++) {
        if (values[i] == ISCG_ACTIVITY_UNKNOWN)
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
static int measure_make(iscg_stats_measure *m, iscg__i128 num, iscg__i128 den, int64_t scale,
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

/* ---- aggregation (STAT-3, STAT-4) -------------------------------------------- */

/* A post (or site) within a row: its coverage, its latest coverage figures. */
typedef struct contrib {
    size_t series;     /* its post and site in the collection */
    size_t first;      /* its first record, for the order of the rows' gaps */
    int64_t days;      /* days its records cover */
    iscg_date last_end;
    int64_t coverage[3]; /* epci, communes, population of its latest record */
    int referrals_known; /* every record gave its referrals */
    int64_t referrals;
} contrib;

typedef struct bucket {
    iscg_stats_row row;
    size_t order; /* its first record: rows of a period come in the records' order */
    const char *key; /* interned in the table's names */
    iscg_stats_gap *gaps;
    size_t *gap_rec; /* the record of each gap, for their order */
    size_t gap_cap;
    contrib *contribs;
    size_t ncontrib; /* its capacity: iscg__reserve_one()'s */
    int64_t vif_num, vif_weight, plain_sum, ipr_interviews, ipr_referrals;
    size_t vif_used, vif_excluded, plain_n, ipr_used, ipr_excluded;
} bucket;

/* A (row, post or site) pair: where its contribution lies. */
typedef struct cref {
    size_t bucket, series, k;
} cref;

struct iscg_stats_table {
    bucket *b;
    size_t n, cap;
    size_t *rank;          /* the rows in their order: period, groups, total */
    pool names;            /* row keys and the posts and sites of gaps */
    iscg__index bucket_ix; /* rows by key and period */
    /* while the table is built: */
    iscg__index contrib_ix;
    cref *crefs;
    size_t ncrefs, crefs_cap;
};

void iscg_stats_table_free(iscg_stats_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->b[i].gaps);
        free(t->b[i].gap_rec);
        free(t->b[i].contribs);
    }
    free(t->rank);
    iscg__pool_free(&t->names);
    iscg__index_free(&t->bucket_ix);
    iscg__index_free(&t->contrib_ix);
    free(t->crefs);
    free(t->b);
    free(t);
}

/* The hash of a row: its key (NULL for the period's total) and period. */
static uint64_t bucket_hash(const char *key, iscg_period p)
{
    uint64_t h = key ? iscg__hash_text(key) : 0x746f74616cu; /* "total" */
    return iscg__hash_mix(iscg__hash_mix(h, (uint64_t)(key != NULL)),
                          ((uint64_t)date_key(p.start) << 23) | (uint64_t)date_key(p.end));
}

static long find_bucket(const iscg_stats_table *t, const char *key, iscg_period p)
{
    iscg__probe probe;
    iscg__index_probe(&probe, &t->bucket_ix, bucket_hash(key, p));
    for (long i; (i = iscg__index_next(&probe)) >= 0;) {
        const bucket *b = &t->b[i];
        if (same_period(b->row.period, p) && (key ? !b->row.is_total && strcmp(b->key, key) == 0
                                                  : b->row.is_total))
            return i;
    }
    return -1;
}

/* The row of key and period, made if new; NULL on ENOMEM. */
static bucket *get_bucket(iscg_stats_table *t, const char *key, iscg_period p)
{
    long i = find_bucket(t, key, p);
    if (i >= 0)
        return &t->b[i];
    const char *k;
    if (iscg__reserve(&t->b, &t->cap, t->n + 1, sizeof *t->b) != 0 ||
        iscg__index_reserve(&t->bucket_ix, t->n + 1) != 0 ||
        iscg__pool_intern(&t->names, key ? key : "total", &k) != 0)
        return NULL;
    bucket *b = &t->b[t->n];
    memset(b, 0, sizeof *b);
    b->key = k ? k : ""; /* "" for records without a territory */
    b->order = SIZE_MAX;
    b->row.key = b->key;
    b->row.is_total = key == NULL;
    b->row.period = p;
    iscg__index_put(&t->bucket_ix, bucket_hash(key, p), t->n++);
    return b;
}

static int add_gap(bucket *b, iscg_stats_gap g, size_t rec)
{
    size_t cap = b->gap_cap;
    if (iscg__reserve(&b->gaps, &cap, b->row.gap_count + 1, sizeof *b->gaps) != 0)
        return ISCG_ENOMEM;
    if (cap != b->gap_cap) {
        size_t *recs = realloc(b->gap_rec, cap * sizeof *recs);
        if (!recs)
            return ISCG_ENOMEM; /* the gaps grew, not their count: a later call grows both */
        b->gap_rec = recs;
        b->gap_cap = cap;
    }
    b->gap_rec[b->row.gap_count] = rec;
    b->gaps[b->row.gap_count++] = g;
    return 0;
}

static int sum_fail(iscg_error *err, const bucket *b, const char *what)
{
    char per[48];
    period_text(per, sizeof per, b->row.period);
    return ISCG_FAIL(err, ISCG_EOVERFLOW, what, "%s, %s: the sum of %s overflows 64 bits",
                     b->row.key, per, what);
}

#define ADD_CHECKED(sum, v, b, what)                      \
    do {                                                  \
        if (__builtin_add_overflow((sum), (v), &(sum)))   \
            return sum_fail(err, (b), (what));            \
    } while (0)

/* Counts record i (a) into row b and its post's contribution c. */
static int accumulate(iscg_stats_table *t, bucket *b, contrib *c, const iscg_activity *a, size_t i,
                      iscg_error *err)
{
    iscg_stats_row *row = &b->row;
    row->records++;
    if (i < b->order)
        b->order = i;
    unsigned unknown = 0;
    /* the activity figures, summed; coverage is counted per post below, the VIF share weighted */
    for (int f = 0; f < ISCG_ACTIVITY_EPCI; f++) {
        int64_t v = field_get(a, f);
        if (v == ISCG_ACTIVITY_UNKNOWN) {
            unknown |= 1u << f;
            row->count[f].missing++;
        } else {
            ADD_CHECKED(row->count[f].value, v, b, field_names[f]);
            row->count[f].known++;
        }
    }
    for (int f = ISCG_ACTIVITY_EPCI; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        if (field_get(a, f) == ISCG_ACTIVITY_UNKNOWN)
            unknown |= 1u << f;
    if (a->not_reported || (unknown & GAP_FIELDS) != 0) {
        iscg_stats_gap gap = {ISCG_STATS_GAP_NOT_REPORTED, NULL, NULL, a->period, 0, 0};
        if (!a->not_reported) {
            gap.kind = ISCG_STATS_GAP_UNKNOWN;
            gap.fields = unknown & GAP_FIELDS;
        }
        if (iscg__pool_intern(&t->names, a->post, &gap.post) != 0 || iscg__pool_intern(&t->names, a->site, &gap.site) != 0 ||
            add_gap(b, gap, i) != 0)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    }
    if (a->not_reported) {
        row->not_reported++;
    } else {
        /* STAT-5: a share without its referrals (or the reverse) is left out, and counted. */
        if (a->vif_basis_points != ISCG_ACTIVITY_UNKNOWN && a->referrals != ISCG_ACTIVITY_UNKNOWN) {
            int64_t w;
            if (__builtin_mul_overflow(a->referrals, a->vif_basis_points, &w))
                return sum_fail(err, b, "referrals x VIF share");
            ADD_CHECKED(b->vif_num, w, b, "referrals x VIF share");
            ADD_CHECKED(b->vif_weight, a->referrals, b, "referrals");
            b->vif_used++;
        } else {
            b->vif_excluded++;
        }
        if (a->vif_basis_points != ISCG_ACTIVITY_UNKNOWN) {
            ADD_CHECKED(b->plain_sum, a->vif_basis_points, b, "VIF shares");
            b->plain_n++;
        }
        /* STAT-6: interviews per referral over the records giving both. */
        if (a->interviews != ISCG_ACTIVITY_UNKNOWN && a->referrals != ISCG_ACTIVITY_UNKNOWN) {
            ADD_CHECKED(b->ipr_interviews, a->interviews, b, "interviews");
            ADD_CHECKED(b->ipr_referrals, a->referrals, b, "referrals");
            b->ipr_used++;
        } else {
            b->ipr_excluded++;
        }
    }
    /* the post (or site) within the row: coverage days and latest coverage figures */
    if (i < c->first)
        c->first = i;
    c->days += days_of(a->period);
    if (c->last_end.year == 0 || date_key(a->period.end) > date_key(c->last_end)) {
        c->last_end = a->period.end;
        c->coverage[0] = a->epci;
        c->coverage[1] = a->communes;
        c->coverage[2] = a->population;
    }
    if (a->referrals == ISCG_ACTIVITY_UNKNOWN)
        c->referrals_known = 0;
    else
        ADD_CHECKED(c->referrals, a->referrals, b, "referrals");
    return 0;
}

/* A row with more posts than this finds them by hash (a total row, a row
 * by carrier); below, by a look at each (a post's own row). */
#define FEW_CONTRIBS 8

/* The contribution of series sid to row bi, made if new; its index in the
 * row, or -1 on ENOMEM. */
static long contrib_of(iscg_stats_table *t, size_t bi, size_t sid)
{
    bucket *b = &t->b[bi];
    if (b->ncontrib <= FEW_CONTRIBS) {
        for (size_t k = 0; k < b->ncontrib; k++)
            if (b->contribs[k].series == sid)
                return (long)k;
    } else {
        iscg__probe probe;
        iscg__index_probe(&probe, &t->contrib_ix, iscg__hash_mix(bi, sid));
        for (long k; (k = iscg__index_next(&probe)) >= 0;)
            if (t->crefs[k].bucket == bi && t->crefs[k].series == sid)
                return (long)t->crefs[k].k;
    }
    /* a new one; the row's first FEW_CONTRIBS are indexed when it passes them */
    size_t indexing = b->ncontrib < FEW_CONTRIBS ? 0 : b->ncontrib == FEW_CONTRIBS ? FEW_CONTRIBS + 1 : 1;
    if (iscg__reserve_one(&b->contribs, b->ncontrib, sizeof *b->contribs) != 0 ||
        (indexing && (iscg__index_reserve(&t->contrib_ix, t->ncrefs + indexing) != 0 ||
                      iscg__reserve(&t->crefs, &t->crefs_cap, t->ncrefs + indexing, sizeof *t->crefs) != 0)))
        return -1;
    contrib *c = &b->contribs[b->ncontrib];
    memset(c, 0, sizeof *c);
    c->series = sid;
    c->first = SIZE_MAX;
    c->referrals_known = 1;
    b->ncontrib++;
    for (size_t k = b->ncontrib - indexing; k < b->ncontrib; k++) {
        t->crefs[t->ncrefs] = (cref){bi, b->contribs[k].series, k};
        iscg__index_put(&t->contrib_ix, iscg__hash_mix(bi, b->contribs[k].series), t->ncrefs++);
    }
    return (long)b->ncontrib - 1;
}

#define MERGE_SUM(dst, src)                                           \
    do {                                                              \
        if (__builtin_add_overflow((dst), (src), &(dst)))             \
            return sum_fail(err, tb, "a total");                      \
    } while (0)

/* Adds group row g into its period's total row (tb): the counts, measures'
 * parts, gaps and each post's contribution. */
static int merge_into_total(iscg_stats_table *t, size_t gi, size_t ti, iscg_error *err)
{
    const bucket *g = &t->b[gi];
    bucket *tb = &t->b[ti];
    tb->row.records += g->row.records;
    tb->row.not_reported += g->row.not_reported;
    if (g->order < tb->order)
        tb->order = g->order;
    for (int f = 0; f < ISCG_ACTIVITY_EPCI; f++) {
        MERGE_SUM(tb->row.count[f].value, g->row.count[f].value);
        tb->row.count[f].known += g->row.count[f].known;
        tb->row.count[f].missing += g->row.count[f].missing;
    }
    MERGE_SUM(tb->vif_num, g->vif_num);
    MERGE_SUM(tb->vif_weight, g->vif_weight);
    MERGE_SUM(tb->plain_sum, g->plain_sum);
    MERGE_SUM(tb->ipr_interviews, g->ipr_interviews);
    MERGE_SUM(tb->ipr_referrals, g->ipr_referrals);
    tb->vif_used += g->vif_used;
    tb->vif_excluded += g->vif_excluded;
    tb->plain_n += g->plain_n;
    tb->ipr_used += g->ipr_used;
    tb->ipr_excluded += g->ipr_excluded;
    for (size_t k = 0; k < g->row.gap_count; k++)
        if (add_gap(tb, t->b[gi].gaps[k], t->b[gi].gap_rec[k]) != 0)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    for (size_t k = 0; k < t->b[gi].ncontrib; k++) {
        const contrib src = t->b[gi].contribs[k];
        long ck = contrib_of(t, ti, src.series);
        if (ck < 0)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        tb = &t->b[ti];
        contrib *c = &tb->contribs[ck];
        if (src.first < c->first)
            c->first = src.first;
        c->days += src.days;
        if (c->last_end.year == 0 || date_key(src.last_end) > date_key(c->last_end)) {
            c->last_end = src.last_end;
            memcpy(c->coverage, src.coverage, sizeof c->coverage);
        }
        c->referrals_known &= src.referrals_known;
        MERGE_SUM(c->referrals, src.referrals);
    }
    return 0;
}

typedef struct gap_at {
    iscg_stats_gap gap;
    size_t rec;
} gap_at;

static int gap_order(const void *x, const void *y)
{
    const gap_at *a = x, *b = y;
    return a->rec < b->rec ? -1 : (a->rec > b->rec);
}

static int contrib_order(const void *x, const void *y)
{
    const contrib *a = x, *b = y;
    return a->first < b->first ? -1 : (a->first > b->first);
}

/* Puts a row's gaps and contributions in the order of their records, as a
 * walk over the records in the collection's order would have met them. */
static int order_row(bucket *b)
{
    size_t n = b->row.gap_count;
    if (n > 1) {
        gap_at *tmp = malloc(n * sizeof *tmp);
        if (!tmp)
            return ISCG_ENOMEM;
        for (size_t k = 0; k < n; k++)
            tmp[k] = (gap_at){b->gaps[k], b->gap_rec[k]};
        qsort(tmp, n, sizeof *tmp, gap_order);
        for (size_t k = 0; k < n; k++) {
            b->gaps[k] = tmp[k].gap;
            b->gap_rec[k] = tmp[k].rec;
        }
        free(tmp);
    }
    if (b->ncontrib > 1)
        qsort(b->contribs, b->ncontrib, sizeof *b->contribs, contrib_order);
    return 0;
}

/* Coverage figures, coverage gaps and the measures of a finished row. */
static int finish(iscg_stats_table *t, bucket *b, const iscg_stats *s, iscg_rounding mode,
                  iscg_error *err)
{
    static const int coverage_field[3] = {ISCG_ACTIVITY_EPCI, ISCG_ACTIVITY_COMMUNES,
                                          ISCG_ACTIVITY_POPULATION};
    iscg_stats_row *row = &b->row;
    int64_t days = iscg_period_days(row->period), refs = 0, pop = 0;
    size_t rate_used = 0, rate_excluded = 0;
    for (size_t k = 0; k < b->ncontrib; k++) {
        contrib *c = &b->contribs[k];
        for (int j = 0; j < 3; j++) {
            iscg_stats_sum *cnt = &row->count[coverage_field[j]];
            if (c->coverage[j] == ISCG_ACTIVITY_UNKNOWN) {
                cnt->missing++;
                continue;
            }
            ADD_CHECKED(cnt->value, c->coverage[j], b, field_names[coverage_field[j]]);
            cnt->known++;
        }
        /* STAT-4: a post that reported only part of the period is listed. */
        if (c->days < days) {
            iscg_stats_gap gap = {ISCG_STATS_GAP_INCOMPLETE, NULL, NULL, row->period, 0, c->days};
            row->incomplete++;
            if (iscg__pool_intern(&t->names, s->series[c->series].post, &gap.post) != 0 ||
                iscg__pool_intern(&t->names, s->series[c->series].site, &gap.site) != 0 || add_gap(b, gap, SIZE_MAX) != 0)
                return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        }
        /* STAT-6: per inhabitant only where the population and every referral count are known. */
        if (c->coverage[2] != ISCG_ACTIVITY_UNKNOWN && c->referrals_known) {
            ADD_CHECKED(refs, c->referrals, b, "referrals");
            ADD_CHECKED(pop, c->coverage[2], b, "population");
            rate_used++;
        } else {
            rate_excluded++;
        }
    }
    const iscg__i128 bp = ISCG_STATS_BASIS_POINTS;
    int rc = measure_make(&row->vif, b->vif_num, b->vif_weight * bp, ISCG_STATS_BASIS_POINTS, mode,
                          b->vif_weight, b->vif_used, b->vif_excluded);
    if (rc == 0)
        rc = measure_make(&row->vif_plain_mean, b->plain_sum, (iscg__i128)b->plain_n * bp,
                          ISCG_STATS_BASIS_POINTS, mode, (int64_t)b->plain_n, b->plain_n, 0);
    if (rc == 0)
        rc = measure_make(&row->interviews_per_referral, b->ipr_interviews, b->ipr_referrals,
                          ISCG_STATS_RATE_SCALE, mode, b->ipr_referrals, b->ipr_used,
                          b->ipr_excluded);
    if (rc == 0)
        rc = measure_make(&row->referrals_per_thousand, (iscg__i128)refs * 1000, pop,
                          ISCG_STATS_RATE_SCALE, mode, pop, rate_used, rate_excluded);
    if (rc != 0) {
        char per[48];
        period_text(per, sizeof per, row->period);
        return ISCG_FAIL(err, rc, "rounding", "%s, %s: a share or rate %s", row->key, per,
                         rc == ISCG_EROUNDING ? "needs rounding and the mode is UNNECESSARY"
                                              : "does not fit in 64 bits");
    }
    row->gaps = b->gaps;
    return 0;
}

/* A row's place: by period, its groups in the order of their first records,
 * then its total. The rows stay where they were built; t->rank lists them
 * in this order. */
typedef struct row_place {
    int32_t start;
    int is_total;
    size_t order, index;
} row_place;

static int place_order(const void *x, const void *y)
{
    const row_place *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->is_total != b->is_total)
        return a->is_total - b->is_total;
    return a->order < b->order ? -1 : (a->order > b->order);
}

/* Fills t->rank; 0 or ISCG_ENOMEM. */
static int rank_rows(iscg_stats_table *t)
{
    size_t n = t->n;
    row_place *places = malloc((n ? n : 1) * sizeof *places);
    t->rank = malloc((n ? n : 1) * sizeof *t->rank);
    if (!places || !t->rank) {
        free(places);
        return ISCG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        places[i] = (row_place){date_key(t->b[i].row.period.start), t->b[i].row.is_total, t->b[i].order, i};
    qsort(places, n, sizeof *places, place_order);
    for (size_t k = 0; k < n; k++)
        t->rank[k] = places[k].index;
    free(places);
    return 0;
}

/* The key of the records without a territory: one pointer for them all. */
static const char no_territory[] = "";

const char *iscg__stats_group_key(const iscg_activity *a, iscg_stats_key by)
{
    switch (by) {
    case ISCG_STATS_BY_POST: return a->post;
    case ISCG_STATS_BY_CARRIER: return carrier_names[a->carrier];
    case ISCG_STATS_BY_FORCE: return force_names[a->force];
    case ISCG_STATS_BY_TERRITORY: return a->territory ? a->territory : no_territory;
    default: return NULL;
    }
}

const char *iscg__stats_stored_key(const iscg_stats *s, const iscg__stored *r, iscg_stats_key by)
{
    switch (by) {
    case ISCG_STATS_BY_POST: return s->series[r->series].post;
    case ISCG_STATS_BY_CARRIER: return carrier_names[r->carrier];
    case ISCG_STATS_BY_FORCE: return force_names[r->force];
    case ISCG_STATS_BY_TERRITORY: return r->territory ? s->texts.texts[r->territory - 1] : no_territory;
    default: return NULL;
    }
}

static int build(iscg_stats_table *t, const iscg_stats *s, iscg_stats_key by,
                 iscg_stats_granularity per, iscg_rounding rounding, iscg_error *err)
{
    /* The rows, post (or site) by post: its records are sorted by period, so
     * that consecutive records mostly fall in the row and contribution of the
     * record before, found again without a lookup. By ALL, the rows are the
     * periods' totals. */
    size_t misfit = SIZE_MAX; /* a longer record than `per`, the first in the collection's order */
    for (size_t sid = 0; sid < s->nseries; sid++) {
        const series *se = &s->series[sid];
        long bi = -1, ck = -1;
        const char *key = NULL;
        iscg_period p = {{0, 0, 0}, {0, 0, 0}};
        int32_t p_end = 0;
        for (size_t k = 0; k < se->n; k++) {
            size_t i = se->recs[k];
            iscg_activity rec;
            iscg__stats_record(s, i, &rec);
            const iscg_activity *a = &rec;
            const char *key_i = by == ISCG_STATS_BY_ALL ? NULL : iscg__stats_group_key(a, by);
            if (bi < 0 || date_key(a->period.start) > p_end || key_i != key) {
                /* interned names: the same text is the same pointer */
                p = iscg__stats_containing(per, a->period.start);
                p_end = date_key(p.end);
                key = key_i;
                bucket *b = get_bucket(t, key, p);
                if (!b || (ck = contrib_of(t, (size_t)(b - t->b), sid)) < 0)
                    return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
                bi = b - t->b;
            }
            if (date_key(a->period.end) > p_end) {
                /* cannot be split without inventing its distribution */
                if (i < misfit)
                    misfit = i;
                continue;
            }
            bucket *b = &t->b[bi];
            int rc = accumulate(t, b, &b->contribs[ck], a, i, err);
            if (rc != 0)
                return rc;
        }
    }
    if (misfit != SIZE_MAX)
        return iscg__stats_misfit(err, s, misfit, per);
    /* Each period's total: the sum of its rows. */
    for (size_t gi = 0, ngroups = t->n; by != ISCG_STATS_BY_ALL && gi < ngroups; gi++) {
        bucket *tb = get_bucket(t, NULL, t->b[gi].row.period);
        if (!tb)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        int rc = merge_into_total(t, gi, (size_t)(tb - t->b), err);
        if (rc != 0)
            return rc;
    }
    if (rank_rows(t) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    for (size_t k = 0; k < t->n; k++) { /* in the rows' order: an error names the first */
        bucket *b = &t->b[t->rank[k]];
        int rc = order_row(b);
        if (rc != 0)
            return ISCG_FAIL(err, rc, "stats", "out of memory");
        rc = finish(t, b, s, rounding, err);
        if (rc != 0)
            return rc;
    }
    /* STAT-3: each row's part of its period's referrals. */
    for (size_t k = 0; k < t->n; k++) {
        iscg_stats_row *row = &t->b[t->rank[k]].row;
        const bucket *total = &t->b[find_bucket(t, NULL, row->period)]; /* every period has one */
        const iscg_stats_sum *r = &row->count[ISCG_ACTIVITY_REFERRALS];
        int64_t all = total->row.count[ISCG_ACTIVITY_REFERRALS].value;
        int rc = measure_make(&row->share, r->value, all, ISCG_STATS_BASIS_POINTS, rounding, all,
                              r->known, r->missing - row->not_reported);
        if (rc != 0)
            return ISCG_FAIL(err, rc, "rounding", "%s: its share of the referrals %s", row->key,
                             rc == ISCG_EROUNDING ? "needs rounding and the mode is UNNECESSARY"
                                                  : "does not fit in 64 bits");
    }
    /* the contributions were only needed to build the rows */
    for (size_t i = 0; i < t->n; i++) {
        free(t->b[i].contribs);
        t->b[i].contribs = NULL;
        t->b[i].ncontrib = 0;
    }
    iscg__index_free(&t->contrib_ix);
    free(t->crefs);
    t->crefs = NULL;
    t->ncrefs = t->crefs_cap = 0;
    return 0;
}

int iscg_stats_aggregate(iscg_stats_table **out, const iscg_stats *s, iscg_stats_key by,
                         iscg_stats_granularity per, iscg_rounding rounding, iscg_error *err)
{
    if (!out || !s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection or output given");
    if ((unsigned)by >= ISCG_STATS_KEY_COUNT)
        return ISCG_FAIL(err, ISCG_EINVAL, "by", "grouping %d is not a member", (int)by);
    if ((unsigned)per >= ISCG_STATS_GRANULARITY_COUNT)
        return ISCG_FAIL(err, ISCG_EINVAL, "per", "granularity %d is not a member", (int)per);
    if (!iscg__rounding_valid((int)rounding))
        return ISCG_FAIL(err, ISCG_EINVAL, "rounding", "rounding mode %d is not a member",
                         (int)rounding);
    iscg_stats_table *t = calloc(1, sizeof *t);
    if (!t)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    int rc = build(t, s, by, per, rounding, err);
    if (rc != 0) {
        iscg_stats_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

size_t iscg_stats_table_count(const iscg_stats_table *t)
{
    return t ? t->n : 0;
}

const iscg_stats_row *iscg_stats_table_row(const iscg_stats_table *t, size_t index)
{
    return t && index < t->n ? &t->b[t->rank[index]].row : NULL;
}

const iscg_stats_row *iscg_stats_table_find(const iscg_stats_table *t, const char *key,
                                            iscg_period period)
{
    if (!t)
        return NULL;
    long i = find_bucket(t, key, period);
    return i >= 0 ? &t->b[i].row : NULL;
}
