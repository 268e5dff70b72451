import type { AccountSnapshot, AccountView } from '../shared/account-snapshot';
import type { FormSnapshot } from '../shared/form-snapshot';
import type { Check, Note, OverlayState, PolicyBrief, SideFigures, UnreadTab } from '../shared/overlay-state';
import { isDecimalString } from '../core/parse/decimal-string';
import { parseAccountView } from './account/view';

/**
 * The content script's only line to the background. The content script does no money
 * math: it sends a complete snapshot and shows the answer. Several snapshots may be in
 * flight while the trader types; only the answer to the newest one is shown. The messages
 * travel on the page's one long-lived port (port.ts), each answer matched to its request.
 *
 * Message map (the background router implements the other end):
 *   content → background  { type: 'form/snapshot', seq, snapshot }   reply { ok: true, seq, state: OverlayState }
 *                         { type: 'form/cleared', seq, reason }       reply { ok: true, seq } (not needed)
 *                         { type: 'ui/open-venue', venueId }          reply { ok: true } (not needed)
 *                         { type: 'ui/open-calculator' }              reply { ok: true } (not needed)
 *   any refusal           { ok: false, error: { code, message }, seq? }   (src/shared/messages.ts ErrorReply)
 */

export type ClearReason = 'empty' | 'unreadable' | 'no-form' | 'navigated' | 'stopped';

export type ContentMessage =
  | { type: 'form/snapshot'; seq: number; snapshot: FormSnapshot }
  | { type: 'form/cleared'; seq: number; reason: ClearReason; state?: UnreadTab['state']; snapshot?: FormSnapshot }
  | { type: 'ui/open-venue'; venueId: string }
  | { type: 'ui/open-calculator' }
  | { type: 'account/snapshot'; seq: number; account: AccountSnapshot };

export interface SnapshotReply {
  ok?: true;
  seq: number;
  state: OverlayState;
}

interface ErrorReply {
  ok: false;
  error?: { code?: unknown; message?: unknown };
  seq?: number;
}

export type AssessResult = { kind: 'state'; state: OverlayState } | { kind: 'stale' };

export const NO_ANSWER = "LiqGuard's calculator did not answer. Reload the page; if this stays, reinstall or update LiqGuard.";
export const BAD_ANSWER = "LiqGuard's calculator sent an answer this page cannot show, so no figure is shown.";

/** "Extension context invalidated": the extension was updated or removed under this page. */
export function isContextInvalidated(error: unknown): boolean {
  return /context invalidated/i.test(String((error as Error | undefined)?.message ?? error));
}

/**
 * Waits before each resend after a failed send: 7 sends over about 6 s in all. Long enough for
 * Chrome to start a new service worker several times over (a stopped worker may be stopped again
 * before it answers), short enough that the trader is told "did not answer" while still looking.
 */
export const RETRY_DELAYS_MS: readonly number[] = [100, 200, 400, 800, 1600, 3200];

