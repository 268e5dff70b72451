import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { listVenuePolicies, VERDICT_LABELS } from '../../core/policy/index';
import type { AnswerSource, Caveat, VenuePolicyView } from '../../core/policy/index';
import { amount } from '../format';

/**
 * Every venue's rules, from the static policy data: "can I lose more than my margin?" by account mode,
 * insurance fund, auto-deleveraging, liquidation trigger and fee, margin modes, maximum leverage, and the
 * sources with dates and confidence. Loaded only when the tab is opened (it is the largest module).
 */

function Sources({ sources }: { sources: AnswerSource[] }) {
  if (sources.length === 0) return <p class="hint">No source on file.</p>;
  return (
    <ul class="sources">
      {sources.map((s) => (
        <li key={s.id}>
          {s.href ? (
            <a href={s.href} target="_blank" rel="noreferrer noopener">
              {s.publisher}
            </a>
          ) : (
            s.publisher
          )}
          , {s.date ?? 'undated'} ({s.dateKind}); {s.confidence} confidence
        </li>
      ))}
    </ul>
  );
}

function Caveats({ caveats }: { caveats: Caveat[] }) {
  const shown = caveats.filter((c) => c.severity === 'warning');
  if (shown.length === 0) return null;
  return (
    <ul class="caveats">
      {shown.map((c) => (
        <li key={c.code + c.message} class="caveat">
          {c.message}
        </li>
      ))}
    </ul>
  );
}

function fee(v: VenuePolicyView, locale: string | undefined): string {
  const f = v.liquidation.fee;
  if (!f) return 'not documented';
  const name = f.name ? f.name.replace(/_/g, ' ') : 'liquidation fee';
  // The research data stores these rates as JSON numbers; shown as their shortest text, never computed on.
  const rate = f.ratePct !== null ? `${amount(String(f.ratePct), locale, 4)} %` : f.ratePctRange ? `${amount(String(f.ratePctRange[0]), locale, 4)}–${amount(String(f.ratePctRange[1]), locale, 4)} %` : f.formula ?? 'rate not published';
  return `${name}: ${rate} (${f.confidence} confidence)`;
}

function VenueDetail({ v, locale }: { v: VenuePolicyView; locale: string | undefined }) {
  const modes = v.nbp.accountModes;
  return (
    <div class="venue-detail">
      <p>{v.overview}</p>
      <h4>Can I lose more than my margin?</h4>
      {modes.length > 0 ? (
        <table class="modes">
          <caption class="sr-only">Answer by account mode</caption>
          <tbody>
            {modes.map((m) => (
              <tr key={m.mode}>
                <th scope="row">{m.label}</th>
                <td>
                  <strong>{VERDICT_LABELS[m.verdict]}.</strong> {m.reasons} <span class="hint">({m.confidence} confidence{m.asOf ? `, as of ${m.asOf}` : ''})</span>
                  <Sources sources={m.sources} />
                  <Caveats caveats={m.caveats} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          <p>
            <strong>{VERDICT_LABELS[v.verdict]}.</strong> {v.nbp.summary} <span class="hint">({v.nbp.confidence} confidence{v.nbp.asOf ? `, as of ${v.nbp.asOf}` : ''})</span>
          </p>
          <Sources sources={v.nbp.sources} />
        </>
      )}
      <Caveats caveats={v.nbp.caveats} />
      <h4>Insurance fund</h4>
      <p>{v.insuranceFund.summary || 'Not documented.'}</p>
      <Sources sources={v.insuranceFund.sources} />
      <h4>Auto-deleveraging</h4>
      <p>
        {v.adl.mechanismLabel}. {v.adl.summary}
      </p>
      <Sources sources={v.adl.sources} />
      <h4>Liquidation</h4>
      <p>
        Trigger: {v.liquidation.triggerPriceLabel ?? v.liquidation.trigger ?? 'not documented'}. Fee: {fee(v, locale)}. {v.liquidation.summary}
      </p>
      <Sources sources={v.liquidation.sources} />
      <h4>Margin modes and leverage</h4>
      <p>
        Margin modes: {v.marginModes.offered.map((m) => m.replace(/_/g, ' ')).join(', ') || 'not documented'}
        {v.marginModes.default ? ` (default ${v.marginModes.default.replace(/_/g, ' ')})` : ''}. Maximum leverage:{' '}
        {v.maxLeverage.value !== null ? `${amount(String(v.maxLeverage.value), locale, 2)}×` : 'not documented'}
        {v.maxLeverage.scope ? ` (${v.maxLeverage.scope.replace(/_/g, ' ')})` : ''}
        {v.maxLeverage.asOf ? `, as of ${v.maxLeverage.asOf}` : ''}.
      </p>
      <Sources sources={[...v.marginModes.sources, ...v.maxLeverage.sources].filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i)} />
      {v.contradictions.length > 0 ? (
        <>
          <h4>Sources disagree</h4>
          <ul>
            {v.contradictions.map((c) => (
              <li key={c.id}>{c.summary}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="hint">
        Overall confidence {v.confidence}. Research compiled {v.dataCompiled}; not checked live.
      </p>
    </div>
  );
}

export function VenuesView({ locale, focus }: { locale: string | undefined; focus: string | null }) {
  const venues = useMemo(() => listVenuePolicies(), []);
  const [query, setQuery] = useState('');
  const focusRef = useRef<HTMLDetailsElement>(null);
  const q = query.trim().toLowerCase();
  const shown = q === '' ? venues : venues.filter((v) => `${v.name} ${v.shortName} ${v.id} ${v.venueType}`.toLowerCase().includes(q));
  const focusId = focus === null ? null : (venues.find((v) => v.id === focus || v.id === focus.replace(/-/g, '_'))?.id ?? (focus.startsWith('binance') ? 'binance' : null));
  useEffect(() => {
    focusRef.current?.scrollIntoView({ block: 'start' });
    focusRef.current?.querySelector('summary')?.focus();
  }, [focusId]);
  return (
    <div class="venues">
      <div class="field">
        <label for="venue-search">Search venues</label>
        <input id="venue-search" type="search" value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} placeholder="e.g. Bybit" />
      </div>
      <p class="hint" aria-live="polite">
        {shown.length} of {venues.length} venues
      </p>
      <ul class="venue-list" data-testid="venue-list">
        {shown.map((v) => (
          <li key={v.id}>
            <details open={v.id === focusId} ref={v.id === focusId ? focusRef : undefined} data-venue={v.id}>
              <summary>
                <span class="venue-name">{v.shortName}</span> <span class={`verdict verdict-${v.verdict}`}>{VERDICT_LABELS[v.verdict]}</span>
              </summary>
              <VenueDetail v={v} locale={locale} />
            </details>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p>No venue matches “{query}”.</p> : null}
    </div>
  );
}
