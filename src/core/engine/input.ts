/**
 * Input validation: the raw JSON-shaped position → a normalized position of Decimals, or a list of field errors
 * written for a trader. Nothing here throws on any input, however malformed.
 */
import { D } from '../decimal';
import { isDecimalText, MAX_NUMBER_CHARS, shortPrefix } from './decimal-text';
import { HUNDRED, notionalAt, ONE, ZERO } from './model';
import type { FrozenLeg, MovingLeg, Norm, ResolvedTiers } from './model';
import { positionAfterOrderD } from './position-after-order';
import { lookupTierIndex, parseTierTable, singleTier } from './tiers';
import type {
  AssessContext,
  Assumption,
  ContractType,
  FieldError,
  MarginMode,
  PositionInput,
  PositionMode,
  PositionStatus,
  QuantityUnit,
  Side,
  TierBasis,
  VenueId,
  Warning,
} from './types';
import { linearQuote, baseCoin, symbolKey } from './venues/common';
import { maintenanceRateFromMaxLeverage } from './venues/hyperliquid';
import { VENUE_IDS, VENUES } from './venues/index';
import type { VenueSpec } from './venues/types';

export const MAX_MAGNITUDE = new D('1e15');
const FEE_ERROR_AT = new D('0.05');
const FEE_WARN_ABOVE = new D('0.002');
const FUNDING_ERROR_AT = new D('0.1');
const FUNDING_WARN_ABOVE = new D('0.005');
/** A tick above this share of the price is no market's price step: it is not used (rounding, tolerances). */
const TICK_MAX_SHARE = new D('0.01');

const LABELS: Record<string, string> = {
  entryPrice: 'Entry price',
  markPrice: 'Mark price',
  quantity: 'Quantity',
  contractSize: 'Contract size',
  leverage: 'Leverage',
  isolatedMargin: 'Isolated margin',
  walletBalance: 'Wallet balance',
  maintenanceMarginRate: 'Maintenance margin rate',
  maintenanceAmount: 'Maintenance amount',
  maxLeverage: 'Maximum leverage',
  takerFeeRate: 'Taker fee rate',
  fundingRate: 'Funding rate',
  fundingIntervalHours: 'Funding interval',
  tickSize: 'Tick size',
  positionStatus: 'Position status',
  venueLiquidationPrice: 'Venue liquidation price',
};

function labelOf(field: string): string {
  const last = field.replace(/^.*\./, '');
  const base = LABELS[last] ?? last;
  return field.includes('.') ? `${base} of ${field.slice(0, field.lastIndexOf('.'))}` : base;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function significantDigits(text: string): number {
  const mantissa = text.replace(/^[+-]/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '');
  return mantissa.replace(/0+$/, '').length;
}

type NumRule = 'positive' | 'non-negative' | 'any';

/** Collects errors and warnings while reading fields. */
class Reader {
  readonly errors: FieldError[] = [];
  readonly warnings: Warning[] = [];

  error(field: string, code: string, message: string): void {
    this.errors.push({ field, code, message });
  }

  warn(code: string, message: string, field?: string): void {
    this.warnings.push(field === undefined ? { code, message } : { code, field, message });
  }

  /** A number field. Returns null when absent (and not required) or invalid (an error is recorded). */
  num(field: string, raw: unknown, rule: NumRule, required: boolean, hint = ''): D | null {
    if (raw === undefined || raw === null) {
      if (required) this.error(field, 'required', `${labelOf(field)} is missing.${hint ? ' ' + hint : ''}`);
      return null;
    }
    let text: string;
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) {
        this.error(field, 'not-a-number', `${labelOf(field)} is not a finite number.`);
        return null;
      }
      text = String(raw);
      if (significantDigits(text) > 15) {
        this.warn('float-precision', `${labelOf(field)} was sent as a binary floating-point number with more digits than it can hold exactly (${text}); send numbers as text to keep every digit.`, field);
      }
    } else if (typeof raw === 'string') {
      text = raw.trim();
      if (text === '') {
        this.error(field, 'empty', `${labelOf(field)} is empty.${hint ? ' ' + hint : ''}`);
        return null;
      }
      // Length first: nothing longer than a real number is scanned, converted or echoed whole.
      if (text.length > MAX_NUMBER_CHARS) {
        this.error(field, 'too-long', `${labelOf(field)} "${shortPrefix(text)}" is ${text.length} characters long; a number here has at most ${MAX_NUMBER_CHARS}.`);
        return null;
      }
      if (/\d,\d/.test(text)) {
        this.error(field, 'not-a-number', `${labelOf(field)} "${text}" has a comma: use a dot for decimals and no thousands separators (e.g. 1153.26).`);
        return null;
      }
      if (!isDecimalText(text)) {
        this.error(field, 'not-a-number', `${labelOf(field)} "${shortPrefix(text, 40)}" is not a number.`);
        return null;
      }
    } else {
      this.error(field, 'not-a-number', `${labelOf(field)} must be a number, not ${Array.isArray(raw) ? 'a list' : typeof raw}.`);
      return null;
    }
    const v = new D(text);
    if (v.e >= 15 && v.abs().gt(MAX_MAGNITUDE)) {
      this.error(field, 'too-large', `${labelOf(field)} ${text} is larger than 10^15, beyond any real price, size or balance: check for extra digits.`);
      return null;
    }
    if (rule === 'positive' && !v.gt(ZERO)) {
      this.error(field, v.isZero() ? 'zero' : 'not-positive', `${labelOf(field)} must be above zero; it is ${v.toString()}.`);
      return null;
    }
    if (rule === 'non-negative' && v.isNeg() && !v.isZero()) {
      this.error(field, 'negative', `${labelOf(field)} cannot be negative; it is ${v.toString()}.`);
      return null;
    }
    return v;
  }

  /** A string choice. Aliases map to the canonical value. */
  choice<T extends string>(field: string, raw: unknown, allowed: Record<string, T>, required: boolean, what: string): T | null {
    if (raw === undefined || raw === null) {
      if (required) this.error(field, 'required', `${labelOf(field)} is missing: ${what}.`);
      return null;
    }
    if (typeof raw !== 'string' || raw.trim() === '') {
      this.error(field, typeof raw === 'string' ? 'empty' : 'unknown-value', `${labelOf(field)} must be ${what}.`);
      return null;
    }
    const v = allowed[raw.trim().toLowerCase()];
    if (!v) {
      this.error(field, 'unknown-value', `${labelOf(field)} "${shortPrefix(raw, 40)}" is not one the calculator knows: ${what}.`);
      return null;
    }
    return v;
  }
}

