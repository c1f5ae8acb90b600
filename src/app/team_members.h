/*
 * team_members.h: an administrator puts a worker in a team of the organisation (an
 * expert team's coordinators allocate only when they are members of it).
 */
#ifndef PD_APP_TEAM_MEMBERS_H
#define PD_APP_TEAM_MEMBERS_H

#include "app.h"

/* Add worker_id to team team_id, both of the actor's organisation. Unknown team:
 * PD_ENOTFOUND; unknown worker: PD_EINVAL "worker_id"; already a member: PD_ECONFLICT
 * "worker_id". Audited as team.member_add. */
int app_team_member_add(struct app_req *r, const char *team_id, const char *worker_id);

#endif
