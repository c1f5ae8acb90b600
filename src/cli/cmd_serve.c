/*
 * cmd_serve.c: `peerdesk serve`: run the HTTP server until SIGTERM or SIGINT. A database
 * made by an earlier peerdesk is migrated first, after a copy (cli_upgrade, upgrade.h).
 *
 * The signals are blocked before the server threads start (they inherit the mask), and
 * the main thread waits for them with sigwait(): no async signal handlers, and a clean
 * stop that lets requests in flight finish.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../http/http.h"
#include "../lib/log.h"
#include "../store/store.h"
#include "cli.h"

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
    struct http_server *srv =
        http_server_start(app, listen, threads, cli_get_bool("secure-cookie"), &e);
    if (!srv) {
        app_free(app);
        return cli_error("serve", &e);
    }
    char host[64];
    const char *colon = strrchr(listen, ':');
    snprintf(host, sizeof(host), "%.*s", colon ? (int)(colon - listen) : 0, listen);
    printf("peerdesk: listening on http://%s:%d\n", *host ? host : "127.0.0.1",
           http_server_port(srv));
    fflush(stdout);
    log_info("serving with %d threads", threads);

    sigwait(&stop, &sig);
    log_info("stopping on signal %d", sig);
    http_server_stop(srv);
    app_free(app);
    return 0;
}
