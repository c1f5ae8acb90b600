// 05-totp: an organisation made with `peerdesk org add` asks a second factor of everyone
// who can reach client data. A new generalist logs in, is shown the key to add to an
// authenticator app (link and typed-over secret), enters a wrong code (told so), then the
// right one and reaches Mijn werk; the next login asks for the code only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { start, expectText, PEERDESK } from './lib.mjs';

const PASSWORD = 'een lang en geheim wachtwoord';
let t;

function base32(s) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/[\s=]/g, '').toUpperCase()) bits += abc.indexOf(c).toString(2).padStart(5, '0');
  const out = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(out);
}

// RFC 6238 with SHA-1, 30 s steps, 6 digits; step offset k.
function totp(secret, k = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + k));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 15;
  const n = (h.readUInt32BE(o) & 0x7fffffff) % 1000000;
  return String(n).padStart(6, '0');
}

before(async () => {
  t = await start({ name: 'totp' });
  t.cli('org', 'add', '--slug', 'wijkteams', '--name', 'Wijkteams Test');
  execFileSync(PEERDESK, ['user', 'add', '--db', t.db, '--org', 'wijkteams', '--email', 'ilse@wijkteams.test',
    '--name', 'Ilse de Wit', '--role', 'generalist'], { input: PASSWORD + '\n' });
});
after(async () => { await t.stop(); });

let secret;
test('the first login shows the key for an authenticator app', async () => {
  const p = t.page;
  await t.goto('/');
  await p.getByLabel('E-mailadres').fill('ilse@wijkteams.test');
  await p.getByLabel(/^Wachtwoord/).fill(PASSWORD);
  await p.getByRole('button', { name: 'Inloggen' }).click();
  await p.getByRole('heading', { name: 'Tweede stap instellen' }).waitFor();
  // axe opens the page again, which starts the set-up anew (a new key); so check it first,
  // then reload: the key shown last is the one that counts.
  await t.axe('enrol');
  await p.reload();
  await p.locator('code.secret').waitFor();
  const href = await p.getByRole('link', { name: 'Open in authenticator-app' }).getAttribute('href');
  assert.match(href, /^otpauth:\/\/totp\//);
  secret = (await p.locator('code.secret').innerText()).replace(/\s/g, '');
  assert.equal(new URL(href).searchParams.get('secret'), secret, 'the link and the typed-over key agree');
  const qr = p.getByRole('img', { name: 'QR-code om te scannen met uw authenticator-app' });
  await qr.waitFor();
  assert.ok(await qr.locator('rect').count() > 200, 'the QR code is drawn');
  await t.shot('enrol');
});

test('a wrong code is refused with a hint, the right one lets her in', async () => {
  const p = t.page;
  const wrong = totp(secret, 0) === '000000' ? '111111' : '000000';
  await p.getByLabel(/^Code uit uw authenticator-app/).fill(wrong);
  await p.getByRole('button', { name: 'Bevestigen' }).click();
  await expectText(p, 'Deze code klopt niet.');
  await p.getByLabel(/^Code uit uw authenticator-app/).fill(totp(secret));
  await p.getByRole('button', { name: 'Bevestigen' }).click();
  await p.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
});

test('the next login asks for the code only', async () => {
  const p = t.page;
  await t.logout();
  await p.getByLabel('E-mailadres').fill('ilse@wijkteams.test');
  await p.getByLabel(/^Wachtwoord/).fill(PASSWORD);
  await p.getByRole('button', { name: 'Inloggen' }).click();
  await p.getByRole('heading', { name: 'Tweede stap' }).waitFor();
  assert.equal(await p.locator('code.secret').count(), 0, 'no key shown again');
  // A code is used once: wait for the next 30-second step rather than replay the last one.
  await p.waitForTimeout(30000 - (Date.now() % 30000) + 500);
  await p.getByLabel(/^Code uit uw authenticator-app/).fill(totp(secret));
  await p.getByRole('button', { name: 'Bevestigen' }).click();
  await p.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  await t.shot('logged-in');
});

test('no script errors', () => {
  assert.deepEqual(t.problems.filter((x) => !/status of 40[13]|status of 422/.test(x)), []);
});
