// reports.js: "Overzichten" for managers and administrators. What experience experts add,
// as aggregates only: requests per month, team or wijk (with a bar chart and the table
// behind it), time from request to assignment and to first contact (median, p90) and the
// reach among generalists. Counts from 1 to 4 come from the server as "<5"; a withheld
// figure is said in words. Every table has its CSV. docs/reports.md defines the figures.
// GET /api/v1/reports/requests, /time-to-match, /reach.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, lang, fmtDate } from '../lib/i18n.js';
import { Page, Field, ErrorBox, Empty, Loading, useLoad } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Overzichten',
    intro: 'Wat de inzet van ervaringsdeskundigen oplevert, in aantallen. Geen overzicht noemt een persoon of een cliënt: aantallen van 1 tot 4 staan er als "<5", en een mediaan of een aandeel over minder dan 5 wordt niet getoond.',
    period_h: 'Periode', from: 'Van', to: 'Tot en met', apply: 'Toon',
    period: 'Periode: {from} tot en met {to}',
    req_h: 'Aanvragen voor een ervaringsdeskundige', by: 'Indeling',
    by_month: 'Per maand', by_team: 'Per team (van de aanvrager)', by_area: 'Per wijk',
    col_month: 'Maand', col_team: 'Team', col_area: 'Wijk', count: 'Aantal', total: 'Totaal',
    no_team: 'Geen team', no_area: 'Geen wijk', none: 'Geen aanvragen in deze periode.',
    chart: 'Aanvragen {by}: staafdiagram. De tabel ernaast geeft dezelfde aantallen.',
    time_h: 'Tijd tot inzet', figure: 'Maat', n: 'Aanvragen', median: 'Mediaan (dagen)', p90: '90e percentiel (dagen)',
    requests: 'Aanvragen in de periode', to_assignment: 'Van aanvraag tot start van de inzet',
    to_first_contact: 'Van aanvraag tot eerste contact van de ervaringsdeskundige',
    withheld: 'niet getoond (minder dan 5)',
    reach_h: 'Bereik onder generalisten', generalists: 'Generalisten', reached: 'Vroegen een ervaringsdeskundige of overlegden',
    share: 'Aandeel',
    csv: 'Download als CSV', csv_of: 'Download {what} als CSV',
  },
  en: {
    title: 'Reports',
    intro: 'What deploying experience experts adds, in numbers. No report names a person or a client: counts from 1 to 4 show as "<5", and a median or a share over fewer than 5 is not shown.',
    period_h: 'Period', from: 'From', to: 'To (inclusive)', apply: 'Show',
    period: 'Period: {from} to {to}',
    req_h: 'Requests for an experience expert', by: 'Grouping',
    by_month: 'Per month', by_team: 'Per team (of the requester)', by_area: 'Per area',
    col_month: 'Month', col_team: 'Team', col_area: 'Area', count: 'Count', total: 'Total',
    no_team: 'No team', no_area: 'No area', none: 'No requests in this period.',
    chart: 'Requests {by}: bar chart. The table next to it has the same counts.',
    time_h: 'Time to deployment', figure: 'Figure', n: 'Requests', median: 'Median (days)', p90: '90th percentile (days)',
    requests: 'Requests in the period', to_assignment: 'From request to start of the assignment',
    to_first_contact: 'From request to the expert\'s first contact',
    withheld: 'not shown (fewer than 5)',
    reach_h: 'Reach among generalists', generalists: 'Generalists', reached: 'Requested an expert or consulted one',
    share: 'Share',
    csv: 'Download as CSV', csv_of: 'Download {what} as CSV',
  },
});

const BYS = ['month', 'team', 'area'];

function csvHref(path, q) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, format: 'csv' })) if (v) s.append(k, v);
  return '/api/v1/reports/' + path + '?' + s.toString();
}

const share = (s) => (s === null ? T('withheld') : lang() === 'en' ? s : s.replace('.', ','));
const shown = (v) => (v === null ? T('withheld') : String(v));

function rowLabel(by, r) {
  if (r.label !== null) return r.label;
  return by === 'team' ? T('no_team') : by === 'area' ? T('no_area') : '';
}

// Horizontal bars; a withheld count ("<5") is drawn as a short hatched mark of fixed length and written
// out, so no length reveals it. role="img" with a <title>; the table beside it is the data.
function BarChart({ id, by, rows }) {
  const values = rows.map((r) => (typeof r.count === 'number' ? r.count : 0));
  const max = Math.max(5, ...values);
  const bar = 24, gap = 8, labelW = 170, chartW = 300, numW = 40;
  const h = rows.length * (bar + gap);
  const title = T('chart', { by: T('by_' + by).toLowerCase() });
  return html`<svg class="rp-chart" role="img" aria-labelledby=${id} viewBox=${`0 0 ${labelW + chartW + numW} ${h}`}
      width="100%" preserveAspectRatio="xMinYMin meet">
    <title id=${id}>${title}</title>
    <defs><pattern id=${id + '-hatch'} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="3" height="6" fill="currentColor" /></pattern></defs>
    ${rows.map((r, i) => {
      const y = i * (bar + gap);
      const withheld = typeof r.count !== 'number';
      const w = withheld ? 8 : Math.round((r.count / max) * chartW);
      return html`<g>
        <text x=${labelW - 8} y=${y + bar * 0.7} text-anchor="end" fill="currentColor" font-size="14">${rowLabel(by, r).slice(0, 22)}</text>
        <rect x=${labelW} y=${y} width=${w} height=${bar} fill=${withheld ? `url(#${id}-hatch)` : 'currentColor'} />
        <text x=${labelW + w + 6} y=${y + bar * 0.7} fill="currentColor" font-size="14">${String(r.count)}</text>
      </g>`;
    })}
  </svg>`;
}

