// request.js: one inzetverzoek (request for an experience expert). The generalist who
// asked sees the whole request and its state; a coordinator of the expert team sees the
// summary the server allows (never the client's name or the question), takes it into
// review, reads the ranked suggestion of experts with the reason for every point, and
// decides: assign an expert with one click (after confirming), advice only, redirect to a
// volunteer or peer pool, or decline with a note. The match is a suggestion; a person
// decides. After a decision the coordinator no longer sees the request (the server
// answers 404), so the result is kept on screen from the decision's answer.
//
// Also exports small helpers the queue and the request form share: phase and status
// labels, the experts directory and the areas by id.

import { html, useState, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, fmtDateTime, today } from '../lib/i18n.js';
import { hasRole, me } from '../lib/session.js';
import { label, options } from '../lib/vocab.js';
import { Link } from '../lib/router.js';
import {
  Page, ErrorBox, Loading, Empty, Status, Field, ErrorSummary, useConfirm,
} from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Inzetverzoek',
    phase_early: 'Vroeg in het traject', phase_stuck: 'Vastgelopen', phase_bridging: 'Overbrugging',
    st_submitted: 'Nieuw', st_in_review: 'In behandeling', st_assigned: 'Toegewezen',
    st_advice_only: 'Alleen advies', st_redirected: 'Doorverwezen', st_declined: 'Afgewezen',
    sent: 'Uw inzetverzoek is verstuurd naar het expertteam. U ziet hier wat ermee gebeurt.',
    submitted_on: 'Ingediend op {date}', waiting_0: 'vandaag ingediend', waiting_1: 'wacht 1 dag',
    waiting_n: 'wacht {n} dagen',
    summary_note: 'U ziet als coördinator een samenvatting van het verzoek: zonder naam, gegevens of vraag van de cliënt.',
    h_request: 'Het verzoek', client: 'Cliënt', reasons: 'Redenen voor inzet', areas: 'Gevraagde ervaringsgebieden',
    themes: 'Gevraagde algemene thema\'s', basis: 'Match vooral op', phase: 'Fase', channel: 'Binnengekomen via',
    area: 'Gebied', preferred: 'Voorkeur van de aanvrager', question: 'Vraag', informed: 'Cliënt geïnformeerd',
    informed_yes: 'Ja', informed_yes_on: 'Ja, op {date}', informed_no: 'Nee, nog niet', none: 'Geen',
    no_pref: 'Geen voorkeur', unknown_area: 'Onbekend', someone: 'een ervaringsdeskundige',
    to_dossier: 'Naar het dossier', to_queue: 'Terug naar de wachtrij',
    h_history: 'Verloop', ev_submitted: 'Ingediend', ev_submitted_by_you: 'Ingediend door u',
    ev_review: 'In behandeling genomen door het expertteam', ev_decided: 'Besluit: {outcome}.',
    ev_assigned_to: 'Besluit: toegewezen aan {name}.', ev_note: 'Toelichting: {note}', ev_waiting: 'Wacht op het expertteam.',
    h_review: 'Nog niet opgepakt',
    review_body: 'Neem het verzoek in behandeling. Daarna ziet u welke ervaringsdeskundigen passen en kunt u besluiten.',
    review: 'In behandeling nemen', busy: 'Bezig…',
    stale: 'Iemand anders heeft dit verzoek intussen gewijzigd; het staat nu op "{status}". De nieuwe stand is hieronder geladen.',
    gone: 'Dit verzoek is niet (meer) zichtbaar voor u. Na een besluit ziet het expertteam het verzoek niet meer; de aanvrager en de toegewezen ervaringsdeskundige wel.',
    h_match: 'Voorstel: passende ervaringsdeskundigen',
    match_intro: 'Dit is een voorstel van peerdesk, op basis van de ervaringsprofielen, het gebied, de caseload, de voorkeur van de aanvrager en eerdere samenwerking. U beslist zelf wie aansluit: weeg ook mee wat u weet van de cliënt en van uw collega\'s.',
    unmet: 'Geen ervaringsdeskundige met: {list}.', all_met: 'Voor elk gevraagd ervaringsgebied en thema is er minstens één ervaringsdeskundige.',
    no_experts: 'Er zijn nog geen ervaringsdeskundigen met een profiel.', points: '{n} punten', point_line: '+{n}',
    available: 'Beschikbaar', unavailable: 'Niet beschikbaar', rank_label: 'Voorgestelde ervaringsdeskundigen, beste match eerst',
    f_specific: 'Specifieke ervaring', f_generic: 'Algemene thema\'s', f_area: 'Gebied', f_capacity: 'Caseload',
    f_preferred: 'Voorkeur', f_history: 'Eerdere samenwerking',
    r_all_covered: 'heeft alles wat gevraagd is: {codes}', r_some_covered: 'heeft een deel: {codes}',
    r_none_covered: 'heeft geen van de gevraagde', r_no_area_requested: 'geen ervaringsgebied gevraagd',
    r_no_theme_requested: 'geen thema gevraagd', r_same_area: 'werkt in hetzelfde gebied',
    r_same_cluster: 'werkt in hetzelfde cluster', r_other_area: 'werkt in een ander gebied',
    r_dossier_area_unknown: 'gebied van het dossier is niet bekend', r_no_caseload: 'heeft nog geen cliënten',
    r_room_left: 'heeft nog ruimte', r_full: 'caseload is vol', r_preferred_by_requester: 'de aanvrager vroeg om deze collega',
    r_other_preferred: 'de aanvrager had iemand anders in gedachten', r_no_preference: 'de aanvrager gaf geen voorkeur',
    r_worked_together_before: 'heeft eerder met de aanvrager samengewerkt', r_not_worked_together: 'nog niet eerder met de aanvrager samengewerkt',
    r_other: 'geen punten', load: '{caseload} van {capacity} plaatsen bezet',
    assign: 'Toewijzen aan {name}', assign_title: 'Toewijzen aan {name}?',
    assign_body: '{name} sluit aan bij dit dossier en kan het dan openen. De aanvrager ziet het besluit bij het verzoek.',
    assign_unavailable: '{name} staat op dit moment op niet beschikbaar. ',
    assign_confirm: 'Ja, toewijzen', assign_plan: 'Start op {start}: {pattern} (afgesproken op {agreed}).',
    plan: 'Afspraken bij toewijzen', plan_hint: 'Gelden voor wie u toewijst. Pas ze aan als er met de cliënt iets anders is afgesproken.',
    pattern: 'Intensiteit', start_on: 'Eerste dag', agreed_on: 'Intensiteit afgesproken met de cliënt op',
    e_pattern: 'Kies een intensiteit.', e_date: 'Vul een datum in.',
    h_other: 'Ander besluit', other_intro: 'Past geen van de voorstellen, of is een inzet niet nodig? Leg dan een ander besluit vast.',
    note: 'Toelichting voor de aanvrager', note_hint: 'Wordt meegestuurd met elk besluit. Verplicht bij afwijzen. Maximaal 2000 tekens.',
    note_required: 'Schrijf waarom u het verzoek afwijst.', note_long: 'Maximaal 2000 tekens.',
    advice: 'Alleen advies geven', advice_title: 'Alleen advies geven?',
    advice_body: 'Er sluit geen ervaringsdeskundige aan; het expertteam geeft de generalist advies. Dit besluit is definitief.',
    redirect: 'Doorverwijzen naar vrijwilligers- of lotgenotenpool', redirect_title: 'Doorverwijzen?',
    redirect_body: 'Het verzoek gaat naar een pool van vrijwilligers of lotgenoten in plaats van naar het expertteam. Dit besluit is definitief.',
    decline: 'Verzoek afwijzen', decline_title: 'Verzoek afwijzen?',
    decline_body: 'De aanvrager krijgt uw toelichting te zien. Dit besluit is definitief.',
    h_done: 'Besluit vastgelegd', done_assigned: 'Toegewezen aan {name}. {name} kan het dossier nu openen; de aanvrager ziet het besluit bij het verzoek.',
    done_other: 'Het verzoek is afgehandeld: {outcome}. De aanvrager ziet het besluit bij het verzoek.',
    no_dossier_access: 'Als coördinator heeft u geen toegang tot het dossier zelf.',
    requester_state: 'Het expertteam kijkt naar uw verzoek. U ziet hier het besluit zodra het er is.',
  },
  en: {
    title: 'Request for an experience expert',
    phase_early: 'Early in the trajectory', phase_stuck: 'Stuck', phase_bridging: 'Bridging',
    st_submitted: 'New', st_in_review: 'In review', st_assigned: 'Assigned',
    st_advice_only: 'Advice only', st_redirected: 'Redirected', st_declined: 'Declined',
    sent: 'Your request has been sent to the expert team. This page shows what happens with it.',
    submitted_on: 'Submitted on {date}', waiting_0: 'submitted today', waiting_1: 'waiting 1 day',
    waiting_n: 'waiting {n} days',
    summary_note: 'As a coordinator you see a summary of the request: without the client\'s name, details or the question.',
    h_request: 'The request', client: 'Client', reasons: 'Reasons for deployment', areas: 'Experience areas asked for',
    themes: 'Generic themes asked for', basis: 'Match mainly on', phase: 'Phase', channel: 'Came in via',
    area: 'Area', preferred: 'Requester\'s preference', question: 'Question', informed: 'Client informed',
    informed_yes: 'Yes', informed_yes_on: 'Yes, on {date}', informed_no: 'No, not yet', none: 'None',
    no_pref: 'No preference', unknown_area: 'Unknown', someone: 'an experience expert',
    to_dossier: 'To the dossier', to_queue: 'Back to the queue',
    h_history: 'History', ev_submitted: 'Submitted', ev_submitted_by_you: 'Submitted by you',
    ev_review: 'Taken into review by the expert team', ev_decided: 'Decision: {outcome}.',
    ev_assigned_to: 'Decision: assigned to {name}.', ev_note: 'Note: {note}', ev_waiting: 'Waiting for the expert team.',
    h_review: 'Not picked up yet',
    review_body: 'Take the request into review. You will then see which experience experts fit and can decide.',
    review: 'Take into review', busy: 'Working…',
    stale: 'Someone else changed this request in the meantime; it is now "{status}". The new state is loaded below.',
    gone: 'This request is not (or no longer) visible to you. After a decision the expert team no longer sees the request; the requester and the assigned expert do.',
    h_match: 'Suggestion: experience experts who fit',
    match_intro: 'This is a suggestion by peerdesk, based on the experience profiles, the area, the caseload, the requester\'s preference and earlier collaboration. You decide who joins: also weigh what you know about the client and your colleagues.',
    unmet: 'No experience expert with: {list}.', all_met: 'Every experience area and theme asked for is covered by at least one experience expert.',
    no_experts: 'There are no experience experts with a profile yet.', points: '{n} points', point_line: '+{n}',
    available: 'Available', unavailable: 'Not available', rank_label: 'Suggested experience experts, best match first',
    f_specific: 'Specific experience', f_generic: 'Generic themes', f_area: 'Area', f_capacity: 'Caseload',
    f_preferred: 'Preference', f_history: 'Earlier collaboration',
    r_all_covered: 'has everything asked for: {codes}', r_some_covered: 'has part of it: {codes}',
    r_none_covered: 'has none of those asked for', r_no_area_requested: 'no experience area asked for',
    r_no_theme_requested: 'no theme asked for', r_same_area: 'works in the same area',
    r_same_cluster: 'works in the same cluster', r_other_area: 'works in another area',
    r_dossier_area_unknown: 'the dossier\'s area is not known', r_no_caseload: 'has no clients yet',
    r_room_left: 'has room left', r_full: 'caseload is full', r_preferred_by_requester: 'the requester asked for this colleague',
    r_other_preferred: 'the requester had someone else in mind', r_no_preference: 'the requester gave no preference',
    r_worked_together_before: 'worked with the requester before', r_not_worked_together: 'has not worked with the requester before',
    r_other: 'no points', load: '{caseload} of {capacity} places taken',
    assign: 'Assign to {name}', assign_title: 'Assign to {name}?',
    assign_body: '{name} joins this dossier and can then open it. The requester sees the decision with the request.',
    assign_unavailable: '{name} is set to not available at the moment. ',
    assign_confirm: 'Yes, assign', assign_plan: 'Starts on {start}: {pattern} (agreed on {agreed}).',
    plan: 'Arrangements when assigning', plan_hint: 'Apply to whoever you assign. Change them if something else was agreed with the client.',
    pattern: 'Intensity', start_on: 'First day', agreed_on: 'Intensity agreed with the client on',
    e_pattern: 'Choose an intensity.', e_date: 'Fill in a date.',
    h_other: 'Another decision', other_intro: 'None of the suggestions fits, or no deployment is needed? Then record another decision.',
    note: 'Note for the requester', note_hint: 'Sent along with every decision. Required when declining. At most 2000 characters.',
    note_required: 'Write why you decline the request.', note_long: 'At most 2000 characters.',
    advice: 'Give advice only', advice_title: 'Give advice only?',
    advice_body: 'No experience expert joins; the expert team advises the generalist. This decision is final.',
    redirect: 'Redirect to a volunteer or peer pool', redirect_title: 'Redirect?',
    redirect_body: 'The request goes to a pool of volunteers or peers instead of the expert team. This decision is final.',
    decline: 'Decline the request', decline_title: 'Decline the request?',
    decline_body: 'The requester will see your note. This decision is final.',
    h_done: 'Decision recorded', done_assigned: 'Assigned to {name}. {name} can now open the dossier; the requester sees the decision with the request.',
    done_other: 'The request is settled: {outcome}. The requester sees the decision with the request.',
    no_dossier_access: 'As a coordinator you have no access to the dossier itself.',
    requester_state: 'The expert team is looking at your request. The decision shows here once it is made.',
  },
});

