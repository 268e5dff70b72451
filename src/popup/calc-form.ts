import type { CalcAssessRequest, CalcDefaults, CalculatorExtras } from '../core/calculator/types';
import type { TabState } from '../shared/overlay-state';
import { calculatorVenue, CALCULATOR_VENUES } from '../core/calculator/venue-list';
import type { ContractType, FieldError, MarginMode, OtherPositionInput, PositionInput, QuantityUnit, Side, VenueId } from '../core/engine/types';
import { forInput } from './format';
import { fractionToPercent, parseTyped, percentToFraction } from './numbers';

/**
 * The calculator form as the trader typed it (strings in their locale), and its translation into an
 * engine request. Field keys are the engine's field names wherever there is one, so the engine's field
 * errors land next to the right input.
 */

export interface OtherRow {
  id: number;
  symbol: string;
  side: Side;
  quantity: string;
  quantityUnit: QuantityUnit;
  entryPrice: string;
  markPrice: string;
  /** Maintenance margin rate in percent. */
  maintenanceMarginRate: string;
  /** The tier's maintenance amount (deduction), in the settlement asset; absent or empty: none. */
  maintenanceAmount?: string;
}

export interface CalcForm {
  venue: VenueId;
  symbol: string;
  contract: ContractType;
  side: Side;
  marginMode: MarginMode;
  entryPrice: string;
  markPrice: string;
  quantity: string;
  quantityUnit: QuantityUnit;
  /** Which of leverage or isolated margin sizes the position. */
  sizing: 'leverage' | 'margin';
  leverage: string;
  isolatedMargin: string;
  walletBalance: string;
  /** Percent (0.05 means 0.05 %). */
  takerFeeRate: string;
  contractSize: string;
  tickSize: string;
  /** Percent; empty: the tier table decides. */
  maintenanceMarginRate: string;
  maintenanceAmount: string;
  /** Percent per funding interval. */
  fundingRate: string;
  fundingIntervalHours: string;
  otherPositions: OtherRow[];
  priceFor: string;
  targetRoePercent: string;
  maxLoss: string;
  minDistancePercent: string;
  gapPercent: string;
  fundingHours: string;
  /** Fields last filled from market data and not edited since: new market data may replace them. */
  prefilled: string[];
  /**
   * The position a venue page showed in this symbol, which the order adds to or reduces (engine units, as
   * read): set when the form is filled from a tab's account, dropped when the venue or symbol changes.
   */
  existingPosition?: { side: Side; quantity: string; quantityUnit: QuantityUnit; entryPrice: string; isolatedMargin?: string };
  /** Hedge mode, as the page's account showed it (a symbol can then hold a long and a short). */
  positionMode?: 'hedge';
}

export type FieldErrors = Record<string, string>;

export function defaultForm(): CalcForm {
  return {
    venue: 'binance-usdm',
    symbol: 'BTCUSDT',
    contract: 'linear',
    side: 'long',
    marginMode: 'isolated',
    entryPrice: '',
    markPrice: '',
    quantity: '',
    quantityUnit: 'base',
    sizing: 'leverage',
    leverage: '10',
    isolatedMargin: '',
    walletBalance: '',
    takerFeeRate: '',
    contractSize: '',
    tickSize: '',
    maintenanceMarginRate: '',
    maintenanceAmount: '',
    fundingRate: '',
    fundingIntervalHours: '',
    otherPositions: [],
    priceFor: '',
    targetRoePercent: '',
    maxLoss: '',
    minDistancePercent: '',
    gapPercent: '10',
    fundingHours: '24',
    prefilled: [],
  };
}

const LABELS: Record<string, string> = {
  entryPrice: 'Entry price',
  markPrice: 'Mark price',
  quantity: 'Quantity',
  leverage: 'Leverage',
  isolatedMargin: 'Isolated margin',
  walletBalance: 'Wallet balance',
  takerFeeRate: 'Taker fee',
  contractSize: 'Contract size',
  tickSize: 'Tick size',
  maintenanceMarginRate: 'Maintenance margin rate',
  maintenanceAmount: 'Maintenance amount',
  fundingRate: 'Funding rate',
  fundingIntervalHours: 'Funding interval',
  priceFor: 'Price',
  targetRoePercent: 'Target ROE',
  maxLoss: 'Maximum loss',
  minDistancePercent: 'Distance',
  gapPercent: 'Gap',
  fundingHours: 'Hours held',
};

