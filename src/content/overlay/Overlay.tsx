import type { ComponentChildren } from 'preact';
import type { Side } from '../../shared/form-snapshot';
import type { Note, OverlayState, Severity, SideFigures } from '../../shared/overlay-state';
import type { PageReport } from '../../core/report/types';
import type { PickerField } from '../picker-store';
import { copyText, ReportPreview } from '../report/ReportPreview';
import { formatDecimal, formatPercent, formatProbability } from './format';

/**
 * The overlay next to the order form. It renders what it is given and does no arithmetic:
 * every figure is the background's decimal string, formatted for the trader's locale, with
 * the exact string in `data-value` and a stable `data-liqguard` hook. Page-supplied text
 * (symbols, reasons quoting page labels) is only ever rendered as text.
 */

export interface PickingView {
  field: PickerField;
  step: number;
  total: number;
  /** Why the last click was not taken ("this field has no stable name…"). */
  note?: string;
}

export interface OverlayView {
  state: OverlayState;
  /** `background`: the state is the answer to a sent snapshot (or the lack of one); `local`: decided on the page. */
  origin: 'local' | 'background';
  /** Symbol of the latest snapshot, for the header and the test hook. */
  symbol: string | null;
  /** Side the trader is hovering or focusing: shown first. */
  activeSide?: Side;
  /** A newer snapshot is on its way to the background: figures are dimmed until it answers. */
  pending: boolean;
  picking: PickingView | null;
  /** Offer "point at the fields". */
  canPick: boolean;
  /** The page report the trader asked for: shown to read, edit and send, in place of the body. */
  report?: PageReport | null;
}

export interface OverlayActions {
  toggle(): void;
  pick(): void;
  skipPick(): void;
  cancelPick(): void;
  confirm(): void;
  openVenue(venueId: string): void;
  /** Drag or keyboard move to viewport coordinates; `done` when the trader let go (save it). */
  move(x: number, y: number, done: boolean): void;
  /** "Report this page": builds the page report and shows it. */
  report(): void;
  closeReport(): void;
}

export interface OverlayProps {
  view: OverlayView;
  locale: string | undefined;
  theme: 'light' | 'dark';
  collapsed: boolean;
  actions: OverlayActions;
  /** Top-left corner in viewport pixels. */
  position: { x: number; y: number };
  /** Screen-reader announcement of the latest severity change. */
  announcement: string;
}

const SEVERITY_ORDER: readonly Severity[] = ['none', 'ok', 'caution', 'danger', 'critical'];
export const SEVERITY_TEXT: Record<Severity, string> = { none: 'No liquidation price', ok: 'Low risk', caution: 'Caution', danger: 'Danger', critical: 'Critical' };
const SEVERITY_MARK: Record<Severity, string> = { none: '○', ok: '●', caution: '▲', danger: '◆', critical: '■' };
const FIELD_TEXT: Record<PickerField, string> = { price: 'the price field', quantity: 'the size (quantity) field', leverage: 'the leverage (e.g. “20x”)' };

export function worstSeverity(sides: readonly SideFigures[]): Severity | null {
  let worst: Severity | null = null;
  for (const s of sides) if (worst === null || SEVERITY_ORDER.indexOf(s.severity) > SEVERITY_ORDER.indexOf(worst)) worst = s.severity;
  return worst;
}

function orderSides(sides: readonly SideFigures[], active: Side | undefined): SideFigures[] {
  return [...sides].sort((a, b) => Number(b.side === active) - Number(a.side === active));
}

function Figure(props: { field: string; value: string | null | undefined; text: string; class?: string }) {
  return (
    <span class={`lg-fig ${props.class ?? ''}`} data-liqguard={props.field} {...(props.value ? { 'data-value': props.value } : {})}>
      {props.text}
    </span>
  );
}

function NoteList(props: { notes: readonly Note[]; hook?: string }) {
  return (
    <ul class="lg-notes">
      {props.notes.map((n, i) => (
        <li key={`${n.code}-${i}`} {...(props.hook ? { 'data-liqguard': props.hook } : {})} data-code={n.code}>
          {n.message}
        </li>
      ))}
    </ul>
  );
}

function Expand(props: { label: string; hook: string; children: ComponentChildren }) {
  return (
    <details class="lg-expand" data-liqguard={props.hook}>
      <summary class="lg-link">{props.label}</summary>
      <div class="lg-expand-body">{props.children}</div>
    </details>
  );
}