// ---- shared with queue.js and request-new.js ------------------------------------------

export const PHASES = ['early', 'stuck', 'bridging'];
export function phaseLabel(p) { return PHASES.includes(p) ? T('phase_' + p) : T('none'); }
export function statusLabel(s) {
  return ['submitted', 'in_review', 'assigned', 'advice_only', 'redirected', 'declined'].includes(s) ? T('st_' + s) : s;
}
export function waitingText(days) {
  if (!days) return T('waiting_0');
  return days === 1 ? T('waiting_1') : T('waiting_n', { n: days });
}

// The experts directory, every page (a small list: the expert team).
let expertsCache = null;
export function loadExperts() {
  if (!expertsCache) {
    expertsCache = (async () => {
      const all = [];
      let after;
      for (let i = 0; i < 20; i++) {
        const page = await api('GET', '/experts', null, { query: { limit: 200, after } });
        all.push(...(page.items || []));
        if (!page.next) break;
        after = page.next;
      }
      return all;
    })().catch((e) => { expertsCache = null; throw e; });
  }
  return expertsCache;
}

// Areas by id (clusters, wijken, buurten), for showing a name instead of an id.
let areasCache = null;
export function loadAreas() {
  if (!areasCache) {
    areasCache = api('GET', '/areas').then((r) => {
      const m = new Map();
      for (const a of r.items || []) m.set(a.id, a);
      return m;
    }).catch((e) => { areasCache = null; throw e; });
  }
  return areasCache;
}

