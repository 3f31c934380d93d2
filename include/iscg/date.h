/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file date.h
 * @brief Civil dates (proleptic Gregorian, years 1 to 9999), inclusive
 *        periods, durations and the split of a period across fiscal years
 *        (rules CAL-1, PRO-3).
 */
#ifndef ISCG_DATE_H
#define ISCG_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A civil date. Valid when iscg_date_valid() says so. */
typedef struct iscg_date {
    int year;   /**< 1 to 9999. */
    int month;  /**< 1 to 12. */
    int day;    /**< 1 to the length of the month. */
} iscg_date;

/** An inclusive period: both @c start and @c end belong to it; start <= end. */
typedef struct iscg_period {
    iscg_date start; /**< First day covered. */
    iscg_date end;   /**< Last day covered. */
} iscg_period;

/**
 * The kind of a calendar period: one month, quarter, half-year or year.
 *
 * How often a convention's reports are due (its cadence, CAL-3) and what an
 * activity record or a statistics row covers (its granularity, STAT-1) are
 * this one concept: ::iscg_cadence (calendar.h) and ::iscg_stats_granularity
 * (stats.h) are other names of this type. Periods are calendar periods:
 * months, quarters starting in January, April, July and October, half-years
 * starting in January and July, and calendar years, so that figures
 * aggregate month → quarter → half-year → year (STAT-3).
 *
 * Each member has two spellings, both read and written by the files: its
 * name ("MONTH", iscg_period_kind_name()), used by the statistics (files,
 * columns, rows), and its cadence ("MONTHLY", iscg_cadence_name()), used by
 * the clauses of a dataset file. ::ISCG_PERIOD_NONE is the cadence "NONE"
 * (nothing is due) and is no granularity: it has no name, and every function
 * that takes a granularity refuses it with ::ISCG_EINVAL, so that a zeroed
 * record or column is refused instead of meaning "monthly".
 */
typedef enum iscg_period_kind {
    ISCG_PERIOD_NONE = 0,  /**< No period: a cadence under which nothing is due ("NONE"). */
    ISCG_PERIOD_MONTH,     /**< One calendar month ("MONTH"; cadence "MONTHLY", "compte-rendu mensuel"). */
    ISCG_PERIOD_QUARTER,   /**< January–March, April–June, July–September or October–December
                                ("QUARTER"; cadence "QUARTERLY", "chaque trimestre"). */
    ISCG_PERIOD_HALF_YEAR, /**< January–June or July–December ("HALF_YEAR"; cadence "SEMESTRIAL",
                                "compte-rendu semestriel"). */
    ISCG_PERIOD_YEAR       /**< 1 January to 31 December ("YEAR"; cadence "ANNUAL", the annual review). */
} iscg_period_kind;

/** Number of ::iscg_period_kind values, ::ISCG_PERIOD_NONE included. */
#define ISCG_PERIOD_KIND_COUNT (ISCG_PERIOD_YEAR + 1)

/**
 * The name of a period kind as the statistics spell it: "MONTH", "QUARTER",
 * "HALF_YEAR", "YEAR" (its cadence spelling is iscg_cadence_name()'s).
 * @return a static string owned by the library, or NULL for ::ISCG_PERIOD_NONE
 *         (no granularity) and outside the enum.
 */
const char *iscg_period_kind_name(iscg_period_kind value);

/**
 * Reads a period kind from its name as iscg_period_kind_name() gives it
 * (ASCII case-insensitive). "NONE" is no granularity and is refused; a
 * cadence ("MONTHLY") is read by iscg_cadence_parse().
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_period_kind_parse(iscg_period_kind *out, const char *name, iscg_error *err);

/**
 * The length of one period of a kind in months.
 * @return a length in months when it is >= 0 (1, 3, 6 or 12; 0 for ::ISCG_PERIOD_NONE);
 *         a status only when negative: ::ISCG_EINVAL outside the enum.
 */
ISCG_WARN_UNUSED int iscg_period_kind_months(iscg_period_kind kind);

/** Length of the buffer iscg_date_format() needs: "YYYY-MM-DD" and NUL. */
#define ISCG_DATE_TEXT_LENGTH 11

/** @return a boolean, not a status: 1 if @p year is a Gregorian leap year, else 0. */
int iscg_date_is_leap(int year);

/** @return a length, not a status: the number of days of @p month in @p year, or 0 if
 *  @p month is not 1..12. */
int iscg_date_days_in_month(int year, int month);

/** @return a boolean, not a status: 1 if @p d is a valid date of years 1..9999, else 0. */
int iscg_date_valid(iscg_date d);

/**
 * Builds a validated date.
 * @param[out] out receives the date.
 * @param year  1 to 9999.
 * @param month 1 to 12.
 * @param day   1 to the length of @p month in @p year.
 * @param err   optional report (may be NULL) naming the invalid date.
 * @return 0, ::ISCG_EINVAL (NULL @p out) or ::ISCG_EDATE ("2023-02-29 is not a date").
 */
ISCG_WARN_UNUSED int iscg_date_make(iscg_date *out, int year, int month, int day, iscg_error *err);

/**
 * Parses an ISO 8601 calendar date "YYYY-MM-DD" (the whole text, nothing around it).
 * @return 0, ::ISCG_EINVAL (NULL), ::ISCG_EPARSE (not of that form) or
 *         ::ISCG_EDATE (of that form but not a date, e.g. "2023-02-30").
 */
