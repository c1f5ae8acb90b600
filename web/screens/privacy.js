// privacy.js: the privacy officer's screen. Three tabs, each a link with ?tab=:
//   review  Break-the-glass: grants waiting for review, oldest first; the officer judges
//           each one justified or not, with a note (If-Match). A reviewed grant leaves.
//   audit   Auditlog: the organisation's log, newest first, filtered by a form whose values
//           live in the URL (?event=&outcome=&actor_id=&client_id=&from=&to=), a page at a
//           time (before=next). Break-the-glass access stands out.
//   report  Toegangsrapport cliënt (?client_code= or ?client_id=): the NEN 7513 access report
//           of one client, oldest first, with a print layout (app.css, @media print).
//   rights  Verzoeken: the register of a client's rights requests (AVG) with the deadline
//           status in words (overdue, due within 7 days, on time); register, extend with a
//           reason, close; an open erasure request erases its client after the officer has
//           typed the client's code in a dialog (docs/client-rights.md).
// Every read here is itself written to the audit log; the screen says so.

import { html, useState, useEffect, useRef } from '../lib/html.js';
import { api, pager } from '../lib/api.js';
import { strings, lang, fmtDate, fmtDateTime, today } from '../lib/i18n.js';
import { Link, navigate } from '../lib/router.js';
import { me } from '../lib/session.js';
import {
  Page, Field, Radios, ErrorBox, ErrorSummary, fieldErrors, useConfirm, Conflict, More, Status, Loading, Empty,
} from '../lib/ui.js';
import { roleLabel } from './admin.js';

