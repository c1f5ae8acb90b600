/*
 * store_clients.h: clients, their dossiers, assignments with their intensity history,
 * and consent records (migration 0003). Callers own the transaction and the need-to-know
 * check (app/access.h); these functions only read and write rows of one organisation.
 * Strings are copied into the given arena. Updates of versioned rows run
 * `WHERE id = ? AND version = ?` and bump the version; zero rows changed is PD_ESTALE.
 */
#ifndef PD_STORE_CLIENTS_H
#define PD_STORE_CLIENTS_H

#include "store.h"

struct client_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *code;
    const char *name;    /* NULL when not recorded */
    const char *contact; /* NULL when not recorded */
    int birth_year;      /* 0 when not recorded */
    const char *area_id; /* NULL when not recorded */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    const char *updated_at;
    int64_t version;
};

struct dossier_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char client_id[UUID_STR_BYTES];
    char responsible_id[UUID_STR_BYTES];
    const char *status;    /* "open" | "closed" */
    const char *goal_type; /* "stabilise" | "progress" */
    const char *area_id;   /* NULL when none */
    bool keep_warm;
    const char *opened_on;
    const char *closed_on;      /* NULL while open */
    const char *closure_reason; /* NULL while open */
    const char *created_at;
    const char *updated_at;
    int64_t version;
    const char *client_code; /* filled by the list query only */
};

struct assignment_rec {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    char worker_id[UUID_STR_BYTES];
    const char *worker_name; /* filled by reads */
    const char *role;        /* "generalist" | "expert" | "bridging_expert" */
    const char *start_on;
    const char *end_on; /* NULL while open-ended */
    const char *created_at;
    int64_t version;
    const char *pattern;   /* current intensity (newest row), NULL when none */
    const char *agreed_on; /* date it was agreed with the client */
};

struct consent_rec {
    char id[UUID_STR_BYTES];
    char client_id[UUID_STR_BYTES];
    char dossier_id[UUID_STR_BYTES];
    const char *kind; /* "expert_involvement" | "plan" | "scaling_down" */
    bool given;
    const char *recorded_on;
    char recorded_by[UUID_STR_BYTES];
    const char *created_at;
};

/* ---- clients ---- */
/* A clash on (org, code) is PD_ECONFLICT naming "code". */
int store_client_insert(struct db *db, const struct client_rec *c, struct pd_err *e);
int store_client_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                     struct client_rec *out, struct pd_err *e);
/* name, contact, birth_year, area_id, updated_at from c; PD_ESTALE when c->version moved. */
int store_client_update(struct db *db, const struct client_rec *c, struct pd_err *e);
/* The client's dossier ids, newest first (arena array of UUID strings). */
int store_client_dossiers(struct db *db, struct arena *a, const char *org_id, const char *client_id,
                          char (**ids)[UUID_STR_BYTES], size_t *n, struct pd_err *e);

/* ---- dossiers ---- */
int store_dossier_insert(struct db *db, const struct dossier_rec *d, struct pd_err *e);
int store_dossier_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct dossier_rec *out, struct pd_err *e);
/* goal_type, area_id, keep_warm, responsible_id, updated_at; PD_ESTALE on a moved version. */
int store_dossier_update(struct db *db, const struct dossier_rec *d, struct pd_err *e);
/* Dossiers where worker is responsible or has an assignment active on `today`, by id
 * after `after` (NULL: from the start), status filter NULL for both, at most limit. */
int store_dossier_mine(struct db *db, struct arena *a, const char *org_id, const char *worker_id,
                       const char *today, const char *status, const char *after, int limit,
                       struct dossier_rec **out, size_t *n, struct pd_err *e);

/* ---- assignments ---- */
int store_assignment_insert(struct db *db, const struct assignment_rec *s, struct pd_err *e);
int store_assignment_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct assignment_rec *out, struct pd_err *e);
/* Assignments of a dossier not ended before `today`, by start date. */
int store_assignment_active(struct db *db, struct arena *a, const char *dossier_id,
                            const char *today, struct assignment_rec **out, size_t *n,
                            struct pd_err *e);
/* Does the worker hold an active assignment in this role on the dossier? */
int store_assignment_exists(struct db *db, const char *dossier_id, const char *worker_id,
                            const char *role, const char *today, bool *yes, struct pd_err *e);
/* end_on (NULL keeps it) and version + 1 where the version is still s->version. */
int store_assignment_touch(struct db *db, const struct assignment_rec *s, struct pd_err *e);
int store_intensity_insert(struct db *db, const char *org_id, const char *assignment_id,
                           const char *pattern, const char *agreed_on, const char *by,
                           const char *now, struct pd_err *e);

/* ---- consent ---- */
int store_consent_insert(struct db *db, const char *org_id, const struct consent_rec *c,
                         struct pd_err *e);
/* Consents of the client, oldest first. */
int store_consent_list(struct db *db, struct arena *a, const char *client_id,
                       struct consent_rec **out, size_t *n, struct pd_err *e);

#endif
