// reflections.js: "Reflecties", the private log of moments a worker shared something of
// their own lived experience with a client. The form walks through what was shared and
// why, permission, checking afterwards, balance, the three red flags as a self-check and
// the golden rules as a checklist. Nobody but the author sees a reflection; the author
// may share one with their coach and withdraw that again. A coach also sees, read-only,
// the reflections their experts shared with them. Never a client's name: the form says so
// and the server refuses any client field.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, fmtDateTime, today } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import {
  Page, Field, Checks, Radios, ErrorBox, ErrorSummary, fieldErrors, Status, Loading, Empty,
  useConfirm, useLoad,
} from '../lib/ui.js';

const TEXT_MAX = 4000;

const T = strings({
  nl: {
    title: 'Reflecties op eigen inzet',
    intro: 'Alleen u ziet deze reflecties. U kunt er een delen met uw coach, en dat weer intrekken. Noem geen namen van cliënten: een reflectie hoort nooit bij een dossier.',
    new_h: 'Nieuwe reflectie', edit_h: 'Reflectie wijzigen',
    happened_on: 'Wanneer deelde u iets van uzelf?',
    what_shared: 'Wat heeft u gedeeld?', what_hint: 'Kort, zonder namen of herkenbare details van de cliënt.',
    why_shared: 'Waarom deelde u het?',
    permission: 'Heeft u de cliënt eerst gevraagd of u iets mocht delen?',
    checked_after: 'Heeft u daarna nagevraagd hoe het overkwam?',
    balance: 'Is de verhouding met de cliënt in balans gebleven?',
    yes: 'Ja', no: 'Nee', not_applicable: 'Niet van toepassing', planned: 'Nog niet, staat gepland', unsure: 'Weet ik niet zeker',
    flags_h: 'Rode vlaggen: uw eigen check',
    flags_hint: 'Alleen voor uzelf (en uw coach als u deelt). Dit is geen beoordeling.',
    over_identification: 'Ik herkende mezelf te sterk in de cliënt of raakte te betrokken',
    undirected: 'Ik deelde iets zonder duidelijk doel voor de cliënt',
    unprocessed: 'Wat ik deelde, heb ik zelf nog niet verwerkt',
    flag_note: 'Toelichting (optioneel)',
    golden_h: 'Gouden regels die ik heb gevolgd',
    g_lived_through: 'Mijn ervaring was voldoende doorleefd om te delen',
    g_permission_and_check: 'Eerst toestemming gevraagd, achteraf nagevraagd hoe het landde',
    g_role_model_balance: 'Bewust van mijn voorbeeldrol; de relatie bleef in balans',
    g_concrete_recovery: 'Een concreet voorbeeld dat laat zien wat herstel kan brengen',
    g_intervision: 'Ik breng dit in bij intervisie',
    note: 'Vrije aantekening (optioneel)',
    save: 'Reflectie opslaan', update: 'Wijzigingen opslaan', cancel_edit: 'Annuleren', saved: 'Opgeslagen',
    mine_h: 'Mijn reflecties', mine_empty: 'U heeft nog geen reflecties vastgelegd.',
    shared_h: 'Met mij gedeeld als coach', shared_empty: 'Er zijn geen reflecties met u gedeeld.',
    shared_badge: 'Gedeeld met coach', private_badge: 'Alleen voor mij',
    share: 'Delen met mijn coach', unshare: 'Delen intrekken', edit: 'Wijzigen', del: 'Verwijderen',
    share_q: 'Deze reflectie delen met uw coach?', share_body: 'Uw coach kan haar dan lezen, niet wijzigen. U kunt het delen altijd intrekken.',
    unshare_q: 'Delen met uw coach intrekken?', unshare_body: 'Uw coach ziet de reflectie daarna niet meer.',
    del_q: 'Deze reflectie verwijderen?', del_body: 'Dit kan niet ongedaan worden gemaakt.',
    no_coach: 'U heeft (nog) geen coach om mee te delen.',
    shared_on: 'Gedeeld op {date}', flags_seen: 'Rode vlaggen: {list}', none: 'geen', rules_kept: 'Gouden regels: {n} van 5',
    err_required: 'Vul dit in.', err_choose: 'Kies een antwoord.', err_long: 'Maximaal {max} tekens.',
    written_by: 'Reflectie van een ervaringsdeskundige die u coacht',
  },
  en: {
    title: 'Reflections on sharing my experience',
    intro: 'Only you see these reflections. You may share one with your coach and withdraw that again. Do not name clients: a reflection never belongs to a dossier.',
    new_h: 'New reflection', edit_h: 'Change reflection',
    happened_on: 'When did you share something of yourself?',
    what_shared: 'What did you share?', what_hint: 'Briefly, without names or recognisable details of the client.',
    why_shared: 'Why did you share it?',
    permission: 'Did you first ask the client whether you could share?',
    checked_after: 'Did you check afterwards how it landed?',
    balance: 'Did the relationship with the client stay in balance?',
    yes: 'Yes', no: 'No', not_applicable: 'Not applicable', planned: 'Not yet, planned', unsure: 'Not sure',
    flags_h: 'Red flags: your own check',
    flags_hint: 'Only for you (and your coach if you share). This is not an assessment.',
    over_identification: 'I identified too strongly with the client or got over-involved',
    undirected: 'I shared something without a clear purpose for the client',
    unprocessed: 'What I shared is something I have not processed myself yet',
    flag_note: 'Note (optional)',
    golden_h: 'Golden rules I followed',
    g_lived_through: 'My experience was lived through enough to share',
    g_permission_and_check: 'Asked permission first, checked afterwards how it landed',
    g_role_model_balance: 'Aware of my role-model function; the relationship stayed in balance',
    g_concrete_recovery: 'A concrete example showing what recovery can bring',
    g_intervision: 'I will bring this to intervision',
    note: 'Free note (optional)',
    save: 'Save reflection', update: 'Save changes', cancel_edit: 'Cancel', saved: 'Saved',
    mine_h: 'My reflections', mine_empty: 'You have not written any reflections yet.',
    shared_h: 'Shared with me as coach', shared_empty: 'No reflections have been shared with you.',
    shared_badge: 'Shared with coach', private_badge: 'Only for me',
    share: 'Share with my coach', unshare: 'Withdraw sharing', edit: 'Change', del: 'Delete',
    share_q: 'Share this reflection with your coach?', share_body: 'Your coach can then read it, not change it. You can always withdraw the sharing.',
    unshare_q: 'Withdraw sharing with your coach?', unshare_body: 'Your coach will no longer see the reflection.',
    del_q: 'Delete this reflection?', del_body: 'This cannot be undone.',
    no_coach: 'You have no coach to share with (yet).',
    shared_on: 'Shared on {date}', flags_seen: 'Red flags: {list}', none: 'none', rules_kept: 'Golden rules: {n} of 5',
    err_required: 'Please fill this in.', err_choose: 'Choose an answer.', err_long: 'At most {max} characters.',
    written_by: 'Reflection of an expert you coach',
  },
});

