/*
 * tests/fuzz/http.c: raw bytes as a whole HTTP request, through the real server.
 *
 * Once per process: a temporary SQLite database (on /dev/shm when there is one) with the
 * demo organisation (app/demo.c), an app over it, peerdesk's HTTP server
 * (http_server_start, one thread, port 0) and one session per demo login below. Per
 * input: a socketpair(2) whose one end goes to the server (http_server_add_connection:
 * libmicrohttpd's own parser, then server.c, dispatch, the route's handler); the bytes are
 * written to the other end, its write side is shut down once the server has read them
 * (wait_consumed) and the answer is read until the server closes. The answer must start
 * with "HTTP/1." (or be nothing: libmicrohttpd may drop a connection it cannot parse), and
 * the server must close within HANG_S seconds; ASan/UBSan abort on anything else.
 *
 * Input: byte 0 picks who speaks (modulo the table below: anonymous or one of the demo
 * logins); the rest is the request. For a login, "Cookie: <session>" and "X-CSRF-Token"
 * headers are inserted after the first CRLF (the end of the request line), so the
 * fuzzer gets past authentication and CSRF to the handlers. If an input ended a session
 * (logout, a disabled account), the next input of that login logs in again.
 *
 * Real ids: at start the lists of the demo data (dossiers, requests, users, groups, ...)
 * are fetched through the server and every UUID in their answers is kept. In an input,
 * "~" and the byte after it are replaced by one of them (that byte picks which: '0' the
 * first, '1' the second, ...), so that "GET /api/v1/dossiers/~0" names a dossier that
 * exists. The ids differ from run to run (UUIDv7), the choice among them does not: an
 * input replays the same way.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/vocab.h"
#include "http/http.h"
#include "lib/log.h"
#include "store/store.h"

#define HANG_S      10
#define DEMO_PASS   "ervaring-telt" /* app/demo.c */
#define MAX_REQUEST (64 * 1024)
#define MAX_IDS     128
#define UUID_LEN    36

static const char *const who[] = {
    NULL,                    /* anonymous */
    "sanne@peerdesk.test",   /* generalist */
    "marieke@peerdesk.test", /* coordinator, expert */
    "anouk@peerdesk.test",   /* admin */
    "eva@peerdesk.test",     /* privacy officer */
    "ingrid@peerdesk.test",  /* coach */
    "henk@peerdesk.test",    /* manager */
    "fatima@peerdesk.test",  /* researcher */
};
#define NWHO (sizeof(who) / sizeof(who[0]))

static char dir[64];
static char db_path[sizeof(dir) + 16];
static struct app *app;
static struct http_server *srv;
static struct session_grant grants[NWHO];
static bool have_grant[NWHO];
static char ids[MAX_IDS][UUID_LEN + 1];
static size_t nids;
static bool verbose;

/* Lists whose answers hold the ids worth naming, and who may read them. */
static const struct {
    size_t who;
    const char *path;
} harvest[] = {
    {2, "/api/v1/dossiers"},        {1, "/api/v1/dossiers"},
    {2, "/api/v1/requests"},        {2, "/api/v1/users"},
    {2, "/api/v1/teams"},           {2, "/api/v1/areas"},
    {2, "/api/v1/consultations"},   {2, "/api/v1/case-discussions"},
    {2, "/api/v1/learning-groups"}, {2, "/api/v1/intervision/groups"},
    {5, "/api/v1/coaching/links"},  {5, "/api/v1/coaching/conversations"},
    {2, "/api/v1/stories"},         {4, "/api/v1/rights-requests"},
    {2, "/api/v1/readiness/scans"}, {2, "/api/v1/training/sessions"},
    {1, "/api/v1/reflections"},     {2, "/api/v1/me/time"},
};

static void die(const char *what, const struct pd_err *e)
{
    fprintf(stderr, "fuzz http: %s: %s %s\n", what, e ? e->field : "", e ? e->detail : "");
    abort();
}

