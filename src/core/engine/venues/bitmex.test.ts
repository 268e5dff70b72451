import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { docLiquidationPrice } from './bitmex';

describe('BitMEX inverse (relayed support formula, low confidence)', () => {
  it('matches LP = EP/(1 ± (IM − MM)) and BP = EP/(1 ± IM) with IM = 1/lev + 2·taker, MM = 0.5 % + taker + funding', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ venue: 'bitmex', symbol: 'XBTUSD', marginMode: 'isolated', side, entryPrice: '60000', markPrice: '60000', quantity: '10000', quantityUnit: 'contracts', leverage: '25', takerFeeRate: '0.00075', fundingRate: '0.0001' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      // Funding counts only when this side pays it (positive rate: the long).
      const doc = docLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(60000), lev: new D(25), taker: new D('0.00075'), fundingRate: new D(side === 'long' ? '0.0001' : '0'), baseMM: new D('0.005') });
      expect(new D(r.assessment.liquidationPrice ?? '0').minus(doc.LP).abs().lt('1e-25')).toBe(true);
      expect(new D(r.assessment.bankruptcyPrice ?? '0').minus(doc.BP).abs().lt('1e-25')).toBe(true);
      expect(r.assessment.formula.confidence).toBe('low');
    }
  });
});