export function labelOf(field: string): string {
  const m = /^otherPositions\[(\d+)\]\.(\w+)$/.exec(field);
  if (m) return `${LABELS[m[2] ?? ''] ?? m[2]} of other position ${Number(m[1]) + 1}`;
  return LABELS[field] ?? field;
}

/** The largest fee or funding rate in percent that is still a rate and not a typo (the engine's limits, in percent). */
const FEE_MAX_PERCENT = '5';
const FUNDING_MAX_PERCENT = '10';

function below(value: string, max: string): boolean {
  const [vi = '0', vf = ''] = value.replace(/^-/, '').split('.');
  const [mi = '0', mf = ''] = max.split('.');
  if (vi.length !== mi.length) return vi.length < mi.length;
  if (vi !== mi) return vi < mi;
  return vf.padEnd(20, '0') < mf.padEnd(20, '0');
}

/**
 * In cross margin the leverage is optional: it sets the initial margin and the order's cost, not the liquidation
 * price (the wallet backs the position), so an empty leverage still gets figures. Isolated margin needs it, or
 * the isolated margin itself.
 */
export function leverageOptional(form: Pick<CalcForm, 'marginMode'>): boolean {
  return form.marginMode === 'cross';
}

export interface BuiltRequest {
  request: CalcAssessRequest;
  /** Problems found before asking the engine (the locale parser's), by field. */
  errors: FieldErrors;
}

/** The engine request for this form. Unparseable fields are left out of the request and reported here. */
export function buildRequest(form: CalcForm, locale: string | undefined, extra: { accountMode?: string | null; region?: string | null } = {}, defaultWallet: string | null = null): BuiltRequest {
  const errors: FieldErrors = {};
  const num = (field: string, raw: string, opts: { negative?: boolean; label?: string } = {}): string | undefined => {
    const r = parseTyped(raw, locale, opts.label ?? labelOf(field), { allowNegative: opts.negative ?? false });
    if (r === null) return undefined;
    if (!r.ok) {
      errors[field] = r.message;
      return undefined;
    }
    return r.value;
  };
  const venue = calculatorVenue(form.venue);
  const input: PositionInput = {
    venue: form.venue,
    side: form.side,
    marginMode: form.marginMode,
    quantityUnit: form.quantityUnit,
  };
  if (form.symbol.trim()) input.symbol = form.symbol.trim();
  input.contract = venue && venue.contracts.length === 1 ? venue.contracts[0] : form.contract;
  const set = (key: keyof PositionInput, field: string, raw: string, opts?: { negative?: boolean }) => {
    const v = num(field, raw, opts);
    if (v !== undefined) (input as Record<string, unknown>)[key] = v;
  };
  set('entryPrice', 'entryPrice', form.entryPrice);
  set('markPrice', 'markPrice', form.markPrice);
  set('quantity', 'quantity', form.quantity);
  if (form.marginMode === 'isolated' && form.sizing === 'margin') set('isolatedMargin', 'isolatedMargin', form.isolatedMargin);
  else set('leverage', 'leverage', form.leverage);
  // Cross needs the wallet; isolated uses it only to check the margin fits.
  set('walletBalance', 'walletBalance', form.walletBalance);
  // The options' default wallet (linear contracts only: an inverse wallet is in the coin) when none is typed.
  if (form.walletBalance.trim() === '' && defaultWallet !== null && input.contract === 'linear') input.walletBalance = defaultWallet;
  set('contractSize', 'contractSize', form.contractSize);
  set('tickSize', 'tickSize', form.tickSize);
  set('maintenanceAmount', 'maintenanceAmount', form.maintenanceAmount);

  const fee = num('takerFeeRate', form.takerFeeRate);
  if (fee !== undefined) {
    if (below(fee, FEE_MAX_PERCENT)) input.takerFeeRate = percentToFraction(fee);
    else errors.takerFeeRate = `Taker fee: ${fee} % is not a real taker fee. Enter it in percent, e.g. 0.05 for 0.05 %.`;
  }
  const mmr = num('maintenanceMarginRate', form.maintenanceMarginRate);
  if (mmr !== undefined) input.maintenanceMarginRate = percentToFraction(mmr);
  const funding = num('fundingRate', form.fundingRate, { negative: true });
  if (funding !== undefined) {
    if (below(funding, FUNDING_MAX_PERCENT)) input.fundingRate = percentToFraction(funding);
    else errors.fundingRate = `Funding rate: ${funding} % per interval is beyond any venue’s cap. Enter it in percent, e.g. 0.01 for 0.01 %.`;
  }
  set('fundingIntervalHours', 'fundingIntervalHours', form.fundingIntervalHours);

  if (form.existingPosition) input.existingPosition = { ...form.existingPosition };
  if (form.positionMode) input.positionMode = form.positionMode;
  if (form.marginMode === 'cross' && form.otherPositions.length > 0) {
    input.otherPositions = form.otherPositions.map((row, i) => {
      const f = (k: string) => `otherPositions[${i}].${k}`;
      const o: OtherPositionInput = { side: row.side, quantityUnit: row.quantityUnit };
      if (row.symbol.trim()) o.symbol = row.symbol.trim();
      const q = num(f('quantity'), row.quantity);
      if (q !== undefined) o.quantity = q;
      const e = num(f('entryPrice'), row.entryPrice);
      if (e !== undefined) o.entryPrice = e;
      const m = num(f('markPrice'), row.markPrice);
      if (m !== undefined) o.markPrice = m;
      const r = num(f('maintenanceMarginRate'), row.maintenanceMarginRate);
      if (r !== undefined) o.maintenanceMarginRate = percentToFraction(r);
      const a = row.maintenanceAmount ? num(f('maintenanceAmount'), row.maintenanceAmount) : undefined;
      if (a !== undefined) o.maintenanceAmount = a;
      return o;
    });
  }

  const extras: CalculatorExtras = {};
  const ex = (key: keyof CalculatorExtras, raw: string, negative = false) => {
    const v = num(key, raw, { negative });
    if (v !== undefined) extras[key] = v;
  };
  ex('priceFor', form.priceFor);
  ex('targetRoePercent', form.targetRoePercent, true);
  ex('maxLoss', form.maxLoss);
  ex('minDistancePercent', form.minDistancePercent);
  // The slider and hours field hold canonical text already ("10", "24").
  if (/^\d+(\.\d+)?$/.test(form.gapPercent)) extras.gapPercent = form.gapPercent;
  ex('fundingHours', form.fundingHours);

  const request: CalcAssessRequest = { type: 'calc/assess', input, extras };
  if (extra.accountMode !== undefined) request.accountMode = extra.accountMode;
  if (extra.region !== undefined) request.region = extra.region;
  return { request, errors };
}

