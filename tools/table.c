/* SPDX-License-Identifier: Apache-2.0 */
/* Renderings of the iscg command's tables. */
#define _XOPEN_SOURCE 700 /* wcwidth, newlocale; NOLINT(bugprone-reserved-identifier) */
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <jansson.h>

#include "nls.h"
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
    static const char marks[] = ">#$%@";
    static const enum column_kind kinds[] = {COL_RIGHT, COL_INTEGER, COL_MONEY, COL_DECIMAL, COL_DATE};
    struct table *t = must(calloc(1, sizeof *t));
    t->key = must(strdup(key));
    t->title = must(strdup(title));
    t->ncols = ncols;
    t->head = must(calloc(ncols, sizeof *t->head));
    t->kind = must(calloc(ncols, sizeof *t->kind));
    for (size_t i = 0; i < ncols; i++) {
        const char *c = cols[i], *m = *c ? strchr(marks, *c) : NULL;
        t->kind[i] = COL_TEXT;
        if (m) {
            t->kind[i] = kinds[m - marks];
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
    free(t->kind);
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

const char *table_label(const struct table *t, size_t c)
{
    return *t->head[c] ? _(t->head[c]) : ""; /* "" translates to the catalogue's header */
}

static int right_aligned(enum column_kind k)
{
    return k == COL_RIGHT || k == COL_INTEGER || k == COL_MONEY || k == COL_DECIMAL;
}

/* ---- --columns ---------------------------------------------------------- */

static long column_of(const struct table *t, const char *name, size_t len)
{
    for (size_t c = 0; c < t->ncols; c++) {
        const char *label = table_label(t, c);
        if ((strlen(t->head[c]) == len && strncmp(t->head[c], name, len) == 0) ||
            (strlen(label) == len && strncmp(label, name, len) == 0))
            return (long)c;
    }
    return -1;
}

/* The table's columns idx[0..k-1], in that order. */
static void project(struct table *t, const size_t *idx, size_t k)
{
    char **head = must(calloc(k, sizeof *head));
    enum column_kind *kind = must(calloc(k, sizeof *kind));
    char **cells = must(calloc(t->nrows * k + 1, sizeof *cells));
    for (size_t j = 0; j < k; j++) {
        head[j] = must(strdup(t->head[idx[j]]));
        kind[j] = t->kind[idx[j]];
        for (size_t r = 0; r < t->nrows; r++) {
            const char *s = t->cells[r * t->ncols + idx[j]];
            cells[r * k + j] = s ? must(strdup(s)) : NULL;
        }
    }
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->ncols; i++)
        free(t->head[i]);
    free(t->cells);
    free(t->head);
    free(t->kind);
    t->cells = cells;
    t->head = head;
    t->kind = kind;
    t->ncols = k;
    t->cap = t->nrows;
}

long tables_select(struct table **tables, size_t n, const char *list, const char **unknown, size_t *unknown_len)
{
    /* every name first: nothing changes when one is unknown */
    for (const char *p = list;;) {
        size_t len = strcspn(p, ",");
        int found = len == 0;
        for (size_t i = 0; i < n && !found; i++)
            found = column_of(tables[i], p, len) >= 0;
        if (!found) {
            *unknown = p;
            *unknown_len = len;
            return -1;
        }
        if (!p[len])
            break;
        p += len + 1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        struct table *t = tables[i];
        size_t *idx = must(calloc(strlen(list) + 1, sizeof *idx)), k = 0;
        for (const char *p = list;;) {
            size_t len = strcspn(p, ",");
            long c = len ? column_of(t, p, len) : -1;
            if (c >= 0)
                idx[k++] = (size_t)c;
            if (!p[len])
                break;
            p += len + 1;
        }
        if (k > 0) {
            project(t, idx, k);
            tables[kept++] = t;
        } else {
            table_free(t);
        }
        free(idx);
    }
    return (long)kept;
}

/* ---- display widths ------------------------------------------------------ */

/* The text is UTF-8 whatever the user's locale, so it is decoded under a
 * C.UTF-8 character type of its own (uselocale: nothing global changes);
 * where that locale is missing, each character counts one column. */
static locale_t utf8;

static void free_utf8_locale(void)
{
    if (utf8)
        freelocale(utf8);
    utf8 = (locale_t)0;
}

static locale_t utf8_locale(void)
{
    static int tried;
    if (!tried) {
        tried = 1;
        utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (utf8 && atexit(free_utf8_locale) != 0) /* a leak checker's report stays clean */
            free_utf8_locale();
    }
    return utf8;
}

/* The length in bytes of the character at s (left bytes remain) and its
 * display width; an invalid byte is one byte of one column. Call under the
 * UTF-8 locale, or without it for one column per character. */
static size_t char_at(const char *s, size_t left, size_t *cols)
{
    if (!utf8_locale()) {
        size_t n = 1;
        while (n < left && ((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
        *cols = 1;
        return n;
    }
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wc;
    size_t n = mbrtowc(&wc, s, left, &st);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        *cols = 1;
        return 1;
    }
    int cw = wcwidth(wc);
    *cols = cw < 0 ? 1 : (size_t)cw;
    return n;
}

static locale_t enter_utf8(void)
{
    locale_t u = utf8_locale();
    return u ? uselocale(u) : (locale_t)0;
}

static void leave_utf8(locale_t old)
{
    if (old)
        uselocale(old);
}

size_t text_width(const char *s)
{
    if (!s)
        return 0;
    locale_t old = enter_utf8();
    size_t w = 0, left = strlen(s);
    while (left > 0) {
        size_t cols, n = char_at(s, left, &cols);
        w += cols;
        s += n;
        left -= n;
    }
    leave_utf8(old);
    return w;
}

/* The first line of s within width columns (0: no limit): its length in
 * bytes, its width, and where the rest starts. Breaks after the last space
 * that fits, else within the word; a line holds at least one character; a
 * newline always ends one. */
static size_t line_of(const char *s, size_t width, size_t *line_width, const char **rest)
{
    size_t left = strlen(s), used = 0, w = 0, cut = 0, cut_w = 0;
    int cut_found = 0;
    while (used < left && s[used] != '\n') {
        size_t cols, n = char_at(s + used, left - used, &cols);
        if (s[used] == ' ' && used > 0) {
            cut = used;
            cut_w = w;
            cut_found = 1;
        }
        if (width && w + cols > width && used > 0) {
            if (cut_found) {
                used = cut;
                w = cut_w;
            }
            break;
        }
        used += n;
        w += cols;
    }
    const char *r = s + used;
    if (*r == '\n')
        r++;
    else
        while (*r == ' ')
            r++;
    *rest = r;
    /* trailing spaces of a broken line take no room */
    while (used > 0 && s[used - 1] == ' ' && *r) {
        used--;
        w--;
    }
    *line_width = w;
    return used;
}

static void pad(FILE *out, size_t n)
{
    while (n-- > 0)
        fputc(' ', out);
}

void text_print(FILE *out, const char *text, size_t width)
{
    locale_t old = enter_utf8();
    while (*text) {
        size_t indent = strspn(text, " ");
        const char *s = text + indent;
        size_t avail = width > indent + 8 ? width - indent : 0, lw, more = 0;
        pad(out, indent);
        do {
            const char *rest;
            size_t n = line_of(s, avail ? avail - more : 0, &lw, &rest);
            (void)fwrite(s, 1, n, out); /* the stream's error is checked as the command ends */
            fputc('\n', out);
            s = rest;
            if (*s && s[-1] != '\n') {
                more = avail > 12 ? 4 : 0;
                pad(out, indent + more);
            }
        } while (*s && s[-1] != '\n');
        text = s;
    }
    leave_utf8(old);
}

/* ---- the readable table --------------------------------------------------- */

static const char *cell(const struct table *t, size_t r, size_t c)
{
    const char *s = t->cells[r * t->ncols + c];
    return s ? s : "";
}

/* The narrowest a text column becomes before the table is laid out one
 * record at a time instead: its longest word, and at least this. */
#define MIN_TEXT_WIDTH 10

/* The display width of the longest word of s (words end at spaces). */
static size_t longest_word(const char *s)
{
    size_t best = 0, w = 0, left = strlen(s);
    locale_t old = enter_utf8();
    while (left > 0) {
        size_t cols, n = char_at(s, left, &cols);
        w = *s == ' ' || *s == '\n' ? 0 : w + cols;
        if (w > best)
            best = w;
        s += n;
        left -= n;
    }
    leave_utf8(old);
    return best;
}

/* Narrows the widest text columns until the lines fit the width, down to
 * each one's longest word; numbers, dates and ratios keep their width.
 * Returns 0 when the table cannot fit so. */
static int fit(const struct table *t, size_t *w, size_t width)
{
    size_t total = 2 * (t->ncols - 1), least = total;
    size_t *floor = must(calloc(t->ncols, sizeof *floor));
    for (size_t c = 0; c < t->ncols; c++) {
        total += w[c];
        floor[c] = w[c];
        if (t->kind[c] == COL_TEXT && w[c] > MIN_TEXT_WIDTH) {
            size_t lw = longest_word(table_label(t, c));
            for (size_t r = 0; r < t->nrows; r++)
                if (longest_word(cell(t, r, c)) > lw)
                    lw = longest_word(cell(t, r, c));
            floor[c] = lw > MIN_TEXT_WIDTH ? (lw < w[c] ? lw : w[c]) : MIN_TEXT_WIDTH;
        }
        least += floor[c];
    }
    int fits = !width || total <= width || least <= width;
    while (fits && width && total > width) { /* the widest text column gives a column */
        size_t best = t->ncols;
        for (size_t c = 0; c < t->ncols; c++)
            if (w[c] > floor[c] && (best == t->ncols || w[c] > w[best]))
                best = c;
        w[best]--;
        total--;
    }
    free(floor);
    return fits;
}

/* Writes cells side by side, each wrapped within its width, aligned as its
 * column; no spaces end a line. */
static void print_row(FILE *out, const struct table *t, const char **at, const size_t *w)
{
    int more = 1;
    while (more) { /* one line of each cell, until every cell is written */
        more = 0;
        size_t owed = 0; /* spaces not yet written */
        for (size_t c = 0; c < t->ncols; c++) {
            size_t lw;
            const char *rest;
            size_t n = line_of(at[c], w[c], &lw, &rest);
            size_t gap = w[c] > lw ? w[c] - lw : 0;
            int right = right_aligned(t->kind[c]);
            if (n > 0) {
                pad(out, owed + (right ? gap : 0));
                owed = 0;
                (void)fwrite(at[c], 1, n, out);
            } else {
                owed += right ? gap : 0;
            }
            owed += (right ? 0 : gap) + 2;
            at[c] = rest;
            more |= *rest != '\0';
        }
        fputc('\n', out);
    }
}

/* A table too wide for the width, one record at a time: each column's name,
 * then its value wrapped beside it. */
static void print_records(FILE *out, const struct table *t, const char *const *labels, size_t width)
{
    size_t lw = 0;
    for (size_t c = 0; c < t->ncols; c++)
        if (text_width(labels[c]) > lw)
            lw = text_width(labels[c]);
    if (lw > width / 3)
        lw = width / 3;
    size_t vw = width > lw + 2 ? width - lw - 2 : 1;
    for (size_t r = 0; r < t->nrows; r++) {
        char *rule = fmt("-[ %zu ]", r + 1);
        fputs(rule, out);
        for (size_t k = text_width(rule); k < width; k++)
            fputc('-', out);
        fputc('\n', out);
        free(rule);
        locale_t old = enter_utf8();
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = cell(t, r, c);
            if (!*s)
                continue;
            const char *at[2] = {labels[c], s};
            size_t w[2] = {lw, vw};
            struct table pair = {0};
            enum column_kind kinds[2] = {COL_TEXT, COL_TEXT};
            pair.ncols = 2;
            pair.kind = kinds;
            print_row(out, &pair, at, w);
        }
        leave_utf8(old);
    }
}

static void print_readable(FILE *out, const struct table *t, size_t width)
{
    size_t *w = must(calloc(t->ncols, sizeof *w));
    const char **at = must(calloc(t->ncols, sizeof *at));
    const char **labels = must(calloc(t->ncols, sizeof *labels));
    for (size_t c = 0; c < t->ncols; c++) {
        labels[c] = table_label(t, c); /* before uselocale: gettext reads the thread's locale */
        w[c] = text_width(labels[c]);
        for (size_t r = 0; r < t->nrows; r++)
            if (text_width(cell(t, r, c)) > w[c])
                w[c] = text_width(cell(t, r, c));
    }
    text_print(out, t->title, width);
    fputc('\n', out);
    if (!fit(t, w, width)) {
        print_records(out, t, labels, width);
    } else {
        locale_t old = enter_utf8();
        for (size_t r = 0; r <= t->nrows; r++) {
            for (size_t c = 0; c < t->ncols; c++)
                at[c] = r == 0 ? labels[c] : cell(t, r - 1, c);
            print_row(out, t, at, w);
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
        leave_utf8(old);
    }
    free(labels);
    free(at);
    free(w);
}

/* ---- CSV, Markdown, JSON --------------------------------------------------- */

static void csv_field(FILE *out, const char *s, const struct render *o, enum column_kind k)
{
    int decimal = o->decimal_comma && (k == COL_MONEY || k == COL_DECIMAL);
    char special[] = {o->separator, '"', '\n', '\r', '\0'};
    int quote = strpbrk(s, special) != NULL || (decimal && o->separator == ',' && strchr(s, '.'));
    if (quote)
        fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(decimal && *s == '.' ? ',' : *s, out);
    }
    if (quote)
        fputc('"', out);
}

static void print_csv(FILE *out, const struct table *t, const struct render *o)
{
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fputc(o->separator, out);
            csv_field(out, r == 0 ? table_label(t, c) : cell(t, r - 1, c), o, r == 0 ? COL_TEXT : t->kind[c]);
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
        md_field(out, table_label(t, c));
        fputs(" |", out);
    }
    fputs("\n|", out);
    for (size_t c = 0; c < t->ncols; c++)
        fputs(right_aligned(t->kind[c]) ? "---:|" : "---|", out);
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
    if (t->kind[c] == COL_INTEGER) {
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

void tables_print(FILE *out, const struct render *r, struct table **tables, size_t n)
{
    switch (r->format) {
    case FORMAT_JSON:
        print_json(out, tables, n);
        return;
    case FORMAT_CSV: /* the tables one after the other, an empty line between */
        if (r->bom)
            fputs("\xEF\xBB\xBF", out);
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputc('\n', out);
            print_csv(out, tables[i], r);
        }
        return;
    default:
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputc('\n', out);
            if (r->format == FORMAT_MARKDOWN)
                print_markdown(out, tables[i]);
            else
                print_readable(out, tables[i], r->width);
        }
    }
}
