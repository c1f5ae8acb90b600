// admin.js: Beheer, for the administrator. Four tabs, each a link with ?tab= so a reload
// or the back button keeps the place:
//   users  Medewerkers: the workers a page at a time, add one (one person may hold several
//          roles), edit one (?user=<id>): name, roles, active/disabled, with If-Match; for
//          an active expert also the employment (employment.js: FTE share, level).
//   teams  Teams: add a team; a team's members (?team=<id>): add, take out (confirmed).
//   areas  Gebieden: clusters, wijken and buurten as a tree; add one under its parent.
//   vocab  Vocabulaires: the code tables; a table's codes (?vocab=<name>): add a code,
//          change its labels, deactivate or activate it (codes are never deleted).
// The server's short English messages are put into Dutch where we know them (say()), and
// shown as they are otherwise.

import { html, useState, useEffect } from '../lib/html.js';
import { api, pager } from '../lib/api.js';
import { strings, lang } from '../lib/i18n.js';
import { loadVocab } from '../lib/vocab.js';
import { Link } from '../lib/router.js';
import { me } from '../lib/session.js';
import {
  Page, Field, Checks, Radios, ErrorBox, ErrorSummary, fieldErrors, useConfirm, Conflict, More,
  Status, Loading, Empty, useLoad,
} from '../lib/ui.js';
import { EmploymentForm } from './employment.js';

