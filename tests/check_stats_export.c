/* SPDX-License-Identifier: Apache-2.0 */
/* Tables and sums as columns (iscg/stats_export.h), STAT-3 and STAT-4: every
 * exported column against the rows read one by one (iscg_stats_table_row(),
 * iscg_stats_sums_get()), decoded here from each column's name, on the
 * embedded dataset's statistics and on a random collection of a few
 * thousand records; slices against the whole; and each error. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "suites.h"

#define U ISCG_UNKNOWN
#define MAX_COLUMNS 128

/* A row of either kind, as the accessors give it. */
typedef struct view {
    const char *key;
    int is_total;
    iscg_period period;
    size_t records, not_reported, incomplete, gaps;
    const iscg_stats_sum *count;
    const iscg_stats_measure *measure[5]; /* NULL for sums */
} view;

static const char *const measure_names[5] = {"vif", "vif_plain_mean", "interviews_per_referral",
                                             "referrals_per_thousand", "share"};

static view table_view(const iscg_stats_table *t, size_t i)
{
    const iscg_stats_row *r = iscg_stats_table_row(t, i);
    ck_assert_ptr_nonnull(r);
    return (view){r->key, r->is_total, r->period, r->records, r->not_reported, r->incomplete, r->gap_count, r->count,
                  {&r->vif, &r->vif_plain_mean, &r->interviews_per_referral, &r->referrals_per_thousand, &r->share}};
}

static view sums_view(const iscg_stats_sums *s, size_t i, iscg_stats_sums_row *row)
{
    ck_assert_int_eq(iscg_stats_sums_get(row, s, i), 0);
    return (view){row->key, 0, row->period, row->records, row->not_reported, 0, 0, row->count, {NULL}};
}

static int64_t days_since_1970(iscg_date d)
{
    return iscg_date_to_days(d) - iscg_date_to_days((iscg_date){1970, 1, 1});
}

/* What a column's name says it holds, decoded here as the header documents it. */
typedef struct decoded {
    enum { D_GROUP, D_PERIOD, D_START, D_END, D_TOTAL, D_SIZE, D_COUNT, D_MEASURE } what;
    int index, part;
    iscg_stats_column_kind kind;
} decoded;

static decoded decode(const char *name)
{
    static const char *const plain[] = {"group", "period", "start", "end", "is_total"};
    static const iscg_stats_column_kind plain_kind[] = {ISCG_STATS_COLUMN_NAME, ISCG_STATS_COLUMN_NAME,
                                                        ISCG_STATS_COLUMN_DAYS, ISCG_STATS_COLUMN_DAYS,
                                                        ISCG_STATS_COLUMN_BOOL};
    for (int k = 0; k < 5; k++)
        if (strcmp(name, plain[k]) == 0)
            return (decoded){(int)k, 0, 0, plain_kind[k]};
    static const char *const sizes[] = {"records", "not_reported", "incomplete", "gaps"};
    for (int k = 0; k < 4; k++)
        if (strcmp(name, sizes[k]) == 0)
            return (decoded){D_SIZE, k, 0, ISCG_STATS_COLUMN_INT64};
    char label[64];
    for (int f = 0; f < ISCG_ACTIVITY_COUNTS; f++) {
        static const char *const suffix[] = {"", "_known", "_missing"};
        for (int k = 0; k < 3; k++) {
            snprintf(label, sizeof label, "%s%s", iscg_activity_field_name((iscg_activity_field)f), suffix[k]);
            if (strcmp(name, label) == 0)
                return (decoded){D_COUNT, f, k, ISCG_STATS_COLUMN_INT64};
        }
    }
    for (int m = 0; m < 5; m++) {
        static const char *const suffix[] = {"_defined", "_scaled", "_scale", "_num",
                                             "_den",     "_weight", "_used",  "_excluded"};
        for (int k = 0; k < 8; k++) {
            snprintf(label, sizeof label, "%s%s", measure_names[m], suffix[k]);
            if (strcmp(name, label) == 0)
                return (decoded){D_MEASURE, m, k, k == 0 ? ISCG_STATS_COLUMN_BOOL : ISCG_STATS_COLUMN_INT64};
        }
    }
    ck_abort_msg("column '%s' is not documented", name);
    return (decoded){D_GROUP, 0, 0, ISCG_STATS_COLUMN_NAME};
}

