// Usage and cost of the namespace's LLM calls, grouped by agent, model, provider or day.
import { h, put, query, section, table, usd } from '../dom.js';
import { get } from '../api.js';
import { hbars } from '../chart.js';

const GROUPS = ['agent', 'model', 'provider', 'day'];

export async function page(root, { signal, params }) {
  document.title = 'Usage · Agent Dispatch';
  const by = GROUPS.includes(params.get('group_by')) ? params.get('group_by') : 'agent';
  const from = params.get('from') || '';
  const to = params.get('to') || '';
  const sel = h('select', { id: 'group-by', name: 'group_by' }, GROUPS.map(g => h('option', { value: g, selected: g === by }, g)));
  const f = h('input', { id: 'from', name: 'from', type: 'date', value: from });
  const t = h('input', { id: 'to', name: 'to', type: 'date', value: to });
  const form = h('form', { class: 'filters' },
    h('label', { for: 'group-by' }, 'Group by', sel), h('label', { for: 'from' }, 'From', f), h('label', { for: 'to' }, 'To (exclusive)', t),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    history.pushState(null, '', '/ui/usage' + query({ group_by: sel.value, from: f.value, to: t.value }));
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  const u = await get('/usage' + query({ group_by: by, from, to }), { signal });
  const groups = u.groups || [];
  const name = g => g.key ?? '(no agent)';
  const tot = u.total || {};
  put(root, h('h1', {}, 'LLM usage and cost'), form,
    h('p', { class: 'muted' }, `From ${u.from} to ${u.to}: ${tot.calls ?? 0} calls, ${(tot.input_tokens ?? 0) + (tot.output_tokens ?? 0)} tokens, ${usd(tot.cost_usd ?? 0)}.`),
    groups.length ? section('Cost by ' + by, hbars(groups.map(g => ({ label: name(g), value: g.cost_usd || 0, text: usd(g.cost_usd || 0) })), { title: 'US dollars' })) : null,
    section('By ' + by, table([
      { label: by, cell: name },
      { label: 'Calls', cell: g => String(g.calls), class: 'num' },
      { label: 'Input tokens', cell: g => String(g.input_tokens), class: 'num' },
      { label: 'Output tokens', cell: g => String(g.output_tokens), class: 'num' },
      { label: 'Cache read', cell: g => String(g.cache_read_tokens ?? 0), class: 'num' },
      { label: 'Cost', cell: g => usd(g.cost_usd), class: 'num' },
    ], groups, 'No LLM calls in this period.')));
}
