/*
 * breakglass.c: break-the-glass grants (see breakglass.h). The grant itself is one row;
 * the access rule that honours it lives in store_access.c and domain/access.c (read only,
 * one client, not ended, not expired).
 */
#include "breakglass.h"

#include <sodium.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/ptime.h"
#include "../lib/str.h"
#include "app_int.h"

/* Roles that care for clients and may therefore break the glass. */
#define BG_ROLES (ROLE_GENERALIST | ROLE_EXPERT | ROLE_COORDINATOR)

static size_t chars(const char *s)
{
    return s ? utf8_chars(s, strlen(s)) : 0;
}

/* ---- audit ---- */

static int audit_alone(struct app_req *r, const char *event, const char *outcome,
                       const char *record_id)
{
    struct audit_event ev = {.event = event,
                             .action = 'E',
                             .outcome = outcome,
                             .record_type = "break_glass",
                             .record_id = record_id,
                             .access_basis = "none"};
    return audit_write_alone(r, &ev);
}

/* Refused: rolled back, one entry of its own, then the error (fail closed). */
static int refuse(struct app_req *r, const char *event, const char *outcome, const char *record_id,
                  enum pd_code code, const char *detail)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    if (audit_alone(r, event, outcome, record_id) != PD_OK)
        return r->err.code;
    return err_set(&r->err, code, NULL, "%s", detail);
}

/* The entry about a grant, naming its client and the responsible generalist. */
static int audit_grant(struct app_req *r, const struct break_glass_rec *b, const char *event,
                       char action, const char *basis)
{
    bool exists = false;
    char responsible[UUID_STR_BYTES];
    if (store_client_lookup(r->db, b->org_id, b->client_id, &exists, responsible, &r->err) != PD_OK)
        return r->err.code;
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = "break_glass",
                             .record_id = b->id,
                             .client_id = b->client_id,
                             .on_behalf_user_id = *responsible ? responsible : NULL,
                             .access_basis = basis};
    return audit_write(r, &ev);
}

/* ---- use cases ---- */

int app_break_glass_start(struct app_req *r, const char *client_id, const char *reason,
                          const char *password, int minutes, struct break_glass_rec *out)
{
    struct worker me, login;
    uint8_t key[SESSION_HASH_BYTES];
    bool exists = false;
    char responsible[UUID_STR_BYTES];
    int64_t now = ptime_now_ms();

    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!(r->actor->roles & BG_ROLES))
        return refuse(r, "break_glass.start", "denied", NULL, PD_EFORBID,
                      "only workers who care for clients may break the glass");
    if (!client_id || !uuid_valid(client_id, strlen(client_id)))
        return err_set(&r->err, PD_EINVAL, "client_id", "a client id");
    size_t n = chars(reason);
    if (n < LIMIT_BREAK_GLASS_REASON_MIN || n > LIMIT_BREAK_GLASS_REASON_MAX)
        return err_set(&r->err, PD_EINVAL, "reason", "write why, in %d to %d characters",
                       LIMIT_BREAK_GLASS_REASON_MIN, LIMIT_BREAK_GLASS_REASON_MAX);
    if (minutes == 0)
        minutes = LIMIT_BREAK_GLASS_MINUTES;
    if (minutes < 1 || minutes > LIMIT_BREAK_GLASS_MINUTES)
        return err_set(&r->err, PD_EINVAL, "minutes", "1 to %d", LIMIT_BREAK_GLASS_MINUTES);
    if (!password || !*password)
        return err_set(&r->err, PD_EINVAL, "password", "type your password again");

    if (store_worker_by_id(r->db, r->arena, r->actor->user_id, &me, &r->err) != PD_OK ||
        store_worker_by_email(r->db, r->arena, me.email, &login, &r->err) != PD_OK)
        return r->err.code;
    auth_throttle_key(login.email, key);
    if (auth_throttle_check(r, key, now) != PD_OK) {
        struct pd_err keep = r->err;
        if (audit_alone(r, "break_glass.start", "denied", NULL) != PD_OK)
            return r->err.code;
        r->err = keep;
        return r->err.code;
    }
    if (!auth_verify_password(login.pw_hash, password)) {
        struct audit_event ev = {.event = "break_glass.start",
                                 .action = 'E',
                                 .outcome = "failure",
                                 .record_type = "break_glass",
                                 .access_basis = "none"};
        if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
            store_throttle_fail(r->db, key, now, &r->err) != PD_OK ||
            audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
            return app_fail(r);
        return err_set(&r->err, PD_EUNAUTH, "password", "the password is not correct");
    }

    char started[PTIME_ISO_BYTES], expires[PTIME_ISO_BYTES];
    ptime_fmt_iso(now, started);
    ptime_fmt_iso(now + (int64_t)minutes * 60000, expires);
    struct break_glass_rec b = {.reason = reason,
                                .started_at = arena_strdup(r->arena, started),
                                .expires_at = arena_strdup(r->arena, expires),
                                .version = 1};
    uuid7_new(b.id);
    memcpy(b.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(b.worker_id, r->actor->user_id, UUID_STR_BYTES);
    memcpy(b.client_id, client_id, UUID_STR_BYTES);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_throttle_clear(r->db, key, &r->err) != PD_OK ||
        store_client_lookup(r->db, r->actor->org_id, client_id, &exists, responsible, &r->err) !=
            PD_OK)
        return app_fail(r);
    if (!exists)
        return refuse(r, "break_glass.start", "denied", NULL, PD_ENOTFOUND, "no such client");
    if (store_break_glass_insert(r->db, &b, &r->err) != PD_OK ||
        audit_grant(r, &b, "break_glass.start", 'C', "break_glass") != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = b;
    return PD_OK;
}

