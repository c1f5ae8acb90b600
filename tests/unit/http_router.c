/*
 * http_router.c: path matching and the route-table guard (src/http/router.c).
 *
 * Matching: parameters, literal-beats-parameter, no trailing-slash aliasing, per-segment
 * percent-decoding, dot and empty segments, 405 with the Allow list, HEAD via GET.
 * Validation: the real table passes; deliberately bad tables (a client-data route without
 * an audit event above all) are refused.
 */
#include "../tap.h"
#include "domain/role.h"
#include "http/http_int.h"

static int dummy(struct http_req *req)
{
    (void)req;
    return PD_OK;
}

static const struct route table[] = {
    {"GET", "/api/v1/users/{id}", dummy, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL, NULL, 200, "get",
     "t"},
    {"PUT", "/api/v1/users/{id}", dummy, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL, NULL, 200, "put",
     "t"},
    {"GET", "/api/v1/users/me", dummy, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL, NULL, 200, "me",
     "t"},
    {"DELETE", "/api/v1/teams/{team}/members/{id}", dummy, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL,
     NULL, 204, "del", "t"},
    {"POST", "/api/v1/session", dummy, 0, ROUTE_AUTH_NONE, NULL, ROUTE_NO_CSRF, NULL, NULL, 200,
     "login", "t"},
};
#define NT (sizeof(table) / sizeof(table[0]))

struct m {
    int rc;
    const struct route *rt;
    struct http_kv params[LIMIT_PATH_PARAMS];
    size_t np;
    const char *allow;
};

static struct m match(struct arena *a, const char *method, const char *path)
{
    struct m m;
    struct pd_err e;
    err_clear(&e);
    memset(&m, 0, sizeof(m));
    m.rc = http_route_match(table, NT, a, method, path, &m.rt, m.params, &m.np, &m.allow, &e);
    return m;
}

