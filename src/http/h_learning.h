/* h_learning.h: handlers and schemas for routes_learning.inc. */
#ifndef PD_HTTP_H_LEARNING_H
#define PD_HTTP_H_LEARNING_H

#include "route.h"

#endif
