// Small DOM helpers. Everything shown goes through text nodes or attributes set by the DOM API:
// user data (payloads, results, names) is never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element: h('a', {href: '/ui/x'}, 'text', child, …). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  return append(el, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  return append(el, children);
}

/** Replaces the children of el. */
export function put(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A link inside the app; path segments are escaped by the callers through ui(). */
export function link(href, ...children) {
  return h('a', { href }, ...children);
}

/** An app path from segments: ui('invocations', id) → /ui/invocations/<id escaped>. */
export function ui(...segments) {
  return '/ui/' + segments.map(encodeURIComponent).join('/');
}

/** A query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const str = q.toString();
  return str ? '?' + str : '';
}

export function json(value) {
  return h('pre', { class: 'json' }, value === undefined ? '—' : JSON.stringify(value, null, 2));
}

export function badge(status) {
  return h('span', { class: ['badge', 'st-' + String(status || 'none').replace(/[^a-z_]/g, '')] }, status || '—');
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, d.toLocaleString(undefined, {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'
  }));
}

export function duration(ms) {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60000);
  return `${m} min ${Math.round((ms % 60000) / 1000)} s`;
}

export function between(a, b) {
  if (!a) return undefined;
  return (b ? Date.parse(b) : Date.now()) - Date.parse(a);
}

export function usd(x) {
  if (x === undefined || x === null) return '—';
  return '$' + Number(x).toFixed(x >= 1 ? 2 : 6).replace(/0{1,4}$/, '');
}

export function short(id) {
  return id && id.length > 12 ? id.slice(0, 8) + '…' + id.slice(-4) : id || '—';
}

/** A one-line preview of a JSON value, cut to n characters. */
export function preview(value, n = 80) {
  const t = value === undefined ? '' : JSON.stringify(value);
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

/** A table: columns [{label, cell: row → node|string, class?}], rows. */
export function table(columns, rows, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', { class: 'muted empty' }, empty);
  return h('div', { class: 'scroll' },
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => h('td', { class: c.class, 'data-label': c.label }, c.cell(r))))))));
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

export function dl(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(p => p).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

/** A button that runs an async action, disabled while it runs; errors go to the page's notice. */
export function action(label, run, attrs = {}) {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await run(); } catch (e) { notice(e.message, 'error'); } finally { b.disabled = false; }
  });
  return b;
}

/** A message at the top of the page (role=status so screen readers hear it). */
export function notice(text, kind = 'info') {
  let box = document.getElementById('notice');
  if (!box) return;
  put(box, h('p', { class: ['notice', kind] }, text));
}
