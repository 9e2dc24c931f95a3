// The differential harness's fixed slice (tests/differential/): a few scenarios of every family
// and of the vectors, through Chromium and through the packed package. Every run must agree, or
// be one that docs/chromium-differences.md explains; and every explained run in the slice must
// still disagree, so the document never outlives a difference. The full run (1,000 random
// scenarios and more) is `npm run differential`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentedDifferences, runScenarios } from '../differential/run.mjs';
import { testSlice } from '../differential/scenarios.mjs';

test('the differential slice: Chromium and the engine agree, or the difference is documented', { timeout: 300_000 }, async () => {
  const slice = testSlice();
  const { chromium, results } = await runScenarios(slice);
  assert.match(chromium, /^\d+\.\d+\.\d+\.\d+$/);
  // Every scenario runs with third-party cookies blocked; the cross-site ones run again allowed.
  const crossSite = slice.filter((s) => s.steps.some((step) => step.top !== undefined)).length;
  assert.equal(results.length, slice.length + crossSite);
  assert.ok(crossSite >= 10, `${crossSite} cross-site scenarios`);
  // No run lost its way in the browser (a harness error is a disagreement at step -1).
  assert.deepEqual(results.filter((r) => r.differences.some((d) => d.step === -1)).map((r) => `${r.id}: ${r.differences[0].browser}`), []);
  const documented = documentedDifferences();
  const undocumented = results.filter((r) => !r.agree && !documented.has(`${r.id} (${r.thirdPartyCookies})`));
  assert.deepEqual(undocumented.map((r) => `${r.id} (${r.thirdPartyCookies}): ${JSON.stringify(r.differences)}`), []);
  const stale = results.filter((r) => r.agree && documented.has(`${r.id} (${r.thirdPartyCookies})`));
  assert.deepEqual(stale.map((r) => `${r.id} (${r.thirdPartyCookies}) agrees now: remove it from docs/chromium-differences.md`), []);
});
