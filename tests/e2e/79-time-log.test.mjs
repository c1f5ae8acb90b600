// 79-time-log: youssef (expert) finds "Tijdregistratie" on his profile with the employment
// the demo gave him (89 %, hbo), logs 75 minutes of policy work with the quick form (the
// day is today by default), sees the entry and this month's total per role type grow by
// exactly that, is stopped at the field for 0 minutes (in the browser) and for a day more
// than a year ago (by the server), and deletes the entry after a confirmation (cancelling
// first keeps it). anouk (admin) sets kees's FTE and level under Beheer > Medewerkers; a
// worker who is no expert has no such form; a manager cannot read it. axe on both screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, expectText, apiAs } from './lib.mjs';

let t;
let youssef;
let anouk;
before(async () => {
  t = await start({ name: 'time-log' });
  youssef = await apiAs(t.base, 'youssef@peerdesk.test');
  anouk = await apiAs(t.base, 'anouk@peerdesk.test');
});
after(async () => { await t.stop(); });

const today = new Date().toISOString().slice(0, 10);
const fmt = (m) => (Math.floor(m / 60) ? `${Math.floor(m / 60)} u${m % 60 ? ` ${m % 60} min` : ''}` : `${m} min`);
const section = () => t.page.locator('section[aria-labelledby="h-time"]');
const form = () => section().locator('form');
const monthRow = (label) => section().locator('table[aria-labelledby="h-time-month"] tbody tr', { has: t.page.getByRole('rowheader', { name: label, exact: true }) });
const policyMinutes = async () => {
  const m = await youssef.call('GET', '/me/time');
  const row = m.totals.find((x) => x.role_type === 'policy_influencer');
  return row ? row.minutes : 0;
};

test('youssef finds the time log and his employment on his profile', async () => {
  await t.login('youssef@peerdesk.test');
  await t.page.getByRole('navigation').getByRole('link', { name: 'Mijn ervaringsprofiel' }).click();
  await t.page.getByRole('heading', { level: 2, name: 'Tijdregistratie' }).waitFor();
  const emp = t.page.locator('section[aria-labelledby="h-emp"]');
  await emp.getByText('89% van een voltijdbaan').waitFor();
  await emp.getByText('hbo', { exact: true }).waitFor();
  assert.equal(await form().getByLabel('Datum').inputValue(), today);
  assert.equal(await form().getByLabel('Roltype').inputValue(), 'expertise_promoter');
  await section().getByRole('heading', { name: 'Recente registraties' }).waitFor();
  await t.axe('profile-time-log');
});

let before75;
test('he logs 75 minutes of policy work and sees the entry and the month total', async () => {
  before75 = await policyMinutes();
  await form().getByLabel('Roltype').selectOption({ label: 'Beleidsbeïnvloeder' });
  await form().getByLabel('Minuten').fill('75');
  await form().getByRole('button', { name: 'Vastleggen' }).click();
  await expectText(t.page, /^Vastgelegd: 1 u 15 min beleidsbeïnvloeder/);
  const mine = (await youssef.call('GET', '/me/time', undefined)).items.filter((e) => e.on_date === today);
  assert.equal(mine.length, 1);
  assert.deepEqual([mine[0].role_type, mine[0].minutes], ['policy_influencer', 75]);
  const first = section().locator('table[aria-labelledby="h-time-recent"] tbody tr').first();
  await first.getByText('1 u 15 min').waitFor();
  assert.match(await first.innerText(), /Beleidsbeïnvloeder/);
  const row = monthRow('Beleidsbeïnvloeder');
  await row.getByText(fmt(before75 + 75), { exact: true }).waitFor();
  assert.equal(await form().getByLabel('Minuten').inputValue(), '');
  await t.shot('profile-time-log');
});

test('0 minutes is named at the field and nothing is logged', async () => {
  await form().getByLabel('Minuten').fill('0');
  await form().getByRole('button', { name: 'Vastleggen' }).click();
  await t.page.locator('.error-summary').getByRole('link', { name: 'Minuten' }).waitFor();
  await form().locator('#f-time_minutes-err').getByText('Een heel getal van 1 tot 1440.').waitFor();
  assert.equal(await form().getByLabel('Minuten').getAttribute('aria-invalid'), 'true');
  assert.equal(await policyMinutes(), before75 + 75);
});

