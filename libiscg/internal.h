/* SPDX-License-Identifier: Apache-2.0 */
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

/* As iscg__fail, for a report about a file: the text is source (the file
 * name, cut in its middle when too long for the rest to fit whole) followed
 * by the formatted rest (":12:3: posts[0].id: ..."); sys_errno is the
 * system's errno for a read or write that failed, else 0. */
int iscg__fail_in(iscg_error *err, int code, int sys_errno, const char *source, const char *field, int line,
                  int column, const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* Copies src (NULL: "") into dst of size bytes; a longer text loses its
 * middle, replaced by "...", keeping whole UTF-8 characters. */
void iscg__shorten(char *dst, size_t size, const char *src);

/* 1 if err's source is name as iscg__fail() keeps it (cut in its middle
 * when too long), else 0. */
int iscg__source_is(const iscg_error *err, const char *name);

/* For clang's static analyzer, which sees one file at a time: what error.c
 * does, iscg__fail returns the code it is given. Without it, every failure
 * path looks as if it could return 0, and the analyzer follows them on as
 * successes. The compiler never sees this. */
#if defined(__clang_analyzer__) && !defined(ISCG__FAIL_DEFINITION)
#define iscg__fail(err, code, ...) (iscg__fail((err), (code), __VA_ARGS__), (code))
#define iscg__fail_in(err, code, ...) (iscg__fail_in((err), (code), __VA_ARGS__), (code))
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

/* Drops a status that cannot be a failure where it is called (a valid date,
 * a buffer of the documented size, a ratio with den > 0): the status is read,
 * as ISCG_WARN_UNUSED asks, and let go on purpose. */
static inline void iscg__ignore(int status)
{
    (void)status;
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

/* ---- enums: one description each, one implementation of name and parse ----
 *
 * Every public enum is described by its table of names indexed by value
 * (designated initialisers, so that a name sits beside its value). A NULL
 * entry is not a member: index 0 of a policy enum, its ..._UNSET, has none,
 * so that name, parse and validation all refuse it. ISCG__ENUM() checks at
 * compile time that the table has exactly one entry per value of the enum,
 * and defines the public iscg_<enum>_name() and iscg_<enum>_parse(). */
struct iscg__enum {
    const char *what;             /* "rounding mode": for messages, translated by iscg__enum_what() */
    const char *type;             /* "iscg_rounding" */
    const char *const *names;     /* indexed by value; NULL: not a member */
    int size;                     /* entries of names */
    const char *const *aliases;   /* {alias, name, ..., NULL}, read by parse only; or NULL */
};

/* The name of value, or NULL when it is not a member. */
const char *iscg__enum_name(const struct iscg__enum *e, int value);
/* Reads a name (ASCII case-insensitive, aliases included):
 * 0, ISCG_EINVAL (NULL argument) or ISCG_EPARSE with a sentence listing the names. */
int iscg__enum_parse(const struct iscg__enum *e, int *value, const char *name, iscg_error *err);
/* 0 when value is a member; else ISCG_EINVAL with a sentence naming field
 * (and saying that 0 means "not set" for a policy enum). */
int iscg__enum_check(const struct iscg__enum *e, int value, const char *field, iscg_error *err);
/* What the enum's values are ("rounding mode"), in the caller's language:
 * a noun for the messages, which are written to take it bare, without an
 * article. */
const char *iscg__enum_what(const struct iscg__enum *e);
/* "DOWN, UP, ...": the names of the members, cut to fit size. */
void iscg__enum_list(char *buf, size_t size, const struct iscg__enum *e);

/* Defines iscg__<enum>_enum, iscg_<enum>_name() and iscg_<enum>_parse() from
 * the table; count is the number of table entries the enum needs (its
 * ISCG_..._COUNT, plus one for the UNSET slot of a policy enum). */
#define ISCG__ENUM(prefix, type, what, table, aliases, count)                                    \
    _Static_assert(sizeof(table) / sizeof((table)[0]) == (count),                                \
                   "the name table of " #type " needs one entry per value");                      \
    const struct iscg__enum iscg__##prefix##_enum = {what, #type, table,                         \
                                                     (int)(sizeof(table) / sizeof((table)[0])), aliases}; \
    const char *iscg_##prefix##_name(type value)                                                 \
    {                                                                                             \
        return iscg__enum_name(&iscg__##prefix##_enum, (int)value);                              \
    }                                                                                             \
    /* a type cannot be parenthesised: NOLINTNEXTLINE(bugprone-macro-parentheses) */              \
    int iscg_##prefix##_parse(type *out, const char *name, iscg_error *err)                      \
    {                                                                                             \
        int v = 0, rc = out ? iscg__enum_parse(&iscg__##prefix##_enum, &v, name, err)            \
                            : ISCG_FAIL(err, ISCG_EINVAL, what, "no output given for the %s",  \
                                        iscg__enum_what(&iscg__##prefix##_enum));                 \
        if (rc == 0)                                                                              \
            *out = (type)v;                                                                       \
        return rc;                                                                                \
    }

extern const struct iscg__enum iscg__rounding_enum, iscg__money_style_enum, iscg__remainder_policy_enum,
    iscg__weights_kind_enum, iscg__daycount_enum, iscg__party_kind_enum, iscg__post_kind_enum,
    iscg__staffing_kind_enum, iscg__share_rule_enum, iscg__cadence_enum, iscg__deadline_kind_enum,
    iscg__finding_kind_enum, iscg__period_kind_enum, iscg__activity_carrier_enum,
    iscg__activity_force_enum, iscg__activity_field_enum, iscg__stats_key_enum,
    iscg__stats_gap_kind_enum, iscg__stats_cell_state_enum, iscg__whatif_kind_enum;

/* Months in one period of each kind: 0, 1, 3, 6, 12 (calendar.c, where the
 * period kinds are described once). */
extern const int iscg__period_months[ISCG_PERIOD_KIND_COUNT];

/* 1 when g is a granularity: a period kind other than ISCG_PERIOD_NONE. */
static inline int iscg__is_granularity(iscg_period_kind g)
{
    return g > ISCG_PERIOD_NONE && g < ISCG_PERIOD_KIND_COUNT;
}

/* 1 when day count dc counts months (whole, started or prorated), 0 when it
 * counts days: a claim and its absences are counted in that unit (RCV-4). */
static inline int iscg__daycount_in_months(iscg_daycount dc)
{
    return dc == ISCG_DAYCOUNT_MONTHS_WHOLE || dc == ISCG_DAYCOUNT_MONTHS_STARTED ||
           dc == ISCG_DAYCOUNT_MONTHS_PRORATED;
}

#endif
