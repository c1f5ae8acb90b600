/*
 * h_users.c: the administrator's view of the organisation's workers.
 *
 *   GET  /api/v1/users?after=EMAIL&limit=N  -> {items: [Worker], next: EMAIL|null}
 *   POST /api/v1/users {email, name, roles, password} -> 201 Worker
 *
 * Both act on the administrator's own organisation only. Paging is by email (the
 * cursor is the last email of the page), so a page never shifts when workers are added.
 */
#include <microhttpd.h>
#include <string.h>

#include "../domain/role.h"
#include "../lib/buf.h"
#include "../lib/str.h"
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
    struct buf roles;
    struct worker w;
    size_t i;
    json_t *v;

    buf_init(&roles, 256);
    json_array_foreach(json_object_get(req->json, "roles"), i, v)
    {
        if (buf_printf(&roles, "%s%s", i ? "," : "", json_string_value(v)) != PD_OK)
            break;
    }
    int rc = app_user_add(&req->app, NULL, pdjson_str(req->json, "email", ""),
                          pdjson_str(req->json, "name", ""), buf_cstr(&roles),
                          pdjson_str(req->json, "password", ""), &w);
    buf_release(&roles);
    if (rc)
        return rc;
    return http_reply_json(req, MHD_HTTP_CREATED, worker_to_json(&w));
}
