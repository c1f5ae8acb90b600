// 81-rights: eva (privacy officer) opens Privacy → Verzoeken, registers an access request
// received today and sees its deadline in words (op tijd, a month from today), registers an
// erasure request and one received long ago, which shows as overdue in words (red, and said
// in the text), extends a deadline with a reason, then erases a client: the dialog refuses
// a mistyped code (naming it) and erases with the typed code; the register keeps the request
// as done without the client, and the client's export is gone. axe on the screen and the
// dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, apiAs } from './lib.mjs';

let t;
let eva;
let victim; // a demo client to erase
let keep;   // one to keep
before(async () => {
  t = await start({ name: 'rights' });
  eva = await apiAs(t.base, 'eva@peerdesk.test');
  const sanne = await apiAs(t.base, 'sanne@peerdesk.test');
  victim = (await sanne.call('POST', '/clients', { code: 'WIS-81', goal_type: 'progress', name: 'Wil Gewist' })).client;
  keep = (await sanne.call('POST', '/clients', { code: 'BLIJF-81', goal_type: 'progress' })).client;
});
after(async () => { await t.stop(); });

const row = (ref) => t.page.locator('table.pv-rights tbody tr', { has: t.page.locator('th', { hasText: ref }) });

test('eva registers an access request and sees its deadline', async () => {
  await t.login('eva@peerdesk.test');
  await t.goto('/privacy');
  await t.page.getByRole('navigation', { name: 'Onderdelen van privacy' }).getByRole('link', { name: 'Verzoeken' }).click();
  await t.page.getByRole('heading', { level: 2, name: 'Verzoeken' }).waitFor();
  await t.page.getByText('Er zijn nog geen verzoeken geregistreerd.').waitFor();
  const form = t.page.getByRole('form', { name: 'Verzoek registreren' });
  await form.getByLabel('Cliëntcode').fill('BLIJF-81');
  await form.getByLabel('Soort verzoek').selectOption('access');
  await form.getByRole('button', { name: 'Verzoek registreren' }).click();
  await t.page.getByRole('status').filter({ hasText: /Verzoek AVG-\d{4}-0001 is geregistreerd; uiterlijk beantwoorden op / }).waitFor();
  const api = await eva.call('GET', '/rights-requests');
  const r = api.items[0];
  assert.equal(r.deadline_status, 'on_time');
  const tr = row(r.reference);
  await tr.waitFor();
  assert.match(await tr.innerText(), new RegExp(`Op tijd: nog ${r.days_left} dagen`));
  assert.match(await tr.innerText(), /BLIJF-81/);
  assert.match(await tr.innerText(), /Inzage/);
  await t.axe('rights');
  await t.shot('rights');
});

test('an unknown client code is named at the field', async () => {
  const form = t.page.getByRole('form', { name: 'Verzoek registreren' });
  await form.getByLabel('Cliëntcode').fill('BESTAAT-NIET');
  await form.getByRole('button', { name: 'Verzoek registreren' }).click();
  await t.page.getByRole('alert').filter({ hasText: 'Cliëntcode' }).waitFor();
  await t.page.getByText('no client with this code').first().waitFor();
});

test('a request received long ago is overdue, in words', async () => {
  const form = t.page.getByRole('form', { name: 'Verzoek registreren' });
  await form.getByLabel('Cliëntcode').fill('BLIJF-81');
  await form.getByLabel('Soort verzoek').selectOption('objection');
  await form.getByLabel('Ontvangen op').fill('2025-01-15');
  await form.getByRole('button', { name: 'Verzoek registreren' }).click();
  await t.page.getByRole('status').filter({ hasText: 'uiterlijk beantwoorden op 15 februari 2025' }).waitFor();
  const overdue = t.page.locator('table.pv-rights tbody tr').first();
  await overdue.locator('.pv-overdue').waitFor();
  assert.match(await overdue.innerText(), /Te laat: \d+ dagen over de termijn/);
  assert.match(await overdue.innerText(), /Bezwaar/);
  assert.equal(await overdue.getByRole('button', { name: 'Verlengen' }).count(), 0, 'an overdue request cannot be extended');
});

