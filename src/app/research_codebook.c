/*
 * research_codebook.c: the codebook of the research export, as data (research_int.h).
 * Every column app/research.c writes is described here, in the same order; the browser
 * test 80-research checks that every exported row has exactly its table's columns.
 */
#include <string.h>

#include "../lib/json.h"
#include "research.h"
#include "research_int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const dossier_status[] = {"open", "closed", NULL};
static const char *const goal_types[] = {"stabilise", "progress", NULL};
static const char *const request_status[] = {"submitted",  "in_review", "assigned", "advice_only",
                                             "redirected", "declined",  NULL};
static const char *const phases[] = {"early", "stuck", "bridging", NULL};
static const char *const work_roles[] = {"generalist", "expert", "bridging_expert", NULL};
static const char *const closure_actions[] = {"close", "reopen", NULL};
static const char *const responses[] = {"advice", "joined_conversation", "became_request", NULL};
static const char *const discussion_outcomes[] = {"expert_joins", "advice", "none", NULL};

#define DOSSIER_REF                                                                                \
    {                                                                                              \
        "dossier", "pseudonym", "dossier.id -> D-<16 hex>", "Pseudoniem van het dossier (D-...)",  \
            "Pseudonym of the dossier (D-...)", NULL, NULL, 0                                      \
    }

static const struct research_col dossier_cols[] = {
    {"pseudonym", "pseudonym", "dossier.id -> D-<16 hex>",
     "Pseudoniem van het dossier; alleen binnen deze export gelijk",
     "Pseudonym of the dossier; the same only within this export", NULL, NULL, 0},
    {"client", "pseudonym", "dossier.client_id -> C-<16 hex>",
     "Pseudoniem van de cliënt (een cliënt kan meer dossiers hebben)",
     "Pseudonym of the client (a client may have several dossiers)", NULL, NULL, 0},
    {"goal_type", "code", "dossier.goal_type", "Doel: stabiliseren of vooruitgang",
     "Goal: stabilise or progress", NULL, goal_types, 0},
    {"status", "code", "dossier.status (now)", "Status op het moment van de export",
     "Status at the time of the export", NULL, dossier_status, 0},
    {"keep_warm", "boolean", "dossier.keep_warm", "Lijn warm houden bij geen respons",
     "Keeping the line warm on non-response", NULL, NULL, 0},
    {"age_band", "text", "client.birth_year -> age reached in the year of `to`, 10-year band",
     "Leeftijdsklasse van de cliënt (\"30-39\", \"80+\"); null: onbekend of onderdrukt",
     "Age band of the client (\"30-39\", \"80+\"); null: unknown or suppressed", NULL, NULL,
     RCOL_QUASI_ID | RCOL_NULLABLE},
    {"area", "text", "area of dossier, else of client; a buurt as its parent wijk",
     "Wijk (naam); null: onbekend of onderdrukt",
     "Neighbourhood (wijk, by name); null: "
     "unknown or suppressed",
     NULL, NULL, RCOL_QUASI_ID | RCOL_NULLABLE},
    {"opened_month", "month", "dossier.opened_on -> YYYY-MM", "Maand van opening", "Month opened",
     NULL, NULL, 0},
    {"closed_month", "month", "dossier.closed_on -> YYYY-MM", "Maand van afsluiten; null: open",
     "Month closed; null: open", NULL, NULL, RCOL_NULLABLE},
    {"days_open", "integer", "closed_on (or the export day) - opened_on, in days",
     "Dagen open: tot afsluiten, of tot de dag van de export",
     "Days open: until closed, or "
     "until the day of the export",
     NULL, NULL, 0},
    {"closure_reason", "code", "dossier.closure_reason", "Reden van afsluiten",
     "Reason for closing", "closure_reason", NULL, RCOL_NULLABLE},
    {"outcomes_client", "code[]", "dossier_outcome (vocab outcome_client)",
     "Uitkomsten voor de cliënt bij afsluiten", "Outcomes for the client at closing",
     "outcome_client", NULL, 0},
    {"outcomes_generalist", "code[]", "dossier_outcome (vocab outcome_generalist)",
     "Uitkomsten voor de generalist bij afsluiten", "Outcomes for the generalist at closing",
     "outcome_generalist", NULL, 0},
    {"closing_note", "text", "dossier.closing_note, as written",
     "Toelichting bij afsluiten (vrije tekst)", "Closing note (free text)", NULL, NULL,
     RCOL_FREE_TEXT | RCOL_NULLABLE},
};