// Codes as labels, in a row of badges.
export function Labels({ vocab, codes }) {
  if (!codes || !codes.length) return html`<span class="muted">${T('none')}</span>`;
  return html`<ul class="rq-labels">${codes.map((c) => html`<li class="badge">${label(vocab, c)}</li>`)}</ul>`;
}

export function StatusBadge({ status }) {
  const cls = status === 'submitted' ? 'badge warn' : status === 'assigned' ? 'badge ok' : 'badge';
  return html`<span class=${cls}>${statusLabel(status)}</span>`;
}

// ---- the screen -------------------------------------------------------------------------

const OPEN = ['submitted', 'in_review'];

function Facts({ rec, experts, areas, dossier }) {
  const full = 'question' in rec;
  const name = (id) => (experts && experts.get(id) ? experts.get(id).name : T('someone'));
  const area = rec.area_id ? (areas && areas.get(rec.area_id) ? areas.get(rec.area_id).name : T('unknown_area')) : T('unknown_area');
  return html`<dl class="facts">
    ${dossier && dossier.client_code ? html`<dt>${T('client')}</dt><dd>${dossier.client_code}</dd>` : null}
    <dt>${T('reasons')}</dt><dd><${Labels} vocab="deployment_reason" codes=${rec.reasons} /></dd>
    <dt>${T('areas')}</dt><dd><${Labels} vocab="experience_area" codes=${rec.areas} /></dd>
    <dt>${T('themes')}</dt><dd><${Labels} vocab="generic_theme" codes=${rec.themes} /></dd>
    <dt>${T('basis')}</dt><dd>${label('match_basis', rec.match_basis)}</dd>
    <dt>${T('phase')}</dt><dd>${phaseLabel(rec.phase)}</dd>
    <dt>${T('channel')}</dt><dd>${label('channel', rec.channel)}</dd>
    <dt>${T('area')}</dt><dd>${area}</dd>
    <dt>${T('preferred')}</dt><dd>${rec.preferred_expert_id ? name(rec.preferred_expert_id) : T('no_pref')}</dd>
    ${full ? html`
      <dt>${T('question')}</dt><dd class="rq-question">${rec.question}</dd>
      <dt>${T('informed')}</dt><dd>${rec.client_informed
        ? (rec.client_informed_on ? T('informed_yes_on', { date: fmtDate(rec.client_informed_on) }) : T('informed_yes'))
        : T('informed_no')}</dd>` : null}
  </dl>`;
}

