import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm test`: every suite in order, each printing its own report, then one plain line CI reads:
 * `N passed, N failed`. A suite that cannot report counts (it crashed) counts as one failure.
 */
interface Tally { passed: number; failed: number }
const totals: Tally = { passed: 0, failed: 0 };
const summary: string[] = [];
const reports = mkdtempSync(join(tmpdir(), 'petdrop-test-reports-'));

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function record(suite: string, tally: Tally): void {
  totals.passed += tally.passed;
  totals.failed += tally.failed;
  summary.push(`${suite}: ${tally.passed} passed, ${tally.failed} failed`);
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A step that is one check: it passes when the command exits 0. */
function step(suite: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${suite} ===`);
  const ok = run(command, args) === 0;
  record(suite, ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  return ok;
}

step('typecheck (tsc --noEmit, strict)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const built = step('build (electron-vite: main, preload, renderer)', 'npx', ['electron-vite', 'build']);

console.log('\n=== unit and integration (vitest) ===');
const vitestReport = join(reports, 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '-c', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTestSuites: number }>(vitestReport);
record('unit + integration', vitest
  ? { passed: vitest.numPassedTests, failed: vitest.numFailedTests + (vitestStatus !== 0 && vitest.numFailedTests === 0 ? 1 : 0) }
  : { passed: 0, failed: 1 });

console.log('\n=== end to end (Playwright, Debian Chromium) ===');
if (built) {
  const playwrightReport = join(reports, 'playwright.json');
  const playwrightStatus = run('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
  const playwright = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(playwrightReport);
  record('end to end', playwright
    ? { passed: playwright.stats.expected, failed: playwright.stats.unexpected + playwright.stats.flaky + (playwrightStatus !== 0 && playwright.stats.unexpected === 0 ? 1 : 0) }
    : { passed: 0, failed: 1 });
} else {
  console.log('skipped: the build failed, so there is no renderer to test');
  record('end to end', { passed: 0, failed: 1 });
}

step('security lint (electronegativity)', 'npx', ['tsx', 'test/security/electronegativity.ts']);

rmSync(reports, { recursive: true, force: true });
console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
