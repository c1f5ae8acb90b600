/* path: src/app/x.c */
#include <stdio.h>
#include <string.h>

/* Never strcpy(dst, src) here: use snprintf(). atoi() too: use strtoll(). */
// sprintf(buf, "x") is banned as well.
static const char *const hint = "do not use strcpy(";
static const char advice[] = "gets( is banned, as is 'gmtime(";

struct s {
    int (*atoi)(const char *);
};

int hint_len(struct s *p);

int hint_len(struct s *p)
{
    char buf[32];
    struct tm tm;
    time_t now = 0;
    gmtime_r(&now, &tm);
    snprintf(buf, sizeof buf, "%s", hint);
    return p->atoi(buf) + (int)strlen(advice);
}