const T = strings({
  nl: {
    title: 'Privacy', tabs: 'Onderdelen van privacy', logged: 'Let op: elke keer dat u hier iets bekijkt, wordt dat zelf ook in het auditlog vastgelegd.',
    t_review: 'Break-the-glass', t_audit: 'Auditlog', t_report: 'Toegangsrapport cliënt', busy: 'Bezig…',
    // review
    review_intro: 'Medewerkers die zonder vaste rol in een dossier de noodtoegang (break-the-glass) gebruikten. Beoordeel per keer of het terecht was; het oudste staat bovenaan.',
    queue_empty: 'Er wacht geen break-the-glass op beoordeling.',
    grant_h: '{name} opende een dossier met break-the-glass', who: 'Wie', client: 'Cliënt', reason: 'Opgegeven reden',
    started: 'Gestart', duration: 'Duur', minutes: '{n} minuten (tot {until})', ended_early: 'zelf beëindigd op {at}',
    running: 'loopt nog', expired: 'afgelopen',
    client_report: 'Toegangsrapport van deze cliënt', client_log: 'Auditlog van deze cliënt',
    justified: 'Was deze toegang terecht?', j_yes: 'Ja, terecht', j_no: 'Nee, niet terecht',
    note: 'Toelichting', note_hint: 'Waarom u zo oordeelt (hoogstens 2000 tekens). Dit wordt bij de toegang bewaard.',
    save_review: 'Beoordeling opslaan', confirm_title: 'Beoordeling vastleggen?',
    confirm_yes: 'U legt vast dat de toegang van {name} terecht was. Een beoordeling kan daarna niet meer veranderen.',
    confirm_no: 'U legt vast dat de toegang van {name} niet terecht was. Een beoordeling kan daarna niet meer veranderen.',
    confirm_btn: 'Vastleggen', reviewed: 'De toegang van {name} is beoordeeld en staat niet meer in de wachtrij.',
    pick_outcome: 'Kies ja of nee.', need_note: 'Schrijf een korte toelichting.',
    // audit
    audit_intro: 'Wie wat deed in peerdesk, het nieuwste eerst. Toegang via break-the-glass is gemarkeerd.',
    filters: 'Filteren', event: 'Gebeurtenis', event_hint: 'Bijvoorbeeld dossier.read; kies uit de lijst of typ de code.',
    outcome: 'Uitkomst', any: 'Alle uitkomsten', worker: 'Medewerker (id)', worker_hint: 'Of klik in de lijst op een naam.',
    client_id: 'Cliënt (id)', client_id_hint: 'Of klik in de lijst op “cliënt”. Op cliëntcode zoekt u in het toegangsrapport.',
    from: 'Vanaf (datum)', to: 'Tot en met (datum)', apply: 'Filters toepassen', clear: 'Filters wissen',
    no_rows: 'Geen regels die bij deze filters passen.', no_rows_all: 'Het auditlog is nog leeg.',
    when: 'Wanneer', actor: 'Wie', on_behalf: 'Namens', what: 'Wat', basis: 'Grondslag', bg: 'Break-the-glass',
    anon: 'Onbekend (niet ingelogd)', only_worker: 'Alleen regels van {name}', about_client: 'cliënt',
    about_client_label: 'Alleen regels over deze cliënt', shown: '{n} regels getoond', caption_audit: 'Auditlog, nieuwste eerst',
    // report
    report_intro: 'Het toegangsrapport (NEN 7513) van één cliënt: iedereen die het dossier bekeek of wijzigde, het oudste eerst.',
    client_code: 'Cliëntcode', client_code_hint: 'Bijvoorbeeld BT-0101.', show_report: 'Rapport tonen',
    report_h: 'Toegangsrapport van cliënt {code}', report_meta: 'Opgesteld op {at} door {name}. {n} regels, waarvan {b} via break-the-glass.',
    report_empty: 'Er is nog niets vastgelegd over deze cliënt.', no_client: 'Er is geen cliënt met deze code in uw organisatie.',
    export_json: 'Alles van deze cliënt exporteren (JSON)', export_html: 'Alles van deze cliënt exporteren (HTML, afdrukbaar)',
    role: 'Rol', print: 'Afdrukken', bg_flag: 'Break-the-glass', yes: 'Ja', no: 'Nee', caption_report: 'Toegang tot de gegevens van cliënt {code}, oudste eerst',
    // rights
    t_rights: 'Verzoeken', rights_intro: 'Verzoeken van cliënten over hun gegevens (AVG). Beantwoord binnen een maand na ontvangst; verlengen kan één keer, met hoogstens twee maanden en een reden, zolang de eerste maand loopt.',
    new_h: 'Verzoek registreren', kind: 'Soort verzoek', received_on: 'Ontvangen op', rq_note: 'Notitie', rq_note_hint: 'Bijvoorbeeld hoe het verzoek binnenkwam (hoogstens 2000 tekens).',
    register: 'Verzoek registreren', registered: 'Verzoek {ref} is geregistreerd; uiterlijk beantwoorden op {due}.',
    list_h: 'Alle verzoeken', list_empty: 'Er zijn nog geen verzoeken geregistreerd.', caption_rights: 'Verzoeken, openstaande eerst op termijn',
    ref: 'Kenmerk', deadline: 'Termijn', status: 'Stand', actions: 'Acties', erased_client: 'gewist',
    overdue: 'Te laat: {n} dagen over de termijn', overdue1: 'Te laat: 1 dag over de termijn', due_today: 'Binnen 7 dagen: vandaag de laatste dag',
    due_soon: 'Binnen 7 dagen: nog {n} dagen', due_soon1: 'Binnen 7 dagen: nog 1 dag', on_time: 'Op tijd: nog {n} dagen',
    st_done: 'Afgehandeld op {d}', st_refused: 'Geweigerd op {d}', extended_to: 'verlengd tot {d}: {r}',
    extend: 'Verlengen', extend_h: 'Termijn van {ref} verlengen', months: 'Met hoeveel maanden', m1: '1 maand', m2: '2 maanden',
    ext_reason: 'Reden van verlenging', ext_reason_hint: 'Deze reden laat u de cliënt binnen de eerste maand weten.', do_extend: 'Termijn verlengen',
    extended: 'De termijn van {ref} is verlengd tot {d}.',
    close: 'Afsluiten', close_h: '{ref} afsluiten', outcome_rq: 'Uitkomst', o_done: 'Afgehandeld', o_refused: 'Geweigerd',
    close_note: 'Toelichting', close_note_hint: 'Bij weigeren verplicht: de reden die de cliënt hoort.', do_close: 'Verzoek afsluiten',
    closed: '{ref} is afgesloten.', cancel: 'Annuleren',
    erase: 'Cliënt {code} wissen', erase_h: 'Cliënt {code} definitief wissen?',
    erase_body: 'Alle gegevens van cliënt {code} worden definitief verwijderd: dossiers, notities, verzoeken, toestemmingen en noodtoegang. Consulten en casusbesprekingen blijven bestaan zonder koppeling en zonder tekst. Het auditlog blijft. Dit kan niet ongedaan worden gemaakt.',
    erase_type: 'Typ ter bevestiging de cliëntcode', erase_type_hint: 'Typ precies: {code}', do_erase: 'Definitief wissen',
    erased: 'Cliënt {code} is gewist ({n} regels verwijderd of losgekoppeld). Verzoek {ref} is afgehandeld.',
    erase_mismatch: 'Dit is niet de code van de cliënt.',
    kinds: { access: 'Inzage', erasure: 'Wissen', rectification: 'Correctie', restriction: 'Beperking', objection: 'Bezwaar', portability: 'Overdraagbaarheid' },
  },
  en: {
    title: 'Privacy', tabs: 'Parts of privacy', logged: 'Note: every time you look at something here, that look is itself written to the audit log.',
    t_review: 'Break the glass', t_audit: 'Audit log', t_report: 'Client access report', busy: 'Working…',
    review_intro: 'Workers without a regular role in a dossier who used emergency access (break the glass). Judge each time whether it was justified; the oldest is at the top.',
    queue_empty: 'No break-the-glass access is waiting for review.',
    grant_h: '{name} opened a dossier by breaking the glass', who: 'Who', client: 'Client', reason: 'Reason given',
    started: 'Started', duration: 'Duration', minutes: '{n} minutes (until {until})', ended_early: 'ended by them at {at}',
    running: 'still running', expired: 'over',
    client_report: 'Access report of this client', client_log: 'Audit log of this client',
    justified: 'Was this access justified?', j_yes: 'Yes, justified', j_no: 'No, not justified',
    note: 'Note', note_hint: 'Why you judge so (at most 2000 characters). It is kept with the access.',
    save_review: 'Save review', confirm_title: 'Record the review?',
    confirm_yes: 'You record that the access by {name} was justified. A review cannot change afterwards.',
    confirm_no: 'You record that the access by {name} was not justified. A review cannot change afterwards.',
    confirm_btn: 'Record', reviewed: 'The access by {name} has been reviewed and has left the queue.',
    pick_outcome: 'Choose yes or no.', need_note: 'Write a short note.',
    audit_intro: 'Who did what in peerdesk, newest first. Access by breaking the glass is marked.',
    filters: 'Filter', event: 'Event', event_hint: 'For example dossier.read; pick from the list or type the code.',
    outcome: 'Outcome', any: 'All outcomes', worker: 'Worker (id)', worker_hint: 'Or click a name in the list.',
    client_id: 'Client (id)', client_id_hint: 'Or click “client” in the list. To search by client code, use the access report.',
    from: 'From (date)', to: 'Up to and including (date)', apply: 'Apply filters', clear: 'Clear filters',
    no_rows: 'No entries match these filters.', no_rows_all: 'The audit log is still empty.',
    when: 'When', actor: 'Who', on_behalf: 'On behalf of', what: 'What', basis: 'Access basis', bg: 'Break the glass',
    anon: 'Unknown (not logged in)', only_worker: 'Only entries of {name}', about_client: 'client',
    about_client_label: 'Only entries about this client', shown: '{n} entries shown', caption_audit: 'Audit log, newest first',
    report_intro: 'The access report (NEN 7513) of one client: everyone who viewed or changed the dossier, oldest first.',
    client_code: 'Client code', client_code_hint: 'For example BT-0101.', show_report: 'Show report',
    report_h: 'Access report of client {code}', report_meta: 'Drawn up on {at} by {name}. {n} entries, {b} of them by breaking the glass.',
    report_empty: 'Nothing has been recorded about this client yet.', no_client: 'There is no client with this code in your organisation.',
    export_json: 'Export everything about this client (JSON)', export_html: 'Export everything about this client (HTML, printable)',
    role: 'Role', print: 'Print', bg_flag: 'Break the glass', yes: 'Yes', no: 'No', caption_report: 'Access to the records of client {code}, oldest first',
    t_rights: 'Rights requests', rights_intro: 'Requests from clients about their data (GDPR). Answer within one month of receipt; the deadline can be extended once, by at most two months with a reason, while the first month runs.',
    new_h: 'Register a request', kind: 'Kind of request', received_on: 'Received on', rq_note: 'Note', rq_note_hint: 'For example how the request came in (at most 2000 characters).',
    register: 'Register request', registered: 'Request {ref} is registered; answer by {due}.',
    list_h: 'All requests', list_empty: 'No requests have been registered yet.', caption_rights: 'Rights requests, open ones first by deadline',
    ref: 'Reference', deadline: 'Deadline', status: 'Status', actions: 'Actions', erased_client: 'erased',
    overdue: 'Overdue: {n} days past the deadline', overdue1: 'Overdue: 1 day past the deadline', due_today: 'Within 7 days: today is the last day',
    due_soon: 'Within 7 days: {n} days left', due_soon1: 'Within 7 days: 1 day left', on_time: 'On time: {n} days left',
    st_done: 'Done on {d}', st_refused: 'Refused on {d}', extended_to: 'extended to {d}: {r}',
    extend: 'Extend', extend_h: 'Extend the deadline of {ref}', months: 'By how many months', m1: '1 month', m2: '2 months',
    ext_reason: 'Reason for the extension', ext_reason_hint: 'You tell the client this reason within the first month.', do_extend: 'Extend deadline',
    extended: 'The deadline of {ref} is extended to {d}.',
    close: 'Close', close_h: 'Close {ref}', outcome_rq: 'Outcome', o_done: 'Done', o_refused: 'Refused',
    close_note: 'Note', close_note_hint: 'Required when refusing: the reason the client is told.', do_close: 'Close request',
    closed: '{ref} is closed.', cancel: 'Cancel',
    erase: 'Erase client {code}', erase_h: 'Erase client {code} for good?',
    erase_body: 'Everything about client {code} is deleted for good: dossiers, notes, requests, consents and emergency access. Consultations and case discussions stay, unlinked and without their text. The audit log stays. This cannot be undone.',
    erase_type: 'Type the client code to confirm', erase_type_hint: 'Type exactly: {code}', do_erase: 'Erase for good',
    erased: 'Client {code} is erased ({n} rows deleted or unlinked). Request {ref} is done.',
    erase_mismatch: 'This is not the client\'s code.',
    kinds: { access: 'Access', erasure: 'Erasure', rectification: 'Rectification', restriction: 'Restriction', objection: 'Objection', portability: 'Portability' },
  },
});