const SIDES: Record<string, Side> = { long: 'long', short: 'short', buy: 'long', sell: 'short' };
const UNITS: Record<string, QuantityUnit> = { base: 'base', quote: 'quote', contracts: 'contracts', contract: 'contracts' };
const CONTRACTS: Record<string, ContractType> = { linear: 'linear', inverse: 'inverse' };
const MARGIN_MODES: Record<string, MarginMode> = { isolated: 'isolated', cross: 'cross' };
const POSITION_MODES: Record<string, PositionMode> = { oneway: 'oneway', 'one-way': 'oneway', hedge: 'hedge' };
const POSITION_STATUSES: Record<string, PositionStatus> = { order: 'order', open: 'open' };
/** An order's price more than this factor away from the mark (either way) is taken for a typo, not assessed. */
export const IMPLAUSIBLE_PRICE_FACTOR = new D(10);
const VENUE_ALIASES: Record<string, VenueId | 'binance'> = {
  ...Object.fromEntries(VENUE_IDS.map((id) => [id, id])),
  binance: 'binance',
  kraken: 'kraken-futures',
  krakenfutures: 'kraken-futures',
  'gate.io': 'gate',
  gateio: 'gate',
};

/**
 * An order priced more than ten times above or below the mark is almost certainly a typo (an extra or missing
 * digit): assessing it would show a confident figure for an order nobody meant. Open positions are exempt: an
 * old position's entry can be far from today's mark.
 */
function implausiblePrice(r: Reader, entry: D, mark: D): void {
  const ratio = entry.gt(mark) ? entry.div(mark) : mark.div(entry);
  if (ratio.lte(IMPLAUSIBLE_PRICE_FACTOR)) return;
  const way = entry.gt(mark) ? 'above' : 'below';
  r.error(
    'entryPrice',
    'implausible-price',
    `Entry price ${entry.toString()} is more than ${IMPLAUSIBLE_PRICE_FACTOR.toString()} times ${way} the mark price ${mark.toString()}: check for a missing or extra digit. No figure is shown for an order this far from the market.`,
  );
}

const UNIT_WORDS = 'base (e.g. BTC), quote (e.g. USDT, or USD face value for inverse contracts) or contracts';

