/*
 * h_export.c: the client's right of access, for the privacy officer (SECURITY.md 6, 10).
 *
 *   GET /api/v1/clients/{id}/export        -> ClientExport (app/export.c), as an attachment
 *   GET /api/v1/clients/{id}/export.html   -> the same as a printable HTML attachment
 *
 * Both are audited by app/export.c as client.export (action E) with the client's id. The
 * page is plain semantic HTML (UTF-8, no script, no style: the CSP forbids inline style and
 * a downloaded file cannot reach ours); every text from the database is escaped.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

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
    {"rights_requests", JT_ARRAY, JF_REQUIRED, 0, 0,
     "the client's rights requests (AVG art. 15-21) with their deadlines", NULL, NULL},
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

/* ---- the printable HTML page ---- */

/* Dutch headings for the sections and nested lists; other keys are shown as named in the
 * JSON export. */
static const char *const labels[][2] = {
    {"client", "Cliënt"},
    {"dossiers", "Dossiers"},
    {"outcomes", "Uitkomsten bij afsluiten"},
    {"assignments", "Inzet (toewijzingen)"},
    {"intensity", "Intensiteit (historie)"},
    {"consents", "Toestemmingen"},
    {"notes", "Contactnotities en contactpogingen"},
    {"codes", "Codes"},
    {"evaluations", "Evaluaties"},
    {"referrals", "Verwijzingen"},
    {"bridging", "Overbrugging"},
    {"closing", "Afsluiten en heropenen"},
    {"requests", "Inzetverzoeken"},
    {"consultations", "Consultaties"},
    {"case_discussions", "Casusbesprekingen"},
    {"experts", "Ervaringsdeskundigen"},
    {"break_glass", "Noodtoegang (break-the-glass)"},
    {"rights_requests", "Verzoeken (rechten van de cliënt, AVG)"},
    {"access_report", "Toegangsrapport (NEN 7513)"},
    {"tables", "Aantal regels per tabel"},
};

static const char *label(const char *key)
{
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (strcmp(labels[i][0], key) == 0)
            return labels[i][1];
    return key;
}

struct page {
    struct buf b;
    int rc; /* the first failed append (too big), else PD_OK */
};

static void put(struct page *pg, const char *s)
{
    int rc = buf_puts(&pg->b, s);
    if (rc && !pg->rc)
        pg->rc = rc;
}

/* Text with & < > " ' escaped. */
static void put_text(struct page *pg, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&':
            put(pg, "&amp;");
            break;
        case '<':
            put(pg, "&lt;");
            break;
        case '>':
            put(pg, "&gt;");
            break;
        case '"':
            put(pg, "&quot;");
            break;
        case '\'':
            put(pg, "&#39;");
            break;
        default: {
            char c[2] = {*p, 0};
            put(pg, c);
        }
        }
    }
}

static void put_value(struct page *pg, const json_t *v)
{
    char num[32];
    if (json_is_string(v))
        put_text(pg, json_string_value(v));
    else if (json_is_integer(v)) {
        snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
        put(pg, num);
    } else if (json_is_true(v))
        put(pg, "ja");
    else if (json_is_false(v))
        put(pg, "nee");
    else
        put(pg, "&#8212;");
}

static void put_heading(struct page *pg, int level, const char *text, size_t count, bool counted)
{
    char h[64];
    snprintf(h, sizeof(h), "<h%d>", level > 6 ? 6 : level);
    put(pg, h);
    put_text(pg, text);
    if (counted) {
        snprintf(h, sizeof(h), " (%zu)", count);
        put(pg, h);
    }
    snprintf(h, sizeof(h), "</h%d>\n", level > 6 ? 6 : level);
    put(pg, h);
}

static void put_object(struct page *pg, const json_t *obj, int level);

static void put_list(struct page *pg, const char *heading, const json_t *arr, int level)
{
    size_t i;
    const json_t *item;
    put_heading(pg, level, heading, json_array_size(arr), true);
    if (json_array_size(arr) == 0) {
        put(pg, "<p>Geen.</p>\n");
        return;
    }
    json_array_foreach(arr, i, item)
    {
        if (json_is_object(item))
            put_object(pg, item, level + 1);
        else {
            put(pg, "<p>");
            put_value(pg, item);
            put(pg, "</p>\n");
        }
    }
}

