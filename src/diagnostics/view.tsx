/**
 * The market-data diagnostics view: for each venue, where its tier tables come from, how old they are
 * (the bundled ones before they are first used too), the last error, and a button to refresh now. Styled
 * like the popup (its stylesheet and colours, dark mode included), venues by their display names. Pure: it
 * renders what it is given and calls back.
 */
import type { ComponentChildren } from 'preact';
import type { DiagnosticsRow } from '../background/market/market-data';
import { calculatorVenue } from '../core/calculator/venue-list';
import { amount, dateOf, sentence } from '../ui/format';

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

/** The same limits the engine applies to a table's age (src/core/engine/table-age.ts). */
const CAVEAT_AFTER_DAYS = 30;
const WARNING_AFTER_DAYS = 180;

function when(iso: string | null | undefined): string {
  return typeof iso === 'string' && iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
}

const venueName = (id: string) => calculatorVenue(id)?.name ?? id;

/** Whole days between an ISO date and now; null when the date is unreadable. Day counting, not money. */
function daysSince(iso: string | null | undefined, nowMs: number): number | null {
  if (typeof iso !== 'string') return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isFinite(ms) && Number.isFinite(nowMs) ? Math.max(0, Math.floor((nowMs - ms) / 86_400_000)) : null;
}

function Age(props: { days: number | null; locale: string | undefined }) {
  const { days } = props;
  if (days === null) return <span class="age age-unknown">age unknown</span>;
  const level = days > WARNING_AFTER_DAYS ? 'warning' : days > CAVEAT_AFTER_DAYS ? 'caveat' : 'fresh';
  return (
    <span class={`age age-${level}`}>
      {amount(String(days), props.locale, 0)} days old
      {level === 'warning' ? ' · very old' : level === 'caveat' ? ' · may be out of date' : ''}
    </span>
  );
}

function Bundled(props: { b: NonNullable<DiagnosticsRow['bundled']>; nowMs: number; locale: string | undefined }) {
  const { b, nowMs, locale } = props;
  if (b.error) return <div>Bundled: unavailable ({b.error})</div>;
  const dated = b.capturedAt && b.capturedAt !== 'unknown' ? b.capturedAt : null;
  const n = b.symbols ?? 0;
  return (
    <div>
      Bundled: {amount(String(n), locale, 0)} {n === 1 ? 'symbol' : 'symbols'}, {dated ? <>captured {dateOf(dated, locale)} (<Age days={daysSince(dated, nowMs)} locale={locale} />)</> : 'capture date not recorded'}
    </div>
  );
}

/** `children` render at the end of the page's main landmark (the paste-your-table section). */
export function DiagnosticsView(props: { state: LoadState; busy: string | null; onRefresh: (venue?: string) => void; locale?: string; nowMs?: number; children?: ComponentChildren }) {
  const { state, busy, onRefresh, locale } = props;
  const nowMs = props.nowMs ?? Date.now();
  return (
    <main class="diagnostics">
      <h1>Market data</h1>
      <p class="muted">
        Where LiqGuard gets each venue&apos;s maintenance-margin tiers, how old they are, and what went wrong last. Live tables are refreshed at most once a day per
        symbol; a table older than 30 days gives a warning with every figure, older than 180 days a stronger one. Below, you can paste Binance&apos;s own table when
        LiqGuard cannot get it.
      </p>
      {state.kind === 'loading' && <p data-testid="diag-loading">Asking LiqGuard&apos;s background…</p>}
      {state.kind === 'no-answer' && (
        <p role="alert" class="notice notice-warning" data-testid="diag-no-answer">
          LiqGuard&apos;s background did not answer ({state.detail}). Market data cannot be shown until it does; try reloading this page.
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" class="notice notice-warning" data-testid="diag-error">
          The background answered with an error: {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <>
          <p class="diag-bar">
            <span>As of {when(state.at)}.</span>
            <button type="button" disabled={busy !== null} onClick={() => onRefresh()}>
              {busy === '*' ? 'Refreshing all…' : 'Refresh all now'}
            </button>
          </p>
          <table data-testid="diag-table" class="diag-table">
            <thead>
              <tr>
                <th scope="col">Venue</th>
                <th scope="col">Tier source</th>
                <th scope="col">Tables in use</th>
                <th scope="col">Last success</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span class="sr-only">Refresh</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.rows.map((r) => (
                <tr key={r.venue} data-testid={`diag-row-${r.venue}`}>
                  <th scope="row">{venueName(r.venue)}</th>
                  <td>
                    {SOURCE_LABEL[r.tierSource] ?? r.tierSource}
                    {r.bundled ? <Bundled b={r.bundled} nowMs={nowMs} locale={locale} /> : null}
                    {r.note ? <div class="muted">{sentence(r.note, locale)}</div> : null}
                    {(r.unreadable ?? []).map((u) => (
                      <div key={u} role="note" data-testid={`diag-unreadable-${r.venue}`}>
                        ⚠ {u}
                      </div>
                    ))}
                  </td>
                  <td>
                    {r.symbols.length === 0
                      ? 'None used yet'
                      : r.symbols.map((s) => (
                          <div key={s.symbol}>
                            {s.symbol}: {s.source}, <Age days={s.ageDays === null || !/^\d{1,6}$/.test(s.ageDays) ? null : Number(s.ageDays)} locale={locale} />
                          </div>
                        ))}
                  </td>
                  <td>{when(r.lastSuccessAt)}</td>
                  <td>
                    {r.lastError ? (
                      <span>
                        {when(r.lastError.at)} — {r.lastError.what} {r.lastError.symbol}: {sentence(r.lastError.message, locale)}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {r.liveEndpoints.length > 0 && (
                      <button type="button" disabled={busy !== null} onClick={() => onRefresh(r.venue)} aria-label={`${busy === r.venue ? 'Refreshing…' : 'Refresh now'} (${venueName(r.venue)})`}>
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
      {props.children}
    </main>
  );
}
