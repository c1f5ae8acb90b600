/* domain_totp.c: RFC 6238 test vectors, the acceptance window, and single use. */
#include <string.h>

#include "domain/totp.h"
#include "tap.h"

int main(void)
{
    const uint8_t key[] = "12345678901234567890"; /* RFC 6238 appendix B, SHA-1 */
    char b32[TOTP_B32_BYTES];
    int64_t used = 0;

    subtest("rfc 6238")
    {
        is_int(totp_code(key, 20, 59 / 30, 8), 94287082, "T=59");
        is_int(totp_code(key, 20, 1111111109 / 30, 8), 7081804, "T=1111111109");
        is_int(totp_code(key, 20, 1234567890 / 30, 8), 89005924, "T=1234567890");
        is_int(totp_code(key, 20, 20000000000LL / 30, 8), 65353130, "T=20000000000");
        is_int(totp_code(key, 20, 59 / 30, 6), 287082, "six digits");
    }
    subtest("verify")
    {
        int64_t now = 1111111109LL * 1000;
        ok(totp_verify(key, 20, "081804", now, 0, &used), "the current code passes");
        is_int(used, 1111111109 / 30, "and says which step");
        ok(!totp_verify(key, 20, "081804", now, used, &used), "the same code twice is refused");
        char prev[8];
        snprintf(prev, sizeof(prev), "%06u", totp_code(key, 20, 1111111109 / 30 - 1, 6));
        ok(totp_verify(key, 20, prev, now, 0, &used), "one step back is accepted");
        snprintf(prev, sizeof(prev), "%06u", totp_code(key, 20, 1111111109 / 30 - 2, 6));
        ok(!totp_verify(key, 20, prev, now, 0, &used), "two steps back is refused");
        ok(!totp_verify(key, 20, "08180", now, 0, &used), "five digits are refused");
        ok(!totp_verify(key, 20, "0818044", now, 0, &used), "seven digits are refused");
        ok(!totp_verify(key, 20, "08a804", now, 0, &used), "letters are refused");
        ok(!totp_verify(key, 20, NULL, now, 0, &used), "no code is refused");
    }
    subtest("base32")
    {
        base32_encode((const uint8_t *)"foobar", 6, b32, sizeof(b32));
        is_str(b32, "MZXW6YTBOI", "RFC 4648 'foobar' without padding");
        is_int(base32_encode(key, 20, b32, sizeof(b32)), 32, "20 bytes give 32 characters");
        is_str(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "the RFC key in base32");
    }
    return done_testing();
}
