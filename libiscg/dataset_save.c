/* Writing a dataset as JSON (doc/dataset.md), in the order the reader
 * expects, so that saving what was loaded gives the same text again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dataset_internal.h"

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
    iscg_money_format(buf, sizeof buf, c, ISCG_MONEY_PLAIN);
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
    iscg_date_format(buf, sizeof buf, d);
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
    put(o, "unit", json_string(r->unit == ISCG_CENT ? "CENT" : "EURO"), &bad);
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
    if (k->activity_reports != ISCG_CADENCE_NONE)
        put(o, "activity_reports", json_string(iscg_cadence_name(k->activity_reports)), bad);
    if (k->interim_summaries != ISCG_CADENCE_NONE)
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
        for (size_t s = 0; s < c->nsides; s++) {
            const struct side *sd = &c->sides[s];
            json_t *so = json_object(), *funders = json_array();
            if (!so || !funders) {
                json_decref(so);
                json_decref(funders);
                *bad = 1;
                break;
            }
            put(so, "name", json_string(sd->name), bad);
            put(so, "rule", json_string(iscg_share_rule_name(sd->rule)), bad);
            if (sd->rule == ISCG_SHARE_FIXED)
                put(so, "amount", amount(sd->value), bad);
            if (sd->rule == ISCG_SHARE_PERCENT)
                put(so, "percent", percent(sd->value), bad);
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
        put(o, "granularity", json_string(iscg_stats_granularity_name(a.granularity)), bad);
        put(o, "start", date(a.period.start), bad);
        if (a.not_reported)
            put(o, "not_reported", json_true(), bad);
        for (int k = 0; k < ISCG_ACTIVITY_COUNTS; k++)
            if (counts[k] != ISCG_ACTIVITY_UNKNOWN)
                put(o, keys[k], json_integer(counts[k]), bad);
        if (a.vif_basis_points != ISCG_ACTIVITY_UNKNOWN)
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

/* The dataset's scenario (AMD-3), as scenario_item() in dataset.c reads it. */
static json_t *scenarios(const iscg_scenario *s, int *bad)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < iscg_scenario_count(s); i++) {
        iscg_whatif w;
        json_t *o = json_object();
        iscg_scenario_get(&w, s, i); /* in range */
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
    char *text = bad ? NULL : json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text)
        return ISCG_FAIL(err, ISCG_ENOMEM, "dataset", "out of memory while writing the dataset");
    /* jansson allocates with malloc by default; hand back a copy ending in a newline */
    size_t n = strlen(text);
    char *copy = malloc(n + 2);
    if (copy) {
        memcpy(copy, text, n);
        copy[n] = '\n';
        copy[n + 1] = '\0';
    }
    free(text);
    if (!copy)
        return ISCG_FAIL(err, ISCG_ENOMEM, "dataset", "out of memory while writing the dataset");
    *out = copy;
    return 0;
}

int iscg_dataset_save_file(const iscg_dataset *ds, const char *path, iscg_error *err)
{
    char *text;
    int rc = iscg_dataset_save_string(&text, ds, err);
    if (rc != 0)
        return rc;
    FILE *f = path ? fopen(path, "wb") : NULL;
    int ok = f && fputs(text, f) >= 0;
    if (f && fclose(f) != 0)
        ok = 0;
    free(text);
    if (!ok)
        return iscg__fail(err, ISCG_EIO, path, "", 0, 0, "%s: cannot be written", path ? path : "(null)");
    return 0;
}
