// The native core's side of `npm run bench`: runs `cargo bench --bench workload` (divan) and
// reads its table: for each benchmark, the fastest, slowest, median and mean sample, in
// nanoseconds per item (each benchmark's time divided by the items its counter names), and the
// memory line printed before the table.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const UNITS = { ps: 1e-3, ns: 1, µs: 1e3, us: 1e3, ms: 1e6, s: 1e9 };
const TIME = String.raw`([\d.]+)\s*(ps|ns|µs|us|ms|s)\b`;

/** Divan's output (text) as `{ memory, benches: { name: { fastest, slowest, median, mean, samples } } }`, times in ns per item. */
export function parseDivan(text, itemsPerBench) {
  const memoryLine = /^memory: (\{.*\})$/m.exec(text);
  if (memoryLine === null) throw new Error(`cargo bench printed no memory line:\n${text}`);
  const benches = {};
  const row = new RegExp(String.raw`^[├╰]─ (\w+)\s+${TIME}\s+│\s+${TIME}\s+│\s+${TIME}\s+│\s+${TIME}\s+│\s+(\d+)`, 'u');
  for (const line of text.split('\n')) {
    const m = row.exec(line);
    if (m === null) continue;
    const items = itemsPerBench[m[1]] ?? 1;
    const ns = (i) => (Number(m[i]) * UNITS[m[i + 1]]) / items;
    benches[m[1]] = { fastest: ns(2), slowest: ns(4), median: ns(6), mean: ns(8), samples: Number(m[10]) };
  }
  for (const name of Object.keys(itemsPerBench)) if (!(name in benches)) throw new Error(`cargo bench printed no row for ${name}:\n${text}`);
  return { memory: JSON.parse(memoryLine[1]), benches };
}

/** Runs the native benchmark; `itemsPerBench` maps each benchmark to the operations one sample makes. */
export function runNative(itemsPerBench) {
  const text = execFileSync('cargo', ['bench', '--quiet', '--bench', 'workload'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return parseDivan(text, itemsPerBench);
}
