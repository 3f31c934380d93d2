/* iscg: the command-line face of libiscg. Every figure comes from the
 * library; this file only chooses what to ask and lays the answers out. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <iscg.h>
#include <jansson.h>

#include "table.h"

struct options {
    const char *dataset;   /* -d FILE, NULL for the embedded dataset */
    int year;              /* --year, 0 when not given */
    enum format format;
    const char *carrier;   /* receivables --carrier */
    long suppress;         /* stats --suppress */
    const char *by;        /* stats --by */
    const char *date;      /* calendar --date */
    long days;             /* calendar --days */
    iscg_load_options load; /* --max-size */
};

static const char *prog = "iscg";

static void die(int status, const char *fmt_, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(int status, const char *fmt_, ...)
{
    va_list ap;
    va_start(ap, fmt_);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt_, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(status);
}

/* A call that fails only through a fault of the library or of memory here
 * (reading back what the registry itself listed, formatting a valid date):
 * the command stops (status 2) rather than print what it did not read. */
static int must(int rc)
{
    if (rc < 0)
        die(2, "%s", iscg_strerror(rc));
    return rc;
}

/* A computation that fails for want of memory says nothing about the plan:
 * the command stops (status 2) rather than report it as a finding and print
 * totals that leave it out. Other failures return to the caller. */
static int unless_out_of_memory(int rc, const iscg_error *e)
{
    if (rc == ISCG_ENOMEM)
        die(2, "%s", e->text);
    return rc;
}

/* ---- formatting helpers ------------------------------------------------ */

static char *money(const struct options *o, iscg_cents c)
{
    char buf[48];
    must(iscg_money_format(buf, sizeof buf, c, o->format == FORMAT_CSV || o->format == FORMAT_JSON ? ISCG_MONEY_PLAIN
                                                                                              : ISCG_MONEY_FRENCH));
    return fmt("%s", buf);
}

static char *day(iscg_date d)
{
    char buf[ISCG_DATE_TEXT_LENGTH];
    must(iscg_date_format(buf, sizeof buf, d));
    return fmt("%s", buf);
}

static char *period(iscg_period p)
{
    char a[ISCG_DATE_TEXT_LENGTH], b[ISCG_DATE_TEXT_LENGTH];
    must(iscg_date_format(a, sizeof a, p.start));
    must(iscg_date_format(b, sizeof b, p.end));
    return fmt("%s..%s", a, b);
}

static char *ratio(iscg_ratio r)
{
    return r.den == 1 ? fmt("%lld", (long long)r.num) : fmt("%lld/%lld", (long long)r.num, (long long)r.den);
}

/* A share in basis points as "64.03" (a percentage with two decimals). */
static char *percent(int64_t bp)
{
    return fmt("%s%lld.%02lld", bp < 0 ? "-" : "", (long long)(llabs(bp) / 100), (long long)(llabs(bp) % 100));
}

static void add_row(struct table *t, char **cells)
{
    table_add(t, (const char *const *)cells);
    for (size_t i = 0; i < t->ncols; i++)
        free(cells[i]);
}

/* A table whose title was built with fmt(). */
static struct table *titled(const char *key, size_t ncols, const char *const *cols, char *title)
{
    struct table *t = table_new(key, title, ncols, cols);
    free(title);
    return t;
}

static void finish(const struct options *o, struct table **tables, size_t n)
{
    tables_print(stdout, o->format, tables, n);
    for (size_t i = 0; i < n; i++)
        table_free(tables[i]);
}

static iscg_dataset *load(const struct options *o)
{
    iscg_dataset *ds;
    iscg_error e;
    int rc = o->dataset ? iscg_dataset_load_file_ext(&ds, o->dataset, &o->load, &e)
                        : iscg_dataset_load_embedded(&ds, &e);
    if (rc != 0)
        die(2, "%s", e.text);
    return ds;
}

static int overlaps_year(iscg_period p, int year)
{
    return year == 0 || (p.start.year <= year && p.end.year >= year);
}

/* ---- funding ----------------------------------------------------------- */

static int cmd_funding(const struct options *o)
{
    static const char *const cols[] = {"post", "carrier", "convention", "period", "funder", "funder_kind", "side",
                                       ">amount", ">stated", "note"};
    static const char *const tcols[] = {"funder_kind", ">amount"};
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    int year = o->year ? o->year : 2023;
    struct table *t = titled("funding", 10, cols, fmt("Funding of the posts: conventions in force in %d", year));
    iscg_cents totals[ISCG_PARTY_KIND_COUNT] = {0};
    int failures = 0;
    for (size_t i = 0; i < iscg_registry_convention_count(r); i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec c;
        iscg_post_spec p;
        const char *carrier;
        must(iscg_convention_get(&c, r, id, NULL));
        if (!overlaps_year(c.period, year))
            continue;
        must(iscg_post_get(&p, r, c.post, NULL));
        must(iscg_party_get(NULL, &carrier, r, p.carrier, NULL));
        iscg_funding *f;
        iscg_error e;
        if (unless_out_of_memory(iscg_funding_compute(&f, r, id, &e), &e) != 0) {
            failures++;
            char *cells[10] = {fmt("%s", p.label), fmt("%s", carrier), fmt("%s", id), period(c.period), NULL,
                               NULL, NULL, NULL, NULL, fmt("%s", e.text)};
            add_row(t, cells);
            continue;
        }
        for (size_t k = 0; k < iscg_funding_row_count(f); k++) {
            iscg_funding_row row;
            must(iscg_funding_row_get(&row, f, k));
            if (iscg_money_add(&totals[row.party_kind], totals[row.party_kind], row.amount) != 0)
                die(1, "the total of the %s funders in %d does not fit in 64-bit cents",
                    iscg_party_kind_name(row.party_kind), year);
            char *cells[10] = {fmt("%s", p.label), fmt("%s", carrier), fmt("%s", id), period(c.period),
                               fmt("%s", row.party_name), fmt("%s", iscg_party_kind_name(row.party_kind)),
                               fmt("%s", row.side), money(o, row.amount), row.has_stated ? money(o, row.stated) : NULL,
                               row.replaces ? fmt("replaces %s", row.replaces) : NULL};
            add_row(t, cells);
        }
        iscg_funding_free(f);
    }
    struct table *tt = titled("totals", 2, tcols, fmt("Totals by kind of funder, %d", year));
    for (int k = 0; k < ISCG_PARTY_KIND_COUNT; k++) {
        if (totals[k] == 0)
            continue;
        char *cells[2] = {fmt("%s", iscg_party_kind_name((iscg_party_kind)k)), money(o, totals[k])};
        add_row(tt, cells);
    }
    struct table *all[2] = {t, tt};
    finish(o, all, 2);
    iscg_dataset_free(ds);
    return failures ? 1 : 0;
}

/* ---- receivables -------------------------------------------------------- */

static int cmd_receivables(const struct options *o)
{
    static const char *const cols[] = {"carrier", "convention", "post", "debtor", ">share", ">months", ">absent",
                                       ">amount"};
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    int year = o->year ? o->year : 2023;
    struct table *t = titled("receivables", 8, cols, fmt("Receivables (titres de recettes) for %d", year));
    /* the carriers: the one asked for, or every carrier of a post */
    size_t nposts = iscg_registry_post_count(r);
    const char **carriers = calloc(nposts + 1, sizeof *carriers);
    size_t ncarriers = 0;
    if (!carriers)
        die(2, "out of memory");
    if (o->carrier) {
        carriers[ncarriers++] = o->carrier;
    } else {
        for (size_t i = 0; i < nposts; i++) {
            iscg_post_spec p;
            must(iscg_post_get(&p, r, iscg_registry_post_id(r, i), NULL));
            size_t k = 0;
            while (k < ncarriers && strcmp(carriers[k], p.carrier) != 0)
                k++;
            if (k == ncarriers)
                carriers[ncarriers++] = p.carrier;
        }
    }
    int status = 0;
    for (size_t i = 0; i < ncarriers; i++) {
        iscg_receivables *rv;
        iscg_error e;
        if (unless_out_of_memory(iscg_receivables_compute(&rv, r, carriers[i], year, &e), &e) != 0) {
            fprintf(stderr, "%s: %s\n", prog, e.text);
            status = 1;
            continue;
        }
        const char *carrier_name;
        must(iscg_party_get(NULL, &carrier_name, r, carriers[i], NULL));
        for (size_t k = 0; k < iscg_receivables_count(rv); k++) {
            iscg_receivable c;
            must(iscg_receivables_get(&c, rv, k));
            char *cells[8] = {fmt("%s", carrier_name), fmt("%s", c.convention), fmt("%s", c.post),
                              fmt("%s", c.debtor_name), money(o, c.share), ratio(c.months), ratio(c.absent),
                              money(o, c.amount)};
            add_row(t, cells);
        }
        iscg_receivables_free(rv);
    }
    free(carriers);
    struct table *all[1] = {t};
    finish(o, all, 1);
    iscg_dataset_free(ds);
    return status;
}

/* ---- budget ------------------------------------------------------------- */

static int cmd_budget(const struct options *o)
{
    static const char *const cols[] = {"operation", "imputation", "label", "#year", ">credits", ">available",
                                       ">proposed", ">balance", ">stated_proposed"};
    static const char *const icols[] = {"operation", "convention", "carrier", ">amount"};
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    struct table *t = titled("budget", 9, cols, fmt("Budget lines"));
    struct table *ti = titled("subsidies", 4, icols, fmt("Subsidies charged to each line"));
    int status = 0;
    for (size_t i = 0; i < iscg_dataset_budget_count(ds); i++) {
        iscg_dataset_budget b;
        must(iscg_dataset_budget_get(&b, ds, i));
        if (o->year && b.year != o->year)
            continue;
        iscg_budget_result res;
        iscg_budget_item items[256];
        size_t n = 0;
        iscg_error e;
        int rc = iscg_budget_check(&res, items, 256, &n, r, &b.line, b.year, &e);
        if (rc != 0 && rc != ISCG_ECREDIT)
            die(2, "%s", e.text);
        if (rc == ISCG_ECREDIT) {
            fprintf(stderr, "%s: %s\n", prog, e.text);
            status = 1;
        }
        char *cells[9] = {fmt("%s", b.line.operation), fmt("%s", b.line.imputation ? b.line.imputation : ""),
                          fmt("%s", b.line.label ? b.line.label : ""), fmt("%d", b.year), money(o, res.credits),
                          money(o, res.available), money(o, res.proposed), money(o, res.balance),
                          b.has_stated_proposed ? money(o, b.stated_proposed) : NULL};
        add_row(t, cells);
        for (size_t k = 0; k < n && k < 256; k++) {
            const char *carrier;
            must(iscg_party_get(NULL, &carrier, r, items[k].carrier, NULL));
            char *ic[4] = {fmt("%s", b.line.operation), fmt("%s", items[k].convention), fmt("%s", carrier),
                           money(o, items[k].amount)};
            add_row(ti, ic);
        }
    }
    struct table *all[2] = {t, ti};
    finish(o, all, 2);
    iscg_dataset_free(ds);
    return status;
}

/* ---- audit -------------------------------------------------------------- */

static char *render(const iscg_explain *e)
{
    int n = iscg_explain_render(NULL, 0, e);
    char *s = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (!s)
        die(2, "out of memory");
    s[0] = '\0';
    if (n > 0)
        must(iscg_explain_render(s, (size_t)n + 1, e));
    return s;
}

static int cmd_audit(const struct options *o)
{
    static const char *const cols[] = {"#", "kind", "convention", "party", "side", "rule", "rounding", ">stated",
                                       ">computed", "finding", "explanation"};
    iscg_dataset *ds = load(o);
    iscg_audit *a;
    iscg_error e;
    if (iscg_audit_run(&a, iscg_dataset_registry(ds), &e) != 0)
        die(2, "%s", e.text);
    int with_explanations = o->format == FORMAT_JSON;
    struct table *t = titled("findings", with_explanations ? 11 : 10, cols,
                             fmt("Audit: %zu discrepancies between stated and computed amounts", iscg_audit_count(a)));
    for (size_t i = 0; i < iscg_audit_count(a); i++) {
        iscg_finding f;
        must(iscg_audit_get(&f, a, i));
        int has_stated = f.kind != ISCG_FINDING_DRIFT && f.kind != ISCG_FINDING_UNCOMPUTABLE;
        char *cells[11] = {fmt("%zu", i + 1), fmt("%s", iscg_finding_kind_name(f.kind)), fmt("%s", f.convention),
                           f.party ? fmt("%s", f.party) : NULL, f.side ? fmt("%s", f.side) : NULL,
                           fmt("%s", f.rule), fmt("%s", iscg_rounding_name(f.rounding)),
                           has_stated ? money(o, f.stated) : NULL, money(o, f.computed), fmt("%s", f.text),
                           with_explanations && f.explain ? render(f.explain) : NULL};
        add_row(t, cells);
    }
    struct table *all[1] = {t};
    finish(o, all, 1);
    if ((o->format == FORMAT_TABLE || o->format == FORMAT_MARKDOWN) && iscg_audit_count(a) > 0) {
        printf("\n%s\n", o->format == FORMAT_MARKDOWN ? "### Explanations\n\n```" : "Explanations\n");
        for (size_t i = 0; i < iscg_audit_count(a); i++) {
            iscg_finding f;
            must(iscg_audit_get(&f, a, i));
            char *s = f.explain ? render(f.explain) : fmt("%s\n", f.text);
            printf("(%zu) %s", i + 1, s);
            free(s);
        }
        if (o->format == FORMAT_MARKDOWN)
            puts("```");
    }
    int status = iscg_audit_count(a) > 0 ? 1 : 0;
    iscg_audit_free(a);
    iscg_dataset_free(ds);
    return status;
}

/* ---- explain ------------------------------------------------------------ */

static json_t *tree_json(const iscg_explain *e, const struct options *o)
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

static void tree_rows(struct table *t, const iscg_explain *e, int depth, const struct options *o)
{
    char *cells[4] = {fmt("%d", depth), fmt("%s", iscg_explain_rule(e)), money(o, iscg_explain_amount(e)),
                      fmt("%s", iscg_explain_text(e))};
    add_row(t, cells);
    for (size_t i = 0; i < iscg_explain_child_count(e); i++)
        tree_rows(t, iscg_explain_child(e, i), depth + 1, o);
}

static int cmd_explain(const struct options *o, const char *post)
{
    static const char *const cols[] = {"#depth", "rule", ">amount", "text"};
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_post_spec p;
    iscg_error e;
    if (iscg_post_get(&p, r, post, &e) != 0)
        die(2, "%s", e.text);
    json_t *root = json_array();
    struct table *t = titled("explanation", 4, cols, fmt("How the shares of post %s are computed", post));
    int found = 0, status = 0;
    for (size_t i = 0; i < iscg_registry_convention_count(r); i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec c;
        must(iscg_convention_get(&c, r, id, NULL));
        if (strcmp(c.post, post) != 0 || !overlaps_year(c.period, o->year))
            continue;
        found++;
        iscg_funding *f;
        if (unless_out_of_memory(iscg_funding_compute(&f, r, id, &e), &e) != 0) {
            fprintf(stderr, "%s: %s\n", prog, e.text);
            status = 1;
            continue;
        }
        const iscg_explain *tree = iscg_funding_explain(f);
        if (o->format == FORMAT_JSON) {
            json_array_append_new(root, tree_json(tree, o));
        } else if (o->format == FORMAT_CSV) {
            tree_rows(t, tree, 0, o);
        } else {
            char *s = render(tree);
            printf("%s%s%s%s", found > 1 ? "\n" : "", o->format == FORMAT_MARKDOWN ? "```\n" : "", s,
                   o->format == FORMAT_MARKDOWN ? "```\n" : "");
            free(s);
        }
        iscg_funding_free(f);
    }
    if (o->format == FORMAT_JSON) {
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
    } else if (o->format == FORMAT_CSV) {
        struct table *all[1] = {t};
        tables_print(stdout, o->format, all, 1);
    }
    table_free(t);
    json_decref(root);
    iscg_dataset_free(ds);
    if (!found)
        die(1, "post %s has no convention%s", post, o->year ? " in that year" : "");
    return status;
}

/* ---- stats -------------------------------------------------------------- */

static const char *const key_names[] = {"all", "post", "carrier", "force", "territory"};

static char *count_cell(const iscg_stats_sum *s)
{
    if (s->known == 0)
        return fmt("%s", s->missing ? "n/a" : "");
    return fmt("%lld", (long long)s->value);
}

static char *measure(const iscg_stats_measure *m, int scale_is_percent)
{
    if (!m->defined)
        return NULL;
    if (scale_is_percent)
        return percent(m->scaled);
    return fmt("%lld.%02lld", (long long)(m->scaled / 100), (long long)(m->scaled % 100));
}

static const char *const gap_names[] = {"not reported", "figures unknown", "period not covered"};

static int cmd_stats(const struct options *o)
{
    static const char *const cols[] = {"group", "period", "#records", "#not_reported", "#women", "#men",
                                       "#children", "#referrals", "#interviews", ">vif_percent",
                                       ">interviews_per_referral", ">share_percent"};
    static const char *const gcols[] = {"group", "post", "site", "period", "gap"};
    static const char *const scols[] = {"group", "period", "field", "state"};
    iscg_dataset *ds = load(o);
    const iscg_stats *s = iscg_dataset_stats(ds);
    int key = 1;
    if (o->by) {
        key = -1;
        for (int k = 0; k < 5; k++)
            if (strcmp(o->by, key_names[k]) == 0)
                key = k;
        if (key < 0)
            die(2, "--by %s: give all, post, carrier, force or territory", o->by);
    }
    int year = o->year;
    for (size_t i = 0; !year && i < iscg_stats_count(s); i++) { /* default: the latest year reported */
        iscg_activity a;
        must(iscg_stats_get(&a, s, i));
        year = a.period.end.year > year ? a.period.end.year : year;
    }
    for (size_t i = 0; i < iscg_stats_count(s); i++) {
        iscg_activity a;
        must(iscg_stats_get(&a, s, i));
        year = year ? year : a.period.start.year;
    }
    iscg_stats_table *tab;
    iscg_error e;
    if (iscg_stats_aggregate(&tab, s, (iscg_stats_key)key, ISCG_STATS_YEAR, ISCG_ROUND_HALF_UP, &e) != 0)
        die(2, "%s", e.text);
    iscg_stats_publication *pub = NULL;
    if (o->suppress > 0 && iscg_stats_publish(&pub, tab, o->suppress, &e) != 0)
        die(2, "%s", e.text);
    struct table *t = titled("activity", 12, cols,
                             fmt("Activity %d by %s (VIF share weighted by referrals, rates HALF_UP)%s", year,
                                 key_names[key], pub ? ", small counts suppressed" : ""));
    struct table *g = titled("gaps", 5, gcols, fmt("Missing data (STAT-4)"));
    struct table *sp = titled("suppressed", 4, scols, fmt("Suppressed cells (threshold %ld)", o->suppress));
    for (size_t i = 0; i < iscg_stats_table_count(tab); i++) {
        const iscg_stats_row *row = iscg_stats_table_row(tab, i);
        if (row->period.start.year != year)
            continue;
        const iscg_stats_published_row *prow = pub ? iscg_stats_publication_row(pub, i) : NULL;
        char *counts[5];
        static const int fields[5] = {ISCG_ACTIVITY_WOMEN, ISCG_ACTIVITY_MEN, ISCG_ACTIVITY_CHILDREN,
                                      ISCG_ACTIVITY_REFERRALS, ISCG_ACTIVITY_INTERVIEWS};
        for (int k = 0; k < 5; k++) {
            if (prow && prow->cell[fields[k]].state >= ISCG_STATS_CELL_SUPPRESSED)
                counts[k] = fmt("%s", o->format == FORMAT_JSON ? "null" : "x");
            else
                counts[k] = count_cell(&row->count[fields[k]]);
        }
        char *cells[12] = {fmt("%s", row->key), period(row->period), fmt("%zu", row->records),
                           fmt("%zu", row->not_reported), counts[0], counts[1], counts[2], counts[3], counts[4],
                           measure(&row->vif, 1), measure(&row->interviews_per_referral, 0),
                           measure(&row->share, 1)};
        add_row(t, cells);
        for (size_t k = 0; k < row->gap_count; k++) {
            const iscg_stats_gap *gp = &row->gaps[k];
            char *gc[5] = {fmt("%s", row->key), fmt("%s", gp->post), gp->site ? fmt("%s", gp->site) : NULL,
                           period(gp->period), fmt("%s", gap_names[gp->kind])};
            add_row(g, gc);
        }
    }
    for (size_t k = 0; pub && k < iscg_stats_publication_suppressed(pub); k++) {
        const iscg_stats_suppression *x = iscg_stats_publication_suppression(pub, k);
        const iscg_stats_row *row = iscg_stats_table_row(tab, x->row);
        if (row->period.start.year != year)
            continue;
        char *sc[4] = {fmt("%s", row->key), period(row->period), fmt("%s", iscg_activity_field_name(x->field)),
                       fmt("%s", x->state == ISCG_STATS_CELL_SUPPRESSED ? "below the threshold" : "complementary")};
        add_row(sp, sc);
    }
    struct table *all[3] = {t, g, sp};
    finish(o, all, pub ? 3 : 2);
    if (!pub)
        table_free(sp);
    iscg_stats_publication_free(pub);
    iscg_stats_table_free(tab);
    iscg_dataset_free(ds);
    return 0;
}

/* ---- calendar ----------------------------------------------------------- */

struct due {
    iscg_deadline d;
    const char *convention, *post;
};

static int by_date(const void *a, const void *b)
{
    const struct due *x = a, *y = b;
    int c = iscg_date_compare(x->d.date, y->d.date);
    return c ? c : (int)x->d.kind - (int)y->d.kind;
}

static int cmd_calendar(const struct options *o)
{
    static const char *const cols[] = {"date", "deadline", "convention", "post", "covers"};
    static const char *const ecols[] = {"convention", "post", "ends"};
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_date from, to;
    iscg_error e;
    if (o->date) {
        if (iscg_date_parse(&from, o->date, &e) != 0)
            die(2, "--date: %s", e.text);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        from = (iscg_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    }
    if (iscg_date_add_days(&to, from, o->days, &e) != 0)
        die(2, "--days: %s", e.text);
    size_t n = iscg_registry_convention_count(r), ndue = 0, cap = 0;
    struct due *dues = NULL;
    iscg_period *periods = calloc(n + 1, sizeof *periods);
    if (!periods)
        die(2, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *id = iscg_registry_convention_id(r, i);
        iscg_convention_spec c;
        iscg_clauses k;
        must(iscg_convention_get(&c, r, id, NULL));
        must(iscg_convention_get_clauses(&k, r, id, NULL));
        periods[i] = c.period;
        size_t count = 0;
        int first = iscg_calendar_deadlines(NULL, 0, &count, c.period, &k, from, to, &e); /* the count */
        if (first != 0 && first != ISCG_ERANGE)
            die(2, "%s", e.text);
        iscg_deadline *tmp = calloc(count + 1, sizeof *tmp);
        if (!tmp)
            die(2, "out of memory");
        if (iscg_calendar_deadlines(tmp, count, &count, c.period, &k, from, to, &e) != 0)
            die(2, "%s", e.text);
        if (ndue + count > cap) { /* room for the deadlines the call gave */
            cap = 2 * (ndue + count) + 16;
            dues = realloc(dues, cap * sizeof *dues);
            if (!dues)
                die(2, "out of memory");
        }
        for (size_t j = 0; j < count; j++)
            dues[ndue++] = (struct due){tmp[j], id, c.post};
        free(tmp);
    }
    if (ndue > 0)
        qsort(dues, ndue, sizeof *dues, by_date);
    struct table *t = titled("deadlines", 5, cols, fmt("Deadlines from %04d-%02d-%02d for %ld days", from.year,
                                                       from.month, from.day, o->days));
    for (size_t i = 0; i < ndue; i++) {
        char *cells[5] = {day(dues[i].d.date), fmt("%s", iscg_deadline_kind_name(dues[i].d.kind)),
                          fmt("%s", dues[i].convention), fmt("%s", dues[i].post), period(dues[i].d.covers)};
        add_row(t, cells);
    }
    size_t *idx = calloc(n + 1, sizeof *idx), nexp = 0;
    if (!idx)
        die(2, "out of memory");
    if (o->days > INT32_MAX || iscg_calendar_expiring(idx, n, &nexp, periods, n, from, (int)o->days, &e) != 0)
        die(2, "%s", o->days > INT32_MAX ? "--days is too large" : e.text);
    struct table *x = titled("expiring", 3, ecols, fmt("Conventions expiring within %ld days", o->days));
    for (size_t i = 0; i < nexp; i++) {
        const char *id = iscg_registry_convention_id(r, idx[i]);
        iscg_convention_spec c;
        must(iscg_convention_get(&c, r, id, NULL));
        char *cells[3] = {fmt("%s", id), fmt("%s", c.post), day(c.period.end)};
        add_row(x, cells);
    }
    struct table *all[2] = {t, x};
    finish(o, all, 2);
    free(idx);
    free(periods);
    free(dues);
    iscg_dataset_free(ds);
    return 0;
}

/* ---- validate ----------------------------------------------------------- */

/* The file is read once: validation hands over the dataset it checked (a
 * pipe gives its content only once). */
static int cmd_validate(const struct options *o, const char *path)
{
    iscg_error errs[100];
    size_t n = 0;
    iscg_dataset *ds = NULL;
    int rc = iscg_dataset_validate_file_ext(&ds, errs, 100, &n, path, &o->load);
    for (size_t i = 0; i < n && i < 100; i++)
        fprintf(stderr, "%s\n", errs[i].text);
    if (n > 100)
        fprintf(stderr, "%s: %zu more errors\n", path, n - 100);
    if (rc != 0)
        return 1;
    const iscg_registry *r = iscg_dataset_registry(ds);
    printf("%s: valid dataset: %zu parties, %zu posts, %zu conventions, %zu budget lines, %zu activity records\n",
           path, iscg_registry_party_count(r), iscg_registry_post_count(r), iscg_registry_convention_count(r),
           iscg_dataset_budget_count(ds), iscg_stats_count(iscg_dataset_stats(ds)));
    iscg_dataset_free(ds);
    return 0;
}

/* --max-size: bytes, or with a K, M or G suffix (powers of 1024). */
static size_t parse_size(const char *text)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    unsigned shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (errno || end == text || *end || text[0] == '-' || v == 0 || v > (SIZE_MAX >> shift))
        die(2, "--max-size %s is not a size in bytes (1 or more, with K, M or G for KiB, MiB, GiB)", text);
    return (size_t)v << shift;
}

/* ---- main --------------------------------------------------------------- */

static const char usage[] =
    "usage: iscg COMMAND [OPTIONS]\n"
    "\n"
    "Funding and activity rules of ISCG posts, computed by libiscg.\n"
    "\n"
    "Commands:\n"
    "  funding       each post's funders and shares (annex 2), totals by kind of funder\n"
    "  receivables   each carrier's claims on its co-funders, with absence prorata\n"
    "  budget        the Département's budget lines: credits, proposed, balance\n"
    "  audit         stated amounts that differ from their rules (exit status 1 if any)\n"
    "  explain POST  how the shares of a post are computed\n"
    "  stats         activity by post (annex 1): referrals, interviews, VIF share\n"
    "  calendar      deadlines and expiring conventions from a date\n"
    "  validate FILE check a dataset file and report every error\n"
    "\n"
    "Options (every command that reads a dataset):\n"
    "  -d, --dataset FILE   dataset file (default: the embedded Pas-de-Calais 2023 dataset)\n"
    "  -y, --year YEAR      the year (default: 2023; stats: the latest year reported)\n"
    "  -f, --format FORMAT  table (default), csv, json or markdown\n"
    "      --max-size SIZE  the largest dataset file read (default 1G; K, M, G: KiB, MiB, GiB)\n"
    "  -h, --help           this help, or a command's help with COMMAND --help\n"
    "  -V, --version        the library's version\n";

static const struct {
    const char *name, *help;
} helps[] = {
    {"funding", "usage: iscg funding [-d FILE] [--year YEAR] [--format FORMAT]\n"
                "Lists, for each convention in force in YEAR, every funder's computed share, with the\n"
                "amount the documents state beside it, then the totals by kind of funder.\n"},
    {"receivables", "usage: iscg receivables [-d FILE] [--year YEAR] [--carrier PARTY] [--format FORMAT]\n"
                    "Lists the claims (titres de recettes) each carrier issues to its co-funders for YEAR,\n"
                    "reduced by the months of absence or vacancy of the post.\n"},
    {"budget", "usage: iscg budget [-d FILE] [--year YEAR] [--format FORMAT]\n"
               "Shows each budget line's credits, the subsidies charged to it and the balance; exit\n"
               "status 1 when a proposal exceeds the available credit.\n"},
    {"audit", "usage: iscg audit [-d FILE] [--format FORMAT]\n"
              "Recomputes every stated amount and lists each discrepancy with the rule, the rounding,\n"
              "the stated and the computed figure and an explanation. Exit status 1 when there is any.\n"},
    {"explain", "usage: iscg explain POST [-d FILE] [--year YEAR] [--format FORMAT]\n"
                "Prints the explanation tree of the shares of POST's conventions.\n"},
    {"stats", "usage: iscg stats [-d FILE] [--year YEAR] [--by all|post|carrier|force|territory]\n"
              "                  [--suppress N] [--format FORMAT]\n"
              "Aggregates the activity records of YEAR; with --suppress N, counts from 1 to N-1 and\n"
              "the cells that would reveal them are hidden (\"x\") and listed.\n"},
    {"calendar", "usage: iscg calendar [-d FILE] [--date YYYY-MM-DD] [--days N] [--format FORMAT]\n"
                 "Lists the deadlines of every convention from DATE (default: today) for N days\n"
                 "(default 90), and the conventions that expire within them.\n"},
    {"validate", "usage: iscg validate [--max-size SIZE] FILE\n"
                 "Loads FILE as a dataset and reports every error (file:line:column: field: sentence).\n"},
};

/* A report that could not be written (a full disk, a closed pipe) is a
 * failure, not a success with a cut-off report: checked once, as the command
 * ends, whatever the status it ends with. */
static void close_stdout(void)
{
    errno = 0;
    int failed = ferror(stdout);
    if (fclose(stdout) != 0 || failed) {
        int e = errno;
        fprintf(stderr, "%s: cannot write the report: %s\n", prog, e ? strerror(e) : "write error");
        _exit(2);
    }
}

int main(int argc, char **argv)
{
    if (atexit(close_stdout) != 0)
        die(2, "cannot check the report's output");
    static const struct option longopts[] = {
        {"dataset", required_argument, NULL, 'd'}, {"year", required_argument, NULL, 'y'},
        {"format", required_argument, NULL, 'f'},  {"carrier", required_argument, NULL, 'c'},
        {"suppress", required_argument, NULL, 's'}, {"by", required_argument, NULL, 'b'},
        {"date", required_argument, NULL, 't'},    {"days", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
        {"max-size", required_argument, NULL, 'M'},
        {NULL, 0, NULL, 0}};
    struct options o = {NULL, 0, FORMAT_TABLE, NULL, 0, NULL, NULL, 90, ISCG_LOAD_OPTIONS_INIT};
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("iscg (libiscg) %s\n", iscg_version());
        return 0;
    }
    const char *help = NULL;
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (strcmp(cmd, helps[i].name) == 0)
            help = helps[i].help;
    if (!help)
        die(2, "unknown command \"%s\" (iscg --help lists them)", cmd);
    argv++;
    argc--;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "d:y:f:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o.dataset = optarg; break;
        case 'y':
            o.year = (int)strtol(optarg, &end, 10);
            if (*end || o.year < 1 || o.year > 9999)
                die(2, "--year %s is not a year from 1 to 9999", optarg);
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0)
                o.format = FORMAT_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                o.format = FORMAT_CSV;
            else if (strcmp(optarg, "json") == 0)
                o.format = FORMAT_JSON;
            else if (strcmp(optarg, "markdown") == 0)
                o.format = FORMAT_MARKDOWN;
            else
                die(2, "--format %s: give table, csv, json or markdown", optarg);
            break;
        case 'c': o.carrier = optarg; break;
        case 's':
            o.suppress = strtol(optarg, &end, 10);
            if (*end || o.suppress < 1)
                die(2, "--suppress %s is not a positive threshold", optarg);
            break;
        case 'b': o.by = optarg; break;
        case 't': o.date = optarg; break;
        case 'n':
            o.days = strtol(optarg, &end, 10);
            if (*end || o.days < 0 || o.days > 3660000)
                die(2, "--days %s is not a number of days", optarg);
            break;
        case 'M': o.load.max_size = parse_size(optarg); break;
        case 'h': fputs(help, stdout); return 0;
        case 'V': printf("iscg (libiscg) %s\n", iscg_version()); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    const char *arg = optind < argc ? argv[optind] : NULL;
    int needs_arg = strcmp(cmd, "explain") == 0 || strcmp(cmd, "validate") == 0;
    if (needs_arg ? !arg || optind + 1 < argc : arg != NULL) {
        fputs(help, stderr);
        return 2;
    }
    if (strcmp(cmd, "funding") == 0)
        return cmd_funding(&o);
    if (strcmp(cmd, "receivables") == 0)
        return cmd_receivables(&o);
    if (strcmp(cmd, "budget") == 0)
        return cmd_budget(&o);
    if (strcmp(cmd, "audit") == 0)
        return cmd_audit(&o);
    if (strcmp(cmd, "explain") == 0)
        return cmd_explain(&o, arg);
    if (strcmp(cmd, "stats") == 0)
        return cmd_stats(&o);
    if (strcmp(cmd, "calendar") == 0)
        return cmd_calendar(&o);
    return cmd_validate(&o, arg);
}
