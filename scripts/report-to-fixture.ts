/**
 * Turns a trader's page report into a fixture page, so a report becomes a regression test:
 *
 *   npm run --silent report-to-fixture -- report.json
 *   npm run --silent report-to-fixture -- issue.md --price 65,000.5 --size 0.25 --leverage 20 --name redesign-2027-01
 *   npm run --silent report-to-fixture -- report.json --position '{"leverage":["10","20"]}' --out /tmp/fixtures
 *
 * Input: the report as saved or copied (JSON), or an issue body holding it in a ```json block.
 * The masked numbers of the fields the adapter found get the chosen position (defaults: a BTC
 * order at 65,000.5, size 0.25, 20x, balance 1,250.75, mark 65,010.3, written with the page's
 * decimal separator); every other masked number becomes a 1 and 0s (1,000.00). Writes test/fixtures/<adapter>/
 * <name>.html (refuses to overwrite without --force) and prints the URL to read it at and a
 * test case to add to the adapter's test.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decimalOf, expected, makeFixture, parseReport, type Position } from './report-fixture';

const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures');
const FLAGS: Record<string, string> = { '--price': 'price', '--size': 'quantity', '--quantity': 'quantity', '--leverage': 'leverage', '--balance': 'balance', '--mark': 'markPrice', '--last': 'lastPrice' };
const USAGE = 'usage: npm run --silent report-to-fixture -- <report.json | issue.md> [--price P] [--size S] [--leverage L] [--balance B] [--mark M] [--last L] [--position JSON|file] [--name NAME] [--out DIR] [--force]';

export interface Run {
  code: number;
  out: string;
}

export function run(argv: readonly string[]): Run {
  let input: string | null = null;
  let name: string | null = null;
  let out = FIXTURES;
  let force = false;
  const position: Position = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    try {
      if (FLAGS[arg]) position[FLAGS[arg] as string] = next();
      else if (arg === '--position') {
        const raw = next();
        const given = JSON.parse(existsSync(raw) ? readFileSync(raw, 'utf8') : raw) as unknown;
        if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new Error('--position must be a JSON object');
        for (const [k, value] of Object.entries(given)) {
          if (typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string'))) position[k] = value as string | string[];
          else throw new Error(`--position: ${k} must be a string or a list of strings`);
        }
      } else if (arg === '--name') name = next();
      else if (arg === '--out') out = path.resolve(next());
      else if (arg === '--force') force = true;
      else if (arg.startsWith('--')) return { code: 2, out: `unknown option ${arg}\n${USAGE}` };
      else input = arg;
    } catch (e) {
      return { code: 2, out: `${(e as Error).message}\n${USAGE}` };
    }
  }
  if (!input) return { code: 2, out: USAGE };
  if (!existsSync(input)) return { code: 1, out: `${input}: no such file` };
  const parsed = parseReport(readFileSync(input, 'utf8'));
  if (!parsed.ok) return { code: 1, out: `${input}: ${parsed.message}` };
  const report = parsed.report;

  const fixture = makeFixture(report, position);
  const stem = (name ?? `report-${report.meta.date}-${report.page.path.split('/').filter(Boolean).pop() ?? 'page'}`).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(stem)) return { code: 2, out: `--name: ${JSON.stringify(name)} gives no usable file name` };
  const file = path.join(out, fixture.folder, `${stem}.html`);
  if (existsSync(file) && !force) return { code: 1, out: `${path.relative(process.cwd(), file)} exists: choose another --name or add --force` };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, fixture.html);

  const rel = `${fixture.folder}/${stem}.html`;
  const decimal = decimalOf(report);
  const chosen = expectedValues(fixture.filled, fixture.position, decimal);
  const lines = [
    `Wrote ${path.relative(process.cwd(), file)}`,
    `Read at ${fixture.url} (E2E: https://${new URL(fixture.url).host}${new URL(fixture.url).pathname}?fixture=${rel})`,
    `When reported, the reader said: ${report.read.kind}${report.read.notes.length ? `: ${report.read.notes.map((n) => n.message).join('; ')}` : ''}`,
    ...(fixture.unused.length ? [`Not on the page (no element was found as): ${fixture.unused.join(', ')}`] : []),
    `Add a case to the adapter's test (src/content/venues/*.test.ts) with what it should read once it reads this page right, e.g.:`,
    `  { file: '${rel}', url: '${fixture.url}', kind: 'complete'${chosen} },`,
  ];
  return { code: 0, out: lines.join('\n') };
}

/** The printed test case's expected values: the chosen numbers as the reader normalises them. */
function expectedValues(filled: readonly string[], position: Position, decimal: '.' | ','): string {
  const value = (field: string) => {
    const given = position[field];
    const first = typeof given === 'string' ? given : given?.[0];
    return filled.includes(field) && first !== undefined ? expected(first, decimal) : null;
  };
  const parts: string[] = [];
  const price = value('price');
  const quantity = value('quantity');
  const leverage = value('leverage');
  if (price) parts.push(`price: '${price}'`);
  if (quantity) parts.push(`quantity: { value: '${quantity}', unit: '…' }`);
  if (leverage) parts.push(`leverage: '${leverage}'`);
  return parts.length ? `, ${parts.join(', ')}` : '';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = run(process.argv.slice(2));
  (result.code === 0 ? process.stdout : process.stderr).write(`${result.out}\n`);
  process.exitCode = result.code;
}
