// work.js: Mijn werk, where generalists, experts and coordinators start. Their dossiers
// (open ones first, a page at a time), the evaluations that are due or overdue, the
// dossiers where they keep the line warm, and for a coordinator the way to the queue.

import { html, useEffect, useRef, useState } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, fmtDate } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import { Link } from '../lib/router.js';
import { Page, ErrorBox, Loading, Empty, More, useLoad } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Mijn werk', new_client: 'Nieuwe cliënt aanmelden',
    dossiers: 'Mijn dossiers', dossiers_none_gen: 'U heeft nog geen dossiers. Meld een nieuwe cliënt aan om een dossier te openen.',
    dossiers_none: 'U heeft nog geen dossiers. Zodra u aan een cliënt gekoppeld wordt, staat het dossier hier.',
    opened: 'geopend op {d}', closed_on: 'afgesloten op {d}', closed: 'Afgesloten', keep_warm: 'Lijntje warm',
    goal_stabilise: 'Stabiliseren', goal_progress: 'Vooruitgang',
    due: 'Evaluaties die eraan komen of te laat zijn',
    due_none: 'Er staan geen evaluaties open. Plan in een dossier een evaluatie met de cliënt als het tijd is om samen terug te kijken.',
    due_planned: 'Geplande evaluatie van {d} is nog niet vastgelegd', due_quiet: 'Geen activiteit meer sinds {d}',
    due_quiet_never: 'Nog geen activiteit vastgelegd', due_last_note: 'laatste notitie {d}',
    warm: 'Lijntje warm houden',
    warm_none: 'U houdt bij geen enkele cliënt het lijntje warm. Zet dit in een dossier aan als een cliënt even niet reageert, zodat u er geregeld aan denkt.',
    queue: 'Wachtrij expertteam', queue_go: 'Naar de wachtrij',
    queue_n0: 'Er wachten geen inzetverzoeken op een besluit.',
    queue_n1: 'Er wacht 1 inzetverzoek op een besluit.', queue_n: 'Er wachten {n} inzetverzoeken op een besluit.',
    dossier_of: 'Dossier {code}', unknown_client: 'cliënt',
    coach_due: 'Tijd voor een coachgesprek', coach_go: 'Naar coaching',
    coach_days: 'Uw laatste gesprek met {coach} was {n} dagen geleden; het hoort elke drie à vier weken.',
    coach_never: 'U heeft nog geen gesprek gehad met {coach}; het hoort elke drie à vier weken.',
  },
  en: {
    title: 'My work', new_client: 'Register a new client',
    dossiers: 'My dossiers', dossiers_none_gen: 'You have no dossiers yet. Register a new client to open a dossier.',
    dossiers_none: 'You have no dossiers yet. Once you are linked to a client, the dossier appears here.',
    opened: 'opened on {d}', closed_on: 'closed on {d}', closed: 'Closed', keep_warm: 'Keeping warm',
    goal_stabilise: 'Stabilise', goal_progress: 'Progress',
    due: 'Evaluations coming up or overdue',
    due_none: 'No evaluations are due. Plan an evaluation in a dossier when it is time to look back together with the client.',
    due_planned: 'Evaluation planned for {d} has not been recorded', due_quiet: 'No activity since {d}',
    due_quiet_never: 'No activity recorded yet', due_last_note: 'last note {d}',
    warm: 'Keeping the line warm',
    warm_none: 'You are not keeping the line warm with any client. Switch it on in a dossier when a client goes quiet, so you remember to reach out.',
    queue: 'Expert team queue', queue_go: 'Go to the queue',
    queue_n0: 'No requests are waiting for a decision.',
    queue_n1: '1 request is waiting for a decision.', queue_n: '{n} requests are waiting for a decision.',
    dossier_of: 'Dossier {code}', unknown_client: 'client',
    coach_due: 'Time for a coaching conversation', coach_go: 'Go to coaching',
    coach_days: 'Your last conversation with {coach} was {n} days ago; it is due every three to four weeks.',
    coach_never: 'You have not had a conversation with {coach} yet; it is due every three to four weeks.',
  },
});

