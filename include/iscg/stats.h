/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file stats.h
 * @brief Activity statistics of the posts: records per post and period,
 *        validation, aggregation, weighted shares, rates, year-over-year
 *        comparison and tables prepared for publication (rules STAT-1 to
 *        STAT-6, PRIV-1).
 *
 * A record (::iscg_activity) holds the counts one post reported for one
 * period: referrals by women, men and children with their total, interviews,
 * the share of situations involving intra-family violence (VIF), the EPCI and
 * communes covered and the population served. It holds counts only: there is
 * no field for a person (PRIV-1). A figure that was not reported is
 * ::ISCG_UNKNOWN, which no count can equal, so "unknown" never reads
 * as zero (STAT-4).
 *
 * Records are validated (STAT-2) and kept in a collection (::iscg_stats).
 * Aggregation (STAT-3) gives a table of rows, one per group and period, each
 * followed by its period's total row; every row lists the records that were
 * not reported or lacked a figure. Shares are basis points (1 % = 100) or
 * exact ratios and every rounding is a named ::iscg_rounding. No function here
 * uses floating point.
 */
#ifndef ISCG_STATS_H
#define ISCG_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "money.h"
#include "prorata.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- records ------------------------------------------------------------ */

/**
 * @deprecated The value of a figure that was not reported (STAT-4) is
 * ::ISCG_UNKNOWN (error.h), the marker of every unknown value; this older
 * name stays for the callers that use it.
 */
#define ISCG_ACTIVITY_UNKNOWN ISCG_UNKNOWN

/** 100 % in basis points. */
#define ISCG_STATS_BASIS_POINTS 10000

/**
 * The kind of period an activity record or a statistics row covers
 * (STAT-1, CAL-3): an ::iscg_period_kind (date.h), the concept the calendar
 * calls a cadence. Each covers whole calendar units. ::ISCG_PERIOD_NONE is
 * no granularity: every function that takes one refuses it with
 * ::ISCG_EINVAL, so that a zeroed record is refused.
 */
typedef iscg_period_kind iscg_stats_granularity;

/** @name Granularities: other names of the ::iscg_period_kind members, kept for the callers that use them.
 *  @{ */
#define ISCG_STATS_MONTH ISCG_PERIOD_MONTH         /**< One calendar month (monthly reports). */
#define ISCG_STATS_QUARTER ISCG_PERIOD_QUARTER     /**< A calendar quarter. */
#define ISCG_STATS_HALF_YEAR ISCG_PERIOD_HALF_YEAR /**< January–June or July–December (semestrial reports). */
#define ISCG_STATS_YEAR ISCG_PERIOD_YEAR           /**< 1 January to 31 December (the annual review). */
/** Number of granularities, from ::ISCG_PERIOD_MONTH (1) to ::ISCG_PERIOD_YEAR (4): as with
 *  a policy enum, 0 (::ISCG_PERIOD_NONE) is not one. */
#define ISCG_STATS_GRANULARITY_COUNT (ISCG_PERIOD_KIND_COUNT - 1)
/** @} */

/** The kind of body that carries (employs) the worker, for grouping (POST-2). */
typedef enum iscg_activity_carrier {
    ISCG_ACTIVITY_CARRIER_UNSPECIFIED = 0, /**< Not given. */
    ISCG_ACTIVITY_CARRIER_DEPARTEMENT,     /**< The Département. */
    ISCG_ACTIVITY_CARRIER_EPCI,            /**< An intercommunal body. */
    ISCG_ACTIVITY_CARRIER_ASSOCIATION      /**< An association (France Victimes 62). */
} iscg_activity_carrier;

/** Number of ::iscg_activity_carrier values. */
#define ISCG_ACTIVITY_CARRIER_COUNT (ISCG_ACTIVITY_CARRIER_ASSOCIATION + 1)

/** Whom the record's activity was done with, for grouping. */
typedef enum iscg_activity_force {
    ISCG_ACTIVITY_FORCE_UNSPECIFIED = 0, /**< Not given. */
    ISCG_ACTIVITY_POLICE,                /**< Police station(s) only. */
    ISCG_ACTIVITY_GENDARMERIE,           /**< Gendarmerie unit(s) only. */
    ISCG_ACTIVITY_BOTH                   /**< Both, not told apart in the record. */
} iscg_activity_force;

/** Number of ::iscg_activity_force values. */
#define ISCG_ACTIVITY_FORCE_COUNT (ISCG_ACTIVITY_BOTH + 1)

/**
 * The figures of a record, in the order of the ::iscg_stats_row counts. The
 * first five are the counts of a published table (PRIV-1); EPCI, communes and
 * population describe the post's coverage rather than its activity.
 */
typedef enum iscg_activity_field {
    ISCG_ACTIVITY_WOMEN = 0,             /**< Referrals of women. */
    ISCG_ACTIVITY_MEN,                   /**< Referrals of men. */
    ISCG_ACTIVITY_CHILDREN,              /**< Referrals of children. */
    ISCG_ACTIVITY_REFERRALS,             /**< All referrals (saisines): the total of the three. */
    ISCG_ACTIVITY_INTERVIEWS,            /**< All interviews (entretiens). */
    ISCG_ACTIVITY_INTERVIEWS_PHYSICAL,   /**< Interviews in person (optional split). */
    ISCG_ACTIVITY_INTERVIEWS_TELEPHONE,  /**< Interviews by telephone (optional split). */
    ISCG_ACTIVITY_INTERVIEWS_PARTNERS,   /**< Of all interviews, those with partners (optional). */
    ISCG_ACTIVITY_EPCI,                  /**< EPCI covered. */
    ISCG_ACTIVITY_COMMUNES,              /**< Communes covered. */
    ISCG_ACTIVITY_POPULATION,            /**< Inhabitants served (optional). */
    ISCG_ACTIVITY_VIF                    /**< Share of VIF situations, in basis points. */
} iscg_activity_field;

