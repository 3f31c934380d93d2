/* SPDX-License-Identifier: Apache-2.0 */
/* Activity statistics: records added from columns (iscg_stats_add_columns),
 * the bulk path of ten million records. The rules are those of
 * iscg_stats_add(); only the way is different:
 *
 * - validation: a tight loop over each block of the columns flags the records
 *   that may break a rule (a superset: a figure that does not fit in the
 *   32 bits the store keeps is flagged too). A flagged record is rebuilt as
 *   an iscg_activity (iscg__stats_column_record(), the plain path) and
 *   checked by iscg_activity_check(), which gives the verdict and the
 *   sentence;
 * - storage: the records array is sized once for all the records, each series
 *   once for each run of records of its post, names and series are looked up
 *   once per code rather than once per record;
 * - the first record refused, in the order iscg_stats_add() would refuse it,
 *   undoes everything the call added (all or nothing).
 *
 * tests/check_stats.c compares the two paths record by record. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats_internal.h"

#define granularity_months iscg__period_months

typedef iscg__series series;
typedef iscg__stored stored;

/* Records checked at once by the tight loops. */
enum { BLOCK = 256 };

static inline int64_t value_at(const iscg_stats_int_column *c, size_t i)
{
    return c->values ? c->values[i] : c->value;
}

static inline int64_t code_at(const iscg_stats_name_column *c, size_t i)
{
    return c->codes ? c->codes[i] : c->code;
}

/* The name of code k (checked), NULL for -1. */
static inline const char *name_at(const iscg_stats_name_column *c, int64_t k)
{
    return k < 0 ? NULL : c->names[k];
}

/* An enum's value as an int: out of range gives -1, which the check refuses. */
static int enum_value(int64_t v)
{
    return v >= 0 && v <= INT_MAX ? (int)v : -1;
}

/* The period of granularity g starting on the first of month of year. A
 * value out of range gives a period the check refuses (an invalid date, or
 * a start that is not a period of g), so that its sentence names the record. */
static iscg_period period_of(int64_t year, int64_t month, int64_t g)
{
    iscg_period p;
    p.start.year = year >= 0 && year <= 99999 ? (int)year : 0;
    p.start.month = month >= 0 && month <= 99 ? (int)month : 0;
    p.start.day = 1;
    p.end = p.start;
    if (year < 1 || year > 9999 || month < 1 || month > 12 || g <= ISCG_PERIOD_NONE || g >= ISCG_PERIOD_KIND_COUNT)
        return p;
    int last = (int)month + granularity_months[g] - 1; /* 1..23 */
    int end_year = (int)year + (last - 1) / 12;
    if (end_year > 9999)
        return p;
    p.end.year = end_year;
    p.end.month = (last - 1) % 12 + 1;
    p.end.day = iscg_date_days_in_month(end_year, p.end.month);
    return p;
}

void iscg__stats_column_record(const iscg_stats_columns *c, size_t i, iscg_activity *a)
{
    iscg_activity_init(a);
    a->post = name_at(&c->post, code_at(&c->post, i));
    a->site = name_at(&c->site, code_at(&c->site, i));
    a->territory = name_at(&c->territory, code_at(&c->territory, i));
    a->note = name_at(&c->note, code_at(&c->note, i));
    int64_t g = value_at(&c->granularity, i), nr = value_at(&c->not_reported, i);
    a->granularity = (iscg_stats_granularity)enum_value(g);
    a->period = period_of(value_at(&c->year, i), value_at(&c->month, i), g);
    a->not_reported = nr == 0 || nr == 1 ? (int)nr : nr < INT_MIN ? INT_MIN : nr > INT_MAX ? INT_MAX : (int)nr;
    a->carrier = (iscg_activity_carrier)enum_value(value_at(&c->carrier, i));
    a->force = (iscg_activity_force)enum_value(value_at(&c->force, i));
    for (int f = 0; f < ISCG_ACTIVITY_FIELD_COUNT; f++)
        iscg__activity_field_set(a, f, value_at(&c->figure[f], i));
}

/* "record <i>: " before the sentence of a report. */
static int at_record(iscg_error *err, size_t i, int code)
{
    if (err) {
        char text[sizeof err->text];
        int k = snprintf(text, sizeof text, "record %zu: ", i);
        size_t len = strlen(err->text), room = sizeof text - (size_t)k - 1; /* cut, as reports are cut */
        memcpy(text + k, err->text, len < room ? len : room);
        text[(size_t)k + (len < room ? len : room)] = '\0';
        memcpy(err->text, text, sizeof text);
    }
    return code;
}

