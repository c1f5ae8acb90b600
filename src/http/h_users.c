/*
 * h_users.c: the administrator's view of the organisation's workers.
 *
 *   GET   /api/v1/users?after=EMAIL&limit=N  -> {items: [Worker], next: EMAIL|null}
 *   POST  /api/v1/users {email, name, roles, password} -> 201 Worker
 *   GET   /api/v1/users/{id}                 -> User (Worker + version), ETag
 *   PATCH /api/v1/users/{id} {name?, roles?, status?} + If-Match -> User
 *
 * All act on the administrator's own organisation only (a worker of another one is 404).
 * Paging is by email (the cursor is the last email of the page), so a page never shifts
 * when workers are added. One worker is a User: a Worker with its `version`, so the 412
 * answer's `current` carries what the next If-Match needs.
 */
#include <microhttpd.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/buf.h"
#include "../lib/str.h"
#include "conditional.h"
#include "handlers.h"
#include "http_int.h"

static const char *const role_codes[] = {
    "admin",   "coordinator", "generalist", "expert",          "coach", "trainer",
    "student", "manager",     "researcher", "privacy_officer", NULL,
};

static const struct jfield user_create_fields[] = {
    {"email", JT_EMAIL, JF_REQUIRED, 0, 0, "login email", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "display name", NULL, NULL},
    {"roles", JT_ARRAY, JF_REQUIRED, 1, ROLE_COUNT, "role codes", role_codes, NULL},
    {"password", JT_STRING, JF_REQUIRED | JF_SECRET, LIMIT_PASSWORD_MIN_CHARS,
     LIMIT_PASSWORD_MAX_CHARS, "initial password (8..128 characters, not a common one)", NULL,
     NULL},
};
const struct jschema h_schema_user_create = JSCHEMA("UserCreate", user_create_fields);

static const struct jfield user_page_fields[] = {
    {"items", JT_ARRAY, JF_REQUIRED, 0, 0, "workers ordered by email", NULL, &h_schema_worker},
    {"next", JT_EMAIL, JF_REQUIRED | JF_NULLABLE, 0, 0, "cursor for the next page (after=)", NULL,
     NULL},
};
const struct jschema h_schema_user_page = JSCHEMA("UserPage", user_page_fields);

static const char *const status_values[] = {"active", "disabled", NULL};

/* The Worker schema (h_session.c) plus version: keep the two in step. */
static const struct jfield user_fields[] = {
    {"id", JT_UUID, JF_REQUIRED, 0, 0, "worker id", NULL, NULL},
    {"org_id", JT_UUID, JF_REQUIRED, 0, 0, "organisation id", NULL, NULL},
    {"email", JT_EMAIL, JF_REQUIRED, 0, 0, "login email, lowercased", NULL, NULL},
    {"name", JT_STRING, JF_REQUIRED, 1, LIMIT_NAME_BYTES, "display name", NULL, NULL},
    {"roles", JT_ARRAY, JF_REQUIRED, 1, ROLE_COUNT, "role codes", role_codes, NULL},
    {"status", JT_STRING, JF_REQUIRED, 0, 0, "account status", status_values, NULL},
    {"second_factor", JT_BOOLEAN, JF_REQUIRED, 0, 0, "TOTP is set up", NULL, NULL},
    {"version", JT_INTEGER, JF_REQUIRED, 0, 0, "record version (If-Match)", NULL, NULL},
};
const struct jschema h_schema_user = JSCHEMA("User", user_fields);

static const struct jfield user_patch_fields[] = {
    {"name", JT_STRING, 0, 1, LIMIT_NAME_BYTES, "display name", NULL, NULL},
    {"roles", JT_ARRAY, 0, 1, ROLE_COUNT, "role codes (replaces them all; at least one)",
     role_codes, NULL},
    {"status", JT_STRING, 0, 0, 0, "disabled: ends the worker's sessions and logins", status_values,
     NULL},
};
const struct jschema h_schema_user_patch = JSCHEMA("UserPatch", user_patch_fields);

static json_t *user_to_json(const struct worker *w)
{
    json_t *j = worker_to_json(w);
    json_object_set_new(j, "version", json_integer((json_int_t)w->version));
    return j;
}

/* The body's "roles" array as "generalist,expert" (arena), or NULL when absent. */
static const char *roles_csv(struct http_req *req)
{
    json_t *roles = json_object_get(req->json, "roles");
    struct buf b;
    size_t i;
    json_t *v;

    if (!json_is_array(roles))
        return NULL;
    buf_init(&b, 256);
    json_array_foreach(roles, i, v)
    {
        if (buf_printf(&b, "%s%s", i ? "," : "", json_string_value(v)) != PD_OK)
            break;
    }
    const char *csv = arena_strdup(&req->arena, buf_cstr(&b));
    buf_release(&b);
    return csv;
}

/* ?limit=N within 1..LIMIT_PAGE_MAX, default LIMIT_PAGE_DEFAULT. */
int h_page_limit(struct http_req *req, int *limit)
{
    const char *s = http_query(req, "limit");
    int64_t v = LIMIT_PAGE_DEFAULT;
    if (s && !str_to_i64(str_from(s), 1, LIMIT_PAGE_MAX, &v))
        return err_set(&req->app.err, PD_EINVAL, "limit", "must be a whole number from 1 to %d",
                       LIMIT_PAGE_MAX);
    *limit = (int)v;
    return PD_OK;
}

int h_users_list(struct http_req *req)
{
    struct worker *ws;
    size_t n;
    int limit;
    int rc = h_page_limit(req, &limit);
    if (rc)
        return rc;
    /* one extra row tells whether there is a next page */
    rc = app_user_page(&req->app, http_query(req, "after"), limit + 1, &ws, &n);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < (size_t)limit; i++)
        json_array_append_new(items, worker_to_json(&ws[i]));
    const char *next = n > (size_t)limit ? ws[limit - 1].email : NULL;
    return http_reply_json(
        req, MHD_HTTP_OK,
        pdjson_pack("{s:o,s:o}", "items", items, "next", pdjson_str_or_null(next)));
}

int h_users_create(struct http_req *req)
{
    struct worker w;
    const char *roles = roles_csv(req);
    int rc = app_user_add(&req->app, NULL, pdjson_str(req->json, "email", ""),
                          pdjson_str(req->json, "name", ""), roles ? roles : "",
                          pdjson_str(req->json, "password", ""), &w);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, worker_to_json(&w));
}

int h_users_get(struct http_req *req)
{
    struct worker w;
    int rc = app_user_get(&req->app, http_param(req, "id"), &w);
    if (rc)
        return rc;
    http_set_etag(req, w.version);
    return http_reply_json(req, MHD_HTTP_OK, user_to_json(&w));
}

int h_users_patch(struct http_req *req)
{
    struct worker w = {0};
    int64_t version;
    if (http_if_match(req, &version) != PD_OK)
        return req->app.err.code;
    int rc = app_user_update(&req->app, http_param(req, "id"), version,
                             pdjson_str(req->json, "name", NULL), roles_csv(req),
                             pdjson_str(req->json, "status", NULL), &w);
    if (rc == PD_ESTALE)
        return http_reply_stale(req, w.version ? user_to_json(&w) : NULL);
    if (rc)
        return rc;
    http_set_etag(req, w.version);
    return http_reply_json(req, MHD_HTTP_OK, user_to_json(&w));
}
