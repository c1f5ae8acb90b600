/*
 * story.c: the recovery story (see story.h and docs/story.md).
 *
 * Two doors, never mixed: the author's door (load_own: the story must be the actor's, else
 * the answer is the one for a missing id) and the viewer's door (store_share_*: SQL that
 * returns a fragment only when it is shared with the actor). Nothing a viewer receives is
 * read through the author's door.
 */
#include "story.h"

#include <string.h>

#include "../domain/role.h"
#include "../lib/json.h"
#include "../lib/str.h"
#include "app_int.h"

#define STORY_AUTHOR_ROLES (ROLE_STUDENT | ROLE_EXPERT)

static const char *const forms[] = {"story", "poem", "diary", "comic", "essay", "other", NULL};
static const char *const scopes[] = {"self", "trainer", "group", NULL};
static const char *const feedbacks[] = {"yes", "no", "only_evokes", NULL};
static const char *const audiences[] = {"one_to_one", "group", "stage", NULL};

static bool one_of(const char *s, const char *const *list)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static size_t chars(const char *s)
{
    return s ? utf8_chars(s, strlen(s)) : 0;
}

static bool valid_id(const char *id)
{
    return id && uuid_valid(id, strlen(id));
}

/* A text of 1..max characters (after the schema made sure it is a string). */
static int check_text(struct app_req *r, const char *s, size_t max, const char *field)
{
    size_t n = chars(s);
    if (n == 0 || n > max)
        return err_set(&r->err, PD_EINVAL, field, "1 to %zu characters", max);
    return PD_OK;
}

static int audit_ok(struct app_req *r, const char *event, char action, const char *type,
                    const char *id, const char *basis)
{
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "success",
                             .record_type = type,
                             .record_id = id,
                             .access_basis = basis};
    return audit_write(r, &ev);
}

/* Not the actor's, or not there: one answer for both, audited as denied. */
static int not_found(struct app_req *r, const char *event, const char *type, const char *id)
{
    if (db_in_txn(r->db))
        db_rollback(r->db);
    err_clear(&r->err);
    struct audit_event ev = {.event = event,
                             .action = 'R',
                             .outcome = "denied",
                             .record_type = type,
                             .record_id = valid_id(id) ? id : NULL,
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_ENOTFOUND, NULL, "no such %s",
                   strcmp(type, "story") == 0 ? "story" : "fragment");
}

/* The actor's own story, inside the open transaction, or the missing-id answer. */
static int load_own(struct app_req *r, const char *id, const char *event, struct story_rec *s)
{
    if (!valid_id(id))
        return not_found(r, event, "story", NULL);
    int rc = store_story_get(r->db, r->arena, r->actor->org_id, id, s, &r->err);
    if (rc == PD_ENOTFOUND || (rc == PD_OK && strcmp(s->author_id, r->actor->user_id) != 0))
        return not_found(r, event, "story", id);
    return rc;
}