/** Number of count fields (every ::iscg_activity_field but ::ISCG_ACTIVITY_VIF). */
#define ISCG_ACTIVITY_COUNTS 11
/** Number of ::iscg_activity_field values. */
#define ISCG_ACTIVITY_FIELD_COUNT (ISCG_ACTIVITY_VIF + 1)

/**
 * One post's activity over one period (STAT-1). Every count is >= 0 or
 * ::ISCG_UNKNOWN. The strings are the caller's; the collection keeps
 * its own copies.
 *
 * Totals: when the total of a split is unknown and every part is known, the
 * collection stores the sum of the parts as the total (referrals from women,
 * men and children; interviews from physical and telephone).
 * ::ISCG_ACTIVITY_INTERVIEWS_PARTNERS is a subset of all interviews ("dont …
 * auprès des partenaires") and may overlap the physical / telephone split.
 */
typedef struct iscg_activity {
    const char *post;        /**< Post identifier, required ("ISC Béthune"). */
    const char *site;        /**< Optional row within the post ("Commissariat"), or NULL. */
    iscg_stats_granularity granularity; /**< The kind of period reported. */
    iscg_period period;      /**< Exactly one period of that granularity. */
    int not_reported;        /**< 1: no report exists for the period (STAT-4); then every
                                  activity figure and the VIF share must be unknown. */
    int64_t women;           /**< Referrals of women. */
    int64_t men;             /**< Referrals of men. */
    int64_t children;        /**< Referrals of children. */
    int64_t referrals;       /**< All referrals. */
    int64_t interviews;      /**< All interviews. */
    int64_t interviews_physical;  /**< In person. */
    int64_t interviews_telephone; /**< By telephone. */
    int64_t interviews_partners;  /**< With partners, a subset of all interviews. */
    int64_t epci;            /**< EPCI covered. */
    int64_t communes;        /**< Communes covered. */
    int64_t population;      /**< Inhabitants served. */
    int64_t vif_basis_points; /**< Share of situations involving VIF, 0 to 10 000. */
    iscg_activity_carrier carrier; /**< For grouping by carrier kind. */
    iscg_activity_force force;     /**< For grouping police / gendarmerie / both. */
    const char *territory;   /**< Optional territory ("Artois"), for grouping; NULL if none. */
    const char *note;        /**< Optional note on the figures (how a cell was read),
                                  never about a person (PRIV-1). */
} iscg_activity;

/**
 * Prepares a record: every figure ::ISCG_UNKNOWN, strings NULL,
 * granularity ::ISCG_PERIOD_YEAR, reported, carrier and force unspecified.
 * The period must still be set.
 *
 * @param a the record to fill; NULL is a no-op.
 */
void iscg_activity_init(iscg_activity *a);

/**
 * Validates a record (STAT-1, STAT-2) without storing it.
 *
 * Checks, in order: a post is named; the enums are members (the granularity
 * is not ::ISCG_PERIOD_NONE, so a zeroed record is refused); the period is
 * valid and is exactly one period of the stated granularity; counts are >= 0
 * or unknown; the VIF share lies within 0..10 000 basis points; a record
 * marked not reported gives no activity figure; women + men + children equal
 * the stated total (or, with a part unknown, the known parts do not exceed
 * it); physical + telephone interviews equal the total likewise; interviews
 * with partners do not exceed all interviews.
 *
 * @param a   the record.
 * @param err optional report; its @c source is the post, its @c field the figure,
 *            its text names the post, the period and the figures.
 * @return 0; ::ISCG_EINVAL (NULL, no post, bad enum, negative count, figures on
 *         a record not reported); ::ISCG_EDATE (invalid period, or a period not of
 *         the stated granularity); ::ISCG_ERANGE (VIF share below 0 or above
 *         100 %); ::ISCG_ETOTAL (parts that do not add up to the total);
 *         ::ISCG_EOVERFLOW (the parts' sum does not fit in 64 bits).
 */
ISCG_WARN_UNUSED int iscg_activity_check(const iscg_activity *a, iscg_error *err);

/**
 * The name of a field ("women", "referrals", "vif"...).
 * @return a static string, or NULL outside the enum.
 */
const char *iscg_activity_field_name(iscg_activity_field value);

/**
 * Reads a field from its name as iscg_activity_field_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_activity_field_parse(iscg_activity_field *out, const char *name, iscg_error *err);

/**
 * The name of a carrier kind ("DEPARTEMENT", "EPCI", "ASSOCIATION", "UNSPECIFIED").
 * @return a static string, or NULL outside the enum.
 */
const char *iscg_activity_carrier_name(iscg_activity_carrier value);

/**
 * Reads a carrier kind from its name as iscg_activity_carrier_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_activity_carrier_parse(iscg_activity_carrier *out, const char *name, iscg_error *err);

/**
 * The name of a force ("POLICE", "GENDARMERIE", "BOTH", "UNSPECIFIED").
 * @return a static string, or NULL outside the enum.
 */
const char *iscg_activity_force_name(iscg_activity_force value);

/**
 * Reads a force from its name as iscg_activity_force_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_activity_force_parse(iscg_activity_force *out, const char *name, iscg_error *err);

/* ---- periods ------------------------------------------------------------ */

/** Size of the buffer iscg_stats_period_format() needs in every case. */
#define ISCG_STATS_PERIOD_TEXT_LENGTH 23

/** The name of a granularity ("MONTH", "QUARTER", "HALF_YEAR", "YEAR"): another name of
 *  iscg_period_kind_name() (NULL for ::ISCG_PERIOD_NONE and outside the enum). */
#define iscg_stats_granularity_name iscg_period_kind_name

/** Reads a granularity from its name: another name of iscg_period_kind_parse(), which
 *  refuses "NONE". */
#define iscg_stats_granularity_parse iscg_period_kind_parse

