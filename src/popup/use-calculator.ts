import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CalcAssessResponse, CalcDefaults, CalcDefaultsResponse } from '../core/calculator/types';
import { calculatorVenue } from '../core/calculator/venue-list';
import { applyDefaults, buildRequest, defaultForm, restoreForm, type CalcForm, type FieldErrors } from './calc-form';
import { ask } from './messaging';
import { takeEarly } from './early-reads';

/**
 * The calculator's state, shared by the Calculator and Stress views: the form (saved to storage.local so
 * it survives closing the popup), the answer for it, and the market-data prefill. Requests are debounced
 * and numbered; a late answer to an older form is dropped.
 */

export const FORM_STORAGE_KEY = 'popup/calculator';
/** The calculator's form as last typed (main.tsx starts this read right after the first render). */
export const readSavedForm = (): Promise<Record<string, unknown>> => browser.storage.local.get(FORM_STORAGE_KEY);
export const ASSESS_TIMEOUT_MS = 10_000;
const DEFAULTS_TIMEOUT_MS = 9_000;
const CALC_DEBOUNCE_MS = 120;
const DEFAULTS_DEBOUNCE_MS = 400;
const SAVE_DEBOUNCE_MS = 200;

export type CalcStatus =
  | { kind: 'loading' }
  | { kind: 'calculating' }
  | { kind: 'ready' }
  | { kind: 'unavailable'; detail: string }
  | { kind: 'error'; message: string };

export interface PolicyChoice {
  /** undefined: the settings decide. */
  accountMode?: string | null;
  region?: string | null;
}

export interface Calculator {
  form: CalcForm | null;
  update: (change: Partial<CalcForm>) => void;
  localErrors: FieldErrors;
  status: CalcStatus;
  response: CalcAssessResponse | null;
  defaults: CalcDefaults | null;
  defaultsNote: string | null;
  policyChoice: PolicyChoice;
  setPolicyChoice: (c: PolicyChoice) => void;
  retry: () => void;
}

export function useCalculator(locale: string | undefined, settingsStamp: string, walletDefault: (venue: string) => string | null = () => null): Calculator {
  const [form, setForm] = useState<CalcForm | null>(null);
  const [status, setStatus] = useState<CalcStatus>({ kind: 'loading' });
  const [response, setResponse] = useState<CalcAssessResponse | null>(null);
  const [defaults, setDefaults] = useState<CalcDefaults | null>(null);
  const [defaultsNote, setDefaultsNote] = useState<string | null>(null);
  const [policyChoice, setPolicyChoice] = useState<PolicyChoice>({});
  const [attempt, setAttempt] = useState(0);
  const seq = useRef(0);
  const defaultsSeq = useRef(0);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    let live = true;
    takeEarly(readSavedForm)
      .then((got) => live && setForm(restoreForm(got[FORM_STORAGE_KEY])))
      .catch(() => live && setForm(defaultForm()));
    return () => {
      live = false;
    };
  }, []);

  const update = useCallback((change: Partial<CalcForm>) => {
    setForm((f) => {
      if (!f) return f;
      const edited = Object.keys(change);
      const next: CalcForm = { ...f, ...change, prefilled: change.prefilled ?? f.prefilled.filter((k) => !edited.includes(k)) };
      // A position held on a venue page belongs to its venue and symbol only.
      if (!('existingPosition' in change) && ((change.venue !== undefined && change.venue !== f.venue) || (change.symbol !== undefined && change.symbol !== f.symbol))) {
        delete next.existingPosition;
        delete next.positionMode;
      }
      // A venue change resets choices the new venue does not have.
      const venue = calculatorVenue(next.venue);
      if (venue && !venue.contracts.includes(next.contract)) next.contract = venue.contracts[0] ?? 'linear';
      if (venue && !venue.marginModes.includes(next.marginMode)) next.marginMode = venue.marginModes[0] ?? 'cross';
      return next;
    });
  }, []);

  // Save the form as typed, a moment after the last keystroke.
  useEffect(() => {
    if (!form) return;
    const t = setTimeout(() => {
      void browser.storage.local.set({ [FORM_STORAGE_KEY]: form }).catch(() => undefined);
    }, SAVE_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [form]);

  const defaultWallet = form ? walletDefault(form.venue) : null;
  const built = useMemo(() => (form ? buildRequest(form, locale, policyChoice, defaultWallet) : null), [form, locale, policyChoice, defaultWallet]);
  const requestKey = built ? JSON.stringify(built.request) : '';

  useEffect(() => {
    if (!built) return;
    const mine = ++seq.current;
    setStatus({ kind: 'calculating' });
    const t = setTimeout(() => {
      void ask<CalcAssessResponse>(built.request, ASSESS_TIMEOUT_MS).then((answer) => {
        if (mine !== seq.current) return;
        if (answer.kind === 'reply') {
          setResponse(answer.reply);
          setStatus({ kind: 'ready' });
        } else if (answer.kind === 'unavailable') {
          setResponse(null);
          setStatus({ kind: 'unavailable', detail: answer.detail });
        } else {
          setResponse(null);
          setStatus({ kind: 'error', message: answer.error.message });
        }
      });
    }, CALC_DEBOUNCE_MS);
    return () => clearTimeout(t);
    // requestKey captures the request; settingsStamp re-asks when thresholds or region change.
  }, [requestKey, settingsStamp, attempt]);

  // Market-data prefill when venue, symbol or contract change.
  const venueKey = form ? `${form.venue}|${form.symbol.trim()}|${form.contract}` : '';
  useEffect(() => {
    if (!form || form.symbol.trim() === '') return;
    const mine = ++defaultsSeq.current;
    const t = setTimeout(() => {
      const symbol = form.symbol.trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/.test(symbol)) return;
      void ask<CalcDefaultsResponse>({ type: 'calc/defaults', venue: form.venue, symbol, contract: form.contract }, DEFAULTS_TIMEOUT_MS).then((answer) => {
        if (mine !== defaultsSeq.current) return;
        if (answer.kind === 'reply') {
          setDefaults(answer.reply.defaults);
          setDefaultsNote(null);
          setForm((f) => (f ? applyDefaults(f, answer.reply.defaults, localeRef.current) : f));
        } else {
          setDefaults(null);
          setDefaultsNote(answer.kind === 'error' ? answer.error.message : `Market data not available (${answer.detail}); enter the values by hand.`);
        }
      });
    }, DEFAULTS_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [venueKey, attempt]);

  return {
    form,
    update,
    localErrors: built?.errors ?? {},
    status,
    response,
    defaults,
    defaultsNote,
    policyChoice,
    setPolicyChoice,
    retry: () => setAttempt((n) => n + 1),
  };
}
