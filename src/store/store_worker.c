/*
 * store_worker.c: workers (the people who log in), their roles and their second factor.
 *
 * Roles are stored one row per role, by code ("generalist"), not as the enum's bit set:
 * the rows read well in SQL and stay right if the bits are ever renumbered. The table
 * below is the mapping; the CHECK in migration 0001 lists the same codes. Lookups fetch
 * the roles with a second statement per worker (worker_roles): SQLite's group_concat and
 * PostgreSQL's string_agg have no common spelling.
 *
 * The password hash is read only by store_worker_by_email (login); other reads leave
 * pw_hash NULL so hashes do not travel further than they must.
 *
 * `lang` (migration 0005) is a preference of the worker, not part of the record an
 * administrator edits: store_worker_insert leaves it to the column default ('nl') and
 * store_worker_set_lang does not bump the version, so choosing a language never makes an
 * administrator's open edit stale.
 */
#include <string.h>

#include "../domain/role.h"
#include "../lib/limits.h"
#include "../lib/log.h"
#include "../lib/size.h"
#include "store.h"
#include "store_util.h"

static const struct {
    unsigned bit;
    const char *code;
} role_codes[] = {
    {ROLE_ADMIN, "admin"},           {ROLE_COORDINATOR, "coordinator"},
    {ROLE_GENERALIST, "generalist"}, {ROLE_EXPERT, "expert"},
    {ROLE_COACH, "coach"},           {ROLE_TRAINER, "trainer"},
    {ROLE_STUDENT, "student"},       {ROLE_MANAGER, "manager"},
    {ROLE_RESEARCHER, "researcher"}, {ROLE_PRIVACY_OFFICER, "privacy_officer"},
};

#define N_ROLE_CODES (sizeof(role_codes) / sizeof(role_codes[0]))

/* A role code to its bit; unknown codes are logged and skipped (the CHECK constraint
 * makes them impossible short of tampering). */
static unsigned role_bit(const char *s)
{
    for (size_t i = 0; i < N_ROLE_CODES; i++)
        if (strcmp(role_codes[i].code, s) == 0)
            return role_codes[i].bit;
    log_error("worker_role holds an unknown role code");
    return 0;
}

/* Fills w->roles from worker_role. */
static int worker_roles(struct db *db, struct worker *w, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT role FROM worker_role WHERE worker_id = ?", e);
    unsigned mask = 0;
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, w->id);
    while ((rc = db_step(st, e)) == DB_ROW)
        mask |= role_bit(db_col_text(st, 0));
    if (rc < 0)
        return rc;
    w->roles = mask;
    return PD_OK;
}

/* Checked before anything is written, so a bad mask changes nothing. */
static int roles_check(unsigned roles, struct pd_err *e)
{
    unsigned known = 0;
    for (size_t i = 0; i < N_ROLE_CODES; i++)
        known |= role_codes[i].bit;
    if (roles & ~known)
        return err_set(e, PD_EINTERNAL, "roles", "unknown role bits 0x%x", roles & ~known);
    return PD_OK;
}

static int roles_insert(struct db *db, const char *org_id, const char *worker_id, unsigned roles,
                        struct pd_err *e)
{
    for (size_t i = 0; i < N_ROLE_CODES; i++) {
        if (!(roles & role_codes[i].bit))
            continue;
        struct db_stmt *st =
            db_prepare(db, "INSERT INTO worker_role (org_id, worker_id, role) VALUES (?, ?, ?)", e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, worker_id);
        db_bind_text(st, 3, role_codes[i].code);
        int rc = db_step(st, e);
        if (rc < 0)
            return rc;
    }
    return PD_OK;
}

/* Replace the worker's role rows by `roles` (already checked by roles_check). */
static int roles_replace(struct db *db, const char *org_id, const char *worker_id, unsigned roles,
                         struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM worker_role WHERE worker_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return roles_insert(db, org_id, worker_id, roles, e);
}

static const char *status_code(enum worker_status s)
{
    return s == WORKER_DISABLED ? "disabled" : "active";
}

