/*
 * dispatch.c: the one pipeline every request goes through, in this order:
 *
 *   match path (404 / 405 + Allow) -> query string (400) -> session from the cookie
 *   (401 unauthenticated; 401 second-factor with "level" for ROUTE_AUTH_FULL) -> CSRF
 *   header on state changes (403 csrf; login instead needs a JSON content type) -> role
 *   (403 forbidden) -> body: content type (415), size (413), JSON (400), schema (422/400)
 *   -> handler -> problem+json if it failed.
 *
 * Authentication comes before the body so that an anonymous caller learns nothing about
 * the shape a route expects. The database connection is borrowed lazily (only routes
 * that need a session or call app/) and given back as soon as the handler returns.
 */
#include <microhttpd.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/log.h"
#include "../lib/uuid.h"
#include "http_int.h"

static bool method_safe(const char *m)
{
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "OPTIONS") == 0;
}

static void app_open(struct http_req *req)
{
    if (req->app_open || !req->server || !req->server->app)
        return;
    app_req_begin(req->server->app, &req->app, &req->arena, req->trace_id, req->client_ip);
    req->app.audit_async = req->can_hold;
    req->app_open = true;
}

static void app_close(struct http_req *req)
{
    if (!req->app_open)
        return;
    struct pd_err keep = req->app.err;
    app_req_end(&req->app);
    req->app.err = keep;
    req->app_open = false;
}

static const char *level_code(enum session_level l)
{
    switch (l) {
    case SESSION_TOTP_ENROL:
        return "totp_enrol";
    case SESSION_TOTP:
        return "totp";
    case SESSION_FULL:
        return "full";
    }
    return "none";
}

static char audit_action(const char *method)
{
    if (strcmp(method, "POST") == 0)
        return 'C';
    if (strcmp(method, "PUT") == 0 || strcmp(method, "PATCH") == 0)
        return 'U';
    if (strcmp(method, "DELETE") == 0)
        return 'D';
    return 'R';
}

/* The client a route names in its path (/api/v1/clients/{id}...), so that a refused
 * attempt shows in that client's own access report; NULL for any other route or an id
 * that is not a UUID. The id is not looked up: the answer must not depend on it. */
static const char *denied_client(const struct http_req *req, const struct route *rt)
{
    static const char prefix[] = "/api/v1/clients/{id}";
    if (strncmp(rt->pattern, prefix, sizeof(prefix) - 1) != 0)
        return NULL;
    const char *id = http_param(req, "id");
    return id && uuid_valid(id, strlen(id)) ? id : NULL;
}

/* A role refusal. On an audited route the denied attempt is itself an audit entry
 * (SECURITY.md 1); if that entry cannot be written the request fails closed. */
static int deny(struct http_req *req, const struct route *rt, struct pd_err *e)
{
    if (rt->audit_event) {
        struct audit_event ev = {
            .client_id = denied_client(req, rt),
            .event = rt->audit_event,
            .action = audit_action(req->method),
            .outcome = "denied",
            .record_type = "route",
            .record_id = rt->pattern,
            .access_basis = "none",
        };
        if (audit_write_alone(&req->app, &ev) != PD_OK) {
            *e = req->app.err;
            return e->code ? e->code : err_set(e, PD_EINTERNAL, NULL, "audit write failed");
        }
    }
    return err_set(e, PD_EFORBID, NULL, "your roles do not allow this");
}

/* Session, second factor, CSRF, role. PD_OK or an error in e. */
static int check_access(struct http_req *req, const struct route *rt, struct pd_err *e)
{
    bool safe = method_safe(req->method);
    if (rt->flags & ROUTE_NO_CSRF) {
        /* Login: no session yet. A JSON content type cannot be sent cross-site without a
         * CORS preflight, which we never grant, so forms from other sites cannot log in. */
        if (!safe && !http_content_type_is_json(http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE)))
            return err_set(e, PD_EMEDIA, NULL, "send application/json");
    }
    if (rt->auth == ROUTE_AUTH_NONE)
        return PD_OK;

    const char *token = http_cookie_find(&req->arena, http_header(req, MHD_HTTP_HEADER_COOKIE),
                                         http_session_cookie_name(req));
    if (!http_token_plausible(token))
        return err_set(e, PD_EUNAUTH, NULL, "log in first");
    app_open(req);
    if (!req->app_open)
        return err_set(e, PD_EUNAVAIL, NULL, "the server has no application state");
    int rc = app_session_resolve(&req->app, token, &req->actor);
    if (rc) {
        *e = req->app.err;
        if (e->code == 0 || e->code == PD_ENOTFOUND)
            err_set(e, PD_EUNAUTH, NULL, "log in first");
        err_clear(&req->app.err);
        return e->code;
    }
    req->app.actor = &req->actor;

    if (rt->auth == ROUTE_AUTH_FULL && req->actor.level != SESSION_FULL) {
        req->problem_ext = json_pack("{s:s}", "level", level_code(req->actor.level));
        return err_set(e, PD_ETOTP, NULL,
                       req->actor.level == SESSION_TOTP_ENROL
                           ? "set up the second factor first"
                           : "enter the code of your second factor first");
    }
    if (!safe && !(rt->flags & ROUTE_NO_CSRF)) {
        const char *csrf = http_header(req, "X-CSRF-Token");
        if (!http_token_plausible(csrf) || !app_session_csrf_ok(&req->app, csrf))
            return err_set(e, PD_ECSRF, NULL, "missing or wrong X-CSRF-Token header");
    }
    if ((req->actor.roles & rt->roles) == 0)
        return deny(req, rt, e);
    return PD_OK;
}

