/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file audit.h
 * @brief Recomputing every stated amount and reporting each discrepancy
 *        (rule AUD-1), and the Département's budget line (BUD-1, BUD-2, BUD-3).
 */
#ifndef ISCG_AUDIT_H
#define ISCG_AUDIT_H

#include <stddef.h>

#include "error.h"
#include "explain.h"
#include "money.h"
#include "registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What an audit finding is about. */
typedef enum iscg_finding_kind {
    /** A stated amount differs from what the convention's rule gives. */
    ISCG_FINDING_MISMATCH = 0,
    /** A split leaves money unallocated (ROUND-3 NONE): Le Portel's euro. */
    ISCG_FINDING_DRIFT,
    /** The stated amounts of a side do not add up to the side's amount. */
    ISCG_FINDING_SIDE_SUM,
    /** An amount is stated for a party that does not fund the convention. */
    ISCG_FINDING_UNEXPECTED,
    /** The plan cannot be computed (SPLIT-6 termination, bad plan...). */
    ISCG_FINDING_UNCOMPUTABLE,
    /** A document calls the plan equal and its sides are not
     *  (iscg_convention_claim_equal()): Béthune's 17 510 € against equal thirds. */
    ISCG_FINDING_UNEQUAL,
    /** A budget line states a proposal that differs from the computed one
     *  (BUD-3; iscg_audit_add_budget()). */
    ISCG_FINDING_BUDGET
} iscg_finding_kind;

/** Number of ::iscg_finding_kind values. */
#define ISCG_FINDING_KIND_COUNT (ISCG_FINDING_BUDGET + 1)

/** One finding. Strings belong to the audit result or its registry. */
typedef struct iscg_finding {
    iscg_finding_kind kind;       /**< What it is about. */
    const char *convention;       /**< The convention ("" for a budget line's finding). */
    const char *party;            /**< The party concerned, or NULL. */
    const char *side;             /**< The plan side concerned, or NULL. */
    const char *rule;             /**< The rule the computation applied ("SPLIT-1"...). */
    const char *source;           /**< Where the stated figure is printed, or NULL. */
    iscg_rounding rounding;       /**< The rounding the computation used (::ISCG_ROUND_UNSET for a
                                       budget line's, a sum of parts rounded by their conventions). */
    iscg_cents stated;            /**< The stated figure (0 when none). */
    iscg_cents computed;          /**< The computed figure. */
    const char *text;             /**< A sentence: what differs, by how much, why. */
    const iscg_explain *explain;  /**< How the computed figure was found, or NULL. */
} iscg_finding;

/** The findings of one audit run: opaque, owned by the caller. */
typedef struct iscg_audit iscg_audit;

/**
 * The name of a finding kind ("MISMATCH", "DRIFT", "SIDE_SUM", "UNEXPECTED", "UNCOMPUTABLE", "UNEQUAL").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_finding_kind_name(iscg_finding_kind value);

/**
 * Reads a finding kind from its name as iscg_finding_kind_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_finding_kind_parse(iscg_finding_kind *out, const char *name, iscg_error *err);

/**
 * Recomputes every convention of the registry and compares each amount the
 * documents state with the computed one (AUD-1). Conventions that agree with
 * their rules give no finding.
 * @param[out] out receives the result, owned by the caller (iscg_audit_free()).
 * @param r        the registry to audit; the result holds a reference to it (registry.h), so
 *                 its findings stay valid as long as the result lives.
 * @param err      optional report of a failure (may be NULL).
 * @return 0 (even when there are findings), ::ISCG_EINVAL, ::ISCG_ENOMEM, or
 *         ::ISCG_EOVERFLOW when a stated amount's difference from the computed one,
 *         or the sum of a side's stated amounts, does not fit in 64-bit cents
 *         (the message names the convention and the party or side).
 */
ISCG_WARN_UNUSED int iscg_audit_run(iscg_audit **out, const iscg_registry *r, iscg_error *err);

/**
 * iscg_audit_run() with the what-ifs of a scenario applied to every
 * convention it changes (AMD-3): the stated amounts are compared with what
 * the scenario would make of them.
 * @param[out] out receives the result, owned by the caller (iscg_audit_free()).
 * @param r        the registry to audit; the result holds a reference to it.
 * @param s        the scenario (scenario.h), or NULL for none; read only, and not kept.
 * @param err      optional report of a failure (may be NULL).
 * @return as iscg_audit_run(); a what-if that cannot be applied (an unknown
 *         funder...) makes its convention an UNCOMPUTABLE finding.
 */
ISCG_WARN_UNUSED int iscg_audit_run_scenario(iscg_audit **out, const iscg_registry *r, const iscg_scenario *s, iscg_error *err);

