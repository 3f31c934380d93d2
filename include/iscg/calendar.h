/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file calendar.h
 * @brief The calendar of a convention: notice and denunciation deadlines,
 *        reporting dues, subsidy request and payment deadlines, and the
 *        conventions about to expire (rules CAL-1, CAL-2, CAL-3, RCV-2).
 *
 * Everything here works on plain values (::iscg_period, ::iscg_clauses) and
 * caller-owned arrays: nothing is allocated, nothing is kept between calls.
 *
 * Months are counted as in French law (Code de procédure civile, art. 641):
 * a delay of N months from a day ends on the day of the same number N months
 * later, or on the last day of that month when it has no such day. The same
 * rule is used backwards for "N months before" a date.
 *
 * Every function returns 0 or a negative ::iscg_status code; those that take
 * an ::iscg_error fill it (when not NULL) with a sentence naming the argument
 * or field at fault.
 */
#ifndef ISCG_CALENDAR_H
#define ISCG_CALENDAR_H

#include <stddef.h>

#include "date.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * How often something is due (CAL-3): an ::iscg_period_kind (date.h), the
 * concept the statistics call a granularity, spelt as a cadence in dataset
 * files. ::ISCG_PERIOD_NONE means nothing is due.
 */
typedef iscg_period_kind iscg_cadence;

/** @name Cadences: other names of the ::iscg_period_kind members, kept for the callers that use them.
 *  @{ */
#define ISCG_CADENCE_NONE ISCG_PERIOD_NONE            /**< Not due at all ("NONE"). */
#define ISCG_CADENCE_MONTHLY ISCG_PERIOD_MONTH        /**< Every calendar month ("MONTHLY"). */
#define ISCG_CADENCE_QUARTERLY ISCG_PERIOD_QUARTER    /**< Every calendar quarter ("QUARTERLY"). */
#define ISCG_CADENCE_SEMESTRIAL ISCG_PERIOD_HALF_YEAR /**< Every half-year ("SEMESTRIAL"). */
#define ISCG_CADENCE_ANNUAL ISCG_PERIOD_YEAR          /**< Every calendar year ("ANNUAL"). */
/** Number of cadences, "NONE" included: ::ISCG_PERIOD_KIND_COUNT. */
#define ISCG_CADENCE_COUNT ISCG_PERIOD_KIND_COUNT
/** @} */

/**
 * The cadence spelling of a period kind: "NONE", "MONTHLY", "QUARTERLY",
 * "SEMESTRIAL", "ANNUAL" (its statistics name is iscg_period_kind_name()'s).
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_cadence_name(iscg_cadence value);

/**
 * Reads a cadence from its spelling as iscg_cadence_name() gives it (ASCII
 * case-insensitive) or from the French
 * adjective of the conventions ("MENSUEL", "TRIMESTRIEL", "SEMESTRIEL", "ANNUEL").
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_cadence_parse(iscg_cadence *out, const char *name, iscg_error *err);

/** The length of one reporting period of a cadence in months: another name
 *  of iscg_period_kind_months() (0 for ::ISCG_CADENCE_NONE). */
#define iscg_cadence_months iscg_period_kind_months

/**
 * The calendar clauses of one convention. A zeroed struct means "no clause":
 * no notice, no denunciation, nothing to report, no deadline. Booleans are 0 or 1.
 */
typedef struct iscg_clauses {
    /** Notice before a termination ("résiliation") takes effect, in months:
     *  "un délai de préavis de 3 mois" (CAL-2). 0 when the convention states
     *  none. Not itself a deadline: see iscg_calendar_termination_date(). */
    int notice_months;
    /** A denunciation by registered letter must be sent "au moins N mois avant
     *  la date d'expiration" (CAL-2); 0 when there is no such clause. */
    int denunciation_months;
    /** 1 if the budget and the subsidy request must reach each funder by
     *  @c request_deadline (RCV-2: 28 February 2023), else 0. */
    int has_request_deadline;
    /** Last day for the subsidy request; read only when @c has_request_deadline. */
    iscg_date request_deadline;
    /** 1 if each funder must pay by @c payment_deadline (RCV-2: 31 July 2023), else 0. */
    int has_payment_deadline;
    /** Last day for the payment; read only when @c has_payment_deadline. */
    iscg_date payment_deadline;
    /** Number of instalments of the payment: 1 for "en une seule fois"
     *  (RCV-2); 0 when not stated. Informative: the deadline is the same. */
    int instalments;
    /** Activity reports of the worker: monthly on the posts the Département
     *  carries, semestrial on most EPCI gendarmerie posts (CAL-3). */
    iscg_cadence activity_reports;
    /** Interim summaries ("synthèse intermédiaire chaque trimestre") sent to
     *  the police and gendarmerie authorities (CAL-3). */
    iscg_cadence interim_summaries;
    /** 1 if a yearly report or evaluation is due at the end of each year of
     *  the convention ("bilan d'activité ... unique", "bilan annuel"), else 0. */
    int annual_report;
    /** 1 if a steering committee ("comité de pilotage annuel") meets once in
     *  each year of the convention, at the latest on that year's last day, else 0. */
    int steering_committee;
    /** When > 0: in the post's first year the steering committee first meets at
     *  the end of the first N months of the convention ("au terme du 1er
     *  semestre d'exercice": 6). 0 when the convention says nothing of it. */
    int first_steering_months;
    /** 1 if funds unused at the end of a year may be carried into the next as
     *  dedicated funds ("fonds dédiés", RCV-2: the France Victimes 62 posts),
     *  else 0. Informative: no deadline follows from it. */
    int carry_over_unused;
} iscg_clauses;

