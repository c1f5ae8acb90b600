// profile.js: "Mijn ervaringsprofiel". The expert chooses, as codes, the experience areas and
// generic themes they can draw on, and per chosen item who may see it: only the
// coordinators of the expert team, or colleagues too. Plus capacity (clients at once) and
// whether they are open for new clients. There is deliberately no free-text story.
// GET/PUT /api/v1/me/profile; version 0 means never saved (no If-Match), after that every
// save sends If-Match and a 412 shows both versions without losing the choices made here.
// Below the form: the employment an administrator set (FTE share, qualification level; read
// only here) and the expert's own time log (time-log.js).

import { html, useState, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDateTime } from '../lib/i18n.js';
import { label, options } from '../lib/vocab.js';
import { Page, Field, Radios, ErrorBox, ErrorSummary, Conflict, Status, Loading } from '../lib/ui.js';
import { TimeLog } from './time-log.js';

const T = strings({
  nl: {
    title: 'Mijn ervaringsprofiel',
    intro: 'Met dit profiel kunnen coördinatoren u goed koppelen aan een vraag van een generalist. U kiest alleen uit vaste lijsten; een eigen verhaal hoort hier niet, dat deelt u zelf wanneer het past.',
    vis_h: 'Wie ziet wat?',
    vis_coordinators: 'Alleen coördinatoren: alleen de coördinatoren van het expertteam zien dit onderdeel, om u goed te kunnen koppelen.',
    vis_colleagues: 'Ook collega\'s: ook generalisten en andere collega\'s zien dit onderdeel in het overzicht van ervaringsdeskundigen.',
    areas: 'Ervaringsgebieden', areas_hint: 'Specifieke ervaringen waaruit u put, zoals angst, schulden of verslaving.',
    themes: 'Algemene thema\'s', themes_hint: 'Thema\'s die in veel situaties terugkomen, zoals eenzaamheid of rouw en verlies.',
    visible_for: 'Zichtbaar voor',
    opt_coordinators: 'Alleen coördinatoren', opt_colleagues: 'Ook collega\'s',
    work_h: 'Ruimte voor nieuwe cliënten',
    capacity: 'Capaciteit', capacity_hint: 'Hoeveel cliënten u tegelijk kunt begeleiden (0 tot 100).',
    available: 'Beschikbaar voor nieuwe cliënten?', yes: 'Ja, beschikbaar', no: 'Nee, op dit moment niet',
    available_hint: 'Collega\'s zien alleen óf u beschikbaar bent, nooit waarom niet.',
    save: 'Profiel opslaan', saving: 'Bezig met opslaan…', saved: 'Opgeslagen',
    never: 'U heeft uw profiel nog niet opgeslagen. Wat u nu ziet zijn de standaardwaarden.',
    last: 'Laatst opgeslagen: {when}',
    err_capacity: 'Een heel getal van 0 tot 100.', chosen: '{n} gekozen',
    c_capacity: 'Capaciteit', c_available: 'Beschikbaar', c_items: 'Ervaringsgebieden en thema\'s',
    ja: 'ja', nee: 'nee', c_coord: 'alleen coördinatoren', c_coll: 'ook collega\'s',
    emp_h: 'Dienstverband', emp_hint: 'Vastgelegd door de beheerder of coördinator; vragen hierover stelt u aan hen.',
    emp_fte: 'Omvang als ervaringsdeskundige', emp_fte_v: '{n}% van een voltijdbaan', emp_level: 'Opleidingsniveau',
    unknown: 'onbekend', mbo3: 'mbo niveau 3', mbo4: 'mbo niveau 4', hbo: 'hbo',
  },
  en: {
    title: 'My experience profile',
    intro: 'This profile helps coordinators match you to a generalist\'s request. You choose from fixed lists only; your own story does not belong here, you share it yourself when it fits.',
    vis_h: 'Who sees what?',
    vis_coordinators: 'Coordinators only: only the expert team\'s coordinators see this item, so they can match you well.',
    vis_colleagues: 'Colleagues too: generalists and other colleagues also see this item in the directory of experience experts.',
    areas: 'Experience areas', areas_hint: 'Specific experiences you draw on, such as anxiety, debts or addiction.',
    themes: 'Generic themes', themes_hint: 'Themes that come back in many situations, such as loneliness or grief and loss.',
    visible_for: 'Visible to',
    opt_coordinators: 'Coordinators only', opt_colleagues: 'Colleagues too',
    work_h: 'Room for new clients',
    capacity: 'Capacity', capacity_hint: 'How many clients you can support at once (0 to 100).',
    available: 'Available for new clients?', yes: 'Yes, available', no: 'No, not at the moment',
    available_hint: 'Colleagues only see whether you are available, never why not.',
    save: 'Save profile', saving: 'Saving…', saved: 'Saved',
    never: 'You have not saved your profile yet. What you see are the defaults.',
    last: 'Last saved: {when}',
    err_capacity: 'A whole number from 0 to 100.', chosen: '{n} chosen',
    c_capacity: 'Capacity', c_available: 'Available', c_items: 'Experience areas and themes',
    ja: 'yes', nee: 'no', c_coord: 'coordinators only', c_coll: 'colleagues too',
    emp_h: 'Employment', emp_hint: 'Set by the administrator or coordinator; ask them about it.',
    emp_fte: 'Size as experience expert', emp_fte_v: '{n}% of a full-time position', emp_level: 'Qualification level',
    unknown: 'unknown', mbo3: 'MBO level 3', mbo4: 'MBO level 4', hbo: 'HBO',
  },
});

