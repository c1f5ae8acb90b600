/*
 * reflection.c: disclosure reflections (see reflection.h). Access is decided here and
 * only here: the author, or the coach it is shared with while coaching that author. Every
 * other actor meets sup_not_found(), the answer of an id that does not exist.
 */
#include "reflection.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/buf.h"
#include "../store/store_coaching.h"
#include "app_int.h"
#include "clients.h"
#include "support_int.h"

const char *const reflection_golden_rules[] = {
    "lived_through",        /* my own experience is processed enough to share it */
    "permission_and_check", /* asked the client first, checked afterwards how it landed */
    "role_model_balance",   /* aware of the example I set; the relationship stays in balance */
    "concrete_recovery",    /* a concrete example that shows what recovery can bring */
    "intervision",          /* I bring it to intervision to keep testing myself */
};
const size_t reflection_golden_rule_count =
    sizeof(reflection_golden_rules) / sizeof(reflection_golden_rules[0]);

static bool one_of(const char *s, const char *a, const char *b, const char *c)
{
    return s && (strcmp(s, a) == 0 || strcmp(s, b) == 0 || strcmp(s, c) == 0);
}

static bool golden_known(const char *code)
{
    for (size_t i = 0; code && i < reflection_golden_rule_count; i++)
        if (strcmp(code, reflection_golden_rules[i]) == 0)
            return true;
    return false;
}

/* The given codes as "a,b" in the table's order; PD_EINVAL naming the bad item. */
static int golden_join(struct app_req *r, const char *const *codes, size_t n, const char **out)
{
    char field[48];
    for (size_t i = 0; i < n; i++) {
        snprintf(field, sizeof(field), "golden_rules[%zu]", i);
        if (!golden_known(codes[i]))
            return err_set(&r->err, PD_EINVAL, field, "not a golden rule");
        for (size_t j = 0; j < i; j++)
            if (strcmp(codes[i], codes[j]) == 0)
                return err_set(&r->err, PD_EINVAL, field, "listed twice");
    }
    struct buf b;
    buf_init(&b, 1024);
    for (size_t k = 0; k < reflection_golden_rule_count; k++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(codes[i], reflection_golden_rules[k]) == 0)
                buf_printf(&b, "%s%s", b.len ? "," : "", codes[i]);
    *out = arena_strdup(r->arena, buf_cstr(&b));
    buf_release(&b);
    return PD_OK;
}

/* NULL / "" note: none. */
static const char *opt_text(const char *s)
{
    return s && *s ? s : NULL;
}

static int check_reflection(struct app_req *r, const struct reflection_rec *f)
{
    if (app_check_date(r, f->happened_on, "happened_on") != PD_OK)
        return r->err.code;
    if (strcmp(f->happened_on, sup_day(r, 0)) > 0)
        return err_set(&r->err, PD_EINVAL, "happened_on", "a date not after today");
    if (sup_check_text(r, f->what_shared, true, LIMIT_REFLECTION_TEXT_CHARS, "what_shared") ||
        (*f->why_shared &&
         sup_check_text(r, f->why_shared, true, LIMIT_REFLECTION_TEXT_CHARS, "why_shared")) ||
        sup_check_text(r, f->note, false, LIMIT_REFLECTION_TEXT_CHARS, "note") ||
        sup_check_text(r, f->over_identification_note, false, LIMIT_REFLECTION_FLAG_CHARS,
                       "over_identification_note") ||
        sup_check_text(r, f->undirected_note, false, LIMIT_REFLECTION_FLAG_CHARS,
                       "undirected_note") ||
        sup_check_text(r, f->unprocessed_note, false, LIMIT_REFLECTION_FLAG_CHARS,
                       "unprocessed_note"))
        return r->err.code;
    if (!one_of(f->permission, "yes", "no", "not_applicable"))
        return err_set(&r->err, PD_EINVAL, "permission", "yes, no or not_applicable");
    if (!one_of(f->checked_after, "yes", "no", "planned"))
        return err_set(&r->err, PD_EINVAL, "checked_after", "yes, no or planned");
    if (!one_of(f->balance, "yes", "no", "unsure"))
        return err_set(&r->err, PD_EINVAL, "balance", "yes, no or unsure");
    return PD_OK;
}

