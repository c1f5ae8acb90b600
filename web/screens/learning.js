// learning.js: "Leren". The curriculum (Basiscurriculum ervaringsdeskundigheid 2015 with the
// institution's own units) with, for a student or practising expert, their progress per
// unit (assignments with evidence out of those that count, signed off or not), and for a
// trainer the students of their learning groups with progress and a link to each
// portfolio. An administrator or trainer also adds the institution's own units, changes
// them and takes them out of use (after asking) or back into use; seeded units cannot be
// changed. GET /api/v1/curriculum, /portfolio/me, /learning/students,
// POST /curriculum/local-units, PATCH /curriculum/local-units/{code} (If-Match).
// Also exports the small helpers the unit and portfolio screens share.

import { html, useState, useEffect, useRef } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, lang } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import { Link } from '../lib/router.js';
import { Page, Field, ErrorBox, ErrorSummary, Empty, Loading, Status, Conflict, useLoad, useConfirm, fieldErrors } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Leren', intro: 'Het basiscurriculum ervaringsdeskundigheid, aangevuld met de eigen modules van de opleiding. Opdrachten zijn voorbeelden; de opleiding kan ze vervangen.',
    units_h: 'Modules', my_portfolio: 'Mijn portfolio', progress: '{done} van {total} opdrachten met bewijs',
    signed: 'Afgetekend', not_signed: 'Nog niet afgetekend', local: 'eigen module', inactive: 'niet in gebruik',
    students_h: 'Studenten in mijn leergroepen', students_empty: 'Er zitten nog geen studenten in uw leergroepen. Voeg ze toe bij Leergroepen.',
    student_line: '{signed} van {units} modules afgetekend · {items} bewijsstukken', open_portfolio: 'Portfolio van {name}',
    version: 'Versie van het kader: {v}', assignments: '{n} opdrachten',
    seeded: 'basiscurriculum, niet te wijzigen',
    edit_intro: 'U kunt eigen modules van de opleiding toevoegen. De modules van het basiscurriculum kunt u niet wijzigen; hun opdrachten kunt u wel vervangen, op de pagina van de module.',
    add_unit: 'Eigen module toevoegen', edit_unit: 'Module {code} wijzigen', edit: '{code} wijzigen',
    deactivate: '{code} niet meer gebruiken', activate: '{code} weer in gebruik nemen',
    deactivate_q: 'Module {code} niet meer gebruiken?',
    deactivate_body: 'De module en haar opdrachten tellen dan niet meer mee voor de voortgang. Bewijs en aftekeningen blijven bewaard. U kunt de module later weer in gebruik nemen.',
    deactivate_ok: 'Niet meer gebruiken', deactivated: 'Module {code} is niet meer in gebruik.', activated: 'Module {code} is weer in gebruik.',
    code: 'Code', code_hint: '2 tot 12 hoofdletters, cijfers of "-", beginnend met een hoofdletter, bijvoorbeeld WIJK. Niet een code van het basiscurriculum (BM1 tot en met PM4). Later niet te wijzigen.',
    title_nl: 'Titel (Nederlands)', title_en: 'Titel (Engels)', goals_nl: 'Doelen (Nederlands, optioneel)', goals_en: 'Doelen (Engels, optioneel)',
    save_new: 'Module toevoegen', save_edit: 'Wijzigingen opslaan', cancel: 'Annuleren',
    added: 'Module {code} is toegevoegd.', saved: 'Module {code} is gewijzigd.', err_required: 'Vul dit in.',
  },
  en: {
    title: 'Learning', intro: 'The basic curriculum for experience experts, with the institution\'s own units. Assignments are examples; the institution may replace them.',
    units_h: 'Units', my_portfolio: 'My portfolio', progress: '{done} of {total} assignments with evidence',
    signed: 'Signed off', not_signed: 'Not signed off yet', local: 'own unit', inactive: 'not in use',
    students_h: 'Students in my learning groups', students_empty: 'There are no students in your learning groups yet. Add them under Learning groups.',
    student_line: '{signed} of {units} units signed off · {items} pieces of evidence', open_portfolio: 'Portfolio of {name}',
    version: 'Framework version: {v}', assignments: '{n} assignments',
    seeded: 'basic curriculum, cannot be changed',
    edit_intro: 'You can add the institution\'s own units. The units of the basic curriculum cannot be changed; you can replace their assignments, on the unit\'s page.',
    add_unit: 'Add own unit', edit_unit: 'Change unit {code}', edit: 'Change {code}',
    deactivate: 'Stop using {code}', activate: 'Use {code} again',
    deactivate_q: 'Stop using unit {code}?',
    deactivate_body: 'The unit and its assignments no longer count for progress. Evidence and sign-offs are kept. You can use the unit again later.',
    deactivate_ok: 'Stop using', deactivated: 'Unit {code} is no longer in use.', activated: 'Unit {code} is in use again.',
    code: 'Code', code_hint: '2 to 12 capitals, digits or "-", starting with a capital, for example WIJK. Not a code of the basic curriculum (BM1 to PM4). Cannot be changed later.',
    title_nl: 'Title (Dutch)', title_en: 'Title (English)', goals_nl: 'Goals (Dutch, optional)', goals_en: 'Goals (English, optional)',
    save_new: 'Add unit', save_edit: 'Save changes', cancel: 'Cancel',
    added: 'Unit {code} was added.', saved: 'Unit {code} was changed.', err_required: 'Please fill this in.',
  },
});

