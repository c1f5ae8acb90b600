/*
 * h_export.c: the client's right of access, for the privacy officer (SECURITY.md 6, 10).
 *
 *   GET /api/v1/clients/{id}/export   -> ClientExport (app/export.c), as an attachment
 *
 * Audited by app/export.c as client.export (action E) with the client's id.
 */
#include <microhttpd.h>

#include "../app/export.h"
#include "handlers.h"
#include "http_int.h"

static const struct jfield client_export_fields[] = {
    {"format", JT_STRING, JF_REQUIRED, 0, 0, "always peerdesk-client-export", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "format version (1)", NULL, NULL},
    {"exported_at", JT_DATETIME, JF_REQUIRED, 0, 0, "when (UTC)", NULL, NULL},
    {"client", JT_OBJECT, JF_REQUIRED, 0, 0, "the client row", NULL, NULL},
    {"dossiers", JT_ARRAY, JF_REQUIRED, 0, 0,
     "dossiers with outcomes, assignments (intensity), consents, notes (codes; attempts), "
     "evaluations, referrals, bridging, closing",
     NULL, NULL},
    {"consents", JT_ARRAY, JF_REQUIRED, 0, 0, "consents linked to no dossier", NULL, NULL},
    {"requests", JT_ARRAY, JF_REQUIRED, 0, 0, "deployment requests with their codes", NULL, NULL},
    {"consultations", JT_ARRAY, JF_REQUIRED, 0, 0, "consultations linked to a dossier", NULL, NULL},
    {"case_discussions", JT_ARRAY, JF_REQUIRED, 0, 0, "case discussions with their experts", NULL,
     NULL},
    {"break_glass", JT_ARRAY, JF_REQUIRED, 0, 0, "break-the-glass grants on the client", NULL,
     NULL},
    {"access_report", JT_ARRAY, JF_REQUIRED, 0, 0, "the NEN 7513 access report, oldest first", NULL,
     &h_schema_audit_entry},
    {"tables", JT_OBJECT, JF_REQUIRED, 0, 0, "rows exported per database table", NULL, NULL},
};
const struct jschema h_schema_client_export = JSCHEMA("ClientExport", client_export_fields);

/* attachment; filename="client-<code>-export.<ext>", the code's unusual bytes as '_' */
static const char *disposition(struct http_req *req, const char *code, const char *ext)
{
    char *safe = arena_strdup(&req->arena, code ? code : "");
    for (char *p = safe; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.'))
            *p = '_';
    return arena_printf(&req->arena, "attachment; filename=\"client-%s-export.%s\"", safe, ext);
}

int h_client_export(struct http_req *req)
{
    json_t *doc;
    const char *code;
    int rc =
        app_client_export(&req->app, req->route->audit_event, http_param(req, "id"), &doc, &code);
    if (rc)
        return rc;
    http_add_header(req, "Content-Disposition", disposition(req, code, "json"));
    return http_reply_json(req, MHD_HTTP_OK, doc);
}