/** Engine field names that differ from the form's. */
const ENGINE_TO_FORM: Record<string, string> = {
  distancePercent: 'minDistancePercent',
  roePercent: 'targetRoePercent',
  tiers: 'maintenanceMarginRate',
  'existingPosition': 'quantity',
};

/** Where an engine field error belongs in the form; '' for the form as a whole. */
export function formFieldOf(engineField: string): string {
  if (engineField in ENGINE_TO_FORM) return ENGINE_TO_FORM[engineField] ?? '';
  if (/^otherPositions\[\d+\]\.(symbol|side|quantity|quantityUnit|entryPrice|markPrice|maintenanceMarginRate|maintenanceAmount)$/.test(engineField)) return engineField;
  const row = /^otherPositions\[\d+\]/.exec(engineField);
  if (row) return `${row[0]}.maintenanceMarginRate`;
  const known = new Set(Object.keys(defaultForm()));
  return known.has(engineField) ? engineField : '';
}

/** Engine errors keyed by form field (several for one field are joined). */
export function engineErrors(errors: FieldError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const key = formFieldOf(e.field);
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  return out;
}

/** Apply market-data prefill: only to fields that are empty or were prefilled and not edited since. */
export function applyDefaults(form: CalcForm, d: CalcDefaults, locale: string | undefined): CalcForm {
  if (d.venue !== form.venue || d.symbol !== form.symbol.trim()) return form;
  const next: CalcForm = { ...form };
  const filled = new Set(form.prefilled);
  const put = (field: 'contractSize' | 'tickSize' | 'takerFeeRate' | 'markPrice' | 'entryPrice', value: string | undefined) => {
    if (value === undefined || value === '') return;
    if (form[field] !== '' && !filled.has(field)) return;
    next[field] = value;
    filled.add(field);
  };
  put('contractSize', d.contractSize ? forInput(d.contractSize.value, locale) : undefined);
  put('tickSize', d.tickSize ? forInput(d.tickSize.value, locale) : undefined);
  put('takerFeeRate', forInput(fractionToPercent(d.takerFeeRate.value), locale));
  if (d.markPrice) {
    put('markPrice', forInput(d.markPrice.value, locale));
    put('entryPrice', forInput(d.markPrice.value, locale));
  }
  if (d.contract && calculatorVenue(form.venue)?.contracts.includes(d.contract)) next.contract = d.contract;
  next.prefilled = [...filled];
  return next;
}

