/*
 * app_reports.c: the pure parts of the manager's reports (docs/reports.md): small-cell
 * suppression (1 to 4 is "<5", 0 and 5+ are shown), the nearest-rank percentile (the value
 * at rank ceil(p * n / 100) of the sorted values, never an interpolation), the share with
 * two decimals rounded half up, and the CSV of a report (header row, CRLF, quoting, no
 * formula injection).
 */
#include <stdlib.h>
#include <string.h>

#include "app/reports.h"
#include "tap.h"

static int64_t pct(const int64_t *in, size_t n, int p)
{
    int64_t v[32];
    memcpy(v, in, n * sizeof(*v));
    return report_percentile(v, n, p);
}

int main(void)
{
    subtest("suppression")
    {
        ok(!report_suppressed(0), "0 is shown");
        for (int n = 1; n <= 4; n++)
            ok(report_suppressed(n), "%d is withheld", n);
        ok(!report_suppressed(5), "5 is shown");
        ok(!report_suppressed(1000), "1000 is shown");
        char b[24];
        is_str(report_count_text(0, b), "0", "0 as text");
        is_str(report_count_text(3, b), "<5", "3 as text");
        is_str(report_count_text(5, b), "5", "5 as text");
        json_t *j = report_count_json(4);
        is_str(json_string_value(j), "<5", "4 as JSON is the string <5");
        json_decref(j);
        j = report_count_json(0);
        ok(json_is_integer(j) && json_integer_value(j) == 0, "0 as JSON is the number 0");
        json_decref(j);
        j = report_count_json(7);
        ok(json_is_integer(j) && json_integer_value(j) == 7, "7 as JSON is the number 7");
        json_decref(j);
    }
    subtest("nearest-rank percentile")
    {
        static const int64_t six[] = {14, 0, 7, 2, 3, 1};
        is_int(pct(six, 6, 50), 2, "median of 0 1 2 3 7 14: rank 3");
        is_int(pct(six, 6, 90), 14, "p90 of six: rank ceil(5.4) = 6");
        static const int64_t five[] = {5, 1, 4, 2, 3};
        is_int(pct(five, 5, 50), 3, "median of 1..5: rank 3");
        is_int(pct(five, 5, 90), 5, "p90 of five: rank ceil(4.5) = 5");
        static const int64_t ten[] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        is_int(pct(ten, 10, 50), 5, "median of 1..10: rank 5, not 5.5");
        is_int(pct(ten, 10, 90), 9, "p90 of 1..10: rank 9");
        is_int(pct(ten, 10, 100), 10, "p100 is the maximum");
        is_int(pct(ten, 10, 1), 1, "p1 is the minimum");
        static const int64_t one[] = {42};
        is_int(pct(one, 1, 50), 42, "one value is its own median");
        is_int(pct(one, 1, 90), 42, "and its own p90");
        static const int64_t same[] = {0, 0, 0, 0, 0};
        is_int(pct(same, 5, 90), 0, "all zero");
    }
    subtest("share")
    {
        char b[48];
        is_str(report_share(7, 8, b), "0.88", "7/8 rounds half up");
        is_str(report_share(8, 8, b), "1.00", "8/8");
        is_str(report_share(0, 9, b), "0.00", "0/9");
        is_str(report_share(1, 3, b), "0.33", "1/3");
        is_str(report_share(2, 3, b), "0.67", "2/3");
    }
    subtest("csv")
    {
        struct report_count rows[] = {{"2026-10", "2026-10", 12},
                                      {"x", "Team \"Noord\", oost", 3},
                                      {NULL, NULL, 0},
                                      {"y", "=HYPERLINK(\"evil\")", 5}};
        struct report_requests q = {.by = "team", .rows = rows, .n = 4, .total = 20};
        struct buf b;
        buf_init(&b, 4096);
        report_requests_csv(&q, &b);
        is_str(buf_cstr(&b),
               "team,label,count\r\n2026-10,2026-10,12\r\nx,\"Team \"\"Noord\"\", oost\",<5\r\n"
               ",,0\r\ny,\"'=HYPERLINK(\"\"evil\"\")\",5\r\ntotal,,20\r\n",
               "header, quoting, suppression, formula guard");
        buf_reset(&b);
        struct report_reach r = {.generalists = 8, .reached = 3};
        report_reach_csv(&r, &b);
        is_str(buf_cstr(&b), "generalists,reached,share\r\n8,<5,\r\n",
               "a withheld count leaves the share out");
        buf_reset(&b);
        struct report_time t = {.requests = 6,
                                .to_assignment = {.n = 6, .shown = true, .median = 2, .p90 = 14},
                                .to_first_contact = {.n = 3}};
        report_time_csv(&t, &b);
        is_str(buf_cstr(&b),
               "figure,requests,median_days,p90_days\r\nrequests,6,,\r\n"
               "to_assignment,6,2,14\r\nto_first_contact,<5,,\r\n",
               "time to match");
        buf_release(&b);
    }
    return done_testing();
}