/** Clauses to start from, then fill: no clause at all (a zeroed struct means the same). */
#define ISCG_CLAUSES_INIT {0, 0, 0, {0, 0, 0}, 0, {0, 0, 0}, 0, ISCG_PERIOD_NONE, ISCG_PERIOD_NONE, 0, 0, 0, 0}

/** What a deadline is for. The order is the order of deadlines on the same day. */
typedef enum iscg_deadline_kind {
    ISCG_DEADLINE_DENUNCIATION = 0, /**< Last day to send a denunciation letter (CAL-2). */
    ISCG_DEADLINE_REQUEST,          /**< Last day for the subsidy request (RCV-2). */
    ISCG_DEADLINE_PAYMENT,          /**< Last day for the funders' payment (RCV-2). */
    ISCG_DEADLINE_REPORT_ACTIVITY,  /**< End of a period of activity reporting (CAL-3). */
    ISCG_DEADLINE_REPORT_INTERIM,   /**< End of a period of interim summary (CAL-3). */
    ISCG_DEADLINE_REPORT_ANNUAL,    /**< End of a year of the convention: yearly report (CAL-3). */
    ISCG_DEADLINE_STEERING,         /**< Latest day for a steering committee (CAL-3). */
    ISCG_DEADLINE_EXPIRY            /**< The convention's last day (CAL-1). */
} iscg_deadline_kind;

/** Number of ::iscg_deadline_kind values. */
#define ISCG_DEADLINE_KIND_COUNT (ISCG_DEADLINE_EXPIRY + 1)

/**
 * The name of a deadline kind: "DENUNCIATION", "REQUEST", "PAYMENT",
 * "REPORT_ACTIVITY", "REPORT_INTERIM", "REPORT_ANNUAL", "STEERING", "EXPIRY".
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_deadline_kind_name(iscg_deadline_kind value);

/**
 * Reads a deadline kind from its name as iscg_deadline_kind_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_deadline_kind_parse(iscg_deadline_kind *out, const char *name, iscg_error *err);

/** One dated obligation of a convention. */
typedef struct iscg_deadline {
    iscg_date date;          /**< The last day to meet it. */
    iscg_deadline_kind kind; /**< What it is for. */
    /** What it concerns: for a report, the reporting period clipped to the
     *  convention; for a steering committee, the part of the convention it
     *  reviews; for the other kinds, the whole convention. */
    iscg_period covers;
} iscg_deadline;

/**
 * The last day to send a registered letter that denounces a convention "at
 * least N months before its expiry" (CAL-2). The expiry is the period's last
 * day; the answer is that day N months earlier, on the last day of the month
 * when it has no such day: 2023-12-31 and 3 months give 2023-09-30,
 * 2023-12-02 gives 2023-09-02, 2024-01-04 gives 2023-10-04. For a convention
 * shorter than N months the answer falls before its start: it is returned as
 * is, the caller decides what that means.
 *
 * @param[out] out     receives the date.
 * @param convention   the convention's period (valid, start <= end).
 * @param months       N >= 0; 0 gives the expiry itself.
 * @param err          optional error report (may be NULL).
 * @return 0; ::ISCG_EINVAL (NULL @p out, negative @p months); ::ISCG_EDATE
 *         (invalid period, or a result before year 1).
 */
ISCG_WARN_UNUSED int iscg_calendar_last_denunciation_day(iscg_date *out, iscg_period convention, int months,
                                        iscg_error *err);

/**
 * The day a termination ("résiliation") notified on @p notice_given ends the
 * convention, after a notice of @p notice_months months (CAL-2): the notice
 * runs to the day of the same number N months later (the last day of that
 * month when it has no such day), and the convention runs up to and including
 * that day. Notified on 2023-03-31 with 3 months' notice, a convention ending
 * on 2023-12-31 ends on 2023-06-30.
 *
 * When the notice outlasts the convention, the convention expires first: the
 * answer is then its own last day and @p expires_first is set to 1.
 *
 * @param[out] out           receives the convention's last day.
 * @param[out] expires_first optional (may be NULL): 1 when the convention
 *                           expires before the notice ends, else 0.
 * @param notice_given       the day the notice is given; it must lie within
 *                           the convention: one cannot end what is over or
 *                           has not begun.
 * @param notice_months      >= 0; 0 ends the convention on @p notice_given.
 * @param convention         the convention's period.
 * @param err                optional error report (may be NULL).
 * @return 0; ::ISCG_EINVAL (NULL @p out, negative months); ::ISCG_EDATE
 *         (invalid date or period); ::ISCG_ERANGE (notice given outside the
 *         convention: the message names both dates).
 */
