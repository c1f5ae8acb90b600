/* lib_buf.c: the bounded buffer: the ceiling on both sides, failure leaves it as it was,
 * detach hands over ownership, growth keeps the contents. */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/err.h"
#include "tap.h"

int main(void)
{
    struct buf b;

    subtest("empty")
    {
        buf_init(&b, 16);
        is_str(buf_cstr(&b), "", "a new buffer reads as the empty string");
        is_int(b.len, 0, "and has length 0");
        is_int(buf_append(&b, "", 0), PD_OK, "appending nothing succeeds");
        is_str(buf_cstr(&b), "", "and still reads as empty");
        buf_release(&b);
    }
    subtest("ceiling with append")
    {
        buf_init(&b, 8);
        is_int(buf_append(&b, "abcd", 4), PD_OK, "4 of 8 bytes");
        is_int(buf_append(&b, "efgh", 4), PD_OK, "up to exactly max succeeds");
        is_int(b.len, 8, "len is max");
        is_str(buf_cstr(&b), "abcdefgh", "contents are all there");
        is_int(buf_append(&b, "i", 1), PD_ETOOBIG, "one byte over max fails with PD_ETOOBIG");
        is_int(b.len, 8, "the failed append leaves len unchanged");
        is_str(buf_cstr(&b), "abcdefgh", "and the contents unchanged");
        is_int(buf_putc(&b, 'x'), PD_ETOOBIG, "buf_putc over max fails too");
        is_int(buf_puts(&b, "xyz"), PD_ETOOBIG, "buf_puts over max fails too");
        is_int(buf_append(&b, "", 0), PD_OK, "an empty append at the ceiling is fine");
        is_str(buf_cstr(&b), "abcdefgh", "contents still unchanged");
        buf_release(&b);

        buf_init(&b, 8);
        is_int(buf_append(&b, "abc", 3), PD_OK, "3 bytes");
        is_int(buf_append(&b, "123456", 6), PD_ETOOBIG, "a 6-byte append that would reach 9");
        is_int(b.len, 3, "leaves len at 3");
        is_str(buf_cstr(&b), "abc", "and the contents as they were");
        is_int(buf_append(&b, "12345", 5), PD_OK, "while the 5-byte one that reaches 8 fits");
        is_str(buf_cstr(&b), "abc12345", "and appends");
        is_int(buf_append(&b, "x", SIZE_MAX), PD_ETOOBIG, "a length that overflows size_t fails");
        is_int(b.len, 8, "and changes nothing");
        buf_release(&b);

        buf_init(&b, 0);
        is_int(buf_putc(&b, 'a'), PD_ETOOBIG, "a zero ceiling refuses the first byte");
        is_str(buf_cstr(&b), "", "and stays empty");
        buf_release(&b);
    }
    subtest("ceiling with printf")
    {
        buf_init(&b, 10);
        is_int(buf_printf(&b, "%s-%d", "ab", 1234567), PD_OK, "10 formatted bytes fit max 10");
        is_str(buf_cstr(&b), "ab-1234567", "exactly as formatted");
        is_int(buf_printf(&b, "%d", 1), PD_ETOOBIG, "one more formatted byte fails");
        is_int(b.len, 10, "len unchanged");
        is_str(buf_cstr(&b), "ab-1234567", "contents unchanged");
        buf_reset(&b);
        is_int(b.len, 0, "reset empties");
        is_str(buf_cstr(&b), "", "reset reads as empty");
        is_int(buf_printf(&b, "%05d%06d", 1, 2), PD_ETOOBIG, "11 formatted bytes fail at once");
        is_str(buf_cstr(&b), "", "and leave nothing behind");
        is_int(buf_printf(&b, "%s", ""), PD_OK, "an empty format succeeds");
        is_str(buf_cstr(&b), "", "and reads as empty");
        is_int(buf_puts(&b, "xy"), PD_OK, "two bytes");
        is_int(buf_printf(&b, "[%d]", 42), PD_OK, "printf appends after them");
        is_str(buf_cstr(&b), "xy[42]", "append, not overwrite");
        buf_release(&b);
    }
    subtest("detach")
    {
        size_t len = 99;
        buf_init(&b, 100);
        is_int(buf_puts(&b, "hello"), PD_OK, "fill");
        char *p = buf_detach(&b, &len);
        is_str(p, "hello", "the detached bytes are the contents");
        is_int(len, 5, "with their length");
        ok(b.p == NULL, "the buffer no longer points at them");
        is_int(b.len, 0, "the buffer is reset");
        is_str(buf_cstr(&b), "", "and reads as empty");
        is_int(buf_puts(&b, "again"), PD_OK, "the buffer is usable again, the ceiling kept");
        is_str(buf_cstr(&b), "again", "with new contents");
        is_str(p, "hello", "the detached copy is not touched by later appends");
        free(p); /* ASan reports a leak or double free if ownership were wrong */
        buf_release(&b);

        buf_init(&b, 100);
        len = 99;
        p = buf_detach(&b, &len);
        ok(p != NULL, "detaching an empty buffer gives a string, not NULL");
        is_str(p, "", "the empty string");
        is_int(len, 0, "of length 0");
        free(p);
        p = buf_detach(&b, NULL);
        is_str(p, "", "len may be NULL");
        free(p);
        buf_release(&b);
    }
    subtest("growth")
    {
        enum { N = 10000 };
        buf_init(&b, N);
        int rc = PD_OK;
        for (int i = 0; i < N && rc == PD_OK; i++)
            rc = buf_putc(&b, (char)('a' + i % 26));
        is_int(rc, PD_OK, "10000 single-byte appends succeed");
        is_int(b.len, N, "len counts them all");
        int same = 1;
        for (int i = 0; i < N; i++)
            same &= b.p[i] == (char)('a' + i % 26);
        ok(same, "every byte survived the reallocations");
        ok(b.p[N] == '\0', "NUL-terminated at len");
        is_int(strlen(buf_cstr(&b)), N, "buf_cstr has the whole length");
        ok(b.cap > b.len, "capacity leaves room for the NUL");
        is_int(buf_putc(&b, 'x'), PD_ETOOBIG, "and the ceiling still holds after growth");
        buf_release(&b);
    }
    return done_testing();
}
