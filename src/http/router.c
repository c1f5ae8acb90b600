/*
 * router.c: matching a request path against the route table, and the table's sanity check.
 *
 * Matching rules (documented in docs/api.md, tested in tests/unit/http_router.c):
 *  - the raw path is split on '/' first and each segment is percent-decoded on its own,
 *    so "%2F" inside a segment never creates a new segment;
 *  - no trailing-slash aliasing: "/api/v1/me/" has an empty last segment and is a 404;
 *  - empty segments, "." and ".." never match anything (a parameter included);
 *  - when several patterns match, the one with the fewest parameters wins, so a literal
 *    "/users/me" beats "/users/{id}" whatever the table order.
 * The validator runs at start-up and in the unit tests; a table it refuses never serves.
 */
#include <string.h>

#include "../domain/role.h"
#include "http_int.h"

struct segs {
    char *v[HTTP_MAX_SEGMENTS];
    size_t n;
};

/* Split and decode; PD_ENOTFOUND when there are too many segments (no route is that deep),
 * PD_EBADREQ for bad encoding. */
static int split_path(struct arena *a, const char *path, struct segs *s, struct pd_err *e)
{
    s->n = 0;
    if (!path || path[0] != '/')
        return err_set(e, PD_EBADREQ, NULL, "the request target must be an absolute path");
    size_t len = strnlen(path, LIMIT_PATH_BYTES + 1);
    if (len > LIMIT_PATH_BYTES)
        return err_set(e, PD_EBADREQ, NULL, "path longer than %d bytes", LIMIT_PATH_BYTES);
    const char *p = path + 1, *end = path + len;
    for (;;) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        const char *stop = slash ? slash : end;
        if (s->n == HTTP_MAX_SEGMENTS)
            return err_set(e, PD_ENOTFOUND, NULL, "no such resource");
        if (http_pct_decode(a, p, (size_t)(stop - p), false, &s->v[s->n], NULL) != PD_OK)
            return err_set(e, PD_EBADREQ, NULL, "bad percent-encoding in the path");
        s->n++;
        if (!slash)
            break;
        p = slash + 1;
    }
    return PD_OK;
}

static bool seg_matchable(const char *v)
{
    return *v && strcmp(v, ".") != 0 && strcmp(v, "..") != 0;
}

/* Does the pattern match? Fills params (names from the pattern, values from segs) and
 * returns the number of parameters, or -1 for no match. */
static int pattern_match(struct arena *a, const char *pattern, const struct segs *s,
                         struct http_kv *params)
{
    const char *p = pattern + 1;
    size_t i = 0;
    int np = 0;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t plen = slash ? (size_t)(slash - p) : strlen(p);
        if (i == s->n)
            return -1;
        const char *v = s->v[i];
        if (!seg_matchable(v))
            return -1;
        if (plen >= 2 && p[0] == '{' && p[plen - 1] == '}') {
            if (np == LIMIT_PATH_PARAMS)
                return -1; /* the validator refuses such patterns; be safe anyway */
            params[np].name = arena_strndup(a, p + 1, plen - 2);
            params[np].value = v;
            np++;
        } else if (strlen(v) != plen || memcmp(v, p, plen) != 0) {
            return -1;
        }
        i++;
        if (!slash)
            break;
        p = slash + 1;
    }
    return i == s->n ? np : -1;
}

static bool method_is(const char *m, const char *want)
{
    return m && strcmp(m, want) == 0;
}

int http_route_match(const struct route *routes, size_t n, struct arena *a, const char *method,
                     const char *path, const struct route **out, struct http_kv *params,
                     size_t *nparams, const char **allow, struct pd_err *e)
{
    struct segs s;
    *out = NULL;
    *nparams = 0;
    if (allow)
        *allow = NULL;
    int rc = split_path(a, path, &s, e);
    if (rc)
        return rc;

    const char *want = method_is(method, "HEAD") ? "GET" : method;
    const struct route *best = NULL;
    int best_np = LIMIT_PATH_PARAMS + 1;
    struct http_kv tmp[LIMIT_PATH_PARAMS];
    /* Methods of every matching pattern, for Allow. Bits follow `known`. */
    static const char *const known[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
    unsigned methods = 0;
    bool any = false;

    for (size_t r = 0; r < n; r++) {
        int np = pattern_match(a, routes[r].pattern, &s, tmp);
        if (np < 0)
            continue;
        any = true;
        for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
            if (method_is(routes[r].method, known[k]))
                methods |= 1u << k;
        if (method_is(routes[r].method, "GET"))
            methods |= 1u << 1; /* HEAD comes with GET */
        if (method_is(routes[r].method, want) && np < best_np) {
            best = &routes[r];
            best_np = np;
            memcpy(params, tmp, (size_t)np * sizeof(*tmp));
        }
    }
    if (best) {
        *out = best;
        *nparams = (size_t)best_np;
        return PD_OK;
    }
    if (!any)
        return err_set(e, PD_ENOTFOUND, NULL, "no such resource");
    if (allow) {
        char buf[64] = "";
        size_t used = 0;
        for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
            if (!(methods & (1u << k)))
                continue;
            int w = snprintf(buf + used, sizeof(buf) - used, "%s%s", used ? ", " : "", known[k]);
            if (w > 0 && (size_t)w < sizeof(buf) - used)
                used += (size_t)w;
        }
        *allow = arena_strdup(a, buf);
    }
    return err_set(e, PD_EMETHOD, NULL, "method %s is not allowed here",
                   method_is(method, "GET") || method_is(method, "POST") ||
                           method_is(method, "PUT") || method_is(method, "PATCH") ||
                           method_is(method, "DELETE") || method_is(method, "OPTIONS")
                       ? method
                       : "(other)");
}

