// client-new.js: a generalist registers a new client (a pseudonymous code, optionally a
// name, contact details, birth year and area) and what the support aims at. The server
// opens the dossier with the generalist as eindverantwoordelijk; we go straight there.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, lang } from '../lib/i18n.js';
import { navigate, Link } from '../lib/router.js';
import { Page, Field, Radios, ErrorBox, ErrorSummary, fieldErrors, useLoad } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Nieuwe cliënt aanmelden',
    intro: 'Er wordt meteen een dossier geopend, met u als eindverantwoordelijk generalist. Alleen de code en het doel zijn nodig; de rest kunt u later aanvullen.',
    code: 'Cliëntcode', code_hint: 'Een pseudoniem dat in uw organisatie maar één keer voorkomt, bijvoorbeeld BT-0212. Geen naam of BSN.',
    name: 'Naam', name_hint: 'Alleen als de cliënt dat goed vindt.',
    contact: 'Contactgegevens', contact_hint: 'Bijvoorbeeld telefoonnummer of adres.',
    birth_year: 'Geboortejaar', birth_year_hint: 'Vier cijfers, bijvoorbeeld 1987.',
    area: 'Gebied', area_none: '— Nog niet bekend —', area_hint: 'De buurt of wijk waar de cliënt woont.',
    goal: 'Waar is de ondersteuning op gericht?',
    goal_stabilise: 'Stabiliseren: de situatie rustig en houdbaar krijgen',
    goal_progress: 'Vooruitgang: samen werken aan doelen en herstel',
    submit: 'Cliënt aanmelden en dossier openen', busy: 'Bezig met aanmelden…', cancel: 'Annuleren',
    areas_failed: 'De gebieden konden niet geladen worden; u kunt het gebied later invullen.',
    year_nan: 'Vul een jaartal in met cijfers, bijvoorbeeld 1987.',
  },
  en: {
    title: 'Register a new client',
    intro: 'A dossier opens right away, with you as the generalist with final responsibility. Only the code and the goal are needed; you can add the rest later.',
    code: 'Client code', code_hint: 'A pseudonym used only once in your organisation, for example BT-0212. No name or citizen number.',
    name: 'Name', name_hint: 'Only if the client agrees.',
    contact: 'Contact details', contact_hint: 'For example phone number or address.',
    birth_year: 'Year of birth', birth_year_hint: 'Four digits, for example 1987.',
    area: 'Area', area_none: '— Not known yet —', area_hint: 'The neighbourhood or district where the client lives.',
    goal: 'What does the support aim at?',
    goal_stabilise: 'Stabilise: make the situation calm and sustainable',
    goal_progress: 'Progress: work together on goals and recovery',
    submit: 'Register client and open dossier', busy: 'Registering…', cancel: 'Cancel',
    areas_failed: 'The areas could not be loaded; you can fill in the area later.',
    year_nan: 'Enter a year in digits, for example 1987.',
  },
});

// The server's validation messages are English; say the common ones in Dutch. (A helper
// like this would belong in lib/ui.js; kept here so this screen is self-contained.)
const NL_MESSAGES = [
  [/^is required$/, () => 'Dit is verplicht.'],
  [/^at least 1 characters?$/, () => 'Dit is verplicht.'],
  [/^at least (\d+) characters?$/, (n) => `Gebruik minstens ${n} tekens.`],
  [/^at most (\d+) characters?$/, (n) => `Te lang: hoogstens ${Number(n).toLocaleString('nl-NL')} tekens.`],
  [/^must be from (-?\d+) to (-?\d+)$/, (a, b) => `Dit moet tussen ${a} en ${b} liggen.`],
  [/exists already/, () => 'Er is al een cliënt met deze code. Kies een andere code.'],
  [/^not a code of/, () => 'Kies een van de mogelijkheden.'],
  [/^cannot lie in the future$/, () => 'Deze datum ligt in de toekomst; kies vandaag of eerder.'],
  [/^expected a date like/, () => 'Vul een geldige datum in.'],
  [/needs a note/, () => 'Schrijf een afsluitende notitie: die is nodig als de cliënt zich later opnieuw aanmeldt.'],
  [/not an active generalist/, () => 'Kies een actieve generalist van de organisatie.'],
  [/lies before the start/, () => 'Deze datum ligt vóór het begin van de inzet.'],
];
export function explain(err) {
  if (!err || !err.field || lang() !== 'nl') return err;
  for (const [re, fn] of NL_MESSAGES) {
    const m = re.exec(err.message || '');
    if (m) return { ...err, status: err.status, field: err.field, message: fn(...m.slice(1)) };
  }
  return err;
}

