/*
 * vfs_test.c: the test-only SQLite VFS of vfs_test.h: a volatile page cache and injected
 * write/fsync errors, for the database and WAL files only.
 *
 * Volatile files. Every database or WAL file open in the process has one vnode, shared by
 * all its handles (found by the full path SQLite gives xOpen; freed at the last close): its
 * logical size, the blocks written since the last sync (VBLOCK bytes each, in an
 * open-addressing table keyed by block number), and trunc_at, the lowest size it was
 * truncated to since then (the real file's bytes from there on no longer exist). A read
 * takes a block from the table, else from the real file (zeros at or past trunc_at); a
 * write copies into the table (a new block is first filled the way a read would see it).
 * xSync applies it all to the real file (truncate, write the blocks, set the size) and then
 * syncs it; the last close writes without syncing (the OS keeps what a process that ends
 * wrote). Memory-mapped reads are refused (xFetch gives NULL, so SQLite reads through
 * xRead), and size hints are ignored (they would grow the real file).
 *
 * Faults. The control file is read at every xWrite/xSync of a database or WAL file, under
 * one process-wide mutex; a matching word fires once and the file is rewritten to say so.
 */
#include "vfs_test.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/log.h"
#include "../lib/mem.h"

#define VBLOCK   4096
#define NO_TRUNC INT64_MAX

struct vblock {
    int64_t idx;
    unsigned char data[VBLOCK];
};

struct vnode {
    char *path;
    int refs;
    pthread_mutex_t mu;
    int64_t size;     /* logical size: what xFileSize says */
    int64_t trunc_at; /* the real file's bytes from here on are gone; NO_TRUNC: none */
    struct vblock **slots;
    size_t cap, used; /* cap a power of two (or 0); grows at half full */
    struct vnode *next;
};

