// intervision-group.js: one intervision group (/intervision/:id).
//  - closed group (expert team): members, leave or add a member, sessions; per session the
//    cases with the guided feedback round: every other member gives one top and one tip, the
//    owner listens until the round is closed (by the owner or the facilitator), then writes
//    a reflection: what is usable, what to follow up;
//  - open group: "Ik doe mee" (only the worker sees this; no list of who takes part), sessions
//    with date and place for everyone; after taking part the agenda (anyone adds an item,
//    named only when the author chooses), fallback themes when the agenda is thin, notes, an
//    anonymous headcount and the continuation decision taken together.
// Content comes only from the server for members and participants (docs/intervision.md).

import { html, useState, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, lang, today } from '../lib/i18n.js';
import { me } from '../lib/session.js';
import { navigate, Link } from '../lib/router.js';
import {
  Page, Field, Radios, ErrorBox, ErrorSummary, fieldErrors, Loading, Empty, Status, useConfirm, useLoad,
} from '../lib/ui.js';

const T = strings({
  nl: {
    back: 'Terug naar Intervisie', closed_kind: 'Besloten groep van {team}', open_kind: 'Open groep, zonder aanmelding',
    members_h: 'Leden', leave: 'Groep verlaten', leave_q: 'Wilt u deze groep verlaten?',
    leave_b: 'U ziet daarna niets meer van de groep. Een lid kan u later weer toevoegen.',
    add_member: 'Lid toevoegen uit het team', add: 'Toevoegen', choose: '— Kies —',
    remove: 'Uit de groep halen', remove_q: '{name} uit de groep halen?',
    part_h: 'Meedoen', part_no: 'U doet nog niet mee. Wie meedoet, ziet de agenda en de afspraken en kan punten inbrengen. Er is geen aanmelding en geen presentielijst: niemand anders ziet dat u meedoet.',
    part_yes: 'U doet mee. Alleen u ziet dit.', join: 'Ik doe mee', withdraw: 'Niet meer meedoen',
    withdraw_q: 'Niet meer meedoen?', withdraw_b: 'U ziet de inhoud van de bijeenkomsten dan niet meer. Uw agendapunten blijven staan.',
    sessions_h: 'Bijeenkomsten', sessions_empty: 'Nog geen bijeenkomsten gepland.',
    at: '{date}, {time}', facilitator: 'Begeleider: {name}', chair: 'Voorzitter: {name}',
    new_session_h: 'Bijeenkomst plannen', date: 'Datum', time: 'Tijd (optioneel)', place: 'Plaats (optioneel)',
    chair_f: 'Voorzitter (optioneel)', chair_hint: 'Een voornaam of "rouleert".', plan: 'Plannen',
    f_case: 'Casuïstiek', f_theme: 'Thema', format: 'Vorm',
    agenda_h: 'Agenda', agenda_empty: 'Nog niets op de agenda. Wie meedoet, vult de agenda.',
    by: 'ingebracht door {name}', yours: 'uw punt', withdraw_item: 'Punt intrekken', withdraw_item_q: 'Dit agendapunt intrekken?',
    add_item_h: 'Punt toevoegen', item_title: 'Onderwerp', item_detail: 'Toelichting (optioneel)',
    item_theme: 'Thema (optioneel)', show_author: 'Toon mijn naam bij dit punt',
    show_author_hint: 'Standaard ziet niemand wie een punt inbracht.', add_item: 'Op de agenda zetten',
    fallback_h: 'Terugvalthema\'s', fallback_intro: 'Weinig op de agenda? Deze thema\'s werken goed om mee te beginnen.',
    use_theme: '{theme} op de agenda zetten',
    count_h: 'Na de bijeenkomst', headcount: 'Aantal aanwezigen (optioneel)',
    headcount_hint: 'Alleen een getal, nooit namen.', notes: 'Korte aantekeningen (optioneel)', save: 'Opslaan', saved: 'Opgeslagen',
    decision_h: 'Hoe gaan we verder?', decision_intro: 'Dit besluit u samen, aan het eind van de bijeenkomst.',
    decision: 'Besluit', d_continue: 'Doorgaan', d_pause: 'Pauzeren', d_stop: 'Stoppen',
    next_on: 'Volgende bijeenkomst', decision_note: 'Korte toelichting (optioneel)', record: 'Besluit vastleggen',
    decided: 'Besloten: {d}', decided_next: 'Volgende bijeenkomst: {date}', headcount_show: 'Aanwezig: {n}',
    cases_h: 'Casussen', cases_empty: 'Nog geen casus ingebracht.',
    case_new_h: 'Casus inbrengen', case_title: 'Titel', case_question: 'Uw vraag aan de groep',
    case_warn: 'Noem geen namen of andere gegevens waaraan een cliënt te herkennen is.',
    case_add: 'Casus inbrengen', owner: 'Ingebracht door {name}', round_open: 'Feedbackronde loopt', round_closed: 'Feedbackronde gesloten',
    awaiting: 'Nog {n} van de groep', listen: 'U luistert. U reageert pas als de ronde gesloten is.',
    top: 'Top (wat ging goed, wat herken je)', tip: 'Tip (advies)', give: 'Top en tip geven',
    fb_hint: 'Zonder discussie: iedereen geeft één top en één tip.', close_round: 'Ronde sluiten',
    close_q: 'De feedbackronde sluiten?', close_b: 'Daarna kan niemand meer een top of tip geven.',
    reflection_h: 'Uw reflectie', reflection: 'Wat neemt u mee uit de ronde?', usable: 'Wat is bruikbaar?',
    follow_up: 'Wat pakt u op, en met wie?', reflect: 'Reflectie opslaan',
    stale: 'Iemand anders heeft dit intussen gewijzigd. Hieronder staat de nieuwste versie; probeer het opnieuw.',
    err_required: 'Vul dit in.', no_content: 'Kies een bijeenkomst.',
  },
  en: {
    back: 'Back to Intervision', closed_kind: 'Closed group of {team}', open_kind: 'Open group, no sign-up',
    members_h: 'Members', leave: 'Leave the group', leave_q: 'Leave this group?',
    leave_b: 'You will no longer see anything of the group. A member can add you again later.',
    add_member: 'Add a member from the team', add: 'Add', choose: '— Choose —',
    remove: 'Take out of the group', remove_q: 'Take {name} out of the group?',
    part_h: 'Taking part', part_no: 'You do not take part yet. Those who take part see the agenda and agreements and can add items. There is no sign-up and no attendance list: nobody else sees that you take part.',
    part_yes: 'You take part. Only you see this.', join: 'I take part', withdraw: 'Stop taking part',
    withdraw_q: 'Stop taking part?', withdraw_b: 'You will no longer see the content of the meetings. Your agenda items stay.',
    sessions_h: 'Meetings', sessions_empty: 'No meetings planned yet.',
    at: '{date}, {time}', facilitator: 'Facilitator: {name}', chair: 'Chair: {name}',
    new_session_h: 'Plan a meeting', date: 'Date', time: 'Time (optional)', place: 'Place (optional)',
    chair_f: 'Chair (optional)', chair_hint: 'A first name or "rotating".', plan: 'Plan',
    f_case: 'Cases', f_theme: 'Theme', format: 'Form',
    agenda_h: 'Agenda', agenda_empty: 'Nothing on the agenda yet. Those who take part fill it.',
    by: 'brought in by {name}', yours: 'your item', withdraw_item: 'Withdraw item', withdraw_item_q: 'Withdraw this agenda item?',
    add_item_h: 'Add an item', item_title: 'Subject', item_detail: 'Details (optional)',
    item_theme: 'Theme (optional)', show_author: 'Show my name with this item',
    show_author_hint: 'By default nobody sees who brought in an item.', add_item: 'Put on the agenda',
    fallback_h: 'Fallback themes', fallback_intro: 'Little on the agenda? These themes work well to start with.',
    use_theme: 'Put {theme} on the agenda',
    count_h: 'After the meeting', headcount: 'Number present (optional)',
    headcount_hint: 'A number only, never names.', notes: 'Short notes (optional)', save: 'Save', saved: 'Saved',
    decision_h: 'How do we go on?', decision_intro: 'You decide this together, at the end of the meeting.',
    decision: 'Decision', d_continue: 'Continue', d_pause: 'Pause', d_stop: 'Stop',
    next_on: 'Next meeting', decision_note: 'Short note (optional)', record: 'Record decision',
    decided: 'Decided: {d}', decided_next: 'Next meeting: {date}', headcount_show: 'Present: {n}',
    cases_h: 'Cases', cases_empty: 'No case brought in yet.',
    case_new_h: 'Bring in a case', case_title: 'Title', case_question: 'Your question to the group',
    case_warn: 'Do not mention names or other details by which a client could be recognised.',
    case_add: 'Bring in case', owner: 'Brought in by {name}', round_open: 'Feedback round open', round_closed: 'Feedback round closed',
    awaiting: '{n} of the group still to come', listen: 'You listen. You respond once the round is closed.',
    top: 'Top (what went well, what you recognise)', tip: 'Tip (advice)', give: 'Give top and tip',
    fb_hint: 'Without discussion: everyone gives one top and one tip.', close_round: 'Close round',
    close_q: 'Close the feedback round?', close_b: 'After that nobody can give a top or tip.',
    reflection_h: 'Your reflection', reflection: 'What do you take from the round?', usable: 'What is usable?',
    follow_up: 'What will you follow up, and with whom?', reflect: 'Save reflection',
    stale: 'Someone else changed this in the meantime. The newest version is shown below; please try again.',
    err_required: 'Please fill this in.', no_content: 'Choose a meeting.',
  },
});

