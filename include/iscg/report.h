/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file report.h
 * @brief Reports: what the command and the Python package show, computed once.
 *
 * A report gathers the computations of a registry or a dataset into rows a
 * caller only lays out: a year's funding (each convention's part of the
 * year, PRO-3) or the whole-period view, the carriers, the receivables of
 * every carrier, the merged deadlines, the budget lines, and the audit with
 * an explicit "has a stated amount" flag. Every report is created by a
 * `_compute` function, owned by the caller and freed with its `_free`
 * function, which accepts NULL. The strings and explanations a row points to
 * belong to the report, or to the registry it was computed from: both must
 * outlive the row.
 */
#ifndef ISCG_REPORT_H
#define ISCG_REPORT_H

#include <stddef.h>

#include "audit.h"
#include "calendar.h"
#include "dataset.h"
#include "date.h"
#include "error.h"
#include "funding.h"
#include "money.h"
#include "registry.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- years ------------------------------------------------------------- */

/** The kinds of data a dataset holds for a year; combine them with |. */
typedef enum iscg_report_data {
    ISCG_REPORT_CONVENTIONS = 1, /**< Its conventions, counted in the year they start (the
                                      year they are signed for: "le-portel-2023" runs into 2024). */
    ISCG_REPORT_BUDGET = 2,      /**< Its budget lines, in their year. */
    ISCG_REPORT_ACTIVITY = 4,    /**< Its activity records, in the year they start. */
    ISCG_REPORT_ALL = 7          /**< All of them. */
} iscg_report_data;

/**
 * The years a dataset has data of the kinds @p what for, in increasing order,
 * without repeats.
 *
 * @param[out] years caller-owned array of @p capacity years (may be NULL when
 *                   @p capacity is 0); receives the earliest years.
 * @param capacity   its size.
 * @param[out] count receives the number of years (may exceed @p capacity).
 * @param ds         the dataset.
 * @param what       the kinds of data, ::iscg_report_data values combined.
 * @return 0; ::ISCG_EINVAL when @p count or @p ds is NULL, @p years is NULL
 *         with a capacity, or @p what names no kind.
 */
ISCG_WARN_UNUSED int iscg_report_years(int *years, size_t capacity, size_t *count, const iscg_dataset *ds, int what);

/**
 * The latest year a dataset has data of the kinds @p what for (see
 * iscg_report_years()): the year a report shows when none is asked for.
 *
 * @param[out] year receives the year.
 * @param ds        the dataset.
 * @param what      the kinds of data, ::iscg_report_data values combined.
 * @param err       optional report of the error.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p what names no kind);
 *         ::ISCG_ENOTFOUND when the dataset holds no data of those kinds.
 */
ISCG_WARN_UNUSED int iscg_report_latest_year(int *year, const iscg_dataset *ds, int what, iscg_error *err);

/**
 * Whether @p period has a day in calendar @p year.
 * @return 1 if it has, 0 if not: a truth value, not a status.
 */
int iscg_report_period_touches(iscg_period period, int year);

/* ---- carriers ---------------------------------------------------------- */

/**
 * The parties that carry a post (POST-2), in the order their first post comes
 * in the registry.
 *
 * @param[out] carriers caller-owned array of @p capacity party identifiers,
 *                      owned by the registry (may be NULL when @p capacity is 0).
 * @param capacity      its size.
 * @param[out] count    receives the number of carriers (may exceed @p capacity).
 * @param r             the registry.
 * @return 0; ::ISCG_EINVAL when @p count or @p r is NULL, or @p carriers is
 *         NULL with a capacity.
 */
ISCG_WARN_UNUSED int iscg_report_carriers(const char **carriers, size_t capacity, size_t *count, const iscg_registry *r);

/* ---- funding ----------------------------------------------------------- */

/** A funding report: every funder's share in each convention. */
typedef struct iscg_report_funding iscg_report_funding;

