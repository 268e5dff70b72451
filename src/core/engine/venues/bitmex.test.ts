import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { docLinearLiquidationPrice, docLiquidationPrice } from './bitmex';

describe('BitMEX inverse (relayed support formula with the fee terms of BitMEX’s recorded positions, low confidence)', () => {
  it('matches LP = EP/(1 ± (IM − MM)) and BP = EP/(1 ± 1/lev) with IM = 1/lev + taker·(1 + 1/lev), MM = 0.5 % + funding + taker·(1 + 1/lev)', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ venue: 'bitmex', symbol: 'XBTUSD', contract: 'inverse', marginMode: 'isolated', side, entryPrice: '60000', markPrice: '60000', quantity: '10000', quantityUnit: 'contracts', leverage: '25', takerFeeRate: '0.00075', fundingRate: '0.0001' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      // Funding counts only when this side pays it (positive rate: the long).
      const doc = docLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(60000), lev: new D(25), taker: new D('0.00075'), fundingRate: new D(side === 'long' ? '0.0001' : '0'), baseMM: new D('0.005') });
      expect(new D(r.assessment.liquidationPrice ?? '0').minus(doc.LP).abs().lt('1e-25')).toBe(true);
      expect(new D(r.assessment.bankruptcyPrice ?? '0').minus(doc.BP).abs().lt('1e-25')).toBe(true);
      expect(r.assessment.formula.confidence).toBe('low');
    }
  });
});

/**
 * BitMEX linear (USDT-margined) contracts. BitMEX's "Linear Perpetual Contracts" guide,
 * https://www.bitmex.com/app/linearPerpetualsGuide (undated, read 2026-12), gives the margin example: long
 * 1,000,000 USDT of COINUSDT at 5,000 with 50x needs 20,000 USDT of margin; PnL = contracts × multiplier ×
 * (exit − entry). No BitMEX page with a linear liquidation price was found, so the price is checked against the
 * relayed rule written in price instead of 1/price.
 */
describe('BitMEX linear (USDT-margined), no longer refused', () => {
  const base = { venue: 'bitmex', symbol: 'ETHUSDT', contract: 'linear', marginMode: 'isolated', entryPrice: '5000', markPrice: '5000', quantity: '200', quantityUnit: 'base', leverage: '50' } as const;

  it('the guide’s own example: 1,000,000 USDT at 50x takes 20,000 USDT of margin (fees aside)', () => {
    const r = assess({ ...base, side: 'long', takerFeeRate: '0' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.assessment.notional).toBe('1000000');
    expect(r.assessment.initialMargin).toBe('20000');
    expect(r.assessment.marginAtRisk.amount).toBe('20000');
    expect(r.assessment.currency).toBe('USDT');
  });

  it('liquidation and bankruptcy follow the same rule in price: EP·(1 ∓ (IM − MM)), EP·(1 ∓ 1/lev)', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ ...base, side, takerFeeRate: '0.00075', fundingRate: '0.0001' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const doc = docLinearLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(5000), lev: new D(50), taker: new D('0.00075'), fundingRate: new D(side === 'long' ? '0.0001' : '0'), baseMM: new D('0.005') });
      expect(new D(r.assessment.liquidationPrice ?? '0').minus(doc.LP).abs().lt('1e-25')).toBe(true);
      expect(new D(r.assessment.bankruptcyPrice ?? '0').minus(doc.BP).abs().lt('1e-25')).toBe(true);
      expect(r.assessment.assumptions.map((a) => a.code)).toContain('formula-derived');
    }
  });
});
