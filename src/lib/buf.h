/*
 * buf.h: a growable byte buffer with a ceiling (after curl's dynbuf).
 *
 * Invariants: p is NULL until the first append, otherwise NUL-terminated at p[len];
 * len never exceeds max. An append that would pass max fails with PD_ETOOBIG and leaves
 * the buffer as it was. The buffer owns p until buf_detach() hands it to the caller.
 */
#ifndef PD_BUF_H
#define PD_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *p;
    size_t len;
    size_t cap;
    size_t max;
};

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b); /* free contents; b must be buf_init'ed again */
void buf_reset(struct buf *b);   /* keep memory, length 0 */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Take ownership of the bytes (never NULL: an empty buffer gives ""); b is reset. */
char *buf_detach(struct buf *b, size_t *len);
/* The bytes as a C string ("" when empty); valid until the next append. */
const char *buf_cstr(const struct buf *b);

#endif
