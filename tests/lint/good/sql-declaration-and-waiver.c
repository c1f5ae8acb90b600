/* path: src/store/db.c */
struct db;
struct pd_err;
int db_exec(struct db *db, const char *sql, struct pd_err *e);
int db_ops_exec(struct db *db, const char *sql, struct pd_err *e);

int db_exec(struct db *db, const char *sql, struct pd_err *e)
{
    return db_ops_exec(db, sql, e);
}

int migrate(struct db *db, const char *const *steps, int n, struct pd_err *e)
{
    for (int i = 0; i < n; i++) {
        /* lint-allow sql-arg: migration text is embedded from src/store/migrations/ */
        int rc = db_exec(db, steps[i], e);
        if (rc < 0)
            return rc;
    }
    return 0;
}
