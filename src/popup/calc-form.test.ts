import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binanceLimitCross } from '../core/assessment/snapshot-fixtures';
import type { TabState } from '../shared/overlay-state';
import type { PositionInput } from '../core/engine/types';
import { buildRequest, defaultForm, engineErrors, formFieldOf, formFromTab, leverageOptional, restoreForm } from './calc-form';

describe('calculator form → engine request', () => {
  it('converts percents to the engine’s fractions exactly and keeps decimal strings', () => {
    const form = { ...defaultForm(), entryPrice: '60,000.5', markPrice: '60000', quantity: '0.1', takerFeeRate: '0.055', maintenanceMarginRate: '0.4', fundingRate: '-0.0125' };
    const { request, errors } = buildRequest(form, 'en-US');
    expect(errors).toEqual({});
    expect(request.input).toMatchObject({ entryPrice: '60000.5', takerFeeRate: '0.00055', maintenanceMarginRate: '0.004', fundingRate: '-0.000125' });
  });

  it('reads the trader’s locale and reports a value in the wrong convention', () => {
    const ok = buildRequest({ ...defaultForm(), entryPrice: '60.000,5' }, 'de-DE');
    expect(ok.request.input.entryPrice).toBe('60000.5');
    const bad = buildRequest({ ...defaultForm(), entryPrice: '60000.5' }, 'de-DE');
    expect(bad.errors.entryPrice).toMatch(/^Entry price: .*decimal separator/);
    expect(bad.request.input.entryPrice).toBeUndefined();
  });

  it('sends isolated margin or leverage, never both', () => {
    const m = buildRequest({ ...defaultForm(), sizing: 'margin', isolatedMargin: '100', leverage: '10' }, 'en-US').request.input;
    expect(m.isolatedMargin).toBe('100');
    expect(m.leverage).toBeUndefined();
    const cross = buildRequest({ ...defaultForm(), marginMode: 'cross', sizing: 'margin', isolatedMargin: '100' }, 'en-US').request.input;
    expect(cross.isolatedMargin).toBeUndefined();
    expect(cross.leverage).toBe('10');
  });

  it('a cross position may leave the leverage empty: no error, no leverage sent; isolated still needs it or a margin', () => {
    const cross = buildRequest({ ...defaultForm(), marginMode: 'cross', leverage: '', walletBalance: '5000' }, 'en-US');
    expect(cross.errors).toEqual({});
    expect(cross.request.input.leverage).toBeUndefined();
    expect(leverageOptional({ marginMode: 'cross' })).toBe(true);
    expect(leverageOptional({ marginMode: 'isolated' })).toBe(false);
  });

  it('uses the options’ default wallet for linear contracts only, and only when none is typed', () => {
    expect(buildRequest(defaultForm(), 'en-US', {}, '2500').request.input.walletBalance).toBe('2500');
    expect(buildRequest({ ...defaultForm(), walletBalance: '10' }, 'en-US', {}, '2500').request.input.walletBalance).toBe('10');
    expect(buildRequest({ ...defaultForm(), venue: 'binance-coinm', contract: 'inverse' }, 'en-US', {}, '2500').request.input.walletBalance).toBeUndefined();
  });

  it('maps engine fields to form fields', () => {
    expect(formFieldOf('distancePercent')).toBe('minDistancePercent');
    expect(formFieldOf('roePercent')).toBe('targetRoePercent');
    expect(formFieldOf('otherPositions[2].markPrice')).toBe('otherPositions[2].markPrice');
    expect(formFieldOf('otherPositions[2]')).toBe('otherPositions[2].maintenanceMarginRate');
    expect(formFieldOf('')).toBe('');
    expect(engineErrors([{ field: 'entryPrice', code: 'x', message: 'A.' }, { field: 'entryPrice', code: 'y', message: 'B.' }])).toEqual({ entryPrice: 'A. B.' });
  });

  it('restores any stored value without throwing, falling back field by field', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const f = restoreForm(raw);
        expect(typeof f.entryPrice).toBe('string');
        expect(() => buildRequest(f, 'en-US')).not.toThrow();
      }),
      { numRuns: 300 },
    );
    expect(restoreForm({ venue: 'deribit', marginMode: 'isolated' }).marginMode).toBe('cross');
  });
});

