/*
 * limits.h: every cap peerdesk enforces, in one place.
 *
 * A limit exceeded by input is a clear 4xx answer naming the field, never undefined
 * behaviour. Change a value here and the OpenAPI document, the checks and the tests
 * follow, because they all read these names.
 */
#ifndef PD_LIMITS_H
#define PD_LIMITS_H

/* HTTP */
#define LIMIT_BODY_BYTES         (1024 * 1024) /* request body */
#define LIMIT_HEADER_BYTES       (16 * 1024)   /* request line + headers (MHD memory pool) */
#define LIMIT_CONN_MEMORY        (32 * 1024)   /* MHD per-connection pool (headers + answer) */
#define LIMIT_CONNECTIONS        4096
#define LIMIT_CONNECTIONS_PER_IP 256
#define LIMIT_CONN_TIMEOUT_S     60
#define LIMIT_PATH_BYTES         1024
#define LIMIT_QUERY_BYTES        2048 /* raw query string */
#define LIMIT_QUERY_ARGS         32   /* arguments in one query string */
#define LIMIT_PATH_PARAMS        4
#define LIMIT_RESPONSE_BYTES     (8 * 1024 * 1024)
#define LIMIT_TRUSTED_PROXIES    64 /* entries of the trusted-proxy setting */
#define LIMIT_XFF_HOPS           16 /* X-Forwarded-For entries examined from the right */

/* JSON */
#define LIMIT_JSON_DEPTH        64
#define LIMIT_JSON_STRING_BYTES (64 * 1024) /* default cap for any one string value */

/* People */
#define LIMIT_EMAIL_BYTES        254
#define LIMIT_NAME_BYTES         200
#define LIMIT_SLUG_BYTES         40
#define LIMIT_PASSWORD_MIN_CHARS 8
#define LIMIT_PASSWORD_MAX_CHARS 128
#define LIMIT_TOTP_CODE_CHARS    6

/* Sessions and throttling */
#define LIMIT_SESSION_IDLE_S     (30 * 60)
#define LIMIT_SESSION_ABSOLUTE_S (12 * 60 * 60)
#define LIMIT_LOGIN_FREE_FAILS   5 /* failures before the per-account delay starts */
#define LIMIT_LOGIN_MAX_DELAY_S  (15 * 60)
#define LIMIT_LOGIN_LOCK_FAILS   100 /* consecutive failures that lock the account */
#define LIMIT_IP_LOGINS_PER_MIN  30  /* login attempts per client IP per minute */
#define LIMIT_PWHASH_CONCURRENT  4   /* Argon2id hashes at once (19 MiB each) */

/* Lists */
#define LIMIT_PAGE_DEFAULT 50
#define LIMIT_PAGE_MAX     200

/* Errors */
#define LIMIT_ERR_FIELD_BYTES  96
#define LIMIT_ERR_DETAIL_BYTES 256

/* The colleague directory (GET /api/v1/colleagues): names only, one answer */
#define LIMIT_COLLEAGUES 1000

/* Deployment requests and experience profiles (app/requests.c, app/profiles.c) */
#define LIMIT_REQUEST_QUESTION_CHARS 2000 /* the generalist's short question */
#define LIMIT_DECISION_NOTE_CHARS    2000 /* the coordinator's note with a decision */
#define LIMIT_REQUEST_CODES          20   /* codes in one list: reasons, areas, themes */
#define LIMIT_PROFILE_ITEMS          60   /* items of one experience profile */
#define LIMIT_DIRECTORY_ORGS         16   /* organisations whose expert directory a process keeps */

/* Dossier timeline: notes, evaluations, referrals, bridging, closing, search (app/notes.c) */
#define LIMIT_NOTE_CHARS         20000 /* body of one contact note */
#define LIMIT_NOTE_CODES         20    /* activities or approaches of one note */
#define LIMIT_TIMELINE_TEXT      4000  /* evaluation summary, referral / closing / reopen note */
#define LIMIT_SEARCH_QUERY_CHARS 200   /* ?q= of the note search */
#define LIMIT_SEARCH_TERMS       16    /* words in one search query */
#define LIMIT_SEARCH_RESULTS     20    /* hits returned, best first */
#define LIMIT_DUE_DAYS           90    /* progress dossiers quiet this long prompt an evaluation */

/* Consultations, case discussions, break-the-glass (app/consult.c, app/breakglass.c) */
#define LIMIT_CONSULT_SUMMARY_CHARS  2000 /* the question and answer of one consultation */
#define LIMIT_DISCUSSION_TEXT        4000 /* summary of one case discussion */
#define LIMIT_DISCUSSION_EXPERTS     20   /* experts present at one case discussion */
#define LIMIT_BREAK_GLASS_MINUTES    60   /* longest (and default) break-the-glass grant */
#define LIMIT_BREAK_GLASS_REASON_MIN 20   /* a written reason: at least this many characters */
#define LIMIT_BREAK_GLASS_REASON_MAX 1000
#define LIMIT_BREAK_GLASS_NOTE_CHARS 2000 /* the privacy officer's review note */

#endif
