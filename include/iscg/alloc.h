/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file alloc.h
 * @brief Splitting an amount by integer weights with a named remainder policy
 *        (rules SPLIT-4, SPLIT-5, ROUND-3).
 *
 * Each share is first computed exactly as amount × w_i / Σw and rounded to the
 * rule's unit under the rule's rounding mode. What rounding leaves over (the
 * remainder, possibly negative) is then handled by the remainder policy, which
 * the caller must always name. Shares plus drift equal the amount exactly.
 */
#ifndef ISCG_ALLOC_H
#define ISCG_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "money.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What happens to the remainder left by rounding each share (ROUND-3). */
typedef enum iscg_remainder_policy {
    /** Not set: refused with ::ISCG_EINVAL, so that a zeroed rule chooses nothing. */
    ISCG_REMAINDER_UNSET = 0,
    /** Nobody gets it: it is returned as drift (Le Portel: 3 × 6 449 for 19 348). */
    ISCG_REMAINDER_NONE,
    /** All of it goes to the first share. */
    ISCG_REMAINDER_TO_FIRST,
    /** Unit by unit to the shares whose rounding lost the most (exact ranking,
     *  ties to the earlier position); a taken-back unit comes from the shares that
     *  gained the most. A part smaller than the unit goes to the top-ranked share. */
    ISCG_REMAINDER_LARGEST_REMAINDER,
    /** All of it to the share with the largest weight, the first one on ties
     *  (Montreuillois and Audomarois). */
    ISCG_REMAINDER_LARGEST_WEIGHT,
    /** All of it to the share at index ::iscg_allocation_rule.party (e.g. the carrier). */
    ISCG_REMAINDER_TO_PARTY,
    /** One unit each to the shares in order of weight, largest first (ties to the
     *  earlier position), in turn until the remainder is spent (Dinero.js's
     *  allocate); a taken-back unit comes from them in the same order. A part
     *  smaller than the unit goes to the largest weight. Differs from
     *  ::ISCG_REMAINDER_LARGEST_WEIGHT whenever the remainder is two units or more. */
    ISCG_REMAINDER_ROUND_ROBIN
} iscg_remainder_policy;

/** Number of remainder policies; they run from 1 to ISCG_REMAINDER_POLICY_COUNT
 *  (0 is ::ISCG_REMAINDER_UNSET). */
#define ISCG_REMAINDER_POLICY_COUNT (ISCG_REMAINDER_ROUND_ROBIN)

/** How to read the weights. */
typedef enum iscg_weights_kind {
    /** Any non-negative integers: populations, equal parts (1, 1, 1)... */
    ISCG_WEIGHTS_RAW = 0,
    /** Percentages to two decimals in basis points (41.78 % = 4178); they must sum
     *  to exactly 10 000, otherwise ::ISCG_EWEIGHTS (SPLIT-4). */
    ISCG_WEIGHTS_BASIS_POINTS
} iscg_weights_kind;

/** Number of ::iscg_weights_kind values. */
#define ISCG_WEIGHTS_KIND_COUNT (ISCG_WEIGHTS_BASIS_POINTS + 1)

/** A complete allocation rule: nothing is chosen silently. */
typedef struct iscg_allocation_rule {
    iscg_cents unit;               /**< Rounding unit of each share, > 0 (::ISCG_EURO...). */
    iscg_rounding rounding;        /**< Rounding of each exact share. */
    iscg_remainder_policy policy;  /**< Where the remainder goes. */
    size_t party;                  /**< Index used by ::ISCG_REMAINDER_TO_PARTY. */
    iscg_weights_kind weights;     /**< How to read the weights. */
} iscg_allocation_rule;

/**
 * A rule to start from, then fill (libgit2's convention): the cent, raw
 * weights, party 0, and the rounding mode and remainder policy UNSET, which
 * every function refuses until the caller chooses them. Fields added later
 * get their defaults here, so that callers that start from it keep working.
 */
#define ISCG_ALLOCATION_RULE_INIT {ISCG_CENT, ISCG_ROUND_UNSET, ISCG_REMAINDER_UNSET, 0, ISCG_WEIGHTS_RAW}

/**
 * The name of a remainder policy ("NONE", "LARGEST_WEIGHT"...).
 * @return a static string, or NULL for a value outside the enum.
 */
const char *iscg_remainder_policy_name(iscg_remainder_policy value);

/**
 * Reads a remainder policy from its name as iscg_remainder_policy_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_remainder_policy_parse(iscg_remainder_policy *out, const char *name, iscg_error *err);

/**
 * The name of a weights kind ("RAW", "BASIS_POINTS").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_weights_kind_name(iscg_weights_kind value);

/**
 * Reads a weights kind from its name as iscg_weights_kind_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_weights_kind_parse(iscg_weights_kind *out, const char *name, iscg_error *err);

/**
 * Splits @p amount by @p weights.
 *
 * @param[out] shares caller-owned array of @p n amounts, written only on success.
 * @param[out] drift  receives amount − Σshares: non-zero only under
 *                    ::ISCG_REMAINDER_NONE (SPLIT-5). May be NULL only if the
 *                    caller accepts losing it, which is refused when it is non-zero
 *                    (::ISCG_EINVAL): a drift is never hidden.
 * @param amount      the amount to split, in cents (may be negative).
 * @param weights     @p n non-negative integer weights.
 * @param n           number of weights, >= 1.
 * @param rule        the rule; never NULL.
 * @param err         optional report.
 * @return 0; ::ISCG_EINVAL (NULL arguments, bad enum, unit <= 0, party out of
 *         range); ::ISCG_EWEIGHTS (n == 0, a negative weight, all weights zero,
 *         basis points not summing to 10 000); ::ISCG_EOVERFLOW;
 *         ::ISCG_EROUNDING under ::ISCG_ROUND_UNNECESSARY when a share is inexact.
 *         The weights are checked before the rule: with both wrong (all
 *         weights zero and a remainder party out of range, say), the error is
 *         ::ISCG_EWEIGHTS.
 */
ISCG_WARN_UNUSED int iscg_allocate(iscg_cents *shares, iscg_cents *drift, iscg_cents amount,
                  const int64_t *weights, size_t n, const iscg_allocation_rule *rule,
                  iscg_error *err);

/**
 * Parses a percentage with at most two decimals into basis points:
 * "41.78", "41,78 %", "100" → 4178, 4178, 10000. Values above 100 % are
 * ::ISCG_ERANGE.
 * @return 0, ::ISCG_EINVAL, ::ISCG_EPARSE or ::ISCG_ERANGE.
 */
ISCG_WARN_UNUSED int iscg_percent_parse(int64_t *basis_points, const char *text, iscg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_ALLOC_H */
