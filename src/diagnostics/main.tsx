import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { DiagnosticsResponse, MarketRequest, RefreshResponse } from '../background/market/messages';
import { loadSettings, watchSettings } from '../shared/settings-store';
import type { Settings } from '../shared/settings';
import { localeFor } from '../popup/numbers';
import type { SelfCheckCounts } from '../shared/messages';
import { SelfCheckTally } from './self-checks';
import { DiagnosticsView, type LoadState } from './view';
import '../popup/popup.css';
import './diagnostics.css';

/** Sends a market message; resolves to null when the background does not answer in time or at all. */
async function ask(msg: MarketRequest, timeoutMs: number): Promise<DiagnosticsResponse | RefreshResponse | { noAnswer: string }> {
  try {
    const reply = await Promise.race([
      browser.runtime.sendMessage(msg) as Promise<unknown>,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
    ]);
    if (reply === 'timeout') return { noAnswer: `no reply within ${Math.round(timeoutMs / 1000)} s` };
    if (typeof reply !== 'object' || reply === null || !('ok' in reply)) return { noAnswer: 'no handler for market messages yet' };
    return reply as DiagnosticsResponse | RefreshResponse;
  } catch (e) {
    return { noAnswer: e instanceof Error ? e.message : 'messaging failed' };
  }
}

export function toState(reply: Awaited<ReturnType<typeof ask>>): LoadState {
  if ('noAnswer' in reply) return { kind: 'no-answer', detail: reply.noAnswer };
  if (!reply.ok) return { kind: 'error', message: reply.error };
  return { kind: 'ready', rows: reply.rows, at: reply.at };
}

/** The trader's theme choice on the page, as the popup does (auto follows the system). */
function applyTheme(theme: Settings['theme']): void {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

function App() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void ask({ type: 'market/diagnostics' }, 5000).then((r) => setState(toState(r)));
    void loadSettings().then((l) => setSettings(l.settings));
    return watchSettings((l) => setSettings(l.settings));
  }, []);
  const [checks, setChecks] = useState<SelfCheckCounts | null>(null);
  useEffect(() => {
    void (browser.runtime.sendMessage({ type: 'account/checks' }) as Promise<{ ok?: boolean; counts?: SelfCheckCounts } | undefined>).then(
      (r) => setChecks(r?.ok && r.counts ? r.counts : null),
      () => setChecks(null),
    );
  }, []);
  useEffect(() => applyTheme(settings?.theme ?? 'auto'), [settings?.theme]);
  const onRefresh = useCallback((venue?: string) => {
    setBusy(venue ?? '*');
    const msg = (venue ? { type: 'market/refresh', venue } : { type: 'market/refresh' }) as MarketRequest;
    // A full refresh asks every venue once, each bounded by the 8 s fetch deadline.
    void ask(msg, 120_000)
      .then((r) => setState(toState(r)))
      .finally(() => setBusy(null));
  }, []);
  return (
    <>
      <DiagnosticsView state={state} busy={busy} onRefresh={onRefresh} locale={localeFor(settings?.numberFormat)} />
      <SelfCheckTally counts={checks} />
    </>
  );
}

const app = document.getElementById('app');
if (app) render(<App />, app);