/* The value of a decoded column in row v: a number, or (a name) a text into buf. */
static int64_t expected(const view *v, decoded d, char *buf, size_t size)
{
    switch (d.what) {
    case D_GROUP:
        snprintf(buf, size, "%s", v->key ? v->key : "");
        return 0;
    case D_PERIOD:
        ck_assert_int_gt(iscg_stats_period_format(buf, size, v->period), 0);
        return 0;
    case D_START: return days_since_1970(v->period.start);
    case D_END: return days_since_1970(v->period.end);
    case D_TOTAL: return v->is_total;
    case D_SIZE: {
        const size_t value[] = {v->records, v->not_reported, v->incomplete, v->gaps};
        return (int64_t)value[d.index];
    }
    case D_COUNT: {
        const iscg_stats_sum *c = &v->count[d.index];
        const int64_t parts[] = {c->value, (int64_t)c->known, (int64_t)c->missing};
        return parts[d.part];
    }
    default: {
        const iscg_stats_measure *x = v->measure[d.index];
        ck_assert_ptr_nonnull(x);
        const int64_t parts[] = {x->defined,   x->scaled, x->scale,         x->exact.num,
                                 x->exact.den, x->weight, (int64_t)x->used, (int64_t)x->excluded};
        return parts[d.part];
    }
    }
}

/* The rows to compare: a table, or sums. */
typedef struct rows {
    const iscg_stats_table *t;
    const iscg_stats_sums *s;
} rows;

static size_t rows_count(rows r) { return r.t ? iscg_stats_table_count(r.t) : iscg_stats_sums_count(r.s); }

static const iscg_stats_column_info *rows_columns(rows r, size_t *n)
{
    return r.t ? iscg_stats_table_column_list(n) : iscg_stats_sums_column_list(n);
}

static int rows_export(rows r, size_t first, size_t n, iscg_stats_export *cols, size_t ncols, iscg_error *e)
{
    return r.t ? iscg_stats_table_export(r.t, first, n, cols, ncols, e)
               : iscg_stats_sums_export(r.s, first, n, cols, ncols, e);
}

/* Exports columns which[0..nw-1] of rows first..first+n-1 and compares each
 * value with the row read by its accessor; each column's names are
 * distinct. */
