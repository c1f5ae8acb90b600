/* expect: SQL built with snprintf ; path: src/store/x.c ; line: 9 */
#include <stdio.h>

void tamper(char *sql, size_t n, const char *hash);

void tamper(char *sql, size_t n, const char *hash)
{
    /* lint-allow sql-arg: the waiver names a different rule, so it does not apply */
    snprintf(sql, n, "UPDATE audit_log SET hash = '%s' WHERE seq = 8;", hash);
}
