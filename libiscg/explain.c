/* SPDX-License-Identifier: Apache-2.0 */
/* Explanation trees (AUD-2): rules build them while they compute; reports
 * only read them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain_internal.h"

struct iscg_explain {
    char rule[16];
    char *text;
    iscg_cents amount;
    iscg_explain **children;
    size_t nchildren;
};

iscg_explain iscg__explain_none;

const iscg_explain *iscg__explain_out(const iscg_explain *e)
{
    return e == &iscg__explain_none ? NULL : e;
}

iscg_explain *iscg__explain_new(const char *rule, iscg_cents amount, const char *fmt, ...)
{
    iscg_explain *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    size_t len = strlen(rule ? rule : "");
    memcpy(e->rule, rule ? rule : "", len < sizeof e->rule ? len + 1 : sizeof e->rule);
    e->rule[sizeof e->rule - 1] = 0;
    e->amount = amount;
    /* most texts fit in the buffer: formatted once, then copied */
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    e->text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!e->text) {
        free(e);
        return NULL;
    }
    if ((size_t)n < sizeof buf) {
        memcpy(e->text, buf, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(e->text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return e;
}

int iscg__explain_attach(iscg_explain *parent, iscg_explain *child)
{
    if (child == &iscg__explain_none)
        return 0;
    if (parent == &iscg__explain_none) {
        iscg__explain_free(child);
        return 0;
    }
    if (!parent || !child) {
        iscg__explain_free(child);
        return ISCG_ENOMEM;
    }
    /* an array of pointers: sizeof *c is the size of a pointer, as meant
     * NOLINTNEXTLINE(bugprone-sizeof-expression) */
    iscg_explain **c = realloc(parent->children, (parent->nchildren + 1) * sizeof *c);
    if (!c) {
        iscg__explain_free(child);
        return ISCG_ENOMEM;
    }
    parent->children = c;
    c[parent->nchildren++] = child;
    return 0;
}

void iscg__explain_release(iscg_explain *e)
{
    if (!e || e == &iscg__explain_none)
        return;
    for (size_t i = 0; i < e->nchildren; i++)
        iscg__explain_free(e->children[i]);
    free(e->children);
    free(e->text);
    free(e);
}

iscg_explain *iscg__explain_copy(const iscg_explain *e)
{
    if (e == &iscg__explain_none)
        return &iscg__explain_none;
    iscg_explain *copy = iscg__explain_new(e->rule, e->amount, "%s", e->text);
    for (size_t i = 0; copy && i < e->nchildren; i++) {
        if (iscg__explain_add(copy, iscg__explain_clone(e->children[i])) != 0) {
            iscg__explain_free(copy);
            return NULL;
        }
    }
    return copy;
}

const char *iscg__euros(char buf[48], iscg_cents amount)
{
    iscg__ignore(iscg_money_format(buf, 48, amount, ISCG_MONEY_FRENCH));
    return buf;
}

const char *iscg_explain_rule(const iscg_explain *e) { return e ? e->rule : ""; }
const char *iscg_explain_text(const iscg_explain *e) { return e && e->text ? e->text : ""; }
iscg_cents iscg_explain_amount(const iscg_explain *e) { return e ? e->amount : 0; }
size_t iscg_explain_child_count(const iscg_explain *e) { return e ? e->nchildren : 0; }

const iscg_explain *iscg_explain_child(const iscg_explain *e, size_t i)
{
    return e && i < e->nchildren ? e->children[i] : NULL;
}

static size_t render(char *buf, size_t size, size_t at, const iscg_explain *e, int depth)
{
    int n = snprintf(at < size ? buf + at : NULL, at < size ? size - at : 0, "%*s%s%s%s%s\n", 2 * depth, "",
                     *e->rule ? "[" : "", e->rule, *e->rule ? "] " : "", e->text);
    at += n > 0 ? (size_t)n : 0;
    for (size_t i = 0; i < e->nchildren; i++)
        at = render(buf, size, at, e->children[i], depth + 1);
    return at;
}

int iscg_explain_render(char *buf, size_t size, const iscg_explain *e)
{
    if (!e || (!buf && size > 0))
        return ISCG_EINVAL;
    size_t n = render(buf, size, 0, e, 0);
    if (size > 0 && n >= size)
        buf[size - 1] = '\0';
    return n > INT32_MAX ? ISCG_ERANGE : (int)n;
}
