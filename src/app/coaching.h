/*
 * coaching.h: the internal coach and the expert (practice.md §3.6): an administrator or
 * coordinator links a coach to an expert; the two of them record their conversations (the
 * mandatory one every three to four weeks) and write private notes to each other; both
 * are reminded when the conversation is overdue; a manager learns only whether coaching
 * happened.
 *
 * Who sees what. Conversations and notes of a link are read by its expert (also after the
 * link ended) and by its coach while the link runs; nobody else, whatever their roles: to
 * anyone else a link, conversation or note answers exactly like a missing one. Every read
 * of notes or conversations and every write is audited (coaching_*.*), never with content.
 * Administrators and coordinators see who coaches whom, without any date. Managers see per
 * expert "held within the last COACHING_OVERDUE_DAYS days: yes/no" and counts.
 *
 * Overdue: a running link whose newest held conversation (or, before the first one, its
 * start) is more than COACHING_OVERDUE_DAYS days ago. A planned conversation does not
 * silence the reminder (a plan can slip; the obligation is a conversation held) but is
 * shown next to it. Strings returned live in r->arena.
 */
#ifndef PD_APP_COACHING_H
#define PD_APP_COACHING_H

#include "../store/store_coaching.h"
#include "app.h"

#define COACHING_OVERDUE_DAYS     28   /* the 3-4 weekly conversation: overdue after 4 weeks */
#define LIMIT_COACHING_NOTE_CHARS 4000 /* one private note */
#define LIMIT_COACHING_TOPIC      500  /* the topic of a conversation */

/* A link as its expert or coach sees it: with the overdue reminder. */
struct coaching_link_view {
    struct coaching_link_rec link;
    bool dates;     /* false: the administrative view, without any date of conversations */
    int days_since; /* days since the newest held conversation (or the start) */
    bool overdue;   /* days_since > COACHING_OVERDUE_DAYS */
    bool as_coach;  /* the actor is the coach of this link */
};

/* An administrator or coordinator links coach_id (role coach) to expert_id (role expert),
 * from started_on (NULL: today). PD_ECONFLICT "expert_id" when the expert has a coach. */
int app_coaching_link_create(struct app_req *r, const char *coach_id, const char *expert_id,
                             const char *started_on, struct coaching_link_view *out);
/* End a running link at `version` (administrator or coordinator). */
int app_coaching_link_end(struct app_req *r, const char *id, int64_t version,
                          struct coaching_link_view *out);
/* all = false: the running links where the actor is coach or expert, overdue first.
 * all = true (administrators and coordinators): every running link, without dates. */
int app_coaching_links(struct app_req *r, bool all, struct coaching_link_view **out, size_t *n);
/* The actor's overdue links (as coach or expert), longest overdue first. */
int app_coaching_overdue(struct app_req *r, struct coaching_link_view **out, size_t *n);
/* The coaches and experts an administrator or coordinator can link. */
int app_coaching_candidates(struct app_req *r, struct worker **out, size_t *n);

struct coaching_conv_input {
    const char *link_id; /* create only */
    const char *on_date; /* held: not after today; planned: not before today */
    const char *status;  /* held | planned (create); also cancelled (update) */
    const char *topic;   /* NULL: none (create) / keep (update); "" clears */
};
int app_coaching_conv_create(struct app_req *r, const struct coaching_conv_input *in,
                             struct coaching_conv_rec *out);
/* PD_ESTALE: *out is the current conversation. */
int app_coaching_conv_update(struct app_req *r, const char *id, int64_t version,
                             const struct coaching_conv_input *in, struct coaching_conv_rec *out);
int app_coaching_conv_list(struct app_req *r, const char *link_id, struct coaching_conv_rec **out,
                           size_t *n);

int app_coaching_note_create(struct app_req *r, const char *link_id, const char *body,
                             struct coaching_note_rec *out);
/* Only the author changes a note. PD_ESTALE: *out is the current note. */
int app_coaching_note_update(struct app_req *r, const char *id, int64_t version, const char *body,
                             struct coaching_note_rec *out);
int app_coaching_note_list(struct app_req *r, const char *link_id, struct coaching_note_rec **out,
                           size_t *n);

/* What a manager may know: per active expert, coached and held within the last
 * COACHING_OVERDUE_DAYS days (yes/no); nothing else. */
struct coaching_compliance {
    char expert_id[UUID_STR_BYTES];
    const char *name;
    bool has_coach;
    bool held_recently;
};
int app_coaching_compliance(struct app_req *r, struct coaching_compliance **out, size_t *n);

/* The demo coach and her experts (init --demo), inside the demo's transaction. */
int app_coaching_demo_seed(struct app_req *r, const char *org_id);

json_t *coaching_link_to_json(const struct coaching_link_view *v);
json_t *coaching_conv_to_json(const struct coaching_conv_rec *c);
json_t *coaching_note_to_json(const struct coaching_note_rec *c);
json_t *coaching_compliance_to_json(const struct coaching_compliance *c, size_t n);

#endif
