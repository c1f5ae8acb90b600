/*
 * directory.h: each organisation's expert directory, the matcher's input, kept in memory
 * per process (docs/matching.md).
 *
 * A directory is what store_expert_rows answers for the whole organisation, already
 * turned into match_expert (match_input_from_rows), without the per-request
 * worked_with_requester flag (always false here). It is built on a miss, in its own
 * arena, and never changes afterwards, so any number of threads read it at once without
 * a lock. Its key is (organisation, directory_version, day): the version is bumped in the
 * database by migration 0014's triggers in the same transaction as every change that can
 * change a row, so a process notices another process's change at its next call; the day
 * is there because caseload counts assignments not ended before today.
 *
 * Ownership: the cache holds one reference to each directory it keeps (at most
 * LIMIT_DIRECTORY_ORGS organisations, least recently used out first); every request that
 * got one holds another until app_req_end. A directory is freed when its last reference
 * goes, so one replaced or evicted while a request still ranks with it stays valid. The
 * cache is thread-safe (one mutex around its table and the counts, never held during a
 * query).
 */
#ifndef PD_DIRECTORY_H
#define PD_DIRECTORY_H

#include <stddef.h>
#include <stdint.h>

#include "../domain/match.h"
#include "app.h"

struct expert_directory {
    char org_id[UUID_STR_BYTES];
    int64_t version;                    /* org.directory_version it was built at */
    char today[11];                     /* YYYY-MM-DD the caseloads were counted for */
    const struct match_expert *experts; /* by id (byte order) */
    size_t n;
};

struct directory_cache;

struct directory_cache *directory_cache_new(size_t max_orgs);
void directory_cache_free(struct directory_cache *c);

/* The directory of the actor's organisation for `today` (YYYY-MM-DD), read in r's open
 * transaction: the version (one indexed read), then the cached directory or, on a miss,
 * one built from the database and kept. r holds the reference until app_req_end (at most
 * one per request). */
int directory_acquire(struct app_req *r, const char *today, const struct expert_directory **out);
/* Drop r's reference, if any (app_req_end). */
void directory_release_req(struct app_req *r);

/* Lookups answered from memory and lookups that built, since start (tests, bench/). */
void directory_cache_stats(const struct app *app, uint64_t *hits, uint64_t *builds);

#endif
