import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { assess } from '../engine/assess';
import type { FormSnapshot, PageFigure } from '../../shared/form-snapshot';
import type { OverlayState } from '../../shared/overlay-state';
import { defaultSettings } from '../../shared/settings';
import { assessSnapshot } from './assess-snapshot';
import { shown } from './corroborate';
import { binanceLimitCross, mark, NOW, ok, spec, table, tierFacts } from './snapshot-fixtures';
import { NO_FACTS, type MarketFacts } from './types';

/**
 * The misread classes, in the pure core: each page below prints the figures the venue would print
 * for what it really holds, and the snapshot is what a reader that misread one field would send.
 * The assessment must show the CLI's figure for the right reading, or no figure and a reason that
 * names the field and the page figure, never another number.
 */

const facts = (over: Partial<MarketFacts> = {}): MarketFacts => ({ ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), spec: spec('binance-usdm', 'BTCUSDT', '1', '0.1'), ...over });
const fig = (kind: PageFigure['kind'], value: string, raw: string, over: Partial<PageFigure> = {}): PageFigure => ({ kind, value, raw, places: (value.split('.')[1] ?? '').length || 2, unit: 'USDT', source: 'selector:test', ...over });
const run = (s: FormSnapshot, f: MarketFacts = facts()) => assessSnapshot(s, f, defaultSettings(), { now: NOW });
type Assessed = Extract<OverlayState, { kind: 'assessed' }>;
type Unreadable = Extract<OverlayState, { kind: 'unreadable' }>;

function assessed(state: OverlayState): Assessed {
  expect(state.kind, JSON.stringify(state).slice(0, 600)).toBe('assessed');
  return state as Assessed;
}
function unreadable(state: OverlayState): Unreadable {
  expect(state.kind, JSON.stringify(state).slice(0, 600)).toBe('unreadable');
  return state as Unreadable;
}

// An isolated 20x order of 0.25 BTC at 65,000 (mark 65,010.3): order value 16,250, margin 812.50.
const isolated = (over: Partial<FormSnapshot> = {}) =>
  binanceLimitCross({ marginMode: ok('isolated'), price: ok('65000'), quantity: ok({ value: '0.25', unit: 'base', label: 'BTC' }), markPrice: ok('65010.3', 'page'), ...over });

describe('class 1: a size in USDT is the order value or the cost, and the page decides', () => {
  const ambiguous = (figures: PageFigure[]) =>
    isolated({
      quantity: ok({ value: '500', unit: 'quote', label: 'USDT' }),
      readings: [{ field: 'quantity', value: '500', unit: 'cost', why: 'the size box is in USDT and the page does not say whether 500 USDT is the order value or the cost' }],
      pageFigures: figures,
    });

  it('reads 500 USDT as the cost when the page’s cost is 500 USDT: the size is 500 × 20 / 65,000', () => {
    const r = run(ambiguous([fig('cost', '500', 'Cost 500.00 USDT', { side: 'long' }), fig('cost', '500.04', 'Cost 500.04 USDT', { side: 'short' })]));
    const state = assessed(r.state);
    // The engine input is exactly the cost-mode size, and the figures are the engine's for it.
    // Long: 500 / (65,000 / 20); short: 500 / (65,000 / 20 + 10.3 open loss against the mark 65,010.3).
    expect(r.inputs.map((i) => new D(i.quantity as string).toSignificantDigits(10).toString())).toEqual(['0.1538461538', '0.1533601202']);
    const cli = assess(r.inputs[0] as never, r.context);
    expect(cli.ok && cli.assessment.liquidationPrice).toBe(state.sides[0]?.raw?.liquidationPrice);
    expect(state.checks?.find((c) => c.code === 'reading')?.message).toMatch(/second reading \(500 as the cost\)/);
  });

  it('reads 500 USDT as the order value when the page’s cost is 25 USDT', () => {
    const r = run(ambiguous([fig('cost', '25', 'Cost 25.00 USDT')]));
    assessed(r.state);
    expect(r.inputs.map((i) => [i.quantity, i.quantityUnit])).toEqual([
      ['500', 'quote'],
      ['500', 'quote'],
    ]);
  });

  it('shows no figure when the page shows nothing that could tell, naming the field and why', () => {
    const state = unreadable(run(ambiguous([])).state);
    expect(state.reasons).toEqual([expect.objectContaining({ code: 'ambiguous-reading', field: 'quantity' })]);
    expect(state.reasons[0]?.message).toMatch(/order value or the cost.*shows no order value or cost that could tell which/);
    expect(state.withheld).toBeUndefined();
  });
});

