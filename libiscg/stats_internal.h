/* SPDX-License-Identifier: Apache-2.0 */
/* The statistics' internals, shared by stats.c (names, periods, measures),
 * stats_check.c (validation), stats_store.c (the collection), stats_table.c
 * (the aggregated table), stats_sums.c (plain sums) and stats_report.c. */
#ifndef ISCG_STATS_INTERNAL_H
#define ISCG_STATS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "hashindex.h"
#include "internal.h"

/* Interned texts: each distinct string once, found again by hash. The
 * collection keeps its records' names this way, and a table the names of its
 * keys and gaps, so that ten million monthly records of a hundred thousand
 * posts hold a hundred thousand names. */
typedef struct iscg__pool {
    char **texts;
    size_t n;
    iscg__index ix;
} iscg__pool;

void iscg__pool_free(iscg__pool *p);

/* *place = the place of the pool's copy of s in p->texts, made if new;
 * SIZE_MAX for NULL or "". 0 or ISCG_ENOMEM. */
int iscg__pool_place(iscg__pool *p, const char *s, size_t *place);

/* *out = the pool's copy of s (NULL for NULL or ""); 0 or ISCG_ENOMEM. */
int iscg__pool_intern(iscg__pool *p, const char *s, const char **out);

/* The records of one post (or site), sorted by period: an overlap can only be
 * with the neighbours of a new record's place. */
typedef struct iscg__series {
    const char *post, *site; /* interned */
    size_t post_series;      /* the first series of the same post (itself, for a post's first) */
    uint32_t *recs;          /* places in the collection's records (fewer than 2^32) */
    size_t n;
} iscg__series;

/* A record as the collection keeps it, in 64 bytes (one cache line when
 * aligned): aggregation walks millions of them, and reads little else. A
 * figure below UINT32_MAX is kept in 32 bits, ISCG_UNKNOWN as
 * ISCG__UNKNOWN32. A record with a larger figure or with a note keeps its
 * figures (all twelve, as given) and its note aside, in an iscg__aside, and
 * says so in its flags. The period is its first month and its granularity
 * (an iscg_period_kind, 1 to 4: a stored record has one): records cover
 * whole months, aligned on their granularity (STAT-1). */
#define ISCG__UNKNOWN32 UINT32_MAX
enum { ISCG__NOT_REPORTED = 1, ISCG__ASIDE = 2 };
typedef struct iscg__stored {
    int32_t month;       /* the first month: year * 12 + month - 1 */
    uint32_t series;     /* its post (and site) */
    uint32_t territory;  /* 1 + the territory's place in the collection's texts; 0 for none */
    uint8_t granularity, carrier, force, flags;
    uint32_t fig[ISCG_ACTIVITY_FIELD_COUNT]; /* by iscg_activity_field; with ISCG__ASIDE,
                                                fig[0] and fig[1] hold its aside's place */
} iscg__stored;
_Static_assert(sizeof(iscg__stored) == 64, "a stored record is one cache line");

typedef struct iscg__aside {
    int64_t fig[ISCG_ACTIVITY_FIELD_COUNT];
    const char *note; /* interned, or NULL */
} iscg__aside;

/* The most records, posts (and sites) and texts a collection holds: they are
 * numbered (and counted, in the plain sums) in 32 bits. */
#define ISCG__STATS_MAX ((size_t)UINT32_MAX - 1)

struct iscg_stats {
    iscg__stored *items;
    size_t n, cap;
    iscg__aside *aside;
    size_t naside;
    iscg__series *series;
    size_t nseries;
    iscg__index series_ix; /* by post and site */
    size_t *post_series;   /* by place in `texts`: 1 + the first series of that post, 0 for none */
    size_t post_series_cap;
    size_t last_series;    /* the series of the last record added */
    int32_t first_month, last_month; /* of all the records (when n > 0) */
    iscg__pool texts;
};

/* Months in a period of each granularity: iscg__period_months (internal.h). */

/* Grows s->items to room for cap records (nothing when it has that room),
 * in one allocation; a large array is advised to huge pages (Linux's
 * MADV_HUGEPAGE), which only changes how fast its first touch is. 0 or
 * ISCG_ENOMEM; s is unchanged on failure. */
