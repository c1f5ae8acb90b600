// 60-story: the acceptance of issue 4. A newcomer, with nothing but the demo logins that
// `make run` prints, takes one client from registration through request, match,
// assignment and notes by both workers to closing, only by clicking what the screens
// offer (no typed URLs, no API calls). Afterwards the audit chain still holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, expectText } from './lib.mjs';

const CODE = 'VERHAAL-' + String(Date.now()).slice(-5);
const QUESTION = 'Cliënt heeft schulden en voelt zich alleen; we lopen vast. Wie kan met mij aansluiten?';
let t;
let expert; // { name, email }

before(async () => { t = await start({ name: 'story' }); });
after(async () => { await t.stop(); });

const nav = (name) => t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name });

test('the printed demo logins include a generalist and a coordinator', () => {
  assert.match(t.logins, /sanne@peerdesk\.test\s+.*generalist/);
  assert.match(t.logins, /marieke@peerdesk\.test\s+.*coordinator/);
  assert.match(t.logins, /password: ervaring-telt/);
});

test('the generalist registers a client and asks for an experience expert', async () => {
  const p = t.page;
  await t.login('sanne@peerdesk.test');
  await p.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  await p.getByRole('link', { name: 'Nieuwe cliënt aanmelden' }).click();
  await p.getByLabel(/^Cliëntcode/).fill(CODE);
  await p.getByLabel(/^Vooruitgang/).check();
  await p.getByLabel(/^Geboortejaar/).fill('1979');
  await p.getByLabel(/^Gebied/).selectOption({ label: 'Noord › Overvecht' });
  await p.getByRole('button', { name: 'Cliënt aanmelden en dossier openen' }).click();
  await p.getByRole('heading', { level: 1, name: `Dossier ${CODE}` }).waitFor();
  await t.shot('1-dossier-new');

  await p.getByRole('link', { name: 'Ervaringsdeskundige vragen' }).click();
  await p.getByRole('heading', { level: 1, name: 'Inzetverzoek' }).waitFor();
  await p.getByRole('group', { name: /Waarom een ervaringsdeskundige/ })
    .getByRole('checkbox', { name: 'Cliënt of generalist loopt vast' }).check();
  await p.getByRole('group', { name: /Welke ervaring is nodig/ }).getByRole('checkbox', { name: 'Schulden', exact: true }).check();
  await p.getByRole('group', { name: /algemene thema/ }).getByRole('checkbox', { name: 'Eenzaamheid', exact: true }).check();
  await p.getByRole('radio', { name: 'Specifieke ervaring met de diagnose' }).check();
  await p.getByRole('radio', { name: /^Vastgelopen/ }).check();
  await p.getByLabel(/^Korte vraag aan het expertteam/).fill(QUESTION);
  await p.getByLabel(/^Hoe kwam het verzoek tot stand/).selectOption({ label: 'Telefoon' });
  await p.getByRole('checkbox', { name: 'De cliënt is geïnformeerd over dit verzoek' }).check();
  await p.getByRole('button', { name: 'Inzetverzoek versturen' }).click();
  await expectText(p, 'Uw inzetverzoek is verstuurd naar het expertteam.');
  await t.shot('2-request-sent');
  await t.logout();
});

test('the coordinator reviews the request, reads the match and assigns with one click', async () => {
  const p = t.page;
  await t.login('marieke@peerdesk.test');
  await nav('Wachtrij expertteam').click();
  await p.getByRole('heading', { level: 1, name: 'Wachtrij expertteam' }).waitFor();
  const row = p.locator('.rq-queue > li', { hasText: 'vandaag ingediend' }).first();
  await row.getByRole('link').click();
  await p.getByRole('button', { name: 'In behandeling nemen' }).click();
  await p.getByRole('heading', { name: 'Voorstel: passende ervaringsdeskundigen' }).waitFor();
  const first = p.locator('.rq-matches > li').first();
  await expectText(first, /\d+ punten/);
  await expectText(first, /Specifieke ervaring: /);
  await t.shot('3-match');
  const button = first.getByRole('button', { name: /^Toewijzen aan / });
  const name = (await button.innerText()).replace(/^Toewijzen aan /, '').trim();
  expert = { name, email: name.split(' ')[0].toLowerCase() + '@peerdesk.test' };
  await button.click();
  await p.getByRole('dialog').getByRole('button', { name: 'Ja, toewijzen' }).click();
  await expectText(p, `Toegewezen aan ${name}.`);
  await t.shot('4-assigned');
  await t.logout();
});

test('the assigned expert finds the dossier on Mijn werk and writes a note', async () => {
  const p = t.page;
  assert.match(t.logins, new RegExp(expert.email.replace('.', '\\.')), `${expert.name} is a printed demo login`);
  await t.login(expert.email);
  await p.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  await p.getByRole('link', { name: `Dossier ${CODE}` }).first().click();
  await p.getByRole('heading', { level: 1, name: `Dossier ${CODE}` }).waitFor();
  await p.getByRole('button', { name: 'Notitie toevoegen' }).click();
  await p.getByLabel(/^Soort contact/).selectOption({ label: 'Huisbezoek' });
  await p.getByRole('textbox', { name: /^Notitie/ }).fill('Kennismaking thuis. Herkenning rond de schulden; afgesproken samen te bellen.');
  await p.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expectText(p, 'Notitie opgeslagen.');
  await t.shot('5-expert-note');
  await t.logout();
});

test('the generalist sees both notes in one timeline, adds hers and closes the dossier', async () => {
  const p = t.page;
  await t.login('sanne@peerdesk.test');
  await p.getByRole('link', { name: `Dossier ${CODE}` }).first().click();
  await p.getByRole('heading', { level: 1, name: `Dossier ${CODE}` }).waitFor();
  await expectText(p, 'Herkenning rond de schulden');
  await expectText(p, expert.name);
  await p.getByRole('button', { name: 'Notitie toevoegen' }).click();
  await p.getByLabel(/^Soort contact/).selectOption({ label: 'Telefonisch contact' });
  await p.getByRole('textbox', { name: /^Notitie/ }).fill('Samen met de ervaringsdeskundige de schuldhulp gebeld.');
  await p.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expectText(p, 'Notitie opgeslagen.');

  await p.getByRole('button', { name: 'Dossier afsluiten' }).click();
  await p.getByLabel(/^Reden/).selectOption({ label: 'Doel bereikt' });
  await p.getByLabel(/^Afsluitende notitie/).fill('Gaat zelfstandig verder, met schuldhulp.');
  await p.getByRole('button', { name: 'Dossier afsluiten…' }).click();
  await p.getByRole('dialog').getByRole('button', { name: 'Ja, afsluiten' }).click();
  await expectText(p, 'Dossier afgesloten.');
  await p.reload();
  await p.locator('.dossier-head .badge', { hasText: 'Afgesloten' }).waitFor();
  await p.getByRole('heading', { name: 'Dossier afgesloten: Doel bereikt' }).waitFor();
  await t.shot('6-closed');
});

test('every step left an intact audit trail', () => {
  const out = t.cli('audit', 'verify');
  assert.match(out, /ok|intact|holds|valid/i, out);
});

test('no script errors along the story', () => {
  assert.deepEqual(t.problems.filter((x) => !/status of 40[14]/.test(x)), []);
});
