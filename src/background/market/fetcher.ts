/**
 * The only way market data leaves the extension: one GET/POST to an allow-listed public market-data host,
 * no cookies, no referrer, no redirects, an 8-second deadline, and a body size cap. Every way it can go
 * wrong comes back as a typed failure that the cache records and the diagnostics page shows; nothing throws.
 */
import { isAllowedMarketDataUrl } from '../../shared/network-allowlist';
import type { HttpRequest } from '../../core/market/sources';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export type FetchFailureKind = 'blocked' | 'timeout' | 'network' | 'rate-limited' | 'http' | 'empty' | 'not-json' | 'too-large';

export interface FetchFailure {
  kind: FetchFailureKind;
  status?: number;
  message: string;
}

export type FetchOutcome = { ok: true; json: unknown } | { ok: false; failure: FetchFailure };

export const DEFAULT_TIMEOUT_MS = 8000;
/** Binance's exchangeInfo is the largest body we read (about 2 MB); anything past this is refused. */
export const MAX_BODY_CHARS = 8 * 1024 * 1024;

class Timeout extends Error {}

export async function fetchJson(fetchFn: FetchLike, req: HttpRequest, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<FetchOutcome> {
  if (!isAllowedMarketDataUrl(req.url)) {
    return { ok: false, failure: { kind: 'blocked', message: `Refused to fetch ${req.url}: not an allow-listed market-data URL.` } };
  }
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  // Racing the timer as well as aborting: a fetch implementation that ignores the signal still cannot hold
  // a calculation past the deadline. The flag is set before aborting, because a real fetch rejects the moment
  // its signal aborts ("signal is aborted without reason") and that rejection can win the race.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Timeout());
      controller.abort(new Timeout());
    }, timeoutMs);
  });
  try {
    const init: RequestInit = {
      method: req.method,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
      headers: req.method === 'POST' ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
    };
    if (req.body !== undefined) init.body = req.body;
    const res = await Promise.race([fetchFn(req.url, init), deadline]);
    const text = await Promise.race([res.text(), deadline]);
    if (res.status === 429 || res.status === 418) {
      return { ok: false, failure: { kind: 'rate-limited', status: res.status, message: `The venue is rate-limiting LiqGuard (HTTP ${res.status}).` } };
    }
    if (!res.ok) return { ok: false, failure: { kind: 'http', status: res.status, message: `HTTP ${res.status} from ${hostOf(req.url)}.` } };
    if (text.length > MAX_BODY_CHARS) return { ok: false, failure: { kind: 'too-large', message: `Response of ${text.length} characters is larger than allowed.` } };
    const trimmed = text.trim();
    if (trimmed.length === 0) return { ok: false, failure: { kind: 'empty', status: res.status, message: 'The response body is empty.' } };
    if (trimmed.startsWith('<')) return { ok: false, failure: { kind: 'not-json', status: res.status, message: 'The venue answered with an HTML page, not JSON.' } };
    try {
      return { ok: true, json: JSON.parse(trimmed) as unknown };
    } catch {
      return { ok: false, failure: { kind: 'not-json', status: res.status, message: 'The response is not valid JSON (truncated or corrupted).' } };
    }
  } catch (e) {
    if (timedOut || e instanceof Timeout) return { ok: false, failure: { kind: 'timeout', message: `No answer within ${Math.round(timeoutMs / 1000)} s.` } };
    return { ok: false, failure: { kind: 'network', message: `Network error: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown'}.` } };
  } finally {
    clearTimeout(timer);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'the venue';
  }
}
