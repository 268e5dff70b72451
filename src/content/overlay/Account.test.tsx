// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { accountViewSample } from '../../../test/helpers/account-views';
import type { PositionCheck } from '../../shared/account-snapshot';
import { AccountPositions } from './Account';

afterEach(cleanup);

describe('overlay account parts', () => {
  it('lists each position with the venue’s figure, the check and where each side of the order moves it', () => {
    const { container } = render(<AccountPositions account={accountViewSample()} locale="en-US" sides={['long', 'short']} />);
    const items = [...container.querySelectorAll('[data-liqguard-position]')];
    expect(items.map((li) => [li.getAttribute('data-liqguard-position'), li.querySelector('[data-liqguard="venue-liquidation-price"]')?.getAttribute('data-value') ?? null, li.querySelector('[data-liqguard="self-check"]')?.textContent ?? null])).toEqual([
      ['BTCUSDT long', '53947.05', 'match'],
      ['ETHUSDT short', '4950', 'mismatch'],
      ['SOLUSDT short', null, null],
    ]);
    const after = [...(items[1]?.querySelectorAll('[data-liqguard="after-order"]') ?? [])];
    expect(after.map((e) => [e.getAttribute('data-side'), e.getAttribute('data-value'), e.parentElement?.textContent])).toEqual([
      ['long', '4732.16', '→ 4,732.16 after this long order'],
      ['short', '4901.2', '→ 4,901.20 after this short order'],
    ]);
    expect(container.querySelector('[data-liqguard="margin-ratio"]')?.textContent).toMatch(/Margin ratio 4\.32% → 6\.1% after the long order, → 3\.9% after the short order/);
  });

  it('a liquidation price after the order, which comes unrounded, shows the decimals the position’s own prices show, rounded towards the mark', () => {
    const sample = accountViewSample();
    const [btc, eth] = sample.positions as [PositionCheck, PositionCheck];
    const positions = [
      { ...btc, afterOrder: { long: '57718.63917204', short: '44440.2999' } },
      { ...eth, afterOrder: { long: '4732.164', short: '4901.2' } },
      { symbol: 'DOGEUSDT', side: 'short' as const, marginMode: 'cross' as const, venueLiquidationPrice: null, ours: null, verdict: null, reason: 'none shown', afterOrder: { long: '0.356676805123' } },
    ];
    const { container } = render(<AccountPositions account={{ ...sample, positions }} locale="en-US" sides={['long', 'short']} />);
    const after = [...container.querySelectorAll('[data-liqguard="after-order"]')].map((e) => [e.getAttribute('data-value'), e.textContent]);
    expect(after).toEqual([
      // BTCUSDT long: the venue shows two decimals; a long's liquidation is below the mark, so up.
      ['57718.63917204', '57,718.64'],
      ['44440.2999', '44,440.30'],
      // ETHUSDT short (venue 4950, LiqGuard 4828.66): two decimals; a short's liquidation is above the mark, so down.
      ['4732.164', '4,732.16'],
      ['4901.2', '4,901.20'],
      // No figure to take decimals from: ten significant digits at most.
      ['0.356676805123', '0.3566768051'],
    ]);
  });
});
