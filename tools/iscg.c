/* SPDX-License-Identifier: Apache-2.0 */
/* iscg: the command-line face of libiscg. Every figure comes from the
 * library's reports (iscg/report.h); this file only chooses what to ask and
 * lays the answers out. The exit statuses are those of format.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <iscg.h>
#include <jansson.h>

#include "format.h"
#include "usage.h"

/* ---- funding ----------------------------------------------------------- */

/* 1 when the side of the convention pays the remainder (SPLIT-2: the
 * reste à charge, cost minus the other shares). */
static int pays_remainder(const iscg_report_funding *rf, const char *convention, const char *side)
{
    for (size_t i = 0; i < iscg_report_funding_convention_count(rf); i++) {
        const iscg_funding *f = iscg_report_funding_plan(rf, i);
        if (!f || strcmp(iscg_funding_convention(f), convention) != 0)
            continue;
        for (size_t k = 0; k < iscg_funding_side_count(f); k++) {
            iscg_funding_side s;
            must_ok(iscg_funding_side_get(&s, f, k));
            if (strcmp(s.name, side) == 0)
                return s.rule == ISCG_SHARE_REMAINDER;
        }
    }
    return 0;
}

static int cmd_funding(const struct options *o)
{
    /* a column's kind is a mark before its name ("$" N_("amount")): no comma is missing */
    /* NOLINTBEGIN(bugprone-suspicious-missing-comma) */
    static const char *const cols[] = {N_("post"),   N_("carrier"),     N_("convention"), N_("period"),
                                       N_("funder"), N_("funder_kind"), N_("side"),       "$" N_("amount"),
                                       "$" N_("stated"), N_("note")};
    /* NOLINTEND(bugprone-suspicious-missing-comma) */
    static const char *const tcols[] = {N_("funder_kind"), "$" N_("amount")};
    iscg_dataset *ds = load(o);
    int year = o->whole ? 0 : year_of(o, ds, ISCG_REPORT_CONVENTIONS);
    iscg_report_funding *rf;
    iscg_error e;
    if (iscg_report_funding_compute(&rf, iscg_dataset_registry(ds), iscg_dataset_scenario(ds), year, &e) != 0)
        fail(&e);
    if (iscg_report_funding_convention_count(rf) == 0)
        no_data(N_("convention in force"), year);
    struct table *t = titled(N_("funding"), 10, cols,
                             year ? fmt(_("Funding of the posts: each convention's part of %d"), year)
                                  : fmt("%s", _("Funding of the posts: each convention over its whole period")));
    for (size_t i = 0; i < iscg_report_funding_row_count(rf); i++) {
        iscg_report_funding_row r;
        must_ok(iscg_report_funding_row_get(&r, rf, i));
        const iscg_funding_row *f = &r.funder;
        int rest = pays_remainder(rf, r.convention, f->side);
        char *note = f->replaces ? fmt(rest ? _("remainder; replaces %s") : _("replaces %s"), f->replaces)
                                 : rest ? fmt("%s", _("remainder")) : NULL;
        char *cells[10] = {fmt("%s", r.post_label), fmt("%s", r.carrier_name), fmt("%s", r.convention),
                           period(r.period), fmt("%s", f->party_name), fmt("%s", iscg_party_kind_name(f->party_kind)),
                           fmt("%s", f->side), money(o, f->amount), f->has_stated ? money(o, f->stated) : NULL, note};
        add_row(t, cells);
    }
    for (size_t i = 0; i < iscg_report_funding_failure_count(rf); i++) {
        iscg_report_failure x;
        must_ok(iscg_report_funding_failure_get(&x, rf, i));
        char *cells[10] = {fmt("%s", x.post_label), fmt("%s", x.carrier_name), fmt("%s", x.convention),
                           period(x.period), NULL, NULL, NULL, NULL, NULL, fmt("%s", x.text)};
        add_row(t, cells);
    }
    struct table *tt = titled(N_("totals"), 2, tcols,
                              year ? fmt(_("Totals by kind of funder, %d"), year)
                                   : fmt("%s", _("Totals by kind of funder, whole periods")));
    for (int k = 0; k < ISCG_PARTY_KIND_COUNT; k++) {
        iscg_cents total = iscg_report_funding_total(rf, (iscg_party_kind)k);
        if (total == 0)
            continue;
        char *cells[2] = {fmt("%s", iscg_party_kind_name((iscg_party_kind)k)), money(o, total)};
        add_row(tt, cells);
    }
    struct table *all[3] = {t, tt, funding_by_post(o, rf)}; /* SPLIT-8: NULL without a grant */
    finish(o, all, all[2] ? 3 : 2);
    int status = iscg_report_funding_failure_count(rf) ? EXIT_FLAGGED : EXIT_CLEAN;
    iscg_report_funding_free(rf);
    iscg_dataset_free(ds);
    return status;
}

