/*
 * store_intervision.c: see store_intervision.h. Names of workers come from a join with
 * worker, so the app layer decides per viewer which of them leave the server.
 */
#include "store_intervision.h"

#include <string.h>

#include "store_util.h"

/* ---- groups ---- */

#define GROUP_COLS                                                                                 \
    "g.id, g.org_id, g.kind, g.name, g.purpose, g.team_id, t.name, g.format, g.facilitation,"      \
    " g.created_by, g.created_at, g.version,"                                                      \
    " CASE WHEN EXISTS (SELECT 1 FROM iv_member m WHERE m.group_id = g.id AND m.worker_id = ?2) "  \
    "THEN 1 ELSE 0 END,"                                                                           \
    " CASE WHEN EXISTS (SELECT 1 FROM iv_participant p WHERE p.group_id = g.id AND p.worker_id = " \
    "?2) THEN 1 ELSE 0 END,"                                                                       \
    " (SELECT MIN(s.held_on) FROM iv_session s WHERE s.group_id = g.id AND s.held_on >= ?3)"

static void group_row(struct db_stmt *st, struct arena *a, struct iv_group *g)
{
    memset(g, 0, sizeof(*g));
    store_col_id(st, 0, g->id);
    store_col_id(st, 1, g->org_id);
    g->kind = store_col_str(a, st, 2);
    g->name = store_col_str(a, st, 3);
    g->purpose = store_col_opt(a, st, 4);
    g->team_id = store_col_opt(a, st, 5);
    g->team_name = store_col_opt(a, st, 6);
    g->format = store_col_opt(a, st, 7);
    g->facilitation = store_col_str(a, st, 8);
    store_col_id(st, 9, g->created_by);
    g->created_at = store_col_str(a, st, 10);
    g->version = db_col_int64(st, 11);
    g->member = db_col_int64(st, 12) != 0;
    g->taking_part = db_col_int64(st, 13) != 0;
    g->next_on = store_col_opt(a, st, 14);
}

int store_iv_group_insert(struct db *db, const struct iv_group *g, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO iv_group (id, org_id, kind, name, purpose,"
                                    " team_id, format, facilitation, created_by, created_at,"
                                    " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, g->id);
    db_bind_text(st, 2, g->org_id);
    db_bind_text(st, 3, g->kind);
    db_bind_text(st, 4, g->name);
    db_bind_text(st, 5, g->purpose);
    db_bind_text(st, 6, g->team_id);
    db_bind_text(st, 7, g->format);
    db_bind_text(st, 8, g->facilitation);
    db_bind_text(st, 9, g->created_by);
    db_bind_text(st, 10, g->created_at);
    return store_step_done(st, e);
}

int store_iv_group_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                       const char *viewer_id, const char *today, struct iv_group *out,
                       struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " GROUP_COLS " FROM iv_group g"
                                    " LEFT JOIN team t ON t.id = g.team_id"
                                    " WHERE g.id = ?1 AND g.org_id = ?4",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, viewer_id);
    db_bind_text(st, 3, today);
    db_bind_text(st, 4, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such group");
    group_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_iv_group_list(struct db *db, struct arena *a, const char *org_id, const char *viewer_id,
                        const char *today, struct iv_group **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT " GROUP_COLS " FROM iv_group g LEFT JOIN team t ON t.id = g.team_id"
                   " WHERE g.org_id = ?1 AND (g.kind = 'open' OR EXISTS (SELECT 1 FROM iv_member m"
                   "   WHERE m.group_id = g.id AND m.worker_id = ?2))"
                   " ORDER BY g.kind, g.name",
                   e);
    size_t cap = 16, len = 0;
    struct iv_group *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, viewer_id);
    db_bind_text(st, 3, today);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        group_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- members and the open-group gate ---- */

int store_iv_members(struct db *db, struct arena *a, const char *group_id, struct iv_person **out,
                     size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT w.id, w.name FROM iv_member m"
                                    " JOIN worker w ON w.id = m.worker_id"
                                    " WHERE m.group_id = ? ORDER BY w.name, w.id",
                                    e);
    size_t cap = 16, len = 0;
    struct iv_person *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, group_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        store_col_id(st, 0, v[len].id);
        v[len++].name = store_col_str(a, st, 1);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_iv_member_add(struct db *db, const char *org_id, const char *group_id,
                        const char *worker_id, const char *now, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO iv_member (org_id, group_id, worker_id, added_at)"
                                    " VALUES (?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, group_id);
    db_bind_text(st, 3, worker_id);
    db_bind_text(st, 4, now);
    int rc = db_step(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "worker_id", "already a member of this group");
    }
    return rc < 0 ? rc : PD_OK;
}

