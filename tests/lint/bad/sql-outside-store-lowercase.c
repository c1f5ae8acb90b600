/* expect: SQL outside src/store/ ; path: src/http/x.c */
const char *logout_sql(void);

const char *logout_sql(void)
{
    return "delete from sessions where token_hash = ?";
}
