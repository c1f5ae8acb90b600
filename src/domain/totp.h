/*
 * totp.h: RFC 6238 time-based one-time passwords (HMAC-SHA1, 30 s steps, 6 digits),
 * the kind every authenticator app speaks, and the base32 and otpauth:// encodings.
 * Pure functions; the caller supplies the time step and the secret.
 */
#ifndef PD_TOTP_H
#define PD_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOTP_SECRET_BYTES 20
#define TOTP_STEP_S       30
#define TOTP_DIGITS       6
#define TOTP_WINDOW       1  /* steps accepted either side of now */
#define TOTP_B32_BYTES    33 /* base32 of 20 bytes (32 chars) + NUL */

uint32_t totp_code(const uint8_t *secret, size_t n, uint64_t step, int digits);
int64_t totp_step_at(int64_t unix_ms);
/* Check a 6-digit code against steps now-WINDOW..now+WINDOW, refusing steps <= last_used
 * (each code once). On success *used_step is the matching step. */
bool totp_verify(const uint8_t *secret, size_t n, const char *code, int64_t now_ms,
                 int64_t last_used, int64_t *used_step);
/* RFC 4648 base32 without padding; out needs 8*ceil(n/5)/5... use TOTP_B32_BYTES for
 * 20-byte secrets. Returns the length written. */
size_t base32_encode(const uint8_t *in, size_t n, char *out, size_t outcap);

#endif
