// charts.js: the report charts (Overzichten), as SVG a screen reader can use and a manager
// can read at 320 px. Three kinds:
//
//   <${BarChart} id title rows series />       horizontal bars, one per series per row
//   <${LineChart} id title rows series />      rows are months, left to right, a line per series
//   <${StackedChart} id title rows series />   horizontal bars, the series stacked in each row
//
// rows: [{ label, values: [raw per series] }]; series: [{ label }]; optional: caption (the
// title also written above the chart), legend (name the series even when there is one). A raw value is a number,
// a decimal string ("12.5", as the API gives hours and ratios), "<5" (a withheld count) or
// null (a figure not shown). Withheld and not-shown values are drawn as the same short
// hatched mark with a dashed outline, always of the same length, with "<5" or "–" written
// beside it: no length, height or stack ever reveals the figure. Every chart is an <svg
// role="img"> with a <title> and a <desc> (what is drawn and where the highest value is),
// series differ by pattern, dash and marker shape as well as colour, and the legend is
// visible text. The table behind the chart is the screen's: a chart never stands alone.
// Charts are drawn at the width they get (ResizeObserver), so text stays 12-14 px; below
// 480 px the row labels go above the bars.

import { html, useEffect, useRef, useState } from './html.js';
import { strings, lang } from './i18n.js';

const T = strings({
  nl: {
    bar: 'Staafdiagram', line: 'Lijndiagram', stacked: 'Gestapeld staafdiagram',
    rows: '{n} rijen', months: '{n} maanden, van {first} tot en met {last}',
    series: 'Reeksen: {list}.', highest: 'Hoogste waarde: {what} ({v}).',
    withheld_n: '{n} waarden van minder dan 5 of niet getoond staan als gearceerd blokje van vaste lengte.',
    table: 'De tabel bij dit diagram geeft alle cijfers.',
    withheld: 'minder dan 5, of niet getoond: gearceerd blokje van vaste lengte, geen maat',
    of: '{row}, {series}: {v}', none: 'geen cijfers',
  },
  en: {
    bar: 'Bar chart', line: 'Line chart', stacked: 'Stacked bar chart',
    rows: '{n} rows', months: '{n} months, from {first} to {last}',
    series: 'Series: {list}.', highest: 'Highest value: {what} ({v}).',
    withheld_n: '{n} values under 5 or not shown are drawn as a hatched mark of fixed length.',
    table: 'The table with this chart has all figures.',
    withheld: 'under 5, or not shown: hatched mark of fixed length, not to scale',
    of: '{row}, {series}: {v}', none: 'no figures',
  },
});

const COLOURS = ['#1d5c63', '#8a5a00', '#5b3f8c', '#a4161a', '#2e5b8a', '#3d4a52'];
const DASHES = ['', '6 4', '2 3', '10 3 2 3', '1 5', '8 8'];
const MARK_W = 10; // the withheld mark: always this long (bars) or wide (lines)
const CHAR_W = 7.2; // a 13 px character, roughly, for cutting labels

