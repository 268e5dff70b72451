/**
 * Work that waits for a pause while the trader types: the tab record's writes (tab-store.ts), the
 * message counters' (stats.ts) and the toolbar badge (background.ts). Each of them costs the browser
 * work beside the keystroke's answer (a write is serialised in the worker and again in the browser's
 * main thread; a badge is an extension-API call through the browser process, which also carries the
 * answer to the page), and none of them needs to follow every keystroke.
 *
 * A run asked for when the last run is `spacingMs` ago or more (or there was none) goes right after
 * the current task, which sends the answer first. One asked for sooner waits for a pause: it goes once
 * no request came for `spacingMs`, and at the latest `maxWaitMs` after the first request that waited.
 * A burst of typing costs a run at its start, one per `maxWaitMs` at most while it lasts, and one at
 * its end. Requests while a run is due join it (one run does the work of all of them).
 */

export interface PauseScheduler {
  /** A run was asked for and has not happened yet. */
  readonly due: boolean;
  /**
   * Asks for a run of `run` (see the header). While a run is due, this request joins it, moving on the
   * pause it waits for, and `run` is not called: the one given first runs, once. Returns whether this
   * request made a run due.
   */
  request(run: () => void): boolean;
  /** The due run, if it waits for a pause, goes right after the current task instead. */
  hurry(): void;
  /**
   * A run happened now: the next request within `spacingMs` waits for a pause. With `false`, the last
   * run no longer counts (what it did was undone or replaced): the next request goes right after its
   * task, and so does a run that waits for a pause now.
   */
  ran(counts?: boolean): void;
  /** Forgets the due run without running it. */
  cancel(): void;
}

export interface PauseOptions {
  spacingMs: number;
  maxWaitMs: number;
  /** A monotonic clock in ms (performance.now() by default). */
  now?: () => number;
}

export function pauseScheduler(options: PauseOptions): PauseScheduler {
  const { spacingMs } = options;
  const maxWaitMs = Math.max(spacingMs, options.maxWaitMs);
  const now = options.now ?? (() => performance.now());
  let lastRun = -Infinity;
  let run: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** While the due run waits for a pause: when its first and its latest request came. */
  let waiting: { first: number; last: number } | null = null;

  const arm = (ms: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  function fire() {
    timer = null;
    if (waiting) {
      // One timer per wait, moved on only when it fires: a request costs no timer of its own.
      const at = Math.min(waiting.last + spacingMs, waiting.first + maxWaitMs) - now();
      if (at > 1) return arm(at);
      waiting = null;
    }
    const r = run;
    run = null;
    r?.();
  }
  const hurry = () => {
    if (!waiting) return;
    waiting = null;
    arm(0);
  };

  return {
    get due() {
      return run !== null;
    },
    request(r) {
      const t = now();
      if (run) {
        if (waiting) waiting.last = t;
        return false;
      }
      run = r;
      const pause = t - lastRun < spacingMs;
      waiting = pause ? { first: t, last: t } : null;
      arm(pause ? spacingMs : 0);
      return true;
    },
    hurry,
    ran(counts = true) {
      lastRun = counts ? now() : -Infinity;
      if (!counts) hurry();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = null;
      run = null;
    },
  };
}
