/* SPDX-License-Identifier: Apache-2.0 */
/* The dataset loader's state and what its files share: the position finder
 * (dataset_pos.c), the schema readers and the plain reader (dataset_read.c),
 * the piecewise reader of large files (dataset_big.c) and the API that picks
 * one of the two readers (dataset.c). */
#ifndef ISCG_DATASET_LOAD_H
#define ISCG_DATASET_LOAD_H

#include <stddef.h>

#include <jansson.h>

#include "model.h"

/* The five arrays that hold the bulk of a dataset, in the order they are
 * read: each needs what the ones before it define. */
enum { TOP_PARTIES, TOP_POSTS, TOP_CONVENTIONS, TOP_BUDGETS, TOP_ACTIVITY, TOP_COUNT };
extern const char *const iscg__load_top_names[TOP_COUNT];

/* How a piecewise read ended when it cannot go on (struct loader.stop). */
enum { GO_ON, STOP_WHOLE, STOP_NOMEM, STOP_CANCELED };

/* An object's allowed fields, found by check_keys() in one walk over its
 * members: the field readers take them from here instead of hashing each
 * name again (a convention and its sides ask for about a hundred). */
#define FIELDS_MAX 24
#define FIELDS_SEEN 4
struct fields {
    const json_t *obj;
    const char *const *keys;
    size_t n;
    json_t *val[FIELDS_MAX];
};

struct loader {
    const char *text, *name;
    struct fields seen[FIELDS_SEEN]; /* the objects checked last; cleared when items are freed */
    unsigned next_seen;
    iscg_error *first;
    int first_code;
    iscg_error *list;
    size_t capacity, count;
    char path[256];
    iscg_dataset *ds;
    size_t budget_capacity;
    /* Piecewise reading (load_pieces()): the top-level object without its
     * five arrays, where each of them is in the text, the item being read. */
    json_t *skeleton;
    const char *top_start[TOP_COUNT];
    int stop;
    const char *item;      /* where the top-level item being read starts */
    size_t item_path;      /* the length of its path ("posts[12]") */
    const char *mark;      /* a position whose line and column are known */
    int mark_line, mark_col;
    /* The caller's cancel function (iscg_load_options), polled by
     * iscg__load_poll() after about ISCG__CANCEL_WORK units of work. */
    iscg_cancel_fn cancel;
    void *cancel_ctx;
    size_t work;
};

/* The work (bytes of text, items) between two polls of a cancel function. */
#define ISCG__CANCEL_WORK ((size_t)1 << 16)

/* Counts `work` more units done; past ISCG__CANCEL_WORK, asks the cancel
 * function, if any. Nonzero (and L->stop = STOP_CANCELED) when the load is
 * to stop. */
static inline int iscg__load_poll(struct loader *L, size_t work)
{
    if (L->stop == STOP_CANCELED)
        return 1;
    if (!L->cancel || (L->work += work) < ISCG__CANCEL_WORK)
        return 0;
    L->work = 0;
    if (L->cancel(L->cancel_ctx) == 0)
        return 0;
    L->stop = STOP_CANCELED;
    return 1;
}

/* Reads one item of an array into the dataset; ctx is the caller's. */
typedef int (*item_fn)(struct loader *L, json_t *item, void *ctx);

/* ---- dataset_pos.c: where a value sits in the text ---- */
struct scan {
    const char *p;
    int line, col;
};
/* Moves s to the value at a JSON path (see dataset_pos.c). */
void iscg__locate(struct scan *s, const char *path);

/* ---- dataset_read.c: the schema readers and the plain reader ---- */
size_t iscg__load_push(struct loader *L, const char *key, long index);
void iscg__load_pop(struct loader *L, size_t at);
int iscg__load_expect_object(struct loader *L, json_t *v);
int iscg__load_too_many(struct loader *L, const char *key, size_t n, size_t limit);
void iscg__load_forget_fields(struct loader *L);
int iscg__load_root(struct loader *L, json_t *root);
int iscg__load_conclude(struct loader *L, int rc);
int iscg__load_nomem(struct loader *L, size_t *count);
int iscg__jansson_nomem(const json_error_t *je);
int iscg__load_whole(struct loader *L, size_t *count);

/* ---- dataset_big.c: the piecewise reader ---- */
int iscg__load_top_items(struct loader *L, int t, item_fn fn, void *ctx);
int iscg__load_pieces(struct loader *L);

#endif
