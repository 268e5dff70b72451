/**
 * FormSnapshot → the engine's PositionInput, one per side. Pure. Every value either comes from
 * the page, the venue's public market data or the trader's settings, with a note saying which;
 * whatever cannot be had stops the assessment with a reason naming the field ("fail closed").
 *
 * Rules (each has a test in inputs.test.ts):
 *   venue        binance + product usdm/coinm → binance-usdm/binance-coinm (no product: by contract
 *                type); generic → fails: a liquidation price needs the maintenance rate, which only
 *                the calculator can take from the trader; other venues map 1:1
 *   intent       a close order adds no risk → idle
 *   size         base/quote/contracts as read; percent → notional = pct/100 × available balance ×
 *                leverage, quantity = notional ÷ price (inverse: face value = notional × price)
 *   contracts    the contract size comes from the venue's contract spec, else the engine's documented
 *                venue default; neither → fails naming contractSize (never guessed)
 *   entry        the order price (limit/conditional) or the page's price (market order)
 *   mark         the page's mark; else the venue API's mark; else for a market order the page's
 *                price; else (limit order) the order price, with a warning that distance is measured
 *                from the order price (the liquidation price itself does not use the mark)
 *   cross wallet the page's available balance (same asset as the settlement); else the wallet in
 *                settings (linear contracts only: it has no currency); else fails
 *   tick         the venue's contract spec, for display rounding only
 */
import { D } from '../decimal';
import { checkApiMark } from '../market/mark-check';
import { tickAt } from '../market/price-rule';
import type { PositionInput, VenueId } from '../engine/types';
import { baseCoin, linearQuote } from '../engine/venues/common';
import { VENUES } from '../engine/venues/index';
import { parseTierTable } from '../engine/tiers';
import type { FormSnapshot, Read, Side } from '../../shared/form-snapshot';
import type { Note, OverlayState } from '../../shared/overlay-state';
import { settingsVenueFor, type Settings } from '../../shared/settings';
import { plain } from './display';
import type { BuiltInputs, MarketFacts, SideInput, SnapshotPlan } from './types';

/** How each snapshot field is named to the trader (the overlay shows "<label>: <reason>"). */
export const FIELD_LABELS: Record<string, string> = {
  venue: 'Venue',
  product: 'Product',
  symbol: 'Symbol',
  contract: 'Contract type',
  sides: 'Side',
  orderType: 'Order type',
  price: 'Price',
  markPrice: 'Mark price',
  quantity: 'Size',
  leverage: 'Leverage',
  marginMode: 'Margin mode',
  availableBalance: 'Available balance',
  contractSize: 'Contract size',
  walletBalance: 'Cross wallet',
  tiers: 'Maintenance margin',
};

const note = (code: string, field: string, reason: string): Note => ({ code, field, message: `${FIELD_LABELS[field] ?? field}: ${reason}` });
const info = (code: string, message: string): Note => ({ code, message });

/** Fields the trader can point at, in their words. */
const PICKABLE = ['price', 'quantity', 'leverage', 'sides', 'orderType', 'intent', 'marginMode', 'availableBalance'] as const;
const PICKED_NAMES: Record<(typeof PICKABLE)[number], string> = { price: 'price', quantity: 'size', leverage: 'leverage', sides: 'side', orderType: 'order type', intent: 'open/close', marginMode: 'margin mode', availableBalance: 'available balance' };
const UNIT_MEANING: Record<string, string> = { base: 'coin', contracts: 'contracts', quote: 'the order value', cost: 'the cost (margin)' };

/** The reason of a failed read without the reader's own "label: " prefix. */
const bare = (reason: string): string => reason.replace(/^[^:]{1,30}: /, '');

const idle = (message: string): { ok: false; state: OverlayState } => ({ ok: false, state: { kind: 'idle', message } });
const unreadable = (reasons: Note[]): { ok: false; state: OverlayState } => ({ ok: false, state: { kind: 'unreadable', reasons } });

function value<T>(r: Read<T> | undefined): T | null {
  return r && r.ok ? r.value : null;
}

/**
 * Why the page's available balance cannot stand for the cross wallet. A read that failed says why itself (two different
 * balances shown, an unreadable figure): "the page shows no available balance" would then be untrue.
 */
