import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_CHARS } from '../background/market/fetcher';
import { marketLine } from './market';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'src/cli/market.ts');
const realFile = (f: string) => readFileSync(path.join(repoRoot, 'src/core/market/fixtures/real', f), 'utf8');
const AT = '2026-12-06T00:00:00.000Z';

describe('market CLI', () => {
  it('prints one JSON line for a real answer on stdin, exit 0; one error line and exit 1 for a bad one', () => {
    // One process run each way: starting tsx is the slow part, the reading itself is the tested code below.
    const ok = spawnSync(process.execPath, ['--import', 'tsx', cli, 'gate', 'tiers', 'BTC_USDT'], { cwd: repoRoot, input: realFile('gate-risk-limit-tiers-BTC_USDT.json'), encoding: 'utf8', timeout: 60_000 });
    expect(ok.status).toBe(0);
    const lines = ok.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: true, venue: 'gate', symbol: 'BTC_USDT', kind: 'tiers', value: { tiers: expect.arrayContaining([{ maxNotional: '500000', maintenanceMarginRate: '0.003', maintenanceAmount: '0', maxLeverage: '200' }]) } });
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, 'gate', 'tiers', 'BTC_USDT'], { cwd: repoRoot, input: '<html>502</html>', encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({ ok: false, error: expect.stringContaining('not valid JSON') });
  }, 120_000);

  it('says how to call it, refuses empty, oversized and malformed input without echoing it', () => {
    expect(marketLine(['gate', 'tiers'], '[]', AT)).toMatchObject({ ok: false, error: expect.stringContaining('usage') });
    expect(marketLine(['gate', 'tiers', 'BTC_USDT'], '   ', AT)).toMatchObject({ ok: false, error: 'No response on standard input.' });
    const huge = '[' + '1,'.repeat(MAX_BODY_CHARS / 2) + '1]';
    expect(marketLine(['gate', 'tiers', 'BTC_USDT'], huge, AT)).toMatchObject({ ok: false, error: expect.stringContaining('more than') });
    const long = `{"x":"${'9'.repeat(100_000)}`;
    const r = marketLine(['gate', 'tiers', 'BTC_USDT'], long, AT);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r).length).toBeLessThan(300);
  });

  it('answers for every kind with the documented value shapes', () => {
    expect(marketLine(['gate', 'spec', 'BTC_USDT'], realFile('gate-contract-BTC_USDT.json'), AT)).toEqual({
      ok: true, venue: 'gate', symbol: 'BTC_USDT', kind: 'spec', value: { contract: 'linear', contractSize: '0.0001', tickSize: '0.1', lotSize: '1', maxLeverage: '200' },
    });
    expect(marketLine(['gate', 'mark', 'BTC_USDT'], realFile('gate-contract-BTC_USDT.json'), AT)).toEqual({ ok: true, venue: 'gate', symbol: 'BTC_USDT', kind: 'mark', value: { markPrice: '83760.7', at: AT } });
    expect(marketLine(['hyperliquid', 'tiers', 'BTC'], realFile('hyperliquid-meta.json'), AT)).toMatchObject({ ok: true, value: { tiers: [{ maxNotional: '150000000' }, { maxNotional: null }] } });
    expect(marketLine(['gate', 'candles', 'BTC_USDT'], realFile('gate-candlesticks-BTC_USDT.json'), AT)).toMatchObject({ ok: true, value: { candles: expect.arrayContaining([{ openTime: 1790349960000, close: '83817.9' }]) } });
  });
});
