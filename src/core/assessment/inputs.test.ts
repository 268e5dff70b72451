import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { defaultSettings, type Settings } from '../../shared/settings';
import type { FormSnapshot } from '../../shared/form-snapshot';
import type { Note, OverlayState } from '../../shared/overlay-state';
import { buildInputs, engineVenueFor, planSnapshot, settlementAsset, sizeFromCost } from './inputs';
import { bad, binanceCoinm, binanceLimitCross, binanceMarket, mark, ok, okxContracts, spec, table, tierFacts } from './snapshot-fixtures';
import { NO_FACTS, type MarketFacts } from './types';

const settings = defaultSettings();
const facts = (over: Partial<MarketFacts> = {}): MarketFacts => ({ ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), ...over });

function built(s: FormSnapshot, f: MarketFacts = facts(), st: Settings = settings) {
  const r = buildInputs(s, f, st);
  if (!r.ok) throw new Error(`expected inputs, got ${JSON.stringify(r.state)}`);
  return r.built;
}

function state(s: FormSnapshot, f: MarketFacts = facts(), st: Settings = settings): OverlayState {
  const r = buildInputs(s, f, st);
  if (r.ok) throw new Error('expected a state, got inputs');
  return r.state;
}

/** The reasons of an `unreadable` state (fails the test for any other state). */
function reasons(s: FormSnapshot, f?: MarketFacts, st?: Settings): Note[] {
  const out = state(s, f, st);
  expect(out.kind).toBe('unreadable');
  return out.kind === 'unreadable' ? out.reasons : [];
}

const codes = (notes: Note[]) => notes.map((n) => n.code);

