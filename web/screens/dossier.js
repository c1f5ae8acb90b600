// dossier.js: one client's dossier. The header (client code, status, goal, area, the
// eindverantwoordelijk generalist, the workers on it with their intensity, consent), the
// actions this worker may take (each a small form; one open at a time) and the timeline of
// notes by both workers, evaluations, intensity changes, bridging, referrals, requests and
// closing/reopening, newest first, a page at a time.
//
// What the viewer may do follows the server's need-to-know rules (domain/access.c): writing
// needs a relationship (responsible, assigned, bridging) on an open dossier; closing,
// reopening and handing over need the responsible generalist; a note is edited only by its
// author. The server still decides: a refused action shows its message.

import { html, useEffect, useRef, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, today } from '../lib/i18n.js';
import { me, hasRole } from '../lib/session.js';
import { Link } from '../lib/router.js';
import { label, options } from '../lib/vocab.js';
import {
  Page, Field, Checks, Radios, ErrorBox, ErrorSummary, fieldErrors, useConfirm, Conflict, More,
  Status, Loading, Empty, useLoad,
} from '../lib/ui.js';
import { explain, areaPaths } from './client-new.js';

const T = strings({
  nl: {
    title: 'Dossier {code}', title_plain: 'Dossier', client: 'cliënt', facts: 'Gegevens',
    status: 'Status', status_open: 'Open', status_closed: 'Afgesloten',
    goal: 'Gericht op', goal_stabilise: 'Stabiliseren', goal_progress: 'Vooruitgang',
    area: 'Gebied', area_none: 'Niet ingevuld', responsible: 'Eindverantwoordelijk', opened: 'Geopend op',
    closed_on: 'Afgesloten op', closure_reason: 'Reden van afsluiten', keep_warm: 'Lijntje warm houden',
    keep_warm_on: 'Ja', keep_warm_badge: 'Lijntje warm',
    client_h: 'Cliënt', name: 'Naam', contact: 'Contact', birth_year: 'Geboortejaar',
    workers: 'Ingezet in dit dossier', workers_none_closed: 'Er is niemand meer ingezet.', workers_none: 'Nog geen collega’s ingezet. Vraag een ervaringsdeskundige als dat de cliënt kan helpen.',
    since: 'sinds {d}', intensity_now: 'Intensiteit: {p}', agreed_on: 'afgesproken op {d}', you: 'u',
    role_generalist: 'Generalist', role_expert: 'Ervaringsdeskundige', role_bridging_expert: 'Ervaringsdeskundige (overbrugging)',
    consents: 'Toestemming van de cliënt', consents_none: 'Nog geen toestemming vastgelegd. Leg vast wat u met de cliënt heeft afgesproken.',
    consent_expert_involvement: 'Inzet van een ervaringsdeskundige', consent_plan: 'Het plan van aanpak', consent_scaling_down: 'Afschalen',
    consent_given: 'ingestemd op {d}', consent_refused: 'niet ingestemd op {d}',
    actions: 'Wat wilt u doen?', read_only: 'U kunt dit dossier inzien, maar niets toevoegen.',
    read_only_closed: 'Dit dossier is afgesloten. Er kan niets meer aan worden toegevoegd tot het wordt heropend.',
    act_note: 'Notitie toevoegen', act_eval: 'Evaluatie plannen of vastleggen', act_intensity: 'Intensiteit wijzigen',
    act_bridging: 'Overbrugging', act_referral: 'Doorverwijzing vastleggen', act_consent: 'Toestemming vastleggen',
    act_request: 'Ervaringsdeskundige vragen', act_handover: 'Eindverantwoordelijkheid overdragen',
    act_close: 'Dossier afsluiten', act_reopen: 'Dossier heropenen',
    warm_on: 'Lijntje warm houden aanzetten', warm_off: 'Lijntje warm houden uitzetten',
    warm_saved_on: 'U houdt het lijntje warm.', warm_saved_off: 'Lijntje warm houden staat uit.',
    cancel: 'Annuleren', busy: 'Bezig…',
    stale: 'Het dossier is intussen door iemand anders gewijzigd. Het is opnieuw geladen; uw invoer staat er nog. Kijk of het nog klopt en probeer het opnieuw.',
    // notes
    contact_on: 'Datum van het contact', kind: 'Soort contact', choose: '— Kies —', minutes: 'Duur in minuten',
    minutes_hint: 'Ongeveer; 0 als het kort was.', attempt: 'Contactpoging: geen reactie',
    attempt_hint: 'Gebeld, geappt of langsgegaan zonder dat de cliënt reageerde.',
    activities: 'Activiteiten', approaches: 'Manier van werken', body: 'Notitie',
    body_hint: 'Gewone tekst; witregels blijven staan. Hoogstens 20.000 tekens ({n} getypt).',
    save_note: 'Notitie opslaan', save_edit: 'Wijziging opslaan', note_saved: 'Notitie opgeslagen.',
    note_updated: 'Notitie gewijzigd.', edit_note: 'Notitie van {d} bewerken', edit_h: 'Notitie bewerken',
    minutes_nan: 'Vul een getal in, bijvoorbeeld 30.',
    // evaluations
    plan_h: 'Evaluatie plannen', planned_on: 'Datum van de evaluatie', plan: 'Evaluatie plannen', planned: 'Evaluatie gepland.',
    open_evals: 'Geplande evaluaties die nog niet zijn vastgelegd', open_evals_none: 'Er staan geen geplande evaluaties open.',
    record_eval: 'Evaluatie van {d} vastleggen', held_on: 'Gehouden op', summary: 'Wat kwam eruit?',
    summary_hint: 'Afspraken, doelen, afschalen of doorgaan. Hoogstens 4.000 tekens.', save_held: 'Evaluatie vastleggen', held: 'Evaluatie vastgelegd.',
    // intensity
    assignment: 'Wiens inzet?', pattern: 'Nieuwe intensiteit', agreed: 'Met de cliënt afgesproken op', save_intensity: 'Intensiteit opslaan',
    intensity_saved: 'Intensiteit gewijzigd.',
    // bridging
    bridging_start_h: 'Overbrugging starten', awaited: 'Waar wacht de cliënt op?', waiting_since: 'Wacht sinds',
    keeper: 'Wie houdt contact?', start_bridging: 'Overbrugging starten', bridging_started: 'Overbrugging gestart.',
    running: 'Lopende overbrugging', running_none: 'Er loopt geen overbrugging.', ended_on: 'Laatste dag',
    end_bridging: 'Overbrugging beëindigen', bridging_ended: 'Overbrugging beëindigd.',
    bridging_line: 'Wacht op {s} sinds {d}; contact via {k}',
    // referral
    service: 'Doorverwezen naar', referred_on: 'Datum', accompanied: 'Ik ben meegegaan of heb het samen gedaan',
    referral_note: 'Toelichting', save_referral: 'Doorverwijzing vastleggen', referral_saved: 'Doorverwijzing vastgelegd.',
    // consent
    consent_kind: 'Waarover?', consent_answer: 'Wat zei de cliënt?', yes: 'Cliënt stemt in', no: 'Cliënt stemt niet in',
    recorded_on: 'Datum van het gesprek', save_consent: 'Toestemming vastleggen', consent_saved: 'Toestemming vastgelegd.',
    // handover
    handover_to: 'Nieuwe eindverantwoordelijke generalist', handover_hint: 'Een generalist uit een van de teams van de organisatie.',
    handover_loading: 'Generalisten laden…', handover_none: 'Er zijn geen andere generalisten gevonden.',
    handover: 'Overdragen…', handover_q: 'Eindverantwoordelijkheid overdragen aan {name}?',
    handover_body: 'Daarna kan alleen {name} het dossier afsluiten of weer overdragen. U kunt het dossier alleen nog inzien als u er zelf in bent ingezet.',
    handover_yes: 'Ja, overdragen', handed_over: 'Eindverantwoordelijkheid overgedragen aan {name}.',
    gone: 'U heeft geen toegang meer tot dit dossier.', back: 'Terug naar Mijn werk',
    // close / reopen
    reason: 'Reden', outcomes_client: 'Wat heeft het de cliënt opgeleverd?', outcomes_generalist: 'Wat heeft het de generalist opgeleverd?',
    close_note: 'Afsluitende notitie', close_note_hint: 'Verplicht bij ‘Geen reactie van cliënt’: zo weet een collega bij een nieuwe aanmelding wat er speelde.',
    close: 'Dossier afsluiten…', close_q: 'Dossier {code} afsluiten?',
    close_body: 'Lopende inzet en overbrugging stoppen vandaag. U kunt het dossier later heropenen als de cliënt zich opnieuw aanmeldt.',
    close_yes: 'Ja, afsluiten', closed: 'Dossier afgesloten.',
    reopen_reason: 'Waarom heropenen?', reopen_hint: 'Bijvoorbeeld: opnieuw aangemeld via de huisarts.', reopen: 'Dossier heropenen', reopened: 'Dossier heropend.',
    // timeline
    timeline: 'Tijdlijn', timeline_none: 'Nog niets vastgelegd. Begin met een notitie van het eerste contact.',
    timeline_roles: 'De tijdlijn is alleen zichtbaar voor generalisten en ervaringsdeskundigen.',
    discard_title: 'Wat u invulde weggooien?', discard_body: 'U bent nog bezig met een formulier. Als u verdergaat, gaat wat u daar invulde verloren.', discard_ok: 'Ja, weggooien',
    by: 'door {name}', colleague: 'een collega', min: '{n} min', attempt_badge: 'Geen reactie',
    evaluation_planned: 'Evaluatie gepland', evaluation_held: 'Evaluatie gehouden op {d}',
    planned_by: 'gepland door {name}', intensity_h: 'Intensiteit: {p}', intensity_for: 'voor {name} ({role}); afgesproken met de cliënt',
    bridging_h: 'Overbrugging: wacht op {s}', bridging_ended_on: 'beëindigd op {d}', bridging_running: 'loopt nog',
    referral_h: 'Doorverwezen naar {s}', accompanied_badge: 'Meegegaan',
    request_h: 'Inzetverzoek ervaringsdeskundige', request_open: 'Bekijk het inzetverzoek',
    req_submitted: 'Ingediend', req_in_review: 'In behandeling', req_assigned: 'Toegewezen', req_advice_only: 'Alleen advies',
    req_redirected: 'Doorverwezen', req_declined: 'Afgewezen',
    phase_early: 'vroeg in het traject', phase_stuck: 'vastgelopen', phase_bridging: 'overbrugging',
    closure_close: 'Dossier afgesloten: {r}', closure_reopen: 'Dossier heropend',
  },
  en: {
    title: 'Dossier {code}', title_plain: 'Dossier', client: 'client', facts: 'Details',
    status: 'Status', status_open: 'Open', status_closed: 'Closed',
    goal: 'Aims at', goal_stabilise: 'Stabilise', goal_progress: 'Progress',
    area: 'Area', area_none: 'Not filled in', responsible: 'Final responsibility', opened: 'Opened on',
    closed_on: 'Closed on', closure_reason: 'Reason for closing', keep_warm: 'Keeping the line warm',
    keep_warm_on: 'Yes', keep_warm_badge: 'Keeping warm',
    client_h: 'Client', name: 'Name', contact: 'Contact', birth_year: 'Year of birth',
    workers: 'Working on this dossier', workers_none_closed: 'Nobody is assigned any more.', workers_none: 'No colleagues assigned yet. Ask for an experience expert if that could help the client.',
    since: 'since {d}', intensity_now: 'Intensity: {p}', agreed_on: 'agreed on {d}', you: 'you',
    role_generalist: 'Generalist', role_expert: 'Experience expert', role_bridging_expert: 'Experience expert (bridging)',
    consents: 'The client’s consent', consents_none: 'No consent recorded yet. Record what you agreed with the client.',
    consent_expert_involvement: 'Involving an experience expert', consent_plan: 'The plan', consent_scaling_down: 'Scaling down',
    consent_given: 'agreed on {d}', consent_refused: 'did not agree on {d}',
    actions: 'What would you like to do?', read_only: 'You can read this dossier but not add to it.',
    read_only_closed: 'This dossier is closed. Nothing can be added until it is reopened.',
    act_note: 'Add a note', act_eval: 'Plan or record an evaluation', act_intensity: 'Change intensity',
    act_bridging: 'Bridging', act_referral: 'Record a referral', act_consent: 'Record consent',
    act_request: 'Ask for an experience expert', act_handover: 'Hand over final responsibility',
    act_close: 'Close the dossier', act_reopen: 'Reopen the dossier',
    warm_on: 'Start keeping the line warm', warm_off: 'Stop keeping the line warm',
    warm_saved_on: 'You are keeping the line warm.', warm_saved_off: 'Keeping the line warm is off.',
    cancel: 'Cancel', busy: 'Working…',
    stale: 'Someone else changed this dossier in the meantime. It has been reloaded; your input is still here. Check it and try again.',
    contact_on: 'Date of contact', kind: 'Kind of contact', choose: '— Choose —', minutes: 'Duration in minutes',
    minutes_hint: 'Roughly; 0 if it was short.', attempt: 'Contact attempt: no response',
    attempt_hint: 'Called, messaged or visited without the client responding.',
    activities: 'Activities', approaches: 'Way of working', body: 'Note',
    body_hint: 'Plain text; blank lines are kept. At most 20,000 characters ({n} typed).',
    save_note: 'Save note', save_edit: 'Save change', note_saved: 'Note saved.',
    note_updated: 'Note changed.', edit_note: 'Edit note of {d}', edit_h: 'Edit note',
    minutes_nan: 'Enter a number, for example 30.',
    plan_h: 'Plan an evaluation', planned_on: 'Date of the evaluation', plan: 'Plan evaluation', planned: 'Evaluation planned.',
    open_evals: 'Planned evaluations not yet recorded', open_evals_none: 'No planned evaluations are open.',
    record_eval: 'Record evaluation of {d}', held_on: 'Held on', summary: 'What came out of it?',
    summary_hint: 'Agreements, goals, scaling down or continuing. At most 4,000 characters.', save_held: 'Record evaluation', held: 'Evaluation recorded.',
    assignment: 'Whose involvement?', pattern: 'New intensity', agreed: 'Agreed with the client on', save_intensity: 'Save intensity',
    intensity_saved: 'Intensity changed.',
    bridging_start_h: 'Start bridging', awaited: 'What is the client waiting for?', waiting_since: 'Waiting since',
    keeper: 'Who keeps in touch?', start_bridging: 'Start bridging', bridging_started: 'Bridging started.',
    running: 'Running bridging', running_none: 'No bridging is running.', ended_on: 'Last day',
    end_bridging: 'End bridging', bridging_ended: 'Bridging ended.',
    bridging_line: 'Waiting for {s} since {d}; contact through {k}',
    service: 'Referred to', referred_on: 'Date', accompanied: 'I went along or did it together',
    referral_note: 'Note', save_referral: 'Record referral', referral_saved: 'Referral recorded.',
    consent_kind: 'About what?', consent_answer: 'What did the client say?', yes: 'Client agrees', no: 'Client does not agree',
    recorded_on: 'Date of the conversation', save_consent: 'Record consent', consent_saved: 'Consent recorded.',
    handover_to: 'New generalist with final responsibility', handover_hint: 'A generalist from one of the organisation’s teams.',
    handover_loading: 'Loading generalists…', handover_none: 'No other generalists were found.',
    handover: 'Hand over…', handover_q: 'Hand over final responsibility to {name}?',
    handover_body: 'After that only {name} can close or hand over the dossier. You can only read it if you are assigned to it yourself.',
    handover_yes: 'Yes, hand over', handed_over: 'Final responsibility handed over to {name}.',
    gone: 'You no longer have access to this dossier.', back: 'Back to My work',
    reason: 'Reason', outcomes_client: 'What did it bring the client?', outcomes_generalist: 'What did it bring the generalist?',
    close_note: 'Closing note', close_note_hint: 'Required with ‘No response from client’: so a colleague knows what happened if the client registers again.',
    close: 'Close dossier…', close_q: 'Close dossier {code}?',
    close_body: 'Running involvement and bridging stop today. You can reopen the dossier later if the client registers again.',
    close_yes: 'Yes, close', closed: 'Dossier closed.',
    reopen_reason: 'Why reopen?', reopen_hint: 'For example: registered again through the GP.', reopen: 'Reopen dossier', reopened: 'Dossier reopened.',
    timeline: 'Timeline', timeline_none: 'Nothing recorded yet. Start with a note of the first contact.',
    timeline_roles: 'The timeline is only visible to generalists and experience experts.',
    discard_title: 'Discard what you typed?', discard_body: 'You are still working on a form. If you go on, what you entered there is lost.', discard_ok: 'Yes, discard',
    by: 'by {name}', colleague: 'a colleague', min: '{n} min', attempt_badge: 'No response',
    evaluation_planned: 'Evaluation planned', evaluation_held: 'Evaluation held on {d}',
    planned_by: 'planned by {name}', intensity_h: 'Intensity: {p}', intensity_for: 'for {name} ({role}); agreed with the client',
    bridging_h: 'Bridging: waiting for {s}', bridging_ended_on: 'ended on {d}', bridging_running: 'still running',
    referral_h: 'Referred to {s}', accompanied_badge: 'Went along',
    request_h: 'Request for an experience expert', request_open: 'View the request',
    req_submitted: 'Submitted', req_in_review: 'In review', req_assigned: 'Assigned', req_advice_only: 'Advice only',
    req_redirected: 'Redirected', req_declined: 'Declined',
    phase_early: 'early on', phase_stuck: 'stuck', phase_bridging: 'bridging',
    closure_close: 'Dossier closed: {r}', closure_reopen: 'Dossier reopened',
  },
});

