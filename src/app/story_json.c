/*
 * story_json.c: the JSON views of the recovery story (story.h). The author's view and the
 * viewer's view are separate functions on separate structs, so a viewer's answer cannot
 * carry a field the viewer may not see.
 */
#include "../lib/json.h"
#include "story.h"

json_t *story_response_to_json(const struct story_response_rec *rs)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s}", "id", rs->id, "responder_name",
                       rs->responder_name ? rs->responder_name : "", "kind", rs->kind, "body",
                       rs->body, "created_at", rs->created_at);
}

static json_t *responses_json(const struct story_response_rec *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, story_response_to_json(&v[i]));
    return a;
}

json_t *story_fragment_to_json(const struct story_fragment_rec *f, bool author)
{
    if (!author)
        return pdjson_pack("{s:s, s:I, s:s}", "id", f->id, "position", (json_int_t)f->position,
                           "body", f->body);
    return pdjson_pack("{s:s, s:I, s:s, s:s, s:s, s:o, s:I, s:o}", "id", f->id, "position",
                       (json_int_t)f->position, "body", f->body, "scope", f->scope, "feedback",
                       f->feedback, "shared_at", pdjson_str_or_null(f->shared_at), "version",
                       (json_int_t)f->version, "responses",
                       responses_json(f->responses, f->nresponses));
}

json_t *story_summary_to_json(const struct story_rec *s)
{
    return pdjson_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s, s:I}", "id", s->id, "title",
                       s->title, "form", s->form, "current_version", (json_int_t)s->current_n,
                       "fragments", (json_int_t)s->nfragments, "shared", (json_int_t)s->nshared,
                       "created_at", s->created_at, "updated_at", s->updated_at, "version",
                       (json_int_t)s->version);
}

static json_t *audience_summary_json(const struct story_audience_rec *au)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:I}", "id", au->id, "audience", au->audience, "title",
                       au->title, "updated_at", au->updated_at, "version", (json_int_t)au->version);
}

json_t *story_view_to_json(const struct story_view *v)
{
    const struct story_rec *s = &v->story;
    json_t *frags = json_array();
    json_t *auds = json_array();
    for (int64_t i = 0; i < v->current.nfragments; i++)
        json_array_append_new(frags, story_fragment_to_json(&v->current.fragments[i], true));
    for (size_t i = 0; i < v->naudiences; i++)
        json_array_append_new(auds, audience_summary_json(&v->audiences[i]));
    return pdjson_pack("{s:s, s:s, s:s, s:o, s:I, s:s, s:s, s:s, s:I, s:o, s:o}", "id", s->id,
                       "title", s->title, "form", s->form, "wont_share",
                       pdjson_str_or_null(s->wont_share), "current_version",
                       (json_int_t)s->current_n, "saved_at", v->current.saved_at, "created_at",
                       s->created_at, "updated_at", s->updated_at, "version",
                       (json_int_t)s->version, "fragments", frags, "audiences", auds);
}

json_t *story_version_to_json(const struct story_version_rec *v, int64_t current_n)
{
    json_t *j = pdjson_pack("{s:I, s:s, s:s, s:s, s:I, s:b}", "n", (json_int_t)v->n, "title",
                            v->title, "form", v->form, "saved_at", v->saved_at, "fragment_count",
                            (json_int_t)v->nfragments, "current", current_n == v->n);
    if (v->fragments) {
        json_t *frags = json_array();
        for (int64_t i = 0; i < v->nfragments; i++)
            json_array_append_new(frags, story_fragment_to_json(&v->fragments[i], false));
        json_object_set_new(j, "fragments", frags);
    }
    return j;
}

json_t *story_audience_to_json(const struct story_audience_rec *au)
{
    json_t *items = json_array();
    for (size_t i = 0; i < au->nitems; i++)
        json_array_append_new(items, pdjson_pack("{s:o, s:s}", "fragment_id",
                                                 pdjson_str_or_null(au->items[i].fragment_id),
                                                 "body", au->items[i].body));
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:o}", "id", au->id, "audience",
                       au->audience, "title", au->title, "created_at", au->created_at, "updated_at",
                       au->updated_at, "version", (json_int_t)au->version, "items", items);
}

json_t *story_share_to_json(const struct story_share_rec *s)
{
    return pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "fragment_id", s->fragment_id,
                       "story_title", s->story_title, "author_name", s->author_name, "body",
                       s->body, "scope", s->scope, "feedback", s->feedback, "shared_at",
                       pdjson_str_or_null(s->shared_at), "responses",
                       responses_json(s->responses, s->nresponses));
}
