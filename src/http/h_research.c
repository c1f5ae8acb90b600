/*
 * h_research.c: the research export and its codebook (app/research.c,
 * docs/research-export.md).
 *
 *   GET /api/v1/research/export?from&to&free_text=false|true&reason
 *       -> {export, codebook, tables} as an attachment research-export-<id>.json
 *   GET /api/v1/research/codebook -> the codebook alone
 */
#include <microhttpd.h>
#include <stdlib.h>

#include "../app/research.h"
#include "h_research.h"
#include "handlers.h"
#include "http_int.h"

static const struct jfield export_fields[] = {
    {"export", JT_OBJECT, JF_REQUIRED, 0, 0,
     "format, version, id, created_at, period {from, to}, options {free_text, reason}, "
     "pseudonyms, min_cell, suppressed {area, age_band}, rows per table",
     NULL, NULL},
    {"codebook", JT_OBJECT, JF_REQUIRED, 0, 0, "the codebook (as GET /api/v1/research/codebook)",
     NULL, NULL},
    {"tables", JT_OBJECT, JF_REQUIRED, 0, 0,
     "dossiers, requests, assignments, notes, evaluations, referrals, bridging, closures, "
     "consultations, case_discussions: arrays of rows as the codebook describes",
     NULL, NULL},
};
const struct jschema h_schema_research_export = JSCHEMA("ResearchExport", export_fields);

static const struct jfield codebook_fields[] = {
    {"format", JT_STRING, JF_REQUIRED, 0, 0, "always peerdesk-research-codebook", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "format version (1)", NULL, NULL},
    {"min_cell", JT_INTEGER, JF_REQUIRED, 0, 0,
     "smallest number of clients a shown value of a "
     "quasi-identifier has (5)",
     NULL, NULL},
    {"pseudonyms", JT_STRING, JF_REQUIRED, 0, 0, "how pseudonyms are made", NULL, NULL},
    {"tables", JT_ARRAY, JF_REQUIRED, 0, 0,
     "{name, description_nl, description_en, columns: [{name, type, source, description_nl, "
     "description_en, vocabulary, values, nullable, free_text, quasi_identifier}]}",
     NULL, NULL},
    {"vocabularies", JT_OBJECT, JF_REQUIRED, 0, 0,
     "per vocabulary a column uses: [{code, label_nl, label_en, active}]", NULL, NULL},
};
const struct jschema h_schema_research_codebook = JSCHEMA("ResearchCodebook", codebook_fields);

int h_research_export(struct http_req *req)
{
    json_t *doc;
    const char *id;
    int rc =
        app_research_export(&req->app, http_query(req, "from"), http_query(req, "to"),
                            http_query(req, "free_text"), http_query(req, "reason"), &doc, &id);
    if (rc)
        return rc;
    /* Over the response cap: say so at the period (the entry of the attempt stays). */
    size_t len = 0;
    char *bytes = pdjson_dump(doc, &len);
    json_decref(doc);
    if (len > LIMIT_RESPONSE_BYTES) {
        free(bytes);
        return err_set(&req->app.err, PD_EINVAL, "from",
                       "the export of this period is over %d MiB: choose a shorter period",
                       LIMIT_RESPONSE_BYTES / (1024 * 1024));
    }
    http_add_header(
        req, "Content-Disposition",
        arena_printf(&req->arena, "attachment; filename=\"research-export-%s.json\"", id));
    return http_reply_bytes(req, MHD_HTTP_OK, "application/json", bytes, len);
}

int h_research_codebook(struct http_req *req)
{
    json_t *doc;
    int rc = app_research_codebook(&req->app, &doc);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK, doc);
}