/** Size in base units (linear) or USD face (inverse) from a quantity and its unit. Null with an error otherwise. */
function convertQuantity(
  r: Reader,
  field: string,
  contract: ContractType,
  qty: D,
  unit: QuantityUnit,
  entry: D,
  contractSize: D | null,
  assumptions: Assumption[],
): D | null {
  if (unit === 'contracts') {
    if (!contractSize) {
      r.error(field.replace(/quantity$/, 'contractSize'), 'required', `Contract size is needed to convert a quantity in contracts: enter ${contract === 'linear' ? 'the base amount per contract (e.g. 0.01 BTC)' : 'the USD value per contract (e.g. 100)'} from the contract specifications.`);
      return null;
    }
    return qty.mul(contractSize);
  }
  if (contract === 'linear') {
    if (unit === 'base') return qty;
    const q = qty.div(entry);
    if (!q.mul(entry).eq(qty)) {
      assumptions.push({ code: 'quote-converted-at-entry', message: `A quantity in quote currency was converted to base units at the entry price (${q.toSignificantDigits(12).toString()} base), to 40 significant digits.` });
    }
    return q;
  }
  // Inverse: face value in USD.
  if (unit === 'quote') return qty;
  return qty.mul(entry);
}

const defaultFees = new Map<VenueId, D>();
function defaultFee(spec: VenueSpec): D {
  let fee = defaultFees.get(spec.id);
  if (!fee) {
    fee = new D(spec.defaultTakerFee.rate);
    defaultFees.set(spec.id, fee);
  }
  return fee;
}

const defaultFundingHours = new Map<VenueId, D>();
function defaultFundingInterval(spec: VenueSpec): D {
  let h = defaultFundingHours.get(spec.id);
  if (!h) {
    h = new D(spec.defaultFundingIntervalHours);
    defaultFundingHours.set(spec.id, h);
  }
  return h;
}

export interface Normalized {
  ok: true;
  p: Norm;
  spec: VenueSpec;
  entryTier: { index: number | null; maxLev: D | null; basisValue: D | null };
}

export type NormalizeResult = Normalized | { ok: false; errors: FieldError[] };

/**
 * Other positions already parsed, per object and per (venue, contract, this position's symbol): the
 * background hands the engine the same other-position objects for every keystroke and, for the after-order
 * figures, for every leg of the account, so each is parsed once rather than once per leg per keystroke.
 * Only a clean parse from the object's own fields is kept (no tier-table lookup, no note or error), and
 * the legs are never changed once made. A caller that builds new objects each time simply never hits it.
 */
const parsedOthers = new WeakMap<object, Map<string, FrozenLeg>>();

