/*
 * intervision.h: intervision in two forms (practice.md §3.5, §3.10, §7 items 20-21;
 * curriculum.md §4.13 items 5-6; docs/intervision.md has the whole model).
 *
 * Closed groups belong to an expert team: members only, chosen from the team; sessions
 * with a facilitator among the members; cases brought in by members, each with a feedback
 * round in which every other member gives one top and one tip while the owner listens, and
 * after the round the owner's reflection and follow-up.
 *
 * Open groups (the BHEE model) are visible to every worker with an intervision role. Nobody
 * signs up and nobody is listed: a worker states that they take part (a gate that only they
 * can see and that they can withdraw) and from then on reads and adds the content of the
 * sessions: an agenda built by those who come, fallback themes, notes, an anonymous
 * headcount and the continuation decision taken together.
 *
 * Content is for the group only. Anyone else (another group's member, a coordinator who is
 * not a member, a manager, an administrator, ...) gets PD_ENOTFOUND, the same answer as a
 * random id; each such attempt is an audit entry with outcome denied. Every write and every
 * read of content is an audit entry in the same transaction, without any content.
 * Strings and arrays returned live in r->arena.
 */
#ifndef PD_APP_INTERVISION_H
#define PD_APP_INTERVISION_H

#include "../domain/role.h"
#include "../store/store_intervision.h"
#include "app.h"

/* Who takes part in intervision at all: workers who work with their own lived experience or
 * with colleagues who do. Managers, researchers, privacy officers and administrators reach
 * intervision only when they also hold one of these roles. */
#define ROLE_INTERVISION                                                                           \
    (ROLE_GENERALIST | ROLE_EXPERT | ROLE_COORDINATOR | ROLE_COACH | ROLE_TRAINER | ROLE_STUDENT)

/* Limits (characters unless said otherwise). */
#define IV_NAME_CHARS    120
#define IV_PURPOSE_CHARS 1000
#define IV_PLACE_CHARS   200
#define IV_CHAIR_CHARS   100
#define IV_TITLE_CHARS   200
#define IV_TEXT_CHARS    4000 /* a question, notes, a reflection, a top or a tip */
#define IV_NOTE_CHARS    1000 /* the note with a continuation decision */
#define IV_HEADCOUNT_MAX 500
#define IV_MEMBERS_MAX   30 /* members of one closed group */
#define IV_AGENDA_MAX    50 /* agenda items of one session */
#define IV_CASES_MAX     20 /* cases of one session */

/* The fallback themes of an open group, for a thin agenda (BHEE, practice.md §4.15). */
struct iv_theme {
    const char *code;
    const char *label_nl;
    const char *label_en;
};
extern const struct iv_theme iv_themes[];
extern const size_t iv_theme_count;

struct iv_group_input {
    const char *kind; /* closed | open */
    const char *name;
    const char *purpose;           /* optional */
    const char *team_id;           /* closed: an expert team */
    const char *format;            /* closed: case | theme (optional) */
    const char *facilitation;      /* fixed | rotating (default rotating) */
    const char *const *member_ids; /* closed: members of the team */
    size_t nmembers;
};

/* A group as one viewer may see it. Closed: members and sessions (members only). Open:
 * sessions with date, time and place only (every intervision role); content is read per
 * session. */
struct iv_group_view {
    struct iv_group g;
    struct iv_person *members;
    size_t nmembers;
    struct iv_session *sessions;
    size_t nsessions;
};

/* A session with its content, for a member or participant. */
struct iv_session_view {
    struct iv_group g;
    struct iv_session s;
    struct iv_agenda_item *agenda;
    size_t nagenda;
    struct iv_case *cases;
    size_t ncases;
    int64_t nmembers; /* closed: members, for "x of y gave feedback" */
    const char *viewer_id;
};

/* NULL / -1 = not given (keep on update). "" clears an optional text on update. */
struct iv_session_input {
    const char *held_on;   /* YYYY-MM-DD */
    const char *starts_at; /* HH:MM */
    const char *place;
    const char *format;         /* closed */
    const char *facilitator_id; /* closed: a member; create: the rotation's next */
    const char *chair;          /* open */
    const char *notes;
    int headcount; /* open, on or after the date; -1 = not given, -2 = clear */
};

