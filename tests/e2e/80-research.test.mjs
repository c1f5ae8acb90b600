// 80-research: fatima (researcher) starts at Onderzoeksexport, reads the codebook as tables
// (one per export table, a row per column, as the API gives it) and downloads the export
// from the screen: it parses, every row has exactly the codebook's columns, and it holds
// no client code, client name, worker name or note text; a client sanne registered with a
// canary name and note is in it only as pseudonyms. Free text needs a reason (said at the
// field); with one the note text is in the file. axe on the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, apiAs } from './lib.mjs';

let t;
let codebook;
const CANARY_NAME = 'Kanarie Onderzoeksnaam';
const CANARY_CODE = 'E2E-KANARIE-80';
const CANARY_NOTE = 'KANARIENOTITIE80 samen naar de huisarts';

before(async () => {
  t = await start({ name: 'research' });
  const sanne = await apiAs(t.base, 'sanne@peerdesk.test');
  const c = await sanne.call('POST', '/clients', { code: CANARY_CODE, name: CANARY_NAME, contact: 'kanarie80@example.test', birth_year: 1980, goal_type: 'progress' });
  const today = new Date().toISOString().slice(0, 10);
  await sanne.call('POST', `/dossiers/${c.dossier.id}/notes`, { kind: 'visit', contact_on: today, minutes: 30, body: CANARY_NOTE, activities: [], approaches: [] });
  const fatima = await apiAs(t.base, 'fatima@peerdesk.test');
  codebook = await fatima.call('GET', '/research/codebook');
});
after(async () => { await t.stop(); });

async function download() {
  const button = t.page.getByRole('button', { name: 'Exporteren' });
  const [file] = await Promise.all([t.page.waitForEvent('download'), button.click()]);
  assert.match(file.suggestedFilename(), /^research-export-[0-9a-f-]{36}\.json$/);
  return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

test('fatima starts at Onderzoeksexport and sees the codebook as tables', async () => {
  await t.login('fatima@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Onderzoeksexport' }).waitFor();
  await t.page.getByRole('navigation').getByRole('link', { name: 'Onderzoeksexport' }).waitFor();
  await t.page.locator('table.rs-codebook').first().waitFor();
  assert.equal(await t.page.locator('table.rs-codebook').count(), codebook.tables.length);
  for (const tb of codebook.tables) {
    const names = await t.page.locator(`table.rs-codebook[data-table="${tb.name}"] tbody th`).allInnerTexts();
    assert.deepEqual(names, tb.columns.map((c) => c.name), `codebook of ${tb.name}`);
  }
  // a coded column lists the organisation's codes with their Dutch label
  const channel = t.page.locator('table.rs-codebook[data-table="requests"] tbody tr', { hasText: 'channel' }).locator('td').nth(2);
  assert.match(await channel.innerText(), /\w+ \(.+\)/);
  await t.shot('research');
  await t.axe('research');
});

test('the export downloads, parses, follows the codebook and names nobody', async () => {
  const doc = await download();
  assert.equal(doc.export.format, 'peerdesk-research-export');
  assert.equal(doc.export.options.free_text, false);
  await t.page.getByRole('status').filter({ hasText: `Export ${doc.export.id} is gedownload` }).waitFor();
  const want = Object.fromEntries(codebook.tables.map((tb) => [tb.name, tb.columns.map((c) => c.name)]));
  assert.ok(doc.tables.dossiers.length > 0, 'the demo organisation has dossiers');
  for (const [name, rows] of Object.entries(doc.tables)) {
    assert.ok(want[name], `table ${name} is in the codebook`);
    for (const row of rows) assert.deepEqual(Object.keys(row), want[name], `columns of ${name}`);
  }
  for (const s of doc.tables.assignments) for (const p of s.intensity) assert.deepEqual(Object.keys(p), want['assignments.intensity']);
  const text = JSON.stringify(doc.tables);
  for (const bad of [CANARY_NAME, CANARY_CODE, CANARY_NOTE, 'kanarie80@example.test', 'Sanne Jansen', 'sanne@peerdesk.test', 'Fatima Bouzid']) {
    assert.ok(!text.includes(bad), `the export holds ${bad}`);
  }
  assert.ok(!/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/.test(text), 'no internal id in the tables');
  assert.ok(doc.tables.notes.every((n) => n.body === null), 'no note text by default');
});

test('free text needs a reason at the field, and then includes the note text', async () => {
  await t.page.getByLabel('Vrije tekst meenemen (notities, vragen, verslagen)').check();
  const reason = t.page.getByLabel(/^Reden voor vrije tekst/);
  await reason.waitFor();
  await t.page.getByRole('button', { name: 'Exporteren' }).click();
  await t.page.locator('#f-reason-err', { hasText: 'Geef een reden op.' }).waitFor();
  await reason.fill('Kwalitatieve analyse van contactnotities');
  const doc = await download();
  assert.deepEqual(doc.export.options, { free_text: true, reason: 'Kwalitatieve analyse van contactnotities' });
  assert.ok(doc.tables.notes.some((n) => n.body === CANARY_NOTE), 'the canary note text is in the free-text export');
  assert.ok(!JSON.stringify(doc.tables).includes(CANARY_NAME), 'still no client name');
  assert.deepEqual(t.problems.filter((p) => !/favicon|status of 401/.test(p)), [], 'no script errors');
});
