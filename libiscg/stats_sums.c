/* SPDX-License-Identifier: Apache-2.0 */
/* Plain sums by group and period (STAT-3, STAT-4): the counts of an
 * aggregated table's group rows in one pass over the records, without the
 * shares, rates, gap lists and total rows that make a table row costly. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

/* The activity figures, women to interviews with partners: summed over
 * records. The coverage figures after them are taken per post. */
#define ACTIVITY_SUMMED ISCG_ACTIVITY_EPCI
_Static_assert(ACTIVITY_SUMMED == 8, "two vectors of four activity figures");

/* While the sums are built by a grouping whose key changes within a post
 * (carrier, force, territory): the latest coverage figures of the post (or
 * site) being counted into a row, added when another post comes in. */
typedef struct pending {
    size_t series;   /* the series whose coverage is pending; SIZE_MAX for none */
    int32_t end;     /* the month after that series' latest record in the row */
    int64_t cov[3];  /* epci, communes, population of that record */
} pending;

/* A row as the sums keep it: 84 bytes, against the 312 of the
 * iscg_stats_sums_row that iscg_stats_sums_get() fills from it, because
 * writing fresh memory is most of the cost of summing ten million records
 * (a row by post and year sums a dozen). The known counts are derived: each
 * activity figure is known or missing in each record of the row, each
 * coverage figure for each post (or site). The period is a number. Its sums
 * are kept in 32 bits and its counts in 16 while they fit: a row that
 * outgrows them is widened, its figures moved to a wide row. */
typedef struct srow {
    uint32_t value[ISCG_ACTIVITY_COUNTS]; /* of a wide row, value[0] is its place in `wide` */
    uint16_t missing[ISCG_ACTIVITY_COUNTS];
    uint16_t records, not_reported;
    uint16_t posts;   /* posts (or sites) whose coverage is counted */
    uint16_t is_wide;
    uint32_t group;   /* its group's rank */
    int32_t q;        /* its period: its first month (year * 12 + month - 1) / the months of `per` */
} srow;

/* A widened row's figures. Counts fit in 32 bits: a collection holds fewer
 * than 2^32 records. */
typedef struct wrow {
    int64_t value[ISCG_ACTIVITY_COUNTS];
    uint32_t missing[ISCG_ACTIVITY_COUNTS];
    uint32_t records, not_reported, posts;
} wrow;

struct iscg_stats_sums {
    srow *rows;
    size_t n;
    wrow *wide;
    size_t nwide;
    const char **keys; /* by rank: the groups' names, copies in `names` */
    char *names;
    iscg_stats_granularity per;
};

/* Four figures at once, in an SSE2 (or NEON) register, with GCC's and
 * Clang's vector extensions. */
typedef uint32_t u32x4 __attribute__((vector_size(16)));

/* A group: its key and its rows, sorted by period. */
typedef struct group {
    const char *key; /* the collection's pointer; NULL for the totals */
    size_t first;    /* without a list: its rows are rows[first] to rows[first + n - 1] */
    size_t *list;    /* or these, when other rows came between (a post in several sites) */
    size_t n;
} group;

typedef struct builder {
    iscg_stats_sums *out;
    size_t cap;
    size_t cap_hint;  /* the first capacity: a row per post */
    pending *pending; /* each row's pending coverage; NULL when each post is one group */
    group *groups;       /* by rank */
    size_t ngroups;
    iscg__index keys_ix; /* ranks by key */
    size_t *post_rank;   /* by post (each post's first series): 1 + its rank, 0 before its first row */
    const char *last_key; /* the key of the last rank found */
    size_t last_rank;
    int unordered;        /* a row was made before one it comes after */
} builder;

void iscg_stats_sums_free(iscg_stats_sums *sums)
{
    if (!sums)
        return;
    free(sums->rows);
    free(sums->wide);
    free(sums->keys);
    free(sums->names);
    free(sums);
}

size_t iscg_stats_sums_count(const iscg_stats_sums *sums)
{
    return sums ? sums->n : 0;
}

/* The period of a row. */
static iscg_period row_period(iscg_stats_granularity per, int32_t q)
{
    int32_t month = q * iscg__period_months[per];
    iscg_date first = {month / 12, month % 12 + 1, 1};
    return iscg__stats_containing(per, first);
}

