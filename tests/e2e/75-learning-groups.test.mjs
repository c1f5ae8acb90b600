// 75-learning-groups: peter (trainer) sees the demo's two learning groups with their
// members, makes a new group, puts amir (student) in it, and takes him out again after a
// confirmation that says what amir will no longer see. A student sees only her own group
// and cannot change it (no form, and the server refuses). axe and 320 px on the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, expectText, apiAs } from './lib.mjs';

let t;
before(async () => { t = await start({ name: 'learning-groups' }); });
after(async () => { await t.stop(); });

const card = (name) => t.page.locator('article.card', { has: t.page.getByRole('heading', { level: 2, name, exact: true }) });

test('peter sees his groups and their members', async () => {
  await t.login('peter@peerdesk.test');
  await t.goto('/learning-groups');
  await t.page.getByRole('heading', { level: 1, name: 'Leergroepen' }).waitFor();
  const basis = card('Basiscursus Ervaringsdeskundigheid 2026');
  await basis.getByText('Lotte Visser · Student').waitFor();
  await basis.getByText('Amir Haddou · Student').waitFor();
  await card('HBO-leergroep 2026').getByText('Bas de Wit · Student').waitFor();
  await t.axe('learning-groups');
  await t.shot('learning-groups');
});

test('peter makes a group, adds amir and takes him out after a confirmation', async () => {
  const form = t.page.locator('form', { has: t.page.getByRole('heading', { name: 'Nieuwe leergroep' }) });
  await form.getByLabel(/^Naam/).fill('Verdieping voorjaar');
  await form.getByLabel('Niveau').selectOption({ label: 'HBO' });
  await form.getByRole('button', { name: 'Leergroep maken' }).click();
  await expectText(t.page, 'Leergroep gemaakt.');
  const g = card('Verdieping voorjaar');
  await g.getByText('Peter van Dijk (u) · Trainer').waitFor();

  await g.getByLabel('Wie').selectOption({ label: 'Amir Haddou' });
  await g.getByRole('button', { name: 'Toevoegen' }).click();
  await expectText(t.page, 'Amir Haddou is toegevoegd.');
  await g.getByText('Amir Haddou · Student').waitFor();

  await g.getByRole('button', { name: 'Uit de groep halen: Amir Haddou' }).click();
  const dialog = t.page.getByRole('dialog');
  await dialog.getByText('Amir Haddou uit "Verdieping voorjaar" halen?').waitFor();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await g.getByText('Amir Haddou · Student').waitFor();
  await g.getByRole('button', { name: 'Uit de groep halen: Amir Haddou' }).click();
  await t.page.getByRole('dialog').getByRole('button', { name: 'Uit de groep halen' }).click();
  await expectText(t.page, 'Amir Haddou is uit de groep gehaald.');
  await g.getByText('Amir Haddou · Student').waitFor({ state: 'detached' });
});

test('the screen fits a 320 px screen', async () => {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot('learning-groups-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `the screen is ${overflow}px wider than 320 px`);
});

test('a student sees only her own group and cannot change it', async () => {
  const lotte = await apiAs(t.base, 'lotte@peerdesk.test');
  const mine = await lotte.call('GET', '/learning-groups');
  assert.deepEqual(mine.items.map((g) => g.name), ['Basiscursus Ervaringsdeskundigheid 2026']);
  const bas = await apiAs(t.base, 'bas@peerdesk.test');
  const hbo = (await bas.call('GET', '/learning-groups')).items[0];
  await assert.rejects(lotte.call('GET', '/learning-groups/' + hbo.id), /404/);
  const amir = mine.items[0].members.find((m) => m.name === 'Amir Haddou');
  await assert.rejects(lotte.call('DELETE', `/learning-groups/${mine.items[0].id}/members/${amir.worker_id}`), /403/);
});
