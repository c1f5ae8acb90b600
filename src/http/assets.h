/*
 * assets.h: the web UI's files, embedded at build time by tools/embed-assets from web/.
 * Sorted by path (bsearch). index.html already points at /assets/<web_build_id>/.
 */
#ifndef PD_HTTP_ASSETS_H
#define PD_HTTP_ASSETS_H

#include <stddef.h>

struct web_asset {
    const char *path; /* relative to web/: "index.html", "vendor/preact.mjs" */
    const char *type; /* Content-Type */
    const unsigned char *data;
    size_t len;
    const char *etag; /* strong, quoted: "\"3f...\"" */
};

extern const struct web_asset web_assets[];
extern const size_t web_asset_count;
extern const char web_build_id[];

#endif
