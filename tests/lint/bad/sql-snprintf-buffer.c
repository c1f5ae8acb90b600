/* expect: SQL built with snprintf ; path: src/store/client_store.c */
#include <stdio.h>

struct db;
struct pd_err;
void *db_prepare(struct db *db, const char *sql, struct pd_err *e);

void *find_client(struct db *db, const char *name, struct pd_err *e)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM clients WHERE name = '%s'", name);
    return db_prepare(db, sql, e);
}
