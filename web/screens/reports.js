// reports.js: "Overzichten", the manager dashboard (issue 6 scope 2). What experience experts
// add, as aggregates only: requests per month, team or wijk; the mix of co-support,
// advice, consultations and bridging; caseload; themes and unmet themes; intensity phases;
// evaluations overdue; closures and outcomes; hours per role type; referrals; time to
// deployment; reach. One period and one level split (MBO/HBO) for the whole page; every
// report is fetched on its own, all at once, and each section loads, fails and retries on
// its own. Each chart (web/lib/charts.js) has the table behind it, and each table its CSV
// (the API's ?format=csv with the same query). Counts from 1 to 4 come from the server as
// "<5"; a figure not shown is "–" and said in words. docs/reports.md defines the figures.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, lang, fmtDate } from '../lib/i18n.js';
import { Page, Field, ErrorBox, Empty, Loading, useLoad } from '../lib/ui.js';
import { loadVocab, label as vocabLabel } from '../lib/vocab.js';
import { Chart, monthLabel, shownValue } from '../lib/charts.js';

const T = strings({
  nl: {
    title: 'Overzichten',
    intro: 'Wat de inzet van ervaringsdeskundigen oplevert, in aantallen. Geen overzicht noemt een persoon of een cliënt: aantallen van 1 tot 4 staan er als "<5", en een mediaan, uren of een aandeel die een klein aantal zouden verraden staan er als "–" (niet getoond).',
    period_h: 'Periode en niveau', from: 'Van', to: 'Tot en met', apply: 'Toon',
    period_hint: 'Leeg: de 365 dagen tot en met vandaag.', to_before: 'De einddatum ligt vóór de begindatum.',
    period: 'Periode: {from} tot en met {to}',
    split: 'Uitsplitsen naar niveau (MBO/HBO)',
    split_hint: 'Elke rij per opleidingsniveau van de ervaringsdeskundige. Het bereik onder generalisten is niet uit te splitsen.',
    toc: 'Op deze pagina',
    none: 'Geen gegevens in deze periode.',
    not_shown: 'niet getoond', dash_note: '"<5": 1 tot 4. "–": niet getoond, omdat het op minder dan 5 rust of een klein aantal zou verraden.',
    total: 'Totaal', level: 'Niveau', csv_of: 'Download {what} als CSV',
    chart_split: '{what}, per niveau', by: 'Indeling',
    g_mbo3: 'MBO niveau 3', g_mbo4: 'MBO niveau 4', g_hbo: 'HBO', g_unknown: 'Niveau onbekend', g_none: 'Geen ervaringsdeskundige',
    all_levels: 'Alle niveaus', time_chart: 'Mediaan in dagen, per niveau', time_split: 'Per niveau van de toegewezen ervaringsdeskundige; "Geen ervaringsdeskundige": aanvragen zonder toewijzing, die geen doorlooptijd hebben.',
    // sections
    req_h: 'Aanvragen voor een ervaringsdeskundige',
    by_month: 'Per maand', by_team: 'Per team (van de aanvrager)', by_area: 'Per wijk',
    k_month: 'Maand', k_team: 'Team', k_area: 'Wijk', k_expert_team: 'Expertteam', k_gen_team: 'Team (van de generalist)', k_theme: 'Code', k_pattern: 'Intensiteitspatroon',
    k_closure: 'Reden of uitkomst', k_role: 'Roltype', k_service: 'Dienst',
    no_team: 'Geen team', no_area: 'Geen wijk', no_expert_team: 'Geen expertteam',
    mix_h: 'Vormen van inzet per maand',
    mix_intro: 'Aanvragen naar besluit (op de dag van de aanvraag), gehouden consultaties en gestarte overbruggingen. De grafiek stapelt de vier vormen van inzet; de tabel geeft ook doorverwezen, afgewezen en nog open aanvragen.',
    caseload_h: 'Caseload', caseload_intro: 'Lopende inzetten (ervaringsdeskundige of overbrugging) op open dossiers aan het eind van de periode, per ervaringsdeskundige en per fte, per expertteam.',
    themes_h: 'Thema\'s en onvervulde vraag', themes_intro: 'Aanvragen in de periode per code. Onvervuld: van die aanvragen, de code staat vandaag in het profiel van geen enkele actieve ervaringsdeskundige.',
    vocab: 'Codelijst', v_experience_area: 'Ervaringsgebied', v_deployment_reason: 'Reden van inzet', v_generic_theme: 'Algemeen thema',
    intensity_h: 'Intensiteit', intensity_intro: 'Inzetten per intensiteitsfase in de periode, en hoe lang een fase duurde (hele fase, in dagen).',
    evaluations_h: 'Evaluaties', evaluations_intro: 'Geplande en gehouden evaluaties in de periode, per team van de verantwoordelijke generalist; achterstallig: gepland vóór vandaag, niet gehouden, dossier open (stand van vandaag).',
    closures_h: 'Afsluitingen en uitkomsten', closures_intro: 'Dossiers afgesloten in de periode: naar reden van afsluiten, uitkomst voor de cliënt en uitkomst voor de generalist, met de mediane looptijd.',
    hours_h: 'Uren per roltype', hours_intro: 'Tijd van ervaringsdeskundigen: notities in hun rol (ondersteuner), consultaties (deskundigheidsbevorderaar) en hun eigen urenregistratie.',
    hours_month_h: 'Uren per roltype per maand', hours_total_h: 'Uren per roltype in de periode',
    referrals_h: 'Verwijzingen', referrals_intro: 'Verwijzingen naar diensten in de periode, en hoeveel daarvan met begeleiding.',
    time_h: 'Tijd tot inzet', figure: 'Maat', n: 'Aanvragen', median: 'Mediaan (dagen)', p90: '90e percentiel (dagen)',
    requests: 'Aanvragen in de periode', to_assignment: 'Van aanvraag tot start van de inzet',
    to_first_contact: 'Van aanvraag tot eerste contact van de ervaringsdeskundige',
    withheld: 'niet getoond (minder dan 5)',
    reach_h: 'Bereik onder generalisten', generalists: 'Generalisten', reached: 'Vroegen een ervaringsdeskundige of overlegden',
    share: 'Aandeel', reach_nosplit: 'Niet uit te splitsen naar niveau: generalisten hebben geen niveau. Dit is het totaal.',
    // columns
    c_count: 'Aantal', c_co_support: 'Co-ondersteuning', c_advice_only: 'Alleen advies', c_redirected: 'Doorverwezen',
    c_declined: 'Afgewezen', c_open: 'Nog niet besloten', c_consultations: 'Consultaties', c_bridging: 'Overbruggingen',
    c_experts: 'Ervaringsdeskundigen', c_fte: 'Fte', c_active: 'Lopende inzetten', c_per_expert: 'Per ervaringsdeskundige', c_per_fte: 'Per fte',
    c_requests: 'Aanvragen', c_assigned: 'Toegewezen', c_unmet: 'Onvervuld',
    c_assignments: 'Inzetten', c_median_days: 'Mediaan (dagen)', c_p90_days: '90e percentiel (dagen)',
    c_planned: 'Gepland', c_held: 'Gehouden', c_overdue: 'Achterstallig', c_overdue_30: 'Meer dan 30 dagen achterstallig',
    c_dossiers: 'Dossiers', c_median_days_open: 'Mediane looptijd (dagen)',
    c_hours: 'Uren', c_share: 'Aandeel', c_referrals: 'Verwijzingen', c_accompanied: 'Met begeleiding',
    vb_closure_reason: 'Reden van afsluiten', vb_outcome_client: 'Uitkomst voor de cliënt', vb_outcome_generalist: 'Uitkomst voor de generalist',
  },
  en: {
    title: 'Reports',
    intro: 'What deploying experience experts adds, in numbers. No report names a person or a client: counts from 1 to 4 show as "<5", and a median, hours or a share that would reveal a small count show as "–" (not shown).',
    period_h: 'Period and level', from: 'From', to: 'To (inclusive)', apply: 'Show',
    period_hint: 'Empty: the 365 days up to and including today.', to_before: 'The end date is before the start date.',
    period: 'Period: {from} to {to}',
    split: 'Split by level (MBO/HBO)',
    split_hint: 'Every row per qualification level of the experience expert. Reach among generalists cannot be split.',
    toc: 'On this page',
    none: 'No data in this period.',
    not_shown: 'not shown', dash_note: '"<5": 1 to 4. "–": not shown, because it rests on fewer than 5 or would reveal a small count.',
    total: 'Total', level: 'Level', csv_of: 'Download {what} as CSV',
    chart_split: '{what}, per level', by: 'Grouping',
    g_mbo3: 'MBO level 3', g_mbo4: 'MBO level 4', g_hbo: 'HBO', g_unknown: 'Level unknown', g_none: 'No experience expert',
    all_levels: 'All levels', time_chart: 'Median in days, per level', time_split: 'Per level of the assigned expert; "No experience expert": requests without an assignment, which have no duration.',
    req_h: 'Requests for an experience expert',
    by_month: 'Per month', by_team: 'Per team (of the requester)', by_area: 'Per area',
    k_month: 'Month', k_team: 'Team', k_area: 'Area', k_expert_team: 'Expert team', k_gen_team: 'Team (of the generalist)', k_theme: 'Code', k_pattern: 'Intensity pattern',
    k_closure: 'Reason or outcome', k_role: 'Role type', k_service: 'Service',
    no_team: 'No team', no_area: 'No area', no_expert_team: 'No expert team',
    mix_h: 'Forms of deployment per month',
    mix_intro: 'Requests by decision (on the day of the request), consultations held and bridging started. The chart stacks the four forms of deployment; the table also has redirected, declined and open requests.',
    caseload_h: 'Caseload', caseload_intro: 'Open assignments (expert or bridging) on open dossiers at the end of the period, per expert and per FTE, per expert team.',
    themes_h: 'Themes and unmet demand', themes_intro: 'Requests in the period per code. Unmet: of those requests, no active expert has the code in their profile today.',
    vocab: 'Code table', v_experience_area: 'Experience area', v_deployment_reason: 'Reason for deployment', v_generic_theme: 'Generic theme',
    intensity_h: 'Intensity', intensity_intro: 'Assignments per intensity phase in the period, and how long a phase lasted (whole phase, in days).',
    evaluations_h: 'Evaluations', evaluations_intro: 'Evaluations planned and held in the period, per team of the responsible generalist; overdue: planned before today, not held, dossier open (as of today).',
    closures_h: 'Closures and outcomes', closures_intro: 'Dossiers closed in the period: by closure reason, outcome for the client and outcome for the generalist, with the median time open.',
    hours_h: 'Hours per role type', hours_intro: 'Time of experience experts: notes in their role (supporter), consultations (expertise promoter) and their own time log.',
    hours_month_h: 'Hours per role type per month', hours_total_h: 'Hours per role type in the period',
    referrals_h: 'Referrals', referrals_intro: 'Referrals to services in the period, and how many of them accompanied.',
    time_h: 'Time to deployment', figure: 'Figure', n: 'Requests', median: 'Median (days)', p90: '90th percentile (days)',
    requests: 'Requests in the period', to_assignment: 'From request to start of the assignment',
    to_first_contact: 'From request to the expert\'s first contact',
    withheld: 'not shown (fewer than 5)',
    reach_h: 'Reach among generalists', generalists: 'Generalists', reached: 'Requested an expert or consulted one',
    share: 'Share', reach_nosplit: 'Cannot be split by level: generalists have no level. This is the total.',
    c_count: 'Count', c_co_support: 'Co-support', c_advice_only: 'Advice only', c_redirected: 'Redirected',
    c_declined: 'Declined', c_open: 'Not decided yet', c_consultations: 'Consultations', c_bridging: 'Bridging',
    c_experts: 'Experts', c_fte: 'FTE', c_active: 'Open assignments', c_per_expert: 'Per expert', c_per_fte: 'Per FTE',
    c_requests: 'Requests', c_assigned: 'Assigned', c_unmet: 'Unmet',
    c_assignments: 'Assignments', c_median_days: 'Median (days)', c_p90_days: '90th percentile (days)',
    c_planned: 'Planned', c_held: 'Held', c_overdue: 'Overdue', c_overdue_30: 'Overdue more than 30 days',
    c_dossiers: 'Dossiers', c_median_days_open: 'Median time open (days)',
    c_hours: 'Hours', c_share: 'Share', c_referrals: 'Referrals', c_accompanied: 'Accompanied',
    vb_closure_reason: 'Closure reason', vb_outcome_client: 'Outcome for the client', vb_outcome_generalist: 'Outcome for the generalist',
  },
});

