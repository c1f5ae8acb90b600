/*
 * loadgen: a closed-loop HTTP/1.1 load generator for loopback benchmarks (issue 8,
 * docs/performance.md "Benchmark tools"), like wrk but with requests read from a file, so
 * that every request can differ (URL, cookie, body).
 *
 * What it measures: requests/s and the latency (send start -> last byte of the answer) of
 * C keep-alive connections that each send one request, read the whole answer and send the
 * next one at once, for --duration seconds after --warmup seconds. Connection i starts at
 * request (i * n / C + seed) mod n and walks the list cyclically, so a run is repeatable.
 *
 * How: the requests file (records "@<len>\n" + <len> raw bytes, each a complete request) is
 * read into memory once. The connections are spread over T threads, each with its own epoll
 * set, statistics and ledger buffer (no locks on the hot path). Sockets are non-blocking with
 * TCP_NODELAY; EPOLLIN is always armed, EPOLLOUT only while a write is incomplete. Answers
 * are parsed incrementally (status line, headers, body by Content-Length, chunked, or up to
 * EOF); 1xx answers are skipped. Latencies go to a log-linear histogram (exact below 256 ns,
 * then 128 buckets per power of two: <= 0.8% error, up to 60 s), merged at the end.
 *
 * Errors: connect / read / write / timeout (no answer within 10 s) / parse; the connection
 * is closed and opened again (with a back-off after a failed connect). An answer with
 * "Connection: close", or a socket the server closed, also reopens; every reopen is
 * counted in "reconnects". Counters and latencies cover the measured window only; the
 * ledger (--ledger) covers the whole run: one "<request index>\t<first "id":"..." of the
 * body, or ->" line per 2xx answer received before the stop, written at exit.
 *
 * --idle N: open N connections, send one GET on each, read the answer, then hold them all
 * idle for --duration seconds and check with a non-blocking peek that each is still open
 * (for the server's memory with many idle keep-alive connections, P7). --sources K binds
 * connection i to 127.0.0.(1 + i mod K), for servers with a per-address connection limit.
 *
 * Stops at the end of the run or on SIGTERM/SIGINT, printing one JSON object on stdout for
 * what ran. Exit 0 on success, 2 on a usage error, 1 on a runtime failure.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define TIMEOUT_NS     (10 * NS_PER_S) /* no answer this long: a timeout error */
#define NS_PER_S       1000000000LL
#define RBUF_BYTES     (16 * 1024) /* status line + headers of one answer must fit */
#define ID_MAX         128         /* longest id kept for the ledger */
#define LEDGER_BUF     (64 * 1024)
#define SCAN_NS        (10 * 1000000LL) /* how often timeouts and back-offs are looked at */
#define BACKOFF_MIN_MS 10
#define BACKOFF_MAX_MS 500

/* ---- latency histogram ---------------------------------------------------------------- */

#define HIST_SUB_BITS 7 /* 128 sub-buckets per power of two */
#define HIST_SUB      (1u << HIST_SUB_BITS)
#define HIST_EXACT    (2u * HIST_SUB) /* values below this have their own bucket */
#define HIST_MAX_NS   (60 * NS_PER_S) /* larger values are recorded as 60 s */
#define HIST_BUCKETS  (HIST_EXACT + (36 - HIST_SUB_BITS - 1) * HIST_SUB) /* 2^36 ns > 60 s */

static unsigned hist_index(uint64_t v)
{
    if (v < HIST_EXACT)
        return (unsigned)v;
    unsigned e = 63u - (unsigned)__builtin_clzll(v); /* >= HIST_SUB_BITS + 1 */
    unsigned shift = e - HIST_SUB_BITS;
    return HIST_EXACT + (e - HIST_SUB_BITS - 1) * HIST_SUB + (unsigned)(v >> shift) - HIST_SUB;
}

/* The highest value that falls in bucket i. */
static uint64_t hist_upper(unsigned i)
{
    if (i < HIST_EXACT)
        return i;
    unsigned k = i - HIST_EXACT;
    unsigned e = k / HIST_SUB + HIST_SUB_BITS + 1, sub = k % HIST_SUB;
    unsigned shift = e - HIST_SUB_BITS;
    return ((uint64_t)(HIST_SUB + sub + 1) << shift) - 1;
}

/* ---- shared state ----------------------------------------------------------------------- */

struct request {
    const char *data;
    size_t len;
    bool head; /* a HEAD request: the answer has no body whatever its headers say */
};

struct stats {
    uint64_t requests, status[4]; /* 2xx 3xx 4xx 5xx */
    uint64_t err_connect, err_read, err_write, err_timeout, err_parse;
    uint64_t reconnects, bytes_read;
    uint64_t lat_sum_ns, lat_max_ns;
    uint64_t hist[HIST_BUCKETS];
};