static void cleanup(void)
{
    if (srv)
        http_server_stop(srv);
    if (app)
        app_free(app);
    srv = NULL;
    app = NULL;
    char p[sizeof(db_path) + 8];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
        snprintf(p, sizeof(p), "%s%s", db_path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* One use-case call on its own request, as the CLI does (cli_req.c). */
struct local {
    struct arena arena;
    struct app_req r;
};

static void local_begin(struct local *l)
{
    arena_init(&l->arena);
    app_req_begin(app, &l->r, &l->arena, "00000000-0000-7000-8000-000000000000", "fuzz-setup");
    if (!l->r.db)
        die("cannot open the database", NULL);
}

static void local_end(struct local *l)
{
    app_req_end(&l->r);
    arena_release(&l->arena);
}

/* Is login i's session still good? If not, log in again (once per input at most). */
static void ensure_session(size_t i)
{
    if (!who[i])
        return;
    struct local l;
    local_begin(&l);
    struct actor a;
    if (!have_grant[i] || app_session_resolve(&l.r, grants[i].token, &a) != PD_OK) {
        err_clear(&l.r.err);
        have_grant[i] = app_session_create(&l.r, who[i], DEMO_PASS, &grants[i]) == PD_OK;
        err_clear(&l.r.err);
    }
    local_end(&l);
}

/* The request as sent: "~x" replaced by an id, and for a login the session headers after
 * the request line. */
static size_t build_request(char *out, size_t who_i, const uint8_t *p, size_t n)
{
    static char sub[MAX_REQUEST * (UUID_LEN / 2)];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '~' && i + 1 < n && nids) {
            memcpy(sub + m, ids[(uint8_t)(p[++i] - '0') % nids], UUID_LEN);
            m += UUID_LEN;
        } else {
            sub[m++] = (char)p[i];
        }
    }
    const char *crlf = NULL;
    for (size_t i = 0; i + 1 < m && !crlf; i++)
        if (sub[i] == '\r' && sub[i + 1] == '\n')
            crlf = sub + i + 2;
    if (!who[who_i] || !have_grant[who_i] || !crlf) {
        memcpy(out, sub, m);
        return m;
    }
    size_t head = (size_t)(crlf - sub), used = head;
    memcpy(out, sub, head);
    used += (size_t)snprintf(out + used, 256, "Cookie: peerdesk_session=%s\r\nX-CSRF-Token: %s\r\n",
                             grants[who_i].token, grants[who_i].csrf_token);
    memcpy(out + used, crlf, m - head);
    return used + m - head;
}

static void send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) /* the server closed early (e.g. 413, 431): fine, read what it said */
            return;
        p += w;
        n -= (size_t)w;
    }
}

/* Wait until the server has read every byte sent (or has answered already). The end of
 * input (shutdown) must come after that: libmicrohttpd 0.9.75 in epoll mode takes a short
 * read for "no more data", so an end of input that arrives with the last bytes goes
 * unseen and an incomplete request would then wait for the 60 s connection time-out. */
static void wait_consumed(int fd)
{
    for (int ms = 0; ms < HANG_S * 1000; ms++) {
        int queued = 0;
        if (ioctl(fd, SIOCOUTQ, &queued) != 0 || queued == 0)
            return;
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, 1) > 0)
            return;
    }
    fprintf(stderr, "fuzz http: the server read nothing for %d s (a hang)\n", HANG_S);
    abort();
}

/* One connection: send n bytes, end the input, read the answer until the server closes.
 * The first `cap` bytes of the answer go to out (may be NULL); returns the answer's size. */
static size_t exchange(const char *req, size_t n, char *out, size_t cap)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        die("socketpair", NULL);
    struct pd_err e;
    err_clear(&e);
    if (http_server_add_connection(srv, sv[1], &e) != PD_OK)
        die("http_server_add_connection", &e);
    send_all(sv[0], req, n);
    wait_consumed(sv[0]);
    shutdown(sv[0], SHUT_WR);

    size_t got = 0;
    char buf[16384];
    for (;;) {
        struct pollfd pfd = {.fd = sv[0], .events = POLLIN};
        int pr = poll(&pfd, 1, HANG_S * 1000);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0) {
            fprintf(stderr, "fuzz http: no close within %d s (a hang)\n", HANG_S);
            abort();
        }
        ssize_t r = recv(sv[0], buf, sizeof(buf), 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        for (ssize_t i = 0; i < r && out && got + (size_t)i < cap; i++)
            out[got + (size_t)i] = buf[i];
        got += (size_t)r;
    }
    close(sv[0]);
    return got;
}