function SideView(props: { figures: SideFigures; locale: string | undefined }) {
  const f = props.figures;
  const { locale } = props;
  const cur = f.currency;
  const severity = <Figure field="severity" value={f.severity} text={SEVERITY_TEXT[f.severity]} class={`lg-sev lg-sev-${f.severity}`} />;
  return (
    <section class={`lg-side lg-side-${f.severity}`} data-liqguard-side={f.side}>
      <div class="lg-side-head">
        <span class="lg-side-name">{f.side === 'long' ? 'Long' : 'Short'}</span>
        <span aria-hidden="true" class={`lg-mark lg-sev-${f.severity}`}>{SEVERITY_MARK[f.severity]}</span>
        {severity}
      </div>
      <dl class="lg-grid">
        <dt>Liquidation price</dt>
        <dd>
          {f.liquidationPrice === null ? (
            <>
              <Figure field="liquidation-price" value={null} text="none" />
              {f.liquidationNullReason ? <span class="lg-sub"> ({f.liquidationNullReason})</span> : null}
            </>
          ) : (
            <>
              <Figure field="liquidation-price" value={f.liquidationPrice} text={formatDecimal(f.liquidationPrice, locale)} class="lg-big" /> <span class="lg-unit">{cur === 'USD' || cur === 'USDT' || cur === 'USDC' ? cur : ''}</span>
            </>
          )}
        </dd>
        <dt>Distance from mark</dt>
        <dd>
          <Figure field="distance-percent" value={f.distancePercent} text={formatPercent(f.distancePercent, locale)} /> ·{' '}
          <Figure field="distance-price" value={f.distancePrice} text={formatDecimal(f.distancePrice, locale)} />
          <span class="lg-sub"> (mark {formatDecimal(f.markPrice, locale)})</span>
        </dd>
        <dt>Loss at liquidation</dt>
        <dd>
          <Figure field="loss-at-liquidation" value={f.lossAtLiquidation} text={formatDecimal(f.lossAtLiquidation, locale)} /> <span class="lg-unit">{cur}</span>
        </dd>
        <dt>Margin at risk</dt>
        <dd>
          {f.marginAtRisk.scope === 'cross-wallet' ? (
            <>
              Your whole cross wallet of <Figure field="margin-at-risk" value={f.marginAtRisk.amount} text={formatDecimal(f.marginAtRisk.amount, locale)} /> {cur} backs this position.
            </>
          ) : (
            <>
              <Figure field="margin-at-risk" value={f.marginAtRisk.amount} text={formatDecimal(f.marginAtRisk.amount, locale)} /> {cur} (this position’s isolated margin)
            </>
          )}
          {f.marginAtRisk.addedByThisOrder ? <span class="lg-sub"> · this order adds {formatDecimal(f.marginAtRisk.addedByThisOrder, locale)} {cur}</span> : null}
        </dd>
        {f.touchProbability24h !== undefined ? (
          <>
            <dt>Chance mark touches it in 24 h</dt>
            <dd>
              <Figure field="touch-probability" value={f.touchProbability24h} text={formatProbability(f.touchProbability24h, locale)} />
            </dd>
          </>
        ) : null}
      </dl>
      {f.severityReasons.length > 0 ? (
        <Expand label={`Why “${SEVERITY_TEXT[f.severity]}”`} hook="severity-reasons">
          <ul>
            {f.severityReasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </Expand>
      ) : null}
    </section>
  );
}

function Assessed(props: { state: Extract<OverlayState, { kind: 'assessed' }>; view: OverlayView; locale: string | undefined; actions: OverlayActions }) {
  const { state, locale, actions } = props;
  const sides = orderSides(state.sides, props.view.activeSide);
  const notes = [...state.assumptions, ...state.warnings, ...sides.flatMap((s) => [...s.assumptions, ...s.warnings])];
  const unique = notes.filter((n, i) => notes.findIndex((m) => m.code === n.code && m.message === n.message) === i);
  const p = state.policy;
  return (
    <div class="lg-body">
      {sides.map((s) => (
        <SideView key={s.side} figures={s} locale={locale} />
      ))}
      <div class="lg-policy">
        <div class="lg-q">Can this cost more than your margin?</div>
        {p ? (
          <>
            <Figure field="nbp-verdict" value={p.verdict} text={p.headline} class="lg-verdict" />
            <Expand label="Why" hook="policy-details">
              <p>{p.reasons}</p>
              {p.caveats.length ? <NoteList notes={p.caveats} /> : null}
              <button type="button" class="lg-link" onClick={onTrusted(() => actions.openVenue(p.venueId))}>
                Venue details in LiqGuard
              </button>
            </Expand>
          </>
        ) : (
          <Figure field="nbp-verdict" value="unknown" text="Unknown for this venue" class="lg-verdict" />
        )}
      </div>
      {unique.length > 0 ? (
        <Expand label={`Assumptions and warnings (${unique.length})`} hook="assumptions">
          <NoteList notes={unique} />
          {state.table ? (
            <p class="lg-sub">
              Tiers: {state.table.source}, {state.table.capturedAt}
              {state.table.ageDays !== null ? ` (${state.table.ageDays} days old)` : ''}
            </p>
          ) : null}
        </Expand>
      ) : null}
    </div>
  );
}

function Body(props: { view: OverlayView; locale: string | undefined; actions: OverlayActions }) {
  const { view, actions } = props;
  const pick = view.canPick ? (
    <button type="button" class="lg-btn" data-liqguard-action="pick" onClick={onTrusted(actions.pick)}>
      Point at the fields
    </button>
  ) : null;
  if (view.picking) {
    const p = view.picking;
    return (
      <div class="lg-body" data-liqguard="picker">
        <p class="lg-strong">
          Click {FIELD_TEXT[p.field]} ({p.step} of {p.total})
        </p>
        {p.note ? <p class="lg-warn">{p.note}</p> : null}
        <p class="lg-sub">Your click goes to LiqGuard, not to the page. Esc cancels.</p>
        <div class="lg-row">
          <button type="button" class="lg-btn" data-liqguard-action="skip" onClick={onTrusted(actions.skipPick)}>
            Skip this one
          </button>
          <button type="button" class="lg-btn lg-ghost" data-liqguard-action="cancel" onClick={onTrusted(actions.cancelPick)}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  const s = view.state;
  switch (s.kind) {
    case 'idle':
      return <div class="lg-body"><p data-liqguard="message">{s.message}</p></div>;
    case 'error':
      return <div class="lg-body"><p class="lg-warn" data-liqguard="message">{s.message}</p></div>;
    case 'unreadable':
      return (
        <div class="lg-body">
          <p class="lg-strong">No figure: LiqGuard cannot read everything it needs.</p>
          <NoteList notes={s.reasons} hook="unreadable-reason" />
          {pick}
        </div>
      );
    case 'confirm':
      return (
        <div class="lg-body">
          <p class="lg-strong">Are these the order form’s fields?</p>
          <NoteList notes={s.found} hook="found" />
          <div class="lg-row">
            <button type="button" class="lg-btn lg-primary" data-liqguard-action="confirm" onClick={onTrusted(actions.confirm)}>
              Yes, use them
            </button>
            {pick}
          </div>
        </div>
      );
    case 'assessed':
      return <Assessed state={s} view={view} locale={props.locale} actions={actions} />;
  }
}

/**
 * "Report this page": a button that stands out when the page could not be read (the overlay failed
 * closed on the page itself) or the page's own figures contradict what was read, which is what a
 * report is for; a quiet link otherwise (a refusal for missing market data is no page problem).
 */
function ReportButton(props: { view: OverlayView; actions: OverlayActions }) {
  const { state: s, origin } = props.view;
  if (props.view.picking) return null;
  const contradicted = (s.kind === 'unreadable' && s.withheld) || ((s.kind === 'unreadable' || s.kind === 'assessed') && !!s.checks?.some((c) => c.result === 'disagrees'));
  const failed = contradicted || (origin === 'local' && (s.kind === 'unreadable' || s.kind === 'error' || s.kind === 'confirm'));
  return (
    <div class="lg-foot">
      {failed ? <p class="lg-sub">LiqGuard may not read this page right. A report shows the project what it looks like, numbers masked; you see it first.</p> : null}
      <button type="button" class={failed ? 'lg-btn' : 'lg-link lg-quiet'} data-liqguard-action="report-page" onClick={onTrusted(props.actions.report)}>
        Report this page
      </button>
    </div>
  );
}

/** Plain text for the collapsed pill and the screen-reader announcement. */
export function summary(view: OverlayView, locale: string | undefined): string {
  const s = view.state;
  if (view.picking) return 'Pointing at fields';
  if (s.kind === 'unreadable' && s.reasons[0]?.code === 'no-form') return 'No order form found';
  if (s.kind !== 'assessed') return { idle: 'Waiting for a size', unreadable: 'No figure: fields unreadable', confirm: 'Confirm the fields', error: 'Calculator problem' }[s.kind];
  const first = orderSides(s.sides, view.activeSide)[0];
  const worst = worstSeverity(s.sides);
  const liq = first?.liquidationPrice ? ` · liq. ${formatDecimal(first.liquidationPrice, locale)}` : '';
  return `${worst ? SEVERITY_TEXT[worst] : ''}${liq}`;
}

/**
 * Only the trader's own input acts: a page script can fire `click()` or synthetic keys and
 * pointer events at any element it can reach, and none of them may collapse, move, confirm or
 * open anything. `isTrusted` is set by the browser alone.
 */
export const trusted = (e: Event): boolean => e.isTrusted === true;
const onTrusted = (act: () => void) => (e: Event) => {
  if (trusted(e)) act();
};

/** The drag in progress (one overlay per page). */
let drag: { dx: number; dy: number; id: number } | null = null;

export function Overlay(props: OverlayProps) {
  const { view, locale, theme, collapsed, actions, position, announcement } = props;
  const state = view.state;
  const worst = state.kind === 'assessed' ? worstSeverity(state.sides) : null;

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !trusted(e)) return;
    drag = { dx: e.clientX - position.x, dy: e.clientY - position.y, id: e.pointerId };
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    if (drag && drag.id === e.pointerId && trusted(e)) actions.move(e.clientX - drag.dx, e.clientY - drag.dy, false);
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag;
    if (!d || d.id !== e.pointerId || !trusted(e)) return;
    drag = null;
    actions.move(e.clientX - d.dx, e.clientY - d.dy, true);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 48 : 12;
    const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const d = delta[e.key];
    if (!d || !trusted(e)) return;
    e.preventDefault();
    actions.move(position.x + d[0], position.y + d[1], true);
  };

  const hooks = (
    <>
      <span hidden data-liqguard="state">{state.kind}</span>
      <span hidden data-liqguard="origin">{view.origin}</span>
      <div class="lg-sr" role="status" aria-live="polite" data-liqguard="announcer">
        {announcement}
      </div>
    </>
  );
  const frameClass = `lg-frame lg-${theme}${worst ? ` lg-frame-${worst}` : ''}${view.pending ? ' lg-pending' : ''}`;
  const style = { left: `${Math.round(position.x)}px`, top: `${Math.round(position.y)}px` };

  if (collapsed) {
    return (
      <div class={`${frameClass} lg-collapsed`} style={style} data-liqguard="overlay" data-collapsed="true">
        {hooks}
        <span hidden data-liqguard="symbol">
          {view.symbol ?? ''}
        </span>
        <button type="button" class="lg-pill" aria-expanded="false" data-liqguard-action="toggle" onClick={onTrusted(actions.toggle)}>
          <span class="lg-brand">LiqGuard</span>
          {worst ? <span aria-hidden="true" class={`lg-mark lg-sev-${worst}`}> {SEVERITY_MARK[worst]}</span> : null}
          <span> {summary(view, locale)}</span>
        </button>
      </div>
    );
  }
  return (
    <div class={frameClass} style={style} data-liqguard="overlay" data-collapsed="false" role="region" aria-label="LiqGuard liquidation risk" aria-busy={view.pending}>
      {hooks}
      <div class="lg-head">
        <button
          type="button"
          class="lg-handle"
          aria-label="Move LiqGuard (drag or arrow keys)"
          data-liqguard-action="move"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
        >
          ⠿
        </button>
        <span class="lg-brand">LiqGuard</span>
        <span class="lg-symbol" data-liqguard="symbol">{view.symbol ?? ''}</span>
        <button type="button" class="lg-toggle" aria-expanded="true" aria-label="Collapse LiqGuard" data-liqguard-action="toggle" onClick={onTrusted(actions.toggle)}>
          –
        </button>
      </div>
      {view.report ? (
        <div class="lg-body">
          <ReportPreview report={view.report} copy={copyText} onClose={actions.closeReport} trusted={trusted} />
        </div>
      ) : (
        <>
          <Body view={view} locale={locale} actions={actions} />
          <ReportButton view={view} actions={actions} />
        </>
      )}
    </div>
  );
}
