// Sessions: the list, and one session: its conversation, live log, state with revisions and a diff,
// and an answer box when its run waits for input.
import { action, badge, dl, h, json, link, notice, preview, put, query, section, short, table, time, ui } from '../dom.js';
import { follow, get, post } from '../api.js';
import { logRow } from './invocations.js';
import { lineDiff } from '../diff.js';

export async function list(root, { signal, params }) {
  document.title = 'Sessions · Agent Dispatch';
  const agent = params.get('agent') || '';
  const rows = h('div', {});
  const more = h('div', { class: 'more' });
  put(root, h('h1', {}, 'Sessions'), rows, more);
  let items = [];
  const load = async cursor => {
    const page = await get('/sessions' + query({ agent, limit: 50, cursor }), { signal });
    items = cursor ? items.concat(page.items) : page.items;
    put(rows, table([
      { label: 'Session', cell: x => link(ui('sessions', x.session_id), h('code', {}, x.session_id)) },
      { label: 'Agent', cell: x => `${x.agent}${x.function ? '.' + x.function : ''}` },
      { label: 'Status', cell: x => badge(x.status) },
      { label: 'Queued', cell: x => String(x.queued_inputs), class: 'num' },
      { label: 'State rev.', cell: x => String(x.state_revision), class: 'num' },
      { label: 'Updated', cell: x => time(x.updated_at) },
    ], items, 'No sessions yet.'));
    put(more, page.next_cursor ? action('Load more', () => load(page.next_cursor)) : null);
  };
  await load(undefined);
}

/** What a person typed: JSON when it parses, else the text as a JSON string. */
function parsed(text) {
  try { return JSON.parse(text); } catch (_) { return text; }
}

