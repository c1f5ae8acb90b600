/*
 * role.c: the role table and its parsing. Which roles reach client data decides the
 * default second-factor policy (SECURITY.md 14): coordinators, generalists and experts
 * work in dossiers, the privacy officer reads the audit log about them, an admin can
 * change who sees what, and a researcher exports pseudonymised client data (with free text
 * on request, which can identify), so all of them need a second factor.
 */
#include "role.h"

#include <string.h>

const struct role_info role_table[ROLE_COUNT] = {
    {ROLE_ADMIN, "admin", "Beheerder", "Administrator", true},
    {ROLE_COORDINATOR, "coordinator", "Coördinator expertteam", "Expert-team coordinator", true},
    {ROLE_GENERALIST, "generalist", "Generalist", "Generalist", true},
    {ROLE_EXPERT, "expert", "Ervaringsdeskundige", "Experience expert", true},
    {ROLE_COACH, "coach", "Coach", "Coach", false},
    {ROLE_TRAINER, "trainer", "Trainer", "Trainer", false},
    {ROLE_STUDENT, "student", "Student", "Student", false},
    {ROLE_MANAGER, "manager", "Manager", "Manager", false},
    {ROLE_RESEARCHER, "researcher", "Onderzoeker", "Researcher", true},
    {ROLE_PRIVACY_OFFICER, "privacy_officer", "Privacyfunctionaris", "Privacy officer", true},
};

unsigned role_default_totp_mask(void)
{
    unsigned mask = 0;
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (role_table[i].client_data)
            mask |= role_table[i].role;
    return mask;
}

const struct role_info *role_by_code(const char *code, size_t n)
{
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (strlen(role_table[i].code) == n && memcmp(role_table[i].code, code, n) == 0)
            return &role_table[i];
    return NULL;
}

const char *role_code(enum role r)
{
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (role_table[i].role == r)
            return role_table[i].code;
    return NULL;
}

int role_parse_list(const char *s, const char *field, unsigned *mask, struct pd_err *e)
{
    unsigned m = 0;
    const char *p = s ? s : "";

    for (;;) {
        while (*p == ' ')
            p++;
        const char *start = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        size_t n = (size_t)(p - start);
        while (*p == ' ')
            p++;
        if (n == 0)
            return err_set(e, PD_EINVAL, field, "empty role in the list");
        const struct role_info *ri = role_by_code(start, n);
        if (!ri)
            return err_set(e, PD_EINVAL, field, "unknown role '%.*s'", (int)(n > 40 ? 40 : n),
                           start);
        m |= ri->role;
        if (*p == '\0')
            break;
        if (*p != ',')
            return err_set(e, PD_EINVAL, field, "roles are separated by commas");
        p++;
    }
    *mask = m;
    return PD_OK;
}

enum role role_primary(unsigned mask)
{
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (mask & role_table[i].role)
            return role_table[i].role;
    return 0;
}
