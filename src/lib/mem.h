/*
 * mem.h: allocation that never returns NULL.
 *
 * Every cap of limits.h sits above these calls, so running out of memory means a bug or
 * a machine in trouble: we log and abort, and systemd restarts us; transactions keep the
 * data consistent. Callers therefore never check for NULL.
 */
#ifndef PD_MEM_H
#define PD_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Free and clear the pointer, so a second free is harmless. */
#define FREE_AND_NULL(p)                                                                           \
    do {                                                                                           \
        free(p);                                                                                   \
        (p) = NULL;                                                                                \
    } while (0)

#endif
