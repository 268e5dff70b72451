// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import type { OverlayState } from '../../shared/overlay-state';
import { assessed, sideFigures } from '../../../test/helpers/overlay-states';
import { pageScript, userInput } from '../../../test/helpers/trusted-events';
import type { PageReport } from '../../core/report/types';
import { Overlay, type OverlayActions, type OverlayView } from './Overlay';

beforeEach(userInput);
afterEach(cleanup);

function actions() {
  return {
    toggle: vi.fn(),
    pick: vi.fn(),
    skipPick: vi.fn(),
    cancelPick: vi.fn(),
    confirm: vi.fn(),
    openVenue: vi.fn<(venueId: string) => void>(),
    move: vi.fn<(x: number, y: number, done: boolean) => void>(),
    report: vi.fn(),
    closeReport: vi.fn(),
  } satisfies OverlayActions;
}

function show(state: OverlayState, view: Partial<OverlayView> = {}, opts: { collapsed?: boolean; locale?: string } = {}) {
  const a = actions();
  const r = render(
    <Overlay
      view={{ state, origin: 'background', symbol: 'BTCUSDT', pending: false, picking: null, canPick: true, ...view }}
      locale={opts.locale ?? 'en-US'}
      theme="light"
      collapsed={opts.collapsed ?? false}
      actions={a}
      position={{ x: 10, y: 20 }}
      announcement=""
    />,
  );
  const hook = (field: string) => r.container.querySelector(`[data-liqguard="${field}"]`);
  const all = (field: string) => [...r.container.querySelectorAll(`[data-liqguard="${field}"]`)];
  return { ...r, a, hook, all };
}