const GROUPS = ['mbo3', 'mbo4', 'hbo', 'unknown', 'none'];
const groupLabel = (g) => (GROUPS.includes(g) ? T('g_' + g) : String(g ?? ''));

// The API's CSV of exactly this table: the same query, format=csv.
function csvHref(path, q) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, format: 'csv' })) if (v) s.append(k, v);
  return '/api/v1/reports/' + path + '?' + s.toString();
}

const share = (s) => (s === null ? T('withheld') : lang() === 'en' ? s : s.replace('.', ','));
const shown = (v) => (v === null ? T('withheld') : String(v));

// A row's name as people read it: a vocabulary code by its label in the worker's language,
// a month as "maart 2026", a team or area by its name, no team/area/expert team in words.
function rowName(r, spec) {
  if (r.vocab) return vocabLabel(r.vocab, r.key);
  if (r.key === null || r.key === undefined) return spec.nullLabel ? T(spec.nullLabel) : '';
  if (/^\d{4}-\d{2}$/.test(String(r.key))) return monthLabel(r.key);
  return r.label ?? String(r.key);
}

function colLabel(key, spec) {
  return spec.colVocab ? vocabLabel(spec.colVocab, key) : T('c_' + key);
}

// One cell: "<5" and numbers as they are (decimals with a comma in Dutch), a figure not
// shown as a dash that is said in words.
function Value({ v }) {
  if (v === null || v === undefined) return html`<td class="num"><span aria-hidden="true">–</span><span class="rp-vh">${T('not_shown')}</span></td>`;
  return html`<td class="num">${shownValue(v)}</td>`;
}

