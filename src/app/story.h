/*
 * story.h: the recovery story (herstelverhaal) of a student or an experience expert
 * (curriculum.md §2.5 INT, §4.4, §5.2, §6(a) items 4 and 7; docs/story.md).
 *
 * Private by default. A story belongs to its author; only the author reads or changes it,
 * its versions, its "won't share" note and its audience versions. Others reach exactly the
 * fragments the author shared with them, one explicit request per fragment (app_fragment_
 * share): scope trainer (the trainers of a learning group in which the author is a student)
 * or group (every member of the author's learning groups). Anyone else, and anything else,
 * answers like a missing id (PD_ENOTFOUND), audited as denied.
 *
 * Audit: every write (author or viewer) and every read by a viewer writes one entry in the
 * same transaction, with the record's id and never its text. The author's own reads are not
 * audited (their own data, like a diary). Strings returned live in r->arena.
 */
#ifndef PD_APP_STORY_H
#define PD_APP_STORY_H

#include "../store/store_story.h"
#include "app.h"

/* Caps of this part (docs/story.md). Over a cap is 422 naming the field. */
#define STORY_TITLE_CHARS         200
#define STORY_FRAGMENT_CHARS      20000 /* one fragment's text */
#define STORY_FRAGMENTS_MAX       50    /* fragments in one version */
#define STORY_WONT_SHARE_CHARS    4000
#define STORY_RESPONSE_CHARS      2000
#define STORY_PER_AUTHOR          50 /* stories one author keeps */
#define STORY_AUDIENCES_PER_STORY 20
#define STORY_AUDIENCE_ITEMS      50

/* One fragment of a save: id of an existing fragment of this story (any version) to keep
 * its identity and sharing, or NULL for a new one. */
struct story_fragment_input {
    const char *id;
    const char *body;
};

struct story_input {
    const char *title;
    const char *form;
    const char *wont_share; /* NULL: keep (create: none); "": clear */
    const struct story_fragment_input *fragments;
    size_t nfragments;
};

/* The author's view of a story: its current version with fragments, their sharing and
 * the responses to them, and its audience versions (without items). */
struct story_view {
    struct story_rec story;
    struct story_version_rec current;
    struct story_audience_rec *audiences;
    size_t naudiences;
};

/* A student or expert starts a story: version 1 (story.create). */
int app_story_create(struct app_req *r, const struct story_input *in, struct story_view *out);
/* The author's stories, newest first (not audited: the author's own). */
int app_story_list(struct app_req *r, struct story_rec **out, size_t *n);
/* The author's story (others: PD_ENOTFOUND, audited story.read denied). */
int app_story_get(struct app_req *r, const char *id, struct story_view *out);
/* Save at `version` (story.update): a new text version when title, form or fragments
 * differ from the current one; fragments left out are withdrawn from every share.
 * PD_ESTALE: *out is the current story. */
int app_story_save(struct app_req *r, const char *id, int64_t version, const struct story_input *in,
                   struct story_view *out);
/* Delete the story with every version, fragment, share, response and audience version. */
int app_story_delete(struct app_req *r, const char *id, int64_t version);
/* The versions, newest first, n < before (0: all); *current_n: the current version. */
int app_story_versions(struct app_req *r, const char *id, int64_t before, int limit,
                       struct story_version_rec **out, size_t *n, int64_t *current_n);
/* One version, read-only, with its fragments. */
int app_story_version(struct app_req *r, const char *id, int64_t vn, struct story_version_rec *out,
                      int64_t *current_n);

/* Share or withdraw one fragment of the current version, and say whether feedback is
 * wanted (story_fragment.share). scope trainer/group without such a group: PD_EINVAL
 * naming "scope". PD_ESTALE: *out is the fragment as it is. */
int app_fragment_share(struct app_req *r, const char *story_id, const char *fragment_id,
                       int64_t version, const char *scope, const char *feedback,
                       struct story_fragment_rec *out);

/* Audience versions (one_to_one | group | stage). items' fragment_id must be fragments
 * of this story (or NULL for added text). */
int app_audience_create(struct app_req *r, const char *story_id, struct story_audience_rec *in);
int app_audience_get(struct app_req *r, const char *story_id, const char *id,
                     struct story_audience_rec *out);
int app_audience_update(struct app_req *r, const char *story_id, const char *id, int64_t version,
                        struct story_audience_rec *in, struct story_audience_rec *out);
int app_audience_delete(struct app_req *r, const char *story_id, const char *id, int64_t version);

/* Fragments shared with the actor (newest story first, fragments in reading order), each with the
 * actor's own responses; one story_share.list entry per fragment shown. */
int app_share_list(struct app_req *r, const char *after, int limit, struct story_share_rec **out,
                   size_t *n);
/* One fragment shared with the actor (story_share.read). */
int app_share_get(struct app_req *r, const char *fragment_id, struct story_share_rec *out);
/* Respond to a shared fragment (story_response.create): only when the author wants
 * feedback (feedback no: PD_EFORBID); kind evokes when the author asked for only that. */
int app_share_respond(struct app_req *r, const char *fragment_id, const char *body,
                      struct story_response_rec *out);

/* Demo content for `init --demo` (inside its transaction; no audit entries). */
int app_story_demo_seed(struct app_req *r, const char *org_id);

json_t *story_summary_to_json(const struct story_rec *s);
json_t *story_view_to_json(const struct story_view *v);
json_t *story_fragment_to_json(const struct story_fragment_rec *f, bool author);
json_t *story_version_to_json(const struct story_version_rec *v, int64_t current_n);
json_t *story_audience_to_json(const struct story_audience_rec *au);
json_t *story_share_to_json(const struct story_share_rec *s);
json_t *story_response_to_json(const struct story_response_rec *rs);

#endif
