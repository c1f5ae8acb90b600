// learning-unit.js: one unit of the curriculum: goals, assignments (own and replaced ones
// marked), the competencies and dilemmas it works on, and, for a student or practising
// expert, their evidence per assignment with "Bewijs toevoegen" (a text, a link or a small
// file). A replaced assignment of the basic curriculum stays visible under "Vervangen
// opdrachten"; its replacement stands in its place. An administrator or trainer adds own
// assignments, replaces a seeded one, changes an own one, and takes it out of use (after
// asking; for a replacement that brings the original back) or back into use.
// GET /api/v1/curriculum/units/{code}, GET /curriculum (code tables), GET /portfolio/me,
// POST /portfolio/me/evidence, POST /curriculum/local-assignments,
// PATCH /curriculum/local-assignments/{code} (If-Match).

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import { Link } from '../lib/router.js';
import { Page, Field, Radios, Checks, ErrorBox, ErrorSummary, Conflict, Loading, Status, useLoad, useConfirm, fieldErrors } from '../lib/ui.js';
import { t, unitProgress, ProgressLine, formErrors, useFocusFirst, refocus } from './learning.js';

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
    replaced_h: 'Vervangen opdrachten ({n})', inactive_h: 'Eigen opdrachten niet in gebruik ({n})',
    replaced_note: 'Deze opdrachten uit het basiscurriculum zijn vervangen door een eigen opdracht van de opleiding en tellen niet mee.',
    unit_inactive: 'Deze eigen module is niet in gebruik. Neem haar weer in gebruik op de pagina Leren om opdrachten toe te voegen of te wijzigen.',
    add_as: 'Eigen opdracht toevoegen', add_as_h: 'Eigen opdracht bij {unit}', replace: '{code} vervangen', replace_h: 'Vervanger voor {code}',
    replace_hint: 'De nieuwe opdracht komt in de plaats van {code}. {code} blijft zichtbaar onder "Vervangen opdrachten" en telt niet meer mee.',
    edit: '{code} wijzigen', edit_h: '{code} wijzigen', lbl: 'Soort opdracht', output: 'Soort product', choose: 'Kies een soort product',
    comps: 'Competenties (optioneel)', text_nl: 'Opdracht (Nederlands)', text_en: 'Opdracht (Engels)',
    save_as: 'Opdracht opslaan', added_as: 'Opdracht {code} is toegevoegd.', replaced_ok: '{orig} is vervangen door {code}.', saved_as: 'Opdracht {code} is gewijzigd.',
    deactivate: '{code} niet meer gebruiken', undo: 'Vervanging {code} ongedaan maken', activate: '{code} weer in gebruik nemen',
    deactivate_q: 'Opdracht {code} niet meer gebruiken?', deactivate_body: 'De opdracht telt dan niet meer mee voor de voortgang. Bewijs dat erbij is gegeven blijft bewaard. U kunt haar later weer in gebruik nemen.',
    undo_q: 'Vervanging {code} ongedaan maken?', undo_body: '{orig} uit het basiscurriculum telt dan weer mee, in plaats van {code}. U kunt {code} later weer in gebruik nemen.',
    deactivate_ok: 'Niet meer gebruiken', undo_ok: 'Vervanging ongedaan maken',
    deactivated: 'Opdracht {code} is niet meer in gebruik.', undone: 'De vervanging is ongedaan gemaakt: {orig} telt weer mee.', activated: 'Opdracht {code} is weer in gebruik.',
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
    replaced_h: 'Replaced assignments ({n})', inactive_h: 'Own assignments not in use ({n})',
    replaced_note: 'These assignments of the basic curriculum were replaced by one of the institution\'s own and do not count.',
    unit_inactive: 'This own unit is not in use. Use it again on the Learning page to add or change assignments.',
    add_as: 'Add own assignment', add_as_h: 'Own assignment for {unit}', replace: 'Replace {code}', replace_h: 'Replacement for {code}',
    replace_hint: 'The new assignment takes the place of {code}. {code} stays visible under "Replaced assignments" and no longer counts.',
    edit: 'Change {code}', edit_h: 'Change {code}', lbl: 'Kind of assignment', output: 'Kind of output', choose: 'Choose a kind of output',
    comps: 'Competencies (optional)', text_nl: 'Assignment (Dutch)', text_en: 'Assignment (English)',
    save_as: 'Save assignment', added_as: 'Assignment {code} was added.', replaced_ok: '{orig} was replaced by {code}.', saved_as: 'Assignment {code} was changed.',
    deactivate: 'Stop using {code}', undo: 'Undo replacement {code}', activate: 'Use {code} again',
    deactivate_q: 'Stop using assignment {code}?', deactivate_body: 'The assignment no longer counts for progress. Evidence given for it is kept. You can use it again later.',
    undo_q: 'Undo replacement {code}?', undo_body: '{orig} of the basic curriculum counts again, instead of {code}. You can use {code} again later.',
    deactivate_ok: 'Stop using', undo_ok: 'Undo replacement',
    deactivated: 'Assignment {code} is no longer in use.', undone: 'The replacement was undone: {orig} counts again.', activated: 'Assignment {code} is in use again.',
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

