/* domain_password.c: the password policy, on both sides of each limit. */
#include <string.h>

#include "domain/password.h"
#include "tap.h"

static int check(const char *pw)
{
    struct pd_err e;
    err_clear(&e);
    return password_check_policy(pw, strlen(pw), "password", &e);
}

int main(void)
{
    char buf[600];

    is_int(check("abcdefg"), PD_EINVAL, "7 characters is too short");
    is_int(check("kqzvbnwt"), PD_OK, "8 characters is enough");
    memset(buf, 'x', 128);
    buf[128] = 0;
    buf[0] = 'q';
    is_int(check(buf), PD_OK, "128 characters is allowed");
    buf[128] = 'y';
    buf[129] = 0;
    is_int(check(buf), PD_EINVAL, "129 characters is too long");
    /* 8 code points of 2 bytes each: counted as 8 characters, not 16 bytes */
    is_int(check("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"), PD_EINVAL,
           "7 accented letters (14 bytes) are still too short");
    is_int(check("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"), PD_OK,
           "8 accented letters are enough");
    is_int(check("password"), PD_EINVAL, "a common password is refused");
    is_int(check("PassWord1"), PD_EINVAL, "case does not save a common password");
    is_int(check("wachtwoord"), PD_EINVAL, "Dutch common passwords too");
    is_int(check("ervaring-telt"), PD_OK, "the demo passphrase passes");
    is_int(check("\xff\xfe invalid utf8"), PD_EINVAL, "invalid UTF-8 is refused");
    is_int(check("no rules: lower case only is fine"), PD_OK, "no composition rules");
    return done_testing();
}
