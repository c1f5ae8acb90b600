// story.js: "Mijn herstelverhaal". A student or experience expert writes one or more recovery
// stories, each in a form of their choice, made of fragments. Everything is private until
// the author shares one fragment, with one explicit action, with the trainer(s) or the
// whole learning group, and says whether feedback is wanted (yes / no / only what it
// evokes). Saving makes a new version; older versions can be opened and compared with the
// current one. Versions for an audience (one-to-one, group, stage) are prepared here too.
// "Gedeeld met mij" lists fragments others shared with the worker, with a response form
// when the author wants one. Model and rules: docs/story.md.
//
// URLs: /story (my stories and what is shared with me), /story?id=ID (one story).

import { html, useState, useEffect } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate, fmtDateTime } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import { navigate, Link } from '../lib/router.js';
import {
  Page, Field, Radios, ErrorBox, ErrorSummary, fieldErrors, Status, Loading, Empty, More, useConfirm, useLoad,
} from '../lib/ui.js';

const TITLE_MAX = 200;
const FRAGMENT_MAX = 20000;
const NOTE_MAX = 4000;
const RESPONSE_MAX = 2000;
const FORMS = ['story', 'poem', 'diary', 'comic', 'essay', 'other'];
const SCOPES = ['self', 'trainer', 'group'];
const FEEDBACK = ['no', 'yes', 'only_evokes'];
const AUDIENCES = ['one_to_one', 'group', 'stage'];

