import { Component } from 'preact';
import { parsePickerChoice, PICKED_CHOICES, UNIT_WORDS, type ChoiceField, type FieldDescriptor, type PickerChoice, type UnitMeaning } from '../picker-store';
import { startPicking, type PickerSession, type PickStep } from './picker-mode';

/**
 * "Point at the fields": the panel in the overlay (from the content script's on-demand module) that
 * lets the trader supply every field the reader can miss. What it saves is where things are, never a
 * changing value: the price, size, leverage and balance elements (read there every time); each
 * option's control of a side, order type, open/close or margin-mode choice (the reader asks the page
 * which one it marks active, every time); and, for the one fact a page may never show, what this
 * symbol's size box means (coin, contracts, order value or cost), remembered with its date and shown
 * as the trader's assumption, still checked against the page's figures.
 */

export type PickGroup = 'basic' | ChoiceField | 'balance';

const STEPS: Record<PickGroup, PickStep[]> = {
  basic: [
    { key: 'price', prompt: 'the price field' },
    { key: 'quantity', prompt: 'the size (quantity) field' },
    { key: 'leverage', prompt: 'the leverage (e.g. “20x”)' },
  ],
  sides: [
    { key: 'long', prompt: 'the Buy/Long control', byText: true },
    { key: 'short', prompt: 'the Sell/Short control', byText: true },
  ],
  orderType: [
    { key: 'limit', prompt: 'the Limit tab', byText: true },
    { key: 'market', prompt: 'the Market tab', byText: true },
  ],
  intent: [
    { key: 'open', prompt: 'the Open tab', byText: true },
    { key: 'close', prompt: 'the Close tab', byText: true },
  ],
  marginMode: [
    { key: 'cross', prompt: 'the Cross margin control', byText: true },
    { key: 'isolated', prompt: 'the Isolated margin control', byText: true },
  ],
  balance: [{ key: 'balance', prompt: 'the available balance (the amount you can use)' }],
};

const GROUP_NAMES: Record<PickGroup, string> = { basic: 'Price, size, leverage', sides: 'Side', orderType: 'Order type', intent: 'Open/Close', marginMode: 'Margin mode', balance: 'Balance' };
/** Which group supplies a field the read names in its reasons. */
const GROUP_OF: Record<string, PickGroup> = { form: 'basic', price: 'basic', quantity: 'basic', leverage: 'basic', sides: 'sides', orderType: 'orderType', intent: 'intent', marginMode: 'marginMode', availableBalance: 'balance' };

export interface PickerPanelOptions {
  doc: Document;
  isOwn(target: EventTarget | null): boolean;
  /** Ends pointing when the content script stops. */
  signal: AbortSignal;
  /** The fields the current read could not read (its reasons' `field`). */
  missing: readonly string[];
  /** The form's symbol as last read, for the size unit's meaning (the panel asks at every render). */
  symbol(): string | null;
  /** The saved choice as stored (validated here). */
  choice: unknown;
  /** Pointing started or ended: the content script does not read the page meanwhile. */
  onPointing(on: boolean): void;
  /** Only the trader's own input acts. */
  trusted(e: Event): boolean;
  onHover(rect: DOMRect | null): void;
  /** The trader pointed or chose: the whole new choice, to save. */
  onSave(choice: PickerChoice): void;
  onClose(): void;
  now?: () => number;
}

/** The saved choice with what the trader just pointed at or chose. A choice's options are replaced as a whole. */
export function mergeChoice(prev: PickerChoice | null, group: PickGroup | 'unit', picked: Record<string, FieldDescriptor>, now: number, unit?: { symbol: string; unit: UnitMeaning }): PickerChoice {
  const next: PickerChoice = { version: 1, savedAt: now, fields: { ...prev?.fields } };
  if (prev?.options) next.options = { ...prev.options };
  if (prev?.balance) next.balance = prev.balance;
  if (prev?.units) next.units = { ...prev.units };
  if (group === 'basic') for (const k of ['price', 'quantity', 'leverage'] as const) if (picked[k]) next.fields[k] = picked[k];
  if (group === 'balance' && picked.balance) next.balance = picked.balance;
  if (group in PICKED_CHOICES && Object.keys(picked).length > 0) next.options = { ...next.options, [group]: picked };
  if (group === 'unit' && unit) next.units = { ...next.units, [unit.symbol]: { unit: unit.unit, savedAt: now } };
  return next;
}

interface State {
  /** Pointing at a group's controls, at this step. */
  pointing: { group: PickGroup; index: number; note?: string } | null;
  choice: PickerChoice | null;
  /** Groups saved in this panel, for the trader's feedback. */
  done: PickGroup[];
}

