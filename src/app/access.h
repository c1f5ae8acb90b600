/*
 * access.h: need-to-know and client-data auditing for the use cases of app/.
 *
 * Every use case that touches a dossier (or anything hanging off it) starts with
 * app_access_dossier() inside its own write transaction. On denial, a missing dossier
 * and a dossier the actor may not see answer alike: PD_ENOTFOUND, after one audit entry
 * with outcome "denied" written in a transaction of its own (the caller's transaction
 * is rolled back). On success the grant says why (the basis) and on whose behalf (the
 * responsible generalist), and audit_client() writes the entry for the action in the
 * caller's transaction, so data and entry commit together (SECURITY.md 1-3, 8).
 *
 * The canonical shape of a read:
 *
 *     struct dossier_access acc;
 *     if (db_begin(r->db, DB_TXN_WRITE, &r->err) ||
 *         app_access_dossier(r, id, NEED_DOSSIER_READ, "dossier.read", &acc) ||
 *         store_...(r->db, ...) ||
 *         audit_client(r, &acc, "dossier.read", 'R', "dossier", id) ||
 *         db_commit(r->db, &r->err))
 *         return app_fail(r);
 */
#ifndef PD_APP_ACCESS_H
#define PD_APP_ACCESS_H

#include "../domain/access.h"
#include "app.h"

struct dossier_access {
    char dossier_id[UUID_STR_BYTES];
    char client_id[UUID_STR_BYTES];
    char responsible_id[UUID_STR_BYTES];
    enum access_basis basis;
    bool closed;
    int64_t version;
};

/* Decide the actor's access to a dossier for `need`. Must run inside the caller's open
 * write transaction. `event` names the denied audit entry ("note.create", ...). */
int app_access_dossier(struct app_req *r, const char *dossier_id, enum access_need need,
                       const char *event, struct dossier_access *out);

/* Allocation rights without a particular dossier (the coordinator queue): PD_OK when the
 * actor is a coordinator in an expert team, else PD_EFORBID (audited as denied). */
int app_access_coordinator(struct app_req *r, const char *event);

/* One audit entry about client data, in the caller's open write transaction: actor,
 * on behalf of the responsible generalist, client, record, access basis. */
int audit_client(struct app_req *r, const struct dossier_access *acc, const char *event,
                 char action, const char *record_type, const char *record_id);

#endif
