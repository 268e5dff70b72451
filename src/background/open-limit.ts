/**
 * How often one tab may open extension pages (the venue view, the calculator). A trader clicks a
 * link now and then; a page that drives the overlay (synthetic clicks, or a trusted click it tricked
 * out of the trader) must not be able to open a tab per click. Per tab: one opening, then at most
 * `burst` within `windowMs`, and never two within `gapMs`. Memory only: a restarted worker starts
 * afresh, which costs a hostile page a worker restart per burst.
 */
export interface OpenLimitOptions {
  burst: number;
  windowMs: number;
  gapMs: number;
}

export const OPEN_LIMIT: OpenLimitOptions = { burst: 3, windowMs: 60_000, gapMs: 2_000 };

export interface OpenLimit {
  /** True (and counted) when `tabId` may open a page at `now`. */
  allow(tabId: number, now: number): boolean;
  forget(tabId: number): void;
}

export function createOpenLimit(options: OpenLimitOptions = OPEN_LIMIT): OpenLimit {
  const opened = new Map<number, number[]>();
  return {
    allow(tabId, now) {
      // An entry "in the future" (the clock stepped back) stays counted: it keeps the gate shut, not open.
      const recent = (opened.get(tabId) ?? []).filter((t) => now - t < options.windowMs);
      const last = recent[recent.length - 1];
      if (recent.length >= options.burst || (last !== undefined && now - last < options.gapMs)) {
        opened.set(tabId, recent);
        return false;
      }
      recent.push(now);
      opened.set(tabId, recent);
      return true;
    },
    forget(tabId) {
      opened.delete(tabId);
    },
  };
}
