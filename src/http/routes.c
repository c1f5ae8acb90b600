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

    /* ---- clients, dossiers, assignments, consent (h_clients.c, h_dossiers.c) ---- */

    /* ---- experience profiles, requests, matching (h_profiles.c, h_requests.c) ---- */

    /* ---- dossier timeline: notes, evaluations, referrals, bridging, closing, search
     *      (h_notes.c, h_timeline.c, h_search.c) ---- */

    /* ---- consultations, case discussions, break-the-glass (h_consult.c, h_breakglass.c) */
};

const size_t http_route_count = sizeof(http_routes) / sizeof(http_routes[0]);
