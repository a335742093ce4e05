// Traces: recent traces, and one trace as a waterfall tree (invocations, events, LLM calls) with
// durations, tokens and cost rolled up. A trace still running refreshes every 3 s.
import { badge, dl, duration, h, link, put, query, s, section, short, table, time, ui, usd } from '../dom.js';
import { every, get } from '../api.js';

export async function list(root, { signal }) {
  document.title = 'Traces · Agent Dispatch';
  const input = h('input', { id: 'trace-id', name: 'trace', size: 40, spellcheck: 'false', autocomplete: 'off', placeholder: 'Dispatch or OpenTelemetry trace id' });
  const form = h('form', { class: 'filters', role: 'search' }, h('label', { for: 'trace-id' }, 'Open a trace', input), h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    if (!input.value.trim()) return;
    history.pushState(null, '', ui('traces', input.value.trim()));
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  const recent = h('div', {});
  put(root, h('h1', {}, 'Traces'), form, section('Recent traces', h('p', { class: 'muted' }, 'The traces of the latest 200 invocations, by their first invocation.'), recent));
  const page = await get('/invocations' + query({ limit: 200 }), { signal });
  const byTrace = new Map();
  for (const i of page.items) byTrace.set(i.trace_id, i); // newest first: the last one seen is the oldest
  const traces = [...byTrace.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
  put(recent, table([
    { label: 'Trace', cell: i => link(ui('traces', i.trace_id), h('code', {}, short(i.trace_id))) },
    { label: 'Root', cell: i => `${i.agent}.${i.function}` },
    { label: 'Root status', cell: i => badge(i.status) },
    { label: 'Invocations', cell: i => String(page.items.filter(x => x.trace_id === i.trace_id).length), class: 'num' },
    { label: 'Started', cell: i => time(i.created_at) },
  ], traces, 'No traces yet.'));
}

function flatten(nodes, depth, out) {
  for (const n of nodes) {
    out.push({ n, depth });
    flatten(n.children || [], depth + 1, out);
  }
  return out;
}

function span(n, now) {
  const start = Date.parse(n.started_at || n.created_at);
  let end = n.finished_at ? Date.parse(n.finished_at) : (n.duration_ms !== undefined ? start + n.duration_ms : now);
  if (n.kind === 'event') end = start;
  return [start, Math.max(start, end)];
}

function label(n) {
  if (n.kind === 'invocation') return link(ui('invocations', n.id), `${n.agent}.${n.function}`);
  if (n.kind === 'event') return h('span', {}, 'event ', link('/ui/events' + query({ topic: n.topic }), n.topic));
  const llm = n.llm || {};
  return h('span', {}, 'LLM ', llm.model || '?', llm.provider ? ` (${llm.provider})` : '');
}

export async function detail(root, { args: [id], signal }) {
  document.title = `Trace ${short(id)} · Agent Dispatch`;
  const head = h('div', {});
  const fall = h('div', {});
  put(root, head, fall);
  let finished = false;
  const show = async () => {
    const t = await get('/traces/' + encodeURIComponent(id), { signal });
    const tot = t.totals || {};
    finished = Boolean(tot.finished_at);
    put(head,
      h('h1', {}, 'Trace ', h('code', {}, t.trace_id)),
      dl([
        ['Invocations', String(tot.invocations ?? 0)],
        ['Events', String(tot.events ?? 0)],
        ['Attempts', String(tot.attempts ?? 0)],
        ['Statuses', Object.entries(tot.statuses || {}).map(([k, v]) => `${k} ${v}`).join(', ') || '—'],
        ['Started', time(tot.started_at)],
        ['Duration', finished ? duration(tot.duration_ms) : 'running…'],
        ['LLM calls', String(tot.llm_calls ?? 0)],
        ['Tokens', String(tot.tokens ?? 0)],
        ['Cost', usd(tot.cost_usd ?? 0)],
      ]));
    const now = Date.now();
    const rows = flatten(t.roots || [], 0, []);
    const spans = rows.map(r => span(r.n, now));
    const t0 = Math.min(...spans.map(x => x[0]));
    const t1 = Math.max(...spans.map(x => x[1]), t0 + 1);
    const scale = 1000 / (t1 - t0);
    put(fall, section('Waterfall',
      h('div', { class: 'scroll' }, h('table', { class: 'waterfall', id: 'waterfall' },
        h('thead', {}, h('tr', {}, ['Node', 'Status', 'Timeline', 'Duration', 'Tokens', 'Cost'].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map(({ n, depth }, i) => {
          const [a, b] = spans[i];
          const name = h('td', { class: 'node' }, label(n));
          name.style.paddingLeft = (0.5 + depth * 1.25) + 'rem';
          return h('tr', { 'data-depth': depth, 'data-kind': n.kind, 'data-id': n.id },
            name,
            h('td', {}, n.status ? badge(n.status) : ''),
            h('td', { class: 'bar' }, s('svg', { viewBox: '0 0 1000 12', preserveAspectRatio: 'none', role: 'img', 'aria-label': `${duration(b - a)} from ${duration(a - t0)}` },
              s('rect', { class: 'bar-' + n.kind + ' st-' + (n.status || 'none'), x: Math.min((a - t0) * scale, 992).toFixed(1), y: 1, height: 10, width: Math.max(8, (b - a) * scale).toFixed(1) }))),
            h('td', { class: 'num' }, n.kind === 'event' ? '' : duration(n.duration_ms ?? (b - a))),
            h('td', { class: 'num' }, n.tokens ? String(n.tokens) : ''),
            h('td', { class: 'num' }, n.cost_usd ? usd(n.cost_usd) : ''));
        }))))));
  };
  await show();
  every(3000, signal, async () => { if (!finished) await show(); });
}
