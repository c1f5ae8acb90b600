/*
 * h_timeline.c: reading the dossier timeline, the evaluation prompt and the note search.
 *
 *   GET /api/v1/dossiers/{id}/timeline?after=&limit=  -> {items: [TimelineItem], next}
 *   GET /api/v1/me/evaluations-due                   -> {items: [EvaluationDue], next: null}
 *   GET /api/v1/search?q=&limit=                     -> {items: [SearchHit]}
 *
 * Timeline items are merged newest first; each has a `type` (note, evaluation, referral,
 * bridging, intensity, request, closure) and the members of that type.
 */
#include <microhttpd.h>
#include <string.h>

#include "../app/timeline.h"
#include "../lib/jsonw.h"
#include "../lib/str.h"
#include "handlers.h"
#include "http_int.h"

static const char *const item_types[] = {"note",      "evaluation", "referral", "bridging",
                                         "intensity", "request",    "closure",  NULL};

static const struct jfield item_fields[] = {
    {"type", JT_STRING, JF_REQUIRED, 0, 0, "what the item is; the other members follow from it",
     item_types, NULL},
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "the record's id (also the cursor)", NULL, NULL},
    {"at", JT_DATE, JF_REQUIRED, 0, 0, "the date the item is about", NULL, NULL},
    {"who_name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "name of the worker the item names (author, planner, keeper, requester, ...)", NULL, NULL},
};
const struct jschema h_schema_timeline_item = JSCHEMA("TimelineItem", item_fields);

static const struct jfield timeline_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "newest first", NULL, &h_schema_timeline_item},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for ?after=, null at the end", NULL,
     NULL},
};
const struct jschema h_schema_timeline = JSCHEMA("Timeline", timeline_fields);

static const char *const due_reasons[] = {"planned_passed", "no_activity", NULL};
static const struct jfield due_fields[] = {
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "dossier", NULL, NULL},
    {"reason", JT_STRING, JF_REQUIRED, 0, 0, "why it is due", due_reasons, NULL},
    {"goal_type", JT_STRING, JF_REQUIRED, 0, 0, "stabilise or progress", NULL, NULL},
    {"quiet_since", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "last sign of activity", NULL, NULL},
    {"last_note_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "newest note", NULL, NULL},
    {"planned_on", JT_DATE, JF_REQUIRED | JF_NULLABLE, 0, 0, "earliest evaluation not held", NULL,
     NULL},
};
const struct jschema h_schema_evaluation_due = JSCHEMA("EvaluationDue", due_fields);

static const struct jfield due_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "my dossiers that call for an evaluation", NULL,
     &h_schema_evaluation_due},
    {"next", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "always null: one page", NULL, NULL},
};
const struct jschema h_schema_evaluation_due_page = JSCHEMA("EvaluationDuePage", due_page_fields);

static const struct jfield hit_fields[] = {
    {"note_id", JT_UUID, JF_REQUIRED, 0, 0, "note", NULL, NULL},
    {"dossier_id", JT_UUID, JF_REQUIRED, 0, 0, "its dossier", NULL, NULL},
    {"client_code", JT_STRING, JF_REQUIRED, 0, 0, "the pseudonymous code of its client", NULL,
     NULL},
    {"contact_on", JT_DATE, JF_REQUIRED, 0, 0, "date of the contact", NULL, NULL},
    {"snippet", JT_STRING, JF_REQUIRED, 0, 0, "a few words around the match", NULL, NULL},
};
const struct jschema h_schema_search_hit = JSCHEMA("SearchHit", hit_fields);

static const struct jfield search_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, LIMIT_SEARCH_RESULTS, "best first", NULL,
     &h_schema_search_hit},
};
const struct jschema h_schema_search = JSCHEMA("SearchResult", search_fields);

int h_timeline_get(struct http_req *req)
{
    struct timeline_row *t;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    rc =
        app_timeline(&req->app, http_param(req, "id"), http_query(req, "after"), limit + 1, &t, &n);
    if (rc)
        return rc;
    /* Written straight out, not through jansson: the page served most (P1). */
    struct jsonw w;
    jw_init(&w, LIMIT_RESPONSE_BYTES);
    jw_obj(&w);
    jw_key(&w, "items");
    jw_arr(&w);
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        timeline_row_write(&w, &t[i]);
    jw_arr_end(&w);
    jw_kstr(&w, "next", n > (size_t)limit ? t[limit - 1].id : NULL);
    jw_obj_end(&w);
    char *body;
    size_t len;
    if (jw_finish(&w, &body, &len) != PD_OK)
        return err_set(&req->app.err, PD_EINTERNAL, NULL, "timeline page not writable as JSON");
    return http_reply_bytes(req, MHD_HTTP_OK, "application/json", body, len);
}

int h_evaluations_due(struct http_req *req)
{
    struct due_item *d;
    size_t n;
    int rc = app_evaluations_due(&req->app, &d, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, due_item_to_json(&d[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o, s:n}", "items", items, "next"));
}

int h_search_get(struct http_req *req)
{
    struct search_hit *h;
    size_t n;
    int64_t limit = LIMIT_SEARCH_RESULTS;
    const char *s = http_query(req, "limit");
    if (s && !str_to_i64(str_from(s), 1, LIMIT_SEARCH_RESULTS, &limit))
        return err_set(&req->app.err, PD_EINVAL, "limit", "must be a whole number from 1 to %d",
                       LIMIT_SEARCH_RESULTS);
    int rc = app_note_search(&req->app, http_query(req, "q"), (int)limit, &h, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, search_hit_to_json(&h[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", items));
}
