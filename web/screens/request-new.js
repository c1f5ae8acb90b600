// request-new.js: the inzetverzoek form. The generalist responsible for a dossier asks the
// expert team for an experience expert: why (reasons), which experience areas and generic
// themes, what the match should rest on, the phase, optionally a colleague in mind, a
// short question, how the request came in, and whether the client knows. The field names
// and limits follow RequestCreate in the OpenAPI document. A dossier with an open request
// gets a pointer to that request instead of a second form (the server allows one).

import { html, useState, useEffect, useRef } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, today } from '../lib/i18n.js';
import { options } from '../lib/vocab.js';
import { Link, navigate } from '../lib/router.js';
import { Page, Field, Checks, Radios, ErrorBox, ErrorSummary, fieldErrors, Loading } from '../lib/ui.js';
import { PHASES, phaseLabel, loadExperts } from './request.js';

const QUESTION_MAX = 2000; // RequestCreate.question maxLength
const LIST_MAX = 20; // reasons, areas, themes maxItems

const T = strings({
  nl: {
    title: 'Inzetverzoek', for_client: 'Voor cliënt {code}',
    intro: 'Vraag het expertteam om een ervaringsdeskundige die met u aansluit bij deze cliënt. U blijft eindverantwoordelijk; het expertteam kijkt wie past en laat u weten wat het besluit.',
    reasons: 'Waarom een ervaringsdeskundige?', reasons_hint: 'Kies alles wat past.',
    areas: 'Welke ervaring is nodig?', areas_hint: 'Specifieke ervaringsgebieden, zoals verslaving of schulden. Mag leeg blijven.',
    themes: 'Welke algemene thema\'s spelen?', themes_hint: 'Zoals eenzaamheid of rouw en verlies. Mag leeg blijven.',
    basis: 'Waarop moet de match vooral rusten?', phase: 'In welke fase zit het traject?',
    phase_early_hint: 'thema kwam op bij de kennismaking', phase_stuck_hint: 'cliënt of u loopt vast',
    phase_bridging_hint: 'wachtlijst of andere hulp tijdelijk niet beschikbaar',
    preferred: 'Heeft u al een ervaringsdeskundige in gedachten?',
    preferred_hint: 'Het expertteam weegt uw voorkeur mee, maar beslist zelf.', no_pref: 'Geen voorkeur',
    not_available: '{name} (niet beschikbaar)', experts_failed: 'De lijst met ervaringsdeskundigen kon niet worden geladen; u kunt het verzoek ook zonder voorkeur versturen.',
    question: 'Korte vraag aan het expertteam', question_hint: 'Wat speelt er en wat hoopt u dat een ervaringsdeskundige kan betekenen? Schrijf niet meer over de cliënt dan nodig.',
    left: 'Nog {n} van {max} tekens', over: '{n} tekens te veel',
    channel: 'Hoe kwam het verzoek tot stand?', choose: 'Kies…',
    informed: 'De cliënt is geïnformeerd over dit verzoek',
    informed_hint: 'Bespreek met de cliënt dat u een ervaringsdeskundige vraagt om aan te sluiten.',
    informed_on: 'Wanneer is de cliënt geïnformeerd?', informed_on_hint: 'Mag leeg blijven.',
    submit: 'Inzetverzoek versturen', busy: 'Bezig met versturen…', cancel: 'Terug naar het dossier',
    e_reasons: 'Kies minstens één reden.', e_list: 'Kies er hoogstens {n}.', e_basis: 'Kies waarop de match vooral moet rusten.',
    e_phase: 'Kies de fase van het traject.', e_question: 'Schrijf een korte vraag aan het expertteam.',
    e_question_long: 'De vraag is te lang: hoogstens {max} tekens.', e_channel: 'Kies hoe het verzoek tot stand kwam.',
    e_informed_on: 'Deze datum ligt in de toekomst.',
    open_exists: 'Voor dit dossier loopt al een inzetverzoek. Er kan er steeds één tegelijk openstaan.',
    open_link: 'Bekijk het lopende verzoek', closed: 'Dit dossier is afgesloten. Heropen het dossier eerst als u een ervaringsdeskundige wilt vragen.',
  },
  en: {
    title: 'Request an experience expert', for_client: 'For client {code}',
    intro: 'Ask the expert team for an experience expert to work alongside you with this client. You stay finally responsible; the expert team looks at who fits and lets you know the decision.',
    reasons: 'Why an experience expert?', reasons_hint: 'Choose all that apply.',
    areas: 'Which experience is needed?', areas_hint: 'Specific experience areas, such as addiction or debts. May stay empty.',
    themes: 'Which generic themes play a part?', themes_hint: 'Such as loneliness or grief and loss. May stay empty.',
    basis: 'What should the match mainly rest on?', phase: 'Which phase is the trajectory in?',
    phase_early_hint: 'the theme came up at first acquaintance', phase_stuck_hint: 'the client or you are stuck',
    phase_bridging_hint: 'waiting list or other help temporarily unavailable',
    preferred: 'Do you have an experience expert in mind?',
    preferred_hint: 'The expert team weighs your preference but decides itself.', no_pref: 'No preference',
    not_available: '{name} (not available)', experts_failed: 'The list of experience experts could not be loaded; you can also send the request without a preference.',
    question: 'Short question to the expert team', question_hint: 'What is going on and what do you hope an experience expert can add? Write no more about the client than needed.',
    left: '{n} of {max} characters left', over: '{n} characters too many',
    channel: 'How did the request come about?', choose: 'Choose…',
    informed: 'The client has been told about this request',
    informed_hint: 'Tell the client you are asking an experience expert to join.',
    informed_on: 'When was the client told?', informed_on_hint: 'May stay empty.',
    submit: 'Send request', busy: 'Sending…', cancel: 'Back to the dossier',
    e_reasons: 'Choose at least one reason.', e_list: 'Choose at most {n}.', e_basis: 'Choose what the match should mainly rest on.',
    e_phase: 'Choose the phase of the trajectory.', e_question: 'Write a short question to the expert team.',
    e_question_long: 'The question is too long: at most {max} characters.', e_channel: 'Choose how the request came about.',
    e_informed_on: 'This date is in the future.',
    open_exists: 'This dossier already has an open request. Only one can be open at a time.',
    open_link: 'View the open request', closed: 'This dossier is closed. Reopen the dossier first if you want to ask for an experience expert.',
  },
});

