/* SPDX-License-Identifier: Apache-2.0 */
/* The iscg stats subcommand: the activity records of a year aggregated by
 * the library (STAT-1..STAT-4), laid out with the suppressed cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "nls.h"

static const char *const key_names[] = {NC_("grouping", "all"), NC_("grouping", "post"), NC_("grouping", "carrier"),
                                        NC_("grouping", "force"), NC_("grouping", "territory")};

static const char *const gap_names[] = {N_("not reported"), N_("figures unknown"), N_("period not covered")};

/* A stated percentage in basis points as it was printed: "62.2" for one decimal. */
static char *printed_percent(int64_t bp, int decimals)
{
    if (decimals <= 0)
        return fmt("%lld", (long long)(bp / 100));
    if (decimals == 1)
        return fmt("%lld.%lld", (long long)(bp / 100), (long long)(bp % 100 / 10));
    return percent(bp);
}

struct table *stated_table(const iscg_dataset *ds, int only_disagreements, size_t *disagreements)
{
    static const char *const cols[] = {N_("kind"),  N_("figure"),   N_("stated"), N_("computed"),
                                       N_("exact"), N_("rounding"), N_("agrees"), N_("source")};
    iscg_stats_checks *c;
    iscg_error e;
    if (iscg_stats_checks_compute(&c, ds, &e) != 0)
        fail(&e);
    size_t n = iscg_stats_checks_disagreements(c);
    if (disagreements)
        *disagreements = n;
    struct table *t = titled(N_("stated"), 8, cols,
                             only_disagreements
                                 ? fmt(ngettext("Statistics: %zu stated figure that does not agree (STAT-7)",
                                                "Statistics: %zu stated figures that do not agree (STAT-7)", n),
                                       n)
                                 : fmt(_("Stated figures checked (STAT-7): %zu of %zu do not agree"), n,
                                       iscg_stats_checks_count(c)));
    for (size_t i = 0; i < iscg_stats_checks_count(c); i++) {
        const iscg_stats_check *x = iscg_stats_checks_row(c, i);
        const iscg_stated *st = &x->stated;
        if (only_disagreements && x->agrees)
            continue;
        char *cells[8] = {NULL};
        if (st->kind == ISCG_STATED_TOTAL) {
            iscg_period p = {st->from, st->to};
            char *span = period(p);
            cells[0] = fmt("%s", _("total"));
            cells[1] = st->post ? fmt(_("%s of %s, %s records, %s"), iscg_activity_field_name(st->measure), st->post,
                                      iscg_period_kind_name(st->granularity), span)
                                : fmt(_("%s of all posts, %s records, %s"), iscg_activity_field_name(st->measure),
                                      iscg_period_kind_name(st->granularity), span);
            free(span);
            cells[2] = fmt("%lld", (long long)st->total);
            cells[3] = x->computable ? fmt("%lld", (long long)x->computed)
                                     : fmt(_("unknown (%zu records, %zu lacking the figure)"), x->records,
                                           x->unknown);
            cells[4] = x->computable ? ratio(x->exact) : NULL;
        } else {
            cells[0] = fmt("%s", _("share"));
            cells[1] = st->what ? fmt(_("%lld of %lld %s"), (long long)st->count, (long long)st->of, st->what)
                                : fmt(_("%lld of %lld"), (long long)st->count, (long long)st->of);
            cells[2] = printed_percent(st->basis_points, st->decimals);
            cells[3] = printed_percent(x->computed, st->decimals);
            cells[4] = ratio(x->exact);
            cells[5] = fmt("%s", iscg_rounding_name(st->rounding));
        }
        cells[6] = fmt("%s", x->agrees ? _("yes") : _("no"));
        cells[7] = st->source ? fmt("%s", st->source) : NULL;
        add_row(t, cells);
    }
    iscg_stats_checks_free(c);
    return t;
}