static const struct research_col request_cols[] = {
    {"pseudonym", "pseudonym", "request.id -> R-<16 hex>", "Pseudoniem van het inzetverzoek",
     "Pseudonym of the request", NULL, NULL, 0},
    DOSSIER_REF,
    {"status", "code", "request.status (now)", "Status van het verzoek", "Status of the request",
     NULL, request_status, 0},
    {"phase", "code", "request.phase", "Fase van de casus", "Phase of the case", NULL, phases, 0},
    {"channel", "code", "request.channel", "Kanaal waarlangs het verzoek kwam",
     "Channel the request came through", "channel", NULL, 0},
    {"match_basis", "code", "request.match_basis", "Basis voor de match", "Basis of the match",
     "match_basis", NULL, 0},
    {"client_informed", "boolean", "request.client_informed", "Cliënt geïnformeerd",
     "Client informed", NULL, NULL, 0},
    {"reasons", "code[]", "request_code (vocab deployment_reason)", "Redenen voor inzet",
     "Reasons for deployment", "deployment_reason", NULL, 0},
    {"experience_areas", "code[]", "request_code (vocab experience_area)",
     "Gevraagde ervaringsgebieden", "Experience areas asked for", "experience_area", NULL, 0},
    {"themes", "code[]", "request_code (vocab generic_theme)", "Gevraagde algemene thema's",
     "Generic themes asked for", "generic_theme", NULL, 0},
    {"created_month", "month", "request.created_at -> YYYY-MM", "Maand van het verzoek",
     "Month of the request", NULL, NULL, 0},
    {"days_to_decision", "integer", "request.decided_at - created_at, in days",
     "Dagen tot het besluit van het expertteam; null: nog geen besluit",
     "Days to the expert team's decision; null: not decided", NULL, NULL, RCOL_NULLABLE},
    {"days_to_assignment", "integer",
     "first assignment.start_on of the assigned expert on the dossier - created_at, in days",
     "Dagen tot de start van de toegewezen ervaringsdeskundige; null: geen toewijzing",
     "Days to the start of the assigned expert; null: no assignment", NULL, NULL, RCOL_NULLABLE},
    {"assigned_expert", "pseudonym", "request.assigned_expert_id -> W-<16 hex>",
     "Pseudoniem van de toegewezen ervaringsdeskundige", "Pseudonym of the assigned expert", NULL,
     NULL, RCOL_NULLABLE},
    {"question", "text", "request.question, as written", "Hulpvraag (vrije tekst)",
     "Question (free text)", NULL, NULL, RCOL_FREE_TEXT | RCOL_NULLABLE},
    {"decision_note", "text", "request.decision_note, as written",
     "Toelichting bij het besluit (vrije tekst)", "Decision note (free text)", NULL, NULL,
     RCOL_FREE_TEXT | RCOL_NULLABLE},
};

static const struct research_col assignment_cols[] = {
    DOSSIER_REF,
    {"worker", "pseudonym", "assignment.worker_id -> W-<16 hex>", "Pseudoniem van de medewerker",
     "Pseudonym of the worker", NULL, NULL, 0},
    {"role", "code", "assignment.role", "Rol in dit dossier", "Role on this dossier", NULL,
     work_roles, 0},
    {"start_month", "month", "assignment.start_on -> YYYY-MM", "Maand van start", "Month started",
     NULL, NULL, 0},
    {"end_month", "month", "assignment.end_on -> YYYY-MM", "Maand van einde; null: loopt",
     "Month ended; null: ongoing", NULL, NULL, RCOL_NULLABLE},
    {"days", "integer", "end_on (or the export day) - start_on, in days",
     "Duur in dagen, tot het einde of tot de dag van de export",
     "Duration in days, until the end or the day of the export", NULL, NULL, 0},
    {"intensity", "object[]", "intensity rows of the assignment, oldest first",
     "Intensiteitsfasen (zie assignments.intensity)",
     "Intensity phases (see assignments.intensity)", NULL, NULL, 0},
};

