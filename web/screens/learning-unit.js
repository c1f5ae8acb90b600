// learning-unit.js: one unit of the curriculum: goals, assignments (own and replaced ones
// marked), the competencies and dilemmas it works on, and, for a student or practising
// expert, their evidence per assignment with "Bewijs toevoegen" (a text, a link or a small
// file). GET /api/v1/curriculum/units/{code}, GET /portfolio/me,
// POST /portfolio/me/evidence.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import { Link } from '../lib/router.js';
import { Page, Field, Radios, ErrorBox, ErrorSummary, Loading, Status, useLoad, fieldErrors } from '../lib/ui.js';
import { t, unitProgress, ProgressLine } from './learning.js';

const FILE_MAX = 512 * 1024;

const T = strings({
  nl: {
    back: 'Terug naar Leren', goals_h: 'Doelen', assignments_h: 'Opdrachten', comps_h: 'Competenties',
    dilemmas_h: 'Dilemma\'s', local: 'eigen opdracht', replaced: 'vervangen door {code}', replaces: 'in plaats van {code}',
    inactive: 'niet in gebruik', my_evidence: 'Mijn bewijs', none_yet: 'Nog geen bewijs bij deze opdracht.',
    add: 'Bewijs toevoegen bij {code}', add_h: 'Bewijs bij {code}', kind: 'Soort bewijs',
    k_text: 'Tekst', k_link: 'Link', k_file: 'Bestand (PDF, PNG, JPEG of tekst, tot 512 KiB)',
    title_f: 'Titel', body: 'Tekst', note: 'Toelichting (optioneel)', url: 'Adres (https://...)', file: 'Bestand',
    save: 'Bewijs opslaan', cancel: 'Annuleren', saved: 'Bewijs opgeslagen.',
    err_required: 'Vul dit in.', err_big: 'Het bestand is groter dan 512 KiB.', err_url: 'Een adres dat begint met http:// of https://.',
    indicators: 'Gedragsindicatoren', source: 'bron {s}', to_portfolio: 'Naar mijn portfolio',
  },
  en: {
    back: 'Back to Learning', goals_h: 'Goals', assignments_h: 'Assignments', comps_h: 'Competencies',
    dilemmas_h: 'Dilemmas', local: 'own assignment', replaced: 'replaced by {code}', replaces: 'instead of {code}',
    inactive: 'not in use', my_evidence: 'My evidence', none_yet: 'No evidence for this assignment yet.',
    add: 'Add evidence for {code}', add_h: 'Evidence for {code}', kind: 'Kind of evidence',
    k_text: 'Text', k_link: 'Link', k_file: 'File (PDF, PNG, JPEG or text, up to 512 KiB)',
    title_f: 'Title', body: 'Text', note: 'Note (optional)', url: 'Address (https://...)', file: 'File',
    save: 'Save evidence', cancel: 'Cancel', saved: 'Evidence saved.',
    err_required: 'Please fill this in.', err_big: 'The file is larger than 512 KiB.', err_url: 'An address starting with http:// or https://.',
    indicators: 'Behaviour indicators', source: 'source {s}', to_portfolio: 'To my portfolio',
  },
});

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

function EvidenceForm({ code, onSaved, onCancel }) {
  const [f, setF] = useState({ kind: 'text', title: '', body: '', url: '' });
  const [file, setFile] = useState(null);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setF((s) => ({ ...s, [k]: e && e.target ? e.target.value : e }));
  const labels = { kind: T('kind'), title: T('title_f'), body: T('body'), url: T('url'), file: T('file'), data: T('file'), file_name: T('file'), content_type: T('file') };
  const submit = async (e) => {
    e.preventDefault();
    const v = {};
    if (!f.title.trim()) v.title = T('err_required');
    if (f.kind === 'text' && !f.body.trim()) v.body = T('err_required');
    if (f.kind === 'link' && !/^https?:\/\/\S+$/.test(f.url.trim())) v.url = T('err_url');
    if (f.kind === 'file' && !file) v.file = T('err_required');
    if (f.kind === 'file' && file && file.size > FILE_MAX) v.file = T('err_big');
    setErrors(v); setErr(null);
    if (Object.keys(v).length) return;
    const body = { kind: f.kind, title: f.title.trim(), assignments: [code] };
    if (f.body.trim()) body.body = f.body;
    if (f.kind === 'link') body.url = f.url.trim();
    setBusy(true);
    try {
      if (f.kind === 'file') {
        body.file_name = file.name; body.content_type = file.type || 'application/octet-stream';
        body.data = await readBase64(file);
      }
      const item = await api('POST', '/portfolio/me/evidence', body);
      onSaved(item);
    } catch (e2) {
      const fe = fieldErrors(e2);
      if (fe.data || fe.file_name || fe.content_type) fe.file = fe.data || fe.file_name || fe.content_type;
      if (Object.keys(fe).length) setErrors(fe); else setErr(e2);
    } finally { setBusy(false); }
  };
  const id = 'ev-' + code;
  return html`<form class="card lr-form" aria-labelledby=${id + '-h'} onSubmit=${submit} novalidate>
    <h4 id=${id + '-h'}>${T('add_h', { code })}</h4>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${ErrorBox} error=${err} />
    <${Radios} name="kind" legend=${T('kind')} value=${f.kind} onChange=${set('kind')}
      options=${[{ value: 'text', label: T('k_text') }, { value: 'link', label: T('k_link') }, { value: 'file', label: T('k_file') }]} />
    <${Field} name="title" label=${T('title_f')} required value=${f.title} onInput=${set('title')} error=${errors.title} maxlength="200" />
    ${f.kind === 'link' ? html`<${Field} name="url" type="url" label=${T('url')} required value=${f.url} onInput=${set('url')} error=${errors.url} />` : null}
    ${f.kind === 'file' ? html`<${Field} name="file" type="file" label=${T('file')} required accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain"
      onChange=${(e) => setFile(e.target.files && e.target.files[0])} error=${errors.file} />` : null}
    <${Field} as="textarea" name="body" label=${f.kind === 'text' ? T('body') : T('note')} required=${f.kind === 'text'}
      value=${f.body} onInput=${set('body')} error=${errors.body} rows="5" />
    <div class="actions">
      <button type="submit" disabled=${busy}>${T('save')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
    </div>
  </form>`;
}

