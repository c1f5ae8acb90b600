/*
 * handlers.h: the handlers and JSON schemas that routes.c puts in the table. One file per
 * noun (h_health.c, h_session.c, h_me.c, h_openapi.c); each defines its handlers and the
 * schemas of their bodies next to them, so a change to a body and to its schema is one
 * edit. Handlers follow the contract of route.h; schemas are static, read-only data.
 */
#ifndef PD_HTTP_HANDLERS_H
#define PD_HTTP_HANDLERS_H

#include "route.h"

/* h_health.c */
int h_health_get(struct http_req *req);
extern const struct jschema h_schema_health;

/* h_openapi.c */
int h_openapi_get(struct http_req *req);

/* h_session.c */
int h_session_create(struct http_req *req);
int h_session_delete(struct http_req *req);
int h_session_totp(struct http_req *req);
extern const struct jschema h_schema_session_create; /* {email, password} */
extern const struct jschema h_schema_totp_code;      /* {code} */
extern const struct jschema h_schema_session_grant;  /* the login answer */
extern const struct jschema h_schema_worker;         /* worker_to_json */
/* The login answer for a grant (also used by /me/totp/verify): sets the cookie. */
int h_session_reply_grant(struct http_req *req, const struct session_grant *g);
const char *h_level_code(enum session_level l);

/* h_me.c */
int h_me_get(struct http_req *req);
int h_me_totp_enrol(struct http_req *req);
int h_me_totp_verify(struct http_req *req);
extern const struct jschema h_schema_me;
extern const struct jschema h_schema_totp_enrolment;

/* h_users.c */
int h_users_list(struct http_req *req);
int h_users_create(struct http_req *req);
extern const struct jschema h_schema_user_create;
extern const struct jschema h_schema_user_page;
/* ?limit= within 1..LIMIT_PAGE_MAX (default LIMIT_PAGE_DEFAULT); PD_EINVAL names "limit". */
int h_page_limit(struct http_req *req, int *limit);

/* h_places.c */
int h_areas_list(struct http_req *req);
int h_areas_create(struct http_req *req);
int h_teams_list(struct http_req *req);
int h_teams_create(struct http_req *req);
extern const struct jschema h_schema_area;
extern const struct jschema h_schema_area_create;
extern const struct jschema h_schema_area_list;
extern const struct jschema h_schema_team;
extern const struct jschema h_schema_team_create;
extern const struct jschema h_schema_team_list;

/* ---- vocabularies ---- */

/* ---- clients, dossiers, assignments, consent ---- */

/* ---- experience profiles, requests, matching ---- */

/* ---- dossier timeline: notes, evaluations, referrals, bridging, closing, search ---- */

/* ---- consultations, case discussions, break-the-glass ---- */

#endif