/** A stored form, checked field by field: anything unexpected takes the default. */
export function restoreForm(raw: unknown): CalcForm {
  const form = defaultForm();
  if (typeof raw !== 'object' || raw === null) return form;
  const r = raw as Record<string, unknown>;
  const str = (k: keyof CalcForm) => {
    const v = r[k];
    if (typeof v === 'string' && v.length <= 64) (form as unknown as Record<string, unknown>)[k] = v;
  };
  const oneOf = <K extends keyof CalcForm>(k: K, allowed: readonly string[]) => {
    if (typeof r[k] === 'string' && allowed.includes(r[k] as string)) (form as unknown as Record<string, unknown>)[k] = r[k];
  };
  oneOf('venue', CALCULATOR_VENUES.map((v) => v.id));
  oneOf('contract', ['linear', 'inverse']);
  oneOf('side', ['long', 'short']);
  oneOf('marginMode', ['isolated', 'cross']);
  oneOf('quantityUnit', ['base', 'quote', 'contracts']);
  oneOf('sizing', ['leverage', 'margin']);
  for (const k of ['symbol', 'entryPrice', 'markPrice', 'quantity', 'leverage', 'isolatedMargin', 'walletBalance', 'takerFeeRate', 'contractSize', 'tickSize', 'maintenanceMarginRate', 'maintenanceAmount', 'fundingRate', 'fundingIntervalHours', 'priceFor', 'targetRoePercent', 'maxLoss', 'minDistancePercent', 'fundingHours'] as const) str(k);
  if (typeof r.gapPercent === 'string' && /^(?:[0-9]|[1-4][0-9]|50)$/.test(r.gapPercent)) form.gapPercent = r.gapPercent;
  if (Array.isArray(r.prefilled)) form.prefilled = r.prefilled.filter((x): x is string => typeof x === 'string').slice(0, 10);
  if (Array.isArray(r.otherPositions)) {
    form.otherPositions = r.otherPositions.slice(0, 20).flatMap((o, i): OtherRow[] => {
      if (typeof o !== 'object' || o === null) return [];
      const x = o as Record<string, unknown>;
      const s = (k: string) => (typeof x[k] === 'string' && (x[k] as string).length <= 64 ? (x[k] as string) : '');
      return [
        {
          id: i + 1,
          symbol: s('symbol'),
          side: x.side === 'short' ? 'short' : 'long',
          quantity: s('quantity'),
          quantityUnit: x.quantityUnit === 'quote' || x.quantityUnit === 'contracts' ? x.quantityUnit : 'base',
          entryPrice: s('entryPrice'),
          markPrice: s('markPrice'),
          maintenanceMarginRate: s('maintenanceMarginRate'),
          ...(s('maintenanceAmount') ? { maintenanceAmount: s('maintenanceAmount') } : {}),
        },
      ];
    });
  }
  const ex = r.existingPosition as Record<string, unknown> | null | undefined;
  const dec = (v: unknown): v is string => typeof v === 'string' && /^\d{1,30}(?:\.\d{1,30})?$/.test(v);
  if (ex && typeof ex === 'object' && (ex.side === 'long' || ex.side === 'short') && dec(ex.quantity) && (ex.quantityUnit === 'base' || ex.quantityUnit === 'quote' || ex.quantityUnit === 'contracts') && dec(ex.entryPrice)) {
    form.existingPosition = { side: ex.side, quantity: ex.quantity, quantityUnit: ex.quantityUnit, entryPrice: ex.entryPrice, ...(dec(ex.isolatedMargin) ? { isolatedMargin: ex.isolatedMargin } : {}) };
  }
  if (r.positionMode === 'hedge') form.positionMode = 'hedge';
  const venue = calculatorVenue(form.venue);
  if (venue && !venue.contracts.includes(form.contract)) form.contract = venue.contracts[0] ?? 'linear';
  if (venue && !venue.marginModes.includes(form.marginMode)) form.marginMode = venue.marginModes[0] ?? 'cross';
  return form;
}

/** The calculator's venue for what a content script read (the adapter's venue and product). */
function calcVenueOf(venue: string, product: string | undefined): VenueId | null {
  if (venue === 'binance') return product === 'coinm' ? 'binance-coinm' : 'binance-usdm';
  return calculatorVenue(venue)?.id ?? null;
}

const text = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
const sideOf = (v: unknown): Side | null => (v === 'long' || v === 'short' ? v : null);
const unitOf = (v: unknown): QuantityUnit | null => (v === 'base' || v === 'quote' || v === 'contracts' ? v : null);