export interface ClientOptions {
  retryDelaysMs?: readonly number[];
  wait?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createBackgroundClient(send: (message: ContentMessage) => Promise<unknown>, options: ClientOptions = {}) {
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const wait = options.wait ?? sleep;
  let latest = 0;
  // Account reads have their own sequence: they never make a form's answer stale.
  let accountSeq = 0;

  /**
   * A service worker stopped mid-computation closes the port (or, for a one-off message, the
   * channel: "message port closed", "Could not establish connection"; Firefox words it differently,
   * so any failed send but an invalidated context counts); sending again opens a new port, which
   * wakes a new worker, which may be stopped in turn.
   * So a failed send is repeated, with growing pauses and a bounded number of times, for as long
   * as this message is still the newest: a snapshot must not stick on "did not answer", and a lost
   * clear would leave the popup and the badge showing figures the page no longer has. A newer
   * message ends the retries of an older one. Undefined: no reply.
   */
  async function deliver(message: Extract<ContentMessage, { type: 'form/snapshot' | 'form/cleared' }>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(message);
      } catch (error) {
        if (isContextInvalidated(error)) throw error;
        const pause = delays[attempt];
        if (pause === undefined || message.seq !== latest) return undefined;
        await wait(pause);
        if (message.seq !== latest) return undefined;
      }
    }
  }

  return {
    /** Sends a complete snapshot; resolves to the state to show, or 'stale' when a newer snapshot was sent meanwhile. */
    async assess(snapshot: FormSnapshot): Promise<AssessResult> {
      const seq = ++latest;
      const reply = await deliver({ type: 'form/snapshot', seq, snapshot });
      if (__LG_MARKS__) performance.mark('lg:reply');
      if (seq !== latest) return { kind: 'stale' };
      if (reply === undefined || reply === null) return { kind: 'state', state: { kind: 'error', message: NO_ANSWER } };
      const r = reply as Partial<SnapshotReply> | ErrorReply;
      if (typeof r === 'object' && r.ok === false) {
        // The router refused this snapshot (invalid, superseded, internal defect): say so, show no figure.
        if (r.error?.code === 'stale') return { kind: 'stale' };
        const why = typeof r.error?.message === 'string' ? r.error.message.slice(0, 300) : 'no reason given';
        return { kind: 'state', state: { kind: 'error', message: `LiqGuard's calculator refused this form (${why}), so no figure is shown.` } };
      }
      if (typeof r !== 'object' || r.seq !== seq) return { kind: 'state', state: { kind: 'error', message: BAD_ANSWER } };
      const state = parseOverlayState(r.state);
      return { kind: 'state', state: state ?? { kind: 'error', message: BAD_ANSWER } };
    },
    /**
     * Tells the background the form no longer describes a position; any answer still in flight is dropped.
     * `state`: the overlay shows no figure for a form it could not read (and `snapshot`: what it read).
     */
    async clear(reason: ClearReason, state?: UnreadTab['state'], snapshot?: FormSnapshot): Promise<void> {
      await deliver({ type: 'form/cleared', seq: ++latest, reason, ...(state ? { state } : {}), ...(snapshot ? { snapshot } : {}) });
    },
    /** Sends the page's positions list and account panel; resolves to the background's view of them, or null (no answer, a newer read sent, or malformed). */
    async sendAccount(account: AccountSnapshot): Promise<AccountView | null> {
      const seq = ++accountSeq;
      const reply = (await send({ type: 'account/snapshot', seq, account }).catch((error: unknown) => {
        if (isContextInvalidated(error)) throw error;
        return undefined;
      })) as { ok?: unknown; seq?: unknown; view?: unknown } | undefined;
      if (seq !== accountSeq || typeof reply !== 'object' || reply === null || reply.ok !== true || reply.seq !== seq) return null;
      return parseAccountView(reply.view);
    },
    openVenue(venueId: string): Promise<void> {
      return send({ type: 'ui/open-venue', venueId }).then(
        () => undefined,
        () => undefined,
      );
    },
    /** The calculator in a tab, prefilled from this tab's latest form (the background knows the tab). */
    openCalculator(): Promise<void> {
      return send({ type: 'ui/open-calculator' }).then(
        () => undefined,
        () => undefined,
      );
    },
  };
}

export type BackgroundClient = ReturnType<typeof createBackgroundClient>;

// --- reply validation: a malformed answer is shown as an error, never as figures ---

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is string => isDecimalString(v);
// `none`: a side with no liquidation price (the engine's neutral level).
const SEVERITIES: readonly string[] = ['none', 'ok', 'caution', 'danger', 'critical'];

// Each list is checked entry by entry and, when every entry holds up, kept as it came (an answer rebuilt from
// changes on the port shares what did not change with the answer before: the overlay sees the same objects).
function notes(v: unknown): Note[] | null {
  const ok = Array.isArray(v) && v.length <= 100 && v.every((n) => isObj(n) && isText(n.code, 100) && isText(n.message) && (n.field === undefined || isText(n.field, 100)));
  return ok ? (v as Note[]) : null;
}

function checks(v: unknown): Check[] | null | undefined {
  if (v === undefined) return undefined;
  const ok =
    Array.isArray(v) &&
    v.length <= 40 &&
    v.every(
      (c) =>
        isObj(c) &&
        isText(c.code, 100) &&
        isText(c.message) &&
        Array.isArray(c.fields) &&
        c.fields.length <= 10 &&
        c.fields.every((f) => isText(f, 40)) &&
        (c.result === 'agrees' || c.result === 'disagrees' || c.result === 'unchecked') &&
        (c.side === undefined || c.side === 'long' || c.side === 'short') &&
        (c.page === undefined || isText(c.page, 200)) &&
        (c.computed === undefined || isNum(c.computed)),
    );
  return ok ? (v as Check[]) : null;
}

const venueEstimateOk = (v: unknown) => v === undefined || (isObj(v) && isText(v.venue, 40) && isNum(v.price) && isNum(v.gap) && isNum(v.gapPercent) && typeof v.matches === 'boolean');

