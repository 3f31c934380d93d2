/* SPDX-License-Identifier: Apache-2.0 */
/* The containers of hashindex.h. The index probes linearly over a
 * power-of-two table kept at most three-quarters full. */
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hashindex.h"
#include "internal.h"

uint64_t iscg__hash_mix(uint64_t h, uint64_t v)
{
    /* the finaliser of splitmix64 over the combination */
    uint64_t z = h ^ (v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint64_t iscg__hash_text(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a 64 */
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    return iscg__hash_mix(h, 0);
}

static void place(iscg__slot *slots, size_t cap, uint64_t hash, size_t item)
{
    size_t mask = cap - 1;
    size_t pos = (size_t)hash & mask;
    while (slots[pos].item != 0)
        pos = (pos + 1) & mask;
    slots[pos].hash = hash;
    slots[pos].item = item;
}

int iscg__index_reserve(iscg__index *ix, size_t n)
{
    if (n <= ix->cap / 4 * 3)
        return 0;
    size_t cap = ix->cap ? ix->cap : 16;
    while (n > cap / 4 * 3) {
        if (cap > SIZE_MAX / 2 / sizeof(iscg__slot))
            return ISCG_ENOMEM;
        cap *= 2;
    }
    iscg__slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return ISCG_ENOMEM;
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i].item != 0)
            place(slots, cap, ix->slots[i].hash, ix->slots[i].item);
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
    return 0;
}

void iscg__index_put(iscg__index *ix, uint64_t hash, size_t item)
{
    place(ix->slots, ix->cap, hash, item + 1);
    ix->n++;
}

void iscg__index_probe(iscg__probe *p, const iscg__index *ix, uint64_t hash)
{
    p->ix = ix;
    p->hash = hash;
    p->pos = ix->cap ? (size_t)hash & (ix->cap - 1) : 0;
    p->step = 0;
}

long iscg__index_next(iscg__probe *p)
{
    const iscg__index *ix = p->ix;
    while (p->step < ix->cap) {
        const iscg__slot *s = &ix->slots[p->pos];
        if (s->item == 0)
            return -1;
        p->pos = (p->pos + 1) & (ix->cap - 1);
        p->step++;
        if (s->hash == p->hash)
            return (long)(s->item - 1);
    }
    return -1;
}

void iscg__index_free(iscg__index *ix)
{
    free(ix->slots);
    ix->slots = NULL;
    ix->cap = ix->n = 0;
}

/* Below this size, an array is left as malloc() gives it. glibc's malloc()
 * maps any block of 32 MB or more on its own, so the advice never reaches
 * memory that it shares with other blocks. */
#define HUGE_ADVICE_MIN ((size_t)32 << 20)

/* Every first touch of a 4 KiB page is a fault. On the virtual machine of
 * bench/RESULTS.md's 2026-12-05 section, touching 640 MB (ten million
 * records) took 2.2 s in 4 KiB pages, every time; in 2 MB pages 1.35 s the
 * first time and 0.04 s once the memory had served before. Under a load
 * average of 7 to 9 (2026-12-03), the kernel's compaction for huge pages
 * made the same touch slower instead; bench/RESULTS.md has both. */
void iscg__advise_huge(void *p, size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    if (bytes < HUGE_ADVICE_MIN)
        return;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0 || (size_t)page >= bytes)
        return;
    size_t sz = (size_t)page, head = (sz - (uintptr_t)p % sz) % sz; /* to the first whole page */
    size_t whole = (bytes - head) / sz * sz;                         /* bytes > sz: no wrap */
    if (whole > 0)
        (void)madvise((char *)p + head, whole, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

struct iscg__arena_chunk {
    struct iscg__arena_chunk *next;
    size_t size;
    /* then the blocks, from a 16-byte boundary */
};

#define ARENA_FIRST ((size_t)64 << 10)
#define ARENA_LAST HUGE_ADVICE_MIN
#define ARENA_HEAD ((sizeof(struct iscg__arena_chunk) + 15) / 16 * 16)

void iscg__arena_expect(struct iscg__arena *a, size_t bytes)
{
    size_t next = ARENA_FIRST;
    while (next < bytes && next < ARENA_LAST)
        next *= 2;
    if (next > a->next)
        a->next = next;
}

void *iscg__arena_alloc(struct iscg__arena *a, size_t size)
{
    size = (size + 15) / 16 * 16;
    if (size == 0 || size > SIZE_MAX / 2 - ARENA_HEAD)
        return NULL;
    if (!a->cur || (size_t)(a->end - a->cur) < size) {
        size_t want = a->next ? a->next : ARENA_FIRST;
        if (want < size + ARENA_HEAD)
            want = size + ARENA_HEAD; /* a block larger than a chunk has one of its own */
        struct iscg__arena_chunk *k = malloc(want);
        if (!k)
            return NULL;
        iscg__advise_huge(k, want);
        k->next = a->chunks;
        k->size = want;
        a->chunks = k;
        a->cur = (char *)k + ARENA_HEAD;
        a->end = (char *)k + want;
        if (a->next < ARENA_LAST)
            a->next = a->next ? 2 * a->next : 2 * ARENA_FIRST;
    }
    void *p = a->cur;
    a->cur += size;
    return p;
}

void iscg__arena_free(struct iscg__arena *a)
{
    for (struct iscg__arena_chunk *k = a->chunks, *next; k; k = next) {
        next = k->next;
        free(k);
    }
    a->chunks = NULL;
    a->cur = a->end = NULL;
    a->next = 0;
}

int iscg__reserve_one(void *array_ptr, size_t count, size_t size)
{
    void **array = array_ptr;
    if (count != 0 && (count & (count - 1)) != 0)
        return 0; /* below its power-of-two capacity */
    size_t cap = count ? 2 * count : 1;
    if (cap > SIZE_MAX / size)
        return ISCG_ENOMEM;
    void *bigger = realloc(*array, cap * size);
    if (!bigger)
        return ISCG_ENOMEM;
    iscg__advise_huge(bigger, cap * size);
    *array = bigger;
    return 0;
}

int iscg__reserve(void *items_ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size)
            return ISCG_ENOMEM;
        c *= 2;
    }
    void **items = items_ptr;
    void *bigger = realloc(*items, c * size);
    if (!bigger)
        return ISCG_ENOMEM;
    iscg__advise_huge(bigger, c * size);
    *items = bigger;
    *cap = c;
    return 0;
}
