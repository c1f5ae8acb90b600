/*
 * access.c: the need-to-know rules. Each rule is one line of the table in the comment
 * below; keep them in step with tests/authz/matrix.tsv.
 *
 *   need            responsible assigned bridging coordinator+open break-glass
 *   dossier read        yes        yes      yes        no             yes
 *   dossier write       yes        yes      yes        no             no
 *   dossier manage      yes        no       no         no             no
 *   request submit      yes        yes(generalist role) no  no        no
 *   request summary     yes        yes      yes        yes            no
 *   allocate            no         no       no         yes            no
 *
 * Writes on a closed dossier are refused (reopen first), reads are not.
 */
#include "access.h"

#include "role.h"

enum access_basis access_decide(const struct access_facts *f, unsigned roles, enum access_need need)
{
    if (!f->exists)
        return BASIS_NONE;
    enum access_basis rel = f->responsible ? BASIS_RESPONSIBLE
                            : f->assigned  ? BASIS_ASSIGNMENT
                            : f->bridging  ? BASIS_BRIDGING
                                           : BASIS_NONE;
    switch (need) {
    case NEED_DOSSIER_READ:
        if (rel != BASIS_NONE)
            return rel;
        return f->break_glass ? BASIS_BREAK_GLASS : BASIS_NONE;
    case NEED_DOSSIER_WRITE:
        return f->closed ? BASIS_NONE : rel;
    case NEED_DOSSIER_MANAGE:
        return f->responsible ? BASIS_RESPONSIBLE : BASIS_NONE;
    case NEED_REQUEST_SUBMIT:
        if (f->closed || !(roles & ROLE_GENERALIST))
            return BASIS_NONE;
        return rel == BASIS_RESPONSIBLE || (rel == BASIS_ASSIGNMENT) ? rel : BASIS_NONE;
    case NEED_REQUEST_SUMMARY:
        if (rel != BASIS_NONE)
            return rel;
        return f->team_coordinator && f->open_request && (roles & ROLE_COORDINATOR)
                   ? BASIS_COORDINATOR
                   : BASIS_NONE;
    case NEED_ALLOCATE:
        return f->team_coordinator && (roles & ROLE_COORDINATOR) && !f->closed ? BASIS_COORDINATOR
                                                                               : BASIS_NONE;
    }
    return BASIS_NONE;
}

const char *access_basis_code(enum access_basis b)
{
    switch (b) {
    case BASIS_RESPONSIBLE:
        return "responsible";
    case BASIS_ASSIGNMENT:
        return "assignment";
    case BASIS_BRIDGING:
        return "bridging";
    case BASIS_COORDINATOR:
        return "coordinator";
    case BASIS_BREAK_GLASS:
        return "break_glass";
    case BASIS_NONE:
        break;
    }
    return "none";
}
