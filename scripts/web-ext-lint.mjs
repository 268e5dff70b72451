// Lints the Firefox build with Mozilla's addons-linter (through web-ext) and fails on
// any error. Warnings are printed; the one known warning is Preact's own innerHTML
// handling inside its runtime, which never receives page text.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const child = spawnSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'], {
  cwd: root,
  encoding: 'utf8',
});
let report;
try {
  report = JSON.parse(child.stdout);
} catch {
  console.error('web-ext lint produced no report:', child.stderr || child.stdout);
  process.exit(1);
}
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind]) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ''} ${m.message}`);
}
console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
process.exit(report.summary.errors === 0 ? 0 : 1);
