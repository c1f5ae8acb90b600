/*
 * http_conditional.c: If-Match parsing (quoted, bare, weak, missing, malformed, out of
 * range), the 412 answer carrying "current", and the ETag header.
 */
#include "../tap.h"
#include "http/conditional.h"
#include "http/http_int.h"

static void test_parse(void)
{
    struct pd_err e;
    int64_t v = -1;

    err_clear(&e);
    is_int(http_if_match_parse("\"3\"", &v, &e), PD_OK, "quoted version");
    is_int(v, 3, "version 3");
    is_int(http_if_match_parse("17", &v, &e), PD_OK, "bare version");
    is_int(v, 17, "version 17");
    is_int(http_if_match_parse(" W/\"9\" ", &v, &e), PD_OK, "weak tag, spaces");
    is_int(v, 9, "version 9");
    is_int(http_if_match_parse("9007199254740992", &v, &e), PD_OK, "2^53 is the largest");

    err_clear(&e);
    is_int(http_if_match_parse(NULL, &v, &e), PD_EPRECOND, "missing: 428");
    is_str(e.field, "If-Match", "names the header");
    const char *bad[] = {"",    "\"\"",         "*",   "\"0\"",  "\"-1\"",           "\"3",
                         "3\"", "\"3\", \"4\"", "abc", "\"3x\"", "9007199254740993", "0"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err_clear(&e);
        v = -1;
        is_int(http_if_match_parse(bad[i], &v, &e), PD_EBADREQ, "malformed [%s]: 400", bad[i]);
        is_int(v, -1, "version untouched");
    }
}

static void test_stale(void)
{
    struct http_req req;
    memset(&req, 0, sizeof(req));
    arena_init(&req.arena);
    is_int(http_reply_stale(&req, json_pack("{s:s,s:i}", "id", "x", "version", 4)), PD_OK,
           "answer set");
    is_int(req.status, 412, "412");
    is_str(req.content_type, "application/problem+json", "problem+json");
    json_t *j = json_loadb(req.resp_body, req.resp_len, 0, NULL);
    ok(j != NULL, "body is JSON");
    is_str(json_string_value(json_object_get(j, "type")), "urn:peerdesk:problem:stale-version",
           "type stale-version");
    is_int(json_integer_value(json_object_get(json_object_get(j, "current"), "version")), 4,
           "current record included");
    json_decref(j);
    http_reply_reset(&req);

    is_int(http_reply_stale(&req, NULL), PD_OK, "no current record");
    j = json_loadb(req.resp_body, req.resp_len, 0, NULL);
    ok(j && !json_object_get(j, "current"), "no current member");
    json_decref(j);
    http_reply_reset(&req);

    http_set_etag(&req, 12);
    ok(req.headers && strcmp(req.headers->name, "ETag") == 0, "ETag header");
    is_str(req.headers ? req.headers->value : NULL, "\"12\"", "quoted version");
    arena_release(&req.arena);
}

int main(void)
{
    subtest("parse") test_parse();
    subtest("stale") test_stale();
    return done_testing();
}
