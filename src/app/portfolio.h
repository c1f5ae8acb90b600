/*
 * portfolio.h: the learning portfolio of a student or practising expert (its owner):
 * evidence (text, a small file, or a link) tied to assignments and competencies, trainer
 * feedback on items and units, unit sign-off by a trainer and progress per unit and per
 * competency (curriculum.md §5.6, §6a).
 *
 * Who sees a portfolio: its owner (roles student or expert), and a trainer of a learning
 * group in which the owner is a student. Anyone else, whatever their role, gets exactly
 * the answer of a random id (PD_ENOTFOUND), and the attempt is audited as denied. Every
 * read by a trainer and every write is audited in the same transaction (no content in
 * the entries). `worker` is the owner's id or "me". JSON returned is owned by the caller.
 */
#ifndef PD_APP_PORTFOLIO_H
#define PD_APP_PORTFOLIO_H

#include "../domain/portfolio.h"
#include "../store/store_portfolio.h"
#include "app.h"

/* The whole portfolio: owner, evidence, feedback, sign-offs (with history), progress. */
int app_portfolio_get(struct app_req *r, const char *worker, json_t **out);
/* A trainer's students (of every group they train) with a progress summary each. */
int app_learning_students(struct app_req *r, json_t **out);

struct evidence_input {
    const char *kind; /* create only: text | file | link */
    const char *title, *body, *url;
    const char *file_name, *content_type, *data_b64; /* file, create only */
    const char *const *assignments;
    size_t nassignments;
    const char *const *competencies;
    size_t ncompetencies;
    bool has_refs; /* update: assignments/competencies given (replace both) */
};
int app_evidence_create(struct app_req *r, const char *worker, const struct evidence_input *in,
                        json_t **out, int64_t *version);
int app_evidence_get(struct app_req *r, const char *worker, const char *id, json_t **out,
                     int64_t *version);
/* PD_ESTALE: *out is the current item. */
int app_evidence_update(struct app_req *r, const char *worker, const char *id, int64_t version,
                        const struct evidence_input *in, json_t **out, int64_t *new_version);
int app_evidence_delete(struct app_req *r, const char *worker, const char *id);
/* The bytes of a file item (arena), its stored type and name. */
int app_evidence_file(struct app_req *r, const char *worker, const char *id, const void **data,
                      size_t *len, const char **content_type, const char **file_name);

/* A trainer's feedback on one item (evidence_id) or one unit (unit). */
int app_feedback_create(struct app_req *r, const char *worker, const char *evidence_id,
                        const char *unit, const char *body, json_t **out);
/* A trainer of the owner signs a unit off, with a note. */
int app_signoff_create(struct app_req *r, const char *worker, const char *unit, const char *note,
                       json_t **out, int64_t *version);
/* A trainer of the owner withdraws a standing sign-off with a reason (history kept). */
int app_signoff_withdraw(struct app_req *r, const char *worker, const char *id, int64_t version,
                         const char *reason, json_t **out, int64_t *new_version);

/* Demo content: evidence, feedback and a sign-off for the demo students (init --demo),
 * inside the caller's transaction. Appends a line to out. */
struct buf;
int app_learning_demo_seed(struct app_req *r, const char *org_id, struct buf *out);

#endif
