/*
 * store_pg_admin.c: PostgreSQL roles and privileges for `peerdesk db grant` (see
 * store_pg_admin.h). Everything works on the connection's current schema (current_schema(),
 * normally public), where `peerdesk init` created the tables.
 */
#include "store_pg_admin.h"

#include <string.h>

#include "../lib/log.h"
#include "store_util.h"

static int need_pg(struct db *db, struct pd_err *e)
{
    if (db_dialect(db) == DB_DIALECT_PG)
        return PD_OK;
    log_error("store_pg_admin called on %s", db_backend(db));
    return err_set(e, PD_EINTERNAL, NULL, "internal error");
}

/* Bind a value into the transaction-local setting a DO block reads (SET LOCAL semantics:
 * gone at commit or rollback). */
static int set_local(struct db *db, const char *role, const char *password, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT set_config('peerdesk.grant_role', ?, true),"
                                    " set_config('peerdesk.grant_password', ?, true)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, role);
    db_bind_text(st, 2, password ? password : "");
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    db_reset(st);
    return PD_OK;
}

int store_pg_role_info(struct db *db, struct arena *a, const char *role, struct pg_role_info *out,
                       struct pd_err *e)
{
    memset(out, 0, sizeof(*out));
    if (need_pg(db, e) != PD_OK)
        return e->code;
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT current_user, u.rolsuper OR u.rolcreaterole,"
                   " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                   "   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')"
                   "   AND NOT pg_has_role(current_user, c.relowner, 'USAGE'))"
                   " FROM pg_roles u WHERE u.rolname = current_user",
                   e);
    if (!st)
        return e->code;
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc == DB_ROW) {
        out->current_user = store_col_str(a, st, 0);
        out->can_create_role = db_col_int64(st, 1) != 0;
        out->not_grantable = db_col_int64(st, 2);
        db_reset(st);
    }

    st =
        db_prepare(db,
                   "SELECT r.rolname = current_user, r.rolsuper, r.rolcreaterole, r.rolcanlogin,"
                   " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                   "   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')"
                   "   AND pg_has_role(r.oid, c.relowner, 'MEMBER'))"
                   " + (SELECT count(*) FROM pg_namespace n WHERE n.nspname = current_schema()"
                   "   AND pg_has_role(r.oid, n.nspowner, 'MEMBER'))"
                   " + (SELECT count(*) FROM pg_database d WHERE d.datname = current_database()"
                   "   AND pg_has_role(r.oid, d.datdba, 'MEMBER'))"
                   " FROM pg_roles r WHERE r.rolname = ?",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, role);
    rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc == DB_ROW) {
        out->exists = true;
        out->is_current_user = db_col_int64(st, 0) != 0;
        out->superuser = db_col_int64(st, 1) != 0;
        out->createrole = db_col_int64(st, 2) != 0;
        out->can_login = db_col_int64(st, 3) != 0;
        out->owned = db_col_int64(st, 4);
        db_reset(st);
    }
    return PD_OK;
}

int store_pg_role_create(struct db *db, const char *role, const char *password, struct pd_err *e)
{
    if (need_pg(db, e) != PD_OK || set_local(db, role, password, e) != PD_OK)
        return e->code;
    /* %L quotes the password as a literal; the statement runs inside the server, so the
     * password is in no statement text the server logs (log_statement logs the DO block). */
    return db_exec(db,
                   "DO $pd$\n"
                   "BEGIN\n"
                   "    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L',\n"
                   "                   current_setting('peerdesk.grant_role'),\n"
                   "                   current_setting('peerdesk.grant_password'));\n"
                   "    PERFORM set_config('peerdesk.grant_password', '', true);\n"
                   "END\n"
                   "$pd$",
                   e);
}

int store_pg_grant_runtime(struct db *db, const char *role, struct pd_err *e)
{
    if (need_pg(db, e) != PD_OK || set_local(db, role, NULL, e) != PD_OK)
        return e->code;
    /* REVOKE ALL first, from PUBLIC and from the role, so a second run (or a role that had
     * more before) ends with exactly these grants. A schema owned by another role (PG 15:
     * public belongs to pg_database_owner) is left alone: app checks the outcome. */
    return db_exec(
        db,
        "DO $pd$\n"
        "DECLARE\n"
        "    rname text := current_setting('peerdesk.grant_role');\n"
        "    s text := current_schema();\n"
        "    t record;\n"
        "BEGIN\n"
        "    IF pg_has_role(current_user,\n"
        "                   (SELECT nspowner FROM pg_namespace WHERE nspname = s), 'USAGE') THEN\n"
        "        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC, %I', s, rname);\n"
        "        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, rname);\n"
        "    END IF;\n"
        "    FOR t IN SELECT c.relname, c.relkind FROM pg_class c\n"
        "             JOIN pg_namespace n ON n.oid = c.relnamespace\n"
        "             WHERE n.nspname = s AND c.relkind IN ('r', 'p', 'S')\n"
        "             ORDER BY c.relname LOOP\n"
        "        IF t.relkind = 'S' THEN\n"
        "            EXECUTE format('REVOKE ALL ON SEQUENCE %I.%I FROM PUBLIC, %I',\n"
        "                           s, t.relname, rname);\n"
        "            EXECUTE format('GRANT USAGE ON SEQUENCE %I.%I TO %I', s, t.relname, rname);\n"
        "        ELSE\n"
        "            EXECUTE format('REVOKE ALL ON TABLE %I.%I FROM PUBLIC, %I',\n"
        "                           s, t.relname, rname);\n"
        "            EXECUTE format('GRANT %s ON TABLE %I.%I TO %I',\n"
        "                           CASE t.relname\n"
        "                               WHEN 'audit_log' THEN 'SELECT, INSERT'\n"
        "                               WHEN 'audit_head' THEN 'SELECT, UPDATE'\n"
        "                               WHEN 'schema_version' THEN 'SELECT'\n"
        "                               ELSE 'SELECT, INSERT, UPDATE, DELETE'\n"
        "                           END, s, t.relname, rname);\n"
        "        END IF;\n"
        "    END LOOP;\n"
        "END\n"
        "$pd$",
        e);
}

