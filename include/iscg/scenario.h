/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file scenario.h
 * @brief What-ifs as values (rules AMD-3, AMD-2): a funder withdrawn or
 *        replaced from a date, a cost or a period changed, applied to a
 *        computation and never to the registry.
 *
 * A scenario is a list of what-ifs, each naming the convention it changes.
 * It is made and freed by the library (iscg_scenario_new(),
 * iscg_scenario_free()), filled with iscg_scenario_add() from an
 * ::iscg_whatif the caller fills (start from ::ISCG_WHATIF_INIT), and passed
 * to iscg_funding_compute_scenario(), iscg_funding_compute_year_scenario(),
 * iscg_receivables_compute_scenario() or iscg_audit_run_scenario(). The
 * registry stays as recorded, frozen or not; the same scenario may be
 * applied to any registry (its identifiers are resolved when it is applied,
 * and an unknown one fails the computation with ::ISCG_ENOTFOUND), and any
 * number of threads may compute with one scenario at once as long as none
 * changes it. A dataset file keeps its scenario in its "scenarios" section
 * (doc/dataset.md, iscg_dataset_scenario()).
 *
 * A dated withdrawal (AMD-2): the funder pays its share for the days before
 * the date, the share × (fraction of the period before the date) / (fraction
 * of the whole period) under the convention's own day count, rounded by the
 * convention's rule; the rest of its share, from the date, goes to the
 * replacement (which may already fund the convention: its shares then add
 * up) or, with none, to the side's other funders by their weights; a
 * required side left with no funder ends the plan from the date (SPLIT-6,
 * ::ISCG_ETERMINATED), a side that is not required stays unfunded from the
 * date (its drift). A withdrawal with no date, or a date on or before the
 * start of the period, is a withdrawal for the whole period, as SPLIT-6
 * describes it; a date after the period changes nothing. A changed period
 * applies first, then a changed cost, then the withdrawals.
 */
#ifndef ISCG_SCENARIO_H
#define ISCG_SCENARIO_H

#include <stddef.h>

#include "date.h"
#include "error.h"
#include "money.h"
#include "registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A scenario: an opaque list of what-ifs. */
typedef struct iscg_scenario iscg_scenario;

/** What a what-if changes. */
typedef enum iscg_whatif_kind {
    ISCG_WHATIF_UNSET = 0, /**< Invalid: a zeroed what-if chooses nothing. */
    ISCG_WHATIF_WITHDRAW,  /**< A funder withdraws, replaced or not, from a date or from the start (AMD-2). */
    ISCG_WHATIF_COST,      /**< The convention's cost changes. */
    ISCG_WHATIF_PERIOD,    /**< The convention's period changes. */
    ISCG_WHATIF_SIDE       /**< A side's rule and amount change from a date: amendments only (AMD-1). */
} iscg_whatif_kind;

/** Number of ::iscg_whatif_kind values, ::ISCG_WHATIF_UNSET included. */
#define ISCG_WHATIF_KIND_COUNT 5

/** The version of ::iscg_whatif this header describes: 2 added @c side, @c rule
 *  and @c value (a what-if of version 1 is still read, without them). */
#define ISCG_WHATIF_VERSION 2

/** One what-if, as the caller fills it. Strings are copied by iscg_scenario_add(). */
typedef struct iscg_whatif {
    int version;                /**< ::ISCG_WHATIF_VERSION. */
    iscg_whatif_kind kind;      /**< What it changes. */
    const char *convention;     /**< The convention it changes. Required. */
    const char *party;          /**< WITHDRAW: the funder who withdraws. */
    const char *replacement;    /**< WITHDRAW: the party taking its share over, or NULL. */
    iscg_date from;             /**< WITHDRAW: the first day without the funder; the zeroed date
                                     for the whole period. */
    iscg_cents cost;            /**< COST: the new cost, >= 0, on the convention's own basis
                                     (annual when the convention's amounts are). */
    iscg_period period;         /**< PERIOD: the new period. */
    const char *side;           /**< SIDE: the name of the side whose terms change (version 2). */
    iscg_share_rule rule;       /**< SIDE: its new share rule (version 2). */
    int64_t value;              /**< SIDE: its new value, as iscg_side_spec's: basis points for
                                     PERCENT, cents for FIXED, unused otherwise (version 2). */
} iscg_whatif;

/** An empty what-if of this header's version: set its kind and fields. */
#define ISCG_WHATIF_INIT                                                                 \
    {                                                                                    \
        ISCG_WHATIF_VERSION, ISCG_WHATIF_UNSET, NULL, NULL, NULL, {0, 0, 0}, 0,          \
        {{0, 0, 0}, {0, 0, 0}}, NULL, ISCG_SHARE_EQUAL, 0                                \
    }

/** @return "WITHDRAW", "COST", "PERIOD" or "SIDE"; NULL for ::ISCG_WHATIF_UNSET and outside the enum. */
const char *iscg_whatif_kind_name(iscg_whatif_kind value);

/**
 * Reads a what-if kind's name, as iscg_whatif_kind_name() gives it (case
 * insensitive).
 * @param[out] out receives the kind.
 * @param name     the name.
 * @param err      optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL (NULL) or ::ISCG_EPARSE (not the name of a kind; UNSET has none).
 */
ISCG_WARN_UNUSED int iscg_whatif_kind_parse(iscg_whatif_kind *out, const char *name, iscg_error *err);

/**
 * Creates an empty scenario.
 * @param[out] out receives it, owned by the caller (iscg_scenario_free()).
 * @return 0, ::ISCG_EINVAL (NULL) or ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_scenario_new(iscg_scenario **out);

/** Frees a scenario. NULL is a no-op. */
void iscg_scenario_free(iscg_scenario *s);

