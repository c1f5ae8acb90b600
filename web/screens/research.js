// research.js: "Onderzoeksexport" for researchers. Choose a period, optionally include free
// text (which needs a written reason), and download the pseudonymised export as a JSON file;
// below it the codebook: every table and column of the export, with its codes. The export
// is fetched, then saved from a blob, so that a refusal (422 naming the field) is shown at
// the field instead of being downloaded. docs/research-export.md.
// GET /api/v1/research/export, GET /api/v1/research/codebook.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, lang } from '../lib/i18n.js';
import { Page, Field, ErrorBox, ErrorSummary, Loading, Status, fieldErrors, useLoad } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Onderzoeksexport',
    intro: 'De inzet van ervaringsdeskundigen in een periode, gepseudonimiseerd, voor onderzoek. Geen namen, cliëntcodes of contactgegevens; cliënten, dossiers, aanvragen en medewerkers staan er als pseudoniem in dat alleen binnen één export gelijk is. Data zijn afgerond op de maand. Een wijk of leeftijdsklasse die bij minder dan 5 cliënten voorkomt wordt weggelaten. Elke export wordt vastgelegd in het logboek.',
    form_h: 'Export maken', from: 'Van', to: 'Tot en met',
    period_hint: 'Leeg: de 365 dagen tot en met vandaag.',
    free_text: 'Vrije tekst meenemen (notities, vragen, verslagen)',
    free_text_hint: 'Vrije tekst is niet gepseudonimiseerd: er kunnen namen en andere herleidbare gegevens in staan. Alleen als het onderzoek dat echt nodig heeft.',
    reason: 'Reden voor vrije tekst', reason_hint: 'Waarom dit onderzoek de vrije tekst nodig heeft (maximaal 500 tekens). De reden staat in de export.',
    reason_needed: 'Geef een reden op.', reason_long: 'Maximaal 500 tekens.',
    go: 'Exporteren', busy: 'Bezig met exporteren…',
    done: 'Export {id} is gedownload: {dossiers} dossiers, {requests} aanvragen, {notes} notities.',
    suppressed: 'Weggelaten wegens kleine aantallen: wijk bij {area} dossiers, leeftijdsklasse bij {age_band} dossiers.',
    codebook_h: 'Codeboek', codebook_intro: 'Elke tabel en kolom van de export. Codes staan met hun betekenis; de lijsten zijn die van uw organisatie.',
    col_name: 'Kolom', col_type: 'Soort', col_desc: 'Betekenis', col_codes: 'Codes of waarden', col_source: 'Afgeleid uit',
    free: 'vrije tekst: alleen met reden', quasi: 'kan worden weggelaten (kleine aantallen)', nullable: 'kan leeg zijn',
    table_caption: 'Kolommen van {name}',
    f_from: 'Van', f_to: 'Tot en met', f_free_text: 'Vrije tekst', f_reason: 'Reden',
  },
  en: {
    title: 'Research export',
    intro: 'The deployment of experience experts in a period, pseudonymised, for research. No names, client codes or contact details; clients, dossiers, requests and workers appear as pseudonyms that are the same only within one export. Dates are rounded to the month. An area or age band that fewer than 5 clients share is left out. Every export is recorded in the audit log.',
    form_h: 'Make an export', from: 'From', to: 'To (inclusive)',
    period_hint: 'Empty: the 365 days up to and including today.',
    free_text: 'Include free text (notes, questions, summaries)',
    free_text_hint: 'Free text is not pseudonymised: it can hold names and other identifying details. Only when the research really needs it.',
    reason: 'Reason for free text', reason_hint: 'Why this research needs the free text (at most 500 characters). The reason is in the export.',
    reason_needed: 'Give a reason.', reason_long: 'At most 500 characters.',
    go: 'Export', busy: 'Exporting…',
    done: 'Export {id} was downloaded: {dossiers} dossiers, {requests} requests, {notes} notes.',
    suppressed: 'Left out for small numbers: area on {area} dossiers, age band on {age_band} dossiers.',
    codebook_h: 'Codebook', codebook_intro: 'Every table and column of the export. Codes are listed with their meaning; the lists are your organisation\'s.',
    col_name: 'Column', col_type: 'Type', col_desc: 'Meaning', col_codes: 'Codes or values', col_source: 'Derived from',
    free: 'free text: only with a reason', quasi: 'may be left out (small numbers)', nullable: 'may be empty',
    table_caption: 'Columns of {name}',
    f_from: 'From', f_to: 'To', f_free_text: 'Free text', f_reason: 'Reason',
  },
});

