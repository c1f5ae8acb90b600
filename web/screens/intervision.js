// intervision.js: "Intervisie". Two kinds of group side by side:
//  - my closed groups (members of an expert team, cases with a top/tip round);
//  - every open group for professionals with lived experience (no sign-up, no attendance
//    list: on the group's page a worker states "Ik doe mee" to see and add content).
// Below: set up a group. A closed group's members are chosen from the team's members.
// API: GET/POST /intervision/groups, GET /teams, GET /teams/{id}/members (docs/intervision.md).

import { html, useState, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate } from '../lib/i18n.js';
import { me } from '../lib/session.js';
import { Link, navigate } from '../lib/router.js';
import {
  Page, Field, Checks, Radios, ErrorBox, ErrorSummary, fieldErrors, Loading, Empty, useLoad,
} from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Intervisie',
    intro: 'Intervisie is van de groep: wat hier besproken wordt, ziet alleen de groep zelf. Leidinggevenden en beheerders zien het niet.',
    closed_h: 'Mijn intervisiegroepen', closed_empty: 'U zit nog niet in een intervisiegroep van een expertteam.',
    open_h: 'Open intervisiegroepen',
    open_intro: 'Voor professionals met ervaringskennis. U hoeft zich niet aan te melden en er is geen presentielijst.',
    open_empty: 'Er is nog geen open intervisiegroep. Start er hieronder een.',
    next: 'Volgende bijeenkomst: {date}', no_next: 'Nog geen volgende bijeenkomst gepland',
    taking_part: 'U doet mee', team: 'Team: {name}',
    new_h: 'Nieuwe groep starten', kind: 'Soort groep',
    kind_open: 'Open groep voor professionals met ervaringskennis (zonder aanmelding)',
    kind_closed: 'Besloten groep van een expertteam',
    name: 'Naam', purpose: 'Waar is de groep voor? (optioneel)', team_f: 'Expertteam',
    choose: '— Kies —', members: 'Leden', members_hint: 'Kies uit de leden van het team. U zit er zelf in als u in het team zit.',
    format: 'Vorm', f_case: 'Casuïstiek (inbreng van casussen)', f_theme: 'Thema\'s',
    facilitation: 'Begeleiding', fac_rotating: 'Roulerend', fac_fixed: 'Vast',
    create: 'Groep starten', saving: 'Bezig…', err_required: 'Vul dit in.',
    err_team: 'Kies een expertteam.', no_teams: 'Er is geen expertteam in uw organisatie.',
  },
  en: {
    title: 'Intervision',
    intro: 'Intervision belongs to the group: what is discussed here is seen by the group only. Managers and administrators do not see it.',
    closed_h: 'My intervision groups', closed_empty: 'You are not in an intervision group of an expert team yet.',
    open_h: 'Open intervision groups',
    open_intro: 'For professionals with lived experience. You do not sign up and there is no attendance list.',
    open_empty: 'There is no open intervision group yet. Start one below.',
    next: 'Next meeting: {date}', no_next: 'No next meeting planned yet',
    taking_part: 'You take part', team: 'Team: {name}',
    new_h: 'Start a new group', kind: 'Kind of group',
    kind_open: 'Open group for professionals with lived experience (no sign-up)',
    kind_closed: 'Closed group of an expert team',
    name: 'Name', purpose: 'What is the group for? (optional)', team_f: 'Expert team',
    choose: '— Choose —', members: 'Members', members_hint: 'Choose from the team\'s members. You are in it yourself when you are in the team.',
    format: 'Form', f_case: 'Cases (members bring in cases)', f_theme: 'Themes',
    facilitation: 'Facilitation', fac_rotating: 'Rotating', fac_fixed: 'Fixed',
    create: 'Start group', saving: 'Saving…', err_required: 'Please fill this in.',
    err_team: 'Choose an expert team.', no_teams: 'There is no expert team in your organisation.',
  },
});

function GroupItem({ g }) {
  return html`<li>
    <p><strong><${Link} href=${'/intervision/' + g.id}>${g.name}</${Link}></strong>
      ${g.taking_part ? html` <span class="badge ok">${T('taking_part')}</span>` : null}</p>
    ${g.team_name ? html`<p class="small muted">${T('team', { name: g.team_name })}</p>` : null}
    ${g.purpose ? html`<p class="small">${g.purpose}</p>` : null}
    <p class="small">${g.next_on ? T('next', { date: fmtDate(g.next_on) }) : T('no_next')}</p>
  </li>`;
}