int store_iv_member_remove(struct db *db, const char *group_id, const char *worker_id,
                           struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM iv_member WHERE group_id = ? AND worker_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, group_id);
    db_bind_text(st, 2, worker_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (db_changes(db) == 0)
        return err_set(e, PD_ENOTFOUND, NULL, "no such member of this group");
    return PD_OK;
}

int store_iv_in_team(struct db *db, const char *org_id, const char *team_id, const char *worker_id,
                     bool *yes, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT 1 FROM team_member WHERE org_id = ? AND team_id = ?"
                                    " AND worker_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, team_id);
    db_bind_text(st, 3, worker_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW;
    db_reset(st);
    return PD_OK;
}

int store_iv_participation_set(struct db *db, const char *org_id, const char *group_id,
                               const char *worker_id, bool on, struct pd_err *e)
{
    struct db_stmt *st;
    if (on) {
        st = db_prepare(db,
                        "INSERT INTO iv_participant (org_id, group_id, worker_id)"
                        " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                        e);
    } else {
        st = db_prepare(db,
                        "DELETE FROM iv_participant WHERE org_id = ?1 AND group_id = ?2"
                        " AND worker_id = ?3",
                        e);
    }
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, group_id);
    db_bind_text(st, 3, worker_id);
    return store_step_done(st, e);
}

/* ---- sessions ---- */

#define SESSION_COLS                                                                               \
    "s.id, s.org_id, s.group_id, s.held_on, s.starts_at, s.place, s.format, s.facilitator_id,"     \
    " w.name, s.chair, s.notes, s.headcount, s.decision, s.next_on, s.decision_note,"              \
    " s.decided_at, s.created_by, s.created_at, s.version"

static void session_row(struct db_stmt *st, struct arena *a, struct iv_session *s)
{
    memset(s, 0, sizeof(*s));
    store_col_id(st, 0, s->id);
    store_col_id(st, 1, s->org_id);
    store_col_id(st, 2, s->group_id);
    s->held_on = store_col_str(a, st, 3);
    s->starts_at = store_col_opt(a, st, 4);
    s->place = store_col_opt(a, st, 5);
    s->format = store_col_opt(a, st, 6);
    s->facilitator_id = store_col_opt(a, st, 7);
    s->facilitator_name = store_col_opt(a, st, 8);
    s->chair = store_col_opt(a, st, 9);
    s->notes = store_col_opt(a, st, 10);
    s->headcount = db_col_is_null(st, 11) ? -1 : (int)db_col_int64(st, 11);
    s->decision = store_col_opt(a, st, 12);
    s->next_on = store_col_opt(a, st, 13);
    s->decision_note = store_col_opt(a, st, 14);
    s->decided_at = store_col_opt(a, st, 15);
    store_col_id(st, 16, s->created_by);
    s->created_at = store_col_str(a, st, 17);
    s->version = db_col_int64(st, 18);
}

static void bind_headcount(struct db_stmt *st, int idx, int headcount)
{
    if (headcount < 0)
        db_bind_null(st, idx);
    else
        db_bind_int64(st, idx, headcount);
}

int store_iv_session_insert(struct db *db, const struct iv_session *s, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "INSERT INTO iv_session (id, org_id, group_id, held_on, starts_at, place,"
                   " format, facilitator_id, chair, notes, headcount, decision, next_on,"
                   " decision_note, decided_at, created_by, created_at, version)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->id);
    db_bind_text(st, 2, s->org_id);
    db_bind_text(st, 3, s->group_id);
    db_bind_text(st, 4, s->held_on);
    db_bind_text(st, 5, s->starts_at);
    db_bind_text(st, 6, s->place);
    db_bind_text(st, 7, s->format);
    db_bind_text(st, 8, s->facilitator_id);
    db_bind_text(st, 9, s->chair);
    db_bind_text(st, 10, s->notes);
    bind_headcount(st, 11, s->headcount);
    db_bind_text(st, 12, s->decision);
    db_bind_text(st, 13, s->next_on);
    db_bind_text(st, 14, s->decision_note);
    db_bind_text(st, 15, s->decided_at);
    db_bind_text(st, 16, s->created_by);
    db_bind_text(st, 17, s->created_at);
    return store_step_done(st, e);
}

int store_iv_session_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                         struct iv_session *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " SESSION_COLS " FROM iv_session s"
                                    " LEFT JOIN worker w ON w.id = s.facilitator_id"
                                    " WHERE s.id = ? AND s.org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such session");
    session_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_iv_session_update(struct db *db, const struct iv_session *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE iv_session SET held_on = ?, starts_at = ?, place = ?,"
                                    " format = ?, facilitator_id = ?, chair = ?, notes = ?,"
                                    " headcount = ?, decision = ?, next_on = ?,"
                                    " decision_note = ?, decided_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->held_on);
    db_bind_text(st, 2, s->starts_at);
    db_bind_text(st, 3, s->place);
    db_bind_text(st, 4, s->format);
    db_bind_text(st, 5, s->facilitator_id);
    db_bind_text(st, 6, s->chair);
    db_bind_text(st, 7, s->notes);
    bind_headcount(st, 8, s->headcount);
    db_bind_text(st, 9, s->decision);
    db_bind_text(st, 10, s->next_on);
    db_bind_text(st, 11, s->decision_note);
    db_bind_text(st, 12, s->decided_at);
    db_bind_text(st, 13, s->id);
    db_bind_text(st, 14, s->org_id);
    db_bind_int64(st, 15, s->version);
    return store_step_versioned(db, st, "session", e);
}

