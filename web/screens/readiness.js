// readiness.js: "Implementatiescan". The organisation scores itself, 1 to 5 or "niet
// beoordeeld", on the conditions for deploying experience experts (24 items in three
// groups) and sees its history: per-group averages per scan and the latest scan next to
// the one before, as a table. It is about the organisation, never about a person.
// GET /api/v1/readiness/items, GET/POST /api/v1/readiness/scans. ?new=1 opens the form.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, lang, fmtDate, today } from '../lib/i18n.js';
import { Page, Field, Radios, ErrorBox, ErrorSummary, Empty, Loading, Status, useLoad } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Implementatiescan',
    intro: 'Hoe staat de organisatie ervoor als het gaat om de inzet van ervaringsdeskundigen? Geef per voorwaarde een score van 1 (nog niet) tot 5 (helemaal op orde), of kies "niet beoordeeld". De scan gaat over de organisatie, nooit over een persoon.',
    history_h: 'Eerdere scans', empty: 'Er is nog geen scan gedaan. Begin hieronder met de eerste.',
    date: 'Datum', by: 'Vastgelegd door', note: 'Toelichting',
    compare_h: 'Laatste scan naast de vorige', compare_cap: 'Gemiddelde per groep: {latest} tegenover {previous}',
    group: 'Groep', latest: 'Laatste', previous: 'Vorige', change: 'Verschil', none: 'geen score',
    one_scan: 'Na een tweede scan ziet u hier het verschil met de vorige.',
    new_btn: 'Nieuwe scan', new_h: 'Nieuwe scan', cancel: 'Annuleren',
    taken_on: 'Datum van de scan', save: 'Scan opslaan', saved: 'De scan is opgeslagen.',
    score: 'Score', not_assessed: 'Niet beoordeeld', comment: 'Opmerking (kort, niet verplicht)',
    s1: '1 · nog niet', s2: '2', s3: '3', s4: '4', s5: '5 · helemaal op orde',
    about_h: 'Waar de scan over gaat',
    g_ibrahim: 'Voorwaarden (Ibrahim e.a., 2020)',
    g_promoting: 'Bevorderende factoren',
    g_precondition: 'Randvoorwaarden',
    gx_ibrahim: 'Zeven voorwaarden uit internationaal onderzoek naar de inzet van ervaringsdeskundigen in de zorg.',
    gx_promoting: 'Tien factoren die in de praktijk van een buurtteamorganisatie hielpen om ervaringsdeskundigen in te zetten.',
    gx_precondition: 'Zeven randvoorwaarden die ervaringsdeskundigen en collega\'s zelf noemden om de inzet vol te houden.',
    avg: '{avg} ({n} van {m} beoordeeld)',
  },
  en: {
    title: 'Readiness scan',
    intro: 'How ready is the organisation to deploy experience experts? Score each condition from 1 (not yet) to 5 (fully in place), or choose "not assessed". The scan is about the organisation, never about a person.',
    history_h: 'Earlier scans', empty: 'No scan has been done yet. Start the first one below.',
    date: 'Date', by: 'Recorded by', note: 'Note',
    compare_h: 'Latest scan next to the previous one', compare_cap: 'Average per group: {latest} against {previous}',
    group: 'Group', latest: 'Latest', previous: 'Previous', change: 'Change', none: 'no score',
    one_scan: 'After a second scan you see the change from the previous one here.',
    new_btn: 'New scan', new_h: 'New scan', cancel: 'Cancel',
    taken_on: 'Date of the scan', save: 'Save scan', saved: 'The scan was saved.',
    score: 'Score', not_assessed: 'Not assessed', comment: 'Comment (short, optional)',
    s1: '1 · not yet', s2: '2', s3: '3', s4: '4', s5: '5 · fully in place',
    about_h: 'What the scan is about',
    g_ibrahim: 'Conditions (Ibrahim et al., 2020)',
    g_promoting: 'Promoting factors',
    g_precondition: 'Preconditions',
    gx_ibrahim: 'Seven conditions from international research on deploying peer workers in care.',
    gx_promoting: 'Ten factors that helped a neighbourhood-team organisation deploy experience experts in practice.',
    gx_precondition: 'Seven preconditions named by experts and colleagues themselves to keep the deployment going.',
    avg: '{avg} ({n} of {m} assessed)',
  },
});