function Requests({ q }) {
  const [by, setBy] = useState('month');
  const data = useLoad(() => api('GET', '/reports/requests', null, { query: { ...q, by } }), [q.from, q.to, by]);
  let body;
  if (data.error) body = html`<${ErrorBox} error=${data.error} onRetry=${data.reload} />`;
  else if (!data.data) body = html`<${Loading} />`;
  else if (!data.data.rows.length) body = html`<${Empty}>${T('none')}</${Empty}>`;
  else {
    const d = data.data;
    body = html`<div class="rp-pair">
      <${BarChart} id="rp-req-title" by=${d.by} rows=${d.rows} />
      <div class="table-wrap"><table class="rp-requests">
        <caption>${T('req_h')}, ${T('by_' + d.by).toLowerCase()}</caption>
        <thead><tr><th scope="col">${T('col_' + d.by)}</th><th scope="col">${T('count')}</th></tr></thead>
        <tbody>${d.rows.map((r) => html`<tr><th scope="row">${rowLabel(d.by, r)}</th><td>${String(r.count)}</td></tr>`)}</tbody>
        <tfoot><tr><th scope="row">${T('total')}</th><td>${String(d.total)}</td></tr></tfoot>
      </table></div>
    </div>`;
  }
  return html`<section aria-labelledby="rp-req-h" class="card">
    <h2 id="rp-req-h">${T('req_h')}</h2>
    <${Field} name="rp-by" label=${T('by')} as="select" value=${by} onChange=${(e) => setBy(e.target.value)}
      options=${BYS.map((b) => ({ value: b, label: T('by_' + b) }))} />
    ${body}
    <p><a href=${csvHref('requests', { ...q, by })} download>${T('csv_of', { what: T('req_h').toLowerCase() })}</a></p>
  </section>`;
}

function Time({ q }) {
  const data = useLoad(() => api('GET', '/reports/time-to-match', null, { query: q }), [q.from, q.to]);
  let body;
  if (data.error) body = html`<${ErrorBox} error=${data.error} onRetry=${data.reload} />`;
  else if (!data.data) body = html`<${Loading} />`;
  else {
    const d = data.data;
    const row = (k, f) => html`<tr><th scope="row">${T(k)}</th><td>${String(f.n)}</td><td>${shown(f.median)}</td><td>${shown(f.p90)}</td></tr>`;
    body = html`<div class="table-wrap"><table class="rp-time">
      <caption>${T('time_h')}</caption>
      <thead><tr><th scope="col">${T('figure')}</th><th scope="col">${T('n')}</th><th scope="col">${T('median')}</th><th scope="col">${T('p90')}</th></tr></thead>
      <tbody>
        <tr><th scope="row">${T('requests')}</th><td>${String(d.requests)}</td><td></td><td></td></tr>
        ${row('to_assignment', d.to_assignment_days)}
        ${row('to_first_contact', d.to_first_contact_days)}
      </tbody>
    </table></div>`;
  }
  return html`<section aria-labelledby="rp-time-h" class="card">
    <h2 id="rp-time-h">${T('time_h')}</h2>
    ${body}
    <p><a href=${csvHref('time-to-match', q)} download>${T('csv_of', { what: T('time_h').toLowerCase() })}</a></p>
  </section>`;
}

function Reach({ q }) {
  const data = useLoad(() => api('GET', '/reports/reach', null, { query: q }), [q.from, q.to]);
  let body;
  if (data.error) body = html`<${ErrorBox} error=${data.error} onRetry=${data.reload} />`;
  else if (!data.data) body = html`<${Loading} />`;
  else {
    const d = data.data;
    body = html`<div class="table-wrap"><table class="rp-reach">
      <caption>${T('reach_h')}</caption>
      <thead><tr><th scope="col">${T('generalists')}</th><th scope="col">${T('reached')}</th><th scope="col">${T('share')}</th></tr></thead>
      <tbody><tr><td>${String(d.generalists)}</td><td>${String(d.reached)}</td><td>${share(d.share)}</td></tr></tbody>
    </table></div>`;
  }
  return html`<section aria-labelledby="rp-reach-h" class="card">
    <h2 id="rp-reach-h">${T('reach_h')}</h2>
    ${body}
    <p><a href=${csvHref('reach', q)} download>${T('csv_of', { what: T('reach_h').toLowerCase() })}</a></p>
  </section>`;
}

export function ReportsScreen() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [q, setQ] = useState({ from: '', to: '' });
  const submit = (e) => { e.preventDefault(); setQ({ from, to }); };
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    <form class="card rp-period" onSubmit=${submit} aria-labelledby="rp-period-h">
      <h2 id="rp-period-h">${T('period_h')}</h2>
      <${Field} name="rp-from" label=${T('from')} type="date" value=${from} onInput=${(e) => setFrom(e.target.value)} />
      <${Field} name="rp-to" label=${T('to')} type="date" value=${to} onInput=${(e) => setTo(e.target.value)} />
      <div class="actions"><button type="submit">${T('apply')}</button></div>
      ${q.from && q.to ? html`<p class="muted">${T('period', { from: fmtDate(q.from), to: fmtDate(q.to) })}</p>` : null}
    </form>
    <${Requests} q=${q} />
    <${Time} q=${q} />
    <${Reach} q=${q} />
  </${Page}>`;
}
