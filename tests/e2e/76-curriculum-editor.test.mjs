// 76-curriculum-editor: peter (trainer) adds an own unit on Leren (a seeded code and a
// duplicate code are refused by the server, at the code field), changes it through a 412
// (both versions shown, his typed text kept), adds an own assignment to it, replaces
// BM1-03 (the replacement stands in its place, BM1-03 stays visible under "Vervangen
// opdrachten"), and takes an assignment and the unit out of use only after a
// confirmation, and back in. lotte (student) then sees the replacement in BM1 and no
// editing controls. axe runs on every state touched (in the page itself, so an open form
// or dialog is checked too), and each screen fits a 320 px wide window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, expectText, apiAs } from './lib.mjs';

const AXE = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'node_modules/axe-core/axe.min.js'), 'utf8');

let t;
const undefinedUrls = []; // a screen drawn with another path's parameters asks for .../undefined
before(async () => {
  t = await start({ name: 'curriculum-editor' });
  t.page.on('request', (r) => { if (/\/undefined\b/.test(r.url())) undefinedUrls.push(r.url()); });
});
after(async () => { await t.stop(); });

// axe-core on the page as it is now (open forms, errors, dialogs), not on a fresh load of
// its URL as t.axe does. Evaluated through the devtools protocol, so the page's CSP stays.
async function axeNow(label) {
  await t.shot(label);
  if (!(await t.page.evaluate(() => !!window.axe))) await t.page.evaluate(AXE);
  const res = await t.page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  assert.ok(res.passes.length > 0, `axe ran on ${label}`);
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), [],
    `axe on ${label}`);
}

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than a 320 px screen`);
}

const status = (text) => t.page.getByRole('status').filter({ hasText: text }).waitFor();
const unitCard = (name) => t.page.locator('li.card').filter({ has: t.page.getByRole('link', { name }) });
const newUnitForm = () => t.page.locator('form[aria-labelledby="unit-new-h"]');
const mainList = () => t.page.locator('section[aria-labelledby="as-h"] > ul.plain > li > h3');
const editButtons = /vervangen$|wijzigen$|niet meer gebruiken|ongedaan maken|weer in gebruik|Eigen (module|opdracht) toevoegen/;

test('peter adds an own unit; the server names a wrong or taken code at the field', async () => {
  await t.login('peter@peerdesk.test');
  await t.goto('/learning');
  await t.page.getByRole('heading', { level: 1, name: 'Leren' }).waitFor();
  // seeded units say they cannot be changed and have no buttons to do so
  await unitCard('BM1 · Herstel').getByText('basiscurriculum, niet te wijzigen').waitFor();
  assert.equal(await unitCard('BM1 · Herstel').getByRole('button').count(), 0, 'no buttons on a seeded unit');
  // closed until asked for
  assert.equal(await t.page.getByLabel(/^Code/).count(), 0, 'the unit form starts closed');
  await t.page.getByRole('button', { name: 'Eigen module toevoegen' }).click();
  const form = newUnitForm();
  await form.getByLabel(/^Code/).waitFor();
  assert.equal(await t.page.evaluate(() => document.activeElement && document.activeElement.id), 'f-unit-new-code', 'focus in the first field');

  // a code of the basic curriculum: 422 from the server, shown at the code field
  await form.getByLabel(/^Code/).fill('BM1');
  await form.getByLabel(/^Titel \(Nederlands\)/).fill('Werken in de wijk');
  await form.getByLabel(/^Titel \(Engels\)/).fill('Working in the neighbourhood');
  await form.getByLabel(/^Doelen \(Nederlands/).fill('Pionieren als eerste ervaringsdeskundige in een wijkteam.');
  await form.getByLabel(/^Doelen \(Engels/).fill('Pioneering as the first experience expert in a neighbourhood team.');
  await form.getByRole('button', { name: 'Module toevoegen' }).click();
  await form.locator('#f-unit-new-code-err').getByText(/not a code of the basic curriculum/).waitFor();
  await form.locator('.error-summary').getByRole('link', { name: 'Code' }).waitFor();
  assert.equal(await form.getByLabel(/^Code/).getAttribute('aria-invalid'), 'true');
  await axeNow('unit-form-server-error');

  await form.getByLabel(/^Code/).fill('WIJK');
  await form.getByRole('button', { name: 'Module toevoegen' }).click();
  await status('Module WIJK is toegevoegd.');
  assert.equal(await newUnitForm().count(), 0, 'the form closes after saving');
  await unitCard('WIJK · Werken in de wijk').getByText(/eigen module/).waitFor();

  // the same code again: 409 from the server, at the code field; typed text kept
  await t.page.getByRole('button', { name: 'Eigen module toevoegen' }).click();
  await newUnitForm().getByLabel(/^Code/).fill('WIJK');
  await newUnitForm().getByLabel(/^Titel \(Nederlands\)/).fill('Nog een wijkmodule');
  await newUnitForm().getByLabel(/^Titel \(Engels\)/).fill('Another neighbourhood unit');
  await newUnitForm().getByRole('button', { name: 'Module toevoegen' }).click();
  await newUnitForm().locator('#f-unit-new-code-err').getByText('this organisation already has that unit').waitFor();
  assert.equal(await newUnitForm().getByLabel(/^Titel \(Nederlands\)/).inputValue(), 'Nog een wijkmodule');
  await narrow('learning-unit-form');
  await newUnitForm().getByRole('button', { name: 'Annuleren' }).click();
  assert.equal(await newUnitForm().count(), 0, 'cancel closes the form');
  await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'open-unit-new', null, { timeout: 3000 })
    .catch(() => assert.fail('focus is not back on "Eigen module toevoegen"'));
  await axeNow('learning-editor');
  await narrow('learning-editor');
});

test('a change that crosses another shows both versions and keeps the typed text', async () => {
  const peter = await apiAs(t.base, 'peter@peerdesk.test');
  const card = unitCard('WIJK · Werken in de wijk');
  await card.getByRole('button', { name: 'WIJK wijzigen' }).click();
  const form = t.page.locator('form[aria-labelledby="unit-WIJK-h"]');
  assert.equal(await form.getByLabel(/^Titel \(Nederlands\)/).inputValue(), 'Werken in de wijk');
  await form.getByLabel(/^Titel \(Nederlands\)/).fill('Werken in de buurt');
  await peter.call('PATCH', '/curriculum/local-units/WIJK', { title_en: 'Working in the district' }, { version: 1 });
  await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  const conflict = form.locator('.conflict');
  await conflict.getByRole('heading', { name: 'Iemand anders heeft dit intussen gewijzigd' }).waitFor();
  await conflict.getByText('Working in the district').waitFor();
  assert.equal(await form.getByLabel(/^Titel \(Nederlands\)/).inputValue(), 'Werken in de buurt', 'typed text kept');
  await axeNow('unit-conflict');
  await conflict.getByRole('button', { name: 'Mijn versie opslaan' }).click();
  await status('Module WIJK is gewijzigd.');
  await unitCard('WIJK · Werken in de buurt').waitFor();
  const wijk = await peter.call('GET', '/curriculum/units/WIJK');
  assert.equal(wijk.title_nl, 'Werken in de buurt');
  assert.equal(wijk.version, 3);
});

test('peter adds an own assignment to his unit', async () => {
  await t.page.getByRole('link', { name: 'WIJK · Werken in de buurt' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'WIJK · Werken in de buurt' }).waitFor();
  await expectText(t.page, 'Pionieren als eerste ervaringsdeskundige in een wijkteam.');
  assert.equal(await t.page.locator('form').count(), 0, 'no form open');
  await t.page.getByRole('button', { name: 'Eigen opdracht toevoegen' }).click();
  const form = t.page.locator('form[aria-labelledby="as-new-h"]');
  await form.getByRole('heading', { name: 'Eigen opdracht bij WIJK' }).waitFor();
  await form.getByRole('button', { name: 'Opdracht opslaan' }).click();
  await form.locator('#f-as-new-text_nl-err').getByText('Vul dit in.').waitFor();
  await form.locator('#f-as-new-output-err').getByText('Vul dit in.').waitFor();
  await form.getByLabel(/^Opdracht \(Nederlands\)/).fill('Een startplan maken voor de eerste maand in een wijkteam');
  await form.getByLabel(/^Opdracht \(Engels\)/).fill('Make a plan for the first month in a neighbourhood team');
  await form.getByLabel(/^Soort product/).selectOption({ label: 'Plan (van aanpak)' });
  await form.getByRole('checkbox', { name: /^GC5 · / }).check();
  await axeNow('assignment-form');
  await form.getByRole('button', { name: 'Opdracht opslaan' }).click();
  await status('Opdracht WIJK-L01 is toegevoegd.');
  const item = t.page.locator('#a-WIJK-L01');
  await item.getByText('Een startplan maken voor de eerste maand in een wijkteam').waitFor();
  await item.getByText('eigen opdracht').waitFor();
  const a = (await (await apiAs(t.base, 'peter@peerdesk.test')).call('GET', '/curriculum/units/WIJK')).assignments[0];
  assert.deepEqual([a.code, a.output, a.competencies, a.counts], ['WIJK-L01', 'plan', ['GC5'], true]);
});

test('deactivating an own assignment and unit asks first, and both come back', async () => {
  const item = t.page.locator('#a-WIJK-L01');
  await item.getByRole('button', { name: 'WIJK-L01 niet meer gebruiken' }).click();
  const dialog = t.page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Opdracht WIJK-L01 niet meer gebruiken?' }).waitFor();
  await axeNow('assignment-confirm');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await item.getByText('niet in gebruik').count(), 0, 'cancel changes nothing');
  await item.getByRole('button', { name: 'WIJK-L01 niet meer gebruiken' }).click();
  await t.page.getByRole('dialog').getByRole('button', { name: 'Niet meer gebruiken' }).click();
  await status('Opdracht WIJK-L01 is niet meer in gebruik.');
  const off = t.page.locator('details.lr-inactive');
  await off.waitFor();
  await off.locator('summary').getByText('Eigen opdrachten niet in gebruik (1)').click();
  await off.locator('#a-WIJK-L01').getByText('niet in gebruik').waitFor();
  assert.equal(await mainList().count(), 0, 'nothing left in the main list');
  await axeNow('assignment-inactive');
  await off.getByRole('button', { name: 'WIJK-L01 weer in gebruik nemen' }).click();
  await status('Opdracht WIJK-L01 is weer in gebruik.');
  await off.waitFor({ state: 'detached' });
  assert.deepEqual(await mainList().allTextContents(), ['WIJK-L01']);

  await t.page.getByRole('link', { name: 'Terug naar Leren' }).click();
  const card = unitCard('WIJK · Werken in de buurt');
  await card.getByRole('button', { name: 'WIJK niet meer gebruiken' }).click();
  await t.page.getByRole('dialog').getByRole('heading', { name: 'Module WIJK niet meer gebruiken?' }).waitFor();
  await axeNow('unit-confirm');
  await t.page.getByRole('dialog').getByRole('button', { name: 'Niet meer gebruiken' }).click();
  await status('Module WIJK is niet meer in gebruik.');
  await card.getByText(/niet in gebruik/).waitFor();
  await axeNow('unit-inactive');
  await card.getByRole('button', { name: 'WIJK weer in gebruik nemen' }).click();
  await status('Module WIJK is weer in gebruik.');
  await card.getByText(/niet in gebruik/).waitFor({ state: 'detached' });
  await card.getByRole('button', { name: 'WIJK niet meer gebruiken' }).waitFor();
});

test('peter replaces BM1-03: the replacement stands in its place, the original stays marked', async () => {
  await t.page.getByRole('link', { name: 'BM1 · Herstel' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'BM1 · Herstel' }).waitFor();
  assert.equal(await t.page.getByRole('button', { name: /wijzigen$/ }).count(), 0, 'seeded assignments cannot be changed');
  await t.page.getByRole('button', { name: 'BM1-03 vervangen' }).click();
  const form = t.page.locator('form[aria-labelledby="as-BM1-03-h"]');
  await form.getByRole('heading', { name: 'Vervanger voor BM1-03' }).waitFor();
  // starts from the seeded text and codes
  assert.match(await form.getByLabel(/^Opdracht \(Nederlands\)/).inputValue(), /Gekkenwerk/);
  assert.equal(await form.getByLabel(/^Soort product/).inputValue(), 'discussion');
  await form.getByLabel(/^Opdracht \(Nederlands\)/).fill('');
  await form.getByRole('button', { name: 'Opdracht opslaan' }).click();
  await form.locator('#f-as-BM1-03-text_nl-err').getByText('Vul dit in.').waitFor();
  await form.getByLabel(/^Opdracht \(Nederlands\)/).fill('Een zelfgekozen film over herstel bekijken en bespreken wat hielp');
  await form.getByLabel(/^Opdracht \(Engels\)/).fill('Watch a film on recovery of your own choice and discuss what helped');
  await narrow('replace-form');
  await form.getByRole('button', { name: 'Opdracht opslaan' }).click();
  await status('BM1-03 is vervangen door BM1-L01.');
  await t.page.locator('#a-BM1-L01').waitFor();

  const order = await mainList().allTextContents();
  assert.deepEqual(order.slice(0, 4), ['BM1-01', 'BM1-02', 'BM1-L01', 'BM1-04'], 'the replacement in the place of BM1-03');
  assert.ok(!order.includes('BM1-03'), 'BM1-03 is not in the main list');
  await t.page.locator('#a-BM1-L01').getByText('in plaats van BM1-03').waitFor();
  const replaced = t.page.locator('details.lr-replaced');
  assert.equal(await replaced.locator('#a-BM1-03').isVisible(), false, 'closed until opened');
  await replaced.locator('summary').getByText('Vervangen opdrachten (1)').click();
  await replaced.locator('#a-BM1-03').getByText('vervangen door BM1-L01').waitFor();
  await replaced.locator('#a-BM1-03').getByText(/Gekkenwerk/).waitFor();
  await axeNow('bm1-replaced');
  await narrow('bm1-replaced');

  // undoing the replacement asks first; cancelled here, so it stays
  await t.page.locator('#a-BM1-L01').getByRole('button', { name: 'Vervanging BM1-L01 ongedaan maken' }).click();
  const dialog = t.page.getByRole('dialog');
  await dialog.getByText('BM1-03 uit het basiscurriculum telt dan weer mee, in plaats van BM1-L01.', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  const peter = await apiAs(t.base, 'peter@peerdesk.test');
  const bm1 = await peter.call('GET', '/curriculum/units/BM1');
  assert.equal(bm1.assignments.find((a) => a.code === 'BM1-03').replaced_by, 'BM1-L01');
  await t.logout();
});

test('lotte sees the replacement in BM1 and no editing controls', async () => {
  await t.login('lotte@peerdesk.test');
  await t.goto('/learning');
  await unitCard('WIJK · Werken in de buurt').waitFor();
  assert.equal(await t.page.getByRole('button', { name: editButtons }).count(), 0, 'no editing controls on Leren');
  assert.equal(await t.page.getByText('basiscurriculum, niet te wijzigen').count(), 0);
  await t.page.getByRole('link', { name: 'BM1 · Herstel' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'BM1 · Herstel' }).waitFor();
  const item = t.page.locator('#a-BM1-L01');
  await item.getByText('Een zelfgekozen film over herstel bekijken en bespreken wat hielp').waitFor();
  await item.getByRole('button', { name: 'Bewijs toevoegen bij BM1-L01' }).waitFor();
  assert.deepEqual((await mainList().allTextContents()).slice(0, 4), ['BM1-01', 'BM1-02', 'BM1-L01', 'BM1-04']);
  await t.page.locator('details.lr-replaced summary').getByText('Vervangen opdrachten (1)').click();
  await t.page.locator('#a-BM1-03').getByText('vervangen door BM1-L01').waitFor();
  assert.equal(await t.page.locator('#a-BM1-03').getByRole('button').count(), 0, 'no evidence button on a replaced assignment');
  assert.equal(await t.page.getByRole('button', { name: editButtons }).count(), 0, 'no editing controls on the unit');
  await axeNow('bm1-student');
  await narrow('bm1-student');
  const lotte = await apiAs(t.base, 'lotte@peerdesk.test');
  await assert.rejects(lotte.call('POST', '/curriculum/local-assignments', { unit: 'BM1', output: 'plan', text_nl: 'x', text_en: 'x' }), /403/);
  // refused requests are logged by the browser as console errors; script errors are not expected
  assert.deepEqual(t.problems.filter((p) => p.startsWith('page error') || p.startsWith('a script')), [], 'no script errors');
  assert.deepEqual(undefinedUrls, [], 'no request for an undefined id');
});