const DECISIONS = ['continue', 'pause', 'stop'];

// A small form helper: fields, field errors, a general error, busy, and a status line.
function useForm(initial) {
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const set = (k) => (v) => setF((s) => ({ ...s, [k]: v }));
  const run = async (fn, onDone) => {
    setErr(null); setStatus('');
    setBusy(true);
    try { const r = await fn(); setErrors({}); if (onDone) onDone(r); } catch (x) {
      if (x.status === 412) setErr({ status: 412, message: T('stale') });
      else if (x.field && x.status !== 403 && x.status !== 404) setErrors(fieldErrors(x)); else setErr(x);
      if (x.status === 412 && onDone) onDone(null);
    } finally { setBusy(false); }
  };
  return { f, setF, set, errors, setErrors, err, busy, status, setStatus, run };
}

function themeLabel(themes, code) {
  const t = themes.find((x) => x.code === code);
  return t ? (lang() === 'en' ? t.label_en : t.label_nl) : code;
}

function Agenda({ s, themes, reload, ask }) {
  const form = useForm({ title: '', detail: '', theme: '', show_author: false });
  const { f, set, errors } = form;
  const add = (body) => form.run(() => api('POST', `/intervision/sessions/${s.id}/agenda`, body), () => {
    form.setF({ title: '', detail: '', theme: '', show_author: false });
    form.setStatus(T('saved'));
    reload();
  });
  const submit = (e) => {
    e.preventDefault();
    if (!f.title.trim()) { form.setErrors({ title: T('err_required') }); return; }
    const body = { title: f.title.trim(), show_author: f.show_author };
    if (f.detail.trim()) body.detail = f.detail.trim();
    if (f.theme) body.theme = f.theme;
    add(body);
  };
  const withdraw = (it) => ask({ title: T('withdraw_item_q'), body: it.title, confirm: T('withdraw_item'), danger: true })
    .then((ok) => ok && form.run(() => api('DELETE', '/intervision/agenda/' + it.id), reload));
  return html`<section aria-labelledby="iv-agenda-h" class="card">
    <h3 id="iv-agenda-h">${T('agenda_h')}</h3>
    ${s.agenda.length ? html`<ol class="iv-agenda">${s.agenda.map((it) => html`<li key=${it.id}>
        <p><strong>${it.title}</strong>
          ${it.theme ? html` <span class="badge">${themeLabel(themes, it.theme)}</span>` : null}
          ${it.mine ? html` <span class="badge ok">${T('yours')}</span>` : null}</p>
        ${it.detail ? html`<p class="small">${it.detail}</p>` : null}
        ${it.author_name ? html`<p class="small muted">${T('by', { name: it.author_name })}</p>` : null}
        ${it.mine ? html`<button type="button" class="secondary small-btn" onClick=${() => withdraw(it)}>${T('withdraw_item')}</button>` : null}
      </li>`)}</ol>` : html`<${Empty}>${T('agenda_empty')}</${Empty}>`}
    ${s.agenda.length < 3 && s.group.kind === 'open' ? html`<div class="iv-fallback" aria-labelledby="iv-fb-h" role="group">
      <h4 id="iv-fb-h">${T('fallback_h')}</h4>
      <p class="small">${T('fallback_intro')}</p>
      <ul class="plain">${themes.map((t) => html`<li key=${t.code}>
        <button type="button" class="secondary small-btn" disabled=${form.busy}
          onClick=${() => add({ title: themeLabel(themes, t.code), theme: t.code })}>${T('use_theme', { theme: themeLabel(themes, t.code) })}</button>
      </li>`)}</ul>
    </div>` : null}
    <form onSubmit=${submit} noValidate aria-labelledby="iv-add-item-h">
      <h4 id="iv-add-item-h">${T('add_item_h')}</h4>
      <${ErrorSummary} errors=${errors} labels=${{ title: T('item_title'), detail: T('item_detail'), theme: T('item_theme') }} />
      <${ErrorBox} error=${form.err} />
      <${Field} name="title" label=${T('item_title')} required maxlength="200" error=${errors.title} value=${f.title}
        onInput=${(e) => set('title')(e.target.value)} />
      <${Field} as="textarea" name="detail" label=${T('item_detail')} rows="2" error=${errors.detail} value=${f.detail}
        onInput=${(e) => set('detail')(e.target.value)} />
      <${Field} as="select" name="theme" label=${T('item_theme')} error=${errors.theme} value=${f.theme}
        onChange=${(e) => set('theme')(e.target.value)}
        options=${[{ value: '', label: T('choose') }, ...themes.map((t) => ({ value: t.code, label: themeLabel(themes, t.code) }))]} />
      <label class="check"><input type="checkbox" id="f-show_author" checked=${f.show_author}
        aria-describedby="f-show_author-hint" onChange=${(e) => set('show_author')(e.target.checked)} /><span>${T('show_author')}</span></label>
      <p class="hint small" id="f-show_author-hint">${T('show_author_hint')}</p>
      <div class="actions"><button type="submit" disabled=${form.busy}>${T('add_item')}</button></div>
      <${Status}>${form.status}</${Status}>
    </form>
  </section>`;
}