int store_iv_sessions(struct db *db, struct arena *a, const char *group_id, struct iv_session **out,
                      size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " SESSION_COLS " FROM iv_session s"
                                    " LEFT JOIN worker w ON w.id = s.facilitator_id"
                                    " WHERE s.group_id = ? ORDER BY s.held_on DESC, s.id DESC",
                                    e);
    size_t cap = 16, len = 0;
    struct iv_session *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, group_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        session_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_iv_session_on(struct db *db, const char *group_id, const char *date, bool *yes,
                        struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT 1 FROM iv_session WHERE group_id = ? AND held_on = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, group_id);
    db_bind_text(st, 2, date);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW;
    db_reset(st);
    return PD_OK;
}

/* ---- agenda items ---- */

#define AGENDA_COLS                                                                                \
    "i.id, i.org_id, i.session_id, i.title, i.detail, i.theme, i.author_id, w.name,"               \
    " i.show_author, i.created_at"

static void agenda_row(struct db_stmt *st, struct arena *a, struct iv_agenda_item *it)
{
    memset(it, 0, sizeof(*it));
    store_col_id(st, 0, it->id);
    store_col_id(st, 1, it->org_id);
    store_col_id(st, 2, it->session_id);
    it->title = store_col_str(a, st, 3);
    it->detail = store_col_opt(a, st, 4);
    it->theme = store_col_opt(a, st, 5);
    store_col_id(st, 6, it->author_id);
    it->author_name = store_col_str(a, st, 7);
    it->show_author = db_col_int64(st, 8) != 0;
    it->created_at = store_col_str(a, st, 9);
}

int store_iv_agenda_insert(struct db *db, const struct iv_agenda_item *it, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO iv_agenda_item (id, org_id, session_id, title,"
                                    " detail, theme, author_id, show_author, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, it->id);
    db_bind_text(st, 2, it->org_id);
    db_bind_text(st, 3, it->session_id);
    db_bind_text(st, 4, it->title);
    db_bind_text(st, 5, it->detail);
    db_bind_text(st, 6, it->theme);
    db_bind_text(st, 7, it->author_id);
    db_bind_int64(st, 8, it->show_author ? 1 : 0);
    db_bind_text(st, 9, it->created_at);
    return store_step_done(st, e);
}

int store_iv_agenda_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                        struct iv_agenda_item *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " AGENDA_COLS " FROM iv_agenda_item i"
                                    " JOIN worker w ON w.id = i.author_id"
                                    " WHERE i.id = ? AND i.org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such agenda item");
    agenda_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_iv_agenda_delete(struct db *db, const char *id, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM iv_agenda_item WHERE id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    return store_step_done(st, e);
}

int store_iv_agenda(struct db *db, struct arena *a, const char *session_id,
                    struct iv_agenda_item **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " AGENDA_COLS " FROM iv_agenda_item i"
                                    " JOIN worker w ON w.id = i.author_id"
                                    " WHERE i.session_id = ? ORDER BY i.id",
                                    e);
    size_t cap = 16, len = 0;
    struct iv_agenda_item *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, session_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        agenda_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- cases and feedback ---- */

#define CASE_COLS                                                                                  \
    "c.id, c.org_id, c.session_id, c.owner_id, w.name, c.title, c.question, c.round,"              \
    " c.round_closed_at, c.reflection, c.usable, c.follow_up, c.reflected_at, c.created_at,"       \
    " c.version"

static void case_row(struct db_stmt *st, struct arena *a, struct iv_case *c)
{
    memset(c, 0, sizeof(*c));
    store_col_id(st, 0, c->id);
    store_col_id(st, 1, c->org_id);
    store_col_id(st, 2, c->session_id);
    store_col_id(st, 3, c->owner_id);
    c->owner_name = store_col_str(a, st, 4);
    c->title = store_col_str(a, st, 5);
    c->question = store_col_str(a, st, 6);
    c->round = store_col_str(a, st, 7);
    c->round_closed_at = store_col_opt(a, st, 8);
    c->reflection = store_col_opt(a, st, 9);
    c->usable = store_col_opt(a, st, 10);
    c->follow_up = store_col_opt(a, st, 11);
    c->reflected_at = store_col_opt(a, st, 12);
    c->created_at = store_col_str(a, st, 13);
    c->version = db_col_int64(st, 14);
}