const T = strings({
  nl: {
    title: 'Beheer', tabs: 'Onderdelen van beheer',
    t_users: 'Medewerkers', t_teams: 'Teams', t_areas: 'Gebieden', t_vocab: 'Vocabulaires',
    busy: 'Bezig…', saved: 'Opgeslagen.', yes: 'ja', no: 'nee',
    // users
    users_intro: 'Iedereen die met peerdesk werkt, op e-mailadres. Eén persoon kan meer rollen hebben, bijvoorbeeld een generalist die ook ervaringsdeskundige is.',
    add_user: 'Medewerker toevoegen', email: 'E-mailadres', name: 'Naam', roles: 'Rollen',
    roles_hint: 'Kies minstens één rol. Meer rollen tegelijk mag.',
    password: 'Eerste wachtwoord', password_hint: 'Minstens 8 tekens, geen veelgebruikt wachtwoord. Geef het de medewerker persoonlijk door.',
    add_user_btn: 'Medewerker toevoegen', user_added: '{name} is toegevoegd.',
    all_users: 'Alle medewerkers', no_users: 'Er zijn nog geen medewerkers.',
    status: 'Status', active: 'Actief', disabled: 'Uitgeschakeld', second_factor: 'Tweede stap',
    sf_yes: 'Ingesteld', sf_no: 'Nog niet', new_badge: 'Nieuw', edit_of: 'Gegevens van {name} wijzigen',
    edit_user: 'Medewerker wijzigen', back_users: 'Terug naar alle medewerkers',
    status_legend: 'Account', status_active: 'Actief: kan inloggen', status_disabled: 'Uitgeschakeld: kan niet inloggen',
    save_user: 'Wijzigingen opslaan', you: '(uzelf)',
    disable_title: '{name} uitschakelen?',
    disable_body: 'Alle sessies van {name} eindigen direct en {name} kan niet meer inloggen, tot u het account weer op actief zet. Gegevens blijven bewaard.',
    disable_confirm: 'Uitschakelen',
    // teams
    teams_intro: 'Buurtteams en het expertteam. Open een team om te zien wie erin zit.',
    add_team: 'Team toevoegen', team_kind: 'Soort team', team_name: 'Naam van het team', team_area: 'Werkgebied',
    all_areas: 'Alle gebieden', add_team_btn: 'Team toevoegen', team_added: 'Team {name} is toegevoegd.',
    all_teams: 'Alle teams', no_teams: 'Er zijn nog geen teams.',
    k_expert_team: 'Expertteam ervaringsdeskundigen', k_neighbourhood_team: 'Buurtteam', k_other: 'Ander team',
    members_of: 'Leden van {name}', back_teams: 'Terug naar alle teams', no_members: 'Dit team heeft nog geen leden.',
    add_member: 'Lid toevoegen', member: 'Medewerker', choose: 'Kies een medewerker', add_member_btn: 'Aan team toevoegen',
    member_added: '{name} is toegevoegd aan het team.', remove: 'Uit team halen', remove_label: 'Uit team halen: {name}',
    remove_title: '{name} uit {team} halen?',
    remove_body: '{name} is daarna geen lid meer van dit team. U kunt {name} later opnieuw toevoegen.',
    member_removed: '{name} is uit het team gehaald.', members_count: '{n} leden', open_team: 'Leden bekijken',
    // areas
    areas_intro: 'De indeling van het werkgebied: clusters, daarbinnen wijken, daarbinnen buurten.',
    add_area: 'Gebied toevoegen', area_kind: 'Soort gebied', area_name: 'Naam', parent: 'Ligt in',
    parent_hint_wijk: 'Een wijk ligt in een cluster.', parent_hint_buurt: 'Een buurt ligt in een wijk.',
    choose_parent: 'Kies het gebied waarin het ligt', add_area_btn: 'Gebied toevoegen', area_added: '{name} is toegevoegd.',
    a_cluster: 'Cluster', a_wijk: 'Wijk', a_buurt: 'Buurt', all_areas_h: 'Alle gebieden', no_areas: 'Er zijn nog geen gebieden.',
    orphans: 'Zonder bovenliggend gebied',
    // vocabularies
    vocab_intro: 'De codelijsten waaruit medewerkers kiezen, met een Nederlands en een Engels label.',
    never_deleted: 'Codes worden nooit verwijderd. Een code die al in dossiers staat, blijft daar leesbaar; deactiveer een code om hem niet meer te laten kiezen.',
    codes_n: '{n} codes, {a} actief', back_vocab: 'Terug naar alle vocabulaires', no_codes: 'Deze lijst heeft nog geen codes.',
    add_code: 'Code toevoegen', code: 'Code', code_hint: 'Vaste code: kleine letters, cijfers en _, beginnend met een letter (bijvoorbeeld peer_support). Kan later niet meer veranderen.',
    label_nl: 'Nederlands label', label_en: 'Engels label', add_code_btn: 'Code toevoegen', code_added: 'Code {code} is toegevoegd.',
    inactive: 'Gedeactiveerd', active_badge: 'Actief', edit_labels: 'Labels wijzigen', edit_labels_of: 'Labels wijzigen: {code}',
    save_labels: 'Labels opslaan', cancel: 'Annuleren', deactivate: 'Deactiveren', activate: 'Weer activeren',
    deactivate_label: 'Deactiveren: {code}', activate_label: 'Weer activeren: {code}',
    deactivated: 'Code {code} is gedeactiveerd: nieuwe registraties kunnen hem niet meer kiezen.',
    code_changed: 'Iemand anders heeft deze code intussen gewijzigd; u ziet hem nu zoals hij is opgeslagen. Probeer het opnieuw als u dat nog wilt.',
    activated: 'Code {code} is weer actief.', labels_saved: 'Labels van {code} opgeslagen.', active_field: 'Actief',
    // messages of the server, in Dutch
    m_email_used: 'Er is al een medewerker met dit e-mailadres.',
    m_role: 'Onbekende rol.', m_self_disable: 'U kunt uw eigen account niet uitschakelen.',
    m_self_admin: 'U kunt uw eigen rol beheerder niet afnemen.', m_common_pw: 'Dit wachtwoord wordt te vaak gebruikt; kies een langere wachtzin.',
    m_code_exists: 'Deze code bestaat al in deze lijst.', m_code_form: 'Alleen kleine letters, cijfers en _, beginnend met een letter, hoogstens 64 tekens.',
    m_member_exists: 'Deze medewerker zit al in het team.', m_name_exists: 'Deze naam bestaat al.',
  },
  en: {
    title: 'Administration', tabs: 'Parts of administration',
    t_users: 'Workers', t_teams: 'Teams', t_areas: 'Areas', t_vocab: 'Vocabularies',
    busy: 'Working…', saved: 'Saved.', yes: 'yes', no: 'no',
    users_intro: 'Everyone who works with peerdesk, by email address. One person may hold several roles, for example a generalist who is also an experience expert.',
    add_user: 'Add a worker', email: 'Email address', name: 'Name', roles: 'Roles',
    roles_hint: 'Choose at least one role. Several at once is fine.',
    password: 'Initial password', password_hint: 'At least 8 characters, not a common password. Give it to the worker in person.',
    add_user_btn: 'Add worker', user_added: '{name} has been added.',
    all_users: 'All workers', no_users: 'There are no workers yet.',
    status: 'Status', active: 'Active', disabled: 'Disabled', second_factor: 'Second step',
    sf_yes: 'Set up', sf_no: 'Not yet', new_badge: 'New', edit_of: 'Change the details of {name}',
    edit_user: 'Edit worker', back_users: 'Back to all workers',
    status_legend: 'Account', status_active: 'Active: can log in', status_disabled: 'Disabled: cannot log in',
    save_user: 'Save changes', you: '(you)',
    disable_title: 'Disable {name}?',
    disable_body: 'All sessions of {name} end at once and {name} can no longer log in until you make the account active again. Their records are kept.',
    disable_confirm: 'Disable',
    teams_intro: 'Neighbourhood teams and the expert team. Open a team to see who is in it.',
    add_team: 'Add a team', team_kind: 'Kind of team', team_name: 'Team name', team_area: 'Area served',
    all_areas: 'All areas', add_team_btn: 'Add team', team_added: 'Team {name} has been added.',
    all_teams: 'All teams', no_teams: 'There are no teams yet.',
    k_expert_team: 'Experience expert team', k_neighbourhood_team: 'Neighbourhood team', k_other: 'Other team',
    members_of: 'Members of {name}', back_teams: 'Back to all teams', no_members: 'This team has no members yet.',
    add_member: 'Add a member', member: 'Worker', choose: 'Choose a worker', add_member_btn: 'Add to team',
    member_added: '{name} has been added to the team.', remove: 'Remove from team', remove_label: 'Remove from team: {name}',
    remove_title: 'Remove {name} from {team}?',
    remove_body: '{name} will no longer be a member of this team. You can add {name} again later.',
    member_removed: '{name} has been removed from the team.', members_count: '{n} members', open_team: 'See members',
    areas_intro: 'How the working area is divided: clusters, wijken within them, buurten within those.',
    add_area: 'Add an area', area_kind: 'Kind of area', area_name: 'Name', parent: 'Lies in',
    parent_hint_wijk: 'A wijk lies in a cluster.', parent_hint_buurt: 'A buurt lies in a wijk.',
    choose_parent: 'Choose the area it lies in', add_area_btn: 'Add area', area_added: '{name} has been added.',
    a_cluster: 'Cluster', a_wijk: 'Wijk (district)', a_buurt: 'Buurt (neighbourhood)', all_areas_h: 'All areas', no_areas: 'There are no areas yet.',
    orphans: 'Without a parent area',
    vocab_intro: 'The code lists workers choose from, with a Dutch and an English label.',
    never_deleted: 'Codes are never deleted. A code already used in dossiers stays readable there; deactivate a code so it can no longer be chosen.',
    codes_n: '{n} codes, {a} active', back_vocab: 'Back to all vocabularies', no_codes: 'This list has no codes yet.',
    add_code: 'Add a code', code: 'Code', code_hint: 'A fixed code: lowercase letters, digits and _, starting with a letter (for example peer_support). It cannot change later.',
    label_nl: 'Dutch label', label_en: 'English label', add_code_btn: 'Add code', code_added: 'Code {code} has been added.',
    inactive: 'Deactivated', active_badge: 'Active', edit_labels: 'Change labels', edit_labels_of: 'Change labels: {code}',
    save_labels: 'Save labels', cancel: 'Cancel', deactivate: 'Deactivate', activate: 'Activate again',
    deactivate_label: 'Deactivate: {code}', activate_label: 'Activate again: {code}',
    deactivated: 'Code {code} has been deactivated: new records can no longer choose it.',
    code_changed: 'Someone else changed this code in the meantime; you now see it as saved. Try again if you still want to.',
    activated: 'Code {code} is active again.', labels_saved: 'Labels of {code} saved.', active_field: 'Active',
  },
});

