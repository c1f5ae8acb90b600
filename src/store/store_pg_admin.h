/*
 * store_pg_admin.h: PostgreSQL roles and privileges for `peerdesk db grant` (app/db_admin.c,
 * docs/scaling.md section 5). PostgreSQL only: every function refuses another backend with
 * PD_EINTERNAL, the app layer checks first. The caller owns the write transaction.
 *
 * Role names cannot be bound parameters of GRANT or CREATE ROLE, and no SQL is built in C
 * (tools/lint): the name is bound into a transaction-local setting with set_config(), and
 * a DO block reads it back and quotes it with format('%I'). Callers pass only names that
 * passed app's check (a-z, 0-9, '_', at most 63 bytes), so quoting never changes them.
 */
#ifndef PD_STORE_PG_ADMIN_H
#define PD_STORE_PG_ADMIN_H

#include "store.h"

/* What the connected user may do, and what the named role is, in the current schema. */
struct pg_role_info {
    const char *current_user;
    bool can_create_role;  /* the current user is superuser or has CREATEROLE */
    int64_t not_grantable; /* tables and sequences the current user does not own */
    bool exists;           /* the rest only when the role exists */
    bool is_current_user;
    bool superuser, createrole, can_login;
    int64_t owned; /* tables, sequences, schema, database it owns (or whose owner it is in) */
};

int store_pg_role_info(struct db *db, struct arena *a, const char *role, struct pg_role_info *out,
                       struct pd_err *e);

/* CREATE ROLE role LOGIN PASSWORD password (hashed by the server, password_encryption). */
int store_pg_role_create(struct db *db, const char *role, const char *password, struct pd_err *e);

/* The runtime role's privileges, replacing whatever it (and PUBLIC) had before: USAGE on the
 * schema (when the current user owns it); SELECT, INSERT, UPDATE, DELETE on every table of
 * the schema except audit_log (SELECT, INSERT), audit_head (SELECT, UPDATE) and
 * schema_version (SELECT); USAGE on every sequence. */
int store_pg_grant_runtime(struct db *db, const char *role, struct pd_err *e);

/* The privileges the role holds on each table and sequence of the schema, directly or
 * through PUBLIC and the roles it belongs to: "SELECT,INSERT" etc., "" for none. */
struct pg_table_privs {
    const char *name;
    bool sequence;
    char privs[64];
};

struct pg_schema_privs {
    const char *schema;
    bool usage, create;
    struct pg_table_privs *tables;
    size_t n;
};

int store_pg_privileges(struct db *db, struct arena *a, const char *role,
                        struct pg_schema_privs *out, struct pd_err *e);

#endif