/**
 * The @p index-th period of granularity @p g in @p year: months 1..12,
 * quarters 1..4, half-years 1..2, the year 1. (QUARTER, 2022, 3) gives
 * 2022-07-01..2022-09-30.
 *
 * @param[out] out receives the period.
 * @param g        the granularity (::ISCG_PERIOD_NONE is none).
 * @param year     1 to 9999.
 * @param index    1-based: 1..12 for months, 1..4 for quarters, 1..2 for half-years, 1 for the year.
 * @param err      optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL (NULL, ::ISCG_PERIOD_NONE or outside the enum, index out of range) or ::ISCG_EDATE
 *         (year outside 1..9999).
 */
ISCG_WARN_UNUSED int iscg_stats_period(iscg_period *out, iscg_stats_granularity g, int year, int index,
                      iscg_error *err);

/**
 * The granularity of a period that is exactly one calendar month, quarter,
 * half-year or year.
 *
 * @param[out] out receives the granularity.
 * @param p        the period to classify.
 * @return 0, ::ISCG_EINVAL (NULL) or ::ISCG_EDATE (an invalid period, or one that
 *         is none of these, such as 2022-12-03..2023-12-02).
 */
ISCG_WARN_UNUSED int iscg_stats_period_granularity(iscg_stats_granularity *out, iscg_period p);

/**
 * Writes a period the way the statistics name it: "2022", "2022-H2",
 * "2022-Q3", "2022-07", or "2022-12-03..2023-12-02" for any other period.
 *
 * @param buf  caller-owned, at least ::ISCG_STATS_PERIOD_TEXT_LENGTH bytes.
 * @param size the size of @p buf in bytes, at least ::ISCG_STATS_PERIOD_TEXT_LENGTH.
 * @param p    the period, valid.
 * @return the length written, ::ISCG_EINVAL (NULL or too small a buffer) or
 *         ::ISCG_EDATE (an invalid period; then @p buf holds "").
 */
ISCG_WARN_UNUSED int iscg_stats_period_format(char *buf, size_t size, iscg_period p);

/* ---- the collection ----------------------------------------------------- */

/** A collection of validated records (opaque). */
typedef struct iscg_stats iscg_stats;

/**
 * Creates an empty collection.
 *
 * @param[out] out receives the collection, owned by the caller and freed with
 *                 iscg_stats_free().
 * @return 0, ::ISCG_EINVAL (NULL @p out) or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_stats_new(iscg_stats **out);

/**
 * Frees a collection and the copies of its strings.
 * @param s the collection; NULL is a no-op.
 */
void iscg_stats_free(iscg_stats *s);

/**
 * Validates a record as iscg_activity_check() does and stores a copy of it,
 * with totals derived from fully known parts (see ::iscg_activity). Two
 * records of the same post and site may not overlap in time.
 *
 * @param s   the collection.
 * @param a   the record; its strings are copied.
 * @param err optional report naming the post, the period and the figures.
 * A collection holds at most 4 294 967 294 records, and as many posts
 * (and sites) and distinct names: they are numbered in 32 bits, which keeps
 * a record in 64 bytes.
 *
 * @return 0; the codes of iscg_activity_check(); ::ISCG_EINVAL (NULL @p s);
 *         ::ISCG_EDUPLICATE (a record of the same post and site already covers
 *         part of the period); ::ISCG_ERANGE (the collection is full);
 *         ::ISCG_ENOMEM. On failure nothing is stored.
 */
ISCG_WARN_UNUSED int iscg_stats_add(iscg_stats *s, const iscg_activity *a, iscg_error *err);

/* ---- adding records from columns ------------------------------------------ */

/** The version of ::iscg_stats_columns this library knows. */
#define ISCG_STATS_COLUMNS_VERSION 1

/** A column of integers: one value per record, or one value for every record. */
typedef struct iscg_stats_int_column {
    const int64_t *values; /**< One value per record, the caller's; NULL: every record has @c value. */
    int64_t value;         /**< The value of every record when @c values is NULL. */
} iscg_stats_int_column;

/**
 * A column of names: one code per record into a table of names, so that ten
 * million records of a hundred thousand posts give a hundred thousand
 * strings. Code -1 (or a name "") is no name.
 */
typedef struct iscg_stats_name_column {
    const int64_t *codes;     /**< One code per record (0 to @c count - 1, or -1), the caller's;
                                   NULL: every record has @c code. */
    int64_t code;             /**< The code of every record when @c codes is NULL. */
    const char *const *names; /**< @c count NUL-terminated names, the caller's (the collection
                                   copies those it uses); NULL only when @c count is 0. */
    size_t count;             /**< Number of names. */
} iscg_stats_name_column;

/**
 * Records as columns, for iscg_stats_add_columns(): record @c i is made of
 * the @c i-th value of every column, as an ::iscg_activity. Initialise it
 * with ::ISCG_STATS_COLUMNS_INIT (no names, every figure unknown, granularity
 * ::ISCG_PERIOD_YEAR, reported, carrier and force unspecified), then point the
 * columns at the caller's arrays.
 */
typedef struct iscg_stats_columns {
    unsigned int version;             /**< ::ISCG_STATS_COLUMNS_VERSION. */
    iscg_stats_name_column post;      /**< Required: ::iscg_activity::post. */
    iscg_stats_name_column site;      /**< ::iscg_activity::site. */
    iscg_stats_name_column territory; /**< ::iscg_activity::territory. */
    iscg_stats_name_column note;      /**< ::iscg_activity::note. */
    iscg_stats_int_column year;       /**< The year of the period's first month, 1 to 9999. */
    iscg_stats_int_column month;      /**< The period's first month, 1 to 12; with @c year and
                                           @c granularity it gives ::iscg_activity::period (a
                                           quarter starts in January, April, July or October). */
    iscg_stats_int_column granularity;  /**< ::iscg_stats_granularity values, 1 to 4
                                             (::ISCG_PERIOD_NONE, 0, is refused). */
    iscg_stats_int_column not_reported; /**< 0 or 1. */
    iscg_stats_int_column carrier;      /**< ::iscg_activity_carrier values. */
    iscg_stats_int_column force;        /**< ::iscg_activity_force values. */
    /** The figures, indexed by ::iscg_activity_field; ::ISCG_UNKNOWN when unknown. */
    iscg_stats_int_column figure[ISCG_ACTIVITY_FIELD_COUNT];
} iscg_stats_columns;

