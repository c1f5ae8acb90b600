// main.js: the shell. Asks the server who is logged in, shows the login screen or the
// navigation for the worker's roles, and loads each screen's module when it is first
// opened. Screens live in screens/<file>.js and export the named component below; a
// screen gets { params, query } (path parameters and the URL's query).

import { html, render, useEffect, useState } from './lib/html.js';
import { api } from './lib/api.js';
import { strings, lang, setLang, onLang } from './lib/i18n.js';
import { refresh, me, level, onSession, hasRole, logout, lost } from './lib/session.js';
import { loadVocab, forgetVocab } from './lib/vocab.js';
import { route, match, navigate, useLocation, Link } from './lib/router.js';
import { Loading, ErrorBox, Page } from './lib/ui.js';
import { LoginScreen } from './screens/login.js';

const T = strings({
  nl: {
    skip: 'Naar de inhoud', work: 'Mijn werk', client_new: 'Nieuwe cliënt', queue: 'Wachtrij expertteam',
    consult: 'Consult vastleggen', search: 'Zoeken', profile: 'Mijn ervaringsprofiel', admin: 'Beheer',
    privacy: 'Privacy', learning: 'Leren', learning_groups: 'Leergroepen', story: 'Mijn herstelverhaal', story_shared: 'Gedeelde verhalen',
    intervision: 'Intervisie', coaching: 'Coaching', reflections: 'Reflecties', training: 'Scholing generalisten', readiness: 'Implementatiescan', reports: 'Overzichten', research: 'Onderzoeksexport',
    logout: 'Uitloggen', other_lang: 'English', other_lang_label: 'Switch to English',
    nav: 'Hoofdmenu', missing: 'Dit scherm bestaat (nog) niet.', home: 'Welkom',
    home_body: 'Met uw rollen ({roles}) zijn er in dit deel van peerdesk geen cliëntgegevens voor u.',
    signed_in: 'Ingelogd als {name}',
  },
  en: {
    skip: 'Skip to content', work: 'My work', client_new: 'New client', queue: 'Expert team queue',
    consult: 'Log a consultation', search: 'Search', profile: 'My experience profile', admin: 'Administration',
    privacy: 'Privacy', learning: 'Learning', learning_groups: 'Learning groups', story: 'My recovery story', story_shared: 'Shared stories',
    intervision: 'Intervision', coaching: 'Coaching', reflections: 'Reflections', training: 'Training for generalists', readiness: 'Readiness scan', reports: 'Reports', research: 'Research export',
    logout: 'Log out', other_lang: 'Nederlands', other_lang_label: 'Wissel naar Nederlands',
    nav: 'Main menu', missing: 'This screen does not exist (yet).', home: 'Welcome',
    home_body: 'With your roles ({roles}) this part of peerdesk holds no client data for you.',
    signed_in: 'Logged in as {name}',
  },
});

const CASEWORK = ['generalist', 'expert', 'coordinator'];
// Who works on their own lived experience: a recovery story, reflections, intervision.
const PEERS = ['generalist', 'expert', 'coordinator', 'coach', 'trainer', 'student'];

