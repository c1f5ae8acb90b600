/*
 * learning_groups.c: learning groups and their members (see learning_groups.h).
 */
#include "learning_groups.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/str.h"
#include "app_int.h"
#include "clients.h"

static bool is_admin(const struct app_req *r)
{
    return (r->actor->roles & ROLE_ADMIN) != 0;
}

/* The actor's role in g ("trainer", "student") or NULL. */
static const char *role_in(const struct app_req *r, const struct lgroup *g)
{
    for (size_t i = 0; i < g->nmembers; i++)
        if (strcmp(g->members[i].worker_id, r->actor->user_id) == 0)
            return g->members[i].role;
    return NULL;
}

/* Load a group the actor may see (admin, or member); else PD_ENOTFOUND. */
static int visible_group(struct app_req *r, const char *id, struct lgroup *g)
{
    if (!id || !uuid_valid(id, strlen(id)))
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such learning group");
    if (store_lgroup_get(r->db, r->arena, r->actor->org_id, id, g, &r->err) != PD_OK)
        return r->err.code;
    if (!is_admin(r) && !role_in(r, g)) {
        err_clear(&r->err);
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such learning group");
    }
    return PD_OK;
}

/* Membership is changed by an administrator or a trainer of the group. */
static int may_manage(struct app_req *r, const struct lgroup *g)
{
    const char *mine = role_in(r, g);
    if (is_admin(r) || (mine && strcmp(mine, "trainer") == 0))
        return PD_OK;
    return err_set(&r->err, PD_EFORBID, NULL, "only a trainer of this group changes who is in it");
}

static int audit_group(struct app_req *r, const char *event, char action, const char *id)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .record_type = "learning_group",
                             .record_id = id,
                             .access_basis = is_admin(r) ? "admin" : "trainer"};
    return audit_write(r, &ev);
}

static bool level_ok(const char *s)
{
    return !s || strcmp(s, "mbo3") == 0 || strcmp(s, "mbo4") == 0 || strcmp(s, "hbo") == 0;
}

