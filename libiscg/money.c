/* SPDX-License-Identifier: Apache-2.0 */
/* Exact money: checked arithmetic, named rounding, parsing and formatting
 * (ROUND-1, ROUND-2). No floating point anywhere. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

/* ISCG_ROUND_UNSET has no name: it is not a mode. */
static const char *const rounding_names[] = {
    [ISCG_ROUND_UNSET] = NULL,           [ISCG_ROUND_DOWN] = "DOWN",
    [ISCG_ROUND_UP] = "UP",              [ISCG_ROUND_FLOOR] = "FLOOR",
    [ISCG_ROUND_CEILING] = "CEILING",    [ISCG_ROUND_HALF_UP] = "HALF_UP",
    [ISCG_ROUND_HALF_DOWN] = "HALF_DOWN", [ISCG_ROUND_HALF_EVEN] = "HALF_EVEN",
    [ISCG_ROUND_UNNECESSARY] = "UNNECESSARY",
};
static const char *const rounding_aliases[] = {"TRUNCATE", "DOWN", NULL};
ISCG__ENUM(rounding, iscg_rounding, "rounding mode", rounding_names, rounding_aliases, ISCG_ROUNDING_COUNT + 1)

static const char *const money_style_names[] = {
    [ISCG_MONEY_PLAIN] = "PLAIN",
    [ISCG_MONEY_FRENCH] = "FRENCH",
    [ISCG_MONEY_FRENCH_CENTS] = "FRENCH_CENTS",
};
ISCG__ENUM(money_style, iscg_money_style, "money style", money_style_names, NULL, ISCG_MONEY_STYLE_COUNT)

int iscg__rounding_valid(int mode)
{
    return iscg__enum_name(&iscg__rounding_enum, mode) != NULL;
}

