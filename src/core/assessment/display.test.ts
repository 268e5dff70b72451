import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { displayPrice, distancePercent, distancePrice, lossMoney, money, moneyPlaces, plain, probability, tickPlaces } from './display';

describe('display rounding', () => {
  it('writes plain normalised decimals', () => {
    expect(plain(new D('58838.20'))).toBe('58838.2');
    expect(plain(new D('1e-9'))).toBe('0.000000001');
    expect(plain(new D('-0'))).toBe('0');
    expect(plain(new D('100'))).toBe('100');
    expect(displayPrice('65000.50')).toBe('65000.5');
  });

  it('uses 2 decimals for USD-like money and 8 for coins', () => {
    expect(moneyPlaces('USDT')).toBe(2);
    expect(moneyPlaces('usdc')).toBe(2);
    expect(moneyPlaces('BTC')).toBe(8);
    expect(money('1625.2575', 'USDT')).toBe('1625.26');
    expect(money('0.123456789', 'BTC')).toBe('0.12345679');
  });

  it('rounds losses up, never down', () => {
    expect(lossMoney('1581.981', 'USDT')).toBe('1581.99');
    expect(lossMoney('1581.98', 'USDT')).toBe('1581.98');
    expect(lossMoney('0.000000001', 'BTC')).toBe('0.00000001');
  });

  it('measures the price distance to the displayed price, rounded down to the tick', () => {
    expect(tickPlaces('0.10')).toBe(1);
    expect(tickPlaces('5')).toBe(0);
    expect(distancePrice('65010.3', '58744.3', 'down', '0.1')).toBe('6266');
    expect(distancePrice('65010.3', '71226.47', 'up', '0.1')).toBe('6216.1');
    expect(distancePrice('100', '90.123456789123', 'down', null)).toBe('9.87654321');
  });

  it('prints the distance percent to 2 decimals as the severity sentence does', () => {
    expect(distancePercent('9.638554')).toBe('9.64');
    expect(distancePercent('-0.004')).toBe('0');
  });

  it('rounds probabilities up to 0.01 %', () => {
    expect(probability('0.123401')).toBe('0.1235');
    expect(probability('0')).toBe('0');
    expect(probability(null)).toBeNull();
  });
});