static struct {
    struct sockaddr_in addr;
    char *file; /* the requests file's bytes: reqs[].data point into it */
    struct request *reqs;
    size_t nreqs;
    long connections, threads, seed, idle, sources;
    double duration, warmup;
    int ledger_fd;
    int64_t measure_start_ns; /* stats count from here on */
    atomic_bool stop;         /* set by the main thread: end of run or signal */
    atomic_long idle_settled; /* idle mode: connections answered or failed */
    atomic_long idle_opened, idle_ok;
} g = {.threads = 1, .ledger_fd = -1, .sources = 1};

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

/* ---- one connection ------------------------------------------------------------------- */

enum conn_state { C_WAIT, C_CONNECTING, C_WRITING, C_READING, C_PARKED, C_DEAD };
enum body_mode { B_NONE, B_LENGTH, B_CHUNKED, B_EOF };
enum chunk_state { CH_SIZE, CH_EXT, CH_SIZE_LF, CH_DATA, CH_DATA_CR, CH_DATA_LF, CH_TRAILER };

struct conn {
    struct worker *w;
    long slot; /* connection number, 0..C-1 */
    int fd;
    enum conn_state state;
    bool want_out;   /* EPOLLOUT armed */
    bool opened;     /* has been connected before: the next open is a reconnect */
    size_t next;     /* index of the request in flight (or next to send) */
    size_t woff;     /* bytes of it written */
    int64_t sent_ns; /* send start of the request in flight; connect start while connecting */
    int64_t retry_ns;
    int backoff_ms;
    /* the answer being read */
    char *rbuf;
    size_t rlen;
    bool in_body, close_after;
    int status;
    enum body_mode mode;
    uint64_t remaining; /* B_LENGTH: body bytes left; B_CHUNKED: bytes left of this chunk */
    enum chunk_state chunk;
    int chunk_digits, trailer_len;
    int id_state; /* matcher for the first "id":"...": see id_feed() */
    size_t id_len;
    char id[ID_MAX + 1];
};

struct worker {
    pthread_t tid;
    int ep;
    struct conn *conns;
    size_t nconns;
    struct stats st;
    char *ledger;
    size_t ledger_len;
};

static void ledger_flush(struct worker *w)
{
    size_t off = 0;
    while (off < w->ledger_len) {
        ssize_t n = write(g.ledger_fd, w->ledger + off, w->ledger_len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(stderr, "loadgen: writing the ledger: %s\n", strerror(errno));
            break;
        }
        off += (size_t)n;
    }
    w->ledger_len = 0;
}

/* The first "id" key's string value, found while the body streams by:
 * states 0-3 match `"id"`, then optional blanks, `:`, blanks, `"`, then collect until `"`.
 * 100 = done (found or given up). A backslash in the id ends the search (ids are plain). */
static void id_feed(struct conn *c, const char *p, size_t n)
{
    static const char key[] = "\"id\"";
    for (size_t i = 0; i < n && c->id_state != 100; i++) {
        char ch = p[i];
        int s = c->id_state;
        if (s < 4) {
            c->id_state = ch == key[s] ? s + 1 : ch == '"' ? 1 : 0;
        } else if (s == 4) { /* after "id": blanks, then ':' */
            if (ch == ':')
                c->id_state = 5;
            else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n')
                c->id_state = ch == '"' ? 1 : 0;
        } else if (s == 5) { /* after ':' blanks, then the opening quote */
            if (ch == '"') {
                c->id_state = 6;
                c->id_len = 0;
            } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
                c->id_state = 0; /* "id" with a number or object: look further */
            }
        } else if (ch == '"') {
            c->id[c->id_len] = '\0';
            c->id_state = 100;
        } else if (ch == '\\' || c->id_len == ID_MAX || (unsigned char)ch < 0x20) {
            c->id_len = 0;
            c->id_state = 100;
        } else {
            c->id[c->id_len++] = ch;
        }
    }
}

static void conn_open(struct conn *c, int64_t now);
static void conn_send(struct conn *c, int64_t now);

static void conn_reset_answer(struct conn *c)
{
    c->rlen = 0;
    c->in_body = c->close_after = false;
    c->status = 0;
    c->mode = B_NONE;
    c->remaining = 0;
    c->chunk = CH_SIZE;
    c->chunk_digits = c->trailer_len = 0;
    c->id_state = 0;
    c->id_len = 0;
    c->id[0] = '\0';
}

static void conn_close(struct conn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    c->want_out = false;
    conn_reset_answer(c);
}

/* Close and open again: at once, or after a back-off when the connect itself failed. */
static void conn_reopen(struct conn *c, int64_t now, bool backoff)
{
    conn_close(c);
    if (g.idle) { /* idle mode opens each connection once */
        c->state = C_DEAD;
        atomic_fetch_add(&g.idle_settled, 1);
        return;
    }
    if (backoff) {
        c->backoff_ms = c->backoff_ms ? c->backoff_ms * 2 : BACKOFF_MIN_MS;
        if (c->backoff_ms > BACKOFF_MAX_MS)
            c->backoff_ms = BACKOFF_MAX_MS;
        c->state = C_WAIT;
        c->retry_ns = now + (int64_t)c->backoff_ms * 1000000;
        return;
    }
    conn_open(c, now);
}

