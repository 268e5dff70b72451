import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canLoseMoreThanMargin, listAccountModes } from './answer';
import { ENGINE_VENUE_POLICY_IDS } from './engine-venues';
import { POLICY_DATA } from './policies.generated';
import type { PolicyAnswer, Verdict } from './types';

// Fixed date so staleness does not drift with the clock.
const now = '2026-11-30';
const ask = (q: Parameters<typeof canLoseMoreThanMargin>[0]) => canLoseMoreThanMargin({ now, ...q });
const codes = (a: PolicyAnswer) => a.caveats.map((c) => c.code);

/**
 * Expected verdicts, written out from research/exchange-policies.md §2 (not derived from the
 * code under test): venue -> verdict, and for mode-dependent venues each mode's verdict.
 */
const EXPECTED: Record<string, Verdict | Record<string, Verdict>> = {
  binance: { usdm_coinm_classic_wallet: 'only-if-fund-and-adl-fail', portfolio_margin_unified_account: 'yes-you-owe' },
  bybit: { derivatives_position_liquidation: 'only-if-fund-and-adl-fail', uta_with_borrowing_or_spot_margin: 'yes-you-owe' },
  okx: { futures_mode_single_currency_or_isolated: 'only-if-fund-and-adl-fail', multi_currency_cross: 'yes-you-owe' },
  bitget: 'only-if-fund-and-adl-fail',
  gate: 'only-if-fund-and-adl-fail',
  kucoin: 'only-if-fund-and-adl-fail',
  mexc: 'only-if-fund-and-adl-fail',
  bingx: 'only-if-fund-and-adl-fail',
  bitmex: 'no',
  deribit: 'only-if-fund-and-adl-fail',
  kraken_futures: 'no',
  coinbase_intx: 'only-if-fund-and-adl-fail',
  coinbase_cfm: 'yes-you-owe',
  cryptocom: 'only-if-fund-and-adl-fail',
  hyperliquid: 'protocol-bounded',
  dydx_v4: 'protocol-bounded',
  gmx: 'protocol-bounded',
  margex: 'unknown',
  mudrex: 'unknown',
  delta_exchange: 'no',
  cme: 'yes-you-owe',
};

describe('verdict per venue and account mode matches the research', () => {
  it('covers exactly the venues in the data', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(POLICY_DATA.venues.map((v) => v.id).sort());
  });

  for (const [venue, expected] of Object.entries(EXPECTED)) {
    if (typeof expected === 'string') {
      it(`${venue} -> ${expected}`, () => {
        const a = ask({ venue });
        expect(a.verdict).toBe(expected);
        expect(a.venue?.id).toBe(venue);
        expect(a.sources.length + (expected === 'unknown' ? 1 : 0)).toBeGreaterThan(0);
      });
    } else {
      it(`${venue} without an account mode -> depends, one case per mode`, () => {
        const a = ask({ venue });
        expect(a.verdict).toBe('depends');
        expect(a.cases?.map((c) => [c.accountMode?.id, c.verdict])).toEqual(Object.entries(expected));
        expect(codes(a)).toContain('account-mode-not-given');
        for (const c of a.cases ?? []) expect(c.caseLabel).not.toBe('');
      });
      for (const [mode, verdict] of Object.entries(expected)) {
        it(`${venue} / ${mode} -> ${verdict}`, () => {
          const a = ask({ venue, accountMode: mode });
          expect(a.verdict).toBe(verdict);
          expect(a.accountMode?.id).toBe(mode);
          expect(a.cases).toBeUndefined();
          expect(a.sources.length).toBeGreaterThan(0);
        });
      }
    }
  }

  it('the Coinbase FCM answer says you would owe', () => {
    const a = ask({ venue: 'coinbase_cfm', region: 'US' });
    expect(a.verdict).toBe('yes-you-owe');
    expect(a.headline).toMatch(/^Yes/);
    expect(a.sources.map((s) => s.id)).toContain('C08');
    expect(a.confidence).toBe('high');
  });

  it('Kraken Futures says no, with high confidence and its Equity Protection Process source', () => {
    const a = ask({ venue: 'kraken-futures' });
    expect(a.venue?.id).toBe('kraken_futures');
    expect(a.verdict).toBe('no');
    expect(a.confidence).toBe('high');
    expect(a.sources.map((s) => s.id)).toContain('KR01');
  });

  it('on-chain venues are protocol-bounded with an on-chain backstop, not "you owe"', () => {
    for (const venue of ['hyperliquid', 'dydx_v4']) {
      const a = ask({ venue, marginMode: 'isolated', amounts: { margin: '100', deficitAtGap: '12' } });
      expect(a.verdict).toBe('protocol-bounded');
      expect(a.amountAtStake.deficitBorneBy).toBe('protocol-backstop');
    }
  });

  it('listAccountModes gives the modes with labels, by policy or engine id', () => {
    expect(listAccountModes('binance-coinm')).toEqual([
      { id: 'usdm_coinm_classic_wallet', label: 'Classic USDⓈ-M / COIN-M futures wallet' },
      { id: 'portfolio_margin_unified_account', label: 'Portfolio Margin / unified account' },
    ]);
    expect(listAccountModes('kraken_futures')).toEqual([]);
    expect(listAccountModes('nowhere')).toEqual([]);
  });
});