function noPageWallet(read: FormSnapshot['availableBalance'], settle: string | null): string {
  if (read?.ok) return `the page’s balance is in ${read.value.asset}, not ${settle ?? 'the settlement asset'}`;
  if (read && !read.ok) return `the page’s available balance could not be read (${bare(read.reason).replace(/\.$/, '')})`;
  return 'the page shows no available balance';
}

/** The engine's venue for a snapshot, or the reason there is none. */
export function engineVenueFor(s: FormSnapshot): { ok: true; venue: VenueId } | { ok: false; reason: Note } {
  switch (s.venue) {
    case 'binance': {
      if (s.product === 'usdm') return { ok: true, venue: 'binance-usdm' };
      if (s.product === 'coinm') return { ok: true, venue: 'binance-coinm' };
      if (s.product !== undefined) return { ok: false, reason: note('unknown-product', 'product', `"${s.product}" is not a Binance futures product LiqGuard knows (USDⓈ-M or COIN-M).`) };
      const contract = value(s.contract);
      if (contract === 'linear') return { ok: true, venue: 'binance-usdm' };
      if (contract === 'inverse') return { ok: true, venue: 'binance-coinm' };
      return { ok: false, reason: note('unknown-product', 'product', 'neither the product (USDⓈ-M or COIN-M) nor the contract type could be read, so the Binance margin rules to use are unknown.') };
    }
    case 'generic':
      return {
        ok: false,
        reason: note(
          'maintenance-rate-needed',
          'venue',
          'this page is not one of the venues LiqGuard has rules for, so its maintenance margin rate is unknown and no liquidation price can be computed from the page alone. Enter the position with the rate from the venue’s risk-limit page in LiqGuard’s calculator (toolbar button).',
        ),
      };
    default:
      return { ok: true, venue: s.venue };
  }
}

/** A message as a clause inside a sentence: without its closing full stop. */
const clause = (message: string): string => message.trim().replace(/[.\s]+$/, '');

/**
 * A form that keeps one leverage per side (MEXC's hedge mode): each side built as an order of that side alone at
 * its own leverage, and the sides put together; a side whose leverage the page does not show fails, naming it.
 */
function bySide(s: FormSnapshot, sides: readonly Side[], leverages: Partial<Record<Side, string>>, build: (one: FormSnapshot) => BuildResult): BuildResult {
  const { leverageBySide: _perSide, ...rest } = s;
  const source = s.leverage.ok ? s.leverage.source : 'page';
  const parts: Extract<BuildResult, { ok: true }>['built'][] = [];
  for (const side of sides) {
    const lev = leverages[side];
    const leverage: FormSnapshot['leverage'] = lev ? { ok: true, value: lev, raw: `${lev}x`, source } : { ok: false, reason: `leverage: the page shows no leverage for the ${side} side` };
    const one = build({ ...rest, sides: { ok: true, value: [side], source: s.sides.ok ? s.sides.source : 'page' }, leverage });
    if (!one.ok) return one;
    parts.push(one.built);
  }
  const first = parts[0] as (typeof parts)[number];
  const unique = (notes: Note[]) => notes.filter((n, i) => notes.findIndex((o) => o.code === n.code && o.message === n.message) === i);
  const ordered = s.activeSide && sides.includes(s.activeSide) ? [s.activeSide, ...sides.filter((x) => x !== s.activeSide)] : sides;
  return {
    ok: true,
    built: {
      ...first,
      sides: ordered.flatMap((side) => parts.flatMap((p) => p.sides.filter((x) => x.side === side))),
      assumptions: unique([info('leverage-per-side', `The form keeps one leverage per side: ${sides.map((x) => `${x} ${leverages[x]}x`).join(', ')}; each side is assessed at its own.`), ...parts.flatMap((p) => p.assumptions)]),
      warnings: unique(parts.flatMap((p) => p.warnings)),
    },
  };
}

/**
 * Whether the engine has the venue's own maintenance rates for this symbol: the market data's table
 * (when the engine can use it) or one the engine documents. Only without them is a rate the trader
 * typed used.
 */
function venueTableAvailable(venue: VenueId, symbol: string, contract: 'linear' | 'inverse', facts: MarketFacts): boolean {
  const table = facts.tiers?.table;
  if (table && table.venue === venue && !Array.isArray(parseTierTable(table))) return true;
  return (VENUES[venue].defaultTiers?.({ symbol, contract, maxLeverage: null }) ?? null) !== null;
}

