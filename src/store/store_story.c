/*
 * store_story.c: see store_story.h. Who may see a shared fragment is decided here, in the
 * SQL of SHARE_FROM below, and nowhere else.
 */
#include "store_story.h"

#include <string.h>

#include "store_util.h"

/* ---- stories ---- */

#define STORY_COLS                                                                                 \
    "s.id, s.org_id, s.author_id, s.title, s.form, s.wont_share, s.current_n, s.created_at,"       \
    " s.updated_at, s.version"

static void story_row(struct db_stmt *st, struct arena *a, struct story_rec *s)
{
    memset(s, 0, sizeof(*s));
    store_col_id(st, 0, s->id);
    store_col_id(st, 1, s->org_id);
    store_col_id(st, 2, s->author_id);
    s->title = store_col_str(a, st, 3);
    s->form = store_col_str(a, st, 4);
    s->wont_share = store_col_opt(a, st, 5);
    s->current_n = db_col_int64(st, 6);
    s->created_at = store_col_str(a, st, 7);
    s->updated_at = store_col_str(a, st, 8);
    s->version = db_col_int64(st, 9);
}

int store_story_insert(struct db *db, const struct story_rec *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO story (id, org_id, author_id, title, form,"
                                    " wont_share, current_n, created_at, updated_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->id);
    db_bind_text(st, 2, s->org_id);
    db_bind_text(st, 3, s->author_id);
    db_bind_text(st, 4, s->title);
    db_bind_text(st, 5, s->form);
    db_bind_text(st, 6, s->wont_share);
    db_bind_int64(st, 7, s->current_n);
    db_bind_text(st, 8, s->created_at);
    db_bind_text(st, 9, s->updated_at);
    return store_step_done(st, e);
}

int store_story_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                    struct story_rec *out, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT " STORY_COLS " FROM story s WHERE s.id = ? AND s.org_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such story");
    story_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

int store_story_update(struct db *db, const struct story_rec *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE story SET title = ?, form = ?, wont_share = ?,"
                                    " current_n = ?, updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->title);
    db_bind_text(st, 2, s->form);
    db_bind_text(st, 3, s->wont_share);
    db_bind_int64(st, 4, s->current_n);
    db_bind_text(st, 5, s->updated_at);
    db_bind_text(st, 6, s->id);
    db_bind_text(st, 7, s->org_id);
    db_bind_int64(st, 8, s->version);
    return store_step_versioned(db, st, "story", e);
}

int store_story_delete(struct db *db, const char *org_id, const char *id, int64_t version,
                       struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM story WHERE id = ? AND org_id = ? AND version = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_int64(st, 3, version);
    return store_step_versioned(db, st, "story", e);
}

int store_story_list_author(struct db *db, struct arena *a, const char *org_id,
                            const char *author_id, int limit, struct story_rec **out, size_t *n,
                            struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT " STORY_COLS ", (SELECT count(*) FROM story_version_fragment vf"
        "   WHERE vf.story_id = s.id AND vf.n = s.current_n),"
        " (SELECT count(*) FROM story_version_fragment vf JOIN story_fragment f"
        "   ON f.id = vf.fragment_id WHERE vf.story_id = s.id AND vf.n = s.current_n"
        "   AND f.scope <> 'self')"
        " FROM story s WHERE s.org_id = ?1 AND s.author_id = ?2 ORDER BY s.id DESC LIMIT ?3",
        e);
    size_t cap = 8, len = 0;
    struct story_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, author_id);
    db_bind_int64(st, 3, limit);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        story_row(st, a, &v[len]);
        v[len].nfragments = db_col_int64(st, 10);
        v[len].nshared = db_col_int64(st, 11);
        len++;
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* One count(*) with two text parameters. */
static int count2(struct db_stmt *st, const char *p1, const char *p2, int64_t *n, struct pd_err *e)
{
    if (!st)
        return e->code;
    db_bind_text(st, 1, p1);
    db_bind_text(st, 2, p2);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}

int store_story_count_author(struct db *db, const char *org_id, const char *author_id, int64_t *n,
                             struct pd_err *e)
{
    return count2(
        db_prepare(db, "SELECT count(*) FROM story WHERE org_id = ? AND author_id = ?", e), org_id,
        author_id, n, e);
}

/* ---- versions and fragments ---- */

int store_story_version_insert(struct db *db, const char *org_id, const char *story_id,
                               const struct story_version_rec *v, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO story_version (org_id, story_id, n, title,"
                                    " form, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, story_id);
    db_bind_int64(st, 3, v->n);
    db_bind_text(st, 4, v->title);
    db_bind_text(st, 5, v->form);
    db_bind_text(st, 6, v->saved_at);
    return store_step_done(st, e);
}

int store_story_version_get(struct db *db, struct arena *a, const char *org_id,
                            const char *story_id, int64_t n, struct story_version_rec *out,
                            struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT n, title, form, saved_at FROM story_version"
                                    " WHERE story_id = ? AND n = ? AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, story_id);
    db_bind_int64(st, 2, n);
    db_bind_text(st, 3, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such version");
    memset(out, 0, sizeof(*out));
    out->n = db_col_int64(st, 0);
    out->title = store_col_str(a, st, 1);
    out->form = store_col_str(a, st, 2);
    out->saved_at = store_col_str(a, st, 3);
    db_reset(st);

    st = db_prepare(db,
                    "SELECT f.id, vf.position, vf.body, f.scope, f.feedback, f.shared_at,"
                    " f.version FROM story_version_fragment vf JOIN story_fragment f"
                    " ON f.id = vf.fragment_id WHERE vf.story_id = ? AND vf.n = ?"
                    " ORDER BY vf.position",
                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, story_id);
    db_bind_int64(st, 2, n);
    size_t cap = 8, len = 0;
    struct story_fragment_rec *v = arena_array(a, cap, sizeof(*v));
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct story_fragment_rec *f = &v[len++];
        memset(f, 0, sizeof(*f));
        store_col_id(st, 0, f->id);
        f->position = db_col_int64(st, 1);
        f->body = store_col_str(a, st, 2);
        f->scope = store_col_str(a, st, 3);
        f->feedback = store_col_str(a, st, 4);
        f->shared_at = store_col_opt(a, st, 5);
        f->version = db_col_int64(st, 6);
    }
    if (rc < 0)
        return rc;
    out->fragments = v;
    out->nfragments = (int64_t)len;
    return PD_OK;
}

int store_story_version_list(struct db *db, struct arena *a, const char *org_id,
                             const char *story_id, int64_t before, int limit,
                             struct story_version_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT v.n, v.title, v.form, v.saved_at, (SELECT count(*) FROM story_version_fragment"
        "   vf WHERE vf.story_id = v.story_id AND vf.n = v.n)"
        " FROM story_version v WHERE v.story_id = ?1 AND v.org_id = ?2"
        " AND (?3 = 0 OR v.n < ?3) ORDER BY v.n DESC LIMIT ?4",
        e);
    size_t cap = 8, len = 0;
    struct story_version_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, story_id);
    db_bind_text(st, 2, org_id);
    db_bind_int64(st, 3, before);
    db_bind_int64(st, 4, limit);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct story_version_rec *x = &v[len++];
        memset(x, 0, sizeof(*x));
        x->n = db_col_int64(st, 0);
        x->title = store_col_str(a, st, 1);
        x->form = store_col_str(a, st, 2);
        x->saved_at = store_col_str(a, st, 3);
        x->nfragments = db_col_int64(st, 4);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_fragment_insert(struct db *db, const char *org_id, const char *story_id, const char *id,
                          const char *created_at, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO story_fragment (id, org_id, story_id, scope,"
                                    " feedback, created_at, version)"
                                    " VALUES (?, ?, ?, 'self', 'no', ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, story_id);
    db_bind_text(st, 4, created_at);
    return store_step_done(st, e);
}

static int exists(struct db_stmt *st, bool *yes, struct pd_err *e)
{
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW;
    db_reset(st);
    return PD_OK;
}

int store_fragment_of_story(struct db *db, const char *org_id, const char *story_id, const char *id,
                            bool *yes, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT 1 FROM story_fragment WHERE id = ? AND story_id = ?"
                                    " AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, story_id);
    db_bind_text(st, 3, org_id);
    return exists(st, yes, e);
}

int store_fragment_in_version(struct db *db, const char *story_id, int64_t n, const char *id,
                              bool *yes, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT 1 FROM story_version_fragment WHERE story_id = ?"
                                    " AND n = ? AND fragment_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, story_id);
    db_bind_int64(st, 2, n);
    db_bind_text(st, 3, id);
    return exists(st, yes, e);
}

int store_version_fragment_insert(struct db *db, const char *org_id, const char *story_id,
                                  int64_t n, int64_t position, const char *fragment_id,
                                  const char *body, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO story_version_fragment (org_id, story_id, n,"
                                    " position, fragment_id, body) VALUES (?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, story_id);
    db_bind_int64(st, 3, n);
    db_bind_int64(st, 4, position);
    db_bind_text(st, 5, fragment_id);
    db_bind_text(st, 6, body);
    return store_step_done(st, e);
}

int store_fragment_set_sharing(struct db *db, const char *org_id, const char *id, int64_t version,
                               const char *scope, const char *feedback, const char *now,
                               struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "UPDATE story_fragment SET scope = ?1, feedback = ?2,"
                   " shared_at = CASE WHEN ?1 = 'self' THEN shared_at"
                   "   WHEN scope = ?1 THEN shared_at ELSE ?3 END, version = version + 1"
                   " WHERE id = ?4 AND org_id = ?5 AND version = ?6",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, scope);
    db_bind_text(st, 2, feedback);
    db_bind_text(st, 3, now);
    db_bind_text(st, 4, id);
    db_bind_text(st, 5, org_id);
    db_bind_int64(st, 6, version);
    return store_step_versioned(db, st, "fragment", e);
}

int store_fragment_unshare_missing(struct db *db, const char *org_id, const char *story_id,
                                   int64_t n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "UPDATE story_fragment SET scope = 'self', version = version + 1"
                   " WHERE story_id = ?1 AND org_id = ?2 AND scope <> 'self'"
                   " AND id NOT IN (SELECT fragment_id FROM"
                   "   story_version_fragment WHERE story_id = ?1 AND n = ?3)",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, story_id);
    db_bind_text(st, 2, org_id);
    db_bind_int64(st, 3, n);
    return store_step_done(st, e);
}

/* ---- audience versions ---- */

static int audience_items_insert(struct db *db, const char *org_id,
                                 const struct story_audience_rec *au, struct pd_err *e)
{
    for (size_t i = 0; i < au->nitems; i++) {
        struct db_stmt *st = db_prepare(db,
                                        "INSERT INTO story_audience_item (org_id, audience_id,"
                                        " position, fragment_id, body) VALUES (?, ?, ?, ?, ?)",
                                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, au->id);
        db_bind_int64(st, 3, (int64_t)i);
        db_bind_text(st, 4, au->items[i].fragment_id);
        db_bind_text(st, 5, au->items[i].body);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    return PD_OK;
}

int store_audience_insert(struct db *db, const char *org_id, const struct story_audience_rec *au,
                          struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO story_audience (id, org_id, story_id, audience,"
                                    " title, created_at, updated_at, version)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, au->id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, au->story_id);
    db_bind_text(st, 4, au->audience);
    db_bind_text(st, 5, au->title);
    db_bind_text(st, 6, au->created_at);
    db_bind_text(st, 7, au->updated_at);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return audience_items_insert(db, org_id, au, e);
}

#define AUDIENCE_COLS "id, story_id, audience, title, created_at, updated_at, version"

static void audience_row(struct db_stmt *st, struct arena *a, struct story_audience_rec *au)
{
    memset(au, 0, sizeof(*au));
    store_col_id(st, 0, au->id);
    store_col_id(st, 1, au->story_id);
    au->audience = store_col_str(a, st, 2);
    au->title = store_col_str(a, st, 3);
    au->created_at = store_col_str(a, st, 4);
    au->updated_at = store_col_str(a, st, 5);
    au->version = db_col_int64(st, 6);
}

int store_audience_get(struct db *db, struct arena *a, const char *org_id, const char *story_id,
                       const char *id, struct story_audience_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " AUDIENCE_COLS " FROM story_audience"
                                    " WHERE id = ? AND story_id = ? AND org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, story_id);
    db_bind_text(st, 3, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such audience version");
    audience_row(st, a, out);
    db_reset(st);

    st = db_prepare(db,
                    "SELECT fragment_id, body FROM story_audience_item WHERE audience_id = ?"
                    " ORDER BY position",
                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    size_t cap = 8, len = 0;
    struct story_audience_item *v = arena_array(a, cap, sizeof(*v));
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        v[len].fragment_id = store_col_opt(a, st, 0);
        v[len].body = store_col_str(a, st, 1);
        len++;
    }
    if (rc < 0)
        return rc;
    out->items = v;
    out->nitems = len;
    return PD_OK;
}

int store_audience_list(struct db *db, struct arena *a, const char *org_id, const char *story_id,
                        struct story_audience_rec **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT " AUDIENCE_COLS " FROM story_audience"
                                    " WHERE story_id = ? AND org_id = ? ORDER BY id DESC",
                                    e);
    size_t cap = 8, len = 0;
    struct story_audience_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, story_id);
    db_bind_text(st, 2, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        audience_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_audience_count(struct db *db, const char *story_id, int64_t *n, struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT count(*) FROM story_audience WHERE story_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, story_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return PD_OK;
}

int store_audience_update(struct db *db, const char *org_id, const struct story_audience_rec *au,
                          const char *now, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "UPDATE story_audience SET audience = ?, title = ?,"
                                    " updated_at = ?, version = version + 1"
                                    " WHERE id = ? AND org_id = ? AND version = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, au->audience);
    db_bind_text(st, 2, au->title);
    db_bind_text(st, 3, now);
    db_bind_text(st, 4, au->id);
    db_bind_text(st, 5, org_id);
    db_bind_int64(st, 6, au->version);
    if (store_step_versioned(db, st, "audience version", e) != PD_OK)
        return e->code;
    st = db_prepare(db, "DELETE FROM story_audience_item WHERE audience_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, au->id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    return audience_items_insert(db, org_id, au, e);
}

int store_audience_delete(struct db *db, const char *org_id, const char *id, int64_t version,
                          struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db, "DELETE FROM story_audience WHERE id = ? AND org_id = ? AND version = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, org_id);
    db_bind_int64(st, 3, version);
    return store_step_versioned(db, st, "audience version", e);
}

/* ---- responses ---- */

int store_response_insert(struct db *db, const char *org_id, const struct story_response_rec *rs,
                          struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO story_response (id, org_id, fragment_id,"
                                    " responder_id, kind, body, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, rs->id);
    db_bind_text(st, 2, org_id);
    db_bind_text(st, 3, rs->fragment_id);
    db_bind_text(st, 4, rs->responder_id);
    db_bind_text(st, 5, rs->kind);
    db_bind_text(st, 6, rs->body);
    db_bind_text(st, 7, rs->created_at);
    return store_step_done(st, e);
}

int store_response_list(struct db *db, struct arena *a, const char *fragment_id,
                        const char *responder_id, struct story_response_rec **out, size_t *n,
                        struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT r.id, r.fragment_id, r.responder_id, w.name, r.kind,"
                   " r.body, r.created_at FROM story_response r"
                   " JOIN worker w ON w.id = r.responder_id"
                   " WHERE r.fragment_id = ?1"
                   " AND (CAST(?2 AS TEXT) IS NULL OR r.responder_id = ?2) ORDER BY r.id",
                   e);
    size_t cap = 4, len = 0;
    struct story_response_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, fragment_id);
    db_bind_text(st, 2, responder_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct story_response_rec *x = &v[len++];
        memset(x, 0, sizeof(*x));
        store_col_id(st, 0, x->id);
        store_col_id(st, 1, x->fragment_id);
        store_col_id(st, 2, x->responder_id);
        x->responder_name = store_col_str(a, st, 3);
        x->kind = store_col_str(a, st, 4);
        x->body = store_col_str(a, st, 5);
        x->created_at = store_col_str(a, st, 6);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

/* ---- what viewers see ----
 *
 * A fragment is shared with viewer ?2 when it is in its story's current version, the story
 * is someone else's, and either
 *   scope 'trainer': ?2 is a trainer of a learning group in which the author is a student;
 *   scope 'group':   ?2 is a member (any role) of a learning group the author is in.
 * Group membership is read at the moment of the query: a student who leaves a group, or a
 * trainer taken out of it, stops seeing at once. */
#define SHARE_COLS "f.id, s.author_id, w.name, s.title, vf.body, f.scope, f.feedback, f.shared_at"

#define SHARE_FROM                                                                                 \
    " FROM story_fragment f JOIN story s ON s.id = f.story_id"                                     \
    " JOIN story_version_fragment vf ON vf.story_id = s.id AND vf.n = s.current_n"                 \
    "   AND vf.fragment_id = f.id"                                                                 \
    " JOIN worker w ON w.id = s.author_id"                                                         \
    " WHERE f.org_id = ?1 AND s.author_id <> ?2 AND ("                                             \
    "  (f.scope = 'trainer' AND EXISTS (SELECT 1 FROM learning_group_member a"                     \
    "    JOIN learning_group_member v ON v.group_id = a.group_id"                                  \
    "    WHERE a.worker_id = s.author_id AND a.role = 'student' AND a.org_id = ?1"                 \
    "    AND v.worker_id = ?2 AND v.role = 'trainer'))"                                            \
    "  OR (f.scope = 'group' AND EXISTS (SELECT 1 FROM learning_group_member a"                    \
    "    JOIN learning_group_member v ON v.group_id = a.group_id"                                  \
    "    WHERE a.worker_id = s.author_id AND a.org_id = ?1 AND v.worker_id = ?2)))"

/* Keyset cursor for the order "newest story first, then the fragments in reading order":
 * rows after fragment ?3 in that order. */
#define SHARE_AFTER                                                                                \
    " AND (CAST(?3 AS TEXT) IS NULL OR s.id < (SELECT story_id FROM story_fragment WHERE id = ?3)" \
    "  OR (s.id = (SELECT story_id FROM story_fragment WHERE id = ?3) AND vf.position >"           \
    "   (SELECT x.position FROM story_version_fragment x JOIN story y ON y.id = x.story_id"        \
    "    AND x.n = y.current_n WHERE x.fragment_id = ?3)))"

static void share_row(struct db_stmt *st, struct arena *a, struct story_share_rec *s)
{
    memset(s, 0, sizeof(*s));
    store_col_id(st, 0, s->fragment_id);
    store_col_id(st, 1, s->author_id);
    s->author_name = store_col_str(a, st, 2);
    s->story_title = store_col_str(a, st, 3);
    s->body = store_col_str(a, st, 4);
    s->scope = store_col_str(a, st, 5);
    s->feedback = store_col_str(a, st, 6);
    s->shared_at = store_col_opt(a, st, 7);
}

int store_share_list(struct db *db, struct arena *a, const char *org_id, const char *viewer_id,
                     const char *after, int limit, struct story_share_rec **out, size_t *n,
                     struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT " SHARE_COLS SHARE_FROM SHARE_AFTER " ORDER BY s.id DESC, vf.position LIMIT ?4",
        e);
    size_t cap = 8, len = 0;
    struct story_share_rec *v = arena_array(a, cap, sizeof(*v));
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, viewer_id);
    db_bind_text(st, 3, after);
    db_bind_int64(st, 4, limit);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        share_row(st, a, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_share_get(struct db *db, struct arena *a, const char *org_id, const char *viewer_id,
                    const char *fragment_id, struct story_share_rec *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT " SHARE_COLS SHARE_FROM " AND f.id = ?3", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, viewer_id);
    db_bind_text(st, 3, fragment_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such fragment");
    share_row(st, a, out);
    db_reset(st);
    return PD_OK;
}

/* ---- learning groups ---- */

int store_story_audience_reach(struct db *db, const char *org_id, const char *worker_id,
                               bool *has_trainer, bool *has_group, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM learning_group_member a JOIN learning_group_member "
        "v"
        "   ON v.group_id = a.group_id WHERE a.worker_id = ?2 AND a.org_id = ?1"
        "   AND a.role = 'student' AND v.role = 'trainer' AND v.worker_id <> ?2) THEN 1 ELSE 0 END,"
        " CASE WHEN EXISTS (SELECT 1 FROM learning_group_member a JOIN learning_group_member v"
        "   ON v.group_id = a.group_id WHERE a.worker_id = ?2 AND a.org_id = ?1"
        "   AND v.worker_id <> ?2) THEN 1 ELSE 0 END",
        e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, worker_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *has_trainer = rc == DB_ROW && db_col_int64(st, 0) != 0;
    *has_group = rc == DB_ROW && db_col_int64(st, 1) != 0;
    db_reset(st);
    return PD_OK;
}
