/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file dataset.h
 * @brief Dataset files: parties, posts, conventions, budget lines and
 *        activity records in one JSON document (schema: doc/dataset.md), and
 *        the embedded Pas-de-Calais 2023 dataset.
 *
 * Loading validates everything and reports the first error with the file,
 * line, column and a sentence naming the field
 * ("posts[4].events[0].end: 2023-02-30 is not a date"); the validate
 * functions report every error. Amounts are strings ("14333.00",
 * "14 333 €") or integers of cents, never floating-point numbers. Saving and
 * loading again gives the same dataset.
 */
#ifndef ISCG_DATASET_H
#define ISCG_DATASET_H

#include <stddef.h>

#include "audit.h"
#include "error.h"
#include "registry.h"
#include "scenario.h"
#include "stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded dataset: opaque, owned by the caller (iscg_dataset_free()). */
typedef struct iscg_dataset iscg_dataset;

/** The format version this library reads and writes. */
#define ISCG_DATASET_VERSION 1

/** A budget line of the dataset, with the year it is for. */
typedef struct iscg_dataset_budget {
    iscg_budget_line line;      /**< The line; strings owned by the dataset. */
    int year;                   /**< The year its credits are for. */
    int has_stated_proposed;    /**< 1 if the documents state the proposal. */
    iscg_cents stated_proposed; /**< The stated proposal (BUD-1: 123 687 €). */
    const char *source;         /**< Where the line is printed, or NULL. */
} iscg_dataset_budget;

/**
 * @name Limits of a dataset (doc/dataset.md, "Limits")
 * Loading and validation refuse what goes beyond them with ::ISCG_ERANGE and
 * a sentence naming the field, line and column.
 * @{
 */
/** The default largest file a load reads, in bytes (1 GiB): see ::iscg_load_options. */
#define ISCG_DATASET_MAX_SIZE ((size_t)1 << 30)
/** The longest identifier, enum name, date, amount or percentage, in bytes. */
#define ISCG_DATASET_MAX_NAME 256
/** The longest free text (title, label, name, note, source, sites, territory...), in bytes. */
#define ISCG_DATASET_MAX_TEXT 65536
/** The most items of each top-level array (parties, posts, conventions, budget lines, activity). */
#define ISCG_DATASET_MAX_ITEMS 10000000
/** The most items of an array inside an item (events, sides, funders, stated amounts). */
#define ISCG_DATASET_MAX_NESTED 10000
/** The most dataset notes. */
#define ISCG_DATASET_MAX_NOTES 10000
/** The deepest nesting of arrays and objects. */
#define ISCG_DATASET_MAX_DEPTH 2048
/** @} */

/**
 * The version of ::iscg_load_options this library knows: 2 added @c cancel
 * and @c cancel_ctx. Options of version 1 (without them) are still read.
 */
#define ISCG_LOAD_OPTIONS_VERSION 2

/**
 * How a dataset file is read. Initialise it with ::ISCG_LOAD_OPTIONS_INIT,
 * then change what differs; a zeroed struct is refused (::ISCG_EINVAL).
 */
typedef struct iscg_load_options {
    unsigned int version; /**< ::ISCG_LOAD_OPTIONS_VERSION. */
    size_t max_size;      /**< The largest file read, in bytes, at least 1: a larger one (or a pipe
                               that gives more) ends the read with ::ISCG_ERANGE as soon as it
                               is seen. SIZE_MAX for no limit. */
    iscg_cancel_fn cancel; /**< Polled while the file is read and loaded (after at most about
                                64 KiB of text or 64 Ki items): nonzero ends the call with
                                ::ISCG_ECANCELED, everything freed. NULL: never canceled. */
    void *cancel_ctx;      /**< Given to @c cancel; the caller's. */
} iscg_load_options;

/** The defaults: a file of at most ::ISCG_DATASET_MAX_SIZE bytes, no cancel function. */
#define ISCG_LOAD_OPTIONS_INIT {ISCG_LOAD_OPTIONS_VERSION, ISCG_DATASET_MAX_SIZE, NULL, NULL}

