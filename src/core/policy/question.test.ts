import { describe, expect, it } from 'vitest';
import { assess } from '../engine/index';
import type { Assessment, PositionInput } from '../engine/index';
import { policyQuestionFor } from './question';

const position: PositionInput = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', side: 'long', entryPrice: '60000', markPrice: '60000',
  quantity: '1', quantityUnit: 'base', leverage: '10', maintenanceMarginRate: '0.004', takerFeeRate: '0.0005',
};

function assessed(extra: PositionInput): Assessment {
  const r = assess({ ...position, ...extra }, { gapPercents: ['0', '5', '10'] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment;
}

describe('policyQuestionFor', () => {
  it('puts an isolated position’s margin at stake, with the deficit of the largest gap by default', () => {
    const a = assessed({ marginMode: 'isolated' });
    const q = policyQuestionFor(a, { accountMode: 'usdm_coinm_classic_wallet', region: 'EU', now: '2026-11-22' });
    expect(q).toEqual({
      venue: 'binance-usdm', accountMode: 'usdm_coinm_classic_wallet', region: 'EU', marginMode: 'isolated', currency: 'USDT', now: '2026-11-22',
      amounts: { margin: '6000', deficitAtGap: a.gapStress[2]?.deficit, gapPercent: '10' },
    });
  });

  it('puts the whole cross wallet at stake in cross margin, under the gap asked for', () => {
    const a = assessed({ marginMode: 'cross', walletBalance: '25000' });
    const q = policyQuestionFor(a, { gapPercent: '5' });
    expect(q.amounts).toEqual({ wallet: a.marginAtRisk.amount, deficitAtGap: a.gapStress[1]?.deficit, gapPercent: '5' });
    expect(q.accountMode).toBeNull();
    expect(q.region).toBeNull();
  });

  it('takes a gap row computed apart, or none, and quotes amounts the caller’s way', () => {
    const a = assessed({ marginMode: 'isolated' });
    expect(policyQuestionFor(a, { gapRow: { gapPercent: '37', deficit: '1234.5' } }).amounts).toMatchObject({ deficitAtGap: '1234.5', gapPercent: '37' });
    expect(policyQuestionFor(a, { gapRow: null }).amounts).toEqual({ margin: '6000' });
    expect(policyQuestionFor(a, { gapRow: null, quote: (v) => `${v}.00` }).amounts).toEqual({ margin: '6000.00' });
    expect(policyQuestionFor(a, { gapRow: null, quote: () => null }).amounts).toEqual({});
  });
});
