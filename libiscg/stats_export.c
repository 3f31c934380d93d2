/* SPDX-License-Identifier: Apache-2.0 */
/* The rows of an aggregated table or of plain sums as columns (STAT-3,
 * STAT-4): the list of each kind of rows' columns, described once, and the
 * export that fills a caller's arrays from it, a block of rows at a time,
 * coding the names of groups and periods into lists of distinct names. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hashindex.h"
#include "i18n.h"
#include "stats_internal.h"

static const char *const kind_names[] = {
    [ISCG_STATS_COLUMN_INT64] = "INT64",
    [ISCG_STATS_COLUMN_BOOL] = "BOOL",
    [ISCG_STATS_COLUMN_DAYS] = "DAYS",
    [ISCG_STATS_COLUMN_NAME] = "NAME",
};
extern const struct iscg__enum iscg__stats_column_kind_enum;
ISCG__ENUM(stats_column_kind, iscg_stats_column_kind, ISCG_N_("column kind"), kind_names, NULL,
           ISCG_STATS_COLUMN_KIND_COUNT)

/* ---- the columns ------------------------------------------------------------ */

/* Where a column's value sits in a row, and its C type there. */
enum source {
    S_INT64,  /* int64_t */
    S_SIZE,   /* size_t, read as int64 */
    S_INT,    /* int 0/1, read as bool */
    S_DATE,   /* iscg_date, read as days since 1970-01-01 */
    S_KEY,    /* const char *, a name */
    S_PERIOD  /* iscg_period, named as iscg_stats_period_format() names it */
};

/* The public kind of each source. */
#define KIND_S_INT64 ISCG_STATS_COLUMN_INT64
#define KIND_S_SIZE ISCG_STATS_COLUMN_INT64
#define KIND_S_INT ISCG_STATS_COLUMN_BOOL
#define KIND_S_DATE ISCG_STATS_COLUMN_DAYS
#define KIND_S_KEY ISCG_STATS_COLUMN_NAME
#define KIND_S_PERIOD ISCG_STATS_COLUMN_NAME

/* The columns of a count (value, known, missing) of counts at `base`. */
#define COUNT(X, base, f, name)                                                                          \
    X(name, S_INT64, (base) + (f) * sizeof(iscg_stats_sum) + offsetof(iscg_stats_sum, value))            \
    X(name "_known", S_SIZE, (base) + (f) * sizeof(iscg_stats_sum) + offsetof(iscg_stats_sum, known))    \
    X(name "_missing", S_SIZE, (base) + (f) * sizeof(iscg_stats_sum) + offsetof(iscg_stats_sum, missing))
#define COUNTS(X, base)                                                    \
    COUNT(X, base, ISCG_ACTIVITY_WOMEN, "women")                           \
    COUNT(X, base, ISCG_ACTIVITY_MEN, "men")                               \
    COUNT(X, base, ISCG_ACTIVITY_CHILDREN, "children")                     \
    COUNT(X, base, ISCG_ACTIVITY_REFERRALS, "referrals")                   \
    COUNT(X, base, ISCG_ACTIVITY_INTERVIEWS, "interviews")                 \
    COUNT(X, base, ISCG_ACTIVITY_INTERVIEWS_PHYSICAL, "interviews_physical") \
    COUNT(X, base, ISCG_ACTIVITY_INTERVIEWS_TELEPHONE, "interviews_telephone") \
    COUNT(X, base, ISCG_ACTIVITY_INTERVIEWS_PARTNERS, "interviews_partners") \
    COUNT(X, base, ISCG_ACTIVITY_EPCI, "epci")                             \
    COUNT(X, base, ISCG_ACTIVITY_COMMUNES, "communes")                     \
    COUNT(X, base, ISCG_ACTIVITY_POPULATION, "population")
_Static_assert(ISCG_ACTIVITY_POPULATION + 1 == ISCG_ACTIVITY_COUNTS, "COUNTS() lists every count");

