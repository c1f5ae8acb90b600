// 73-reflection: an expert logs a disclosure reflection through the screen with the
// golden rules and the red-flag check; nobody else can open it (another expert, a
// coordinator, a manager, and her coach while it is not shared get the not-found answer
// and do not find it in their lists); after she shares it on the screen the coach sees
// it; after withdrawing, not any more. axe on the reflections, coaching and training
// screens, and each fits a 320 px screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, apiAs, expectText } from './lib.mjs';

let t;
let id;
const WHAT = 'Verteld dat ik zelf ook lang eenzaam ben geweest, toen hij zei dat niemand hem begreep.';

before(async () => { t = await start({ name: 'reflection' }); });
after(async () => { await t.stop(); });

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than a 320 px screen`);
}

test('youssef writes a disclosure reflection on the screen', async () => {
  await t.login('youssef@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Reflecties' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Reflecties op eigen inzet' }).waitFor();
  // a missing answer is named before anything is sent
  await t.page.getByRole('button', { name: 'Reflectie opslaan' }).click();
  await t.page.locator('.error-summary').getByRole('link', { name: 'Wat heeft u gedeeld?' }).waitFor();

  await t.page.getByLabel(/^Wat heeft u gedeeld\?/).fill(WHAT);
  await t.page.getByLabel(/^Waarom deelde u het\?/).fill('Om te laten zien dat het kan veranderen.');
  await t.page.locator('#f-permission').getByLabel('Ja').check();
  await t.page.locator('#f-checked_after').getByLabel('Nog niet, staat gepland').check();
  await t.page.locator('#f-balance').getByLabel('Weet ik niet zeker').check();
  await t.page.getByLabel('Ik herkende mezelf te sterk in de cliënt of raakte te betrokken').check();
  await t.page.locator('#f-over_identification_note').fill('Zijn verhaal leek erg op het mijne.');
  await t.page.getByLabel('Mijn ervaring was voldoende doorleefd om te delen').check();
  await t.page.getByLabel('Ik breng dit in bij intervisie').check();
  await t.page.getByRole('button', { name: 'Reflectie opslaan' }).click();
  await t.page.getByRole('status').filter({ hasText: 'Opgeslagen' }).first().waitFor();

  const mine = t.page.locator('section[aria-labelledby="mine-h"]');
  const entry = mine.locator('li').filter({ hasText: WHAT });
  await entry.waitFor();
  await entry.getByText('Alleen voor mij').waitFor();
  await entry.getByText(/Gouden regels: 2 van 5/).waitFor();
  await t.shot('reflection-saved');

  const y = await apiAs(t.base, 'youssef@peerdesk.test');
  const list = await y.call('GET', '/reflections');
  const r = list.items.find((x) => x.what_shared === WHAT);
  assert.ok(r, 'the new reflection is in her own list');
  assert.equal(r.over_identification, true);
  assert.deepEqual(r.golden_rules, ['lived_through', 'intervision']);
  assert.equal(r.shared, false);
  id = r.id;
  await t.axe('reflections');
  await narrow('reflections');
});

test('nobody else can open it: the answer of an id that does not exist', async () => {
  const random = '01900000-0000-7000-8000-000000000000';
  for (const who of ['priya@peerdesk.test', 'marieke@peerdesk.test', 'henk@peerdesk.test', 'ingrid@peerdesk.test', 'anouk@peerdesk.test']) {
    const w = await apiAs(t.base, who);
    const got = await w.call('GET', '/reflections/' + id, undefined, { allow: [404] });
    const none = await w.call('GET', '/reflections/' + random, undefined, { allow: [404] });
    assert.equal(got.status, 404, `${who} gets 404`);
    assert.equal(got.detail, none.detail, `${who}: the same answer as a random id`);
    const own = await w.call('GET', '/reflections');
    assert.ok(!own.items.some((x) => x.id === id), `${who} does not find it in their list`);
    const shared = await w.call('GET', '/reflections?shared=1');
    assert.ok(!shared.items.some((x) => x.id === id), `${who} does not find it shared with them`);
  }
});

test('the coach does not see it on her screen before it is shared', async () => {
  await t.logout();
  await t.login('ingrid@peerdesk.test');
  await t.goto('/reflections');
  const shared = t.page.locator('section[aria-labelledby="shared-h"]');
  await shared.getByRole('heading', { name: 'Met mij gedeeld als coach' }).waitFor();
  // the demo's earlier shared reflection is there; the new one is not
  await shared.locator('li').first().waitFor();
  assert.equal(await shared.getByText(WHAT).count(), 0);
  await t.axe('reflections-coach');
});

test('youssef shares it with his coach, and the coach sees it', async () => {
  await t.logout();
  await t.login('youssef@peerdesk.test');
  await t.goto('/reflections');
  const entry = t.page.locator('section[aria-labelledby="mine-h"] li').filter({ hasText: WHAT });
  await entry.getByRole('button', { name: 'Delen met mijn coach' }).click();
  const dialog = t.page.getByRole('dialog', { name: 'Deze reflectie delen met uw coach?' });
  await dialog.getByRole('button', { name: 'Delen met mijn coach' }).click();
  await t.page.locator('section[aria-labelledby="mine-h"] li').filter({ hasText: WHAT }).getByText('Gedeeld met coach').waitFor();

  await t.logout();
  await t.login('ingrid@peerdesk.test');
  await t.goto('/reflections');
  const shared = t.page.locator('section[aria-labelledby="shared-h"]');
  await shared.locator('li').filter({ hasText: WHAT }).waitFor();
  // read-only: no buttons to change or withdraw it
  assert.equal(await shared.locator('li').filter({ hasText: WHAT }).getByRole('button').count(), 0);
  const i = await apiAs(t.base, 'ingrid@peerdesk.test');
  const r = await i.call('GET', '/reflections/' + id);
  assert.equal(r.as_coach, true);
  // another coach-less colleague still cannot
  const p = await apiAs(t.base, 'priya@peerdesk.test');
  assert.equal((await p.call('GET', '/reflections/' + id, undefined, { allow: [404] })).status, 404);
});

test('after withdrawing, the coach gets the not-found answer again', async () => {
  const y = await apiAs(t.base, 'youssef@peerdesk.test');
  const r = await y.call('GET', '/reflections/' + id);
  await y.call('DELETE', `/reflections/${id}/share`, undefined, { version: r.version });
  const i = await apiAs(t.base, 'ingrid@peerdesk.test');
  assert.equal((await i.call('GET', '/reflections/' + id, undefined, { allow: [404] })).status, 404);
});

test('an expert whose coaching is on time gets no reminder on Mijn werk', async () => {
  await t.logout();
  await t.login('priya@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  await t.page.getByRole('heading', { name: 'Evaluaties die eraan komen of te laat zijn' }).waitFor();
  await t.page.waitForLoadState('networkidle');
  assert.equal(await t.page.getByRole('heading', { name: 'Tijd voor een coachgesprek' }).count(), 0);
  await t.logout();
  await t.login('ingrid@peerdesk.test');
});

test('the coach scans her experts, overdue first', async () => {
  await t.goto('/coaching');
  await t.page.getByRole('heading', { level: 1, name: 'Coaching' }).waitFor();
  const list = t.page.locator('section[aria-labelledby="my-experts-h"] li');
  await list.first().waitFor();
  const first = await list.first().innerText();
  assert.match(first, /Kees Hoekstra/);
  assert.match(first, /Langer dan vier weken geen coachgesprek/);
  await t.axe('coaching-coach');
  await narrow('coaching-coach');
});

test('the expert sees his coach and the reminder state', async () => {
  await t.logout();
  await t.login('kees@peerdesk.test');
  // the reminder already shows where an expert starts: Mijn werk
  const card = t.page.locator('section', { has: t.page.getByRole('heading', { name: 'Tijd voor een coachgesprek' }) });
  await card.getByText(/Uw laatste gesprek met Ingrid Smit was 4\d dagen geleden/).waitFor();
  await t.axe('work-coaching-due');
  await card.getByRole('link', { name: 'Naar coaching' }).click();
  await expectText(t.page, 'Uw coach is Ingrid Smit.');
  await expectText(t.page, 'Langer dan vier weken geen coachgesprek');
  await t.axe('coaching-expert');
  await narrow('coaching-expert');
});

test('the manager sees yes/no only, and training coverage as numbers', async () => {
  await t.logout();
  await t.login('henk@peerdesk.test');
  await t.page.getByRole('navigation').getByRole('link', { name: 'Coaching' }).click();
  await t.page.waitForURL(/\/coaching$/);
  await t.page.getByRole('heading', { name: 'Coaching gehouden in de laatste 4 weken' }).waitFor();
  const row = t.page.getByRole('row', { name: /Kees Hoekstra/ });
  await row.getByText('nee').waitFor();
  const text = await t.page.locator('main').innerText();
  assert.doesNotMatch(text, /jonge moeder|Gepland|\d{4}/, 'no note text and no dates for the manager');
  await t.axe('coaching-manager');
  await narrow('coaching-manager');
  await t.goto('/training');
  await t.page.getByRole('heading', { name: 'Bereik per team' }).waitFor();
  assert.equal(await t.page.getByRole('heading', { name: 'Nog niet gevolgd' }).count(), 0);
  await t.axe('training-manager');
});

test('a coordinator sees sessions and who has not attended yet', async () => {
  await t.logout();
  await t.login('marieke@peerdesk.test');
  await t.goto('/training');
  await t.page.getByRole('heading', { name: 'Bijeenkomsten' }).waitFor();
  await t.page.locator('section[aria-labelledby="sessions-h"] li').filter({ hasText: 'Ervaringskennis voor generalisten' }).first().waitFor();
  await t.page.locator('section[aria-labelledby="missing-h"] li').first().waitFor();
  await t.axe('training');
  await narrow('training');
  // 401: the shell asks who is logged in before each login; anything else is a fault
  assert.deepEqual(t.problems.filter((p) => !/favicon|status of 401/.test(p)), []);
});
