/*
 * tap.h: a tiny Test Anything Protocol harness for the C unit tests, run by `prove`.
 *
 * Each test program #includes what it tests, calls ok()/is_int()/is_str() and ends with
 * `return done_testing();`. subtest() groups checks under a name in the output.
 */
#ifndef PD_TAP_H
#define PD_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;
static const char *tap_group = "";

static inline int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    tap_count++;
    printf("%sok %d - %s%s", cond ? "" : "not ", tap_count, tap_group, *tap_group ? ": " : "");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond) {
        tap_failed++;
        printf("#   Failed at %s line %d\n", file, line);
    }
    fflush(stdout);
    return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...)                                                                     \
    do {                                                                                           \
        long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);                           \
        if (!tap_ok(tap_g_ == tap_w_, __FILE__, __LINE__, __VA_ARGS__))                            \
            printf("#          got: %lld\n#     expected: %lld\n", tap_g_, tap_w_);                \
    } while (0)

#define is_str(got, want, ...)                                                                     \
    do {                                                                                           \
        const char *tap_g_ = (got), *tap_w_ = (want);                                              \
        int tap_c_ = (tap_g_ && tap_w_) ? strcmp(tap_g_, tap_w_) == 0 : tap_g_ == tap_w_;          \
        if (!tap_ok(tap_c_, __FILE__, __LINE__, __VA_ARGS__))                                      \
            printf("#          got: '%s'\n#     expected: '%s'\n", tap_g_ ? tap_g_ : "(null)",     \
                   tap_w_ ? tap_w_ : "(null)");                                                    \
    } while (0)

#define subtest(name)                                                                              \
    for (int tap_once_ = (tap_group = (name), 1); tap_once_; tap_once_ = 0, tap_group = "")

static inline int done_testing(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