const AS_FIELDS = ['label', 'output', 'competencies', 'text_nl', 'text_en'];
const pick = (a) => ({
  label: (a && a.label) || 'opdracht', output: (a && a.output) || '', competencies: (a && a.competencies) || [],
  text_nl: (a && a.text_nl) || '', text_en: (a && a.text_en) || '',
});
const btnId = (key) => 'open-' + key.replace(':', '-');

// An own assignment: new in the unit (mode 'new'), standing in for the seeded `a`
// ('replace', starting from its text and codes) or a change of the own `a` ('edit',
// If-Match; a 412 shows both versions and keeps what was typed).
function AssignmentForm({ mode, a, unit, cur, onDone, onCancel }) {
  const p = 'as-' + (a ? a.code : 'new') + '-';
  const [f, setF] = useState(() => pick(a));
  const [version, setVersion] = useState(mode === 'edit' ? a.version : null);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const ref = useFocusFirst();
  const set = (k) => (e) => { const v = e && e.target ? e.target.value : e; setF((s) => ({ ...s, [k]: v })); };
  const labels = { [p + 'label']: T('lbl'), [p + 'output']: T('output'), [p + 'competencies']: T('comps'), [p + 'text_nl']: T('text_nl'), [p + 'text_en']: T('text_en') };
  const save = async (v) => {
    const body = { label: f.label, output: f.output, competencies: f.competencies, text_nl: f.text_nl.trim(), text_en: f.text_en.trim() };
    const errs = {};
    if (!body.output) errs[p + 'output'] = T('err_required');
    if (!body.text_nl) errs[p + 'text_nl'] = T('err_required');
    if (!body.text_en) errs[p + 'text_en'] = T('err_required');
    setErrors(errs); setErr(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const res = mode === 'edit'
        ? await api('PATCH', '/curriculum/local-assignments/' + encodeURIComponent(a.code), body, { version: v })
        : await api('POST', '/curriculum/local-assignments', { unit: unit.code, ...(mode === 'replace' ? { replaces: a.code } : {}), ...body });
      onDone(res);
    } catch (x) {
      const fe = x.status === 412 ? null : formErrors(x, p, AS_FIELDS);
      if (fe) setErrors(fe); else setErr(x);
    } finally { setBusy(false); }
  };
  const H = mode === 'new' ? 'h3' : 'h4'; // under "Opdrachten", or inside an assignment
  const heading = mode === 'new' ? T('add_as_h', { unit: unit.code }) : mode === 'replace' ? T('replace_h', { code: a.code }) : T('edit_h', { code: a.code });
  return html`<form class="card lr-form" ref=${ref} aria-labelledby=${p + 'h'} novalidate
      onSubmit=${(e) => { e.preventDefault(); save(version); }}>
    <${H} id=${p + 'h'}>${heading}</${H}>
    ${mode === 'replace' ? html`<p class="hint">${T('replace_hint', { code: a.code })}</p>` : null}
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${Conflict} error=${err && err.status === 412 ? err : null} mine=${f}
      fields=${[['text_nl', T('text_nl')], ['text_en', T('text_en')], ['output', T('output')], ['label', T('lbl')], ['competencies', T('comps')]]}
      onKeepMine=${(v2) => { setVersion(v2); save(v2); }}
      onTakeTheirs=${(theirs) => { setF(pick(theirs)); setVersion(theirs.version); setErr(null); }} />
    <${ErrorBox} error=${err && err.status !== 412 ? err : null} />
    <${Field} as="textarea" name=${p + 'text_nl'} label=${T('text_nl')} required value=${f.text_nl} onInput=${set('text_nl')} error=${errors[p + 'text_nl']} rows="3" maxlength="500" />
    <${Field} as="textarea" name=${p + 'text_en'} label=${T('text_en')} required value=${f.text_en} onInput=${set('text_en')} error=${errors[p + 'text_en']} rows="3" maxlength="500" lang="en" />
    <${Field} as="select" name=${p + 'output'} label=${T('output')} required value=${f.output} onChange=${set('output')} error=${errors[p + 'output']}
      options=${[{ value: '', label: T('choose') }, ...cur.outputs.map((o) => ({ value: o.code, label: t(o, 'label') }))]} />
    <${Field} as="select" name=${p + 'label'} label=${T('lbl')} value=${f.label} onChange=${set('label')} error=${errors[p + 'label']}
      options=${cur.labels.map((o) => ({ value: o.code, label: t(o, 'label') }))} />
    <${Checks} name=${p + 'competencies'} legend=${T('comps')} value=${f.competencies} onChange=${set('competencies')} error=${errors[p + 'competencies']}
      options=${cur.competencies.map((c) => ({ value: c.code, label: c.code + ' · ' + t(c, 'title') }))} />
    <div class="actions">
      <button type="submit" disabled=${busy}>${T('save_as')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
    </div>
  </form>`;
}

