/**
 * End-to-end benchmark: the built extension in Debian's headless Chromium, measured from inside the pages.
 * It prints figures and gates nothing: the exit code is 0 unless the extension cannot be built or the browser
 * cannot start (then it says which in one line). A part that fails to measure is shown as NOT MEASURED.
 *
 *   npm run bench:e2e
 *
 * Builds the current tree into a temporary directory first (dist/chrome belongs to the E2E tests, which may
 * be rebuilding it), or measures a copy of a build you name: LIQGUARD_BENCH_DIST=/abs/dist/chrome npm run bench:e2e.
 * The measured copy gains one page of the benchmark's own (the popup's floor, see `popup`), never shipped.
 * Its own build has the stage marks (LIQGUARD_MARKS=1, vite.config.ts), so the keystroke rows are followed by
 * where the time went (read, message, background, reply, drawing); a build you name has them only if it
 * was made with LIQGUARD_MARKS=1.
 * BENCH_WINDOW_S sets the main-thread window (default 8 s), BENCH_ROUNDS its repeats (default 15: the per-round ratios spread by ±10 % on a shared machine;
 * a round whose pages could not be measured alike is left out and named), BENCH_CONTROL=1 measures the order-book pair with the
 * content script kept off both pages (what the pair shows when the extension does nothing: its own bias), BENCH_FLOOR=1
 * measures it with the floor of any content script that talks to its background: the measured copy's Binance module is
 * replaced by one line that opens the port (the loader, its isolated world and the port stay; none of our code runs), so
 * the pair shows what is left to cut once everything of ours is gone (use it with BENCH_ONLY=main: the other parts need
 * the real module), BENCH_HIDDEN=1 measures it with the card not drawn: the measured copy's overlay stylesheet gives the
 * card `display: none` (everything else of ours runs as usual: the reads, the messages, the overlay's DOM and the heap
 * they keep), so the pair splits what the drawn card costs from what the rest of the content script costs,
 * BENCH_KEYS sets the keystrokes per keystroke part (default 200), BENCH_TRACE_KEYS=<dir> traces their typing (see traceKeystrokes), and
 * BENCH_ONLY=start,cold,restart,keys,account,loads,main,popup,wake runs some of the parts; BENCH_COLD sets how many
 * browsers the cold part starts, and how many profiles the restart part starts twice (default 5). The figures are wall-clock and CPU time on a
 * shared machine: the header prints the load average, and other work running meanwhile (an E2E run, a build)
 * shows up in them.
 *
 * Every page is served by the E2E fixture server under the venue's real hostname; Binance's public market
 * data is stubbed (exchange info and mark price from the recorded fixtures, via the E2E helpers; candles made
 * up here), so no request leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { candleResponse } from '../src/core/market/fixtures/index';
import { measureWakeUpLatency, overlayLiquidationValues, stubBinanceMarketData } from '../test/e2e/background/helpers';
import { missingBrowserMessage } from '../test/e2e/harness/browsers';
import { harnessSession, inOverlay, WORLD_NAME } from '../test/e2e/harness/overlay-root';
import { openOverlayDetails } from '../test/e2e/content/helpers';
import { launchWithExtension, type ExtensionSession } from '../test/e2e/harness/chromium';
import type { FixtureServer } from '../test/e2e/harness/server';
import { REPO_ROOT } from '../test/e2e/harness/paths';
import { WRITE_SPACING_MS } from '../src/background/tab-store';
import { firstContentfulPaint, popupTiming, type PopupTiming } from '../test/e2e/popup/measure';

const BINANCE = 'www.binance.com';
/** Matched by the manifest (`https://www.binance.com/*\/futures/*`): the content script runs. */
const MATCHED_PATH = '/en/futures/BTCUSDT';
/** Same page, a path no content-script pattern matches: the content script does not run. */
const UNMATCHED_PATH = '/en/markets/BTCUSDT';
/** The order book's baseline page is served under another site, so it never shares the measured page's renderer. */
const BOOK_BASELINE_HOST = 'www.orderbook-baseline.test';
const VENUE_FIXTURE = 'binance-usdm/limit-cross.html';
const BOOK_FIXTURE = 'bench/orderbook.html';
/** The same order form beside a positions list of ten open positions whose marks tick every second. */
const POSITIONS_FIXTURE = 'bench/positions-10.html';
const POSITIONS = 10;
const SIZE_INPUT = '#unitAmount-1';

/** Keystrokes per part (BENCH_KEYS): enough that the p95 is the mean of several keystrokes, not one. */
const KEYSTROKES = Math.max(20, Math.floor(Number(process.env.BENCH_KEYS ?? 200)));
const LOADS = 20;
const POPUP_OPENS = 20;
const WAKE_UPS = 10;
const STARTS = 10;
/** Loads of the venue page in the restart part's first start of each profile. */
const RESTART_LOADS = 3;
const COLD_STARTS = Math.max(1, Math.floor(Number(process.env.BENCH_COLD ?? 5)));
const WINDOW_MS = Math.max(1, Number(process.env.BENCH_WINDOW_S ?? 8)) * 1000;
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 15)));
/** The order-book pair's control: the content script runs on neither page (its matched page is served on a path no pattern matches). */
const CONTROL = process.env.BENCH_CONTROL === '1';
/** The order-book pair with the floor content script (see the header): the venue's module only opens the port. */
const FLOOR = process.env.BENCH_FLOOR === '1' && !CONTROL;
/** The order-book pair with the card not drawn (see the header): only its boxes are gone. */
const HIDDEN = process.env.BENCH_HIDDEN === '1' && !CONTROL && !FLOOR;
/** The start of the card's rule in the built overlay stylesheet, which the hidden copy prefixes with display: none. */
const CARD_RULE = '.lg-frame{';
const FLOOR_LOADER = 'src/content/start/binance.js';
const FLOOR_MODULE = 'src/content/start/binance.module.js';
const PARTS = ['start', 'cold', 'restart', 'keys', 'account', 'loads', 'main', 'popup', 'wake'] as const;
const ONLY = new Set((process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((p) => p.trim()));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

// ---- statistics -------------------------------------------------------------------------------------------

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
function median(xs: readonly number[]): number {
  const s = sorted(xs);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs: readonly number[], p: number): number {
  const s = sorted(xs);
  return s.length ? (s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number) : Number.NaN;
}
const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : 'n/a');
const range = (xs: readonly number[], f: (x: number) => string = ms) => (xs.length ? `${f(Math.min(...xs))} – ${f(Math.max(...xs))}` : 'n/a');
/** The middle half (first to third quartile) and the whole range: the spread of a figure taken over rounds. */
const quartiles = (xs: readonly number[], f: (x: number) => string = ms) => (xs.length ? `IQR ${f(percentile(xs, 25))} – ${f(percentile(xs, 75))}, range ${range(xs, f)}` : 'n/a');
const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));

interface Row {
  metric: string;
  median: string;
  spread: string;
  target: string;
  met: boolean | null;
  n: number;
}
const rows: Row[] = [];
const notes: string[] = [];

/**
 * Binance candles for the volatility estimate (hourly and daily, closes alternating ±0.5 %), so the background
 * works as it does when the venue is up: one estimate, then its cached copy. Without them every worker start
 * would try the candles again and wait out its 25 ms volatility budget, which is not what traders see.
 */
function stubBinanceCandles(server: FixtureServer): void {
  const H = 3_600_000;
  const closes = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? '65000' : '65325'));
  server.routes.push(({ host, url }) => {
    if (host !== 'fapi.binance.com' || url.pathname !== '/fapi/v1/klines') return undefined;
    const step = url.searchParams.get('interval') === '1d' ? 24 * H : H;
    const n = step === H ? 200 : 40;
    const lastOpen = Math.floor(Date.now() / step) * step - step;
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(candleResponse('binance-usdm', closes(n), lastOpen - (n - 1) * step, step)) };
  });
}

// ---- 0. the content script's start-up: parse and first read -----------------------------------------------

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the trace has it: what the main thread spent, not the wall clock it waited. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; fileName?: string; worldId?: number };
}

interface StartUp {
  /**
   * Evaluating the script: parse, compile and run its top level. The content script is a loader
   * (EvaluateScript) of an ES module: the module's compile on the main thread (v8.compileModule: the
   * end of a streamed compile, or taking it from the code cache), the main thread's part in streaming it
   * (v8.streamingCompile.start and .complete) and its top level (v8.evaluateModule in the content script's
   * world) count here too.
   */
  evaluate: number;
  /**
   * Of `evaluate`, the loader's own evaluation (EvaluateScript): in a fresh renderer that is mostly setting up
   * the content script's isolated world, the extension's `chrome.runtime` bindings and the module's import(),
   * none of them our code's work.
   */
  loader: number;
  /**
   * The module's parse and compile on a background thread while it streamed in (v8.parseOnBackground): not the
   * page's main thread. Chromium names the module there by the URL it was fetched from, which in Chrome is the
   * session's dynamic extension ID (use_dynamic_url), not the extension's own: it is found by its path.
   */
  offMainThread: number;
  /** Its callbacks between that and the first read (storage answers, observers set up). */
  between: number;
  /** The first read of the page: the first frame (or timer) callback, which reads the form and sends it. */
  firstRead: number;
  threadTime: boolean;
  /** Functions V8 compiled for the script, up to and including the first read (with the v8.compile category). */
  compiled: number;
  /** Style and layout passes the script forced (run inside its own evaluation or callbacks), and their time. */
  forcedLayouts: number;
  forcedLayoutMs: number;
  /** Everything the script ran on the page's main thread until its overlay showed figures (evaluation and every callback). */
  untilFigures: number;
  /**
   * The first read in parts, wall clock, from the stage marks (a build made with LIQGUARD_MARKS=1; NaN without
   * them, or when the first read sent nothing): reading the form (lg:read → lg:read-end), what follows before
   * the send (the trader's margin choice, asking for the form's box and the page's regions, the snapshot's key;
   * → lg:send), and the send (opening the port to the background on the first one, posting, the busy redraw; → lg:dimmed).
   */
  readParts: { form: number; place: number; send: number };
}