/* A name code of record i outside its table: ISCG_EINVAL, named. */
static int bad_code(iscg_error *err, const iscg_stats_name_column *c, const char *what, size_t i)
{
    int64_t k = code_at(c, i);
    if (c->count == 0)
        return iscg__fail(err, ISCG_EINVAL, NULL, what, 0, 0,
                          "record %zu: %s: code %lld is given, but the column has no names", i, what, (long long)k);
    return iscg__fail(err, ISCG_EINVAL, NULL, what, 0, 0,
                      "record %zu: %s: code %lld is not one of the %zu names (0 to %zu, or -1 for none)", i, what,
                      (long long)k, c->count, c->count - 1);
}

static inline int code_ok(const iscg_stats_name_column *c, int64_t k)
{
    return k == -1 || (k >= 0 && (uint64_t)k < c->count);
}

#define UNKNOWN ISCG_UNKNOWN

/* The known parts' sum against a total (STAT-2), as check_split() decides,
 * on the figures as a block keeps them: ISCG__UNKNOWN32 for unknown. The
 * sum of three 32-bit figures cannot overflow 64 bits. A record with a
 * figure that does not fit in 32 bits is flagged already, and what this
 * gives for it does not count. */
static inline int split_bad(const uint32_t *parts, int n, uint32_t total)
{
    uint64_t sum = 0;
    int unknown = 0;
    for (int k = 0; k < n; k++) {
        unknown += parts[k] == ISCG__UNKNOWN32;
        sum += parts[k] == ISCG__UNKNOWN32 ? 0 : parts[k];
    }
    return total != ISCG__UNKNOWN32 && (unknown ? sum > total : sum != total);
}

/* 1: record i has a figure, known, that does not fit in 32 bits (the
 * record is then kept aside). */
static int wide_at(const iscg_stats_columns *c, size_t i)
{
    for (int k = 0; k < ISCG_ACTIVITY_FIELD_COUNT; k++) {
        int64_t x = value_at(&c->figure[k], i);
        if (x != UNKNOWN && (uint64_t)x >= ISCG__UNKNOWN32)
            return 1;
    }
    return 0;
}

/* The totals iscg__stats_derive_totals() derives, on a block's 32-bit
 * figures: 0, or 1 when a derived total does not fit in 32 bits (the record
 * is then kept aside, and its totals derived from the record as given). */
static inline int derive_totals32(uint32_t *f)
{
    const uint32_t u = ISCG__UNKNOWN32;
    if (f[ISCG_ACTIVITY_REFERRALS] == u && f[ISCG_ACTIVITY_WOMEN] != u && f[ISCG_ACTIVITY_MEN] != u &&
        f[ISCG_ACTIVITY_CHILDREN] != u) {
        uint64_t t = (uint64_t)f[ISCG_ACTIVITY_WOMEN] + f[ISCG_ACTIVITY_MEN] + f[ISCG_ACTIVITY_CHILDREN];
        if (t >= u)
            return 1;
        f[ISCG_ACTIVITY_REFERRALS] = (uint32_t)t;
    }
    if (f[ISCG_ACTIVITY_INTERVIEWS] == u && f[ISCG_ACTIVITY_INTERVIEWS_PHYSICAL] != u &&
        f[ISCG_ACTIVITY_INTERVIEWS_TELEPHONE] != u) {
        uint64_t t = (uint64_t)f[ISCG_ACTIVITY_INTERVIEWS_PHYSICAL] + f[ISCG_ACTIVITY_INTERVIEWS_TELEPHONE];
        if (t >= u)
            return 1;
        f[ISCG_ACTIVITY_INTERVIEWS] = (uint32_t)t;
    }
    return 0;
}

/* The months a period of each granularity may start in, as bits 0 (January)
 * to 11; none for ISCG_PERIOD_NONE, which is no granularity. */
static const unsigned aligned_starts[ISCG_PERIOD_KIND_COUNT] = {
    [ISCG_PERIOD_NONE] = 0,        [ISCG_PERIOD_MONTH] = 0xfff, [ISCG_PERIOD_QUARTER] = 0x249,
    [ISCG_PERIOD_HALF_YEAR] = 0x041, [ISCG_PERIOD_YEAR] = 0x001,
};