/** An ::iscg_stats_name_column with no names: every record has none. */
#define ISCG_STATS_NAMES_NONE {NULL, -1, NULL, 0}
/** An ::iscg_stats_int_column that is unknown for every record. */
#define ISCG_STATS_COLUMN_UNKNOWN {NULL, ISCG_UNKNOWN}

/** No names, every figure unknown, monthly... see ::iscg_stats_columns. */
#define ISCG_STATS_COLUMNS_INIT                                                                          \
    {ISCG_STATS_COLUMNS_VERSION, ISCG_STATS_NAMES_NONE, ISCG_STATS_NAMES_NONE, ISCG_STATS_NAMES_NONE, ISCG_STATS_NAMES_NONE, \
     ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN, {NULL, ISCG_PERIOD_YEAR}, {NULL, 0}, {NULL, 0}, {NULL, 0}, \
     {ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN,             \
      ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN,             \
      ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN, ISCG_STATS_COLUMN_UNKNOWN}}

/**
 * Adds @p n records given as columns, with the rules and the sentences of
 * iscg_stats_add() called on each record in turn, but at memory speed: the
 * records are validated in tight loops over the columns, the storage is sized
 * once for the @p n records, and each record joins its series as it is
 * stored. A name code outside its table, a value that is not a member of
 * its enum, a year or month out of range are refused as iscg_stats_add()
 * refuses the record they give.
 *
 * All or nothing: on failure the collection holds the records it held before.
 *
 * @param s      the collection.
 * @param cols   the columns, each of @p n values (or one value for every record).
 * @param n      the number of records; 0 adds nothing.
 * @param failed optional: receives the index of the record refused, or
 *               SIZE_MAX when the failure is not one record's (or on success).
 * @param err    optional report: for a record refused, the sentence of
 *               iscg_stats_add() after "record <index>: ", with its source and field.
 * @return 0; the codes of iscg_stats_add() for the first record refused (in
 *         the order iscg_stats_add() would meet them); ::ISCG_EINVAL (NULL @p s
 *         or @p cols, columns of an unknown version, no post column, a name code
 *         outside its table); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_stats_add_columns(iscg_stats *s, const iscg_stats_columns *cols, size_t n, size_t *failed,
                                            iscg_error *err);

/** @return the number of records in @p s (0 for NULL). */
size_t iscg_stats_count(const iscg_stats *s);

/**
 * Reads a stored record.
 *
 * @param[out] out receives the record; its strings belong to the collection
 *                 and stay valid until it is freed.
 * @param s        the collection.
 * @param index    0-based, in the order of addition.
 * @return 0, ::ISCG_EINVAL (NULL) or ::ISCG_ERANGE (index past the end).
 */
ISCG_WARN_UNUSED int iscg_stats_get(iscg_activity *out, const iscg_stats *s, size_t index);

/**
 * Checks a series against its stated total (STAT-2): a department's nine-year
 * series whose printed total is not the sum of its years is reported, with the
 * sum, the stated total and the difference.
 *
 * @param[out] sum receives the sum of the values (also on ::ISCG_ETOTAL); may be NULL.
 * @param values   @p n counts, each >= 0; may be NULL only when @p n is 0.
 * @param n        the number of values.
 * @param stated   the stated total.
 * @param what     optional name of the series for the message ("referrals 2014-2022").
 * @param err      optional report (may be NULL); on ::ISCG_ETOTAL it gives the sum, the
 *                 stated total and the difference.
 * @return 0; ::ISCG_ETOTAL (the values do not add up to @p stated);
 *         ::ISCG_EINVAL (NULL values, a negative or unknown value: an unknown
 *         value makes the check impossible); ::ISCG_EOVERFLOW.
 */
ISCG_WARN_UNUSED int iscg_stats_check_total(int64_t *sum, const int64_t *values, size_t n, int64_t stated,
                           const char *what, iscg_error *err);

/* ---- shares and rates ----------------------------------------------------- */

/**
 * A derived figure: an exact ratio and its value rounded at a stated scale
 * under a stated rounding mode (STAT-5, STAT-6).
 *
 * - shares (VIF, a group's part of the referrals): @c exact is a fraction of 1,
 *   @c scale is 10 000, @c scaled is basis points (6403 = 64.03 %);
 * - interviews per referral: @c exact is interviews / referrals, @c scale 100,
 *   @c scaled in hundredths (181 = 1.81);
 * - referrals per 1 000 inhabitants: @c exact is referrals × 1 000 / population,
 *   @c scale 100, @c scaled in hundredths (766 = 7.66 ‰).
 */
typedef struct iscg_stats_measure {
    int defined;            /**< 0 when nothing entered it or its denominator is 0. */
    iscg_ratio exact;       /**< The exact value in lowest terms; 0/1 when undefined. */
    int64_t scaled;         /**< round(exact × scale); 0 when undefined. */
    int64_t scale;          /**< 10 000 for shares, 100 for rates. */
    iscg_rounding rounding; /**< The mode used for @c scaled. */
    int64_t weight;         /**< The denominator summed: referrals (2 584 for the 2022
                                 VIF mean), population, or the number of shares averaged. */
    size_t used;            /**< Records (posts for per-inhabitant rates) that entered. */
    size_t excluded;        /**< Reported records (posts) left out for a missing figure. */
} iscg_stats_measure;

