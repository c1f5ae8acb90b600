/*
 * timeline.c: reading the dossier timeline, the evaluation prompt (domain/timeline.c
 * decides) and the note search (see timeline.h).
 */
#include <string.h>

#include "../domain/timeline.h"
#include "../lib/json.h"
#include "../lib/jsonw.h"
#include "../lib/size.h"
#include "../lib/str.h"
#include "app_int.h"
#include "timeline_int.h"

/* How many of my open dossiers the evaluation prompt looks at, at most. */
#define DUE_SCAN_MAX 1000

int app_timeline(struct app_req *r, const char *dossier_id, const char *after, int limit,
                 struct timeline_row **out, size_t *n)
{
    struct dossier_access acc;
    bool known = true;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (after && !uuid_valid(after, strlen(after)))
        return err_set(&r->err, PD_EINVAL, "after", "an item id from the previous page");
    if (app_read_begin(r) != PD_OK ||
        app_access_dossier(r, dossier_id, NEED_DOSSIER_READ, "timeline.read", &acc) != PD_OK)
        return app_fail(r);
    if (after && store_timeline_has(r->db, acc.dossier_id, after, &known, &r->err) != PD_OK)
        return app_fail(r);
    if (!known) {
        err_set(&r->err, PD_EINVAL, "after", "not an item of this timeline");
        return app_fail(r);
    }
    if (store_timeline(r->db, r->arena, acc.dossier_id, after, limit, out, n, &r->err) != PD_OK ||
        audit_client(r, &acc, "timeline.read", 'R', "dossier", acc.dossier_id) != PD_OK ||
        app_read_end(r) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_evaluations_due(struct app_req *r, struct due_item **out, size_t *n)
{
    struct due_row *rows;
    size_t nrows, len = 0;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    const char *today = tl_today(r);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_due_facts(r->db, r->arena, r->actor->org_id, r->actor->user_id, today, DUE_SCAN_MAX,
                        &rows, &nrows, &r->err) != PD_OK)
        return app_fail(r);
    struct due_item *v = nrows ? arena_array(r->arena, nrows, sizeof(*v)) : NULL;
    for (size_t i = 0; i < nrows; i++) {
        struct due_facts f = {.progress_goal = rows[i].progress_goal,
                              .opened_on = rows[i].opened_on,
                              .last_note_on = rows[i].last_note_on,
                              .last_held_on = rows[i].last_held_on,
                              .overdue_planned = rows[i].overdue_planned};
        const char *since = NULL;
        enum due_reason why = timeline_due(&f, today, LIMIT_DUE_DAYS, &since);
        if (why == DUE_NONE)
            continue;
        /* Each dossier shown is a read of client data: one entry each, on behalf of its
         * responsible generalist. */
        struct dossier_access acc = {.basis = (enum access_basis)rows[i].basis,
                                     .version = rows[i].version};
        memcpy(acc.dossier_id, rows[i].dossier_id, UUID_STR_BYTES);
        memcpy(acc.client_id, rows[i].client_id, UUID_STR_BYTES);
        memcpy(acc.responsible_id, rows[i].responsible_id, UUID_STR_BYTES);
        if (audit_client(r, &acc, "evaluation.due", 'R', "dossier", acc.dossier_id) != PD_OK)
            return app_fail(r);
        v[len].row = rows[i];
        v[len].reason = due_reason_code(why);
        v[len].quiet_since = since;
        len++;
    }
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = v;
    *n = len;
    return PD_OK;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int app_search_expr(struct app_req *r, const char *q, const char **expr)
{
    size_t len = q ? strlen(q) : 0;
    if (!q || !utf8_valid(q, len))
        return err_set(&r->err, PD_EINVAL, "q", "the words to search for");
    if (utf8_chars(q, len) > LIMIT_SEARCH_QUERY_CHARS)
        return err_set(&r->err, PD_EINVAL, "q", "at most %d characters", LIMIT_SEARCH_QUERY_CHARS);
    /* Every word is a quoted prefix ("schuld"* finds schuldhulpverlening): every byte can at
     * most double ('"' -> '""'), plus 4 per word: quotes, star and a space. */
    char *out = arena_alloc(r->arena, size_add(size_mul(len, 2), size_mul(len, 4)) + 1);
    size_t o = 0, words = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && is_space(q[i]))
            i++;
        if (i == len)
            break;
        if (++words > LIMIT_SEARCH_TERMS)
            return err_set(&r->err, PD_EINVAL, "q", "at most %d words", LIMIT_SEARCH_TERMS);
        if (o)
            out[o++] = ' ';
        out[o++] = '"';
        for (; i < len && !is_space(q[i]); i++) {
            if (q[i] == '"')
                out[o++] = '"';
            out[o++] = q[i];
        }
        out[o++] = '"';
        out[o++] = '*';
    }
    out[o] = '\0';
    if (!words)
        return err_set(&r->err, PD_EINVAL, "q", "the words to search for");
    *expr = out;
    return PD_OK;
}

