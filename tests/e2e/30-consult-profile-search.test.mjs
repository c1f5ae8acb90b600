// 30-consult-profile-search: an expert logs a consultation with the keyboard only and sees
// it saved and listed; missing or over-long input names the field; an expert sets her
// experience profile with per-item visibility and finds it kept after a reload; a generalist
// searches her notes, opens a hit's dossier, goes back, and a nonsense word says nothing was
// found. axe and screenshots (also at 320 px) on all three screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, expectText } from './lib.mjs';

let t;
before(async () => { t = await start({ name: 'consult' }); });
after(async () => { await t.stop(); });

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than a 320 px screen`);
}

const focusedId = () => t.page.evaluate(() => document.activeElement && document.activeElement.id);

test('youssef logs a consultation with the keyboard only', async () => {
  await t.login('youssef@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Consult vastleggen' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Consult vastleggen' }).waitFor();
  await t.page.getByRole('heading', { name: 'Mijn recente consulten' }).waitFor();
  await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'f-asker_id');

  const kb = t.page.keyboard;
  const summary = 'Collega vraagt hoe je contact houdt met een zorgmijdende bewoner; tip: samen koffie drinken.';
  await kb.type('Sanne');            // who asked: a generalist (typing picks the name)
  await kb.press('Tab');             // formal / informal: informal is already chosen
  await kb.press('Tab');
  assert.equal(await focusedId(), 'f-channel');
  await kb.type('Tel');              // Telefoon
  await kb.press('Tab');
  assert.equal(await focusedId(), 'f-theme');
  await kb.type('Eenz');             // Eenzaamheid
  await kb.press('Tab');
  assert.equal(await focusedId(), 'f-summary');
  await kb.type(summary);
  await kb.press('Tab');             // response: advice is already chosen
  await kb.press('Tab');
  assert.equal(await focusedId(), 'f-minutes');
  await kb.press('Enter');

  const status = t.page.getByRole('status').filter({ hasText: 'Opgeslagen' });
  await status.first().waitFor();
  const recent = t.page.locator('section[aria-labelledby="recent-h"]');
  const entry = recent.locator('li').filter({ hasText: summary });
  await entry.waitFor();
  await entry.getByText('Eenzaamheid').waitFor();
  await entry.getByText('Telefoon').waitFor();
  await entry.getByText('Gevraagd door Sanne Jansen').waitFor();
  await entry.getByText('15 min.').waitFor();
  // the form is empty again and ready for the next one
  assert.equal(await t.page.locator('#f-summary').inputValue(), '');
  assert.equal(await t.page.locator('#f-theme').inputValue(), '');
  await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'f-asker_id');
  await t.shot('consult-saved');

  // still there after a reload (it came from the server, not only from the form)
  await t.page.reload();
  await t.page.locator('section[aria-labelledby="recent-h"] li').filter({ hasText: summary }).waitFor();
  await t.axe('consult');
});

test('a missing theme or an over-long summary names the field', async () => {
  await t.goto('/consult');
  await t.page.getByRole('heading', { level: 1, name: 'Consult vastleggen' }).waitFor();
  await t.page.locator('#f-channel').selectOption({ label: 'Wandelgang' });
  await t.page.getByLabel(/^Vraag en antwoord in het kort/).fill('Vraag over rouw bij een bewoner.');
  await t.page.getByRole('button', { name: 'Consult opslaan' }).click();
  const summaryBox = t.page.locator('.error-summary');
  await summaryBox.getByRole('link', { name: 'Thema' }).waitFor();
  await t.page.locator('#f-theme-err').getByText('Kies een thema.').waitFor();
  assert.equal(await t.page.locator('#f-theme').getAttribute('aria-invalid'), 'true');
  await t.shot('consult-missing-theme');

  await t.page.locator('#f-theme').selectOption({ label: 'Rouw en verlies' });
  await t.page.getByLabel(/^Vraag en antwoord in het kort/).fill('a'.repeat(2001));
  await t.page.getByRole('button', { name: 'Consult opslaan' }).click();
  await t.page.locator('#f-summary-err').getByText('Maximaal 2000 tekens; nu 2001.').waitFor();
  await summaryBox.getByRole('link', { name: 'Vraag en antwoord in het kort' }).waitFor();
  assert.equal(await t.page.getByText('Opgeslagen', { exact: true }).count(), 0);
  await t.axe('consult-errors');
  // at 320 px: the form with its errors still fits
  await narrow('consult');
});

test('youssef records a case discussion', async () => {
  await t.goto('/consult');
  await t.page.getByRole('heading', { name: 'Casusbespreking vastleggen' }).waitFor();
  await expectText(t.page, 'Nog geen casusbesprekingen');
  const form = t.page.locator('form[aria-labelledby="cd-h"]');
  await form.getByRole('checkbox', { name: 'Priya Ramdin' }).check();
  await form.getByLabel(/^Samenvatting/).fill('Generalist zoekt iemand met ervaring met schulden.');
  await form.getByRole('radio', { name: 'Een ervaringsdeskundige sluit aan' }).check();
  await form.getByRole('button', { name: 'Casusbespreking opslaan' }).click();
  await form.getByRole('status').getByText('Opgeslagen').waitFor();
  const list = t.page.locator('section[aria-labelledby="cd-list-h"]');
  await list.getByText('Generalist zoekt iemand met ervaring met schulden.').waitFor();
  await list.getByText(/Aanwezig: .*Youssef El Amrani.*Priya Ramdin|Aanwezig: .*Priya Ramdin.*Youssef El Amrani/).waitFor();
  await t.shot('consult-case-discussion');
  await t.logout();
});

test('priya sets her experience profile and finds it kept after a reload', async () => {
  await t.login('priya@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn ervaringsprofiel' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Mijn ervaringsprofiel' }).waitFor();
  await expectText(t.page, 'Alleen coördinatoren: alleen de coördinatoren van het expertteam zien dit');
  await expectText(t.page, 'Ook collega\'s: ook generalisten en andere collega\'s zien dit');
  // start from nothing: clear whatever the demo chose
  const chosen = t.page.locator('.cps-items input[type="checkbox"]:checked');
  await chosen.first().waitFor();
  while (await chosen.count()) await chosen.first().uncheck();
  const areas = t.page.getByRole('group', { name: /^Ervaringsgebieden/ });
  await areas.getByRole('checkbox', { name: 'Angst' }).check();
  await areas.getByRole('checkbox', { name: 'Schulden' }).check();
  // the visibility choice appears beside each chosen item; coordinators only by default
  assert.equal(await t.page.getByLabel('Zichtbaar voor, Angst').inputValue(), 'coordinators');
  await t.page.getByLabel('Zichtbaar voor, Schulden').selectOption({ label: 'Ook collega\'s' });
  await t.page.getByLabel(/^Capaciteit/).fill('4');
  await t.page.getByRole('radio', { name: 'Nee, op dit moment niet' }).check();
  await t.page.getByRole('button', { name: 'Profiel opslaan' }).click();
  await t.page.getByRole('status').getByText('Opgeslagen').waitFor();
  await t.shot('profile-saved');

  await t.page.reload();
  await t.page.getByRole('heading', { level: 1, name: 'Mijn ervaringsprofiel' }).waitFor();
  const areas2 = t.page.getByRole('group', { name: /^Ervaringsgebieden/ });
  await areas2.getByRole('checkbox', { name: 'Angst' }).waitFor();
  assert.equal(await areas2.getByRole('checkbox', { name: 'Angst' }).isChecked(), true);
  assert.equal(await areas2.getByRole('checkbox', { name: 'Schulden' }).isChecked(), true);
  assert.equal(await areas2.getByRole('checkbox', { name: 'Traumatische ervaringen' }).isChecked(), false);
  assert.equal(await t.page.locator('.cps-items input[type="checkbox"]:checked').count(), 2);
  assert.equal(await t.page.getByLabel('Zichtbaar voor, Angst').inputValue(), 'coordinators');
  assert.equal(await t.page.getByLabel('Zichtbaar voor, Schulden').inputValue(), 'colleagues');
  assert.equal(await t.page.getByLabel(/^Capaciteit/).inputValue(), '4');
  assert.equal(await t.page.getByRole('radio', { name: 'Nee, op dit moment niet' }).isChecked(), true);
  await expectText(t.page, 'Laatst opgeslagen:');
  await t.axe('profile');
  await narrow('profile');

  // saved elsewhere in the meantime (another tab): the next save shows both versions and
  // keeps what was chosen here
  await t.page.evaluate(async () => {
    const cur = await (await fetch('/api/v1/me/profile')).json();
    const r = await fetch('/api/v1/me/profile', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': localStorage.getItem('pd.csrf'), 'If-Match': `"${cur.version}"` },
      body: JSON.stringify({ capacity: 9, available: cur.available, items: cur.items }),
    });
    if (!r.ok) throw new Error('PUT ' + r.status);
  });
  await t.page.getByLabel(/^Capaciteit/).fill('5');
  await t.page.getByRole('button', { name: 'Profiel opslaan' }).click();
  const conflict = t.page.locator('.conflict');
  await conflict.getByText('Iemand anders heeft dit intussen gewijzigd').waitFor();
  await conflict.getByText('Angst (alleen coördinatoren), Schulden (ook collega\'s)').first().waitFor();
  await t.shot('profile-conflict');
  assert.equal(await t.page.getByLabel(/^Capaciteit/).inputValue(), '5');
  await conflict.getByRole('button', { name: 'Mijn versie opslaan' }).click();
  await t.page.getByRole('status').getByText('Opgeslagen').waitFor();
  assert.equal(await t.page.locator('.conflict').count(), 0);
  await t.page.reload();
  await t.page.getByRole('heading', { level: 1, name: 'Mijn ervaringsprofiel' }).waitFor();
  await t.page.getByRole('checkbox', { name: 'Schulden' }).waitFor();
  assert.equal(await t.page.getByLabel(/^Capaciteit/).inputValue(), '5');
  await t.logout();
});

test('sanne searches her notes, opens a dossier and goes back', async () => {
  await t.login('sanne@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Zoeken' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Zoeken' }).waitFor();
  await expectText(t.page, 'Er wordt alleen gezocht in dossiers die u mag inzien.');
  await expectText(t.page, 'Typ een of meer woorden en kies Zoeken.');
  await t.shot('search-empty');
  await t.axe('search-empty');

  await t.page.getByLabel('Zoek in contactnotities').fill('schuld');
  await t.page.getByLabel('Zoek in contactnotities').press('Enter');
  await t.page.waitForURL(/\/search\?q=schuld$/);
  const hits = t.page.locator('.cps-hits > li');
  await hits.first().waitFor();
  // the beginning of a word finds the whole word
  await hits.first().getByText(/schuldhulpverlening/).waitFor();
  await t.page.getByRole('status').getByText(/notities? gevonden met "schuld"/).waitFor();
  await hits.first().getByText(/^Dossier BT-\d{4}, notitie van \d{1,2} \w+ 20\d\d$/).waitFor();
  assert.equal(await t.page.getByLabel('Zoek in contactnotities').inputValue(), 'schuld');
  await t.shot('search-results');
  await t.axe('search-results');
  await narrow('search');

  await hits.first().getByRole('link', { name: /^Open het dossier/ }).click();
  await t.page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);

  // back: the search and its results are there again
  await t.page.goBack();
  await t.page.waitForURL(/\/search\?q=schuld$/);
  await t.page.locator('.cps-hits > li').first().waitFor();

  await t.page.getByLabel('Zoek in contactnotities').fill('xyzzyplof');
  await t.page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await t.page.waitForURL(/\/search\?q=xyzzyplof$/);
  await expectText(t.page, 'Geen notities gevonden met "xyzzyplof".');
  await t.shot('search-none');
  await t.axe('search-none');

  // back to the earlier search again
  await t.page.goBack();
  await t.page.waitForURL(/\/search\?q=schuld$/);
  await t.page.locator('.cps-hits > li').first().waitFor();
});

// The browser logs every non-2xx answer; the 412 above is provoked on purpose.
test('no script errors', () => {
  assert.deepEqual(t.problems.filter((p) => !/favicon|404|401|status of 412/.test(p)), []);
});