// Audit events in words: [nl, en].
const EVENTS = {
  'session.create': ['Ingelogd', 'Logged in'], 'session.end': ['Uitgelogd', 'Logged out'],
  'session.totp': ['Tweede inlogstap', 'Second login step'], 'totp.enrol': ['Tweede stap instellen begonnen', 'Began setting up the second step'],
  'totp.verify': ['Tweede stap ingesteld', 'Second step set up'], 'me.update': ['Eigen taal gewijzigd', 'Own language changed'],
  'org.create': ['Organisatie aangemaakt', 'Organisation created'], 'worker.create': ['Medewerker toegevoegd', 'Worker added'],
  'worker.update': ['Medewerker gewijzigd', 'Worker changed'], 'worker.disable': ['Medewerker uitgeschakeld', 'Worker disabled'],
  'worker.password': ['Wachtwoord ingesteld', 'Password set'], 'team.create': ['Team aangemaakt', 'Team created'],
  'team.member_add': ['Teamlid toegevoegd', 'Team member added'], 'team.member_remove': ['Teamlid uit team gehaald', 'Team member removed'],
  'area.create': ['Gebied aangemaakt', 'Area created'], 'vocab.create': ['Code toegevoegd', 'Code added'],
  'vocab.update': ['Code gewijzigd', 'Code changed'], 'profile.update': ['Ervaringsprofiel gewijzigd', 'Experience profile changed'],
  'audit.read': ['Auditlog bekeken', 'Audit log viewed'], 'audit.access_report': ['Toegangsrapport bekeken', 'Access report viewed'],
  'assignment.create': ['Toegewezen aan dossier', 'Assigned to dossier'], 'assignment.end': ['Toewijzing beëindigd', 'Assignment ended'],
  'assignment.intensity': ['Intensiteit aangepast', 'Intensity changed'],
  'break_glass.queue': ['Break-the-glass-wachtrij bekeken', 'Break-the-glass queue viewed'],
  'break_glass.review': ['Break-the-glass beoordeeld', 'Break the glass reviewed'],
  'break_glass.start': ['Break-the-glass gestart', 'Broke the glass'], 'break_glass.stop': ['Break-the-glass beëindigd', 'Break the glass ended'],
  'bridging.create': ['Overbrugging gestart', 'Bridging started'], 'bridging.end': ['Overbrugging beëindigd', 'Bridging ended'],
  'case_discussion.create': ['Casusbespreking vastgelegd', 'Case discussion recorded'],
  'case_discussion.list': ['Casusbesprekingen bekeken', 'Case discussions viewed'],
  'client.create': ['Cliënt ingeschreven', 'Client registered'], 'client.read': ['Cliëntgegevens bekeken', 'Client details viewed'],
  'client.update': ['Cliëntgegevens gewijzigd', 'Client details changed'],
  'client.export': ['Alle gegevens van de cliënt geëxporteerd', 'Everything about the client exported'], 'consent.create': ['Toestemming vastgelegd', 'Consent recorded'],
  'consultation.create': ['Consult vastgelegd', 'Consultation logged'], 'consultation.list': ['Consulten bekeken', 'Consultations viewed'],
  'consultation.read': ['Consult bekeken', 'Consultation viewed'], 'consultation.update': ['Consult gewijzigd', 'Consultation changed'],
  'dossier.close': ['Dossier afgesloten', 'Dossier closed'], 'dossier.list': ['Dossierlijst bekeken', 'Dossier list viewed'],
  'dossier.read': ['Dossier bekeken', 'Dossier viewed'], 'dossier.reopen': ['Dossier heropend', 'Dossier reopened'],
  'dossier.responsible': ['Regie overgedragen', 'Responsibility handed over'], 'dossier.update': ['Dossier gewijzigd', 'Dossier changed'],
  'evaluation.create': ['Evaluatie gepland', 'Evaluation planned'], 'evaluation.due': ['Te evalueren dossiers bekeken', 'Evaluations due viewed'],
  'evaluation.update': ['Evaluatie vastgelegd', 'Evaluation recorded'], 'note.create': ['Notitie geschreven', 'Note written'],
  'note.read': ['Notitie gelezen', 'Note read'], 'note.update': ['Notitie gewijzigd', 'Note changed'],
  'referral.create': ['Verwijzing vastgelegd', 'Referral recorded'], 'request.create': ['Inzetverzoek ingediend', 'Request submitted'],
  'request.decide': ['Besluit over inzetverzoek', 'Request decided'], 'request.list': ['Wachtrij inzetverzoeken bekeken', 'Request queue viewed'],
  'request.match': ['Matches bekeken', 'Matches viewed'], 'request.read': ['Inzetverzoek bekeken', 'Request viewed'],
  'request.review': ['Inzetverzoek in behandeling genomen', 'Request taken into review'], search: ['Gezocht in notities', 'Searched notes'],
  'timeline.read': ['Tijdlijn bekeken', 'Timeline viewed'],
  'client.erase': ['Cliënt gewist', 'Client erased'], 'rights_request.create': ['Verzoek geregistreerd', 'Rights request registered'],
  'rights_request.list': ['Verzoeken bekeken', 'Rights requests viewed'], 'rights_request.read': ['Verzoek bekeken', 'Rights request viewed'],
  'rights_request.extend': ['Termijn van verzoek verlengd', 'Rights request extended'], 'rights_request.close': ['Verzoek afgesloten', 'Rights request closed'],
  'rights_request.delete': ['Verzoek na bewaartermijn verwijderd', 'Rights request removed after retention'],
  'retention.scan': ['Bewaartermijnen nagelopen', 'Retention checked'], 'retention.update': ['Bewaartermijn gewijzigd', 'Retention changed'],
};
const ACTIONS = { C: ['aanmaken', 'create'], R: ['lezen', 'read'], U: ['wijzigen', 'update'], D: ['verwijderen', 'delete'], E: ['uitvoeren', 'execute'] };
const OUTCOMES = { success: ['Gelukt', 'Succeeded'], failure: ['Mislukt', 'Failed'], denied: ['Geweigerd', 'Denied'] };
const BASES = {
  responsible: ['Regiehouder van het dossier', 'Responsible for the dossier'], assignment: ['Toegewezen aan het dossier', 'Assigned to the dossier'],
  bridging: ['Overbrugging', 'Bridging'], coordinator: ['Coördinator expertteam', 'Expert team coordinator'],
  break_glass: ['Break-the-glass', 'Break the glass'], admin: ['Beheer', 'Administration'], self: ['Eigen gegevens', 'Own account'],
  public: ['Openbaar', 'Public'], privacy_officer: ['Privacyfunctionaris', 'Privacy officer'],
  cli: ['Console op de server', 'Server console'], retention: ['Bewaartermijn verstreken', 'Retention passed'],
};
// actor_role 'cli': the peerdesk command on the server (init, demo data), not a worker role.
const actorRole = (r) => (r === 'cli' ? word(BASES, 'cli') : roleLabel(r));
const word = (map, k) => (map[k] ? map[k][lang() === 'en' ? 1 : 0] : k);
const eventLabel = (e) => word(EVENTS, e);
const actionLabel = (a) => word(ACTIONS, a);
const outcomeLabel = (o) => word(OUTCOMES, o);
const basisLabel = (b) => (b ? word(BASES, b) : '—');

