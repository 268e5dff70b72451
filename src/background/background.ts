/**
 * The background, assembled from its parts with the browser passed in: index.ts calls this once
 * at the worker's top level with the real APIs; the tests call it with in-memory fakes.
 */
import { ADAPTER_VENUE_IDS, venueForUrl } from '../core/policy';
import type { Badge } from '../core/assessment/badge';
import type { Settings } from '../shared/settings';
import { createAccounts } from './accounts';
import { createAssessor, type Budgets } from './assessor';
import type { BackgroundApi } from './browser-api';
import { accountChecksHandler, accountSnapshotHandler } from './handlers/account';
import { handleCalc } from './handlers/calc';
import { formClearedHandler, formSnapshotHandler, openCalculatorHandler, openVenueHandler } from './handlers/form';
import { createOpenLimit } from './open-limit';
import type { MarketData } from './market/market-data';
import { handleDiagnosticsMessage } from './market/messages';
import { createRouter, errorReply, type Handlers, type Logger, type Route } from './router';
import type { SenderLike } from './sender';
import { createSettingsSource } from './settings-source';
import { createStats } from './stats';
import { pauseScheduler, type PauseScheduler } from './pause';
import { createTabStore, WRITE_MAX_WAIT_MS, WRITE_SPACING_MS } from './tab-store';
import { typedFacts } from './typed-facts';

export interface BackgroundDeps {
  api: BackgroundApi;
  market: MarketData;
  now(): number;
  log: Logger;
  budgets?: Partial<Budgets>;
}

export interface Background {
  onMessage(message: unknown, sender: SenderLike | undefined): ReturnType<Route>;
  onTabRemoved(tabId: number): Promise<void>;
  onTabUpdated(tabId: number, change: { status?: string; url?: string }): Promise<void>;
  /** storage.onChanged: a settings change in storage.sync reaches the next assessment. */
  onStorageChanged(changes: Record<string, unknown>, area: string): void;
  /** Runs once per worker start: records the start and finishes work a stopped worker left. */
  onStartup(): Promise<void>;
}

/** True when a tab now at `url` still shows the venue page a snapshot came from (same origin, a supported venue page). */
export function stillOnForm(snapshotUrl: string, url: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(snapshotUrl);
    b = new URL(url);
  } catch {
    return false;
  }
  const venue = venueForUrl(url);
  return a.origin === b.origin && venue !== null && (ADAPTER_VENUE_IDS as readonly string[]).includes(venue.venueId);
}