/** Scale of the rates: hundredths. */
#define ISCG_STATS_RATE_SCALE 100

/**
 * The share @p part / @p whole as a measure in basis points (STAT-3).
 *
 * @param[out] out receives the measure (undefined when @p whole is 0).
 * @param part     the count in the share, 0 to @p whole.
 * @param whole    the count it is a share of, >= 0.
 * @param mode     rounding of the basis points.
 * @param err      optional report (may be NULL).
 * @return 0; ::ISCG_EINVAL (NULL, negative or unknown counts, bad mode);
 *         ::ISCG_ERANGE (part above whole: a share above 100 %);
 *         ::ISCG_EROUNDING under ::ISCG_ROUND_UNNECESSARY.
 */
ISCG_WARN_UNUSED int iscg_stats_share(iscg_stats_measure *out, int64_t part, int64_t whole, iscg_rounding mode,
                     iscg_error *err);

/* ---- aggregation -------------------------------------------------------- */

/** How records are grouped into rows (STAT-3). */
typedef enum iscg_stats_key {
    ISCG_STATS_BY_ALL = 0,   /**< No groups: the total rows only. */
    ISCG_STATS_BY_POST,      /**< One row per post (its sites together). */
    ISCG_STATS_BY_CARRIER,   /**< Per carrier kind. */
    ISCG_STATS_BY_FORCE,     /**< Police / gendarmerie / both. */
    ISCG_STATS_BY_TERRITORY  /**< Per territory ("" for records without one). */
} iscg_stats_key;

/** Number of ::iscg_stats_key values. */
#define ISCG_STATS_KEY_COUNT (ISCG_STATS_BY_TERRITORY + 1)

/** What a ::iscg_stats_gap reports (STAT-4). */
typedef enum iscg_stats_gap_kind {
    ISCG_STATS_GAP_NOT_REPORTED = 0, /**< The record says no report exists. */
    ISCG_STATS_GAP_UNKNOWN,          /**< A reported record lacks some figures. */
    ISCG_STATS_GAP_INCOMPLETE        /**< A post's records cover only part of the row's period. */
} iscg_stats_gap_kind;

/** Number of ::iscg_stats_gap_kind values. */
#define ISCG_STATS_GAP_KIND_COUNT (ISCG_STATS_GAP_INCOMPLETE + 1)

/**
 * The name of a grouping key ("ALL", "POST", "CARRIER", "FORCE", "TERRITORY").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_stats_key_name(iscg_stats_key value);

/**
 * Reads a grouping key from its name as iscg_stats_key_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_stats_key_parse(iscg_stats_key *out, const char *name, iscg_error *err);

/**
 * The name of a gap kind ("NOT_REPORTED", "UNKNOWN", "INCOMPLETE").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_stats_gap_kind_name(iscg_stats_gap_kind value);

/**
 * Reads a gap kind from its name as iscg_stats_gap_kind_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_stats_gap_kind_parse(iscg_stats_gap_kind *out, const char *name, iscg_error *err);

/** A missing piece of data that affects a row (STAT-4). */
typedef struct iscg_stats_gap {
    iscg_stats_gap_kind kind; /**< What is missing. */
    const char *post;         /**< The post. */
    const char *site;         /**< Its site, or NULL. */
    iscg_period period;       /**< The record's period (the row's for an incomplete post). */
    unsigned fields;          /**< ::ISCG_STATS_GAP_UNKNOWN: bit (1u << field) for each unknown
                                   figure among referrals and their parts, interviews, EPCI,
                                   communes and the VIF share (the optional figures are not
                                   listed). */
    int64_t days_covered;     /**< ::ISCG_STATS_GAP_INCOMPLETE: days the post's records cover. */
} iscg_stats_gap;

/** A sum over the records (or, for EPCI, communes and population, the posts) of a row. */
typedef struct iscg_stats_sum {
    int64_t value;  /**< Sum of the known values; missing ones are not counted as 0 but
                         are counted in @c missing. */
    size_t known;   /**< Records (posts) that gave the figure. */
    size_t missing; /**< Records (posts) where it is unknown, not-reported ones included. */
} iscg_stats_sum;

/**
 * One row of an aggregated table: one group over one period, or a period's
 * total. The table owns everything a row points to.
 */
typedef struct iscg_stats_row {
    const char *key;        /**< The group's name, or "total" for a total row. */
    int is_total;           /**< 1 for a period's total row. */
    iscg_period period;     /**< The period the row covers. */
    size_t records;         /**< Records counted, not-reported ones included. */
    size_t not_reported;    /**< Records marked not reported (STAT-4). */
    size_t incomplete;      /**< Posts (or sites) whose records cover only part of the period. */
    /** Counts indexed by ::iscg_activity_field. Activity figures are summed over
     *  records. Coverage figures (EPCI, communes, population) take each post's
     *  (or site's) latest record in the period and are summed over posts, so an
     *  EPCI served by two posts counts twice. */
    iscg_stats_sum count[ISCG_ACTIVITY_COUNTS];
    /** VIF share weighted by referrals (STAT-5): Σ referrals × share / Σ referrals over
     *  the records giving both; records lacking one are excluded and counted. */
    iscg_stats_measure vif;
    /** The plain (unweighted) mean of the VIF shares given: not the rule's figure,
     *  kept under its own name for comparison. */
    iscg_stats_measure vif_plain_mean;
    /** Interviews per referral over the records giving both (STAT-6). */
    iscg_stats_measure interviews_per_referral;
    /** Referrals per 1 000 inhabitants over the posts whose population and every
     *  referral count are known (STAT-6). */
    iscg_stats_measure referrals_per_thousand;
    /** The row's part of its period's referrals (1 for a total row). */
    iscg_stats_measure share;
    size_t gap_count;           /**< Number of gaps. */
    const iscg_stats_gap *gaps; /**< Every not-reported record, record lacking a figure and
                                     incompletely covered post that the row includes. */
} iscg_stats_row;

