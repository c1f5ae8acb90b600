/*
 * password.c: the password policy. Length counts code points, so a passphrase in any
 * script is measured as people see it. There are no composition rules (ASVS 6.2.5): a
 * long passphrase beats "Welkom01!", which is why the common-password list (data/,
 * embedded at build time) matters more than character classes.
 */
#include "password.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/str.h"

extern const char *const common_passwords[];
extern const size_t common_passwords_count;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_common(const char *pw, size_t n)
{
    char lower[LIMIT_PASSWORD_MAX_CHARS * 4 + 1];
    if (n >= sizeof(lower))
        return false;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)tolower((unsigned char)pw[i]);
    lower[n] = '\0';
    const char *key = lower;
    return bsearch(&key, common_passwords, common_passwords_count, sizeof(char *), cmp_str) != NULL;
}

int password_check_policy(const char *pw, size_t n, const char *field, struct pd_err *e)
{
    if (!utf8_valid(pw, n))
        return err_set(e, PD_EINVAL, field, "is not valid UTF-8");
    if (memchr(pw, '\0', n))
        return err_set(e, PD_EINVAL, field, "contains a NUL character");
    size_t chars = utf8_chars(pw, n);
    if (chars < LIMIT_PASSWORD_MIN_CHARS)
        return err_set(e, PD_EINVAL, field, "must be at least %d characters",
                       LIMIT_PASSWORD_MIN_CHARS);
    if (chars > LIMIT_PASSWORD_MAX_CHARS)
        return err_set(e, PD_EINVAL, field, "must be at most %d characters",
                       LIMIT_PASSWORD_MAX_CHARS);
    if (is_common(pw, n))
        return err_set(e, PD_EINVAL, field,
                       "is one of the most common passwords; choose a longer passphrase");
    return PD_OK;
}
