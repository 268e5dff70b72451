/**
 * What must hold for every position on every venue, whatever the numbers (fast-check, thousands of positions
 * across venues, contract types, margin modes, sides, limit prices on either side of the mark, leverage above
 * a tier's maximum and cross accounts with other positions). The attack review's fuzz found 3,457 of 8,864
 * answers with a negative loss (an order already past its liquidation price when it fills); these are the
 * invariants that fuzz broke, pinned.
 *
 * - No loss figure is negative: loss at liquidation, loss if liquidated, fees, margin at risk, gap-stress
 *   losses and deficits.
 * - Unless the order is liquidated on fill, a long's liquidation price is below its entry and a short's above.
 * - The distance's sign agrees with the side: positive exactly when the liquidation price is on the adverse
 *   side of the price the distance is measured from.
 * - An order liquidated on fill is critical and shows no room (distance not positive).
 * - No liquidation price: a neutral level, never a warning colour.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { assess, liquidationPriceOf, liquidationPriceShown } from './assess';
import type { Assessment, PositionInput } from './types';

const RUNS = 4000;

type VenueCase = { venue: string; contract: 'linear' | 'inverse'; extra: Partial<PositionInput> };
const VENUES: VenueCase[] = [
  { venue: 'binance-usdm', contract: 'linear', extra: { symbol: 'BTCUSDT' } },
  { venue: 'binance-coinm', contract: 'inverse', extra: { symbol: 'BTCUSD_PERP' } },
  { venue: 'bybit', contract: 'linear', extra: { symbol: 'BTCUSDT' } },
  { venue: 'bybit', contract: 'inverse', extra: { symbol: 'BTCUSD' } },
  { venue: 'okx', contract: 'linear', extra: { symbol: 'BTC-USDT-SWAP', contractSize: '0.01' } },
  { venue: 'okx', contract: 'inverse', extra: { symbol: 'BTC-USD-SWAP', contractSize: '100' } },
  { venue: 'bitget', contract: 'linear', extra: { symbol: 'BTCUSDT' } },
  { venue: 'gate', contract: 'linear', extra: { symbol: 'BTC_USDT', contractSize: '0.0001' } },
  { venue: 'gate', contract: 'inverse', extra: { symbol: 'BTC_USD', contractSize: '1' } },
  { venue: 'hyperliquid', contract: 'linear', extra: { symbol: 'BTC' } },
  { venue: 'phemex', contract: 'linear', extra: { symbol: 'BTCUSDT' } },
  { venue: 'phemex', contract: 'inverse', extra: { symbol: 'BTCUSD' } },
  { venue: 'bitmex', contract: 'inverse', extra: { symbol: 'XBTUSD' } },
  { venue: 'deribit', contract: 'inverse', extra: { symbol: 'BTC-PERPETUAL' } },
  { venue: 'kraken-futures', contract: 'inverse', extra: { symbol: 'PI_XBTUSD' } },
  { venue: 'mexc', contract: 'linear', extra: { symbol: 'BTC_USDT', contractSize: '0.0001' } },
  { venue: 'generic', contract: 'linear', extra: { symbol: 'BTCUSDT' } },
  { venue: 'generic', contract: 'inverse', extra: { symbol: 'BTCUSD', contractSize: '100' } },
];

const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => new D(n).div(100));

/** A position as a trader or a page would send it: valid fields, adversarial combinations. */
const position = fc
  .record({
    vc: fc.constantFrom(...VENUES),
    marginMode: fc.constantFrom('isolated', 'cross'),
    side: fc.constantFrom('long', 'short'),
    mark: cents(100, 20_000_000),
    // The limit price from a third of the mark to three times it: orders resting on either side of the market.
    entryPermille: fc.integer({ min: 334, max: 3000 }),
    quantity: fc.integer({ min: 1, max: 5_000_000 }).map((n) => new D(n).div(1000).toString()),
    unit: fc.constantFrom('base', 'quote'),
    leverage: fc.integer({ min: 10, max: 2000 }).map((n) => new D(n).div(10).toString()),
    // Up to 4 %: at high leverage the rate can exceed the initial rate (leverage above the tier's maximum).
    mmr: fc.integer({ min: 1, max: 4000 }).map((n) => new D(n).div(100_000).toString()),
    fee: fc.integer({ min: 0, max: 100 }).map((n) => new D(n).div(100_000).toString()),
    walletShare: fc.integer({ min: 0, max: 3000 }),
    others: fc.array(
      fc.record({
        symbol: fc.constantFrom('ETHUSDT', 'SOLUSDT'),
        side: fc.constantFrom('long', 'short'),
        quantity: fc.integer({ min: 1, max: 100_000 }).map((n) => new D(n).div(100).toString()),
        quantityUnit: fc.constant('base'),
        entryPrice: fc.integer({ min: 100, max: 500_000 }).map((n) => new D(n).div(100).toString()),
        movePct: fc.integer({ min: -40, max: 40 }),
        maintenanceMarginRate: fc.integer({ min: 0, max: 5000 }).map((n) => new D(n).div(100_000).toString()),
      }),
      { maxLength: 3 },
    ),
  })
  .map((r): PositionInput => {
    const entry = r.mark.mul(r.entryPermille).div(1000).toDecimalPlaces(2).toString();
    const notional = new D(entry).mul(r.unit === 'quote' ? 1 : r.quantity);
    const input: PositionInput = {
      venue: r.vc.venue,
      contract: r.vc.contract,
      marginMode: r.marginMode,
      side: r.side,
      entryPrice: entry,
      markPrice: r.mark.toString(),
      quantity: r.quantity,
      quantityUnit: r.unit,
      leverage: r.leverage,
      maintenanceMarginRate: r.mmr,
      takerFeeRate: r.fee,
      ...r.vc.extra,
    };
    if (r.marginMode === 'cross') {
      // From nothing to thirty times the initial margin; inverse wallets are in coin.
      const im = new D(notional).div(r.leverage);
      const wallet = r.vc.contract === 'inverse' && r.unit === 'base' ? new D(r.quantity).div(r.leverage) : im;
      input.walletBalance = wallet.mul(r.walletShare).div(100).toDecimalPlaces(8).toString();
      if (r.vc.contract === 'linear' && r.vc.venue !== 'deribit' && r.vc.venue !== 'kraken-futures') {
        input.otherPositions = r.others.map(({ movePct, ...o }) => ({ ...o, markPrice: new D(o.entryPrice).mul(100 + movePct).div(100).toDecimalPlaces(2).toString() }));
      }
    }
    return input;
  });