/* Apply what the input gives onto f (create: f holds the defaults). */
static int apply_input(struct app_req *r, const struct reflection_input *in,
                       struct reflection_rec *f)
{
    if (in->happened_on)
        f->happened_on = in->happened_on;
    if (in->what_shared)
        f->what_shared = in->what_shared;
    if (in->why_shared)
        f->why_shared = in->why_shared;
    if (in->permission)
        f->permission = in->permission;
    if (in->checked_after)
        f->checked_after = in->checked_after;
    if (in->balance)
        f->balance = in->balance;
    if (in->over_identification >= 0)
        f->over_identification = in->over_identification == 1;
    if (in->undirected >= 0)
        f->undirected = in->undirected == 1;
    if (in->unprocessed >= 0)
        f->unprocessed = in->unprocessed == 1;
    if (in->over_identification_note)
        f->over_identification_note = opt_text(in->over_identification_note);
    if (in->undirected_note)
        f->undirected_note = opt_text(in->undirected_note);
    if (in->unprocessed_note)
        f->unprocessed_note = opt_text(in->unprocessed_note);
    if (in->note)
        f->note = opt_text(in->note);
    if (in->golden_rules)
        return golden_join(r, in->golden_rules, in->ngolden, &f->golden_rules);
    return PD_OK;
}

