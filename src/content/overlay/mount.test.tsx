// @vitest-environment happy-dom
import { options, type VNode } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assessed, sideFigures } from '../../../test/helpers/overlay-states';
import { accountViewSample } from '../../../test/helpers/account-views';
import type { PositionCheck } from '../../shared/account-snapshot';
import { userInput } from '../../../test/helpers/trusted-events';
import { mountOverlay, shadowOf, type MountState, type OverlayHandle } from './mount';
import { Overlay, type OverlayActions, type OverlayView } from './Overlay';

/** Preact renders of the card (one per diff of `<Overlay>`), counted through Preact's own hook. */
let renders = 0;
/** Renders of the open positions in the account list, and of the venue's policy. */
let positions = 0;
let policies = 0;
const previous = options.diffed;
beforeEach(() => {
  renders = positions = policies = 0;
  options.diffed = (vnode: VNode) => {
    if (vnode.type === Overlay) renders++;
    if (typeof vnode.type === 'function' && vnode.type.name === 'Position') positions++;
    if (typeof vnode.type === 'function' && vnode.type.name === 'Policy') policies++;
    previous?.(vnode);
  };
});
let mounted: OverlayHandle | null = null;
afterEach(() => {
  options.diffed = previous;
  mounted?.destroy();
  mounted = null;
  vi.useRealTimers();
});

const noop = () => undefined;
const actions: OverlayActions = { toggle: noop, pick: noop, confirm: noop, openVenue: noop, move: noop, report: noop, closeReport: noop };
const view = (patch: Partial<OverlayView> = {}): OverlayView => ({ state: assessed(), origin: 'background', symbol: 'BTCUSDT', pending: false, picking: null, canPick: false, ...patch });
const initial = (v = view()): MountState => ({ view: v, locale: 'en-US', theme: 'light', collapsed: false, dragged: null, form: { left: 900, top: 100, right: 1200, bottom: 500 }, regions: { books: [], chart: null }, highlight: null });

function mount(state = initial()) {
  mounted = mountOverlay(document, state, actions);
  const root = shadowOf(mounted.host) as ShadowRoot;
  const frame = () => root.querySelector('[data-liqguard="overlay"]');
  // DOM changes inside the closed root, counted as the browser reports them.
  const changes: MutationRecord[] = [];
  const observer = new MutationObserver((r) => void changes.push(...r));
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  const mutations = async () => {
    await Promise.resolve();
    changes.push(...observer.takeRecords());
    return changes.splice(0).length;
  };
  const dimmed = () => root.querySelector('.lg-pending .lg-body') !== null;
  return { handle: mounted, root, frame, mutations, dimmed };
}

describe('overlay redraws per keystroke', () => {
  it('a keystroke answered within 100 ms is one render: aria-busy at once, no dimming, then the answer', async () => {
    vi.useFakeTimers();
    const m = mount();
    const v = m.handle.state().view;
    expect(renders).toBe(1);
    expect(m.frame()?.getAttribute('aria-busy')).toBe('false');

    // The snapshot is sent: the same view, pending, from a read that made new boxes of the same numbers.
    m.handle.update({ view: { ...v, pending: true }, form: { left: 900, top: 100, right: 1200, bottom: 500 }, dragged: null });
    expect(renders).toBe(1);
    expect(m.frame()?.getAttribute('aria-busy')).toBe('true');
    expect(m.dimmed()).toBe(false);
    expect(await m.mutations()).toBe(1); // aria-busy alone

    vi.advanceTimersByTime(60);
    const answer = assessed({ sides: [sideFigures('long', { liquidationPrice: '61000.5' })] });
    m.handle.update({ view: { ...v, state: answer, pending: false } });
    expect(renders).toBe(2);
    expect(m.frame()?.getAttribute('aria-busy')).toBe('false');
    expect(m.root.querySelector('[data-liqguard="liquidation-price"]')?.textContent).toBe('61,000.5');
    vi.advanceTimersByTime(500);
    expect(m.dimmed()).toBe(false);
  });

  it('dims the figures when no answer came within 100 ms, and undims them with the answer', () => {
    vi.useFakeTimers();
    const m = mount();
    const v = m.handle.state().view;
    m.handle.update({ view: { ...v, pending: true } });
    vi.advanceTimersByTime(99);
    expect(m.dimmed()).toBe(false);
    vi.advanceTimersByTime(2);
    expect(m.dimmed()).toBe(true);
    expect(renders).toBe(1);
    m.handle.update({ view: { ...v, state: assessed(), pending: false } });
    expect(m.dimmed()).toBe(false);
    expect(m.frame()?.getAttribute('aria-busy')).toBe('false');
  });

  it('an update that changes nothing drawn is no render and no DOM change; one that does is drawn', async () => {
    const m = mount(initial(view({ account: accountViewSample() })));
    await m.mutations();
    const s = m.handle.state();
    m.handle.update({ ...s, view: { ...s.view }, form: s.form && { ...s.form }, regions: s.regions });
    expect(renders).toBe(1);
    expect(await m.mutations()).toBe(0);
    m.handle.update({ form: { left: 100, top: 100, right: 400, bottom: 500 } });
    expect(renders).toBe(2);
    m.handle.update({ collapsed: true });
    expect(renders).toBe(3);
    expect(m.frame()?.getAttribute('data-collapsed')).toBe('true');
    m.handle.update({ view: { ...m.handle.state().view, pending: true } });
    expect(renders).toBe(3);
    expect(m.frame()?.getAttribute('aria-busy')).toBe('true');
  });
});

describe('the account list in Details', () => {
  it('an answer redraws the open positions it changed, not the others, nor the venue policy', async () => {
    const account = accountViewSample();
    const m = mount(initial(view({ state: assessed({ account }) })));
    userInput();
    m.root.querySelector<HTMLElement>('[data-liqguard-action="details"]')?.click();
    expect(m.root.querySelectorAll('[data-liqguard-position]')).toHaveLength(3);
    await m.mutations();
    positions = policies = 0;
    const [btc, eth, sol] = account.positions as [PositionCheck, PositionCheck, PositionCheck];
    const next = { ...account, positions: [{ ...btc, afterOrder: { long: '57000.1' } }, { ...eth }, { ...sol }] };
    m.handle.update({ view: { ...m.handle.state().view, state: assessed({ account: next }) } });
    expect(positions).toBe(1);
    expect(policies).toBe(0);
    expect(m.root.querySelector('[data-liqguard="after-order"]')?.textContent).toBe('57,000.10');
    // The same figures in another number format are all drawn again.
    m.handle.update({ locale: 'de-DE' });
    expect(positions).toBe(4);
    expect(policies).toBe(1);
    expect(m.root.querySelector('[data-liqguard="after-order"]')?.textContent).toBe('57.000,10');
  });
});