function AfterMeeting({ s, reload }) {
  const form = useForm({ headcount: s.headcount === null ? '' : String(s.headcount), notes: s.notes || '' });
  const { f, set, errors } = form;
  const submit = (e) => {
    e.preventDefault();
    const hc = f.headcount.trim();
    if (hc !== '' && !/^\d+$/.test(hc)) { form.setErrors({ headcount: '0–500' }); return; }
    const body = { headcount: hc === '' ? null : Number(hc), notes: f.notes.trim() || null };
    form.run(() => api('PATCH', '/intervision/sessions/' + s.id, body, { version: s.version }), (r) => { if (r) form.setStatus(T('saved')); reload(); });
  };
  return html`<form class="card" onSubmit=${submit} noValidate aria-labelledby="iv-after-h">
    <h3 id="iv-after-h">${T('count_h')}</h3>
    <${ErrorSummary} errors=${errors} labels=${{ headcount: T('headcount'), notes: T('notes') }} />
    <${ErrorBox} error=${form.err} />
    <${Field} name="headcount" type="number" inputmode="numeric" min="0" max="500" label=${T('headcount')}
      hint=${T('headcount_hint')} error=${errors.headcount} value=${f.headcount} onInput=${(e) => set('headcount')(e.target.value)} />
    <${Field} as="textarea" name="notes" label=${T('notes')} rows="3" error=${errors.notes} value=${f.notes}
      onInput=${(e) => set('notes')(e.target.value)} />
    <div class="actions"><button type="submit" disabled=${form.busy}>${T('save')}</button></div>
    <${Status}>${form.status}</${Status}>
  </form>`;
}

