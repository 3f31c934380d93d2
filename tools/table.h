/* SPDX-License-Identifier: Apache-2.0 */
/* Tables of text cells and their renderings (readable table, CSV, JSON,
 * Markdown, xlsx workbook) for the iscg command. The command fills tables
 * from the library's results; nothing here computes a figure. */
#ifndef ISCG_TOOL_TABLE_H
#define ISCG_TOOL_TABLE_H

#include <stdio.h>

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_MARKDOWN, FORMAT_XLSX };

/* What a column holds, from the first character of its name in table_new(). */
enum column_kind {
    COL_TEXT,    /* "name": text, left-aligned; the readable table wraps it to fit */
    COL_RIGHT,   /* ">name": text right-aligned (a ratio such as 1/3) */
    COL_INTEGER, /* "#name": an integer (a raw JSON value: a number, true/false or null) */
    COL_MONEY,   /* "$name": an amount, "14333.00" in CSV, JSON and xlsx */
    COL_DECIMAL, /* "%name": a number with two decimals, "64.03" */
    COL_DATE     /* "@name": a date, YYYY-MM-DD */
};

struct table {
    char *title;     /* shown above the readable and Markdown forms (translated) */
    char *key;       /* the section's name in JSON; its translation names the xlsx sheet */
    size_t ncols;
    char **head;     /* column names: JSON keys; translated in the other forms */
    enum column_kind *kind;
    char **cells;    /* nrows × ncols, NULL for an empty cell */
    size_t nrows, cap;
};

/* How tables are written. */
struct render {
    enum format format;
    size_t width;      /* readable tables: the widest line, 0 for no limit (--wide) */
    char separator;    /* CSV: the field separator */
    int decimal_comma; /* CSV: amounts and decimals with a comma */
    int bom;           /* CSV: a UTF-8 byte order mark first */
    const char *output; /* xlsx: the workbook's file */
};

/* A new table; the columns are named as enum column_kind says. Exits on
 * out of memory. */
struct table *table_new(const char *key, const char *title, size_t ncols, const char *const *cols);
void table_free(struct table *t);
/* Appends a row of ncols cells (copied; NULL is an empty cell). */
void table_add(struct table *t, const char *const *cells);
/* The column's name as shown to the user: its translation. */
const char *table_label(const struct table *t, size_t c);

/* --columns: keeps in each table the columns named in list (comma-separated
 * names, as in JSON or as shown), in the list's order; a table that has none
 * of them is freed and left out. Returns the number of tables kept, or -1
 * when a name is in no table (*unknown then points to it within list, and
 * nothing changed). */
long tables_select(struct table **tables, size_t n, const char *list, const char **unknown, size_t *unknown_len);

/* Writes the tables of one report (not xlsx: see xlsx.h). */
void tables_print(FILE *out, const struct render *r, struct table **tables, size_t n);

/* Writes text (lines ending with \n) with each line wrapped to width
 * display columns (0: as it is); a continued line keeps the indentation of
 * its first line, plus four columns. */
void text_print(FILE *out, const char *text, size_t width);

/* The display width of UTF-8 text (combining accents take no column, wide
 * characters two). */
size_t text_width(const char *s);

/* printf into a fresh string; exits on out of memory. */
char *fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