struct iv_agenda_input {
    const char *title;
    const char *detail;
    const char *theme;
    bool show_author;
};

struct iv_decision_input {
    const char *decision; /* continue | pause | stop */
    const char *next_on;  /* continue: required; pause: optional; stop: not allowed */
    const char *note;
};

struct iv_reflection_input {
    const char *reflection;
    const char *usable;
    const char *follow_up;
};

/* The closed groups the actor is a member of and every open group (intervision.group.list). */
int app_iv_group_list(struct app_req *r, struct iv_group **out, size_t *n);
/* A closed group: by a coordinator or a member of the expert team; the creator becomes a
 * member when they are in the team. An open group: by any intervision role. */
int app_iv_group_create(struct app_req *r, const struct iv_group_input *in,
                        struct iv_group_view *out);
int app_iv_group_get(struct app_req *r, const char *id, struct iv_group_view *out);
/* A member adds a member of the team (intervision.member.add); *out is the group after. */
int app_iv_member_add(struct app_req *r, const char *group_id, const char *worker_id,
                      struct iv_group_view *out);
/* A member leaves (worker_id is the actor), or the group's creator, being a member, takes
 * another member out (intervision.member.remove). */
int app_iv_member_remove(struct app_req *r, const char *group_id, const char *worker_id);
/* The open-group gate: state that the actor takes part (on) or withdraw (!on). */
int app_iv_participation(struct app_req *r, const char *group_id, bool on);

int app_iv_session_create(struct app_req *r, const char *group_id,
                          const struct iv_session_input *in, struct iv_session_view *out);
int app_iv_session_get(struct app_req *r, const char *id, struct iv_session_view *out);
/* PD_ESTALE: *out holds the current session. */
int app_iv_session_update(struct app_req *r, const char *id, int64_t version,
                          const struct iv_session_input *in, struct iv_session_view *out);
/* The continuation decision; continue or pause with next_on plans that session when the
 * group has none on that date. PD_ESTALE: *out holds the current session. */
int app_iv_decision(struct app_req *r, const char *id, int64_t version,
                    const struct iv_decision_input *in, struct iv_session_view *out);

int app_iv_agenda_add(struct app_req *r, const char *session_id, const struct iv_agenda_input *in,
                      struct iv_agenda_item *out);
/* Only the author withdraws an item. */
int app_iv_agenda_delete(struct app_req *r, const char *id);

/* A member brings a case into a closed group's session. */
int app_iv_case_create(struct app_req *r, const char *session_id, const char *title,
                       const char *question, struct iv_case *out);
/* A member other than the owner gives one top and one tip while the round is open. */
int app_iv_feedback_add(struct app_req *r, const char *case_id, const char *top, const char *tip,
                        struct iv_case *out);
/* The owner or the session's facilitator closes the round. PD_ESTALE: *out is current. */
int app_iv_round_close(struct app_req *r, const char *case_id, int64_t version,
                       struct iv_case *out);
/* The owner's reflection, after the round. PD_ESTALE: *out is current. */
int app_iv_reflection(struct app_req *r, const char *case_id, int64_t version,
                      const struct iv_reflection_input *in, struct iv_case *out);

/* JSON views for the viewer: agenda authors only when they chose to be named (or to
 * themselves), never a list of who takes part in an open group. */
json_t *iv_group_to_json(const struct iv_group *g, const char *viewer_id);
json_t *iv_group_view_to_json(const struct iv_group_view *v, const char *viewer_id);
json_t *iv_session_view_to_json(const struct iv_session_view *v);
json_t *iv_agenda_to_json(const struct iv_agenda_item *it, const char *viewer_id);
json_t *iv_case_to_json(const struct iv_case *c, const char *viewer_id);
json_t *iv_themes_to_json(void);

/* Demo content for `init --demo` (inside its transaction, no actor): a closed group of the
 * expert team with two past sessions, an open group with a past and a planned session. */
int app_iv_demo_seed(struct app_req *r, const char *org_id);

#endif