int64_t iscg__gcd(int64_t a, int64_t b)
{
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

static iscg__i128 abs128(iscg__i128 v)
{
    return v < 0 ? -v : v;
}

/* Whether a truncated quotient q0 with a nonzero remainder moves one step
 * away from zero, toward the exact quotient of sign `sign`, under mode: the
 * one place the rounding modes are told apart. cmp < 0, 0, > 0: the
 * remainder is below, at or above half the divisor; odd: q0 is odd. 1 or 0;
 * ISCG_EROUNDING under UNNECESSARY, ISCG_EINVAL for no mode (both < 0). */
static inline int rounds_away(int mode, int sign, int cmp, int odd)
{
    switch (mode) {
    case ISCG_ROUND_DOWN: return 0;
    case ISCG_ROUND_UP: return 1;
    case ISCG_ROUND_FLOOR: return sign < 0;
    case ISCG_ROUND_CEILING: return sign > 0;
    case ISCG_ROUND_HALF_UP: return cmp >= 0;
    case ISCG_ROUND_HALF_DOWN: return cmp > 0;
    case ISCG_ROUND_HALF_EVEN: return cmp > 0 || (cmp == 0 && odd);
    case ISCG_ROUND_UNNECESSARY: return ISCG_EROUNDING;
    default: return ISCG_EINVAL;
    }
}

int iscg__round_div64(int64_t *q, int64_t *r, int64_t n, int64_t d, int mode)
{
    const int64_t q0 = n / d, r0 = n % d; /* C truncates toward zero */
    int64_t out = q0;
    if (r0 != 0) {
        int sign = ((n < 0) != (d < 0)) ? -1 : 1; /* sign of the exact quotient */
        /* cmp < 0: below half; 0: exactly half; > 0: above half. |r0| < |d|,
         * so |r0| is compared with |d| - |r0| instead of doubling it, which
         * could pass 2^63. */
        uint64_t ar = r0 < 0 ? 0 - (uint64_t)r0 : (uint64_t)r0, ad = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
        int cmp = ar < ad - ar ? -1 : (ar > ad - ar ? 1 : 0);
        /* |d| >= 2 here, so |q0| <= 2^62 and q0 + sign cannot overflow */
        int away = rounds_away(mode, sign, cmp, (q0 % 2) != 0);
        if (away < 0)
            return away;
        out = q0 + (away ? sign : 0);
    }
    *q = out;
    /* n - out * d without forming out * d, which can overflow: out is q0
     * moved by one toward the exact quotient's sign, so r0 and d have the
     * same sign when it moved up and opposite signs when down */
    if (r)
        *r = out == q0 ? r0 : out > q0 ? r0 - d : r0 + d;
    return 0;
}

int iscg__round_div(iscg__i128 *q, iscg__i128 *r, iscg__i128 n, iscg__i128 d, int mode)
{
    if (n >= INT64_MIN && n <= INT64_MAX && d >= INT64_MIN && d <= INT64_MAX && !(n == INT64_MIN && d == -1)) {
        int64_t q64, r64; /* the usual case: 64-bit arithmetic, not 128-bit calls */
        int rc = iscg__round_div64(&q64, r ? &r64 : NULL, (int64_t)n, (int64_t)d, mode);
        if (rc == 0) {
            *q = q64;
            if (r)
                *r = r64;
        }
        return rc;
    }
    iscg__i128 q0 = n / d; /* C truncates toward zero */
    iscg__i128 r0 = n - q0 * d;
    iscg__i128 out = q0;
    if (r0 != 0) {
        int sign = ((n < 0) != (d < 0)) ? -1 : 1; /* sign of the exact quotient */
        /* cmp < 0: below half; 0: exactly half; > 0: above half. |2 r0| < 2|d|
         * stays below 2^127 for every caller (|d| <= 2^126). */
        iscg__i128 twice = 2 * abs128(r0), ad = abs128(d);
        int cmp = twice < ad ? -1 : (twice > ad ? 1 : 0);
        int away = rounds_away(mode, sign, cmp, (q0 % 2) != 0);
        if (away < 0)
            return away;
        out = q0 + (away ? sign : 0);
    }
    *q = out;
    if (r)
        *r = n - out * d;
    return 0;
}

int iscg_money_add(iscg_cents *out, iscg_cents a, iscg_cents b)
{
    iscg_cents v;
    if (!out)
        return ISCG_EINVAL;
    if (__builtin_add_overflow(a, b, &v))
        return ISCG_EOVERFLOW;
    *out = v;
    return 0;
}

int iscg_money_sub(iscg_cents *out, iscg_cents a, iscg_cents b)
{
    iscg_cents v;
    if (!out)
        return ISCG_EINVAL;
    if (__builtin_sub_overflow(a, b, &v))
        return ISCG_EOVERFLOW;
    *out = v;
    return 0;
}

int iscg_money_mul(iscg_cents *out, iscg_cents a, int64_t factor)
{
    iscg_cents v;
    if (!out)
        return ISCG_EINVAL;
    if (__builtin_mul_overflow(a, factor, &v))
        return ISCG_EOVERFLOW;
    *out = v;
    return 0;
}

int iscg_money_sum(iscg_cents *out, const iscg_cents *amounts, size_t n)
{
    iscg_cents total = 0;
    if (!out || (!amounts && n > 0))
        return ISCG_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (__builtin_add_overflow(total, amounts[i], &total))
            return ISCG_EOVERFLOW;
    *out = total;
    return 0;
}

int iscg_money_scale(iscg_cents *out, iscg_cents amount, int64_t num, int64_t den,
                     iscg_cents unit, iscg_rounding mode, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "out", "no output given for the scaled amount");
    if (den == 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "den", "the ratio %lld/0 has a zero denominator",
                         (long long)num);
    if (unit <= 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "unit", "rounding unit %lld cents is not positive",
                         (long long)unit);
    int rc = iscg__enum_check(&iscg__rounding_enum, (int)mode, "mode", err), over;
    if (rc != 0)
        return rc;
    int64_t n, d, q64, v;
    if (!__builtin_mul_overflow(amount, num, &n) && !__builtin_mul_overflow(den, unit, &d) &&
        !(n == INT64_MIN && d == -1)) {
        rc = iscg__round_div64(&q64, NULL, n, d, (int)mode); /* the usual case: all in 64 bits */
        over = rc == 0 && __builtin_mul_overflow(q64, unit, &v);
    } else {
        iscg__i128 q;
        rc = iscg__round_div(&q, NULL, (iscg__i128)amount * num, (iscg__i128)den * unit, (int)mode);
        over = rc == 0 && iscg__narrow(&v, q * unit) != 0;
    }
    if (rc == ISCG_EROUNDING)
        return ISCG_FAIL(err, rc, "mode",
                         "%lld cents x %lld/%lld is not a multiple of %lld cents and rounding "
                         "is UNNECESSARY",
                         (long long)amount, (long long)num, (long long)den, (long long)unit);
    if (rc != 0) /* the mode was checked above: not reached */
        return ISCG_FAIL(err, rc, "mode", "rounding mode %d is not one of iscg_rounding", (int)mode);
    if (over)
        return ISCG_FAIL(err, ISCG_EOVERFLOW, "amount",
                         "%lld cents x %lld/%lld does not fit in 64-bit cents", (long long)amount,
                         (long long)num, (long long)den);
    *out = v;
    return 0;
}