// The Dutch or English member of a record: t(x, 'title') reads title_nl or title_en.
export function t(x, key) {
  if (!x) return '';
  return (lang() === 'en' ? x[key + '_en'] : x[key + '_nl']) || x[key + '_nl'] || '';
}

// Progress of one unit from a portfolio's progress.units.
export function unitProgress(portfolio, code) {
  const units = (portfolio && portfolio.progress && portfolio.progress.units) || [];
  return units.find((u) => u.unit === code) || null;
}

export function ProgressLine({ p }) {
  if (!p) return null;
  return html`<p class="lr-progress">
    <span>${T('progress', { done: p.assignments_with_evidence, total: p.assignments_total })}</span>
    <span class=${'badge' + (p.signed_off ? ' ok' : '')}>${p.signed_off ? T('signed') : T('not_signed')}</span>
  </p>`;
}

// Server errors keyed by a form's field names (prefix + name) when the server names one of
// `names`; null when it names another field or none (then the form shows it on top).
export function formErrors(err, prefix, names) {
  const fe = fieldErrors(err);
  const key = Object.keys(fe).find((k) => !k.startsWith('_'));
  return key && names.includes(key) ? { [prefix + key]: fe[key] } : null;
}

// A form that opens on request puts the focus in its first control.
export function useFocusFirst() {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current && ref.current.querySelector('input:not([type=hidden]), select, textarea');
    if (el) el.focus();
  }, []);
  return ref;
}

// Focus on the element with this id (the button that opened a form, or a new item's
// button) once it is drawn; waits up to two seconds for a reload to draw it.
export function refocus(id, tries = 20) {
  setTimeout(() => {
    const b = document.getElementById(id);
    if (b) b.focus(); else if (tries > 0) refocus(id, tries - 1);
  }, tries === 20 ? 0 : 100);
}

const UNIT_FIELDS = ['code', 'title_nl', 'title_en', 'goals_nl', 'goals_en'];

// The form's values of an own unit: its goals come back as one goal with both languages.
function unitValues(u) {
  const g = (u && u.goals && u.goals[0]) || {};
  return {
    code: u ? u.code : '', title_nl: u ? u.title_nl : '', title_en: u ? u.title_en : '',
    goals_nl: g.text_nl || '', goals_en: g.text_en || '', version: u ? u.version : null,
  };
}

