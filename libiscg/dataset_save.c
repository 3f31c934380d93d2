/* SPDX-License-Identifier: Apache-2.0 */
/* Writing a dataset as JSON (doc/dataset.md), in the order the reader
 * expects, so that saving what was loaded gives the same text again. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "dataset_internal.h"
#include "share_rule.h"

/* Sets key to value in obj; any failure (including a NULL value from a
 * failed constructor) marks *bad. */
static void put(json_t *obj, const char *key, json_t *value, int *bad)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        *bad = 1;
}

static void append(json_t *arr, json_t *value, int *bad)
{
    if (!value || json_array_append_new(arr, value) != 0)
        *bad = 1;
}

static json_t *amount(iscg_cents c)
{
    char buf[48];
    iscg__ignore(iscg_money_format(buf, sizeof buf, c, ISCG_MONEY_PLAIN));
    return json_string(buf);
}

static json_t *percent(int64_t bp)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(bp / 100), (long long)(bp % 100));
    return json_string(buf);
}

static json_t *date(iscg_date d)
{
    char buf[ISCG_DATE_TEXT_LENGTH];
    iscg__ignore(iscg_date_format(buf, sizeof buf, d));
    return json_string(buf);
}

static void put_str(json_t *obj, const char *key, const char *value, int *bad)
{
    if (value)
        put(obj, key, json_string(value), bad);
}

static json_t *rule(const iscg_allocation_rule *r, int with_weights)
{
    int bad = 0;
    json_t *o = json_object();
    if (!o)
        return NULL;
    /* the two named units by name, any other as its count of cents */
    put(o, "unit",
        r->unit == ISCG_CENT   ? json_string("CENT")
        : r->unit == ISCG_EURO ? json_string("EURO")
                               : json_integer((json_int_t)r->unit),
        &bad);
    put(o, "mode", json_string(iscg_rounding_name(r->rounding)), &bad);
    put(o, "remainder", json_string(iscg_remainder_policy_name(r->policy)), &bad);
    if (with_weights)
        put(o, "weights", json_string(r->weights == ISCG_WEIGHTS_BASIS_POINTS ? "BASIS_POINTS" : "RAW"), &bad);
    if (r->policy == ISCG_REMAINDER_TO_PARTY)
        put(o, "party", json_integer((json_int_t)r->party), &bad);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *parties(const iscg_registry *r, int *bad)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < r->nparties; i++) {
        const struct party *p = &r->parties[i];
        json_t *o = json_object();
        if (!o) {
            *bad = 1;
            break;
        }
        put(o, "id", json_string(p->id), bad);
        put(o, "kind", json_string(iscg_party_kind_name(p->kind)), bad);
        put(o, "name", json_string(p->name), bad);
        if (p->population != ISCG_UNKNOWN)
            put(o, "population", json_integer(p->population), bad);
        append(arr, o, bad);
    }
    return arr;
}

static json_t *posts(const iscg_registry *r, int *bad)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < r->nposts; i++) {
        const struct post *p = &r->posts[i];
        json_t *o = json_object();
        if (!o) {
            *bad = 1;
            break;
        }
        put(o, "id", json_string(p->id), bad);
        put(o, "label", json_string(p->label), bad);
        put(o, "kind", json_string(iscg_post_kind_name(p->kind)), bad);
        put(o, "carrier", json_string(r->parties[p->carrier].id), bad);
        put_str(o, "sites", p->sites, bad);
        put(o, "work_time", percent(p->work_time_bp), bad);
        if (p->weekly_hours != ISCG_UNKNOWN)
            put(o, "weekly_hours", json_integer(p->weekly_hours), bad);
        put(o, "police_share", percent(p->police_bp), bad);
        if (p->nevents > 0) {
            json_t *events = json_array();
            for (size_t k = 0; events && k < p->nevents; k++) {
                const struct event *e = &p->events[k];
                json_t *eo = json_object();
                if (!eo) {
                    *bad = 1;
                    break;
                }
                put(eo, "kind", json_string(iscg_staffing_kind_name(e->kind)), bad);
                put(eo, "start", date(e->period.start), bad);
                put(eo, "end", date(e->period.end), bad);
                put_str(eo, "note", e->note, bad);
                append(events, eo, bad);
            }
            put(o, "events", events, bad);
        }
        append(arr, o, bad);
    }
    return arr;
}

