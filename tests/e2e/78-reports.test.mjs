// 78-reports: henk (manager) opens Overzichten from his menu and sees the demo
// organisation's figures as the API gives them: the requests per month as a line chart
// (role="img" with a title; a withheld count is the fixed-length hatched mark) and the table
// beside it, per team as a bar chart after switching the grouping, time to deployment and
// reach as tables; the CSV link downloads text/csv as an attachment. A generalist has no
// such menu item. axe on the screen. The other sections of the dashboard: 78b.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, apiAs } from './lib.mjs';

let t;
let henk;
before(async () => {
  t = await start({ name: 'reports' });
  henk = await apiAs(t.base, 'henk@peerdesk.test');
});
after(async () => { await t.stop(); });

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const month = (ym) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

const cells = async (table) => {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (r) => [await r.locator('th').innerText(), await r.locator('td').innerText()]));
};

test('henk finds Overzichten and sees the requests per month, chart and table', async () => {
  const api = await henk.call('GET', '/reports/requests?by=month');
  await t.login('henk@peerdesk.test');
  await t.page.getByRole('navigation').getByRole('link', { name: 'Overzichten' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Overzichten' }).waitFor();
  const table = t.page.locator('table.rp-requests');
  const foot = table.locator('tfoot td');
  if (api.rows.length) {
    await foot.waitFor();
    assert.deepEqual(await cells(table), api.rows.map((r) => [month(r.label), String(r.count)]));
    assert.equal(await foot.innerText(), String(api.total));
    const chart = t.page.getByRole('img', { name: 'Aanvragen voor een ervaringsdeskundige, per maand' });
    await chart.waitFor();
    assert.equal(await chart.getAttribute('data-kind'), 'line');
    assert.match(await chart.locator(':scope > desc').textContent(), /^Lijndiagram: \d+ maanden, van \S+ \d{4} tot en met \S+ \d{4}\./);
    // Every withheld month is the fixed-length mark, never a height that tells the count.
    const withheld = chart.locator('.rp-withheld');
    assert.equal(await withheld.count(), api.rows.filter((r) => r.count === '<5').length);
    for (const w of await withheld.all()) assert.equal(await w.getAttribute('width'), '10');
  } else {
    await t.page.getByText('Geen gegevens in deze periode.').first().waitFor();
  }
  await t.axe('reports');
});

test('per team, as the API counts them, "<5" included', async () => {
  const api = await henk.call('GET', '/reports/requests?by=team');
  await t.page.getByLabel('Indeling').selectOption('team');
  const table = t.page.locator('table.rp-requests');
  await t.page.locator('table.rp-requests caption', { hasText: 'per team' }).waitFor();
  const want = api.rows.map((r) => [r.label ?? 'Geen team', String(r.count)]);
  assert.deepEqual(await cells(table), want);
  for (const r of api.rows) assert.ok(typeof r.count === 'number' ? r.count === 0 || r.count >= 5 : r.count === '<5');
  const chart = t.page.getByRole('img', { name: /^Aanvragen voor een ervaringsdeskundige, per team/ });
  assert.equal(await chart.getAttribute('data-kind'), 'bar');
  assert.equal(await chart.locator('.rp-bar, .rp-withheld').count(), api.rows.length);
});

test('time to deployment and reach are tables with the API figures', async () => {
  const time = await henk.call('GET', '/reports/time-to-match');
  const reach = await henk.call('GET', '/reports/reach');
  const tt = t.page.locator('table.rp-time tbody tr');
  await tt.first().waitFor();
  const shown = (v) => (v === null ? 'niet getoond (minder dan 5)' : String(v));
  assert.deepEqual(await tt.nth(1).locator('td').allInnerTexts(),
    [String(time.to_assignment_days.n), shown(time.to_assignment_days.median), shown(time.to_assignment_days.p90)]);
  const rr = await t.page.locator('table.rp-reach tbody td').allInnerTexts();
  assert.deepEqual(rr, [String(reach.generalists), String(reach.reached),
    reach.share === null ? 'niet getoond (minder dan 5)' : reach.share.replace('.', ',')]);
});

test('the CSV link gives text/csv as an attachment', async () => {
  const link = t.page.getByRole('link', { name: /bereik onder generalisten als CSV/ });
  const href = await link.getAttribute('href');
  assert.match(href, /^\/api\/v1\/reports\/reach\?format=csv$/);
  const res = await t.page.request.get(t.base + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'text/csv; charset=utf-8');
  assert.match(res.headers()['content-disposition'], /^attachment; filename="reach\.csv"$/);
  assert.match(await res.text(), /^generalists,reached,share\r\n/);
});

test('a generalist has no Overzichten in the menu', async () => {
  await t.logout();
  await t.login('sanne@peerdesk.test');
  await t.page.getByRole('navigation').waitFor();
  assert.equal(await t.page.getByRole('navigation').getByRole('link', { name: 'Overzichten' }).count(), 0);
});