static void compare(rows r, size_t first, size_t n, const size_t *which, size_t nw)
{
    size_t ncols;
    const iscg_stats_column_info *info = rows_columns(r, &ncols);
    iscg_stats_export cols[MAX_COLUMNS];
    int64_t *values[MAX_COLUMNS];
    ck_assert_uint_le(nw, MAX_COLUMNS);
    for (size_t k = 0; k < nw; k++) {
        cols[k] = (iscg_stats_export)ISCG_STATS_EXPORT_INIT;
        cols[k].column = info[which[k]].name;
        cols[k].values = values[k] = malloc((n + 1) * sizeof(int64_t));
        ck_assert_ptr_nonnull(values[k]);
    }
    iscg_error e;
    iscg_error_clear(&e);
    ck_assert_msg(rows_export(r, first, n, cols, nw, &e) == 0, "export: %s", e.text);
    for (size_t k = 0; k < nw; k++) {
        iscg_stats_column_kind kind = info[which[k]].kind;
        if (kind != ISCG_STATS_COLUMN_NAME) {
            ck_assert_ptr_null(cols[k].names);
            ck_assert_uint_eq(cols[k].name_count, 0);
            continue;
        }
        ck_assert_ptr_nonnull(cols[k].names);
        ck_assert_ptr_null(cols[k].names[cols[k].name_count]);
        for (size_t a = 0; a < cols[k].name_count; a++)
            for (size_t b = a + 1; b < cols[k].name_count; b++)
                ck_assert_str_ne(cols[k].names[a], cols[k].names[b]);
    }
    decoded d[MAX_COLUMNS];
    for (size_t k = 0; k < nw; k++) {
        d[k] = decode(info[which[k]].name);
        ck_assert_msg(d[k].kind == info[which[k]].kind, "column '%s' of kind %s", info[which[k]].name,
                      iscg_stats_column_kind_name(info[which[k]].kind));
    }
    for (size_t i = 0; i < n; i++) {
        iscg_stats_sums_row row;
        view v = r.t ? table_view(r.t, first + i) : sums_view(r.s, first + i, &row);
        for (size_t k = 0; k < nw; k++) {
            char text[64];
            int64_t want = expected(&v, d[k], text, sizeof text);
            if (d[k].kind == ISCG_STATS_COLUMN_NAME) {
                int32_t code = ((const int32_t *)values[k])[i];
                ck_assert_int_ge(code, 0);
                ck_assert_uint_lt((size_t)code, cols[k].name_count);
                ck_assert_str_eq(cols[k].names[code], text);
            } else if (d[k].kind == ISCG_STATS_COLUMN_BOOL) {
                ck_assert_msg(((const uint8_t *)values[k])[i] == want, "row %zu, column %s", first + i,
                              info[which[k]].name);
            } else {
                ck_assert_msg(values[k][i] == want, "row %zu, column %s: %lld, not %lld", first + i,
                              info[which[k]].name, (long long)values[k][i], (long long)want);
            }
        }
    }
    for (size_t k = 0; k < nw; k++) {
        iscg_stats_export_names_free(cols[k].names);
        free(values[k]);
    }
}

/* Every column at once, each column alone, and the rows in slices. */
static void compare_all(rows r)
{
    size_t ncols, all[MAX_COLUMNS];
    rows_columns(r, &ncols);
    for (size_t k = 0; k < ncols; k++)
        all[k] = k;
    size_t n = rows_count(r);
    compare(r, 0, n, all, ncols);
    for (size_t k = 0; k < ncols; k++)
        compare(r, 0, n, &all[k], 1);
    /* slices of 1, 7 and 300 rows, all the columns, a name column twice */
    static const size_t slice[] = {1, 7, 300};
    size_t twice[MAX_COLUMNS + 1];
    memcpy(twice, all, ncols * sizeof *all);
    twice[ncols] = 0;
    for (int s = 0; s < 3; s++)
        for (size_t first = 0; first < n; first += slice[s])
            compare(r, first, first + slice[s] <= n ? slice[s] : n - first, twice, ncols + 1);
    compare(r, n, 0, all, ncols); /* no row at the end */
}

static void compare_stats(const iscg_stats *s, iscg_stats_granularity per)
{
    for (int by = 0; by < ISCG_STATS_KEY_COUNT; by++) {
        iscg_error e;
        iscg_stats_table *t = NULL;
        iscg_stats_sums *sums = NULL;
        ck_assert_msg(iscg_stats_aggregate(&t, s, (iscg_stats_key)by, per, ISCG_ROUND_HALF_UP, &e) == 0, "%s",
                      e.text);
        ck_assert_msg(iscg_stats_sums_compute(&sums, s, (iscg_stats_key)by, per, &e) == 0, "%s", e.text);
        ck_assert_uint_gt(iscg_stats_table_count(t), 0);
        compare_all((rows){t, NULL});
        compare_all((rows){NULL, sums});
        iscg_stats_sums_free(sums);
        iscg_stats_table_free(t);
    }
}

/* STAT-3: the lists of columns are the documented ones, with their kinds
 * (which compare() checks against the names), each name once and found
 * again by its name. */
