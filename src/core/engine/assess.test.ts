import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { assess, assessUnguarded } from './assess';
import { VENUE_IDS } from './venues/index';
import type { AssessContext, PositionInput } from './types';

const DEC = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/;
const NUMERIC_KEYS = new Set([
  'entryPrice', 'markPrice', 'base', 'faceValue', 'contracts', 'leverage', 'notional', 'liquidationPrice', 'bankruptcyPrice', 'price', 'percent',
  'initialMargin', 'maintenanceMargin', 'maintenanceMarginAtLiquidation', 'maintenanceMarginRate', 'maintenanceAmount', 'maxLeverage', 'basisValue',
  'lossAtLiquidation', 'feesAtLiquidation', 'amount', 'addedByThisOrder', 'gapPercent', 'loss', 'deficit', 'hours', 'intervals', 'fundingPaid',
  'marginAfter', 'shift', 'pnl', 'roePercent', 'probability', 'ageDays', 'tick',
]);

/** Every number finite; every numeric field a plain decimal string (or null). Returns the offending path, if any. */
function badValue(v: unknown, at = '$'): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : at;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const b = badValue(v[i], `${at}[${i}]`);
      if (b) return b;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (NUMERIC_KEYS.has(k) && x !== null && typeof x === 'string' && !DEC.test(x)) return `${at}.${k}=${x}`;
      if (NUMERIC_KEYS.has(k) && x !== null && typeof x !== 'string' && typeof x !== 'object') return `${at}.${k} is ${typeof x}`;
      const b = badValue(x, `${at}.${k}`);
      if (b) return b;
    }
  }
  return null;
}

const junk = fc.oneof(
  fc.constantFrom('', ' ', 'abc', '1,000.5', '0x10', '1e999', '-0', 'NaN', 'Infinity', '-Infinity', '1e-400', '9'.repeat(30), '.', '-', '1.2.3', '٣'),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e300, 5e-324, Number.MAX_SAFE_INTEGER, 0.1 + 0.2),
  fc.constantFrom(null, undefined, true, false, {}, [], [1], { a: 1 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 12 }),
);
const price = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 2_000_000_000 }).map((n) => String(n / 1000)) }, { weight: 1, arbitrary: junk });
const positive = (max: number, scale: number) => fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max }).map((n) => String(n / scale)) }, { weight: 1, arbitrary: junk });
const rate = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 3000 }).map((n) => String(n / 100000)) }, { weight: 1, arbitrary: junk });
const choice = <T,>(...xs: T[]) => fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: junk });

const other = fc.record(
  {
    symbol: choice('ETHUSDT', 'BTCUSDT', 'TEST', 'SOLUSDT'),
    side: choice('long', 'short'),
    quantity: positive(1_000_000, 100),
    quantityUnit: choice('base', 'quote', 'contracts'),
    contractSize: positive(1000, 100),
    entryPrice: price,
    markPrice: price,
    maintenanceMarginRate: rate,
    maintenanceAmount: positive(1000, 1),
  },
  { requiredKeys: [] },
);

