/*
 * reply.c: everything that leaves the server: JSON and empty answers, the one
 * problem+json function, cookies, and the security headers that every answer carries.
 *
 * Handlers only record what to send (status, body, extra headers) in struct http_req;
 * http_response_build turns that into a libmicrohttpd response at the very end, so the
 * security headers are added in exactly one place, after everything else, and a failing
 * handler's half-built answer can be dropped whole (http_reply_reset).
 */
#include <microhttpd.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/mem.h"
#include "../lib/ptime.h"
#include "http_int.h"

static void set_body(struct http_req *req, int status, const char *ctype, char *body, size_t len,
                     bool is_static)
{
    if (req->resp_body && !req->resp_static)
        free(req->resp_body);
    req->status = status;
    req->content_type = ctype;
    req->resp_body = body;
    req->resp_len = len;
    req->resp_static = is_static;
}

int http_reply_json(struct http_req *req, int status, json_t *body)
{
    if (!body)
        return err_set(&req->app.err, PD_EINTERNAL, NULL, "handler built no JSON body");
    size_t len = 0;
    char *s = pdjson_dump(body, &len);
    json_decref(body);
    if (len > LIMIT_RESPONSE_BYTES) {
        free(s);
        return err_set(&req->app.err, PD_EINTERNAL, NULL, "response of %zu bytes over the cap",
                       len);
    }
    set_body(req, status, "application/json", s, len, false);
    return PD_OK;
}

int http_reply_empty(struct http_req *req, int status)
{
    set_body(req, status, NULL, NULL, 0, false);
    return PD_OK;
}

int http_reply_static(struct http_req *req, int status, const char *content_type, const char *bytes,
                      size_t len)
{
    set_body(req, status, content_type, (char *)bytes, len, true);
    return PD_OK;
}

int http_reply_bytes(struct http_req *req, int status, const char *content_type, char *bytes,
                     size_t len)
{
    set_body(req, status, content_type, bytes, len, false);
    return PD_OK;
}

void http_reply_reset(struct http_req *req)
{
    set_body(req, 0, NULL, NULL, 0, false);
    req->cache_control = NULL;
    req->headers = NULL;
    if (req->problem_ext) {
        json_decref(req->problem_ext);
        req->problem_ext = NULL;
    }
}

int http_reply_problem(struct http_req *req, const struct pd_err *e)
{
    int code = e && e->code < 0 ? e->code : PD_EINTERNAL;
    int status = err_http_status(code);
    json_t *ext = req->problem_ext;
    req->problem_ext = NULL;
    http_reply_reset(req);

    json_t *p = json_object();
    json_object_set_new(
        p, "type",
        json_string(arena_printf(&req->arena, "urn:peerdesk:problem:%s", err_slug(code))));
    json_object_set_new(p, "title", json_string(err_title(code)));
    json_object_set_new(p, "status", json_integer(status));
    if (status >= 500) {
        /* Details of server-side failures go to the log only. */
        log_msg(LOG_ERROR, req->trace_id, "%s: %s%s%s", err_slug(code),
                e && *e->detail ? e->detail : "(no detail)", e && *e->field ? " field=" : "",
                e && *e->field ? e->field : "");
        json_object_set_new(
            p, "detail",
            json_string(arena_printf(&req->arena, "internal error; trace id %s", req->trace_id)));
    } else {
        const char *detail = e && *e->detail ? e->detail : err_title(code);
        json_t *d = json_string(detail);
        json_object_set_new(p, "detail", d ? d : json_string(err_title(code)));
        if (e && *e->field) {
            json_t *f = json_string(e->field);
            if (f)
                json_object_set_new(p, "field", f);
        }
    }
    json_object_set_new(p, "trace_id", json_string(req->trace_id));
    if (ext) {
        const char *k;
        json_t *v;
        json_object_foreach(ext, k, v)
        {
            if (!json_object_get(p, k))
                json_object_set(p, k, v);
        }
        json_decref(ext);
    }
    if (code == PD_ETHROTTLE && e && e->retry_after > 0)
        http_add_header(req, MHD_HTTP_HEADER_RETRY_AFTER,
                        arena_printf(&req->arena, "%d", e->retry_after));

    size_t len = 0;
    char *s = pdjson_dump(p, &len);
    json_decref(p);
    set_body(req, status, "application/problem+json", s, len, false);
    return PD_OK;
}

