/*
 * err.c: the error codes' slugs, titles and HTTP statuses, in one table, and err_set().
 * The slug is part of the API (problem types are "urn:peerdesk:problem:<slug>"), so
 * slugs never change once released.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct code_info {
    int code;
    int status;
    const char *slug;
    const char *title;
};

static const struct code_info codes[] = {
    {PD_OK, 200, "ok", "OK"},
    {PD_EINVAL, 422, "invalid-field", "Invalid field"},
    {PD_EMISSING, 422, "missing-field", "Missing field"},
    {PD_EJSON, 400, "invalid-json", "Malformed JSON"},
    {PD_EDEPTH, 400, "json-too-deep", "JSON nested too deep"},
    {PD_EUTF8, 400, "invalid-utf8", "Invalid UTF-8"},
    {PD_EDUPKEY, 400, "duplicate-key", "Duplicate JSON member"},
    {PD_EUNKNOWN, 400, "unknown-field", "Unknown field"},
    {PD_ETOOBIG, 413, "too-large", "Request too large"},
    {PD_EMEDIA, 415, "unsupported-media-type", "Unsupported media type"},
    {PD_EUNAUTH, 401, "unauthenticated", "Not logged in"},
    {PD_ETOTP, 401, "second-factor", "Second factor required"},
    {PD_EFORBID, 403, "forbidden", "Forbidden"},
    {PD_ECSRF, 403, "csrf", "Missing or wrong CSRF token"},
    {PD_ENOTFOUND, 404, "not-found", "Not found"},
    {PD_EMETHOD, 405, "method-not-allowed", "Method not allowed"},
    {PD_ECONFLICT, 409, "conflict", "Conflict"},
    {PD_ESTALE, 412, "stale-version", "Stale version"},
    {PD_ETHROTTLE, 429, "throttled", "Too many attempts"},
    {PD_EDB, 500, "storage", "Storage error"},
    {PD_EINTERNAL, 500, "internal", "Internal error"},
    {PD_EUNAVAIL, 503, "unavailable", "Temporarily unavailable"},
    {PD_EBADREQ, 400, "bad-request", "Bad request"},
    {PD_EPRECOND, 428, "precondition-required", "If-Match required"},
    {PD_EHEADERS, 431, "headers-too-large", "Request headers too large"},
};

static const struct code_info *info(int code)
{
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        if (codes[i].code == code)
            return &codes[i];
    return code == PD_EINTERNAL ? &codes[0] : info(PD_EINTERNAL); /* unknown code: a bug */
}

void err_clear(struct pd_err *e)
{
    memset(e, 0, sizeof(*e));
}

int err_set(struct pd_err *e, int code, const char *field, const char *fmt, ...)
{
    if (e->code != PD_OK)
        return e->code;
    e->code = code;
    snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
    va_end(ap);
    return code;
}

const char *err_slug(int code)
{
    return info(code)->slug;
}

const char *err_title(int code)
{
    return info(code)->title;
}

int err_http_status(int code)
{
    return info(code)->status;
}
