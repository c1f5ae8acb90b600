/*
 * conditional.h: optimistic concurrency at the HTTP edge.
 *
 * Purpose. Mutable records carry a `version` that grows by one on every change. A GET of
 * one record sends it as `ETag: "<version>"`; a write to an existing record must carry
 * `If-Match: "<version>"` (a bare number is accepted too). The store updates with
 * `WHERE id = ? AND version = ?`; zero rows changed is PD_ESTALE, which the handler answers
 * with http_reply_stale() so the client sees the current record and can merge.
 *
 *     int64_t version;
 *     if (http_if_match(req, &version) != PD_OK)
 *         return req->app.err.code;                 // 428 or 400, err filled
 *     ...
 *     if (rc == PD_ESTALE)
 *         return http_reply_stale(req, current_json); // 412 with "current"
 *
 * Ownership. http_reply_stale steals `current` (NULL is allowed: no member). Strings live
 * in the request's arena. Threads: per request, like everything in struct http_req.
 */
#ifndef PD_HTTP_CONDITIONAL_H
#define PD_HTTP_CONDITIONAL_H

#include <stdint.h>

#include "route.h"

/* The version named by If-Match: `"N"`, `W/"N"` or `N` with N a decimal integer in
 * 1..2^53. Missing header: PD_EPRECOND (428, field "If-Match"); anything else, including
 * "*" and lists: PD_EBADREQ (400, field "If-Match"). req->app.err is filled on failure. */
int http_if_match(struct http_req *req, int64_t *version);
/* Parse an If-Match value (NULL = absent) into *version; the core of http_if_match,
 * separate so unit tests can reach it without a server. */
int http_if_match_parse(const char *value, int64_t *version, struct pd_err *e);
/* Answer 412 problem+json "stale-version" with member `current` (stolen; may be NULL).
 * Returns PD_OK: the answer is set and the handler returns that. */
int http_reply_stale(struct http_req *req, json_t *current);
/* Add `ETag: "<version>"` to the answer. */
void http_set_etag(struct http_req *req, int64_t version);

#endif
