/**
 * The account each tab's page shows (positions list and account panel), as its content script last read
 * it: kept in memory and in storage.session (so a restarted worker still has it), dropped when the tab
 * closes, never sent anywhere. For each read the background fetches every held symbol's tier table and
 * contract spec, plans the account (src/core/assessment/account.ts) and checks each open position's
 * liquidation price against the venue's. The tab's assessments use the latest plan.
 *
 * Order: a read is recorded in memory before the handler's first await. Its positions are checked one at a
 * time, each in a task of its own (a check is a whole assessment and two solves; all of them took several
 * milliseconds of the worker's one thread at every tick of a mark), so a keystroke's snapshot that arrives
 * meanwhile is answered between two checks, with the tab's read before it, checked; the content script sends
 * its form again once this read's answer is back, and that snapshot is assessed with it. A tab's first read
 * has none before it: a snapshot waits for it.
 *
 * Counts: per venue, how many position checks matched or did not, counted when a position's verdict
 * first appears or changes (not on every tick of its mark), in storage.session for the diagnostics page.
 */
import { accountVenue, accountView, checkPosition, heldSymbols, planAccount, positionLegs, type AccountFacts, type AccountPlan, type HeldFacts } from '../core/assessment/account';
import type { AssessOptions } from '../core/assessment/assess-snapshot';
import type { AccountSnapshot, AccountView, PositionCheck } from '../shared/account-snapshot';
import type { SelfCheckCounts } from '../shared/messages';
import type { SessionArea } from './browser-api';
import type { MarketData } from './market/market-data';
import { within } from './within';

export const ACCOUNT_KEY_PREFIX = 'account/tab/';
export const CHECK_COUNTS_KEY = 'account/checks';
const accountKey = (tabId: number) => `${ACCOUNT_KEY_PREFIX}${tabId}`;

interface Planned {
  plan: AccountPlan;
  checks: PositionCheck[];
  venueRatio: string | null;
  view: AccountView;
}

interface Entry {
  seq: number;
  account: AccountSnapshot;
  planned: Promise<Planned>;
  /** The order this worker recorded the tab's reads in (a page's own seq starts again when it reloads). */
  order: number;
}

interface Stored {
  v: 1;
  tabId: number;
  seq: number;
  account: AccountSnapshot;
  /** The last verdict per position, for counting changes only. */
  verdicts: Record<string, string>;
}

export interface AccountsDeps {
  session: SessionArea;
  market: Pick<MarketData, 'tierTable' | 'contractSpec'>;
  now(): number;
  /** How long to wait for a held symbol's contract spec (its tick and contract size). */
  specMs?: number;
  onError?(where: string, error: unknown): void;
}

export interface Accounts {
  /** A content script's new read: recorded at once, then planned and checked. Resolves to what the page shows. */
  submit(tabId: number, seq: number, account: AccountSnapshot): Promise<AccountView>;
  /** The tab's latest planned account, for its next assessment (read back from storage after a restart). */
  forTab(tabId: number): Promise<AssessOptions['account'] | undefined>;
  removed(tabId: number): Promise<void>;
  counts(): Promise<SelfCheckCounts>;
}