const TABS = ['review', 'audit', 'report', 'rights'];

function Tabs({ current }) {
  const names = { review: T('t_review'), audit: T('t_audit'), report: T('t_report'), rights: T('t_rights') };
  return html`<nav class="tabs pv-noprint" aria-label=${T('tabs')}>
    ${TABS.map((k) => html`<${Link} href=${'/privacy?tab=' + k} aria-current=${k === current ? 'page' : undefined}>${names[k]}</${Link}>`)}
  </nav>`;
}

export function PrivacyScreen({ query }) {
  const q = query || new URLSearchParams();
  const tab = TABS.includes(q.get('tab')) ? q.get('tab') : 'review';
  return html`<${Page} title=${T('title')}>
    <p class="pv-logged pv-noprint">${T('logged')}</p>
    <${Tabs} current=${tab} />
    ${tab === 'review' ? html`<${Review} />` : tab === 'audit' ? html`<${Audit} q=${q} />` : tab === 'rights' ? html`<${Rights} />` : html`<${Report} q=${q} />`}
  </${Page}>`;
}

// ---- Break-the-glass review ----

function Review() {
  const [p] = useState(() => pager('/break-glass/review'));
  const [st, setSt] = useState({ items: [], loading: true, error: null, done: false, first: true });
  const [status, setStatus] = useState('');
  const more = async () => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    try {
      const items = await p.more();
      setSt((s) => ({ items: [...s.items, ...items], loading: false, error: null, done: p.done, first: false }));
    } catch (error) { setSt((s) => ({ ...s, loading: false, error })); }
  };
  useEffect(() => { more(); }, []);
  const done = (g) => {
    setSt((s) => ({ ...s, items: s.items.filter((x) => x.id !== g.id) }));
    setStatus(T('reviewed', { name: g.worker ? g.worker.name : '' }));
  };
  return html`<section aria-labelledby="h-review">
    <h2 id="h-review">${T('t_review')}</h2>
    <p>${T('review_intro')}</p>
    <${Status}>${status}</${Status}>
    ${st.error ? html`<${ErrorBox} error=${st.error} onRetry=${more} />` : null}
    ${st.first && st.loading ? html`<${Loading} />` : null}
    ${!st.first && !st.items.length && !st.error ? html`<${Empty}>${T('queue_empty')}</${Empty}>` : null}
    ${st.items.length ? html`<ul class="plain pv-grants">${st.items.map((g) => html`<li key=${g.id}><${Grant} g=${g} onDone=${done} /></li>`)}</ul>` : null}
    ${!st.first && st.items.length ? html`<${More} onMore=${more} loading=${st.loading} done=${st.done} />` : null}
  </section>`;
}

