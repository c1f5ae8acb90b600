// 00-shell: the page loads under our CSP with no script errors, a demo worker logs in and
// out, wrong passwords get a clear message, the language switch is remembered by the
// server, the navigation follows the roles, and the shell works at 320 px wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, expectText } from './lib.mjs';

let t;
before(async () => { t = await start({ name: 'shell' }); });
after(async () => { await t.stop(); });

test('the page carries the strict CSP and long-cached assets', async () => {
  const r = await fetch(t.base + '/');
  assert.equal(r.status, 200);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const html = await r.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  const js = html.match(/src="(\/assets\/[0-9a-f]+\/main\.js)"/)[1];
  const a = await fetch(t.base + js);
  assert.equal(a.status, 200);
  assert.match(a.headers.get('cache-control'), /max-age=31536000, immutable/);
  const again = await fetch(t.base + js, { headers: { 'If-None-Match': a.headers.get('etag') } });
  assert.equal(again.status, 304);
});

test('a wrong password says so, in Dutch, and names nothing else', async () => {
  await t.goto('/');
  await t.page.getByLabel('E-mailadres').fill('sanne@peerdesk.test');
  await t.page.getByLabel(/^Wachtwoord/).fill('niet-het-wachtwoord');
  await t.page.getByRole('button', { name: 'Inloggen' }).click();
  await expectText(t.page, 'Dit e-mailadres en wachtwoord horen niet bij elkaar.');
  await t.shot('login-wrong');
  await t.axe('login');
});

test('a generalist logs in and sees casework navigation only', async () => {
  await t.login('sanne@peerdesk.test');
  const nav = t.page.getByRole('navigation', { name: 'Hoofdmenu' });
  await nav.getByRole('link', { name: 'Mijn werk' }).waitFor();
  await nav.getByRole('link', { name: 'Nieuwe cliënt' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Beheer' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'Wachtrij expertteam' }).count(), 0);
  await t.shot('generalist-home');
});

test('the language switch turns the UI English and the server remembers it', async () => {
  await t.page.getByRole('button', { name: 'Switch to English' }).click();
  await t.page.getByRole('link', { name: 'My work' }).waitFor();
  await t.page.waitForTimeout(200);
  await t.logout();
  await t.context.clearCookies();
  await t.page.evaluate(() => localStorage.clear());
  await t.login('sanne@peerdesk.test');
  await t.page.getByRole('link', { name: 'My work' }).waitFor();
  await t.page.getByRole('button', { name: 'Wissel naar Nederlands' }).click();
  await t.page.getByRole('link', { name: 'Mijn werk' }).waitFor();
});

test('administrator, privacy officer, manager, trainer, coach and researcher land on their own screens', async () => {
  await t.logout();
  await t.login('anouk@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
  await t.logout();
  await t.login('eva@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: /^Privacy/ }).waitFor();
  await t.logout();
  await t.login('henk@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Overzichten' }).waitFor();
  await t.logout();
  await t.login('peter@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Leren' }).waitFor();
  await t.logout();
  await t.login('ingrid@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Coaching' }).waitFor();
  await t.logout();
  await t.login('fatima@peerdesk.test');
  await t.page.getByRole('heading', { level: 1, name: 'Onderzoeksexport' }).waitFor();
  await t.logout();
  await t.login('sanne@peerdesk.test');
});

test('an unknown screen says so and offers the way back', async () => {
  await t.goto('/bestaat-niet');
  await expectText(t.page, 'Dit scherm bestaat (nog) niet.');
});

test('at 320 px wide nothing scrolls sideways', async () => {
  await t.page.setViewportSize({ width: 320, height: 700 });
  await t.goto('/');
  await t.page.getByRole('navigation', { name: /^(Hoofdmenu|Main menu)$/ }).waitFor();
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await t.shot('narrow');
  await t.page.setViewportSize({ width: 1280, height: 900 });
});

test('the skip link comes first and leads to the content', async () => {
  await t.goto('/');
  await t.page.getByRole('navigation', { name: /^(Hoofdmenu|Main menu)$/ }).waitFor();
  const first = await t.page.evaluate(() => {
    const f = document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
    return f && f.textContent;
  });
  assert.equal(first, 'Naar de inhoud', 'the first thing Tab reaches');
  await t.page.getByRole('link', { name: 'Naar de inhoud' }).focus();
  await t.page.keyboard.press('Enter');
  assert.match(t.page.url(), /#main$/);
});

test('no script errors and no dialogs along the way', () => {
  assert.deepEqual(t.problems.filter((p) => !/favicon|404|401/.test(p)), []);
});
