/* SPDX-License-Identifier: Apache-2.0 */
/* The dataset's schema readers (doc/dataset.md): each field, item and
 * array of a parsed JSON tree checked and read into the registry, the
 * statistics and the dataset, every error placed at its path; and the plain
 * reader, which parses the whole text as one tree. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model.h"

#include "dataset_internal.h"
#include "dataset_load.h"
#include "amend.h"
#include "grant.h"
#include "i18n.h"
#include "plan.h"
#include "share_rule.h"

/* The five top-level arrays' names, in the order of TOP_PARTIES... */
const char *const iscg__load_top_names[TOP_COUNT] = {"parties", "posts", "conventions", "budget_lines", "activity"};

static int fail(struct loader *L, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The line and column of L->item, counted as adv() does (columns count
 * characters), from the last position counted when it comes before. */
static void item_position(struct loader *L, struct scan *s)
{
    if (!L->mark || L->mark > L->item) {
        L->mark = L->text;
        L->mark_line = 1;
        L->mark_col = 1;
    }
    const char *p = L->mark, *nl;
    int line = L->mark_line, col = L->mark_col;
    while ((nl = memchr(p, '\n', (size_t)(L->item - p))) != NULL) {
        line++;
        col = 1;
        p = nl + 1;
    }
    for (; p < L->item; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            col++;
    L->mark = L->item;
    L->mark_line = s->line = line;
    L->mark_col = s->col = col;
    s->p = L->item;
}

static int fail(struct loader *L, int code, const char *fmt, ...)
{
    iscg_error e;
    char msg[ISCG_ERROR_TEXT_LENGTH];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, ISCG_TR(fmt), ap); /* in the caller's language, as in error.c */
    va_end(ap);
    struct scan s = {L->text, 1, 1};
    if (L->item && strlen(L->path) >= L->item_path) { /* from the item, not from the top of a large file */
        item_position(L, &s);
        iscg__locate(&s, L->path + L->item_path);
    } else {
        iscg__locate(&s, L->path);
    }
    iscg__fail_in(&e, code, 0, L->name, L->path, s.line, s.col, ":%d:%d: %s%s%s", s.line, s.col, L->path,
                  *L->path ? ": " : "", msg);
    if (!L->first_code) {
        L->first_code = code;
        if (L->first)
            *L->first = e;
    }
    if (L->count < L->capacity)
        L->list[L->count] = e;
    L->count++;
    return code;
}

/* As for iscg__fail (internal.h): clang's analyzer does not follow a variadic
 * function, so it is told that fail() returns the code it is given. */
#if defined(__clang_analyzer__)
#define fail(L, code, ...) (fail((L), (code), __VA_ARGS__), (code))
#endif

/* A registry or statistics error, placed at the current path. */
static int fail_from(struct loader *L, int code, const iscg_error *e)
{
    return fail(L, code, "%s", e->text);
}

/* Appends ".key" (or "key" at the top) or "[index]" to the path, cut short
 * when it would not fit; returns the length to pop back to. Called for every
 * item and every error: no printf. */
size_t iscg__load_push(struct loader *L, const char *key, long index)
{
    size_t at = strlen(L->path), n = at;
    char digits[24];
    const size_t room = sizeof L->path - 1;
    if (key) {
        if (at && n < room)
            L->path[n++] = '.';
        size_t len = strlen(key);
        if (len > room - n)
            len = room - n;
        memcpy(L->path + n, key, len);
        n += len;
    } else {
        size_t d = 0;
        unsigned long u = index < 0 ? 0 : (unsigned long)index;
        do
            digits[d++] = (char)('0' + u % 10);
        while ((u /= 10) != 0);
        if (n < room)
            L->path[n++] = '[';
        while (d > 0 && n < room)
            L->path[n++] = digits[--d];
        if (n < room)
            L->path[n++] = ']';
    }
    L->path[n] = '\0';
    return at;
}

void iscg__load_pop(struct loader *L, size_t at)
{
    L->path[at] = '\0';
}

static const char *type_name(const json_t *v)
{
    if (!v)
        return ISCG_TR("nothing");
    switch (json_typeof(v)) {
    case JSON_OBJECT: return ISCG_TR("an object");
    case JSON_ARRAY: return ISCG_TR("an array");
    case JSON_STRING: return ISCG_TR("a string");
    case JSON_INTEGER: return ISCG_TR("an integer");
    case JSON_REAL: return ISCG_TR("a floating-point number");
    case JSON_TRUE:
    case JSON_FALSE: return ISCG_TR("a boolean");
    default: return "null"; /* JSON's word */
    }
}

/* obj[key], from what check_keys() found when it is one of the objects it
 * checked last (by the same literal, or else by name). */
static json_t *lookup(struct loader *L, json_t *obj, const char *key)
{
    for (unsigned k = 1; k <= FIELDS_SEEN; k++) {
        const struct fields *f = &L->seen[(L->next_seen - k) % FIELDS_SEEN];
        if (f->obj != obj)
            continue;
        for (size_t i = 0; i < f->n; i++)
            if (f->keys[i] == key)
                return f->val[i];
        for (size_t i = 0; i < f->n; i++)
            if (strcmp(f->keys[i], key) == 0)
                return f->val[i];
        break;
    }
    return json_object_get(obj, key);
}

/* Forgets the objects checked: they may be freed, and their addresses reused. */
void iscg__load_forget_fields(struct loader *L)
{
    memset(L->seen, 0, sizeof L->seen);
}

/* Unknown fields are errors, unless their name starts with "x-" (extensions). */
static int check_keys(struct loader *L, json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *v;
    int rc = 0;
    size_t n = 0, next = 0;
    while (allowed[n])
        n++;
    struct fields *f = NULL;
    if (n <= FIELDS_MAX) {
        f = &L->seen[L->next_seen++ % FIELDS_SEEN];
        f->obj = obj;
        f->keys = allowed;
        f->n = n;
        memset(f->val, 0, sizeof f->val);
    }
    json_object_foreach(obj, key, v) {
        int ok = key[0] == 'x' && key[1] == '-';
        /* from the allowed key after the last one found: files written in
         * the schema's order find each key at the first try */
        for (size_t k = 0; !ok && k < n; k++) {
            size_t i = (next + k) % n;
            if (key[0] == allowed[i][0] && strcmp(key, allowed[i]) == 0) {
                ok = 1;
                next = i + 1;
                if (f)
                    f->val[i] = v;
            }
        }
        if (!ok) {
            size_t at = iscg__load_push(L, key, 0);
            rc = fail(L, ISCG_EPARSE, "unknown field (extensions must start with \"x-\")");
            iscg__load_pop(L, at);
        }
    }
    return rc;
}

/* Field readers: 0 = read, 1 = absent (or null when nullable), < 0 = error. */
static int field(struct loader *L, json_t *obj, const char *key, int required, json_t **out)
{
    *out = lookup(L, obj, key);
    if (!*out || json_is_null(*out)) {
        if (required) {
            size_t at = iscg__load_push(L, key, 0);
            int rc = fail(L, ISCG_EPARSE, "this field is required");
            iscg__load_pop(L, at);
            return rc;
        }
        return 1;
    }
    return 0;
}

static int wrong_type(struct loader *L, const char *key, const char *want, json_t *v)
{
    size_t at = iscg__load_push(L, key, 0);
    int rc = fail(L, ISCG_EPARSE, "%s was expected, found %s", ISCG_TR(want), type_name(v));
    iscg__load_pop(L, at);
    return rc;
}

/* Free text (labels, names, notes, sources) may be long; every other string
 * is an identifier, an enum, a date or an amount, which messages quote. */
static size_t string_limit(const char *key)
{
    static const char *const texts[] = {"title",  "label",     "name",        "note", "source",
                                        "sites",  "territory", "imputation",  "claims_equal", NULL};
    for (size_t i = 0; texts[i]; i++)
        if (strcmp(key, texts[i]) == 0)
            return ISCG_DATASET_MAX_TEXT;
    return ISCG_DATASET_MAX_NAME;
}

/* Refuses a string value longer than its limit (doc/dataset.md, "Limits"). */
static int too_long(struct loader *L, const char *key, json_t *v, size_t limit)
{
    size_t n = json_string_length(v);
    if (n <= limit)
        return 0;
    size_t at = key ? iscg__load_push(L, key, 0) : strlen(L->path);
    int rc = fail(L, ISCG_ERANGE, "a string of %zu bytes is longer than the %zu bytes allowed", n, limit);
    iscg__load_pop(L, at);
    return rc;
}

static int get_string(struct loader *L, json_t *obj, const char *key, int required, const char **out)
{
    json_t *v;
    int rc = field(L, obj, key, required, &v);
    *out = NULL;
    if (rc != 0)
        return rc;
    if (!json_is_string(v))
        return wrong_type(L, key, ISCG_N_("a string"), v);
    if ((rc = too_long(L, key, v, string_limit(key))) != 0)
        return rc;
    *out = json_string_value(v);
    return 0;
}

static int get_int(struct loader *L, json_t *obj, const char *key, int required, int64_t lo, int64_t hi, int64_t *out)
{
    json_t *v;
    int rc = field(L, obj, key, required, &v);
    if (rc != 0)
        return rc;
    if (!json_is_integer(v))
        return wrong_type(L, key, ISCG_N_("an integer"), v);
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi) {
        size_t at = iscg__load_push(L, key, 0);
        rc = fail(L, ISCG_ERANGE, "%lld is outside %lld..%lld", (long long)x, (long long)lo, (long long)hi);
        iscg__load_pop(L, at);
        return rc;
    }
    *out = x;
    return 0;
}