int iscg__stats_items_grow(iscg_stats *s, size_t cap);

static inline const iscg__aside *iscg__stored_aside(const iscg_stats *s, const iscg__stored *r)
{
    return &s->aside[(size_t)((uint64_t)r->fig[0] | (uint64_t)r->fig[1] << 32)];
}

/* Figure f of a stored record, ISCG_UNKNOWN when unknown. */
static inline int64_t iscg__stored_figure(const iscg_stats *s, const iscg__stored *r, int f)
{
    if (r->flags & ISCG__ASIDE)
        return iscg__stored_aside(s, r)->fig[f];
    return r->fig[f] == ISCG__UNKNOWN32 ? ISCG_UNKNOWN : (int64_t)r->fig[f];
}

/* The series of the post at place post_place in s->texts and of site
 * (interned; may be NULL), made if new; -1 on ENOMEM. */
long iscg__stats_series_of(iscg_stats *s, size_t post_place, const char *site);

/* ISCG_EDUPLICATE: the record of post (and site) over p overlaps record
 * `clash` of s. */
int iscg__stats_overlap(iscg_error *err, const iscg_stats *s, size_t clash, const char *post, const char *site,
                        iscg_period p);

/* ISCG_ERANGE: the collection cannot number one more record, series or name. */
int iscg__stats_full(iscg_error *err, const char *post);

/* Where a collection stands, to take back what calls added after it (all
 * or nothing over several records): its records, asides and months. */
typedef struct iscg__stats_mark {
    size_t n, naside;
    int32_t first_month, last_month;
} iscg__stats_mark;

static inline iscg__stats_mark iscg__stats_mark_of(const iscg_stats *s)
{
    iscg__stats_mark m = {s->n, s->naside, s->first_month, s->last_month};
    return m;
}

/* Takes back the records added since mark m. The names and series made
 * since stay, as after a failed iscg_stats_add(): nothing shows an empty
 * series. */
void iscg__stats_rewind(iscg_stats *s, const iscg__stats_mark *m);

/* The record of row i of columns c, as iscg_stats_add() would be given it
 * (stats_columns.c): the plain path of iscg_stats_add_columns(), which
 * validates with it the records its tight loops find suspect, and the
 * sentence of every error. The name codes must have been checked. */
void iscg__stats_column_record(const iscg_stats_columns *c, size_t i, iscg_activity *a);

/* The totals iscg_stats_add() derives: a total left unknown (referrals,
 * interviews) is the sum of its parts when they are all known. a must have
 * passed iscg_activity_check(), which refuses parts whose sum overflows. */
void iscg__stats_derive_totals(iscg_activity *a);

/* Record i of s as it was added (its strings the collection's). */
void iscg__stats_record(const iscg_stats *s, size_t i, iscg_activity *out);

/* The order of dates as one integer: the hot loops of aggregation compare
 * dates validated when their records were added. */
static inline int32_t iscg__date_key(iscg_date d)
{
    return (int32_t)d.year * 512 + d.month * 32 + d.day;
}

/* The period of granularity g that contains the valid date d. */
iscg_period iscg__stats_containing(iscg_stats_granularity g, iscg_date d);

/* The name of record a's group under `by` (interned in the collection, or
 * static); NULL for ISCG_STATS_BY_ALL. */
const char *iscg__stats_group_key(const iscg_activity *a, iscg_stats_key by);

/* The same for a stored record: the same pointer as iscg__stats_group_key()
 * gives for the record it holds. */
const char *iscg__stats_stored_key(const iscg_stats *s, const iscg__stored *r, iscg_stats_key by);

/* "post (site), period", the way every message names a record. */
void iscg__stats_describe(char *buf, size_t size, const char *post, const char *site, iscg_period p);

/* "2022", "2022-Q3"... into buf (at least 48 bytes). */
void iscg__stats_period_text(char *buf, size_t size, iscg_period p);

/* ISCG_EDATE for record `misfit` of s, longer than a period of `per`: it
 * cannot be counted by `per` without inventing its distribution. */
int iscg__stats_misfit(iscg_error *err, const iscg_stats *s, size_t misfit, iscg_stats_granularity per);

/* ---- what the stats files share (stats.c, stats_check.c, stats_store.c,
 * stats_table.c): each file names these by their short names. ---- */

