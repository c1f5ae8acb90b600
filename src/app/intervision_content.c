/*
 * intervision_content.c: what happens inside a session: the agenda built by those who take
 * part, cases brought into a closed group, the structured feedback round (curriculum.md
 * §4.13 item 6, practice.md §3.5) and the owner's reflection afterwards.
 *
 * The round's rules, all enforced here rather than in the screen:
 *  - while the round is open every member other than the owner gives one top and one tip,
 *    without discussion (no replies, no edits);
 *  - the owner listens: no feedback on their own case and no reflection yet;
 *  - the owner or the session's facilitator closes the round; then no more feedback;
 *  - after that the owner writes the reflection: what they take from it, what is usable,
 *    what they will follow up (and may revise it, If-Match).
 */
#include <string.h>

#include "app_int.h"
#include "intervision_int.h"

#define T_AGENDA   "iv_agenda_item"
#define T_CASE     "iv_case"
#define T_FEEDBACK "iv_feedback"

static bool theme_ok(const char *code)
{
    for (size_t i = 0; i < iv_theme_count; i++)
        if (strcmp(iv_themes[i].code, code) == 0)
            return true;
    return false;
}

/* ---- agenda ---- */

int app_iv_agenda_add(struct app_req *r, const char *session_id, const struct iv_agenda_input *in,
                      struct iv_agenda_item *out)
{
    const char *event = "intervision.agenda.create", *basis = NULL;
    struct iv_group g;
    struct iv_session s;
    int64_t n = 0;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        iv_load_session(r, session_id, event, 'C', &g, &s, &basis) != PD_OK)
        return app_fail(r);
    if (iv_check_text(r, in->title, true, IV_TITLE_CHARS, "title") != PD_OK ||
        iv_check_text(r, in->detail, false, IV_TEXT_CHARS, "detail") != PD_OK)
        return app_fail(r);
    if (in->theme && !theme_ok(in->theme)) {
        err_set(&r->err, PD_EINVAL, "theme",
                "prejudices, language, self_disclosure or recovery_perspective");
        return app_fail(r);
    }
    if (store_iv_count(r->db, "agenda", s.id, &n, &r->err) != PD_OK)
        return app_fail(r);
    if (n >= IV_AGENDA_MAX) {
        err_set(&r->err, PD_ECONFLICT, NULL, "the agenda holds %d items", IV_AGENDA_MAX);
        return app_fail(r);
    }
    struct iv_agenda_item it = {.title = in->title,
                                .detail = in->detail,
                                .theme = in->theme,
                                .author_name = r->actor->name,
                                .show_author = in->show_author,
                                .created_at = app_now_iso(r)};
    uuid7_new(it.id);
    memcpy(it.org_id, g.org_id, UUID_STR_BYTES);
    memcpy(it.session_id, s.id, UUID_STR_BYTES);
    memcpy(it.author_id, r->actor->user_id, UUID_STR_BYTES);
    if (store_iv_agenda_insert(r->db, &it, &r->err) != PD_OK ||
        iv_audit(r, event, 'C', T_AGENDA, it.id, basis) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *out = it;
    return PD_OK;
}