// Role codes in words. privacy.js uses these too.
const ROLES = {
  nl: {
    admin: 'beheerder', coordinator: 'coördinator', generalist: 'generalist', expert: 'ervaringsdeskundige',
    coach: 'coach', trainer: 'trainer', student: 'student', manager: 'manager', researcher: 'onderzoeker',
    privacy_officer: 'privacyfunctionaris',
  },
  en: {
    admin: 'administrator', coordinator: 'coordinator', generalist: 'generalist', expert: 'experience expert',
    coach: 'coach', trainer: 'trainer', student: 'student', manager: 'manager', researcher: 'researcher',
    privacy_officer: 'privacy officer',
  },
};
export const ROLE_CODES = Object.keys(ROLES.nl);
export function roleLabel(code) {
  return (ROLES[lang()] && ROLES[lang()][code]) || ROLES.nl[code] || code;
}
const roleOptions = () => ROLE_CODES.map((c) => ({ value: c, label: roleLabel(c) }));

// Dutch names of the vocabularies (the server knows them by code only).
const VOCABS = {
  activity: ['Activiteiten', 'Activities'], approach: ['Werkwijzen', 'Approaches'],
  channel: ['Kanalen van een consult', 'Consultation channels'], closure_reason: ['Redenen van afsluiten', 'Closure reasons'],
  contact_kind: ['Soorten contact', 'Kinds of contact'], deployment_reason: ['Redenen voor inzet', 'Reasons for deployment'],
  experience_area: ['Ervaringsgebieden', 'Experience areas'], generic_theme: ['Generieke thema\'s', 'Generic themes'],
  intensity_pattern: ['Intensiteitspatronen', 'Intensity patterns'], match_basis: ['Basis van een match', 'Match basis'],
  outcome_client: ['Uitkomsten voor de cliënt', 'Outcomes for the client'],
  outcome_generalist: ['Uitkomsten voor de generalist', 'Outcomes for the generalist'],
  referral_service: ['Verwijsinstanties', 'Referral services'],
  readiness_item: ['Items van de implementatiescan', 'Readiness scan items'],
  role_type: ['Roltypen van ervaringsdeskundigen', 'Role types of experience experts'],
};
const vocabName = (v) => (VOCABS[v] ? VOCABS[v][lang() === 'en' ? 1 : 0] : v);

// The server's message for a field, in Dutch where we know it.
function say(err) {
  if (!err) return '';
  if (lang() !== 'nl') return err.message;
  const m = err.message || '';
  const f = err.field || '';
  if (/already in use/.test(m) && f === 'email') return T('m_email_used');
  if (/^roles/.test(f) && /must be one of/.test(m)) return T('m_role');
  if (/disable your own/.test(m)) return T('m_self_disable');
  if (/own admin role/.test(m)) return T('m_self_admin');
  if (/common/.test(m) && f === 'password') return T('m_common_pw');
  if (/exists already/.test(m) && f === 'code') return T('m_code_exists');
  if (/lowercase letters/.test(m) && f === 'code') return T('m_code_form');
  if (/already/.test(m) && f === 'worker_id') return T('m_member_exists');
  if (/already/.test(m) && f === 'name') return T('m_name_exists');
  return m;
}
// fieldErrors with the message in Dutch, and the field renamed for forms whose ids differ.
function errs(err, rename = {}) {
  const fe = fieldErrors(err);
  const out = {};
  for (const k of Object.keys(fe)) {
    if (k.startsWith('_')) continue;
    out[rename[k] || k] = say(err);
  }
  return out;
}

// Every worker (for choosing a team member): all pages of GET /users.
async function allUsers() {
  const p = pager('/users', { limit: 200 });
  const out = [];
  while (!p.done) out.push(...await p.more());
  return out;
}

function Tabs({ current }) {
  const tabs = [['users', T('t_users')], ['teams', T('t_teams')], ['areas', T('t_areas')], ['vocab', T('t_vocab')]];
  return html`<nav class="tabs" aria-label=${T('tabs')}>
    ${tabs.map(([k, l]) => html`<${Link} href=${'/admin?tab=' + k} aria-current=${k === current ? 'page' : undefined}>${l}</${Link}>`)}
  </nav>`;
}

export function AdminScreen({ query }) {
  const q = query || new URLSearchParams();
  const tab = ['users', 'teams', 'areas', 'vocab'].includes(q.get('tab')) ? q.get('tab') : 'users';
  let body;
  if (tab === 'users') body = q.get('user') ? html`<${UserEdit} id=${q.get('user')} />` : html`<${Users} />`;
  else if (tab === 'teams') body = q.get('team') ? html`<${TeamMembers} id=${q.get('team')} />` : html`<${Teams} />`;
  else if (tab === 'areas') body = html`<${Areas} />`;
  else body = q.get('vocab') ? html`<${VocabCodes} name=${q.get('vocab')} />` : html`<${Vocabs} />`;
  return html`<${Page} title=${T('title')}>
    <${Tabs} current=${tab} />
    ${body}
  </${Page}>`;
}

// ---- Medewerkers ----

function StatusBadge({ status }) {
  return status === 'disabled'
    ? html`<span class="badge warn">${T('disabled')}</span>`
    : html`<span class="badge ok">${T('active')}</span>`;
}

