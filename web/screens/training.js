// training.js: "Scholing generalisten", the training "Ervaringskennis voor generalisten"
// given by experts. Coordinators, trainers and experts plan sessions, record who attended
// (a coordinator, a trainer or an expert giving that session; once it was held), and see
// which active generalists have not attended yet (new colleagues flagged) and the
// coverage per team. A manager sees the coverage per team as numbers only.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, today } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import {
  Page, Field, Checks, ErrorBox, ErrorSummary, fieldErrors, Status, Loading, Empty, useLoad,
} from '../lib/ui.js';

const DEFAULT_TITLE = 'Ervaringskennis voor generalisten';

const T = strings({
  nl: {
    title: 'Scholing generalisten',
    intro: 'De training "Ervaringskennis voor generalisten" wordt gegeven door ervaringsdeskundigen. Ook nieuwe collega\'s horen haar te volgen.',
    coverage_h: 'Bereik per team', team: 'Team', generalists: 'Generalisten', attended: 'Gevolgd', share: 'Aandeel',
    total: 'Totaal: {a} van {g} generalisten hebben de training gevolgd.', no_teams: 'Nog geen teams met generalisten.',
    sessions_h: 'Bijeenkomsten', sessions_empty: 'Nog geen bijeenkomsten gepland.',
    new_h: 'Bijeenkomst plannen', s_title: 'Titel', held_on: 'Datum', place: 'Plaats (optioneel)',
    trainers: 'Gegeven door', save: 'Bijeenkomst opslaan', saved: 'Opgeslagen',
    given_by: 'Gegeven door {names}', nobody: 'nog niemand', count: '{n} deelnemers',
    attendance: 'Aanwezigheid vastleggen', attendance_of: 'Wie was er bij {title} op {date}?',
    attendance_save: 'Aanwezigheid opslaan', not_held: 'Aanwezigheid kan pas na de bijeenkomst worden vastgelegd.',
    close: 'Sluiten',
    missing_h: 'Nog niet gevolgd', missing_empty: 'Alle actieve generalisten hebben de training gevolgd.',
    new_badge: 'nieuw', no_team: 'geen team',
    err_required: 'Vul dit in.', manager_note: 'U ziet alleen aantallen per team, geen namen.',
  },
  en: {
    title: 'Training for generalists',
    intro: 'The training "Ervaringskennis voor generalisten" (experiential knowledge for generalists) is given by experts. New colleagues should take it too.',
    coverage_h: 'Coverage per team', team: 'Team', generalists: 'Generalists', attended: 'Attended', share: 'Share',
    total: 'In all: {a} of {g} generalists have attended.', no_teams: 'No teams with generalists yet.',
    sessions_h: 'Sessions', sessions_empty: 'No sessions planned yet.',
    new_h: 'Plan a session', s_title: 'Title', held_on: 'Date', place: 'Place (optional)',
    trainers: 'Given by', save: 'Save session', saved: 'Saved',
    given_by: 'Given by {names}', nobody: 'nobody yet', count: '{n} attendees',
    attendance: 'Record attendance', attendance_of: 'Who attended {title} on {date}?',
    attendance_save: 'Save attendance', not_held: 'Attendance can be recorded once the session has been held.',
    close: 'Close',
    missing_h: 'Not attended yet', missing_empty: 'Every active generalist has attended.',
    new_badge: 'new', no_team: 'no team',
    err_required: 'Please fill this in.', manager_note: 'You see numbers per team only, no names.',
  },
});

