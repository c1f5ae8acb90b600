/*
 * size.h: overflow-checked size arithmetic.
 *
 * size_add()/size_mul() abort on overflow: with the caps of limits.h an overflow is a
 * programmer error, never a user's. Use the _ok variants where input decides the sizes.
 */
#ifndef PD_SIZE_H
#define PD_SIZE_H

#include <stdbool.h>
#include <stddef.h>

_Noreturn void pd_die_overflow(const char *file, int line);

static inline size_t size_add_at(size_t a, size_t b, const char *file, int line)
{
    size_t r;
    if (__builtin_add_overflow(a, b, &r))
        pd_die_overflow(file, line);
    return r;
}

static inline size_t size_mul_at(size_t a, size_t b, const char *file, int line)
{
    size_t r;
    if (__builtin_mul_overflow(a, b, &r))
        pd_die_overflow(file, line);
    return r;
}

#define size_add(a, b) size_add_at((a), (b), __FILE__, __LINE__)
#define size_mul(a, b) size_mul_at((a), (b), __FILE__, __LINE__)

static inline bool size_add_ok(size_t a, size_t b, size_t *out)
{
    return !__builtin_add_overflow(a, b, out);
}

static inline bool size_mul_ok(size_t a, size_t b, size_t *out)
{
    return !__builtin_mul_overflow(a, b, out);
}

#endif
