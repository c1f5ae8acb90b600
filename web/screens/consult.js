// consult.js: "Consult vastleggen". A quick entry for the questions colleagues bring to an
// experience expert (in the corridor, by phone, in a case discussion): asker, formal or
// informal, channel, theme, a short summary, what the expert did and the minutes spent.
// Built to take under 15 seconds with the keyboard: the first field has focus, Enter
// submits (Shift+Enter is a new line in the summary), and after saving the form clears,
// "Opgeslagen" is announced and the entry appears in "Mijn recente consulten" below.
// A second section records case discussions (casusbesprekingen) and their outcome.
//
// Colleague list: GET /api/v1/colleagues (active generalists, experts and coordinators of
// the organisation, names and roles only) fills the asker choice and the names in the log.

import { html, useState, useEffect, useRef } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, today } from '../lib/i18n.js';
import { me, hasRole } from '../lib/session.js';
import { label, options } from '../lib/vocab.js';
import { Link } from '../lib/router.js';
import {
  Page, Field, Checks, Radios, ErrorBox, ErrorSummary, fieldErrors, More, Status, Loading, Empty,
} from '../lib/ui.js';

const SUMMARY_MAX = 2000;

const T = strings({
  nl: {
    title: 'Consult vastleggen', required: 'verplicht',
    intro: 'Leg kort vast welke vraag een collega u stelde en wat u ermee deed. Enter slaat op.',
    consult_h: 'Nieuw consult',
    asker: 'Wie vroeg het?', asker_none: '— Niet vastleggen —',
    asker_hint: 'Optioneel. Typ de eerste letters van de naam om snel te kiezen.',
    formal: 'Hoe werd het gevraagd?', informal_opt: 'Informeel (wandelgang, telefoon, app)',
    formal_opt: 'Formeel (casusbespreking, afspraak)',
    channel: 'Kanaal', theme: 'Thema', choose: '— Kies —',
    group_themes: 'Algemene thema\'s', group_areas: 'Ervaringsgebieden',
    summary: 'Vraag en antwoord in het kort',
    summary_hint: 'Een paar regels, zonder namen van cliënten. Enter slaat op, Shift+Enter geeft een nieuwe regel.',
    count: '{n} van {max} tekens',
    response: 'Wat heeft u gedaan?', r_advice: 'Advies of tips gegeven',
    r_joined_conversation: 'Aangesloten bij een gesprek', r_became_request: 'Werd een aanvraag voor inzet',
    minutes: 'Tijd (minuten)', dossier: 'Dossier koppelen (optioneel)', dossier_none: '— Geen dossier —',
    dossier_hint: 'Alleen als het consult over één cliënt ging. Het consult hoort dan bij het dossier en telt als cliëntgegevens.',
    dossier_of: 'Cliënt {code}', dossier_opened: 'dossier sinds {date}',
    save: 'Consult opslaan', saving: 'Bezig met opslaan…', saved: 'Opgeslagen',
    no_expert: 'Alleen ervaringsdeskundigen leggen consulten vast. Hieronder kunt u wel een casusbespreking vastleggen.',
    err_required: 'Vul dit in.', err_choose: 'Kies een {what}.', err_long: 'Maximaal {max} tekens; nu {n}.',
    err_minutes: 'Een heel getal van 0 tot 1440.',
    recent_h: 'Mijn recente consulten', team_view: 'Toon het logboek van het hele expertteam (zonder tekst)',
    recent_empty: 'U heeft nog geen consulten vastgelegd.', team_empty: 'Het expertteam heeft nog geen consulten vastgelegd.',
    asked_by: 'Gevraagd door {name}', a_colleague: 'een collega', by: 'Vastgelegd door {name}',
    formal_tag: 'formeel', informal_tag: 'informeel', min: '{n} min.', no_text: 'Tekst alleen zichtbaar voor de ervaringsdeskundige zelf.',
    to_dossier: 'Naar het gekoppelde dossier',
    cd_h: 'Casusbespreking vastleggen',
    cd_intro: 'Was u bij een casusbespreking van generalisten of van het expertteam? Leg vast wie er waren en wat eruit kwam.',
    cd_date: 'Datum', cd_experts: 'Aanwezige ervaringsdeskundigen', cd_summary: 'Samenvatting (optioneel)',
    cd_summary_hint: 'Kort en zonder namen van cliënten.',
    cd_dossier_hint: 'Alleen als de bespreking over één cliënt ging. Ze hoort dan bij het dossier en telt als cliëntgegevens.',
    cd_outcome: 'Uitkomst', o_expert_joins: 'Een ervaringsdeskundige sluit aan', o_advice: 'Advies gegeven', o_none: 'Geen vervolg',
    cd_save: 'Casusbespreking opslaan', cd_list_h: 'Mijn casusbesprekingen',
    cd_empty: 'Nog geen casusbesprekingen waarbij u was of die u vastlegde.',
    cd_present: 'Aanwezig: {names}', nobody: 'niemand vastgelegd', me_suffix: '{name} (ikzelf)',
  },
  en: {
    title: 'Log a consultation', required: 'required',
    intro: 'Briefly record the question a colleague asked you and what you did with it. Enter saves.',
    consult_h: 'New consultation',
    asker: 'Who asked?', asker_none: '— Do not record —',
    asker_hint: 'Optional. Type the first letters of the name to choose quickly.',
    formal: 'How was it asked?', informal_opt: 'Informally (corridor, phone, app)',
    formal_opt: 'Formally (case discussion, appointment)',
    channel: 'Channel', theme: 'Theme', choose: '— Choose —',
    group_themes: 'Generic themes', group_areas: 'Experience areas',
    summary: 'Question and answer in brief',
    summary_hint: 'A few lines, without client names. Enter saves, Shift+Enter starts a new line.',
    count: '{n} of {max} characters',
    response: 'What did you do?', r_advice: 'Gave advice or tips',
    r_joined_conversation: 'Joined a conversation', r_became_request: 'Became a request for deployment',
    minutes: 'Time (minutes)', dossier: 'Link a dossier (optional)', dossier_none: '— No dossier —',
    dossier_hint: 'Only when the consultation was about one client. It then belongs to the dossier and counts as client data.',
    dossier_of: 'Client {code}', dossier_opened: 'dossier since {date}',
    save: 'Save consultation', saving: 'Saving…', saved: 'Saved',
    no_expert: 'Only experience experts log consultations. You can record a case discussion below.',
    err_required: 'Please fill this in.', err_choose: 'Choose a {what}.', err_long: 'At most {max} characters; now {n}.',
    err_minutes: 'A whole number from 0 to 1440.',
    recent_h: 'My recent consultations', team_view: 'Show the whole expert team\'s log (without text)',
    recent_empty: 'You have not logged any consultations yet.', team_empty: 'The expert team has not logged any consultations yet.',
    asked_by: 'Asked by {name}', a_colleague: 'a colleague', by: 'Logged by {name}',
    formal_tag: 'formal', informal_tag: 'informal', min: '{n} min.', no_text: 'Text visible only to the expert who logged it.',
    to_dossier: 'To the linked dossier',
    cd_h: 'Record a case discussion',
    cd_intro: 'Did you attend a case discussion of generalists or of the expert team? Record who was there and what came of it.',
    cd_date: 'Date', cd_experts: 'Experience experts present', cd_summary: 'Summary (optional)',
    cd_summary_hint: 'Brief and without client names.',
    cd_dossier_hint: 'Only when the discussion was about one client. It then belongs to the dossier and counts as client data.',
    cd_outcome: 'Outcome', o_expert_joins: 'An experience expert joins', o_advice: 'Advice given', o_none: 'No follow-up',
    cd_save: 'Save case discussion', cd_list_h: 'My case discussions',
    cd_empty: 'No case discussions yet that you attended or recorded.',
    cd_present: 'Present: {names}', nobody: 'nobody recorded', me_suffix: '{name} (me)',
  },
});