int app_note_search(struct app_req *r, const char *q, int limit, struct search_hit **out, size_t *n)
{
    const char *expr;
    if (!r->actor)
        return err_set(&r->err, PD_EUNAUTH, NULL, "not logged in");
    if (app_need_db(r) != PD_OK)
        return r->err.code;
    if (limit < 1 || limit > LIMIT_SEARCH_RESULTS)
        return err_set(&r->err, PD_EINVAL, "limit", "between 1 and %d", LIMIT_SEARCH_RESULTS);
    if (app_search_expr(r, q, &expr) != PD_OK)
        return r->err.code;
    /* The entry says that a search ran, by whom, how many hits: never what was asked. */
    struct audit_event ev = {.event = "search",
                             .action = 'R',
                             .outcome = "success",
                             .record_type = "note_search",
                             .access_basis = "need_to_know"};
    if (app_read_begin(r) != PD_OK ||
        store_note_search(r->db, r->arena, r->actor->org_id, r->actor->user_id, app_now_iso(r),
                          expr, limit, out, n, &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || app_read_end(r) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- JSON ---- */

void timeline_row_write(struct jsonw *w, const struct timeline_row *t)
{
    jw_obj(w);
    jw_kstr(w, "type", t->type);
    jw_kstr(w, "id", t->id);
    jw_kstr(w, "at", t->at);
    jw_kstr(w, "who_name", t->who_name);
    if (strcmp(t->type, "note") == 0) {
        jw_kstr(w, "author_id", t->who);
        jw_kstr(w, "author_role", t->s1);
        jw_kstr(w, "kind", t->s2);
        jw_kint(w, "minutes", t->i1);
        jw_kbool(w, "attempt", t->i2 != 0);
        jw_kstr(w, "body", t->text);
        jw_kstrs(w, "activities", t->activities, t->nactivities);
        jw_kstrs(w, "approaches", t->approaches, t->napproaches);
        jw_kint(w, "version", t->version);
    } else if (strcmp(t->type, "evaluation") == 0) {
        jw_kstr(w, "planned_by", t->who);
        jw_kstr(w, "planned_on", t->s1);
        jw_kstr(w, "held_on", t->s2);
        jw_kstr(w, "summary", t->text);
        jw_kint(w, "version", t->version);
    } else if (strcmp(t->type, "referral") == 0) {
        jw_kstr(w, "created_by", t->who);
        jw_kstr(w, "service", t->s1);
        jw_kbool(w, "accompanied", t->i1 != 0);
        jw_kstr(w, "note", t->text);
    } else if (strcmp(t->type, "bridging") == 0) {
        jw_kstr(w, "keeper_id", t->who);
        jw_kstr(w, "awaited", t->s1);
        jw_kstr(w, "waiting_since", t->at);
        jw_kstr(w, "ended_on", t->s2);
        jw_kint(w, "version", t->version);
    } else if (strcmp(t->type, "intensity") == 0) {
        jw_kstr(w, "worker_id", t->who);
        jw_kstr(w, "pattern", t->s1);
        jw_kstr(w, "role", t->s2);
        jw_kstr(w, "assignment_id", t->s3);
    } else if (strcmp(t->type, "request") == 0) {
        jw_kstr(w, "requester_id", t->who);
        jw_kstr(w, "status", t->s1);
        jw_kstr(w, "phase", t->s2);
    } else if (strcmp(t->type, "closure") == 0) {
        jw_kstr(w, "by", t->who);
        jw_kstr(w, "action", t->s1);
        jw_kstr(w, "reason", t->s2);
        jw_kstr(w, "note", t->text);
    }
    jw_obj_end(w);
}

json_t *due_item_to_json(const struct due_item *d)
{
    return pdjson_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "dossier_id", d->row.dossier_id, "reason",
                       d->reason, "goal_type", d->row.progress_goal ? "progress" : "stabilise",
                       "quiet_since", pdjson_str_or_null(d->quiet_since), "last_note_on",
                       pdjson_str_or_null(d->row.last_note_on), "planned_on",
                       pdjson_str_or_null(d->row.overdue_planned));
}

json_t *search_hit_to_json(const struct search_hit *h)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s}", "note_id", h->note_id, "dossier_id",
                       h->dossier_id, "client_code", h->client_code, "contact_on", h->contact_on,
                       "snippet", h->snippet);
}