const PAGE = 20;
const goalLabel = (g) => (g === 'stabilise' || g === 'progress' ? T('goal_' + g) : g);
const roleLabel = (r) => (r ? T('role_' + r) : '');

// ---- small helpers ---------------------------------------------------------------------

// A form's state, busy flag and error. run(fn) calls the server; a 412 on a record the
// dossier versions (anything but a note) reloads the dossier and keeps the input.
function useForm(initial, { onStale } = {}) {
  const [v, setV] = useState(initial);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setV((s) => ({ ...s, [k]: e && e.target ? (e.target.type === 'checkbox' ? e.target.checked : e.target.value) : e }));
  const run = async (fn) => {
    setBusy(true); setErr(null);
    try { await fn(); } catch (x) {
      if (x.status === 412 && onStale) { onStale(); setErr({ status: 409, message: T('stale') }); } else setErr(x);
    } finally { setBusy(false); }
  };
  const shown = explain(err);
  return { v, setV, set, err, setErr, busy, run, fe: fieldErrors(shown), other: err && !err.field ? err : null };
}

function FormErrors({ f, labels }) {
  return html`${f.other ? html`<${ErrorBox} error=${f.other} />` : null}<${ErrorSummary} errors=${f.fe} labels=${labels} />`;
}

function Buttons({ busy, submit, onCancel, danger }) {
  return html`<div class="actions">
    <button type="submit" class=${danger ? 'danger' : ''} disabled=${busy}>${busy ? T('busy') : submit}</button>
    <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
  </div>`;
}