struct tfile {
    sqlite3_file base;  /* first: SQLite sees this */
    sqlite3_file *real; /* the default VFS's file, allocated right after this struct */
    struct vnode *vn;   /* volatile: the shared state; NULL otherwise */
    bool watched;       /* a database or WAL file: faults apply */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs test_vfs;
static bool volatile_on;
static const char *faults_file;
static pthread_mutex_t nodes_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t faults_mu = PTHREAD_MUTEX_INITIALIZER;
static struct vnode *nodes;

/* ---- faults ---- */

/* True once when the control file says `word`; it then says "fired <word>". */
static bool fault_fires(const char *word)
{
    if (!faults_file)
        return false;
    bool fire = false;
    pthread_mutex_lock(&faults_mu);
    FILE *f = fopen(faults_file, "r");
    if (f) {
        char buf[32] = "";
        size_t n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        buf[strcspn(buf, " \t\r\n")] = '\0';
        fire = strcmp(buf, word) == 0;
    }
    if (fire) {
        f = fopen(faults_file, "w");
        if (f) {
            fprintf(f, "fired %s\n", word);
            fclose(f);
        }
        log_warn("vfs_test: injected %s error", word);
    }
    pthread_mutex_unlock(&faults_mu);
    return fire;
}

/* ---- the block table of a vnode (its mutex held) ---- */

static size_t slot_of(const struct vnode *vn, int64_t idx)
{
    size_t i = ((uint64_t)idx * 0x9E3779B97F4A7C15ull) & (vn->cap - 1);
    while (vn->slots[i] && vn->slots[i]->idx != idx)
        i = (i + 1) & (vn->cap - 1);
    return i;
}

static struct vblock *block_get(const struct vnode *vn, int64_t idx)
{
    return vn->cap ? vn->slots[slot_of(vn, idx)] : NULL;
}

static void block_put(struct vnode *vn, struct vblock *b)
{
    if (2 * (vn->used + 1) > vn->cap) {
        size_t old = vn->cap;
        struct vblock **was = vn->slots;
        vn->cap = old ? old * 2 : 64;
        vn->slots = xcalloc(vn->cap, sizeof(*vn->slots));
        for (size_t i = 0; i < old; i++)
            if (was[i])
                vn->slots[slot_of(vn, was[i]->idx)] = was[i];
        free(was);
    }
    vn->slots[slot_of(vn, b->idx)] = b;
    vn->used++;
}

/* Drop the blocks at or past block `from` (all of them: from 0). */
static void blocks_drop(struct vnode *vn, int64_t from)
{
    if (!vn->cap)
        return;
    struct vblock **keep = xcalloc(vn->cap, sizeof(*keep));
    size_t kept = 0;
    for (size_t i = 0; i < vn->cap; i++) {
        struct vblock *b = vn->slots[i];
        if (!b)
            continue;
        if (b->idx >= from)
            free(b);
        else
            keep[kept++] = b;
    }
    memset(vn->slots, 0, vn->cap * sizeof(*vn->slots));
    vn->used = 0;
    for (size_t i = 0; i < kept; i++)
        block_put(vn, keep[i]);
    free(keep);
}

/* Bytes [off, off+n) as the real file holds them now, zeros where it ends or was
 * truncated. */
static int base_read(struct tfile *t, void *buf, int n, int64_t off)
{
    int rc = t->real->pMethods->xRead(t->real, buf, n, off);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        return rc;
    int64_t cut = t->vn->trunc_at;
    if (cut < off + n)
        memset((unsigned char *)buf + (cut > off ? cut - off : 0), 0,
               (size_t)(off + n - (cut > off ? cut : off)));
    return SQLITE_OK;
}

/* Write everything held to the real file (without syncing it). */
static int vnode_flush(struct tfile *t)
{
    struct vnode *vn = t->vn;
    const sqlite3_io_methods *m = t->real->pMethods;
    int rc = SQLITE_OK;
    if (vn->trunc_at != NO_TRUNC)
        rc = m->xTruncate(t->real, vn->trunc_at);
    for (size_t i = 0; i < vn->cap && rc == SQLITE_OK; i++) {
        struct vblock *b = vn->slots[i];
        if (!b)
            continue;
        int64_t at = b->idx * VBLOCK;
        int64_t len = vn->size - at < VBLOCK ? vn->size - at : VBLOCK;
        if (len > 0)
            rc = m->xWrite(t->real, b->data, (int)len, at);
    }
    sqlite3_int64 real_size = 0;
    if (rc == SQLITE_OK)
        rc = m->xFileSize(t->real, &real_size);
    if (rc == SQLITE_OK && real_size != vn->size)
        rc = m->xTruncate(t->real, vn->size);
    if (rc != SQLITE_OK)
        return rc;
    blocks_drop(vn, 0);
    vn->trunc_at = NO_TRUNC;
    return SQLITE_OK;
}

/* ---- vnodes ---- */

static struct vnode *vnode_ref(const char *path, sqlite3_file *real)
{
    pthread_mutex_lock(&nodes_mu);
    struct vnode *vn = nodes;
    while (vn && strcmp(vn->path, path) != 0)
        vn = vn->next;
    if (!vn) {
        sqlite3_int64 size = 0;
        if (real->pMethods->xFileSize(real, &size) != SQLITE_OK) {
            pthread_mutex_unlock(&nodes_mu);
            return NULL;
        }
        vn = xcalloc(1, sizeof(*vn));
        vn->path = xstrdup(path);
        vn->size = size;
        vn->trunc_at = NO_TRUNC;
        pthread_mutex_init(&vn->mu, NULL);
        vn->next = nodes;
        nodes = vn;
    }
    vn->refs++;
    pthread_mutex_unlock(&nodes_mu);
    return vn;
}

/* The last handle writes what is held (the OS would) and frees the vnode. */
static int vnode_unref(struct tfile *t)
{
    struct vnode *vn = t->vn;
    int rc = SQLITE_OK;
    pthread_mutex_lock(&nodes_mu);
    if (--vn->refs == 0) {
        struct vnode **p = &nodes;
        while (*p != vn)
            p = &(*p)->next;
        *p = vn->next;
        rc = vnode_flush(t);
        blocks_drop(vn, 0);
        free(vn->slots);
        free(vn->path);
        pthread_mutex_destroy(&vn->mu);
        free(vn);
    }
    pthread_mutex_unlock(&nodes_mu);
    t->vn = NULL;
    return rc;
}

/* ---- io methods ---- */

static int t_close(sqlite3_file *f)
{
    struct tfile *t = (struct tfile *)f;
    int rc = t->vn ? vnode_unref(t) : SQLITE_OK;
    int rc2 = t->real->pMethods ? t->real->pMethods->xClose(t->real) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : rc2;
}

static int t_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    struct tfile *t = (struct tfile *)f;
    if (!t->vn)
        return t->real->pMethods->xRead(t->real, buf, n, off);
    struct vnode *vn = t->vn;
    unsigned char *out = buf;
    int rc = SQLITE_OK;
    pthread_mutex_lock(&vn->mu);
    int64_t avail = vn->size - off < n ? vn->size - off : n;
    if (avail < 0)
        avail = 0;
    for (int64_t done = 0; done < avail && rc == SQLITE_OK;) {
        int64_t pos = off + done, idx = pos / VBLOCK, in = pos % VBLOCK;
        int64_t len = VBLOCK - in < avail - done ? VBLOCK - in : avail - done;
        struct vblock *b = block_get(vn, idx);
        if (b)
            memcpy(out + done, b->data + in, (size_t)len);
        else
            rc = base_read(t, out + done, (int)len, pos);
        done += len;
    }
    pthread_mutex_unlock(&vn->mu);
    if (rc != SQLITE_OK)
        return rc;
    if (avail < n) {
        memset(out + avail, 0, (size_t)(n - avail));
        return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
}

static int t_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    struct tfile *t = (struct tfile *)f;
    if (t->watched && fault_fires("write"))
        return SQLITE_IOERR_WRITE;
    if (!t->vn)
        return t->real->pMethods->xWrite(t->real, buf, n, off);
    struct vnode *vn = t->vn;
    const unsigned char *in = buf;
    int rc = SQLITE_OK;
    pthread_mutex_lock(&vn->mu);
    for (int64_t done = 0; done < n && rc == SQLITE_OK;) {
        int64_t pos = off + done, idx = pos / VBLOCK, at = pos % VBLOCK;
        int64_t len = VBLOCK - at < n - done ? VBLOCK - at : n - done;
        struct vblock *b = block_get(vn, idx);
        if (!b) {
            b = xmalloc(sizeof(*b));
            b->idx = idx;
            /* what a read sees there now: the real file up to the logical size, then zeros */
            int64_t base = idx * VBLOCK;
            int64_t have = vn->size - base;
            have = have < 0 ? 0 : have > VBLOCK ? VBLOCK : have;
            memset(b->data, 0, VBLOCK);
            if (have > 0)
                rc = base_read(t, b->data, (int)have, base);
            if (rc != SQLITE_OK) {
                free(b);
                break;
            }
            block_put(vn, b);
        }
        memcpy(b->data + at, in + done, (size_t)len);
        done += len;
    }
    if (rc == SQLITE_OK && off + n > vn->size)
        vn->size = off + n;
    pthread_mutex_unlock(&vn->mu);
    return rc;
}