const T = strings({
  nl: {
    title: 'Mijn herstelverhaal',
    intro: 'Uw verhaal is van u. Alles wat u hier schrijft is privé: niemand anders ziet het, ook uw trainer en uw leergroep niet, tot u zelf één fragment deelt.',
    mine_h: 'Mijn verhalen', mine_empty: 'U heeft nog geen verhaal. Vaak is er meer dan één: wat u onderuit haalde, en hoe u er weer bovenop kwam.',
    new_h: 'Nieuw verhaal', new_title: 'Titel', new_form: 'Vorm', start: 'Verhaal beginnen',
    f_story: 'Verhaal', f_poem: 'Gedicht', f_diary: 'Dagboek', f_comic: 'Beschrijving van een strip', f_essay: 'Essay', f_other: 'Anders',
    version_n: 'versie {n}', shared_n: '{n} van {m} fragmenten gedeeld', none_shared: 'niets gedeeld',
    back: 'Terug naar mijn verhalen', loading_story: 'Verhaal laden…',
    edit_h: 'Schrijven', fragments_h: 'Fragmenten',
    fragments_hint: 'Verdeel uw verhaal in delen. Elk fragment kunt u apart delen, of niet.',
    fragment_n: 'Fragment {n}', fragment_new: 'Fragment {n} (nieuw, nog niet opgeslagen)',
    add_fragment: 'Fragment toevoegen', up: 'Omhoog', down: 'Omlaag', remove: 'Verwijderen', remove_fragment: 'Fragment verwijderen',
    up_label: 'Fragment {n} omhoog', down_label: 'Fragment {n} omlaag', remove_label: 'Fragment {n} verwijderen',
    remove_q: 'Fragment {n} verwijderen?',
    remove_body: 'Het fragment staat niet meer in de nieuwe versie zodra u opslaat, en wordt met niemand meer gedeeld. Eerdere versies blijven bewaard.',
    no_fragments: 'Nog geen fragmenten. Voeg er een toe.',
    wont_share: 'Wat ik niet deel', wont_share_hint: 'Alleen voor uzelf: wat u bewust voor u houdt. Dit ziet nooit iemand anders.',
    save: 'Opslaan als nieuwe versie', saving: 'Bezig met opslaan…', saved: 'Opgeslagen als versie {n}.', saved_same: 'Opgeslagen.',
    shared_edit_warn: 'Dit fragment is gedeeld. Na opslaan zien {who} de nieuwe tekst.',
    who_trainer: 'uw trainer(s)', who_group: 'de leden van uw leergroep',
    sharing_h: 'Delen en reacties',
    sharing_intro: 'Delen gaat per fragment en alleen als u op "Deling opslaan" drukt. Opslaan van tekst verandert nooit met wie u deelt.',
    share_h: 'Delen van fragment {n}', scope: 'Wie mag dit fragment zien?',
    s_self: 'Alleen ik', s_trainer: 'Mijn trainer(s)', s_group: 'Mijn leergroep (trainers en studenten)',
    feedback: 'Wilt u reacties?', fb_no: 'Nee, geen reacties', fb_yes: 'Ja, feedback is welkom', fb_only_evokes: 'Alleen wat het oproept',
    share_save: 'Deling opslaan', share_saved: 'Deling opgeslagen.',
    share_new: 'Sla het verhaal eerst op; daarna kunt u dit fragment delen.',
    now_self: 'Nu: alleen u ziet dit fragment.', now_trainer: 'Nu gedeeld met uw trainer(s).', now_group: 'Nu gedeeld met uw leergroep.',
    no_trainer: 'U zit als student niet in een leergroep met een trainer, dus delen met een trainer kan niet.',
    no_group: 'U zit niet in een leergroep met anderen, dus delen met een groep kan niet.',
    responses_h: 'Reacties', k_feedback: 'Feedback', k_evokes: 'Wat het oproept', by_on: '{name}, {when}',
    versions_h: 'Versies', versions_empty: 'Nog geen versies.',
    version_row: 'Versie {n}', current: 'huidige versie', fragments_count: '{n} fragmenten',
    open: 'Bekijken', close: 'Sluiten', version_view: 'Versie {n}, opgeslagen {when} (alleen lezen)',
    c_same: 'ongewijzigd', c_changed: 'anders dan nu', c_gone: 'niet meer in de huidige versie',
    aud_h: 'Versies voor publiek',
    aud_intro: 'Bereid voor wat u vertelt in een één-op-ééngesprek, in een groep of op een podium: kies fragmenten, zet ze in volgorde en pas ze aan. Ook dit is alleen voor u.',
    aud_empty: 'Nog geen versie voor publiek.', aud_new: 'Nieuwe versie voor publiek',
    a_one_to_one: 'Eén-op-één', a_group: 'Groep', a_stage: 'Podium of lezing',
    aud_kind: 'Voor wie', aud_title: 'Titel', aud_pick: 'Fragmenten overnemen',
    aud_pick_hint: 'Een aangevinkt fragment komt onderaan als onderdeel; daar kunt u de tekst aanpassen.',
    aud_items: 'Wat ik vertel, in volgorde', aud_item: 'Onderdeel {n}', aud_item_from: 'Onderdeel {n} (uit fragment {f})',
    aud_add_text: 'Eigen tekst toevoegen', aud_save: 'Versie voor publiek opslaan', aud_saved: 'Versie voor publiek opgeslagen.',
    aud_delete: 'Verwijderen', aud_delete_q: '"{title}" verwijderen?', aud_delete_body: 'Deze versie voor publiek is daarna weg.',
    aud_deleted: 'Verwijderd.', aud_no_items: 'Nog geen onderdelen.', aud_item_remove: 'Onderdeel {n} verwijderen',
    item_up: 'Onderdeel {n} omhoog', item_down: 'Onderdeel {n} omlaag',
    delete_story: 'Verhaal verwijderen', delete_q: '"{title}" verwijderen?',
    delete_body: 'Het verhaal met alle versies, fragmenten, delingen, reacties en versies voor publiek wordt verwijderd. Dit kan niet ongedaan worden gemaakt.',
    deleted: 'Het verhaal is verwijderd.',
    conflict: 'Dit verhaal is intussen ergens anders opgeslagen (bijvoorbeeld in een ander tabblad). Uw tekst staat hieronder nog; kies wat u doet.',
    keep_mine: 'Mijn tekst opslaan als nieuwe versie', take_theirs: 'De opgeslagen versie laden',
    shared_h: 'Gedeeld met mij',
    shared_intro: 'Fragmenten die anderen uit uw leergroep met u deelden. U ziet alleen deze fragmenten, niet de rest van hun verhaal.',
    shared_empty: 'Er is nog niets met u gedeeld.',
    from: 'Uit "{title}" van {name}', via_trainer: 'gedeeld met de trainer(s)', via_group: 'gedeeld met de leergroep',
    wish_no: 'De schrijver wil geen reacties op dit fragment.',
    wish_yes: 'De schrijver stelt feedback op prijs.',
    wish_only_evokes: 'De schrijver vraagt alleen wat het fragment bij u oproept: geen oordeel en geen advies.',
    respond: 'Uw reactie', respond_evokes: 'Wat roept dit bij u op?',
    respond_hint: 'Alleen de schrijver ziet uw reactie, andere lezers niet.',
    send: 'Reactie versturen', sent: 'Reactie verstuurd.', my_responses: 'Mijn reacties',
    err_required: 'Vul dit in.', err_long: 'Maximaal {max} tekens; nu {n}.',
    count: '{n} van {max} tekens',
  },
  en: {
    title: 'My recovery story',
    intro: 'Your story is yours. Everything you write here is private: nobody else sees it, not your trainer or your learning group either, until you share one fragment yourself.',
    mine_h: 'My stories', mine_empty: 'You have no story yet. Often there is more than one: what knocked you over, and how you came through.',
    new_h: 'New story', new_title: 'Title', new_form: 'Form', start: 'Start a story',
    f_story: 'Story', f_poem: 'Poem', f_diary: 'Diary', f_comic: 'Description of a comic', f_essay: 'Essay', f_other: 'Other',
    version_n: 'version {n}', shared_n: '{n} of {m} fragments shared', none_shared: 'nothing shared',
    back: 'Back to my stories', loading_story: 'Loading story…',
    edit_h: 'Writing', fragments_h: 'Fragments',
    fragments_hint: 'Divide your story into parts. You can share each fragment separately, or not.',
    fragment_n: 'Fragment {n}', fragment_new: 'Fragment {n} (new, not saved yet)',
    add_fragment: 'Add a fragment', up: 'Up', down: 'Down', remove: 'Remove', remove_fragment: 'Remove fragment',
    up_label: 'Move fragment {n} up', down_label: 'Move fragment {n} down', remove_label: 'Remove fragment {n}',
    remove_q: 'Remove fragment {n}?',
    remove_body: 'Once you save, the fragment is not in the new version and is no longer shared with anyone. Earlier versions are kept.',
    no_fragments: 'No fragments yet. Add one.',
    wont_share: 'What I will not share', wont_share_hint: 'Only for you: what you consciously keep to yourself. Nobody else ever sees this.',
    save: 'Save as a new version', saving: 'Saving…', saved: 'Saved as version {n}.', saved_same: 'Saved.',
    shared_edit_warn: 'This fragment is shared. After saving, {who} will see the new text.',
    who_trainer: 'your trainer(s)', who_group: 'the members of your learning group',
    sharing_h: 'Sharing and responses',
    sharing_intro: 'Sharing is per fragment and only when you press "Save sharing". Saving text never changes whom you share with.',
    share_h: 'Sharing fragment {n}', scope: 'Who may see this fragment?',
    s_self: 'Only me', s_trainer: 'My trainer(s)', s_group: 'My learning group (trainers and students)',
    feedback: 'Do you want responses?', fb_no: 'No responses', fb_yes: 'Yes, feedback is welcome', fb_only_evokes: 'Only what it evokes',
    share_save: 'Save sharing', share_saved: 'Sharing saved.',
    share_new: 'Save the story first; then you can share this fragment.',
    now_self: 'Now: only you see this fragment.', now_trainer: 'Now shared with your trainer(s).', now_group: 'Now shared with your learning group.',
    no_trainer: 'You are not a student in a learning group with a trainer, so you cannot share with a trainer.',
    no_group: 'You are not in a learning group with others, so you cannot share with a group.',
    responses_h: 'Responses', k_feedback: 'Feedback', k_evokes: 'What it evokes', by_on: '{name}, {when}',
    versions_h: 'Versions', versions_empty: 'No versions yet.',
    version_row: 'Version {n}', current: 'current version', fragments_count: '{n} fragments',
    open: 'View', close: 'Close', version_view: 'Version {n}, saved {when} (read-only)',
    c_same: 'unchanged', c_changed: 'different from now', c_gone: 'no longer in the current version',
    aud_h: 'Versions for an audience',
    aud_intro: 'Prepare what you will tell in a one-to-one conversation, in a group or on a stage: choose fragments, put them in order and adapt them. This too is only for you.',
    aud_empty: 'No version for an audience yet.', aud_new: 'New version for an audience',
    a_one_to_one: 'One-to-one', a_group: 'Group', a_stage: 'Stage or lecture',
    aud_kind: 'For whom', aud_title: 'Title', aud_pick: 'Take over fragments',
    aud_pick_hint: 'A ticked fragment is added at the bottom as a part; there you can change its text.',
    aud_items: 'What I will tell, in order', aud_item: 'Part {n}', aud_item_from: 'Part {n} (from fragment {f})',
    aud_add_text: 'Add own text', aud_save: 'Save version for an audience', aud_saved: 'Version for an audience saved.',
    aud_delete: 'Delete', aud_delete_q: 'Delete "{title}"?', aud_delete_body: 'This version for an audience will be gone.',
    aud_deleted: 'Deleted.', aud_no_items: 'No parts yet.', aud_item_remove: 'Remove part {n}',
    item_up: 'Move part {n} up', item_down: 'Move part {n} down',
    delete_story: 'Delete story', delete_q: 'Delete "{title}"?',
    delete_body: 'The story with all its versions, fragments, shares, responses and versions for an audience will be deleted. This cannot be undone.',
    deleted: 'The story was deleted.',
    conflict: 'This story was saved elsewhere in the meantime (in another tab, for example). Your text is still below; choose what to do.',
    keep_mine: 'Save my text as a new version', take_theirs: 'Load the saved version',
    shared_h: 'Shared with me',
    shared_intro: 'Fragments that others in your learning group shared with you. You see only these fragments, not the rest of their story.',
    shared_empty: 'Nothing has been shared with you yet.',
    from: 'From "{title}" by {name}', via_trainer: 'shared with the trainer(s)', via_group: 'shared with the learning group',
    wish_no: 'The author does not want responses to this fragment.',
    wish_yes: 'The author welcomes feedback.',
    wish_only_evokes: 'The author asks only what the fragment evokes in you: no judgement and no advice.',
    respond: 'Your response', respond_evokes: 'What does this evoke in you?',
    respond_hint: 'Only the author sees your response, other readers do not.',
    send: 'Send response', sent: 'Response sent.', my_responses: 'My responses',
    err_required: 'Please fill this in.', err_long: 'At most {max} characters; now {n}.',
    count: '{n} of {max} characters',
  },
});

