// login.js: log in, then the second factor: a code from the authenticator app, or, the
// first time, setting the app up (the otpauth link and the secret to type over).

import { html, useState, useEffect, useRef } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings } from '../lib/i18n.js';
import { granted, level, me, logout } from '../lib/session.js';
import { Field, ErrorBox, fieldErrors, ErrorSummary } from '../lib/ui.js';

// The otpauth link as a QR code, drawn as SVG rectangles from the module matrix.
function Qr({ text, label }) {
  const [cells, setCells] = useState(null);
  useEffect(() => {
    let live = true;
    import('../vendor/qrcode.mjs').then(({ qrcode }) => {
      const qr = qrcode(0, 'M');
      qr.addData(text);
      qr.make();
      const n = qr.getModuleCount();
      const dark = [];
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) dark.push([c, r]);
      if (live) setCells({ n, dark });
    }).catch(() => live && setCells(null));
    return () => { live = false; };
  }, [text]);
  if (!cells) return null;
  const size = cells.n + 8; // 4 modules of quiet zone on each side
  return html`<svg class="qr" role="img" aria-label=${label} viewBox=${`-4 -4 ${size} ${size}`} width="200" height="200" shape-rendering="crispEdges">
    <rect x="-4" y="-4" width=${size} height=${size} fill="#fff" />
    ${cells.dark.map(([x, y]) => html`<rect x=${x} y=${y} width="1" height="1" fill="#000" />`)}
  </svg>`;
}

const T = strings({
  nl: {
    title: 'Inloggen', email: 'E-mailadres', password: 'Wachtwoord', submit: 'Inloggen',
    busy: 'Bezig…', wrong: 'Dit e-mailadres en wachtwoord horen niet bij elkaar.',
    throttled: 'Te veel pogingen. Probeer het over {s} seconden opnieuw.',
    locked: 'Te veel mislukte pogingen. Vraag de beheerder om uw wachtwoord opnieuw in te stellen.',
    totp_title: 'Tweede stap', code: 'Code uit uw authenticator-app', code_hint: '6 cijfers',
    verify: 'Bevestigen', wrong_code: 'Deze code klopt niet. Kijk of de klok van uw telefoon goed staat.',
    enrol_title: 'Tweede stap instellen',
    enrol_intro: 'Uw organisatie vraagt een tweede stap bij het inloggen. Voeg peerdesk toe aan een authenticator-app (bijvoorbeeld op uw telefoon) en vul daarna de code in.',
    enrol_link: 'Open in authenticator-app', enrol_secret: 'Of typ deze sleutel over:',
    qr: 'QR-code om te scannen met uw authenticator-app', enrol_scan: 'Scan deze QR-code met de app:',
    other_account: 'Met een ander account inloggen', tagline: 'Ervaringsdeskundigheid, samen ingezet.',
  },
  en: {
    title: 'Log in', email: 'Email address', password: 'Password', submit: 'Log in',
    busy: 'Working…', wrong: 'This email address and password do not match.',
    throttled: 'Too many attempts. Try again in {s} seconds.',
    locked: 'Too many failed attempts. Ask the administrator to reset your password.',
    totp_title: 'Second step', code: 'Code from your authenticator app', code_hint: '6 digits',
    verify: 'Confirm', wrong_code: 'This code is not right. Check that your phone\'s clock is correct.',
    enrol_title: 'Set up the second step',
    enrol_intro: 'Your organisation asks for a second step when you log in. Add peerdesk to an authenticator app (on your phone, for example), then enter its code.',
    enrol_link: 'Open in authenticator app', enrol_secret: 'Or type this key:',
    qr: 'QR code to scan with your authenticator app', enrol_scan: 'Scan this QR code with the app:',
    other_account: 'Log in with another account', tagline: 'Lived experience, put to work together.',
  },
});

function message(err) {
  if (!err) return null;
  if (err.status === 401) return T('wrong');
  if (err.status === 429) {
    const s = err.problem && err.problem.retry_after;
    return /administrator|beheerder|reset/i.test(err.message) ? T('locked') : T('throttled', { s: s || '…' });
  }
  return null;
}

function Password() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      granted(await api('POST', '/session', { email: email.trim(), password }, { quiet401: true }));
    } catch (x) { setErr(x); setBusy(false); }
  };
  const known = message(err);
  const fe = known ? {} : fieldErrors(err);
  return html`<form class="login-form" onSubmit=${submit} noValidate>
    <h1>${T('title')}</h1>
    ${known ? html`<div class="error-box" role="alert"><p>${known}</p></div>` : null}
    ${!known && err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${ErrorSummary} errors=${fe} labels=${{ email: T('email'), password: T('password') }} />
    <${Field} name="email" type="email" label=${T('email')} autocomplete="username" required
      value=${email} onInput=${(e) => setEmail(e.target.value)} error=${fe.email} autofocus />
    <${Field} name="password" type="password" label=${T('password')} autocomplete="current-password" required
      value=${password} onInput=${(e) => setPassword(e.target.value)} error=${fe.password} />
    <button type="submit" disabled=${busy}>${busy ? T('busy') : T('submit')}</button>
  </form>`;
}

function Code({ enrol }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState(null);
  const [setup, setSetup] = useState(null);
  useEffect(() => {
    if (enrol) api('POST', '/me/totp', null).then(setSetup).catch(setErr);
  }, [enrol]);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null);
    try {
      granted(await api('POST', enrol ? '/me/totp/verify' : '/session/totp', { code: code.trim() }, { quiet401: true }));
    } catch (x) { setErr(x); setBusy(false); }
  };
  const wrong = err && (err.status === 401 || err.status === 422) ? T('wrong_code') : null;
  return html`<form class="login-form" onSubmit=${submit} noValidate>
    <h1>${enrol ? T('enrol_title') : T('totp_title')}</h1>
    ${enrol ? html`<p>${T('enrol_intro')}</p>` : null}
    ${enrol && setup ? html`<div class="enrol">
      <p>${T('enrol_scan')}</p>
      <${Qr} text=${setup.otpauth_uri} label=${T('qr')} />
      <p><a href=${setup.otpauth_uri}>${T('enrol_link')}</a></p>
      <p>${T('enrol_secret')} <code class="secret">${(setup.secret || '').replace(/(.{4})/g, '$1 ').trim()}</code></p>
    </div>` : null}
    ${err && !wrong ? html`<${ErrorBox} error=${err} />` : null}
    <${Field} name="code" label=${T('code')} hint=${T('code_hint')} inputmode="numeric" autocomplete="one-time-code"
      pattern="[0-9]{6}" maxlength="6" required value=${code} onInput=${(e) => setCode(e.target.value)} error=${wrong} autofocus />
    <button type="submit" disabled=${busy}>${busy ? T('busy') : T('verify')}</button>
    <p><button type="button" class="link" onClick=${logout}>${T('other_account')}</button></p>
  </form>`;
}

export function LoginScreen() {
  const ref = useRef(null);
  const lv = me() ? level() : null;
  useEffect(() => { document.title = `${T('title')} · peerdesk`; }, []);
  return html`<main id="main" class="login" ref=${ref}>
    <div class="login-card">
      <p class="brand-big" aria-hidden="true">peerdesk</p>
      <p class="tagline">${T('tagline')}</p>
      ${lv === 'totp' ? html`<${Code} enrol=${false} />`
        : lv === 'totp_enrol' ? html`<${Code} enrol=${true} />`
        : html`<${Password} />`}
    </div>
  </main>`;
}