static int t_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    struct tfile *t = (struct tfile *)f;
    if (!t->vn)
        return t->real->pMethods->xTruncate(t->real, size);
    struct vnode *vn = t->vn;
    pthread_mutex_lock(&vn->mu);
    if (size < vn->size) {
        blocks_drop(vn, (size + VBLOCK - 1) / VBLOCK);
        struct vblock *b = size % VBLOCK ? block_get(vn, size / VBLOCK) : NULL;
        if (b)
            memset(b->data + size % VBLOCK, 0, (size_t)(VBLOCK - size % VBLOCK));
        if (size < vn->trunc_at)
            vn->trunc_at = size;
    }
    vn->size = size;
    pthread_mutex_unlock(&vn->mu);
    return SQLITE_OK;
}

static int t_sync(sqlite3_file *f, int flags)
{
    struct tfile *t = (struct tfile *)f;
    if (t->watched && fault_fires("fsync"))
        return SQLITE_IOERR_FSYNC;
    if (t->vn) {
        pthread_mutex_lock(&t->vn->mu);
        int rc = vnode_flush(t);
        pthread_mutex_unlock(&t->vn->mu);
        if (rc != SQLITE_OK)
            return rc;
    }
    return t->real->pMethods->xSync(t->real, flags);
}

static int t_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    struct tfile *t = (struct tfile *)f;
    if (!t->vn)
        return t->real->pMethods->xFileSize(t->real, size);
    pthread_mutex_lock(&t->vn->mu);
    *size = t->vn->size;
    pthread_mutex_unlock(&t->vn->mu);
    return SQLITE_OK;
}

