// 78b-reports-dashboard: the whole Overzichten dashboard on the demo organisation, as henk
// (manager) sees it. Every section's table shows the API's answer for the very query of its
// CSV link (row names: vocabulary labels in Dutch, months, teams; "<5" and "–" for
// withheld figures), every chart is an <svg role="img"> with a title and a description and
// draws withheld values as the fixed-length mark, and every CSV link downloads a CSV whose
// figures equal the table on screen (both parsed). The level split (also in the address)
// adds the level column and repeats the rows per level, in the tables and the CSVs. A
// period without data shows "Geen gegevens in deze periode.", a failing report an error
// with a retry while the other sections stand. axe on the default and the split dashboard,
// and at 320 px, where nothing scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, apiAs } from './lib.mjs';

let t;
let henk;
before(async () => {
  t = await start({ name: 'reports-dashboard' });
  henk = await apiAs(t.base, 'henk@peerdesk.test');
});
after(async () => { await t.stop(); });

// Every table on the dashboard, by its block; the contract's reports and the older three.
const BLOCKS = ['rp-req-t', 'rp-mix-t', 'rp-caseload-t', 'rp-themes-t', 'rp-intensity-t', 'rp-evaluations-t',
  'rp-closures-t', 'rp-hours-m', 'rp-hours-t', 'rp-referrals-t'];
const SECTIONS = ['rp-req', 'rp-mix', 'rp-caseload', 'rp-themes', 'rp-intensity', 'rp-evaluations', 'rp-closures',
  'rp-hours', 'rp-referrals', 'rp-time', 'rp-reach'];

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const month = (ym) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;
const GROUPS = { mbo3: 'MBO niveau 3', mbo4: 'MBO niveau 4', hbo: 'HBO', unknown: 'Niveau onbekend', none: 'Geen ervaringsdeskundige' };
const NO_KEY = { caseload: 'Geen expertteam', evaluations: 'Geen team', team: 'Geen team', area: 'Geen wijk' };

const vocabs = new Map();
async function vocabLabel(vocab, code) {
  if (!vocabs.has(vocab)) vocabs.set(vocab, await henk.call('GET', '/vocabularies/' + vocab));
  const c = vocabs.get(vocab).codes.find((x) => x.code === code);
  assert.ok(c, `code ${code} in vocabulary ${vocab}`);
  return c.label_nl;
}

// RFC 4180, CRLF; quoted fields may hold commas, quotes and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; } else f += c;
  }
  if (f !== '' || row.length) { row.push(f); rows.push(row); }
  return rows;
}

// A figure as the screen writes it ("12,5", "<5", "–" + hidden "niet getoond") and as the
// CSV does ("12.5", "<5", ""), both as the API's text (or null).
const fromScreen = (s) => (s.trim().startsWith('–') ? null : s.trim().replace(',', '.'));
const fromCsv = (s) => (s === '' ? null : s);
const fromApi = (v) => (v === null || v === undefined ? null : String(v));

async function readTable(table) {
  const head = await table.locator('thead th').allInnerTexts();
  const rows = [];
  for (const tr of await table.locator('tbody tr:not(.rp-block)').all()) {
    rows.push({ th: (await tr.locator('th').innerText()).trim(), td: await tr.locator('td').allInnerTexts() });
  }
  const foot = table.locator('tfoot tr');
  const total = (await foot.count()) ? await foot.locator('td').allInnerTexts() : null;
  return { head, rows, total };
}

// The requests report keeps its older shape; seen as the contract's.
function contract(api) {
  if (api.columns) return api;
  return { ...api, columns: [{ key: 'count', kind: 'count' }],
    rows: api.rows.map((r) => ({ ...r, vocab: null, group: r.group ?? null, values: { count: r.count } })),
    total: { count: api.total } };
}

async function rowName(report, by, r) {
  if (r.vocab) return vocabLabel(r.vocab, r.key);
  if (r.key === null) return NO_KEY[report] || NO_KEY[by];
  if (/^\d{4}-\d{2}$/.test(r.key)) return month(r.key);
  return r.label ?? r.key;
}

