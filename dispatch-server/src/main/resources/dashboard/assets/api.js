// The public /v1 API, the dashboard's only source of data. The API key (when the server wants one)
// lives in sessionStorage and goes in the Authorization header, never in a URL.

const KEY = 'dispatch.key';
const NS = 'dispatch.namespace';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function namespace() {
  return sessionStorage.getItem(NS) || 'default';
}

export function setNamespace(ns) {
  if (ns && ns !== 'default') sessionStorage.setItem(NS, ns);
  else sessionStorage.removeItem(NS);
}

export function hasKey() {
  return Boolean(sessionStorage.getItem(KEY));
}

export function setKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

function headers(extra) {
  const h = { ...extra };
  const key = sessionStorage.getItem(KEY);
  if (key) h.Authorization = 'Bearer ' + key;
  return h;
}

function base() {
  return '/v1/namespaces/' + encodeURIComponent(namespace());
}

async function failure(r) {
  let code = 'http_' + r.status;
  let message = `${r.status} ${r.statusText}`;
  try {
    const body = await r.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
    }
  } catch (_) { /* not JSON */ }
  if (r.status === 401) window.dispatchEvent(new CustomEvent('dispatch:auth-needed', { detail: message }));
  return new ApiError(r.status, code, message);
}

/** A call to {ns-path} of the namespace's API; resolves to the parsed JSON body. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const init = { method, headers: headers({ Accept: 'application/json' }), signal, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(base() + path, init);
  if (!r.ok) throw await failure(r);
  const text = await r.text();
  return text ? JSON.parse(text) : {};
}

export const get = (path, opts) => api(path, opts);
export const post = (path, body = {}, opts = {}) => api(path, { ...opts, method: 'POST', body });

/**
 * Follows an SSE endpoint of the API with fetch (EventSource cannot send the Authorization
 * header). Calls onEvent({id, event, data}) for each event; resumes after a dropped connection
 * from the last id, every 3 s at most; stops on `event: end`, on a 4xx, or when signal aborts.
 */
export async function follow(path, { signal, onEvent, onState = () => {} }) {
  let lastId = null;
  while (!signal.aborted) {
    try {
      const h = headers({ Accept: 'text/event-stream' });
      if (lastId !== null) h['Last-Event-ID'] = lastId;
      const r = await fetch(base() + path, { headers: h, signal, cache: 'no-store' });
      if (!r.ok) {
        const e = await failure(r);
        if (r.status < 500) { onState('closed', e.message); return; }
        throw e;
      }
      onState('live');
      const ended = await read(r.body, signal, ev => {
        if (ev.id !== undefined) lastId = ev.id;
        onEvent(ev);
      });
      if (ended) { onState('ended'); return; }
    } catch (e) {
      if (signal.aborted) return;
      onState('retrying', e.message);
    }
    await sleep(3000, signal);
  }
}

/** Reads one SSE response; true when the server said the stream is over. */
async function read(body, signal, emit) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ev = { data: [] };
  const abort = () => reader.cancel().catch(() => {});
  signal.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffer += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (ev.data.length || ev.event) {
            const out = { id: ev.id, event: ev.event || 'message', data: ev.data.join('\n') };
            if (out.event === 'end') return true;
            emit(out);
          }
          ev = { data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let val = colon < 0 ? '' : line.slice(colon + 1);
          if (val.startsWith(' ')) val = val.slice(1);
          if (field === 'data') ev.data.push(val);
          else if (field === 'event') ev.event = val;
          else if (field === 'id') ev.id = val;
        }
      }
    }
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

export function sleep(ms, signal) {
  return new Promise(resolve => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

/** Runs fn every ms (never faster than every 3 s) until signal aborts; the page loaded it once already. */
export async function every(ms, signal, fn) {
  for (;;) {
    await sleep(Math.max(ms, 3000), signal);
    if (signal.aborted) return;
    try { await fn(); } catch (_) { /* the next round tries again; the page still shows the last data */ }
  }
}
