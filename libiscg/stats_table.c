/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics: aggregation into a table of rows by group and period,
 * with their totals, gaps and rates (STAT-3, STAT-4). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

typedef iscg__pool pool;
typedef iscg__series series;

/* The short names these files share (stats_internal.h). */
#define date_key iscg__date_key
#define field_names iscg__activity_field_names
#define carrier_names iscg__activity_carrier_names
#define force_names iscg__activity_force_names
#define field_get iscg__activity_field_get
#define days_of iscg__period_days
#define same_period iscg__same_period
#define period_text iscg__stats_period_text_n
#define measure_make iscg__stats_measure_make

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
        if (v == ISCG_UNKNOWN) {
            unknown |= 1u << f;
            row->count[f].missing++;
        } else {
            ADD_CHECKED(row->count[f].value, v, b, field_names[f]);
            row->count[f].known++;
        }
    }
    for (int f = ISCG_ACTIVITY_EPCI; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        if (field_get(a, f) == ISCG_UNKNOWN)
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
        if (a->vif_basis_points != ISCG_UNKNOWN && a->referrals != ISCG_UNKNOWN) {
            int64_t w;
            if (__builtin_mul_overflow(a->referrals, a->vif_basis_points, &w))
                return sum_fail(err, b, "referrals x VIF share");
            ADD_CHECKED(b->vif_num, w, b, "referrals x VIF share");
            ADD_CHECKED(b->vif_weight, a->referrals, b, "referrals");
            b->vif_used++;
        } else {
            b->vif_excluded++;
        }
        if (a->vif_basis_points != ISCG_UNKNOWN) {
            ADD_CHECKED(b->plain_sum, a->vif_basis_points, b, "VIF shares");
            b->plain_n++;
        }
        /* STAT-6: interviews per referral over the records giving both. */
        if (a->interviews != ISCG_UNKNOWN && a->referrals != ISCG_UNKNOWN) {
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
    if (a->referrals == ISCG_UNKNOWN)
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
            if (c->coverage[j] == ISCG_UNKNOWN) {
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
        if (c->coverage[2] != ISCG_UNKNOWN && c->referrals_known) {
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
        return rc == ISCG_EROUNDING
                   ? ISCG_FAIL(err, rc, "rounding", "%s, %s: a share or rate needs rounding and the mode is UNNECESSARY",
                               row->key, per)
                   : ISCG_FAIL(err, rc, "rounding", "%s, %s: a share or rate does not fit in 64 bits", row->key, per);
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
                 iscg_stats_granularity per, iscg_rounding rounding, iscg__stats_poll *poll, iscg_error *err)
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
            if (iscg__stats_polled(poll, 1))
                return iscg__stats_canceled(err, ISCG_N_("the aggregation"));
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
        if (iscg__stats_polled(poll, 1))
            return iscg__stats_canceled(err, "the aggregation");
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
        /* a row's finish costs about what a few dozen records do */
        if (iscg__stats_polled(poll, ISCG__STATS_ROW_WORK))
            return iscg__stats_canceled(err, "the aggregation");
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
        if (iscg__stats_polled(poll, 1))
            return iscg__stats_canceled(err, "the aggregation");
        iscg_stats_row *row = &t->b[t->rank[k]].row;
        const bucket *total = &t->b[find_bucket(t, NULL, row->period)]; /* every period has one */
        const iscg_stats_sum *r = &row->count[ISCG_ACTIVITY_REFERRALS];
        int64_t all = total->row.count[ISCG_ACTIVITY_REFERRALS].value;
        int rc = measure_make(&row->share, r->value, all, ISCG_STATS_BASIS_POINTS, rounding, all,
                              r->known, r->missing - row->not_reported);
        if (rc != 0)
            return rc == ISCG_EROUNDING
                       ? ISCG_FAIL(err, rc, "rounding",
                                   "%s: its share of the referrals needs rounding and the mode is UNNECESSARY", row->key)
                       : ISCG_FAIL(err, rc, "rounding", "%s: its share of the referrals does not fit in 64 bits",
                                   row->key);
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
    return iscg_stats_aggregate_ext(out, s, by, per, rounding, NULL, err);
}

int iscg_stats_aggregate_ext(iscg_stats_table **out, const iscg_stats *s, iscg_stats_key by,
                             iscg_stats_granularity per, iscg_rounding rounding, const iscg_stats_options *opts,
                             iscg_error *err)
{
    iscg__stats_poll poll;
    if (!out || !s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection or output given");
    if ((unsigned)by >= ISCG_STATS_KEY_COUNT)
        return ISCG_FAIL(err, ISCG_EINVAL, "by", "grouping %d is not a member", (int)by);
    if (!iscg__is_granularity(per))
        return ISCG_FAIL(err, ISCG_EINVAL, "per", "granularity %d is not a member", (int)per);
    if (!iscg__rounding_valid((int)rounding))
        return ISCG_FAIL(err, ISCG_EINVAL, "rounding", "rounding mode %d is not a member",
                         (int)rounding);
    int rc = iscg__stats_poll_init(&poll, opts, err);
    if (rc != 0)
        return rc;
    iscg_stats_table *t = calloc(1, sizeof *t);
    if (!t)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    rc = build(t, s, by, per, rounding, &poll, err);
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