describe('engine venue ids', () => {
  it('map onto policy venues that exist, or to null', () => {
    for (const [engineId, policyId] of Object.entries(ENGINE_VENUE_POLICY_IDS)) {
      if (policyId !== null) expect(POLICY_DATA.venues.some((v) => v.id === policyId), engineId).toBe(true);
    }
  });

  it('binance-usdm and binance-coinm resolve to the Binance entry', () => {
    expect(ask({ venue: 'binance-usdm' }).venue?.id).toBe('binance');
    expect(ask({ venue: 'binance-coinm', accountMode: 'portfolio_margin_unified_account' }).verdict).toBe('yes-you-owe');
  });

  it.each(['phemex', 'generic'])('%s (engine venue without policy research) is unknown, not protected', (venue) => {
    const a = ask({ venue, marginMode: 'cross', amounts: { wallet: '1000', deficitAtGap: '50' } });
    expect(a.verdict).toBe('unknown');
    expect(a.venue).toBeNull();
    expect(codes(a)).toContain('no-policy-data');
    expect(a.amountAtStake.deficitBorneBy).toBe('unknown');
    expect(a.amountAtStake.text).toContain('unknown');
  });
});

describe('honest answers', () => {
  it('an unknown venue is unknown with low confidence and no sources', () => {
    const a = ask({ venue: 'NotAnExchange' });
    expect(a).toMatchObject({ verdict: 'unknown', venue: null, confidence: 'low', sources: [] });
    expect(codes(a)).toContain('unknown-venue');
    expect(a.headline).toContain('Do not assume you are protected');
  });

  it('an empty or non-string venue is unknown, without throwing', () => {
    expect(ask({ venue: '' }).verdict).toBe('unknown');
    expect(canLoseMoreThanMargin({ venue: 42 as unknown as string }).verdict).toBe('unknown');
  });

  it('a missing account mode shows every case and says which input is missing', () => {
    const a = ask({ venue: 'bybit', marginMode: 'cross', amounts: { wallet: '900', deficitAtGap: '40', gapPercent: '15' } });
    expect(a.verdict).toBe('depends');
    expect(a.amountAtStake.deficitBorneBy).toBe('depends');
    expect(a.cases?.map((c) => c.amountAtStake.deficitBorneBy)).toEqual(['venue-backstops-then-unclear', 'you']);
    const missing = a.caveats.find((c) => c.code === 'account-mode-not-given');
    expect(missing?.severity).toBe('warning');
  });

  it('an account mode we do not know is reported and treated as not given', () => {
    const a = ask({ venue: 'okx', accountMode: 'portfolio' });
    expect(a.verdict).toBe('depends');
    expect(a.caveats.find((c) => c.code === 'unknown-account-mode')?.message).toContain('"portfolio"');
  });

  it('low-confidence data says so in the headline and as a warning', () => {
    for (const venue of ['gmx', 'margex', 'mudrex']) {
      const a = ask({ venue });
      expect(a.confidence).toBe('low');
      expect(a.caveats.some((c) => c.code === 'low-confidence' && c.severity === 'warning')).toBe(true);
    }
    expect(ask({ venue: 'gmx' }).headline).toContain('(low confidence)');
    // Bybit's per-mode ratings are medium, but its NBP picture as a whole is low.
    const bybit = ask({ venue: 'bybit', accountMode: 'derivatives_position_liquidation' });
    expect(bybit.confidence).toBe('low');
    expect(codes(bybit)).toContain('contradiction');
  });

  it('contradictions and risk warnings that undercut a verdict are shown', () => {
    const cdc = ask({ venue: 'cryptocom' });
    expect(cdc.caveats.find((c) => c.code === 'contradiction')?.contradictionId).toBe('X-CRYPTOCOM-WARNING');
    expect(codes(cdc)).toContain('risk-warning-says-can-lose-more');
    expect(ask({ venue: 'binance' }).caveats.map((c) => c.contradictionId)).toContain('X-BINANCE-NBP-SEED');
  });

  it('a "no" from a blog rather than the contract says so', () => {
    const a = ask({ venue: 'bitmex' });
    expect(a.verdict).toBe('no');
    expect(codes(a)).toContain('not-contractual');
  });

  it('never answers "no" unless the venue itself says so, whatever the input', () => {
    const explicitVenues = new Set(POLICY_DATA.venues.filter((v) => v.nbp.status === 'explicit').map((v) => v.id));
    const venueArb = fc.oneof(
      fc.constantFrom(...POLICY_DATA.venues.map((v) => v.id), ...Object.keys(ENGINE_VENUE_POLICY_IDS)),
      fc.string(),
    );
    fc.assert(
      fc.property(venueArb, fc.option(fc.string()), fc.option(fc.string()), fc.option(fc.string()), (venue, accountMode, region, margin) => {
        const a = canLoseMoreThanMargin({
          venue,
          now,
          ...(accountMode === null ? {} : { accountMode }),
          ...(region === null ? {} : { region }),
          ...(margin === null ? {} : { amounts: { margin } }),
        });
        if (a.verdict === 'no') expect(explicitVenues.has(a.venue?.id ?? '')).toBe(true);
        const text = JSON.stringify(a);
        expect(text).not.toMatch(/NaN|Infinity|undefined/);
      }),
      { numRuns: 400 },
    );
  });
});