const GROUPS = ['ibrahim', 'promoting', 'precondition'];
const label = (item) => (lang() === 'en' ? item.label_en : item.label_nl);
const num = (s) => (s === null || s === undefined ? null : lang() === 'en' ? s : s.replace('.', ','));

function avgText(a) {
  if (!a || a.average === null) return T('none');
  return T('avg', { avg: num(a.average), n: a.assessed, m: a.items });
}

function History({ scans }) {
  if (scans.length === 0) return html`<${Empty}>${T('empty')}</${Empty}>`;
  return html`<div class="table-wrap"><table class="rd-history" aria-labelledby="rd-hist-h">
    <thead><tr><th scope="col">${T('date')}</th>${GROUPS.map((g) => html`<th scope="col">${T('g_' + g)}</th>`)}<th scope="col">${T('by')}</th></tr></thead>
    <tbody>${scans.map((s) => html`<tr>
      <th scope="row">${fmtDate(s.taken_on)}${s.note ? html`<br /><span class="muted small">${s.note}</span>` : null}</th>
      ${s.averages.map((a) => html`<td>${avgText(a)}</td>`)}
      <td>${s.created_by.name}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

function diff(a, b) {
  if (!a || !b || a.average === null || b.average === null) return '—';
  const d = Math.round((Number(a.average) - Number(b.average)) * 100) / 100;
  const s = (d > 0 ? '+' : d < 0 ? '−' : '±') + Math.abs(d).toFixed(2);
  return lang() === 'en' ? s : s.replace('.', ',');
}

function Compare({ scans }) {
  if (scans.length < 2) return scans.length ? html`<p>${T('one_scan')}</p>` : null;
  const [l, p] = scans;
  return html`<div class="table-wrap"><table class="rd-compare">
    <caption>${T('compare_cap', { latest: fmtDate(l.taken_on), previous: fmtDate(p.taken_on) })}</caption>
    <thead><tr><th scope="col">${T('group')}</th><th scope="col">${T('latest')}</th><th scope="col">${T('previous')}</th><th scope="col">${T('change')}</th></tr></thead>
    <tbody>${GROUPS.map((g, i) => html`<tr>
      <th scope="row">${T('g_' + g)}</th>
      <td>${num(l.averages[i].average) ?? T('none')}</td>
      <td>${num(p.averages[i].average) ?? T('none')}</td>
      <td>${diff(l.averages[i], p.averages[i])}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

// The server names a field like "scores[3].score"; point it at that item's control.
function errorsFrom(err, items) {
  if (!err || !err.field) return {};
  const m = /^scores\[(\d+)\]\.(\w+)$/.exec(err.field);
  if (m && items[Number(m[1])]) {
    const code = items[Number(m[1])].code;
    return { [(m[2] === 'comment' ? 'rd-c-' : 'rd-') + code]: err.message };
  }
  if (err.field === 'taken_on') return { 'rd-taken': err.message };
  if (err.field === 'note') return { 'rd-note': err.message };
  return {};
}

function ScanForm({ items, onSaved, onCancel }) {
  const [taken, setTaken] = useState(today());
  const [note, setNote] = useState('');
  const [scores, setScores] = useState(() => Object.fromEntries(items.map((i) => [i.code, ''])));
  const [comments, setComments] = useState(() => Object.fromEntries(items.map((i) => [i.code, ''])));
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const errs = errorsFrom(err, items);
  const labels = { 'rd-taken': T('taken_on'), 'rd-note': T('note') };
  for (const i of items) { labels['rd-' + i.code] = label(i); labels['rd-c-' + i.code] = label(i) + ': ' + T('comment'); }
  const options = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: T('s' + n) }))
    .concat([{ value: '', label: T('not_assessed') }]);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      await api('POST', '/readiness/scans', {
        taken_on: taken || null,
        note: note.trim() ? note : null,
        scores: items.map((i) => ({
          item: i.code,
          score: scores[i.code] ? Number(scores[i.code]) : null,
          comment: comments[i.code].trim() ? comments[i.code] : null,
        })),
      });
      onSaved();
    } catch (x) { setErr(x); } finally { setBusy(false); }
  };
  return html`<form class="card rd-form" onSubmit=${submit} noValidate aria-labelledby="rd-new-h">
    <h2 id="rd-new-h">${T('new_h')}</h2>
    <${ErrorSummary} errors=${errs} labels=${labels} />
    ${err && !Object.keys(errs).length ? html`<${ErrorBox} error=${err} />` : null}
    <${Field} name="rd-taken" label=${T('taken_on')} type="date" value=${taken} error=${errs['rd-taken']}
      onInput=${(e) => setTaken(e.target.value)} />
    <${Field} name="rd-note" label=${T('note')} as="textarea" rows="2" maxLength="1000" value=${note} error=${errs['rd-note']}
      onInput=${(e) => setNote(e.target.value)} />
    ${GROUPS.map((g) => html`<fieldset class="rd-group">
      <legend>${T('g_' + g)}</legend>
      <p class="hint">${T('gx_' + g)}</p>
      ${items.filter((i) => i.group === g).map((i) => html`<div class="rd-item">
        <${Radios} name=${'rd-' + i.code} legend=${label(i)} options=${options} value=${scores[i.code]}
          error=${errs['rd-' + i.code]} onChange=${(v) => setScores({ ...scores, [i.code]: v })} />
        <${Field} name=${'rd-c-' + i.code} label=${T('comment')} maxLength="500" value=${comments[i.code]}
          error=${errs['rd-c-' + i.code]} aria-label=${label(i) + ': ' + T('comment')}
          onInput=${(e) => setComments({ ...comments, [i.code]: e.target.value })} />
      </div>`)}
    </fieldset>`)}
    <div class="actions">
      <button type="submit" disabled=${busy}>${T('save')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
    </div>
  </form>`;
}

