// 72-intervision: an open intervision meeting held through the screens. Youssef (expert)
// opens the demo's open group, states that he takes part, plans a meeting for today and puts
// an item on the agenda without his name; Sanne (generalist) takes part too, adds an item with
// her name and one fallback theme; both see each other's items, Youssef's without a name.
// Sanne records the headcount and the decision to continue, which plans the next meeting.
// Nothing the server sends about the meeting names who takes part. Henk (manager) has no
// Intervisie in his menu, the screen is missing for him and the API answers 404 as for a
// random id. axe on both screens (no serious or critical violations) and 320 px checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, apiAs } from './lib.mjs';

let t;
const GROUP = 'Open intervisie professionals met ervaringskennis';
const ITEM_Y = 'Hoe vertel ik een bewoner iets over mijn eigen herstel?';
const ITEM_S = 'Wat doe ik met vooroordelen in mijn eigen team?';
const NEXT = '2099-03-12';
let groupId;
let sessionId;

before(async () => { t = await start({ name: 'intervision' }); });
after(async () => { await t.stop(); });

const nav = (name) => t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name });

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than a 320 px screen`);
}

const agenda = () => t.page.locator('section[aria-labelledby="iv-agenda-h"]');

test('youssef takes part, plans today\'s meeting and adds an agenda item without his name', async () => {
  const p = t.page;
  await t.login('youssef@peerdesk.test');
  await nav('Intervisie').click();
  await p.getByRole('heading', { level: 1, name: 'Intervisie' }).waitFor();
  // his closed team group and the open group are both listed
  await p.getByRole('link', { name: 'Intervisie Team Ervaringsdeskundigen' }).waitFor();
  await t.axe('intervision-list');
  await narrow('intervision-list');
  await p.getByRole('link', { name: GROUP }).click();
  await p.getByRole('heading', { level: 1, name: GROUP }).waitFor();
  groupId = p.url().split('/').pop();

  // before taking part: dates and places, no agenda
  await p.getByText('U doet nog niet mee.', { exact: false }).waitFor();
  assert.equal(await agenda().count(), 0, 'no agenda before taking part');
  await p.getByRole('button', { name: 'Ik doe mee' }).click();
  await p.getByText('U doet mee. Alleen u ziet dit.').waitFor();

  // plan a meeting for today (the date defaults to today)
  await p.getByLabel(/^Plaats/).fill('Stadskantoor, ruimte 4.12');
  await p.getByLabel(/^Voorzitter/).fill('rouleert');
  await p.getByRole('button', { name: 'Plannen' }).click();
  await agenda().waitFor();
  await agenda().getByText('Nog niets op de agenda.', { exact: false }).waitFor();
  // a thin agenda offers the fallback themes
  await p.getByRole('button', { name: 'Vooroordelen op de agenda zetten' }).waitFor();

  await p.getByLabel(/^Onderwerp/).fill(ITEM_Y);
  await p.getByRole('button', { name: 'Op de agenda zetten', exact: true }).click();
  const mine = agenda().locator('li').filter({ hasText: ITEM_Y });
  await mine.getByText('uw punt').waitFor();
  assert.equal(await mine.getByText(/ingebracht door/).count(), 0, 'no name with an item by default');

  const sanneApi = await apiAs(t.base, 'sanne@peerdesk.test');
  const g = await sanneApi.call('GET', '/intervision/groups/' + groupId);
  sessionId = g.sessions.find((s) => s.place === 'Stadskantoor, ruimte 4.12' && s.held_on === new Date().toISOString().slice(0, 10)).id;
  assert.ok(sessionId, 'today\'s meeting is in the group');
  await t.logout();
});

test('sanne takes part, adds a named item and a fallback theme, and sees youssef\'s without a name', async () => {
  const p = t.page;
  await t.login('sanne@peerdesk.test');
  await nav('Intervisie').click();
  await p.getByRole('link', { name: GROUP }).click();
  await p.getByRole('button', { name: 'Ik doe mee' }).click();
  await agenda().waitFor();
  const his = agenda().locator('li').filter({ hasText: ITEM_Y });
  await his.waitFor();
  assert.equal(await his.getByText(/ingebracht door|uw punt/).count(), 0, 'youssef is not named');

  await p.getByLabel(/^Onderwerp/).fill(ITEM_S);
  await p.getByLabel(/^Thema/).selectOption({ label: 'Vooroordelen' });
  await p.getByLabel('Toon mijn naam bij dit punt').check();
  await p.getByRole('button', { name: 'Op de agenda zetten', exact: true }).click();
  const hers = agenda().locator('li').filter({ hasText: ITEM_S });
  await hers.getByText('ingebracht door Sanne Jansen').waitFor();
  await p.getByRole('button', { name: 'Taalgebruik op de agenda zetten' }).click();
  await agenda().locator('li').filter({ hasText: 'Taalgebruik' }).first().waitFor();
  await t.shot('agenda');

  // after the meeting: the headcount (a number, never names) and the decision
  await p.getByLabel(/^Aantal aanwezigen/).fill('7');
  await p.getByLabel(/^Korte aantekeningen/).fill('Veel herkenning; volgende keer verder met taal.');
  await p.locator('form[aria-labelledby="iv-after-h"]').getByRole('button', { name: 'Opslaan' }).click();
  await p.getByText('Aanwezig: 7').waitFor();

  const dec = p.locator('form[aria-labelledby="iv-dec-h"]');
  await dec.getByLabel('Doorgaan').check();
  await dec.getByLabel(/^Volgende bijeenkomst/).fill(NEXT);
  await dec.getByLabel(/^Korte toelichting/).fill('Zelfde ruimte, wie wil brengt iets mee.');
  await dec.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await p.getByText('Besloten: Doorgaan').waitFor();
  await p.getByText('Volgende bijeenkomst: 12 maart 2099').first().waitFor();
  // the decision planned the next meeting in the list
  await p.locator('.iv-sessions').getByText('12 maart 2099').waitFor();
  await t.axe('intervision-group');
  await narrow('intervision-group');
  await t.logout();
});

test('what the server sends about the meeting names nobody who did not choose it', async () => {
  const sanne = await apiAs(t.base, 'sanne@peerdesk.test');
  const youssef = await apiAs(t.base, 'youssef@peerdesk.test');
  const s = await sanne.call('GET', '/intervision/sessions/' + sessionId);
  assert.equal(s.headcount, 7);
  assert.equal(s.decision.decision, 'continue');
  assert.equal(s.decision.next_on, NEXT);
  assert.deepEqual(s.agenda.map((i) => i.title).slice(0, 2), [ITEM_Y, ITEM_S]);
  const body = JSON.stringify(s) + JSON.stringify(await sanne.call('GET', '/intervision/groups/' + groupId));
  for (const x of ['Youssef', 'youssef@', youssef.user.id]) assert.ok(!body.includes(x), `the answers mention ${x}`);
});

test('a manager cannot open it', async () => {
  const p = t.page;
  await t.login('henk@peerdesk.test');
  assert.equal(await p.getByRole('link', { name: 'Intervisie' }).count(), 0, 'no Intervisie in the menu');
  await t.goto('/intervision/' + groupId);
  await p.getByText('Dit scherm bestaat (nog) niet.').waitFor();
  assert.equal(await p.getByText(ITEM_Y).count(), 0);
  const henk = await apiAs(t.base, 'henk@peerdesk.test');
  const a = await henk.call('GET', '/intervision/sessions/' + sessionId, undefined, { allow: [404] });
  const b = await henk.call('GET', '/intervision/sessions/01890000-0000-7000-8000-000000000000', undefined, { allow: [404] });
  delete a.trace_id; delete b.trace_id;
  assert.deepEqual(a, b, 'the same answer as a random id');
  assert.equal(a.status, 404);
  assert.deepEqual(t.problems.filter((x) => !/favicon|status of 40[14]/.test(x)), [], 'no script errors');
});
