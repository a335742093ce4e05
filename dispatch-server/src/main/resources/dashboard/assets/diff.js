// A line diff of two texts (longest common subsequence), drawn as a table of kept, removed and
// added lines. Big inputs fall back to showing both sides whole.
import { h } from './dom.js';

export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 4_000_000) {
    return h('div', { class: 'diff' }, h('p', { class: 'muted' }, 'Too large to diff; showing the newer side.'), h('pre', {}, after));
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { lines.push([' ', a[i]]); i++; j++; }
    else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) { lines.push(['+', b[j]]); j++; }
    else { lines.push(['-', a[i]]); i++; }
  }
  const changed = lines.some(([k]) => k !== ' ');
  return h('div', { class: 'diff' },
    changed ? null : h('p', { class: 'muted' }, 'No difference.'),
    h('pre', {}, lines.map(([k, text]) => h('span', { class: k === '+' ? 'add' : k === '-' ? 'del' : 'same' }, k + ' ' + text + '\n'))));
}
