/* SPDX-License-Identifier: Apache-2.0 */
/* The dataset API (doc/dataset.md): loading from a string, a file read with
 * its bounds, or the embedded dataset, by the plain reader or, for a large
 * text, the piecewise one (dataset_big.c); validation; the accessors.
 * Loading goes one way: JSON -> registry and statistics; every value is
 * checked, and an error names the file, line, column and field. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "model.h"
#include "stats_internal.h"

#include "dataset_internal.h"
#include "dataset_load.h"
#include "i18n.h"

void iscg_free(void *p)
{
    free(p);
}

void iscg_dataset_free(iscg_dataset *ds)
{
    if (!ds)
        return;
    iscg_registry_free(ds->r);
    iscg_scenario_free(ds->scenario);
    iscg_stats_free(ds->s);
    free(ds->title);
    for (size_t i = 0; i < ds->nnotes; i++)
        free(ds->notes[i]);
    free(ds->notes);
    for (size_t i = 0; i < ds->nbudgets; i++) {
        struct budget *b = &ds->budgets[i];
        free(b->operation);
        free(b->imputation);
        free(b->label);
        free(b->payer);
        free(b->source);
    }
    free(ds->budgets);
    for (size_t i = 0; i < ds->nstated; i++) {
        free((void *)ds->stated[i].what);
        free((void *)ds->stated[i].source);
        free((void *)ds->stated[i].post);
    }
    free(ds->stated);
    free(ds);
}

/* Texts shorter than this are read as a whole tree (some megabytes at most).
 * Each piece's parse starts a lexer whose buffer grows again, and jansson
 * 2.14 reads past that buffer when such a growth fails on a string's closing
 * quote (akheron/jansson#362): small texts, such as the embedded dataset,
 * keep the exposure of a single parse. The fuzz target sets it to 0. */
#ifndef ISCG_DATASET_PIECES_MIN
#define ISCG_DATASET_PIECES_MIN ((size_t)1 << 20)
#endif

static iscg_dataset *new_dataset(void)
{
    iscg_dataset *ds = calloc(1, sizeof *ds);
    if (ds && (iscg_registry_new(&ds->r) != 0 || iscg_scenario_new(&ds->scenario) != 0 ||
               iscg_stats_new(&ds->s) != 0)) {
        iscg_dataset_free(ds);
        return NULL;
    }
    return ds;
}

/* The one error of a canceled load, which replaces any it found so far. */
static int canceled(struct loader *L, size_t *count)
{
    iscg_error e;
    iscg__fail_in(&e, ISCG_ECANCELED, 0, L->name, "", 0, 0, ": the load was canceled (its cancel function asked it to stop)");
    if (L->first)
        *L->first = e;
    if (L->capacity > 0)
        L->list[0] = e;
    L->count = 1;
    if (count)
        *count = 1;
    return ISCG_ECANCELED;
}

/* The options' cancel function, NULL for none (options of version 1 have none). */
static iscg_cancel_fn cancel_of(const iscg_load_options *opts)
{
    return opts && opts->version >= 2 ? opts->cancel : NULL;
}

static void *cancel_ctx_of(const iscg_load_options *opts)
{
    return opts && opts->version >= 2 ? opts->cancel_ctx : NULL;
}

