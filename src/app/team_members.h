/*
 * team_members.h: an administrator puts a worker in a team of the organisation or takes
 * them out (an expert team's coordinators allocate only when they are members of it);
 * every worker of the organisation may see who is in a team. A team of another
 * organisation is PD_ENOTFOUND, the same answer as none. Arrays returned live in r->arena.
 */
#ifndef PD_APP_TEAM_MEMBERS_H
#define PD_APP_TEAM_MEMBERS_H

#include "app.h"

/* Add worker_id to team team_id, both of the actor's organisation. Unknown team:
 * PD_ENOTFOUND; unknown worker: PD_EINVAL "worker_id"; already a member: PD_ECONFLICT
 * "worker_id". Audited as team.member_add. */
int app_team_member_add(struct app_req *r, const char *team_id, const char *worker_id);
/* The members of a team of the actor's organisation, by name. Unknown team: PD_ENOTFOUND. */
/* The directory casework needs (who asked for a consultation, to whom to hand over):
 * active workers with a casework role, their names and roles only. */
int app_colleagues(struct app_req *r, struct worker **out, size_t *n);
int app_team_member_list(struct app_req *r, const char *team_id, struct worker **out, size_t *n);
/* Take worker_id out of the team. Unknown team or not a member: PD_ENOTFOUND. Audited as
 * team.member_remove. */
int app_team_member_remove(struct app_req *r, const char *team_id, const char *worker_id);

#endif
