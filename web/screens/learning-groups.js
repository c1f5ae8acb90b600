// learning-groups.js: "Leergroepen". A trainer (or an administrator) makes a learning group
// and puts trainers and students in it; who is in a group decides who sees what a student
// shares with "my trainer" or "my group" in the portfolio and the recovery story, so
// taking someone out asks first.
// GET/POST /api/v1/learning-groups, GET /learning-groups/candidates,
// POST/DELETE /learning-groups/{id}/members.

import { html, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate } from '../lib/i18n.js';
import { Page, Field, ErrorBox, ErrorSummary, Empty, Loading, Status, useLoad, useConfirm, fieldErrors } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Leergroepen',
    intro: 'Een leergroep is een klas of cursusgroep met een of meer trainers. Wat een student deelt met "mijn trainer" of "mijn groep" (portfolio, herstelverhaal) zien alleen de mensen in de eigen groep.',
    empty: 'Er zijn nog geen leergroepen. Maak hieronder de eerste.',
    new_h: 'Nieuwe leergroep', name: 'Naam', level: 'Niveau', level_none: 'Niet vastgelegd',
    starts_on: 'Startdatum', create: 'Leergroep maken', created: 'Leergroep gemaakt.',
    members: 'Leden', trainer: 'Trainer', student: 'Student', you: '(u)',
    add_h: 'Iemand toevoegen', who: 'Wie', role: 'Als', choose: 'Kies een persoon', add: 'Toevoegen',
    added: '{name} is toegevoegd.', remove: 'Uit de groep halen', removed: '{name} is uit de groep gehaald.',
    remove_q: '{name} uit "{group}" halen?',
    remove_body: 'Wat deze persoon via de groep kon zien (gedeelde fragmenten, portfolio als trainer), ziet hij of zij daarna niet meer.',
    no_members: 'Nog niemand in deze groep.', starts: 'start {date}',
    lv_mbo3: 'MBO 3', lv_mbo4: 'MBO 4', lv_hbo: 'HBO',
  },
  en: {
    title: 'Learning groups',
    intro: 'A learning group is a class or course group with one or more trainers. What a student shares with "my trainer" or "my group" (portfolio, recovery story) is seen only by the people in their own group.',
    empty: 'There are no learning groups yet. Make the first one below.',
    new_h: 'New learning group', name: 'Name', level: 'Level', level_none: 'Not set',
    starts_on: 'Start date', create: 'Make learning group', created: 'Learning group made.',
    members: 'Members', trainer: 'Trainer', student: 'Student', you: '(you)',
    add_h: 'Add someone', who: 'Who', role: 'As', choose: 'Choose a person', add: 'Add',
    added: '{name} was added.', remove: 'Take out of the group', removed: '{name} was taken out of the group.',
    remove_q: 'Take {name} out of "{group}"?',
    remove_body: 'What this person could see through the group (shared fragments, portfolios as trainer), they will no longer see.',
    no_members: 'Nobody in this group yet.', starts: 'starts {date}',
    lv_mbo3: 'MBO 3', lv_mbo4: 'MBO 4', lv_hbo: 'HBO',
  },
});

const LEVELS = ['mbo3', 'mbo4', 'hbo'];

function NewGroup({ onMade }) {
  const [f, setF] = useState({ name: '', level: '', starts_on: '' });
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(err);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      const g = await api('POST', '/learning-groups', {
        name: f.name, level: f.level || null, starts_on: f.starts_on || null,
      });
      setF({ name: '', level: '', starts_on: '' });
      onMade(g);
    } catch (x) { setErr(x); } finally { setBusy(false); }
  };
  return html`<form class="card" onSubmit=${submit} noValidate>
    <h2>${T('new_h')}</h2>
    <${ErrorSummary} errors=${errs} labels=${{ name: T('name'), level: T('level'), starts_on: T('starts_on') }} />
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Field} name="lg-name" label=${T('name')} required value=${f.name} error=${errs.name} maxLength="120"
      onInput=${(e) => setF({ ...f, name: e.target.value })} />
    <${Field} name="lg-level" label=${T('level')} as="select" value=${f.level} error=${errs.level}
      options=${[{ value: '', label: T('level_none') }, ...LEVELS.map((l) => ({ value: l, label: T('lv_' + l) }))]}
      onChange=${(e) => setF({ ...f, level: e.target.value })} />
    <${Field} name="lg-start" label=${T('starts_on')} type="date" value=${f.starts_on} error=${errs.starts_on}
      onInput=${(e) => setF({ ...f, starts_on: e.target.value })} />
    <div class="actions"><button type="submit" disabled=${busy}>${T('create')}</button></div>
  </form>`;
}

