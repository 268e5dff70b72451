import type { Assessment } from '../engine/types';
import type { PolicyQuestion } from './types';

export interface PolicyCaseInput {
  accountMode?: string | null;
  region?: string | null;
  /** Which of the assessment's gap-stress rows carries the deficit; absent: the largest gap it computed. */
  gapPercent?: string;
  /** A gap row computed apart from the assessment (the calculator's slider); wins over `gapPercent`; null: no gap. */
  gapRow?: { gapPercent: string; deficit: string } | null;
  /** How an amount is quoted in the answer's sentences (e.g. rounded for display); null leaves it out. */
  quote?: (amount: string) => string | null;
  now?: string;
}

/**
 * The one place an engine assessment becomes the policy question "can this cost more
 * than its margin?": the amount at stake is the position's margin when isolated and the
 * whole cross wallet when cross, and the deficit is the engine's, under the chosen gap.
 * The CLI, the calculator and the overlay all ask through here so they cannot disagree.
 */
export function policyQuestionFor(assessment: Assessment, c: PolicyCaseInput = {}): PolicyQuestion {
  const rows = assessment.gapStress;
  const row = c.gapRow !== undefined ? c.gapRow : (c.gapPercent === undefined ? rows[rows.length - 1] : rows.find((r) => r.gapPercent === c.gapPercent));
  const quote = c.quote ?? ((v: string) => v);
  const atRisk = quote(assessment.marginAtRisk.amount);
  const deficit = row ? quote(row.deficit) : null;
  const amounts: NonNullable<PolicyQuestion['amounts']> = {};
  if (atRisk !== null) {
    if (assessment.marginAtRisk.scope === 'position') amounts.margin = atRisk;
    else amounts.wallet = atRisk;
  }
  if (row && deficit !== null) {
    amounts.deficitAtGap = deficit;
    amounts.gapPercent = row.gapPercent;
  }
  return {
    venue: assessment.venue,
    accountMode: c.accountMode ?? null,
    region: c.region ?? null,
    marginMode: assessment.marginMode,
    currency: assessment.currency,
    amounts,
    ...(c.now === undefined ? {} : { now: c.now }),
  };
}
