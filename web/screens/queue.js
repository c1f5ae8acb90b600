// queue.js: the expert team's queue of inzetverzoeken, oldest first, for coordinators.
// A filter (new / in review / all open) lives in the URL (?status=), so it survives a
// reload and the back button. Each row is the summary the server gives coordinators:
// reasons, areas and themes as labels, phase, area and how long it has been waiting. The
// queue deliberately carries no client and no requester (need-to-know); the request
// screen behind each row is where the coordinator reviews and decides.

import { html, useState, useEffect } from '../lib/html.js';
import { pager } from '../lib/api.js';
import { strings, fmtDate } from '../lib/i18n.js';
import { label } from '../lib/vocab.js';
import { Link } from '../lib/router.js';
import { Page, ErrorBox, Loading, Empty, More } from '../lib/ui.js';
import { phaseLabel, waitingText, loadAreas, Labels, StatusBadge } from './request.js';

const T = strings({
  nl: {
    title: 'Wachtrij expertteam',
    intro: 'Inzetverzoeken van generalisten, het langst wachtende eerst. U ziet een samenvatting zonder naam of vraag van de cliënt; open een verzoek om het in behandeling te nemen en te besluiten.',
    filter: 'Welke verzoeken', f_new: 'Nieuw', f_review: 'In behandeling', f_open: 'Alle open',
    empty_new: 'Er zijn geen nieuwe inzetverzoeken. Goed bijgehouden!',
    empty_review: 'Er zijn geen verzoeken in behandeling.',
    empty_open: 'Er wachten geen inzetverzoeken op het expertteam.',
    item: 'Inzetverzoek van {date}', reasons: 'Redenen', areas: 'Ervaringsgebieden', themes: 'Thema\'s',
    phase: 'Fase', area: 'Gebied', basis: 'Match vooral op', unknown_area: 'Onbekend',
    count: '{n} verzoeken getoond',
  },
  en: {
    title: 'Expert team queue',
    intro: 'Requests from generalists, the longest waiting first. You see a summary without the client\'s name or the question; open a request to take it into review and decide.',
    filter: 'Which requests', f_new: 'New', f_review: 'In review', f_open: 'All open',
    empty_new: 'There are no new requests. Well kept up!',
    empty_review: 'There are no requests in review.',
    empty_open: 'No requests are waiting for the expert team.',
    item: 'Request of {date}', reasons: 'Reasons', areas: 'Experience areas', themes: 'Themes',
    phase: 'Phase', area: 'Area', basis: 'Match mainly on', unknown_area: 'Unknown',
    count: '{n} requests shown',
  },
});

const FILTERS = [
  ['new', 'submitted', 'f_new', 'empty_new'],
  ['review', 'in_review', 'f_review', 'empty_review'],
  ['open', undefined, 'f_open', 'empty_open'],
];

function Row({ r, areas }) {
  const headId = 'q-' + r.id;
  const area = r.area_id && areas && areas.get(r.area_id) ? areas.get(r.area_id).name : T('unknown_area');
  const long = r.age_days >= 14;
  return html`<li class="card rq-queue-item" aria-labelledby=${headId}>
    <div class="rq-queue-head">
      <h2 id=${headId}><${Link} href=${'/requests/' + r.id}>${T('item', { date: fmtDate(r.created_at) })}</${Link}></h2>
      <${StatusBadge} status=${r.status} />
      <span class=${long ? 'badge warn' : 'badge'}>${waitingText(r.age_days)}</span>
    </div>
    <dl class="facts">
      <dt>${T('reasons')}</dt><dd><${Labels} vocab="deployment_reason" codes=${r.reasons} /></dd>
      <dt>${T('areas')}</dt><dd><${Labels} vocab="experience_area" codes=${r.areas} /></dd>
      <dt>${T('themes')}</dt><dd><${Labels} vocab="generic_theme" codes=${r.themes} /></dd>
      <dt>${T('phase')}</dt><dd>${phaseLabel(r.phase)}</dd>
      <dt>${T('basis')}</dt><dd>${label('match_basis', r.match_basis)}</dd>
      <dt>${T('area')}</dt><dd>${area}</dd>
    </dl>
  </li>`;
}

export function QueueScreen({ query }) {
  const q = (query && query.get && query.get('status')) || 'open';
  const filter = FILTERS.find((f) => f[0] === q) || FILTERS[2];
  const [st, setSt] = useState({ items: [], error: null, loading: true, done: false });
  const [src, setSrc] = useState(null);
  const [areas, setAreas] = useState(null);

  const more = async (p) => {
    setSt((s) => ({ ...s, loading: true, error: null }));
    try {
      const items = await p.more();
      setSt((s) => ({ items: s.items.concat(items), error: null, loading: false, done: p.done }));
    } catch (error) {
      setSt((s) => ({ ...s, error, loading: false }));
    }
  };
  useEffect(() => {
    const p = pager('/requests', { status: filter[1], limit: 25 });
    setSrc(p);
    setSt({ items: [], error: null, loading: true, done: false });
    more(p);
    loadAreas().then(setAreas).catch(() => setAreas(new Map()));
  }, [filter[0]]);

  const first = st.loading && !st.items.length;
  return html`<${Page} title=${T('title')}>
    <p>${T('intro')}</p>
    <nav class="tabs" aria-label=${T('filter')}>
      ${FILTERS.map(([key, , lab]) => html`<${Link} href=${key === 'open' ? '/queue' : '/queue?status=' + key}
        aria-current=${filter[0] === key ? 'page' : undefined}>${T(lab)}</${Link}>`)}
    </nav>
    ${st.error ? html`<${ErrorBox} error=${st.error} onRetry=${() => src && more(src)} />` : null}
    ${first ? html`<${Loading} />`
      : !st.items.length && !st.error ? html`<${Empty}>${T(filter[3])}</${Empty}>`
      : html`<ul class="plain rq-queue" aria-label=${T(filter[2])}>
          ${st.items.map((r) => html`<${Row} key=${r.id} r=${r} areas=${areas} />`)}
        </ul>
        <p class="muted small" role="status">${T('count', { n: st.items.length })}</p>
        <${More} onMore=${() => src && more(src)} loading=${st.loading} done=${st.done} />`}
  </${Page}>`;
}