const RESPONSES = ['advice', 'joined_conversation', 'became_request'];
const OUTCOMES = ['expert_joins', 'advice', 'none'];

// A theme is a generic theme or an experience area.
function themeLabel(code) {
  if (options('generic_theme', { includeInactive: true }).some((o) => o.value === code)) return label('generic_theme', code);
  return label('experience_area', code);
}

// Every page of a small list (the expert directory).
async function all(path) {
  let after; const items = [];
  for (let i = 0; i < 20; i++) {
    const page = await api('GET', path, null, { query: { limit: 200, after } });
    items.push(...(page.items || []));
    if (!page.next) break;
    after = page.next;
  }
  return items;
}

// A cursor-paginated list shown with More; new entries can be put on top.
function usePaged(path, query) {
  const [st, setSt] = useState({ items: [], next: null, done: false, loading: true, error: null, first: true });
  const key = path + JSON.stringify(query || {});
  const load = async (after, reset) => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await api('GET', path, null, { query: { ...(query || {}), limit: 20, after } });
      setSt((s) => ({
        items: reset ? page.items || [] : [...s.items, ...(page.items || [])],
        next: page.next, done: !page.next, loading: false, error: null, first: false,
      }));
    } catch (error) {
      setSt((s) => ({ ...s, loading: false, error, first: false }));
    }
  };
  useEffect(() => { setSt({ items: [], next: null, done: false, loading: true, error: null, first: true }); load(undefined, true); }, [key]);
  return {
    ...st,
    more: () => load(st.next, false),
    retry: () => load(undefined, true),
    prepend: (item) => setSt((s) => ({ ...s, items: [item, ...s.items.filter((x) => x.id !== item.id)] })),
  };
}

