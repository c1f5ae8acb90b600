// ui.js: the building blocks every screen uses, so that all screens label, announce and
// fail the same way (WCAG 2.1 AA): a page heading that takes focus on navigation, fields
// whose label, hint and error are tied to the input, an error summary that names each
// field, live regions for loading and saving, a real <dialog> for confirmations, and the
// conflict view that shows both versions of a record and never loses typed text.

import { html, useEffect, useRef, useState, useId } from './html.js';
import { strings } from './i18n.js';

const T = strings({
  nl: {
    loading: 'Bezig met laden…', error: 'Er ging iets mis', retry: 'Opnieuw proberen',
    more: 'Meer laden', cancel: 'Annuleren', confirm: 'Bevestigen', required: 'verplicht',
    summary: 'Controleer deze velden:', network: 'Geen verbinding met de server. Probeer het opnieuw.',
    forbidden: 'Dit mag u niet met uw rollen.', notfound: 'Niet gevonden, of u heeft geen toegang.',
    conflict_title: 'Iemand anders heeft dit intussen gewijzigd',
    conflict_body: 'Uw tekst is bewaard. Vergelijk de twee versies en kies wat u wilt bewaren.',
    conflict_theirs: 'Zoals het nu is opgeslagen', conflict_yours: 'Uw versie (nog niet opgeslagen)',
    conflict_keep_mine: 'Mijn versie opslaan', conflict_take_theirs: 'Hun versie houden',
    trace: 'Foutcode voor de beheerder: {id}',
  },
  en: {
    loading: 'Loading…', error: 'Something went wrong', retry: 'Try again',
    more: 'Load more', cancel: 'Cancel', confirm: 'Confirm', required: 'required',
    summary: 'Please check these fields:', network: 'No connection to the server. Please try again.',
    forbidden: 'Your roles do not allow this.', notfound: 'Not found, or you have no access.',
    conflict_title: 'Someone else changed this in the meantime',
    conflict_body: 'Your text is kept. Compare the two versions and choose what to save.',
    conflict_theirs: 'As saved now', conflict_yours: 'Your version (not saved yet)',
    conflict_keep_mine: 'Save my version', conflict_take_theirs: 'Keep theirs',
    trace: 'Error code for the administrator: {id}',
  },
});

// The screen's <h1>. Sets the document title and takes focus after navigation, so a
// screen-reader user hears where they are.
export function Page({ title, actions, children }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${title} · peerdesk`;
    if (ref.current) ref.current.focus({ preventScroll: true });
  }, [title]);
  return html`<section class="page">
    <div class="page-head">
      <h1 tabindex="-1" ref=${ref}>${title}</h1>
      ${actions ? html`<div class="page-actions">${actions}</div>` : null}
    </div>
    ${children}
  </section>`;
}

export function Loading({ label }) {
  return html`<p class="loading" role="status" aria-live="polite">${label || T('loading')}</p>`;
}

export function Empty({ children }) {
  return html`<div class="empty"><p>${children}</p></div>`;
}

// A human sentence for an ApiError (or any error).
export function errorText(err) {
  if (!err) return '';
  if (err.status === 0) return T('network');
  if (err.status === 403) return err.message && err.type !== 'forbidden' ? err.message : T('forbidden');
  if (err.status === 404) return T('notfound');
  return err.message || T('error');
}

export function ErrorBox({ error, onRetry }) {
  if (!error) return null;
  return html`<div class="error-box" role="alert">
    <p><strong>${T('error')}.</strong> ${errorText(error)}</p>
    ${error.traceId ? html`<p class="muted small">${T('trace', { id: error.traceId })}</p>` : null}
    ${onRetry ? html`<button type="button" class="secondary" onClick=${onRetry}>${T('retry')}</button>` : null}
  </div>`;
}

// Errors keyed by field name, from an ApiError: { field: message }. The server names one
// field (e.g. "reasons[2]" or "items[1].code"); its base name ("reasons", "items") is used
// for the input, and the full name is kept as _raw.
export function fieldErrors(err) {
  if (!err || !err.field) return {};
  const base = err.field.replace(/[[.].*$/, ''); // "items[1].code" -> "items"
  return { [base]: err.message, _raw: err.field };
}

// At the top of a form: names every field in error and links to it.
export function ErrorSummary({ errors, labels }) {
  const ref = useRef(null);
  const keys = Object.keys(errors || {}).filter((k) => !k.startsWith('_'));
  useEffect(() => { if (keys.length && ref.current) ref.current.focus(); }, [keys.join(',')]);
  if (!keys.length) return null;
  return html`<div class="error-summary" role="alert" tabindex="-1" ref=${ref}>
    <p>${T('summary')}</p>
    <ul>${keys.map((k) => html`<li><a href=${'#f-' + k}>${(labels && labels[k]) || k}</a>: ${errors[k]}</li>`)}</ul>
  </div>`;
}

// <label> + control + hint + error, tied together with ids. `as` is 'input' (default),
// 'textarea' or 'select'; other props go to the control.
export function Field({ name, label, hint, error, required, as = 'input', options, children, ...rest }) {
  const id = 'f-' + name;
  const hintId = hint ? id + '-hint' : undefined;
  const errId = error ? id + '-err' : undefined;
  const described = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const common = { id, name, required, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described, ...rest };
  let control;
  if (as === 'textarea') control = html`<textarea ...${common}></textarea>`;
  else if (as === 'select') control = html`<select ...${common}>${(options || []).map((o) => html`<option value=${o.value} disabled=${o.disabled}>${o.label}</option>`)}</select>`;
  else control = html`<input ...${common} />`;
  return html`<div class=${'field' + (error ? ' has-error' : '')}>
    <label for=${id}>${label}${required ? html` <span class="req">(${T('required')})</span>` : null}</label>
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${errId}>${error}</p>` : null}
    ${control}
    ${children}
  </div>`;
}