function History({ rec, experts }) {
  const mine = rec.requester_id && me() && rec.requester_id === me().id;
  const name = (id) => (experts && experts.get(id) ? experts.get(id).name : T('someone'));
  const decided = !OPEN.includes(rec.status);
  return html`<ol class="timeline">
    <li><p class="meta">${fmtDateTime(rec.created_at)}</p><p class="body">${mine ? T('ev_submitted_by_you') : T('ev_submitted')}</p></li>
    ${rec.status !== 'submitted' && (rec.status === 'in_review' || rec.decided_at) ? html`<li>
      ${rec.status === 'in_review' ? html`<p class="meta">${fmtDateTime(rec.updated_at || '')}</p>` : null}
      <p class="body">${T('ev_review')}</p></li>` : null}
    ${decided ? html`<li>
      ${rec.decided_at ? html`<p class="meta">${fmtDateTime(rec.decided_at)}</p>` : null}
      <p class="body"><strong>${rec.status === 'assigned'
        ? T('ev_assigned_to', { name: rec.assigned_expert_id ? name(rec.assigned_expert_id) : T('someone') })
        : T('ev_decided', { outcome: statusLabel(rec.status).toLowerCase() })}</strong></p>
      ${rec.decision_note ? html`<p class="body">${T('ev_note', { note: rec.decision_note })}</p>` : null}
    </li>` : html`<li><p class="body muted">${T('ev_waiting')}</p></li>`}
  </ol>`;
}