// One block: wait until it shows the answer to its own query, then table = API, CSV = table.
async function checkBlock(id, { split }) {
  const block = t.page.locator(`[data-block="${id}"]`);
  // Settled on the query asked for: the CSV link follows the query at once, the data a moment later.
  const splitLink = 'a.rp-csv[href*="split=level"]';
  await t.page.locator(`[data-block="${id}"]:not([data-state="loading"])${split ? `:has(${splitLink})` : `:not(:has(${splitLink}))`}`).waitFor();
  assert.notEqual(await block.getAttribute('data-state'), 'error', `${id}: ${await block.innerText()}`);
  const href = await block.locator('a.rp-csv').getAttribute('href');
  const url = new URL(href, t.base);
  assert.equal(url.searchParams.get('format'), 'csv');
  assert.equal(url.searchParams.get('split'), split ? 'level' : null, `${id}: the CSV has the split of the screen`);
  url.searchParams.delete('format');
  const report = url.pathname.split('/').pop();
  const by = url.searchParams.get('by');
  const api = contract(await henk.call('GET', url.pathname.replace('/api/v1', '') + url.search));
  const grouped = split && api.rows.some((r) => r.group);

  if (!api.rows.length) {
    assert.equal(await block.getAttribute('data-state'), 'empty');
    await block.getByText('Geen gegevens in deze periode.').waitFor();
  } else {
    assert.equal(await block.getAttribute('data-state'), 'ready');
    const screen = await readTable(block.locator('table'));
    assert.equal(screen.head.length, 1 + (grouped ? 1 : 0) + api.columns.length, `${id}: columns`);
    if (grouped) assert.equal(screen.head[1], 'Niveau');
    assert.equal(screen.rows.length, api.rows.length, `${id}: rows`);
    for (const [i, r] of api.rows.entries()) {
      const s = screen.rows[i];
      assert.equal(s.th, await rowName(report, by, r), `${id} row ${i}: name`);
      const cells = grouped ? s.td.slice(1) : s.td;
      if (grouped) assert.equal(s.td[0], GROUPS[r.group], `${id} row ${i}: level`);
      assert.deepEqual(cells.map(fromScreen), api.columns.map((c) => fromApi(r.values[c.key])), `${id} row ${i}: figures`);
      for (const c of api.columns) {
        const v = r.values[c.key];
        if (c.kind === 'count') assert.ok(v === '<5' || v === 0 || v >= 5, `${id}: a count of ${v} is not withheld`);
      }
    }
    if (api.total) {
      const tot = grouped ? screen.total.slice(1) : screen.total;
      assert.deepEqual(tot.map(fromScreen), api.columns.map((c) => fromApi(api.total[c.key])), `${id}: total`);
    } else assert.equal(screen.total, null);

    // The charts: named, described, and no withheld figure drawn to scale.
    const charts = block.locator('svg[role="img"]');
    assert.ok(await charts.count() >= 1, `${id}: a chart`);
    for (const c of await charts.all()) {
      assert.ok((await c.locator(':scope > title').textContent()).length > 3);
      assert.match(await c.locator(':scope > desc').textContent(), /De tabel bij dit diagram geeft alle cijfers\.$/);
      for (const w of await c.locator('.rp-withheld').all()) assert.equal(await w.getAttribute('width'), '10');
      if (grouped) assert.equal(await c.getAttribute('data-kind'), 'stacked', `${id}: split charts are stacked`);
    }

    // The CSV of this table: same rows, same figures.
    const res = await t.page.request.get(t.base + href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /^text\/csv/);
    const csv = parseCsv(await res.text());
    const fixed = 2 + (grouped ? 1 : 0);
    assert.deepEqual(csv[0].slice(1), ['label', ...(grouped ? ['group'] : []), ...api.columns.map((c) => c.key)], `${id}: CSV header`);
    assert.equal(csv.length, 1 + api.rows.length + (api.total ? 1 : 0), `${id}: CSV lines`);
    for (const [i, s] of screen.rows.entries()) {
      const line = csv[i + 1];
      assert.equal(line[0], api.rows[i].key ?? '', `${id} CSV row ${i}: key`);
      if (grouped) assert.equal(line[2], api.rows[i].group);
      const cells = grouped ? s.td.slice(1) : s.td;
      assert.deepEqual(line.slice(fixed).map(fromCsv), cells.map(fromScreen), `${id} CSV row ${i}: figures as on screen`);
    }
    if (api.total) {
      const last = csv[csv.length - 1];
      assert.equal(last[0], 'total');
      const tot = grouped ? screen.total.slice(1) : screen.total;
      assert.deepEqual(last.slice(fixed).map(fromCsv), tot.map(fromScreen), `${id}: CSV total as on screen`);
    }
  }
  return api;
}