START_TEST(test_stat3_export_column_lists)
{
    size_t n = 0, at = 99;
    const iscg_stats_column_info *t = iscg_stats_table_column_list(&n);
    ck_assert_uint_eq(n, 8 + 3 * ISCG_ACTIVITY_COUNTS + 5 * 8 + 1);
    ck_assert_str_eq(t[0].name, "group");
    ck_assert_int_eq(t[0].kind, ISCG_STATS_COLUMN_NAME);
    ck_assert_str_eq(t[n - 1].name, "gaps");
    for (size_t k = 0; k < n; k++) {
        ck_assert_int_eq(iscg_stats_table_column_find(&at, t[k].name, NULL), 0);
        ck_assert_uint_eq(at, k);
    }
    const iscg_stats_column_info *s = iscg_stats_sums_column_list(&n);
    ck_assert_uint_eq(n, 6 + 3 * ISCG_ACTIVITY_COUNTS);
    ck_assert_str_eq(s[1].name, "period");
    ck_assert_str_eq(s[n - 1].name, "population_missing");
    for (size_t k = 0; k < n; k++) {
        ck_assert_int_eq(iscg_stats_sums_column_find(&at, s[k].name, NULL), 0);
        ck_assert_uint_eq(at, k);
    }
    ck_assert_ptr_eq(iscg_stats_sums_column_list(NULL), s);
    ck_assert_ptr_eq(iscg_stats_table_column_list(NULL), t);

    iscg_error e;
    at = 99;
    ck_assert_int_eq(iscg_stats_table_column_find(&at, "referral", &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "a table of activity statistics has no column 'referral'");
    ck_assert_str_eq(e.field, "referral");
    ck_assert_uint_eq(at, 99);
    ck_assert_int_eq(iscg_stats_sums_column_find(&at, "gaps", &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "sums of activity statistics has no column 'gaps'");
    ck_assert_int_eq(iscg_stats_sums_column_find(&at, NULL, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "no name"));
    ck_assert_int_eq(iscg_stats_table_column_find(NULL, "group", &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "no output"));

    iscg_stats_column_kind kind = ISCG_STATS_COLUMN_INT64;
    ck_assert_str_eq(iscg_stats_column_kind_name(ISCG_STATS_COLUMN_DAYS), "DAYS");
    ck_assert_ptr_null(iscg_stats_column_kind_name(ISCG_STATS_COLUMN_KIND_COUNT));
    ck_assert_int_eq(iscg_stats_column_kind_parse(&kind, "name", NULL), 0);
    ck_assert_int_eq(kind, ISCG_STATS_COLUMN_NAME);
    ck_assert_int_eq(iscg_stats_column_kind_parse(&kind, "TEXT", &e), ISCG_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.text, "INT64, BOOL, DAYS, NAME"));
    iscg_stats_export_names_free(NULL);
}
END_TEST

/* STAT-3, STAT-4: the embedded dataset's statistics, by every key, as columns. */
START_TEST(test_stat3_export_embedded)
{
    iscg_dataset *ds = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_dataset_load_embedded(&ds, &e), 0);
    const iscg_stats *s = iscg_dataset_stats(ds);
    ck_assert_uint_gt(iscg_stats_count(s), 0);
    compare_stats(s, ISCG_STATS_YEAR);
    iscg_dataset_free(ds);
}
END_TEST

static uint64_t next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static int64_t pick(uint64_t *state, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(next(state) % (uint64_t)(hi - lo + 1));
}

/* About 4 000 valid records of 90 series (70 posts, some with two sites),
 * monthly or quarterly, over five years with gaps: unknown figures,
 * not-reported records, territories, carriers and forces all occur. */