/** One funder of one convention in a funding report. */
typedef struct iscg_report_funding_row {
    const char *convention;   /**< The convention. */
    const char *post;         /**< Its post. */
    const char *post_label;   /**< The post's label. */
    const char *carrier;      /**< The post's carrier. */
    const char *carrier_name; /**< Its name. */
    /** What the amounts cover: the convention's days in the year, or its
     *  whole period in the whole-period view. */
    iscg_period period;
    /** 1 when @c period is the convention's whole period: then the stated
     *  amount of @c funder is comparable with its amount. */
    int whole;
    /** The funder's row: its amount is its share of @c period; @c has_stated
     *  is 1 only when @c whole is 1 and a document states an amount. */
    iscg_funding_row funder;
} iscg_report_funding_row;

/** A post's part of a funder's row, in a convention that funds several
 *  posts (SPLIT-8). */
typedef struct iscg_report_funding_post_row {
    const char *convention;   /**< The convention (a grant). */
    const char *post;         /**< One of its posts. */
    const char *post_label;   /**< The post's label. */
    iscg_cents post_cost;     /**< The post's part of the cost (of the year's part, in a year view),
                                   or ::ISCG_UNKNOWN. */
    iscg_period period;       /**< What the amounts cover, as in ::iscg_report_funding_row. */
    iscg_funding_row funder;  /**< The funder's row in the convention, for all its posts. */
    iscg_cents amount;        /**< The post's part of the funder's amount. */
} iscg_report_funding_post_row;

/** A convention of a funding report whose plan cannot be computed. */
typedef struct iscg_report_failure {
    const char *convention;   /**< The convention. */
    const char *post;         /**< Its post. */
    const char *post_label;   /**< The post's label. */
    const char *carrier_name; /**< The post's carrier's name. */
    iscg_period period;       /**< The convention's period. */
    int code;                 /**< Why: an ::iscg_status code. */
    const char *text;         /**< The error's sentence, owned by the report. */
} iscg_report_failure;

/**
 * Every funder's share in each convention that touches @p year, each
 * convention's part of the year computed from its fiscal-year parts (PRO-3,
 * with the convention's day count), with the totals by kind of funder for the
 * year; or, with @p year 0, every convention over its whole period.
 *
 * A convention whose plan cannot be computed (SPLIT-6 termination...) is
 * listed as a failure, not left out silently.
 *
 * @param[out] out receives the report, owned by the caller
 *                 (iscg_report_funding_free()).
 * @param r        the registry; it must outlive the report.
 * @param s        the scenario whose what-ifs apply (AMD-3), or NULL for none; read only, not kept.
 * @param year     a calendar year from 1 to 9999, or 0 for the whole periods.
 * @param err      optional report of the error.
 * @return 0; ::ISCG_EINVAL (NULL argument, year outside 0..9999);
 *         ::ISCG_ENOMEM; ::ISCG_EOVERFLOW when a total by kind overflows.
 */
ISCG_WARN_UNUSED int iscg_report_funding_compute(iscg_report_funding **out, const iscg_registry *r, const iscg_scenario *s, int year,
                                iscg_error *err);

/**
 * The plans of @p post's conventions that touch @p year (every one with 0),
 * grants that name it among their posts included (SPLIT-8),
 * each over its whole period with its explanation (AUD-2): what
 * `iscg explain POST` shows. Rows, failures and totals read as those of
 * iscg_report_funding_compute(); iscg_report_funding_plan() gives each plan.
 *
 * @param[out] out receives the report, owned by the caller.
 * @param r        the registry; it must outlive the report.
 * @param s        the scenario whose what-ifs apply (AMD-3), or NULL for none; read only, not kept.
 * @param post     the post's identifier.
 * @param year     a calendar year from 1 to 9999, or 0 for every year.
 * @param err      optional report of the error.
 * @return 0; ::ISCG_EINVAL (NULL argument, year outside 0..9999);
 *         ::ISCG_ENOTFOUND (@p post unknown); ::ISCG_ENOMEM; ::ISCG_EOVERFLOW.
 */
ISCG_WARN_UNUSED int iscg_report_funding_of_post(iscg_report_funding **out, const iscg_registry *r, const iscg_scenario *s,
                                const char *post, int year,
                                iscg_error *err);

/**
 * The plan of convention @p i of the report (in registry order, from 0 to
 * iscg_report_funding_convention_count() - 1), owned by the report.
 * @return the plan; NULL when it could not be computed (see the failures),
 *         for NULL or for @p i out of range.
 */
