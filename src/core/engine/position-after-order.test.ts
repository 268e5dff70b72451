import { describe, expect, it } from 'vitest';
import { positionAfterOrder } from './position-after-order';

const value = <T,>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error('not ok');
  return r.value;
};

describe('positionAfterOrder', () => {
  it('adds with a size-weighted entry (linear)', () => {
    const r = value(positionAfterOrder({ side: 'long', quantity: '1', entryPrice: '100' }, { side: 'long', quantity: '3', entryPrice: '120' }));
    expect(r).toMatchObject({ kind: 'add', position: { side: 'long', quantity: '4', entryPrice: '115' } });
  });
  it('adds with a value-weighted (harmonic) entry for inverse contracts', () => {
    const r = value(positionAfterOrder({ side: 'long', quantity: '1000', entryPrice: '100' }, { side: 'long', quantity: '1000', entryPrice: '200' }, 'inverse'));
    // 2000 USD / (10 + 5 coins) = 133.33…
    expect(r.position?.entryPrice.startsWith('133.333333')).toBe(true);
  });
  it('reduces: the remaining size keeps its entry and the closed part realizes PnL', () => {
    const r = value(positionAfterOrder({ side: 'long', quantity: '2', entryPrice: '100' }, { side: 'short', quantity: '0.5', entryPrice: '110' }));
    expect(r).toMatchObject({ kind: 'reduce', position: { side: 'long', quantity: '1.5', entryPrice: '100' }, closedQuantity: '0.5', realizedPnl: '5' });
  });
  it('flips: the new side opens at the order price', () => {
    const r = value(positionAfterOrder({ side: 'short', quantity: '1', entryPrice: '100' }, { side: 'long', quantity: '3', entryPrice: '90' }));
    expect(r).toMatchObject({ kind: 'flip', position: { side: 'long', quantity: '2', entryPrice: '90' }, realizedPnl: '10' });
  });
  it('closes to zero: no position, with a reason', () => {
    const r = value(positionAfterOrder({ side: 'long', quantity: '1', entryPrice: '100' }, { side: 'short', quantity: '1', entryPrice: '95' }));
    expect(r).toMatchObject({ kind: 'closed', position: null, realizedPnl: '-5' });
    expect(r.kind === 'closed' && r.reason).toMatch(/nothing is left/);
  });
  it('opens when there is no existing position', () => {
    expect(value(positionAfterOrder(null, { side: 'short', quantity: '1', entryPrice: '100' })).kind).toBe('open');
  });
  it('bad arguments come back as field errors, not exceptions', () => {
    const r = positionAfterOrder({ side: 'long', quantity: '-1', entryPrice: 'x' }, { side: 'sideways' as 'long', quantity: '1', entryPrice: '1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['existing.quantity', 'existing.entryPrice', 'order.side']);
  });
});
