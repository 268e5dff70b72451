import type { ComponentChildren } from 'preact';
import type { AccountView } from '../../shared/account-snapshot';
import type { Side } from '../../shared/form-snapshot';
import type { Note, OverlayState, PolicyBrief, SideFigures } from '../../shared/overlay-state';
import { DASH, fractionPercent, money, percent, price, priceUnit, sentence, signedPrice, venueName } from '../../ui/format';
import { signedMove } from '../../ui/distance';
import { SEVERITY_MARK, SEVERITY_TEXT, severityRank, type Level } from '../../ui/severity';
import { AccountPositions } from './Account';
import { Same } from './same';

/**
 * The overlay next to the order form: a compact card a trader reads in two seconds. One row per
 * side (severity in words and shape, liquidation price with its unit, the signed move to it in % and
 * in price, a bar of that distance against the thresholds), the warnings that change a decision
 * right under them, and everything else (what a liquidation costs, the margin at risk, the venue's
 * answer on negative balances, the assumptions) behind "Details".
 *
 * It renders what it is given and does no arithmetic: every figure is the background's decimal
 * string, formatted by the one formatter (src/ui/format.ts) in the trader's number format, with the
 * exact string in `data-value` and a stable `data-liqguard` hook. Page-supplied text (symbols,
 * reasons quoting page labels) is only ever rendered as text. Only the trader's own (trusted) input
 * acts.
 *
 * Extending it: a new warning is a Note in the state's `warnings` (it shows above the fold); a new
 * detail is a `<Section>` in `Details`; a new fail-closed action is a button in `Unreadable`.
 */

/** "Point at the fields": the picker panel (from the on-demand module) renders itself into the element `attach` is given. */
export interface PickingView {
  attach(el: Element | null): void;
}

export interface OverlayView {
  state: OverlayState;
  /** `background`: the state is the answer to a sent snapshot (or the lack of one); `local`: decided on the page. */
  origin: 'local' | 'background';
  /** Symbol of the latest snapshot, for the header and the test hook. */
  symbol: string | null;
  /** Side the trader is hovering or focusing: shown first and emphasised. */
  activeSide?: Side;
  /** A newer snapshot is on its way to the background: figures are dimmed until it answers. */
  pending: boolean;
  picking: PickingView | null;
  /** Offer "point at the fields". */
  canPick: boolean;
  /**
   * The page report the trader asked for, in place of the body: `attach` renders its preview (to
   * read, edit and send) into an element this overlay leaves empty (the preview comes from the
   * content script's on-demand module); `failed` says why there is none.
   */
  report?: ReportView | null;
  /** The page's open positions as the background sees them (src/content/overlay/Account.tsx), when read. */
  account?: AccountView | null;
}

export type ReportView = { attach(el: Element | null): void } | { failed: string };

export interface OverlayActions {
  toggle(): void;
  pick(): void;
  confirm(): void;
  openVenue(venueId: string): void;
  /** Drag or keyboard move to viewport coordinates; `done` when the trader let go (save it). */
  move(x: number, y: number, done: boolean): void;
  /** "Report this page": builds the page report and shows it. */
  report(): void;
  closeReport(): void;
  /** Show or hide the details under the rows. */
  details?(): void;
  /** The trader says which margin mode the form is in, where the page does not show it. */
  chooseMarginMode?(mode: 'cross' | 'isolated'): void;
  /** Opens the popup's calculator in a tab, prefilled with what the form shows. */
  openCalculator?(): void;
}

export interface OverlayProps {
  view: OverlayView;
  locale: string | undefined;
  theme: 'light' | 'dark';
  collapsed: boolean;
  /** Details open under the rows. */
  detailsOpen?: boolean;
  actions: OverlayActions;
  /** Top-left corner in viewport pixels; `maxHeight`: room below it (Details scroll inside). */
  position: { x: number; y: number; maxHeight?: number };
  /** Screen-reader announcement of the latest severity change. */
  announcement: string;
}

export { SEVERITY_TEXT };


/** Distance thresholds the bar is drawn against, when the background sends them. */
interface Thresholds {
  caution: string;
  danger: string;
  critical: string;
}

