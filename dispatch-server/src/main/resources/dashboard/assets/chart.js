// Small SVG charts drawn by our own code: a stacked bar chart over time buckets and horizontal bars.
import { h, s } from './dom.js';

/**
 * Stacked bars: buckets [{label, values: {series: n}}], series [{key, label}]. Colours come from
 * CSS classes (series-<key>), so light and dark themes both apply.
 */
export function stackedBars(buckets, series, { title, height = 140 } = {}) {
  const w = 1000;
  const max = Math.max(1, ...buckets.map(b => series.reduce((t, x) => t + (b.values[x.key] || 0), 0)));
  const bw = w / Math.max(1, buckets.length);
  const bars = [];
  buckets.forEach((b, i) => {
    let y = height;
    for (const x of series) {
      const v = b.values[x.key] || 0;
      if (!v) continue;
      const bh = (v / max) * (height - 16);
      y -= bh;
      bars.push(s('rect', { class: 'series-' + x.key, x: (i * bw + 1).toFixed(1), y: y.toFixed(1), width: Math.max(1, bw - 2).toFixed(1), height: bh.toFixed(1) },
        s('title', {}, `${b.label}: ${v} ${x.label}`)));
    }
  });
  return h('figure', { class: 'chart' },
    s('svg', { viewBox: `0 0 ${w} ${height}`, role: 'img', 'aria-label': title || 'chart' },
      s('line', { class: 'axis', x1: 0, y1: height - 0.5, x2: w, y2: height - 0.5 }),
      s('text', { class: 'axis-label', x: 2, y: 10 }, String(max)),
      bars),
    h('figcaption', {}, title ? title + ' · ' : '', series.map(x => h('span', { class: 'key' }, s('svg', { viewBox: '0 0 10 10', class: 'swatch' }, s('rect', { class: 'series-' + x.key, width: 10, height: 10 })), ' ', x.label, ' '))));
}

/** Horizontal bars: rows [{label, value, text}]. */
export function hbars(rows, { title } = {}) {
  const max = Math.max(1e-12, ...rows.map(r => r.value));
  const rowH = 20;
  const w = 1000;
  const x0 = 200; // labels left of it, bars from it
  const span = w - x0 - 140; // room for the value after the longest bar
  return h('figure', { class: 'chart' },
    s('svg', { viewBox: `0 0 ${w} ${rows.length * rowH + 4}`, role: 'img', 'aria-label': title || 'chart' },
      rows.map((r, i) => [
        s('rect', { class: 'series-main', x: x0, y: i * rowH + 4, height: rowH - 6, width: Math.max(1, (r.value / max) * span).toFixed(1) }),
        s('text', { class: 'bar-label', x: 0, y: i * rowH + 15 }, r.label.length > 28 ? r.label.slice(0, 27) + '…' : r.label),
        s('text', { class: 'bar-value', x: x0 + 6 + (r.value / max) * span, y: i * rowH + 15 }, r.text),
      ])),
    title ? h('figcaption', {}, title) : null);
}

/** A tiny line of counts for a table cell. */
export function sparkline(values, label) {
  const w = 120;
  const ht = 24;
  const max = Math.max(1, ...values);
  const step = w / Math.max(1, values.length - 1);
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(ht - 2 - (v / max) * (ht - 4)).toFixed(1)}`).join(' ');
  return s('svg', { class: 'spark', viewBox: `0 0 ${w} ${ht}`, role: 'img', 'aria-label': label },
    s('polyline', { points: pts, class: 'spark-line' }));
}