/* ---- receivables -------------------------------------------------------- */

static int cmd_receivables(const struct options *o)
{
    static const char *const cols[] = {N_("carrier"),     N_("convention"),  N_("post"),       N_("debtor"),
                                       "$" N_("share"),   ">" N_("months"), ">" N_("absent"), "$" N_("amount")};
    iscg_dataset *ds = load(o);
    int year = year_of(o, ds, ISCG_REPORT_CONVENTIONS);
    iscg_report_receivables *rr;
    iscg_error e;
    if (iscg_report_receivables_compute(&rr, iscg_dataset_registry(ds), iscg_dataset_scenario(ds), o->carrier, year,
                                        &e) != 0)
        fail(&e);
    if (iscg_report_receivables_count(rr) == 0 && iscg_report_receivables_failure_count(rr) == 0)
        no_data(N_("claim"), year);
    struct table *t = titled(N_("receivables"), 8, cols, fmt(_("Receivables (titres de recettes) for %d"), year));
    for (size_t i = 0; i < iscg_report_receivables_count(rr); i++) {
        iscg_report_receivable x;
        must_ok(iscg_report_receivables_get(&x, rr, i));
        const iscg_receivable *c = &x.claim;
        char *cells[8] = {fmt("%s", x.carrier_name), fmt("%s", c->convention), fmt("%s", c->post),
                          fmt("%s", c->debtor_name), money(o, c->share), ratio(c->months), ratio(c->absent),
                          money(o, c->amount)};
        add_row(t, cells);
    }
    for (size_t i = 0; i < iscg_report_receivables_failure_count(rr); i++) { /* RCV-4: on their own lines */
        iscg_report_failure x;
        iscg_error why;
        must_ok(iscg_report_receivables_failure_get(&x, &why, rr, i));
        char *cells[8] = {fmt("%s", x.carrier_name), fmt("%s", x.convention), fmt("%s", x.post),
                          fmt(_("cannot be claimed: %s"), x.text), NULL, NULL, NULL, NULL};
        add_row(t, cells);
    }
    struct table *all[1] = {t};
    finish(o, all, 1);
    int status = iscg_report_receivables_failure_count(rr) ? EXIT_FLAGGED : EXIT_CLEAN;
    iscg_report_receivables_free(rr);
    iscg_dataset_free(ds);
    return status;
}

/* ---- budget ------------------------------------------------------------- */

static int cmd_budget(const struct options *o)
{
    static const char *const cols[] = {N_("operation"),       N_("imputation"),      N_("label"),
                                       "#" N_("year"),        "$" N_("credits"),     "$" N_("available"),
                                       "$" N_("proposed"),    "$" N_("balance"),     "$" N_("stated_proposed")};
    static const char *const icols[] = {N_("operation"), N_("convention"), N_("carrier"), "$" N_("amount")};
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    int year = year_of(o, ds, ISCG_REPORT_BUDGET), status = EXIT_CLEAN;
    iscg_report_budget *rb;
    iscg_error e;
    if (iscg_report_budget_compute(&rb, ds, year, &e) != 0)
        fail(&e);
    if (iscg_report_budget_count(rb) == 0)
        no_data(N_("budget line"), year);
    struct table *t = titled(N_("budget"), 9, cols, fmt(_("Budget lines of %d"), year));
    struct table *ti = titled(N_("subsidies"), 4, icols, fmt("%s", _("Subsidies charged to each line")));
    for (size_t i = 0; i < iscg_report_budget_count(rb); i++) {
        iscg_report_budget_line l;
        must_ok(iscg_report_budget_get(&l, rb, i));
        const iscg_budget_line *b = &l.line.line;
        if (l.exceeded) {
            fprintf(stderr, "%s: %s\n", prog, l.text);
            status = EXIT_FLAGGED;
        }
        char *cells[9] = {fmt("%s", b->operation), fmt("%s", b->imputation ? b->imputation : ""),
                          fmt("%s", b->label ? b->label : ""), fmt("%d", l.line.year), money(o, l.result.credits),
                          money(o, l.result.available), money(o, l.result.proposed), money(o, l.result.balance),
                          l.line.has_stated_proposed ? money(o, l.line.stated_proposed) : NULL};
        add_row(t, cells);
        for (size_t k = l.first_item; k < l.first_item + l.result.subsidies; k++) {
            iscg_budget_item item;
            const char *carrier = NULL;
            must_ok(iscg_report_budget_item_get(&item, rb, k));
            must_ok(iscg_party_get(NULL, &carrier, r, item.carrier, NULL));
            char *ic[4] = {fmt("%s", b->operation), fmt("%s", item.convention), fmt("%s", carrier),
                           money(o, item.amount)};
            add_row(ti, ic);
        }
    }
    struct table *all[2] = {t, ti};
    finish(o, all, 2);
    iscg_report_budget_free(rb);
    iscg_dataset_free(ds);
    return status;
}

