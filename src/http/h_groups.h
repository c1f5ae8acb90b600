/* h_groups.h: handlers and schemas for routes_groups.inc. */
#ifndef PD_HTTP_H_GROUPS_H
#define PD_HTTP_H_GROUPS_H

#include "route.h"

#endif
