/* SPDX-License-Identifier: Apache-2.0 */
/* The piecewise reader of large dataset files: the same schema readers,
 * given one top-level item at a time, so that a file is never held as a
 * whole tree. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model.h"

#include "dataset_internal.h"
#include "dataset_load.h"

/* ---- reading a large file piece by piece --------------------------------
 *
 * A whole jansson tree takes about ten times the text it holds. The loader
 * parses instead each member of the top-level object, and each item of its
 * five arrays, on its own (json_loads() in place, stopping at the value's
 * end), reads it into the dataset and frees it: the arrays are read in the
 * order their items depend on each other, wherever they are in the file. A
 * file broken near its end is thus read twice. The text between the
 * pieces (brackets, commas, colons, whitespace) is checked here, and each
 * piece by jansson, so that the file parses as a whole exactly when all of it
 * parses piece by piece. Whatever this reader does not expect (a syntax
 * error, a duplicate or escaped top-level key, a document that is not an
 * object, deep nesting) makes the loader start again on the whole tree, which
 * gives jansson's own message and position and the old behaviour throughout. */

#define PIECE_DEPTH 512 /* far below jansson's own limit, which counts from the top */

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *skip_ws(const char *p)
{
    while (is_ws(*p))
        p++;
    return p;
}

/* The bytes value_end() stops at, outside strings and inside them: this
 * walk over the whole file must cost little next to its parse. */