/** Fields without which nothing can be assessed, in the order the trader reads the form. */
const REQUIRED = ['symbol', 'contract', 'sides', 'orderType', 'price', 'quantity', 'leverage', 'marginMode'] as const;

/** Cheap checks first: which market data the snapshot needs, or the state to show instead. */
export function planSnapshot(s: FormSnapshot, settings: Settings): SnapshotPlan {
  const sv = settingsVenueFor(s.venue);
  if (sv && !settings.venues[sv].enabled) return idle('LiqGuard is switched off for this venue in its options.');
  const intent = value(s.intent);
  if (intent === 'close') return idle('This is a close order: it reduces your position and adds no liquidation risk, so there is nothing to warn about.');

  const reasons: Note[] = [];
  for (const field of REQUIRED) {
    const r = s[field];
    if (!r.ok) reasons.push(note('unreadable', field, bare(r.reason)));
  }
  const sides = value(s.sides);
  if (sides && sides.length === 0) reasons.push(note('unreadable', 'sides', 'no side to assess.'));
  const venue = engineVenueFor(s);
  if (!venue.ok) reasons.push(venue.reason);
  if (reasons.length > 0 || !venue.ok) return unreadable(reasons);

  const qty = value(s.quantity);
  const symbol = value(s.symbol);
  const contract = value(s.contract);
  if (!qty || !symbol || !contract) return unreadable(reasons);
  const q = new D(qty.value);
  if (!q.gt(0)) return idle('The size is zero: type a size to see where the position would be liquidated.');

  const spec = VENUES[venue.venue];
  const contractsNeeded = qty.unit === 'contracts' || spec.tierBasis[contract] === 'contracts';
  return {
    ok: true,
    venue: venue.venue,
    symbol,
    contract,
    needsMark: !(s.markPrice && s.markPrice.ok),
    needsContractSize: contractsNeeded && spec.defaultContractSize(contract, symbol) === null,
  };
}

/** The asset a contract settles in: the quote for linear (USDT, USDC...), the coin for inverse. */
export function settlementAsset(venue: VenueId, contract: 'linear' | 'inverse', symbol: string): string | null {
  if (contract === 'inverse') return baseCoin(symbol);
  return linearQuote(symbol, VENUES[venue].linearCurrency);
}

/** What a venue's form means by an order's cost, from its documentation. */
export type CostModel = 'margin-open-loss' | 'margin-fees-bankruptcy' | 'margin-two-fees' | 'margin';
export function costModel(venue: VenueId): CostModel {
  // Binance FAQ 87fa7ee3… (2020-07-08); Bybit help 900000169703; BitMEX calculator (margin plus two taker fees).
  if (venue === 'binance-usdm') return 'margin-open-loss';
  if (venue === 'bybit') return 'margin-fees-bankruptcy';
  if (venue === 'bitmex') return 'margin-two-fees';
  return 'margin';
}
const COST_MODEL_TEXT: Record<CostModel, string> = {
  'margin-open-loss': 'initial margin plus the open loss against the mark',
  'margin-fees-bankruptcy': 'initial margin plus the taker fees to open and to close at the bankruptcy price',
  'margin-two-fees': 'initial margin plus two taker fees',
  margin: 'initial margin',
};

/**
 * The size a cost buys: linear sizes in the coin, inverse in USD face value. Each model's cost is
 * linear in the size, so the size is the cost over the cost of one unit.
 */
export function sizeFromCost(model: CostModel, contract: 'linear' | 'inverse', side: Side, cost: D, price: D, mark: D, leverage: D, fee: D): D {
  if (contract === 'inverse') return cost.mul(leverage).mul(price);
  const margin = price.div(leverage);
  const dir = side === 'long' ? 1 : -1;
  let perUnit = margin;
  if (model === 'margin-open-loss') perUnit = margin.plus(D.max(0, price.minus(mark).mul(dir)));
  if (model === 'margin-fees-bankruptcy') {
    const bankruptcy = side === 'long' ? price.mul(leverage.minus(1)).div(leverage) : price.mul(leverage.plus(1)).div(leverage);
    perUnit = margin.plus(price.mul(fee)).plus(bankruptcy.mul(fee));
  }
  if (model === 'margin-two-fees') perUnit = margin.plus(price.mul(fee).mul(2));
  return cost.div(perUnit);
}

