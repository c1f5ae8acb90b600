/*
 * store_audit_query.h: the privacy officer's questions to the audit log (NEN 7513): a
 * filtered page of one organisation's entries, newest first, and every entry about one
 * client, oldest first (the access report). Appending and verifying stay in
 * store_audit.c; this file only reads.
 *
 * Rows carry the names of the acting and the responsible worker, joined from `worker`
 * within the entry's organisation (NULL when there is none), and never the client IP or
 * the chain hashes: those are for `peerdesk audit verify`, not for the screen.
 *
 * Callers own the transaction. Strings are copied into the given arena. Every filter is
 * bound; an absent one binds NULL and the SQL reads `(? IS NULL OR col = ?)`.
 */
#ifndef PD_STORE_AUDIT_QUERY_H
#define PD_STORE_AUDIT_QUERY_H

#include "store.h"

/* One audit entry as the privacy officer sees it. */
struct audit_row {
    int64_t seq;
    const char *at;
    const char *event;
    char action[2]; /* "C" "R" "U" "D" "E" */
    const char *outcome;
    const char *actor_user_id; /* NULL: anonymous or the console */
    const char *actor_name;    /* NULL when actor_user_id is NULL or not a worker here */
    const char *actor_role;
    const char *on_behalf_user_id;
    const char *on_behalf_name;
    const char *client_id;
    const char *record_type;
    const char *record_id;
    const char *access_basis;
    const char *trace_id;
};

/* What a page is narrowed to. org_id is required; every other member NULL (or 0) means
 * "any". The time bounds are ISO strings compared with the stored `at` text. */
struct audit_filter {
    const char *org_id;
    int64_t before;        /* only seq < before; 0: from the newest */
    const char *event;     /* exact */
    const char *outcome;   /* "success" | "failure" | "denied" */
    const char *actor_id;  /* actor_user_id */
    const char *client_id; /* client_id */
    const char *at_from;   /* at >= at_from */
    const char *at_until;  /* at < at_until */
};

/* Entries matching f, newest first, at most limit (arena array). */
int store_audit_page(struct db *db, struct arena *a, const struct audit_filter *f, int limit,
                     struct audit_row **out, size_t *n, struct pd_err *e);

/* Every entry of org_id about client_id, oldest first (arena array). */
int store_audit_of_client(struct db *db, struct arena *a, const char *org_id, const char *client_id,
                          struct audit_row **out, size_t *n, struct pd_err *e);

/* The client of org_id with this id or (when id is NULL) this code. *found false when
 * there is none in that organisation; otherwise id_out and *code_out (arena) are set. */
int store_audit_client_find(struct db *db, struct arena *a, const char *org_id, const char *id,
                            const char *code, bool *found, char id_out[UUID_STR_BYTES],
                            const char **code_out, struct pd_err *e);

#endif
