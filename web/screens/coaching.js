// coaching.js: "Coaching". The expert sees their coach, the conversations (the mandatory
// one every three to four weeks) and the private notes between the two of them, with a
// reminder when no conversation was held for more than four weeks. The coach sees their
// experts, overdue ones first, and opens one to record conversations and notes. A manager
// sees only whether coaching happened (yes/no per expert, counts). An administrator or
// coordinator links a coach to an expert and ends a link; they never see dates or notes.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, fmtDateTime, today } from '../lib/i18n.js';
import { hasRole, me } from '../lib/session.js';
import {
  Page, Field, Radios, ErrorBox, ErrorSummary, fieldErrors, Status, Loading, Empty, useConfirm, useLoad,
} from '../lib/ui.js';

const NOTE_MAX = 4000;

const T = strings({
  nl: {
    title: 'Coaching',
    intro_expert: 'Elke drie tot vier weken voert u een coachgesprek. Notities hier lezen alleen u en uw coach.',
    intro_coach: 'Uw ervaringsdeskundigen, wie te lang geen gesprek had bovenaan. Notities lezen alleen u en de ervaringsdeskundige.',
    my_coach_h: 'Mijn coach', no_coach: 'Er is (nog) geen coach aan u gekoppeld.',
    coach_is: 'Uw coach is {name}.',
    overdue: 'Langer dan vier weken geen coachgesprek', overdue_days: 'Het laatste gesprek was {n} dagen geleden.',
    never: 'Nog geen gesprek gehouden sinds {date}.', last_held: 'Laatste gesprek: {date}', next_planned: 'Gepland: {date}',
    none_planned: 'Geen gesprek gepland', ok: 'Op schema',
    my_experts_h: 'Mijn ervaringsdeskundigen', no_experts: 'U coacht nog niemand.',
    open: 'Openen: {name}', close: 'Sluiten',
    conv_h: 'Gesprekken', conv_empty: 'Nog geen gesprekken vastgelegd.',
    status: 'Soort', held: 'Gehouden', planned: 'Gepland', cancelled: 'Geannuleerd',
    on_date: 'Datum', topic: 'Onderwerp (optioneel)', topic_hint: 'Alleen voor u beiden.',
    conv_save: 'Gesprek vastleggen', mark_held: 'Markeer als gehouden', cancel_conv: 'Annuleren',
    cancel_q: 'Dit geplande gesprek annuleren?',
    notes_h: 'Notities', notes_empty: 'Nog geen notities.', note: 'Nieuwe notitie', note_hint: 'Alleen u en {name} lezen dit.',
    note_save: 'Notitie opslaan', by_me: 'Ikzelf', saved: 'Opgeslagen',
    compliance_h: 'Coaching gehouden in de laatste 4 weken',
    compliance_intro: 'U ziet alleen óf er coaching was, nooit inhoud, notities of data.',
    expert: 'Ervaringsdeskundige', has_coach: 'Coach gekoppeld', held_recently: 'Gesprek in laatste 4 weken',
    counts: '{held} van {with} gekoppelde ervaringsdeskundigen hadden een gesprek; {not} niet. {experts} ervaringsdeskundigen in totaal.',
    yes: 'ja', no: 'nee',
    link_h: 'Coach koppelen', coach: 'Coach', expert_sel: 'Ervaringsdeskundige', choose: '— Kies —',
    link_save: 'Koppelen', links_h: 'Lopende koppelingen', links_empty: 'Nog geen koppelingen.',
    pair: '{coach} coacht {expert} (sinds {date})', end: 'Koppeling beëindigen',
    end_q: 'Koppeling tussen {coach} en {expert} beëindigen?', end_body: 'De coach ziet daarna de gesprekken en notities niet meer.',
    err_required: 'Vul dit in.', err_choose: 'Kies iemand.',
  },
  en: {
    title: 'Coaching',
    intro_expert: 'Every three to four weeks you have a coaching conversation. Only you and your coach read the notes here.',
    intro_coach: 'Your experts, those without a recent conversation first. Only you and the expert read the notes.',
    my_coach_h: 'My coach', no_coach: 'No coach has been linked to you (yet).',
    coach_is: 'Your coach is {name}.',
    overdue: 'No coaching conversation for more than four weeks', overdue_days: 'The last conversation was {n} days ago.',
    never: 'No conversation held since {date}.', last_held: 'Last conversation: {date}', next_planned: 'Planned: {date}',
    none_planned: 'No conversation planned', ok: 'On schedule',
    my_experts_h: 'My experts', no_experts: 'You do not coach anyone yet.',
    open: 'Open: {name}', close: 'Close',
    conv_h: 'Conversations', conv_empty: 'No conversations recorded yet.',
    status: 'Kind', held: 'Held', planned: 'Planned', cancelled: 'Cancelled',
    on_date: 'Date', topic: 'Topic (optional)', topic_hint: 'For the two of you only.',
    conv_save: 'Record conversation', mark_held: 'Mark as held', cancel_conv: 'Cancel',
    cancel_q: 'Cancel this planned conversation?',
    notes_h: 'Notes', notes_empty: 'No notes yet.', note: 'New note', note_hint: 'Only you and {name} read this.',
    note_save: 'Save note', by_me: 'Me', saved: 'Saved',
    compliance_h: 'Coaching held in the last 4 weeks',
    compliance_intro: 'You only see whether coaching happened, never content, notes or dates.',
    expert: 'Expert', has_coach: 'Coach linked', held_recently: 'Conversation in the last 4 weeks',
    counts: '{held} of {with} linked experts had a conversation; {not} did not. {experts} experts in all.',
    yes: 'yes', no: 'no',
    link_h: 'Link a coach', coach: 'Coach', expert_sel: 'Expert', choose: '— Choose —',
    link_save: 'Link', links_h: 'Running links', links_empty: 'No links yet.',
    pair: '{coach} coaches {expert} (since {date})', end: 'End link',
    end_q: 'End the link between {coach} and {expert}?', end_body: 'The coach will no longer see the conversations and notes.',
    err_required: 'Please fill this in.', err_choose: 'Choose someone.',
  },
});