/** The first read's parts from the page's stage marks (see StartUp.readParts). */
async function firstReadParts(page: Page): Promise<StartUp['readParts']> {
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('lg:')).map((m) => [m.name, m.startTime] as const)).catch(() => []);
  const at = (name: string, after: number) => marks.find(([n, t]) => n === name && t >= after)?.[1] ?? Number.NaN;
  const read = at('lg:read', 0);
  const end = at('lg:read-end', read);
  const next = at('lg:read', end);
  // The send belongs to the first read only if it comes before the next read starts.
  const send = at('lg:send', end);
  const dimmed = at('lg:dimmed', send);
  const same = (t: number) => (Number.isNaN(next) || t <= next ? t : Number.NaN);
  return { form: end - read, place: same(send) - end, send: same(dimmed) - same(send) };
}

/**
 * One navigation traced (CDP Tracing, devtools.timeline and v8): the content script's own main-thread
 * events, found by its chrome-extension:// URL. The first read is its first callback run by
 * FireAnimationFrame or TimerFire (the page watcher reads on the next frame, or on a timer when frames
 * are throttled). Thread time where the trace has it, so other processes on the cores do not count.
 */
async function traceStartUp(session: ExtensionSession, page: Page, i: number, compileEvents = false): Promise<StartUp> {
  const cdp = await session.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const categories = ['devtools.timeline', 'v8', 'v8.execute', ...(compileEvents ? ['disabled-by-default-v8.compile'] : [])];
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
  await page.goto(`${session.venueUrl(BINANCE, MATCHED_PATH, VENUE_FIXTURE)}&start=${i}`);
  await waitForFigures(page);
  const readParts = await firstReadParts(page);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const origin = `chrome-extension://${session.extensionId}/`;
  const url = (e: TraceEvent) => e.args?.data?.url ?? e.args?.fileName ?? '';
  const ours = (e: TraceEvent) => e.ph === 'X' && url(e).startsWith(origin);
  // The content script's module under either of the extension's addresses (its fixed ID, or Chrome's dynamic one it is fetched from).
  const ownModule = (e: TraceEvent) => e.ph === 'X' && /^chrome-extension:\/\/[^/]+\/src\/content\/start\/[a-z0-9-]+\.module\.js$/.test(url(e));
  const scripts = events.filter((e) => ours(e) && e.name === 'EvaluateScript');
  const first = scripts[0];
  if (!first) throw new Error('the trace has no evaluation of the content script');
  const thread = events.filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X');
  // The content script's isolated world, named by its own runs; the module's top level runs there.
  const worlds = new Set(thread.filter((e) => ours(e) && e.name === 'v8.run' && e.args?.worldId !== undefined).map((e) => e.args?.worldId));
  const evaluate = [
    ...scripts,
    ...thread.filter((e) => ours(e) && e.name === 'v8.compileModule'),
    ...thread.filter((e) => e.name === 'v8.evaluateModule' && worlds.has(e.args?.worldId)),
    // The main thread's share of streaming the module in (starting the background compile, taking its result).
    ...thread.filter((e) => ownModule(e) && (e.name === 'v8.streamingCompile.start' || e.name === 'v8.streamingCompile.complete')),
  ];
  const threadTime = first.tdur !== undefined;
  const counted = (e: TraceEvent) => !evaluate.some((o) => o !== e && e.ts >= o.ts && e.ts + (e.dur ?? 0) <= o.ts + (o.dur ?? 0));
  const cost = (e: TraceEvent) => (threadTime ? (e.tdur ?? 0) : (e.dur ?? 0)) / 1000;
  const inside = (outer: TraceEvent, e: TraceEvent) => e !== outer && e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
  // The content script's callbacks, outermost only (a FunctionCall inside another of ours is counted there).
  const calls = thread.filter((e) => ours(e) && e.name === 'FunctionCall' && e.ts > first.ts).sort((a, b) => a.ts - b.ts);
  const outer = calls.filter((c) => !calls.some((o) => inside(o, c)));
  const read = outer.find((c) => thread.some((t) => (t.name === 'FireAnimationFrame' || t.name === 'TimerFire') && inside(t, c)));
  if (!read) throw new Error('no frame or timer callback of the content script before the first figures');
  // Up to the end of the first read: what the script itself ran (its evaluation and outermost callbacks).
  const own = [...evaluate, ...outer.filter((c) => c.ts <= read.ts)];
  const within = (name: string) => thread.filter((e) => e.name === name && own.some((o) => inside(o, e)));
  // A style or layout pass inside the script's own call ran because the script asked for geometry or style.
  const forced = [...within('Layout'), ...within('UpdateLayoutTree')];
  const background = events.filter((e) => ownModule(e) && e.name === 'v8.parseOnBackground' && e.pid === first.pid && e.tid !== first.tid);
  return {
    evaluate: evaluate.filter(counted).reduce((sum, e) => sum + cost(e), 0),
    loader: cost(first),
    offMainThread: background.reduce((sum, e) => sum + cost(e), 0),
    between: outer.filter((c) => c.ts < read.ts).reduce((sum, e) => sum + cost(e), 0),
    firstRead: cost(read),
    threadTime,
    // V8.CompileCode is one per function compiled (the script's own top level is V8.CompileScript).
    compiled: within('V8.CompileCode').length,
    forcedLayouts: forced.length,
    forcedLayoutMs: forced.reduce((sum, e) => sum + cost(e), 0),
    // The trace ends once the figures show: the work moved out of the first read (drawing the overlay when the
    // form's box arrives, the answer) is counted here.
    untilFigures: [...evaluate.filter(counted), ...outer].reduce((sum, e) => sum + cost(e), 0),
    readParts,
  };
}

/** The first load after the browser starts (no code cache for the script yet), then `STARTS` more. */
async function startUps(session: ExtensionSession): Promise<{ cold: StartUp; warm: StartUp[] }> {
  const page = await session.context.newPage();
  const cold = await traceStartUp(session, page, 0);
  const warm: StartUp[] = [];
  for (let i = 1; i <= STARTS; i++) warm.push(await traceStartUp(session, page, i));
  await page.close();
  return { cold, warm };
}

/**
 * `COLD_STARTS` first loads, each in a browser started for it (a new profile, no code cache, a new renderer):
 * what a trader meets on a fresh venue tab. Traced with V8's compile events, to count the functions compiled.
 */
async function coldStarts(dist: string): Promise<StartUp[]> {
  const out: StartUp[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const session = await launchSession(dist);
    try {
      for (const p of session.context.pages()) await p.close();
      const page = await session.context.newPage();
      out.push(await traceStartUp(session, page, 0, true));
    } finally {
      await session.close();
    }
  }
  return out;
}

/**
 * What a trader meets after restarting the browser: `COLD_STARTS` profiles, each started once to load the
 * venue page a few times (the content script runs there, so anything Chrome keeps on disk for it is written), closed,
 * then started again on the same profile (same user-data-dir, same extension id) for one traced first load.
 * Chromium keeps no compiled code for a classic content script, even across restarts (150 functions
 * compiled here as in a fresh browser, when the content script was one IIFE); the content script's module
 * (src/content/start/module-file.ts) is compiled from the profile's code cache here.
 */
