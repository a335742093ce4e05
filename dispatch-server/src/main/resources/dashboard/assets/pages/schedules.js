// Schedules: next and last fires, the last fire's invocation, pause and resume.
import { action, badge, h, link, notice, preview, put, short, table, time, ui } from '../dom.js';
import { api, every, get } from '../api.js';

export async function page(root, { signal }) {
  document.title = 'Schedules · Agent Dispatch';
  const rows = h('div', {});
  put(root, h('h1', {}, 'Schedules'), rows);
  const load = async () => {
    const list = await get('/schedules', { signal });
    put(rows, table([
      { label: 'Name', cell: x => x.name || short(x.id) },
      { label: 'Function', cell: x => h('span', {}, link(ui('agents', x.agent), x.agent), '.' + x.function) },
      { label: 'Cron', cell: x => h('code', {}, x.cron + (x.timezone && x.timezone !== 'UTC' ? ' ' + x.timezone : '')) },
      { label: 'State', cell: x => badge(x.paused ? 'paused' : 'active') },
      { label: 'Next fire', cell: x => x.paused ? '—' : time(x.next_fire_at) },
      { label: 'Last fire', cell: x => time(x.last_fire_at) },
      { label: 'Last invocation', cell: x => x.last_invocation_id ? link(ui('invocations', x.last_invocation_id), h('code', {}, short(x.last_invocation_id))) : '—' },
      { label: 'Payload', cell: x => h('code', {}, preview(x.payload, 40)) },
      { label: '', cell: x => action(x.paused ? 'Resume' : 'Pause', async () => {
        await api('/schedules/' + encodeURIComponent(x.id), { method: 'PATCH', body: { paused: !x.paused } });
        notice(`${x.paused ? 'Resumed' : 'Paused'} ${x.name || x.id}.`);
        await load();
      }) },
    ], list.items || [], 'No schedules.'));
  };
  await load();
  every(10000, signal, load);
}