// Save a JSON document as a file, as the server's Content-Disposition would name it.
function save(doc) {
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'research-export-' + doc.export.id + '.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function ExportForm() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [withText, setWithText] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);

  const submit = async (e) => {
    e.preventDefault();
    setDone(null);
    setError(null);
    const r = reason.trim();
    if (withText && !r) { setErrors({ reason: T('reason_needed') }); return; }
    if ([...reason].length > 500) { setErrors({ reason: T('reason_long') }); return; }
    setErrors({});
    setBusy(true);
    try {
      const doc = await api('GET', '/research/export', null, {
        query: { from, to, free_text: withText ? 'true' : 'false', reason: withText ? r : '' },
      });
      save(doc);
      setDone(doc.export);
    } catch (err) {
      const fe = fieldErrors(err);
      if (Object.keys(fe).length) setErrors(fe); else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labels = { from: T('f_from'), to: T('f_to'), free_text: T('f_free_text'), reason: T('f_reason') };
  return html`<form class="card rs-form" onSubmit=${submit} aria-labelledby="rs-form-h" novalidate>
    <h2 id="rs-form-h">${T('form_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${Field} name="from" label=${T('from')} type="date" value=${from} error=${errors.from} hint=${T('period_hint')}
      onInput=${(e) => setFrom(e.target.value)} />
    <${Field} name="to" label=${T('to')} type="date" value=${to} error=${errors.to} onInput=${(e) => setTo(e.target.value)} />
    <div class=${'field' + (errors.free_text ? ' has-error' : '')}>
      <p class="hint" id="f-free_text-hint">${T('free_text_hint')}</p>
      <label class="check">
        <input type="checkbox" id="f-free_text" name="free_text" checked=${withText} aria-describedby="f-free_text-hint"
          onChange=${(e) => setWithText(e.target.checked)} />
        <span>${T('free_text')}</span>
      </label>
    </div>
    ${withText ? html`<${Field} name="reason" as="textarea" rows="3" label=${T('reason')} hint=${T('reason_hint')} required
      value=${reason} error=${errors.reason} onInput=${(e) => setReason(e.target.value)} />` : null}
    <div class="actions"><button type="submit" disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>${busy ? T('busy') : T('go')}</button></div>
    ${error ? html`<${ErrorBox} error=${error} />` : null}
    <${Status}>${done ? html`${T('done', { id: done.id, dossiers: done.rows.dossiers, requests: done.rows.requests, notes: done.rows.notes })}
      ${' '}${T('suppressed', done.suppressed)}` : ''}</${Status}>
  </form>`;
}

function codes(col, vocabs) {
  const en = lang() === 'en';
  if (col.values) return col.values.join(', ');
  if (!col.vocabulary) return '';
  return col.vocabulary.split(',')
    .flatMap((v) => (vocabs[v] || []).map((c) => `${c.code} (${en ? c.label_en : c.label_nl})`))
    .join('; ');
}

function Codebook() {
  const data = useLoad(() => api('GET', '/research/codebook'), []);
  if (data.error) return html`<${ErrorBox} error=${data.error} onRetry=${data.reload} />`;
  if (!data.data) return html`<${Loading} />`;
  const cb = data.data;
  const en = lang() === 'en';
  return html`${cb.tables.map((t) => html`<section class="rs-table" aria-labelledby=${'rs-t-' + t.name.replace('.', '-')}>
    <h3 id=${'rs-t-' + t.name.replace('.', '-')}><code>${t.name}</code>: ${en ? t.description_en : t.description_nl}</h3>
    <div class="table-wrap"><table class="rs-codebook" data-table=${t.name}>
      <caption>${T('table_caption', { name: t.name })}</caption>
      <thead><tr><th scope="col">${T('col_name')}</th><th scope="col">${T('col_type')}</th><th scope="col">${T('col_desc')}</th>
        <th scope="col">${T('col_codes')}</th><th scope="col">${T('col_source')}</th></tr></thead>
      <tbody>${t.columns.map((c) => html`<tr>
        <th scope="row"><code>${c.name}</code></th>
        <td>${c.type}</td>
        <td>${en ? c.description_en : c.description_nl}${c.free_text ? html`<br /><em>${T('free')}</em>` : null}${c.quasi_identifier ? html`<br /><em>${T('quasi')}</em>` : null}</td>
        <td>${codes(c, cb.vocabularies)}</td>
        <td><code>${c.source}</code></td>
      </tr>`)}</tbody>
    </table></div>
  </section>`)}`;
}

export function ResearchScreen() {
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    <${ExportForm} />
    <section class="card" aria-labelledby="rs-cb-h">
      <h2 id="rs-cb-h">${T('codebook_h')}</h2>
      <p>${T('codebook_intro')}</p>
      <${Codebook} />
    </section>
  </${Page}>`;
}
