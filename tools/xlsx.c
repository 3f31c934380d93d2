/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's tables as an xlsx workbook, written by libxlsxwriter:
 * numbers stay numbers so that a spreadsheet sums, sorts and plots them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "nls.h"
#include "xlsx.h"

/* "14670.00" or "-10.50" as cents; 0 when the text is no amount. */
static int parse_cents(const char *s, int64_t *cents)
{
    int neg = *s == '-';
    int64_t v = 0;
    s += neg;
    if (*s < '0' || *s > '9')
        return 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (INT64_MAX - 9) / 10)
            return 0;
        v = v * 10 + (*s - '0');
    }
    int frac = 0, decimals = 0;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9' && decimals < 2; s++, decimals++)
            frac = frac * 10 + (*s - '0');
    if (*s || decimals == 1 || v > (INT64_MAX - 99) / 100)
        return 0;
    *cents = (neg ? -1 : 1) * (v * 100 + frac);
    return 1;
}

/* A number as plain text ("12", "64.03", "-1.5"), with nothing after it. */
static int parse_number(const char *s, double *d)
{
    char *end;
    if (!*s || strpbrk(s, "xXnN,eE ") || (*s != '-' && (*s < '0' || *s > '9')))
        return 0;
    *d = strtod(s, &end);
    return *end == '\0';
}

/* n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* YYYY-MM-DD (as the command formats dates: the library checked them). */
static int parse_date(const char *s, lxw_datetime *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    int y = digits(s, 4), m = digits(s + 5, 2), day = digits(s + 8, 2);
    if (y < 1900 || m < 1 || m > 12 || day < 1 || day > 31)
        return 0;
    *d = (lxw_datetime){y, m, day, 0, 0, 0};
    return 1;
}

/* A period "YYYY-MM-DD..YYYY-MM-DD" as its two dates. */
static int parse_period(const char *s, lxw_datetime *a, lxw_datetime *b)
{
    char first[11];
    if (strlen(s) != 22 || strncmp(s + 10, "..", 2) != 0)
        return 0;
    memcpy(first, s, 10);
    first[10] = '\0';
    return parse_date(first, a) && parse_date(s + 12, b);
}

static int is_period_column(const struct table *t, size_t c)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *s = t->cells[r * t->ncols + c];
        lxw_datetime a, b;
        if (s && !parse_period(s, &a, &b))
            return 0;
    }
    return t->nrows > 0 && t->kind[c] == COL_TEXT;
}

/* The sheet's name: the table's translated name, without the characters
 * a sheet name cannot hold, at most 31 characters, unique in the workbook. */
static void sheet_name(lxw_workbook *wb, const struct table *t, char *name, size_t size)
{
    const char *s = _(t->key);
    size_t n = 0, chars = 0;
    for (; *s && n + 4 < size; s++) {
        int lead = ((unsigned char)*s & 0xC0) != 0x80;
        if (lead && chars == 28)
            break; /* whole characters only */
        if (strchr("[]:*?/\\'", *s))
            continue;
        chars += lead;
        name[n++] = *s;
    }
    name[n] = '\0';
    for (int k = 2; workbook_get_worksheet_by_name(wb, name) && k < 100; k++)
        snprintf(name + n, size - n, " %d", k);
}

struct formats {
    lxw_format *head, *euros, *cents, *decimal, *date;
};

static lxw_error write_sheet(lxw_workbook *wb, const struct formats *f, const struct table *t)
{
    char name[128];
    sheet_name(wb, t, name, sizeof name);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error err = LXW_NO_ERROR;
    lxw_col_t x = 0;
    for (size_t c = 0; c < t->ncols && !err; c++) {
        const char *label = table_label(t, c);
        int two = is_period_column(t, c);
        double width = 0;
        if (two) {
            char *a = fmt(_("%s (start)"), label), *b = fmt(_("%s (end)"), label);
            err = worksheet_write_string(ws, 0, x, a, f->head);
            if (!err)
                err = worksheet_write_string(ws, 0, (lxw_col_t)(x + 1), b, f->head);
            width = (double)text_width(a) + 2;
            free(a);
            free(b);
        } else {
            err = worksheet_write_string(ws, 0, x, label, f->head);
            width = (double)text_width(label) + 2;
        }
        for (size_t r = 0; r < t->nrows && !err; r++) {
            const char *s = t->cells[r * t->ncols + c];
            lxw_row_t row = (lxw_row_t)(r + 1);
            int64_t cents;
            double d;
            lxw_datetime a, b;
            if (!s || !*s)
                continue;
            if ((double)text_width(s) + 2 > width)
                width = (double)text_width(s) + 2;
            if (two && parse_period(s, &a, &b)) {
                err = worksheet_write_datetime(ws, row, x, &a, f->date);
                if (!err)
                    err = worksheet_write_datetime(ws, row, (lxw_col_t)(x + 1), &b, f->date);
            } else if (t->kind[c] == COL_MONEY && parse_cents(s, &cents)) {
                /* euros as a spreadsheet number: the double nearest the cents */
                err = worksheet_write_number(ws, row, x, (double)cents / 100.0, cents % 100 ? f->cents : f->euros);
            } else if ((t->kind[c] == COL_INTEGER || t->kind[c] == COL_DECIMAL) && parse_number(s, &d)) {
                err = worksheet_write_number(ws, row, x, d, t->kind[c] == COL_DECIMAL ? f->decimal : NULL);
            } else if (t->kind[c] == COL_DATE && parse_date(s, &a)) {
                err = worksheet_write_datetime(ws, row, x, &a, f->date);
            } else {
                err = worksheet_write_string(ws, row, x, s, NULL);
            }
        }
        if (width > 60)
            width = 60;
        if (!err)
            err = worksheet_set_column(ws, x, (lxw_col_t)(x + two), two ? 12 : width, NULL);
        x = (lxw_col_t)(x + 1 + two);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return err;
}

int xlsx_write(const char *path, struct table **tables, size_t n, char **why, int *why_owned)
{
    *why_owned = 0;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        *why = (char *)lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED);
        return -1;
    }
    struct formats f = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
                        workbook_add_format(wb), workbook_add_format(wb)};
    lxw_error err = LXW_NO_ERROR;
    if (!f.head || !f.euros || !f.cents || !f.decimal || !f.date) {
        err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    } else {
        format_set_bold(f.head);
        /* "," is the thousands separator of format codes: a French
         * spreadsheet shows 14 333 €, an English one 14,333 € */
        format_set_num_format(f.euros, "#,##0\\ \"€\"");
        format_set_num_format(f.cents, "#,##0.00\\ \"€\"");
        format_set_num_format(f.decimal, "0.00");
        format_set_num_format(f.date, "yyyy-mm-dd");
    }
    for (size_t i = 0; i < n && !err; i++)
        err = write_sheet(wb, &f, tables[i]);
    lxw_error closed = workbook_close(wb); /* frees the workbook and writes it */
    if (err && !closed)
        (void)remove(path); /* no half-written workbook */
    if (!err)
        err = closed;
    if (err) {
        *why = fmt("%s: %s", path, lxw_strerror(err));
        *why_owned = 1;
        return -1;
    }
    return 0;
}