const MONTHS = {
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const MONTHS_LONG = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

// "2026-03" -> "maart 2026" (long) or "mrt '26" (short); anything else as it is.
export function monthLabel(ym, short = false) {
  const m = /^(\d{4})-(\d{2})$/.exec(ym || '');
  if (!m) return ym;
  const i = Number(m[2]) - 1;
  const l = lang() === 'en' ? 'en' : 'nl';
  return short ? `${MONTHS[l][i]} '${m[1].slice(2)}` : `${MONTHS_LONG[l][i]} ${m[1]}`;
}

// A raw value as a number to draw, or null when it is withheld or not shown.
export function numeric(v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return null;
}

// As written on screen: decimals with a comma in Dutch, "<5" as it is, null as "–".
export function shownValue(v) {
  if (v === null || v === undefined) return '–';
  const s = String(v);
  return lang() === 'en' ? s : s.replace('.', ',');
}

function niceMax(max) {
  if (max <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const f of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (f * p >= max) return f * p;
  return 10 * p;
}

function cut(s, chars) {
  const t = String(s ?? '');
  return t.length <= chars ? t : t.slice(0, Math.max(1, chars - 1)) + '…';
}

function useWidth(initial = 640) {
  const ref = useRef(null);
  const [w, setW] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver((es) => {
      const cw = Math.floor(es[0].contentRect.width);
      if (cw > 0) setW(cw);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, Math.max(240, w)];
}

// The fill patterns: series i has colour i and a pattern of its own (solid, vertical lines,
// dots, horizontal lines, a grid, diagonal lines), so two series never differ by colour alone.
function Patterns({ id, n }) {
  const pats = [];
  for (let i = 0; i < n; i++) {
    const c = COLOURS[i % COLOURS.length];
    const k = i % 6;
    let inner;
    if (k === 0) inner = html`<rect width="6" height="6" fill=${c} />`;
    else if (k === 1) inner = html`<rect width="6" height="6" fill="#fff" /><rect width="4" height="6" fill=${c} />`;
    else if (k === 2) inner = html`<rect width="6" height="6" fill=${c} /><circle cx="3" cy="3" r="1.3" fill="#fff" />`;
    else if (k === 3) inner = html`<rect width="6" height="6" fill="#fff" /><rect width="6" height="4" fill=${c} />`;
    else if (k === 4) inner = html`<rect width="6" height="6" fill=${c} /><rect x="2.5" width="1" height="6" fill="#fff" /><rect y="2.5" width="6" height="1" fill="#fff" />`;
    else inner = html`<rect width="6" height="6" fill="#fff" /><path d="M-1 7 L7 -1 M-1 1 L1 -1 M5 7 L7 5" stroke=${c} stroke-width="2.5" />`;
    pats.push(html`<pattern id=${`${id}-s${i}`} width="6" height="6" patternUnits="userSpaceOnUse">${inner}</pattern>`);
  }
  return html`<defs>
    ${pats}
    <pattern id=${id + '-w'} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="3" height="6" fill="#fff" /></pattern>
  </defs>`;
}

function fillOf(id, i) { return `url(#${id}-s${i})`; }

// The withheld mark: the series' own fill (so one can tell whose it is), cut by white
// diagonal stripes, with a dashed outline; always MARK_W long.
function WithheldMark({ id, x, y, w = MARK_W, h, fill = 'currentColor' }) {
  return html`<g>
    <rect x=${x} y=${y} width=${w} height=${h} fill=${fill} />
    <rect class="rp-withheld" x=${x} y=${y} width=${w} height=${h} fill=${`url(#${id}-w)`}
      stroke="currentColor" stroke-width="1" stroke-dasharray="2 2" />
  </g>`;
}

// The sentence in <desc>: kind, size, series, the highest value, how withheld values look.
function describe(kind, rows, series, isMonths) {
  const parts = [T(kind) + ':'];
  if (isMonths && rows.length) {
    parts.push(T('months', { n: rows.length, first: monthLabel(rows[0].label), last: monthLabel(rows[rows.length - 1].label) }) + '.');
  } else parts.push(T('rows', { n: rows.length }) + '.');
  if (series.length > 1) parts.push(T('series', { list: series.map((s) => s.label).join(', ') }));
  let best = null;
  let withheld = 0;
  rows.forEach((r) => r.values.forEach((v, si) => {
    const n = numeric(v);
    if (n === null) { withheld += 1; return; }
    if (!best || n > best.n) best = { n, v, r, si };
  }));
  if (best) {
    const what = (isMonths ? monthLabel(best.r.label) : best.r.label) + (series.length > 1 ? ', ' + series[best.si].label : '');
    parts.push(T('highest', { what, v: shownValue(best.v) }));
  }
  if (withheld) parts.push(T('withheld_n', { n: withheld }));
  parts.push(T('table'));
  return parts.join(' ');
}

function Legend({ id, series, kind, withheld, always }) {
  const named = series.length > 1 || always;
  if (!named && !withheld) return null;
  return html`<ul class="rp-legend">
    ${named ? series.map((s, i) => html`<li>
      <svg aria-hidden="true" focusable="false" width="30" height="14" viewBox="0 0 30 14">
        ${kind === 'line'
          ? html`<line x1="1" y1="7" x2="29" y2="7" stroke=${COLOURS[i % COLOURS.length]} stroke-width="2.5" stroke-dasharray=${DASHES[i % DASHES.length] || undefined} />
              <${Marker} i=${i} x=${15} y=${7} />`
          : html`<rect x="1" y="1" width="28" height="12" fill=${fillOf(id, i)} stroke=${COLOURS[i % COLOURS.length]} />`}
      </svg>${s.label}</li>`) : null}
    ${withheld ? html`<li class="rp-legend-w">
      <svg aria-hidden="true" focusable="false" width="30" height="14" viewBox="0 0 30 14">
        <${WithheldMark} id=${id} x=${10} y=${1} h=${12} /></svg>${T('withheld')}</li>` : null}
  </ul>`;
}

// Marker shapes per series: circle, square, triangle, diamond, cross, bar.
function Marker({ i, x, y }) {
  const c = COLOURS[i % COLOURS.length];
  const k = i % 6;
  if (k === 0) return html`<circle cx=${x} cy=${y} r="4" fill=${c} />`;
  if (k === 1) return html`<rect x=${x - 4} y=${y - 4} width="8" height="8" fill=${c} />`;
  if (k === 2) return html`<path d=${`M${x} ${y - 5} L${x + 5} ${y + 4} L${x - 5} ${y + 4} Z`} fill=${c} />`;
  if (k === 3) return html`<path d=${`M${x} ${y - 5} L${x + 5} ${y} L${x} ${y + 5} L${x - 5} ${y} Z`} fill=${c} />`;
  if (k === 4) return html`<path d=${`M${x - 4} ${y - 4} L${x + 4} ${y + 4} M${x + 4} ${y - 4} L${x - 4} ${y + 4}`} stroke=${c} stroke-width="2.5" />`;
  return html`<rect x=${x - 1.5} y=${y - 5} width="3" height="10" fill=${c} />`;
}

function anyWithheld(rows) {
  return rows.some((r) => r.values.some((v) => numeric(v) === null));
}

function Frame({ id, kind, title, caption, legend, rows, series, isMonths, children, height, width, boxRef }) {
  const desc = describe(kind, rows, series, isMonths);
  return html`<div class="rp-figure" ref=${boxRef}>
    ${caption ? html`<p class="rp-chart-title" aria-hidden="true">${caption}</p>` : null}
    <svg class=${'rp-chart rp-' + kind} role="img" aria-labelledby=${id + '-t'} aria-describedby=${id + '-d'}
        width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} data-kind=${kind}>
      <title id=${id + '-t'}>${title}</title>
      <desc id=${id + '-d'}>${desc}</desc>
      <${Patterns} id=${id} n=${series.length} />
      ${children}
    </svg>
    <${Legend} id=${id} series=${series} kind=${kind} withheld=${anyWithheld(rows)} always=${legend} />
  </div>`;
}

// Horizontal bars (one per series in each row, side by side).
export function BarChart({ id, title, rows, series, caption, legend, months = false }) {
  const [ref, W] = useWidth();
  const narrow = W < 480;
  const labelW = narrow ? 0 : Math.min(200, Math.round(W * 0.3));
  const numW = 64;
  const plotW = W - labelW - numW;
  const ns = series.length;
  const barH = ns === 1 ? 22 : 16;
  const labelH = narrow ? 18 : 0;
  const rowH = labelH + ns * barH + (ns - 1) * 2 + 12;
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => r.values.map((v) => numeric(v) ?? 0))));
  const chars = Math.floor((narrow ? W : labelW - 10) / CHAR_W);
  const name = (r) => (months ? monthLabel(r.label) : r.label);
  return html`<${Frame} id=${id} kind="bar" title=${title} caption=${caption} legend=${legend} rows=${rows} series=${series} isMonths=${months}
      width=${W} height=${Math.max(rowH * rows.length, 20)} boxRef=${ref}>
    <line x1=${labelW} y1="0" x2=${labelW} y2=${rowH * rows.length - 8} stroke="currentColor" stroke-width="1" />
    ${rows.map((r, ri) => {
      const y0 = ri * rowH;
      return html`<g class="rp-row">
        <text class="rp-label" x=${narrow ? 0 : labelW - 8} y=${narrow ? y0 + 13 : y0 + (ns * barH) / 2 + 5}
          text-anchor=${narrow ? 'start' : 'end'}>${cut(name(r), chars)}</text>
        ${r.values.map((v, si) => {
          const y = y0 + labelH + si * (barH + 2);
          const n = numeric(v);
          const w = n === null ? MARK_W : Math.round((n / max) * plotW);
          return html`<g>
            <title>${T('of', { row: name(r), series: series[si].label, v: shownValue(v) })}</title>
            ${n === null ? html`<${WithheldMark} id=${id} x=${labelW} y=${y} h=${barH} fill=${ns === 1 ? 'currentColor' : fillOf(id, si)} />`
              : html`<rect class="rp-bar" x=${labelW} y=${y} width=${w} height=${barH} fill=${ns === 1 ? 'currentColor' : fillOf(id, si)} />`}
            <text class="rp-value" x=${labelW + w + 5} y=${y + barH / 2 + 5}>${shownValue(v)}</text>
          </g>`;
        })}
      </g>`;
    })}
  </${Frame}>`;
}

// Horizontal bars, the series stacked: each part is as long as its figure; a withheld part
// is the fixed-length mark, so the bar's total length is no measure when it holds one (its
// total is then not written).
export function StackedChart({ id, title, rows, series, caption, legend, months = false }) {
  const [ref, W] = useWidth();
  const narrow = W < 480;
  const labelW = narrow ? 0 : Math.min(200, Math.round(W * 0.3));
  const numW = 56;
  const barH = 22;
  const labelH = narrow ? 18 : 0;
  const rowH = labelH + barH + 10;
  const marks = Math.max(0, ...rows.map((r) => r.values.filter((v) => numeric(v) === null).length));
  const plotW = W - labelW - numW - marks * (MARK_W + 4);
  const sums = rows.map((r) => r.values.reduce((s, v) => s + (numeric(v) ?? 0), 0));
  const max = niceMax(Math.max(0, ...sums));
  const chars = Math.floor((narrow ? W : labelW - 10) / CHAR_W);
  const name = (r) => (months ? monthLabel(r.label) : r.label);
  const dec = rows.some((r) => r.values.some((v) => typeof v === 'string' && v.includes('.')));
  return html`<${Frame} id=${id} kind="stacked" title=${title} caption=${caption} legend=${legend} rows=${rows} series=${series} isMonths=${months}
      width=${W} height=${Math.max(rowH * rows.length, 20)} boxRef=${ref}>
    <line x1=${labelW} y1="0" x2=${labelW} y2=${rowH * rows.length - 8} stroke="currentColor" stroke-width="1" />
    ${rows.map((r, ri) => {
      const y0 = ri * rowH;
      const y = y0 + labelH;
      let x = labelW;
      const parts = r.values.map((v, si) => {
        const n = numeric(v);
        if (n === 0) return null;
        const w = n === null ? MARK_W : (n / max) * plotW;
        const x0 = x + (n === null && x > labelW ? 2 : 0);
        x = x0 + w + (n === null ? 2 : 0);
        return html`<g>
          <title>${T('of', { row: name(r), series: series[si].label, v: shownValue(v) })}</title>
          ${n === null ? html`<${WithheldMark} id=${id} x=${x0} y=${y} h=${barH} fill=${fillOf(id, si)} />`
            : html`<rect class="rp-seg" x=${x0} y=${y} width=${w} height=${barH} fill=${fillOf(id, si)} stroke="#fff" stroke-width="1" />`}
        </g>`;
      });
      const complete = r.values.every((v) => numeric(v) !== null);
      const total = complete ? (dec ? sums[ri].toFixed(1) : String(sums[ri])) : '';
      return html`<g class="rp-row">
        <text class="rp-label" x=${narrow ? 0 : labelW - 8} y=${narrow ? y0 + 13 : y + barH / 2 + 5}
          text-anchor=${narrow ? 'start' : 'end'}>${cut(name(r), chars)}</text>
        ${parts}
        ${total ? html`<text class="rp-value" x=${x + 5} y=${y + barH / 2 + 5}>${shownValue(total)}</text>` : null}
      </g>`;
    })}
  </${Frame}>`;
}

// Reports list only the months that have something; on a time axis a month between them
// that is not listed had nothing, so it is drawn as 0 (the table lists what the API lists).
function calendar(rows, ns) {
  const idx = (ym) => { const m = /^(\d{4})-(\d{2})$/.exec(ym || ''); return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null; };
  const ix = rows.map((r) => idx(r.label));
  if (!rows.length || ix.some((i) => i === null)) return rows;
  const first = Math.min(...ix), last = Math.max(...ix);
  if (last - first > 240) return rows;
  const at = new Map(rows.map((r, i) => [ix[i], r]));
  const out = [];
  for (let i = first; i <= last; i++) {
    const ym = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    out.push(at.get(i) || { label: ym, values: new Array(ns).fill(0) });
  }
  return out;
}

// Months left to right, a line per series; a withheld point breaks the line and is the
// fixed mark on the baseline with "<5" (or "–") above it.
export function LineChart({ id, title, rows: given, series, caption, legend }) {
  const [ref, W] = useWidth();
  const rows = calendar(given, series.length);
  const narrow = W < 480;
  const H = narrow ? 200 : 240;
  const left = 40, right = 28, top = 12, bottom = 30;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const n = rows.length;
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => r.values.map((v) => numeric(v) ?? 0))));
  const xAt = (i) => left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const yAt = (v) => top + plotH - (v / max) * plotH;
  const every = Math.max(1, Math.ceil((n * 52) / plotW));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const lines = series.map((s, si) => {
    const segs = [];
    let cur = [];
    rows.forEach((r, i) => {
      const v = numeric(r.values[si]);
      if (v === null) { if (cur.length) segs.push(cur); cur = []; } else cur.push(`${xAt(i).toFixed(1)} ${yAt(v).toFixed(1)}`);
    });
    if (cur.length) segs.push(cur);
    return segs.filter((sg) => sg.length > 1).map((sg) => 'M' + sg.join(' L')).join(' ');
  });
  return html`<${Frame} id=${id} kind="line" title=${title} caption=${caption} legend=${legend} rows=${rows} series=${series} isMonths=${true}
      width=${W} height=${H} boxRef=${ref}>
    ${ticks.map((v) => html`<g>
      <line x1=${left} x2=${W - right} y1=${yAt(v)} y2=${yAt(v)} stroke="currentColor" stroke-opacity=${v === 0 ? 1 : 0.25} stroke-width="1" />
      <text class="rp-axis" x=${left - 6} y=${yAt(v) + 4} text-anchor="end">${shownValue(Number.isInteger(v) ? v : v.toFixed(1))}</text>
    </g>`)}
    ${rows.map((r, i) => (i % every === 0)
      ? html`<text class="rp-axis" x=${xAt(i)} y=${H - 10} text-anchor="middle">${monthLabel(r.label, true)}</text>` : null)}
    ${lines.map((d, si) => (d ? html`<path class="rp-line" d=${d} fill="none" stroke=${COLOURS[si % COLOURS.length]} stroke-width="2.5"
      stroke-dasharray=${DASHES[si % DASHES.length] || undefined} />` : null))}
    ${rows.map((r, i) => html`<g class="rp-point">${r.values.map((v, si) => {
      const nv = numeric(v);
      const label = T('of', { row: monthLabel(r.label), series: series[si].label, v: shownValue(v) });
      if (nv === null) {
        const yb = top + plotH - 12 - si * 26;
        return html`<g><title>${label}</title>
          <${WithheldMark} id=${id} x=${xAt(i) - MARK_W / 2} y=${yb} h=${12} fill=${COLOURS[si % COLOURS.length]} />
          <text class="rp-value" x=${xAt(i)} y=${yb - 3} text-anchor="middle">${shownValue(v)}</text></g>`;
      }
      return html`<g><title>${label}</title><${Marker} i=${si} x=${xAt(i)} y=${yAt(nv)} /></g>`;
    })}</g>`)}
  </${Frame}>`;
}

// Which chart, by name: 'bar', 'line', 'stacked'.
export function Chart({ kind, ...props }) {
  if (!props.rows.length) return html`<p class="muted">${T('none')}</p>`;
  if (kind === 'line') return html`<${LineChart} ...${props} />`;
  if (kind === 'stacked') return html`<${StackedChart} ...${props} />`;
  return html`<${BarChart} ...${props} />`;
}