function reasonText(r) {
  const codes = (r.codes || []).map((c) => label(r.factor === 'specific' ? 'experience_area' : 'generic_theme', c)).join(', ');
  const key = 'r_' + r.reason;
  const s = T(key, { codes });
  return s === key ? T('r_other') : s;
}

function MatchCard({ m, rank, expert, onAssign, busy }) {
  const headId = 'match-' + m.expert_id;
  return html`<li class="card rq-match" aria-labelledby=${headId}>
    <div class="rq-match-head">
      <h3 id=${headId}>${rank}. ${m.name}</h3>
      <span class="score">${T('points', { n: m.score })}</span>
      <span class=${m.available ? 'badge ok' : 'badge warn'}>${m.available ? T('available') : T('unavailable')}</span>
    </div>
    <ul class="factors">
      ${m.explanation.map((r) => html`<li>
        <span class="rq-factor">${T('f_' + r.factor) === 'f_' + r.factor ? r.factor : T('f_' + r.factor)}:</span>
        ${' '}${reasonText(r)}${r.factor === 'capacity' && expert && expert.capacity !== undefined
          ? ` (${T('load', { caseload: expert.caseload ?? 0, capacity: expert.capacity })})` : ''}
        ${' '}<span class="rq-pts">${T('point_line', { n: r.points })}</span>
      </li>`)}
    </ul>
    <div class="actions">
      <button type="button" onClick=${() => onAssign(m)} disabled=${busy}>${T('assign', { name: m.name })}</button>
    </div>
  </li>`;
}

