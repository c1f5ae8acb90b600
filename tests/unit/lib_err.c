/* lib_err.c: the error convention: the first error wins, fields and details are cut
 * safely, and every code has a stable slug, a title and a 4xx/5xx status. */
#include <string.h>

#include "lib/err.h"
#include "tap.h"

static int slug_shape_ok(const char *s)
{
    if (!s || !*s || *s == '-' || s[strlen(s) - 1] == '-')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '-' || (*p >= '0' && *p <= '9')))
            return 0;
    return strstr(s, "--") == NULL;
}

int main(void)
{
    struct pd_err e;

    subtest("err_set")
    {
        err_clear(&e);
        is_int(e.code, PD_OK, "a cleared error is PD_OK");
        is_str(e.field, "", "with no field");
        is_int(err_set(&e, PD_EINVAL, "name", "longer than %d bytes", 200), PD_EINVAL,
               "err_set returns its code");
        is_int(e.code, PD_EINVAL, "and records it");
        is_str(e.field, "name", "with the field");
        is_str(e.detail, "longer than 200 bytes", "and the formatted detail");
        is_int(err_set(&e, PD_EDB, "other", "later"), PD_EINVAL,
               "a second err_set returns the first code");
        is_int(e.code, PD_EINVAL, "the first error wins: code");
        is_str(e.field, "name", "the first error wins: field");
        is_str(e.detail, "longer than 200 bytes", "the first error wins: detail");
        err_clear(&e);
        is_int(err_set(&e, PD_EDB, "other", "later"), PD_EDB, "after err_clear a new one is set");

        err_clear(&e);
        memset(e.field, 'x', sizeof(e.field) - 1); /* stale garbage must be overwritten */
        err_set(&e, PD_EJSON, NULL, "bad");
        is_str(e.field, "", "field NULL gives \"\"");
    }
    subtest("truncation")
    {
        char longer[LIMIT_ERR_DETAIL_BYTES * 2];
        memset(longer, 'd', sizeof(longer) - 1);
        longer[sizeof(longer) - 1] = '\0';
        err_clear(&e);
        err_set(&e, PD_EINVAL, "f", "%s", longer);
        is_int(strlen(e.detail), LIMIT_ERR_DETAIL_BYTES - 1,
               "a detail longer than LIMIT_ERR_DETAIL_BYTES is cut to fit, NUL-terminated");
        ok(strncmp(e.detail, longer, LIMIT_ERR_DETAIL_BYTES - 1) == 0, "keeping its beginning");

        char exact[LIMIT_ERR_DETAIL_BYTES];
        memset(exact, 'e', sizeof(exact) - 1);
        exact[sizeof(exact) - 1] = '\0';
        err_clear(&e);
        err_set(&e, PD_EINVAL, "f", "%s", exact);
        is_str(e.detail, exact, "a detail of exactly LIMIT_ERR_DETAIL_BYTES - 1 is kept whole");

        char field[LIMIT_ERR_FIELD_BYTES + 10];
        memset(field, 'f', sizeof(field) - 1);
        field[sizeof(field) - 1] = '\0';
        err_clear(&e);
        err_set(&e, PD_EINVAL, field, "x");
        is_int(strlen(e.field), LIMIT_ERR_FIELD_BYTES - 1, "a long field name is cut to fit");
        is_str(e.detail, "x", "and the detail is still right");
    }
    subtest("code table")
    {
        int all_slugs = 1, all_titles = 1, all_status = 1, unique = 1, shape = 1;
        for (int c = PD_ECODE_MIN; c <= -1; c++) {
            const char *slug = err_slug(c), *title = err_title(c);
            int st = err_http_status(c);
            int has_slug = slug != NULL, good_shape = slug_shape_ok(slug);
            int has_title = title && *title, good_status = st >= 400 && st <= 599;
            all_slugs &= has_slug;
            shape &= good_shape;
            all_titles &= has_title;
            all_status &= good_status;
            if (!has_slug || !good_shape || !has_title || !good_status)
                printf("# code %d: slug %s title %s status %d\n", c, slug ? slug : "(null)",
                       title ? title : "(null)", st);
            if (!has_slug)
                continue;
            for (int d = PD_ECODE_MIN; d < c; d++)
                if (err_slug(d) && strcmp(err_slug(d), slug) == 0) {
                    unique = 0;
                    printf("# codes %d and %d share the slug %s\n", d, c, slug);
                }
        }
        ok(all_slugs, "every code from PD_ECODE_MIN to -1 has a slug");
        ok(shape, "every slug is lowercase-with-dashes");
        ok(unique, "no two codes share a slug");
        ok(all_titles, "every code has a non-empty title");
        ok(all_status, "every code maps to a 4xx or 5xx status");
        is_str(err_slug(PD_OK), "ok", "PD_OK has a slug of its own");
        is_str(err_slug(PD_ECODE_MIN - 1), "internal", "an unknown code is an internal error");
        is_int(err_http_status(PD_ECODE_MIN - 1), 500, "with status 500");
        is_int(err_http_status(1), 500, "a positive code too");
    }
    subtest("statuses")
    {
        is_int(err_http_status(PD_EINVAL), 422, "PD_EINVAL");
        is_int(err_http_status(PD_EMISSING), 422, "PD_EMISSING");
        is_int(err_http_status(PD_EJSON), 400, "PD_EJSON");
        is_int(err_http_status(PD_EDEPTH), 400, "PD_EDEPTH");
        is_int(err_http_status(PD_EUNKNOWN), 400, "PD_EUNKNOWN");
        is_int(err_http_status(PD_ETOOBIG), 413, "PD_ETOOBIG");
        is_int(err_http_status(PD_EMEDIA), 415, "PD_EMEDIA");
        is_int(err_http_status(PD_EUNAUTH), 401, "PD_EUNAUTH");
        is_int(err_http_status(PD_ETOTP), 401, "PD_ETOTP");
        is_int(err_http_status(PD_EFORBID), 403, "PD_EFORBID");
        is_int(err_http_status(PD_ECSRF), 403, "PD_ECSRF");
        is_int(err_http_status(PD_ENOTFOUND), 404, "PD_ENOTFOUND");
        is_int(err_http_status(PD_EMETHOD), 405, "PD_EMETHOD");
        is_int(err_http_status(PD_ECONFLICT), 409, "PD_ECONFLICT");
        is_int(err_http_status(PD_ESTALE), 412, "PD_ESTALE");
        is_int(err_http_status(PD_ETHROTTLE), 429, "PD_ETHROTTLE");
        is_int(err_http_status(PD_EPRECOND), 428, "PD_EPRECOND");
        is_int(err_http_status(PD_EHEADERS), 431, "PD_EHEADERS");
        is_int(err_http_status(PD_EDB), 500, "PD_EDB");
        is_int(err_http_status(PD_EUNAVAIL), 503, "PD_EUNAVAIL");
        is_str(err_slug(PD_ECSRF), "csrf", "the slug of PD_ECSRF is stable");
        is_str(err_slug(PD_EINVAL), "invalid-field", "the slug of PD_EINVAL is stable");
    }
    return done_testing();
}
