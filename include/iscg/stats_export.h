/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file stats_export.h
 * @brief The rows of an aggregated table or of plain sums as columns
 *        (STAT-3, STAT-4): what a program writing Arrow, Parquet, CSV or a
 *        spreadsheet reads, one array per column, with no string per row.
 *
 * Each kind of rows has a fixed list of columns, in a fixed order: a name
 * ("referrals", "referrals_known", "vif_num"...) and a kind, which says what
 * the column holds and the C type of the array that receives it
 * (::iscg_stats_column_kind). A caller picks columns by name, gives one array
 * of @c n elements for each, and one call fills them all for rows
 * @c first to @c first + @c n - 1, reading each row once.
 *
 * The columns of an aggregated table (::iscg_stats_row), in order:
 * - @c group (name; "total" for a total row), @c is_total (bool), @c period
 *   (name: "2022", "2022-Q3", see iscg_stats_period_format()), @c start and
 *   @c end (days);
 * - @c records, @c not_reported, @c incomplete;
 * - for each count, by ::iscg_activity_field (women, men, children,
 *   referrals, interviews, interviews_physical, interviews_telephone,
 *   interviews_partners, epci, communes, population): NAME (the sum of the
 *   known values), NAME_known and NAME_missing;
 * - for each measure (vif, vif_plain_mean, interviews_per_referral,
 *   referrals_per_thousand, share): NAME_defined (bool), NAME_scaled,
 *   NAME_scale, NAME_num and NAME_den (the exact ratio), NAME_weight,
 *   NAME_used and NAME_excluded;
 * - @c gaps, the number of gaps of the row.
 *
 * The columns of plain sums (::iscg_stats_sums_row): @c group, @c period,
 * @c start, @c end, @c records, @c not_reported, then NAME, NAME_known and
 * NAME_missing for each count.
 *
 * Every column is exact: integers as the rows hold them (a count above
 * INT64_MAX, which no collection can reach, would read INT64_MAX), dates as
 * whole days. Nothing here uses floating point. The functions only read the
 * table or the sums, so several threads may export from one at once.
 */
#ifndef ISCG_STATS_EXPORT_H
#define ISCG_STATS_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a column holds, and the type of the array that receives it. */
typedef enum iscg_stats_column_kind {
    ISCG_STATS_COLUMN_INT64 = 0, /**< An integer (a sum, a count, a scale): int64_t. */
    ISCG_STATS_COLUMN_BOOL,      /**< A flag: uint8_t, 0 or 1. */
    ISCG_STATS_COLUMN_DAYS,      /**< A date as days since 1970-01-01 (1970-01-02 is 1): int64_t,
                                      Arrow's date64 in days, numpy's datetime64[D]. */
    ISCG_STATS_COLUMN_NAME       /**< A name, as a code: int32_t, each row's place in the
                                      column's list of distinct names. */
} iscg_stats_column_kind;

/** Number of ::iscg_stats_column_kind values. */
#define ISCG_STATS_COLUMN_KIND_COUNT (ISCG_STATS_COLUMN_NAME + 1)

/**
 * The name of a column kind ("INT64", "BOOL", "DAYS", "NAME").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_stats_column_kind_name(iscg_stats_column_kind value);

/**
 * Reads a column kind from its name as iscg_stats_column_kind_name() gives it
 * (ASCII case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_stats_column_kind_parse(iscg_stats_column_kind *out, const char *name,
                                                  iscg_error *err);

/** A column of a kind of rows. */
typedef struct iscg_stats_column_info {
    const char *name;            /**< Its name ("referrals_known"), static. */
    iscg_stats_column_kind kind; /**< What it holds. */
} iscg_stats_column_info;

/**
 * The columns of an aggregated table (see the list at the top of this file).
 *
 * @param[out] count receives the number of columns (may be NULL).
 * @return a static array of the columns in their order, owned by the library.
 */
const iscg_stats_column_info *iscg_stats_table_column_list(size_t *count);

/**
 * The columns of plain sums (see the list at the top of this file).
 *
 * @param[out] count receives the number of columns (may be NULL).
 * @return a static array of the columns in their order, owned by the library.
 */
const iscg_stats_column_info *iscg_stats_sums_column_list(size_t *count);

/**
 * Finds a column of an aggregated table by its name (exact, case-sensitive).
 *
 * @param[out] index receives its place in iscg_stats_table_column_list().
 * @param name       the column's name.
 * @param err        optional report.
 * @return 0; ::ISCG_EINVAL (NULL); ::ISCG_ENOTFOUND ("a table of activity
 *         statistics has no column 'referral'", the field being the name).
 */
ISCG_WARN_UNUSED int iscg_stats_table_column_find(size_t *index, const char *name, iscg_error *err);

