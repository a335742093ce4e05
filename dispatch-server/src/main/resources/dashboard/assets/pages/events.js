// Events and topics: recent events with their handlers, and who subscribes to what.
import { h, link, preview, put, query, section, short, table, time, ui } from '../dom.js';
import { get } from '../api.js';

export async function page(root, { signal, params }) {
  document.title = 'Events · Agent Dispatch';
  const topic = params.get('topic') || '';
  const input = h('input', { id: 'topic', name: 'topic', value: topic, size: 24, spellcheck: 'false', autocomplete: 'off' });
  const form = h('form', { class: 'filters', role: 'search' }, h('label', { for: 'topic' }, 'Topic', input), h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    history.pushState(null, '', '/ui/events' + query({ topic: input.value.trim() }));
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  const [events, agents] = await Promise.all([
    get('/events' + query({ topic, limit: 100 }), { signal }),
    get('/agents', { signal }),
  ]);
  const subs = [];
  for (const a of agents.items) for (const f of a.functions || []) for (const t of f.triggers || []) {
    if (t.type === 'topic') subs.push({ topic: t.topic, agent: a.name, fn: f.name });
  }
  subs.sort((x, y) => x.topic.localeCompare(y.topic));
  put(root, h('h1', {}, 'Events and topics'), form,
    section('Recent events', table([
      { label: 'Event', cell: e => h('code', {}, short(e.event_uid)) },
      { label: 'Topic', cell: e => link('/ui/events' + query({ topic: e.topic }), e.topic) },
      { label: 'Payload', cell: e => h('code', {}, preview(e.payload, 60)) },
      { label: 'Handlers', cell: e => (e.invocation_ids || []).length ? h('span', {}, (e.invocation_ids).map((id, i) => [i ? ', ' : '', link(ui('invocations', id), h('code', {}, short(id)))])) : '0' },
      { label: 'Trace', cell: e => e.trace_id ? link(ui('traces', e.trace_id), h('code', {}, short(e.trace_id))) : '—' },
      { label: 'Published', cell: e => time(e.created_at) },
    ], events.items, 'No events.')),
    section('Subscribers', table([
      { label: 'Topic pattern', cell: x => h('code', {}, x.topic) },
      { label: 'Handler', cell: x => h('span', {}, link(ui('agents', x.agent), x.agent), '.' + x.fn) },
    ], subs, 'No function subscribes to a topic.')));
}