let keySeq = 0;
const nextKey = () => `k${++keySeq}`;
const isAuthor = () => hasRole('student', 'expert');

function draftOf(story) {
  return {
    title: story.title, form: story.form, wont_share: story.wont_share || '',
    fragments: story.fragments.map((f) => ({ key: f.id, id: f.id, body: f.body })),
  };
}

function tooLong(s, max) { return [...s].length > max; }
function checkLen(errors, name, s, max, required = true) {
  if (required && !s.trim()) errors[name] = T('err_required');
  else if (tooLong(s, max)) errors[name] = T('err_long', { max, n: [...s].length });
}

// ---- my stories ----------------------------------------------------------------------

function NewStory() {
  const [f, setF] = useState({ title: '', form: 'story' });
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    const local = {};
    checkLen(local, 'new_title', f.title, TITLE_MAX);
    setErrors(local); setErr(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const s = await api('POST', '/stories', { title: f.title.trim(), form: f.form, fragments: [] });
      navigate('/story?id=' + s.id);
    } catch (x) {
      if (x.field) { const fe = fieldErrors(x); setErrors({ ['new_' + (fe._raw || x.field)]: x.message }); } else setErr(x);
    } finally { setBusy(false); }
  };
  return html`<form class="card" onSubmit=${submit} noValidate aria-labelledby="story-new-h">
    <h2 id="story-new-h">${T('new_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${{ new_title: T('new_title'), new_form: T('new_form') }} />
    <${ErrorBox} error=${err} />
    <${Field} name="new_title" label=${T('new_title')} required error=${errors.new_title} value=${f.title}
      onInput=${(e) => setF({ ...f, title: e.target.value })} />
    <${Field} as="select" name="new_form" label=${T('new_form')} error=${errors.new_form} value=${f.form}
      onChange=${(e) => setF({ ...f, form: e.target.value })} options=${FORMS.map((x) => ({ value: x, label: T('f_' + x) }))} />
    <div class="actions"><button type="submit" disabled=${busy}>${T('start')}</button></div>
  </form>`;
}

