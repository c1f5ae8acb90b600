/* lib_arena.c: the per-request pool: alignment, zeroing, blocks larger than the biggest
 * block size, the string helpers, and reuse after arena_release. arena_array's overflow
 * check aborts by design, so it is not exercised here. */
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "tap.h"

static int aligned(const void *p)
{
    return ((uintptr_t)p & 15) == 0;
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        if (c[i])
            return 0;
    return 1;
}

int main(void)
{
    struct arena a;
    arena_init(&a);

    subtest("small allocations")
    {
        enum { N = 5000 };
        static unsigned char *ptrs[N];
        int ok_align = 1, ok_zero = 1, ok_distinct = 1;
        for (int i = 0; i < N; i++) {
            size_t n = (size_t)(i % 37) + 1;
            ptrs[i] = arena_alloc(&a, n);
            ok_align &= aligned(ptrs[i]);
            ok_zero &= all_zero(ptrs[i], n);
            memset(ptrs[i], i & 0xff, n); /* a later overlap would overwrite this pattern */
        }
        for (int i = 0; i < N; i++)
            for (size_t j = 0; j < (size_t)(i % 37) + 1; j++)
                ok_distinct &= ptrs[i][j] == (unsigned char)(i & 0xff);
        ok(ok_align, "5000 allocations of 1..37 bytes are all 16-byte aligned");
        ok(ok_zero, "and all zeroed");
        ok(ok_distinct, "and none overlaps another");
        ok(a.total >= (size_t)N * 16, "total counts at least 16 bytes per allocation");
        ok(aligned(arena_alloc(&a, 0)), "a zero-byte allocation gives an aligned pointer");
        int *x = ARENA_NEW(&a, int);
        is_int(*x, 0, "ARENA_NEW gives a zeroed object");
        uint64_t *arr = arena_array(&a, 100, sizeof(uint64_t));
        ok(aligned(arr) && all_zero(arr, 100 * sizeof(uint64_t)), "arena_array: aligned, zeroed");
        arr[99] = 1;
        is_int(arr[99], 1, "and the whole array is writable");
    }
    subtest("large allocations")
    {
        size_t big = 3u * 1024 * 1024 + 5; /* larger than the largest block (1 MiB) */
        unsigned char *before = arena_alloc(&a, 32);
        memset(before, 1, 32);
        unsigned char *p = arena_alloc(&a, big);
        ok(p != NULL && aligned(p), "a 3 MiB allocation succeeds, aligned");
        ok(all_zero(p, big), "zeroed over its whole length");
        memset(p, 0x5a, big);
        ok(p[0] == 0x5a && p[big - 1] == 0x5a, "and writable to the last byte");
        unsigned char *after = arena_alloc(&a, 32);
        ok(after != NULL && aligned(after) && all_zero(after, 32),
           "a small allocation after it still works");
        ok(before[0] == 1 && before[31] == 1, "the earlier allocation is intact");
        size_t exact = 1024 * 1024;
        unsigned char *q = arena_alloc(&a, exact);
        ok(q != NULL && aligned(q) && all_zero(q, exact), "exactly 1 MiB: aligned and zeroed");
        q[exact - 1] = 7;
        unsigned char *r = arena_alloc(&a, exact + 1);
        ok(r != NULL && aligned(r) && all_zero(r, exact + 1), "1 MiB + 1: aligned and zeroed");
        r[exact] = 9;
        is_int(q[exact - 1], 7, "neighbouring big allocations do not overlap");
    }
    subtest("big allocation first")
    {
        struct arena b;
        arena_init(&b);
        unsigned char *p = arena_alloc(&b, 2 * 1024 * 1024);
        ok(p && all_zero(p, 2 * 1024 * 1024), "a fresh arena can start with a 2 MiB block");
        memset(p, 0x11, 2 * 1024 * 1024);
        unsigned char *s = arena_alloc(&b, 16);
        ok(s && all_zero(s, 16) && aligned(s), "and a small one after it");
        ok(p[0] == 0x11 && p[2 * 1024 * 1024 - 1] == 0x11, "which does not overlap the big one");
        arena_release(&b);
    }
    subtest("strings")
    {
        char *s = arena_printf(&a, "%s-%d-%c", "abc", 42, 'z');
        is_str(s, "abc-42-z", "arena_printf formats");
        ok(aligned(s), "into aligned memory");
        is_str(arena_printf(&a, "%s", ""), "", "arena_printf of nothing is the empty string");
        char longer[3000];
        memset(longer, 'q', sizeof(longer) - 1);
        longer[sizeof(longer) - 1] = '\0';
        char *l = arena_printf(&a, "<%s>", longer);
        is_int(strlen(l), sizeof(longer) + 1, "arena_printf of 3001 bytes keeps every byte");
        ok(l[0] == '<' && l[3000] == '>', "from the first to the last");

        char *d = arena_strndup(&a, "abcdef", 3);
        is_str(d, "abc", "arena_strndup with n shorter than the string cuts at n");
        is_int(d[3], 0, "and terminates");
        is_str(arena_strndup(&a, "ab", 10), "ab", "n longer than the string copies the string");
        is_str(arena_strndup(&a, "abc", 0), "", "n of 0 gives the empty string");
        const char nonterm[4] = {'w', 'x', 'y', 'z'}; /* no NUL: must not be read past n */
        is_str(arena_strndup(&a, nonterm, 4), "wxyz", "reads no further than n");
        is_str(arena_strdup(&a, "hello"), "hello", "arena_strdup copies");
        char src[] = "mutable";
        char *copy = arena_strdup(&a, src);
        src[0] = 'X';
        is_str(copy, "mutable", "and the copy is independent of the source");
    }
    subtest("release and reuse")
    {
        ok(a.total > 0, "the arena has handed out memory");
        arena_release(&a);
        ok(a.head == NULL, "release frees every block");
        is_int(a.total, 0, "and resets the count");
        is_int(a.used, 0, "and the use of the head");
        char *s = arena_strdup(&a, "after");
        is_str(s, "after", "the arena is usable after release");
        ok(a.total > 0, "and counts again");
        arena_release(&a);
        arena_release(&a);
        ok(a.head == NULL, "releasing an empty arena is harmless");
    }
    return done_testing();
}
