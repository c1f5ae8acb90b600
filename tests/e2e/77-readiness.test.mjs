// 77-readiness: henk (manager) opens the Implementatiescan, sees the empty state, fills in
// a scan through the form (24 items in three fieldsets, one item not assessed, one
// comment), and finds it in the history with the per-group averages; after an older scan
// exists the latest is compared with it in a table. A date in the future is named in the
// error summary. axe on the history and on the form; the form fits 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, expectText, apiAs } from './lib.mjs';

let t;
let henk;
let items;
before(async () => {
  t = await start({ name: 'readiness' });
  henk = await apiAs(t.base, 'henk@peerdesk.test');
  items = (await henk.call('GET', '/readiness/items')).items;
});
after(async () => { await t.stop(); });

const table = (id) => t.page.locator(`section[aria-labelledby="${id}"] table`);

test('henk finds the scan in his menu and sees that none was done yet', async () => {
  assert.equal(items.length, 24);
  await t.login('henk@peerdesk.test');
  await t.page.getByRole('navigation').getByRole('link', { name: 'Implementatiescan' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Implementatiescan' }).waitFor();
  await expectText(t.page, 'Er is nog geen scan gedaan.');
  await t.axe('readiness-empty');
});

test('a date in the future is named in the error summary and nothing is saved', async () => {
  await t.page.getByRole('button', { name: 'Nieuwe scan' }).click();
  const form = t.page.locator('form.rd-form');
  await form.getByLabel('Datum van de scan').fill('2999-01-01');
  await form.getByRole('button', { name: 'Scan opslaan' }).click();
  await t.page.locator('.error-summary').getByRole('link', { name: 'Datum van de scan' }).waitFor();
  assert.equal((await henk.call('GET', '/readiness/scans')).items.length, 0);
  await form.getByRole('button', { name: 'Annuleren' }).click();
});

test('henk fills in a scan and sees it in the history', async () => {
  await t.page.getByRole('button', { name: 'Nieuwe scan' }).click();
  const form = t.page.locator('form.rd-form');
  await form.getByRole('group', { name: 'Voorwaarden (Ibrahim e.a., 2020)' }).waitFor();
  await form.getByRole('group', { name: 'Bevorderende factoren' }).waitFor();
  await form.getByRole('group', { name: 'Randvoorwaarden' }).waitFor();
  const skipped = items.find((i) => i.group === 'precondition');
  for (const i of items) {
    const scale = form.getByRole('group', { name: i.label_nl, exact: true });
    const pick = i === skipped ? 'Niet beoordeeld' : i.group === 'ibrahim' ? '4' : i.group === 'promoting' ? '3' : '2';
    await scale.getByLabel(pick, { exact: true }).check();
  }
  const first = items[0];
  await form.getByLabel(`${first.label_nl}: Opmerking (kort, niet verplicht)`).fill('Herstelgericht werken staat in het jaarplan');
  await form.getByLabel('Toelichting').fill('Scan met het managementteam');
  await form.getByRole('button', { name: 'Scan opslaan' }).click();
  await expectText(t.page, 'De scan is opgeslagen.');
  const row = table('rd-hist-h').locator('tbody tr');
  await row.first().waitFor(); // the history reloads after the message
  assert.equal(await row.count(), 1);
  const cells = await row.first().locator('td').allTextContents();
  assert.deepEqual(cells, ['4,00 (7 van 7 beoordeeld)', '3,00 (10 van 10 beoordeeld)', '2,00 (6 van 7 beoordeeld)', 'Henk Mulder']);
  await expectText(t.page, 'Na een tweede scan ziet u hier het verschil met de vorige.');

  const saved = (await henk.call('GET', '/readiness/scans')).items;
  assert.equal(saved.length, 1);
  const scan = await henk.call('GET', '/readiness/scans/' + saved[0].id);
  assert.equal(scan.note, 'Scan met het managementteam');
  assert.equal(scan.scores.find((s) => s.item === first.code).comment, 'Herstelgericht werken staat in het jaarplan');
  assert.equal(scan.scores.find((s) => s.item === skipped.code).score, null);
  assert.equal(scan.scores.filter((s) => s.score !== null).length, 23);
});

test('with an older scan the latest is compared with it in a table', async () => {
  await henk.call('POST', '/readiness/scans', {
    taken_on: '2025-01-10',
    scores: items.map((i) => ({ item: i.code, score: i.group === 'ibrahim' ? 3 : i.group === 'promoting' ? 4 : null })),
  });
  await t.page.reload();
  await t.page.getByRole('heading', { level: 1, name: 'Implementatiescan' }).waitFor();
  const rows = table('rd-cmp-h').locator('tbody tr');
  await rows.first().waitFor();
  const text = async (n) => (await rows.nth(n).locator('th, td').allTextContents());
  assert.deepEqual(await text(0), ['Voorwaarden (Ibrahim e.a., 2020)', '4,00', '3,00', '+1,00']);
  assert.deepEqual(await text(1), ['Bevorderende factoren', '3,00', '4,00', '−1,00']);
  assert.deepEqual(await text(2), ['Randvoorwaarden', '2,00', 'geen score', '—']);
  assert.equal(await table('rd-hist-h').locator('tbody tr').count(), 2);
  await t.axe('readiness-history');
  await t.shot('readiness-history');
});

test('the form passes axe and fits a 320 px screen', async () => {
  await t.goto('/readiness?new=1');
  await t.page.locator('form.rd-form').waitFor();
  await t.axe('readiness-form');
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot('readiness-form-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `the screen is ${overflow}px wider than 320 px`);
  assert.deepEqual(t.problems.filter((p) => p.startsWith('page error')), []);
});