const iscg_funding *iscg_report_funding_plan(const iscg_report_funding *rf, size_t i);

/** Frees a funding report; accepts NULL. */
void iscg_report_funding_free(iscg_report_funding *rf);

/** @return the number of funder rows, 0 for NULL. */
size_t iscg_report_funding_row_count(const iscg_report_funding *rf);

/**
 * Reads row @p i.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_funding_row_get(iscg_report_funding_row *out, const iscg_report_funding *rf, size_t i);

/**
 * The number of rows by post (SPLIT-8): for each convention of the report
 * that funds several posts, each of its posts' part of each of its funder
 * rows, convention by convention, post by post. Conventions of one post
 * have none: their rows are the post's. 0 for NULL.
 */
size_t iscg_report_funding_post_row_count(const iscg_report_funding *rf);

/**
 * Reads row by post @p i (SPLIT-8); its strings belong to the registry or the report.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_funding_post_row_get(iscg_report_funding_post_row *out, const iscg_report_funding *rf,
                                                      size_t i);

/** @return the number of conventions whose plan could not be computed, 0 for NULL. */
size_t iscg_report_funding_failure_count(const iscg_report_funding *rf);

/**
 * Reads failure @p i.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_funding_failure_get(iscg_report_failure *out, const iscg_report_funding *rf, size_t i);

/** @return the number of conventions the report covers (computed or failed), 0 for NULL. */
size_t iscg_report_funding_convention_count(const iscg_report_funding *rf);

/**
 * An accessor: what funders of kind @p kind pay in the report, in cents.
 * @return the total; 0 for NULL or an unknown kind.
 */
iscg_cents iscg_report_funding_total(const iscg_report_funding *rf, iscg_party_kind kind);

/* ---- receivables ------------------------------------------------------- */

/** The receivables of one carrier or of every carrier for a year. */
typedef struct iscg_report_receivables iscg_report_receivables;

/** One claim of a carrier on a co-funder (RCV-1). */
typedef struct iscg_report_receivable {
    const char *carrier;      /**< The carrier that issues it. */
    const char *carrier_name; /**< Its name. */
    iscg_receivable claim;    /**< The claim. */
} iscg_report_receivable;

/**
 * The claims (titres de recettes) that the carrier @p only, or every carrier
 * (iscg_report_carriers()) when it is NULL, issues to its co-funders for
 * @p year, reduced by the months of absence (PRO-4).
 *
 * @param[out] out receives the report, owned by the caller.
 * @param r        the registry; it must outlive the report.
 * @param s        the scenario whose what-ifs apply (AMD-3), or NULL for none; read only, not kept.
 * @param only     a carrier's party identifier, or NULL for every carrier.
 * @param year     the calendar year.
 * @param err      optional report of the error.
 * A convention whose claims cannot be computed is listed as a failure
 * (iscg_report_receivables_failure_get(), RCV-4), and the other claims come.
 * @return 0; ::ISCG_EINVAL; ::ISCG_ENOTFOUND (@p only unknown);
 *         ::ISCG_EDATE (year outside 1..9999); ::ISCG_ENOMEM; ::ISCG_EOVERFLOW.
 */
ISCG_WARN_UNUSED int iscg_report_receivables_compute(iscg_report_receivables **out, const iscg_registry *r, const iscg_scenario *s,
                                    const char *only,
                                    int year, iscg_error *err);

/** Frees a receivables report; accepts NULL. */
void iscg_report_receivables_free(iscg_report_receivables *rr);

/** @return the number of claims, 0 for NULL. */
size_t iscg_report_receivables_count(const iscg_report_receivables *rr);

/**
 * Reads claim @p i.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_receivables_get(iscg_report_receivable *out, const iscg_report_receivables *rr, size_t i);

/** @return the number of conventions whose claims could not be computed (RCV-4), 0 for NULL. */
size_t iscg_report_receivables_failure_count(const iscg_report_receivables *rr);

