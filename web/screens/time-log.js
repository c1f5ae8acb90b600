// time-log.js: "Tijdregistratie", the expert's own log of time spent in the role types
// (vocabulary role_type): expertise promotion, policy work, research, innovation, ... A
// quick form (role type, day, minutes), the entries of the last 31 days with a delete
// button (confirmed), and this month's minutes per role type. Codes, days and minutes
// only: there is deliberately no free-text field (docs/expert-time.md). Part of the
// expert's profile screen (profile.js).
// GET/POST /api/v1/me/time, DELETE /api/v1/me/time/{id}.

import { html, useState, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, today } from '../lib/i18n.js';
import { label, options } from '../lib/vocab.js';
import { Field, ErrorBox, ErrorSummary, Status, Loading, Empty, useConfirm } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Tijdregistratie',
    intro: 'Houd bij hoeveel tijd u besteedt aan de rollen naast het ondersteunen van cliënten, zoals deskundigheidsbevordering of beleidswerk. Alleen u ziet uw regels; rapportages tonen alleen totalen. Tijd met cliënten en consulten staat al in uw notities en consulten.',
    add_h: 'Tijd vastleggen', role: 'Roltype', date: 'Datum', minutes: 'Minuten',
    minutes_hint: 'Bijvoorbeeld 90 voor anderhalf uur (1 tot 1440).',
    date_hint: 'Niet in de toekomst en niet meer dan een jaar geleden.',
    add: 'Vastleggen', busy: 'Bezig…', added: 'Vastgelegd: {what}.', deleted: 'Verwijderd: {what}.',
    err_minutes: 'Een heel getal van 1 tot 1440.', err_date: 'Kies een datum.', err_role: 'Kies een roltype.',
    err_future: 'Deze datum ligt in de toekomst.',
    month_h: 'Deze maand per roltype', month_total: 'Totaal deze maand', no_month: 'Deze maand nog niets vastgelegd.',
    recent_h: 'Recente registraties', recent_hint: 'De laatste 31 dagen, nieuwste eerst.',
    no_recent: 'Nog geen registraties in de laatste 31 dagen.',
    del: 'Verwijderen', del_label: 'Verwijderen: {what}',
    del_title: 'Registratie verwijderen?', del_body: '{what}. Dit kunt u niet ongedaan maken; leg het zo nodig opnieuw vast.',
    c_date: 'Datum', c_role: 'Roltype', c_minutes: 'Tijd', c_action: 'Actie', c_entries: 'Regels',
    h: 'u', min: 'min',
  },
  en: {
    title: 'Time log',
    intro: 'Keep track of the time you spend in the roles beside supporting clients, such as expertise promotion or policy work. Only you see your entries; reports show totals only. Time with clients and consultations is already in your notes and consultations.',
    add_h: 'Log time', role: 'Role type', date: 'Date', minutes: 'Minutes',
    minutes_hint: 'For example 90 for an hour and a half (1 to 1440).',
    date_hint: 'Not in the future and no more than a year ago.',
    add: 'Log', busy: 'Working…', added: 'Logged: {what}.', deleted: 'Deleted: {what}.',
    err_minutes: 'A whole number from 1 to 1440.', err_date: 'Choose a date.', err_role: 'Choose a role type.',
    err_future: 'This date lies in the future.',
    month_h: 'This month per role type', month_total: 'Total this month', no_month: 'Nothing logged this month yet.',
    recent_h: 'Recent entries', recent_hint: 'The last 31 days, newest first.',
    no_recent: 'No entries in the last 31 days yet.',
    del: 'Delete', del_label: 'Delete: {what}',
    del_title: 'Delete this entry?', del_body: '{what}. This cannot be undone; log it again if needed.',
    c_date: 'Date', c_role: 'Role type', c_minutes: 'Time', c_action: 'Action', c_entries: 'Entries',
    h: 'h', min: 'min',
  },
});

const RECENT_DAYS = 31;

// "1 u 30 min", "45 min", "2 u"
export function fmtMinutes(m) {
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (!h) return `${r} ${T('min')}`;
  return r ? `${h} ${T('h')} ${r} ${T('min')}` : `${h} ${T('h')}`;
}

function daysAgo(n) {
  return new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
}

const describe = (e) => `${fmtMinutes(e.minutes)} ${label('role_type', e.role_type).toLowerCase()}, ${fmtDate(e.on_date)}`;

// Server field -> form field.
const FIELDS = { role_type: 'time_role', on_date: 'time_date', minutes: 'time_minutes' };

function blank() {
  const opts = options('role_type');
  const pick = opts.find((o) => o.value === 'expertise_promoter') || opts[0];
  return { role_type: pick ? pick.value : '', on_date: today(), minutes: '' };
}