// A select with option groups, tied to its label, hint and error like ui.js Field.
function GroupSelect({ name, label: lbl, hint, error, required, groups, value, onChange, placeholder }) {
  const id = 'f-' + name;
  const hintId = hint ? id + '-hint' : undefined;
  const errId = error ? id + '-err' : undefined;
  return html`<div class=${'field' + (error ? ' has-error' : '')}>
    <label for=${id}>${lbl}${required ? html` <span class="req">(${T('required')})</span>` : null}</label>
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${errId}>${error}</p>` : null}
    <select id=${id} name=${name} required=${required} value=${value} onChange=${(e) => onChange(e.target.value)}
      aria-invalid=${error ? 'true' : undefined} aria-describedby=${[hintId, errId].filter(Boolean).join(' ') || undefined}>
      <option value="">${placeholder}</option>
      ${groups.map((g) => html`<optgroup label=${g.label}>
        ${g.options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
      </optgroup>`)}
    </select>
  </div>`;
}

function dossierLabel(d) {
  const who = d.client_code ? T('dossier_of', { code: d.client_code }) : '';
  const since = T('dossier_opened', { date: fmtDate(d.opened_on) });
  return who ? `${who}, ${since}` : since;
}

const EMPTY_CONSULT = () => ({
  asker_id: '', formal: 'informal', channel: '', theme: '', summary: '', response: 'advice', minutes: '15', dossier_id: '',
});

function checkConsult(f) {
  const e = {};
  if (!f.channel) e.channel = T('err_choose', { what: T('channel').toLowerCase() });
  if (!f.theme) e.theme = T('err_choose', { what: T('theme').toLowerCase() });
  if (!f.summary.trim()) e.summary = T('err_required');
  else if (f.summary.length > SUMMARY_MAX) e.summary = T('err_long', { max: SUMMARY_MAX, n: f.summary.length });
  if (!RESPONSES.includes(f.response)) e.response = T('err_required');
  const m = f.minutes.trim();
  if (m !== '' && !(/^\d+$/.test(m) && Number(m) <= 1440)) e.minutes = T('err_minutes');
  return e;
}

function ConsultForm({ experts, people, dossiers, onSaved }) {
  const [f, setF] = useState(EMPTY_CONSULT);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const formRef = useRef(null);
  const set = (k) => (v) => setF((s) => ({ ...s, [k]: v }));
  const focusFirst = () => {
    const el = formRef.current && formRef.current.querySelector('#f-asker_id');
    if (el) el.focus();
  };
  // After the Page has put focus on its heading: the first field takes it.
  useEffect(() => { const t = setTimeout(focusFirst, 0); return () => clearTimeout(t); }, []);

  const me_ = me();
  const colleagues = (people || experts).filter((x) => x.id !== me_.id);
  const labels = {
    asker_id: T('asker'), formal: T('formal'), channel: T('channel'), theme: T('theme'), summary: T('summary'),
    response: T('response'), minutes: T('minutes'), dossier_id: T('dossier'), held_on: T('cd_date'),
  };

  const submit = async (e) => {
    if (e) e.preventDefault();
    if (busy) return;
    setStatus(''); setErr(null);
    const local = checkConsult(f);
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const body = {
      channel: f.channel, theme: f.theme, summary: f.summary.trim(), response: f.response,
      formal: f.formal === 'formal', minutes: f.minutes.trim() === '' ? 0 : Number(f.minutes),
    };
    if (f.asker_id) body.asker_id = f.asker_id;
    if (f.dossier_id) body.dossier_id = f.dossier_id;
    try {
      const saved = await api('POST', '/consultations', body);
      setF(EMPTY_CONSULT());
      setErrors({});
      setStatus(T('saved'));
      onSaved(saved);
      setTimeout(focusFirst, 0);
    } catch (x) {
      const fe = fieldErrors(x);
      if (x.field) setErrors(fe); else setErr(x);
    } finally {
      setBusy(false);
    }
  };

  // Enter saves from anywhere in the form, also from a select; Shift+Enter in the summary
  // is a new line.
  const onKeyDown = (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    const tag = e.target.tagName;
    if (tag === 'BUTTON' || tag === 'A') return;
    if (tag === 'TEXTAREA' && e.shiftKey) return;
    if (tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'INPUT') { e.preventDefault(); submit(); }
  };

  const n = f.summary.length;
  return html`<form ref=${formRef} class="cps-quick" onSubmit=${submit} onKeyDown=${onKeyDown} noValidate aria-labelledby="consult-h">
    <h2 id="consult-h">${T('consult_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${ErrorBox} error=${err} />
    <${Field} as="select" name="asker_id" label=${T('asker')} hint=${T('asker_hint')} error=${errors.asker_id}
      value=${f.asker_id} onChange=${(e) => set('asker_id')(e.target.value)}
      options=${[{ value: '', label: T('asker_none') }, ...colleagues.map((x) => ({ value: x.id, label: x.name }))]} />
    <${Radios} name="formal" legend=${T('formal')} value=${f.formal} onChange=${set('formal')} error=${errors.formal}
      options=${[{ value: 'informal', label: T('informal_opt') }, { value: 'formal', label: T('formal_opt') }]} />
    <div class="cps-pair">
      <${Field} as="select" name="channel" label=${T('channel')} required error=${errors.channel}
        value=${f.channel} onChange=${(e) => set('channel')(e.target.value)}
        options=${[{ value: '', label: T('choose') }, ...options('channel')]} />
      <${GroupSelect} name="theme" label=${T('theme')} required error=${errors.theme} value=${f.theme}
        onChange=${set('theme')} placeholder=${T('choose')}
        groups=${[{ label: T('group_themes'), options: options('generic_theme') }, { label: T('group_areas'), options: options('experience_area') }]} />
    </div>
    <${Field} as="textarea" name="summary" label=${T('summary')} hint=${T('summary_hint')} required rows="3"
      error=${errors.summary} value=${f.summary} onInput=${(e) => set('summary')(e.target.value)}>
      <p class=${'cps-count small' + (n > SUMMARY_MAX ? ' cps-over' : ' muted')}>${T('count', { n, max: SUMMARY_MAX })}</p>
    </${Field}>
    <${Radios} name="response" legend=${T('response')} required value=${f.response} onChange=${set('response')} error=${errors.response}
      options=${RESPONSES.map((r) => ({ value: r, label: T('r_' + r) }))} />
    <div class="cps-pair">
      <${Field} name="minutes" type="number" inputmode="numeric" min="0" max="1440" step="5" label=${T('minutes')}
        error=${errors.minutes} value=${f.minutes} onInput=${(e) => set('minutes')(e.target.value)} />
      ${dossiers.length ? html`<${Field} as="select" name="dossier_id" label=${T('dossier')} hint=${T('dossier_hint')}
        error=${errors.dossier_id} value=${f.dossier_id} onChange=${(e) => set('dossier_id')(e.target.value)}
        options=${[{ value: '', label: T('dossier_none') }, ...dossiers.map((d) => ({ value: d.id, label: dossierLabel(d) }))]} />` : null}
    </div>
    ${errors.held_on ? html`<p class="field-error" id="f-held_on">${errors.held_on}</p>` : null}
    <div class="actions"><button type="submit" disabled=${busy}>${busy ? T('saving') : T('save')}</button></div>
    <${Status}>${status}</${Status}>
  </form>`;
}

function ConsultList({ names, team, items }) {
  const nameOf = (id) => names.get(id) || T('a_colleague');
  return html`<ul class="plain cps-entries">
    ${items.map((c) => html`<li key=${c.id}>
      <p class="cps-entry-head"><strong>${themeLabel(c.theme)}</strong>
        <span class="muted"> · ${fmtDate(c.held_on)}</span></p>
      <p class="cps-entry-meta small">
        <span class="badge">${label('channel', c.channel)}</span>
        <span class="badge">${c.formal ? T('formal_tag') : T('informal_tag')}</span>
        <span class="badge ok">${T('r_' + c.response)}</span>
        <span class="badge">${T('min', { n: c.minutes })}</span>
        ${team ? html`<span>${T('by', { name: nameOf(c.expert_id) })}</span>` : null}
        ${!team && c.asker_id ? html`<span>${T('asked_by', { name: nameOf(c.asker_id) })}</span>` : null}
      </p>
      ${c.summary ? html`<p class="cps-text">${c.summary}</p>` : team ? html`<p class="muted small">${T('no_text')}</p>` : null}
      ${c.dossier_id && !team ? html`<p class="small"><${Link} href=${'/dossiers/' + c.dossier_id}>${T('to_dossier')}</${Link}></p>` : null}
    </li>`)}
  </ul>`;
}

function Recent({ names, listRef }) {
  const coordinator = hasRole('coordinator');
  const [team, setTeam] = useState(!hasRole('expert') && coordinator);
  const list = usePaged('/consultations', team ? { all: 1 } : {});
  // The team view never shows text, also not for an entry just saved.
  listRef.current = { prepend: (c) => list.prepend(team ? { ...c, summary: null } : c) };
  return html`<section aria-labelledby="recent-h" class="cps-section">
    <h2 id="recent-h">${T('recent_h')}</h2>
    ${coordinator ? html`<label class="check cps-toggle"><input type="checkbox" checked=${team}
      onChange=${(e) => setTeam(e.target.checked)} /><span>${T('team_view')}</span></label>` : null}
    ${list.first ? html`<${Loading} />`
      : list.error && !list.items.length ? html`<${ErrorBox} error=${list.error} onRetry=${list.retry} />`
      : !list.items.length ? html`<${Empty}>${team ? T('team_empty') : T('recent_empty')}</${Empty}>`
      : html`<${ConsultList} names=${names} team=${team} items=${list.items} />
        ${list.error ? html`<${ErrorBox} error=${list.error} onRetry=${list.more} />` : null}
        <${More} onMore=${list.more} loading=${list.loading} done=${list.done} />`}
  </section>`;
}

function CaseForm({ experts, dossiers, onSaved }) {
  const mine = me();
  const blank = () => ({ held_on: today(), expert_ids: hasRole('expert') ? [mine.id] : [], summary: '', outcome: '', dossier_id: '' });
  const [f, setF] = useState(blank);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const set = (k) => (v) => setF((s) => ({ ...s, [k]: v }));
  const labels = {
    cd_held_on: T('cd_date'), cd_expert_ids: T('cd_experts'), cd_summary: T('cd_summary'),
    cd_outcome: T('cd_outcome'), cd_dossier_id: T('dossier'),
  };
  const submit = async (e) => {
    e.preventDefault();
    setStatus(''); setErr(null);
    const local = {};
    if (!f.held_on) local.cd_held_on = T('err_required');
    if (!OUTCOMES.includes(f.outcome)) local.cd_outcome = T('err_choose', { what: T('cd_outcome').toLowerCase() });
    if (f.summary.length > SUMMARY_MAX) local.cd_summary = T('err_long', { max: SUMMARY_MAX, n: f.summary.length });
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const body = { held_on: f.held_on, outcome: f.outcome, expert_ids: f.expert_ids };
    if (f.summary.trim()) body.summary = f.summary.trim();
    if (f.dossier_id) body.dossier_id = f.dossier_id;
    try {
      const saved = await api('POST', '/case-discussions', body);
      setF(blank()); setErrors({}); setStatus(T('saved'));
      onSaved(saved);
    } catch (x) {
      if (x.field) {
        const fe = fieldErrors(x);
        const out = {};
        for (const [k, v] of Object.entries(fe)) if (!k.startsWith('_')) out['cd_' + k] = v;
        setErrors(out);
      } else setErr(x);
    } finally { setBusy(false); }
  };
  const expertOpts = experts.map((x) => ({ value: x.id, label: x.id === mine.id ? T('me_suffix', { name: x.name }) : x.name }));
  return html`<form onSubmit=${submit} noValidate aria-labelledby="cd-h" class="cps-quick">
    <h2 id="cd-h">${T('cd_h')}</h2>
    <p class="muted">${T('cd_intro')}</p>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${ErrorBox} error=${err} />
    <${Field} name="cd_held_on" type="date" label=${T('cd_date')} required max=${today()} error=${errors.cd_held_on}
      value=${f.held_on} onInput=${(e) => set('held_on')(e.target.value)} />
    <${Checks} name="cd_expert_ids" legend=${T('cd_experts')} options=${expertOpts} value=${f.expert_ids}
      onChange=${set('expert_ids')} error=${errors.cd_expert_ids} />
    <${Field} as="textarea" name="cd_summary" label=${T('cd_summary')} hint=${T('cd_summary_hint')} rows="3"
      error=${errors.cd_summary} value=${f.summary} onInput=${(e) => set('summary')(e.target.value)} />
    <${Radios} name="cd_outcome" legend=${T('cd_outcome')} required value=${f.outcome} onChange=${set('outcome')}
      error=${errors.cd_outcome} options=${OUTCOMES.map((o) => ({ value: o, label: T('o_' + o) }))} />
    ${dossiers.length ? html`<${Field} as="select" name="cd_dossier_id" label=${T('dossier')} hint=${T('cd_dossier_hint')}
      error=${errors.cd_dossier_id} value=${f.dossier_id} onChange=${(e) => set('dossier_id')(e.target.value)}
      options=${[{ value: '', label: T('dossier_none') }, ...dossiers.map((d) => ({ value: d.id, label: dossierLabel(d) }))]} />` : null}
    <div class="actions"><button type="submit" disabled=${busy}>${busy ? T('saving') : T('cd_save')}</button></div>
    <${Status}>${status}</${Status}>
  </form>`;
}

function CaseList({ names, listRef }) {
  const list = usePaged('/case-discussions', {});
  listRef.current = list;
  const nameOf = (id) => names.get(id) || T('a_colleague');
  return html`<section aria-labelledby="cd-list-h" class="cps-section">
    <h2 id="cd-list-h">${T('cd_list_h')}</h2>
    ${list.first ? html`<${Loading} />`
      : list.error && !list.items.length ? html`<${ErrorBox} error=${list.error} onRetry=${list.retry} />`
      : !list.items.length ? html`<${Empty}>${T('cd_empty')}</${Empty}>`
      : html`<ul class="plain cps-entries">
          ${list.items.map((d) => html`<li key=${d.id}>
            <p class="cps-entry-head"><strong>${T('o_' + d.outcome)}</strong><span class="muted"> · ${fmtDate(d.held_on)}</span></p>
            <p class="small">${T('cd_present', { names: d.expert_ids.length ? d.expert_ids.map(nameOf).join(', ') : T('nobody') })}</p>
            ${d.summary ? html`<p class="cps-text">${d.summary}</p>` : null}
            ${d.dossier_id ? html`<p class="small"><${Link} href=${'/dossiers/' + d.dossier_id}>${T('to_dossier')}</${Link}></p>` : null}
          </li>`)}
        </ul>
        ${list.error ? html`<${ErrorBox} error=${list.error} onRetry=${list.more} />` : null}
        <${More} onMore=${list.more} loading=${list.loading} done=${list.done} />`}
  </section>`;
}

export function ConsultScreen() {
  const [base, setBase] = useState({ loading: true, error: null, experts: [], people: [], dossiers: [] });
  const [n, setN] = useState(0);
  const recentRef = useRef(null);
  const casesRef = useRef(null);
  useEffect(() => {
    let live = true;
    setBase((b) => ({ ...b, loading: true, error: null }));
    Promise.all([
      all('/experts'),
      hasRole('generalist', 'expert') ? api('GET', '/dossiers', null, { query: { status: 'open', limit: 200 } }).then((p) => p.items || []).catch(() => []) : [],
      api('GET', '/colleagues').then((p) => p.items || []),
    ]).then(([experts, dossiers, people]) => live && setBase({ loading: false, error: null, experts, people, dossiers }))
      .catch((error) => live && setBase({ loading: false, error, experts: [], people: [], dossiers: [] }));
    return () => { live = false; };
  }, [n]);
  const names = new Map([...base.people, ...base.experts].map((x) => [x.id, x.name]));
  const self = me();
  if (self && !names.has(self.id)) names.set(self.id, self.name);
  return html`<${Page} title=${T('title')}>
    ${base.loading ? html`<${Loading} />`
      : base.error ? html`<${ErrorBox} error=${base.error} onRetry=${() => setN((x) => x + 1)} />`
      : html`
        <div class="cps-consult">
          <div class="card">
            ${hasRole('expert') ? html`<p class="muted">${T('intro')}</p>
              <${ConsultForm} experts=${base.experts} people=${base.people} dossiers=${base.dossiers}
                onSaved=${(c) => recentRef.current && recentRef.current.prepend(c)} />`
              : html`<p>${T('no_expert')}</p>`}
          </div>
          <${Recent} names=${names} listRef=${recentRef} />
          <div class="card">
            <${CaseForm} experts=${base.experts} dossiers=${base.dossiers}
              onSaved=${(d) => casesRef.current && casesRef.current.prepend(d)} />
          </div>
          <${CaseList} names=${names} listRef=${casesRef} />
        </div>`}
  </${Page}>`;
}
