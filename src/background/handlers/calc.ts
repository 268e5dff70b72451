/**
 * The calculator's background handler: `calc/assess` (one full answer for the popup's calculator and stress
 * views) and `calc/defaults` (prefill for the form). The router validates the message against its schema
 * (src/shared/message-schemas.ts) and calls `handleCalc(request, deps)`; this file only gathers market data
 * and settings, and src/core/calculator does the rest.
 *
 * Market data is waited for within limits: the popup is a quick tool, so a volatility figure that is not
 * ready within VOLATILITY_WAIT_MS is left out (and the answer says so) rather than holding up the
 * liquidation price.
 */
import { buildDefaults, calculate } from '../../core/calculator/index';
import type { CalcAssessRequest, CalcAssessResponse, CalcDefaultsRequest, CalcDefaultsResponse, CalcDataNote, MarketAnswers } from '../../core/calculator/index';
import { calculatorVenue } from '../../core/calculator/venue-list';
import type { TierTable, VenueId } from '../../core/engine/types';
import type { ErrorReply } from '../../shared/messages';
import { severityThresholdsFrom, settingsVenueFor, type Settings } from '../../shared/settings';
import type { MarketData } from '../market/index';
import { within } from '../within';

export type CalcRequest = CalcAssessRequest | CalcDefaultsRequest;
export type CalcReply = CalcAssessResponse | CalcDefaultsResponse | ErrorReply;

export interface CalcDeps {
  market: Pick<MarketData, 'tierTable' | 'contractSpec' | 'markPrice' | 'volatility'>;
  /** The trader's settings now (thresholds, region, account mode per venue). */
  settings: Settings | (() => Settings | Promise<Settings>);
  now?: () => number;
  /** How long to wait for volatility and mark price before answering without them. */
  waitMs?: { volatility?: number; mark?: number };
}

export const VOLATILITY_WAIT_MS = 1500;
export const MARK_WAIT_MS = 3000;
const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

async function settingsOf(deps: CalcDeps): Promise<Settings> {
  return typeof deps.settings === 'function' ? await deps.settings() : deps.settings;
}

function venueOf(v: unknown): VenueId | null {
  return typeof v === 'string' && calculatorVenue(v.trim()) ? (v.trim() as VenueId) : null;
}

function hasOverride(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
}

async function handleAssess(req: CalcAssessRequest, deps: CalcDeps): Promise<CalcAssessResponse> {
  const settings = await settingsOf(deps);
  const nowMs = (deps.now ?? Date.now)();
  const input = req.input;
  const venue = venueOf(input.venue);
  const symbol = typeof input.symbol === 'string' && SYMBOL.test(input.symbol.trim()) ? input.symbol.trim() : null;
  const sv = venue ? settingsVenueFor(venue) : null;

  let tiers: TierTable | null = null;
  let tableNote: CalcDataNote['tierTable'] = null;
  let volatility: { sigmaDaily: string; source: string; window: string } | null = null;
  if (venue && symbol) {
    // A maintenance rate typed by the trader replaces the table; no need to fetch one.
    const tierWork = hasOverride(input.maintenanceMarginRate) ? Promise.resolve(null) : deps.market.tierTable(venue, symbol).catch(() => null);
    const volWork = within(deps.market.volatility(venue, symbol), deps.waitMs?.volatility ?? VOLATILITY_WAIT_MS, null);
    const [tier, vol] = await Promise.all([tierWork, volWork]);
    if (tier) {
      tiers = tier.table;
      tableNote = { source: tier.note.source, capturedAt: tier.note.capturedAt, message: tier.note.message, confidence: tier.note.confidence };
    }
    volatility = vol;
  }
  return calculate(req, {
    now: new Date(nowMs).toISOString(),
    tiers,
    tableNote,
    volatility,
    thresholds: severityThresholdsFrom(settings),
    defaultAccountMode: sv ? settings.venues[sv].accountMode : null,
    defaultRegion: settings.region === 'unknown' ? null : settings.region,
  });
}

async function handleDefaults(req: CalcDefaultsRequest, deps: CalcDeps): Promise<CalcDefaultsResponse> {
  const symbol = req.symbol.trim();
  const markWait = deps.waitMs?.mark ?? MARK_WAIT_MS;
  const noMark = { mark: null, note: { message: 'No mark price yet: the venue did not answer in time. Enter the mark price.' } };
  const [tier, spec, mark] = await Promise.all([
    deps.market.tierTable(req.venue, symbol).catch(() => null),
    deps.market.contractSpec(req.venue, symbol).catch(() => null),
    within<MarketAnswers['mark']>(deps.market.markPrice(req.venue, symbol), markWait, noMark),
  ]);
  return { ok: true, defaults: buildDefaults(req.venue, symbol, req.contract, { tier, spec, mark }) };
}

/** The router's entry point for `calc/*`. Never throws: a defect becomes an `internal` error reply. */
export async function handleCalc(request: CalcRequest, deps: CalcDeps): Promise<CalcReply> {
  try {
    if (request.type === 'calc/assess') return await handleAssess(request, deps);
    if (request.type === 'calc/defaults') {
      if (!venueOf(request.venue)) return { ok: false, error: { code: 'invalid-message', message: 'Unknown venue for calc/defaults.' } };
      return await handleDefaults(request, deps);
    }
    return { ok: false, error: { code: 'unknown-type', message: 'Not a calculator message.' } };
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The calculator failed on this input; no figure is shown rather than a wrong one.' } };
  }
}
