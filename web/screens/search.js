// search.js: "Zoeken" in the contact notes of the dossiers this worker may read
// (GET /api/v1/search?q=). The query lives in the URL (?q=), so back and forward step
// through earlier searches and a search can be bookmarked. Each hit shows the date of the
// contact and a few words around the match as plain text, with a link to the dossier.
// The server matches the beginnings of words: "schuld" finds "schuldhulpverlening".

import { html, useState, useEffect, useRef } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate } from '../lib/i18n.js';
import { navigate, Link } from '../lib/router.js';
import { Page, ErrorBox, Loading, Empty, Status } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Zoeken', label: 'Zoek in contactnotities', button: 'Zoeken',
    hint: 'Zoekt op het begin van woorden: "schuld" vindt ook "schuldhulpverlening". Meerdere woorden moeten allemaal voorkomen.',
    scope: 'Er wordt alleen gezocht in dossiers die u mag inzien. Zoekvragen worden niet bewaard.',
    start: 'Typ een of meer woorden en kies Zoeken.',
    none: 'Geen notities gevonden met "{q}". Probeer een ander of korter woord.',
    found_one: '1 notitie gevonden met "{q}".', found: '{n} notities gevonden met "{q}".',
    capped: 'U ziet de {n} beste resultaten; maak de zoekvraag specifieker om er meer te vinden.',
    results: 'Resultaten', note_of: 'Notitie van {date}', note_of_code: 'Dossier {code}, notitie van {date}', open: 'Open het dossier',
    open_label: 'Open het dossier van de notitie van {date}', empty_q: 'Vul eerst een zoekwoord in.',
  },
  en: {
    title: 'Search', label: 'Search contact notes', button: 'Search',
    hint: 'Matches the beginning of words: "debt" also finds "debtor". Several words must all occur.',
    scope: 'Only dossiers you may see are searched. Queries are not stored.',
    start: 'Type one or more words and choose Search.',
    none: 'No notes found with "{q}". Try another or a shorter word.',
    found_one: '1 note found with "{q}".', found: '{n} notes found with "{q}".',
    capped: 'You see the {n} best results; make your query more specific to find others.',
    results: 'Results', note_of: 'Note of {date}', note_of_code: 'Dossier {code}, note of {date}', open: 'Open the dossier',
    open_label: 'Open the dossier of the note of {date}', empty_q: 'Enter a search word first.',
  },
});

const MAX = 20;

// "...words around the match..." -> with a real ellipsis; always plain text.
function tidy(snippet) {
  return String(snippet || '').replace(/^\.\.\./, '…').replace(/\.\.\.$/, '…');
}

export function SearchScreen({ query }) {
  const q = (query && query.get('q')) || '';
  const [text, setText] = useState(q);
  const [st, setSt] = useState({ loading: !!q.trim(), error: null, items: null });
  const [n, setN] = useState(0);
  const [hint, setHint] = useState('');
  const inputRef = useRef(null);

  useEffect(() => {
    if (!q.trim()) { setSt({ loading: false, error: null, items: null }); return undefined; }
    let live = true;
    setSt({ loading: true, error: null, items: null });
    api('GET', '/search', null, { query: { q: q.trim(), limit: MAX } })
      .then((r) => live && setSt({ loading: false, error: null, items: r.items || [] }))
      .catch((error) => live && setSt({ loading: false, error, items: null }));
    return () => { live = false; };
  }, [q, n]);

  // Without a query the field takes focus, so one can start typing at once.
  useEffect(() => {
    if (q) return undefined;
    const t = setTimeout(() => inputRef.current && inputRef.current.focus(), 0);
    return () => clearTimeout(t);
  }, []);

  const submit = (e) => {
    e.preventDefault();
    const next = text.trim();
    if (!next) { setHint(T('empty_q')); if (inputRef.current) inputRef.current.focus(); return; }
    setHint('');
    if (next === q.trim()) setN((x) => x + 1);
    else navigate('/search?q=' + encodeURIComponent(next));
  };

  const items = st.items;
  const qErr = hint || (st.error && st.error.field === 'q' ? st.error.message : '');
  let summary = '';
  if (items && q) summary = items.length === 1 ? T('found_one', { q }) : items.length ? T('found', { n: items.length, q }) : '';

  return html`<${Page} title=${T('title')}>
    <form role="search" class="cps-search" onSubmit=${submit} noValidate>
      <div class="field">
        <label for="f-q">${T('label')}</label>
        <p class="hint" id="f-q-hint">${T('hint')}</p>
        ${qErr ? html`<p class="field-error" id="f-q-err">${qErr}</p>` : null}
        <div class="cps-search-row">
          <input id="f-q" ref=${inputRef} type="search" name="q" value=${text} autocomplete="off" spellcheck="false"
            maxlength="200" aria-describedby=${qErr ? 'f-q-hint f-q-err' : 'f-q-hint'} aria-invalid=${qErr ? 'true' : undefined}
            onInput=${(e) => setText(e.target.value)} />
          <button type="submit">${T('button')}</button>
        </div>
      </div>
      <p class="cps-scope small">${T('scope')}</p>
    </form>
    <${Status}>${st.loading ? '' : summary}</${Status}>
    ${!q ? html`<${Empty}>${T('start')}</${Empty}>`
      : st.loading ? html`<${Loading} />`
      : st.error && st.error.field === 'q' ? null
      : st.error ? html`<${ErrorBox} error=${st.error} onRetry=${() => setN((x) => x + 1)} />`
      : !items.length ? html`<div role="status"><${Empty}>${T('none', { q })}</${Empty}></div>`
      : html`<section aria-labelledby="results-h">
          <h2 id="results-h" class="cps-sr">${T('results')}</h2>
          <ul class="plain cps-hits">
            ${items.map((h) => html`<li key=${h.note_id}>
              <p class="cps-hit-date"><strong>${h.client_code ? T('note_of_code', { code: h.client_code, date: fmtDate(h.contact_on) }) : T('note_of', { date: fmtDate(h.contact_on) })}</strong></p>
              <p class="cps-text">${tidy(h.snippet)}</p>
              <p class="small"><${Link} href=${'/dossiers/' + h.dossier_id}
                aria-label=${T('open_label', { date: fmtDate(h.contact_on) })}>${T('open')}</${Link}></p>
            </li>`)}
          </ul>
          ${items.length >= MAX ? html`<p class="muted small">${T('capped', { n: MAX })}</p>` : null}
        </section>`}
  </${Page}>`;
}