int store_worker_insert(struct db *db, const struct worker *w, struct pd_err *e)
{
    if (!w->pw_hash)
        return err_set(e, PD_EINTERNAL, "pw_hash", "worker inserted without a password hash");
    if (roles_check(w->roles, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO worker (id, org_id, email, name, pw_hash,"
                                    " status, created_at, updated_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, w->id);
    db_bind_text(st, 2, w->org_id);
    db_bind_text(st, 3, w->email);
    db_bind_text(st, 4, w->name);
    db_bind_text(st, 5, w->pw_hash);
    db_bind_text(st, 6, status_code(w->status));
    db_bind_text(st, 7, w->created_at);
    db_bind_text(st, 8, w->updated_at ? w->updated_at : w->created_at);
    db_bind_int64(st, 9, w->version > 0 ? w->version : 1);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    return roles_insert(db, w->org_id, w->id, w->roles, e);
}

/* Columns 0..10 as worker_read expects them; WORKER_COLS_PW also reads the hash. The
 * roles come from worker_roles. */
#define WORKER_COLS_TAIL                                                                           \
    ", CASE WHEN w.totp_secret IS NOT NULL THEN 1 ELSE 0 END, w.created_at, w.updated_at,"         \
    " w.version, w.lang"
#define WORKER_COLS_PW "w.id, w.org_id, w.email, w.name, w.status, w.pw_hash" WORKER_COLS_TAIL
#define WORKER_COLS    "w.id, w.org_id, w.email, w.name, w.status, NULL" WORKER_COLS_TAIL

static void worker_read(struct db_stmt *st, struct arena *a, struct worker *w)
{
    *w = (struct worker){0};
    store_col_id(st, 0, w->id);
    store_col_id(st, 1, w->org_id);
    w->email = arena_strdup(a, db_col_text(st, 2));
    w->name = arena_strdup(a, db_col_text(st, 3));
    w->status = strcmp(db_col_text(st, 4), "disabled") == 0 ? WORKER_DISABLED : WORKER_ACTIVE;
    w->pw_hash = db_col_is_null(st, 5) ? NULL : arena_strdup(a, db_col_text(st, 5));
    w->totp_enabled = db_col_int64(st, 6) != 0;
    w->created_at = arena_strdup(a, db_col_text(st, 7));
    w->updated_at = arena_strdup(a, db_col_text(st, 8));
    w->version = db_col_int64(st, 9);
    w->lang = arena_strdup(a, db_col_text(st, 10));
}

static int worker_one(struct db *db, struct db_stmt *st, struct arena *a, struct worker *out,
                      struct pd_err *e)
{
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return err_set(e, PD_ENOTFOUND, "worker", "no such worker");
    worker_read(st, a, out);
    db_reset(st);
    return worker_roles(db, out, e);
}

int store_worker_by_email(struct db *db, struct arena *a, const char *email, struct worker *out,
                          struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " WORKER_COLS_PW " FROM worker w WHERE w.email = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, email);
    return worker_one(db, st, a, out, e);
}

int store_worker_by_id(struct db *db, struct arena *a, const char *id, struct worker *out,
                       struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT " WORKER_COLS " FROM worker w WHERE w.id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    return worker_one(db, st, a, out, e);
}

/* Every row of a bound statement into an arena array. */
static int worker_rows(struct db *db, struct db_stmt *st, struct arena *a, struct worker **out,
                       size_t *n, struct pd_err *e)
{
    size_t cap = 16, len = 0;
    struct worker *v = arena_array(a, cap, sizeof(*v));
    int rc;

    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        worker_read(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < len; i++)
        if ((rc = worker_roles(db, &v[i], e)) != PD_OK)
            return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_worker_list(struct db *db, struct arena *a, const char *org_id, const char *after_email,
                      int limit, struct worker **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " WORKER_COLS " FROM worker w WHERE w.org_id = ?"
                                    " AND w.email > ? ORDER BY w.email LIMIT ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, after_email ? after_email : "");
    db_bind_int64(st, 3, limit > 0 ? limit : 0);
    return worker_rows(db, st, a, out, n, e);
}

int store_worker_colleagues(struct db *db, struct arena *a, const char *org_id, unsigned roles,
                            struct worker **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " WORKER_COLS " FROM worker w"
                                    " WHERE w.org_id = ?1 AND w.status = 'active'"
                                    " AND EXISTS (SELECT 1 FROM worker_role r"
                                    "  WHERE r.worker_id = w.id"
                                    "  AND r.role IN (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))"
                                    " ORDER BY w.name, w.email LIMIT ?2",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_int64(st, 2, LIMIT_COLLEAGUES);
    /* one parameter per role: the code when the role is asked for, else NULL (never equal) */
    _Static_assert(ROLE_COUNT == 10, "one SQL parameter per role");
    for (int i = 0; i < ROLE_COUNT; i++)
        db_bind_text(st, 3 + i, (roles & (1u << i)) ? role_code((enum role)(1u << i)) : NULL);
    return worker_rows(db, st, a, out, n, e);
}

int store_worker_list_team(struct db *db, struct arena *a, const char *org_id, const char *team_id,
                           struct worker **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " WORKER_COLS " FROM worker w"
                                    " JOIN team_member m ON m.worker_id = w.id"
                                    " WHERE m.team_id = ? AND m.org_id = ? AND w.org_id = ?"
                                    " ORDER BY w.name, w.email",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, team_id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, org_id);
    return worker_rows(db, st, a, out, n, e);
}

/* After an UPDATE by id: PD_ENOTFOUND when it touched no row. */
static int changed_one(struct db *db, int rc, struct pd_err *e)
{
    if (rc < 0)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, "worker", "no such worker");
    return PD_OK;
}

int store_worker_set_status(struct db *db, const char *id, enum worker_status status,
                            const char *now, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE worker SET status = ?, updated_at = ?,"
                                    " version = version + 1 WHERE id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, status_code(status));
    db_bind_text(st, 2, now);
    db_bind_text(st, 3, id);
    return changed_one(db, db_step(st, e), e);
}

int store_worker_set_password(struct db *db, const char *id, const char *pw_hash, const char *now,
                              struct pd_err *e)
{
    if (!pw_hash)
        return err_set(e, PD_EINTERNAL, "pw_hash", "no password hash");
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE worker SET pw_hash = ?, updated_at = ?,"
                                    " version = version + 1 WHERE id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, pw_hash);
    db_bind_text(st, 2, now);
    db_bind_text(st, 3, id);
    return changed_one(db, db_step(st, e), e);
}

int store_worker_set_roles(struct db *db, const char *org_id, const char *id, unsigned roles,
                           const char *now, struct pd_err *e)
{
    if (roles_check(roles, e) != PD_OK)
        return e->code;
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE worker SET updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, now);
    db_bind_text(st, 2, id);
    db_bind_text(st, 3, org_id);
    if (changed_one(db, db_step(st, e), e) != PD_OK)
        return e->code;
    return roles_replace(db, org_id, id, roles, e);
}

