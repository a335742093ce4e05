// Invocations: a filterable, cursor-paginated list, and one invocation with its live event log.
import { action, badge, between, dl, duration, h, json, link, notice, preview, put, query, section, short, table, time, ui } from '../dom.js';
import { every, follow, get, post } from '../api.js';

const STATUSES = ['', 'pending', 'running', 'waiting_for_input', 'completed', 'error', 'cancelled', 'timed_out'];
const FILTERS = ['agent', 'function', 'status', 'trace_id', 'session_id'];
export const TERMINAL = new Set(['completed', 'error', 'cancelled', 'timed_out']);

/** The columns every invocation table shares. */
export function columns() {
  return [
    { label: 'Invocation', cell: i => link(ui('invocations', i.invocation_id), h('code', {}, short(i.invocation_id))) },
    { label: 'Function', cell: i => `${i.agent}.${i.function}` },
    { label: 'Status', cell: i => badge(i.status) },
    { label: 'Attempt', cell: i => `${i.attempt}/${i.max_attempts}`, class: 'num' },
    { label: 'Created', cell: i => time(i.created_at) },
    { label: 'Duration', cell: i => duration(between(i.started_at, i.finished_at)), class: 'num' },
    { label: 'Trace', cell: i => link(ui('traces', i.trace_id), h('code', {}, short(i.trace_id))) },
  ];
}

