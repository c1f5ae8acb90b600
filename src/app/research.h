/*
 * research.h: the research export (issue 6 scope 3; docs/research-export.md).
 *
 * A researcher downloads the organisation's casework of a period as pseudonymised tables:
 * no client code, name or contact, no worker name or email, no internal id. Every person
 * and dossier appears as a keyed pseudonym (prefix + the first 16 hex digits of
 * HMAC-SHA256(key, type ":" id)) under a random 256-bit key made for this one export and
 * wiped when it is done: references agree within one export, and two exports cannot be
 * linked through them. Dates are months, durations whole days. Free text (note bodies,
 * questions, summaries) is left out unless asked for with a reason. The quasi-identifiers
 * area (at wijk level) and age band (10 years) are withheld (null) wherever fewer than
 * RESEARCH_MIN_CELL clients of the export share the value, and the age band where fewer
 * share the (area, age band) pair; the export's metadata counts what was withheld.
 *
 * Each export writes one audit entry research.export (action E, record_type
 * research_export, record_id the export's id, access basis role, no client) in the same
 * transaction as its reads. The codebook describes every table and column.
 */
#ifndef PD_APP_RESEARCH_H
#define PD_APP_RESEARCH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"

#define RESEARCH_MIN_CELL   5
#define RESEARCH_REASON_MAX 500
#define RESEARCH_KEY_BYTES  32
#define RESEARCH_PSEUDO_HEX 16
/* "W-" + 16 hex + NUL */
#define RESEARCH_PSEUDO_BYTES 20

/* ---- pure helpers (unit tested) ---- */

/* prefix "-" + the first 16 hex digits of HMAC-SHA256(key, type ":" id) into out. prefix is
 * one letter. */
void research_pseudonym(const unsigned char key[RESEARCH_KEY_BYTES], char prefix, const char *type,
                        const char *id, char out[RESEARCH_PSEUDO_BYTES]);
/* The 10-year band of the age reached in `year` ("30-39"; "80+" from 80; NULL when the
 * birth year is unknown (0) or after `year`), static text. */
const char *research_age_band(int64_t birth_year, int year);

/* ---- the use cases ---- */

/* The codebook (no client data, no audit): tables, columns and the organisation's codes of
 * every vocabulary a column uses. */
int app_research_codebook(struct app_req *r, json_t **out);

/* The export. from/to: YYYY-MM-DD or NULL (the 365 days up to today); free_text: NULL,
 * "false" or "true"; reason: up to RESEARCH_REASON_MAX characters, required (not blank)
 * when free_text is "true". Bad input is PD_EINVAL naming from, to, free_text or reason.
 * *out is a new JSON object {export, codebook, tables}; *id the export's id (r->arena). */
int app_research_export(struct app_req *r, const char *from, const char *to, const char *free_text,
                        const char *reason, json_t **out, const char **id);

#endif