static int load(iscg_dataset **out, const char *text, const char *name, const iscg_load_options *opts,
                iscg_error *first, iscg_error *list, size_t capacity, size_t *count)
{
    struct loader L;
    memset(&L, 0, sizeof L);
    L.cancel = cancel_of(opts);
    L.cancel_ctx = cancel_ctx_of(opts);
    L.text = text;
    L.name = name ? name : "<string>";
    L.first = first;
    L.list = list;
    L.capacity = list ? capacity : 0;
    if (!(L.ds = new_dataset()))
        return iscg__load_nomem(&L, count);
    int rc;
    if (strnlen(text, ISCG_DATASET_PIECES_MIN) < ISCG_DATASET_PIECES_MIN)
        rc = iscg__load_whole(&L, count);
    else
        rc = iscg__load_pieces(&L);
    if (L.stop == STOP_WHOLE) { /* start again, on the whole tree */
        iscg_dataset_free(L.ds);
        struct loader fresh = L;
        memset(&L, 0, sizeof L);
        L.text = fresh.text;
        L.name = fresh.name;
        L.first = fresh.first;
        L.list = fresh.list;
        L.capacity = fresh.capacity;
        L.cancel = fresh.cancel;
        L.cancel_ctx = fresh.cancel_ctx;
        L.work = fresh.work;
        if (!(L.ds = new_dataset()))
            return iscg__load_nomem(&L, count);
        rc = iscg__load_whole(&L, count);
    } else if (L.stop == STOP_NOMEM) {
        rc = iscg__load_nomem(&L, count);
    }
    if (L.stop == STOP_CANCELED)
        rc = canceled(&L, count);
    if (count)
        *count = L.count;
    if (rc != 0 || !out) {
        iscg_dataset_free(L.ds);
        return rc;
    }
    /* A loaded registry is what its file says: what-ifs are the dataset's
     * scenario, and results may be computed from it by several threads. */
    iscg__ignore(iscg_registry_freeze(L.ds->r)); /* a registry given: cannot fail */
    *out = L.ds;
    return 0;
}

int iscg_dataset_load_string(iscg_dataset **out, const char *text, const char *name, iscg_error *err)
{
    if (!out || !text)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no output or text given");
    return load(out, text, name, NULL, err, NULL, 0, NULL);
}

static int check_options(const iscg_load_options *opts, iscg_error *err);

int iscg_dataset_load_string_ext(iscg_dataset **out, const char *text, const char *name,
                                 const iscg_load_options *opts, iscg_error *err)
{
    int rc;
    if (!out || !text)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no output or text given");
    if ((rc = check_options(opts, err)) != 0)
        return rc;
    size_t max = opts ? opts->max_size : ISCG_DATASET_MAX_SIZE;
    size_t n = strnlen(text, max == SIZE_MAX ? max : max + 1);
    if (n > max)
        return ISCG_FAIL(err, ISCG_ERANGE, "max_size",
                         "%s: larger than the limit of %zu bytes for a dataset text (max_size)",
                         name ? name : "<string>", max);
    return load(out, text, name, opts, err, NULL, 0, NULL);
}

/* ---- reading a file, bounded ------------------------------------------- */

/* A read that failed: the system's reason, its errno kept. */
static char *read_failed(int fd, char *buf, int e, const char *path, const char *why, int *rc, iscg_error *err)
{
    free(buf);
    if (fd >= 0)
        (void)close(fd); /* only read: nothing to flush */
    *rc = iscg__fail_in(err, ISCG_EIO, e, path, "", 0, 0, ": %s: %s", ISCG_TR(why), strerror(e));
    return NULL;
}

static char *too_large(int fd, char *buf, const char *path, size_t max, int *rc, iscg_error *err)
{
    free(buf);
    (void)close(fd);
    *rc = iscg__fail_in(err, ISCG_ERANGE, 0, path, "", 0, 0,
                        ": larger than the limit of %zu bytes for a dataset file (max_size)", max);
    return NULL;
}

/* A NUL byte at buf[at]: refused with its line and column (columns count
 * characters, as everywhere else). */
