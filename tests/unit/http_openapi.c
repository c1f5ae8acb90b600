/*
 * http_openapi.c: the generated OpenAPI document (src/http/openapi.c): it is valid JSON
 * with version 3.1.0, every route of the table is present with its method, its required
 * roles are listed as role codes, schemas are referenced and defined, and the security
 * schemes name the session cookie and the CSRF header.
 */
#include "../tap.h"
#include "domain/role.h"
#include "http/http_int.h"

static int dummy(struct http_req *req)
{
    (void)req;
    return PD_OK;
}

/* Dump and parse again (takes doc): proves the bytes we serve are valid JSON. */
static json_t *reparse(json_t *doc)
{
    size_t len = 0;
    char *s = pdjson_dump(doc, &len);
    json_decref(doc);
    json_error_t je;
    json_t *back = json_loadb(s, len, JSON_REJECT_DUPLICATES, &je);
    free(s);
    return back;
}

static void lower(char *dst, const char *src, size_t cap)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++)
        dst[i] = (char)(src[i] >= 'A' && src[i] <= 'Z' ? src[i] + 32 : src[i]);
    dst[i] = '\0';
}

static void test_real_table(void)
{
    json_t *doc = reparse(http_openapi_build(http_routes, http_route_count, "peerdesk_session"));
    ok(doc != NULL, "document is valid JSON (no duplicate keys)");
    if (!doc)
        return;
    is_str(json_string_value(json_object_get(doc, "openapi")), "3.1.0", "openapi 3.1.0");
    is_str(json_string_value(json_object_get(json_object_get(doc, "info"), "title")), "peerdesk",
           "info.title");
    json_t *paths = json_object_get(doc, "paths");
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    ok(json_object_get(schemas, "Problem") != NULL, "Problem schema");
    for (size_t i = 0; i < http_route_count; i++) {
        const struct route *r = &http_routes[i];
        char m[16];
        lower(m, r->method, sizeof(m));
        json_t *op = json_object_get(json_object_get(paths, r->pattern), m);
        ok(op != NULL, "%s %s present", r->method, r->pattern);
        if (!op)
            continue;
        json_t *roles = json_object_get(op, "x-required-roles");
        size_t want = 0;
        for (size_t k = 0; k < ROLE_COUNT; k++)
            if (r->roles & role_table[k].role)
                want++;
        ok(json_is_array(roles) && json_array_size(roles) == want, "%s %s lists its %zu roles",
           r->method, r->pattern, want);
        bool all_known = true;
        size_t idx;
        json_t *v;
        json_array_foreach(roles, idx, v) all_known =
            all_known && role_by_code(json_string_value(v), json_string_length(v)) != NULL;
        ok(all_known, "%s %s: roles are role codes", r->method, r->pattern);
        json_t *sec = json_object_get(op, "security");
        ok(json_is_array(sec) && (json_array_size(sec) == 0) == (r->auth == ROUTE_AUTH_NONE),
           "%s %s: security matches auth", r->method, r->pattern);
        if (r->request) {
            const char *ref = json_string_value(json_object_get(
                json_object_get(
                    json_object_get(json_object_get(json_object_get(op, "requestBody"), "content"),
                                    "application/json"),
                    "schema"),
                "$ref"));
            ok(ref && json_object_get(schemas, ref + strlen("#/components/schemas/")),
               "%s %s: request schema defined", r->method, r->pattern);
        }
        char st[8];
        snprintf(st, sizeof(st), "%d", r->ok_status);
        json_t *resp = json_object_get(op, "responses");
        ok(json_object_get(resp, st) && json_object_get(resp, "4XX"),
           "%s %s: ok and problem responses", r->method, r->pattern);
    }
    json_t *login = json_object_get(json_object_get(paths, "/api/v1/session"), "post");
    json_t *pw = json_object_get(
        json_object_get(json_object_get(schemas, "SessionCreate"), "properties"), "password");
    is_str(json_string_value(json_object_get(pw, "format")), "password",
           "secret field is format password");
    ok(json_is_true(json_object_get(pw, "writeOnly")), "secret field is writeOnly");
    ok(json_object_get(login, "x-audit-event") == NULL, "login declares no client-data event");
    json_t *email = json_object_get(
        json_object_get(json_object_get(schemas, "SessionCreate"), "properties"), "email");
    is_str(json_string_value(json_object_get(email, "format")), "email", "email format");
    json_t *sc = json_object_get(json_object_get(doc, "components"), "securitySchemes");
    is_str(json_string_value(json_object_get(json_object_get(sc, "session"), "name")),
           "peerdesk_session", "cookie scheme");
    is_str(json_string_value(json_object_get(json_object_get(sc, "csrf"), "name")), "X-CSRF-Token",
           "CSRF header scheme");
    json_decref(doc);
}

static void test_audit_member(void)
{
    static const struct jfield f[] = {
        {"id", JT_UUID, JF_REQUIRED, 0, 0, "id", NULL, NULL},
        {"n", JT_INTEGER, 0, 1, LIMIT_PAGE_MAX, "n", NULL, NULL},
        {"born", JT_DATE, JF_NULLABLE, 0, 0, "d", NULL, NULL},
        {"tags", JT_ARRAY, 0, 0, 5, "t", NULL, NULL},
    };
    static const struct jschema s = JSCHEMA("Thing", f);
    const struct route t[] = {
        {"GET", "/api/v1/clients/{id}", dummy, ROLE_GENERALIST | ROLE_EXPERT, ROUTE_AUTH_FULL,
         "client.read", ROUTE_CLIENT_DATA, NULL, &s, 200, "Read a client", "clients"},
    };
    json_t *doc = reparse(http_openapi_build(t, 1, "__Host-peerdesk_session"));
    json_t *op = json_object_get(
        json_object_get(json_object_get(doc, "paths"), "/api/v1/clients/{id}"), "get");
    is_str(json_string_value(json_object_get(op, "x-audit-event")), "client.read", "x-audit-event");
    json_t *roles = json_object_get(op, "x-required-roles");
    is_str(json_string_value(json_array_get(roles, 0)), "generalist", "first role");
    is_str(json_string_value(json_array_get(roles, 1)), "expert", "second role");
    json_t *par = json_array_get(json_object_get(op, "parameters"), 0);
    is_str(json_string_value(json_object_get(par, "name")), "id", "path parameter declared");
    json_t *props = json_object_get(
        json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), "Thing"),
        "properties");
    is_str(json_string_value(json_object_get(json_object_get(props, "id"), "format")), "uuid",
           "uuid format");
    is_int(json_integer_value(json_object_get(json_object_get(props, "n"), "maximum")),
           LIMIT_PAGE_MAX, "integer maximum");
    ok(json_is_array(json_object_get(json_object_get(props, "born"), "type")),
       "nullable is a type array");
    is_int(json_integer_value(json_object_get(json_object_get(props, "tags"), "maxItems")), 5,
           "maxItems");
    json_decref(doc);
}

int main(void)
{
    subtest("real table") test_real_table();
    subtest("client route") test_audit_member();
    return done_testing();
}