static int get_bool(struct loader *L, json_t *obj, const char *key, int *out)
{
    json_t *v;
    int rc = field(L, obj, key, 0, &v);
    if (rc != 0)
        return rc;
    if (!json_is_boolean(v))
        return wrong_type(L, key, "true or false", v);
    *out = json_is_true(v);
    return 0;
}

/* Amounts: "14333.00", "14 333 €" or integer cents; never floats. */
static int get_amount(struct loader *L, json_t *obj, const char *key, int required, iscg_cents *out)
{
    json_t *v;
    int rc = field(L, obj, key, required, &v);
    if (rc != 0)
        return rc;
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 0;
    }
    if (json_is_real(v)) {
        size_t at = iscg__load_push(L, key, 0);
        rc = fail(L, ISCG_EPARSE, "amounts are never floating-point numbers: write \"%.2f\" or an integer of cents",
                  json_real_value(v));
        iscg__load_pop(L, at);
        return rc;
    }
    if (!json_is_string(v))
        return wrong_type(L, key, "an amount (a string or integer cents)", v);
    if ((rc = too_long(L, key, v, ISCG_DATASET_MAX_NAME)) != 0)
        return rc;
    iscg_error e;
    if ((rc = iscg_money_parse(out, json_string_value(v), &e)) != 0) {
        size_t at = iscg__load_push(L, key, 0);
        fail(L, rc, "%s", e.text);
        iscg__load_pop(L, at);
    }
    return rc;
}

static int get_date(struct loader *L, json_t *obj, const char *key, int required, iscg_date *out)
{
    const char *text;
    int rc = get_string(L, obj, key, required, &text);
    if (rc != 0)
        return rc;
    iscg_error e;
    if ((rc = iscg_date_parse(out, text, &e)) != 0) {
        size_t at = iscg__load_push(L, key, 0);
        fail(L, rc, "%s", e.text);
        iscg__load_pop(L, at);
    }
    return rc;
}

/* Percentages: "41.78" or integer basis points. */
static int get_percent(struct loader *L, json_t *obj, const char *key, int required, int64_t *bp)
{
    json_t *v;
    int rc = field(L, obj, key, required, &v);
    if (rc != 0)
        return rc;
    if (json_is_integer(v)) {
        *bp = json_integer_value(v);
        if (*bp < 0 || *bp > 10000)
            return wrong_type(L, key, "basis points from 0 to 10000", v);
        return 0;
    }
    if (!json_is_string(v))
        return wrong_type(L, key, "a percentage (\"41.78\") or integer basis points", v);
    if ((rc = too_long(L, key, v, ISCG_DATASET_MAX_NAME)) != 0)
        return rc;
    iscg_error e;
    if ((rc = iscg_percent_parse(bp, json_string_value(v), &e)) != 0) {
        size_t at = iscg__load_push(L, key, 0);
        fail(L, rc, "%s", e.text);
        iscg__load_pop(L, at);
    }
    return rc;
}

/* An enum by name, exactly as its table spells it (the file format is
 * case-sensitive and knows no aliases); NULL entries are not members. */
static int get_enum(struct loader *L, json_t *obj, const char *key, int required, const struct iscg__enum *e,
                    int *out)
{
    const char *text;
    int rc = get_string(L, obj, key, required, &text);
    if (rc != 0)
        return rc;
    for (int i = 0; i < e->size; i++) {
        const char *name = e->names[i];
        if (name && name[0] == text[0] && strcmp(name, text) == 0) {
            *out = i;
            return 0;
        }
    }
    char allowed[256];
    iscg__enum_list(allowed, sizeof allowed, e);
    size_t at = iscg__load_push(L, key, 0);
    rc = fail(L, ISCG_EPARSE, "\"%s\" is not one of %s", text, allowed);
    iscg__load_pop(L, at);
    return rc;
}

static int get_array(struct loader *L, json_t *obj, const char *key, json_t **out)
{
    int rc = field(L, obj, key, 0, out);
    if (rc != 0)
        return rc;
    if (!json_is_array(*out))
        return wrong_type(L, key, ISCG_N_("an array"), *out);
    return 0;
}

static int get_object(struct loader *L, json_t *obj, const char *key, int required, json_t **out)
{
    int rc = field(L, obj, key, required, out);
    if (rc != 0)
        return rc;
    if (!json_is_object(*out))
        return wrong_type(L, key, ISCG_N_("an object"), *out);
    return 0;
}

int iscg__load_expect_object(struct loader *L, json_t *v)
{
    if (json_is_object(v))
        return 0;
    return fail(L, ISCG_EPARSE, "an object was expected, found %s", type_name(v));
}

/* Rounding rules: {"unit": "EURO"|"CENT"|cents, "mode": "DOWN", "remainder": "NONE",
 * "weights": "RAW"|"BASIS_POINTS", "party": 0} */
