// lib.mjs: what every browser test needs. start() makes a fresh demo database in a temp
// directory, serves it on a free loopback port and launches Debian's chromium headless with
// the flags ARCHITECTURE.md 8 requires. Two browser contexts: `page` enforces our CSP (the
// functional tests run there, so a CSP regression fails them); `axe()` runs axe-core in a
// separate context that bypasses the CSP only to inject axe itself.
//
//   const t = await start();            // { base, page, login, axe, shot, stop, cli }
//   await t.login('sanne@peerdesk.test');
//   await t.axe('mijn-werk');           // throws on serious/critical violations
//   await t.stop();

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
export const PEERDESK = resolve(root, process.env.PEERDESK || 'build/debug/peerdesk');
export const ARTEFACTS = resolve(root, process.env.E2E_ARTEFACTS || 'build/e2e');
export const PASSWORD = 'ervaring-telt';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = readFileSync(resolve(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

async function waitHealthy(base, proc, log) {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error('peerdesk serve exited:\n' + log());
    try { const r = await fetch(base + '/healthz'); if (r.ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('peerdesk did not become healthy:\n' + log());
}

export async function start({ name = 'e2e', viewport = { width: 1280, height: 900 } } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pd-e2e-'));
  const db = join(dir, 'pd.db');
  const logins = execFileSync(PEERDESK, ['init', '--db', db, '--demo'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let out = '';
  const proc = spawn(PEERDESK, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PEERDESK_LOG_LEVEL: process.env.PEERDESK_LOG_LEVEL || 'warn' } });
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  await waitHealthy(base, proc, () => out);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // No --user-data-dir: Playwright refuses it here and gives every launch a fresh,
    // temporary profile of its own, which is what we want.
  });
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('dialog', (d) => { problems.push('a script opened a dialog: ' + d.message()); d.dismiss(); });
  rmSync(join(ARTEFACTS, name), { recursive: true, force: true }); // no screenshots of older runs
  mkdirSync(join(ARTEFACTS, name), { recursive: true });
  let shotN = 0;

  const t = {
    base, page, context, browser, dir, db, logins, problems,
    cli: (...args) => execFileSync(PEERDESK, [...args, '--db', db], { encoding: 'utf8' }),
    serverLog: () => out,
    async goto(path) { await page.goto(base + path); },
    async login(email, password = PASSWORD) {
      await page.goto(base + '/');
      await page.getByLabel(/E-mailadres|Email address/).fill(email);
      await page.getByLabel(/^(Wachtwoord|Password)/).fill(password);
      await page.getByRole('button', { name: /^(Inloggen|Log in)$/ }).click();
      // The log-out button: every logged-in worker has it (a manager's menu is empty).
      await page.getByRole('button', { name: /^(Uitloggen|Log out)$/ }).waitFor();
    },
    async logout() {
      await page.getByRole('button', { name: /^(Uitloggen|Log out)$/ }).click();
      await page.getByRole('button', { name: /^(Inloggen|Log in)$/ }).waitFor();
    },
    async shot(label) {
      shotN += 1;
      const file = join(ARTEFACTS, name, `${String(shotN).padStart(2, '0')}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    // axe-core on the current URL in a CSP-bypassing context with the same cookies.
    async axe(label) {
      const ctx = await browser.newContext({ bypassCSP: true, viewport, locale: 'nl-NL',
        storageState: await context.storageState() });
      const p = await ctx.newPage();
      try {
        await p.goto(page.url());
        await p.waitForLoadState('networkidle');
        await p.waitForFunction(() => !document.querySelector('.loading, .boot'), null, { timeout: 10000 }).catch(() => {});
        await p.addScriptTag({ content: AXE });
        const res = await p.evaluate(async () => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        }));
        const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        writeFileSync(join(ARTEFACTS, name, `axe-${label}.json`), JSON.stringify(res.violations, null, 2));
        if (bad.length) {
          const lines = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
          throw new Error(`axe on ${label} (${page.url()}):\n  ` + lines.join('\n  '));
        }
        return res;
      } finally {
        await ctx.close();
      }
    },
    async stop() {
      await browser.close().catch(() => {});
      proc.kill('SIGTERM');
      await new Promise((r) => { if (proc.exitCode !== null) r(); else proc.on('exit', r); });
      if (!process.env.E2E_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

// The API as one worker, from Node (to set up what a test then looks at in the browser):
//   const sanne = await apiAs(t.base, 'sanne@peerdesk.test');
//   const d = await sanne.call('POST', '/clients', {...});        // throws on >= 400
//   await sanne.call('PATCH', '/notes/' + id, {...}, { version: 1 });
export async function apiAs(base, email, password = PASSWORD) {
  const r = await fetch(base + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf, user } = await r.json();
  return {
    user,
    async call(method, path, body, { version, allow = [] } = {}) {
      const headers = { Cookie: cookie, 'X-CSRF-Token': csrf };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (version !== undefined) headers['If-Match'] = `"${version}"`;
      const res = await fetch(base + '/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      const json = text ? JSON.parse(text) : null;
      if (res.status >= 400 && !allow.includes(res.status)) throw new Error(`${method} ${path} as ${email}: ${res.status} ${text}`);
      return json;
    },
  };
}

// A user-visible assertion helper: fails with what the page showed.
export async function expectText(page, text, { timeout = 5000 } = {}) {
  const loc = page.getByText(text).first();
  try {
    await loc.waitFor({ timeout });
  } catch (e) {
    const body = (await page.locator('body').innerText()).slice(0, 1500);
    throw new Error(`expected to see ${text} on ${page.url()}, the page shows:\n${body}`);
  }
  return loc;
}