describe('amount at stake', () => {
  it('isolated: the position margin; cross: the wallet; strings pass through unchanged', () => {
    const iso = ask({ venue: 'bitget', marginMode: 'isolated', amounts: { margin: '120.50', wallet: '9000', deficitAtGap: '0.000001', gapPercent: '12.5' } });
    expect(iso.amountAtStake).toMatchObject({ scope: 'position-margin', amount: '120.50', deficitAtGap: '0.000001', gapPercent: '12.5' });
    expect(iso.amountAtStake.text).toContain('120.50');
    expect(iso.amountAtStake.text).toContain('a 12.5% gap');
    const cross = ask({ venue: 'bitget', marginMode: 'cross', amounts: { margin: '120.50', wallet: '9000' } });
    expect(cross.amountAtStake).toMatchObject({ scope: 'cross-wallet', amount: '9000' });
  });

  it('without a margin mode it does not pick one', () => {
    const a = ask({ venue: 'bitget', amounts: { margin: '1', wallet: '2' } });
    expect(a.amountAtStake.scope).toBe('unknown');
    expect(a.amountAtStake.amount).toBeUndefined();
    expect(codes(a)).toContain('margin-mode-not-given');
  });

  it('who carries the deficit follows the verdict', () => {
    const at = (venue: string, accountMode?: string) =>
      ask({ venue, marginMode: 'cross', amounts: { wallet: '10', deficitAtGap: '3' }, ...(accountMode ? { accountMode } : {}) }).amountAtStake;
    expect(at('coinbase_cfm', undefined).text).toContain('which you would owe');
    expect(at('kraken_futures').deficitBorneBy).toBe('venue');
    expect(at('binance', 'usdm_coinm_classic_wallet').text).toContain('nothing promises you are never charged');
    expect(at('binance', 'portfolio_margin_unified_account').deficitBorneBy).toBe('you');
  });

  it('a zero deficit is reported as none', () => {
    const a = ask({ venue: 'cme', marginMode: 'cross', amounts: { wallet: '5000', deficitAtGap: '0.00', gapPercent: '10' } });
    expect(a.amountAtStake.text).toContain('no deficit');
  });

  it('malformed amounts are dropped with a message naming the field', () => {
    const a = ask({
      venue: 'okx',
      accountMode: 'multi_currency_cross',
      marginMode: 'isolated',
      amounts: { margin: '1e3', deficitAtGap: '-5', gapPercent: 'NaN', wallet: 12 as unknown as string },
    });
    expect(a.amountAtStake.amount).toBeUndefined();
    expect(a.amountAtStake.deficitAtGap).toBeUndefined();
    const messages = a.caveats.filter((c) => c.code === 'invalid-input').map((c) => c.message);
    expect(messages).toHaveLength(4);
    for (const field of ['margin', 'deficitAtGap', 'gapPercent', 'wallet']) {
      expect(messages.some((m) => m.startsWith(`amounts.${field} `))).toBe(true);
    }
  });

  it('a bad margin mode is reported, not guessed', () => {
    const a = ask({ venue: 'okx', marginMode: 'portfolio' as unknown as 'cross' });
    expect(a.amountAtStake.scope).toBe('unknown');
    expect(a.caveats.some((c) => c.code === 'invalid-input' && c.message.startsWith('marginMode'))).toBe(true);
  });

  it('a margin mode the venue does not list is flagged', () => {
    expect(codes(ask({ venue: 'cryptocom', marginMode: 'isolated' }))).toContain('margin-mode-not-listed');
    expect(codes(ask({ venue: 'bitget', marginMode: 'isolated' }))).not.toContain('margin-mode-not-listed');
  });
});