static const char *param(const struct m *m, const char *name)
{
    for (size_t i = 0; i < m->np; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return m->params[i].value;
    return NULL;
}

static void test_match(void)
{
    struct arena a;
    arena_init(&a);
    struct m m;

    subtest("params")
    {
        m = match(&a, "GET", "/api/v1/users/0193a1b2-aaaa-7bbb-8ccc-ddddeeeeffff");
        is_int(m.rc, PD_OK, "GET user by id matches");
        ok(m.rt == &table[0], "the {id} route");
        is_str(param(&m, "id"), "0193a1b2-aaaa-7bbb-8ccc-ddddeeeeffff", "id captured");
        m = match(&a, "DELETE", "/api/v1/teams/t1/members/m2");
        is_int(m.rc, PD_OK, "two params");
        is_str(param(&m, "team"), "t1", "team");
        is_str(param(&m, "id"), "m2", "id");
    }
    subtest("literal beats parameter")
    {
        m = match(&a, "GET", "/api/v1/users/me");
        ok(m.rc == PD_OK && m.rt == &table[2], "users/me is the literal route");
        is_int(m.np, 0, "no params");
        m = match(&a, "PUT", "/api/v1/users/me");
        ok(m.rc == PD_OK && m.rt == &table[1], "PUT users/me falls to {id}");
    }
    subtest("trailing slash and empty segments")
    {
        is_int(match(&a, "GET", "/api/v1/users/me/").rc, PD_ENOTFOUND, "trailing slash is 404");
        is_int(match(&a, "GET", "/api/v1/users/").rc, PD_ENOTFOUND, "empty param is 404");
        is_int(match(&a, "GET", "/api/v1//users/x").rc, PD_ENOTFOUND, "empty segment is 404");
        is_int(match(&a, "GET", "/").rc, PD_ENOTFOUND, "root is 404");
        is_int(match(&a, "GET", "/api/v1/users").rc, PD_ENOTFOUND, "shorter path is 404");
        is_int(match(&a, "GET", "/api/v1/users/x/y").rc, PD_ENOTFOUND, "longer path is 404");
    }
    subtest("dot segments")
    {
        is_int(match(&a, "GET", "/api/v1/users/..").rc, PD_ENOTFOUND, ".. never a param");
        is_int(match(&a, "GET", "/api/v1/users/.").rc, PD_ENOTFOUND, ". never a param");
        is_int(match(&a, "GET", "/api/v1/users/%2e%2E").rc, PD_ENOTFOUND,
               "encoded .. never a param");
        is_int(match(&a, "GET", "/api/v1/x/../users/me").rc, PD_ENOTFOUND,
               "no dot-segment resolution");
    }
    subtest("percent-encoding")
    {
        m = match(&a, "GET", "/api/v1/users/a%2Fb");
        ok(m.rc == PD_OK && m.rt == &table[0], "%%2F stays inside the segment");
        is_str(param(&m, "id"), "a/b", "decoded per segment");
        m = match(&a, "GET", "/api/v1/users/caf%C3%A9");
        is_str(param(&m, "id"), "caf\xc3\xa9", "UTF-8 decoded");
        m = match(&a, "GET", "/api/v1/%75sers/me");
        ok(m.rc == PD_OK && m.rt == &table[2], "encoded literal matches after decoding");
        is_int(match(&a, "GET", "/api/v1/users/a%2").rc, PD_EBADREQ, "truncated escape: 400");
        is_int(match(&a, "GET", "/api/v1/users/a%zz").rc, PD_EBADREQ, "bad hex: 400");
        is_int(match(&a, "GET", "/api/v1/users/a%00b").rc, PD_EBADREQ, "NUL: 400");
        is_int(match(&a, "GET", "/api/v1/users/%C3%28").rc, PD_EBADREQ, "bad UTF-8: 400");
        is_int(match(&a, "GET", "api/v1/users/me").rc, PD_EBADREQ, "relative path: 400");
        is_int(match(&a, "GET", "http://x/api/v1/users/me").rc, PD_EBADREQ, "absolute-form: 400");
    }
    subtest("limits")
    {
        char longp[LIMIT_PATH_BYTES + 16];
        memset(longp, 'a', sizeof(longp) - 1);
        longp[0] = '/';
        longp[sizeof(longp) - 1] = '\0';
        is_int(match(&a, "GET", longp).rc, PD_EBADREQ, "over LIMIT_PATH_BYTES: 400");
        char deep[3 * (HTTP_MAX_SEGMENTS + 4) + 1];
        size_t n = 0;
        for (int i = 0; i < HTTP_MAX_SEGMENTS + 4; i++) {
            deep[n++] = '/';
            deep[n++] = 'a';
        }
        deep[n] = '\0';
        is_int(match(&a, "GET", deep).rc, PD_ENOTFOUND, "too many segments: 404");
        is_int(match(&a, "GET", NULL).rc, PD_EBADREQ, "no path: 400, no crash");
    }
    subtest("405 and Allow")
    {
        m = match(&a, "POST", "/api/v1/users/x");
        is_int(m.rc, PD_EMETHOD, "POST on users/{id} is 405");
        is_str(m.allow, "GET, HEAD, PUT", "Allow lists the methods");
        m = match(&a, "GET", "/api/v1/session");
        is_int(m.rc, PD_EMETHOD, "GET on session is 405");
        is_str(m.allow, "POST", "only POST");
        m = match(&a, "BREW", "/api/v1/session");
        is_int(m.rc, PD_EMETHOD, "unknown method is 405 too");
        m = match(&a, "HEAD", "/api/v1/users/me");
        ok(m.rc == PD_OK && m.rt == &table[2], "HEAD is served by GET");
    }
    arena_release(&a);
}

static int validate(const struct route *r, size_t n, const char **field)
{
    static struct pd_err e;
    err_clear(&e);
    int rc = http_routes_validate(r, n, &e);
    if (field)
        *field = e.field;
    return rc;
}

#define BAD(name, ...)                                                                             \
    do {                                                                                           \
        const struct route bad_[] = {__VA_ARGS__};                                                 \
        ok(validate(bad_, sizeof(bad_) / sizeof(bad_[0]), NULL) != PD_OK, "refused: %s", name);    \
    } while (0)

static void test_validate(void)
{
    const char *field = NULL;
    subtest("real table")
    {
        int rc = validate(http_routes, http_route_count, &field);
        is_int(rc, PD_OK, "http_routes passes validation");
        if (rc)
            printf("# offending: %s\n", field);
        is_int(validate(table, NT, NULL), PD_OK, "the test table passes too");
    }
    subtest("bad tables")
    {
        BAD("client-data path without audit event",
            {"GET", "/api/v1/clients/{id}", dummy, ROLE_GENERALIST, ROUTE_AUTH_FULL, NULL, 0, NULL,
             NULL, 200, "s", "t"});
        BAD("client-data prefix itself without audit event",
            {"GET", "/api/v1/notes", dummy, ROLE_GENERALIST, ROUTE_AUTH_FULL, NULL, 0, NULL, NULL,
             200, "s", "t"});
        BAD("ROUTE_CLIENT_DATA flag without audit event",
            {"GET", "/api/v1/dossier", dummy, ROLE_GENERALIST, ROUTE_AUTH_FULL, NULL,
             ROUTE_CLIENT_DATA, NULL, NULL, 200, "s", "t"});
        BAD("client data below full authentication",
            {"GET", "/api/v1/dossiers", dummy, ROLE_GENERALIST, ROUTE_AUTH_ANY_LEVEL,
             "dossier.list", 0, NULL, NULL, 200, "s", "t"});
        BAD("duplicate method+pattern",
            {"GET", "/a", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"},
            {"GET", "/a", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("no leading slash",
            {"GET", "a/b", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("unbalanced open brace",
            {"GET", "/a/{id", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("unbalanced close brace",
            {"GET", "/a/id}", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("param not a whole segment",
            {"GET", "/a/x{id}", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("trailing slash in pattern",
            {"GET", "/a/", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("logged-in route without roles",
            {"GET", "/a", dummy, 0, ROUTE_AUTH_FULL, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("public route naming roles",
            {"GET", "/a", dummy, ROLE_ADMIN, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("NO_CSRF on a route other than login",
            {"POST", "/api/v1/me/x", dummy, ROLE_ALL, ROUTE_AUTH_ANY_LEVEL, NULL, ROUTE_NO_CSRF,
             NULL, NULL, 200, "s", "t"});
        BAD("public state change",
            {"POST", "/api/v1/x", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("no handler",
            {"GET", "/a", NULL, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("bad method",
            {"FETCH", "/a", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 200, "s", "t"});
        BAD("non-2xx ok status",
            {"GET", "/a", dummy, 0, ROUTE_AUTH_NONE, NULL, 0, NULL, NULL, 302, "s", "t"});
        BAD("too many params", {"GET", "/{a}/{b}/{c}/{d}/{e}", dummy, 0, ROUTE_AUTH_NONE, NULL, 0,
                                NULL, NULL, 200, "s", "t"});

        const struct route good[] = {
            {"GET", "/api/v1/clients/{id}", dummy, ROLE_GENERALIST, ROUTE_AUTH_FULL, "client.read",
             ROUTE_CLIENT_DATA, NULL, NULL, 200, "s", "t"},
            {"GET", "/api/v1/clientsx", dummy, ROLE_GENERALIST, ROUTE_AUTH_FULL, NULL, 0, NULL,
             NULL, 200, "s", "t"},
        };
        is_int(validate(good, 2, NULL), PD_OK,
               "with its audit event it passes; /clientsx is not under /clients");
    }
}

int main(void)
{
    test_match();
    test_validate();
    return done_testing();
}
