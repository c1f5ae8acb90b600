/* expect: SQL argument of db_prepare() must be a string literal ; path: src/store/x.c */
struct db;
struct pd_err;
void *db_prepare(struct db *db, const char *sql, struct pd_err *e);

void *run(struct db *db, const char *sql, struct pd_err *e)
{
    return db_prepare(db, sql, e);
}