static json_t *clauses(const iscg_clauses *k, int *bad)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    if (k->notice_months)
        put(o, "notice_months", json_integer(k->notice_months), bad);
    if (k->denunciation_months)
        put(o, "denunciation_months", json_integer(k->denunciation_months), bad);
    if (k->has_request_deadline)
        put(o, "request_deadline", date(k->request_deadline), bad);
    if (k->has_payment_deadline)
        put(o, "payment_deadline", date(k->payment_deadline), bad);
    if (k->instalments)
        put(o, "instalments", json_integer(k->instalments), bad);
    if (k->activity_reports != ISCG_PERIOD_NONE)
        put(o, "activity_reports", json_string(iscg_cadence_name(k->activity_reports)), bad);
    if (k->interim_summaries != ISCG_PERIOD_NONE)
        put(o, "interim_summaries", json_string(iscg_cadence_name(k->interim_summaries)), bad);
    if (k->annual_report)
        put(o, "annual_report", json_true(), bad);
    if (k->steering_committee)
        put(o, "steering_committee", json_true(), bad);
    if (k->first_steering_months)
        put(o, "first_steering_months", json_integer(k->first_steering_months), bad);
    if (k->carry_over_unused)
        put(o, "carry_over_unused", json_true(), bad);
    return o;
}

/* SPLIT-8: a grant's split and its posts, each with its weight or fixed amount. */
static void grant_posts(json_t *o, const iscg_registry *r, const struct convention *c, int *bad)
{
    json_t *list = json_array();
    put(o, "post_split", json_string(iscg_post_split_name(c->post_split)), bad);
    for (size_t i = 0; list && i < c->ngposts; i++) {
        json_t *po = json_object();
        if (!po) {
            *bad = 1;
            break;
        }
        put(po, "post", json_string(r->posts[c->gposts[i].post].id), bad);
        if (c->post_split == ISCG_POST_SPLIT_FIXED)
            put(po, "amount", amount(c->gposts[i].value), bad);
        else if (c->post_split == ISCG_POST_SPLIT_WEIGHTS)
            put(po, "weight", json_integer(c->gposts[i].value), bad);
        append(list, po, bad);
    }
    put(o, "posts", list, bad);
}

/* A convention's amendments (AMD-1), as amendment_item() in dataset_read.c
 * reads them. */
static json_t *amendments(const struct convention *c, int *bad)
{
    json_t *arr = json_array();
    if (!arr) {
        *bad = 1;
        return NULL;
    }
    for (size_t i = 0; i < c->namend; i++) {
        const struct whatif *w = &c->amend[i];
        json_t *o = json_object();
        if (!o) {
            *bad = 1;
            break;
        }
        put(o, "from", date(w->from), bad);
        if (w->kind == ISCG_WHATIF_COST) {
            put(o, "cost", amount(w->cost), bad);
        } else if (w->kind == ISCG_WHATIF_PERIOD) {
            put(o, "end", date(w->period.end), bad);
        } else if (w->kind == ISCG_WHATIF_SIDE) {
            put(o, "side", json_string(w->side), bad);
            put(o, "rule", json_string(iscg_share_rule_name(w->rule)), bad);
            const struct iscg__share_rule *sr = iscg__share_rule_of(w->rule);
            if (sr && sr->field)
                put(o, sr->field, sr->value == ISCG__VALUE_CENTS ? amount(w->value) : percent(w->value), bad);
        } else {
            put(o, "withdraw", json_string(w->party), bad);
            put_str(o, "replacement", w->replacement, bad);
        }
        append(arr, o, bad);
    }
    return arr;
}

