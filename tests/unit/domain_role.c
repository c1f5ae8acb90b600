/* domain_role.c: the role table, parsing role lists, and the default second-factor set. */
#include "domain/role.h"
#include "tap.h"

int main(void)
{
    struct pd_err e;
    unsigned mask = 0;

    subtest("table")
    {
        is_int(ROLE_COUNT, 10, "ten roles");
        unsigned all = 0;
        for (size_t i = 0; i < ROLE_COUNT; i++)
            all |= role_table[i].role;
        is_int(all, ROLE_ALL, "ROLE_ALL is every role bit");
        ok(role_by_code("privacy_officer", 15) != NULL, "privacy_officer is a role");
        ok(role_by_code("privacy", 7) == NULL, "a prefix is not a role");
        is_str(role_code(ROLE_EXPERT), "expert", "code of ROLE_EXPERT");
    }
    subtest("parse")
    {
        err_clear(&e);
        is_int(role_parse_list("generalist,expert", "role", &mask, &e), PD_OK, "two roles");
        is_int(mask, ROLE_GENERALIST | ROLE_EXPERT, "a part-time generalist and expert");
        is_int(role_parse_list(" coach , trainer ", "role", &mask, &e), PD_OK, "spaces allowed");
        is_int(mask, ROLE_COACH | ROLE_TRAINER, "coach and trainer");
        err_clear(&e);
        is_int(role_parse_list("generalist,wizard", "role", &mask, &e), PD_EINVAL,
               "an unknown role is refused");
        is_str(e.field, "role", "the error names the field");
        ok(strstr(e.detail, "wizard") != NULL, "and the bad value");
        err_clear(&e);
        is_int(role_parse_list("", "role", &mask, &e), PD_EINVAL, "an empty list is refused");
        err_clear(&e);
        is_int(role_parse_list("expert,", "role", &mask, &e), PD_EINVAL, "a trailing comma too");
        err_clear(&e);
        is_int(role_parse_list("expert generalist", "role", &mask, &e), PD_EINVAL,
               "roles are separated by commas");
    }
    subtest("second factor")
    {
        unsigned t = role_default_totp_mask();
        ok(t & ROLE_GENERALIST, "generalists need a second factor");
        ok(t & ROLE_EXPERT, "experts need a second factor");
        ok(t & ROLE_PRIVACY_OFFICER, "privacy officers need a second factor");
        ok(!(t & ROLE_STUDENT), "students do not reach client data");
        ok(!(t & ROLE_MANAGER), "managers see aggregates only");
        is_int(role_primary(ROLE_EXPERT | ROLE_GENERALIST), ROLE_GENERALIST,
               "primary role is the first in table order");
    }
    return done_testing();
}
