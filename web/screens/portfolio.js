// portfolio.js: a learning portfolio (/learning/portfolio/me or /<worker id>). The owner
// sees progress per unit, their evidence with the trainer's feedback, and may delete an
// item (after asking). A trainer of the owner's learning group also gives feedback on an
// item or a unit and signs a unit off with a note, or withdraws a sign-off with a reason
// (after asking; the history stays visible). Anyone else gets "not found" from the server.
// GET /api/v1/portfolio/{worker}, GET /curriculum, POST .../feedback, .../signoffs,
// .../signoffs/{id}/withdraw, DELETE .../evidence/{id}.

import { html, useState, useRef, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, fmtDateTime } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import { Page, Field, ErrorBox, Empty, Loading, Status, useLoad, useConfirm, fieldErrors } from '../lib/ui.js';
import { t, ProgressLine } from './learning.js';

const T = strings({
  nl: {
    mine: 'Mijn portfolio', of: 'Portfolio van {name}', back: 'Terug naar Leren',
    units_h: 'Voortgang per module', evidence_h: 'Bewijs', empty: 'Nog geen bewijs. Voeg bewijs toe bij een opdracht van een module.',
    comps_h: 'Bewijs per competentie', comp_line: '{code}: {n}',
    kind_text: 'Tekst', kind_link: 'Link', kind_file: 'Bestand', download: 'Download {name}', open_link: 'Open de link',
    for: 'Bij: {codes}', feedback: 'Feedback', feedback_by: '{name}, {when}', give_feedback: 'Feedback geven',
    fb_label: 'Feedback op "{title}"', fb_unit_label: 'Feedback op module {code}', send: 'Feedback versturen', give_fb: 'Feedback geven', cancel: 'Annuleren', sent: 'Feedback verstuurd.',
    delete: 'Verwijderen', delete_q: '"{title}" verwijderen?', delete_body: 'Het bewijs en de feedback erop zijn daarna weg.', deleted: 'Bewijs verwijderd.',
    sign_note: 'Toelichting bij aftekenen van {code}', sign: '{code} aftekenen', signed: '{code} is afgetekend.',
    signed_by: 'Afgetekend door {name} op {date}: {note}', withdraw_reason: 'Reden om de aftekening van {code} in te trekken',
    withdraw: 'Aftekening {code} intrekken', withdraw_q: 'Aftekening van {code} intrekken?',
    withdraw_body: 'De aftekening blijft zichtbaar in de geschiedenis, met uw reden.', withdrawn: 'Aftekening ingetrokken.',
    history_h: 'Geschiedenis van aftekeningen', withdrawn_line: 'ingetrokken op {date}: {reason}', err_required: 'Vul dit in.',
  },
  en: {
    mine: 'My portfolio', of: 'Portfolio of {name}', back: 'Back to Learning',
    units_h: 'Progress per unit', evidence_h: 'Evidence', empty: 'No evidence yet. Add evidence at an assignment of a unit.',
    comps_h: 'Evidence per competency', comp_line: '{code}: {n}',
    kind_text: 'Text', kind_link: 'Link', kind_file: 'File', download: 'Download {name}', open_link: 'Open the link',
    for: 'For: {codes}', feedback: 'Feedback', feedback_by: '{name}, {when}', give_feedback: 'Give feedback',
    fb_label: 'Feedback on "{title}"', fb_unit_label: 'Feedback on unit {code}', send: 'Send feedback', give_fb: 'Give feedback', cancel: 'Cancel', sent: 'Feedback sent.',
    delete: 'Delete', delete_q: 'Delete "{title}"?', delete_body: 'The evidence and its feedback will be gone.', deleted: 'Evidence deleted.',
    sign_note: 'Note with signing off {code}', sign: 'Sign off {code}', signed: '{code} is signed off.',
    signed_by: 'Signed off by {name} on {date}: {note}', withdraw_reason: 'Reason to withdraw the sign-off of {code}',
    withdraw: 'Withdraw sign-off {code}', withdraw_q: 'Withdraw the sign-off of {code}?',
    withdraw_body: 'The sign-off stays visible in the history, with your reason.', withdrawn: 'Sign-off withdrawn.',
    history_h: 'History of sign-offs', withdrawn_line: 'withdrawn on {date}: {reason}', err_required: 'Please fill this in.',
  },
});