/** Frees an audit result. NULL is a no-op. */
void iscg_audit_free(iscg_audit *a);

/** @return the number of findings (0 for NULL). */
size_t iscg_audit_count(const iscg_audit *a);

/**
 * Reads finding @p i.
 * @return 0 or ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_audit_get(iscg_finding *out, const iscg_audit *a, size_t i);

/** A budget line of the Département (BUD-1). Strings are the caller's. */
typedef struct iscg_budget_line {
    const char *operation;   /**< "C02-421K01". */
    const char *imputation;  /**< "6568//934213". */
    const char *label;       /**< "Actions de lutte contre les violences intrafamiliales". */
    const char *payer;       /**< The Département's party identifier. */
    iscg_cents credits;      /**< Payment credits (CP) voted. */
    iscg_cents available;    /**< What is still available. */
} iscg_budget_line;

/** A budget line to start from, then fill: no operation, payer or credit yet. */
#define ISCG_BUDGET_LINE_INIT {NULL, NULL, NULL, NULL, 0, 0}

/** What the line carries for a year. */
typedef struct iscg_budget_result {
    iscg_cents credits;     /**< As given. */
    iscg_cents available;   /**< As given. */
    iscg_cents proposed;    /**< Sum of the payer's subsidies for the year. */
    iscg_cents balance;     /**< available − proposed (negative when exceeded). */
    size_t subsidies;       /**< How many conventions contribute. */
} iscg_budget_result;

/** One subsidy charged to the line. */
typedef struct iscg_budget_item {
    const char *convention; /**< Owned by the registry. */
    const char *carrier;    /**< The post's carrier, owned by the registry. */
    iscg_cents amount;      /**< The payer's share in the year. */
} iscg_budget_item;

/**
 * Charges to a budget line the payer's subsidies of a calendar year: its
 * shares in the conventions of every post whose carrier is not the payer
 * itself, whatever the carrier's kind — an EPCI, a CIAS, an association, a
 * commune... (BUD-1, BUD-3; the posts the payer carries itself are not
 * subsidies), each taken for its part in the year by the convention's day
 * count (PRO-3). The stated proposal, if any, is compared by
 * iscg_audit_add_budget().
 * @param[out] out    receives the totals, also when the credit is exceeded.
 * @param[out] items  optional caller-owned array of @p capacity items.
 * @param capacity    the number of items @p items holds (0 allows a NULL @p items); the
 *                    subsidies beyond it are counted but not written.
 * @param[out] count  optional: the number of subsidies (even beyond capacity).
 * @param r           the registry; the items' strings are owned by it.
 * @param line        the budget line, caller-owned: its payer must be a party of @p r and its
 *                    available credit must lie between 0 and the credits voted (else ::ISCG_EINVAL).
 * @param year        the calendar year whose part of each convention is charged (PRO-3).
 * @param err         optional report (may be NULL); on ::ISCG_ECREDIT it names the excess.
 * @return 0; ::ISCG_ECREDIT when the proposal exceeds the available credit
 *         (BUD-2: the message names the excess); ::ISCG_EINVAL; ::ISCG_ENOTFOUND
 *         (unknown payer); the errors of iscg_funding_compute_year().
 */
ISCG_WARN_UNUSED int iscg_budget_check(iscg_budget_result *out, iscg_budget_item *items, size_t capacity, size_t *count,
                      const iscg_registry *r, const iscg_budget_line *line, int year, iscg_error *err);

/**
 * Adds to an audit the finding of a budget line whose documents state its
 * proposal (BUD-3): when the payer's subsidies of @p year
 * (iscg_budget_check()) come to another amount than @p stated, a
 * ::ISCG_FINDING_BUDGET finding with the stated and the computed proposal,
 * its @c party the payer and its text naming the operation and the
 * difference. A proposal that agrees adds nothing; a proposal over the
 * available credit is iscg_budget_check()'s to report.
 * @param a      the audit, run on the registry the line's payer belongs to.
 * @param line   the budget line, caller-owned (nothing of it is kept).
 * @param year   the calendar year the line is for.
 * @param stated the proposal the documents state (BUD-1: 123 687 €).
 * @param err    optional report (may be NULL).
 * @return 0 (with a finding or not); ::ISCG_EINVAL (NULL arguments); the
 *         errors of iscg_budget_check() other than ::ISCG_ECREDIT; ::ISCG_ENOMEM.
 */
ISCG_WARN_UNUSED int iscg_audit_add_budget(iscg_audit *a, const iscg_budget_line *line, int year, iscg_cents stated,
                                           iscg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_AUDIT_H */
