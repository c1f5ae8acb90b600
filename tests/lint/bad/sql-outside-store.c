/* expect: SQL outside src/store/ ; path: src/app/x.c ; line: 2 */
static const char *const count_sql = "SELECT count(*) "
                                     "FROM clients";

const char *app_sql(void);

const char *app_sql(void)
{
    return count_sql;
}