describe('staleness with a fixed now', () => {
  const stale = (a: PolicyAnswer) => a.caveats.filter((c) => c.code === 'stale-source');

  it('BitMEX (blog of 2020-03-23) is fresh within 12 months and stale after', () => {
    expect(stale(ask({ venue: 'bitmex', now: '2021-03-23' }))).toHaveLength(0);
    const later = stale(ask({ venue: 'bitmex', now: '2021-03-24' }));
    expect(later).toHaveLength(1);
    expect(later[0]?.message).toContain('2020-03-23');
    expect(later[0]?.severity).toBe('warning');
  });

  it('an approximate date ("2021") counts from the start of its period', () => {
    expect(stale(ask({ venue: 'cryptocom', now: '2022-01-01' }))).toHaveLength(0);
    expect(stale(ask({ venue: 'cryptocom', now: '2022-01-02' }))[0]?.message).toContain('approximate');
  });

  it('undated sources give an informational note, not a staleness claim', () => {
    const a = ask({ venue: 'kraken_futures' });
    expect(stale(a)).toHaveLength(0);
    expect(a.caveats.find((c) => c.code === 'undated-source')?.severity).toBe('info');
  });

  it('per-mode facts are judged on their own sources', () => {
    const a = ask({ venue: 'binance', now: '2025-06-01' });
    const [classic, unified] = a.cases ?? [];
    expect(classic?.caveats.map((c) => c.code)).toContain('stale-source'); // B02, 2019
    expect(unified?.caveats.map((c) => c.code)).not.toContain('stale-source'); // B08, 2025-01-14
  });

  it('a timestamp is accepted; garbage is reported and today is used', () => {
    expect(codes(ask({ venue: 'bitmex', now: '2021-03-23T23:59:59Z' }))).not.toContain('stale-source');
    expect(codes(ask({ venue: 'bitmex', now: 'yesterday' }))).toContain('invalid-input');
  });
});