/**
 * Loads a dataset from a file.
 * @param[out] out receives the dataset, owned by the caller.
 * @param path    the file to read.
 * @param err     optional report of the first error: ::iscg_error.source is the
 *                file name, line and column point into it, field is the path
 *                of the faulty value ("conventions[2].cost").
 * @return 0; ::ISCG_EIO (unreadable file); ::ISCG_EPARSE (not JSON, a wrong
 *         type, an unknown field); ::ISCG_EDATE; ::ISCG_EDUPLICATE;
 *         ::ISCG_ENOTFOUND (a dangling reference); the other errors of the
 *         registry and statistics functions; ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_load_file(iscg_dataset **out, const char *path, iscg_error *err);

/**
 * Loads a dataset from a file, read as @p opts say.
 *
 * The file is read once, and refused as soon as it proves larger than
 * ::iscg_load_options.max_size or holds a NUL byte; a directory, a missing or
 * unreadable file give ::ISCG_EIO with the system's reason, its errno in
 * ::iscg_error.sys_errno.
 * @param[out] out receives the dataset, owned by the caller (iscg_dataset_free()).
 * @param path    the file to read.
 * @param opts    how to read it; NULL for ::ISCG_LOAD_OPTIONS_INIT.
 * @param err     optional report of the first error, as for iscg_dataset_load_file().
 * @return as iscg_dataset_load_file(); ::ISCG_ERANGE (a file larger than
 *         max_size, a limit of the dataset exceeded); ::ISCG_EPARSE (a NUL
 *         byte, with its line and column); ::ISCG_EINVAL (no output, options
 *         of an unknown version or a max_size of 0); ::ISCG_ECANCELED (the
 *         options' @c cancel asked to stop).
 */
ISCG_WARN_UNUSED int iscg_dataset_load_file_ext(iscg_dataset **out, const char *path, const iscg_load_options *opts,
                               iscg_error *err);

/**
 * Loads a dataset from JSON text.
 * @param[out] out receives the dataset, owned by the caller (iscg_dataset_free()).
 * @param text the NUL-terminated UTF-8 JSON text, caller-owned; the dataset keeps copies only.
 * @param name the name errors give as their source ("<string>" when NULL).
 * @param err  optional report of the first error (may be NULL), as for iscg_dataset_load_file().
 * @return as iscg_dataset_load_file(), without ::ISCG_EIO.
 */
ISCG_WARN_UNUSED int iscg_dataset_load_string(iscg_dataset **out, const char *text, const char *name, iscg_error *err);

/**
 * Loads a dataset from JSON text, as @p opts say: refused when the text is
 * longer than ::iscg_load_options.max_size, and stopped when the options'
 * @c cancel asks (a long text loads in seconds).
 * @param[out] out receives the dataset, owned by the caller (iscg_dataset_free()).
 * @param text the NUL-terminated UTF-8 JSON text, caller-owned; the dataset keeps copies only.
 * @param name the name errors give as their source ("<string>" when NULL).
 * @param opts how to read it; NULL for ::ISCG_LOAD_OPTIONS_INIT.
 * @param err  optional report of the first error (may be NULL), as for iscg_dataset_load_file().
 * @return as iscg_dataset_load_string(); ::ISCG_ERANGE (a text longer than
 *         max_size, field "max_size"); ::ISCG_EINVAL (no output or text,
 *         options of an unknown version or a max_size of 0);
 *         ::ISCG_ECANCELED (the options' @c cancel asked to stop).
 */
ISCG_WARN_UNUSED int iscg_dataset_load_string_ext(iscg_dataset **out, const char *text, const char *name,
                                                  const iscg_load_options *opts, iscg_error *err);

/**
 * Loads the embedded Pas-de-Calais 2023 dataset (CP2023 and CABBALR2023).
 * @return 0 or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_load_embedded(iscg_dataset **out, iscg_error *err);

/** @return the embedded dataset's JSON text, static and NUL-terminated. */
const char *iscg_dataset_embedded_text(void);

