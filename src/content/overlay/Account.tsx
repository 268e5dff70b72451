import type { AccountView, PositionCheck } from '../../shared/account-snapshot';
import type { Side } from '../../shared/form-snapshot';
import { exact, heldPrice, money, percent } from '../../ui/format';
import { Same } from './same';

/**
 * The account as LiqGuard read it from the page, for the overlay (its mismatches are warnings above the
 * fold, in Overlay.tsx): each open position with LiqGuard's liquidation
 * price beside the venue's and, while an order is assessed, where the order moves it. Renders data only.
 * Hooks: `data-liqguard="venue-liquidation-price"` (the venue's figure) and `data-liqguard="self-check"`
 * (text `match` or `mismatch`) per checked position.
 */

const sideName = (s: Side) => (s === 'long' ? 'Long' : 'Short');

/**
 * A price with its exact string in `data-value`, or "none". The venue's and LiqGuard's own figures as
 * given (the background rounds LiqGuard's to the venue's decimals); a figure after the order, which
 * comes unrounded, to those decimals too, towards the mark (`held`: the position's side).
 */
function Price(props: { hook: string; value: string | null | undefined; locale: string | undefined; side?: Side; held?: PositionCheck }) {
  const v = props.value;
  const c = props.held;
  return (
    <span data-liqguard={props.hook} {...(props.side ? { 'data-side': props.side } : {})} {...(v ? { 'data-value': v } : {})}>
      {!v ? 'none' : c ? heldPrice(v, props.locale, [c.venueLiquidationPrice, c.ours], c.side) : exact(v, props.locale)}
    </span>
  );
}

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
      liq. <Price hook="position-liquidation-price" value={c.ours} locale={locale} />
      <span class="lg-sub">
        {' '}
        · {venue}: <Price hook="venue-liquidation-price" value={c.venueLiquidationPrice} locale={locale} />
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
      {after.map((s) => (
        <div key={s} class="lg-sub">
          → <Price hook="after-order" side={s} value={c.afterOrder?.[s]} locale={locale} held={c} /> after this {s} order
        </div>
      ))}
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
            <Same key={`${c.symbol}-${c.side}`} k={JSON.stringify([c, a.venue, locale, sides])}>
              <Position c={c} venue={a.venue} locale={locale} sides={sides} />
            </Same>
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
