/*
 * buf.c: the bounded growable buffer. Growth doubles; the ceiling is checked before any
 * memory is touched, so a failed append leaves the buffer exactly as it was.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "size.h"

void buf_init(struct buf *b, size_t max)
{
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void buf_release(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

static void grow(struct buf *b, size_t need) /* need includes the NUL */
{
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = size_mul(cap, 2);
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
    size_t len;
    if (!size_add_ok(b->len, n, &len) || len > b->max)
        return PD_ETOOBIG;
    grow(b, len + 1);
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len = len;
    b->p[len] = '\0';
    return PD_OK;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    size_t len;
    if (n < 0 || !size_add_ok(b->len, (size_t)n, &len) || len > b->max)
        return PD_ETOOBIG;
    grow(b, len + 1);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len = len;
    return PD_OK;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

char *buf_detach(struct buf *b, size_t *len)
{
    char *p = b->p ? b->p : xstrdup("");
    if (len)
        *len = b->len;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

const char *buf_cstr(const struct buf *b)
{
    return b->p ? b->p : "";
}
