// Agents: health, workers, delivery, caps and running counts; one agent with its functions
// (schemas, triggers, caps) and pause/resume.
import { action, badge, dl, h, json, link, notice, put, section, table, time, ui } from '../dom.js';
import { every, get, post } from '../api.js';

function caps(x) {
  return x === null || x === undefined ? 'none' : String(x);
}

export async function list(root, { signal }) {
  document.title = 'Agents · Agent Dispatch';
  const rows = h('div', {});
  put(root, h('h1', {}, 'Agents'), rows);
  const load = async () => {
    const page = await get('/agents', { signal });
    put(rows, table([
      { label: 'Agent', cell: a => link(ui('agents', a.name), a.name) },
      { label: 'Health', cell: a => badge(a.flow?.paused ? 'paused' : a.status) },
      { label: 'Workers', cell: a => String(a.workers ?? 0), class: 'num' },
      { label: 'Delivery', cell: a => a.delivery?.mode || 'pull' },
      { label: 'Functions', cell: a => String(a.functions?.length ?? 0), class: 'num' },
      { label: 'Running', cell: a => String(a.flow?.running ?? 0), class: 'num' },
      { label: 'Queued', cell: a => String(a.flow?.pending ?? 0), class: 'num' },
      { label: 'Cap', cell: a => caps(a.max_concurrency), class: 'num' },
      { label: 'Last seen', cell: a => time(a.last_heartbeat) },
    ], page.items, 'No agents registered yet. Start a worker to register one.'));
  };
  await load();
  every(10000, signal, load);
}

export async function detail(root, { args: [name], signal }) {
  document.title = `${name} · Agents · Agent Dispatch`;
  const path = '/agents/' + encodeURIComponent(name);
  const body = h('div', {});
  put(root, body);
  const load = async () => {
    const a = await get(path, { signal });
    const flow = a.flow || {};
    const fnFlow = new Map((flow.functions || []).map(f => [f.name, f]));
    const toggle = (paused, p, what) => paused
      ? action('Resume ' + what, async () => { await post(p + '/resume', {}); notice(`Resumed ${what}.`); await load(); })
      : action('Pause ' + what, async () => { await post(p + '/pause', {}); notice(`Paused ${what}.`); await load(); });
    put(body,
      h('h1', {}, 'Agent ', a.name, ' ', badge(flow.paused ? 'paused' : a.status)),
      h('div', { class: 'actions' }, toggle(flow.paused, path, 'agent'),
        (flow.classes || []).some(c => c.degraded_since) ? action('Reset degraded lanes', async () => { await post(path + '/reset', {}); await load(); }) : null,
        link('/ui/invocations?agent=' + encodeURIComponent(a.name), 'Invocations')),
      a.description ? h('p', {}, a.description) : null,
      dl([
        ['Workers', String(a.workers ?? 0)],
        ['Delivery', [a.delivery?.mode || 'pull', a.delivery?.address, a.delivery?.url].filter(Boolean).join(' ')],
        a.delivery?.not_serving_since ? ['Not serving since', time(a.delivery.not_serving_since)] : null,
        ['Running', String(flow.running ?? 0)],
        ['Queued', String(flow.pending ?? 0)],
        ['Waiting for a key slot', String(flow.key_blocked ?? 0)],
        ['Max concurrency', caps(a.max_concurrency)],
        ['Rate limit', a.rate_limit ? JSON.stringify(a.rate_limit) : 'none'],
        ['Monthly budget', a.monthly_budget_usd === null || a.monthly_budget_usd === undefined ? 'none' : '$' + a.monthly_budget_usd],
        ['Version', a.version || '—'],
        ['Last seen', time(a.last_heartbeat)],
        ['Registered', time(a.created_at)],
      ]),
      (flow.lanes || []).length ? section('Lanes', table([
        { label: 'Lane', cell: l => l.name || '(default)' },
        { label: 'Cap', cell: l => caps(l.max_concurrency), class: 'num' },
        { label: 'Reserved', cell: l => String(l.reserved), class: 'num' },
        { label: 'Running', cell: l => String(l.running), class: 'num' },
        { label: 'Queued', cell: l => String(l.pending), class: 'num' },
      ], flow.lanes)) : null,
      h('h2', {}, 'Functions'),
      (a.functions || []).map(f => {
        const ff = fnFlow.get(f.name) || {};
        return h('section', { class: 'card fn' },
          h('h3', {}, f.name, ff.paused ? [' ', badge('paused')] : null),
          h('div', { class: 'actions' }, toggle(ff.paused, `${path}/functions/${encodeURIComponent(f.name)}`, f.name),
            link('/ui/invocations?agent=' + encodeURIComponent(a.name) + '&function=' + encodeURIComponent(f.name), 'Invocations')),
          f.description ? h('p', {}, f.description) : null,
          dl([
            ['Triggers', (f.triggers || []).map(t => t.type === 'topic' ? `topic ${t.topic}` : t.type === 'schedule' ? `schedule ${t.cron}${t.timezone ? ' ' + t.timezone : ''}` : t.type).join(', ') || 'callable'],
            ['Running', String(ff.running ?? 0)],
            ['Queued', String(ff.pending ?? 0)],
            ['Max concurrency', caps(f.max_concurrency)],
            ['Key concurrency', caps(f.key_concurrency)],
            ['Retry', f.retry ? JSON.stringify(f.retry) : 'default'],
            ['Timeout', f.timeout_seconds ? f.timeout_seconds + ' s' : 'default'],
          ]),
          h('details', {}, h('summary', {}, 'Input schema'), json(f.input_schema)),
          h('details', {}, h('summary', {}, 'Output schema'), json(f.output_schema)));
      }));
  };
  // No timed refresh here: it would fold the schema sections a reader opened; actions reload.
  await load();
}
