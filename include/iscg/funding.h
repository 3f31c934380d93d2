/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file funding.h
 * @brief Who pays what: the shares of a convention's funders, for its whole
 *        period or a fiscal year, and the carrier's receivables
 *        (rules SPLIT-1..6, SPLIT-8, PRO-1..5, RCV-1).
 *
 * Results are opaque objects owned by the caller and freed with their own
 * _free() (NULL is a no-op). Strings and explanation nodes read from a result
 * belong to it, or to the registry it was computed from; each result holds a
 * reference to that registry, which then neither goes away nor changes
 * (registry.h), so everything read from a result stays valid for as long as
 * the result lives, whatever the caller does with the registry meanwhile.
 *
 * Threads: any number of threads may compute at once from one frozen const
 * registry (registry.h); a result is read by one thread at a time, or by
 * several once no thread writes to it (nothing here writes to a result
 * after it is returned, except iscg_receivables_add_part() on its own
 * receivables).
 */
#ifndef ISCG_FUNDING_H
#define ISCG_FUNDING_H

#include <stddef.h>

#include "date.h"
#include "error.h"
#include "explain.h"
#include "money.h"
#include "prorata.h"
#include "registry.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The computed shares of one convention. */
typedef struct iscg_funding iscg_funding;

/** One funder's computed share. */
typedef struct iscg_funding_row {
    const char *party;          /**< The paying party's identifier. */
    const char *party_name;     /**< Its name. */
    iscg_party_kind party_kind; /**< Its kind. */
    const char *side;           /**< The plan side it pays for. */
    const char *replaces;       /**< The withdrawn funder it replaces (what-if), or NULL. */
    iscg_cents amount;          /**< The computed amount, in cents. */
    int has_stated;             /**< 1 if a document states an amount for this party. */
    iscg_cents stated;          /**< The first stated amount, when @c has_stated. */
    const iscg_explain *explain; /**< How the amount was found (AUD-2): a record of the result's trace. */
    const char *rule;           /**< The rule its amount applies: "SPLIT-1", "SPLIT-4", "AMD-2" (a
                                     replacement from a date), "PRO-3" (a year's part). Static. */
} iscg_funding_row;

/** One post's part of a grant for several posts (SPLIT-8). */
typedef struct iscg_funding_post {
    const char *post;      /**< The post's identifier. */
    const char *label;     /**< Its label. */
    int64_t value;         /**< Its weight, or its fixed part of the cost in cents, as named (EQUAL: 1). */
    iscg_cents cost;       /**< Its part of the result's cost, or ::ISCG_UNKNOWN when the cost is not known. */
    iscg_cents amount;     /**< Its part of every row, summed. */
    const iscg_explain *explain; /**< How it was found: a record of the result's trace. */
} iscg_funding_post;

/** One side's computed total. */
typedef struct iscg_funding_side {
    const char *name;     /**< The side's name. */
    iscg_share_rule rule; /**< Its rule. */
    iscg_cents amount;    /**< What the side owes in total (rule amount + extra). */
    iscg_cents drift;     /**< What its split left unallocated (ROUND-3 NONE), or what nobody
                               funds when a non-required side lost every funder. */
} iscg_funding_side;

