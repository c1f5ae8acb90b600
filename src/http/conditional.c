/*
 * conditional.c: If-Match in, ETag out, and the 412 answer that carries the current
 * record. See conditional.h for the protocol; the store enforces it with
 * `WHERE id = ? AND version = ?`.
 */
#include <microhttpd.h>
#include <string.h>

#include "conditional.h"
#include "http_int.h"

/* JSON numbers are exact up to 2^53; a version never gets near, but bound it anyway. */
#define VERSION_MAX 9007199254740992LL

int http_if_match_parse(const char *value, int64_t *version, struct pd_err *e)
{
    if (!value)
        return err_set(e, PD_EPRECOND, "If-Match", "send If-Match with the record's version");
    const char *p = value;
    while (*p == ' ' || *p == '\t')
        p++;
    if (p[0] == 'W' && p[1] == '/')
        p += 2; /* a weak tag names the same version here */
    bool quoted = *p == '"';
    if (quoted)
        p++;
    if (*p < '1' || *p > '9')
        return err_set(e, PD_EBADREQ, "If-Match", "expected \"<version>\"");
    int64_t v = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        v = v * 10 + (*p - '0');
        if (v > VERSION_MAX)
            return err_set(e, PD_EBADREQ, "If-Match", "version out of range");
    }
    if (quoted && *p++ != '"')
        return err_set(e, PD_EBADREQ, "If-Match", "expected \"<version>\"");
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        return err_set(e, PD_EBADREQ, "If-Match", "expected one \"<version>\"");
    *version = v;
    return PD_OK;
}

int http_if_match(struct http_req *req, int64_t *version)
{
    return http_if_match_parse(http_header(req, MHD_HTTP_HEADER_IF_MATCH), version, &req->app.err);
}

int http_reply_stale(struct http_req *req, json_t *current)
{
    struct pd_err e;
    err_clear(&e);
    err_set(&e, PD_ESTALE, "If-Match", "the record changed since you read it");
    if (req->problem_ext)
        json_decref(req->problem_ext);
    req->problem_ext = json_object();
    if (current)
        json_object_set_new(req->problem_ext, "current", current);
    return http_reply_problem(req, &e);
}

void http_set_etag(struct http_req *req, int64_t version)
{
    http_add_header(req, MHD_HTTP_HEADER_ETAG,
                    arena_printf(&req->arena, "\"%lld\"", (long long)version));
}
