/*
 * tests/fuzz/router.c: method + raw path through the real route table (router.c).
 *
 * Input: the method up to the first space, the path after it (as the request target
 * reaches http_route_match: raw, percent-encoded, without the query). Checks what
 * dispatch relies on: a match names a route of that method (HEAD via GET), its
 * parameters are at most LIMIT_PATH_PARAMS, named, and never empty, "." or ".."; a 405
 * comes with an Allow list.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > LIMIT_PATH_BYTES + 64)
        return -1;
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    char *sp = strchr(s, ' ');
    const char *method = "GET", *path = s;
    if (sp) {
        *sp = '\0';
        method = s;
        path = sp + 1;
    }
    struct arena a;
    arena_init(&a);
    struct pd_err e;
    err_clear(&e);
    const struct route *rt = NULL;
    struct http_kv params[LIMIT_PATH_PARAMS];
    size_t np = 0;
    const char *allow = NULL;
    int rc = http_route_match(http_routes, http_route_count, &a, method, path, &rt, params, &np,
                              &allow, &e);
    if (rc == PD_OK) {
        bool same = strcmp(rt->method, method) == 0 ||
                    (strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0);
        if (!same || np > LIMIT_PATH_PARAMS)
            abort();
        for (size_t i = 0; i < np; i++)
            if (!params[i].name || !*params[i].name || !params[i].value || !*params[i].value ||
                strcmp(params[i].value, ".") == 0 || strcmp(params[i].value, "..") == 0)
                abort();
        (void)http_route_client_data_path(rt->pattern);
        (void)http_route_is_login(rt);
    } else if (rc == PD_EMETHOD) {
        if (!allow || !*allow)
            abort();
    } else if (rc != PD_ENOTFOUND && rc != PD_EBADREQ) {
        fprintf(stderr, "fuzz router: unexpected result %d\n", rc);
        abort();
    }
    arena_release(&a);
    free(s);
    return 0;
}
