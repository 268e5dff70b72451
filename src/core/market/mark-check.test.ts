import { describe, expect, it } from 'vitest';
import { checkApiMark } from './mark-check';
import type { MarkPrice } from './types';

const T = '2026-12-06T10:00:00.000Z';
const mark = (price: string, at = T): MarkPrice => ({ venue: 'okx', symbol: 'BTC-USDT-SWAP', price, at, url: 'https://www.okx.com/api/v5/public/mark-price' });
const plus = (ms: number) => new Date(Date.parse(T) + ms).toISOString();

describe('an API mark is used only when it fits the page and its own time', () => {
  it('a mark near the order price, just received, is used without comment', () => {
    expect(checkApiMark(mark('65010.3'), T, { price: '64123.4', orderType: 'limit' })).toEqual({ use: true, warning: null, refusal: null });
  });

  it('the attack as found: a mark 10× off is refused, for a limit and for a market order', () => {
    expect(checkApiMark(mark('641234'), T, { price: '64123.4', orderType: 'limit' })).toMatchObject({ use: false, refusal: expect.stringContaining('too far') });
    expect(checkApiMark(mark('6501.03'), T, { price: '65000', orderType: 'market' })).toMatchObject({ use: false });
  });

  it("more than ten times from a limit order's price, the mark is handed on so that the engine refuses the order itself", () => {
    expect(checkApiMark(mark('650103'), T, { price: '64123.4', orderType: 'limit' })).toEqual({ use: true, warning: null, refusal: null });
    expect(checkApiMark(mark('3450.12'), T, { price: '64123.4', orderType: 'limit' })).toEqual({ use: true, warning: null, refusal: null });
  });

  it('the attack as found: 2 hours old, or a day in the future, is refused; over a minute old is a visible warning', () => {
    expect(checkApiMark(mark('65010', T), plus(2 * 3_600_000), { price: '65000', orderType: 'limit' })).toMatchObject({ use: false, refusal: expect.stringContaining('120 minutes old') });
    expect(checkApiMark(mark('65010', plus(86_400_000)), T, { price: '65000', orderType: 'limit' })).toMatchObject({ use: false, refusal: expect.stringContaining('after LiqGuard received it') });
    expect(checkApiMark(mark('65010', T), plus(90_000), { price: '65000', orderType: 'limit' })).toMatchObject({ use: true, warning: expect.stringContaining('90 s old') });
    expect(checkApiMark(mark('65010', plus(20_000)), T, { price: '65000', orderType: 'limit' })).toMatchObject({ use: true, warning: null });
  });

  it('bounds: market orders warn beyond 2 % and refuse beyond 10 %; limit orders warn beyond 10 % and refuse beyond 50 %', () => {
    expect(checkApiMark(mark('66500'), T, { price: '65000', orderType: 'market' })).toMatchObject({ use: true, warning: expect.stringContaining('2.3 %') });
    expect(checkApiMark(mark('72000'), T, { price: '65000', orderType: 'market' }).use).toBe(false);
    expect(checkApiMark(mark('72000'), T, { price: '65000', orderType: 'limit' })).toMatchObject({ use: true, warning: expect.stringContaining('10.8 %') });
    expect(checkApiMark(mark('98000'), T, { price: '65000', orderType: 'conditional' }).use).toBe(false);
  });
});
