/* SPDX-License-Identifier: Apache-2.0 */
/* Where a value sits in a dataset's text: the line and column of a JSON
 * path ("conventions[2].sides[0].amount"), for the loader's messages. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model.h"

#include "dataset_internal.h"
#include "dataset_load.h"

/* ---- where a value sits in the text ------------------------------------ */

static void adv(struct scan *s)
{
    if (*s->p == '\n') {
        s->line++;
        s->col = 1;
    } else if (((unsigned char)*s->p & 0xC0) != 0x80) {
        s->col++; /* columns count characters, not UTF-8 continuation bytes */
    }
    s->p++;
}

static void ws(struct scan *s)
{
    while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
        adv(s);
}

/* Skips a string; returns its raw content's start and length. */
static int skip_string(struct scan *s, const char **start, size_t *len)
{
    if (*s->p != '"')
        return -1;
    adv(s);
    *start = s->p;
    while (*s->p && *s->p != '"') {
        if (*s->p == '\\' && s->p[1])
            adv(s);
        adv(s);
    }
    if (!*s->p)
        return -1;
    *len = (size_t)(s->p - *start);
    adv(s);
    return 0;
}

static int skip_value(struct scan *s, int depth)
{
    const char *a;
    size_t n;
    ws(s);
    if (depth > 64)
        return -1;
    if (*s->p == '"')
        return skip_string(s, &a, &n);
    if (*s->p == '{' || *s->p == '[') {
        char close = *s->p == '{' ? '}' : ']';
        adv(s);
        ws(s);
        if (*s->p == close) {
            adv(s);
            return 0;
        }
        for (;;) {
            if (close == '}') {
                if (skip_string(s, &a, &n) != 0)
                    return -1;
                ws(s);
                if (*s->p != ':')
                    return -1;
                adv(s);
            }
            if (skip_value(s, depth + 1) != 0)
                return -1;
            ws(s);
            if (*s->p == ',') {
                adv(s);
                ws(s);
                continue;
            }
            if (*s->p != close)
                return -1;
            adv(s);
            return 0;
        }
    }
    if (!*s->p)
        return -1;
    while (*s->p && !strchr(",]} \t\r\n", *s->p))
        adv(s);
    return 0;
}

/* Moves s to the value at path ("conventions[2].sides[0].amount"); on any
 * mismatch it stays at the deepest value it reached, which is still the
 * right neighbourhood for a message. */
void iscg__locate(struct scan *s, const char *path)
{
    ws(s);
    while (*path) {
        if (*path != '[') {
            if (*path == '.')
                path++;
            const char *end = path;
            while (*end && *end != '.' && *end != '[')
                end++;
            size_t klen = (size_t)(end - path);
            if (*s->p != '{')
                return;
            struct scan save = *s;
            adv(s);
            ws(s);
            int found = 0;
            while (*s->p == '"') {
                const char *k;
                size_t n;
                if (skip_string(s, &k, &n) != 0)
                    break;
                ws(s);
                if (*s->p != ':')
                    break;
                adv(s);
                ws(s);
                if (n == klen && strncmp(k, path, n) == 0) {
                    found = 1;
                    break;
                }
                if (skip_value(s, 0) != 0)
                    break;
                ws(s);
                if (*s->p == ',') {
                    adv(s);
                    ws(s);
                }
            }
            if (!found) {
                *s = save;
                return;
            }
            path = end;
        } else { /* [index] */
            long index = strtol(path + 1, (char **)&path, 10);
            if (*path == ']')
                path++;
            if (*s->p != '[')
                return;
            struct scan save = *s;
            adv(s);
            ws(s);
            for (long i = 0; i < index; i++) {
                if (skip_value(s, 0) != 0) {
                    *s = save;
                    return;
                }
                ws(s);
                if (*s->p != ',') {
                    *s = save;
                    return;
                }
                adv(s);
                ws(s);
            }
        }
    }
}
