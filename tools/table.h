/* SPDX-License-Identifier: Apache-2.0 */
/* Tables of text cells and their four renderings (readable table, CSV,
 * JSON, Markdown) for the iscg command. The command fills tables from the
 * library's results; nothing here computes a figure. */
#ifndef ISCG_TOOL_TABLE_H
#define ISCG_TOOL_TABLE_H

#include <stdio.h>

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_MARKDOWN };

struct table {
    char *title;     /* shown above the readable and Markdown forms */
    char *key;       /* the section's name in JSON */
    size_t ncols;
    char **head;     /* column names (also JSON keys) */
    int *right;      /* 1: right-aligned (numbers) */
    int *raw;        /* 1: in JSON, the cell is written as a number, true/false or null */
    char **cells;    /* nrows × ncols, NULL for an empty cell */
    size_t nrows, cap;
};

/* A new table; the columns are "name" or ">name" (right-aligned) or "#name"
 * (right-aligned, and a raw JSON value). Exits on out of memory. */
struct table *table_new(const char *key, const char *title, size_t ncols, const char *const *cols);
void table_free(struct table *t);
/* Appends a row of ncols cells (copied; NULL is an empty cell). */
void table_add(struct table *t, const char *const *cells);

/* Writes the tables of one report. CSV writes the first table only. */
void tables_print(FILE *out, enum format f, struct table **tables, size_t n);

/* printf into a fresh string; exits on out of memory. */
char *fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
