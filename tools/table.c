/* SPDX-License-Identifier: Apache-2.0 */
/* Renderings of the iscg command's tables. */
#define _XOPEN_SOURCE 700 /* wcwidth, newlocale; NOLINT(bugprone-reserved-identifier) */
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <jansson.h>

#include "table.h"

static void *must(void *p)
{
    if (!p) {
        fputs("iscg: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

char *fmt(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(NULL, 0, format, ap);
    va_end(ap);
    char *s = must(malloc((size_t)n + 1));
    va_start(ap, format);
    vsnprintf(s, (size_t)n + 1, format, ap);
    va_end(ap);
    return s;
}

struct table *table_new(const char *key, const char *title, size_t ncols, const char *const *cols)
{
    struct table *t = must(calloc(1, sizeof *t));
    t->key = must(strdup(key));
    t->title = must(strdup(title));
    t->ncols = ncols;
    t->head = must(calloc(ncols, sizeof *t->head));
    t->right = must(calloc(ncols, sizeof *t->right));
    t->raw = must(calloc(ncols, sizeof *t->raw));
    for (size_t i = 0; i < ncols; i++) {
        const char *c = cols[i];
        if (*c == '>' || *c == '#') {
            t->right[i] = 1;
            t->raw[i] = *c == '#';
            c++;
        }
        t->head[i] = must(strdup(c));
    }
    return t;
}

void table_free(struct table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->ncols; i++)
        free(t->head[i]);
    free(t->cells);
    free(t->head);
    free(t->right);
    free(t->raw);
    free(t->title);
    free(t->key);
    free(t);
}

void table_add(struct table *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->cells = must(realloc(t->cells, t->cap * t->ncols * sizeof *t->cells));
    }
    for (size_t i = 0; i < t->ncols; i++)
        t->cells[t->nrows * t->ncols + i] = cells[i] ? must(strdup(cells[i])) : NULL;
    t->nrows++;
}

/* Display width of UTF-8 text as a terminal shows it (wcwidth): a combining
 * accent takes no column, a wide character two. The text is UTF-8 whatever
 * the user's locale, so it is decoded under a C.UTF-8 character type of its
 * own (uselocale: nothing global changes); where that locale is missing,
 * each character counts one column. */
static size_t width(const char *s)
{
    static locale_t utf8;
    static int tried;
    if (!tried) {
        tried = 1;
        utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    size_t w = 0;
    if (!s)
        return 0;
    if (!utf8) {
        for (; *s; s++)
            w += ((unsigned char)*s & 0xC0) != 0x80;
        return w;
    }
    locale_t old = uselocale(utf8);
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t left = strlen(s);
    while (left > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, left, &st);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) { /* invalid byte: one column, resync */
            memset(&st, 0, sizeof st);
            n = 1;
            w++;
        } else {
            int cw = wcwidth(wc);
            w += cw < 0 ? 1 : (size_t)cw;
        }
        s += n;
        left -= n;
    }
    uselocale(old);
    return w;
}

static const char *cell(const struct table *t, size_t r, size_t c)
{
    const char *s = t->cells[r * t->ncols + c];
    return s ? s : "";
}

static void pad(FILE *out, size_t n)
{
    while (n-- > 0)
        fputc(' ', out);
}

static void print_readable(FILE *out, const struct table *t)
{
    size_t *w = must(calloc(t->ncols, sizeof *w));
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = width(t->head[c]);
        for (size_t r = 0; r < t->nrows; r++)
            if (width(cell(t, r, c)) > w[c])
                w[c] = width(cell(t, r, c));
    }
    fprintf(out, "%s\n\n", t->title);
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = r == 0 ? t->head[c] : cell(t, r - 1, c);
            size_t gap = w[c] - width(s);
            if (t->right[c])
                pad(out, gap);
            fputs(s, out);
            if (c + 1 < t->ncols)
                pad(out, (t->right[c] ? 0 : gap) + 2);
        }
        fputc('\n', out);
        if (r == 0) {
            for (size_t c = 0; c < t->ncols; c++) {
                for (size_t k = 0; k < w[c]; k++)
                    fputc('-', out);
                if (c + 1 < t->ncols)
                    fputs("  ", out);
            }
            fputc('\n', out);
        }
    }
    free(w);
}

static void csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
}

static void print_csv(FILE *out, const struct table *t)
{
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fputc(',', out);
            csv_field(out, r == 0 ? t->head[c] : cell(t, r - 1, c));
        }
        fputc('\n', out);
    }
}

static void md_field(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s == '\n' ? ' ' : *s, out);
    }
}

static void print_markdown(FILE *out, const struct table *t)
{
    fprintf(out, "### %s\n\n|", t->title);
    for (size_t c = 0; c < t->ncols; c++) {
        fputc(' ', out);
        md_field(out, t->head[c]);
        fputs(" |", out);
    }
    fputs("\n|", out);
    for (size_t c = 0; c < t->ncols; c++)
        fputs(t->right[c] ? "---:|" : "---|", out);
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        fputc('|', out);
        for (size_t c = 0; c < t->ncols; c++) {
            fputc(' ', out);
            md_field(out, cell(t, r, c));
            fputs(" |", out);
        }
        fputc('\n', out);
    }
}

static json_t *json_cell(const struct table *t, size_t r, size_t c)
{
    const char *s = t->cells[r * t->ncols + c];
    if (!s)
        return json_null();
    if (t->raw[c]) {
        json_t *v = json_loads(s, JSON_DECODE_ANY, NULL);
        if (v)
            return v;
    }
    return json_string(s);
}

static void print_json(FILE *out, struct table **tables, size_t n)
{
    json_t *root = must(json_object());
    for (size_t i = 0; i < n; i++) {
        const struct table *t = tables[i];
        json_t *rows = must(json_array());
        for (size_t r = 0; r < t->nrows; r++) {
            json_t *o = must(json_object());
            for (size_t c = 0; c < t->ncols; c++)
                json_object_set_new(o, t->head[c], json_cell(t, r, c));
            json_array_append_new(rows, o);
        }
        json_object_set_new(root, t->key, rows);
    }
    json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
}

void tables_print(FILE *out, enum format f, struct table **tables, size_t n)
{
    switch (f) {
    case FORMAT_JSON:
        print_json(out, tables, n);
        return;
    case FORMAT_CSV:
        if (n > 0)
            print_csv(out, tables[0]);
        return;
    default:
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputc('\n', out);
            if (f == FORMAT_MARKDOWN)
                print_markdown(out, tables[i]);
            else
                print_readable(out, tables[i]);
        }
    }
}
