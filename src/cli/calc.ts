/**
 * LiqGuard calculator, command-line face of src/core/engine.
 *
 *   npm run --silent calc                       one JSON position per line on stdin → one JSON result per line
 *   npm run --silent calc -- '<json>' ['<json>'…] one result per argument
 *
 * Each input line is a position in the engine's input shape (see src/core/engine/types.ts, PositionInput). It may
 * carry an optional "context" object (tiers, priceFor, gapPercents, fundingHours, volatility, thresholds, now),
 * each field checked: a wrong type is a field error naming it. When a line names an `accountMode` (and
 * optionally `region` and `gapPercent`), the output also carries `canLoseMoreThanMargin`: the venue policy's
 * answer for that case, from src/core/policy. When a line carries `venueLiquidationPrice` (the figure the
 * venue shows for an open position), the output also carries `selfCheck`: LiqGuard's figure against the
 * venue's, and the likely cause of a gap.
 *
 * Bounded work: a line longer than MAX_LINE_CHARS is never held whole (the reader drops it as it streams and
 * answers with an error quoting only its first characters); numbers longer than 80 characters are refused by
 * the engine before they are converted. Blank lines are skipped. Stdout carries only JSON lines; the exit code
 * is 0 when every line got an answer (an {"ok":false,…} line is an answer).
 */
import { pathToFileURL } from 'node:url';
import { assess, DEFAULT_GAP_PERCENTS, selfCheck } from '../core/engine/index';
import type { AssessContext, AssessResult, FieldError, PositionInput, SelfCheck, Warning } from '../core/engine/index';
import { shortPrefix } from '../core/engine/decimal-text';
import { canLoseMoreThanMargin, policyQuestionFor } from '../core/policy/index';

type Line = Record<string, unknown>;

/** The longest input line read, in characters: room for hundreds of other positions and a full tier table. */
export const MAX_LINE_CHARS = 1_000_000;
/** How much of a refused line an error quotes. */
const QUOTE_CHARS = 40;

/** The CLI output: the headline figures first, then the rest of the assessment. */
export function toOutput(result: AssessResult, check?: SelfCheck): Line {
  if (!result.ok) return { ok: false, errors: result.errors };
  const a = result.assessment;
  const { liquidationPrice, bankruptcyPrice, initialMargin, maintenanceMargin, lossAtLiquidation, lossIfLiquidated, marginAtRisk, severity, assumptions, warnings, ...rest } = a;
  return {
    ok: true,
    liquidationPrice,
    bankruptcyPrice,
    distancePercent: a.distance ? a.distance.percent : null,
    initialMargin,
    maintenanceMargin,
    lossAtLiquidation,
    lossIfLiquidated,
    marginAtRisk,
    severity,
    ...(check ? { selfCheck: check } : {}),
    ...rest,
    assumptions,
    warnings,
  };
}