function MyStories() {
  const list = useLoad(() => api('GET', '/stories'), []);
  return html`<section aria-labelledby="story-mine-h" class="cps-section">
    <h2 id="story-mine-h">${T('mine_h')}</h2>
    ${list.loading ? html`<${Loading} />`
      : list.error ? html`<${ErrorBox} error=${list.error} onRetry=${list.reload} />`
      : !list.data.items.length ? html`<${Empty}>${T('mine_empty')}</${Empty}>`
      : html`<ul class="plain card story-list">${list.data.items.map((s) => html`<li key=${s.id}>
          <p><${Link} href=${'/story?id=' + s.id}>${s.title}</${Link}></p>
          <p class="small muted">${T('f_' + s.form)} · ${T('version_n', { n: s.current_version })} · ${fmtDate(s.updated_at)} ·
            ${s.shared ? T('shared_n', { n: s.shared, m: s.fragments }) : T('none_shared')}</p>
        </li>`)}</ul>`}
    <${NewStory} />
  </section>`;
}

// ---- one story: writing ----------------------------------------------------------------

function FragmentEditor({ f, i, n, saved, onChange, onMove, onRemove, error }) {
  const name = 'fragments_' + i;
  const label = f.id ? T('fragment_n', { n: i + 1 }) : T('fragment_new', { n: i + 1 });
  const warn = saved && saved.scope !== 'self' && saved.body !== f.body
    ? T('shared_edit_warn', { who: T(saved.scope === 'trainer' ? 'who_trainer' : 'who_group') }) : null;
  return html`<li class="story-fragment">
    <${Field} as="textarea" name=${name} label=${label} rows="5" required error=${error} value=${f.body}
      hint=${warn || T('count', { n: [...f.body].length, max: FRAGMENT_MAX })}
      onInput=${(e) => onChange(e.target.value)} />
    <div class="actions">
      <button type="button" class="secondary" disabled=${i === 0} aria-label=${T('up_label', { n: i + 1 })} onClick=${() => onMove(-1)}>${T('up')}</button>
      <button type="button" class="secondary" disabled=${i === n - 1} aria-label=${T('down_label', { n: i + 1 })} onClick=${() => onMove(1)}>${T('down')}</button>
      <button type="button" class="secondary" aria-label=${T('remove_label', { n: i + 1 })} onClick=${onRemove}>${T('remove')}</button>
    </div>
  </li>`;
}

function StoryForm({ story, onSaved, ask }) {
  const [d, setD] = useState(() => draftOf(story));
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [stale, setStale] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  useEffect(() => { setD(draftOf(story)); }, [story.id]);
  const savedById = new Map(story.fragments.map((f) => [f.id, f]));
  const setFrag = (i, body) => setD((s) => ({ ...s, fragments: s.fragments.map((f, j) => (j === i ? { ...f, body } : f)) }));
  const move = (i, dir) => setD((s) => {
    const a = [...s.fragments]; const j = i + dir;
    if (j < 0 || j >= a.length) return s;
    [a[i], a[j]] = [a[j], a[i]];
    return { ...s, fragments: a };
  });
  const remove = (i) => ask({ title: T('remove_q', { n: i + 1 }), body: T('remove_body'), confirm: T('remove_fragment'), danger: true })
    .then((ok) => ok && setD((s) => ({ ...s, fragments: s.fragments.filter((_, j) => j !== i) })));
  const add = () => {
    setD((s) => ({ ...s, fragments: [...s.fragments, { key: nextKey(), id: null, body: '' }] }));
    setTimeout(() => { const el = document.getElementById('f-fragments_' + d.fragments.length); if (el) el.focus(); }, 0);
  };
  const save = async (version) => {
    const local = {};
    checkLen(local, 'title', d.title, TITLE_MAX);
    checkLen(local, 'wont_share', d.wont_share, NOTE_MAX, false);
    d.fragments.forEach((f, i) => checkLen(local, 'fragments_' + i, f.body, FRAGMENT_MAX));
    setErrors(local); setErr(null); setStatus('');
    if (Object.keys(local).length) return;
    setBusy(true);
    const body = {
      title: d.title.trim(), form: d.form, wont_share: d.wont_share.trim() ? d.wont_share : null,
      fragments: d.fragments.map((f) => (f.id ? { id: f.id, body: f.body } : { body: f.body })),
    };
    try {
      const s = await api('PUT', '/stories/' + story.id, body, { version });
      setStale(null);
      setD(draftOf(s));
      setStatus(s.current_version !== story.current_version ? T('saved', { n: s.current_version }) : T('saved_same'));
      onSaved(s);
    } catch (x) {
      if (x.status === 412) setStale(x.current);
      else if (x.field) {
        const m = /^fragments\[(\d+)\]/.exec(x.field);
        setErrors({ [m ? 'fragments_' + m[1] : x.field]: x.message });
      } else setErr(x);
    } finally { setBusy(false); }
  };
  const labels = { title: T('new_title'), form: T('new_form'), wont_share: T('wont_share') };
  d.fragments.forEach((_, i) => { labels['fragments_' + i] = T('fragment_n', { n: i + 1 }); });
  return html`<form class="card" onSubmit=${(e) => { e.preventDefault(); save(story.version); }} noValidate aria-labelledby="story-edit-h">
    <h2 id="story-edit-h">${T('edit_h')}</h2>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${ErrorBox} error=${err} />
    ${stale ? html`<div class="conflict" role="alert">
      <p>${T('conflict')}</p>
      <div class="actions">
        <button type="button" onClick=${() => save(stale.version)}>${T('keep_mine')}</button>
        <button type="button" class="secondary" onClick=${() => { setD(draftOf(stale)); setStale(null); onSaved(stale); }}>${T('take_theirs')}</button>
      </div>
    </div>` : null}
    <${Field} name="title" label=${T('new_title')} required error=${errors.title} value=${d.title}
      onInput=${(e) => setD({ ...d, title: e.target.value })} />
    <${Field} as="select" name="form" label=${T('new_form')} error=${errors.form} value=${d.form}
      onChange=${(e) => setD({ ...d, form: e.target.value })} options=${FORMS.map((x) => ({ value: x, label: T('f_' + x) }))} />
    <h3>${T('fragments_h')}</h3>
    <p class="hint">${T('fragments_hint')}</p>
    ${d.fragments.length ? html`<ol class="plain story-fragments">
      ${d.fragments.map((f, i) => html`<${FragmentEditor} key=${f.key} f=${f} i=${i} n=${d.fragments.length}
        saved=${f.id && savedById.get(f.id)} error=${errors['fragments_' + i]}
        onChange=${(v) => setFrag(i, v)} onMove=${(dir) => move(i, dir)} onRemove=${() => remove(i)} />`)}
    </ol>` : html`<p class="muted">${T('no_fragments')}</p>`}
    <div class="actions"><button type="button" class="secondary" onClick=${add}>${T('add_fragment')}</button></div>
    <${Field} as="textarea" name="wont_share" label=${T('wont_share')} hint=${T('wont_share_hint')} rows="3"
      error=${errors.wont_share} value=${d.wont_share} onInput=${(e) => setD({ ...d, wont_share: e.target.value })} />
    <div class="actions"><button type="submit" disabled=${busy}>${busy ? T('saving') : T('save')}</button></div>
    <${Status}>${status}</${Status}>
  </form>`;
}