static bool counting(int64_t now)
{
    return now >= g.measure_start_ns;
}

#define COUNT(c, field, now)                                                                       \
    do {                                                                                           \
        if (counting(now))                                                                         \
            (c)->w->st.field++;                                                                    \
    } while (0)

static void conn_epoll(struct conn *c, bool out)
{
    struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.ptr = c};
    if (epoll_ctl(c->w->ep, EPOLL_CTL_MOD, c->fd, &ev) == 0)
        c->want_out = out;
}

static void conn_open(struct conn *c, int64_t now)
{
    if (c->opened)
        COUNT(c, reconnects, now);
    c->opened = true;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        fprintf(stderr, "loadgen: socket: %s\n", strerror(errno));
        COUNT(c, err_connect, now);
        conn_reopen(c, now, true);
        return;
    }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (g.sources > 1) {
        struct sockaddr_in src = {.sin_family = AF_INET};
        src.sin_addr.s_addr = htonl(0x7f000001u + (uint32_t)(c->slot % g.sources));
        if (bind(c->fd, (struct sockaddr *)&src, sizeof(src)) != 0) {
            COUNT(c, err_connect, now);
            conn_reopen(c, now, true);
            return;
        }
    }
    c->state = C_CONNECTING;
    c->sent_ns = now;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
    c->want_out = true;
    if (epoll_ctl(c->w->ep, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
        fprintf(stderr, "loadgen: epoll_ctl: %s\n", strerror(errno));
        COUNT(c, err_connect, now);
        conn_reopen(c, now, true);
        return;
    }
    if (connect(c->fd, (struct sockaddr *)&g.addr, sizeof(g.addr)) != 0 && errno != EINPROGRESS) {
        COUNT(c, err_connect, now);
        conn_reopen(c, now, true);
    }
}

static void conn_connected(struct conn *c, int64_t now)
{
    int err = 0;
    socklen_t len = sizeof(err);
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err) {
        COUNT(c, err_connect, now);
        conn_reopen(c, now, true);
        return;
    }
    c->backoff_ms = 0;
    if (g.idle)
        atomic_fetch_add(&g.idle_opened, 1);
    conn_send(c, now);
}

static void conn_write(struct conn *c, int64_t now)
{
    const struct request *r = &g.reqs[c->next];
    while (c->woff < r->len) {
        ssize_t n = send(c->fd, r->data + c->woff, r->len - c->woff, MSG_NOSIGNAL);
        if (n > 0) {
            c->woff += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!c->want_out)
                conn_epoll(c, true);
            return;
        }
        COUNT(c, err_write, now);
        conn_reopen(c, now, false);
        return;
    }
    if (c->want_out)
        conn_epoll(c, false);
    if (c->state == C_WRITING)
        c->state = C_READING;
}

static void conn_send(struct conn *c, int64_t now)
{
    conn_reset_answer(c);
    c->woff = 0;
    c->sent_ns = now;
    c->state = C_WRITING;
    conn_write(c, now);
}

/* A whole answer has been read. */
static void conn_answered(struct conn *c)
{
    int64_t now = mono_ns();
    struct worker *w = c->w;
    bool stopped = atomic_load_explicit(&g.stop, memory_order_relaxed);
    if (!stopped && counting(now)) {
        uint64_t ns = (uint64_t)(now - c->sent_ns);
        w->st.requests++;
        if (c->status >= 200 && c->status < 600)
            w->st.status[c->status / 100 - 2]++;
        w->st.lat_sum_ns += ns;
        if (ns > w->st.lat_max_ns)
            w->st.lat_max_ns = ns;
        w->st.hist[hist_index(ns > (uint64_t)HIST_MAX_NS ? (uint64_t)HIST_MAX_NS : ns)]++;
    }
    bool ok = c->status >= 200 && c->status < 300;
    if (ok && !stopped && g.ledger_fd >= 0) {
        if (w->ledger_len + ID_MAX + 32 > LEDGER_BUF)
            ledger_flush(w);
        int n = snprintf(w->ledger + w->ledger_len, LEDGER_BUF - w->ledger_len, "%zu\t%s\n",
                         c->next, c->id_state == 100 && c->id_len ? c->id : "-");
        if (n > 0)
            w->ledger_len += (size_t)n;
    }
    if (g.idle) {
        if (ok)
            atomic_fetch_add(&g.idle_ok, 1);
        epoll_ctl(w->ep, EPOLL_CTL_DEL, c->fd, NULL); /* the final check peeks itself */
        c->state = C_PARKED;
        atomic_fetch_add(&g.idle_settled, 1);
        return;
    }
    c->next = (c->next + 1) % g.nreqs;
    if (c->close_after || c->state == C_WRITING) /* answered before fully sent: out of step */
        conn_reopen(c, now, false);
    else
        conn_send(c, now);
}

