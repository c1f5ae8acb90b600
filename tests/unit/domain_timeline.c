/* domain_timeline.c: the evaluation prompt on both sides of the 90-day boundary, the
 * planned-but-passed prompt, stabilising goals, and exact day arithmetic. */
#include <string.h>

#include "domain/timeline.h"
#include "lib/limits.h"
#include "tap.h"

int main(void)
{
    int64_t a, b;
    const char *since;

    subtest("day numbers")
    {
        ok(timeline_day_number("1970-01-01", &a) && a == 0, "the epoch is day 0");
        ok(timeline_day_number("2024-03-01", &a) && timeline_day_number("2024-02-28", &b) &&
               a - b == 2,
           "2024 is a leap year");
        ok(timeline_day_number("2023-03-01", &a) && timeline_day_number("2023-02-28", &b) &&
               a - b == 1,
           "2023 is not");
        ok(timeline_day_number("2025-01-01", &a) && timeline_day_number("2024-12-31", &b) &&
               a - b == 1,
           "across a year end");
        ok(!timeline_day_number("2024-02-30", &a), "an impossible date is refused");
        ok(!timeline_day_number("2024-2-3", &a), "a short date is refused");
        ok(!timeline_day_number(NULL, &a), "no date is refused");
    }
    subtest("no activity: both sides of the boundary")
    {
        /* 2024-01-01 + 90 days = 2024-03-31 (31 + 29 + 30). */
        struct due_facts f = {
            .progress_goal = true, .opened_on = "2023-06-01", .last_note_on = "2024-01-01"};
        is_int(timeline_due(&f, "2024-03-30", LIMIT_DUE_DAYS, &since), DUE_NONE, "89 days: quiet");
        is_str(since, "2024-01-01", "quiet since the last note");
        is_int(timeline_due(&f, "2024-03-31", LIMIT_DUE_DAYS, NULL), DUE_NO_ACTIVITY,
               "90 days: prompt");
        is_int(timeline_due(&f, "2024-04-01", LIMIT_DUE_DAYS, NULL), DUE_NO_ACTIVITY,
               "91 days: prompt");
        f.last_held_on = "2024-02-01";
        is_int(timeline_due(&f, "2024-03-31", LIMIT_DUE_DAYS, &since), DUE_NONE,
               "a held evaluation counts as activity");
        is_str(since, "2024-02-01", "quiet since the evaluation");
        f.progress_goal = false;
        is_int(timeline_due(&f, "2025-01-01", LIMIT_DUE_DAYS, NULL), DUE_NONE,
               "a stabilising goal never prompts for lack of progress");
    }
    subtest("a new dossier counts from its opening")
    {
        struct due_facts f = {.progress_goal = true, .opened_on = "2024-01-01"};
        is_int(timeline_due(&f, "2024-03-30", LIMIT_DUE_DAYS, NULL), DUE_NONE, "89 days open");
        is_int(timeline_due(&f, "2024-03-31", LIMIT_DUE_DAYS, NULL), DUE_NO_ACTIVITY,
               "90 days open without a note");
    }
    subtest("a planned evaluation passed")
    {
        struct due_facts f = {.progress_goal = false,
                              .opened_on = "2024-01-01",
                              .last_note_on = "2024-03-01",
                              .overdue_planned = "2024-03-10"};
        is_int(timeline_due(&f, "2024-03-10", LIMIT_DUE_DAYS, NULL), DUE_NONE,
               "on the planned day itself: not yet");
        is_int(timeline_due(&f, "2024-03-11", LIMIT_DUE_DAYS, NULL), DUE_PLANNED_PASSED,
               "the day after: prompt, whatever the goal");
        is_str(due_reason_code(DUE_PLANNED_PASSED), "planned_passed", "code");
        is_str(due_reason_code(DUE_NO_ACTIVITY), "no_activity", "code");
        is_str(due_reason_code(DUE_NONE), "none", "code");
    }
    return done_testing();
}