async function restarts(dist: string): Promise<StartUp[]> {
  const out: StartUp[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const profile = mkdtempSync(path.join(tmpdir(), 'liqguard-bench-profile-'));
    try {
      const first = await launchSession(dist, profile);
      try {
        for (const p of first.context.pages()) await p.close();
        // Loaded RESTART_LOADS times: Chrome writes a script's code cache only once it has seen the script run
        // more than once, so one load would not give a cache a chance.
        for (let n = 0; n < RESTART_LOADS; n++) {
          const page = await first.context.newPage();
          await page.goto(`${first.venueUrl(BINANCE, MATCHED_PATH, VENUE_FIXTURE)}&load=${n}`);
          await waitForFigures(page);
          // The page stays open a moment, as a trader's would, so nothing the browser writes late is cut off.
          await sleep(500);
          await page.close();
        }
      } finally {
        await first.close();
      }
      const again = await launchSession(dist, profile);
      try {
        for (const p of again.context.pages()) await p.close();
        const page = await again.context.newPage();
        out.push(await traceStartUp(again, page, 1, true));
      } finally {
        await again.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return out;
}

// ---- 1. input → overlay figure -----------------------------------------------------------------------------

/**
 * Real keystrokes (CDP key events) into the size field, alternately appending "1" and deleting it, so every
 * keystroke changes the liquidation price. Timed in the page: performance.now() in a capturing input
 * listener → a MutationObserver on the overlay's shadow root sees the figure text change. The root is
 * closed, so both run in the E2E harness's own isolated world (test/e2e/harness/overlay-root.ts), which
 * holds the root and shares the page's DOM, events and clock.
 */
async function inputToOverlay(session: ExtensionSession, fixture = VENUE_FIXTURE, ready: (page: Page) => Promise<void> = waitForFigures): Promise<{ samples: number[]; misses: number; commits: number; mutations: number; stages: StageSample[]; writes: string; replies: string }> {
  // Before the page opens: its port to the background connects as it loads.
  const replies = await countPortReplies(session);
  const page = await session.context.newPage();
  // Each figure change is announced to the benchmark through a devtools binding in the harness's world: one
  // message, sent after the sample is taken. Asking the page over and over whether it arrived (a devtools
  // round trip into the page's main thread every few ms, and the DOM domain's reports of every DOM change
  // to the devtools client meanwhile) ran on the very thread and cores the keystroke needs.
  const cdp = await harnessSession(page);
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: '__lgSampled', executionContextName: WORLD_NAME });
  let sampled = 0;
  let onSample: (() => void) | null = null;
  cdp.on('Runtime.bindingCalled', (e: { name: string }) => {
    if (e.name !== '__lgSampled') return;
    sampled++;
    onSample?.();
  });
  await page.goto(session.venueUrl(BINANCE, MATCHED_PATH, fixture));
  await ready(page);
  await inOverlay(page, (root) => {
    if (!root) throw new Error('no overlay');
    const figures = () => [...root.querySelectorAll('[data-liqguard="liquidation-price"]')].map((e) => e.textContent ?? '').join('|');
    // `commits`: observer callbacks that saw more than `aria-busy` change (each is a redraw of the overlay) and `mutations`: DOM changes in the root, while typing.
    const state = { t0: null as number | null, samples: [] as number[], windows: [] as [number, number][], commits: 0, mutations: 0, typing: false };
    (globalThis as unknown as { __lgKeys: typeof state }).__lgKeys = state;
    const announce = (globalThis as unknown as { __lgSampled: (s: string) => void }).__lgSampled;
    let shown = figures();
    document.addEventListener('input', () => void ((state.t0 = performance.now()), (state.typing = true)), true);
    new MutationObserver((records) => {
      // The figure was drawn before this callback: its time is taken first, before the figures are compared.
      const t1 = performance.now();
      if (state.typing) {
        // `aria-busy` alone (set at once while an answer is on its way) is no redraw.
        if (records.some((r) => r.attributeName !== 'aria-busy')) state.commits++;
        state.mutations += records.length;
      }
      const now = figures();
      if (now === shown) return;
      shown = now;
      if (state.t0 !== null) {
        state.samples.push(t1 - state.t0);
        state.windows.push([state.t0, t1]);
        announce('');
      }
      state.t0 = null;
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // The harness's DOM domain (on since it looked up the overlay) reports every DOM change to devtools: off while typing.
  await cdp.send('DOM.disable').catch(() => undefined);
  await clearStageMarks(session, page);
  const writes = await countSessionWrites(session);
  await replies.start();
  await page.focus(SIZE_INPUT);
  await page.evaluate((sel) => {
    const el = document.querySelector<HTMLInputElement>(sel);
    el?.setSelectionRange(el.value.length, el.value.length);
  }, SIZE_INPUT);
  const tracing = await traceKeystrokes(session, fixture);
  const base = sampled;
  const sampleArrived = (want: number, timeout: number) =>
    new Promise<boolean>((resolve) => {
      if (sampled - base >= want) return resolve(true);
      const timer = setTimeout(() => {
        onSample = null;
        resolve(sampled - base >= want);
      }, timeout);
      onSample = () => {
        if (sampled - base < want) return;
        clearTimeout(timer);
        onSample = null;
        resolve(true);
      };
    });
  let misses = 0;
  for (let i = 0; i < KEYSTROKES; i++) {
    const want = i + 1 - misses;
    await page.keyboard.press(i % 2 === 0 ? '1' : 'Backspace');
    if (!(await sampleArrived(want, 3000))) {
      misses++;
      await inOverlay(page, () => void ((globalThis as unknown as { __lgKeys: { t0: number | null } }).__lgKeys.t0 = null));
      await cdp.send('DOM.disable').catch(() => undefined);
    }
    // Typing is not in step with the page's frames: a random pause samples every phase of the frame clock.
    await sleep(5 + Math.random() * 20);
  }
  await tracing();
  const { samples, windows, commits, mutations } = await inOverlay(page, () => (globalThis as unknown as { __lgKeys: { samples: number[]; windows: [number, number][]; commits: number; mutations: number } }).__lgKeys);
  const stages = await keystrokeStages(session, page, windows);
  const written = await writes();
  const replied = await replies.stop();
  await page.close();
  return { samples, misses, commits: commits / KEYSTROKES, mutations: mutations / KEYSTROKES, stages, writes: written, replies: replied };
}

/**
 * With BENCH_TRACE_KEYS=<dir>, the typing of each part is traced in every process of the browser (the page's
 * renderer, the extension's worker, the browser process: timeline, V8 and its garbage collector, the stage marks)
 * into <dir>/keys-<fixture>.json, Chrome's trace format, for a look at what ran beside the slow keystrokes.
 * BENCH_TRACE_JS=1 adds V8's sampling profiler (every thread's JavaScript, by function) to the trace.
 * Tracing costs time itself: the figures of a traced run are not comparable with an untraced one.
 */
async function traceKeystrokes(session: ExtensionSession, fixture: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_TRACE_KEYS;
  const browser = session.context.browser();
  if (!dir || !browser) return async () => undefined;
  const cdp = await browser.newBrowserCDPSession();
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown[])));
  const categories = ['devtools.timeline', 'blink.user_timing', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'toplevel', 'disabled-by-default-devtools.timeline', 'ipc', 'mojom', 'extensions', ...(process.env.BENCH_TRACE_JS ? ['disabled-by-default-v8.cpu_profiler'] : [])];
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    const file = path.join(dir, `keys-${path.basename(fixture, '.html')}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    notes.push(`traced the typing into ${file} (${events.length} events; traced figures are not comparable with untraced ones)`);
  };
}

// ---- 1b. where a keystroke's time goes: the stage marks of a LIQGUARD_MARKS=1 build ----------------------

/** One keystroke's stages, in ms; null where the build has no marks for it or the keystroke's answer was not traced. */
export type StageSample = Record<(typeof STAGES)[number][0], number | null>;

/**
 * The stages between the trader's input event and the figure shown, from the performance marks the build
 * leaves when made with LIQGUARD_MARKS=1 (vite.config.ts; the content script's marks are in the page's
 * timeline, the background's in its worker's). Each stage runs from one mark to the next, in this order:
 * read scheduled → read → send (the snapshot differs from the last one sent) → background in → out → reply in
 * the page → answer checked → shown; the redraw that marks the card busy while the background computes is its own figure (send →
 * dimmed).
 */
const STAGES = [
  ['wait for the read', 'input', 'lg:read'],
  ['read the form', 'lg:read', 'lg:read-end'],
  ['compare with the last snapshot', 'lg:read-end', 'lg:send'],
  ['busy redraw (overlaps the next two)', 'lg:send', 'lg:dimmed'],
  ['post, message to the background', 'lg:send', 'lg:sw-in'],
  ['background: assess and reply', 'lg:sw-in', 'lg:sw-out'],
  ['reply back to the page', 'lg:sw-out', 'lg:reply'],
  ['check the answer', 'lg:reply', 'lg:answer'],
  ['draw the answer', 'lg:answer', 'lg:shown'],
  ['figure seen (from drawn)', 'lg:shown', 'figure'],
] as const;

interface Mark {
  name: string;
  /** Milliseconds since the epoch (timeOrigin + startTime), so the page's and the worker's marks share one clock. */
  at: number;
}

const readMarks = (): { origin: number; marks: { name: string; startTime: number }[] } => ({
  origin: performance.timeOrigin,
  marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('lg:')).map((m) => ({ name: m.name, startTime: m.startTime })),
});

async function clearStageMarks(session: ExtensionSession, page: Page): Promise<void> {
  await page.evaluate(() => performance.clearMarks());
  await session.context.serviceWorkers()[0]?.evaluate(() => performance.clearMarks()).catch(() => undefined);
}

/**
 * Counts the background's storage.session writes while typing, per key kind (a tab's record, the message
 * counters, the account): each write is serialised in the worker and again in the browser's main thread.
 * Counted by wrapping the worker's storage.session.set, not by a storage.onChanged listener there: that
 * would have the browser deliver every write, old and new value, to the worker, which the background
 * itself avoids (it listens to storage.sync's own event), on the very thread the keystrokes need.
 * Resolves to a function that stops counting and says the counts per keystroke.
 */
async function countSessionWrites(session: ExtensionSession): Promise<() => Promise<string>> {
  const worker = session.context.serviceWorkers()[0];
  if (!worker) return async () => 'not counted (no service worker)';
  await worker.evaluate(() => {
    // tsx (esbuild keepNames) wraps the named functions below in `__name()`, which the worker lacks.
    (globalThis as unknown as { __name?: unknown }).__name ??= (f: unknown) => f;
    type Area = { set(items: Record<string, unknown>, ...rest: unknown[]): unknown };
    const g = globalThis as unknown as { __lgWrites?: Record<string, number>; __lgWritesOff?: () => void; chrome: { storage: { session: Area } } };
    const area = g.chrome.storage.session;
    const counts: Record<string, number> = {};
    // The polyfill looks the method up on the area at each call: an own property on it is what the background calls.
    const own = Object.hasOwn(area, 'set');
    const set = area.set;
    area.set = function (items, ...rest) {
      for (const key of Object.keys(items ?? {})) {
        const kind = key.startsWith('tab/') ? 'tab record' : key.startsWith('account/') ? 'account' : key;
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      return set.call(this, items, ...rest);
    };
    g.__lgWrites = counts;
    // The toolbar badge's extension-API calls, counted from here on (see countPortReplies).
    const badges = g as unknown as { __lgBadgeCalls?: number };
    const badgesBefore = badges.__lgBadgeCalls;
    g.__lgWritesOff = () => {
      if (own) area.set = set;
      else delete (area as Partial<Area>).set;
      // Said only when seen: where the browser's action methods cannot be replaced, none is counted.
      const calls = (badges.__lgBadgeCalls ?? 0) - (badgesBefore ?? 0);
      if (calls > 0) counts['badge calls'] = calls;
    };
  });
  return async () => {
    // Writes spaced while typing land up to the spacing after the last keystroke.
    await sleep(WRITE_SPACING_MS * 2);
    const counts = await worker.evaluate(() => {
      const g = globalThis as unknown as { __lgWrites?: Record<string, number>; __lgWritesOff?: () => void };
      g.__lgWritesOff?.();
      return g.__lgWrites ?? {};
    });
    const kinds = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    return kinds.length === 0 ? 'none' : kinds.map(([k, n]) => `${k} ${(n / KEYSTROKES).toFixed(2)}`).join(', ');
  };
}

/**
 * What the background posts back on the pages' ports while typing, as JSON (what Chrome serialises, copies
 * through the browser process and the page deserialises): replies and bytes per keystroke, and the largest
 * reply. Counted in the worker, on every port that connects from the moment this is installed.
 */
async function countPortReplies(session: ExtensionSession): Promise<{ start(): Promise<void>; stop(): Promise<string> }> {
  const worker = session.context.serviceWorkers()[0];
  if (!worker) return { start: async () => undefined, stop: async () => 'not counted (no service worker)' };
  await worker.evaluate(() => {
    (globalThis as unknown as { __name?: unknown }).__name ??= (f: unknown) => f;
    type Port = { postMessage(m: unknown): void };
    const g = globalThis as unknown as { __lgReplies?: { on: boolean; n: number; bytes: number; max: number }; chrome: { runtime: { onConnect: { addListener(f: (p: Port) => void): void } } } };
    if (g.__lgReplies) return;
    const counts = { on: false, n: 0, bytes: 0, max: 0 };
    g.__lgReplies = counts;
    // The toolbar badge's extension-API calls (each crosses the browser process, which also carries the answers),
    // counted for countSessionWrites. Wrapped before any page opens: the background's API wrapper keeps each
    // method it has used once, so a wrapper put in later is never called.
    type Action = Record<string, (...args: unknown[]) => unknown>;
    const action = (globalThis as unknown as { chrome: { action: Action } }).chrome.action;
    const badges = g as unknown as { __lgBadgeCalls?: number };
    badges.__lgBadgeCalls = 0;
    for (const m of ['setBadgeText', 'setTitle', 'setBadgeBackgroundColor', 'setBadgeTextColor']) {
      const f = action[m];
      if (typeof f !== 'function') continue;
      action[m] = function (this: unknown, ...args: unknown[]) {
        badges.__lgBadgeCalls = (badges.__lgBadgeCalls ?? 0) + 1;
        return f.apply(this, args);
      };
    }
    g.chrome.runtime.onConnect.addListener((port) => {
      const post = port.postMessage.bind(port);
      port.postMessage = (m: unknown) => {
        if (counts.on) {
          const b = JSON.stringify(m).length;
          counts.n++;
          counts.bytes += b;
          counts.max = Math.max(counts.max, b);
        }
        post(m);
      };
    });
  });
  const set = (on: boolean) =>
    worker.evaluate((v) => {
      const c = (globalThis as unknown as { __lgReplies: { on: boolean; n: number; bytes: number; max: number } }).__lgReplies;
      const out = { n: c.n, bytes: c.bytes, max: c.max };
      Object.assign(c, { on: v, n: 0, bytes: 0, max: 0 });
      return out;
    }, on);
  return {
    start: async () => void (await set(true)),
    async stop() {
      const { n, bytes, max } = await set(false);
      return `${(n / KEYSTROKES).toFixed(2)} replies, ${Math.round(bytes / KEYSTROKES)} B per keystroke (largest reply ${max} B)`;
    },
  };
}

async function keystrokeStages(session: ExtensionSession, page: Page, windows: [number, number][]): Promise<StageSample[]> {
  const inPage = await page.evaluate(readMarks);
  const worker = session.context.serviceWorkers()[0];
  const inWorker = worker ? await worker.evaluate(readMarks).catch(() => ({ origin: 0, marks: [] })) : { origin: 0, marks: [] };
  const marks: Mark[] = [...inPage.marks.map((m) => ({ name: m.name, at: inPage.origin + m.startTime })), ...inWorker.marks.map((m) => ({ name: m.name, at: inWorker.origin + m.startTime }))].sort((a, b) => a.at - b.at);
  if (marks.length === 0) return [];
  return windows.map(([t0, t1]) => {
    const input = inPage.origin + t0;
    const figure = inPage.origin + t1;
    const within = marks.filter((m) => m.at >= input && m.at <= figure);
    // The snapshot whose answer was shown is the last one sent before the figure; each later stage is the first mark after the one before.
    const sent = within.filter((m) => m.name === 'lg:send').at(-1)?.at ?? null;
    const at: Record<string, number | null> = { input, figure, 'lg:send': sent };
    const before = (name: string, t: number | null) => (t === null ? null : (within.filter((m) => m.name === name && m.at <= t).at(-1)?.at ?? null));
    const after = (name: string, t: number | null) => (t === null ? null : (within.find((m) => m.name === name && m.at >= t)?.at ?? null));
    at['lg:read-end'] = before('lg:read-end', sent);
    at['lg:read'] = before('lg:read', at['lg:read-end']);
    at['lg:dimmed'] = after('lg:dimmed', sent);
    at['lg:sw-in'] = after('lg:sw-in', sent);
    at['lg:sw-out'] = after('lg:sw-out', at['lg:sw-in']);
    at['lg:reply'] = after('lg:reply', at['lg:sw-out'] ?? sent);
    at['lg:answer'] = after('lg:answer', at['lg:reply']);
    at['lg:shown'] = after('lg:shown', at['lg:answer']);
    const sample = {} as Record<string, number | null>;
    for (const [label, from, to] of STAGES) {
      const a = at[from] ?? null;
      const b = at[to] ?? null;
      sample[label] = a === null || b === null ? null : b - a;
    }
    return sample as StageSample;
  });
}

function stageRows(label: string, stages: StageSample[]): void {
  if (stages.length === 0) {
    notes.push(`${label}: no stage marks (this build was not made with LIQGUARD_MARKS=1)`);
    return;
  }
  for (const [stage] of STAGES) {
    const xs = stages.map((s) => s[stage]).filter((x): x is number => x !== null);
    rows.push({ metric: `  ${label}: ${stage}`, median: ms(median(xs)), spread: `p95 ${ms(percentile(xs, 95))}`, target: '–', met: null, n: xs.length });
  }
}

/**
 * Where the slowest keystrokes' time went: those at or above the p90 of input → figure, each stage's median among
 * them beside its median over all, how often each stage was a slow keystroke's largest, and the slowest few one by one.
 * Stages that overlap (the busy redraw) are left out of "largest".
 */
function tailNotes(label: string, samples: number[], stages: StageSample[]): void {
  if (stages.length !== samples.length || stages.length === 0) return;
  const cut = percentile(samples, 90);
  const slow = samples.map((t, i) => [t, stages[i] as StageSample] as const).filter(([t]) => t >= cut).sort((a, b) => b[0] - a[0]);
  const names = STAGES.map(([n]) => n).filter((n) => !n.startsWith('busy') && !n.startsWith('figure'));
  const largest = new Map<string, number>();
  for (const [, st] of slow) {
    const top = names.reduce((a, b) => ((st[b] ?? -1) > (st[a] ?? -1) ? b : a));
    largest.set(top, (largest.get(top) ?? 0) + 1);
  }
  const med = (xs: StageSample[], n: string) => median(xs.map((s) => s[n as keyof StageSample]).filter((x): x is number => x !== null));
  const short = (n: string) => n.replace(/^background: /, 'bg ').replace(/, message to the background$/, '').replace(/ the form$| the answer$| back to the page$/, '').replace(/^compare with the last snapshot$/, 'compare').replace(/^wait for the read$/, 'wait');
  notes.push(
    `${label}: the ${slow.length} slowest keystrokes (≥ p90 ${ms(cut)}), each stage's median among them / over all: ` +
      names.map((n) => `${short(n)} ${ms(med(slow.map(([, s]) => s), n))} / ${ms(med(stages, n))}`).join(', ') +
      `; the largest stage in each: ${[...largest].sort((a, b) => b[1] - a[1]).map(([n, k]) => `${short(n)} ${k}`).join(', ')}`,
  );
  notes.push(
    `${label}: the 5 slowest, stage by stage (${names.map(short).join(' | ')}): ` +
      slow
        .slice(0, 5)
        .map(([t, st]) => `${ms(t)} = ${names.map((n) => (st[n as keyof StageSample] === null ? '–' : (st[n as keyof StageSample] as number).toFixed(1))).join(' | ')}`)
        .join('; '),
  );
}

async function waitForFigures(page: Page, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await overlayLiquidationValues(page)).length === 0) {
    if (Date.now() > deadline) throw new Error(`the overlay showed no liquidation price within ${timeout} ms on ${page.url()}`);
    await sleep(10);
  }
}

