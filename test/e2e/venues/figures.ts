import { expect } from 'vitest';
import { D } from '../../../src/core/decimal';
import { formatPrice } from '../../../src/core/engine/format';
import type { PositionInput } from '../../../src/core/engine/types';
import type { TabState } from '../../../src/shared/overlay-state';
import { inOverlay, overlayState, readOverlayFigures, type OverlayFigures } from '../content/helpers';
import type { AnyPage } from '../harness/pages';
import type { CliSession, StorageReader, TabRecordView } from '../shared/background';

/**
 * The overlay's figures against the engine CLI, for the venue tests. Expected values are worked
 * out here from the CLI's raw output and the rounding rules the overlay documents
 * (src/core/assessment/display.ts), never read back from the state under test:
 *   liquidation price   the engine's formatPrice: to the venue tick towards the mark (a long's up,
 *                       a short's down); 10 significant digits the same way without a tick
 *   loss, margin at risk  rounded up (away from zero) to 2 decimals in USD-like money, 8 in coins
 */

const USD_LIKE = new Set(['USDT', 'USDC', 'USD', 'BUSD', 'FDUSD']);

/** A decimal as the overlay writes it in data-value: no exponent, no trailing zeros. */
export function plainDecimal(value: D | string): string {
  let s = new D(value).toFixed();
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** A loss or an amount at stake as the overlay shows it: rounded up to the settlement currency's places. */
export function atStake(raw: string, currency: string): string {
  return plainDecimal(new D(raw).toDecimalPlaces(USD_LIKE.has(currency.toUpperCase()) ? 2 : 8, D.ROUND_UP));
}

/** The tab's record, read by id (the id comes from the first record found for the page). */
export async function tabRecord(reader: StorageReader, tabId: number): Promise<TabRecordView | undefined> {
  return reader.get<TabRecordView>(`tab/${tabId}`);
}

export interface Settled {
  record: TabRecordView;
  tab: TabState;
  figures: OverlayFigures;
}

/**
 * Waits until the background has answered the form as it now is (`matches` says whether a stored
 * answer is for it) and the overlay shows that answer: its state kind and, side by side, the
 * stored liquidation prices. Returns both for the assertions.
 */
export async function settle(page: AnyPage, reader: StorageReader, tabId: () => Promise<number>, matches: (tab: TabState) => boolean, timeout = 15_000): Promise<Settled> {
  const deadline = Date.now() + timeout;
  let last: string;
  for (;;) {
    const shown = await overlayState(page);
    if (shown.origin !== 'background' || shown.busy) last = `overlay ${shown.kind}/${shown.origin}${shown.busy ? ' (busy)' : ''}`;
    else {
      const record = await tabRecord(reader, await tabId());
      const tab = record?.result;
      if (!record || !tab || !matches(tab)) last = `stored answer: ${tab ? `${tab.state.kind} for ${JSON.stringify(tab.replay?.inputs[0] ?? tab.snapshot.quantity)}` : 'none'}`;
      else {
        const figures = await readOverlayFigures(page, { details: tab.state.kind === 'assessed' });
        const stored = tab.state.kind === 'assessed' ? tab.state.sides.map((s) => `${s.side}:${s.liquidationPrice ?? ''}`).sort() : [];
        const onPage = figures.sides.map((s) => `${s.side}:${s.figures['liquidation-price']?.value ?? ''}`).sort();
        if (figures.state === tab.state.kind && JSON.stringify(stored) === JSON.stringify(onPage)) return { record, tab, figures };
        last = `overlay ${figures.state} [${onPage.join(', ')}] vs stored ${tab.state.kind} [${stored.join(', ')}]`;
      }
    }
    if (Date.now() > deadline) throw new Error(`The overlay did not show the background's answer to the typed form within ${timeout} ms (last seen: ${last}).`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the page says, typed or shown, that every engine input must carry. */
export interface ExpectedInputs {
  venue: string;
  symbol: string;
  contract: 'linear' | 'inverse';
  marginMode: 'cross' | 'isolated';
  entryPrice: string;
  quantity: string;
  quantityUnit: 'base' | 'quote' | 'contracts';
  leverage: string;
  markPrice: string;
  /** The cross wallet (the page's available balance); absent for isolated. */
  walletBalance?: string;
  /** The venue tick from the stubbed contract spec, or null where LiqGuard fetches no spec. */
  tickSize: string | null;
  /** From the stubbed contract spec (the venue's, as the engine's input takes it), or null where none is used. */
  contractSize: string | null;
  /** The sides the form shows: both on a one-way form with Buy and Sell buttons, one where a side tab is selected. */
  sides: ('long' | 'short')[];
  /** A leverage per side, where the form keeps them apart (then `leverage` is not compared). */
  leverageBySide?: Partial<Record<'long' | 'short', string>>;
}

export interface CliComparison {
  /** Per side: what was compared, for the report line. */
  sides: { side: string; raw: string; shown: string; loss: string; marginAtRisk: string; severity: string }[];
}

/**
 * (a) The engine inputs the background used carry exactly what was typed and shown on the page.
 * (b) The CLI, run on `{...input, context}` per side, gives the stored raw figures, and the overlay
 *     shows them rounded the documented way; the margin wording follows the margin mode.
 */
/** The CLI lines that replay a stored answer: `{...inputs[i], context}`, one per side, in the state's order. */
export function replayLines(settled: Settled): Record<string, unknown>[] {
  const replay = settled.tab.replay;
  return (replay?.inputs ?? []).map((input: PositionInput) => ({ ...input, context: replay?.context }));
}

/** The CLI's answers for several stored answers, one list per stored answer, in its inputs' order. */
export async function cliFor(calc: CliSession, ...settled: Settled[]): Promise<Record<string, unknown>[][]> {
  const lines = settled.map(replayLines);
  const answers = await calc.ask(lines.flat());
  let at = 0;
  return lines.map((l) => answers.slice(at, (at += l.length)));
}

export function compareWithCli(settled: Settled, want: ExpectedInputs, answers: Record<string, unknown>[]): CliComparison {
  const { tab, figures } = settled;
  expect(tab.state.kind).toBe('assessed');
  if (tab.state.kind !== 'assessed') throw new Error('not assessed');
  const replay = tab.replay;
  expect(replay, 'the stored answer carries its engine inputs').toBeDefined();
  if (!replay) throw new Error('no replay');

  // (a) The inputs: one per side the form shows, each exactly the page's order.
  expect(replay.inputs.map((i) => i.side).sort()).toEqual([...want.sides].sort());
  const { tickSize, walletBalance, contractSize, sides: _sides, leverageBySide, ...fields } = want;
  const { leverage: _leverage, ...sameForBoth } = fields;
  for (const input of replay.inputs) {
    expect(input).toMatchObject(leverageBySide ? sameForBoth : fields);
    if (leverageBySide) expect(String(input.leverage)).toBe(leverageBySide[input.side as 'long' | 'short']);
    expect(input.tickSize ?? null).toBe(tickSize);
    expect(input.walletBalance).toBe(walletBalance);
    expect(input.contractSize ?? null).toBe(contractSize);
  }

  // (b) The CLI on the same inputs and context (answers: cliFor(settled), in the inputs' order).
  expect(answers.length).toBe(replay.inputs.length);
  const out: CliComparison = { sides: [] };
  replay.inputs.forEach((input, i) => {
    const side = input.side as 'long' | 'short';
    const cli = answers[i] as Record<string, unknown>;
    expect(cli.ok, JSON.stringify(cli).slice(0, 400)).toBe(true);
    const raw = cli.liquidationPrice as string | null;
    const currency = cli.currency as string;
    const stored = tab.state.kind === 'assessed' ? tab.state.sides[i] : undefined;
    expect(stored?.side).toBe(side);
    expect(stored?.raw?.liquidationPrice).toBe(raw);
    expect(stored?.raw?.lossAtLiquidation).toBe(cli.lossAtLiquidation);
    const margin = cli.marginAtRisk as { amount: string; scope: string; addedByThisOrder: string | null };
    expect(stored?.raw?.marginAtRisk).toBe(margin.amount);
    expect(stored?.marginAtRisk.addedByThisOrder).toBe(margin.addedByThisOrder === null ? undefined : atStake(margin.addedByThisOrder, currency));

    const shown = figures.sides.find((s) => s.side === side)?.figures;
    expect(shown, `the overlay shows the ${side} side`).toBeDefined();
    if (!shown) return;
    // No liquidation price (the margin covers any move): the overlay says "none" and shows the position's worst move as the loss.
    const rounded = raw === null ? null : plainDecimal(formatPrice(raw, tickSize, side) as string);
    expect(shown['liquidation-price']?.value ?? null).toBe(rounded);
    // The headline loss follows the venue's mechanics; the loss at the liquidation price itself is a second
    // line only where the venue keeps what is left of the margin (the headline is then the whole margin).
    const ifLiquidated = cli.lossIfLiquidated as { amount: string; basis: string };
    const loss = atStake(ifLiquidated.amount, currency);
    expect(shown['loss-if-liquidated']?.value).toBe(loss);
    if (ifLiquidated.basis === 'whole-margin') expect(shown['loss-at-liquidation']?.value).toBe(atStake(cli.lossAtLiquidation as string, currency));
    else expect(shown['loss-at-liquidation']).toBeUndefined();
    const marginShown = atStake(margin.amount, currency);
    expect(shown['margin-at-risk']?.value).toBe(marginShown);
    expect(shown.severity?.value).toBe((cli.severity as { level: string }).level);
    if (want.marginMode === 'cross') {
      // Cross: the whole wallet is what the position can take with it.
      expect(margin.scope).toBe('cross-wallet');
      expect(marginShown).toBe(plainDecimal(want.walletBalance as string));
    } else {
      expect(margin.scope).toBe('position');
    }
    out.sides.push({ side, raw: raw ?? 'none', shown: rounded ?? 'none', loss, marginAtRisk: marginShown, severity: shown.severity?.value ?? '' });
  });
  return out;
}

/** The sentence about the margin at risk for a side, in the card's Details, as the trader reads it. */
export async function marginWording(page: AnyPage, side: 'long' | 'short'): Promise<string> {
  return inOverlay(page, (root, s) => {
    const fig = root?.querySelector(`[data-liqguard-side-details="${s}"] [data-liqguard="margin-at-risk"]`);
    return (fig?.parentElement?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }, side);
}