function OneCheck({ name, label: text, hint, checked, onChange }) {
  const hintId = hint ? 'f-' + name + '-hint' : undefined;
  return html`<div class="one-check">
    <label class="check" for=${'f-' + name}>
      <input type="checkbox" id=${'f-' + name} name=${name} checked=${checked} aria-describedby=${hintId}
        onChange=${(e) => onChange(e.target.checked)} />
      <span>${text}</span>
    </label>
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : null}
  </div>`;
}

const withChoose = (opts) => [{ value: '', label: T('choose') }, ...opts];

// Every active generalist of the organisation but `exceptId` (GET /api/v1/colleagues).
async function loadGeneralists(exceptId) {
  const r = await api('GET', '/colleagues');
  return (r.items || [])
    .filter((w) => (w.roles || []).includes('generalist') && w.id !== exceptId)
    .map((w) => ({ value: w.id, label: w.name, name: w.name }));
}

// ---- the timeline ----------------------------------------------------------------------

function useTimeline(id, enabled) {
  const [st, set] = useState({ items: [], loading: enabled, error: null, done: !enabled });
  const cur = useRef({ next: undefined, gen: 0 });
  const load = async (reset) => {
    const c = cur.current;
    if (reset) { c.gen += 1; c.next = undefined; }
    const gen = c.gen;
    set((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await api('GET', `/dossiers/${id}/timeline`, null, { query: { limit: PAGE, after: c.next } });
      if (gen !== c.gen) return;
      c.next = page.next || undefined;
      set((s) => ({ items: (reset ? [] : s.items).concat(page.items || []), loading: false, error: null, done: !page.next }));
    } catch (error) {
      if (gen === c.gen) set((s) => ({ ...s, loading: false, error }));
    }
  };
  useEffect(() => { if (enabled) load(true); }, [id, enabled]);
  return { ...st, more: () => load(false), reset: () => load(true) };
}

function Labels({ title, vocab, codes }) {
  if (!codes || !codes.length) return null;
  return html`<p class="tl-labels small"><span class="muted">${title}:</span>${' '}
    ${codes.map((c) => html`<span class="badge">${label(vocab, c)}</span>${' '}`)}</p>`;
}

function NoteItem({ item, ctx }) {
  const editing = ctx.active === 'edit:' + item.id;
  const mine = item.author_id === ctx.meId;
  const head = html`<h3 class="tl-title">${label('contact_kind', item.kind)}
    ${item.attempt ? html` <span class="badge warn">${T('attempt_badge')}</span>` : null}</h3>
    <p class="meta">${fmtDate(item.at)} · ${T('by', { name: ctx.who(item.author_id, item.who_name) })} (${roleLabel(item.author_role)})
      ${item.minutes ? ` · ${T('min', { n: item.minutes })}` : ''}</p>`;
  if (editing) {
    return html`${head}<${NoteForm} ctx=${ctx} note=${item} onCancel=${() => ctx.close('edit:' + item.id)} />`;
  }
  return html`${head}
    <${Labels} title=${T('activities')} vocab="activity" codes=${item.activities} />
    <${Labels} title=${T('approaches')} vocab="approach" codes=${item.approaches} />
    <p class="body">${item.body}</p>
    ${mine && ctx.canWrite ? html`<p class="tl-actions"><button type="button" class="secondary small-btn"
      id=${'edit-' + item.id} onClick=${() => ctx.open('edit:' + item.id)}>${T('edit_note', { d: fmtDate(item.at) })}</button></p>` : null}`;
}

function EvaluationItem({ item, ctx }) {
  const recording = ctx.active === 'held:' + item.id;
  return html`<h3 class="tl-title">${item.held_on ? T('evaluation_held', { d: fmtDate(item.held_on) }) : T('evaluation_planned')}</h3>
    <p class="meta">${fmtDate(item.planned_on)} · ${T('planned_by', { name: ctx.who(item.planned_by, item.who_name) })}</p>
    ${item.summary ? html`<p class="body">${item.summary}</p>` : null}
    ${!item.held_on && ctx.canWrite ? (recording
      ? html`<${HeldForm} ctx=${ctx} ev=${item} onCancel=${() => ctx.close('held:' + item.id)} />`
      : html`<p class="tl-actions"><button type="button" class="secondary small-btn" id=${'held-' + item.id}
          onClick=${() => ctx.open('held:' + item.id)}>${T('record_eval', { d: fmtDate(item.planned_on) })}</button></p>`) : null}`;
}

function TimelineItem({ item, ctx }) {
  switch (item.type) {
    case 'note': return html`<${NoteItem} item=${item} ctx=${ctx} />`;
    case 'evaluation': return html`<${EvaluationItem} item=${item} ctx=${ctx} />`;
    case 'intensity': return html`<h3 class="tl-title">${T('intensity_h', { p: label('intensity_pattern', item.pattern) })}</h3>
      <p class="meta">${fmtDate(item.at)} · ${T('intensity_for', { name: ctx.who(item.worker_id, item.who_name), role: roleLabel(item.role) })}</p>`;
    case 'bridging': return html`<h3 class="tl-title">${T('bridging_h', { s: label('referral_service', item.awaited) })}</h3>
      <p class="meta">${T('bridging_line', { s: label('referral_service', item.awaited), d: fmtDate(item.waiting_since), k: ctx.who(item.keeper_id, item.who_name) })}${' · '}${item.ended_on ? T('bridging_ended_on', { d: fmtDate(item.ended_on) }) : T('bridging_running')}</p>`;
    case 'referral': return html`<h3 class="tl-title">${T('referral_h', { s: label('referral_service', item.service) })}
      ${item.accompanied ? html` <span class="badge ok">${T('accompanied_badge')}</span>` : null}</h3>
      <p class="meta">${fmtDate(item.at)} · ${T('by', { name: ctx.who(item.created_by, item.who_name) })}</p>
      ${item.note ? html`<p class="body">${item.note}</p>` : null}`;
    case 'request': return html`<h3 class="tl-title">${T('request_h')} <span class="badge">${T('req_' + item.status)}</span></h3>
      <p class="meta">${fmtDate(item.at)} · ${T('by', { name: ctx.who(item.requester_id, item.who_name) })}${item.phase ? ` · ${T('phase_' + item.phase)}` : ''}</p>
      <p class="tl-actions"><${Link} href=${'/requests/' + item.id}>${T('request_open')}</${Link}></p>`;
    case 'closure': return html`<h3 class="tl-title">${item.action === 'close'
        ? T('closure_close', { r: label('closure_reason', item.reason) }) : T('closure_reopen')}</h3>
      <p class="meta">${fmtDate(item.at)} · ${T('by', { name: ctx.who(item.by, item.who_name) })}</p>
      ${item.note ? html`<p class="body">${item.note}</p>` : null}`;
    default: return html`<p class="meta">${fmtDate(item.at)} · ${item.type}</p>`;
  }
}

function Timeline({ tl, ctx }) {
  let body;
  if (!tl.items.length && tl.loading) body = html`<${Loading} />`;
  else if (!tl.items.length && tl.error) body = html`<${ErrorBox} error=${tl.error} onRetry=${tl.reset} />`;
  else if (!tl.items.length) body = html`<${Empty}>${T('timeline_none')}</${Empty}>`;
  else {
    body = html`<ol class="timeline">${tl.items.map((it) => html`<li key=${it.type + it.id} class=${'tl-' + it.type}>
        <${TimelineItem} item=${it} ctx=${ctx} /></li>`)}</ol>
      ${tl.error ? html`<${ErrorBox} error=${tl.error} />` : null}
      <${More} onMore=${tl.more} loading=${tl.loading} done=${tl.done} />`;
  }
  return html`<section aria-labelledby="tl-h"><h2 id="tl-h">${T('timeline')}</h2>${body}</section>`;
}

// ---- the forms -------------------------------------------------------------------------

const NOTE_FIELDS = ['contact_on', 'kind', 'minutes', 'body', 'attempt', 'activities', 'approaches'];

function NoteForm({ ctx, note, onCancel }) {
  const f = useForm(note
    ? { contact_on: note.at || note.contact_on, kind: note.kind, minutes: String(note.minutes ?? ''), body: note.body,
      attempt: !!note.attempt, activities: note.activities || [], approaches: note.approaches || [] }
    : { contact_on: today(), kind: '', minutes: '', body: '', attempt: false, activities: [], approaches: [] });
  const [version, setVersion] = useState(note ? note.version : null);
  const { v } = f;
  const labels = { contact_on: T('contact_on'), kind: T('kind'), minutes: T('minutes'), body: T('body'),
    attempt: T('attempt'), activities: T('activities'), approaches: T('approaches') };

  const save = (ver) => f.run(async () => {
    const m = String(v.minutes).trim();
    if (m && !/^\d+$/.test(m)) { f.setErr({ status: 422, field: 'minutes', message: T('minutes_nan') }); return; }
    const body = { kind: v.kind, contact_on: v.contact_on, minutes: m ? Number(m) : 0, body: v.body,
      attempt: v.attempt, activities: v.activities, approaches: v.approaches };
    if (note) {
      await api('PATCH', '/notes/' + note.id, body, { version: ver ?? version });
      ctx.done(T('note_updated'));
    } else {
      await api('POST', `/dossiers/${ctx.d.id}/notes`, body);
      ctx.done(T('note_saved'));
    }
  });
  const submit = (e) => { e.preventDefault(); save(); };

  // A 412: both versions, with codes as words; the form below keeps what was typed.
  const show = (n) => ({ ...n, contact_on: fmtDate(n.contact_on), kind: label('contact_kind', n.kind),
    activities: (n.activities || []).map((c) => label('activity', c)), approaches: (n.approaches || []).map((c) => label('approach', c)) });
  const conflict = f.err && f.err.status === 412
    ? { status: 412, current: show(f.err.current || {}) } : null;
  const raw = f.err && f.err.current;

  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${note ? T('edit_h') : T('act_note')}>
    ${conflict ? html`<${Conflict} error=${conflict} mine=${show(v)}
      fields=${[['body', T('body')], ['contact_on', T('contact_on')], ['kind', T('kind')], ['minutes', T('minutes')],
        ['activities', T('activities')], ['approaches', T('approaches')]]}
      onKeepMine=${(ver) => { setVersion(ver); save(ver); }}
      onTakeTheirs=${() => { f.setV(Object.fromEntries(NOTE_FIELDS.map((k) => [k, k === 'minutes' ? String(raw[k]) : raw[k]]))); setVersion(raw.version); f.setErr(null); }} />`
      : html`<${FormErrors} f=${f} labels=${labels} />`}
    <div class="form-row">
      <${Field} name="contact_on" type="date" label=${T('contact_on')} required max=${today()}
        value=${v.contact_on} onInput=${f.set('contact_on')} error=${f.fe.contact_on} />
      <${Field} name="kind" as="select" label=${T('kind')} required options=${withChoose(options('contact_kind'))}
        value=${v.kind} onChange=${f.set('kind')} error=${f.fe.kind} />
      <${Field} name="minutes" label=${T('minutes')} hint=${T('minutes_hint')} inputmode="numeric"
        value=${v.minutes} onInput=${f.set('minutes')} error=${f.fe.minutes} />
    </div>
    <${OneCheck} name="attempt" label=${T('attempt')} hint=${T('attempt_hint')} checked=${v.attempt}
      onChange=${(c) => f.setV((s) => ({ ...s, attempt: c }))} />
    <${Checks} name="activities" legend=${T('activities')} options=${options('activity')} value=${v.activities}
      error=${f.fe.activities} onChange=${(a) => f.setV((s) => ({ ...s, activities: a }))} />
    <${Checks} name="approaches" legend=${T('approaches')} options=${options('approach')} value=${v.approaches}
      error=${f.fe.approaches} onChange=${(a) => f.setV((s) => ({ ...s, approaches: a }))} />
    <${Field} name="body" as="textarea" rows="8" label=${T('body')} required
      hint=${T('body_hint', { n: v.body.length.toLocaleString('nl-NL') })}
      value=${v.body} onInput=${f.set('body')} error=${f.fe.body} />
    <${Buttons} busy=${f.busy} submit=${note ? T('save_edit') : T('save_note')} onCancel=${onCancel} />
  </form>`;
}

function HeldForm({ ctx, ev, onCancel }) {
  const f = useForm({ held_on: today(), summary: '' });
  const submit = (e) => {
    e.preventDefault();
    f.run(async () => {
      try {
        await api('PATCH', `/dossiers/${ctx.d.id}/evaluations/${ev.id}`, { held_on: f.v.held_on, summary: f.v.summary.trim() || null }, { version: ev.version });
      } catch (x) {
        if (x.status === 412) { ctx.reloadTimeline(); throw { status: 409, message: T('stale') }; }
        throw x;
      }
      ctx.done(T('held'));
    });
  };
  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('record_eval', { d: fmtDate(ev.planned_on) })}>
    <${FormErrors} f=${f} labels=${{ held_on: T('held_on'), summary: T('summary') }} />
    <${Field} name="held_on" type="date" label=${T('held_on')} required max=${today()} value=${f.v.held_on}
      onInput=${f.set('held_on')} error=${f.fe.held_on} />
    <${Field} name="summary" as="textarea" rows="4" label=${T('summary')} hint=${T('summary_hint')} value=${f.v.summary}
      onInput=${f.set('summary')} error=${f.fe.summary} />
    <${Buttons} busy=${f.busy} submit=${T('save_held')} onCancel=${onCancel} />
  </form>`;
}

function EvaluationPanel({ ctx, tl, onCancel }) {
  const f = useForm({ planned_on: '' });
  const [sel, setSel] = useState(null);
  const openEvals = tl.items.filter((i) => i.type === 'evaluation' && !i.held_on);
  const submit = (e) => {
    e.preventDefault();
    f.run(async () => {
      await api('POST', `/dossiers/${ctx.d.id}/evaluations`, { planned_on: f.v.planned_on });
      ctx.done(T('planned'));
    });
  };
  return html`<div>
    <h4>${T('plan_h')}</h4>
    <form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('plan_h')}>
      <${FormErrors} f=${f} labels=${{ planned_on: T('planned_on') }} />
      <${Field} name="planned_on" type="date" label=${T('planned_on')} required value=${f.v.planned_on}
        onInput=${f.set('planned_on')} error=${f.fe.planned_on} />
      <${Buttons} busy=${f.busy} submit=${T('plan')} onCancel=${onCancel} />
    </form>
    <h4>${T('open_evals')}</h4>
    ${openEvals.length ? html`<ul class="plain">${openEvals.map((ev) => html`<li key=${ev.id}>
      ${sel === ev.id ? html`<${HeldForm} ctx=${ctx} ev=${ev} onCancel=${() => setSel(null)} />`
        : html`<button type="button" class="secondary" onClick=${() => setSel(ev.id)}>${T('record_eval', { d: fmtDate(ev.planned_on) })}</button>`}
    </li>`)}</ul>` : html`<p class="muted">${T('open_evals_none')}</p>`}
  </div>`;
}

function IntensityForm({ ctx, onCancel }) {
  const running = ctx.d.assignments.filter((a) => !a.end_on || a.end_on >= today());
  const first = running[0];
  const f = useForm({ assignment: first ? first.id : '', pattern: first && first.intensity ? first.intensity.pattern : '', agreed_on: today() },
    { onStale: ctx.reloadDossier });
  const pick = (e) => {
    const a = running.find((x) => x.id === e.target.value);
    f.setV((s) => ({ ...s, assignment: e.target.value, pattern: a && a.intensity ? a.intensity.pattern : s.pattern }));
  };
  const submit = (e) => {
    e.preventDefault();
    const a = running.find((x) => x.id === f.v.assignment);
    f.run(async () => {
      await api('POST', `/assignments/${f.v.assignment}/intensity`, { pattern: f.v.pattern, agreed_on: f.v.agreed_on }, { version: a && a.version });
      ctx.done(T('intensity_saved'));
    });
  };
  const who = (a) => `${a.worker_name} — ${roleLabel(a.role)}${a.intensity ? ` (${label('intensity_pattern', a.intensity.pattern)})` : ''}`;
  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('act_intensity')}>
    <${FormErrors} f=${f} labels=${{ pattern: T('pattern'), agreed_on: T('agreed'), assignment: T('assignment') }} />
    <${Field} name="assignment" as="select" label=${T('assignment')} required value=${f.v.assignment} onChange=${pick}
      options=${running.map((a) => ({ value: a.id, label: who(a) }))} error=${f.fe.assignment} />
    <${Field} name="pattern" as="select" label=${T('pattern')} required value=${f.v.pattern} onChange=${f.set('pattern')}
      options=${withChoose(options('intensity_pattern'))} error=${f.fe.pattern} />
    <${Field} name="agreed_on" type="date" label=${T('agreed')} required max=${today()} value=${f.v.agreed_on}
      onInput=${f.set('agreed_on')} error=${f.fe.agreed_on} />
    <${Buttons} busy=${f.busy} submit=${T('save_intensity')} onCancel=${onCancel} />
  </form>`;
}

function BridgingPanel({ ctx, tl, onCancel }) {
  const keepers = [{ value: ctx.d.responsible.id, label: `${ctx.d.responsible.name} — ${T('responsible')}` },
    ...ctx.d.assignments.filter((a) => a.worker_id !== ctx.d.responsible.id)
      .map((a) => ({ value: a.worker_id, label: `${a.worker_name} — ${roleLabel(a.role)}` }))];
  const f = useForm({ awaited: '', waiting_since: today(), keeper_id: ctx.meId === ctx.d.responsible.id || keepers.some((k) => k.value === ctx.meId) ? ctx.meId : keepers[0].value });
  const running = tl.items.filter((i) => i.type === 'bridging' && !i.ended_on);
  const submit = (e) => {
    e.preventDefault();
    f.run(async () => {
      await api('POST', `/dossiers/${ctx.d.id}/bridging`, f.v);
      ctx.done(T('bridging_started'));
    });
  };
  return html`<div>
    <h4>${T('running')}</h4>
    ${running.length ? html`<ul class="plain">${running.map((b) => html`<li key=${b.id}>
      <p>${T('bridging_line', { s: label('referral_service', b.awaited), d: fmtDate(b.waiting_since), k: ctx.who(b.keeper_id) })}</p>
      <${BridgingEnd} ctx=${ctx} b=${b} /></li>`)}</ul>` : html`<p class="muted">${T('running_none')}</p>`}
    <h4>${T('bridging_start_h')}</h4>
    <form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('bridging_start_h')}>
      <${FormErrors} f=${f} labels=${{ awaited: T('awaited'), waiting_since: T('waiting_since'), keeper_id: T('keeper') }} />
      <${Field} name="awaited" as="select" label=${T('awaited')} required value=${f.v.awaited} onChange=${f.set('awaited')}
        options=${withChoose(options('referral_service'))} error=${f.fe.awaited} />
      <${Field} name="waiting_since" type="date" label=${T('waiting_since')} required max=${today()} value=${f.v.waiting_since}
        onInput=${f.set('waiting_since')} error=${f.fe.waiting_since} />
      <${Field} name="keeper_id" as="select" label=${T('keeper')} required value=${f.v.keeper_id} onChange=${f.set('keeper_id')}
        options=${keepers} error=${f.fe.keeper_id} />
      <${Buttons} busy=${f.busy} submit=${T('start_bridging')} onCancel=${onCancel} />
    </form>
  </div>`;
}

function BridgingEnd({ ctx, b }) {
  const f = useForm({ ended_on: today() });
  const name = 'ended_on_' + b.id.slice(-6);
  const submit = (e) => {
    e.preventDefault();
    f.run(async () => {
      try {
        await api('POST', `/dossiers/${ctx.d.id}/bridging/${b.id}/end`, { ended_on: f.v.ended_on }, { version: b.version });
      } catch (x) {
        if (x.status === 412) { ctx.reloadTimeline(); throw { status: 409, message: T('stale') }; }
        throw x;
      }
      ctx.done(T('bridging_ended'));
    });
  };
  const fe = f.fe.ended_on ? { [name]: f.fe.ended_on } : {};
  return html`<form class="inline-form" onSubmit=${submit} noValidate aria-label=${T('end_bridging')}>
    ${f.other ? html`<${ErrorBox} error=${f.other} />` : null}
    <${Field} name=${name} type="date" label=${T('ended_on')} required max=${today()} value=${f.v.ended_on}
      onInput=${f.set('ended_on')} error=${fe[name]} />
    <button type="submit" disabled=${f.busy}>${f.busy ? T('busy') : T('end_bridging')}</button>
  </form>`;
}

function ReferralForm({ ctx, onCancel }) {
  const f = useForm({ service: '', referred_on: today(), accompanied: false, note: '' });
  const submit = (e) => {
    e.preventDefault();
    f.run(async () => {
      await api('POST', `/dossiers/${ctx.d.id}/referrals`, { service: f.v.service, referred_on: f.v.referred_on,
        accompanied: f.v.accompanied, note: f.v.note.trim() || null });
      ctx.done(T('referral_saved'));
    });
  };
  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('act_referral')}>
    <${FormErrors} f=${f} labels=${{ service: T('service'), referred_on: T('referred_on'), note: T('referral_note') }} />
    <${Field} name="service" as="select" label=${T('service')} required value=${f.v.service} onChange=${f.set('service')}
      options=${withChoose(options('referral_service'))} error=${f.fe.service} />
    <${Field} name="referred_on" type="date" label=${T('referred_on')} required max=${today()} value=${f.v.referred_on}
      onInput=${f.set('referred_on')} error=${f.fe.referred_on} />
    <${OneCheck} name="accompanied" label=${T('accompanied')} checked=${f.v.accompanied}
      onChange=${(c) => f.setV((s) => ({ ...s, accompanied: c }))} />
    <${Field} name="note" as="textarea" rows="3" label=${T('referral_note')} value=${f.v.note}
      onInput=${f.set('note')} error=${f.fe.note} />
    <${Buttons} busy=${f.busy} submit=${T('save_referral')} onCancel=${onCancel} />
  </form>`;
}