/**
 * Checks JSON text as a dataset and reports every error, not only the first.
 * @param[out] errors caller-owned array of @p capacity reports (may be NULL when 0).
 * @param capacity    the number of reports @p errors holds; errors beyond it are only counted.
 * @param[out] count  the number of errors found (even beyond capacity).
 * @param text        the NUL-terminated UTF-8 JSON text to check, caller-owned.
 * @param name        the name the reports give as their source ("<string>" when NULL).
 * @return 0 when the text is a valid dataset, else the code of the first error.
 */
ISCG_WARN_UNUSED int iscg_dataset_validate_string(iscg_error *errors, size_t capacity, size_t *count, const char *text,
                                 const char *name);

/**
 * iscg_dataset_validate_string() on a file's content.
 * @return as iscg_dataset_validate_string(), or ::ISCG_EIO (with one error reported).
 */
ISCG_WARN_UNUSED int iscg_dataset_validate_file(iscg_error *errors, size_t capacity, size_t *count, const char *path);

/**
 * Checks a file as a dataset, reading it once as @p opts say, and gives the
 * dataset when it is valid: what a program needs to report every error or
 * use what it checked, without reading the file twice (a pipe gives its
 * content once).
 * @param[out] out    when not NULL and the file is valid, receives the dataset,
 *                    owned by the caller (iscg_dataset_free()); else left unset.
 * @param[out] errors caller-owned array of @p capacity reports (may be NULL when 0).
 * @param capacity    the number of reports @p errors holds; errors beyond it are only counted.
 * @param[out] count  the number of errors found (even beyond capacity).
 * @param path        the file to read.
 * @param opts        how to read it; NULL for ::ISCG_LOAD_OPTIONS_INIT.
 * @return as iscg_dataset_validate_file(), and the errors of iscg_dataset_load_file_ext()
 *         (::ISCG_ECANCELED, the one error reported, when the options' @c cancel
 *         asked to stop).
 */
ISCG_WARN_UNUSED int iscg_dataset_validate_file_ext(iscg_dataset **out, iscg_error *errors, size_t capacity, size_t *count,
                                   const char *path, const iscg_load_options *opts);

/**
 * Writes the dataset as JSON (two-space indentation, fields in schema order).
 * @param[out] out receives NUL-terminated text owned by the caller, freed with iscg_free().
 * @param ds       the dataset to write (not NULL).
 * @param err      optional report of a failure (may be NULL).
 * @return 0, ::ISCG_EINVAL or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_save_string(char **out, const iscg_dataset *ds, iscg_error *err);

/**
 * Writes the dataset to a file, atomically: the text goes to a new file in
 * the same folder, which is flushed to the disk (fsync) and renamed over
 * @p path, and the folder is flushed in turn. On any failure (a full disk, a
 * size limit, a missing folder, no permission) @p path is left as it was and
 * the new file removed. A file that existed keeps its permissions; a
 * symbolic link is followed (the file it points to is replaced); a device or
 * a pipe (/dev/stdout, a FIFO) is written in place.
 * @param ds   the dataset to write (not NULL).
 * @param path the file to write.
 * @param err  optional report of a failure: for ::ISCG_EIO its sentence gives
 *             the system's reason ("No space left on device") and
 *             ::iscg_error.sys_errno its errno.
 * @return 0, ::ISCG_EINVAL, ::ISCG_EIO or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_save_file(const iscg_dataset *ds, const char *path, iscg_error *err);

/** Frees memory the library gave the caller (saved text). NULL is a no-op. */
void iscg_free(void *p);

/** Frees a dataset. NULL is a no-op. */
void iscg_dataset_free(iscg_dataset *ds);

/** @return the dataset's title, owned by it ("" if none). */
const char *iscg_dataset_title(const iscg_dataset *ds);

/** @return the dataset's registry, owned by the dataset; NULL for NULL. */
const iscg_registry *iscg_dataset_registry(const iscg_dataset *ds);

