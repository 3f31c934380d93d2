/* Plain sums by group and period (STAT-3, STAT-4): the counts of an
 * aggregated table's group rows in one pass over the records, without the
 * shares, rates, gap lists and total rows that make a table row costly. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "stats_internal.h"

/* The activity figures, women to interviews with partners: summed over
 * records. They are consecutive int64_t members of iscg_activity, read as one
 * block; the coverage figures after them are taken per post. */
#define ACTIVITY_SUMMED ISCG_ACTIVITY_EPCI
_Static_assert(offsetof(iscg_activity, interviews_partners) - offsetof(iscg_activity, women) ==
                   (ACTIVITY_SUMMED - 1) * sizeof(int64_t),
               "the activity figures are consecutive");
_Static_assert(offsetof(iscg_activity, population) - offsetof(iscg_activity, epci) == 2 * sizeof(int64_t),
               "the coverage figures are consecutive");

/* While the sums are built by a grouping whose key changes within a post
 * (carrier, force, territory): the latest coverage figures of the post (or
 * site) being counted into a row, added when another post comes in. */
typedef struct pending {
    size_t series;   /* the series whose coverage is pending; SIZE_MAX for none */
    int32_t end;     /* the end of that series' latest record in the row */
    int64_t cov[3];  /* epci, communes, population of that record */
} pending;

struct iscg_stats_sums {
    iscg_stats_sums_row *rows;
    size_t n;
    iscg__pool names; /* the rows' keys */
};

/* Two figures at once, in one SSE2 (or NEON) register with GCC's and Clang's
 * vector extensions; elsewhere the compiler splits them. */
typedef uint64_t u64x2 __attribute__((vector_size(16)));
#define VECTORS (ACTIVITY_SUMMED / 2)

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
    size_t *rank;     /* each row's group, in the order of the groups' first records */
    pending *pending; /* each row's pending coverage; NULL when each post is one group */
    group *groups;       /* by rank */
    size_t ngroups;
    iscg__index keys_ix; /* ranks by key */
    const char *last_key; /* the key of the last rank found */
    size_t last_rank;
} builder;

void iscg_stats_sums_free(iscg_stats_sums *sums)
{
    if (!sums)
        return;
    free(sums->rows);
    iscg__pool_free(&sums->names);
    free(sums);
}

size_t iscg_stats_sums_count(const iscg_stats_sums *sums)
{
    return sums ? sums->n : 0;
}

const iscg_stats_sums_row *iscg_stats_sums_rows(const iscg_stats_sums *sums)
{
    return sums && sums->n ? sums->rows : NULL;
}

const iscg_stats_sums_row *iscg_stats_sums_get(const iscg_stats_sums *sums, size_t index)
{
    return sums && index < sums->n ? &sums->rows[index] : NULL;
}

static void builder_free(builder *b)
{
    free(b->rank);
    free(b->pending);
    for (size_t g = 0; g < b->ngroups; g++)
        free(b->groups[g].list);
    free(b->groups);
    iscg__index_free(&b->keys_ix);
}

static int sum_fail(iscg_error *err, const iscg_stats_sums_row *row, const char *what)
{
    char per[48];
    iscg__stats_period_text(per, sizeof per, row->period);
    return ISCG_FAIL(err, ISCG_EOVERFLOW, what, "%s, %s: the sum of %s overflows 64 bits", row->key, per, what);
}

/* The rank of key (the collection's pointer; NULL for the totals), made if
 * new (its text is copied with its first row); 0 or ISCG_ENOMEM. */
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
    if (iscg__index_reserve(&b->keys_ix, b->ngroups + 1) != 0 ||
        iscg__reserve_one(&b->groups, b->ngroups, sizeof *b->groups) != 0)
        return ISCG_ENOMEM;
    b->groups[b->ngroups] = (group){key, 0, NULL, 0};
    iscg__index_put(&b->keys_ix, h, b->ngroups);
    *rank = b->last_rank = b->ngroups++;
    b->last_key = key;
    return 0;
}

static size_t group_row(const group *g, size_t j)
{
    return g->list ? g->list[j] : g->first + j;
}

/* The row of key over period p, made if new; its index, or -1 on ENOMEM.
 * A group's rows are sorted by period: records come by period within a post,
 * so a new row is usually the group's last, and the last row made. */