function NewGroup() {
  const [f, setF] = useState({ kind: 'open', name: '', purpose: '', team_id: '', member_ids: [], format: 'case', facilitation: 'rotating' });
  const [teams, setTeams] = useState([]);
  const [people, setPeople] = useState([]);
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => setF((s) => ({ ...s, [k]: v }));
  useEffect(() => {
    api('GET', '/teams').then((p) => setTeams((p.items || []).filter((t) => t.kind === 'expert_team'))).catch(() => setTeams([]));
  }, []);
  useEffect(() => {
    if (!f.team_id) { setPeople([]); return; }
    api('GET', '/teams/' + f.team_id + '/members').then((p) => setPeople((p.items || []).filter((x) => x.id !== me().id)))
      .catch(() => setPeople([]));
  }, [f.team_id]);
  const labels = { kind: T('kind'), name: T('name'), purpose: T('purpose'), team_id: T('team_f'), member_ids: T('members'), format: T('format'), facilitation: T('facilitation') };
  const submit = async (e) => {
    e.preventDefault();
    setErr(null);
    const local = {};
    if (!f.name.trim()) local.name = T('err_required');
    if (f.kind === 'closed' && !f.team_id) local.team_id = T('err_team');
    setErrors(local);
    if (Object.keys(local).length) return;
    const body = { kind: f.kind, name: f.name.trim(), facilitation: f.facilitation };
    if (f.purpose.trim()) body.purpose = f.purpose.trim();
    if (f.kind === 'closed') Object.assign(body, { team_id: f.team_id, member_ids: f.member_ids, format: f.format });
    setBusy(true);
    try {
      const g = await api('POST', '/intervision/groups', body);
      navigate(g.member || g.kind === 'open' ? '/intervision/' + g.id : '/intervision');
    } catch (x) {
      if (x.field) setErrors(fieldErrors(x)); else setErr(x);
    } finally { setBusy(false); }
  };
  return html`<form class="card" onSubmit=${submit} noValidate aria-labelledby="iv-new-h">
    <h2 id="iv-new-h">${T('new_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${ErrorBox} error=${err} />
    <${Radios} name="kind" legend=${T('kind')} value=${f.kind} onChange=${set('kind')} error=${errors.kind}
      options=${[{ value: 'open', label: T('kind_open') }, { value: 'closed', label: T('kind_closed') }]} />
    <${Field} name="name" label=${T('name')} required maxlength="120" error=${errors.name} value=${f.name}
      onInput=${(e) => set('name')(e.target.value)} />
    <${Field} as="textarea" name="purpose" label=${T('purpose')} rows="2" error=${errors.purpose} value=${f.purpose}
      onInput=${(e) => set('purpose')(e.target.value)} />
    ${f.kind === 'closed' ? html`
      ${teams.length ? html`<${Field} as="select" name="team_id" label=${T('team_f')} required error=${errors.team_id}
        value=${f.team_id} onChange=${(e) => setF((s) => ({ ...s, team_id: e.target.value, member_ids: [] }))}
        options=${[{ value: '', label: T('choose') }, ...teams.map((t) => ({ value: t.id, label: t.name }))]} />`
        : html`<p class="muted">${T('no_teams')}</p>`}
      ${people.length ? html`<${Checks} name="member_ids" legend=${T('members')} hint=${T('members_hint')} error=${errors.member_ids}
        options=${people.map((p) => ({ value: p.id, label: p.name }))} value=${f.member_ids} onChange=${set('member_ids')} />` : null}
      <${Radios} name="format" legend=${T('format')} value=${f.format} onChange=${set('format')} error=${errors.format}
        options=${[{ value: 'case', label: T('f_case') }, { value: 'theme', label: T('f_theme') }]} />` : null}
    <${Radios} name="facilitation" legend=${T('facilitation')} value=${f.facilitation} onChange=${set('facilitation')}
      error=${errors.facilitation} options=${[{ value: 'rotating', label: T('fac_rotating') }, { value: 'fixed', label: T('fac_fixed') }]} />
    <div class="actions"><button type="submit" disabled=${busy}>${busy ? T('saving') : T('create')}</button></div>
  </form>`;
}

export function IntervisionScreen() {
  const groups = useLoad(() => api('GET', '/intervision/groups'), []);
  const items = (groups.data && groups.data.items) || [];
  const closed = items.filter((g) => g.kind === 'closed');
  const open = items.filter((g) => g.kind === 'open');
  return html`<${Page} title=${T('title')}>
    <p class="muted">${T('intro')}</p>
    ${groups.loading ? html`<${Loading} />`
      : groups.error ? html`<${ErrorBox} error=${groups.error} onRetry=${groups.reload} />`
      : html`
        <section aria-labelledby="iv-closed-h">
          <h2 id="iv-closed-h">${T('closed_h')}</h2>
          ${closed.length ? html`<ul class="plain">${closed.map((g) => html`<${GroupItem} key=${g.id} g=${g} />`)}</ul>`
            : html`<${Empty}>${T('closed_empty')}</${Empty}>`}
        </section>
        <section aria-labelledby="iv-open-h">
          <h2 id="iv-open-h">${T('open_h')}</h2>
          <p class="small muted">${T('open_intro')}</p>
          ${open.length ? html`<ul class="plain">${open.map((g) => html`<${GroupItem} key=${g.id} g=${g} />`)}</ul>`
            : html`<${Empty}>${T('open_empty')}</${Empty}>`}
        </section>`}
    <${NewGroup} />
  </${Page}>`;
}
