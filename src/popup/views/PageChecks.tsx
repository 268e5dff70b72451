import type { Check, SideFigures, VenueEstimate } from '../../shared/overlay-state';
import { percent, price } from '../../ui/format';

/**
 * What the page's own figures said about what LiqGuard read: every check the background made (the
 * URL's symbol against the header, the size and price against the venue's order value and cost, the
 * leverage against its maximum size, LiqGuard's liquidation price against the venue's estimate),
 * each with its result in words and a mark (never colour alone). Nothing is corroborated silently:
 * a page with nothing to compare says that too. The messages quote the page's figures as the page
 * printed them, so they are shown as written, not re-formatted.
 */

const RESULT: Record<Check['result'], { mark: string; text: string }> = {
  agrees: { mark: '✓', text: 'agrees' },
  disagrees: { mark: '✗', text: 'disagrees' },
  unchecked: { mark: '–', text: 'not checked' },
};

const CODE_TEXT: Record<string, string> = {
  symbol: 'Symbol',
  'order-value': 'Order value',
  cost: 'Cost / margin',
  'max-open': 'Maximum size',
  'venue-liquidation': 'Venue’s liquidation estimate',
  reading: 'Two readings',
  confirmed: 'Your confirmation',
};

const codeText = (code: string) => CODE_TEXT[code] ?? code;

/** "2 agree, 1 disagrees, 1 not checked": the list's summary line. */
export function checkSummary(checks: readonly Check[]): string {
  const count = (r: Check['result']) => checks.filter((c) => c.result === r).length;
  const parts = [
    [count('agrees'), 'agrees', 'agree'],
    [count('disagrees'), 'disagrees', 'disagree'],
    [count('unchecked'), 'not checked', 'not checked'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

export function PageChecks({ checks, open = false }: { checks: readonly Check[] | undefined; open?: boolean }) {
  const list = checks ?? [];
  return (
    <details class="checks" data-testid="tab-checks" open={open || list.some((c) => c.result === 'disagrees')}>
      <summary>
        The page’s own figures {list.length > 0 ? `(${checkSummary(list)})` : '(none to compare)'}
      </summary>
      {list.length === 0 ? (
        <p class="hint" data-testid="tab-checks-none">
          This page shows no order value, cost, maximum size or liquidation estimate next to the form that LiqGuard could compare with what it read, so nothing here is corroborated by the page.
        </p>
      ) : (
        <ul>
          {list.map((c, i) => (
            <li key={`${c.code}-${c.side ?? ''}-${i}`} class={`check check-${c.result}`} data-code={c.code} data-result={c.result} {...(c.side ? { 'data-side': c.side } : {})}>
              <span aria-hidden="true" class="check-mark">
                {RESULT[c.result].mark}{' '}
              </span>
              <strong>
                {codeText(c.code)}
                {c.side ? ` (${c.side})` : ''}: {RESULT[c.result].text}.
              </strong>{' '}
              {c.message}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** The venue's own estimate beside LiqGuard's: "matches" within what the two models explain, else both with the gap. */
export function estimateText(e: VenueEstimate, s: Pick<SideFigures, 'raw'>, locale: string | undefined, unit: string | null): string {
  const theirs = price(e.price, locale, s.raw?.tick, unit);
  if (e.matches) return `${theirs}: matches ${e.venue}’s estimate`;
  const higher = e.gap.startsWith('-') ? 'lower' : 'higher';
  const gapShown = price(e.gap.replace(/^-/, ''), locale, s.raw?.tick, unit);
  return `${theirs}: LiqGuard’s is ${gapShown} ${higher} (${percent(e.gapPercent.replace(/^-/, ''), locale)})`;
}
