/* h_support.h: handlers and schemas for routes_support.inc. */
#ifndef PD_HTTP_H_SUPPORT_H
#define PD_HTTP_H_SUPPORT_H

#include "route.h"

#endif