// The editor's buttons under an assignment, or its open form.
function AssignmentTools({ a, ed }) {
  const key = (a.local ? 'edit:' : 'replace:') + a.code;
  if (ed.open === key) {
    return html`<${AssignmentForm} mode=${a.local ? 'edit' : 'replace'} a=${a} unit=${ed.unit} cur=${ed.cur}
      onDone=${(res) => ed.done(a.local ? T('saved_as', { code: a.code }) : T('replaced_ok', { orig: a.code, code: res.code }), btnId('edit:' + res.code))}
      onCancel=${() => ed.close(btnId(key))} />`;
  }
  if (!a.local) {
    return a.replaced_by ? null : html`<div class="actions"><button type="button" class="secondary" id=${btnId(key)}
      onClick=${() => ed.setOpen(key)}>${T('replace', { code: a.code })}</button></div>`;
  }
  return html`<div class="actions">
    <button type="button" class="secondary" id=${btnId(key)} onClick=${() => ed.setOpen(key)}>${T('edit', { code: a.code })}</button>
    ${a.active ? html`<button type="button" class="secondary" onClick=${() => ed.setActive(a, false)}>${a.replaces ? T('undo', { code: a.code }) : T('deactivate', { code: a.code })}</button>`
      : html`<button type="button" class="secondary" onClick=${() => ed.setActive(a, true)}>${T('activate', { code: a.code })}</button>`}
  </div>`;
}

