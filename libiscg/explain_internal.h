/* SPDX-License-Identifier: Apache-2.0 */
/* Traces inside the library (AUD-2): a computation appends fixed-size
 * records to the trace its result owns; explain.c renders them as text when
 * they are read. */
#ifndef ISCG_EXPLAIN_INTERNAL_H
#define ISCG_EXPLAIN_INTERNAL_H

#include "internal.h"
#include "model.h"

/* "no record", "no party"...: an index field that points nowhere */
#define ISCG__NONE UINT32_MAX
/* chunk k of a trace holds first << k records: 32 chunks hold any trace */
#define ISCG__TRACE_CHUNKS 32

struct iscg__trace;

/* One record: what iscg_trace_record shows, with indices in place of
 * strings (names are read from the registry the owner holds) and the tree
 * as indices within the trace. Records never move once appended. */
struct iscg_explain {
    struct iscg__trace *t; /* the trace it belongs to (not const: it keeps the texts rendered) */
    const char *rule;            /* a static string: "SPLIT-4", "" */
    iscg_cents amount, base, unit;
    int64_t value;
    iscg_ratio ratio, whole;
    uint32_t index, parent, first, last, next, nchildren;
    uint32_t convention, side, party, party2, post, count;
    int32_t start, end, was_start, was_end, date; /* dates as iscg__pack_date() writes them */
    int32_t year;
    uint8_t kind, daycount, rounding, policy, share_rule;
};

/* A growable store of records, in chunks that never move, so that a node's
 * address stays valid as the trace grows. */
struct iscg__trace {
    const iscg_registry *r;  /* the owner's registry: the owner holds the reference */
    uint32_t convention;     /* the convention index new records name */
    uint32_t n, first;       /* records appended; the capacity of chunk 0 */
    int embedded;            /* 1: chunk 0 lives in the owner's block */
    int texted;              /* 1: a text was rendered (texts[] has something to free); under explain.c's lock */
    uint32_t nchunks;        /* chunks made: the next one is chunk[nchunks] */
    struct iscg_explain *cur, *end; /* the next free slot and the end of its chunk */
    struct iscg_explain *chunk[ISCG__TRACE_CHUNKS];
    char **texts[ISCG__TRACE_CHUNKS]; /* the sentences rendered so far, by chunk */
};

/* Starts an empty trace; room (may be NULL) holds its first nroom records
 * and belongs to the caller. */
void iscg__trace_init(struct iscg__trace *t, const iscg_registry *r, struct iscg_explain *room, uint32_t nroom);
/* Frees what the trace allocated (not its room). */
void iscg__trace_free(struct iscg__trace *t);
/* Appends a record of kind and rule (a static string) for amount, as the
 * last child of parent (NULL: a root); every other field is zero or NONE.
 * NULL when out of memory. */
struct iscg_explain *iscg__trace_add(struct iscg__trace *t, struct iscg_explain *parent, iscg_trace_kind kind,
                                     const char *rule, iscg_cents amount);
/* Appends a copy of e and its subtree (from any trace of the same registry)
 * under parent; the copy, or NULL when out of memory. */
struct iscg_explain *iscg__trace_copy(struct iscg__trace *t, struct iscg_explain *parent, const struct iscg_explain *e);
/* Forgets the records from index n on (roots, or children of them only):
 * a failed step takes back what it appended. */
void iscg__trace_truncate(struct iscg__trace *t, uint32_t n);
/* Record i (< t->n), past chunk 0. */
struct iscg_explain *iscg__trace_at_far(const struct iscg__trace *t, uint32_t i);

/* Record i (< t->n). */
static inline struct iscg_explain *iscg__trace_at(const struct iscg__trace *t, uint32_t i)
{
    return i < t->first ? &t->chunk[0][i] : iscg__trace_at_far(t, i);
}

/* A date in 32 bits (yyyymmdd; 0 for the zeroed date), as records keep them. */
static inline int32_t iscg__pack_date(iscg_date d)
{
    return d.year * 10000 + d.month * 100 + d.day;
}

static inline iscg_date iscg__unpack_date(int32_t v)
{
    return (iscg_date){v / 10000, v / 100 % 100, v % 100};
}

/* The period of record e. */
static inline void iscg__trace_period(struct iscg_explain *e, iscg_period p)
{
    e->start = iscg__pack_date(p.start);
    e->end = iscg__pack_date(p.end);
}

/* The rounding of rule in record e. */
static inline void iscg__trace_rounding(struct iscg_explain *e, const iscg_allocation_rule *rule)
{
    e->rounding = (uint8_t)rule->rounding;
    e->unit = rule->unit;
    e->policy = (uint8_t)rule->policy;
}

extern const struct iscg__enum iscg__trace_kind_enum;

/* "14 333 €" into buf, which it returns. */
const char *iscg__euros(char buf[48], iscg_cents amount);

#endif
