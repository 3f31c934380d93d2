/* SPDX-License-Identifier: Apache-2.0 */
/* Status codes and error reports. The sentences are translated here, where
 * they are formatted: the caller's locale (LC_MESSAGES) picks the language
 * from the "libiscg" text domain, and the C locale keeps them as written. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ISCG__FAIL_DEFINITION /* iscg__fail is defined here: not the analyzer's model */
#include "i18n.h"
#include "internal.h"

const char *iscg_strerror(int code)
{
    switch (code) {
    case ISCG_OK: return "success";
    case ISCG_EINVAL: return "invalid argument";
    case ISCG_ENOMEM: return "out of memory";
    case ISCG_EOVERFLOW: return "amount overflow";
    case ISCG_ERANGE: return "value out of range";
    case ISCG_EDATE: return "invalid date or period";
    case ISCG_EPARSE: return "unreadable text";
    case ISCG_EROUNDING: return "rounding necessary";
    case ISCG_EWEIGHTS: return "invalid weights";
    case ISCG_ENOTFOUND: return "not found";
    case ISCG_EDUPLICATE: return "duplicate";
    case ISCG_ECREDIT: return "credit exceeded";
    case ISCG_ETERMINATED: return "funding plan terminated";
    case ISCG_ESTATE: return "invalid state";
    case ISCG_EIO: return "input/output error";
    case ISCG_ETOTAL: return "parts do not add up to the total";
    case ISCG_ECANCELED: return "canceled";
    default: return "unknown error";
    }
}

void iscg_error_clear(iscg_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

/* The start of the UTF-8 character at or after p (p within s..s+n). */
static size_t char_start(const char *s, size_t i, size_t n)
{
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

void iscg__shorten(char *dst, size_t size, const char *src)
{
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n < size) {
        memcpy(dst, src, n + 1);
        return;
    }
    /* keep the start and the end, at most size - 4 bytes of them, cut
     * between UTF-8 characters; the end gets the larger part (the file name) */
    size_t keep = size > 4 ? size - 4 : 0;
    size_t head = keep / 3, tail = keep - head;
    while (head > 0 && ((unsigned char)src[head] & 0xC0) == 0x80)
        head--;
    size_t from = char_start(src, n - tail, n);
    memcpy(dst, src, head);
    size_t at = head;
    if (size >= 4) {
        memcpy(dst + at, "...", 3);
        at += 3;
    }
    memcpy(dst + at, src + from, n - from);
    dst[at + n - from] = '\0';
}

int iscg__source_is(const iscg_error *err, const char *name)
{
    char shortened[sizeof err->source];
    iscg__shorten(shortened, sizeof shortened, name);
    return strcmp(err->source, shortened) == 0;
}

/* Ends s, which vsnprintf() wrote n bytes of into size bytes, on a whole
 * UTF-8 character: a cut sentence (names, translations) loses the partial
 * character rather than end in invalid UTF-8. */
static void whole_characters(char *s, size_t size, int n)
{
    if (n < 0 || (size_t)n < size)
        return;
    size_t end = size - 1, lead = end;
    while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    const unsigned char c = (unsigned char)s[lead - 1];
    const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (end - (lead - 1) < need)
        s[lead - 1] = '\0';
}

/* Fills err; the text is source (shortened so that the rest fits, when
 * prefix is set) followed by the formatted rest, fmt in the caller's
 * language (its translation keeps the same directives, in the same order). */
static void fill(iscg_error *err, int code, int sys_errno, const char *source, const char *field, int line,
                 int column, int prefix, const char *fmt, va_list ap)
{
    err->code = code;
    err->line = line;
    err->column = column;
    err->sys_errno = sys_errno;
    iscg__shorten(err->source, sizeof err->source, source);
    iscg__shorten(err->field, sizeof err->field, field);
    fmt = ISCG_TR(fmt);
    if (!prefix) {
        whole_characters(err->text, sizeof err->text, vsnprintf(err->text, sizeof err->text, fmt, ap));
        return;
    }
    char rest[ISCG_ERROR_TEXT_LENGTH];
    whole_characters(rest, sizeof rest, vsnprintf(rest, sizeof rest, fmt, ap));
    /* the name's room, NUL included: the rest is never cut for the name */
    size_t room = sizeof err->text - strlen(rest);
    iscg__shorten(err->text, room, source);
    size_t at = strlen(err->text);
    snprintf(err->text + at, sizeof err->text - at, "%s", rest);
}

const char *iscg__tr_context(const char *entry)
{
    const char *word = strchr(entry, '\004');
    word = word ? word + 1 : entry;
    const char *t = ISCG_TR(entry);
    return t == entry ? word : t;
}

int iscg__fail(iscg_error *err, int code, const char *source, const char *field, int line,
               int column, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    fill(err, code, 0, source, field, line, column, 0, fmt, ap);
    va_end(ap);
    return code;
}

int iscg__fail_in(iscg_error *err, int code, int sys_errno, const char *source, const char *field, int line,
                  int column, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    fill(err, code, sys_errno, source, field, line, column, 1, fmt, ap);
    va_end(ap);
    return code;
}

int iscg__strcaseeq(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z')
            ca = (unsigned char)(ca - 'a' + 'A');
        if (cb >= 'a' && cb <= 'z')
            cb = (unsigned char)(cb - 'a' + 'A');
        if (ca != cb)
            return 1;
        if (!ca)
            return 0;
    }
}