test('a day more than a year ago is refused by the server, at the date', async () => {
  await form().getByLabel('Datum').fill('2000-01-03');
  await form().getByLabel('Minuten').fill('30');
  await form().getByRole('button', { name: 'Vastleggen' }).click();
  await t.page.locator('.error-summary').getByRole('link', { name: 'Datum' }).waitFor();
  await form().locator('#f-time_date-err').waitFor();
  assert.equal((await youssef.call('GET', '/me/time', undefined)).items.filter((e) => e.on_date === '2000-01-03').length, 0);
  await form().getByLabel('Datum').fill(today);
});

test('he deletes the entry after confirming; cancelling keeps it', async () => {
  const del = section().getByRole('button', { name: /^Verwijderen: 1 u 15 min beleidsbeïnvloeder/ });
  await del.click();
  const dialog = t.page.getByRole('dialog', { name: 'Registratie verwijderen?' });
  await dialog.getByText(/Dit kunt u niet ongedaan maken/).waitFor();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await policyMinutes(), before75 + 75);
  await del.click();
  await t.page.getByRole('dialog').getByRole('button', { name: 'Verwijderen' }).click();
  await expectText(t.page, /^Verwijderd: 1 u 15 min beleidsbeïnvloeder/);
  await del.waitFor({ state: 'detached' });
  assert.equal(await policyMinutes(), before75);
  assert.equal((await youssef.call('GET', '/me/time')).items.filter((e) => e.on_date === today).length, 0);
});

test('anouk sets kees\'s FTE and level; a generalist has no such form; a manager cannot read it', async () => {
  const users = (await anouk.call('GET', '/users?limit=200')).items;
  const kees = users.find((u) => u.email === 'kees@peerdesk.test');
  const sanne = users.find((u) => u.email === 'sanne@peerdesk.test');
  await t.logout();
  await t.login('anouk@peerdesk.test');
  await t.goto('/admin?tab=users&user=' + sanne.id);
  await t.page.getByRole('heading', { name: /Sanne Jansen/ }).waitFor();
  assert.equal(await t.page.getByRole('heading', { name: 'Dienstverband als ervaringsdeskundige' }).count(), 0);

  await t.goto('/admin?tab=users&user=' + kees.id);
  const emp = t.page.locator('section[aria-labelledby="h-employment"]');
  await emp.getByRole('heading', { name: 'Dienstverband als ervaringsdeskundige' }).waitFor();
  const fte = emp.getByLabel('Omvang (procent van een voltijdbaan)');
  const level = emp.getByLabel('Opleidingsniveau');
  assert.equal(await fte.inputValue(), '67');
  assert.equal(await level.inputValue(), 'mbo3');
  await t.axe('admin-employment');

  await fte.fill('150');
  await emp.getByRole('button', { name: 'Dienstverband opslaan' }).click();
  await emp.locator('#f-emp_fte-err').getByText(/0 tot 100/).waitFor();

  const was = await anouk.call('GET', `/experts/${kees.id}/employment`);
  await fte.fill('80');
  await level.selectOption({ label: 'hbo' });
  await emp.getByRole('button', { name: 'Dienstverband opslaan' }).click();
  await expectText(t.page, 'Dienstverband opgeslagen.');
  await t.shot('admin-employment');
  const now = await anouk.call('GET', `/experts/${kees.id}/employment`);
  assert.deepEqual([now.fte_pct, now.qualification, now.version], [80, 'hbo', was.version + 1]);

  const henk = await apiAs(t.base, 'henk@peerdesk.test');
  const denied = await henk.call('GET', `/experts/${kees.id}/employment`, undefined, { allow: [403] });
  assert.equal(denied.status, 403);
  const r = await fetch(`${t.base}/api/v1/experts/${kees.id}/employment`);
  assert.equal(r.status, 401);
  assert.deepEqual(t.problems.filter((p) => !/favicon|status of (401|422)/.test(p)), []);
});