/* The figures of a narrow row, in the wide form. */
static void wide_copy(wrow *w, const srow *row)
{
    for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
        w->value[f] = row->value[f];
        w->missing[f] = row->missing[f];
    }
    w->records = row->records;
    w->not_reported = row->not_reported;
    w->posts = row->posts;
}

int iscg_stats_sums_get(iscg_stats_sums_row *out, const iscg_stats_sums *sums, size_t index)
{
    if (!out || !sums)
        return ISCG_EINVAL;
    if (index >= sums->n)
        return ISCG_ERANGE;
    const srow *r = &sums->rows[index];
    wrow narrow;
    const wrow *w = r->is_wide ? &sums->wide[r->value[0]] : (wide_copy(&narrow, r), &narrow);
    out->key = sums->keys[r->group];
    out->period = row_period(sums->per, r->q);
    out->records = w->records;
    out->not_reported = w->not_reported;
    for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
        size_t all = f < ACTIVITY_SUMMED ? w->records : w->posts;
        out->count[f] = (iscg_stats_sum){w->value[f], all - w->missing[f], w->missing[f]};
    }
    return 0;
}

static void builder_free(builder *b)
{
    free(b->pending);
    free(b->post_rank);
    for (size_t g = 0; g < b->ngroups; g++)
        free(b->groups[g].list);
    free(b->groups);
    iscg__index_free(&b->keys_ix);
}

static int sum_fail(const builder *b, const srow *row, int field, iscg_error *err)
{
    char per[48];
    const char *key = b->groups[row->group].key, *what = iscg_activity_field_name((iscg_activity_field)field);
    iscg__stats_period_text(per, sizeof per, row_period(b->out->per, row->q));
    return ISCG_FAIL(err, ISCG_EOVERFLOW, what, "%s, %s: the sum of %s overflows 64 bits", key ? key : "total", per,
                     what);
}

/* *rank = the rank of a new group of key; 0 or ISCG_ENOMEM. */
static int new_group(builder *b, const char *key, size_t *rank)
{
    if (iscg__reserve_one(&b->groups, b->ngroups, sizeof *b->groups) != 0)
        return ISCG_ENOMEM;
    b->groups[b->ngroups] = (group){key, 0, NULL, 0};
    *rank = b->ngroups++;
    return 0;
}

/* The rank of key (the collection's pointer; NULL for the totals), made if
 * new; 0 or ISCG_ENOMEM. */
static int rank_of(builder *b, const char *key, size_t *rank)
{
    if (b->ngroups && key == b->last_key) {
        *rank = b->last_rank;
        return 0;
    }
    uint64_t h = iscg__hash_mix((uint64_t)(uintptr_t)key, 0);
    iscg__probe probe;
    iscg__index_probe(&probe, &b->keys_ix, h);
    for (long i; b->groups && (i = iscg__index_next(&probe)) >= 0;)
        if (b->groups[i].key == key) { /* interned: the same text is the same pointer */
            *rank = (size_t)i;
            b->last_key = key;
            b->last_rank = (size_t)i;
            return 0;
        }
    if (iscg__index_reserve(&b->keys_ix, b->ngroups + 1) != 0 || new_group(b, key, rank) != 0)
        return ISCG_ENOMEM;
    iscg__index_put(&b->keys_ix, h, *rank);
    b->last_rank = *rank;
    b->last_key = key;
    return 0;
}

static size_t group_row(const group *g, size_t j)
{
    return g->list ? g->list[j] : g->first + j;
}

/* The row of the group of rank `rank` over period q, made if new; its
 * index, or -1 on ENOMEM. A group's rows are sorted by period: records come
 * by period within a post, so a new row is usually the group's last, and the
 * last row made. */