static const struct research_col intensity_cols[] = {
    {"pattern", "code", "intensity.pattern", "Afgesproken patroon", "Agreed pattern",
     "intensity_pattern", NULL, 0},
    {"agreed_month", "month", "intensity.agreed_on -> YYYY-MM", "Maand van de afspraak",
     "Month agreed", NULL, NULL, 0},
    {"days", "integer",
     "next phase's agreed_on (else the assignment's end_on, else the export day) - agreed_on",
     "Dagen in deze fase", "Days in this phase", NULL, NULL, 0},
};

static const struct research_col note_cols[] = {
    DOSSIER_REF,
    {"author", "pseudonym", "note.author_id -> W-<16 hex>", "Pseudoniem van de schrijver",
     "Pseudonym of the author", NULL, NULL, 0},
    {"author_role", "code", "note.author_role", "Rol van de schrijver", "Role of the author", NULL,
     work_roles, 0},
    {"kind", "code", "note.kind", "Soort contact", "Kind of contact", "contact_kind", NULL, 0},
    {"contact_month", "month", "note.contact_on -> YYYY-MM", "Maand van het contact",
     "Month of the contact", NULL, NULL, 0},
    {"minutes", "integer", "note.minutes", "Bestede minuten", "Minutes spent", NULL, NULL, 0},
    {"attempt", "boolean", "note.attempt", "Contactpoging zonder respons",
     "Contact attempt without response", NULL, NULL, 0},
    {"activities", "code[]", "note_code (vocab activity)", "Activiteiten", "Activities", "activity",
     NULL, 0},
    {"approaches", "code[]", "note_code (vocab approach)", "Werkwijzen", "Approaches", "approach",
     NULL, 0},
    {"body", "text", "note.body, as written", "Tekst van de notitie (vrije tekst)",
     "Text of the note (free text)", NULL, NULL, RCOL_FREE_TEXT | RCOL_NULLABLE},
};

static const struct research_col evaluation_cols[] = {
    DOSSIER_REF,
    {"planned_by", "pseudonym", "evaluation.planned_by -> W-<16 hex>",
     "Pseudoniem van wie de evaluatie plande", "Pseudonym of who planned the evaluation", NULL,
     NULL, 0},
    {"planned_month", "month", "evaluation.planned_on -> YYYY-MM", "Geplande maand",
     "Month planned", NULL, NULL, 0},
    {"held_month", "month", "evaluation.held_on -> YYYY-MM", "Maand gehouden; null: niet gehouden",
     "Month held; null: not held", NULL, NULL, RCOL_NULLABLE},
    {"overdue", "boolean", "held_on is null and planned_on before the export day",
     "Over tijd: gepland in het verleden en niet gehouden",
     "Overdue: planned in the past and not held", NULL, NULL, 0},
    {"days_late", "integer", "held_on - planned_on, in days (negative: early)",
     "Dagen later gehouden dan gepland; null: niet gehouden",
     "Days held after the planned day; null: not held", NULL, NULL, RCOL_NULLABLE},
    {"summary", "text", "evaluation.summary, as written", "Verslag (vrije tekst)",
     "Summary (free text)", NULL, NULL, RCOL_FREE_TEXT | RCOL_NULLABLE},
};

static const struct research_col referral_cols[] = {
    DOSSIER_REF,
    {"service", "code", "referral.service", "Dienst waarnaar verwezen is", "Service referred to",
     "referral_service", NULL, 0},
    {"referred_month", "month", "referral.referred_on -> YYYY-MM", "Maand van verwijzing",
     "Month referred", NULL, NULL, 0},
    {"accompanied", "boolean", "referral.accompanied", "Begeleid (warme overdracht)",
     "Accompanied (warm hand-over)", NULL, NULL, 0},
    {"note", "text", "referral.note, as written", "Toelichting (vrije tekst)", "Note (free text)",
     NULL, NULL, RCOL_FREE_TEXT | RCOL_NULLABLE},
};

