/*
 * arena.c: the per-request pool. Blocks double in size (4 KiB up to 1 MiB) and requests
 * larger than a block get a block of their own, so a request that allocates a big
 * response does not waste a doubling step. Memory is zeroed, so structs start empty.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "size.h"

#define ARENA_ALIGN     16
#define ARENA_FIRST     4096
#define ARENA_MAX_BLOCK (1024 * 1024)

struct arena_block {
    struct arena_block *next;
    size_t size; /* usable bytes in data */
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void arena_release(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena_init(a);
}

static struct arena_block *block_new(size_t size)
{
    struct arena_block *b = xmalloc(size_add(sizeof(*b), size));
    b->size = size;
    b->next = NULL;
    return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
    size_t need = size_add(n, ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;
    struct arena_block *b = a->head;

    if (!b || b->size - a->used < need) {
        size_t next = b ? b->size * 2 : ARENA_FIRST;
        if (next > ARENA_MAX_BLOCK)
            next = ARENA_MAX_BLOCK;
        if (need > next) {
            /* A big allocation gets its own block behind the current one, so the
             * space left in the current block stays usable. */
            struct arena_block *big = block_new(need);
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                a->head = big;
                a->used = need;
            }
            a->total += need;
            memset(big->data, 0, need);
            return big->data;
        }
        struct arena_block *nb = block_new(next);
        nb->next = b;
        a->head = b = nb;
        a->used = 0;
    }
    void *p = b->data + a->used;
    a->used += need;
    a->total += need;
    memset(p, 0, need);
    return p;
}

void *arena_array(struct arena *a, size_t count, size_t size)
{
    return arena_alloc(a, size_mul(count, size));
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = arena_alloc(a, size_add(len, 1));
    memcpy(d, s, len);
    return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *d = arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}