function assessed(input: PositionInput): Assessment | null {
  const r = assess(input);
  if (!r.ok) {
    // Refusals are fine (an implausible price, a venue without that mode), never an internal error.
    expect(r.errors.map((e) => e.code)).not.toContain('internal-error');
    return null;
  }
  return r.assessment;
}

const nonNegative = (v: string | null | undefined): boolean => v === null || v === undefined || !new D(v).isNeg() || new D(v).isZero();

describe('the headline-only liquidation price (property)', () => {
  it('equals the full assessment’s shown liquidation price for every position, with and without a tick', () => {
    let priced = 0;
    fc.assert(
      fc.property(position, fc.constantFrom(undefined, '0.1', '0.5', '0.01'), (input, tick) => {
        const withTick = tick ? { ...input, tickSize: tick } : input;
        const r = assess(withTick);
        const full = r.ok ? r.assessment.display.liquidationPrice : null;
        if (full !== null) priced++;
        expect(liquidationPriceShown(withTick)).toBe(full);
      }),
      { numRuns: RUNS / 2 },
    );
    expect(priced).toBeGreaterThan(RUNS / 8);
  }, 120_000);

  it('unrounded, equals the full assessment’s liquidation price for every position (the self-check’s what-ifs)', () => {
    let priced = 0;
    fc.assert(
      fc.property(position, fc.constantFrom(undefined, '0.1', '0.01'), (input, tick) => {
        const withTick = tick ? { ...input, tickSize: tick } : input;
        const r = assess(withTick);
        const full = r.ok ? r.assessment.liquidationPrice : null;
        if (full !== null) priced++;
        expect(liquidationPriceOf(withTick)).toBe(full);
      }),
      { numRuns: RUNS / 2 },
    );
    expect(priced).toBeGreaterThan(RUNS / 8);
  }, 120_000);
});

describe('invariants over thousands of positions on every venue (property)', () => {
  it('no loss figure is ever negative', () => {
    let seen = 0;
    fc.assert(
      fc.property(position, (input) => {
        const a = assessed(input);
        if (!a) return true;
        seen++;
        const figures = [a.lossAtLiquidation, a.lossIfLiquidated.amount, a.feesAtLiquidation, a.marginAtRisk.amount, a.marginAtRisk.addedByThisOrder];
        for (const row of a.gapStress) figures.push(row.loss, row.deficit);
        return figures.every(nonNegative);
      }),
      { numRuns: RUNS },
    );
    expect(seen).toBeGreaterThan(RUNS / 2);
  }, 120_000);

  it('unless liquidated on fill, a long liquidates below its entry and a short above', () => {
    fc.assert(
      fc.property(position, (input) => {
        const a = assessed(input);
        if (!a || a.liquidationPrice === null || a.liquidatedOnFill) return true;
        const lp = new D(a.liquidationPrice);
        return a.side === 'long' ? lp.lt(a.entryPrice) : lp.gt(a.entryPrice);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('the distance is positive exactly when liquidation lies on the side’s adverse side of the reference price', () => {
    fc.assert(
      fc.property(position, (input) => {
        const a = assessed(input);
        if (!a || a.liquidationPrice === null || !a.distance) return a === null || a.distance === null;
        const lp = new D(a.liquidationPrice);
        const ref = new D(a.distance.reference);
        const adverse = a.side === 'long' ? lp.lt(ref) : lp.gt(ref);
        const positive = new D(a.distance.percent).gt(0) && new D(a.distance.price).gt(0);
        return adverse === positive;
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('an order liquidated on fill is critical, shows no room and names it first; no liquidation price is neutral', () => {
    fc.assert(
      fc.property(position, (input) => {
        const a = assessed(input);
        if (!a) return true;
        if (a.liquidatedOnFill) {
          return a.severity.level === 'critical' && a.severity.reasons[0]?.code === 'liquidated-on-fill' && a.distance !== null && !new D(a.distance.percent).gt(0);
        }
        if (a.liquidationNullReason?.code === 'not-liquidatable') return a.severity.level === 'none' && a.lossIfLiquidated.basis === 'worst-move';
        return a.severity.level !== 'none';
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