static int case_feedback(struct db *db, struct arena *a, struct iv_case *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT f.id, f.author_id, w.name, f.top, f.tip, f.created_at"
                                    " FROM iv_feedback f JOIN worker w ON w.id = f.author_id"
                                    " WHERE f.case_id = ? ORDER BY f.id",
                                    e);
    size_t cap = 8, len = 0;
    struct iv_feedback *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct iv_feedback *f = &v[len++];
        store_col_id(st, 0, f->id);
        store_col_id(st, 1, f->author_id);
        f->author_name = store_col_str(a, st, 2);
        f->top = store_col_str(a, st, 3);
        f->tip = store_col_str(a, st, 4);
        f->created_at = store_col_str(a, st, 5);
    }
    if (rc < 0)
        return rc;
    c->feedback = v;
    c->nfeedback = len;
    return PD_OK;
}

int store_iv_case_insert(struct db *db, const struct iv_case *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO iv_case (id, org_id, session_id, owner_id, title,"
                                    " question, round, created_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, 'open', ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->id);
    db_bind_text(st, 2, c->org_id);
    db_bind_text(st, 3, c->session_id);
    db_bind_text(st, 4, c->owner_id);
    db_bind_text(st, 5, c->title);
    db_bind_text(st, 6, c->question);
    db_bind_text(st, 7, c->created_at);
    return store_step_done(st, e);
}

int store_iv_case_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                      struct iv_case *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " CASE_COLS " FROM iv_case c"
                                    " JOIN worker w ON w.id = c.owner_id"
                                    " WHERE c.id = ? AND c.org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such case");
    case_row(st, a, out);
    db_reset(st);
    return case_feedback(db, a, out, e);
}

int store_iv_case_update(struct db *db, const struct iv_case *c, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE iv_case SET round = ?, round_closed_at = ?,"
                                    " reflection = ?, usable = ?, follow_up = ?,"
                                    " reflected_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, c->round);
    db_bind_text(st, 2, c->round_closed_at);
    db_bind_text(st, 3, c->reflection);
    db_bind_text(st, 4, c->usable);
    db_bind_text(st, 5, c->follow_up);
    db_bind_text(st, 6, c->reflected_at);
    db_bind_text(st, 7, c->id);
    db_bind_text(st, 8, c->org_id);
    db_bind_int64(st, 9, c->version);
    return store_step_versioned(db, st, "case", e);
}

int store_iv_cases(struct db *db, struct arena *a, const char *session_id, struct iv_case **out,
                   size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " CASE_COLS " FROM iv_case c"
                                    " JOIN worker w ON w.id = c.owner_id"
                                    " WHERE c.session_id = ? ORDER BY c.id",
                                    e);
    size_t cap = 8, len = 0;
    struct iv_case *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, session_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        case_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    /* The feedback query is another statement: safe after the loop finished. */
    for (size_t i = 0; i < len; i++)
        if (case_feedback(db, a, &v[i], e) != PD_OK)
            return e->code;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_iv_feedback_insert(struct db *db, const char *org_id, const char *case_id,
                             const struct iv_feedback *f, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO iv_feedback (id, org_id, case_id, author_id, top,"
                                    " tip, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, f->id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, case_id);
    db_bind_text(st, 4, f->author_id);
    db_bind_text(st, 5, f->top);
    db_bind_text(st, 6, f->tip);
    db_bind_text(st, 7, f->created_at);
    int rc = db_step(st, e);
    if (rc == PD_ECONFLICT) {
        err_clear(e);
        return err_set(e, PD_ECONFLICT, "feedback", "you gave your top and tip on this case");
    }
    return rc < 0 ? rc : PD_OK;
}

int store_iv_count(struct db *db, const char *what, const char *id, int64_t *n, struct pd_err *e)
{
    struct db_stmt *st;
    if (strcmp(what, "agenda") == 0)
        st = db_prepare(db, "SELECT COUNT(*) FROM iv_agenda_item WHERE session_id = ?", e);
    else if (strcmp(what, "cases") == 0)
        st = db_prepare(db, "SELECT COUNT(*) FROM iv_case WHERE session_id = ?", e);
    else
        st = db_prepare(db, "SELECT COUNT(*) FROM iv_member WHERE group_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *n = db_col_int64(st, 0);
    db_reset(st);
    return PD_OK;
}