function Users() {
  const [list, setList] = useState({ items: [], loading: true, error: null, done: false });
  const [p] = useState(() => pager('/users'));
  const [added, setAdded] = useState([]);
  const more = async () => {
    setList((s) => ({ ...s, loading: true, error: null }));
    try {
      const items = await p.more();
      setList((s) => ({ items: [...s.items, ...items], loading: false, error: null, done: p.done }));
    } catch (error) { setList((s) => ({ ...s, loading: false, error })); }
  };
  useEffect(() => { more(); }, []);
  const addedIds = new Set(added.map((u) => u.id));
  const rows = [...added, ...list.items.filter((u) => !addedIds.has(u.id))];
  return html`<section aria-labelledby="h-users">
    <h2 id="h-users">${T('t_users')}</h2>
    <p>${T('users_intro')}</p>
    <${UserAdd} onAdded=${(u) => setAdded((a) => [u, ...a])} />
    <h3 id="h-all-users">${T('all_users')}</h3>
    ${list.error ? html`<${ErrorBox} error=${list.error} onRetry=${more} />` : null}
    ${!rows.length && list.loading ? html`<${Loading} />` : null}
    ${!rows.length && !list.loading && !list.error ? html`<${Empty}>${T('no_users')}</${Empty}>` : null}
    ${rows.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-all-users"><table class="adm-table" aria-labelledby="h-all-users">
      <thead><tr><th scope="col">${T('name')}</th><th scope="col">${T('email')}</th><th scope="col">${T('roles')}</th>
        <th scope="col">${T('status')}</th><th scope="col">${T('second_factor')}</th></tr></thead>
      <tbody>${rows.map((u) => html`<tr key=${u.id}>
        <td><${Link} href=${'/admin?tab=users&user=' + encodeURIComponent(u.id)}>${u.name}</${Link}>
          ${addedIds.has(u.id) ? html` <span class="badge ok">${T('new_badge')}</span>` : null}</td>
        <td class="adm-email">${u.email}</td>
        <td>${(u.roles || []).map(roleLabel).join(', ')}</td>
        <td><${StatusBadge} status=${u.status} /></td>
        <td>${u.second_factor ? T('sf_yes') : T('sf_no')}</td>
      </tr>`)}</tbody>
    </table></div>` : null}
    ${rows.length || list.items.length ? html`<${More} onMore=${more} loading=${list.loading} done=${list.done} />` : null}
  </section>`;
}

const blankUser = () => ({ email: '', name: '', roles: [], password: '' });

function UserAdd({ onAdded }) {
  const [f, setF] = useState(blankUser);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const set = (k) => (e) => setF({ ...f, [k]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null); setStatus('');
    try {
      const u = await api('POST', '/users', { email: f.email.trim(), name: f.name.trim(), roles: f.roles, password: f.password });
      setF(blankUser());
      setStatus(T('user_added', { name: u.name }));
      onAdded(u);
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const fe = errs(err);
  const labels = { email: T('email'), name: T('name'), roles: T('roles'), password: T('password') };
  return html`<form class="card adm-form" onSubmit=${submit} noValidate aria-labelledby="h-add-user">
    <h3 id="h-add-user" class="adm-form-h">${T('add_user')}</h3>
    <${ErrorSummary} errors=${fe} labels=${labels} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <div class="adm-pair">
      <${Field} name="email" type="email" label=${T('email')} required autocomplete="off" value=${f.email}
        onInput=${set('email')} error=${fe.email} />
      <${Field} name="name" label=${T('name')} required maxlength="200" autocomplete="off" value=${f.name}
        onInput=${set('name')} error=${fe.name} />
    </div>
    <${Checks} name="roles" legend=${T('roles')} hint=${T('roles_hint')} required options=${roleOptions()}
      value=${f.roles} onChange=${(roles) => setF({ ...f, roles })} error=${fe.roles} />
    <${Field} name="password" type="password" label=${T('password')} hint=${T('password_hint')} required
      autocomplete="new-password" minlength="8" maxlength="128" value=${f.password} onInput=${set('password')} error=${fe.password} />
    <button type="submit" disabled=${busy}>${busy ? T('busy') : T('add_user_btn')}</button>
    <${Status}>${status}</${Status}>
  </form>`;
}

function UserEdit({ id }) {
  const [st, setSt] = useState({ rec: null, version: null, error: null, loading: true });
  const [f, setF] = useState(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const [ask, dialog] = useConfirm();
  const load = () => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    api('GET', '/users/' + encodeURIComponent(id), null, { etag: true })
      .then(({ body, version }) => {
        setSt({ rec: body, version, error: null, loading: false });
        setF({ name: body.name, roles: body.roles, status: body.status });
      })
      .catch((error) => setSt({ rec: null, version: null, error, loading: false }));
  };
  useEffect(load, [id]);
  const back = html`<p><${Link} href="/admin?tab=users">${T('back_users')}</${Link}></p>`;
  if (st.loading && !st.rec) return html`<${Loading} />`;
  if (st.error) return html`<div><${ErrorBox} error=${st.error} onRetry=${load} />${back}</div>`;
  const rec = st.rec;
  const self = me() && me().id === rec.id;

  const put = async (version) => {
    setBusy(true); setErr(null); setStatus('');
    try {
      const r = await api('PATCH', '/users/' + encodeURIComponent(id),
        { name: f.name.trim(), roles: f.roles, status: f.status }, { version, etag: true });
      setSt({ rec: r.body, version: r.version, error: null, loading: false });
      setF({ name: r.body.name, roles: r.body.roles, status: r.body.status });
      setStatus(T('saved'));
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const submit = async (e) => {
    e.preventDefault();
    if (f.status === 'disabled' && rec.status !== 'disabled') {
      const n = f.name.trim() || rec.name;
      const ok = await ask({ title: T('disable_title', { name: n }), body: T('disable_body', { name: n }),
        confirm: T('disable_confirm'), danger: true });
      if (!ok) return;
    }
    put(st.version);
  };
  const takeTheirs = (theirs) => {
    setSt({ rec: theirs, version: theirs.version, error: null, loading: false });
    setF({ name: theirs.name, roles: theirs.roles, status: theirs.status });
    setErr(null);
  };
  const fe = err && err.status !== 412 ? errs(err) : {};
  const labels = { name: T('name'), roles: T('roles'), status: T('status_legend') };
  const showStatus = (s) => (s === 'disabled' ? T('disabled') : T('active'));
  // the Conflict view shows both versions in words
  const conflict = err && err.status === 412 ? {
    ...err, status: 412,
    current: err.current && { ...err.current, roles: (err.current.roles || []).map(roleLabel), status: showStatus(err.current.status) },
  } : null;
  return html`<section aria-labelledby="h-edit-user">
    ${back}
    <h2 id="h-edit-user">${T('edit_of', { name: rec.name })}${self ? ' ' + T('you') : ''}</h2>
    <dl class="facts adm-facts">
      <dt>${T('email')}</dt><dd class="adm-email">${rec.email}</dd>
      <dt>${T('status')}</dt><dd><${StatusBadge} status=${rec.status} /></dd>
      <dt>${T('second_factor')}</dt><dd>${rec.second_factor ? T('sf_yes') : T('sf_no')}</dd>
    </dl>
    <${Conflict} error=${conflict} mine=${{ name: f.name, roles: f.roles.map(roleLabel), status: showStatus(f.status) }}
      fields=${[['name', T('name')], ['roles', T('roles')], ['status', T('status')]]}
      onKeepMine=${(v) => put(v)} onTakeTheirs=${() => takeTheirs(err.current)} />
    <form class="card adm-form" onSubmit=${submit} noValidate aria-labelledby="h-edit-user">
      <${ErrorSummary} errors=${fe} labels=${labels} />
      ${err && err.status !== 412 && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${Field} name="name" label=${T('name')} required maxlength="200" value=${f.name}
        onInput=${(e) => setF({ ...f, name: e.target.value })} error=${fe.name} />
      <${Checks} name="roles" legend=${T('roles')} hint=${T('roles_hint')} required options=${roleOptions()}
        value=${f.roles} onChange=${(roles) => setF({ ...f, roles })} error=${fe.roles} />
      <${Radios} name="status" legend=${T('status_legend')} value=${f.status} error=${fe.status}
        options=${[{ value: 'active', label: T('status_active') }, { value: 'disabled', label: T('status_disabled') }]}
        onChange=${(s) => setF({ ...f, status: s })} />
      <button type="submit" disabled=${busy}>${busy ? T('busy') : T('save_user')}</button>
      <${Status}>${status}</${Status}>
    </form>
    ${rec.status === 'active' && (rec.roles || []).includes('expert') ? html`<${EmploymentForm} id=${rec.id} />` : null}
    ${dialog}
  </section>`;
}

// ---- Teams ----

const teamKinds = () => [
  { value: 'neighbourhood_team', label: T('k_neighbourhood_team') },
  { value: 'expert_team', label: T('k_expert_team') },
  { value: 'other', label: T('k_other') },
];
const kindLabel = (k) => (teamKinds().find((o) => o.value === k) || { label: k }).label;

function Teams() {
  const teams = useLoad(() => api('GET', '/teams'), []);
  const areas = useLoad(() => api('GET', '/areas'), []);
  const [f, setF] = useState({ kind: 'neighbourhood_team', name: '', area_id: '' });
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const areaName = (id) => {
    const a = areas.data && (areas.data.items || []).find((x) => x.id === id);
    return a ? a.name : '';
  };
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null); setStatus('');
    try {
      const t = await api('POST', '/teams', { kind: f.kind, name: f.name.trim(), area_id: f.area_id || null });
      setF({ kind: f.kind, name: '', area_id: '' });
      setStatus(T('team_added', { name: t.name }));
      teams.reload();
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const fe = errs(err, { kind: 'team_kind', name: 'team_name', area_id: 'team_area' });
  const items = (teams.data && teams.data.items) || [];
  const areaOpts = [{ value: '', label: T('all_areas') },
    ...((areas.data && areas.data.items) || []).map((a) => ({ value: a.id, label: `${a.name} (${areaKind(a.kind).toLowerCase()})` }))];
  return html`<section aria-labelledby="h-teams">
    <h2 id="h-teams">${T('t_teams')}</h2>
    <p>${T('teams_intro')}</p>
    <h3 id="h-all-teams">${T('all_teams')}</h3>
    ${teams.loading && !teams.data ? html`<${Loading} />` : null}
    ${teams.error ? html`<${ErrorBox} error=${teams.error} onRetry=${teams.reload} />` : null}
    ${teams.data && !items.length ? html`<${Empty}>${T('no_teams')}</${Empty}>` : null}
    ${items.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-all-teams"><table class="adm-table-s" aria-labelledby="h-all-teams">
      <thead><tr><th scope="col">${T('team_name')}</th><th scope="col">${T('team_kind')}</th><th scope="col">${T('team_area')}</th></tr></thead>
      <tbody>${items.map((t) => html`<tr key=${t.id}>
        <td><${Link} href=${'/admin?tab=teams&team=' + encodeURIComponent(t.id)}>${t.name}</${Link}></td>
        <td>${kindLabel(t.kind)}</td>
        <td>${t.area_id ? areaName(t.area_id) : T('all_areas')}</td>
      </tr>`)}</tbody>
    </table></div>` : null}
    <form class="card adm-form" onSubmit=${submit} noValidate aria-labelledby="h-add-team">
      <h3 id="h-add-team" class="adm-form-h">${T('add_team')}</h3>
      <${ErrorSummary} errors=${fe} labels=${{ team_kind: T('team_kind'), team_name: T('team_name'), team_area: T('team_area') }} />
      ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${Field} name="team_kind" as="select" label=${T('team_kind')} required options=${teamKinds()} value=${f.kind}
        onChange=${(e) => setF({ ...f, kind: e.target.value })} error=${fe.team_kind} />
      <${Field} name="team_name" label=${T('team_name')} required maxlength="200" value=${f.name}
        onInput=${(e) => setF({ ...f, name: e.target.value })} error=${fe.team_name} />
      <${Field} name="team_area" as="select" label=${T('team_area')} options=${areaOpts} value=${f.area_id}
        onChange=${(e) => setF({ ...f, area_id: e.target.value })} error=${fe.team_area} />
      <button type="submit" disabled=${busy}>${busy ? T('busy') : T('add_team_btn')}</button>
      <${Status}>${status}</${Status}>
    </form>
  </section>`;
}

function TeamMembers({ id }) {
  const teams = useLoad(() => api('GET', '/teams'), []);
  const members = useLoad(() => api('GET', `/teams/${encodeURIComponent(id)}/members`), [id]);
  const users = useLoad(allUsers, []);
  const [pick, setPick] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const [ask, dialog] = useConfirm();
  const team = teams.data && (teams.data.items || []).find((t) => t.id === id);
  const back = html`<p><${Link} href="/admin?tab=teams">${T('back_teams')}</${Link}></p>`;
  if (teams.loading && !teams.data) return html`<${Loading} />`;
  if (teams.error) return html`<div><${ErrorBox} error=${teams.error} onRetry=${teams.reload} />${back}</div>`;
  if (!team) return html`<div><${ErrorBox} error=${{ status: 404 }} />${back}</div>`;
  const list = (members.data && members.data.items) || [];
  const inTeam = new Set(list.map((m) => m.id));
  const candidates = ((users.data) || []).filter((u) => !inTeam.has(u.id));
  const add = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null); setStatus('');
    try {
      await api('POST', `/teams/${encodeURIComponent(id)}/members`, { worker_id: pick });
      const u = candidates.find((x) => x.id === pick);
      setStatus(T('member_added', { name: u ? u.name : '' }));
      setPick('');
      members.reload();
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const remove = async (m) => {
    const ok = await ask({ title: T('remove_title', { name: m.name, team: team.name }), body: T('remove_body', { name: m.name }),
      confirm: T('remove'), danger: true });
    if (!ok) return;
    setErr(null); setStatus('');
    try {
      await api('DELETE', `/teams/${encodeURIComponent(id)}/members/${encodeURIComponent(m.id)}`);
      setStatus(T('member_removed', { name: m.name }));
      members.reload();
    } catch (x) { setErr(x); }
  };
  const fe = errs(err, { worker_id: 'member' });
  return html`<section aria-labelledby="h-members">
    ${back}
    <h2 id="h-members">${T('members_of', { name: team.name })}</h2>
    <p class="muted">${kindLabel(team.kind)}${members.data ? ' · ' + T('members_count', { n: list.length }) : ''}</p>
    <${Status}>${status}</${Status}>
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    ${members.loading && !members.data ? html`<${Loading} />` : null}
    ${members.error ? html`<${ErrorBox} error=${members.error} onRetry=${members.reload} />` : null}
    ${members.data && !list.length ? html`<${Empty}>${T('no_members')}</${Empty}>` : null}
    ${list.length ? html`<ul class="plain card adm-list adm-members">${list.map((m) => html`<li key=${m.id}>
      <span><strong>${m.name}</strong> <span class="muted">${(m.roles || []).map(roleLabel).join(', ')}</span></span>
      <button type="button" class="secondary" aria-label=${T('remove_label', { name: m.name })} onClick=${() => remove(m)}>${T('remove')}</button>
    </li>`)}</ul>` : null}
    <form class="card adm-form" onSubmit=${add} noValidate aria-labelledby="h-add-member">
      <h3 id="h-add-member" class="adm-form-h">${T('add_member')}</h3>
      <${ErrorSummary} errors=${fe} labels=${{ member: T('member') }} />
      ${users.error ? html`<${ErrorBox} error=${users.error} onRetry=${users.reload} />` : null}
      <${Field} name="member" as="select" label=${T('member')} required value=${pick} error=${fe.member}
        onChange=${(e) => setPick(e.target.value)}
        options=${[{ value: '', label: users.loading ? '…' : T('choose') },
          ...candidates.map((u) => ({ value: u.id, label: `${u.name} (${(u.roles || []).map(roleLabel).join(', ')})${u.status === 'disabled' ? ' · ' + T('disabled') : ''}` }))]} />
      <button type="submit" disabled=${busy || !pick}>${busy ? T('busy') : T('add_member_btn')}</button>
    </form>
    ${dialog}
  </section>`;
}

// ---- Gebieden ----

const areaKind = (k) => ({ cluster: T('a_cluster'), wijk: T('a_wijk'), buurt: T('a_buurt') }[k] || k);

function AreaTree({ items }) {
  const byParent = new Map();
  const ids = new Set(items.map((a) => a.id));
  for (const a of items) {
    const p = a.parent_id && ids.has(a.parent_id) ? a.parent_id : '';
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p).push(a);
  }
  const sort = (xs) => [...xs].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const node = (a) => html`<li key=${a.id}>
    <span class="adm-area"><span class="badge">${areaKind(a.kind)}</span> <span>${a.name}</span></span>
    ${byParent.has(a.id) ? html`<ul>${sort(byParent.get(a.id)).map(node)}</ul>` : null}
  </li>`;
  const roots = byParent.get('') || [];
  const clusters = sort(roots.filter((a) => a.kind === 'cluster'));
  const orphans = sort(roots.filter((a) => a.kind !== 'cluster'));
  return html`<div class="card adm-tree">
    <ul>${clusters.map(node)}</ul>
    ${orphans.length ? html`<h4>${T('orphans')}</h4><ul>${orphans.map(node)}</ul>` : null}
  </div>`;
}

