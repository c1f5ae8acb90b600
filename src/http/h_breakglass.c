/*
 * h_breakglass.c: break-the-glass and its review (SECURITY.md 9).
 *
 *   POST   /api/v1/break-glass {client_id, reason, password, minutes?}  -> 201 BreakGlass
 *   DELETE /api/v1/break-glass/{id} (If-Match optional)                 -> 200 BreakGlass
 *   GET    /api/v1/break-glass/review?after=&limit=                     -> BreakGlassPage
 *   POST   /api/v1/break-glass/{id}/review {outcome, note} + If-Match   -> BreakGlass
 *
 * The password is typed again at the moment of breaking the glass; a wrong one is 401 and
 * counts against the account like a failed login. Only the privacy officer sees the queue.
 */
#include <microhttpd.h>

#include "../app/breakglass.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const review_outcomes[] = {"justified", "unjustified", NULL};

static const struct jfield bg_worker_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "name", NULL, NULL},
    {"email", JT_EMAIL, JF_REQUIRED, 0, 0, "email address", NULL, NULL},
};
static const struct jschema bg_worker = JSCHEMA("BreakGlassWorker", bg_worker_fields);

static const struct jfield bg_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "grant id", NULL, NULL},
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "who broke the glass", NULL, NULL},
    {"worker", JT_OBJECT, 0, 0, 0, "who broke the glass (in the review queue)", NULL, &bg_worker},
    {"client_id", JT_UUID, JF_REQUIRED, 0, 0, "the one client the grant opens", NULL, NULL},
    {"reason", JT_STRING, JF_REQUIRED, 0, 0, "the written reason", NULL, NULL},
    {"started_at", JT_DATETIME, JF_REQUIRED, 0, 0, "start", NULL, NULL},
    {"expires_at", JT_DATETIME, JF_REQUIRED, 0, 0, "end of the time limit", NULL, NULL},
    {"ended_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "ended early at", NULL, NULL},
    {"reviewed_by", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "privacy officer", NULL, NULL},
    {"reviewed_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0, "reviewed at", NULL, NULL},
    {"review_outcome", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the review's finding",
     review_outcomes, NULL},
    {"review_note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the review's note", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_break_glass = JSCHEMA("BreakGlass", bg_fields);

static const struct jfield bg_start_fields[] = {
    {"client_id", JT_UUID, JF_REQUIRED, 0, 0, "the client whose dossiers must be opened", NULL,
     NULL},
    {"reason", JT_STRING, JF_REQUIRED, 0, 4000, "why, in 20 to 1000 characters", NULL, NULL},
    {"password", JT_STRING, JF_REQUIRED | JF_SECRET, 1, 1024, "your password, typed again", NULL,
     NULL},
    {"minutes", JT_INTEGER, 0, 1, LIMIT_BREAK_GLASS_MINUTES, "time limit (default and most: 60)",
     NULL, NULL},
};
const struct jschema h_schema_break_glass_start = JSCHEMA("BreakGlassStart", bg_start_fields);

static const struct jfield bg_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "unreviewed grants, oldest first", NULL,
     &h_schema_break_glass},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_break_glass_page = JSCHEMA("BreakGlassPage", bg_page_fields);

static const struct jfield bg_review_fields[] = {
    {"outcome", JT_STRING, JF_REQUIRED, 0, 0, "the finding", review_outcomes, NULL},
    {"note", JT_STRING, JF_REQUIRED, 0, 20000, "why, in 1 to 2000 characters", NULL, NULL},
};
const struct jschema h_schema_break_glass_review = JSCHEMA("BreakGlassReview", bg_review_fields);

static int reply(struct http_req *req, int rc, int status, const struct break_glass_rec *b)
{
    if (rc == PD_ESTALE)
        return http_reply_stale(req, b->version ? break_glass_to_json(b) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, b->version);
    return http_reply_json(req, status, break_glass_to_json(b));
}

int h_break_glass_start(struct http_req *req)
{
    const json_t *j = req->json;
    struct break_glass_rec b = {0};
    int rc = app_break_glass_start(&req->app, pdjson_str(j, "client_id", ""),
                                   pdjson_str(j, "reason", ""), pdjson_str(j, "password", ""),
                                   (int)pdjson_int(j, "minutes", 0), &b);
    return reply(req, rc, MHD_HTTP_CREATED, &b);
}

int h_break_glass_stop(struct http_req *req)
{
    struct break_glass_rec b = {0};
    int64_t version = 0;
    /* Ending a grant early only narrows access, so If-Match is welcome but not required. */
    if (http_header(req, "If-Match") && http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_break_glass_stop(&req->app, http_param(req, "id"), version, &b);
    return reply(req, rc, MHD_HTTP_OK, &b);
}

int h_break_glass_queue(struct http_req *req)
{
    struct break_glass_rec *bs;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    rc = app_break_glass_queue(&req->app, http_query(req, "after"), limit + 1, &bs, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, break_glass_to_json(&bs[i]));
    const char *next = n > (size_t)limit ? bs[limit - 1].id : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o, s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

int h_break_glass_review(struct http_req *req)
{
    struct break_glass_rec b = {0};
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_break_glass_review(&req->app, http_param(req, "id"), version,
                                    pdjson_str(req->json, "outcome", ""),
                                    pdjson_str(req->json, "note", ""), &b);
    return reply(req, rc, MHD_HTTP_OK, &b);
}
