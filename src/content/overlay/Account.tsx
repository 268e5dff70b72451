import type { AccountView, PositionCheck } from '../../shared/account-snapshot';
import type { Side } from '../../shared/form-snapshot';
import { exact, money, percent } from '../../ui/format';

/**
 * The account as LiqGuard read it from the page, for the overlay: self-check mismatches as an alert that
 * is always shown (never inside a collapsed list), then each open position with LiqGuard's liquidation
 * price beside the venue's and, while an order is assessed, where the order moves it. Renders data only.
 * Hooks: `data-liqguard="venue-liquidation-price"` (the venue's figure) and `data-liqguard="self-check"`
 * (text `match` or `mismatch`) per checked position.
 */

export function AccountAlerts(props: { account: AccountView | null | undefined }) {
  const warnings = props.account?.warnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <div class="lg-alert" role="alert" data-liqguard="self-check-warnings">
      {warnings.map((n, i) => (
        <p key={`${n.code}-${i}`} class="lg-warn" data-code={n.code}>
          ⚠ {n.message}
        </p>
      ))}
    </div>
  );
}

const sideName = (s: Side) => (s === 'long' ? 'Long' : 'Short');

function Position(props: { c: PositionCheck; venue: string; locale: string | undefined; sides: readonly Side[] }) {
  const { c, venue, locale } = props;
  const after = props.sides.filter((s) => c.afterOrder && s in c.afterOrder);
  return (
    <li data-liqguard-position={`${c.symbol} ${c.side}`}>
      <span class="lg-strong">
        {c.symbol} {sideName(c.side)}
      </span>{' '}
      <span class="lg-sub">{c.marginMode}</span>
      <br />
      liq. <span data-liqguard="position-liquidation-price" {...(c.ours ? { 'data-value': c.ours } : {})}>{c.ours ? exact(c.ours, locale) : 'none'}</span>
      <span class="lg-sub">
        {' '}
        · {venue}:{' '}
        <span data-liqguard="venue-liquidation-price" {...(c.venueLiquidationPrice ? { 'data-value': c.venueLiquidationPrice } : {})}>
          {c.venueLiquidationPrice ? exact(c.venueLiquidationPrice, locale) : 'none'}
        </span>
      </span>{' '}
      {c.verdict ? (
        <span class={c.verdict === 'match' ? 'lg-sub' : 'lg-warn'}>
          {c.verdict === 'match' ? '✓' : '✗'} <span data-liqguard="self-check">{c.verdict}</span>
        </span>
      ) : (
        <span class="lg-sub" data-liqguard="self-check-skipped">
          (not checked: {c.reason})
        </span>
      )}
      {after.map((s) => {
        const price = c.afterOrder?.[s];
        return (
          <div key={s} class="lg-sub" data-liqguard="after-order" data-side={s} {...(price ? { 'data-value': price } : {})}>
            → {price ? exact(price, locale) : 'none'} after this {sideName(s).toLowerCase()} order
          </div>
        );
      })}
    </li>
  );
}

export function AccountPositions(props: { account: AccountView | null | undefined; locale: string | undefined; sides?: readonly Side[] }) {
  const a = props.account;
  if (!a) return null;
  const { locale } = props;
  const sides = props.sides ?? [];
  const ratio = a.marginRatio;
  return (
    <section class="lg-account" data-liqguard="account" data-status={a.status}>
      <p class="lg-sub" data-liqguard="account-summary">
        {a.summary}
        {a.wallet ? ` Cross wallet ${money(a.wallet.value, a.wallet.asset, locale)}.` : ''}
      </p>
      {a.positions.length > 0 ? (
        <ul class="lg-positions">
          {a.positions.map((c) => (
            <Position key={`${c.symbol}-${c.side}`} c={c} venue={a.venue} locale={locale} sides={sides} />
          ))}
        </ul>
      ) : null}
      {ratio?.now ? (
        <p class="lg-sub" data-liqguard="margin-ratio">
          Margin ratio {percent(ratio.now, locale)}
          {sides
            .filter((s) => ratio.afterOrder[s])
            .map((s) => ` → ${percent(ratio.afterOrder[s], locale)} after the ${s} order`)
            .join(',')}{' '}
          (100 % is liquidation)
        </p>
      ) : null}
    </section>
  );
}
