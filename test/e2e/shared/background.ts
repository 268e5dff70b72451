import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../harness/chromium';
import { REPO_ROOT } from '../harness/paths';
import type { TabState } from '../../../src/shared/overlay-state';
import type { FormSnapshot } from '../../../src/shared/form-snapshot';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';
import { clickInOverlay, openOverlayDetails } from '../content/helpers';
import { inOverlay } from '../harness/overlay-root';
import { WRITE_SPACING_MS } from '../../../src/background/tab-store';

/**
 * Helpers every browser test that looks behind the overlay needs: reading the background's
 * storage.session from an extension page, the overlay's liquidation figures, and the project's
 * CLI. Shared by test/e2e/background, test/e2e/venues and test/e2e/thresholds.
 */

/** What the background keeps per tab in storage.session (src/background/tab-store.ts). */
export interface TabRecordView {
  tabId: number;
  arrival: number;
  pending: { seq: number; snapshot: FormSnapshot } | null;
  result: TabState | null;
}

/** The overlay's liquidation-price figures (data-value, exact decimal strings), one per side. */
export async function overlayLiquidationValues(page: Page): Promise<string[]> {
  return inOverlay(page, (root) => {
    return [...(root?.querySelectorAll('[data-liqguard-side] [data-liqguard="liquidation-price"]') ?? [])].map((e) => e.getAttribute('data-value') ?? '');
  });
}

/** Reads the background's storage.session from an extension page, in either browser. */
export interface StorageReader {
  session(key?: string | null): Promise<Record<string, unknown>>;
  get<T>(key: string): Promise<T | undefined>;
  /** The background's most recently updated tab record whose snapshot URL contains `fragment`. */
  tabRecordFor(fragment: string): Promise<TabRecordView | undefined>;
  /**
   * The same once storage has caught up with the background: a tab's answers that come within
   * WRITE_SPACING_MS of its last write share the next write (src/background/tab-store.ts), so a
   * record read at once may still be the one before. Read until it stays the same past the spacing.
   */
  settledTabRecordFor(fragment: string): Promise<TabRecordView | undefined>;
}

function storageReader(read: (key: string | null) => Promise<Record<string, unknown>>): StorageReader {
  return {
    session: (key = null) => read(key),
    async get<T>(key: string): Promise<T | undefined> {
      return (await read(key))[key] as T | undefined;
    },
    async tabRecordFor(fragment: string): Promise<TabRecordView | undefined> {
      const all = await read(null);
      const records = Object.entries(all)
        .filter(([k]) => k.startsWith('tab/'))
        .map(([, v]) => v as TabRecordView)
        .filter((r) => (r.result?.snapshot.url ?? r.pending?.snapshot.url ?? '').includes(fragment));
      return records.sort((a, b) => (b.result?.updatedAt ?? 0) - (a.result?.updatedAt ?? 0))[0];
    },
    async settledTabRecordFor(fragment: string): Promise<TabRecordView | undefined> {
      let last = JSON.stringify((await this.tabRecordFor(fragment)) ?? null);
      for (const deadline = Date.now() + 10_000; ; ) {
        await new Promise((r) => setTimeout(r, WRITE_SPACING_MS + 50));
        const now = JSON.stringify((await this.tabRecordFor(fragment)) ?? null);
        if (now === last || Date.now() > deadline) return (JSON.parse(now) as TabRecordView | null) ?? undefined;
        last = now;
      }
    },
  };
}

/**
 * An extension page kept open to read the background's storage.session (extension pages may
 * read it; content scripts may not). Reading storage does not wake the service worker.
 */
export async function extensionReader(session: ExtensionSession): Promise<StorageReader & { page: Page }> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('src/options/index.html'));
  const read = (key: string | null) =>
    page.evaluate(async (k) => {
      const g = globalThis as unknown as { chrome: { storage: { session: { get(k: string | null): Promise<Record<string, unknown>> } } } };
      return g.chrome.storage.session.get(k);
    }, key);
  return { page, ...storageReader(read) };
}