function Decision({ s, reload }) {
  const d = s.decision;
  const form = useForm({ decision: d ? d.decision : 'continue', next_on: (d && d.next_on) || '', note: (d && d.note) || '' });
  const { f, set, errors } = form;
  const submit = (e) => {
    e.preventDefault();
    const body = { decision: f.decision };
    if (f.decision !== 'stop' && f.next_on) body.next_on = f.next_on;
    if (f.note.trim()) body.note = f.note.trim();
    form.run(() => api('PUT', `/intervision/sessions/${s.id}/decision`, body, { version: s.version }), (r) => { if (r) form.setStatus(T('saved')); reload(true); });
  };
  return html`<form class="card" onSubmit=${submit} noValidate aria-labelledby="iv-dec-h">
    <h3 id="iv-dec-h">${T('decision_h')}</h3>
    <p class="small muted">${T('decision_intro')}</p>
    ${d ? html`<p><strong>${T('decided', { d: T('d_' + d.decision) })}</strong>
      ${d.next_on ? html`<br />${T('decided_next', { date: fmtDate(d.next_on) })}` : null}
      ${d.note ? html`<br /><span class="small">${d.note}</span>` : null}</p>` : null}
    <${ErrorSummary} errors=${errors} labels=${{ decision: T('decision'), next_on: T('next_on'), note: T('decision_note') }} />
    <${ErrorBox} error=${form.err} />
    <${Radios} name="decision" legend=${T('decision')} value=${f.decision} onChange=${set('decision')} error=${errors.decision}
      options=${DECISIONS.map((x) => ({ value: x, label: T('d_' + x) }))} />
    ${f.decision !== 'stop' ? html`<${Field} name="next_on" type="date" label=${T('next_on')} required=${f.decision === 'continue'}
      error=${errors.next_on} value=${f.next_on} onInput=${(e) => set('next_on')(e.target.value)} />` : null}
    <${Field} as="textarea" name="note" label=${T('decision_note')} rows="2" error=${errors.note} value=${f.note}
      onInput=${(e) => set('note')(e.target.value)} />
    <div class="actions"><button type="submit" disabled=${form.busy}>${T('record')}</button></div>
    <${Status}>${form.status}</${Status}>
  </form>`;
}

