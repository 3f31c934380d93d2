/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file prorata.h
 * @brief Year fractions as exact ratios under a named day-count convention,
 *        and prorated amounts (rules PRO-1, PRO-2, PRO-3).
 *
 * The convention is always an explicit argument (QuantLib's definitions are the
 * reference for the 30/360 and Actual ones). Periods are inclusive: for the
 * day-count formulas the accrual runs from the start to the day after the end.
 */
#ifndef ISCG_PRORATA_H
#define ISCG_PRORATA_H

#include <stdint.h>

#include "date.h"
#include "error.h"
#include "money.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An exact non-negative ratio num / den, den > 0, in lowest terms. */
typedef struct iscg_ratio {
    int64_t num; /**< Numerator. */
    int64_t den; /**< Denominator, > 0. */
} iscg_ratio;

/** Day-count conventions. */
typedef enum iscg_daycount {
    /** Not set: refused with ::ISCG_EINVAL, so that a zeroed spec chooses nothing. */
    ISCG_DAYCOUNT_UNSET = 0,
    /** Whole months / 12; a month counts only when fully covered (PRO-1). */
    ISCG_DAYCOUNT_MONTHS_WHOLE,
    /** Months / 12; a month counts as soon as one day of it is covered. */
    ISCG_DAYCOUNT_MONTHS_STARTED,
    /** Months / 12; a part month counts as days covered / days in that month. */
    ISCG_DAYCOUNT_MONTHS_PRORATED,
    /** 30/360 US (NASD, QuantLib Thirty360::USA). */
    ISCG_DAYCOUNT_30_360_US,
    /** 30/360 Bond Basis (ISDA, QuantLib Thirty360::BondBasis). */
    ISCG_DAYCOUNT_30_360_BOND,
    /** 30E/360 Eurobond Basis (QuantLib Thirty360::European). */
    ISCG_DAYCOUNT_30E_360,
    /** Actual days / 365 (PRO-2). */
    ISCG_DAYCOUNT_ACT_365F,
    /** Actual/Actual ISDA: days in each calendar year over that year's length. */
    ISCG_DAYCOUNT_ACT_ACT_ISDA
} iscg_daycount;

/** Number of day-count conventions; they run from 1 to ISCG_DAYCOUNT_COUNT
 *  (0 is ::ISCG_DAYCOUNT_UNSET). */
#define ISCG_DAYCOUNT_COUNT (ISCG_DAYCOUNT_ACT_ACT_ISDA)

/**
 * The name of a convention ("MONTHS_WHOLE", "ACT_365F", "30_360_US"...).
 * @return a static string, or NULL outside the enum.
 */
const char *iscg_daycount_name(iscg_daycount value);

/**
 * Reads a day-count convention from its name as iscg_daycount_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_daycount_parse(iscg_daycount *out, const char *name, iscg_error *err);

/**
 * The year fraction of an inclusive period under a convention, in lowest terms.
 * 2023-09-01..2023-12-31 gives 4/12 = 1/3 by months and 122/365 by Actual/365F.
 * @return 0, ::ISCG_EINVAL (NULL, bad enum) or ::ISCG_EDATE (invalid period).
 */
ISCG_WARN_UNUSED int iscg_year_fraction(iscg_ratio *out, iscg_period p, iscg_daycount dc, iscg_error *err);

/**
 * The number of months counted by a month convention (numerator over 12 of
 * iscg_year_fraction()), as an exact ratio: 4/1 for September–December.
 * @return as iscg_year_fraction(); ::ISCG_EINVAL for a non-month convention.
 */
ISCG_WARN_UNUSED int iscg_months_covered(iscg_ratio *out, iscg_period p, iscg_daycount dc, iscg_error *err);

/**
 * Prorates an annual amount: round(@p annual × fraction of @p covered) to @p unit.
 * Osartis Marquion (PRO-1): 14 000 € over 2023-09-01..2023-12-31, months, DOWN to
 * the euro → 4 666 €; Actual/365F → 4 679 € (PRO-2).
 * @param[out] out receives the prorated amount in cents.
 * @param[out] fraction optional: receives the year fraction used.
 * @param annual    the annual amount, in cents.
 * @param covered   the inclusive period covered.
 * @param dc        the day-count convention giving the year fraction.
 * @param unit      the rounding unit in cents, > 0 (::ISCG_CENT, ::ISCG_EURO...).
 * @param mode      the rounding mode.
 * @param err       optional report (may be NULL).
 * @return 0, ::ISCG_EINVAL, ::ISCG_EDATE, ::ISCG_EOVERFLOW or ::ISCG_EROUNDING.
 */
ISCG_WARN_UNUSED int iscg_prorate(iscg_cents *out, iscg_ratio *fraction, iscg_cents annual, iscg_period covered,
                 iscg_daycount dc, iscg_cents unit, iscg_rounding mode, iscg_error *err);

/**
 * Reduces a ratio to lowest terms.
 * @return 0, ::ISCG_EINVAL (NULL, den <= 0 or num < 0).
 */
ISCG_WARN_UNUSED int iscg_ratio_normalize(iscg_ratio *r);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_PRORATA_H */
