/*
 * store_access.h: the facts need-to-know decides on (domain/access.h), loaded for one
 * worker and one dossier in a single query, and the break-the-glass lookup.
 */
#ifndef PD_STORE_ACCESS_H
#define PD_STORE_ACCESS_H

#include "../domain/access.h"
#include "store.h"

struct dossier_core {
    char id[UUID_STR_BYTES];
    char client_id[UUID_STR_BYTES];
    char responsible_id[UUID_STR_BYTES];
    int64_t version;
};

/* Facts about worker_id and dossier_id within org_id at time now (ISO; today's date is
 * its first 10 characters). A dossier of another organisation reads as not existing.
 * *core is filled when the dossier exists. */
int store_access_facts(struct db *db, const char *org_id, const char *worker_id,
                       const char *dossier_id, const char *now, struct access_facts *f,
                       struct dossier_core *core, struct pd_err *e);

/* Is the worker a member of a team of kind expert_team? */
int store_in_expert_team(struct db *db, const char *worker_id, bool *yes, struct pd_err *e);

#endif