const levelOf = (f: SideFigures): Level => f.severity as Level;

export function worstSeverity(sides: readonly SideFigures[]): Level | null {
  let worst: Level | null = null;
  for (const s of sides) if (worst === null || severityRank(levelOf(s)) > severityRank(worst)) worst = levelOf(s);
  return worst;
}

function orderSides(sides: readonly SideFigures[], active: Side | undefined): SideFigures[] {
  return [...sides].sort((a, b) => Number(b.side === active) - Number(a.side === active));
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

/** The move to the liquidation price: down (negative) for a long, up for a short. */
const move = (f: SideFigures, v: string | null) => (v === null ? null : signedMove(f.side, v));

function Figure(props: { field: string; value: string | null | undefined; text: string; class?: string }) {
  return (
    <span class={props.class} data-liqguard={props.field} {...(props.value ? { 'data-value': props.value } : {})}>
      {props.text}
    </span>
  );
}

/**
 * The start of a warning that fits above the fold (two lines of the card, 72 characters): the
 * longest run of whole sentences or clauses (ending in ". ", ": " or "; ", which never sit inside a
 * figure in any number format), else of whole words, dropping a last word that holds a digit (a
 * number without its unit, a date); a group separator (nbsp, narrow nbsp, ’) is never a cut. So a
 * figure is never cut in half. The engine writes each warning's decision first; Details has it whole.
 */
export function leadOf(t: string): string {
  const cut = t.length > 72 && (/^.{9,71}[.:;](?= )/.exec(t)?.[0].replace(/[:;]$/, '') ?? /^.{9,71}[^ ](?= )/.exec(t)?.[0].replace(/ [^ ]*\d[^ ]*$/, ''));
  return cut ? `${cut} …` : t;
}

/** Notes as sentences in the trader's number format; `asRead`: they quote the page (or are already formatted), shown exactly as given. */
function NoteList(props: { notes: readonly Note[]; hook?: string; locale: string | undefined; class?: string; asRead?: boolean }) {
  return (
    <ul class={props.class}>
      {props.notes.map((n, i) => (
        <li key={`${n.code}-${i}`} {...(props.hook ? { 'data-liqguard': props.hook } : {})} data-code={n.code}>
          {props.asRead ? n.message : sentence(n.message, props.locale)}
        </li>
      ))}
    </ul>
  );
}

/** The account's self-check mismatches, above the fold like every warning (never folded away). */
function AccountAlerts(props: { account: AccountView | null | undefined; locale: string | undefined }) {
  const w = props.account?.warnings;
  return w?.length ? <NoteList notes={w} hook="warning" locale={props.locale} class="lg-warnings" /> : null;
}

/** A small bar: how much room is left, against the critical, danger and caution thresholds. Layout only. */
function DistanceBar(props: { percent: string | null; thresholds: Thresholds | undefined; level: Level }) {
  const t = props.thresholds;
  const d = props.percent === null ? NaN : Number(props.percent);
  if (!t || !Number.isFinite(d)) return null;
  const max = Math.max(Number(t.caution) * 2, 1);
  const at = (x: string | number) => `${Math.max(0, Math.min(100, (Number(x) / max) * 100)).toFixed(1)}%`;
  const zones = `linear-gradient(90deg, var(--critical) 0 ${at(t.critical)}, var(--danger) 0 ${at(t.danger)}, var(--caution) 0 ${at(t.caution)}, var(--ok) 0)`;
  return (
    <span class="lg-bar" aria-hidden="true" style={{ background: zones }}>
      <span class={`lg-bar-mark lg-sev-${props.level}`} style={{ left: at(d) }} />
    </span>
  );
}

const nullReason = (f: SideFigures, locale: string | undefined) => sentence(f.liquidationNullReason ?? 'The margin covers this position’s worst move.', locale);

function SideRow(props: { figures: SideFigures; active: boolean; locale: string | undefined; unit: string | null; thresholds: Thresholds | undefined }) {
  const { figures: f, locale, unit } = props;
  const level = levelOf(f);
  // The page's copy of an answer carries the tick alone (`tick`); a whole answer (tests, the popup's) its `raw`.
  const tick = f.tick !== undefined ? f.tick : (f.raw?.tick ?? null);
  const pct = move(f, f.distancePercent);
  const dist = move(f, f.distancePrice);
  return (
    <section class={`lg-side lg-side-${level}${props.active ? ' lg-active' : ''}`} data-liqguard-side={f.side} aria-current={props.active ? 'true' : undefined}>
      <div class="lg-line">
        {/* Upper-cased by its style: "LONG". */}
        <span class="lg-side-name">{f.side}</span>
        <span aria-hidden="true" class={`lg-mark lg-sev-${level}`}>{SEVERITY_MARK[level]}</span>
        <Figure field="severity" value={f.severity} text={SEVERITY_TEXT[level]} class={`lg-sev lg-sev-${level}`} />
        <span class="lg-liq">
          {f.liquidationPrice === null ? (
            // The severity word already says "No liquidation price" when the level is neutral.
            <Figure field="liquidation-price" value={null} text={level === 'none' ? DASH : 'no liquidation price'} class="lg-none" />
          ) : (
            <>
              <span class="lg-sub">liq. </span>
              <Figure field="liquidation-price" value={f.liquidationPrice} text={price(f.liquidationPrice, locale, tick)} class="lg-big" />
              {unit ? <span class="lg-unit"> {unit}</span> : null}
            </>
          )}
        </span>
      </div>
      {f.liquidatedOnFill ? (
        <div class="lg-line lg-warn" data-liqguard="liquidated-on-fill">
          Liquidated as it fills: the order’s price is at or past its liquidation price.
        </div>
      ) : f.liquidationPrice === null ? (
        // One line in the row (the whole reason in Details): the card stays short.
        <div class="lg-line lg-sub lg-clip" data-liqguard="liquidation-null-reason">
          {nullReason(f, locale)}
        </div>
      ) : (
        <div class="lg-line">
          <Figure field="distance-percent" value={f.distancePercent} text={percent(pct, locale, { signed: true })} class="lg-dist" />
          <span class="lg-sub">
            (<Figure field="distance-price" value={f.distancePrice} text={signedPrice(dist, locale, tick, unit)} />)
          </span>
          <DistanceBar percent={f.distancePercent} thresholds={props.thresholds} level={level} />
        </div>
      )}
      {f.liquidationPrice !== null && !f.liquidatedOnFill && f.distanceFrom === 'fill' ? (
        <div class="lg-line lg-sub lg-clip" data-liqguard="distance-from">
          from your price, not the mark
        </div>
      ) : null}
      {f.venueEstimate?.matches && f.liquidationPrice !== null ? (
        // The venue's own estimate bears the figure out (a gap is a warning above the fold, both figures named).
        <div class="lg-line lg-sub lg-clip" data-liqguard="venue-estimate" data-value={f.venueEstimate.price}>
          matches {f.venueEstimate.venue}’s estimate
        </div>
      ) : null}
    </section>
  );
}

function Section(props: { title: string; hook?: string; children: ComponentChildren }) {
  return (
    <section class="lg-section" {...(props.hook ? { 'data-liqguard': props.hook } : {})}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

function LossLines(props: { f: SideFigures; locale: string | undefined; venueName: string }) {
  const { f, locale } = props;
  const cur = f.currency;
  const loss = f.lossIfLiquidated;
  const atLiq = <Figure field="loss-at-liquidation" value={f.lossAtLiquidation} text={money(f.lossAtLiquidation, cur, locale)} />;
  if (!loss) return <p>At the liquidation price itself: {atLiq}</p>;
  const headline = <Figure field="loss-if-liquidated" value={loss.amount} text={money(loss.amount, cur, locale)} class="lg-strong" />;
  const note = loss.note ? <p class="lg-sub">{sentence(loss.note, locale)}</p> : null;
  if (loss.basis === 'worst-move')
    return (
      <>
        <p>No liquidation price: the worst case is {headline}, this position’s own worst move (bounded by the wallet).</p>
        {note}
      </>
    );
  if (loss.basis === 'at-liquidation-price')
    return (
      <>
        <p>If liquidated you lose {headline} (at the liquidation price, fees included; {props.venueName} returns what is left).</p>
        {note}
      </>
    );
  return (
    <>
      <p>
        If liquidated you lose {headline}: the whole margin plus fees ({props.venueName} keeps what is left).
      </p>
      <p class="lg-sub">At the liquidation price itself: {atLiq}</p>
      {note}
    </>
  );
}

function SideDetails(props: { f: SideFigures; locale: string | undefined; two: boolean; venueName: string }) {
  const { f, locale } = props;
  const cur = f.currency;
  const m = f.marginAtRisk;
  return (
    <div data-liqguard-side-details={f.side}>
      {props.two ? <h3>{f.side === 'long' ? 'Long' : 'Short'}</h3> : null}
      {f.liquidationPrice === null ? <p class="lg-sub">{nullReason(f, locale)}</p> : null}
      <LossLines f={f} locale={locale} venueName={props.venueName} />
      <p>
        At risk: {m.scope === 'cross-wallet' ? 'your whole cross wallet' : 'this position’s isolated margin'},{' '}
        <Figure field="margin-at-risk" value={m.amount} text={money(m.amount, cur, locale)} />
        {m.addedByThisOrder ? <span class="lg-sub"> (this order adds {money(m.addedByThisOrder, cur, locale)} with its opening fee)</span> : null}
      </p>
      {f.touchProbability24h !== undefined ? (
        <p>
          Chance the mark touches it within 24 h: <Figure field="touch-probability" value={f.touchProbability24h} text={fractionPercent(f.touchProbability24h, locale)} />
        </p>
      ) : null}
      {f.severityReasons.length > 0 ? (
        <details class="lg-why" data-liqguard="severity-reasons">
          <summary>Why “{SEVERITY_TEXT[levelOf(f)]}”</summary>
          <ul>
            {f.severityReasons.map((r, i) => (
              <li key={i}>{sentence(r, locale)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function Policy(props: { p: PolicyBrief | null; locale: string | undefined; actions: OverlayActions }) {
  const { p, locale, actions } = props;
  if (!p) return <Figure field="nbp-verdict" value="unknown" text="Unknown for this venue" />;
  return (
    <>
      <p>
        <Figure field="nbp-verdict" value={p.verdict} text={sentence(p.headline, locale)} class="lg-verdict" />
      </p>
      {/* The reasons, caveats and sources are one click away, in the popup's venue view. */}
      <button type="button" class="lg-link" data-liqguard-action="venue" onClick={onTrusted(() => actions.openVenue(p.venueId))}>
        Venue details in LiqGuard
      </button>
    </>
  );
}

type Assessed = Extract<OverlayState, { kind: 'assessed' }>;

function uniqueNotes(notes: readonly Note[]): Note[] {
  return notes.filter((n, i) => notes.findIndex((m) => m.code === n.code && m.message === n.message) === i);
}

/** Warnings stand above the fold (each cut to its start, never inside a figure), the rest one click away in Details. */
const WARNINGS_SHOWN = 2;

/**
 * Which warnings stand above the fold, and what Details lists in full. Those that change the decision
 * stand above (self-check mismatches always, the tier table's age past 30 days or without a date always in one
 * of the places left); two kinds wait in Details: the note that explains a Details figure (the loss shown is
 * the worst move), and the tier table's source line when its age is already said above. Details lists
 * every warning in full, once: the source line already quotes the table's age, so the age warning is
 * not repeated under it.
 */
export function splitWarnings(warnings: readonly Note[]): { shown: Note[]; more: Note[]; full: Note[] } {
  const has = (code: string) => warnings.some((w) => w.code === code);
  // The engine's warnings on the table's age (past 30 days, very old, undated): once one stands above the fold, the
  // table's source line (which names the same date) waits in Details.
  const AGE = ['tier-table-age', 'tier-table-old', 'tier-table-undated'];
  const ageSaid = AGE.some(has);
  const detailOnly = (w: Note) => w.code === 'loss-is-worst-move' || (w.code === 'tier-table-source' && ageSaid);
  // A self-check mismatch is never folded away, however many there are.
  const mismatch = (w: Note) => w.code === 'self-check-mismatch';
  const first = warnings.filter((w) => !detailOnly(w) && !mismatch(w));
  const room = Math.max(0, WARNINGS_SHOWN - warnings.filter(mismatch).length);
  // A table past 30 days or undated says whether the figures can be trusted: it keeps a place above the fold.
  const aged = first.find((w) => AGE.includes(w.code));
  const up = first.slice(0, room);
  if (aged && room > 0 && !up.includes(aged)) up[room - 1] = aged;
  return {
    shown: [...warnings.filter(mismatch), ...first.filter((w) => up.includes(w))],
    more: [...first.filter((w) => !up.includes(w)), ...warnings.filter(detailOnly)],
    // Only the very old and undated warnings (AGE after its first) are quoted by the source line; the 30-day one keeps its own line.
    full: warnings.filter((w) => !(AGE.indexOf(w.code) > 0 && has('tier-table-source'))),
  };
}

function Details(props: { state: Assessed; account: AccountView | null | undefined; sides: SideFigures[]; locale: string | undefined; actions: OverlayActions; warnings: Note[] }) {
  const { state, sides, locale, actions, account } = props;
  const assumptions = uniqueNotes([...state.assumptions, ...sides.flatMap((s) => s.assumptions)]);
  const venue = venueLabel(state.venue, state.policy?.venueId);
  return (
    <div class="lg-details" id="lg-details" data-liqguard="details">
      {props.warnings.length > 0 ? (
        <Section title="Warnings">
          <NoteList notes={props.warnings} hook="warning" locale={locale} class="lg-warnings" />
        </Section>
      ) : null}
      <Section title="What a liquidation costs">
        {sides.map((s) => (
          <SideDetails key={s.side} f={s} locale={locale} two={sides.length > 1} venueName={venue} />
        ))}
      </Section>
      {account ? (
        <Section title="Your open positions">
          <AccountPositions account={account} locale={locale} sides={sides.map((s) => s.side)} />
        </Section>
      ) : null}
      <Same k={JSON.stringify([state.policy, locale])}>
        <Section title="Can this cost more than your margin?">
          <Policy p={state.policy} locale={locale} actions={actions} />
        </Section>
      </Same>
      <Section title={`What these figures assume (${assumptions.length})`} hook="assumptions">
        <NoteList notes={assumptions} hook="assumption" locale={locale} />
        {/* The tier table's source and age are among these notes (or the warnings), as the background wrote them. */}
      </Section>
      {actions.openCalculator ? (
        <button type="button" class="lg-link" data-liqguard-action="calculator" onClick={onTrusted(actions.openCalculator)}>
          Open in the calculator
        </button>
      ) : null}
    </div>
  );
}

/** The venue's name for sentences ("Binance USDⓈ-M keeps what is left"); the id never reaches the screen. */
const venueLabel = (engineId: string, policyId = '') => venueName(engineId) ?? venueName(policyId) ?? 'the venue';

function AssessedBody(props: { state: Assessed; view: OverlayView; locale: string | undefined; actions: OverlayActions; detailsOpen: boolean }) {
  const { state, view, locale, actions } = props;
  const sides = orderSides(state.sides, view.activeSide);
  const active = view.activeSide ?? sides[0]?.side;
  const thresholds = (state as Assessed & { distanceThresholds?: Thresholds }).distanceThresholds;
  const unit = priceUnit(state.symbol, sides[0]?.currency);
  const warnings = uniqueNotes([...state.warnings, ...sides.flatMap((s) => s.warnings)]);
  const { shown, more, full } = splitWarnings(warnings);
  // The account's mismatches are among the state's warnings once the order was assessed with it.
  const account = state.account ?? view.account;
  return (
    <div class="lg-body">
      {state.account ? null : <AccountAlerts account={account} locale={locale} />}
      {sides.map((s) => (
        <SideRow key={s.side} figures={s} active={sides.length > 1 && s.side === active} locale={locale} unit={unit} thresholds={thresholds} />
      ))}
      {shown.length > 0 ? <NoteList notes={shown.map((n) => ({ ...n, message: leadOf(sentence(n.message, locale)) }))} hook="warning" locale={locale} class="lg-warnings" asRead /> : null}
      <button type="button" class="lg-more" aria-expanded={props.detailsOpen} aria-controls="lg-details" data-liqguard-action="details" onClick={onTrusted(() => actions.details?.())}>
        {props.detailsOpen ? 'Hide details' : more.length > 0 ? `Details · ${more.length} more warning${more.length > 1 ? 's' : ''}` : 'Details'}
      </button>
      {props.detailsOpen ? <Details state={state} account={account} sides={sides} locale={locale} actions={actions} warnings={full} /> : null}
    </div>
  );
}

function Unreadable(props: { state: Extract<OverlayState, { kind: 'unreadable' }>; locale: string | undefined; actions: OverlayActions; pick: ComponentChildren }) {
  const { state, locale, actions } = props;
  const marginUnknown = state.reasons.some((r) => r.field === 'marginMode') && actions.chooseMarginMode;
  return (
    <div class="lg-body">
      <p class="lg-strong">No figure: LiqGuard cannot read everything it needs.</p>
      <NoteList notes={state.reasons} hook="unreadable-reason" locale={locale} />
      {marginUnknown ? (
        <div class="lg-row" role="group" aria-label="Margin mode of this order">
          <span>Margin mode:</span>
          <button type="button" class="lg-btn" data-liqguard-action="margin-cross" onClick={onTrusted(() => actions.chooseMarginMode?.('cross'))}>
            Cross
          </button>
          <button type="button" class="lg-btn" data-liqguard-action="margin-isolated" onClick={onTrusted(() => actions.chooseMarginMode?.('isolated'))}>
            Isolated
          </button>
        </div>
      ) : null}
      <div class="lg-row">
        {props.pick}
        {actions.openCalculator ? (
          <button type="button" class="lg-btn" data-liqguard-action="calculator" onClick={onTrusted(actions.openCalculator)}>
            Open in the calculator
          </button>
        ) : null}
      </div>
    </div>
  );
}

function Body(props: { view: OverlayView; locale: string | undefined; actions: OverlayActions; detailsOpen: boolean }) {
  const { view, actions, locale } = props;
  const pick = view.canPick ? (
    <button type="button" class="lg-btn" data-liqguard-action="pick" onClick={onTrusted(actions.pick)}>
      Point at the fields
    </button>
  ) : null;
  if (view.picking) return <div class="lg-body" data-liqguard="picker" ref={view.picking.attach} />;
  const s = view.state;
  switch (s.kind) {
    case 'idle':
      return (
        <div class="lg-body">
          <AccountAlerts account={view.account} locale={locale} />
          <p data-liqguard="message">{sentence(s.message, locale)}</p>
          <AccountPositions account={view.account} locale={locale} />
        </div>
      );
    case 'error':
      return (
        <div class="lg-body">
          <p class="lg-warn" data-liqguard="message">
            {sentence(s.message, locale)}
          </p>
        </div>
      );
    case 'unreadable':
      return <Unreadable state={s} locale={locale} actions={actions} pick={pick} />;
    case 'confirm':
      return (
        <div class="lg-body">
          <p class="lg-strong">Are these the order form’s fields?</p>
          <NoteList notes={s.found} hook="found" locale={locale} asRead />
          <div class="lg-row">
            <button type="button" class="lg-btn lg-primary" data-liqguard-action="confirm" onClick={onTrusted(actions.confirm)}>
              Yes, use them
            </button>
            {pick}
          </div>
        </div>
      );
    case 'assessed':
      return <AssessedBody state={s} view={view} locale={locale} actions={actions} detailsOpen={props.detailsOpen} />;
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
      {failed ? <p class="lg-sub">LiqGuard may misread this page: a report (numbers masked, shown to you first) helps fix it.</p> : null}
      <button type="button" class={failed ? 'lg-btn' : 'lg-link lg-quiet'} data-liqguard-action="report-page" onClick={onTrusted(props.actions.report)}>
        Report this page
      </button>
    </div>
  );
}

/** Plain text for the collapsed pill and the screen-reader announcement: the riskiest side's level and distance. */
export function summary(view: OverlayView, locale: string | undefined): string {
  const s = view.state;
  if (view.picking) return 'Pointing at fields';
  if (s.kind === 'unreadable' && s.reasons[0]?.code === 'no-form') return 'No order form found';
  if (s.kind !== 'assessed') return { idle: 'Waiting for a size', unreadable: 'No figure: fields unreadable', confirm: 'Confirm the fields', error: 'Calculator problem' }[s.kind];
  const worst = [...s.sides].sort((a, b) => severityRank(levelOf(b)) - severityRank(levelOf(a)))[0];
  if (!worst) return DASH;
  const level = SEVERITY_TEXT[levelOf(worst)];
  // "Danger · long −2.1 %"; "No liquidation price · long".
  return `${level} · ${worst.side}${worst.liquidationPrice === null ? '' : ` ${percent(move(worst, worst.distancePercent), locale, { signed: true })}`}`;
}

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
      <span hidden data-liqguard="state">
        {state.kind}
      </span>
      <span hidden data-liqguard="origin">
        {view.origin}
      </span>
      <div class="lg-sr" role="status" aria-live="polite" data-liqguard="announcer">
        {announcement}
      </div>
    </>
  );
  // `aria-busy` and the dimming while an answer is on its way are set by mount.tsx, without a render.
  // The page report gets a wider panel to read it in (a class, not `:has()`: a `:has()` rule anywhere in the
  // document keeps the browser checking it against the page's own DOM changes).
  const wide = !!view.report && 'attach' in view.report;
  const frameClass = `lg-frame lg-${theme}${worst ? ` lg-frame-${worst}` : ''}${wide ? ' lg-wide' : ''}`;
  const style = { left: `${Math.round(position.x)}px`, top: `${Math.round(position.y)}px`, ...(position.maxHeight ? { maxHeight: `${Math.round(position.maxHeight)}px` } : {}) };

  if (collapsed) {
    return (
      <div class={`${frameClass} lg-collapsed`} style={style} data-liqguard="overlay" data-collapsed="true">
        {hooks}
        <span hidden data-liqguard="symbol">
          {view.symbol ?? ''}
        </span>
        <button type="button" class="lg-pill" aria-expanded="false" aria-label={`LiqGuard: ${summary(view, locale)}. Expand`} data-liqguard-action="toggle" onClick={onTrusted(actions.toggle)}>
          <span class="lg-brand">LiqGuard</span>
          {worst ? (
            <span aria-hidden="true" class={`lg-mark lg-sev-${worst}`}>
              {' '}
              {SEVERITY_MARK[worst]}
            </span>
          ) : null}
          <span data-liqguard="pill"> {summary(view, locale)}</span>
        </button>
      </div>
    );
  }
  return (
    <div class={frameClass} style={style} data-liqguard="overlay" data-collapsed="false" role="region" aria-label="LiqGuard liquidation risk">
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
        <span class="lg-symbol" data-liqguard="symbol">
          {view.symbol ?? ''}
        </span>
        <button type="button" class="lg-toggle" aria-expanded="true" aria-label="Collapse LiqGuard" data-liqguard-action="toggle" onClick={onTrusted(actions.toggle)}>
          –
        </button>
      </div>
      {view.report ? (
        <div class="lg-body">
          {'attach' in view.report ? (
            <div ref={view.report.attach} />
          ) : (
            <>
              <p class="lg-sub" role="alert">
                {view.report.failed}
              </p>
              <button type="button" class="lg-btn lg-ghost" data-liqguard-action="report-close" onClick={onTrusted(actions.closeReport)}>
                Close
              </button>
            </>
          )}
        </div>
      ) : (
        <>
          <Body view={view} locale={locale} actions={actions} detailsOpen={props.detailsOpen ?? false} />
          <ReportButton view={view} actions={actions} />
        </>
      )}
    </div>
  );
}