// A group of checkboxes in a fieldset: value is an array of codes.
export function Checks({ name, legend, hint, error, options, value, onChange, required }) {
  const set = new Set(value || []);
  const toggle = (code) => {
    const next = new Set(set);
    if (next.has(code)) next.delete(code); else next.add(code);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  const errId = error ? 'f-' + name + '-err' : undefined;
  return html`<fieldset class=${'checks' + (error ? ' has-error' : '')} id=${'f-' + name} aria-describedby=${errId}>
    <legend>${legend}${required ? html` <span class="req">(${T('required')})</span>` : null}</legend>
    ${hint ? html`<p class="hint">${hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${errId}>${error}</p>` : null}
    <div class="check-list">
      ${options.map((o) => html`<label class="check">
        <input type="checkbox" name=${name} value=${o.value} checked=${set.has(o.value)} onChange=${() => toggle(o.value)} />
        <span>${o.label}</span>
      </label>`)}
    </div>
  </fieldset>`;
}

// Radio buttons in a fieldset: value is one code.
export function Radios({ name, legend, error, options, value, onChange, required }) {
  return html`<fieldset class=${'checks' + (error ? ' has-error' : '')} id=${'f-' + name}>
    <legend>${legend}${required ? html` <span class="req">(${T('required')})</span>` : null}</legend>
    ${error ? html`<p class="field-error">${error}</p>` : null}
    <div class="check-list">
      ${options.map((o) => html`<label class="check">
        <input type="radio" name=${name} value=${o.value} checked=${value === o.value} onChange=${() => onChange(o.value)} />
        <span>${o.label}</span>
      </label>`)}
    </div>
  </fieldset>`;
}

// Confirmation before anything that cannot be undone. Usage:
//   const [ask, dialog] = useConfirm();
//   ... onClick=${() => ask({ title, body, confirm: 'Afsluiten' }).then((ok) => ok && doIt())}
//   ... ${dialog}
export function useConfirm() {
  const [state, setState] = useState(null);
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (state && d && !d.open) d.showModal();
  }, [state]);
  const ask = (opts) => new Promise((resolve) => setState({ ...opts, resolve }));
  const close = (ok) => { if (ref.current && ref.current.open) ref.current.close(); const s = state; setState(null); if (s) s.resolve(ok); };
  const dialog = state ? html`<dialog ref=${ref} class="confirm" aria-labelledby="confirm-title" onCancel=${(e) => { e.preventDefault(); close(false); }}>
    <h2 id="confirm-title">${state.title}</h2>
    ${state.body ? html`<p>${state.body}</p>` : null}
    <div class="actions">
      <button type="button" class="secondary" onClick=${() => close(false)}>${T('cancel')}</button>
      <button type="button" class=${state.danger ? 'danger' : ''} onClick=${() => close(true)}>${state.confirm || T('confirm')}</button>
    </div>
  </dialog>` : null;
  return [ask, dialog];
}

// A 412 answer: both versions side by side; the typed version stays in the form until the
// user chooses. `fields` lists [key, label] pairs to compare.
export function Conflict({ error, mine, fields, onKeepMine, onTakeTheirs }) {
  if (!error || error.status !== 412) return null;
  const theirs = error.current || {};
  const show = (v) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '—' : String(v));
  return html`<div class="conflict" role="alert">
    <h2>${T('conflict_title')}</h2>
    <p>${T('conflict_body')}</p>
    <div class="conflict-cols">
      <div><h3>${T('conflict_theirs')}</h3><dl>${fields.map(([k, l]) => html`<dt>${l}</dt><dd>${show(theirs[k])}</dd>`)}</dl></div>
      <div><h3>${T('conflict_yours')}</h3><dl>${fields.map(([k, l]) => html`<dt>${l}</dt><dd>${show(mine[k])}</dd>`)}</dl></div>
    </div>
    <div class="actions">
      <button type="button" onClick=${() => onKeepMine(theirs.version)}>${T('conflict_keep_mine')}</button>
      <button type="button" class="secondary" onClick=${() => onTakeTheirs(theirs)}>${T('conflict_take_theirs')}</button>
    </div>
  </div>`;
}

// "Load more" under a list; `loading` disables it and announces.
export function More({ onMore, loading, done }) {
  if (done) return null;
  return html`<p class="more"><button type="button" class="secondary" onClick=${onMore} disabled=${loading} aria-busy=${loading ? 'true' : 'false'}>${loading ? T('loading') : T('more')}</button></p>`;
}

// Announces a short status ("Opgeslagen") to screen readers and shows it.
export function Status({ children }) {
  return html`<p class="status" role="status" aria-live="polite">${children || ''}</p>`;
}

// useLoad(fn, deps) -> { data, error, loading, reload }
export function useLoad(fn, deps = []) {
  const [st, setSt] = useState({ data: null, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setSt((s) => ({ ...s, loading: true, error: null }));
    fn().then((data) => live && setSt({ data, error: null, loading: false }))
      .catch((error) => live && setSt({ data: null, error, loading: false }));
    return () => { live = false; };
  }, [...deps, n]);
  return { ...st, reload: () => setN((x) => x + 1) };
}

export { useId };