/**
 * Computes a convention's shares over its whole period (SPLIT-1..6; PRO-1
 * when the convention's amounts are annual); for a grant for several posts,
 * each row and the cost split across its posts too (SPLIT-8,
 * iscg_funding_post_count()).
 * @param[out] out receives the result, owned by the caller (iscg_funding_free()).
 * @param r          the registry; the result holds a reference to it (registry.h).
 * @param convention the identifier of the convention to compute.
 * @param err        optional report (may be NULL) naming the convention and what failed.
 * @return 0; ::ISCG_ENOTFOUND (unknown convention); ::ISCG_ESTATE (a plan with
 *         no side); ::ISCG_ETERMINATED (SPLIT-6: a required side lost its funders
 *         and nobody replaces them — the message names them); ::ISCG_ERANGE (SPLIT-7:
 *         a plan that does not balance — sides exceeding the cost, or falling short
 *         of it with no REMAINDER side, funders' percentages off 100 %; SPLIT-8: a
 *         grant's fixed amounts per post off the cost, naming the gap);
 *         ::ISCG_EWEIGHTS (a grant's weights all zero too); ::ISCG_EINVAL (a
 *         grant naming fewer than two posts, or not its own post, or fixed
 *         amounts with no cost); ::ISCG_EOVERFLOW;
 *         ::ISCG_EROUNDING (an amount that is not a whole unit when the convention's
 *         rounding is ::ISCG_ROUND_UNNECESSARY); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_funding_compute(iscg_funding **out, const iscg_registry *r, const char *convention,
                         iscg_error *err);

/**
 * iscg_funding_compute() with the what-ifs of a scenario that name this
 * convention applied to it (AMD-3; AMD-2 for a dated withdrawal, as
 * scenario.h describes it). The registry is not changed, and the
 * explanation says what the scenario changed ("what-if: Etat withdrawn from
 * 2023-07-01, replaced by CAF"). A funding row's @c replaces names the
 * funder a replacement takes over from.
 * @param[out] out receives the result, owned by the caller (iscg_funding_free()).
 * @param r          the registry; the result holds a reference to it (registry.h).
 * @param s          the scenario, or NULL for none; read only, and not kept by the result.
 * @param convention the identifier of the convention to compute.
 * @param err        optional report (may be NULL) naming the convention and what failed.
 * @return as iscg_funding_compute(); ::ISCG_ENOTFOUND also for a what-if's
 *         funder that does not fund the convention or a replacement that is
 *         not a party; ::ISCG_ETERMINATED for a required side whose funders
 *         are withdrawn and not replaced, from the date of the withdrawal;
 *         ::ISCG_ERANGE for a period that counts for nothing under the
 *         convention's day count when a dated withdrawal must be prorated.
 */
ISCG_WARN_UNUSED int iscg_funding_compute_scenario(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                                  const char *convention, iscg_error *err);

/**
 * The part of a convention's shares that falls in calendar year @p year
 * (PRO-3): each share × fraction(part) / fraction(period) under @p daycount,
 * rounded with the convention's rule; the last part of the period takes
 * what the earlier parts leave, so the parts of every share add up to it.
 * Béthune's 17 500 € over 2022-12-03..2023-12-02 by days: 1 390 € in 2022,
 * 16 110 € in 2023.
 * @return as iscg_funding_compute(); ::ISCG_ERANGE when the convention does
 *         not touch @p year, or when @p year is the last of the period and
 *         the earlier years' parts, rounded away from zero, add up to more
 *         than the cost or a share (the last year would be left a part of the
 *         wrong sign: the sentence gives the figures); ::ISCG_EINVAL (bad day
 *         count).
 */
ISCG_WARN_UNUSED int iscg_funding_compute_year(iscg_funding **out, const iscg_registry *r, const char *convention,
                              int year, iscg_daycount daycount, iscg_error *err);

/**
 * iscg_funding_compute_year() of the plan that iscg_funding_compute_scenario()
 * computes with scenario @p s (NULL for none).
 * @return as iscg_funding_compute_year() and iscg_funding_compute_scenario().
 */
ISCG_WARN_UNUSED int iscg_funding_compute_year_scenario(iscg_funding **out, const iscg_registry *r, const iscg_scenario *s,
                                       const char *convention, int year, iscg_daycount daycount, iscg_error *err);

/**
 * The part in calendar @p year of a whole-period result, as
 * iscg_funding_compute_year() gives it, without computing the plan again:
 * a batch computes each convention once and derives every fiscal-year part
 * from it.
 * @param[out] out receives a new result, owned by the caller (free with
 *                 iscg_funding_free()); it does not depend on @p whole.
 * @param whole    a result of iscg_funding_compute() (not itself a part); the
 *                 registry it was computed from cannot have changed since.
 * @param year     the calendar year.
 * @param daycount the day count of the fractions of the period (PRO-3).
 * @param err      optional report (may be NULL).
 * @return 0; ::ISCG_EINVAL (no output, no result, a result that is already a
 *         part, a bad day count); ::ISCG_ERANGE (the convention does not touch
 *         @p year, its period counts for nothing under @p daycount, or the
 *         earlier years' rounded parts leave the last year a part of the
 *         wrong sign, as iscg_funding_compute_year() says);
 *         ::ISCG_EROUNDING; ::ISCG_EOVERFLOW; ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_funding_compute_part(iscg_funding **out, const iscg_funding *whole, int year, iscg_daycount daycount,
                              iscg_error *err);

/** Frees a result. NULL is a no-op. */
void iscg_funding_free(iscg_funding *f);