function ConsentForm({ ctx, onCancel }) {
  const f = useForm({ kind: '', given: '', recorded_on: today() });
  const submit = (e) => {
    e.preventDefault();
    f.run(async () => {
      await api('POST', `/dossiers/${ctx.d.id}/consents`, { kind: f.v.kind || undefined,
        given: f.v.given === '' ? undefined : f.v.given === 'yes', recorded_on: f.v.recorded_on });
      ctx.done(T('consent_saved'));
    });
  };
  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('act_consent')}>
    <${FormErrors} f=${f} labels=${{ kind: T('consent_kind'), given: T('consent_answer'), recorded_on: T('recorded_on') }} />
    <${Radios} name="kind" legend=${T('consent_kind')} required value=${f.v.kind} error=${f.fe.kind}
      onChange=${(k) => f.setV((s) => ({ ...s, kind: k }))}
      options=${['expert_involvement', 'plan', 'scaling_down'].map((k) => ({ value: k, label: T('consent_' + k) }))} />
    <${Radios} name="given" legend=${T('consent_answer')} required value=${f.v.given} error=${f.fe.given}
      onChange=${(g) => f.setV((s) => ({ ...s, given: g }))}
      options=${[{ value: 'yes', label: T('yes') }, { value: 'no', label: T('no') }]} />
    <${Field} name="recorded_on" type="date" label=${T('recorded_on')} required max=${today()} value=${f.v.recorded_on}
      onInput=${f.set('recorded_on')} error=${f.fe.recorded_on} />
    <${Buttons} busy=${f.busy} submit=${T('save_consent')} onCancel=${onCancel} />
  </form>`;
}

function HandoverForm({ ctx, onCancel }) {
  const list = useLoad(() => loadGeneralists(ctx.meId), []);
  const f = useForm({ worker_id: '' }, { onStale: ctx.reloadDossier });
  const submit = async (e) => {
    e.preventDefault();
    const w = (list.data || []).find((x) => x.value === f.v.worker_id);
    if (!w) { f.setErr({ status: 422, field: 'worker_id', message: explain({ field: 'worker_id', message: 'is required' }).message }); return; }
    const ok = await ctx.ask({ title: T('handover_q', { name: w.name }), body: T('handover_body', { name: w.name }), confirm: T('handover_yes') });
    if (!ok) return;
    f.run(async () => {
      await api('POST', `/dossiers/${ctx.d.id}/responsible`, { worker_id: w.value }, { version: ctx.d.version });
      ctx.handedOver(T('handed_over', { name: w.name }));
    });
  };
  if (list.loading && !list.data) return html`<${Loading} label=${T('handover_loading')} />`;
  if (list.error) return html`<${ErrorBox} error=${list.error} onRetry=${list.reload} />`;
  if (!list.data.length) return html`<${Empty}>${T('handover_none')}</${Empty}>`;
  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('act_handover')}>
    <${FormErrors} f=${f} labels=${{ worker_id: T('handover_to') }} />
    <${Field} name="worker_id" as="select" label=${T('handover_to')} hint=${T('handover_hint')} required
      value=${f.v.worker_id} onChange=${f.set('worker_id')} options=${withChoose(list.data)} error=${f.fe.worker_id} />
    <${Buttons} busy=${f.busy} submit=${T('handover')} onCancel=${onCancel} />
  </form>`;
}

