// api.js: every call to the server goes through here. It sends the CSRF token on writes,
// If-Match when a version is given, parses problem+json into an ApiError that names the
// field, and turns a lost session (401) into one 'pd:session-lost' event that the shell
// answers by showing the login screen again.

const CSRF_KEY = 'pd.csrf';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.field = problem.field || null;
    this.type = (problem.type || '').replace('urn:peerdesk:problem:', '');
    this.current = problem.current || null; // 412: the record as it is now
    this.traceId = problem.trace_id || null;
  }
}

export function setCsrf(token) {
  try {
    if (token) localStorage.setItem(CSRF_KEY, token);
    else localStorage.removeItem(CSRF_KEY);
  } catch { /* storage off: writes will ask to log in again */ }
}

function csrf() {
  try { return localStorage.getItem(CSRF_KEY) || ''; } catch { return ''; }
}

// api('GET', '/dossiers', null, { query: { limit: 20 } }) -> parsed JSON (or null for 204)
// Options: query (object, undefined/null/'' left out), version (If-Match), etag: true to
// receive { body, version } with the ETag's version.
export async function api(method, path, body, opts = {}) {
  let url = '/api/v1' + path;
  if (opts.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((x) => q.append(k, x)); else q.append(k, String(v));
    }
    const s = q.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== null && body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf();
  if (opts.version !== undefined && opts.version !== null) headers['If-Match'] = `"${opts.version}"`;

  let res;
  try {
    res = await fetch(url, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === null || body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { type: 'network', detail: 'network' });
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 200) }; }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data || {});
    // 401 second-factor: the session lives but is not full yet; that is not a lost session.
    if (res.status === 401 && !opts.quiet401 && err.type !== 'second-factor') {
      window.dispatchEvent(new CustomEvent('pd:session-lost'));
    }
    throw err;
  }
  if (opts.etag) {
    const tag = res.headers.get('ETag');
    const m = tag && tag.match(/"(\d+)"/);
    return { body: data, version: m ? Number(m[1]) : (data && data.version) };
  }
  return data;
}

// Pages of a cursor-paginated list: { items, next }. Returns a loader for "more".
export function pager(path, query = {}) {
  let next;
  let done = false;
  return {
    get done() { return done; },
    async more() {
      if (done) return [];
      const page = await api('GET', path, null, { query: { ...query, after: next } });
      next = page.next;
      done = !page.next;
      return page.items || [];
    },
  };
}