/* Parse the status line and headers in c->rbuf[0..end). Returns false if malformed. */
static bool parse_head(struct conn *c, size_t end)
{
    char *p = c->rbuf, *stop = c->rbuf + end;
    if (end < 12 || memcmp(p, "HTTP/1.", 7) != 0 || p[8] != ' ')
        return false;
    bool http10 = p[7] == '0';
    if (p[9] < '1' || p[9] > '5' || p[10] < '0' || p[10] > '9' || p[11] < '0' || p[11] > '9')
        return false;
    c->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
    bool chunked = false, has_length = false, keep_alive = false;
    uint64_t length = 0;
    char *line = memchr(p, '\n', (size_t)(stop - p));
    while (line && ++line < stop) {
        char *eol = memchr(line, '\n', (size_t)(stop - line));
        if (!eol)
            eol = stop;
        char *colon = memchr(line, ':', (size_t)(eol - line));
        if (colon) {
            size_t nlen = (size_t)(colon - line);
            char *v = colon + 1;
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            size_t vlen = (size_t)(eol - v);
            while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == ' '))
                vlen--;
            if (nlen == 14 && strncasecmp(line, "Content-Length", 14) == 0) {
                if (!vlen)
                    return false;
                length = 0;
                for (size_t i = 0; i < vlen; i++) {
                    if (v[i] < '0' || v[i] > '9' || length > UINT64_MAX / 10 - 10)
                        return false;
                    length = length * 10 + (uint64_t)(v[i] - '0');
                }
                has_length = true;
            } else if (nlen == 17 && strncasecmp(line, "Transfer-Encoding", 17) == 0) {
                chunked = vlen >= 7 && strncasecmp(v + vlen - 7, "chunked", 7) == 0;
            } else if (nlen == 10 && strncasecmp(line, "Connection", 10) == 0) {
                for (size_t i = 0; i + 5 <= vlen; i++) {
                    if (strncasecmp(v + i, "close", 5) == 0)
                        c->close_after = true;
                    if (i + 10 <= vlen && strncasecmp(v + i, "keep-alive", 10) == 0)
                        keep_alive = true;
                }
            }
        }
        line = eol;
    }
    if (http10 && !keep_alive)
        c->close_after = true;
    if (g.reqs[c->next].head || c->status == 204 || c->status == 304 || c->status < 200) {
        c->mode = B_NONE;
    } else if (chunked) {
        c->mode = B_CHUNKED;
    } else if (has_length) {
        c->mode = length ? B_LENGTH : B_NONE;
        c->remaining = length;
    } else {
        c->mode = B_EOF;
        c->close_after = true;
    }
    return true;
}

/* Feed body bytes. Returns the bytes used; sets *done when the answer is complete; -1 on a
 * malformed chunked encoding. */
static ssize_t feed_body(struct conn *c, const char *p, size_t n, bool *done)
{
    size_t i = 0;
    *done = false;
    while (i < n && !*done) {
        if (c->mode == B_EOF) {
            id_feed(c, p + i, n - i);
            return (ssize_t)n;
        }
        if (c->mode == B_LENGTH || (c->mode == B_CHUNKED && c->chunk == CH_DATA)) {
            size_t take = n - i < c->remaining ? n - i : (size_t)c->remaining;
            id_feed(c, p + i, take);
            i += take;
            c->remaining -= take;
            if (!c->remaining) {
                if (c->mode == B_LENGTH)
                    *done = true;
                else
                    c->chunk = CH_DATA_CR;
            }
            continue;
        }
        char ch = p[i++];
        switch (c->chunk) {
        case CH_SIZE: {
            int d = ch >= '0' && ch <= '9'   ? ch - '0'
                    : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                    : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                             : -1;
            if (d >= 0) {
                if (++c->chunk_digits > 15)
                    return -1;
                c->remaining = c->remaining * 16 + (uint64_t)d;
            } else if (!c->chunk_digits) {
                return -1;
            } else if (ch == '\r') {
                c->chunk = CH_SIZE_LF;
            } else if (ch == ';' || ch == ' ' || ch == '\t') {
                c->chunk = CH_EXT;
            } else {
                return -1;
            }
            break;
        }
        case CH_EXT:
            if (ch == '\r')
                c->chunk = CH_SIZE_LF;
            break;
        case CH_SIZE_LF:
            if (ch != '\n')
                return -1;
            c->chunk_digits = 0;
            c->chunk = c->remaining ? CH_DATA : CH_TRAILER;
            c->trailer_len = 0;
            break;
        case CH_DATA_CR:
            if (ch != '\r')
                return -1;
            c->chunk = CH_DATA_LF;
            break;
        case CH_DATA_LF:
            if (ch != '\n')
                return -1;
            c->chunk = CH_SIZE;
            break;
        case CH_TRAILER: /* trailer lines, up to an empty one */
            if (ch == '\n') {
                if (c->trailer_len == 0)
                    *done = true;
                c->trailer_len = 0;
            } else if (ch != '\r') {
                c->trailer_len++;
            }
            break;
        case CH_DATA:
            break; /* handled above */
        }
    }
    return (ssize_t)i;
}

static void conn_parse_error(struct conn *c, int64_t now)
{
    COUNT(c, err_parse, now);
    conn_reopen(c, now, false);
}