function Grant({ g: initial, onDone }) {
  const [g, setG] = useState(initial);
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [local, setLocal] = useState({});
  const [ask, dialog] = useConfirm();
  const name = g.worker ? g.worker.name : '?';
  const start = new Date(g.started_at);
  const end = new Date(g.expires_at);
  const mins = Math.round((end - start) / 60000);
  const now = Date.now();
  const kOut = 'outcome-' + g.id;
  const kNote = 'note-' + g.id;
  const hId = 'h-grant-' + g.id;

  const put = async (version) => {
    setBusy(true); setErr(null);
    try {
      const r = await api('POST', `/break-glass/${encodeURIComponent(g.id)}/review`, { outcome, note: note.trim() }, { version });
      onDone(r);
    } catch (x) {
      setErr(x); setBusy(false);
      if (x.status === 412 && x.current && x.current.reviewed_at) onDone(x.current);
    }
  };
  const submit = async (e) => {
    e.preventDefault();
    const miss = {};
    if (!outcome) miss[kOut] = T('pick_outcome');
    if (!note.trim()) miss[kNote] = T('need_note');
    setLocal(miss);
    if (Object.keys(miss).length) return;
    const ok = await ask({ title: T('confirm_title'), body: T(outcome === 'justified' ? 'confirm_yes' : 'confirm_no', { name }), confirm: T('confirm_btn') });
    if (ok) put(g.version);
  };
  const fe0 = err && err.status !== 412 ? fieldErrors(err) : {};
  const fe = { ...local };
  if (fe0.outcome) fe[kOut] = fe0.outcome;
  if (fe0.note) fe[kNote] = fe0.note;
  const state = g.ended_at ? T('ended_early', { at: fmtDateTime(g.ended_at) }) : end.getTime() > now ? T('running') : T('expired');
  const words = (v) => (v === 'justified' ? T('j_yes') : v === 'unjustified' ? T('j_no') : v);
  return html`<article class="card pv-grant" aria-labelledby=${hId}>
    <h3 id=${hId}>${T('grant_h', { name })}</h3>
    <dl class="facts">
      <dt>${T('who')}</dt><dd>${name}${g.worker && g.worker.email ? html` <span class="muted">(${g.worker.email})</span>` : null}</dd>
      <dt>${T('client')}</dt><dd>
        <${Link} href=${'/privacy?tab=report&client_id=' + encodeURIComponent(g.client_id)}>${T('client_report')}</${Link}>
        <span class="muted"> · </span>
        <${Link} href=${'/privacy?tab=audit&client_id=' + encodeURIComponent(g.client_id)}>${T('client_log')}</${Link}></dd>
      <dt>${T('reason')}</dt><dd class="pv-reason">${g.reason}</dd>
      <dt>${T('started')}</dt><dd>${fmtDateTime(g.started_at)}</dd>
      <dt>${T('duration')}</dt><dd>${T('minutes', { n: mins, until: fmtDateTime(g.expires_at) })}; ${state}</dd>
    </dl>
    <${Conflict} error=${err} mine=${{ review_outcome: words(outcome), review_note: note, ended_at: '' }}
      fields=${[['ended_at', T('duration')], ['review_outcome', T('justified')], ['review_note', T('note')]]}
      onKeepMine=${(v) => { setG({ ...g, ...(err.current || {}), worker: g.worker }); put(v); }}
      onTakeTheirs=${(theirs) => { setG({ ...g, ...theirs, worker: g.worker }); setErr(null); }} />
    <form class="pv-review-form" onSubmit=${submit} noValidate aria-label=${T('justified') + ' ' + name}>
      <${ErrorSummary} errors=${fe} labels=${{ [kOut]: T('justified'), [kNote]: T('note') }} />
      ${err && err.status !== 412 && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${Radios} name=${kOut} legend=${T('justified')} required value=${outcome} error=${fe[kOut]} onChange=${setOutcome}
        options=${[{ value: 'justified', label: T('j_yes') }, { value: 'unjustified', label: T('j_no') }]} />
      <${Field} name=${kNote} as="textarea" label=${T('note')} hint=${T('note_hint')} required maxlength="2000"
        value=${note} error=${fe[kNote]} onInput=${(e) => setNote(e.target.value)} />
      <button type="submit" disabled=${busy}>${busy ? T('busy') : T('save_review')}</button>
    </form>
    ${dialog}
  </article>`;
}

// ---- Auditlog ----

const FILTERS = ['event', 'outcome', 'actor_id', 'client_id', 'from', 'to'];

function Audit({ q }) {
  const filters = {};
  for (const k of FILTERS) filters[k] = q.get(k) || '';
  const [f, setF] = useState(filters);
  const [st, setSt] = useState({ items: [], next: null, loading: true, error: null, first: true });
  const load = async (before) => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await api('GET', '/audit', null, { query: { ...filters, before } });
      setSt((s) => ({ items: [...(before ? s.items : []), ...(page.items || [])], next: page.next, loading: false, error: null, first: false }));
    } catch (error) { setSt((s) => ({ ...s, loading: false, error, first: false })); }
  };
  useEffect(() => { load(); }, []);
  const submit = (e) => {
    e.preventDefault();
    const p = new URLSearchParams({ tab: 'audit' });
    for (const k of FILTERS) if (f[k].trim()) p.set(k, f[k].trim());
    navigate('/privacy?' + p.toString());
  };
  const filterErr = st.error && st.error.status === 422 ? fieldErrors(st.error) : {};
  const any = FILTERS.some((k) => filters[k]);
  const link = (k, v) => {
    const p = new URLSearchParams({ tab: 'audit' });
    for (const x of FILTERS) if (filters[x]) p.set(x, filters[x]);
    p.set(k, v);
    return '/privacy?' + p.toString();
  };
  const set = (k) => (e) => setF({ ...f, [k]: e.target.value });
  const labels = { event: T('event'), outcome: T('outcome'), actor_id: T('worker'), client_id: T('client_id'), from: T('from'), to: T('to') };
  return html`<section aria-labelledby="h-audit">
    <h2 id="h-audit">${T('t_audit')}</h2>
    <p>${T('audit_intro')}</p>
    <form class="card pv-filters" onSubmit=${submit} noValidate aria-labelledby="h-filters">
      <h3 id="h-filters" class="pv-form-h">${T('filters')}</h3>
      <${ErrorSummary} errors=${filterErr} labels=${labels} />
      <div class="pv-filter-grid">
        <${Field} name="event" label=${T('event')} hint=${T('event_hint')} list="pv-events" autocomplete="off" spellcheck="false"
          value=${f.event} onInput=${set('event')} error=${filterErr.event} />
        <${Field} name="outcome" as="select" label=${T('outcome')} value=${f.outcome} onChange=${set('outcome')} error=${filterErr.outcome}
          options=${[{ value: '', label: T('any') }, ...Object.keys(OUTCOMES).map((o) => ({ value: o, label: outcomeLabel(o) }))]} />
        <${Field} name="actor_id" label=${T('worker')} hint=${T('worker_hint')} autocomplete="off" spellcheck="false"
          value=${f.actor_id} onInput=${set('actor_id')} error=${filterErr.actor_id} />
        <${Field} name="client_id" label=${T('client_id')} hint=${T('client_id_hint')} autocomplete="off" spellcheck="false"
          value=${f.client_id} onInput=${set('client_id')} error=${filterErr.client_id} />
        <${Field} name="from" type="date" label=${T('from')} value=${f.from} onInput=${set('from')} error=${filterErr.from} />
        <${Field} name="to" type="date" label=${T('to')} value=${f.to} onInput=${set('to')} error=${filterErr.to} />
      </div>
      <datalist id="pv-events">${Object.keys(EVENTS).sort().map((e) => html`<option value=${e}>${eventLabel(e)}</option>`)}</datalist>
      <div class="actions">
        <button type="submit">${T('apply')}</button>
        ${any ? html`<${Link} href="/privacy?tab=audit" class="pv-clear">${T('clear')}</${Link}>` : null}
      </div>
    </form>
    ${st.error && st.error.status !== 422 ? html`<${ErrorBox} error=${st.error} onRetry=${() => load()} />` : null}
    ${st.first ? html`<${Loading} />` : null}
    ${!st.first && !st.error && !st.items.length ? html`<${Empty}>${any ? T('no_rows') : T('no_rows_all')}</${Empty}>` : null}
    ${st.items.length ? html`<p class="muted small" role="status">${T('shown', { n: st.items.length })}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label=${T('caption_audit')}><table class="pv-log">
      <caption class="pv-sr">${T('caption_audit')}</caption>
      <thead><tr><th scope="col">${T('when')}</th><th scope="col">${T('actor')}</th><th scope="col">${T('on_behalf')}</th>
        <th scope="col">${T('what')}</th><th scope="col">${T('outcome')}</th><th scope="col">${T('basis')}</th></tr></thead>
      <tbody>${st.items.map((r) => html`<tr key=${r.seq} class=${r.break_glass ? 'pv-bg' : ''}>
        <td class="pv-when">${fmtDateTime(r.at)}</td>
        <td>${r.actor_user_id
          ? html`<${Link} href=${link('actor_id', r.actor_user_id)} title=${T('only_worker', { name: r.actor_name || '' })}>${r.actor_name || r.actor_user_id}</${Link}>`
          : html`<span class="muted">${r.actor_role === 'cli' ? word(BASES, 'cli') : T('anon')}</span>`}
          ${r.actor_role && r.actor_role !== 'cli' ? html`<br /><span class="muted small">${actorRole(r.actor_role)}</span>` : null}</td>
        <td>${r.on_behalf_name || '—'}</td>
        <td>${eventLabel(r.event)}<br /><span class="muted small"><code class="pv-event">${r.event}</code> · ${actionLabel(r.action)}</span>
          ${r.client_id ? html`<br /><${Link} class="small" href=${link('client_id', r.client_id)} aria-label=${T('about_client_label')}>${T('about_client')}</${Link}>` : null}</td>
        <td><${OutcomeBadge} o=${r.outcome} /></td>
        <td>${r.break_glass ? html`<strong class="badge warn pv-bg-badge">${T('bg')}</strong>` : basisLabel(r.access_basis)}</td>
      </tr>`)}</tbody>
    </table></div>` : null}
    ${!st.first && st.items.length ? html`<${More} onMore=${() => load(st.next)} loading=${st.loading} done=${!st.next} />` : null}
  </section>`;
}

