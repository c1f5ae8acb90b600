/*
 * db_admin.c: `peerdesk db grant` (see db_admin.h).
 *
 * Why: the owner of a table can do anything to it, including
 * `ALTER TABLE audit_log DISABLE TRIGGER ALL` followed by a rewrite of the history. The
 * triggers keep audit_log append-only only against a role that does not own it, so
 * `peerdesk serve` should connect as such a role: it can append audit entries and move the
 * head forward, and nothing else to those two tables.
 */
#include "db_admin.h"

#include <string.h>

#include "app_int.h"

int app_db_role_name_check(const char *role, struct pd_err *e)
{
    size_t n = role ? strlen(role) : 0;
    if (n == 0)
        return err_set(e, PD_EMISSING, "role", "is required");
    if (n > 63)
        return err_set(e, PD_EINVAL, "role", "at most 63 characters");
    if (!((role[0] >= 'a' && role[0] <= 'z') || role[0] == '_'))
        return err_set(e, PD_EINVAL, "role", "must start with a-z or '_'");
    for (size_t i = 0; i < n; i++) {
        char ch = role[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
            return err_set(e, PD_EINVAL, "role", "use only a-z, 0-9 and '_'");
    }
    if (strncmp(role, "pg_", 3) == 0)
        return err_set(e, PD_EINVAL, "role", "names starting with pg_ belong to PostgreSQL");
    return PD_OK;
}

/* What the role must hold on a table or sequence, exactly (store_pg_privileges' order). */
static const char *expected(const struct pg_table_privs *t)
{
    if (t->sequence)
        return "USAGE";
    if (strcmp(t->name, "audit_log") == 0)
        return "SELECT,INSERT";
    if (strcmp(t->name, "audit_head") == 0)
        return "SELECT,UPDATE";
    if (strcmp(t->name, "schema_version") == 0)
        return "SELECT";
    return DB_RUNTIME_TABLE_PRIVS;
}

static int check_role(struct app_req *r, const char *role, bool create,
                      const struct pg_role_info *ri)
{
    struct pd_err *e = &r->err;
    if (ri->not_grantable > 0)
        return err_set(e, PD_EFORBID, "db",
                       "%s does not own all peerdesk tables: connect as the role that ran "
                       "peerdesk init",
                       ri->current_user ? ri->current_user : "this user");
    if (create && ri->exists)
        return err_set(e, PD_ECONFLICT, "role", "%s exists already (leave out --create)", role);
    if (!create && !ri->exists)
        return err_set(e, PD_ENOTFOUND, "role",
                       "%s does not exist (create it, or add --create and a password on "
                       "standard input)",
                       role);
    if (create && !ri->can_create_role)
        return err_set(e, PD_EFORBID, "role",
                       "%s may not create roles (CREATEROLE): create %s as a superuser first",
                       ri->current_user ? ri->current_user : "this user", role);
    if (!ri->exists)
        return PD_OK;
    if (ri->is_current_user)
        return err_set(e, PD_EINVAL, "role",
                       "is the user connected now, the owner: name another role for serve");
    if (ri->superuser)
        return err_set(e, PD_EINVAL, "role", "%s is a superuser: no grant can limit it", role);
    if (ri->createrole)
        return err_set(e, PD_EINVAL, "role",
                       "%s has CREATEROLE and could grant itself more: ALTER ROLE %s NOCREATEROLE",
                       role, role);
    if (ri->owned > 0)
        return err_set(e, PD_EINVAL, "role",
                       "%s owns (or belongs to the owner of) the tables, the schema or the "
                       "database: owners are not bound by grants",
                       role);
    return PD_OK;
}

/* The role holds exactly the runtime privileges: more (through PUBLIC or a role it belongs
 * to) is refused, so the command never reports a least-privilege role that is not one. */
static int check_outcome(struct app_req *r, const char *role, const struct pg_schema_privs *p)
{
    if (!p->usage)
        return err_set(&r->err, PD_EFORBID, "db",
                       "%s has no USAGE on schema %s, and this user does not own the schema to "
                       "grant it",
                       role, p->schema);
    if (p->create)
        return err_set(&r->err, PD_EINVAL, "role",
                       "%s may still CREATE in schema %s (through PUBLIC or another role): "
                       "revoke that as the schema's owner",
                       role, p->schema);
    for (size_t i = 0; i < p->n; i++) {
        const char *want = expected(&p->tables[i]);
        if (strcmp(p->tables[i].privs, want) != 0)
            return err_set(&r->err, PD_EINVAL, "role",
                           "%s holds %s on %s instead of %s (through PUBLIC or a role it "
                           "belongs to): revoke it there",
                           role, *p->tables[i].privs ? p->tables[i].privs : "nothing",
                           p->tables[i].name, want);
    }
    return PD_OK;
}

int app_db_grant(struct app_req *r, const char *role, bool create, const char *password,
                 struct db_grant_result *out)
{
    struct pg_role_info ri;

    memset(out, 0, sizeof(*out));
    if (app_need_db(r) != PD_OK || app_db_role_name_check(role, &r->err) != PD_OK)
        return r->err.code;
    if (db_dialect(r->db) != DB_DIALECT_PG)
        return err_set(&r->err, PD_EINVAL, "db",
                       "SQLite has no roles or grants: protect the database file with its "
                       "owner and mode (0600) instead");
    if (create) {
        size_t n = password ? strlen(password) : 0;
        if (n < DB_ROLE_PASSWORD_MIN || n > DB_ROLE_PASSWORD_MAX)
            return err_set(&r->err, PD_EINVAL, "password", "must be %d to %d bytes",
                           DB_ROLE_PASSWORD_MIN, DB_ROLE_PASSWORD_MAX);
    }
    if (store_check_schema(r->db, &r->err) != PD_OK)
        return r->err.code;

    struct audit_event ev = {.event = "db.grant",
                             .action = create ? 'C' : 'U',
                             .record_type = "db_role",
                             .record_id = role,
                             .actor_role = "cli",
                             .access_basis = "cli"};
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return r->err.code;
    if (store_pg_role_info(r->db, r->arena, role, &ri, &r->err) != PD_OK ||
        check_role(r, role, create, &ri) != PD_OK)
        return app_fail(r);
    if (create && store_pg_role_create(r->db, role, password, &r->err) != PD_OK)
        return app_fail(r);
    out->created = create;
    out->can_login = create || ri.can_login;
    if (store_pg_grant_runtime(r->db, role, &r->err) != PD_OK ||
        store_pg_privileges(r->db, r->arena, role, &out->now, &r->err) != PD_OK ||
        check_outcome(r, role, &out->now) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
