// 50-xss: a corpus of script-injection payloads (xss-corpus.json) stored in every free-text
// field a worker can fill (client name and contact, request question, decision note, notes,
// evaluation summary, referral and closing notes, consultation and case-discussion
// summaries, break-the-glass reason, worker/team/area names, vocabulary labels), then every
// screen that shows them is opened. The screens are opened in a context that BYPASSES our
// CSP, so what is tested is that the UI only ever makes text, not that the CSP catches it;
// then once more under the CSP. Passes when no payload ran: window.__xss stays unset, no
// dialog opened, and the payloads are visible as text. The last test types payloads into
// the forms by hand as well.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, apiAs } from './lib.mjs';

const corpus = JSON.parse(readFileSync(new URL('./xss-corpus.json', import.meta.url), 'utf8'));
const P = (i) => `XSS${i} ${corpus[i % corpus.length]}`;
const today = new Date().toISOString().slice(0, 10);

let t;
const ids = {};
before(async () => {
  t = await start({ name: 'xss' });
  const sanne = await apiAs(t.base, 'sanne@peerdesk.test');
  const marieke = await apiAs(t.base, 'marieke@peerdesk.test');
  const youssef = await apiAs(t.base, 'youssef@peerdesk.test');
  const anouk = await apiAs(t.base, 'anouk@peerdesk.test');
  const joost = await apiAs(t.base, 'joost@peerdesk.test');

  const c = await sanne.call('POST', '/clients', { code: 'XSS-0001', name: P(1), contact: P(2), birth_year: 1985, goal_type: 'progress' });
  ids.client = c.client.id; ids.dossier = c.dossier.id;
  const rq = await sanne.call('POST', `/dossiers/${ids.dossier}/requests`, {
    reasons: ['stuck'], areas: ['debt'], themes: ['loneliness'], match_basis: 'specific_diagnosis', phase: 'stuck',
    channel: 'phone', question: P(3), client_informed: true, client_informed_on: today,
  });
  ids.request = rq.id;
  const rv = await marieke.call('POST', `/requests/${rq.id}/review`, undefined, { version: rq.version });
  ids.request2 = (await sanne.call('POST', `/dossiers/${(await sanne.call('POST', '/clients', { code: 'XSS-0002', birth_year: 1990, goal_type: 'stabilise' })).dossier.id}/requests`, {
    reasons: ['stuck'], areas: ['debt'], themes: ['loneliness'], match_basis: 'specific_diagnosis', phase: 'early',
    channel: 'phone', question: P(4), client_informed: true, client_informed_on: today,
  })).id;
  await marieke.call('POST', `/requests/${rq.id}/decision`, {
    outcome: 'assigned', expert_id: youssef.user.id, start_on: today, pattern: 'joint_2x_week', agreed_on: today, note: P(5),
  }, { version: rv.version });
  for (let i = 0; i < corpus.length; i++) {
    await (i % 2 ? youssef : sanne).call('POST', `/dossiers/${ids.dossier}/notes`, {
      kind: 'visit', contact_on: today, minutes: 30, body: P(i), activities: [], approaches: [],
    });
  }
  const ev = await sanne.call('POST', `/dossiers/${ids.dossier}/evaluations`, { planned_on: today });
  await sanne.call('PATCH', `/dossiers/${ids.dossier}/evaluations/${ev.id}`, { held_on: today, summary: P(6) }, { version: ev.version });
  await sanne.call('POST', `/dossiers/${ids.dossier}/referrals`, { service: 'debt_counselling', referred_on: today, accompanied: true, note: P(7) });
  await youssef.call('POST', '/consultations', { channel: 'corridor', theme: 'loneliness', summary: P(8), response: 'advice' });
  const teams = await anouk.call('GET', '/teams');
  const ted = teams.items.find((x) => x.kind === 'expert_team');
  await youssef.call('POST', '/case-discussions', {
    held_on: today, team_id: ted.id, presenter_id: sanne.user.id, outcome: 'advice', summary: P(9), expert_ids: [youssef.user.id],
  });
  await joost.call('POST', '/break-glass', { client_id: ids.client, reason: 'Nood, niemand bereikbaar: ' + P(10), password: 'ervaring-telt', minutes: 5 });
  await anouk.call('POST', '/areas', { kind: 'wijk', name: P(11).slice(0, 80) });
  await anouk.call('POST', '/teams', { kind: 'neighbourhood_team', name: P(12).slice(0, 80) });
  await anouk.call('POST', '/users', { email: 'xss.worker@peerdesk.test', name: P(13).slice(0, 100), roles: ['generalist'], password: 'een lang wachtwoord voor de test' });
  await anouk.call('POST', '/vocabularies/generic_theme', { code: 'xss_theme', label_nl: P(14).slice(0, 100), label_en: P(15).slice(0, 100) });
});
after(async () => { await t.stop(); });

