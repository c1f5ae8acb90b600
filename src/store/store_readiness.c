/*
 * store_readiness.c: implementation readiness scans and their scores (see
 * store_readiness.h).
 */
#include "store_readiness.h"

#include <string.h>

#include "store_util.h"

int store_readiness_insert(struct db *db, const struct readiness_scan *s, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "INSERT INTO readiness_scan (id, org_id, taken_on, created_by,"
                                    " note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, s->id);
    db_bind_text(st, 2, s->org_id);
    db_bind_text(st, 3, s->taken_on);
    db_bind_text(st, 4, s->created_by);
    db_bind_text(st, 5, s->note);
    db_bind_text(st, 6, s->created_at);
    int rc = store_step_done(st, e);
    if (rc != PD_OK)
        return rc;
    for (size_t i = 0; i < s->nscores; i++) {
        const struct readiness_score *sc = &s->scores[i];
        st = db_prepare(db,
                        "INSERT INTO readiness_score (scan_id, item, score, comment)"
                        " VALUES (?, ?, ?, ?)",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, s->id);
        db_bind_text(st, 2, sc->item);
        if (sc->score > 0)
            db_bind_int64(st, 3, sc->score);
        else
            db_bind_null(st, 3);
        db_bind_text(st, 4, sc->comment);
        rc = store_step_done(st, e);
        if (rc != PD_OK)
            return rc;
    }
    return PD_OK;
}

static int load_scores(struct db *db, struct arena *a, struct readiness_scan *ss, size_t n,
                       struct pd_err *e)
{
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st =
            db_prepare(db,
                       "SELECT s.item, s.score, s.comment FROM readiness_score s"
                       " LEFT JOIN vocab v ON v.org_id = ?1 AND v.vocab = 'readiness_item'"
                       " AND v.code = s.item WHERE s.scan_id = ?2"
                       " ORDER BY COALESCE(v.sort, 1000000), s.item",
                       e);
        size_t cap = 32, len = 0;
        struct readiness_score *v = arena_array(a, cap, sizeof(*v));
        int rc;

        if (!st)
            return e->code;
        db_bind_text(st, 1, ss[i].org_id);
        db_bind_text(st, 2, ss[i].id);
        while ((rc = db_step(st, e)) == DB_ROW) {
            if (len == cap)
                v = store_grow(a, v, &cap, sizeof(*v));
            v[len].item = store_col_str(a, st, 0);
            v[len].score = db_col_is_null(st, 1) ? 0 : (int)db_col_int64(st, 1);
            v[len].comment = store_col_opt(a, st, 2);
            len++;
        }
        if (rc < 0)
            return rc;
        ss[i].scores = v;
        ss[i].nscores = len;
    }
    return PD_OK;
}

#define SCAN_COLS                                                                                  \
    "SELECT r.id, r.org_id, r.taken_on, r.created_by, w.name, r.note, r.created_at"                \
    " FROM readiness_scan r JOIN worker w ON w.id = r.created_by"

static void read_scan(struct arena *a, struct db_stmt *st, struct readiness_scan *s)
{
    memset(s, 0, sizeof(*s));
    store_col_id(st, 0, s->id);
    store_col_id(st, 1, s->org_id);
    s->taken_on = store_col_str(a, st, 2);
    store_col_id(st, 3, s->created_by);
    s->created_by_name = store_col_str(a, st, 4);
    s->note = store_col_opt(a, st, 5);
    s->created_at = store_col_str(a, st, 6);
}

int store_readiness_get(struct db *db, struct arena *a, const char *org_id, const char *id,
                        struct readiness_scan *out, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, SCAN_COLS " WHERE r.org_id = ? AND r.id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such readiness scan");
    read_scan(a, st, out);
    db_reset(st);
    return load_scores(db, a, out, 1, e);
}

int store_readiness_list(struct db *db, struct arena *a, const char *org_id,
                         struct readiness_scan **out, size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db, SCAN_COLS " WHERE r.org_id = ? ORDER BY r.taken_on DESC, r.created_at DESC, r.id DESC",
        e);
    size_t cap = 8, len = 0;
    struct readiness_scan *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        read_scan(a, st, &v[len++]);
    }
    if (rc < 0)
        return rc;
    *out = v;
    *n = len;
    return load_scores(db, a, v, len, e);
}