static bool header_value_safe(const char *v)
{
    for (; *v; v++)
        if (*v == '\r' || *v == '\n' || *v == '\0')
            return false;
    return true;
}

void http_add_header(struct http_req *req, const char *name, const char *value)
{
    if (!name || !value || !header_value_safe(name) || !header_value_safe(value)) {
        log_msg(LOG_WARN, req->trace_id, "dropped an unsafe response header");
        return;
    }
    struct http_header *h = ARENA_NEW(&req->arena, struct http_header);
    h->name = arena_strdup(&req->arena, name);
    h->value = arena_strdup(&req->arena, value);
    /* Keep insertion order: append. */
    struct http_header **tail = &req->headers;
    while (*tail)
        tail = &(*tail)->next;
    *tail = h;
}

const char *http_session_cookie_name(const struct http_req *req)
{
    return req->server && req->server->cookie_secure ? "__Host-peerdesk_session"
                                                     : "peerdesk_session";
}

void http_set_cookie(struct http_req *req, const char *name, const char *value, int max_age_s)
{
    bool secure = req->server && req->server->cookie_secure;
    http_add_header(req, MHD_HTTP_HEADER_SET_COOKIE,
                    arena_printf(&req->arena,
                                 "%s=%s; Path=/; Max-Age=%d; HttpOnly; "
                                 "SameSite=Strict%s",
                                 name, value, max_age_s < 0 ? 0 : max_age_s,
                                 secure ? "; Secure" : ""));
}

void http_set_session_cookie(struct http_req *req, const char *token, int64_t expires_ms)
{
    int max_age = req->server ? req->server->session_max_age_s : LIMIT_SESSION_ABSOLUTE_S;
    int64_t left_s = (expires_ms - ptime_now_ms()) / 1000;
    if (left_s > 0 && left_s < max_age)
        max_age = (int)left_s;
    http_set_cookie(req, http_session_cookie_name(req), token, max_age);
}

void http_clear_session_cookie(struct http_req *req)
{
    http_set_cookie(req, http_session_cookie_name(req), "", 0);
    http_add_header(req, "Clear-Site-Data", "\"cache\", \"cookies\", \"storage\"");
}

void http_security_headers(struct MHD_Response *r, const struct http_server *s, const char *trace,
                           const char *cache)
{
    /* One policy for the API and the UI: scripts, styles and connections only from here, no
     * inline script (the UI needs none), nothing framed, no plugins. */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    /* API answers carry client data: never stored. The UI's files say their own rule. */
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache ? cache : "no-store");
    if (s && s->tls_hsts)
        MHD_add_response_header(r, "Strict-Transport-Security",
                                "max-age=31536000; includeSubDomains");
    if (trace && *trace)
        MHD_add_response_header(r, "X-Trace-Id", trace);
}

struct MHD_Response *http_response_build(struct http_req *req)
{
    if (req->status == 0) {
        struct pd_err e;
        err_clear(&e);
        err_set(&e, PD_EINTERNAL, NULL, "no answer was set");
        http_reply_problem(req, &e);
    }
    struct MHD_Response *r;
    if (req->resp_static) {
        r = MHD_create_response_from_buffer(req->resp_len, req->resp_body, MHD_RESPMEM_PERSISTENT);
    } else {
        /* MHD takes the malloc'd body and frees it with the response. */
        r = MHD_create_response_from_buffer(req->resp_len, req->resp_body ? req->resp_body : "",
                                            req->resp_body ? MHD_RESPMEM_MUST_FREE
                                                           : MHD_RESPMEM_PERSISTENT);
    }
    if (!r)
        fatal("cannot create a response");
    req->resp_body = NULL; /* now owned by r */
    req->resp_len = 0;
    if (req->content_type)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, req->content_type);
    for (struct http_header *h = req->headers; h; h = h->next)
        MHD_add_response_header(r, h->name, h->value);
    http_security_headers(r, req->server, req->trace_id, req->cache_control);
    return r;
}
