/*
 * breakglass.h: emergency access to one client's dossiers (SECURITY.md 9).
 *
 * A worker who has no relationship with a client but must see the dossier now (a crisis
 * call at night) writes a reason, types their password again and gets read access to
 * that one client's dossiers for a limited time (default and at most
 * LIMIT_BREAK_GLASS_MINUTES). While the grant runs, app_access_dossier() answers
 * NEED_DOSSIER_READ with BASIS_BREAK_GLASS (store_access.c looks the grant up), so every
 * read is audited with access basis "break_glass". The worker can end it early. Every
 * grant lands in the privacy officer's review queue until reviewed.
 *
 * The password check counts on the same per-account throttle as a login: a wrong
 * password here is a failed login for the throttle, so re-authentication cannot be used
 * to guess passwords faster. Strings returned live in r->arena.
 */
#ifndef PD_APP_BREAKGLASS_H
#define PD_APP_BREAKGLASS_H

#include "../store/store_consult.h"
#include "app.h"

/* Start a grant for client_id. minutes 0 = the default. Wrong password: PD_EUNAUTH
 * (audited break_glass.start failure); throttled: PD_ETHROTTLE; managers, researchers,
 * students and anyone without a care role: PD_EFORBID; a client not in the actor's
 * organisation: PD_ENOTFOUND. Audited break_glass.start with access basis break_glass. */
int app_break_glass_start(struct app_req *r, const char *client_id, const char *reason,
                          const char *password, int minutes, struct break_glass_rec *out);
/* End the actor's own running grant (break_glass.stop). Another's or a missing grant:
 * PD_ENOTFOUND; ended or expired already: PD_ECONFLICT. version 0: not checked. */
int app_break_glass_stop(struct app_req *r, const char *id, int64_t version,
                         struct break_glass_rec *out);
/* Privacy officer: grants without a review, oldest first (cursor: an id). One
 * break_glass.queue entry per grant shown (each names a client). */
int app_break_glass_queue(struct app_req *r, const char *after, int limit,
                          struct break_glass_rec **out, size_t *n);
/* Privacy officer: review a grant at `version`: outcome justified | unjustified, a note.
 * Reviewed already or moved on: PD_ESTALE with *out current. */
int app_break_glass_review(struct app_req *r, const char *id, int64_t version, const char *outcome,
                           const char *note, struct break_glass_rec *out);

json_t *break_glass_to_json(const struct break_glass_rec *b);

#endif
