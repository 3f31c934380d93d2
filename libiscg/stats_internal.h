/* The statistics collection's internals, shared by stats.c (records,
 * validation, the aggregated table) and stats_sums.c (plain sums). */
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

/* *out = the pool's copy of s (NULL for NULL or ""); 0 or ISCG_ENOMEM. */
int iscg__pool_intern(iscg__pool *p, const char *s, const char **out);

/* The records of one post (or site), sorted by period: an overlap can only be
 * with the neighbours of a new record's place. */
typedef struct iscg__series {
    const char *post, *site; /* interned */
    size_t *recs;
    size_t n;
} iscg__series;

typedef struct iscg__stored {
    iscg_activity a; /* its strings are interned in the collection's pool */
    size_t series;
} iscg__stored;

struct iscg_stats {
    iscg__stored *items;
    size_t n, cap;
    iscg__series *series;
    size_t nseries;
    iscg__index series_ix; /* by post and site */
    size_t last_series;    /* the series of the last record added */
    iscg__pool texts;
};

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

/* "post (site), period", the way every message names a record. */
void iscg__stats_describe(char *buf, size_t size, const char *post, const char *site, iscg_period p);

/* "2022", "2022-Q3"... into buf (at least 48 bytes). */
void iscg__stats_period_text(char *buf, size_t size, iscg_period p);

/* ISCG_EDATE for record `misfit` of s, longer than a period of `per`: it
 * cannot be counted by `per` without inventing its distribution. */
int iscg__stats_misfit(iscg_error *err, const iscg_stats *s, size_t misfit, iscg_stats_granularity per);

#endif
