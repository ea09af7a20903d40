// Prints "N passed, N failed, N skipped" from the Vitest and Playwright JSON reports. A failing stage
// that ran no tests (typecheck, lint, build) counts as one failure, so a red run never reads as green.
import { existsSync, readFileSync } from 'node:fs';

const status = Number(process.argv[2] ?? '0');
let passed = 0;
let failed = 0;
let skipped = 0;

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

// The unit suite runs twice: on SQLite, then on PostgreSQL.
for (const report of ['test-results/vitest.json', 'test-results/vitest-postgres.json']) {
  const vitest = read(report);
  if (!vitest) continue;
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}

const playwright = read('test-results/playwright.json');
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
}

if (status !== 0 && failed === 0) {
  failed = 1;
  console.log('(npm test failed in a step that is not a test runner: see the output above)');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
