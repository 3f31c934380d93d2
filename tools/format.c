/* SPDX-License-Identifier: Apache-2.0 */
/* Cell formats and the common ways of the iscg command: loading, the
 * default year, stopping with the status of the man page's table. */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <jansson.h>

#include "format.h"
#include "xlsx.h"

const char *prog = "iscg";

#ifndef LOCALEDIR /* given by the Makefile; a default for tools that compile this file alone */
#define LOCALEDIR "/usr/local/share/locale"
#endif

static int decimal_comma;

void nls_init(void)
{
    const char *dir = getenv("ISCG_LOCALEDIR");
    if (setlocale(LC_ALL, "") != NULL) {
        const struct lconv *lc = localeconv();
        decimal_comma = lc && lc->decimal_point && strcmp(lc->decimal_point, ",") == 0;
    }
    (void)setlocale(LC_NUMERIC, "C"); /* the locale's numbers are read above, never used by printf */
    (void)bindtextdomain("libiscg", dir && *dir ? dir : LOCALEDIR);
    (void)textdomain("libiscg");
}

const char *nls_context(const char *context, const char *s)
{
    char key[128];
    int n = snprintf(key, sizeof key, "%s\004%s", context, s);
    if (n < 0 || (size_t)n >= sizeof key)
        return s;
    const char *t = _(key);
    return t == key || strcmp(t, key) == 0 ? s : t;
}

int nls_decimal_comma(void)
{
    return decimal_comma;
}

void die(int status, const char *fmt_, ...)
{
    va_list ap;
    va_start(ap, fmt_);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt_, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(status);
}

void must_ok(int status)
{
    if (status < 0) /* a length (a formatted amount or date) is no failure */
        die(EXIT_TROUBLE, _("cannot read what the library reported: %s"), iscg_strerror(status));
}

void fail(const iscg_error *e)
{
    die(e->code == ISCG_ECANCELED ? EXIT_INTERRUPTED : EXIT_TROUBLE, "%s", e->text);
}

char *money(const struct options *o, iscg_cents c)
{
    char buf[48];
    int readable = o->format == FORMAT_TABLE || o->format == FORMAT_MARKDOWN;
    must_ok(iscg_money_format(buf, sizeof buf, c, readable ? ISCG_MONEY_FRENCH : ISCG_MONEY_PLAIN));
    return fmt("%s", buf);
}

char *day(iscg_date d)
{
    char buf[ISCG_DATE_TEXT_LENGTH];
    must_ok(iscg_date_format(buf, sizeof buf, d));
    return fmt("%s", buf);
}

char *period(iscg_period p)
{
    char a[ISCG_DATE_TEXT_LENGTH], b[ISCG_DATE_TEXT_LENGTH];
    must_ok(iscg_date_format(a, sizeof a, p.start));
    must_ok(iscg_date_format(b, sizeof b, p.end));
    return fmt("%s..%s", a, b);
}

char *ratio(iscg_ratio r)
{
    return r.den == 1 ? fmt("%lld", (long long)r.num) : fmt("%lld/%lld", (long long)r.num, (long long)r.den);
}

/* A share in basis points as "64.03" (a percentage with two decimals). */
char *percent(int64_t bp)
{
    return fmt("%s%lld.%02lld", bp < 0 ? "-" : "", (long long)(llabs(bp) / 100), (long long)(llabs(bp) % 100));
}

char *render(const iscg_explain *e)
{
    int n = iscg_explain_render(NULL, 0, e);
    char *s = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (!s)
        die(EXIT_TROUBLE, _("out of memory"));
    s[0] = '\0';
    if (n > 0)
        must_ok(iscg_explain_render(s, (size_t)n + 1, e));
    return s;
}

void add_row(struct table *t, char **cells)
{
    table_add(t, (const char *const *)cells);
    for (size_t i = 0; i < t->ncols; i++)
        free(cells[i]);
}

struct table *titled(const char *key, size_t ncols, const char *const *cols, char *title)
{
    struct table *t = table_new(key, title, ncols, cols);
    free(title);
    return t;
}