/* ---- audit -------------------------------------------------------------- */

static int cmd_audit(const struct options *o)
{
    /* a column's kind is a mark before its name ("$" N_("amount")): no comma is missing */
    /* NOLINTBEGIN(bugprone-suspicious-missing-comma) */
    static const char *const cols[] = {"##",          N_("kind"),       N_("convention"),  N_("party"),
                                       N_("side"),    N_("rule"),       N_("rounding"),    "$" N_("stated"),
                                       "$" N_("computed"), N_("finding"), N_("explanation")};
    /* NOLINTEND(bugprone-suspicious-missing-comma) */
    iscg_dataset *ds = load(o);
    iscg_audit *a;
    iscg_error e;
    if (iscg_audit_run(&a, iscg_dataset_registry(ds), &e) != 0)
        fail(&e);
    for (size_t i = 0; i < iscg_dataset_budget_count(ds); i++) { /* BUD-3: stated proposals */
        iscg_dataset_budget b;
        must_ok(iscg_dataset_budget_get(&b, ds, i));
        if (b.has_stated_proposed && iscg_audit_add_budget(a, &b.line, b.year, b.stated_proposed, &e) != 0)
            fail(&e);
    }
    size_t n = iscg_audit_count(a);
    /* the tables of data formats carry the explanations; the readable
     * forms print them after the table */
    int with_explanations = o->format != FORMAT_TABLE && o->format != FORMAT_MARKDOWN;
    struct table *t = titled(N_("findings"), with_explanations ? 11 : 10, cols,
                             fmt(ngettext("Audit: %zu discrepancy between stated and computed amounts",
                                          "Audit: %zu discrepancies between stated and computed amounts", n),
                                 n));
    for (size_t i = 0; i < n; i++) {
        iscg_report_finding x;
        must_ok(iscg_report_finding_get(&x, a, i));
        const iscg_finding *f = &x.finding;
        char *cells[11] = {fmt("%zu", i + 1), fmt("%s", iscg_finding_kind_name(f->kind)), fmt("%s", f->convention),
                           f->party ? fmt("%s", f->party) : NULL, f->side ? fmt("%s", f->side) : NULL,
                           fmt("%s", f->rule), f->rounding ? fmt("%s", iscg_rounding_name(f->rounding)) : NULL,
                           x.has_stated ? money(o, f->stated) : NULL, money(o, f->computed), fmt("%s", f->text),
                           with_explanations && f->explain ? render(f->explain) : NULL};
        add_row(t, cells);
    }
    /* STAT-7: stated counts that disagree, in a table of their own (not amounts) */
    size_t nstat = 0;
    struct table *st = stated_disagreements(ds, &nstat);
    struct table *all[2] = {t, st};
    finish(o, all, st ? 2 : 1);
    if ((o->format == FORMAT_TABLE || o->format == FORMAT_MARKDOWN) && n > 0) {
        if (o->format == FORMAT_MARKDOWN)
            printf("\n### %s\n\n```\n", _("Explanations"));
        else
            printf("\n%s\n\n", _("Explanations"));
        for (size_t i = 0; i < n; i++) {
            iscg_finding f;
            must_ok(iscg_audit_get(&f, a, i));
            char *s = f.explain ? render(f.explain) : fmt("%s\n", f.text);
            char *numbered = fmt("(%zu) %s", i + 1, s);
            print_text(o, numbered);
            free(numbered);
            free(s);
        }
        if (o->format == FORMAT_MARKDOWN)
            puts("```");
    }
    iscg_audit_free(a);
    iscg_dataset_free(ds);
    return n + nstat > 0 ? EXIT_FLAGGED : EXIT_CLEAN;
}