int app_iv_agenda_delete(struct app_req *r, const char *id)
{
    const char *event = "intervision.agenda.delete", *basis = NULL;
    struct iv_agenda_item it;
    struct iv_group g;
    struct iv_session s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!id || !uuid_valid(id, strlen(id)))
        return iv_deny(r, event, 'D', T_AGENDA, NULL, PD_ENOTFOUND);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK)
        return app_fail(r);
    int rc = store_iv_agenda_get(r->db, r->arena, r->actor->org_id, id, &it, &r->err);
    if (rc == PD_ENOTFOUND)
        return iv_deny(r, event, 'D', T_AGENDA, id, PD_ENOTFOUND);
    if (rc != PD_OK || iv_load_session(r, it.session_id, event, 'D', &g, &s, &basis) != PD_OK)
        return app_fail(r);
    if (strcmp(it.author_id, r->actor->user_id) != 0) {
        err_set(&r->err, PD_EFORBID, NULL, "only the one who added an item withdraws it");
        return app_fail(r);
    }
    if (store_iv_agenda_delete(r->db, it.id, &r->err) != PD_OK ||
        iv_audit(r, event, 'D', T_AGENDA, it.id, basis) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- cases ---- */

/* The case as it is now, with the member count of its group (for "awaiting"). */
static int read_case(struct app_req *r, const char *id, const char *group_id, struct iv_case *out)
{
    if (store_iv_case_get(r->db, r->arena, r->actor->org_id, id, out, &r->err) != PD_OK)
        return r->err.code;
    return store_iv_count(r->db, "members", group_id, &out->nmembers, &r->err);
}

int app_iv_case_create(struct app_req *r, const char *session_id, const char *title,
                       const char *question, struct iv_case *out)
{
    const char *event = "intervision.case.create", *basis = NULL;
    struct iv_group g;
    struct iv_session s;
    int64_t n = 0;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        iv_load_session(r, session_id, event, 'C', &g, &s, &basis) != PD_OK)
        return app_fail(r);
    if (strcmp(g.kind, "closed") != 0) {
        err_set(&r->err, PD_ECONFLICT, NULL,
                "cases with a feedback round belong to closed groups; add an agenda item");
        return app_fail(r);
    }
    if (iv_check_text(r, title, true, IV_TITLE_CHARS, "title") != PD_OK ||
        iv_check_text(r, question, true, IV_TEXT_CHARS, "question") != PD_OK ||
        store_iv_count(r->db, "cases", s.id, &n, &r->err) != PD_OK)
        return app_fail(r);
    if (n >= IV_CASES_MAX) {
        err_set(&r->err, PD_ECONFLICT, NULL, "the session holds %d cases", IV_CASES_MAX);
        return app_fail(r);
    }
    struct iv_case c = {.title = title, .question = question, .created_at = app_now_iso(r)};
    uuid7_new(c.id);
    memcpy(c.org_id, g.org_id, UUID_STR_BYTES);
    memcpy(c.session_id, s.id, UUID_STR_BYTES);
    memcpy(c.owner_id, r->actor->user_id, UUID_STR_BYTES);
    if (store_iv_case_insert(r->db, &c, &r->err) != PD_OK ||
        iv_audit(r, event, 'C', T_CASE, c.id, basis) != PD_OK ||
        read_case(r, c.id, g.id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Load a case and its session, with the gate of the session's group. */
static int load_case(struct app_req *r, const char *id, const char *event, char action,
                     struct iv_case *c, struct iv_session *s, const char **basis)
{
    struct iv_group g;
    if (!id || !uuid_valid(id, strlen(id)))
        return iv_deny(r, event, action, T_CASE, NULL, PD_ENOTFOUND);
    int rc = store_iv_case_get(r->db, r->arena, r->actor->org_id, id, c, &r->err);
    if (rc == PD_ENOTFOUND)
        return iv_deny(r, event, action, T_CASE, id, PD_ENOTFOUND);
    if (rc != PD_OK)
        return rc;
    return iv_load_session(r, c->session_id, event, action, &g, s, basis);
}

int app_iv_feedback_add(struct app_req *r, const char *case_id, const char *top, const char *tip,
                        struct iv_case *out)
{
    const char *event = "intervision.feedback.create", *basis = NULL;
    struct iv_case c;
    struct iv_session s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_case(r, case_id, event, 'C', &c, &s, &basis) != PD_OK)
        return app_fail(r);
    if (strcmp(c.owner_id, r->actor->user_id) == 0)
        err_set(&r->err, PD_ECONFLICT, "owner",
                "the owner of the case listens during the round and responds afterwards");
    else if (strcmp(c.round, "open") != 0)
        err_set(&r->err, PD_ECONFLICT, "round", "the feedback round of this case is closed");
    if (r->err.code != PD_OK || iv_check_text(r, top, true, IV_TEXT_CHARS, "top") != PD_OK ||
        iv_check_text(r, tip, true, IV_TEXT_CHARS, "tip") != PD_OK)
        return app_fail(r);
    struct iv_feedback f = {.top = top, .tip = tip, .created_at = app_now_iso(r)};
    uuid7_new(f.id);
    memcpy(f.author_id, r->actor->user_id, UUID_STR_BYTES);
    if (store_iv_feedback_insert(r->db, c.org_id, c.id, &f, &r->err) != PD_OK ||
        iv_audit(r, event, 'C', T_FEEDBACK, f.id, basis) != PD_OK ||
        read_case(r, c.id, s.group_id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* The stale answer: the case as it is now. */
static int stale(struct app_req *r, const struct iv_case *c, const struct iv_session *s,
                 struct iv_case *out)
{
    *out = *c;
    if (store_iv_count(r->db, "members", s->group_id, &out->nmembers, &r->err) != PD_OK)
        return app_fail(r);
    err_set(&r->err, PD_ESTALE, "If-Match", "the case changed since you read it");
    return app_fail(r);
}

int app_iv_round_close(struct app_req *r, const char *case_id, int64_t version, struct iv_case *out)
{
    const char *event = "intervision.round.close", *basis = NULL;
    struct iv_case c;
    struct iv_session s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_case(r, case_id, event, 'U', &c, &s, &basis) != PD_OK)
        return app_fail(r);
    bool owner = strcmp(c.owner_id, r->actor->user_id) == 0;
    bool facilitator = s.facilitator_id && strcmp(s.facilitator_id, r->actor->user_id) == 0;
    if (!owner && !facilitator) {
        err_set(&r->err, PD_EFORBID, NULL,
                "the owner of the case or the session's facilitator closes the round");
        return app_fail(r);
    }
    if (c.version != version)
        return stale(r, &c, &s, out);
    if (strcmp(c.round, "open") != 0) {
        err_set(&r->err, PD_ECONFLICT, "round", "the round is closed already");
        return app_fail(r);
    }
    c.round = "closed";
    c.round_closed_at = app_now_iso(r);
    if (store_iv_case_update(r->db, &c, &r->err) != PD_OK ||
        iv_audit(r, event, 'U', T_CASE, c.id, basis) != PD_OK ||
        read_case(r, c.id, s.group_id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_iv_reflection(struct app_req *r, const char *case_id, int64_t version,
                      const struct iv_reflection_input *in, struct iv_case *out)
{
    const char *event = "intervision.reflection.update", *basis = NULL;
    struct iv_case c;
    struct iv_session s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_case(r, case_id, event, 'U', &c, &s, &basis) != PD_OK)
        return app_fail(r);
    if (strcmp(c.owner_id, r->actor->user_id) != 0) {
        err_set(&r->err, PD_EFORBID, NULL, "only the owner of the case reflects on it");
        return app_fail(r);
    }
    if (c.version != version)
        return stale(r, &c, &s, out);
    if (strcmp(c.round, "open") == 0) {
        err_set(&r->err, PD_ECONFLICT, "round",
                "the owner responds after the feedback round is closed");
        return app_fail(r);
    }
    if (iv_check_text(r, in->reflection, true, IV_TEXT_CHARS, "reflection") != PD_OK ||
        iv_check_text(r, in->usable, false, IV_TEXT_CHARS, "usable") != PD_OK ||
        iv_check_text(r, in->follow_up, false, IV_TEXT_CHARS, "follow_up") != PD_OK)
        return app_fail(r);
    c.reflection = in->reflection;
    c.usable = in->usable;
    c.follow_up = in->follow_up;
    c.reflected_at = app_now_iso(r);
    if (store_iv_case_update(r->db, &c, &r->err) != PD_OK ||
        iv_audit(r, event, 'U', T_CASE, c.id, basis) != PD_OK ||
        read_case(r, c.id, s.group_id, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
