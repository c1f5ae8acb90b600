/* h_learning.h: handlers and schemas for routes_learning.inc (h_learning.c): the
 * curriculum framework with the institution's additions, and the learning portfolio. */
#ifndef PD_HTTP_H_LEARNING_H
#define PD_HTTP_H_LEARNING_H

#include "route.h"

int h_curriculum_get(struct http_req *req);
int h_curriculum_unit_get(struct http_req *req);
int h_local_unit_create(struct http_req *req);
int h_local_unit_patch(struct http_req *req);
int h_local_assignment_create(struct http_req *req);
int h_local_assignment_patch(struct http_req *req);
int h_learning_students(struct http_req *req);
int h_portfolio_get(struct http_req *req);
int h_evidence_create(struct http_req *req);
int h_evidence_get(struct http_req *req);
int h_evidence_patch(struct http_req *req);
int h_evidence_delete(struct http_req *req);
int h_evidence_file(struct http_req *req);
int h_feedback_create(struct http_req *req);
int h_signoff_create(struct http_req *req);
int h_signoff_withdraw(struct http_req *req);

extern const struct jschema h_schema_curriculum, h_schema_cur_unit, h_schema_cur_assignment,
    h_schema_local_unit_create, h_schema_local_unit_patch, h_schema_local_assignment_create,
    h_schema_local_assignment_patch, h_schema_learners, h_schema_portfolio, h_schema_evidence,
    h_schema_evidence_create, h_schema_evidence_patch, h_schema_feedback, h_schema_feedback_create,
    h_schema_signoff, h_schema_signoff_create, h_schema_signoff_withdraw;

#endif