static char *nul_byte(int fd, char *buf, size_t at, const char *path, int *rc, iscg_error *err)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < at; i++) {
        if (buf[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    free(buf);
    (void)close(fd);
    *rc = iscg__fail_in(err, ISCG_EPARSE, 0, path, "", line, col, ":%d:%d: a NUL byte, which a dataset file never holds",
                        line, col);
    return NULL;
}

static int check_options(const iscg_load_options *opts, iscg_error *err)
{
    if (opts && (opts->version < 1 || opts->version > ISCG_LOAD_OPTIONS_VERSION))
        return ISCG_FAIL(err, ISCG_EINVAL, "version", "load options of version %u, not %d: start from ISCG_LOAD_OPTIONS_INIT",
                         opts->version, ISCG_LOAD_OPTIONS_VERSION);
    if (opts && opts->max_size == 0)
        return ISCG_FAIL(err, ISCG_EINVAL, "max_size", "a max_size of 0 bytes reads nothing");
    return 0;
}

/* The whole file, NUL-terminated, read once with read(2) so that the limit
 * and NUL bytes are checked as each piece arrives: /dev/zero or a pipe that
 * never ends stop at once, not when memory runs out. */
static char *slurp(const char *path, const iscg_load_options *opts, int *rc, iscg_error *err)
{
    if (!path) {
        *rc = iscg__fail(err, ISCG_EIO, NULL, "", 0, 0, "(null): cannot be read: no file given");
        return NULL;
    }
    size_t max = opts ? opts->max_size : ISCG_DATASET_MAX_SIZE, since_poll = 0;
    iscg_cancel_fn cancel = cancel_of(opts);
    if (max > SIZE_MAX - 2)
        max = SIZE_MAX - 2;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return read_failed(-1, NULL, errno, path, ISCG_N_("cannot be read"), rc, err);
    struct stat st;
    if (fstat(fd, &st) != 0)
        return read_failed(fd, NULL, errno, path, ISCG_N_("cannot be read"), rc, err);
    if (S_ISDIR(st.st_mode))
        return read_failed(fd, NULL, EISDIR, path, ISCG_N_("cannot be read as a dataset"), rc, err);
    size_t cap = 65536;
    if (S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > (uintmax_t)max)
            return too_large(fd, NULL, path, max, rc, err);
        if ((size_t)st.st_size + 2 > cap)
            cap = (size_t)st.st_size + 2; /* room to see the end at once */
    }
    if (cap > max + 2)
        cap = max + 2;
    char *buf = NULL;
    size_t len = 0;
    for (;;) {
        if (!buf || len + 1 == cap) {
            size_t want = buf ? cap * 2 : cap;
            if (want > max + 2 || want < cap)
                want = max + 2;
            char *bigger = realloc(buf, want);
            if (!bigger) {
                free(buf);
                (void)close(fd);
                *rc = iscg__fail_in(err, ISCG_ENOMEM, 0, path, "", 0, 0, ": out of memory");
                return NULL;
            }
            buf = bigger;
            cap = want;
        }
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return read_failed(fd, buf, errno, path, ISCG_N_("read error"), rc, err);
        if (n == 0)
            break;
        const char *nul = memchr(buf + len, '\0', (size_t)n);
        if (nul)
            return nul_byte(fd, buf, (size_t)(nul - buf), path, rc, err);
        len += (size_t)n;
        if (len > max)
            return too_large(fd, buf, path, max, rc, err);
        if (cancel && (since_poll += (size_t)n) >= ISCG__CANCEL_WORK) {
            since_poll = 0;
            if (cancel(cancel_ctx_of(opts)) != 0) {
                free(buf);
                (void)close(fd);
                *rc = iscg__fail_in(err, ISCG_ECANCELED, 0, path, "", 0, 0,
                                    ": the read was canceled (its cancel function asked it to stop)");
                return NULL;
            }
        }
    }
    (void)close(fd); /* only read: every read was checked */
    buf[len] = '\0';
    *rc = 0;
    return buf;
}

int iscg_dataset_load_file_ext(iscg_dataset **out, const char *path, const iscg_load_options *opts,
                               iscg_error *err)
{
    int rc;
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no output given");
    if ((rc = check_options(opts, err)) != 0)
        return rc;
    char *text = slurp(path, opts, &rc, err);
    if (!text)
        return rc;
    rc = load(out, text, path, opts, err, NULL, 0, NULL);
    free(text);
    return rc;
}

int iscg_dataset_load_file(iscg_dataset **out, const char *path, iscg_error *err)
{
    return iscg_dataset_load_file_ext(out, path, NULL, err);
}

int iscg_dataset_load_embedded(iscg_dataset **out, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no output given");
    return load(out, iscg__embedded_json, "pas-de-calais-2023.json", NULL, err, NULL, 0, NULL);
}

const char *iscg_dataset_embedded_text(void)
{
    return iscg__embedded_json;
}

int iscg_dataset_validate_string(iscg_error *errors, size_t capacity, size_t *count, const char *text, const char *name)
{
    size_t n = 0;
    if (!text || (!errors && capacity > 0))
        return ISCG_EINVAL;
    int rc = load(NULL, text, name, NULL, NULL, errors, capacity, &n);
    if (count)
        *count = n;
    return rc;
}

int iscg_dataset_validate_file_ext(iscg_dataset **out, iscg_error *errors, size_t capacity, size_t *count,
                                   const char *path, const iscg_load_options *opts)
{
    int rc;
    iscg_error e;
    size_t n = 0;
    if (!errors && capacity > 0)
        return ISCG_EINVAL;
    char *text = (rc = check_options(opts, &e)) != 0 ? NULL
                                                    : slurp(path, opts, &rc, &e);
    if (!text) {
        if (capacity > 0)
            errors[0] = e;
        if (count)
            *count = 1;
        return rc;
    }
    rc = load(out, text, path, opts, NULL, errors, capacity, &n);
    free(text);
    if (count)
        *count = n;
    return rc;
}

int iscg_dataset_validate_file(iscg_error *errors, size_t capacity, size_t *count, const char *path)
{
    return iscg_dataset_validate_file_ext(NULL, errors, capacity, count, path, NULL);
}

const char *iscg_dataset_title(const iscg_dataset *ds) { return ds && ds->title ? ds->title : ""; }
const iscg_registry *iscg_dataset_registry(const iscg_dataset *ds) { return ds ? ds->r : NULL; }
iscg_registry *iscg_dataset_registry_mutable(iscg_dataset *ds) { return ds ? ds->r : NULL; }
iscg_scenario *iscg_dataset_scenario(iscg_dataset *ds) { return ds ? ds->scenario : NULL; }
const iscg_stats *iscg_dataset_stats(const iscg_dataset *ds) { return ds ? ds->s : NULL; }
size_t iscg_dataset_budget_count(const iscg_dataset *ds) { return ds ? ds->nbudgets : 0; }
size_t iscg_dataset_note_count(const iscg_dataset *ds) { return ds ? ds->nnotes : 0; }
size_t iscg_dataset_stated_count(const iscg_dataset *ds) { return ds ? ds->nstated : 0; }

int iscg_dataset_stated_get(iscg_stated *out, const iscg_dataset *ds, size_t i)
{
    if (!out || !ds)
        return ISCG_EINVAL;
    if (i >= ds->nstated)
        return ISCG_ERANGE;
    *out = ds->stated[i];
    return 0;
}

const char *iscg_dataset_note(const iscg_dataset *ds, size_t i)
{
    return ds && i < ds->nnotes ? ds->notes[i] : NULL;
}

int iscg_dataset_budget_get(iscg_dataset_budget *out, const iscg_dataset *ds, size_t i)
{
    if (!out || !ds || i >= ds->nbudgets)
        return ISCG_EINVAL;
    const struct budget *b = &ds->budgets[i];
    out->line.operation = b->operation;
    out->line.imputation = b->imputation;
    out->line.label = b->label;
    out->line.payer = b->payer;
    out->line.credits = b->credits;
    out->line.available = b->available;
    out->year = b->year;
    out->has_stated_proposed = b->has_stated_proposed;
    out->stated_proposed = b->stated_proposed;
    out->source = b->source;
    return 0;
}

/* ---- building a dataset by calls ----------------------------------------- */

int iscg_dataset_new(iscg_dataset **out, const char *title, iscg_error *err)
{
    if (!out)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no output given");
    *out = NULL;
    if (title && strlen(title) > ISCG_DATASET_MAX_TEXT)
        return ISCG_FAIL(err, ISCG_ERANGE, "title", "a title of %zu bytes, longer than the limit of %d",
                         strlen(title), ISCG_DATASET_MAX_TEXT);
    iscg_dataset *ds = new_dataset();
    if (!ds || !(ds->title = strdup(title ? title : ""))) {
        iscg_dataset_free(ds);
        return ISCG_FAIL(err, ISCG_ENOMEM, "dataset", "out of memory");
    }
    *out = ds;
    return 0;
}

/* Whether @p ds may take @p what: not NULL, not frozen, no result pointing
 * into its registry. */
static int writable(iscg_dataset *ds, const char *what, iscg_error *err)
{
    if (!ds)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no dataset given");
    return iscg__registry_writable(ds->r, what, NULL, err);
}

/* A free text that may be NULL, within the dataset's limit for texts. */
static int text_ok(const char *text, const char *field, iscg_error *err)
{
    size_t n = text ? strlen(text) : 0;
    if (n > ISCG_DATASET_MAX_TEXT)
        return ISCG_FAIL(err, ISCG_ERANGE, field, "%s: %zu bytes, longer than the limit of %d", field, n,
                         ISCG_DATASET_MAX_TEXT);
    return 0;
}

int iscg_dataset_add_note(iscg_dataset *ds, const char *note, iscg_error *err)
{
    int rc = writable(ds, "adding a note", err);
    if (rc != 0)
        return rc;
    if (!note)
        return ISCG_FAIL(err, ISCG_EINVAL, "note", "note: no text given");
    if ((rc = text_ok(note, "note", err)) != 0)
        return rc;
    if (ds->nnotes >= ISCG_DATASET_MAX_NOTES)
        return ISCG_FAIL(err, ISCG_ERANGE, "notes", "notes: the dataset has the most notes it may (%d)",
                         ISCG_DATASET_MAX_NOTES);
    /* the array grows by doubling: one slot at a time is quadratic in copies */
    char *copy = strdup(note);
    if (!copy || iscg__reserve(&ds->notes, &ds->notes_capacity, ds->nnotes + 2, sizeof *ds->notes) != 0) {
        free(copy);
        return ISCG_FAIL(err, ISCG_ENOMEM, "note", "out of memory");
    }
    ds->notes[ds->nnotes++] = copy;
    ds->notes[ds->nnotes] = NULL;
    return 0;
}

/* Room for one more budget line: the array grows by doubling, from 8
 * (a loaded dataset, which never grows, kept its loader's capacity). */
static int budget_room(iscg_dataset *ds)
{
    size_t n = ds->nbudgets;
    if (n != 0 && (n < 8 || (n & (n - 1)) != 0))
        return 0;
    struct budget *bigger = realloc(ds->budgets, (n ? 2 * n : 8) * sizeof *bigger);
    if (!bigger)
        return ISCG_ENOMEM;
    ds->budgets = bigger;
    return 0;
}

int iscg_dataset_add_budget(iscg_dataset *ds, const iscg_dataset_budget *budget, iscg_error *err)
{
    int rc = writable(ds, "adding a budget line", err);
    if (rc != 0)
        return rc;
    if (!budget)
        return ISCG_FAIL(err, ISCG_EINVAL, "budget_lines", "no budget line given");
    const iscg_budget_line *l = &budget->line;
    const char *op = l->operation ? l->operation : "(none)";
    if (!l->operation || !*l->operation)
        return ISCG_FAIL(err, ISCG_EINVAL, "operation", "budget line: no operation given");
    if (!l->payer || !*l->payer)
        return iscg__fail(err, ISCG_EINVAL, op, "payer", 0, 0, "budget line %s: no payer given", op);
    if (strlen(l->operation) > ISCG_DATASET_MAX_NAME)
        return ISCG_FAIL(err, ISCG_ERANGE, "operation", "budget line: an operation of %zu bytes, longer than %d",
                         strlen(l->operation), ISCG_DATASET_MAX_NAME);
    if (iscg__party_index(ds->r, l->payer) < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, op, "payer", 0, 0, "budget line %s: party %s is not defined", op,
                          l->payer);
    if (budget->year < 1 || budget->year > 9999)
        return iscg__fail(err, ISCG_EINVAL, op, "year", 0, 0, "budget line %s: year %d is not within 1..9999", op,
                          budget->year);
    if (l->credits == ISCG_UNKNOWN || l->available == ISCG_UNKNOWN)
        return l->credits == ISCG_UNKNOWN
                   ? iscg__fail(err, ISCG_EINVAL, op, "credits", 0, 0, "budget line %s: the credits must be known", op)
                   : iscg__fail(err, ISCG_EINVAL, op, "available", 0, 0,
                                "budget line %s: the available credit must be known", op);
    if (budget->has_stated_proposed && budget->stated_proposed == ISCG_UNKNOWN)
        return iscg__fail(err, ISCG_EINVAL, op, "stated_proposed", 0, 0,
                          "budget line %s: a stated proposal must be an amount", op);
    if ((rc = text_ok(l->label, "label", err)) != 0 || (rc = text_ok(budget->source, "source", err)) != 0 ||
        (rc = text_ok(l->imputation, "imputation", err)) != 0)
        return rc;
    if (ds->nbudgets >= ISCG_DATASET_MAX_ITEMS)
        return ISCG_FAIL(err, ISCG_ERANGE, "budget_lines", "the dataset has the most budget lines it may (%d)",
                         ISCG_DATASET_MAX_ITEMS);
    struct budget b;
    memset(&b, 0, sizeof b);
    b.year = budget->year;
    b.credits = l->credits;
    b.available = l->available;
    b.has_stated_proposed = budget->has_stated_proposed != 0;
    b.stated_proposed = b.has_stated_proposed ? budget->stated_proposed : 0;
    int nomem = budget_room(ds) != 0;
    nomem |= !(b.operation = strdup(l->operation)) || !(b.payer = strdup(l->payer));
    nomem |= (l->imputation && !(b.imputation = strdup(l->imputation))) ||
             (l->label && !(b.label = strdup(l->label))) || (budget->source && !(b.source = strdup(budget->source)));
    if (nomem) {
        free(b.operation);
        free(b.payer);
        free(b.imputation);
        free(b.label);
        free(b.source);
        return ISCG_FAIL(err, ISCG_ENOMEM, "budget_lines", "out of memory");
    }
    ds->budgets[ds->nbudgets++] = b;
    return 0;
}

/* The post of an activity record must be one of the dataset's. */
static int record_post_known(const iscg_dataset *ds, const iscg_activity *a, iscg_error *err)
{
    if (a->post && iscg__post_index(ds->r, a->post) < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, a->post, "post", 0, 0, "activity: post %s is not defined", a->post);
    return 0;
}

int iscg_dataset_add_activity(iscg_dataset *ds, const iscg_activity *a, iscg_error *err)
{
    int rc = writable(ds, "adding an activity record", err);
    if (rc != 0)
        return rc;
    if (!a)
        return ISCG_FAIL(err, ISCG_EINVAL, "activity", "no activity record given");
    if ((rc = record_post_known(ds, a, err)) != 0)
        return rc;
    return iscg_stats_add(ds->s, a, err);
}

/* Adds every record of @p from to @p to; the index of a refused one in *at. */
static int add_all(iscg_stats *to, const iscg_stats *from, size_t *at, iscg_error *err)
{
    size_t n = iscg_stats_count(from);
    for (*at = 0; *at < n; (*at)++) {
        iscg_activity a;
        int rc = iscg_stats_get(&a, from, *at);
        if (rc == 0)
            rc = iscg_stats_add(to, &a, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int iscg_dataset_add_activities(iscg_dataset *ds, const iscg_stats *records, iscg_error *err)
{
    int rc = writable(ds, "adding activity records", err);
    if (rc != 0)
        return rc;
    if (!records)
        return ISCG_FAIL(err, ISCG_EINVAL, "activity", "no activity records given");
    size_t n = iscg_stats_count(records), at;
    for (at = 0; at < n; at++) {
        iscg_activity a;
        if ((rc = iscg_stats_get(&a, records, at)) != 0 || (rc = record_post_known(ds, &a, err)) != 0)
            goto refused;
    }
    /* All or nothing: the records go first into a copy of the dataset's,
     * which tells an overlap with a record held before. */
    iscg_stats *trial;
    if (iscg_stats_new(&trial) != 0)
        return ISCG_FAIL(err, ISCG_ENOMEM, "activity", "out of memory");
    size_t held;
    rc = add_all(trial, ds->s, &held, err);
    if (rc == 0)
        rc = add_all(trial, records, &at, err);
    iscg_stats_free(trial);
    if (rc == 0) { /* after the trial, only memory can fail: then what was added goes */
        const iscg__stats_mark mark = iscg__stats_mark_of(ds->s);
        if ((rc = add_all(ds->s, records, &at, err)) != 0)
            iscg__stats_rewind(ds->s, &mark);
    }
    if (rc == 0)
        return 0;
refused:
    if (err) {
        char why[sizeof err->text];
        memcpy(why, err->text, sizeof why);
        iscg_error e = *err;
        /* the record's sentence after its index; the source (its post) is not glued in front */
        iscg__fail(err, rc, e.source, e.field, 0, 0, "record %zu: %s", at, why);
    }
    return rc;
}

int iscg_dataset_freeze(iscg_dataset *ds, iscg_error *err)
{
    if (!ds)
        return ISCG_FAIL(err, ISCG_EINVAL, "dataset", "no dataset given");
    if (iscg_registry_frozen(ds->r))
        return 0;
    int rc = iscg_registry_validate(ds->r, err);
    if (rc == 0)
        rc = iscg_registry_freeze(ds->r);
    return rc;
}

int iscg_dataset_frozen(const iscg_dataset *ds)
{
    return ds ? iscg_registry_frozen(ds->r) : 0;
}

/* A stated total's fields, each checked (STAT-7). */
static int check_stated_total(const iscg_dataset *ds, const iscg_stated *st, iscg_error *err)
{
    const char *what = st->what ? st->what : "stated total";
    if ((int)st->measure < 0 || (int)st->measure >= ISCG_ACTIVITY_COUNTS)
        return iscg__fail(err, ISCG_EINVAL, what, "measure", 0, 0,
                          "%s: the measure is not a count of the activity records (referrals, women...)", what);
    if (!iscg_period_kind_name(st->granularity))
        return iscg__fail(err, ISCG_EINVAL, what, "granularity", 0, 0, "%s: %d is not a granularity", what,
                          (int)st->granularity);
    if (!iscg_date_valid(st->from) || !iscg_date_valid(st->to))
        return iscg__fail(err, ISCG_EDATE, what, iscg_date_valid(st->from) ? "to" : "from", 0, 0,
                          "%s: the series' %s is not a date", what, iscg_date_valid(st->from) ? "end" : "start");
    if (iscg_date_compare(st->to, st->from) < 0)
        return iscg__fail(err, ISCG_EDATE, what, "to", 0, 0, "%s: the series ends before it starts", what);
    if (st->total < 0)
        return iscg__fail(err, ISCG_EINVAL, what, "total", 0, 0, "%s: a total of %lld is below 0", what,
                          (long long)st->total);
    if (st->post && iscg__post_index(ds->r, st->post) < 0)
        return iscg__fail(err, ISCG_ENOTFOUND, what, "post", 0, 0, "%s: post %s is not defined", what, st->post);
    return 0;
}

/* A stated share's fields, each checked: the percentage as printed (STAT-7). */
static int check_stated_share(const iscg_stated *st, iscg_error *err)
{
    const char *what = st->what ? st->what : "stated share";
    if (st->count < 0 || st->of < 1)
        return iscg__fail(err, ISCG_EINVAL, what, st->count < 0 ? "count" : "of", 0, 0,
                          "%s: a share counts from 0 of at least 1, not %lld of %lld", what, (long long)st->count,
                          (long long)st->of);
    if (st->count > st->of)
        return iscg__fail(err, ISCG_ERANGE, what, "count", 0, 0, "%s: %lld of %lld would be a share above 100 %%",
                          what, (long long)st->count, (long long)st->of);
    if (st->decimals < 0 || st->decimals > 2)
        return iscg__fail(err, ISCG_EINVAL, what, "decimals", 0, 0,
                          "%s: a percentage is printed with 0 to 2 decimals, not %d", what, st->decimals);
    int64_t unit = st->decimals == 0 ? 100 : st->decimals == 1 ? 10 : 1;
    if (st->basis_points < 0 || st->basis_points > 10000 || st->basis_points % unit != 0)
        return iscg__fail(err, ISCG_EINVAL, what, "basis_points", 0, 0,
                          "%s: %lld basis points is not a percentage of 0 to 100 with %d decimal%s", what,
                          (long long)st->basis_points, st->decimals, st->decimals == 1 ? "" : "s");
    if (st->rounding == ISCG_ROUND_UNSET || !iscg_rounding_name(st->rounding))
        return iscg__fail(err, ISCG_EINVAL, what, "rounding", 0, 0,
                          "%s: the rounding that gives the printed percentage must be named", what);
    return 0;
}

int iscg_dataset_add_stated(iscg_dataset *ds, const iscg_stated *stated, iscg_error *err)
{
    int rc = writable(ds, "adding a stated figure", err);
    if (rc != 0)
        return rc;
    if (!stated)
        return ISCG_FAIL(err, ISCG_EINVAL, "stated", "no stated figure given");
    if (stated->kind != ISCG_STATED_TOTAL && stated->kind != ISCG_STATED_SHARE)
        return ISCG_FAIL(err, ISCG_EINVAL, "kind", "%d is not a kind of stated figure", (int)stated->kind);
    rc = stated->kind == ISCG_STATED_TOTAL ? check_stated_total(ds, stated, err) : check_stated_share(stated, err);
    if (rc != 0 || (rc = text_ok(stated->what, "what", err)) != 0 || (rc = text_ok(stated->source, "source", err)) != 0)
        return rc;
    if (ds->nstated == ds->stated_capacity) {
        size_t cap = ds->stated_capacity ? 2 * ds->stated_capacity : 8;
        iscg_stated *grown = realloc(ds->stated, cap * sizeof *grown);
        if (!grown)
            return ISCG_FAIL(err, ISCG_ENOMEM, "stated", "out of memory");
        ds->stated = grown;
        ds->stated_capacity = cap;
    }
    /* only the fields of its kind, the others zero: as the loader keeps it */
    iscg_stated st;
    memset(&st, 0, sizeof st);
    st.kind = stated->kind;
    const char *post_in = NULL;
    if (st.kind == ISCG_STATED_TOTAL) {
        st.measure = stated->measure;
        st.granularity = stated->granularity;
        st.from = stated->from;
        st.to = stated->to;
        st.total = stated->total;
        post_in = stated->post;
    } else {
        st.count = stated->count;
        st.of = stated->of;
        st.basis_points = stated->basis_points;
        st.decimals = stated->decimals;
        st.rounding = stated->rounding;
    }
    char *what = stated->what ? strdup(stated->what) : NULL, *source = stated->source ? strdup(stated->source) : NULL,
         *post = post_in ? strdup(post_in) : NULL;
    if ((stated->what && !what) || (stated->source && !source) || (post_in && !post)) {
        free(what);
        free(source);
        free(post);
        return ISCG_FAIL(err, ISCG_ENOMEM, "stated", "out of memory");
    }
    st.what = what;
    st.source = source;
    st.post = post;
    /* totals first, then shares, each in the order given: as a file has them */
    size_t at = ds->nstated;
    if (st.kind == ISCG_STATED_TOTAL)
        while (at > 0 && ds->stated[at - 1].kind == ISCG_STATED_SHARE)
            at--;
    memmove(&ds->stated[at + 1], &ds->stated[at], (ds->nstated - at) * sizeof *ds->stated);
    ds->stated[at] = st;
    ds->nstated++;
    return 0;
}