bool http_route_client_data_path(const char *pattern)
{
    for (size_t i = 0; http_client_data_prefixes[i]; i++) {
        size_t n = strlen(http_client_data_prefixes[i]);
        if (strncmp(pattern, http_client_data_prefixes[i], n) == 0 &&
            (pattern[n] == '\0' || pattern[n] == '/'))
            return true;
    }
    return false;
}

bool http_route_is_login(const struct route *r)
{
    return method_is(r->method, "POST") && r->pattern && strcmp(r->pattern, "/api/v1/session") == 0;
}

static bool valid_param_name(const char *p, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_' || (i && p[i] >= '0' && p[i] <= '9')))
            return false;
    return true;
}

static int check_pattern(const char *pat, struct pd_err *e)
{
    if (!pat || pat[0] != '/')
        return err_set(e, PD_EINVAL, pat ? pat : "(null)", "pattern must start with '/'");
    if (strlen(pat) > LIMIT_PATH_BYTES)
        return err_set(e, PD_EINVAL, pat, "pattern too long");
    int params = 0;
    const char *p = pat + 1;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0)
            return err_set(e, PD_EINVAL, pat, "empty segment (or trailing slash) in pattern");
        const char *open = memchr(p, '{', n), *close = memchr(p, '}', n);
        if (open || close) {
            if (!(p[0] == '{' && p[n - 1] == '}' && memchr(p + 1, '{', n - 1) == NULL &&
                  memchr(p, '}', n - 1) == NULL))
                return err_set(e, PD_EINVAL, pat,
                               "unbalanced braces or a parameter that is not a whole segment");
            if (!valid_param_name(p + 1, n - 2))
                return err_set(e, PD_EINVAL, pat, "bad parameter name");
            if (++params > LIMIT_PATH_PARAMS)
                return err_set(e, PD_EINVAL, pat, "more than %d parameters", LIMIT_PATH_PARAMS);
        } else {
            for (size_t i = 0; i < n; i++) {
                char c = p[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                      c == '.'))
                    return err_set(e, PD_EINVAL, pat, "pattern segments are [a-z0-9._-]");
            }
            if (strcmp(p, ".") == 0 || (n == 2 && p[0] == '.' && p[1] == '.'))
                return err_set(e, PD_EINVAL, pat, "dot segment in pattern");
        }
        if (!slash)
            break;
        p = slash + 1;
    }
    return PD_OK;
}

int http_routes_validate(const struct route *routes, size_t n, struct pd_err *e)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (size_t i = 0; i < n; i++) {
        const struct route *r = &routes[i];
        const char *pat = r->pattern ? r->pattern : "(null)";
        int rc = check_pattern(r->pattern, e);
        if (rc)
            return rc;
        bool mok = false;
        for (size_t k = 0; k < sizeof(methods) / sizeof(methods[0]); k++)
            mok = mok || method_is(r->method, methods[k]);
        if (!mok)
            return err_set(e, PD_EINVAL, pat, "unsupported method");
        if (!r->fn)
            return err_set(e, PD_EINVAL, pat, "%s has no handler", r->method);
        if (!r->summary || !r->tag)
            return err_set(e, PD_EINVAL, pat, "%s needs a summary and a tag", r->method);
        if (r->ok_status < 200 || r->ok_status > 299)
            return err_set(e, PD_EINVAL, pat, "%s: ok_status must be 2xx", r->method);
        bool client = (r->flags & ROUTE_CLIENT_DATA) || http_route_client_data_path(r->pattern);
        if (client && (!r->audit_event || !*r->audit_event))
            return err_set(e, PD_EINVAL, pat, "%s touches client data but declares no audit event",
                           r->method);
        if (client && r->auth != ROUTE_AUTH_FULL)
            return err_set(e, PD_EINVAL, pat, "%s: client data needs ROUTE_AUTH_FULL", r->method);
        if (r->auth == ROUTE_AUTH_NONE && r->roles != 0)
            return err_set(e, PD_EINVAL, pat, "%s is public but names roles", r->method);
        if (r->auth != ROUTE_AUTH_NONE && (r->roles & ROLE_ALL) == 0)
            return err_set(e, PD_EINVAL, pat, "%s needs a session but names no role", r->method);
        if ((r->flags & ROUTE_NO_CSRF) && !http_route_is_login(r))
            return err_set(e, PD_EINVAL, pat, "%s: only login may skip the CSRF check", r->method);
        /* A public state change would have no session to bind a CSRF token to. */
        if (r->auth == ROUTE_AUTH_NONE && !method_is(r->method, "GET") && !http_route_is_login(r))
            return err_set(e, PD_EINVAL, pat, "%s: public routes may only read", r->method);
        if (r->request && !r->request->name)
            return err_set(e, PD_EINVAL, pat, "%s: request schema has no name", r->method);
        if (r->response && !r->response->name)
            return err_set(e, PD_EINVAL, pat, "%s: response schema has no name", r->method);
        for (size_t j = 0; j < i; j++)
            if (method_is(routes[j].method, r->method) && routes[j].pattern &&
                strcmp(routes[j].pattern, r->pattern) == 0)
                return err_set(e, PD_EINVAL, pat, "%s defined twice", r->method);
    }
    return PD_OK;
}
