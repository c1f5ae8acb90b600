/*
 * err.h: the one error convention.
 *
 * Functions return int: 0 (PD_OK) on success, a negative enum pd_code on failure, and
 * fill a struct pd_err with the field and the reason. http/problem.c maps a pd_err to an
 * HTTP status and an RFC 9457 problem+json body; the CLI prints it. The reason text is
 * for people (English; the UI translates by type) and never contains client data.
 *
 *     if (len > LIMIT_NAME_BYTES)
 *         return err_set(e, PD_EINVAL, "name", "longer than %d bytes", LIMIT_NAME_BYTES);
 */
#ifndef PD_ERR_H
#define PD_ERR_H

#include "limits.h"

enum pd_code {
    PD_OK = 0,
    PD_EINVAL = -1,     /* 422 a field has a bad value */
    PD_EMISSING = -2,   /* 422 a required field is absent */
    PD_EJSON = -3,      /* 400 body is not well-formed JSON */
    PD_EDEPTH = -4,     /* 400 JSON nested too deep */
    PD_EUTF8 = -5,      /* 400 invalid UTF-8 */
    PD_EDUPKEY = -6,    /* 400 duplicate JSON member */
    PD_EUNKNOWN = -7,   /* 400 unknown JSON member */
    PD_ETOOBIG = -8,    /* 413 body or value over its limit */
    PD_EMEDIA = -9,     /* 415 wrong content type */
    PD_EUNAUTH = -10,   /* 401 not logged in / bad credentials */
    PD_ETOTP = -11,     /* 401 second factor missing or wrong */
    PD_EFORBID = -12,   /* 403 logged in, but not allowed */
    PD_ECSRF = -13,     /* 403 missing or wrong CSRF token */
    PD_ENOTFOUND = -14, /* 404 no such thing (or not yours: same answer) */
    PD_EMETHOD = -15,   /* 405 route exists, method does not */
    PD_ECONFLICT = -16, /* 409 conflicts with existing data (duplicate slug, ...) */
    PD_ESTALE = -17,    /* 412 If-Match does not match the current version */
    PD_ETHROTTLE = -18, /* 429 too many attempts */
    PD_EDB = -19,       /* 500 storage failed */
    PD_EINTERNAL = -20, /* 500 bug */
    PD_EUNAVAIL = -21,  /* 503 temporarily unable (e.g. read-only after a storage error) */
    PD_EBADREQ = -22,   /* 400 malformed request (query string, header) */
    PD_EPRECOND = -23,  /* 428 If-Match required */
    PD_EHEADERS = -24,  /* 431 request headers over LIMIT_HEADER_BYTES */
    PD_ECODE_MIN = -24
};

struct pd_err {
    int code;                          /* enum pd_code */
    int retry_after;                   /* seconds, for PD_ETHROTTLE; 0 = none */
    char field[LIMIT_ERR_FIELD_BYTES]; /* JSON pointer-ish name of the field, "" if none */
    char detail[LIMIT_ERR_DETAIL_BYTES];
};

void err_clear(struct pd_err *e);
/* Record an error and return its code, for `return err_set(...)`. field may be NULL.
 * The first error wins: a later err_set on an error already set keeps the first one. */
int err_set(struct pd_err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Stable slug for the code, used in problem types: "invalid-field", "csrf", ... */
const char *err_slug(int code);
/* Short English title: "Invalid field", ... */
const char *err_title(int code);
/* HTTP status for the code. */
int err_http_status(int code);

#endif
