/*
 * h_session.c: logging in and out, and the second step of login.
 *
 *   POST   /api/v1/session       {email, password} -> grant + cookie (public, no CSRF)
 *   DELETE /api/v1/session       -> 204, cookie cleared, Clear-Site-Data
 *   POST   /api/v1/session/totp  {code} -> grant + new cookie (level totp -> full)
 *
 * The password's schema limit is deliberately loose (1024 characters): login must not
 * reveal the password policy, so every wrong password, long or short, gets app/'s one
 * "wrong email or password" answer. The per-IP throttle runs before any hashing.
 */
#include <microhttpd.h>

#include "../domain/role.h"
#include "../lib/ptime.h"
#include "handlers.h"
#include "http_int.h"

static const char *const level_values[] = {"totp_enrol", "totp", "full", NULL};
static const char *const status_values[] = {"active", "disabled", NULL};

static const struct jfield worker_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"org_id", JT_UUID, JF_REQUIRED, 0, 0, "organisation id", NULL, NULL},
    {"email", JT_EMAIL, JF_REQUIRED, 0, 0, "login email, lowercased", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "display name", NULL, NULL},
    {"roles", JT_ARRAY, JF_REQUIRED, 1, ROLE_COUNT, "role codes", NULL, NULL},
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "account status", status_values, NULL},
    {"second_factor", JT_BOOLEAN, JF_REQUIRED, 0, 0, "TOTP is set up", NULL, NULL},
};
const struct jschema h_schema_worker = JSCHEMA("Worker", worker_fields);

static const struct jfield session_create_fields[] = {
    {"email", JT_EMAIL, JF_REQUIRED, 0, 0, "login email", NULL, NULL},
    {"password", JT_STRING, JF_REQUIRED | JF_SECRET, 0, 1024, "password", NULL, NULL},
};
const struct jschema h_schema_session_create = JSCHEMA("SessionCreate", session_create_fields);

static const struct jfield totp_code_fields[] = {
    {"code", JT_STRING, JF_REQUIRED, LIMIT_TOTP_CODE_CHARS, LIMIT_TOTP_CODE_CHARS,
     "the 6-digit code of the authenticator app", NULL, NULL},
};
const struct jschema h_schema_totp_code = JSCHEMA("TotpCode", totp_code_fields);

static const struct jfield grant_fields[] = {
    {"user", JT_OBJECT, JF_REQUIRED, 0, 0, "the logged-in worker", NULL, &h_schema_worker},
    {"csrf_token", JT_STRING, JF_REQUIRED, 0, TOKEN_STR_BYTES,
     "send as X-CSRF-Token on every state change", NULL, NULL},
    {"level", JT_STRING, JF_REQUIRED, 0, 0,
     "full, or the second-factor step still owed (totp: enter a code; totp_enrol: set up)",
     level_values, NULL},
    {"expires_at", JT_DATETIME, JF_REQUIRED, 0, 0, "absolute end of the session", NULL, NULL},
};
const struct jschema h_schema_session_grant = JSCHEMA("SessionGrant", grant_fields);

const char *h_level_code(enum session_level l)
{
    switch (l) {
    case SESSION_TOTP_ENROL:
        return "totp_enrol";
    case SESSION_TOTP:
        return "totp";
    case SESSION_FULL:
        return "full";
    }
    return "none";
}

int h_session_reply_grant(struct http_req *req, const struct session_grant *g)
{
    char expires[PTIME_ISO_BYTES];
    ptime_fmt_iso(g->expires_ms, expires);
    json_t *body =
        pdjson_pack("{s:o,s:s,s:s,s:s}", "user", worker_to_json(&g->worker), "csrf_token",
                    g->csrf_token, "level", h_level_code(g->level), "expires_at", expires);
    http_set_session_cookie(req, g->token, g->expires_ms);
    return http_reply_json(req, MHD_HTTP_OK, body);
}

int h_session_create(struct http_req *req)
{
    int retry = 0;
    bool first = false;
    if (!auth_ip_allow(req->app.app, req->client_ip, ptime_now_ms(), &retry, &first)) {
        if (first && app_login_ip_refused(&req->app) != PD_OK)
            return req->app.err.code; /* fail closed */
        err_clear(&req->app.err);
        int rc = err_set(&req->app.err, PD_ETHROTTLE, NULL,
                         "too many login attempts from this address; try again later");
        req->app.err.retry_after = retry > 0 ? retry : 60;
        return rc;
    }
    struct session_grant g;
    int rc = app_session_create(&req->app, pdjson_str(req->json, "email", ""),
                                pdjson_str(req->json, "password", ""), &g);
    if (rc)
        return rc;
    return h_session_reply_grant(req, &g);
}

int h_session_delete(struct http_req *req)
{
    int rc = app_session_end(&req->app);
    if (rc)
        return rc;
    http_clear_session_cookie(req);
    return http_reply_empty(req, MHD_HTTP_NO_CONTENT);
}

int h_session_totp(struct http_req *req)
{
    struct session_grant g;
    int rc = app_session_totp(&req->app, pdjson_str(req->json, "code", ""), &g);
    if (rc)
        return rc;
    return h_session_reply_grant(req, &g);
}