function Areas() {
  const areas = useLoad(() => api('GET', '/areas'), []);
  const [f, setF] = useState({ kind: 'wijk', name: '', parent_id: '' });
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const items = (areas.data && areas.data.items) || [];
  const parentKind = { wijk: 'cluster', buurt: 'wijk' }[f.kind];
  const parents = items.filter((a) => a.kind === parentKind).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null); setStatus('');
    try {
      const body = { kind: f.kind, name: f.name.trim() };
      if (parentKind) body.parent_id = f.parent_id || null;
      const a = await api('POST', '/areas', body);
      setF({ ...f, name: '' });
      setStatus(T('area_added', { name: a.name }));
      areas.reload();
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const fe = errs(err, { kind: 'area_kind', name: 'area_name', parent_id: 'parent' });
  return html`<section aria-labelledby="h-areas">
    <h2 id="h-areas">${T('t_areas')}</h2>
    <p>${T('areas_intro')}</p>
    <h3>${T('all_areas_h')}</h3>
    ${areas.loading && !areas.data ? html`<${Loading} />` : null}
    ${areas.error ? html`<${ErrorBox} error=${areas.error} onRetry=${areas.reload} />` : null}
    ${areas.data && !items.length ? html`<${Empty}>${T('no_areas')}</${Empty}>` : null}
    ${items.length ? html`<${AreaTree} items=${items} />` : null}
    <form class="card adm-form" onSubmit=${submit} noValidate aria-labelledby="h-add-area">
      <h3 id="h-add-area" class="adm-form-h">${T('add_area')}</h3>
      <${ErrorSummary} errors=${fe} labels=${{ area_kind: T('area_kind'), area_name: T('area_name'), parent: T('parent') }} />
      ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <${Field} name="area_kind" as="select" label=${T('area_kind')} required value=${f.kind} error=${fe.area_kind}
        options=${['cluster', 'wijk', 'buurt'].map((k) => ({ value: k, label: areaKind(k) }))}
        onChange=${(e) => setF({ ...f, kind: e.target.value, parent_id: '' })} />
      <${Field} name="area_name" label=${T('area_name')} required maxlength="200" value=${f.name} error=${fe.area_name}
        onInput=${(e) => setF({ ...f, name: e.target.value })} />
      ${parentKind ? html`<${Field} name="parent" as="select" label=${T('parent')} required value=${f.parent_id} error=${fe.parent}
        hint=${f.kind === 'wijk' ? T('parent_hint_wijk') : T('parent_hint_buurt')}
        options=${[{ value: '', label: T('choose_parent') }, ...parents.map((a) => ({ value: a.id, label: a.name }))]}
        onChange=${(e) => setF({ ...f, parent_id: e.target.value })} />` : null}
      <button type="submit" disabled=${busy}>${busy ? T('busy') : T('add_area_btn')}</button>
      <${Status}>${status}</${Status}>
    </form>
  </section>`;
}

