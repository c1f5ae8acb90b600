/* path: src/store/client_store.c */
#define CLIENT_COLUMNS "id, name"
#define SQL_COUNT      "SELECT count(*) FROM clients"

struct db;
struct pd_err;
void *db_prepare(struct db *db, const char *sql, struct pd_err *e);
int db_exec(struct db *db, const char *sql, struct pd_err *e);

void *find_client(struct db *db, struct pd_err *e)
{
    (void)db_exec(db, SQL_COUNT, e);
    return db_prepare(db,
                      "SELECT " CLIENT_COLUMNS " FROM clients"
                      " WHERE id = ?",
                      e);
}
