import type { AccountView } from '../../shared/account-snapshot';
import { Notice } from '../components';
import { exact, money, percent } from '../format';
import { heldPrice } from '../../ui/format';

/**
 * "This tab": the account LiqGuard read from the venue's page. Each open position with LiqGuard's
 * liquidation price and the venue's side by side, the verdict of the self-check (a mismatch with its likely
 * cause, never folded away), where the assessed order moves each cross position, the wallet and the margin
 * ratio. Hooks as in the overlay: `data-liqguard="venue-liquidation-price"` and `data-liqguard="self-check"`.
 */
export function AccountSection({ account, locale, onStress }: { account: AccountView; locale: string | undefined; onStress?: () => void }) {
  const mismatches = account.warnings.filter((w) => w.code === 'self-check-mismatch');
  const sides = (['long', 'short'] as const).filter((s) => account.positions.some((p) => p.afterOrder && s in p.afterOrder));
  const ratio = account.marginRatio;
  return (
    <section class="account" aria-label="Your open positions" data-testid="tab-account" data-status={account.status}>
      <h3>Your account on {account.venue}</h3>
      {mismatches.length > 0 ? (
        <Notice kind="warning" testId="tab-self-check-warnings">
          <strong>LiqGuard’s liquidation price differs from {account.venue}’s:</strong>
          <ul>
            {mismatches.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <p class="hint" data-testid="tab-account-summary">
        {account.summary}
        {account.wallet ? ` Cross wallet ${money(account.wallet.value, account.wallet.asset, locale)}: ${account.wallet.from}.` : ''}
      </p>
      {account.positions.length > 0 ? (
        <table class="positions">
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">LiqGuard</th>
              <th scope="col">{account.venue}</th>
              <th scope="col">Check</th>
              {sides.map((s) => (
                <th key={s} scope="col">
                  After {s} order
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {account.positions.map((c) => (
              <tr key={`${c.symbol}-${c.side}`} data-position={`${c.symbol} ${c.side}`}>
                <th scope="row">
                  {c.symbol} {c.side} <span class="hint">{c.marginMode}</span>
                </th>
                <td data-liqguard="position-liquidation-price">{c.ours ? exact(c.ours, locale) : 'none'}</td>
                <td data-liqguard="venue-liquidation-price" {...(c.venueLiquidationPrice ? { 'data-value': c.venueLiquidationPrice } : {})}>
                  {c.venueLiquidationPrice ? exact(c.venueLiquidationPrice, locale) : 'none'}
                </td>
                <td>
                  {c.verdict ? (
                    <>
                      {c.verdict === 'match' ? '✓ ' : '✗ '}
                      <span data-liqguard="self-check">{c.verdict}</span>
                      {c.gapPercent ? ` (${percent(c.gapPercent, locale)})` : ''}
                    </>
                  ) : (
                    <span class="hint">not checked: {c.reason}</span>
                  )}
                </td>
                {sides.map((s) => (
                  <td key={s}>{c.afterOrder && s in c.afterOrder ? (c.afterOrder[s] ? heldPrice(c.afterOrder[s], locale, [c.venueLiquidationPrice, c.ours], c.side) : 'none') : '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {ratio?.now ? (
        <p class="hint" data-testid="tab-margin-ratio">
          Cross margin ratio {percent(ratio.now, locale)}
          {sides.filter((s) => ratio.afterOrder[s]).map((s) => `, ${percent(ratio.afterOrder[s], locale)} after the ${s} order`)} (maintenance margin ÷ margin balance; 100 % is
          liquidation){ratio.venue ? `; ${account.venue} shows ${percent(ratio.venue, locale)}, in its own definition` : ''}.
        </p>
      ) : null}
      {onStress && account.status === 'read' ? (
        <p>
          <button type="button" data-testid="tab-stress-account" onClick={onStress}>
            Stress this account
          </button>{' '}
          <span class="hint">the order with the wallet and positions read here, in the Stress tab</span>
        </p>
      ) : null}
    </section>
  );
}
