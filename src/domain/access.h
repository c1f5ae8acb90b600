/*
 * access.h: need-to-know, as a pure decision (ARCHITECTURE.md §4, SECURITY.md 7-9).
 *
 * A worker sees a client's dossier only through a relationship: the responsible
 * generalist, an active assignment (generalist or expert), an active bridging role, or a
 * break-the-glass grant for that client. Coordinators of an expert team see the summary
 * of an open request (to allocate), never the dossier itself. Managers and researchers
 * never reach a dossier. app/access.c gathers the facts from the database; this file only
 * decides, so the rules are unit-tested without one.
 */
#ifndef PD_ACCESS_H
#define PD_ACCESS_H

#include <stdbool.h>

/* What the actor wants to do. */
enum access_need {
    NEED_DOSSIER_READ = 1, /* see the dossier, its client and its timeline */
    NEED_DOSSIER_WRITE,    /* add notes, evaluations, referrals, bridging, consent */
    NEED_DOSSIER_MANAGE,   /* close, reopen, hand over responsibility, (un)assign */
    NEED_REQUEST_SUBMIT,   /* ask for an expert on this dossier */
    NEED_REQUEST_SUMMARY,  /* see a request's summary (reasons, themes, area, phase) */
    NEED_ALLOCATE,         /* decide on a request: assign, advice only, redirect, decline */
};

/* Why access was granted; recorded in every audit entry. */
enum access_basis {
    BASIS_NONE = 0,
    BASIS_RESPONSIBLE, /* the responsible generalist */
    BASIS_ASSIGNMENT,  /* an active assignment as generalist or expert */
    BASIS_BRIDGING,    /* an active bridging assignment */
    BASIS_COORDINATOR, /* coordinator of an expert team, for an open request */
    BASIS_BREAK_GLASS, /* an active break-the-glass grant for the client */
};

/* Facts about one actor and one dossier, loaded in one transaction. */
struct access_facts {
    bool exists;           /* the dossier exists in the actor's organisation */
    bool responsible;      /* actor is its responsible generalist */
    bool assigned;         /* actor has an active generalist/expert assignment on it */
    bool bridging;         /* actor has an active bridging assignment on it */
    bool team_coordinator; /* actor holds the coordinator role and is in an expert team */
    bool open_request;     /* the dossier has a request that is submitted or in review */
    bool break_glass;      /* actor has an active break-the-glass grant for its client */
    bool closed;           /* the dossier is closed */
};

/* BASIS_NONE means denied. Role bits are enum role (domain/role.h). */
enum access_basis access_decide(const struct access_facts *f, unsigned roles,
                                enum access_need need);
/* "responsible", "assignment", "bridging", "coordinator", "break_glass"; "none". */
const char *access_basis_code(enum access_basis b);

#endif
