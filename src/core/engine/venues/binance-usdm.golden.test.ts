/**
 * Binance USDⓈ-M isolated, hedge mode: liquidation prices Binance itself returned for five live positions.
 *
 * Source: a trader's notes of GET /fapi/v2/positionRisk answers, February–March 2024, found in a public
 * repository's scratch file (found by its content with the code search of public GitHub files, read 2026-12-07;
 * the file is a plain dump of Binance's answers: symbol, positionAmt, entryPrice, markPrice, leverage,
 * isolatedWallet, liquidationPrice, positionSide). Each row is a one-symbol, one-side isolated position in
 * hedge mode (positionSide LONG or SHORT), notional under 25 USDT, so in each symbol's first bracket. The
 * maintenance rates are Binance's first brackets in our own capture of GET /fapi/v1/leverageBracket of
 * 2024-10-24 (data/binance-usdm-leverage-brackets-2024-10.json): DOGEUSDT 0.5 %, AGIXUSDT 2 %, BLURUSDT 1.5 %,
 * cum 0; each row implies the same rate to 7 significant digits on its own, before any table is consulted.
 *
 * Binance prints 8 decimals and rounds toward the mark: a short's price down, a long's up (every row here). The
 * engine's display rounds the same way, so with a tick of 1e-8 the figure it shows is Binance's, digit for
 * digit; the exact figure is within one unit of the last digit, on the safe side.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../../cli/calc';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { PositionInput, TierTable } from '../types';

/** [symbol, side, positionAmt (abs), entryPrice, isolatedWallet, leverage, markPrice, liquidationPrice] */
const POSITIONS: [string, 'long' | 'short', string, string, string, string, string, string][] = [
  ['DOGEUSDT', 'short', '30', '0.175896779661', '1.32708230', '4', '0.17876815', '0.21903766'],
  ['AGIXUSDT', 'short', '13', '0.4518', '5.87046330', '1', '0.45200000', '0.88566088'],
  ['BLURUSDT', 'long', '14', '0.721575', '2.52551250', '4', '0.72110000', '0.54942259'],
  ['BLURUSDT', 'short', '28', '0.72165', '5.04210448', '4', '0.72110000', '0.88839917'],
  ['DOGEUSDT', 'short', '32', '0.16395', '0.88304001', '6', '0.16465933', '0.19059204'],
];
const FIRST_BRACKET_RATE: Record<string, string> = { DOGEUSDT: '0.005', AGIXUSDT: '0.02', BLURUSDT: '0.015' };

interface Bracket { notionalFloor: string; notionalCap: string; maintMarginRatio: string; cum: string; initialLeverage: string }
const capture = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../../data/binance-usdm-leverage-brackets-2024-10.json'), 'utf8')) as { capturedAt: string; response: { symbol: string; brackets: Bracket[] }[] };

/** Binance's own brackets for the symbol, as captured on 2024-10-24, as the engine's tier table. */
function table(symbol: string): TierTable {
  const row = capture.response.find((r) => r.symbol === symbol);
  if (!row) throw new Error(`no brackets for ${symbol}`);
  return {
    venue: 'binance-usdm',
    symbol,
    basis: 'notional',
    source: 'pasted',
    capturedAt: capture.capturedAt,
    tiers: row.brackets.map((b, i) => ({ floor: b.notionalFloor, cap: i === row.brackets.length - 1 ? null : b.notionalCap, maintenanceMarginRate: b.maintMarginRatio, maintenanceAmount: b.cum, maxLeverage: b.initialLeverage })),
  };
}

function input(row: (typeof POSITIONS)[number]): PositionInput {
  const [symbol, side, size, entry, wallet, leverage, mark] = row;
  return { venue: 'binance-usdm', symbol, contract: 'linear', marginMode: 'isolated', positionMode: 'hedge', side, entryPrice: entry, markPrice: mark, quantity: size, quantityUnit: 'base', leverage, isolatedMargin: wallet, tickSize: '0.00000001', positionStatus: 'open' };
}

describe('Binance USDⓈ-M isolated hedge-mode positions: Binance’s positionRisk liquidationPrice (2024)', () => {
  it.each(POSITIONS)('%s %s %s @ %s, wallet %s → %s', (...row) => {
    const venue = row[7];
    const withRate = assess({ ...input(row), maintenanceMarginRate: FIRST_BRACKET_RATE[row[0]] ?? '1', maintenanceAmount: '0' });
    const withTable = assess(input(row), { tiers: table(row[0]) });
    for (const r of [withRate, withTable]) {
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const a = r.assessment;
      // Shown as Binance shows it.
      expect(a.display.liquidationPrice).toBe(venue);
      // The exact figure: on the far side of Binance's, by less than one unit of its last digit.
      const ahead = new D(a.liquidationPrice ?? 'NaN').minus(venue).mul(row[1] === 'long' ? -1 : 1);
      expect(ahead.gte(0) && ahead.lt('1e-8'), `ours ${a.liquidationPrice} vs Binance ${venue}`).toBe(true);
    }
    if (withTable.ok) expect(withTable.assessment.tier.maintenanceMarginRate).toBe(FIRST_BRACKET_RATE[row[0]]);
    // The command line, given Binance's figure, calls it a match.
    const o = answerLine(JSON.stringify({ ...input(row), maintenanceMarginRate: FIRST_BRACKET_RATE[row[0]], venueLiquidationPrice: venue }), '2026-12-07T00:00:00Z') as { selfCheck?: { verdict: string; ours: string } };
    expect(o.selfCheck).toMatchObject({ verdict: 'match', ours: venue });
  });
});
