/* expect: SQL argument of db_exec() ; path: src/store/x.c */
struct db;
struct pd_err;
int db_exec(struct db *db, const char *sql, struct pd_err *e);

int run(struct db *db, const char *sql, struct pd_err *e)
{
    return db_exec(db, sql, e); /* lint-allow sql-arg */
}
