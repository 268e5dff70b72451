/**
 * What LiqGuard makes of a venue's market-data response, through the extension's own parsers and checks.
 *
 *   npm run --silent market -- <venue> <tiers|spec|mark|candles> <symbol> < response.json
 *
 * Prints one JSON line: {"ok":true,"venue":…,"symbol":…,"kind":…,"value":…} or {"ok":false,"error":"…"}.
 * tiers: {"basis","tiers":[{"maxNotional","maintenanceMarginRate","maintenanceAmount","maxLeverage"}]} with
 * decimal strings (maxNotional null on an open last tier; in the basis' unit: quote notional, coin notional or
 * contracts); spec: {"contract","contractSize","tickSize","lotSize","maxLeverage"}; mark: {"markPrice","at"};
 * candles: {"candles":[{"openTime","close"}]}. Exit code 0 for an ok answer, 1 otherwise. Input is capped at
 * the size the extension's fetcher accepts, and an error never echoes more than a short prefix of it.
 */
import { pathToFileURL } from 'node:url';
import { marketAnswer, type MarketAnswer } from '../core/market/answer';
import { MAX_BODY_CHARS } from '../background/market/fetcher';

const USAGE = 'usage: npm run --silent market -- <venue> <tiers|spec|mark|candles> <symbol> < response.json';

/** The answer for one response text. Never throws. */
export function marketLine(args: readonly string[], text: string, now: string): MarketAnswer {
  const [venue, kind, symbol, ...extra] = args;
  if (!venue || !kind || !symbol || extra.length > 0) return { ok: false, error: USAGE };
  if (text.length > MAX_BODY_CHARS) return { ok: false, error: `The response is ${text.length} characters, more than the ${MAX_BODY_CHARS} the extension accepts.` };
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, error: 'No response on standard input.' };
  let json: unknown;
  try {
    json = JSON.parse(trimmed) as unknown;
  } catch {
    return { ok: false, error: `The response is not valid JSON (it starts ${JSON.stringify(trimmed.slice(0, 40))}).` };
  }
  try {
    return marketAnswer(venue, kind, symbol, json, now);
  } catch {
    return { ok: false, error: 'LiqGuard could not read this response (internal error).' };
  }
}

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    // Read one byte past the limit so the answer can say the input is too large, then stop.
    if (size > limit) {
      chunks.push(buf.subarray(0, buf.length - (size - limit - 1)));
      break;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const text = await readStdin(MAX_BODY_CHARS);
  const answer = marketLine(process.argv.slice(2), text, new Date().toISOString());
  process.stdout.write(JSON.stringify(answer) + '\n');
  process.exitCode = answer.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