static json_t *conventions(const iscg_registry *r, int *bad)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < r->nconventions; i++) {
        const struct convention *c = &r->conventions[i];
        json_t *o = json_object(), *sides = json_array(), *stated = json_array();
        if (!o || !sides || !stated) {
            json_decref(o);
            json_decref(sides);
            json_decref(stated);
            *bad = 1;
            break;
        }
        put(o, "id", json_string(c->id), bad);
        put(o, "post", json_string(r->posts[c->post].id), bad);
        put(o, "start", date(c->period.start), bad);
        put(o, "end", date(c->period.end), bad);
        if (c->cost != ISCG_UNKNOWN)
            put(o, "cost", amount(c->cost), bad);
        if (c->annual)
            put(o, "annual", json_true(), bad);
        put(o, "daycount", json_string(iscg_daycount_name(c->daycount)), bad);
        put(o, "rounding", rule(&c->rounding, 0), bad);
        put_str(o, "source", c->source, bad);
        if (c->claims_equal)
            put(o, "claims_equal", json_string(c->equal_claim ? c->equal_claim : ""), bad);
        const iscg_clauses zero = {0};
        if (memcmp(&c->clauses, &zero, sizeof zero) != 0)
            put(o, "clauses", clauses(&c->clauses, bad), bad);
        if (c->shortfall_to_carrier)
            put(o, "shortfall_to_carrier", json_true(), bad);
        if (c->post_split != ISCG_POST_SPLIT_NONE)
            grant_posts(o, r, c, bad);
        for (size_t s = 0; s < c->nsides; s++) {
            const struct side *sd = &c->sides[s];
            if (sd->shortfall)
                continue; /* shortfall_to_carrier says it */
            json_t *so = json_object(), *funders = json_array();
            if (!so || !funders) {
                json_decref(so);
                json_decref(funders);
                *bad = 1;
                break;
            }
            put(so, "name", json_string(sd->name), bad);
            put(so, "rule", json_string(iscg_share_rule_name(sd->rule)), bad);
            const struct iscg__share_rule *sr = iscg__share_rule_of(sd->rule);
            if (sr && sr->field)
                put(so, sr->field, sr->value == ISCG__VALUE_CENTS ? amount(sd->value) : percent(sd->value), bad);
            if (sd->extra)
                put(so, "extra", amount(sd->extra), bad);
            if (sd->cap != ISCG_NO_CAP)
                put(so, "cap", amount(sd->cap), bad);
            put(so, "required", json_boolean(sd->required), bad);
            put(so, "split", rule(&sd->split, 1), bad);
            for (size_t f = 0; f < c->nfunders; f++) {
                if (c->funders[f].side != s)
                    continue;
                json_t *fo = json_object();
                if (!fo) {
                    *bad = 1;
                    break;
                }
                put(fo, "party", json_string(r->parties[c->funders[f].party].id), bad);
                put(fo, "weight", json_integer(c->funders[f].weight), bad);
                append(funders, fo, bad);
            }
            put(so, "funders", funders, bad);
            append(sides, so, bad);
        }
        put(o, "sides", sides, bad);
        for (size_t k = 0; k < c->nstated; k++) {
            json_t *so = json_object();
            if (!so) {
                *bad = 1;
                break;
            }
            put(so, "party", json_string(r->parties[c->stated[k].party].id), bad);
            put(so, "amount", amount(c->stated[k].amount), bad);
            put_str(so, "source", c->stated[k].source, bad);
            append(stated, so, bad);
        }
        if (json_array_size(stated) > 0)
            put(o, "stated", stated, bad);
        else
            json_decref(stated);
        if (c->namend > 0)
            put(o, "amendments", amendments(c, bad), bad);
        append(arr, o, bad);
    }
    return arr;
}

static json_t *budgets(const iscg_dataset *ds, int *bad)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < ds->nbudgets; i++) {
        const struct budget *b = &ds->budgets[i];
        json_t *o = json_object();
        if (!o) {
            *bad = 1;
            break;
        }
        put(o, "operation", json_string(b->operation), bad);
        put_str(o, "imputation", b->imputation, bad);
        put_str(o, "label", b->label, bad);
        put(o, "payer", json_string(b->payer), bad);
        put(o, "year", json_integer(b->year), bad);
        put(o, "credits", amount(b->credits), bad);
        put(o, "available", amount(b->available), bad);
        if (b->has_stated_proposed)
            put(o, "stated_proposed", amount(b->stated_proposed), bad);
        put_str(o, "source", b->source, bad);
        append(arr, o, bad);
    }
    return arr;
}

