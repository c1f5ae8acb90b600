// 40-admin-privacy: anouk (administrator) adds a worker who is both generalist and
// experience expert, finds them in the list, renames them, and disables them after a
// confirmation that says their sessions end; a duplicate email and a missing role name the
// field; her own account cannot be disabled (the server's 409 shows at the field); a stale
// edit shows both versions. She puts a worker in a team and takes them out again, adds a
// wijk, adds a code to a vocabulary and deactivates it. Eva (privacy officer) reads the
// audit log and filters it by event; a generalist breaks the glass (in a second browser
// context, through the API), eva reviews the grant and it leaves the queue, and the client's
// access report flags the break-the-glass read. axe and screenshots (also 320 px) on every tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, expectText, apiAs, PASSWORD } from './lib.mjs';

let t;
before(async () => { t = await start({ name: 'admin' }); });
after(async () => { await t.stop(); });

const NEW_EMAIL = 'aaron.nieuw@peerdesk.test';

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than a 320 px screen`);
}

async function tab(name) {
  await t.page.getByRole('navigation', { name: /Onderdelen van/ }).getByRole('link', { name, exact: true }).click();
  await t.page.waitForFunction((n) => {
    const a = document.querySelector('.tabs a[aria-current="page"]');
    return a && a.textContent === n && !document.querySelector('.loading');
  }, name);
}

const row = (text) => t.page.locator('tbody tr').filter({ hasText: text });

test('anouk adds a worker with two roles and sees them in the list', async () => {
  await t.login('anouk@peerdesk.test'); // an administrator starts at /admin
  await t.page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
  await t.page.locator('.tabs a[aria-current="page"]', { hasText: 'Medewerkers' }).waitFor();
  await row('anouk@peerdesk.test').waitFor();
  await t.axe('admin-users');
  await t.shot('admin-users');

  const form = t.page.locator('form', { has: t.page.getByRole('heading', { name: 'Medewerker toevoegen' }) });
  await form.getByLabel(/^E-mailadres/).fill(NEW_EMAIL);
  await form.getByLabel(/^Naam/).fill('Aaron Nieuw');
  await form.getByRole('checkbox', { name: 'generalist' }).check();
  await form.getByRole('checkbox', { name: 'ervaringsdeskundige' }).check();
  await form.getByLabel(/^Eerste wachtwoord/).fill('een-vers-begin-2026');
  await form.getByRole('button', { name: 'Medewerker toevoegen' }).click();
  await expectText(t.page, 'Aaron Nieuw is toegevoegd.');
  await row(NEW_EMAIL).getByText('generalist, ervaringsdeskundige').waitFor();
  // the form is empty again
  assert.equal(await form.getByLabel(/^E-mailadres/).inputValue(), '');

  await t.page.reload();
  await row(NEW_EMAIL).getByText('generalist, ervaringsdeskundige').waitFor();
  await row(NEW_EMAIL).getByText('Actief').waitFor();
});

test('a duplicate email and a missing role name the field', async () => {
  const form = t.page.locator('form', { has: t.page.getByRole('heading', { name: 'Medewerker toevoegen' }) });
  await form.getByLabel(/^E-mailadres/).fill('sanne@peerdesk.test');
  await form.getByLabel(/^Naam/).fill('Sanne nog een keer');
  await form.getByRole('checkbox', { name: 'coach' }).check();
  await form.getByLabel(/^Eerste wachtwoord/).fill('een-vers-begin-2026');
  await form.getByRole('button', { name: 'Medewerker toevoegen' }).click();
  await t.page.locator('#f-email-err').getByText('Er is al een medewerker met dit e-mailadres.').waitFor();
  await t.page.locator('.error-summary').getByRole('link', { name: 'E-mailadres' }).waitFor();
  assert.equal(await t.page.locator('#f-email').getAttribute('aria-invalid'), 'true');
  await t.shot('admin-users-duplicate');

  await form.getByLabel(/^E-mailadres/).fill('nog.iemand@peerdesk.test');
  await form.getByRole('checkbox', { name: 'coach' }).uncheck();
  await form.getByRole('button', { name: 'Medewerker toevoegen' }).click();
  await t.page.locator('#f-roles .field-error').waitFor();
  await t.page.locator('.error-summary').getByRole('link', { name: 'Rollen' }).waitFor();
  await t.axe('admin-users-errors');
});

test('anouk renames the worker, then disables them after confirming', async () => {
  await t.goto('/admin?tab=users');
  await row(NEW_EMAIL).getByRole('link', { name: 'Aaron Nieuw' }).click();
  await t.page.getByRole('heading', { name: 'Gegevens van Aaron Nieuw wijzigen' }).waitFor();
  await t.axe('admin-user-edit');
  await t.page.getByLabel(/^Naam/).fill('Aaron Nieuwenhuis');
  await t.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await t.page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
  await t.page.reload();
  await t.page.getByRole('heading', { name: 'Gegevens van Aaron Nieuwenhuis wijzigen' }).waitFor();
  assert.equal(await t.page.getByLabel(/^Naam/).inputValue(), 'Aaron Nieuwenhuis');
  assert.ok(await t.page.getByRole('checkbox', { name: 'ervaringsdeskundige' }).isChecked());

  // disabling asks first and says the sessions end; cancelling changes nothing
  await t.page.getByRole('radio', { name: /^Uitgeschakeld/ }).check();
  await t.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  const dialog = t.page.getByRole('dialog', { name: 'Aaron Nieuwenhuis uitschakelen?' });
  await dialog.getByText(/Alle sessies van Aaron Nieuwenhuis eindigen direct/).waitFor();
  await t.shot('admin-user-disable-confirm');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await dialog.waitFor({ state: 'detached' });
  await t.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await dialog.getByRole('button', { name: 'Uitschakelen' }).click();
  await t.page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
  await t.page.locator('.adm-facts').getByText('Uitgeschakeld').waitFor();

  await t.goto('/admin?tab=users');
  await row(NEW_EMAIL).getByText('Uitgeschakeld').waitFor();
  await row(NEW_EMAIL).getByRole('link', { name: 'Aaron Nieuwenhuis' }).waitFor();
  // the disabled worker cannot log in
  const r = await fetch(t.base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: NEW_EMAIL, password: 'een-vers-begin-2026' }) });
  assert.ok(r.status >= 400, 'a disabled worker logs in: ' + r.status);
});

test('anouk cannot disable herself: the server says so at the field', async () => {
  await t.goto('/admin?tab=users');
  await row('anouk@peerdesk.test').getByRole('link', { name: 'Anouk Verbeek' }).click();
  await t.page.getByRole('heading', { name: /Gegevens van Anouk Verbeek wijzigen \(uzelf\)/ }).waitFor();
  await t.page.getByRole('radio', { name: /^Uitgeschakeld/ }).check();
  await t.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await t.page.getByRole('dialog').getByRole('button', { name: 'Uitschakelen' }).click();
  await t.page.locator('#f-status').getByText('U kunt uw eigen account niet uitschakelen.').waitFor();
  await t.page.locator('.error-summary').getByRole('link', { name: 'Account' }).waitFor();
});

test('a stale edit shows both versions and keeps what was typed', async () => {
  const anouk = await apiAs(t.base, 'anouk@peerdesk.test');
  const users = await anouk.call('GET', '/users?limit=200');
  const joost = users.items.find((u) => u.email === 'joost@peerdesk.test');
  await t.goto('/admin?tab=users&user=' + joost.id);
  await t.page.getByRole('heading', { name: 'Gegevens van Joost Bakker wijzigen' }).waitFor();
  const cur = await anouk.call('GET', '/users/' + joost.id);
  await anouk.call('PATCH', '/users/' + joost.id, { name: 'Joost B.' }, { version: cur.version });
  await t.page.getByLabel(/^Naam/).fill('Joost Bakker-de Wit');
  await t.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  const conflict = t.page.locator('.conflict');
  await conflict.getByText('Iemand anders heeft dit intussen gewijzigd').waitFor();
  await conflict.getByText('Joost B.', { exact: true }).waitFor();
  assert.equal(await t.page.getByLabel(/^Naam/).inputValue(), 'Joost Bakker-de Wit');
  await t.shot('admin-user-conflict');
  await conflict.getByRole('button', { name: 'Mijn versie opslaan' }).click();
  await t.page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
  const after = await anouk.call('GET', '/users/' + joost.id);
  assert.equal(after.name, 'Joost Bakker-de Wit');
});

test('teams: add a member, take them out after confirming', async () => {
  await t.goto('/admin');
  await tab('Teams');
  await row('Team Ervaringsdeskundigen').waitFor();
  await t.axe('admin-teams');
  await t.shot('admin-teams');
  await row('Team Ervaringsdeskundigen').getByRole('link').click();
  await t.page.getByRole('heading', { name: 'Leden van Team Ervaringsdeskundigen' }).waitFor();
  const sel = t.page.getByLabel(/^Medewerker/);
  await t.page.waitForFunction(() => document.querySelectorAll('#f-member option').length > 2);
  const opt = await sel.locator('option', { hasText: 'Lotte Visser' }).getAttribute('value');
  await sel.selectOption(opt);
  await t.page.getByRole('button', { name: 'Aan team toevoegen' }).click();
  await expectText(t.page, 'Lotte Visser is toegevoegd aan het team.');
  const member = t.page.locator('.adm-members li', { hasText: 'Lotte Visser' });
  await member.waitFor();
  await t.axe('admin-team-members');
  await t.shot('admin-team-members');
  await member.getByRole('button', { name: 'Uit team halen: Lotte Visser' }).click();
  const dialog = t.page.getByRole('dialog', { name: 'Lotte Visser uit Team Ervaringsdeskundigen halen?' });
  await dialog.getByRole('button', { name: 'Uit team halen' }).click();
  await expectText(t.page, 'Lotte Visser is uit het team gehaald.');
  await member.waitFor({ state: 'detached' });
  await t.page.reload();
  await t.page.getByRole('heading', { name: 'Leden van Team Ervaringsdeskundigen' }).waitFor();
  await t.page.locator('.adm-members li', { hasText: 'Marieke de Vries' }).waitFor();
  assert.equal(await t.page.locator('.adm-members li', { hasText: 'Lotte Visser' }).count(), 0);
});

test('areas: add a wijk under a cluster', async () => {
  await t.goto('/admin');
  await tab('Gebieden');
  await t.page.locator('.adm-tree').getByText('Noord', { exact: true }).waitFor();
  await t.axe('admin-areas');
  await t.page.getByLabel(/^Soort gebied/).selectOption('wijk');
  await t.page.getByLabel(/^Naam/).fill('Overvecht-Noord');
  await t.page.getByLabel(/^Ligt in/).selectOption({ label: 'Noord' });
  await t.page.getByRole('button', { name: 'Gebied toevoegen' }).click();
  await expectText(t.page, 'Overvecht-Noord is toegevoegd.');
  await t.page.reload();
  const noord = t.page.locator('.adm-tree li', { has: t.page.getByText('Noord', { exact: true }) }).first();
  await noord.getByText('Overvecht-Noord').waitFor();
  await t.shot('admin-areas');
});

test('vocabularies: add a code, then deactivate it', async () => {
  await t.goto('/admin');
  await tab('Vocabulaires');
  await expectText(t.page, /Codes worden nooit verwijderd/);
  await t.axe('admin-vocab');
  await t.shot('admin-vocab');
  await t.page.getByRole('link', { name: 'Kanalen van een consult' }).click();
  await t.page.getByRole('heading', { name: /Kanalen van een consult/ }).waitFor();
  await t.page.getByRole('textbox', { name: /^Code/ }).fill('buurtkamer');
  await t.page.getByLabel(/^Nederlands label/).fill('In de buurtkamer');
  await t.page.getByLabel(/^Engels label/).fill('In the community room');
  await t.page.getByRole('button', { name: 'Code toevoegen' }).click();
  await expectText(t.page, 'Code buurtkamer is toegevoegd.');
  const item = t.page.locator('.adm-codes > li', { hasText: 'buurtkamer' });
  await item.getByText('In de buurtkamer').waitFor();
  await item.getByText('Actief', { exact: true }).waitFor();

  // the same code again names the field
  await t.page.getByRole('textbox', { name: /^Code/ }).fill('buurtkamer');
  await t.page.getByLabel(/^Nederlands label/).fill('Nog eens');
  await t.page.getByLabel(/^Engels label/).fill('Again');
  await t.page.getByRole('button', { name: 'Code toevoegen' }).click();
  await t.page.locator('#f-code-err').getByText('Deze code bestaat al in deze lijst.').waitFor();

  await item.getByRole('button', { name: 'Deactiveren: buurtkamer' }).click();
  await expectText(t.page, /Code buurtkamer is gedeactiveerd/);
  await item.getByText('Gedeactiveerd', { exact: true }).waitFor();
  await t.axe('admin-vocab-codes');
  await t.page.reload();
  const again = t.page.locator('.adm-codes > li', { hasText: 'buurtkamer' });
  await again.getByText('Gedeactiveerd', { exact: true }).waitFor();
  await again.getByRole('button', { name: 'Weer activeren: buurtkamer' }).waitFor();

  // change a label
  await again.getByRole('button', { name: 'Labels wijzigen: buurtkamer' }).click();
  await again.getByLabel(/^Nederlands label/).fill('Buurtkamer');
  await again.getByRole('button', { name: 'Labels opslaan' }).click();
  await expectText(t.page, 'Labels van buurtkamer opgeslagen.');
  await again.getByText('Buurtkamer', { exact: true }).waitFor();
  await t.shot('admin-vocab-codes');
  await narrow('admin-vocab-codes');
  await t.goto('/admin?tab=users');
  await row('anouk@peerdesk.test').waitFor();
  await narrow('admin-users');
  await t.logout();
});

let client; // { id, code, dossier }

test('a generalist breaks the glass (second browser context, through the API)', async () => {
  const sanne = await apiAs(t.base, 'sanne@peerdesk.test');
  const d = (await sanne.call('GET', '/dossiers?limit=1')).items[0];
  client = { id: d.client_id, code: d.client_code, dossier: d.id };
  const ctx = await t.browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const p = await ctx.newPage();
  try {
    await p.goto(t.base + '/');
    await p.getByLabel('E-mailadres').fill('bram.1@peerdesk.test');
    await p.getByLabel(/^Wachtwoord/).fill(PASSWORD);
    await p.getByRole('button', { name: 'Inloggen' }).click();
    await p.getByRole('navigation', { name: /^(Hoofdmenu|Main menu)$/ }).waitFor();
    const res = await p.evaluate(async ({ c, pw }) => {
      const csrf = localStorage.getItem('pd.csrf');
      const h = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf };
      const g = await fetch('/api/v1/break-glass', { method: 'POST', headers: h, body: JSON.stringify({
        client_id: c.id, reason: 'Crisis in de nacht; de regiehouder is niet bereikbaar en de cliënt belt.', password: pw, minutes: 15 }) });
      const read = await fetch('/api/v1/dossiers/' + c.dossier);
      return { grant: g.status, read: read.status };
    }, { c: client, pw: PASSWORD });
    assert.deepEqual(res, { grant: 201, read: 200 });
  } finally {
    await ctx.close();
  }
});

test('eva sees the audit log and filters it by event', async () => {
  await t.login('eva@peerdesk.test');
  await t.goto('/privacy');
  await t.page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
  await expectText(t.page, /wordt dat zelf ook in het auditlog vastgelegd/);
  await tab('Auditlog');
  await t.page.locator('table.pv-log tbody tr').first().waitFor();
  await t.page.getByRole('columnheader', { name: 'Namens' }).waitFor();
  // the break-the-glass read stands out
  const bgRow = t.page.locator('tr.pv-bg', { hasText: 'Dossier bekeken' }).first();
  await bgRow.getByText('Break-the-glass').waitFor();
  await t.axe('privacy-audit');
  await t.shot('privacy-audit');

  await t.page.getByLabel(/^Gebeurtenis/).fill('worker.create');
  await t.page.getByRole('button', { name: 'Filters toepassen' }).click();
  await t.page.waitForURL(/event=worker\.create/);
  await t.page.locator('table.pv-log tbody tr').first().waitFor();
  const events = await t.page.locator('table.pv-log code.pv-event').allTextContents();
  assert.ok(events.length > 0);
  assert.deepEqual([...new Set(events)], ['worker.create']);
  await t.page.locator('table.pv-log tbody').getByText('Medewerker toegevoegd').first().waitFor();
  // the filter stays in the form and the URL after a reload
  await t.page.reload();
  await t.page.locator('table.pv-log tbody tr').first().waitFor();
  assert.equal(await t.page.getByLabel(/^Gebeurtenis/).inputValue(), 'worker.create');
  assert.deepEqual([...new Set(await t.page.locator('table.pv-log code.pv-event').allTextContents())], ['worker.create']);
  // pages go on with "Meer laden" (53 demo workers and aaron: more than one page)
  const before = await t.page.locator('table.pv-log tbody tr').count();
  await t.page.getByRole('button', { name: 'Meer laden' }).click();
  await t.page.waitForFunction((n) => document.querySelectorAll('table.pv-log tbody tr').length > n, before);
  assert.deepEqual([...new Set(await t.page.locator('table.pv-log code.pv-event').allTextContents())], ['worker.create']);
  await t.shot('privacy-audit-filtered');
  await narrow('privacy-audit');

  // a filter that cannot be: the field says so
  await t.goto('/privacy?tab=audit&from=2026-05-02&to=2026-05-01');
  await t.page.locator('.error-summary').waitFor();
  await t.page.locator('.pv-filters .field-error').first().waitFor();
});

test('eva reviews the grant and it leaves the queue', async () => {
  await t.goto('/privacy');
  await t.page.locator('.tabs a[aria-current="page"]', { hasText: 'Break-the-glass' }).waitFor();
  const grant = t.page.locator('article.pv-grant', { hasText: 'Bram' });
  await grant.getByText('Crisis in de nacht; de regiehouder is niet bereikbaar en de cliënt belt.').waitFor();
  await grant.getByText(/15 minuten/).waitFor();
  await t.axe('privacy-review');
  await t.shot('privacy-review');
  // saving without a choice names the missing fields and sends nothing
  await grant.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await grant.getByText('Kies ja of nee.').first().waitFor();
  await grant.getByRole('radio', { name: 'Ja, terecht' }).check();
  await grant.getByLabel(/^Toelichting/).fill('Nachtelijke crisis, regiehouder onbereikbaar: terecht gebruikt.');
  await grant.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  const dialog = t.page.getByRole('dialog', { name: 'Beoordeling vastleggen?' });
  await dialog.getByText(/terecht was/).waitFor();
  await dialog.getByRole('button', { name: 'Vastleggen' }).click();
  await expectText(t.page, /is beoordeeld en staat niet meer in de wachtrij/);
  await grant.waitFor({ state: 'detached' });
  await expectText(t.page, 'Er wacht geen break-the-glass op beoordeling.');
  await t.page.reload();
  await expectText(t.page, 'Er wacht geen break-the-glass op beoordeling.');
  await narrow('privacy-review');
});

test('the access report of the client flags the break-the-glass read', async () => {
  await t.goto('/privacy');
  await tab('Toegangsrapport cliënt');
  await t.axe('privacy-report-empty');
  await t.page.getByLabel(/^Cliëntcode/).fill('XX-9999');
  await t.page.getByRole('button', { name: 'Rapport tonen' }).click();
  await t.page.locator('#f-client_code-err').getByText('Er is geen cliënt met deze code in uw organisatie.').waitFor();

  await t.page.getByLabel(/^Cliëntcode/).fill(client.code);
  await t.page.getByRole('button', { name: 'Rapport tonen' }).click();
  await t.page.getByRole('heading', { name: `Toegangsrapport van cliënt ${client.code}` }).waitFor();
  const bg = t.page.locator('table.pv-report-table tr.pv-bg', { hasText: 'Dossier bekeken' });
  await bg.first().waitFor();
  await bg.first().getByText('Bram', { exact: false }).waitFor();
  await bg.first().getByText('Ja', { exact: true }).waitFor();
  await bg.first().getByText('Break-the-glass', { exact: true }).waitFor();
  // the grant itself and its review are about this client too
  await t.page.locator('table.pv-report-table tr', { hasText: 'Break-the-glass beoordeeld' }).first().waitFor();
  await t.axe('privacy-report');
  await t.shot('privacy-report');
  await narrow('privacy-report');
  await t.page.emulateMedia({ media: 'print' });
  const hidden = await t.page.evaluate(() => ['.top', '.tabs', '.pv-report-form'].map((s) => getComputedStyle(document.querySelector(s)).display));
  assert.deepEqual(hidden, ['none', 'none', 'none']);
  await t.shot('privacy-report-print');
  await t.page.emulateMedia({ media: 'screen' });
});

test('the privacy officer downloads everything about the client, with the access report', async () => {
  const link = t.page.getByRole('link', { name: 'Alles van deze cliënt exporteren (JSON)' });
  const [download] = await Promise.all([t.page.waitForEvent('download'), link.click()]);
  const body = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(body.format, 'peerdesk-client-export');
  assert.equal(body.client.code, client.code);
  assert.ok(body.access_report.some((e) => e.break_glass), 'the break-the-glass read is in the export');
  const html = t.page.getByRole('link', { name: 'Alles van deze cliënt exporteren (HTML, afdrukbaar)' });
  const [page] = await Promise.all([t.page.waitForEvent('download'), html.click()]);
  const text = readFileSync(await page.path(), 'utf8');
  assert.match(text, new RegExp(client.code));
  assert.doesNotMatch(text, /<script/i);
});

// the refused requests above (409, 412, 422) are expected answers the screens show
test('no script errors', () => {
  assert.deepEqual(t.problems.filter((p) => !/favicon|404|401|status of (409|412|422)/.test(p)), []);
});
