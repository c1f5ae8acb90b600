/*
 * static.c: the web UI's files. The UI is one page (index.html) that renders everything in
 * the browser from the JSON API; its scripts and styles live under /assets/<build id>/,
 * so a build's files never change under their URL and are cached for a year, while the page
 * itself is revalidated on every visit (ETag, 304) and so always names the current build.
 * Any other path without a file extension is a screen of the UI: it gets the page too.
 *
 * Developing the UI: with PEERDESK_WEB_DIR=web the files are read from that directory on
 * every request instead of the embedded copies (never cached), so an edit shows on reload
 * without a rebuild. Only plain relative names ([a-z0-9._-] segments, no "..") are read.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/limits.h"
#include "assets.h"
#include "http_int.h"

#define ASSET_PREFIX "/assets/"

static int by_path(const void *key, const void *elem)
{
    return strcmp(key, ((const struct web_asset *)elem)->path);
}

const struct web_asset *http_asset_find(const char *path)
{
    return bsearch(path, web_assets, web_asset_count, sizeof(web_assets[0]), by_path);
}

static bool is_api(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0 ||
           strcmp(path, "/healthz") == 0;
}

static void serve(struct http_req *req, const struct web_asset *a, const char *cache)
{
    req->cache_control = cache;
    http_add_header(req, MHD_HTTP_HEADER_ETAG, a->etag);
    const char *inm = http_header(req, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm && strstr(inm, a->etag)) {
        http_reply_empty(req, MHD_HTTP_NOT_MODIFIED);
        return;
    }
    http_reply_static(req, MHD_HTTP_OK, a->type, (const char *)a->data, a->len);
}

static bool dev_name_ok(const char *rel)
{
    if (!*rel || *rel == '/' || strstr(rel, "..") || strstr(rel, "//"))
        return false;
    for (const char *c = rel; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ||
              *c == '_' || *c == '/'))
            return false;
    return true;
}

/* PEERDESK_WEB_DIR: one file from disk, "{{BASE}}" in index.html made /assets/dev/. */
static void serve_dev(struct http_req *req, const char *dir, const char *rel)
{
    struct pd_err e;
    err_clear(&e);
    const struct web_asset *known = http_asset_find(rel);
    const char *type = known ? known->type : NULL;
    const char *dot = strrchr(rel, '.');
    if (!type && dot)
        type = strcmp(dot, ".js") == 0 || strcmp(dot, ".mjs") == 0
                   ? "text/javascript; charset=utf-8"
               : strcmp(dot, ".css") == 0 ? "text/css; charset=utf-8"
               : strcmp(dot, ".svg") == 0 ? "image/svg+xml"
                                          : NULL;
    char path[4096];
    FILE *f = NULL;
    if (type && dev_name_ok(rel) &&
        (size_t)snprintf(path, sizeof(path), "%s/%s", dir, rel) < sizeof(path))
        f = fopen(path, "rb");
    struct buf b;
    buf_init(&b, LIMIT_RESPONSE_BYTES);
    char chunk[8192];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (buf_append(&b, chunk, n) != PD_OK)
            break;
    if (!f) {
        buf_release(&b);
        err_set(&e, PD_ENOTFOUND, NULL, "no such file");
        http_reply_problem(req, &e);
        return;
    }
    fclose(f);
    if (strcmp(rel, "index.html") == 0) {
        struct buf page;
        buf_init(&page, LIMIT_RESPONSE_BYTES);
        const char *s = buf_cstr(&b), *at;
        while ((at = strstr(s, "{{BASE}}"))) {
            buf_append(&page, s, (size_t)(at - s));
            buf_puts(&page, "/assets/dev/");
            s = at + strlen("{{BASE}}");
        }
        buf_puts(&page, s);
        buf_release(&b);
        b = page;
    }
    size_t len = 0;
    char *bytes = buf_detach(&b, &len);
    req->cache_control = "no-store";
    http_reply_bytes(req, MHD_HTTP_OK, type, bytes, len);
}

bool http_static_try(struct http_req *req)
{
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
        return false;
    const char *path = req->path;
    if (is_api(path))
        return false;

    struct pd_err e;
    err_clear(&e);
    const char *dev = getenv("PEERDESK_WEB_DIR");
    if (strncmp(path, ASSET_PREFIX, strlen(ASSET_PREFIX)) == 0) {
        const char *build = path + strlen(ASSET_PREFIX);
        const char *slash = strchr(build, '/');
        if (dev && *dev && slash && strcmp(slash + 1, "index.html") != 0) {
            serve_dev(req, dev, slash + 1);
            return true;
        }
        const struct web_asset *a = slash ? http_asset_find(slash + 1) : NULL;
        if (!a || strcmp(slash + 1, "index.html") == 0) {
            err_set(&e, PD_ENOTFOUND, NULL, "no such file");
            http_reply_problem(req, &e);
            return true;
        }
        /* A page of an older build may still ask for its files: serve today's, uncached. */
        bool current = (size_t)(slash - build) == strlen(web_build_id) &&
                       strncmp(build, web_build_id, strlen(web_build_id)) == 0;
        serve(req, a, current ? "public, max-age=31536000, immutable" : "no-cache");
        return true;
    }
    const char *last = strrchr(path, '/');
    if (strchr(last ? last : path, '.')) {
        err_set(&e, PD_ENOTFOUND, NULL, "no such file");
        http_reply_problem(req, &e);
        return true;
    }
    if (dev && *dev)
        serve_dev(req, dev, "index.html");
    else
        serve(req, http_asset_find("index.html"), "no-cache");
    return true;
}