static const char *const unit_names[] = {"CENT", "EURO"};
static const struct iscg__enum unit_enum = {"rounding unit", "unit", unit_names, 2, NULL};

/* A rounding unit: "CENT", "EURO" or any positive integer of cents (10 for
 * ten cents, 1000 for ten euros), so that every unit the API accepts saves
 * and loads back as itself. */
static int get_unit(struct loader *L, json_t *o, iscg_cents *unit)
{
    json_t *v;
    int x = 0, rc = field(L, o, "unit", 0, &v);
    if (rc == 0 && json_is_integer(v)) {
        int64_t cents = 0;
        if ((rc = get_int(L, o, "unit", 1, 1, INT64_MAX, &cents)) == 0)
            *unit = cents;
        return rc;
    }
    if ((rc = get_enum(L, o, "unit", 1, &unit_enum, &x)) == 0)
        *unit = x ? ISCG_EURO : ISCG_CENT;
    return rc;
}

static int get_rule(struct loader *L, json_t *obj, const char *key, iscg_allocation_rule *out)
{
    static const char *const keys[] = {"unit", "mode", "remainder", "weights", "party", NULL};
    json_t *o;
    int rc = get_object(L, obj, key, 1, &o), x = 0;
    if (rc != 0)
        return rc < 0 ? rc : 0;
    size_t at = iscg__load_push(L, key, 0);
    int64_t party = 0;
    out->unit = ISCG_EURO;
    out->weights = ISCG_WEIGHTS_RAW;
    out->party = 0;
    rc = check_keys(L, o, keys);
    if (get_unit(L, o, &out->unit) != 0)
        rc = ISCG_EPARSE;
    if (get_enum(L, o, "mode", 1, &iscg__rounding_enum, &x) == 0)
        out->rounding = (iscg_rounding)x;
    else
        rc = ISCG_EPARSE;
    if (get_enum(L, o, "remainder", 1, &iscg__remainder_policy_enum, &x) == 0)
        out->policy = (iscg_remainder_policy)x;
    else
        rc = ISCG_EPARSE;
    int w = get_enum(L, o, "weights", 0, &iscg__weights_kind_enum, &x);
    if (w == 0)
        out->weights = (iscg_weights_kind)x;
    else if (w < 0)
        rc = w;
    if ((w = get_int(L, o, "party", 0, 0, 1000000, &party)) < 0)
        rc = w;
    out->party = (size_t)party;
    iscg__load_pop(L, at);
    return rc;
}

static char *dup_or_fail(struct loader *L, const char *s, int *rc)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *rc = fail(L, ISCG_ENOMEM, "out of memory");
    return d;
}

/* Reads each object of the array parent[key] with fn, the path pointing at
 * the item ("posts[3]"). An absent array is empty unless required; every
 * item is read even after a faulty one, so that every error is reported. */


/* The most items an array may have: a top-level array, or one inside an item. */
static size_t item_limit(const char *key)
{
    for (int t = 0; t < TOP_COUNT; t++)
        if (strcmp(key, iscg__load_top_names[t]) == 0)
            return ISCG_DATASET_MAX_ITEMS;
    return ISCG_DATASET_MAX_NESTED;
}

int iscg__load_too_many(struct loader *L, const char *key, size_t n, size_t limit)
{
    if (n <= limit)
        return 0;
    size_t at = iscg__load_push(L, key, 0);
    int rc = fail(L, ISCG_ERANGE, "more than the %zu items allowed", limit);
    iscg__load_pop(L, at);
    return rc;
}

static int each_item(struct loader *L, json_t *parent, const char *key, int required, item_fn fn, void *ctx)
{
    json_t *arr;
    if (L->stop)
        return 0;
    int rc = get_array(L, parent, key, &arr), status = 0;
    if (rc != 0)
        return rc < 0 ? rc : required ? fail(L, ISCG_EPARSE, "a convention needs \"%s\"", key) : 0;
    for (int t = 0; parent == L->skeleton && t < TOP_COUNT; t++)
        if (L->top_start[t] && strcmp(key, iscg__load_top_names[t]) == 0)
            return iscg__load_top_items(L, t, fn, ctx);
    if ((rc = iscg__load_too_many(L, key, json_array_size(arr), item_limit(key))) != 0)
        return rc;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *v = json_array_get(arr, i);
        if (iscg__load_poll(L, 1))
            return status;
        size_t at = iscg__load_push(L, key, 0);
        iscg__load_push(L, NULL, (long)i);
        rc = iscg__load_expect_object(L, v);
        if (rc == 0)
            rc = fn(L, v, ctx);
        if (status == 0)
            status = rc;
        iscg__load_pop(L, at);
    }
    return status;
}