int store_worker_update(struct db *db, const struct worker *w, int64_t version, struct pd_err *e)
{
    if (roles_check(w->roles, e) != PD_OK)
        return e->code;
    if (!w->roles)
        return err_set(e, PD_EINTERNAL, "roles", "a worker holds at least one role");
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE worker SET name = ?, status = ?, updated_at = ?,"
                                    " version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, w->name);
    db_bind_text(st, 2, status_code(w->status));
    db_bind_text(st, 3, w->updated_at);
    db_bind_text(st, 4, w->id);
    db_bind_text(st, 5, w->org_id);
    db_bind_int64(st, 6, version);
    if (store_step_versioned(db, st, "worker", e) != PD_OK)
        return e->code;
    return roles_replace(db, w->org_id, w->id, w->roles, e);
}

int store_worker_set_lang(struct db *db, const char *id, const char *lang, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "UPDATE worker SET lang = ? WHERE id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, lang);
    db_bind_text(st, 2, id);
    return changed_one(db, db_step(st, e), e);
}

/* ---- second factor ---- */

static int copy_secret(struct db_stmt *st, int col, uint8_t *out, size_t *len, struct pd_err *e)
{
    size_t n;
    const void *p = db_col_blob(st, col, &n);
    *len = 0;
    if (db_col_is_null(st, col))
        return PD_OK;
    if (n > sizeof(((struct worker_totp *)0)->secret)) {
        log_error("worker totp secret of %zu bytes", n);
        return err_set(e, PD_EDB, NULL, "stored second-factor secret is malformed");
    }
    if (n)
        memcpy(out, p, n);
    *len = n;
    return PD_OK;
}

int store_totp_get(struct db *db, const char *worker_id, struct worker_totp *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT totp_secret, totp_pending, totp_last_step FROM worker WHERE id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return err_set(e, PD_ENOTFOUND, "worker", "no such worker");
    *out = (struct worker_totp){0};
    rc = copy_secret(st, 0, out->secret, &out->secret_len, e);
    if (rc == PD_OK)
        rc = copy_secret(st, 1, out->pending, &out->pending_len, e);
    out->last_step = db_col_int64(st, 2);
    db_reset(st);
    return rc;
}

int store_totp_set_pending(struct db *db, const char *worker_id, const uint8_t *secret, size_t n,
                           struct pd_err *e)
{
    if (!secret || n == 0 || n > sizeof(((struct worker_totp *)0)->pending))
        return err_set(e, PD_EINTERNAL, "totp", "second-factor secret of %zu bytes", n);
    struct db_stmt *st = db_prepare(db, "UPDATE worker SET totp_pending = ? WHERE id = ?", e);
    if (!st)
        return e->code;
    db_bind_blob(st, 1, secret, n);
    db_bind_text(st, 2, worker_id);
    return changed_one(db, db_step(st, e), e);
}

int store_totp_activate(struct db *db, const char *worker_id, int64_t step, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE worker SET totp_secret = totp_pending,"
                                    " totp_pending = NULL, totp_last_step = ?"
                                    " WHERE id = ? AND totp_pending IS NOT NULL",
                                    e);
    if (!st)
        return e->code;
    db_bind_int64(st, 1, step);
    db_bind_text(st, 2, worker_id);
    return changed_one(db, db_step(st, e), e);
}

/* Only forwards: two logins racing with the same code both read the old last_step
 * before either wrote it; the second one's update changes nothing and is refused, so a
 * code works once (RFC 6238 section 5.2). */
int store_totp_set_last_step(struct db *db, const char *worker_id, int64_t step, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE worker SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", e);
    if (!st)
        return e->code;
    db_bind_int64(st, 1, step);
    db_bind_text(st, 2, worker_id);
    db_bind_int64(st, 3, step);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (db_changes(db) == 1)
        return PD_OK;
    struct worker_totp t;
    if (store_totp_get(db, worker_id, &t, e) != PD_OK)
        return e->code;
    return err_set(e, PD_ETOTP, "code", "this code was already used; wait for the next one");
}

int store_totp_clear(struct db *db, const char *worker_id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE worker SET totp_secret = NULL, totp_pending = NULL,"
                                    " totp_last_step = 0 WHERE id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    return changed_one(db, db_step(st, e), e);
}
