// docs/bench.svg, the chart `npm run bench` writes: operations per second and download size,
// cookie-engine against tough-cookie, as horizontal bars with their figures.

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const OURS = '#1f6feb';
const THEIRS = '#8b949e';

/**
 * `speed`: [{ label, ours, theirs, ratio? }] in operations per second (`ratio`, when given, is
 * the ratio to print, such as a median of per-round ratios); `size`: [{ label, ours, theirs }]
 * in bytes; `machine`: a line saying where it was measured.
 */
export function chart({ speed, size, machine }) {
  const width = 720;
  const left = 250;
  const barWidth = width - left - 150;
  const out = [];
  let y = 0;
  const text = (x, yy, body, extra = '') => out.push(`<text x="${x}" y="${yy}"${extra}>${escape(body)}</text>`);
  const bar = (yy, value, max, color, label) => {
    const w = Math.max(1, (barWidth * value) / max);
    out.push(`<rect x="${left}" y="${yy}" width="${w.toFixed(1)}" height="14" fill="${color}"/>`);
    text(left + w + 6, yy + 11, label);
  };
  const panel = (title, rows, format, ratio, theirName) => {
    y += 28;
    text(10, y, title, ' font-weight="bold"');
    y += 12;
    const max = Math.max(...rows.flatMap((r) => [r.ours, r.theirs]));
    for (const row of rows) {
      y += 8;
      text(10, y + 11, row.label);
      text(10, y + 27, ratio(row), ' fill="#57606a"');
      bar(y, row.ours, max, OURS, `cookie-engine ${format(row.ours)}`);
      bar(y + 16, row.theirs, max, THEIRS, `${theirName} ${format(row.theirs)}`);
      y += 34;
    }
  };
  const ops = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M/s` : `${Math.round(n / 1e3)}k/s`);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  panel('Operations per second (more is better)', speed, ops, (r) => `${(r.ratio ?? r.ours / r.theirs).toFixed(1)}x tough-cookie 6`, 'tough-cookie 6');
  panel('Download for a page or service worker (less is better)', size, kb, (r) => `${((100 * r.ours) / r.theirs).toFixed(0)}% of tough-cookie 6 + tldts`, 'tough-cookie 6 + tldts');
  y += 22;
  text(10, y, `Standard workload (bench/make-workload.mjs), npm run bench; ${machine}. cookie-engine's download:`, ' fill="#57606a"');
  y += 16;
  text(10, y, 'web entry + the jar\'s wasm (formats module apart); tough-cookie\'s: with tldts, esbuild --bundle --minify.', ' fill="#57606a"');
  y += 12;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" role="img" aria-label="cookie-engine against tough-cookie 6: operations per second and download size">`,
    `<rect width="${width}" height="${y}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
