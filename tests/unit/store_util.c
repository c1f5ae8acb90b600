/* store_util.c: growing the arrays the store fills row by row. A first call on an empty
 * array must allocate what it reports, and growth keeps the rows already read. */
#include <string.h>

#include "lib/arena.h"
#include "store/store_util.h"
#include "tap.h"

int main(void)
{
    struct arena a;
    arena_init(&a);

    subtest("growing from nothing allocates what it reports")
    {
        size_t cap = 0;
        int *v = store_grow(&a, NULL, &cap, sizeof *v);
        is_int(cap, 8, "the first growth makes room for 8");
        for (size_t i = 0; i < cap; i++)
            v[i] = (int)i; /* ASan flags this if fewer than cap were allocated */
        ok(v[7] == 7, "all 8 slots are writable");
    }

    subtest("growth doubles and keeps the rows")
    {
        size_t cap = 0, n = 0;
        int *v = NULL;
        for (int i = 0; i < 100; i++) {
            if (n == cap)
                v = store_grow(&a, v, &cap, sizeof *v);
            v[n++] = i * 3;
        }
        is_int(cap, 128, "8 doubled four times");
        int same = 1;
        for (int i = 0; i < 100; i++)
            same &= v[i] == i * 3;
        ok(same, "every row survives each growth");
    }

    arena_release(&a);
    return done_testing();
}
