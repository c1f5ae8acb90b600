// 20-request: practice.md §2.3 steps 1-4 in the browser. Sanne (generalist) registers a
// client and asks for an experience expert with the inzetverzoek form (a missing reason
// shows the field error); Marieke (coordinator) finds the request in the expert-team queue,
// takes it into review, reads the ranked experts with the reason for every point and the
// areas nobody covers, and assigns the top expert with one click after confirming; that
// expert can then open the dossier, and Sanne sees the decision. axe on every screen,
// screenshots at 1280 and 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, expectText } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const QUESTION = 'Cliënt heeft veel angst, voelt zich buitengesloten en we lopen vast. Wie kan met mij aansluiten?';

let t;
let dossierId;
let requestId;
let expertName;
const code = 'E2E-RQ-' + String(Date.now()).slice(-6);

before(async () => { t = await start({ name: 'request' }); });
after(async () => { await t.stop(); });

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 700 });
  await t.page.waitForTimeout(100);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label}: page is ${overflow}px wider than 320 px`);
}

// A call from inside the page, with the session cookie and the CSRF token from localStorage.
function inPage(method, path, body) {
  return t.page.evaluate(async ([m, p, b]) => {
    const headers = { Accept: 'application/json' };
    if (b) headers['Content-Type'] = 'application/json';
    if (m !== 'GET') headers['X-CSRF-Token'] = localStorage.getItem('pd.csrf') || '';
    const r = await fetch('/api/v1' + p, { method: m, headers, body: b ? JSON.stringify(b) : undefined });
    let json = null;
    try { json = await r.json(); } catch { /* empty */ }
    return { status: r.status, json };
  }, [method, path, body || null]);
}

test('sanne asks for an experience expert; a missing reason is named', async () => {
  await t.login('sanne@peerdesk.test');
  const mine = await inPage('GET', '/dossiers?limit=1');
  const areaId = mine.json.items[0] && mine.json.items[0].area_id;
  const made = await inPage('POST', '/clients', { code, goal_type: 'progress', area_id: areaId || null });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  dossierId = made.json.dossier.id;

  await t.goto(`/dossiers/${dossierId}/request`);
  await t.page.getByRole('heading', { level: 1, name: 'Inzetverzoek' }).waitFor();
  await expectText(t.page, `Voor cliënt ${code}`);
  await t.axe('request-form');
  await t.shot('request-form');
  await narrow('request-form');

  const p = t.page;
  await p.getByRole('group', { name: /Welke ervaring is nodig/ }).getByRole('checkbox', { name: 'Angst', exact: true }).check();
  await p.getByRole('group', { name: /Welke ervaring is nodig/ }).getByRole('checkbox', { name: 'Psychose', exact: true }).check();
  await p.getByRole('group', { name: /algemene thema/ }).getByRole('checkbox', { name: 'Uitsluiting', exact: true }).check();
  await p.getByRole('radio', { name: 'Specifieke ervaring met de diagnose' }).check();
  await p.getByRole('radio', { name: /^Vastgelopen/ }).check();
  await p.getByLabel(/^Korte vraag aan het expertteam/).fill(QUESTION);
  await expectText(p, `Nog ${2000 - QUESTION.length} van 2000 tekens`);
  await p.getByLabel(/^Hoe kwam het verzoek tot stand/).selectOption({ label: 'Telefoon' });
  await p.getByRole('checkbox', { name: 'De cliënt is geïnformeerd over dit verzoek' }).check();

  // No reason chosen: the form names the field, nothing is sent.
  await p.getByRole('button', { name: 'Inzetverzoek versturen' }).click();
  await expectText(p, 'Controleer deze velden:');
  await p.locator('#f-reasons .field-error', { hasText: 'Kies minstens één reden.' }).waitFor();
  assert.match(p.url(), /\/request$/);
  await t.shot('request-form-error');

  await p.getByRole('group', { name: /Waarom een ervaringsdeskundige/ })
    .getByRole('checkbox', { name: 'Cliënt of generalist loopt vast' }).check();
  await p.getByRole('button', { name: 'Inzetverzoek versturen' }).click();
  await p.waitForURL(/\/requests\/[0-9a-f-]{36}/);
  requestId = p.url().match(/\/requests\/([0-9a-f-]{36})/)[1];
  await expectText(p, 'Uw inzetverzoek is verstuurd naar het expertteam.');

  // Saved: after a reload the request is still there, with its question and labels.
  await p.reload();
  await p.getByRole('heading', { level: 1, name: 'Inzetverzoek' }).waitFor();
  await expectText(p, QUESTION);
  await expectText(p, 'Cliënt of generalist loopt vast');
  await expectText(p, 'Ingediend door u');
  await p.locator('.rq-state .badge', { hasText: 'Nieuw' }).waitFor();
  await t.axe('request-requester');
  await t.shot('request-requester');
  await narrow('request-requester');

  // One open request per dossier: the form points to the open one instead.
  await t.goto(`/dossiers/${dossierId}/request`);
  await expectText(p, 'Voor dit dossier loopt al een inzetverzoek.');
  await p.getByRole('link', { name: 'Bekijk het lopende verzoek' }).click();
  await p.waitForURL(new RegExp(requestId));
});

test('marieke sees it in the queue, reviews it and assigns the top expert', async () => {
  const p = t.page;
  await t.logout();
  await t.login('marieke@peerdesk.test');
  await p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wachtrij expertteam' }).click();
  await p.getByRole('heading', { level: 1, name: 'Wachtrij expertteam' }).waitFor();
  await p.locator('.rq-queue > li').first().waitFor();
  await t.axe('queue');
  await t.shot('queue');
  await narrow('queue');

  await p.getByRole('navigation', { name: 'Welke verzoeken' }).getByRole('link', { name: 'Nieuw' }).click();
  await p.waitForURL(/status=new/);
  const row = p.locator('.rq-queue > li', { hasText: 'vandaag ingediend' });
  await row.first().waitFor();
  assert.equal(await row.count(), 1, 'one request submitted today');
  await expectText(row, 'Cliënt of generalist loopt vast');
  await expectText(row, 'Psychose');
  await expectText(row, 'Vastgelopen');
  await row.getByRole('link').click();
  await p.waitForURL(new RegExp('/requests/' + requestId));
  await expectText(p, 'zonder naam, gegevens of vraag van de cliënt');
  assert.equal(await p.getByText(QUESTION).count(), 0, 'the coordinator never sees the question');

  await p.getByRole('button', { name: 'In behandeling nemen' }).click();
  await p.getByRole('heading', { name: 'Voorstel: passende ervaringsdeskundigen' }).waitFor();
  await p.locator('.rq-state .badge', { hasText: 'In behandeling' }).waitFor();
  await expectText(p, /Dit is een voorstel van peerdesk.*U beslist zelf/);
  await expectText(p, /Geen ervaringsdeskundige met: .*Psychose/);
  const first = p.locator('.rq-matches > li').first();
  await expectText(first, /\d+ punten/);
  await expectText(first, /Specifieke ervaring: .*Angst/);
  await expectText(first, /Algemene thema's: /);
  await expectText(first, /Caseload: /);
  await expectText(first, /Eerdere samenwerking: /);
  await expectText(first, /^(Beschikbaar|Niet beschikbaar)$/);
  await t.axe('request-match');
  await t.shot('request-match');
  await narrow('request-match');

  const button = first.getByRole('button', { name: /^Toewijzen aan / });
  expertName = (await button.innerText()).replace(/^Toewijzen aan /, '').trim();
  await button.click();
  const dialog = p.getByRole('dialog', { name: `Toewijzen aan ${expertName}?` });
  await dialog.waitFor();
  await t.shot('request-assign-confirm');
  await dialog.getByRole('button', { name: 'Ja, toewijzen' }).click();
  await p.getByRole('heading', { name: 'Besluit vastgelegd' }).waitFor();
  await expectText(p, `Toegewezen aan ${expertName}.`);
  await p.locator('.rq-state .badge', { hasText: 'Toegewezen' }).waitFor();
  await t.shot('request-assigned');
});

test('the assigned expert can open the dossier', async () => {
  const p = t.page;
  const email = expertName.split(' ')[0].toLowerCase() + '@peerdesk.test';
  if (email !== 'marieke@peerdesk.test') {
    await t.logout();
    await t.login(email);
  }
  await t.goto(`/dossiers/${dossierId}`);
  const r = await inPage('GET', `/dossiers/${dossierId}`);
  assert.equal(r.status, 200, `${email} reads the dossier`);
  assert.equal(r.json.client_code, code);
  if (existsSync(resolve(here, '../../web/screens/dossier.js'))) await expectText(p, code, { timeout: 10000 });

  await t.goto(`/requests/${requestId}`);
  await expectText(p, QUESTION);
  await expectText(p, `Besluit: toegewezen aan ${expertName}.`);
  await t.shot('request-expert');
});

test('sanne sees the decision on her request', async () => {
  const p = t.page;
  await t.logout();
  await t.login('sanne@peerdesk.test');
  await t.goto(`/requests/${requestId}`);
  await expectText(p, `Besluit: toegewezen aan ${expertName}.`);
  await p.getByRole('link', { name: 'Naar het dossier' }).first().waitFor();
  await t.shot('request-decided-requester');
});

test('no script errors', () => {
  assert.deepEqual(t.problems.filter((x) => !/favicon|404|401/.test(x)), []);
});
