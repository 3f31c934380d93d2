/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the libFuzzer targets: a NUL-terminated copy of the
 * input, a checked assertion that aborts (so that libFuzzer keeps the input),
 * a reader of whitespace-separated integers and dates, and the check that a
 * rounded value is what its rounding mode allows. */
#ifndef ISCG_FUZZ_H
#define ISCG_FUZZ_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

/* An invariant of the library: failing it is a finding. */
#define FUZZ_CHECK(cond, ...)                                                                  \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__, __LINE__, #cond);      \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* The input as a C string (it may hold NULs: the text stops at the first). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Splits text at its first '\n': returns the rest (or "") and ends text there. */
static inline char *fuzz_next_line(char *text)
{
    char *nl = strchr(text, '\n');
    if (!nl)
        return text + strlen(text);
    *nl = '\0';
    return nl + 1;
}

/* The next whitespace-separated token of *p, or NULL at the end; ends it with NUL. */
static inline char *fuzz_token(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    if (!*s) {
        *p = s;
        return NULL;
    }
    char *e = s;
    while (*e && *e != ' ' && *e != '\t' && *e != '\r' && *e != '\n')
        e++;
    if (*e)
        *e++ = '\0';
    *p = e;
    return s;
}

/* The next token as a 64-bit integer (saturated, as strtoll does); 0 when absent. */
static inline int64_t fuzz_i64(char **p)
{
    const char *t = fuzz_token(p);
    return t ? (int64_t)strtoll(t, NULL, 10) : 0;
}

/* The raw fields of "Y-M-D" at t, as sscanf(t, "%d-%d-%d") reads them but
 * with a defined result for numbers out of int's range (clamped): stores the
 * fields read, from the year on, and returns their count. */
static inline int fuzz_date_fields(iscg_date *d, const char *t)
{
    int *field[3] = {&d->year, &d->month, &d->day};
    int n = 0;
    while (n < 3) {
        char *end;
        long v = strtol(t, &end, 10);
        if (end == t)
            break;
        *field[n++] = v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : (int)v;
        if (*end != '-')
            break;
        t = end + 1;
    }
    return n;
}

/* The next token as a date: parsed when it is one, else its raw fields
 * ("2023-02-30", "0-13-0"), so that invalid dates reach the functions too. */
static inline iscg_date fuzz_date(char **p)
{
    iscg_date d = {0, 0, 0};
    const char *t = fuzz_token(p);
    if (t && iscg_date_parse(&d, t, NULL) != 0 && fuzz_date_fields(&d, t) < 1)
        d = (iscg_date){0, 0, 0};
    return d;
}

typedef __int128 fuzz_i128;

/* Checks that out, rounded to a multiple of unit under mode, is a correct
 * rounding of the exact value x / d (d > 0). Returns 1 when it is. */
static inline int fuzz_rounded_ok(int64_t out, fuzz_i128 x, fuzz_i128 d, int64_t unit, iscg_rounding mode)
{
    fuzz_i128 diff, bound = (fuzz_i128)unit * d; /* |out - x/d| < unit  <=>  |diff| < unit * d */
    if (unit <= 0 || d <= 0 || out % unit != 0)
        return 0;
    if (__builtin_sub_overflow((fuzz_i128)out * d, x, &diff))
        return 1; /* beyond what can be checked here (2^127); never reached by a valid result */
    fuzz_i128 adiff = diff < 0 ? -diff : diff;
    if (adiff >= bound)
        return 0;
    /* |out| > |x/d|: rounded away from zero */
    int away = x > 0 ? diff > 0 : x < 0 ? diff < 0 : diff != 0;
    switch (mode) {
    case ISCG_ROUND_UNSET: return 0; /* never accepted: a result under it is wrong */
    case ISCG_ROUND_DOWN: return diff == 0 || !away;
    case ISCG_ROUND_UP: return diff == 0 || away;
    case ISCG_ROUND_FLOOR: return diff <= 0;
    case ISCG_ROUND_CEILING: return diff >= 0;
    case ISCG_ROUND_HALF_UP:
    case ISCG_ROUND_HALF_DOWN:
    case ISCG_ROUND_HALF_EVEN:
        if (2 * adiff > bound)
            return 0;
        if (2 * adiff == bound) { /* a tie */
            if (mode == ISCG_ROUND_HALF_UP)
                return away;
            if (mode == ISCG_ROUND_HALF_DOWN)
                return !away;
            return (out / unit) % 2 == 0;
        }
        return 1;
    case ISCG_ROUND_UNNECESSARY: return diff == 0;
    }
    return 0;
}

#endif