/* ---- explain ------------------------------------------------------------ */

static int cmd_explain(const struct options *o, const char *post)
{
    static const char *const cols[] = {"#" N_("depth"), N_("rule"), "$" N_("amount"), N_("text")};
    iscg_dataset *ds = load(o);
    iscg_report_funding *rf;
    iscg_error e;
    iscg_post_spec p;
    if (iscg_post_get(&p, iscg_dataset_registry(ds), post, &e) != 0) /* an unknown post before a year without data */
        fail(&e);
    int year = year_of(o, ds, ISCG_REPORT_CONVENTIONS);
    if (iscg_report_funding_of_post(&rf, iscg_dataset_registry(ds), iscg_dataset_scenario(ds), post, year, &e) != 0)
        fail(&e);
    size_t n = iscg_report_funding_convention_count(rf), shown = 0;
    if (n == 0)
        die(EXIT_FLAGGED, _("post %s has no convention in %d"), post, year);
    json_t *root = json_array();
    struct table *t = titled(N_("explanation"), 4, cols, fmt(_("How the shares of post %s are computed"), post));
    int as_table = o->format == FORMAT_CSV || o->format == FORMAT_XLSX;
    for (size_t i = 0; i < n; i++) {
        const iscg_funding *f = iscg_report_funding_plan(rf, i);
        if (!f)
            continue;
        const iscg_explain *tree = iscg_funding_explain(f);
        if (o->format == FORMAT_JSON) {
            json_array_append_new(root, tree_json(tree, o));
        } else if (as_table) {
            tree_rows(t, tree, 0, o);
        } else {
            char *s = render(tree);
            printf("%s%s", shown++ ? "\n" : "", o->format == FORMAT_MARKDOWN ? "```\n" : "");
            print_text(o, s);
            printf("%s", o->format == FORMAT_MARKDOWN ? "```\n" : "");
            free(s);
        }
    }
    if (o->format == FORMAT_JSON) {
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
    } else if (as_table) {
        struct table *all[1] = {t};
        finish(o, all, 1);
        t = NULL;
    }
    for (size_t i = 0; i < iscg_report_funding_failure_count(rf); i++) {
        iscg_report_failure x;
        must_ok(iscg_report_funding_failure_get(&x, rf, i));
        fprintf(stderr, "%s: %s\n", prog, x.text);
    }
    int status = iscg_report_funding_failure_count(rf) ? EXIT_FLAGGED : EXIT_CLEAN;
    table_free(t);
    json_decref(root);
    iscg_report_funding_free(rf);
    iscg_dataset_free(ds);
    return status;
}

/* ---- calendar ----------------------------------------------------------- */