describe('venue mapping', () => {
  it('maps Binance products to the engine venues', () => {
    expect(engineVenueFor(binanceMarket())).toEqual({ ok: true, venue: 'binance-usdm' });
    expect(engineVenueFor(binanceCoinm())).toEqual({ ok: true, venue: 'binance-coinm' });
  });

  it('uses the contract type when Binance gives no product', () => {
    const s = binanceMarket();
    delete s.product;
    expect(engineVenueFor(s)).toEqual({ ok: true, venue: 'binance-usdm' });
    expect(engineVenueFor({ ...s, contract: ok('inverse') })).toEqual({ ok: true, venue: 'binance-coinm' });
  });

  it('fails closed on an unknown Binance product, or no product and no contract type', () => {
    const r = engineVenueFor(binanceMarket({ product: 'options' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatchObject({ code: 'unknown-product', field: 'product' });
    const s = binanceMarket({ contract: bad('contract: no label') });
    delete s.product;
    expect(codes(reasons(s))).toEqual(['unreadable', 'unknown-product']);
  });

  it('maps the other adapter venues one to one', () => {
    for (const venue of ['bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'mexc', 'bitmex'] as const) {
      expect(engineVenueFor(binanceMarket({ venue }))).toEqual({ ok: true, venue });
    }
  });

  it('fails closed on the generic reader, saying the maintenance rate is needed', () => {
    const r = reasons(binanceMarket({ venue: 'generic' }));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ code: 'maintenance-rate-needed', field: 'venue' });
    expect(r[0]?.message).toMatch(/maintenance margin rate is unknown/);
    expect(r[0]?.message).toMatch(/calculator/);
  });
});

describe('required fields', () => {
  it.each(['symbol', 'contract', 'sides', 'orderType', 'price', 'quantity', 'leverage', 'marginMode'] as const)('fails closed naming %s when it is unreadable', (field) => {
    const r = reasons(binanceMarket({ [field]: bad(`${field}: could not be read from the page`) }));
    const mine = r.filter((n) => n.field === field);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.code).toBe('unreadable');
    // The reader's own "label: " prefix is replaced by the trader-facing label.
    expect(mine[0]?.message).toMatch(/^[A-Z][a-z ]+: could not be read from the page$/);
  });

  it('lists every unreadable field at once', () => {
    const r = reasons(binanceMarket({ price: bad('no price'), leverage: bad('no leverage') }));
    expect(r.map((n) => n.field)).toEqual(['price', 'leverage']);
  });
});

describe('nothing to assess', () => {
  it('is idle for a close order', () => {
    expect(state(binanceMarket({ intent: ok('close') }))).toMatchObject({ kind: 'idle', message: expect.stringMatching(/close order/) });
  });

  it('is idle for a zero size', () => {
    expect(state(binanceMarket({ quantity: ok({ value: '0', unit: 'base' }) }))).toMatchObject({ kind: 'idle' });
  });

  it('is idle when the venue is switched off in settings', () => {
    const st = defaultSettings();
    st.venues.binance.enabled = false;
    expect(state(binanceMarket(), facts(), st)).toMatchObject({ kind: 'idle', message: expect.stringMatching(/switched off/) });
  });
});

describe('plan', () => {
  it('asks for the mark only when the page shows none', () => {
    const a = planSnapshot(binanceMarket(), settings);
    const b = planSnapshot(binanceLimitCross(), settings);
    expect(a.ok && a.needsMark).toBe(false);
    expect(b.ok && b.needsMark).toBe(true);
  });

  it('waits for the contract spec only when a size in contracts has no documented default', () => {
    const okx = planSnapshot(okxContracts(), settings);
    const coinm = planSnapshot(binanceCoinm(), settings);
    const usdm = planSnapshot(binanceMarket(), settings);
    expect(okx.ok && okx.needsContractSize).toBe(true);
    expect(coinm.ok && coinm.needsContractSize).toBe(false); // Binance documents 100 USD per BTCUSD contract
    expect(usdm.ok && usdm.needsContractSize).toBe(false);
    // OKX counts tiers in contracts: even a size in BTC needs ctVal.
    const okxBase = planSnapshot(okxContracts({ quantity: ok({ value: '0.1', unit: 'base' }) }), settings);
    expect(okxBase.ok && okxBase.needsContractSize).toBe(true);
  });
});

describe('contract size and tick', () => {
  it('fails closed naming contractSize when contracts cannot be converted', () => {
    const r = reasons(okxContracts(), facts({ spec: { spec: null, note: { message: 'No contract spec for okx BTC-USDT-SWAP: HTTP 404.', lastError: 'HTTP 404' } } }));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ code: 'contract-size-unknown', field: 'contractSize' });
    expect(r[0]?.message).toMatch(/HTTP 404/);
    expect(r[0]?.message).toMatch(/never guesses/);
  });

  it('takes contract size and tick from the venue spec', () => {
    const b = built(okxContracts(), facts({ spec: spec('okx', 'BTC-USDT-SWAP', '0.01', '0.1') }));
    expect(b.sides[0]?.input).toMatchObject({ venue: 'okx', quantity: '10', quantityUnit: 'contracts', contractSize: '0.01', tickSize: '0.1' });
    expect(b.tick).toBe('0.1');
    expect(codes(b.assumptions)).toContain('contract-size-from-venue');
  });

  it('ignores a spec for another symbol or contract type, and says so', () => {
    const b = built(binanceMarket(), facts({ spec: spec('binance-usdm', 'ETHUSDT', '1', '0.01') }));
    expect(b.sides[0]?.input.tickSize).toBeUndefined();
    expect(codes(b.warnings)).toContain('contract-spec-mismatch');
    const r = reasons(okxContracts(), facts({ spec: spec('okx', 'BTC-USDT-SWAP', '0.01', '0.1', 'inverse') }));
    expect(codes(r)).toEqual(['contract-size-unknown']);
  });

  it('leaves a documented venue contract size to the engine (Binance COIN-M)', () => {
    const b = built(binanceCoinm(), facts());
    expect(b.sides[0]?.input).toMatchObject({ venue: 'binance-coinm', quantity: '5', quantityUnit: 'contracts' });
    expect(b.sides[0]?.input.contractSize).toBeUndefined();
  });
});