function Reminder({ l }) {
  if (l.overdue) {
    return html`<div class="error-box" role="status">
      <p><strong>${T('overdue')}</strong></p>
      <p>${l.last_held_on ? T('overdue_days', { n: l.days_since }) : T('never', { date: fmtDate(l.started_on) })}
        ${' '}${l.next_planned_on ? T('next_planned', { date: fmtDate(l.next_planned_on) }) : T('none_planned')}</p>
    </div>`;
  }
  return html`<p><span class="badge ok">${T('ok')}</span> ${l.last_held_on ? T('last_held', { date: fmtDate(l.last_held_on) }) : ''}
    ${l.next_planned_on ? ' · ' + T('next_planned', { date: fmtDate(l.next_planned_on) }) : ''}</p>`;
}

function Conversations({ link, onChanged }) {
  const { data, error, loading, reload } = useLoad(() => api('GET', '/coaching/conversations', null, { query: { link_id: link.id } }), [link.id]);
  const [f, setF] = useState({ status: 'held', on_date: today(), topic: '' });
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const [ask, dialog] = useConfirm();
  const done = () => { reload(); onChanged(); };
  async function submit(ev) {
    ev.preventDefault();
    setErr(null); setErrors({}); setStatus('');
    try {
      await api('POST', '/coaching/conversations', { link_id: link.id, status: f.status, on_date: f.on_date, topic: f.topic.trim() || null });
      setF({ ...f, topic: '' }); setStatus(T('saved')); done();
    } catch (x) { setErr(x); setErrors(fieldErrors(x)); }
  }
  async function change(c, body) {
    try { await api('PATCH', '/coaching/conversations/' + c.id, body, { version: c.version }); done(); } catch (x) { setErr(x); }
  }
  const p = 'c-' + link.id.slice(-6) + '-';
  return html`<section aria-labelledby=${p + 'h'}>
    <h3 id=${p + 'h'}>${T('conv_h')}</h3>
    ${loading ? html`<${Loading} />` : error ? html`<${ErrorBox} error=${error} />`
      : !data.items.length ? html`<${Empty}>${T('conv_empty')}</${Empty}>`
      : html`<ul class="plain">${data.items.map((c) => html`<li>
          <strong>${fmtDate(c.on_date)}</strong> <span class=${'badge' + (c.status === 'held' ? ' ok' : '')}>${T(c.status)}</span>
          ${c.topic ? html` <span>${c.topic}</span>` : null}
          ${c.status === 'planned' ? html`<div class="actions">
            ${c.on_date <= today() ? html`<button type="button" class="secondary" onClick=${() => change(c, { status: 'held' })}>${T('mark_held')}</button>` : null}
            <button type="button" class="secondary" onClick=${() => ask({ title: T('cancel_q'), confirm: T('cancel_conv'), danger: true }).then((ok) => ok && change(c, { status: 'cancelled' }))}>${T('cancel_conv')}</button>
          </div>` : null}
        </li>`)}</ul>`}
    <form onSubmit=${submit} novalidate>
      <${ErrorSummary} errors=${errors} labels=${{ on_date: T('on_date'), status: T('status'), topic: T('topic') }} />
      ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${Radios} name=${p + 'status'} legend=${T('status')} options=${[{ value: 'held', label: T('held') }, { value: 'planned', label: T('planned') }]} value=${f.status} onChange=${(v) => setF({ ...f, status: v })} />
      <${Field} name=${p + 'on_date'} type="date" label=${T('on_date')} value=${f.on_date} onInput=${(e) => setF({ ...f, on_date: e.target.value })} error=${errors.on_date} required />
      <${Field} name=${p + 'topic'} label=${T('topic')} hint=${T('topic_hint')} value=${f.topic} onInput=${(e) => setF({ ...f, topic: e.target.value })} error=${errors.topic} maxlength="500" />
      <div class="actions"><button type="submit">${T('conv_save')}</button></div>
      <${Status}>${status}</${Status}>
    </form>
    ${dialog}
  </section>`;
}