/**
 * The positions page is ready once the overlay lists every open position the page shows, with the order's
 * figures: from then on each keystroke is assessed against the whole account (ten legs, each position's
 * liquidation after the order, the margin ratio), while the list's rows keep being replaced every second.
 */
async function waitForAccount(page: Page, timeout = 15_000): Promise<void> {
  await waitForFigures(page, timeout);
  // The positions sit in the card's Details: opened with a trusted click, and left open, so every keystroke
  // also redraws each position's liquidation after the order (the heavier case).
  await openOverlayDetails(page);
  let shown = 0;
  for (const deadline = Date.now() + timeout; shown < POSITIONS; shown = await inOverlay(page, (root) => root?.querySelectorAll('[data-liqguard-position]').length ?? 0)) {
    if (Date.now() > deadline) throw new Error(`the overlay listed ${shown} of the page's ${POSITIONS} open positions within ${timeout} ms`);
    await sleep(50);
  }
  // The page's liquidation prices are LiqGuard's own for the marks as loaded: said, so a run on a changed
  // engine or table that no longer matches them is visible here rather than only as a different figure.
  const checks = await inOverlay(page, (root) => [...(root?.querySelectorAll('[data-liqguard="self-check"]') ?? [])].map((e) => e.textContent ?? ''));
  notes.push(`${POSITIONS} open positions: self-checks when typing started: ${checks.filter((c) => c === 'match').length} match, ${checks.filter((c) => c === 'mismatch').length} mismatch`);
}