function AddMember({ group, candidates, onChanged }) {
  const inGroup = new Set(group.members.map((m) => m.worker_id));
  const free = candidates.filter((c) => !inGroup.has(c.id));
  const [who, setWho] = useState('');
  const [role, setRole] = useState('student');
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(err);
  const id = group.id.slice(-8);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      const g = await api('POST', `/learning-groups/${group.id}/members`, { worker_id: who, role });
      const name = (free.find((c) => c.id === who) || {}).name || '';
      setWho('');
      onChanged(g, T('added', { name }));
    } catch (x) { setErr(x); } finally { setBusy(false); }
  };
  return html`<form class="inline-form" onSubmit=${submit} noValidate aria-label=${T('add_h') + ': ' + group.name}>
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Field} name=${'lg-who-' + id} label=${T('who')} as="select" value=${who} error=${errs.worker_id}
      options=${[{ value: '', label: T('choose') }, ...free.map((c) => ({ value: c.id, label: c.name }))]}
      onChange=${(e) => setWho(e.target.value)} />
    <${Field} name=${'lg-role-' + id} label=${T('role')} as="select" value=${role} error=${errs.role}
      options=${[{ value: 'student', label: T('student') }, { value: 'trainer', label: T('trainer') }]}
      onChange=${(e) => setRole(e.target.value)} />
    <div class="actions"><button type="submit" disabled=${busy || !who}>${T('add')}</button></div>
  </form>`;
}

function Group({ group, candidates, meId, onChanged }) {
  const [ask, dialog] = useConfirm();
  const [err, setErr] = useState(null);
  const manage = group.my_role === 'trainer' || group.my_role === null;
  const remove = async (m) => {
    const ok = await ask({ title: T('remove_q', { name: m.name, group: group.name }), body: T('remove_body'), confirm: T('remove'), danger: true });
    if (!ok) return;
    setErr(null);
    try {
      await api('DELETE', `/learning-groups/${group.id}/members/${m.worker_id}`);
      onChanged(null, T('removed', { name: m.name }));
    } catch (x) { setErr(x); }
  };
  const meta = [group.level ? T('lv_' + group.level) : null, group.starts_on ? T('starts', { date: fmtDate(group.starts_on) }) : null].filter(Boolean).join(' · ');
  return html`<article class="card">
    <h2>${group.name}</h2>
    ${meta ? html`<p class="muted">${meta}</p>` : null}
    ${err ? html`<${ErrorBox} error=${err} />` : null}
    <h3>${T('members')}</h3>
    ${group.members.length === 0 ? html`<p>${T('no_members')}</p>` : html`<ul class="adm-members">
      ${group.members.map((m) => html`<li>
        <span>${m.name} ${m.worker_id === meId ? T('you') : ''} · ${T(m.role)}</span>
        ${manage && m.worker_id !== meId ? html` <button type="button" class="link" onClick=${() => remove(m)}
          aria-label=${T('remove') + ': ' + m.name}>${T('remove')}</button>` : null}
      </li>`)}
    </ul>`}
    ${manage ? html`<h3>${T('add_h')}</h3><${AddMember} group=${group} candidates=${candidates} onChanged=${onChanged} />` : null}
    ${dialog}
  </article>`;
}

export function LearningGroupsScreen() {
  const groups = useLoad(() => api('GET', '/learning-groups'));
  const cands = useLoad(() => api('GET', '/learning-groups/candidates'));
  const me = useLoad(() => api('GET', '/me'));
  const [msg, setMsg] = useState('');
  if (groups.error) return html`<${Page} title=${T('title')}><${ErrorBox} error=${groups.error} onRetry=${groups.reload} /></${Page}>`;
  if (!groups.data || !cands.data || !me.data) return html`<${Page} title=${T('title')}><${Loading} /></${Page}>`;
  const changed = (_g, text) => { setMsg(text || ''); groups.reload(); };
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    <${Status}>${msg}</${Status}>
    ${groups.data.items.length === 0 ? html`<${Empty}>${T('empty')}</${Empty}>` : groups.data.items.map((g) =>
      html`<${Group} key=${g.id} group=${g} candidates=${cands.data.items} meId=${me.data.user.id} onChanged=${changed} />`)}
    <${NewGroup} onMade=${() => changed(null, T('created'))} />
  </${Page}>`;
}
