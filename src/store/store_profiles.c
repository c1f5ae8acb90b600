/*
 * store_profiles.c: the experts' side of matching: experience profiles (expert_profile,
 * expert_profile_item), what the matcher needs to know about each expert (caseload,
 * earlier collaboration, the areas of their neighbourhood teams) and the organisation's
 * match weights. Experts come in id order; items and areas are read for the whole
 * organisation in the same order and merged in, so a page costs three queries. Who worked
 * with a requester is asked per request (store_worked_with); the version of the whole
 * directory (migration 0014) tells app/directory.c when its copy is stale.
 */
#include <string.h>

#include "store_requests.h"
#include "store_util.h"

/* Migration 0003 defaults, for an expert without a stored profile. */
#define PROFILE_DEFAULT_CAPACITY 8

/* The row of `id` in xs (sorted by worker_id), or NULL. */
static struct expert_row *row_of(struct expert_row *xs, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(xs[mid].worker_id, id);
        if (c == 0)
            return &xs[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int read_items(struct db *db, struct arena *a, const char *org_id, struct expert_row *xs,
                      size_t n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT worker_id, vocab, code, visibility"
                                    " FROM expert_profile_item WHERE org_id = ?"
                                    " ORDER BY worker_id, vocab, code",
                                    e);
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    struct expert_row *x = NULL;
    size_t cap = 0;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *id = db_col_text(st, 0);
        if (!x || strcmp(x->worker_id, id) != 0) {
            x = row_of(xs, n, id);
            cap = 0;
        }
        if (!x)
            continue;
        if (cap == 0) {
            cap = 8;
            x->items = arena_array(a, cap, sizeof(*x->items));
        } else if (x->nitems == cap)
            x->items = store_grow(a, x->items, &cap, sizeof(*x->items));
        struct profile_item *it = &x->items[x->nitems++];
        it->vocab = store_col_str(a, st, 1);
        it->code = store_col_str(a, st, 2);
        it->visibility = store_col_str(a, st, 3);
    }
    return rc < 0 ? rc : PD_OK;
}

static int read_areas(struct db *db, struct arena *a, const char *org_id, struct expert_row *xs,
                      size_t n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT m.worker_id, ar.id, CASE ar.kind WHEN 'cluster' THEN ar.id"
        " WHEN 'wijk' THEN ar.parent_id"
        " ELSE (SELECT p.parent_id FROM area p WHERE p.id = ar.parent_id) END"
        " FROM team_member m JOIN team t ON t.id = m.team_id JOIN area ar ON ar.id = t.area_id"
        " WHERE m.org_id = ? AND t.kind = 'neighbourhood_team' ORDER BY m.worker_id, ar.id",
        e);
    int rc;
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    struct expert_row *x = NULL;
    size_t cap = 0, cap2 = 0;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *id = db_col_text(st, 0);
        if (!x || strcmp(x->worker_id, id) != 0) {
            x = row_of(xs, n, id);
            cap = cap2 = 0;
        }
        if (!x)
            continue;
        if (cap == 0) {
            cap = cap2 = 4;
            x->area_ids = arena_array(a, cap, sizeof(*x->area_ids));
            x->cluster_ids = arena_array(a, cap2, sizeof(*x->cluster_ids));
        } else if (x->nareas == cap) {
            x->area_ids = store_grow(a, x->area_ids, &cap, sizeof(*x->area_ids));
            x->cluster_ids = store_grow(a, x->cluster_ids, &cap2, sizeof(*x->cluster_ids));
        }
        x->area_ids[x->nareas] = store_col_str(a, st, 1);
        x->cluster_ids[x->nareas] = store_col_opt(a, st, 2);
        x->nareas++;
    }
    return rc < 0 ? rc : PD_OK;
}