describe('region and regulation', () => {
  it('Coinbase futures from the EU: the US answer does not apply, so unknown', () => {
    const a = ask({ venue: 'coinbase_cfm', region: 'EU' });
    expect(a.verdict).toBe('unknown');
    expect(a.reasons).toContain('Coinbase Financial Services Europe');
    expect(a.regulatory.map((n) => n.id)).toContain('eu-esma-retail-mifid');
  });

  it('Coinbase futures without a region: the US answer, with the EU case shown', () => {
    const a = ask({ venue: 'coinbase_cfm' });
    expect(a.verdict).toBe('yes-you-owe');
    expect(a.cases?.map((c) => [c.region ?? null, c.verdict])).toEqual([
      [null, 'yes-you-owe'],
      ['EU', 'unknown'],
    ]);
    expect(a.caveats.find((c) => c.code === 'region-not-given')?.severity).toBe('warning');
  });

  it('EU + offshore venue: ESMA binds MiFID firms, not automatically this venue', () => {
    const a = ask({ venue: 'binance', accountMode: 'usdm_coinm_classic_wallet', region: 'EU' });
    expect(a.verdict).toBe('only-if-fund-and-adl-fail');
    const note = a.regulatory.find((n) => n.id === 'eu-esma-retail-offshore');
    expect(note?.text).toContain('does not bring those protections automatically');
    expect(note?.text).toContain('24 Feb 2026');
    expect(a.regulatory.find((n) => n.id === 'eu-venue-withdrew')?.text).toMatch(/DE.*IT.*NL/);
  });

  it('EU + venue with a MiFID entity: protection may apply, with the 5-year future caveat', () => {
    const a = ask({ venue: 'okx', region: 'eea' });
    expect(a.region).toBe('EU');
    const note = a.regulatory.find((n) => n.id === 'eu-esma-retail-mifid');
    expect(note?.text).toContain('OKX Europe Markets Limited');
    expect(note?.text).toContain('5-year');
    expect(note?.text).toContain('not confirmed');
    expect(codes(a)).toContain('entity-differs-in-region');
  });

  it('EU + Bybit: MiCA covers no derivatives', () => {
    const a = ask({ venue: 'bybit', region: 'EU' });
    expect(a.regulatory.find((n) => n.id === 'eu-mica-no-derivatives')?.text).toContain('Bybit EU GmbH');
  });

  it('UK: "not permitted for retail", never "NBP applies"', () => {
    for (const venue of ['binance', 'kraken_futures', 'hyperliquid', 'somewhere']) {
      const a = ask({ venue, region: 'gb' });
      const note = a.regulatory.find((n) => n.id === 'uk-retail-ban');
      expect(note?.text).toContain('not permitted');
      expect(note?.text).toContain('6 Jan 2021');
      expect(a.regulatory.some((n) => /negative balance protection applies/i.test(n.text))).toBe(false);
    }
  });

  it('US: CFTC-regulated venues hold you liable; offshore venues are not protected by US rules', () => {
    expect(ask({ venue: 'coinbase_cfm', region: 'US' }).regulatory[0]?.id).toBe('us-cftc');
    const cdc = ask({ venue: 'cryptocom', region: 'US' });
    expect(cdc.regulatory.map((n) => n.id)).toEqual(['us-cftc-offshore', 'us-venue-restricted']);
  });

  it('AU: Binance withdrew retail derivatives; other venues get an honest "no source" note', () => {
    const b = ask({ venue: 'binance', region: 'AU' });
    expect(b.regulatory[0]?.text).toContain('wholesale clients only');
    expect(codes(ask({ venue: 'bitget', region: 'AU' }))).toContain('no-regulatory-data');
  });

  it('settings-style "not told" values (null, "unknown") are absent, not errors', () => {
    const a = ask({ venue: 'binance', accountMode: null, region: 'unknown' });
    expect(a.verdict).toBe('depends');
    expect(codes(a)).not.toContain('unknown-region');
    expect(codes(a)).not.toContain('unknown-account-mode');
    expect(codes(a)).not.toContain('invalid-input');
  });

  it('an unknown region is reported and ignored', () => {
    const a = ask({ venue: 'bitget', region: 'Atlantis' });
    expect(a.region).toBeUndefined();
    expect(a.regulatory).toEqual([]);
    expect(codes(a)).toContain('unknown-region');
  });

  it('no region: no regulatory notes are invented', () => {
    expect(ask({ venue: 'kraken_futures' }).regulatory).toEqual([]);
  });

  it('every regulatory note carries sources with dates where the data has them', () => {
    const a = ask({ venue: 'okx', region: 'EU' });
    for (const n of a.regulatory) expect(n.sources.length).toBeGreaterThan(0);
    expect(a.regulatory[0]?.sources.map((s) => s.id)).toContain('R15');
  });
});

describe('sources', () => {
  it('carry URL, publisher, kind, date and the backed fact’s confidence; only http(s) get an href', () => {
    const a = ask({ venue: 'kraken_futures' });
    const kr01 = a.sources.find((s) => s.id === 'KR01');
    expect(kr01).toMatchObject({
      url: 'https://support.kraken.com/hc/en-us/articles/360022835671-Equity-Protection-Process',
      href: 'https://support.kraken.com/hc/en-us/articles/360022835671-Equity-Protection-Process',
      publisher: 'Kraken',
      kind: 'official',
      date: null,
      dateKind: 'undated',
      confidence: 'high',
    });
    const mudrex = ask({ venue: 'mudrex' }).sources.find((s) => s.id === 'MD04');
    expect(mudrex?.url).toMatch(/^github:/);
    expect(mudrex?.href).toBeUndefined();
  });
});