/**
 * The registry, without const. A loaded dataset's registry is frozen
 * (registry.h): every call that would change it returns ::ISCG_ESTATE, and
 * what-ifs go in the dataset's scenario (iscg_dataset_scenario()). Loading
 * freezes it so that a dataset is always what its file says, may be shared
 * by threads, and saves what it loaded.
 * @return owned by the dataset; NULL for NULL.
 */
iscg_registry *iscg_dataset_registry_mutable(iscg_dataset *ds);

/**
 * The dataset's scenario (AMD-3): the what-ifs its file's "scenarios"
 * section lists (doc/dataset.md), which the caller may change with
 * iscg_scenario_add() and iscg_scenario_remove(), and which
 * iscg_dataset_save_string() writes back. Pass it to the _scenario
 * computations (iscg_funding_compute_scenario()...) to compute with it.
 * @return owned by the dataset, valid until it is freed; NULL for NULL.
 */
iscg_scenario *iscg_dataset_scenario(iscg_dataset *ds);

/** @return the dataset's activity records, owned by the dataset; NULL for NULL. */
const iscg_stats *iscg_dataset_stats(const iscg_dataset *ds);

/** @return the number of budget lines (0 for NULL). */
size_t iscg_dataset_budget_count(const iscg_dataset *ds);

/**
 * Reads budget line @p i.
 * @return 0 or ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_dataset_budget_get(iscg_dataset_budget *out, const iscg_dataset *ds, size_t i);

/** The kind of a figure a document states about the activity (STAT-7). */
typedef enum iscg_stated_kind {
    ISCG_STATED_TOTAL = 0, /**< The total of a series of records ("2 731 referrals in 2022"). */
    ISCG_STATED_SHARE      /**< A share of counts ("61 of 98 situations, 62.2 %"). */
} iscg_stated_kind;

/**
 * A figure a document states, kept with the dataset (its "stated_totals" and
 * "stated_shares" sections, doc/dataset.md) so that it can be checked
 * (iscg_stats_checks_compute(), STAT-7). Strings belong to the dataset.
 *
 * A total names a count of the activity records (@c measure), the records
 * (of @c granularity, whose period lies within @c from..@c to, of @c post when
 * it is not NULL) and the @c total the document prints. A share names a
 * @c count out of @c of and the percentage the document prints, in basis
 * points with the number of decimals it was printed with and the rounding
 * that gives it.
 */
typedef struct iscg_stated {
    iscg_stated_kind kind;            /**< Which of the two. */
    const char *what;                 /**< What the figure counts ("situations"), or NULL. */
    const char *source;               /**< Where it is printed, or NULL. */
    iscg_activity_field measure;      /**< Total: the count summed (a count field, not the VIF share). */
    const char *post;                 /**< Total: the post whose records are summed, or NULL for all. */
    iscg_stats_granularity granularity; /**< Total: the kind of records summed. */
    iscg_date from;                   /**< Total: first day of the series. */
    iscg_date to;                     /**< Total: last day of the series. */
    int64_t total;                    /**< Total: the printed total. */
    int64_t count;                    /**< Share: the part counted. */
    int64_t of;                       /**< Share: the whole it is a part of, >= 1. */
    int64_t basis_points;             /**< Share: the printed percentage in basis points (6220 = 62.2 %). */
    int decimals;                     /**< Share: decimals of the printed percentage, 0 to 2. */
    iscg_rounding rounding;           /**< Share: the rounding that gives the printed percentage. */
} iscg_stated;

/**
 * A stated figure to start from, then fill: a total of the referrals of
 * every post in yearly records, with no dates yet; for a share, a HALF_UP
 * rounding and no decimals.
 */
#define ISCG_STATED_INIT                                                                                   \
    {ISCG_STATED_TOTAL, NULL, NULL, ISCG_ACTIVITY_REFERRALS, NULL, ISCG_PERIOD_YEAR, {0, 0, 0}, {0, 0, 0}, 0, 0, 0, \
     0, 0, ISCG_ROUND_HALF_UP}