/** An aggregated table (opaque). */
typedef struct iscg_stats_table iscg_stats_table;

/**
 * Aggregates the records into rows (STAT-3, STAT-4, STAT-5, STAT-6).
 *
 * Each record is counted in the period of granularity @p per that contains it
 * (months roll up into quarters, half-years and years), in its group's row and
 * in that period's total row. Rows are ordered by period; within a period the
 * groups come in the order of their first record, then the total row.
 *
 * @param[out] out  receives the table, owned by the caller, freed with
 *                  iscg_stats_table_free().
 * @param s         the records.
 * @param by        the grouping.
 * @param per       the period of each row; a record longer than it cannot be split
 *                  and is an error.
 * @param rounding  rounding of every share and rate of the table.
 * @param err       optional report.
 * @return 0; ::ISCG_EINVAL (NULL, bad enum or mode, ::ISCG_PERIOD_NONE as @p per);
 *         ::ISCG_EDATE (a record coarser than @p per: the message names it); ::ISCG_EOVERFLOW (a sum
 *         does not fit in 64 bits: the message names the row and the figure);
 *         ::ISCG_EROUNDING under ::ISCG_ROUND_UNNECESSARY; ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_stats_aggregate(iscg_stats_table **out, const iscg_stats *s, iscg_stats_key by,
                         iscg_stats_granularity per, iscg_rounding rounding, iscg_error *err);

/** The version of ::iscg_stats_options this library knows. */
#define ISCG_STATS_OPTIONS_VERSION 1

/**
 * How a long statistics call runs. Initialise it with
 * ::ISCG_STATS_OPTIONS_INIT, then change what differs.
 */
typedef struct iscg_stats_options {
    unsigned int version;  /**< ::ISCG_STATS_OPTIONS_VERSION. */
    iscg_cancel_fn cancel; /**< Polled after at most about 64 Ki records: nonzero ends the call
                                with ::ISCG_ECANCELED, everything it built freed. NULL: never
                                canceled. */
    void *cancel_ctx;      /**< Given to @c cancel; the caller's. */
} iscg_stats_options;

/** The defaults: no cancel function. */
#define ISCG_STATS_OPTIONS_INIT {ISCG_STATS_OPTIONS_VERSION, NULL, NULL}

/**
 * iscg_stats_add_columns(), run as @p opts say: a cancel function may stop it.
 *
 * @param s      the collection.
 * @param cols   the columns, as iscg_stats_add_columns() takes them.
 * @param n      the number of records.
 * @param opts   how to run; NULL for ::ISCG_STATS_OPTIONS_INIT.
 * @param failed optional: the index of the record refused, as iscg_stats_add_columns() gives it.
 * @param err    optional report.
 * @return as iscg_stats_add_columns(); ::ISCG_EINVAL (options of an unknown
 *         version); ::ISCG_ECANCELED (the cancel function asked to stop: the
 *         collection holds the records it held before).
 */
ISCG_WARN_UNUSED int iscg_stats_add_columns_ext(iscg_stats *s, const iscg_stats_columns *cols, size_t n,
                                                const iscg_stats_options *opts, size_t *failed, iscg_error *err);

/**
 * iscg_stats_aggregate(), run as @p opts say: a cancel function may stop it.
 *
 * @param[out] out receives the table, as iscg_stats_aggregate() gives it.
 * @param s        the records.
 * @param by       the grouping.
 * @param per      the period of each row.
 * @param rounding the rounding of the shares, as iscg_stats_aggregate() takes it.
 * @param opts     how to run; NULL for ::ISCG_STATS_OPTIONS_INIT.
 * @param err      optional report.
 * @return as iscg_stats_aggregate(); ::ISCG_EINVAL (options of an unknown
 *         version); ::ISCG_ECANCELED (the cancel function asked to stop:
 *         @p *out is left unset and nothing is kept).
 */
ISCG_WARN_UNUSED int iscg_stats_aggregate_ext(iscg_stats_table **out, const iscg_stats *s, iscg_stats_key by,
                                              iscg_stats_granularity per, iscg_rounding rounding,
                                              const iscg_stats_options *opts, iscg_error *err);

/**
 * Frees a table and everything its rows point to.
 * @param t the table; NULL is a no-op.
 */
void iscg_stats_table_free(iscg_stats_table *t);

/** @return the number of rows of @p t (0 for NULL). */
size_t iscg_stats_table_count(const iscg_stats_table *t);

/**
 * A row of a table.
 * @return the row, owned by the table; NULL when @p t is NULL or @p index is past the end.
 */
const iscg_stats_row *iscg_stats_table_row(const iscg_stats_table *t, size_t index);

/**
 * Finds the row of a group over a period.
 *
 * @param t   the table (NULL gives NULL).
 * @param key the group's name, or NULL for the period's total row.
 * @param period the row's period, exactly (same start and end).
 * @return the row, owned by the table, or NULL when there is none.
 */
const iscg_stats_row *iscg_stats_table_find(const iscg_stats_table *t, const char *key,
                                            iscg_period period);

/* ---- plain sums ---------------------------------------------------------- */

/**
 * The sums of one group over one period: the counts of an ::iscg_stats_row
 * without its shares, rates, gaps or total rows. It is what a national body
 * sums over every post of every department, and what a data frame's
 * group-by sum gives, with the STAT-4 difference that an unknown figure is
 * counted as missing, never as 0.
 */
typedef struct iscg_stats_sums_row {
    const char *key;     /**< The group's name ("total" by ::ISCG_STATS_BY_ALL). */
    iscg_period period;  /**< The period of granularity @c per that the row covers. */
    size_t records;      /**< Records counted, not-reported ones included. */
    size_t not_reported; /**< Records marked not reported (STAT-4). */
    /** Counts indexed by ::iscg_activity_field, the same figures as
     *  ::iscg_stats_row::count: activity figures summed over records, coverage
     *  figures (EPCI, communes, population) from each post's (or site's) latest
     *  record in the period, summed over posts. */
    iscg_stats_sum count[ISCG_ACTIVITY_COUNTS];
} iscg_stats_sums_row;