int cmd_stats(const struct options *o)
{
    static const char *const cols[] = {N_("group"),           N_("period"),
                                       "#" N_("records"),     "#" N_("not_reported"),
                                       "#" N_("women"),       "#" N_("men"),
                                       "#" N_("children"),    "#" N_("referrals"),
                                       "#" N_("interviews"),  "%" N_("vif_percent"),
                                       "%" N_("interviews_per_referral"), "%" N_("share_percent")};
    static const char *const gcols[] = {N_("group"), N_("post"), N_("site"), N_("period"), N_("gap")};
    static const char *const scols[] = {N_("group"), N_("period"), N_("field"), N_("state")};
    iscg_dataset *ds = load(o);
    const iscg_stats *s = iscg_dataset_stats(ds);
    int key = 1;
    if (o->by) {
        key = -1;
        for (int k = 0; k < 5; k++)
            if (strcmp(o->by, key_names[k]) == 0)
                key = k;
        if (key < 0)
            die(EXIT_TROUBLE, _("--by %s: give all, post, carrier, force or territory"), o->by);
    }
    int year = year_of(o, ds, ISCG_REPORT_ACTIVITY);
    iscg_stats_table *tab;
    iscg_error e;
    if (iscg_stats_aggregate(&tab, s, (iscg_stats_key)key, ISCG_PERIOD_YEAR, ISCG_ROUND_HALF_UP, &e) != 0)
        fail(&e);
    iscg_stats_publication *pub = NULL;
    if (o->suppress > 0 && iscg_stats_publish(&pub, tab, o->suppress, &e) != 0)
        fail(&e);
    struct table *t = titled(N_("activity"), 12, cols,
                             fmt(pub ? _("Activity %d by %s (VIF share weighted by referrals, rates HALF_UP), small "
                                         "counts suppressed")
                                     : _("Activity %d by %s (VIF share weighted by referrals, rates HALF_UP)"),
                                 year, nls_context("grouping", key_names[key])));
    struct table *g = titled(N_("gaps"), 5, gcols, fmt("%s", _("Missing data (STAT-4)")));
    struct table *sp = titled(N_("suppressed"), 4, scols, fmt(_("Suppressed cells (threshold %ld)"), o->suppress));
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
                           period(gp->period), fmt("%s", _(gap_names[gp->kind]))};
            add_row(g, gc);
        }
    }
    for (size_t k = 0; pub && k < iscg_stats_publication_suppressed(pub); k++) {
        const iscg_stats_suppression *x = iscg_stats_publication_suppression(pub, k);
        const iscg_stats_row *row = iscg_stats_table_row(tab, x->row);
        if (row->period.start.year != year)
            continue;
        char *sc[4] = {fmt("%s", row->key), period(row->period), fmt("%s", iscg_activity_field_name(x->field)),
                       fmt("%s", x->state == ISCG_STATS_CELL_SUPPRESSED ? _("below the threshold") : _("complementary"))};
        add_row(sp, sc);
    }
    if (t->nrows == 0)
        no_data(N_("activity record"), year);
    /* the stated figures (STAT-7) come last, when the dataset has some:
     * a disagreement is listed, the exit status stays that of the stats */
    struct table *st = iscg_dataset_stated_count(ds) > 0 ? stated_table(ds, 0, NULL) : NULL;
    struct table *all[4] = {t, g, pub ? sp : st, st};
    finish(o, all, (pub ? 3 : 2) + (st ? 1 : 0));
    if (!pub)
        table_free(sp);
    iscg_stats_publication_free(pub);
    iscg_stats_table_free(tab);
    iscg_dataset_free(ds);
    return EXIT_CLEAN;
}


struct table *stated_disagreements(const iscg_dataset *ds, size_t *count)
{
    *count = 0;
    struct table *st = iscg_dataset_stated_count(ds) > 0 ? stated_table(ds, 1, count) : NULL;
    if (st && *count == 0) {
        table_free(st);
        st = NULL;
    }
    return st;
}