static long row_of(builder *b, size_t rank, int32_t q)
{
    group *g = &b->groups[rank];
    srow *rows = b->out->rows;
    size_t lo = 0, hi = g->n;
    if (hi > 0 && rows[group_row(g, hi - 1)].q < q) {
        lo = hi;
    } else {
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int32_t m = rows[group_row(g, mid)].q;
            if (m == q)
                return (long)group_row(g, mid);
            if (m < q)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    /* a new row, at the end of the rows and at place lo in its group */
    iscg_stats_sums *out = b->out;
    if (out->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        if (cap < b->cap_hint)
            cap = b->cap_hint;
        srow *grown = realloc(out->rows, cap * sizeof *grown);
        if (!grown)
            return -1;
        out->rows = grown;
        if (b->pending) {
            pending *more = realloc(b->pending, cap * sizeof *more);
            if (!more)
                return -1;
            b->pending = more;
        }
        b->cap = cap;
    }
    if (g->n == 0) {
        g->first = out->n;
    } else if (g->list || lo < g->n || g->first + g->n != out->n) {
        if (!g->list) { /* the group's rows are no longer in one stretch: list them */
            size_t *list = NULL;
            for (size_t j = 0; j <= g->n; j++)
                if (iscg__reserve_one(&list, j, sizeof *list) != 0) {
                    free(list);
                    return -1;
                }
            for (size_t j = 0; j < g->n; j++)
                list[j] = g->first + j;
            g->list = list;
        } else if (iscg__reserve_one(&g->list, g->n, sizeof *g->list) != 0) {
            return -1;
        }
        memmove(&g->list[lo + 1], &g->list[lo], (g->n - lo) * sizeof *g->list);
        g->list[lo] = out->n;
    }
    srow *row = &out->rows[out->n];
    if (out->n && (row[-1].group > rank || (row[-1].group == rank && row[-1].q > q)))
        b->unordered = 1;
    memset(row, 0, sizeof *row);
    row->group = (uint32_t)rank;
    row->q = q;
    if (b->pending)
        b->pending[out->n] = (pending){SIZE_MAX, 0, {0, 0, 0}};
    g->n++;
    return (long)out->n++;
}

/* The wide row of a row, made from it when it is narrow; NULL on ENOMEM. */
static wrow *widen(iscg_stats_sums *out, srow *row)
{
    if (!row->is_wide) {
        if (iscg__reserve_one(&out->wide, out->nwide, sizeof *out->wide) != 0)
            return NULL;
        wide_copy(&out->wide[out->nwide], row);
        memset(row->value, 0, sizeof row->value);
        row->value[0] = (uint32_t)out->nwide++; /* fewer wide rows than records */
        row->is_wide = 1;
    }
    return &out->wide[row->value[0]];
}

/* Counts one post's (or site's) coverage figures into a row. */
static int add_coverage(const builder *b, srow *row, const int64_t cov[3], iscg_error *err)
{
    if (!row->is_wide) {
        int fits = row->posts < UINT16_MAX; /* and so each missing count (never more posts than records) */
        for (int j = 0; j < 3; j++)
            fits &= cov[j] == ISCG_UNKNOWN || (uint64_t)cov[j] <= UINT32_MAX - row->value[ISCG_ACTIVITY_EPCI + j];
        if (fits) {
            for (int j = 0; j < 3; j++) {
                int f = ISCG_ACTIVITY_EPCI + j;
                if (cov[j] == ISCG_UNKNOWN)
                    row->missing[f]++;
                else
                    row->value[f] += (uint32_t)cov[j];
            }
            row->posts++;
            return 0;
        }
    }
    wrow *w = widen(b->out, row);
    if (!w)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    for (int j = 0; j < 3; j++) {
        int f = ISCG_ACTIVITY_EPCI + j;
        if (cov[j] == ISCG_UNKNOWN)
            w->missing[f]++;
        else if (__builtin_add_overflow(w->value[f], cov[j], &w->value[f]))
            return sum_fail(b, row, f, err);
    }
    w->posts++;
    return 0;
}

/* The records of one group and period met in a row, summed while the walk
 * stays in the row. A run holds at most twelve records (a series' records
 * do not overlap, and a row spans at most twelve months), each figure below
 * 2^32 but in a record kept aside, which is a run of its own: a run's sums
 * cannot overflow, only a row's. The walk sums each figure's low and high
 * 16 bits apart, in 32-bit lanes: twelve of either fit. */
typedef struct run {
    uint64_t value[ACTIVITY_SUMMED], known[ACTIVITY_SUMMED];
    size_t records, not_reported;
} run;

/* Adds a run's counts into its row. */
static int add_run(builder *b, size_t ri, const run *r, iscg_error *err)
{
    srow *row = &b->out->rows[ri];
    if (!row->is_wide) {
        /* a run's sums are below 2^63: those of a narrow row cannot wrap */
        int fits = row->records + r->records <= UINT16_MAX; /* and so each missing count */
        for (int f = 0; f < ACTIVITY_SUMMED; f++)
            fits &= row->value[f] + r->value[f] <= UINT32_MAX;
        if (fits) {
            row->records += (uint16_t)r->records;
            row->not_reported += (uint16_t)r->not_reported;
            for (int f = 0; f < ACTIVITY_SUMMED; f++) {
                row->value[f] += (uint32_t)r->value[f];
                row->missing[f] += (uint16_t)(r->records - r->known[f]);
            }
            return 0;
        }
    }
    wrow *w = widen(b->out, row);
    if (!w)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    w->records += (uint32_t)r->records;
    w->not_reported += (uint32_t)r->not_reported;
    for (int f = 0; f < ACTIVITY_SUMMED; f++) {
        if (__builtin_add_overflow(w->value[f], (int64_t)r->value[f], &w->value[f]))
            return sum_fail(b, row, f, err);
        w->missing[f] += (uint32_t)(r->records - r->known[f]);
    }
    return 0;
}

/* A record kept aside (a figure of 2^32 or more, or a note): a run of its own. */
static int add_aside(builder *b, const iscg_stats *s, size_t ri, const iscg__stored *r, iscg_error *err)
{
    run one = {{0}, {0}, 1, (r->flags & ISCG__NOT_REPORTED) != 0};
    const iscg__aside *x = iscg__stored_aside(s, r);
    for (int f = 0; f < ACTIVITY_SUMMED; f++)
        if (x->fig[f] != ISCG_UNKNOWN) {
            one.value[f] = (uint64_t)x->fig[f];
            one.known[f] = 1;
        }
    return add_run(b, ri, &one, err);
}

/* The walk leaves a row it entered from series sid, `last` being the
 * series' latest record counted in it: counts that record's coverage, at
 * once when each post is one group (a series enters each of its rows once),
 * else as the series' pending coverage in the row, which its latest record
 * of all its visits gives. */
static int add_cover(builder *b, const iscg_stats *s, size_t sid, size_t ri, const iscg__stored *last,
                     iscg_error *err)
{
    srow *row = &b->out->rows[ri];
    int64_t cov[3];
    for (int j = 0; j < 3; j++)
        cov[j] = iscg__stored_figure(s, last, ISCG_ACTIVITY_EPCI + j);
    if (!b->pending)
        return add_coverage(b, row, cov, err);
    pending *pd = &b->pending[ri];
    int32_t end = last->month + iscg__period_months[last->granularity];
    if (pd->series != sid) {
        int rc = pd->series != SIZE_MAX ? add_coverage(b, row, pd->cov, err) : 0;
        if (rc != 0)
            return rc;
        pd->series = sid;
        pd->end = INT32_MIN;
    }
    if (end > pd->end) {
        pd->end = end;
        memcpy(pd->cov, cov, sizeof cov);
    }
    return 0;
}

/* How many records ahead the walk asks for: a series' records need not be
 * adjacent in memory. */
#define PREFETCH 8

/* The records of one series, in period order: consecutive records mostly
 * fall in the row of the record before, and are summed in a run, in
 * registers. */
static int walk_series(builder *b, const iscg_stats *s, size_t sid, iscg_stats_key by,
                       iscg_stats_granularity per, size_t *misfit, iscg_error *err)
{
    const iscg__series *se = &s->series[sid];
    /* a series is one post: its key by post (or by nothing) is the same in
     * every record, and by post its group is its post's, found without a
     * lookup by key */
    int key_fixed = by == ISCG_STATS_BY_ALL || by == ISCG_STATS_BY_POST;
    const char *key = by == ISCG_STATS_BY_POST ? se->post : NULL;
    size_t rank = 0;
    if (se->n && by == ISCG_STATS_BY_POST) {
        size_t *known = &b->post_rank[se->post_series];
        if (!*known && new_group(b, key, known) == 0)
            ++*known; /* 1 + the new rank */
        if (!*known)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        rank = *known - 1;
    }
    const int months = iscg__period_months[per];
    long ri = -1;
    int32_t q_last = 0; /* the last month of the row's period */
    const u32x4 none = {0, 0, 0, 0};
    const u32x4 unknown = {ISCG__UNKNOWN32, ISCG__UNKNOWN32, ISCG__UNKNOWN32, ISCG__UNKNOWN32};
    const u32x4 low16 = {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};
    u32x4 lo0 = none, lo1 = none, hi0 = none, hi1 = none, k0 = none, k1 = none;
    size_t records = 0, not_reported = 0;
    const iscg__stored *last = NULL;
#define FLUSH()                                                                                        \
    do {                                                                                               \
        if (records) {                                                                                 \
            run rn;                                                                                    \
            for (int f = 0; f < 4; f++) {                                                              \
                rn.value[f] = lo0[f] + ((uint64_t)hi0[f] << 16);                                       \
                rn.value[4 + f] = lo1[f] + ((uint64_t)hi1[f] << 16);                                   \
                rn.known[f] = k0[f];                                                                   \
                rn.known[4 + f] = k1[f];                                                               \
            }                                                                                          \
            rn.records = records;                                                                      \
            rn.not_reported = not_reported;                                                            \
            int rc_run = add_run(b, (size_t)ri, &rn, err);                                             \
            if (rc_run != 0)                                                                           \
                return rc_run;                                                                         \
        }                                                                                              \
        lo0 = lo1 = hi0 = hi1 = k0 = k1 = none;                                                        \
        records = not_reported = 0;                                                                    \
    } while (0)
#define LEAVE_ROW()                                                                                    \
    do {                                                                                               \
        FLUSH();                                                                                       \
        int rc_cover = last ? add_cover(b, s, sid, (size_t)ri, last, err) : 0;                        \
        if (rc_cover != 0)                                                                             \
            return rc_cover;                                                                           \
        last = NULL;                                                                                   \
    } while (0)
    for (size_t k = 0; k < se->n; k++) {
        size_t i = se->recs[k];
        const iscg__stored *r = &s->items[i];
        if (k + PREFETCH < se->n) { /* a record may straddle two cache lines */
            const char *next = (const char *)&s->items[se->recs[k + PREFETCH]];
            __builtin_prefetch(next);
            __builtin_prefetch(next + sizeof *r - 1);
        }
        const char *key_i = key_fixed ? key : iscg__stats_stored_key(s, r, by);
        if (ri < 0 || r->month > q_last || key_i != key) {
            if (ri >= 0)
                LEAVE_ROW();
            int32_t q = r->month / months;
            q_last = q * months + months - 1;
            key = key_i;
            if ((by != ISCG_STATS_BY_POST && rank_of(b, key, &rank) != 0) || (ri = row_of(b, rank, q)) < 0)
                return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        }
        if (iscg__period_months[r->granularity] > months) {
            /* cannot be split without inventing its distribution */
            if (i < *misfit)
                *misfit = i;
            continue;
        }
        last = r;
        if (r->flags & ISCG__ASIDE) {
            FLUSH();
            int rc = add_aside(b, s, (size_t)ri, r, err);
            if (rc != 0)
                return rc;
            continue;
        }
        /* a lane's mask is all 1s for a known figure, 0 for ISCG__UNKNOWN32 */
        u32x4 x0, x1;
        memcpy(&x0, r->fig, sizeof x0);
        memcpy(&x1, r->fig + 4, sizeof x1);
        u32x4 m0 = (u32x4)(x0 != unknown), m1 = (u32x4)(x1 != unknown);
        x0 &= m0;
        x1 &= m1;
        k0 -= m0; /* minus all 1s: one more known */
        k1 -= m1;
        lo0 += x0 & low16;
        lo1 += x1 & low16;
        hi0 += x0 >> 16;
        hi1 += x1 >> 16;
        records++;
        not_reported += (r->flags & ISCG__NOT_REPORTED) != 0;
    }
    if (ri >= 0)
        LEAVE_ROW();
#undef LEAVE_ROW
#undef FLUSH
    return 0;
}

/* A row's place: its group's rank, then its period. */
typedef struct place {
    uint32_t group;
    int32_t q;
    size_t index;
} place;

static int place_order(const void *x, const void *y)
{
    const place *a = x, *b = y;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return a->q < b->q ? -1 : (a->q > b->q);
}

/* Puts the rows in their order. The walk makes them in it when each group
 * is one series (a post by post); other groupings are sorted. */
static int order_rows(builder *b)
{
    if (!b->unordered)
        return 0;
    iscg_stats_sums *out = b->out;
    const srow *r = out->rows;
    size_t n = out->n;
    place *places = malloc(n * sizeof *places);
    srow *rows = malloc(n * sizeof *rows);
    if (!places || !rows) {
        free(places);
        free(rows);
        return ISCG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        places[i] = (place){r[i].group, r[i].q, i};
    qsort(places, n, sizeof *places, place_order);
    for (size_t i = 0; i < n; i++)
        rows[i] = r[places[i].index];
    free(places);
    free(out->rows);
    out->rows = rows;
    b->cap = n;
    return 0;
}

/* The groups' names, copied: the sums may outlive the collection. Each
 * group's key is a distinct text (the collection interns them; the totals'
 * is NULL), copied once, all in one block. */
static int copy_keys(builder *b)
{
    iscg_stats_sums *out = b->out;
    size_t size = 1;
    for (size_t g = 0; g < b->ngroups; g++)
        size += b->groups[g].key ? strlen(b->groups[g].key) + 1 : sizeof "total";
    out->keys = malloc((b->ngroups ? b->ngroups : 1) * sizeof *out->keys);
    out->names = malloc(size);
    if (!out->keys || !out->names)
        return ISCG_ENOMEM;
    char *at = out->names;
    for (size_t g = 0; g < b->ngroups; g++) {
        const char *key = b->groups[g].key ? b->groups[g].key : "total";
        size_t len = strlen(key) + 1;
        memcpy(at, key, len);
        out->keys[g] = at;
        at += len;
    }
    return 0;
}

/* The most rows by post: a row per series and period from the first
 * record's to the last (fewer with gaps, or posts in several sites), and
 * never more than the records. Known before the walk, it spares the rows
 * their growth, which copies them where the allocator cannot extend them. */
static size_t rows_by_post(const iscg_stats *s, iscg_stats_granularity per)
{
    if (!s->n)
        return 0;
    const int months = iscg__period_months[per];
    size_t periods = (size_t)(s->last_month / months - s->first_month / months) + 1;
    return periods > s->n / (s->nseries ? s->nseries : 1) ? s->n : periods * s->nseries;
}

static int build(builder *b, const iscg_stats *s, iscg_stats_key by, iscg_stats_granularity per,
                 iscg__stats_poll *poll, iscg_error *err)
{
    size_t misfit = SIZE_MAX; /* a longer record than `per`, the first in the collection's order */
    b->cap_hint = by == ISCG_STATS_BY_POST ? rows_by_post(s, per) : 0;
    if (by == ISCG_STATS_BY_POST && !(b->post_rank = calloc(s->nseries ? s->nseries : 1, sizeof *b->post_rank)))
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    if (by != ISCG_STATS_BY_ALL && by != ISCG_STATS_BY_POST && !(b->pending = malloc(sizeof *b->pending)))
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    for (size_t sid = 0; sid < s->nseries; sid++) {
        if (iscg__stats_polled(poll, s->series[sid].n + 1))
            return iscg__stats_canceled(err, ISCG_N_("the sums"));
        int rc = walk_series(b, s, sid, by, per, &misfit, err);
        if (rc != 0)
            return rc;
    }
    if (misfit != SIZE_MAX)
        return iscg__stats_misfit(err, s, misfit, per);
    for (size_t i = 0; b->pending && i < b->out->n; i++)
        if (b->pending[i].series != SIZE_MAX) {
            int rc = add_coverage(b, &b->out->rows[i], b->pending[i].cov, err);
            if (rc != 0)
                return rc;
        }
    if (order_rows(b) != 0 || copy_keys(b) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    return 0;
}

int iscg_stats_sums_compute(iscg_stats_sums **out, const iscg_stats *s, iscg_stats_key by, iscg_stats_granularity per,
                            iscg_error *err)
{
    return iscg_stats_sums_compute_ext(out, s, by, per, NULL, err);
}

int iscg_stats_sums_compute_ext(iscg_stats_sums **out, const iscg_stats *s, iscg_stats_key by,
                                iscg_stats_granularity per, const iscg_stats_options *opts, iscg_error *err)
{
    iscg__stats_poll poll;
    if (out)
        *out = NULL;
    if (!out || !s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection or output given");
    if ((unsigned)by >= ISCG_STATS_KEY_COUNT)
        return ISCG_FAIL(err, ISCG_EINVAL, "by", "grouping %d is not a member", (int)by);
    if (!iscg__is_granularity(per))
        return ISCG_FAIL(err, ISCG_EINVAL, "per", "granularity %d is not a member", (int)per);
    int rc = iscg__stats_poll_init(&poll, opts, err);
    if (rc != 0)
        return rc;
    builder b;
    memset(&b, 0, sizeof b);
    if (!(b.out = calloc(1, sizeof *b.out)))
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    b.out->per = per;
    rc = build(&b, s, by, per, &poll, err);
    builder_free(&b);
    if (rc != 0) {
        iscg_stats_sums_free(b.out);
        return rc;
    }
    *out = b.out;
    return 0;
}
