// 10-dossier: Mijn werk, registering a new client and the dossier. Sanne (generalist) sees
// her dossiers, registers a client and lands on its dossier, writes a note that is in the
// timeline after a reload with its activity label, meets the field errors of an empty and
// an over-long note, edits the note, meets a conflict when the note changed underneath her
// and keeps her version, and closes the dossier after confirming. A coordinator finds the
// queue from Mijn werk. Axe and screenshots on every screen, also at 320 px wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, apiAs, expectText } from './lib.mjs';

let t;
let dossierUrl;
const CODE = 'E2E-0427';
before(async () => { t = await start({ name: 'dossier' }); });
after(async () => { await t.stop(); });

async function noSideScroll(label) {
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label}: page is ${overflow}px wider than the screen`);
}

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 700 });
  await t.page.waitForTimeout(150);
  await noSideScroll(label);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
}

async function noteId(code, text) {
  const sanne = await apiAs(t.base, 'sanne@peerdesk.test');
  const page = await sanne.call('GET', '/dossiers?status=open&limit=200');
  const d = page.items.find((x) => x.client_code === code);
  const tl = await sanne.call('GET', `/dossiers/${d.id}/timeline`);
  const n = tl.items.find((x) => x.type === 'note' && x.body.includes(text));
  return { sanne, id: n.id };
}

test('sanne sees her dossiers on Mijn werk', async () => {
  await t.login('sanne@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  await t.page.getByRole('heading', { name: 'Mijn dossiers' }).waitFor();
  await t.page.getByRole('link', { name: 'Dossier BT-0101' }).waitFor();
  await t.page.getByRole('heading', { name: 'Evaluaties die eraan komen of te laat zijn' }).waitFor();
  await t.page.getByRole('heading', { name: 'Lijntje warm houden' }).waitFor();
  await t.page.getByRole('link', { name: 'Nieuwe cliënt aanmelden' }).waitFor();
  // BT-0107 is a demo dossier with the line kept warm: it shows in that section.
  const warm = t.page.getByRole('region', { name: 'Lijntje warm houden' });
  await warm.getByRole('link', { name: 'Dossier BT-0107' }).waitFor();
  assert.equal(await t.page.getByRole('link', { name: 'Naar de wachtrij' }).count(), 0, 'no queue for a generalist');
  await t.shot('mijn-werk');
  await t.axe('mijn-werk');
  await narrow('mijn-werk');
});

test('registering a new client lands on its dossier', async () => {
  await t.page.getByRole('link', { name: 'Nieuwe cliënt aanmelden' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Nieuwe cliënt aanmelden' }).waitFor();
  await t.axe('nieuwe-client');
  // Without a code the server names the field; the error sits next to it and in the summary.
  await t.page.getByRole('button', { name: 'Cliënt aanmelden en dossier openen' }).click();
  await expectText(t.page, 'Controleer deze velden:');
  await t.page.locator('#f-code-err').filter({ hasText: 'Dit is verplicht.' }).waitFor();
  await t.shot('nieuwe-client-fout');
  await t.page.getByLabel(/^Cliëntcode/).fill(CODE);
  await t.page.getByLabel(/^Vooruitgang/).check();
  await t.page.getByLabel(/^Geboortejaar/).fill('1984');
  await t.page.getByLabel(/^Gebied/).selectOption({ label: 'Zuid › Hoograven' });
  await t.shot('nieuwe-client');
  await narrow('nieuwe-client');
  await t.page.getByRole('button', { name: 'Cliënt aanmelden en dossier openen' }).click();
  await t.page.getByRole('heading', { level: 1, name: `Dossier ${CODE}` }).waitFor();
  dossierUrl = t.page.url();
  assert.match(dossierUrl, /\/dossiers\/[0-9a-f-]{36}$/);
  await expectText(t.page, 'Sanne Jansen');
  await expectText(t.page, 'Zuid › Hoograven');
  await expectText(t.page, 'Nog niets vastgelegd');
});

test('a note with a missing or over-long text shows the field error', async () => {
  await t.page.getByRole('button', { name: 'Notitie toevoegen' }).click();
  await t.page.getByLabel(/^Soort contact/).selectOption({ label: 'Huisbezoek' });
  await t.page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await t.page.locator('#f-body-err').filter({ hasText: 'Dit is verplicht.' }).waitFor();
  await t.page.getByRole('alert').filter({ hasText: 'Controleer deze velden:' }).getByRole('link', { name: 'Notitie' }).waitFor();
  await t.page.getByRole('textbox', { name: /^Notitie/ }).fill('a'.repeat(20001));
  await t.page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await t.page.locator('#f-body-err').filter({ hasText: 'Te lang: hoogstens 20.000 tekens.' }).waitFor();
  await t.shot('notitie-te-lang');
});

test('opening another form while typing asks first and keeps the text on cancel', async () => {
  await t.page.getByRole('textbox', { name: /^Notitie/ }).fill('Half geschreven notitie.');
  await t.page.getByRole('button', { name: 'Evaluatie plannen of vastleggen' }).click();
  const dialog = t.page.getByRole('dialog', { name: 'Wat u invulde weggooien?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  assert.equal(await t.page.getByRole('textbox', { name: /^Notitie/ }).inputValue(), 'Half geschreven notitie.');
});

test('a note is in the timeline after a reload, with its activity label', async () => {
  await t.page.getByRole('textbox', { name: /^Notitie/ }).fill('Kennismaking aan de keukentafel.\nSamen de post doorgenomen.');
  await t.page.getByLabel(/^Duur in minuten/).fill('45');
  await t.page.getByLabel('Samen dagelijkse dingen doen').check();
  await t.page.getByLabel('Er zijn voor de cliënt').check();
  await t.page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expectText(t.page, 'Notitie opgeslagen.');
  await t.page.reload();
  const item = t.page.locator('.timeline > li', { hasText: 'Kennismaking aan de keukentafel.' });
  await item.waitFor();
  await item.getByText('Samen dagelijkse dingen doen').waitFor();
  await item.getByText('Er zijn voor de cliënt').waitFor();
  await item.getByText('45 min').waitFor();
  await item.getByRole('heading', { name: 'Huisbezoek' }).waitFor();
  const body = await item.locator('.body').innerText();
  assert.equal(body, 'Kennismaking aan de keukentafel.\nSamen de post doorgenomen.', 'line breaks kept, plain text');
  await t.shot('dossier');
  await t.axe('dossier');
  await narrow('dossier');
});

test('sanne edits her note', async () => {
  await t.page.getByRole('button', { name: /^Notitie van .* bewerken$/ }).click();
  const text = t.page.getByRole('textbox', { name: /^Notitie/ });
  assert.equal(await text.inputValue(), 'Kennismaking aan de keukentafel.\nSamen de post doorgenomen.');
  await text.fill('Kennismaking aan de keukentafel.\nSamen de post en de rekeningen doorgenomen.');
  await t.page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await expectText(t.page, 'Notitie gewijzigd.');
  await t.page.reload();
  await expectText(t.page, 'Samen de post en de rekeningen doorgenomen.');
});

test('a stale edit shows both versions and saves hers on "Mijn versie opslaan"', async () => {
  await t.page.getByRole('button', { name: /^Notitie van .* bewerken$/ }).click();
  await t.page.getByRole('textbox', { name: /^Notitie/ }).fill('Mijn versie: de rekeningen liggen nu op volgorde.');
  // Meanwhile the note changes (another tab, another device).
  const { sanne, id } = await noteId(CODE, 'rekeningen doorgenomen');
  const cur = await sanne.call('GET', '/notes/' + id);
  await sanne.call('PATCH', '/notes/' + id, { body: 'Versie van elders: post doorgenomen.' }, { version: cur.version });
  await t.page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  const conflict = t.page.locator('.conflict');
  await conflict.getByRole('heading', { name: 'Iemand anders heeft dit intussen gewijzigd' }).waitFor();
  await conflict.getByText('Versie van elders: post doorgenomen.').waitFor();
  await conflict.getByText('Mijn versie: de rekeningen liggen nu op volgorde.').waitFor();
  // The typed text is still in the form.
  assert.equal(await t.page.getByRole('textbox', { name: /^Notitie/ }).inputValue(), 'Mijn versie: de rekeningen liggen nu op volgorde.');
  await t.shot('conflict');
  await conflict.getByRole('button', { name: 'Mijn versie opslaan' }).click();
  await expectText(t.page, 'Notitie gewijzigd.');
  await t.page.reload();
  await expectText(t.page, 'Mijn versie: de rekeningen liggen nu op volgorde.');
  assert.equal(await t.page.getByText('Versie van elders: post doorgenomen.').count(), 0);
  const saved = await sanne.call('GET', '/notes/' + id);
  assert.equal(saved.body, 'Mijn versie: de rekeningen liggen nu op volgorde.');
});

test('closing the dossier asks first, then shows it closed', async () => {
  await t.page.getByRole('button', { name: 'Dossier afsluiten' }).click();
  await t.page.getByLabel(/^Reden/).selectOption({ label: 'Doel bereikt' });
  await t.page.getByLabel('Versterkt: hoop, vertrouwen, eigen strategieën').check();
  await t.page.getByLabel('Meer cliëntperspectief').check();
  await t.page.getByLabel(/^Afsluitende notitie/).fill('Gaat zelfstandig verder.');
  await t.page.getByRole('button', { name: 'Dossier afsluiten…' }).click();
  const dialog = t.page.getByRole('dialog', { name: `Dossier ${CODE} afsluiten?` });
  await dialog.waitFor();
  await t.shot('afsluiten-bevestigen');
  // Cancelling leaves it open.
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expectText(t.page, 'Open');
  await t.page.getByRole('button', { name: 'Dossier afsluiten…' }).click();
  await t.page.getByRole('dialog').getByRole('button', { name: 'Ja, afsluiten' }).click();
  await expectText(t.page, 'Dossier afgesloten.');
  await t.page.reload();
  await t.page.getByRole('heading', { level: 1, name: `Dossier ${CODE}` }).waitFor();
  await t.page.locator('.dossier-head .badge', { hasText: 'Afgesloten' }).waitFor();
  await t.page.getByRole('heading', { name: 'Dossier afgesloten: Doel bereikt' }).waitFor();
  await t.page.getByRole('button', { name: 'Dossier heropenen' }).waitFor();
  assert.equal(await t.page.getByRole('button', { name: 'Notitie toevoegen' }).count(), 0, 'no notes on a closed dossier');
  await t.shot('dossier-afgesloten');
  await t.axe('dossier-afgesloten');
});

test('a coordinator finds the queue from Mijn werk', async () => {
  await t.logout();
  await t.login('marieke@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  await t.page.getByRole('link', { name: /^Naar de wachtrij \(\d+\)$/ }).waitFor();
  await expectText(t.page, /wacht.* op een besluit/);
  assert.equal(await t.page.getByRole('link', { name: 'Nieuwe cliënt aanmelden' }).count(), 0);
  await t.shot('mijn-werk-coordinator');
});

// The 422 and 412 answers the tests provoke on purpose are logged by the browser as failed
// loads; anything else is a real problem.
test('no script errors', () => {
  assert.deepEqual(t.problems.filter((p) => !/favicon|404|401|status of (422|412)/.test(p)), []);
});
