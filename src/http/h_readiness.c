/*
 * h_readiness.c: the implementation readiness scan (implementatiescan).
 *
 *   GET  /api/v1/readiness/items       -> {items: [{code, group, label_nl, label_en, sort}]}
 *   POST /api/v1/readiness/scans {taken_on?, note?, scores: [{item, score, comment?}]}
 *                                       -> 201 scan (with scores)
 *   GET  /api/v1/readiness/scans       -> {items: [scan without scores]}, newest first
 *   GET  /api/v1/readiness/scans/{id}  -> scan (with scores)
 *
 * A scan is {id, taken_on, note, created_by: {id, name}, created_at, averages: [{group,
 * average, sum, assessed, items}], scores: [{item, group, score, comment}]}.
 */
#include <microhttpd.h>

#include "../app/readiness.h"
#include "../app/vocab.h"
#include "h_readiness.h"
#include "handlers.h"
#include "http_int.h"

static const char *const groups[] = {"ibrahim", "promoting", "precondition", NULL};

static const struct jfield item_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX, "item code (vocabulary readiness_item)",
     NULL, NULL},
    {"group", JT_STRING, JF_REQUIRED, 0, 0,
     "ibrahim (Ibrahim et al. 2020), promoting (promoting factors), precondition", groups, NULL},
    {"label_nl", JT_STRING, JF_REQUIRED, 1, 0, "Dutch label", NULL, NULL},
    {"label_en", JT_STRING, JF_REQUIRED, 1, 0, "English label", NULL, NULL},
    {"sort", JT_INTEGER, JF_REQUIRED, 0, 0, "order in the vocabulary", NULL, NULL},
};
static const struct jschema item_schema = JSCHEMA("ReadinessItem", item_fields);

static const struct jfield items_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "the active items, in order", NULL, &item_schema},
};
const struct jschema h_schema_readiness_items = JSCHEMA("ReadinessItemList", items_fields);

static const struct jfield avg_fields[] = {
    {"group", JT_STRING, JF_REQUIRED, 0, 0, "item group", groups, NULL},
    {"average", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "mean of the assessed scores, two decimals (\"3.50\"); null when none was assessed", NULL,
     NULL},
    {"sum", JT_INTEGER, JF_REQUIRED, 0, 0, "sum of the assessed scores", NULL, NULL},
    {"assessed", JT_INTEGER, JF_REQUIRED, 0, 0, "items of the group with a score", NULL, NULL},
    {"items", JT_INTEGER, JF_REQUIRED, 0, 0, "items of the group in the scan", NULL, NULL},
};
static const struct jschema avg_schema = JSCHEMA("ReadinessAverage", avg_fields);

static const struct jfield score_fields[] = {
    {"item", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX, "item code", NULL, NULL},
    {"group", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "item group", groups, NULL},
    {"score", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 1, 5, "1 to 5; null: not assessed", NULL,
     NULL},
    {"comment", JT_STRING, JF_REQUIRED | JF_NULLABLE, 1, READINESS_COMMENT_CHARS, "short comment",
     NULL, NULL},
};
static const struct jschema score_schema = JSCHEMA("ReadinessScore", score_fields);

static const struct jfield who_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "display name", NULL, NULL},
};
static const struct jschema who_schema = JSCHEMA("ReadinessAuthor", who_fields);

static const struct jfield scan_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "scan id", NULL, NULL},
    {"taken_on", JT_DATE, JF_REQUIRED, 0, 0, "day of the scan", NULL, NULL},
    {"note", JT_STRING, JF_REQUIRED | JF_NULLABLE, 1, READINESS_NOTE_CHARS, "note", NULL, NULL},
    {"created_by", JT_OBJECT, JF_REQUIRED, 0, 0, "who recorded it", NULL, &who_schema},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "recorded at", NULL, NULL},
    {"averages", JT_ARRAY, JF_REQUIRED, READINESS_GROUPS, READINESS_GROUPS,
     "per group, in group order", NULL, &avg_schema},
    {"scores", JT_ARRAY, 0, 0, 0, "every item, in item order (not in the history list)", NULL,
     &score_schema},
};
const struct jschema h_schema_readiness_scan = JSCHEMA("ReadinessScan", scan_fields);

static const struct jfield scan_list_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "scans, newest first, without scores", NULL,
     &h_schema_readiness_scan},
};
const struct jschema h_schema_readiness_scan_list = JSCHEMA("ReadinessScanList", scan_list_fields);

static const struct jfield score_in_fields[] = {
    {"item", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX, "item code", NULL, NULL},
    {"score", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 1, 5, "1 to 5; null: not assessed", NULL,
     NULL},
    {"comment", JT_STRING, JF_NULLABLE, 1, READINESS_COMMENT_CHARS, "short comment", NULL, NULL},
};
static const struct jschema score_in_schema = JSCHEMA("ReadinessScoreIn", score_in_fields);

static const struct jfield create_fields[] = {
    {"taken_on", JT_DATE, JF_NULLABLE, 0, 0, "day of the scan (default today; not later)", NULL,
     NULL},
    {"note", JT_STRING, JF_NULLABLE, 1, READINESS_NOTE_CHARS, "note", NULL, NULL},
    {"scores", JT_ARRAY, JF_REQUIRED, 1, 200, "every active item exactly once", NULL,
     &score_in_schema},
};
const struct jschema h_schema_readiness_scan_create = JSCHEMA("ReadinessScanCreate", create_fields);

int h_readiness_items(struct http_req *req)
{
    struct vocab_entry *items;
    size_t n;
    int rc = app_readiness_items(&req->app, &items, &n);
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, readiness_item_to_json(&items[i]));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", arr));
}

int h_readiness_create(struct http_req *req)
{
    json_t *in = json_object_get(req->json, "scores");
    size_t n = json_array_size(in);
    struct readiness_score *scores = arena_array(&req->arena, n ? n : 1, sizeof(*scores));
    for (size_t i = 0; i < n; i++) {
        json_t *el = json_array_get(in, i);
        scores[i].item = pdjson_str(el, "item", NULL);
        scores[i].score = (int)pdjson_int(el, "score", 0);
        scores[i].comment = pdjson_str(el, "comment", NULL);
    }
    struct readiness_scan s;
    int rc = app_readiness_create(&req->app, pdjson_str(req->json, "taken_on", NULL),
                                  pdjson_str(req->json, "note", NULL), scores, n, &s);
    return rc ? rc : http_reply_json(req, MHD_HTTP_CREATED, readiness_scan_to_json(&s, true));
}

int h_readiness_list(struct http_req *req)
{
    struct readiness_scan *ss;
    size_t n;
    int rc = app_readiness_list(&req->app, &ss, &n);
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, readiness_scan_to_json(&ss[i], false));
    return http_reply_json(req, MHD_HTTP_OK, pdjson_pack("{s:o}", "items", arr));
}

int h_readiness_get(struct http_req *req)
{
    struct readiness_scan s;
    int rc = app_readiness_get(&req->app, http_param(req, "id"), &s);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, readiness_scan_to_json(&s, true));
}
