// `npm run package`: builds both targets and writes the archives the stores take:
//   release/liqguard-chrome-<version>.zip   Chrome Web Store (manifest.json at the archive's root)
//   release/liqguard-firefox-<version>.zip  addons.mozilla.org, made by `web-ext build`
// The version is package.json's; the build writes it into both manifests, and a build made
// from another version is refused rather than packaged under the wrong name.
//
//   --skip-build   package dist/ as it is (the tests, right after `npm run build:all`)
//   --out <dir>    write the archives there instead of release/
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const outIndex = args.indexOf('--out');
const outDir = path.resolve(root, outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : 'release');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Files that must never reach a store archive: source maps, test fixtures, sources. */
const FORBIDDEN = [/\.map$/, /(^|\/)fixtures?\//, /(^|\/)test\//, /\.tsx?$/, /(^|\/)node_modules\//];

function fail(message) {
  console.error(`npm run package: ${message}`);
  process.exit(1);
}

function run(command, commandArgs) {
  const child = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (child.status !== 0) fail(`${[command, ...commandArgs].join(' ')} failed:\n${child.stderr || child.stdout}`);
  return child.stdout;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (!skipBuild) {
  console.log('Building dist/chrome and dist/firefox…');
  run('npm', ['run', '--silent', 'build:all']);
}
mkdirSync(outDir, { recursive: true });

const rows = [];
for (const target of ['chrome', 'firefox']) {
  const dist = path.join(root, 'dist', target);
  const manifestFile = path.join(dist, 'manifest.json');
  if (!existsSync(manifestFile)) fail(`dist/${target} is missing: run \`npm run build:all\` (or drop --skip-build).`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (manifest.version !== version) {
    fail(`dist/${target} was built as version ${manifest.version}, but package.json says ${version}: run \`npm run build:all\`.`);
  }
  const files = filesUnder(dist).filter((f) => !f.split('/').some((part) => part.startsWith('.')));
  const forbidden = files.filter((f) => FORBIDDEN.some((re) => re.test(f)));
  if (forbidden.length > 0) fail(`dist/${target} holds files a store archive must not: ${forbidden.join(', ')}`);
  const filename = `liqguard-${target}-${version}.zip`;
  run('npx', ['web-ext', 'build', '--source-dir', dist, '--artifacts-dir', outDir, '--filename', filename, '--overwrite-dest', '--no-config-discovery']);
  const archive = path.join(outDir, filename);
  const unpacked = files.reduce((n, f) => n + statSync(path.join(dist, f)).size, 0);
  rows.push({ archive: archive.startsWith(root + path.sep) ? path.relative(root, archive) : archive, files: files.length, unpacked, zipped: statSync(archive).size });
}

console.log(`\nLiqGuard ${version}: store archives`);
for (const r of rows) {
  console.log(`  ${r.archive.padEnd(44)} ${String(r.files).padStart(3)} files  ${kb(r.unpacked).padStart(9)} unpacked  ${kb(r.zipped).padStart(9)} zipped`);
}
