// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readCurrent, readFixture } from '../../../test/helpers/fixture-cases';

/**
 * A hostile page cannot make a read cost seconds per keystroke by filling the form with inputs: the
 * DOM work of one read (visibility checks and ancestor lookups, counted here, not timed) stays the
 * same whether the form holds a thousand extra inputs or ten thousand, and the order is read the same.
 */
// Gate's form is read by meaning (labels and the unit beside the size box), the path a flood of inputs hits hardest.
const URL_ = 'https://www.gate.com/futures/USDT/BTC_USDT';

type Counted = { checkVisibility?: (o?: object) => boolean; closest: (s: string) => Element | null };
const proto = Element.prototype as unknown as Counted;
const original = { checkVisibility: proto.checkVisibility, closest: proto.closest };
afterEach(() => {
  proto.checkVisibility = original.checkVisibility;
  proto.closest = original.closest;
});

/** The DOM calls one read makes on the fixture with `extra` unlabelled inputs inside its form. */
function readWith(extra: number): { calls: number; read: ReturnType<typeof readCurrent> } {
  readFixture('gate/limit-cross.html', URL_);
  const form = document.querySelector('[data-fx-app]') as HTMLElement;
  const flood = document.createElement('div');
  // One row of the form, as a hostile or broken page might render it: the size row's own container.
  const sizeRow = (document.querySelector('input[placeholder="Size"]') as HTMLElement).parentElement as HTMLElement;
  for (let i = 0; i < extra; i++) {
    const input = document.createElement('input');
    input.type = 'text';
    flood.append(input);
  }
  sizeRow.append(flood.cloneNode(true));
  form.append(flood);
  let calls = 0;
  proto.checkVisibility = function (this: Element) {
    calls++;
    return true;
  };
  proto.closest = function (this: Element, s: string) {
    calls++;
    return original.closest.call(this, s);
  };
  const read = readCurrent(URL_);
  proto.checkVisibility = original.checkVisibility;
  proto.closest = original.closest;
  return { calls, read };
}

describe('DOM work per read is bounded', () => {
  it('10,000 extra inputs in the form cost no more visibility checks than 1,000, and the order reads the same', () => {
    const small = readWith(1_000);
    const large = readWith(10_000);
    expect(small.read.kind).not.toBe('no-form');
    expect(large.read.kind).toBe(small.read.kind);
    if (small.read.kind !== 'no-form' && large.read.kind !== 'no-form') {
      expect(large.read.snapshot.price).toEqual(small.read.snapshot.price);
      expect(large.read.snapshot.quantity).toEqual(small.read.snapshot.quantity);
      expect(large.read.snapshot.leverage).toEqual(small.read.snapshot.leverage);
    }
    // Bounded, not proportional: at most the per-anchor cap's worth more (300 candidates), never 9,000 more.
    expect(large.calls).toBeLessThanOrEqual(small.calls + 300);
    console.log(`[dom bounds] one read: ${small.calls} DOM calls with 1,000 extra inputs, ${large.calls} with 10,000`);
  }, 120_000);
});
