/**
 * The command line with what people type: odd numbers, missing fields, files saved by other tools. Each line
 * gets an answer; a refusal names the field and says why; no answer carries NaN, Infinity, "undefined" or an
 * exception, and a figure is never given for a number LiqGuard could not read exactly as typed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../core/decimal';
import { answerLine } from './calc';

const NOW = '2026-12-07T00:00:00Z';
const base = { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '65000', markPrice: '65010.5', quantity: '0.5', quantityUnit: 'base', leverage: '20', maintenanceMarginRate: '0.004', takerFeeRate: '0.0005', tickSize: '0.1' };
type Out = { ok: boolean; liquidationPrice?: string | null; errors?: { field: string; code: string; message: string }[]; severity?: { level: string }; warnings?: { code: string }[] };
const ask = (line: Record<string, unknown> | string): Out => answerLine(typeof line === 'string' ? line : JSON.stringify(line), NOW) as Out;

/** Every string value in an answer, at any depth. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}
/** No figure is NaN or infinite, and no text says "undefined", "NaN" or "Infinity" unless it quotes what was typed. */
function clean(o: unknown, typed: string[] = []): boolean {
  return strings(o).every((s) => {
    let rest = s;
    for (const t of typed) rest = rest.split(t).join('');
    return !/\bNaN\b|Infinity|\bundefined\b|\[object /.test(rest);
  });
}

describe('calc CLI: numbers as people type them', () => {
  it('exponent notation is the same number: 6.5e4 is 65000', () => {
    expect(ask({ ...base, entryPrice: '6.5e4' }).liquidationPrice).toBe(ask(base).liquidationPrice);
    expect(ask({ ...base, quantity: '5e-1' }).liquidationPrice).toBe(ask(base).liquidationPrice);
  });

  it.each([
    ['65000,5', 'entryPrice', 'comma'],
    ['65,000.5', 'entryPrice', 'comma'],
    ['65 000', 'entryPrice', 'not a number'],
    ['65_000', 'entryPrice', 'not a number'],
    ['０６５０００', 'entryPrice', 'not a number'],
    ['0x10', 'entryPrice', 'not a number'],
    ['Infinity', 'entryPrice', 'not a number'],
    ['NaN', 'entryPrice', 'not a number'],
  ])('entry price "%s" is refused, naming %s (%s)', (typed, field, words) => {
    const o = ask({ ...base, entryPrice: typed });
    expect(o.ok).toBe(false);
    expect(o.errors?.[0]?.field).toBe(field);
    expect(o.errors?.[0]?.message).toContain(words === 'comma' ? 'comma' : 'is not a number');
    expect(clean(o, [typed])).toBe(true);
  });

  it('a JSON number too large or too small for a double is refused, not read as Infinity or 0 silently', () => {
    const big = ask(JSON.stringify(base).replace('"entryPrice":"65000"', '"entryPrice":1e400'));
    expect(big.errors?.[0]).toMatchObject({ field: 'entryPrice', code: 'not-a-number' });
    const lev = ask(JSON.stringify(base).replace('"leverage":"20"', '"leverage":1e400'));
    expect(lev.errors?.[0]).toMatchObject({ field: 'leverage', code: 'not-a-number' });
    const tiny = ask(JSON.stringify(base).replace('"quantity":"0.5"', '"quantity":1e-400'));
    expect(tiny.errors?.[0]).toMatchObject({ field: 'quantity', code: 'zero' });
    for (const o of [big, lev, tiny]) expect(clean(o)).toBe(true);
  });

  it.each([
    ['leverage', '0', 'zero'],
    ['leverage', '-5', 'not-positive'],
    ['leverage', '0.5', 'below-minimum'],
    ['leverage', '20x', 'not-a-number'],
    ['quantity', '0', 'zero'],
    ['quantity', '-1', 'not-positive'],
    ['quantity', '1e30', 'too-large'],
    ['maintenanceMarginRate', '1', 'above-maximum'],
    ['maintenanceMarginRate', '0.4%', 'not-a-number'],
    ['takerFeeRate', '1', 'above-maximum'],
    ['tickSize', '0', 'zero'],
    ['walletBalance', '-100', 'negative'],
  ])('%s "%s" is refused with %s', (field, typed, code) => {
    const o = ask({ ...base, ...(field === 'walletBalance' ? { marginMode: 'cross' } : {}), [field]: typed });
    expect(o.ok).toBe(false);
    expect(o.errors?.find((e) => e.field === field)?.code).toBe(code);
    expect(clean(o, [typed])).toBe(true);
  });

  it('leverage past what the maintenance rate allows gives a finite figure, liquidated where it fills, critical', () => {
    // 0.4 % maintenance: above 250× the initial margin is less than the maintenance margin.
    for (const leverage of ['1000', '1e6']) {
      const o = ask({ ...base, leverage });
      expect(o.ok).toBe(true);
      expect(o.severity?.level).toBe('critical');
      expect(o.warnings?.map((w) => w.code)).toContain('liquidated-on-fill');
      expect(clean(o)).toBe(true);
    }
  });

  it('a margin too large for any liquidation gives no price and says so, with no NaN', () => {
    const o = ask({ ...base, isolatedMargin: '1e9' });
    expect(o.ok).toBe(true);
    expect(o.liquidationPrice).toBeNull();
    expect(o.severity?.level).toBe('none');
    expect(clean(o)).toBe(true);
  });

  it('missing fields are each named', () => {
    const o = ask({});
    expect(o.ok).toBe(false);
    const fields = (o.errors ?? []).map((e) => e.field);
    for (const f of ['venue', 'marginMode', 'side', 'entryPrice', 'quantity']) expect(fields).toContain(f);
    expect(ask({ ...base, entryPrice: undefined }).errors?.[0]).toMatchObject({ field: 'entryPrice', code: 'required' });
    expect(clean(o)).toBe(true);
  });
});

describe('calc CLI: what else people type', () => {
  it('spaces around a number, a leading plus and words in capitals read as meant', () => {
    const want = ask(base).liquidationPrice;
    expect(want).toMatch(/^61997\.99/);
    for (const line of [{ ...base, entryPrice: ' 65000 ' }, { ...base, entryPrice: '+65000' }, { ...base, venue: 'BINANCE-USDM' }, { ...base, side: 'BUY' }, { ...base, quantityUnit: 'Base' }, { ...base, entryPrice: 65000 }]) {
      const o = ask(line);
      expect(o.ok).toBe(true);
      expect(o.liquidationPrice).toBe(want);
    }
  });

  it.each([
    ['entryPrice', '.5', 'implausible-price'],
    ['entryPrice', '-0', 'zero'],
    ['entryPrice', '1e30', 'too-large'],
    ['markPrice', '1e20', 'too-large'],
    ['leverage', '1,5', 'not-a-number'],
    ['leverage', '∞', 'not-a-number'],
    ['quantity', '0x1', 'not-a-number'],
    ['contractSize', '0', 'zero'],
    ['isolatedMargin', '0', 'zero'],
    ['takerFeeRate', '-0.0002', 'negative'],
    ['tickSize', '-0.1', 'not-positive'],
  ])('%s "%s" is refused with %s, naming the field', (field, typed, code) => {
    const o = ask({ ...base, [field]: typed });
    expect(o.ok).toBe(false);
    expect(o.errors?.find((e) => e.field === field || e.code === code)?.code).toBe(code);
    expect(clean(o, [typed])).toBe(true);
  });

  it.each([[true, 'boolean'], [[], 'a list'], [{}, 'object']])('an entry price that is %j is refused as "not %s"', (typed, words) => {
    const o = ask({ ...base, entryPrice: typed });
    expect(o.errors?.[0]).toMatchObject({ field: 'entryPrice', code: 'not-a-number' });
    expect(o.errors?.[0]?.message).toContain(words);
  });

  it('a margin far too small to hold the position is liquidated where it fills, with a finite figure', () => {
    const o = ask({ ...base, isolatedMargin: '1e-20' });
    expect(o.ok).toBe(true);
    expect(o.severity?.level).toBe('critical');
    expect(o.warnings?.map((w) => w.code)).toContain('liquidated-on-fill');
    expect(clean(o)).toBe(true);
  });
});

describe('calc CLI: a tick coarser than the price', () => {
  // A coin at 0.0123 with 20× long: liquidation near 0.0118. A tick of 0.01, 1 or 1000 is another market's (or a
  // typo): rounded "towards the mark" it showed 0.02, 1 or 1000 as the liquidation price, above the mark, and the
  // self-check and the gap stress measured with it.
  const coin = { ...base, symbol: 'PEPEUSDT', entryPrice: '0.0123', markPrice: '0.0123', quantity: '100000', maintenanceMarginRate: '0.01' };
  type Shown = Out & { display?: { liquidationPrice: string | null; bankruptcyPrice: string | null; tick: string | null }; selfCheck?: { verdict: string }; gapStress?: { price: string }[] };

  it.each(['0.01', '1', '1000', '0.0002'])('tick %s is not used to round: the figure stays between bankruptcy and mark, with a warning naming the tick', (tickSize) => {
    const o = ask({ ...coin, tickSize }) as Shown;
    expect(o.ok).toBe(true);
    const shown = new D(o.display?.liquidationPrice ?? 'NaN');
    expect(shown.gt(new D(o.display?.bankruptcyPrice ?? 'NaN'))).toBe(true);
    expect(shown.lt('0.0123')).toBe(true);
    expect(shown.minus(o.liquidationPrice ?? 'NaN').abs().lt('1e-10')).toBe(true);
    expect(o.display?.tick).toBeNull();
    const w = o.warnings?.find((x) => x.code === 'tick-not-used') as { code: string; field?: string; message?: string } | undefined;
    expect(w?.field).toBe('tickSize');
    expect(w?.message).toContain(tickSize);
    expect(clean(o)).toBe(true);
  });

  it('the self-check does not take a coarse tick as its tolerance: 0.005 is no match for 0.0118', () => {
    const o = ask({ ...coin, tickSize: '0.01', positionStatus: 'open', venueLiquidationPrice: '0.005' }) as Shown;
    expect(o.selfCheck?.verdict).toBe('mismatch');
  });

  it('a real tick stays: 0.000001 on 0.0123 (0.008 %) rounds the long up to it, with no warning', () => {
    const o = ask({ ...coin, tickSize: '0.000001' }) as Shown;
    expect(o.display).toMatchObject({ liquidationPrice: '0.011804', tick: '0.000001' });
    expect(o.warnings?.map((w) => w.code)).not.toContain('tick-not-used');
  });
});

describe('calc CLI: files saved by other tools', () => {
  it('a line that starts with a byte-order mark (Windows Notepad, PowerShell) is read like any other', () => {
    const o = ask('\uFEFF' + JSON.stringify(base));
    expect(o.ok).toBe(true);
    expect(o.liquidationPrice).toBe(ask(base).liquidationPrice);
  });

  it('on standard input: a byte-order mark and Windows line ends give one answer per line, every one assessed', () => {
    const repoRoot = path.resolve(import.meta.dirname, '../..');
    const stdin = '\uFEFF' + JSON.stringify(base) + '\r\n' + JSON.stringify({ ...base, side: 'short' }) + '\r\n';
    // The timeout only stops a hung process so the test can fail; no figure depends on time.
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/calc.ts')], { cwd: repoRoot, input: stdin, encoding: 'utf8', timeout: 120_000 });
    const lines = (r.stdout ?? '').trimEnd().split('\n').map((l) => JSON.parse(l) as Out);
    expect(lines.map((l) => l.ok)).toEqual([true, true]);
  }, 120_000);
});