static const char *const TABLE_PRIVS[] = {"SELECT",   "INSERT",     "UPDATE", "DELETE",
                                          "TRUNCATE", "REFERENCES", "TRIGGER"};
static const char *const SEQ_PRIVS[] = {"USAGE", "SELECT", "UPDATE"};
#define NTABLE_PRIVS (sizeof(TABLE_PRIVS) / sizeof(TABLE_PRIVS[0]))
#define NSEQ_PRIVS   (sizeof(SEQ_PRIVS) / sizeof(SEQ_PRIVS[0]))

int store_pg_privileges(struct db *db, struct arena *a, const char *role,
                        struct pg_schema_privs *out, struct pd_err *e)
{
    memset(out, 0, sizeof(*out));
    if (need_pg(db, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(
        db,
        "SELECT current_schema(), has_schema_privilege(r.oid, current_schema(), 'USAGE'),"
        " has_schema_privilege(r.oid, current_schema(), 'CREATE')"
        " FROM pg_roles r WHERE r.rolname = ?",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, role);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, "role", "no such role");
    out->schema = store_col_str(a, st, 0);
    out->usage = db_col_int64(st, 1) != 0;
    out->create = db_col_int64(st, 2) != 0;
    db_reset(st);

    /* has_*_privilege counts what the role holds directly, through PUBLIC and through the
     * roles it is a member of. */
    st = db_prepare(
        db,
        "SELECT c.relname, c.relkind = 'S',"
        " CASE WHEN c.relkind = 'S' THEN false ELSE has_table_privilege(r.oid, c.oid, 'SELECT') "
        "END,"
        " CASE WHEN c.relkind = 'S' THEN false ELSE has_table_privilege(r.oid, c.oid, 'INSERT') "
        "END,"
        " CASE WHEN c.relkind = 'S' THEN false ELSE has_table_privilege(r.oid, c.oid, 'UPDATE') "
        "END,"
        " CASE WHEN c.relkind = 'S' THEN false ELSE has_table_privilege(r.oid, c.oid, 'DELETE') "
        "END,"
        " CASE WHEN c.relkind = 'S' THEN false"
        "   ELSE has_table_privilege(r.oid, c.oid, 'TRUNCATE') END,"
        " CASE WHEN c.relkind = 'S' THEN false"
        "   ELSE has_table_privilege(r.oid, c.oid, 'REFERENCES') END,"
        " CASE WHEN c.relkind = 'S' THEN false"
        "   ELSE has_table_privilege(r.oid, c.oid, 'TRIGGER') END,"
        " CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(r.oid, c.oid, 'USAGE') ELSE false "
        "END,"
        " CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(r.oid, c.oid, 'SELECT') ELSE false "
        "END,"
        " CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(r.oid, c.oid, 'UPDATE') ELSE false "
        "END"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, pg_roles r"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S') AND r.rolname = ?"
        " ORDER BY c.relname",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, role);
    size_t cap = 0;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (out->n == cap)
            out->tables = store_grow(a, out->tables, &cap, sizeof(*out->tables));
        struct pg_table_privs *t = &out->tables[out->n++];
        memset(t, 0, sizeof(*t));
        t->name = store_col_str(a, st, 0);
        t->sequence = db_col_int64(st, 1) != 0;
        const char *const *names = t->sequence ? SEQ_PRIVS : TABLE_PRIVS;
        size_t count = t->sequence ? NSEQ_PRIVS : NTABLE_PRIVS;
        int first = t->sequence ? 2 + (int)NTABLE_PRIVS : 2;
        size_t len = 0;
        for (size_t k = 0; k < count; k++) {
            if (!db_col_int64(st, first + (int)k))
                continue;
            size_t add = strlen(names[k]) + (len ? 1 : 0);
            if (len + add + 1 > sizeof(t->privs))
                break;
            if (len)
                t->privs[len++] = ',';
            memcpy(t->privs + len, names[k], strlen(names[k]));
            len += strlen(names[k]);
            t->privs[len] = '\0';
        }
    }
    return rc < 0 ? rc : PD_OK;
}
