/*
 * training.c: sessions, attendance, who has not attended yet and coverage (training.h).
 */
#include "training.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "app_int.h"
#include "clients.h"
#include "support_int.h"

/* An active worker of the actor's organisation holding `role`; PD_EINVAL on field. */
static int check_holder(struct app_req *r, const char *id, unsigned role, const char *field,
                        const char **name)
{
    struct worker w;
    if (!sup_id_ok(id))
        return err_set(&r->err, PD_EINVAL, field, "a worker id");
    int rc = store_worker_by_id(r->db, r->arena, id, &w, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && (strcmp(w.org_id, r->actor->org_id) != 0 ||
                                               w.status != WORKER_ACTIVE || !(w.roles & role)))) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EINVAL, field, "no such %s in this organisation",
                       role == ROLE_EXPERT ? "expert" : "generalist");
    }
    if (rc == PD_OK && name)
        *name = w.name;
    return rc;
}

static int check_ids(struct app_req *r, const char *const *ids, size_t n, unsigned role,
                     const char *field)
{
    char f[48];
    for (size_t i = 0; i < n; i++) {
        snprintf(f, sizeof(f), "%s[%zu]", field, i);
        if (check_holder(r, ids[i], role, f, NULL) != PD_OK)
            return r->err.code;
        for (size_t j = 0; j < i; j++)
            if (strcmp(ids[i], ids[j]) == 0)
                return err_set(&r->err, PD_EINVAL, f, "listed twice");
    }
    return PD_OK;
}

static int check_session(struct app_req *r, const struct training_rec *t)
{
    if (sup_check_text(r, t->title, true, LIMIT_TRAINING_TITLE_CHARS, "title") != PD_OK ||
        app_check_date(r, t->held_on, "held_on") != PD_OK)
        return r->err.code;
    if (*t->place && sup_check_text(r, t->place, true, LIMIT_TRAINING_PLACE_CHARS, "place"))
        return r->err.code;
    if (t->ntrainers > LIMIT_TRAINING_TRAINERS)
        return err_set(&r->err, PD_EINVAL, "trainer_ids", "at most %d experts",
                       LIMIT_TRAINING_TRAINERS);
    return PD_OK;
}

static void set_trainers(struct app_req *r, const struct training_input *in, struct training_rec *t)
{
    t->ntrainers = in->ntrainers;
    t->trainers = arena_array(r->arena, in->ntrainers + 1, sizeof(*t->trainers));
    for (size_t i = 0; i < in->ntrainers; i++)
        if (in->trainer_ids[i] && strlen(in->trainer_ids[i]) == UUID_STR_BYTES - 1)
            memcpy(t->trainers[i].id, in->trainer_ids[i], UUID_STR_BYTES);
}