function Assignment({ a, mine, learner, open, setOpen, onSaved, ed }) {
  const items = mine.filter((e) => e.assignments.includes(a.code));
  const tags = [a.local ? T('local') : null, a.replaced_by ? T('replaced', { code: a.replaced_by }) : null,
    a.replaces ? T('replaces', { code: a.replaces }) : null, a.active ? null : T('inactive')].filter(Boolean);
  return html`<li class=${'card lr-assignment' + (a.counts ? '' : ' muted')} id=${'a-' + a.code}>
    <h3>${a.code}</h3>
    <p>${t(a, 'text')}</p>
    <p class="muted small">${[...tags, a.source ? T('source', { s: a.source }) : null].filter(Boolean).join(' · ')}</p>
    ${learner && (a.counts || items.length) ? html`<div class="lr-mine">
      <h4>${T('my_evidence')}</h4>
      ${items.length ? html`<ul>${items.map((e) => html`<li key=${e.id}>${e.title}</li>`)}</ul>` : html`<p class="muted">${T('none_yet')}</p>`}
      ${!a.counts ? null : open === a.code ? html`<${EvidenceForm} code=${a.code} onSaved=${onSaved} onCancel=${() => setOpen(null)} />`
        : html`<button type="button" class="secondary" onClick=${() => setOpen(a.code)}>${T('add', { code: a.code })}</button>`}
    </div>` : null}
    ${ed ? html`<${AssignmentTools} a=${a} ed=${ed} />` : null}
  </li>`;
}

// The unit's assignments as shown: a replacement in the place of the seeded one it
// replaces; the replaced ones and own ones not in use each in a list of their own.
function arrange(assignments) {
  const byCode = Object.fromEntries(assignments.map((a) => [a.code, a]));
  const shown = [], replaced = [], inactive = [];
  for (const a of assignments) {
    if (!a.local) {
      const by = a.replaced_by && byCode[a.replaced_by];
      if (by) { shown.push(by); replaced.push(a); } else shown.push(a);
    } else if (!a.active) inactive.push(a);
    else if (!(a.replaces && byCode[a.replaces] && byCode[a.replaces].replaced_by === a.code)) shown.push(a);
  }
  return { shown, replaced, inactive };
}

