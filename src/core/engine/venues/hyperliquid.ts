/**
 * Hyperliquid perpetuals (linear, USDC), isolated and cross, one-way only.
 *
 * Docs (gitbook, undated stored copies):
 * - Liquidations: https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations
 *     maintenance margin = half of the initial margin at max leverage, so MMR = 1 / (2 · maxLeverage)
 *     (1 % at 50× … 16.7 % at 3×);  margin_available = isolated_margin − MM (isolated) or account_value − MM (cross);
 *     LP = EP − s · margin_available / Q / (1 − l·s),  l = MMR.
 *   Exact (group A): with MM = l·Q·EP it equals (EP − s·M/Q)/(1 − s·l). No liquidation fee; a backstop
 *   liquidation happens below 2/3 of MM, and the maintenance margin is not returned.
 * - Margin tiers: https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers
 *     maintenance_margin = notional · mmr − deduction, mmr(tier n) = IMR at the tier's max leverage / 2,
 *     deduction(n) = deduction(n−1) + lower_bound(n) · (mmr(n) − mmr(n−1)). Continuous by construction.
 *   Mainnet tiers listed on that page are built in below; other assets need their max leverage from the user.
 */
import { D } from '../../decimal';
import { ONE, TWO } from '../model';
import type { ResolvedTiers } from '../model';
import { nextMaintenanceAmount } from '../tiers';
import type { Tier } from '../types';
import { baseCoin, noFeeInTrigger, resolvedFromTiers } from './common';
import type { VenueSpec } from './types';

const MARGIN_TIERS_URL = 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers';
const MARGIN_TIERS_SEEN = '2026-11-22';

/** MMR = 1/(2·maxLeverage). */
export function maintenanceRateFromMaxLeverage(maxLeverage: D): D {
  return ONE.div(maxLeverage.mul(TWO));
}

/** The documented liquidation price, with MM = l·Q·EP (isolated). */
export function docLiquidationPrice(v: { side: 1 | -1; EP: D; Q: D; margin: D; maxLeverage: D }): D {
  const l = maintenanceRateFromMaxLeverage(v.maxLeverage);
  const mm = l.mul(v.Q).mul(v.EP);
  const available = v.margin.minus(mm);
  return v.EP.minus(available.div(v.Q).div(ONE.minus(l.mul(v.side))).mul(v.side));
}

/** Build a margin table from (lowerBound, maxLeverage) steps, with the documented deduction recurrence. */
export function hyperliquidTiers(steps: [string, string][]): Tier[] {
  const out: Tier[] = [];
  let prevRate = new D(0);
  let deduction = new D(0);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!step) continue;
    const lower = new D(step[0]);
    const rate = maintenanceRateFromMaxLeverage(new D(step[1]));
    deduction = i === 0 ? new D(0) : nextMaintenanceAmount(deduction, lower, rate, prevRate);
    prevRate = rate;
    const next = steps[i + 1];
    out.push({ floor: lower.toString(), cap: next ? next[0] : null, maintenanceMarginRate: rate.toString(), maintenanceAmount: deduction.toString(), maxLeverage: step[1] });
  }
  return out;
}

const TIERED_10_5_AT_20M = ['DOGE', 'KPEPE', 'SUI', 'WLD', 'TRUMP', 'LTC', 'ENA', 'POPCAT', 'WIF', 'AAVE', 'KBONK', 'LINK', 'CRV', 'AVAX', 'ADA', 'UNI', 'NEAR', 'TIA', 'APT', 'BCH', 'HYPE', 'FARTCOIN'];
const TIERED_10_5_AT_3M = ['OP', 'ARB', 'LDO', 'TON', 'MKR', 'ONDO', 'JUP', 'INJ', 'KSHIB', 'SEI', 'TRX', 'BNB', 'DOT'];

/** Mainnet margin tiers as listed on the margin-tiers page. */
export function mainnetSteps(coin: string): [string, string][] | null {
  switch (coin) {
    case 'BTC':
      return [['0', '40'], ['150000000', '20']];
    case 'ETH':
      return [['0', '25'], ['100000000', '15']];
    case 'SOL':
      return [['0', '20'], ['70000000', '10']];
    case 'XRP':
      return [['0', '20'], ['40000000', '10']];
  }
  if (TIERED_10_5_AT_20M.includes(coin)) return [['0', '10'], ['20000000', '5']];
  if (TIERED_10_5_AT_3M.includes(coin)) return [['0', '10'], ['3000000', '5']];
  return null;
}

function defaultTiers(args: { symbol: string | null }): ResolvedTiers | null {
  const coin = baseCoin(args.symbol);
  const steps = coin ? mainnetSteps(coin) : null;
  if (!coin || !steps) return null;
  return resolvedFromTiers(hyperliquidTiers(steps), 'notional', 'venue-default', MARGIN_TIERS_SEEN, coin, `Hyperliquid mainnet margin tiers for ${coin} (docs page, undated; read ${MARGIN_TIERS_SEEN})`, MARGIN_TIERS_URL);
}

export const hyperliquid: VenueSpec = {
  id: 'hyperliquid',
  name: 'Hyperliquid',
  contracts: ['linear'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway'],
  defaultTakerFee: {
    rate: '0.00045',
    source: 'Hyperliquid fees page, base tier perps taker 0.045 % (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees), undated stored copy',
    asOf: 'undated',
    confidence: 'medium',
  },
  defaultFundingIntervalHours: '1',
  tierBasis: { linear: 'notional', inverse: 'notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: true,
  defaultContractSize: () => ({ value: '1', note: 'Hyperliquid sizes are in the base asset' }),
  linearCurrency: 'USDC',
  defaultTiers,
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: noFeeInTrigger,
    closeFeeAt: 'liquidation',
    assumptions: () => [
      { code: 'mmr-half-initial-at-max-leverage', message: 'Hyperliquid maintenance margin is half the initial margin at the asset’s maximum leverage (MMR = 1 ÷ (2 × max leverage)).' },
      { code: 'maintenance-margin-kept', message: 'On liquidation Hyperliquid does not return the remaining maintenance margin.' },
    ],
  },
  liquidationRemainder: {
    kept: false,
    note: "Hyperliquid first closes a liquidated position with market orders and leaves any collateral that remains with the trader; no clearance fee. If equity falls below two thirds of maintenance before that succeeds, the backstop liquidator takes the position and all its margin (in cross: all cross margin).",
    source: "Hyperliquid docs, Liquidations, https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations (undated)",
  },
  doc: { url: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations', version: 'undated gitbook copy, read 2026-11-22' },
  confidence: 'high',
};
