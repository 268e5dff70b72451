import type { AdlMechanism, ModeNbpStatus, NbpStatus, RegionId, Verdict } from './types';

/** Human labels for codes the popup, overlay and options show. */

export const VERDICT_LABELS: Record<Verdict, string> = {
  no: 'No',
  'only-if-fund-and-adl-fail': 'Only if the insurance fund and its fallback fail',
  'protocol-bounded': 'No debt; loss capped at your on-chain collateral',
  'yes-you-owe': 'Yes, you would owe the deficit',
  depends: 'Depends on your account mode',
  unknown: 'Unknown',
};

/**
 * nbp.status -> verdict (research/exchange-policies.md §1). 'conditional' has no verdict of
 * its own: it becomes 'depends' or the chosen mode's verdict. 'unknown' stays unknown;
 * nothing ever maps to "protected" by default.
 */
export function verdictForStatus(status: NbpStatus | ModeNbpStatus): Verdict {
  switch (status) {
    case 'explicit':
      return 'no';
    case 'explicit_if_backed':
    case 'insurance_fund_backstop':
      return 'only-if-fund-and-adl-fail';
    case 'protocol_bounded':
      return 'protocol-bounded';
    case 'none':
    case 'none_liability':
      return 'yes-you-owe';
    case 'conditional':
      return 'depends';
    case 'unknown':
      return 'unknown';
  }
}

export const ADL_MECHANISM_LABELS: Record<AdlMechanism, string> = {
  adl: 'Auto-deleveraging (ADL)',
  adl_reported: 'Auto-deleveraging (reported by third parties only)',
  adl_profit_cap_style: 'ADL-style profit cap (pool venue)',
  socialized_loss: 'Socialised loss among winning traders',
  deleveraging: 'Deleveraging of opposing positions',
  assignment_then_unwind: 'Assignment to other traders, then unwind',
  not_applicable_ccp: 'Not applicable (central counterparty)',
  none_ccp_default_management: 'None (clearing-house default waterfall)',
  unknown: 'Not found',
};

/** How the fallback after the insurance fund reads inside a sentence. */
export function fallbackPhrase(mechanism: AdlMechanism): string | null {
  switch (mechanism) {
    case 'adl':
    case 'adl_reported':
    case 'adl_profit_cap_style':
      return 'auto-deleveraging';
    case 'deleveraging':
      return 'deleveraging';
    case 'socialized_loss':
      return 'loss-sharing among winning traders';
    case 'assignment_then_unwind':
      return 'assignment to other traders';
    default:
      return null;
  }
}

export const TRIGGER_PRICE_LABELS: Record<string, string> = {
  mark_price: 'Mark price',
  mark_price_assumed: 'Mark price (assumed)',
  fair_price: 'Fair price',
  fair_price_mark: 'Fair price (mark)',
  dual_price_mark_and_last: 'Mark and last price',
  oracle_price: 'Oracle price',
  oracle_chainlink_data_streams: 'Oracle price (Chainlink Data Streams)',
};

export const POLICY_REGIONS: ReadonlyArray<{ id: RegionId; label: string }> = [
  { id: 'EU', label: 'European Union / EEA' },
  { id: 'UK', label: 'United Kingdom' },
  { id: 'US', label: 'United States' },
  { id: 'AU', label: 'Australia' },
  { id: 'other', label: 'Elsewhere' },
];

const REGION_ALIASES: Record<string, RegionId> = {
  EU: 'EU',
  EEA: 'EU',
  UK: 'UK',
  GB: 'UK',
  US: 'US',
  USA: 'US',
  AU: 'AU',
  OTHER: 'other',
};

/** 'eu', 'EEA', 'gb'... -> RegionId; null when not recognised (settings' 'unknown' is handled by the caller as "not told"). */
export function parseRegion(input: string): RegionId | null {
  return REGION_ALIASES[input.trim().toUpperCase()] ?? null;
}

/** A readable fallback for a snake_case code with no label: 'linear_usdt_perp' -> 'linear usdt perp'. */
export function humanizeCode(code: string): string {
  return code.replace(/_/g, ' ');
}