const GROUPS = [
  { vocab: 'experience_area', key: 'areas' },
  { vocab: 'generic_theme', key: 'themes' },
];

// items as a Map "vocab:code" -> visibility, in the server's list order.
function toMap(items) {
  return new Map((items || []).map((i) => [i.vocab + ':' + i.code, i.visibility]));
}

function fromProfile(p) {
  return { capacity: String(p.capacity), available: p.available ? 'yes' : 'no', items: toMap(p.items) };
}

function toBody(f) {
  const items = [];
  for (const g of GROUPS) {
    // in the vocabulary's order, and keep inactive codes already chosen
    for (const o of options(g.vocab, { includeInactive: true })) {
      const vis = f.items.get(g.vocab + ':' + o.value);
      if (vis) items.push({ vocab: g.vocab, code: o.value, visibility: vis });
    }
  }
  // chosen codes the vocabulary no longer lists stay as they were
  for (const [k, vis] of f.items) {
    const [vocab, code] = k.split(':');
    if (!items.some((i) => i.vocab === vocab && i.code === code)) items.push({ vocab, code, visibility: vis });
  }
  return { capacity: Number(f.capacity), available: f.available === 'yes', items };
}

// A profile as text, for the conflict view.
function describe(p) {
  const items = (p.items || []).map((i) => `${label(i.vocab, i.code)} (${i.visibility === 'colleagues' ? T('c_coll') : T('c_coord')})`);
  return { capacity: p.capacity, available: p.available ? T('ja') : T('nee'), items, version: p.version };
}

