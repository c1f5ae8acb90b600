/* domain_request.c: the request state machine, every cell of the transition table. */
#include <string.h>

#include "domain/request.h"
#include "tap.h"

int main(void)
{
    struct pd_err e;

    subtest("codes")
    {
        for (int s = REQ_STATUS_FIRST; s <= REQ_STATUS_LAST; s++) {
            enum request_status back = 0;
            err_clear(&e);
            is_int(request_status_parse(request_status_code(s), &back, "status", &e), PD_OK,
                   "%s parses", request_status_code(s));
            is_int(back, s, "%s round-trips", request_status_code(s));
        }
        enum request_status x;
        err_clear(&e);
        is_int(request_status_parse("assigend", &x, "status", &e), PD_EINVAL, "a typo is refused");
        is_str(e.field, "status", "naming the field");
        err_clear(&e);
        is_int(request_status_parse(NULL, &x, "status", &e), PD_EINVAL, "no value is refused");
        ok(request_status_code(0) == NULL && request_status_code(REQ_STATUS_LAST + 1) == NULL,
           "values outside the enum have no code");
    }
    subtest("the full table")
    {
        /* The expected table, written out again so a change to request.c shows here. */
        static const char *const allowed[] = {
            "submitted>in_review",  "in_review>assigned", "in_review>advice_only",
            "in_review>redirected", "in_review>declined", NULL,
        };
        int moves = 0;
        for (int from = REQ_STATUS_FIRST; from <= REQ_STATUS_LAST; from++)
            for (int to = REQ_STATUS_FIRST; to <= REQ_STATUS_LAST; to++) {
                char key[64];
                snprintf(key, sizeof(key), "%s>%s", request_status_code(from),
                         request_status_code(to));
                bool want = false;
                for (int i = 0; allowed[i]; i++)
                    want = want || strcmp(allowed[i], key) == 0;
                err_clear(&e);
                int rc = request_transition(from, to, &e);
                if (want) {
                    is_int(rc, PD_OK, "%s is allowed", key);
                    moves++;
                } else {
                    char detail[96];
                    snprintf(detail, sizeof(detail), "cannot go from %s to %s",
                             request_status_code(from), request_status_code(to));
                    is_int(rc, PD_ECONFLICT, "%s is a conflict", key);
                    is_str(e.detail, detail, "%s says why", key);
                    is_str(e.field, "status", "%s names status", key);
                }
            }
        is_int(moves, 5, "exactly five moves exist");
        err_clear(&e);
        is_int(request_transition(0, REQ_IN_REVIEW, &e), PD_ECONFLICT, "an unknown state");
        err_clear(&e);
        is_int(request_transition(REQ_IN_REVIEW, 99, &e), PD_ECONFLICT, "an unknown target");
    }
    subtest("open and outcome")
    {
        ok(request_status_open(REQ_SUBMITTED) && request_status_open(REQ_IN_REVIEW),
           "submitted and in review are open");
        for (int s = REQ_ASSIGNED; s <= REQ_DECLINED; s++) {
            ok(!request_status_open(s), "%s is closed", request_status_code(s));
            ok(request_status_outcome(s), "%s is an outcome", request_status_code(s));
        }
        ok(!request_status_outcome(REQ_SUBMITTED) && !request_status_outcome(REQ_IN_REVIEW),
           "the open states are no outcome");
    }
    return done_testing();
}
