// The dashboard's shell: routes /ui/… paths to pages, keeps links in the app, asks for a key.
import { h, put } from './dom.js';
import { ApiError, hasKey, namespace, setKey, setNamespace } from './api.js';
import * as overview from './pages/overview.js';
import * as agents from './pages/agents.js';
import * as invocations from './pages/invocations.js';
import * as traces from './pages/traces.js';
import * as sessions from './pages/sessions.js';
import * as schedules from './pages/schedules.js';
import * as tasks from './pages/tasks.js';
import * as events from './pages/events.js';
import * as deadLetters from './pages/dead-letters.js';
import * as usage from './pages/usage.js';

// [pattern, page function, nav entry it belongs to]
const ROUTES = [
  [/^\/ui\/?$/, overview.page, '/ui/'],
  [/^\/ui\/agents\/?$/, agents.list, '/ui/agents'],
  [/^\/ui\/agents\/([^/]+)$/, agents.detail, '/ui/agents'],
  [/^\/ui\/invocations\/?$/, invocations.list, '/ui/invocations'],
  [/^\/ui\/invocations\/([^/]+)$/, invocations.detail, '/ui/invocations'],
  [/^\/ui\/traces\/?$/, traces.list, '/ui/traces'],
  [/^\/ui\/traces\/([^/]+)$/, traces.detail, '/ui/traces'],
  [/^\/ui\/sessions\/?$/, sessions.list, '/ui/sessions'],
  [/^\/ui\/sessions\/([^/]+)$/, sessions.detail, '/ui/sessions'],
  [/^\/ui\/tasks\/?$/, tasks.list, '/ui/tasks'],
  [/^\/ui\/tasks\/escalations\/?$/, tasks.escalations, '/ui/tasks'],
  [/^\/ui\/tasks\/([^/]+)$/, tasks.detail, '/ui/tasks'],
  [/^\/ui\/schedules\/?$/, schedules.page, '/ui/schedules'],
  [/^\/ui\/events\/?$/, events.page, '/ui/events'],
  [/^\/ui\/dead-letters\/?$/, deadLetters.page, '/ui/dead-letters'],
  [/^\/ui\/usage\/?$/, usage.page, '/ui/usage'],
];

const main = document.getElementById('main');
let current = null; // the AbortController of the page on screen

function route(path) {
  for (const [re, fn, nav] of ROUTES) {
    const m = path.match(re);
    if (m) return { fn, nav, args: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

async function render(focus) {
  current?.abort();
  const ctl = new AbortController();
  current = ctl;
  const r = route(location.pathname);
  for (const a of document.querySelectorAll('#nav a')) {
    if (r && a.getAttribute('href') === r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const notice = h('div', { id: 'notice', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'page' });
  put(main, notice, body);
  if (focus) main.focus();
  if (!r) {
    document.title = 'Not found · Agent Dispatch';
    put(body, h('h1', {}, 'Not found'), h('p', {}, 'No page at this address.'));
    return;
  }
  try {
    await r.fn(body, { args: r.args, signal: ctl.signal, params: new URLSearchParams(location.search) });
  } catch (e) {
    if (ctl.signal.aborted) return;
    if (e instanceof ApiError && e.status === 401) return; // the key form is on screen
    put(body, h('h1', {}, 'Could not load this page'), h('p', { class: 'notice error' }, e.message));
  }
}

/** Navigates inside the app without reloading. */
export function go(href) {
  history.pushState(null, '', href);
  render(true);
}

document.addEventListener('click', e => {
  const a = e.target.closest('a[href]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/ui/') || a.target) return;
  if (url.pathname.startsWith('/ui/assets/')) return;
  e.preventDefault();
  go(url.pathname + url.search);
});
window.addEventListener('popstate', () => render(true));

// With auth on, every API answer without a (valid) key is a 401: the page then shows only this form.
window.addEventListener('dispatch:auth-needed', e => {
  current?.abort();
  const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'card login' },
    h('h1', {}, 'API key needed'),
    h('p', {}, hasKey() ? 'The server refused this key: ' + e.detail : 'This server requires an API key. It is kept in this tab only (session storage) and sent in the Authorization header.'),
    h('label', { for: 'key' }, 'API key'), input,
    h('button', { type: 'submit' }, 'Use key'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    setKey(input.value.trim());
    showSignOut();
    render(true);
  });
  put(main, form);
  input.focus();
});

function showSignOut() {
  document.getElementById('signout').hidden = !hasKey();
}
document.getElementById('signout').addEventListener('click', () => {
  setKey(null);
  showSignOut();
  render(true);
});

const nsParam = new URLSearchParams(location.search).get('ns');
if (nsParam) setNamespace(nsParam);
const nsInput = document.getElementById('ns');
nsInput.value = namespace();
nsInput.addEventListener('change', () => {
  setNamespace(nsInput.value.trim());
  nsInput.value = namespace();
  render(true);
});

showSignOut();
render(false);