// The server names these fields of a decision; the form's own names.
const FIELD_OF = {
  note: 'note', 'intensity.pattern': 'pattern', pattern: 'pattern', start_on: 'start_on',
  'intensity.agreed_on': 'agreed_on', agreed_on: 'agreed_on',
};

function Matches({ id, version, experts, onDecided, onStale }) {
  const [st, setSt] = useState({ data: null, error: null });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [fe, setFe] = useState({});
  const patterns = options('intensity_pattern');
  const [plan, setPlan] = useState(() => ({
    pattern: (patterns.find((o) => o.value === 'joint_2x_week') || patterns[0] || { value: '' }).value,
    start_on: today(), agreed_on: today(),
  }));
  const setP = (k) => (e) => { const v = e.target.value; setPlan((x) => ({ ...x, [k]: v })); };
  const [ask, dialog] = useConfirm();
  useEffect(() => {
    let live = true;
    api('GET', `/requests/${id}/matches`).then((data) => live && setSt({ data, error: null }))
      .catch((error) => live && setSt({ data: null, error }));
    return () => { live = false; };
  }, [id]);

  const decide = async (body, expertName) => {
    setBusy(true); setErr(null);
    try {
      const n = note.trim();
      const res = await api('POST', `/requests/${id}/decision`, { ...body, note: n || null }, { version });
      onDecided(res, body.expert_id, expertName, n || null);
    } catch (e) {
      setBusy(false);
      if (e.status === 412 && e.current) { onStale(e.current); return; }
      const k = FIELD_OF[e.field];
      if (k) setFe({ [k]: e.message }); else setErr(e);
    }
  };
  const check = (noteRequired, withPlan) => {
    const n = note.trim();
    const e = {};
    if (noteRequired && !n) e.note = T('note_required');
    if (n.length > 2000) e.note = T('note_long');
    if (withPlan) {
      if (!plan.pattern) e.pattern = T('e_pattern');
      if (!plan.start_on) e.start_on = T('e_date');
      if (!plan.agreed_on) e.agreed_on = T('e_date');
    }
    setFe(e); setErr(null);
    return !Object.keys(e).length;
  };
  const assign = (m) => {
    if (!check(false, true)) return;
    ask({
      title: T('assign_title', { name: m.name }),
      body: (m.available ? '' : T('assign_unavailable', { name: m.name })) + T('assign_body', { name: m.name }) + ' '
        + T('assign_plan', { start: fmtDate(plan.start_on), pattern: label('intensity_pattern', plan.pattern), agreed: fmtDate(plan.agreed_on) }),
      confirm: T('assign_confirm'),
    }).then((ok) => ok && decide({ outcome: 'assigned', expert_id: m.expert_id, ...plan }, m.name));
  };
  const other = (outcome, key, danger) => {
    if (!check(outcome === 'declined', false)) return;
    ask({ title: T(key + '_title'), body: T(key + '_body'), confirm: T(key), danger })
      .then((ok) => ok && decide({ outcome }));
  };

  if (st.error) return html`<${ErrorBox} error=${st.error} />`;
  if (!st.data) return html`<${Loading} />`;
  const { items, unmet } = st.data;
  const unmetList = (unmet || []).map((u) => label(u.vocab, u.code)).join(', ');
  return html`<section aria-labelledby="h-match">
    <h2 id="h-match">${T('h_match')}</h2>
    <p class="rq-suggestion">${T('match_intro')}</p>
    ${unmetList
      ? html`<p class="rq-unmet"><strong>${T('unmet', { list: unmetList })}</strong></p>`
      : html`<p class="muted">${T('all_met')}</p>`}
    ${err ? html`<${ErrorBox} error=${err} />` : null}
    <${ErrorSummary} errors=${fe} labels=${{ note: T('note'), pattern: T('pattern'), start_on: T('start_on'), agreed_on: T('agreed_on') }} />
    <fieldset class="rq-plan">
      <legend>${T('plan')}</legend>
      <p class="hint">${T('plan_hint')}</p>
      <div class="rq-plan-grid">
        <${Field} name="pattern" as="select" label=${T('pattern')} error=${fe.pattern} value=${plan.pattern}
          options=${patterns} onChange=${setP('pattern')} />
        <${Field} name="start_on" type="date" label=${T('start_on')} error=${fe.start_on} value=${plan.start_on}
          onInput=${setP('start_on')} />
        <${Field} name="agreed_on" type="date" label=${T('agreed_on')} error=${fe.agreed_on} value=${plan.agreed_on}
          max=${today()} onInput=${setP('agreed_on')} />
      </div>
    </fieldset>
    <${Field} name="note" as="textarea" label=${T('note')} hint=${T('note_hint')} error=${fe.note}
      value=${note} onInput=${(e) => setNote(e.target.value)} rows="3" />
    ${items.length
      ? html`<ol class="rq-matches" aria-label=${T('rank_label')}>
          ${items.map((m, i) => html`<${MatchCard} key=${m.expert_id} m=${m} rank=${i + 1}
            expert=${experts && experts.get(m.expert_id)} onAssign=${assign} busy=${busy} />`)}
        </ol>`
      : html`<${Empty}>${T('no_experts')}</${Empty}>`}
    <section class="card rq-card" aria-labelledby="h-other">
      <h2 id="h-other">${T('h_other')}</h2>
      <p>${T('other_intro')}</p>
      <div class="actions">
        <button type="button" class="secondary" disabled=${busy} onClick=${() => other('advice_only', 'advice')}>${T('advice')}</button>
        <button type="button" class="secondary" disabled=${busy} onClick=${() => other('redirected', 'redirect')}>${T('redirect')}</button>
        <button type="button" class="danger" disabled=${busy} onClick=${() => other('declined', 'decline', true)}>${T('decline')}</button>
      </div>
    </section>
    ${dialog}
  </section>`;
}