// ---- Vocabulaires ----

function Vocabs() {
  const all = useLoad(() => api('GET', '/vocabularies'), []);
  const items = ((all.data && all.data.items) || []).slice().sort((a, b) => vocabName(a.name).localeCompare(vocabName(b.name), 'nl'));
  return html`<section aria-labelledby="h-vocab">
    <h2 id="h-vocab">${T('t_vocab')}</h2>
    <p>${T('vocab_intro')}</p>
    <p class="adm-note">${T('never_deleted')}</p>
    ${all.loading && !all.data ? html`<${Loading} />` : null}
    ${all.error ? html`<${ErrorBox} error=${all.error} onRetry=${all.reload} />` : null}
    ${all.data && !items.length ? html`<${Empty}>${T('no_codes')}</${Empty}>` : null}
    ${items.length ? html`<ul class="plain card adm-list">${items.map((v) => html`<li key=${v.name}>
      <${Link} href=${'/admin?tab=vocab&vocab=' + encodeURIComponent(v.name)}>${vocabName(v.name)}</${Link}>
      <span class="muted small"> · <code>${v.name}</code> · ${T('codes_n', { n: v.codes.length, a: v.codes.filter((c) => c.active).length })}</span>
    </li>`)}</ul>` : null}
  </section>`;
}

