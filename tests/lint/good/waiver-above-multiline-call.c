/* path: src/store/x.c */
#include <stdio.h>

void tamper(char *sql, size_t n, const char *hash);

void tamper(char *sql, size_t n, const char *hash)
{
    /* lint-allow sql-format: a test corrupts the audit table through a raw handle */
    snprintf(sql, n,
             "UPDATE audit_log SET hash = '%s' WHERE seq = 8;"
             "DELETE FROM audit_log WHERE seq = 7;",
             hash);
}
