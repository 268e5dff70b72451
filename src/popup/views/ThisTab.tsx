import type { ComponentChildren } from 'preact';
import type { FormSnapshot, Read } from '../../shared/form-snapshot';
import type { Note, OverlayState, SideFigures, TabState, UnreadTab } from '../../shared/overlay-state';
import { NoFigureHead, WhatToDo } from './NoFigure';
import { Figure, Notice, SeverityBadge } from '../components';
import { calculatorVenue } from '../../core/calculator/venue-list';
import { dateOf, fractionPercent, money, sentence, signedPrice } from '../format';
import { distanceLabel, signedMove } from '../../ui/distance';
import { percent as percentOf, price, priceUnit } from '../../ui/format';
import { estimateText, PageChecks } from './PageChecks';
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components';
import { formFromTab, type CalcForm } from '../calc-form';
import { forInput } from '../format';
import { parseTyped } from '../numbers';
import { readOverride, rememberOverride, type SymbolOverride } from '../symbol-overrides';

/** A venue as traders know it ("Binance USDⓈ-M"), never the internal id. */
function venueName(venue: string, policyVenueId: string | undefined): string {
  return calculatorVenue(policyVenueId ?? '')?.name ?? calculatorVenue(venue)?.name ?? venue.charAt(0).toUpperCase() + venue.slice(1);
}
import { AccountSection } from './Account';

/**
 * "This tab": the background's latest result for the active tab, the same assessment the overlay shows,
 * and every form field it was computed from, as read or with the reason it could not be read.
 */

export type TabLoad = { kind: 'loading' } | { kind: 'unavailable'; detail: string } | { kind: 'none' } | { kind: 'state'; tab: TabState } | { kind: 'unread'; unread: UnreadTab };

export function ThisTabView(props: { load: TabLoad; locale: string | undefined; onOpenCalculator: (prefill?: Partial<CalcForm>) => void; onStressAccount?: (tab: TabState) => void; onTyped?: () => void; report?: ComponentChildren }) {
  if (props.load.kind === 'loading') return <p class="muted">Asking the background about this tab…</p>;
  return (
    <>
      <TabView {...props} />
      {props.report}
    </>
  );
}

function TabView({ load, locale, onOpenCalculator, onStressAccount, onTyped }: { load: TabLoad; locale: string | undefined; onOpenCalculator: (prefill?: Partial<CalcForm>) => void; onStressAccount?: (tab: TabState) => void; onTyped?: () => void }) {
  if (load.kind === 'unavailable') {
    return (
      <Notice kind="warning" testId="tab-unavailable">
        <strong>Not available.</strong> The LiqGuard background did not answer ({load.detail}), so this tab’s assessment cannot be shown.
      </Notice>
    );
  }
  if (load.kind === 'none') {
    return (
      <div data-testid="tab-none">
        <p>This tab is not a supported venue order page, or LiqGuard has not read a complete order form on it yet.</p>
        <p>
          <button type="button" onClick={() => onOpenCalculator()}>
            Open the calculator
          </button>
        </p>
      </div>
    );
  }
  if (load.kind === 'unread') {
    // The overlay shows no figure for this venue page's form: its words, what to do, and what it did read.
    const { unread } = load;
    const partial: TabState | null = unread.snapshot ? { tabId: unread.tabId, seq: 0, snapshot: unread.snapshot, state: unread.state, updatedAt: unread.updatedAt } : null;
    return (
      <div class="this-tab" data-testid="tab-no-figure">
        <NoFigureHead unread={unread} />
        <StateView state={unread.state} locale={locale} />
        <WhatToDo unread={unread} />
        {partial ? (
          <FixInCalculator tab={partial} locale={locale} open={onOpenCalculator} />
        ) : (
          <p>
            <button type="button" data-testid="fix-open-calculator" onClick={() => onOpenCalculator()}>
              Open the calculator
            </button>
          </p>
        )}
        {partial ? <SnapshotView snapshot={partial.snapshot} /> : null}
        <p class="hint">Updated {new Date(unread.updatedAt).toLocaleTimeString(locale)}.</p>
      </div>
    );
  }
  if (load.kind !== 'state') return <p class="muted">Asking the background about this tab…</p>;
  const { tab } = load;
  return (
    <div class="this-tab" data-testid="tab-state">
      <StateView state={tab.state} locale={locale} {...(onStressAccount ? { onStress: () => onStressAccount(tab) } : {})} />
      {tab.state.kind === 'unreadable' || typedNotes(tab.state).length > 0 ? <FixInCalculator key={`${tab.state.kind}-${tab.updatedAt}`} tab={tab} locale={locale} open={onOpenCalculator} {...(onTyped ? { onSaved: onTyped } : {})} /> : null}
      <SnapshotView snapshot={tab.snapshot} />
      <p class="hint">Updated {new Date(tab.updatedAt).toLocaleTimeString(locale)}.</p>
    </div>
  );
}

