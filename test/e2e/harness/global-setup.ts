import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { missingBrowserMessage } from './browsers';
import { DIST_CHROME, DIST_FIREFOX, REPO_ROOT } from './paths';

/**
 * Runs once before the E2E files. A missing browser stops the run with one line that
 * says how to install it: no stack trace, and never a silent skip. A missing build is
 * made; an existing one is reused (the test command builds first).
 */
export default function setup(): void {
  const missing = [missingBrowserMessage('chromium'), missingBrowserMessage('firefox')].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    for (const line of missing) process.stderr.write(`\n${line}\n`);
    process.exit(1);
  }
  for (const [dist, script] of [[DIST_CHROME, 'build'], [DIST_FIREFOX, 'build:firefox']] as const) {
    if (!existsSync(path.join(dist, 'manifest.json'))) {
      execFileSync('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
  }
}
