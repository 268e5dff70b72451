/**
 * "Your tier table": when LiqGuard cannot reach Binance's bracket table, the trader copies the symbol's
 * table from Binance's "Leverage & Margin" page and pastes it here. The background reads and checks it
 * (src/core/market/pasted-table.ts) like a live table, dates it when pasted, and uses it until a newer live
 * table arrives. This view only gathers the text, shows what was read or why it was refused, and lists the
 * kept tables with their age (a warning past 30 days, as for every table). Pure: it renders and calls back.
 */
import { useState } from 'preact/hooks';
import type { PastedTableRow } from '../background/market/market-data';
import type { PasteTableResponse } from '../background/market/messages';
import { LEVERAGE_MARGIN_PAGE, type PastedTableVenue } from '../core/market/pasted-table';
import { amount, dateOf, fractionPercent, sentence } from '../ui/format';

const MARKETS: { id: PastedTableVenue; label: string; example: string; unit: string }[] = [
  { id: 'binance-usdm', label: 'Binance USDⓈ-M', example: 'BTCUSDT', unit: 'USDT' },
  { id: 'binance-coinm', label: 'Binance COIN-M', example: 'BTCUSD_PERP', unit: 'coin' },
];

/** The engine's age limit for a table (src/core/engine/table-age.ts): past it a figure carries a warning. */
const WARN_AFTER_DAYS = 30;

export type PasteOutcome = PasteTableResponse | { noAnswer: string };

export interface PasteTableProps {
  /** Kept tables; null while not known (no answer yet). */
  tables: PastedTableRow[] | null;
  onPaste: (venue: PastedTableVenue, symbol: string, text: string) => Promise<PasteOutcome>;
  onForget: (venue: PastedTableVenue, symbol: string) => void;
  locale?: string;
  nowMs?: number;
}


export function PasteTable(props: PasteTableProps) {
  const { tables, locale } = props;
  const nowMs = props.nowMs ?? Date.now();
  const [venue, setVenue] = useState<PastedTableVenue>('binance-usdm');
  const [symbol, setSymbol] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PasteOutcome | null>(null);
  const market = MARKETS.find((m) => m.id === venue) ?? MARKETS[0]!;

  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    void props
      .onPaste(venue, symbol.trim(), text)
      .then(setOutcome)
      .finally(() => setBusy(false));
  };

  return (
    <section class="paste-table" aria-labelledby="paste-table-title" data-testid="paste-table">
      <h2 id="paste-table-title">Your tier table (Binance)</h2>
      <p class="muted">
        If LiqGuard cannot get Binance&apos;s table, open Binance&apos;s{' '}
        <a href={LEVERAGE_MARGIN_PAGE[venue]} target="_blank" rel="noreferrer noopener">
          Leverage &amp; Margin page
        </a>
        , choose your symbol, select its table from &quot;Tier&quot; to the last row, copy it and paste it here. LiqGuard checks it like a table from Binance, dates it today
        and uses it as your table until a newer live table arrives.
      </p>
      <form onSubmit={submit}>
        <p class="paste-fields">
          <label>
            Market{' '}
            <select value={venue} onChange={(e) => setVenue((e.currentTarget as HTMLSelectElement).value as PastedTableVenue)} data-testid="paste-venue">
              {MARKETS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Symbol{' '}
            <input value={symbol} placeholder={market.example} maxLength={40} required onInput={(e) => setSymbol((e.currentTarget as HTMLInputElement).value)} data-testid="paste-symbol" />
          </label>
        </p>
        <label class="paste-text">
          Table copied from the page
          <textarea
            value={text}
            rows={8}
            maxLength={20_000}
            required
            placeholder={`Tier  Position Bracket (Notional Value in ${market.unit})  Max Leverage  Maintenance Margin Rate  Maintenance Amount\n1  0 - 50,000  125x  0.40%  0\n…`}
            onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
            data-testid="paste-text"
          />
        </label>
        <p>
          <button type="submit" disabled={busy} data-testid="paste-submit">
            {busy ? 'Checking…' : 'Check and use this table'}
          </button>
        </p>
      </form>
      {outcome && 'noAnswer' in outcome && (
        <p role="alert" class="notice notice-warning" data-testid="paste-result">
          LiqGuard&apos;s background did not answer ({outcome.noAnswer}); nothing was kept.
        </p>
      )}
      {outcome && 'ok' in outcome && !outcome.ok && (
        <p role="alert" class="notice notice-warning" data-testid="paste-result">
          Not used: {sentence(outcome.error, locale)}
        </p>
      )}
      {outcome && 'ok' in outcome && outcome.ok && (
        <div data-testid="paste-result" role="status">
          <p>
            Kept as your table for {outcome.symbol}, dated today. Compare it with the page before you rely on it:
          </p>
          <table class="diag-table">
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <th scope="col">Bracket</th>
                <th scope="col">Max leverage</th>
                <th scope="col">Maintenance rate</th>
                <th scope="col">Maintenance amount</th>
              </tr>
            </thead>
            <tbody>
              {outcome.tiers.map((t, i) => (
                <tr key={t.floor}>
                  <td>{i + 1}</td>
                  <td>
                    {amount(t.floor, locale)} – {t.cap === null ? 'no limit' : amount(t.cap, locale)}
                  </td>
                  <td>{t.maxLeverage === null ? '—' : `${t.maxLeverage}×`}</td>
                  <td>{fractionPercent(t.maintenanceMarginRate, locale)}</td>
                  <td>{amount(t.maintenanceAmount, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Tables you pasted</h3>
      {tables === null ? (
        <p class="muted">Not known: the background has not answered.</p>
      ) : tables.length === 0 ? (
        <p class="muted" data-testid="pasted-none">
          None.
        </p>
      ) : (
        <ul data-testid="pasted-list">
          {tables.map((t) => {
            const days = Math.max(0, Math.floor((nowMs - Date.parse(t.pastedAt)) / 86_400_000));
            const old = Number.isFinite(days) && days > WARN_AFTER_DAYS;
            return (
              <li key={`${t.venue}/${t.symbol}`} data-testid={`pasted-${t.venue}-${t.symbol}`}>
                {MARKETS.find((m) => m.id === t.venue)?.label ?? t.venue} {t.symbol}: {t.tiers} tiers, first rate {fractionPercent(t.firstRate, locale)}, pasted {dateOf(t.pastedAt, locale)}
                {old ? (
                  <strong class="notice-warning" role="note">
                    {' '}
                    ⚠ {amount(String(days), locale, 0)} days old: Binance may have changed it; paste a fresh copy.
                  </strong>
                ) : null}{' '}
                <button type="button" onClick={() => props.onForget(t.venue, t.symbol)}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