/**
 * Reads failure @p i: the convention, its post and carrier, and why.
 * @param[out] out receives the failure; its strings are owned by the
 *                 registry, its text by @p why.
 * @param[out] why receives the error (caller-owned), which @p out's text points into.
 * @param rr       the receivables report.
 * @param i        from 0 to iscg_report_receivables_failure_count() - 1.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_receivables_failure_get(iscg_report_failure *out, iscg_error *why,
                                                         const iscg_report_receivables *rr, size_t i);

/* ---- deadlines --------------------------------------------------------- */

/** The deadlines of every convention, merged by date, and the conventions that expire. */
typedef struct iscg_report_deadlines iscg_report_deadlines;

/** A deadline of one convention. */
typedef struct iscg_report_deadline {
    iscg_deadline deadline; /**< Its date, kind and what it covers. */
    const char *convention; /**< The convention. */
    const char *post;       /**< Its post. */
} iscg_report_deadline;

/**
 * Every deadline (CAL-1..CAL-4) of every convention from @p from to @p days
 * days later, both included, by date then kind then convention order, and the
 * conventions whose last day falls in the same days, by that day.
 *
 * @param[out] out receives the report, owned by the caller.
 * @param r        the registry; it must outlive the report.
 * @param from     the first day.
 * @param days     how many days after it, from 0 to INT32_MAX.
 * @param err      optional report of the error.
 * @return 0; ::ISCG_EINVAL (NULL argument, negative days); ::ISCG_EDATE;
 *         ::ISCG_ERANGE (past year 9999); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_report_deadlines_compute(iscg_report_deadlines **out, const iscg_registry *r, iscg_date from, long days,
                                  iscg_error *err);

/** Frees a deadlines report; accepts NULL. */
void iscg_report_deadlines_free(iscg_report_deadlines *rd);

/** @return the number of deadlines, 0 for NULL. */
size_t iscg_report_deadlines_count(const iscg_report_deadlines *rd);

/**
 * Reads deadline @p i.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_deadlines_get(iscg_report_deadline *out, const iscg_report_deadlines *rd, size_t i);

/** @return the number of conventions that expire within the days, 0 for NULL. */
size_t iscg_report_deadlines_expiring_count(const iscg_report_deadlines *rd);

/**
 * Reads expiring convention @p i: its identifier, owned by the registry.
 * @return the identifier; NULL for NULL or @p i out of range.
 */
const char *iscg_report_deadlines_expiring(const iscg_report_deadlines *rd, size_t i);

/**
 * Reads expiring convention @p i as a deadline of kind ::ISCG_DEADLINE_EXPIRY:
 * its last day, as its amendments end it (AMD-1), its period in force, its
 * identifier and its post's. The strings are owned by the registry.
 * @param[out] out receives it.
 * @param rd       the report.
 * @param i        below iscg_report_deadlines_expiring_count().
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_deadlines_expiring_get(iscg_report_deadline *out, const iscg_report_deadlines *rd,
                                                        size_t i);

/* ---- budget ------------------------------------------------------------ */

/** The budget lines of a dataset checked against the subsidies of their year. */
typedef struct iscg_report_budget iscg_report_budget;

/** One budget line and what is charged to it (BUD-1, BUD-2). */
typedef struct iscg_report_budget_line {
    iscg_dataset_budget line;   /**< The line as the dataset states it. */
    iscg_budget_result result;  /**< Credits, proposal and balance. */
    int exceeded;               /**< 1 when the proposal exceeds the available credit (BUD-2). */
    const char *text;           /**< When exceeded, a sentence saying by how much; else NULL. */
    size_t first_item;          /**< Its subsidies are items first_item .. first_item + result.subsidies - 1. */
} iscg_report_budget_line;

/**
 * Each budget line of @p ds (of @p year, or every line with @p year 0), with
 * the payer's subsidies of its year charged to it.
 *
 * @param[out] out receives the report, owned by the caller.
 * @param ds       the dataset; it must outlive the report.
 * @param year     a year, or 0 for every line.
 * @param err      optional report of the error.
 * @return 0 (an exceeded line is a row with @c exceeded, not an error);
 *         ::ISCG_EINVAL; ::ISCG_ENOMEM; or iscg_budget_check()'s error.
 */