const input = fc.record(
  {
    venue: choice(...VENUE_IDS, 'binance', 'kraken'),
    symbol: choice('BTCUSDT', 'ETHUSD', 'BTC', 'BTCUSD_PERP', 'BTC-PERPETUAL', 'PI_XBTUSD', 'XBTUSD', 'ETH-USDT-SWAP'),
    contract: choice('linear', 'inverse'),
    contractSize: positive(100_000, 1000),
    marginMode: choice('isolated', 'cross'),
    positionMode: choice('oneway', 'hedge'),
    side: choice('long', 'short', 'buy', 'sell'),
    entryPrice: price,
    markPrice: price,
    quantity: positive(10_000_000, 1000),
    quantityUnit: choice('base', 'quote', 'contracts'),
    leverage: positive(2000, 10),
    isolatedMargin: positive(10_000_000, 100),
    walletBalance: positive(10_000_000, 100),
    maintenanceMarginRate: rate,
    maintenanceAmount: positive(100_000, 10),
    maxLeverage: positive(2000, 10),
    takerFeeRate: rate,
    fundingRate: fc.oneof(rate, rate.map((r) => (typeof r === 'string' ? `-${r}` : r))),
    tickSize: positive(1000, 1000),
    otherPositions: fc.oneof({ weight: 4, arbitrary: fc.array(other, { maxLength: 4 }) }, { weight: 1, arbitrary: junk }),
    existingPosition: fc.oneof(
      { weight: 1, arbitrary: fc.record({ side: choice('long', 'short'), quantity: positive(1_000_000, 100), quantityUnit: choice('base', 'quote', 'contracts'), entryPrice: price, isolatedMargin: positive(100_000, 10) }, { requiredKeys: [] }) },
      { weight: 3, arbitrary: fc.constant(undefined) },
    ),
  },
  { requiredKeys: [] },
);

/** Coherent positions on every venue, then 0–2 fields replaced by junk: reaches deep paths, not just validation. */
const VENUE_CONTRACTS: [string, string, Record<string, string>][] = [
  ['binance-usdm', 'linear', {}], ['binance-coinm', 'inverse', { symbol: 'BTCUSD_PERP' }], ['bybit', 'linear', {}], ['bybit', 'inverse', {}],
  ['okx', 'linear', { contractSize: '0.01' }], ['okx', 'inverse', { contractSize: '100' }], ['bitget', 'linear', {}], ['bitget', 'inverse', { contractSize: '1' }],
  ['gate', 'linear', { contractSize: '0.0001' }], ['gate', 'inverse', { contractSize: '1' }], ['hyperliquid', 'linear', { symbol: 'BTC' }],
  ['phemex', 'linear', {}], ['phemex', 'inverse', { symbol: 'BTCUSD' }], ['bitmex', 'inverse', { symbol: 'XBTUSD' }], ['deribit', 'inverse', { symbol: 'BTC-PERPETUAL' }],
  ['deribit', 'linear', { symbol: 'BTC_USDC-PERPETUAL', contractSize: '0.001' }], ['kraken-futures', 'inverse', { symbol: 'PI_XBTUSD' }], ['kraken-futures', 'linear', { symbol: 'PF_XBTUSD' }],
  ['mexc', 'linear', { contractSize: '0.0001' }], ['generic', 'linear', {}], ['generic', 'inverse', { contractSize: '10' }],
];
const coherent = fc
  .record({
    vc: fc.constantFrom(...VENUE_CONTRACTS),
    marginMode: fc.constantFrom('isolated', 'cross'),
    side: fc.constantFrom('long', 'short'),
    entry: fc.integer({ min: 1, max: 10_000_000 }).map((n) => String(n / 100)),
    markPct: fc.integer({ min: 50, max: 150 }),
    quantity: fc.integer({ min: 1, max: 10_000_000 }).map((n) => String(n / 1000)),
    unit: fc.constantFrom('base', 'quote', 'contracts', 'base', 'quote'),
    leverage: fc.integer({ min: 1, max: 1250 }).map((n) => String(n / 10)),
    mmr: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: fc.integer({ min: 0, max: 5000 }).map((n) => String(n / 100000)) }),
    wallet: fc.integer({ min: 0, max: 100_000_000 }).map((n) => String(n / 100)),
    fee: fc.integer({ min: 0, max: 200 }).map((n) => String(n / 100000)),
    funding: fc.integer({ min: -300, max: 300 }).map((n) => String(n / 100000)),
    others: fc.array(
      fc.record({
        symbol: fc.constantFrom('ETHUSDT', 'SOLUSDT', 'XRPUSDT'),
        side: fc.constantFrom('long', 'short'),
        quantity: fc.integer({ min: 1, max: 1_000_000 }).map((n) => String(n / 100)),
        quantityUnit: fc.constantFrom('base', 'quote'),
        entryPrice: fc.integer({ min: 1, max: 1_000_000 }).map((n) => String(n / 100)),
        markPrice: fc.integer({ min: 1, max: 1_000_000 }).map((n) => String(n / 100)),
        maintenanceMarginRate: fc.integer({ min: 0, max: 5000 }).map((n) => String(n / 100000)),
      }),
      { maxLength: 3 },
    ),
    junkFields: fc.array(fc.tuple(fc.constantFrom('entryPrice', 'markPrice', 'quantity', 'leverage', 'walletBalance', 'maintenanceMarginRate', 'contractSize', 'isolatedMargin', 'quantityUnit', 'side'), junk), { maxLength: 1 }),
  })
  .map((r) => {
    const [venue, contract, extra] = r.vc;
    const out: Record<string, unknown> = {
      venue, contract, symbol: 'BTCUSDT', marginMode: r.marginMode, side: r.side, entryPrice: r.entry,
      markPrice: String((Number(r.entry) * r.markPct) / 100), quantity: r.quantity, quantityUnit: r.unit, leverage: r.leverage,
      maintenanceMarginRate: r.mmr, walletBalance: r.wallet, takerFeeRate: r.fee, fundingRate: r.funding, otherPositions: r.others, maxLeverage: '50', ...extra,
    };
    for (const [k, v] of r.junkFields) out[k] = v;
    return out;
  });

