/*
 * request.h: the life of a deployment request, as a pure state machine (practice.md
 * §2.3 steps 2-3, §7.5).
 *
 *   submitted --review--> in_review --decide--> assigned | advice_only | redirected | declined
 *
 * A generalist submits; a coordinator of the expert team takes it into review and then
 * decides. The four outcomes are final: a new question is a new request. Every other
 * move is PD_ECONFLICT "cannot go from X to Y", so a double click or a stale screen
 * never decides twice. No I/O; thread-safe.
 */
#ifndef PD_REQUEST_H
#define PD_REQUEST_H

#include <stdbool.h>

#include "../lib/err.h"

enum request_status {
    REQ_SUBMITTED = 1,
    REQ_IN_REVIEW,
    REQ_ASSIGNED,
    REQ_ADVICE_ONLY,
    REQ_REDIRECTED, /* to the volunteer / peer-support pool or the recovery college */
    REQ_DECLINED,
};
#define REQ_STATUS_FIRST REQ_SUBMITTED
#define REQ_STATUS_LAST  REQ_DECLINED

/* "submitted", "in_review", "assigned", "advice_only", "redirected", "declined";
 * NULL for a value outside the enum. */
const char *request_status_code(enum request_status s);
/* PD_OK and *out for a known code, else PD_EINVAL naming `field`. */
int request_status_parse(const char *s, enum request_status *out, const char *field,
                         struct pd_err *e);
/* Still waiting for a decision (submitted or in review)? */
bool request_status_open(enum request_status s);
/* Is `to` an outcome a coordinator can decide (assigned .. declined)? */
bool request_status_outcome(enum request_status s);
/* PD_OK when from -> to is allowed, else PD_ECONFLICT (field "status") saying
 * "cannot go from X to Y". */
int request_transition(enum request_status from, enum request_status to, struct pd_err *e);

#endif
