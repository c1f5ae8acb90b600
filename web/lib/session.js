// session.js: who is logged in. me() is the worker as GET /api/v1/me answered it (null when
// logged out); hasRole('coordinator') reads its roles. The shell re-renders on change.

import { api, setCsrf } from './api.js';
import { setLang } from './i18n.js';

let state = { me: null, level: null };
const listeners = new Set();

export function me() { return state.me; }
export function level() { return state.level; }
export function hasRole(...roles) {
  return !!state.me && roles.some((r) => (state.me.roles || []).includes(r));
}
export function onSession(fn) { listeners.add(fn); return () => listeners.delete(fn); }

function set(next) {
  state = next;
  if (state.me && state.me.lang) setLang(state.me.lang);
  listeners.forEach((fn) => fn(state));
}

// Ask the server who we are. Resolves to the state; a 401 means logged out.
export async function refresh() {
  try {
    const r = await api('GET', '/me', null, { quiet401: true });
    const user = { ...(r.user || {}), lang: r.lang || (r.user && r.user.lang) };
    set({ me: user, level: r.level || 'full' });
  } catch (e) {
    if (e.status === 401) set({ me: null, level: null });
    else throw e;
  }
  return state;
}

// A login or second-factor answer: { user, csrf_token, level }. The worker's language
// comes with GET /me, so ask once more before showing the screens.
export async function granted(g) {
  setCsrf(g.csrf_token);
  try { await refresh(); } catch { set({ me: g.user, level: g.level }); }
}

export async function logout() {
  try { await api('DELETE', '/session', null, { quiet401: true }); } catch { /* gone already */ }
  setCsrf(null);
  set({ me: null, level: null });
}

export function lost() {
  setCsrf(null);
  set({ me: null, level: null });
}
