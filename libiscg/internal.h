/* Private helpers shared by the libiscg sources. Nothing here is exported:
 * the library exports only symbols matching ^iscg_[a-z], and these start
 * with "iscg__". */
#ifndef ISCG_INTERNAL_H
#define ISCG_INTERNAL_H

#include <stdint.h>

#include "iscg.h"

typedef __int128 iscg__i128;

/* Fills err (when not NULL) and returns code. source, field may be NULL. */
int iscg__fail(iscg_error *err, int code, const char *source, const char *field, int line,
               int column, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* For clang's static analyzer, which sees one file at a time: what error.c
 * does, iscg__fail returns the code it is given. Without it, every failure
 * path looks as if it could return 0, and the analyzer follows them on as
 * successes. The compiler never sees this. */
#if defined(__clang_analyzer__) && !defined(ISCG__FAIL_DEFINITION)
#define iscg__fail(err, code, ...) (iscg__fail((err), (code), __VA_ARGS__), (code))
#endif

/* Shorthand for errors with no position. */
#define ISCG_FAIL(err, code, field, ...) iscg__fail((err), (code), NULL, (field), 0, 0, __VA_ARGS__)

/* 1 if mode is a member of iscg_rounding. */
int iscg__rounding_valid(int mode);

/* Rounds n / d (d != 0) to an integer under mode. Returns 0, or ISCG_EROUNDING
 * under UNNECESSARY when d does not divide n. *lost receives n - q*d signed
 * relative to d's sign convention is not needed by callers: they receive the
 * exact remainder r = n - q*d. */
int iscg__round_div(iscg__i128 *q, iscg__i128 *r, iscg__i128 n, iscg__i128 d, int mode);

/* iscg__round_div() in 64-bit arithmetic, for d != 0 and not n = INT64_MIN
 * with d = -1: the same quotient, remainder and codes, without 128-bit
 * operations (*r may be NULL). */
int iscg__round_div64(int64_t *q, int64_t *r, int64_t n, int64_t d, int mode);

/* iscg_year_fraction() and iscg_months_covered() without their checks, for
 * callers that know the period valid and the day count known (a month count
 * for the months): a batch computes them by the thousand. */
void iscg__year_fraction(iscg_ratio *out, iscg_period p, iscg_daycount dc);
void iscg__months_covered(iscg_ratio *out, iscg_period p, iscg_daycount dc);

/* Narrows a 128-bit value to int64 or returns ISCG_EOVERFLOW. */
static inline int iscg__narrow(int64_t *out, iscg__i128 v)
{
    if (v > (iscg__i128)INT64_MAX || v < (iscg__i128)INT64_MIN)
        return ISCG_EOVERFLOW;
    *out = (int64_t)v;
    return 0;
}

/* iscg_money_add() and iscg_money_sub() for the library's own loops, where
 * out is never NULL: inlined, as the public functions cannot be. *out is
 * left unchanged on overflow. */
static inline int iscg__add(int64_t *out, int64_t a, int64_t b)
{
    int64_t v;
    if (__builtin_add_overflow(a, b, &v))
        return ISCG_EOVERFLOW;
    *out = v;
    return 0;
}

static inline int iscg__sub(int64_t *out, int64_t a, int64_t b)
{
    int64_t v;
    if (__builtin_sub_overflow(a, b, &v))
        return ISCG_EOVERFLOW;
    *out = v;
    return 0;
}

/* 1 if period p has a day in calendar year y: the one test of "does this
 * convention touch year Y?" that funding, receivables, the budget and the
 * reports share (iscg_report_period_touches() is its public face). */
static inline int iscg__touches_year(iscg_period p, int y)
{
    return p.start.year <= y && y <= p.end.year;
}

/* Case-insensitive ASCII comparison; 0 when equal. */
int iscg__strcaseeq(const char *a, const char *b);

/* Greatest common divisor of non-negative values. */
int64_t iscg__gcd(int64_t a, int64_t b);

#endif
