/**
 * The live self-check's tally on the diagnostics page: per venue, how many open positions' liquidation
 * prices matched the venue's and how many did not, since the browser started (storage.session; counted when
 * a position's verdict first appears or changes). Nothing of it leaves the browser.
 */
import type { SelfCheckCounts } from '../shared/messages';

export function SelfCheckTally({ counts }: { counts: SelfCheckCounts | null }) {
  const rows = Object.entries(counts ?? {}).filter(([, c]) => c && c.match + c.mismatch > 0);
  return (
    <section data-testid="diag-self-checks" style={{ marginTop: '2rem' }}>
      <h2 style={{ fontSize: '1.1rem' }}>Self-check of open positions</h2>
      <p>
        For every open position a venue page shows with its liquidation price, LiqGuard computes its own from the same figures and compares. A mismatch is shown on the
        page; this tally counts them since the browser started. It stays in this browser.
      </p>
      {counts === null ? (
        <p data-testid="diag-self-checks-none">The background did not answer.</p>
      ) : rows.length === 0 ? (
        <p data-testid="diag-self-checks-none">No position has been checked yet: open a venue&apos;s trading page with open positions.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left', paddingRight: '1rem' }}>Venue</th>
              <th style={{ textAlign: 'right', paddingRight: '1rem' }}>Match</th>
              <th style={{ textAlign: 'right' }}>Mismatch</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([venue, c]) => (
              <tr key={venue} data-testid={`diag-self-check-${venue}`}>
                <td style={{ paddingRight: '1rem' }}>{venue}</td>
                <td style={{ textAlign: 'right', paddingRight: '1rem' }}>{c?.match ?? 0}</td>
                <td style={{ textAlign: 'right' }}>{c?.mismatch ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
