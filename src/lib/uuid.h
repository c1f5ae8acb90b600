/*
 * uuid.h: UUIDv7 identifiers (RFC 9562): 48-bit Unix milliseconds, version 7, 74 random
 * bits from libsodium. Time-ordered, so they index well as primary keys. Thread-safe.
 */
#ifndef PD_UUID_H
#define PD_UUID_H

#include <stdbool.h>
#include <stddef.h>

#define UUID_STR_BYTES 37 /* 36 characters + NUL */

void uuid7_new(char out[UUID_STR_BYTES]);
/* Canonical lowercase 8-4-4-4-12 form. */
bool uuid_valid(const char *s, size_t n);

#endif
