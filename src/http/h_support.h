/* h_support.h: handlers and schemas for routes_support.inc: coaching (h_coaching.c),
 * disclosure reflections (h_reflection.c) and training for generalists (h_training.c). */
#ifndef PD_HTTP_H_SUPPORT_H
#define PD_HTTP_H_SUPPORT_H

#include "route.h"

/* h_coaching.c */
int h_coaching_links_list(struct http_req *req);
int h_coaching_links_create(struct http_req *req);
int h_coaching_links_end(struct http_req *req);
int h_coaching_candidates(struct http_req *req);
int h_coaching_overdue(struct http_req *req);
int h_coaching_compliance(struct http_req *req);
int h_coaching_conv_list(struct http_req *req);
int h_coaching_conv_create(struct http_req *req);
int h_coaching_conv_patch(struct http_req *req);
int h_coaching_note_list(struct http_req *req);
int h_coaching_note_create(struct http_req *req);
int h_coaching_note_patch(struct http_req *req);
extern const struct jschema h_schema_coaching_link;
extern const struct jschema h_schema_coaching_link_list;
extern const struct jschema h_schema_coaching_link_create;
extern const struct jschema h_schema_coaching_conv;
extern const struct jschema h_schema_coaching_conv_list;
extern const struct jschema h_schema_coaching_conv_create;
extern const struct jschema h_schema_coaching_conv_patch;
extern const struct jschema h_schema_coaching_note;
extern const struct jschema h_schema_coaching_note_list;
extern const struct jschema h_schema_coaching_note_create;
extern const struct jschema h_schema_coaching_note_patch;
extern const struct jschema h_schema_coaching_compliance;

/* h_reflection.c */
int h_reflection_create(struct http_req *req);
int h_reflection_list(struct http_req *req);
int h_reflection_get(struct http_req *req);
int h_reflection_patch(struct http_req *req);
int h_reflection_delete(struct http_req *req);
int h_reflection_share(struct http_req *req);
int h_reflection_unshare(struct http_req *req);
extern const struct jschema h_schema_reflection;
extern const struct jschema h_schema_reflection_page;
extern const struct jschema h_schema_reflection_create;
extern const struct jschema h_schema_reflection_patch;

/* h_training.c */
int h_training_list(struct http_req *req);
int h_training_create(struct http_req *req);
int h_training_get(struct http_req *req);
int h_training_patch(struct http_req *req);
int h_training_attendance(struct http_req *req);
int h_training_generalists(struct http_req *req);
int h_training_not_attended(struct http_req *req);
int h_training_coverage(struct http_req *req);
extern const struct jschema h_schema_training_session;
extern const struct jschema h_schema_training_session_list;
extern const struct jschema h_schema_training_session_create;
extern const struct jschema h_schema_training_session_patch;
extern const struct jschema h_schema_training_attendance;
extern const struct jschema h_schema_training_generalists;
extern const struct jschema h_schema_training_coverage;

#endif