// "Noord › Overvecht › Taagdreef" for every area, sorted as a tree.
export function areaPaths(items) {
  const byId = new Map(items.map((a) => [a.id, a]));
  const path = (a) => {
    const parts = [];
    for (let x = a, i = 0; x && i < 5; x = byId.get(x.parent_id), i++) parts.unshift(x.name);
    return parts.join(' › ');
  };
  return items.map((a) => ({ value: a.id, label: path(a) })).sort((x, y) => x.label.localeCompare(y.label, 'nl'));
}

export function ClientNewScreen() {
  const areas = useLoad(() => api('GET', '/areas'), []);
  const [v, setV] = useState({ code: '', name: '', contact: '', birth_year: '', area_id: '', goal_type: '' });
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const set = (k) => (e) => setV({ ...v, [k]: e.target.value });

  const submit = async (e) => {
    e.preventDefault();
    setErr(null);
    const year = v.birth_year.trim();
    if (year && !/^\d{1,4}$/.test(year)) {
      setErr({ status: 422, field: 'birth_year', message: T('year_nan') });
      return;
    }
    const body = { code: v.code.trim(), goal_type: v.goal_type || undefined };
    if (v.name.trim()) body.name = v.name.trim();
    if (v.contact.trim()) body.contact = v.contact.trim();
    if (year) body.birth_year = Number(year);
    if (v.area_id) body.area_id = v.area_id;
    setBusy(true);
    try {
      const r = await api('POST', '/clients', body);
      navigate('/dossiers/' + r.dossier.id);
    } catch (x) {
      setErr(x);
      setBusy(false);
    }
  };

  const shown = explain(err);
  const fe = fieldErrors(shown);
  const labels = { code: T('code'), name: T('name'), contact: T('contact'), birth_year: T('birth_year'),
    area_id: T('area'), goal_type: T('goal') };
  const areaOptions = [{ value: '', label: T('area_none') }, ...(areas.data ? areaPaths(areas.data.items || []) : [])];

  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    <form onSubmit=${submit} noValidate>
      ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${ErrorSummary} errors=${fe} labels=${labels} />
      <${Field} name="code" label=${T('code')} hint=${T('code_hint')} required autocomplete="off"
        value=${v.code} onInput=${set('code')} error=${fe.code} />
      <${Radios} name="goal_type" legend=${T('goal')} required error=${fe.goal_type} value=${v.goal_type}
        onChange=${(g) => setV({ ...v, goal_type: g })}
        options=${[{ value: 'stabilise', label: T('goal_stabilise') }, { value: 'progress', label: T('goal_progress') }]} />
      <${Field} name="name" label=${T('name')} hint=${T('name_hint')} autocomplete="off"
        value=${v.name} onInput=${set('name')} error=${fe.name} />
      <${Field} name="contact" as="textarea" rows="3" label=${T('contact')} hint=${T('contact_hint')}
        value=${v.contact} onInput=${set('contact')} error=${fe.contact} />
      <${Field} name="birth_year" label=${T('birth_year')} hint=${T('birth_year_hint')} inputmode="numeric"
        autocomplete="off" class="narrow" value=${v.birth_year} onInput=${set('birth_year')} error=${fe.birth_year} />
      ${areas.error ? html`<p class="muted">${T('areas_failed')}</p>` : html`<${Field} name="area_id" as="select"
        label=${T('area')} hint=${T('area_hint')} options=${areaOptions} value=${v.area_id}
        onChange=${set('area_id')} error=${fe.area_id} />`}
      <div class="actions">
        <button type="submit" disabled=${busy}>${busy ? T('busy') : T('submit')}</button>
        <${Link} href="/" class="btn secondary">${T('cancel')}</${Link}>
      </div>
    </form>
  </${Page}>`;
}
