import { describe, expect, it } from 'vitest';
import type { OverlayState, SideFigures } from '../../shared/overlay-state';
import { defaultSettings } from '../../shared/settings';
import { assessSnapshot } from './assess-snapshot';
import { BADGE_COLORS, badgeFor, badgePercent, riskiestSide } from './badge';
import { binanceMarket, NOW, spec, table, tierFacts } from './snapshot-fixtures';
import { NO_FACTS } from './types';

function side(over: Partial<SideFigures>): SideFigures {
  return {
    side: 'long',
    liquidationPrice: '60000',
    bankruptcyPrice: '59800',
    markPrice: '62600',
    distancePrice: '2600',
    distancePercent: '4.15',
    severity: 'danger',
    severityReasons: [],
    lossAtLiquidation: '100',
    marginAtRisk: { amount: '120', scope: 'position' },
    currency: 'USDT',
    notional: '1000',
    initialMargin: '100',
    maintenanceMargin: '5',
    assumptions: [],
    warnings: [],
    ...over,
  };
}

const assessed = (sides: SideFigures[]): OverlayState => ({ kind: 'assessed', venue: 'binance-usdm', symbol: 'BTCUSDT', sides, policy: null, table: null, assumptions: [], warnings: [] });

describe('badgePercent', () => {
  it('rounds down: one decimal below 10 %, whole percents above', () => {
    expect(badgePercent('4.29')).toBe('4.2%');
    expect(badgePercent('4')).toBe('4%');
    expect(badgePercent('9.99')).toBe('9.9%');
    expect(badgePercent('12.98')).toBe('12%');
    expect(badgePercent('99.99')).toBe('99%');
    expect(badgePercent('150')).toBe('>99%');
  });

  it('says LIQ at or past liquidation, and nothing for no number', () => {
    expect(badgePercent('0')).toBe('LIQ');
    expect(badgePercent('-1.5')).toBe('LIQ');
    expect(badgePercent(null)).toBeNull();
    expect(badgePercent('abc')).toBeNull();
  });

  it('fits the badge: at most 4 characters', () => {
    for (const p of ['0.01', '1.23', '9.99', '10', '55.5', '99.9', '100', '12345']) expect((badgePercent(p) ?? '').length).toBeLessThanOrEqual(4);
  });
});

describe('badgeFor', () => {
  it('shows the distance with the level’s colour and says it in words', () => {
    const b = badgeFor(assessed([side({})]));
    expect(b).toEqual({ text: '4.1%', color: BADGE_COLORS.danger, title: 'LiqGuard: liquidation 4.1 % away (danger) — BTCUSDT long.' });
  });

  it('shows the riskiest side, and the other in the title', () => {
    const b = badgeFor(assessed([side({ side: 'long', severity: 'caution', distancePercent: '12.5' }), side({ side: 'short', severity: 'critical', distancePercent: '1.95' })]));
    expect(b.text).toBe('1.9%');
    expect(b.color).toBe(BADGE_COLORS.critical);
    expect(b.title).toBe('LiqGuard: liquidation 1.9 % away (critical) — BTCUSDT short. Long: liquidation 12 % away (caution).');
  });

  it('prefers the first (active) side on a tie', () => {
    expect(riskiestSide([side({ side: 'short' }), side({ side: 'long' })])?.side).toBe('short');
  });

  it('clears for idle and no state', () => {
    for (const s of [null, { kind: 'idle', message: 'x' }] as const) expect(badgeFor(s as OverlayState | null).text).toBe('');
  });

  it('marks guessed fields waiting for the trader as no figure yet, not as nothing to say', () => {
    const b = badgeFor({ kind: 'confirm', found: [] });
    expect(b.text).toBe('?');
    expect(b.title).toMatch(/^LiqGuard: no figure — confirm the fields/);
  });

  it('names why no order form was found', () => {
    expect(badgeFor({ kind: 'unreadable', reasons: [{ code: 'no-form', field: 'form', message: 'LiqGuard could not find an order form on this page' }] })).toMatchObject({ text: '?', title: 'LiqGuard: no figure — LiqGuard could not find an order form on this page' });
  });

  it('marks a form it cannot assess, and errors', () => {
    expect(badgeFor({ kind: 'unreadable', reasons: [{ code: 'x', field: 'leverage', message: 'Leverage: not found' }] })).toEqual({ text: '?', color: BADGE_COLORS.none, title: 'LiqGuard: no figure — Leverage: not found' });
    expect(badgeFor({ kind: 'error', message: 'boom' }).text).toBe('!');
  });

  it('handles a side without a liquidation price', () => {
    expect(badgeFor(assessed([side({ liquidationPrice: null, distancePercent: null, distancePrice: null, severity: 'ok' })])).text).toBe('—');
    expect(badgeFor(assessed([side({ liquidationPrice: null, distancePercent: null, distancePrice: null, severity: 'critical' })])).text).toBe('LIQ');
  });

  it('follows a real assessment', () => {
    const r = assessSnapshot(binanceMarket({ sides: { ok: true, value: ['long'], source: 'selector:x' } }), { ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), spec: spec('binance-usdm', 'BTCUSDT', '1', '0.1') }, defaultSettings(), { now: NOW });
    const b = badgeFor(r.state);
    expect(b.text).toMatch(/^\d+(\.\d)?%$/);
    expect(b.title).toMatch(/^LiqGuard: liquidation [\d.]+ % away \((ok|caution|danger|critical)\) — BTCUSDT long\.$/);
  });
});