// A button that opens one text area with a submit button; posts and reports back, errors
// next to the field. Closed until needed, so nine units do not show eighteen empty boxes.
// `opener`: the closed button's text when it differs from `button` (then `label` names it).
function MiniForm({ name, label, button, opener, onSubmit, danger }) {
  const [open, setOpen] = useState(false);
  const [v, setV] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const ref = useRef(null);
  useEffect(() => { if (open && ref.current) ref.current.querySelector('textarea').focus(); }, [open]);
  if (!open) {
    return html`<div class="actions"><button type="button" class="secondary" aria-label=${opener ? opener + ": " + label : undefined}
      aria-expanded="false" onClick=${() => setOpen(true)}>${opener || button}</button></div>`;
  }
  const close = () => { setOpen(false); setV(''); setError(''); };
  const submit = async (e) => {
    e.preventDefault();
    if (!v.trim()) { setError(T('err_required')); return; }
    setBusy(true);
    try { const ok = await onSubmit(v.trim()); if (ok !== false) close(); }
    catch (err) { setError(fieldErrors(err)[Object.keys(fieldErrors(err))[0]] || err.message); }
    finally { setBusy(false); }
  };
  return html`<form class="lr-mini" ref=${ref} onSubmit=${submit} novalidate>
    <${Field} as="textarea" name=${name} label=${label} required rows="3" value=${v} onInput=${(e) => setV(e.target.value)} error=${error} />
    <div class="actions"><button type="submit" class=${danger ? 'danger' : ''} disabled=${busy}>${button}</button>
      <button type="button" class="secondary" onClick=${close}>${T('cancel')}</button></div>
  </form>`;
}

function Evidence({ e, worker, p, trainer, feedback, act }) {
  const fb = feedback.filter((f) => f.evidence_id === e.id);
  const base = '/api/v1/portfolio/' + encodeURIComponent(worker) + '/evidence/' + e.id;
  return html`<li class="card" key=${e.id}>
    <h3>${e.title}</h3>
    <p class="muted small">${T('kind_' + e.kind)} · ${fmtDate(e.created_at)} · ${T('for', { codes: [...e.assignments, ...e.competencies].join(', ') })}</p>
    ${e.body ? html`<p class="lr-body">${e.body}</p>` : null}
    ${e.kind === 'link' ? html`<p><a href=${e.url} rel="noopener noreferrer" target="_blank">${T('open_link')}</a> <span class="muted small">${e.url}</span></p>` : null}
    ${e.kind === 'file' ? html`<p><a href=${base + '/file'} download=${e.file.name}>${T('download', { name: e.file.name })}</a></p>` : null}
    ${fb.length ? html`<div class="lr-feedback"><h4>${T('feedback')}</h4><ul>${fb.map((f) => html`<li key=${f.id}>
      <p>${f.body}</p><p class="muted small">${T('feedback_by', { name: f.author_name, when: fmtDateTime(f.created_at) })}</p></li>`)}</ul></div>` : null}
    ${trainer ? html`<${MiniForm} name=${'fb-' + e.id} label=${T('fb_label', { title: e.title })} button=${T('send')} opener=${T('give_fb')}
      onSubmit=${(body) => act(() => api('POST', '/portfolio/' + worker + '/feedback', { evidence_id: e.id, body }), T('sent'))} />` : null}
    ${!trainer && p.viewer === 'owner' ? html`<div class="actions"><button type="button" class="secondary"
      onClick=${() => act.confirm({ title: T('delete_q', { title: e.title }), body: T('delete_body'), confirm: T('delete'), danger: true },
        () => api('DELETE', '/portfolio/me/evidence/' + e.id), T('deleted'))}>${T('delete')}</button></div>` : null}
  </li>`;
}