// Add an own unit (no `unit`) or change one (with `unit`, If-Match). A 412 shows both
// versions and keeps what was typed.
function UnitForm({ unit, onDone, onCancel }) {
  const editing = !!unit;
  const p = 'unit-' + (editing ? unit.code : 'new') + '-';
  const [f, setF] = useState(() => unitValues(unit));
  const [version, setVersion] = useState(unit ? unit.version : null);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const ref = useFocusFirst();
  const set = (k) => (e) => { const v = e.target.value; setF((s) => ({ ...s, [k]: v })); };
  const labels = Object.fromEntries(UNIT_FIELDS.map((k) => [p + k, T(k)]));
  const save = async (v) => {
    const code = f.code.trim().toUpperCase();
    const body = { title_nl: f.title_nl.trim(), title_en: f.title_en.trim(), goals_nl: f.goals_nl.trim(), goals_en: f.goals_en.trim() };
    const errs = {};
    if (!editing && !code) errs[p + 'code'] = T('err_required');
    if (!body.title_nl) errs[p + 'title_nl'] = T('err_required');
    if (!body.title_en) errs[p + 'title_en'] = T('err_required');
    setErrors(errs); setErr(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const res = editing
        ? await api('PATCH', '/curriculum/local-units/' + encodeURIComponent(unit.code), body, { version: v })
        : await api('POST', '/curriculum/local-units', { code, ...body });
      onDone(res);
    } catch (x) {
      const fe = x.status === 412 ? null : formErrors(x, p, UNIT_FIELDS);
      if (fe) setErrors(fe); else setErr(x);
    } finally { setBusy(false); }
  };
  const H = editing ? 'h4' : 'h3';
  const conflict = err && err.status === 412 ? { status: 412, current: unitValues(err.current) } : null;
  return html`<form class=${editing ? 'lr-form' : 'card lr-form'} ref=${ref} aria-labelledby=${p + 'h'} novalidate
      onSubmit=${(e) => { e.preventDefault(); save(version); }}>
    <${H} id=${p + 'h'}>${editing ? T('edit_unit', { code: unit.code }) : T('add_unit')}</${H}>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${Conflict} error=${conflict} mine=${f}
      fields=${[['title_nl', T('title_nl')], ['title_en', T('title_en')], ['goals_nl', T('goals_nl')], ['goals_en', T('goals_en')]]}
      onKeepMine=${(v) => { setVersion(v); save(v); }}
      onTakeTheirs=${(theirs) => { setF(theirs); setVersion(theirs.version); setErr(null); }} />
    <${ErrorBox} error=${conflict ? null : err} />
    ${editing ? null : html`<${Field} name=${p + 'code'} label=${T('code')} hint=${T('code_hint')} required value=${f.code}
      onInput=${set('code')} error=${errors[p + 'code']} maxlength="12" autocomplete="off" />`}
    <${Field} name=${p + 'title_nl'} label=${T('title_nl')} required value=${f.title_nl} onInput=${set('title_nl')} error=${errors[p + 'title_nl']} maxlength="200" />
    <${Field} name=${p + 'title_en'} label=${T('title_en')} required value=${f.title_en} onInput=${set('title_en')} error=${errors[p + 'title_en']} maxlength="200" lang="en" />
    <${Field} as="textarea" name=${p + 'goals_nl'} label=${T('goals_nl')} value=${f.goals_nl} onInput=${set('goals_nl')} error=${errors[p + 'goals_nl']} rows="4" maxlength="4000" />
    <${Field} as="textarea" name=${p + 'goals_en'} label=${T('goals_en')} value=${f.goals_en} onInput=${set('goals_en')} error=${errors[p + 'goals_en']} rows="4" maxlength="4000" lang="en" />
    <div class="actions">
      <button type="submit" disabled=${busy}>${editing ? T('save_edit') : T('save_new')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
    </div>
  </form>`;
}

function Units({ cur, portfolio, ed }) {
  return html`<section aria-labelledby="units-h">
    <h2 id="units-h">${T('units_h')}</h2>
    ${ed ? html`<p>${T('edit_intro')}</p>
      ${ed.open === 'new' ? html`<${UnitForm} onDone=${(u) => ed.done(T('added', { code: u.code }), 'open-unit-new')} onCancel=${() => ed.close('open-unit-new')} />`
        : html`<div class="actions"><button type="button" id="open-unit-new" onClick=${() => ed.setOpen('new')}>${T('add_unit')}</button></div>`}` : null}
    <ul class="plain lr-units">
      ${cur.units.map((u) => html`<li class="card" key=${u.code}>
        <h3><${Link} href=${'/learning/units/' + encodeURIComponent(u.code)}>${u.code} · ${t(u, 'title')}</${Link}></h3>
        <p class="muted small">${T('assignments', { n: u.assignment_count })}${u.local ? ' · ' + T('local') : ''}${u.active ? '' : ' · ' + T('inactive')}${ed && !u.local ? ' · ' + T('seeded') : ''}</p>
        ${portfolio ? html`<${ProgressLine} p=${unitProgress(portfolio, u.code)} />` : null}
        ${ed && u.local ? (ed.open === u.code
          ? html`<${UnitForm} unit=${u} onDone=${() => ed.done(T('saved', { code: u.code }), 'open-unit-' + u.code)} onCancel=${() => ed.close('open-unit-' + u.code)} />`
          : html`<div class="actions">
            <button type="button" class="secondary" id=${'open-unit-' + u.code} onClick=${() => ed.setOpen(u.code)}>${T('edit', { code: u.code })}</button>
            ${u.active ? html`<button type="button" class="secondary" onClick=${() => ed.setActive(u, false)}>${T('deactivate', { code: u.code })}</button>`
              : html`<button type="button" class="secondary" onClick=${() => ed.setActive(u, true)}>${T('activate', { code: u.code })}</button>`}
          </div>`) : null}
      </li>`)}
    </ul>
  </section>`;
}

