/**
 * Turns a trader's page report back into a fixture page: the report's structural snapshot
 * with the masked numbers replaced by a chosen position (the fields the adapter found get
 * the position's price, size, leverage, balance and mark; every other masked number becomes
 * a 1 and 0s in its shape, #,###.## → 1,000.00), a header that says where it came from and what it relies on, and the URL and test case
 * to add. The CLI is scripts/report-to-fixture.ts.
 */
import { Window } from 'happy-dom';
import * as v from 'valibot';
import { inferDecimalSeparator, parseDecimal } from '../src/core/parse/number';
import { FORMAT_NAMES, maskDigits, MASK } from '../src/core/report/mask';
import { REPORT_FORMAT, type PageReport } from '../src/core/report/types';

const reportSchema = v.looseObject({
  liqguardPageReport: v.literal(REPORT_FORMAT),
  meta: v.looseObject({ extension: v.string(), browser: v.string(), date: v.string() }),
  page: v.looseObject({
    venue: v.string(),
    adapter: v.nullable(v.string()),
    origin: v.pipe(v.string(), v.url()),
    path: v.string(),
    symbol: v.nullable(v.string()),
    language: v.nullable(v.string()),
    title: v.string(),
  }),
  read: v.looseObject({ kind: v.string() }),
  anchors: v.record(v.string(), v.array(v.looseObject({ css: v.string(), found: v.number() }))),
  snapshot: v.array(v.string()),
});

export type Parsed = { ok: true; report: PageReport } | { ok: false; message: string };

/** A report as saved or copied (JSON), or the body of an issue holding it in a ```json block. */
export function parseReport(text: string): Parsed {
  const trimmed = text.trim();
  const candidates = [trimmed, ...[...trimmed.matchAll(/```(?:json)?\s*\n([\s\S]*?)\n\s*```/g)].map((m) => m[1] ?? '')];
  let lastError = 'no JSON found';
  for (const candidate of candidates) {
    if (!candidate.startsWith('{')) continue;
    let json: unknown;
    try {
      json = JSON.parse(candidate);
    } catch (e) {
      lastError = `not valid JSON (${(e as Error).message})`;
      continue;
    }
    const parsed = v.safeParse(reportSchema, json);
    if (parsed.success) return { ok: true, report: parsed.output as unknown as PageReport };
    lastError = `not a LiqGuard page report: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? '(top)'}: ${i.message}`).join('; ')}`;
  }
  return { ok: false, message: lastError };
}

/**
 * Position fields by the name the adapters' anchors give them (a few friendlier names are
 * accepted). A list gives the elements found as that field one value each, in page order
 * (the last one repeats): two leverage buttons that disagree stay two.
 */
export type Position = Record<string, string | readonly string[]>;
const ALIASES: Record<string, string> = { size: 'quantity', qty: 'quantity', balance: 'balance', availableBalance: 'balance', available: 'balance', mark: 'markPrice', last: 'lastPrice' };
export const canonicalField = (name: string) => ALIASES[name] ?? name;

/** The masked path with the instrument's name put back where the report's symbol stands; other masked digits become 0. */
export function restorePath(path: string, symbol: string | null): string {
  return path
    .split('/')
    .map((seg) => {
      if (symbol && seg.toUpperCase() === maskDigits(symbol).toUpperCase()) return seg === seg.toLowerCase() ? symbol.toLowerCase() : symbol;
      return encodeURIComponent(seg.split(MASK).join('0')).replace(/%2F/gi, '/');
    })
    .join('/');
}

/** A masked number: `#` runs with the separators between them ("##,###.#", "#.##"). */
const MASKED_RUN = /#(?:[#.,'’ \u00a0\u202f]*#)?/;
const MASKED_RUNS = new RegExp(MASKED_RUN.source, 'g');

