import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import type { OverlayState } from '../../shared/overlay-state';
import { parseHyperliquidMeta } from '../market/venues/hyperliquid';
import { assessSnapshot } from './assess-snapshot';
import { binanceLimitCross, binanceMarket, ok, table, tierFacts } from './snapshot-fixtures';
import type { MarketFacts } from './types';

const REAL = path.resolve(import.meta.dirname, '../market/fixtures/real');
const NOW = '2026-09-25T18:05:00.000Z';
const assessed = (s: OverlayState) => {
  if (s.kind !== 'assessed') throw new Error(`not assessed: ${JSON.stringify(s)}`);
  return s;
};

describe("Hyperliquid prices are shown in the venue's own step: 5 significant figures, at most 6 − szDecimals decimals", () => {
  // The recorded meta of 2026-09-25: BTC has szDecimals 5, so its prices have at most one decimal.
  const meta = JSON.parse(readFileSync(path.join(REAL, 'hyperliquid-meta.json'), 'utf8')) as unknown;
  const parsed = parseHyperliquidMeta(meta, { venue: 'hyperliquid', symbol: 'BTC', url: 'https://api.hyperliquid.xyz/info', fetchedAt: NOW });
  if (!parsed.ok) throw new Error(parsed.error);
  const facts: MarketFacts = {
    tiers: tierFacts(parsed.value.table),
    spec: { spec: parsed.value.spec, note: { message: 'Contract spec from hyperliquid.', lastError: null } },
    mark: null,
    volatility: null,
  };
  const snapshot = binanceMarket({
    venue: 'hyperliquid',
    url: 'https://app.hyperliquid.xyz/trade/BTC',
    symbol: ok('BTC'),
    orderType: ok('limit'),
    price: ok('84123.4'),
    priceKind: 'limit',
    markPrice: ok('84120', 'page'),
    quantity: ok({ value: '0.5', unit: 'base', label: 'BTC' }),
    leverage: ok('20'),
    sides: ok(['long']),
    availableBalance: ok({ value: '10000', asset: 'USDC' }),
  });
  delete snapshot.product;

  it('at 84,000 a BTC liquidation price is a whole number, not a multiple of the 0.1 the spec lists', () => {
    expect(parsed.value.spec.tickSize).toBe('0.1');
    const r = assessSnapshot(snapshot, facts, defaultSettings(), { now: NOW });
    const s = assessed(r.state);
    const side = s.sides[0]!;
    expect(side.raw?.tick).toBe('1');
    expect(side.liquidationPrice).toMatch(/^\d+$/);
    expect(r.inputs[0]?.tickSize).toBe('1');
  });

  it('below 10,000 the step is 0.1, the finest BTC allows', () => {
    const low = { ...snapshot, price: ok('9123.4'), markPrice: ok('9120', 'page') };
    const s = assessed(assessSnapshot(low, facts, defaultSettings(), { now: NOW }).state);
    expect(s.sides[0]!.raw?.tick).toBe('0.1');
  });
});

describe('a mark price from the venue API is checked against the page and its own time stamp', () => {
  const base = (markPrice: string, at: string, fetchedAt: string): MarketFacts => ({
    tiers: tierFacts(table('binance-usdm', 'BTCUSDT')),
    spec: null,
    mark: { mark: { venue: 'binance-usdm', symbol: 'BTCUSDT', price: markPrice, at, url: 'https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT' }, note: { message: 'Mark price from binance-usdm.', lastError: null, fetchedAt } },
    volatility: null,
  });
  const snap = binanceLimitCross({ leverage: ok('20'), marginMode: ok('isolated') });
  const run = (facts: MarketFacts) => assessed(assessSnapshot(snap, facts, defaultSettings(), { now: NOW }).state);
  const distanceFrom = (s: ReturnType<typeof run>) => s.sides.map((x) => x.raw?.markPrice);

  it('the attack as found: a mark 10× off is not used; the figures are measured from the order price and say why', () => {
    const s = run(base('640000', NOW, NOW));
    expect(distanceFrom(s)).toEqual(['64000', '64000']);
    expect(s.warnings.map((w) => w.message).join(' ')).toContain('too far to be this market');
  });

  it('more than ten times apart, no figure at all: the order is refused as implausibly far from the mark, naming the price', () => {
    const r = assessSnapshot(snap, base('700000', NOW, NOW), defaultSettings(), { now: NOW });
    expect(r.state.kind).toBe('unreadable');
    if (r.state.kind !== 'unreadable') return;
    expect(r.state.reasons.map((n) => `${n.field}:${n.code}`)).toContain('price:implausible-price');
  });

  it('the attack as found: a mark two hours old, or stamped a day ahead, is not used', () => {
    const old = run(base('64010', '2026-09-25T16:05:00.000Z', NOW));
    expect(distanceFrom(old)).toEqual(['64000', '64000']);
    expect(old.warnings.map((w) => w.message).join(' ')).toContain('120 minutes old');
    const ahead = run(base('64010', '2026-09-26T18:05:00.000Z', NOW));
    expect(distanceFrom(ahead)).toEqual(['64000', '64000']);
  });

  it('a sane mark is used; one 90 s old or 15 % away is used with a visible warning', () => {
    expect(distanceFrom(run(base('64010', NOW, NOW)))).toEqual(['64010', '64010']);
    const stale = run(base('64010', '2026-09-25T18:03:30.000Z', NOW));
    expect(distanceFrom(stale)).toEqual(['64010', '64010']);
    expect(stale.warnings.map((w) => w.code)).toContain('mark-doubtful');
    const far = run(base('73600', NOW, NOW));
    expect(far.warnings.find((w) => w.code === 'mark-doubtful')?.message).toContain('15 %');
  });
});