/* Process c->rbuf[0..c->rlen): headers first, then body bytes in place. */
static void conn_process(struct conn *c, int64_t now)
{
    size_t start = 0;
    while (!c->in_body) {
        char *end = memmem(c->rbuf, c->rlen, "\r\n\r\n", 4);
        if (!end) {
            if (c->rlen == RBUF_BYTES)
                conn_parse_error(c, now);
            return;
        }
        size_t hlen = (size_t)(end - c->rbuf) + 4;
        if (!parse_head(c, hlen)) {
            conn_parse_error(c, now);
            return;
        }
        if (c->status < 200) { /* 100 Continue and friends: the real answer follows */
            memmove(c->rbuf, c->rbuf + hlen, c->rlen - hlen);
            c->rlen -= hlen;
            c->close_after = false;
            continue;
        }
        c->in_body = true;
        start = hlen;
    }
    bool done = c->mode == B_NONE;
    size_t left = c->rlen - start;
    if (!done && left) {
        ssize_t used = feed_body(c, c->rbuf + start, left, &done);
        if (used < 0) {
            conn_parse_error(c, now);
            return;
        }
        left -= (size_t)used;
    }
    c->rlen = 0; /* body bytes are consumed in place */
    if (!done)
        return;
    if (left) { /* bytes after the answer we asked for */
        conn_parse_error(c, now);
        return;
    }
    conn_answered(c);
}

static void conn_read(struct conn *c, int64_t now)
{
    for (;;) {
        ssize_t n = recv(c->fd, c->rbuf + c->rlen, RBUF_BYTES - c->rlen, 0);
        if (n > 0) {
            now = mono_ns();
            if (counting(now))
                c->w->st.bytes_read += (uint64_t)n;
            c->rlen += (size_t)n;
            conn_process(c, now);
            return; /* level-triggered: epoll says when there is more */
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n == 0 && c->in_body && c->mode == B_EOF) { /* the body ends at EOF */
            conn_answered(c);                           /* which reopens: B_EOF sets close_after */
            return;
        }
        /* EOF or error: an error if an answer was due or had begun */
        if (n < 0 || c->state == C_READING || c->state == C_WRITING || c->rlen || c->in_body)
            COUNT(c, err_read, now);
        conn_reopen(c, now, false);
        return;
    }
}

static void conn_event(struct conn *c, uint32_t events)
{
    int64_t now = mono_ns();
    if (c->state == C_CONNECTING) {
        if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
            conn_connected(c, now);
        return;
    }
    if ((events & EPOLLOUT) && c->state == C_WRITING)
        conn_write(c, now);
    if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) && c->fd >= 0 &&
        (c->state == C_WRITING || c->state == C_READING))
        conn_read(c, now);
}

/* Timeouts of requests in flight and connects, and the end of reconnect back-offs. */
static void worker_scan(struct worker *w, int64_t now)
{
    for (size_t i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        if (c->state == C_WAIT && now >= c->retry_ns) {
            conn_open(c, now);
        } else if ((c->state == C_CONNECTING || c->state == C_WRITING || c->state == C_READING) &&
                   now - c->sent_ns > TIMEOUT_NS) {
            if (c->state == C_CONNECTING)
                COUNT(c, err_connect, now);
            else
                COUNT(c, err_timeout, now);
            conn_reopen(c, now, c->state == C_CONNECTING);
        }
    }
}

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    struct epoll_event evs[256];
    int64_t now = mono_ns();
    for (size_t i = 0; i < w->nconns; i++)
        conn_open(&w->conns[i], now);
    int64_t next_scan = now + SCAN_NS;
    while (!atomic_load_explicit(&g.stop, memory_order_relaxed)) {
        int n = epoll_wait(w->ep, evs, 256, 10);
        for (int i = 0; i < n; i++)
            conn_event(evs[i].data.ptr, evs[i].events);
        now = mono_ns();
        if (now >= next_scan) {
            worker_scan(w, now);
            next_scan = now + SCAN_NS;
        }
    }
    if (g.ledger_fd >= 0)
        ledger_flush(w);
    return NULL;
}

/* ---- set-up ----------------------------------------------------------------------------- */

static const char *prog_usage =
    "usage: loadgen --port P [--host 127.0.0.1] --requests FILE --connections C\n"
    "               --duration SECS [--warmup SECS] [--threads T] [--seed N] [--ledger FILE]\n"
    "               [--sources K]\n"
    "       loadgen --port P [--host 127.0.0.1] --idle N [--path /healthz] --duration SECS\n"
    "               [--threads T] [--sources K]\n";

static _Noreturn void usage_error(const char *opt, const char *why)
{
    fprintf(stderr, "loadgen: %s: %s\n%s", opt, why, prog_usage);
    exit(2);
}

static long opt_long(const char *opt, const char *v, long min, long max)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < min || n > max) {
        char why[96];
        snprintf(why, sizeof(why), "expected a whole number %ld..%ld, got '%s'", min, max, v);
        usage_error(opt, why);
    }
    return n;
}