static bool is_uuid_at(const char *p, size_t left)
{
    if (left < UUID_LEN)
        return false;
    for (size_t i = 0; i < UUID_LEN; i++) {
        char c = p[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

static void harvest_ids(void)
{
    static char answer[1 << 20];
    for (size_t h = 0; h < sizeof(harvest) / sizeof(harvest[0]); h++) {
        size_t w = harvest[h].who;
        if (!have_grant[w])
            continue;
        char req[512];
        int n = snprintf(req, sizeof(req),
                         "GET %s HTTP/1.1\r\nHost: fuzz\r\nCookie: peerdesk_session=%s\r\n\r\n",
                         harvest[h].path, grants[w].token);
        size_t got = exchange(req, (size_t)n, answer, sizeof(answer));
        if (got > sizeof(answer))
            got = sizeof(answer);
        const char *body = memmem(answer, got, "\r\n\r\n", 4); /* not the X-Trace-Id */
        for (size_t i = body ? (size_t)(body - answer) : got; i + UUID_LEN <= got && nids < MAX_IDS;
             i++) {
            if (!is_uuid_at(answer + i, got - i))
                continue;
            bool seen = false;
            for (size_t k = 0; k < nids && !seen; k++)
                seen = memcmp(ids[k], answer + i, UUID_LEN) == 0;
            if (!seen) {
                memcpy(ids[nids], answer + i, UUID_LEN);
                ids[nids++][UUID_LEN] = '\0';
            }
            i += UUID_LEN - 1;
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    signal(SIGPIPE, SIG_IGN);
    if (!getenv("PEERDESK_LOG_LEVEL"))
        log_set_level(LOG_OFF); /* an access-log line per input would only slow it down */
    /* tmpfs when there is one: every write commits with fsync, which on a disk costs more
     * than the rest of the request. */
    struct stat st;
    snprintf(dir, sizeof(dir), "%s/peerdesk-fuzz-XXXXXX",
             stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir))
        die("mkdtemp", NULL);
    snprintf(db_path, sizeof(db_path), "%s/fuzz.db", dir);
    atexit(cleanup);

    struct pd_err e;
    err_clear(&e);
    struct app_config cfg = {.db_target = db_path, .db_connections = 2};
    app = app_new(&cfg, &e);
    if (!app)
        die("app_new", &e);
    struct local l;
    local_begin(&l);
    const char *logins;
    if (store_migrate(l.r.db, store_migration_count, &l.r.err) != PD_OK ||
        vocab_seed_all(&l.r) != PD_OK || app_demo_seed(&l.r, &logins) != PD_OK)
        die("demo database", &l.r.err);
    local_end(&l);
    for (size_t i = 0; i < NWHO; i++)
        ensure_session(i);

    srv = http_server_start(app, "127.0.0.1:0", 1, false, &e);
    if (!srv)
        die("http_server_start", &e);
    harvest_ids();
    verbose = getenv("PEERDESK_FUZZ_VERBOSE") != NULL;
    if (verbose)
        for (size_t i = 0; i < nids; i++)
            fprintf(stderr, "fuzz http: ~%c is %s\n", (char)('0' + i), ids[i]);
    if (nids < 10)
        die("too few ids in the demo data's lists", NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > MAX_REQUEST)
        return -1;
    size_t who_i = data[0] % NWHO;
    ensure_session(who_i);
    static char req[MAX_REQUEST * (UUID_LEN / 2) + 512];
    size_t n = build_request(req, who_i, data + 1, size - 1);
    char first[64];
    req[n] = '\0';
    size_t got = exchange(req, n, first, sizeof(first));
    size_t shown = got < sizeof(first) ? got : sizeof(first);
    const char *cr = memchr(first, '\r', shown);
    if (cr)
        shown = (size_t)(cr - first);
    if (verbose) /* PEERDESK_FUZZ_VERBOSE=1: request and status lines */
        fprintf(stderr, "fuzz http: %.*s -> %.*s\n", (int)strcspn(req, "\r\n"), req,
                got ? (int)shown : 19, got ? first : "(closed, no answer)");
    if (got > 0 && (got < 7 || memcmp(first, "HTTP/1.", 7) != 0)) {
        fprintf(stderr, "fuzz http: the answer does not start with HTTP/1.: %.*s\n", (int)shown,
                first);
        abort();
    }
    return 0;
}