/* Everything the author sees on the story's page. */
static int load_view(struct app_req *r, const struct story_rec *s, struct story_view *v)
{
    memset(v, 0, sizeof(*v));
    v->story = *s;
    if (store_story_version_get(r->db, r->arena, s->org_id, s->id, s->current_n, &v->current,
                                &r->err) != PD_OK ||
        store_audience_list(r->db, r->arena, s->org_id, s->id, &v->audiences, &v->naudiences,
                            &r->err) != PD_OK)
        return r->err.code;
    for (int64_t i = 0; i < v->current.nfragments; i++) {
        struct story_fragment_rec *f = &v->current.fragments[i];
        if (store_response_list(r->db, r->arena, f->id, NULL, &f->responses, &f->nresponses,
                                &r->err) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}

/* Title, form, note and fragments of a create or save; story_id NULL on create. */
static int check_input(struct app_req *r, const struct story_input *in, const char *story_id)
{
    char field[LIMIT_ERR_FIELD_BYTES];
    if (check_text(r, in->title, STORY_TITLE_CHARS, "title") != PD_OK)
        return r->err.code;
    if (!one_of(in->form, forms))
        return err_set(&r->err, PD_EINVAL, "form", "story, poem, diary, comic, essay or other");
    if (in->wont_share && chars(in->wont_share) > STORY_WONT_SHARE_CHARS)
        return err_set(&r->err, PD_EINVAL, "wont_share", "at most %d characters",
                       STORY_WONT_SHARE_CHARS);
    if (in->nfragments > STORY_FRAGMENTS_MAX)
        return err_set(&r->err, PD_EINVAL, "fragments", "at most %d fragments",
                       STORY_FRAGMENTS_MAX);
    for (size_t i = 0; i < in->nfragments; i++) {
        const struct story_fragment_input *f = &in->fragments[i];
        snprintf(field, sizeof(field), "fragments[%zu].body", i);
        if (check_text(r, f->body, STORY_FRAGMENT_CHARS, field) != PD_OK)
            return r->err.code;
        if (!f->id)
            continue;
        snprintf(field, sizeof(field), "fragments[%zu].id", i);
        bool yes = false;
        if (!story_id)
            return err_set(&r->err, PD_EINVAL, field, "a new story has no fragments to keep yet");
        if (valid_id(f->id) && store_fragment_of_story(r->db, r->actor->org_id, story_id, f->id,
                                                       &yes, &r->err) != PD_OK)
            return r->err.code;
        if (!yes)
            return err_set(&r->err, PD_EINVAL, field, "not a fragment of this story");
        for (size_t j = 0; j < i; j++)
            if (in->fragments[j].id && strcmp(in->fragments[j].id, f->id) == 0)
                return err_set(&r->err, PD_EINVAL, field, "listed twice");
    }
    return PD_OK;
}

/* Write version n with the input's fragments (new ones get an identity first). */
static int write_version(struct app_req *r, const char *story_id, int64_t n,
                         const struct story_input *in, const char *now)
{
    const char *org = r->actor->org_id;
    struct story_version_rec v = {.n = n, .title = in->title, .form = in->form, .saved_at = now};
    if (store_story_version_insert(r->db, org, story_id, &v, &r->err) != PD_OK)
        return r->err.code;
    for (size_t i = 0; i < in->nfragments; i++) {
        char fresh[UUID_STR_BYTES];
        const char *fid = in->fragments[i].id;
        if (!fid) {
            uuid7_new(fresh);
            fid = fresh;
            if (store_fragment_insert(r->db, org, story_id, fid, now, &r->err) != PD_OK)
                return r->err.code;
        }
        if (store_version_fragment_insert(r->db, org, story_id, n, (int64_t)i, fid,
                                          in->fragments[i].body, &r->err) != PD_OK)
            return r->err.code;
    }
    return PD_OK;
}

static int need_author_role(struct app_req *r, const char *event, char action)
{
    if (r->actor->roles & STORY_AUTHOR_ROLES)
        return PD_OK;
    struct audit_event ev = {.event = event,
                             .action = action,
                             .outcome = "denied",
                             .record_type = "story",
                             .access_basis = "none"};
    if (audit_write_alone(r, &ev) != PD_OK)
        return r->err.code;
    return err_set(&r->err, PD_EFORBID, NULL,
                   "only students and experience experts keep a recovery story");
}

/* ---- the author's stories ---- */

int app_story_create(struct app_req *r, const struct story_input *in, struct story_view *out)
{
    int64_t count = 0;
    if (app_need_actor(r) != PD_OK || need_author_role(r, "story.create", 'C') != PD_OK)
        return r->err.code;
    const char *now = app_now_iso(r);
    struct story_rec s = {.title = in->title,
                          .form = in->form,
                          .wont_share = in->wont_share && *in->wont_share ? in->wont_share : NULL,
                          .current_n = 1,
                          .created_at = now,
                          .updated_at = now,
                          .version = 1};
    uuid7_new(s.id);
    memcpy(s.org_id, r->actor->org_id, UUID_STR_BYTES);
    memcpy(s.author_id, r->actor->user_id, UUID_STR_BYTES);
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || check_input(r, in, NULL) != PD_OK ||
        store_story_count_author(r->db, s.org_id, s.author_id, &count, &r->err) != PD_OK)
        return app_fail(r);
    if (count >= STORY_PER_AUTHOR) {
        err_set(&r->err, PD_ECONFLICT, NULL, "you keep %d stories already, the most there can be",
                STORY_PER_AUTHOR);
        return app_fail(r);
    }
    if (store_story_insert(r->db, &s, &r->err) != PD_OK ||
        write_version(r, s.id, 1, in, now) != PD_OK ||
        audit_ok(r, "story.create", 'C', "story", s.id, "self") != PD_OK ||
        store_story_get(r->db, r->arena, s.org_id, s.id, &s, &r->err) != PD_OK ||
        load_view(r, &s, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_story_list(struct app_req *r, struct story_rec **out, size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        store_story_list_author(r->db, r->arena, r->actor->org_id, r->actor->user_id,
                                STORY_PER_AUTHOR, out, n, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_story_get(struct app_req *r, const char *id, struct story_view *out)
{
    struct story_rec s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK || load_own(r, id, "story.read", &s) ||
        load_view(r, &s, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* Does the input say the same as version v (title, form, fragments, order, texts)? */
static bool same_as(const struct story_input *in, const struct story_version_rec *v)
{
    if (strcmp(in->title, v->title) != 0 || strcmp(in->form, v->form) != 0 ||
        (int64_t)in->nfragments != v->nfragments)
        return false;
    for (size_t i = 0; i < in->nfragments; i++)
        if (!in->fragments[i].id || strcmp(in->fragments[i].id, v->fragments[i].id) != 0 ||
            strcmp(in->fragments[i].body, v->fragments[i].body) != 0)
            return false;
    return true;
}

int app_story_save(struct app_req *r, const char *id, int64_t version, const struct story_input *in,
                   struct story_view *out)
{
    struct story_rec s;
    struct story_version_rec cur;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load_own(r, id, "story.update", &s))
        return app_fail(r);
    if (s.version != version) {
        if (load_view(r, &s, out) == PD_OK)
            err_set(&r->err, PD_ESTALE, "If-Match", "the story changed since you read it");
        return app_fail(r);
    }
    const char *now = app_now_iso(r);
    if (check_input(r, in, s.id) != PD_OK ||
        store_story_version_get(r->db, r->arena, s.org_id, s.id, s.current_n, &cur, &r->err) !=
            PD_OK)
        return app_fail(r);
    if (!same_as(in, &cur)) {
        s.current_n++;
        if (write_version(r, s.id, s.current_n, in, now) != PD_OK ||
            store_fragment_unshare_missing(r->db, s.org_id, s.id, s.current_n, &r->err) != PD_OK)
            return app_fail(r);
    }
    s.title = in->title;
    s.form = in->form;
    if (in->wont_share)
        s.wont_share = *in->wont_share ? in->wont_share : NULL;
    s.updated_at = now;
    if (store_story_update(r->db, &s, &r->err) != PD_OK ||
        audit_ok(r, "story.update", 'U', "story", s.id, "self") != PD_OK ||
        store_story_get(r->db, r->arena, s.org_id, s.id, &s, &r->err) != PD_OK ||
        load_view(r, &s, out) != PD_OK || db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_story_delete(struct app_req *r, const char *id, int64_t version)
{
    struct story_rec s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load_own(r, id, "story.delete", &s) ||
        store_story_delete(r->db, s.org_id, s.id, version, &r->err) != PD_OK ||
        audit_ok(r, "story.delete", 'D', "story", s.id, "self") != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_story_versions(struct app_req *r, const char *id, int64_t before, int limit,
                       struct story_version_rec **out, size_t *n, int64_t *current_n)
{
    struct story_rec s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK || load_own(r, id, "story.read", &s) ||
        store_story_version_list(r->db, r->arena, s.org_id, s.id, before, limit, out, n, &r->err) !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *current_n = s.current_n;
    return PD_OK;
}

int app_story_version(struct app_req *r, const char *id, int64_t vn, struct story_version_rec *out,
                      int64_t *current_n)
{
    struct story_rec s;
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK || load_own(r, id, "story.read", &s) ||
        store_story_version_get(r->db, r->arena, s.org_id, s.id, vn, out, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    *current_n = s.current_n;
    return PD_OK;
}

/* ---- sharing ---- */

/* The fragment as it is in the current version of s, with its responses. */
static int current_fragment(struct app_req *r, const struct story_rec *s, const char *fid,
                            struct story_fragment_rec *out, bool *found)
{
    struct story_version_rec cur;
    *found = false;
    if (store_story_version_get(r->db, r->arena, s->org_id, s->id, s->current_n, &cur, &r->err) !=
        PD_OK)
        return r->err.code;
    for (int64_t i = 0; i < cur.nfragments; i++)
        if (strcmp(cur.fragments[i].id, fid) == 0) {
            *out = cur.fragments[i];
            *found = true;
            return store_response_list(r->db, r->arena, fid, NULL, &out->responses,
                                       &out->nresponses, &r->err);
        }
    return PD_OK;
}

int app_fragment_share(struct app_req *r, const char *story_id, const char *fragment_id,
                       int64_t version, const char *scope, const char *feedback,
                       struct story_fragment_rec *out)
{
    struct story_rec s;
    bool found = false, has_trainer = false, has_group = false;
    const char *event = "story_fragment.share";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (!one_of(scope, scopes))
        return err_set(&r->err, PD_EINVAL, "scope", "self, trainer or group");
    if (!one_of(feedback, feedbacks))
        return err_set(&r->err, PD_EINVAL, "feedback", "yes, no or only_evokes");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load_own(r, story_id, event, &s))
        return app_fail(r);
    if (!valid_id(fragment_id) || current_fragment(r, &s, fragment_id, out, &found) != PD_OK ||
        !found)
        return r->err.code ? app_fail(r) : not_found(r, event, "story_fragment", fragment_id);
    if (out->version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the fragment's sharing changed since you read it");
        return app_fail(r);
    }
    if (strcmp(scope, "self") != 0 &&
        store_story_audience_reach(r->db, s.org_id, s.author_id, &has_trainer, &has_group,
                                   &r->err) != PD_OK)
        return app_fail(r);
    if (strcmp(scope, "trainer") == 0 && !has_trainer) {
        err_set(&r->err, PD_EINVAL, "scope",
                "you are not a student in a learning group with a trainer, so there is no "
                "trainer to share with");
        return app_fail(r);
    }
    if (strcmp(scope, "group") == 0 && !has_group) {
        err_set(&r->err, PD_EINVAL, "scope",
                "you are not in a learning group with others, so there is no group to share "
                "with");
        return app_fail(r);
    }
    if (store_fragment_set_sharing(r->db, s.org_id, fragment_id, version, scope, feedback,
                                   app_now_iso(r), &r->err) != PD_OK ||
        audit_ok(r, event, 'U', "story_fragment", fragment_id, "self") != PD_OK ||
        current_fragment(r, &s, fragment_id, out, &found) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- audience versions ---- */

static int check_audience(struct app_req *r, const char *story_id,
                          const struct story_audience_rec *au)
{
    char field[LIMIT_ERR_FIELD_BYTES];
    if (!one_of(au->audience, audiences))
        return err_set(&r->err, PD_EINVAL, "audience", "one_to_one, group or stage");
    if (check_text(r, au->title, STORY_TITLE_CHARS, "title") != PD_OK)
        return r->err.code;
    if (au->nitems > STORY_AUDIENCE_ITEMS)
        return err_set(&r->err, PD_EINVAL, "items", "at most %d items", STORY_AUDIENCE_ITEMS);
    for (size_t i = 0; i < au->nitems; i++) {
        bool yes = false;
        snprintf(field, sizeof(field), "items[%zu].body", i);
        if (check_text(r, au->items[i].body, STORY_FRAGMENT_CHARS, field) != PD_OK)
            return r->err.code;
        if (!au->items[i].fragment_id)
            continue;
        snprintf(field, sizeof(field), "items[%zu].fragment_id", i);
        if (!valid_id(au->items[i].fragment_id))
            return err_set(&r->err, PD_EINVAL, field, "not a fragment of this story");
        if (store_fragment_of_story(r->db, r->actor->org_id, story_id, au->items[i].fragment_id,
                                    &yes, &r->err) != PD_OK)
            return r->err.code;
        if (!yes)
            return err_set(&r->err, PD_EINVAL, field, "not a fragment of this story");
    }
    return PD_OK;
}

int app_audience_create(struct app_req *r, const char *story_id, struct story_audience_rec *in)
{
    struct story_rec s;
    int64_t count = 0;
    const char *event = "story_audience.create";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK || load_own(r, story_id, event, &s) ||
        check_audience(r, s.id, in) != PD_OK ||
        store_audience_count(r->db, s.id, &count, &r->err) != PD_OK)
        return app_fail(r);
    if (count >= STORY_AUDIENCES_PER_STORY) {
        err_set(&r->err, PD_ECONFLICT, NULL, "a story has at most %d audience versions",
                STORY_AUDIENCES_PER_STORY);
        return app_fail(r);
    }
    uuid7_new(in->id);
    memcpy(in->story_id, s.id, UUID_STR_BYTES);
    in->created_at = in->updated_at = app_now_iso(r);
    if (store_audience_insert(r->db, s.org_id, in, &r->err) != PD_OK ||
        audit_ok(r, event, 'C', "story_audience", in->id, "self") != PD_OK ||
        store_audience_get(r->db, r->arena, s.org_id, s.id, in->id, in, &r->err) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* The author's audience version of the author's story, or the missing-id answer. */
static int load_audience(struct app_req *r, const char *story_id, const char *id, const char *event,
                         struct story_audience_rec *out)
{
    struct story_rec s;
    if (load_own(r, story_id, event, &s) != PD_OK)
        return r->err.code;
    int rc = valid_id(id) ? store_audience_get(r->db, r->arena, s.org_id, s.id, id, out, &r->err)
                          : PD_ENOTFOUND;
    if (rc == PD_ENOTFOUND)
        return not_found(r, event, "story_audience", id);
    return rc;
}

int app_audience_get(struct app_req *r, const char *story_id, const char *id,
                     struct story_audience_rec *out)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_READ, &r->err) != PD_OK ||
        load_audience(r, story_id, id, "story_audience.read", out) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_audience_update(struct app_req *r, const char *story_id, const char *id, int64_t version,
                        struct story_audience_rec *in, struct story_audience_rec *out)
{
    const char *event = "story_audience.update";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_audience(r, story_id, id, event, out) != PD_OK)
        return app_fail(r);
    if (out->version != version) {
        err_set(&r->err, PD_ESTALE, "If-Match", "the audience version changed since you read it");
        return app_fail(r);
    }
    memcpy(in->id, out->id, UUID_STR_BYTES);
    memcpy(in->story_id, out->story_id, UUID_STR_BYTES);
    in->version = version;
    if (check_audience(r, out->story_id, in) != PD_OK ||
        store_audience_update(r->db, r->actor->org_id, in, app_now_iso(r), &r->err) != PD_OK ||
        audit_ok(r, event, 'U', "story_audience", in->id, "self") != PD_OK ||
        store_audience_get(r->db, r->arena, r->actor->org_id, in->story_id, in->id, out, &r->err) !=
            PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_audience_delete(struct app_req *r, const char *story_id, const char *id, int64_t version)
{
    struct story_audience_rec au;
    const char *event = "story_audience.delete";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_audience(r, story_id, id, event, &au) != PD_OK ||
        store_audience_delete(r->db, r->actor->org_id, au.id, version, &r->err) != PD_OK ||
        audit_ok(r, event, 'D', "story_audience", au.id, "self") != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* ---- what viewers see ---- */

int app_share_list(struct app_req *r, const char *after, int limit, struct story_share_rec **out,
                   size_t *n)
{
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (after && !valid_id(after))
        return err_set(&r->err, PD_EINVAL, "after", "a cursor from an earlier page");
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        store_share_list(r->db, r->arena, r->actor->org_id, r->actor->user_id, after, limit, out, n,
                         &r->err) != PD_OK)
        return app_fail(r);
    for (size_t i = 0; i < *n; i++) {
        struct story_share_rec *s = &(*out)[i];
        if (store_response_list(r->db, r->arena, s->fragment_id, r->actor->user_id, &s->responses,
                                &s->nresponses, &r->err) != PD_OK ||
            audit_ok(r, "story_share.list", 'R', "story_fragment", s->fragment_id, s->scope) !=
                PD_OK)
            return app_fail(r);
    }
    if (db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

/* The fragment if it is shared with the actor, else the missing-id answer. */
static int load_share(struct app_req *r, const char *fragment_id, const char *event,
                      struct story_share_rec *out)
{
    int rc = valid_id(fragment_id) ? store_share_get(r->db, r->arena, r->actor->org_id,
                                                     r->actor->user_id, fragment_id, out, &r->err)
                                   : PD_ENOTFOUND;
    if (rc == PD_ENOTFOUND)
        return not_found(r, event, "story_fragment", fragment_id);
    return rc;
}

int app_share_get(struct app_req *r, const char *fragment_id, struct story_share_rec *out)
{
    const char *event = "story_share.read";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_share(r, fragment_id, event, out) != PD_OK ||
        store_response_list(r->db, r->arena, out->fragment_id, r->actor->user_id, &out->responses,
                            &out->nresponses, &r->err) != PD_OK ||
        audit_ok(r, event, 'R', "story_fragment", out->fragment_id, out->scope) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}

int app_share_respond(struct app_req *r, const char *fragment_id, const char *body,
                      struct story_response_rec *out)
{
    struct story_share_rec sh;
    const char *event = "story_response.create";
    if (app_need_actor(r) != PD_OK)
        return r->err.code;
    if (check_text(r, body, STORY_RESPONSE_CHARS, "body") != PD_OK)
        return r->err.code;
    if (db_begin(r->db, DB_TXN_WRITE, &r->err) != PD_OK ||
        load_share(r, fragment_id, event, &sh) != PD_OK)
        return app_fail(r);
    if (strcmp(sh.feedback, "no") == 0) {
        db_rollback(r->db);
        struct audit_event ev = {.event = event,
                                 .action = 'C',
                                 .outcome = "denied",
                                 .record_type = "story_fragment",
                                 .record_id = sh.fragment_id,
                                 .access_basis = sh.scope};
        if (audit_write_alone(r, &ev) != PD_OK)
            return r->err.code;
        return err_set(&r->err, PD_EFORBID, NULL,
                       "the author does not want responses to this fragment");
    }
    memset(out, 0, sizeof(*out));
    uuid7_new(out->id);
    memcpy(out->fragment_id, sh.fragment_id, UUID_STR_BYTES);
    memcpy(out->responder_id, r->actor->user_id, UUID_STR_BYTES);
    out->responder_name = r->actor->name;
    out->kind = strcmp(sh.feedback, "only_evokes") == 0 ? "evokes" : "feedback";
    out->body = body;
    out->created_at = app_now_iso(r);
    if (store_response_insert(r->db, r->actor->org_id, out, &r->err) != PD_OK ||
        audit_ok(r, event, 'C', "story_response", out->id, sh.scope) != PD_OK ||
        db_commit(r->db, &r->err) != PD_OK)
        return app_fail(r);
    return PD_OK;
}