static iscg_stats *random_stats(uint64_t seed)
{
    static const char *const territories[] = {"Artois", "Côte d'Opale", "Audomarois"};
    iscg_stats *s = NULL;
    ck_assert_int_eq(iscg_stats_new(&s), 0);
    for (int series = 0; series < 90; series++) {
        char post[32];
        snprintf(post, sizeof post, "ISCG %03d", series % 70);
        const char *site = series < 70 ? NULL : "Brigade";
        iscg_stats_granularity g = series % 5 == 0 ? ISCG_STATS_QUARTER : ISCG_STATS_MONTH;
        int step = g == ISCG_STATS_QUARTER ? 3 : 1;
        for (int m = 0; m < 60; m += step) {
            if (pick(&seed, 0, 9) == 0)
                continue;
            iscg_activity a;
            iscg_activity_init(&a);
            a.post = post;
            a.site = site;
            a.granularity = g;
            a.territory = series % 4 == 3 ? NULL : territories[series % 3];
            a.carrier = (iscg_activity_carrier)(series % ISCG_ACTIVITY_CARRIER_COUNT);
            a.force = (iscg_activity_force)(series / 3 % ISCG_ACTIVITY_FORCE_COUNT);
            ck_assert_int_eq(iscg_stats_period(&a.period, g, 2019 + m / 12, m % 12 / step + 1, NULL), 0);
            a.not_reported = pick(&seed, 0, 19) == 0;
            if (!a.not_reported) {
                a.women = pick(&seed, 0, 40);
                a.men = pick(&seed, 0, 9) == 0 ? U : pick(&seed, 0, 15);
                a.children = pick(&seed, 0, 10);
                a.referrals = a.men == U ? U : a.women + a.men + a.children;
                a.interviews = pick(&seed, 0, 6) == 0 ? U : pick(&seed, 0, 80);
                a.vif_basis_points = pick(&seed, 0, 4) == 0 ? U : pick(&seed, 0, ISCG_STATS_BASIS_POINTS);
            }
            a.epci = pick(&seed, 0, 5) == 0 ? U : pick(&seed, 1, 4);
            a.communes = pick(&seed, 1, 90);
            a.population = pick(&seed, 0, 3) == 0 ? U : pick(&seed, 1000, 200000);
            iscg_error e;
            ck_assert_msg(iscg_stats_add(s, &a, &e) == 0, "%s", e.text);
        }
    }
    ck_assert_uint_gt(iscg_stats_count(s), 3000);
    return s;
}

/* STAT-3, STAT-4: a random collection by every key, per quarter and per
 * year: more groups than the names' first hash table holds, periods met
 * again after many others. */
START_TEST(test_stat3_export_random)
{
    iscg_stats *s = random_stats(11);
    compare_stats(s, ISCG_STATS_QUARTER);
    compare_stats(s, ISCG_STATS_YEAR);
    iscg_stats_free(s);
}
END_TEST

/* STAT-3: each argument error, with its sentence; on failure no names are
 * left to free. */
