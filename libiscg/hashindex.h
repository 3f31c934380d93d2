/* SPDX-License-Identifier: Apache-2.0 */
/* Private containers: a hash index and arrays that grow by doubling.
 *
 * An open-addressing hash index from keys to item numbers. The items stay in
 * the caller's array; the index keeps each item's number and hash, so that
 * looking a key up costs one probe sequence instead of a walk over every
 * item. The caller owns the keys and compares them: a probe yields the items
 * whose hash matches, and the caller keeps the one whose key is equal.
 *
 *   iscg__probe p;
 *   iscg__index_probe(&p, &ix, h);
 *   for (long i; (i = iscg__index_next(&p)) >= 0;)
 *       if (strcmp(items[i].id, id) == 0) return i;
 *
 * Adding is two steps so that a caller can reserve every allocation it needs
 * before it changes anything: iscg__index_reserve() may fail with
 * ISCG_ENOMEM, iscg__index_put() after it cannot fail. Items are never
 * removed. */
#ifndef ISCG_HASHINDEX_H
#define ISCG_HASHINDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct iscg__slot {
    uint64_t hash;
    size_t item; /* item number + 1; 0 marks an empty slot */
} iscg__slot;

typedef struct iscg__index {
    iscg__slot *slots;
    size_t cap; /* 0 or a power of two */
    size_t n;
} iscg__index;

typedef struct iscg__probe {
    const iscg__index *ix;
    uint64_t hash;
    size_t pos, step;
} iscg__probe;

/* 64-bit hash of a NUL-terminated string (FNV-1a, then a final mix);
 * NULL hashes like "". */
uint64_t iscg__hash_text(const char *s);

/* Combines a hash with a further 64-bit value (for composite keys). */
uint64_t iscg__hash_mix(uint64_t h, uint64_t v);

/* Makes room for n items in all: 0 or ISCG_ENOMEM (the index unchanged). */
int iscg__index_reserve(iscg__index *ix, size_t n);

/* Records item under hash. Needs a prior iscg__index_reserve() for
 * ix->n + 1 items; cannot fail then. */
void iscg__index_put(iscg__index *ix, uint64_t hash, size_t item);

/* Starts the walk over the items recorded under hash. */
void iscg__index_probe(iscg__probe *p, const iscg__index *ix, uint64_t hash);

/* The next item recorded under the probe's hash, or -1 when there is none. */
long iscg__index_next(iscg__probe *p);

/* Frees the slots; the index is empty again. */
void iscg__index_free(iscg__index *ix);

/* Asks the kernel to back the whole pages of [p, p + bytes) with huge pages
 * (Linux's MADV_HUGEPAGE), when the block is at least 32 MB: only advice,
 * which changes how fast the block's first touch is, never its contents; a
 * kernel that cannot or will not goes on with small pages. The arrays below, the
 * statistics' records and the trace's chunks call it on each (re)allocation. */
void iscg__advise_huge(void *p, size_t bytes);

/* Many small blocks that live and die together (a funding report's plans),
 * carved in order from chunks that double from 64 KiB up to 32 MB, the size
 * at which iscg__advise_huge() advises them: a national report's hundreds of
 * megabytes are first touched in huge pages rather than in 4 KiB faults, and
 * are freed chunk by chunk. Starts zeroed ({0}); not for several threads. */
struct iscg__arena {
    struct iscg__arena_chunk *chunks; /* the newest first */
    char *cur, *end;                  /* the free room of the newest */
    size_t next;                      /* the size of the next chunk */
};

/* Sizes a's next chunk for about bytes in all (within 64 KiB..32 MB), when
 * its owner knows how much its blocks will take: a national report starts
 * with chunks large enough for huge pages. Only a hint. */
void iscg__arena_expect(struct iscg__arena *a, size_t bytes);

/* size bytes, aligned to 16, from a; NULL when out of memory. */
void *iscg__arena_alloc(struct iscg__arena *a, size_t size);

/* Frees every chunk; a is empty ({0}) again. */
void iscg__arena_free(struct iscg__arena *a);

/* Makes room for one more element in *array_ptr (a pointer to an array of
 * count elements of size bytes). The capacity is implicit: a power of two at
 * least count, doubled when count reaches it, so that n additions cost O(n)
 * copies in all and the array needs no capacity field. 0, or ISCG_ENOMEM
 * with the array unchanged. */
int iscg__reserve_one(void *array_ptr, size_t count, size_t size);

/* Makes room for need elements in *items_ptr (a pointer to an array of
 * *cap elements of size bytes), doubling the capacity from 8: for arrays
 * that keep their capacity, and grow by more than one at a time. 0, or
 * ISCG_ENOMEM with the array and *cap unchanged. */
int iscg__reserve(void *items_ptr, size_t *cap, size_t need, size_t size);

#endif
