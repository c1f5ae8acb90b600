/*
 * h_me.c: the logged-in worker's own account.
 *
 *   GET   /api/v1/me              -> {user, lang, level, second_factor_required}
 *   PATCH /api/v1/me {lang}       -> the same body: choose the UI language (nl, en)
 *   POST  /api/v1/me/totp         -> {secret, otpauth_uri}: start TOTP enrolment
 *   POST  /api/v1/me/totp/verify  {code} -> login answer with a new cookie (level full)
 *
 * All of them work at any session level: a worker who must still set up or enter the
 * second factor needs these, and the second-factor screens already speak their language.
 * `lang` sits next to `user`, not in it: the Worker object is the one the login answer
 * and the admin lists share, and the language is this worker's own preference.
 */
#include <microhttpd.h>

#include "handlers.h"
#include "http_int.h"

static const char *const level_values[] = {"totp_enrol", "totp", "full", NULL};
static const char *const lang_values[] = {"nl", "en", NULL};

static const struct jfield me_fields[] = {
    {"user", JT_OBJECT, JF_REQUIRED, 0, 0, "the logged-in worker", NULL, &h_schema_worker},
    {"lang", JT_STRING, JF_REQUIRED, 0, 0, "language of the UI: nl (default) or en", lang_values,
     NULL},
    {"level", JT_STRING, JF_REQUIRED, 0, 0, "session level", level_values, NULL},
    {"second_factor_required", JT_BOOLEAN, JF_REQUIRED, 0, 0,
     "true while the session still owes the second factor", NULL, NULL},
};
const struct jschema h_schema_me = JSCHEMA("Me", me_fields);

static const struct jfield me_patch_fields[] = {
    {"lang", JT_STRING, JF_REQUIRED, 0, 0, "language of the UI: nl or en", lang_values, NULL},
};
const struct jschema h_schema_me_patch = JSCHEMA("MePatch", me_patch_fields);

static const struct jfield enrolment_fields[] = {
    {"secret", JT_STRING, JF_REQUIRED, 0, 0, "base32 TOTP secret, shown once", NULL, NULL},
    {"otpauth_uri", JT_STRING, JF_REQUIRED, 0, 0, "otpauth:// URI for a QR code", NULL, NULL},
};
const struct jschema h_schema_totp_enrolment = JSCHEMA("TotpEnrolment", enrolment_fields);

/* The Me body for the worker as just read; the level comes from the session. */
static int reply_me(struct http_req *req, const struct worker *w)
{
    enum session_level level = req->actor.level;
    return http_reply_json(req, MHD_HTTP_OK,
                           pdjson_pack("{s:o,s:s,s:s,s:b}", "user", worker_to_json(w), "lang",
                                       w->lang ? w->lang : "nl", "level", h_level_code(level),
                                       "second_factor_required", level != SESSION_FULL));
}

int h_me_get(struct http_req *req)
{
    struct worker w;
    int rc = app_me_get(&req->app, &w);
    if (rc)
        return rc;
    return reply_me(req, &w);
}

int h_me_patch(struct http_req *req)
{
    struct worker w;
    int rc = app_me_set_lang(&req->app, pdjson_str(req->json, "lang", NULL), &w);
    if (rc)
        return rc;
    return reply_me(req, &w);
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