static long row_of(builder *b, const char *key, iscg_period p)
{
    size_t rank;
    if (rank_of(b, key, &rank) != 0)
        return -1;
    group *g = &b->groups[rank];
    int32_t start = iscg__date_key(p.start);
    iscg_stats_sums_row *rows = b->out->rows;
    size_t lo = 0, hi = g->n;
    if (hi > 0 && iscg__date_key(rows[group_row(g, hi - 1)].period.start) < start) {
        lo = hi;
    } else {
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int32_t m = iscg__date_key(rows[group_row(g, mid)].period.start);
            if (m == start)
                return (long)group_row(g, mid);
            if (m < start)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    /* a new row, at the end of the rows and at place lo in its group */
    iscg_stats_sums *out = b->out;
    const char *copy = NULL;
    if (out->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        if (cap < b->cap_hint)
            cap = b->cap_hint;
        iscg_stats_sums_row *grown = realloc(out->rows, cap * sizeof *grown);
        if (!grown)
            return -1;
        out->rows = grown;
        size_t *ranks = realloc(b->rank, cap * sizeof *ranks);
        if (!ranks)
            return -1;
        b->rank = ranks;
        if (b->pending) {
            pending *more = realloc(b->pending, cap * sizeof *more);
            if (!more)
                return -1;
            b->pending = more;
        }
        b->cap = cap;
    }
    if (g->n == 0 && iscg__pool_intern(&out->names, key ? key : "total", &copy) != 0)
        return -1;
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
    iscg_stats_sums_row *row = &out->rows[out->n];
    memset(row, 0, sizeof *row);
    /* the group's copy of its key ("" for records without a territory) */
    row->key = g->n ? out->rows[group_row(g, lo == 0 ? 1 : 0)].key : copy ? copy : "";
    row->period = p;
    b->rank[out->n] = rank;
    if (b->pending)
        b->pending[out->n] = (pending){SIZE_MAX, 0, {0, 0, 0}};
    g->n++;
    return (long)out->n++;
}

/* Counts one post's (or site's) coverage figures into a row. */
static int add_coverage(iscg_stats_sums_row *row, const int64_t cov[3], iscg_error *err)
{
    for (int j = 0; j < 3; j++) {
        iscg_stats_sum *c = &row->count[ISCG_ACTIVITY_EPCI + j];
        if (cov[j] == ISCG_ACTIVITY_UNKNOWN) {
            c->missing++;
        } else {
            if (__builtin_add_overflow(c->value, cov[j], &c->value))
                return sum_fail(err, row, iscg_activity_field_name((iscg_activity_field)(ISCG_ACTIVITY_EPCI + j)));
            c->known++;
        }
    }
    return 0;
}

/* The records of one group and period met in a row, summed while the walk
 * stays in the row: the run's records are a series' records from `first` to
 * `last`. Missing counts only: an activity figure is known in every record
 * counted where it is not missing. Known figures are >= 0, so their sums,
 * unsigned, cannot wrap unseen: `high` is the OR of every partial sum, its
 * top bit set once a sum passed INT64_MAX. */
typedef struct run {
    u64x2 value[VECTORS], missing[VECTORS], high;
    size_t records, not_reported;
    size_t first, last; /* places in the series */
} run;

/* The first activity figure whose sum over records first..last of a series
 * passes INT64_MAX (the run's `high` said one does). */
static int run_overflow(const iscg_stats *s, const iscg__series *se, const run *r)
{
    int64_t sum[ACTIVITY_SUMMED] = {0};
    for (size_t k = r->first; k <= r->last; k++) {
        const iscg_activity *a = &s->items[se->recs[k]].a;
        int64_t v[ACTIVITY_SUMMED];
        memcpy(v, (const char *)a + offsetof(iscg_activity, women), sizeof v);
        for (int f = 0; f < ACTIVITY_SUMMED; f++)
            if (v[f] != ISCG_ACTIVITY_UNKNOWN && __builtin_add_overflow(sum[f], v[f], &sum[f]))
                return f;
    }
    return 0; /* not reached: the run overflows */
}

/* Adds a run into its row: the counts, and the coverage of its latest record
 * (at once when each post is one group, else as the series' pending
 * coverage in the row). */
static int add_run(builder *b, const iscg_stats *s, size_t sid, size_t ri, const run *r, iscg_error *err)
{
    const iscg__series *se = &s->series[sid];
    iscg_stats_sums_row *row = &b->out->rows[ri];
    uint64_t value[ACTIVITY_SUMMED], missing[ACTIVITY_SUMMED], high[2];
    memcpy(value, r->value, sizeof value);
    memcpy(missing, r->missing, sizeof missing);
    memcpy(high, &r->high, sizeof high);
    if (((high[0] | high[1]) >> 63) != 0)
        return sum_fail(err, row, iscg_activity_field_name((iscg_activity_field)run_overflow(s, se, r)));
    row->records += r->records;
    row->not_reported += r->not_reported;
    for (int f = 0; f < ACTIVITY_SUMMED; f++) {
        if (__builtin_add_overflow(row->count[f].value, (int64_t)value[f], &row->count[f].value))
            return sum_fail(err, row, iscg_activity_field_name((iscg_activity_field)f));
        row->count[f].known += r->records - missing[f];
        row->count[f].missing += missing[f];
    }
    const iscg_activity *last = &s->items[se->recs[r->last]].a;
    int64_t cov[3];
    memcpy(cov, (const char *)last + offsetof(iscg_activity, epci), sizeof cov);
    if (!b->pending) /* the run is all the post's records in the row */
        return add_coverage(row, cov, err);
    pending *pd = &b->pending[ri];
    int32_t end = iscg__date_key(last->period.end);
    if (pd->series != sid) {
        if (pd->series != SIZE_MAX && add_coverage(row, pd->cov, err) != 0)
            return ISCG_EOVERFLOW;
        pd->series = sid;
        pd->end = INT32_MIN;
    }
    if (end > pd->end) {
        pd->end = end;
        memcpy(pd->cov, cov, sizeof cov);
    }
    return 0;
}

/* How many records ahead the walk asks for: a record spans up to three cache
 * lines, and a series' records need not be adjacent in memory. */
#define PREFETCH 8

/* The records of one series, in period order: consecutive records mostly
 * fall in the row of the record before, and are summed in a run, in
 * registers. */
static int walk_series(builder *b, const iscg_stats *s, size_t sid, iscg_stats_key by,
                       iscg_stats_granularity per, size_t *misfit, iscg_error *err)
{
    const iscg__series *se = &s->series[sid];
    /* a series is one post: its key by post (or by nothing) is the same in every record */
    int key_fixed = by == ISCG_STATS_BY_ALL || by == ISCG_STATS_BY_POST;
    const char *key = by == ISCG_STATS_BY_POST ? se->post : NULL;
    long ri = -1;
    int32_t p_end = 0;
    const u64x2 zero = {0, 0};
    u64x2 v0 = zero, v1 = zero, v2 = zero, v3 = zero, m0 = zero, m1 = zero, m2 = zero, m3 = zero, high = zero;
    size_t records = 0, not_reported = 0, first = 0, last = 0;
#define FLUSH()                                                                                        \
    do {                                                                                               \
        if (records) {                                                                                 \
            run r = {{v0, v1, v2, v3}, {m0, m1, m2, m3}, high, records, not_reported, first, last};   \
            if (add_run(b, s, sid, (size_t)ri, &r, err) != 0)                                          \
                return ISCG_EOVERFLOW;                                                                 \
        }                                                                                              \
        v0 = v1 = v2 = v3 = m0 = m1 = m2 = m3 = high = zero;                                           \
        records = not_reported = 0;                                                                    \
    } while (0)
    for (size_t k = 0; k < se->n; k++) {
        size_t i = se->recs[k];
        const iscg_activity *a = &s->items[i].a;
        if (k + PREFETCH < se->n) {
            const char *next = (const char *)&s->items[se->recs[k + PREFETCH]];
            __builtin_prefetch(next);
            __builtin_prefetch(next + 64);
            __builtin_prefetch(next + 128);
        }
        const char *key_i = key_fixed ? key : iscg__stats_group_key(a, by);
        if (ri < 0 || iscg__date_key(a->period.start) > p_end || key_i != key) {
            if (ri >= 0)
                FLUSH();
            iscg_period p = iscg__stats_containing(per, a->period.start);
            p_end = iscg__date_key(p.end);
            key = key_i;
            if ((ri = row_of(b, key, p)) < 0)
                return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
        }
        if (iscg__date_key(a->period.end) > p_end) {
            /* cannot be split without inventing its distribution */
            if (i < *misfit)
                *misfit = i;
            continue;
        }
        /* a validated figure is >= 0 or ISCG_ACTIVITY_UNKNOWN (INT64_MIN), the
         * only one with its top bit set: (x >> 63) is 1 for an unknown figure,
         * and (x >> 63) - 1 keeps a known one whole */
        const char *f = (const char *)a + offsetof(iscg_activity, women);
        u64x2 x0, x1, x2, x3;
        memcpy(&x0, f, sizeof x0);
        memcpy(&x1, f + 16, sizeof x1);
        memcpy(&x2, f + 32, sizeof x2);
        memcpy(&x3, f + 48, sizeof x3);
        u64x2 u0 = x0 >> 63, u1 = x1 >> 63, u2 = x2 >> 63, u3 = x3 >> 63;
        v0 += x0 & (u0 - 1);
        v1 += x1 & (u1 - 1);
        v2 += x2 & (u2 - 1);
        v3 += x3 & (u3 - 1);
        m0 += u0;
        m1 += u1;
        m2 += u2;
        m3 += u3;
        high |= v0 | v1 | v2 | v3;
        if (!records)
            first = k;
        last = k;
        records++;
        not_reported += a->not_reported != 0;
    }
    if (ri >= 0)
        FLUSH();
#undef FLUSH
    return 0;
}

/* A row's place: its group's rank, then its period. */
typedef struct place {
    size_t rank;
    int32_t start;
    size_t index;
} place;

static int place_order(const void *x, const void *y)
{
    const place *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->start < b->start ? -1 : (a->start > b->start);
}

/* Puts the rows in their order. The walk makes them in it when each group
 * is one series (a post by post); other groupings are sorted. */
static int order_rows(builder *b)
{
    iscg_stats_sums *out = b->out;
    size_t n = out->n, k = 1;
    while (k < n && (b->rank[k - 1] < b->rank[k] ||
                     (b->rank[k - 1] == b->rank[k] &&
                      iscg__date_key(out->rows[k - 1].period.start) < iscg__date_key(out->rows[k].period.start))))
        k++;
    if (k >= n)
        return 0;
    place *places = malloc(n * sizeof *places);
    iscg_stats_sums_row *rows = malloc(n * sizeof *rows);
    if (!places || !rows) {
        free(places);
        free(rows);
        return ISCG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        places[i] = (place){b->rank[i], iscg__date_key(out->rows[i].period.start), i};
    qsort(places, n, sizeof *places, place_order);
    for (size_t i = 0; i < n; i++)
        rows[i] = out->rows[places[i].index];
    free(places);
    free(out->rows);
    out->rows = rows;
    b->cap = n;
    return 0;
}

static int build(builder *b, const iscg_stats *s, iscg_stats_key by, iscg_stats_granularity per,
                 iscg_error *err)
{
    size_t misfit = SIZE_MAX; /* a longer record than `per`, the first in the collection's order */
    b->cap_hint = by == ISCG_STATS_BY_POST ? s->nseries : 0; /* a row per post, at least */
    if (by != ISCG_STATS_BY_ALL && by != ISCG_STATS_BY_POST && !(b->pending = malloc(sizeof *b->pending)))
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    for (size_t sid = 0; sid < s->nseries; sid++) {
        int rc = walk_series(b, s, sid, by, per, &misfit, err);
        if (rc != 0)
            return rc;
    }
    if (misfit != SIZE_MAX)
        return iscg__stats_misfit(err, s, misfit, per);
    for (size_t i = 0; b->pending && i < b->out->n; i++)
        if (b->pending[i].series != SIZE_MAX && add_coverage(&b->out->rows[i], b->pending[i].cov, err) != 0)
            return ISCG_EOVERFLOW;
    if (order_rows(b) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    return 0;
}

int iscg_stats_sums_compute(iscg_stats_sums **out, const iscg_stats *s, iscg_stats_key by, iscg_stats_granularity per,
                            iscg_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection or output given");
    if ((unsigned)by >= ISCG_STATS_KEY_COUNT)
        return ISCG_FAIL(err, ISCG_EINVAL, "by", "grouping %d is not a member", (int)by);
    if ((unsigned)per >= ISCG_STATS_GRANULARITY_COUNT)
        return ISCG_FAIL(err, ISCG_EINVAL, "per", "granularity %d is not a member", (int)per);
    builder b;
    memset(&b, 0, sizeof b);
    if (!(b.out = calloc(1, sizeof *b.out)))
        return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
    int rc = build(&b, s, by, per, err);
    builder_free(&b);
    if (rc != 0) {
        iscg_stats_sums_free(b.out);
        return rc;
    }
    *out = b.out;
    return 0;
}
