/*
 * assignments.c: see assignments.h.
 */
#include "assignments.h"

#include <string.h>

#include "../domain/role.h"
#include "app_int.h"
#include "clients.h"
#include "vocab.h"

static const char *today(struct app_req *r)
{
    return arena_strndup(r->arena, app_now_iso(r), 10);
}

int app_assignment_create(struct app_req *r, const struct dossier_access *acc,
                          const char *worker_id, const char *role, const char *start_on,
                          const char *pattern, const char *agreed_on, struct assignment_rec *out)
{
    struct worker w;
    unsigned need_role;
    bool dup = false;

    if (role && strcmp(role, "generalist") == 0)
        need_role = ROLE_GENERALIST;
    else if (role && (strcmp(role, "expert") == 0 || strcmp(role, "bridging_expert") == 0))
        need_role = ROLE_EXPERT;
    else
        return err_set(&r->err, PD_EINVAL, "role", "generalist, expert or bridging_expert");
    if (acc->closed)
        return err_set(&r->err, PD_EINVAL, "dossier", "the dossier is closed; reopen it first");
    if (app_check_date(r, start_on, "start_on") != PD_OK ||
        app_check_date(r, agreed_on, "intensity.agreed_on") != PD_OK ||
        vocab_check(r, "intensity_pattern", pattern, "intensity.pattern") != PD_OK)
        return r->err.code;
    int rc = store_worker_by_id(r->db, r->arena, worker_id ? worker_id : "", &w, &r->err);
    if (rc == PD_ENOTFOUND ||
        (rc == PD_OK && (strcmp(w.org_id, r->actor->org_id) != 0 || w.status != WORKER_ACTIVE))) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EINVAL, "worker_id",
                       "not an active worker of this organisation");
    }
    if (rc != PD_OK)
        return rc;
    if (!(w.roles & need_role))
        return err_set(&r->err, PD_EINVAL, "worker_id", "this worker does not hold the %s role",
                       role_code(need_role));
    if (store_assignment_exists(r->db, acc->dossier_id, w.id, role, today(r), &dup, &r->err) !=
        PD_OK)
        return r->err.code;
    if (dup)
        return err_set(&r->err, PD_ECONFLICT, "worker_id",
                       "already assigned in this role on this dossier");
    const char *now = app_now_iso(r);
    struct assignment_rec s = {.role = role,
                               .start_on = start_on,
                               .created_at = now,
                               .version = 1,
                               .worker_name = w.name,
                               .pattern = pattern,
                               .agreed_on = agreed_on};
    uuid7_new(s.id);
    memcpy(s.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(s.dossier_id, acc->dossier_id, UUID_STR_BYTES);
    memcpy(s.worker_id, w.id, UUID_STR_BYTES);
    if (store_assignment_insert(r->db, &s, &r->err) != PD_OK ||
        store_intensity_insert(r->db, s.org_id, s.id, pattern, agreed_on, r->actor->user_id, now,
                               &r->err) != PD_OK)
        return r->err.code;
    if (out)
        *out = s;
    return PD_OK;
}

