/*
 * export.c: the client export (see export.h).
 *
 * Every table store_export.c knows is read in the same write transaction that appends the
 * entry about the export; then the flat rows are nested for the reader: a dossier carries
 * its outcomes, assignments (with their intensity history), consents, notes (with their
 * codes; contact attempts are notes with attempt = 1), evaluations, referrals, bridging and
 * closing history. `tables` counts the rows each table contributed, so a test can prove
 * that every table with a client reference is exported.
 */
#include "export.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../store/store_export.h"
#include "app_int.h"
#include "audit_query.h"

static int refuse(struct app_req *r, const char *event, enum pd_code code, const char *detail)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = 'E',
                             .outcome = "denied",
                             .record_type = "client",
                             .actor_role = (r->actor->roles & ROLE_PRIVACY_OFFICER)
                                               ? role_code(ROLE_PRIVACY_OFFICER)
                                               : NULL,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, code, NULL, "%s", detail);
}

/* Move every child whose `fk` is a parent's id into that parent's `key` array. Returns
 * the children that matched no parent (a new array). Steals children. */
static json_t *nest(json_t *parents, const char *key, json_t *children, const char *fk)
{
    size_t i, j;
    json_t *p, *c;
    json_t *left = json_array();
    json_array_foreach(parents, i, p) json_object_set_new(p, key, json_array());
    json_array_foreach(children, j, c)
    {
        const char *ref = json_string_value(json_object_get(c, fk));
        bool placed = false;
        json_array_foreach(parents, i, p)
        {
            const char *id = json_string_value(json_object_get(p, "id"));
            if (ref && id && strcmp(ref, id) == 0) {
                json_array_append(json_object_get(p, key), c);
                placed = true;
                break;
            }
        }
        if (!placed)
            json_array_append(left, c);
    }
    json_decref(children);
    return left;
}

static json_t *take(json_t *rows, const char *table)
{
    json_t *v = json_object_get(rows, table);
    return v ? json_incref(v) : json_array();
}

static json_t *shape(json_t *rows, json_t *report, const char *now)
{
    json_t *dossiers = take(rows, "dossier");
    json_t *notes = take(rows, "note");
    json_t *assignments = take(rows, "assignment");
    json_t *requests = take(rows, "request");
    json_t *discussions = take(rows, "case_discussion");

    json_decref(nest(notes, "codes", take(rows, "note_code"), "note_id"));
    json_decref(nest(assignments, "intensity", take(rows, "intensity"), "assignment_id"));
    json_decref(nest(requests, "codes", take(rows, "request_code"), "request_id"));
    json_decref(
        nest(discussions, "experts", take(rows, "case_discussion_expert"), "discussion_id"));

    json_decref(nest(dossiers, "outcomes", take(rows, "dossier_outcome"), "dossier_id"));
    json_decref(nest(dossiers, "assignments", assignments, "dossier_id"));
    json_t *loose_consents = nest(dossiers, "consents", take(rows, "consent"), "dossier_id");
    json_decref(nest(dossiers, "notes", notes, "dossier_id"));
    json_decref(nest(dossiers, "evaluations", take(rows, "evaluation"), "dossier_id"));
    json_decref(nest(dossiers, "referrals", take(rows, "referral"), "dossier_id"));
    json_decref(nest(dossiers, "bridging", take(rows, "bridging"), "dossier_id"));
    json_decref(nest(dossiers, "closing", take(rows, "dossier_closure"), "dossier_id"));

    json_t *counts = json_object();
    const char *name;
    json_t *arr;
    json_object_foreach(rows, name, arr)
        json_object_set_new(counts, name, json_integer((json_int_t)json_array_size(arr)));

    json_t *client = json_array_get(json_object_get(rows, "client"), 0);
    return pdjson_pack("{s:s, s:i, s:s, s:O, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
                       "format", "peerdesk-client-export", "version", 1, "exported_at", now,
                       "client", client, "dossiers", dossiers, "consents", loose_consents,
                       "requests", requests, "consultations", take(rows, "consultation"),
                       "case_discussions", discussions, "break_glass", take(rows, "break_glass"),
                       "rights_requests", take(rows, "client_right_request"), "access_report",
                       report, "tables", counts);
}

int app_client_export(struct app_req *r, const char *event, const char *client_id, json_t **out,
                      const char **code)
{
    bool found = false;
    char id[UUID_STR_BYTES];
    *out = NULL;
    *code = NULL;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    /* The route table admits privacy officers only; this keeps the rule for other callers.
     * The entry names no client: the id is unchecked and may be another organisation's. */
    if (!(r->actor->roles & ROLE_PRIVACY_OFFICER))
        return refuse(r, event, PD_EFORBID, "only the privacy officer exports a client");
    if (!client_id || !uuid_valid(client_id, strlen(client_id)))
        return refuse(r, event, PD_ENOTFOUND, "no such client");

    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_audit_client_find(r->db, r->arena, r->actor->org_id, client_id, NULL, &found, id,
                                code, &r->err) != PD_OK)
        return app_fail(r);
    if (!found)
        return refuse(r, event, PD_ENOTFOUND, "no such client");

    json_t *rows = json_object();
    for (size_t i = 0; i < store_export_table_count; i++) {
        json_t *t;
        if (store_export_rows(r->db, &store_export_tables[i], r->actor->org_id, id, &t, &r->err) !=
            PD_OK) {
            json_decref(rows);
            return app_fail(r);
        }
        json_object_set_new(rows, store_export_tables[i].name, t);
    }
    struct audit_row *items;
    size_t n;
    if (store_audit_of_client(r->db, r->arena, r->actor->org_id, id, &items, &n, &r->err) !=
        PD_OK) {
        json_decref(rows);
        return app_fail(r);
    }
    struct audit_event ev = {.event = event,
                             .action = 'E',
                             .outcome = "success",
                             .record_type = "client",
                             .record_id = id,
                             .client_id = id,
                             .actor_role = role_code(ROLE_PRIVACY_OFFICER),
                             .access_basis = "privacy_officer"};
    if (audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK) {
        json_decref(rows);
        return app_fail(r);
    }
    json_t *report = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(report, audit_row_to_json(&items[i]));
    *out = shape(rows, report, app_now_iso(r));
    json_decref(rows);
    return PD_OK;
}
