/*
 * http_parse.c: the boundary parsers of src/http/parse.c: query strings (encoding,
 * limits, duplicates), the Cookie header (several cookies, spaces, quotes, garbage, the
 * same name twice), Content-Type for JSON, and the session token shape.
 */
#include "../tap.h"
#include "http/http_int.h"

static const char *q(const struct http_kv *kv, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(kv[i].name, name) == 0)
            return kv[i].value;
    return NULL;
}

static void test_query(void)
{
    struct arena a;
    arena_init(&a);
    struct http_kv *kv;
    size_t n;
    struct pd_err e;

    err_clear(&e);
    is_int(http_query_parse(&a, NULL, &kv, &n, &e), PD_OK, "no query");
    is_int(n, 0, "no arguments");
    is_int(http_query_parse(&a, "limit=50&after=b%40x.nl&q=a+b%20c&flag", &kv, &n, &e), PD_OK,
           "ordinary query");
    is_int(n, 4, "four arguments");
    is_str(q(kv, n, "limit"), "50", "limit");
    is_str(q(kv, n, "after"), "b@x.nl", "percent-decoded");
    is_str(q(kv, n, "q"), "a b c", "+ and %%20 are spaces");
    is_str(q(kv, n, "flag"), "", "bare name has an empty value");
    is_int(http_query_parse(&a, "a=1&&b=2&", &kv, &n, &e), PD_OK, "empty pieces skipped");
    is_int(n, 2, "two arguments");

    err_clear(&e);
    is_int(http_query_parse(&a, "a=%zz", &kv, &n, &e), PD_EBADREQ, "bad escape: 400");
    err_clear(&e);
    is_int(http_query_parse(&a, "a=%4", &kv, &n, &e), PD_EBADREQ, "truncated escape: 400");
    err_clear(&e);
    is_int(http_query_parse(&a, "a=%00", &kv, &n, &e), PD_EBADREQ, "NUL: 400");
    err_clear(&e);
    is_int(http_query_parse(&a, "a=%ff", &kv, &n, &e), PD_EBADREQ, "invalid UTF-8: 400");
    err_clear(&e);
    is_int(http_query_parse(&a, "=1", &kv, &n, &e), PD_EBADREQ, "empty name: 400");
    err_clear(&e);
    is_int(http_query_parse(&a, "a=1&a=2", &kv, &n, &e), PD_EBADREQ, "repeated name: 400");
    is_str(e.field, "a", "names the argument");

    char many[LIMIT_QUERY_ARGS * 6 + 8];
    size_t used = 0;
    for (int i = 0; i <= LIMIT_QUERY_ARGS; i++)
        used += (size_t)snprintf(many + used, sizeof(many) - used, "%sk%d", i ? "&" : "", i);
    err_clear(&e);
    is_int(http_query_parse(&a, many, &kv, &n, &e), PD_EBADREQ, "too many arguments: 400");

    char *longq = arena_alloc(&a, LIMIT_QUERY_BYTES + 8);
    memset(longq, 'x', LIMIT_QUERY_BYTES + 4);
    err_clear(&e);
    is_int(http_query_parse(&a, longq, &kv, &n, &e), PD_EBADREQ, "too long: 400");
    arena_release(&a);
}

static void test_cookie(void)
{
    struct arena a;
    arena_init(&a);
    const char *name = "peerdesk_session";
    is_str(http_cookie_find(&a, "peerdesk_session=abc", name), "abc", "single cookie");
    is_str(http_cookie_find(&a, "x=1; peerdesk_session=abc-_9; y=2", name), "abc-_9",
           "among others");
    is_str(http_cookie_find(&a, "x=1;peerdesk_session=abc;y", name), "abc", "no spaces");
    is_str(http_cookie_find(&a, "  peerdesk_session =  abc  ;", name), "abc", "extra spaces");
    is_str(http_cookie_find(&a, "peerdesk_session=\"abc\"", name), "abc", "quoted value");
    is_str(http_cookie_find(&a, "garbage; ;;=; peerdesk_session=abc; =x", name), "abc",
           "garbage around is ignored");
    ok(http_cookie_find(&a, "x=1; y=2", name) == NULL, "absent");
    ok(http_cookie_find(&a, "", name) == NULL, "empty header");
    ok(http_cookie_find(&a, NULL, name) == NULL, "no header");
    ok(http_cookie_find(&a, "peerdesk_sessionx=abc", name) == NULL, "longer name differs");
    ok(http_cookie_find(&a, "xpeerdesk_session=abc", name) == NULL, "prefixed name differs");
    ok(http_cookie_find(&a, "peerdesk_session=a b", name) == NULL, "space inside: refused");
    ok(http_cookie_find(&a, "peerdesk_session=a,b", name) == NULL, "comma inside: refused");
    ok(http_cookie_find(&a, "peerdesk_session=a; peerdesk_session=b", name) == NULL,
       "same name twice: neither trusted");
    ok(http_cookie_find(&a, "__Host-peerdesk_session=abc", name) == NULL,
       "__Host- name is a different cookie");
    is_str(http_cookie_find(&a, "__Host-peerdesk_session=abc", "__Host-peerdesk_session"), "abc",
           "__Host- name found when asked for");
    arena_release(&a);
}

static void test_content_type(void)
{
    ok(http_content_type_is_json("application/json"), "plain");
    ok(http_content_type_is_json("Application/JSON"), "case-insensitive");
    ok(http_content_type_is_json("application/json; charset=utf-8"), "charset utf-8");
    ok(http_content_type_is_json("application/json;charset=\"UTF-8\""), "quoted charset");
    ok(!http_content_type_is_json("application/json; charset=latin1"), "other charset");
    ok(!http_content_type_is_json("application/jsonx"), "longer type");
    ok(!http_content_type_is_json("text/plain"), "text/plain");
    ok(!http_content_type_is_json("application/x-www-form-urlencoded"), "form");
    ok(!http_content_type_is_json("multipart/form-data; boundary=x"), "multipart");
    ok(!http_content_type_is_json(""), "empty");
    ok(!http_content_type_is_json(NULL), "absent");
    ok(!http_content_type_is_json("application/json; garbage"), "parameter without =");
}

static void test_token(void)
{
    ok(http_token_plausible("abcDEF012-_"), "base64url");
    ok(!http_token_plausible(""), "empty");
    ok(!http_token_plausible(NULL), "absent");
    ok(!http_token_plausible("abc="), "padding");
    ok(!http_token_plausible("a b"), "space");
    char longt[TOKEN_STR_BYTES + 2];
    memset(longt, 'a', sizeof(longt) - 1);
    longt[sizeof(longt) - 1] = '\0';
    ok(!http_token_plausible(longt), "too long");
    longt[TOKEN_STR_BYTES - 1] = '\0';
    ok(http_token_plausible(longt), "exactly %d characters", TOKEN_STR_BYTES - 1);
}

int main(void)
{
    subtest("query") test_query();
    subtest("cookie") test_cookie();
    subtest("content-type") test_content_type();
    subtest("token") test_token();
    return done_testing();
}