/* A table of the scalar members, then each list member under its own heading. */
static void put_object(struct page *pg, const json_t *obj, int level)
{
    const char *key;
    const json_t *v;
    put(pg, "<table>\n");
    json_object_foreach((json_t *)obj, key, v)
    {
        if (json_is_array(v) || json_is_object(v))
            continue;
        put(pg, "<tr><th scope=\"row\">");
        put_text(pg, key);
        put(pg, "</th><td>");
        put_value(pg, v);
        put(pg, "</td></tr>\n");
    }
    put(pg, "</table>\n");
    json_object_foreach((json_t *)obj, key, v)
    {
        if (json_is_array(v))
            put_list(pg, label(key), v, level);
        else if (json_is_object(v)) {
            put_heading(pg, level, label(key), 0, false);
            put_object(pg, v, level + 1);
        }
    }
}

/* The access report as one table: who, role, on whose behalf, when, what, basis, glass. */
static void put_access_report(struct page *pg, const json_t *items)
{
    static const char *const cols[][2] = {
        {"at", "Wanneer (UTC)"},          {"actor_name", "Wie"},   {"actor_role", "Rol"},
        {"on_behalf_name", "Namens"},     {"event", "Wat"},        {"action", "Actie"},
        {"record_type", "Soort gegeven"}, {"outcome", "Uitkomst"}, {"access_basis", "Grondslag"},
        {"break_glass", "Noodtoegang"},
    };
    size_t i;
    const json_t *e;
    put_heading(pg, 2, label("access_report"), json_array_size(items), true);
    put(pg, "<table>\n<thead><tr>");
    for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
        put(pg, "<th scope=\"col\">");
        put(pg, cols[c][1]);
        put(pg, "</th>");
    }
    put(pg, "</tr></thead>\n<tbody>\n");
    json_array_foreach(items, i, e)
    {
        put(pg, "<tr>");
        for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
            put(pg, "<td>");
            put_value(pg, json_object_get(e, cols[c][0]));
            put(pg, "</td>");
        }
        put(pg, "</tr>\n");
    }
    put(pg, "</tbody>\n</table>\n");
}

static void put_page(struct page *pg, const json_t *doc, const char *code)
{
    static const char *const sections[][2] = {
        {"dossiers", "Dossiers"},
        {"consents", "Toestemmingen zonder dossier"},
        {"requests", "Inzetverzoeken"},
        {"consultations", "Consultaties"},
        {"case_discussions", "Casusbesprekingen"},
        {"break_glass", "Noodtoegang (break-the-glass)"},
        {"rights_requests", "Verzoeken (rechten van de cliënt, AVG)"},
    };
    put(pg, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>Inzage cliënt ");
    put_text(pg, code);
    put(pg, "</title>\n</head>\n<body>\n<h1>Alle gegevens van cliënt ");
    put_text(pg, code);
    put(pg, "</h1>\n<p>Inzage-export (AVG artikel 15), gemaakt op ");
    put_value(pg, json_object_get(doc, "exported_at"));
    put(pg, " (UTC). Dezelfde inhoud als de JSON-export (formaat peerdesk-client-export, "
            "versie 1); veldnamen zoals daar.</p>\n");
    put_heading(pg, 2, label("client"), 0, false);
    put_object(pg, json_object_get(doc, "client"), 3);
    for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
        put_list(pg, sections[i][1], json_object_get(doc, sections[i][0]), 2);
    put_access_report(pg, json_object_get(doc, "access_report"));
    put_heading(pg, 2, label("tables"), 0, false);
    put_object(pg, json_object_get(doc, "tables"), 3);
    put(pg, "</body>\n</html>\n");
}

int h_client_export_html(struct http_req *req)
{
    json_t *doc;
    const char *code;
    int rc =
        app_client_export(&req->app, req->route->audit_event, http_param(req, "id"), &doc, &code);
    if (rc)
        return rc;
    struct page pg = {.rc = PD_OK};
    buf_init(&pg.b, LIMIT_RESPONSE_BYTES);
    put_page(&pg, doc, code ? code : "");
    json_decref(doc);
    if (pg.rc) {
        buf_release(&pg.b);
        return err_set(&req->app.err, PD_EINTERNAL, NULL, "the export is too large to print");
    }
    size_t len;
    char *bytes = buf_detach(&pg.b, &len);
    http_add_header(req, "Content-Disposition", disposition(req, code, "html"));
    return http_reply_bytes(req, MHD_HTTP_OK, "text/html; charset=utf-8", bytes, len);
}
