/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file money.h
 * @brief Exact money: 64-bit integer cents, checked arithmetic, named rounding,
 *        parsing and formatting (rules ROUND-1, ROUND-2).
 *
 * An amount is a count of euro cents in an @c int64_t. No function here uses
 * binary floating point. Every sum and product is checked: a result that does
 * not fit gives ::ISCG_EOVERFLOW and leaves the output untouched.
 */
#ifndef ISCG_MONEY_H
#define ISCG_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An amount of money in euro cents. */
typedef int64_t iscg_cents;

/** One cent, as a rounding unit. */
#define ISCG_CENT ((iscg_cents)1)
/** One euro, as a rounding unit. */
#define ISCG_EURO ((iscg_cents)100)

/**
 * Rounding modes, named as in mpdecimal and Python's decimal module.
 * "Toward zero" and "away from zero" are symmetric for negative amounts;
 * FLOOR and CEILING follow the number line.
 */
typedef enum iscg_rounding {
    /** Not set: refused with ::ISCG_EINVAL, so that a zeroed struct chooses nothing. */
    ISCG_ROUND_UNSET = 0,
    ISCG_ROUND_DOWN,         /**< Toward zero: truncate (the Département's habit, ROUND-2). */
    ISCG_ROUND_UP,           /**< Away from zero. */
    ISCG_ROUND_FLOOR,        /**< Toward negative infinity. */
    ISCG_ROUND_CEILING,      /**< Toward positive infinity. */
    ISCG_ROUND_HALF_UP,      /**< To nearest, ties away from zero. */
    ISCG_ROUND_HALF_DOWN,    /**< To nearest, ties toward zero. */
    ISCG_ROUND_HALF_EVEN,    /**< To nearest, ties to the even multiple (banker's). */
    ISCG_ROUND_UNNECESSARY   /**< Exact only: ::ISCG_EROUNDING if rounding would change the value. */
} iscg_rounding;

/** Number of rounding modes; they run from 1 to ISCG_ROUNDING_COUNT (0 is ::ISCG_ROUND_UNSET). */
#define ISCG_ROUNDING_COUNT (ISCG_ROUND_UNNECESSARY)

/** Styles for iscg_money_format(). */
typedef enum iscg_money_style {
    /** Machine form: "-14333.00", always two decimals, '.' separator, no grouping. */
    ISCG_MONEY_PLAIN = 0,
    /** French form: "14 333 €" with U+202F narrow no-break space between groups and
     *  U+00A0 before the sign; cents shown only when not zero ("14 333,50 €"). */
    ISCG_MONEY_FRENCH,
    /** French form that always shows the cents: "14 333,00 €". */
    ISCG_MONEY_FRENCH_CENTS
} iscg_money_style;

/** Number of ::iscg_money_style values. */
#define ISCG_MONEY_STYLE_COUNT (ISCG_MONEY_FRENCH_CENTS + 1)

/**
 * The name of a rounding mode ("DOWN", "HALF_EVEN"...).
 * @return a static string, or NULL for a value outside the enum.
 */
const char *iscg_rounding_name(iscg_rounding value);

/**
 * Reads a rounding mode from its name as iscg_rounding_name() gives it (ASCII
 * case-insensitive); "TRUNCATE" is read as DOWN.
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_rounding_parse(iscg_rounding *out, const char *name, iscg_error *err);

/**
 * The name of a money style ("PLAIN", "FRENCH", "FRENCH_CENTS").
 * @return a static string owned by the library, or NULL outside the enum.
 */
const char *iscg_money_style_name(iscg_money_style value);

/**
 * Reads a money style from its name as iscg_money_style_name() gives it (ASCII
 * case-insensitive).
 * @param[out] out receives the value; unchanged on failure.
 * @param name     the name, NUL-terminated.
 * @param err      optional report (may be NULL); its sentence lists the names.
 * @return 0, ::ISCG_EINVAL (NULL argument) or ::ISCG_EPARSE (unknown name).
 */
ISCG_WARN_UNUSED int iscg_money_style_parse(iscg_money_style *out, const char *name, iscg_error *err);

/**
 * Checked addition: @p *out = @p a + @p b.
 * @return 0 or ::ISCG_EOVERFLOW (then @p *out is unchanged); ::ISCG_EINVAL if @p out is NULL.
 */
