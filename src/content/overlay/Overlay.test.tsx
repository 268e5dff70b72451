// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import type { Note, OverlayState, SideFigures } from '../../shared/overlay-state';
import { assessed, sideFigures } from '../../../test/helpers/overlay-states';
import { pageScript, userInput } from '../../../test/helpers/trusted-events';
import type { PageReport } from '../../core/report/types';
import fc from 'fast-check';
import { reportSlot } from '../on-demand';
import { leadOf, Overlay, splitWarnings, trusted, type OverlayActions, type OverlayView } from './Overlay';
import { accountViewSample } from '../../../test/helpers/account-views';

beforeEach(userInput);
afterEach(cleanup);

function actions() {
  return {
    toggle: vi.fn(),
    pick: vi.fn(),
    confirm: vi.fn(),
    openVenue: vi.fn<(venueId: string) => void>(),
    move: vi.fn<(x: number, y: number, done: boolean) => void>(),
    report: vi.fn(),
    closeReport: vi.fn(),
    details: vi.fn(),
    chooseMarginMode: vi.fn<(mode: 'cross' | 'isolated') => void>(),
    openCalculator: vi.fn(),
  } satisfies OverlayActions;
}

function show(state: OverlayState, view: Partial<OverlayView> = {}, opts: { collapsed?: boolean; locale?: string; details?: boolean } = {}) {
  const a = actions();
  const r = render(
    <Overlay
      view={{ state, origin: 'background', symbol: 'BTCUSDT', pending: false, picking: null, canPick: true, ...view }}
      locale={opts.locale ?? 'en-US'}
      theme="light"
      collapsed={opts.collapsed ?? false}
      detailsOpen={opts.details ?? false}
      actions={a}
      position={{ x: 10, y: 20 }}
      announcement=""
    />,
  );
  const hook = (field: string) => r.container.querySelector(`[data-liqguard="${field}"]`);
  const all = (field: string) => [...r.container.querySelectorAll(`[data-liqguard="${field}"]`)];
  const action = (name: string) => r.container.querySelector(`[data-liqguard-action="${name}"]`) as HTMLElement | null;
  return { ...r, a, hook, all, action };
}

const withLoss = (f: SideFigures, amount: string, basis: string) => ({ ...f, lossIfLiquidated: { amount, basis } }) as SideFigures;

describe('overlay states', () => {
  it('idle: shows the message and no figure', () => {
    const { hook } = show({ kind: 'idle', message: 'Type a size.' });
    expect(hook('state')?.textContent).toBe('idle');
    expect(hook('message')?.textContent).toBe('Type a size.');
    expect(hook('liquidation-price')).toBeNull();
  });

  it('idle with an account read: its self-check mismatch above the fold, in the trader’s number format, and the positions under the message', () => {
    const { all, hook, container } = show({ kind: 'idle', message: 'Type a size.' }, { account: accountViewSample() });
    expect(all('warning').map((w) => [w.getAttribute('data-code'), w.textContent])).toEqual([['self-check-mismatch', expect.stringMatching(/^ETHUSDT short: Binance liq\. 4,950, LiqGuard 4,828\.66/)]]);
    expect(all('warning')[0]?.closest('details, [data-liqguard="details"]')).toBeNull();
    expect(hook('message')?.textContent).toBe('Type a size.');
    expect(container.querySelectorAll('[data-liqguard-position]')).toHaveLength(3);
    // Nothing to warn about: no empty list.
    expect(show({ kind: 'idle', message: 'Type a size.' }, { account: accountViewSample({ warnings: [] }) }).all('warning')).toHaveLength(0);
  });

  it('unreadable: one element per reason, no figure, and the offers that fix it', () => {
    const { hook, all, a, container, action } = show({ kind: 'unreadable', reasons: [{ code: 'u', field: 'leverage', message: 'Leverage: not found' }, { code: 'u', field: 'price', message: 'Price: “1,234” is ambiguous' }] });
    expect(hook('state')?.textContent).toBe('unreadable');
    expect(all('unreadable-reason').map((e) => e.textContent)).toEqual(['Leverage: not found', 'Price: “1,234” is ambiguous']);
    expect(container.querySelector('[data-liqguard-side]')).toBeNull();
    fireEvent.click(action('pick') as Element);
    expect(a.pick).toHaveBeenCalledOnce();
    fireEvent.click(action('calculator') as Element);
    expect(a.openCalculator).toHaveBeenCalledOnce();
    // No margin-mode buttons unless the margin mode is what is missing.
    expect(action('margin-cross')).toBeNull();
  });

  it('unreadable margin mode: Cross and Isolated buttons say which it is', () => {
    const { a, action } = show({ kind: 'unreadable', reasons: [{ code: 'u', field: 'marginMode', message: 'Margin mode: not found on the page' }] });
    fireEvent.click(action('margin-isolated') as Element);
    expect(a.chooseMarginMode).toHaveBeenCalledWith('isolated');
  });

  it('confirm: lists what was found exactly as read and confirms in one click', () => {
    const { all, a, action } = show({ kind: 'confirm', found: [{ code: 'found', field: 'quantity', message: 'Size: 0.25 BTC' }, { code: 'found', field: 'price', message: 'Price: 65000.5' }] }, {}, { locale: 'de-DE' });
    expect(all('found').map((e) => e.textContent)).toEqual(['Size: 0.25 BTC', 'Price: 65000.5']);
    fireEvent.click(action('confirm') as Element);
    expect(a.confirm).toHaveBeenCalledOnce();
  });

  it('error: shows the message', () => {
    const { hook } = show({ kind: 'error', message: "LiqGuard's calculator did not answer." });
    expect(hook('state')?.textContent).toBe('error');
    expect(hook('message')?.textContent).toBe("LiqGuard's calculator did not answer.");
  });
});

