/*
 * store_export.h: the client's right of access (AVG art. 15; SECURITY.md 10): every row
 * about one client, table by table, read-only.
 *
 * One query per table that holds data of a client, directly (client_id) or through one of
 * their dossiers, assignments, requests, notes or case discussions. Each query is scoped to
 * the organisation (?1) and the client (?2) and answers one JSON object per row (the
 * table's columns, org_id left out); integer columns, listed per table, stay numbers.
 * tests/authz/export.t checks against the migrated schema that every such table is here.
 *
 * Not here on purpose: note_fts (derived from note.body) and audit_log (the access report,
 * store_audit_query.h). Callers own the transaction.
 */
#ifndef PD_STORE_EXPORT_H
#define PD_STORE_EXPORT_H

#include <jansson.h>

#include "store.h"

struct export_table {
    const char *name; /* the table */
    /* The prepared SELECT <columns> FROM name WHERE <org ?1, client ?2>. */
    struct db_stmt *(*prepare)(struct db *db, struct pd_err *e);
    const char *ints; /* the integer columns, " "-separated; the others are text */
};

extern const struct export_table store_export_tables[];
extern const size_t store_export_table_count;

/* The rows of one table about client_id of org_id, in a stable order; *out is a new
 * JSON array of objects owned by the caller. */
int store_export_rows(struct db *db, const struct export_table *t, const char *org_id,
                      const char *client_id, json_t **out, struct pd_err *e);

#endif