ISCG_WARN_UNUSED int iscg_report_budget_compute(iscg_report_budget **out, const iscg_dataset *ds, int year, iscg_error *err);

/** Frees a budget report; accepts NULL. */
void iscg_report_budget_free(iscg_report_budget *rb);

/** @return the number of budget lines, 0 for NULL. */
size_t iscg_report_budget_count(const iscg_report_budget *rb);

/**
 * Reads line @p i.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_budget_get(iscg_report_budget_line *out, const iscg_report_budget *rb, size_t i);

/** @return the number of subsidies of every line, 0 for NULL. */
size_t iscg_report_budget_item_count(const iscg_report_budget *rb);

/**
 * Reads subsidy @p i (its strings are owned by the registry).
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_budget_item_get(iscg_budget_item *out, const iscg_report_budget *rb, size_t i);

/* ---- audit ------------------------------------------------------------- */

/** A finding of the audit with what its stated figure means. */
typedef struct iscg_report_finding {
    iscg_finding finding; /**< The finding, its strings owned by the audit. */
    /** 1 when @c finding.stated is a figure a document states; 0 for a drift
     *  (ROUND-3) or a plan that cannot be computed, whose stated is 0. */
    int has_stated;
} iscg_report_finding;

/**
 * Reads finding @p i of @p a with its "has a stated amount" flag.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_report_finding_get(iscg_report_finding *out, const iscg_audit *a, size_t i);

/* ---- stated figures of the activity (STAT-7) ------------------------------ */

/**
 * One stated figure of a dataset checked against the figure the library
 * computes (STAT-7): stated / computed / agrees.
 *
 * - a total: the sum of the measure over the reported records of the series
 *   (records marked not reported are left out, STAT-4), checked with
 *   iscg_stats_check_total();
 * - a share: @c count / @c of as an exact ratio (iscg_stats_share()) and as a
 *   percentage rounded with the stated figure's rounding to the decimals it
 *   was printed with. No floating point.
 */
typedef struct iscg_stats_check {
    iscg_stated stated;  /**< The stated figure; its strings belong to the dataset. */
    int computable;      /**< 0 when the series has no reported record, or a reported record
                              lacks the figure (STAT-4): then @c computed is ::ISCG_UNKNOWN. */
    int64_t computed;    /**< A total: the sum; a share: basis points, rounded to the stated
                              decimals (6220 for 61 of 98 at one decimal, HALF_UP). */
    iscg_ratio exact;    /**< A share: count / of in lowest terms; a total: sum / 1 (0/1 when
                              not computable). */
    size_t records;      /**< A total: the reported records summed (0 for a share). */
    size_t unknown;      /**< A total: reported records of the series lacking the figure. */
    int agrees;          /**< 1 when the computed figure equals the stated one. */
} iscg_stats_check;

/** The checks of a dataset's stated figures: opaque, owned by the caller. */
typedef struct iscg_stats_checks iscg_stats_checks;

/**
 * Checks every stated figure of @p ds (iscg_dataset_stated_get()) against its
 * activity records, in the dataset's order.
 *
 * @param[out] out receives the checks, freed with iscg_stats_checks_free(); the
 *                 strings of its rows belong to @p ds, which must outlive it.
 * @param ds       the dataset.
 * @param err      optional report (may be NULL).
 * @return 0 (disagreements are rows, not errors); ::ISCG_EINVAL (NULL);
 *         ::ISCG_EOVERFLOW (a sum beyond 2^63 - 1); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_stats_checks_compute(iscg_stats_checks **out, const iscg_dataset *ds, iscg_error *err);

/** @return the number of rows (0 for NULL). */
size_t iscg_stats_checks_count(const iscg_stats_checks *c);

/** @return the number of rows that do not agree (0 for NULL). */
size_t iscg_stats_checks_disagreements(const iscg_stats_checks *c);

/** @return row @p i, owned by @p c; NULL when out of range. */
const iscg_stats_check *iscg_stats_checks_row(const iscg_stats_checks *c, size_t i);

/** Frees the checks; NULL is accepted. */
void iscg_stats_checks_free(iscg_stats_checks *c);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_REPORT_H */
