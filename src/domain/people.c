/*
 * people.c: field rules for organisations, workers, teams and areas that need no
 * storage. Names are shown in lists and audit reports, so control characters (which
 * could forge lines in a report or a log) are refused.
 */
#include "people.h"

#include <string.h>

#include "../lib/limits.h"
#include "../lib/str.h"

int org_check_slug(const char *slug, const char *field, struct pd_err *e)
{
    size_t n = slug ? strlen(slug) : 0;
    if (n < 2 || n > LIMIT_SLUG_BYTES)
        return err_set(e, PD_EINVAL, field, "must be 2 to %d characters", LIMIT_SLUG_BYTES);
    if (slug[0] < 'a' || slug[0] > 'z')
        return err_set(e, PD_EINVAL, field, "must start with a lowercase letter");
    for (size_t i = 0; i < n; i++) {
        char c = slug[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return err_set(e, PD_EINVAL, field, "may contain only a-z, 0-9 and '-'");
    }
    return PD_OK;
}

int check_name(const char *name, const char *field, struct pd_err *e)
{
    size_t n = name ? strlen(name) : 0;
    struct str t = str_trim((struct str){name, n});
    if (t.n == 0)
        return err_set(e, PD_EINVAL, field, "must not be empty");
    if (n > LIMIT_NAME_BYTES)
        return err_set(e, PD_EINVAL, field, "must be at most %d bytes", LIMIT_NAME_BYTES);
    if (!utf8_valid(name, n))
        return err_set(e, PD_EINVAL, field, "is not valid UTF-8");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return err_set(e, PD_EINVAL, field, "must not contain control characters");
    return PD_OK;
}

int email_normalise(const char *email, const char *field, char *out, struct pd_err *e)
{
    size_t n = email ? strlen(email) : 0;
    if (n == 0)
        return err_set(e, PD_EINVAL, field, "must not be empty");
    if (n > LIMIT_EMAIL_BYTES)
        return err_set(e, PD_EINVAL, field, "must be at most %d bytes", LIMIT_EMAIL_BYTES);
    const char *at = memchr(email, '@', n);
    if (!at || at == email || memchr(at + 1, '@', n - (size_t)(at - email) - 1))
        return err_set(e, PD_EINVAL, field, "must contain exactly one '@' after a name");
    const char *domain = at + 1;
    size_t dn = n - (size_t)(domain - email);
    if (dn < 3 || !memchr(domain, '.', dn) || domain[0] == '.' || domain[dn - 1] == '.')
        return err_set(e, PD_EINVAL, field, "needs a domain like example.nl");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)email[i];
        if (c <= 0x20 || c == 0x7f)
            return err_set(e, PD_EINVAL, field, "must not contain spaces or control characters");
        out[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    out[n] = '\0';
    if (!utf8_valid(out, n))
        return err_set(e, PD_EINVAL, field, "is not valid UTF-8");
    return PD_OK;
}

static const char *const area_kinds[] = {NULL, "cluster", "wijk", "buurt"};
static const char *const team_kinds[] = {NULL, "expert_team", "neighbourhood_team", "other"};

const char *area_kind_code(enum area_kind k)
{
    return (k >= AREA_CLUSTER && k <= AREA_BUURT) ? area_kinds[k] : NULL;
}

int area_kind_parse(const char *s, enum area_kind *k)
{
    for (int i = AREA_CLUSTER; i <= AREA_BUURT; i++)
        if (s && strcmp(s, area_kinds[i]) == 0) {
            *k = (enum area_kind)i;
            return PD_OK;
        }
    return PD_EINVAL;
}

const char *team_kind_code(enum team_kind k)
{
    return (k >= TEAM_EXPERT && k <= TEAM_OTHER) ? team_kinds[k] : NULL;
}

int team_kind_parse(const char *s, enum team_kind *k)
{
    for (int i = TEAM_EXPERT; i <= TEAM_OTHER; i++)
        if (s && strcmp(s, team_kinds[i]) == 0) {
            *k = (enum team_kind)i;
            return PD_OK;
        }
    return PD_EINVAL;
}