static int t_lock(sqlite3_file *f, int level)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xLock(t->real, level);
}

static int t_unlock(sqlite3_file *f, int level)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xUnlock(t->real, level);
}

static int t_check_reserved(sqlite3_file *f, int *out)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xCheckReservedLock(t->real, out);
}

static int t_file_control(sqlite3_file *f, int op, void *arg)
{
    struct tfile *t = (struct tfile *)f;
    if (t->vn && (op == SQLITE_FCNTL_SIZE_HINT || op == SQLITE_FCNTL_CHUNK_SIZE))
        return SQLITE_OK; /* they would grow the real file behind the held writes */
    return t->real->pMethods->xFileControl(t->real, op, arg);
}

static int t_sector_size(sqlite3_file *f)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xSectorSize(t->real);
}

static int t_device_characteristics(sqlite3_file *f)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xDeviceCharacteristics(t->real);
}

static int t_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xShmMap(t->real, pg, pgsz, extend, pp);
}

static int t_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xShmLock(t->real, offset, n, flags);
}

static void t_shm_barrier(sqlite3_file *f)
{
    struct tfile *t = (struct tfile *)f;
    t->real->pMethods->xShmBarrier(t->real);
}

static int t_shm_unmap(sqlite3_file *f, int del)
{
    struct tfile *t = (struct tfile *)f;
    return t->real->pMethods->xShmUnmap(t->real, del);
}

static int t_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    struct tfile *t = (struct tfile *)f;
    if (t->vn) {
        *pp = NULL; /* a mapping would show the real file, not the held writes */
        return SQLITE_OK;
    }
    return t->real->pMethods->xFetch(t->real, off, n, pp);
}

static int t_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    struct tfile *t = (struct tfile *)f;
    if (t->vn)
        return SQLITE_OK;
    return t->real->pMethods->xUnfetch(t->real, off, p);
}

static const sqlite3_io_methods t_methods = {
    .iVersion = 3,
    .xClose = t_close,
    .xRead = t_read,
    .xWrite = t_write,
    .xTruncate = t_truncate,
    .xSync = t_sync,
    .xFileSize = t_file_size,
    .xLock = t_lock,
    .xUnlock = t_unlock,
    .xCheckReservedLock = t_check_reserved,
    .xFileControl = t_file_control,
    .xSectorSize = t_sector_size,
    .xDeviceCharacteristics = t_device_characteristics,
    .xShmMap = t_shm_map,
    .xShmLock = t_shm_lock,
    .xShmBarrier = t_shm_barrier,
    .xShmUnmap = t_shm_unmap,
    .xFetch = t_fetch,
    .xUnfetch = t_unfetch,
};

static int t_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
                  int *out_flags)
{
    (void)vfs;
    struct tfile *t = (struct tfile *)f;
    memset(t, 0, sizeof(*t));
    t->real = (sqlite3_file *)(t + 1);
    int rc = real_vfs->xOpen(real_vfs, name, t->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        /* SQLite calls no method of a file whose open failed; the real file may still
         * need its close (the default VFS sets pMethods only on success). */
        if (t->real->pMethods)
            t->real->pMethods->xClose(t->real);
        return rc;
    }
    t->watched = name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL));
    if (t->watched && volatile_on) {
        t->vn = vnode_ref(name, t->real);
        if (!t->vn) {
            t->real->pMethods->xClose(t->real);
            return SQLITE_IOERR;
        }
    }
    f->pMethods = &t_methods;
    return SQLITE_OK;
}

int vfs_test_register(bool volatile_cache, const char *faults_path)
{
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs || real_vfs->iVersion < 2)
        return SQLITE_ERROR;
    test_vfs = *real_vfs;
    test_vfs.pNext = NULL;
    test_vfs.zName = "peerdesk-test";
    test_vfs.szOsFile = (int)sizeof(struct tfile) + real_vfs->szOsFile;
    test_vfs.xOpen = t_open;
    volatile_on = volatile_cache;
    faults_file = faults_path;
    return sqlite3_vfs_register(&test_vfs, 1);
}