// Server errors: "capacity", "items[3].code", "items[3]" -> errors keyed by what the form shows.
function serverErrors(err, body) {
  if (!err || !err.field) return {};
  const m = /^items\[(\d+)\]/.exec(err.field);
  if (m) {
    const item = body.items[Number(m[1])];
    const g = item && GROUPS.find((x) => x.vocab === item.vocab);
    const what = item ? label(item.vocab, item.code) + ': ' : '';
    return { [g ? g.key : 'areas']: what + err.message };
  }
  return { [err.field.replace(/[[.].*$/, '')]: err.message };
}

function ItemGroup({ group, legend, hint, error, value, onToggle, onVisibility }) {
  const opts = options(group.vocab, { includeInactive: true })
    .filter((o) => value.has(group.vocab + ':' + o.value) || options(group.vocab).some((a) => a.value === o.value));
  const n = opts.filter((o) => value.has(group.vocab + ':' + o.value)).length;
  const errId = error ? `f-${group.key}-err` : undefined;
  return html`<fieldset class=${'checks cps-items' + (error ? ' has-error' : '')} id=${'f-' + group.key} aria-describedby=${errId}>
    <legend>${legend} <span class="req">(${T('chosen', { n })})</span></legend>
    <p class="hint">${hint}</p>
    ${error ? html`<p class="field-error" id=${errId}>${error}</p>` : null}
    <ul class="cps-item-list">
      ${opts.map((o) => {
        const key = group.vocab + ':' + o.value;
        const vis = value.get(key);
        const cid = `pi-${group.vocab}-${o.value}`;
        return html`<li key=${key} class=${vis ? 'cps-on' : ''}>
          <label class="check" for=${cid}>
            <input type="checkbox" id=${cid} checked=${!!vis} onChange=${() => onToggle(key)} />
            <span>${o.label}</span>
          </label>
          ${vis ? html`<span class="cps-vis">
            <label for=${cid + '-vis'} class="small">${T('visible_for')}<span class="cps-sr">${', ' + o.label}</span></label>
            <select id=${cid + '-vis'} value=${vis} onChange=${(e) => onVisibility(key, e.target.value)}>
              <option value="coordinators">${T('opt_coordinators')}</option>
              <option value="colleagues">${T('opt_colleagues')}</option>
            </select>
          </span>` : null}
        </li>`;
      })}
    </ul>
  </fieldset>`;
}

export function ProfileScreen() {
  const [load, setLoad] = useState({ loading: true, error: null });
  const [n, setN] = useState(0);
  const [f, setF] = useState(null);
  const [version, setVersion] = useState(0);
  const [updated, setUpdated] = useState(null);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [conflict, setConflict] = useState(null); // { error, raw }
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [emp, setEmp] = useState({ fte_pct: null, qualification: null });

  useEffect(() => {
    let live = true;
    setLoad({ loading: true, error: null });
    api('GET', '/me/profile', null, { etag: true }).then(({ body, version: v }) => {
      if (!live) return;
      setF(fromProfile(body));
      setVersion(body.version ?? v ?? 0);
      setUpdated(body.updated_at);
      setEmp({ fte_pct: body.fte_pct ?? null, qualification: body.qualification ?? null });
      setLoad({ loading: false, error: null });
    }).catch((error) => live && setLoad({ loading: false, error }));
    return () => { live = false; };
  }, [n]);

  const toggle = (key) => setF((s) => {
    const items = new Map(s.items);
    if (items.has(key)) items.delete(key); else items.set(key, 'coordinators');
    return { ...s, items };
  });
  const setVis = (key, vis) => setF((s) => ({ ...s, items: new Map(s.items).set(key, vis) }));

  const save = async (v) => {
    setStatus(''); setErr(null);
    const local = {};
    if (!/^\d+$/.test(f.capacity.trim()) || Number(f.capacity) > 100) local.capacity = T('err_capacity');
    setErrors(local);
    if (Object.keys(local).length) return;
    const body = toBody(f);
    setBusy(true);
    try {
      const saved = await api('PUT', '/me/profile', body, { version: v > 0 ? v : undefined });
      setF(fromProfile(saved));
      setEmp({ fte_pct: saved.fte_pct ?? null, qualification: saved.qualification ?? null });
      setVersion(saved.version);
      setUpdated(saved.updated_at);
      setConflict(null);
      setStatus(T('saved'));
    } catch (x) {
      if (x.status === 412) {
        setConflict({ error: { status: 412, current: describe(x.current || {}) }, raw: x.current || {} });
      } else if (x.field) setErrors(serverErrors(x, body));
      else setErr(x);
    } finally { setBusy(false); }
  };

  const submit = (e) => { e.preventDefault(); save(version); };

  if (load.loading) return html`<${Page} title=${T('title')}><${Loading} /></${Page}>`;
  if (load.error) return html`<${Page} title=${T('title')}><${ErrorBox} error=${load.error} onRetry=${() => setN((x) => x + 1)} /></${Page}>`;

  const labels = { areas: T('areas'), themes: T('themes'), capacity: T('capacity'), available: T('available'), items: T('c_items') };
  return html`<${Page} title=${T('title')}>
    <p class="cps-lead">${T('intro')}</p>
    <div class="card cps-vis-help">
      <h2>${T('vis_h')}</h2>
      <ul>
        <li>${T('vis_coordinators')}</li>
        <li>${T('vis_colleagues')}</li>
      </ul>
    </div>
    <${Conflict} error=${conflict && conflict.error} mine=${describe(toBody(f))}
      fields=${[['items', T('c_items')], ['capacity', T('c_capacity')], ['available', T('c_available')]]}
      onKeepMine=${() => save(conflict.raw.version)}
      onTakeTheirs=${() => { setF(fromProfile(conflict.raw)); setVersion(conflict.raw.version); setUpdated(conflict.raw.updated_at); setConflict(null); }} />
    <form onSubmit=${submit} noValidate>
      <${ErrorSummary} errors=${errors} labels=${labels} />
      <${ErrorBox} error=${err} />
      ${GROUPS.map((g) => html`<${ItemGroup} key=${g.key} group=${g} legend=${T(g.key)} hint=${T(g.key + '_hint')}
        error=${errors[g.key] || (g.key === 'areas' ? errors.items : undefined)} value=${f.items} onToggle=${toggle} onVisibility=${setVis} />`)}
      <h2>${T('work_h')}</h2>
      <${Field} name="capacity" type="number" inputmode="numeric" min="0" max="100" step="1" label=${T('capacity')}
        hint=${T('capacity_hint')} required error=${errors.capacity} value=${f.capacity}
        onInput=${(e) => { const v = e.target.value; setF((s) => ({ ...s, capacity: v })); }} class="cps-narrow" />
      <${Radios} name="available" legend=${T('available')} value=${f.available} error=${errors.available}
        onChange=${(v) => setF((s) => ({ ...s, available: v }))}
        options=${[{ value: 'yes', label: T('yes') }, { value: 'no', label: T('no') }]} />
      <p class="hint">${T('available_hint')}</p>
      <div class="actions"><button type="submit" disabled=${busy}>${busy ? T('saving') : T('save')}</button></div>
      <${Status}>${status}</${Status}>
      <p class="muted small">${version > 0 && updated ? T('last', { when: fmtDateTime(updated) }) : T('never')}</p>
    </form>
    <section class="card" aria-labelledby="h-emp">
      <h2 id="h-emp">${T('emp_h')}</h2>
      <dl class="facts">
        <dt>${T('emp_fte')}</dt><dd>${emp.fte_pct === null ? T('unknown') : T('emp_fte_v', { n: emp.fte_pct })}</dd>
        <dt>${T('emp_level')}</dt><dd>${emp.qualification ? T(emp.qualification) : T('unknown')}</dd>
      </dl>
      <p class="hint">${T('emp_hint')}</p>
    </section>
    <${TimeLog} />
  </${Page}>`;
}