ISCG_WARN_UNUSED int iscg_calendar_termination_date(iscg_date *out, int *expires_first, iscg_date notice_given,
                                   int notice_months, iscg_period convention, iscg_error *err);

/**
 * The due dates of the reports of one cadence over a convention (CAL-3): the
 * last day of each calendar reporting period (see ::iscg_cadence) that shares
 * at least one day with the convention, in increasing order. Béthune police
 * station, 2022-12-03..2023-12-02, monthly: 13 dues, 2022-12-31 to
 * 2023-12-31 (the last month is covered two days only but is still reported).
 *
 * @param[out] dues   caller-owned array of @p capacity dates (may be NULL when
 *                    @p capacity is 0); the first @p capacity dues are written.
 * @param capacity    its size.
 * @param[out] count  the number of dues, written even when @p capacity is too
 *                    small (then ::ISCG_ERANGE).
 * @param convention  the convention's period.
 * @param cadence     ::ISCG_PERIOD_NONE gives no dues.
 * @param err         optional error report (may be NULL).
 * @return 0; ::ISCG_EINVAL (NULL @p count, NULL @p dues with a capacity, bad
 *         cadence); ::ISCG_EDATE (invalid period); ::ISCG_ERANGE.
 */
ISCG_WARN_UNUSED int iscg_calendar_report_dues(iscg_date *dues, size_t capacity, size_t *count,
                              iscg_period convention, iscg_cadence cadence, iscg_error *err);

/**
 * Every deadline of one convention that falls within [@p from, @p to]
 * (both included), sorted by date; deadlines of the same day come in the
 * order of ::iscg_deadline_kind. Produces, as the clauses ask: the
 * denunciation deadline (iscg_calendar_last_denunciation_day()), the request
 * and payment deadlines (RCV-2), one activity report and one interim summary
 * per reporting period (iscg_calendar_report_dues()), one yearly report and
 * one steering committee at the end of each year of the convention (years
 * counted from its start, the last one cut at its end), the first steering
 * committee after @c first_steering_months, and the expiry.
 *
 * @param[out] out    caller-owned array of @p capacity deadlines (may be NULL
 *                    when @p capacity is 0); receives the earliest ones.
 * @param capacity    its size.
 * @param[out] count  the number of deadlines in the window, written even when
 *                    @p capacity is too small (then ::ISCG_ERANGE).
 * @param convention  the convention's period.
 * @param clauses     its clauses; not kept.
 * @param from        first day of the window.
 * @param to          last day of the window, >= @p from.
 * @param err         optional error report (may be NULL).
 * @return 0; ::ISCG_EINVAL (NULL pointer, negative months or instalments,
 *         booleans other than 0 or 1, bad cadence: the field is named);
 *         ::ISCG_EDATE (invalid period, window or deadline date, or a date
 *         outside years 1..9999); ::ISCG_ERANGE.
 */
ISCG_WARN_UNUSED int iscg_calendar_deadlines(iscg_deadline *out, size_t capacity, size_t *count,
                            iscg_period convention, const iscg_clauses *clauses, iscg_date from,
                            iscg_date to, iscg_error *err);

/**
 * Which conventions expire soon: the indices of those of @p conventions whose
 * last day falls within @p days days from @p today (both included: @p days 0
 * means today only), ordered by that day, then by index.
 *
 * @param[out] indices caller-owned array of @p capacity indices into
 *                     @p conventions (may be NULL when @p capacity is 0);
 *                     receives the earliest expiries.
 * @param capacity     its size.
 * @param[out] count   how many conventions expire in the window, written even
 *                     when @p capacity is too small (then ::ISCG_ERANGE).
 * @param conventions  @p n periods, not kept (may be NULL when @p n is 0).
 * @param n            their number.
 * @param today        the first day of the window.
 * @param days         >= 0.
 * @param err          optional error report (may be NULL).
 * @return 0; ::ISCG_EINVAL (NULL pointer, negative @p days); ::ISCG_EDATE
 *         (invalid @p today, or an invalid period: its index is named);
 *         ::ISCG_ERANGE.
 */
ISCG_WARN_UNUSED int iscg_calendar_expiring(size_t *indices, size_t capacity, size_t *count,
                           const iscg_period *conventions, size_t n, iscg_date today, int days,
                           iscg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_CALENDAR_H */