const LABELS = () => ({
  reasons: T('reasons'), areas: T('areas'), themes: T('themes'), match_basis: T('basis'), phase: T('phase'),
  preferred_expert_id: T('preferred'), question: T('question'), channel: T('channel'),
  client_informed: T('informed'), client_informed_on: T('informed_on'),
});

function validate(f) {
  const e = {};
  if (!f.reasons.length) e.reasons = T('e_reasons');
  for (const k of ['reasons', 'areas', 'themes']) if (f[k].length > LIST_MAX) e[k] = T('e_list', { n: LIST_MAX });
  if (!f.match_basis) e.match_basis = T('e_basis');
  if (!f.phase) e.phase = T('e_phase');
  if (!f.question.trim()) e.question = T('e_question');
  else if (f.question.length > QUESTION_MAX) e.question = T('e_question_long', { max: QUESTION_MAX });
  if (!f.channel) e.channel = T('e_channel');
  if (f.client_informed && f.client_informed_on && f.client_informed_on > today()) e.client_informed_on = T('e_informed_on');
  return e;
}

// The open request on this dossier, if any: the newest request items of its timeline.
async function openRequest(dossierId) {
  try {
    const page = await api('GET', `/dossiers/${dossierId}/timeline`, null, { query: { limit: 100 } });
    return (page.items || []).find((i) => i.type === 'request' && (i.status === 'submitted' || i.status === 'in_review')) || null;
  } catch { return null; }
}

