/* h_intervision.h: handlers and schemas for routes_intervision.inc. */
#ifndef PD_HTTP_H_INTERVISION_H
#define PD_HTTP_H_INTERVISION_H

#include "route.h"

#endif