int app_training_create(struct app_req *r, const struct training_input *in,
                        struct training_rec *out)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, TRAINING_ROLES, "training_session.create", 'C', "training_session",
                      "only coordinators, trainers and experts plan training sessions") != PD_OK)
        return r->err.code;
    if (!in->held_on)
        return err_set(&r->err, PD_EMISSING, "held_on", "the date of the session");
    const char *now = app_now_iso(r);
    struct training_rec t = {.title = in->title ? in->title : TRAINING_DEFAULT_TITLE,
                             .held_on = in->held_on,
                             .place = in->place ? in->place : "",
                             .created_at = now,
                             .updated_at = now,
                             .version = 1};
    uuid7_new(t.id);
    memcpy(t.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(t.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (in->trainer_ids)
        set_trainers(r, in, &t);
    if (check_session(r, &t) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        check_ids(r, in->trainer_ids, in->trainer_ids ? in->ntrainers : 0, ROLE_EXPERT,
                  "trainer_ids") != PD_OK ||
        store_training_insert(r->db, &t, &r->err) != PD_OK ||
        sup_audit(r, "training_session.create", 'C', "training_session", t.id, "role", NULL) !=
            PD_OK ||
        store_training_get(r->db, r->arena, r->actor->org_id, t.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* May the actor change this session or record its attendance? Coordinators and
 * trainers always; an expert when giving it (or having planned it). */
static bool may_manage(const struct app_req *r, const struct training_rec *t)
{
    if (r->actor->roles & (ROLE_COORDINATOR | ROLE_TRAINER))
        return true;
    if (strcmp(t->created_by, r->actor->user_id) == 0)
        return true;
    for (size_t i = 0; i < t->ntrainers; i++)
        if (strcmp(t->trainers[i].id, r->actor->user_id) == 0)
            return true;
    return false;
}

/* In a write transaction: the session at `version`, which the actor may manage. */
static int load_managed(struct app_req *r, const char *id, int64_t version, const char *event,
                        struct training_rec *t, struct training_rec *out)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, TRAINING_ROLES, event, 'U', "training_session",
                      "only coordinators, trainers and experts manage training sessions") != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, event, 'U', "training session", id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_training_get(r->db, r->arena, r->actor->org_id, id, t, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, event, 'U', "training session", id);
    if (rc != PD_OK)
        return app_fail(r);
    if (!may_manage(r, t)) {
        db_rollback(r->db);
        struct audit_event ev = {.event = event,
                                 .action = 'U',
                                 .outcome = "denied",
                                 .record_type = "training_session",
                                 .record_id = t->id,
                                 .access_basis = "none"};
        if (audit_write_alone(r, &ev) != PD_OK)
            return r->err.code;
        return err_set(&r->err, PD_EFORBID, NULL,
                       "only a coordinator, a trainer or an expert giving this session");
    }
    if (t->version != version) {
        *out = *t;
        err_set(&r->err, PD_ESTALE, "If-Match", "the training session changed since you read it");
        return app_fail(r);
    }
    return PD_OK;
}

int app_training_update(struct app_req *r, const char *id, int64_t version,
                        const struct training_input *in, struct training_rec *out)
{
    struct training_rec t;
    if (load_managed(r, id, version, "training_session.update", &t, out) != PD_OK)
        return r->err.code;
    t.title = in->title ? in->title : t.title;
    t.held_on = in->held_on ? in->held_on : t.held_on;
    t.place = in->place ? in->place : t.place;
    t.updated_at = app_now_iso(r);
    if (in->trainer_ids)
        set_trainers(r, in, &t);
    if (check_session(r, &t) != PD_OK ||
        (in->trainer_ids &&
         check_ids(r, in->trainer_ids, in->ntrainers, ROLE_EXPERT, "trainer_ids") != PD_OK))
        return app_fail(r);
    if (t.nattendees > 0 && strcmp(t.held_on, sup_day(r, 0)) > 0) {
        err_set(&r->err, PD_EINVAL, "held_on", "attendance is recorded: not in the future");
        return app_fail(r);
    }
    if (store_training_update(r->db, &t, &r->err) != PD_OK ||
        sup_audit(r, "training_session.update", 'U', "training_session", t.id, "role", NULL) !=
            PD_OK ||
        store_training_get(r->db, r->arena, r->actor->org_id, t.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_training_set_attendance(struct app_req *r, const char *id, int64_t version,
                                const char *const *worker_ids, size_t n, struct training_rec *out)
{
    struct training_rec t;
    const char *ev = "training_attendance.update";
    if (load_managed(r, id, version, ev, &t, out) != PD_OK)
        return r->err.code;
    if (n > LIMIT_TRAINING_ATTENDEES) {
        err_set(&r->err, PD_EINVAL, "worker_ids", "at most %d generalists",
                LIMIT_TRAINING_ATTENDEES);
        return app_fail(r);
    }
    if (n > 0 && strcmp(t.held_on, sup_day(r, 0)) > 0) {
        err_set(&r->err, PD_EINVAL, "worker_ids", "the session has not been held yet");
        return app_fail(r);
    }
    if (check_ids(r, worker_ids, n, ROLE_GENERALIST, "worker_ids") != PD_OK ||
        store_training_set_attendance(r->db, r->actor->org_id, t.id, version, worker_ids, n,
                                      r->actor->user_id, app_now_iso(r), &r->err) != PD_OK ||
        sup_audit(r, ev, 'U', "training_session", t.id, "role", NULL) != PD_OK ||
        store_training_get(r->db, r->arena, r->actor->org_id, t.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_training_get(struct app_req *r, const char *id, struct training_rec *out)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, TRAINING_ROLES, "training_session.read", 'R', "training_session",
                      "only coordinators, trainers and experts see training sessions") != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, "training_session.read", 'R', "training session", id);
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_training_get(r->db, r->arena, r->actor->org_id, id, out, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, "training_session.read", 'R', "training session", id);
    if (rc != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_training_list(struct app_req *r, struct training_rec **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, TRAINING_ROLES, "training_session.list", 'R', "training_session",
                      "only coordinators, trainers and experts see training sessions") != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_training_list(r->db, r->arena, r->actor->org_id, out, n, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_training_generalists(struct app_req *r, bool only_missing,
                             struct training_generalist_view **out, size_t *n)
{
    struct training_generalist *gs;
    size_t ng;
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, TRAINING_ROLES, "training_attendance.list", 'R', "worker",
                      "only coordinators, trainers and experts see who attended") != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_training_generalists(r->db, r->arena, r->actor->org_id, sup_day(r, 0), &gs, &ng,
                                   &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    const char *new_since = sup_day(r, -TRAINING_NEW_DAYS);
    struct training_generalist_view *v = arena_array(r->arena, ng + 1, sizeof(*v));
    size_t k = 0;
    for (size_t i = 0; i < ng; i++) {
        if (only_missing && gs[i].attended_on)
            continue;
        v[k].g = gs[i];
        v[k].is_new = strncmp(gs[i].created_at, new_since, 10) >= 0;
        k++;
    }
    *out = v;
    *n = k;
    return PD_OK;
}

int app_training_coverage(struct app_req *r, struct training_coverage **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, TRAINING_ROLES | ROLE_MANAGER, "training.coverage", 'R', "team",
                      "your roles do not see training coverage") != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_training_coverage(r->db, r->arena, r->actor->org_id, sup_day(r, 0), out, n,
                                &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- JSON views ---- */

static json_t *people_json(const struct training_person *p, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, pdjson_pack("{s:s, s:s}", "id", p[i].id, "name", p[i].name));
    return a;
}

json_t *training_to_json(const struct training_rec *t)
{
    json_t *j = pdjson_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:s, s:s, s:I}", "id", t->id, "title",
                            t->title, "held_on", t->held_on, "place", t->place, "trainers",
                            people_json(t->trainers, t->ntrainers), "attendee_count",
                            (int)t->nattendees, "created_by", t->created_by, "updated_at",
                            t->updated_at, "version", (json_int_t)t->version);
    if (t->attendees)
        json_object_set_new(j, "attendees", people_json(t->attendees, t->nattendees));
    return j;
}

json_t *training_generalist_to_json(const struct training_generalist_view *v)
{
    return pdjson_pack("{s:s, s:s, s:s, s:b, s:o}", "id", v->g.id, "name", v->g.name, "teams",
                       v->g.teams, "new", v->is_new, "attended_on",
                       pdjson_str_or_null(v->g.attended_on));
}

json_t *training_coverage_to_json(const struct training_coverage *c, size_t n)
{
    json_t *items = json_array();
    int all = 0, attended = 0;
    for (size_t i = 0; i < n; i++) {
        all += c[i].generalists;
        attended += c[i].attended;
        json_array_append_new(items, pdjson_pack("{s:s, s:s, s:i, s:i}", "team_id", c[i].team_id,
                                                 "team", c[i].team_name, "generalists",
                                                 c[i].generalists, "attended", c[i].attended));
    }
    return pdjson_pack("{s:o, s:i, s:i}", "teams", items, "generalists", all, "attended", attended);
}

/* ---- demo ---- */

/* Two sessions given by experts (two and a half months ago and three weeks ago), each
 * attended by about a third of the generalists; the rest has not attended yet. */
int app_training_demo_seed(struct app_req *r, const char *org_id)
{
    static const char *const givers[2][2] = {
        {"youssef@peerdesk.test", "priya@peerdesk.test"},
        {"nadia@peerdesk.test", "tom@peerdesk.test"},
    };
    static const char *const places[2] = {"Buurthuis De Klop, Overvecht", "Wijkbureau Zuid"};
    static const int days[2] = {-75, -21};
    char planner[UUID_STR_BYTES];
    struct training_generalist *gs;
    size_t ng;
    if (app_demo_worker_id(r, "marieke@peerdesk.test", planner) != PD_OK ||
        store_training_generalists(r->db, r->arena, org_id, sup_day(r, 0), &gs, &ng, &r->err) !=
            PD_OK)
        return r->err.code;
    for (size_t s = 0; s < 2; s++) {
        const char *now = app_now_iso(r);
        struct training_person *tp = arena_array(r->arena, 2, sizeof(*tp));
        struct training_rec t = {.title = TRAINING_DEFAULT_TITLE,
                                 .held_on = sup_day(r, days[s]),
                                 .place = places[s],
                                 .created_at = now,
                                 .updated_at = now,
                                 .version = 1,
                                 .trainers = tp,
                                 .ntrainers = 2};
        uuid7_new(t.id);
        memcpy(t.org_id, org_id, UUID_STR_BYTES);
        memcpy(t.created_by, planner, UUID_STR_BYTES);
        if (app_demo_worker_id(r, givers[s][0], tp[0].id) != PD_OK ||
            app_demo_worker_id(r, givers[s][1], tp[1].id) != PD_OK ||
            store_training_insert(r->db, &t, &r->err) != PD_OK)
            return r->err.code;
        const char **who = arena_array(r->arena, ng + 1, sizeof(*who));
        size_t n = 0;
        for (size_t i = s; i < ng; i += 3)
            who[n++] = gs[i].id;
        if (store_training_set_attendance(r->db, org_id, t.id, 1, who, n, planner, now, &r->err) !=
            PD_OK)
            return r->err.code;
    }
    return PD_OK;
}
