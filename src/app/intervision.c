/*
 * intervision.c: intervision groups, their members, the open-group gate, sessions and the
 * continuation decision (see intervision.h; agenda and cases are in intervision_content.c).
 *
 * Every use case runs in one write transaction that also holds its audit entry, reads of
 * content included, so no content leaves without its entry. Refusals roll back and write
 * a denied entry of their own (iv_deny).
 */
#include "intervision.h"

#include <string.h>

#include "../lib/ptime.h"
#include "../lib/str.h"
#include "app_int.h"
#include "clients.h"
#include "intervision_int.h"

const struct iv_theme iv_themes[] = {
    {"prejudices", "Vooroordelen", "Prejudices"},
    {"language", "Taalgebruik", "Language use"},
    {"self_disclosure", "Zelfonthulling", "Self-disclosure"},
    {"recovery_perspective", "Perspectief op herstel", "Perspective on recovery"},
};
const size_t iv_theme_count = sizeof(iv_themes) / sizeof(iv_themes[0]);

/* ---- shared helpers (intervision_int.h) ---- */

const char *iv_today(struct app_req *r)
{
    return arena_strndup(r->arena, app_now_iso(r), 10);
}

size_t iv_chars(const char *s)
{
    return s ? utf8_chars(s, strlen(s)) : 0;
}

int iv_check_text(struct app_req *r, const char *s, bool required, size_t max, const char *field)
{
    if (!s && !required)
        return PD_OK;
    size_t n = iv_chars(s);
    if (n == 0 || n > max)
        return err_set(&r->err, PD_EINVAL, field, "1 to %zu characters", max);
    return PD_OK;
}

int iv_audit(struct app_req *r, const char *event, char action, const char *type, const char *id,
             const char *basis)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = type,
                             .record_id = id,
                             .access_basis = basis};
    return audit_write(r, &ev);
}

static int refuse(struct app_req *r, const char *event, char action, const char *type,
                  const char *id, int code, const char *field, const char *detail)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = type,
                             .record_id = id && uuid_valid(id, strlen(id)) ? id : NULL,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, code, field, "%s", detail);
}

int iv_deny(struct app_req *r, const char *event, char action, const char *type, const char *id,
            int code)
{
    if (code == PD_EFORBID)
        return refuse(r, event, action, type, id, PD_EFORBID, "participation",
                      "state that you take part in this group to see and add its content");
    char detail[64];
    snprintf(detail, sizeof(detail), "no such %s", type + 3); /* "iv_..." -> "..." */
    return refuse(r, event, action, type, id, PD_ENOTFOUND, NULL, detail);
}

/* The record types in audit entries; iv_deny names the thing after the "iv_" prefix. */
#define T_GROUP   "iv_group"
#define T_SESSION "iv_session"

static bool may_intervise(const struct app_req *r)
{
    return (r->actor->roles & ROLE_INTERVISION) != 0;
}

/* May the actor see this group at all (content == false) or its content (true)? Returns
 * PD_OK, PD_ENOTFOUND (not visible: same as missing) or PD_EFORBID (an open group the
 * actor sees but does not take part in). */
static int group_gate(const struct app_req *r, const struct iv_group *g, bool content,
                      const char **basis)
{
    if (!may_intervise(r))
        return PD_ENOTFOUND;
    if (strcmp(g->kind, "closed") == 0) {
        *basis = "member";
        return g->member ? PD_OK : PD_ENOTFOUND;
    }
    *basis = g->taking_part ? "participant" : "peer";
    return !content || g->taking_part ? PD_OK : PD_EFORBID;
}

/* Load a group in the open transaction and check the gate; refusals are answered. */
static int load_group(struct app_req *r, const char *id, const char *event, char action,
                      bool content, struct iv_group *g, const char **basis)
{
    if (!id || !uuid_valid(id, strlen(id)))
        return iv_deny(r, event, action, T_GROUP, NULL, PD_ENOTFOUND);
    int rc = store_iv_group_get(r->db, r->arena, r->actor->org_id, id, r->actor->user_id,
                                iv_today(r), g, &r->err);
    if (rc == PD_ENOTFOUND)
        return iv_deny(r, event, action, T_GROUP, id, PD_ENOTFOUND);
    if (rc != PD_OK)
        return rc;
    rc = group_gate(r, g, content, basis);
    if (rc != PD_OK)
        return iv_deny(r, event, action, T_GROUP, id, rc);
    return PD_OK;
}