// The chart's input from a report answer. Unsplit: the spec's series (columns) per row.
// Split by level: a chart of rows x columns stays one (each bar a row and level); a chart of
// one measure becomes stacked bars of the rows x the level groups.
function chartOf(d, spec, split, rows = d.rows) {
  const series = spec.series === 'all' ? d.columns.map((c) => c.key) : spec.series.filter((k) => d.columns.some((c) => c.key === k));
  if (!split) {
    return { kind: spec.chart, months: spec.chart === 'line',
      rows: rows.map((r) => ({ label: spec.chart === 'line' ? r.key : rowName(r, spec), values: series.map((k) => r.values[k]) })),
      series: series.map((k) => ({ label: colLabel(k, spec) })) };
  }
  if (spec.chart === 'stacked') {
    return { kind: 'stacked',
      rows: rows.map((r) => ({ label: rowName(r, spec) + ' · ' + groupLabel(r.group), values: series.map((k) => r.values[k]) })),
      series: series.map((k) => ({ label: colLabel(k, spec) })) };
  }
  const m = spec.splitMeasure;
  const groups = GROUPS.filter((g) => rows.some((r) => r.group === g));
  const keys = [];
  const byKey = new Map();
  for (const r of rows) {
    const k = JSON.stringify([r.vocab ?? null, r.key ?? null]);
    if (!byKey.has(k)) { byKey.set(k, { r, by: {} }); keys.push(k); }
    byKey.get(k).by[r.group] = r.values[m];
  }
  return { kind: 'stacked',
    rows: keys.map((k) => ({ label: rowName(byKey.get(k).r, spec), values: groups.map((g) => byKey.get(k).by[g] ?? 0) })),
    series: groups.map((g) => ({ label: groupLabel(g) })),
    measure: colLabel(m, spec), legend: true };
}