/** Plain sums by group and period (opaque). */
typedef struct iscg_stats_sums iscg_stats_sums;

/**
 * Sums the records by group and period (STAT-3, STAT-4): the counts of
 * iscg_stats_aggregate() for each group row, with none of its shares, rates,
 * gap lists or total rows (::ISCG_STATS_BY_ALL gives one row per period, the
 * counts of its total row). One pass over the records, post by post, with no
 * rounding: the fast path for large collections when only the counts are
 * wanted. Each row's counts equal those of the table's row of the same group
 * and period.
 *
 * Rows are ordered by group, the groups in the order of their first record
 * (series by series: posts and sites in the order of their first record),
 * and within a group by period.
 *
 * @param[out] out  receives the sums, owned by the caller, freed with
 *                  iscg_stats_sums_free(); the keys are copies, so the sums may
 *                  outlive @p s.
 * @param s         the records.
 * @param by        the grouping.
 * @param per       the period of each row; a record longer than it cannot be split
 *                  and is an error.
 * @param err       optional report.
 * @return 0; ::ISCG_EINVAL (NULL, bad enum, ::ISCG_PERIOD_NONE as @p per);
 *         ::ISCG_EDATE (a record coarser than @p per: the message names the first in the collection's order);
 *         ::ISCG_EOVERFLOW (a sum does not fit in 64 bits: the message names
 *         the group, the period and the figure); ::ISCG_ENOMEM. On failure
 *         @p *out is NULL.
 */
ISCG_WARN_UNUSED int iscg_stats_sums_compute(iscg_stats_sums **out, const iscg_stats *s, iscg_stats_key by,
                            iscg_stats_granularity per, iscg_error *err);

/**
 * iscg_stats_sums_compute(), run as @p opts say: a cancel function may stop it.
 *
 * @param[out] out receives the sums, as iscg_stats_sums_compute() gives them.
 * @param s        the records.
 * @param by       the grouping.
 * @param per      the period of each row.
 * @param opts     how to run; NULL for ::ISCG_STATS_OPTIONS_INIT.
 * @param err      optional report.
 * @return as iscg_stats_sums_compute(); ::ISCG_EINVAL (options of an unknown
 *         version); ::ISCG_ECANCELED (the cancel function asked to stop:
 *         @p *out is NULL).
 */
ISCG_WARN_UNUSED int iscg_stats_sums_compute_ext(iscg_stats_sums **out, const iscg_stats *s, iscg_stats_key by,
                                                 iscg_stats_granularity per, const iscg_stats_options *opts,
                                                 iscg_error *err);

/**
 * Frees sums and their keys.
 * @param sums the sums; NULL is a no-op.
 */
void iscg_stats_sums_free(iscg_stats_sums *sums);

/** @return the number of rows of @p sums (0 for NULL). */
size_t iscg_stats_sums_count(const iscg_stats_sums *sums);

/**
 * Reads a row of sums. The sums keep their rows compactly (the known counts
 * are derived, the period is a number), so a row is filled in, not pointed
 * to: a caller reading every row reuses one ::iscg_stats_sums_row.
 *
 * @param[out] out  receives the row; its key is owned by @p sums.
 * @param sums      the sums.
 * @param index     0 to iscg_stats_sums_count() - 1, in the rows' order.
 * @return 0; ::ISCG_EINVAL (NULL); ::ISCG_ERANGE (@p index past the end).
 *         On failure @p *out is unchanged.
 */
ISCG_WARN_UNUSED int iscg_stats_sums_get(iscg_stats_sums_row *out, const iscg_stats_sums *sums, size_t index);

/* ---- year-over-year comparison -------------------------------------------- */

/** One group (or the total) in two periods. */
typedef struct iscg_stats_change {
    const char *key;              /**< The group's name, or "total". */
    int is_total;                 /**< 1 for the total line. */
    const iscg_stats_row *before; /**< The row of the first period, NULL if the group has none. */
    const iscg_stats_row *after;  /**< The row of the second period, NULL if none. */
    /** 1 when both rows exist, give the figure, and miss no record or part of the
     *  period for it: only then is @c delta meaningful. */
    int comparable[ISCG_ACTIVITY_COUNTS];
    int64_t delta[ISCG_ACTIVITY_COUNTS]; /**< after − before when comparable, else 0. */
} iscg_stats_change;

/** A comparison of two periods (opaque). */
typedef struct iscg_stats_comparison iscg_stats_comparison;

/**
 * Compares two periods of the same granularity (2022 with 2023, or one quarter
 * with the same quarter a year later) group by group and in total.
 *
 * @param[out] out receives the comparison, owned by the caller, freed with
 *                 iscg_stats_comparison_free(). Its lines are the groups of the
 *                 first period, then those found only in the second, then the total.
 * @param s        the records.
 * @param by       the grouping (::ISCG_STATS_BY_ALL gives the total line only).
 * @param before   the first period, exactly one month, quarter, half-year or year.
 * @param after    the second period, of the same granularity.
 * @param rounding rounding of the rows' shares and rates.
 * @param err      optional report (may be NULL).
 * @return 0; ::ISCG_EINVAL; ::ISCG_EDATE (a period that is not one calendar
 *         period, or two granularities); the codes of iscg_stats_aggregate().
 */
ISCG_WARN_UNUSED int iscg_stats_compare(iscg_stats_comparison **out, const iscg_stats *s, iscg_stats_key by,
                       iscg_period before, iscg_period after, iscg_rounding rounding,
                       iscg_error *err);

