/**
 * LiqGuard calculator, command-line face of src/core/engine.
 *
 *   npm run --silent calc                       one JSON position per line on stdin → one JSON result per line
 *   npm run --silent calc -- '<json>' ['<json>'…] one result per argument
 *
 * Each input line is a position in the engine's input shape (see src/core/engine/types.ts, PositionInput). It may
 * carry an optional "context" object (tiers, priceFor, gapPercents, fundingHours, volatility, thresholds).
 * When a line names an `accountMode` (and optionally `region` and `gapPercent`), the output also carries
 * `canLoseMoreThanMargin`: the venue policy's answer for that case, from src/core/policy.
 * Blank lines are skipped. Stdout carries only JSON lines; the exit code is 0 when every line got an answer
 * (an {"ok":false,…} line is an answer).
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { assess, DEFAULT_GAP_PERCENTS } from '../core/engine/index';
import type { AssessContext, AssessResult, PositionInput } from '../core/engine/index';
import { canLoseMoreThanMargin, policyQuestionFor } from '../core/policy/index';

type Line = Record<string, unknown>;

/** The CLI output: the headline figures first, then the rest of the assessment. */
export function toOutput(result: AssessResult): Line {
  if (!result.ok) return { ok: false, errors: result.errors };
  const a = result.assessment;
  const { liquidationPrice, bankruptcyPrice, initialMargin, maintenanceMargin, lossAtLiquidation, marginAtRisk, severity, assumptions, warnings, ...rest } = a;
  return {
    ok: true,
    liquidationPrice,
    bankruptcyPrice,
    distancePercent: a.distance ? a.distance.percent : null,
    initialMargin,
    maintenanceMargin,
    lossAtLiquidation,
    marginAtRisk,
    severity,
    ...rest,
    assumptions,
    warnings,
  };
}

/** Answer one input line. Never throws. */
export function answerLine(text: string, now: string): Line {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : 'unreadable';
    return { ok: false, errors: [{ field: '', code: 'malformed-json', message: `This line is not valid JSON (${why.slice(0, 120)}).` }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, errors: [{ field: '', code: 'not-an-object', message: 'Each line must be one JSON object describing a position.' }] };
  }
  const { context, accountMode, region, gapPercent, ...position } = parsed as Line;
  const ctx: AssessContext = { now, ...(typeof context === 'object' && context !== null && !Array.isArray(context) ? (context as AssessContext) : {}) };
  // A gap the trader asks about must be one the engine stresses.
  const gap = typeof gapPercent === 'string' || typeof gapPercent === 'number' ? String(gapPercent) : undefined;
  if (gap !== undefined && !(ctx.gapPercents ?? []).includes(gap)) ctx.gapPercents = [...(ctx.gapPercents ?? DEFAULT_GAP_PERCENTS), gap];
  try {
    const result = assess(position as PositionInput, ctx);
    const out = toOutput(result);
    if (result.ok && accountMode !== undefined) {
      const question = policyQuestionFor(result.assessment, {
        accountMode: typeof accountMode === 'string' ? accountMode : null,
        region: typeof region === 'string' ? region : null,
        ...(gap === undefined ? {} : { gapPercent: gap }),
        now: now.slice(0, 10),
      });
      out.canLoseMoreThanMargin = canLoseMoreThanMargin(question);
    }
    return out;
  } catch {
    return { ok: false, errors: [{ field: '', code: 'internal-error', message: 'The calculator could not assess this line.' }] };
  }
}

function write(line: Line): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

async function main(): Promise<void> {
  const now = new Date().toISOString();
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length > 0) {
    for (const arg of args) if (arg.trim() !== '') write(answerLine(arg, now));
    return;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const raw of rl) {
    if (raw.trim() === '') continue;
    write(answerLine(raw, now));
  }
}

// Run only as a program, not when a test imports the helpers above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => {
      process.exitCode = 0;
    },
    () => {
      // Reading stdin failed: some lines may be unanswered.
      process.exitCode = 2;
    },
  );
}
