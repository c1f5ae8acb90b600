/* path: src/app/x.c */
#include <stdio.h>

const char *const hints[] = {
    "Please select a role from the list below",
    "Could not delete from the queue: it is empty",
    "Update your profile and set a new password",
};

void where_hint(char *out, size_t n, const char *place);

void where_hint(char *out, size_t n, const char *place)
{
    snprintf(out, n, "tell us where you are: %s", place);
}