describe('class 3: an input’s machine number against the page’s locale reading', () => {
  // A Russian Gate-like page: the 25 % button wrote "9.746" (BTC); the page writes 125 000,75.
  const page = (figures: PageFigure[]) =>
    isolated({
      quantity: ok({ value: '9.746', unit: 'base', label: 'BTC' }),
      leverage: ok('100'),
      readings: [{ field: 'quantity', value: '9746', unit: 'base', why: 'the box shows “9.746”: as inputs write numbers that is 9.746, as this page writes them (decimal separator ",") it is 9746' }],
      pageFigures: figures,
    });

  it('keeps 9.746 BTC when the page’s order value is 9.746 × 65,000', () => {
    const r = run(page([fig('orderValue', '633490', '633 490,00 USDT')]));
    assessed(r.state);
    expect(r.inputs[0]?.quantity).toBe('9.746');
  });

  it('never shows 9,746 BTC: the page’s cost decides against it', () => {
    const r = run(page([fig('cost', '6334.9', '6 334,90 USDT')]));
    assessed(r.state);
    expect(r.inputs.every((i) => i.quantity === '9.746')).toBe(true);
  });
});

describe('contradictions withhold the figure and name the field and the page figure', () => {
  it('a size misread by a factor of 1,000 against the page’s cost', () => {
    const state = unreadable(run(isolated({ quantity: ok({ value: '250', unit: 'base', label: 'BTC' }), pageFigures: [fig('cost', '812.5', 'Cost 812.50 USDT')] })).state);
    expect(state.withheld).toBe(true);
    expect(state.reasons[0]).toMatchObject({ code: 'contradicted', field: 'quantity' });
    expect(state.reasons[0]?.message).toBe(
      `The size 250 BTC at 65,000 and 20x need ${shown(new D('812500'))} to ${shown(new D('812500').plus(new D('16250000').mul('0.002')).plus(0))} USDT of margin with fees and open loss; the page's cost Cost 812.50 USDT does not.`,
    );
    expect(state.checks?.filter((c) => c.result === 'disagrees').length).toBe(2);
  });

  it('a leverage misread as 2x against the page’s maximum size at 20x', () => {
    const s = isolated({ leverage: ok('2'), pageFigures: [fig('maxOpen', '0.384', 'Max 0.384 BTC', { unit: 'BTC' })] });
    const state = unreadable(run(s).state);
    expect(state.reasons[0]).toMatchObject({ code: 'contradicted', field: 'leverage' });
    expect(state.reasons[0]?.message).toMatch(/at 2x .* allow at most .* the page's maximum size Max 0\.384 BTC does not/);
  });

  it('figures that agree are listed as checks, and the assessment is the engine’s', () => {
    const r = run(isolated({ pageFigures: [fig('orderValue', '16250', 'Order Value 16,250.00 USDT'), fig('cost', '812.5', 'Cost 812.50 USDT')] }));
    const state = assessed(r.state);
    expect(state.checks?.map((c) => [c.code, c.result])).toEqual([
      ['symbol', 'unchecked'],
      ['order-value', 'agrees'],
      ['order-value', 'agrees'],
      ['cost', 'agrees'],
      ['cost', 'agrees'],
    ]);
  });
});

describe('fields found by label words alone', () => {
  const guessed = (over: Partial<FormSnapshot> = {}) => isolated({ guessed: ['price', 'quantity', 'leverage'], ...over });

  it('need a page figure that bears them out, or no figure', () => {
    const state = unreadable(run(guessed({ pageFigures: [fig('orderValue', '16250', 'Order Value 16,250.00 USDT')] })).state);
    // Price and size are borne out by the order value; nothing bears out the leverage.
    expect(state.reasons.map((n) => [n.code, n.field])).toEqual([['not-corroborated', 'leverage']]);
  });

  it('are assessed when the page’s figures bear every one out', () => {
    assessed(run(guessed({ pageFigures: [fig('orderValue', '16250', 'Order Value 16,250.00 USDT'), fig('cost', '812.5', 'Cost 812.50 USDT')] })).state);
  });

  it('are assessed on the trader’s confirmation, which the checks list', () => {
    const state = assessed(run(guessed({ confirmed: true })).state);
    expect(state.checks?.find((c) => c.code === 'confirmed')).toMatchObject({ result: 'agrees' });
  });
});

describe('the venue’s own liquidation estimate', () => {
  const withEstimate = (value: string, over: Partial<FormSnapshot> = {}) => {
    const s = isolated({ sides: ok(['long']), ...over });
    s.pageFigures = [fig('liquidation', value, `Liq. Price ${value}`, { unit: undefined as never, places: 1 })];
    return s;
  };
  const ours = () => {
    const r = run(isolated({ sides: ok(['long']) }));
    return assessed(r.state).sides[0]?.raw?.liquidationPrice as string;
  };

  it('matches within a few hundredths of a percent', () => {
    const liq = new D(ours()).toDecimalPlaces(1).toString();
    const side = assessed(run(withEstimate(liq)).state).sides[0];
    expect(side?.venueEstimate).toMatchObject({ venue: 'Binance', price: liq, matches: true });
  });

  it('shows both with the gap when they differ within what the models can explain', () => {
    const liq = new D(ours()).mul('0.99').toDecimalPlaces(1).toString();
    const state = assessed(run(withEstimate(liq)).state);
    expect(state.sides[0]?.venueEstimate?.matches).toBe(false);
    expect(state.sides[0]?.warnings.find((w) => w.code === 'venue-estimate-differs')?.message).toMatch(/^Binance's estimate [\d,.]+ is [\d,.]+ \([\d.]+ %\) from LiqGuard's liquidation price/);
  });

  it('quotes LiqGuard’s price as the headline shows it, and the gap from that figure', () => {
    const theirs = new D(ours()).mul('0.99').toDecimalPlaces(0);
    const side = assessed(run(withEstimate(theirs.toString())).state).sides[0];
    const message = side?.warnings.find((w) => w.code === 'venue-estimate-differs')?.message ?? '';
    const headline = new D(side?.liquidationPrice ?? 'NaN');
    // The engine's price has more digits than the 0.1 tick the headline shows.
    expect(new D(side?.raw?.liquidationPrice ?? '0').eq(headline)).toBe(false);
    expect(message).toContain(`from LiqGuard's liquidation price ${shown(headline)}`);
    expect(message.startsWith(`Binance's estimate ${shown(theirs)} is ${shown(headline.minus(theirs).abs())} (`)).toBe(true);
    expect(message).not.toContain(shown(new D(side?.raw?.liquidationPrice ?? '0')));
  });

  it('withholds an isolated figure the venue’s estimate contradicts (its estimate above a long’s entry)', () => {
    const state = unreadable(run(withEstimate('70000')).state);
    expect(state.withheld).toBe(true);
    expect(state.reasons[0]?.message).toMatch(/^Binance's estimate 70,000 is [\d,.]+ .*from LiqGuard's liquidation price [\d,.]+: more than the two models can explain/);
  });

  it('never withholds a cross figure for it: the venue counts the whole account', () => {
    const s = withEstimate('30000', { marginMode: ok('cross') });
    const state = assessed(run(s).state);
    expect(state.sides[0]?.warnings.find((w) => w.code === 'venue-estimate-differs')?.message).toMatch(/whole cross account/);
  });
});

describe('market orders', () => {
  it('allow for the fill price in the checks, and take the entry from the last price', () => {
    const s = isolated({
      orderType: ok('market'),
      priceKind: 'last',
      price: ok('64980.1'),
      lastPrice: ok('64980.1', 'page'),
      pageFigures: [fig('orderValue', '16260', 'Order Value 16,260.00 USDT')],
    });
    const r = run(s, facts({ mark: mark('binance-usdm', 'BTCUSDT', '65010.3') }));
    assessed(r.state);
    expect(r.inputs.map((i) => [i.entryPrice, i.markPrice])).toEqual([
      ['64980.1', '65010.3'],
      ['64980.1', '65010.3'],
    ]);
  });
});
