/*
 * people_admin.c: creating and managing organisations and workers. These use cases run
 * from the CLI (actor NULL: recorded as the command line) and from the admin API (actor
 * set: the admin's own organisation only; a worker of another organisation is "not
 * found", the same answer as none). Also the one thing a worker changes about their own
 * account besides the second factor: the language of the UI.
 */
#include <string.h>

#include "../domain/password.h"
#include "../domain/role.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/ptime.h"
#include "app_int.h"
#include "vocab.h"

/* Audit entries of the command line carry this role and basis: a person at the server
 * with access to the database file. */
#define CLI_ROLE  "cli"
#define CLI_BASIS "cli"

static void audit_fill_cli(struct app_req *r, struct audit_event *ev)
{
    if (!r->actor) {
        ev->actor_role = CLI_ROLE;
        ev->access_basis = CLI_BASIS;
    } else if (!ev->access_basis) {
        ev->access_basis = "admin";
    }
}

static int begin_write(struct app_req *r)
{
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    return db_begin(r->db, DB_TXN_WRITE, &r->err);
}

int app_org_add(struct app_req *r, const char *slug, const char *name, struct org *out)
{
    struct org o = {0};

    if (org_check_slug(slug, "slug", &r->err) != PD_OK || check_name(name, "name", &r->err))
        return r->err.code;
    uuid7_new(o.id);
    o.slug = slug;
    o.name = name;
    o.totp_roles = role_default_totp_mask();
    o.created_at = app_now_iso(r);
    o.version = 1;

    struct audit_event ev = {.event = "org.create",
                             .action = 'C',
                             .record_type = "org",
                             .record_id = o.id,
                             .org_id = o.id};
    audit_fill_cli(r, &ev);
    if (begin_write(r) != PD_OK || store_org_insert(r->db, &o, &r->err) != PD_OK ||
        vocab_seed_org(r, o.id) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = o;
    return PD_OK;
}

int app_org_list(struct app_req *r, struct org **out, size_t *n)
{
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    return store_org_list(r->db, r->arena, out, n, &r->err);
}

int app_user_add(struct app_req *r, const char *org_slug, const char *email, const char *name,
                 const char *roles_csv, const char *password, struct worker *out)
{
    struct org o;
    struct worker w = {0};
    char *norm = arena_alloc(r->arena, LIMIT_EMAIL_BYTES + 1);
    char *hash = arena_alloc(r->arena, PWHASH_STR_BYTES);

    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (email_normalise(email, "email", norm, &r->err) != PD_OK ||
        check_name(name, "name", &r->err) != PD_OK ||
        role_parse_list(roles_csv, "role", &w.roles, &r->err) != PD_OK ||
        password_check_policy(password, strlen(password), "password", &r->err) != PD_OK)
        return r->err.code;
    /* The admin API creates workers in the admin's own organisation (org_slug NULL). */
    int rc = org_slug   ? store_org_by_slug(r->db, r->arena, org_slug, &o, &r->err)
             : r->actor ? store_org_by_id(r->db, r->arena, r->actor->org_id, &o, &r->err)
                        : err_set(&r->err, PD_EMISSING, "org", "is required");
    if (rc == PD_ENOTFOUND) {
        err_clear(&r->err);
        return err_set(&r->err, PD_ENOTFOUND, "org", "no organisation with that slug");
    }
    if (rc != PD_OK)
        return rc;
    if (r->actor && strcmp(r->actor->org_id, o.id) != 0)
        return err_set(&r->err, PD_ENOTFOUND, "org", "no organisation with that slug");
    if (auth_hash_password(password, hash, PWHASH_STR_BYTES, &r->err) != PD_OK)
        return r->err.code;

    uuid7_new(w.id);
    memcpy(w.org_id, o.id, sizeof(w.org_id));
    w.email = norm;
    w.name = name;
    w.status = WORKER_ACTIVE;
    w.pw_hash = hash;
    w.created_at = w.updated_at = app_now_iso(r);
    w.version = 1;

    struct audit_event ev = {.event = "worker.create",
                             .action = 'C',
                             .record_type = "worker",
                             .record_id = w.id,
                             .org_id = o.id};
    audit_fill_cli(r, &ev);
    if (begin_write(r) != PD_OK || store_worker_insert(r->db, &w, &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    w.pw_hash = NULL;
    if (out)
        *out = w;
    return PD_OK;
}

int app_user_list(struct app_req *r, const char *org_slug, struct worker **out, size_t *n)
{
    struct org o;
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    int rc = store_org_by_slug(r->db, r->arena, org_slug, &o, &r->err);
    if (rc == PD_ENOTFOUND) {
        err_clear(&r->err);
        return err_set(&r->err, PD_ENOTFOUND, "org", "no organisation with that slug");
    }
    if (rc != PD_OK)
        return rc;
    return store_worker_list(r->db, r->arena, o.id, NULL, LIMIT_PAGE_MAX * 1000, out, n, &r->err);
}

static int find_worker(struct app_req *r, const char *email, struct worker *w)
{
    char norm[LIMIT_EMAIL_BYTES + 1];
    if (email_normalise(email, "email", norm, &r->err) != PD_OK)
        return r->err.code;
    int rc = store_worker_by_email(r->db, r->arena, norm, w, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && r->actor && strcmp(r->actor->org_id, w->org_id))) {
        err_clear(&r->err);
        return err_set(&r->err, PD_ENOTFOUND, "email", "no worker with that email address");
    }
    return rc;
}

int app_user_disable(struct app_req *r, const char *email)
{
    struct worker w;
    if (app_need_db(r) != PD_OK || find_worker(r, email, &w) != PD_OK)
        return r->err.code;
    struct audit_event ev = {.event = "worker.disable",
                             .action = 'U',
                             .record_type = "worker",
                             .record_id = w.id,
                             .org_id = w.org_id};
    audit_fill_cli(r, &ev);
    if (begin_write(r) != PD_OK ||
        store_worker_set_status(r->db, w.id, WORKER_DISABLED, app_now_iso(r), &r->err) ||
        store_session_end_worker(r->db, w.id, ptime_now_ms(), &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_user_passwd(struct app_req *r, const char *email, const char *password)
{
    struct worker w;
    char hash[PWHASH_STR_BYTES];
    if (app_need_db(r) != PD_OK || find_worker(r, email, &w) != PD_OK)
        return r->err.code;
    if (password_check_policy(password, strlen(password), "password", &r->err) != PD_OK ||
        auth_hash_password(password, hash, sizeof(hash), &r->err) != PD_OK)
        return r->err.code;
    struct audit_event ev = {.event = "worker.password",
                             .action = 'U',
                             .record_type = "worker",
                             .record_id = w.id,
                             .org_id = w.org_id};
    audit_fill_cli(r, &ev);
    if (begin_write(r) != PD_OK ||
        store_worker_set_password(r->db, w.id, hash, app_now_iso(r), &r->err) != PD_OK ||
        store_session_end_worker(r->db, w.id, ptime_now_ms(), &r->err) != PD_OK ||
        auth_throttle_clear(r, w.email) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

json_t *worker_to_json(const struct worker *w)
{
    json_t *roles = json_array();
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (w->roles & role_table[i].role)
            json_array_append_new(roles, json_string(role_table[i].code));
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:b}", "id", w->id, "org_id", w->org_id,
                       "email", w->email, "name", w->name, "roles", roles, "status",
                       w->status == WORKER_ACTIVE ? "active" : "disabled", "second_factor",
                       w->totp_enabled);
}

json_t *org_to_json(const struct org *o)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s}", "id", o->id, "slug", o->slug, "name", o->name,
                       "created_at", o->created_at ? o->created_at : "");
}

int app_user_page(struct app_req *r, const char *after, int limit, struct worker **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    return store_worker_list(r->db, r->arena, r->actor->org_id, after, limit, out, n, &r->err);
}

/* ---- one worker of the actor's organisation (admin API) ---- */

/* The worker `id` of the actor's organisation. One of another organisation is
 * PD_ENOTFOUND, like one that does not exist, so ids of other organisations leak nothing. */
static int worker_of_org(struct app_req *r, const char *id, struct worker *w)
{
    int rc = store_worker_by_id(r->db, r->arena, id, w, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && strcmp(w->org_id, r->actor->org_id) != 0)) {
        err_clear(&r->err);
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such worker");
    }
    return rc;
}

static int status_parse(struct app_req *r, const char *s, enum worker_status *out)
{
    if (strcmp(s, "active") == 0)
        *out = WORKER_ACTIVE;
    else if (strcmp(s, "disabled") == 0)
        *out = WORKER_DISABLED;
    else
        return err_set(&r->err, PD_EINVAL, "status", "must be active or disabled");
    return PD_OK;
}

int app_user_get(struct app_req *r, const char *id, struct worker *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    return worker_of_org(r, id, out);
}

/* Sessions keep the level reached at login. A worker given a role that needs a second
 * factor (by the organisation's policy) who has none set up must log in again, which then
 * asks them to set it up; otherwise the new role would reach client data on a password
 * alone until the session ends (security.md: second factor). */
static int needs_new_login(struct app_req *r, const struct worker *before, unsigned roles,
                           bool *yes)
{
    struct org o;
    *yes = false;
    if (before->totp_enabled || roles == before->roles)
        return PD_OK;
    if (store_org_by_id(r->db, r->arena, before->org_id, &o, &r->err) != PD_OK)
        return r->err.code;
    *yes = (roles & o.totp_roles) != 0 && (before->roles & o.totp_roles) == 0;
    return PD_OK;
}

int app_user_update(struct app_req *r, const char *id, int64_t version, const char *name,
                    const char *roles_csv, const char *status, struct worker *out)
{
    struct worker cur, w;
    unsigned roles = 0;
    enum worker_status st = WORKER_ACTIVE;
    bool relogin = false;

    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if ((name && check_name(name, "name", &r->err) != PD_OK) ||
        (roles_csv && role_parse_list(roles_csv, "roles", &roles, &r->err) != PD_OK) ||
        (status && status_parse(r, status, &st) != PD_OK))
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || worker_of_org(r, id, &cur) != PD_OK)
        return app_fail(r);
    if (cur.version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the worker changed since you read it");
        app_fail(r);
        if (out)
            *out = cur;
        return PD_ESTALE;
    }
    /* An administrator cannot lock themself out: someone must be left to undo a mistake,
     * and with this rule the acting administrator always is. */
    bool self = strcmp(cur.id, r->actor->user_id) == 0;
    if (self && status && st == WORKER_DISABLED) {
        err_set(&r->err, PD_ECONFLICT, "status", "you cannot disable your own account");
        return app_fail(r);
    }
    if (self && roles_csv && !(roles & ROLE_ADMIN)) {
        err_set(&r->err, PD_ECONFLICT, "roles", "you cannot remove your own admin role");
        return app_fail(r);
    }

    w = cur;
    if (name)
        w.name = name;
    if (roles_csv)
        w.roles = roles;
    if (status)
        w.status = st;
    w.updated_at = app_now_iso(r);
    bool disabling = cur.status == WORKER_ACTIVE && w.status == WORKER_DISABLED;
    struct audit_event ev = {.event = disabling ? "worker.disable" : "worker.update",
                             .action = 'U',
                             .record_type = "worker",
                             .record_id = cur.id,
                             .org_id = cur.org_id};
    audit_fill_cli(r, &ev);
    if (needs_new_login(r, &cur, w.roles, &relogin) != PD_OK ||
        store_worker_update(r->db, &w, version, &r->err) != PD_OK ||
        ((disabling || relogin) &&
         store_session_end_worker(r->db, cur.id, ptime_now_ms(), &r->err) != PD_OK) ||
        worker_of_org(r, id, &w) != PD_OK || audit_write(r, &ev) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = w;
    return PD_OK;
}

/* ---- the logged-in worker's own preferences ---- */

static const char *const ui_langs[] = {"nl", "en", NULL};

int app_me_get(struct app_req *r, struct worker *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    return store_worker_by_id(r->db, r->arena, r->actor->user_id, out, &r->err);
}

int app_me_set_lang(struct app_req *r, const char *lang, struct worker *out)
{
    const char *code = NULL;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    for (size_t i = 0; ui_langs[i] && !code; i++)
        if (lang && strcmp(ui_langs[i], lang) == 0)
            code = ui_langs[i];
    if (!code)
        return err_set(&r->err, PD_EINVAL, "lang", "must be nl or en");
    struct audit_event ev = {.event = "me.update",
                             .action = 'U',
                             .record_type = "worker",
                             .record_id = r->actor->user_id,
                             .access_basis = "self"};
    if (begin_write(r) != PD_OK ||
        store_worker_set_lang(r->db, r->actor->user_id, code, &r->err) != PD_OK ||
        store_worker_by_id(r->db, r->arena, r->actor->user_id, out, &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
