/*
 * app_rights.c: the deadline arithmetic of the rights register (docs/client-rights.md):
 * a period in months ends on the same date of the later month, or on that month's last
 * day when it has no such date; and the deadline status of a request as computed for a
 * given day (overdue, due within 7 days, on time, closed).
 */
#include <string.h>

#include "app/rights.h"
#include "tap.h"

static json_t *status_on(const char *today, const char *status, const char *due,
                         const char *extended)
{
    struct rights_request q = {.reference = "AVG-2026-0001",
                               .kind = "access",
                               .received_on = "2026-01-01",
                               .due_on = due,
                               .extended_due_on = extended,
                               .extension_reason = extended ? "veel gegevens" : NULL,
                               .status = status,
                               .done_on = strcmp(status, "open") ? today : NULL,
                               .created_at = "2026-01-01T00:00:00.000Z",
                               .updated_at = "2026-01-01T00:00:00.000Z",
                               .version = 1};
    memcpy(q.id, "01890000-0000-7000-8000-000000000001", UUID_STR_BYTES);
    return rights_request_to_json(&q, today);
}

static void check(const char *today, const char *status, const char *due, const char *ext,
                  const char *want, long days, const char *what)
{
    json_t *j = status_on(today, status, due, ext);
    is_str(json_string_value(json_object_get(j, "deadline_status")), want, "%s", what);
    if (strcmp(want, "closed") == 0)
        ok(json_is_null(json_object_get(j, "days_left")), "%s: no days left when closed", what);
    else
        is_int(json_integer_value(json_object_get(j, "days_left")), days, "%s: days left", what);
    json_decref(j);
}

int main(void)
{
    struct arena a;
    arena_init(&a);
    subtest("one month after receipt")
    {
        is_str(rights_add_months(&a, "2026-03-15", 1), "2026-04-15", "15 March: 15 April");
        is_str(rights_add_months(&a, "2026-01-31", 1), "2026-02-28", "31 Jan: 28 Feb");
        is_str(rights_add_months(&a, "2028-01-31", 1), "2028-02-29", "in a leap year: 29 Feb");
        is_str(rights_add_months(&a, "2026-12-10", 1), "2027-01-10", "over the year's end");
        is_str(rights_add_months(&a, "2026-11-30", 3), "2027-02-28", "3 months from 30 Nov");
        is_str(rights_add_months(&a, "2026-05-31", 3), "2026-08-31", "31 May + 3: 31 Aug");
        ok(rights_add_months(&a, "2026-02-30", 1) == NULL, "not a date: NULL");
    }
    subtest("deadline status")
    {
        check("2026-02-01", "open", "2026-02-01", NULL, "due_soon", 0, "due today");
        check("2026-02-02", "open", "2026-02-01", NULL, "overdue", -1, "a day late");
        check("2026-01-25", "open", "2026-02-01", NULL, "due_soon", 7, "7 days left");
        check("2026-01-24", "open", "2026-02-01", NULL, "on_time", 8, "8 days left");
        check("2026-02-10", "open", "2026-02-01", "2026-04-01", "on_time", 50,
              "the extended deadline applies");
        check("2026-05-01", "done", "2026-02-01", NULL, "closed", 0, "closed late is closed");
    }
    arena_release(&a);
    return done_testing();
}