function VocabCodes({ name }) {
  const [st, setSt] = useState({ codes: null, error: null, loading: true });
  const [editing, setEditing] = useState(null);
  const [status, setStatus] = useState('');
  const [rowErr, setRowErr] = useState(null);
  const load = () => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    api('GET', '/vocabularies/' + encodeURIComponent(name))
      .then((r) => setSt({ codes: r.codes || [], error: null, loading: false }))
      .catch((error) => setSt({ codes: null, error, loading: false }));
  };
  useEffect(load, [name]);
  const replace = (c) => setSt((s) => ({ ...s, codes: s.codes.map((x) => (x.code === c.code ? c : x)) }));
  const back = html`<p><${Link} href="/admin?tab=vocab">${T('back_vocab')}</${Link}></p>`;
  if (st.loading && !st.codes) return html`<${Loading} />`;
  if (st.error) return html`<div><${ErrorBox} error=${st.error} onRetry=${load} />${back}</div>`;

  const toggle = async (c, version = c.version) => {
    setStatus(''); setRowErr(null);
    try {
      const r = await api('PATCH', `/vocabularies/${encodeURIComponent(name)}/${encodeURIComponent(c.code)}`, { active: !c.active }, { version });
      replace(r);
      setStatus(r.active ? T('activated', { code: r.code }) : T('deactivated', { code: r.code }));
      loadVocab(true).catch(() => {});
    } catch (x) {
      if (x.status === 412 && x.current) { replace(x.current); setRowErr({ code: c.code, err: x }); } else setRowErr({ code: c.code, err: x });
    }
  };
  const codes = st.codes;
  return html`<section aria-labelledby="h-codes">
    ${back}
    <h2 id="h-codes">${vocabName(name)} <span class="muted small">(<code>${name}</code>)</span></h2>
    <p class="adm-note">${T('never_deleted')}</p>
    <p class="muted">${T('codes_n', { n: codes.length, a: codes.filter((c) => c.active).length })}</p>
    <${Status}>${status}</${Status}>
    ${!codes.length ? html`<${Empty}>${T('no_codes')}</${Empty}>` : null}
    ${codes.length ? html`<ul class="plain card adm-list adm-codes">${codes.map((c) => html`<li key=${c.code} class=${c.active ? '' : 'adm-off'}>
      <div class="adm-code-head">
        <div>
          <strong>${lang() === 'en' ? c.label_en : c.label_nl}</strong>
          ${' '}${c.active ? html`<span class="badge ok">${T('active_badge')}</span>` : html`<span class="badge warn">${T('inactive')}</span>`}
          <p class="muted small adm-code-meta"><code>${c.code}</code> · ${lang() === 'en' ? T('label_nl') : T('label_en')}: ${lang() === 'en' ? c.label_nl : c.label_en}</p>
        </div>
        <div class="adm-code-actions">
          <button type="button" class="secondary" aria-label=${T('edit_labels_of', { code: c.code })}
            aria-expanded=${editing === c.code ? 'true' : 'false'}
            onClick=${() => { setStatus(''); setEditing(editing === c.code ? null : c.code); }}>${T('edit_labels')}</button>
          <button type="button" class="secondary" aria-label=${c.active ? T('deactivate_label', { code: c.code }) : T('activate_label', { code: c.code })}
            onClick=${() => toggle(c)}>${c.active ? T('deactivate') : T('activate')}</button>
        </div>
      </div>
      ${rowErr && rowErr.code === c.code && rowErr.err.status === 412
        ? html`<div class="conflict" role="alert"><p>${T('code_changed')}</p></div>`
        : rowErr && rowErr.code === c.code ? html`<${ErrorBox} error=${rowErr.err} />` : null}
      ${editing === c.code ? html`<${LabelEdit} vocab=${name} c=${c}
        onSaved=${(r) => { replace(r); setEditing(null); setStatus(T('labels_saved', { code: r.code })); loadVocab(true).catch(() => {}); }}
        onCancel=${() => setEditing(null)} />` : null}
    </li>`)}</ul>` : null}
    <${CodeAdd} vocab=${name} onAdded=${(c) => { setSt((s) => ({ ...s, codes: [...s.codes, c] })); loadVocab(true).catch(() => {}); }} />
  </section>`;
}

