/*
 * http_int.h: what the files of http/ share with each other and nobody else: the server
 * struct, the router, the small parsers (percent-encoding, query, cookies, content type),
 * the response builder and the OpenAPI generator. Unit tests include it to reach them.
 */
#ifndef PD_HTTP_INT_H
#define PD_HTTP_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/arena.h"
#include "../lib/err.h"
#include "../lib/limits.h"
#include "proxy.h"
#include "route.h"

#ifndef PEERDESK_VERSION
#define PEERDESK_VERSION "0.1.0"
#endif

/* Caps that limits.h does not (yet) name; asked for there. */
#define HTTP_MAX_SEGMENTS      32   /* path segments; more never match a route */
#define HTTP_COOKIE_HEADER_MAX 8192 /* longer Cookie headers are ignored whole */

struct MHD_Daemon;
struct MHD_Response;

struct http_server {
    struct MHD_Daemon *daemon;
    struct app *app;
    const struct route *routes;
    size_t nroutes;
    bool tls_hsts;
    bool cookie_secure;
    int session_max_age_s;
    /* whose X-Forwarded-For is believed (proxy.h) */
    struct proxy_list trusted;
    char *openapi; /* the dumped OpenAPI document, built once at start */
    size_t openapi_len;
};

/* ---- parse.c ---- */

/* Percent-decode n bytes into a NUL-terminated arena string. plus_space turns '+' into a
 * space (query strings). PD_EBADREQ on a bad escape, a decoded NUL or invalid UTF-8. */
int http_pct_decode(struct arena *a, const char *p, size_t n, bool plus_space, char **out,
                    size_t *outlen);
/* Split and decode a raw query string (NULL or "" gives none). PD_EBADREQ with e filled on
 * bad encoding, an empty name, a repeated name or too many/too long arguments. */
int http_query_parse(struct arena *a, const char *query, struct http_kv **out, size_t *n,
                     struct pd_err *e);
/* The value of cookie `name` in a Cookie header, or NULL. Tolerates spaces, several
 * cookies and quoted values; a malformed pair is skipped, never fatal. */
const char *http_cookie_find(struct arena *a, const char *header, const char *name);
/* "application/json" with optional parameters (case-insensitive type, "; charset=utf-8"). */
bool http_content_type_is_json(const char *ct);
/* A session token as we issue them: 1..TOKEN_STR_BYTES-1 base64url characters. */
bool http_token_plausible(const char *t);

/* ---- router.c ---- */

/* Find the route for method + raw path. PD_OK with *out and params filled; PD_ENOTFOUND
 * when no pattern matches; PD_EMETHOD when patterns match but not the method (then *allow
 * lists the methods, e.g. "GET, HEAD, POST"); PD_EBADREQ for a malformed path. HEAD is
 * served by GET routes. */
int http_route_match(const struct route *routes, size_t n, struct arena *a, const char *method,
                     const char *path, const struct route **out, struct http_kv *params,
                     size_t *nparams, const char **allow, struct pd_err *e);
/* Is this pattern under one of the client-data prefixes? */
bool http_route_client_data_path(const char *pattern);
/* The prefixes, NULL-terminated (routes.c). */
extern const char *const http_client_data_prefixes[];
/* The one route allowed to carry ROUTE_NO_CSRF. */
bool http_route_is_login(const struct route *r);

/* ---- reply.c ---- */

/* Build the libmicrohttpd response for what the request has set (problem 500 if nothing),
 * with the security headers and the handler's headers. */
struct MHD_Response *http_response_build(struct http_req *req);
/* The headers every answer carries (SECURITY.md 16). trace may be NULL. */
/* The headers every answer carries (SECURITY.md 16); cache NULL means no-store. */
void http_security_headers(struct MHD_Response *r, const struct http_server *s, const char *trace,
                           const char *cache);

/* static.c: the web UI. True when the request was for the UI (page or asset) and has its
 * answer; false for API paths. */
bool http_static_try(struct http_req *req);
struct web_asset;
const struct web_asset *http_asset_find(const char *path);
/* Forget any answer set so far (handler failed): body, headers, extensions. */
void http_reply_reset(struct http_req *req);

/* ---- dispatch.c ---- */

/* Run the pipeline for a fully received request; afterwards the answer is set. */
void http_dispatch(struct http_req *req);

/* ---- openapi.c ---- */

/* The OpenAPI 3.1.0 document for the table; owned by the caller. */
json_t *http_openapi_build(const struct route *routes, size_t n, const char *cookie_name);

/* "ADDRESS:PORT" (IPv4; port 0 picks one) into sa; errors name `field`. */
struct sockaddr_in;
int http_parse_listen(const char *listen, const char *field, struct sockaddr_in *sa,
                      struct pd_err *e);

#endif