int store_expert_rows(struct db *db, struct arena *a, const char *org_id, const char *today,
                      const char *only_id, const char *after, int limit, struct expert_row **out,
                      size_t *n, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(
        db,
        "SELECT w.id, w.name, p.capacity, p.available, p.updated_at, p.version,"
        " (SELECT count(*) FROM assignment s JOIN dossier d ON d.id = s.dossier_id"
        "  WHERE s.worker_id = w.id AND s.role IN ('expert', 'bridging_expert')"
        "  AND d.status = 'open' AND (s.end_on IS NULL OR s.end_on >= ?2)),"
        " p.fte_pct, p.qualification"
        " FROM worker w JOIN worker_role r ON r.worker_id = w.id AND r.role = 'expert'"
        " LEFT JOIN expert_profile p ON p.worker_id = w.id"
        " WHERE w.org_id = ?1 AND w.status = 'active' AND (CAST(?3 AS TEXT) IS NULL OR w.id > ?3)"
        " AND (CAST(?5 AS TEXT) IS NULL OR w.id = ?5) ORDER BY w.id LIMIT ?4",
        e);
    size_t cap = 16, len = 0;
    struct expert_row *v = arena_array(a, cap, sizeof(*v));
    int rc;

    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    db_bind_text(st, 2, today);
    db_bind_text(st, 3, after);
    db_bind_int64(st, 4, limit);
    db_bind_text(st, 5, only_id);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (len == cap)
            v = store_grow(a, v, &cap, sizeof(*v));
        struct expert_row *x = &v[len++];
        store_col_id(st, 0, x->worker_id);
        x->name = store_col_str(a, st, 1);
        bool stored = !db_col_is_null(st, 5);
        x->capacity = stored ? (int)db_col_int64(st, 2) : PROFILE_DEFAULT_CAPACITY;
        x->available = stored ? db_col_int64(st, 3) != 0 : true;
        x->updated_at = store_col_opt(a, st, 4);
        x->version = stored ? db_col_int64(st, 5) : 0;
        x->caseload = (int)db_col_int64(st, 6);
        x->fte_pct = db_col_is_null(st, 7) ? -1 : (int)db_col_int64(st, 7);
        x->qualification = store_col_opt(a, st, 8);
    }
    if (rc < 0)
        return rc;
    if (read_items(db, a, org_id, v, len, e) != PD_OK ||
        read_areas(db, a, org_id, v, len, e) != PD_OK)
        return e->code;
    *out = v;
    *n = len;
    return PD_OK;
}

int store_worked_with(struct db *db, struct arena *a, const char *requester_id,
                      const char *dossier_id, char (**ids)[UUID_STR_BYTES], size_t *n,
                      struct pd_err *e)
{
    /* The requester's dossiers are a few tens (responsible or assigned), each with a few
     * assignments: found through the index on assignment (dossier_id), never per expert.
     * Those dossiers are the requester's organisation's, so their assignments are too. */
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT DISTINCT g.worker_id FROM assignment g"
                   " WHERE g.dossier_id IN (SELECT d.id FROM dossier d WHERE d.responsible_id = ?1"
                   "  UNION SELECT m.dossier_id FROM assignment m WHERE m.worker_id = ?1)"
                   " AND g.dossier_id <> ?2 AND g.role IN ('expert', 'bridging_expert')"
                   " ORDER BY g.worker_id",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, requester_id);
    db_bind_text(st, 2, dossier_id);
    return store_step_ids(st, a, ids, n, e);
}

int store_directory_version(struct db *db, const char *org_id, int64_t *version, struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db, "SELECT directory_version FROM org WHERE id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    if (rc != DB_ROW)
        return err_set(e, PD_ENOTFOUND, NULL, "no such organisation");
    *version = db_col_int64(st, 0);
    db_reset(st);
    return PD_OK;
}

