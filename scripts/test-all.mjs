// `npm test`: every suite the project has, in order, then one closing line
// `N passed, N failed` summed over all of them. Static checks count as one test each;
// vitest suites report their own counts. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'liqguard-test-'));
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const results = [];

function run(command, args, env = {}) {
  const started = Date.now();
  const child = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  return { status: child.status ?? 1, seconds: (Date.now() - started) / 1000 };
}

function check(name, command, args, env) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n── ${name}: ${[command, ...args].join(' ')}`);
  const { status, seconds } = run(command, args, env);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, seconds });
}

function vitestSuite(name, config) {
  if (only.length && !only.includes(name)) return;
  const report = path.join(scratch, `${name}.json`);
  const args = ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  console.log(`\n── ${name}: npx ${args.join(' ')}`);
  const { status, seconds } = run('npx', args);
  let passed = 0;
  let failed = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests;
    // A file that fails to load has no tests to count; it still has to fail the run.
    failed += json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  }
  if (status !== 0 && failed === 0) failed = 1;
  results.push({ name, passed, failed, seconds });
}

check('build', 'npm', ['run', '--silent', 'build:all']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
vitestSuite('unit', 'vitest.config.ts');
vitestSuite('e2e', 'vitest.e2e.config.ts');

rmSync(scratch, { recursive: true, force: true });
console.log('\n── summary');
for (const r of results) {
  console.log(`${r.name.padEnd(14)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed  ${r.seconds.toFixed(1)} s`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