function Notes({ link, other }) {
  const { data, error, loading, reload } = useLoad(() => api('GET', '/coaching/notes', null, { query: { link_id: link.id } }), [link.id]);
  const [text, setText] = useState('');
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const mine = me().id;
  const p = 'n-' + link.id.slice(-6);
  async function submit(ev) {
    ev.preventDefault();
    setErr(null); setStatus('');
    if (!text.trim()) { setErr({ field: 'body', message: T('err_required') }); return; }
    try { await api('POST', '/coaching/notes', { link_id: link.id, body: text }); setText(''); setStatus(T('saved')); reload(); } catch (x) { setErr(x); }
  }
  return html`<section aria-labelledby=${p + '-h'}>
    <h3 id=${p + '-h'}>${T('notes_h')}</h3>
    ${loading ? html`<${Loading} />` : error ? html`<${ErrorBox} error=${error} />`
      : !data.items.length ? html`<${Empty}>${T('notes_empty')}</${Empty}>`
      : html`<ul class="plain">${data.items.map((n) => html`<li>
          <p class="small muted">${n.author_id === mine ? T('by_me') : other} · ${fmtDateTime(n.created_at)}</p>
          <p class="cps-text">${n.body}</p>
        </li>`)}</ul>`}
    <form onSubmit=${submit} novalidate>
      ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${Field} name=${p} as="textarea" rows="3" label=${T('note')} hint=${T('note_hint', { name: other })} value=${text} onInput=${(e) => setText(e.target.value)} error=${err && err.field ? err.message : null} maxlength=${NOTE_MAX} />
      <div class="actions"><button type="submit">${T('note_save')}</button></div>
      <${Status}>${status}</${Status}>
    </form>
  </section>`;
}

function ExpertView({ links, reload }) {
  const l = links.find((x) => !x.as_coach);
  return html`<section aria-labelledby="my-coach-h">
    <h2 id="my-coach-h">${T('my_coach_h')}</h2>
    ${!l ? html`<${Empty}>${T('no_coach')}</${Empty}>` : html`<div class="card">
      <p>${T('coach_is', { name: l.coach_name })}</p>
      <${Reminder} l=${l} />
      <${Conversations} link=${l} onChanged=${reload} />
      <${Notes} link=${l} other=${l.coach_name} />
    </div>`}
  </section>`;
}

function CoachView({ links, reload }) {
  const mine = links.filter((x) => x.as_coach);
  const [open, setOpen] = useState(null);
  return html`<section aria-labelledby="my-experts-h">
    <h2 id="my-experts-h">${T('my_experts_h')}</h2>
    ${!mine.length ? html`<${Empty}>${T('no_experts')}</${Empty}>` : html`<ul class="plain card">${mine.map((l) => html`<li>
      <p><strong>${l.expert_name}</strong> ${l.overdue ? html`<span class="badge warn">${T('overdue')}</span>` : html`<span class="badge ok">${T('ok')}</span>`}</p>
      <p class="small">${l.last_held_on ? T('last_held', { date: fmtDate(l.last_held_on) }) : T('never', { date: fmtDate(l.started_on) })}
        · ${l.next_planned_on ? T('next_planned', { date: fmtDate(l.next_planned_on) }) : T('none_planned')}</p>
      <button type="button" class="secondary" aria-expanded=${open === l.id ? 'true' : 'false'} onClick=${() => setOpen(open === l.id ? null : l.id)}>${open === l.id ? T('close') : T('open', { name: l.expert_name })}</button>
      ${open === l.id ? html`<div><${Conversations} link=${l} onChanged=${reload} /><${Notes} link=${l} other=${l.expert_name} /></div>` : null}
    </li>`)}</ul>`}
  </section>`;
}

