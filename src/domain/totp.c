/*
 * totp.c: RFC 6238 codes. HMAC-SHA1 is what authenticator apps implement; SHA-1's
 * collision weakness does not touch HMAC, and libsodium has no SHA-1, so this one
 * primitive comes from OpenSSL's libcrypto.
 */
#include "totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

uint32_t totp_code(const uint8_t *secret, size_t n, uint64_t step, int digits)
{
    uint8_t msg[8];
    for (int i = 7; i >= 0; i--) {
        msg[i] = (uint8_t)(step & 0xff);
        step >>= 8;
    }
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    if (!HMAC(EVP_sha1(), secret, (int)n, msg, sizeof(msg), mac, &maclen) || maclen < 20)
        return UINT32_MAX; /* never equals a code: verification fails closed */
    unsigned off = mac[maclen - 1] & 0x0f;
    uint32_t bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
                   ((uint32_t)mac[off + 2] << 8) | (uint32_t)mac[off + 3];
    uint32_t mod = 1;
    for (int i = 0; i < digits; i++)
        mod *= 10;
    return bin % mod;
}

int64_t totp_step_at(int64_t unix_ms)
{
    return unix_ms / 1000 / TOTP_STEP_S;
}

static bool parse_code(const char *code, uint32_t *out)
{
    uint32_t v = 0;
    size_t i = 0;
    for (; code[i]; i++) {
        if (i >= TOTP_DIGITS || code[i] < '0' || code[i] > '9')
            return false;
        v = v * 10 + (uint32_t)(code[i] - '0');
    }
    if (i != TOTP_DIGITS)
        return false;
    *out = v;
    return true;
}

bool totp_verify(const uint8_t *secret, size_t n, const char *code, int64_t now_ms,
                 int64_t last_used, int64_t *used_step)
{
    uint32_t want;
    if (!code || !parse_code(code, &want))
        return false;
    int64_t now = totp_step_at(now_ms);
    bool found = false;
    /* Check every step of the window, so timing does not tell which one matched. */
    for (int64_t s = now - TOTP_WINDOW; s <= now + TOTP_WINDOW; s++) {
        if (s <= last_used || s < 0)
            continue;
        if (totp_code(secret, n, (uint64_t)s, TOTP_DIGITS) == want && !found) {
            found = true;
            *used_step = s;
        }
    }
    return found;
}

size_t base32_encode(const uint8_t *in, size_t n, char *out, size_t outcap)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    size_t o = 0;
    unsigned buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        buffer = (buffer << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            if (o + 1 >= outcap)
                goto done;
            out[o++] = alphabet[(buffer >> (bits - 5)) & 0x1f];
            bits -= 5;
        }
    }
    if (bits > 0 && o + 1 < outcap)
        out[o++] = alphabet[(buffer << (5 - bits)) & 0x1f];
done:
    if (outcap)
        out[o] = '\0';
    return o;
}