function Assignment({ a, mine, learner, open, setOpen, onSaved }) {
  const items = mine.filter((e) => e.assignments.includes(a.code));
  const tags = [a.local ? T('local') : null, a.replaced_by ? T('replaced', { code: a.replaced_by }) : null,
    a.replaces ? T('replaces', { code: a.replaces }) : null, a.active ? null : T('inactive')].filter(Boolean);
  return html`<li class=${'card lr-assignment' + (a.counts ? '' : ' muted')} id=${'a-' + a.code}>
    <h3>${a.code}</h3>
    <p>${t(a, 'text')}</p>
    <p class="muted small">${[...tags, a.source ? T('source', { s: a.source }) : null].filter(Boolean).join(' · ')}</p>
    ${learner && a.counts ? html`<div class="lr-mine">
      <h4>${T('my_evidence')}</h4>
      ${items.length ? html`<ul>${items.map((e) => html`<li key=${e.id}>${e.title}</li>`)}</ul>` : html`<p class="muted">${T('none_yet')}</p>`}
      ${open === a.code ? html`<${EvidenceForm} code=${a.code} onSaved=${onSaved} onCancel=${() => setOpen(null)} />`
        : html`<button type="button" class="secondary" onClick=${() => setOpen(a.code)}>${T('add', { code: a.code })}</button>`}
    </div>` : null}
  </li>`;
}

export function LearningUnitScreen({ params }) {
  const code = params.code;
  const learner = hasRole('student', 'expert');
  const [open, setOpen] = useState(null);
  const [status, setStatus] = useState('');
  const st = useLoad(async () => {
    const unit = await api('GET', '/curriculum/units/' + encodeURIComponent(code));
    const portfolio = learner ? await api('GET', '/portfolio/me') : null;
    return { unit, portfolio };
  }, [code]);
  if (st.loading && !st.data) return html`<${Page} title=${code}><${Loading} /></${Page}>`;
  if (st.error) return html`<${Page} title=${code}><${ErrorBox} error=${st.error} onRetry=${st.reload} /></${Page}>`;
  const { unit, portfolio } = st.data;
  const mine = portfolio ? portfolio.evidence : [];
  const saved = () => { setOpen(null); setStatus(T('saved')); st.reload(); };
  return html`<${Page} title=${unit.code + ' · ' + t(unit, 'title')}>
    <p><${Link} href="/learning">${T('back')}</${Link}>${learner ? html` · <${Link} href="/learning/portfolio/me">${T('to_portfolio')}</${Link}>` : null}</p>
    ${portfolio ? html`<${ProgressLine} p=${unitProgress(portfolio, unit.code)} />` : null}
    <${Status}>${status}</${Status}>
    <section aria-labelledby="goals-h"><h2 id="goals-h">${T('goals_h')}</h2>
      <ol>${unit.goals.map((g) => html`<li key=${g.n}>${t(g, 'text')}</li>`)}</ol></section>
    <section aria-labelledby="as-h"><h2 id="as-h">${T('assignments_h')}</h2>
      <ul class="plain">${unit.assignments.map((a) => html`<${Assignment} key=${a.code} a=${a} mine=${mine} learner=${learner}
        open=${open} setOpen=${setOpen} onSaved=${saved} />`)}</ul></section>
    ${unit.competencies && unit.competencies.length ? html`<section aria-labelledby="comp-h"><h2 id="comp-h">${T('comps_h')}</h2>
      <ul class="plain">${unit.competencies.map((c) => html`<li key=${c.code}><strong>${c.code} · ${t(c, 'title')}</strong>
        ${c.indicators.length ? html`<ul>${c.indicators.map((i) => html`<li key=${i.n}>${t(i, 'text')}</li>`)}</ul>` : null}</li>`)}</ul></section>` : null}
    ${unit.dilemmas && unit.dilemmas.length ? html`<section aria-labelledby="dil-h"><h2 id="dil-h">${T('dilemmas_h')}</h2>
      <ul>${unit.dilemmas.map((d) => html`<li key=${d.code}>${t(d, 'title')}</li>`)}</ul></section>` : null}
  </${Page}>`;
}
