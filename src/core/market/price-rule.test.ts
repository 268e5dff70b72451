import { describe, expect, it } from 'vitest';
import { tickAt } from './price-rule';

const btc = { significantFigures: 5, maxDecimals: 1 }; // szDecimals 5
const sol = { significantFigures: 5, maxDecimals: 4 }; // szDecimals 2
const kpepe = { significantFigures: 5, maxDecimals: 6 }; // szDecimals 0

describe("Hyperliquid's price rule: five significant figures, at most 6 − szDecimals decimals, integers always allowed", () => {
  it('BTC moves in whole dollars from 10,000 up and in 0.1 below', () => {
    expect(tickAt(btc, '84123.4')?.toString()).toBe('1');
    expect(tickAt(btc, '123456')?.toString()).toBe('1');
    expect(tickAt(btc, '9999.9')?.toString()).toBe('0.1');
    expect(tickAt(btc, '10000')?.toString()).toBe('1');
    expect(tickAt(btc, '1000')?.toString()).toBe('0.1');
  });
  it('SOL at 145.37 moves in 0.01; at 9.87 in 0.0001 (its 4-decimal limit); kPEPE at 0.012345 in 0.000001', () => {
    expect(tickAt(sol, '145.37')?.toString()).toBe('0.01');
    expect(tickAt(sol, '9.87')?.toString()).toBe('0.0001');
    expect(tickAt(sol, '0.9871')?.toString()).toBe('0.0001');
    expect(tickAt(kpepe, '0.012345')?.toString()).toBe('0.000001');
    expect(tickAt(kpepe, '0.0012345')?.toString()).toBe('0.000001');
  });
  it('no tick for a price that is not positive', () => {
    expect(tickAt(btc, '0')).toBeNull();
    expect(tickAt(btc, '-5')).toBeNull();
  });
});