/**
 * The calculator form for a venue tab's latest order ("Open in the calculator" on the overlay): the
 * exact engine input behind its figures when it has them, else every field the page showed (a form
 * that could not be read completely). Only fields that are known are filled; null when nothing is.
 */
export function formFromTab(tab: TabState, locale: string | undefined): Partial<CalcForm> | null {
  const s = tab.snapshot;
  const active = s.activeSide ?? (s.sides.ok ? s.sides.value[0] : undefined);
  const inputs = tab.replay?.inputs ?? [];
  const input: PositionInput | undefined = inputs.find((i) => i.side === active) ?? inputs[0];
  const out: Partial<CalcForm> = {};
  const put = <K extends keyof CalcForm>(key: K, value: CalcForm[K] | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') out[key] = value;
  };
  const num = (v: unknown) => {
    const t = text(v);
    return t === null ? null : forInput(t, locale) || null;
  };
  const pct = (v: unknown) => {
    const t = text(v);
    return t === null ? null : forInput(fractionToPercent(t), locale) || null;
  };
  if (input) {
    const venue = calcVenueOf(String(input.venue ?? ''), s.product);
    put('venue', venue);
    put('symbol', text(input.symbol));
    if (input.contract === 'linear' || input.contract === 'inverse') put('contract', input.contract);
    if (input.side === 'long' || input.side === 'short') put('side', input.side);
    if (input.marginMode === 'cross' || input.marginMode === 'isolated') put('marginMode', input.marginMode);
    put('entryPrice', num(input.entryPrice));
    put('markPrice', num(input.markPrice));
    put('quantity', num(input.quantity));
    if (input.quantityUnit === 'base' || input.quantityUnit === 'quote' || input.quantityUnit === 'contracts') put('quantityUnit', input.quantityUnit);
    put('leverage', num(input.leverage));
    put('walletBalance', num(input.walletBalance));
    put('takerFeeRate', pct(input.takerFeeRate));
    put('contractSize', num(input.contractSize));
    put('tickSize', num(input.tickSize));
    put('maintenanceMarginRate', pct(input.maintenanceMarginRate));
    put('maintenanceAmount', num(input.maintenanceAmount));
    if (out.leverage) put('sizing', 'leverage');
    // The account the page showed: the position held in this symbol and every other cross position, as assessed.
    const ex = input.existingPosition;
    const exSide = sideOf(ex?.side);
    const exUnit = unitOf(ex?.quantityUnit);
    const exQty = text(ex?.quantity);
    const exEntry = text(ex?.entryPrice);
    const exMargin = text(ex?.isolatedMargin);
    out.existingPosition = exSide && exUnit && exQty && exEntry ? { side: exSide, quantity: exQty, quantityUnit: exUnit, entryPrice: exEntry, ...(exMargin ? { isolatedMargin: exMargin } : {}) } : undefined;
    out.positionMode = input.positionMode === 'hedge' ? 'hedge' : undefined;
    out.otherPositions = (input.otherPositions ?? []).flatMap((o, i): OtherRow[] => {
      const side = sideOf(o.side);
      const unit = unitOf(o.quantityUnit);
      if (!side || !unit) return [];
      const amount = num(o.maintenanceAmount);
      return [
        {
          id: i + 1,
          symbol: text(o.symbol) ?? '',
          side,
          quantity: num(o.quantity) ?? '',
          quantityUnit: unit,
          entryPrice: num(o.entryPrice) ?? '',
          markPrice: num(o.markPrice) ?? '',
          maintenanceMarginRate: pct(o.maintenanceMarginRate) ?? '',
          ...(amount ? { maintenanceAmount: amount } : {}),
        },
      ];
    });
  } else {
    put('venue', calcVenueOf(s.venue, s.product));
    if (s.symbol.ok) put('symbol', s.symbol.value);
    if (s.contract.ok) put('contract', s.contract.value);
    put('side', active);
    if (s.marginMode.ok) put('marginMode', s.marginMode.value);
    if (s.price.ok) put('entryPrice', num(s.price.value));
    if (s.markPrice?.ok) put('markPrice', num(s.markPrice.value));
    // A size in percent of the balance or as a margin cost has no calculator unit: left for the trader.
    const q = s.quantity.ok ? s.quantity.value : null;
    if (q && (q.unit === 'base' || q.unit === 'quote' || q.unit === 'contracts')) {
      put('quantity', num(q.value));
      put('quantityUnit', q.unit);
    }
    if (s.leverage.ok) {
      put('leverage', num(s.leverage.value));
      put('sizing', 'leverage');
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