int app_assignment_add(struct app_req *r, const char *dossier_id, const char *worker_id,
                       const char *role, const char *start_on, const char *pattern,
                       const char *agreed_on, struct assignment_rec *out)
{
    struct dossier_access acc;
    struct assignment_rec s;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (role && strcmp(role, "expert") == 0)
        return err_set(&r->err, PD_EINVAL, "role",
                       "experts are assigned by allocating a request; use generalist or "
                       "bridging_expert");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        app_access_dossier(r, dossier_id, NEED_DOSSIER_MANAGE, "assignment.create", &acc) !=
            PD_OK ||
        app_assignment_create(r, &acc, worker_id, role, start_on, pattern, agreed_on, &s) !=
            PD_OK ||
        audit_client(r, &acc, "assignment.create", 'C', "assignment", s.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = s;
    return PD_OK;
}

/* Open the transaction, load the assignment and check access to its dossier. Someone who
 * may not see the dossier gets the same answer as for a missing assignment. */
static int assignment_begin(struct app_req *r, const char *id, enum access_need need,
                            const char *event, struct assignment_rec *s, struct dossier_access *acc)
{
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return r->err.code;
    int rc = store_assignment_get(r->db, r->arena, r->actor->org_id,
                                  id && uuid_valid(id, strlen(id)) ? id : "", s, &r->err);
    if (rc == PD_ENOTFOUND) {
        err_clear(&r->err);
        return app_access_dossier(r, NULL, need, event, acc);
    }
    if (rc != PD_OK)
        return rc;
    return app_access_dossier(r, s->dossier_id, need, event, acc);
}

static int still_runs(struct app_req *r, const struct assignment_rec *s)
{
    if (s->end_on && strcmp(s->end_on, today(r)) < 0)
        return err_set(&r->err, PD_EINVAL, "assignment", "this assignment has ended");
    return PD_OK;
}

/* A stale version: fill *out with the current assignment and fail with PD_ESTALE. */
static int stale(struct app_req *r, const struct assignment_rec *cur, struct assignment_rec *out)
{
    if (out)
        *out = *cur;
    err_set(&r->err, PD_ESTALE, "If-Match", "the assignment changed since you read it");
    return app_fail(r);
}

int app_assignment_intensity(struct app_req *r, const char *assignment_id, int64_t version,
                             const char *pattern, const char *agreed_on, struct assignment_rec *out)
{
    struct assignment_rec s;
    struct dossier_access acc;
    if (assignment_begin(r, assignment_id, NEED_DOSSIER_WRITE, "assignment.intensity", &s, &acc) !=
        PD_OK)
        return app_fail(r);
    if (still_runs(r, &s) != PD_OK || app_check_date(r, agreed_on, "agreed_on") != PD_OK ||
        vocab_check(r, "intensity_pattern", pattern, "pattern") != PD_OK)
        return app_fail(r);
    if (s.version != version)
        return stale(r, &s, out);
    s.end_on = NULL;
    if (store_assignment_touch(r->db, &s, &r->err) != PD_OK ||
        store_intensity_insert(r->db, s.org_id, s.id, pattern, agreed_on, r->actor->user_id,
                               app_now_iso(r), &r->err) != PD_OK ||
        store_assignment_get(r->db, r->arena, r->actor->org_id, s.id, &s, &r->err) != PD_OK ||
        audit_client(r, &acc, "assignment.intensity", 'U', "assignment", s.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = s;
    return PD_OK;
}

int app_assignment_end(struct app_req *r, const char *assignment_id, int64_t version,
                       const char *end_on, struct assignment_rec *out)
{
    struct assignment_rec s;
    struct dossier_access acc;
    /* The responsible generalist ends any assignment; a worker may end their own. The
     * write check runs first so a stranger is refused like a missing record. */
    if (assignment_begin(r, assignment_id, NEED_DOSSIER_WRITE, "assignment.end", &s, &acc) != PD_OK)
        return app_fail(r);
    if (acc.basis != BASIS_RESPONSIBLE && strcmp(s.worker_id, r->actor->user_id) != 0) {
        err_set(&r->err, PD_EFORBID, NULL,
                "only the responsible generalist ends someone else's assignment");
        return app_fail(r);
    }
    if (still_runs(r, &s) != PD_OK || app_check_date(r, end_on, "end_on") != PD_OK)
        return app_fail(r);
    if (strcmp(end_on, s.start_on) < 0) {
        err_set(&r->err, PD_EINVAL, "end_on", "lies before the start of the assignment");
        return app_fail(r);
    }
    if (s.version != version)
        return stale(r, &s, out);
    s.end_on = end_on;
    if (store_assignment_touch(r->db, &s, &r->err) != PD_OK ||
        store_assignment_get(r->db, r->arena, r->actor->org_id, s.id, &s, &r->err) != PD_OK ||
        audit_client(r, &acc, "assignment.end", 'U', "assignment", s.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (out)
        *out = s;
    return PD_OK;
}
