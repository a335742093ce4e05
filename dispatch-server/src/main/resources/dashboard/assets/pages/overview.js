// Overview: the last hour per agent: throughput, errors, queue depth, running, dead letters.
// No API sums this up, so the page reads the last hour's invocations (up to 1500) and the agents'
// flow counts, and refreshes every 10 s.
import { badge, h, link, put, section, table, ui } from '../dom.js';
import { every, get } from '../api.js';
import { sparkline, stackedBars } from '../chart.js';

const HOUR = 3600_000;
const BUCKETS = 12; // five minutes each

async function lastHour(signal) {
  const since = Date.now() - HOUR;
  let items = [];
  let cursor;
  for (let i = 0; i < 3; i++) {
    const page = await get('/invocations?limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''), { signal });
    items = items.concat(page.items);
    cursor = page.next_cursor;
    if (!cursor || !page.items.length || Date.parse(page.items[page.items.length - 1].created_at) < since) break;
  }
  return { items: items.filter(i => Date.parse(i.created_at) >= since), capped: Boolean(cursor) && items.length >= 1500 };
}

export async function page(root, { signal }) {
  document.title = 'Overview · Agent Dispatch';
  const body = h('div', {});
  put(root, h('h1', {}, 'Overview'), body);
  const load = async () => {
    const [agents, recent, dead] = await Promise.all([
      get('/agents', { signal }),
      lastHour(signal),
      get('/dead-letters?limit=500', { signal }),
    ]);
    const now = Date.now();
    const bucket = iso => Math.min(BUCKETS - 1, Math.floor((Date.parse(iso) - (now - HOUR)) / (HOUR / BUCKETS)));
    const per = new Map(agents.items.map(a => [a.name, { a, total: 0, done: 0, errors: 0, spark: new Array(BUCKETS).fill(0), dead: 0 }]));
    const chart = Array.from({ length: BUCKETS }, (_, i) => ({ label: `${60 - i * 5}–${55 - i * 5} min ago`, values: {} }));
    for (const inv of recent.items) {
      const row = per.get(inv.agent);
      const b = bucket(inv.created_at);
      const kind = inv.status === 'completed' ? 'ok' : ['error', 'timed_out'].includes(inv.status) ? 'error' : inv.status === 'cancelled' ? 'cancelled' : 'open';
      chart[b].values[kind] = (chart[b].values[kind] || 0) + 1;
      if (!row) continue;
      row.total++;
      row.spark[b]++;
      if (kind === 'ok') row.done++;
      if (kind === 'error') row.errors++;
    }
    for (const d of dead.items) { const row = per.get(d.agent); if (row) row.dead++; }
    const sum = f => [...per.values()].reduce((t, r) => t + f(r), 0);
    const tiles = [
      ['Invocations (1 h)', recent.items.length + (recent.capped ? '+' : '')],
      ['Errors (1 h)', sum(r => r.errors)],
      ['Running', sum(r => r.a.flow?.running ?? 0)],
      ['Queued', sum(r => r.a.flow?.pending ?? 0)],
      ['Dead letters', dead.items.length + (dead.next_cursor ? '+' : '')],
      ['Agents', agents.items.length],
    ];
    put(body,
      h('ul', { class: 'tiles' }, tiles.map(([k, v]) => h('li', {}, h('span', { class: 'tile-value' }, String(v)), h('span', { class: 'tile-label' }, k)))),
      section('Last hour', stackedBars(chart, [
        { key: 'ok', label: 'completed' }, { key: 'error', label: 'failed' }, { key: 'cancelled', label: 'cancelled' }, { key: 'open', label: 'not finished' },
      ], { title: 'Invocations created per 5 minutes' })),
      section('Per agent', table([
        { label: 'Agent', cell: r => link(ui('agents', r.a.name), r.a.name) },
        { label: 'Health', cell: r => badge(r.a.flow?.paused ? 'paused' : r.a.status) },
        { label: 'Throughput (1 h)', cell: r => h('span', { class: 'with-spark' }, sparkline(r.spark, `${r.total} invocations in the last hour`), ' ', String(r.total)) },
        { label: 'Completed', cell: r => String(r.done), class: 'num' },
        { label: 'Errors', cell: r => r.errors ? link('/ui/invocations?agent=' + encodeURIComponent(r.a.name) + '&status=error', String(r.errors)) : '0', class: 'num' },
        { label: 'Queued', cell: r => String(r.a.flow?.pending ?? 0), class: 'num' },
        { label: 'Running', cell: r => String(r.a.flow?.running ?? 0), class: 'num' },
        { label: 'Dead letters', cell: r => r.dead ? link('/ui/dead-letters', String(r.dead)) : '0', class: 'num' },
        { label: 'Workers', cell: r => String(r.a.workers ?? 0), class: 'num' },
      ], [...per.values()], 'No agents registered yet.')));
  };
  await load();
  every(10000, signal, load);
}
