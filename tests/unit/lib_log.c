/* lib_log.c: one escaped logfmt line per event on stderr, with the syslog prefix, and
 * the level filter. stderr is pointed at a temporary file while a message is written. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/log.h"
#include "tap.h"

static char captured[8192];

/* Point stderr at a fresh temporary file; returns its descriptor, or -1. */
static int capture_begin(int *saved)
{
    char path[] = "/tmp/peerdesk-log-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    unlink(path);
    fflush(stderr);
    *saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    return fd;
}

/* Restore stderr and read what was written into `captured`; returns its length. */
static size_t capture_end(int fd, int saved)
{
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    ssize_t n = pread(fd, captured, sizeof(captured) - 1, 0);
    close(fd);
    captured[n > 0 ? n : 0] = '\0';
    return n > 0 ? (size_t)n : 0;
}

/* Quotes that are not escaped by a backslash. */
static int count_bare_quotes(const char *s)
{
    int n = 0;
    for (; *s; s++) {
        if (*s == '\\' && s[1])
            s++;
        else
            n += *s == '"';
    }
    return n;
}

static int count_char(const char *s, char c)
{
    int n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

int main(void)
{
    int saved, fd;

    subtest("one escaped line")
    {
        log_set_level(LOG_INFO);
        fd = capture_begin(&saved);
        ok(fd >= 0, "stderr redirected to a temporary file");
        log_msg(LOG_INFO, "0190a6d4-8b1e-7c3a-9f00-0123456789ab",
                "user said \"hi\"\n<3>ts=x level=error msg=\"forged\" path=C:\\tmp\x01");
        size_t n = capture_end(fd, saved);
        printf("# %s", captured);
        ok(n > 0 && captured[n - 1] == '\n', "the line ends in a newline");
        is_int(count_char(captured, '\n'), 1, "a newline in the message does not start a line");
        ok(strncmp(captured, "<6>", 3) == 0, "LOG_INFO starts with <6>");
        ok(strstr(captured, " level=info ") != NULL, "level=info");
        ok(strstr(captured, " trace=0190a6d4-8b1e-7c3a-9f00-0123456789ab ") != NULL,
           "trace= with the trace id");
        ok(strstr(captured, "ts=") == captured + 3, "ts= right after the prefix");
        ok(strstr(captured, "msg=\"user said \\\"hi\\\"") != NULL, "the quotes are escaped");
        ok(strstr(captured, "C:\\\\tmp") != NULL, "the backslash is escaped");
        ok(strstr(captured, "\\x01") != NULL, "a control character is written as \\x01");
        ok(strstr(captured, "\\x0a<3>") != NULL, "the newline is written as \\x0a");
        is_int(count_bare_quotes(captured), 2, "the only bare quotes are msg's own pair");
        ok(strcmp(captured + n - 2, "\"\n") == 0, "msg's closing quote ends the line");
    }
    subtest("levels")
    {
        fd = capture_begin(&saved);
        log_msg(LOG_WARN, NULL, "w");
        capture_end(fd, saved);
        ok(strncmp(captured, "<4>", 3) == 0 && strstr(captured, " level=warn "), "warn is <4>");
        ok(strstr(captured, " trace=- ") != NULL, "a NULL trace is written as -");
        fd = capture_begin(&saved);
        log_msg(LOG_ERROR, NULL, "e");
        capture_end(fd, saved);
        ok(strncmp(captured, "<3>", 3) == 0 && strstr(captured, " level=error "), "error is <3>");

        log_set_level(LOG_WARN);
        is_int(log_get_level(), LOG_WARN, "log_get_level reads back the level");
        fd = capture_begin(&saved);
        log_msg(LOG_INFO, NULL, "quiet");
        log_debug("quieter");
        size_t n = capture_end(fd, saved);
        is_int(n, 0, "at LOG_WARN, info and debug write nothing");
        fd = capture_begin(&saved);
        log_warn("loud %d", 1);
        log_error("louder");
        capture_end(fd, saved);
        is_int(count_char(captured, '\n'), 2, "while warn and error are written");
        log_set_level(LOG_DEBUG);
        fd = capture_begin(&saved);
        log_debug("chatty");
        capture_end(fd, saved);
        ok(strncmp(captured, "<7>", 3) == 0 && strstr(captured, " level=debug "),
           "at LOG_DEBUG, debug is written as <7>");
        fd = capture_begin(&saved);
        log_msg(LOG_OFF, NULL, "nothing is logged at the off level");
        n = capture_end(fd, saved);
        is_int(n, 0, "a message at LOG_OFF writes nothing, even at LOG_DEBUG");
        log_set_level(LOG_OFF);
        fd = capture_begin(&saved);
        log_error("silenced");
        n = capture_end(fd, saved);
        is_int(n, 0, "at LOG_OFF even errors write nothing");
        log_set_level(LOG_INFO);
    }
    subtest("long input")
    {
        char big[3000];
        memset(big, 'm', sizeof(big) - 1);
        big[sizeof(big) - 1] = '\0';
        fd = capture_begin(&saved);
        log_info("%s", big);
        size_t n = capture_end(fd, saved);
        is_int(count_char(captured, '\n'), 1, "a 3000-byte message is still one line");
        ok(n > 0 && strcmp(captured + n - 2, "\"\n") == 0, "cut, but the quote is closed");
        memset(big, '\n', sizeof(big) - 1);
        fd = capture_begin(&saved);
        log_info("%s", big);
        n = capture_end(fd, saved);
        is_int(count_char(captured, '\n'), 1, "3000 newlines (escaped 4x) are still one line");
        ok(n > 0 && strcmp(captured + n - 2, "\"\n") == 0, "cut, and the quote still closed");

        /* A trace id longer than the line buffer: run in a child, so an overflow shows
         * up as a failed check here rather than ending the whole test program. */
        fflush(stdout);
        fd = capture_begin(&saved);
        pid_t pid = fork();
        if (pid == 0) {
            memset(big, 't', sizeof(big) - 1);
            log_msg(LOG_INFO, big, "long trace");
            _exit(0);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        n = capture_end(fd, saved);
        ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "a trace longer than the line buffer is written without overflowing it");
        if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
            printf("# child: %.300s\n", captured);
        ok(strncmp(captured, "<6>", 3) == 0 && count_char(captured, '\n') == 1,
           "and is one log line");

        fd = capture_begin(&saved);
        log_msg(LOG_INFO, "t1\n<3>ts=x level=error msg=\"forged\"", "trace with a newline");
        capture_end(fd, saved);
        is_int(count_char(captured, '\n'), 1, "a newline in the trace does not start a line");
    }
    return done_testing();
}
