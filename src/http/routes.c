/*
 * routes.c: the route table: every operation of the API in one place. Dispatch, the role
 * and CSRF checks, the audit-declaration guard and the OpenAPI document are all read from
 * here. Adding an operation is one line here plus its handler in h_<noun>.c.
 *
 * Client-data prefixes: anything under these paths reaches client data (or the audit log
 * about it), so http_routes_validate refuses such a route without an audit event, and the
 * server will not start with it (SECURITY.md 1).
 */
#include "../domain/role.h"
#include "h_groups.h"
#include "h_intervision.h"
#include "h_learning.h"
#include "h_readiness.h"
#include "h_reports.h"
#include "h_research.h"
#include "h_rights.h"
#include "h_story.h"
#include "h_support.h"
#include "h_time.h"
#include "handlers.h"
#include "http_int.h"

const char *const http_client_data_prefixes[] = {
    "/api/v1/clients", "/api/v1/dossiers",      "/api/v1/assignments",      "/api/v1/requests",
    "/api/v1/notes",   "/api/v1/consultations", "/api/v1/case-discussions", "/api/v1/break-glass",
    "/api/v1/audit",   "/api/v1/search",        "/api/v1/exports",          NULL,
};

const struct route http_routes[] = {
    {"GET", "/healthz", h_health_get, 0, ROUTE_AUTH_NONE, NULL, ROUTE_NO_DB, NULL, &h_schema_health,
     200, "Liveness and version", "system"},
    {"GET", "/api/v1/openapi.json", h_openapi_get, 0, ROUTE_AUTH_NONE, NULL, ROUTE_NO_DB, NULL,
     NULL, 200, "This OpenAPI document", "system"},
    {"POST", "/api/v1/session", h_session_create, 0, ROUTE_AUTH_NONE, NULL, ROUTE_NO_CSRF,
     &h_schema_session_create, &h_schema_session_grant, 200, "Log in with email and password",
     "session"},
    {"DELETE", "/api/v1/session", h_session_delete, ROLE_ALL, ROUTE_AUTH_ANY_LEVEL, NULL, 0, NULL,
     NULL, 204, "Log out", "session"},
    {"POST", "/api/v1/session/totp", h_session_totp, ROLE_ALL, ROUTE_AUTH_ANY_LEVEL, NULL, 0,
     &h_schema_totp_code, &h_schema_session_grant, 200, "Second login step: the TOTP code",
     "session"},
    {"GET", "/api/v1/me", h_me_get, ROLE_ALL, ROUTE_AUTH_ANY_LEVEL, NULL, 0, NULL, &h_schema_me,
     200, "The logged-in worker and session level", "me"},
    {"POST", "/api/v1/me/totp", h_me_totp_enrol, ROLE_ALL, ROUTE_AUTH_ANY_LEVEL, NULL, 0, NULL,
     &h_schema_totp_enrolment, 200, "Start setting up the TOTP second factor", "me"},
    {"POST", "/api/v1/me/totp/verify", h_me_totp_verify, ROLE_ALL, ROUTE_AUTH_ANY_LEVEL, NULL, 0,
     &h_schema_totp_code, &h_schema_session_grant, 200,
     "Confirm the TOTP set-up with a code; the session becomes full", "me"},
    {"GET", "/api/v1/users", h_users_list, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_user_page, 200, "Workers of the organisation, by email (?after=&limit=)", "admin"},
    {"POST", "/api/v1/users", h_users_create, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0,
     &h_schema_user_create, &h_schema_worker, 201, "Add a worker with one or more roles", "admin"},
    {"GET", "/api/v1/areas", h_areas_list, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_area_list, 200, "Clusters, wijken and buurten of the organisation", "places"},
    {"POST", "/api/v1/areas", h_areas_create, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0,
     &h_schema_area_create, &h_schema_area, 201, "Add an area", "places"},
    {"GET", "/api/v1/teams", h_teams_list, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_team_list, 200, "Teams of the organisation", "places"},
    {"POST", "/api/v1/teams", h_teams_create, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0,
     &h_schema_team_create, &h_schema_team, 201, "Add a team", "places"},

    /* ---- vocabularies (h_vocab.c) ---- */
    {"GET", "/api/v1/vocabularies", h_vocab_list, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_vocab_list, 200, "Every code table of the organisation, with labels",
     "vocabularies"},
    {"GET", "/api/v1/vocabularies/{vocab}", h_vocab_get, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_vocab, 200, "One code table, active and deactivated codes", "vocabularies"},
    {"POST", "/api/v1/vocabularies/{vocab}", h_vocab_add, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0,
     &h_schema_vocab_code_add, &h_schema_vocab_code, 201, "Add a code", "vocabularies"},
    {"PATCH", "/api/v1/vocabularies/{vocab}/{code}", h_vocab_patch, ROLE_ADMIN, ROUTE_AUTH_FULL,
     NULL, 0, &h_schema_vocab_code_patch, &h_schema_vocab_code, 200,
     "Change labels or (de)activate a code (If-Match)", "vocabularies"},

    /* ---- clients, dossiers, assignments, consent (h_clients.c, h_dossiers.c) ---- */
    {"POST", "/api/v1/teams/{id}/members", h_team_members_add, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0,
     &h_schema_team_member_add, &h_schema_team_member, 201, "Put a worker in a team", "places"},
    {"POST", "/api/v1/clients", h_clients_create, ROLE_GENERALIST, ROUTE_AUTH_FULL, "client.create",
     ROUTE_CLIENT_DATA, &h_schema_client_create, &h_schema_client_created, 201,
     "Register a client and open their dossier", "dossiers"},
    {"GET", "/api/v1/clients/{id}", h_clients_get, ROLE_CASEWORK, ROUTE_AUTH_FULL, "client.read",
     ROUTE_CLIENT_DATA, NULL, &h_schema_client, 200,
     "A client reached through one of their dossiers (ETag)", "dossiers"},
    {"PATCH", "/api/v1/clients/{id}", h_clients_patch, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "client.update", ROUTE_CLIENT_DATA, &h_schema_client_patch, &h_schema_client, 200,
     "Change a client's optional details (If-Match)", "dossiers"},
    {"GET", "/api/v1/dossiers", h_dossiers_list, ROLE_CASEWORK, ROUTE_AUTH_FULL, "dossier.list",
     ROUTE_CLIENT_DATA, NULL, &h_schema_dossier_page, 200, "My dossiers (?status=&after=&limit=)",
     "dossiers"},
    {"GET", "/api/v1/dossiers/{id}", h_dossiers_get, ROLE_CASEWORK, ROUTE_AUTH_FULL, "dossier.read",
     ROUTE_CLIENT_DATA, NULL, &h_schema_dossier, 200,
     "A dossier with client, workers and consent (ETag)", "dossiers"},
    {"PATCH", "/api/v1/dossiers/{id}", h_dossiers_patch, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "dossier.update", ROUTE_CLIENT_DATA, &h_schema_dossier_patch, &h_schema_dossier, 200,
     "Change goal type, area, keep-warm (If-Match)", "dossiers"},
    {"POST", "/api/v1/dossiers/{id}/responsible", h_dossiers_responsible, ROLE_CASEWORK,
     ROUTE_AUTH_FULL, "dossier.responsible", ROUTE_CLIENT_DATA, &h_schema_dossier_responsible,
     &h_schema_dossier, 200, "Hand over final responsibility (If-Match)", "dossiers"},
    {"POST", "/api/v1/dossiers/{id}/assignments", h_dossiers_assign, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "assignment.create", ROUTE_CLIENT_DATA, &h_schema_assignment_add, &h_schema_assignment, 201,
     "Assign a generalist or bridging expert", "dossiers"},
    {"POST", "/api/v1/dossiers/{id}/consents", h_dossiers_consent, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "consent.create", ROUTE_CLIENT_DATA, &h_schema_consent_add, &h_schema_consent, 201,
     "Record the client's consent", "dossiers"},
    {"POST", "/api/v1/assignments/{id}/intensity", h_assignments_intensity, ROLE_CASEWORK,
     ROUTE_AUTH_FULL, "assignment.intensity", ROUTE_CLIENT_DATA, &h_schema_intensity,
     &h_schema_assignment, 200, "Scale an assignment up or down (If-Match)", "dossiers"},
    {"POST", "/api/v1/assignments/{id}/end", h_assignments_end, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "assignment.end", ROUTE_CLIENT_DATA, &h_schema_assignment_end, &h_schema_assignment, 200,
     "End an assignment (If-Match)", "dossiers"},

    /* ---- experience profiles, requests, matching (h_profiles.c, h_requests.c) ---- */
    {"GET", "/api/v1/me/profile", h_profile_get, ROLE_EXPERT, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_profile, 200, "My experience profile (defaults, version 0, until saved)", "experts"},
    {"PUT", "/api/v1/me/profile", h_profile_put, ROLE_EXPERT, ROUTE_AUTH_FULL, NULL, 0,
     &h_schema_profile_put, &h_schema_profile, 200,
     "Replace my experience profile (If-Match once saved)", "experts"},
    {"GET", "/api/v1/experts", h_experts_list, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_expert_page, 200,
     "Directory of experts: items as each expert chose to show them (?after=&limit=)", "experts"},
    {"GET", "/api/v1/match-weights", h_weights_get, ROLE_COORDINATOR | ROLE_ADMIN, ROUTE_AUTH_FULL,
     NULL, 0, NULL, &h_schema_weights, 200, "Matching weights", "requests"},
    {"PUT", "/api/v1/match-weights", h_weights_put, ROLE_COORDINATOR | ROLE_ADMIN, ROUTE_AUTH_FULL,
     NULL, 0, &h_schema_weights_put, &h_schema_weights, 200,
     "Set the matching weights (If-Match once stored)", "requests"},
    {"POST", "/api/v1/dossiers/{id}/requests", h_request_create, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "request.create", ROUTE_CLIENT_DATA, &h_schema_request_create, &h_schema_request, 201,
     "Ask for an experience expert on a dossier", "requests"},
    {"GET", "/api/v1/requests", h_request_queue, ROLE_CASEWORK, ROUTE_AUTH_FULL, "request.list",
     ROUTE_CLIENT_DATA, NULL, &h_schema_request_page, 200,
     "The coordinators' queue: summaries (?status=&after=&limit=)", "requests"},
    {"GET", "/api/v1/requests/{id}", h_request_get, ROLE_CASEWORK, ROUTE_AUTH_FULL, "request.read",
     ROUTE_CLIENT_DATA, NULL, &h_schema_request, 200,
     "A request: whole for the requester side, the summary for coordinators", "requests"},
    {"POST", "/api/v1/requests/{id}/review", h_request_review, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "request.review", ROUTE_CLIENT_DATA, NULL, &h_schema_request_summary, 200,
     "Take a submitted request into review (If-Match)", "requests"},
    {"GET", "/api/v1/requests/{id}/matches", h_request_matches, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "request.match", ROUTE_CLIENT_DATA, NULL, &h_schema_match_list, 200,
     "Experts ranked for a request, with a per-factor explanation and unmet codes", "requests"},
    {"POST", "/api/v1/requests/{id}/decision", h_request_decide, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "request.decide", ROUTE_CLIENT_DATA, &h_schema_request_decision, &h_schema_request_summary,
     200,
     "Decide a request in review: assigned (creates the assignment), advice_only, redirected, "
     "declined (If-Match)",
     "requests"},

    /* ---- dossier timeline: notes, evaluations, referrals, bridging, closing, search
     *      (h_notes.c, h_timeline.c, h_search.c) ---- */
    {"POST", "/api/v1/dossiers/{id}/notes", h_notes_create, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "note.create", ROUTE_CLIENT_DATA, &h_schema_note_create, &h_schema_note, 201,
     "Write a contact note or contact attempt", "timeline"},
    {"GET", "/api/v1/notes/{id}", h_notes_get, ROLE_GENERALIST | ROLE_EXPERT, ROUTE_AUTH_FULL,
     "note.read", ROUTE_CLIENT_DATA, NULL, &h_schema_note, 200, "A contact note (ETag)",
     "timeline"},
    {"PATCH", "/api/v1/notes/{id}", h_notes_patch, ROLE_GENERALIST | ROLE_EXPERT, ROUTE_AUTH_FULL,
     "note.update", ROUTE_CLIENT_DATA, &h_schema_note_patch, &h_schema_note, 200,
     "Change my own note (If-Match)", "timeline"},
    {"GET", "/api/v1/dossiers/{id}/timeline", h_timeline_get, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "timeline.read", ROUTE_CLIENT_DATA, NULL, &h_schema_timeline, 200,
     "Notes, evaluations, referrals, bridging, intensity, requests, closings: newest first "
     "(?after=&limit=)",
     "timeline"},
    {"POST", "/api/v1/dossiers/{id}/evaluations", h_evaluations_create,
     ROLE_GENERALIST | ROLE_EXPERT, ROUTE_AUTH_FULL, "evaluation.create", ROUTE_CLIENT_DATA,
     &h_schema_evaluation_plan, &h_schema_evaluation, 201, "Plan an evaluation", "timeline"},
    {"PATCH", "/api/v1/dossiers/{id}/evaluations/{eid}", h_evaluations_patch,
     ROLE_GENERALIST | ROLE_EXPERT, ROUTE_AUTH_FULL, "evaluation.update", ROUTE_CLIENT_DATA,
     &h_schema_evaluation_held, &h_schema_evaluation, 200,
     "Record that an evaluation was held (If-Match)", "timeline"},
    {"POST", "/api/v1/dossiers/{id}/referrals", h_referrals_create, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "referral.create", ROUTE_CLIENT_DATA, &h_schema_referral_create,
     &h_schema_referral, 201, "Record a referral to an external service", "timeline"},
    {"POST", "/api/v1/dossiers/{id}/bridging", h_bridging_create, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "bridging.create", ROUTE_CLIENT_DATA, &h_schema_bridging_create,
     &h_schema_bridging, 201, "Start bridging a waiting list", "timeline"},
    {"POST", "/api/v1/dossiers/{id}/bridging/{bid}/end", h_bridging_end,
     ROLE_GENERALIST | ROLE_EXPERT, ROUTE_AUTH_FULL, "bridging.end", ROUTE_CLIENT_DATA,
     &h_schema_bridging_end, &h_schema_bridging, 200, "End a bridging period (If-Match optional)",
     "timeline"},
    {"POST", "/api/v1/bridging/{id}/end", h_bridging_end, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "bridging.end", ROUTE_CLIENT_DATA, &h_schema_bridging_end, &h_schema_bridging,
     200, "End a bridging period (If-Match optional)", "timeline"},
    {"POST", "/api/v1/dossiers/{id}/close", h_dossiers_close, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "dossier.close", ROUTE_CLIENT_DATA, &h_schema_dossier_close,
     &h_schema_dossier_summary, 200,
     "Close with reason and outcomes; ends running assignments and bridging (If-Match)",
     "timeline"},
    {"POST", "/api/v1/dossiers/{id}/reopen", h_dossiers_reopen, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "dossier.reopen", ROUTE_CLIENT_DATA, &h_schema_dossier_reopen,
     &h_schema_dossier_summary, 200, "Reopen on re-registration (If-Match)", "timeline"},
    {"GET", "/api/v1/me/evaluations-due", h_evaluations_due, ROLE_GENERALIST | ROLE_EXPERT,
     ROUTE_AUTH_FULL, "evaluation.due", ROUTE_CLIENT_DATA, NULL, &h_schema_evaluation_due_page, 200,
     "My dossiers that call for an evaluation", "timeline"},
    {"GET", "/api/v1/search", h_search_get, ROLE_GENERALIST | ROLE_EXPERT, ROUTE_AUTH_FULL,
     "search", ROUTE_CLIENT_DATA, NULL, &h_schema_search, 200,
     "Search the notes I may read (?q=&limit=, at most 20)", "timeline"},

    /* ---- consultations, case discussions, break-the-glass (h_consult.c, h_breakglass.c) */
    {"POST", "/api/v1/consultations", h_consult_create, ROLE_EXPERT, ROUTE_AUTH_FULL,
     "consultation.create", ROUTE_CLIENT_DATA, &h_schema_consultation_create,
     &h_schema_consultation, 201,
     "Log a consultation: channel, theme, summary and response are enough", "consultations"},
    {"GET", "/api/v1/consultations", h_consult_list, ROLE_EXPERT | ROLE_COORDINATOR,
     ROUTE_AUTH_FULL, "consultation.list", ROUTE_CLIENT_DATA, NULL, &h_schema_consultation_page,
     200, "My consultations; ?all=1: the expert team's, without text (?after=&limit=)",
     "consultations"},
    {"GET", "/api/v1/consultations/{id}", h_consult_get, ROLE_EXPERT | ROLE_COORDINATOR,
     ROUTE_AUTH_FULL, "consultation.read", ROUTE_CLIENT_DATA, NULL, &h_schema_consultation, 200,
     "One of my consultations (ETag)", "consultations"},
    {"PATCH", "/api/v1/consultations/{id}", h_consult_patch, ROLE_EXPERT | ROLE_COORDINATOR,
     ROUTE_AUTH_FULL, "consultation.update", ROUTE_CLIENT_DATA, &h_schema_consultation_patch,
     &h_schema_consultation, 200, "Change one of my consultations (If-Match)", "consultations"},
    {"POST", "/api/v1/case-discussions", h_discussion_create, ROLE_EXPERT | ROLE_COORDINATOR,
     ROUTE_AUTH_FULL, "case_discussion.create", ROUTE_CLIENT_DATA, &h_schema_discussion_create,
     &h_schema_discussion, 201, "Record a case discussion and its outcome", "consultations"},
    {"GET", "/api/v1/case-discussions", h_discussion_list, ROLE_EXPERT | ROLE_COORDINATOR,
     ROUTE_AUTH_FULL, "case_discussion.list", ROUTE_CLIENT_DATA, NULL, &h_schema_discussion_page,
     200, "Case discussions I attended or recorded (?after=&limit=)", "consultations"},
    {"POST", "/api/v1/break-glass", h_break_glass_start, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "break_glass.start", ROUTE_CLIENT_DATA, &h_schema_break_glass_start, &h_schema_break_glass,
     201, "Break the glass: read one client's dossiers for a while, with a reason and the password",
     "break-glass"},
    {"DELETE", "/api/v1/break-glass/{id}", h_break_glass_stop, ROLE_CASEWORK, ROUTE_AUTH_FULL,
     "break_glass.stop", ROUTE_CLIENT_DATA, NULL, &h_schema_break_glass, 200, "End my grant early",
     "break-glass"},
    {"GET", "/api/v1/break-glass/review", h_break_glass_queue, ROLE_PRIVACY_OFFICER,
     ROUTE_AUTH_FULL, "break_glass.queue", ROUTE_CLIENT_DATA, NULL, &h_schema_break_glass_page, 200,
     "Grants waiting for review, oldest first (?after=&limit=)", "break-glass"},
    {"POST", "/api/v1/break-glass/{id}/review", h_break_glass_review, ROLE_PRIVACY_OFFICER,
     ROUTE_AUTH_FULL, "break_glass.review", ROUTE_CLIENT_DATA, &h_schema_break_glass_review,
     &h_schema_break_glass, 200, "Review a grant: justified or not, with a note (If-Match)",
     "break-glass"},

    /* ---- audit log and access reports for the privacy officer (h_audit.c) ---- */
    {"GET", "/api/v1/audit", h_audit_list, ROLE_PRIVACY_OFFICER, ROUTE_AUTH_FULL, "audit.read",
     ROUTE_CLIENT_DATA, NULL, &h_schema_audit_page, 200,
     "The organisation's audit log, newest first "
     "(?before=&limit=&event=&outcome=&actor_id=&client_id=&from=&to=)",
     "audit"},
    {"GET", "/api/v1/audit/access-report", h_audit_access_report, ROLE_PRIVACY_OFFICER,
     ROUTE_AUTH_FULL, "audit.access_report", ROUTE_CLIENT_DATA, NULL, &h_schema_access_report, 200,
     "NEN 7513 access report of one client, oldest first (?client_code= or ?client_id=)", "audit"},
    {"GET", "/api/v1/clients/{id}/export", h_client_export, ROLE_PRIVACY_OFFICER, ROUTE_AUTH_FULL,
     "client.export", ROUTE_CLIENT_DATA, NULL, &h_schema_client_export, 200,
     "Everything about one client with the access report, as a JSON attachment (right of access)",
     "audit"},
    {"GET", "/api/v1/clients/{id}/export.html", h_client_export_html, ROLE_PRIVACY_OFFICER,
     ROUTE_AUTH_FULL, "client.export", ROUTE_CLIENT_DATA, NULL, NULL, 200,
     "The same export as a printable HTML attachment (text/html)", "audit"},

    /* ---- my preferences; administering workers and teams (h_me.c, h_users.c) ---- */
    {"PATCH", "/api/v1/me", h_me_patch, ROLE_ALL, ROUTE_AUTH_ANY_LEVEL, NULL, 0, &h_schema_me_patch,
     &h_schema_me, 200, "Choose my UI language (nl, en)", "me"},
    {"GET", "/api/v1/users/{id}", h_users_get, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_user, 200, "A worker of the organisation (ETag)", "admin"},
    {"PATCH", "/api/v1/users/{id}", h_users_patch, ROLE_ADMIN, ROUTE_AUTH_FULL, NULL, 0,
     &h_schema_user_patch, &h_schema_user, 200,
     "Rename, change roles, disable or enable a worker (If-Match); disabling ends their sessions",
     "admin"},
    {"GET", "/api/v1/colleagues", h_colleagues_list, ROLE_CASEWORK, ROUTE_AUTH_FULL, NULL, 0, NULL,
     &h_schema_team_member_list, 200,
     "Active generalists, experts and coordinators: id, name, roles (for choosing a colleague)",
     "places"},
    {"GET", "/api/v1/teams/{id}/members", h_team_members_list, ROLE_ALL, ROUTE_AUTH_FULL, NULL, 0,
     NULL, &h_schema_team_member_list, 200, "Members of a team: id, name, roles", "places"},
    {"DELETE", "/api/v1/teams/{id}/members/{worker_id}", h_team_members_remove, ROLE_ADMIN,
     ROUTE_AUTH_FULL, NULL, 0, NULL, NULL, 204, "Take a worker out of a team", "places"},

/* Leren en Reflectie (issue 5): one fragment per part, each next to its handlers. */
#include "routes_groups.inc"
#include "routes_learning.inc"
#include "routes_story.inc"
#include "routes_intervision.inc"
#include "routes_support.inc"
#include "routes_readiness.inc"
#include "routes_reports.inc"
#include "routes_time.inc"
#include "routes_research.inc"
#include "routes_rights.inc"
};

const size_t http_route_count = sizeof(http_routes) / sizeof(http_routes[0]);