static double opt_seconds(const char *opt, const char *v, double min)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (errno || end == v || *end || !isfinite(d) || d < min || d > 86400) {
        char why[96];
        snprintf(why, sizeof(why), "expected seconds (%g..86400), got '%s'", min, v);
        usage_error(opt, why);
    }
    return d;
}

/* Read the requests file: records "@<len>\n" + <len> bytes, an optional "\n" after each. */
static int load_requests(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "loadgen: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 20, len = 0;
    char *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap)
            data = realloc(data, cap *= 2);
    }
    fclose(f);
    if (!data) {
        fprintf(stderr, "loadgen: out of memory reading %s\n", path);
        return -1;
    }
    data[len] = '\0'; /* len < cap: strtoull below stops here at the latest */
    g.file = data;    /* freed by the caller, also after an error */
    size_t rcap = 64;
    g.reqs = malloc(rcap * sizeof(*g.reqs));
    size_t off = 0;
    while (off < len) {
        if (data[off] == '\n') {
            off++;
            continue;
        }
        char *end = data + off;
        unsigned long long rlen = *end == '@' ? strtoull(data + off + 1, &end, 10) : 0;
        if (end <= data + off + 1 || *end != '\n' || rlen == 0 ||
            rlen > len - (size_t)(end + 1 - data)) {
            fprintf(stderr,
                    "loadgen: %s: record %zu (byte %zu): expected \"@<len>\\n\" and "
                    "<len> bytes\n",
                    path, g.nreqs + 1, off);
            return -1;
        }
        if (g.nreqs == rcap)
            g.reqs = realloc(g.reqs, (rcap *= 2) * sizeof(*g.reqs));
        if (!g.reqs) {
            fprintf(stderr, "loadgen: out of memory\n");
            return -1;
        }
        struct request *r = &g.reqs[g.nreqs++];
        r->data = end + 1;
        r->len = (size_t)rlen;
        r->head = r->len >= 5 && memcmp(r->data, "HEAD ", 5) == 0;
        off = (size_t)(end + 1 - data) + r->len;
    }
    if (!g.nreqs) {
        fprintf(stderr, "loadgen: %s: no requests\n", path);
        return -1;
    }
    return 0;
}

static void raise_nofile(long need)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= (rlim_t)need)
        return;
    rl.rlim_cur =
        rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= (rlim_t)need ? (rlim_t)need : rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < (rlim_t)need)
        fprintf(stderr, "loadgen: only %llu file descriptors allowed, %ld wanted\n",
                (unsigned long long)rl.rlim_cur, need);
}

/* Wait until `until` (monotonic ns) or a SIGTERM/SIGINT (blocked in every thread). */
static bool wait_until(const sigset_t *sigs, int64_t until)
{
    for (;;) {
        int64_t left = until - mono_ns();
        if (left <= 0)
            return false;
        struct timespec ts = {.tv_sec = left / NS_PER_S, .tv_nsec = left % NS_PER_S};
        int s = sigtimedwait(sigs, NULL, &ts);
        if (s == SIGTERM || s == SIGINT) {
            fprintf(stderr, "loadgen: stopping on signal %d\n", s);
            return true;
        }
    }
}

static double pct_us(const struct stats *st, double p)
{
    if (!st->requests)
        return 0;
    double exact = p * (double)st->requests;
    uint64_t want = (uint64_t)exact, seen = 0;
    if ((double)want < exact)
        want++;
    if (want < 1)
        want = 1;
    for (unsigned i = 0; i < HIST_BUCKETS; i++) {
        seen += st->hist[i];
        if (seen >= want) {
            uint64_t v = hist_upper(i);
            return (double)(v < st->lat_max_ns ? v : st->lat_max_ns) / 1000.0;
        }
    }
    return (double)st->lat_max_ns / 1000.0;
}

static void print_load(const struct stats *st, double secs)
{
    double mean = st->requests ? (double)st->lat_sum_ns / (double)st->requests / 1000.0 : 0;
    printf("{\"connections\":%ld,\"threads\":%ld,\"duration_s\":%.3f,\"requests\":%llu,"
           "\"rps\":%.1f,\"latency_us\":{\"mean\":%.1f,\"p50\":%.1f,\"p90\":%.1f,\"p95\":%.1f,"
           "\"p99\":%.1f,"
           "\"p999\":%.1f,\"max\":%.1f},\"status\":{\"2xx\":%llu,\"3xx\":%llu,\"4xx\":%llu,"
           "\"5xx\":%llu},\"errors\":{\"connect\":%llu,\"read\":%llu,\"write\":%llu,"
           "\"timeout\":%llu,\"parse\":%llu},\"reconnects\":%llu,\"bytes_read\":%llu}\n",
           g.connections, g.threads, secs, (unsigned long long)st->requests,
           secs > 0 ? (double)st->requests / secs : 0.0, mean, pct_us(st, 0.5), pct_us(st, 0.9),
           pct_us(st, 0.95), pct_us(st, 0.99), pct_us(st, 0.999), (double)st->lat_max_ns / 1000.0,
           (unsigned long long)st->status[0], (unsigned long long)st->status[1],
           (unsigned long long)st->status[2], (unsigned long long)st->status[3],
           (unsigned long long)st->err_connect, (unsigned long long)st->err_read,
           (unsigned long long)st->err_write, (unsigned long long)st->err_timeout,
           (unsigned long long)st->err_parse, (unsigned long long)st->reconnects,
           (unsigned long long)st->bytes_read);
}