static int party_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"id", "kind", "name", "population", NULL};
    const char *id, *name;
    int kind = 0;
    int64_t population = ISCG_UNKNOWN;
    iscg_error e;
    (void)ctx;
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "id", 1, &id), b = get_string(L, v, "name", 1, &name),
        c = get_enum(L, v, "kind", 1, &iscg__party_kind_enum, &kind),
        d = get_int(L, v, "population", 0, 0, INT64_MAX, &population);
    if (a < 0 || b < 0 || c < 0 || d < 0)
        rc = ISCG_EPARSE;
    if (rc == 0 && (rc = iscg_party_add(L->ds->r, id, (iscg_party_kind)kind, name, population, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

static int event_item(struct loader *L, json_t *v, void *post_id)
{
    static const char *const keys[] = {"kind", "start", "end", "note", NULL};
    int kind = 0;
    iscg_period p = {{0, 0, 0}, {0, 0, 0}};
    const char *note;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int a = get_enum(L, v, "kind", 1, &iscg__staffing_kind_enum, &kind),
        b = get_date(L, v, "start", 1, &p.start), c = get_date(L, v, "end", 1, &p.end),
        d = get_string(L, v, "note", 0, &note);
    if (a < 0 || b < 0 || c < 0 || d < 0)
        rc = ISCG_EPARSE;
    if (rc == 0 &&
        (rc = iscg_post_add_event(L->ds->r, (const char *)post_id, (iscg_staffing_kind)kind, p, note, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

static int post_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"id", "label", "kind", "carrier", "sites", "work_time", "weekly_hours",
                                       "police_share", "events", NULL};
    iscg_post_spec p = {0};
    int kind = 0;
    int64_t work = 10000, police = -1, hours = ISCG_UNKNOWN;
    iscg_error e;
    (void)ctx;
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "id", 1, &p.id), b = get_string(L, v, "label", 1, &p.label),
        c = get_enum(L, v, "kind", 1, &iscg__post_kind_enum, &kind),
        d = get_string(L, v, "carrier", 1, &p.carrier), f = get_string(L, v, "sites", 0, &p.sites),
        g = get_percent(L, v, "work_time", 0, &work), h = get_int(L, v, "weekly_hours", 0, 1, 168, &hours),
        k = get_percent(L, v, "police_share", 0, &police);
    if (a < 0 || b < 0 || c < 0 || d < 0 || f < 0 || g < 0 || h < 0 || k < 0)
        rc = ISCG_EPARSE;
    p.kind = (iscg_post_kind)kind;
    p.work_time_bp = (int)work;
    p.weekly_hours = hours;
    p.police_bp = police >= 0 ? (int)police : kind == ISCG_POST_ISC ? 10000 : kind == ISCG_POST_ISG ? 0 : 5000;
    if (rc == 0 && (rc = iscg_post_add(L->ds->r, &p, &e)) != 0) {
        /* the registry names the faulty field: a carrier that is not a party */
        size_t at = rc == ISCG_ENOTFOUND && strcmp(e.field, "carrier") == 0 ? iscg__load_push(L, "carrier", 0) : strlen(L->path);
        fail_from(L, rc, &e);
        iscg__load_pop(L, at);
    }
    if (rc == 0)
        rc = each_item(L, v, "events", 0, event_item, (void *)p.id);
    return rc;
}

static int load_clauses(struct loader *L, json_t *conv, const char *conv_id)
{
    static const char *const keys[] = {"notice_months", "denunciation_months", "request_deadline", "payment_deadline",
                                       "instalments", "activity_reports", "interim_summaries", "annual_report",
                                       "steering_committee", "first_steering_months", "carry_over_unused", NULL};
    json_t *o;
    int rc = get_object(L, conv, "clauses", 0, &o);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    size_t at = iscg__load_push(L, "clauses", 0);
    iscg_clauses k;
    memset(&k, 0, sizeof k);
    int64_t notice = 0, denun = 0, inst = 0, first = 0;
    int act = 0, interim = 0;
    rc = check_keys(L, o, keys);
    int r1 = get_int(L, o, "notice_months", 0, 0, 1200, &notice), r2 = get_int(L, o, "denunciation_months", 0, 0, 1200, &denun),
        r3 = get_date(L, o, "request_deadline", 0, &k.request_deadline),
        r4 = get_date(L, o, "payment_deadline", 0, &k.payment_deadline), r5 = get_int(L, o, "instalments", 0, 0, 1000, &inst),
        r6 = get_enum(L, o, "activity_reports", 0, &iscg__cadence_enum, &act),
        r7 = get_enum(L, o, "interim_summaries", 0, &iscg__cadence_enum, &interim),
        r8 = get_bool(L, o, "annual_report", &k.annual_report), r9 = get_bool(L, o, "steering_committee", &k.steering_committee),
        r10 = get_int(L, o, "first_steering_months", 0, 0, 1200, &first),
        r11 = get_bool(L, o, "carry_over_unused", &k.carry_over_unused);
    if (r1 < 0 || r2 < 0 || r3 < 0 || r4 < 0 || r5 < 0 || r6 < 0 || r7 < 0 || r8 < 0 || r9 < 0 || r10 < 0 || r11 < 0)
        rc = ISCG_EPARSE;
    k.notice_months = (int)notice;
    k.denunciation_months = (int)denun;
    k.has_request_deadline = r3 == 0;
    k.has_payment_deadline = r4 == 0;
    k.instalments = (int)inst;
    k.activity_reports = (iscg_cadence)act;
    k.interim_summaries = (iscg_cadence)interim;
    k.first_steering_months = (int)first;
    iscg_error e;
    if (rc == 0 && (rc = iscg_convention_set_clauses(L->ds->r, conv_id, &k, &e)) != 0)
        fail_from(L, rc, &e);
    iscg__load_pop(L, at);
    return rc;
}

struct side_ctx {
    const char *convention, *side;
};

static int funder_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"party", "weight", "percent", NULL};
    const struct side_ctx *sc = ctx;
    const char *party;
    int64_t weight = 1;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int x = get_string(L, v, "party", 1, &party);
    int y = lookup(L, v, "percent") ? get_percent(L, v, "percent", 1, &weight)
                                          : get_int(L, v, "weight", 0, 0, INT64_MAX, &weight);
    if (x < 0 || y < 0)
        rc = ISCG_EPARSE;
    if (rc == 0 && (rc = iscg_convention_add_funder(L->ds->r, sc->convention, sc->side, party, weight, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

static int side_item(struct loader *L, json_t *v, void *conv_id)
{
    static const char *const keys[] = {"name", "rule", "amount", "percent", "extra", "cap", "required", "split",
                                       "funders", NULL};
    iscg_side_spec s;
    memset(&s, 0, sizeof s);
    int rule = 0, required = 1;
    iscg_cents amount = 0, extra = 0, cap = ISCG_NO_CAP;
    int64_t pct = 0;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "name", 1, &s.name), b = get_enum(L, v, "rule", 1, &iscg__share_rule_enum, &rule),
        c = get_amount(L, v, "amount", 0, &amount), d = get_percent(L, v, "percent", 0, &pct),
        f = get_amount(L, v, "extra", 0, &extra), g = get_amount(L, v, "cap", 0, &cap),
        h = get_bool(L, v, "required", &required), k = get_rule(L, v, "split", &s.split);
    if (a < 0 || b < 0 || c < 0 || d < 0 || f < 0 || g < 0 || h < 0 || k < 0)
        rc = ISCG_EPARSE;
    /* the rule's value, from the field its description names */
    s.rule = (iscg_share_rule)rule;
    const struct iscg__share_rule *sr = b == 0 ? iscg__share_rule_of(s.rule) : NULL;
    if (rc == 0 && sr && sr->field) {
        const int cents = sr->value == ISCG__VALUE_CENTS;
        if ((cents ? c : d) != 0)
            rc = strchr("aeiou", sr->field[0])
                     ? fail(L, ISCG_EPARSE, "a %s side needs an \"%s\"", iscg_share_rule_name(s.rule), sr->field)
                     : fail(L, ISCG_EPARSE, "a %s side needs a \"%s\"", iscg_share_rule_name(s.rule), sr->field);
        s.value = cents ? amount : pct;
    }
    s.extra = extra;
    s.cap = cap;
    s.required = required;
    if (rc == 0 && (rc = iscg_convention_add_side(L->ds->r, (const char *)conv_id, &s, &e)) != 0)
        fail_from(L, rc, &e);
    struct side_ctx sc = {(const char *)conv_id, s.name};
    if (rc == 0)
        rc = each_item(L, v, "funders", 0, funder_item, &sc);
    return rc;
}

static int stated_item(struct loader *L, json_t *v, void *conv_id)
{
    static const char *const keys[] = {"party", "amount", "source", NULL};
    const char *party, *src;
    iscg_cents amount = 0;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "party", 1, &party), b = get_amount(L, v, "amount", 1, &amount),
        c = get_string(L, v, "source", 0, &src);
    if (a < 0 || b < 0 || c < 0)
        rc = ISCG_EPARSE;
    if (rc == 0 && (rc = iscg_convention_state(L->ds->r, (const char *)conv_id, party, amount, src, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

/* SPLIT-8: one of the posts a grant funds, with its weight or fixed amount. */
static int grant_post_item(struct loader *L, json_t *v, void *conv_id)
{
    static const char *const keys[] = {"post", "weight", "amount", NULL};
    const char *post;
    int64_t value = 1;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int x = get_string(L, v, "post", 1, &post);
    int y = lookup(L, v, "amount") ? get_amount(L, v, "amount", 1, &value)
                                   : get_int(L, v, "weight", 0, 0, INT64_MAX, &value);
    if (x < 0 || y < 0)
        rc = ISCG_EPARSE;
    if (rc == 0 && (rc = iscg_convention_add_post(L->ds->r, conv_id, post, value, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

/* An amendment (AMD-1): its date and one change. */
static int amendment_item(struct loader *L, json_t *v, void *conv_id)
{
    static const char *const keys[] = {"from", "cost", "end", "withdraw", "replacement", "side", "rule",
                                       "amount", "percent", NULL};
    iscg_whatif w = ISCG_WHATIF_INIT;
    int rule = 0;
    iscg_cents amount = 0;
    int64_t pct = 0;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int a = get_date(L, v, "from", 1, &w.from), b = get_amount(L, v, "cost", 0, &w.cost),
        c = get_date(L, v, "end", 0, &w.period.end), d = get_string(L, v, "withdraw", 0, &w.party),
        f = get_string(L, v, "replacement", 0, &w.replacement), g = get_string(L, v, "side", 0, &w.side),
        h = get_enum(L, v, "rule", 0, &iscg__share_rule_enum, &rule), k = get_amount(L, v, "amount", 0, &amount),
        m = get_percent(L, v, "percent", 0, &pct);
    if (a < 0 || b < 0 || c < 0 || d < 0 || f < 0 || g < 0 || h < 0 || k < 0 || m < 0)
        return ISCG_EPARSE;
    if (rc != 0)
        return rc;
    if ((b == 0) + (c == 0) + (d == 0) + (g == 0) != 1)
        return fail(L, ISCG_EPARSE, "an amendment has one of \"cost\", \"end\", \"withdraw\" or \"side\"");
    if (f == 0 && d != 0)
        return fail(L, ISCG_EPARSE, "\"replacement\" goes with \"withdraw\"");
    if ((h == 0 || k == 0 || m == 0) && g != 0)
        return fail(L, ISCG_EPARSE, "\"rule\", \"amount\" and \"percent\" go with \"side\"");
    if (g == 0 && h != 0)
        return fail(L, ISCG_EPARSE, "an amendment of a side gives its new \"rule\"");
    w.kind = b == 0 ? ISCG_WHATIF_COST : c == 0 ? ISCG_WHATIF_PERIOD : d == 0 ? ISCG_WHATIF_WITHDRAW : ISCG_WHATIF_SIDE;
    if (w.kind == ISCG_WHATIF_SIDE) {
        w.rule = (iscg_share_rule)rule;
        const struct iscg__share_rule *sr = iscg__share_rule_of(w.rule);
        if (sr->field) {
            const int cents = sr->value == ISCG__VALUE_CENTS;
            if ((cents ? k : m) != 0)
                return strchr("aeiou", sr->field[0])
                           ? fail(L, ISCG_EPARSE, "a %s side needs an \"%s\"", iscg_share_rule_name(w.rule), sr->field)
                           : fail(L, ISCG_EPARSE, "a %s side needs a \"%s\"", iscg_share_rule_name(w.rule), sr->field);
            w.value = cents ? amount : pct;
        }
    }
    const iscg_registry *r = L->ds->r;
    if (w.kind == ISCG_WHATIF_PERIOD)
        w.period.start = r->conventions[iscg__convention_index(r, (const char *)conv_id)].period.start;
    if ((rc = iscg_convention_amend(L->ds->r, (const char *)conv_id, &w, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

/* SPLIT-8: a grant may leave out "post": its first post is then the convention's. */
static int first_grant_post(struct loader *L, json_t *v, const char **post)
{
    json_t *posts = lookup(L, v, "posts"), *first = json_is_array(posts) ? json_array_get(posts, 0) : NULL;
    json_t *id = json_is_object(first) ? json_object_get(first, "post") : NULL;
    if (!json_is_string(id))
        return fail(L, ISCG_EPARSE, "a convention needs \"post\", or \"posts\" naming its first post");
    *post = json_string_value(id);
    return 0;
}

static int convention_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"id", "post", "start", "end", "months", "cost", "annual", "daycount",
                                       "rounding", "source", "claims_equal", "clauses", "sides", "stated",
                                       "shortfall_to_carrier", "posts", "post_split", "amendments", NULL};
    (void)ctx;
    iscg_convention_spec c;
    memset(&c, 0, sizeof c);
    int dc = 0, annual = 0, shortfall = 0, split = ISCG_POST_SPLIT_NONE;
    int64_t months = 0;
    iscg_cents cost = ISCG_UNKNOWN;
    const char *claim;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "id", 1, &c.id), b = get_string(L, v, "post", !lookup(L, v, "posts"), &c.post),
        d = get_date(L, v, "start", 1, &c.period.start), f = get_date(L, v, "end", 0, &c.period.end),
        g = get_int(L, v, "months", 0, 1, 1200, &months), h = get_amount(L, v, "cost", 0, &cost),
        k = get_bool(L, v, "annual", &annual),
        m = get_enum(L, v, "daycount", 1, &iscg__daycount_enum, &dc),
        n = get_rule(L, v, "rounding", &c.rounding), o = get_string(L, v, "source", 0, &c.source),
        p = get_string(L, v, "claims_equal", 0, &claim), q = get_bool(L, v, "shortfall_to_carrier", &shortfall),
        u = get_enum(L, v, "post_split", 0, &iscg__post_split_enum, &split);
    if (a < 0 || b < 0 || d < 0 || f < 0 || g < 0 || h < 0 || k < 0 || m < 0 || n < 0 || o < 0 || p < 0 || q < 0 ||
        u < 0)
        rc = ISCG_EPARSE;
    if (rc == 0 && b > 0)
        rc = first_grant_post(L, v, &c.post);
    if (rc == 0 && f == 0 && g == 0)
        rc = fail(L, ISCG_EPARSE, "give \"end\" or \"months\", not both");
    if (rc == 0 && f != 0 && g != 0)
        rc = fail(L, ISCG_EPARSE, "give the period's \"end\" or its length in \"months\"");
    if (rc == 0 && g == 0 && (rc = iscg_period_from_months(&c.period, c.period.start, (int)months, &e)) != 0)
        fail_from(L, rc, &e);
    c.cost = cost;
    c.annual = annual;
    c.daycount = (iscg_daycount)dc;
    if (rc == 0 && (rc = iscg_convention_add(L->ds->r, &c, &e)) != 0)
        fail_from(L, rc, &e);
    if (rc == 0 && u == 0 && (rc = iscg_convention_set_post_split(L->ds->r, c.id, (iscg_post_split)split, &e)) != 0)
        fail_from(L, rc, &e);
    if (rc == 0 && p == 0 && (rc = iscg_convention_claim_equal(L->ds->r, c.id, claim, &e)) != 0)
        fail_from(L, rc, &e);
    if (rc == 0) {
        int x = load_clauses(L, v, c.id), y = each_item(L, v, "sides", 1, side_item, (void *)c.id),
            z = each_item(L, v, "stated", 0, stated_item, (void *)c.id),
            w = each_item(L, v, "posts", 0, grant_post_item, (void *)c.id);
        rc = x ? x : y ? y : z ? z : w;
    }
    if (rc == 0) { /* SPLIT-8: the grant's posts make a split */
        size_t at = iscg__load_push(L, "posts", -1);
        if ((rc = iscg__grant_check(L->ds->r, &L->ds->r->conventions[iscg__convention_index(L->ds->r, c.id)], &e)) != 0)
            fail_from(L, rc, &e);
        iscg__load_pop(L, at);
    }
    if (rc == 0) { /* SPLIT-7: the shortfall's side after the others, then the plan balances */
        size_t at = iscg__load_push(L, shortfall ? "shortfall_to_carrier" : "sides", -1);
        if ((shortfall && (rc = iscg_convention_charge_shortfall(L->ds->r, c.id, &e)) != 0) ||
            (rc = iscg__plan_check(&L->ds->r->conventions[iscg__convention_index(L->ds->r, c.id)], &e)) != 0)
            fail_from(L, rc, &e);
        iscg__load_pop(L, at);
    }
    if (rc == 0) /* AMD-1: the amendments, then every segment balances as the computation will find it */
        rc = each_item(L, v, "amendments", 0, amendment_item, (void *)c.id);
    if (rc == 0) {
        const struct convention *cv = &L->ds->r->conventions[iscg__convention_index(L->ds->r, c.id)];
        size_t at = iscg__load_push(L, "amendments", -1);
        if (cv->namend > 0 && (rc = iscg__amend_check(L->ds->r, cv, &e)) != 0)
            fail_from(L, rc, &e);
        iscg__load_pop(L, at);
    }
    return rc;
}

static int budget_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"operation", "imputation", "label", "payer", "year", "credits", "available",
                                       "stated_proposed", "source", NULL};
    iscg_dataset *ds = L->ds;
    (void)ctx;
    const char *op, *imp, *label, *payer, *src;
    int64_t year = 0;
    struct budget b;
    memset(&b, 0, sizeof b);
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "operation", 1, &op), c = get_string(L, v, "imputation", 0, &imp),
        d = get_string(L, v, "label", 0, &label), f = get_string(L, v, "payer", 1, &payer),
        g = get_int(L, v, "year", 1, 1, 9999, &year), h = get_amount(L, v, "credits", 1, &b.credits),
        k = get_amount(L, v, "available", 1, &b.available),
        m = get_amount(L, v, "stated_proposed", 0, &b.stated_proposed), n = get_string(L, v, "source", 0, &src);
    if (a < 0 || c < 0 || d < 0 || f < 0 || g < 0 || h < 0 || k < 0 || m < 0 || n < 0)
        rc = ISCG_EPARSE;
    if (rc == 0 && iscg__party_index(ds->r, payer) < 0) {
        size_t at2 = iscg__load_push(L, "payer", 0);
        rc = fail(L, ISCG_ENOTFOUND, "party %s is not defined", payer);
        iscg__load_pop(L, at2);
    }
    if (rc == 0 && ds->nbudgets == L->budget_capacity) {
        size_t cap = L->budget_capacity ? 2 * L->budget_capacity : 8;
        struct budget *bigger = realloc(ds->budgets, cap * sizeof *bigger);
        if (!bigger)
            return fail(L, ISCG_ENOMEM, "out of memory");
        ds->budgets = bigger;
        L->budget_capacity = cap;
    }
    if (rc == 0) {
        b.year = (int)year;
        b.has_stated_proposed = m == 0;
        b.operation = dup_or_fail(L, op, &rc);
        b.imputation = dup_or_fail(L, imp, &rc);
        b.label = dup_or_fail(L, label, &rc);
        b.payer = dup_or_fail(L, payer, &rc);
        b.source = dup_or_fail(L, src, &rc);
        ds->budgets[ds->nbudgets++] = b; /* freed with the dataset, even when a copy failed */
    }
    return rc;
}


static const char *const count_keys[ISCG_ACTIVITY_COUNTS] = {
    "women", "men", "children", "referrals", "interviews", "interviews_physical", "interviews_telephone",
    "interviews_partners", "epci", "communes", "population"};

static const size_t count_offsets[ISCG_ACTIVITY_COUNTS] = {
    offsetof(iscg_activity, women), offsetof(iscg_activity, men), offsetof(iscg_activity, children),
    offsetof(iscg_activity, referrals), offsetof(iscg_activity, interviews),
    offsetof(iscg_activity, interviews_physical), offsetof(iscg_activity, interviews_telephone),
    offsetof(iscg_activity, interviews_partners), offsetof(iscg_activity, epci), offsetof(iscg_activity, communes),
    offsetof(iscg_activity, population)};

static int64_t *count_slot(iscg_activity *a, int k)
{
    return (int64_t *)(void *)((char *)a + count_offsets[k]);
}

static int activity_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"post", "site", "granularity", "start", "not_reported", "women", "men",
                                       "children", "referrals", "interviews", "interviews_physical",
                                       "interviews_telephone", "interviews_partners", "epci", "communes",
                                       "population", "vif", "carrier", "force", "territory", "note", NULL};
    (void)ctx;
    iscg_activity a;
    iscg_activity_init(&a);
    int g = ISCG_PERIOD_NONE, carrier = 0, force = 0, bad = 0;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    bad |= get_string(L, v, "post", 1, &a.post) < 0;
    bad |= get_string(L, v, "site", 0, &a.site) < 0;
    bad |= get_enum(L, v, "granularity", 1, &iscg__period_kind_enum, &g) < 0;
    bad |= get_date(L, v, "start", 1, &a.period.start) < 0;
    bad |= get_bool(L, v, "not_reported", &a.not_reported) < 0;
    for (int k = 0; k < ISCG_ACTIVITY_COUNTS; k++)
        bad |= get_int(L, v, count_keys[k], 0, 0, INT64_MAX, count_slot(&a, k)) < 0;
    bad |= get_percent(L, v, "vif", 0, &a.vif_basis_points) < 0;
    bad |= get_enum(L, v, "carrier", 0, &iscg__activity_carrier_enum, &carrier) < 0;
    bad |= get_enum(L, v, "force", 0, &iscg__activity_force_enum, &force) < 0;
    bad |= get_string(L, v, "territory", 0, &a.territory) < 0;
    bad |= get_string(L, v, "note", 0, &a.note) < 0;
    if (bad)
        rc = ISCG_EPARSE;
    a.granularity = (iscg_stats_granularity)g;
    a.carrier = (iscg_activity_carrier)carrier;
    a.force = (iscg_activity_force)force;
    if (rc == 0 && iscg__post_index(L->ds->r, a.post) < 0) {
        size_t at2 = iscg__load_push(L, "post", 0);
        rc = fail(L, ISCG_ENOTFOUND, "post %s is not defined", a.post);
        iscg__load_pop(L, at2);
    }
    if (rc == 0) {
        /* the period of that granularity which starts on "start" (STAT-1); g
         * was read by name, and "NONE" is none: 1 to 12 months */
        iscg_date want = a.period.start;
        int months = iscg__period_months[g];
        if (want.day != 1 || (want.month - 1) % months != 0) {
            size_t at2 = iscg__load_push(L, "start", 0);
            rc = fail(L, ISCG_EDATE, "%04d-%02d-%02d does not start a %s", want.year, want.month, want.day,
                      iscg_period_kind_name(a.granularity));
            iscg__load_pop(L, at2);
        } else if ((rc = iscg_period_from_months(&a.period, want, months, &e)) != 0) {
            fail_from(L, rc, &e);
        }
    }
    if (rc == 0 && (rc = iscg_stats_add(L->ds->s, &a, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

/* A what-if of the dataset's scenario (AMD-3, doc/dataset.md): its kind is
 * the key it has, "withdraw", "cost" or "start"; the identifiers it names
 * must be in the dataset. */
static int scenario_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"convention", "withdraw", "replacement", "from", "cost", "start", "end", NULL};
    (void)ctx;
    iscg_whatif w = ISCG_WHATIF_INIT;
    iscg_error e;
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "convention", 1, &w.convention), b = get_string(L, v, "withdraw", 0, &w.party),
        c = get_string(L, v, "replacement", 0, &w.replacement), d = get_date(L, v, "from", 0, &w.from),
        f = get_amount(L, v, "cost", 0, &w.cost), g = get_date(L, v, "start", 0, &w.period.start),
        h = get_date(L, v, "end", 0, &w.period.end);
    if (a < 0 || b < 0 || c < 0 || d < 0 || f < 0 || g < 0 || h < 0)
        return ISCG_EPARSE;
    if (rc != 0)
        return rc;
    if ((b == 0) + (f == 0) + (g == 0) != 1)
        return fail(L, ISCG_EPARSE, "a what-if has one of \"withdraw\", \"cost\" or \"start\"");
    if (b != 0 && (c == 0 || d == 0))
        return fail(L, ISCG_EPARSE, "\"replacement\" and \"from\" go with \"withdraw\"");
    if ((g == 0) != (h == 0))
        return fail(L, ISCG_EPARSE, "a new period has its \"start\" and its \"end\"");
    w.kind = b == 0 ? ISCG_WHATIF_WITHDRAW : f == 0 ? ISCG_WHATIF_COST : ISCG_WHATIF_PERIOD;
    const iscg_registry *r = L->ds->r;
    const char *unknown = iscg__convention_index(r, w.convention) < 0                     ? w.convention
                          : w.party && iscg__party_index(r, w.party) < 0                 ? w.party
                          : w.replacement && iscg__party_index(r, w.replacement) < 0     ? w.replacement
                                                                                         : NULL;
    if (unknown)
        return fail(L, ISCG_ENOTFOUND, "the what-if names %s, which the dataset does not define", unknown);
    if ((rc = iscg_scenario_add(L->ds->scenario, &w, &e)) != 0)
        fail_from(L, rc, &e);
    return rc;
}

/* ---- stated figures (STAT-7) ------------------------------------------- */

/* Keeps a stated figure, its strings copied; frees nothing on failure (the
 * dataset frees what it holds). */
static int keep_stated(struct loader *L, iscg_stated *st, const char *what, const char *source, const char *post)
{
    iscg_dataset *ds = L->ds;
    if (ds->nstated == ds->stated_capacity) {
        size_t cap = ds->stated_capacity ? 2 * ds->stated_capacity : 8;
        iscg_stated *grown = realloc(ds->stated, cap * sizeof *grown);
        if (!grown)
            return fail(L, ISCG_ENOMEM, "out of memory");
        ds->stated = grown;
        ds->stated_capacity = cap;
    }
    int rc = 0;
    st->what = dup_or_fail(L, what, &rc);
    st->source = dup_or_fail(L, source, &rc);
    st->post = dup_or_fail(L, post, &rc);
    ds->stated[ds->nstated++] = *st; /* freed with the dataset, even when a copy failed */
    return rc;
}

/* A series' stated total: "measure" is a count of the activity records. */
static int stated_total_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"measure", "post", "granularity", "from", "to", "total", "what",
                                       "source", NULL};
    (void)ctx;
    iscg_stated st;
    memset(&st, 0, sizeof st);
    st.kind = ISCG_STATED_TOTAL;
    const char *measure, *post, *what, *source;
    int g = ISCG_PERIOD_YEAR;
    int rc = check_keys(L, v, keys);
    int a = get_string(L, v, "measure", 1, &measure), b = get_string(L, v, "post", 0, &post),
        c = get_enum(L, v, "granularity", 0, &iscg__period_kind_enum, &g),
        d = get_date(L, v, "from", 1, &st.from), f = get_date(L, v, "to", 1, &st.to),
        h = get_int(L, v, "total", 1, 0, INT64_MAX, &st.total), i = get_string(L, v, "what", 0, &what),
        j = get_string(L, v, "source", 0, &source);
    const int got[] = {a, b, c, d, f, h, i, j};
    for (size_t x = 0; x < sizeof got / sizeof *got; x++)
        if (got[x] < 0)
            return got[x]; /* the first field's error, each reported */
    if (rc != 0)
        return rc;
    st.granularity = (iscg_stats_granularity)g;
    int k = 0;
    while (k < ISCG_ACTIVITY_COUNTS && strcmp(count_keys[k], measure) != 0)
        k++;
    size_t at = iscg__load_push(L, k == ISCG_ACTIVITY_COUNTS ? "measure" : "to", 0);
    if (k == ISCG_ACTIVITY_COUNTS)
        rc = fail(L, ISCG_EPARSE, "\"%s\" is not a count of the activity records (\"referrals\", \"women\"...)",
                  measure);
    else if (iscg_date_compare(st.to, st.from) < 0)
        rc = fail(L, ISCG_EDATE, "the series ends before it starts");
    iscg__load_pop(L, at);
    if (rc == 0 && post && iscg__post_index(L->ds->r, post) < 0) {
        at = iscg__load_push(L, "post", 0);
        rc = fail(L, ISCG_ENOTFOUND, "post %s is not defined", post);
        iscg__load_pop(L, at);
    }
    if (rc != 0)
        return rc;
    st.measure = (iscg_activity_field)k;
    return keep_stated(L, &st, what, source, post);
}

/* A stated share of counts: "count" of "of", printed as "percent". */
static int stated_share_item(struct loader *L, json_t *v, void *ctx)
{
    static const char *const keys[] = {"count", "of", "percent", "rounding", "what", "source", NULL};
    (void)ctx;
    iscg_stated st;
    memset(&st, 0, sizeof st);
    st.kind = ISCG_STATED_SHARE;
    const char *percent, *what, *source;
    int mode = ISCG_ROUND_HALF_UP;
    int rc = check_keys(L, v, keys);
    int a = get_int(L, v, "count", 1, 0, INT64_MAX, &st.count), b = get_int(L, v, "of", 1, 1, INT64_MAX, &st.of),
        c = get_string(L, v, "percent", 1, &percent),
        d = get_enum(L, v, "rounding", 0, &iscg__rounding_enum, &mode), f = get_string(L, v, "what", 0, &what),
        h = get_string(L, v, "source", 0, &source);
    const int got[] = {a, b, c, d, f, h};
    for (size_t x = 0; x < sizeof got / sizeof *got; x++)
        if (got[x] < 0)
            return got[x]; /* the first field's error, each reported */
    if (rc != 0)
        return rc;
    st.rounding = (iscg_rounding)mode;
    iscg_error e;
    const char *dot = strchr(percent, '.');
    st.decimals = dot ? (int)strlen(dot + 1) : 0;
    size_t at = iscg__load_push(L, "percent", 0);
    if ((rc = iscg_percent_parse(&st.basis_points, percent, &e)) != 0) /* 0 to 100, two decimals at most */
        fail(L, rc, "%s", e.text);
    iscg__load_pop(L, at);
    if (rc == 0 && st.count > st.of) {
        at = iscg__load_push(L, "count", 0);
        rc = fail(L, ISCG_ERANGE, "%lld of %lld would be a share above 100 %%", (long long)st.count,
                  (long long)st.of);
        iscg__load_pop(L, at);
    }
    if (rc != 0)
        return rc;
    return keep_stated(L, &st, what, source, NULL);
}

int iscg__load_root(struct loader *L, json_t *root)
{
    static const char *const keys[] = {"format", "version", "title", "notes", "parties", "posts", "conventions",
                                       "budget_lines", "activity", "scenarios", "stated_totals",
                                       "stated_shares", NULL};
    const char *format, *title;
    int64_t version = 0;
    json_t *notes;
    int rc = iscg__load_expect_object(L, root);
    if (rc != 0)
        return rc;
    rc = check_keys(L, root, keys);
    if (get_string(L, root, "format", 1, &format) == 0 && strcmp(format, "iscg-dataset") != 0) {
        size_t at = iscg__load_push(L, "format", 0);
        rc = fail(L, ISCG_EPARSE, "\"%s\" is not \"iscg-dataset\"", format);
        iscg__load_pop(L, at);
    }
    if (get_int(L, root, "version", 1, 1, ISCG_DATASET_VERSION, &version) < 0)
        return ISCG_EPARSE; /* another version: reading on would report noise */
    if (get_string(L, root, "title", 0, &title) == 0 && !(L->ds->title = strdup(title)))
        return fail(L, ISCG_ENOMEM, "out of memory");
    if (get_array(L, root, "notes", &notes) == 0) {
        int w = iscg__load_too_many(L, "notes", json_array_size(notes), ISCG_DATASET_MAX_NOTES);
        if (w != 0)
            return w;
        L->ds->notes = calloc(json_array_size(notes) + 1, sizeof *L->ds->notes);
        if (!L->ds->notes)
            return fail(L, ISCG_ENOMEM, "out of memory");
        L->ds->notes_capacity = json_array_size(notes) + 1;
        size_t i;
        json_t *v;
        json_array_foreach(notes, i, v) {
            size_t at = iscg__load_push(L, "notes", 0);
            iscg__load_push(L, NULL, (long)i);
            if (!json_is_string(v))
                rc = fail(L, ISCG_EPARSE, "a string was expected, found %s", type_name(v));
            else if (too_long(L, NULL, v, ISCG_DATASET_MAX_TEXT) != 0)
                rc = ISCG_ERANGE;
            else if (!(L->ds->notes[L->ds->nnotes++] = strdup(json_string_value(v))))
                rc = fail(L, ISCG_ENOMEM, "out of memory");
            iscg__load_pop(L, at);
        }
    }
    int a = each_item(L, root, "parties", 0, party_item, NULL);
    int b = each_item(L, root, "posts", 0, post_item, NULL);
    int c = each_item(L, root, "conventions", 0, convention_item, NULL);
    int d = each_item(L, root, "budget_lines", 0, budget_item, NULL);
    int e = each_item(L, root, "activity", 0, activity_item, NULL);
    int f = each_item(L, root, "scenarios", 0, scenario_item, NULL);
    int g = each_item(L, root, "stated_totals", 0, stated_total_item, NULL);
    int h = each_item(L, root, "stated_shares", 0, stated_share_item, NULL);
    return rc ? rc : a ? a : b ? b : c ? c : d ? d : e ? e : f ? f : g ? g : h;
}

/* Out of memory before anything was read: reported like any other error,
 * so that a validation's list holds the one error its count announces. */
int iscg__load_nomem(struct loader *L, size_t *count)
{
    iscg_error e;
    iscg__fail_in(&e, ISCG_ENOMEM, 0, L->name, "", 0, 0, ": out of memory");
    if (L->first)
        *L->first = e;
    if (L->capacity > 0)
        L->list[0] = e;
    L->count = 1;
    if (count)
        *count = 1;
    return ISCG_ENOMEM;
}

/* Whether json_loads() failed for want of memory. jansson gives every syntax
 * error a text and a line; it returns NULL with neither (line -1) only when
 * an allocation fails (its lexer's buffer, an object, an array, a number), and
 * newer versions may say so with json_error_out_of_memory. Other failed
 * allocations of its lexer it reports as syntax errors ("invalid token"):
 * those stay ISCG_EPARSE, as libiscg cannot tell them from a broken file. */
int iscg__jansson_nomem(const json_error_t *je)
{
    if (je->text[0] == '\0')
        return 1;
#if JANSSON_VERSION_HEX >= 0x020b00 /* json_error_code() appeared in 2.11 */
    return json_error_code(je) == json_error_out_of_memory;
#else
    return 0;
#endif
}


/* The dataset once read: the first error's code, or the registry's check. */
int iscg__load_conclude(struct loader *L, int rc)
{
    if (L->stop == STOP_CANCELED) /* nothing more to check: the load ends */
        return ISCG_ECANCELED;
    if (rc == 0 && L->first_code)
        rc = L->first_code;
    if (rc == 0) {
        iscg_error e;
        if ((rc = iscg_registry_validate(L->ds->r, &e)) != 0)
            fail_from(L, rc, &e);
    }
    if (rc != 0 && L->first_code)
        rc = L->first_code;
    return rc;
}

/* Reads the whole tree at once (the text is not what iscg__load_pieces() expects). */
/* Gives jansson the text as it asks for it, counting the bytes given so that
 * the cancel function is polled after each ISCG__CANCEL_WORK of them;
 * (size_t)-1, which jansson takes as a read error, once it asks to stop. */
struct feed {
    struct loader *L;
    const char *p;
};

static size_t feed(void *buf, size_t size, void *data)
{
    struct feed *f = data;
    size_t n = strnlen(f->p, size < ISCG__CANCEL_WORK ? size : ISCG__CANCEL_WORK);
    if (iscg__load_poll(f->L, n)) /* jansson asks for 1 KiB or so: a poll every 64 KiB */
        return (size_t)-1;
    memcpy(buf, f->p, n);
    f->p += n;
    return n;
}

int iscg__load_whole(struct loader *L, size_t *count)
{
    json_error_t je;
    struct feed f = {L, L->text};
    json_t *root = L->cancel ? json_load_callback(feed, &f, JSON_REJECT_DUPLICATES, &je)
                             : json_loads(L->text, JSON_REJECT_DUPLICATES, &je);
    if (!root && L->stop == STOP_CANCELED)
        return ISCG_ECANCELED;
    if (!root && iscg__jansson_nomem(&je))
        return iscg__load_nomem(L, count);
    if (!root) {
        iscg_error e;
        int col = je.column > 0 ? je.column : 1;
        iscg__fail_in(&e, ISCG_EPARSE, 0, L->name, "", je.line, col, ":%d:%d: not JSON: %s", je.line, col, je.text);
        if (L->first)
            *L->first = e;
        if (L->capacity > 0)
            L->list[0] = e;
        L->count = 1;
        return ISCG_EPARSE;
    }
    int rc = iscg__load_conclude(L, iscg__load_root(L, root));
    json_decref(root);
    return rc;
}