/** Lets the tasks already queued (a keystroke's message) run first. A message channel's task is not clamped as nested timers are. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    if (typeof MessageChannel === 'undefined') return void setTimeout(resolve, 0);
    const c = new MessageChannel();
    c.port1.onmessage = () => {
      c.port1.close();
      resolve();
    };
    c.port2.postMessage(null);
  });

function isStored(x: unknown, tabId: number): x is Stored {
  const r = x as Partial<Stored> | null;
  return typeof r === 'object' && r !== null && r.v === 1 && r.tabId === tabId && typeof r.seq === 'number' && typeof r.account === 'object' && r.account !== null;
}

export function createAccounts(deps: AccountsDeps): Accounts {
  const entries = new Map<number, Entry>();
  /** Per tab, the newest read whose positions are all checked (what a snapshot gets while a newer one is checked). */
  const checkedReads = new Map<number, { order: number; planned: Planned }>();
  let recorded = 0;
  /**
   * Tabs this worker has looked up in storage and found no account for. Only this module writes the
   * account keys, and a read it records goes into `entries` first, so "none" stays true until then: a
   * page that shows no positions costs one storage read per worker, not one round trip per keystroke.
   */
  const none = new Set<number>();
  const report = (where: string, e: unknown) => deps.onError?.(where, e);
  // Count updates are read-modify-write of one key: one at a time.
  let counting: Promise<unknown> = Promise.resolve();

  async function factsFor(account: AccountSnapshot): Promise<AccountFacts> {
    const venue = accountVenue(account);
    if (!venue) return {};
    const facts: Record<string, HeldFacts> = {};
    await Promise.all(
      heldSymbols(account).map(async (symbol) => {
        const [tiers, spec] = await Promise.all([
          deps.market.tierTable(venue, symbol).catch(() => null),
          within(deps.market.contractSpec(venue, symbol), deps.specMs ?? 1500, null).catch(() => null),
        ]);
        const s = spec?.spec ?? null;
        facts[symbol] = { table: tiers?.table ?? null, contractSize: s?.contractSize ?? null, tick: s?.tickSize ?? null };
      }),
    );
    return facts;
  }

  async function plan(account: AccountSnapshot): Promise<Planned> {
    const p = planAccount(account, await factsFor(account));
    const now = new Date(deps.now()).toISOString();
    const checks: PositionCheck[] = [];
    if (p.ok)
      for (const l of positionLegs(p)) {
        await nextTask();
        checks.push(checkPosition(p, l, now));
      }
    const venueRatio = account.marginRatio?.ok ? account.marginRatio.value : null;
    return { plan: p, checks, venueRatio, view: accountView(p, checks, venueRatio) };
  }

  /** Records a tab's read as its newest; once checked, it is what the tab's snapshots get while a newer one is checked. */
  function record(tabId: number, seq: number, account: AccountSnapshot): Entry {
    const entry: Entry = { seq, account, planned: plan(account), order: ++recorded };
    entries.set(tabId, entry);
    void entry.planned.then(
      (planned) => {
        const last = checkedReads.get(tabId);
        if (entries.has(tabId) && (!last || last.order < entry.order)) checkedReads.set(tabId, { order: entry.order, planned });
      },
      () => undefined,
    );
    return entry;
  }

  /**
   * What storage holds of the counts and of each tab's last verdicts, as this worker last read or wrote them:
   * read once per worker (and again after a write that failed), so a read of the list (every second while a
   * mark ticks) costs one write, not a read and a write. Only this module writes these keys.
   */
  let storedCounts: SelfCheckCounts | null = null;
  const storedVerdicts = new Map<number, Record<string, string>>();

  async function count(tabId: number, account: AccountSnapshot, planned: Planned, seq: number): Promise<void> {
    const venue = accountVenue(account);
    const run = counting.then(async () => {
      const key = accountKey(tabId);
      let before = storedVerdicts.get(tabId);
      let known = storedCounts;
      if (!before || !known) {
        const all = await deps.session.get([key, CHECK_COUNTS_KEY]);
        before ??= isStored(all[key], tabId) ? all[key].verdicts : {};
        known ??= (all[CHECK_COUNTS_KEY] as SelfCheckCounts | undefined) ?? {};
      }
      const verdicts: Record<string, string> = {};
      const counts = { ...known };
      let counted = false;
      for (const c of planned.checks) {
        if (!c.verdict || !venue) continue;
        const id = `${c.symbol}|${c.side}`;
        verdicts[id] = c.verdict;
        if (before[id] === c.verdict) continue;
        const n = { match: 0, mismatch: 0, ...counts[venue] };
        n[c.verdict]++;
        counts[venue] = n;
        counted = true;
      }
      // A newer read already stored replaces this one's record; the counts still add up.
      const record: Stored = { v: 1, tabId, seq, account, verdicts };
      const current = entries.get(tabId);
      const mine = !current || current.seq === seq;
      // Forgotten while the write is on its way: a write that fails leaves the next read to read storage again.
      storedCounts = null;
      storedVerdicts.delete(tabId);
      const items = { ...(counted ? { [CHECK_COUNTS_KEY]: counts } : {}), ...(mine ? { [key]: record } : {}) };
      if (Object.keys(items).length > 0) await deps.session.set(items);
      storedCounts = counts;
      storedVerdicts.set(tabId, mine ? verdicts : before);
    });
    counting = run.catch(() => undefined);
    await run;
  }

  return {
    submit(tabId, seq, account) {
      const { planned } = record(tabId, seq, account);
      none.delete(tabId);
      return planned.then((p) => {
        void count(tabId, account, p, seq).catch((e: unknown) => report('account-store', e));
        return p.view;
      });
    },
    async forTab(tabId) {
      let entry = entries.get(tabId);
      if (!entry && none.has(tabId)) return undefined;
      if (!entry) {
        const key = accountKey(tabId);
        const raw = (await deps.session.get(key))[key];
        // A read that arrived while storage answered wins over the stored one.
        entry = entries.get(tabId);
        if (!entry && isStored(raw, tabId)) entry = record(tabId, raw.seq, raw.account);
        else if (!entry) none.add(tabId);
      }
      if (!entry) return undefined;
      // The newest read if it is checked, else the one before it (the page sends its form again once the newest is).
      const { plan: p, checks, venueRatio } = checkedReads.get(tabId)?.planned ?? (await entry.planned);
      return { plan: p, checks, venueRatio };
    },
    async removed(tabId) {
      entries.delete(tabId);
      checkedReads.delete(tabId);
      none.delete(tabId);
      storedVerdicts.delete(tabId);
      await deps.session.remove(accountKey(tabId));
    },
    async counts() {
      return ((await deps.session.get(CHECK_COUNTS_KEY))[CHECK_COUNTS_KEY] as SelfCheckCounts | undefined) ?? {};
    },
  };
}
