/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics: the collection, which keeps records compact (one
 * cache line each, their texts interned), in series by post and period, and
 * refuses overlaps (STAT-1). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats_internal.h"

/* The short names these files share (stats_internal.h). */
#define granularity_months iscg__period_months
#define field_get iscg__activity_field_get
#define field_set iscg__activity_field_set
#define period_text iscg__stats_period_text_n
#define pool_place iscg__pool_place
#define series_of iscg__stats_series_of

/* ---- the collection -------------------------------------------------------- */

typedef iscg__pool pool;

void iscg__pool_free(pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->texts[i]);
    free(p->texts);
    iscg__index_free(&p->ix);
}

int iscg__pool_place(pool *p, const char *s, size_t *place)
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

int iscg__stats_items_grow(iscg_stats *s, size_t cap)
{
    if (cap <= s->cap)
        return 0;
    if (cap > SIZE_MAX / sizeof *s->items)
        return ISCG_ENOMEM;
    stored *items = realloc(s->items, cap * sizeof *items);
    if (!items)
        return ISCG_ENOMEM;
    iscg__advise_huge(items, cap * sizeof *items);
    s->items = items;
    s->cap = cap;
    return 0;
}

long iscg__stats_series_of(iscg_stats *s, size_t post_place, const char *site)
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
    if (field_get(a, total) != ISCG_UNKNOWN)
        return;
    for (size_t i = 0; i < n; i++) {
        int64_t v = field_get(a, parts[i]);
        if (v == ISCG_UNKNOWN)
            return;
        sum += v; /* checked by iscg_activity_check() */
    }
    field_set(a, total, sum);
}

void iscg__stats_derive_totals(iscg_activity *a)
{
    static const int referral_parts[] = {ISCG_ACTIVITY_WOMEN, ISCG_ACTIVITY_MEN, ISCG_ACTIVITY_CHILDREN};
    static const int interview_parts[] = {ISCG_ACTIVITY_INTERVIEWS_PHYSICAL, ISCG_ACTIVITY_INTERVIEWS_TELEPHONE};
    derive_total(a, referral_parts, 3, ISCG_ACTIVITY_REFERRALS);
    derive_total(a, interview_parts, 2, ISCG_ACTIVITY_INTERVIEWS);
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
        if (v != ISCG_UNKNOWN && (uint64_t)v >= ISCG__UNKNOWN32)
            return 0;
    }
    return 1;
}

int iscg__stats_overlap(iscg_error *err, const iscg_stats *s, size_t clash, const char *post, const char *site,
                        iscg_period p)
{
    char who[256], per[48];
    iscg_activity held;
    iscg__stats_record(s, clash, &held);
    iscg__stats_describe(who, sizeof who, post, site, p);
    period_text(per, sizeof per, held.period);
    return iscg__fail(err, ISCG_EDUPLICATE, post, "period", 0, 0, "%s overlaps the record for %s already held", who,
                      per);
}

int iscg__stats_full(iscg_error *err, const char *post)
{
    return iscg__fail(err, ISCG_ERANGE, post, "post", 0, 0, "%s: a collection holds at most %lu records, posts and names",
                      post, (unsigned long)ISCG__STATS_MAX);
}

int iscg_stats_add(iscg_stats *s, const iscg_activity *a, iscg_error *err)
{
    if (!s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection given");
    int rc = iscg_activity_check(a, err);
    if (rc != 0)
        return rc;
    iscg_activity v = *a; /* with its totals derived */
    iscg__stats_derive_totals(&v);
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
        return iscg__stats_full(err, a->post);
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
    if (clash != SIZE_MAX)
        return iscg__stats_overlap(err, s, clash, a->post, se->site, a->period);
    int aside = note != SIZE_MAX || !narrow(&v);
    if (iscg__reserve_one(&se->recs, se->n, sizeof *se->recs) != 0 ||
        (aside && iscg__reserve_one(&s->aside, s->naside, sizeof *s->aside) != 0))
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    if (s->n == s->cap && iscg__stats_items_grow(s, s->cap ? 2 * s->cap : 16) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
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
            r->fig[f] = x == ISCG_UNKNOWN ? ISCG__UNKNOWN32 : (uint32_t)x;
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

void iscg__stats_rewind(iscg_stats *s, const iscg__stats_mark *m)
{
    for (size_t k = 0; k < s->nseries && s->n != m->n; k++) {
        iscg__series *se = &s->series[k];
        size_t kept = 0;
        for (size_t j = 0; j < se->n; j++)
            if (se->recs[j] < m->n)
                se->recs[kept++] = se->recs[j];
        se->n = kept;
    }
    s->n = m->n;
    s->naside = m->naside;
    s->first_month = m->first_month;
    s->last_month = m->last_month;
}