function CaseItem({ c, s, reload, ask }) {
  const fb = useForm({ top: '', tip: '' });
  const rf = useForm({ reflection: c.reflection || '', usable: c.usable || '', follow_up: c.follow_up || '' });
  const facilitator = s.facilitator_id === me().id;
  const give = (e) => {
    e.preventDefault();
    const local = {};
    if (!fb.f.top.trim()) local.top = T('err_required');
    if (!fb.f.tip.trim()) local.tip = T('err_required');
    fb.setErrors(local);
    if (Object.keys(local).length) return;
    fb.run(() => api('POST', `/intervision/cases/${c.id}/feedback`, { top: fb.f.top.trim(), tip: fb.f.tip.trim() }), reload);
  };
  const close = () => ask({ title: T('close_q'), body: T('close_b'), confirm: T('close_round') })
    .then((ok) => ok && fb.run(() => api('POST', `/intervision/cases/${c.id}/close-round`, null, { version: c.version }), reload));
  const reflect = (e) => {
    e.preventDefault();
    if (!rf.f.reflection.trim()) { rf.setErrors({ reflection: T('err_required') }); return; }
    const body = { reflection: rf.f.reflection.trim(), usable: rf.f.usable.trim() || null, follow_up: rf.f.follow_up.trim() || null };
    rf.run(() => api('PUT', `/intervision/cases/${c.id}/reflection`, body, { version: c.version }), (r) => { if (r) rf.setStatus(T('saved')); reload(); });
  };
  const p = 'c' + c.id.slice(-6) + '-';
  return html`<li>
    <h4>${c.title}</h4>
    <p class="small muted">${T('owner', { name: c.owner_name })} ·
      <span class=${'badge' + (c.round === 'open' ? ' warn' : ' ok')}>${c.round === 'open' ? T('round_open') : T('round_closed')}</span>
      ${c.round === 'open' && c.awaiting ? html` ${T('awaiting', { n: c.awaiting })}` : null}</p>
    <p>${c.question}</p>
    ${c.feedback.length ? html`<ul class="plain iv-feedback">${c.feedback.map((x) => html`<li key=${x.id}>
      <p class="small"><strong>${x.author_name}</strong></p>
      <p><span class="badge ok">Top</span> ${x.top}</p><p><span class="badge">Tip</span> ${x.tip}</p></li>`)}</ul>` : null}
    <${ErrorBox} error=${fb.err} />
    ${c.round === 'open' && c.mine ? html`<p class="iv-listen" role="note">${T('listen')}</p>` : null}
    ${c.round === 'open' && !c.mine && !c.gave_feedback ? html`<form onSubmit=${give} noValidate aria-label=${T('give') + ': ' + c.title}>
      <p class="small muted">${T('fb_hint')}</p>
      <${ErrorSummary} errors=${fb.errors} labels=${{ [p + 'top']: T('top'), [p + 'tip']: T('tip') }} />
      <${Field} as="textarea" name=${p + 'top'} label=${T('top')} rows="2" required error=${fb.errors.top} value=${fb.f.top}
        onInput=${(e) => fb.set('top')(e.target.value)} />
      <${Field} as="textarea" name=${p + 'tip'} label=${T('tip')} rows="2" required error=${fb.errors.tip} value=${fb.f.tip}
        onInput=${(e) => fb.set('tip')(e.target.value)} />
      <div class="actions"><button type="submit" disabled=${fb.busy}>${T('give')}</button></div>
    </form>` : null}
    ${c.round === 'open' && (c.mine || facilitator) ? html`<div class="actions">
      <button type="button" class="secondary" onClick=${close} disabled=${fb.busy}>${T('close_round')}</button></div>` : null}
    ${c.round === 'closed' && !c.mine && c.reflection ? html`<div class="iv-reflection">
      <p><strong>${T('reflection')}</strong> ${c.reflection}</p>
      ${c.usable ? html`<p><strong>${T('usable')}</strong> ${c.usable}</p>` : null}
      ${c.follow_up ? html`<p><strong>${T('follow_up')}</strong> ${c.follow_up}</p>` : null}</div>` : null}
    ${c.round === 'closed' && c.mine ? html`<form onSubmit=${reflect} noValidate aria-label=${T('reflection_h') + ': ' + c.title}>
      <h5>${T('reflection_h')}</h5>
      <${ErrorBox} error=${rf.err} />
      <${Field} as="textarea" name=${p + 'reflection'} label=${T('reflection')} rows="3" required error=${rf.errors.reflection}
        value=${rf.f.reflection} onInput=${(e) => rf.set('reflection')(e.target.value)} />
      <${Field} as="textarea" name=${p + 'usable'} label=${T('usable')} rows="2" error=${rf.errors.usable}
        value=${rf.f.usable} onInput=${(e) => rf.set('usable')(e.target.value)} />
      <${Field} as="textarea" name=${p + 'follow_up'} label=${T('follow_up')} rows="2" error=${rf.errors.follow_up}
        value=${rf.f.follow_up} onInput=${(e) => rf.set('follow_up')(e.target.value)} />
      <div class="actions"><button type="submit" disabled=${rf.busy}>${T('reflect')}</button></div>
      <${Status}>${rf.status}</${Status}>
    </form>` : null}
  </li>`;
}

