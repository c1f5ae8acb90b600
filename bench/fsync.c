/*
 * fsync: the fsync-rate baseline of the benchmarks (issue 8, docs/performance.md
 * "Benchmark tools"): how many durable small writes per second the disk under a directory
 * takes, the ceiling of any write path that syncs once per commit (P2 is read against it).
 *
 * How: a temporary file in DIR gets 16 blocks of 4 KiB and one fdatasync first; then, for
 * --duration seconds (default 2), one 4 KiB block is rewritten in place (cycling over the
 * 16 blocks, like a WAL being rewritten) and fdatasync'ed, one after the other; each
 * pwrite + fdatasync is timed. The file is removed at the end, also after an error.
 *
 * fsync --dir DIR [--duration SECS] prints one JSON object on stdout:
 * {"dir","fsyncs","seconds","per_s","mean_us","p99_us"}. Exit 0 on success, 2 on a usage
 * error, 1 when the file cannot be made, written or synced.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <unistd.h>

#define BLOCK_BYTES 4096
#define BLOCKS      16
#define NS_PER_S    1000000000LL

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static const char *prog_usage = "usage: fsync --dir DIR [--duration SECS]\n";

static _Noreturn void usage_error(const char *opt, const char *why)
{
    fprintf(stderr, "fsync: %s: %s\n%s", opt, why, prog_usage);
    exit(2);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* s as a JSON string body: quotes, backslashes and control characters escaped. */
static void json_string(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    double duration = 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(prog_usage, stdout);
            return 0;
        }
        if (strcmp(a, "--dir") != 0 && strcmp(a, "--duration") != 0)
            usage_error(a, "unknown option");
        if (i + 1 >= argc)
            usage_error(a, "needs a value");
        const char *v = argv[++i];
        if (strcmp(a, "--dir") == 0) {
            dir = v;
            continue;
        }
        char *end;
        errno = 0;
        duration = strtod(v, &end);
        if (errno || end == v || *end || !isfinite(duration) || duration < 0.01 || duration > 3600)
            usage_error(a, "expected seconds, 0.01..3600");
    }
    if (!dir)
        usage_error("--dir", "is required");

    char path[4096];
    if ((size_t)snprintf(path, sizeof(path), "%s/.peerdesk-fsync-XXXXXX", dir) >= sizeof(path))
        usage_error("--dir", "too long");
    int fd = mkstemp(path);
    if (fd < 0) {
        fprintf(stderr, "fsync: cannot make a file in %s: %s\n", dir, strerror(errno));
        return 1;
    }
    static char block[BLOCK_BYTES];
    size_t cap = 1024, n = 0;
    int64_t *lat = malloc(cap * sizeof(*lat));
    int rc = lat ? 0 : 1;
    for (int b = 0; rc == 0 && b < BLOCKS; b++)
        if (pwrite(fd, block, sizeof(block), (off_t)b * BLOCK_BYTES) != (ssize_t)sizeof(block))
            rc = 1;
    if (rc == 0 && fsync(fd) != 0)
        rc = 1;
    int64_t start = mono_ns(), stop = start + (int64_t)(duration * NS_PER_S), now = start;
    while (rc == 0 && now < stop) {
        memset(block, (int)(n & 0xff), 64); /* a different block each time */
        off_t off = (off_t)(n % BLOCKS) * BLOCK_BYTES;
        if (pwrite(fd, block, sizeof(block), off) != (ssize_t)sizeof(block) || fdatasync(fd) != 0) {
            rc = 1;
            break;
        }
        int64_t t = mono_ns();
        if (n == cap) {
            int64_t *more = realloc(lat, (cap *= 2) * sizeof(*lat));
            if (!more) {
                rc = 1;
                break;
            }
            lat = more;
        }
        lat[n++] = t - now;
        now = t;
    }
    if (rc)
        fprintf(stderr, "fsync: writing %s: %s\n", path, errno ? strerror(errno) : "failed");
    close(fd);
    if (unlink(path) != 0 && rc == 0) {
        fprintf(stderr, "fsync: removing %s: %s\n", path, strerror(errno));
        rc = 1;
    }
    if (rc || !n) {
        free(lat);
        return 1;
    }

    double secs = (double)(now - start) / NS_PER_S, sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)lat[i];
    qsort(lat, n, sizeof(*lat), cmp_i64);
    size_t p99 = (n * 99 + 99) / 100 - 1; /* nearest rank: ceil(0.99 n), 0-based */
    printf("{\"dir\":\"");
    json_string(stdout, dir);
    printf("\",\"fsyncs\":%zu,\"seconds\":%.3f,\"per_s\":%.1f,\"mean_us\":%.1f,\"p99_us\":%.1f}\n",
           n, secs, (double)n / secs, sum / (double)n / 1000.0, (double)lat[p99] / 1000.0);
    free(lat);
    return fflush(stdout) == 0 ? 0 : 1;
}
