/**
 * `tsx test/security/electronegativity.ts`: runs Doyensec's electronegativity over src-main, prints every
 * finding, and exits 1 when any is real. The last line is always `electronegativity: N findings`.
 *
 * How it is run, and why:
 * - On the TypeScript sources, not the bundle: the tool parses .ts with Babel's typescript plugin and runs
 *   all 36 atomic checks on it (checked by mutation: `sandbox: false`, `contextIsolation: false`,
 *   `webSecurity: false` or a removed permission handler in src-main/window.ts each produce their
 *   finding). The bundle would lose the `eng-disable` review comments and point at lines nobody edits.
 * - Through the package's documented module API (its `main`, the function the CLI calls), not
 *   `node dist/index.js -o out.sarif`: with -o the CLI drops per-file errors, and a check that crashes
 *   on a file makes it skip that whole file silently (CSPJSCheck did, on a header value that was not an
 *   array literal). Here every file the tool could not check is a failure.
 * - The tool evaluates a CSP only when it is written as a literal in the header call. Ours is one shared
 *   constant (src-main/security/csp.ts), so that line carries `eng-disable CSP_GLOBAL_CHECK` and this
 *   script runs the tool's own evaluator (@doyensec/csp-evaluator) on the constant instead.
 * Without internet the tool prints "Could not retrieve updated translations for the current locale".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/csp';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// An optional argument scans another copy of src-main (used to check that this script does fail).
const SCAN_DIR = resolve(process.argv[2] ?? join(ROOT, 'src-main'));

/** Checks that do not apply to this app, each with the reason. They still run; their findings are shown, not counted. */
const NOT_APPLICABLE: Record<string, string> = {
  AUXCLICK_JS_CHECK:
    "wants disableBlinkFeatures: 'Auxclick', a Blink feature that no longer exists (electron/electron#10315); since Electron 12 "
    + 'middle- and shift-clicks go through setWindowOpenHandler (electron/electron#28498), which denies every new window (window.ts).',
};

/** Checks not run at all, each with the reason. */
const NOT_RUN: Record<string, string> = {
  AvailableSecurityFixesGlobalCheck:
    "downloads Electron's release list from GitHub, which our build machines cannot reach, and reads the version from a "
    + 'package.json the scan of src-main does not include; the pinned Electron version is reviewed in package.json.',
};

/** csp-evaluator remarks that do not apply, matched by directive and text, each with the reason. */
const CSP_REMARKS_NOT_APPLICABLE: Array<{ directive: string; text: RegExp; reason: string }> = [
  {
    directive: 'script-src',
    text: /'self' can be problematic if you host JSONP, Angular or user uploaded files/,
    reason: "'self' is app://desk, which serves only our own build output: no JSONP endpoint, no Angular, no uploaded files.",
  },
];

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
}
interface RunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Issue[];
}
type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<RunResult>;
interface CspFinding { directive: string; description: string; severity: number; value?: string }

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as Run;
const electronegativityRequire = createRequire(require.resolve('@doyensec/electronegativity'));
// The tool's own file listing (skips node_modules), so "scanned N files" counts what it loaded.
const { list_files: listFiles } = electronegativityRequire('./util') as { list_files(dir: string): Promise<string[]> };
const csp = electronegativityRequire('@doyensec/csp-evaluator') as {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (parsed: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
};

function electronVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
}

/** Lines where the code records a reviewed exception, so they are visible in the report too. */
function reviewedInCode(files: string[]): string[] {
  const notes: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const match = /(?:\/\/|\/\*)\s*eng-disable\s+([\w ,]+)/.exec(line);
      if (match?.[1]) notes.push(`${relative(ROOT, file)}:${i + 1}  ${match[1].trim()}`);
    });
  }
  return notes;
}

/** The tool's CSP evaluation, on the policy the desk actually sends. */
function evaluatePolicy(): { real: string[]; notApplicable: string[] } {
  const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
  const serious = new Set([csp.severities.HIGH, csp.severities.MEDIUM, csp.severities.HIGH_MAYBE, csp.severities.MEDIUM_MAYBE, csp.severities.SYNTAX]);
  const real: string[] = [];
  const notApplicable: string[] = [];
  for (const finding of findings) {
    if (!serious.has(finding.severity)) continue;
    const line = `src-main/security/csp.ts  CSP ${finding.directive}: ${finding.description}`;
    const excuse = CSP_REMARKS_NOT_APPLICABLE.find((r) => r.directive === finding.directive && r.text.test(finding.description));
    if (excuse) notApplicable.push(`${line}\n    not applicable: ${excuse.reason}`);
    else real.push(line);
  }
  // Belt and braces for the two things the policy exists to forbid.
  if (/unsafe-inline|unsafe-eval/.test(CONTENT_SECURITY_POLICY)) real.push('src-main/security/csp.ts  CSP allows unsafe-inline or unsafe-eval');
  return { real, notApplicable };
}

async function main(): Promise<number> {
  const files = await listFiles(SCAN_DIR);
  const sources = files.filter((f) => /\.(ts|tsx|js|jsx|html|htm)$/.test(f));
  const result = await run({
    input: SCAN_DIR,
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: electronVersion(),
    parserPlugins: [],
    customScan: [],
    excludeFromScan: Object.keys(NOT_RUN).map((name) => name.toLowerCase()),
  }, false);

  const failedFiles = result.errors.filter((e) => !e.tolerable);
  console.log(`scanned ${sources.length - failedFiles.length} of ${sources.length} source files in ${relative(ROOT, SCAN_DIR) || SCAN_DIR} `
    + `(${sources.filter((f) => f.endsWith('.ts')).length} .ts) with ${result.atomicChecks} atomic and ${result.globalChecks} global checks, Electron ${electronVersion()}`);

  const real: string[] = [];
  for (const error of failedFiles) real.push(`${relative(ROOT, resolve(error.file))}  NOT CHECKED: the tool failed on this file (${error.message})`);
  for (const error of result.errors.filter((e) => e.tolerable)) console.log(`warning: ${relative(ROOT, resolve(error.file))}: ${error.message}`);

  const notApplicable: string[] = [];
  for (const issue of result.issues) {
    const where = issue.file === 'N/A' ? '(whole app)' : `${relative(ROOT, join(SCAN_DIR, issue.file))}:${issue.location.line}`;
    const line = `${where}  ${issue.id}  ${issue.severity.name}/${issue.confidence.name}${issue.manualReview ? ' (review)' : ''}  ${issue.description}`;
    const reason = NOT_APPLICABLE[issue.id];
    if (reason) notApplicable.push(`${line}\n    not applicable: ${reason}`);
    else real.push(line);
  }
  const policy = evaluatePolicy();
  real.push(...policy.real);
  notApplicable.push(...policy.notApplicable);

  for (const line of real) console.log(`FINDING ${line}`);
  for (const line of notApplicable) console.log(`excluded ${line}`);
  for (const [name, reason] of Object.entries(NOT_RUN)) console.log(`not run ${name}: ${reason}`);
  for (const note of reviewedInCode(sources)) console.log(`reviewed in code (eng-disable) ${note}`);
  console.log(`electronegativity: ${real.length} findings`);
  return real.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('electronegativity: 1 findings');
    process.exit(1);
  },
);