// path, module file, exported component, roles that may open it (none: everyone)
const SCREENS = [
  ['/', 'work.js', 'WorkScreen', CASEWORK],
  ['/clients/new', 'client-new.js', 'ClientNewScreen', ['generalist']],
  ['/dossiers/:id', 'dossier.js', 'DossierScreen', CASEWORK],
  ['/dossiers/:id/request', 'request-new.js', 'RequestNewScreen', CASEWORK],
  ['/queue', 'queue.js', 'QueueScreen', ['coordinator']],
  ['/requests/:id', 'request.js', 'RequestScreen', CASEWORK],
  ['/consult', 'consult.js', 'ConsultScreen', ['expert', 'coordinator']],
  ['/search', 'search.js', 'SearchScreen', ['generalist', 'expert']],
  ['/profile', 'profile.js', 'ProfileScreen', ['expert']],
  ['/admin', 'admin.js', 'AdminScreen', ['admin']],
  ['/privacy', 'privacy.js', 'PrivacyScreen', ['privacy_officer']],
  ['/learning', 'learning.js', 'LearningScreen', ['student', 'expert', 'trainer', 'admin']],
  ['/learning/units/:code', 'learning-unit.js', 'LearningUnitScreen', ['student', 'expert', 'trainer', 'admin']],
  ['/learning/portfolio/:worker', 'portfolio.js', 'PortfolioScreen', ['student', 'expert', 'trainer']],
  ['/learning-groups', 'learning-groups.js', 'LearningGroupsScreen', ['trainer', 'admin']],
  ['/story', 'story.js', 'StoryScreen', ['student', 'expert', 'trainer']],
  ['/intervision', 'intervision.js', 'IntervisionScreen', PEERS],
  ['/intervision/:id', 'intervision-group.js', 'IntervisionGroupScreen', PEERS],
  ['/coaching', 'coaching.js', 'CoachingScreen', ['coach', 'expert', 'coordinator', 'manager', 'admin']],
  ['/reflections', 'reflections.js', 'ReflectionsScreen', ['expert', 'student', 'generalist', 'coordinator', 'coach']],
  ['/training', 'training.js', 'TrainingScreen', ['expert', 'coordinator', 'trainer', 'manager']],
  ['/readiness', 'readiness.js', 'ReadinessScreen', ['manager', 'admin', 'coordinator']],
  ['/reports', 'reports.js', 'ReportsScreen', ['manager', 'admin']],
  ['/research', 'research.js', 'ResearchScreen', ['researcher']],
];
for (const [path, file, name, roles] of SCREENS) route(path, null, { file, name, roles });

const loaded = new Map();
function loadScreen(file, name) {
  if (!loaded.has(file)) loaded.set(file, import('./screens/' + file).then((m) => m[name]));
  return loaded.get(file);
}

// Where a worker starts: casework roles at Mijn werk, others at their own screen.
function homeFor() {
  if (hasRole(...CASEWORK)) return null;
  if (hasRole('admin')) return '/admin';
  if (hasRole('privacy_officer')) return '/privacy';
  if (hasRole('student', 'trainer')) return '/learning';
  if (hasRole('manager')) return '/reports';
  if (hasRole('coach')) return '/coaching';
  if (hasRole('researcher')) return '/research';
  return 'home';
}

function Home() {
  const roles = (me().roles || []).join(', ');
  return html`<${Page} title=${T('home')}><p>${T('home_body', { roles })}</p></${Page}>`;
}

function Missing() {
  return html`<${Page} title="404"><p>${T('missing')}</p><p><${Link} href="/">${T('work')}</${Link}></p></${Page}>`;
}

function Outlet() {
  const loc = useLocation();
  const [comp, setComp] = useState({ C: null, err: null, key: '', file: '' });
  const m = match(loc.path);
  const key = loc.path + '?' + loc.query.toString();
  const home = loc.path === '/' ? homeFor() : null;
  useEffect(() => {
    if (!m || home) return;
    let live = true;
    const file = m.route.file;
    setComp({ C: null, err: null, key, file });
    loadScreen(file, m.route.name)
      .then((C) => live && setComp({ C: C || Missing, err: null, key, file }))
      .catch((err) => live && setComp({ C: null, err, key, file }));
    return () => { live = false; };
  }, [m && m.route.file, home]);
  // Redirect after render, once useLocation listens, so the new screen is drawn.
  useEffect(() => { if (home && home !== 'home') navigate(home, { replace: true }); }, [home]);
  if (home === 'home') return html`<${Home} />`;
  if (home) return html`<${Loading} />`; // the effect below moves on to the worker's screen
  if (!m) return html`<${Missing} />`;
  if (m.route.roles && !hasRole(...m.route.roles)) return html`<${Missing} />`;
  if (comp.err && comp.file === m.route.file) return html`<${ErrorBox} error=${comp.err} />`;
  // The screen loaded for another file must not be drawn with this path's parameters.
  if (!comp.C || comp.file !== m.route.file) return html`<${Loading} />`;
  const C = comp.C;
  return html`<${C} key=${key} params=${m.params} query=${loc.query} />`;
}