/** @return the number of rows (funders), 0 for NULL. */
size_t iscg_funding_row_count(const iscg_funding *f);

/**
 * Reads row @p i.
 * @param[out] row receives it; its pointers belong to the result or the registry.
 * @param f   the result to read.
 * @param i   the row index, below iscg_funding_row_count().
 * @return 0 or ::ISCG_EINVAL (NULL, out of range).
 */
ISCG_WARN_UNUSED int iscg_funding_row_get(iscg_funding_row *row, const iscg_funding *f, size_t i);

/**
 * Finds a party's row.
 * @return an index when it is >= 0 (the row index); a status only when negative:
 *         ::ISCG_ENOTFOUND.
 */
ISCG_WARN_UNUSED int iscg_funding_find(const iscg_funding *f, const char *party);

/**
 * The number of posts a grant's result is split across (SPLIT-8): the posts
 * named with iscg_convention_add_post(), in that order; 0 for a convention
 * that funds one post, and for NULL. An accessor, not a status.
 */
size_t iscg_funding_post_count(const iscg_funding *f);

/**
 * Reads post @p i of a grant's result (SPLIT-8).
 * @param[out] out receives it; its strings and node belong to the result or its registry.
 * @param f        the result.
 * @param i        below iscg_funding_post_count().
 * @return 0 or ::ISCG_EINVAL (NULL, out of range).
 */
ISCG_WARN_UNUSED int iscg_funding_post_get(iscg_funding_post *out, const iscg_funding *f, size_t i);

/**
 * Post @p post's part of row @p row (SPLIT-8): the row's amount split across
 * the posts by the convention's post split and rounding; over the posts, the
 * parts of a row plus iscg_funding_post_drift() equal the row's amount.
 * @param[out] out receives the part, in cents.
 * @param f        the result.
 * @param post     below iscg_funding_post_count().
 * @param row      below iscg_funding_row_count().
 * @return 0 or ::ISCG_EINVAL (NULL, out of range).
 */
ISCG_WARN_UNUSED int iscg_funding_post_share(iscg_cents *out, const iscg_funding *f, size_t post, size_t row);

/**
 * What splitting row @p row across the posts left unallocated (SPLIT-5 under
 * remainder NONE); 0 for any other policy, a convention of one post, NULL or
 * an index out of range. An accessor, not a status.
 */
iscg_cents iscg_funding_post_drift(const iscg_funding *f, size_t row);

/** @return the number of plan sides, 0 for NULL. */
size_t iscg_funding_side_count(const iscg_funding *f);

/**
 * Reads side @p i.
 * @return 0 or ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_funding_side_get(iscg_funding_side *side, const iscg_funding *f, size_t i);

/** @return the sum of the rows, in cents (0 for NULL). */
iscg_cents iscg_funding_total(const iscg_funding *f);

/** @return the convention's cost over the computed period (prorated when annual). */
iscg_cents iscg_funding_cost(const iscg_funding *f);

/** @return the period the result covers (zeroed for NULL). */
iscg_period iscg_funding_period(const iscg_funding *f);

/** @return the convention identifier, owned by the registry ("" for NULL). */
const char *iscg_funding_convention(const iscg_funding *f);

/** @return the root of the explanation tree: the plan, its sides, its funders (AUD-2). */
const iscg_explain *iscg_funding_explain(const iscg_funding *f);

/**
 * The number of records in the result's trace (explain.h): every step of
 * the computation, in the order it was taken; iscg_funding_explain() is
 * record 0. An accessor, not a status.
 * @return the count; 0 for NULL.
 */
size_t iscg_funding_trace_count(const iscg_funding *f);

