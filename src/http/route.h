/*
 * route.h: the route table and what a handler sees of a request.
 *
 * Purpose. One table (routes.c, `http_routes`) declares every operation: method, path
 * pattern, handler, required roles, authentication level, audit event, flags and the JSON
 * schemas of request and response. From it come dispatch, the role and CSRF checks, the
 * audit declaration guard (http_routes_validate) and the OpenAPI document, so none of them
 * can drift from the others. Handlers are thin: read params/query/body, call one app/
 * function, encode the answer with the http_reply_* helpers.
 *
 * Ownership. A struct http_req is created by the server for one request and freed when
 * libmicrohttpd reports the request complete. Every string a helper returns
 * (http_param, http_query, http_header) lives in the request's arena or in the
 * connection's memory and is valid until the handler returns; copy what must live longer.
 * http_reply_json steals the reference it is given. Routes and schemas are static data.
 *
 * Threads. A request is handled on one thread from start to end; nothing in struct
 * http_req is shared. The route table is read-only after start.
 *
 * Handler contract: return PD_OK after setting the answer (http_reply_json,
 * http_reply_empty, ...), or a negative pd_code with req->app.err filled; the dispatcher
 * then answers with problem+json and drops any header or cookie the handler had added.
 */
#ifndef PD_HTTP_ROUTE_H
#define PD_HTTP_ROUTE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../app/app.h"
#include "../lib/arena.h"
#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/json.h"
#include "../lib/limits.h"
#include "../lib/uuid.h"

struct http_req;
struct http_server;
struct MHD_Connection;

typedef int (*route_fn)(struct http_req *req);

enum route_auth {
    ROUTE_AUTH_NONE = 0,  /* public: no session looked at */
    ROUTE_AUTH_ANY_LEVEL, /* logged in, possibly still owing the second factor */
    ROUTE_AUTH_FULL,      /* logged in with every factor the account needs */
};

enum route_flags {
    ROUTE_CLIENT_DATA = 1u << 0, /* touches client data: audit_event is mandatory */
    ROUTE_NO_CSRF = 1u << 1,     /* login only: there is no session to bind a token to */
    ROUTE_NO_STORE = 1u << 2,    /* declared for readers; every answer is no-store anyway */
    ROUTE_NO_DB = 1u << 3,       /* handler never calls app/: no connection is borrowed */
};

struct route {
    const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
    const char *pattern; /* "/api/v1/users/{id}": a {name} is one whole path segment */
    route_fn fn;
    unsigned roles; /* 0 = public; else the actor needs one of these bits (ROLE_ALL: any) */
    enum route_auth auth;
    const char *audit_event;        /* NULL when the route touches no client data */
    unsigned flags;                 /* enum route_flags */
    const struct jschema *request;  /* NULL: the operation takes no body */
    const struct jschema *response; /* NULL: no JSON body (or documented elsewhere) */
    int ok_status;
    const char *summary;
    const char *tag;
};

extern const struct route http_routes[];
extern const size_t http_route_count;

/* The audit-declaration guard and table sanity check (run by http_server_start and the unit
 * tests): client-data routes (flag or path prefix) need an audit_event; (method, pattern)
 * unique; patterns start with '/', have whole-segment {params} and no empty segment;
 * non-public routes name roles; public routes name none; ROUTE_NO_CSRF only on login. */
int http_routes_validate(const struct route *routes, size_t n, struct pd_err *e);

struct http_kv {
    const char *name;
    const char *value;
};

struct http_header {
    struct http_header *next;
    const char *name;
    const char *value;
};

struct http_req {
    struct arena arena;
    struct http_server *server;
    struct MHD_Connection *conn;
    const struct route *route; /* NULL until matched */
    const char *method;
    const char *path;  /* raw path as received (percent-encoded), without the query */
    const char *query; /* raw query without '?'; NULL when absent */
    struct http_kv params[LIMIT_PATH_PARAMS];
    size_t nparams;
    struct http_kv *qargs; /* decoded query arguments (arena) */
    size_t nqargs;
    json_t *json;       /* body, checked against route->request; NULL when none */
    struct app_req app; /* app.err carries a handler's failure */
    struct actor actor; /* valid when app.actor != NULL */
    char trace_id[UUID_STR_BYTES];
    char client_ip[64];

    /* Private to the server and the reply helpers. */
    int64_t start_ns;
    struct buf body;
    bool started;  /* first access-handler call seen */
    bool too_big;  /* body passed LIMIT_BODY_BYTES: discarded */
    bool app_open; /* app_req_begin called, app_req_end owed */
    /* The answer can wait for its audit entries (server.c): set for requests that come
     * through libmicrohttpd; app_open passes it on as app.audit_async. */
    bool can_hold;
    bool held;   /* suspended until the audit writer has written */
    int held_rc; /* the writer's result (set before the resume) */
    struct pd_err held_err;
    int status; /* 0 until a reply helper ran */
    const char *content_type;
    char *resp_body; /* malloc'd unless resp_static */
    size_t resp_len;
    bool resp_static;
    const char *cache_control;   /* NULL: no-store (every API answer) */
    struct http_header *headers; /* handler-added headers, arena */
    json_t *problem_ext;         /* extra members for the next problem (owned) */
};

/* A path parameter of the matched pattern, percent-decoded; NULL if the pattern has none. */
const char *http_param(const struct http_req *req, const char *name);
/* A query argument, percent-decoded ('+' is a space); NULL when absent. The query was
 * parsed and checked (encoding, UTF-8, duplicates, limits) before the handler ran. */
const char *http_query(const struct http_req *req, const char *name);
/* A request header (case-insensitive name); NULL when absent. */
const char *http_header(const struct http_req *req, const char *name);

/* Set a JSON answer; steals body (NULL is an internal error). Returns PD_OK, or
 * PD_EINTERNAL (with req->app.err) when the body passes LIMIT_RESPONSE_BYTES. */
int http_reply_json(struct http_req *req, int status, json_t *body);
/* An answer without a body (204, ...). Returns PD_OK. */
int http_reply_empty(struct http_req *req, int status);
/* Bytes from malloc, owned by the answer from here on (freed after sending). PD_OK. */
int http_reply_bytes(struct http_req *req, int status, const char *content_type, char *bytes,
                     size_t len);
/* Bytes that outlive the request (the OpenAPI document). Returns PD_OK. */
int http_reply_static(struct http_req *req, int status, const char *content_type, const char *bytes,
                      size_t len);
/* The problem+json answer for e (RFC 9457). Drops handler-added headers. Returns PD_OK. */
int http_reply_problem(struct http_req *req, const struct pd_err *e);

/* Add a header to the answer (copied into the arena). Values must not contain CR/LF:
 * such a header is dropped and logged rather than sent. */
void http_add_header(struct http_req *req, const char *name, const char *value);
/* Set-Cookie with our fixed attributes: Path=/; HttpOnly; SameSite=Strict; Max-Age; plus
 * Secure when the server runs with cookie_secure. */
void http_set_cookie(struct http_req *req, const char *name, const char *value, int max_age_s);
/* The session cookie's name: "__Host-peerdesk_session" with cookie_secure, else
 * "peerdesk_session". */
const char *http_session_cookie_name(const struct http_req *req);
/* Max-Age runs to expires_ms (the session's absolute end); <= now gives the configured
 * absolute time-out. */
void http_set_session_cookie(struct http_req *req, const char *token, int64_t expires_ms);
/* Max-Age=0 and Clear-Site-Data: what logout answers. */
void http_clear_session_cookie(struct http_req *req);

#endif
