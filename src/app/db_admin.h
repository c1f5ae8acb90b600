/*
 * db_admin.h: `peerdesk db grant`: a least-privilege PostgreSQL role for `peerdesk serve`
 * (docs/scaling.md section 5). Run from the command line as the owner of the tables, after
 * `peerdesk init`; refused on SQLite, which has no roles.
 */
#ifndef PD_APP_DB_ADMIN_H
#define PD_APP_DB_ADMIN_H

#include "../store/store_pg_admin.h"
#include "app.h"

#define DB_ROLE_PASSWORD_MIN 16 /* bytes; a machine's password, kept in a file */
#define DB_ROLE_PASSWORD_MAX 128
/* What the runtime role holds on every table but audit_log, audit_head and schema_version. */
#define DB_RUNTIME_TABLE_PRIVS "SELECT,INSERT,UPDATE,DELETE"

struct db_grant_result {
    bool created;               /* the role was made by this run (--create) */
    bool can_login;             /* false: a group role, to be granted to a login role */
    struct pg_schema_privs now; /* what the role holds afterwards, checked */
};

/* Check the role name (a-z, 0-9, '_', starting with a letter or '_', at most 63 bytes, not
 * pg_...); PD_EINVAL naming "role" when it is not one. */
int app_db_role_name_check(const char *role, struct pd_err *e);

/* In one write transaction: (with create: CREATE ROLE role LOGIN PASSWORD password,) replace
 * the role's privileges by the runtime set (store_pg_grant_runtime), check that the role
 * holds exactly that set and no more (PUBLIC and roles it belongs to count), and write the
 * audit entry db.grant. Refuses a role that is a superuser, may create roles, is the
 * connected user or (a member of) the owner of the tables, the schema or the database. */
int app_db_grant(struct app_req *r, const char *role, bool create, const char *password,
                 struct db_grant_result *out);

#endif