function OutcomeBadge({ o }) {
  const cls = o === 'success' ? 'badge ok' : o === 'denied' ? 'badge warn' : 'badge';
  return html`<span class=${cls}>${outcomeLabel(o)}</span>`;
}

// ---- Toegangsrapport ----

function Report({ q }) {
  const code = q.get('client_code') || '';
  const cid = q.get('client_id') || '';
  const [input, setInput] = useState(code);
  const [st, setSt] = useState({ rep: null, error: null, loading: !!(code || cid), at: null });
  useEffect(() => {
    if (!code && !cid) return;
    let live = true;
    api('GET', '/audit/access-report', null, { query: code ? { client_code: code } : { client_id: cid } })
      .then((rep) => live && setSt({ rep, error: null, loading: false, at: new Date().toISOString() }))
      .catch((error) => live && setSt({ rep: null, error, loading: false, at: null }));
    return () => { live = false; };
  }, []);
  useEffect(() => { if (st.rep && !input) setInput(st.rep.client_code || ''); }, [st.rep]);
  const submit = (e) => {
    e.preventDefault();
    const v = input.trim();
    navigate('/privacy?tab=report' + (v ? '&client_code=' + encodeURIComponent(v) : ''));
  };
  const notFound = st.error && st.error.status === 404;
  const fe = st.error && st.error.status === 422 ? fieldErrors(st.error) : {};
  if (notFound) fe.client_code = T('no_client');
  const rep = st.rep;
  const items = (rep && rep.items) || [];
  const bgCount = items.filter((r) => r.break_glass).length;
  const user = me() || {};
  return html`<section aria-labelledby="h-report">
    <h2 id="h-report" class="pv-noprint">${T('t_report')}</h2>
    <p class="pv-noprint">${T('report_intro')}</p>
    <form class="card pv-noprint pv-report-form" onSubmit=${submit} noValidate aria-labelledby="h-report">
      <${ErrorSummary} errors=${fe} labels=${{ client_code: T('client_code'), client_id: T('client_id') }} />
      <div class="pv-search-row">
        <${Field} name="client_code" label=${T('client_code')} hint=${T('client_code_hint')} required autocomplete="off" spellcheck="false"
          value=${input} onInput=${(e) => setInput(e.target.value)} error=${fe.client_code} />
        <button type="submit">${T('show_report')}</button>
      </div>
    </form>
    ${st.loading ? html`<${Loading} />` : null}
    ${st.error && !notFound && st.error.status !== 422 ? html`<${ErrorBox} error=${st.error} />` : null}
    ${rep ? html`<section class="pv-report" aria-labelledby="h-report-of">
      <div class="pv-report-head">
        <h3 id="h-report-of">${T('report_h', { code: rep.client_code })}</h3>
        <button type="button" class="secondary pv-noprint" onClick=${() => window.print()}>${T('print')}</button>
      </div>
      <p class="pv-noprint pv-export">
        <a href=${'/api/v1/clients/' + encodeURIComponent(rep.client_id) + '/export'} download>${T('export_json')}</a>
        · <a href=${'/api/v1/clients/' + encodeURIComponent(rep.client_id) + '/export.html'} download>${T('export_html')}</a>
      </p>
      <p class="muted">${T('report_meta', { at: fmtDateTime(st.at), name: user.name || user.email || '', n: items.length, b: bgCount })}</p>
      ${!items.length ? html`<${Empty}>${T('report_empty')}</${Empty}>` : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-report-of"><table class="pv-log pv-report-table">
        <caption class="pv-sr">${T('caption_report', { code: rep.client_code })}</caption>
        <thead><tr><th scope="col">${T('when')}</th><th scope="col">${T('actor')}</th><th scope="col">${T('role')}</th>
          <th scope="col">${T('on_behalf')}</th><th scope="col">${T('what')}</th><th scope="col">${T('basis')}</th>
          <th scope="col">${T('bg_flag')}</th></tr></thead>
        <tbody>${items.map((r) => html`<tr key=${r.seq} class=${r.break_glass ? 'pv-bg' : ''}>
          <td class="pv-when">${fmtDateTime(r.at)}</td>
          <td>${r.actor_name || html`<span class="muted">${r.actor_role === 'cli' ? word(BASES, 'cli') : T('anon')}</span>`}</td>
          <td>${r.actor_role ? actorRole(r.actor_role) : '—'}</td>
          <td>${r.on_behalf_name || '—'}</td>
          <td>${eventLabel(r.event)} <span class="muted small">(${actionLabel(r.action)}${r.outcome !== 'success' ? ', ' + outcomeLabel(r.outcome).toLowerCase() : ''})</span></td>
          <td>${basisLabel(r.access_basis)}</td>
          <td>${r.break_glass ? html`<strong class="badge warn pv-bg-badge">${T('yes')}</strong>` : T('no')}</td>
        </tr>`)}</tbody>
      </table></div>`}
    </section>` : null}
  </section>`;
}

// ---- Verzoeken (rights requests) ----

const KINDS = ['access', 'erasure', 'rectification', 'restriction', 'objection', 'portability'];
const kindLabel = (k) => (T('kinds') || {})[k] || k;

// The deadline in words: overdue in red (class) and said in the text, not by colour alone.
function Deadline({ r }) {
  if (r.status === 'done') return html`<span>${T('st_done', { d: fmtDate(r.done_on) })}</span>`;
  if (r.status === 'refused') return html`<span>${T('st_refused', { d: fmtDate(r.done_on) })}</span>`;
  const n = r.days_left;
  if (r.deadline_status === 'overdue') {
    return html`<strong class="pv-overdue">${-n === 1 ? T('overdue1') : T('overdue', { n: -n })}</strong>`;
  }
  if (r.deadline_status === 'due_soon') {
    return html`<strong class="badge warn">${n === 0 ? T('due_today') : n === 1 ? T('due_soon1') : T('due_soon', { n })}</strong>`;
  }
  return html`<span>${T('on_time', { n })}</span>`;
}

function Rights() {
  const [st, setSt] = useState({ items: [], loading: true, error: null });
  const [status, setStatus] = useState('');
  const load = async () => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    try {
      const r = await api('GET', '/rights-requests');
      setSt({ items: r.items || [], loading: false, error: null });
    } catch (error) { setSt((s) => ({ ...s, loading: false, error })); }
  };
  useEffect(() => { load(); }, []);
  const changed = (msg) => { setStatus(msg); load(); };
  return html`<section aria-labelledby="h-rights">
    <h2 id="h-rights">${T('t_rights')}</h2>
    <p>${T('rights_intro')}</p>
    <${Status}>${status}</${Status}>
    <${NewRequest} onDone=${changed} />
    <h3 id="h-rights-list">${T('list_h')}</h3>
    ${st.error ? html`<${ErrorBox} error=${st.error} onRetry=${load} />` : null}
    ${st.loading && !st.items.length ? html`<${Loading} />` : null}
    ${!st.loading && !st.error && !st.items.length ? html`<${Empty}>${T('list_empty')}</${Empty}>` : null}
    ${st.items.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-rights-list"><table class="pv-log pv-rights">
      <caption class="pv-sr">${T('caption_rights')}</caption>
      <thead><tr><th scope="col">${T('ref')}</th><th scope="col">${T('client')}</th><th scope="col">${T('kind')}</th>
        <th scope="col">${T('received_on')}</th><th scope="col">${T('deadline')}</th><th scope="col">${T('status')}</th>
        <th scope="col">${T('actions')}</th></tr></thead>
      <tbody>${st.items.map((r) => html`<tr key=${r.id} class=${r.deadline_status === 'overdue' ? 'pv-row-overdue' : ''}>
        <th scope="row">${r.reference}</th>
        <td>${r.client ? r.client.code : html`<span class="muted">${T('erased_client')}</span>`}</td>
        <td>${kindLabel(r.kind)}</td>
        <td>${fmtDate(r.received_on)}</td>
        <td>${fmtDate(r.deadline_on)}${r.extended_due_on ? html`<br /><span class="muted small">${T('extended_to', { d: fmtDate(r.extended_due_on), r: r.extension_reason })}</span>` : null}</td>
        <td><${Deadline} r=${r} /></td>
        <td>${r.status === 'open' ? html`<${RequestActions} r=${r} onDone=${changed} />` : null}</td>
      </tr>`)}</tbody>
    </table></div>` : null}
  </section>`;
}

function NewRequest({ onDone }) {
  const [f, setF] = useState({ client_code: '', kind: 'access', received_on: today(), note: '' });
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setF({ ...f, [k]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      const body = { client_code: f.client_code.trim(), kind: f.kind, received_on: f.received_on || null };
      if (f.note.trim()) body.note = f.note.trim();
      const r = await api('POST', '/rights-requests', body);
      setF({ client_code: '', kind: 'access', received_on: today(), note: '' });
      onDone(T('registered', { ref: r.reference, due: fmtDate(r.due_on) }));
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const fe = fieldErrors(err);
  const labels = { client_code: T('client_code'), kind: T('kind'), received_on: T('received_on'), note: T('rq_note') };
  return html`<form class="card pv-new-request" onSubmit=${submit} noValidate aria-labelledby="h-new-request">
    <h3 id="h-new-request" class="pv-form-h">${T('new_h')}</h3>
    <${ErrorSummary} errors=${fe} labels=${labels} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <div class="pv-filter-grid">
      <${Field} name="client_code" label=${T('client_code')} hint=${T('client_code_hint')} required autocomplete="off" spellcheck="false"
        value=${f.client_code} onInput=${set('client_code')} error=${fe.client_code} />
      <${Field} name="kind" as="select" label=${T('kind')} required value=${f.kind} onChange=${set('kind')} error=${fe.kind}
        options=${KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
      <${Field} name="received_on" type="date" label=${T('received_on')} required max=${today()} value=${f.received_on}
        onInput=${set('received_on')} error=${fe.received_on} />
    </div>
    <${Field} name="note" as="textarea" label=${T('rq_note')} hint=${T('rq_note_hint')} maxlength="2000"
      value=${f.note} onInput=${set('note')} error=${fe.note} />
    <div class="actions"><button type="submit" disabled=${busy}>${busy ? T('busy') : T('register')}</button></div>
  </form>`;
}

// Extend, close and (for an erasure request) erase: each opens its own small form.
function RequestActions({ r, onDone }) {
  const [open, setOpen] = useState('');
  const toggle = (k) => () => setOpen(open === k ? '' : k);
  const done = (msg) => { setOpen(''); onDone(msg); };
  return html`<div class="pv-rq-actions">
    <div class="actions">
      ${r.extended_due_on || r.deadline_status === 'overdue' ? null
        : html`<button type="button" class="secondary" aria-expanded=${open === 'extend' ? 'true' : 'false'} onClick=${toggle('extend')}>${T('extend')}</button>`}
      <button type="button" class="secondary" aria-expanded=${open === 'close' ? 'true' : 'false'} onClick=${toggle('close')}>${T('close')}</button>
      ${r.kind === 'erasure' && r.client ? html`<${EraseButton} r=${r} onDone=${onDone} />` : null}
    </div>
    ${open === 'extend' ? html`<${ExtendForm} r=${r} onDone=${done} onCancel=${() => setOpen('')} />` : null}
    ${open === 'close' ? html`<${CloseForm} r=${r} onDone=${done} onCancel=${() => setOpen('')} />` : null}
  </div>`;
}

function ExtendForm({ r, onDone, onCancel }) {
  const [months, setMonths] = useState('2');
  const [reason, setReason] = useState('');
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = 'ext-' + r.id;
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      const x = await api('POST', `/rights-requests/${encodeURIComponent(r.id)}/extend`, { months: Number(months), reason: reason.trim() }, { version: r.version });
      onDone(T('extended', { ref: x.reference, d: fmtDate(x.extended_due_on) }));
    } catch (x) { setErr(x); setBusy(false); }
  };
  const fe0 = fieldErrors(err);
  const fe = {};
  if (fe0.months) fe['months-' + id] = fe0.months;
  if (fe0.reason) fe['reason-' + id] = fe0.reason;
  return html`<form class="pv-rq-form" onSubmit=${submit} noValidate aria-label=${T('extend_h', { ref: r.reference })}>
    <${ErrorSummary} errors=${fe} labels=${{ ['months-' + id]: T('months'), ['reason-' + id]: T('ext_reason') }} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Radios} name=${'months-' + id} legend=${T('months')} required value=${months} error=${fe['months-' + id]} onChange=${setMonths}
      options=${[{ value: '1', label: T('m1') }, { value: '2', label: T('m2') }]} />
    <${Field} name=${'reason-' + id} as="textarea" label=${T('ext_reason')} hint=${T('ext_reason_hint')} required maxlength="1000"
      value=${reason} error=${fe['reason-' + id]} onInput=${(e) => setReason(e.target.value)} />
    <div class="actions">
      <button type="submit" disabled=${busy}>${busy ? T('busy') : T('do_extend')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
    </div>
  </form>`;
}

function CloseForm({ r, onDone, onCancel }) {
  const [outcome, setOutcome] = useState(r.kind === 'erasure' ? 'refused' : 'done');
  const [note, setNote] = useState('');
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = 'close-' + r.id;
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      const body = { status: outcome };
      if (note.trim()) body.note = note.trim();
      const x = await api('POST', `/rights-requests/${encodeURIComponent(r.id)}/close`, body, { version: r.version });
      onDone(T('closed', { ref: x.reference }));
    } catch (x) { setErr(x); setBusy(false); }
  };
  const fe0 = fieldErrors(err);
  const fe = {};
  if (fe0.status) fe['status-' + id] = fe0.status;
  if (fe0.note) fe['note-' + id] = fe0.note;
  if (fe0.done_on) fe['status-' + id] = fe0.done_on;
  const options = r.kind === 'erasure' ? [{ value: 'refused', label: T('o_refused') }]
    : [{ value: 'done', label: T('o_done') }, { value: 'refused', label: T('o_refused') }];
  return html`<form class="pv-rq-form" onSubmit=${submit} noValidate aria-label=${T('close_h', { ref: r.reference })}>
    <${ErrorSummary} errors=${fe} labels=${{ ['status-' + id]: T('outcome_rq'), ['note-' + id]: T('close_note') }} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Radios} name=${'status-' + id} legend=${T('outcome_rq')} required value=${outcome} error=${fe['status-' + id]} onChange=${setOutcome} options=${options} />
    <${Field} name=${'note-' + id} as="textarea" label=${T('close_note')} hint=${T('close_note_hint')} required=${outcome === 'refused'} maxlength="2000"
      value=${note} error=${fe['note-' + id]} onInput=${(e) => setNote(e.target.value)} />
    <div class="actions">
      <button type="submit" disabled=${busy}>${busy ? T('busy') : T('do_close')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
    </div>
  </form>`;
}