/**
 * Appends a what-if to a scenario (AMD-3). Its identifiers are not looked up
 * here: a scenario belongs to no registry until it is applied.
 * @param s   the scenario.
 * @param w   the what-if; its strings are copied.
 * @param err optional report (may be NULL) naming the convention and the field.
 * @return 0; ::ISCG_EINVAL (NULL, a version other than ::ISCG_WHATIF_VERSION,
 *         an unset or unknown kind, a SIDE (amendments only), no convention, a withdrawal with no party
 *         or replaced by the party itself, a negative cost); ::ISCG_EDATE (an
 *         invalid date or period); ::ISCG_EDUPLICATE (the convention already
 *         has a what-if of this kind, for this party when it withdraws);
 *         ::ISCG_ENOMEM. On failure the scenario is left as it was.
 */
ISCG_WARN_UNUSED int iscg_scenario_add(iscg_scenario *s, const iscg_whatif *w, iscg_error *err);

/**
 * Removes what-if @p i; the later ones move down by one.
 * @return 0, or ::ISCG_EINVAL (NULL, out of range).
 */
ISCG_WARN_UNUSED int iscg_scenario_remove(iscg_scenario *s, size_t i);

/** @return the number of what-ifs, 0 for NULL. */
size_t iscg_scenario_count(const iscg_scenario *s);

/**
 * Reads what-if @p i.
 * @param[out] out receives it; its strings are owned by the scenario, valid
 *                 until the what-if is removed or the scenario freed.
 * @param s   the scenario.
 * @param i   below iscg_scenario_count().
 * @return 0, or ::ISCG_EINVAL (NULL, out of range).
 */
ISCG_WARN_UNUSED int iscg_scenario_get(iscg_whatif *out, const iscg_scenario *s, size_t i);

/**
 * Records an amendment (avenant, AMD-1) on a convention of a registry that
 * is not frozen: the dated form of a what-if, always applied, saved with the
 * dataset. The convention's period splits into segments at the amendments'
 * dates; each segment is computed with the terms in force (the cost, the
 * sides' rules and amounts, the funders) and prorated by the convention's
 * day count: the cost's year fraction when the convention's amounts are
 * annual, else the segment's share of the whole period; each segment
 * balances on its own (shares + drift = its cost, SPLIT-5, SPLIT-7) and the
 * rows add the segments up (iscg_funding_compute()); fiscal-year parts,
 * receivables, the budget and the audit follow the segments. A scenario's
 * what-ifs apply on top of the amendments (its cost replaces every
 * segment's, its period clips the segments).
 *
 * What @p w changes, from @c w->from (required, within the period in force):
 * - ::ISCG_WHATIF_COST: the cost, on the convention's own basis;
 * - ::ISCG_WHATIF_PERIOD: the end of the period (@c w->period, which must
 *   start on the convention's start); it splits nothing;
 * - ::ISCG_WHATIF_SIDE: side @c w->side's rule and value;
 * - ::ISCG_WHATIF_WITHDRAW: funder @c w->party withdraws, its share taken
 *   over by @c w->replacement (any party, one that already funds the
 *   convention included: its shares then add up), or else by the side's
 *   other funders, or else the plan ends (AMD-2, SPLIT-6).
 *
 * @param r          the registry.
 * @param convention the convention amended (@c w->convention is ignored).
 * @param w          the amendment; its strings are copied.
 * @param err        optional report naming the convention and the amendment.
 * @return 0; ::ISCG_EINVAL (NULL, a bad version or kind, no party, a
 *         negative cost or value, an unknown share rule, a replacement that is
 *         the party itself); ::ISCG_EDATE (no date, or not a date);
 *         ::ISCG_ERANGE (a date outside the period in force, a new period
 *         that does not start with the convention's or leaves an amendment
 *         out); ::ISCG_ENOTFOUND (an unknown convention, side, party or
 *         replacement, a party that does not fund the convention);
 *         ::ISCG_EDUPLICATE (an amendment of the same thing on the same
 *         date); ::ISCG_ESTATE (a frozen registry); ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_convention_amend(iscg_registry *r, const char *convention, const iscg_whatif *w,
                                           iscg_error *err);

/** @return the number of amendments recorded on a convention, 0 when it or @p r is unknown. */
size_t iscg_convention_amendment_count(const iscg_registry *r, const char *convention);

/**
 * Reads amendment @p i of a convention, in the order they were recorded.
 * @param[out] out receives it; its strings belong to the registry and live as long as it.
 * @param r          the registry.
 * @param convention the convention.
 * @param i          below iscg_convention_amendment_count().
 * @return 0, or ::ISCG_EINVAL (NULL, out of range, an unknown convention).
 */
ISCG_WARN_UNUSED int iscg_convention_amendment_get(iscg_whatif *out, const iscg_registry *r, const char *convention,
                                                   size_t i);

/**
 * The period of a convention as its amendments end it (AMD-1): its recorded
 * period with the new end of the latest amendment that changes it (the
 * recorded one when none does). The computations, the reports, the budget
 * line and the registry's checks all use this period; a scenario may still
 * change it for a computation (AMD-3).
 * @param[out] out   receives the period.
 * @param r          the registry.
 * @param convention the convention.
 * @param err        optional report of the error.
 * @return 0; ::ISCG_EINVAL (@p out, @p r or @p convention NULL);
 *         ::ISCG_ENOTFOUND (an unknown convention).
 */
ISCG_WARN_UNUSED int iscg_convention_amended_period(iscg_period *out, const iscg_registry *r, const char *convention,
                                                    iscg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_SCENARIO_H */
