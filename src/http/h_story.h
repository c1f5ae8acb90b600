/* h_story.h: handlers and schemas for routes_story.inc. */
#ifndef PD_HTTP_H_STORY_H
#define PD_HTTP_H_STORY_H

#include "route.h"

#endif
