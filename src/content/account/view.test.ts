import { describe, expect, it } from 'vitest';
import { accountViewSample } from '../../../test/helpers/account-views';
import { parseAccountView } from './view';

describe('parseAccountView', () => {
  it('accepts the background’s view as it is sent', () => {
    const v = accountViewSample();
    expect(parseAccountView(JSON.parse(JSON.stringify(v)))).toEqual(v);
    expect(parseAccountView({ ...v, wallet: null, marginRatio: null, positions: [], warnings: [] })).not.toBeNull();
  });

  it.each([
    ['not an object', 'view'],
    ['a figure that is not a decimal string', { positions: [{ ...accountViewSample().positions[0], ours: 'NaN' }] }],
    ['an after-order price that is a number', { positions: [{ ...accountViewSample().positions[0], afterOrder: { long: 5 } }] }],
    ['an after-order that is not an object', { positions: [{ ...accountViewSample().positions[0], afterOrder: 'long' }] }],
    ['a warning whose message is not text', { warnings: [{ code: 'x', message: { html: '<b>' } }] }],
    ['a wallet of Infinity', { wallet: { value: 'Infinity', asset: 'USDT', from: 'x' } }],
    ['a margin ratio without its after-order part', { marginRatio: { now: '4', venue: null } }],
    ['no positions list', { positions: undefined }],
  ])('refuses %s', (_what, patch) => {
    expect(parseAccountView(typeof patch === 'string' ? patch : { ...accountViewSample(), ...patch })).toBeNull();
  });
});