/* A block of records read from the columns, one column at a time (one
 * stream of memory at a time, which the processor prefetches well), into
 * rows the store then reads from the cache. The figures are staged as the
 * store keeps them, in 32 bits (ISCG__UNKNOWN32 for unknown), so that a
 * record is stored by one copy; a record with a figure that does not fit is
 * flagged (one test finds both a figure out of range and one too wide), and
 * its figures are read again from the columns. */
typedef struct block {
    uint32_t fig[BLOCK][ISCG_ACTIVITY_FIELD_COUNT];
    int32_t start[BLOCK];   /* year * 12 + month - 1 */
    uint8_t g[BLOCK], carrier[BLOCK], force[BLOCK], nr[BLOCK];
    unsigned char bad[BLOCK]; /* 1: may break a rule */
} block;

/* An enum column into a block: values at or above `count` flagged. */
static void stage_small(const iscg_stats_int_column *col, size_t from, size_t m, uint64_t count, uint8_t *out,
                        unsigned char *bad)
{
    if (col->values) {
        const int64_t *v = col->values + from;
        for (size_t j = 0; j < m; j++) {
            out[j] = (uint8_t)v[j];
            bad[j] |= (uint64_t)v[j] >= count;
        }
    } else {
        unsigned char flag = (uint64_t)col->value >= count;
        memset(out, (uint8_t)col->value, m);
        for (size_t j = 0; j < m; j++)
            bad[j] |= flag;
    }
}

static void stage_codes(const iscg_stats_name_column *col, size_t from, size_t m, unsigned char *bad)
{
    if (col->codes) {
        const int64_t *v = col->codes + from;
        for (size_t j = 0; j < m; j++)
            bad[j] |= v[j] != -1 && (uint64_t)v[j] >= col->count;
    } else if (!code_ok(col, col->code)) {
        memset(bad, 1, m);
    }
}

/* Reads records from..from+m into b and flags those that may break a rule:
 * a superset of those iscg_activity_check() refuses, with the name codes.
 * A post without a name is found when its name is looked up. */
static void stage_block(const iscg_stats_columns *c, size_t from, size_t m, block *b)
{
    unsigned char *bad = b->bad;
    memset(bad, 0, m);
    stage_codes(&c->post, from, m, bad);
    if (!c->post.codes && c->post.code == -1)
        memset(bad, 1, m);
    else if (c->post.codes)
        for (size_t j = 0; j < m; j++)
            bad[j] |= c->post.codes[from + j] == -1;
    stage_codes(&c->site, from, m, bad);
    stage_codes(&c->territory, from, m, bad);
    stage_codes(&c->note, from, m, bad);
    stage_small(&c->granularity, from, m, ISCG_PERIOD_KIND_COUNT, b->g, bad); /* NONE: no aligned start */
    stage_small(&c->carrier, from, m, ISCG_ACTIVITY_CARRIER_COUNT, b->carrier, bad);
    stage_small(&c->force, from, m, ISCG_ACTIVITY_FORCE_COUNT, b->force, bad);
    stage_small(&c->not_reported, from, m, 2, b->nr, bad);
    for (size_t j = 0; j < m; j++) {
        int64_t y = value_at(&c->year, from + j), mo = value_at(&c->month, from + j);
        int out = (uint64_t)y - 1 >= 9999 || (uint64_t)mo - 1 >= 12; /* unsigned: INT64_MIN wraps, not overflows */
        b->start[j] = out ? 0 : (int32_t)(y * 12 + mo - 1);
        bad[j] |= out || b->g[j] >= ISCG_PERIOD_KIND_COUNT || !(aligned_starts[b->g[j]] >> (mo - 1) & 1);
    }
    for (int k = 0; k < ISCG_ACTIVITY_FIELD_COUNT; k++) {
        const iscg_stats_int_column *col = &c->figure[k];
        /* a count: >= 0 or unknown; the VIF share: 0 to 100 % or unknown; not
         * one is given by a record not reported but EPCI, communes, population.
         * Flagged too: a count that does not fit in 32 bits (kept aside). */
        int64_t hi = k == ISCG_ACTIVITY_VIF ? ISCG_STATS_BASIS_POINTS : (int64_t)ISCG__UNKNOWN32 - 1;
        unsigned char coverage = IS_COVERAGE(k) ? 0 : 1;
        if (col->values) {
            const int64_t *v = col->values + from;
            for (size_t j = 0; j < m; j++) {
                int64_t x = v[j];
                unsigned char known = x != UNKNOWN;
                b->fig[j][k] = known ? (uint32_t)x : ISCG__UNKNOWN32;
                bad[j] |= known & (((uint64_t)x > (uint64_t)hi) | (b->nr[j] & coverage));
            }
        } else {
            int64_t x = col->value;
            unsigned char known = x != UNKNOWN;
            unsigned char flag = known && (uint64_t)x > (uint64_t)hi;
            uint32_t x32 = known ? (uint32_t)x : ISCG__UNKNOWN32;
            for (size_t j = 0; j < m; j++) {
                b->fig[j][k] = x32;
                bad[j] |= flag | (known & b->nr[j] & coverage);
            }
        }
    }
    for (size_t j = 0; j < m; j++) {
        const uint32_t *f = b->fig[j];
        bad[j] |= split_bad(f + ISCG_ACTIVITY_WOMEN, 3, f[ISCG_ACTIVITY_REFERRALS]) |
                  split_bad(f + ISCG_ACTIVITY_INTERVIEWS_PHYSICAL, 2, f[ISCG_ACTIVITY_INTERVIEWS]) |
                  (f[ISCG_ACTIVITY_INTERVIEWS_PARTNERS] != ISCG__UNKNOWN32 &&
                   f[ISCG_ACTIVITY_INTERVIEWS] != ISCG__UNKNOWN32 &&
                   f[ISCG_ACTIVITY_INTERVIEWS_PARTNERS] > f[ISCG_ACTIVITY_INTERVIEWS]);
    }
}