static const struct research_col bridging_cols[] = {
    DOSSIER_REF,
    {"keeper", "pseudonym", "bridging.keeper_id -> W-<16 hex>", "Pseudoniem van wie contact houdt",
     "Pseudonym of who keeps contact", NULL, NULL, 0},
    {"awaited", "code", "bridging.awaited", "Dienst waarop gewacht wordt", "Service awaited",
     "referral_service", NULL, 0},
    {"since_month", "month", "bridging.waiting_since -> YYYY-MM",
     "Maand sinds wanneer gewacht wordt", "Month waiting since", NULL, NULL, 0},
    {"ended_month", "month", "bridging.ended_on -> YYYY-MM", "Maand van einde; null: loopt",
     "Month ended; null: ongoing", NULL, NULL, RCOL_NULLABLE},
    {"days_waited", "integer", "ended_on (or the export day) - waiting_since, in days",
     "Dagen gewacht, tot het einde of tot de dag van de export",
     "Days waited, until the end or the day of the export", NULL, NULL, 0},
};

static const struct research_col closure_cols[] = {
    DOSSIER_REF,
    {"action", "code", "dossier_closure.action", "Afsluiten of heropenen", "Close or reopen", NULL,
     closure_actions, 0},
    {"month", "month", "dossier_closure.on_date -> YYYY-MM", "Maand", "Month", NULL, NULL, 0},
    {"reason", "code", "dossier_closure.reason", "Reden van afsluiten; null bij heropenen",
     "Reason for closing; null when reopening", "closure_reason", NULL, RCOL_NULLABLE},
    {"note", "text", "dossier_closure.note, as written", "Toelichting (vrije tekst)",
     "Note (free text)", NULL, NULL, RCOL_FREE_TEXT | RCOL_NULLABLE},
};

static const struct research_col consultation_cols[] = {
    {"expert", "pseudonym", "consultation.expert_id -> W-<16 hex>",
     "Pseudoniem van de geraadpleegde ervaringsdeskundige", "Pseudonym of the expert consulted",
     NULL, NULL, 0},
    {"asker", "pseudonym", "consultation.asker_id -> W-<16 hex>", "Pseudoniem van de vrager",
     "Pseudonym of the colleague who asked", NULL, NULL, RCOL_NULLABLE},
    {"dossier", "pseudonym", "consultation.dossier_id -> D-<16 hex>",
     "Pseudoniem van het dossier; null: zonder dossier", "Pseudonym of the dossier; null: none",
     NULL, NULL, RCOL_NULLABLE},
    {"held_month", "month", "consultation.held_on -> YYYY-MM", "Maand", "Month", NULL, NULL, 0},
    {"channel", "code", "consultation.channel", "Kanaal", "Channel", "channel", NULL, 0},
    {"formal", "boolean", "consultation.formal", "Formeel (anders informeel)",
     "Formal (else informal)", NULL, NULL, 0},
    {"theme", "code", "consultation.theme", "Thema (algemeen thema of ervaringsgebied)",
     "Theme (generic theme or experience area)", "generic_theme,experience_area", NULL, 0},
    {"response", "code", "consultation.response", "Antwoord", "Response", NULL, responses, 0},
    {"minutes", "integer", "consultation.minutes", "Bestede minuten", "Minutes spent", NULL, NULL,
     0},
    {"summary", "text", "consultation.summary, as written", "Samenvatting (vrije tekst)",
     "Summary (free text)", NULL, NULL, RCOL_FREE_TEXT | RCOL_NULLABLE},
};

static const struct research_col discussion_cols[] = {
    {"dossier", "pseudonym", "case_discussion.dossier_id -> D-<16 hex>",
     "Pseudoniem van het besproken dossier; null: zonder dossier",
     "Pseudonym of the dossier discussed; null: none", NULL, NULL, RCOL_NULLABLE},
    {"presenter", "pseudonym", "case_discussion.presenter_id -> W-<16 hex>",
     "Pseudoniem van wie inbracht", "Pseudonym of the presenter", NULL, NULL, RCOL_NULLABLE},
    {"experts", "pseudonym[]", "case_discussion_expert.worker_id -> W-<16 hex>",
     "Pseudoniemen van de aanwezige ervaringsdeskundigen", "Pseudonyms of the experts present",
     NULL, NULL, 0},
    {"held_month", "month", "case_discussion.held_on -> YYYY-MM", "Maand", "Month", NULL, NULL, 0},
    {"outcome", "code", "case_discussion.outcome", "Uitkomst", "Outcome", NULL, discussion_outcomes,
     0},
    {"summary", "text", "case_discussion.summary, as written", "Samenvatting (vrije tekst)",
     "Summary (free text)", NULL, NULL, RCOL_FREE_TEXT | RCOL_NULLABLE},
};