/** XBT is BitMEX's name for BTC. */
export const assetKey = (a: string): string => (a.toUpperCase() === 'XBT' ? 'BTC' : a.toUpperCase());

export type BuildResult = { ok: true; built: BuiltInputs } | { ok: false; state: OverlayState };

/**
 * What the page's positions list and account panel add (src/core/assessment/account.ts): used, the
 * cross wallet the panel shows and the mark the list shows for this symbol; not used, why not.
 */
export type AccountInputs = { used: true; wallet: { value: string; asset: string } | null; mark: string | null } | { used: false; reason: string };

export function buildInputs(s: FormSnapshot, facts: MarketFacts, settings: Settings, account?: AccountInputs): BuildResult {
  const perSide = s.leverageBySide;
  const both = value(s.sides);
  if (perSide && both && both.length > 1 && s.sides.ok) return bySide(s, both, perSide, (one) => buildInputs(one, facts, settings, account));
  const plan = planSnapshot(s, settings);
  if (!plan.ok) return plan;
  const { venue, symbol, contract } = plan;
  const assumptions: Note[] = [];
  const warnings: Note[] = [];
  const reasons: Note[] = [];

  // Values the plan proved present.
  const sides = value(s.sides) as Side[];
  const orderType = value(s.orderType) as 'limit' | 'market' | 'conditional';
  const price = value(s.price) as string;
  const qty = value(s.quantity) as { value: string; unit: 'base' | 'quote' | 'contracts' | 'percent' | 'cost'; label?: string };
  const leverage = value(s.leverage) as string;
  const marginMode = value(s.marginMode) as 'isolated' | 'cross';
  const settle = settlementAsset(venue, contract, symbol);
  const balanceRead = s.availableBalance;
  const balance = value(balanceRead);
  const balanceMatches = balance !== null && settle !== null && assetKey(balance.asset) === assetKey(settle);

  // Fields read where the trader pointed (for a tab: the one the page marks active now) and facts the trader set.
  const pointed = PICKABLE.filter((f) => {
    const r = s[f] as Read<unknown> | undefined;
    return r?.ok && r.source === 'picker';
  });
  if (s.confidence === 'picker' || pointed.length > 0) {
    const which = pointed.length > 0 ? `${pointed.map((f) => PICKED_NAMES[f]).join(', ')} ${pointed.length > 1 ? 'were' : 'was'}` : 'Some fields were';
    assumptions.push(info('fields-from-picker', `${which.charAt(0).toUpperCase()}${which.slice(1)} read from elements you pointed at on this page (for a tab, the one the page marks active); if the venue changed its layout, point at them again.`));
  }
  for (const t of s.setByTrader ?? []) {
    if (t.field === 'quantityUnit' && qty.unit === t.value) assumptions.push(info('unit-set-by-you', `Size ${qty.value} read as ${UNIT_MEANING[t.value] ?? t.value}: you set this for ${symbol} on ${new Date(t.savedAt).toISOString().slice(0, 10)}, the page does not say. The page’s own figures still check it.`));
  }
  if (s.marginMode.ok && s.marginMode.source === 'trader') assumptions.push(info('margin-mode-set-by-you', `Margin mode ${marginMode}: you chose it in LiqGuard’s panel for ${symbol}; the page does not show it.`));
  if (s.confidence === 'generic-high' || s.confidence === 'generic-low') {
    assumptions.push(info('fields-from-generic-reader', 'LiqGuard’s generic reader found these fields because the venue’s layout is not one its adapter knows; check they are your order form’s.'));
  }

  // --- Contract spec: contract size and tick -------------------------------------------------
  const spec = facts.spec?.spec ?? null;
  const specUsable = spec !== null && spec.venue === venue && spec.symbol === symbol && spec.contract === contract;
  if (spec && !specUsable) {
    warnings.push(info('contract-spec-mismatch', `The venue’s contract spec describes ${spec.venue} ${spec.symbol} (${spec.contract}), not this ${contract} ${symbol}; it was not used.`));
  }
  let contractSize = specUsable ? spec.contractSize : null;
  // A venue whose price step depends on the price (Hyperliquid) gets the step at the order price here; the
  // assessment refines it at the liquidation price (assess-snapshot.ts).
  const ruleTick = specUsable && spec.priceRule ? tickAt(spec.priceRule, price) : null;
  const tick = specUsable ? (ruleTick ? ruleTick.toFixed() : spec.tickSize) : null;
  if (contractSize !== null && (qty.unit === 'contracts' || VENUES[venue].tierBasis[contract] === 'contracts')) {
    assumptions.push(info('contract-size-from-venue', `Contract size ${contractSize} from ${venue}’s public contract specification (${spec?.capturedAt.slice(0, 16).replace('T', ' ')} UTC).`));
  }
  // Only where the venue's specification is missing and the size cannot be converted without one.
  const typedSize = plan.needsContractSize && contractSize === null ? facts.typed?.contractSize : undefined;
  if (typedSize) {
    // The trader's own figure where the venue's is missing: used, and said above the fold.
    contractSize = typedSize.value;
    const unit = contract === 'linear' ? baseCoin(symbol) : 'USD';
    warnings.push(info('typed-contract-size', `Contract size ${typedSize.value}${unit ? ` ${unit}` : ''} typed by you${typedSize.typedOn ? ` (${typedSize.typedOn})` : ''}, not the venue’s specification, which could not be had${facts.spec?.note.lastError ? ` (${clause(facts.spec.note.lastError)})` : ''}. Check it on the venue’s contract page; change it in LiqGuard’s popup.`));
  } else if (plan.needsContractSize && contractSize === null) {
    const why = facts.spec?.note.message ?? 'the venue’s contract specification was not loaded';
    reasons.push(note('contract-size-unknown', 'contractSize', `${qty.unit === 'contracts' ? 'the size is in contracts' : `${VENUES[venue].name} counts margin tiers in contracts`}, but the contract size of ${symbol} is unknown (${why.replace(/\.$/, '')}), so it cannot be converted. LiqGuard never guesses it.`));
  }

  // --- Entry and mark ------------------------------------------------------------------------
  const entry = price;
  if (orderType === 'market') {
    const kind = s.priceKind === 'last' ? 'last traded' : s.priceKind === 'mark' ? 'mark' : 'shown';
    assumptions.push(info('market-entry', `Market order: the entry is taken as the page’s ${kind} price ${price}; the actual fill can differ (spread, slippage).`));
    if (s.priceKind === 'mark') {
      warnings.push(info('entry-from-mark', `The page shows no last traded price, so the market order’s entry is taken as the mark ${price}; a market order fills near the last price and the best opposite quote, which can differ from the mark.`));
    }
  } else if (orderType === 'conditional') {
    assumptions.push(info('conditional-entry', `Conditional order: assessed as if it filled at its order price ${price}; when it triggers, the mark and your balance may be elsewhere.`));
  }
  let mark: string;
  const pageMark = value(s.markPrice);
  // The positions list's mark for the held symbol is the page's own figure: it comes before the venue's API.
  const listMark = account?.used ? account.mark : null;
  const offeredMark = facts.mark?.mark && facts.mark.mark.venue === venue && facts.mark.mark.symbol === symbol ? facts.mark.mark : null;
  // An API mark stands in for the page's only when it fits the page's price and its own time (mark-check.ts).
  const markCheck = offeredMark && pageMark === null && listMark === null ? checkApiMark(offeredMark, facts.mark?.note.fetchedAt ?? null, { price, orderType }) : null;
  const apiMark = markCheck?.use ? offeredMark : null;
  const markWhy = markCheck?.refusal ?? (facts.mark ? facts.mark.note.message.replace(/\.$/, '') : null);
  if (pageMark !== null) {
    mark = pageMark;
    assumptions.push(info('mark-from-page', `Mark price ${pageMark} as shown on the page.`));
  } else if (listMark !== null) {
    mark = listMark;
    assumptions.push(info('mark-from-positions', `Mark price ${listMark} as the page’s positions list shows it for ${symbol}.`));
  } else if (apiMark) {
    mark = apiMark.price;
    assumptions.push(info('mark-from-venue-api', `Mark price ${apiMark.price} from ${venue}’s public market data (${apiMark.at.slice(0, 19).replace('T', ' ')} UTC); the page showed none.`));
    if (markCheck?.warning) warnings.push(info('mark-doubtful', markCheck.warning));
  } else if (orderType === 'market' && s.priceKind === 'mark') {
    mark = price;
  } else if (orderType === 'market') {
    mark = price;
    warnings.push(info('last-as-mark', `The mark price could not be had${markWhy ? ` (${markWhy})` : ''}: the page’s price ${price} is used as the mark. The mark can differ from the last traded price, and liquidation follows the mark.`));
  } else {
    mark = price;
    warnings.push(
      info(
        'distance-from-order-price',
        `The current mark price could not be had${markWhy ? ` (${markWhy})` : ''}: the distance to liquidation and the warning level are measured from your order price ${price}, not from the mark. The liquidation price itself is computed from the order and does not use the mark.`,
      ),
    );
  }

  // --- Size ----------------------------------------------------------------------------------
  let quantity = qty.value;
  let quantityUnit: 'base' | 'quote' | 'contracts' = qty.unit === 'percent' || qty.unit === 'cost' ? 'base' : qty.unit;
  // A size box holding the order's cost: the size each side can buy with it, by the venue's own definition of cost.
  let costSizes: Partial<Record<Side, string>> | null = null;
  if (qty.unit === 'cost') {
    const cost = new D(qty.value);
    const lev = new D(leverage);
    const px = new D(entry);
    if (!px.gt(0) || lev.lt(1)) reasons.push(note('cost-needs-price', 'quantity', `the size is a cost of ${qty.value}${settle ? ` ${settle}` : ''}; turning it into a size needs a price above zero and a leverage of at least 1x.`));
    else {
      costSizes = {};
      const model = costModel(venue);
      for (const side of sides) costSizes[side] = plain(sizeFromCost(model, contract, side, cost, px, new D(mark), lev, new D(VENUES[venue].defaultTakerFee.rate)));
      quantityUnit = contract === 'linear' ? 'base' : 'quote';
      assumptions.push(
        info(
          'size-from-cost',
          `The size box holds the order’s cost, ${qty.value}${settle ? ` ${settle}` : ''}; at ${leverage}x and ${entry} that buys ${sides.map((side) => `${plain(new D(costSizes?.[side] ?? '0').toSignificantDigits(10))} ${contract === 'linear' ? (baseCoin(symbol) ?? 'base units') : 'USD face value'}${sides.length > 1 ? ` (${side})` : ''}`).join(', ')}, by ${VENUES[venue].name}’s definition of cost (${COST_MODEL_TEXT[model]}).`,
        ),
      );
    }
  }
  if (qty.unit === 'percent') {
    const pct = new D(qty.value);
    if (pct.gt(100)) reasons.push(note('percent-above-100', 'quantity', `${qty.value} % of the available balance is more than the whole balance.`));
    else if (!balance) {
      const why = balanceRead && !balanceRead.ok ? bare(balanceRead.reason) : 'the page shows none';
      reasons.push(note('percent-needs-balance', 'availableBalance', `the size is ${qty.value} % of the available balance, but the balance could not be read (${why.replace(/\.$/, '')}).`));
    } else if (!balanceMatches) {
      reasons.push(note('balance-asset-mismatch', 'availableBalance', `the balance is shown in ${balance.asset}, but ${symbol} settles in ${settle ?? 'an unknown asset'}, so a percentage of it cannot be turned into a size.`));
    } else if (!new D(entry).gt(0) || new D(leverage).lt(1)) {
      // The engine names these fields itself; without them there is no size to work out.
      if (!new D(entry).gt(0)) reasons.push(note('not-positive', 'price', `must be above zero to turn ${qty.value} % of the balance into a size; it is ${entry}.`));
      if (new D(leverage).lt(1)) reasons.push(note('below-minimum', 'leverage', `must be at least 1x to turn ${qty.value} % of the balance into a size; it is ${leverage}x.`));
    } else {
      const lev = new D(leverage);
      const px = new D(entry);
      const marginUsed = pct.div(100).mul(balance.value);
      const notional = marginUsed.mul(lev);
      if (contract === 'linear') {
        quantity = plain(notional.div(px));
        quantityUnit = 'base';
      } else {
        // Inverse: the balance and the notional are in coin; the engine sizes inverse positions in USD face value.
        quantity = plain(notional.mul(px));
        quantityUnit = 'quote';
      }
      assumptions.push(
        info(
          'size-from-percent',
          `Size from ${qty.value} % of the available balance ${balance.value} ${balance.asset} at ${leverage}x: notional ${plain(notional.toSignificantDigits(12))} ${balance.asset}, ${contract === 'linear' ? `${plain(new D(quantity).toSignificantDigits(12))} ${baseCoin(symbol) ?? 'base units'} at ${entry}` : `${plain(new D(quantity).toSignificantDigits(12))} USD face value`}. Venues keep back fees from the available margin, so the real maximum size can be slightly smaller.`,
        ),
      );
    }
  }

  // --- Cross wallet --------------------------------------------------------------------------
  let walletBalance: string | null = null;
  const accountWallet = account?.used && account.wallet && settle !== null && assetKey(account.wallet.asset) === assetKey(settle) ? account.wallet : null;
  if (marginMode === 'cross' && accountWallet) {
    // Said, with where it came from, by the account's own note (account.ts).
    walletBalance = accountWallet.value;
  } else if (marginMode === 'cross') {
    const sv = settingsVenueFor(s.venue);
    const fromSettings = sv ? settings.venues[sv].walletBalance : null;
    if (balance && balanceMatches) {
      walletBalance = balance.value;
      assumptions.push(
        info(
          'cross-wallet-from-page',
          `Cross wallet taken as the available balance on the page, ${balance.value} ${balance.asset}. Margin already used by your open positions is not in it and their profit or loss is not counted, so the real liquidation price can differ.`,
        ),
      );
    } else if (fromSettings !== null && contract === 'linear') {
      walletBalance = fromSettings;
      const why = noPageWallet(balanceRead, settle);
      assumptions.push(info('cross-wallet-from-settings', `Cross wallet taken as the ${fromSettings}${settle ? ` ${settle}` : ''} set in LiqGuard’s options for this venue (${why}).`));
    } else {
      const pageWhy = noPageWallet(balanceRead, settle);
      const settingsWhy = contract === 'inverse' ? 'a wallet set in the options is not used for coin-margined contracts (it has no coin)' : 'no wallet balance is set for this venue in LiqGuard’s options';
      reasons.push(note('cross-wallet-unknown', 'walletBalance', `cross wallet balance unknown: ${pageWhy}, and ${settingsWhy}. A cross position’s liquidation depends on the whole wallet.`));
    }
  }

  if (reasons.length > 0) return unreadable(reasons);

  if (!account?.used) {
    const why = account ? ` (${account.reason.replace(/\.$/, '')})` : '';
    assumptions.push(info('existing-position-not-read', `Positions you already hold are not read from the page${why}: the figures are for this order as a new position${marginMode === 'cross' ? ', backed by the cross wallet alone' : ''}.`));
  }

  const base: PositionInput = {
    venue,
    symbol,
    contract,
    marginMode,
    entryPrice: entry,
    markPrice: mark,
    quantity,
    quantityUnit,
    leverage,
  };
  const positionMode = value(s.positionMode);
  if (positionMode) base.positionMode = positionMode;
  if (contractSize !== null) base.contractSize = contractSize;
  if (tick !== null) base.tickSize = tick;
  if (walletBalance !== null) base.walletBalance = walletBalance;
  const typedRate = facts.typed?.maintenanceMarginRate;
  if (typedRate && !venueTableAvailable(venue, symbol, contract, facts)) {
    // The engine takes a typed rate as a one-tier table ("override"); the trader is told it is theirs, above the fold.
    base.maintenanceMarginRate = plain(new D(typedRate.percent).div(100));
    warnings.unshift(
      info(
        'typed-maintenance-rate',
        `Maintenance rate ${typedRate.percent} % typed by you${typedRate.typedOn ? ` (${typedRate.typedOn})` : ''}, not the venue’s table, which could not be had${facts.tiers?.note.lastError ? ` (${clause(facts.tiers.note.lastError)})` : ''}. One rate for every size: a large position may fall in a higher tier. Change it in LiqGuard’s popup.`,
      ),
    );
  }

  const ordered = s.activeSide && sides.includes(s.activeSide) ? [s.activeSide, ...sides.filter((x) => x !== s.activeSide)] : sides;
  const out: SideInput[] = ordered.map((side) => ({ side, input: costSizes?.[side] ? { ...base, side, quantity: costSizes[side] } : { ...base, side } }));
  return { ok: true, built: { venue, symbol, sides: out, assumptions, warnings, tick } };
}