const NUMBERS = ['markPrice', 'lossAtLiquidation', 'notional', 'initialMargin', 'maintenanceMargin'] as const;
const NULLABLE_NUMBERS = ['liquidationPrice', 'bankruptcyPrice', 'distancePrice', 'distancePercent'] as const;

function side(v: unknown): SideFigures | null {
  if (!isObj(v)) return null;
  const m = v.marginAtRisk;
  const ok =
    (v.side === 'long' || v.side === 'short') &&
    NUMBERS.every((k) => isNum(v[k])) &&
    NULLABLE_NUMBERS.every((k) => v[k] === null || isNum(v[k])) &&
    (v.liquidationNullReason === undefined || isText(v.liquidationNullReason)) &&
    (v.touchProbability24h === undefined || isNum(v.touchProbability24h)) &&
    (v.lossIfLiquidated === undefined || (isObj(v.lossIfLiquidated) && isNum(v.lossIfLiquidated.amount) && isText(v.lossIfLiquidated.basis, 40))) &&
    SEVERITIES.includes(v.severity as string) &&
    Array.isArray(v.severityReasons) &&
    v.severityReasons.every((s) => isText(s)) &&
    isObj(m) &&
    isNum(m.amount) &&
    (m.scope === 'position' || m.scope === 'cross-wallet') &&
    (m.addedByThisOrder === undefined || isNum(m.addedByThisOrder)) &&
    isText(v.currency, 20) &&
    notes(v.assumptions) !== null &&
    notes(v.warnings) !== null &&
    venueEstimateOk(v.venueEstimate) &&
    (v.tick === undefined || v.tick === null || isNum(v.tick));
  return ok ? (v as unknown as SideFigures) : null;
}

function policy(v: unknown): PolicyBrief | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || !isText(v.verdict, 100) || !isText(v.headline) || !isText(v.reasons) || !isText(v.venueId, 100) || notes(v.caveats) === null) return undefined;
  return v as unknown as PolicyBrief;
}

/** The reply's state if it is well formed, else null. */
export function parseOverlayState(v: unknown): OverlayState | null {
  if (!isObj(v)) return null;
  switch (v.kind) {
    case 'idle':
      return isText(v.message) ? { kind: 'idle', message: v.message } : null;
    case 'error':
      return isText(v.message) ? { kind: 'error', message: v.message } : null;
    case 'unreadable': {
      const reasons = notes(v.reasons);
      const list = checks(v.checks);
      if (!reasons || list === null || (v.withheld !== undefined && typeof v.withheld !== 'boolean')) return null;
      return { kind: 'unreadable', reasons, ...(v.withheld === true ? { withheld: true } : {}), ...(list ? { checks: list } : {}) };
    }
    case 'confirm': {
      const found = notes(v.found);
      return found ? { kind: 'confirm', found } : null;
    }
    case 'assessed': {
      if (!isText(v.venue, 100) || !isText(v.symbol, 100) || !Array.isArray(v.sides) || v.sides.length === 0 || v.sides.length > 2) return null;
      const sides = v.sides.map(side);
      if (sides.some((s) => s === null)) return null;
      const p = policy(v.policy);
      if (p === undefined) return null;
      const t = v.table;
      if (t !== null && !(isObj(t) && isText(t.source) && isText(t.capturedAt, 100) && (t.ageDays === null || (typeof t.ageDays === 'number' && Number.isFinite(t.ageDays))))) return null;
      const assumptions = notes(v.assumptions);
      const warnings = notes(v.warnings);
      const list = checks(v.checks);
      if (!assumptions || !warnings || list === null) return null;
      const account = v.account === undefined ? undefined : parseAccountView(v.account);
      if (account === null) return null;
      const state: Extract<OverlayState, { kind: 'assessed' }> = { kind: 'assessed', venue: v.venue, symbol: v.symbol, sides: sides as SideFigures[], policy: p, table: t as { source: string; capturedAt: string; ageDays: number | null } | null, assumptions, warnings, ...(list ? { checks: list } : {}), ...(account ? { account } : {}) };
      const d = v.distanceThresholds;
      if (isObj(d) && isNum(d.caution) && isNum(d.danger) && isNum(d.critical)) state.distanceThresholds = { caution: d.caution, danger: d.danger, critical: d.critical };
      return state;
    }
    default:
      return null;
  }
}