const struct research_codebook_table research_codebook[] = {
    {"dossiers", "Dossiers die in de periode open waren", "Dossiers open on some day of the period",
     dossier_cols, N(dossier_cols)},
    {"requests", "Inzetverzoeken uit de periode", "Requests made in the period", request_cols,
     N(request_cols)},
    {"assignments", "Inzet (toewijzingen) die in de periode liepen",
     "Assignments running in the period", assignment_cols, N(assignment_cols)},
    {"assignments.intensity", "Intensiteitsfasen van een toewijzing (genest in assignments)",
     "Intensity phases of an assignment (nested in assignments)", intensity_cols,
     N(intensity_cols)},
    {"notes", "Contactnotities en contactpogingen uit de periode (alleen metagegevens)",
     "Contact notes and attempts of the period (metadata only)", note_cols, N(note_cols)},
    {"evaluations", "Evaluaties gepland in de periode", "Evaluations planned in the period",
     evaluation_cols, N(evaluation_cols)},
    {"referrals", "Verwijzingen uit de periode", "Referrals made in the period", referral_cols,
     N(referral_cols)},
    {"bridging", "Overbrugging die in de periode liep", "Bridging running in the period",
     bridging_cols, N(bridging_cols)},
    {"closures", "Afsluiten en heropenen in de periode", "Closings and reopenings in the period",
     closure_cols, N(closure_cols)},
    {"consultations", "Consultaties uit de periode", "Consultations held in the period",
     consultation_cols, N(consultation_cols)},
    {"case_discussions", "Casusbesprekingen uit de periode", "Case discussions held in the period",
     discussion_cols, N(discussion_cols)},
};

const size_t research_codebook_count = N(research_codebook);

static json_t *values_json(const char *const *v)
{
    if (!v)
        return json_null();
    json_t *a = json_array();
    for (; *v; v++)
        json_array_append_new(a, json_string(*v));
    return a;
}

json_t *research_codebook_json(json_t *vocabs)
{
    json_t *tables = json_array();
    for (size_t i = 0; i < research_codebook_count; i++) {
        const struct research_codebook_table *t = &research_codebook[i];
        json_t *cols = json_array();
        for (size_t j = 0; j < t->n; j++) {
            const struct research_col *c = &t->cols[j];
            json_array_append_new(
                cols, pdjson_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:b, s:b}", "name",
                                  c->name, "type", c->type, "source", c->source, "description_nl",
                                  c->nl, "description_en", c->en, "vocabulary",
                                  pdjson_str_or_null(c->vocab), "values", values_json(c->values),
                                  "nullable", (c->flags & RCOL_NULLABLE) != 0, "free_text",
                                  (c->flags & RCOL_FREE_TEXT) != 0, "quasi_identifier",
                                  (c->flags & RCOL_QUASI_ID) != 0));
        }
        json_array_append_new(tables,
                              pdjson_pack("{s:s, s:s, s:s, s:o}", "name", t->name, "description_nl",
                                          t->nl, "description_en", t->en, "columns", cols));
    }
    return pdjson_pack("{s:s, s:i, s:i, s:s, s:o, s:o}", "format", "peerdesk-research-codebook",
                       "version", 1, "min_cell", RESEARCH_MIN_CELL, "pseudonyms",
                       "C- client, D- dossier, R- request, W- worker: the first 16 hex digits of "
                       "HMAC-SHA256 under a random key made for one export and then destroyed; "
                       "equal within one export, unrelated across exports",
                       "tables", tables, "vocabularies", vocabs);
}