function Coverage() {
  const { data, error, loading } = useLoad(() => api('GET', '/training/coverage'), []);
  if (loading) return html`<${Loading} />`;
  if (error) return html`<${ErrorBox} error=${error} />`;
  return html`<section aria-labelledby="coverage-h">
    <h2 id="coverage-h">${T('coverage_h')}</h2>
    ${!data.teams.length ? html`<${Empty}>${T('no_teams')}</${Empty}>` : html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">${T('team')}</th><th scope="col">${T('attended')}</th><th scope="col">${T('generalists')}</th><th scope="col">${T('share')}</th></tr></thead>
      <tbody>${data.teams.map((t) => html`<tr><th scope="row">${t.team}</th><td>${t.attended}</td><td>${t.generalists}</td>
        <td>${t.generalists ? Math.round((100 * t.attended) / t.generalists) + '%' : '—'}</td></tr>`)}</tbody>
    </table></div>
    <p>${T('total', { a: data.attended, g: data.generalists })}</p>`}
  </section>`;
}

function SessionForm({ experts, onSaved }) {
  const [f, setF] = useState({ title: DEFAULT_TITLE, held_on: today(), place: '', trainer_ids: [] });
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  async function submit(ev) {
    ev.preventDefault();
    const e = {};
    if (!f.title.trim()) e.title = T('err_required');
    if (!f.held_on) e.held_on = T('err_required');
    setErrors(e); setErr(null); setStatus('');
    if (Object.keys(e).length) return;
    try { await api('POST', '/training/sessions', f); setStatus(T('saved')); setF({ ...f, place: '', trainer_ids: [] }); onSaved(); } catch (x) { setErr(x); setErrors(fieldErrors(x)); }
  }
  return html`<form class="card" onSubmit=${submit} novalidate aria-labelledby="new-session-h">
    <h2 id="new-session-h">${T('new_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${{ title: T('s_title'), held_on: T('held_on'), place: T('place'), trainer_ids: T('trainers') }} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Field} name="title" label=${T('s_title')} value=${f.title} onInput=${(e) => setF({ ...f, title: e.target.value })} error=${errors.title} required maxlength="200" />
    <${Field} name="held_on" type="date" label=${T('held_on')} value=${f.held_on} onInput=${(e) => setF({ ...f, held_on: e.target.value })} error=${errors.held_on} required />
    <${Field} name="place" label=${T('place')} value=${f.place} onInput=${(e) => setF({ ...f, place: e.target.value })} error=${errors.place} maxlength="200" />
    <${Checks} name="trainer_ids" legend=${T('trainers')} options=${experts} value=${f.trainer_ids} onChange=${(v) => setF({ ...f, trainer_ids: v })} error=${errors.trainer_ids} />
    <div class="actions"><button type="submit">${T('save')}</button></div>
    <${Status}>${status}</${Status}>
  </form>`;
}

function Attendance({ id, generalists, onSaved, onClose }) {
  const { data, error, loading } = useLoad(() => api('GET', '/training/sessions/' + id, null, { etag: true }), [id]);
  const [chosen, setChosen] = useState(null);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  if (loading) return html`<${Loading} />`;
  if (error) return html`<${ErrorBox} error=${error} />`;
  const s = data.body;
  const value = chosen || s.attendees.map((a) => a.id);
  if (s.held_on > today()) return html`<p class="muted">${T('not_held')}</p>`;
  async function save() {
    setErr(null); setStatus('');
    try { await api('PUT', `/training/sessions/${id}/attendance`, { worker_ids: value }, { version: data.version }); setStatus(T('saved')); onSaved(); } catch (x) { setErr(x); }
  }
  return html`<div>
    ${err ? html`<${ErrorBox} error=${err} />` : null}
    <${Checks} name=${'att-' + id.slice(-6)} legend=${T('attendance_of', { title: s.title, date: fmtDate(s.held_on) })}
      options=${generalists.map((g) => ({ value: g.id, label: g.name + (g.teams ? ' (' + g.teams + ')' : '') }))} value=${value} onChange=${setChosen} />
    <div class="actions">
      <button type="button" onClick=${save}>${T('attendance_save')}</button>
      <button type="button" class="secondary" onClick=${onClose}>${T('close')}</button>
    </div>
    <${Status}>${status}</${Status}>
  </div>`;
}

function Sessions({ onChanged }) {
  const sessions = useLoad(() => api('GET', '/training/sessions'), []);
  const gens = useLoad(() => api('GET', '/training/generalists'), []);
  const experts = useLoad(() => api('GET', '/experts', null, { query: { limit: 200 } }).catch(() => ({ items: [] })), []);
  const [open, setOpen] = useState(null);
  const expertOpts = ((experts.data && experts.data.items) || []).map((x) => ({ value: x.id || x.worker_id, label: x.name })).filter((o) => o.value);
  const reload = () => { sessions.reload(); gens.reload(); onChanged(); };
  return html`
    <${SessionForm} experts=${expertOpts} onSaved=${reload} />
    <section aria-labelledby="sessions-h">
      <h2 id="sessions-h">${T('sessions_h')}</h2>
      ${sessions.loading ? html`<${Loading} />` : sessions.error ? html`<${ErrorBox} error=${sessions.error} />`
        : !sessions.data.items.length ? html`<${Empty}>${T('sessions_empty')}</${Empty}>`
        : html`<ul class="plain card">${sessions.data.items.map((s) => html`<li>
            <p><strong>${s.title}</strong> · ${fmtDate(s.held_on)}${s.place ? ' · ' + s.place : ''}</p>
            <p class="small">${T('given_by', { names: s.trainers.length ? s.trainers.map((t) => t.name).join(', ') : T('nobody') })} · ${T('count', { n: s.attendee_count })}</p>
            ${open === s.id
              ? html`<${Attendance} id=${s.id} generalists=${(gens.data && gens.data.items) || []} onSaved=${reload} onClose=${() => setOpen(null)} />`
              : html`<button type="button" class="secondary" onClick=${() => setOpen(s.id)}>${T('attendance')}</button>`}
          </li>`)}</ul>`}
    </section>
    <section aria-labelledby="missing-h">
      <h2 id="missing-h">${T('missing_h')}</h2>
      ${gens.loading ? html`<${Loading} />` : gens.error ? html`<${ErrorBox} error=${gens.error} />` : (() => {
        const missing = gens.data.items.filter((g) => !g.attended_on);
        missing.sort((a, b) => (b.new - a.new) || a.name.localeCompare(b.name));
        return !missing.length ? html`<${Empty}>${T('missing_empty')}</${Empty}>`
          : html`<ul class="plain card">${missing.map((g) => html`<li>${g.name} <span class="muted small">${g.teams || T('no_team')}</span>
              ${g.new ? html` <span class="badge warn">${T('new_badge')}</span>` : null}</li>`)}</ul>`;
      })()}
    </section>`;
}

export function TrainingScreen() {
  const [n, setN] = useState(0);
  const manage = hasRole('expert', 'coordinator', 'trainer');
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    ${!manage ? html`<p class="muted">${T('manager_note')}</p>` : null}
    <${Coverage} key=${n} />
    ${manage ? html`<${Sessions} onChanged=${() => setN(n + 1)} />` : null}
  </${Page}>`;
}
