import type { Assessment } from '../engine/types';
import type { PolicyQuestion } from './types';

export interface PolicyCaseInput {
  accountMode?: string | null;
  region?: string | null;
  /** Which gap-stress row carries the deficit; absent: the largest gap the engine computed. */
  gapPercent?: string;
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
  const row = (c.gapPercent === undefined ? undefined : rows.find((r) => r.gapPercent === c.gapPercent)) ?? rows[rows.length - 1];
  const atRisk = assessment.marginAtRisk.amount;
  return {
    venue: assessment.venue,
    accountMode: c.accountMode ?? null,
    region: c.region ?? null,
    marginMode: assessment.marginMode,
    amounts: {
      ...(assessment.marginMode === 'isolated' ? { margin: atRisk } : { wallet: atRisk }),
      ...(row ? { deficitAtGap: row.deficit, gapPercent: row.gapPercent } : {}),
    },
    ...(c.now === undefined ? {} : { now: c.now }),
  };
}