int iv_load_session(struct app_req *r, const char *id, const char *event, char action,
                    struct iv_group *g, struct iv_session *s, const char **basis)
{
    if (!id || !uuid_valid(id, strlen(id)))
        return iv_deny(r, event, action, T_SESSION, NULL, PD_ENOTFOUND);
    int rc = store_iv_session_get(r->db, r->arena, r->actor->org_id, id, s, &r->err);
    if (rc == PD_OK)
        rc = store_iv_group_get(r->db, r->arena, r->actor->org_id, s->group_id, r->actor->user_id,
                                iv_today(r), g, &r->err);
    if (rc == PD_ENOTFOUND)
        return iv_deny(r, event, action, T_SESSION, id, PD_ENOTFOUND);
    if (rc != PD_OK)
        return rc;
    rc = group_gate(r, g, true, basis);
    if (rc != PD_OK)
        return iv_deny(r, event, action, T_SESSION, id, rc);
    return PD_OK;
}

/* An active worker of the organisation with an intervision role, in the group's team. */
static int check_team_worker(struct app_req *r, const struct iv_group *g, const char *id,
                             const char *field)
{
    struct worker w;
    bool in_team = false;
    if (!id || !uuid_valid(id, strlen(id)))
        return err_set(&r->err, PD_EINVAL, field, "a worker id");
    int rc = store_worker_by_id(r->db, r->arena, id, &w, &r->err);
    if (rc != PD_OK && rc != PD_ENOTFOUND)
        return rc;
    if (rc == PD_OK && strcmp(w.org_id, r->actor->org_id) == 0 && w.status == WORKER_ACTIVE &&
        (w.roles & ROLE_INTERVISION) &&
        store_iv_in_team(r->db, r->actor->org_id, g->team_id, id, &in_team, &r->err) != PD_OK)
        return r->err.code;
    if (!in_team) {
        err_clear(&r->err);
        return err_set(&r->err, PD_EINVAL, field, "no such member of the group's team");
    }
    return PD_OK;
}

/* ---- groups ---- */

int app_iv_group_list(struct app_req *r, struct iv_group **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!may_intervise(r))
        return refuse(r, "intervision.group.list", 'R', T_GROUP, NULL, PD_EFORBID, NULL,
                      "intervision is for workers with lived experience and their colleagues");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_iv_group_list(r->db, r->arena, r->actor->org_id, r->actor->user_id, iv_today(r), out,
                            n, &r->err) != PD_OK ||
        iv_audit(r, "intervision.group.list", 'R', T_GROUP, NULL, "peer") != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static bool one_of(const char *s, const char *a, const char *b)
{
    return s && (strcmp(s, a) == 0 || strcmp(s, b) == 0);
}

static int check_group_input(struct app_req *r, const struct iv_group_input *in)
{
    if (!one_of(in->kind, "closed", "open"))
        return err_set(&r->err, PD_EINVAL, "kind", "closed or open");
    if (iv_check_text(r, in->name, true, IV_NAME_CHARS, "name") != PD_OK ||
        iv_check_text(r, in->purpose, false, IV_PURPOSE_CHARS, "purpose") != PD_OK)
        return r->err.code;
    if (in->facilitation && !one_of(in->facilitation, "fixed", "rotating"))
        return err_set(&r->err, PD_EINVAL, "facilitation", "fixed or rotating");
    bool closed = strcmp(in->kind, "closed") == 0;
    if (closed && !in->team_id)
        return err_set(&r->err, PD_EMISSING, "team_id", "a closed group belongs to an expert team");
    if (!closed && in->team_id)
        return err_set(&r->err, PD_EINVAL, "team_id", "an open group belongs to no team");
    if (!closed && in->nmembers)
        return err_set(&r->err, PD_EINVAL, "member_ids",
                       "an open group has no member list: people take part without signing up");
    if (!closed && in->format)
        return err_set(&r->err, PD_EINVAL, "format", "participants set the form per meeting");
    if (in->format && !one_of(in->format, "case", "theme"))
        return err_set(&r->err, PD_EINVAL, "format", "case or theme");
    if (in->nmembers > IV_MEMBERS_MAX)
        return err_set(&r->err, PD_EINVAL, "member_ids", "at most %d members", IV_MEMBERS_MAX);
    return PD_OK;
}