function Students() {
  const st = useLoad(() => api('GET', '/learning/students'), []);
  if (st.loading) return html`<${Loading} />`;
  if (st.error) return html`<${ErrorBox} error=${st.error} onRetry=${st.reload} />`;
  const items = st.data.items || [];
  return html`<section aria-labelledby="students-h">
    <h2 id="students-h">${T('students_h')}</h2>
    ${items.length === 0 ? html`<${Empty}>${T('students_empty')}</${Empty}>` : html`<ul class="plain lr-students">
      ${items.map((s) => html`<li class="card" key=${s.id}>
        <h3><${Link} href=${'/learning/portfolio/' + s.id}>${T('open_portfolio', { name: s.name })}</${Link}></h3>
        <p class="muted small">${s.groups}</p>
        <p>${T('student_line', { signed: s.units_signed_off, units: s.units, items: s.evidence_count })}</p>
        <p>${T('progress', { done: s.assignments_with_evidence, total: s.assignments_total })}</p>
      </li>`)}
    </ul>`}
  </section>`;
}

export function LearningScreen() {
  const learner = hasRole('student', 'expert');
  const editor = hasRole('admin', 'trainer');
  const [open, setOpen] = useState(null);
  const [status, setStatus] = useState('');
  const [err, setErr] = useState(null);
  const [ask, dialog] = useConfirm();
  const st = useLoad(async () => {
    const cur = await api('GET', '/curriculum');
    const portfolio = learner ? await api('GET', '/portfolio/me') : null;
    return { cur, portfolio };
  }, []);
  // What the unit editor needs from the screen: one form open at a time, a status line,
  // errors of (de)activating on top, and a reload after every change.
  const ed = editor ? {
    open,
    setOpen: (k) => { setOpen(k); setStatus(''); setErr(null); },
    close: (focusId) => { setOpen(null); refocus(focusId); },
    done: (msg, focusId) => { setOpen(null); setStatus(msg); st.reload(); refocus(focusId); },
    setActive: async (u, active) => {
      if (!active && !(await ask({ title: T('deactivate_q', { code: u.code }), body: T('deactivate_body'), confirm: T('deactivate_ok'), danger: true }))) return;
      setErr(null); setStatus('');
      try {
        await api('PATCH', '/curriculum/local-units/' + encodeURIComponent(u.code), { active }, { version: u.version });
        setStatus(T(active ? 'activated' : 'deactivated', { code: u.code }));
      } catch (x) { setErr(x); }
      st.reload();
    },
  } : null;
  const actions = learner ? html`<${Link} href="/learning/portfolio/me" >${T('my_portfolio')}</${Link}>` : null;
  return html`<${Page} title=${T('title')} actions=${actions}>
    <p class="tagline">${T('intro')}</p>
    ${hasRole('trainer') ? html`<${Students} />` : null}
    ${editor ? html`<${Status}>${status}</${Status}><${ErrorBox} error=${err} />` : null}
    ${st.loading && !st.data ? html`<${Loading} />` : st.error ? html`<${ErrorBox} error=${st.error} onRetry=${st.reload} />`
      : html`<${Units} cur=${st.data.cur} portfolio=${st.data.portfolio} ed=${ed} />
        <p class="muted small">${T('version', { v: st.data.cur.version })}</p>`}
    ${dialog}
  </${Page}>`;
}
