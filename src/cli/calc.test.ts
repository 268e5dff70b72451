import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine, boundedLines } from './calc';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'src/cli/calc.ts');

function run(args: string[], stdin = ''): { stdout: string; stderr: string; status: number | null } {
  // The timeout only stops a hung process so the test can fail; no figure depends on time.
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot, input: stdin, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

/** Starting tsx in a child process takes seconds on a loaded machine: a harness limit, not a measurement. */
const SPAWN_TIMEOUT = 120_000;

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
  }, SPAWN_TIMEOUT);

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
  }, SPAWN_TIMEOUT);

  it('prints nothing but JSON on stdout, even for empty input', () => {
    expect(run([], '').stdout).toBe('');
    expect(run([], '\n\n').stdout).toBe('');
  }, SPAWN_TIMEOUT);

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

describe('calc CLI: bounded work on hostile input (attack review)', () => {
  it('a 45 MB line of million-digit numbers is dropped as it streams, answered briefly, and the next line still answered', () => {
    const million = '9'.repeat(1_000_000);
    const giant = JSON.stringify({ ...btc, entryPrice: million, markPrice: million, quantity: million, notes: Array.from({ length: 42 }, () => million) });
    expect(giant.length).toBeGreaterThan(45_000_000);
    const r = run([], `${giant}\n${JSON.stringify(btc)}\n`);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    // Never more than a short prefix of the bad input comes back.
    expect(lines[0]?.length).toBeLessThan(400);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ ok: false, errors: [{ code: 'line-too-long' }] });
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ ok: true });
  }, 180_000);

  it('50 MB of fraction digits in one number: the same, without holding the line', () => {
    const r = run([], `{"venue":"binance-usdm","entryPrice":"0.${'1'.repeat(50_000_000)}"}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeLessThan(400);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, errors: [{ code: 'line-too-long' }] });
  }, 180_000);

  it('a number longer than 80 characters inside a normal line is a field error that quotes a short prefix', () => {
    const out = answerLine(JSON.stringify({ ...btc, quantity: `0.${'5'.repeat(100_000)}` }), '2026-11-22T00:00:00Z') as { ok: boolean; errors: { field: string; code: string; message: string }[] };
    expect(out.ok).toBe(false);
    expect(out.errors[0]).toMatchObject({ field: 'quantity', code: 'too-long' });
    expect(JSON.stringify(out).length).toBeLessThan(400);
    // Exponents are bounded too: 1e-999999999 would print a billion zeros.
    expect(answerLine(JSON.stringify({ ...btc, quantity: '1e-999999999' }), '2026-11-22T00:00:00Z')).toMatchObject({ ok: false, errors: [{ field: 'quantity', code: 'not-a-number' }] });
  });

  it('malformed JSON and symbols are echoed only as a short prefix', () => {
    const junk = `{"venue": ${'x'.repeat(200_000)}`;
    expect(JSON.stringify(answerLine(junk, '2026-11-22T00:00:00Z')).length).toBeLessThan(400);
    const sym = answerLine(JSON.stringify({ ...btc, venue: 'v'.repeat(100_000) }), '2026-11-22T00:00:00Z');
    expect(JSON.stringify(sym).length).toBeLessThan(1000);
  });

  it('splits stdin into lines without ever holding more than the cap', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield 'ab';
      yield 'c\nxxxxxxxx';
      yield 'xxxx\r\nlast';
    }
    const seen = [];
    for await (const l of boundedLines(chunks(), 8)) seen.push(l);
    expect(seen).toEqual([{ line: 'abc' }, { tooLong: 'xxxxxxxxxxxx' }, { line: 'last' }]);
  });
});

describe('calc CLI: context with wrong types is a field error, never an internal error', () => {
  const cases: [string, unknown][] = [
    ['context', 'fast'],
    ['context', [1, 2]],
    ['context.thresholds', 5],
    ['context.thresholds', { distancePercent: { caution: 15, danger: '5', critical: '2' }, leverage: { caution: '10', danger: '25', critical: '75' } }],
    ['context.tiers', 'BTCUSDT'],
    ['context.tiers', { venue: 1, symbol: [], tiers: {} }],
    // Both ended in internal-error before: a symbol that is not text, checked against the position's.
    ['context.tiers', { venue: 'binance-usdm', symbol: 5, tiers: [] }],
    ['context.volatility', { sigmaDaily: {} }],
    ['context.gapPercents', '5'],
    ['context.gapPercents', [{}]],
    ['context.fundingHours', [true]],
    ['context.priceFor', { price: 1 }],
    ['context.now', 5],
  ];
  it.each(cases)('%s = %j', (field, value) => {
    const key = field.split('.')[1];
    const context = key === undefined ? value : { [key]: value };
    const out = answerLine(JSON.stringify({ ...btc, context }), '2026-11-22T00:00:00Z') as { ok: boolean; errors: { field: string; code: string }[] };
    expect(out.ok).toBe(false);
    expect(out.errors[0]).toMatchObject({ field, code: 'wrong-type' });
  });

  it('a tier table with junk rows is refused with the table’s problems, not an internal error', () => {
    const tiers = { venue: 'binance-usdm', symbol: 'BTCUSDT', basis: 'notional', source: 'live', capturedAt: '2026-11-01', tiers: [{ floor: {}, cap: null }] };
    const out = answerLine(JSON.stringify({ ...btc, maintenanceMarginRate: undefined, context: { tiers } }), '2026-11-22T00:00:00Z');
    expect(out).toMatchObject({ ok: false, errors: [{ field: 'tiers', code: 'bad-tier-table' }] });
  });

  it('a tierProvider (not JSON) is ignored, never called: an internal error before', () => {
    const out = answerLine(JSON.stringify({ ...btc, maintenanceMarginRate: undefined, context: { tierProvider: {} } }), '2026-11-22T00:00:00Z');
    expect(out).toMatchObject({ ok: false, errors: [{ field: 'maintenanceMarginRate', code: 'missing-tier-data' }] });
  });

  it('an unknown context key is reported as ignored, and the line is still answered', () => {
    const out = answerLine(JSON.stringify({ ...btc, context: { tierProvider: {}, priceFor: '63000' } }), '2026-11-22T00:00:00Z') as { ok: boolean; warnings: { code: string; field: string }[] };
    expect(out.ok).toBe(true);
    expect(out.warnings).toContainEqual(expect.objectContaining({ code: 'ignored-field', field: 'context.tierProvider' }));
  });
});

describe('calc CLI self-check', () => {
  it('a line with venueLiquidationPrice is assessed as an open position and answered with selfCheck', () => {
    const out = answerLine(JSON.stringify({ ...btc, tickSize: '0.1', venueLiquidationPrice: '57229' }), '2026-11-22T00:00:00Z') as {
      ok: boolean;
      positionStatus: string;
      selfCheck: { verdict: string; venue: string; ours: string; gapPercent: string; likelyCause: unknown };
    };
    expect(out.ok).toBe(true);
    expect(out.positionStatus).toBe('open');
    expect(out.selfCheck).toMatchObject({ verdict: 'match', venue: '57229', ours: '57229.0', likelyCause: null });
    const off = answerLine(JSON.stringify({ ...btc, tickSize: '0.1', venueLiquidationPrice: '56000.0' }), '2026-11-22T00:00:00Z') as { selfCheck: { verdict: string; likelyCause: { code: string; message: string } } };
    expect(off.selfCheck.verdict).toBe('mismatch');
    expect(off.selfCheck.likelyCause.message.length).toBeGreaterThan(40);
  });

  it('a bad venueLiquidationPrice is a field error', () => {
    expect(answerLine(JSON.stringify({ ...btc, venueLiquidationPrice: 'n/a' }), '2026-11-22T00:00:00Z')).toMatchObject({ ok: false, errors: [{ field: 'venueLiquidationPrice' }] });
  });
});
