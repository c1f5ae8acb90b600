/*
 * banned.h: functions we never call, made into compile errors.
 *
 * Force-included into every translation unit (-include src/lib/banned.h). The system
 * headers that declare these functions are included first, so their own declarations
 * are seen before the poison macros. Use snprintf(), struct buf, strtoll() with an end
 * check, gmtime_r() and mkstemp() instead.
 */
#ifndef PD_BANNED_H
#define PD_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(...) BANNED(strcpy)
#undef strcat
#define strcat(...) BANNED(strcat)
#undef strncpy
#define strncpy(...) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(...) BANNED(strtok)
#undef atoi
#define atoi(...) BANNED(atoi)
#undef atol
#define atol(...) BANNED(atol)
#undef gets
#define gets(...) BANNED(gets)
#undef gmtime
#define gmtime(...) BANNED(gmtime)
#undef localtime
#define localtime(...) BANNED(localtime)
#undef ctime
#define ctime(...) BANNED(ctime)
#undef asctime
#define asctime(...) BANNED(asctime)
#undef mktemp
#define mktemp(...) BANNED(mktemp)

#endif
