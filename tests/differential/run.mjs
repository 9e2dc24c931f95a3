#!/usr/bin/env node
// `npm run differential`: every scenario through Chromium and through the packed package, side
// by side, twice for the cross-site ones (third-party cookies blocked, Chromium's default,
// against the jar's `thirdParty: 'partitioned-only'`; and allowed, against the jar's default).
// Prints `N of M scenarios agree`, writes every disagreement to target/differential/report.json
// (docs/chromium-differences.md explains them), and exits non-zero on a disagreement that the
// document does not list. Options: --random N (default 1000), --slice (the small npm test slice).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importPackage, root } from '../js/support.mjs';
import { startHarness } from './harness.mjs';
import { allScenarios, testSlice } from './scenarios.mjs';

/** Whether any step involves another site than its own (then third-party settings matter). */
const crossSite = (scenario) => scenario.steps.some((step) => step.top !== undefined);

/** Runs `scenarios` in both third-party settings; the results, scenario by scenario. */
export async function runScenarios(scenarios, { onProgress = () => {} } = {}) {
  const { CookieJar } = await importPackage();
  const results = [];
  let chromium;
  for (const [setting, policy] of [
    ['blocked', { thirdParty: 'partitioned-only' }],
    ['allowed', undefined],
  ]) {
    const harness = await startHarness({ thirdPartyCookies: setting });
    chromium = harness.version;
    try {
      for (const scenario of scenarios) {
        if (setting === 'allowed' && !crossSite(scenario)) continue;
        const jar = new CookieJar({ policy });
        let observations;
        try {
          observations = await harness.run(scenario, jar);
        } catch (error) {
          observations = [{ step: -1, browser: `harness error: ${error.message}`, engine: '' }];
        } finally {
          jar.free();
        }
        const differences = observations.filter((o) => o.browser !== o.engine);
        results.push({ id: scenario.id, family: scenario.family, name: scenario.name, thirdPartyCookies: setting, agree: differences.length === 0, differences, steps: scenario.steps });
        onProgress(results.length);
      }
    } finally {
      await harness.close();
    }
  }
  return { chromium, results };
}

/** The disagreements docs/chromium-differences.md explains: the ids in its table. */
export function documentedDifferences() {
  const text = readFileSync(join(root, 'docs', 'chromium-differences.md'), 'utf8');
  return new Set([...text.matchAll(/^\| `([\w-]+) \((blocked|allowed)\)`/gm)].map((m) => `${m[1]} (${m[2]})`));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const slice = process.argv.includes('--slice');
  const randomAt = process.argv.indexOf('--random');
  const random = randomAt === -1 ? 1000 : Number(process.argv[randomAt + 1]);
  const scenarios = slice ? testSlice() : allScenarios({ random });
  const started = Date.now();
  const { chromium, results } = await runScenarios(scenarios, { onProgress: (n) => n % 100 === 0 && process.stderr.write(`${n} runs\n`) });
  const agreeing = results.filter((r) => r.agree).length;
  const byFamily = {};
  for (const r of results) {
    const f = (byFamily[`${r.family} (${r.thirdPartyCookies})`] ??= { agree: 0, total: 0 });
    f.total++;
    if (r.agree) f.agree++;
  }
  const disagreements = results.filter((r) => !r.agree);
  const documented = documentedDifferences();
  const undocumented = disagreements.filter((r) => !documented.has(`${r.id} (${r.thirdPartyCookies})`));
  mkdirSync(join(root, 'target', 'differential'), { recursive: true });
  writeFileSync(join(root, 'target', 'differential', 'report.json'), `${JSON.stringify({ chromium, scenarios: scenarios.length, runs: results.length, agreeing, byFamily, disagreements }, null, 2)}\n`);
  console.log(`Chromium ${chromium}; ${scenarios.length} scenarios, ${results.length} runs (cross-site ones with third-party cookies blocked and allowed), ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const [family, f] of Object.entries(byFamily)) console.log(`  ${family}: ${f.agree} of ${f.total} agree`);
  console.log(`${agreeing} of ${results.length} runs agree`);
  for (const r of undocumented) console.log(`not in docs/chromium-differences.md: ${r.id} (${r.thirdPartyCookies}) ${JSON.stringify(r.differences)}`);
  process.exitCode = undocumented.length === 0 ? 0 : 1;
}
