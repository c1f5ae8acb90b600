/*
 * store_rights.h: a client's rights (migration 0013): the register of rights requests,
 * the erasure of a client (every row in every table that holds their data) with the purge
 * that follows it, and the retention rules. Callers own the transaction and every access
 * decision (app/rights.c, erasure.c, retention.c); only store_erase_purge runs outside a
 * transaction. Strings are copied into the arena.
 */
#ifndef PD_STORE_RIGHTS_H
#define PD_STORE_RIGHTS_H

#include "store.h"

struct rights_request {
    char id[UUID_STR_BYTES];
    char org_id[UUID_STR_BYTES];
    const char *reference;          /* AVG-YYYY-NNNN (set by the insert) */
    char client_id[UUID_STR_BYTES]; /* "" once the client is erased */
    const char *client_code;        /* NULL once the client is erased (read only) */
    const char *kind;
    const char *received_on;
    const char *due_on;
    const char *extended_due_on;  /* NULL unless extended */
    const char *extension_reason; /* NULL unless extended */
    const char *status;           /* open, done, refused */
    const char *done_on;          /* NULL while open */
    const char *note;             /* NULL when none */
    const char *erased_at;        /* NULL unless the client was erased */
    char created_by[UUID_STR_BYTES];
    const char *created_at;
    const char *updated_at;
    int64_t version;
};

/* A new open request; the reference is numbered per organisation and year received. */
int store_rights_insert(struct db *db, const struct rights_request *q, struct pd_err *e);
/* One request of org_id; *found false when there is none. */
int store_rights_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                     struct rights_request *out, bool *found, struct pd_err *e);
/* Every request of org_id: open ones first by deadline, then the closed ones, newest
 * closed first. */
int store_rights_list(struct db *db, struct arena *a, const char *org_id,
                      struct rights_request **out, size_t *n, struct pd_err *e);
/* Extend an open request (version-checked: PD_ESTALE naming If-Match). */
int store_rights_extend(struct db *db, const char *org_id, const char *id, int64_t version,
                        const char *extended_due_on, const char *reason, const char *now,
                        struct pd_err *e);
/* Close an open request as done or refused (version-checked). */
int store_rights_close(struct db *db, const char *org_id, const char *id, int64_t version,
                       const char *status, const char *done_on, const char *note, const char *now,
                       struct pd_err *e);

/* ---- erasure ---- */

/* What an erasure removed (deleted rows) or unlinked, per table, in erase order. */
#define ERASE_TABLES 22
struct erase_count {
    const char *table;
    const char *how; /* "deleted", "unlinked" (row kept, link and text cleared), "anonymised" */
    int64_t rows;
};
struct erase_result {
    struct erase_count counts[ERASE_TABLES];
    size_t n;
};

/* Remove client_id of org_id: the FTS 'delete' of each note, then every row of the
 * client in every table, children first; consultations and case discussions linked to
 * the client's dossiers are kept for the expert's own record but unlinked and stripped
 * of their text; the client's rights requests lose the client and their free text
 * (erased_at = now) and request_id is closed as done on `today`. Inside the caller's
 * write transaction. */
int store_erase_client(struct db *db, const char *org_id, const char *client_id,
                       const char *request_id, const char *today, const char *now,
                       struct erase_result *out, struct pd_err *e);

struct purge_result {
    bool fts_optimized;
    bool checkpointed; /* the WAL was checkpointed completely and truncated */
};
/* After an erasure has committed, outside any transaction: merge the full-text index into
 * one segment (no old segment keeps a deleted note's tokens; secure_delete zeroes the
 * freed pages), then checkpoint the WAL into the database file and truncate it. A
 * checkpoint that other readers keep from completing is retried a few times. */
int store_erase_purge(struct db *db, struct purge_result *out, struct pd_err *e);

/* ---- retention ---- */

/* The years of a category set for org_id; *found false when the default applies. */
int store_retention_get(struct db *db, const char *org_id, const char *category, int *years,
                        bool *found, struct pd_err *e);
int store_retention_set(struct db *db, const char *org_id, const char *category, int years,
                        const char *worker_id, const char *now, struct pd_err *e);

struct retention_client {
    char org_id[UUID_STR_BYTES];
    char client_id[UUID_STR_BYTES];
    const char *code;
    const char *last_change; /* YYYY-MM-DD */
    const char *expires_on;  /* last_change + years */
};
/* Clients of every organisation (org_id NULL) or of one whose retention has passed on
 * `today`: no open dossier, and the last change of the client, of any of their dossiers
 * or of a closing/reopening is more than the dossier years (the organisation's rule, else
 * dflt_years) ago. */
int store_retention_clients(struct db *db, struct arena *a, const char *org_id, int dflt_years,
                            const char *today, struct retention_client **out, size_t *n,
                            struct pd_err *e);
/* Closed rights requests whose retention (rights_request years after done_on) passed. */
int store_retention_requests(struct db *db, struct arena *a, const char *org_id, int dflt_years,
                             const char *today, struct rights_request **out, size_t *n,
                             struct pd_err *e);
int store_rights_delete(struct db *db, const char *org_id, const char *id, struct pd_err *e);

#endif
