// vocab.js: the organisation's code tables (GET /api/v1/vocabularies), loaded once per
// session. label('generic_theme', 'debts') is the label in the current language;
// options('generic_theme') the active codes as { value, label } for Checks/Field.

import { api } from './api.js';
import { lang } from './i18n.js';

let cache = null;
let pending = null;

export function loadVocab(force = false) {
  if (cache && !force) return Promise.resolve(cache);
  if (pending && !force) return pending;
  pending = api('GET', '/vocabularies').then((r) => {
    cache = {};
    for (const v of r.items || []) cache[v.name] = v.codes || [];
    pending = null;
    return cache;
  }).catch((e) => { pending = null; throw e; });
  return pending;
}

export function forgetVocab() { cache = null; }

function labelOf(c) {
  return (lang() === 'en' ? c.label_en : c.label_nl) || c.label_nl || c.code;
}

export function label(vocab, code) {
  const c = cache && (cache[vocab] || []).find((x) => x.code === code);
  return c ? labelOf(c) : code;
}

export function options(vocab, { includeInactive = false } = {}) {
  return ((cache && cache[vocab]) || [])
    .filter((c) => includeInactive || c.active)
    .map((c) => ({ value: c.code, label: labelOf(c) }));
}