const context = fc.record(
  {
    now: fc.constantFrom('2026-11-22T00:00:00Z', 'garbage', undefined),
    gapPercents: fc.oneof(fc.constant(undefined), fc.array(fc.oneof(fc.constantFrom('0', '5', '50', '150', 'x', '-3'), junk), { maxLength: 4 })),
    fundingHours: fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom('8', '24', '0', 'x', '1e20'), { maxLength: 3 })),
    priceFor: fc.oneof(fc.constant(undefined), price),
    volatility: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.record({ sigmaDaily: fc.constantFrom('0.03', '0', 'x', '-1', '5'), source: fc.constant('test'), window: fc.constant('30d') }) }),
  },
  { requiredKeys: [] },
);

describe('no NaN, Infinity or exception for 100,000 random inputs, valid or not', () => {
  it('every result is a well-formed ok:true assessment or ok:false with field errors', () => {
    const started = performance.now();
    let okCount = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: coherent }, { weight: 1, arbitrary: input }), context, (raw, ctx) => {
        const r = assessUnguarded(raw as PositionInput, ctx as AssessContext);
        if (r.ok) {
          okCount++;
          const bad = badValue(r.assessment);
          if (bad) throw new Error(`bad value at ${bad}`);
          return true;
        }
        return r.errors.length > 0 && r.errors.every((e) => typeof e.field === 'string' && typeof e.message === 'string' && e.message.length > 0 && e.code !== 'internal-error');
      }),
      { numRuns: 100_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    // Report how long it took and how many inputs were assessable (the rest were rejected with field errors).
    console.info(`fuzz: 100000 inputs in ${seconds.toFixed(1)} s, ${okCount} assessed`);
    expect(okCount).toBeGreaterThan(25_000);
  }, 120_000);
});