static json_t *activity(const iscg_stats *s, int *bad)
{
    static const char *const keys[ISCG_ACTIVITY_COUNTS] = {
        "women", "men", "children", "referrals", "interviews", "interviews_physical", "interviews_telephone",
        "interviews_partners", "epci", "communes", "population"};
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < iscg_stats_count(s); i++) {
        iscg_activity a;
        json_t *o = json_object();
        if (!o || iscg_stats_get(&a, s, i) != 0) {
            json_decref(o);
            *bad = 1;
            break;
        }
        const int64_t counts[ISCG_ACTIVITY_COUNTS] = {a.women, a.men, a.children, a.referrals, a.interviews,
                                                      a.interviews_physical, a.interviews_telephone,
                                                      a.interviews_partners, a.epci, a.communes, a.population};
        put(o, "post", json_string(a.post), bad);
        put_str(o, "site", a.site, bad);
        put(o, "granularity", json_string(iscg_period_kind_name(a.granularity)), bad);
        put(o, "start", date(a.period.start), bad);
        if (a.not_reported)
            put(o, "not_reported", json_true(), bad);
        for (int k = 0; k < ISCG_ACTIVITY_COUNTS; k++)
            if (counts[k] != ISCG_UNKNOWN)
                put(o, keys[k], json_integer(counts[k]), bad);
        if (a.vif_basis_points != ISCG_UNKNOWN)
            put(o, "vif", percent(a.vif_basis_points), bad);
        if (a.carrier != ISCG_ACTIVITY_CARRIER_UNSPECIFIED)
            put(o, "carrier", json_string(iscg_activity_carrier_name(a.carrier)), bad);
        if (a.force != ISCG_ACTIVITY_FORCE_UNSPECIFIED)
            put(o, "force", json_string(iscg_activity_force_name(a.force)), bad);
        put_str(o, "territory", a.territory, bad);
        put_str(o, "note", a.note, bad);
        append(arr, o, bad);
    }
    return arr;
}

/* The dataset's text, grown as jansson writes it. jansson 2.14 ignores the
 * status of some of its writes (an object's keys), so a failed allocation
 * could silently drop a key: the failure is remembered here, and the text
 * is refused if any write failed. */
struct text_out {
    char *text;
    size_t len, cap;
    int failed;
};

static int text_append(const char *buf, size_t size, void *data)
{
    struct text_out *t = data;
    if (t->failed)
        return -1;
    if (size > t->cap - t->len) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap - t->len < size) {
            if (cap > SIZE_MAX / 2) {
                t->failed = 1;
                return -1;
            }
            cap *= 2;
        }
        char *p = realloc(t->text, cap);
        if (!p) {
            t->failed = 1;
            return -1;
        }
        t->text = p;
        t->cap = cap;
    }
    memcpy(t->text + t->len, buf, size);
    t->len += size;
    return 0;
}

/* The dataset's scenario (AMD-3), as scenario_item() in dataset.c reads it. */
static json_t *scenarios(const iscg_scenario *s, int *bad)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < iscg_scenario_count(s); i++) {
        iscg_whatif w;
        json_t *o = json_object();
        iscg__ignore(iscg_scenario_get(&w, s, i)); /* in range */
        put_str(o, "convention", w.convention, bad);
        if (w.kind == ISCG_WHATIF_WITHDRAW) {
            put_str(o, "withdraw", w.party, bad);
            put_str(o, "replacement", w.replacement, bad);
            if (w.from.year != 0)
                put(o, "from", date(w.from), bad);
        } else if (w.kind == ISCG_WHATIF_COST) {
            put(o, "cost", amount(w.cost), bad);
        } else {
            put(o, "start", date(w.period.start), bad);
            put(o, "end", date(w.period.end), bad);
        }
        append(arr, o, bad);
    }
    return arr;
}

/* The stated figures (STAT-7), as stated_total_item() and
 * stated_share_item() in dataset_read.c read them. */