// ---- one story: sharing and responses ----------------------------------------------------

function Responses({ items }) {
  if (!items || !items.length) return null;
  return html`<div class="story-responses">
    <h4>${T('responses_h')}</h4>
    <ul class="plain">${items.map((r) => html`<li key=${r.id}>
      <p><span class="badge">${T('k_' + r.kind)}</span> <span class="small muted">${T('by_on', { name: r.responder_name, when: fmtDateTime(r.created_at) })}</span></p>
      <p class="cps-text">${r.body}</p>
    </li>`)}</ul>
  </div>`;
}

function ShareForm({ story, f, i, reach, onShared }) {
  const [scope, setScope] = useState(f.scope);
  const [feedback, setFeedback] = useState(f.feedback);
  const [err, setErr] = useState(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { setScope(f.scope); setFeedback(f.feedback); }, [f.version]);
  const errs = fieldErrors(err);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setErr(null); setStatus('');
    try {
      const nf = await api('PUT', `/stories/${story.id}/fragments/${f.id}/sharing`, { scope, feedback }, { version: f.version });
      setStatus(T('share_saved'));
      onShared(nf);
    } catch (x) {
      if (x.status === 412 && x.current) { onShared(x.current); setErr(x); } else setErr(x);
    } finally { setBusy(false); }
  };
  const n = i + 1;
  const sid = 'share_' + f.id;
  return html`<form class="story-share" onSubmit=${submit} noValidate aria-labelledby=${sid + '-h'}>
    <h3 id=${sid + '-h'}>${T('share_h', { n })}</h3>
    <p class="cps-text story-quote">${f.body}</p>
    <p><strong>${T('now_' + f.scope)}</strong></p>
    ${err && !err.field ? html`<${ErrorBox} error=${err} />` : null}
    <${Radios} name=${sid + '_scope'} legend=${T('scope')} value=${scope} onChange=${setScope} error=${errs.scope}
      options=${SCOPES.map((s) => ({ value: s, label: T('s_' + s) }))} />
    ${!reach.trainer && scope === 'trainer' ? html`<p class="hint">${T('no_trainer')}</p>` : null}
    ${!reach.group && scope === 'group' ? html`<p class="hint">${T('no_group')}</p>` : null}
    <${Radios} name=${sid + '_feedback'} legend=${T('feedback')} value=${feedback} onChange=${setFeedback} error=${errs.feedback}
      options=${FEEDBACK.map((s) => ({ value: s, label: T('fb_' + s) }))} />
    <div class="actions"><button type="submit" disabled=${busy}>${T('share_save')}</button></div>
    <${Status}>${status}</${Status}>
    <${Responses} items=${f.responses} />
  </form>`;
}

// Can the author share with a trainer or a group at all? From GET /learning-groups.
function useReach() {
  const [reach, setReach] = useState({ trainer: true, group: true });
  useEffect(() => {
    api('GET', '/learning-groups').then((p) => {
      const gs = p.items || [];
      setReach({
        trainer: gs.some((g) => g.my_role === 'student' && (g.members || []).some((m) => m.role === 'trainer')),
        group: gs.some((g) => (g.members || []).length > 1),
      });
    }).catch(() => { /* the server still refuses what is not possible, naming scope */ });
  }, []);
  return reach;
}

// ---- one story: versions -------------------------------------------------------------------

