/*
 * role.h: the roles a worker can hold, as one table.
 *
 * One person may hold several roles (a part-time generalist who is also a part-time
 * expert), so a worker's roles are a bit set. The table says, per role, its code, Dutch
 * and English labels and whether it can reach client data (which decides, by default,
 * whether a second factor is required). Pure data and functions; no I/O.
 */
#ifndef PD_ROLE_H
#define PD_ROLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/err.h"

enum role {
    ROLE_ADMIN = 1u << 0,
    ROLE_COORDINATOR = 1u << 1,
    ROLE_GENERALIST = 1u << 2,
    ROLE_EXPERT = 1u << 3,
    ROLE_COACH = 1u << 4,
    ROLE_TRAINER = 1u << 5,
    ROLE_STUDENT = 1u << 6,
    ROLE_MANAGER = 1u << 7,
    ROLE_RESEARCHER = 1u << 8,
    ROLE_PRIVACY_OFFICER = 1u << 9,
};

#define ROLE_ALL 0x3ffu
/* The roles that can reach a client's dossier at all, each through need-to-know. Managers
 * and researchers see aggregates and pseudonymised data only: never these routes. */
#define ROLE_CASEWORK (ROLE_GENERALIST | ROLE_EXPERT | ROLE_COORDINATOR)
#define ROLE_COUNT    10

struct role_info {
    enum role role;
    const char *code;     /* "privacy_officer" */
    const char *label_nl; /* "Privacyfunctionaris" */
    const char *label_en; /* "Privacy officer" */
    bool client_data;     /* can reach client data (or the audit log about it) */
};

extern const struct role_info role_table[ROLE_COUNT];

/* The roles whose holders must use a second factor unless an organisation says more. */
unsigned role_default_totp_mask(void);
const struct role_info *role_by_code(const char *code, size_t n);
const char *role_code(enum role r);
/* "generalist,expert" (commas, optional spaces) to a mask; names the bad item in e
 * (field is the given field name). Empty lists are refused. */
int role_parse_list(const char *s, const char *field, unsigned *mask, struct pd_err *e);
/* Lowest set role of a mask (the "acting role" recorded when nothing more specific). */
enum role role_primary(unsigned mask);

#endif