/**
 * Copies record @p i of the result's trace; its parent and child indices
 * rebuild the tree iscg_funding_explain() shows.
 * @param[out] out receives the record; its strings and node belong to @p f
 *                 (or its registry, which @p f keeps alive).
 * @param f        the result.
 * @param i        the record's index, below iscg_funding_trace_count().
 * @return 0, or ::ISCG_EINVAL for a NULL argument or an index out of range.
 */
ISCG_WARN_UNUSED int iscg_funding_trace_get(iscg_trace_record *out, const iscg_funding *f, size_t i);

/** The carrier's claims for one year (RCV-1). */
typedef struct iscg_receivables iscg_receivables;

/** One claim of the carrier on a co-funder. */
typedef struct iscg_receivable {
    const char *convention;   /**< The convention it comes from. */
    const char *post;         /**< The post; for a grant for several posts, one of them: each
                                   post's part of a share is claimed apart, reduced for that
                                   post's own absences (SPLIT-8). */
    const char *debtor;       /**< The co-funder's identifier. */
    const char *debtor_name;  /**< Its name. */
    iscg_cents share;         /**< The co-funder's share for the year, before absence. */
    iscg_ratio months;        /**< Months of the year the convention covers; days for a
                                   convention that does not count months (RCV-4). */
    iscg_ratio absent;        /**< Months (or days) of absence or vacancy among them (PRO-4). */
    iscg_cents amount;        /**< share × (months − absent) / months, rounded by the convention. */
    const iscg_explain *explain; /**< How it was found: a record of the receivables' trace. */
    const char *rule;         /**< The rule its amount applies: "RCV-1". Static. */
} iscg_receivable;

/**
 * The receivables (titres de recettes) a carrier issues for a calendar year
 * (RCV-1): for each convention of each post it carries that touches the year,
 * each co-funder's share of the year, reduced in proportion to the months of
 * absence or vacancy recorded on the post (PRO-4: "proratisé en fonction du
 * nombre de mois d'absence sur l'année"), counted in the convention's own
 * day count: months for the month counts, days for the others (RCV-4).
 * A convention whose claims cannot be computed (a plan that ends, SPLIT-6,
 * or does not balance...) gives no claim and is reported on its own
 * (iscg_receivables_failure_get()): the carrier's other claims still come.
 * @param[out] out receives the result, owned by the caller (iscg_receivables_free()).
 * @param r       the registry; the result holds a reference to it (registry.h).
 * @param carrier the identifier of the carrying party (POST-2) that issues the claims.
 * @param year    the calendar year, 1..9999 (else ::ISCG_EDATE).
 * @param err     optional report (may be NULL).
 * @return 0 (even when some conventions failed); ::ISCG_ENOTFOUND (unknown
 *         carrier); ::ISCG_EDATE (a year outside 1..9999); ::ISCG_EINVAL;
 *         ::ISCG_EOVERFLOW (the claims' total); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_receivables_compute(iscg_receivables **out, const iscg_registry *r, const char *carrier,
                             int year, iscg_error *err);

/**
 * iscg_receivables_compute() with scenario @p s (NULL for none) applied to
 * every convention it changes (AMD-3): a convention whose scenario period
 * leaves the year gives no claim, and each share is the scenario's.
 * @param[out] out receives the result, owned by the caller (iscg_receivables_free()).
 * @param r       the registry; the result holds a reference to it (registry.h).
 * @param s       the scenario, or NULL; read only, and not kept.
 * @param carrier the identifier of the carrying party that issues the claims.
 * @param year    the calendar year, 1..9999.
 * @param err     optional report (may be NULL).
 * @return as iscg_receivables_compute() and iscg_funding_compute_scenario().
 */
ISCG_WARN_UNUSED int iscg_receivables_compute_scenario(iscg_receivables **out, const iscg_registry *r, const iscg_scenario *s,
                                      const char *carrier, int year, iscg_error *err);

/**
 * The number of the carrier's conventions touching the year whose claims
 * could not be computed (RCV-4), by iscg_receivables_compute().
 * @return the count; 0 for NULL.
 */
size_t iscg_receivables_failure_count(const iscg_receivables *rv);

