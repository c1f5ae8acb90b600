/* lib_uuid.c: UUIDv7: canonical lowercase form, version and variant bits, the validator
 * on both sides, and time order across milliseconds. */
#include <string.h>

#include "lib/ptime.h"
#include "lib/uuid.h"
#include "tap.h"

static int shape_ok(const char *u)
{
    if (strlen(u) != 36)
        return 0;
    for (int i = 0; i < 36; i++) {
        char c = u[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return 0;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    char u[UUID_STR_BYTES], v[UUID_STR_BYTES];

    subtest("format")
    {
        int shape = 1, version = 1, variant = 1, valid = 1, distinct = 1;
        char prev[UUID_STR_BYTES] = "";
        for (int i = 0; i < 1000; i++) {
            uuid7_new(u);
            shape &= shape_ok(u);
            version &= u[14] == '7';
            variant &= strchr("89ab", u[19]) != NULL && u[19] != '\0';
            valid &= uuid_valid(u, strlen(u));
            distinct &= strcmp(u, prev) != 0;
            memcpy(prev, u, sizeof(prev));
        }
        ok(shape, "36 characters, dashes at 8/13/18/23, lowercase hex (1000 ids)");
        ok(version, "the version nibble is 7");
        ok(variant, "the variant is one of 8, 9, a, b");
        ok(valid, "uuid_valid accepts its own output");
        ok(distinct, "consecutive ids differ");
        is_int(strlen(u), UUID_STR_BYTES - 1, "UUID_STR_BYTES holds the id and its NUL");
    }
    subtest("uuid_valid")
    {
        const char *good = "0190a6d4-8b1e-7c3a-9f00-0123456789ab";
        ok(uuid_valid(good, 36), "a canonical id");
        ok(uuid_valid("00000000-0000-0000-0000-000000000000", 36), "the nil UUID's shape");
        ok(!uuid_valid("0190A6D4-8B1E-7C3A-9F00-0123456789AB", 36), "uppercase is refused");
        ok(!uuid_valid("0190a6d4-8b1e-7c3a-9f00-0123456789aB", 36), "one uppercase letter");
        ok(!uuid_valid(good, 35), "35 characters are refused");
        ok(!uuid_valid("0190a6d4-8b1e-7c3a-9f00-0123456789abc", 37), "37 are refused");
        ok(!uuid_valid(good, 0), "empty is refused");
        ok(!uuid_valid(NULL, 36), "NULL is refused");
        ok(!uuid_valid("0190a6d48-b1e-7c3a-9f00-0123456789ab", 36), "a misplaced dash");
        ok(!uuid_valid("0190a6d4-8b1e-7c3a-9f000123456789ab-", 36), "a dash moved to the end");
        ok(!uuid_valid("0190a6d4x8b1e-7c3a-9f00-0123456789ab", 36), "another character for -");
        ok(!uuid_valid("0190a6d4-8b1e-7c3a-9f00-0123456789ag", 36), "a g is no hex digit");
        ok(!uuid_valid("{190a6d4-8b1e-7c3a-9f00-0123456789ab", 36), "a brace");
        ok(!uuid_valid("0190a6d4-8b1e-7c3a-9f00-01234567\0"
                       "9ab",
                       36),
           "a NUL inside");
    }
    subtest("order")
    {
        ptime_set_offset_ms(0);
        uuid7_new(u);
        ptime_set_offset_ms(1000);
        uuid7_new(v);
        ptime_set_offset_ms(0);
        ok(strcmp(u, v) < 0, "an id made a second later sorts after the earlier one");
        ptime_set_offset_ms(-1000);
        uuid7_new(v);
        ptime_set_offset_ms(0);
        ok(strcmp(v, u) < 0, "and one made a second earlier sorts before it");
        int ordered = 1;
        char prev[UUID_STR_BYTES];
        uuid7_new(prev);
        for (int i = 1; i <= 50; i++) {
            ptime_set_offset_ms(i * 2);
            uuid7_new(u);
            ordered &= strcmp(prev, u) < 0;
            memcpy(prev, u, sizeof(prev));
        }
        ptime_set_offset_ms(0);
        ok(ordered, "50 ids each 2 ms apart come out sorted");
    }
    return done_testing();
}
