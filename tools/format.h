/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg command's cell formats, its exit statuses and its ways to stop:
 * what every subcommand shares. */
#ifndef ISCG_TOOL_FORMAT_H
#define ISCG_TOOL_FORMAT_H

#include <iscg.h>
#include <jansson.h>

#include "nls.h"
#include "table.h"

/* The exit statuses of every subcommand (the man page's EXIT STATUS). */
enum exit_status {
    EXIT_CLEAN = 0,   /* the report is complete and flags nothing */
    EXIT_FLAGGED = 1, /* the report flags something, or the year asked has no data */
    EXIT_INTERRUPTED = 130, /* Ctrl-C (SIGINT) stopped a long load */
    EXIT_TROUBLE = 2  /* the command could not run: usage, an unknown identifier,
                         an unreadable dataset, no memory, a failed write */
};

struct options {
    const char *dataset; /* -d FILE, NULL for the embedded dataset */
    int year;            /* --year, 0 when not given */
    int whole;           /* funding --whole: whole periods, no year */
    enum format format;
    struct render render; /* how tables are written (--format, --wide, --csv-separator...) */
    const char *columns; /* --columns a,b,c, NULL for all */
    const char *output;  /* -o FILE, NULL for standard output */
    const char *carrier; /* receivables --carrier */
    long suppress;       /* stats --suppress */
    const char *by;      /* stats --by */
    const char *date;    /* calendar --date */
    long days;           /* calendar --days */
    iscg_load_options load; /* --max-size */
};

/* Reads the command line into *o, the subcommand into *cmd and its one
 * argument (or NULL) into *arg, and catches SIGINT so that a long read stops
 * cleanly (exit 130). Returns -1 to go on, or the status to exit with at once
 * (after --help, --version or a usage error). */
int parse_options(struct options *o, const char **cmd, const char **arg, int argc, char **argv);

extern const char *prog;

void die(int status, const char *fmt_, ...) __attribute__((format(printf, 2, 3), noreturn));

/* A status that cannot be a failure where it is read (an identifier taken
 * from the registry itself, an index in range, a buffer of the documented
 * size): should it ever be one (a negative ISCG_E* code), the command stops (EXIT_TROUBLE) rather than
 * print a row it could not read. */
void must_ok(int status);

/* --max-size: bytes, or with a K, M or G suffix (powers of 1024); dies on
 * anything else. */
size_t parse_size(const char *text);
/* Stops with the status an error of the library calls for: an unknown
 * identifier or a bad argument is the caller's (EXIT_TROUBLE, as every other
 * failure to run). */
void fail(const iscg_error *e) __attribute__((noreturn));

char *money(const struct options *o, iscg_cents c);
char *day(iscg_date d);
char *period(iscg_period p);
char *ratio(iscg_ratio r);
char *percent(int64_t bp);
/* An explanation tree as text; exits on out of memory. */
char *render(const iscg_explain *e);

/* Appends the row and frees its cells. */
void add_row(struct table *t, char **cells);
/* A table whose title was built with fmt(). */
struct table *titled(const char *key, size_t ncols, const char *const *cols, char *title);
/* Keeps the columns of --columns, prints the tables (or writes the
 * workbook of --format xlsx) and frees them; stops on an unknown column or a
 * workbook that cannot be written. */
void finish(const struct options *o, struct table **tables, size_t n);
/* SPLIT-8: each post's part of each funder's share in a grant for several
 * posts, as a table; NULL when the report has none. */
struct table *funding_by_post(const struct options *o, const iscg_report_funding *rf);

/* The dataset of -d FILE, or the embedded one; stops on failure. */
iscg_dataset *load(const struct options *o);
/* The year asked, or the latest year of the dataset's data of the kinds
 * what (iscg_report_data): the data the subcommand reports. */
int year_of(const struct options *o, const iscg_dataset *ds, int what);
/* Stops with EXIT_FLAGGED: the year has no data of this kind. */
void no_data(const char *what, int year) __attribute__((noreturn));

/* A statistics cell: a count (empty or "n/a" when unknown) and a measure
 * (a percentage when scale_is_percent, else a number with two decimals). */
char *count_cell(const iscg_stats_sum *s);
char *measure(const iscg_stats_measure *m, int scale_is_percent);

/* An explanation tree as JSON (a new reference) and as rows of t. */
json_t *tree_json(const iscg_explain *e, const struct options *o);
void tree_rows(struct table *t, const iscg_explain *e, int depth, const struct options *o);

/* The rows of `iscg list`: identifier, kind or period, name, owner. */
void list_parties(struct table *t, const iscg_registry *r);
void list_posts(struct table *t, const iscg_registry *r);
void list_conventions(struct table *t, const iscg_registry *r);
void list_lines(struct table *t, const iscg_dataset *ds);

/* The format named by --format; stops on an unknown name. */
enum format parse_format(const char *name);
/* --csv-separator: one character, or "tab"; stops on anything else. */
char parse_separator(const char *text);
/* The width readable tables fit: $COLUMNS when it is a number, else the
 * terminal's when standard output is one, else 0 (no limit). */
size_t output_width(void);
/* Text of the report outside its tables (audit's explanations), wrapped to
 * the width of the tables. */
void print_text(const struct options *o, const char *text);
/* Checks, as the command ends, that the report was written (atexit). */
void close_stdout(void);

/* The stats subcommand (stats.c). */
int cmd_stats(const struct options *o);
/* The checks of the dataset's stated figures (STAT-7), all of them or only
 * those that do not agree; *disagreements (may be NULL) receives their count. */
struct table *stated_table(const iscg_dataset *ds, int only_disagreements, size_t *disagreements);
/* The table of the stated figures that do not agree, or NULL when they all
 * do (or there are none); *count receives their number. */
struct table *stated_disagreements(const iscg_dataset *ds, size_t *count);

#endif