function About({ items }) {
  return html`<section aria-labelledby="rd-about-h">
    <h2 id="rd-about-h">${T('about_h')}</h2>
    ${GROUPS.map((g) => html`<details class="rd-about">
      <summary>${T('g_' + g)}</summary>
      <p>${T('gx_' + g)}</p>
      <ol>${items.filter((i) => i.group === g).map((i) => html`<li>${label(i)}</li>`)}</ol>
    </details>`)}
  </section>`;
}

export function ReadinessScreen({ query }) {
  const items = useLoad(() => api('GET', '/readiness/items'));
  const scans = useLoad(() => api('GET', '/readiness/scans'));
  const [open, setOpen] = useState(() => !!query && query.get('new') === '1');
  const [msg, setMsg] = useState('');
  const error = items.error || scans.error;
  if (error) return html`<${Page} title=${T('title')}><${ErrorBox} error=${error} onRetry=${() => { items.reload(); scans.reload(); }} /></${Page}>`;
  if (!items.data || !scans.data) return html`<${Page} title=${T('title')}><${Loading} /></${Page}>`;
  const list = scans.data.items;
  const saved = () => { setOpen(false); setMsg(T('saved')); scans.reload(); };
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    <${Status}>${msg}</${Status}>
    <section aria-labelledby="rd-hist-h">
      <h2 id="rd-hist-h">${T('history_h')}</h2>
      <${History} scans=${list} />
    </section>
    ${list.length ? html`<section aria-labelledby="rd-cmp-h">
      <h2 id="rd-cmp-h">${T('compare_h')}</h2>
      <${Compare} scans=${list} />
    </section>` : null}
    ${open
      ? html`<${ScanForm} items=${items.data.items} onSaved=${saved} onCancel=${() => setOpen(false)} />`
      : html`<div class="actions"><button type="button" onClick=${() => { setMsg(''); setOpen(true); }}>${T('new_btn')}</button></div>`}
    <${About} items=${items.data.items} />
  </${Page}>`;
}
