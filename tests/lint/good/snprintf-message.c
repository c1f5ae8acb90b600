/* path: src/app/x.c */
#include <stdio.h>

void greet(char *out, size_t n, const char *name);

void greet(char *out, size_t n, const char *name)
{
    snprintf(out, n, "Hello %s, please select a role from the list", name);
}