function Done({ id, result }) {
  const [full, setFull] = useState(undefined);
  useEffect(() => {
    let live = true;
    // Only someone with a relationship to the dossier (the assigned expert, the requester)
    // reads the whole request now; for anyone else the server answers 404.
    api('GET', `/requests/${id}`).then((r) => live && setFull(r && r.dossier_id ? r : null))
      .catch(() => live && setFull(null));
    return () => { live = false; };
  }, [id]);
  const s = result.summary;
  return html`<section class="card rq-card rq-decided" aria-labelledby="h-done">
    <h2 id="h-done">${T('h_done')}</h2>
    <${Status}>${s.status === 'assigned'
      ? T('done_assigned', { name: result.expertName || T('someone') })
      : T('done_other', { outcome: statusLabel(s.status) })}</${Status}>
    ${full === undefined ? null
      : full ? html`<p><${Link} href=${'/dossiers/' + full.dossier_id}>${T('to_dossier')}</${Link}></p>`
      : html`<p class="muted">${T('no_dossier_access')}</p>`}
    ${hasRole('coordinator') ? html`<p><${Link} href="/queue">${T('to_queue')}</${Link}></p>` : null}
  </section>`;
}

export function RequestScreen({ params, query }) {
  const id = params.id;
  const coordinator = hasRole('coordinator');
  const [st, setSt] = useState({ rec: null, version: null, error: null, loading: true });
  const [n, setN] = useState(0);
  const [experts, setExperts] = useState(null);
  const [areas, setAreas] = useState(null);
  const [dossier, setDossier] = useState(null);
  const [busy, setBusy] = useState(false);
  const [actErr, setActErr] = useState(null);
  const [stale, setStale] = useState(null);
  const [result, setResult] = useState(null);

  useEffect(() => {
    let live = true;
    setSt((s) => ({ ...s, loading: true, error: null }));
    api('GET', `/requests/${id}`, null, { etag: true })
      .then(({ body, version }) => live && setSt({ rec: body, version, error: null, loading: false }))
      .catch((error) => live && setSt({ rec: null, version: null, error, loading: false }));
    return () => { live = false; };
  }, [id, n]);
  useEffect(() => {
    loadExperts().then((xs) => setExperts(new Map(xs.map((x) => [x.id, x])))).catch(() => setExperts(new Map()));
    loadAreas().then(setAreas).catch(() => setAreas(new Map()));
  }, []);
  const dossierId = st.rec && st.rec.dossier_id;
  useEffect(() => {
    if (!dossierId) return;
    api('GET', `/dossiers/${dossierId}`).then(setDossier).catch(() => setDossier(null));
  }, [dossierId]);

  const review = async () => {
    setBusy(true); setActErr(null); setStale(null);
    try {
      const r = await api('POST', `/requests/${id}/review`, null, { version: st.version, etag: true });
      setSt({ rec: { ...st.rec, updated_at: new Date().toISOString(), ...r.body }, version: r.version, error: null, loading: false });
    } catch (e) {
      if (e.status === 412 && e.current) onStale(e.current); else setActErr(e);
    }
    setBusy(false);
  };
  const onStale = (current) => {
    setStale(current.status);
    setN((x) => x + 1);
  };
  const onDecided = (summary, expertId, expertName, note) => {
    const extra = { assigned_expert_id: expertId || null, decided_at: new Date().toISOString(), decision_note: note };
    setSt((s) => ({ ...s, rec: { ...s.rec, ...extra, ...summary }, version: summary.version }));
    setResult({ summary, expertName });
  };

  const title = T('title');
  if (st.loading && !st.rec) return html`<${Page} title=${title}><${Loading} /></${Page}>`;
  if (st.error) {
    const back = coordinator ? html`<p><${Link} href="/queue">${T('to_queue')}</${Link}></p>` : null;
    if (st.error.status === 404) {
      return html`<${Page} title=${title}><div class="error-box" role="alert"><p>${T('gone')}</p></div>${back}</${Page}>`;
    }
    return html`<${Page} title=${title}><${ErrorBox} error=${st.error} onRetry=${() => setN((x) => x + 1)} />${back}</${Page}>`;
  }
  const rec = st.rec;
  const full = 'question' in rec;
  const sent = query && query.get && query.get('sent') === '1';
  const actions = html`
    ${full && rec.dossier_id ? html`<${Link} href=${'/dossiers/' + rec.dossier_id}>${T('to_dossier')}</${Link}>` : null}
    ${coordinator ? html`<${Link} href="/queue">${T('to_queue')}</${Link}>` : null}`;
  const canDecide = coordinator && !result;
  return html`<${Page} title=${title} actions=${actions}>
    <p class="rq-state"><${StatusBadge} status=${rec.status} />
      ${' '}<span>${T('submitted_on', { date: fmtDate(rec.created_at) })}${OPEN.includes(rec.status) ? ' · ' + waitingText(rec.age_days) : ''}</span></p>
    ${sent && !result ? html`<${Status}>${T('sent')}</${Status}>` : null}
    ${stale ? html`<div class="conflict" role="alert"><p>${T('stale', { status: statusLabel(stale) })}</p></div>` : null}
    ${result ? html`<${Done} id=${id} result=${result} />` : null}
    ${!full ? html`<p class="muted small">${T('summary_note')}</p>` : null}
    <section aria-labelledby="h-request">
      <h2 id="h-request">${T('h_request')}</h2>
      <div class="card"><${Facts} rec=${rec} experts=${experts} areas=${areas} dossier=${dossier} /></div>
    </section>
    ${actErr ? html`<${ErrorBox} error=${actErr} />` : null}
    ${canDecide && rec.status === 'submitted' ? html`<section class="card rq-card" aria-labelledby="h-review">
      <h2 id="h-review">${T('h_review')}</h2>
      <p>${T('review_body')}</p>
      <button type="button" onClick=${review} disabled=${busy}>${busy ? T('busy') : T('review')}</button>
    </section>` : null}
    ${canDecide && rec.status === 'in_review'
      ? html`<${Matches} key=${st.version} id=${id} version=${st.version} experts=${experts}
          onDecided=${onDecided} onStale=${onStale} />` : null}
    ${!coordinator && OPEN.includes(rec.status) ? html`<p>${T('requester_state')}</p>` : null}
    <section aria-labelledby="h-history">
      <h2 id="h-history">${T('h_history')}</h2>
      <${History} rec=${rec} experts=${experts} />
    </section>
  </${Page}>`;
}
