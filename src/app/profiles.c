/*
 * profiles.c: an expert's own experience profile, the directory of experts and the
 * organisation's match weights. Profiles are workers' special-category data (their lived
 * experience): every change is audited, and what a viewer may not see is removed here,
 * before any JSON is made.
 */
#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../store/store_access.h"
#include "app_int.h"
#include "requests.h"
#include "vocab.h"

static const char *today(struct app_req *r)
{
    return arena_strndup(r->arena, app_now_iso(r), 10);
}

static int load_own(struct app_req *r, struct expert_row *out)
{
    struct expert_row *rows;
    size_t n;
    if (store_expert_rows(r->db, r->arena, r->actor->org_id, today(r), r->actor->user_id, NULL, 1,
                          &rows, &n, &r->err) != PD_OK)
        return r->err.code;
    if (n == 0)
        return err_set(&r->err, PD_EFORBID, NULL, "only active experts have a profile");
    *out = rows[0];
    return PD_OK;
}

int app_profile_get(struct app_req *r, struct expert_row *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    return load_own(r, out);
}

static int check_items(struct app_req *r, const struct profile_item *items, size_t n)
{
    if (n > LIMIT_PROFILE_ITEMS)
        return err_set(&r->err, PD_ETOOBIG, "items", "at most %d items", LIMIT_PROFILE_ITEMS);
    for (size_t i = 0; i < n; i++) {
        const struct profile_item *it = &items[i];
        const char *field = arena_printf(r->arena, "items[%zu].code", i);
        if (!it->vocab ||
            (strcmp(it->vocab, "experience_area") != 0 && strcmp(it->vocab, "generic_theme") != 0))
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "items[%zu].vocab", i),
                           "experience_area or generic_theme");
        if (!it->visibility || (strcmp(it->visibility, "coordinators") != 0 &&
                                strcmp(it->visibility, "colleagues") != 0))
            return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "items[%zu].visibility", i),
                           "coordinators or colleagues");
        if (vocab_check(r, it->vocab, it->code, field) != PD_OK)
            return r->err.code;
        for (size_t j = 0; j < i; j++)
            if (strcmp(items[j].vocab, it->vocab) == 0 && strcmp(items[j].code, it->code) == 0)
                return err_set(&r->err, PD_EINVAL, arena_printf(r->arena, "items[%zu]", i),
                               "listed twice");
    }
    return PD_OK;
}

int app_profile_put(struct app_req *r, int64_t version, int capacity, bool available,
                    const struct profile_item *items, size_t nitems, struct expert_row *out)
{
    struct expert_row cur;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (capacity < 0 || capacity > 100)
        return err_set(&r->err, PD_EINVAL, "capacity", "a whole number from 0 to 100");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load_own(r, &cur) != PD_OK ||
        check_items(r, items, nitems) != PD_OK)
        return app_fail(r);
    if (cur.version != 0 && version == 0) {
        err_set(&r->err, PD_EPRECOND, "If-Match", "send If-Match with the profile's version");
        return app_fail(r);
    }
    if (cur.version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the profile changed since you read it");
        app_fail(r);
        *out = cur;
        return PD_ESTALE;
    }
    struct expert_row p = cur;
    p.capacity = capacity;
    p.available = available;
    p.items = (struct profile_item *)items;
    p.nitems = nitems;
    struct audit_event ev = {.event = "profile.update",
                             .action = cur.version ? 'U' : 'C',
                             .record_type = "expert_profile",
                             .record_id = r->actor->user_id,
                             .access_basis = "self"};
    if (store_profile_put(r->db, r->actor->org_id, &p, app_now_iso(r), &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK) {
        int rc = app_fail(r);
        if (rc == PD_ESTALE)
            *out = cur;
        return rc;
    }
    *out = p;
    return PD_OK;
}

/* Coordinators of an expert team see every item; nobody else does. */
static int viewer_is_coordinator(struct app_req *r, bool *yes)
{
    bool member = false;
    *yes = false;
    if (!(r->actor->roles & ROLE_COORDINATOR))
        return PD_OK;
    if (store_in_expert_team(r->db, r->actor->user_id, &member, &r->err) != PD_OK)
        return r->err.code;
    *yes = member;
    return PD_OK;
}