test('eva extends the access request by two months with a reason', async () => {
  const r = (await eva.call('GET', '/rights-requests')).items.find((x) => x.kind === 'access');
  const tr = row(r.reference);
  await tr.getByRole('button', { name: 'Verlengen' }).click();
  const f = tr.getByRole('form', { name: `Termijn van ${r.reference} verlengen` });
  await f.getByLabel('2 maanden').check();
  await f.getByLabel('Reden van verlenging').fill('Gegevens liggen ook bij de huisarts.');
  await f.getByRole('button', { name: 'Termijn verlengen' }).click();
  await t.page.getByRole('status').filter({ hasText: `De termijn van ${r.reference} is verlengd tot` }).waitFor();
  const after = await eva.call('GET', `/rights-requests/${r.id}`);
  assert.equal(after.extension_reason, 'Gegevens liggen ook bij de huisarts.');
  await row(r.reference).getByText(/verlengd tot .*: Gegevens liggen ook bij de huisarts\./).waitFor();
  assert.equal(await row(r.reference).getByRole('form').count(), 0, 'the form closed');
  assert.equal(await row(r.reference).getByRole('button', { name: 'Verlengen' }).count(), 0, 'extended once: no second extension');
});

test('eva erases a client after typing the client code', async () => {
  const form = t.page.getByRole('form', { name: 'Verzoek registreren' });
  await form.getByLabel('Cliëntcode').fill('WIS-81');
  await form.getByLabel('Soort verzoek').selectOption('erasure');
  await form.getByLabel('Ontvangen op').fill(new Date().toISOString().slice(0, 10));
  await form.getByRole('button', { name: 'Verzoek registreren' }).click();
  await t.page.getByRole('status').filter({ hasText: 'is geregistreerd' }).waitFor();
  const rq = (await eva.call('GET', '/rights-requests')).items.find((x) => x.kind === 'erasure');
  const tr = row(rq.reference);
  await tr.getByRole('button', { name: 'Cliënt WIS-81 wissen' }).click();
  const dialog = t.page.getByRole('dialog', { name: 'Cliënt WIS-81 definitief wissen?' });
  await dialog.waitFor();
  await t.axe('rights-erase-dialog');
  await t.shot('rights-erase-dialog');
  await dialog.getByLabel('Typ ter bevestiging de cliëntcode').fill('WIS-18');
  await dialog.getByRole('button', { name: 'Definitief wissen' }).click();
  await dialog.getByText('Dit is niet de code van de cliënt.').waitFor();
  assert.equal((await eva.call('GET', `/rights-requests/${rq.id}`)).status, 'open', 'nothing happened yet');

  await dialog.getByLabel('Typ ter bevestiging de cliëntcode').fill('WIS-81');
  await dialog.getByRole('button', { name: 'Definitief wissen' }).click();
  await t.page.getByRole('status').filter({ hasText: /Cliënt WIS-81 is gewist \(\d+ regels verwijderd of losgekoppeld\)/ }).waitFor();
  assert.equal(await dialog.count(), 0, 'the dialog closed');
  const done = row(rq.reference);
  await done.getByText(/Afgehandeld op/).waitFor();
  assert.match(await done.innerText(), /gewist/);
  assert.doesNotMatch(await done.innerText(), /WIS-81/);

  const left = await eva.call('GET', `/rights-requests/${rq.id}`);
  assert.equal(left.client, null);
  assert.equal(left.status, 'done');
  const res = await t.page.request.get(`${t.base}/api/v1/clients/${victim.id}/export`);
  assert.equal(res.status(), 404, 'the erased client has no export');
  const res2 = await t.page.request.get(`${t.base}/api/v1/clients/${keep.id}/export`);
  assert.equal(res2.status(), 200, 'the other client stays');
});