void finish(const struct options *o, struct table **tables, size_t n)
{
    if (o->columns) {
        const char *unknown;
        size_t len;
        long kept = tables_select(tables, n, o->columns, &unknown, &len);
        if (kept < 0) {
            for (size_t i = 0; i < n; i++)
                table_free(tables[i]);
            die(EXIT_TROUBLE, _("--columns: no table of this report has a column \"%.*s\""), (int)len, unknown);
        }
        n = (size_t)kept;
    }
    if (o->format == FORMAT_XLSX) {
        char *why;
        int owned;
        int rc = xlsx_write(o->output, tables, n, &why, &owned);
        for (size_t i = 0; i < n; i++)
            table_free(tables[i]);
        if (rc != 0) {
            fprintf(stderr, "%s: %s\n", prog, why);
            if (owned)
                free(why);
            exit(EXIT_TROUBLE);
        }
        return;
    }
    tables_print(stdout, &o->render, tables, n);
    for (size_t i = 0; i < n; i++)
        table_free(tables[i]);
}

void print_text(const struct options *o, const char *text)
{
    text_print(stdout, text, o->format == FORMAT_TABLE ? o->render.width : 0);
}

size_t output_width(void)
{
    const char *c = getenv("COLUMNS");
    if (c && *c) {
        char *end;
        long v = strtol(c, &end, 10);
        if (!*end && v > 0 && v < 100000)
            return (size_t)v;
    }
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

iscg_dataset *load(const struct options *o)
{
    iscg_dataset *ds;
    iscg_error e;
    int rc = o->dataset ? iscg_dataset_load_file_ext(&ds, o->dataset, &o->load, &e)
                        : iscg_dataset_load_embedded(&ds, &e);
    if (rc != 0)
        fail(&e);
    return ds;
}

int year_of(const struct options *o, const iscg_dataset *ds, int what)
{
    int year;
    iscg_error e;
    if (o->year)
        return o->year;
    if (iscg_report_latest_year(&year, ds, what, &e) != 0)
        die(e.code == ISCG_ENOTFOUND ? EXIT_FLAGGED : EXIT_TROUBLE, "%s", e.text);
    return year;
}

void no_data(const char *what, int year)
{
    die(EXIT_FLAGGED, _("no %s in %d in this dataset"), _(what), year);
}

/* ---- explanations and statistics ---------------------------------------- */

char *count_cell(const iscg_stats_sum *s)
{
    if (s->known == 0)
        return fmt("%s", s->missing ? _("n/a") : "");
    return fmt("%lld", (long long)s->value);
}

char *measure(const iscg_stats_measure *m, int scale_is_percent)
{
    if (!m->defined)
        return NULL;
    if (scale_is_percent)
        return percent(m->scaled);
    return fmt("%lld.%02lld", (long long)(m->scaled / 100), (long long)(m->scaled % 100));
}

json_t *tree_json(const iscg_explain *e, const struct options *o)
{
    json_t *node = json_object(), *children = json_array();
    char *amount = money(o, iscg_explain_amount(e));
    json_object_set_new(node, "rule", json_string(iscg_explain_rule(e)));
    json_object_set_new(node, "amount", json_string(amount));
    json_object_set_new(node, "text", json_string(iscg_explain_text(e)));
    free(amount);
    for (size_t i = 0; i < iscg_explain_child_count(e); i++)
        json_array_append_new(children, tree_json(iscg_explain_child(e, i), o));
    json_object_set_new(node, "children", children);
    return node;
}

void tree_rows(struct table *t, const iscg_explain *e, int depth, const struct options *o)
{
    char *cells[4] = {fmt("%d", depth), fmt("%s", iscg_explain_rule(e)), money(o, iscg_explain_amount(e)),
                      fmt("%s", iscg_explain_text(e))};
    add_row(t, cells);
    for (size_t i = 0; i < iscg_explain_child_count(e); i++)
        tree_rows(t, iscg_explain_child(e, i), depth + 1, o);
}

/* ---- lists of identifiers ------------------------------------------------ */

void list_parties(struct table *t, const iscg_registry *r)
{
    for (size_t i = 0; i < iscg_registry_party_count(r); i++) {
        const char *id = iscg_registry_party_id(r, i), *name = NULL;
        iscg_party_kind kind = ISCG_PARTY_OTHER;
        must_ok(iscg_party_get(&kind, &name, r, id, NULL));
        char *cells[4] = {fmt("%s", id), fmt("%s", iscg_party_kind_name(kind)), fmt("%s", name), NULL};
        add_row(t, cells);
    }
}

void list_posts(struct table *t, const iscg_registry *r)
{
    for (size_t i = 0; i < iscg_registry_post_count(r); i++) {
        iscg_post_spec p;
        must_ok(iscg_post_get(&p, r, iscg_registry_post_id(r, i), NULL));
        char *cells[4] = {fmt("%s", p.id), fmt("%s", iscg_post_kind_name(p.kind)), fmt("%s", p.label),
                          fmt("%s", p.carrier)};
        add_row(t, cells);
    }
}

void list_conventions(struct table *t, const iscg_registry *r)
{
    for (size_t i = 0; i < iscg_registry_convention_count(r); i++) {
        iscg_convention_spec c;
        must_ok(iscg_convention_get(&c, r, iscg_registry_convention_id(r, i), NULL));
        /* a grant for several posts (SPLIT-8) names them all */
        char posts[512] = "";
        size_t at = 0, n = iscg_convention_post_count(r, c.id);
        for (size_t k = 0; k < n && at < sizeof posts; k++) {
            const char *post = NULL;
            must_ok(iscg_convention_post_get(&post, NULL, r, c.id, k));
            at += (size_t)snprintf(posts + at, sizeof posts - at, "%s%s", k ? ", " : "", post);
        }
        char *cells[4] = {fmt("%s", c.id), period(c.period), fmt("%s", c.source ? c.source : ""),
                          fmt("%s", n ? posts : c.post)};
        add_row(t, cells);
    }
}

void list_lines(struct table *t, const iscg_dataset *ds)
{
    for (size_t i = 0; i < iscg_dataset_budget_count(ds); i++) {
        iscg_dataset_budget b;
        must_ok(iscg_dataset_budget_get(&b, ds, i));
        char *cells[4] = {fmt("%s", b.line.operation), fmt("%d", b.year), fmt("%s", b.line.label ? b.line.label : ""),
                          fmt("%s", b.line.payer)};
        add_row(t, cells);
    }
}


/* ---- the command line ------------------------------------------------------ */

enum format parse_format(const char *name)
{
    static const char *const names[] = {"table", "csv", "json", "markdown", "xlsx"};
    static const enum format formats[] = {FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_MARKDOWN, FORMAT_XLSX};
    for (size_t i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0)
            return formats[i];
    die(EXIT_TROUBLE, _("--format %s: give table, csv, json, markdown or xlsx"), name);
}

char parse_separator(const char *text)
{
    if (strcmp(text, "tab") == 0 || strcmp(text, "\\t") == 0)
        return '\t';
    if (strlen(text) != 1 || strchr("\"\r\n", text[0]) || (unsigned char)text[0] >= 0x80)
        die(EXIT_TROUBLE, _("--csv-separator %s: give one character (such as ; or ,) or \"tab\""), text);
    return text[0];
}

/* A report that could not be written (a full disk, a closed pipe) is a
 * failure, not a success with a cut-off report: checked once, as the command
 * ends, whatever the status it ends with. */
void close_stdout(void)
{
    errno = 0;
    int failed = ferror(stdout);
    if (fclose(stdout) != 0 || failed) {
        int e = errno;
        fprintf(stderr, _("%s: cannot write the report: %s\n"), prog, e ? strerror(e) : _("write error"));
        _exit(EXIT_TROUBLE);
    }
}

/* --max-size: bytes, or with a K, M or G suffix (powers of 1024). */
size_t parse_size(const char *text)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    unsigned shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (errno || end == text || *end || text[0] == '-' || v == 0 || v > (SIZE_MAX >> shift))
        die(EXIT_TROUBLE, _("--max-size %s is not a size in bytes (1 or more, with K, M or G for KiB, MiB, GiB)"), text);
    return (size_t)v << shift;
}

/* SPLIT-8: the grants for several posts, each post's part of each funder's
 * share; NULL when the report has no grant. */
struct table *funding_by_post(const struct options *o, const iscg_report_funding *rf)
{
    size_t nposts = iscg_report_funding_post_row_count(rf);
    if (nposts == 0)
        return NULL;
    static const char *const pcols[] = {N_("post"), N_("convention"), N_("funder"), N_("side"),
                                        "$" N_("share"), "$" N_("amount")};
    struct table *t = titled(N_("by_post"), 6, pcols,
                             fmt("%s", _("Grants for several posts: each post's part of each funder's share")));
    for (size_t i = 0; i < nposts; i++) {
        iscg_report_funding_post_row x;
        must_ok(iscg_report_funding_post_row_get(&x, rf, i));
        char *cells[6] = {fmt("%s", x.post_label), fmt("%s", x.convention), fmt("%s", x.funder.party_name),
                          fmt("%s", x.funder.side), money(o, x.funder.amount), money(o, x.amount)};
        add_row(t, cells);
    }
    return t;
}