int iscg_money_round(iscg_cents *out, iscg_cents amount, iscg_cents unit, iscg_rounding mode,
                     iscg_error *err)
{
    return iscg_money_scale(out, amount, 1, 1, unit, mode, err);
}

/* ---- parsing ---------------------------------------------------------- */

/* Length of a group separator at p (space, U+00A0, U+202F), else 0. */
static size_t group_sep(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == ' ')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
        return 3;
    return 0;
}

/* Length of a currency sign at p ("€" or "EUR"), else 0. */
static size_t currency(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == 0xE2 && u[1] == 0x82 && u[2] == 0xAC)
        return 3;
    if (strncmp(p, "EUR", 3) == 0)
        return 3;
    return 0;
}

static int parse_fail(iscg_error *err, int code, const char *text, const char *p, const char *why)
{
    int column = (int)(p - text) + 1;
    return iscg__fail(err, code, NULL, "amount", 1, column, "\"%.120s\" is not an amount: %s (column %d)",
                      text, ISCG_TR(why), column);
}

static int push_digit(int64_t *v, int digit)
{
    if (__builtin_mul_overflow(*v, 10, v) || __builtin_add_overflow(*v, digit, v))
        return ISCG_EOVERFLOW;
    return 0;
}

int iscg_money_parse(iscg_cents *out, const char *text, iscg_error *err)
{
    if (!out || !text)
        return ISCG_FAIL(err, ISCG_EINVAL, "amount", "no amount text given");
    const char *p = text;
    size_t s;
    while (*p == ' ' || *p == '\t')
        p++;
    int negative = 0;
    if (*p == '-' || *p == '+') {
        negative = *p == '-';
        p++;
    }
    if (*p < '0' || *p > '9')
        return parse_fail(err, ISCG_EPARSE, text, p,
                          *p ? ISCG_N_("a digit was expected") : ISCG_N_("it is empty"));

    int64_t euros = 0;
    int group_len = 0, grouped = 0;
    for (;;) {
        if (*p >= '0' && *p <= '9') {
            if (push_digit(&euros, *p - '0') != 0)
                return parse_fail(err, ISCG_EOVERFLOW, text, p, ISCG_N_("it does not fit in 64-bit cents"));
            group_len++;
            if (grouped && group_len > 3)
                return parse_fail(err, ISCG_EPARSE, text, p, ISCG_N_("a thousands group has more than 3 digits"));
            p++;
        } else if ((s = group_sep(p)) != 0 && p[s] >= '0' && p[s] <= '9') {
            if (grouped ? group_len != 3 : group_len > 3)
                return parse_fail(err, ISCG_EPARSE, text, p, ISCG_N_("thousands groups must have 3 digits"));
            grouped = 1;
            group_len = 0;
            p += s;
        } else {
            break;
        }
    }
    if (grouped && group_len != 3)
        return parse_fail(err, ISCG_EPARSE, text, p, ISCG_N_("the last thousands group must have 3 digits"));

    int64_t cents = 0;
    if (*p == ',' || *p == '.') {
        p++;
        int ndec = 0;
        while (*p >= '0' && *p <= '9') {
            if (++ndec > 2)
                return parse_fail(err, ISCG_EPARSE, text, p, ISCG_N_("more than two decimals"));
            cents = cents * 10 + (*p - '0');
            p++;
        }
        if (ndec == 0)
            return parse_fail(err, ISCG_EPARSE, text, p, ISCG_N_("a decimal separator has no digits after it"));
        if (ndec == 1)
            cents *= 10;
    }
    while ((s = group_sep(p)) != 0 || *p == '\t')
        p += s ? s : 1;
    if ((s = currency(p)) != 0) {
        p += s;
        while ((s = group_sep(p)) != 0 || *p == '\t')
            p += s ? s : 1;
    }
    if (*p != '\0')
        return parse_fail(err, ISCG_EPARSE, text, p, ISCG_N_("unexpected character"));

    /* The signed value is built directly: the most negative amount,
     * -92233720368547758.08 (INT64_MIN cents, which iscg_money_format()
     * writes), has a magnitude that int64 cannot hold, and must read back. */
    int64_t v;
    if (__builtin_mul_overflow(euros, negative ? -100 : 100, &v) ||
        (negative ? __builtin_sub_overflow(v, cents, &v) : __builtin_add_overflow(v, cents, &v)))
        return parse_fail(err, ISCG_EOVERFLOW, text, text, ISCG_N_("it does not fit in 64-bit cents"));
    *out = v;
    return 0;
}