function Cases({ s, reload, ask }) {
  const form = useForm({ title: '', question: '' });
  const { f, set, errors } = form;
  const submit = (e) => {
    e.preventDefault();
    const local = {};
    if (!f.title.trim()) local.case_title = T('err_required');
    if (!f.question.trim()) local.question = T('err_required');
    form.setErrors(local);
    if (Object.keys(local).length) return;
    form.run(() => api('POST', `/intervision/sessions/${s.id}/cases`, { title: f.title.trim(), question: f.question.trim() }), () => {
      form.setF({ title: '', question: '' }); reload();
    });
  };
  return html`<section class="card" aria-labelledby="iv-cases-h">
    <h3 id="iv-cases-h">${T('cases_h')}</h3>
    ${s.cases.length ? html`<ul class="plain">${s.cases.map((c) => html`<${CaseItem} key=${c.id + ':' + c.version + ':' + c.feedback.length} c=${c} s=${s} reload=${reload} ask=${ask} />`)}</ul>`
      : html`<${Empty}>${T('cases_empty')}</${Empty}>`}
    <form onSubmit=${submit} noValidate aria-labelledby="iv-case-new-h">
      <h4 id="iv-case-new-h">${T('case_new_h')}</h4>
      <p class="iv-warn" role="note">${T('case_warn')}</p>
      <${ErrorSummary} errors=${errors} labels=${{ case_title: T('case_title'), question: T('case_question') }} />
      <${ErrorBox} error=${form.err} />
      <${Field} name="case_title" label=${T('case_title')} required maxlength="200" error=${errors.case_title || errors.title}
        value=${f.title} onInput=${(e) => set('title')(e.target.value)} />
      <${Field} as="textarea" name="question" label=${T('case_question')} rows="3" required error=${errors.question}
        value=${f.question} onInput=${(e) => set('question')(e.target.value)} />
      <div class="actions"><button type="submit" disabled=${form.busy}>${T('case_add')}</button></div>
    </form>
  </section>`;
}

function SessionDetail({ id, themes, onChanged, ask }) {
  const [n, setN] = useState(0);
  const s = useLoad(() => api('GET', '/intervision/sessions/' + id), [id, n]);
  const reload = (groupToo) => { setN((x) => x + 1); if (groupToo) onChanged(); };
  if (s.loading && !s.data) return html`<${Loading} />`;
  if (s.error) return html`<${ErrorBox} error=${s.error} onRetry=${s.reload} />`;
  const d = s.data;
  const held = d.held_on <= today();
  return html`<div class="iv-session" key=${d.id + ':' + d.version}>
    <h2 id="iv-session-h">${fmtDate(d.held_on)}${d.starts_at ? ', ' + d.starts_at : ''}</h2>
    ${d.place ? html`<p>${d.place}</p>` : null}
    ${d.facilitator_name ? html`<p class="small">${T('facilitator', { name: d.facilitator_name })}</p>` : null}
    ${d.chair ? html`<p class="small">${T('chair', { name: d.chair })}</p>` : null}
    ${d.headcount !== null ? html`<p class="small">${T('headcount_show', { n: d.headcount })}</p>` : null}
    ${d.notes ? html`<p class="small">${d.notes}</p>` : null}
    ${d.group.kind === 'closed' ? html`<${Cases} s=${d} reload=${reload} ask=${ask} />` : null}
    <${Agenda} s=${d} themes=${themes} reload=${reload} ask=${ask} />
    ${held && d.group.kind === 'open' ? html`<${AfterMeeting} key=${'a' + d.version} s=${d} reload=${reload} />` : null}
    ${held ? html`<${Decision} key=${'d' + d.version} s=${d} reload=${reload} />` : null}
  </div>`;
}