int store_is_active_expert(struct db *db, const char *org_id, const char *worker_id, bool *yes,
                           struct pd_err *e)
{
    struct db_stmt *st =
        db_prepare(db,
                   "SELECT CASE WHEN EXISTS (SELECT 1 FROM worker w JOIN worker_role r"
                   " ON r.worker_id = w.id AND r.role = 'expert'"
                   " WHERE w.id = ? AND w.org_id = ? AND w.status = 'active') THEN 1 ELSE 0 END",
                   e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, worker_id);
    db_bind_text(st, 2, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    *yes = rc == DB_ROW && db_col_int64(st, 0) != 0;
    db_reset(st);
    return PD_OK;
}

int store_profile_put(struct db *db, const char *org_id, struct expert_row *p, const char *now,
                      struct pd_err *e)
{
    struct db_stmt *st;
    if (p->version == 0) {
        st = db_prepare(db,
                        "INSERT INTO expert_profile (worker_id, org_id, capacity, available,"
                        " updated_at, version) VALUES (?, ?, ?, ?, ?, 1)"
                        " ON CONFLICT (worker_id) DO NOTHING",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, p->worker_id);
        db_bind_text(st, 2, org_id);
        db_bind_int64(st, 3, p->capacity);
        db_bind_int64(st, 4, p->available ? 1 : 0);
        db_bind_text(st, 5, now);
    } else {
        st = db_prepare(db,
                        "UPDATE expert_profile SET capacity = ?, available = ?, updated_at = ?,"
                        " version = version + 1 WHERE worker_id = ? AND org_id = ? AND version = ?",
                        e);
        if (!st)
            return e->code;
        db_bind_int64(st, 1, p->capacity);
        db_bind_int64(st, 2, p->available ? 1 : 0);
        db_bind_text(st, 3, now);
        db_bind_text(st, 4, p->worker_id);
        db_bind_text(st, 5, org_id);
        db_bind_int64(st, 6, p->version);
    }
    if (store_step_versioned(db, st, "profile", e) != PD_OK)
        return e->code;
    st = db_prepare(db, "DELETE FROM expert_profile_item WHERE worker_id = ?", e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, p->worker_id);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    for (size_t i = 0; i < p->nitems; i++) {
        st = db_prepare(db,
                        "INSERT INTO expert_profile_item (org_id, worker_id, vocab, code,"
                        " visibility) VALUES (?, ?, ?, ?, ?)",
                        e);
        if (!st)
            return e->code;
        db_bind_text(st, 1, org_id);
        db_bind_text(st, 2, p->worker_id);
        db_bind_text(st, 3, p->items[i].vocab);
        db_bind_text(st, 4, p->items[i].code);
        db_bind_text(st, 5, p->items[i].visibility);
        if (store_step_done(st, e) != PD_OK)
            return e->code;
    }
    p->version++;
    p->updated_at = now;
    return PD_OK;
}

int store_weights_get(struct db *db, struct arena *a, const char *org_id, struct weights_rec *out,
                      struct pd_err *e)
{
    struct db_stmt *st = db_prepare(db,
                                    "SELECT specific, generic, area, capacity, preferred, history,"
                                    " updated_at, version FROM match_weights WHERE org_id = ?",
                                    e);
    if (!st)
        return e->code;
    db_bind_text(st, 1, org_id);
    int rc = db_step(st, e);
    if (rc < 0)
        return rc;
    memset(out, 0, sizeof(*out));
    if (rc != DB_ROW) {
        out->w = match_weights_default();
        return PD_OK;
    }
    for (int f = 0; f < MATCH_FACTORS; f++)
        out->w.w[f] = (int)db_col_int64(st, f);
    out->updated_at = store_col_opt(a, st, 6);
    out->version = db_col_int64(st, 7);
    db_reset(st);
    return PD_OK;
}

int store_weights_put(struct db *db, const char *org_id, struct weights_rec *w, const char *now,
                      struct pd_err *e)
{
    struct db_stmt *st;
    if (w->version == 0)
        st = db_prepare(db,
                        "INSERT INTO match_weights (specific, generic, area, capacity, preferred,"
                        " history, updated_at, org_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)"
                        " ON CONFLICT (org_id) DO NOTHING",
                        e);
    else
        st = db_prepare(db,
                        "UPDATE match_weights SET specific = ?, generic = ?, area = ?,"
                        " capacity = ?, preferred = ?, history = ?, updated_at = ?,"
                        " version = version + 1 WHERE org_id = ? AND version = ?",
                        e);
    if (!st)
        return e->code;
    for (int f = 0; f < MATCH_FACTORS; f++)
        db_bind_int64(st, f + 1, w->w.w[f]);
    db_bind_text(st, 7, now);
    db_bind_text(st, 8, org_id);
    if (w->version != 0)
        db_bind_int64(st, 9, w->version);
    if (store_step_done(st, e) != PD_OK)
        return e->code;
    if (db_changes(db) == 0)
        return err_set(e, PD_ESTALE, "If-Match", "the weights changed since you read them");
    w->version++;
    w->updated_at = now;
    return PD_OK;
}
