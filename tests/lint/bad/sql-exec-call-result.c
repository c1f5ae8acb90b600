/* expect: SQL argument of db_exec() must be a string literal ; path: src/store/x.c ; line: 10 */
struct db;
struct pd_err;
int db_exec(struct db *db, const char *sql, struct pd_err *e);
const char *pick_the_migration_statement_for(int which_version_of_the_schema_we_are_at);

int run(struct db *database_connection, int which_version_of_the_schema, struct pd_err *e)
{
    return db_exec(database_connection,
                   pick_the_migration_statement_for(which_version_of_the_schema), e);
}