// Time to deployment and reach: their own shapes; screen = API = CSV. With the split, time
// to deployment has a level column and the three lines again per level (answer.groups).
async function checkTimeAndReach({ split }) {
  await t.page.locator('[data-block="rp-time-t"]:not([data-state="loading"])').waitFor();
  await t.page.locator('[data-block="rp-reach-t"]:not([data-state="loading"])').waitFor();
  const href = await t.page.locator('[data-block="rp-time-t"] a.rp-csv').getAttribute('href');
  assert.equal(new URL(href, t.base).searchParams.get('split'), split ? 'level' : null);
  const time = await henk.call('GET', '/reports/time-to-match' + (split ? '?split=level' : ''));
  const screen = await readTable(t.page.locator('table.rp-time'));
  const csv = parseCsv(await (await t.page.request.get(t.base + href)).text());
  assert.deepEqual(csv[0], [...(split ? ['group'] : []), 'figure', 'requests', 'median_days', 'p90_days']);
  const norm = (s) => (s === 'niet getoond (minder dan 5)' ? null : s === '' ? null : s);
  const parts = [[null, time], ...(split ? time.groups.map((g) => [g.group, g]) : [])];
  assert.ok(!split || time.groups.length >= 1, 'time to match splits');
  assert.equal(screen.rows.length, 3 * parts.length);
  assert.equal(csv.length, 1 + 3 * parts.length);
  for (const [p, [group, f]] of parts.entries()) {
    const want = [[String(f.requests), null, null],
      ...['to_assignment', 'to_first_contact'].map((k) => [String(f[k + '_days'].n), fromApi(f[k + '_days'].median), fromApi(f[k + '_days'].p90)])];
    for (const [i, w] of want.entries()) {
      const s = screen.rows[3 * p + i];
      const line = csv[1 + 3 * p + i];
      if (split) {
        assert.equal(s.td[0], group ? GROUPS[group] : 'Alle niveaus');
        assert.equal(line[0], group ?? '');
      }
      assert.deepEqual(s.td.slice(split ? 1 : 0).map(norm), w, `time ${group} ${i}`);
      assert.equal(line[split ? 1 : 0], ['requests', 'to_assignment', 'to_first_contact'][i]);
      assert.deepEqual(line.slice(split ? 2 : 1).map(fromCsv), w, `time ${group} ${i} (CSV)`);
    }
  }
  const reach = await henk.call('GET', '/reports/reach');
  const rr = await t.page.locator('table.rp-reach tbody td').allInnerTexts();
  const rcsv = parseCsv(await (await t.page.request.get(t.base + await t.page.locator('[data-block="rp-reach-t"] a.rp-csv').getAttribute('href'))).text());
  assert.deepEqual(rcsv[0], ['generalists', 'reached', 'share']);
  const want = [String(reach.generalists), String(reach.reached), fromApi(reach.share)];
  assert.deepEqual(rr.map((s) => (s.startsWith('niet getoond') ? null : s.replace(',', '.'))), want);
  assert.deepEqual(rcsv[1].map(fromCsv), want);
}