static const unsigned char structural[256] = {[0] = 1, ['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1};
static const unsigned char string_stop[256] = {[0] = 1, ['"'] = 1, ['\\'] = 1};

/* The end of the JSON value at p, found from its strings and brackets only
 * (its parse checks the rest); NULL when the text ends first, the value is
 * empty or it nests deeper than PIECE_DEPTH. */
static const char *value_end(const char *p)
{
    const char *start = p;
    int depth = 0;
    for (;; p++) {
        if (depth > 0)
            while (!structural[(unsigned char)*p])
                p++;
        switch (*p) {
        case '\0':
            return NULL;
        case '"':
            for (p++;; p++) {
                while (!string_stop[(unsigned char)*p])
                    p++;
                if (*p == '"')
                    break;
                if (*p == '\0' || *++p == '\0') /* a backslash escapes the next byte */
                    return NULL;
            }
            if (depth == 0)
                return p + 1;
            break;
        case '{':
        case '[':
            if (++depth > PIECE_DEPTH)
                return NULL;
            break;
        case '}':
        case ']':
            if (--depth <= 0)
                return depth == 0 ? p + 1 : NULL;
            break;
        default:
            if (depth == 0) { /* a number, true, false or null */
                while (*p && *p != ',' && *p != ']' && *p != '}' && !is_ws(*p))
                    p++;
                return p > start ? p : NULL;
            }
        }
    }
}

/* Parses the value at p on its own, jansson stopping at its end (*end):
 * NULL with L->stop set when it is not JSON or memory ran out. */
static json_t *parse_at(struct loader *L, const char *p, const char **end)
{
    json_error_t je;
    json_t *v = json_loads(p, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
    if (!v) {
        L->stop = iscg__jansson_nomem(&je) ? STOP_NOMEM : STOP_WHOLE;
    } else if (je.position <= 0) { /* jansson counts in an int: a piece of 2 GB or more */
        json_decref(v);
        v = NULL;
        L->stop = STOP_WHOLE;
    } else {
        *end = p + je.position;
    }
    return v;
}

/* Reads each item of top-level array t with fn (or only parses it when fn is
 * NULL), the path pointing at the item ("posts[3]"), as each_item(). */
int iscg__load_top_items(struct loader *L, int t, item_fn fn, void *ctx)
{
    const char *p = skip_ws(L->top_start[t] + 1);
    int status = 0;
    L->top_start[t] = NULL; /* read once */
    if (*p == ']')
        return 0;
    for (long i = 0;; i++) {
        const char *end = NULL;
        if ((size_t)i >= ISCG_DATASET_MAX_ITEMS)
            return iscg__load_too_many(L, iscg__load_top_names[t], (size_t)i + 1, ISCG_DATASET_MAX_ITEMS);
        json_t *v = parse_at(L, p, &end); /* no deeper than PIECE_DEPTH: split_top() saw the whole array */
        if (!v)
            return status;
        if (iscg__load_poll(L, (size_t)(end - p))) {
            json_decref(v);
            return status;
        }
        if (fn) {
            size_t at = iscg__load_push(L, iscg__load_top_names[t], 0);
            iscg__load_push(L, NULL, i);
            L->item = p;
            L->item_path = strlen(L->path);
            int rc = iscg__load_expect_object(L, v);
            if (rc == 0)
                rc = fn(L, v, ctx);
            if (status == 0)
                status = rc;
            L->item = NULL;
            iscg__load_pop(L, at);
        }
        json_decref(v);
        iscg__load_forget_fields(L);
        p = skip_ws(end);
        if (*p == ',') {
            p = skip_ws(p + 1);
            continue;
        }
        if (*p != ']')
            L->stop = STOP_WHOLE;
        return status;
    }
}

/* The index of a top-level array's name, or -1. */
static int top_index(const char *key)
{
    for (int t = 0; t < TOP_COUNT; t++)
        if (strcmp(key, iscg__load_top_names[t]) == 0)
            return t;
    return -1;
}

/* Splits the top-level object: L->skeleton gets every member in the file's
 * order, the five arrays as empty placeholders whose text L->top_start
 * keeps, the extensions as null (only their names count). Sets L->stop when
 * the text is not what it expects. */
static void split_top(struct loader *L)
{
    const char *p = skip_ws(L->text);
    if (*p != '{') {
        L->stop = STOP_WHOLE;
        return;
    }
    if (!(L->skeleton = json_object())) {
        L->stop = STOP_NOMEM;
        return;
    }
    p = skip_ws(p + 1);
    while (*p != '}') {
        /* a plain key: escapes, control and non-ASCII characters are left to the whole parse */
        char key[64];
        const char *k = p + 1, *q = k;
        if (*p != '"') {
            L->stop = STOP_WHOLE;
            return;
        }
        while (*q != '"' && *q != '\\' && (unsigned char)*q >= 0x20 && (unsigned char)*q < 0x80)
            q++;
        if (*q != '"' || (size_t)(q - k) >= sizeof key) {
            L->stop = STOP_WHOLE;
            return;
        }
        memcpy(key, k, (size_t)(q - k));
        key[q - k] = '\0';
        p = skip_ws(q + 1);
        if (*p != ':' || json_object_get(L->skeleton, key)) { /* jansson names a duplicate */
            L->stop = STOP_WHOLE;
            return;
        }
        p = skip_ws(p + 1);
        const char *end = value_end(p), *parsed = NULL;
        if (!end) {
            L->stop = STOP_WHOLE;
            return;
        }
        int t = top_index(key);
        json_t *v;
        if (t >= 0 && *p == '[') {
            L->top_start[t] = p;
            v = json_array();
        } else if (!(v = parse_at(L, p, &parsed))) {
            return;
        } else if (parsed != end) { /* cannot be; but then the whole parse knows better */
            json_decref(v);
            L->stop = STOP_WHOLE;
            return;
        } else if (strncmp(key, "x-", 2) == 0) {
            json_decref(v);
            v = json_null();
        }
        if (!v || json_object_set_new(L->skeleton, key, v) != 0) {
            L->stop = STOP_NOMEM;
            return;
        }
        p = skip_ws(end);
        if (*p == ',') {
            p = skip_ws(p + 1);
            if (*p == '}') { /* a trailing comma */
                L->stop = STOP_WHOLE;
                return;
            }
        } else if (*p != '}') {
            L->stop = STOP_WHOLE;
            return;
        }
    }
    if (*skip_ws(p + 1) != '\0')
        L->stop = STOP_WHOLE;
}

/* Reads the text piece by piece; L->stop tells when it could not. */
int iscg__load_pieces(struct loader *L)
{
    int rc = 0;
    split_top(L);
    if (!L->stop)
        rc = iscg__load_root(L, L->skeleton);
    /* arrays left unread (a wrong version stops early) must still be JSON */
    for (int t = 0; t < TOP_COUNT && !L->stop; t++)
        if (L->top_start[t])
            iscg__load_top_items(L, t, NULL, NULL);
    json_decref(L->skeleton);
    L->skeleton = NULL;
    return L->stop ? ISCG_EPARSE : iscg__load_conclude(L, rc);
}
