/*
 * timeline_int.h: what notes.c, closing.c and timeline.c share and nobody else.
 */
#ifndef PD_APP_TIMELINE_INT_H
#define PD_APP_TIMELINE_INT_H

#include "access.h"
#include "timeline.h"

/* Today's date (YYYY-MM-DD) in the arena. */
const char *tl_today(struct app_req *r);

/* Open the write transaction and check `need` on the dossier. Someone who may read the
 * dossier but it is closed gets PD_ECONFLICT (audited as a failure, committed); anyone
 * else refused gets the not-found answer of app_access_dossier. On failure the
 * transaction is over and r->err is set: return r->err.code without app_fail. */
int tl_write_begin(struct app_req *r, const char *dossier_id, enum access_need need,
                   const char *event, struct dossier_access *acc);

/* Record a refused write as one audit entry and commit it; then set err (code, field,
 * detail) and return its code. The caller's data changes must not have happened yet.
 * outcome: "denied" when the state forbids it (a closed dossier, not the author),
 * "failure" when the request was off (a stale version, already ended). */
int tl_refuse(struct app_req *r, const struct dossier_access *acc, const char *event, char action,
              const char *record_type, const char *record_id, const char *outcome, int code,
              const char *field, const char *detail);

/* A date YYYY-MM-DD, not after today when not_future. PD_EINVAL naming field. */
int tl_check_date(struct app_req *r, const char *s, const char *field, bool not_future);
/* Optional text (NULL passes) of at most max characters; min 1 when required. */
int tl_check_text(struct app_req *r, const char *s, const char *field, size_t max, bool required);
/* Codes of one vocabulary: at most max, each active (field "name[i]"). */
int tl_check_codes(struct app_req *r, const char *vocab, const char *const *codes, size_t n,
                   size_t max, const char *field);

#endif