describe('the compact card', () => {
  it('one row per side: severity in words, liquidation price with its unit, the signed move in % and in price', () => {
    const { hook, container } = show(assessed());
    expect(hook('state')?.textContent).toBe('assessed');
    const lp = hook('liquidation-price');
    expect(lp?.textContent).toBe('61,234.5');
    expect(lp?.getAttribute('data-value')).toBe('61234.5');
    expect(lp?.parentElement?.textContent).toBe('liq. 61,234.5 USDT');
    // A long is liquidated below the mark: the move is down.
    expect(hook('distance-percent')?.textContent).toBe('−5.81%');
    expect(hook('distance-percent')?.getAttribute('data-value')).toBe('5.81');
    expect(hook('distance-price')?.textContent).toBe('−3,775.8 USDT');
    expect(hook('severity')?.textContent).toBe('Danger');
    expect(hook('severity')?.getAttribute('data-value')).toBe('danger');
    // Money, the policy answer and the assumptions wait behind Details.
    expect(hook('margin-at-risk')).toBeNull();
    expect(hook('nbp-verdict')).toBeNull();
    expect(hook('assumptions')).toBeNull();
    expect(container.querySelector('[data-liqguard-action="details"]')?.textContent).toBe('Details');
  });

  it('a short moves up; the tick sets the decimals; the German format throughout', () => {
    const { container } = show(assessed({ sides: [sideFigures('long'), sideFigures('short', { raw: { tick: '0.01' } as SideFigures['raw'] })] }), {}, { locale: 'de-DE' });
    const short = container.querySelector('[data-liqguard-side="short"]');
    expect(short?.querySelector('[data-liqguard="liquidation-price"]')?.textContent).toBe('68.890,25');
    expect(short?.querySelector('[data-liqguard="distance-percent"]')?.textContent).toBe('+5,97\u00a0%');
    expect(short?.querySelector('[data-liqguard="distance-price"]')?.textContent).toBe('+3.879,95 USDT');
  });

  it('takes the tick from the page’s copy of an answer, which carries it without the unrounded figures', () => {
    const { container } = show(assessed({ sides: [sideFigures('long'), sideFigures('short', { tick: '0.01' })] }), {}, { locale: 'de-DE' });
    const short = container.querySelector('[data-liqguard-side="short"]');
    expect(short?.querySelector('[data-liqguard="liquidation-price"]')?.textContent).toBe('68.890,25');
    expect(short?.querySelector('[data-liqguard="distance-price"]')?.textContent).toBe('+3.879,95 USDT');
  });

  it('says the distance is from the order’s own price when the engine measured it from there', () => {
    const fill = show(assessed({ sides: [sideFigures('long', { distanceFrom: 'fill' })] }));
    expect(fill.hook('distance-from')?.textContent).toBe('from your price, not the mark');
    // From the mark, the card's default, no extra line.
    expect(show(assessed()).container.querySelector('[data-liqguard="distance-from"]')).toBeNull();
  });

  it('says the figure matches the venue’s own estimate where the page shows one; a gap stays a warning, never this line', () => {
    const matches = show(assessed({ sides: [sideFigures('long', { venueEstimate: { venue: 'Bitget', price: '58744.2', gap: '35.4', gapPercent: '0.06', matches: true } })] }));
    expect(matches.hook('venue-estimate')?.textContent).toBe('matches Bitget’s estimate');
    expect(matches.hook('venue-estimate')?.getAttribute('data-value')).toBe('58744.2');
    const differs = show(assessed({ sides: [sideFigures('long', { venueEstimate: { venue: 'Bitget', price: '61681.5', gap: '-2937.2', gapPercent: '-4.76', matches: false } })] }));
    expect(differs.container.querySelector('[data-liqguard="venue-estimate"]')).toBeNull();
    expect(show(assessed()).container.querySelector('[data-liqguard="venue-estimate"]')).toBeNull();
  });

  it('a bar of the distance against the thresholds, when the background sends them', () => {
    const { container } = show(assessed({ distanceThresholds: { caution: '15', danger: '7', critical: '3' } }));
    const bar = container.querySelector('.lg-bar') as HTMLElement | null;
    expect(bar?.getAttribute('aria-hidden')).toBe('true');
    // 5.81 % of a 30 % scale.
    expect((bar?.querySelector('.lg-bar-mark') as HTMLElement | null)?.style.left).toBe('19.4%');
  });

  it('two sides: the active one first and marked, each in its own container', () => {
    const state = assessed({ sides: [sideFigures('long'), sideFigures('short')] });
    const first = show(state, { activeSide: 'short' });
    const sides = [...first.container.querySelectorAll('[data-liqguard-side]')];
    expect(sides.map((s) => s.getAttribute('data-liqguard-side'))).toEqual(['short', 'long']);
    expect(sides[0]?.getAttribute('aria-current')).toBe('true');
    expect(sides[1]?.hasAttribute('aria-current')).toBe(false);
    first.unmount();
    const second = show(state, { activeSide: 'long' });
    expect([...second.container.querySelectorAll('[data-liqguard-side]')].map((s) => s.getAttribute('data-liqguard-side'))).toEqual(['long', 'short']);
  });

  it('no liquidation price: a neutral level, no figure, and why', () => {
    const { hook } = show(assessed({ sides: [sideFigures('long', { liquidationPrice: null, distancePercent: null, distancePrice: null, severity: 'none' as SideFigures['severity'], liquidationNullReason: 'A 1x long cannot be liquidated above zero.' })] }));
    // Said once, by the severity word; the figure is an empty dash with no value.
    expect(hook('liquidation-price')?.textContent).toBe('—');
    expect(hook('liquidation-price')?.hasAttribute('data-value')).toBe(false);
    expect(hook('severity')?.textContent).toBe('No liquidation price');
    // One clipped line in the row; the whole sentence again in Details.
    expect(hook('liquidation-null-reason')?.textContent).toBe('A 1x long cannot be liquidated above zero.');
    expect(hook('distance-percent')).toBeNull();
  });

  it('keeps two kinds of warning in Details: the note on a Details figure, and the table said twice', () => {
    const age = { code: 'tier-table-old', message: 'The tier table is from 2024-10-24 (773 days old).' };
    const source = { code: 'tier-table-source', message: 'Bundled tier table for binance-usdm BTCUSDT, dated 2024-10-24. The tier table is from 2024-10-24 (773 days old).' };
    const worst = { code: 'loss-is-worst-move', message: 'There is no liquidation price, so the loss shown is the worst move.' };
    const refused = { code: 'order-exceeds-balance', message: 'The venue would refuse it.' };
    // Details lists each warning in full once: the source line already quotes the age, so the age is not said twice there.
    expect(splitWarnings([source, worst, age, refused])).toEqual({ shown: [age, refused], more: [source, worst], full: [source, worst, refused] });
    // Without the age warning, the source line is the only place the table's state is said: it stays up.
    expect(splitWarnings([source, worst])).toEqual({ shown: [source], more: [worst], full: [source, worst] });
    // An undated table is said once above the fold too, by the engine's warning; the source line waits in Details.
    const undated = { code: 'tier-table-undated', message: 'The tier table has no readable capture date; treat its numbers as unverified.' };
    const undatedSource = { code: 'tier-table-source', message: `Bundled tier table for binance-usdm BTCUSDT, undated. ${undated.message}` };
    expect(splitWarnings([undatedSource, undated, refused])).toEqual({ shown: [undated, refused], more: [undatedSource], full: [undatedSource, refused] });
    // The table's age stands above the fold even when other warnings came first: it says whether the figure holds.
    const month = { code: 'tier-table-age', message: 'The tier table is from 2026-09-16 (81 days old); brackets may have changed.' };
    const fromMark = { code: 'entry-from-mark', message: 'The entry is the mark.' };
    expect(splitWarnings([fromMark, refused, month])).toMatchObject({ shown: [fromMark, month], more: [refused] });
    // A table past 30 days whose source line names the same date: the age stands above, the source waits in Details
    // (both above made the card taller than 260 px); Details keeps both, since the source line does not say the age.
    const monthSource = { code: 'tier-table-source', message: 'Bundled tier table for Binance USDⓈ-M BTCUSDT, dated 2026-09-16.' };
    expect(splitWarnings([monthSource, month])).toEqual({ shown: [month], more: [monthSource], full: [monthSource, month] });
  });

  it('a self-check mismatch above the fold keeps the position, both prices and the gap whole; its cause is in Details', () => {
    const note = accountViewSample().warnings[0] as Note;
    const { all } = show(assessed({ warnings: [note] }));
    expect(all('warning')[0]?.textContent).toMatch(/^ETHUSDT short: Binance liq\. 4,950, LiqGuard 4,828\.66 \([-−]2\.45 ?%\)\. …$/);
  });

  it('never folds a self-check mismatch into Details, however many there are', () => {
    const mismatch = (s: string) => ({ code: 'self-check-mismatch', field: s, message: `${s}: the venue shows liquidation at 4950, LiqGuard 4828.66.` });
    const [eth, btc, sol] = [mismatch('ETHUSDT short'), mismatch('BTCUSDT long'), mismatch('SOLUSDT long')];
    const caveat = { code: 'self-check-caveat', message: 'This order’s figures rest on the same account.' };
    const refused = { code: 'order-exceeds-balance', message: 'The venue would refuse it.' };
    expect(splitWarnings([eth, btc, sol, caveat, refused])).toEqual({ shown: [eth, btc, sol], more: [caveat, refused], full: [eth, btc, sol, caveat, refused] });
    expect(splitWarnings([refused, eth, caveat])).toEqual({ shown: [eth, refused], more: [caveat], full: [refused, eth, caveat] });
  });

  it('warnings stand above the fold, in the trader’s number format, cut only between clauses; Details has them in full', () => {
    // The engine's own sentences (src/core/assessment/assess-snapshot.ts, src/core/engine/table-age.ts).
    const warnings = [
      { code: 'order-exceeds-balance', message: 'The venue would refuse this order or cut it down: it needs about 1998.77 USDT of margin and opening fee, and the page shows 1,250.75 USDT available. The figures are for the order as typed.' },
      { code: 'tier-table-old', message: 'The tier table is from 2024-10-24 (773 days old); the venue has very likely changed its brackets since. The maintenance rate may be out of date.' },
      { code: 'self-check', message: 'The venue shows a liquidation price 2.1 % away from LiqGuard’s.' },
    ];
    const closed = show(assessed({ warnings }), {}, { locale: 'de-DE' });
    expect(closed.all('warning').map((w) => w.getAttribute('data-code'))).toEqual(['order-exceeds-balance', 'tier-table-old']);
    expect(closed.all('warning').map((w) => w.textContent)).toEqual(['The venue would refuse this order or cut it down …', 'The tier table is from 2024-10-24 (773 days old) …']);
    expect(closed.action('details')?.textContent).toBe('Details · 1 more warning');
    fireEvent.click(closed.action('details') as Element);
    expect(closed.a.details).toHaveBeenCalledOnce();
    closed.unmount();
    const open = show(assessed({ warnings }), {}, { locale: 'de-DE', details: true });
    const inDetails = [...open.container.querySelectorAll('[data-liqguard="details"] [data-liqguard="warning"]')];
    expect(inDetails.map((w) => w.getAttribute('data-code'))).toEqual(['order-exceeds-balance', 'tier-table-old', 'self-check']);
    expect(inDetails[0]?.textContent).toContain('1.998,77 USDT');
    expect(inDetails[0]?.textContent).toContain('1.250,75 USDT');
    expect(inDetails[2]?.textContent).toContain('2,1\u00a0%');
  });

  it('a warning’s start: whole clauses, else whole words, up to two lines; never a figure cut in half (property)', () => {
    expect(leadOf('Short warning.')).toBe('Short warning.');
    // One long clause: whole words, and not a number whose unit would be cut off.
    const long = 'The long order needs about 1.633,39 USDT of margin and opening fee, more than the 1.250,75 USDT available on the page: the venue would refuse it.';
    expect(leadOf(long)).toBe('The long order needs about 1.633,39 USDT of margin and opening fee, more …');
    expect(leadOf('LiqGuard’s liquidation price 60,756.962 and Hyperliquid’s estimate 60,238.5 differ by 518.462 (0.86%).')).toBe('LiqGuard’s liquidation price 60,756.962 and Hyperliquid’s estimate …');
    // The venue-estimate warning leads with the venue's figure and the gap, so its first lines carry both.
    expect(leadOf('Hyperliquid’s estimate 60,238.5 is 518.462 (0.86 %) from LiqGuard’s liquidation price 60,756.962: Hyperliquid counts the whole cross account (other positions, unrealised profit), which LiqGuard does not read.')).toBe('Hyperliquid’s estimate 60,238.5 is 518.462 (0.86 %) from LiqGuard’s …');
    expect(leadOf('No margin: 0.5 BTC at 61,234.5 USDT is the whole position. One more sentence here to pass two lines.')).toBe('No margin: 0.5 BTC at 61,234.5 USDT is the whole position. …');
    // Figures as the formatter writes them in every number format: 1,234.5 · 1.234,5 · 1 234,5 · 1’234.5 · −12 %.
    const figure = fc
      .tuple(fc.integer({ min: -9_999_999, max: 9_999_999 }), fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN'), fc.constantFrom('', ' USDT', '\u00a0%', ' BTC'))
      .map(([n, loc, unit]) => new Intl.NumberFormat(loc, { minimumFractionDigits: 2 }).format(n / 100).replace('-', '−') + unit);
    const clause = fc.tuple(fc.array(fc.constantFrom('the', 'venue', 'would', 'refuse', 'margin', 'needs', 'about'), { minLength: 1, maxLength: 6 }), figure).map(([w, f]) => `${w.join(' ')} ${f}`);
    const text = fc.array(fc.tuple(clause, fc.constantFrom('. ', ': ', '; ', ', ', ' and ')), { minLength: 1, maxLength: 6 }).map((cs) => cs.map(([c, sep]) => c + sep).join('').trim());
    fc.assert(
      fc.property(text, (t) => {
        const lead = leadOf(t);
        if (lead === t) return;
        const kept = lead.replace(/ …$/, '');
        expect(t.startsWith(kept)).toBe(true);
        // Cut at a clause boundary, or between words with no number (and so no unit) left hanging at the end.
        const rest = t.slice(kept.length);
        const atClause = /^[:;] /.test(rest) || (kept.endsWith('.') && rest.startsWith(' '));
        const atWord = t[kept.length] === ' ' && !/\d[^ ]*$/.test(kept);
        expect(atClause || atWord, `${t} → ${lead}`).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(72);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Details', () => {
  it('what a liquidation costs, per the venue’s mechanics: the whole margin as the headline, the loss at the price below', () => {
    const { hook, container } = show(assessed({ sides: [withLoss(sideFigures('long'), '975.16', 'whole-margin')] }), {}, { details: true });
    expect(hook('loss-if-liquidated')?.textContent).toBe('975.16 USDT');
    expect(hook('loss-if-liquidated')?.getAttribute('data-value')).toBe('975.16');
    expect(hook('loss-if-liquidated')?.parentElement?.textContent).toContain('the whole margin plus fees (Binance USDⓈ-M keeps what is left)');
    expect(hook('loss-at-liquidation')?.parentElement?.textContent).toBe('At the liquidation price itself: 943.95 USDT');
    expect(container.textContent).not.toMatch(/binance-usdm/);
  });

  it('no liquidation price: the worst move, never the whole wallet as a loss', () => {
    const { hook } = show(assessed({ sides: [withLoss(sideFigures('long', { liquidationPrice: null, marginAtRisk: { amount: '6996.26', scope: 'cross-wallet' } }), '1950', 'worst-move')] }), {}, { details: true });
    expect(hook('loss-if-liquidated')?.textContent).toBe('1,950.00 USDT');
    expect(hook('loss-if-liquidated')?.parentElement?.textContent).toContain('worst case');
    expect(hook('margin-at-risk')?.parentElement?.textContent).toContain('At risk: your whole cross wallet, 6,996.26 USDT');
  });

  it('before the engine says which loss applies: the loss at the liquidation price, fees included', () => {
    const { hook } = show(assessed(), {}, { details: true });
    expect(hook('loss-at-liquidation')?.parentElement?.textContent).toBe('At the liquidation price itself: 943.95 USDT');
    expect(hook('margin-at-risk')?.parentElement?.textContent).toMatch(/At risk: this position’s isolated margin, 812\.56 USDT/);
  });

  it('the negative-balance answer, the venue link, assumptions once, and the calculator', () => {
    const state = assessed({ sides: [sideFigures('long'), sideFigures('short')] });
    const { hook, all, a, action } = show(state, {}, { details: true });
    expect(hook('nbp-verdict')?.textContent).toBe('Only if the insurance fund and auto-deleveraging both fail');
    expect(hook('nbp-verdict')?.getAttribute('data-value')).toBe('only-if-fund-and-adl-fail');
    fireEvent.click(action('venue') as Element);
    expect(a.openVenue).toHaveBeenCalledWith('binance-usdm');
    // The two sides share one assumption: listed once.
    expect(all('assumption').map((l) => l.textContent)).toEqual(['Other positions frozen at mark.', 'Taker fee 0.05% included at entry and at liquidation.']);
    fireEvent.click(action('calculator') as Element);
    expect(a.openCalculator).toHaveBeenCalledOnce();
  });

  it('severity reasons sit behind a "Why" per side, in words', () => {
    const { container } = show(assessed(), {}, { details: true });
    const why = container.querySelector('[data-liqguard-side-details="long"] [data-liqguard="severity-reasons"]');
    expect(why?.querySelector('summary')?.textContent).toBe('Why “Danger”');
    expect(why?.textContent).toContain('Liquidation is within 7% of the mark price.');
  });
});

describe('the pill and the page', () => {
  it('collapsed: a pill button with the riskiest side’s level and distance, keyboard-operable', () => {
    const { container, a, hook } = show(assessed({ sides: [sideFigures('long', { severity: 'ok' }), sideFigures('short', { severity: 'critical' })] }), {}, { collapsed: true });
    const pill = container.querySelector('[data-liqguard-action="toggle"]') as HTMLButtonElement;
    expect(pill.tagName.toLowerCase()).toBe('button');
    expect(pill.getAttribute('aria-expanded')).toBe('false');
    expect(hook('pill')?.textContent?.trim()).toBe('Critical · short +5.97%');
    expect(hook('symbol')?.textContent).toBe('BTCUSDT');
    fireEvent.click(pill);
    expect(a.toggle).toHaveBeenCalledOnce();
  });

  it('renders page-supplied strings as text, never as markup', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { container, hook } = show({ kind: 'unreadable', reasons: [{ code: 'u', field: 'symbol', message: `Symbol: “${evil}” is not an instrument name` }] }, { symbol: evil });
    expect(container.querySelectorAll('img, script').length).toBe(0);
    expect(hook('unreadable-reason')?.textContent).toContain(evil);
    expect(hook('symbol')?.textContent).toBe(evil);
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('moves with the arrow keys', () => {
    const { a, action } = show({ kind: 'idle', message: '' });
    const handle = action('move') as Element;
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    fireEvent.keyDown(handle, { key: 'ArrowDown', shiftKey: true });
    expect(a.move.mock.calls).toEqual([
      [22, 20, true],
      [10, 68, true],
    ]);
  });

  it('picking: leaves an element for the picker panel in place of the body, and no report button', () => {
    const attach = vi.fn();
    const { action } = show({ kind: 'unreadable', reasons: [] }, { picking: { attach } });
    const el = attach.mock.calls.at(-1)?.[0] as Element | undefined;
    expect(el?.getAttribute('data-liqguard')).toBe('picker');
    expect(action('report-page')).toBeNull();
  });
});

describe('only the trader acts', () => {
  it('ignores synthetic clicks, keys and drags: nothing collapses, moves, confirms, points or opens', () => {
    pageScript();
    const assessedView = show(assessed(), {}, { details: true });
    assessedView.action('venue')?.click();
    assessedView.action('calculator')?.click();
    assessedView.action('details')?.click();
    assessedView.action('toggle')?.click();
    const handle = assessedView.action('move') as Element;
    for (let i = 0; i < 200; i++) fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    fireEvent.pointerDown(handle, { button: 0, pointerId: 1, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(handle, { pointerId: 1, clientX: 900, clientY: 900 });
    fireEvent.pointerUp(handle, { pointerId: 1, clientX: 900, clientY: 900 });
    const confirmView = show({ kind: 'confirm', found: [{ code: 'found', field: 'quantity', message: 'Size: 0.25 BTC' }] });
    confirmView.action('confirm')?.click();
    confirmView.action('pick')?.click();
    const marginView = show({ kind: 'unreadable', reasons: [{ code: 'u', field: 'marginMode', message: 'Margin mode: not found' }] });
    marginView.action('margin-cross')?.click();
    for (const a of [assessedView.a, confirmView.a, marginView.a]) {
      for (const fn of Object.values(a)) expect(fn).not.toHaveBeenCalled();
    }
    // The same clicks from the trader act.
    userInput();
    confirmView.action('confirm')?.click();
    expect(confirmView.a.confirm).toHaveBeenCalledOnce();
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

  it('shows the report (rendered by the on-demand module) in place of the figures, and closes', () => {
    const closed = vi.fn();
    const v = show(assessed(), { report: { attach: reportSlot(report, closed, trusted) } });
    expect(v.hook('page-report')).not.toBeNull();
    expect(v.container.querySelector('[data-liqguard-side]')).toBeNull();
    expect((v.hook('page-report-text') as HTMLTextAreaElement).value).toContain('"adapter": "binance-usdm"');
    // A wider panel to read it in, by a class (the stylesheet has no `:has()` rule for the browser to check against the page).
    expect(v.hook('overlay')?.classList.contains('lg-wide')).toBe(true);
    expect(show(assessed()).hook('overlay')?.classList.contains('lg-wide')).toBe(false);
    fireEvent.click(v.container.querySelector('[data-liqguard-action="report-close"]') as Element);
    expect(closed).toHaveBeenCalledOnce();
  });

  it('says why there is no report, and closes', () => {
    const v = show(assessed(), { report: { failed: 'LiqGuard could not load its page-report builder (gone).' } });
    expect(v.container.querySelector('[role="alert"]')?.textContent).toBe('LiqGuard could not load its page-report builder (gone).');
    expect(v.container.querySelector('[data-liqguard-side]')).toBeNull();
    fireEvent.click(v.container.querySelector('[data-liqguard-action="report-close"]') as Element);
    expect(v.a.closeReport).toHaveBeenCalledOnce();
  });

  it('a page script can neither open the report nor act in it', () => {
    pageScript();
    const v = show(assessed());
    (button(v.container) as HTMLButtonElement).click();
    expect(v.a.report).not.toHaveBeenCalled();
    const closed = vi.fn();
    const open = show(assessed(), { report: { attach: reportSlot(report, closed, trusted) } });
    (open.container.querySelector('[data-liqguard-action="report-close"]') as HTMLButtonElement).click();
    expect(closed).not.toHaveBeenCalled();
    const failed = show(assessed(), { report: { failed: 'No report.' } });
    (failed.container.querySelector('[data-liqguard-action="report-close"]') as HTMLButtonElement).click();
    expect(failed.a.closeReport).not.toHaveBeenCalled();
  });
});

describe('no internal names on the card', () => {
  it('the engine’s messages name fields in words, never by their input or API names', () => {
    const engineSaid = [
      { code: 'a', message: 'OKX counts tiers in contracts: enter the contract size (ctVal) so the position can be placed in its tier.' },
      { code: 'b', message: 'Isolated margin = position value ÷ leverage (no added margin); enter isolatedMargin if you added margin.' },
      { code: 'c', message: 'Enter the asset’s maximum leverage (maxLeverage) or the maintenance margin rate.' },
    ];
    const { container } = show(assessed({ assumptions: engineSaid, warnings: [{ code: 'w', message: 'Deribit margins the whole account (cross): enter your account equity as walletBalance.' }] }), {}, { details: true });
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const names: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) names.push(...(n.nodeValue?.match(/\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b/g) ?? []));
    expect(names).toEqual([]);
    expect(container.textContent).toContain('enter the contract size so the position');
    expect(container.textContent).toContain('enter the isolated margin if you added margin');
  });
});
