/*
 * app_research.c: the pure parts of the research export (docs/research-export.md): the
 * keyed pseudonym (prefix, '-', the first 16 hex digits of HMAC-SHA256(key, "type:id"),
 * checked against Python's hmac), equal under one key, different under another key or for
 * another type; and the 10-year age band with "80+" and unknown years.
 */
#include <string.h>

#include "app/research.h"
#include "tap.h"

#define ID "0190f7a2-0000-7000-8000-000000000001"

int main(void)
{
    subtest("keyed pseudonym")
    {
        unsigned char key[RESEARCH_KEY_BYTES], other[RESEARCH_KEY_BYTES];
        char a[RESEARCH_PSEUDO_BYTES], b[RESEARCH_PSEUDO_BYTES];
        for (size_t i = 0; i < sizeof(key); i++) {
            key[i] = (unsigned char)i;
            other[i] = (unsigned char)(i + 1);
        }
        research_pseudonym(key, 'D', "dossier", ID, a);
        is_str(a, "D-73889280d31f7026", "HMAC-SHA256(key, \"dossier:id\"), first 16 hex digits");
        research_pseudonym(key, 'D', "dossier", ID, b);
        is_str(b, a, "the same key and id give the same pseudonym");
        research_pseudonym(key, 'W', "worker", ID, b);
        is_str(b, "W-4cb56424be908cfa", "another type, the same id: another pseudonym");
        research_pseudonym(other, 'D', "dossier", ID, b);
        ok(strcmp(a, b) != 0, "another key: another pseudonym (%s, %s)", a, b);
        is_int((long long)strlen(a), 18, "prefix, dash and 16 hex digits");
    }
    subtest("age band")
    {
        is_str(research_age_band(1985, 2026), "40-49", "41 in 2026: 40-49");
        is_str(research_age_band(2026, 2026), "0-9", "born this year: 0-9");
        is_str(research_age_band(1947, 2026), "70-79", "79: 70-79");
        is_str(research_age_band(1946, 2026), "80+", "80: 80+");
        is_str(research_age_band(1900, 2026), "80+", "126: 80+");
        ok(research_age_band(0, 2026) == NULL, "unknown birth year: no band");
        ok(research_age_band(2027, 2026) == NULL, "born after the year: no band");
    }
    return done_testing();
}