function VersionView({ story, n, onClose }) {
  const v = useLoad(() => api('GET', `/stories/${story.id}/versions/${n}`), [n]);
  const now = new Map(story.fragments.map((f) => [f.id, f.body]));
  const mark = (f) => (!now.has(f.id) ? 'c_gone' : now.get(f.id) === f.body ? 'c_same' : 'c_changed');
  return html`<div class="card story-version" role="region" aria-labelledby="story-version-h">
    ${v.loading ? html`<${Loading} />` : v.error ? html`<${ErrorBox} error=${v.error} />` : html`
      <h3 id="story-version-h">${T('version_view', { n, when: fmtDateTime(v.data.saved_at) })}</h3>
      <p><strong>${v.data.title}</strong> · ${T('f_' + v.data.form)}</p>
      <ol class="plain">${v.data.fragments.map((f) => html`<li key=${f.id}>
        <p><span class="badge">${T(mark(f))}</span></p>
        <p class="cps-text">${f.body}</p>
      </li>`)}</ol>`}
    <div class="actions"><button type="button" class="secondary" onClick=${onClose}>${T('close')}</button></div>
  </div>`;
}

function Versions({ story }) {
  const list = useLoad(() => api('GET', `/stories/${story.id}/versions`, null, { query: { limit: 200 } }), [story.id, story.current_version]);
  const [open, setOpen] = useState(null);
  return html`<section aria-labelledby="story-versions-h" class="card">
    <h2 id="story-versions-h">${T('versions_h')}</h2>
    ${list.loading ? html`<${Loading} />` : list.error ? html`<${ErrorBox} error=${list.error} onRetry=${list.reload} />`
      : !list.data.items.length ? html`<${Empty}>${T('versions_empty')}</${Empty}>`
      : html`<ul class="plain">${list.data.items.map((v) => html`<li key=${v.n}>
          <p><strong>${T('version_row', { n: v.n })}</strong> · ${fmtDateTime(v.saved_at)} · ${T('fragments_count', { n: v.fragment_count })}
            ${v.current ? html` <span class="badge ok">${T('current')}</span>` : null}</p>
          <p class="small">${v.title}</p>
          <button type="button" class="secondary" aria-expanded=${open === v.n ? 'true' : 'false'}
            aria-label=${T('open') + ' ' + T('version_row', { n: v.n })} onClick=${() => setOpen(open === v.n ? null : v.n)}>${open === v.n ? T('close') : T('open')}</button>
          ${open === v.n ? html`<${VersionView} story=${story} n=${v.n} onClose=${() => setOpen(null)} />` : null}
        </li>`)}</ul>`}
  </section>`;
}

// ---- one story: versions for an audience ----------------------------------------------------