function NewSession({ g, onSaved }) {
  const form = useForm({ held_on: today(), starts_at: '', place: '', chair: '', format: g.format || 'case' });
  const { f, set, errors } = form;
  const submit = (e) => {
    e.preventDefault();
    if (!f.held_on) { form.setErrors({ held_on: T('err_required') }); return; }
    const body = { held_on: f.held_on };
    if (f.starts_at) body.starts_at = f.starts_at;
    if (f.place.trim()) body.place = f.place.trim();
    if (g.kind === 'open' && f.chair.trim()) body.chair = f.chair.trim();
    if (g.kind === 'closed') body.format = f.format;
    form.run(() => api('POST', `/intervision/groups/${g.id}/sessions`, body), (s) => onSaved(s));
  };
  return html`<form class="card" onSubmit=${submit} noValidate aria-labelledby="iv-new-s-h">
    <h2 id="iv-new-s-h">${T('new_session_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${{ held_on: T('date'), starts_at: T('time'), place: T('place'), chair: T('chair_f') }} />
    <${ErrorBox} error=${form.err} />
    <${Field} name="held_on" type="date" label=${T('date')} required error=${errors.held_on} value=${f.held_on}
      onInput=${(e) => set('held_on')(e.target.value)} />
    <${Field} name="starts_at" type="time" label=${T('time')} error=${errors.starts_at} value=${f.starts_at}
      onInput=${(e) => set('starts_at')(e.target.value)} />
    <${Field} name="place" label=${T('place')} maxlength="200" error=${errors.place} value=${f.place}
      onInput=${(e) => set('place')(e.target.value)} />
    ${g.kind === 'open' ? html`<${Field} name="chair" label=${T('chair_f')} hint=${T('chair_hint')} maxlength="100"
      error=${errors.chair} value=${f.chair} onInput=${(e) => set('chair')(e.target.value)} />`
      : html`<${Radios} name="format" legend=${T('format')} value=${f.format} onChange=${set('format')}
      options=${[{ value: 'case', label: T('f_case') }, { value: 'theme', label: T('f_theme') }]} />`}
    <div class="actions"><button type="submit" disabled=${form.busy}>${T('plan')}</button></div>
  </form>`;
}

function Members({ g, reload, ask }) {
  const [team, setTeam] = useState([]);
  const [pick, setPick] = useState('');
  const [err, setErr] = useState(null);
  useEffect(() => {
    api('GET', `/teams/${g.team_id}/members`).then((p) => setTeam(p.items || [])).catch(() => setTeam([]));
  }, [g.team_id]);
  const inGroup = new Set(g.members.map((m) => m.id));
  const candidates = team.filter((x) => !inGroup.has(x.id));
  const call = (p, after) => { setErr(null); p.then(after).catch(setErr); };
  const leave = () => ask({ title: T('leave_q'), body: T('leave_b'), confirm: T('leave'), danger: true })
    .then((ok) => ok && call(api('DELETE', `/intervision/groups/${g.id}/members/${me().id}`), () => navigate('/intervision')));
  const remove = (m) => ask({ title: T('remove_q', { name: m.name }), confirm: T('remove'), danger: true })
    .then((ok) => ok && call(api('DELETE', `/intervision/groups/${g.id}/members/${m.id}`), reload));
  return html`<section class="card" aria-labelledby="iv-members-h">
    <h2 id="iv-members-h">${T('members_h')}</h2>
    <${ErrorBox} error=${err} />
    <ul class="plain">${g.members.map((m) => html`<li key=${m.id}>${m.name}
      ${g.created_by_me && m.id !== me().id ? html` <button type="button" class="secondary small-btn" onClick=${() => remove(m)}>${T('remove')}</button>` : null}</li>`)}</ul>
    ${candidates.length ? html`<form class="iv-inline" onSubmit=${(e) => { e.preventDefault(); if (pick) call(api('POST', `/intervision/groups/${g.id}/members`, { worker_id: pick }), () => { setPick(''); reload(); }); }}>
      <${Field} as="select" name="add_member" label=${T('add_member')} value=${pick} onChange=${(e) => setPick(e.target.value)}
        options=${[{ value: '', label: T('choose') }, ...candidates.map((x) => ({ value: x.id, label: x.name }))]} />
      <button type="submit" class="secondary">${T('add')}</button></form>` : null}
    <div class="actions"><button type="button" class="danger" onClick=${leave}>${T('leave')}</button></div>
  </section>`;
}