static void stats_merge(struct stats *to, const struct stats *from)
{
    to->requests += from->requests;
    for (int i = 0; i < 4; i++)
        to->status[i] += from->status[i];
    to->err_connect += from->err_connect;
    to->err_read += from->err_read;
    to->err_write += from->err_write;
    to->err_timeout += from->err_timeout;
    to->err_parse += from->err_parse;
    to->reconnects += from->reconnects;
    to->bytes_read += from->bytes_read;
    to->lat_sum_ns += from->lat_sum_ns;
    if (from->lat_max_ns > to->lat_max_ns)
        to->lat_max_ns = from->lat_max_ns;
    for (unsigned i = 0; i < HIST_BUCKETS; i++)
        to->hist[i] += from->hist[i];
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *reqfile = NULL, *ledger = NULL, *path = "/healthz";
    long port = 0;
    bool have_duration = false, have_path = false, have_seed = false, have_warmup = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(prog_usage, stdout);
            return 0;
        }
        if (strncmp(a, "--", 2) != 0)
            usage_error(a, "unexpected argument");
        static const char *const known[] = {"--port",     "--host",   "--requests", "--connections",
                                            "--duration", "--warmup", "--threads",  "--seed",
                                            "--ledger",   "--idle",   "--path",     "--sources"};
        bool is_known = false;
        for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
            is_known = is_known || strcmp(a, known[k]) == 0;
        if (!is_known)
            usage_error(a, "unknown option");
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            usage_error(a, "needs a value");
        i++;
        if (strcmp(a, "--port") == 0)
            port = opt_long(a, v, 1, 65535);
        else if (strcmp(a, "--host") == 0)
            host = v;
        else if (strcmp(a, "--requests") == 0)
            reqfile = v;
        else if (strcmp(a, "--connections") == 0)
            g.connections = opt_long(a, v, 1, 1000000);
        else if (strcmp(a, "--duration") == 0)
            g.duration = opt_seconds(a, v, 0.001), have_duration = true;
        else if (strcmp(a, "--warmup") == 0)
            g.warmup = opt_seconds(a, v, 0), have_warmup = true;
        else if (strcmp(a, "--threads") == 0)
            g.threads = opt_long(a, v, 1, 256);
        else if (strcmp(a, "--seed") == 0)
            g.seed = opt_long(a, v, 0, 1000000000), have_seed = true;
        else if (strcmp(a, "--ledger") == 0)
            ledger = v;
        else if (strcmp(a, "--idle") == 0)
            g.idle = opt_long(a, v, 1, 1000000);
        else if (strcmp(a, "--path") == 0)
            path = v, have_path = true;
        else if (strcmp(a, "--sources") == 0)
            g.sources = opt_long(a, v, 1, 254);
        else
            usage_error(a, "unknown option");
    }
    if (!port)
        usage_error("--port", "is required");
    if (!have_duration)
        usage_error("--duration", "is required");
    if (inet_pton(AF_INET, host, &g.addr.sin_addr) != 1)
        usage_error("--host", "expected an IPv4 address");
    if (g.sources > 1 && (ntohl(g.addr.sin_addr.s_addr) >> 24) != 127)
        usage_error("--sources", "only with a loopback --host (127.x.x.x)");
    g.addr.sin_family = AF_INET;
    g.addr.sin_port = htons((uint16_t)port);
    if (g.idle) {
        if (reqfile || g.connections || ledger || have_seed || have_warmup)
            usage_error(reqfile         ? "--requests"
                        : g.connections ? "--connections"
                        : ledger        ? "--ledger"
                        : have_seed     ? "--seed"
                                        : "--warmup",
                        "not with --idle");
        if (path[0] != '/' || strpbrk(path, " \r\n"))
            usage_error("--path", "expected a path starting with /, without blanks");
        g.connections = g.idle;
        static char idle_req[1024];
        int n = snprintf(idle_req, sizeof(idle_req), "GET %s HTTP/1.1\r\nHost: %s:%ld\r\n\r\n",
                         path, host, port);
        if (n < 0 || (size_t)n >= sizeof(idle_req))
            usage_error("--path", "too long");
        static struct request one;
        one = (struct request){.data = idle_req, .len = (size_t)n};
        g.reqs = &one;
        g.nreqs = 1;
    } else {
        if (have_path)
            usage_error("--path", "only with --idle");
        if (!reqfile)
            usage_error("--requests", "is required (or --idle N)");
        if (!g.connections)
            usage_error("--connections", "is required");
    }
    if (g.threads > g.connections)
        g.threads = g.connections;

    if (reqfile && load_requests(reqfile) != 0) {
        free(g.file);
        free(g.reqs);
        return 1;
    }
    if (ledger) {
        g.ledger_fd = open(ledger, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (g.ledger_fd < 0) {
            fprintf(stderr, "loadgen: %s: %s\n", ledger, strerror(errno));
            return 1;
        }
    }
    raise_nofile(g.connections + 64);

    /* Signals are taken by the main thread only, with sigtimedwait: the workers never see
     * them and their system calls are never interrupted. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);

    int64_t t0 = mono_ns();
    g.measure_start_ns = g.idle ? t0 : t0 + (int64_t)(g.warmup * NS_PER_S);
    struct worker *ws = calloc((size_t)g.threads, sizeof(*ws));
    char *rbufs = malloc((size_t)g.connections * RBUF_BYTES);
    if (!ws || !rbufs) {
        fprintf(stderr, "loadgen: out of memory for %ld connections\n", g.connections);
        return 1;
    }
    for (long t = 0; t < g.threads; t++) {
        struct worker *w = &ws[t];
        w->ep = epoll_create1(EPOLL_CLOEXEC);
        w->conns = calloc((size_t)(g.connections / g.threads + 1), sizeof(*w->conns));
        w->ledger = g.ledger_fd >= 0 ? malloc(LEDGER_BUF) : NULL;
        if (w->ep < 0 || !w->conns || (g.ledger_fd >= 0 && !w->ledger)) {
            fprintf(stderr, "loadgen: cannot set up thread %ld: %s\n", t, strerror(errno));
            return 1;
        }
    }
    for (long i = 0; i < g.connections; i++) {
        struct worker *w = &ws[i % g.threads];
        struct conn *c = &w->conns[w->nconns++];
        c->w = w;
        c->slot = i;
        c->fd = -1;
        c->rbuf = rbufs + (size_t)i * RBUF_BYTES;
        c->next = (size_t)(((unsigned long long)i * g.nreqs / (unsigned long long)g.connections +
                            (unsigned long long)g.seed) %
                           g.nreqs);
    }
    for (long t = 0; t < g.threads; t++) {
        if (pthread_create(&ws[t].tid, NULL, worker_run, &ws[t]) != 0) {
            fprintf(stderr, "loadgen: cannot start thread %ld\n", t);
            return 1;
        }
    }

    bool signalled = false;
    int64_t start = g.measure_start_ns;
    if (g.idle) { /* first every connection answered (or failed), then the idle time */
        int64_t limit = t0 + TIMEOUT_NS + NS_PER_S;
        while (atomic_load(&g.idle_settled) < g.idle && mono_ns() < limit && !signalled)
            signalled = wait_until(&sigs, mono_ns() + 5000000);
        fprintf(stderr, "loadgen: %ld of %ld connections answered; idle for %.1f s\n",
                atomic_load(&g.idle_ok), g.idle, g.duration);
        start = mono_ns();
    } else if (g.warmup > 0) {
        signalled = wait_until(&sigs, g.measure_start_ns);
    }
    if (!signalled)
        wait_until(&sigs, start + (int64_t)(g.duration * NS_PER_S));
    int64_t end = mono_ns();
    atomic_store(&g.stop, true);
    for (long t = 0; t < g.threads; t++)
        pthread_join(ws[t].tid, NULL);
    double secs = end > start ? (double)(end - start) / NS_PER_S : 0;

    struct stats *total = calloc(1, sizeof(*total));
    if (!total)
        return 1;
    if (g.idle) {
        long still = 0;
        for (long t = 0; t < g.threads; t++) {
            for (size_t i = 0; i < ws[t].nconns; i++) {
                struct conn *c = &ws[t].conns[i];
                char b;
                if (c->state == C_PARKED && recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) < 0 &&
                    (errno == EAGAIN || errno == EWOULDBLOCK))
                    still++;
            }
        }
        printf("{\"idle_opened\":%ld,\"idle_ok\":%ld,\"idle_still_open\":%ld,"
               "\"duration_s\":%.3f}\n",
               atomic_load(&g.idle_opened), atomic_load(&g.idle_ok), still, secs);
    } else {
        for (long t = 0; t < g.threads; t++)
            stats_merge(total, &ws[t].st);
        if (g.ledger_fd >= 0 && close(g.ledger_fd) != 0)
            fprintf(stderr, "loadgen: closing the ledger: %s\n", strerror(errno));
        print_load(total, secs);
    }
    int rc = fflush(stdout) == 0 ? 0 : 1;
    for (long t = 0; t < g.threads; t++) {
        for (size_t i = 0; i < ws[t].nconns; i++)
            if (ws[t].conns[i].fd >= 0)
                close(ws[t].conns[i].fd);
        close(ws[t].ep);
        free(ws[t].conns);
        free(ws[t].ledger);
    }
    free(ws);
    free(rbufs);
    free(total);
    if (!g.idle) {
        free(g.file);
        free(g.reqs);
    }
    return rc;
}