test('every section shows the API figures; every CSV link has the figures on screen', async () => {
  await t.login('henk@peerdesk.test');
  await t.goto('/reports');
  await t.page.getByRole('heading', { level: 1, name: 'Overzichten' }).waitFor();
  // The table of contents: one link per section, each to a section that is there.
  const toc = t.page.getByRole('navigation', { name: 'Op deze pagina' });
  const links = await toc.getByRole('link').all();
  assert.deepEqual(await Promise.all(links.map((l) => l.getAttribute('href'))), SECTIONS.map((s) => '#' + s));
  for (const s of SECTIONS) assert.equal(await t.page.locator(`section#${s} h2`).count(), 1, s);
  let withData = 0;
  for (const id of BLOCKS) if ((await checkBlock(id, { split: false })).rows.length) withData += 1;
  assert.ok(withData >= 5, `the demo data fills most sections (${withData} of ${BLOCKS.length})`);
  await checkTimeAndReach({ split: false });
  // A vocabulary row by its Dutch label: the themes per experience area.
  const themes = await henk.call('GET', '/reports/themes?vocab=experience_area');
  if (themes.rows.length) {
    const label = await vocabLabel('experience_area', themes.rows[0].key);
    await t.page.locator('table[data-report="themes"] tbody th', { hasText: label }).first().waitFor();
  }
  await t.axe('dashboard');
});

test('the level split repeats the rows per level, on screen and in the CSV, and is kept in the address', async () => {
  const before = await t.page.locator('[data-block="rp-mix-t"] table thead th').allInnerTexts();
  await t.page.getByLabel('Uitsplitsen naar niveau (MBO/HBO)').check();
  assert.match(t.page.url(), /\/reports\?split=level$/);
  let grouped = 0;
  for (const id of BLOCKS) {
    const api = await checkBlock(id, { split: true });
    if (api.rows.some((r) => r.group)) grouped += 1;
  }
  assert.ok(grouped >= 5, `most reports split by level (${grouped})`);
  await checkTimeAndReach({ split: true });
  const after = await t.page.locator('[data-block="rp-mix-t"] table thead th').allInnerTexts();
  assert.notDeepEqual(after, before);
  await t.page.getByText('Niet uit te splitsen naar niveau: generalisten hebben geen niveau.').waitFor();
  await t.axe('dashboard-split');
  // Reloaded, the address keeps the split.
  await t.page.reload();
  assert.equal(await t.page.getByLabel('Uitsplitsen naar niveau (MBO/HBO)').isChecked(), true);
  await checkBlock('rp-mix-t', { split: true });
  await t.page.getByLabel('Uitsplitsen naar niveau (MBO/HBO)').uncheck();
  await checkBlock('rp-mix-t', { split: false });
});