export async function list(root, { signal, params }) {
  document.title = 'Invocations · Agent Dispatch';
  const f = Object.fromEntries(FILTERS.map(k => [k, params.get(k) || '']));
  const inputs = {};
  const form = h('form', { class: 'filters', role: 'search' },
    FILTERS.map(k => {
      const id = 'f-' + k;
      inputs[k] = k === 'status'
        ? h('select', { id, name: k }, STATUSES.map(s => h('option', { value: s, selected: s === f[k] }, s || 'any')))
        : h('input', { id, name: k, value: f[k], size: 14, spellcheck: 'false', autocomplete: 'off' });
      return h('label', { for: id }, k.replace('_', ' '), inputs[k]);
    }),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = Object.fromEntries(FILTERS.map(k => [k, inputs[k].value.trim()]));
    history.pushState(null, '', '/ui/invocations' + query(q));
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  const rows = h('div', {});
  const more = h('div', { class: 'more' });
  put(root, h('h1', {}, 'Invocations'), form, rows, more);

  let items = [];
  let cursor = null;
  const load = async (next) => {
    const page = await get('/invocations' + query({ ...f, limit: 50, cursor: next }), { signal });
    items = next ? items.concat(page.items) : page.items;
    cursor = page.next_cursor || null;
    put(rows, table(columns(), items, 'No invocations match.'));
    put(more, cursor ? action('Load more', () => load(cursor)) : null);
  };
  await load(null);
  // The first page refreshes every 10 s until the user pages further.
  every(10000, signal, async () => { if (!cursor || items.length <= 50) await load(null); });
}

export async function detail(root, { args: [id], signal }) {
  document.title = `Invocation ${short(id)} · Agent Dispatch`;
  const head = h('div', {});
  const body = h('div', { class: 'grid2' });
  const attempts = h('div', {});
  const logState = h('span', { class: 'muted', id: 'log-state' }, 'connecting…');
  const logRows = h('tbody', {});
  const log = section('Event log',
    h('p', {}, logState),
    h('div', { class: 'scroll' }, h('table', { class: 'log', id: 'event-log' },
      h('thead', {}, h('tr', {}, ['#', 'At', 'Type', 'Entry'].map(t => h('th', { scope: 'col' }, t)))),
      logRows)));
  put(root, head, body, attempts, log);

  let inv;
  const show = async () => {
    inv = await get('/invocations/' + encodeURIComponent(id), { signal });
    const buttons = [];
    if (!TERMINAL.has(inv.status)) {
      buttons.push(action('Cancel', async () => {
        await post(`/invocations/${encodeURIComponent(id)}/cancel`, {});
        notice('Cancel requested.');
        await show();
      }, { class: 'danger' }));
    } else {
      buttons.push(action('Retry', async () => {
        await post(`/invocations/${encodeURIComponent(id)}/retry`, {});
        notice('Retried: a new attempt chain starts.');
        await show();
        startLog(true);
      }));
    }
    put(head,
      h('h1', {}, 'Invocation ', h('code', {}, id), ' ', badge(inv.status)),
      h('div', { class: 'actions' }, buttons),
      dl([
        ['Function', h('span', {}, link(ui('agents', inv.agent), inv.agent), '.' + inv.function)],
        ['Attempt', `${inv.attempt} of ${inv.max_attempts}`],
        ['Trace', link(ui('traces', inv.trace_id), h('code', {}, inv.trace_id))],
        inv.parent_id ? ['Parent', link(ui('invocations', inv.parent_id), h('code', {}, inv.parent_id))] : null,
        inv.session_id ? ['Session', link(ui('sessions', inv.session_id), h('code', {}, inv.session_id))] : null,
        inv.message ? ['Message', preview(inv.message)] : null,
        inv.blocked_by ? ['Blocked by', inv.blocked_by] : null,
        ['Created', time(inv.created_at)],
        ['Started', time(inv.started_at)],
        ['Finished', time(inv.finished_at)],
        ['Duration', duration(between(inv.started_at, inv.finished_at))],
        inv.cancel_requested ? ['Cancel', 'requested'] : null,
      ]));
    put(body,
      section('Payload', json(inv.payload)),
      inv.error ? section('Error', h('p', { class: 'error-text' }, `${inv.error.error_type || 'Error'}: ${inv.error.error || ''}`), inv.error.trace ? h('pre', { class: 'trace' }, inv.error.trace) : null)
        : inv.status === 'waiting_for_input' ? section('Waiting for input', h('p', {}, 'The run asks:'), json(inv.result))
        : section('Result', TERMINAL.has(inv.status) ? json(inv.result) : h('p', { class: 'muted' }, 'No result yet.')));
    put(attempts, section('Attempts', table([
      { label: '#', cell: a => String(a.attempt), class: 'num' },
      { label: 'Worker', cell: a => a.worker_id || '—' },
      { label: 'Started', cell: a => time(a.started_at) },
      { label: 'Finished', cell: a => time(a.finished_at) },
      { label: 'Outcome', cell: a => a.outcome || 'running' },
      { label: 'Error', cell: a => a.error ? `${a.error.error_type || ''}: ${a.error.error || ''}` : '' },
    ], inv.attempts || [], 'No attempt yet.')));
  };
  await show();

  // The live log: an SSE stream (fetch-read, so the key travels in the header); each status change
  // reloads the invocation. A retry restarts the stream, which ends when the invocation does.
  let logCtl = null;
  let seen = 0;
  let reload = null;
  const startLog = (restart) => {
    if (logCtl && !restart) return;
    logCtl?.abort();
    logCtl = new AbortController();
    signal.addEventListener('abort', () => logCtl.abort(), { once: true });
    follow(`/invocations/${encodeURIComponent(id)}/events${query({ after: seen || undefined })}`, {
      signal: logCtl.signal,
      onState: (state, why) => { logState.textContent = state === 'live' ? 'live' : state + (why ? ': ' + why : ''); },
      onEvent: ev => {
        let e;
        try { e = JSON.parse(ev.data); } catch (_) { return; }
        if (e.seq <= seen) return;
        seen = e.seq;
        logRows.append(logRow(e));
        if (!['log', 'progress', 'output', 'custom'].includes(e.type)) {
          clearTimeout(reload);
          reload = setTimeout(() => show().catch(() => {}), 300);
        }
      },
    }).then(() => { if (!signal.aborted) show().catch(() => {}); });
  };
  startLog(false);
}

export function logRow(e) {
  const d = e.data;
  const text = d && typeof d === 'object' && typeof d.message === 'string'
    ? (d.level ? `[${d.level}] ` : '') + d.message
    : preview(d, 200);
  return h('tr', { class: 'ev-' + String(e.type).replace(/[^a-z_]/g, '') },
    h('td', { class: 'num' }, String(e.seq)),
    h('td', {}, time(e.at)),
    h('td', {}, e.type),
    h('td', { class: 'entry' }, text));
}
