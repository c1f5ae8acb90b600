/* lib_ptime.c: ISO 8601 UTC times with milliseconds: exact output, exact input (each
 * calendar boundary on both sides), the test clock offset and the monotonic clock. */
#include <string.h>

#include "lib/ptime.h"
#include "tap.h"

static int parse(const char *s, int64_t *ms)
{
    return ptime_parse_iso(s, strlen(s), ms);
}

static int date(const char *s)
{
    int y, m, d;
    return ptime_parse_date(s, strlen(s), &y, &m, &d);
}

int main(void)
{
    char buf[PTIME_ISO_BYTES];
    int64_t ms = 0;

    subtest("format")
    {
        ptime_fmt_iso(1795000000123, buf);
        is_str(buf, "2026-11-18T11:06:40.123Z", "a fixed instant, to the millisecond");
        ptime_fmt_iso(0, buf);
        is_str(buf, "1970-01-01T00:00:00.000Z", "the epoch");
        ptime_fmt_iso(999, buf);
        is_str(buf, "1970-01-01T00:00:00.999Z", "999 ms stay in the first second");
        ptime_fmt_iso(1000, buf);
        is_str(buf, "1970-01-01T00:00:01.000Z", "1000 ms are the next second");
        ptime_fmt_iso(-1, buf);
        is_str(buf, "1969-12-31T23:59:59.999Z", "one millisecond before the epoch");
        ptime_fmt_iso(1709164800000, buf);
        is_str(buf, "2024-02-29T00:00:00.000Z", "a leap day");
        is_int(strlen(buf), PTIME_ISO_BYTES - 1, "PTIME_ISO_BYTES holds the text and its NUL");
    }
    subtest("round trip")
    {
        ok(parse("2026-11-18T11:06:40.123Z", &ms) && ms == 1795000000123, "the fixed instant");
        ok(parse("1970-01-01T00:00:00.000Z", &ms) && ms == 0, "the epoch");
        ok(parse("2024-02-29T23:59:59.999Z", &ms) && ms == 1709251199999, "end of a leap day");
        int64_t samples[] = {1, 86399999, 951782400000, 4102444799999, 1795000000123};
        int same = 1;
        for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
            ptime_fmt_iso(samples[i], buf);
            same &= parse(buf, &ms) && ms == samples[i];
        }
        ok(same, "fmt then parse gives back the same milliseconds");
    }
    subtest("calendar")
    {
        ok(parse("2024-02-29T12:00:00.000Z", &ms), "2024-02-29: leap year");
        ok(!parse("2023-02-29T12:00:00.000Z", &ms), "2023-02-29: common year, refused");
        ok(!parse("2100-02-29T12:00:00.000Z", &ms), "2100-02-29: century, refused");
        ok(parse("2000-02-29T12:00:00.000Z", &ms), "2000-02-29: 400-year, accepted");
        ok(parse("2023-02-28T12:00:00.000Z", &ms), "2023-02-28 accepted");
        ok(!parse("2024-02-30T12:00:00.000Z", &ms), "2024-02-30 refused");
        ok(parse("2026-04-30T00:00:00.000Z", &ms), "30 April accepted");
        ok(!parse("2026-04-31T00:00:00.000Z", &ms), "31 April refused");
        ok(parse("2026-12-31T00:00:00.000Z", &ms), "31 December accepted");
        ok(!parse("2026-13-01T00:00:00.000Z", &ms), "month 13 refused");
        ok(!parse("2026-00-10T00:00:00.000Z", &ms), "month 0 refused");
        ok(!parse("2026-01-00T00:00:00.000Z", &ms), "day 0 refused");
        ok(!parse("2026-01-32T00:00:00.000Z", &ms), "day 32 refused");
        ok(parse("2026-01-01T23:59:59.999Z", &ms), "23:59:59.999 accepted");
        ok(!parse("2026-01-01T24:00:00.000Z", &ms), "hour 24 refused");
        ok(!parse("2026-01-01T12:60:00.000Z", &ms), "minute 60 refused");
        ok(!parse("2026-01-01T12:00:60.000Z", &ms), "second 60 refused");
        ok(date("2024-02-29"), "date: 2024-02-29");
        ok(!date("2023-02-29"), "date: 2023-02-29 refused");
        ok(!date("2100-02-29"), "date: 2100-02-29 refused");
        ok(date("2000-02-29"), "date: 2000-02-29");
        int y = 0, m = 0, d = 0;
        ok(ptime_parse_date("2026-11-22", 10, &y, &m, &d) && y == 2026 && m == 11 && d == 22,
           "date gives year, month and day");
        ok(!date("2026-11-2"), "date: one digit short");
        ok(!date("2026-11-222"), "date: one digit long");
        ok(!date("2026/11/22"), "date: slashes");
        ok(!date("2026-1a-22"), "date: a letter");
        ok(!date("+026-11-22"), "date: a sign");
    }
    subtest("strict shape")
    {
        ok(!parse("2026-11-22T09:30:00.000", &ms), "missing Z refused");
        ok(!parse("2026-11-22T09:30:00Z", &ms), "missing milliseconds refused");
        ok(!parse("2026-11-22T09:30:00.00Z", &ms), "two-digit milliseconds refused");
        ok(!parse("2026-11-22T09:30:00.0000Z", &ms), "four-digit milliseconds refused");
        ok(!parse("2026-11-22t09:30:00.000Z", &ms), "lowercase t refused");
        ok(!parse("2026-11-22T09:30:00.000z", &ms), "lowercase z refused");
        ok(!parse("2026-11-22 09:30:00.000Z", &ms), "a space for T refused");
        ok(!parse("2026-11-22T09:30:00,000Z", &ms), "a comma for the point refused");
        ok(!parse("2026-11-22T09:30:00.000+00:00", &ms), "an offset refused");
        ok(!parse("2026-11-22T9:30:00.000Z", &ms), "a one-digit hour refused");
        ok(!parse("2026-11-22T09:30:0a.000Z", &ms), "a letter in the seconds refused");
        ok(!parse("", &ms), "empty refused");
        ms = 42;
        ok(!ptime_parse_iso("2026-11-22T09:30:00.000Z", 23, &ms), "n one short refused");
    }
    subtest("clocks")
    {
        ptime_set_offset_ms(0);
        int64_t a = ptime_now_ms();
        ok(a > 1700000000000, "ptime_now_ms is a plausible Unix time in ms");
        ptime_set_offset_ms(3600000);
        int64_t b = ptime_now_ms();
        ptime_set_offset_ms(0);
        int64_t c = ptime_now_ms();
        ok(b - a >= 3600000 && b - a < 3600000 + 5000, "a +1 h offset shifts ptime_now_ms by 1 h");
        ok(c - a >= 0 && c - a < 5000, "resetting the offset to 0 brings it back");
        ptime_set_offset_ms(-86400000);
        int64_t d = ptime_now_ms();
        ptime_set_offset_ms(0);
        ok(a - d >= 86400000 - 5000 && a - d <= 86400000, "a negative offset moves it back");
        int mono = 1;
        int64_t prev = ptime_mono_ns();
        for (int i = 0; i < 100000; i++) {
            int64_t now = ptime_mono_ns();
            mono &= now >= prev;
            prev = now;
        }
        ok(mono, "ptime_mono_ns never goes back (100000 reads)");
        ptime_set_offset_ms(-1000000000);
        int64_t m1 = ptime_mono_ns();
        ptime_set_offset_ms(0);
        ok(m1 >= prev, "and is not moved by the wall-clock offset");
    }
    return done_testing();
}
