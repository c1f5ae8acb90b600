// i18n.js: Dutch first, English second. Each screen keeps its own strings beside its code:
//
//   const T = strings({ nl: { title: 'Mijn werk' }, en: { title: 'My work' } });
//   T('title')                       -> in the current language
//   T('count', { n: 3 })             -> '{n} dossiers' with {n} filled in
//
// A key missing in English falls back to Dutch; a key missing in both shows the key itself,
// which the browser tests catch. The language comes from the logged-in worker (GET
// /api/v1/me, lang) or, before login, from this browser's last choice.

const KEY = 'pd.lang';
let current = (() => {
  try { return localStorage.getItem(KEY) === 'en' ? 'en' : 'nl'; } catch { return 'nl'; }
})();
const listeners = new Set();

export function lang() { return current; }

export function setLang(l) {
  const next = l === 'en' ? 'en' : 'nl';
  if (next === current) return;
  current = next;
  try { localStorage.setItem(KEY, current); } catch { /* private mode: not remembered here */ }
  document.documentElement.lang = current;
  listeners.forEach((fn) => fn(current));
}

export function onLang(fn) { listeners.add(fn); return () => listeners.delete(fn); }

function fill(s, vars) {
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

export function strings(dict) {
  return (key, vars) => {
    const s = (dict[current] && dict[current][key]) ?? (dict.nl && dict.nl[key]);
    return s === undefined ? key : fill(s, vars);
  };
}

// Dates as people here write them: 25 november 2026 / 25 November 2026.
export function fmtDate(iso) {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? iso + 'T12:00:00Z' : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(current === 'en' ? 'en-GB' : 'nl-NL',
    { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
}

export function fmtDateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(current === 'en' ? 'en-GB' : 'nl-NL',
    { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZone: 'Europe/Amsterdam' });
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}