describe('mark and entry', () => {
  it('uses the page mark first', () => {
    const b = built(binanceMarket(), facts({ mark: mark('binance-usdm', 'BTCUSDT', '1') }));
    expect(b.sides[0]?.input.markPrice).toBe('65010.3');
    expect(codes(b.assumptions)).toContain('mark-from-page');
  });

  it('then the venue API mark', () => {
    const b = built(binanceLimitCross(), facts({ mark: mark('binance-usdm', 'BTCUSDT', '64950.1') }));
    expect(b.sides[0]?.input).toMatchObject({ entryPrice: '64000', markPrice: '64950.1' });
    expect(codes(b.assumptions)).toContain('mark-from-venue-api');
  });

  it('never uses an API mark for another symbol', () => {
    const b = built(binanceLimitCross(), facts({ mark: mark('binance-usdm', 'ETHUSDT', '3000') }));
    expect(b.sides[0]?.input.markPrice).toBe('64000');
  });

  it('uses a market order’s page price as the mark when it is the mark', () => {
    const s = binanceMarket();
    delete s.markPrice;
    const b = built(s);
    expect(b.sides[0]?.input).toMatchObject({ entryPrice: '65010.3', markPrice: '65010.3' });
    // A market order fills near the last price: the page showed none, and the trader is told the mark stands in.
    expect(codes(b.warnings)).toEqual(['entry-from-mark']);
    expect(codes(b.assumptions)).toContain('market-entry');
  });

  it('takes a market order’s entry from the page’s last price and its distance from the page’s mark', () => {
    const s = binanceMarket({ priceKind: 'last', price: { ok: true, value: '64980.1', source: 'page' }, lastPrice: { ok: true, value: '64980.1', source: 'page' } });
    const b = built(s);
    expect(b.sides.map((x) => [x.input.entryPrice, x.input.markPrice])).toEqual([
      ['64980.1', '65010.3'],
      ['64980.1', '65010.3'],
    ]);
    expect(codes(b.warnings)).toEqual([]);
  });

  it('turns a size given as the order’s cost into the size each side buys, by the venue’s definition of cost', () => {
    // Bybit's worked example (help 900000169703): 1 BTC at 50,000, 10x, taker 0.06 % costs 5,057 USDT.
    expect(sizeFromCost('margin-fees-bankruptcy', 'linear', 'long', new D('5057'), new D('50000'), new D('50000'), new D('10'), new D('0.0006')).toString()).toBe('1');
    // Binance's (FAQ 87fa7ee3…): 1 BTC limit at 9,253.30, 20x, mark 9,259.84: long 462.665, short 462.665 + 6.54 open loss.
    expect(sizeFromCost('margin-open-loss', 'linear', 'long', new D('462.665'), new D('9253.30'), new D('9259.84'), new D('20'), new D('0')).toString()).toBe('1');
    expect(sizeFromCost('margin-open-loss', 'linear', 'short', new D('469.205'), new D('9253.30'), new D('9259.84'), new D('20'), new D('0')).toString()).toBe('1');
    const s = binanceMarket({ orderType: { ok: true, value: 'limit', source: 'page' }, priceKind: 'limit', price: { ok: true, value: '65000', source: 'page' }, quantity: { ok: true, value: { value: '500', unit: 'cost', label: 'USDT' }, source: 'page' }, leverage: { ok: true, value: '20', source: 'page' } });
    delete s.markPrice;
    const b = built(s);
    // No mark: no open loss; 500 USDT of margin at 20x buys 10,000 USDT of BTC at 65,000.
    expect(b.sides.map((x) => [x.side, x.input.quantity, x.input.quantityUnit])).toEqual([
      ['long', '0.1538461538461538461538461538461538461538', 'base'],
      ['short', '0.1538461538461538461538461538461538461538', 'base'],
    ]);
    expect(codes(b.assumptions)).toContain('size-from-cost');
  });

  it('warns when a market order’s last price stands in for the mark', () => {
    const s = binanceMarket({ priceKind: 'last' });
    delete s.markPrice;
    const b = built(s, facts({ mark: { mark: null, note: { message: 'No mark price from binance-usdm: HTTP 500.', lastError: 'HTTP 500' } } }));
    expect(codes(b.warnings)).toEqual(['last-as-mark']);
    expect(b.warnings[0]?.message).toMatch(/HTTP 500/);
  });

  it('measures from the order price, with a warning, when a limit order has no mark anywhere', () => {
    const b = built(binanceLimitCross());
    expect(b.sides[0]?.input).toMatchObject({ entryPrice: '64000', markPrice: '64000' });
    expect(codes(b.warnings)).toEqual(['distance-from-order-price']);
    expect(b.warnings[0]?.message).toMatch(/measured from your order price 64000, not from the mark/);
  });

  it('notes that a conditional order is assessed as if filled at its price', () => {
    expect(codes(built(binanceMarket({ orderType: ok('conditional'), price: ok('66000'), priceKind: 'limit' })).assumptions)).toContain('conditional-entry');
  });
});

