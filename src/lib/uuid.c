/*
 * uuid.c: UUIDv7. Within one millisecond the random bits decide the order, which is
 * fine for index locality; ids are never used to tell which of two came first (the
 * audit log has its own sequence for that).
 */
#include "uuid.h"

#include <sodium.h>
#include <stdio.h>

#include "log.h"
#include "ptime.h"

void uuid7_new(char out[UUID_STR_BYTES])
{
    static const char hex[] = "0123456789abcdef";
    uint8_t b[16];

    if (sodium_init() < 0)
        fatal("libsodium failed to initialise");
    uint64_t ms = (uint64_t)ptime_now_ms();
    randombytes_buf(b + 6, 10);
    for (int i = 5; i >= 0; i--) {
        b[i] = (uint8_t)(ms & 0xff);
        ms >>= 8;
    }
    b[6] = (uint8_t)(0x70 | (b[6] & 0x0f));
    b[8] = (uint8_t)(0x80 | (b[8] & 0x3f));
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[b[i] >> 4];
        *o++ = hex[b[i] & 15];
    }
    *o = '\0';
}

bool uuid_valid(const char *s, size_t n)
{
    if (!s || n != 36)
        return false;
    for (size_t i = 0; i < 36; i++) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}