function LabelEdit({ vocab, c, onSaved, onCancel }) {
  const [f, setF] = useState({ label_nl: c.label_nl, label_en: c.label_en });
  const [version, setVersion] = useState(c.version);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const put = async (v) => {
    setBusy(true); setErr(null);
    try {
      onSaved(await api('PATCH', `/vocabularies/${encodeURIComponent(vocab)}/${encodeURIComponent(c.code)}`,
        { label_nl: f.label_nl.trim(), label_en: f.label_en.trim() }, { version: v }));
    } catch (x) { setErr(x); setBusy(false); }
  };
  const fe = err && err.status !== 412 ? errs(err, { label_nl: 'label_nl-' + c.code, label_en: 'label_en-' + c.code }) : {};
  const kn = 'label_nl-' + c.code;
  const ke = 'label_en-' + c.code;
  return html`<div class="adm-label-edit">
    <${Conflict} error=${err} mine=${{ ...f, active: c.active ? T('yes') : T('no') }}
      fields=${[['label_nl', T('label_nl')], ['label_en', T('label_en')]]}
      onKeepMine=${(v) => { setVersion(v); put(v); }}
      onTakeTheirs=${(theirs) => { setF({ label_nl: theirs.label_nl, label_en: theirs.label_en }); setVersion(theirs.version); setErr(null); }} />
    <form onSubmit=${(e) => { e.preventDefault(); put(version); }} noValidate aria-label=${T('edit_labels_of', { code: c.code })}>
      <${ErrorSummary} errors=${fe} labels=${{ [kn]: T('label_nl'), [ke]: T('label_en') }} />
      ${err && err.status !== 412 && !err.field ? html`<${ErrorBox} error=${err} />` : null}
      <div class="adm-pair">
        <${Field} name=${kn} label=${T('label_nl')} required maxlength="200" value=${f.label_nl} lang="nl" error=${fe[kn]}
          onInput=${(e) => setF({ ...f, label_nl: e.target.value })} />
        <${Field} name=${ke} label=${T('label_en')} required maxlength="200" value=${f.label_en} lang="en" error=${fe[ke]}
          onInput=${(e) => setF({ ...f, label_en: e.target.value })} />
      </div>
      <div class="actions">
        <button type="submit" disabled=${busy}>${busy ? T('busy') : T('save_labels')}</button>
        <button type="button" class="secondary" onClick=${onCancel}>${T('cancel')}</button>
      </div>
    </form>
  </div>`;
}

function CodeAdd({ vocab, onAdded }) {
  const blank = { code: '', label_nl: '', label_en: '' };
  const [f, setF] = useState(blank);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null); setStatus('');
    try {
      const c = await api('POST', '/vocabularies/' + encodeURIComponent(vocab),
        { code: f.code.trim(), label_nl: f.label_nl.trim(), label_en: f.label_en.trim() });
      setF(blank);
      setStatus(T('code_added', { code: c.code }));
      onAdded(c);
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const fe = errs(err);
  return html`<form class="card adm-form" onSubmit=${submit} noValidate aria-labelledby="h-add-code">
    <h3 id="h-add-code" class="adm-form-h">${T('add_code')}</h3>
    <${ErrorSummary} errors=${fe} labels=${{ code: T('code'), label_nl: T('label_nl'), label_en: T('label_en') }} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Field} name="code" label=${T('code')} hint=${T('code_hint')} required maxlength="64" autocomplete="off"
      spellcheck="false" value=${f.code} error=${fe.code} onInput=${(e) => setF({ ...f, code: e.target.value })} />
    <div class="adm-pair">
      <${Field} name="label_nl" label=${T('label_nl')} required maxlength="200" lang="nl" value=${f.label_nl} error=${fe.label_nl}
        onInput=${(e) => setF({ ...f, label_nl: e.target.value })} />
      <${Field} name="label_en" label=${T('label_en')} required maxlength="200" lang="en" value=${f.label_en} error=${fe.label_en}
        onInput=${(e) => setF({ ...f, label_en: e.target.value })} />
    </div>
    <button type="submit" disabled=${busy}>${busy ? T('busy') : T('add_code_btn')}</button>
    <${Status}>${status}</${Status}>
  </form>`;
}