function fail(field: string, code: string, message: string): Line {
  return { ok: false, errors: [{ field, code, message }] };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberish = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/**
 * The line's `context`, field by field. A wrong type is a field error (never an internal error later); an
 * unknown key is reported as ignored. `now` defaults to the CLI's clock.
 */
export function readContext(raw: unknown, now: string): { ctx: AssessContext; errors: FieldError[]; warnings: Warning[] } {
  const ctx: AssessContext = { now };
  const errors: FieldError[] = [];
  const warnings: Warning[] = [];
  if (raw === undefined || raw === null) return { ctx, errors, warnings };
  const bad = (field: string, message: string) => errors.push({ field: `context.${field}`, code: 'wrong-type', message: `context.${field} ${message}` });
  if (!isRecord(raw)) {
    errors.push({ field: 'context', code: 'wrong-type', message: `context must be an object (tiers, priceFor, gapPercents, fundingHours, volatility, thresholds, now), not ${kindOf(raw)}.` });
    return { ctx, errors, warnings };
  }
  for (const [key, v] of Object.entries(raw)) {
    switch (key) {
      case 'now':
        if (typeof v === 'string' && v.length <= 40) ctx.now = v;
        else bad('now', `must be an ISO date-time as text, not ${kindOf(v)}.`);
        break;
      case 'priceFor':
        if (isNumberish(v)) ctx.priceFor = String(v);
        else bad('priceFor', `must be a price (text or number), not ${kindOf(v)}.`);
        break;
      case 'gapPercents':
      case 'fundingHours':
        if (Array.isArray(v) && v.length <= 50 && v.every(isNumberish)) ctx[key] = v.map(String);
        else bad(key, 'must be a list of at most 50 numbers (text or numbers).');
        break;
      case 'tiers':
        if (isRecord(v) && Array.isArray(v.tiers) && typeof v.venue === 'string' && typeof v.symbol === 'string') ctx.tiers = v as unknown as AssessContext['tiers'] & object;
        else bad('tiers', 'must be a tier table: an object with venue, symbol, basis, source, capturedAt and a list of tiers.');
        break;
      case 'volatility':
        if (isRecord(v) && isNumberish(v.sigmaDaily) && (v.source === undefined || typeof v.source === 'string') && (v.window === undefined || typeof v.window === 'string')) {
          ctx.volatility = { sigmaDaily: String(v.sigmaDaily), source: typeof v.source === 'string' ? v.source.slice(0, 200) : '', window: typeof v.window === 'string' ? v.window.slice(0, 200) : '' };
        } else bad('volatility', 'must be an object with sigmaDaily (a number) and optional source and window (text).');
        break;
      case 'thresholds': {
        const levels = (o: unknown, nullable: boolean): boolean =>
          isRecord(o) && ['caution', 'danger', 'critical'].every((l) => typeof o[l] === 'string' || (nullable && o[l] === null));
        if (isRecord(v) && levels(v.distancePercent, false) && levels(v.leverage, false) && (v.crossMarginRaisesLevel === undefined || typeof v.crossMarginRaisesLevel === 'boolean')) {
          ctx.thresholds = v as unknown as NonNullable<AssessContext['thresholds']>;
        } else bad('thresholds', 'must be an object with distancePercent and leverage, each {caution, danger, critical} as text.');
        break;
      }
      default:
        warnings.push({ code: 'ignored-field', field: `context.${shortPrefix(key, 24)}`, message: `context.${shortPrefix(key, 24)} is not a context field the calculator knows; it was ignored.` });
    }
  }
  return { ctx, errors, warnings };
}

/** Answer one input line. Never throws. */
export function answerLine(text: string, now: string): Line {
  if (text.length > MAX_LINE_CHARS) return tooLong(text.slice(0, QUOTE_CHARS), text.length);
  let parsed: unknown;
  try {
    // A byte-order mark (a file saved by Notepad or PowerShell) is not part of the JSON.
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return fail('', 'malformed-json', `This line is not valid JSON (it starts "${shortPrefix(text.trim(), QUOTE_CHARS)}").`);
  }
  if (!isRecord(parsed)) return fail('', 'not-an-object', 'Each line must be one JSON object describing a position.');
  try {
    const { context, accountMode, region, gapPercent, venueLiquidationPrice, ...position } = parsed;
    const read = readContext(context, now);
    if (read.errors.length > 0) return { ok: false, errors: read.errors };
    const ctx = read.ctx;
    // A gap the trader asks about must be one the engine stresses.
    const gap = isNumberish(gapPercent) ? String(gapPercent) : undefined;
    if (gap !== undefined && !(ctx.gapPercents ?? []).includes(gap)) ctx.gapPercents = [...(ctx.gapPercents ?? DEFAULT_GAP_PERCENTS), gap];

    let result: AssessResult;
    let check: SelfCheck | undefined;
    if (venueLiquidationPrice !== undefined) {
      const r = selfCheck(position as PositionInput, venueLiquidationPrice, ctx);
      result = r.ok ? { ok: true, assessment: r.assessment } : r;
      if (r.ok) check = r.selfCheck;
    } else {
      result = assess(position as PositionInput, ctx);
    }
    if (result.ok && read.warnings.length > 0) result.assessment.warnings.push(...read.warnings);
    const out = toOutput(result, check);
    if (result.ok && accountMode !== undefined) {
      const question = policyQuestionFor(result.assessment, {
        accountMode: typeof accountMode === 'string' ? accountMode : null,
        region: typeof region === 'string' ? region : null,
        ...(gap === undefined ? {} : { gapPercent: gap }),
        now: (ctx.now ?? now).slice(0, 10),
      });
      out.canLoseMoreThanMargin = canLoseMoreThanMargin(question);
    }
    return out;
  } catch {
    return fail('', 'internal-error', 'The calculator could not assess this line.');
  }
}

function tooLong(start: string, length: number): Line {
  return fail('', 'line-too-long', `This line is ${length > MAX_LINE_CHARS ? `more than ${MAX_LINE_CHARS}` : length} characters long (it starts "${shortPrefix(start.trim(), QUOTE_CHARS)}"); at most ${MAX_LINE_CHARS} are read. It was not assessed.`);
}

function write(line: Line): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

/**
 * Lines from a stream of text chunks, each at most `max` characters. A longer line is not kept: its first
 * characters are remembered for the error, the rest is dropped as it arrives, and `onTooLong` answers for it.
 */
export async function* boundedLines(chunks: AsyncIterable<string>, max: number): AsyncGenerator<{ line: string } | { tooLong: string }> {
  let buf = '';
  let dropping: string | null = null; // the start of a line being dropped
  for await (const chunk of chunks) {
    let rest = chunk;
    for (;;) {
      const nl = rest.indexOf('\n');
      const piece = nl < 0 ? rest : rest.slice(0, nl);
      if (dropping !== null) {
        // Keep nothing of a line already too long.
      } else if (buf.length + piece.length > max) {
        dropping = (buf + piece.slice(0, QUOTE_CHARS)).slice(0, QUOTE_CHARS);
        buf = '';
      } else {
        buf += piece;
      }
      if (nl < 0) break;
      if (dropping !== null) yield { tooLong: dropping.replace(/\r$/, '') };
      else yield { line: buf.endsWith('\r') ? buf.slice(0, -1) : buf };
      buf = '';
      dropping = null;
      rest = rest.slice(nl + 1);
    }
  }
  if (dropping !== null) yield { tooLong: dropping };
  else if (buf !== '') yield { line: buf };
}

async function main(): Promise<void> {
  const now = new Date().toISOString();
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length > 0) {
    for (const arg of args) if (arg.trim() !== '') write(answerLine(arg, now));
    return;
  }
  process.stdin.setEncoding('utf8');
  for await (const item of boundedLines(process.stdin as AsyncIterable<string>, MAX_LINE_CHARS)) {
    if ('tooLong' in item) write(tooLong(item.tooLong, MAX_LINE_CHARS + 1));
    else if (item.line.trim() !== '') write(answerLine(item.line, now));
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
