import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PastedTableRow } from '../background/market/market-data';
import type { DiagnosticsResponse, MarketRequest, PasteTableResponse, PastedTablesResponse, RefreshResponse } from '../background/market/messages';
import type { PastedTableVenue } from '../core/market/pasted-table';
import { loadSettings, watchSettings } from '../shared/settings-store';
import type { Settings } from '../shared/settings';
import { localeFor } from '../popup/numbers';
import type { SelfCheckCounts } from '../shared/messages';
import { SelfCheckTally } from './self-checks';
import { PasteTable } from './PasteTable';
import { DiagnosticsView, type LoadState } from './view';
import '../popup/popup.css';
import './diagnostics.css';

/** Sends a market message; resolves to null when the background does not answer in time or at all. */
async function ask<R extends DiagnosticsResponse | RefreshResponse | PasteTableResponse | PastedTablesResponse>(msg: MarketRequest, timeoutMs: number): Promise<R | { noAnswer: string }> {
  try {
    const reply = await Promise.race([
      browser.runtime.sendMessage(msg) as Promise<unknown>,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
    ]);
    if (reply === 'timeout') return { noAnswer: `no reply within ${Math.round(timeoutMs / 1000)} s` };
    if (typeof reply !== 'object' || reply === null || !('ok' in reply)) return { noAnswer: 'no handler for market messages yet' };
    return reply as R;
  } catch (e) {
    return { noAnswer: e instanceof Error ? e.message : 'messaging failed' };
  }
}

export function toState(reply: DiagnosticsResponse | RefreshResponse | { noAnswer: string }): LoadState {
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
  const [pasted, setPasted] = useState<PastedTableRow[] | null>(null);
  const listed = (r: PasteTableResponse | PastedTablesResponse | { noAnswer: string }) => {
    if ('ok' in r && r.ok) setPasted(r.tables);
  };
  useEffect(() => {
    void ask<DiagnosticsResponse>({ type: 'market/diagnostics' }, 5000).then((r) => setState(toState(r)));
    void ask<PastedTablesResponse>({ type: 'market/pasted-tables' }, 5000).then(listed);
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
    void ask<RefreshResponse>(msg, 120_000)
      .then((r) => setState(toState(r)))
      .finally(() => setBusy(null));
  }, []);
  const onPaste = useCallback(async (venue: PastedTableVenue, symbol: string, text: string) => {
    const r = await ask<PasteTableResponse>({ type: 'market/paste-table', venue, symbol, text }, 10_000);
    listed(r);
    return r;
  }, []);
  const onForget = useCallback((venue: PastedTableVenue, symbol: string) => {
    void ask<PastedTablesResponse>({ type: 'market/forget-table', venue, symbol }, 5000).then(listed);
  }, []);
  const locale = localeFor(settings?.numberFormat);
  return (
    <>
      <DiagnosticsView state={state} busy={busy} onRefresh={onRefresh} locale={locale}>
        <PasteTable tables={pasted} onPaste={onPaste} onForget={onForget} locale={locale} />
      </DiagnosticsView>
      <SelfCheckTally counts={checks} />
    </>
  );
}

const app = document.getElementById('app');
if (app) render(<App />, app);