static void stated_figures(json_t *root, const iscg_dataset *ds, int *bad)
{
    static const char *const keys[ISCG_ACTIVITY_COUNTS] = {
        "women", "men", "children", "referrals", "interviews", "interviews_physical", "interviews_telephone",
        "interviews_partners", "epci", "communes", "population"};
    json_t *totals = NULL, *shares = NULL;
    for (size_t i = 0; i < ds->nstated; i++) {
        const iscg_stated *st = &ds->stated[i];
        json_t *o = json_object();
        if (st->kind == ISCG_STATED_TOTAL) {
            put(o, "measure", json_string(keys[st->measure]), bad);
            put_str(o, "post", st->post, bad);
            put(o, "granularity", json_string(iscg_period_kind_name(st->granularity)), bad);
            put(o, "from", date(st->from), bad);
            put(o, "to", date(st->to), bad);
            put(o, "total", json_integer(st->total), bad);
        } else {
            char text[48];
            int64_t unit = st->decimals == 0 ? 100 : st->decimals == 1 ? 10 : 1;
            int64_t v = st->basis_points / unit, scale = unit == 100 ? 1 : unit == 10 ? 10 : 100;
            if (scale == 1)
                snprintf(text, sizeof text, "%lld", (long long)v);
            else
                snprintf(text, sizeof text, "%lld.%0*lld", (long long)(v / scale), st->decimals,
                         (long long)(v % scale));
            put(o, "count", json_integer(st->count), bad);
            put(o, "of", json_integer(st->of), bad);
            put(o, "percent", json_string(text), bad);
            put(o, "rounding", json_string(iscg_rounding_name(st->rounding)), bad);
        }
        put_str(o, "what", st->what, bad);
        put_str(o, "source", st->source, bad);
        json_t **arr = st->kind == ISCG_STATED_TOTAL ? &totals : &shares;
        if (!*arr)
            *arr = json_array();
        append(*arr, o, bad);
    }
    if (totals)
        put(root, "stated_totals", totals, bad);
    if (shares)
        put(root, "stated_shares", shares, bad);
}

int iscg_dataset_save_string(char **out, const iscg_dataset *ds, iscg_error *err)
{
    if (!out || !ds)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no output or dataset given");
    int bad = 0;
    json_t *root = json_object();
    if (!root)
        return ISCG_FAIL(err, ISCG_ENOMEM, "dataset", "out of memory");
    put(root, "format", json_string("iscg-dataset"), &bad);
    put(root, "version", json_integer(ISCG_DATASET_VERSION), &bad);
    put_str(root, "title", ds->title, &bad);
    if (ds->nnotes > 0) {
        json_t *notes = json_array();
        for (size_t i = 0; notes && i < ds->nnotes; i++)
            append(notes, json_string(ds->notes[i]), &bad);
        put(root, "notes", notes, &bad);
    }
    put(root, "parties", parties(ds->r, &bad), &bad);
    put(root, "posts", posts(ds->r, &bad), &bad);
    put(root, "conventions", conventions(ds->r, &bad), &bad);
    put(root, "budget_lines", budgets(ds, &bad), &bad);
    put(root, "activity", activity(ds->s, &bad), &bad);
    if (iscg_scenario_count(ds->scenario) > 0)
        put(root, "scenarios", scenarios(ds->scenario, &bad), &bad);
    stated_figures(root, ds, &bad);
    struct text_out t = {NULL, 0, 0, 0};
    if (!bad && (json_dump_callback(root, text_append, &t, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || t.failed))
        bad = 1;
    json_decref(root);
    /* the text ends in a newline, and a NUL */
    if (!bad && (text_append("\n", 2, &t) != 0 || t.failed))
        bad = 1;
    if (bad) {
        free(t.text);
        return ISCG_FAIL(err, ISCG_ENOMEM, "dataset", "out of memory while writing the dataset");
    }
    *out = t.text;
    return 0;
}

/* ---- replacing a file atomically ----------------------------------------- */

/* The folder part of path ("." when it has none), in a buffer of the
 * caller's; NULL when out of memory. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path); /* "/x" is in "/" */
    char *dir = malloc(n + 1);
    if (dir) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    return dir;
}