// Remaining characters, shown at once and told to screen readers after a pause in typing.
function Counter({ id, length }) {
  const left = QUESTION_MAX - length;
  const text = left >= 0 ? T('left', { n: left, max: QUESTION_MAX }) : T('over', { n: -left });
  const [spoken, setSpoken] = useState('');
  const timer = useRef(null);
  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSpoken(text), 1000);
    return () => clearTimeout(timer.current);
  }, [text]);
  return html`<p id=${id} class=${'hint rq-counter' + (left < 0 ? ' rq-over' : '')} aria-hidden="true">${text}</p>
    <p class="rq-sr" role="status" aria-live="polite">${length ? spoken : ''}</p>`;
}

export function RequestNewScreen({ params }) {
  const id = params.id;
  const [ctx, setCtx] = useState({ loading: true, error: null, dossier: null, open: null });
  const [experts, setExperts] = useState({ items: [], failed: false });
  const [f, setF] = useState({
    reasons: [], areas: [], themes: [], match_basis: '', phase: '', preferred_expert_id: '',
    question: '', channel: '', client_informed: false, client_informed_on: '',
  });
  const [errs, setErrs] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  const setE = (k) => (e) => setF((x) => ({ ...x, [k]: e.target.value }));

  useEffect(() => {
    let live = true;
    Promise.all([api('GET', `/dossiers/${id}`), openRequest(id)])
      .then(([dossier, open]) => live && setCtx({ loading: false, error: null, dossier, open }))
      .catch((error) => live && setCtx({ loading: false, error, dossier: null, open: null }));
    loadExperts().then((items) => live && setExperts({ items, failed: false }))
      .catch(() => live && setExperts({ items: [], failed: true }));
    return () => { live = false; };
  }, [id]);

  const submit = async (e) => {
    e.preventDefault();
    const v = validate(f);
    setErrs(v); setErr(null);
    if (Object.keys(v).length) return;
    setBusy(true);
    const body = {
      reasons: f.reasons, areas: f.areas, themes: f.themes, match_basis: f.match_basis, phase: f.phase,
      question: f.question.trim(), channel: f.channel, preferred_expert_id: f.preferred_expert_id || null,
      client_informed: f.client_informed,
      client_informed_on: f.client_informed && f.client_informed_on ? f.client_informed_on : null,
    };
    try {
      const r = await api('POST', `/dossiers/${id}/requests`, body);
      navigate(`/requests/${r.id}?sent=1`);
    } catch (x) {
      setBusy(false);
      if (x.status === 409 && x.field === 'dossier_id') {
        const open = await openRequest(id);
        setCtx((c) => ({ ...c, open: open || { id: null } }));
        return;
      }
      const fe = fieldErrors(x);
      if (fe._raw && LABELS()[Object.keys(fe).find((k) => k !== '_raw')]) setErrs(fe);
      else setErr(x);
    }
  };

  const title = T('title');
  const back = html`<${Link} href=${'/dossiers/' + id}>${T('cancel')}</${Link}>`;
  if (ctx.loading) return html`<${Page} title=${title}><${Loading} /></${Page}>`;
  if (ctx.error) return html`<${Page} title=${title}><${ErrorBox} error=${ctx.error} /><p>${back}</p></${Page}>`;
  const d = ctx.dossier;
  const sub = d && d.client_code ? html`<p class="rq-lead">${T('for_client', { code: d.client_code })}</p>` : null;
  if (ctx.open) {
    return html`<${Page} title=${title}>${sub}
      <div class="card"><p>${T('open_exists')}</p>
        ${ctx.open.id ? html`<p><${Link} href=${'/requests/' + ctx.open.id}>${T('open_link')}</${Link}></p>` : null}
        <p>${back}</p></div>
    </${Page}>`;
  }
  if (d && d.status === 'closed') {
    return html`<${Page} title=${title}>${sub}<div class="card"><p>${T('closed')}</p><p>${back}</p></div></${Page}>`;
  }

  const expertOpts = [{ value: '', label: T('no_pref') }].concat(experts.items.map((x) => ({
    value: x.id, label: x.available ? x.name : T('not_available', { name: x.name }),
  })));
  const phaseOpts = PHASES.map((p) => ({ value: p, label: `${phaseLabel(p)} (${T('phase_' + p + '_hint')})` }));
  const qErr = errs.question;
  const qDescribed = ['f-question-hint', 'f-question-count', qErr ? 'f-question-err' : null].filter(Boolean).join(' ');

  return html`<${Page} title=${title}>
    ${sub}
    <p>${T('intro')}</p>
    <form class="rq-form" onSubmit=${submit} noValidate>
      <${ErrorSummary} errors=${errs} labels=${LABELS()} />
      ${err ? html`<${ErrorBox} error=${err} />` : null}
      <${Checks} name="reasons" legend=${T('reasons')} hint=${T('reasons_hint')} required error=${errs.reasons}
        options=${options('deployment_reason')} value=${f.reasons} onChange=${set('reasons')} />
      <${Checks} name="areas" legend=${T('areas')} hint=${T('areas_hint')} error=${errs.areas}
        options=${options('experience_area')} value=${f.areas} onChange=${set('areas')} />
      <${Checks} name="themes" legend=${T('themes')} hint=${T('themes_hint')} error=${errs.themes}
        options=${options('generic_theme')} value=${f.themes} onChange=${set('themes')} />
      <${Radios} name="match_basis" legend=${T('basis')} required error=${errs.match_basis}
        options=${options('match_basis')} value=${f.match_basis} onChange=${set('match_basis')} />
      <${Radios} name="phase" legend=${T('phase')} required error=${errs.phase}
        options=${phaseOpts} value=${f.phase} onChange=${set('phase')} />
      <${Field} name="preferred_expert_id" as="select" label=${T('preferred')} hint=${T('preferred_hint')}
        error=${errs.preferred_expert_id} options=${expertOpts} value=${f.preferred_expert_id}
        onChange=${setE('preferred_expert_id')}>
        ${experts.failed ? html`<p class="hint">${T('experts_failed')}</p>` : null}
      </${Field}>
      <${Field} name="question" as="textarea" label=${T('question')} hint=${T('question_hint')} required
        error=${qErr} value=${f.question} onInput=${setE('question')} rows="5" aria-describedby=${qDescribed}>
        <${Counter} id="f-question-count" length=${f.question.length} />
      </${Field}>
      <${Field} name="channel" as="select" label=${T('channel')} required error=${errs.channel}
        options=${[{ value: '', label: T('choose') }].concat(options('channel'))} value=${f.channel}
        onChange=${setE('channel')} />
      <div class=${'field' + (errs.client_informed ? ' has-error' : '')}>
        <p class="hint" id="f-client_informed-hint">${T('informed_hint')}</p>
        ${errs.client_informed ? html`<p class="field-error">${errs.client_informed}</p>` : null}
        <label class="check rq-informed">
          <input type="checkbox" id="f-client_informed" name="client_informed" checked=${f.client_informed}
            aria-describedby="f-client_informed-hint"
            onChange=${(e) => { const c = e.target.checked; setF((x) => ({ ...x, client_informed: c })); }} />
          <span>${T('informed')}</span>
        </label>
      </div>
      ${f.client_informed ? html`<${Field} name="client_informed_on" type="date" label=${T('informed_on')}
        hint=${T('informed_on_hint')} max=${today()} error=${errs.client_informed_on}
        value=${f.client_informed_on} onInput=${setE('client_informed_on')} />` : null}
      <div class="actions">
        <button type="submit" disabled=${busy}>${busy ? T('busy') : T('submit')}</button>
        ${back}
      </div>
    </form>
  </${Page}>`;
}
