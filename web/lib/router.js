// router.js: screens have real URLs (/dossiers/<id>), so the back button, bookmarks and
// "open in a new tab" work. The server answers every path without a file extension with
// the same page; this module picks the screen.
//
//   route('/dossiers/:id', DossierScreen)      in main.js, once per screen
//   navigate('/dossiers/' + id)                from code
//   html`<${Link} href="/queue">...</${Link}>`  in markup: a real <a>, no reload

import { html, useEffect, useState } from './html.js';

const table = [];
const listeners = new Set();

export function route(pattern, component, opts = {}) {
  const names = [];
  const re = new RegExp('^' + pattern.replace(/:(\w+)/g, (m, n) => { names.push(n); return '([^/]+)'; }) + '/?$');
  table.push({ pattern, re, names, component, ...opts });
}

export function match(pathname) {
  for (const r of table) {
    const m = r.re.exec(pathname);
    if (m) {
      const params = {};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

export function location() {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export function navigate(to, { replace = false } = {}) {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) history.replaceState(null, '', to); else history.pushState(null, '', to);
  listeners.forEach((fn) => fn());
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => listeners.forEach((fn) => fn()));

export function useLocation() {
  const [, set] = useState(0);
  useEffect(() => {
    const fn = () => set((n) => n + 1);
    listeners.add(fn);
    return () => listeners.delete(fn);
  }, []);
  return location();
}

export function Link({ href, children, ...rest }) {
  const onClick = (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}