function ManagerView() {
  const { data, error, loading } = useLoad(() => api('GET', '/coaching/compliance'), []);
  if (loading) return html`<${Loading} />`;
  if (error) return html`<${ErrorBox} error=${error} />`;
  const c = data.counts;
  return html`<section aria-labelledby="compliance-h">
    <h2 id="compliance-h">${T('compliance_h')}</h2>
    <p>${T('compliance_intro')}</p>
    <p><strong>${T('counts', { held: c.held_recently, with: c.with_coach, not: c.not_held, experts: c.experts })}</strong></p>
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">${T('expert')}</th><th scope="col">${T('has_coach')}</th><th scope="col">${T('held_recently')}</th></tr></thead>
      <tbody>${data.items.map((x) => html`<tr><th scope="row">${x.name}</th><td>${x.has_coach ? T('yes') : T('no')}</td>
        <td>${x.held_recently ? T('yes') : html`<span class="badge warn">${T('no')}</span>`}</td></tr>`)}</tbody>
    </table></div>
  </section>`;
}

function LinkAdmin() {
  const cands = useLoad(() => api('GET', '/coaching/candidates'), []);
  const links = useLoad(() => api('GET', '/coaching/links', null, { query: { all: 1 } }), []);
  const [f, setF] = useState({ coach_id: '', expert_id: '' });
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const [ask, dialog] = useConfirm();
  const people = (role) => [{ value: '', label: T('choose') }, ...((cands.data && cands.data.items) || [])
    .filter((w) => w.roles.includes(role)).map((w) => ({ value: w.id, label: w.name }))];
  async function submit(ev) {
    ev.preventDefault();
    const e = {};
    if (!f.coach_id) e.coach_id = T('err_choose');
    if (!f.expert_id) e.expert_id = T('err_choose');
    setErrors(e); setErr(null); setStatus('');
    if (Object.keys(e).length) return;
    try { await api('POST', '/coaching/links', f); setF({ coach_id: '', expert_id: '' }); setStatus(T('saved')); links.reload(); } catch (x) { setErr(x); setErrors(fieldErrors(x)); }
  }
  async function end(l) {
    const ok = await ask({ title: T('end_q', { coach: l.coach_name, expert: l.expert_name }), body: T('end_body'), confirm: T('end'), danger: true });
    if (!ok) return;
    try { await api('POST', `/coaching/links/${l.id}/end`, null, { version: l.version }); links.reload(); } catch (x) { setErr(x); }
  }
  return html`<section aria-labelledby="link-h">
    <h2 id="link-h">${T('link_h')}</h2>
    <form class="card" onSubmit=${submit} novalidate>
      <${ErrorSummary} errors=${errors} labels=${{ coach_id: T('coach'), expert_id: T('expert_sel') }} />
      ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${Field} name="coach_id" as="select" label=${T('coach')} options=${people('coach')} value=${f.coach_id} onChange=${(e) => setF({ ...f, coach_id: e.target.value })} error=${errors.coach_id} required />
      <${Field} name="expert_id" as="select" label=${T('expert_sel')} options=${people('expert')} value=${f.expert_id} onChange=${(e) => setF({ ...f, expert_id: e.target.value })} error=${errors.expert_id} required />
      <div class="actions"><button type="submit">${T('link_save')}</button></div>
      <${Status}>${status}</${Status}>
    </form>
    <h2>${T('links_h')}</h2>
    ${links.loading ? html`<${Loading} />` : links.error ? html`<${ErrorBox} error=${links.error} />`
      : !links.data.items.length ? html`<${Empty}>${T('links_empty')}</${Empty}>`
      : html`<ul class="plain card">${links.data.items.map((l) => html`<li>
          <p>${T('pair', { coach: l.coach_name, expert: l.expert_name, date: fmtDate(l.started_on) })}</p>
          <button type="button" class="danger" onClick=${() => end(l)}>${T('end')}</button>
        </li>`)}</ul>`}
    ${dialog}
  </section>`;
}

export function CoachingScreen() {
  const pair = hasRole('coach', 'expert');
  const { data, error, loading, reload } = useLoad(() => (pair ? api('GET', '/coaching/links') : Promise.resolve({ items: [] })), []);
  const links = (data && data.items) || [];
  return html`<${Page} title=${T('title')}>
    ${hasRole('expert') ? html`<p>${T('intro_expert')}</p>` : hasRole('coach') ? html`<p>${T('intro_coach')}</p>` : null}
    ${pair && loading ? html`<${Loading} />` : null}
    ${error ? html`<${ErrorBox} error=${error} onRetry=${reload} />` : null}
    ${pair && data && hasRole('coach') ? html`<${CoachView} links=${links} reload=${reload} />` : null}
    ${pair && data && hasRole('expert') ? html`<${ExpertView} links=${links} reload=${reload} />` : null}
    ${hasRole('manager') ? html`<${ManagerView} />` : null}
    ${hasRole('admin', 'coordinator') ? html`<${LinkAdmin} />` : null}
  </${Page}>`;
}
