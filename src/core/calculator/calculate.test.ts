import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D } from '../decimal';
import { assess, DEFAULT_GAP_PERCENTS, pnlAt, venueCapabilities } from '../engine/index';
import type { PositionInput } from '../engine/index';
import { calculate, curveRange } from './calculate';
import { CALCULATOR_VENUES } from './venue-list';
import { lossMoney } from '../assessment/display';

const NOW = '2026-11-22T12:00:00.000Z';
const long: PositionInput = {
  venue: 'binance-usdm',
  symbol: 'BTCUSDT',
  side: 'long',
  entryPrice: '60000',
  markPrice: '60500',
  quantity: '0.5',
  quantityUnit: 'base',
  leverage: '20',
  marginMode: 'isolated',
  maintenanceMarginRate: '0.004',
  takerFeeRate: '0.0005',
  fundingRate: '0.0001',
};

describe('calculator venue list', () => {
  it('is the engine’s venue registry, field for field', () => {
    expect(CALCULATOR_VENUES.map(({ symbolExample: _s, ...v }) => v)).toEqual(
      venueCapabilities().map((c) => ({ id: c.id, name: c.name, contracts: c.contracts, marginModes: c.marginModes, positionModes: c.positionModes })),
    );
  });
});

describe('calculate', () => {
  it('carries the engine’s own assessment for the same input and context', () => {
    const r = calculate({ input: long }, { now: NOW });
    const direct = assess(long, { now: NOW });
    expect(r.result).toEqual(direct);
  });

  it('answers each extra with the engine helper, consistent with the assessment', () => {
    const r = calculate(
      { input: long, extras: { priceFor: '62000', targetRoePercent: '50', maxLoss: '300', minDistancePercent: '10', gapPercent: '5', fundingHours: '72' } },
      { now: NOW },
    );
    expect(r.result.ok).toBe(true);
    if (!r.result.ok) return;
    const a = r.result.assessment;
    // The gap row at 5 % is the same figure the assessment's default stress table has at 5 %.
    expect(DEFAULT_GAP_PERCENTS).toContain('5');
    const fromTable = a.gapStress.find((g) => g.gapPercent === '5');
    expect(r.extras.gap?.ok && r.extras.gap.value).toEqual(fromTable);
    // Target ROE round trip: PnL at the returned price gives the asked ROE.
    const target = r.extras.targetRoe;
    expect(target?.ok).toBe(true);
    if (target?.ok && target.value.price) {
      const back = pnlAt(long, {}, target.value.price);
      expect(back.ok && new D(back.value.roePercent ?? 'NaN').minus(50).abs().lt('1e-20')).toBe(true);
    }
    // Largest size for a maximum loss stays within it.
    const max = r.extras.maxSize;
    expect(max?.ok && new D(max.value.worstLoss).lte(300)).toBe(true);
    // Leverage for a 10 % distance really gives at least 10 %.
    const lev = r.extras.leverageForDistance;
    expect(lev?.ok && lev.value.distancePercent !== null && new D(lev.value.distancePercent).gte(10)).toBe(true);
    // Funding drift moves a long's liquidation price up (towards the mark) when it pays funding.
    const drift = r.extras.fundingDrift;
    expect(drift?.ok && drift.value && new D(drift.value.liquidationPrice ?? '0').gt(a.liquidationPrice ?? '0')).toBe(true);
    // The loss curve spans every marked price.
    const curve = r.extras.lossCurve;
    expect(curve?.ok).toBe(true);
    if (curve?.ok) {
      const prices = curve.value.points.map((p) => new D(p.price));
      const lo = D.min(...prices);
      const hi = D.max(...prices);
      for (const m of [curve.value.marks.entry, curve.value.marks.liquidation, curve.value.marks.bankruptcy, curve.value.marks.gap]) {
        expect(m).not.toBeNull();
        expect(new D(m as string).gte(lo) && new D(m as string).lte(hi)).toBe(true);
      }
      // Below the liquidation price a long is liquidated on the curve, above it not.
      const lp = new D(a.liquidationPrice as string);
      for (const p of curve.value.points) expect(p.liquidated).toBe(new D(p.price).lte(lp));
    }
  });

  it('passes the engine’s figures to the policy answer, never recomputing them', () => {
    const r = calculate({ input: long, extras: { gapPercent: '10' }, region: 'other', accountMode: null }, { now: NOW });
    expect(r.result.ok).toBe(true);
    if (!r.result.ok || !r.extras.gap?.ok || !r.extras.gap.value) throw new Error('expected figures');
    // Quoted as the figures beside it show them: rounded up to the currency's places, and named with the currency.
    const cur = r.result.assessment.currency;
    expect(r.policy?.amountAtStake.amount).toBe(lossMoney(r.result.assessment.marginAtRisk.amount, cur));
    expect(r.policy?.amountAtStake.deficitAtGap).toBe(lossMoney(r.extras.gap.value.deficit, cur));
    expect(r.policy?.amountAtStake.text).toContain(`At stake: this position's margin, ${lossMoney(r.result.assessment.marginAtRisk.amount, cur)} ${cur}.`);
    expect(r.policy?.amountAtStake.text).not.toMatch(/\d\.\d{3,}/);
    expect(r.policy?.amountAtStake.gapPercent).toBe('10');
    expect(r.policy?.amountAtStake.scope).toBe('position-margin');
  });

  it('uses the settings’ account mode and region unless the request says otherwise', () => {
    const fromSettings = calculate({ input: long }, { now: NOW, defaultAccountMode: 'classic', defaultRegion: 'EU' });
    expect(fromSettings.data).toMatchObject({ accountMode: 'classic', region: 'EU' });
    expect(fromSettings.policy?.region).toBe('EU');
    const told = calculate({ input: long, region: null, accountMode: null }, { now: NOW, defaultAccountMode: 'classic', defaultRegion: 'EU' });
    expect(told.data).toMatchObject({ accountMode: null, region: null });
    expect(told.policy?.region).toBeUndefined();
  });

  it('applies the thresholds it is given', () => {
    const strict = { distancePercent: { caution: '90', danger: '80', critical: '70' }, leverage: { caution: '100', danger: '200', critical: '300' }, crossMarginRaisesLevel: false };
    const relaxed = { distancePercent: { caution: '1', danger: '0.5', critical: '0.1' }, leverage: { caution: '100', danger: '200', critical: '300' }, crossMarginRaisesLevel: false };
    const a = calculate({ input: long }, { now: NOW, thresholds: strict });
    const b = calculate({ input: long }, { now: NOW, thresholds: relaxed });
    expect(a.result.ok && a.result.assessment.severity.level).toBe('critical');
    expect(b.result.ok && b.result.assessment.severity.level).toBe('ok');
  });

  it('returns field errors and no extras for bad input, and still answers the policy for a known venue', () => {
    const r = calculate({ input: { ...long, entryPrice: 'abc', leverage: '0.5' }, extras: { priceFor: '1' } }, { now: NOW });
    expect(r.result.ok).toBe(false);
    if (r.result.ok) return;
    expect(r.result.errors.map((e) => e.field).sort()).toEqual(['entryPrice', 'leverage']);
    expect(Object.values(r.extras).every((x) => x === null)).toBe(true);
    expect(r.policy?.venue?.id).toBe('binance');
  });

  it('answers a cross position without a leverage, and says which extras need one', () => {
    const { leverage: _l, ...noLeverage } = long;
    const cross = { ...noLeverage, marginMode: 'cross', walletBalance: '5000' };
    const r = calculate({ input: cross, extras: { priceFor: '61000', targetRoePercent: '50', gapPercent: '5' } }, { now: NOW });
    if (!r.result.ok) throw new Error(JSON.stringify(r.result.errors));
    expect(r.result.assessment.liquidationPrice).not.toBeNull();
    expect(r.result.assessment.initialMargin).toBeNull();
    expect(r.extras.pnlAt).toMatchObject({ ok: true, value: { pnl: '500', roePercent: null } });
    expect(r.extras.targetRoe).toMatchObject({ ok: false, errors: [{ field: 'leverage', code: 'required' }] });
    expect(r.extras.gap?.ok).toBe(true);
    expect(r.extras.lossCurve?.ok).toBe(true);
  });

  it('reports an out-of-range gap or holding time as a field error', () => {
    const r = calculate({ input: long, extras: { gapPercent: '60', fundingHours: '-1' } }, { now: NOW });
    expect(r.extras.gap).toMatchObject({ ok: false, errors: [{ field: 'gapPercent' }] });
    expect(r.extras.fundingDrift).toMatchObject({ ok: false, errors: [{ field: 'fundingHours' }] });
  });

  it('says "no funding rate" rather than inventing a drift', () => {
    const { fundingRate: _f, ...noFunding } = long;
    const r = calculate({ input: noFunding, extras: { fundingHours: '24' } }, { now: NOW });
    expect(r.extras.fundingDrift).toEqual({ ok: true, value: null, assumptions: [], warnings: [] });
  });

  it('never throws and never returns a non-finite figure, whatever the input', () => {
    const num = fc.oneof(fc.constantFrom('0', '-1', '1e400', 'NaN', 'Infinity', '', ' ', '1,5'), fc.double().map(String), fc.integer({ min: 1, max: 100000 }).map(String));
    fc.assert(
      fc.property(
        fc.record({ entryPrice: num, markPrice: num, quantity: num, leverage: num, walletBalance: num, side: fc.constantFrom('long', 'short', 'x'), marginMode: fc.constantFrom('isolated', 'cross', 'y') }),
        fc.record({ gapPercent: num, fundingHours: num, priceFor: num, maxLoss: num, minDistancePercent: num, targetRoePercent: num }),
        (over, extras) => {
          const r = calculate({ input: { ...long, ...over }, extras }, { now: NOW });
          // Messages may quote what was typed ("Infinity" is not a number); figures never hold it.
          const figures = JSON.stringify(r, (k, v: unknown) => (['message', 'text', 'headline', 'reasons'].includes(k) ? undefined : v));
          expect(figures).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('curveRange', () => {
  it('spans every price given, stays above zero, and ignores unusable values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 5 }), (ints) => {
        const prices = ints.map((i) => new D(i).div(100).toString());
        const r = curveRange([...prices, null, 'x', '-5']);
        expect(r).not.toBeNull();
        if (!r) return;
        expect(new D(r.from).gt(0)).toBe(true);
        for (const p of prices) expect(new D(p).gte(r.from) && new D(p).lte(r.to)).toBe(true);
      }),
    );
    expect(curveRange([null, 'abc'])).toBeNull();
  });
});
