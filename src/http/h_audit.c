/*
 * h_audit.c: the audit log and the per-client access report, for the privacy officer
 * (NEN 7513; SECURITY.md 5-6).
 *
 *   GET /api/v1/audit?before=&limit=&event=&outcome=&actor_id=&client_id=&from=&to=
 *                                                       -> AuditPage, newest first
 *   GET /api/v1/audit/access-report?client_code= | ?client_id=
 *                                                       -> AccessReport, oldest first
 *
 * Both reads are audited by app/audit_query.c (audit.read, audit.access_report); a bad
 * query argument is 422 naming it. Entries never show the client IP or the chain hashes.
 */
#include <microhttpd.h>

#include "../app/audit_query.h"
#include "handlers.h"
#include "http_int.h"

static const char *const audit_actions[] = {"C", "R", "U", "D", "E", NULL};
static const char *const audit_outcomes[] = {"success", "failure", "denied", NULL};

static const struct jfield audit_entry_fields[] = {
    {"seq", JT_INTEGER, JF_REQUIRED, 0, 0, "position in the log (the page cursor)", NULL, NULL},
    {"at", JT_DATETIME, JF_REQUIRED, 0, 0, "when (UTC, ms)", NULL, NULL},
    {"event", JT_STRING, JF_REQUIRED, 0, 0, "event type, e.g. dossier.read", NULL, NULL},
    {"action", JT_STRING, JF_REQUIRED, 0, 0, "create, read, update, delete, execute", audit_actions,
     NULL},
    {"outcome", JT_STRING, JF_REQUIRED, 0, 0, "what came of it", audit_outcomes, NULL},
    {"actor_user_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "who acted (null: anonymous or the console)", NULL, NULL},
    {"actor_name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "their name", NULL, NULL},
    {"actor_role", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the role they acted in", NULL,
     NULL},
    {"on_behalf_user_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0,
     "the responsible generalist on whose behalf", NULL, NULL},
    {"on_behalf_name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "their name", NULL, NULL},
    {"client_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "the client it was about", NULL, NULL},
    {"record_type", JT_STRING, JF_REQUIRED, 0, 0, "kind of record, e.g. dossier", NULL, NULL},
    {"record_id", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "the record", NULL, NULL},
    {"access_basis", JT_STRING, JF_REQUIRED, 0, 0, "why access was allowed, e.g. assignment", NULL,
     NULL},
    {"break_glass", JT_BOOLEAN, JF_REQUIRED, 0, 0, "access by breaking the glass", NULL, NULL},
    {"trace_id", JT_UUID, JF_REQUIRED, 0, 0, "the request's trace id", NULL, NULL},
};
const struct jschema h_schema_audit_entry = JSCHEMA("AuditEntry", audit_entry_fields);

static const struct jfield audit_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "entries, newest first", NULL, &h_schema_audit_entry},
    {"next", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (before=)",
     NULL, NULL},
};
const struct jschema h_schema_audit_page = JSCHEMA("AuditPage", audit_page_fields);

static const struct jfield access_report_fields[] = {
    {"client_id", JT_UUID, JF_REQUIRED, 0, 0, "the client", NULL, NULL},
    {"client_code", JT_STRING, JF_REQUIRED, 0, 0, "their pseudonymous code", NULL, NULL},
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "every entry about the client, oldest first", NULL,
     &h_schema_audit_entry},
};
const struct jschema h_schema_access_report = JSCHEMA("AccessReport", access_report_fields);

static json_t *rows_to_json(const struct audit_row *rows, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, audit_row_to_json(&rows[i]));
    return items;
}

int h_audit_list(struct http_req *req)
{
    struct audit_row *rows;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    struct audit_query q = {.before = http_query(req, "before"),
                            .event = http_query(req, "event"),
                            .outcome = http_query(req, "outcome"),
                            .actor_id = http_query(req, "actor_id"),
                            .client_id = http_query(req, "client_id"),
                            .from = http_query(req, "from"),
                            .to = http_query(req, "to")};
    /* one extra row tells whether there is a next page */
    rc = app_audit_page(&req->app, &q, limit + 1, &rows, &n);
    if (rc)
        return rc;
    bool more = n > (size_t)limit;
    json_t *next = more ? json_integer((json_int_t)rows[limit - 1].seq) : json_null();
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:o, s:o}", "items",
                                       rows_to_json(rows, more ? (size_t)limit : n), "next", next));
}

int h_audit_access_report(struct http_req *req)
{
    struct audit_report rep;
    int rc = app_audit_access_report(&req->app, http_query(req, "client_id"),
                                     http_query(req, "client_code"), &rep);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:s, s:s, s:o}", "client_id", rep.client_id, "client_code",
                                       rep.client_code, "items", rows_to_json(rep.items, rep.n)));
}