static int expert_team(struct app_req *r, const char *id, struct iv_group *g)
{
    struct team *ts;
    size_t n;
    if (!uuid_valid(id, strlen(id)))
        return err_set(&r->err, PD_EINVAL, "team_id", "no such expert team");
    if (store_team_list(r->db, r->arena, r->actor->org_id, &ts, &n, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ts[i].id, id) == 0 && ts[i].kind == TEAM_EXPERT) {
            g->team_id = ts[i].id;
            g->team_name = ts[i].name;
            return PD_OK;
        }
    return err_set(&r->err, PD_EINVAL, "team_id", "no such expert team");
}

/* Members and sessions of a group the actor may see (closed: members only). */
static int group_view(struct app_req *r, const struct iv_group *g, struct iv_group_view *out)
{
    memset(out, 0, sizeof(*out));
    out->g = *g;
    if (strcmp(g->kind, "closed") == 0 &&
        store_iv_members(r->db, r->arena, g->id, &out->members, &out->nmembers, &r->err) != PD_OK)
        return r->err.code;
    return store_iv_sessions(r->db, r->arena, g->id, &out->sessions, &out->nsessions, &r->err);
}

static int add_members(struct app_req *r, struct iv_group *g, const struct iv_group_input *in,
                       const char *now)
{
    char field[48];
    size_t added = 0;
    bool creator_in = false;
    if (store_iv_in_team(r->db, g->org_id, g->team_id, r->actor->user_id, &creator_in, &r->err) !=
        PD_OK)
        return r->err.code;
    for (size_t i = 0; i < in->nmembers; i++) {
        snprintf(field, sizeof(field), "member_ids[%zu]", i);
        if (check_team_worker(r, g, in->member_ids[i], field) != PD_OK)
            return r->err.code;
        for (size_t j = 0; j < i; j++)
            if (strcmp(in->member_ids[i], in->member_ids[j]) == 0)
                return err_set(&r->err, PD_EINVAL, field, "listed twice");
        if (store_iv_member_add(r->db, g->org_id, g->id, in->member_ids[i], now, &r->err) != PD_OK)
            return r->err.code;
        added++;
        if (strcmp(in->member_ids[i], r->actor->user_id) == 0)
            g->member = true;
    }
    /* The creator is in the group when they are in the team; a coordinator from outside
     * sets it up for the team and sees nothing of it afterwards. */
    if (creator_in && !g->member) {
        if (store_iv_member_add(r->db, g->org_id, g->id, r->actor->user_id, now, &r->err) != PD_OK)
            return r->err.code;
        g->member = true;
        added++;
    }
    if (added == 0)
        return err_set(&r->err, PD_EINVAL, "member_ids", "at least one member of the team");
    if (added > IV_MEMBERS_MAX)
        return err_set(&r->err, PD_EINVAL, "member_ids", "at most %d members", IV_MEMBERS_MAX);
    return PD_OK;
}