/* Creates a new file in dir, named so that it neither clashes with another
 * save nor looks like a dataset; *tmp receives its name (freed by the
 * caller). Returns its descriptor, or -1 with errno set. */
static int create_temp(const char *dir, char **tmp)
{
    size_t n = strlen(dir) + 64;
    char *name = malloc(n);
    if (!name) {
        errno = ENOMEM;
        return -1;
    }
    struct timespec t;
    (void)clock_gettime(CLOCK_REALTIME, &t); /* only makes a clash unlikely */
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        snprintf(name, n, "%s/.iscg-save-%ld-%lx-%u.tmp", dir, (long)getpid(),
                 (unsigned long)t.tv_nsec ^ (unsigned long)(uintptr_t)name, attempt);
        /* 0666 less the umask, as fopen() would create it */
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp = name;
            return fd;
        }
        if (errno != EEXIST)
            break;
    }
    int e = errno;
    free(name);
    errno = e;
    return -1;
}

static int write_all(int fd, const char *text, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, text, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        text += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Flushes a folder's entries (the rename) to the disk. File systems that
 * cannot sync a folder say EINVAL: nothing more can be done there. */
static int sync_folder(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd) != 0 && errno != EINVAL && errno != EROFS ? -1 : 0;
    int e = errno;
    (void)close(fd); /* a folder opened only to be synced */
    errno = e;
    return rc;
}

/* Writes text into a new file of path's folder and renames it over path:
 * 0, or -1 with errno set, path untouched and the new file removed. */
static int replace_file(const char *path, const char *text, int *renamed)
{
    char *dir = folder_of(path), *tmp = NULL;
    if (!dir) {
        errno = ENOMEM;
        return -1;
    }
    int fd = create_temp(dir, &tmp);
    if (fd < 0) {
        int e = errno;
        free(dir);
        errno = e;
        return -1;
    }
    struct stat st;
    int ok = write_all(fd, text, strlen(text)) == 0 && fsync(fd) == 0;
    /* a file replaced keeps its permissions */
    if (ok && stat(path, &st) == 0 && S_ISREG(st.st_mode))
        ok = fchmod(fd, st.st_mode & 07777) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        (void)unlink(tmp); /* the old file is as it was: only the new one goes */
    } else {
        *renamed = 1;
        if (sync_folder(dir) != 0) {
            ok = 0;
            e = errno;
        }
    }
    free(tmp);
    free(dir);
    errno = e;
    return ok ? 0 : -1;
}

/* Writes into a device or a pipe that path names (/dev/stdout, a FIFO):
 * such a file is written in place, never replaced by a regular file. */
static int write_special(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int ok = write_all(fd, text, strlen(text)) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    errno = e;
    return ok ? 0 : -1;
}

/* What path names, links followed: a regular file (or nothing yet) is
 * replaced atomically; a device or a pipe is written in place. */
static int save_text(const char *path, const char *text, int *renamed)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return write_special(path, text);
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        /* replace the file the link points to, not the link */
        char *target = realpath(path, NULL);
        if (!target)
            return -1;
        int rc = replace_file(target, text, renamed);
        int e = errno;
        free(target);
        errno = e;
        return rc;
    }
    return replace_file(path, text, renamed);
}

int iscg_dataset_save_file(const iscg_dataset *ds, const char *path, iscg_error *err)
{
    if (!path)
        return ISCG_FAIL(err, ISCG_EINVAL, "path", "no file name given");
    char *text;
    int rc = iscg_dataset_save_string(&text, ds, err);
    if (rc != 0)
        return rc;
    int renamed = 0;
    rc = save_text(path, text, &renamed);
    int e = errno;
    free(text);
    if (rc != 0 && e == ENOMEM)
        return iscg__fail_in(err, ISCG_ENOMEM, 0, path, "", 0, 0, ": out of memory");
    if (rc != 0)
        return renamed ? iscg__fail_in(err, ISCG_EIO, e, path, "", 0, 0,
                                       ": written, but its folder cannot be flushed to the disk: %s", strerror(e))
                       : iscg__fail_in(err, ISCG_EIO, e, path, "", 0, 0, ": cannot be written: %s", strerror(e));
    return 0;
}