/* Record i flagged: its verdict, with the sentence of the plain path. */
static int check_flagged(const iscg_stats_columns *c, size_t i, iscg_error *err)
{
    static const struct {
        size_t offset;
        const char *name;
    } names[] = {{offsetof(iscg_stats_columns, post), "post"},
                 {offsetof(iscg_stats_columns, site), "site"},
                 {offsetof(iscg_stats_columns, territory), "territory"},
                 {offsetof(iscg_stats_columns, note), "note"}};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        const iscg_stats_name_column *col = (const void *)((const char *)c + names[k].offset);
        if (!code_ok(col, code_at(col, i)))
            return bad_code(err, col, names[k].name, i);
    }
    iscg_activity a;
    iscg__stats_column_record(c, i, &a);
    int rc = iscg_activity_check(&a, err);
    return rc ? at_record(err, i, rc) : 0;
}

/* The lookups of one call, by name code: 0 for a code not yet met, else
 * 2 + the text's place in the pool (1 for no text). */
typedef struct lookups {
    size_t *place[4];   /* post, site, territory, note */
    size_t *post_series; /* by post code, for records without a site: 1 + the series, 0 not yet met */
} lookups;

static void lookups_free(lookups *l)
{
    for (int k = 0; k < 4; k++)
        free(l->place[k]);
    free(l->post_series);
}

/* The place of code k of column c (kind `which` of l): 0, or ISCG_ENOMEM. */
static inline int place_of(iscg_stats *s, lookups *l, int which, const iscg_stats_name_column *c, int64_t k,
                           size_t *place)
{
    if (k < 0) {
        *place = SIZE_MAX;
        return 0;
    }
    size_t *slot = &l->place[which][k];
    if (!*slot) {
        size_t p;
        if (iscg__pool_place(&s->texts, c->names[k], &p) != 0)
            return ISCG_ENOMEM;
        *slot = p == SIZE_MAX ? 1 : p + 2;
    }
    *place = *slot == 1 ? SIZE_MAX : *slot - 2;
    return 0;
}

/* Room for at least `need` records in s->items, in one allocation (advised
 * to huge pages when large: iscg__stats_items_grow()). 0 or ISCG_ENOMEM. */
static int items_reserve(iscg_stats *s, size_t need)
{
    return iscg__stats_items_grow(s, need);
}

/* Room in a series for `more` records: the capacity iscg__reserve_one()
 * keeps (the power of two at or above the count), reached at once. */
static int series_reserve(series *se, size_t more)
{
    size_t need = se->n + more, cap = 1;
    while (cap < need)
        cap *= 2;
    size_t have = 1;
    while (have < se->n)
        have *= 2;
    if (se->n && cap <= have)
        return 0;
    uint32_t *recs = realloc(se->recs, cap * sizeof *recs);
    if (!recs)
        return ISCG_ENOMEM;
    se->recs = recs;
    return 0;
}