// Erasure: a modal dialog in which the officer types the client's code; the button only
// works when it matches, and the server checks it again (confirm_code).
function EraseButton({ r, onDone }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [err, setErr] = useState(null);
  const [local, setLocal] = useState('');
  const [busy, setBusy] = useState(false);
  const ref = useRef(null);
  const code = r.client.code;
  const hId = 'erase-h-' + r.id;
  useEffect(() => { const d = ref.current; if (open && d && !d.open) d.showModal(); }, [open]);
  const close = () => { if (ref.current && ref.current.open) ref.current.close(); setOpen(false); setTyped(''); setErr(null); setLocal(''); };
  const submit = async (e) => {
    e.preventDefault();
    if (typed.trim() !== code) { setLocal(T('erase_mismatch')); return; }
    setLocal(''); setBusy(true); setErr(null);
    try {
      const x = await api('POST', `/clients/${encodeURIComponent(r.client.id)}/erase`, { request_id: r.id, confirm_code: typed.trim() });
      const n = (x.removed || []).reduce((a, t) => a + (t.rows || 0), 0);
      close();
      onDone(T('erased', { code, n, ref: r.reference }));
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const fe = fieldErrors(err);
  const fieldErr = local || fe.confirm_code;
  return html`<button type="button" class="danger" onClick=${() => setOpen(true)}>${T('erase', { code })}</button>
    ${open ? html`<dialog ref=${ref} class="confirm pv-erase" aria-labelledby=${hId} onCancel=${(e) => { e.preventDefault(); close(); }}>
      <form onSubmit=${submit} noValidate>
        <h2 id=${hId}>${T('erase_h', { code })}</h2>
        <p>${T('erase_body', { code })}</p>
        ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
        ${fe.request_id ? html`<p class="field-error" role="alert">${fe.request_id}</p>` : null}
        <${Field} name=${'confirm-' + r.id} label=${T('erase_type')} hint=${T('erase_type_hint', { code })} required autocomplete="off" spellcheck="false"
          value=${typed} error=${fieldErr} onInput=${(e) => setTyped(e.target.value)} />
        <div class="actions">
          <button type="button" class="secondary" onClick=${close}>${T('cancel')}</button>
          <button type="submit" class="danger" disabled=${busy}>${busy ? T('busy') : T('do_erase')}</button>
        </div>
      </form>
    </dialog>` : null}`;
}
