/*
 * readiness.c: the implementation readiness scan (see readiness.h).
 */
#include "readiness.h"

#include <string.h>

#include "../lib/json.h"
#include "../lib/str.h"
#include "app_int.h"
#include "clients.h"
#include "support_int.h"

const char *const readiness_groups[READINESS_GROUPS] = {"ibrahim", "promoting", "precondition"};

const char *readiness_group_of(const char *item)
{
    for (size_t g = 0; item && g < READINESS_GROUPS; g++) {
        size_t n = strlen(readiness_groups[g]);
        if (strncmp(item, readiness_groups[g], n) == 0 && item[n] == '_' && item[n + 1])
            return readiness_groups[g];
    }
    return NULL;
}

/* The active items with a group, in vocabulary order; inside the caller's transaction. */
static int load_items(struct app_req *r, struct vocab_entry **out, size_t *n)
{
    struct vocab_entry *all;
    size_t len;
    if (store_vocab_list(r->db, r->arena, r->actor->org_id, "readiness_item", &all, &len,
                         &r->err) != PD_OK)
        return r->err.code;
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (all[i].active && readiness_group_of(all[i].code))
            all[k++] = all[i];
    *out = all;
    *n = k;
    return PD_OK;
}

int app_readiness_items(struct app_req *r, struct vocab_entry **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK || load_items(r, out, n) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Every score names an active item once, and every active item has a score. */
static int check_scores(struct app_req *r, const struct vocab_entry *items, size_t nitems,
                        const struct readiness_score *scores, size_t nscores)
{
    bool *seen = arena_array(r->arena, nitems ? nitems : 1, sizeof(bool));
    memset(seen, 0, (nitems ? nitems : 1) * sizeof(bool));
    for (size_t i = 0; i < nscores; i++) {
        const struct readiness_score *s = &scores[i];
        size_t k = 0;
        while (k < nitems && (!s->item || strcmp(items[k].code, s->item) != 0))
            k++;
        if (k == nitems)
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "scores[%zu].item", i),
                           "not an item of the readiness scan");
        if (seen[k])
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "scores[%zu].item", i),
                           "this item is scored twice");
        seen[k] = true;
        if (s->score < 0 || s->score > 5)
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "scores[%zu].score", i),
                           "1 to 5, or null for not assessed");
        if (sup_check_text(r, s->comment, false, READINESS_COMMENT_CHARS,
                           arena_printf(r->arena, "scores[%zu].comment", i)) != PD_OK)
            return r->err.code;
    }
    for (size_t k = 0; k < nitems; k++)
        if (!seen[k])
            return err_set(&r->err, PD_EINVAL, "scores",
                           "item %s has no score (null: not assessed)", items[k].code);
    return PD_OK;
}

int app_readiness_create(struct app_req *r, const char *taken_on, const char *note,
                         const struct readiness_score *scores, size_t nscores,
                         struct readiness_scan *out)
{
    struct vocab_entry *items;
    size_t nitems;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    const char *today = sup_day(r, 0);
    if (!taken_on)
        taken_on = today;
    if (app_check_date(r, taken_on, "taken_on") != PD_OK)
        return r->err.code;
    if (strcmp(taken_on, today) > 0)
        return err_set(&r->err, PD_EINVAL, "taken_on", "cannot lie in the future");
    if (sup_check_text(r, note, false, READINESS_NOTE_CHARS, "note") != PD_OK)
        return r->err.code;

    struct readiness_scan s = {.taken_on = taken_on,
                               .note = note,
                               .scores = (struct readiness_score *)scores,
                               .nscores = nscores};
    uuid7_new(s.id);
    memcpy(s.org_id, r->actor->org_id, sizeof(s.org_id));
    memcpy(s.created_by, r->actor->user_id, sizeof(s.created_by));
    s.created_at = app_now_iso(r);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_items(r, &items, &nitems) != PD_OK ||
        check_scores(r, items, nitems, scores, nscores) != PD_OK ||
        store_readiness_insert(r->db, &s, &r->err) != PD_OK ||
        sup_audit(r, "readiness_scan.create", 'C', "readiness_scan", s.id, "role", NULL) != PD_OK ||
        store_readiness_get(r->db, r->arena, s.org_id, s.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_readiness_list(struct app_req *r, struct readiness_scan **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_readiness_list(r->db, r->arena, r->actor->org_id, out, n, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_readiness_get(struct app_req *r, const char *id, struct readiness_scan *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!sup_id_ok(id))
        return err_set(&r->err, PD_ENOTFOUND, NULL, "no such readiness scan");
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_readiness_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

json_t *readiness_item_to_json(const struct vocab_entry *v)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:I}", "code", v->code, "group",
                       readiness_group_of(v->code), "label_nl", v->label_nl, "label_en",
                       v->label_en, "sort", (json_int_t)v->sort);
}

/* Per group: the mean of the assessed scores as a decimal string with two decimals
 * ("3.50", rounded half up; null when none was assessed), their sum, how many were
 * assessed and how many items of the group the scan had. */
static json_t *averages(const struct readiness_scan *s)
{
    json_t *out = json_array();
    for (size_t g = 0; g < READINESS_GROUPS; g++) {
        long sum = 0, assessed = 0, items = 0;
        for (size_t i = 0; i < s->nscores; i++) {
            if (readiness_group_of(s->scores[i].item) != readiness_groups[g])
                continue;
            items++;
            if (s->scores[i].score > 0) {
                sum += s->scores[i].score;
                assessed++;
            }
        }
        long hundredths = assessed ? (sum * 200 + assessed) / (2 * assessed) : 0;
        json_t *avg =
            assessed ? json_sprintf("%ld.%02ld", hundredths / 100, hundredths % 100) : json_null();
        json_array_append_new(out,
                              pdjson_pack("{s:s, s:o, s:I, s:I, s:I}", "group", readiness_groups[g],
                                          "average", avg, "sum", (json_int_t)sum, "assessed",
                                          (json_int_t)assessed, "items", (json_int_t)items));
    }
    return out;
}

json_t *readiness_scan_to_json(const struct readiness_scan *s, bool with_scores)
{
    json_t *o =
        pdjson_pack("{s:s, s:s, s:o, s:{s:s, s:s}, s:s, s:o}", "id", s->id, "taken_on", s->taken_on,
                    "note", pdjson_str_or_null(s->note), "created_by", "id", s->created_by, "name",
                    s->created_by_name, "created_at", s->created_at, "averages", averages(s));
    if (with_scores) {
        json_t *scores = json_array();
        for (size_t i = 0; i < s->nscores; i++) {
            const struct readiness_score *sc = &s->scores[i];
            const char *g = readiness_group_of(sc->item);
            json_array_append_new(scores,
                                  pdjson_pack("{s:s, s:o, s:o, s:o}", "item", sc->item, "group",
                                              pdjson_str_or_null(g), "score",
                                              sc->score > 0 ? json_integer(sc->score) : json_null(),
                                              "comment", pdjson_str_or_null(sc->comment)));
        }
        json_object_set_new(o, "scores", scores);
    }
    return o;
}