ISCG_WARN_UNUSED int iscg_money_add(iscg_cents *out, iscg_cents a, iscg_cents b);

/**
 * Checked subtraction: @p *out = @p a - @p b.
 * @return 0, ::ISCG_EOVERFLOW or ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_money_sub(iscg_cents *out, iscg_cents a, iscg_cents b);

/**
 * Checked multiplication by an integer: @p *out = @p a × @p factor.
 * @return 0, ::ISCG_EOVERFLOW or ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_money_mul(iscg_cents *out, iscg_cents a, int64_t factor);

/**
 * Checked sum of @p n amounts.
 * @param[out] out receives the sum (0 for n == 0).
 * @param amounts may be NULL only when @p n is 0.
 * @param n       the number of amounts in @p amounts.
 * @return 0, ::ISCG_EOVERFLOW or ::ISCG_EINVAL.
 */
ISCG_WARN_UNUSED int iscg_money_sum(iscg_cents *out, const iscg_cents *amounts, size_t n);

/**
 * Exact scaling with one rounding: @p *out = round(@p amount × @p num / @p den)
 * to a multiple of @p unit, under @p mode. The product is formed in 128 bits, so
 * no intermediate overflows; only a result outside int64 fails.
 *
 * Example (ROUND-2, PRO-1): 1 400 000 cents × 4 / 12 to ::ISCG_EURO, DOWN → 466 600.
 *
 * @param[out] out  receives the rounded amount in cents.
 * @param amount    the amount in cents.
 * @param num       numerator of the ratio (any sign).
 * @param den       denominator of the ratio, non-zero.
 * @param unit      the rounding unit in cents, > 0 (::ISCG_CENT, ::ISCG_EURO...).
 * @param mode      the rounding mode.
 * @param err       optional report.
 * @return 0; ::ISCG_EINVAL (NULL @p out, @p den == 0, @p unit <= 0, bad mode);
 *         ::ISCG_EROUNDING under ::ISCG_ROUND_UNNECESSARY when the value is not a
 *         multiple of @p unit; ::ISCG_EOVERFLOW.
 */
ISCG_WARN_UNUSED int iscg_money_scale(iscg_cents *out, iscg_cents amount, int64_t num, int64_t den,
                     iscg_cents unit, iscg_rounding mode, iscg_error *err);

/**
 * Rounds an amount to a multiple of @p unit: iscg_money_scale() with ratio 1/1.
 * @return as iscg_money_scale().
 */
ISCG_WARN_UNUSED int iscg_money_round(iscg_cents *out, iscg_cents amount, iscg_cents unit, iscg_rounding mode,
                     iscg_error *err);

/**
 * Parses an amount in euros. Accepted: an optional sign, digits optionally
 * grouped by thousands with a space, U+00A0 or U+202F ("14 333"), an optional
 * decimal part of one or two digits after ',' or '.', and an optional trailing
 * "€" or "EUR" (spaces allowed before it). "14333", "14 333", "14 333,00 €",
 * "14333.00", "-0,5" are amounts; "12,3,4", "1e9", "", "1 23", "0.001" are not.
 *
 * @param[out] out receives the amount in cents.
 * @param text     NUL-terminated UTF-8 text.
 * @param err      optional report naming the text and the column of the fault.
 * @return 0, ::ISCG_EINVAL (NULL), ::ISCG_EPARSE or ::ISCG_EOVERFLOW.
 */
ISCG_WARN_UNUSED int iscg_money_parse(iscg_cents *out, const char *text, iscg_error *err);

/**
 * Formats an amount. The output is always NUL-terminated when @p size > 0.
 *
 * @param buf   caller-owned buffer; 48 bytes hold any amount in any style.
 * @param size  size of @p buf.
 * @param amount the amount in cents.
 * @param style  ::ISCG_MONEY_PLAIN, ::ISCG_MONEY_FRENCH or ::ISCG_MONEY_FRENCH_CENTS.
 * @return the length written (excluding NUL), or ::ISCG_EINVAL (NULL buffer,
 *         bad style) or ::ISCG_ERANGE when @p buf is too small (then it holds "").
 */
ISCG_WARN_UNUSED int iscg_money_format(char *buf, size_t size, iscg_cents amount, iscg_money_style style);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_MONEY_H */