static int check_body(struct http_req *req, const struct route *rt, struct pd_err *e)
{
    bool has_body = req->body.len > 0 || req->too_big;
    if (!rt->request && !has_body)
        return PD_OK;
    if (!http_content_type_is_json(http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE)))
        return err_set(e, PD_EMEDIA, NULL, "send application/json");
    if (req->too_big)
        return err_set(e, PD_ETOOBIG, NULL, "body larger than %d bytes", LIMIT_BODY_BYTES);
    if (!rt->request)
        return err_set(e, PD_EBADREQ, NULL, "this operation takes no request body");
    if (!has_body)
        return err_set(e, PD_EJSON, NULL, "body required");
    json_t *j = NULL;
    int rc = pdjson_parse(req->body.p, req->body.len, &j, e);
    if (rc)
        return rc;
    if (!json_is_object(j)) {
        json_decref(j);
        return err_set(e, PD_EJSON, NULL, "the body must be a JSON object");
    }
    rc = pdjson_check(j, rt->request, e);
    if (rc) {
        json_decref(j);
        return rc;
    }
    req->json = j;
    return PD_OK;
}

static enum MHD_Result add_header_size(void *cls, enum MHD_ValueKind kind, const char *key,
                                       const char *value)
{
    size_t *total = cls;
    (void)kind;
    *total += strlen(key) + (value ? strlen(value) : 0) + 4; /* ": " and CRLF */
    return MHD_YES;
}

/* libmicrohttpd bounds headers only by its connection memory, which must be larger than
 * LIMIT_HEADER_BYTES; the named limit is enforced here. */
static int check_headers(struct http_req *req, struct pd_err *e)
{
    size_t total = 0;
    MHD_get_connection_values(req->conn, MHD_HEADER_KIND, add_header_size, &total);
    if (total > LIMIT_HEADER_BYTES)
        return err_set(e, PD_EHEADERS, NULL, "request headers over %d bytes", LIMIT_HEADER_BYTES);
    return PD_OK;
}

void http_dispatch(struct http_req *req)
{
    struct pd_err e;
    err_clear(&e);
    const char *allow = NULL;
    const struct route *rt = NULL;
    const struct route *routes = req->server ? req->server->routes : http_routes;
    size_t nroutes = req->server ? req->server->nroutes : http_route_count;

    if (check_headers(req, &e) != PD_OK) {
        http_reply_problem(req, &e);
        return;
    }
    if (http_static_try(req))
        return;
    int rc = http_route_match(routes, nroutes, &req->arena, req->method, req->path, &rt,
                              req->params, &req->nparams, &allow, &e);
    if (rc == PD_EMETHOD && strcmp(req->method, "OPTIONS") == 0) {
        http_reply_empty(req, MHD_HTTP_NO_CONTENT);
        http_add_header(req, MHD_HTTP_HEADER_ALLOW, allow);
        return;
    }
    if (rc) {
        http_reply_problem(req, &e);
        if (rc == PD_EMETHOD && allow)
            http_add_header(req, MHD_HTTP_HEADER_ALLOW, allow);
        return;
    }
    req->route = rt;

    if ((rc = http_query_parse(&req->arena, req->query, &req->qargs, &req->nqargs, &e)) ||
        (rc = check_access(req, rt, &e)) || (rc = check_body(req, rt, &e))) {
        app_close(req);
        http_reply_problem(req, &e);
        return;
    }

    if (!(rt->flags & ROUTE_NO_DB)) {
        app_open(req);
        if (!req->app.db) { /* app functions expect a connection: answer 503 here */
            app_close(req);
            err_set(&e, PD_EUNAVAIL, NULL, "the database is not available");
            http_reply_problem(req, &e);
            return;
        }
    }
    err_clear(&req->app.err);
    rc = rt->fn(req);
    app_close(req);
    if (rc < 0 || req->status == 0) {
        e = req->app.err;
        if (e.code == 0)
            err_set(&e, PD_EINTERNAL, NULL, "handler returned %d without an answer", rc);
        http_reply_problem(req, &e);
    }
}