function Nav() {
  const loc = useLocation();
  const items = [
    [CASEWORK, '/', T('work')],
    [['generalist'], '/clients/new', T('client_new')],
    [['coordinator'], '/queue', T('queue')],
    [['expert', 'coordinator'], '/consult', T('consult')],
    [['generalist', 'expert'], '/search', T('search')],
    [['expert'], '/profile', T('profile')],
    [['admin'], '/admin', T('admin')],
    [['privacy_officer'], '/privacy', T('privacy')],
    [['student', 'expert', 'trainer', 'admin'], '/learning', T('learning')],
    [['trainer', 'admin'], '/learning-groups', T('learning_groups')],
    [['student', 'expert', 'trainer'], '/story', hasRole('student', 'expert') ? T('story') : T('story_shared')],
    [PEERS, '/intervision', T('intervision')],
    [['coach', 'expert', 'coordinator', 'manager'], '/coaching', T('coaching')],
    [['expert', 'student', 'generalist', 'coordinator', 'coach'], '/reflections', T('reflections')],
    [['expert', 'coordinator', 'trainer', 'manager'], '/training', T('training')],
    [['manager', 'admin', 'coordinator'], '/readiness', T('readiness')],
    [['manager', 'admin'], '/reports', T('reports')],
    [['researcher'], '/research', T('research')],
  ].filter(([roles]) => hasRole(...roles));
  if (!items.length) return null;
  return html`<nav aria-label=${T('nav')}><ul>
    ${items.map(([, href, label]) => html`<li><${Link} href=${href}
      aria-current=${loc.path === href || (href !== '/' && loc.path.startsWith(href)) ? 'page' : undefined}>${label}</${Link}></li>`)}
  </ul></nav>`;
}

async function switchLang() {
  const next = lang() === 'nl' ? 'en' : 'nl';
  setLang(next);
  try { await api('PATCH', '/me', { lang: next }); } catch { /* kept in this browser anyway */ }
}

function Shell() {
  const user = me();
  return html`<div class="shell">
    <a class="skip" href="#main">${T('skip')}</a>
    <header class="top">
      <${Link} href="/" class="brand">peerdesk</${Link}>
      <${Nav} />
      <div class="account">
        <span class="who">${T('signed_in', { name: user.name || user.email })}</span>
        <button type="button" class="link" lang=${lang() === 'nl' ? 'en' : 'nl'} aria-label=${T('other_lang_label')} onClick=${switchLang}>${T('other_lang')}</button>
        <button type="button" class="link" onClick=${() => logout().then(() => navigate('/'))}>${T('logout')}</button>
      </div>
    </header>
    <main id="main" tabindex="-1"><${Outlet} /></main>
  </div>`;
}

function App() {
  const [, tick] = useState(0);
  const [boot, setBoot] = useState({ ready: false, error: null });
  useEffect(() => {
    const re = () => tick((n) => n + 1);
    const offS = onSession(() => { forgetVocab(); re(); });
    const offL = onLang(re);
    const onLost = () => lost();
    window.addEventListener('pd:session-lost', onLost);
    refresh().then(() => setBoot({ ready: true, error: null }))
      .catch((error) => setBoot({ ready: true, error }));
    return () => { offS(); offL(); window.removeEventListener('pd:session-lost', onLost); };
  }, []);
  const [vocabReady, setVocabReady] = useState(false);
  const user = me();
  useEffect(() => {
    setVocabReady(false);
    if (user && level() === 'full') loadVocab().then(() => setVocabReady(true)).catch(() => setVocabReady(true));
  }, [user && user.id, level()]);
  if (!boot.ready) return html`<${Loading} />`;
  if (boot.error) return html`<main id="main"><${ErrorBox} error=${boot.error} onRetry=${() => location.reload()} /></main>`;
  if (!user || level() !== 'full') return html`<${LoginScreen} />`;
  if (!vocabReady) return html`<${Loading} />`;
  return html`<${Shell} />`;
}

document.documentElement.lang = lang();
render(html`<${App} />`, document.getElementById('app'));
