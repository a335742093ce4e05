// Tasks: the routed tasks (filter by status, cursor-paginated), escalations, and one task with its
// routing history (every decision with its reason), links to its invocation and trace, and Retry.
import { action, badge, dl, h, json, link, notice, put, query, section, short, table, time, ui } from '../dom.js';
import { every, get, post } from '../api.js';

const STATUSES = ['', 'pending', 'assigned', 'in_progress', 'completed', 'failed', 'timed_out', 'escalated'];
const RETRYABLE = new Set(['failed', 'escalated', 'timed_out']);

const columns = () => [
  { label: 'Title', cell: x => link(ui('tasks', x.id), x.title || short(x.id)) },
  { label: 'Type', cell: x => x.task_type || '—' },
  { label: 'Agent', cell: x => x.agent ? link(ui('agents', x.agent), x.agent) : '—' },
  { label: 'Status', cell: x => badge(x.status) },
  { label: 'Reason', cell: x => x.reason || '—' },
  { label: 'Updated', cell: x => time(x.updated_at) },
];

export async function list(root, { signal, params }) {
  document.title = 'Tasks · Agent Dispatch';
  const status = params.get('status') || '';
  const select = h('select', { id: 'f-status', name: 'status' },
    STATUSES.map(s => h('option', { value: s, selected: s === status }, s || 'any')));
  const form = h('form', { class: 'filters', role: 'search' },
    h('label', { for: 'f-status' }, 'status', select), h('button', { type: 'submit' }, 'Filter'),
    link('/ui/tasks/escalations', 'Escalations'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    history.pushState(null, '', '/ui/tasks' + query({ status: select.value }));
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  const rows = h('div', {});
  const more = h('div', { class: 'more' });
  let items = [];
  let cursor = null;
  const load = async (next) => {
    const page = await get('/tasks' + query({ status, limit: 50, cursor: next }), { signal });
    items = next ? items.concat(page.items || []) : (page.items || []);
    cursor = page.next_cursor || null;
    put(rows, table(columns(), items, 'No tasks match.'));
    put(more, cursor ? action('Load more', () => load(cursor)) : null);
  };
  await load(null);
  // Shown only once the first page is in, so a test (or reader) never sees a half-filled page.
  put(root, h('h1', {}, 'Tasks'), form, rows, more);
  every(10000, signal, async () => { if (!cursor || items.length <= 50) await load(null); });
}

export async function escalations(root, { signal }) {
  document.title = 'Escalations · Agent Dispatch';
  const rows = h('div', {});
  put(root, h('h1', {}, 'Escalated tasks'), rows);
  const load = async () => {
    const page = await get('/tasks/escalations', { signal });
    put(rows, table(columns(), page.items || [], 'No escalations.'));
  };
  await load();
  every(10000, signal, load);
}

export async function detail(root, { args: [id], signal }) {
  document.title = `Task ${short(id)} · Agent Dispatch`;
  const load = async () => {
    const t = await get('/tasks/' + encodeURIComponent(id), { signal });
    const l = t.links || {};
    put(root,
      h('h1', {}, t.title || short(t.id)),
      dl([
        ['Id', h('code', {}, t.id)],
        ['Description', t.description || '—'],
        ['Type', t.task_type || '—'],
        ['Status', badge(t.status)],
        ['Reason', t.reason || '—'],
        ['Agent', t.agent ? link(ui('agents', t.agent), t.agent) : '—'],
        ['Attempts', String(t.attempts ?? 0)],
        ['Tried agents', (t.tried_agents || []).join(', ') || '—'],
        ['Invocation', l.invocation ? link(ui('invocations', l.invocation), h('code', {}, short(l.invocation))) : '—'],
        ['Created', time(t.created_at)],
        ['Updated', time(t.updated_at)],
        ['Trace', l.trace_id ? link(ui('traces', l.trace_id), h('code', {}, short(l.trace_id))) : '—'],
      ]),
      RETRYABLE.has(t.status) ? action('Retry', async () => {
        await post('/tasks/' + encodeURIComponent(t.id) + '/retry', {});
        notice(`Retried task ${short(t.id)}.`);
        await load();
      }) : null,
      section('Acceptance criteria', (t.acceptance_criteria || []).length
        ? h('ul', {}, t.acceptance_criteria.map(c => h('li', {}, c))) : h('p', { class: 'muted' }, 'None.')),
      t.result !== undefined && t.result !== null ? section('Result', json(t.result)) : null,
      section('History', table([
        { label: '#', cell: x => String(x.seq) },
        { label: 'At', cell: x => time(x.at) },
        { label: 'Event', cell: x => x.event },
        { label: 'Status', cell: x => x.status ? badge(x.status) : '—' },
        { label: 'Reason', cell: x => x.reason || '—' },
        { label: 'Details', cell: x => x.details === undefined || x.details === null ? '—' : json(x.details) },
      ], t.history || [], 'No history.')));
  };
  await load();
  every(10000, signal, load);
}
