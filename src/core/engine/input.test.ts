import { describe, expect, it } from 'vitest';
import { assess } from './assess';
import type { FieldError, PositionInput, Warning } from './types';

const valid: PositionInput = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long',
  entryPrice: '60000', markPrice: '60000', quantity: '0.1', quantityUnit: 'base', leverage: '10', maintenanceMarginRate: '0.004',
};

function errorsOf(input: unknown): FieldError[] {
  const r = assess(input as PositionInput);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
function errorFor(input: unknown, field: string): FieldError {
  const e = errorsOf(input).find((x) => x.field === field);
  if (!e) throw new Error(`no error for ${field}: ${JSON.stringify(errorsOf(input))}`);
  return e;
}
function warningsOf(input: PositionInput): Warning[] {
  const r = assess(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment.warnings;
}

describe('bad input gives typed errors that name the field in a trader’s words', () => {
  it('missing entry price', () => {
    const { entryPrice: _drop, ...rest } = valid;
    expect(errorFor(rest, 'entryPrice')).toMatchObject({ code: 'required', message: expect.stringMatching(/^Entry price is missing\. .*mark price for a market order/) });
  });
  it('empty mark price', () => {
    expect(errorFor({ ...valid, markPrice: '  ' }, 'markPrice')).toMatchObject({ code: 'empty', message: expect.stringMatching(/^Mark price is empty/) });
  });
  it('non-numeric quantity', () => {
    expect(errorFor({ ...valid, quantity: 'abc' }, 'quantity')).toMatchObject({ code: 'not-a-number', message: 'Quantity "abc" is not a number.' });
  });
  it('thousands separator', () => {
    expect(errorFor({ ...valid, entryPrice: '1,153.26' }, 'entryPrice')).toMatchObject({ code: 'not-a-number', message: expect.stringMatching(/use a dot for decimals/) });
  });
  it('NaN and Infinity sent as numbers', () => {
    expect(errorFor({ ...valid, entryPrice: Number.NaN }, 'entryPrice')).toMatchObject({ code: 'not-a-number', message: 'Entry price is not a finite number.' });
    expect(errorFor({ ...valid, markPrice: Number.POSITIVE_INFINITY }, 'markPrice').code).toBe('not-a-number');
    expect(errorFor({ ...valid, quantity: 'Infinity' }, 'quantity').code).toBe('not-a-number');
  });
  it('a number of the wrong type', () => {
    expect(errorFor({ ...valid, leverage: [10] }, 'leverage')).toMatchObject({ code: 'not-a-number', message: 'Leverage must be a number, not a list.' });
  });
  it('negative price', () => {
    expect(errorFor({ ...valid, entryPrice: '-60000' }, 'entryPrice')).toMatchObject({ code: 'not-positive', message: 'Entry price must be above zero; it is -60000.' });
  });
  it('zero quantity', () => {
    expect(errorFor({ ...valid, quantity: 0 }, 'quantity')).toMatchObject({ code: 'zero', message: 'Quantity must be above zero; it is 0.' });
  });
  it('leverage below 1', () => {
    expect(errorFor({ ...valid, leverage: '0.5' }, 'leverage')).toMatchObject({ code: 'below-minimum', message: 'Leverage must be at least 1x; it is 0.5x.' });
  });
  it('unknown quantity unit', () => {
    expect(errorFor({ ...valid, quantityUnit: 'lots' }, 'quantityUnit')).toMatchObject({ code: 'unknown-value', message: expect.stringMatching(/"lots" is not one the calculator knows: base .* quote .* contracts/) });
  });
  it('magnitude above 1e15', () => {
    expect(errorFor({ ...valid, quantity: '2e15' }, 'quantity')).toMatchObject({ code: 'too-large', message: expect.stringMatching(/larger than 10\^15/) });
  });
  it('contracts without a contract size', () => {
    expect(errorFor({ ...valid, venue: 'okx', symbol: 'BTC-USDT-SWAP', quantityUnit: 'contracts', quantity: '10' }, 'contractSize')).toMatchObject({ code: 'required', message: expect.stringMatching(/Contract size is needed/) });
  });
  it('unknown venue and ambiguous binance', () => {
    expect(errorFor({ ...valid, venue: 'ftx' }, 'venue')).toMatchObject({ code: 'unknown-value', message: expect.stringMatching(/binance-usdm/) });
    expect(errorFor({ ...valid, venue: 'binance', contract: undefined }, 'venue')).toMatchObject({ code: 'ambiguous', message: expect.stringMatching(/linear.*inverse/) });
  });
  it('binance with a contract resolves to the right venue', () => {
    const r = assess({ ...valid, venue: 'binance', contract: 'linear' });
    expect(r.ok && r.assessment.venue).toBe('binance-usdm');
  });
  it('cross without a wallet balance', () => {
    expect(errorFor({ ...valid, marginMode: 'cross' }, 'walletBalance')).toMatchObject({ code: 'required', message: expect.stringMatching(/whole cross wallet/) });
  });
  it('negative wallet', () => {
    expect(errorFor({ ...valid, walletBalance: '-5' }, 'walletBalance')).toMatchObject({ code: 'negative', message: 'Wallet balance cannot be negative; it is -5.' });
  });
  it('maintenance rate of 1 or more', () => {
    expect(errorFor({ ...valid, maintenanceMarginRate: '1.5' }, 'maintenanceMarginRate')).toMatchObject({ code: 'above-maximum', message: expect.stringMatching(/fraction below 1/) });
  });
  it('taker fee entered as a percent', () => {
    expect(errorFor({ ...valid, takerFeeRate: '0.05' }, 'takerFeeRate')).toMatchObject({ code: 'above-maximum', message: expect.stringMatching(/0\.0005 = 0\.05 %/) });
  });
  it('funding rate far beyond any cap', () => {
    expect(errorFor({ ...valid, fundingRate: '0.5' }, 'fundingRate')).toMatchObject({ code: 'above-maximum', message: expect.stringMatching(/per interval/) });
  });
  it('not an object at all', () => {
    for (const bad of [null, 42, 'text', [1, 2]]) expect(errorsOf(bad)[0]).toMatchObject({ field: '', code: 'not-an-object' });
  });
  it('unknown side and margin mode', () => {
    expect(errorFor({ ...valid, side: 'up' }, 'side').message).toMatch(/long or short/);
    expect(errorFor({ ...valid, marginMode: 'portfolio' }, 'marginMode').message).toMatch(/isolated or cross/);
  });
  it('other positions: not a list, bad fields, missing rate', () => {
    expect(errorFor({ ...valid, marginMode: 'cross', walletBalance: '1000', otherPositions: {} }, 'otherPositions').code).toBe('not-a-list');
    const cross = { ...valid, marginMode: 'cross', walletBalance: '1000' };
    expect(errorFor({ ...cross, otherPositions: [{ side: 'long', quantity: '-1', quantityUnit: 'base', entryPrice: '1', markPrice: '1', maintenanceMarginRate: '0.01' }] }, 'otherPositions[0].quantity')).toMatchObject({
      code: 'not-positive',
      message: 'Quantity of otherPositions[0] must be above zero; it is -1.',
    });
    expect(errorFor({ ...cross, otherPositions: [{ symbol: 'ETHUSDT', side: 'long', quantity: '1', quantityUnit: 'base', entryPrice: '1', markPrice: '1' }] }, 'otherPositions[0].maintenanceMarginRate')).toMatchObject({
      code: 'required',
      message: expect.stringMatching(/ETHUSDT/),
    });
  });
  it('an order that closes the existing position leaves nothing to assess', () => {
    expect(errorFor({ ...valid, side: 'short', existingPosition: { side: 'long', quantity: '0.1', quantityUnit: 'base', entryPrice: '59000' } }, 'quantity')).toMatchObject({ code: 'closes-position' });
  });
  it('no table and no rate', () => {
    const { maintenanceMarginRate: _drop, ...rest } = valid;
    expect(errorFor(rest, 'maintenanceMarginRate')).toMatchObject({ code: 'missing-tier-data', message: expect.stringMatching(/No maintenance-margin table is loaded for Binance USDⓈ-M BTCUSDT/) });
  });
});

describe('warnings when the number can still be computed', () => {
  it('leverage above the venue’s tier maximum', () => {
    expect(warningsOf({ ...valid, leverage: '150', maxLeverage: '125' }).find((w) => w.code === 'leverage-above-tier-maximum')).toMatchObject({ field: 'leverage', message: expect.stringMatching(/150x is above 125x/) });
  });
  it('isolated margin above the wallet', () => {
    expect(warningsOf({ ...valid, isolatedMargin: '900', walletBalance: '500' }).find((w) => w.code === 'isolated-margin-above-wallet')).toMatchObject({ field: 'isolatedMargin', message: expect.stringMatching(/more than the wallet balance/) });
  });
  it('a high taker fee', () => {
    expect(warningsOf({ ...valid, takerFeeRate: '0.003' }).find((w) => w.code === 'fee-unusual')).toMatchObject({ field: 'takerFeeRate' });
  });
  it('a high funding rate', () => {
    expect(warningsOf({ ...valid, fundingRate: '-0.02' }).find((w) => w.code === 'funding-unusual')).toMatchObject({ field: 'fundingRate' });
  });
  it('a binary float with more digits than it holds', () => {
    expect(warningsOf({ ...valid, entryPrice: 0.1 + 0.2, markPrice: 0.3 }).find((w) => w.code === 'float-precision')).toMatchObject({ field: 'entryPrice', message: expect.stringMatching(/send numbers as text/) });
  });
  it('fields that do not apply are reported as ignored', () => {
    expect(warningsOf({ ...valid, otherPositions: [{ side: 'long' }] }).find((w) => w.code === 'ignored-field')).toMatchObject({ field: 'otherPositions' });
    expect(warningsOf({ ...valid, marginMode: 'cross', walletBalance: '1000', isolatedMargin: '5' }).find((w) => w.code === 'ignored-field')).toMatchObject({ field: 'isolatedMargin' });
  });
  it('the mark already past the liquidation price: an order is liquidated on fill, an open position is past it', () => {
    expect(warningsOf({ ...valid, markPrice: '50000' }).find((w) => w.code === 'liquidated-on-fill')).toMatchObject({ field: 'markPrice' });
    expect(warningsOf({ ...valid, markPrice: '50000', positionStatus: 'open' }).find((w) => w.code === 'mark-past-liquidation')).toMatchObject({ field: 'markPrice' });
  });
  it('numbers as JS numbers are accepted exactly through their shortest text', () => {
    const r = assess({ ...valid, entryPrice: 60000, quantity: 0.1, leverage: 10 });
    expect(r.ok && r.assessment.entryPrice).toBe('60000');
    expect(r.ok && r.assessment.size.base).toBe('0.1');
  });
});

describe('an order priced implausibly far from the mark is refused, not assessed', () => {
  it('more than 10 times above or below the mark is a field error on the entry price', () => {
    expect(errorFor({ ...valid, entryPrice: '600001' }, 'entryPrice')).toMatchObject({ code: 'implausible-price', message: expect.stringMatching(/more than 10 times above the mark price 60000.*missing or extra digit/) });
    expect(errorFor({ ...valid, entryPrice: '5999.99' }, 'entryPrice')).toMatchObject({ code: 'implausible-price', message: expect.stringMatching(/below the mark/) });
  });
  it('exactly 10 times away is still assessed, and an open position may be anywhere', () => {
    expect(assess({ ...valid, entryPrice: '6000' }).ok).toBe(true);
    expect(assess({ ...valid, entryPrice: '600000', leverage: '1' }).ok).toBe(true);
    expect(assess({ ...valid, entryPrice: '3000', positionStatus: 'open' }).ok).toBe(true);
  });
  it('an unknown position status is a field error', () => {
    expect(errorFor({ ...valid, positionStatus: 'pending' }, 'positionStatus')).toMatchObject({ code: 'unknown-value' });
  });
});

describe('units are converted exactly', () => {
  it('quote quantity on a linear contract becomes base at the entry price', () => {
    const r = assess({ ...valid, quantity: '6000', quantityUnit: 'quote' });
    expect(r.ok && r.assessment.size.base).toBe('0.1');
  });
  it('contracts × contract size; inverse base × entry = USD face', () => {
    const a = assess({ ...valid, venue: 'okx', symbol: 'BTC-USDT-SWAP', contractSize: '0.01', quantity: '10', quantityUnit: 'contracts' });
    expect(a.ok && a.assessment.size).toEqual({ base: '0.1', faceValue: null, contracts: '10' });
    const b = assess({ ...valid, venue: 'bybit', contract: 'inverse', symbol: 'BTCUSD', quantity: '0.5', quantityUnit: 'base' });
    expect(b.ok && b.assessment.size.faceValue).toBe('30000');
  });
});