function Participation({ g, reload, ask }) {
  const [err, setErr] = useState(null);
  const call = (p) => { setErr(null); p.then(reload).catch(setErr); };
  const withdraw = () => ask({ title: T('withdraw_q'), body: T('withdraw_b'), confirm: T('withdraw'), danger: true })
    .then((ok) => ok && call(api('DELETE', `/intervision/groups/${g.id}/participation`)));
  return html`<section class="card" aria-labelledby="iv-part-h">
    <h2 id="iv-part-h">${T('part_h')}</h2>
    <${ErrorBox} error=${err} />
    ${g.taking_part ? html`<p>${T('part_yes')}</p>
      <button type="button" class="secondary" onClick=${withdraw}>${T('withdraw')}</button>`
      : html`<p>${T('part_no')}</p>
      <button type="button" onClick=${() => call(api('PUT', `/intervision/groups/${g.id}/participation`))}>${T('join')}</button>`}
  </section>`;
}

// The meeting to show first: the latest one that was held, else the nearest planned one.
function defaultSession(sessions) {
  const t = today();
  const held = sessions.find((s) => s.held_on <= t);
  return held ? held.id : sessions.length ? sessions[sessions.length - 1].id : null;
}

export function IntervisionGroupScreen({ params }) {
  const [n, setN] = useState(0);
  const group = useLoad(() => api('GET', '/intervision/groups/' + params.id), [params.id, n]);
  const themes = useLoad(() => api('GET', '/intervision/themes').then((p) => p.items || []), []);
  const [sel, setSel] = useState(null);
  const [ask, dialog] = useConfirm();
  const reload = () => setN((x) => x + 1);
  const g = group.data;
  useEffect(() => { if (g && (!sel || !g.sessions.some((s) => s.id === sel))) setSel(defaultSession(g.sessions)); }, [g]);
  if (group.loading && !g) return html`<${Page} title="…"><${Loading} /></${Page}>`;
  if (group.error || !g) return html`<${Page} title=${T('back')}><${ErrorBox} error=${group.error} />
    <p><${Link} href="/intervision">${T('back')}</${Link}></p></${Page}>`;
  const content = g.kind === 'closed' ? g.member : g.taking_part;
  return html`<${Page} title=${g.name}>
    <p class="small"><${Link} href="/intervision">${T('back')}</${Link}></p>
    <p class="muted">${g.kind === 'closed' ? T('closed_kind', { team: g.team_name }) : T('open_kind')}</p>
    ${g.purpose ? html`<p>${g.purpose}</p>` : null}
    ${g.kind === 'closed' ? html`<${Members} g=${g} reload=${reload} ask=${ask} />` : html`<${Participation} g=${g} reload=${reload} ask=${ask} />`}
    <section aria-labelledby="iv-sessions-h">
      <h2 id="iv-sessions-h">${T('sessions_h')}</h2>
      ${g.sessions.length ? html`<ul class="plain iv-sessions">${g.sessions.map((s) => html`<li key=${s.id}>
        ${content ? html`<button type="button" class=${sel === s.id ? '' : 'secondary'} aria-pressed=${sel === s.id ? 'true' : 'false'}
          onClick=${() => setSel(s.id)}>${fmtDate(s.held_on)}${s.starts_at ? ', ' + s.starts_at : ''}</button>`
          : html`<strong>${fmtDate(s.held_on)}${s.starts_at ? ', ' + s.starts_at : ''}</strong>`}
        ${s.place ? html` <span class="small">${s.place}</span>` : null}
        ${s.facilitator_name ? html` <span class="small muted">${T('facilitator', { name: s.facilitator_name })}</span>` : null}
      </li>`)}</ul>` : html`<${Empty}>${T('sessions_empty')}</${Empty}>`}
    </section>
    ${content && sel ? html`<${SessionDetail} key=${sel} id=${sel} themes=${themes.data || []} onChanged=${reload} ask=${ask} />` : null}
    ${content ? html`<${NewSession} g=${g} onSaved=${(s) => { setSel(s.id); reload(); }} />` : null}
    ${dialog}
  </${Page}>`;
}