int app_reflection_create(struct app_req *r, const struct reflection_input *in,
                          struct reflection_rec *out)
{
    if (app_need_actor(r) != PD_OK ||
        sup_need_role(r, REFLECTION_ROLES, "reflection.create", 'C', "reflection",
                      "your roles keep no disclosure reflections") != PD_OK)
        return r->err.code;
    const char *now = app_now_iso(r);
    struct reflection_rec f = {.happened_on = sup_day(r, 0),
                               .what_shared = "",
                               .why_shared = "",
                               .golden_rules = "",
                               .created_at = now,
                               .updated_at = now,
                               .version = 1};
    uuid7_new(f.id);
    memcpy(f.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(f.author_id, r->actor->user_id, UUID_STR_BYTES);
    if (apply_input(r, in, &f) != PD_OK || check_reflection(r, &f) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_reflection_insert(r->db, &f, &r->err) != PD_OK ||
        sup_audit(r, "reflection.create", 'C', "reflection", f.id, "self", NULL) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = f;
    return PD_OK;
}

/* Is coach_id the coach of a running link of author_id? */
static int coaches(struct app_req *r, const char *coach_id, const char *author_id, bool *yes)
{
    struct coaching_link_rec *ls;
    size_t n;
    *yes = false;
    if (store_coaching_links(r->db, r->arena, r->actor->org_id, coach_id, author_id, &ls, &n,
                             &r->err) != PD_OK)
        return r->err.code;
    *yes = n > 0;
    return PD_OK;
}

/* In a write transaction: load the reflection if the actor may see it (author, or the
 * coach it is shared with); else the answer of a missing one. */
static int load_visible(struct app_req *r, const char *id, const char *event, char action,
                        bool author_only, struct reflection_rec *f, bool *as_coach)
{
    if (!sup_id_ok(id))
        return sup_not_found(r, event, action, "reflection", id);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_reflection_get(r->db, r->arena, r->actor->org_id, id, f, &r->err);
    if (rc == PD_ENOTFOUND)
        return sup_not_found(r, event, action, "reflection", id);
    if (rc != PD_OK)
        return app_fail(r);
    *as_coach = false;
    if (strcmp(f->author_id, r->actor->user_id) == 0)
        return PD_OK;
    bool yes = false;
    if (!author_only && f->shared_with && strcmp(f->shared_with, r->actor->user_id) == 0 &&
        (r->actor->roles & ROLE_COACH)) {
        if (coaches(r, r->actor->user_id, f->author_id, &yes) != PD_OK)
            return app_fail(r);
    }
    if (!yes)
        return sup_not_found(r, event, action, "reflection", id);
    *as_coach = true;
    return PD_OK;
}

int app_reflection_get(struct app_req *r, const char *id, struct reflection_rec *out,
                       bool *as_coach)
{
    if (app_need_actor(r) != PD_OK ||
        load_visible(r, id, "reflection.read", 'R', false, out, as_coach) != PD_OK)
        return r->err.code;
    if (sup_audit(r, "reflection.read", 'R', "reflection", out->id, *as_coach ? "shared" : "self",
                  *as_coach ? "coach" : NULL) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Load the author's own reflection at `version` for a change (PD_ESTALE: *out current). */
static int load_own_at(struct app_req *r, const char *id, int64_t version, const char *event,
                       char action, struct reflection_rec *f, struct reflection_rec *out)
{
    bool as_coach;
    if (load_visible(r, id, event, action, true, f, &as_coach) != PD_OK)
        return r->err.code;
    if (f->version != version) {
        *out = *f;
        err_set(&r->err, PD_ESTALE, "If-Match", "the reflection changed since you read it");
        return app_fail(r);
    }
    return PD_OK;
}

int app_reflection_update(struct app_req *r, const char *id, int64_t version,
                          const struct reflection_input *in, struct reflection_rec *out)
{
    struct reflection_rec f;
    if (app_need_actor(r) != PD_OK ||
        load_own_at(r, id, version, "reflection.update", 'U', &f, out) != PD_OK)
        return r->err.code;
    f.updated_at = app_now_iso(r);
    if (apply_input(r, in, &f) != PD_OK || check_reflection(r, &f) != PD_OK ||
        store_reflection_update(r->db, &f, &r->err) != PD_OK ||
        sup_audit(r, "reflection.update", 'U', "reflection", f.id, "self", NULL) != PD_OK ||
        store_reflection_get(r->db, r->arena, r->actor->org_id, f.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_reflection_delete(struct app_req *r, const char *id, int64_t version)
{
    struct reflection_rec f, cur;
    if (app_need_actor(r) != PD_OK ||
        load_own_at(r, id, version, "reflection.delete", 'D', &f, &cur) != PD_OK)
        return r->err.code;
    if (store_reflection_delete(r->db, r->actor->org_id, f.id, version, &r->err) != PD_OK ||
        sup_audit(r, "reflection.delete", 'D', "reflection", f.id, "self", NULL) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_reflection_share(struct app_req *r, const char *id, int64_t version, bool share,
                         struct reflection_rec *out)
{
    struct reflection_rec f;
    struct coaching_link_rec *ls;
    size_t n = 0;
    const char *ev = share ? "reflection.share" : "reflection.unshare";
    if (app_need_actor(r) != PD_OK || load_own_at(r, id, version, ev, 'U', &f, out) != PD_OK)
        return r->err.code;
    if (share) {
        if (store_coaching_links(r->db, r->arena, r->actor->org_id, NULL, r->actor->user_id, &ls,
                                 &n, &r->err) != PD_OK)
            return app_fail(r);
        if (n == 0) {
            err_set(&r->err, PD_ECONFLICT, NULL, "you have no coach to share it with");
            return app_fail(r);
        }
        f.shared_with = arena_strdup(r->arena, ls[0].coach_id);
        f.shared_at = app_now_iso(r);
    } else {
        f.shared_with = NULL;
        f.shared_at = NULL;
    }
    f.updated_at = app_now_iso(r);
    if (store_reflection_update(r->db, &f, &r->err) != PD_OK ||
        sup_audit(r, ev, 'U', "reflection", f.id, "self", NULL) != PD_OK ||
        store_reflection_get(r->db, r->arena, r->actor->org_id, f.id, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_reflection_list(struct app_req *r, bool shared, const char *after, int limit,
                        struct reflection_rec **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (after && !sup_id_ok(after))
        return err_set(&r->err, PD_EINVAL, "after", "a cursor from an earlier page");
    if (!shared) {
        /* Only one's own: for a worker who keeps none this is simply empty. */
        if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
            store_reflection_list(r->db, r->arena, r->actor->org_id, r->actor->user_id, NULL, after,
                                  limit, out, n, &r->err) != PD_OK ||
            db_commit(r->db, &r->err) != PD_OK)
            return app_fail(r);
        return PD_OK;
    }
    *n = 0;
    *out = NULL;
    if (!(r->actor->roles & ROLE_COACH))
        return PD_OK; /* shared with nobody but coaches: an empty list, like any coach's */
    struct reflection_rec *all;
    size_t na;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_reflection_list(r->db, r->arena, r->actor->org_id, NULL, r->actor->user_id, after,
                              limit, &all, &na, &r->err) != PD_OK)
        return app_fail(r);
    size_t k = 0;
    for (size_t i = 0; i < na; i++) {
        bool yes = false;
        if (coaches(r, r->actor->user_id, all[i].author_id, &yes) != PD_OK)
            return app_fail(r);
        if (!yes)
            continue;
        all[k++] = all[i];
        if (sup_audit(r, "reflection.list", 'R', "reflection", all[i].id, "shared", "coach") !=
            PD_OK)
            return app_fail(r);
    }
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = all;
    *n = k;
    return PD_OK;
}

json_t *reflection_to_json(const struct reflection_rec *f, bool as_coach)
{
    json_t *rules = json_array();
    const char *p = f->golden_rules;
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        json_array_append_new(rules, json_stringn(p, len));
        p = comma ? comma + 1 : p + len;
    }
    json_t *j = pdjson_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:b, s:o, s:b, s:o, s:o, s:o, s:b,"
        " s:o, s:s, s:s, s:I}",
        "id", f->id, "author_id", f->author_id, "happened_on", f->happened_on, "what_shared",
        f->what_shared, "why_shared", f->why_shared, "permission", f->permission, "checked_after",
        f->checked_after, "balance", f->balance, "over_identification", f->over_identification,
        "over_identification_note", pdjson_str_or_null(f->over_identification_note), "undirected",
        f->undirected, "undirected_note", pdjson_str_or_null(f->undirected_note), "unprocessed",
        f->unprocessed, "unprocessed_note", pdjson_str_or_null(f->unprocessed_note), "golden_rules",
        rules, "note", pdjson_str_or_null(f->note), "shared", f->shared_with != NULL, "shared_at",
        pdjson_str_or_null(f->shared_at), "created_at", f->created_at, "updated_at", f->updated_at,
        "version", (json_int_t)f->version);
    json_object_set_new(j, "as_coach", json_boolean(as_coach));
    return j;
}

/* ---- demo ---- */

int app_reflection_demo_seed(struct app_req *r, const char *org_id, const char *author_id,
                             const char *coach_id)
{
    static const char *const kept_first[] = {"lived_through", "permission_and_check",
                                             "role_model_balance", "concrete_recovery"};
    static const char *const kept_second[] = {"lived_through", "intervision"};
    const char *now = app_now_iso(r);
    struct reflection_rec f[2] = {
        {.happened_on = sup_day(r, -12),
         .what_shared = "Verteld dat ik zelf jaren schulden heb gehad en hoe ik de eerste stap "
                        "naar hulp zette.",
         .why_shared = "Hij schaamde zich en dacht dat het alleen hem overkwam.",
         .permission = "yes",
         .checked_after = "yes",
         .balance = "yes",
         .note = "Hij vroeg daarna zelf of ik mee wilde naar de schuldhulp.",
         .shared_with = coach_id,
         .shared_at = now},
        {.happened_on = sup_day(r, -4),
         .what_shared = "Iets over mijn eigen opname verteld, eigenlijk zonder dat het over "
                        "haar vraag ging.",
         .why_shared = "Het gesprek raakte me; achteraf niet goed gericht.",
         .permission = "no",
         .checked_after = "planned",
         .balance = "unsure",
         .undirected = true,
         .undirected_note = "Volgende keer eerst vragen of ze het wil horen.",
         .over_identification = true,
         .over_identification_note = "Haar verhaal leek veel op het mijne."},
    };
    if (golden_join(r, kept_first, 4, &f[0].golden_rules) != PD_OK ||
        golden_join(r, kept_second, 2, &f[1].golden_rules) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < 2; i++) {
        uuid7_new(f[i].id);
        memcpy(f[i].org_id, org_id, UUID_STR_BYTES);
        memcpy(f[i].author_id, author_id, UUID_STR_BYTES);
        f[i].created_at = f[i].updated_at = now;
        f[i].version = 1;
        if (store_reflection_insert(r->db, &f[i], &r->err) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}
