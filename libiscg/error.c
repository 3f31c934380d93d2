/* Status codes and error reports. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ISCG__FAIL_DEFINITION /* iscg__fail is defined here: not the analyzer's model */
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
    default: return "unknown error";
    }
}

void iscg_error_clear(iscg_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void copy_name(char *dst, size_t size, const char *src)
{
    if (!src) {
        dst[0] = '\0';
        return;
    }
    snprintf(dst, size, "%s", src);
}

int iscg__fail(iscg_error *err, int code, const char *source, const char *field, int line,
               int column, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    copy_name(err->source, sizeof err->source, source);
    copy_name(err->field, sizeof err->field, field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
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
