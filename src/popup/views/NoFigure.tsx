import { calculatorVenue } from '../../core/calculator/venue-list';
import type { UnreadTab } from '../../shared/overlay-state';

/**
 * This tab, when the overlay on the page shows no figure for a form it could not read: the page is a
 * venue's order page (never "not a supported page"), what the overlay says and what the trader can do.
 * The overlay's own words (StateView) and the fields as read come from This tab around it.
 */

/** "Binance USDⓈ-M" where the read tells Binance's two products apart, else the venue's name. */
function venueName(unread: UnreadTab): string {
  const product = unread.snapshot?.product;
  const id = unread.venue === 'binance' && product ? `binance-${product}` : unread.venue;
  return calculatorVenue(id)?.name ?? unread.venue.charAt(0).toUpperCase() + unread.venue.slice(1);
}

/** The fields a reason names, in the words of the overlay's picker. */
const FIELD_WORDS: Record<string, string> = {
  sides: 'the side (Buy/Long or Sell/Short)',
  orderType: 'the order type (Limit or Market tab)',
  intent: 'the Open/Close tab',
  price: 'the price field',
  quantity: 'the size field and its unit',
  leverage: 'the leverage',
  marginMode: 'the margin mode (Cross or Isolated)',
  availableBalance: 'the available balance',
};

export function NoFigureHead({ unread }: { unread: UnreadTab }) {
  const symbol = unread.snapshot?.symbol.ok ? unread.snapshot.symbol.value : null;
  return (
    <h2 data-testid="tab-no-figure-head">
      {venueName(unread)}
      {symbol ? ` ${symbol}` : ''}: no figure on this page
    </h2>
  );
}

/** What the trader can do about it, most direct first. */
export function WhatToDo({ unread }: { unread: UnreadTab }) {
  const { state } = unread;
  const fields = state.kind === 'unreadable' ? [...new Set(state.reasons.map((r) => r.field ?? ''))] : [];
  const noForm = fields.includes('form');
  const pointable = fields.filter((f) => FIELD_WORDS[f]);
  const margin = fields.includes('marginMode');
  return (
    <section aria-labelledby="todo-title" data-testid="tab-what-to-do">
      <h3 id="todo-title">What you can do</h3>
      <ol>
        {state.kind === 'confirm' ? (
          <li>In LiqGuard’s panel on the page, check the fields it found and click “Yes, use them”, or point at the right ones.</li>
        ) : noForm ? (
          <li>If this page has an order form, open LiqGuard’s panel on the page (the pill at the form’s edge), click “Point at the fields” and point at the form’s fields once; LiqGuard reads them there from then on.</li>
        ) : (
          <li>
            In LiqGuard’s panel on the page, click “Point at the fields” and point at {pointable.length > 0 ? pointable.map((f) => FIELD_WORDS[f]).join(', ') : 'the fields it could not read'}. LiqGuard then reads them there every
            time (for a tab, which one is active); what you set yourself is shown as your assumption.
          </li>
        )}
        {margin ? <li>Or choose Cross or Isolated in the panel: remembered for this symbol and shown as your choice.</li> : null}
        <li>Or work the position out in the calculator{unread.snapshot ? ', prefilled with what the page shows' : ''}.</li>
      </ol>
    </section>
  );
}
