/*
 * coaching.c: coaching links, conversations, private notes, the overdue reminder and
 * what a manager may know (see coaching.h). Every refusal of a record answers like a
 * missing one and is audited as denied; nothing here is client data.
 */
#include "coaching.h"

#include <stdlib.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "app_int.h"
#include "clients.h"
#include "reflection.h"
#include "support_int.h"

#define LINK_ADMINS (ROLE_ADMIN | ROLE_COORDINATOR)

/* The role the actor used, for the audit entry of an administrative act. */
static const char *admin_role(const struct app_req *r)
{
    return (r->actor->roles & ROLE_ADMIN) ? "admin" : "coordinator";
}

static void view_of(struct app_req *r, const struct coaching_link_rec *l, bool dates,
                    struct coaching_link_view *v)
{
    memset(v, 0, sizeof(*v));
    v->link = *l;
    v->dates = dates;
    v->as_coach = strcmp(l->coach_id, r->actor->user_id) == 0;
    if (!dates) {
        v->link.last_held_on = NULL;
        v->link.next_planned_on = NULL;
        return;
    }
    const char *from = l->last_held_on ? l->last_held_on : l->started_on;
    v->days_since = sup_days_between(from, sup_day(r, 0));
    if (v->days_since < 0)
        v->days_since = 0;
    v->overdue = !l->ended_on && v->days_since > COACHING_OVERDUE_DAYS;
}

/* An active worker of the actor's organisation holding `role`, else PD_EINVAL on field. */
static int check_holder(struct app_req *r, const char *id, unsigned role, const char *field,
                        const char *what)
{
    struct worker w;
    if (!sup_id_ok(id))
        return err_set(&r->err, PD_EINVAL, field, "a worker id");
    int rc = store_worker_by_id(r->db, r->arena, id, &w, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && (strcmp(w.org_id, r->actor->org_id) != 0 ||
                                               w.status != WORKER_ACTIVE || !(w.roles & role)))) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EINVAL, field, "no such %s in this organisation", what);
    }
    return rc;
}

/* ---- links ---- */