ISCG_WARN_UNUSED int iscg_date_parse(iscg_date *out, const char *text, iscg_error *err);

/**
 * Writes @p d as "YYYY-MM-DD".
 * @param buf caller-owned, at least ::ISCG_DATE_TEXT_LENGTH bytes.
 * @param size the size of @p buf in bytes, at least ::ISCG_DATE_TEXT_LENGTH.
 * @param d    the date; an invalid one leaves "" in @p buf.
 * @return 10, ::ISCG_EINVAL (NULL, size too small) or ::ISCG_EDATE (invalid date).
 */
ISCG_WARN_UNUSED int iscg_date_format(char *buf, size_t size, iscg_date d);

/**
 * Three-way comparison of two dates (invalid dates compare by their fields).
 * @return an ordering, not a status: a negative number, 0 or a positive number.
 */
int iscg_date_compare(iscg_date a, iscg_date b);

/**
 * Day number of a valid date: 0001-01-01 is day 1.
 * @return the day number, or 0 for an invalid date.
 */
int64_t iscg_date_to_days(iscg_date d);

/**
 * The date of a day number (see iscg_date_to_days()).
 * @return 0 or ::ISCG_EDATE when the number is outside years 1..9999; ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_date_from_days(iscg_date *out, int64_t days);

/**
 * Adds a (possibly negative) number of days.
 * @return 0, ::ISCG_EINVAL, or ::ISCG_EDATE (invalid input or result outside 1..9999).
 */
ISCG_WARN_UNUSED int iscg_date_add_days(iscg_date *out, iscg_date d, int64_t days, iscg_error *err);

/**
 * Adds calendar months. A day that does not exist in the target month is
 * clamped to its last day (31 Jan + 1 month = 28 or 29 Feb).
 * @return 0, ::ISCG_EINVAL, or ::ISCG_EDATE.
 */
ISCG_WARN_UNUSED int iscg_date_add_months(iscg_date *out, iscg_date d, int months, iscg_error *err);

/**
 * Builds a validated inclusive period.
 * @return 0, ::ISCG_EINVAL, or ::ISCG_EDATE (an invalid date, or an end before
 *         the start: the message names both).
 */
ISCG_WARN_UNUSED int iscg_period_make(iscg_period *out, iscg_date start, iscg_date end, iscg_error *err);

/**
 * The period that starts on @p start and lasts @p months calendar months
 * (CAL-1, "pour une durée d'un an" is 12): it ends the day before
 * start + months. One year from 2023-01-05 ends on 2024-01-04.
 * @param[out] out receives the period.
 * @param start  its first day, a valid date.
 * @param months >= 1.
 * @param err    optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL (months < 1) or ::ISCG_EDATE.
 */
ISCG_WARN_UNUSED int iscg_period_from_months(iscg_period *out, iscg_date start, int months, iscg_error *err);

/** @return a boolean, not a status: 1 if @p p is a valid period (valid dates, start <= end),
 *  else 0. */
int iscg_period_valid(iscg_period p);

/** @return the number of days in a valid period (both ends included), 0 if invalid. */
int64_t iscg_period_days(iscg_period p);

/** @return a boolean, not a status: 1 if @p d lies within @p p, else 0. */
int iscg_period_contains(iscg_period p, iscg_date d);

/**
 * The common part of two periods.
 * @param[out] out receives it when they overlap.
 * @param[out] overlaps receives 1 if they overlap, 0 if not (then @p out is untouched).
 * @param a  a valid period.
 * @param b  another valid period; the order of @p a and @p b does not matter.
 * @return 0, ::ISCG_EINVAL or ::ISCG_EDATE (an invalid period).
 */
ISCG_WARN_UNUSED int iscg_period_intersect(iscg_period *out, int *overlaps, iscg_period a, iscg_period b);

/**
 * The period of a whole year, 1 January to 31 December.
 * @return 0, ::ISCG_EINVAL or ::ISCG_EDATE (year outside 1..9999).
 */
ISCG_WARN_UNUSED int iscg_period_year(iscg_period *out, int year);

/**
 * Splits a period across fiscal years that start on @p first_month / 1
 * (1 for the calendar year of French local authorities, PRO-3). Béthune's
 * 2022-12-03..2023-12-02 gives 2022-12-03..2022-12-31 (29 days) and
 * 2023-01-01..2023-12-02 (336 days).
 *
 * @param[out] parts  caller-owned array of @p capacity periods.
 * @param capacity    its size; the count needed is written to @p count even when
 *                    it is too small (then ::ISCG_ERANGE).
 * @param[out] count  the number of parts.
 * @param[out] fiscal_years optional (may be NULL) array of @p capacity ints that
 *                    receives the fiscal year of each part, named by the calendar
 *                    year it starts in.
 * @param p           the period.
 * @param first_month 1..12.
 * @param err         optional report (may be NULL); on ::ISCG_ERANGE it gives the count needed.
 * @return 0, ::ISCG_EINVAL, ::ISCG_EDATE or ::ISCG_ERANGE.
 */
ISCG_WARN_UNUSED int iscg_period_split_years(iscg_period *parts, int *fiscal_years, size_t capacity,
                            size_t *count, iscg_period p, int first_month, iscg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_DATE_H */