/* The activity figures, summed over records; the others describe coverage. */
#define IS_COVERAGE(f) ((f) == ISCG_ACTIVITY_EPCI || (f) == ISCG_ACTIVITY_COMMUNES || \
                        (f) == ISCG_ACTIVITY_POPULATION)
/* The figures whose absence a gap lists (STAT-4); the optional ones are left out. */
#define GAP_FIELDS                                                                             \
    ((1u << ISCG_ACTIVITY_WOMEN) | (1u << ISCG_ACTIVITY_MEN) | (1u << ISCG_ACTIVITY_CHILDREN) | \
     (1u << ISCG_ACTIVITY_REFERRALS) | (1u << ISCG_ACTIVITY_INTERVIEWS) |                      \
     (1u << ISCG_ACTIVITY_EPCI) | (1u << ISCG_ACTIVITY_COMMUNES) | (1u << ISCG_ACTIVITY_VIF))

/* The names of the enums' members (stats.c). */
extern const char *const iscg__activity_field_names[];
extern const char *const iscg__activity_carrier_names[];
extern const char *const iscg__activity_force_names[];
/* "month", "quarter", "half-year", "year", as sentences say them, by
 * granularity (NULL for ISCG_PERIOD_NONE, which is none). */
extern const char *const iscg__granularity_words[ISCG_PERIOD_KIND_COUNT]; /* ISCG_NC_() entries */
/* Where each field sits in an iscg_activity. */
extern const size_t iscg__activity_field_offset[ISCG_ACTIVITY_FIELD_COUNT];

static inline int64_t iscg__activity_field_get(const iscg_activity *a, int f)
{
    int64_t v;
    memcpy(&v, (const char *)a + iscg__activity_field_offset[f], sizeof v);
    return v;
}

static inline void iscg__activity_field_set(iscg_activity *a, int f, int64_t v)
{
    memcpy((char *)a + iscg__activity_field_offset[f], &v, sizeof v);
}

/* Days of a valid period (days-from-civil, inclusive). */
static inline int64_t iscg__period_days(iscg_period p)
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

static inline int iscg__same_period(iscg_period a, iscg_period b)
{
    return iscg_date_compare(a.start, b.start) == 0 && iscg_date_compare(a.end, b.end) == 0;
}

/* Whether p is exactly one period of granularity g. */
int iscg__stats_is_aligned(iscg_stats_granularity g, iscg_period p);

/* Writes p as its calendar name, or its two dates; snprintf's count. */
int iscg__stats_period_text_n(char *buf, size_t size, iscg_period p);

/* The caller's cancel function (iscg_stats_options) and the records walked
 * since it was last asked: it is asked after about ISCG__STATS_CANCEL_WORK. */
#define ISCG__STATS_CANCEL_WORK ((size_t)1 << 16)
/* The work one row of a table counts for when it is finished (ranked
 * contributions, rates, gaps): the polls of an aggregation keep coming in
 * its last steps, which walk rows, not records. */
#define ISCG__STATS_ROW_WORK ((size_t)16)
typedef struct iscg__stats_poll {
    iscg_cancel_fn fn;
    void *ctx;
    size_t work;
} iscg__stats_poll;

/* Reads the options (NULL for none) into a poll; ISCG_EINVAL, reported, for
 * options of an unknown version. */
int iscg__stats_poll_init(iscg__stats_poll *poll, const iscg_stats_options *opts, iscg_error *err);

/* Counts `work` records more; nonzero when the cancel function asks to stop. */
static inline int iscg__stats_polled(iscg__stats_poll *poll, size_t work)
{
    if (!poll->fn || (poll->work += work) < ISCG__STATS_CANCEL_WORK)
        return 0;
    poll->work = 0;
    return poll->fn(poll->ctx) != 0;
}

/* ISCG_ECANCELED, with its sentence naming the call ("the aggregation"). */
int iscg__stats_canceled(iscg_error *err, const char *what);

/* num / den (num >= 0, den >= 0) as an exact ratio and rounded at scale. */
int iscg__stats_measure_make(iscg_stats_measure *m, iscg__i128 num, iscg__i128 den, int64_t scale,
                             iscg_rounding mode, int64_t weight, size_t used, size_t excluded);

#endif