export function createBackground(deps: BackgroundDeps): Background {
  const { api, market, log } = deps;
  const store = createTabStore(api.session);
  const stats = createStats(api.session);

  // Read from storage.sync once per worker, then kept until storage.onChanged says they changed:
  // a change in the options page applies to the next snapshot, and a restarted worker reads again.
  const settings = createSettingsSource((key) => api.syncGet(key));
  const readSettings = (): Promise<Settings> => settings.read();

  /**
   * The badge each tab shows, as far as this worker set it: only the parts that changed are set (the text
   * and title follow the distance to a tenth of a percent; the colour only the level), and an answer that
   * leaves the badge as it was costs no call to the browser, where each part is an extension-API call
   * through the browser process, which also carries the answer to the page. The call goes after the task
   * that sends the answer; while the trader types, the text waits for a pause (pause.ts: set once answers
   * stop for WRITE_SPACING_MS, at least once every WRITE_MAX_WAIT_MS), and shows the latest answer then.
   * A new colour (another level, a cleared form) does not wait. The browser resets a tab's badge when the
   * tab loads a page, so a load (status "loading"), a URL change or a closed tab forgets it and the next
   * badge is set whole; a restarted worker starts with none and sets every badge whole again.
   */
  const badgeShown = new Map<number, Badge>();
  const badgeWanted = new Map<number, { badge: Badge; spacer: PauseScheduler; set: Promise<void>; settle: { resolve(): void; reject(e: unknown): void } | null }>();
  const setBadgeNow = (tabId: number, badge: Badge): Promise<void> => {
    const shown = badgeShown.get(tabId);
    const parts: Partial<Badge> = {};
    for (const k of ['text', 'color', 'title'] as const) if (shown?.[k] !== badge[k]) parts[k] = badge[k];
    if (Object.keys(parts).length === 0) return Promise.resolve();
    badgeShown.set(tabId, badge);
    return api.setBadge(tabId, parts).catch((e: unknown) => {
      if (badgeShown.get(tabId) === badge) badgeShown.delete(tabId);
      throw e;
    });
  };
  /** Resolves once the browser has this badge or a later one of the tab (rejects if that call failed). */
  const setBadge = (tabId: number, badge: Badge): Promise<void> => {
    let want = badgeWanted.get(tabId);
    if (!want) badgeWanted.set(tabId, (want = { badge, spacer: pauseScheduler({ spacingMs: WRITE_SPACING_MS, maxWaitMs: WRITE_MAX_WAIT_MS }), set: Promise.resolve(), settle: null }));
    want.badge = badge;
    const w = want;
    if (!w.spacer.due) {
      const shown = badgeShown.get(tabId);
      if (shown && shown.text === badge.text && shown.color === badge.color && shown.title === badge.title) return w.set;
      w.set = new Promise<void>((resolve, reject) => void (w.settle = { resolve, reject }));
      w.spacer.request(() => {
        const settle = w.settle;
        w.settle = null;
        w.spacer.ran();
        setBadgeNow(tabId, w.badge).then(settle?.resolve, settle?.reject);
      });
    } else w.spacer.request(() => undefined);
    if (badgeShown.get(tabId)?.color !== badge.color) w.spacer.hurry();
    return w.set;
  };
  /** The tab loaded a page or closed: the badge it showed is gone, and one still due was the old page's. */
  const forgetBadge = (tabId: number) => {
    badgeShown.delete(tabId);
    const want = badgeWanted.get(tabId);
    if (!want) return;
    want.spacer.cancel();
    want.settle?.resolve();
    badgeWanted.delete(tabId);
  };

  const accounts = createAccounts({ session: api.session, market, now: deps.now, onError: (where, e) => log.error(`LiqGuard: ${where} failed`, e) });

  const assessor = createAssessor({
    store,
    market,
    ...(api.localGet ? { typed: typedFacts(api.localGet) } : {}),
    account: (tabId) => accounts.forTab(tabId),
    readSettings,
    setBadge,
    now: deps.now,
    budgets: deps.budgets,
    onError: (where, e) => log.error(`LiqGuard: ${where} failed`, e),
  });

  const calcDeps = { market, settings: readSettings, now: deps.now };
  // The market module validates its own two messages again and answers in its own shape.
  const marketReply = <T,>(msg: unknown) => (handleDiagnosticsMessage(market, msg, deps.now) ?? Promise.resolve(errorReply('invalid-message', 'Not a market message.'))) as Promise<T>;

  const openLimit = createOpenLimit();
  const handlers: Handlers = {
    'form/snapshot': formSnapshotHandler(assessor),
    'form/cleared': formClearedHandler(assessor, deps.now),
    'ui/open-venue': openVenueHandler((path) => api.openExtensionPage(path), openLimit, deps.now),
    'ui/open-calculator': openCalculatorHandler((path) => api.openExtensionPage(path), openLimit, deps.now),
    'tab/state': async (req) => {
      const tab = await assessor.tabState(req.tabId);
      const unread = tab ? null : await assessor.unread(req.tabId);
      return unread ? { ok: true, tab, unread } : { ok: true, tab };
    },
    'calc/assess': (req) => handleCalc(req, calcDeps) as ReturnType<Handlers['calc/assess']>,
    'calc/defaults': (req) => handleCalc(req, calcDeps) as ReturnType<Handlers['calc/defaults']>,
    'market/diagnostics': (req) => marketReply(req),
    'market/refresh': (req) => marketReply(req),
    'market/paste-table': (req) => marketReply(req),
    'market/forget-table': (req) => marketReply(req),
    'market/pasted-tables': (req) => marketReply(req),
    'account/snapshot': accountSnapshotHandler(accounts),
    'account/checks': accountChecksHandler(accounts),
  };

  const route = createRouter({ self: api.self, handlers, stats, log, now: deps.now });

  return {
    onMessage: route,
    onTabRemoved: (tabId) => {
      openLimit.forget(tabId);
      forgetBadge(tabId);
      return Promise.all([assessor.removed(tabId), accounts.removed(tabId)]).then(
        () => undefined,
        (e: unknown) => log.error('LiqGuard: tab cleanup failed', e),
      );
    },
    async onTabUpdated(tabId, change) {
      // Only a URL change matters (titles, favicons, and the loading status, which iframes such as
      // chart widgets toggle too, do not touch storage). The browser reports the URL only for pages
      // LiqGuard may see. Leaving for another site or a page that is not a venue's trading page
      // forgets the figures; moving within the venue is the content script's to report (it sends
      // form/cleared and a new snapshot). The badge itself is reset by the browser on navigation.
      if (change.status === 'loading' || typeof change.url === 'string') forgetBadge(tabId);
      if (typeof change.url !== 'string') return;
      const url = change.url;
      await assessor.navigated(tabId, (snapshotUrl) => stillOnForm(snapshotUrl, url)).catch((e: unknown) => log.error('LiqGuard: tab reset failed', e));
    },
    onStorageChanged: (changes, area) => settings.changed(changes, area),
    async onStartup() {
      try {
        await stats.workerStarted(deps.now());
        await assessor.resumeAll();
      } catch (e) {
        log.error('LiqGuard: start-up work failed', e);
      }
    },
  };
}
