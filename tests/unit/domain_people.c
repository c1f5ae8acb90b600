/* domain_people.c: slugs, names and email addresses. */
#include "domain/people.h"
#include "lib/limits.h"
#include "tap.h"

int main(void)
{
    struct pd_err e;
    char out[LIMIT_EMAIL_BYTES + 1];

    err_clear(&e);
    is_int(org_check_slug("wijkteams-utrecht", "slug", &e), PD_OK, "a good slug");
    is_int(org_check_slug("a", "slug", &e), PD_EINVAL, "one character is too short");
    err_clear(&e);
    is_int(org_check_slug("Wijk", "slug", &e), PD_EINVAL, "capitals are refused");
    err_clear(&e);
    is_int(org_check_slug("9wijk", "slug", &e), PD_EINVAL, "must start with a letter");
    err_clear(&e);
    is_int(org_check_slug("wijk team", "slug", &e), PD_EINVAL, "spaces are refused");

    err_clear(&e);
    is_int(check_name("Youssef El Amrani", "name", &e), PD_OK, "a name");
    is_int(check_name("   ", "name", &e), PD_EINVAL, "blank is refused");
    err_clear(&e);
    is_int(check_name("a\nb", "name", &e), PD_EINVAL, "a newline could forge report lines");
    err_clear(&e);
    is_int(check_name("Ren\xc3\xa9"
                      "e",
                      "name", &e),
           PD_OK, "accents are fine");

    err_clear(&e);
    is_int(email_normalise("Anna.de.Wit@Example.NL", "email", out, &e), PD_OK, "an address");
    is_str(out, "anna.de.wit@example.nl", "lowercased");
    is_int(email_normalise("anna@", "email", out, &e), PD_EINVAL, "no domain");
    err_clear(&e);
    is_int(email_normalise("a@b@c.nl", "email", out, &e), PD_EINVAL, "two @");
    err_clear(&e);
    is_int(email_normalise("anna @x.nl", "email", out, &e), PD_EINVAL, "a space");
    err_clear(&e);
    is_int(email_normalise("anna@localhost", "email", out, &e), PD_EINVAL, "no dot in domain");
    is_str(e.field, "email", "the error names the field");
    return done_testing();
}
