/*
 * tests/fuzz/cookies.c: the Cookie header (http_cookie_find) and the other header
 * parsers of parse.c: Content-Type (http_content_type_is_json) and the shape of a
 * session or CSRF token (http_token_plausible).
 *
 * Input: byte 0 picks the cookie name looked for (the two session cookie names and two
 * others); the rest, up to a NUL, is the header value. A cookie found must be made of
 * RFC 6265 cookie-octets only and be no longer than the header.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"

static const char *const names[] = {"peerdesk_session", "__Host-peerdesk_session", "a", "x=y"};

static bool octet(unsigned char c)
{
    return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
           (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 2 * HTTP_COOKIE_HEADER_MAX)
        return -1;
    const char *name = names[data[0] % (sizeof(names) / sizeof(names[0]))];
    char *h = malloc(size);
    memcpy(h, data + 1, size - 1);
    h[size - 1] = '\0';
    struct arena a;
    arena_init(&a);

    const char *v = http_cookie_find(&a, h, name);
    if (v) {
        size_t n = strlen(v);
        if (n > strlen(h))
            abort();
        for (size_t i = 0; i < n; i++)
            if (!octet((unsigned char)v[i]))
                abort();
        (void)http_token_plausible(v);
    }
    (void)http_cookie_find(&a, h, "");
    (void)http_content_type_is_json(h);
    if (http_token_plausible(h) && (strlen(h) == 0 || strlen(h) >= TOKEN_STR_BYTES))
        abort();
    arena_release(&a);
    free(h);
    return 0;
}
