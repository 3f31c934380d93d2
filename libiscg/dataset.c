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