/**
 * Finds a column of plain sums by its name, as iscg_stats_table_column_find().
 *
 * @param[out] index receives its place in iscg_stats_sums_column_list().
 * @param name       the column's name.
 * @param err        optional report.
 * @return 0; ::ISCG_EINVAL (NULL); ::ISCG_ENOTFOUND ("sums of activity
 *         statistics has no column 'gaps'").
 */
ISCG_WARN_UNUSED int iscg_stats_sums_column_find(size_t *index, const char *name, iscg_error *err);

/** The version of ::iscg_stats_export this library knows. */
#define ISCG_STATS_EXPORT_VERSION 1

/**
 * One column to export, and what the export gives back for it. Initialise
 * it with ::ISCG_STATS_EXPORT_INIT, then set @c column and @c values.
 */
typedef struct iscg_stats_export {
    unsigned int version; /**< ::ISCG_STATS_EXPORT_VERSION. */
    const char *column;   /**< The column's name, as the list of columns gives it. */
    /** The caller's array of @c n elements of the column's kind: int64_t for
     *  ::ISCG_STATS_COLUMN_INT64 and ::ISCG_STATS_COLUMN_DAYS, uint8_t for
     *  ::ISCG_STATS_COLUMN_BOOL, int32_t for ::ISCG_STATS_COLUMN_NAME. May
     *  be NULL only when @c n is 0. */
    void *values;
    /** ::ISCG_STATS_COLUMN_NAME only, filled by the export: the column's
     *  distinct names, code @c i naming <tt>names[i]</tt>, in the order of
     *  their first row, then a NULL. Copies, made in one block that the
     *  caller frees with iscg_stats_export_names_free(): they outlive the
     *  table. NULL for other kinds and after a failure. Codes and names
     *  belong to one call: two calls over different rows number alike
     *  only the names met in the same order. */
    const char **names;
    size_t name_count;    /**< The number of @c names (0 for other kinds). */
} iscg_stats_export;

/** A column to export: set its @c column and @c values. */
#define ISCG_STATS_EXPORT_INIT {ISCG_STATS_EXPORT_VERSION, NULL, NULL, NULL, 0}

/**
 * Writes rows @p first to @p first + @p n - 1 of an aggregated table into
 * the callers' arrays, one per column asked for (a column may be asked for
 * more than once). The rows are read a block at a time while every column
 * of the block is written, so exporting every column costs one pass.
 *
 * Names are coded once per distinct name: each row's code is the place of
 * its name in the column's @c names. A group without a name reads "".
 *
 * @param t        the table.
 * @param first    the first row, 0 to iscg_stats_table_count().
 * @param n        the number of rows, at most iscg_stats_table_count() -
 *                 @p first and at most INT32_MAX (codes are int32_t: export
 *                 a larger table in slices).
 * @param columns  @p ncolumns columns, their @c names and @c name_count set
 *                 by the call (the values of earlier calls are overwritten,
 *                 not freed).
 * @param ncolumns the number of columns; 0 writes nothing.
 * @param err      optional report.
 * @return 0; ::ISCG_EINVAL (NULL @p t, or NULL @p columns with @p ncolumns
 *         above 0, a column of an unknown version, with no name or with
 *         NULL values for @p n above 0: the sentence names it);
 *         ::ISCG_ENOTFOUND (a name that is no column of the table, as
 *         iscg_stats_table_column_find() says it); ::ISCG_ERANGE (rows past
 *         the end of the table, or more than INT32_MAX); ::ISCG_ENOMEM.
 *         On failure every column's @c names is NULL (nothing is left to
 *         free) and the arrays may hold part of the rows.
 */
ISCG_WARN_UNUSED int iscg_stats_table_export(const iscg_stats_table *t, size_t first, size_t n,
                                             iscg_stats_export *columns, size_t ncolumns, iscg_error *err);

/**
 * Writes rows @p first to @p first + @p n - 1 of plain sums into the
 * caller's arrays, as iscg_stats_table_export() does for a table.
 *
 * @param sums     the sums.
 * @param first    the first row, 0 to iscg_stats_sums_count().
 * @param n        the number of rows, at most iscg_stats_sums_count() -
 *                 @p first and at most INT32_MAX.
 * @param columns  @p ncolumns columns of the sums (iscg_stats_sums_column_list()).
 * @param ncolumns the number of columns; 0 writes nothing.
 * @param err      optional report.
 * @return as iscg_stats_table_export(), with ::ISCG_EINVAL for NULL @p sums.
 */
ISCG_WARN_UNUSED int iscg_stats_sums_export(const iscg_stats_sums *sums, size_t first, size_t n,
                                            iscg_stats_export *columns, size_t ncolumns, iscg_error *err);

/**
 * Frees the names of an exported column (::iscg_stats_export::names).
 * @param names the names; NULL is a no-op.
 */
void iscg_stats_export_names_free(const char **names);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_STATS_EXPORT_H */
