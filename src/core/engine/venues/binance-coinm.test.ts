import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { lookupTierIndex, nextMaintenanceAmount, parseTierTable, tiersFromBrackets } from '../tiers';
import type { Assessment, PositionInput, TierTable } from '../types';
import { docLiquidationPrice } from './binance-coinm';

const dataDir = path.resolve(import.meta.dirname, '../../../../data');
const fixture = JSON.parse(readFileSync(path.join(dataDir, 'binance-brackets-ccxt-fixture.json'), 'utf8')) as Record<string, [string, string][]>;
const pairs = fixture['BTC/USD:BTC'] ?? [];
// The fixture has floors and rates only; leverages here are placeholders that play no part in these tests.
const table: TierTable = {
  venue: 'binance-coinm',
  symbol: 'BTCUSD_PERP',
  basis: 'coin-notional',
  source: 'bundled',
  capturedAt: '2024-01-01',
  tiers: tiersFromBrackets(pairs, pairs.map(() => '1')),
};

function ok(input: PositionInput): Assessment {
  const r = assess(input, { tiers: table });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment;
}

describe('Binance COIN-M bracket example (faq/ceccfcfb…; ccxt fixture shapes)', () => {
  it('a 300 BTC position sits in the 12.5 % bracket', () => {
    const parsed = parseTierTable(table);
    if (Array.isArray(parsed)) throw new Error('table rejected');
    const t = parsed.tiers[lookupTierIndex(parsed.tiers, new D(300))];
    expect(t?.mmr.toString()).toBe('0.125');
  });

  it('cum at level 5 = 50 BTC × (5 % − 2.5 %) + 0.56 = 1.81 BTC (the FAQ recurrence)', () => {
    expect(nextMaintenanceAmount(new D('0.56'), new D(50), new D('0.05'), new D('0.025')).toString()).toBe('1.81');
  });

  it('the fixture’s brackets rebuilt with the recurrence give cum 11.605 BTC at 300 BTC, as the newer FAQ version states', () => {
    const parsed = parseTierTable(table);
    if (Array.isArray(parsed)) throw new Error('table rejected');
    expect(parsed.tiers[lookupTierIndex(parsed.tiers, new D(300))]?.amount.toString()).toBe('11.605');
  });

  it('the fixture table rebuilt with the recurrence is continuous', () => {
    const parsed = parseTierTable(table);
    expect(Array.isArray(parsed) ? false : parsed.continuous).toBe(true);
  });
});

describe('Binance COIN-M self-consistent bracket', () => {
  // 99,000 contracts × 100 USD = 9.9M USD = 198 BTC at 50,000 (10 % bracket); at the liquidation price of a long the
  // coin notional is above 200 BTC (≈ 204), in the 12.5 % bracket.
  const long: PositionInput = {
    venue: 'binance-coinm', symbol: 'BTCUSD_PERP', marginMode: 'isolated', side: 'long',
    entryPrice: '50000', markPrice: '50000', quantity: '99000', quantityUnit: 'contracts', leverage: '10',
  };

  it('iterates to the bracket that holds the notional at the liquidation price', () => {
    const a = ok(long);
    expect(a.tier.index).toBe(6);
    expect(a.tier.maintenanceMarginRate).toBe('0.125');
    const coinAtLiq = new D('9900000').div(a.liquidationPrice ?? '1');
    expect(coinAtLiq.gt(200) && coinAtLiq.lte(400)).toBe(true);
    expect(a.tier.basisValue).toBe(coinAtLiq.toString());
  });

  it('equals the derived closed form with that bracket’s MMR and cum', () => {
    const a = ok(long);
    const doc = docLiquidationPrice({
      WB: new D('9900000').div('50000').div(10), TMM1: new D(0), UPNL1: new D(0), cum: new D(a.tier.maintenanceAmount),
      side: 1, Q: new D(99000), CS: new D(100), EP: new D(50000), MMR: new D('0.125'),
    });
    expect(new D(a.liquidationPrice ?? '0').minus(doc).abs().lt('1e-20')).toBe(true);
  });

  it('defaults BTCUSD contracts to 100 USD and says so', () => {
    const a = ok(long);
    expect(a.size.faceValue).toBe('9900000');
    expect(a.assumptions.find((x) => x.code === 'contract-size-default')?.message).toMatch(/100 USD/);
  });

  it('rejects linear contracts with a pointer to binance-usdm', () => {
    const r = assess({ ...long, contract: 'linear' }, { tiers: table });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'contract', code: 'unsupported' });
  });
});