const PAGE = 20;

// Open dossiers first, then closed ones, a page at a time.
function useDossierPages() {
  const [st, set] = useState({ items: [], loading: true, error: null, done: false });
  const cur = useRef({ phase: 0, next: undefined });
  const more = async () => {
    set((s) => ({ ...s, loading: true, error: null }));
    try {
      const c = cur.current;
      let got = [];
      while (c.phase < 2 && got.length < PAGE) {
        const status = c.phase === 0 ? 'open' : 'closed';
        const page = await api('GET', '/dossiers', null, { query: { status, limit: PAGE - got.length, after: c.next } });
        got = got.concat(page.items || []);
        if (page.next) c.next = page.next; else { c.phase += 1; c.next = undefined; }
      }
      set((s) => ({ items: s.items.concat(got), loading: false, error: null, done: c.phase >= 2 }));
    } catch (error) {
      set((s) => ({ ...s, loading: false, error }));
    }
  };
  useEffect(() => { more(); }, []);
  return { ...st, more };
}

// Every open dossier (for the keep-warm list and the client codes of due evaluations).
async function allOpen() {
  let after;
  const items = [];
  for (let i = 0; i < 10; i++) {
    const page = await api('GET', '/dossiers', null, { query: { status: 'open', limit: 200, after } });
    items.push(...(page.items || []));
    if (!page.next) break;
    after = page.next;
  }
  return items;
}

// Requests still waiting for the coordinators (submitted or in review).
async function waitingRequests() {
  let after;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const page = await api('GET', '/requests', null, { query: { limit: 200, after } });
    n += (page.items || []).filter((r) => r.status === 'submitted' || r.status === 'in_review').length;
    if (!page.next) break;
    after = page.next;
  }
  return n;
}

function goal(g) { return g === 'stabilise' ? T('goal_stabilise') : g === 'progress' ? T('goal_progress') : g; }

function DossierItem({ d }) {
  return html`<li>
    <${Link} href=${'/dossiers/' + d.id} class="work-code">${T('dossier_of', { code: d.client_code || T('unknown_client') })}</${Link}>
    ${' '}${d.status === 'closed' ? html`<span class="badge">${T('closed')}</span>` : null}
    ${' '}${d.keep_warm && d.status === 'open' ? html`<span class="badge warn">${T('keep_warm')}</span>` : null}
    <br /><span class="muted small">${goal(d.goal_type)} · ${d.status === 'closed' && d.closed_on
      ? T('closed_on', { d: fmtDate(d.closed_on) }) : T('opened', { d: fmtDate(d.opened_on) })}</span>
  </li>`;
}

function MyDossiers() {
  const p = useDossierPages();
  let body;
  if (!p.items.length && p.loading) body = html`<${Loading} />`;
  else if (!p.items.length && p.error) body = html`<${ErrorBox} error=${p.error} onRetry=${p.more} />`;
  else if (!p.items.length) {
    body = html`<${Empty}>${hasRole('generalist') ? T('dossiers_none_gen') : T('dossiers_none')}</${Empty}>`;
  } else {
    body = html`<ul class="plain">${p.items.map((d) => html`<${DossierItem} key=${d.id} d=${d} />`)}</ul>
      ${p.error ? html`<${ErrorBox} error=${p.error} />` : null}
      <${More} onMore=${p.more} loading=${p.loading} done=${p.done} />`;
  }
  return html`<section class="card" aria-labelledby="work-dossiers"><h2 id="work-dossiers">${T('dossiers')}</h2>${body}</section>`;
}

