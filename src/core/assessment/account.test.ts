import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { assess } from '../engine/assess';
import type { PositionRow } from '../../shared/account-snapshot';
import { accountView, checkPositions, contractOfSymbol, crossMarginRatio, heldSymbols, orderAccount, planAccount } from './account';
import { binanceAccount, FAQ_BTC, FAQ_ETH, FAQ_FACTS, oneTier, row } from './account-fixtures';
import { defaultSettings } from '../../shared/settings';
import { assessSnapshot } from './assess-snapshot';
import { binanceLimitCross, NOW as SNAPSHOT_NOW, ok, spec, table, tierFacts } from './snapshot-fixtures';
import { NO_FACTS, type MarketFacts } from './types';

const NOW = '2026-12-06T12:00:00Z';
const account = binanceAccount;
const BTC = FAQ_BTC;
const ETH = FAQ_ETH;

describe('planAccount', () => {
  it('takes the cross wallet from the panel and every row of the list', () => {
    const plan = planAccount(account([BTC, ETH]), FAQ_FACTS);
    expect(plan.ok && plan.wallet).toMatchObject({ value: '1535443.01', asset: 'USDT' });
    expect(plan.ok && plan.cross.map((l) => l.row.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('derives the wallet from margin balance less unrealised PnL when the panel shows no wallet', () => {
    const a = account([BTC], {
      wallet: undefined,
      marginBalance: { ok: true, value: { value: '1030894.80', asset: 'USDT' }, source: 'selector:panel marginBalance' },
      unrealizedPnl: { ok: true, value: { value: '-504548.21', asset: 'USDT' }, source: 'selector:panel unrealizedPnl' },
    });
    const plan = planAccount(a, FAQ_FACTS);
    expect(plan.ok && plan.wallet.value).toBe('1535443.01');
  });

  it('takes isolated margins out of the cross wallet', () => {
    const sol = row({ symbol: 'SOLUSDT', side: 'short', entryPrice: '150', markPrice: '148.2', marginMode: 'isolated', margin: '600' });
    const plan = planAccount(account([BTC, sol]), FAQ_FACTS);
    expect(plan.ok && plan.wallet.value).toBe('1534843.01');
    expect(plan.ok && plan.wallet.from).toMatch(/less the isolated margin of SOLUSDT short/);
  });

  it.each([
    ['a row it could not read', account([BTC, { ok: false, reason: 'size: zero', symbol: 'XRPUSDT' }]), /1 row of the positions list could not be read \(XRPUSDT: size: zero\)/],
    ['a list the venue says is incomplete', account([BTC], { positions: { ok: true, value: { rows: [BTC], incomplete: 'the venue shows only this symbol’s positions' }, source: 'page' } }), /only this symbol/],
    ['a list behind a closed tab', account([], { positions: { ok: false, reason: 'the positions list is behind the closed “Positions(2)” tab' } }), /closed/],
    ['no wallet on the panel', account([BTC], { wallet: undefined }), /wallet balance could not be read/],
    ['an isolated row without its margin', account([BTC, row({ symbol: 'SOLUSDT', side: 'short', entryPrice: '150', marginMode: 'isolated' })]), /no margin for the isolated SOLUSDT short/],
    ['a row without its margin mode', account([row({ symbol: 'SOLUSDT', side: 'short', entryPrice: '150', marginMode: null })]), /cross or isolated/],
  ])('keeps the old assumption for %s', (_what, a, reason) => {
    const plan = planAccount(a, FAQ_FACTS);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(reason);
  });

  it('leaves positions of another wallet out, and says so', () => {
    const usdc = row({ symbol: 'BTCUSDC', side: 'long', entryPrice: '60000', markPrice: '61000' });
    const plan = planAccount(account([BTC, usdc]), FAQ_FACTS);
    expect(plan.ok && plan.cross.map((l) => l.row.symbol)).toEqual(['BTCUSDT']);
    expect(plan.notes.map((n) => n.message).join(' ')).toMatch(/BTCUSDC long settles in another asset than the USDT wallet/);
  });

  it('lists each held symbol once for the market-data lookups', () => {
    const hedge = row({ symbol: 'BTCUSDT', side: 'short', entryPrice: '33000' });
    expect(heldSymbols(account([BTC, hedge, ETH]))).toEqual(['BTCUSDT', 'ETHUSDT']);
  });
});

describe('contractOfSymbol', () => {
  it.each([
    ['bybit', 'BTCUSDT', 'linear'],
    ['bybit', 'BTCUSD', 'inverse'],
    ['bybit', 'BTCPERP', 'linear'],
    ['okx', 'BTC-USD-SWAP', 'inverse'],
    ['gate', 'BTC_USDT', 'linear'],
    ['bitmex', 'XBTUSD', 'inverse'],
    ['bitmex', 'ETHUSD', null],
    ['binance-coinm', 'ETHUSD_PERP', 'inverse'],
    ['hyperliquid', 'kPEPE', 'linear'],
  ] as const)('%s %s is %s', (venue, symbol, contract) => {
    expect(contractOfSymbol(venue, symbol)).toBe(contract);
  });
});

describe('the self-check on Binance’s worked example', () => {
  it('matches both of Binance’s liquidation prices with Binance’s rates', () => {
    const checks = checkPositions(planAccount(account([BTC, ETH]), FAQ_FACTS), NOW);
    expect(checks.map((c) => [c.symbol, c.verdict, c.venueLiquidationPrice])).toEqual([
      ['BTCUSDT', 'match', '26316.89'],
      ['ETHUSDT', 'match', '1153.26'],
    ]);
    expect(checks[0]?.ours).toBe('26316.9');
  });

  it('is a mismatch with the gap when the venue’s figure differs', () => {
    const wrong = row({ ...(BTC.ok ? BTC.row : ({} as PositionRow)), liquidationPrice: '27000.00' });
    const [btc] = checkPositions(planAccount(account([wrong, ETH]), FAQ_FACTS), NOW);
    expect(btc?.verdict).toBe('mismatch');
    expect(btc?.gapPercent).toBe('-2.53');
  });

  it('names the tier that reproduces the venue’s figure when LiqGuard’s table puts the position in another one', () => {
    // A table that places BTC's notional in a 1 % tier; its second tier holds Binance's 2.5 % and 16,300.
    const table = {
      ...(FAQ_FACTS.BTCUSDT?.table as NonNullable<(typeof FAQ_FACTS)['BTCUSDT']>['table'] & object),
      tiers: [
        { floor: '0', cap: '5000000', maintenanceMarginRate: '0.01', maintenanceAmount: '0', maxLeverage: '50' },
        { floor: '5000000', cap: null, maintenanceMarginRate: '0.025', maintenanceAmount: '16300', maxLeverage: '20' },
      ],
    };
    const facts = { ...FAQ_FACTS, BTCUSDT: { table, contractSize: null, tick: '0.1' } };
    const plan = planAccount(account([BTC, ETH]), facts);
    const [btc] = checkPositions(plan, NOW);
    expect(btc?.verdict).toBe('mismatch');
    expect(btc?.likelyCause).toMatch(/reproduces the venue's figure with tier 2 \(maintenance 2\.5 %, deduction 16300\)/);
    const view = accountView(plan, checkPositions(plan, NOW), null);
    expect(view.warnings[0]).toMatchObject({ code: 'self-check-mismatch', field: 'BTCUSDT long' });
    expect(view.warnings[0]?.message).toMatch(/^BTCUSDT long: Binance liq\. 26316\.89, LiqGuard \d/);
  });

  it('names an old table’s age as the likely cause of a mismatch, on the warning the overlay shows', () => {
    // The same table as above, bundled and dated 2026-09-16: 81 days old at NOW.
    const base = FAQ_FACTS.BTCUSDT?.table as NonNullable<(typeof FAQ_FACTS)['BTCUSDT']>['table'] & object;
    const tiers = [
      { floor: '0', cap: '5000000', maintenanceMarginRate: '0.01', maintenanceAmount: '0', maxLeverage: '50' },
      { floor: '5000000', cap: null, maintenanceMarginRate: '0.025', maintenanceAmount: '16300', maxLeverage: '20' },
    ];
    const old = { ...base, tiers, source: 'bundled' as const, capturedAt: '2026-09-16' };
    const plan = planAccount(account([BTC, ETH]), { ...FAQ_FACTS, BTCUSDT: { table: old, contractSize: null, tick: '0.1' } });
    const [btc] = checkPositions(plan, NOW);
    expect(btc?.likelyCause).toContain("LiqGuard's bundled table is 81 days old (captured 2026-09-16), so the venue has likely changed its brackets since");
    expect(accountView(plan, checkPositions(plan, NOW), null).warnings[0]?.message).toContain('81 days old (captured 2026-09-16)');
    // Fetched live five days ago: its age is no cause.
    const fresh = planAccount(account([BTC, ETH]), { ...FAQ_FACTS, BTCUSDT: { table: { ...base, tiers }, contractSize: null, tick: '0.1' } });
    expect(checkPositions(fresh, NOW)[0]?.likelyCause).not.toMatch(/days old/);
  });

  it('gives no verdict, with the reason, when the row lacks what the engine needs', () => {
    const noMark = row({ symbol: 'BTCUSDT', side: 'long', entryPrice: '32481.98', liquidationPrice: '26316.89' });
    const [c] = checkPositions(planAccount(account([noMark]), FAQ_FACTS), NOW);
    expect(c).toMatchObject({ verdict: null, reason: 'the list shows no mark price for it' });
  });
});

describe('the self-check of a cross position counts the whole account, to the page’s own rounding', () => {
  it('checks a cross row with the wallet and every other cross position, never as if it were alone', () => {
    // Alone on the same wallet, BTC's liquidation price is far from Binance's 26,316.89: ETH's margin and loss move it.
    const btc = BTC.ok ? BTC.row : ({} as PositionRow);
    const alone = assess({ venue: 'binance-usdm', positionStatus: 'open', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: btc.entryPrice, markPrice: btc.markPrice as string, quantity: btc.size.value, quantityUnit: 'base', leverage: '20', walletBalance: '1535443.01' }, { now: NOW, tiers: FAQ_FACTS.BTCUSDT?.table as NonNullable<(typeof FAQ_FACTS)['BTCUSDT']>['table'] & object });
    expect(alone.ok && new D(alone.assessment.liquidationPrice!).minus('26316.89').abs().gt(1000)).toBe(true);
    const [check] = checkPositions(planAccount(account([BTC, ETH]), FAQ_FACTS), NOW);
    expect(check).toMatchObject({ symbol: 'BTCUSDT', verdict: 'match' });
  });

  // A 12x cross long of 0.002 BTC on a 10 USDT wallet: a tenth of a cent of wallet moves its liquidation price by half a dollar.
  const small = (venueLiq: string, wallet = '10') =>
    checkPositions(
      planAccount(
        binanceAccount([row({ symbol: 'BTCUSDT', side: 'long', size: { value: '0.002', unit: 'base', label: 'BTC' }, entryPrice: '60000', markPrice: '60000', leverage: '12', liquidationPrice: venueLiq })], {
          wallet: { ok: true, value: { value: wallet, asset: 'USDT' }, source: 'selector:panel wallet' },
        }),
        { BTCUSDT: { table: oneTier('binance-usdm', 'BTCUSDT', '0.004', '0'), contractSize: null, tick: '0.1' } },
      ),
      NOW,
    )[0];
  const venueFigure = (wallet: string, rate = '0.004') => {
    const r = assess({ venue: 'binance-usdm', positionStatus: 'open', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '0.002', quantityUnit: 'base', leverage: '12', walletBalance: wallet, tickSize: '0.1' }, { now: NOW, tiers: oneTier('binance-usdm', 'BTCUSDT', rate, '0') });
    if (!r.ok || !r.assessment.display.liquidationPrice) throw new Error('no figure');
    return r.assessment.display.liquidationPrice;
  };

  it('is a match when the venue’s figure comes from the wallet the panel shows rounded to the cent', () => {
    // The venue holds 10.004 USDT and shows "10.00": its figure is 20 ticks from one computed on 10.
    const theirs = venueFigure('10.004');
    expect(new D(theirs).minus(venueFigure('10')).abs().gt(1)).toBe(true);
    expect(small(theirs)).toMatchObject({ verdict: 'match', venueLiquidationPrice: theirs });
  });

  it('is still a mismatch when the gap is more than any rounding of the page: another maintenance rate', () => {
    const theirs = venueFigure('10', '0.005');
    expect(small(theirs)).toMatchObject({ verdict: 'mismatch' });
  });

  it('allows no more than the rounding: a wallet off by a whole dollar is a mismatch', () => {
    expect(small(venueFigure('11'))).toMatchObject({ verdict: 'mismatch' });
  });
});

describe('orderAccount', () => {
  const plan = planAccount(account([BTC, ETH]), FAQ_FACTS);
  const order = { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '32000', markPrice: '31967.27', quantity: '1', quantityUnit: 'base', leverage: '20' } as const;

  it('passes the held position, the other cross positions at their tier and the wallet', () => {
    const r = orderAccount(plan, order, 'USDT');
    expect('input' in r && r.input).toEqual({
      walletBalance: '1535443.01',
      existingPosition: { side: 'long', quantity: '109.488', quantityUnit: 'base', entryPrice: '32481.98' },
      otherPositions: [{ symbol: 'ETHUSDT', side: 'long', quantity: '3683.979', quantityUnit: 'base', entryPrice: '1456.84', markPrice: '1335.18', maintenanceMarginRate: '0.1', maintenanceAmount: '135365' }],
    });
  });

  it('assesses an order in a held symbol as the position it leaves: the size-weighted entry, with the other positions around it', () => {
    const r = orderAccount(plan, { ...order, quantity: '10.512' }, 'USDT');
    if (!('input' in r)) throw new Error(r.reason);
    const a = assess({ ...order, quantity: '10.512', ...r.input, maintenanceMarginRate: '0.025', maintenanceAmount: '16300' }, { now: NOW });
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    // (109.488 × 32,481.98 + 10.512 × 32,000) ÷ 120 = 32,439.758552
    expect(a.assessment.entryPrice).toBe('32439.758552');
    expect(a.assessment.size.base).toBe('120');
    expect(new D(a.assessment.liquidationPrice!).gt('26316.89')).toBe(true);
  });

  it('makes the held row of a hedge pair the existing position on the order’s side, and the other a same-symbol leg', () => {
    const short = row({ symbol: 'BTCUSDT', side: 'short', size: { value: '10', unit: 'base', label: 'BTC' }, entryPrice: '33000', markPrice: '31967.27' });
    const hedged = planAccount(account([BTC, short]), FAQ_FACTS);
    const r = orderAccount(hedged, { ...order, side: 'short' }, 'USDT');
    expect('input' in r && r.input.positionMode).toBe('hedge');
    expect('input' in r && r.input.existingPosition).toMatchObject({ side: 'short', quantity: '10' });
    expect('input' in r && r.input.otherPositions?.map((o) => `${o.symbol} ${o.side}`)).toEqual(['BTCUSDT long']);
  });

  it('does not apply to an order settled in another asset', () => {
    expect(orderAccount(plan, { ...order, symbol: 'BTCUSDC' }, 'USDC')).toEqual({ reason: 'the account panel shows the USDT wallet, and this order settles in USDC' });
  });
});

describe('crossMarginRatio', () => {
  it('is maintenance margin over wallet plus unrealised PnL', () => {
    // BTC: 109.488 × 31,967.27 × 2.5 % − 16,300 = 71,198.9…; ETH: 3,683.979 × 1,335.18 × 10 % − 135,365 = 356,510.2…
    // PnL −56,355.3… − 448,192.8…; (71,198.95 + 356,510.21) ÷ (1,535,443.01 − 504,548.21) = 41.49 %.
    expect(crossMarginRatio(planAccount(account([BTC, ETH]), FAQ_FACTS))).toBe('41.49');
  });
});

describe('a two-sided order form on a cross account', () => {
  const plan = planAccount(account([BTC, ETH]), FAQ_FACTS);
  const market: MarketFacts = { ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), spec: spec('binance-usdm', 'BTCUSDT', '1', '0.1') };
  const run = (activeSide?: 'long' | 'short') =>
    assessSnapshot(binanceLimitCross({ sides: ok(['long', 'short']), ...(activeSide ? { activeSide } : {}) }), market, defaultSettings(), { now: SNAPSHOT_NOW, account: { plan, checks: checkPositions(plan, SNAPSHOT_NOW), venueRatio: null } }).state;

  it('moves each other cross position’s liquidation for the side in use only (a keystroke costs one assessment per position), and gives the margin ratio after either side', () => {
    for (const [active, expected] of [['short', ['short']], [undefined, ['long']]] as const) {
      const state = run(active);
      if (state.kind !== 'assessed') throw new Error(JSON.stringify(state).slice(0, 300));
      const eth = state.account?.positions.find((c) => c.symbol === 'ETHUSDT');
      expect(Object.keys(eth?.afterOrder ?? {}), String(active)).toEqual(expected);
      expect(Object.keys(state.account?.marginRatio?.afterOrder ?? {}).sort()).toEqual(['long', 'short']);
    }
  });
});

describe('an order in a held symbol, on a page that prints the order’s own figures', () => {
  // Cross 20x, 0.25 BTC at 65,000 while 0.5 BTC long is held: the page's cost (812.50 USDT) is the
  // order's alone, 0.25 × 65,000 ÷ 20; the assessment is of the 0.75 BTC position it leaves.
  const held = row({ symbol: 'BTCUSDT', side: 'long', size: { value: '0.5', unit: 'base', label: 'BTC' }, entryPrice: '63200', markPrice: '65010.3', leverage: '20' });
  const facts = { BTCUSDT: { table: table('binance-usdm', 'BTCUSDT'), contractSize: null, tick: '0.1' } };
  const plan = planAccount(account([held], { wallet: { ok: true, value: { value: '5000', asset: 'USDT' }, source: 'selector:test' } }), facts);
  const market: MarketFacts = { ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), spec: spec('binance-usdm', 'BTCUSDT', '1', '0.1') };
  const form = (cost: string) =>
    binanceLimitCross({
      sides: ok(['long']),
      price: ok('65000'),
      quantity: ok({ value: '0.25', unit: 'base', label: 'BTC' }),
      markPrice: ok('65010.3', 'page'),
      pageFigures: [{ kind: 'cost', value: cost, raw: `Cost ${cost} USDT`, places: 2, unit: 'USDT', source: 'selector:test' }],
    });
  const run = (cost: string) => assessSnapshot(form(cost), market, defaultSettings(), { now: SNAPSHOT_NOW, account: { plan, checks: checkPositions(plan, SNAPSHOT_NOW), venueRatio: null } });

  it('checks the page’s cost against the order alone and shows the position after the order', () => {
    const r = run('812.50');
    expect(r.state.kind, JSON.stringify(r.state).slice(0, 400)).toBe('assessed');
    if (r.state.kind !== 'assessed') return;
    expect(r.state.checks?.find((c) => c.code === 'cost')?.result).toBe('agrees');
    expect(r.inputs[0]?.existingPosition).toMatchObject({ side: 'long', quantity: '0.5' });
    expect(r.state.sides[0]?.raw?.liquidationPrice).toBeDefined();
  });

  it('still withholds the figure when the page’s cost contradicts the order read', () => {
    expect(run('2437.50').state).toMatchObject({ kind: 'unreadable', withheld: true });
  });
});

describe('what a keystroke reuses from the account plan', () => {
  // A plan is made once per read of the page and asked again at every keystroke: its legs' tiers and
  // engine inputs are kept with them, and the engine keeps each parsed other position. The answers must
  // be exactly those of a plan made afresh for every keystroke (nothing kept).
  const sol = row({ symbol: 'SOLUSDT', side: 'short', entryPrice: '150', markPrice: '148.2', marginMode: 'cross', leverage: '10' });
  const facts = { ...FAQ_FACTS, SOLUSDT: { table: oneTier('binance-usdm', 'SOLUSDT', '0.01', '0'), contractSize: null, tick: '0.01' } };
  const snapshot = account([BTC, ETH, sol]);
  const market: MarketFacts = { ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), spec: spec('binance-usdm', 'BTCUSDT', '1', '0.1') };
  const answer = (plan: ReturnType<typeof planAccount>, size: string, side: 'long' | 'short') =>
    assessSnapshot(binanceLimitCross({ sides: ok(['long', 'short']), activeSide: side, quantity: ok({ value: size, unit: 'base', label: 'BTC' }) }), market, defaultSettings(), {
      now: SNAPSHOT_NOW,
      account: { plan, checks: checkPositions(plan, SNAPSHOT_NOW), venueRatio: null },
    });

  it('gives every keystroke the same answer as a freshly planned account', () => {
    const kept = planAccount(snapshot, facts);
    expect(kept.ok && kept.cross).toHaveLength(3);
    for (const [size, side] of [['0.25', 'long'], ['1.5', 'short'], ['0.25', 'long'], ['40', 'short'], ['1.5', 'short']] as const) {
      const fresh = answer(planAccount(snapshot, facts), size, side);
      const reused = answer(kept, size, side);
      expect(fresh.state.kind).toBe('assessed');
      expect(reused).toEqual(fresh);
    }
  });
});

describe('a position margin that holds more than the margin', () => {
  // Bybit's positions list shows an isolated position's margin as its initial margin plus the estimated fee to
  // close (Bybit help centre, "Position Margin", 2024-03-14; "Initial Margin Calculation (USDC Perpetual & Futures)",
  // 2025-09-02): long Q × EP × (1 − 1/leverage) × taker fee, short Q × EP × (1 + 1/leverage) × taker fee. 0.5 BTC
  // long @ 50,000, 10x: IM 2,500 + 0.5 × 50,000 × 0.9 × 0.055 % = 12.375, shown 2,512.38. Bybit's isolated formula
  // takes the IM: LP = 50,000 − (2,500 − 125) ÷ 0.5 = 45,250 at MMR 0.5 %.
  const bybitAccount = (rows: ReturnType<typeof row>[]) => ({
    ...binanceAccount(rows, { wallet: { ok: true, value: { value: '10000', asset: 'USDT' }, source: 'selector:panel wallet' } }),
    venue: 'bybit' as const,
    product: undefined,
    url: 'https://www.bybit.com/trade/usdt/BTCUSDT',
  });
  const facts = { BTCUSDT: { table: oneTier('bybit', 'BTCUSDT', '0.005', '0'), contractSize: null, tick: '0.1' } };
  const long = row({ symbol: 'BTCUSDT', side: 'long', size: { value: '0.5', unit: 'base', label: 'BTC' }, entryPrice: '50000', markPrice: '50100', marginMode: 'isolated', leverage: '10', margin: '2512.38', liquidationPrice: '45250.0' });
  const short = row({ symbol: 'BTCUSDT', side: 'short', size: { value: '0.5', unit: 'base', label: 'BTC' }, entryPrice: '50000', markPrice: '50100', marginMode: 'isolated', leverage: '10', margin: '2515.13', liquidationPrice: '54750.0' });
  const order = { venue: 'bybit', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '50000', markPrice: '50100', quantity: '0.1', quantityUnit: 'base', leverage: '10' } as const;

  it('is matched by the venue’s own liquidation price once the fee to close is taken out (long and short)', () => {
    for (const r of [long, short]) {
      const [check] = checkPositions(planAccount(bybitAccount([r]), facts), NOW);
      expect(check?.verdict, JSON.stringify(check)).toBe('match');
    }
  });

  it('passes the held isolated position’s margin without the fee to close', () => {
    const r = orderAccount(planAccount(bybitAccount([long]), facts), order, 'USDT');
    if (!('input' in r)) throw new Error(r.reason);
    // 2,512.38 − 0.5 × 50,000 × 0.9 × 0.00055
    expect(r.input.existingPosition?.isolatedMargin).toBe('2500.005');
    expect(r.assumptions.map((n) => n.message).join(' ')).toMatch(/fee to close/);
  });

  it('is not used when the row does not show the leverage the fee depends on', () => {
    const bare = row({ ...(long.ok ? long.row : ({} as PositionRow)), leverage: null });
    const [check] = checkPositions(planAccount(bybitAccount([bare]), facts), NOW);
    expect(check?.verdict).toBeNull();
    expect(check?.reason).toMatch(/fee to close/);
    const r = orderAccount(planAccount(bybitAccount([bare]), facts), order, 'USDT');
    expect('reason' in r && r.reason).toMatch(/fee to close/);
  });
});
