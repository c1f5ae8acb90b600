/*
 * arena.h: a per-request memory pool.
 *
 * Everything a request needs lives in its arena and dies with it in one arena_release():
 * handlers never free individually. Blocks grow geometrically; allocations are 16-byte
 * aligned and zeroed. Not thread-safe: an arena belongs to one request on one thread.
 */
#ifndef PD_ARENA_H
#define PD_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* newest block first */
    size_t used;              /* bytes used in head */
    size_t total;             /* bytes handed out, for metrics and tests */
};

void arena_init(struct arena *a);
/* Free every block; the arena may be used again afterwards. */
void arena_release(struct arena *a);

/* Zeroed memory of n bytes; aborts on overflow or out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* Zeroed array of count elements of size bytes, overflow-checked. */
void *arena_array(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))

#endif
