/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file error.h
 * @brief Status codes and the optional error report of libiscg.
 *
 * Every function that can fail returns an @c int: 0 on success, one of the
 * negative ::iscg_status codes on failure. Functions that parse or validate
 * also take an optional ::iscg_error that receives a sentence naming what was
 * wrong and where (the post or file, the field, the line and the column).
 * Passing NULL for it is always allowed.
 */
#ifndef ISCG_ERROR_H
#define ISCG_ERROR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Marks a function whose @c int is a status: the compiler warns when a
 * caller drops it (GCC and Clang; nothing elsewhere, nor for SWIG).
 * Functions whose @c int is a boolean, a length, an index or an ordering
 * do not carry it, and their documentation says what the @c int is.
 */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(SWIG)
#define ISCG_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define ISCG_WARN_UNUSED
#endif

/** Status codes. 0 is success; every failure is negative. */
typedef enum iscg_status {
    ISCG_OK = 0,            /**< Success. */
    ISCG_EINVAL = -1,       /**< An argument is invalid (NULL, bad enum, negative count...). */
    ISCG_ENOMEM = -2,       /**< Memory could not be allocated. */
    ISCG_EOVERFLOW = -3,    /**< A result does not fit in 64-bit cents. */
    ISCG_ERANGE = -4,       /**< A value lies outside the range the rule allows. */
    ISCG_EDATE = -5,        /**< A date or period is invalid (2023-02-29, end before start). */
    ISCG_EPARSE = -6,       /**< Text could not be read as an amount, a date or a number. */
    ISCG_EROUNDING = -7,    /**< Rounding was needed under ::ISCG_ROUND_UNNECESSARY. */
    ISCG_EWEIGHTS = -8,     /**< Weights are empty, negative, all zero or do not sum to 100 %. */
    ISCG_ENOTFOUND = -9,    /**< A named post, party or convention does not exist. */
    ISCG_EDUPLICATE = -10,  /**< An identifier or a funder appears twice. */
    ISCG_ECREDIT = -11,     /**< A budget proposal exceeds the available credit. */
    ISCG_ETERMINATED = -12, /**< A required funder is missing: the plan ends (SPLIT-6). */
    ISCG_ESTATE = -13,      /**< An object is not in a state that allows the call. */
    ISCG_EIO = -14,         /**< A file could not be read or written. */
    ISCG_ETOTAL = -15,      /**< Parts do not add up to their stated total. */
    ISCG_ECANCELED = -16    /**< The caller's ::iscg_cancel_fn asked a long call to stop. */
} iscg_status;

/**
 * A caller's request to stop a long call (a load, a validation, an
 * aggregation). The call polls it now and then (after at most about 64 Ki
 * records or bytes of work) and, when it returns nonzero, frees all it
 * built and fails with ::ISCG_ECANCELED and a sentence saying so.
 *
 * It runs on the calling thread, between two steps of the call: it may
 * check a flag set by a signal handler, or a language's pending
 * interrupts, but must not call back into libiscg on the objects the call
 * is using.
 *
 * @param ctx the @c cancel_ctx given beside it in the options.
 * @return 0 to go on, nonzero to stop.
 */
typedef int (*iscg_cancel_fn)(void *ctx);

/**
 * The one marker of a value that is not known, in every public struct and
 * argument that may lack one: a party's population, a post's weekly hours,
 * a convention's cost, an activity record's counts and VIF share (STAT-4),
 * a stated total. It is INT64_MIN, which no count, amount or number of
 * hours can be, so that "unknown" never reads as zero and a mistyped
 * negative value (-1) is still refused as negative. Every such field is an
 * @c int64_t.
 */
#define ISCG_UNKNOWN INT64_MIN

/** Size of ::iscg_error::text, terminating NUL included: room for a file
 * name cut short, a position, a field and the longest sentence. */
#define ISCG_ERROR_TEXT_LENGTH 1024
/** Size of ::iscg_error source and field names, terminating NUL included. */
#define ISCG_ERROR_NAME_LENGTH 96

/**
 * An error report filled by the functions that take one (modelled on
 * jansson's json_error_t). The caller owns it, usually on the stack; the
 * library only writes into it. Fields that do not apply are empty strings or 0.
 *
 * Nothing in it is ever cut at its end. A file name or field longer than its
 * room loses its middle, replaced by "...", keeping its start and its end (a
 * path keeps its file name), in @c source, @c field and at the start of
 * @c text alike; the rest of @c text (line, column, field and sentence)
 * is kept whole. The name in full is the one the caller passed.
 */
typedef struct iscg_error {
    int code;                                /**< The ::iscg_status returned. */
    int line;                                /**< 1-based line in the source, 0 if none. */
    int column;                              /**< 1-based column in the source, 0 if none. */
    char source[ISCG_ERROR_NAME_LENGTH];     /**< File name, post or convention identifier. */
    char field[ISCG_ERROR_NAME_LENGTH];      /**< Field or argument concerned. */
    char text[ISCG_ERROR_TEXT_LENGTH];       /**< A full sentence describing the error. */
    int sys_errno; /**< For a file that could not be read or written, the system's errno (ENOSPC...), else 0. */
} iscg_error;

/**
 * A static English description of a status code.
 *
 * @param code a ::iscg_status value (any int is accepted).
 * @return a string owned by the library, never NULL; unknown codes give
 *         "unknown error".
 */
const char *iscg_strerror(int code);

/**
 * Empties an error report (code 0, empty strings).
 *
 * @param err the report to clear; NULL is a no-op.
 */
void iscg_error_clear(iscg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ISCG_ERROR_H */