/**
 * Adds a stated figure to a dataset being built (the file's "stated_totals"
 * and "stated_shares", STAT-7), checked as the loader checks it: a total
 * names a count of the records (not the VIF share), a granularity, a series
 * whose end is not before its start, a total >= 0 and, when not NULL, a post
 * of the dataset; a share counts 0..@c of of @c of >= 1, and its percentage
 * lies within 0..10 000 basis points and can be printed with its
 * @c decimals (0 to 2), under a named rounding. Totals stay before shares,
 * each in the order added, as iscg_dataset_stated_get() reads them.
 * @param ds     the dataset, not frozen.
 * @param stated the figure, from ::ISCG_STATED_INIT; its strings are copied.
 * @param err    optional report (may be NULL): the source is the figure's
 *               @c what (or "stated total", "stated share"), the field the faulty one.
 * @return 0; ::ISCG_EINVAL (NULL, a bad kind, measure, granularity, total,
 *         count, decimals, percentage or rounding); ::ISCG_EDATE (a date that
 *         is not one, a series ending before it starts); ::ISCG_ERANGE (a
 *         count above @c of, a text past the limits); ::ISCG_ENOTFOUND (an
 *         unknown post); ::ISCG_ESTATE (frozen, or results alive); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_add_stated(iscg_dataset *ds, const iscg_stated *stated, iscg_error *err);

/** @return the number of stated figures of the dataset (0 for NULL). */
size_t iscg_dataset_stated_count(const iscg_dataset *ds);

/**
 * Reads stated figure @p i, totals first then shares, each in file order.
 * @param[out] out receives it; its strings belong to the dataset.
 * @param ds       the dataset.
 * @param i        from 0 to iscg_dataset_stated_count() - 1.
 * @return 0, ::ISCG_EINVAL (NULL) or ::ISCG_ERANGE (@p i past the end).
 */
ISCG_WARN_UNUSED int iscg_dataset_stated_get(iscg_stated *out, const iscg_dataset *ds, size_t i);

/** A budget line to start from, then fill: no operation, payer, year or credit yet, no stated proposal. */
#define ISCG_DATASET_BUDGET_INIT {ISCG_BUDGET_LINE_INIT, 0, 0, 0, NULL}

/**
 * @name Building a dataset by calls
 * A dataset need not come from a file: iscg_dataset_new() gives an empty
 * one, whose registry (iscg_dataset_registry_mutable()) takes parties,
 * posts, conventions with their sides and funders (registry.h), and to
 * which the functions below add notes, budget lines and activity records.
 * iscg_dataset_freeze() then checks it as a load does and freezes it: from
 * then on it is what a loaded dataset is, and iscg_dataset_save_string()
 * writes a file that loads back to the same figures. Computing before the
 * freeze works too, on what was added so far.
 * @{
 */

