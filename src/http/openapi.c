/*
 * openapi.c: the OpenAPI 3.1.0 document, generated from the route table and the jschema
 * arrays that the JSON checks use, so the document cannot say something the server does
 * not do. Built once at start (server.c) and served as bytes by h_openapi.c.
 *
 * Mapping: JT_UUID/DATETIME/DATE/EMAIL become strings with format uuid/date-time/date/
 * email; JF_SECRET becomes format password + writeOnly; min/max become minLength/maxLength,
 * minimum/maximum or minItems/maxItems; JF_NULLABLE adds "null" to the type (3.1 style);
 * every object is closed (additionalProperties false) because pdjson_check rejects
 * unknown members. Each operation carries x-required-roles, x-auth-level and, when it
 * touches client data, x-audit-event.
 */
#include <ctype.h>
#include <string.h>

#include "../domain/role.h"
#include "http_int.h"

static json_t *schema_ref(const struct jschema *s, json_t *schemas);

static void set_type(json_t *o, const char *type, bool nullable)
{
    if (nullable)
        json_object_set_new(o, "type", pdjson_pack("[s,s]", type, "null"));
    else
        json_object_set_new(o, "type", json_string(type));
}

static json_t *string_schema(const struct jfield *f, const char *format, int64_t dflt_max)
{
    json_t *o = json_object();
    set_type(o, "string", f->flags & JF_NULLABLE);
    if (format)
        json_object_set_new(o, "format", json_string(format));
    if (f->type == JT_STRING || f->type == JT_EMAIL) {
        if (f->min > 0)
            json_object_set_new(o, "minLength", json_integer(f->min));
        json_object_set_new(o, "maxLength", json_integer(f->max > 0 ? f->max : dflt_max));
    }
    if (f->enum_values) {
        json_t *en = json_array();
        for (const char *const *v = f->enum_values; *v; v++)
            json_array_append_new(en, json_string(*v));
        json_object_set_new(o, "enum", en);
    }
    if (f->flags & JF_SECRET) {
        json_object_set_new(o, "format", json_string("password"));
        json_object_set_new(o, "writeOnly", json_true());
    }
    return o;
}

static json_t *nullable_ref(json_t *ref, bool nullable)
{
    if (!nullable)
        return ref;
    return pdjson_pack("{s:[o,{s:s}]}", "oneOf", ref, "type", "null");
}

static json_t *field_schema(const struct jfield *f, json_t *schemas)
{
    bool nullable = f->flags & JF_NULLABLE;
    json_t *o = NULL;
    switch (f->type) {
    case JT_STRING:
        o = string_schema(f, NULL, LIMIT_JSON_STRING_BYTES);
        break;
    case JT_UUID:
        o = string_schema(f, "uuid", 0);
        break;
    case JT_DATETIME:
        o = string_schema(f, "date-time", 0);
        break;
    case JT_DATE:
        o = string_schema(f, "date", 0);
        break;
    case JT_EMAIL:
        o = string_schema(f, "email", LIMIT_EMAIL_BYTES);
        break;
    case JT_INTEGER:
        o = json_object();
        set_type(o, "integer", nullable);
        json_object_set_new(o, "format", json_string("int64"));
        if (f->min != 0 || f->max != 0) {
            json_object_set_new(o, "minimum", json_integer(f->min));
            json_object_set_new(o, "maximum", json_integer(f->max));
        }
        break;
    case JT_BOOLEAN:
        o = json_object();
        set_type(o, "boolean", nullable);
        break;
    case JT_OBJECT:
        if (f->elem)
            return nullable_ref(schema_ref(f->elem, schemas), nullable);
        o = json_object();
        set_type(o, "object", nullable);
        break;
    case JT_ARRAY:
        o = json_object();
        set_type(o, "array", nullable);
        json_object_set_new(o, "items",
                            f->elem ? schema_ref(f->elem, schemas)
                                    : pdjson_pack("{s:s}", "type", "string"));
        if (f->min > 0)
            json_object_set_new(o, "minItems", json_integer(f->min));
        if (f->max > 0)
            json_object_set_new(o, "maxItems", json_integer(f->max));
        break;
    }
    if (!o)
        o = json_object(); /* unknown type: an open schema rather than a crash */
    if (f->doc)
        json_object_set_new(o, "description", json_string(f->doc));
    return o;
}

static json_t *object_schema(const struct jschema *s, json_t *schemas)
{
    json_t *props = json_object(), *req = json_array();
    for (size_t i = 0; i < s->nfields; i++) {
        const struct jfield *f = &s->fields[i];
        json_object_set_new(props, f->name, field_schema(f, schemas));
        if (f->flags & JF_REQUIRED)
            json_array_append_new(req, json_string(f->name));
    }
    json_t *o = pdjson_pack("{s:s,s:o,s:b}", "type", "object", "properties", props,
                            "additionalProperties", 0);
    if (json_array_size(req))
        json_object_set_new(o, "required", req);
    else
        json_decref(req);
    return o;
}

/* Register the schema under its name (once) and return a $ref to it. */
static json_t *schema_ref(const struct jschema *s, json_t *schemas)
{
    if (!json_object_get(schemas, s->name)) {
        json_object_set_new(schemas, s->name, json_null()); /* stops recursion */
        json_object_set_new(schemas, s->name, object_schema(s, schemas));
    }
    return pdjson_pack("{s:s+}", "$ref", "#/components/schemas/", s->name);
}