function Unit({ u, unit, p, worker, trainer, act }) {
  const code = u.unit;
  const fb = p.feedback.filter((f) => f.unit === code);
  return html`<li class="card" key=${code}>
    <h3><${Link} href=${'/learning/units/' + encodeURIComponent(code)}>${code} · ${t(unit, 'title')}</${Link}></h3>
    <${ProgressLine} p=${u} />
    ${u.signoff ? html`<p>${T('signed_by', { name: u.signoff.trainer_name, date: fmtDate(u.signoff.signed_at), note: u.signoff.note })}</p>` : null}
    ${fb.map((f) => html`<p key=${f.id} class="lr-feedback">${f.body} <span class="muted small">(${T('feedback_by', { name: f.author_name, when: fmtDateTime(f.created_at) })})</span></p>`)}
    ${trainer && !u.signed_off ? html`<${MiniForm} name=${'sign-' + code} label=${T('sign_note', { code })} button=${T('sign', { code })}
      onSubmit=${(note) => act(() => api('POST', '/portfolio/' + worker + '/signoffs', { unit: code, note }), T('signed', { code }))} />` : null}
    ${trainer && u.signed_off ? html`<${MiniForm} name=${'withdraw-' + code} label=${T('withdraw_reason', { code })} button=${T('withdraw', { code })} danger
      onSubmit=${(reason) => act.confirm({ title: T('withdraw_q', { code }), body: T('withdraw_body'), confirm: T('withdraw', { code }), danger: true },
        () => api('POST', '/portfolio/' + worker + '/signoffs/' + u.signoff.id + '/withdraw', { reason }, { version: u.signoff.version }), T('withdrawn'))} />` : null}
    ${trainer ? html`<${MiniForm} name=${'fbu-' + code} label=${T('fb_unit_label', { code })} button=${T('send')} opener=${T('give_fb')}
      onSubmit=${(body) => act(() => api('POST', '/portfolio/' + worker + '/feedback', { unit: code, body }), T('sent'))} />` : null}
  </li>`;
}

export function PortfolioScreen({ params }) {
  const worker = params.worker;
  const [status, setStatus] = useState('');
  const [err, setErr] = useState(null);
  const [ask, dialog] = useConfirm();
  const st = useLoad(async () => {
    const [p, cur] = await Promise.all([api('GET', '/portfolio/' + encodeURIComponent(worker)), api('GET', '/curriculum')]);
    return { p, cur };
  }, [worker]);
  const title = worker === 'me' ? T('mine') : st.data ? T('of', { name: st.data.p.owner.name }) : T('mine');
  if (st.loading && !st.data) return html`<${Page} title=${title}><${Loading} /></${Page}>`;
  if (st.error) return html`<${Page} title=${title}><${ErrorBox} error=${st.error} onRetry=${st.reload} /></${Page}>`;
  const { p, cur } = st.data;
  const trainer = p.viewer === 'trainer';
  // Run a change, announce it and reload; errors stay next to the field (MiniForm) or on top.
  const act = async (fn, done) => { setErr(null); await fn(); setStatus(done); st.reload(); };
  act.confirm = async (q, fn, done) => {
    if (!(await ask(q))) return false;
    try { await act(fn, done); } catch (e) { setErr(e); }
    return true;
  };
  const byCode = Object.fromEntries(cur.units.map((u) => [u.code, u]));
  const units = p.progress.units.filter((u) => byCode[u.unit]);
  const comps = p.progress.competencies.filter((c) => c.evidence_count > 0);
  const history = p.signoffs.filter((s) => !s.standing);
  return html`<${Page} title=${title}>
    <p><${Link} href="/learning">${T('back')}</${Link}></p>
    <${Status}>${status}</${Status}>
    <${ErrorBox} error=${err} />
    <section aria-labelledby="pu-h"><h2 id="pu-h">${T('units_h')}</h2>
      <ul class="plain">${units.map((u) => html`<${Unit} key=${u.unit} u=${u} unit=${byCode[u.unit]} p=${p} worker=${worker} trainer=${trainer} act=${act} />`)}</ul>
    </section>
    <section aria-labelledby="pe-h"><h2 id="pe-h">${T('evidence_h')}</h2>
      ${p.evidence.length === 0 ? html`<${Empty}>${T('empty')}</${Empty}>` : html`<ul class="plain">
        ${p.evidence.map((e) => html`<${Evidence} key=${e.id} e=${e} worker=${worker} p=${p} trainer=${trainer} feedback=${p.feedback} act=${act} />`)}</ul>`}
    </section>
    ${comps.length ? html`<section aria-labelledby="pc-h"><h2 id="pc-h">${T('comps_h')}</h2>
      <ul>${comps.map((c) => html`<li key=${c.code}>${T('comp_line', { code: c.code, n: c.evidence_count })}</li>`)}</ul></section>` : null}
    ${history.length ? html`<section aria-labelledby="ph-h"><h2 id="ph-h">${T('history_h')}</h2>
      <ul>${history.map((s) => html`<li key=${s.id}>${s.unit}: ${T('signed_by', { name: s.trainer_name, date: fmtDate(s.signed_at), note: s.note })};
        ${T('withdrawn_line', { date: fmtDate(s.withdrawn_at), reason: s.withdraw_reason })}</li>`)}</ul></section>` : null}
    ${dialog}
  </${Page}>`;
}
