/*
 * intervision_json.c: the JSON views of intervision records, made for one viewer.
 *
 * What never leaves: who takes part in an open group (there is no list and no count), who
 * created an open group or one of its sessions, and who added an agenda item unless the
 * author chose to be named. Feedback in a closed group carries its author: members give
 * their top and tip to each other's face.
 */
#include <string.h>

#include "../lib/json.h"
#include "intervision_int.h"

static void put_str(json_t *o, const char *key, const char *v)
{
    json_object_set_new(o, key, pdjson_str_or_null(v));
}

static void put_int_or_null(json_t *o, const char *key, int64_t v, bool present)
{
    json_object_set_new(o, key, present ? json_integer((json_int_t)v) : json_null());
}

json_t *iv_group_to_json(const struct iv_group *g, const char *viewer_id)
{
    json_t *o = json_object();
    bool closed = strcmp(g->kind, "closed") == 0;
    put_str(o, "id", g->id);
    put_str(o, "kind", g->kind);
    put_str(o, "name", g->name);
    put_str(o, "purpose", g->purpose);
    put_str(o, "team_id", g->team_id);
    put_str(o, "team_name", g->team_name);
    put_str(o, "format", g->format);
    put_str(o, "facilitation", g->facilitation);
    json_object_set_new(o, "member", json_boolean(closed && g->member));
    json_object_set_new(o, "taking_part", json_boolean(!closed && g->taking_part));
    json_object_set_new(o, "created_by_me",
                        json_boolean(viewer_id && strcmp(g->created_by, viewer_id) == 0));
    put_str(o, "next_on", g->next_on);
    json_object_set_new(o, "version", json_integer((json_int_t)g->version));
    return o;
}

static json_t *session_summary(const struct iv_session *s)
{
    json_t *o = json_object();
    put_str(o, "id", s->id);
    put_str(o, "held_on", s->held_on);
    put_str(o, "starts_at", s->starts_at);
    put_str(o, "place", s->place);
    put_str(o, "format", s->format);
    put_str(o, "facilitator_id", s->facilitator_id);
    put_str(o, "facilitator_name", s->facilitator_name);
    return o;
}

json_t *iv_group_view_to_json(const struct iv_group_view *v, const char *viewer_id)
{
    json_t *o = iv_group_to_json(&v->g, viewer_id);
    if (strcmp(v->g.kind, "closed") == 0) {
        json_t *m = json_array();
        for (size_t i = 0; i < v->nmembers; i++)
            json_array_append_new(
                m, pdjson_pack("{s:s, s:s}", "id", v->members[i].id, "name", v->members[i].name));
        json_object_set_new(o, "members", m);
    } else {
        json_object_set_new(o, "members", json_null());
    }
    json_t *ss = json_array();
    for (size_t i = 0; i < v->nsessions; i++)
        json_array_append_new(ss, session_summary(&v->sessions[i]));
    json_object_set_new(o, "sessions", ss);
    return o;
}

json_t *iv_agenda_to_json(const struct iv_agenda_item *it, const char *viewer_id)
{
    json_t *o = json_object();
    put_str(o, "id", it->id);
    put_str(o, "title", it->title);
    put_str(o, "detail", it->detail);
    put_str(o, "theme", it->theme);
    json_object_set_new(o, "mine", json_boolean(strcmp(it->author_id, viewer_id) == 0));
    json_object_set_new(o, "show_author", json_boolean(it->show_author));
    put_str(o, "author_name", it->show_author ? it->author_name : NULL);
    put_str(o, "created_at", it->created_at);
    return o;
}

json_t *iv_case_to_json(const struct iv_case *c, const char *viewer_id)
{
    json_t *o = json_object();
    json_t *fb = json_array();
    bool gave = false;
    for (size_t i = 0; i < c->nfeedback; i++) {
        const struct iv_feedback *f = &c->feedback[i];
        bool mine = strcmp(f->author_id, viewer_id) == 0;
        gave = gave || mine;
        json_array_append_new(fb, pdjson_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "id", f->id,
                                              "author_id", f->author_id, "author_name",
                                              f->author_name, "mine", mine, "top", f->top, "tip",
                                              f->tip, "created_at", f->created_at));
    }
    int64_t givers = c->nmembers > 0 ? c->nmembers - 1 : 0; /* everyone but the owner */
    int64_t awaiting = givers - (int64_t)c->nfeedback;
    put_str(o, "id", c->id);
    put_str(o, "session_id", c->session_id);
    put_str(o, "owner_id", c->owner_id);
    put_str(o, "owner_name", c->owner_name);
    json_object_set_new(o, "mine", json_boolean(strcmp(c->owner_id, viewer_id) == 0));
    put_str(o, "title", c->title);
    put_str(o, "question", c->question);
    put_str(o, "round", c->round);
    put_str(o, "round_closed_at", c->round_closed_at);
    json_object_set_new(o, "feedback", fb);
    json_object_set_new(o, "gave_feedback", json_boolean(gave));
    json_object_set_new(o, "awaiting", json_integer(awaiting > 0 ? awaiting : 0));
    put_str(o, "reflection", c->reflection);
    put_str(o, "usable", c->usable);
    put_str(o, "follow_up", c->follow_up);
    put_str(o, "reflected_at", c->reflected_at);
    json_object_set_new(o, "version", json_integer((json_int_t)c->version));
    return o;
}

json_t *iv_session_view_to_json(const struct iv_session_view *v)
{
    const struct iv_session *s = &v->s;
    bool closed = strcmp(v->g.kind, "closed") == 0;
    json_t *o = session_summary(s);
    json_object_set_new(o, "group",
                        pdjson_pack("{s:s, s:s, s:s, s:s}", "id", v->g.id, "kind", v->g.kind,
                                    "name", v->g.name, "facilitation", v->g.facilitation));
    put_str(o, "chair", s->chair);
    put_str(o, "notes", s->notes);
    put_int_or_null(o, "headcount", s->headcount, s->headcount >= 0);
    if (s->decision)
        json_object_set_new(o, "decision",
                            pdjson_pack("{s:s, s:o, s:o, s:o}", "decision", s->decision, "next_on",
                                        pdjson_str_or_null(s->next_on), "note",
                                        pdjson_str_or_null(s->decision_note), "decided_at",
                                        pdjson_str_or_null(s->decided_at)));
    else
        json_object_set_new(o, "decision", json_null());
    json_t *ag = json_array();
    for (size_t i = 0; i < v->nagenda; i++)
        json_array_append_new(ag, iv_agenda_to_json(&v->agenda[i], v->viewer_id));
    json_object_set_new(o, "agenda", ag);
    json_t *cs = json_array();
    for (size_t i = 0; i < v->ncases; i++)
        json_array_append_new(cs, iv_case_to_json(&v->cases[i], v->viewer_id));
    json_object_set_new(o, "cases", cs);
    put_int_or_null(o, "members_count", v->nmembers, closed);
    json_object_set_new(o, "version", json_integer((json_int_t)s->version));
    return o;
}

json_t *iv_themes_to_json(void)
{
    json_t *items = json_array();
    for (size_t i = 0; i < iv_theme_count; i++)
        json_array_append_new(items, pdjson_pack("{s:s, s:s, s:s}", "code", iv_themes[i].code,
                                                 "label_nl", iv_themes[i].label_nl, "label_en",
                                                 iv_themes[i].label_en));
    return pdjson_pack("{s:o}", "items", items);
}
