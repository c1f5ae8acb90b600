/*
 * reflection.h: disclosure reflections (practice.md §4.8, §4.9, §7 item 19). A worker who
 * shared something of their own lived experience with a client writes down, for
 * themself, what and why, whether they asked permission, whether they checked how it
 * landed, whether the relationship stayed in balance, the red-flag self-check and which
 * golden rules they kept.
 *
 * Private to the author. The author may share one with their coach (the coach of their
 * running coaching link): an explicit act, withdrawable; the coach then reads it (audited
 * reflection.read, basis "shared") but never changes it; when the link ends the coach
 * loses it. A reflection is never linked to a client or a dossier, never in a report, an
 * export or anyone else's list. To everybody else, whatever their roles (coordinator,
 * manager, administrator, privacy officer, another coach, the own coach before sharing),
 * a reflection answers exactly like an id that does not exist: 404, audited as denied.
 * Strings returned live in r->arena.
 */
#ifndef PD_APP_REFLECTION_H
#define PD_APP_REFLECTION_H

#include "../store/store_reflection.h"
#include "app.h"

#define LIMIT_REFLECTION_TEXT_CHARS 4000 /* what was shared, why, the free note */
#define LIMIT_REFLECTION_FLAG_CHARS 1000 /* the note with one red flag */

/* Who may keep reflections: those who may share their own experience with clients or
 * learn to (experts, students, generalists, coordinators, coaches). */
#define REFLECTION_ROLES                                                                           \
    (ROLE_EXPERT | ROLE_STUDENT | ROLE_GENERALIST | ROLE_COORDINATOR | ROLE_COACH)

/* The golden rules for sharing one's own experience (practice.md §4.8), as codes. */
extern const char *const reflection_golden_rules[];
extern const size_t reflection_golden_rule_count;

/* NULL / -1 = not given: the default on create, keep on update. Notes: "" clears. */
struct reflection_input {
    const char *happened_on;
    const char *what_shared;
    const char *why_shared;
    const char *permission;
    const char *checked_after;
    const char *balance;
    int over_identification;
    const char *over_identification_note;
    int undirected;
    const char *undirected_note;
    int unprocessed;
    const char *unprocessed_note;
    const char *const *golden_rules; /* NULL: not given */
    size_t ngolden;
    const char *note;
};

int app_reflection_create(struct app_req *r, const struct reflection_input *in,
                          struct reflection_rec *out);
/* The author, or the coach it is shared with (*as_coach set). */
int app_reflection_get(struct app_req *r, const char *id, struct reflection_rec *out,
                       bool *as_coach);
/* The author only. PD_ESTALE: *out is current. */
int app_reflection_update(struct app_req *r, const char *id, int64_t version,
                          const struct reflection_input *in, struct reflection_rec *out);
int app_reflection_delete(struct app_req *r, const char *id, int64_t version);
/* share: with the author's coach (PD_ECONFLICT when they have none); !share: withdraw. */
int app_reflection_share(struct app_req *r, const char *id, int64_t version, bool share,
                         struct reflection_rec *out);
/* shared = false: the actor's own; true: those shared with the actor as coach. */
int app_reflection_list(struct app_req *r, bool shared, const char *after, int limit,
                        struct reflection_rec **out, size_t *n);

/* Demo reflections of one expert (init --demo), one shared with coach_id when given. */
int app_reflection_demo_seed(struct app_req *r, const char *org_id, const char *author_id,
                             const char *coach_id);

/* as_coach: the coach's view (no share controls; the same content). */
json_t *reflection_to_json(const struct reflection_rec *f, bool as_coach);

#endif