function DueList({ open }) {
  const due = useLoad(() => api('GET', '/me/evaluations-due'), []);
  const codes = new Map((open.data || []).map((d) => [d.id, d.client_code]));
  let body;
  if (due.loading && !due.data) body = html`<${Loading} />`;
  else if (due.error) body = html`<${ErrorBox} error=${due.error} onRetry=${due.reload} />`;
  else if (!(due.data.items || []).length) body = html`<${Empty}>${T('due_none')}</${Empty}>`;
  else {
    body = html`<ul class="plain">${due.data.items.map((e) => html`<li key=${e.dossier_id}>
      <${Link} href=${'/dossiers/' + e.dossier_id}>${T('dossier_of', { code: codes.get(e.dossier_id) || T('unknown_client') })}</${Link}>
      <br /><span class="small">${e.reason === 'planned_passed' ? T('due_planned', { d: fmtDate(e.planned_on) })
        : e.quiet_since ? T('due_quiet', { d: fmtDate(e.quiet_since) }) : T('due_quiet_never')}</span>
      ${e.last_note_on ? html`<span class="muted small"> · ${T('due_last_note', { d: fmtDate(e.last_note_on) })}</span>` : null}
    </li>`)}</ul>`;
  }
  return html`<section class="card" aria-labelledby="work-due"><h2 id="work-due">${T('due')}</h2>${body}</section>`;
}

function KeepWarm({ open }) {
  let body;
  if (open.loading && !open.data) body = html`<${Loading} />`;
  else if (open.error) body = html`<${ErrorBox} error=${open.error} onRetry=${open.reload} />`;
  else {
    const warm = open.data.filter((d) => d.keep_warm);
    body = warm.length
      ? html`<ul class="plain">${warm.map((d) => html`<${DossierItem} key=${d.id} d=${d} />`)}</ul>`
      : html`<${Empty}>${T('warm_none')}</${Empty}>`;
  }
  return html`<section class="card" aria-labelledby="work-warm"><h2 id="work-warm">${T('warm')}</h2>${body}</section>`;
}

// The mandatory coaching conversation (every 3-4 weeks): shown only when it is overdue.
function CoachingDue() {
  const due = useLoad(() => api('GET', '/coaching/overdue'), []);
  const items = (due.data && due.data.items) || [];
  if (!items.length) return null;
  return html`<section class="card" aria-labelledby="work-coach"><h2 id="work-coach">${T('coach_due')}</h2>
    ${items.map((l) => html`<p key=${l.id}>${l.last_held_on ? T('coach_days', { coach: l.coach_name, n: l.days_since })
      : T('coach_never', { coach: l.coach_name })}</p>`)}
    <p><${Link} href="/coaching">${T('coach_go')}</${Link}></p>
  </section>`;
}

function Queue() {
  const q = useLoad(waitingRequests, []);
  let body;
  if (q.loading && q.data === null) body = html`<${Loading} />`;
  else if (q.error) body = html`<${ErrorBox} error=${q.error} onRetry=${q.reload} />`;
  else body = html`<p>${q.data === 0 ? T('queue_n0') : q.data === 1 ? T('queue_n1') : T('queue_n', { n: q.data })}</p>`;
  return html`<section class="card work-queue" aria-labelledby="work-queue"><h2 id="work-queue">${T('queue')}</h2>
    ${body}
    <p><${Link} href="/queue" class="btn">${T('queue_go')}${q.data ? ` (${q.data})` : ''}</${Link}></p>
  </section>`;
}

export function WorkScreen() {
  const open = useLoad(allOpen, []);
  const casework = hasRole('generalist', 'expert');
  const actions = hasRole('generalist')
    ? html`<${Link} href="/clients/new" class="btn btn-big">${T('new_client')}</${Link}>` : null;
  return html`<${Page} title=${T('title')} actions=${actions}>
    <div class="work-grid">
      <div class="work-main"><${MyDossiers} /></div>
      <div class="work-side">
        ${hasRole('expert') ? html`<${CoachingDue} />` : null}
        ${hasRole('coordinator') ? html`<${Queue} />` : null}
        ${casework ? html`<${DueList} open=${open} />` : null}
        <${KeepWarm} open=${open} />
      </div>
    </div>
  </${Page}>`;
}