static json_t *problem_schema(void)
{
    return pdjson_pack(
        "{s:s,s:s,s:[s,s,s,s],s:{s:{s:s,s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:s,s:s},"
        "s:{s:s,s:[s,s,s],s:s}}}",
        "type", "object", "description",
        "RFC 9457 problem details; type is urn:peerdesk:problem:<slug>", "required", "type",
        "title", "status", "trace_id", "properties", "type", "type", "string", "format", "uri",
        "title", "type", "string", "status", "type", "integer", "detail", "type", "string", "field",
        "type", "string", "trace_id", "type", "string", "format", "uuid", "level", "type", "string",
        "enum", "totp_enrol", "totp", "full", "description",
        "second-factor problems: the session's current level");
}

static json_t *roles_json(unsigned roles)
{
    json_t *a = json_array();
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (roles & role_table[i].role)
            json_array_append_new(a, json_string(role_table[i].code));
    return a;
}

static const char *auth_name(enum route_auth a)
{
    return a == ROUTE_AUTH_FULL ? "full" : a == ROUTE_AUTH_ANY_LEVEL ? "any_level" : "none";
}

static json_t *operation(const struct route *r, json_t *schemas, struct arena *a)
{
    json_t *op = json_object();
    char *opid = arena_printf(a, "%s%s", r->method, r->pattern);
    for (char *p = opid; *p; p++)
        *p = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '_';
    json_object_set_new(op, "operationId", json_string(opid));
    json_object_set_new(op, "summary", json_string(r->summary));
    json_object_set_new(op, "tags", pdjson_pack("[s]", r->tag));

    json_t *params = json_array();
    for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close)
            break;
        json_array_append_new(params, pdjson_pack("{s:s%,s:s,s:b,s:{s:s}}", "name", p + 1,
                                                  (size_t)(close - p - 1), "in", "path", "required",
                                                  1, "schema", "type", "string"));
    }
    if (json_array_size(params))
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);

    if (r->auth == ROUTE_AUTH_NONE)
        json_object_set_new(op, "security", json_array());
    else if (strcmp(r->method, "GET") == 0)
        json_object_set_new(op, "security", pdjson_pack("[{s:[]}]", "session"));
    else
        json_object_set_new(op, "security", pdjson_pack("[{s:[],s:[]}]", "session", "csrf"));

    if (r->request)
        json_object_set_new(op, "requestBody",
                            pdjson_pack("{s:b,s:{s:{s:o}}}", "required", 1, "content",
                                        "application/json", "schema",
                                        schema_ref(r->request, schemas)));

    json_t *ok = pdjson_pack("{s:s}", "description", r->summary);
    if (r->response)
        json_object_set_new(ok, "content",
                            pdjson_pack("{s:{s:o}}", "application/json", "schema",
                                        schema_ref(r->response, schemas)));
    json_t *problem =
        pdjson_pack("{s:s,s:{s:{s:{s:s}}}}", "description", "problem details", "content",
                    "application/problem+json", "schema", "$ref", "#/components/schemas/Problem");
    json_t *responses = json_object();
    json_object_set_new(responses, arena_printf(a, "%d", r->ok_status), ok);
    json_object_set(responses, "4XX", problem);
    json_object_set_new(responses, "5XX", problem);
    json_object_set_new(op, "responses", responses);

    json_object_set_new(op, "x-required-roles", roles_json(r->roles));
    json_object_set_new(op, "x-auth-level", json_string(auth_name(r->auth)));
    if (r->audit_event)
        json_object_set_new(op, "x-audit-event", json_string(r->audit_event));
    return op;
}

json_t *http_openapi_build(const struct route *routes, size_t n, const char *cookie_name)
{
    struct arena a;
    arena_init(&a);
    json_t *schemas = json_object();
    json_object_set_new(schemas, "Problem", problem_schema());
    json_t *paths = json_object();
    for (size_t i = 0; i < n; i++) {
        const struct route *r = &routes[i];
        json_t *item = json_object_get(paths, r->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char *m = arena_strdup(&a, r->method);
        for (char *p = m; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        json_object_set_new(item, m, operation(r, schemas, &a));
    }
    json_t *doc = pdjson_pack(
        "{s:s,s:{s:s,s:s,s:s},s:[{s:s}],s:o,s:{s:o,s:{s:{s:s,s:s,s:s,s:s},s:{s:s,s:s,s:s,"
        "s:s}}}}",
        "openapi", "3.1.0", "info", "title", "peerdesk", "version", PEERDESK_VERSION, "description",
        "JSON API of peerdesk. Errors are application/problem+json (RFC 9457). State "
        "changes need the X-CSRF-Token header returned at login.",
        "servers", "url", "/", "paths", paths, "components", "schemas", schemas, "securitySchemes",
        "session", "type", "apiKey", "in", "cookie", "name", cookie_name, "description",
        "session cookie set by POST /api/v1/session", "csrf", "type", "apiKey", "in", "header",
        "name", "X-CSRF-Token", "description",
        "csrf_token from the login answer; required on every state change");
    arena_release(&a);
    return doc;
}