int app_coaching_link_create(struct app_req *r, const char *coach_id, const char *expert_id,
                             const char *started_on, struct coaching_link_view *out)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, LINK_ADMINS, "coaching_link.create", 'C', "coaching_link",
                      "only an administrator or coordinator links a coach") != PD_OK)
        return r->err.code;
    struct coaching_link_rec l = {.started_on = started_on ? started_on : sup_day(r, 0),
                                  .created_at = app_now_iso(r),
                                  .version = 1};
    uuid7_new(l.id);
    memcpy(l.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(l.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        check_holder(r, coach_id, ROLE_COACH, "coach_id", "coach") != PD_OK ||
        check_holder(r, expert_id, ROLE_EXPERT, "expert_id", "expert") != PD_OK ||
        app_check_date(r, l.started_on, "started_on") != PD_OK)
        return app_fail(r);
    if (strcmp(coach_id, expert_id) == 0) {
        err_set(&r->err, PD_EINVAL, "coach_id", "a coach does not coach themself");
        return app_fail(r);
    }
    if (strcmp(l.started_on, sup_day(r, 0)) > 0) {
        err_set(&r->err, PD_EINVAL, "started_on", "a date not after today");
        return app_fail(r);
    }
    memcpy(l.coach_id, coach_id, UUID_STR_BYTES);
    memcpy(l.expert_id, expert_id, UUID_STR_BYTES);
    struct coaching_link_rec got;
    if (store_coaching_link_insert(r->db, &l, &r->err) != PD_OK ||
        sup_audit(r, "coaching_link.create", 'C', "coaching_link", l.id, admin_role(r),
                  admin_role(r)) != PD_OK ||
        store_coaching_link_get(r->db, r->arena, r->actor->org_id, l.id, &got, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    view_of(r, &got, false, out);
    return PD_OK;
}

int app_coaching_link_end(struct app_req *r, const char *id, int64_t version,
                          struct coaching_link_view *out)
{
    struct coaching_link_rec l;
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, LINK_ADMINS, "coaching_link.end", 'U', "coaching_link",
                      "only an administrator or coordinator ends a coaching link") != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, "coaching_link.end", 'U', "coaching link", id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_coaching_link_get(r->db, r->arena, r->actor->org_id, id, &l, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, "coaching_link.end", 'U', "coaching link", id);
    if (rc != PD_OK)
        return app_fail(r);
    if (l.ended_on) {
        err_set(&r->err, PD_ECONFLICT, NULL, "this coaching link has ended already");
        return app_fail(r);
    }
    if (l.version != version) {
        view_of(r, &l, false, out);
        err_set(&r->err, PD_ESTALE, "If-Match", "the coaching link changed since you read it");
        return app_fail(r);
    }
    if (store_coaching_link_end(r->db, r->actor->org_id, id, version, sup_day(r, 0), &r->err) !=
            PD_OK ||
        sup_audit(r, "coaching_link.end", 'U', "coaching_link", id, admin_role(r), admin_role(r)) !=
            PD_OK ||
        store_coaching_link_get(r->db, r->arena, r->actor->org_id, id, &l, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    view_of(r, &l, false, out);
    return PD_OK;
}

/* Overdue first (longest first), then by the expert's name. */
static int view_cmp(const void *pa, const void *pb)
{
    const struct coaching_link_view *a = pa, *b = pb;
    if (a->overdue != b->overdue)
        return a->overdue ? -1 : 1;
    if (a->overdue && a->days_since != b->days_since)
        return a->days_since > b->days_since ? -1 : 1;
    return strcmp(a->link.expert_name, b->link.expert_name);
}

/* The running links of the actor as coach and as expert, with their reminder. */
static int my_links(struct app_req *r, struct coaching_link_view **out, size_t *n)
{
    struct coaching_link_rec *as_coach = NULL, *as_expert = NULL;
    size_t nc = 0, ne = 0;
    if ((r->actor->roles & ROLE_COACH) &&
        store_coaching_links(r->db, r->arena, r->actor->org_id, r->actor->user_id, NULL, &as_coach,
                             &nc, &r->err) != PD_OK)
        return r->err.code;
    if (store_coaching_links(r->db, r->arena, r->actor->org_id, NULL, r->actor->user_id, &as_expert,
                             &ne, &r->err) != PD_OK)
        return r->err.code;
    struct coaching_link_view *v = arena_array(r->arena, nc + ne + 1, sizeof(*v));
    for (size_t i = 0; i < nc; i++)
        view_of(r, &as_coach[i], true, &v[i]);
    for (size_t i = 0; i < ne; i++)
        view_of(r, &as_expert[i], true, &v[nc + i]);
    qsort(v, nc + ne, sizeof(*v), view_cmp);
    *out = v;
    *n = nc + ne;
    return PD_OK;
}

int app_coaching_links(struct app_req *r, bool all, struct coaching_link_view **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (all) {
        struct coaching_link_rec *ls;
        if (sup_need_role(r, LINK_ADMINS, "coaching_link.list", 'R', "coaching_link",
                          "only an administrator or coordinator sees every coaching link") != PD_OK)
            return r->err.code;
        if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
            store_coaching_links(r->db, r->arena, r->actor->org_id, NULL, NULL, &ls, n, &r->err) !=
                PD_OK ||
            sup_audit(r, "coaching_link.list", 'R', "coaching_link", NULL, admin_role(r),
                      admin_role(r)) != PD_OK ||
            db_commit(r->db, &r->err) != PD_OK)
            return app_fail(r);
        struct coaching_link_view *v = arena_array(r->arena, *n + 1, sizeof(*v));
        for (size_t i = 0; i < *n; i++)
            view_of(r, &ls[i], false, &v[i]);
        *out = v;
        return PD_OK;
    }
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK || my_links(r, out, n) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_coaching_overdue(struct app_req *r, struct coaching_link_view **out, size_t *n)
{
    struct coaching_link_view *all;
    size_t na = 0, k = 0;
    if (app_coaching_links(r, false, &all, &na) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < na; i++)
        if (all[i].overdue)
            all[k++] = all[i];
    *out = all;
    *n = k;
    return PD_OK;
}

int app_coaching_candidates(struct app_req *r, struct worker **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, LINK_ADMINS, "coaching_link.candidates", 'R', "worker",
                      "only an administrator or coordinator links a coach") != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_worker_colleagues(r->db, r->arena, r->actor->org_id, ROLE_COACH | ROLE_EXPERT, out, n,
                                &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- the pair's own records ---- */

/* Open a write transaction and load a link the actor is a party of: its expert (running
 * or ended; basis "self") or its running coach (basis "coach"). write: the link must
 * run. Anything else answers like a missing link. */
static int load_party(struct app_req *r, const char *link_id, const char *event, char action,
                      bool write, struct coaching_link_rec *l, const char **basis)
{
    if (!sup_id_ok(link_id))
        return sup_not_found(r, event, action, "coaching link", link_id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_coaching_link_get(r->db, r->arena, r->actor->org_id, link_id, l, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, event, action, "coaching link", link_id);
    if (rc != PD_OK)
        return app_fail(r);
    bool expert = strcmp(l->expert_id, r->actor->user_id) == 0;
    bool coach = strcmp(l->coach_id, r->actor->user_id) == 0 && !l->ended_on &&
                 (r->actor->roles & ROLE_COACH);
    if ((!expert && !coach) || (write && l->ended_on))
        return sup_not_found(r, event, action, "coaching link", link_id);
    *basis = expert ? "self" : "coach";
    return PD_OK;
}

static const char *party_role(const char *basis)
{
    return strcmp(basis, "coach") == 0 ? "coach" : "expert";
}

static bool status_ok(const char *s, bool update)
{
    return s && (strcmp(s, "held") == 0 || strcmp(s, "planned") == 0 ||
                 (update && strcmp(s, "cancelled") == 0));
}

static int check_conv(struct app_req *r, const struct coaching_conv_rec *c, bool date_changed)
{
    const char *today = sup_day(r, 0);
    if (app_check_date(r, c->on_date, "on_date") != PD_OK)
        return r->err.code;
    if (strcmp(c->status, "held") == 0 && strcmp(c->on_date, today) > 0)
        return err_set(&r->err, PD_EINVAL, "on_date", "a held conversation is not in the future");
    if (date_changed && strcmp(c->status, "planned") == 0 && strcmp(c->on_date, today) < 0)
        return err_set(&r->err, PD_EINVAL, "on_date", "a planned conversation is not in the past");
    return sup_check_text(r, c->topic, false, LIMIT_COACHING_TOPIC, "topic");
}

int app_coaching_conv_create(struct app_req *r, const struct coaching_conv_input *in,
                             struct coaching_conv_rec *out)
{
    struct coaching_link_rec l;
    const char *basis;
    const char *now;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!status_ok(in->status, false))
        return err_set(&r->err, PD_EINVAL, "status", "held or planned");
    if (load_party(r, in->link_id, "coaching_conversation.create", 'C', true, &l, &basis) != PD_OK)
        return r->err.code;
    now = app_now_iso(r);
    struct coaching_conv_rec c = {.on_date = in->on_date ? in->on_date : sup_day(r, 0),
                                  .status = in->status,
                                  .topic = in->topic && *in->topic ? in->topic : NULL,
                                  .created_at = now,
                                  .updated_at = now,
                                  .version = 1};
    uuid7_new(c.id);
    memcpy(c.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(c.link_id, l.id, UUID_STR_BYTES);
    memcpy(c.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (check_conv(r, &c, true) != PD_OK || store_coaching_conv_insert(r->db, &c, &r->err) ||
        sup_audit(r, "coaching_conversation.create", 'C', "coaching_conversation", c.id, basis,
                  party_role(basis)) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = c;
    return PD_OK;
}

int app_coaching_conv_update(struct app_req *r, const char *id, int64_t version,
                             const struct coaching_conv_input *in, struct coaching_conv_rec *out)
{
    struct coaching_link_rec l;
    struct coaching_conv_rec c;
    const char *basis;
    const char *ev = "coaching_conversation.update";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (in->status && !status_ok(in->status, true))
        return err_set(&r->err, PD_EINVAL, "status", "held, planned or cancelled");
    if (!sup_id_ok(id))
        return sup_not_found(r, ev, 'U', "coaching conversation", id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_coaching_conv_get(r->db, r->arena, r->actor->org_id, id, &c, &r->err);
    db_rollback(r->db);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, ev, 'U', "coaching conversation", id);
    if (rc != PD_OK)
        return rc;
    if (load_party(r, c.link_id, ev, 'U', true, &l, &basis) != PD_OK) {
        if (r->err.code == PD_ENOTFOUND) {
            err_clear(&r->err);
            return err_set(&r->err, PD_ENOTFOUND, NULL, "no such coaching conversation");
        }
        return r->err.code;
    }
    if (store_coaching_conv_get(r->db, r->arena, r->actor->org_id, id, &c, &r->err) != PD_OK)
        return app_fail(r);
    if (c.version != version) {
        *out = c;
        err_set(&r->err, PD_ESTALE, "If-Match", "the conversation changed since you read it");
        return app_fail(r);
    }
    bool date_changed = in->on_date && strcmp(in->on_date, c.on_date) != 0;
    c.on_date = in->on_date ? in->on_date : c.on_date;
    c.status = in->status ? in->status : c.status;
    if (in->topic)
        c.topic = *in->topic ? in->topic : NULL;
    c.updated_at = app_now_iso(r);
    if (check_conv(r, &c, date_changed) != PD_OK ||
        store_coaching_conv_update(r->db, &c, &r->err) != PD_OK ||
        sup_audit(r, ev, 'U', "coaching_conversation", c.id, basis, party_role(basis)) != PD_OK ||
        store_coaching_conv_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_coaching_conv_list(struct app_req *r, const char *link_id, struct coaching_conv_rec **out,
                           size_t *n)
{
    struct coaching_link_rec l;
    const char *basis;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (load_party(r, link_id, "coaching_conversation.list", 'R', false, &l, &basis) != PD_OK)
        return r->err.code;
    if (store_coaching_conv_list(r->db, r->arena, r->actor->org_id, l.id, out, n, &r->err) !=
            PD_OK ||
        sup_audit(r, "coaching_conversation.list", 'R', "coaching_link", l.id, basis,
                  party_role(basis)) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_coaching_note_create(struct app_req *r, const char *link_id, const char *body,
                             struct coaching_note_rec *out)
{
    struct coaching_link_rec l;
    const char *basis;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (sup_check_text(r, body, true, LIMIT_COACHING_NOTE_CHARS, "body") != PD_OK)
        return r->err.code;
    if (load_party(r, link_id, "coaching_note.create", 'C', true, &l, &basis) != PD_OK)
        return r->err.code;
    const char *now = app_now_iso(r);
    struct coaching_note_rec c = {.body = body, .created_at = now, .updated_at = now, .version = 1};
    uuid7_new(c.id);
    memcpy(c.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(c.link_id, l.id, UUID_STR_BYTES);
    memcpy(c.author_id, r->actor->user_id, UUID_STR_BYTES);
    if (store_coaching_note_insert(r->db, &c, &r->err) != PD_OK ||
        sup_audit(r, "coaching_note.create", 'C', "coaching_note", c.id, basis,
                  party_role(basis)) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = c;
    return PD_OK;
}

int app_coaching_note_update(struct app_req *r, const char *id, int64_t version, const char *body,
                             struct coaching_note_rec *out)
{
    struct coaching_note_rec c;
    struct coaching_link_rec l;
    const char *basis;
    const char *ev = "coaching_note.update";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return sup_not_found(r, ev, 'U', "coaching note", id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_coaching_note_get(r->db, r->arena, r->actor->org_id, id, &c, &r->err);
    db_rollback(r->db);
    /* Only the author changes a note; the other party reads it. */
    if (rc == PD_ENOTFOUND || (rc == PD_OK && strcmp(c.author_id, r->actor->user_id) != 0))
        return sup_not_found(r, ev, 'U', "coaching note", id);
    if (rc != PD_OK)
        return rc;
    if (load_party(r, c.link_id, ev, 'U', true, &l, &basis) != PD_OK) {
        if (r->err.code == PD_ENOTFOUND) {
            err_clear(&r->err);
            return err_set(&r->err, PD_ENOTFOUND, NULL, "no such coaching note");
        }
        return r->err.code;
    }
    if (store_coaching_note_get(r->db, r->arena, r->actor->org_id, id, &c, &r->err) != PD_OK)
        return app_fail(r);
    if (c.version != version) {
        *out = c;
        err_set(&r->err, PD_ESTALE, "If-Match", "the note changed since you read it");
        return app_fail(r);
    }
    c.body = body;
    c.updated_at = app_now_iso(r);
    if (sup_check_text(r, body, true, LIMIT_COACHING_NOTE_CHARS, "body") != PD_OK ||
        store_coaching_note_update(r->db, &c, &r->err) != PD_OK ||
        sup_audit(r, ev, 'U', "coaching_note", c.id, basis, party_role(basis)) != PD_OK ||
        store_coaching_note_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_coaching_note_list(struct app_req *r, const char *link_id, struct coaching_note_rec **out,
                           size_t *n)
{
    struct coaching_link_rec l;
    const char *basis;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (load_party(r, link_id, "coaching_note.list", 'R', false, &l, &basis) != PD_OK)
        return r->err.code;
    if (store_coaching_note_list(r->db, r->arena, r->actor->org_id, l.id, out, n, &r->err) !=
            PD_OK ||
        sup_audit(r, "coaching_note.list", 'R', "coaching_link", l.id, basis, party_role(basis)) !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- the manager's yes/no ---- */

int app_coaching_compliance(struct app_req *r, struct coaching_compliance **out, size_t *n)
{
    struct coaching_expert_row *rows;
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, ROLE_MANAGER, "coaching.compliance", 'R', "coaching_link",
                      "only a manager sees the coaching overview") != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_coaching_experts(r->db, r->arena, r->actor->org_id, &rows, n, &r->err) != PD_OK ||
        sup_audit(r, "coaching.compliance", 'R', "coaching_link", NULL, "manager", "manager") !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    const char *since = sup_day(r, -COACHING_OVERDUE_DAYS);
    struct coaching_compliance *v = arena_array(r->arena, *n + 1, sizeof(*v));
    for (size_t i = 0; i < *n; i++) {
        memcpy(v[i].expert_id, rows[i].expert_id, UUID_STR_BYTES);
        v[i].name = rows[i].name;
        v[i].has_coach = rows[i].has_coach;
        /* The date itself stays here: only the yes/no leaves. */
        v[i].held_recently =
            rows[i].has_coach && rows[i].last_held_on && strcmp(rows[i].last_held_on, since) >= 0;
    }
    *out = v;
    return PD_OK;
}

/* ---- JSON views ---- */

json_t *coaching_link_to_json(const struct coaching_link_view *v)
{
    const struct coaching_link_rec *l = &v->link;
    json_t *j = pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I}", "id", l->id, "coach_id",
                            l->coach_id, "coach_name", l->coach_name, "expert_id", l->expert_id,
                            "expert_name", l->expert_name, "started_on", l->started_on, "ended_on",
                            pdjson_str_or_null(l->ended_on), "version", (json_int_t)l->version);
    if (v->dates) {
        json_object_set_new(j, "as_coach", json_boolean(v->as_coach));
        json_object_set_new(j, "last_held_on", pdjson_str_or_null(l->last_held_on));
        json_object_set_new(j, "next_planned_on", pdjson_str_or_null(l->next_planned_on));
        json_object_set_new(j, "days_since", json_integer(v->days_since));
        json_object_set_new(j, "overdue", json_boolean(v->overdue));
    }
    return j;
}

json_t *coaching_conv_to_json(const struct coaching_conv_rec *c)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:I}", "id", c->id, "link_id",
                       c->link_id, "on_date", c->on_date, "status", c->status, "topic",
                       pdjson_str_or_null(c->topic), "created_by", c->created_by, "created_at",
                       c->created_at, "updated_at", c->updated_at, "version",
                       (json_int_t)c->version);
}

json_t *coaching_note_to_json(const struct coaching_note_rec *c)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", c->id, "link_id", c->link_id,
                       "author_id", c->author_id, "body", c->body, "created_at", c->created_at,
                       "updated_at", c->updated_at, "version", (json_int_t)c->version);
}

json_t *coaching_compliance_to_json(const struct coaching_compliance *c, size_t n)
{
    json_t *items = json_array();
    int coached = 0, held = 0;
    for (size_t i = 0; i < n; i++) {
        coached += c[i].has_coach;
        held += c[i].held_recently;
        json_array_append_new(items,
                              pdjson_pack("{s:s, s:s, s:b, s:b}", "expert_id", c[i].expert_id,
                                          "name", c[i].name, "has_coach", c[i].has_coach,
                                          "held_recently", c[i].held_recently));
    }
    return pdjson_pack("{s:o, s:{s:i, s:i, s:i, s:i}, s:i}", "items", items, "counts", "experts",
                       (int)n, "with_coach", coached, "held_recently", held, "not_held",
                       coached - held, "window_days", COACHING_OVERDUE_DAYS);
}

/* ---- demo ---- */

static const char *const demo_experts[] = {
    "youssef@peerdesk.test", "priya@peerdesk.test", "kees@peerdesk.test",
    "nadia@peerdesk.test",   "tom@peerdesk.test",   "marieke@peerdesk.test",
};

static const char *const demo_topics[] = {
    "Hoe gaat het met de balans tussen werk en herstel?", "Terugblik op een zware casus",
    "Grenzen bewaken bij een cliënt die veel vraagt",     "Scholingswensen voor dit jaar",
    "Eigen verhaal inzetten: wat werkte, wat niet",
};

static int demo_conv(struct app_req *r, const char *org_id, const char *link_id, const char *by,
                     int day, const char *status, const char *topic)
{
    const char *now = app_now_iso(r);
    struct coaching_conv_rec c = {.on_date = sup_day(r, day),
                                  .status = status,
                                  .topic = topic,
                                  .created_at = now,
                                  .updated_at = now,
                                  .version = 1};
    uuid7_new(c.id);
    memcpy(c.org_id, org_id, UUID_STR_BYTES);
    memcpy(c.link_id, link_id, UUID_STR_BYTES);
    memcpy(c.created_by, by, UUID_STR_BYTES);
    return store_coaching_conv_insert(r->db, &c, &r->err);
}

static int demo_note(struct app_req *r, const char *org_id, const char *link_id, const char *author,
                     const char *body)
{
    const char *now = app_now_iso(r);
    struct coaching_note_rec n = {.body = body, .created_at = now, .updated_at = now, .version = 1};
    uuid7_new(n.id);
    memcpy(n.org_id, org_id, UUID_STR_BYTES);
    memcpy(n.link_id, link_id, UUID_STR_BYTES);
    memcpy(n.author_id, author, UUID_STR_BYTES);
    return store_coaching_note_insert(r->db, &n, &r->err);
}

/* Ingrid coaches six experts since about seven months: a conversation every three to four
 * weeks; Kees's last one was six weeks ago (overdue); the others have one planned. */
int app_coaching_demo_seed(struct app_req *r, const char *org_id)
{
    char coach[UUID_STR_BYTES], admin[UUID_STR_BYTES];
    if (app_demo_worker_id(r, "ingrid@peerdesk.test", coach) != PD_OK ||
        app_demo_worker_id(r, "anouk@peerdesk.test", admin) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < sizeof(demo_experts) / sizeof(demo_experts[0]); i++) {
        struct coaching_link_rec l = {
            .started_on = sup_day(r, -210), .created_at = app_now_iso(r), .version = 1};
        uuid7_new(l.id);
        memcpy(l.org_id, org_id, UUID_STR_BYTES);
        memcpy(l.coach_id, coach, UUID_STR_BYTES);
        memcpy(l.created_by, admin, UUID_STR_BYTES);
        if (app_demo_worker_id(r, demo_experts[i], l.expert_id) != PD_OK ||
            store_coaching_link_insert(r->db, &l, &r->err) != PD_OK)
            return r->err.code;
        bool overdue = strcmp(demo_experts[i], "kees@peerdesk.test") == 0;
        int last = overdue ? -41 : -(int)(3 + 4 * i);
        /* Backwards from the last one: every 21, 24 or 27 days. */
        int k = 0;
        for (int day = last; day >= -205; day -= 21 + (k % 3) * 3, k++)
            if (demo_conv(r, org_id, l.id, coach, day, "held",
                          demo_topics[(size_t)(k + (int)i) % 5]) != PD_OK)
                return r->err.code;
        if (!overdue && demo_conv(r, org_id, l.id, coach, 14 + (int)i * 2, "planned",
                                  demo_topics[i % 5]) != PD_OK)
            return r->err.code;
        if (i == 0 &&
            (demo_note(r, org_id, l.id, l.expert_id,
                       "Ik merk dat het gesprek met de jonge moeder bij me bleef hangen. Wil ik "
                       "de volgende keer bespreken.") != PD_OK ||
             demo_note(r, org_id, l.id, coach,
                       "Goed dat je het benoemt. Neem je aantekening van die week mee, dan "
                       "kijken we samen wat je nodig hebt.") != PD_OK))
            return r->err.code;
        if (i == 1 && demo_note(r, org_id, l.id, l.expert_id,
                                "Scholing 'Herstelgericht werken' lijkt me nuttig; kan dat "
                                "binnen het budget?") != PD_OK)
            return r->err.code;
        if (i == 0 && app_reflection_demo_seed(r, org_id, l.expert_id, coach) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}