export function LearningUnitScreen({ params }) {
  const code = params.code;
  const learner = hasRole('student', 'expert');
  const editor = hasRole('admin', 'trainer');
  const [open, setOpen] = useState(null);
  const [edOpen, setEdOpen] = useState(null); // 'new', 'replace:<code>', 'edit:<code>'
  const [status, setStatus] = useState('');
  const [err, setErr] = useState(null);
  const [ask, dialog] = useConfirm();
  const st = useLoad(async () => {
    const [unit, portfolio, cur] = await Promise.all([
      api('GET', '/curriculum/units/' + encodeURIComponent(code)),
      learner ? api('GET', '/portfolio/me') : null,
      editor ? api('GET', '/curriculum') : null,
    ]);
    return { unit, portfolio, cur };
  }, [code]);
  if (st.loading && !st.data) return html`<${Page} title=${code}><${Loading} /></${Page}>`;
  if (st.error) return html`<${Page} title=${code}><${ErrorBox} error=${st.error} onRetry=${st.reload} /></${Page}>`;
  const { unit, portfolio, cur } = st.data;
  const mine = portfolio ? portfolio.evidence : [];
  const saved = () => { setOpen(null); setStatus(T('saved')); st.reload(); };
  const unitOff = unit.local && !unit.active;
  const ed = editor && !unitOff ? {
    open: edOpen, unit, cur,
    setOpen: (k) => { setEdOpen(k); setStatus(''); setErr(null); },
    close: (focusId) => { setEdOpen(null); refocus(focusId); },
    done: (msg, focusId) => { setEdOpen(null); setStatus(msg); st.reload(); refocus(focusId); },
    setActive: async (a, active) => {
      const undo = a.replaces && !active;
      if (!active && !(await ask(undo
        ? { title: T('undo_q', { code: a.code }), body: T('undo_body', { code: a.code, orig: a.replaces }), confirm: T('undo_ok'), danger: true }
        : { title: T('deactivate_q', { code: a.code }), body: T('deactivate_body'), confirm: T('deactivate_ok'), danger: true }))) return;
      setErr(null); setStatus(''); setEdOpen(null);
      try {
        await api('PATCH', '/curriculum/local-assignments/' + encodeURIComponent(a.code), { active }, { version: a.version });
        setStatus(undo ? T('undone', { orig: a.replaces }) : T(active ? 'activated' : 'deactivated', { code: a.code }));
      } catch (x) { setErr(x); }
      st.reload();
      refocus('as-h');
    },
  } : null;
  const { shown, replaced, inactive } = arrange(unit.assignments);
  const item = (a) => html`<${Assignment} key=${a.code} a=${a} mine=${mine} learner=${learner}
    open=${open} setOpen=${setOpen} onSaved=${saved} ed=${ed} />`;
  return html`<${Page} title=${unit.code + ' · ' + t(unit, 'title')}>
    <p><${Link} href="/learning">${T('back')}</${Link}>${learner ? html` · <${Link} href="/learning/portfolio/me">${T('to_portfolio')}</${Link}>` : null}</p>
    ${portfolio ? html`<${ProgressLine} p=${unitProgress(portfolio, unit.code)} />` : null}
    <${Status}>${status}</${Status}>
    <${ErrorBox} error=${err} />
    ${editor && unitOff ? html`<p><strong>${T('unit_inactive')}</strong></p>` : null}
    <section aria-labelledby="goals-h"><h2 id="goals-h">${T('goals_h')}</h2>
      <ol>${unit.goals.map((g) => html`<li key=${g.n}>${t(g, 'text')}</li>`)}</ol></section>
    <section aria-labelledby="as-h"><h2 id="as-h" tabindex="-1">${T('assignments_h')}</h2>
      <ul class="plain">${shown.map(item)}</ul>
      ${ed ? (edOpen === 'new'
        ? html`<${AssignmentForm} mode="new" unit=${unit} cur=${cur}
            onDone=${(res) => ed.done(T('added_as', { code: res.code }), btnId('edit:' + res.code))} onCancel=${() => ed.close(btnId('new'))} />`
        : html`<div class="actions"><button type="button" id=${btnId('new')} onClick=${() => ed.setOpen('new')}>${T('add_as')}</button></div>`) : null}
      ${replaced.length ? html`<details class="lr-replaced">
        <summary>${T('replaced_h', { n: replaced.length })}</summary>
        <p class="muted small">${T('replaced_note')}</p>
        <ul class="plain">${replaced.map(item)}</ul>
      </details>` : null}
      ${inactive.length ? html`<details class="lr-inactive">
        <summary>${T('inactive_h', { n: inactive.length })}</summary>
        <ul class="plain">${inactive.map(item)}</ul>
      </details>` : null}
    </section>
    ${unit.competencies && unit.competencies.length ? html`<section aria-labelledby="comp-h"><h2 id="comp-h">${T('comps_h')}</h2>
      <ul class="plain">${unit.competencies.map((c) => html`<li key=${c.code}><strong>${c.code} · ${t(c, 'title')}</strong>
        ${c.indicators.length ? html`<ul>${c.indicators.map((i) => html`<li key=${i.n}>${t(i, 'text')}</li>`)}</ul>` : null}</li>`)}</ul></section>` : null}
    ${unit.dilemmas && unit.dilemmas.length ? html`<section aria-labelledby="dil-h"><h2 id="dil-h">${T('dilemmas_h')}</h2>
      <ul>${unit.dilemmas.map((d) => html`<li key=${d.code}>${t(d, 'title')}</li>`)}</ul></section>` : null}
    ${dialog}
  </${Page}>`;
}
