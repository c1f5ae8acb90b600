// learning.js: "Leren". The curriculum (Basiscurriculum ervaringsdeskundigheid 2015 with the
// institution's own units) with, for a student or practising expert, their progress per
// unit (assignments with evidence out of those that count, signed off or not), and for a
// trainer the students of their learning groups with progress and a link to each
// portfolio. GET /api/v1/curriculum, /portfolio/me, /learning/students.
// Also exports the small helpers the unit and portfolio screens share.

import { html } from '../lib/html.js';
import { api } from '../lib/api.js';
import { strings, lang } from '../lib/i18n.js';
import { hasRole } from '../lib/session.js';
import { Link } from '../lib/router.js';
import { Page, ErrorBox, Empty, Loading, useLoad } from '../lib/ui.js';

const T = strings({
  nl: {
    title: 'Leren', intro: 'Het basiscurriculum ervaringsdeskundigheid, aangevuld met de eigen modules van de opleiding. Opdrachten zijn voorbeelden; de opleiding kan ze vervangen.',
    units_h: 'Modules', my_portfolio: 'Mijn portfolio', progress: '{done} van {total} opdrachten met bewijs',
    signed: 'Afgetekend', not_signed: 'Nog niet afgetekend', local: 'eigen module', inactive: 'niet in gebruik',
    students_h: 'Studenten in mijn leergroepen', students_empty: 'Er zitten nog geen studenten in uw leergroepen. Voeg ze toe bij Leergroepen.',
    student_line: '{signed} van {units} modules afgetekend · {items} bewijsstukken', open_portfolio: 'Portfolio van {name}',
    version: 'Versie van het kader: {v}', assignments: '{n} opdrachten',
  },
  en: {
    title: 'Learning', intro: 'The basic curriculum for experience experts, with the institution\'s own units. Assignments are examples; the institution may replace them.',
    units_h: 'Units', my_portfolio: 'My portfolio', progress: '{done} of {total} assignments with evidence',
    signed: 'Signed off', not_signed: 'Not signed off yet', local: 'own unit', inactive: 'not in use',
    students_h: 'Students in my learning groups', students_empty: 'There are no students in your learning groups yet. Add them under Learning groups.',
    student_line: '{signed} of {units} units signed off · {items} pieces of evidence', open_portfolio: 'Portfolio of {name}',
    version: 'Framework version: {v}', assignments: '{n} assignments',
  },
});

// The Dutch or English member of a record: t(x, 'title') reads title_nl or title_en.
export function t(x, key) {
  if (!x) return '';
  return (lang() === 'en' ? x[key + '_en'] : x[key + '_nl']) || x[key + '_nl'] || '';
}

// Progress of one unit from a portfolio's progress.units.
export function unitProgress(portfolio, code) {
  const units = (portfolio && portfolio.progress && portfolio.progress.units) || [];
  return units.find((u) => u.unit === code) || null;
}

export function ProgressLine({ p }) {
  if (!p) return null;
  return html`<p class="lr-progress">
    <span>${T('progress', { done: p.assignments_with_evidence, total: p.assignments_total })}</span>
    <span class=${'badge' + (p.signed_off ? ' ok' : '')}>${p.signed_off ? T('signed') : T('not_signed')}</span>
  </p>`;
}

function Units({ cur, portfolio }) {
  return html`<section aria-labelledby="units-h">
    <h2 id="units-h">${T('units_h')}</h2>
    <ul class="plain lr-units">
      ${cur.units.map((u) => html`<li class="card" key=${u.code}>
        <h3><${Link} href=${'/learning/units/' + encodeURIComponent(u.code)}>${u.code} · ${t(u, 'title')}</${Link}></h3>
        <p class="muted small">${T('assignments', { n: u.assignment_count })}${u.local ? ' · ' + T('local') : ''}${u.active ? '' : ' · ' + T('inactive')}</p>
        ${portfolio ? html`<${ProgressLine} p=${unitProgress(portfolio, u.code)} />` : null}
      </li>`)}
    </ul>
  </section>`;
}

function Students() {
  const st = useLoad(() => api('GET', '/learning/students'), []);
  if (st.loading) return html`<${Loading} />`;
  if (st.error) return html`<${ErrorBox} error=${st.error} onRetry=${st.reload} />`;
  const items = st.data.items || [];
  return html`<section aria-labelledby="students-h">
    <h2 id="students-h">${T('students_h')}</h2>
    ${items.length === 0 ? html`<${Empty}>${T('students_empty')}</${Empty}>` : html`<ul class="plain lr-students">
      ${items.map((s) => html`<li class="card" key=${s.id}>
        <h3><${Link} href=${'/learning/portfolio/' + s.id}>${T('open_portfolio', { name: s.name })}</${Link}></h3>
        <p class="muted small">${s.groups}</p>
        <p>${T('student_line', { signed: s.units_signed_off, units: s.units, items: s.evidence_count })}</p>
        <p>${T('progress', { done: s.assignments_with_evidence, total: s.assignments_total })}</p>
      </li>`)}
    </ul>`}
  </section>`;
}

export function LearningScreen() {
  const learner = hasRole('student', 'expert');
  const st = useLoad(async () => {
    const cur = await api('GET', '/curriculum');
    const portfolio = learner ? await api('GET', '/portfolio/me') : null;
    return { cur, portfolio };
  }, []);
  const actions = learner ? html`<${Link} href="/learning/portfolio/me" >${T('my_portfolio')}</${Link}>` : null;
  return html`<${Page} title=${T('title')} actions=${actions}>
    <p class="tagline">${T('intro')}</p>
    ${hasRole('trainer') ? html`<${Students} />` : null}
    ${st.loading ? html`<${Loading} />` : st.error ? html`<${ErrorBox} error=${st.error} onRetry=${st.reload} />`
      : html`<${Units} cur=${st.data.cur} portfolio=${st.data.portfolio} />
        <p class="muted small">${T('version', { v: st.data.cur.version })}</p>`}
  </${Page}>`;
}