/* ---- formatting ------------------------------------------------------- */

int iscg_money_format(char *buf, size_t size, iscg_cents amount, iscg_money_style style)
{
    if (!buf || size == 0)
        return ISCG_EINVAL;
    if (style != ISCG_MONEY_PLAIN && style != ISCG_MONEY_FRENCH && style != ISCG_MONEY_FRENCH_CENTS) {
        buf[0] = '\0';
        return ISCG_EINVAL;
    }
    /* The magnitude as unsigned, so that INT64_MIN formats too. */
    uint64_t mag = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
    uint64_t euros = mag / 100, cents = mag % 100;
    char tmp[64];
    int n;
    if (style == ISCG_MONEY_PLAIN) {
        n = snprintf(tmp, sizeof tmp, "%s%llu.%02llu", amount < 0 ? "-" : "",
                     (unsigned long long)euros, (unsigned long long)cents);
    } else {
        char digits[24];
        int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)euros);
        n = 0;
        if (amount < 0)
            tmp[n++] = '-';
        for (int i = 0; i < nd; i++) {
            if (i > 0 && (nd - i) % 3 == 0) { /* U+202F NARROW NO-BREAK SPACE */
                tmp[n++] = (char)0xE2;
                tmp[n++] = (char)0x80;
                tmp[n++] = (char)0xAF;
            }
            tmp[n++] = digits[i];
        }
        if (cents != 0 || style == ISCG_MONEY_FRENCH_CENTS)
            n += snprintf(tmp + n, sizeof tmp - (size_t)n, ",%02llu", (unsigned long long)cents);
        /* U+00A0 NO-BREAK SPACE, then U+20AC EURO SIGN */
        memcpy(tmp + n, "\xC2\xA0\xE2\x82\xAC", 5);
        n += 5;
        tmp[n] = '\0';
    }
    if ((size_t)n >= size) {
        buf[0] = '\0';
        return ISCG_ERANGE;
    }
    memcpy(buf, tmp, (size_t)n + 1);
    return n;
}
