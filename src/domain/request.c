/*
 * request.c: the transitions of request.h as one table: allowed[from][to].
 */
#include "request.h"

#include <string.h>

static const char *const status_codes[] = {
    [REQ_SUBMITTED] = "submitted",     [REQ_IN_REVIEW] = "in_review",   [REQ_ASSIGNED] = "assigned",
    [REQ_ADVICE_ONLY] = "advice_only", [REQ_REDIRECTED] = "redirected", [REQ_DECLINED] = "declined",
};

#define NSTATUS (REQ_STATUS_LAST + 1)

/* allowed[from][to]: review takes a submitted request; a decision ends one in review. */
static const bool allowed[NSTATUS][NSTATUS] = {
    [REQ_SUBMITTED] = {[REQ_IN_REVIEW] = true},
    [REQ_IN_REVIEW] = {[REQ_ASSIGNED] = true,
                       [REQ_ADVICE_ONLY] = true,
                       [REQ_REDIRECTED] = true,
                       [REQ_DECLINED] = true},
};

static bool valid(enum request_status s)
{
    return s >= REQ_STATUS_FIRST && s <= REQ_STATUS_LAST;
}

const char *request_status_code(enum request_status s)
{
    return valid(s) ? status_codes[s] : NULL;
}

int request_status_parse(const char *s, enum request_status *out, const char *field,
                         struct pd_err *e)
{
    for (int i = REQ_STATUS_FIRST; s && i <= REQ_STATUS_LAST; i++)
        if (strcmp(status_codes[i], s) == 0) {
            *out = (enum request_status)i;
            return PD_OK;
        }
    return err_set(e, PD_EINVAL, field,
                   "must be submitted, in_review, assigned, advice_only, redirected or declined");
}

bool request_status_open(enum request_status s)
{
    return s == REQ_SUBMITTED || s == REQ_IN_REVIEW;
}

bool request_status_outcome(enum request_status s)
{
    return s >= REQ_ASSIGNED && s <= REQ_DECLINED;
}

int request_transition(enum request_status from, enum request_status to, struct pd_err *e)
{
    if (valid(from) && valid(to) && allowed[from][to])
        return PD_OK;
    return err_set(e, PD_ECONFLICT, "status", "cannot go from %s to %s",
                   valid(from) ? status_codes[from] : "unknown",
                   valid(to) ? status_codes[to] : "unknown");
}