/* The columns of the measure m of a table row. */
#define MEASURE_AT(m, part) (offsetof(iscg_stats_row, m) + offsetof(iscg_stats_measure, part))
#define MEASURE(X, m)                                                                            \
    X(#m "_defined", S_INT, MEASURE_AT(m, defined))                                              \
    X(#m "_scaled", S_INT64, MEASURE_AT(m, scaled))                                              \
    X(#m "_scale", S_INT64, MEASURE_AT(m, scale))                                                \
    X(#m "_num", S_INT64, MEASURE_AT(m, exact) + offsetof(iscg_ratio, num))                      \
    X(#m "_den", S_INT64, MEASURE_AT(m, exact) + offsetof(iscg_ratio, den))                      \
    X(#m "_weight", S_INT64, MEASURE_AT(m, weight))                                              \
    X(#m "_used", S_SIZE, MEASURE_AT(m, used))                                                   \
    X(#m "_excluded", S_SIZE, MEASURE_AT(m, excluded))

#define TABLE_COLUMNS(X)                                                                          \
    X("group", S_KEY, offsetof(iscg_stats_row, key))                                              \
    X("is_total", S_INT, offsetof(iscg_stats_row, is_total))                                      \
    X("period", S_PERIOD, offsetof(iscg_stats_row, period))                                       \
    X("start", S_DATE, offsetof(iscg_stats_row, period) + offsetof(iscg_period, start))           \
    X("end", S_DATE, offsetof(iscg_stats_row, period) + offsetof(iscg_period, end))               \
    X("records", S_SIZE, offsetof(iscg_stats_row, records))                                       \
    X("not_reported", S_SIZE, offsetof(iscg_stats_row, not_reported))                             \
    X("incomplete", S_SIZE, offsetof(iscg_stats_row, incomplete))                                 \
    COUNTS(X, offsetof(iscg_stats_row, count))                                                    \
    MEASURE(X, vif)                                                                               \
    MEASURE(X, vif_plain_mean)                                                                    \
    MEASURE(X, interviews_per_referral)                                                           \
    MEASURE(X, referrals_per_thousand)                                                            \
    MEASURE(X, share)                                                                             \
    X("gaps", S_SIZE, offsetof(iscg_stats_row, gap_count))

#define SUMS_COLUMNS(X)                                                                           \
    X("group", S_KEY, offsetof(iscg_stats_sums_row, key))                                         \
    X("period", S_PERIOD, offsetof(iscg_stats_sums_row, period))                                  \
    X("start", S_DATE, offsetof(iscg_stats_sums_row, period) + offsetof(iscg_period, start))      \
    X("end", S_DATE, offsetof(iscg_stats_sums_row, period) + offsetof(iscg_period, end))          \
    X("records", S_SIZE, offsetof(iscg_stats_sums_row, records))                                  \
    X("not_reported", S_SIZE, offsetof(iscg_stats_sums_row, not_reported))                        \
    COUNTS(X, offsetof(iscg_stats_sums_row, count))

/* What the caller reads (iscg_stats_column_info), and where the export reads it. */
typedef struct place {
    enum source source;
    size_t offset;
} place;
#define INFO(name, source, offset) {name, KIND_##source},
#define PLACE(name, source, offset) {source, offset},
static const iscg_stats_column_info table_info[] = {TABLE_COLUMNS(INFO)};
static const place table_place[] = {TABLE_COLUMNS(PLACE)};
static const iscg_stats_column_info sums_info[] = {SUMS_COLUMNS(INFO)};
static const place sums_place[] = {SUMS_COLUMNS(PLACE)};

/* A kind of rows: its columns and how to read a row. */
typedef struct layout {
    const char *what; /* "a table of activity statistics" ("... has no column") */
    const iscg_stats_column_info *info;
    const place *place;
    size_t count;
    size_t row_size;  /* the bytes row() fills in its buf; 0: it points into the rows */
    /* row i of the rows: a pointer to it, or to buf filled with it */
    const void *(*row)(const void *rows, size_t i, void *buf);
} layout;

static const void *table_row(const void *rows, size_t i, void *buf)
{
    (void)buf;
    return iscg_stats_table_row(rows, i);
}

static const void *sums_row(const void *rows, size_t i, void *buf)
{
    int rc = iscg_stats_sums_get(buf, rows, i); /* i is below the count: 0 */
    (void)rc;
    return buf;
}

static const layout table_layout = {ISCG_N_("a table of activity statistics"), table_info, table_place,
                                    sizeof table_info / sizeof table_info[0], 0, table_row};
static const layout sums_layout = {ISCG_N_("sums of activity statistics"), sums_info, sums_place,
                                   sizeof sums_info / sizeof sums_info[0], sizeof(iscg_stats_sums_row), sums_row};

const iscg_stats_column_info *iscg_stats_table_column_list(size_t *count)
{
    if (count)
        *count = table_layout.count;
    return table_info;
}

const iscg_stats_column_info *iscg_stats_sums_column_list(size_t *count)
{
    if (count)
        *count = sums_layout.count;
    return sums_info;
}

static int column_find(const layout *l, size_t *index, const char *name, iscg_error *err)
{
    if (!index || !name)
        return !index ? ISCG_FAIL(err, ISCG_EINVAL, "column", "no output given to find a column of %s", ISCG_TR(l->what))
                      : ISCG_FAIL(err, ISCG_EINVAL, "column", "no name given to find a column of %s", ISCG_TR(l->what));
    for (size_t k = 0; k < l->count; k++) {
        if (strcmp(l->info[k].name, name) == 0) {
            *index = k;
            return 0;
        }
    }
    return ISCG_FAIL(err, ISCG_ENOTFOUND, name, "%s has no column '%s'", ISCG_TR(l->what), name);
}

int iscg_stats_table_column_find(size_t *index, const char *name, iscg_error *err)
{
    return column_find(&table_layout, index, name, err);
}

int iscg_stats_sums_column_find(size_t *index, const char *name, iscg_error *err)
{
    return column_find(&sums_layout, index, name, err);
}

/* ---- names as codes ---------------------------------------------------------- */

/* The distinct names of a column, each known by a 64-bit key: a group's name
 * by its pointer (tables and sums intern their keys, so equal names are one
 * pointer), a period by its two dates. Rows of one name often come together,
 * so the last one is tried first; the others are found by hash. */
typedef struct coder {
    uint64_t last;
    int32_t last_code; /* -1: none yet */
    iscg__index index; /* key hash -> code */
    struct name {
        uint64_t key;
        const char *text; /* a group's name; NULL for a period */
    } *names;          /* by code */
    size_t count;
} coder;

_Static_assert(sizeof(uintptr_t) <= sizeof(uint64_t), "a pointer is a 64-bit key");

static uint64_t period_key(iscg_period p)
{
    return (uint64_t)(uint32_t)iscg__date_key(p.start) << 32 | (uint32_t)iscg__date_key(p.end);
}

static iscg_date key_date(uint32_t k)
{
    return (iscg_date){(int)(k / 512), (int)(k / 32 % 16), (int)(k % 32)};
}

/* The code of key (text: a group's name), made if new; ISCG_ENOMEM. */
static int32_t code_of(coder *c, uint64_t key, const char *text)
{
    if (key == c->last && c->last_code >= 0)
        return c->last_code;
    const uint64_t h = iscg__hash_mix(0, key);
    long code = -1;
    if (c->names) { /* the index holds codes of names only */
        iscg__probe p;
        iscg__index_probe(&p, &c->index, h);
        while ((code = iscg__index_next(&p)) >= 0 && c->names[code].key != key)
            ;
    }
    if (code < 0) { /* a name not met yet: fewer than INT32_MAX, as rows are */
        if (iscg__index_reserve(&c->index, c->count + 1) != 0 ||
            iscg__reserve_one(&c->names, c->count, sizeof *c->names) != 0)
            return ISCG_ENOMEM;
        c->names[c->count] = (struct name){key, text};
        iscg__index_put(&c->index, h, c->count);
        code = (long)c->count++;
    }
    c->last = key;
    c->last_code = (int32_t)code;
    return (int32_t)code;
}

/* The text of a coded name, in buf (at least 48 bytes) for a period; its length. */
static size_t name_text(enum source source, const struct name *name, char *buf, const char **text)
{
    if (source == S_KEY) {
        *text = name->text ? name->text : "";
        return strlen(*text);
    }
    iscg_period p = {key_date((uint32_t)(name->key >> 32)), key_date((uint32_t)name->key)};
    *text = buf;
    return (size_t)iscg__stats_period_text_n(buf, 48, p);
}

/* The names of a coder as one block: the pointers, a NULL, the texts. */
static const char **names_of(const coder *c, enum source source)
{
    char buf[48];
    const char *text;
    size_t bytes = (c->count + 1) * sizeof(char *);
    for (size_t i = 0; i < c->count; i++)
        bytes += name_text(source, &c->names[i], buf, &text) + 1;
    const char **names = malloc(bytes);
    if (!names)
        return NULL;
    char *at = (char *)(names + c->count + 1);
    for (size_t i = 0; i < c->count; i++) {
        size_t len = name_text(source, &c->names[i], buf, &text);
        memcpy(at, text, len + 1);
        names[i] = at;
        at += len + 1;
    }
    names[c->count] = NULL;
    return names;
}

void iscg_stats_export_names_free(const char **names)
{
    free((void *)names);
}

/* ---- the export ---------------------------------------------------------------- */

/* Rows read at once: a block stays in the cache while each of its columns is
 * written; a pass per column would read every row once per column. */
enum { BLOCK = 256 };

/* iscg_date_to_days() of 1970-01-01: the day before the first day since the epoch. */
#define EPOCH_DAY 719163

/* Days from 1970-01-01 to a valid date, by the calendar's own count. */
static int64_t epoch_days(iscg_date d)
{
    return iscg_date_to_days(d) - EPOCH_DAY;
}

/* A column being written. */
typedef struct job {
    place at;
    char *out;
    coder *names; /* S_KEY, S_PERIOD */
} job;

/* Writes the column of rows[0..m-1] into out[0..m-1] of its kind; ISCG_ENOMEM. */
static int put(const job *c, const void *const *rows, size_t m, size_t at0)
{
    const size_t off = c->at.offset;
    switch (c->at.source) {
    case S_INT:
        for (size_t j = 0; j < m; j++) {
            int b;
            memcpy(&b, (const char *)rows[j] + off, sizeof b);
            c->out[at0 + j] = (char)(b != 0);
        }
        return 0;
    case S_DATE:
        for (size_t j = 0; j < m; j++) {
            iscg_date d;
            memcpy(&d, (const char *)rows[j] + off, sizeof d);
            int64_t v = epoch_days(d);
            memcpy(c->out + (at0 + j) * 8, &v, 8);
        }
        return 0;
    case S_SIZE:
        for (size_t j = 0; j < m; j++) {
            size_t z;
            memcpy(&z, (const char *)rows[j] + off, sizeof z);
            int64_t v = z > (size_t)INT64_MAX ? INT64_MAX : (int64_t)z;
            memcpy(c->out + (at0 + j) * 8, &v, 8);
        }
        return 0;
    case S_KEY:
    case S_PERIOD:
        for (size_t j = 0; j < m; j++) {
            uint64_t key;
            const char *k = NULL;
            if (c->at.source == S_KEY) {
                memcpy(&k, (const char *)rows[j] + off, sizeof k);
                key = (uint64_t)(uintptr_t)k;
            } else {
                iscg_period p;
                memcpy(&p, (const char *)rows[j] + off, sizeof p);
                key = period_key(p);
            }
            int32_t code = code_of(c->names, key, k);
            if (code < 0)
                return code;
            memcpy(c->out + (at0 + j) * 4, &code, 4);
        }
        return 0;
    default:
        for (size_t j = 0; j < m; j++)
            memcpy(c->out + (at0 + j) * 8, (const char *)rows[j] + off, 8);
        return 0;
    }
}

/* Checks the columns asked for and finds them: ISCG_EINVAL, ISCG_ENOTFOUND. */
static int check(const layout *l, const iscg_stats_export *cols, size_t ncols, size_t n, job *jobs, iscg_error *err)
{
    for (size_t k = 0; k < ncols; k++) {
        const iscg_stats_export *c = &cols[k];
        if (c->version != ISCG_STATS_EXPORT_VERSION)
            return ISCG_FAIL(err, ISCG_EINVAL, "version",
                             "column %zu to export from %s is of version %u; this library knows version %d", k,
                             ISCG_TR(l->what), c->version, ISCG_STATS_EXPORT_VERSION);
        if (!c->column)
            return ISCG_FAIL(err, ISCG_EINVAL, "column", "column %zu to export from %s has no name", k,
                             ISCG_TR(l->what));
        size_t index;
        int rc = column_find(l, &index, c->column, err);
        if (rc < 0)
            return rc;
        if (!c->values && n > 0)
            return ISCG_FAIL(err, ISCG_EINVAL, c->column, "column '%s' to export from %s has no array for its %zu rows",
                             c->column, ISCG_TR(l->what), n);
        jobs[k] = (job){l->place[index], c->values, NULL};
    }
    return 0;
}

static int export_rows(const layout *l, const void *rows, size_t count, size_t first, size_t n,
                       iscg_stats_export *cols, size_t ncols, iscg_error *err)
{
    if (!rows)
        return ISCG_FAIL(err, ISCG_EINVAL, "rows", "no rows to export: the pointer to %s is NULL", ISCG_TR(l->what));
    if (!cols && ncols > 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "columns", "no columns given to export %s", ISCG_TR(l->what));
    for (size_t k = 0; k < ncols; k++) {
        cols[k].names = NULL;
        cols[k].name_count = 0;
    }
    if (n > INT32_MAX)
        return ISCG_FAIL(err, ISCG_ERANGE, "rows",
                         "%zu rows are too many for one export (at most %d, as names are coded in 32 bits): "
                         "export them in slices",
                         n, INT32_MAX);
    if (first > count || n > count - first)
        return ISCG_FAIL(err, ISCG_ERANGE, "rows", "%zu rows from row %zu are past the end of %s of %zu rows", n,
                         first, ISCG_TR(l->what), count);
    if (ncols == 0)
        return 0;
    job *jobs = calloc(ncols, sizeof *jobs);
    coder *coders = calloc(ncols, sizeof *coders);
    char *buf = l->row_size ? malloc(BLOCK * l->row_size) : NULL;
    int rc = !jobs || !coders || (l->row_size && !buf) ? ISCG_ENOMEM : check(l, cols, ncols, n, jobs, err);
    for (size_t k = 0; rc == 0 && k < ncols; k++) {
        if (jobs[k].at.source == S_KEY || jobs[k].at.source == S_PERIOD) {
            jobs[k].names = &coders[k];
            coders[k].last_code = -1;
        }
    }
    const void *block[BLOCK];
    for (size_t i0 = 0; rc == 0 && i0 < n; i0 += BLOCK) {
        size_t m = n - i0;
        if (m > BLOCK)
            m = BLOCK;
        for (size_t j = 0; j < m; j++)
            block[j] = l->row(rows, first + i0 + j, buf ? buf + j * l->row_size : NULL);
        for (size_t k = 0; rc == 0 && k < ncols; k++)
            rc = put(&jobs[k], block, m, i0);
    }
    for (size_t k = 0; rc == 0 && k < ncols; k++) {
        if (jobs[k].names) {
            cols[k].names = names_of(&coders[k], jobs[k].at.source);
            cols[k].name_count = coders[k].count;
            if (!cols[k].names)
                rc = ISCG_ENOMEM;
        }
    }
    for (size_t k = 0; coders && k < ncols; k++) {
        iscg__index_free(&coders[k].index);
        free(coders[k].names);
        if (rc < 0) {
            iscg_stats_export_names_free(cols[k].names);
            cols[k].names = NULL;
            cols[k].name_count = 0;
        }
    }
    free(coders);
    free(jobs);
    free(buf);
    if (rc == ISCG_ENOMEM)
        return ISCG_FAIL(err, rc, "columns", "no memory to export %zu rows of %s", n, ISCG_TR(l->what));
    return rc;
}

int iscg_stats_table_export(const iscg_stats_table *t, size_t first, size_t n, iscg_stats_export *columns,
                            size_t ncolumns, iscg_error *err)
{
    return export_rows(&table_layout, t, iscg_stats_table_count(t), first, n, columns, ncolumns, err);
}

int iscg_stats_sums_export(const iscg_stats_sums *sums, size_t first, size_t n, iscg_stats_export *columns,
                           size_t ncolumns, iscg_error *err)
{
    return export_rows(&sums_layout, sums, iscg_stats_sums_count(sums), first, n, columns, ncolumns, err);
}