describe('assess output', () => {
  const input: PositionInput = {
    venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '61000',
    quantity: '0.5', quantityUnit: 'base', leverage: '20', maintenanceMarginRate: '0.004', tickSize: '0.1', fundingRate: '0.0001',
  };

  it('is plain JSON: it survives a JSON round trip unchanged', () => {
    const r = assess(input, { priceFor: '65000', volatility: { sigmaDaily: '0.03', source: 'test', window: '30d' } });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('states what it assumes, as codes with words', () => {
    const r = assess(input);
    if (!r.ok) throw new Error('not ok');
    const codes = r.assessment.assumptions.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['fees-in-loss', 'mark-price-trigger', 'tier-table', 'default-taker-fee', 'isolated-margin-default']));
    for (const a of r.assessment.assumptions) expect(a.message.length).toBeGreaterThan(20);
  });

  it('touch probability appears only with a volatility, and is never guessed', () => {
    const without = assess(input);
    expect(without.ok && without.assessment.touchProbability24h).toBeNull();
    const withVol = assess(input, { volatility: { sigmaDaily: '0.03', source: 'test', window: '30d' } });
    expect(withVol.ok && withVol.assessment.touchProbability24h?.probability).toMatch(DEC);
  });

  it('display rounds the liquidation price to the tick towards the mark', () => {
    const r = assess(input);
    if (!r.ok) throw new Error('not ok');
    const exact = new D(r.assessment.liquidationPrice!);
    const shown = new D(r.assessment.display.liquidationPrice!);
    expect(shown.gte(exact)).toBe(true);
    expect(shown.minus(exact).lt('0.1')).toBe(true);
  });

  it('the existing position plus this order is assessed as the net position, with what the order adds', () => {
    const r = assess({ ...input, existingPosition: { side: 'long', quantity: '0.5', quantityUnit: 'base', entryPrice: '58000' } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.assessment.size.base).toBe('1');
    expect(r.assessment.entryPrice).toBe('59000');
    // The order's own margin (0.5 × 60,000 / 20) plus its opening fee.
    expect(r.assessment.marginAtRisk.addedByThisOrder).toBe('1515');
    const reduce = assess({ ...input, side: 'short', quantity: '0.2', existingPosition: { side: 'long', quantity: '0.5', quantityUnit: 'base', entryPrice: '58000' } });
    expect(reduce.ok && reduce.assessment).toMatchObject({ side: 'long', entryPrice: '58000', marginAtRisk: { addedByThisOrder: '0' } });
  });
});

describe('an order already past its liquidation price when it fills (attack review: 60x long, limit 60,000, mark 65,000)', () => {
  // Maintenance 2 % above the 60x initial 1.67 %: the liquidation price (60,204.08) is above the order's own price.
  const order: PositionInput = {
    venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '65000',
    quantity: '1', quantityUnit: 'base', leverage: '60', maintenanceMarginRate: '0.02', takerFeeRate: '0.0005',
  };
  const ok = (input: PositionInput) => {
    const r = assess(input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.assessment;
  };

  it('is liquidated on fill: critical, no room, no negative loss, and said first', () => {
    const a = ok(order);
    expect(a.liquidationPrice?.slice(0, 8)).toBe('60204.08');
    expect(a.liquidatedOnFill).toBe(true);
    expect(a.distance).toMatchObject({ from: 'fill', reference: '60000' });
    expect(new D(a.distance?.percent ?? '1').lte(0)).toBe(true);
    expect(a.severity.level).toBe('critical');
    expect(a.severity.reasons[0]?.code).toBe('liquidated-on-fill');
    expect(a.warnings.find((w) => w.code === 'liquidated-on-fill')).toMatchObject({ field: 'entryPrice', message: expect.stringMatching(/^Liquidated on fill: the liquidation price 60204\.08163 is at or past this order's own price 60000/) });
    // Liquidated as it fills: the loss is the fees (60 + 30.10…), and a liquidation costs the whole 1,000 margin plus the opening fee.
    expect(new D(a.lossAtLiquidation ?? '-1').gte(0)).toBe(true);
    expect(a.lossAtLiquidation).toBe('60');
    expect(a.lossIfLiquidated).toMatchObject({ amount: '1030', basis: 'whole-margin' });
    expect(a.touchProbability24h).toBeNull();
  });

  it('the mirror short (limit above the mark) is liquidated on fill too', () => {
    const a = ok({ ...order, side: 'short', entryPrice: '70000' });
    expect(a.liquidatedOnFill).toBe(true);
    expect(a.severity.level).toBe('critical');
    expect(new D(a.lossAtLiquidation ?? '-1').gte(0)).toBe(true);
  });

  it('a limit long resting below the mark is measured from its own price, where the position starts', () => {
    const a = ok({ ...order, maintenanceMarginRate: '0.004', leverage: '20' });
    expect(a.liquidatedOnFill).toBe(false);
    expect(a.distance).toMatchObject({ from: 'fill', reference: '60000' });
    // 60,000 × (1 − 1/20) / (1 − 0.004) = 57,228.91…: 4.62 % below the limit price, not 11.96 % below the mark.
    expect(a.distance?.percent.slice(0, 4)).toBe('4.61');
    expect(a.severity.level).toBe('danger');
    expect(a.assumptions.map((x) => x.code)).toContain('distance-from-fill');
  });

  it('a limit on the far side of the mark fills at about the mark, so the mark is the reference', () => {
    const a = ok({ ...order, entryPrice: '66000', maintenanceMarginRate: '0.004', leverage: '20' });
    expect(a.distance).toMatchObject({ from: 'mark', reference: '65000' });
  });

  it('an open position is measured from the mark and is never "liquidated on fill"', () => {
    const a = ok({ ...order, positionStatus: 'open' });
    expect(a.liquidatedOnFill).toBe(false);
    expect(a.distance?.from).toBe('mark');
    expect(a.marginAtRisk.addedByThisOrder).toBeNull();
  });

  it('a limit price ten times away from the mark is refused as a likely typo', () => {
    const r = assess({ ...order, entryPrice: '6500', markPrice: '65001' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'entryPrice', code: 'implausible-price' });
  });
});

describe('cross margin without a leverage (Binance’s own cross example gives none)', () => {
  // Binance FAQ "calc example" (faq/b3c689c1f50a44cabb3a84e663b81d93, via freqtrade c9ae5e1, 2024-10-24): no leverage given.
  const eth: PositionInput = {
    venue: 'binance-usdm', symbol: 'ETHUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '1456.84', markPrice: '1335.18',
    quantity: '3683.979', quantityUnit: 'base', walletBalance: '1535443.01', maintenanceMarginRate: '0.1', maintenanceAmount: '135365', tickSize: '0.01',
    otherPositions: [{ symbol: 'BTCUSDT', side: 'long', quantity: '109.488', quantityUnit: 'base', entryPrice: '32481.98', markPrice: '31967.27', maintenanceMarginRate: '0.025', maintenanceAmount: '16300' }],
  };

  it('answers the liquidation and bankruptcy prices, and names the figures that need the leverage', () => {
    const r = assess(eth, { priceFor: '1500' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const a = r.assessment;
    expect(a.display.liquidationPrice).toBe('1153.26');
    expect(a.bankruptcyPrice).not.toBeNull();
    expect(a.leverage).toBeNull();
    expect(a.initialMargin).toBeNull();
    expect(a.marginAtRisk.addedByThisOrder).toBeNull();
    expect(a.pnlAtPrice).toMatchObject({ price: '1500', roePercent: null });
    expect(a.needsLeverage).toEqual(['initialMargin', 'marginAtRisk.addedByThisOrder', 'pnlAtPrice.roePercent']);
    expect(a.assumptions.find((x) => x.code === 'no-leverage')?.message).toMatch(/initial margin, what this order adds \(its cost\) and ROE need it/);
    // The same position with a leverage has the same liquidation price.
    const withLev = assess({ ...eth, leverage: '20' });
    expect(withLev.ok && withLev.assessment.liquidationPrice).toBe(a.liquidationPrice);
    expect(withLev.ok && withLev.assessment.needsLeverage).toEqual([]);
  });

  it('isolated margin still needs the leverage or the margin', () => {
    const r = assess({ ...eth, marginMode: 'isolated', otherPositions: undefined });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'leverage', code: 'required' });
  });
});