export function normalize(input: PositionInput | unknown, ctx: AssessContext = {}): NormalizeResult {
  const r = new Reader();
  if (!isRecord(input)) {
    return { ok: false, errors: [{ field: '', code: 'not-an-object', message: 'The position must be a JSON object with fields such as venue, side, entryPrice and quantity.' }] };
  }
  const raw = input;
  const assumptions: Assumption[] = [];

  // --- Venue and contract ---------------------------------------------------------------------------------
  const venueKnown = `one of ${VENUE_IDS.join(', ')}`;
  let venueAlias = r.choice('venue', raw.venue, VENUE_ALIASES, true, venueKnown);
  const contractIn = r.choice('contract', raw.contract, CONTRACTS, false, 'linear or inverse');
  if (venueAlias === 'binance') {
    if (contractIn === 'linear') venueAlias = 'binance-usdm';
    else if (contractIn === 'inverse') venueAlias = 'binance-coinm';
    else {
      r.error('venue', 'ambiguous', 'Venue "binance" is ambiguous: say contract "linear" (USDⓈ-M) or "inverse" (COIN-M), or use binance-usdm / binance-coinm.');
      venueAlias = null;
    }
  }
  const venue = venueAlias as VenueId | null;
  const spec = venue ? VENUES[venue] : null;
  let contract: ContractType | null = contractIn;
  if (spec && !contract) {
    if (spec.contracts.length === 1) contract = spec.contracts[0] ?? null;
    else if (raw.contract === undefined || raw.contract === null) r.error('contract', 'required', `Contract type is missing: ${spec.name} has linear (USDT/USDC-margined) and inverse (coin-margined) contracts.`);
  }
  if (spec && contract && !spec.contracts.includes(contract)) {
    const hint = venue === 'binance-usdm' ? ' Use binance-coinm for COIN-M (inverse) contracts.' : venue === 'binance-coinm' ? ' Use binance-usdm for USDⓈ-M (linear) contracts.' : '';
    r.error('contract', 'unsupported', `${spec.name} has no ${contract} contracts in this calculator.${hint}`);
  }

  let symbol: string | null = null;
  if (raw.symbol !== undefined && raw.symbol !== null) {
    if (typeof raw.symbol !== 'string') r.error('symbol', 'unknown-value', 'Symbol must be text, e.g. "BTCUSDT".');
    else if (raw.symbol.trim() !== '') symbol = raw.symbol.trim().slice(0, 64);
  }

  const marginMode = r.choice('marginMode', raw.marginMode, MARGIN_MODES, true, 'isolated or cross');
  if (spec && marginMode && !spec.marginModes.includes(marginMode)) {
    r.error('marginMode', 'unsupported', marginMode === 'isolated' && venue === 'deribit' ? 'Deribit margins the whole account (cross): choose cross and enter your account equity as walletBalance.' : `${spec.name} does not offer ${marginMode} margin.`);
  }
  const positionMode = r.choice('positionMode', raw.positionMode, POSITION_MODES, false, 'oneway or hedge') ?? 'oneway';
  if (spec && !spec.positionModes.includes(positionMode)) r.error('positionMode', 'unsupported', `${spec.name} has no ${positionMode} mode.`);
  const side = r.choice('side', raw.side, SIDES, true, 'long or short');
  const status = r.choice('positionStatus', raw.positionStatus, POSITION_STATUSES, false, 'order (about to be placed) or open (already held)') ?? 'order';

  // --- Numbers ---------------------------------------------------------------------------------------------
  const entry = r.num('entryPrice', raw.entryPrice, 'positive', true, 'Enter the limit price, or the mark price for a market order.');
  const mark = r.num('markPrice', raw.markPrice, 'positive', true, 'The current mark price is needed for the distance to liquidation.');
  if (status === 'order' && entry && mark) implausiblePrice(r, entry, mark);
  const qty = r.num('quantity', raw.quantity, 'positive', true);
  const unit = r.choice('quantityUnit', raw.quantityUnit, UNITS, true, UNIT_WORDS);
  const contractSizeIn = r.num('contractSize', raw.contractSize, 'positive', false);
  const isolatedMarginIn = r.num('isolatedMargin', raw.isolatedMargin, 'positive', false);
  const walletIn = r.num('walletBalance', raw.walletBalance, 'non-negative', marginMode === 'cross', 'Cross margin uses the whole cross wallet: enter its balance.');
  // Isolated margin comes from the leverage unless given. In cross the leverage sets only the initial margin and
  // the order's cost, never the liquidation price (the wallet backs the position), so it may be left out.
  const leverageNeeded = marginMode === 'isolated' && !isolatedMarginIn;
  let leverage = r.num('leverage', raw.leverage, 'positive', leverageNeeded, 'Enter the leverage set for this symbol.');
  if (leverage && leverage.lt(ONE)) {
    r.error('leverage', 'below-minimum', `Leverage must be at least 1x; it is ${leverage.toString()}x.`);
    leverage = null;
  }
  const mmrIn = r.num('maintenanceMarginRate', raw.maintenanceMarginRate, 'non-negative', false);
  if (mmrIn && mmrIn.gte(ONE)) r.error('maintenanceMarginRate', 'above-maximum', `Maintenance margin rate must be a fraction below 1 (0.005 = 0.5 %); it is ${mmrIn.toString()}.`);
  const amountIn = r.num('maintenanceAmount', raw.maintenanceAmount, 'non-negative', false);
  const maxLevIn = r.num('maxLeverage', raw.maxLeverage, 'positive', false);
  if (maxLevIn && maxLevIn.lt(ONE)) r.error('maxLeverage', 'below-minimum', `Maximum leverage must be at least 1x; it is ${maxLevIn.toString()}x.`);
  const feeIn = r.num('takerFeeRate', raw.takerFeeRate, 'non-negative', false);
  if (feeIn && feeIn.gte(FEE_ERROR_AT)) {
    r.error('takerFeeRate', 'above-maximum', `Taker fee rate ${feeIn.toString()} is ${feeIn.mul(HUNDRED).toString()} %, not a real taker fee: enter it as a fraction (0.0005 = 0.05 %).`);
  } else if (feeIn && feeIn.gt(FEE_WARN_ABOVE)) {
    r.warn('fee-unusual', `Taker fee rate ${feeIn.mul(HUNDRED).toString()} % is unusually high; check it is a fraction (0.0005 = 0.05 %).`, 'takerFeeRate');
  }
  const funding = r.num('fundingRate', raw.fundingRate, 'any', false);
  if (funding && funding.abs().gte(FUNDING_ERROR_AT)) {
    r.error('fundingRate', 'above-maximum', `Funding rate ${funding.toString()} is ${funding.mul(HUNDRED).toString()} % per interval, far beyond any venue's cap: enter it as a fraction (0.0001 = 0.01 %).`);
  } else if (funding && funding.abs().gt(FUNDING_WARN_ABOVE)) {
    r.warn('funding-unusual', `Funding rate ${funding.mul(HUNDRED).toString()} % per interval is unusually high; check it is a fraction.`, 'fundingRate');
  }
  const fundingHoursIn = r.num('fundingIntervalHours', raw.fundingIntervalHours, 'positive', false);
  const tick = r.num('tickSize', raw.tickSize, 'positive', false);

  if (marginMode === 'cross' && raw.isolatedMargin !== undefined) r.warn('ignored-field', 'Isolated margin is ignored in cross mode: the cross wallet backs the position.', 'isolatedMargin');

  // --- Other positions (shape only here) -------------------------------------------------------------------
  const othersRaw = raw.otherPositions;
  if (othersRaw !== undefined && othersRaw !== null && !Array.isArray(othersRaw)) r.error('otherPositions', 'not-a-list', 'otherPositions must be a list of positions.');
  const othersList = Array.isArray(othersRaw) ? othersRaw : [];
  if (othersList.length > 500) r.error('otherPositions', 'too-many', `otherPositions has ${othersList.length} entries; at most 500 are assessed.`);
  if (marginMode === 'isolated' && othersList.length > 0) {
    r.warn('ignored-field', 'Other positions do not affect an isolated position: they are ignored.', 'otherPositions');
  }

  if (r.errors.length > 0 || !spec || !venue || !contract || !marginMode || !side || !entry || !mark || !qty || !unit) {
    if (r.errors.length === 0) r.error('', 'incomplete', 'The position is incomplete: venue, contract, margin mode, side, prices, quantity and unit are all needed.');
    return { ok: false, errors: r.errors };
  }

  // A tick coarser than 1 % of the price would round the figure past the mark and widen every tolerance it sets.
  let tickUsed = tick;
  const lowPrice = D.min(entry, mark);
  if (tick && tick.gt(lowPrice.mul(TICK_MAX_SHARE))) {
    r.warn('tick-not-used', `Tick size ${tick.toString()} is ${tick.div(lowPrice).mul(HUNDRED).toSignificantDigits(3).toString()} % of the price ${lowPrice.toString()}, coarser than any market's price step: it is not used, and prices are shown to 10 significant digits. Check the tick size.`, 'tickSize');
    tickUsed = null;
  }

  // --- Quantities ------------------------------------------------------------------------------------------
  let contractSize = contractSizeIn;
  const defaultCs = spec.defaultContractSize(contract, symbol);
  if (!contractSize && defaultCs) {
    contractSize = new D(defaultCs.value);
    if (unit === 'contracts' || spec.tierBasis[contract] === 'contracts') {
      assumptions.push({ code: 'contract-size-default', message: `Contract size ${defaultCs.value}: ${defaultCs.note}. Enter contractSize if yours differs.` });
    }
  }
  const s: 1 | -1 = side === 'long' ? 1 : -1;
  const orderSize = convertQuantity(r, 'quantity', contract, qty, unit, entry, contractSize, assumptions);
  if (!orderSize) return { ok: false, errors: r.errors };

  // --- Existing position: assess the net position after this order -----------------------------------------
  let size = orderSize;
  let netEntry = entry;
  let netS: 1 | -1 = s;
  let hasExisting = false;
  let afterKind: 'open' | 'add' | 'reduce' | 'flip' = 'open';
  let existingSize: D | null = null;
  let existingMargin: D | null = null;
  const exRaw = raw.existingPosition;
  if (exRaw !== undefined && exRaw !== null) {
    if (!isRecord(exRaw)) {
      r.error('existingPosition', 'not-an-object', 'existingPosition must be an object with side, quantity, quantityUnit and entryPrice.');
    } else {
      const exSide = r.choice('existingPosition.side', exRaw.side, SIDES, true, 'long or short');
      const exQty = r.num('existingPosition.quantity', exRaw.quantity, 'positive', true);
      const exUnit = r.choice('existingPosition.quantityUnit', exRaw.quantityUnit, UNITS, true, UNIT_WORDS);
      const exEntry = r.num('existingPosition.entryPrice', exRaw.entryPrice, 'positive', true);
      existingMargin = r.num('existingPosition.isolatedMargin', exRaw.isolatedMargin, 'positive', false);
      if (exSide && exQty && exUnit && exEntry) {
        const exSize = convertQuantity(r, 'existingPosition.quantity', contract, exQty, exUnit, exEntry, contractSize, assumptions);
        if (exSize) {
          const after = positionAfterOrderD({ s: exSide === 'long' ? 1 : -1, size: exSize, entry: exEntry }, { s, size: orderSize, entry }, contract);
          if (after.kind === 'closed') {
            r.error('quantity', 'closes-position', 'This order closes the existing position completely: nothing is left to be liquidated.');
          } else {
            hasExisting = true;
            afterKind = after.kind;
            existingSize = exSize;
            size = after.leg.size;
            netEntry = after.leg.entry;
            netS = after.leg.s;
            assumptions.push({
              code: 'net-position-after-order',
              message: `Assessed the ${after.leg.s === 1 ? 'long' : 'short'} position left after this order meets the existing one (${after.kind}); entry ${after.leg.entry.toSignificantDigits(12).toString()}.`,
            });
          }
        }
      }
    }
    if (r.errors.length > 0) return { ok: false, errors: r.errors };
  }
  const contracts = contractSize ? size.div(contractSize) : null;
  if (contracts && venue === 'okx' && !contracts.isInteger()) {
    r.warn('fractional-contracts', `The size is ${contracts.toSignificantDigits(12).toString()} contracts; OKX trades whole contracts (or its lot size), so the order may be rounded.`, 'quantity');
  }

  // --- Fee, funding ------------------------------------------------------------------------------------------
  const fee = feeIn ?? defaultFee(spec);
  if (!feeIn) {
    assumptions.push({
      code: 'default-taker-fee',
      message: `Taker fee ${fee.mul(HUNDRED).toString()} % is ${spec.name}'s default (${spec.defaultTakerFee.source}; confidence ${spec.defaultTakerFee.confidence}). Enter takerFeeRate for your own fee tier.`,
    });
  }
  const fundingIntervalHours = fundingHoursIn ?? defaultFundingInterval(spec);

  // --- Tiers -----------------------------------------------------------------------------------------------
  const tiers = resolveTiers(r, spec, venue, contract, symbol, mmrIn, amountIn, maxLevIn, ctx, contractSize);
  if (!tiers) return { ok: false, errors: r.errors };

  // --- Other positions (values) ----------------------------------------------------------------------------
  const coLegs: MovingLeg[] = [];
  const others: FrozenLeg[] = [];
  if (marginMode === 'cross') {
    const reused = `${venue}\u0000${contract}\u0000${symbol === null ? '' : symbolKey(symbol)}`;
    othersList.forEach((o, i) => {
      const f = `otherPositions[${i}]`;
      if (!isRecord(o)) {
        r.error(f, 'not-an-object', `${f} must be an object with side, quantity, quantityUnit, entryPrice and markPrice.`);
        return;
      }
      const known = parsedOthers.get(o)?.get(reused);
      if (known) {
        others.push(known);
        return;
      }
      const said = r.errors.length + r.warnings.length + assumptions.length;
      const oSide = r.choice(`${f}.side`, o.side, SIDES, true, 'long or short');
      const oQty = r.num(`${f}.quantity`, o.quantity, 'positive', true);
      const oUnit = r.choice(`${f}.quantityUnit`, o.quantityUnit, UNITS, true, UNIT_WORDS);
      const oEntry = r.num(`${f}.entryPrice`, o.entryPrice, 'positive', true);
      const oMark = r.num(`${f}.markPrice`, o.markPrice, 'positive', true);
      const oCs = r.num(`${f}.contractSize`, o.contractSize, 'positive', false);
      const oMmr = r.num(`${f}.maintenanceMarginRate`, o.maintenanceMarginRate, 'non-negative', false);
      if (oMmr && oMmr.gte(ONE)) r.error(`${f}.maintenanceMarginRate`, 'above-maximum', `Maintenance margin rate of ${f} must be a fraction below 1; it is ${oMmr.toString()}.`);
      const oAmount = r.num(`${f}.maintenanceAmount`, o.maintenanceAmount, 'non-negative', false);
      const oMaxLev = r.num(`${f}.maxLeverage`, o.maxLeverage, 'positive', false);
      let oSymbol: string | null = null;
      if (o.symbol !== undefined && o.symbol !== null) {
        if (typeof o.symbol !== 'string') r.error(`${f}.symbol`, 'unknown-value', `Symbol of ${f} must be text.`);
        else oSymbol = o.symbol.trim().slice(0, 64);
      }
      if (!oSide || !oQty || !oUnit || !oEntry || !oMark) return;
      const sameSymbol = oSymbol !== null && symbol !== null && symbolKey(oSymbol) === symbolKey(symbol);
      const oSize = convertQuantity(r, `${f}.quantity`, contract, oQty, oUnit, oEntry, oCs ?? (sameSymbol ? contractSize : null), assumptions);
      if (!oSize) return;
      let mmr = oMmr;
      let amount = oAmount ?? ZERO;
      if (!mmr && venue === 'hyperliquid' && oMaxLev) mmr = maintenanceRateFromMaxLeverage(oMaxLev);
      if (!mmr && oSymbol) {
        const table = typeof ctx.tierProvider?.tableFor === 'function' ? ctx.tierProvider.tableFor(venue, oSymbol, contract) : null;
        const parsed = table ? parseTierTable(table) : null;
        if (parsed && !Array.isArray(parsed)) {
          const v = basisValueFor(parsed.basis, contract, oSize, oMark, oCs ?? null);
          if (v) {
            const t = parsed.tiers[lookupTierIndex(parsed.tiers, v, parsed.capInclusive)];
            if (t) {
              mmr = t.mmr;
              amount = t.amount;
            }
          }
        }
      }
      if (!mmr) {
        r.error(`${f}.maintenanceMarginRate`, 'required', `Maintenance margin rate of ${f}${oSymbol ? ` (${oSymbol})` : ''} is needed: its maintenance margin is part of your cross account's requirement.`);
        return;
      }
      const oS: 1 | -1 = oSide === 'long' ? 1 : -1;
      if (sameSymbol) {
        if (positionMode !== 'hedge') {
          r.error(`${f}.symbol`, 'inconsistent', `In one-way mode a symbol holds one position, but ${f} is also ${oSymbol}: pass it as existingPosition, or set positionMode to hedge.`);
          return;
        }
        if (!oMark.eq(mark)) {
          r.warn('hedge-leg-mark', `The other ${oSymbol} leg has mark ${oMark.toString()} but this position has ${mark.toString()}: both legs move with this position's mark.`, `${f}.markPrice`);
        }
        coLegs.push({ s: oS, size: oSize, entry: oEntry, mmr, amount });
      } else {
        const leg: FrozenLeg = { s: oS, size: oSize, entry: oEntry, mark: oMark, mmr, amount };
        others.push(leg);
        // Kept only when it came from the object alone (its own maintenance rate, nothing to say about it).
        if ((oMmr || (venue === 'hyperliquid' && oMaxLev)) && r.errors.length + r.warnings.length + assumptions.length === said) {
          const byContext = parsedOthers.get(o) ?? new Map<string, FrozenLeg>();
          if (byContext.size < 8) byContext.set(reused, leg);
          parsedOthers.set(o, byContext);
        }
      }
    });
    if (r.errors.length > 0) return { ok: false, errors: r.errors };
  }

  // --- Leverage, margin ------------------------------------------------------------------------------------
  const notionalEntry = notionalAt(contract, size, netEntry);
  const orderNotional = notionalAt(contract, orderSize, entry);
  let lev = leverage;
  let margin: D | null = null;
  const p: Norm = {
    venue,
    symbol,
    coin: baseCoin(symbol),
    contract,
    marginMode,
    positionMode,
    status,
    side: netS === 1 ? 'long' : 'short',
    s: netS,
    entry: netEntry,
    mark,
    size,
    contractSize,
    contracts,
    leverage: lev,
    margin: null,
    wallet: walletIn,
    fee,
    funding,
    fundingIntervalHours,
    tick: tickUsed,
    coLegs,
    others,
    tiers,
    maxLeverageOverride: maxLevIn,
    orderSize: hasExisting ? orderSize : null,
    orderEntry: hasExisting ? entry : null,
    orderS: hasExisting ? s : null,
    currency: contract === 'linear' ? linearQuote(symbol, spec.linearCurrency) : (baseCoin(symbol) ?? 'coin'),
    assumptions,
    warnings: r.warnings,
  };
  if (marginMode === 'isolated') {
    if (isolatedMarginIn) {
      margin = isolatedMarginIn;
      if (!lev) {
        lev = notionalEntry.div(margin);
        p.leverage = lev;
        assumptions.push({ code: 'leverage-from-margin', message: `No leverage given: the effective leverage ${lev.toSignificantDigits(6).toString()}x (notional ÷ isolated margin) is used for the initial margin.` });
      }
    } else if (hasExisting && existingMargin && existingSize && lev && afterKind !== 'flip') {
      // Existing margin plus the order's initial margin when adding; a reduction releases margin pro rata.
      margin = afterKind === 'add' ? existingMargin.plus(orderNotional.div(lev)) : existingMargin.mul(size.div(existingSize));
      assumptions.push({ code: 'isolated-margin-combined', message: 'Isolated margin = the existing position’s margin plus this order’s initial margin (a reduction releases margin in proportion).' });
    } else if (lev) {
      margin = spec.formula.defaultIsolatedMargin ? spec.formula.defaultIsolatedMargin(p) : notionalEntry.div(lev);
      assumptions.push({
        code: 'isolated-margin-default',
        message: spec.formula.defaultIsolatedMargin
          ? `Isolated margin is ${spec.name}'s default for this leverage (including the fee reserve it sets aside); enter isolatedMargin if you added margin.`
          : 'Isolated margin = position value ÷ leverage (no added margin); enter isolatedMargin if you added margin.',
      });
    }
    p.margin = margin;
    if (margin && walletIn && margin.gt(walletIn)) {
      r.warn('isolated-margin-above-wallet', `The isolated margin (${margin.toSignificantDigits(10).toString()}) is more than the wallet balance (${walletIn.toString()}): the venue would reject this order for insufficient balance.`, 'isolatedMargin');
    }
  }
  if (funding === null) assumptions.push({ code: 'funding-not-included', message: 'No funding rate given: funding payments are not included.' });

  // --- Tier checks against the order size ---------------------------------------------------------------------
  const entryBasis = basisValueFor(tiers.basis, contract, size, netEntry, contractSize);
  const entryIdx = entryBasis ? lookupTierIndex(tiers.tiers, entryBasis, tiers.capInclusive) : 0;
  const entryTier = tiers.tiers[entryIdx] ?? tiers.tiers[0];
  const maxLev = maxLevIn ?? entryTier?.maxLev ?? null;
  if (lev && maxLev && lev.gt(maxLev)) {
    const where = maxLevIn ? 'the maximum you entered' : `the maximum for a position of this size on ${spec.name}${tiers.capturedAt ? ` (table of ${tiers.capturedAt.slice(0, 10)})` : ''}`;
    r.warn('leverage-above-tier-maximum', `Leverage ${lev.toString()}x is above ${maxLev.toString()}x, ${where}: the venue would likely reject it or cap the leverage.`, 'leverage');
  }
  return { ok: true, p, spec, entryTier: { index: entryTier?.index ?? null, maxLev, basisValue: entryBasis } };
}

