// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { accountViewSample } from '../../../test/helpers/account-views';
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
      ['short', '4901.2', '→ 4,901.2 after this short order'],
    ]);
    expect(container.querySelector('[data-liqguard="margin-ratio"]')?.textContent).toMatch(/Margin ratio 4\.32% → 6\.1% after the long order, → 3\.9% after the short order/);
  });
});
