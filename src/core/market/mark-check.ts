/**
 * Whether a mark price from a venue's API may stand in for the mark the page does not show. It is checked
 * against the page's own order price and against its own time stamp, because a wrong mark is silent: a mark
 * 10× off once gave a "distance to liquidation" of 4,466 %, and a stale or future-dated one reads as current.
 *
 * Bounds, and why:
 * - Time. Venues publish the mark every second or so and LiqGuard serves one for at most 30 s, so a mark that
 *   was already more than 60 s old when it arrived is shown with its age as a warning, and one more than
 *   5 minutes old is not used (in a fast market 5 minutes is several percent). A stamp more than 30 s after
 *   LiqGuard received the answer is impossible on a sane clock: not used.
 * - Price. For a market order the page's price is the market itself (last or mark), which the mark follows
 *   within a fraction of a percent: beyond 2 % the difference is shown as a warning, beyond 10 % the mark is
 *   not used. For a limit or conditional order the page's price is the trader's: venues refuse limit prices
 *   far from their mark (Binance BTCUSDT and Bitget within 5 %, MEXC 3–10 %, Gate's widest band 50 %), so a
 *   mark more than 10 % away is shown as a warning and one more than 50 % away (a factor outside ×⅔…×2) is
 *   not used: it is the wrong mark or the wrong symbol, not a market the order could be placed in. Beyond
 *   ten times apart the order itself is refused (the engine's implausible-price rule): no figure at all.
 */
import { D } from '../decimal';
import { IMPLAUSIBLE_PRICE_FACTOR } from '../engine/input';
import type { MarkPrice } from './types';

export interface MarkCheck {
  /** The mark may be used as the position's mark. */
  use: boolean;
  /** Shown with the figures when the mark is used but odd. */
  warning: string | null;
  /** Why it is not used, when it is not. */
  refusal: string | null;
}

export const MARK_BOUNDS = {
  staleWarnMs: 60_000,
  staleRefuseMs: 5 * 60_000,
  futureRefuseMs: 30_000,
  marketWarn: '0.02',
  marketRefuse: '0.1',
  orderWarn: '0.1',
  orderRefuse: '0.5',
} as const;

const seconds = (ms: number): string => (ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`);

export function checkApiMark(mark: MarkPrice, receivedAt: string | null, page: { price: string; orderType: 'limit' | 'market' | 'conditional' }): MarkCheck {
  const stamped = Date.parse(mark.at);
  const received = receivedAt === null ? NaN : Date.parse(receivedAt);
  let warning: string | null = null;
  if (Number.isFinite(stamped) && Number.isFinite(received)) {
    const lag = received - stamped;
    if (-lag > MARK_BOUNDS.futureRefuseMs) {
      return { use: false, warning: null, refusal: `the venue's mark ${mark.price} is stamped ${seconds(-lag)} after LiqGuard received it, which no correct clock gives` };
    }
    if (lag > MARK_BOUNDS.staleRefuseMs) return { use: false, warning: null, refusal: `the venue's mark ${mark.price} was ${seconds(lag)} old when it arrived` };
    if (lag > MARK_BOUNDS.staleWarnMs) warning = `The venue's mark price ${mark.price} was already ${seconds(lag)} old when LiqGuard received it.`;
  }
  let price: D;
  let m: D;
  try {
    price = new D(page.price);
    m = new D(mark.price);
  } catch {
    return { use: false, warning: null, refusal: `the venue's mark ${mark.price} cannot be compared with the page's price ${page.price}` };
  }
  if (!price.gt(0) || !m.gt(0)) return { use: false, warning: null, refusal: `the venue's mark ${mark.price} cannot be compared with the page's price ${page.price}` };
  const off = m.div(price).minus(1).abs();
  const pct = off.mul(100).toDecimalPlaces(1).toFixed();
  const market = page.orderType === 'market';
  const refuse = new D(market ? MARK_BOUNDS.marketRefuse : MARK_BOUNDS.orderRefuse);
  const warn = new D(market ? MARK_BOUNDS.marketWarn : MARK_BOUNDS.orderWarn);
  const what = market ? "the page's market price" : 'your order price';
  if (off.gt(refuse)) {
    // More than ten times apart, one of the two is not this market: an order price left from another symbol or
    // typed with an extra digit, or a wrong mark. Either way no figure may be shown, so the mark is handed on and
    // the engine refuses the order as implausibly far from it (engine/input.ts), naming the price field;
    // measuring from the order price instead would show a confident figure for an order nobody meant.
    if (!market && (m.div(price).gt(IMPLAUSIBLE_PRICE_FACTOR) || price.div(m).gt(IMPLAUSIBLE_PRICE_FACTOR))) return { use: true, warning: null, refusal: null };
    return { use: false, warning: null, refusal: `the venue's mark ${mark.price} is ${pct} % from ${what} ${page.price}, too far to be this market's mark` };
  }
  if (off.gt(warn)) {
    const also = `The venue's mark price ${mark.price} is ${pct} % from ${what} ${page.price}; if that is not the market you see, the figures measured from it are wrong.`;
    warning = warning ? `${warning} ${also}` : also;
  }
  return { use: true, warning, refusal: null };
}
