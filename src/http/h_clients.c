/*
 * h_clients.c: clients, registered by a generalist together with their dossier.
 *
 *   POST  /api/v1/clients {code, name?, contact?, birth_year?, area_id?, goal_type}
 *                                                   -> 201 {client, dossier}
 *   GET   /api/v1/clients/{id}                      -> Client (ETag)
 *   PATCH /api/v1/clients/{id} {name?, contact?, birth_year?, area_id?} + If-Match
 *
 * A client is reached through one of their dossiers (need-to-know); a client the actor
 * may not see answers 404 like one that does not exist. PATCH replaces the optional
 * fields it names; null clears one.
 */
#include <microhttpd.h>

#include "../app/clients.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const goal_types[] = {"stabilise", "progress", NULL};

static const struct jfield client_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "client id", NULL, NULL},
    {"code", JT_STRING, JF_REQUIRED, 1, CLIENT_CODE_MAX, "pseudonymous code", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "name, if recorded", NULL, NULL},
    {"contact", JT_STRING, JF_REQUIRED | JF_NULLABLE, 0, 0, "contact details, if recorded", NULL,
     NULL},
    {"birth_year", JT_INTEGER, JF_REQUIRED | JF_NULLABLE, 0, 0, "birth year", NULL, NULL},
    {"area_id", JT_UUID, JF_REQUIRED | JF_NULLABLE, 0, 0, "area the client lives in", NULL, NULL},
    {"created_at", JT_DATETIME, JF_REQUIRED, 0, 0, "registered at", NULL, NULL},
    {"updated_at", JT_DATETIME, JF_REQUIRED, 0, 0, "last changed at", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_client = JSCHEMA("Client", client_fields);

/* Strings are capped here generously; the use case names the field with the exact rule
 * (an over-long name is 422 "name", not a schema error about bytes). */
static const struct jfield client_create_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, 1, 1000, "pseudonymous code, unique in the organisation", NULL,
     NULL},
    {"name", JT_STRING, JF_NULLABLE, 0, 4000, "name (optional)", NULL, NULL},
    {"contact", JT_STRING, JF_NULLABLE, 0, 4000, "contact details (optional)", NULL, NULL},
    {"birth_year", JT_INTEGER, JF_NULLABLE, 0, 9999, "birth year (optional)", NULL, NULL},
    {"area_id", JT_UUID, JF_NULLABLE, 0, 0, "area (optional)", NULL, NULL},
    {"goal_type", JT_STRING, JF_REQUIRED, 0, 0, "what the support aims at", goal_types, NULL},
};
const struct jschema h_schema_client_create = JSCHEMA("ClientCreate", client_create_fields);

static const struct jfield client_patch_fields[] = {
    {"name", JT_STRING, JF_NULLABLE, 0, 4000, "name; null clears", NULL, NULL},
    {"contact", JT_STRING, JF_NULLABLE, 0, 4000, "contact details; null clears", NULL, NULL},
    {"birth_year", JT_INTEGER, JF_NULLABLE, 0, 9999, "birth year; null clears", NULL, NULL},
    {"area_id", JT_UUID, JF_NULLABLE, 0, 0, "area; null clears", NULL, NULL},
};
const struct jschema h_schema_client_patch = JSCHEMA("ClientPatch", client_patch_fields);

static const struct jfield client_created_fields[] = {
    {"client", JT_OBJECT, JF_REQUIRED, 0, 0, "the new client", NULL, &h_schema_client},
    {"dossier", JT_OBJECT, JF_REQUIRED, 0, 0, "the dossier opened for them", NULL,
     &h_schema_dossier_summary},
};
const struct jschema h_schema_client_created = JSCHEMA("ClientCreated", client_created_fields);

int h_clients_create(struct http_req *req)
{
    struct client_rec c;
    struct dossier_rec d;
    const json_t *j = req->json;
    struct client_input in = {.code = pdjson_str(j, "code", ""),
                              .name = pdjson_str(j, "name", NULL),
                              .contact = pdjson_str(j, "contact", NULL),
                              .birth_year = (int)pdjson_int(j, "birth_year", 0),
                              .area_id = pdjson_str(j, "area_id", NULL)};
    if (json_is_integer(json_object_get(j, "birth_year")) && in.birth_year == 0)
        return err_set(&req->app.err, PD_EINVAL, "birth_year", "a year from 1900");
    int rc = app_client_create(&req->app, &in, pdjson_str(j, "goal_type", ""), &c, &d);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED,
                           pdjson_pack("{s:o, s:o}", "client", client_to_json(&c), "dossier",
                                       dossier_summary_to_json(&d)));
}

int h_clients_get(struct http_req *req)
{
    struct client_rec c;
    int rc = app_client_get(&req->app, http_param(req, "id"), &c);
    if (rc)
        return rc;
    http_set_etag(req, c.version);
    return http_reply_json(req, MHD_HTTP_OK, client_to_json(&c));
}

int h_clients_patch(struct http_req *req)
{
    struct client_rec out;
    int64_t version;
    const json_t *j = req->json;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    json_t *by = json_object_get(j, "birth_year");
    struct client_input in = {.name = pdjson_str(j, "name", NULL),
                              .contact = pdjson_str(j, "contact", NULL),
                              .birth_year = (int)pdjson_int(j, "birth_year", 0),
                              .area_id = pdjson_str(j, "area_id", NULL),
                              .set_name = json_object_get(j, "name") != NULL,
                              .set_contact = json_object_get(j, "contact") != NULL,
                              .set_birth_year = by != NULL,
                              .set_area_id = json_object_get(j, "area_id") != NULL};
    if (json_is_integer(by) && in.birth_year == 0)
        return err_set(&req->app.err, PD_EINVAL, "birth_year", "a year from 1900");
    int rc = app_client_update(&req->app, http_param(req, "id"), version, &in, &out);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, client_to_json(&out));
    if (rc)
        return rc;
    http_set_etag(req, out.version);
    return http_reply_json(req, MHD_HTTP_OK, client_to_json(&out));
}