static int cmd_calendar(const struct options *o)
{
    /* a column's kind is a mark before its name ("$" N_("amount")): no comma is missing */
    /* NOLINTBEGIN(bugprone-suspicious-missing-comma) */
    static const char *const cols[] = {"@" N_("date"), N_("deadline"), N_("convention"), N_("post"), N_("covers")};
    /* NOLINTEND(bugprone-suspicious-missing-comma) */
    static const char *const ecols[] = {N_("convention"), N_("post"), "@" N_("ends")};
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    iscg_date from;
    iscg_error e;
    if (o->date) {
        if (iscg_date_parse(&from, o->date, &e) != 0)
            die(EXIT_TROUBLE, "--date: %s", e.text);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        from = (iscg_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    }
    iscg_report_deadlines *rd;
    if (iscg_report_deadlines_compute(&rd, r, from, o->days, &e) != 0)
        die(EXIT_TROUBLE, "--days: %s", e.text);
    struct table *t = titled(N_("deadlines"), 5, cols,
                             fmt(_("Deadlines from %04d-%02d-%02d for %ld days"), from.year, from.month, from.day,
                                 o->days));
    for (size_t i = 0; i < iscg_report_deadlines_count(rd); i++) {
        iscg_report_deadline d;
        must_ok(iscg_report_deadlines_get(&d, rd, i));
        char *cells[5] = {day(d.deadline.date), fmt("%s", iscg_deadline_kind_name(d.deadline.kind)),
                          fmt("%s", d.convention), fmt("%s", d.post), period(d.deadline.covers)};
        add_row(t, cells);
    }
    struct table *x = titled(N_("expiring"), 3, ecols, fmt(_("Conventions expiring within %ld days"), o->days));
    for (size_t i = 0; i < iscg_report_deadlines_expiring_count(rd); i++) {
        iscg_report_deadline d; /* its last day, as its amendments end it (AMD-1) */
        must_ok(iscg_report_deadlines_expiring_get(&d, rd, i));
        char *cells[3] = {fmt("%s", d.convention), fmt("%s", d.post), day(d.deadline.date)};
        add_row(x, cells);
    }
    struct table *all[2] = {t, x};
    finish(o, all, 2);
    iscg_report_deadlines_free(rd);
    iscg_dataset_free(ds);
    return EXIT_CLEAN;
}

/* ---- list --------------------------------------------------------------- */

/* The identifiers that options and arguments take, with what they name. */
static int cmd_list(const struct options *o, const char *what)
{
    static const struct {
        const char *what, *cols[4];
        const char *title;
    } lists[] = {{N_("parties"), {N_("id"), N_("kind"), N_("name"), "-"}, N_("The parties of the dataset")},
                 {N_("posts"), {N_("id"), N_("kind"), N_("label"), N_("carrier")}, N_("The posts of the dataset")},
                 {N_("conventions"),
                  {N_("id"), N_("period"), N_("source"), N_("post")},
                  N_("The conventions of the dataset")},
                 {N_("lines"),
                  {N_("operation"), "#" N_("year"), N_("label"), N_("payer")},
                  N_("The budget lines of the dataset")}};
    size_t k = 0;
    while (k < 4 && strcmp(what, lists[k].what) != 0)
        k++;
    if (k == 4)
        die(EXIT_TROUBLE, _("list %s: give parties, posts, conventions or lines"), what);
    iscg_dataset *ds = load(o);
    const iscg_registry *r = iscg_dataset_registry(ds);
    struct table *t = titled(what, k == 0 ? 3 : 4, lists[k].cols, fmt("%s", _(lists[k].title)));
    if (k == 0)
        list_parties(t, r);
    else if (k == 1)
        list_posts(t, r);
    else if (k == 2)
        list_conventions(t, r);
    else
        list_lines(t, ds);
    struct table *all[1] = {t};
    finish(o, all, 1);
    iscg_dataset_free(ds);
    return EXIT_CLEAN;
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
        fprintf(stderr, _("%s: %zu more errors\n"), path, n - 100);
    if (rc == ISCG_ECANCELED)
        return EXIT_INTERRUPTED;
    if (rc != 0)
        return 1;
    const iscg_registry *r = iscg_dataset_registry(ds);
    printf(_("%s: valid dataset: %zu parties, %zu posts, %zu conventions, %zu budget lines, %zu activity records\n"),
           path, iscg_registry_party_count(r), iscg_registry_post_count(r), iscg_registry_convention_count(r),
           iscg_dataset_budget_count(ds), iscg_stats_count(iscg_dataset_stats(ds)));
    iscg_dataset_free(ds);
    return 0;
}

/* ---- main --------------------------------------------------------------- */

int main(int argc, char **argv)
{
    struct options o;
    const char *cmd, *arg;
    int status = parse_options(&o, &cmd, &arg, argc, argv);
    if (status >= 0)
        return status;
    if (strcmp(cmd, "funding") == 0)
        return cmd_funding(&o);
    if (strcmp(cmd, "receivables") == 0)
        return cmd_receivables(&o);
    if (strcmp(cmd, "budget") == 0)
        return cmd_budget(&o);
    if (strcmp(cmd, "audit") == 0)
        return cmd_audit(&o);
    if (strcmp(cmd, "explain") == 0)
        return cmd_explain(&o, arg ? arg : "");
    if (strcmp(cmd, "stats") == 0)
        return cmd_stats(&o);
    if (strcmp(cmd, "calendar") == 0)
        return cmd_calendar(&o);
    if (strcmp(cmd, "list") == 0)
        return cmd_list(&o, arg ? arg : "");
    return cmd_validate(&o, arg);
}
