import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine } from './calc';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'src/cli/calc.ts');

function run(args: string[], stdin = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const btc = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long',
  entryPrice: '60000', markPrice: '60000', quantity: '0.5', quantityUnit: 'base', leverage: '20', maintenanceMarginRate: '0.004',
};

describe('calc CLI', () => {
  it('answers one JSON line per position on stdin, skips blank lines, and survives malformed JSON', () => {
    const stdin = [JSON.stringify(btc), '', '   ', '{"venue": "bybit", oops', JSON.stringify({ ...btc, entryPrice: '-1' }), '42', JSON.stringify({ ...btc, side: 'short' })].join('\n') + '\n';
    const r = run([], stdin);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const out = lines.map((l) => JSON.parse(l) as { ok: boolean; liquidationPrice?: string; errors?: { field: string; code: string }[] });
    expect(out.map((o) => o.ok)).toEqual([true, false, false, false, true]);
    expect(out[0]?.liquidationPrice).toMatch(/^57\d{3}\./);
    expect(out[1]?.errors?.[0]?.code).toBe('malformed-json');
    expect(out[2]?.errors?.[0]).toMatchObject({ field: 'entryPrice', code: 'not-positive' });
    expect(out[3]?.errors?.[0]?.code).toBe('not-an-object');
  });

  it('answers a position given as an argument, with the documented output fields', () => {
    const r = run(['--', JSON.stringify(btc)]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    for (const k of ['ok', 'liquidationPrice', 'bankruptcyPrice', 'distancePercent', 'initialMargin', 'maintenanceMargin', 'lossAtLiquidation', 'marginAtRisk', 'severity', 'assumptions', 'warnings']) {
      expect(o).toHaveProperty(k);
    }
    expect(Object.keys(o).slice(0, 4)).toEqual(['ok', 'liquidationPrice', 'bankruptcyPrice', 'distancePercent']);
  });

  it('prints nothing but JSON on stdout, even for empty input', () => {
    expect(run([], '').stdout).toBe('');
    expect(run([], '\n\n').stdout).toBe('');
  });

  it('passes an optional context object through (priceFor)', () => {
    const o = answerLine(JSON.stringify({ ...btc, context: { priceFor: '63000' } }), '2026-11-22T00:00:00Z');
    expect(o).toMatchObject({ ok: true, pnlAtPrice: { price: '63000', pnl: '1500' } });
  });
});

describe('calc CLI policy answer', () => {
  it('adds canLoseMoreThanMargin when the line names an account mode, using the chosen gap', () => {
    const line = JSON.stringify({ ...btc, venue: 'binance-usdm', accountMode: 'portfolio_margin_unified_account', region: 'other', gapPercent: '25' });
    const out = answerLine(line, '2026-11-22T00:00:00Z') as { ok: boolean; gapStress: { gapPercent: string; deficit: string }[]; canLoseMoreThanMargin: { verdict: string; amountAtStake: { gapPercent?: string; deficitAtGap?: string; amount?: string; scope: string } } };
    expect(out.ok).toBe(true);
    const row = out.gapStress.find((r) => r.gapPercent === '25');
    expect(row).toBeDefined();
    expect(out.canLoseMoreThanMargin.verdict).toBe('yes-you-owe');
    expect(out.canLoseMoreThanMargin.amountAtStake).toMatchObject({ scope: 'position-margin', gapPercent: '25', deficitAtGap: row?.deficit, amount: '1500' });
  });

  it('shows each account-mode case when the mode is named but unknown to us, and is never "protected" by default', () => {
    const out = answerLine(JSON.stringify({ ...btc, accountMode: null }), '2026-11-22T00:00:00Z') as { canLoseMoreThanMargin: { verdict: string; cases?: unknown[] } };
    expect(out.canLoseMoreThanMargin.verdict).toBe('depends');
    expect(out.canLoseMoreThanMargin.cases?.length).toBe(2);
  });

  it('leaves the policy out when no account mode is named', () => {
    const out = answerLine(JSON.stringify(btc), '2026-11-22T00:00:00Z');
    expect(out).not.toHaveProperty('canLoseMoreThanMargin');
  });
});