describe('size as a percentage of the balance', () => {
  const pct = (value: string, over: Partial<FormSnapshot> = {}) => binanceMarket({ quantity: ok({ value, unit: 'percent', label: '%' }), ...over });

  it('linear: notional = pct × balance × leverage, quantity = notional ÷ price', () => {
    const b = built(pct('50'));
    const input = b.sides[0]?.input;
    // 50 % × 1250.75 × 10 = 6253.75 USDT; ÷ 65010.3
    expect(input?.quantityUnit).toBe('base');
    expect(new D(String(input?.quantity)).eq(new D('6253.75').div('65010.3'))).toBe(true);
    const note = b.assumptions.find((n) => n.code === 'size-from-percent');
    expect(note?.message).toMatch(/50 % of the available balance 1250.75 USDT at 10x/);
    expect(note?.message).toMatch(/slightly smaller/);
  });

  it('inverse: notional in coin, sized as USD face value', () => {
    const b = built(binanceCoinm({ quantity: ok({ value: '20', unit: 'percent' }) }));
    // 20 % × 0.5 BTC × 10 = 1 BTC; × 65010.3 = 65010.3 USD face
    expect(b.sides[0]?.input).toMatchObject({ quantity: '65010.3', quantityUnit: 'quote' });
  });

  it('fails closed above 100 %', () => {
    expect(codes(reasons(pct('150')))).toEqual(['percent-above-100']);
  });

  it('fails closed without a readable balance', () => {
    const s = pct('10');
    delete s.availableBalance;
    expect(reasons(s)[0]).toMatchObject({ code: 'percent-needs-balance', field: 'availableBalance' });
    expect(reasons(pct('10', { availableBalance: bad('balance: not a number') }))[0]?.message).toMatch(/not a number/);
  });

  it('fails closed when the balance is in another asset', () => {
    expect(reasons(pct('10', { availableBalance: ok({ value: '100', asset: 'USDC' }) }))[0]).toMatchObject({ code: 'balance-asset-mismatch', field: 'availableBalance' });
  });
});

describe('cross wallet', () => {
  it('uses the page’s available balance', () => {
    const b = built(binanceLimitCross());
    expect(b.sides[0]?.input.walletBalance).toBe('1250.75');
    expect(codes(b.assumptions)).toContain('cross-wallet-from-page');
  });

  it('then the wallet set in the options (linear only)', () => {
    const st = defaultSettings();
    st.venues.binance.walletBalance = '5000';
    const s = binanceLimitCross();
    delete s.availableBalance;
    const b = built(s, facts(), st);
    expect(b.sides[0]?.input.walletBalance).toBe('5000');
    expect(codes(b.assumptions)).toContain('cross-wallet-from-settings');
  });

  it('fails closed with "cross wallet balance unknown" otherwise', () => {
    const s = binanceLimitCross();
    delete s.availableBalance;
    const r = reasons(s);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ code: 'cross-wallet-unknown', field: 'walletBalance' });
    expect(r[0]?.message).toMatch(/cross wallet balance unknown/);
  });

  it('says why the page’s balance was not read, not that the page shows none, when two balances disagreed', () => {
    const s = binanceLimitCross();
    s.availableBalance = { ok: false, reason: 'Available balance: the page shows 5000 USDT and 4187.49 USDT.' };
    const r = reasons(s);
    expect(r[0]).toMatchObject({ code: 'cross-wallet-unknown', field: 'walletBalance' });
    expect(r[0]?.message).toContain('could not be read (the page shows 5000 USDT and 4187.49 USDT)');
    expect(r[0]?.message).not.toContain('shows no available balance');
  });

  it('never uses the options’ wallet (no currency) for a coin-margined contract', () => {
    const st = defaultSettings();
    st.venues.binance.walletBalance = '5000';
    const s = binanceCoinm({ marginMode: ok('cross') });
    delete s.availableBalance;
    expect(reasons(s, facts(), st)[0]?.message).toMatch(/not used for coin-margined/);
  });

  it('does not take a balance in another asset as the wallet', () => {
    expect(reasons(binanceLimitCross({ availableBalance: ok({ value: '100', asset: 'BNB' }) }))[0]?.message).toMatch(/balance is in BNB, not USDT/);
  });
});

