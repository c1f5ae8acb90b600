/*
 * app_report_table.c: the one shape of the table reports (app/report_table.c,
 * docs/reports.md): fixed decimals rounded half up in integer arithmetic, small-cell
 * suppression and withheld derived figures, and the JSON and CSV of one table carrying the
 * same figures (header, group column with split, total line, quoting, formula guard).
 */
#include <stdlib.h>
#include <string.h>

#include "app/report_table.h"
#include "lib/json.h"
#include "tap.h"

static const struct rt_col cols[] = {{"n", RT_COUNT},
                                     {"days", RT_DAYS},
                                     {"hours", RT_HOURS},
                                     {"ratio", RT_RATIO},
                                     {"share", RT_SHARE}};

static char *dump(json_t *j)
{
    size_t len;
    char *s = pdjson_dump(j, &len);
    json_decref(j);
    return s;
}

int main(void)
{
    subtest("decimals, rounded half up")
    {
        char b[48];
        is_str(rt_decimal(7, 8, 2, b), "0.88", "7/8 = 0.875 -> 0.88");
        is_str(rt_decimal(1, 8, 2, b), "0.13", "1/8 = 0.125 -> 0.13 (half up, not to even)");
        is_str(rt_decimal(225, 60, 1, b), "3.8", "225 minutes = 3.75 h -> 3.8");
        is_str(rt_decimal(224, 60, 1, b), "3.7", "224 minutes = 3.733 h -> 3.7");
        is_str(rt_decimal(695, 60, 1, b), "11.6", "695 minutes -> 11.6");
        is_str(rt_decimal(500, 300, 1, b), "1.7", "5 per 3.00 FTE -> 1.7");
        is_str(rt_decimal(0, 7, 1, b), "0.0", "zero");
        is_str(rt_decimal(30, 1, 1, b), "30.0", "a whole number keeps its decimal");
        is_str(rt_decimal(5, 10, 0, b), "1", "0.5 with no decimals -> 1");
        is_str(rt_decimal(1, 3, 2, b), "0.33", "1/3");
        is_str(rt_decimal(2, 3, 2, b), "0.67", "2/3");
        /* 0.15 is not exact in binary floating point: integers make it 0.2, not 0.1 */
        is_str(rt_decimal(15, 100, 1, b), "0.2", "0.15 -> 0.2");
        is_str(rt_decimal(105, 1000, 2, b), "0.11", "0.105 -> 0.11");
        is_str(rt_decimal(2000000000LL * 60, 60, 1, b), "2000000000.0", "large values");
        is_str(report_share(7, 8, b), "0.88", "report_share is two decimals");
    }
    subtest("cells: suppression and withheld figures")
    {
        struct rt_cell c;
        rt_frac(&c, 3, 4, false);
        ok(!c.null && c.num == 3 && c.den == 4, "a fraction");
        rt_frac(&c, 3, 0, false);
        ok(c.null, "no denominator: null");
        rt_frac(&c, 3, 4, true);
        ok(c.null, "withheld: null");
        ok(rt_withheld(3, 10), "derived from a count of 3: withheld");
        ok(rt_withheld(10, 1), "derived from a count of 1: withheld");
        ok(!rt_withheld(0, 5), "0 and 5 are shown: not withheld");
        int64_t four[] = {9, 1, 5, 3};
        rt_days(&c, four, 4, 50);
        ok(c.null, "a median of four values is null");
        int64_t five[] = {9, 1, 5, 3, 7};
        rt_days(&c, five, 5, 50);
        ok(!c.null && c.num == 5, "the median of five values, nearest rank");
        rt_days(&c, five, 5, 90);
        ok(!c.null && c.num == 9, "their p90: rank ceil(4.5) = 5");
    }
    subtest("one table as JSON and CSV")
    {
        struct arena a;
        arena_init(&a);
        struct report_table t;
        rt_init(&t, &a, "demo", "2026-01-01", "2026-12-31", false, "team", cols, 5);
        struct rt_row *r = rt_add_row(&t, "t1", "Team \"Noord\", oost", NULL, NULL);
        rt_count(&r->v[0], 12);
        int64_t d[] = {4, 2, 8, 6, 10};
        rt_days(&r->v[1], d, 5, 50);
        rt_frac(&r->v[2], 90, 60, false);
        rt_frac(&r->v[3], 500, 300, false);
        rt_frac(&r->v[4], 7, 8, false);
        r = rt_add_row(&t, NULL, "=HYPERLINK(\"x\")", "v", NULL);
        rt_count(&r->v[0], 3);
        rt_null(&r->v[1]);
        rt_frac(&r->v[2], 30, 60, rt_withheld(3, 0));
        rt_frac(&r->v[3], 1, 3, true);
        rt_frac(&r->v[4], 0, 5, false);
        struct rt_cell *tot = rt_total(&t);
        rt_count(&tot[0], 0);
        rt_null(&tot[1]);
        rt_frac(&tot[2], 0, 60, false);
        rt_frac(&tot[3], 0, 0, false);
        rt_frac(&tot[4], 1, 1, false);

        char *j = dump(report_table_json(&t));
        ok(strstr(j, "\"report\":\"demo\"") && strstr(j, "\"split\":null") &&
               strstr(j, "\"period\":{\"from\":\"2026-01-01\",\"to\":\"2026-12-31\"}"),
           "report, split and period");
        ok(strstr(j, "{\"key\":\"hours\",\"kind\":\"hours\"}") != NULL, "columns with kinds");
        ok(strstr(j, "\"values\":{\"n\":12,\"days\":6,\"hours\":\"1.5\",\"ratio\":\"1.7\","
                     "\"share\":\"0.88\"}") != NULL,
           "a row's values by kind: %s", j);
        ok(strstr(j, "\"key\":null,\"label\":\"=HYPERLINK(\\\"x\\\")\",\"vocab\":\"v\",\"group\":"
                     "null,\"values\":{\"n\":\"<5\",\"days\":null,\"hours\":null,\"ratio\":null,"
                     "\"share\":\"0.00\"}") != NULL,
           "a withheld count, null cells");
        ok(strstr(j, "\"total\":{\"n\":0,\"days\":null,\"hours\":\"0.0\",\"ratio\":null,"
                     "\"share\":\"1.00\"}") != NULL,
           "the total; 0 stays 0");
        free(j);

        struct buf b;
        buf_init(&b, 4096);
        report_table_csv(&t, &b);
        is_str(buf_cstr(&b),
               "team,label,n,days,hours,ratio,share\r\n"
               "t1,\"Team \"\"Noord\"\", oost\",12,6,1.5,1.7,0.88\r\n"
               ",\"'=HYPERLINK(\"\"x\"\")\",<5,,,,0.00\r\n"
               "total,,0,,0.0,,1.00\r\n",
               "CSV: header, quoting, formula guard, <5, empty for null, total line");

        t.split = true;
        t.rows[0].group = "hbo";
        t.rows[1].group = "none";
        buf_reset(&b);
        report_table_csv(&t, &b);
        is_str(buf_cstr(&b),
               "team,label,group,n,days,hours,ratio,share\r\n"
               "t1,\"Team \"\"Noord\"\", oost\",hbo,12,6,1.5,1.7,0.88\r\n"
               ",\"'=HYPERLINK(\"\"x\"\")\",none,<5,,,,0.00\r\n"
               "total,,,0,,0.0,,1.00\r\n",
               "with split: a group column, and an empty group on the total line");
        j = dump(report_table_json(&t));
        ok(strstr(j, "\"split\":\"level\"") && strstr(j, "\"group\":\"hbo\""),
           "with split: split level and the rows' groups");
        free(j);

        t.total = NULL;
        buf_reset(&b);
        report_table_csv(&t, &b);
        ok(strstr(buf_cstr(&b), "total,") == NULL, "no total: no total line");
        j = dump(report_table_json(&t));
        ok(strstr(j, "\"total\":null") != NULL, "no total: null");
        free(j);
        buf_release(&b);
        arena_release(&a);
    }
    subtest("many rows grow the table")
    {
        struct arena a;
        arena_init(&a);
        struct report_table t;
        rt_init(&t, &a, "many", "2026-01-01", "2026-01-31", false, "code", cols, 1);
        for (int i = 0; i < 100; i++)
            rt_count(&rt_add_row(&t, arena_printf(&a, "c%d", i), NULL, NULL, NULL)->v[0], i);
        ok(t.nrows == 100 && t.rows[99].v[0].num == 99 && strcmp(t.rows[0].key, "c0") == 0,
           "100 rows kept in order");
        arena_release(&a);
    }
    return done_testing();
}