// The table behind a chart: a row header, the level (when split), every column of the
// answer; the total in the footer. Rows of several vocabularies (closures) are grouped
// under a header row per vocabulary.
function ReportTable({ id, caption, d, spec, split, className }) {
  const cols = d.columns;
  const width = 1 + (split ? 1 : 0) + cols.length;
  const row = (r) => html`<tr>
    <th scope="row">${rowName(r, spec)}</th>
    ${split ? html`<td>${groupLabel(r.group)}</td>` : null}
    ${cols.map((c) => html`<${Value} v=${r.values[c.key]} />`)}
  </tr>`;
  let bodies;
  if (spec.blocks) {
    bodies = spec.blocks.map((vb) => {
      const rs = d.rows.filter((r) => r.vocab === vb);
      return rs.length ? html`<tbody>
        <tr class="rp-block"><th scope="rowgroup" colspan=${width}>${T('vb_' + vb)}</th></tr>
        ${rs.map(row)}
      </tbody>` : null;
    });
  } else bodies = html`<tbody>${d.rows.map(row)}</tbody>`;
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby=${id + '-cap'}>
    <table class=${'rp-table ' + (className || '')} data-report=${d.report || ''}>
      <caption id=${id + '-cap'}>${caption}</caption>
      <thead><tr>
        <th scope="col">${T(spec.keyHead)}</th>
        ${split ? html`<th scope="col">${T('level')}</th>` : null}
        ${cols.map((c) => html`<th scope="col">${colLabel(c.key, spec)}</th>`)}
      </tr></thead>
      ${bodies}
      ${d.total ? html`<tfoot><tr>
        <th scope="row">${T('total')}</th>
        ${split ? html`<td></td>` : null}
        ${cols.map((c) => html`<${Value} v=${d.total[c.key]} />`)}
      </tr></tfoot>` : null}
    </table>
  </div>`;
}

// One report, loaded for exactly this query: an answer to an earlier query (another period
// or split) is never shown, the block says it is loading instead. Its state is in
// data-state (loading, ready, empty, error) for the browser tests.
function useReport(path, query) {
  const key = csvHref(path, query);
  const data = useLoad(() => api('GET', '/reports/' + path, null, { query }).then((d) => ({ key, d })), [key]);
  const d = data.data && data.data.key === key ? data.data.d : null;
  const state = data.error ? 'error' : d ? 'ready' : 'loading';
  return { d, state, error: data.error, reload: data.reload, csv: key };
}

// One report in the contract's shape: loads itself, then chart(s), table and CSV link.
function ReportBlock({ id, path, params, q, split: asked, spec, title, heading, adapt, className }) {
  const query = { ...q, ...params, split: asked ? 'level' : '' };
  const data = useReport(path, query);
  let body;
  let state = data.state;
  if (data.error) body = html`<${ErrorBox} error=${data.error} onRetry=${data.reload} />`;
  else if (!data.d) body = html`<${Loading} />`;
  else {
    const d = adapt ? adapt(data.d) : data.d;
    // Split only when the answer is: a report that cannot split answers without groups.
    const split = asked && d.rows.some((r) => r.group !== null && r.group !== undefined);
    if (!d.rows.length) { body = html`<${Empty}>${T('none')}</${Empty}>`; state = 'empty'; }
    else {
      let charts;
      if (spec.blocks) {
        charts = spec.blocks.map((vb) => {
          const rs = d.rows.filter((r) => r.vocab === vb);
          if (!rs.length) return null;
          const c = chartOf(d, spec, split, rs);
          const t = split ? T('chart_split', { what: T('vb_' + vb) + ': ' + c.measure.toLowerCase() }) : T('vb_' + vb);
          return html`<${Chart} id=${`${id}-chart-${vb}`} title=${t} caption=${T('vb_' + vb)} ...${c} />`;
        });
      } else {
        const c = chartOf(d, spec, split);
        const t = c.measure ? T('chart_split', { what: title + ': ' + c.measure.toLowerCase() }) : title;
        charts = html`<${Chart} id=${id + '-chart'} title=${t} ...${c} />`;
      }
      const wide = split || d.columns.length > 2;
      body = html`<div class=${wide ? 'rp-stack' : 'rp-pair'}>
        <div class="rp-charts">${charts}</div>
        <${ReportTable} id=${id} caption=${title} d=${d} spec=${spec} split=${split} className=${className} />
      </div>`;
    }
  }
  const H = heading === 3 ? 'h3' : null;
  return html`<div class="rp-block-wrap" data-block=${id} data-state=${state}>
    ${H ? html`<h3 id=${id + '-h'}>${title}</h3>` : null}
    ${body}
    <p><a class="rp-csv" href=${data.csv} download>${T('csv_of', { what: title.toLowerCase() })}</a></p>
  </div>`;
}

function Section({ id, title, intro, children }) {
  return html`<section id=${id} aria-labelledby=${id + '-h'} class="card rp-section">
    <h2 id=${id + '-h'}>${title}</h2>
    ${intro ? html`<p>${intro}</p>` : null}
    ${children}
  </section>`;
}

const BYS = ['month', 'team', 'area'];

// The requests report keeps its own shape ({rows: [{key, label, count}], total}); seen as
// the contract's, with one column "count".
const requestsAdapt = (d) => ({
  report: 'requests', columns: [{ key: 'count', kind: 'count' }],
  rows: d.rows.map((r) => ({ key: r.key, label: r.label, vocab: null, group: r.group ?? null, values: { count: r.count } })),
  total: { count: d.total },
});

function Requests({ q, split }) {
  const [by, setBy] = useState('month');
  const spec = { chart: by === 'month' ? 'line' : 'bar', series: ['count'], splitMeasure: 'count',
    keyHead: 'k_' + by, nullLabel: by === 'team' ? 'no_team' : by === 'area' ? 'no_area' : null };
  return html`<${Section} id="rp-req" title=${T('req_h')}>
    <${Field} name="rp-by" label=${T('by')} as="select" value=${by} onChange=${(e) => setBy(e.target.value)}
      options=${BYS.map((b) => ({ value: b, label: T('by_' + b) }))} />
    <${ReportBlock} id="rp-req-t" path="requests" params=${{ by }} q=${q} split=${split} spec=${spec}
      title=${T('req_h') + ', ' + T('by_' + by).toLowerCase()} adapt=${requestsAdapt} className="rp-requests" />
  </${Section}>`;
}

function Themes({ q, split }) {
  const [vocab, setVocab] = useState('experience_area');
  const spec = { chart: 'bar', series: vocab === 'deployment_reason' ? ['requests', 'assigned'] : ['requests', 'unmet'],
    splitMeasure: 'requests', keyHead: 'v_' + vocab };
  return html`<${Section} id="rp-themes" title=${T('themes_h')} intro=${T('themes_intro')}>
    <${Field} name="rp-vocab" label=${T('vocab')} as="select" value=${vocab} onChange=${(e) => setVocab(e.target.value)}
      options=${['experience_area', 'deployment_reason', 'generic_theme'].map((v) => ({ value: v, label: T('v_' + v) }))} />
    <${ReportBlock} id="rp-themes-t" path="themes" params=${{ vocab }} q=${q} split=${split} spec=${spec}
      title=${T('themes_h') + ': ' + T('v_' + vocab).toLowerCase()} />
  </${Section}>`;
}

// Time to deployment: its own shape. With the split, the lines for all requests ("Alle
// niveaus") and then the same three lines per level (answer.groups), as in the CSV.
function Time({ q, split: asked }) {
  const data = useReport('time-to-match', { ...q, split: asked ? 'level' : '' });
  let body;
  if (data.error) body = html`<${ErrorBox} error=${data.error} onRetry=${data.reload} />`;
  else if (!data.d) body = html`<${Loading} />`;
  else {
    const d = data.d;
    const split = Array.isArray(d.groups);
    const lines = (f, g) => {
      const lv = () => (split ? html`<td>${g ? groupLabel(g) : T('all_levels')}</td>` : null);
      const row = (k, x) => html`<tr><th scope="row">${T(k)}</th>${lv()}<td class="num">${String(x.n)}</td><td class="num">${shown(x.median)}</td><td class="num">${shown(x.p90)}</td></tr>`;
      return html`<tr><th scope="row">${T('requests')}</th>${lv()}<td class="num">${String(f.requests)}</td><td></td><td></td></tr>
        ${row('to_assignment', f.to_assignment_days)}
        ${row('to_first_contact', f.to_first_contact_days)}`;
    };
    // Split: the medians per level as bars beside the table (withheld medians as the mark).
    const chart = split ? html`<${Chart} kind="bar" id="rp-time-chart" title=${T('time_chart')}
      rows=${d.groups.map((g) => ({ label: groupLabel(g.group), values: [g.to_assignment_days.median, g.to_first_contact_days.median] }))}
      series=${[{ label: T('to_assignment') }, { label: T('to_first_contact') }]} />` : null;
    const table = html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="rp-time-cap"><table class="rp-table rp-time">
      <caption id="rp-time-cap">${T('time_h')}</caption>
      <thead><tr><th scope="col">${T('figure')}</th>${split ? html`<th scope="col">${T('level')}</th>` : null}<th scope="col">${T('n')}</th><th scope="col">${T('median')}</th><th scope="col">${T('p90')}</th></tr></thead>
      <tbody>
        ${lines(d, null)}
        ${split ? d.groups.map((g) => lines(g, g.group)) : null}
      </tbody>
    </table></div>`;
    body = split ? html`<div class="rp-stack"><div class="rp-charts">${chart}</div>${table}</div>` : table;
  }
  return html`<${Section} id="rp-time" title=${T('time_h')} intro=${asked ? T('time_split') : null}>
    <div class="rp-block-wrap" data-block="rp-time-t" data-state=${data.state}>
      ${body}
      <p><a class="rp-csv" href=${data.csv} download>${T('csv_of', { what: T('time_h').toLowerCase() })}</a></p>
    </div>
  </${Section}>`;
}