const RULES = ['lived_through', 'permission_and_check', 'role_model_balance', 'concrete_recovery', 'intervision'];
const FLAGS = ['over_identification', 'undirected', 'unprocessed'];
const AUTHOR_ROLES = ['expert', 'student', 'generalist', 'coordinator', 'coach'];

const blank = () => ({
  happened_on: today(), what_shared: '', why_shared: '', permission: '', checked_after: '', balance: '',
  over_identification: false, over_identification_note: '', undirected: false, undirected_note: '',
  unprocessed: false, unprocessed_note: '', golden_rules: [], note: '',
});

function opts(keys) { return keys.map((k) => ({ value: k, label: T(k) })); }

function check(f) {
  const e = {};
  if (!f.what_shared.trim()) e.what_shared = T('err_required');
  else if (f.what_shared.length > TEXT_MAX) e.what_shared = T('err_long', { max: TEXT_MAX });
  for (const k of ['permission', 'checked_after', 'balance']) if (!f[k]) e[k] = T('err_choose');
  return e;
}

function body(f) {
  const b = { ...f };
  for (const k of ['over_identification_note', 'undirected_note', 'unprocessed_note', 'note']) b[k] = f[k].trim() ? f[k] : null;
  return b;
}

function ReflectionForm({ editing, onSaved, onCancel }) {
  const [f, setF] = useState(() => (editing ? fromRecord(editing) : blank()));
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const set = (k) => (e) => setF({ ...f, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const labels = { what_shared: T('what_shared'), permission: T('permission'), checked_after: T('checked_after'), balance: T('balance'), happened_on: T('happened_on') };

  async function submit(ev) {
    ev.preventDefault();
    const e = check(f);
    setErrors(e); setErr(null); setStatus('');
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      const saved = editing
        ? await api('PATCH', '/reflections/' + editing.id, body(f), { version: editing.version })
        : await api('POST', '/reflections', body(f));
      setStatus(T('saved'));
      if (!editing) setF(blank());
      onSaved(saved);
    } catch (x) {
      setErr(x); setErrors(fieldErrors(x));
    } finally { setBusy(false); }
  }

  return html`<form class="card" onSubmit=${submit} novalidate aria-labelledby="refl-form-h">
    <h2 id="refl-form-h">${editing ? T('edit_h') : T('new_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Field} name="happened_on" type="date" label=${T('happened_on')} value=${f.happened_on} max=${today()} onInput=${set('happened_on')} error=${errors.happened_on} required />
    <${Field} name="what_shared" as="textarea" rows="3" label=${T('what_shared')} hint=${T('what_hint')} value=${f.what_shared} onInput=${set('what_shared')} error=${errors.what_shared} required maxlength=${TEXT_MAX} />
    <${Field} name="why_shared" as="textarea" rows="2" label=${T('why_shared')} value=${f.why_shared} onInput=${set('why_shared')} error=${errors.why_shared} maxlength=${TEXT_MAX} />
    <${Radios} name="permission" legend=${T('permission')} options=${opts(['yes', 'no', 'not_applicable'])} value=${f.permission} onChange=${(v) => setF({ ...f, permission: v })} error=${errors.permission} required />
    <${Radios} name="checked_after" legend=${T('checked_after')} options=${opts(['yes', 'no', 'planned'])} value=${f.checked_after} onChange=${(v) => setF({ ...f, checked_after: v })} error=${errors.checked_after} required />
    <${Radios} name="balance" legend=${T('balance')} options=${opts(['yes', 'no', 'unsure'])} value=${f.balance} onChange=${(v) => setF({ ...f, balance: v })} error=${errors.balance} required />
    <fieldset class="checks" id="f-flags">
      <legend>${T('flags_h')}</legend>
      <p class="hint">${T('flags_hint')}</p>
      ${FLAGS.map((k) => html`<div>
        <label class="check"><input type="checkbox" id=${'f-' + k} name=${k} checked=${f[k]} onChange=${set(k)} /><span>${T(k)}</span></label>
        ${f[k] ? html`<${Field} name=${k + '_note'} label=${T('flag_note')} value=${f[k + '_note']} onInput=${set(k + '_note')} error=${errors[k + '_note']} maxlength="1000" />` : null}
      </div>`)}
    </fieldset>
    <${Checks} name="golden_rules" legend=${T('golden_h')} options=${RULES.map((k) => ({ value: k, label: T('g_' + k) }))} value=${f.golden_rules} onChange=${(v) => setF({ ...f, golden_rules: v })} error=${errors.golden_rules} />
    <${Field} name="note" as="textarea" rows="2" label=${T('note')} value=${f.note} onInput=${set('note')} error=${errors.note} maxlength=${TEXT_MAX} />
    <div class="actions">
      <button type="submit" disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>${editing ? T('update') : T('save')}</button>
      ${editing ? html`<button type="button" class="secondary" onClick=${onCancel}>${T('cancel_edit')}</button>` : null}
    </div>
    <${Status}>${status}</${Status}>
  </form>`;
}

function fromRecord(r) {
  const f = blank();
  for (const k of Object.keys(f)) if (r[k] !== undefined && r[k] !== null) f[k] = r[k];
  return f;
}

function Summary({ r }) {
  const flags = FLAGS.filter((k) => r[k]).map((k) => T(k));
  return html`<p class="small muted">${T('flags_seen', { list: flags.length ? flags.join('; ') : T('none') })} · ${T('rules_kept', { n: r.golden_rules.length })}</p>`;
}

function Entry({ r, onChange, onEdit, ask }) {
  const [err, setErr] = useState(null);
  async function act(method, path, q) {
    const ok = await ask(q);
    if (!ok) return;
    setErr(null);
    try { onChange(await api(method, path, null, { version: r.version }), method === 'DELETE' && !path.endsWith('/share')); } catch (x) { setErr(x); }
  }
  return html`<li>
    <p><strong>${fmtDate(r.happened_on)}</strong> <span class=${'badge' + (r.shared ? ' ok' : '')}>${r.shared ? T('shared_badge') : T('private_badge')}</span></p>
    <p class="cps-text">${r.what_shared}</p>
    ${r.why_shared ? html`<p class="muted">${r.why_shared}</p>` : null}
    <${Summary} r=${r} />
    ${r.shared && r.shared_at ? html`<p class="small muted">${T('shared_on', { date: fmtDateTime(r.shared_at) })}</p>` : null}
    ${err ? html`<p class="field-error" role="alert">${err.status === 409 ? T('no_coach') : err.message}</p>` : null}
    <div class="actions">
      ${r.shared
        ? html`<button type="button" class="secondary" onClick=${() => act('DELETE', `/reflections/${r.id}/share`, { title: T('unshare_q'), body: T('unshare_body'), confirm: T('unshare') })}>${T('unshare')}</button>`
        : html`<button type="button" class="secondary" onClick=${() => act('POST', `/reflections/${r.id}/share`, { title: T('share_q'), body: T('share_body'), confirm: T('share') })}>${T('share')}</button>`}
      <button type="button" class="secondary" onClick=${() => onEdit(r)}>${T('edit')}</button>
      <button type="button" class="danger" onClick=${() => act('DELETE', `/reflections/${r.id}`, { title: T('del_q'), body: T('del_body'), confirm: T('del'), danger: true })}>${T('del')}</button>
    </div>
  </li>`;
}

function SharedWithMe() {
  const { data, error, loading } = useLoad(() => api('GET', '/reflections', null, { query: { shared: 1 } }), []);
  return html`<section aria-labelledby="shared-h">
    <h2 id="shared-h">${T('shared_h')}</h2>
    ${loading ? html`<${Loading} />` : error ? html`<${ErrorBox} error=${error} />`
      : !data.items.length ? html`<${Empty}>${T('shared_empty')}</${Empty}>`
      : html`<ul class="plain card">${data.items.map((r) => html`<li>
          <p><strong>${fmtDate(r.happened_on)}</strong> <span class="badge">${T('written_by')}</span></p>
          <p class="cps-text">${r.what_shared}</p>
          ${r.why_shared ? html`<p class="muted">${r.why_shared}</p>` : null}
          <${Summary} r=${r} />
          ${r.note ? html`<p class="small">${r.note}</p>` : null}
        </li>`)}</ul>`}
  </section>`;
}

export function ReflectionsScreen() {
  const author = hasRole(...AUTHOR_ROLES);
  const coach = hasRole('coach');
  const { data, error, loading, reload } = useLoad(() => (author ? api('GET', '/reflections', null, { query: { limit: 200 } }) : Promise.resolve({ items: [] })), []);
  const [editing, setEditing] = useState(null);
  const [ask, dialog] = useConfirm();
  const onChange = () => { setEditing(null); reload(); };
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    ${author ? html`<${ReflectionForm} key=${editing ? editing.id + ':' + editing.version : 'new'} editing=${editing} onSaved=${onChange} onCancel=${() => setEditing(null)} />` : null}
    ${author ? html`<section aria-labelledby="mine-h">
      <h2 id="mine-h">${T('mine_h')}</h2>
      ${loading ? html`<${Loading} />` : error ? html`<${ErrorBox} error=${error} onRetry=${reload} />`
        : !data.items.length ? html`<${Empty}>${T('mine_empty')}</${Empty}>`
        : html`<ul class="plain card">${data.items.map((r) => html`<${Entry} key=${r.id + r.version} r=${r} ask=${ask} onChange=${onChange} onEdit=${(x) => { setEditing(x); window.scrollTo(0, 0); }} />`)}</ul>`}
    </section>` : null}
    ${coach ? html`<${SharedWithMe} />` : null}
    ${dialog}
  </${Page}>`;
}