/* How many records from i on belong to the series of record i (same post and
 * site codes), looked for no further than `end`. */
static size_t run_length(const iscg_stats_columns *c, size_t i, size_t end)
{
    if (!c->post.codes && !c->site.codes)
        return end - i;
    int64_t pc = code_at(&c->post, i), sc = code_at(&c->site, i);
    size_t j = i + 1;
    while (j < end && code_at(&c->post, j) == pc && code_at(&c->site, j) == sc)
        j++;
    return j - i;
}

int iscg_stats_add_columns(iscg_stats *s, const iscg_stats_columns *c, size_t n, size_t *failed, iscg_error *err)
{
    return iscg_stats_add_columns_ext(s, c, n, NULL, failed, err);
}

int iscg_stats_add_columns_ext(iscg_stats *s, const iscg_stats_columns *c, size_t n, const iscg_stats_options *opts,
                               size_t *failed, iscg_error *err)
{
    if (failed)
        *failed = SIZE_MAX;
    if (!s)
        return ISCG_FAIL(err, ISCG_EINVAL, "stats", "no collection given");
    if (!c)
        return ISCG_FAIL(err, ISCG_EINVAL, "columns", "no columns given");
    if (c->version != ISCG_STATS_COLUMNS_VERSION)
        return ISCG_FAIL(err, ISCG_EINVAL, "version", "columns of version %u, not %d (ISCG_STATS_COLUMNS_INIT)",
                         c->version, ISCG_STATS_COLUMNS_VERSION);
    const iscg_stats_name_column *cols[4] = {&c->post, &c->site, &c->territory, &c->note};
    static const char *const col_names[4] = {"post", "site", "territory", "note"};
    for (int k = 0; k < 4; k++)
        if (cols[k]->count > 0 && !cols[k]->names)
            return ISCG_FAIL(err, ISCG_EINVAL, col_names[k], "%s: %zu names announced, none given", col_names[k],
                             cols[k]->count);
    if (!c->post.count)
        return ISCG_FAIL(err, ISCG_EINVAL, "post", "the post column is required, with its names");
    iscg__stats_poll poll;
    if (iscg__stats_poll_init(&poll, opts, err) != 0)
        return ISCG_EINVAL;
    if (n == 0)
        return 0;

    lookups l;
    memset(&l, 0, sizeof l);
    for (int k = 0; k < 4; k++)
        if (cols[k]->count && !(l.place[k] = calloc(cols[k]->count, sizeof *l.place[k])))
            goto nomem;
    if (!(l.post_series = calloc(c->post.count, sizeof *l.post_series)))
        goto nomem;
    if (n > ISCG__STATS_MAX - s->n)
        n = ISCG__STATS_MAX - s->n + 1; /* the record past the last place is refused below */
    if (items_reserve(s, s->n + n) != 0)
        goto nomem;

    const iscg__stats_mark mark = iscg__stats_mark_of(s);
    int rc = 0;
    size_t at = SIZE_MAX;
    block *b = malloc(sizeof *b);
    if (!b)
        goto nomem;
    long last_si = -1;
    size_t run_end = 0;
    for (size_t from = 0; from < n && !rc; from += BLOCK) {
        size_t m = n - from;
        if (m > BLOCK)
            m = BLOCK;
        if (iscg__stats_polled(&poll, m)) {
            rc = iscg__stats_canceled(err, "the ingest");
            break;
        }
        stage_block(c, from, m, b);
        for (size_t j = 0; j < m; j++) {
            size_t i = from + j;
            if (b->bad[j] && (rc = check_flagged(c, i, err)) != 0) {
                at = i;
                break;
            }
            /* the series, looked up once per post code (and per run of a site) */
            int64_t pc = code_at(&c->post, i), sc = code_at(&c->site, i);
            long si;
            size_t post, terr, note;
            if (place_of(s, &l, 0, &c->post, pc, &post) != 0)
                goto nomem_undo;
            if (post == SIZE_MAX) { /* no name: refused as the plain path refuses it */
                rc = check_flagged(c, i, err);
                at = i;
                break;
            }
            if (i < run_end) {
                si = last_si;
            } else {
                size_t site_place;
                if (place_of(s, &l, 1, &c->site, sc, &site_place) != 0)
                    goto nomem_undo;
                if (site_place == SIZE_MAX && l.post_series[pc]) {
                    si = (long)l.post_series[pc] - 1;
                } else {
                    si = iscg__stats_series_of(s, post, site_place == SIZE_MAX ? NULL : s->texts.texts[site_place]);
                    if (si < 0)
                        goto nomem_undo;
                    if (site_place == SIZE_MAX)
                        l.post_series[pc] = (size_t)si + 1;
                }
                size_t run = run_length(c, i, n);
                if (series_reserve(&s->series[si], run) != 0)
                    goto nomem_undo;
                run_end = i + run;
                last_si = si;
            }
            if (place_of(s, &l, 2, &c->territory, code_at(&c->territory, i), &terr) != 0 ||
                place_of(s, &l, 3, &c->note, code_at(&c->note, i), &note) != 0)
                goto nomem_undo;
            if (s->n >= ISCG__STATS_MAX || (size_t)si >= ISCG__STATS_MAX ||
                (terr != SIZE_MAX && terr >= ISCG__STATS_MAX)) {
                rc = at_record(err, i, iscg__stats_full(err, c->post.names[pc]));
                at = i;
                break;
            }
            series *se = &s->series[si];
            int g = b->g[j];
            int32_t start = b->start[j];
            int32_t end = start + granularity_months[g] - 1;
            size_t lo = se->n, hi = se->n;
            if (hi > 0 && s->items[se->recs[hi - 1]].month > start) {
                lo = 0;
                while (lo < hi) {
                    size_t mid = lo + (hi - lo) / 2;
                    if (s->items[se->recs[mid]].month <= start)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
            }
            size_t clash = SIZE_MAX;
            if (lo > 0) {
                const stored *prev = &s->items[se->recs[lo - 1]];
                if (prev->month + granularity_months[prev->granularity] - 1 >= start)
                    clash = se->recs[lo - 1];
            }
            if (clash == SIZE_MAX && lo < se->n && s->items[se->recs[lo]].month <= end)
                clash = se->recs[lo];
            if (clash != SIZE_MAX) {
                iscg_activity a;
                iscg__stats_column_record(c, i, &a);
                rc = at_record(err, i, iscg__stats_overlap(err, s, clash, a.post, se->site, a.period));
                at = i;
                break;
            }
            uint32_t *f = b->fig[j];
            /* totals derived from fully known parts, as iscg_stats_add() derives them */
            int wide = (b->bad[j] && wide_at(c, i)) || derive_totals32(f);
            stored *r = &s->items[s->n];
            r->month = start;
            r->series = (uint32_t)si;
            r->territory = terr == SIZE_MAX ? 0 : (uint32_t)(terr + 1);
            r->granularity = (uint8_t)g;
            r->carrier = b->carrier[j];
            r->force = b->force[j];
            r->flags = b->nr[j] ? ISCG__NOT_REPORTED : 0;
            if (wide || note != SIZE_MAX) {
                if (iscg__reserve_one(&s->aside, s->naside, sizeof *s->aside) != 0)
                    goto nomem_undo;
                iscg__aside *x = &s->aside[s->naside];
                iscg_activity a; /* as given, and checked */
                iscg__stats_column_record(c, i, &a);
                iscg__stats_derive_totals(&a);
                for (int k = 0; k < ISCG_ACTIVITY_FIELD_COUNT; k++)
                    x->fig[k] = iscg__activity_field_get(&a, k);
                x->note = note == SIZE_MAX ? NULL : s->texts.texts[note];
                memset(r->fig, 0, sizeof r->fig);
                r->fig[0] = (uint32_t)s->naside;
                r->fig[1] = (uint32_t)((uint64_t)s->naside >> 32);
                r->flags |= ISCG__ASIDE;
                s->naside++;
            } else {
                memcpy(r->fig, f, sizeof r->fig);
            }
            if (s->n == 0 || start < s->first_month)
                s->first_month = start;
            if (s->n == 0 || end > s->last_month)
                s->last_month = end;
            if (lo < se->n)
                memmove(&se->recs[lo + 1], &se->recs[lo], (se->n - lo) * sizeof *se->recs);
            se->recs[lo] = (uint32_t)s->n;
            se->n++;
            s->n++;
        }
    }
    if (rc) {
        iscg__stats_rewind(s, &mark);
        if (failed)
            *failed = at;
    }
    free(b);
    lookups_free(&l);
    return rc;
nomem_undo:
    iscg__stats_rewind(s, &mark);
    free(b);
nomem:
    lookups_free(&l);
    return ISCG_FAIL(err, ISCG_ENOMEM, "stats", "out of memory");
}