function AudienceEditor({ story, existing, onDone, ask }) {
  const [a, setA] = useState(() => (existing
    ? { audience: existing.audience, title: existing.title, items: existing.items.map((x) => ({ ...x, key: nextKey() })) }
    : { audience: 'one_to_one', title: '', items: [] }));
  const [errors, setErrors] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const fragNo = new Map(story.fragments.map((f, i) => [f.id, i + 1]));
  const picked = new Set(a.items.map((x) => x.fragment_id).filter(Boolean));
  const toggle = (f) => setA((s) => (picked.has(f.id)
    ? { ...s, items: s.items.filter((x) => x.fragment_id !== f.id) }
    : { ...s, items: [...s.items, { key: nextKey(), fragment_id: f.id, body: f.body }] }));
  const setItem = (i, body) => setA((s) => ({ ...s, items: s.items.map((x, j) => (j === i ? { ...x, body } : x)) }));
  const move = (i, dir) => setA((s) => {
    const v = [...s.items]; const j = i + dir;
    if (j < 0 || j >= v.length) return s;
    [v[i], v[j]] = [v[j], v[i]];
    return { ...s, items: v };
  });
  const save = async (e) => {
    e.preventDefault();
    const local = {};
    checkLen(local, 'aud_title', a.title, TITLE_MAX);
    a.items.forEach((x, i) => checkLen(local, 'aud_item_' + i, x.body, FRAGMENT_MAX));
    setErrors(local); setErr(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    const body = { audience: a.audience, title: a.title.trim(), items: a.items.map((x) => ({ fragment_id: x.fragment_id || null, body: x.body })) };
    try {
      if (existing) await api('PUT', `/stories/${story.id}/audiences/${existing.id}`, body, { version: existing.version });
      else await api('POST', `/stories/${story.id}/audiences`, body);
      onDone(T('aud_saved'));
    } catch (x) {
      if (x.field) {
        const m = /^items\[(\d+)\]/.exec(x.field);
        setErrors({ [m ? 'aud_item_' + m[1] : 'aud_' + x.field]: x.message });
      } else setErr(x);
    } finally { setBusy(false); }
  };
  const labels = { aud_title: T('aud_title'), aud_audience: T('aud_kind') };
  a.items.forEach((_, i) => { labels['aud_item_' + i] = T('aud_item', { n: i + 1 }); });
  return html`<form class="card" onSubmit=${save} noValidate aria-labelledby="aud-edit-h">
    <h3 id="aud-edit-h">${existing ? existing.title : T('aud_new')}</h3>
    <${ErrorSummary} errors=${errors} labels=${labels} />
    <${ErrorBox} error=${err} />
    <${Radios} name="aud_audience" legend=${T('aud_kind')} value=${a.audience} onChange=${(v) => setA({ ...a, audience: v })}
      error=${errors.aud_audience} options=${AUDIENCES.map((x) => ({ value: x, label: T('a_' + x) }))} />
    <${Field} name="aud_title" label=${T('aud_title')} required error=${errors.aud_title} value=${a.title}
      onInput=${(e) => setA({ ...a, title: e.target.value })} />
    ${story.fragments.length ? html`<fieldset class="checks">
      <legend>${T('aud_pick')}</legend>
      <p class="hint">${T('aud_pick_hint')}</p>
      <div class="check-list">${story.fragments.map((f, i) => html`<label class="check" key=${f.id}>
        <input type="checkbox" checked=${picked.has(f.id)} onChange=${() => toggle(f)} />
        <span>${T('fragment_n', { n: i + 1 })}: ${f.body.slice(0, 60)}${f.body.length > 60 ? '…' : ''}</span>
      </label>`)}</div>
    </fieldset>` : null}
    <h4>${T('aud_items')}</h4>
    ${a.items.length ? html`<ol class="plain">${a.items.map((x, i) => html`<li key=${x.key}>
      <${Field} as="textarea" name=${'aud_item_' + i} rows="4" required error=${errors['aud_item_' + i]} value=${x.body}
        label=${x.fragment_id && fragNo.has(x.fragment_id) ? T('aud_item_from', { n: i + 1, f: fragNo.get(x.fragment_id) }) : T('aud_item', { n: i + 1 })}
        onInput=${(e) => setItem(i, e.target.value)} />
      <div class="actions">
        <button type="button" class="secondary" disabled=${i === 0} aria-label=${T('item_up', { n: i + 1 })} onClick=${() => move(i, -1)}>${T('up')}</button>
        <button type="button" class="secondary" disabled=${i === a.items.length - 1} aria-label=${T('item_down', { n: i + 1 })} onClick=${() => move(i, 1)}>${T('down')}</button>
        <button type="button" class="secondary" aria-label=${T('aud_item_remove', { n: i + 1 })}
          onClick=${() => setA((s) => ({ ...s, items: s.items.filter((_, j) => j !== i) }))}>${T('remove')}</button>
      </div>
    </li>`)}</ol>` : html`<p class="muted">${T('aud_no_items')}</p>`}
    <div class="actions">
      <button type="button" class="secondary" onClick=${() => setA((s) => ({ ...s, items: [...s.items, { key: nextKey(), fragment_id: null, body: '' }] }))}>${T('aud_add_text')}</button>
    </div>
    <div class="actions">
      <button type="submit" disabled=${busy}>${T('aud_save')}</button>
      <button type="button" class="secondary" onClick=${() => onDone('')}>${T('close')}</button>
    </div>
  </form>`;
}

function Audiences({ story, ask, onChanged }) {
  const [editing, setEditing] = useState(null); // null | 'new' | audience (loaded)
  const [status, setStatus] = useState('');
  const [err, setErr] = useState(null);
  const open = async (au) => {
    setErr(null);
    try { setEditing(await api('GET', `/stories/${story.id}/audiences/${au.id}`, null, { etag: true }).then((r) => r.body)); } catch (x) { setErr(x); }
  };
  const del = (au) => ask({ title: T('aud_delete_q', { title: au.title }), body: T('aud_delete_body'), confirm: T('aud_delete'), danger: true })
    .then(async (ok) => {
      if (!ok) return;
      try { await api('DELETE', `/stories/${story.id}/audiences/${au.id}`, null, { version: au.version }); setStatus(T('aud_deleted')); onChanged(); } catch (x) { setErr(x); }
    });
  return html`<section aria-labelledby="story-aud-h" class="card">
    <h2 id="story-aud-h">${T('aud_h')}</h2>
    <p class="muted">${T('aud_intro')}</p>
    <${ErrorBox} error=${err} />
    ${story.audiences.length ? html`<ul class="plain">${story.audiences.map((au) => html`<li key=${au.id}>
      <p><strong>${au.title}</strong> · ${T('a_' + au.audience)} · <span class="small muted">${fmtDate(au.updated_at)}</span></p>
      <div class="actions">
        <button type="button" class="secondary" aria-label=${T('open') + ': ' + au.title} onClick=${() => open(au)}>${T('open')}</button>
        <button type="button" class="secondary" aria-label=${T('aud_delete') + ': ' + au.title} onClick=${() => del(au)}>${T('aud_delete')}</button>
      </div>
    </li>`)}</ul>` : html`<${Empty}>${T('aud_empty')}</${Empty}>`}
    ${editing ? html`<${AudienceEditor} key=${editing === 'new' ? 'new' : editing.id + ':' + editing.version} story=${story}
        existing=${editing === 'new' ? null : editing} ask=${ask}
        onDone=${(msg) => { setEditing(null); setStatus(msg); if (msg) onChanged(); }} />`
      : html`<div class="actions"><button type="button" onClick=${() => setEditing('new')}>${T('aud_new')}</button></div>`}
    <${Status}>${status}</${Status}>
  </section>`;
}

function StoryPage({ id }) {
  const [state, setState] = useState({ story: null, error: null, loading: true });
  const [n, setN] = useState(0);
  const [ask, dialog] = useConfirm();
  const reach = useReach();
  useEffect(() => {
    let live = true;
    api('GET', '/stories/' + id).then((story) => live && setState({ story, error: null, loading: false }))
      .catch((error) => live && setState({ story: null, error, loading: false }));
    return () => { live = false; };
  }, [id, n]);
  const { story } = state;
  const setStory = (s) => setState((st) => ({ ...st, story: s }));
  const shareChanged = (nf) => setStory({ ...story, fragments: story.fragments.map((f) => (f.id === nf.id ? nf : f)) });
  const delStory = () => ask({ title: T('delete_q', { title: story.title }), body: T('delete_body'), confirm: T('delete_story'), danger: true })
    .then(async (ok) => {
      if (!ok) return;
      try { await api('DELETE', '/stories/' + story.id, null, { version: story.version }); navigate('/story'); } catch (x) { setState((st) => ({ ...st, error: x })); }
    });
  return html`<${Page} title=${story ? story.title : T('title')}>
    <p><${Link} href="/story">${T('back')}</${Link}></p>
    ${state.loading ? html`<${Loading} label=${T('loading_story')} />`
      : !story ? html`<${ErrorBox} error=${state.error} />`
      : html`
        <p class="muted">${T('intro')}</p>
        <${ErrorBox} error=${state.error} />
        <${StoryForm} story=${story} ask=${ask} onSaved=${setStory} />
        ${story.fragments.length ? html`<section class="card" aria-labelledby="story-sharing-h">
          <h2 id="story-sharing-h">${T('sharing_h')}</h2>
          <p class="muted">${T('sharing_intro')}</p>
          ${story.fragments.map((f, i) => html`<${ShareForm} key=${f.id} story=${story} f=${f} i=${i} reach=${reach} onShared=${shareChanged} />`)}
        </section>` : null}
        <${Versions} story=${story} />
        <${Audiences} story=${story} ask=${ask} onChanged=${() => setN((x) => x + 1)} />
        <div class="actions"><button type="button" class="danger" onClick=${delStory}>${T('delete_story')}</button></div>`}
    ${dialog}
  </${Page}>`;
}

// ---- shared with me -------------------------------------------------------------------------

function RespondForm({ share, onSent }) {
  const [body, setBody] = useState('');
  const [err, setErr] = useState(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const name = 'respond_' + share.fragment_id;
  const evokes = share.feedback === 'only_evokes';
  const submit = async (e) => {
    e.preventDefault();
    const local = {};
    checkLen(local, 'b', body, RESPONSE_MAX);
    setError(local.b || ''); setErr(null); setStatus('');
    if (local.b) return;
    setBusy(true);
    try {
      const r = await api('POST', `/story-shares/${share.fragment_id}/responses`, { body });
      setBody(''); setStatus(T('sent')); onSent(r);
    } catch (x) { if (x.field === 'body') setError(x.message); else setErr(x); } finally { setBusy(false); }
  };
  return html`<form onSubmit=${submit} noValidate>
    <${ErrorBox} error=${err} />
    <${Field} as="textarea" name=${name} rows="3" required label=${evokes ? T('respond_evokes') : T('respond')}
      hint=${T('respond_hint')} error=${error} value=${body} onInput=${(e) => setBody(e.target.value)} />
    <div class="actions"><button type="submit" disabled=${busy}>${T('send')}</button></div>
    <${Status}>${status}</${Status}>
  </form>`;
}

function SharedItem({ share }) {
  const [mine, setMine] = useState(share.responses || []);
  const hid = 'shared-' + share.fragment_id;
  return html`<li><article aria-labelledby=${hid}>
    <h3 id=${hid}>${T('from', { title: share.story_title, name: share.author_name })}</h3>
    <p class="small muted">${T('via_' + share.scope)}${share.shared_at ? ' · ' + fmtDate(share.shared_at) : ''}</p>
    <p class="cps-text story-quote">${share.body}</p>
    <p><strong>${T('wish_' + share.feedback)}</strong></p>
    ${mine.length ? html`<div><h4>${T('my_responses')}</h4><ul class="plain">${mine.map((r) => html`<li key=${r.id}>
      <p><span class="badge">${T('k_' + r.kind)}</span> <span class="small muted">${fmtDateTime(r.created_at)}</span></p>
      <p class="cps-text">${r.body}</p></li>`)}</ul></div>` : null}
    ${share.feedback !== 'no' ? html`<${RespondForm} share=${share} onSent=${(r) => setMine((m) => [...m, r])} />` : null}
  </article></li>`;
}

function SharedWithMe() {
  const [st, setSt] = useState({ items: [], next: null, loading: true, error: null });
  const load = async (after) => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    try {
      const p = await api('GET', '/story-shares', null, { query: { limit: 50, after } });
      setSt((s) => ({ items: after ? [...s.items, ...p.items] : p.items, next: p.next, loading: false, error: null }));
    } catch (error) { setSt((s) => ({ ...s, loading: false, error })); }
  };
  useEffect(() => { load(); }, []);
  return html`<section aria-labelledby="story-shared-h" class="cps-section">
    <h2 id="story-shared-h">${T('shared_h')}</h2>
    <p class="muted">${T('shared_intro')}</p>
    ${st.loading && !st.items.length ? html`<${Loading} />`
      : st.error && !st.items.length ? html`<${ErrorBox} error=${st.error} onRetry=${() => load()} />`
      : !st.items.length ? html`<${Empty}>${T('shared_empty')}</${Empty}>`
      : html`<ul class="plain card story-shared">${st.items.map((s) => html`<${SharedItem} key=${s.fragment_id} share=${s} />`)}</ul>
        <${More} onMore=${() => load(st.next)} loading=${st.loading} done=${!st.next} />`}
  </section>`;
}

export function StoryScreen({ query }) {
  const id = query && query.get('id');
  if (id) return html`<${StoryPage} key=${id} id=${id} />`;
  return html`<${Page} title=${T('title')}>
    ${isAuthor() ? html`<p class="muted">${T('intro')}</p><${MyStories} />` : null}
    <${SharedWithMe} />
  </${Page}>`;
}
