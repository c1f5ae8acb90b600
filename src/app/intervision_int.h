/*
 * intervision_int.h: what intervision.c (groups, sessions, the gate) shares with
 * intervision_content.c (agenda, cases, feedback, reflections) and intervision_json.c.
 * Nothing outside these files includes it.
 */
#ifndef PD_APP_INTERVISION_INT_H
#define PD_APP_INTERVISION_INT_H

#include "intervision.h"

/* Today as YYYY-MM-DD (arena). */
const char *iv_today(struct app_req *r);
/* Characters of a string (0 for NULL). */
size_t iv_chars(const char *s);
/* Required (min 1) or optional (NULL passes) text of at most max characters. */
int iv_check_text(struct app_req *r, const char *s, bool required, size_t max, const char *field);

/* One audit entry in the open write transaction: what, about which record, on which basis
 * (member | participant | peer). Never content. */
int iv_audit(struct app_req *r, const char *event, char action, const char *type, const char *id,
             const char *basis);
/* Refuse: roll back, write the denied entry on its own, answer PD_ENOTFOUND ("no such
 * <type>", the same as a random id) or, for an open group the actor may see but does not
 * take part in, code = PD_EFORBID naming field "participation". */
int iv_deny(struct app_req *r, const char *event, char action, const char *type, const char *id,
            int code);

/* Inside an open write transaction: load the session and its group, and check that the
 * actor may read or write its content (closed: member; open: taking part). On refusal the
 * transaction is rolled back, the denied entry written and the error returned. *basis is
 * "member" or "participant". */
int iv_load_session(struct app_req *r, const char *id, const char *event, char action,
                    struct iv_group *g, struct iv_session *s, const char **basis);

#endif