/**
 * The same in Firefox. WebDriver BiDi refuses to navigate a tab to a moz-extension: address, so
 * the extension opens its own page: a trusted click on the overlay's "Venue details in LiqGuard"
 * (on `assessed`, a venue page showing figures) makes the background open the popup page in a
 * tab, and the reader evaluates there. Firefox reports that tab's address as about:blank to the
 * harness; its own `location` is the extension's. The venue page is brought back to the front,
 * since Firefox pauses animation frames in a background tab.
 */
export async function firefoxExtensionReader(browser: PuppeteerBrowser, assessed: PuppeteerPage): Promise<StorageReader & { page: PuppeteerPage }> {
  const before = new Set(await browser.pages());
  // The link sits in the card's Details, which only a trusted click opens.
  if (!(await openOverlayDetails(assessed))) throw new Error('the overlay shows no Details to open');
  await clickInOverlay(assessed, '[data-liqguard-action="venue"]');
  let page: PuppeteerPage | undefined;
  for (const deadline = Date.now() + 10_000; !page; ) {
    for (const p of await browser.pages()) {
      if (before.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://')) page = p;
    }
    if (Date.now() > deadline) throw new Error('the extension opened no page of its own within 10 s');
    if (!page) await new Promise((r) => setTimeout(r, 100));
  }
  await assessed.bringToFront();
  const extensionPage = page;
  const read = (key: string | null) =>
    extensionPage.evaluate(async (k) => {
      const g = globalThis as unknown as { browser: { storage: { session: { get(k: string | null): Promise<Record<string, unknown>> } } } };
      return g.browser.storage.session.get(k);
    }, key);
  return { page: extensionPage, ...storageReader(read) };
}

export type ExtensionReader = Awaited<ReturnType<typeof extensionReader>>;

const CALC_ARGS = (lines: readonly Record<string, unknown>[]) => ['run', '--silent', 'calc', '--', ...lines.map((l) => JSON.stringify(l))];

function parseCalc(out: string, expected: number): Record<string, unknown>[] {
  const answers = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  if (answers.length !== expected) throw new Error(`calc printed ${answers.length} JSON lines for ${expected} inputs: ${out}`);
  return answers;
}

/** The answers of one `npm run --silent calc -- '<json>' '<json>'…` (the project's CLI), parsed, one per line. */
export function cliLines(lines: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  if (lines.length === 0) return [];
  return parseCalc(execFileSync('npm', CALC_ARGS(lines), { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), lines.length);
}

/** The project's CLI kept running in its stdin mode (`npm run --silent calc`, one JSON line in, one out). */
export interface CliSession {
  /** One answer per line, in order. */
  ask(lines: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * Starts the CLI once for a whole test file: the same program as `cli()`, read line by line from
 * stdin, without paying its start-up (about a second) for every comparison.
 */
export function startCli(): CliSession {
  const child = spawn('npm', ['run', '--silent', 'calc'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: { resolve(line: Record<string, unknown>): void; reject(e: Error): void }[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr = (stderr + d).slice(-2000)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    waiting.shift()?.resolve(JSON.parse(line) as Record<string, unknown>);
  });
  const exited = new Promise<void>((resolve) => {
    const end = (why: string) => {
      for (const w of waiting.splice(0)) w.reject(new Error(`calc ${why} with answers outstanding: ${stderr}`));
      resolve();
    };
    child.once('exit', (code) => end(`exited (${code})`));
    child.once('error', (e) => end(`failed (${e.message})`));
  });
  return {
    ask(lines) {
      return Promise.all(
        lines.map(
          (line) =>
            new Promise<Record<string, unknown>>((resolve, reject) => {
              waiting.push({ resolve, reject });
              child.stdin.write(`${JSON.stringify(line)}\n`);
            }),
        ),
      );
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/** One answer of `npm run --silent calc -- '<json>'` (the project's CLI), parsed. */
export function cli(line: Record<string, unknown>): Record<string, unknown> {
  return cliLines([line])[0] as Record<string, unknown>;
}
