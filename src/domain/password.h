/*
 * password.h: the password policy of SECURITY.md 13 (ASVS 6.2): 8..128 characters
 * (code points, not bytes), no composition rules, not on the common-password list,
 * verified exactly as typed. Pure; the hashing itself is in app/auth.c.
 */
#ifndef PD_PASSWORD_H
#define PD_PASSWORD_H

#include <stddef.h>

#include "../lib/err.h"

/* PD_OK or PD_EINVAL with field set to `field` and a reason a person understands. */
int password_check_policy(const char *pw, size_t n, const char *field, struct pd_err *e);

#endif