test('a period without data says so; a failing report says so and can be retried', async () => {
  // An end before the start is said at the field and not asked of the server.
  await t.page.getByLabel('Van', { exact: true }).fill('2001-12-31');
  await t.page.getByLabel('Tot en met', { exact: true }).fill('2001-01-01');
  await t.page.getByRole('button', { name: 'Toon' }).click();
  await t.page.getByText('De einddatum ligt vóór de begindatum.').waitFor();
  assert.equal(new URL(await t.page.locator('[data-block="rp-mix-t"] a.rp-csv').getAttribute('href'), t.base).searchParams.get('from'), null);
  await t.page.getByLabel('Van', { exact: true }).fill('2001-01-01');
  await t.page.getByLabel('Tot en met', { exact: true }).fill('2001-12-31');
  await t.page.getByRole('button', { name: 'Toon' }).click();
  await t.page.getByText('Periode: 1 januari 2001 tot en met 31 december 2001').waitFor();
  assert.equal(await t.page.getByText('De einddatum ligt vóór de begindatum.').count(), 0);
  assert.match(t.page.url(), /\/reports\?from=2001-01-01&to=2001-12-31$/);
  for (const id of ['rp-req-t', 'rp-mix-t', 'rp-themes-t', 'rp-closures-t', 'rp-referrals-t']) {
    const api = await checkBlock(id, { split: false });
    assert.equal(api.period.from, '2001-01-01');
    assert.equal(api.rows.length, 0, id);
  }
  await t.goto('/reports');
  let fail = true;
  await t.page.route(/\/api\/v1\/reports\/referrals(\?|$)/, (r) => (fail
    ? r.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ status: 500, title: 'Interne fout', detail: 'Interne fout' }) })
    : r.continue()));
  await t.page.reload();
  const block = t.page.locator('[data-block="rp-referrals-t"]');
  await block.getByRole('alert').waitFor();
  assert.equal(await block.getAttribute('data-state'), 'error');
  await checkBlock('rp-mix-t', { split: false }); // the other sections stand
  fail = false;
  await block.getByRole('button', { name: 'Opnieuw proberen' }).click();
  // The click re-renders on the next frame: until then the block still says "error", so wait
  // for it to have left that state before reading it.
  await t.page.locator('[data-block="rp-referrals-t"]:not([data-state="error"]):not([data-state="loading"])').waitFor();
  await checkBlock('rp-referrals-t', { split: false });
  await t.page.unroute(/\/api\/v1\/reports\/referrals(\?|$)/);
  t.problems.length = 0; // the 500 above was the point
});

test('in English: headings, columns and the vocabulary labels in English', async () => {
  await t.page.getByRole('button', { name: 'Switch to English' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await t.page.getByRole('heading', { level: 2, name: 'Themes and unmet demand' }).waitFor();
  const themes = await henk.call('GET', '/reports/themes?vocab=experience_area');
  const table = t.page.locator('table[data-report="themes"]');
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Experience area', 'Requests', 'Assigned', 'Unmet']);
  if (themes.rows.length) {
    const v = vocabs.get('experience_area') || await henk.call('GET', '/vocabularies/experience_area');
    const en = v.codes.find((c) => c.code === themes.rows[0].key).label_en;
    assert.equal((await table.locator('tbody th').first().innerText()).trim(), en);
    const chart = t.page.getByRole('img', { name: 'Themes and unmet demand: experience area' });
    assert.match(await chart.locator(':scope > desc').textContent(), /^Bar chart: \d+ rows\./);
  }
  await t.page.getByRole('button', { name: 'Wissel naar Nederlands' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Overzichten' }).waitFor();
});

test('at 320 px: nothing scrolls sideways, the charts fit, axe is clean (split too)', async () => {
  const n = await start({ name: 'reports-dashboard-320', viewport: { width: 320, height: 700 } });
  try {
    await n.login('henk@peerdesk.test');
    for (const path of ['/reports', '/reports?split=level']) {
      await n.goto(path);
      for (const id of BLOCKS) await n.page.locator(`[data-block="${id}"]:not([data-state="loading"])`).waitFor();
      // Charts are drawn again at the width they get, once measured.
      await n.page.waitForFunction(() => [...document.querySelectorAll('svg.rp-chart')]
        .every((s) => Number(s.getAttribute('width')) <= s.parentElement.clientWidth));
      const over = await n.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(over <= 0, `${path}: the page is ${over}px wider than 320 px`);
      for (const svg of await n.page.locator('svg[role="img"]').all()) {
        assert.ok(Number(await svg.getAttribute('width')) <= 320, 'a chart fits');
        assert.ok(await svg.locator('text.rp-label').count() === 0 || await svg.locator('text.rp-label').first().getAttribute('text-anchor') === 'start',
          'labels above the bars');
      }
      await n.shot(path === '/reports' ? 'dashboard-320' : 'dashboard-split-320');
      await n.axe(path === '/reports' ? 'dashboard-320' : 'dashboard-split-320');
    }
  } finally {
    await n.stop();
  }
});