int app_lgroup_create(struct app_req *r, const char *name, const char *level, const char *starts_on,
                      struct lgroup *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    size_t chars = name ? utf8_chars(name, strlen(name)) : 0;
    if (chars == 0 || chars > LGROUP_NAME_CHARS || str_trim(str_from(name)).n == 0)
        return err_set(&r->err, PD_EINVAL, "name", "1 to %d characters", LGROUP_NAME_CHARS);
    if (!level_ok(level))
        return err_set(&r->err, PD_EINVAL, "level", "mbo3, mbo4 or hbo");
    if (starts_on && app_check_date(r, starts_on, "starts_on") != PD_OK)
        return r->err.code;

    struct lgroup g = {.name = name, .level = level, .starts_on = starts_on, .version = 1};
    uuid7_new(g.id);
    memcpy(g.org_id, r->actor->org_id, sizeof(g.org_id));
    memcpy(g.created_by, r->actor->user_id, sizeof(g.created_by));
    g.created_at = app_now_iso(r);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_lgroup_insert(r->db, &g, &r->err) != PD_OK)
        return app_fail(r);
    if ((r->actor->roles & ROLE_TRAINER) &&
        store_lgroup_member_add(r->db, g.org_id, g.id, r->actor->user_id, "trainer", g.created_at,
                                &r->err) != PD_OK)
        return app_fail(r);
    if (audit_group(r, "learning_group.create", 'C', g.id) != PD_OK ||
        store_lgroup_get(r->db, r->arena, g.org_id, g.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_lgroup_list(struct app_req *r, struct lgroup **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_lgroup_list(r->db, r->arena, r->actor->org_id, is_admin(r) ? NULL : r->actor->user_id,
                          out, n, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_lgroup_get(struct app_req *r, const char *id, struct lgroup *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK || visible_group(r, id, out) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* An active worker of the organisation who can hold `role` in a group. */
static int check_member(struct app_req *r, const char *worker_id, const char *role)
{
    struct worker w;
    if (!role || (strcmp(role, "trainer") != 0 && strcmp(role, "student") != 0))
        return err_set(&r->err, PD_EINVAL, "role", "trainer or student");
    if (!worker_id || !uuid_valid(worker_id, strlen(worker_id)))
        return err_set(&r->err, PD_EINVAL, "worker_id", "a worker id");
    int rc = store_worker_by_id(r->db, r->arena, worker_id, &w, &r->err);
    if (rc == PD_ENOTFOUND ||
        (rc == PD_OK && (strcmp(w.org_id, r->actor->org_id) != 0 || w.status != WORKER_ACTIVE))) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EINVAL, "worker_id", "no such worker in this organisation");
    }
    if (rc != PD_OK)
        return rc;
    unsigned need = strcmp(role, "trainer") == 0 ? ROLE_TRAINER : (ROLE_STUDENT | ROLE_EXPERT);
    if (!(w.roles & need))
        return err_set(&r->err, PD_EINVAL, "worker_id",
                       strcmp(role, "trainer") == 0
                           ? "this worker does not have the trainer role"
                           : "a student in a group needs the student or the expert role");
    return PD_OK;
}

int app_lgroup_member_add(struct app_req *r, const char *id, const char *worker_id,
                          const char *role, struct lgroup *out)
{
    struct lgroup g;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || visible_group(r, id, &g) != PD_OK ||
        may_manage(r, &g) != PD_OK || check_member(r, worker_id, role) != PD_OK ||
        store_lgroup_member_add(r->db, g.org_id, g.id, worker_id, role, app_now_iso(r), &r->err) !=
            PD_OK ||
        audit_group(r, "learning_group.member_add", 'U', g.id) != PD_OK ||
        store_lgroup_get(r->db, r->arena, g.org_id, g.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_lgroup_member_remove(struct app_req *r, const char *id, const char *worker_id)
{
    struct lgroup g;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || visible_group(r, id, &g) != PD_OK ||
        may_manage(r, &g) != PD_OK ||
        store_lgroup_member_remove(r->db, g.org_id, g.id, worker_id, &r->err) != PD_OK ||
        audit_group(r, "learning_group.member_remove", 'U', g.id) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_lgroup_candidates(struct app_req *r, struct worker **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_worker_colleagues(r->db, r->arena, r->actor->org_id,
                                ROLE_TRAINER | ROLE_STUDENT | ROLE_EXPERT, out, n,
                                &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Demo workers by email, into the group by role. */
static int demo_group(struct app_req *r, const char *org_id, const char *name, const char *level,
                      const char *starts_on, const char *const *members)
{
    struct lgroup g = {.name = name, .level = level, .starts_on = starts_on, .version = 1};
    struct worker w;
    const char *now = app_now_iso(r);

    uuid7_new(g.id);
    memcpy(g.org_id, org_id, sizeof(g.org_id));
    g.created_at = now;
    for (size_t i = 0; members[i]; i += 2) {
        if (store_worker_by_email(r->db, r->arena, members[i], &w, &r->err) != PD_OK)
            return r->err.code;
        if (i == 0) {
            memcpy(g.created_by, w.id, sizeof(g.created_by));
            if (store_lgroup_insert(r->db, &g, &r->err) != PD_OK)
                return r->err.code;
        }
        if (store_lgroup_member_add(r->db, org_id, g.id, w.id, members[i + 1], now, &r->err) !=
            PD_OK)
            return r->err.code;
    }
    return PD_OK;
}

int lgroup_demo_seed(struct app_req *r, const char *org_id)
{
    static const char *const basis[] = {"peter@peerdesk.test",
                                        "trainer",
                                        "lotte@peerdesk.test",
                                        "student",
                                        "amir@peerdesk.test",
                                        "student",
                                        NULL};
    static const char *const hbo[] = {"peter@peerdesk.test", "trainer", "bas@peerdesk.test",
                                      "student", NULL};
    char start[11];
    memcpy(start, app_now_iso(r), 4);
    memcpy(start + 4, "-09-01", 7);
    if (demo_group(r, org_id, "Basiscursus Ervaringsdeskundigheid 2026", "mbo4", start, basis) !=
            PD_OK ||
        demo_group(r, org_id, "HBO-leergroep 2026", "hbo", start, hbo) != PD_OK)
        return r->err.code;
    return PD_OK;
}

json_t *lgroup_to_json(const struct lgroup *g, const char *viewer_id)
{
    json_t *members = json_array();
    const char *mine = NULL;
    for (size_t i = 0; i < g->nmembers; i++) {
        const struct lgroup_member *m = &g->members[i];
        if (viewer_id && strcmp(m->worker_id, viewer_id) == 0)
            mine = m->role;
        json_array_append_new(members, pdjson_pack("{s:s, s:s, s:s}", "worker_id", m->worker_id,
                                                   "name", m->name, "role", m->role));
    }
    return pdjson_pack("{s:s, s:s, s:o, s:o, s:s, s:I, s:o, s:o}", "id", g->id, "name", g->name,
                       "level", pdjson_str_or_null(g->level), "starts_on",
                       pdjson_str_or_null(g->starts_on), "created_at", g->created_at, "version",
                       (json_int_t)g->version, "members", members, "my_role",
                       pdjson_str_or_null(mine));
}