// ---- 2. navigation → first overlay -------------------------------------------------------------------------

interface LoadTiming {
  overlay: number;
  figures: number;
  dcl: number;
}

/**
 * `LOADS` navigations of the venue fixture; overlay insertion and first figures timed by in-page observers in
 * the E2E harness's isolated world. The root is closed, and only the devtools protocol can hand it to that
 * world: an init script there notes when the host arrives and calls a CDP binding; the benchmark then gives
 * the world the root, where a second observer notes the first figures. The figures need a read on the next
 * frame and a round trip to the background, which is usually longer than handing over the root; a load whose
 * figures were already there when the observer started is counted as late and left out of that row.
 */
async function firstOverlay(session: ExtensionSession): Promise<{ loads: LoadTiming[]; late: number }> {
  const page = await session.context.newPage();
  const cdp = await harnessSession(page);
  // Scripts for new documents run only while this session has the Page domain on.
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: '__lgHostSeen', executionContextName: WORLD_NAME });
  let watching: Promise<unknown> = Promise.resolve();
  cdp.on('Runtime.bindingCalled', (e: { name: string }) => {
    if (e.name !== '__lgHostSeen') return;
    watching = inOverlay(page, (root) => {
      const first = (globalThis as unknown as { __lgFirst: { figures: number | null; late: boolean } }).__lgFirst;
      if (!root || !first) return;
      const has = () => root.querySelector('[data-liqguard="liquidation-price"]') !== null;
      if (has()) first.late = true;
      else {
        const mo = new MutationObserver(() => {
          if (first.figures !== null || !has()) return;
          first.figures = performance.now();
          mo.disconnect();
        });
        mo.observe(root, { subtree: true, childList: true });
      }
    }).catch(() => undefined);
  });
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
    worldName: WORLD_NAME,
    source: `(() => {
      const first = { overlay: null, figures: null, late: false };
      globalThis.__lgFirst = first;
      const mo = new MutationObserver(() => {
        if (first.overlay !== null || !document.querySelector('liqguard-overlay')) return;
        first.overlay = performance.now();
        mo.disconnect();
        globalThis.__lgHostSeen('');
      });
      mo.observe(document, { subtree: true, childList: true });
    })();`,
  });
  const out: LoadTiming[] = [];
  let late = 0;
  for (let i = 0; i < LOADS; i++) {
    await page.goto(`${session.venueUrl(BINANCE, MATCHED_PATH, VENUE_FIXTURE)}&load=${i}`);
    type First = { overlay: number | null; figures: number | null; late: boolean };
    const read = async () => {
      await watching;
      return inOverlay(page, () => (globalThis as unknown as { __lgFirst?: First }).__lgFirst ?? { overlay: null, figures: null, late: false });
    };
    let first = await read();
    for (const deadline = Date.now() + 10_000; first.overlay === null || (first.figures === null && !first.late); first = await read()) {
      if (Date.now() > deadline) throw new Error('no overlay with figures within 10 s');
      await sleep(10);
    }
    const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventStart ?? Number.NaN);
    if (first.late || first.figures === null) late++;
    out.push({ overlay: first.overlay, figures: first.late ? Number.NaN : (first.figures ?? Number.NaN), dcl });
  }
  await page.close();
  return { loads: out, late };
}

// ---- 3. main-thread time with and without the content script -----------------------------------------------

interface BusyWindow {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** Layout passes in the window: layoutMs / layouts is what one pass of the page's layout costs. */
  layouts: number;
  ticks: number;
  /** The page's JavaScript heap in use as the window starts, half a second after a full collection (every world's, the content script's included), in MB. */
  heapMb: number;
}

async function extensionContexts(cdp: CDPSession, extensionId: string): Promise<number> {
  const origins: string[] = [];
  const onContext = (e: { context: { origin: string } }) => origins.push(e.context.origin);
  cdp.on('Runtime.executionContextCreated', onContext);
  await cdp.send('Runtime.enable');
  await sleep(50);
  cdp.off('Runtime.executionContextCreated', onContext);
  await cdp.send('Runtime.disable');
  return origins.filter((o) => o.startsWith(`chrome-extension://${extensionId}`)).length;
}

/** From navigation to the window: past the waits for figures and past most pages' first major collection. */
const SETTLE_MS = 4000;
const WALL_CLOCK_NOTE = 'this Chromium refused thread-time metrics: main-thread durations are wall-clock, so other processes inflate them';

/** An order-book page of a round, open and checked, ready for its window. */
interface BookPage {
  page: Page;
  cdp: CDPSession;
  read: () => Promise<{ task: number; script: number; layout: number; layouts: number; style: number; ticks: number; heap: number }>;
}

/**
 * A page in a window of its own. Two tabs of one window are not both drawn: the one behind gets a few frames a
 * second (6 against 62 rAF callbacks, measured), however `document.visibilityState` reads; two windows draw
 * both at the display's rate.
 */
async function pageInNewWindow(session: ExtensionSession): Promise<Page> {
  const browser = session.context.browser();
  if (!browser) throw new Error('the persistent context has no browser handle for CDP');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const page = session.context.waitForEvent('page');
    await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true });
    return await page;
  } finally {
    await cdp.detach();
  }
}

/** rAF callbacks in one second: a drawn page gets about the display's rate, a page behind another a few. */
const framesPerSecond = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let n = 0;
        const t0 = performance.now();
        const frame = () => (performance.now() - t0 < 1000 ? (n++, requestAnimationFrame(frame)) : resolve(n));
        requestAnimationFrame(frame);
      }),
  );