int app_expert_directory(struct app_req *r, const char *after, int limit, struct expert_row **out,
                         size_t *n, bool *coordinator_view)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (after && !uuid_valid(after, strlen(after)))
        return err_set(&r->err, PD_EINVAL, "after", "an expert id from the previous page");
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        viewer_is_coordinator(r, coordinator_view) != PD_OK ||
        store_expert_rows(r->db, r->arena, r->actor->org_id, today(r), NULL, after, limit, out, n,
                          &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    if (*coordinator_view)
        return PD_OK;
    for (size_t i = 0; i < *n; i++) {
        struct expert_row *x = &(*out)[i];
        size_t k = 0;
        for (size_t j = 0; j < x->nitems; j++)
            if (strcmp(x->items[j].visibility, "colleagues") == 0)
                x->items[k++] = x->items[j];
        x->nitems = k;
        x->capacity = 0;
        x->caseload = 0;
    }
    return PD_OK;
}

static json_t *items_to_json(const struct expert_row *x)
{
    json_t *items = json_array();
    for (size_t i = 0; i < x->nitems; i++)
        json_array_append_new(items,
                              pdjson_pack("{s:s, s:s, s:s}", "vocab", x->items[i].vocab, "code",
                                          x->items[i].code, "visibility", x->items[i].visibility));
    return items;
}

json_t *expert_row_to_json(const struct expert_row *x, bool coordinator_view)
{
    json_t *j = pdjson_pack("{s:s, s:s, s:b, s:o}", "id", x->worker_id, "name", x->name,
                            "available", x->available, "items", items_to_json(x));
    if (coordinator_view) {
        json_object_set_new(j, "capacity", json_integer(x->capacity));
        json_object_set_new(j, "caseload", json_integer(x->caseload));
    }
    return j;
}

json_t *profile_to_json(const struct expert_row *x)
{
    return pdjson_pack("{s:s, s:i, s:b, s:o, s:o, s:I, s:o, s:o}", "worker_id", x->worker_id,
                       "capacity", x->capacity, "available", x->available, "items",
                       items_to_json(x), "updated_at", pdjson_str_or_null(x->updated_at), "version",
                       (json_int_t)x->version, "fte_pct",
                       x->fte_pct >= 0 ? json_integer(x->fte_pct) : json_null(), "qualification",
                       pdjson_str_or_null(x->qualification));
}

/* ---- match weights ---- */

int app_weights_get(struct app_req *r, struct weights_rec *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    return store_weights_get(r->db, r->arena, r->actor->org_id, out, &r->err);
}

int app_weights_put(struct app_req *r, int64_t version, const struct match_weights *w,
                    struct weights_rec *out)
{
    struct weights_rec cur;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    for (int f = 0; f < MATCH_FACTORS; f++)
        if (w->w[f] < 0 || w->w[f] > MATCH_WEIGHT_MAX)
            return err_set(&r->err, PD_EINVAL, match_factor_code((enum match_factor)f),
                           "a whole number from 0 to %d", MATCH_WEIGHT_MAX);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_weights_get(r->db, r->arena, r->actor->org_id, &cur, &r->err) != PD_OK)
        return app_fail(r);
    if (cur.version != 0 && version == 0) {
        err_set(&r->err, PD_EPRECOND, "If-Match", "send If-Match with the weights' version");
        return app_fail(r);
    }
    if (cur.version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the weights changed since you read them");
        app_fail(r);
        *out = cur;
        return PD_ESTALE;
    }
    struct weights_rec next = {.w = *w, .version = cur.version};
    struct audit_event ev = {.event = "match_weights.update",
                             .action = cur.version ? 'U' : 'C',
                             .record_type = "match_weights",
                             .record_id = r->actor->org_id,
                             .access_basis =
                                 (r->actor->roles & ROLE_ADMIN) ? "admin" : "coordinator"};
    if (store_weights_put(r->db, r->actor->org_id, &next, app_now_iso(r), &r->err) != PD_OK ||
        audit_write(r, &ev) != PD_OK || db_commit(r->db, &r->err) != PD_OK) {
        int rc = app_fail(r);
        if (rc == PD_ESTALE)
            *out = cur;
        return rc;
    }
    *out = next;
    return PD_OK;
}

json_t *weights_to_json(const struct weights_rec *w)
{
    json_t *j = json_object();
    for (int f = 0; f < MATCH_FACTORS; f++)
        json_object_set_new(j, match_factor_code((enum match_factor)f), json_integer(w->w.w[f]));
    json_object_set_new(j, "updated_at", pdjson_str_or_null(w->updated_at));
    json_object_set_new(j, "version", json_integer(w->version));
    return j;
}
