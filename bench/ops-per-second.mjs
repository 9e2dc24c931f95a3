// How the benchmarks time a loop (bench.mjs and redis.mjs).

/** How long each figure is measured (ms): `BENCH_MS`, 1500 by default. */
export const BUDGET_MS = Number(process.env.BENCH_MS ?? 1500);

/** ops/s of `round`, which performs `opsPerRound` operations, after a warm-up, over BUDGET_MS. */
export function opsPerSecond(opsPerRound, round) {
  for (let i = 0; i < 3; i++) round();
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < BUDGET_MS) {
    round();
    rounds++;
  }
  return (rounds * opsPerRound * 1000) / (performance.now() - start);
}
