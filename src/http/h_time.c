/*
 * h_time.c: experts' employment and their own time log.
 *
 *   GET    /api/v1/experts/{id}/employment            -> Employment (ETag)
 *   PUT    /api/v1/experts/{id}/employment EmploymentPut [+ If-Match once the profile
 *          exists]                                    -> Employment
 *   GET    /api/v1/me/time?from=&to=                  -> TimePage
 *   POST   /api/v1/me/time TimeCreate                 -> 201 TimeEntry
 *   DELETE /api/v1/me/time/{id}                       -> 204
 *
 * Employment shares the version of the expert's profile (GET /api/v1/me/profile), on whose
 * row it is kept. The log carries codes, dates and minutes only.
 */
#include <microhttpd.h>

#include "../app/expert_time.h"
#include "../app/vocab.h"
#include "conditional.h"
#include "h_time.h"
#include "handlers.h"
#include "http_int.h"

static const char *const qualifications[] = {"mbo3", "mbo4", "hbo", NULL};

static const struct jfield employment_put_fields[] = {
    {"fte_pct", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 100,
     "share of a full-time position worked as an expert, percent; null: unknown", NULL, NULL},
    {"qualification", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "qualification level: mbo3, mbo4 or hbo; null: unknown", qualifications, NULL},
};
const struct jschema h_schema_employment_put = JSCHEMA("EmploymentPut", employment_put_fields);

static const struct jfield employment_fields[] = {
    {"worker_id", JT_UUID, JF_REQUIRED, 0, 0, "the expert", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 0, 0, "the expert's name", NULL, NULL},
    {"fte_pct", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 100, "percent; null: unknown", NULL,
     NULL},
    {"qualification", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "null: unknown", qualifications,
     NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "last change of the profile row; null: none stored", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0,
     "version of the profile row (If-Match); 0: none stored", NULL, NULL},
};
const struct jschema h_schema_employment = JSCHEMA("Employment", employment_fields);

static const struct jfield time_create_fields[] = {
    {"role_type", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX,
     "an active code of the vocabulary role_type", NULL, NULL},
    {"on_date", JT_DATE, JF_REQUIRED, 0, 0, "the day (not in the future, at most 366 days ago)",
     NULL, NULL},
    {"minutes", JT_INTEGER, JF_REQUIRED, 1, TIME_MINUTES_MAX,
     "1 to 1440; a day's entries together at most 1440", NULL, NULL},
};
const struct jschema h_schema_time_create = JSCHEMA("TimeCreate", time_create_fields);

static const struct jfield time_entry_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "entry id", NULL, NULL},
    {"role_type", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX, "role type code", NULL, NULL},
    {"on_date", JT_DATE, JF_REQUIRED, 0, 0, "the day", NULL, NULL},
    {"minutes", JT_INTEGER, JF_REQUIRED, 1, TIME_MINUTES_MAX, "minutes", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "logged at", NULL, NULL},
};
const struct jschema h_schema_time_entry = JSCHEMA("TimeEntry", time_entry_fields);

static const struct jfield time_total_fields[] = {
    {"role_type", JT_STRING, JF_REQUIRED, 1, VOCAB_CODE_MAX, "role type code", NULL, NULL},
    {"minutes", JT_INTEGER, JF_REQUIRED, 0, 0, "minutes in the range", NULL, NULL},
    {"entries", JT_INTEGER, JF_REQUIRED, 0, 0, "entries in the range", NULL, NULL},
};
static const struct jschema time_total_schema = JSCHEMA("TimeTotal", time_total_fields);

static const struct jfield time_page_fields[] = {
    {"from", JT_DATE, JF_REQUIRED, 0, 0, "first day of the range", NULL, NULL},
    {"to", JT_DATE, JF_REQUIRED, 0, 0, "last day of the range", NULL, NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "entries, newest first", NULL, &h_schema_time_entry},
    {"totals", JT_ARRAY, JF_REQUIRED, 0, 0, "per role type, most minutes first", NULL,
     &time_total_schema},
    {"total_minutes", JT_INTEGER, JF_REQUIRED, 0, 0, "all minutes in the range", NULL, NULL},
};
const struct jschema h_schema_time_page = JSCHEMA("TimePage", time_page_fields);

int h_employment_get(struct http_req *req)
{
    struct employment_rec x;
    int rc = app_employment_get(&req->app, http_param(req, "id"), &x);
    if (rc)
        return rc;
    if (x.version)
        http_set_etag(req, x.version);
    return http_reply_json(req, MHD_HTTP_OK, employment_to_json(&x));
}

int h_employment_put(struct http_req *req)
{
    struct employment_rec x;
    int64_t version = 0;
    if (http_header(req, MHD_HTTP_HEADER_IF_MATCH) && http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    json_t *fte = json_object_get(req->json, "fte_pct");
    int fte_pct = json_is_integer(fte) ? (int)json_integer_value(fte) : -1;
    int rc = app_employment_put(&req->app, http_param(req, "id"), version, fte_pct,
                                pdjson_str(req->json, "qualification", NULL), &x);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, employment_to_json(&x));
    if (rc)
        return rc;
    http_set_etag(req, x.version);
    return http_reply_json(req, MHD_HTTP_OK, employment_to_json(&x));
}

int h_time_list(struct http_req *req)
{
    struct time_page p;
    int rc = app_time_list(&req->app, http_query(req, "from"), http_query(req, "to"), &p);
    return rc ? rc : http_reply_json(req, MHD_HTTP_OK, time_page_to_json(&p));
}

int h_time_create(struct http_req *req)
{
    struct time_entry t;
    int rc = app_time_add(&req->app, pdjson_str(req->json, "role_type", NULL),
                          pdjson_str(req->json, "on_date", NULL),
                          (int)pdjson_int(req->json, "minutes", 0), &t);
    return rc ? rc : http_reply_json(req, MHD_HTTP_CREATED, time_entry_to_json(&t));
}

int h_time_delete(struct http_req *req)
{
    int rc = app_time_delete(&req->app, http_param(req, "id"));
    return rc ? rc : http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}