/** The tier basis of a position at a price. Null for contracts without a contract size. */
export function basisValueFor(basis: TierBasis, contract: ContractType, size: D, price: D, contractSize: D | null): D | null {
  if (basis === 'contracts') return contractSize ? size.div(contractSize) : null;
  if (basis === 'notional') return contract === 'linear' ? size.mul(price) : size;
  return contract === 'linear' ? size : size.div(price);
}

function resolveTiers(
  r: Reader,
  spec: VenueSpec,
  venue: VenueId,
  contract: ContractType,
  symbol: string | null,
  mmr: D | null,
  amount: D | null,
  maxLev: D | null,
  ctx: AssessContext,
  contractSize: D | null,
): ResolvedTiers | null {
  const basis = spec.tierBasis[contract];
  if (mmr) {
    return {
      tiers: [singleTier(mmr, amount ?? ZERO, maxLev)],
      basis,
      continuous: true,
      capInclusive: true,
      source: 'override',
      capturedAt: null,
      symbol,
      note: 'maintenance rate entered by you',
    };
  }
  if (amount) r.warn('ignored-field', 'A maintenance amount without a maintenance rate is ignored; the table’s amount is used.', 'maintenanceAmount');
  if (venue === 'hyperliquid' && maxLev) {
    return {
      tiers: [singleTier(maintenanceRateFromMaxLeverage(maxLev), ZERO, maxLev)],
      basis,
      continuous: true,
      capInclusive: true,
      source: 'override',
      capturedAt: null,
      symbol,
      note: `Hyperliquid rule MMR = 1/(2 × ${maxLev.toString()}) from the max leverage you entered`,
      fromMaxLeverage: true,
    };
  }
  let table = ctx.tiers ?? null;
  if (table && (table.venue !== venue || (symbol && typeof table.symbol === 'string' && symbolKey(table.symbol) !== symbolKey(symbol)))) {
    r.warn('tier-table-mismatch', `The tier table supplied is for ${shortPrefix(String(table.venue), 32)} ${shortPrefix(String(table.symbol), 32)}, not this position; it was not used.`, 'tiers');
    table = null;
  }
  if (!table && symbol && typeof ctx.tierProvider?.tableFor === 'function') table = ctx.tierProvider.tableFor(venue, symbol, contract);
  if (table) {
    const parsed = parseTierTable(table);
    if (Array.isArray(parsed)) {
      r.error('tiers', 'bad-tier-table', `The tier table for ${shortPrefix(String(table.venue), 32)} ${shortPrefix(String(table.symbol), 32)} is unusable (${parsed.map((x) => x.message).join(' ')}). Enter the maintenance margin rate instead.`);
      return null;
    }
    if (parsed.basis === 'contracts' && !contractSize) {
      r.error('contractSize', 'required', `${spec.name} counts tiers in contracts: enter the contract size (ctVal) so the position can be placed in its tier.`);
      return null;
    }
    return parsed;
  }
  const builtIn = spec.defaultTiers?.({ symbol, contract, maxLeverage: maxLev }) ?? null;
  if (builtIn) return builtIn;
  const what = venue === 'hyperliquid' ? 'Enter the asset’s maximum leverage (maxLeverage) or the maintenance margin rate' : 'Enter the maintenance margin rate from the venue’s leverage/risk-limit page';
  r.error(
    'maintenanceMarginRate',
    'missing-tier-data',
    `No maintenance-margin table is loaded for ${spec.name}${symbol ? ` ${symbol}` : ''}. ${what}, or wait for the tables to load.`,
  );
  return null;
}