export function TimeLog() {
  const [n, setN] = useState(0);
  const [st, setSt] = useState({ loading: true, error: null, recent: null, month: null });
  const [f, setF] = useState(blank);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [ask, dialog] = useConfirm();

  useEffect(() => {
    let live = true;
    setSt((s) => ({ ...s, loading: true, error: null }));
    Promise.all([
      api('GET', '/me/time', null, { query: { from: daysAgo(RECENT_DAYS), to: today() } }),
      api('GET', '/me/time'),
    ]).then(([recent, month]) => live && setSt({ loading: false, error: null, recent, month }))
      .catch((error) => live && setSt({ loading: false, error, recent: null, month: null }));
    return () => { live = false; };
  }, [n]);

  const submit = async (e) => {
    e.preventDefault();
    setStatus(''); setErr(null);
    const local = {};
    if (!f.role_type) local.time_role = T('err_role');
    if (!f.on_date) local.time_date = T('err_date');
    else if (f.on_date > today()) local.time_date = T('err_future');
    const m = f.minutes.trim();
    if (!/^\d+$/.test(m) || Number(m) < 1 || Number(m) > 1440) local.time_minutes = T('err_minutes');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const entry = await api('POST', '/me/time', { role_type: f.role_type, on_date: f.on_date, minutes: Number(m) });
      setF((s) => ({ ...s, minutes: '' }));
      setStatus(T('added', { what: describe(entry) }));
      setN((x) => x + 1);
    } catch (x) {
      if (x.field && FIELDS[x.field]) setErrors({ [FIELDS[x.field]]: x.message });
      else setErr(x);
    } finally { setBusy(false); }
  };

  const remove = async (entry) => {
    const what = describe(entry);
    const ok = await ask({ title: T('del_title'), body: T('del_body', { what }), confirm: T('del'), danger: true });
    if (!ok) return;
    setStatus(''); setErr(null);
    try {
      await api('DELETE', '/me/time/' + encodeURIComponent(entry.id));
      setStatus(T('deleted', { what }));
    } catch (x) { setErr(x); }
    setN((x) => x + 1);
  };

  const labels = { time_role: T('role'), time_date: T('date'), time_minutes: T('minutes') };
  const roleOpts = options('role_type');
  if (f.role_type && !roleOpts.some((o) => o.value === f.role_type)) roleOpts.push({ value: f.role_type, label: label('role_type', f.role_type) });
  const month = st.month;
  const recent = st.recent;
  return html`<section class="cps-section" aria-labelledby="h-time">
    <h2 id="h-time">${T('title')}</h2>
    <p class="hint">${T('intro')}</p>
    <form class="card" onSubmit=${submit} noValidate aria-labelledby="h-time-add">
      <h3 id="h-time-add">${T('add_h')}</h3>
      <${ErrorSummary} errors=${errors} labels=${labels} />
      <${ErrorBox} error=${err} />
      <div class="form-row">
        <${Field} name="time_role" as="select" label=${T('role')} required error=${errors.time_role}
          options=${roleOpts} value=${f.role_type} onChange=${(e) => { const v = e.target.value; setF((s) => ({ ...s, role_type: v })); }} />
        <${Field} name="time_date" type="date" label=${T('date')} hint=${T('date_hint')} required error=${errors.time_date}
          value=${f.on_date} max=${today()} min=${daysAgo(366)}
          onInput=${(e) => { const v = e.target.value; setF((s) => ({ ...s, on_date: v })); }} />
        <${Field} name="time_minutes" type="number" inputmode="numeric" min="1" max="1440" step="1" label=${T('minutes')}
          hint=${T('minutes_hint')} required error=${errors.time_minutes} value=${f.minutes}
          onInput=${(e) => { const v = e.target.value; setF((s) => ({ ...s, minutes: v })); }} />
      </div>
      <div class="actions"><button type="submit" disabled=${busy}>${busy ? T('busy') : T('add')}</button></div>
      <${Status}>${status}</${Status}>
    </form>
    ${st.error ? html`<${ErrorBox} error=${st.error} onRetry=${() => setN((x) => x + 1)} />` : null}
    ${st.loading && !month ? html`<${Loading} />` : null}
    ${month ? html`<h3 id="h-time-month">${T('month_h')}</h3>
      ${month.totals.length ? html`<div class="table-wrap"><table aria-labelledby="h-time-month">
        <thead><tr><th scope="col">${T('c_role')}</th><th scope="col">${T('c_minutes')}</th><th scope="col">${T('c_entries')}</th></tr></thead>
        <tbody>${month.totals.map((t) => html`<tr key=${t.role_type}>
          <th scope="row">${label('role_type', t.role_type)}</th><td>${fmtMinutes(t.minutes)}</td><td>${t.entries}</td></tr>`)}</tbody>
        <tfoot><tr><th scope="row">${T('month_total')}</th><td>${fmtMinutes(month.total_minutes)}</td>
          <td>${month.totals.reduce((a, t) => a + t.entries, 0)}</td></tr></tfoot>
      </table></div>` : html`<${Empty}>${T('no_month')}</${Empty}>`}` : null}
    ${recent ? html`<h3 id="h-time-recent">${T('recent_h')}</h3>
      <p class="hint">${T('recent_hint')}</p>
      ${recent.items.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-time-recent"><table aria-labelledby="h-time-recent" class="tl-entries">
        <thead><tr><th scope="col">${T('c_date')}</th><th scope="col">${T('c_role')}</th><th scope="col">${T('c_minutes')}</th><th scope="col">${T('c_action')}</th></tr></thead>
        <tbody>${recent.items.map((e) => html`<tr key=${e.id}>
          <td>${fmtDate(e.on_date)}</td><td>${label('role_type', e.role_type)}</td><td>${fmtMinutes(e.minutes)}</td>
          <td><button type="button" class="secondary small-btn" aria-label=${T('del_label', { what: describe(e) })}
            onClick=${() => remove(e)}>${T('del')}</button></td></tr>`)}</tbody>
      </table></div>` : html`<${Empty}>${T('no_recent')}</${Empty}>`}` : null}
    ${dialog}
  </section>`;
}