function Reach({ q, split }) {
  const data = useReport('reach', q);
  let body;
  if (data.error) body = html`<${ErrorBox} error=${data.error} onRetry=${data.reload} />`;
  else if (!data.d) body = html`<${Loading} />`;
  else {
    const d = data.d;
    body = html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="rp-reach-cap"><table class="rp-table rp-reach">
      <caption id="rp-reach-cap">${T('reach_h')}</caption>
      <thead><tr><th scope="col">${T('generalists')}</th><th scope="col">${T('reached')}</th><th scope="col">${T('share')}</th></tr></thead>
      <tbody><tr><td class="num">${String(d.generalists)}</td><td class="num">${String(d.reached)}</td><td class="num">${share(d.share)}</td></tr></tbody>
    </table></div>`;
  }
  return html`<${Section} id="rp-reach" title=${T('reach_h')}>
    ${split ? html`<p class="rp-note">${T('reach_nosplit')}</p>` : null}
    <div class="rp-block-wrap" data-block="rp-reach-t" data-state=${data.state}>
      ${body}
      <p><a class="rp-csv" href=${data.csv} download>${T('csv_of', { what: T('reach_h').toLowerCase() })}</a></p>
    </div>
  </${Section}>`;
}

// The sections in page order: [id, title key, component].
function sections(q, split) {
  const p = { q, split };
  return [
    ['rp-req', 'req_h', html`<${Requests} ...${p} />`],
    ['rp-mix', 'mix_h', html`<${Section} id="rp-mix" title=${T('mix_h')} intro=${T('mix_intro')}>
      <${ReportBlock} id="rp-mix-t" path="mix" params=${{ by: 'month' }} ...${p} title=${T('mix_h')}
        spec=${{ chart: 'stacked', series: ['co_support', 'advice_only', 'consultations', 'bridging'], keyHead: 'k_month' }} />
    </${Section}>`],
    ['rp-caseload', 'caseload_h', html`<${Section} id="rp-caseload" title=${T('caseload_h')} intro=${T('caseload_intro')}>
      <${ReportBlock} id="rp-caseload-t" path="caseload" params=${{ by: 'team' }} ...${p} title=${T('caseload_h')}
        spec=${{ chart: 'bar', series: ['per_expert', 'per_fte'], splitMeasure: 'active', keyHead: 'k_expert_team', nullLabel: 'no_expert_team' }} />
    </${Section}>`],
    ['rp-themes', 'themes_h', html`<${Themes} ...${p} />`],
    ['rp-intensity', 'intensity_h', html`<${Section} id="rp-intensity" title=${T('intensity_h')} intro=${T('intensity_intro')}>
      <${ReportBlock} id="rp-intensity-t" path="intensity" params=${{}} ...${p} title=${T('intensity_h')}
        spec=${{ chart: 'bar', series: ['assignments'], splitMeasure: 'assignments', keyHead: 'k_pattern' }} />
    </${Section}>`],
    ['rp-evaluations', 'evaluations_h', html`<${Section} id="rp-evaluations" title=${T('evaluations_h')} intro=${T('evaluations_intro')}>
      <${ReportBlock} id="rp-evaluations-t" path="evaluations" params=${{ by: 'team' }} ...${p} title=${T('evaluations_h')}
        spec=${{ chart: 'bar', series: ['planned', 'held', 'overdue'], splitMeasure: 'overdue', keyHead: 'k_gen_team', nullLabel: 'no_team' }} />
    </${Section}>`],
    ['rp-closures', 'closures_h', html`<${Section} id="rp-closures" title=${T('closures_h')} intro=${T('closures_intro')}>
      <${ReportBlock} id="rp-closures-t" path="closures" params=${{}} ...${p} title=${T('closures_h')}
        spec=${{ chart: 'bar', series: ['dossiers'], splitMeasure: 'dossiers', keyHead: 'k_closure',
          blocks: ['closure_reason', 'outcome_client', 'outcome_generalist'] }} />
    </${Section}>`],
    ['rp-hours', 'hours_h', html`<${Section} id="rp-hours" title=${T('hours_h')} intro=${T('hours_intro')}>
      <${ReportBlock} id="rp-hours-m" path="hours" params=${{ by: 'month' }} ...${p} title=${T('hours_month_h')} heading=${3}
        spec=${{ chart: 'stacked', series: 'all', colVocab: 'role_type', keyHead: 'k_month' }} />
      <${ReportBlock} id="rp-hours-t" path="hours" params=${{ by: 'total' }} ...${p} title=${T('hours_total_h')} heading=${3}
        spec=${{ chart: 'bar', series: ['hours'], splitMeasure: 'hours', keyHead: 'k_role' }} />
    </${Section}>`],
    ['rp-referrals', 'referrals_h', html`<${Section} id="rp-referrals" title=${T('referrals_h')} intro=${T('referrals_intro')}>
      <${ReportBlock} id="rp-referrals-t" path="referrals" params=${{}} ...${p} title=${T('referrals_h')}
        spec=${{ chart: 'bar', series: ['referrals', 'accompanied'], splitMeasure: 'referrals', keyHead: 'k_service' }} />
    </${Section}>`],
    ['rp-time', 'time_h', html`<${Time} ...${p} />`],
    ['rp-reach', 'reach_h', html`<${Reach} ...${p} />`],
  ];
}

// The period and the split are in the address (?from=&to=&split=level), so that a reload,
// a bookmark or a link shows the same figures. Replaced in place: the screen is not
// drawn anew.
function remember(q, split) {
  const s = new URLSearchParams();
  if (q.from) s.set('from', q.from);
  if (q.to) s.set('to', q.to);
  if (split) s.set('split', 'level');
  const qs = s.toString();
  history.replaceState(null, '', '/reports' + (qs ? '?' + qs : ''));
}

export function ReportsScreen({ query }) {
  const init = (k) => (query && query.get(k)) || '';
  const [from, setFrom] = useState(init('from'));
  const [to, setTo] = useState(init('to'));
  const [q, setQ] = useState({ from: init('from'), to: init('to') });
  const [split, setSplit] = useState(init('split') === 'level');
  // The code tables, for the labels of vocabulary rows; the page re-renders when they come.
  useLoad(() => loadVocab(), []);
  const [bad, setBad] = useState('');
  const submit = (e) => {
    e.preventDefault();
    if (from && to && from > to) { setBad(T('to_before')); return; }
    setBad('');
    const nq = { from, to };
    setQ(nq);
    remember(nq, split);
  };
  const toggle = (e) => { setSplit(e.target.checked); remember(q, e.target.checked); };
  const all = sections(q, split);
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    <p class="muted small">${T('dash_note')}</p>
    <form class="card rp-period" onSubmit=${submit} aria-labelledby="rp-period-h">
      <h2 id="rp-period-h">${T('period_h')}</h2>
      <p class="hint">${T('period_hint')}</p>
      <div class="rp-dates">
        <${Field} name="rp-from" label=${T('from')} type="date" value=${from} onInput=${(e) => setFrom(e.target.value)} />
        <${Field} name="rp-to" label=${T('to')} type="date" value=${to} error=${bad || undefined} onInput=${(e) => setTo(e.target.value)} />
      </div>
      <div class="actions"><button type="submit">${T('apply')}</button></div>
      ${q.from && q.to ? html`<p class="muted">${T('period', { from: fmtDate(q.from), to: fmtDate(q.to) })}</p>` : null}
      <div class="field rp-split">
        <label class="check"><input type="checkbox" id="f-rp-split" checked=${split} aria-describedby="f-rp-split-hint"
          onChange=${toggle} /> <span>${T('split')}</span></label>
        <p class="hint" id="f-rp-split-hint">${T('split_hint')}</p>
      </div>
    </form>
    <nav class="card rp-toc" aria-labelledby="rp-toc-h">
      <h2 id="rp-toc-h">${T('toc')}</h2>
      <ul>${all.map(([id, k]) => html`<li><a href=${'#' + id}>${T(k)}</a></li>`)}</ul>
    </nav>
    ${all.map(([, , el]) => el)}
  </${Page}>`;
}