/**
 * Frees a comparison and the rows it points to.
 * @param c the comparison; NULL is a no-op.
 */
void iscg_stats_comparison_free(iscg_stats_comparison *c);

/** @return the number of lines of @p c (0 for NULL). */
size_t iscg_stats_comparison_count(const iscg_stats_comparison *c);

/**
 * A line of a comparison.
 * @return the line, owned by the comparison; NULL when @p c is NULL or @p index is past the end.
 */
const iscg_stats_change *iscg_stats_comparison_get(const iscg_stats_comparison *c, size_t index);

/**
 * The relative change from @p before to @p after in signed basis points:
 * round((after − before) × 10 000 / before). 245 → 300 is +2245 (HALF_UP).
 *
 * @param[out] basis_points receives the change.
 * @param before the earlier count, > 0.
 * @param after  the later count, >= 0.
 * @param mode   the rounding of the basis points.
 * @param err    optional report (may be NULL).
 * @return 0; ::ISCG_EINVAL (NULL, negative or unknown counts, bad mode);
 *         ::ISCG_ERANGE (@p before is 0: a change from nothing has no rate);
 *         ::ISCG_EROUNDING; ::ISCG_EOVERFLOW.
 */
ISCG_WARN_UNUSED int iscg_stats_change_rate(int64_t *basis_points, int64_t before, int64_t after,
                           iscg_rounding mode, iscg_error *err);

/* ---- publication (PRIV-1) ------------------------------------------------- */

/** Number of columns of a published table: women, men, children, referrals, interviews. */
#define ISCG_STATS_PUBLISHED_FIELDS 5

/** The state of a published cell. */
typedef enum iscg_stats_cell_state {
    ISCG_STATS_CELL_PUBLISHED = 0, /**< Shown. */
    ISCG_STATS_CELL_UNKNOWN,       /**< No record gave the figure. */
    ISCG_STATS_CELL_SUPPRESSED,    /**< Hidden: a count from 1 to threshold − 1. */
    ISCG_STATS_CELL_COMPLEMENTARY  /**< Hidden so that a suppressed cell cannot be recomputed
                                        from its row's or its column's total. */
} iscg_stats_cell_state;

/** Number of ::iscg_stats_cell_state values. */
#define ISCG_STATS_CELL_STATE_COUNT (ISCG_STATS_CELL_COMPLEMENTARY + 1)

/**
 * The name of a cell state ("PUBLISHED", "UNKNOWN", "SUPPRESSED", "COMPLEMENTARY").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_stats_cell_state_name(iscg_stats_cell_state value);

/**
 * Reads a cell state from its name as iscg_stats_cell_state_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_stats_cell_state_parse(iscg_stats_cell_state *out, const char *name, iscg_error *err);

/** A cell of a published table. */
typedef struct iscg_stats_cell {
    iscg_stats_cell_state state; /**< Whether it is shown. */
    int64_t value;               /**< The count when shown, else 0: a hidden value is not kept. */
    size_t missing;              /**< Records that did not give it (see the table's gaps). */
} iscg_stats_cell;

/** A row of a published table. */
typedef struct iscg_stats_published_row {
    const char *key;     /**< The group's name, or "total". */
    int is_total;        /**< 1 for a total row. */
    iscg_period period;  /**< Its period. */
    /** Cells indexed by ::iscg_activity_field, women to interviews. */
    iscg_stats_cell cell[ISCG_STATS_PUBLISHED_FIELDS];
} iscg_stats_published_row;

/** One hidden cell, as the publication reports it. */
typedef struct iscg_stats_suppression {
    size_t row;                  /**< Row index. */
    iscg_activity_field field;   /**< Column. */
    /** ::ISCG_STATS_CELL_SUPPRESSED or ::ISCG_STATS_CELL_COMPLEMENTARY. */
    iscg_stats_cell_state state;
} iscg_stats_suppression;

/** A table prepared for publication (opaque). */
typedef struct iscg_stats_publication iscg_stats_publication;

/**
 * Prepares a table for publication (PRIV-1). Counts from 1 to @p threshold − 1
 * are suppressed (0 is shown: it singles no one out). Then, until nothing
 * changes, wherever a row (women + men + children = referrals) or a column of
 * a period (groups and their total) has exactly one hidden cell, the smallest
 * non-zero shown cell of that row or column is hidden too, so that no
 * suppressed count can be recomputed by subtraction. The publication copies
 * what it shows and does not keep the hidden values.
 *
 * @param[out] out   receives the publication, owned by the caller, freed with
 *                   iscg_stats_publication_free().
 * @param t          the aggregated table.
 * @param threshold  >= 1; 1 suppresses nothing.
 * @param err        optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL (NULL, threshold < 1) or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_stats_publish(iscg_stats_publication **out, const iscg_stats_table *t,
                       int64_t threshold, iscg_error *err);

/**
 * Frees a publication.
 * @param p the publication; NULL is a no-op.
 */
void iscg_stats_publication_free(iscg_stats_publication *p);

/** @return the number of rows of @p p (0 for NULL), the same as its table's. */
size_t iscg_stats_publication_count(const iscg_stats_publication *p);

/**
 * A row of a publication.
 * @return the row, owned by the publication; NULL when @p p is NULL or @p index is past the end.
 */
const iscg_stats_published_row *iscg_stats_publication_row(const iscg_stats_publication *p,
                                                           size_t index);

/** @return the number of hidden cells of @p p, suppressed and complementary (0 for NULL). */
size_t iscg_stats_publication_suppressed(const iscg_stats_publication *p);

/**
 * What the publication hid, in the order it decided: first the small counts,
 * then the complementary cells.
 * @return the entry, owned by the publication; NULL when @p p is NULL or @p index is past the end.
 */
const iscg_stats_suppression *iscg_stats_publication_suppression(const iscg_stats_publication *p,
                                                                 size_t index);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_STATS_H */
