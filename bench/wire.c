/*
 * wire: the wire-limit baseline of the benchmarks (issue 8, docs/performance.md "Benchmark
 * tools"): what libmicrohttpd itself can answer on this machine, set up exactly as peerdesk
 * sets it up, with no work per request.
 *
 * What it measures (with bench/loadgen in front of it): the requests/s ceiling that every
 * peerdesk figure is a ratio of. It runs the daemon of src/http/server.c
 * http_server_start(): the same flags (epoll, internal thread, error log to our logger), the
 * same thread pool rule (the pool option only with more than one thread), and the same
 * limits from src/lib/limits.h (connection memory, connections, per-address connections,
 * time-out). It keeps peerdesk's request lifecycle: the first access-handler call returns
 * MHD_YES without queuing (answering there costs keep-alive: ~18k instead of ~100k req/s,
 * see the top of server.c), upload data is swallowed, and the answer is queued on the final
 * call. Each answer is built per request like peerdesk's (a response object over a body
 * that is never copied): one fixed JSON document of exactly 4096 bytes, made once at
 * start-up, served as application/json.
 *
 * wire --listen 127.0.0.1:0 [--threads N] prints {"port":P} on stdout once it listens, then
 * serves until SIGTERM/SIGINT. Exit 0 after a clean stop, 2 on a usage error, 1 when it
 * cannot listen.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/limits.h"

#define BODY_BYTES 4096

static char body[BODY_BYTES + 1];

/* A valid JSON document of exactly BODY_BYTES bytes: a list of note-like objects, then a
 * padding string that makes up the length. The first "id" is what loadgen --ledger logs. */
static void body_build(void)
{
    static const char tail[] = "],\"pad\":\"\"}";
    size_t len = (size_t)snprintf(body, sizeof(body), "{\"items\":[");
    for (int i = 1;; i++) {
        char item[160];
        int n = snprintf(item, sizeof(item),
                         "%s{\"id\":\"%06d\",\"author\":\"generalist%d@bench.test\","
                         "\"body\":\"Huisbezoek: gesprek over de week, afspraken gemaakt.\"}",
                         i > 1 ? "," : "", i, i);
        if (len + (size_t)n + sizeof(tail) - 1 > BODY_BYTES)
            break;
        memcpy(body + len, item, (size_t)n);
        len += (size_t)n;
    }
    /* `],"pad":"` + x... + `"}` */
    size_t head = sizeof("],\"pad\":\"") - 1;
    memcpy(body + len, tail, head);
    len += head;
    size_t pad = BODY_BYTES - len - 2;
    memset(body + len, 'x', pad);
    len += pad;
    memcpy(body + len, "\"}", 2);
    len += 2;
    body[len] = '\0';
}

static int marker; /* *con_cls after the first call of a request */

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls)
{
    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    if (!*con_cls) {
        *con_cls = &marker;
        return MHD_YES; /* never answer on the first call (keep-alive) */
    }
    if (*upload_data_size) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(BODY_BYTES, body, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    *con_cls = NULL;
}

__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("wire: microhttpd: ", stderr);
    vfprintf(stderr, fmt, ap);
}

static const char *prog_usage = "usage: wire --listen ADDRESS:PORT [--threads N]\n";

static _Noreturn void usage_error(const char *opt, const char *why)
{
    fprintf(stderr, "wire: %s: %s\n%s", opt, why, prog_usage);
    exit(2);
}

static void parse_listen(const char *listen, struct sockaddr_in *sa)
{
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    const char *colon = strrchr(listen, ':');
    char host[INET_ADDRSTRLEN];
    if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof(host))
        usage_error("--listen", "expected ADDRESS:PORT, e.g. 127.0.0.1:0");
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1 || errno || end == colon + 1 || *end ||
        port < 0 || port > 65535)
        usage_error("--listen", "expected an IPv4 ADDRESS:PORT, e.g. 127.0.0.1:0");
    sa->sin_port = htons((uint16_t)port);
}

int main(int argc, char **argv)
{
    const char *listen = NULL;
    long threads = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(prog_usage, stdout);
            return 0;
        }
        if (strcmp(a, "--listen") != 0 && strcmp(a, "--threads") != 0)
            usage_error(a, "unknown option");
        if (i + 1 >= argc)
            usage_error(a, "needs a value");
        const char *v = argv[++i];
        if (strcmp(a, "--listen") == 0) {
            listen = v;
            continue;
        }
        char *end;
        errno = 0;
        threads = strtol(v, &end, 10);
        if (errno || end == v || *end || threads < 1 || threads > 256)
            usage_error(a, "expected a whole number 1..256");
    }
    if (!listen)
        usage_error("--listen", "is required");
    struct sockaddr_in sa;
    parse_listen(listen, &sa);
    body_build();

    /* The daemon's threads inherit this mask: only sigwait below sees the signals. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);

    /* As http_server_start() in src/http/server.c: keep the two in step. */
    struct MHD_OptionItem pool[] = {
        {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_access, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)LIMIT_CONN_MEMORY, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)LIMIT_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned int)LIMIT_CONNECTIONS_PER_IP, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)LIMIT_CONN_TIMEOUT_S, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_ARRAY, pool, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "wire: cannot listen on %s (in use, or not permitted)\n", listen);
        return 1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("{\"port\":%d}\n", di ? (int)di->port : -1);
    fflush(stdout);
    fprintf(stderr, "wire: listening on %s, %ld thread(s), %d-byte answers\n", listen, threads,
            BODY_BYTES);

    int sig = 0;
    while (sigwait(&sigs, &sig) != 0)
        ;
    fprintf(stderr, "wire: stopping on signal %d\n", sig);
    MHD_stop_daemon(d);
    return 0;
}
