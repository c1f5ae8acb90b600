/*
 * tests/fuzz/replay.c: the corpus of a fuzz target as a regression test, without clang.
 *
 * Linked with one target (tests/fuzz/X.c) and built with gcc and the debug flags, so any
 * ASan/UBSan report aborts. `X.t [DIR...]` feeds every regular file of each DIR (default:
 * tests/fuzz/corpus/X, X from the program's name) to LLVMFuzzerTestOneInput once, sorted
 * by name, in one process: what libFuzzer does with a reproducer. A crash that was fixed
 * and kept in the corpus thus fails `make test` if it comes back. Prints TAP, one line per
 * input ("# FILE" before each, so an abort names its input).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file's bytes in a buffer of exactly their length (so ASan sees a read past the
 * end, as under libFuzzer); NULL when it cannot be read. */
static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, used = 0;
    uint8_t *p = malloc(cap);
    size_t r;
    while ((r = fread(p + used, 1, cap - used, f)) > 0)
        if ((used += r) == cap)
            p = realloc(p, cap *= 2);
    fclose(f);
    uint8_t *exact = malloc(used ? used : 1);
    memcpy(exact, p, used);
    free(p);
    *n = used;
    return exact;
}

static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (*n == cap)
            names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));
        names[(*n)++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, *n, sizeof(*names), by_name);
    return names ? names : calloc(1, sizeof(*names));
}

int main(int argc, char **argv)
{
    char corpus[512];
    const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    snprintf(corpus, sizeof(corpus), "tests/fuzz/corpus/%.*s", (int)strcspn(base, "."), base);
    const char *deflt[] = {corpus};
    const char *const *dirs = argc > 1 ? (const char *const *)argv + 1 : deflt;
    int ndirs = argc > 1 ? argc - 1 : 1;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int t = 0, bad = 0;
    for (int i = 0; i < ndirs; i++) {
        size_t n;
        char **names = list_dir(dirs[i], &n);
        if (!names) {
            printf("not ok %d - %s: cannot read the directory\n", ++t, dirs[i]);
            bad++;
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            char path[4096];
            snprintf(path, sizeof(path), "%s/%s", dirs[i], names[k]);
            struct stat st;
            size_t len;
            uint8_t *data;
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (data = slurp(path, &len))) {
                printf("# %s\n", path);
                fflush(stdout);
                LLVMFuzzerTestOneInput(data, len);
                free(data);
                printf("ok %d - %s\n", ++t, path);
            }
            free(names[k]);
        }
        free(names);
        if (n == 0) {
            printf("not ok %d - %s: no inputs\n", ++t, dirs[i]);
            bad++;
        }
    }
    printf("1..%d\n", t);
    return bad ? 1 : 0;
}
