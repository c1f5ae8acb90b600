/* expect: SQL built with buf_appendf ; path: src/store/x.c */
struct buf;
int buf_appendf(struct buf *b, const char *fmt, ...);

void add_filter(struct buf *b, const char *col)
{
    buf_appendf(b,
                " AND %s = ?"
                " ORDER BY %s",
                col, col);
}
