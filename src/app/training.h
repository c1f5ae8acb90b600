/*
 * training.h: the training "Ervaringskennis voor generalisten" (practice.md §3.3, §7
 * item 14), given by experts: sessions, who attended, which active generalists have not
 * attended yet (new workers flagged: the recommendation is that newcomers take it too) and
 * the coverage per team.
 *
 * Who does what. Coordinators, trainers and experts plan sessions and see them with names;
 * attendance is recorded by a coordinator, a trainer or one of the experts who gave the
 * session, and only once the session has been held. A manager sees the coverage per team
 * as counts, never a name. Every write is audited (training_*.*). Strings returned live
 * in r->arena.
 */
#ifndef PD_APP_TRAINING_H
#define PD_APP_TRAINING_H

#include "../store/store_training.h"
#include "app.h"

#define TRAINING_DEFAULT_TITLE     "Ervaringskennis voor generalisten"
#define TRAINING_NEW_DAYS          90  /* a generalist created this recently counts as new */
#define LIMIT_TRAINING_TITLE_CHARS 200 /* title of a session */
#define LIMIT_TRAINING_PLACE_CHARS 200 /* where it is held */
#define LIMIT_TRAINING_TRAINERS    10  /* experts giving one session */
#define LIMIT_TRAINING_ATTENDEES   500 /* generalists attending one session */

/* Plan and see sessions; record attendance (with the session's own experts). */
#define TRAINING_ROLES (ROLE_EXPERT | ROLE_COORDINATOR | ROLE_TRAINER)

struct training_input {
    const char *title;              /* NULL: TRAINING_DEFAULT_TITLE (create) / keep */
    const char *held_on;            /* required on create */
    const char *place;              /* NULL: "" (create) / keep */
    const char *const *trainer_ids; /* experts; NULL: none (create) / keep */
    size_t ntrainers;
};

int app_training_create(struct app_req *r, const struct training_input *in,
                        struct training_rec *out);
/* PD_ESTALE: *out is current. */
int app_training_update(struct app_req *r, const char *id, int64_t version,
                        const struct training_input *in, struct training_rec *out);
int app_training_get(struct app_req *r, const char *id, struct training_rec *out);
int app_training_list(struct app_req *r, struct training_rec **out, size_t *n);
/* Replace who attended a held session, at the session's version (bumped). */
int app_training_set_attendance(struct app_req *r, const char *id, int64_t version,
                                const char *const *worker_ids, size_t n, struct training_rec *out);

struct training_generalist_view {
    struct training_generalist g;
    bool is_new; /* created within TRAINING_NEW_DAYS days */
};
/* Active generalists; only_missing: those who never attended a held session. */
int app_training_generalists(struct app_req *r, bool only_missing,
                             struct training_generalist_view **out, size_t *n);
/* Per team: generalists and how many attended. Managers too: counts only. */
int app_training_coverage(struct app_req *r, struct training_coverage **out, size_t *n);

/* Two demo sessions given by experts, attended by part of the generalists. */
int app_training_demo_seed(struct app_req *r, const char *org_id);

json_t *training_to_json(const struct training_rec *t);
json_t *training_generalist_to_json(const struct training_generalist_view *g);
json_t *training_coverage_to_json(const struct training_coverage *c, size_t n);

#endif
