// Dead letters: invocations that ended in error, with retry of any selection.
import { action, h, notice, put, section, table } from '../dom.js';
import { get, post } from '../api.js';
import { columns } from './invocations.js';

export async function page(root, { signal }) {
  document.title = 'Dead letters · Agent Dispatch';
  const rows = h('div', {});
  const more = h('div', { class: 'more' });
  const picked = new Set();
  const all = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Select all' });
  const retry = action('Retry selected', async () => {
    const ids = [...picked];
    if (!ids.length) { notice('Select invocations to retry first.'); return; }
    const failed = [];
    for (const id of ids) {
      try { await post(`/invocations/${encodeURIComponent(id)}/retry`, {}); } catch (e) { failed.push(`${id}: ${e.message}`); }
    }
    notice(failed.length ? `Retried ${ids.length - failed.length}; failed: ${failed.join('; ')}` : `Retried ${ids.length}.`, failed.length ? 'error' : 'info');
    await load(undefined);
  }, { id: 'retry-selected' });
  put(root, h('h1', {}, 'Dead letters'),
    h('p', { class: 'muted' }, 'Invocations that ended in error after their last attempt. A retry runs one again with a fresh attempt budget.'),
    h('div', { class: 'actions' }, h('label', { for: 'select-all' }, all, ' Select all shown'), retry),
    section('Invocations', rows), more);
  let items = [];
  const load = async cursor => {
    const page = await get('/dead-letters' + (cursor ? '?cursor=' + encodeURIComponent(cursor) : ''), { signal });
    items = cursor ? items.concat(page.items) : page.items;
    if (!cursor) { picked.clear(); all.checked = false; }
    const cols = [{ label: 'Pick', cell: i => {
      const box = h('input', { type: 'checkbox', class: 'pick', value: i.invocation_id, 'aria-label': 'Select ' + i.invocation_id, checked: picked.has(i.invocation_id) });
      box.addEventListener('change', () => box.checked ? picked.add(i.invocation_id) : picked.delete(i.invocation_id));
      return box;
    } }, ...columns(), { label: 'Error', cell: i => i.error ? `${i.error.error_type}: ${i.error.error}` : '' }];
    put(rows, table(cols, items, 'No dead letters.'));
    put(more, page.next_cursor ? action('Load more', () => load(page.next_cursor)) : null);
  };
  all.addEventListener('change', () => {
    for (const box of rows.querySelectorAll('input.pick')) {
      box.checked = all.checked;
      all.checked ? picked.add(box.value) : picked.delete(box.value);
    }
  });
  await load(undefined);
}
