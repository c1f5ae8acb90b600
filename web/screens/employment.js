// employment.js: "Dienstverband", an experience expert's FTE share and qualification level,
// as the administrator sets them (shown under a worker with the expert role in Beheer >
// Medewerkers). Both may be unknown. The expert sees them on their profile; managers only
// ever see totals in the reports (docs/expert-time.md).
// GET/PUT /api/v1/experts/{id}/employment with If-Match (the expert's profile version: a 412
// shows both versions).

import { html, useState, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDateTime } from '../lib/i18n.js';
import { Field, ErrorBox, ErrorSummary, Conflict, Status, Loading } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Dienstverband als ervaringsdeskundige',
    intro: 'Voor de rapportages over caseload per fte en de verdeling naar opleidingsniveau. Alleen beheerders, coördinatoren en de ervaringsdeskundige zelf zien dit per persoon; managers zien alleen totalen.',
    fte: 'Omvang (procent van een voltijdbaan)', fte_hint: 'Het deel van een voltijdbaan dat iemand als ervaringsdeskundige werkt, 0 tot 100 (32 van 36 uur is 89). Leeg laten als het onbekend is.',
    level: 'Opleidingsniveau', unknown: 'Onbekend', mbo3: 'mbo niveau 3', mbo4: 'mbo niveau 4', hbo: 'hbo',
    save: 'Dienstverband opslaan', busy: 'Bezig…', saved: 'Dienstverband opgeslagen.',
    err_fte: 'Een heel getal van 0 tot 100, of leeg voor onbekend.',
    last: 'Laatst gewijzigd (profiel): {when}', never: 'Nog niet vastgelegd.',
    c_fte: 'Omvang', c_level: 'Opleidingsniveau',
  },
  en: {
    title: 'Employment as experience expert',
    intro: 'For the reports on caseload per FTE and the split by qualification level. Only administrators, coordinators and the expert see this per person; managers see totals only.',
    fte: 'Size (percent of a full-time position)', fte_hint: 'The share of a full-time position worked as an experience expert, 0 to 100 (32 of 36 hours is 89). Leave empty when unknown.',
    level: 'Qualification level', unknown: 'Unknown', mbo3: 'MBO level 3', mbo4: 'MBO level 4', hbo: 'HBO',
    save: 'Save employment', busy: 'Working…', saved: 'Employment saved.',
    err_fte: 'A whole number from 0 to 100, or empty for unknown.',
    last: 'Last changed (profile): {when}', never: 'Not recorded yet.',
    c_fte: 'Size', c_level: 'Qualification level',
  },
});

const LEVELS = ['mbo3', 'mbo4', 'hbo'];

const toForm = (e) => ({ fte: e.fte_pct === null || e.fte_pct === undefined ? '' : String(e.fte_pct), level: e.qualification || '' });
const showFte = (v) => (v === null || v === undefined || v === '' ? T('unknown') : `${v}%`);
const showLevel = (v) => (v ? T(v) : T('unknown'));

export function EmploymentForm({ id }) {
  const [st, setSt] = useState({ rec: null, error: null, loading: true });
  const [f, setF] = useState({ fte: '', level: '' });
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  const load = () => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    api('GET', '/experts/' + encodeURIComponent(id) + '/employment')
      .then((rec) => { setSt({ rec, error: null, loading: false }); setF(toForm(rec)); })
      .catch((error) => setSt({ rec: null, error, loading: false }));
  };
  useEffect(load, [id]);

  const put = async (version) => {
    setStatus(''); setErr(null);
    const local = {};
    const fte = f.fte.trim();
    if (fte !== '' && (!/^\d+$/.test(fte) || Number(fte) > 100)) local.emp_fte = T('err_fte');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const rec = await api('PUT', '/experts/' + encodeURIComponent(id) + '/employment',
        { fte_pct: fte === '' ? null : Number(fte), qualification: f.level || null },
        { version: version > 0 ? version : undefined });
      setSt({ rec, error: null, loading: false });
      setF(toForm(rec));
      setStatus(T('saved'));
    } catch (x) {
      if (x.status === 412) setErr(x);
      else if (x.field === 'fte_pct') setErrors({ emp_fte: x.message });
      else if (x.field === 'qualification') setErrors({ emp_level: x.message });
      else setErr(x);
    } finally { setBusy(false); }
  };

  if (st.loading && !st.rec) return html`<${Loading} />`;
  if (st.error) return html`<${ErrorBox} error=${st.error} onRetry=${load} />`;
  const rec = st.rec;
  const conflict = err && err.status === 412 ? {
    status: 412, current: err.current && { fte: showFte(err.current.fte_pct), level: showLevel(err.current.qualification), version: err.current.version },
  } : null;
  const labels = { emp_fte: T('fte'), emp_level: T('level') };
  return html`<section aria-labelledby="h-employment">
    <h3 id="h-employment">${T('title')}</h3>
    <p class="hint">${T('intro')}</p>
    <${Conflict} error=${conflict} mine=${{ fte: showFte(f.fte), level: showLevel(f.level) }}
      fields=${[['fte', T('c_fte')], ['level', T('c_level')]]}
      onKeepMine=${(v) => put(v)}
      onTakeTheirs=${() => { setSt({ rec: err.current, error: null, loading: false }); setF(toForm(err.current)); setErr(null); }} />
    <form class="card adm-form" onSubmit=${(e) => { e.preventDefault(); put(rec.version); }} noValidate aria-labelledby="h-employment">
      <${ErrorSummary} errors=${errors} labels=${labels} />
      ${err && err.status !== 412 ? html`<${ErrorBox} error=${err} />` : null}
      <div class="adm-pair">
        <${Field} name="emp_fte" type="number" inputmode="numeric" min="0" max="100" step="1" label=${T('fte')}
          hint=${T('fte_hint')} error=${errors.emp_fte} value=${f.fte}
          onInput=${(e) => { const v = e.target.value; setF((s) => ({ ...s, fte: v })); }} />
        <${Field} name="emp_level" as="select" label=${T('level')} error=${errors.emp_level} value=${f.level}
          options=${[{ value: '', label: T('unknown') }, ...LEVELS.map((l) => ({ value: l, label: T(l) }))]}
          onChange=${(e) => { const v = e.target.value; setF((s) => ({ ...s, level: v })); }} />
      </div>
      <button type="submit" disabled=${busy}>${busy ? T('busy') : T('save')}</button>
      <${Status}>${status}</${Status}>
      <p class="muted small">${rec.version > 0 && rec.updated_at ? T('last', { when: fmtDateTime(rec.updated_at) }) : T('never')}</p>
    </form>
  </section>`;
}
