/*
 * cmd_serve.c: `peerdesk serve`: run the HTTP server until SIGTERM or SIGINT. A database
 * made by an earlier peerdesk is migrated first, after a copy (cli_upgrade, upgrade.h).
 *
 * The signals are blocked before the server threads start (they inherit the mask), and
 * the main thread waits for them with sigwait(): no async signal handlers, and a clean
 * stop that lets requests in flight finish.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../http/http.h"
#include "../http/metrics.h"
#include "../lib/log.h"
#include "../lib/mem.h"
#include "../store/store.h"
#include "cli.h"

#define PEM_MAX_BYTES (1 << 20)

/* The PEM file a setting names, whole, NUL-terminated, into *out (free it). A key others
 * can read (or its group write) is refused: it would let them be us. */
static int read_pem(const char *setting, char **out, struct pd_err *e)
{
    const char *path = cli_get(setting);
    if (!path || !*path)
        return err_set(e, PD_EINVAL, setting, "needed with tls-cert: set both or neither");
    FILE *f = fopen(path, "r");
    if (!f)
        return err_set(e, PD_EINVAL, setting, "cannot read %s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > PEM_MAX_BYTES) {
        fclose(f);
        return err_set(e, PD_EINVAL, setting, "%s is not a PEM file of at most 1 MiB", path);
    }
    if (strcmp(setting, "tls-key") == 0 && (sb.st_mode & 0037)) {
        fclose(f);
        return err_set(e, PD_EINVAL, setting,
                       "%s can be read by others (mode %03o): chmod 600 it (or 640 with the "
                       "group peerdesk runs as)",
                       path, (unsigned)(sb.st_mode & 0777));
    }
    char *buf = xmalloc((size_t)sb.st_size + 1);
    size_t n = fread(buf, 1, (size_t)sb.st_size, f);
    fclose(f);
    buf[n] = '\0';
    if (!strstr(buf, "-----BEGIN ")) {
        free(buf);
        return err_set(e, PD_EINVAL, setting, "%s holds no PEM block (-----BEGIN ...)", path);
    }
    *out = buf;
    return PD_OK;
}

int cmd_serve(int argc, char **argv)
{
    struct cli_req c;
    sigset_t stop;
    int sig = 0;

    if (cli_parse(argc, argv, "serve", NULL) != 0 || cli_req_begin(&c, "serve") != 0)
        return 1;
    if (cli_upgrade(&c, false) != 0) {
        cli_req_end(&c);
        return 1;
    }
    cli_req_end(&c);

    int threads = (int)cli_get_int("threads");
    struct app *app = cli_app(threads);
    if (!app)
        return 1;

    signal(SIGPIPE, SIG_IGN);
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    struct pd_err e;
    err_clear(&e);
    const char *listen = cli_get("listen");
    struct http_server *srv = NULL;
    if (cli_tls_on()) {
        char *cert = NULL, *key = NULL;
        if (read_pem("tls-cert", &cert, &e) == PD_OK && read_pem("tls-key", &key, &e) == PD_OK)
            srv = http_server_start_tls(app, listen, threads, cert, key, &e);
        if (key) /* the key stays in libmicrohttpd's copy only */
            explicit_bzero(key, strlen(key));
        free(cert);
        free(key);
    } else {
        srv = http_server_start(app, listen, threads, cli_get_bool("secure-cookie"), &e);
    }
    if (!srv) {
        app_free(app);
        return cli_error("serve", &e);
    }
    struct http_metrics_server *metrics = NULL;
    const char *mlisten = cli_get("metrics-listen");
    if (mlisten && *mlisten && !(metrics = http_metrics_start(app, mlisten, &e))) {
        http_server_stop(srv);
        app_free(app);
        return cli_error("serve", &e);
    }
    char host[64];
    const char *colon = strrchr(listen, ':');
    snprintf(host, sizeof(host), "%.*s", colon ? (int)(colon - listen) : 0, listen);
    printf("peerdesk: listening on %s://%s:%d\n", cli_tls_on() ? "https" : "http",
           *host ? host : "127.0.0.1", http_server_port(srv));
    if (metrics) {
        colon = strrchr(mlisten, ':');
        printf("peerdesk: metrics on http://%.*s:%d/metrics\n", (int)(colon - mlisten), mlisten,
               http_metrics_port(metrics));
    }
    fflush(stdout);
    log_info("serving with %d threads", threads);

    sigwait(&stop, &sig);
    log_info("stopping on signal %d", sig);
    http_metrics_stop(metrics);
    http_server_stop(srv);
    app_free(app);
    return 0;
}