async function visit(ctx, paths, label) {
  const page = await ctx.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const seen = [];
  for (const path of paths) {
    await page.goto(t.base + path);
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('.loading, .boot'), null, { timeout: 10000 }).catch(() => {});
    const ran = await page.evaluate(() => window.__xss || 0);
    assert.equal(ran, 0, `a payload ran on ${path} (${label})`);
    const text = await page.locator('body').innerText();
    if (/XSS\d+/.test(text)) seen.push(path);
  }
  assert.deepEqual(dialogs, [], `dialogs opened (${label})`);
  await page.close();
  return seen;
}

async function as(email, paths, { bypassCSP }) {
  const ctx = await t.browser.newContext({ bypassCSP, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(t.base + '/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel(/^Wachtwoord/).fill('ervaring-telt');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('navigation', { name: /^(Hoofdmenu|Main menu)$/ }).waitFor();
  await page.close();
  try { return await visit(ctx, paths, `${email}, CSP ${bypassCSP ? 'bypassed' : 'enforced'}`); } finally { await ctx.close(); }
}

for (const bypassCSP of [true, false]) {
  const mode = bypassCSP ? 'without the CSP' : 'under the CSP';
  test(`the generalist's screens show the payloads as text ${mode}`, async () => {
    const seen = await as('sanne@peerdesk.test', ['/', `/dossiers/${ids.dossier}`, `/requests/${ids.request}`, '/search?q=XSS3'], { bypassCSP });
    assert.ok(seen.includes(`/dossiers/${ids.dossier}`), 'the dossier shows the payloads as text');
  });
  test(`the coordinator's screens ${mode}`, async () => {
    await as('marieke@peerdesk.test', ['/queue', `/requests/${ids.request2}`, '/consult'], { bypassCSP });
  });
  test(`the expert's screens ${mode}`, async () => {
    const seen = await as('youssef@peerdesk.test', ['/', `/dossiers/${ids.dossier}`, '/consult', '/profile'], { bypassCSP });
    assert.ok(seen.includes('/consult'), 'the consultation list shows the payload as text');
  });
  test(`the admin's screens ${mode}`, async () => {
    await as('anouk@peerdesk.test', ['/admin', '/admin?tab=teams', '/admin?tab=areas', '/admin?tab=vocabularies'], { bypassCSP });
  });
  test(`the privacy officer's screens ${mode}`, async () => {
    await as('eva@peerdesk.test', ['/privacy', '/privacy?tab=audit', '/privacy?tab=report'], { bypassCSP });
  });
}

// The same corpus typed by hand into the forms (not through the API): a new client's name
// and contact, then notes, each saved and shown back, with the CSP bypassed.
test('payloads typed into the forms stay text', async () => {
  const ctx = await t.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  try {
    await page.goto(t.base + '/');
    await page.getByLabel('E-mailadres').fill('sanne@peerdesk.test');
    await page.getByLabel(/^Wachtwoord/).fill('ervaring-telt');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('link', { name: 'Nieuwe cliënt aanmelden' }).click();
    await page.getByLabel(/^Cliëntcode/).fill('XSS-TYPED');
    await page.getByLabel(/^Vooruitgang/).check();
    await page.getByLabel(/^Naam/).fill(corpus[1]);
    await page.getByLabel(/^Contactgegevens/).fill(corpus[2]);
    await page.getByRole('button', { name: 'Cliënt aanmelden en dossier openen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossier XSS-TYPED' }).waitFor();
    await page.getByText(corpus[1]).first().waitFor();
    for (const payload of corpus.slice(0, 8)) {
      await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
      await page.getByLabel(/^Soort contact/).selectOption({ label: 'Huisbezoek' });
      await page.getByRole('textbox', { name: /^Notitie/ }).fill(payload);
      await page.getByRole('button', { name: 'Notitie opslaan' }).click();
      await page.getByText('Notitie opgeslagen.').waitFor();
    }
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dossier XSS-TYPED' }).waitFor();
    await page.locator('.timeline .body', { hasText: corpus[0] }).first().waitFor();
    assert.equal(await page.evaluate(() => window.__xss || 0), 0, 'no typed payload ran');
    assert.deepEqual(dialogs, []);
  } finally {
    await ctx.close();
  }
});
