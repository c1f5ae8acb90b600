/*
 * h_me.c: the logged-in worker's own account.
 *
 *   GET  /api/v1/me               -> {user, level, second_factor_required}
 *   POST /api/v1/me/totp          -> {secret, otpauth_uri}: start TOTP enrolment
 *   POST /api/v1/me/totp/verify   {code} -> login answer with a new cookie (level full)
 *
 * All three work at any session level: a worker who must still set up or enter the second
 * factor needs exactly these. The user object is built from the session's actor.
 */
#include <microhttpd.h>
#include <string.h>

#include "handlers.h"
#include "http_int.h"

static const char *const level_values[] = {"totp_enrol", "totp", "full", NULL};

static const struct jfield me_fields[] = {
    {"user", JT_OBJECT, JF_REQUIRED, 0, 0, "the logged-in worker", NULL, &h_schema_worker},
    {"level", JT_STRING, JF_REQUIRED, 0, 0, "session level", level_values, NULL},
    {"second_factor_required", JT_BOOLEAN, JF_REQUIRED, 0, 0,
     "true while the session still owes the second factor", NULL, NULL},
};
const struct jschema h_schema_me = JSCHEMA("Me", me_fields);

static const struct jfield enrolment_fields[] = {
    {"secret", JT_STRING, JF_REQUIRED, 0, 0, "base32 TOTP secret, shown once", NULL, NULL},
    {"otpauth_uri", JT_STRING, JF_REQUIRED, 0, 0, "otpauth:// URI for a QR code", NULL, NULL},
};
const struct jschema h_schema_totp_enrolment = JSCHEMA("TotpEnrolment", enrolment_fields);

int h_me_get(struct http_req *req)
{
    const struct actor *a = &req->actor;
    struct worker w;
    memset(&w, 0, sizeof(w));
    memcpy(w.id, a->user_id, sizeof(w.id));
    memcpy(w.org_id, a->org_id, sizeof(w.org_id));
    w.email = a->email ? a->email : "";
    w.name = a->name ? a->name : "";
    w.roles = a->roles;
    w.status = WORKER_ACTIVE; /* a resolved session implies an active account */
    w.totp_enabled = a->totp_enabled;
    json_t *user = worker_to_json(&w);
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:o,s:s,s:b}", "user", user, "level",
                                       h_level_code(a->level), "second_factor_required",
                                       a->level != SESSION_FULL));
}

int h_me_totp_enrol(struct http_req *req)
{
    const char *secret = NULL, *uri = NULL;
    int rc = app_totp_enrol(&req->app, &secret, &uri);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:s,s:s}", "secret", secret, "otpauth_uri", uri));
}

int h_me_totp_verify(struct http_req *req)
{
    struct session_grant g;
    int rc = app_totp_verify(&req->app, pdjson_str(req->json, "code", ""), &g);
    if (rc)
        return rc;
    return h_session_reply_grant(req, &g);
}