function CloseForm({ ctx, onCancel }) {
  const f = useForm({ reason: '', outcomes_client: [], outcomes_generalist: [], note: '' }, { onStale: ctx.reloadDossier });
  const submit = async (e) => {
    e.preventDefault();
    // What the server would refuse anyway, said before asking to confirm.
    if (!f.v.reason) { f.setErr({ status: 422, field: 'reason', message: explain({ field: 'reason', message: 'is required' }).message }); return; }
    if (f.v.reason === 'no_response' && !f.v.note.trim()) {
      f.setErr({ status: 422, field: 'note', message: explain({ field: 'note', message: 'closing on no response needs a note for re-registration' }).message });
      return;
    }
    const ok = await ctx.ask({ title: T('close_q', { code: ctx.d.client_code }), body: T('close_body'), confirm: T('close_yes'), danger: true });
    if (!ok) return;
    f.run(async () => {
      await api('POST', `/dossiers/${ctx.d.id}/close`, { reason: f.v.reason, outcomes_client: f.v.outcomes_client,
        outcomes_generalist: f.v.outcomes_generalist, note: f.v.note.trim() || null }, { version: ctx.d.version });
      ctx.done(T('closed'));
    });
  };
  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('act_close')}>
    <${FormErrors} f=${f} labels=${{ reason: T('reason'), outcomes_client: T('outcomes_client'), outcomes_generalist: T('outcomes_generalist'), note: T('close_note') }} />
    <${Field} name="reason" as="select" label=${T('reason')} required value=${f.v.reason} onChange=${f.set('reason')}
      options=${withChoose(options('closure_reason'))} error=${f.fe.reason} />
    <${Checks} name="outcomes_client" legend=${T('outcomes_client')} options=${options('outcome_client')} value=${f.v.outcomes_client}
      error=${f.fe.outcomes_client} onChange=${(a) => f.setV((s) => ({ ...s, outcomes_client: a }))} />
    <${Checks} name="outcomes_generalist" legend=${T('outcomes_generalist')} options=${options('outcome_generalist')} value=${f.v.outcomes_generalist}
      error=${f.fe.outcomes_generalist} onChange=${(a) => f.setV((s) => ({ ...s, outcomes_generalist: a }))} />
    <${Field} name="note" as="textarea" rows="4" label=${T('close_note')} hint=${T('close_note_hint')}
      required=${f.v.reason === 'no_response'} value=${f.v.note} onInput=${f.set('note')} error=${f.fe.note} />
    <${Buttons} busy=${f.busy} submit=${T('close')} onCancel=${onCancel} danger=${true} />
  </form>`;
}

function ReopenForm({ ctx, onCancel }) {
  const f = useForm({ reason: '' }, { onStale: ctx.reloadDossier });
  const submit = (e) => {
    e.preventDefault();
    f.run(async () => {
      await api('POST', `/dossiers/${ctx.d.id}/reopen`, { reason: f.v.reason.trim() || null }, { version: ctx.d.version });
      ctx.done(T('reopened'));
    });
  };
  return html`<form class="panel-form" onSubmit=${submit} noValidate aria-label=${T('act_reopen')}>
    <${FormErrors} f=${f} labels=${{ reason: T('reopen_reason') }} />
    <${Field} name="reason" as="textarea" rows="3" label=${T('reopen_reason')} hint=${T('reopen_hint')}
      value=${f.v.reason} onInput=${f.set('reason')} error=${f.fe.reason} />
    <${Buttons} busy=${f.busy} submit=${T('reopen')} onCancel=${onCancel} />
  </form>`;
}

// The open action's form, headed and focused when it opens.
function Panel({ title, children }) {
  const ref = useRef(null);
  useEffect(() => { if (ref.current) ref.current.focus(); }, [title]);
  return html`<div class="card dossier-panel" id="dossier-panel">
    <h3 tabindex="-1" ref=${ref}>${title}</h3>
    ${children}
  </div>`;
}

// ---- the header ------------------------------------------------------------------------

function Header({ d, areaName, who }) {
  const c = d.client || {};
  return html`<div class="grid dossier-head">
    <section class="card" aria-labelledby="d-facts">
      <h2 id="d-facts">${T('facts')}</h2>
      <dl class="facts">
        <dt>${T('status')}</dt><dd><span class=${'badge ' + (d.status === 'open' ? 'ok' : '')}>${T('status_' + d.status)}</span>
          ${d.keep_warm && d.status === 'open' ? html` <span class="badge warn">${T('keep_warm_badge')}</span>` : null}</dd>
        <dt>${T('goal')}</dt><dd>${goalLabel(d.goal_type)}</dd>
        <dt>${T('area')}</dt><dd>${areaName || T('area_none')}</dd>
        <dt>${T('responsible')}</dt><dd>${d.responsible ? d.responsible.name : '—'}</dd>
        <dt>${T('opened')}</dt><dd>${fmtDate(d.opened_on)}</dd>
        ${d.status === 'closed' ? html`<dt>${T('closed_on')}</dt><dd>${fmtDate(d.closed_on)}</dd>
          <dt>${T('closure_reason')}</dt><dd>${label('closure_reason', d.closure_reason)}</dd>` : null}
        ${c.name ? html`<dt>${T('name')}</dt><dd>${c.name}</dd>` : null}
        ${c.contact ? html`<dt>${T('contact')}</dt><dd class="pre">${c.contact}</dd>` : null}
        ${c.birth_year ? html`<dt>${T('birth_year')}</dt><dd>${c.birth_year}</dd>` : null}
      </dl>
    </section>
    <section class="card" aria-labelledby="d-workers">
      <h2 id="d-workers">${T('workers')}</h2>
      ${d.assignments.length ? html`<ul class="plain">${d.assignments.map((a) => html`<li key=${a.id}>
        <strong>${who(a.worker_id)}</strong> · ${roleLabel(a.role)} <span class="muted small">(${T('since', { d: fmtDate(a.start_on) })})</span>
        ${a.intensity ? html`<br /><span class="small">${T('intensity_now', { p: label('intensity_pattern', a.intensity.pattern) })}${', '}${T('agreed_on', { d: fmtDate(a.intensity.agreed_on) })}</span>` : null}
      </li>`)}</ul>` : html`<p class="muted">${d.status === 'open' ? T('workers_none') : T('workers_none_closed')}</p>`}
    </section>
    <section class="card" aria-labelledby="d-consents">
      <h2 id="d-consents">${T('consents')}</h2>
      ${d.consents.length ? html`<ul class="plain">${d.consents.map((c2) => html`<li key=${c2.id}>
        ${T('consent_' + c2.kind)}: <span class=${'badge ' + (c2.given ? 'ok' : 'warn')}>${c2.given
          ? T('consent_given', { d: fmtDate(c2.recorded_on) }) : T('consent_refused', { d: fmtDate(c2.recorded_on) })}</span>
      </li>`)}</ul>` : html`<p class="muted">${T('consents_none')}</p>`}
    </section>
  </div>`;
}

// ---- the screen ------------------------------------------------------------------------

export function DossierScreen({ params }) {
  const id = params.id;
  const dos = useLoad(() => api('GET', '/dossiers/' + id), [id]);
  const areas = useLoad(() => api('GET', '/areas'), []);
  const canTimeline = hasRole('generalist', 'expert');
  const tl = useTimeline(id, canTimeline);
  const [active, setActive] = useState(null);
  const [status, setStatus] = useState('');
  const [gone, setGone] = useState(null);
  const [warm, setWarm] = useState({ busy: false, err: null });
  const [ask, dialog] = useConfirm();
  const dirty = useRef(false); // the open form has typed input (see toggle)
  const toolbar = useRef(null);

  if (gone) {
    return html`<${Page} title=${T('title_plain')}><${Status}>${gone}</${Status}><p>${T('gone')}</p>
      <p><${Link} href="/">${T('back')}</${Link}></p></${Page}>`;
  }
  if (!dos.data) {
    if (dos.error) return html`<${Page} title=${T('title_plain')}><${ErrorBox} error=${dos.error} onRetry=${dos.reload} /></${Page}>`;
    return html`<${Page} title=${T('title_plain')}><${Loading} /></${Page}>`;
  }

  const d = dos.data;
  const user = me() || {};
  const meId = user.id;
  const isResp = d.responsible_id === meId;
  const mine = d.assignments.filter((a) => a.worker_id === meId && (!a.end_on || a.end_on >= today()));
  const related = isResp || mine.length > 0;
  const isOpen = d.status === 'open';
  const canWrite = related && isOpen && canTimeline;
  const canManage = isResp;
  const canRequest = isOpen && hasRole('generalist') && (isResp || mine.some((a) => a.role !== 'bridging_expert'));

  const names = new Map();
  if (d.responsible) names.set(d.responsible.id, d.responsible.name);
  for (const a of d.assignments) names.set(a.worker_id, a.worker_name);
  // A name for a worker id: from the dossier, else the name the timeline item carries.
  const who = (wid, fallback) => (wid === meId ? `${user.name || ''} (${T('you')})`.trim() : names.get(wid) || fallback || T('colleague'));

  const areaName = (() => {
    if (!d.area_id || !areas.data) return '';
    const p = areaPaths(areas.data.items || []).find((a) => a.value === d.area_id);
    return p ? p.label : '';
  })();

  const focusToolbar = (key) => {
    setTimeout(() => {
      const el = toolbar.current && (toolbar.current.querySelector(`[data-act="${key}"]`) || toolbar.current.querySelector('button, a'));
      if (el) el.focus();
    }, 0);
  };
  const ctx = {
    d, meId, canWrite, active, who, ask,
    open: (k) => { setStatus(''); setActive(k); },
    close: (k) => {
      dirty.current = false;
      setActive(null);
      if (k && k.includes(':')) setTimeout(() => { const el = document.getElementById(k.replace(':', '-')); if (el) el.focus(); }, 0);
      else focusToolbar(k);
    },
    done: (msg) => { const k = active; dirty.current = false; setActive(null); setStatus(msg); dos.reload(); tl.reset(); if (k && !k.includes(':')) focusToolbar(k); },
    reloadDossier: () => dos.reload(),
    reloadTimeline: () => tl.reset(),
    handedOver: async (msg) => {
      setActive(null);
      try { await api('GET', '/dossiers/' + id); setStatus(msg); dos.reload(); tl.reset(); } catch { setGone(msg); }
    },
  };
  // Switching or closing a form that has typed input asks first: nothing is lost unseen.
  const toggle = async (k) => {
    if (active && dirty.current) {
      const ok = await ask({ title: T('discard_title'), body: T('discard_body'), confirm: T('discard_ok'), danger: true });
      if (!ok) return;
    }
    dirty.current = false;
    if (active === k) ctx.close(k); else ctx.open(k);
  };

  const acts = [];
  if (canWrite) {
    acts.push(['note', T('act_note')], ['evaluation', T('act_eval')]);
    if (d.assignments.length) acts.push(['intensity', T('act_intensity')]);
    acts.push(['bridging', T('act_bridging')], ['referral', T('act_referral')], ['consent', T('act_consent')]);
  }
  if (canManage && isOpen) acts.push(['handover', T('act_handover')], ['close', T('act_close')]);
  if (canManage && !isOpen) acts.push(['reopen', T('act_reopen')]);
  const titleOf = Object.fromEntries(acts);

  const toggleWarm = async () => {
    setWarm({ busy: true, err: null });
    try {
      await api('PATCH', '/dossiers/' + d.id, { keep_warm: !d.keep_warm }, { version: d.version });
      setStatus(d.keep_warm ? T('warm_saved_off') : T('warm_saved_on'));
      setWarm({ busy: false, err: null });
      dos.reload();
    } catch (x) {
      if (x.status === 412) { dos.reload(); setWarm({ busy: false, err: { status: 409, message: T('stale') } }); } else setWarm({ busy: false, err: x });
    }
  };

  const onCancel = () => ctx.close(active);
  const panel = active && titleOf[active] ? html`<${Panel} title=${titleOf[active]}>
    ${active === 'note' ? html`<${NoteForm} ctx=${ctx} onCancel=${onCancel} />`
      : active === 'evaluation' ? html`<${EvaluationPanel} ctx=${ctx} tl=${tl} onCancel=${onCancel} />`
      : active === 'intensity' ? html`<${IntensityForm} ctx=${ctx} onCancel=${onCancel} />`
      : active === 'bridging' ? html`<${BridgingPanel} ctx=${ctx} tl=${tl} onCancel=${onCancel} />`
      : active === 'referral' ? html`<${ReferralForm} ctx=${ctx} onCancel=${onCancel} />`
      : active === 'consent' ? html`<${ConsentForm} ctx=${ctx} onCancel=${onCancel} />`
      : active === 'handover' ? html`<${HandoverForm} ctx=${ctx} onCancel=${onCancel} />`
      : active === 'close' ? html`<${CloseForm} ctx=${ctx} onCancel=${onCancel} />`
      : active === 'reopen' ? html`<${ReopenForm} ctx=${ctx} onCancel=${onCancel} />` : null}
  </${Panel}>` : null;

  const pageActions = canRequest
    ? html`<${Link} href=${`/dossiers/${d.id}/request`} class="btn">${T('act_request')}</${Link}>` : null;

  return html`<${Page} title=${T('title', { code: d.client_code || T('client') })} actions=${pageActions}>
    ${dos.error ? html`<${ErrorBox} error=${dos.error} onRetry=${dos.reload} />` : null}
    <${Header} d=${d} areaName=${areaName} who=${who} />
    <section class="dossier-actions" aria-labelledby="d-actions">
      <h2 id="d-actions">${T('actions')}</h2>
      <${Status}>${status}</${Status}>
      ${acts.length || canWrite ? html`<div class="act-bar" ref=${toolbar}>
        ${acts.map(([k, text]) => html`<button type="button" key=${k} data-act=${k}
          class=${active === k ? '' : 'secondary'} aria-expanded=${active === k ? 'true' : 'false'}
          aria-controls=${active === k ? 'dossier-panel' : undefined} onClick=${() => toggle(k)}>${text}</button>`)}
        ${canWrite ? html`<button type="button" class="secondary" data-act="warm" disabled=${warm.busy}
          onClick=${toggleWarm}>${d.keep_warm ? T('warm_off') : T('warm_on')}</button>` : null}
      </div>` : html`<p class="muted">${isOpen ? T('read_only') : T('read_only_closed')}</p>`}
      ${warm.err ? html`<${ErrorBox} error=${warm.err} />` : null}
      <div onInput=${() => { dirty.current = true; }}>${panel}</div>
    </section>
    ${canTimeline ? html`<${Timeline} tl=${tl} ctx=${ctx} />` : html`<p class="muted">${T('timeline_roles')}</p>`}
    ${dialog}
  </${Page}>`;
}
