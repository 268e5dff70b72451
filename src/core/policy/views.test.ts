import { describe, expect, it } from 'vitest';
import { POLICY_DATA } from './policies.generated';
import { getVenuePolicy, listVenuePolicies } from './views';

const now = '2026-11-30';

describe('listVenuePolicies', () => {
  it('lists all 21 venues in data order', () => {
    const ids = listVenuePolicies({ now }).map((v) => v.id);
    expect(ids).toHaveLength(21);
    expect(ids).toEqual(POLICY_DATA.venues.map((v) => v.id));
  });

  it('every fact shown carries sources or a caveat saying it has none', () => {
    for (const venue of listVenuePolicies({ now })) {
      for (const fact of [venue.nbp, venue.insuranceFund, venue.adl, venue.liquidation, venue.marginModes, venue.maxLeverage]) {
        const explained = fact.sources.length > 0 || fact.caveats.some((c) => c.code === 'no-source');
        expect(explained, venue.id).toBe(true);
      }
    }
  });
});

describe('getVenuePolicy', () => {
  it('resolves engine ids and returns null for venues without research', () => {
    expect(getVenuePolicy('binance-usdm')?.id).toBe('binance');
    expect(getVenuePolicy('phemex')).toBeNull();
    expect(getVenuePolicy('nope')).toBeNull();
  });

  it('Binance: modes with labels and verdicts, SAFU kept apart from the insurance fund', () => {
    const b = getVenuePolicy('binance', { now });
    expect(b?.verdict).toBe('depends');
    expect(b?.nbp.accountModes.map((m) => [m.label, m.verdict])).toEqual([
      ['Classic USDⓈ-M / COIN-M futures wallet', 'only-if-fund-and-adl-fail'],
      ['Portfolio Margin / unified account', 'yes-you-owe'],
    ]);
    expect(b?.insuranceFund.sizeUsd).toBeNull();
    expect(b?.insuranceFund.relatedFunds).toEqual([
      { name: 'SAFU', sizeUsd: 2030000000, asOf: '2024-04-03', isFuturesInsuranceFund: false, sources: ['B16'] },
    ]);
    expect(b?.nbp.platformPhrase).toMatchObject({ text: 'the Insurance Fund will balance the account back to 0', source: { id: 'B03' } });
  });

  it('max leverage comes with its date and a staleness caveat', () => {
    const b = getVenuePolicy('binance', { now });
    expect(b?.maxLeverage).toMatchObject({ value: 125, asOf: '2021-03-18' });
    expect(b?.maxLeverage.caveats.map((c) => c.code)).toContain('stale-source');
    const g = getVenuePolicy('bitget', { now: '2026-01-01' });
    expect(g?.maxLeverage).toMatchObject({ value: 150, asOf: '2025-09-26', confidence: 'high' });
    expect(g?.maxLeverage.caveats).toEqual([]);
  });

  it('liquidation fee, trigger and ADL labels', () => {
    const b = getVenuePolicy('binance', { now });
    expect(b?.liquidation.triggerPriceLabel).toBe('Mark price');
    expect(b?.liquidation.fee).toMatchObject({ name: 'insurance_clearance_fee', ratePctRange: [0.75, 2.25], confidence: 'low' });
    expect(getVenuePolicy('hyperliquid', { now })?.liquidation.fee).toMatchObject({ ratePct: 0 });
    expect(getVenuePolicy('dydx_v4', { now })?.liquidation.fee).toMatchObject({ maxRatePct: 1.5 });
    expect(getVenuePolicy('deribit', { now })?.adl.mechanismLabel).toBe('Socialised loss among winning traders');
    expect(getVenuePolicy('kraken_futures', { now })?.adl.mechanismLabel).toBe('Assignment to other traders, then unwind');
  });

  it('margin modes with default; unknown defaults stay null', () => {
    expect(getVenuePolicy('bitmex', { now })?.marginModes).toMatchObject({ offered: ['cross', 'isolated'], default: 'cross' });
    expect(getVenuePolicy('bybit', { now })?.marginModes).toMatchObject({ default: 'cross', defaultConfidence: 'low' });
    expect(getVenuePolicy('okx', { now })?.marginModes.default).toBeNull();
  });

  it('contradictions are listed both ways (OKX is named by X-SAFU-VS-IF even though its entry omits it)', () => {
    const okx = getVenuePolicy('okx', { now });
    expect(okx?.contradictions.map((c) => c.id)).toEqual(['X-OKX-LEVERAGE', 'X-OKX-SOCIALIZATION-HISTORY', 'X-SAFU-VS-IF']);
    for (const c of okx?.contradictions ?? []) expect(c.sources.length).toBeGreaterThan(0);
  });

  it('low-confidence facts carry a visible warning', () => {
    const mexc = getVenuePolicy('mexc', { now });
    expect(mexc?.maxLeverage).toMatchObject({ value: 500, confidence: 'low' });
    expect(mexc?.maxLeverage.caveats.find((c) => c.code === 'low-confidence')?.severity).toBe('warning');
  });

  it('url patterns with notes for what a URL cannot show', () => {
    expect(getVenuePolicy('gmx', { now })?.urlPatterns.note).toContain('fragment');
    expect(getVenuePolicy('margex', { now })?.urlPatterns.verified).toBe(false);
    expect(getVenuePolicy('cme', { now })?.urlPatterns.matches).toEqual([]);
  });
});