interface DomNode {
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** A liquidation price with its figure, inside a side of the overlay, anywhere under `node` (shadow roots, closed ones too, included). */
function showsFigure(node: DomNode, inSide = false): boolean {
  const attrs = node.attributes ?? [];
  const attr = (name: string) => {
    const i = attrs.findIndex((a, k) => k % 2 === 0 && a === name);
    return i >= 0 ? (attrs[i + 1] as string) : null;
  };
  const side = inSide || attr('data-liqguard-side') !== null;
  if (side && attr('data-liqguard') === 'liquidation-price' && attr('data-value')) return true;
  return [...(node.shadowRoots ?? []), ...(node.children ?? [])].some((c) => showsFigure(c, side));
}

/**
 * Waits until the order-book page's overlay shows figures, asking through the DOM domain of a session of its own,
 * which is then detached: the DOM domain makes the page report each of its changes to the session (every order-book
 * tick), and the harness's way in (`inOverlay`) leaves an isolated world of its own in the page, a whole global of
 * bindings on the page's heap, which the content script does not bring and which the page's garbage collections
 * would then mark too. The window measures the page as a trader has it.
 */
async function waitForFiguresByDom(session: ExtensionSession, page: Page, timeout = 10_000): Promise<void> {
  const cdp = await session.context.newCDPSession(page);
  try {
    for (const deadline = Date.now() + timeout; ; await sleep(50)) {
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
      if (showsFigure(root)) return;
      if (Date.now() > deadline) throw new Error(`the overlay showed no liquidation price within ${timeout} ms on ${page.url()}`);
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function openBookPage(session: ExtensionSession, page: Page, withExtension: boolean): Promise<BookPage> {
  // The control serves the measured side on the venue's host too, on a path no content-script pattern matches.
  await page.goto(withExtension ? session.venueUrl(BINANCE, CONTROL ? UNMATCHED_PATH : MATCHED_PATH, BOOK_FIXTURE) : session.venueUrl(BOOK_BASELINE_HOST, UNMATCHED_PATH, BOOK_FIXTURE));
  const cdp = await session.context.newCDPSession(page);
  // Both pages are checked: the content script must run on one (its overlay shows figures, and it has an
  // isolated world of this extension) and must not run at all on the other; in the control, on neither.
  // The floor shows no figures: the port is open once its world is there, checked below.
  if (withExtension && !CONTROL && !FLOOR) await waitForFiguresByDom(session, page);
  const contexts = await extensionContexts(cdp, session.extensionId);
  const overlay = await page.evaluate(() => document.querySelector('liqguard-overlay') !== null);
  if (withExtension && !CONTROL && contexts === 0) throw new Error('the content script has no context on the matched page: the measurement would be void');
  if ((!withExtension || CONTROL) && (contexts > 0 || overlay)) throw new Error(`the content script runs on ${BOOK_BASELINE_HOST}${UNMATCHED_PATH}: the baseline would include it`);
  const read = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const ticks = await page.evaluate(() => (window as unknown as { __benchTicks: number }).__benchTicks);
    return { task: m.TaskDuration ?? NaN, script: m.ScriptDuration ?? NaN, layout: m.LayoutDuration ?? NaN, layouts: m.LayoutCount ?? NaN, style: m.RecalcStyleDuration ?? NaN, ticks, heap: m.JSHeapUsedSize ?? NaN };
  };
  return { page, cdp, read };
}

/**
 * One round: the order-book page with the extension and the same page without it, open side by side and
 * measured over the SAME window of `WINDOW_MS`, so both see the same load on the machine (windows taken one
 * after the other saw different loads: 1.03–1.23× in one run). The page without it is served under another
 * site (`BOOK_BASELINE_HOST`), so the two never share a renderer (the metrics are per renderer main thread),
 * each in a window of its own, and both must be drawn (checked: a page not drawn lays out less and costs less). Busy time is CDP
 * Performance.getMetrics' TaskDuration, in thread time where the browser supports it, so preemption on two
 * cores is not counted.
 */
async function mainThreadRound(session: ExtensionSession, extensionFirst: boolean): Promise<{ on: BusyWindow; off: BusyWindow }> {
  // One window after the other (each waits for its own new page), then both pages load together.
  const pages = [await pageInNewWindow(session), await pageInNewWindow(session)] as const;
  const loadedAt = Date.now();
  // Which window holds the page with the extension alternates by round, so neither window's place favours it.
  const [onPage, offPage] = extensionFirst ? pages : ([pages[1], pages[0]] as const);
  const [on, off] = await Promise.all([openBookPage(session, onPage, true), openBookPage(session, offPage, false)]).catch(async (error: unknown) => {
    for (const p of pages) await p.close().catch(() => undefined);
    throw error;
  });
  try {
    const fps = await Promise.all([on, off].map((p) => framesPerSecond(p.page)));
    // A page behind another draws 4–6 frames a second; a busy machine slows both alike.
    if (Math.min(...fps) < 10 || Math.min(...fps) < Math.max(...fps) / 2) throw new Error(`the order-book pages drew ${fps.join(' and ')} frames a second: one is not drawn as the other, so the pair would not compare`);
    // The window measures the steady state, and both pages enter it alike: at the same age and right after a
    // full garbage collection. A freshly loaded page lays out slower per pass (this one up to 3×, with or
    // without the extension) until its first major collection, which comes a few seconds after load at a time
    // that varies from run to run; windows opened at different ages measured that phase, not the extension.
    await sleep(Math.max(0, SETTLE_MS - (Date.now() - loadedAt)));
    await Promise.all([on, off].map((p) => p.cdp.send('HeapProfiler.collectGarbage')));
    await sleep(500);
    const threadTime = await Promise.all(
      [on, off].map((p) =>
        p.cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).then(
          () => true,
          async () => (await p.cdp.send('Performance.enable'), false),
        ),
      ),
    );
    if (threadTime.some((t) => !t) && !notes.includes(WALL_CLOCK_NOTE)) notes.push(WALL_CLOCK_NOTE);
    const a = await Promise.all([on.read(), off.read()]);
    await sleep(WINDOW_MS);
    const b = await Promise.all([on.read(), off.read()]);
    const toMs = 1000; // the metrics are in seconds
    const window = (i: 0 | 1): BusyWindow => {
      const [x, y] = [a[i], b[i]];
      return { taskMs: (y.task - x.task) * toMs, scriptMs: (y.script - x.script) * toMs, layoutMs: (y.layout - x.layout) * toMs, styleMs: (y.style - x.style) * toMs, layouts: y.layouts - x.layouts, ticks: y.ticks - x.ticks, heapMb: x.heap / 1e6 };
    };
    return { on: window(0), off: window(1) };
  } finally {
    for (const p of [on, off]) {
      await p.cdp.detach().catch(() => undefined);
      await p.page.close().catch(() => undefined);
    }
  }
}

/**
 * `ROUNDS` rounds. A round that cannot be measured (one page not drawn as the other, a page that did not show
 * its figures in time) is left out and named in the notes, and the next round runs; the part fails only when
 * fewer than half the rounds were measured.
 */
async function mainThread(session: ExtensionSession): Promise<{ on: BusyWindow[]; off: BusyWindow[] }> {
  const on: BusyWindow[] = [];
  const off: BusyWindow[] = [];
  const skipped: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    try {
      const round = await mainThreadRound(session, r % 2 === 0);
      on.push(round.on);
      off.push(round.off);
    } catch (error) {
      skipped.push(`round ${r + 1}: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
      for (const p of session.context.pages()) await p.close().catch(() => undefined);
    }
  }
  if (skipped.length > 0) notes.push(`main thread: ${skipped.length} of ${ROUNDS} rounds left out (${skipped.join('; ')})`);
  if (on.length < Math.ceil(ROUNDS / 2)) throw new Error(`only ${on.length} of ${ROUNDS} rounds could be measured`);
  return { on, off };
}

// ---- 4./5. popup and service-worker wake-up (the E2E suites' own measuring helpers) --------------------------

/**
 * The popup's floor: the popup's own HTML page and stylesheet with its script removed and one static line of
 * its header left in the page, so the browser has something to paint. Opening it costs what any extension page
 * costs before a script of ours could run (a renderer, the document's commit with the extension's bindings, the
 * stylesheet); the popup's first paint minus this page's, paired by round, is the share the popup's own code can
 * change. Written into the measured copy of the build, beside the popup's page so every relative URL resolves
 * the same.
 */
const POPUP_FLOOR_PAGE = 'bench-popup-floor.html';

/** Writes the floor page into the measured build; returns its path inside the extension. */
function writePopupFloor(dist: string): string {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { action?: { default_popup?: string } };
  const popup = manifest.action?.default_popup;
  if (!popup) throw new Error('the manifest names no popup page');
  const html = readFileSync(path.join(dist, popup), 'utf8');
  const floor = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '')
    .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
    .replace(/<div id="app"><\/div>/, '<div id="app"><header><h1>LiqGuard</h1></header></div>');
  if (floor === html || /<script/i.test(floor) || !floor.includes('<h1>LiqGuard</h1>')) throw new Error(`${popup} did not give a script-less floor page (its shell changed: update writePopupFloor)`);
  const floorPath = path.posix.join(path.posix.dirname(popup), POPUP_FLOOR_PAGE);
  writeFileSync(path.join(dist, floorPath), floor);
  return floorPath;
}
/** Set once the build is there; null when the floor page could not be written (the popup is measured without it). */
let popupFloorPath: string | null = null;

interface PopupFirstOpen {
  /** The popup's module evaluated: its parse and compile, the first render and the first reads it starts (v8.evaluateModule). */
  evaluate: number;
  threadTime: boolean;
  /** Functions V8 compiled on the page's main thread before the first render (V8.CompileCode, with the v8.compile category). */
  compiled: number;
  /** The same as the rows' first render, for this open. */
  firstRenderMs: number;
}

/**
 * The popup's first open in this browser, traced: nothing of its module is compiled yet (a later open in the
 * same extension process reuses V8's compiled code, so the rounds below mostly measure warm opens, while a
 * trader who opens the popup now and then often meets this one). Thread time where the trace has it.
 */
async function tracePopupFirstOpen(session: ExtensionSession): Promise<PopupFirstOpen> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  const cdp = await session.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.compile'] }, transferMode: 'ReportEvents' });
  await page.goto(session.extensionUrl('src/popup/index.html'));
  const timing = await popupTiming(page);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  await page.close();
  const mark = events.find((e) => e.name === 'liqguard:popup-first-render');
  const evaluate = mark && events.find((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.name === 'v8.evaluateModule' && e.ts <= mark.ts);
  if (!mark || !evaluate) throw new Error('the trace has no evaluation of the popup\'s module before its first-render mark');
  const threadTime = evaluate.tdur !== undefined;
  const compiled = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.name === 'V8.CompileCode' && e.ts >= evaluate.ts && e.ts <= mark.ts).length;
  return { evaluate: ((threadTime ? evaluate.tdur : evaluate.dur) ?? 0) / 1000, threadTime, compiled, firstRenderMs: timing.firstRenderMs };
}

interface PopupRound {
  popup: PopupTiming;
  floorPaintMs: number;
}

/**
 * `POPUP_OPENS` rounds, each opening the popup and its floor page in fresh 380×600 pages, alternately first,
 * so a drift in the machine's load does not favour either.
 */
async function popupRounds(session: ExtensionSession): Promise<PopupRound[]> {
  const floorUrl = popupFloorPath === null ? null : session.extensionUrl(popupFloorPath);
  const floor = async () => {
    if (floorUrl === null) return Number.NaN;
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    await page.goto(floorUrl);
    const fcp = await firstContentfulPaint(page);
    await page.close();
    return fcp;
  };
  const popup = async () => {
    const page = await session.openPopup();
    const timing = await popupTiming(page);
    await page.close();
    return timing;
  };
  const out: PopupRound[] = [];
  for (let i = 0; i < POPUP_OPENS; i++) {
    if (i % 2 === 0) {
      const floorPaintMs = await floor();
      out.push({ popup: await popup(), floorPaintMs });
    } else {
      const p = await popup();
      out.push({ popup: p, floorPaintMs: await floor() });
    }
  }
  return out;
}

async function wakeUps(session: ExtensionSession): Promise<{ cold: number[]; warm: number[] }> {
  const page = await session.context.newPage();
  await page.goto(session.venueUrl(BINANCE, MATCHED_PATH, VENUE_FIXTURE));
  await waitForFigures(page);
  const sizes = ['0.3', '0.35', '0.4', '0.45', '0.5'];
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await measureWakeUpLatency(session, page, SIZE_INPUT, sizes[i % 5] as string, { stop: false })).inputToOverlayMs);
  const cold: number[] = [];
  for (let i = 0; i < WAKE_UPS; i++) cold.push((await measureWakeUpLatency(session, page, SIZE_INPUT, `0.${26 + i}`)).inputToOverlayMs);
  await page.close();
  return { cold, warm };
}

// ---- report ------------------------------------------------------------------------------------------------

/** The first read's parts (wall clock, from the stage marks), under its thread-time row; nothing where the build has no marks. */
function readPartRows(runs: readonly StartUp[]): void {
  const parts = [
    ['reading the form', 'form'],
    ['margin choice, box and regions asked, key', 'place'],
    ['send (the port opened), busy redraw', 'send'],
  ] as const;
  for (const [what, k] of parts) {
    const xs = runs.map((r) => r.readParts[k]).filter((x) => Number.isFinite(x));
    if (xs.length) rows.push({ metric: `    ${what} (wall clock)`, median: ms(median(xs)), spread: range(xs), target: '–', met: null, n: xs.length });
  }
}

const REPORTS: Record<(typeof PARTS)[number], (session: ExtensionSession) => Promise<void>> = {
  async start(session) {
    const { cold, warm: runs } = await startUps(session);
    const total = runs.map((r) => r.evaluate + r.between + r.firstRead);
    const col = (k: 'evaluate' | 'between' | 'firstRead') => runs.map((r) => r[k]);
    rows.push({ metric: 'content script start-up (parse + first read)', median: ms(median(total)), spread: `p95 ${ms(percentile(total, 95))}`, target: '≤ 15 ms', met: median(total) <= 15, n: total.length });
    rows.push({ metric: '  of which evaluate (parse, compile, run)', median: ms(median(col('evaluate'))), spread: range(col('evaluate')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  of which first read of the form', median: ms(median(col('firstRead'))), spread: range(col('firstRead')), target: '–', met: null, n: runs.length });
    // The first load after the browser starts has no code cache yet: every function the read needs is
    // compiled then, and every table or pattern built on first use is built then. One sample per run.
    const coldTotal = cold.evaluate + cold.between + cold.firstRead;
    rows.push({ metric: 'first load after browser start (parse + first read)', median: ms(coldTotal), spread: `read ${ms(cold.firstRead)}`, target: '≤ 15 ms', met: coldTotal <= 15, n: 1 });
    notes.push(
      `start-up: ${runs.length} traced loads of ${VENUE_FIXTURE} (${runs.every((r) => r.threadTime) ? 'thread time' : 'wall-clock: this trace has no thread time'}); ` +
        `the callbacks between evaluation and the first read took ${ms(median(col('between')))} (median); the first load after the browser started ` +
        `(no code cache yet; its own row) took evaluate ${ms(cold.evaluate)}, between ${ms(cold.between)}, first read ${ms(cold.firstRead)}`,
    );
  },

  async cold() {
    const runs = await coldStarts(benchDist);
    const col = (k: 'evaluate' | 'loader' | 'offMainThread' | 'between' | 'firstRead' | 'compiled' | 'forcedLayouts' | 'forcedLayoutMs' | 'untilFigures') => runs.map((r) => r[k]);
    const total = runs.map((r) => r.evaluate + r.between + r.firstRead);
    const count = (xs: number[]) => `${median(xs)}`;
    const countRange = (xs: number[]) => range(xs, (x) => String(x));
    rows.push({ metric: 'first load in a fresh browser (parse + first read)', median: ms(median(total)), spread: range(total), target: '≤ 15 ms', met: median(total) <= 15, n: runs.length });
    rows.push({ metric: '  of which evaluate (parse, compile, run)', median: ms(median(col('evaluate'))), spread: range(col('evaluate')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '    the loader (world, chrome.runtime, import())', median: ms(median(col('loader'))), spread: range(col('loader')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  of which callbacks before the first read', median: ms(median(col('between'))), spread: range(col('between')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  of which first read of the form', median: ms(median(col('firstRead'))), spread: range(col('firstRead')), target: '–', met: null, n: runs.length });
    readPartRows(runs);
    rows.push({ metric: '  all of the script until the figures show', median: ms(median(col('untilFigures'))), spread: range(col('untilFigures')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  functions compiled (to the first read)', median: count(col('compiled')), spread: countRange(col('compiled')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  compiled off the main thread (module streaming)', median: ms(median(col('offMainThread'))), spread: range(col('offMainThread')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  style/layout passes forced', median: count(col('forcedLayouts')), spread: `${ms(median(col('forcedLayoutMs')))} median`, target: '0', met: median(col('forcedLayouts')) === 0, n: runs.length });
    notes.push(`cold: ${runs.length} browsers started, one traced first load each of ${VENUE_FIXTURE} (${runs.every((r) => r.threadTime) ? 'thread time' : 'wall-clock'}, with V8 compile events)`);
  },

  async restart() {
    const runs = await restarts(benchDist);
    const total = runs.map((r) => r.evaluate + r.between + r.firstRead);
    const col = (k: 'evaluate' | 'loader' | 'firstRead' | 'compiled' | 'offMainThread') => runs.map((r) => r[k]);
    rows.push({ metric: 'first load after a browser restart, same profile', median: ms(median(total)), spread: range(total), target: '≤ 15 ms', met: median(total) <= 15, n: runs.length });
    rows.push({ metric: '  of which evaluate (parse, compile, run)', median: ms(median(col('evaluate'))), spread: range(col('evaluate')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '    the loader (world, chrome.runtime, import())', median: ms(median(col('loader'))), spread: range(col('loader')), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  of which first read of the form', median: ms(median(col('firstRead'))), spread: range(col('firstRead')), target: '–', met: null, n: runs.length });
    readPartRows(runs);
    rows.push({ metric: '  functions compiled (to the first read)', median: `${median(col('compiled'))}`, spread: range(col('compiled'), (x) => String(x)), target: '–', met: null, n: runs.length });
    rows.push({ metric: '  compiled off the main thread (module streaming)', median: ms(median(col('offMainThread'))), spread: range(col('offMainThread')), target: '–', met: null, n: runs.length });
    notes.push(`restart: ${runs.length} profiles, each started, ${VENUE_FIXTURE} loaded ${RESTART_LOADS} times until its figures showed, closed, started again on the same profile; one traced first load each (with V8 compile events)`);
  },

  async keys(session) {
    const { samples, misses, commits, mutations, stages, writes, replies } = await inputToOverlay(session);
    const p95 = percentile(samples, 95);
    rows.push({ metric: 'input → overlay figure (in page)', median: ms(median(samples)), spread: `p95 ${ms(p95)}`, target: 'p95 ≤ 16 ms', met: p95 <= 16, n: samples.length });
    notes.push(`per keystroke: ${commits.toFixed(2)} overlay redraws (mutation batches), ${mutations.toFixed(1)} DOM mutations in the overlay`);
    stageRows('form alone', stages);
    tailNotes('form alone', samples, stages);
    notes.push(`per keystroke, the background's storage.session writes and badge calls: ${writes}`);
    notes.push(`per keystroke, the background's port to the page posted: ${replies}`);
    if (misses) notes.push(`${misses} keystroke(s) gave no figure change within 3 s and are not in the sample`);
  },

  async account(session) {
    const { samples, misses, commits, mutations, stages, writes, replies } = await inputToOverlay(session, POSITIONS_FIXTURE, waitForAccount);
    const p95 = percentile(samples, 95);
    rows.push({ metric: `input → overlay figure, ${POSITIONS} open positions (Details open)`, median: ms(median(samples)), spread: `p95 ${ms(p95)}`, target: 'p95 ≤ 16 ms', met: p95 <= 16, n: samples.length });
    notes.push(`${POSITIONS} open positions, per keystroke: ${commits.toFixed(2)} overlay redraws (mutation batches), ${mutations.toFixed(1)} DOM mutations in the overlay (the list's marks tick meanwhile)`);
    stageRows(`${POSITIONS} positions`, stages);
    tailNotes(`${POSITIONS} positions`, samples, stages);
    notes.push(`${POSITIONS} open positions, per keystroke, the background's storage.session writes and badge calls: ${writes} (the list's marks tick meanwhile)`);
    notes.push(`${POSITIONS} open positions, per keystroke, the background's port to the page posted: ${replies} (account reads included)`);
    if (misses) notes.push(`${POSITIONS} open positions: ${misses} keystroke(s) gave no figure change within 3 s and are not in the sample`);
  },

  async loads(session) {
    const { loads, late } = await firstOverlay(session);
    if (late) notes.push(`first figures: ${late} of ${loads.length} loads showed figures before the root could be watched (the devtools hand-over lost the race) and are not in that row`);
    const nav = loads.map((l) => l.overlay);
    const afterDcl = loads.map((l) => l.overlay - l.dcl);
    const figures = loads.map((l) => l.figures - l.dcl).filter((x) => Number.isFinite(x));
    rows.push({ metric: 'navigationStart → overlay in DOM', median: ms(median(nav)), spread: `p95 ${ms(percentile(nav, 95))}`, target: '–', met: null, n: nav.length });
    rows.push({ metric: 'DOMContentLoaded → overlay in DOM', median: ms(median(afterDcl)), spread: `p95 ${ms(percentile(afterDcl, 95))}`, target: '≤ 100 ms', met: median(afterDcl) <= 100, n: afterDcl.length });
    rows.push({ metric: 'DOMContentLoaded → first figures', median: ms(median(figures)), spread: `p95 ${ms(percentile(figures, 95))}`, target: '–', met: null, n: figures.length });
  },

  async main(session) {
    const { on, off } = await mainThread(session);
    const perS = (x: number) => `${((x / WINDOW_MS) * 1000).toFixed(1)} ms/s`;
    const col = (ws: BusyWindow[], k: keyof BusyWindow) => ws.map((w) => w[k]);
    // Paired by round: each round measured both pages over the same window.
    const ratios = on.map((w, i) => w.taskMs / (off[i] as BusyWindow).taskMs);
    const addedScript = on.map((w, i) => w.scriptMs - (off[i] as BusyWindow).scriptMs);
    const control = CONTROL ? ' (CONTROL: extension on neither page)' : FLOOR ? ' (FLOOR: a content script that only opens its port)' : HIDDEN ? ' (HIDDEN: the card not drawn)' : '';
    const times = (x: number) => `${x.toFixed(3)}×`;
    rows.push({ metric: `main thread, order book, with extension${control}`, median: perS(median(col(on, 'taskMs'))), spread: range(col(on, 'taskMs'), perS), target: '–', met: null, n: on.length });
    rows.push({ metric: 'main thread, order book, without', median: perS(median(col(off, 'taskMs'))), spread: range(col(off, 'taskMs'), perS), target: '–', met: null, n: off.length });
    rows.push({ metric: `main thread ratio with / without${control}`, median: times(median(ratios)), spread: quartiles(ratios, times), target: CONTROL || FLOOR || HIDDEN ? '–' : '≤ 1.03×', met: CONTROL || FLOOR || HIDDEN ? null : median(ratios) <= 1.03, n: ratios.length });
    // What one layout pass of the page costs, paired by round: the overlay must not make each of the page's passes dearer.
    const perPass = (w: BusyWindow) => w.layoutMs / w.layouts;
    const passRatios = on.map((w, i) => perPass(w) / perPass(off[i] as BusyWindow));
    const passMs = (x: number) => `${x.toFixed(2)} ms`;
    rows.push({ metric: 'layout per pass, with / without', median: `${passMs(median(on.map(perPass)))} / ${passMs(median(off.map(perPass)))}`, spread: `ratio ${median(passRatios).toFixed(3)}× (${range(passRatios, (x) => `${x.toFixed(3)}×`)})`, target: '–', met: null, n: passRatios.length });
    // The page's heap: each of its (frequent, on this small page) garbage collections marks all of it, the content
    // script's share too, partly inside the page's layout passes; a count that moves little with the machine's load.
    const mb = (x: number) => `${x.toFixed(2)} MB`;
    rows.push({ metric: 'JS heap after a full collection, with / without', median: `${mb(median(col(on, 'heapMb')))} / ${mb(median(col(off, 'heapMb')))}`, spread: `with ${range(col(on, 'heapMb'), mb)}`, target: '–', met: null, n: on.length });
    rows.push({ metric: 'script time the extension adds', median: perS(median(addedScript)), spread: range(addedScript, perS), target: '–', met: null, n: addedScript.length });
    const both = (k: keyof BusyWindow) => `${perS(median(col(on, k)))} / ${perS(median(col(off, k)))}`;
    notes.push(
      `main thread${control}: ${on.length} rounds, each one window of ${WINDOW_MS / 1000} s over both pages side by side (CDP Performance.getMetrics); per-round ratios ${ratios.map((x) => x.toFixed(3)).join(', ')} (sorted ${sorted(ratios).map((x) => x.toFixed(3)).join(', ')}); medians with / without the extension: ` +
        `script ${both('scriptMs')}, style ${both('styleMs')}, layout ${both('layoutMs')}; order-book updates per window ${col(on, 'ticks').join(',')} / ${col(off, 'ticks').join(',')}; layout passes per window ${col(on, 'layouts').join(',')} / ${col(off, 'layouts').join(',')}`,
    );
  },

  async popup(session) {
    const firstOpen = await tracePopupFirstOpen(session);
    const runs = await popupRounds(session);
    const first = runs.map((r) => r.popup.firstRenderMs);
    const paint = runs.map((r) => r.popup.firstPaintMs).filter((x) => Number.isFinite(x));
    const floor = runs.map((r) => r.floorPaintMs).filter((x) => Number.isFinite(x));
    const share = runs.map((r) => r.popup.firstPaintMs - r.floorPaintMs).filter((x) => Number.isFinite(x));
    const ready = runs.map((r) => r.popup.readyMs);
    rows.push({ metric: 'popup first render (navigationStart →)', median: ms(median(first)), spread: range(first), target: '≤ 100 ms', met: median(first) <= 100, n: first.length });
    rows.push({ metric: 'popup first paint (navigationStart → FCP)', median: ms(median(paint)), spread: range(paint), target: '–', met: null, n: paint.length });
    rows.push({ metric: '  floor: its page and stylesheet, no script (→ FCP)', median: ms(median(floor)), spread: range(floor), target: '–', met: null, n: floor.length });
    rows.push({ metric: "  popup's own share of first paint (paired)", median: ms(median(share)), spread: range(share), target: '–', met: null, n: share.length });
    rows.push({ metric: "popup's first open in this browser: first render", median: ms(firstOpen.firstRenderMs), spread: '–', target: '–', met: null, n: 1 });
    rows.push({ metric: `  its module's evaluation (${firstOpen.threadTime ? 'thread time' : 'wall-clock'})`, median: ms(firstOpen.evaluate), spread: '–', target: '–', met: null, n: 1 });
    rows.push({ metric: '  functions compiled before its first render', median: String(firstOpen.compiled), spread: '–', target: '–', met: null, n: 1 });
    rows.push({ metric: 'popup ready (settings, inputs applied)', median: ms(median(ready)), spread: range(ready), target: '–', met: null, n: ready.length });
    notes.push(
      `popup: ${runs.length} rounds, each opening the popup and its floor page (${POPUP_FLOOR_PAGE}: the popup's HTML and stylesheet without its script, ` +
        'one static header line to paint) in fresh tabs, alternately first; the share is each round\'s popup first paint minus its floor\'s',
    );
  },

  async wake(session) {
    const { cold, warm } = await wakeUps(session);
    rows.push({ metric: 'worker stopped → input → overlay updated', median: ms(median(cold)), spread: range(cold), target: '–', met: null, n: cold.length });
    rows.push({ metric: 'same, worker running', median: ms(median(warm)), spread: range(warm), target: '–', met: null, n: warm.length });
  },
};

// ---- run ----------------------------------------------------------------------------------------------------

function build(): { dist: string; cleanup: () => void } {
  const built = buildOrCopy();
  if (FLOOR) {
    const loader = readFileSync(path.join(built.dist, FLOOR_LOADER), 'utf8');
    if (!loader.includes(FLOOR_MODULE)) throw new Error(`${FLOOR_LOADER} does not import ${FLOOR_MODULE}: the floor would not be what runs`);
    writeFileSync(path.join(built.dist, FLOOR_MODULE), 'chrome.runtime.connect();\n');
    notes.push(`FLOOR: ${FLOOR_MODULE} replaced by one line that opens the port; only the order-book part measures it`);
  }
  if (HIDDEN) {
    const file = path.join(built.dist, FLOOR_MODULE);
    const code = readFileSync(file, 'utf8');
    if (code.split(CARD_RULE).length !== 2) throw new Error(`${FLOOR_MODULE} does not hold the card's rule (${CARD_RULE}) exactly once: the hidden copy would not be what runs`);
    writeFileSync(file, code.replace(CARD_RULE, `${CARD_RULE}display:none!important;`));
    notes.push(`HIDDEN: the card's rule in ${FLOOR_MODULE} starts with display: none; only the order-book part is meant to measure it`);
  }
  return built;
}

function buildOrCopy(): { dist: string; cleanup: () => void } {
  const given = process.env.LIQGUARD_BENCH_DIST;
  const dir = mkdtempSync(path.join(tmpdir(), 'liqguard-bench-'));
  const dist = path.join(dir, 'chrome');
  if (given) {
    // A copy: the benchmark adds its popup floor page, and a build someone named is not ours to change.
    cpSync(path.resolve(given), dist, { recursive: true });
    return { dist, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const t0 = performance.now();
  try {
    // With the stage marks (vite.config.ts): a few performance.mark calls per keystroke, microseconds each.
    execFileSync(path.join(REPO_ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'pipe', env: { ...process.env, LIQGUARD_MARKS: '1' } });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const out = error as { stdout?: Buffer; stderr?: Buffer };
    console.error(`${out.stdout?.toString() ?? ''}${out.stderr?.toString() ?? ''}`.trim().split('\n').slice(-20).join('\n'));
    console.error('The extension did not build (vite build failed, output above), so nothing was measured.');
    process.exit(1);
  }
  notes.push(`built the current tree in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dist, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function printTable(): void {
  const head = ['metric', 'median', 'p95 / range', 'target', 'met', 'n'];
  const body = rows.map((r) => [r.metric, r.median, r.spread, r.target, r.met === null ? '–' : r.met ? 'met' : 'NOT MET', String(r.n)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

/** The build being measured (set once it is built). */
let benchDist = '';

/** A browser with the extension, its market data stubbed as the module header says. */
async function launchSession(dist: string, userDataDir?: string): Promise<ExtensionSession> {
  const session = await launchWithExtension({ dist, hosts: [BINANCE, 'fapi.binance.com', BOOK_BASELINE_HOST], ...(userDataDir ? { userDataDir } : {}) });
  try {
    stubBinanceMarketData(session.server);
    stubBinanceCandles(session.server);
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name(fn, "name")` call;
    // functions handed to page.evaluate (here and in the shared helpers) run in the page, which has no such helper.
    await session.context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

async function main(): Promise<void> {
  const missing = missingBrowserMessage('chromium');
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
  const started = performance.now();
  const { dist, cleanup } = build();
  try {
    popupFloorPath = writePopupFloor(dist);
  } catch (error) {
    notes.push(`popup floor page not measured: ${String(error instanceof Error ? error.message : error)}`);
  }
  benchDist = dist;
  let session: ExtensionSession;
  try {
    session = await launchSession(dist);
  } catch (error) {
    cleanup();
    console.error(`Chromium could not start with the extension (${String(error instanceof Error ? error.message : error).split('\n')[0]}).`);
    process.exit(1);
  }
  try {
    const version = session.context.browser()?.version() ?? 'unknown';
    console.log(`LiqGuard E2E benchmark · Chromium ${version} (headless) · ${new Date().toISOString()} · ${cpus().length} cores, load ${load()} · ${dist}`);
    // The persistent context opens with a blank tab; only the page being measured stays open.
    for (const p of session.context.pages()) await p.close();

    for (const part of PARTS) {
      if (!ONLY.has(part)) continue;
      try {
        await REPORTS[part](session);
      } catch (error) {
        // The benchmark gates nothing, but a part that could not measure must say so, not vanish.
        const why = String(error instanceof Error ? error.message : error).split('\n')[0];
        rows.push({ metric: `${part}: NOT MEASURED`, median: 'n/a', spread: 'n/a', target: '–', met: null, n: 0 });
        notes.push(`${part} could not be measured: ${why}`);
        for (const p of session.context.pages()) await p.close().catch(() => undefined);
      }
    }

    console.log('');
    printTable();
    console.log('');
    for (const n of notes) console.log(`· ${n}`);
    console.log(`· whole run ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()}`);
  } finally {
    await session.close();
    cleanup();
  }
}

await main();