/** Notes listed once, however many sides carry them. */
function uniqueNotes(notes: readonly Note[]): Note[] {
  return notes.filter((n, i) => notes.findIndex((m) => m.code === n.code && m.message === n.message) === i);
}

function Notes({ notes, title, locale, folded = false, testId }: { notes: Note[]; title: string; locale: string | undefined; folded?: boolean; testId?: string }) {
  if (notes.length === 0) return null;
  const list = (
    <ul>
      {notes.map((n, i) => (
        <li key={n.code + i}>{sentence(inThePopup(n.message), locale)}</li>
      ))}
    </ul>
  );
  if (folded) {
    return (
      <details class="assumptions" data-testid={testId}>
        <summary>
          {title} ({notes.length})
        </summary>
        {list}
      </details>
    );
  }
  return (
    <section aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      {list}
    </section>
  );
}

function StateView({ state, locale, onStress }: { state: OverlayState; locale: string | undefined; onStress?: () => void }) {
  switch (state.kind) {
    case 'idle':
      return <p data-testid="tab-idle">{state.message}</p>;
    case 'error':
      return <Notice kind="error">{state.message}</Notice>;
    case 'unreadable':
      return (
        <>
          <Notice kind="warning" testId="tab-unreadable">
            <strong>{state.withheld ? 'No figure: the page’s own figures contradict what LiqGuard read, so it shows none rather than a wrong one.' : 'No figure: the overlay could not read everything it needs on this page.'}</strong>
            <ul>
              {state.reasons.map((r, i) => (
                <li key={r.code + i}>{r.message}</li>
              ))}
            </ul>
            The overlay on the page offers what fixes what it reads (point at the fields, choose the margin mode); the calculator takes any position, prefilled with what the page shows.
          </Notice>
          {state.checks ? <PageChecks checks={state.checks} /> : null}
        </>
      );
    case 'confirm':
      return (
        <Notice kind="info">
          LiqGuard found fields that may be this page’s order form; confirm them on the page to see figures.
          <ul>
            {state.found.map((r, i) => (
              <li key={r.code + i}>{r.message}</li>
            ))}
          </ul>
        </Notice>
      );
    case 'assessed':
      return (
        <div>
          <h2>
            {venueName(state.venue, state.policy?.venueId)} {state.symbol}
          </h2>
          {typedNotes(state).length > 0 ? (
            // Figures that rest on what the trader typed say so before any figure.
            <Notice kind="warning" testId="tab-typed">
              <ul>
                {typedNotes(state).map((n) => (
                  <li key={n.code}>{sentence(inThePopup(n.message), locale)}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {state.sides.map((s) => (
            <SideView key={s.side} s={s} locale={locale} unit={priceUnit(state.symbol, s.currency)} />
          ))}
          {state.account ? <AccountSection account={state.account} locale={locale} {...(onStress ? { onStress } : {})} /> : null}
          {state.policy ? (
            <section class="policy" aria-label="Can you lose more than your margin?">
              <h3>Can you lose more than your margin?</h3>
              <p>{sentence(state.policy.headline, locale)}</p>
              <p class="hint">
                <a href={`#venue=${encodeURIComponent(state.policy.venueId)}`}>Venue rules and sources</a>
              </p>
            </section>
          ) : null}
          {state.table ? (
            <p class="hint">
              Tier table: {state.table.source}, {dateOf(state.table.capturedAt, locale)}
              {state.table.ageDays !== null ? ` (${state.table.ageDays} days old)` : ''}.
            </p>
          ) : null}
          <Notes notes={uniqueNotes([...state.warnings, ...state.sides.flatMap((x) => x.warnings)]).filter((n) => !(n.code in TYPED_CODES))} title="Warnings" locale={locale} testId="tab-warnings" />
          <PageChecks checks={state.checks} />
          <Notes notes={uniqueNotes([...state.assumptions, ...state.sides.flatMap((x) => x.assumptions)])} title="What these figures assume" locale={locale} folded testId="tab-assumptions" />
        </div>
      );
  }
}

const move = (s: SideFigures, v: string) => signedMove(s.side, v);

function SideView({ s, locale, unit }: { s: SideFigures; locale: string | undefined; unit: string | null }) {
  return (
    <section class="side" aria-label={`${s.side} figures`}>
      <h3>
        {s.side === 'long' ? 'Long' : 'Short'} <SeverityBadge level={s.severity} testId={`tab-severity-${s.side}`} />
      </h3>
      {s.severityReasons.length > 0 ? (
        <ul class="reasons">
          {s.severityReasons.map((r) => (
            <li key={r}>{sentence(r, locale)}</li>
          ))}
        </ul>
      ) : null}
      <dl class="figures">
        <Figure label="Liquidation price" value={s.liquidationPrice ? price(s.liquidationPrice, locale, s.raw?.tick, unit) : 'none'} sub={s.liquidationNullReason ? sentence(s.liquidationNullReason, locale) : undefined} strong />
        <Figure label="Bankruptcy price" value={price(s.bankruptcyPrice, locale, s.raw?.tick, unit)} />
        <Figure
          label={distanceLabel(s.distanceFrom)}
          value={s.distancePercent ? `${percentOf(move(s, s.distancePercent), locale, { signed: true })} (${signedPrice(move(s, s.distancePrice ?? '0'), locale, s.raw?.tick, unit)})` : '—'}
        />
        <Figure label="Loss at liquidation" value={money(s.lossAtLiquidation, s.currency, locale)} />
        <Figure label="Margin at risk" value={money(s.marginAtRisk.amount, s.currency, locale)} sub={s.marginAtRisk.scope === 'cross-wallet' ? 'whole cross wallet' : 'this position’s margin'} />
        <Figure label="Initial margin" value={money(s.initialMargin, s.currency, locale)} />
        <Figure label="Maintenance margin" value={money(s.maintenanceMargin, s.currency, locale)} />
        {s.venueEstimate ? <Figure label={`${s.venueEstimate.venue}’s own estimate`} value={estimateText(s.venueEstimate, s, locale, unit)} testId={`tab-estimate-${s.side}`} /> : null}
        {s.touchProbability24h ? <Figure label="Touch probability (24 h)" value={fractionPercent(s.touchProbability24h, locale)} /> : null}
      </dl>
    </section>
  );
}

const FIELD_LABELS: [keyof FormSnapshot, string][] = [
  ['symbol', 'Symbol'],
  ['contract', 'Contract'],
  ['sides', 'Side(s)'],
  ['orderType', 'Order type'],
  ['price', 'Price'],
  ['markPrice', 'Mark price'],
  ['quantity', 'Quantity'],
  ['leverage', 'Leverage'],
  ['marginMode', 'Margin mode'],
  ['positionMode', 'Position mode'],
  ['intent', 'Open / close'],
  ['availableBalance', 'Available balance'],
];

function shown(key: keyof FormSnapshot, value: unknown): string {
  if (Array.isArray(value)) return value.join(' and ');
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (key === 'quantity') return `${String(v.value ?? '')} ${String(v.label ?? v.unit ?? '')}`.trim();
    if (key === 'availableBalance') return `${String(v.value ?? '')} ${String(v.asset ?? '')}`.trim();
  }
  return '—';
}

function sourceText(source: string): string {
  if (source.startsWith('selector:')) return 'read from the form';
  if (source === 'picker') return 'from where you pointed';
  if (source === 'semantic') return 'found by the generic reader';
  if (source === 'page') return 'from the page';
  if (source === 'trader') return 'set by you in LiqGuard';
  return 'default';
}

/** What was read from the form: each field's value, or why it could not be read. */
export function SnapshotView({ snapshot }: { snapshot: FormSnapshot }) {
  return (
    <details class="snapshot" open>
      <summary>What LiqGuard read from the form</summary>
      <table data-testid="tab-snapshot">
        <caption class="sr-only">Form fields read on this page</caption>
        <tbody>
          {FIELD_LABELS.map(([key, label]) => {
            const read = snapshot[key] as Read<unknown> | undefined;
            if (read === undefined) return null;
            return (
              <tr key={key} class={read.ok ? '' : 'unread'}>
                <th scope="row">{label}</th>
                <td>
                  {read.ok ? (
                    <>
                      {shown(key, read.value)}
                      {key === 'price' && snapshot.priceKind ? ` (${snapshot.priceKind})` : ''}
                      <span class="hint"> · {sourceText(read.source)}</span>
                    </>
                  ) : (
                    <>
                      <span class="warn-label">Not read: </span>
                      {read.reason}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="hint">
        Reader: {snapshot.confidence}
        {snapshot.pageLanguage ? `; page language ${snapshot.pageLanguage}` : ''}.
      </p>
    </details>
  );
}

/** Market data the overlay could not get and the trader can type: the calculator's field for each. */
const TYPEABLE: Record<string, { key: keyof SymbolOverride; label: string; suffix?: string }> = {
  tiers: { key: 'maintenanceMarginRate', label: 'Maintenance margin rate', suffix: '%' },
  contractSize: { key: 'contractSize', label: 'Contract size' },
};

/** The notes point the overlay's reader to the popup; here, the place to change a typed value is the form below them. */
export const inThePopup = (text: string): string => text.replace(/\b([Cc])hange it in LiqGuard’s popup\./, '$1hange it below.').replace(/ in LiqGuard’s popup \(This tab\)/, ' in the form below');

/** The assessment's notes that say a figure rests on a value the trader typed (src/core/assessment/inputs.ts). */
export const TYPED_CODES: Record<string, keyof typeof TYPEABLE> = { 'typed-maintenance-rate': 'tiers', 'typed-contract-size': 'contractSize' };
export const typedNotes = (state: OverlayState): Note[] => (state.kind === 'assessed' ? uniqueNotes([...state.warnings, ...state.sides.flatMap((x) => x.warnings)]).filter((n) => n.code in TYPED_CODES) : []);

/** The venue's data the trader can type for this tab: what is missing, or what the figures already take from the trader. */
function typeableFor(state: OverlayState) {
  const fields = state.kind === 'unreadable' ? state.reasons.map((r) => r.field ?? '') : typedNotes(state).map((n) => TYPED_CODES[n.code] ?? '');
  return [...new Set(fields)].flatMap((f) => (TYPEABLE[f] ? [TYPEABLE[f]] : []));
}

/**
 * A form LiqGuard could not assess, or one it assessed with a value the trader typed: where the venue's
 * data is what is missing (the tier table's maintenance rate, the contract size), a field for it,
 * remembered for the symbol. "Use on this page" makes the overlay's figure open with it, labelled as the
 * trader's; "Open in the calculator, prefilled" is always offered, with what the page shows.
 */
export function FixInCalculator({ tab, locale, open, onSaved }: { tab: TabState; locale: string | undefined; open: (prefill?: Partial<CalcForm>) => void; onSaved?: () => void }) {
  const base = formFromTab(tab, locale) ?? {};
  const venue = base.venue ?? '';
  const symbol = base.symbol ?? '';
  const wanted = typeableFor(tab.state);
  const inUse = tab.state.kind === 'assessed' && wanted.length > 0;
  const [typed, setTyped] = useState<Partial<Record<keyof SymbolOverride, string>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void readOverride(venue, symbol).then((o) => {
      if (!live || !o) return;
      setTyped((t) => ({
        ...(o.maintenanceMarginRate && t.maintenanceMarginRate === undefined ? { maintenanceMarginRate: forInput(o.maintenanceMarginRate, locale) } : {}),
        ...(o.contractSize && t.contractSize === undefined ? { contractSize: forInput(o.contractSize, locale) } : {}),
        ...t,
      }));
    });
    return () => {
      live = false;
    };
  }, [venue, symbol]);

  /** The valid values typed, or null (and the errors shown) when one is not. */
  const collect = (): SymbolOverride | null => {
    const values: SymbolOverride = {};
    const problems: Record<string, string> = {};
    for (const w of wanted) {
      const p = parseTyped(typed[w.key] ?? '', locale, w.label);
      if (p === null) continue;
      if (!p.ok) problems[w.key] = p.message;
      else if (/^0(\.0*)?$/.test(p.value)) problems[w.key] = `${w.label}: must be above 0.`;
      else if (w.key === 'maintenanceMarginRate' && !/^\d{1,2}(\.\d+)?$/.test(p.value)) problems[w.key] = `${w.label}: a percent below 100.`;
      else values[w.key] = p.value;
    }
    setErrors(problems);
    return Object.keys(problems).length > 0 ? null : values;
  };

  const use = () => {
    const values = collect();
    if (!values) return;
    if (Object.keys(values).length === 0) {
      setErrors({ [wanted[0]?.key ?? 'maintenanceMarginRate']: `${wanted[0]?.label ?? 'The value'}: enter it first.` });
      return;
    }
    setSaved('Saving…');
    rememberOverride(venue, symbol, values).then(
      () => {
        setSaved(`Saved for ${symbol}: the overlay on the page now uses it, labelled as yours.`);
        onSaved?.();
      },
      () => setSaved('The browser refused to store it; the calculator still takes it.'),
    );
  };

  const forget = () => {
    rememberOverride(venue, symbol, {}).then(
      () => {
        setTyped({});
        setSaved(`Forgotten for ${symbol}: the overlay shows no figure until the venue’s data can be had.`);
        onSaved?.();
      },
      () => setSaved('The browser refused to change what it stored.'),
    );
  };

  const submit = () => {
    const values = collect();
    if (!values) return;
    const prefill: Partial<CalcForm> = { ...base };
    if (values.maintenanceMarginRate) prefill.maintenanceMarginRate = forInput(values.maintenanceMarginRate, locale);
    if (values.contractSize) prefill.contractSize = forInput(values.contractSize, locale);
    // Remembered for the symbol (best effort: the calculator opens either way).
    if (Object.keys(values).length > 0) void rememberOverride(venue, symbol, values).catch(() => undefined);
    open(prefill);
  };

  const what = wanted.map((w) => w.label.toLowerCase()).join(' or ');
  const name = symbol || 'this symbol';
  return (
    <section class="fix" aria-labelledby="fix-title" data-testid="tab-fix">
      <h3 id="fix-title">{inUse ? `Your ${what}` : wanted.length > 0 ? `Enter the ${what}` : 'Work it out in the calculator'}</h3>
      {wanted.length > 0 && !inUse ? (
        <p class="hint">
          LiqGuard has no {what} for {name}. Enter it from the venue’s contract or risk-limit page: the overlay then shows a figure, labelled as yours, and it is remembered for {name}.
        </p>
      ) : null}
      {wanted.map((w) => (
        <Field key={w.key} id={`fix-${w.key}`} label={w.label} suffix={w.suffix} value={typed[w.key] ?? ''} onInput={(v) => setTyped((t) => ({ ...t, [w.key]: v }))} error={errors[w.key]} />
      ))}
      <div class="actions">
        {wanted.length > 0 ? (
          <button type="button" class="primary" data-testid="fix-use" onClick={use}>
            {inUse ? 'Save' : 'Use on this page'}
          </button>
        ) : null}
        <button type="button" data-testid="fix-open-calculator" onClick={submit}>
          Open in the calculator, prefilled
        </button>
        {inUse ? (
          <button type="button" data-testid="fix-forget" onClick={forget}>
            Forget it
          </button>
        ) : null}
      </div>
      {saved ? (
        <p class="hint" role="status" data-testid="fix-saved">
          {saved}
        </p>
      ) : null}
    </section>
  );
}
