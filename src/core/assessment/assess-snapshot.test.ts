import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../cli/calc';
import { parseOverlayState } from '../../content/background-client';
import { D } from '../decimal';
import { formatPrice } from '../engine/format';
import { listAccountModes } from '../policy/index';
import type { FormSnapshot } from '../../shared/form-snapshot';
import type { OverlayState, SideFigures } from '../../shared/overlay-state';
import { defaultSettings } from '../../shared/settings';
import { assessSnapshot } from './assess-snapshot';
import { splitWarnings } from '../../content/overlay/Overlay';
import { binanceCoinm, binanceLimitCross, binanceMarket, NOW, ok, okxContracts, spec, table, tierFacts } from './snapshot-fixtures';
import { NO_FACTS, type MarketFacts } from './types';

const settings = defaultSettings();
const usdmFacts = (over: Partial<MarketFacts> = {}): MarketFacts => ({
  ...NO_FACTS,
  tiers: tierFacts(table('binance-usdm', 'BTCUSDT')),
  spec: spec('binance-usdm', 'BTCUSDT', '1', '0.10'),
  ...over,
});

function assessed(state: OverlayState) {
  if (state.kind !== 'assessed') throw new Error(`expected assessed, got ${JSON.stringify(state).slice(0, 400)}`);
  return state;
}

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

