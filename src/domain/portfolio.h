/*
 * portfolio.h: the pure rules of portfolio evidence: the limits, which uploaded files are
 * accepted (a small allow-list, recognised by their first bytes rather than by what the
 * browser claims), which links and file names are accepted. No I/O; thread-safe.
 */
#ifndef PD_DOMAIN_PORTFOLIO_H
#define PD_DOMAIN_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>

/* Feature limits (the body cap of 1 MiB bounds a base64 file to ~750 KiB). */
#define PORTFOLIO_FILE_MAX_BYTES (512 * 1024) /* decoded file */
#define PORTFOLIO_FILE_B64_CHARS (4 * ((PORTFOLIO_FILE_MAX_BYTES + 2) / 3))
#define PORTFOLIO_TITLE_CHARS    200
#define PORTFOLIO_TEXT_CHARS     20000 /* a text item, or the note with a file or link */
#define PORTFOLIO_URL_BYTES      2000
#define PORTFOLIO_FILE_NAME      200
#define PORTFOLIO_REFS           20  /* assignment + competency codes of one item */
#define PORTFOLIO_ITEMS          500 /* items shown in one portfolio */
#define PORTFOLIO_FEEDBACK_CHARS 4000
#define PORTFOLIO_NOTE_CHARS     2000 /* sign-off note, withdrawal reason */

/* The content type the bytes are, if it is one we accept: "application/pdf", "image/png",
 * "image/jpeg" or "text/plain" (valid UTF-8 without control characters other than tab,
 * CR and LF). NULL for anything else, including an empty file. */
const char *portfolio_sniff(const unsigned char *p, size_t n);
/* Is the type one of the accepted ones? */
bool portfolio_type_allowed(const char *content_type);
/* An absolute http:// or https:// URL with a host, printable ASCII, no spaces, at most
 * PORTFOLIO_URL_BYTES. */
bool portfolio_link_ok(const char *url);
/* A file name for Content-Disposition: 1..PORTFOLIO_FILE_NAME bytes, no control
 * characters, no '/', '\\' or '"', not "." or "..". */
bool portfolio_file_name_ok(const char *name);

#endif
