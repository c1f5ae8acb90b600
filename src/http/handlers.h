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

/* h_vocab.c */
int h_vocab_list(struct http_req *req);
int h_vocab_get(struct http_req *req);
int h_vocab_add(struct http_req *req);
int h_vocab_patch(struct http_req *req);
extern const struct jschema h_schema_vocab_code;
extern const struct jschema h_schema_vocab;
extern const struct jschema h_schema_vocab_list;
extern const struct jschema h_schema_vocab_code_add;
extern const struct jschema h_schema_vocab_code_patch;

/* ---- clients, dossiers, assignments, consent ---- */

/* h_team_members.c */
int h_team_members_add(struct http_req *req);
extern const struct jschema h_schema_team_member_add;
extern const struct jschema h_schema_team_member;

/* h_clients.c */
int h_clients_create(struct http_req *req);
int h_clients_get(struct http_req *req);
int h_clients_patch(struct http_req *req);
extern const struct jschema h_schema_client;
extern const struct jschema h_schema_client_create;
extern const struct jschema h_schema_client_patch;
extern const struct jschema h_schema_client_created;

/* h_dossiers.c */
int h_dossiers_list(struct http_req *req);
int h_dossiers_get(struct http_req *req);
int h_dossiers_patch(struct http_req *req);
int h_dossiers_responsible(struct http_req *req);
int h_dossiers_assign(struct http_req *req);
int h_dossiers_consent(struct http_req *req);
int h_assignments_intensity(struct http_req *req);
int h_assignments_end(struct http_req *req);
extern const struct jschema h_schema_dossier_summary;
extern const struct jschema h_schema_dossier;
extern const struct jschema h_schema_dossier_page;
extern const struct jschema h_schema_dossier_patch;
extern const struct jschema h_schema_dossier_responsible;
extern const struct jschema h_schema_intensity;
extern const struct jschema h_schema_assignment;
extern const struct jschema h_schema_assignment_add;
extern const struct jschema h_schema_assignment_end;
extern const struct jschema h_schema_consent;
extern const struct jschema h_schema_consent_add;

/* ---- experience profiles, requests, matching ---- */

/* h_profiles.c */
int h_profile_get(struct http_req *req);
int h_profile_put(struct http_req *req);
int h_experts_list(struct http_req *req);
int h_weights_get(struct http_req *req);
int h_weights_put(struct http_req *req);
extern const struct jschema h_schema_profile;
extern const struct jschema h_schema_profile_put;
extern const struct jschema h_schema_expert_page;
extern const struct jschema h_schema_weights;
extern const struct jschema h_schema_weights_put;

/* h_requests.c */
int h_request_create(struct http_req *req);
int h_request_queue(struct http_req *req);
int h_request_get(struct http_req *req);
int h_request_review(struct http_req *req);
int h_request_matches(struct http_req *req);
int h_request_decide(struct http_req *req);
extern const struct jschema h_schema_request_create;
extern const struct jschema h_schema_request;
extern const struct jschema h_schema_request_summary;
extern const struct jschema h_schema_request_page;
extern const struct jschema h_schema_request_decision;
extern const struct jschema h_schema_match_list;

/* ---- dossier timeline: notes, evaluations, referrals, bridging, closing, search ---- */

/* h_notes.c */
int h_notes_create(struct http_req *req);
int h_notes_get(struct http_req *req);
int h_notes_patch(struct http_req *req);
int h_evaluations_create(struct http_req *req);
int h_evaluations_patch(struct http_req *req);
int h_referrals_create(struct http_req *req);
int h_bridging_create(struct http_req *req);
int h_bridging_end(struct http_req *req);
int h_dossiers_close(struct http_req *req);
int h_dossiers_reopen(struct http_req *req);
extern const struct jschema h_schema_note;
extern const struct jschema h_schema_note_create;
extern const struct jschema h_schema_note_patch;
extern const struct jschema h_schema_evaluation;
extern const struct jschema h_schema_evaluation_plan;
extern const struct jschema h_schema_evaluation_held;
extern const struct jschema h_schema_referral;
extern const struct jschema h_schema_referral_create;
extern const struct jschema h_schema_bridging;
extern const struct jschema h_schema_bridging_create;
extern const struct jschema h_schema_bridging_end;
extern const struct jschema h_schema_dossier_close;
extern const struct jschema h_schema_dossier_reopen;

/* h_timeline.c */
int h_timeline_get(struct http_req *req);
int h_evaluations_due(struct http_req *req);
int h_search_get(struct http_req *req);
extern const struct jschema h_schema_timeline;
extern const struct jschema h_schema_evaluation_due_page;
extern const struct jschema h_schema_search;

/* ---- consultations, case discussions, break-the-glass ---- */

/* h_consult.c */
int h_consult_create(struct http_req *req);
int h_consult_list(struct http_req *req);
int h_consult_get(struct http_req *req);
int h_consult_patch(struct http_req *req);
int h_discussion_create(struct http_req *req);
int h_discussion_list(struct http_req *req);
extern const struct jschema h_schema_consultation;
extern const struct jschema h_schema_consultation_create;
extern const struct jschema h_schema_consultation_patch;
extern const struct jschema h_schema_consultation_page;
extern const struct jschema h_schema_discussion;
extern const struct jschema h_schema_discussion_create;
extern const struct jschema h_schema_discussion_page;

/* h_breakglass.c */
int h_break_glass_start(struct http_req *req);
int h_break_glass_stop(struct http_req *req);
int h_break_glass_queue(struct http_req *req);
int h_break_glass_review(struct http_req *req);
extern const struct jschema h_schema_break_glass;
extern const struct jschema h_schema_break_glass_start;
extern const struct jschema h_schema_break_glass_page;
extern const struct jschema h_schema_break_glass_review;

/* h_audit.c */
int h_audit_list(struct http_req *req);
int h_audit_access_report(struct http_req *req);
extern const struct jschema h_schema_audit_entry;
extern const struct jschema h_schema_audit_page;
extern const struct jschema h_schema_access_report;

/* h_export.c */
int h_client_export(struct http_req *req);
int h_client_export_html(struct http_req *req);
extern const struct jschema h_schema_client_export;

/* h_me.c, h_users.c: preferences and worker administration */
int h_me_patch(struct http_req *req);
int h_users_get(struct http_req *req);
int h_users_patch(struct http_req *req);
int h_team_members_list(struct http_req *req);
int h_colleagues_list(struct http_req *req);
int h_team_members_remove(struct http_req *req);
extern const struct jschema h_schema_me_patch;
extern const struct jschema h_schema_user;
extern const struct jschema h_schema_user_patch;
extern const struct jschema h_schema_team_member_list;

#endif
