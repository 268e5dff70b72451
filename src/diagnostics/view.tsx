/**
 * The market-data diagnostics view: for each venue, where its tier tables come from, how old they are,
 * the last error, and a button to refresh now. Pure: it renders what it is given and calls back.
 */
import type { DiagnosticsRow } from '../background/market/market-data';

export type LoadState =
  | { kind: 'loading' }
  | { kind: 'no-answer'; detail: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; rows: DiagnosticsRow[]; at: string };

const SOURCE_LABEL: Record<DiagnosticsRow['tierSource'], string> = {
  live: 'Live from the venue',
  bundled: 'Bundled snapshot',
  'venue-default': 'Documented default',
  none: 'No table',
};

function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
}

export function DiagnosticsView(props: { state: LoadState; busy: string | null; onRefresh: (venue?: string) => void }) {
  const { state, busy, onRefresh } = props;
  return (
    <main style={{ font: '14px system-ui, sans-serif', margin: '1.5rem', maxWidth: '72rem' }}>
      <h1 style={{ fontSize: '1.4rem' }}>Market data</h1>
      <p>
        Where LiqGuard gets each venue&apos;s maintenance-margin tiers, how old they are, and what went wrong last. Live tables are refreshed at most once a day per
        symbol; tables older than 30 days carry a caveat, older than 180 days a warning.
      </p>
      {state.kind === 'loading' && <p data-testid="diag-loading">Asking LiqGuard&apos;s background…</p>}
      {state.kind === 'no-answer' && (
        <p role="alert" data-testid="diag-no-answer">
          LiqGuard&apos;s background did not answer ({state.detail}). Market data cannot be shown until it does; try reloading this page.
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" data-testid="diag-error">
          The background answered with an error: {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <>
          <p>
            As of {when(state.at)}.{' '}
            <button type="button" disabled={busy !== null} onClick={() => onRefresh()}>
              {busy === '*' ? 'Refreshing all…' : 'Refresh all now'}
            </button>
          </p>
          <table data-testid="diag-table" style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                {['Venue', 'Tier source', 'Tables in use', 'Last success', 'Last error', ''].map((h) => (
                  <th key={h} style={{ textAlign: 'left', borderBottom: '1px solid #999', padding: '0.3rem' }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {state.rows.map((r) => (
                <tr key={r.venue} data-testid={`diag-row-${r.venue}`} style={{ verticalAlign: 'top', borderBottom: '1px solid #ddd' }}>
                  <td style={{ padding: '0.3rem' }}>
                    <strong>{r.venue}</strong>
                  </td>
                  <td style={{ padding: '0.3rem' }}>
                    {SOURCE_LABEL[r.tierSource]}
                    {r.bundled && (
                      <div>
                        Bundled: {r.bundled.error ? `unavailable (${r.bundled.error})` : `${r.bundled.symbols ?? 0} symbols, dated ${r.bundled.capturedAt === 'unknown' ? 'unknown' : (r.bundled.capturedAt ?? '—')}`}
                      </div>
                    )}
                    <div style={{ color: '#555' }}>{r.note}</div>
                  </td>
                  <td style={{ padding: '0.3rem' }}>
                    {r.symbols.length === 0
                      ? 'None used yet'
                      : r.symbols.map((s) => (
                          <div key={s.symbol}>
                            {s.symbol}: {s.source}, {s.ageDays === null ? 'age unknown' : `${s.ageDays} days old`}
                            {s.ageLevel === 'warning' ? ' ⚠ very old' : s.ageLevel === 'caveat' ? ' (may be out of date)' : ''}
                          </div>
                        ))}
                  </td>
                  <td style={{ padding: '0.3rem' }}>{when(r.lastSuccessAt)}</td>
                  <td style={{ padding: '0.3rem' }}>
                    {r.lastError ? (
                      <span>
                        {when(r.lastError.at)} — {r.lastError.what} {r.lastError.symbol}: {r.lastError.message}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td style={{ padding: '0.3rem' }}>
                    {r.liveEndpoints.length > 0 && (
                      <button type="button" disabled={busy !== null} onClick={() => onRefresh(r.venue)} aria-label={`Refresh ${r.venue} now`}>
                        {busy === r.venue ? 'Refreshing…' : 'Refresh now'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