START_TEST(test_stat3_export_errors)
{
    iscg_stats *s = random_stats(3);
    iscg_stats_table *t = NULL;
    iscg_stats_sums *sums = NULL;
    iscg_error e;
    ck_assert_int_eq(iscg_stats_aggregate(&t, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, &e), 0);
    ck_assert_int_eq(iscg_stats_sums_compute(&sums, s, ISCG_STATS_BY_POST, ISCG_STATS_YEAR, &e), 0);
    size_t n = iscg_stats_table_count(t);
    int32_t codes[2];
    int64_t values[2];
    const char *stale = "stale";
    iscg_stats_export cols[2] = {ISCG_STATS_EXPORT_INIT, ISCG_STATS_EXPORT_INIT};
    cols[0].column = "group";
    cols[0].values = codes;
    cols[1].column = "referrals";
    cols[1].values = values;

    ck_assert_int_eq(iscg_stats_table_export(NULL, 0, 1, cols, 2, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "no rows to export: the pointer to a table of activity statistics is NULL");
    ck_assert_int_eq(iscg_stats_sums_export(NULL, 0, 1, cols, 2, &e), ISCG_EINVAL);
    ck_assert_int_eq(iscg_stats_table_export(t, 0, 1, NULL, 2, &e), ISCG_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.text, "no columns"));
    ck_assert_int_eq(iscg_stats_table_export(t, 0, 1, NULL, 0, &e), 0); /* nothing asked, nothing written */
    ck_assert_int_eq(iscg_stats_table_export(t, 0, 0, cols, 2, &e), 0);
    ck_assert_uint_eq(cols[0].name_count, 0);
    iscg_stats_export_names_free(cols[0].names);

    /* rows past the end, and more rows than int32 codes number */
    cols[0].names = &stale;
    ck_assert_int_eq(iscg_stats_table_export(t, n, 1, cols, 2, &e), ISCG_ERANGE);
    ck_assert_ptr_null(cols[0].names);
    char want[256];
    snprintf(want, sizeof want, "1 rows from row %zu are past the end of a table of activity statistics of %zu rows",
             n, n);
    ck_assert_str_eq(e.text, want);
    ck_assert_int_eq(iscg_stats_table_export(t, n + 1, 0, cols, 2, &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_stats_sums_export(sums, 1, SIZE_MAX, cols, 2, &e), ISCG_ERANGE);
    ck_assert_int_eq(iscg_stats_sums_export(sums, 0, (size_t)INT32_MAX + 1, cols, 2, &e), ISCG_ERANGE);
    ck_assert_ptr_nonnull(strstr(e.text, "export them in slices"));

    /* a column of another version, with no name, an unknown name, no array */
    cols[1].version = 2;
    cols[0].names = &stale;
    ck_assert_int_eq(iscg_stats_table_export(t, 0, 2, cols, 2, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "column 1 to export from a table of activity statistics is of version 2; "
                             "this library knows version 1");
    ck_assert_ptr_null(cols[0].names);
    cols[1].version = ISCG_STATS_EXPORT_VERSION;
    cols[1].column = NULL;
    ck_assert_int_eq(iscg_stats_table_export(t, 0, 2, cols, 2, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "column 1 to export from a table of activity statistics has no name");
    cols[1].column = "gaps";
    ck_assert_int_eq(iscg_stats_table_export(t, 0, 2, cols, 2, &e), 0);
    iscg_stats_export_names_free(cols[0].names);
    ck_assert_int_eq(iscg_stats_sums_export(sums, 0, 2, cols, 2, &e), ISCG_ENOTFOUND);
    ck_assert_str_eq(e.text, "sums of activity statistics has no column 'gaps'");
    ck_assert_ptr_null(cols[0].names);
    cols[1].column = "referrals";
    cols[1].values = NULL;
    ck_assert_int_eq(iscg_stats_sums_export(sums, 0, 2, cols, 2, &e), ISCG_EINVAL);
    ck_assert_str_eq(e.text, "column 'referrals' to export from sums of activity statistics has no array for its "
                             "2 rows");
    ck_assert_str_eq(e.field, "referrals");
    ck_assert_int_eq(iscg_stats_sums_export(sums, 0, 0, cols, 2, &e), 0); /* no row: no array needed */
    iscg_stats_export_names_free(cols[0].names);

    /* a slice: the names of its rows only, coded from 0 */
    cols[1].values = values;
    ck_assert_int_eq(iscg_stats_sums_export(sums, 5, 2, cols, 2, &e), 0);
    iscg_stats_sums_row row;
    ck_assert_int_eq(iscg_stats_sums_get(&row, sums, 5), 0);
    ck_assert_int_eq(codes[0], 0);
    ck_assert_str_eq(cols[0].names[0], row.key);
    ck_assert_int_eq(values[0], row.count[ISCG_ACTIVITY_REFERRALS].value);
    ck_assert_uint_le(cols[0].name_count, 2);
    iscg_stats_export_names_free(cols[0].names);

    iscg_stats_sums_free(sums);
    iscg_stats_table_free(t);
    iscg_stats_free(s);
}
END_TEST

Suite *suite_stats_export(void)
{
    Suite *s = suite_create("stats_export");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_stat3_export_column_lists);
    tcase_add_test(tc, test_stat3_export_embedded);
    tcase_add_test(tc, test_stat3_export_random);
    tcase_add_test(tc, test_stat3_export_errors);
    suite_add_tcase(s, tc);
    return s;
}