/**
 * Reads failure @p i: why a convention's claims could not be computed, its
 * @c source the convention's identifier (cut in its middle when longer than
 * ::ISCG_ERROR_NAME_LENGTH allows, as every report's: the identifier in full
 * is iscg_receivables_failure_convention()'s), its @c code the ::iscg_status.
 * @return 0; ::ISCG_EINVAL (NULL argument, @p i out of range).
 */
ISCG_WARN_UNUSED int iscg_receivables_failure_get(iscg_error *out, const iscg_receivables *rv, size_t i);

/**
 * The identifier in full of the convention of failure @p i (RCV-4), to look
 * it up whatever its length.
 * @return the identifier, owned by the registry and valid as long as @p rv
 *         is (it holds a reference to the registry); NULL when @p rv is NULL
 *         or @p i is out of range.
 */
const char *iscg_receivables_failure_convention(const iscg_receivables *rv, size_t i);

/**
 * Receivables of @p carrier for calendar @p year with no claim yet, to which
 * a batch adds each convention's part in the year with
 * iscg_receivables_add_part(): the plans and their parts, computed once for
 * every convention (iscg_funding_compute(), iscg_funding_compute_part()),
 * give every carrier's receivables without being computed again for each
 * carrier and year as iscg_receivables_compute() does.
 * @param[out] out receives the receivables, owned by the caller (iscg_receivables_free()).
 * @param r       the registry; the result holds a reference to it (registry.h).
 * @param carrier the identifier of the carrying party (POST-2) that issues the claims.
 * @param year    the calendar year, 1..9999.
 * @param err     optional report (may be NULL).
 * @return 0; ::ISCG_EINVAL (no output or registry); ::ISCG_ENOTFOUND (unknown
 *         carrier); ::ISCG_EDATE (a year outside 1..9999); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_receivables_new(iscg_receivables **out, const iscg_registry *r, const char *carrier, int year,
                         iscg_error *err);

/**
 * Adds to @p rv the claims of one convention's part in the receivables' year
 * (RCV-1, PRO-4), as iscg_receivables_compute() finds them: each co-funder's
 * share of the year, reduced for the months of absence or vacancy of the
 * post. Adding every convention the carrier carries that touches the year,
 * in registry order, gives the same claims in the same order as
 * iscg_receivables_compute(). The claims' explanations are copies: @p part
 * may be freed as soon as this returns.
 * @param rv   receivables of iscg_receivables_new().
 * @param part a result of iscg_funding_compute_part() for the receivables' year,
 *             under the convention's own day count, of a convention of a post
 *             the receivables' carrier carries, from the same registry, which
 *             must not have changed since.
 * @param err  optional report (may be NULL) naming the convention and what is wrong.
 * @return 0; ::ISCG_EINVAL (NULL; a result computed from another registry; a
 *         whole-period result; the part of another year; the part of a
 *         convention another party carries; a part computed under another day
 *         count than the convention's; a convention whose day count does not
 *         count months); ::ISCG_EDUPLICATE (the convention's part was added
 *         already); ::ISCG_ESTATE (receivables of iscg_receivables_compute(),
 *         which hold every convention already; a convention that no longer
 *         touches the year: the registry changed); ::ISCG_EROUNDING (a claim
 *         that is not a whole unit under ::ISCG_ROUND_UNNECESSARY);
 *         ::ISCG_EOVERFLOW (the claims' total); ::ISCG_ENOMEM. On failure
 *         @p rv is left as it was.
 */
ISCG_WARN_UNUSED int iscg_receivables_add_part(iscg_receivables *rv, const iscg_funding *part, iscg_error *err);

/** Frees receivables. NULL is a no-op. */
void iscg_receivables_free(iscg_receivables *rv);

/** @return the number of claims, 0 for NULL. */
size_t iscg_receivables_count(const iscg_receivables *rv);

/**
 * Reads claim @p i.
 * @return 0 or ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_receivables_get(iscg_receivable *out, const iscg_receivables *rv, size_t i);

/** @return the sum of the claims, in cents (0 for NULL). */
iscg_cents iscg_receivables_total(const iscg_receivables *rv);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_FUNDING_H */