describe('overlay states', () => {
  it('idle: shows the message and no figure', () => {
    const { hook } = show({ kind: 'idle', message: 'Type a size.' });
    expect(hook('state')?.textContent).toBe('idle');
    expect(hook('message')?.textContent).toBe('Type a size.');
    expect(hook('liquidation-price')).toBeNull();
  });

  it('unreadable: one element per reason, no figure, and the offer to point at the fields', () => {
    const { hook, all, a, container } = show({ kind: 'unreadable', reasons: [{ code: 'u', field: 'leverage', message: 'Leverage: not found' }, { code: 'u', field: 'price', message: 'Price: “1,234” is ambiguous' }] });
    expect(hook('state')?.textContent).toBe('unreadable');
    expect(all('unreadable-reason').map((e) => e.textContent)).toEqual(['Leverage: not found', 'Price: “1,234” is ambiguous']);
    expect(container.querySelector('[data-liqguard-side]')).toBeNull();
    fireEvent.click(container.querySelector('[data-liqguard-action="pick"]') as Element);
    expect(a.pick).toHaveBeenCalledOnce();
  });

  it('confirm: lists what was found and confirms in one click', () => {
    const { all, a, container } = show({ kind: 'confirm', found: [{ code: 'found', field: 'quantity', message: 'Size: 0.25 BTC' }] });
    expect(all('found').map((e) => e.textContent)).toEqual(['Size: 0.25 BTC']);
    fireEvent.click(container.querySelector('[data-liqguard-action="confirm"]') as Element);
    expect(a.confirm).toHaveBeenCalledOnce();
  });

  it('error: shows the message', () => {
    const { hook } = show({ kind: 'error', message: "LiqGuard's calculator did not answer." });
    expect(hook('state')?.textContent).toBe('error');
    expect(hook('message')?.textContent).toBe("LiqGuard's calculator did not answer.");
  });

  it('assessed: every figure formatted, with its exact decimal string, severity in words', () => {
    const { hook } = show(assessed());
    expect(hook('state')?.textContent).toBe('assessed');
    const lp = hook('liquidation-price');
    expect(lp?.textContent).toBe('61,234.5');
    expect(lp?.getAttribute('data-value')).toBe('61234.5');
    expect(hook('distance-percent')?.textContent).toBe('5.81%');
    expect(hook('distance-percent')?.getAttribute('data-value')).toBe('5.81');
    expect(hook('distance-price')?.textContent).toBe('3,775.8');
    expect(hook('loss-at-liquidation')?.getAttribute('data-value')).toBe('943.95');
    expect(hook('severity')?.textContent).toBe('Danger');
    expect(hook('severity')?.getAttribute('data-value')).toBe('danger');
    expect(hook('margin-at-risk')?.parentElement?.textContent).toMatch(/812\.56 USDT \(this position’s isolated margin\)/);
    expect(hook('touch-probability')).toBeNull();
    expect(hook('nbp-verdict')?.textContent).toBe('Only if the insurance fund and auto-deleveraging both fail');
    expect(hook('nbp-verdict')?.getAttribute('data-value')).toBe('only-if-fund-and-adl-fail');
  });

  it('formats in the trader’s locale', () => {
    const { hook } = show(assessed(), {}, { locale: 'de-DE' });
    expect(hook('liquidation-price')?.textContent).toBe('61.234,5');
    expect(hook('liquidation-price')?.getAttribute('data-value')).toBe('61234.5');
  });

  it('cross margin: says the whole cross wallet backs the position', () => {
    const { hook } = show(assessed({ sides: [sideFigures('long', { marginAtRisk: { amount: '1250.75', scope: 'cross-wallet' } })] }));
    expect(hook('margin-at-risk')?.parentElement?.textContent).toContain('Your whole cross wallet of 1,250.75 USDT backs this position.');
    expect(hook('margin-at-risk')?.getAttribute('data-value')).toBe('1250.75');
  });

  it('two sides: both shown, the active one first, each in its own container', () => {
    const state = assessed({ sides: [sideFigures('long'), sideFigures('short', { touchProbability24h: '0.125' })] });
    const first = show(state, { activeSide: 'short' });
    const sides = [...first.container.querySelectorAll('[data-liqguard-side]')];
    expect(sides.map((s) => s.getAttribute('data-liqguard-side'))).toEqual(['short', 'long']);
    expect(sides[0]?.querySelector('[data-liqguard="liquidation-price"]')?.getAttribute('data-value')).toBe('68890.25');
    expect(sides[0]?.querySelector('[data-liqguard="touch-probability"]')?.textContent).toBe('12.5%');
    expect(sides[1]?.querySelector('[data-liqguard="liquidation-price"]')?.getAttribute('data-value')).toBe('61234.5');
    first.unmount();
    const second = show(state, { activeSide: 'long' });
    expect([...second.container.querySelectorAll('[data-liqguard-side]')].map((s) => s.getAttribute('data-liqguard-side'))).toEqual(['long', 'short']);
  });

  it('a position that cannot be liquidated shows none, with the reason', () => {
    const { hook } = show(assessed({ sides: [sideFigures('long', { liquidationPrice: null, liquidationNullReason: 'A 1x long cannot be liquidated above zero.' })] }));
    expect(hook('liquidation-price')?.textContent).toBe('none');
    expect(hook('liquidation-price')?.hasAttribute('data-value')).toBe(false);
    expect(hook('liquidation-price')?.parentElement?.textContent).toContain('A 1x long cannot be liquidated above zero.');
  });

  it('the venue link asks the background to open the venue view', () => {
    const { a, container } = show(assessed());
    const link = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Venue details in LiqGuard');
    fireEvent.click(link as Element);
    expect(a.openVenue).toHaveBeenCalledWith('binance-usdm');
  });

  it('assumptions and warnings sit in one expandable list, without duplicates', () => {
    const state = assessed({ sides: [sideFigures('long'), sideFigures('short')], warnings: [{ code: 'stale', message: 'Tier table is 21 days old.' }] });
    const { hook } = show(state);
    const list = hook('assumptions');
    expect(list?.tagName.toLowerCase()).toBe('details');
    expect(list?.querySelector('summary')?.textContent).toBe('Assumptions and warnings (3)');
    expect([...(list?.querySelectorAll('li') ?? [])].map((l) => l.textContent)).toEqual(['Other positions frozen at mark.', 'Tier table is 21 days old.', 'Taker fee 0.05% included at entry and at liquidation.']);
  });

  it('renders page-supplied strings as text, never as markup', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { container, hook } = show({ kind: 'unreadable', reasons: [{ code: 'u', field: 'symbol', message: `Symbol: “${evil}” is not an instrument name` }] }, { symbol: evil });
    expect(container.querySelectorAll('img, script').length).toBe(0);
    expect(hook('unreadable-reason')?.textContent).toContain(evil);
    expect(hook('symbol')?.textContent).toBe(evil);
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('collapsed: a pill button with the worst severity, keyboard-operable', () => {
    const { container, a, hook } = show(assessed({ sides: [sideFigures('long', { severity: 'ok' }), sideFigures('short', { severity: 'critical' })] }), {}, { collapsed: true });
    const pill = container.querySelector('[data-liqguard-action="toggle"]') as HTMLButtonElement;
    expect(pill.tagName.toLowerCase()).toBe('button');
    expect(pill.getAttribute('aria-expanded')).toBe('false');
    expect(pill.textContent).toContain('Critical');
    expect(hook('symbol')?.textContent).toBe('BTCUSDT');
    fireEvent.click(pill);
    expect(a.toggle).toHaveBeenCalledOnce();
  });

  it('moves with the arrow keys', () => {
    const { container, a } = show({ kind: 'idle', message: '' });
    const handle = container.querySelector('[data-liqguard-action="move"]') as Element;
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    fireEvent.keyDown(handle, { key: 'ArrowDown', shiftKey: true });
    expect(a.move.mock.calls).toEqual([
      [22, 20, true],
      [10, 68, true],
    ]);
  });

  it('picking: tells which field to click, with skip and cancel', () => {
    const { container, a, hook } = show({ kind: 'unreadable', reasons: [] }, { picking: { field: 'quantity', step: 2, total: 3 } });
    expect(hook('picker')?.textContent).toContain('Click the size (quantity) field (2 of 3)');
    fireEvent.click(container.querySelector('[data-liqguard-action="skip"]') as Element);
    fireEvent.click(container.querySelector('[data-liqguard-action="cancel"]') as Element);
    expect(a.skipPick).toHaveBeenCalledOnce();
    expect(a.cancelPick).toHaveBeenCalledOnce();
  });
});

describe('only the trader acts', () => {
  it('ignores synthetic clicks, keys and drags: nothing collapses, moves, confirms, points or opens', () => {
    pageScript();
    const assessedView = show(assessed());
    const link = [...assessedView.container.querySelectorAll('button')].find((b) => b.textContent === 'Venue details in LiqGuard') as HTMLButtonElement;
    link.click();
    (assessedView.container.querySelector('[data-liqguard-action="toggle"]') as HTMLButtonElement).click();
    const handle = assessedView.container.querySelector('[data-liqguard-action="move"]') as Element;
    for (let i = 0; i < 200; i++) fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    fireEvent.pointerDown(handle, { button: 0, pointerId: 1, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(handle, { pointerId: 1, clientX: 900, clientY: 900 });
    fireEvent.pointerUp(handle, { pointerId: 1, clientX: 900, clientY: 900 });
    const confirmView = show({ kind: 'confirm', found: [{ code: 'found', field: 'quantity', message: 'Size: 0.25 BTC' }] });
    (confirmView.container.querySelector('[data-liqguard-action="confirm"]') as HTMLButtonElement).click();
    (confirmView.container.querySelector('[data-liqguard-action="pick"]') as HTMLButtonElement).click();
    for (const a of [assessedView.a, confirmView.a]) {
      expect(a.openVenue).not.toHaveBeenCalled();
      expect(a.toggle).not.toHaveBeenCalled();
      expect(a.move).not.toHaveBeenCalled();
      expect(a.confirm).not.toHaveBeenCalled();
      expect(a.pick).not.toHaveBeenCalled();
    }
    // The same clicks from the trader act.
    userInput();
    (confirmView.container.querySelector('[data-liqguard-action="confirm"]') as HTMLButtonElement).click();
    expect(confirmView.a.confirm).toHaveBeenCalledOnce();
  });
});

describe('severity reasons', () => {
  it('sit behind a "Why" per side, in words', () => {
    const { container } = show(assessed());
    const why = container.querySelector('[data-liqguard-side="long"] [data-liqguard="severity-reasons"]');
    expect(why?.querySelector('summary')?.textContent).toBe('Why “Danger”');
    expect(why?.textContent).toContain('Liquidation is within 7% of the mark price.');
  });
});

describe('report this page', () => {
  const report: PageReport = {
    liqguardPageReport: 1,
    meta: { extension: '0.1.0', browser: 'Chrome 131', date: '2026-12-01', viewport: '1280x720' },
    page: { venue: 'binance', adapter: 'binance-usdm', origin: 'https://www.binance.com', path: '/en/futures/BTCUSDT', symbol: 'BTCUSDT', language: 'en', title: '' },
    read: { kind: 'unreadable', confidence: 'adapter', fields: {}, notes: [] },
    overlay: null,
    anchors: {},
    snapshot: ['<body>', '</body>'],
    cut: false,
  };
  const button = (c: Element) => c.querySelector('[data-liqguard-action="report-page"]');

  it('stands out when there is no figure or the page contradicts what was read, and is a quiet link otherwise', () => {
    const unreadable = show({ kind: 'unreadable', reasons: [{ code: 'u', field: 'leverage', message: 'Leverage: not found' }] }, { origin: 'local' });
    expect(button(unreadable.container)?.className).toBe('lg-btn');
    const error = show({ kind: 'error', message: 'LiqGuard could not read this page.' }, { origin: 'local' });
    expect(button(error.container)?.className).toBe('lg-btn');
    const withheld = show({ kind: 'unreadable', reasons: [{ code: 'withheld', field: 'quantity', message: 'Size: the page’s Cost contradicts it' }], withheld: true });
    expect(button(withheld.container)?.className).toBe('lg-btn');
    // The background's refusal for want of market data is no page problem.
    const noSpec = show({ kind: 'unreadable', reasons: [{ code: 'no-contract-spec', field: 'contractSize', message: 'Contract size: unknown' }] }, { origin: 'background' });
    expect(button(noSpec.container)?.className).toBe('lg-link lg-quiet');
    const contradicted = show({ ...assessed(), checks: [{ code: 'cost', fields: ['quantity'], result: 'disagrees', message: 'Cost differs' }] });
    expect(button(contradicted.container)?.className).toBe('lg-btn');
    const fine = show(assessed());
    expect(button(fine.container)?.className).toBe('lg-link lg-quiet');
    expect(button(show({ kind: 'idle', message: 'Type a size.' }).container)).not.toBeNull();
    expect(button(show(assessed(), {}, { collapsed: true }).container)).toBeNull();
    fireEvent.click(button(fine.container) as Element);
    expect(fine.a.report).toHaveBeenCalledOnce();
  });

  it('shows the report in place of the figures, and closes', () => {
    const v = show(assessed(), { report });
    expect(v.hook('page-report')).not.toBeNull();
    expect(v.container.querySelector('[data-liqguard-side]')).toBeNull();
    expect((v.hook('page-report-text') as HTMLTextAreaElement).value).toContain('"adapter": "binance-usdm"');
    fireEvent.click(v.container.querySelector('[data-liqguard-action="report-close"]') as Element);
    expect(v.a.closeReport).toHaveBeenCalledOnce();
  });

  it('a page script can neither open the report nor act in it', () => {
    pageScript();
    const v = show(assessed());
    (button(v.container) as HTMLButtonElement).click();
    expect(v.a.report).not.toHaveBeenCalled();
    const open = show(assessed(), { report });
    (open.container.querySelector('[data-liqguard-action="report-close"]') as HTMLButtonElement).click();
    expect(open.a.closeReport).not.toHaveBeenCalled();
  });
});