int app_iv_group_create(struct app_req *r, const struct iv_group_input *in,
                        struct iv_group_view *out)
{
    const char *event = "intervision.group.create";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!may_intervise(r))
        return refuse(r, event, 'C', T_GROUP, NULL, PD_EFORBID, NULL,
                      "intervision is for workers with lived experience and their colleagues");
    if (check_group_input(r, in) != PD_OK)
        return r->err.code;
    const char *now = app_now_iso(r);
    struct iv_group g = {.kind = in->kind,
                         .name = in->name,
                         .purpose = in->purpose,
                         .format = in->format,
                         .facilitation = in->facilitation ? in->facilitation : "rotating",
                         .created_at = now,
                         .version = 1};
    uuid7_new(g.id);
    memcpy(g.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(g.created_by, r->actor->user_id, UUID_STR_BYTES);
    bool closed = strcmp(in->kind, "closed") == 0;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    if (closed) {
        bool in_team = false;
        if (expert_team(r, in->team_id, &g) != PD_OK ||
            store_iv_in_team(r->db, g.org_id, g.team_id, r->actor->user_id, &in_team, &r->err) !=
                PD_OK)
            return app_fail(r);
        if (!in_team && !(r->actor->roles & ROLE_COORDINATOR))
            return refuse(r, event, 'C', T_GROUP, NULL, PD_EFORBID, "team_id",
                          "a closed group is set up by a coordinator or a member of the team");
    }
    int rc = store_iv_group_insert(r->db, &g, &r->err);
    if (rc == PD_ECONFLICT) {
        err_clear(&r->err);
        err_set(&r->err, PD_ECONFLICT, "name", "a group with this name exists");
    }
    if (rc != PD_OK || (closed && add_members(r, &g, in, now) != PD_OK) ||
        iv_audit(r, event, 'C', T_GROUP, g.id, closed ? "team" : "peer") != PD_OK)
        return app_fail(r);
    memset(out, 0, sizeof(*out));
    out->g = g;
    if ((!closed || g.member) && group_view(r, &g, out) != PD_OK)
        return app_fail(r);
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_iv_group_get(struct app_req *r, const char *id, struct iv_group_view *out)
{
    const char *event = "intervision.group.read", *basis = NULL;
    struct iv_group g;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_group(r, id, event, 'R', false, &g, &basis) != PD_OK)
        return app_fail(r);
    if (group_view(r, &g, out) != PD_OK || iv_audit(r, event, 'R', T_GROUP, g.id, basis) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- members ---- */

int app_iv_member_add(struct app_req *r, const char *group_id, const char *worker_id,
                      struct iv_group_view *out)
{
    const char *event = "intervision.member.add", *basis = NULL;
    struct iv_group g;
    int64_t n = 0;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_group(r, group_id, event, 'U', false, &g, &basis) != PD_OK)
        return app_fail(r);
    if (strcmp(g.kind, "open") == 0) {
        err_set(&r->err, PD_ECONFLICT, NULL,
                "an open group has no member list: people take part without signing up");
        return app_fail(r);
    }
    if (check_team_worker(r, &g, worker_id, "worker_id") != PD_OK ||
        store_iv_count(r->db, "members", g.id, &n, &r->err) != PD_OK)
        return app_fail(r);
    if (n >= IV_MEMBERS_MAX) {
        err_set(&r->err, PD_ECONFLICT, "worker_id", "the group has %d members", IV_MEMBERS_MAX);
        return app_fail(r);
    }
    if (store_iv_member_add(r->db, g.org_id, g.id, worker_id, app_now_iso(r), &r->err) != PD_OK ||
        iv_audit(r, event, 'U', T_GROUP, g.id, basis) != PD_OK || group_view(r, &g, out) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_iv_member_remove(struct app_req *r, const char *group_id, const char *worker_id)
{
    const char *event = "intervision.member.remove", *basis = NULL;
    struct iv_group g;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_group(r, group_id, event, 'U', false, &g, &basis) != PD_OK)
        return app_fail(r);
    if (strcmp(g.kind, "open") == 0) {
        err_set(&r->err, PD_ENOTFOUND, NULL, "no such member of this group");
        return app_fail(r);
    }
    bool self = worker_id && strcmp(worker_id, r->actor->user_id) == 0;
    if (!self && strcmp(g.created_by, r->actor->user_id) != 0)
        return refuse(r, event, 'U', T_GROUP, g.id, PD_EFORBID, "worker_id",
                      "every member may leave; only the group's creator takes someone else out");
    int rc = store_iv_member_remove(r->db, g.id, worker_id ? worker_id : "", &r->err);
    if (rc != PD_OK || iv_audit(r, event, 'U', T_GROUP, g.id, basis) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- the open-group gate ---- */

int app_iv_participation(struct app_req *r, const char *group_id, bool on)
{
    const char *event = on ? "intervision.participation.start" : "intervision.participation.end";
    const char *basis = NULL;
    struct iv_group g;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_group(r, group_id, event, 'U', false, &g, &basis) != PD_OK)
        return app_fail(r);
    if (strcmp(g.kind, "closed") == 0) {
        err_set(&r->err, PD_ECONFLICT, NULL, "a closed group has members; ask one of them");
        return app_fail(r);
    }
    if (store_iv_participation_set(r->db, g.org_id, g.id, r->actor->user_id, on, &r->err) !=
            PD_OK ||
        iv_audit(r, event, 'U', T_GROUP, g.id, "self") != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- sessions ---- */

static bool time_ok(const char *s)
{
    return s && strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
           (s[0] < '2' || s[1] <= '3') && s[2] == ':' && s[3] >= '0' && s[3] <= '5' &&
           s[4] >= '0' && s[4] <= '9';
}

static bool is_member(const struct iv_person *m, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(m[i].id, id) == 0)
            return true;
    return false;
}

/* Every field of a complete session of group g. */
static int check_session(struct app_req *r, const struct iv_group *g, const struct iv_session *s)
{
    struct iv_person *m;
    size_t nm;
    bool closed = strcmp(g->kind, "closed") == 0;
    if (app_check_date(r, s->held_on, "held_on") != PD_OK)
        return r->err.code;
    if (s->starts_at && !time_ok(s->starts_at))
        return err_set(&r->err, PD_EINVAL, "starts_at", "a time as HH:MM");
    if (iv_check_text(r, s->place, false, IV_PLACE_CHARS, "place") != PD_OK ||
        iv_check_text(r, s->notes, false, IV_TEXT_CHARS, "notes") != PD_OK)
        return r->err.code;
    if (closed) {
        if (s->format && !one_of(s->format, "case", "theme"))
            return err_set(&r->err, PD_EINVAL, "format", "case or theme");
        if (s->chair)
            return err_set(&r->err, PD_EINVAL, "chair", "a closed group has a facilitator");
        if (s->headcount >= 0)
            return err_set(&r->err, PD_EINVAL, "headcount",
                           "a closed group knows its members: no headcount");
        if (s->facilitator_id) {
            if (store_iv_members(r->db, r->arena, g->id, &m, &nm, &r->err) != PD_OK)
                return r->err.code;
            if (!is_member(m, nm, s->facilitator_id))
                return err_set(&r->err, PD_EINVAL, "facilitator_id", "a member of the group");
        }
        return PD_OK;
    }
    if (s->format)
        return err_set(&r->err, PD_EINVAL, "format", "participants set the form per meeting");
    if (s->facilitator_id)
        return err_set(&r->err, PD_EINVAL, "facilitator_id",
                       "an open group has a chair (free text), not a facilitator id");
    if (iv_check_text(r, s->chair, false, IV_CHAIR_CHARS, "chair") != PD_OK)
        return r->err.code;
    if (s->headcount > IV_HEADCOUNT_MAX)
        return err_set(&r->err, PD_EINVAL, "headcount", "0 to %d", IV_HEADCOUNT_MAX);
    if (s->headcount >= 0 && strcmp(s->held_on, iv_today(r)) > 0)
        return err_set(&r->err, PD_EINVAL, "headcount", "counted after the meeting");
    return PD_OK;
}

/* Who facilitates next: fixed keeps the last facilitator, rotating takes the member after
 * them (by name, wrapping); no earlier facilitator: the first member when rotating. */
static int next_facilitator(struct app_req *r, const struct iv_group *g, const char **out)
{
    struct iv_person *m;
    struct iv_session *ss;
    size_t nm, ns;
    const char *last = NULL;
    *out = NULL;
    if (store_iv_members(r->db, r->arena, g->id, &m, &nm, &r->err) != PD_OK ||
        store_iv_sessions(r->db, r->arena, g->id, &ss, &ns, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < ns && !last; i++)
        if (ss[i].facilitator_id && is_member(m, nm, ss[i].facilitator_id))
            last = ss[i].facilitator_id;
    if (nm == 0)
        return PD_OK;
    if (strcmp(g->facilitation, "fixed") == 0) {
        *out = last;
        return PD_OK;
    }
    *out = m[0].id;
    for (size_t i = 0; last && i < nm; i++)
        if (strcmp(m[i].id, last) == 0)
            *out = m[(i + 1) % nm].id;
    return PD_OK;
}

static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

/* The agenda, cases and member count of a session the actor may read. */
static int session_view(struct app_req *r, const struct iv_group *g, const struct iv_session *s,
                        struct iv_session_view *out)
{
    memset(out, 0, sizeof(*out));
    out->g = *g;
    out->s = *s;
    out->viewer_id = r->actor->user_id;
    if (store_iv_agenda(r->db, r->arena, s->id, &out->agenda, &out->nagenda, &r->err) != PD_OK ||
        store_iv_cases(r->db, r->arena, s->id, &out->cases, &out->ncases, &r->err) != PD_OK)
        return r->err.code;
    if (strcmp(g->kind, "closed") == 0 &&
        store_iv_count(r->db, "members", g->id, &out->nmembers, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < out->ncases; i++)
        out->cases[i].nmembers = out->nmembers;
    return PD_OK;
}

static int reload_view(struct app_req *r, const struct iv_group *g, const char *id,
                       struct iv_session_view *out)
{
    struct iv_session s;
    if (store_iv_session_get(r->db, r->arena, r->actor->org_id, id, &s, &r->err) != PD_OK)
        return r->err.code;
    return session_view(r, g, &s, out);
}

int app_iv_session_create(struct app_req *r, const char *group_id,
                          const struct iv_session_input *in, struct iv_session_view *out)
{
    const char *event = "intervision.session.create", *basis = NULL;
    struct iv_group g;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_group(r, group_id, event, 'C', true, &g, &basis) != PD_OK)
        return app_fail(r);
    struct iv_session s = {.held_on = in->held_on,
                           .starts_at = opt(in->starts_at),
                           .place = opt(in->place),
                           .format = opt(in->format),
                           .facilitator_id = opt(in->facilitator_id),
                           .chair = opt(in->chair),
                           .notes = opt(in->notes),
                           .headcount = in->headcount >= 0 ? in->headcount : -1,
                           .created_at = app_now_iso(r),
                           .version = 1};
    uuid7_new(s.id);
    memcpy(s.org_id, g.org_id, UUID_STR_BYTES);
    memcpy(s.group_id, g.id, UUID_STR_BYTES);
    memcpy(s.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (strcmp(g.kind, "closed") == 0) {
        if (!s.format)
            s.format = g.format ? g.format : "case";
        if (!s.facilitator_id && next_facilitator(r, &g, &s.facilitator_id) != PD_OK)
            return app_fail(r);
    }
    if (check_session(r, &g, &s) != PD_OK || store_iv_session_insert(r->db, &s, &r->err) != PD_OK ||
        iv_audit(r, event, 'C', T_SESSION, s.id, basis) != PD_OK ||
        reload_view(r, &g, s.id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_iv_session_get(struct app_req *r, const char *id, struct iv_session_view *out)
{
    const char *event = "intervision.session.read", *basis = NULL;
    struct iv_group g;
    struct iv_session s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        iv_load_session(r, id, event, 'R', &g, &s, &basis) != PD_OK)
        return app_fail(r);
    if (session_view(r, &g, &s, out) != PD_OK ||
        iv_audit(r, event, 'R', T_SESSION, s.id, basis) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* NULL keeps, "" clears, anything else replaces. */
static const char *merge(const char *now, const char *in)
{
    if (!in)
        return now;
    return *in ? in : NULL;
}

int app_iv_session_update(struct app_req *r, const char *id, int64_t version,
                          const struct iv_session_input *in, struct iv_session_view *out)
{
    const char *event = "intervision.session.update", *basis = NULL;
    struct iv_group g;
    struct iv_session s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        iv_load_session(r, id, event, 'U', &g, &s, &basis) != PD_OK)
        return app_fail(r);
    if (s.version != version) {
        if (session_view(r, &g, &s, out) == PD_OK)
            err_set(&r->err, PD_ESTALE, "If-Match", "the session changed since you read it");
        return app_fail(r);
    }
    s.held_on = in->held_on ? in->held_on : s.held_on;
    s.starts_at = merge(s.starts_at, in->starts_at);
    s.place = merge(s.place, in->place);
    s.format = merge(s.format, in->format);
    s.facilitator_id = merge(s.facilitator_id, in->facilitator_id);
    s.chair = merge(s.chair, in->chair);
    s.notes = merge(s.notes, in->notes);
    if (in->headcount != -1)
        s.headcount = in->headcount == -2 ? -1 : in->headcount;
    if (strcmp(g.kind, "closed") == 0 && !s.format)
        s.format = "case";
    if (check_session(r, &g, &s) != PD_OK || store_iv_session_update(r->db, &s, &r->err) != PD_OK ||
        iv_audit(r, event, 'U', T_SESSION, s.id, basis) != PD_OK ||
        reload_view(r, &g, s.id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

static int check_decision(struct app_req *r, const struct iv_session *s,
                          const struct iv_decision_input *in)
{
    if (!in->decision || (strcmp(in->decision, "continue") != 0 &&
                          strcmp(in->decision, "pause") != 0 && strcmp(in->decision, "stop") != 0))
        return err_set(&r->err, PD_EINVAL, "decision", "continue, pause or stop");
    if (strcmp(s->held_on, iv_today(r)) > 0)
        return err_set(&r->err, PD_EINVAL, "decision", "taken together at or after the meeting");
    if (iv_check_text(r, in->note, false, IV_NOTE_CHARS, "note") != PD_OK)
        return r->err.code;
    if (strcmp(in->decision, "stop") == 0) {
        if (in->next_on)
            return err_set(&r->err, PD_EINVAL, "next_on", "no next date when the group stops");
        return PD_OK;
    }
    if (!in->next_on) {
        if (strcmp(in->decision, "continue") == 0)
            return err_set(&r->err, PD_EMISSING, "next_on", "the date of the next meeting");
        return PD_OK;
    }
    if (app_check_date(r, in->next_on, "next_on") != PD_OK)
        return r->err.code;
    if (strcmp(in->next_on, s->held_on) <= 0)
        return err_set(&r->err, PD_EINVAL, "next_on", "a date after this meeting");
    return PD_OK;
}

/* The meeting the decision plans, unless the group has one on that date already. */
static int plan_next(struct app_req *r, const struct iv_group *g, const struct iv_session *s,
                     const char *basis)
{
    bool exists = false;
    if (store_iv_session_on(r->db, g->id, s->next_on, &exists, &r->err) != PD_OK)
        return r->err.code;
    if (exists)
        return PD_OK;
    bool fixed = strcmp(g->facilitation, "fixed") == 0;
    struct iv_session n = {.held_on = s->next_on,
                           .starts_at = s->starts_at,
                           .place = s->place,
                           .format = s->format,
                           .chair = fixed ? s->chair : NULL,
                           .headcount = -1,
                           .created_at = app_now_iso(r),
                           .version = 1};
    uuid7_new(n.id);
    memcpy(n.org_id, g->org_id, UUID_STR_BYTES);
    memcpy(n.group_id, g->id, UUID_STR_BYTES);
    memcpy(n.created_by, r->actor->user_id, UUID_STR_BYTES);
    if (strcmp(g->kind, "closed") == 0 && next_facilitator(r, g, &n.facilitator_id) != PD_OK)
        return r->err.code;
    if (store_iv_session_insert(r->db, &n, &r->err) != PD_OK)
        return r->err.code;
    return iv_audit(r, "intervision.session.create", 'C', T_SESSION, n.id, basis);
}

int app_iv_decision(struct app_req *r, const char *id, int64_t version,
                    const struct iv_decision_input *in, struct iv_session_view *out)
{
    const char *event = "intervision.session.decision", *basis = NULL;
    struct iv_group g;
    struct iv_session s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        iv_load_session(r, id, event, 'U', &g, &s, &basis) != PD_OK)
        return app_fail(r);
    if (s.version != version) {
        if (session_view(r, &g, &s, out) == PD_OK)
            err_set(&r->err, PD_ESTALE, "If-Match", "the session changed since you read it");
        return app_fail(r);
    }
    if (check_decision(r, &s, in) != PD_OK)
        return app_fail(r);
    s.decision = in->decision;
    s.next_on = in->next_on;
    s.decision_note = opt(in->note);
    s.decided_at = app_now_iso(r);
    if (store_iv_session_update(r->db, &s, &r->err) != PD_OK ||
        iv_audit(r, event, 'U', T_SESSION, s.id, basis) != PD_OK ||
        (s.next_on && plan_next(r, &g, &s, basis) != PD_OK) ||
        reload_view(r, &g, s.id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