int app_break_glass_stop(struct app_req *r, const char *id, int64_t version,
                         struct break_glass_rec *out)
{
    struct break_glass_rec b;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!id || !uuid_valid(id, strlen(id)))
        return refuse(r, "break_glass.stop", "denied", NULL, PD_ENOTFOUND, "no such grant");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_break_glass_get(r->db, r->arena, r->actor->org_id, id, &b, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && strcmp(b.worker_id, r->actor->user_id) != 0))
        return refuse(r, "break_glass.stop", "denied", id, PD_ENOTFOUND, "no such grant");
    if (rc != PD_OK)
        return app_fail(r);
    if (version && b.version != version) {
        *out = b;
        err_set(&r->err, PD_ESTALE, "If-Match", "the grant changed since you read it");
        return app_fail(r);
    }
    if (store_break_glass_end(r->db, r->actor->org_id, id, app_now_iso(r), &r->err) != PD_OK ||
        audit_grant(r, &b, "break_glass.stop", 'U', "break_glass") != PD_OK ||
        store_break_glass_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static int need_privacy_officer(struct app_req *r, const char *event)
{
    if (r->actor->roles & ROLE_PRIVACY_OFFICER)
        return PD_OK;
    return refuse(r, event, "denied", NULL, PD_EFORBID,
                  "only the privacy officer reviews break-the-glass grants");
}

int app_break_glass_queue(struct app_req *r, const char *after, int limit,
                          struct break_glass_rec **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK || need_privacy_officer(r, "break_glass.queue") != PD_OK)
        return r->err.code;
    if (after && !uuid_valid(after, strlen(after)))
        return err_set(&r->err, PD_EINVAL, "after", "a cursor from an earlier page");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_break_glass_queue(r->db, r->arena, r->actor->org_id, after, limit, out, n, &r->err) !=
            PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < *n; i++)
        if (audit_grant(r, &(*out)[i], "break_glass.queue", 'R', "privacy_officer") != PD_OK)
            return app_fail(r);
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_break_glass_review(struct app_req *r, const char *id, int64_t version, const char *outcome,
                           const char *note, struct break_glass_rec *out)
{
    struct break_glass_rec b;
    if (app_need_actor(r) != PD_OK || need_privacy_officer(r, "break_glass.review") != PD_OK)
        return r->err.code;
    if (!outcome || (strcmp(outcome, "justified") != 0 && strcmp(outcome, "unjustified") != 0))
        return err_set(&r->err, PD_EINVAL, "outcome", "justified or unjustified");
    size_t n = chars(note);
    if (n == 0 || n > LIMIT_BREAK_GLASS_NOTE_CHARS)
        return err_set(&r->err, PD_EINVAL, "note", "1 to %d characters",
                       LIMIT_BREAK_GLASS_NOTE_CHARS);
    if (!id || !uuid_valid(id, strlen(id)))
        return refuse(r, "break_glass.review", "denied", NULL, PD_ENOTFOUND, "no such grant");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_break_glass_get(r->db, r->arena, r->actor->org_id, id, &b, &r->err);
    if (rc == PD_ENOTFOUND)
        return refuse(r, "break_glass.review", "denied", id, PD_ENOTFOUND, "no such grant");
    if (rc != PD_OK)
        return app_fail(r);
    if (strcmp(b.worker_id, r->actor->user_id) == 0)
        return refuse(r, "break_glass.review", "denied", id, PD_EFORBID,
                      "a grant is reviewed by someone other than its holder");
    if (b.version != version || b.reviewed_at) {
        *out = b;
        err_set(&r->err, PD_ESTALE, "If-Match",
                b.reviewed_at ? "the grant has been reviewed already"
                              : "the grant changed since you read it");
        return app_fail(r);
    }
    b.reviewed_by = r->actor->user_id;
    b.reviewed_at = app_now_iso(r);
    b.review_outcome = outcome;
    b.review_note = note;
    if (store_break_glass_review(r->db, &b, &r->err) != PD_OK ||
        audit_grant(r, &b, "break_glass.review", 'U', "privacy_officer") != PD_OK ||
        store_break_glass_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

json_t *break_glass_to_json(const struct break_glass_rec *b)
{
    json_t *j = pdjson_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I}", "id", b->id, "worker_id",
        b->worker_id, "client_id", b->client_id, "reason", b->reason, "started_at", b->started_at,
        "expires_at", b->expires_at, "ended_at", pdjson_str_or_null(b->ended_at), "reviewed_by",
        pdjson_str_or_null(b->reviewed_by), "reviewed_at", pdjson_str_or_null(b->reviewed_at),
        "review_outcome", pdjson_str_or_null(b->review_outcome), "review_note",
        pdjson_str_or_null(b->review_note), "version", (json_int_t)b->version);
    if (b->worker_name)
        json_object_set_new(j, "worker",
                            pdjson_pack("{s:s, s:s, s:s}", "id", b->worker_id, "name",
                                        b->worker_name, "email", b->worker_email));
    return j;
}
