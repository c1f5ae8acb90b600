/* h_intervision.h: handlers and schemas for routes_intervision.inc. */
#ifndef PD_HTTP_H_INTERVISION_H
#define PD_HTTP_H_INTERVISION_H

#include "../app/intervision.h"
#include "route.h"

/* h_intervision.c */
int h_iv_themes(struct http_req *req);
int h_iv_group_list(struct http_req *req);
int h_iv_group_create(struct http_req *req);
int h_iv_group_get(struct http_req *req);
int h_iv_member_add(struct http_req *req);
int h_iv_member_remove(struct http_req *req);
int h_iv_participation_start(struct http_req *req);
int h_iv_participation_end(struct http_req *req);
int h_iv_session_create(struct http_req *req);
int h_iv_session_get(struct http_req *req);
int h_iv_session_patch(struct http_req *req);
int h_iv_decision(struct http_req *req);
int h_iv_agenda_add(struct http_req *req);
int h_iv_agenda_delete(struct http_req *req);
int h_iv_case_add(struct http_req *req);
int h_iv_feedback_add(struct http_req *req);
int h_iv_round_close(struct http_req *req);
int h_iv_reflection(struct http_req *req);

extern const struct jschema h_schema_iv_theme_list;
extern const struct jschema h_schema_iv_group;
extern const struct jschema h_schema_iv_group_list;
extern const struct jschema h_schema_iv_group_create;
extern const struct jschema h_schema_iv_member_add;
extern const struct jschema h_schema_iv_participation;
extern const struct jschema h_schema_iv_session;
extern const struct jschema h_schema_iv_session_create;
extern const struct jschema h_schema_iv_session_patch;
extern const struct jschema h_schema_iv_decision;
extern const struct jschema h_schema_iv_agenda_item;
extern const struct jschema h_schema_iv_agenda_add;
extern const struct jschema h_schema_iv_case;
extern const struct jschema h_schema_iv_case_add;
extern const struct jschema h_schema_iv_feedback_add;
extern const struct jschema h_schema_iv_reflection;

#endif