export class PickerPanel extends Component<{ options: PickerPanelOptions }, State> {
  private session: PickerSession | null = null;
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && e.isTrusted && !this.session) this.props.options.onClose();
  };

  constructor(props: { options: PickerPanelOptions }) {
    super(props);
    this.state = { pointing: null, choice: parsePickerChoice(props.options.choice), done: [] };
  }

  override componentDidMount() {
    const { missing, doc, signal } = this.props.options;
    doc.addEventListener('keydown', this.onKey, { capture: true, signal });
    // No form, or price, size or leverage missing: the three fields every figure needs come first.
    if (missing.some((f) => GROUP_OF[f] === 'basic')) this.point('basic');
  }

  override componentWillUnmount() {
    this.props.options.doc.removeEventListener('keydown', this.onKey, { capture: true });
    this.session?.cancel();
  }

  private now() {
    return (this.props.options.now ?? Date.now)();
  }

  private save(choice: PickerChoice, group: PickGroup | null) {
    this.setState((s) => ({ choice, done: !group || s.done.includes(group) ? s.done : [...s.done, group] }));
    this.props.options.onSave(choice);
  }

  point(group: PickGroup) {
    const o = this.props.options;
    this.setState({ pointing: { group, index: 0 } });
    o.onPointing(true);
    this.session = startPicking(
      o.doc,
      o.isOwn,
      STEPS[group],
      {
        onStep: (index, note) => this.setState({ pointing: { group, index, ...(note ? { note } : {}) } }),
        onHover: o.onHover,
        onDone: (picked) => {
          this.session = null;
          o.onPointing(false);
          this.setState({ pointing: null });
          if (Object.keys(picked).length > 0) this.save(mergeChoice(this.state.choice, group, picked, this.now()), group);
        },
        // Esc while pointing closes the panel: nothing of this group is saved.
        onCancel: () => {
          this.session = null;
          o.onPointing(false);
          this.setState({ pointing: null });
          o.onClose();
        },
      },
      o.signal,
    );
  }

  private chooseUnit(unit: UnitMeaning) {
    const symbol = this.props.options.symbol();
    if (symbol) this.save(mergeChoice(this.state.choice, 'unit', {}, this.now(), { symbol, unit }), null);
  }

  render() {
    const o = this.props.options;
    const act = (f: () => void) => (e: Event) => {
      if (o.trusted(e)) f();
      else e.preventDefault();
    };
    const p = this.state.pointing;
    if (p) {
      const steps = STEPS[p.group];
      return (
        <div>
          <p class="lg-strong">
            Click {steps[p.index]?.prompt} ({p.index + 1} of {steps.length})
          </p>
          {p.note ? <p class="lg-warn">{p.note}</p> : null}
          <p class="lg-sub">Your click goes to LiqGuard, not to the page. Esc cancels.</p>
          <div class="lg-row">
            <button type="button" class="lg-btn" data-liqguard-action="skip" onClick={act(() => this.session?.skip())}>
              Skip this one
            </button>
            <button type="button" class="lg-btn lg-ghost" data-liqguard-action="cancel" onClick={act(() => this.session?.cancel())}>
              Cancel
            </button>
          </div>
        </div>
      );
    }
    const missing = [...new Set(o.missing.map((f) => GROUP_OF[f]).filter((g): g is PickGroup => !!g))];
    const symbol = o.symbol();
    const set = symbol ? this.state.choice?.units?.[symbol]?.unit : undefined;
    return (
      <div>
        <p class="lg-strong">Point at what LiqGuard cannot read</p>
        {missing.length > 0 ? <p class="lg-sub">Not read on this page: {missing.map((g) => GROUP_NAMES[g].toLowerCase()).join(', ')}.</p> : null}
        <div class="lg-row" role="group" aria-label="Fields to point at">
          {(Object.keys(STEPS) as PickGroup[]).map((g) => (
            <button key={g} type="button" class={missing.includes(g) ? 'lg-btn lg-primary' : 'lg-btn'} data-liqguard-action={`pick-${g}`} onClick={act(() => this.point(g))}>
              {GROUP_NAMES[g]}
              {this.state.done.includes(g) ? ' ✓' : ''}
            </button>
          ))}
        </div>
        <p class="lg-sub">For a tab or button, point at each option once: LiqGuard then reads which one the page marks active, every time, and never replays it from memory.</p>
        {symbol ? (
          <div class="lg-row" role="group" aria-label={`What the size box means for ${symbol}`}>
            <span>Size for {symbol} is in:</span>
            {(Object.keys(UNIT_WORDS) as UnitMeaning[]).map((u) => (
              <button key={u} type="button" class="lg-btn" aria-pressed={set === u ? 'true' : 'false'} data-liqguard-action={`unit-${u}`} onClick={act(() => this.chooseUnit(u))}>
                {UNIT_WORDS[u]}
              </button>
            ))}
          </div>
        ) : null}
        {set ? <p class="lg-sub">Used only where the page does not say, shown as your assumption, and checked against the page’s own figures.</p> : null}
        <div class="lg-row">
          <button type="button" class="lg-btn lg-primary" data-liqguard-action="pick-done" onClick={act(o.onClose)}>
            Done
          </button>
        </div>
      </div>
    );
  }
}