/**
 * Makes an empty dataset to build by calls: a registry that may change, an
 * empty collection of activity records, an empty scenario, no note.
 * @param[out] out receives the dataset, owned by the caller (iscg_dataset_free()).
 * @param title    its title, copied; NULL for none.
 * @param err      optional report (may be NULL).
 * @return 0; ::ISCG_EINVAL (no @p out); ::ISCG_ERANGE (a title longer than
 *         ::ISCG_DATASET_MAX_TEXT, field "title"); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_new(iscg_dataset **out, const char *title, iscg_error *err);

/**
 * Adds a note to the dataset (how uncertain cells were recorded...).
 * @param ds   the dataset, not frozen.
 * @param note the text, copied.
 * @param err  optional report (may be NULL), naming the field.
 * @return 0; ::ISCG_EINVAL (NULL); ::ISCG_ESTATE (the dataset is frozen, or
 *         results computed from it are alive); ::ISCG_ERANGE (a note longer
 *         than ::ISCG_DATASET_MAX_TEXT, or more than ::ISCG_DATASET_MAX_NOTES);
 *         ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_add_note(iscg_dataset *ds, const char *note, iscg_error *err);

/**
 * Adds a budget line (BUD-1), as the file's "budget_lines" do.
 * @param ds     the dataset, not frozen.
 * @param budget the line, from ::ISCG_DATASET_BUDGET_INIT: an operation and a
 *               payer (a party of the dataset) required, imputation, label and
 *               source optional, credits and available credit known amounts,
 *               the year within 1..9999, and the stated proposal when
 *               @c has_stated_proposed is 1. Its strings are copied.
 * @param err    optional report (may be NULL): the source is the operation,
 *               the field the faulty one ("payer", "year", "credits"...).
 * @return 0; ::ISCG_EINVAL (NULL, a missing operation or payer, a year
 *         outside 1..9999, an unknown amount); ::ISCG_ENOTFOUND (a payer that
 *         is not a party of the dataset); ::ISCG_ESTATE (frozen, or results
 *         alive); ::ISCG_ERANGE (a text past the dataset's limits); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_dataset_add_budget(iscg_dataset *ds, const iscg_dataset_budget *budget, iscg_error *err);

/**
 * Adds an activity record (STAT-1), as the file's "activity" does: the
 * record is checked as iscg_stats_add() checks it, and its post must be one
 * of the dataset's.
 * @param ds  the dataset, not frozen.
 * @param a   the record (from iscg_activity_init()); its strings are copied.
 * @param err optional report (may be NULL) naming the post and the field.
 * @return 0; ::ISCG_ENOTFOUND (a post the dataset does not have, field
 *         "post"); ::ISCG_ESTATE (frozen, or results alive); the errors of
 *         iscg_stats_add() (::ISCG_EDUPLICATE for a period a record of the
 *         same post and site already covers...). On failure nothing is stored.
 */
ISCG_WARN_UNUSED int iscg_dataset_add_activity(iscg_dataset *ds, const iscg_activity *a, iscg_error *err);

/**
 * Adds every record of a collection (iscg_stats_new(), filled by
 * iscg_stats_add() or from columns), in its order: all or nothing. To tell
 * an overlap with a record the dataset holds before anything is added, the
 * records are first tried on a copy of the dataset's: a call takes the time
 * and memory of both collections, so large data is best added in few calls.
 * @param ds      the dataset, not frozen.
 * @param records the records, the caller's; copied.
 * @param err     optional report (may be NULL): its sentence starts with
 *                "record <index>: ", the index of the first refused record.
 * @return 0 or the error of iscg_dataset_add_activity() for the first record
 *         refused, with nothing added; ::ISCG_EINVAL (NULL); ::ISCG_ENOMEM,
 *         with nothing added either.
 */
ISCG_WARN_UNUSED int iscg_dataset_add_activities(iscg_dataset *ds, const iscg_stats *records, iscg_error *err);

/**
 * Checks a dataset built by calls as a load checks a file (every
 * convention has a plan whose sides balance, SPLIT-7, every required side a
 * funder, absences lie within their conventions: iscg_registry_validate()),
 * then freezes it: every later addition gives ::ISCG_ESTATE. A frozen (or
 * loaded) dataset is left as it is.
 * @param ds  the dataset.
 * @param err optional report (may be NULL) naming the convention or post and the field.
 * @return 0; ::ISCG_EINVAL (NULL); the errors of iscg_registry_validate(),
 *         the dataset then left as it was, to be completed.
 */
ISCG_WARN_UNUSED int iscg_dataset_freeze(iscg_dataset *ds, iscg_error *err);

/**
 * An accessor, not a status: whether the dataset is frozen (loaded, or
 * iscg_dataset_freeze() called).
 * @return 1 when frozen, 0 when it may still be built, and for NULL.
 */
int iscg_dataset_frozen(const iscg_dataset *ds);

/** @} */

/** @return the number of dataset notes (how uncertain cells were recorded...), 0 for NULL. */
size_t iscg_dataset_note_count(const iscg_dataset *ds);

/** @return note @p i, owned by the dataset; NULL when out of range. */
const char *iscg_dataset_note(const iscg_dataset *ds, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_DATASET_H */