function inputForm(sid, { label, strategies, onSent, id }) {
  const area = h('textarea', { id: id + '-text', rows: 3, spellcheck: 'false', required: true });
  const strategy = strategies.length > 1
    ? h('select', { id: id + '-strategy' }, strategies.map(s => h('option', { value: s }, s))) : null;
  const form = h('form', { class: 'input-form', id },
    h('label', { for: id + '-text' }, label, h('span', { class: 'muted' }, ' (JSON; other text is sent as a string)')),
    area,
    h('div', { class: 'actions' },
      strategy ? h('label', { for: id + '-strategy' }, 'Strategy ', strategy) : null,
      h('button', { type: 'submit' }, 'Send')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const body = { input: parsed(area.value) };
      if (strategy) body.strategy = strategy.value;
      const r = await post(`/sessions/${encodeURIComponent(sid)}/inputs`, body);
      notice(`Input ${r.seq} sent: ${r.outcome}.`);
      area.value = '';
      onSent();
    } catch (err) {
      notice(err.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export async function detail(root, { args: [sid], signal }) {
  document.title = `Session ${short(sid)} · Agent Dispatch`;
  const path = '/sessions/' + encodeURIComponent(sid);
  const head = h('div', {});
  const waiting = h('div', {});
  const convo = h('div', {});
  const state = h('div', {});
  const logState = h('span', { class: 'muted' }, 'connecting…');
  const logRows = h('tbody', {});
  let refresh = null;
  const send = inputForm(sid, { label: 'New input', strategies: ['enqueue', 'reject', 'interrupt', 'rollback', 'steer'], id: 'send', onSent: () => later() });
  put(root, head, waiting, h('div', { class: 'grid2' },
    h('div', {}, section('Conversation', convo), section('Send', send)),
    h('div', {}, state, section('Live stream', h('p', {}, logState), h('div', { class: 'scroll tall' }, h('table', { class: 'log', id: 'session-log' },
      h('thead', {}, h('tr', {}, ['#', 'At', 'Type', 'Entry'].map(t => h('th', { scope: 'col' }, t)))), logRows))))));

  let shownRevision = null;
  let waitingFor = null; // the run whose prompt the answer box is for
  const show = async () => {
    const [sess, inputs, runs] = await Promise.all([
      get(path, { signal }),
      get(path + '/inputs' + query({ limit: 100 }), { signal }),
      get('/invocations' + query({ session_id: sid, limit: 100 }), { signal }),
    ]);
    put(head,
      h('h1', {}, 'Session ', h('code', {}, sid), ' ', badge(sess.status)),
      dl([
        ['Agent', h('span', {}, link(ui('agents', sess.agent), sess.agent), sess.function ? '.' + sess.function : '')],
        ['Active run', sess.active_run_id ? link(ui('invocations', sess.active_run_id), h('code', {}, sess.active_run_id)) : 'none'],
        ['Queued inputs', String(sess.queued_inputs)],
        ['State revision', String(sess.state_revision)],
        ['Created', time(sess.created_at)],
        ['Updated', time(sess.updated_at)],
        sess.metadata ? ['Metadata', preview(sess.metadata)] : null,
      ]));
    const byRun = new Map(runs.items.map(r => [r.invocation_id, r]));
    const run = sess.active_run_id && byRun.get(sess.active_run_id);
    // The answer box is rebuilt only for a new prompt, so a live update never wipes an answer being typed.
    if (sess.status === 'waiting_for_input' && run && waitingFor === run.invocation_id) {
      // still the same prompt
    } else if (sess.status === 'waiting_for_input' && run) {
      waitingFor = run.invocation_id;
      put(waiting, h('section', { class: 'card waiting', id: 'waiting' },
        h('h2', {}, 'Waiting for input'),
        h('p', {}, 'The run ', link(ui('invocations', run.invocation_id), h('code', {}, short(run.invocation_id))), ' asks:'),
        json(run.result),
        inputForm(sid, { label: 'Answer', strategies: ['enqueue'], id: 'answer', onSent: () => later() })));
    } else {
      waitingFor = null;
      put(waiting);
    }
    // Inputs in order; after the last input a run took, that run's outcome.
    const lastInputOfRun = new Map();
    for (const i of inputs.items) if (i.run_id) lastInputOfRun.set(i.run_id, i.seq);
    put(convo, inputs.items.length ? h('ol', { class: 'convo' }, inputs.items.map(i => {
      const out = [h('li', { class: 'msg in' },
        h('div', { class: 'meta' }, `#${i.seq} · ${i.strategy} → ${i.outcome} · `, badge(i.status), ' · ', time(i.created_at)),
        json(i.input))];
      const r = i.run_id && lastInputOfRun.get(i.run_id) === i.seq ? byRun.get(i.run_id) : null;
      if (r) {
        out.push(h('li', { class: 'msg out' },
          h('div', { class: 'meta' }, 'run ', link(ui('invocations', r.invocation_id), h('code', {}, short(r.invocation_id))), ' ', badge(r.status)),
          r.status === 'error' && r.error ? h('p', { class: 'error-text' }, `${r.error.error_type}: ${r.error.error}`)
            : r.result !== undefined && r.status !== 'waiting_for_input' ? json(r.result) : h('p', { class: 'muted' }, r.status === 'waiting_for_input' ? 'waiting for input' : 'working…')));
      }
      return out;
    })) : h('p', { class: 'muted' }, 'No input yet.'));
    if (shownRevision !== sess.state_revision) {
      shownRevision = sess.state_revision;
      await showState();
    }
  };

  const showState = async () => {
    const history = await get(path + '/history' + query({ limit: 50 }), { signal });
    const revs = history.items; // newest first
    if (!revs.length) {
      put(state, section('State', h('p', { class: 'muted' }, 'No state yet.')));
      return;
    }
    const from = h('select', { id: 'diff-from' }, revs.map((r, i) => h('option', { value: r.revision, selected: i === Math.min(1, revs.length - 1) }, `rev ${r.revision}`)));
    const to = h('select', { id: 'diff-to' }, revs.map((r, i) => h('option', { value: r.revision, selected: i === 0 }, `rev ${r.revision}`)));
    const out = h('div', {});
    const draw = () => {
      const a = revs.find(r => String(r.revision) === from.value);
      const b = revs.find(r => String(r.revision) === to.value);
      put(out, lineDiff(JSON.stringify(a.state, null, 2), JSON.stringify(b.state, null, 2)));
    };
    from.addEventListener('change', draw);
    to.addEventListener('change', draw);
    draw();
    put(state,
      section(`State (revision ${revs[0].revision})`, json(revs[0].state)),
      section('Revisions',
        table([
          { label: 'Rev.', cell: r => String(r.revision), class: 'num' },
          { label: 'Written', cell: r => time(r.created_at) },
          { label: 'By run', cell: r => r.run_id ? link(ui('invocations', r.run_id), h('code', {}, short(r.run_id))) : '—' },
          { label: 'Restored from', cell: r => r.restored_from ?? '' },
        ], revs),
        h('div', { class: 'actions' }, h('label', { for: 'diff-from' }, 'Diff ', from), h('label', { for: 'diff-to' }, ' → ', to)),
        out));
  };

  const later = () => {
    clearTimeout(refresh);
    refresh = setTimeout(() => show().catch(e => { if (!signal.aborted) notice(e.message, 'error'); }), 400);
  };
  await show();
  follow(path + '/events', {
    signal,
    onState: (st, why) => { logState.textContent = st === 'live' ? 'live' : st + (why ? ': ' + why : ''); },
    onEvent: ev => {
      let e;
      try { e = JSON.parse(ev.data); } catch (_) { return; }
      const row = logRow(e);
      if (e.run_id) row.title = 'run ' + e.run_id;
      logRows.prepend(row);
      while (logRows.children.length > 300) logRows.lastChild.remove();
      later();
    },
  });
}
