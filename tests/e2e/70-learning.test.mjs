// 70-learning: a student opens Leren, sees her progress per unit, opens unit BM1 and adds
// evidence to an assignment through the form; a missing title names the field. Her
// trainer opens the student from his list, signs BM1 off with a note, and the student
// then sees BM1 signed off. axe on every screen (no serious or critical violations) and
// each screen fits a 320 px wide window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, expectText } from './lib.mjs';

let t;
before(async () => { t = await start({ name: 'learning' }); });
after(async () => { await t.stop(); });

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than a 320 px screen`);
}

const bm1 = () => t.page.locator('li.card').filter({ has: t.page.getByRole('link', { name: 'BM1 · Herstel' }) });

test('lotte adds evidence to a BM1 assignment', async () => {
  await t.login('lotte@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Leren' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Leren' }).waitFor();
  // demo: lotte has evidence for three BM1 assignments, nothing signed off
  await bm1().getByText('3 van 9 opdrachten met bewijs').waitFor();
  await bm1().getByText('Nog niet afgetekend').waitFor();
  assert.equal(await t.page.locator('li.card h3').count() >= 9, true, 'nine units listed');
  await t.axe('learning');
  await narrow('learning');

  await t.page.getByRole('link', { name: 'BM1 · Herstel' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'BM1 · Herstel' }).waitFor();
  await t.page.getByRole('heading', { name: 'Doelen' }).waitFor();
  await t.page.getByRole('button', { name: 'Bewijs toevoegen bij BM1-04' }).click();
  const form = t.page.locator('form[aria-labelledby="ev-BM1-04-h"]');
  await form.getByRole('textbox', { name: /^Tekst/ }).fill('Over je eigen geschiedenis terugwinnen: mijn dossier herschreven als mijn verhaal.');
  await form.getByRole('button', { name: 'Bewijs opslaan' }).click();
  await form.locator('#f-title-err').getByText('Vul dit in.').waitFor();
  await form.locator('.error-summary').getByRole('link', { name: 'Titel' }).waitFor();
  await t.axe('learning-unit-errors');
  await form.getByRole('textbox', { name: /^Titel/ }).fill('Mijn geschiedenis terugwinnen');
  await form.getByRole('button', { name: 'Bewijs opslaan' }).click();
  await t.page.getByRole('status').filter({ hasText: 'Bewijs opgeslagen.' }).waitFor();
  await t.page.locator('#a-BM1-04').getByText('Mijn geschiedenis terugwinnen').waitFor();
  await expectText(t.page, '4 van 9 opdrachten met bewijs');
  await t.shot('learning-unit');
  await t.axe('learning-unit');
  await narrow('learning-unit');

  await t.page.getByRole('link', { name: 'Naar mijn portfolio' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Mijn portfolio' }).waitFor();
  await t.page.getByRole('heading', { name: 'Mijn geschiedenis terugwinnen' }).waitFor();
  // the trainer's demo feedback is shown with the item it is about
  await expectText(t.page, 'Wat maakte dat de buurvrouw bleef komen?');
  await t.axe('portfolio-owner');
  await narrow('portfolio-owner');
  await t.logout();
});

test('peter signs BM1 off for lotte', async () => {
  await t.login('peter@peerdesk.test');
  await t.goto('/learning');
  await t.page.getByRole('heading', { name: 'Studenten in mijn leergroepen' }).waitFor();
  await t.axe('learning-trainer');
  await t.page.getByRole('link', { name: 'Portfolio van Lotte Visser' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Portfolio van Lotte Visser' }).waitFor();
  // the forms stay closed until asked for: nine units do not show eighteen empty boxes
  assert.equal(await t.page.getByLabel(/^Toelichting bij aftekenen van BM1/).count(), 0);
  await t.page.getByRole('button', { name: 'BM1 aftekenen' }).click();
  await t.page.getByLabel(/^Toelichting bij aftekenen van BM1/).waitFor();
  await t.page.getByRole('button', { name: 'BM1 aftekenen' }).click();
  await t.page.locator('#f-sign-BM1-err').getByText('Vul dit in.').waitFor();
  await t.page.getByLabel(/^Toelichting bij aftekenen van BM1/).fill('Herstel: de opdrachten zijn goed uitgewerkt en besproken.');
  await t.page.getByRole('button', { name: 'BM1 aftekenen' }).click();
  await t.page.getByRole('status').filter({ hasText: 'BM1 is afgetekend.' }).waitFor();
  await expectText(t.page, 'Afgetekend door Peter van Dijk');
  await t.page.getByRole('button', { name: 'Aftekening BM1 intrekken' }).waitFor();
  await t.shot('portfolio-trainer');
  await t.axe('portfolio-trainer');
  await narrow('portfolio-trainer');
  await t.logout();
});

test('lotte sees BM1 signed off', async () => {
  await t.login('lotte@peerdesk.test');
  await t.goto('/learning');
  await bm1().getByText('Afgetekend', { exact: true }).waitFor();
  await bm1().getByText('4 van 9 opdrachten met bewijs').waitFor();
  await t.logout();
});