/** The page's decimal separator, from the shapes of its masked numbers. */
export function decimalOf(report: PageReport): '.' | ',' {
  const shapes = [report.page.title, ...report.snapshot].map((s) => s.replace(/#/g, '1'));
  return inferDecimalSeparator(shapes) ?? '.';
}

/** The default position: a BTC-like order, written with the page's decimal separator. */
export function defaultPosition(decimal: '.' | ','): Position {
  const d = (s: string) => (decimal === ',' ? s.replace('.', ',') : s);
  return { price: d('65000.5'), quantity: d('0.25'), leverage: '20', balance: d('1250.75'), markPrice: d('65010.3'), lastPrice: d('65010.3') };
}

const FORMAT_BACK = new Map(Object.entries(FORMAT_NAMES).map(([c, name]) => [name, c]));

function fill(doc: Document, position: Position): string[] {
  const used = new Set<string>();
  const seen = new Map<string, number>();
  for (const el of [...doc.querySelectorAll('[data-lg-field]')]) {
    const fields = (el.getAttribute('data-lg-field') ?? '').split(/\s+/).map(canonicalField);
    el.removeAttribute('data-lg-field');
    const field = fields.find((f) => position[f] !== undefined);
    if (!field) continue;
    const given = position[field] as string | readonly string[];
    const index = seen.get(field) ?? 0;
    seen.set(field, index + 1);
    const value = typeof given === 'string' ? given : (given[Math.min(index, given.length - 1)] ?? '');
    const inputs = el.matches('input, textarea') ? [el] : [...el.querySelectorAll('input, textarea')];
    if (inputs.length === 1 && inputs[0]) {
      const input = inputs[0];
      if (input.localName === 'textarea') input.textContent = value;
      else input.setAttribute('value', value);
      used.add(field);
      continue;
    }
    // The masked number of the value's own shape, else the first one: "Avbl #,###.## USDT", "##x".
    const shape = maskDigits(value);
    const texts: Text[] = [];
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (MASKED_RUN.test(node.nodeValue ?? '')) texts.push(node as Text);
    const exact = texts.find((t) => [...(t.nodeValue ?? '').matchAll(MASKED_RUNS)].some((m) => m[0] === shape));
    const target = exact ?? texts[0];
    if (!target) continue;
    let done = false;
    target.nodeValue = (target.nodeValue ?? '').replace(MASKED_RUNS, (run) => {
      if (done || (exact && run !== shape)) return run;
      done = true;
      return value;
    });
    used.add(field);
  }
  return [...used];
}

export interface Fixture {
  /** Folder under test/fixtures: the adapter id, or `generic`. */
  folder: string;
  html: string;
  /** The page's URL with the symbol put back (no query). */
  url: string;
  /** The position fields that found a place on the page. */
  filled: string[];
  /** Position fields no element of the report was found as. */
  unused: string[];
  /** The position used: the chosen fields over the defaults. */
  position: Position;
}

const SHADOW_STAND_IN = 'lg-shadow-root';

/** The fixture page for a report and a chosen position (the default one for fields not given). */
export function makeFixture(report: PageReport, chosen: Position = {}): Fixture {
  const decimal = decimalOf(report);
  const position: Position = { ...defaultPosition(decimal) };
  for (const [k, value] of Object.entries(chosen)) position[canonicalField(k)] = value;

  const window = new Window();
  const doc = window.document as unknown as Document;
  const body = report.snapshot.join('\n').replace(/&lg-[A-Za-z]+;/g, (name) => FORMAT_BACK.get(name) ?? '');
  doc.documentElement.innerHTML = `<head></head>${/^\s*<body[\s>]/.test(body) ? body : `<body>${body}</body>`}`;
  // A shadow root's content (a <template>'s) is out of reach of the walks below: it stands in an element until the page is written.
  for (let t = doc.body.querySelector('template[shadowrootmode]'), n = 0; t && n < 500; t = doc.body.querySelector('template[shadowrootmode]'), n++) {
    const stand = doc.createElement(SHADOW_STAND_IN);
    stand.append((t as HTMLTemplateElement).content);
    t.replaceWith(stand);
  }
  const filled = fill(doc, position);
  // Whatever else was masked: a 1 and then 0s, keeping the separators, so each number stays one the page's
  // format allows ("#,###.##" → "1,000.00", where all zeros would be "0,000.00", which no reader accepts) and
  // is not zero (a size of 0 is no position).
  const zero = (s: string) => s.replace(MASKED_RUNS, (run) => run.replace(MASK, '1').split(MASK).join('0'));
  for (const el of [...doc.body.querySelectorAll('*')]) for (const attr of [...el.attributes]) if (attr.value.includes(MASK)) el.setAttribute(attr.name, zero(attr.value));
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeValue?.includes(MASK)) node.nodeValue = zero(node.nodeValue);

  // A same-origin frame's page sits under its <iframe> in the report: it becomes the frame's srcdoc (innermost first).
  for (const frame of [...doc.body.querySelectorAll('iframe')].reverse()) {
    if (frame.children.length === 0) continue;
    frame.setAttribute('srcdoc', `<!doctype html><html><body>${frame.innerHTML}</body></html>`);
    frame.replaceChildren();
  }

  const title = zero(report.page.title);
  const folder = report.page.adapter ?? 'generic';
  const url = `${report.page.origin}${restorePath(report.page.path, report.page.symbol)}`;
  const reliesOn = Object.entries(report.anchors).flatMap(([key, list]) =>
    list.flatMap((a, i) => (a.found > 0 ? [`  - ${key}[${i}] \`${a.css}\` (found ${a.found} on the reported page)`] : [])),
  );
  const lang = report.page.language ? ` lang="${escapeAttribute(report.page.language)}"` : '';
  const about = [
    `${report.page.adapter ?? report.page.venue}: from a page report (LiqGuard ${report.meta.extension}, ${report.meta.browser}, ${report.meta.date}) of ${report.page.origin}${report.page.path}.`,
    `When reported: ${report.read.kind}${report.read.notes.length ? ` (${report.read.notes.map((n) => n.message).join('; ')})` : ''}.`,
    'Variants: report',
    'Relies on (anchors that found something on the reported page; their dates and sources are in the adapter):',
    ...(reliesOn.length ? reliesOn : ['  - nothing: no anchor found anything']),
    `Numbers: the page's were masked; the chosen position is ${Object.entries(position).filter(([k]) => filled.includes(k)).map(([k, val]) => `${k} ${typeof val === 'string' ? val : val.join(' | ')}`).join(', ') || 'none'}; every other masked number is a 1 and 0s in its shape.`,
  ];
  // Page text in the header must not end the comment early.
  const header = ['<!doctype html>', '<!--', ...about.map((line) => `  ${line.replace(/--(!?)>/g, '- -$1>')}`), '-->'].join('\n');
  const page = doc.body.outerHTML.replaceAll(`<${SHADOW_STAND_IN}>`, '<template shadowrootmode="open">').replaceAll(`</${SHADOW_STAND_IN}>`, '</template>');
  const html = `${header}\n<html${lang}>\n<head><meta charset="utf-8"><title>${escapeText(title)}</title></head>\n${page}\n</html>\n`;
  window.close();
  return { folder, html, url, filled, unused: Object.keys(chosen).map(canonicalField).filter((k) => !filled.includes(k)), position };
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** The normalised decimal a chosen value reads as on this page, for the printed test case; null when it is not a number. */
export function expected(value: string, decimal: '.' | ','): string | null {
  const parsed = parseDecimal(value, { decimal });
  return parsed.ok ? parsed.value : null;
}