describe('sides and notes', () => {
  it('puts the active side first', () => {
    expect(built(binanceMarket({ activeSide: 'short' })).sides.map((s) => s.side)).toEqual(['short', 'long']);
    expect(built(binanceMarket()).sides.map((s) => s.side)).toEqual(['long', 'short']);
  });

  it('builds one input per side that differ only in the side', () => {
    const [a, b] = built(binanceMarket()).sides;
    expect({ ...a?.input, side: 'x' }).toEqual({ ...b?.input, side: 'x' });
  });

  it('says positions already held are not read', () => {
    expect(codes(built(binanceMarket()).assumptions)).toContain('existing-position-not-read');
  });

  it('says when fields came from the generic reader or the picker', () => {
    expect(codes(built(binanceMarket({ confidence: 'generic-high' })).assumptions)).toContain('fields-from-generic-reader');
    expect(codes(built(binanceMarket({ confidence: 'picker' })).assumptions)).toContain('fields-from-picker');
  });

  it('names the fields read where the trader pointed, and what the trader set, with its date', () => {
    const s = binanceMarket({
      sides: { ok: true, value: ['long'], source: 'picker' },
      orderType: { ok: true, value: 'market', source: 'picker' },
      quantity: ok({ value: '500', unit: 'cost', label: 'USDT' }),
      marginMode: { ok: true, value: 'isolated', source: 'trader' },
      setByTrader: [{ field: 'quantityUnit', value: 'cost', savedAt: Date.parse('2026-12-01T10:00:00Z') }],
    });
    const notes = built(s).assumptions;
    expect(notes.find((n) => n.code === 'fields-from-picker')?.message).toMatch(/^Side, order type were read from elements you pointed at on this page \(for a tab, the one the page marks active\)/);
    expect(notes.find((n) => n.code === 'unit-set-by-you')?.message).toBe('Size 500 read as the cost (margin): you set this for BTCUSDT on 2026-12-01, the page does not say. The page’s own figures still check it.');
    expect(notes.find((n) => n.code === 'margin-mode-set-by-you')?.message).toMatch(/^Margin mode isolated: you chose it in LiqGuard’s panel for BTCUSDT/);
    // Read from the page: no such notes.
    expect(codes(built(binanceMarket()).assumptions)).not.toContain('unit-set-by-you');
    expect(codes(built(binanceMarket()).assumptions)).not.toContain('fields-from-picker');
  });
});

describe('settlementAsset', () => {
  it('is the quote for linear and the coin for inverse', () => {
    expect(settlementAsset('binance-usdm', 'linear', 'BTCUSDT')).toBe('USDT');
    expect(settlementAsset('hyperliquid', 'linear', 'BTC')).toBe('USDC');
    expect(settlementAsset('bitmex', 'inverse', 'XBTUSD')).toBe('XBT');
  });

  it('treats XBT as BTC for the balance check', () => {
    const s = binanceCoinm({ venue: 'bitmex', url: 'https://www.bitmex.com/app/trade/XBTUSD', symbol: ok('XBTUSD'), quantity: ok({ value: '10', unit: 'percent' }), availableBalance: ok({ value: '0.5', asset: 'BTC' }) });
    delete s.product;
    expect(built(s).sides[0]?.input.quantityUnit).toBe('quote');
  });
});