describe('assessSnapshot', () => {
  it('assesses both sides of a Binance market order, active side first', () => {
    const r = assessSnapshot(binanceMarket({ activeSide: 'short' }), usdmFacts(), settings, { now: NOW });
    const s = assessed(r.state);
    expect(s.venue).toBe('binance-usdm');
    expect(s.symbol).toBe('BTCUSDT');
    expect(s.sides.map((x) => x.side)).toEqual(['short', 'long']);
    expect(r.inputs.map((i) => i.side)).toEqual(['short', 'long']);
    expect(s.table).toEqual({ source: 'bundled', capturedAt: '2026-01-10', ageDays: 22 });
    expect(s.assumptions.map((n) => n.code)).toEqual(expect.arrayContaining(['mark-from-page', 'market-entry', 'existing-position-not-read', 'tier-table-source', 'display-rounding']));
  });

  it('gives figures the content script accepts: normalised decimal strings, no NaN or Infinity', () => {
    const s = assessed(assessSnapshot(binanceMarket(), usdmFacts(), settings, { now: NOW }).state);
    expect(parseOverlayState(JSON.parse(JSON.stringify(s)))).not.toBeNull();
    const json = JSON.stringify(s);
    expect(json).not.toMatch(/NaN|Infinity/);
    for (const side of s.sides) {
      for (const v of [side.liquidationPrice, side.bankruptcyPrice, side.markPrice, side.distancePrice, side.distancePercent, side.lossAtLiquidation, side.notional, side.initialMargin, side.maintenanceMargin, side.marginAtRisk.amount]) {
        if (v !== null) expect(v).toMatch(DECIMAL);
      }
    }
  });

  it('rounds prices to the venue tick towards the mark and keeps the raw engine values', () => {
    const s = assessed(assessSnapshot(binanceMarket(), usdmFacts(), settings, { now: NOW }).state);
    const [long, short] = s.sides as [SideFigures, SideFigures];
    expect(long.raw?.tick).toBe('0.1');
    expect(long.raw?.rounding).toBe('tick');
    // long: rounded up (towards the mark), short: rounded down; both on the 0.1 grid.
    expect(new D(long.liquidationPrice as string).gte(long.raw?.liquidationPrice as string)).toBe(true);
    expect(new D(short.liquidationPrice as string).lte(short.raw?.liquidationPrice as string)).toBe(true);
    expect(long.liquidationPrice).toBe(new D(formatPrice(long.raw?.liquidationPrice, '0.1', 'long') as string).toString());
    for (const side of [long, short]) expect(new D(side.liquidationPrice as string).mod('0.1').isZero()).toBe(true);
    // Distance in price: from the mark to the displayed price, never more room than the raw distance.
    expect(new D(long.distancePrice as string).eq(new D(long.markPrice).minus(long.liquidationPrice as string))).toBe(true);
    expect(new D(long.distancePrice as string).lte(long.raw?.distancePrice as string)).toBe(true);
    // Money in USDT: 2 decimals; losses rounded up.
    expect(long.lossAtLiquidation).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(new D(long.lossAtLiquidation).gte(long.raw?.lossAtLiquidation as string)).toBe(true);
  });

  it('rounds to 10 significant digits when the tick is unknown, and says so', () => {
    const s = assessed(assessSnapshot(binanceMarket(), usdmFacts({ spec: null }), settings, { now: NOW }).state);
    expect(s.sides[0]?.raw?.rounding).toBe('significant-digits');
    expect(s.assumptions.find((n) => n.code === 'display-rounding')?.message).toMatch(/tick is not known/);
  });

  it('uses 8 decimals for coin-settled money', () => {
    const s = assessed(assessSnapshot(binanceCoinm(), { ...NO_FACTS, tiers: tierFacts(table('binance-coinm', 'BTCUSD_PERP', 'coin-notional')) }, settings, { now: NOW }).state);
    expect(s.sides[0]?.currency).toBe('BTC');
    expect(s.sides[0]?.initialMargin).toMatch(/^\d+(\.\d{1,8})?$/);
    expect(s.sides[0]?.initialMargin).not.toMatch(/^\d+(\.\d{1,2})?$/);
  });

  it('replays through the CLI to the same raw figures', () => {
    const r = assessSnapshot(binanceLimitCross(), usdmFacts(), settings, { now: NOW });
    const s = assessed(r.state);
    r.inputs.forEach((input, i) => {
      const cli = answerLine(JSON.stringify({ ...input, context: r.context }), NOW);
      expect(cli.ok).toBe(true);
      expect(cli.liquidationPrice).toBe(s.sides[i]?.raw?.liquidationPrice);
      expect(cli.distancePercent).toBe(s.sides[i]?.raw?.distancePercent);
      expect(cli.lossAtLiquidation).toBe(s.sides[i]?.raw?.lossAtLiquidation);
    });
  });

  it('answers the policy question for the venue with the settings’ account mode and the 5 % gap deficit', () => {
    const s = assessed(assessSnapshot(binanceMarket(), usdmFacts(), settings, { now: NOW }).state);
    expect(s.policy?.venueId).toBe('binance');
    expect(s.policy?.reasons).toContain(`At stake: this position's margin, ${s.sides[0]?.marginAtRisk.amount} USDT.`);
    expect(s.policy?.reasons).toMatch(/Under a 5% gap the engine finds a deficit of \d+\.\d\d USDT beyond that/);
    expect(s.policy?.verdict).toBe('depends');
    expect(s.policy?.caveats.map((c) => c.code)).toContain('account-mode-not-given');
    expect(s.policy?.caveats.map((c) => c.code)).not.toContain('invalid-input');
    // The account mode set in the options gives one answer.
    const told = defaultSettings();
    told.venues.binance.accountMode = listAccountModes('binance')[0]?.id ?? null;
    const toldState = assessed(assessSnapshot(binanceMarket(), usdmFacts(), told, { now: NOW }).state);
    expect(toldState.policy?.caveats.map((c) => c.code)).not.toContain('account-mode-not-given');
    expect(toldState.policy?.verdict).not.toBe('depends');
  });

  it('applies the severity thresholds from settings to the next assessment', () => {
    const before = assessed(assessSnapshot(binanceMarket(), usdmFacts(), settings, { now: NOW }).state);
    expect(before.sides[0]?.severity).toBe('caution');
    const strict = defaultSettings();
    strict.thresholds.distancePercent = { caution: '40', danger: '30', critical: '20' };
    const after = assessed(assessSnapshot(binanceMarket(), usdmFacts(), strict, { now: NOW }).state);
    expect(after.sides[0]?.severity).toBe('critical');
  });

  it('gives a 24 h touch probability when volatility is known', () => {
    const s = assessed(assessSnapshot(binanceMarket(), usdmFacts({ volatility: { sigmaDaily: '0.03', source: 'test', window: '30 days' } }), settings, { now: NOW }).state);
    expect(s.sides[0]?.touchProbability24h).toMatch(/^0(\.\d{1,4})?$/);
    expect(assessed(assessSnapshot(binanceMarket(), usdmFacts(), settings, { now: NOW }).state).sides[0]?.touchProbability24h).toBeUndefined();
  });

  it('fails closed naming the tier table when none is loaded', () => {
    const r = assessSnapshot(binanceMarket(), { ...NO_FACTS, tiers: tierFacts(null, { message: 'No tier table for binance-usdm BTCUSDT: live data could not be had (HTTP 404).' }) }, settings, { now: NOW });
    expect(r.state.kind).toBe('unreadable');
    if (r.state.kind !== 'unreadable') return;
    expect(r.state.reasons[0]).toMatchObject({ code: 'missing-tier-data', field: 'tiers' });
    expect(r.state.reasons[0]?.message).toMatch(/^Maintenance margin: no usable maintenance-margin tier table for BTCUSDT\. No tier table .*HTTP 404/);
    expect(r.inputs).toEqual([]);
  });

  it('maps engine field errors to the snapshot’s fields', () => {
    const r = assessSnapshot(binanceMarket({ leverage: ok('0.5') }), usdmFacts(), settings, { now: NOW });
    expect(r.state.kind).toBe('unreadable');
    if (r.state.kind === 'unreadable') expect(r.state.reasons[0]).toMatchObject({ field: 'leverage', code: 'below-minimum', message: expect.stringMatching(/^Leverage: /) });
  });

  it('with no liquidation price: a neutral level, and the loss is the position’s own worst move, not the whole wallet', () => {
    // 1x long in cross with a large wallet: a fall to zero cannot liquidate it. 0.1 BTC at 64,000 = 6,400 USDT
    // plus the 0.05 % opening fee, far below the 1,000,000 USDT wallet.
    const s = binanceLimitCross({ leverage: ok('1'), availableBalance: ok({ value: '1000000', asset: 'USDT' }), sides: ok(['long']) });
    const side = assessed(assessSnapshot(s, usdmFacts(), settings, { now: NOW }).state).sides[0];
    expect(side?.liquidationPrice).toBeNull();
    expect(side?.liquidationNullReason).toMatch(/No liquidation price/);
    expect(side?.severity).toBe('none');
    expect(side?.severityReasons[0]).toMatch(/cannot be liquidated by a price move alone/);
    expect(side?.lossIfLiquidated).toMatchObject({ amount: '6403.2', basis: 'worst-move' });
    expect(side?.lossAtLiquidation).toBe('6403.2');
    expect(side?.marginAtRisk.amount).toBe('1000000');
    expect(side?.warnings.map((w) => w.code)).toContain('loss-is-worst-move');
  });

  it('never throws and never leaks NaN or Infinity, whatever the page sends (property)', () => {
    const decimal = fc.oneof(
      fc.constantFrom('0', '1', '0.00000001', '999999999999999', '65000.5', '-3', '100'),
      fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99_999 })).map(([a, b]) => new D(`${a}.${b}`).toString()),
    );
    fc.assert(
      fc.property(
        decimal,
        decimal,
        decimal,
        decimal,
        fc.constantFrom('base', 'quote', 'contracts', 'percent'),
        fc.constantFrom('isolated', 'cross'),
        fc.constantFrom('limit', 'market', 'conditional'),
        fc.boolean(),
        (price, qty, lev, bal, unit, margin, orderType, showMark) => {
          const snap: FormSnapshot = binanceMarket({
            price: ok(price),
            quantity: ok({ value: qty, unit: unit as 'base' }),
            leverage: ok(lev),
            availableBalance: ok({ value: bal, asset: 'USDT' }),
            marginMode: ok(margin as 'cross'),
            orderType: ok(orderType as 'limit'),
          });
          if (!showMark) delete snap.markPrice;
          const r = assessSnapshot(snap, usdmFacts(), settings, { now: NOW });
          const json = JSON.stringify(r.state);
          expect(json).not.toMatch(/NaN|Infinity/);
          expect(parseOverlayState(JSON.parse(json))).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('an order larger than the available balance', () => {
  it('is assessed as typed, with one warning naming the balance for the sides that exceed it, the decision first', () => {
    // 0.25 BTC at 65,010.3 and 10x needs about 1,625 USDT of margin; the page shows 1,250.75 USDT.
    const s = assessed(assessSnapshot(binanceMarket(), usdmFacts(), settings, { now: NOW }).state);
    const notes = s.warnings.filter((w) => w.code === 'order-exceeds-balance');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ field: 'availableBalance' });
    expect(notes[0]?.message).toMatch(/^The venue would refuse this order or cut it down: it needs about 16\d\d\.\d\d USDT of margin and opening fee, and the page shows 1250\.75 USDT available\./);
    expect(s.sides).toHaveLength(2);
  });

  it('says nothing when the order fits, or when the balance is in another asset or unreadable', () => {
    const fits = assessed(assessSnapshot(binanceMarket({ quantity: ok({ value: '0.1', unit: 'base', label: 'BTC' }) }), usdmFacts(), settings, { now: NOW }).state);
    expect(fits.warnings.some((w) => w.code === 'order-exceeds-balance')).toBe(false);
    const otherAsset = assessed(assessSnapshot(binanceMarket({ availableBalance: ok({ value: '10', asset: 'BNB' }) }), usdmFacts(), settings, { now: NOW }).state);
    expect(otherAsset.warnings.some((w) => w.code === 'order-exceeds-balance')).toBe(false);
  });
});

describe('the tier table’s age on the overlay', () => {
  const at = (capturedAt: string) => assessed(assessSnapshot(binanceMarket(), usdmFacts({ tiers: tierFacts({ ...table('binance-usdm', 'BTCUSDT'), capturedAt }) }), settings, { now: NOW }).state);
  // What the overlay lists as warnings: the form's and each side's (Overlay.tsx), split above the fold and Details.
  const warned = (s: ReturnType<typeof at>) => [...s.warnings, ...s.sides.flatMap((x) => x.warnings)];
  const assumed = (s: ReturnType<typeof at>) => [...s.assumptions, ...s.sides.flatMap((x) => x.assumptions)];

  it('past 30 days, a warning the trader sees, not only an assumption', () => {
    const s = at('2025-12-01');
    expect(s.table).toMatchObject({ capturedAt: '2025-12-01', ageDays: 62 });
    expect(warned(s).find((w) => w.code === 'tier-table-age')?.message).toBe('The tier table is from 2025-12-01 (62 days old); brackets may have changed.');
    expect(splitWarnings(warned(s)).shown.map((w) => w.code)).toContain('tier-table-age');
    expect(warned(at('2026-01-10')).some((w) => w.code.startsWith('tier-table'))).toBe(false);
  });

  it('with no readable date, a warning too, above the fold', () => {
    const s = at('unknown');
    expect(warned(s).find((w) => w.code === 'tier-table-undated')?.message).toMatch(/no readable capture date/);
    expect(splitWarnings(warned(s)).shown.map((w) => w.code)).toContain('tier-table-undated');
    expect(assumed(s).some((n) => n.code === 'tier-table-undated')).toBe(false);
  });
});

describe('values the trader typed where the venue’s data is missing', () => {
  const noTable = tierFacts(null, { lastError: 'HTTP 404 from www.binance.com.', message: 'No tier table for binance-usdm BTCUSDT: live data could not be had (HTTP 404 from www.binance.com) and none is bundled.' });
  const typedRate = { maintenanceMarginRate: { percent: '0.5', typedOn: '2026-12-01' } };

  it('a typed maintenance rate opens the figure, as one rate for every size, said first among the warnings', () => {
    const r = assessSnapshot(binanceMarket({ sides: ok(['long']) }), usdmFacts({ tiers: noTable, typed: typedRate }), settings, { now: NOW });
    const s = assessed(r.state);
    // Binance USDⓈ-M isolated long, one tier (MMR 0.5 %, no maintenance amount), isolated margin 0.25 × 65,010.3 ÷ 10 = 1,625.2575:
    // LP = (margin − Q × EP) ÷ (Q × MMR − Q) = (1,625.2575 − 16,252.575) ÷ (0.00125 − 0.25) = 58,803.286…
    expect(new D(s.sides[0]?.raw?.liquidationPrice ?? '0').toDecimalPlaces(3).toString()).toBe('58803.286');
    expect(r.inputs[0]?.maintenanceMarginRate).toBe('0.005');
    expect(s.table).toBeNull();
    const first = s.warnings[0];
    expect(first?.code).toBe('typed-maintenance-rate');
    expect(first?.message).toMatch(/^Maintenance rate 0\.5 % typed by you \(2026-12-01\), not the venue’s table, which could not be had \(HTTP 404 from www\.binance\.com\)\. /);
    expect(first?.message).not.toMatch(/\.\)|\.\./);
  });

  it('gives the same liquidation price as a one-tier table of that rate', () => {
    const oneTier = { ...table('binance-usdm', 'BTCUSDT'), tiers: [{ floor: '0', cap: null, maintenanceMarginRate: '0.005', maintenanceAmount: '0', maxLeverage: '125' }] };
    fc.assert(
      fc.property(fc.constantFrom('isolated', 'cross'), fc.integer({ min: 2, max: 100 }), fc.integer({ min: 1, max: 400 }), (mode, lev, qty) => {
        const snap = binanceMarket({ marginMode: ok(mode as 'isolated' | 'cross'), leverage: ok(String(lev)), quantity: ok({ value: new D(qty).div(100).toString(), unit: 'base', label: 'BTC' }), availableBalance: ok({ value: '100000', asset: 'USDT' }) });
        const typed = assessSnapshot(snap, usdmFacts({ tiers: noTable, typed: typedRate }), settings, { now: NOW }).state;
        const table1 = assessSnapshot(snap, usdmFacts({ tiers: tierFacts(oneTier) }), settings, { now: NOW }).state;
        // Equal as shown (to the tick) and to 30 significant digits (the two paths divide in another order).
        const digits = (st: OverlayState) => assessed(st).sides.map((x) => [x.liquidationPrice, !x.raw?.liquidationPrice ? null : new D(x.raw.liquidationPrice).toSignificantDigits(30).toString()]);
        expect(digits(typed)).toEqual(digits(table1));
      }),
      { numRuns: 30 },
    );
  });

  it('is not used where the venue’s table is at hand', () => {
    const s = assessed(assessSnapshot(binanceMarket(), usdmFacts({ typed: typedRate }), settings, { now: NOW }).state);
    expect(s.warnings.map((w) => w.code)).not.toContain('typed-maintenance-rate');
    expect(s.table?.source).toBe('bundled');
  });

  it('without a typed rate the figure stays closed, naming the table', () => {
    const r = assessSnapshot(binanceMarket(), usdmFacts({ tiers: noTable }), settings, { now: NOW });
    expect(r.state.kind).toBe('unreadable');
  });

  it('a typed contract size converts contracts when the venue’s specification is missing, and says so', () => {
    const okx = okxContracts({ sides: ok(['long']) });
    const okxTable = { ...table('okx', 'BTC-USDT-SWAP', 'contracts') };
    const noSpec = { spec: null, note: { message: 'No contract spec for okx BTC-USDT-SWAP: HTTP 404.', lastError: 'HTTP 404.' } };
    const closed = assessSnapshot(okx, { ...NO_FACTS, tiers: tierFacts(okxTable), spec: noSpec }, settings, { now: NOW });
    expect(closed.state.kind).toBe('unreadable');
    const typed = assessSnapshot(okx, { ...NO_FACTS, tiers: tierFacts(okxTable), spec: noSpec, typed: { contractSize: { value: '0.01', typedOn: '2026-12-01' } } }, settings, { now: NOW });
    const withSpec = assessSnapshot(okx, { ...NO_FACTS, tiers: tierFacts(okxTable), spec: spec('okx', 'BTC-USDT-SWAP', '0.01', '0.1') }, settings, { now: NOW });
    const s = assessed(typed.state);
    expect(typed.inputs[0]?.contractSize).toBe('0.01');
    expect(s.sides[0]?.raw?.liquidationPrice).toBe(assessed(withSpec.state).sides[0]?.raw?.liquidationPrice);
    expect(s.warnings.find((w) => w.code === 'typed-contract-size')?.message).toMatch(/^Contract size 0\.01 BTC typed by you \(2026-12-01\), not the venue’s specification, which could not be had \(HTTP 404\)\. /);
    expect(s.assumptions.map((a) => a.code)).not.toContain('contract-size-from-venue');
  });
});
