/* SPDX-License-Identifier: Apache-2.0 */
/* The private hash index (libiscg/hashindex.h), the fast path of every
 * lookup by name (registry identifiers, the statistics' names and series,
 * the export's codes), compared with the plain path it replaces: a walk over
 * every item. The index's source is compiled into this program, since the
 * library exports only its public functions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscg.h>

#include "../libiscg/hashindex.h"
#include "suites.h"

enum { NKEYS = 5000, NABSENT = 2000 };

/* The items whose hash is h, marked in seen[] by the plain walk (1) and by
 * the index's probe (2); every item must end with both marks or none.
 * Returns 1, or 0 with the difference in why (no assertion in this loop:
 * each one costs Check a write to its pipe). */
static int compare(const iscg__index *ix, const uint64_t *hashes, size_t n, uint64_t h, unsigned char *seen,
                   char *why, size_t size)
{
    memset(seen, 0, n);
    size_t plain = 0, probed = 0;
    for (size_t i = 0; i < n; i++)
        if (hashes[i] == h) {
            seen[i] |= 1;
            plain++;
        }
    iscg__probe p;
    iscg__index_probe(&p, ix, h);
    for (long i; (i = iscg__index_next(&p)) >= 0;) {
        if ((size_t)i >= n || (seen[i] & 2)) {
            snprintf(why, size, "hash %llx: the probe gave item %ld (of %zu) out of range or twice",
                     (unsigned long long)h, i, n);
            return 0;
        }
        seen[i] |= 2;
        probed++;
    }
    if (plain != probed) {
        snprintf(why, size, "hash %llx: the walk finds %zu items, the index %zu", (unsigned long long)h, plain, probed);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (seen[i] != 0 && seen[i] != 3) {
            snprintf(why, size, "hash %llx: item %zu found by only one path", (unsigned long long)h, i);
            return 0;
        }
    return 1;
}

/* Names as the library hashes them, with every seventh item's hash forced
 * into a handful of values, so that probes walk past long runs of equal
 * and colliding hashes; checked after each size where the table grows. */
START_TEST(test_hashindex_finds_what_a_walk_finds)
{
    uint64_t *hashes = malloc(NKEYS * sizeof *hashes);
    unsigned char *seen = malloc(NKEYS);
    ck_assert_ptr_nonnull(hashes);
    ck_assert_ptr_nonnull(seen);
    iscg__index ix = {NULL, 0, 0};
    iscg__probe empty;
    iscg__index_probe(&empty, &ix, 42);
    ck_assert_int_eq(iscg__index_next(&empty), -1); /* an empty index finds nothing */
    char name[32];
    size_t checked = 0;
    for (size_t n = 0; n < NKEYS; n++) {
        snprintf(name, sizeof name, "isc-%zu", n);
        hashes[n] = n % 7 == 3 ? (uint64_t)(n % 5) << 4 : iscg__hash_text(name);
        if (iscg__index_reserve(&ix, n + 1) != 0)
            ck_abort_msg("no room for %zu items", n + 1);
        iscg__index_put(&ix, hashes[n], n);
        if (ix.n != n + 1 || ix.n > ix.cap / 4 * 3)
            ck_abort_msg("%zu items put, %zu counted in %zu slots", n + 1, ix.n, ix.cap);
        const size_t m = n + 1;
        if (m == 1 || m == 12 || m == 13 || m == 97 || m == 1000 || m == NKEYS) {
            char why[160];
            int same = 1;
            for (size_t i = 0; same && i < m; i++)
                same = compare(&ix, hashes, m, hashes[i], seen, why, sizeof why);
            for (size_t k = 0; same && k < NABSENT; k++) {
                snprintf(name, sizeof name, "gend-%zu", k);
                same = compare(&ix, hashes, m, iscg__hash_text(name), seen, why, sizeof why);
            }
            for (uint64_t h = 0; same && h < 8; h++) /* the forced values and their neighbours */
                same = compare(&ix, hashes, m, h << 4, seen, why, sizeof why);
            ck_assert_msg(same, "%zu items: %s", m, why);
            checked++;
        }
    }
    ck_assert_uint_eq(checked, 6);
    /* reserving no more than is held changes nothing */
    const iscg__slot *slots = ix.slots;
    const size_t cap = ix.cap;
    ck_assert_int_eq(iscg__index_reserve(&ix, ix.n), 0);
    ck_assert_ptr_eq(ix.slots, slots);
    ck_assert_uint_eq(ix.cap, cap);
    iscg__index_free(&ix);
    ck_assert_ptr_null(ix.slots);
    ck_assert_uint_eq(ix.cap, 0);
    ck_assert_uint_eq(ix.n, 0);
    free(seen);
    free(hashes);
}
END_TEST

/* The hash of a name: NULL like "", a name unlike its neighbours, and the
 * composite keys (post and site) depend on both parts and their order. */
START_TEST(test_hashindex_hashes)
{
    ck_assert_uint_eq(iscg__hash_text(NULL), iscg__hash_text(""));
    ck_assert_uint_ne(iscg__hash_text("isc-bethune"), iscg__hash_text("isc-bethunf"));
    ck_assert_uint_ne(iscg__hash_text("ab"), iscg__hash_text("ba"));
    const uint64_t a = iscg__hash_text("isc-bethune"), b = iscg__hash_text("Commissariat");
    ck_assert_uint_eq(iscg__hash_mix(a, b), iscg__hash_mix(a, b));
    ck_assert_uint_ne(iscg__hash_mix(a, b), iscg__hash_mix(b, a));
    ck_assert_uint_ne(iscg__hash_mix(a, 0), iscg__hash_mix(a, 1));
}
END_TEST

/* The growing arrays keep every element through their doublings, as a
 * plain array of the final size would hold them. */
START_TEST(test_hashindex_arrays_keep_their_elements)
{
    int64_t *one = NULL, *many = NULL;
    size_t cap = 0;
    for (size_t n = 0; n < 3000; n++) {
        if (iscg__reserve_one(&one, n, sizeof *one) != 0 || iscg__reserve(&many, &cap, n + 3, sizeof *many) != 0 ||
            cap < n + 3)
            ck_abort_msg("no room for element %zu", n);
        one[n] = (int64_t)n * 7 - 5;
        many[n] = -(int64_t)n;
    }
    size_t wrong = 0;
    for (size_t n = 0; n < 3000; n++)
        wrong += one[n] != (int64_t)n * 7 - 5 || many[n] != -(int64_t)n;
    ck_assert_uint_eq(wrong, 0);
    /* sizes that cannot be counted are refused, the array unchanged */
    int64_t *kept = many;
    ck_assert_int_eq(iscg__reserve(&many, &cap, SIZE_MAX / 2, sizeof *many), ISCG_ENOMEM);
    ck_assert_ptr_eq(many, kept);
    ck_assert_uint_ge(cap, 3002);
    free(one);
    free(many);
}
END_TEST

/* An arena's blocks are aligned to 16, never overlap and keep what they
 * hold until the arena is freed, across chunks and with a block larger than
 * a chunk; sizes that cannot be given are refused. Run under valgrind and
 * ASan with the rest of the suite, which see any block outside its chunk. */
START_TEST(test_arena_blocks_keep_their_bytes)
{
    struct iscg__arena a = {0};
    enum { N = 4000 };
    unsigned char *blocks[N];
    size_t sizes[N];
    for (size_t i = 0; i < N; i++) {
        sizes[i] = i == 1234 ? ((size_t)40 << 20) : 1 + (i * 7919) % 9000; /* one of 40 MB: a chunk of its own */
        blocks[i] = iscg__arena_alloc(&a, sizes[i]);
        ck_assert_ptr_nonnull(blocks[i]);
        ck_assert_uint_eq((uintptr_t)blocks[i] % 16, 0);
        memset(blocks[i], (int)(i % 251), sizes[i]);
    }
    size_t wrong = 0;
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < sizes[i]; k += i == 1234 ? 4093 : 1)
            wrong += blocks[i][k] != (unsigned char)(i % 251);
    ck_assert_uint_eq(wrong, 0);
    ck_assert_ptr_null(iscg__arena_alloc(&a, 0));
    ck_assert_ptr_null(iscg__arena_alloc(&a, SIZE_MAX - 8));
    iscg__arena_free(&a);
    ck_assert_ptr_null(a.chunks);
    /* a hint sizes the chunks; the arena serves as before, and again after a free */
    iscg__arena_expect(&a, (size_t)100 << 20);
    ck_assert_uint_eq(a.next, (size_t)32 << 20);
    unsigned char *p = iscg__arena_alloc(&a, 100);
    ck_assert_ptr_nonnull(p);
    memset(p, 7, 100);
    iscg__arena_free(&a);
    iscg__arena_free(&a);
}
END_TEST

Suite *suite_hashindex(void)
{
    Suite *s = suite_create("hashindex");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_hashindex_finds_what_a_walk_finds);
    tcase_add_test(tc, test_hashindex_hashes);
    tcase_add_test(tc, test_hashindex_arrays_keep_their_elements);
    tcase_add_test(tc, test_arena_blocks_keep_their_bytes);
    suite_add_tcase(s, tc);
    return s;
}