describe('the calculator prefilled from a venue tab (“Open in the calculator”)', () => {
  const tab = (over: Partial<TabState>): TabState => ({ tabId: 3, seq: 1, snapshot: binanceLimitCross(), state: { kind: 'unreadable', reasons: [] }, updatedAt: 0, ...over });

  it('takes the exact engine input behind the figures, in the trader’s format, for the side in use', () => {
    const long = { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '65000.5', markPrice: '65010.3', quantity: '0.25', quantityUnit: 'base', leverage: '20', walletBalance: '1250.75', takerFeeRate: '0.0005', tickSize: '0.1' } as const;
    const short = { ...long, side: 'short' } as const;
    const form = formFromTab(tab({ snapshot: binanceLimitCross({ activeSide: 'short' }), replay: { inputs: [long, short], context: { now: '2026-12-06T00:00:00Z' } } }), 'de-DE');
    expect(form).toMatchObject({ venue: 'binance-usdm', symbol: 'BTCUSDT', side: 'short', marginMode: 'cross', entryPrice: '65000,5', markPrice: '65010,3', quantity: '0,25', leverage: '20', walletBalance: '1250,75', takerFeeRate: '0,05', tickSize: '0,1', sizing: 'leverage' });
    expect(form?.maintenanceMarginRate).toBeUndefined();
  });

  it('starts from the account as read: the position held in the symbol, the hedge mode and every other cross position at its tier', () => {
    const input: PositionInput = {
      venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '65000.5', markPrice: '65010.3', quantity: '0.25', quantityUnit: 'base', leverage: '20', walletBalance: '4400',
      positionMode: 'hedge',
      existingPosition: { side: 'long', quantity: '0.5', quantityUnit: 'base', entryPrice: '63200' },
      otherPositions: [{ symbol: 'ETHUSDT', side: 'short', quantity: '4', quantityUnit: 'base', entryPrice: '3400', markPrice: '3456.78', maintenanceMarginRate: '0.005', maintenanceAmount: '50' }],
    };
    const form = formFromTab(tab({ replay: { inputs: [input], context: { now: '2026-12-06T00:00:00Z' } } }), 'de-DE');
    expect(form).toMatchObject({ walletBalance: '4400', positionMode: 'hedge', existingPosition: { side: 'long', quantity: '0.5', quantityUnit: 'base', entryPrice: '63200' } });
    expect(form?.otherPositions).toEqual([{ id: 1, symbol: 'ETHUSDT', side: 'short', quantity: '4', quantityUnit: 'base', entryPrice: '3400', markPrice: '3456,78', maintenanceMarginRate: '0,5', maintenanceAmount: '50' }]);
    // The calculator asks the engine for exactly that account: the same held position, the same tier per position.
    const { request } = buildRequest({ ...defaultForm(), ...form }, 'de-DE');
    expect(request.input).toMatchObject({ positionMode: 'hedge', existingPosition: input.existingPosition, otherPositions: [{ symbol: 'ETHUSDT', maintenanceMarginRate: '0.005', maintenanceAmount: '50', markPrice: '3456.78' }] });
    // And keeps it when the popup is opened again.
    expect(restoreForm(JSON.parse(JSON.stringify({ ...defaultForm(), ...form })))).toMatchObject({ positionMode: 'hedge', existingPosition: input.existingPosition, otherPositions: [{ maintenanceAmount: '50' }] });
  });

  it('an order without an account read clears what an earlier account left in the form', () => {
    const input = { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '65000', quantity: '0.1', quantityUnit: 'base' } as const;
    const form = formFromTab(tab({ replay: { inputs: [input], context: {} } }), 'en-US');
    expect(form && 'existingPosition' in form && form.existingPosition).toBeUndefined();
    expect(form?.otherPositions).toEqual([]);
  });

  it('a form that could not be read completely: every field the page showed, and nothing it did not', () => {
    const snapshot = binanceLimitCross({ marginMode: { ok: false, reason: 'margin mode: not found' } });
    const form = formFromTab(tab({ snapshot }), 'en-US');
    expect(form).toMatchObject({ venue: 'binance-usdm', symbol: 'BTCUSDT', entryPrice: '64000', quantity: '0.1', quantityUnit: 'base', leverage: '20' });
    expect(form && 'marginMode' in form).toBe(false);
  });
});
