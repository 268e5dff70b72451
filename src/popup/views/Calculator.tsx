import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CalcDefaults } from '../../core/calculator/types';
import { CALCULATOR_VENUES, calculatorVenue } from '../../core/calculator/venue-list';
import type { Assessment, Assumption, EngineResult, QuantityUnit } from '../../core/engine/types';
import { engineErrors, leverageOptional, type CalcForm, type FieldErrors, type OtherRow } from '../calc-form';
import { AssumptionIndex, AssumptionList, Choice, Field, Figure, Notice, Select, SeverityBadge, Warnings } from '../components';
import { amount, dateOf, DASH, exact, fractionPercent, money, percent, price, quantity, sentence, signedPrice } from '../format';
import { distanceLabel, signedMove } from '../../ui/distance';
import { inWords, percent as percentOf, priceUnit } from '../../ui/format';
import type { Calculator } from '../use-calculator';

const UNIT_LABEL: Record<QuantityUnit, string> = { base: 'Base coin', quote: 'Quote (value)', contracts: 'Contracts' };
/** "Missing" errors on fields the trader has not reached yet are summarised once instead of shown on every field. */
const NOT_YET = new Set(['required', 'empty']);

export function CalculatorUnavailable({ detail, onRetry }: { detail: string; onRetry: () => void }) {
  return (
    <Notice kind="warning" testId="calc-unavailable">
      <strong>Calculator not available.</strong> The LiqGuard background did not answer ({detail}). No figure is shown rather than a guess.{' '}
      <button type="button" class="link" onClick={onRetry}>
        Try again
      </button>
    </Notice>
  );
}

/** Field errors to show: the locale parser's first, then the engine's, for touched fields. */
export function visibleErrors(calc: Calculator, touched: Set<string>): { errors: FieldErrors; missing: string[] } {
  const r = calc.response;
  const engine: FieldErrors = {};
  const missing: string[] = [];
  if (r && !r.result.ok) {
    for (const e of r.result.errors) {
      const key = Object.keys(engineErrors([e]))[0] ?? '';
      const row = /^otherPositions\[\d+\]\./.exec(key)?.[0];
      const reached = touched.has(key) || (row !== undefined && [...touched].some((t) => t.startsWith(row)));
      if (NOT_YET.has(e.code) && !reached) {
        missing.push(inWords(e.message));
        continue;
      }
      Object.assign(engine, mergeInto(engine, key, inWords(e.message)));
    }
  }
  if (r) {
    for (const extra of Object.values(r.extras) as (EngineResult<unknown> | null)[]) {
      if (extra && !extra.ok) for (const [k, m] of Object.entries(engineErrors(extra.errors))) Object.assign(engine, mergeInto(engine, k, inWords(m)));
    }
  }
  return { errors: { ...engine, ...calc.localErrors }, missing };
}

function mergeInto(target: FieldErrors, key: string, message: string): FieldErrors {
  return { [key]: target[key] ? `${target[key]} ${message}` : message };
}

function useTouched(): [Set<string>, (k: string) => void] {
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  return [touched, (k) => setTouched((t) => (t.has(k) ? t : new Set(t).add(k)))];
}

function prefillHint(field: string, form: CalcForm, d: CalcDefaults | null): string | undefined {
  if (!d || !form.prefilled.includes(field)) return undefined;
  if (field === 'takerFeeRate') return `From ${d.takerFeeRate.source}.`;
  if (field === 'contractSize' && d.contractSize) return `From ${d.contractSize.source}.`;
  if (field === 'tickSize' && d.tickSize) return `From ${d.tickSize.source}.`;
  if ((field === 'markPrice' || field === 'entryPrice') && d.markPrice) return `From the ${d.markPrice.source} at ${d.markPrice.at.slice(11, 19)} UTC.`;
  return undefined;
}

export function CalculatorView({ calc, locale }: { calc: Calculator; locale: string | undefined }) {
  const [touched, touch] = useTouched();
  const form = calc.form;
  if (!form) return <p class="muted">Loading your last inputs…</p>;
  const venue = calculatorVenue(form.venue);
  const { errors, missing } = visibleErrors(calc, touched);
  const set = (field: keyof CalcForm) => (value: string) => {
    touch(field);
    calc.update({ [field]: value } as Partial<CalcForm>);
  };
  const field = (id: keyof CalcForm & string, label: string, extra: { suffix?: string; placeholder?: string; hint?: string } = {}) => (
    <Field id={id} label={label} value={String(form[id])} onInput={set(id)} error={errors[id]} hint={extra.hint ?? prefillHint(id, form, calc.defaults)} suffix={extra.suffix} placeholder={extra.placeholder} />
  );
  const isolated = form.marginMode === 'isolated';
  const d = calc.defaults;

  return (
    <div class="calculator">
      <ResultStrip calc={calc} locale={locale} />
      <form class="calc-form" onSubmit={(e) => e.preventDefault()} aria-label="Position">
        <div class="grid2">
          <Select
            id="venue"
            label="Venue"
            value={form.venue}
            options={CALCULATOR_VENUES.map((v) => ({ value: v.id, label: v.name }))}
            onChange={(v) => {
              touch('venue');
              calc.update({ venue: v, symbol: calculatorVenue(v)?.symbolExample ?? form.symbol });
            }}
            error={errors.venue}
          />
          {field('symbol', 'Symbol', { placeholder: venue?.symbolExample })}
        </div>
        {calc.defaultsNote ? <p class="hint">{calc.defaultsNote}</p> : null}
        {d && d.notes.length > 0 ? <p class="hint">{d.notes.join(' ')}</p> : null}
        <Choice
          name="contract"
          legend="Contract"
          value={form.contract}
          onChange={(v) => calc.update({ contract: v })}
          options={[
            { value: 'linear', label: 'Linear (USDT/USDC)', disabled: !venue?.contracts.includes('linear') },
            { value: 'inverse', label: 'Inverse (coin)', disabled: !venue?.contracts.includes('inverse') },
          ]}
        />
        <div class="grid2">
          <Choice name="side" legend="Side" value={form.side} onChange={(v) => calc.update({ side: v })} options={[{ value: 'long', label: 'Long' }, { value: 'short', label: 'Short' }]} />
          <Choice
            name="marginMode"
            legend="Margin mode"
            value={form.marginMode}
            onChange={(v) => calc.update({ marginMode: v })}
            options={[
              { value: 'isolated', label: 'Isolated', disabled: !venue?.marginModes.includes('isolated') },
              { value: 'cross', label: 'Cross', disabled: !venue?.marginModes.includes('cross') },
            ]}
          />
        </div>
        <div class="grid2">
          {field('entryPrice', 'Entry price')}
          {field('markPrice', 'Mark price')}
        </div>
        <div class="grid2">
          {field('quantity', 'Quantity')}
          <Select id="quantityUnit" label="Unit" value={form.quantityUnit} onChange={(v) => calc.update({ quantityUnit: v })} options={(['base', 'quote', 'contracts'] as const).map((u) => ({ value: u, label: UNIT_LABEL[u] }))} error={errors.quantityUnit} />
        </div>
        {isolated ? (
          <Choice name="sizing" legend="Margin from" value={form.sizing} onChange={(v) => calc.update({ sizing: v })} options={[{ value: 'leverage', label: 'Leverage' }, { value: 'margin', label: 'Isolated margin' }]} />
        ) : null}
        <div class="grid2">
          {isolated && form.sizing === 'margin' ? field('isolatedMargin', 'Isolated margin') : field('leverage', leverageOptional(form) ? 'Leverage (optional in cross)' : 'Leverage', { suffix: '×', hint: [leverageOptional(form) ? 'Sets only the initial margin and the order’s cost: the wallet decides the liquidation price.' : null, d?.maxLeverage ? `Venue maximum ${amount(d.maxLeverage.value, locale, 2)}× (${d.maxLeverage.source}).` : null].filter(Boolean).join(' ') || undefined })}
          {field('walletBalance', isolated ? 'Wallet balance (optional)' : 'Cross wallet balance', {
            hint: form.walletBalance.trim() === '' && calc.response?.result.ok && calc.response.result.assessment.contract === 'linear' && calc.response.result.assessment.marginMode === 'cross' ? 'Empty: your default wallet from the options is used, if set.' : undefined,
          })}
        </div>
        {field('takerFeeRate', 'Taker fee', { suffix: '%', placeholder: 'venue default' })}
        <details class="more">
          <summary>Contract, tiers and funding</summary>
          <div class="grid2">
            {field('contractSize', 'Contract size')}
            {field('tickSize', 'Tick size')}
          </div>
          <TierInfo calc={calc} locale={locale} />
          <div class="grid2">
            {field('maintenanceMarginRate', 'Own maintenance rate', { suffix: '%', placeholder: 'from tier table' })}
            {field('maintenanceAmount', 'Maintenance amount', { placeholder: '0' })}
          </div>
          <div class="grid2">
            {field('fundingRate', 'Funding rate / interval', { suffix: '%' })}
            {field('fundingIntervalHours', 'Funding interval', { suffix: 'h', placeholder: 'venue default' })}
          </div>
        </details>
        <HeldPosition calc={calc} locale={locale} />
        {!isolated ? <OtherPositions calc={calc} errors={errors} touch={touch} /> : null}
      </form>
      <Results calc={calc} locale={locale} missing={missing} errors={errors} />
      <WhatIf calc={calc} errors={errors} touch={touch} locale={locale} />
    </div>
  );
}

/**
 * The answer in one line, stuck under the tabs while the form scrolls: severity · liquidation price ·
 * signed distance. It follows every keystroke; the full figures are below the form.
 */
export function ResultStrip({ calc, locale }: { calc: Calculator; locale: string | undefined }) {
  const r = calc.response;
  const a = r?.result.ok ? r.result.assessment : null;
  const busy = calc.status.kind === 'calculating';
  return (
    <div class={`result-strip${a ? ` sev-bg-${a.severity.level}` : ''}${busy ? ' busy' : ''}`} data-testid="calc-strip" aria-live="polite">
      {a ? (
        <>
          <SeverityBadge level={a.severity.level} />
          <span>
            {a.display.liquidationPrice ? (
              <>
                Liq. <strong>{price(a.display.liquidationPrice, locale, a.display.tick)}</strong> {priceUnit(a.symbol, a.currency) ?? ''}
              </>
            ) : (
              'No liquidation price'
            )}
          </span>
          {a.distance ? <span>{percentOf(signedMove(a.side, a.distance.percent), locale, { signed: true })}{a.distance.from === 'fill' ? ' from your price' : ''}</span> : null}
        </>
      ) : (
        <span class="muted">{calc.status.kind === 'loading' ? 'Loading…' : r && !r.result.ok ? 'Fill in the form to see where it is liquidated.' : 'Calculating…'}</span>
      )}
    </div>
  );
}


function TierInfo({ calc, locale }: { calc: Calculator; locale: string | undefined }) {
  const t = calc.defaults?.tierTable;
  const note = calc.response?.data.tierTable;
  if (!t && !note) return <p class="hint">No tier table loaded: enter your own maintenance rate, or wait for market data.</p>;
  return (
    <div class="tier-info">
      {note ? <p class="hint">{note.message}</p> : null}
      {t ? (
        <details>
          <summary>
            Tier table: {t.tiers.length} tiers ({t.source}, {t.capturedAt ? dateOf(t.capturedAt, locale) : 'undated'})
          </summary>
          <table class="tiers">
            <caption class="sr-only">Maintenance-margin tiers by {t.basis}</caption>
            <thead>
              <tr>
                <th scope="col">Up to ({t.basis})</th>
                <th scope="col">MMR</th>
                <th scope="col">Max lev.</th>
              </tr>
            </thead>
            <tbody>
              {t.tiers.map((row, i) => (
                <tr key={i}>
                  <td>{row.cap === null ? 'no cap' : amount(row.cap, locale, 8)}</td>
                  <td>{fractionPercent(row.maintenanceMarginRate, locale, 4)}</td>
                  <td>{amount(row.maxLeverage, locale, 2)}×</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}

/** The position a venue page showed in this symbol: the order is assessed as what it leaves of it. */
function HeldPosition({ calc, locale }: { calc: Calculator; locale: string | undefined }) {
  const ex = calc.form?.existingPosition;
  if (!ex) return null;
  return (
    <p class="hint" data-testid="calc-held-position">
      Held on the venue’s page: {ex.side} {exact(ex.quantity, locale)} ({UNIT_LABEL[ex.quantityUnit].toLowerCase()}) at {exact(ex.entryPrice, locale)}
      {ex.isolatedMargin ? `, isolated margin ${exact(ex.isolatedMargin, locale)}` : ''}. This order is assessed as the position it leaves.{' '}
      <button type="button" class="link" onClick={() => calc.update({ existingPosition: undefined, positionMode: undefined })}>
        Assess the order alone
      </button>
    </p>
  );
}

let nextRowId = 1000;

function OtherPositions({ calc, errors, touch }: { calc: Calculator; errors: FieldErrors; touch: (k: string) => void }) {
  const form = calc.form;
  if (!form) return null;
  const rows = form.otherPositions;
  const change = (i: number, patch: Partial<OtherRow>) => {
    for (const k of Object.keys(patch)) touch(`otherPositions[${i}].${k}`);
    calc.update({ otherPositions: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  };
  return (
    <fieldset class="others">
      <legend>Other positions in the cross account</legend>
      {rows.length === 0 ? <p class="hint">None: the cross wallet is taken to back this position alone.</p> : null}
      {rows.map((row, i) => {
        const f = (k: string) => `otherPositions[${i}].${k}`;
        return (
          <div class="other" key={row.id} role="group" aria-label={`Other position ${i + 1}`}>
            <div class="grid2">
              <Field id={f('symbol')} label="Symbol" inputMode="text" value={row.symbol} onInput={(v) => change(i, { symbol: v })} error={errors[f('symbol')]} />
              <Select id={f('side')} label="Side" value={row.side} onChange={(v) => change(i, { side: v })} options={[{ value: 'long', label: 'Long' }, { value: 'short', label: 'Short' }]} />
            </div>
            <div class="grid2">
              <Field id={f('quantity')} label="Quantity" value={row.quantity} onInput={(v) => change(i, { quantity: v })} error={errors[f('quantity')]} />
              <Select id={f('quantityUnit')} label="Unit" value={row.quantityUnit} onChange={(v) => change(i, { quantityUnit: v })} options={(['base', 'quote', 'contracts'] as const).map((u) => ({ value: u, label: UNIT_LABEL[u] }))} />
            </div>
            <div class="grid2">
              <Field id={f('entryPrice')} label="Entry price" value={row.entryPrice} onInput={(v) => change(i, { entryPrice: v })} error={errors[f('entryPrice')]} />
              <Field id={f('markPrice')} label="Mark price" value={row.markPrice} onInput={(v) => change(i, { markPrice: v })} error={errors[f('markPrice')]} />
            </div>
            <div class="grid2">
              <Field id={f('maintenanceMarginRate')} label="Maintenance rate" suffix="%" value={row.maintenanceMarginRate} onInput={(v) => change(i, { maintenanceMarginRate: v })} error={errors[f('maintenanceMarginRate')]} />
              <Field id={f('maintenanceAmount')} label="Maintenance amount" value={row.maintenanceAmount ?? ''} placeholder="0" onInput={(v) => change(i, { maintenanceAmount: v })} error={errors[f('maintenanceAmount')]} />
            </div>
            <button type="button" class="link" onClick={() => calc.update({ otherPositions: rows.filter((_, j) => j !== i) })}>
              Remove position {i + 1}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => calc.update({ otherPositions: [...rows, { id: nextRowId++, symbol: '', side: 'long', quantity: '', quantityUnit: 'base', entryPrice: '', markPrice: '', maintenanceMarginRate: '' }] })}
      >
        Add a position
      </button>
    </fieldset>
  );
}

const not = (codes: string[]) => (a: Assumption) => !codes.includes(a.code);
const only = (re: RegExp) => (a: Assumption) => re.test(a.code);

/** The headline figures with the assumptions each rests on. */
export function Results({ calc, locale, missing, errors }: { calc: Calculator; locale: string | undefined; missing: string[]; errors: FieldErrors }) {
  const { status, response } = calc;
  if (status.kind === 'unavailable') return <CalculatorUnavailable detail={status.detail} onRetry={calc.retry} />;
  if (status.kind === 'error') return <Notice kind="error">The calculator refused this input: {status.message}</Notice>;
  if (!response) return <p class="muted" aria-live="polite">{status.kind === 'loading' ? 'Loading…' : 'Calculating…'}</p>;
  if (!response.result.ok) {
    const formLevel = errors[''];
    return (
      <section class="results" aria-label="Results" aria-live="polite">
        {missing.length > 0 ? (
          <Notice kind="info" testId="calc-missing">
            To calculate, fill in: {missing.join(' ')}
          </Notice>
        ) : null}
        {formLevel ? <Notice kind="error">{formLevel}</Notice> : null}
        {missing.length === 0 && !formLevel ? <p class="muted">Fix the fields marked above to see figures.</p> : null}
      </section>
    );
  }
  return <Figures a={response.result.assessment} locale={locale} />;
}

function Figures({ a, locale }: { a: Assessment; locale: string | undefined }) {
  const idx = new AssumptionIndex();
  const cite = (pred: (x: Assumption) => boolean) => idx.cite(a.assumptions.filter(pred));
  const liqRefs = cite(not(['fees-in-loss', 'touch-model', 'cross-wallet-at-risk']));
  const lossRefs = cite(not(['touch-model', 'cross-wallet-at-risk']));
  const riskRefs = cite(only(/margin|cross|others|no-other/));
  const imRefs = cite(only(/leverage-from-margin|isolated-margin|quote-converted|contract-size|net-position/));
  const mmRefs = cite(only(/tier|contract-size|quote-converted/));
  const touchRefs = cite(only(/touch-model/));
  const cur = a.currency;
  const roundDir = a.liquidationDirection === 'down' ? 'ceil' : 'floor';
  const tier = a.tier;
  const tierText = `${tier.index === null ? (tier.measuredAt === 'override' ? 'your rate' : 'venue function') : `tier ${tier.index + 1}`}: MMR ${fractionPercent(tier.maintenanceMarginRate, locale, 4)}${tier.maintenanceAmount !== '0' ? `, less ${money(tier.maintenanceAmount, cur, locale)}` : ''}`;
  return (
    <section class="results" aria-label="Results" aria-live="polite" data-testid="calc-results">
      <div class={`headline sev-bg-${a.severity.level}`}>
        <SeverityBadge level={a.severity.level} testId="calc-severity" />
        <span class="headline-text">
          Liquidation <strong data-testid="calc-liquidation">{a.display.liquidationPrice ? exact(a.display.liquidationPrice, locale) : 'none'}</strong>
          {a.distance ? <> · {percent(a.distance.percent, locale)} away</> : null}
        </span>
      </div>
      {a.severity.reasons.length > 0 ? (
        <ul class="reasons" data-testid="calc-severity-reasons">
          {a.severity.reasons.map((r) => (
            <li key={r.code + r.message}>{sentence(r.message, locale)}</li>
          ))}
        </ul>
      ) : null}
      {a.liquidationNullReason ? <p class="hint">{sentence(a.liquidationNullReason.message, locale)}</p> : null}
      <dl class="figures">
        <Figure label="Liquidation price" value={a.display.liquidationPrice ? exact(a.display.liquidationPrice, locale) : DASH} refs={liqRefs} prefix="calc" testId="fig-liquidation" strong />
        <Figure label="Bankruptcy price" value={a.display.bankruptcyPrice ? exact(a.display.bankruptcyPrice, locale) : DASH} refs={liqRefs} prefix="calc" testId="fig-bankruptcy" />
        <Figure label={distanceLabel(a.distance?.from)} value={a.distance ? `${percentOf(signedMove(a.side, a.distance.percent), locale, { signed: true })} (${signedPrice(signedMove(a.side, a.distance.price), locale, a.display.tick, priceUnit(a.symbol, a.currency))})` : DASH} refs={liqRefs} prefix="calc" testId="fig-distance" />
        <Figure label="Loss at liquidation" value={money(a.lossAtLiquidation, cur, locale)} sub={a.feesAtLiquidation ? `incl. ${money(a.feesAtLiquidation, cur, locale)} fees` : undefined} refs={lossRefs} prefix="calc" testId="fig-loss" />
        <Figure
          label="Margin at risk"
          value={money(a.marginAtRisk.amount, cur, locale)}
          sub={a.marginAtRisk.scope === 'cross-wallet' ? 'whole cross wallet' : 'this position’s margin'}
          refs={riskRefs}
          prefix="calc"
          testId="fig-margin-at-risk"
        />
        <Figure label="Initial margin" value={money(a.initialMargin, cur, locale)} sub={a.leverage ? `at ${amount(a.leverage, locale, 2)}×` : 'needs the leverage'} refs={imRefs} prefix="calc" testId="fig-initial-margin" />
        <Figure label="Maintenance margin" value={money(a.maintenanceMargin, cur, locale)} sub={tierText} refs={mmRefs} prefix="calc" testId="fig-maintenance-margin" />
        <Figure
          label="Touch probability (24 h)"
          value={a.touchProbability24h ? fractionPercent(a.touchProbability24h.probability, locale, 2) : 'not available'}
          sub={a.touchProbability24h ? undefined : 'needs the venue’s recent volatility (market data)'}
          refs={touchRefs}
          prefix="calc"
          testId="fig-touch"
        />
      </dl>
      <p class="hint">
        Rounded to {a.display.tick ? `the tick (${exact(a.display.tick, locale)})` : '10 significant digits'}, towards the mark ({roundDir === 'ceil' ? 'up' : 'down'}). Formula: {calculatorVenue(a.venue)?.name ?? a.formula.venue}’s ({a.formula.confidence} confidence).
      </p>
      <Warnings warnings={a.warnings} testId="calc-warnings" locale={locale} />
      <AssumptionList index={idx} prefix="calc" locale={locale} />
    </section>
  );
}

/** The base coin of a symbol ("ETHUSDT" → "ETH"), to name a size; null when the symbol does not say. */
function baseOf(symbol: string): string | null {
  const m = /^([A-Z0-9]{2,10}?)[-_/]?(USDT|USDC|USD|BUSD|FDUSD)(?:[-_].*)?$/i.exec(symbol.trim());
  return m?.[1] ? m[1].toUpperCase() : null;
}

/** Each what-if question with its answer right under its input. */
function WhatIf({ calc, errors, touch, locale }: { calc: Calculator; errors: FieldErrors; touch: (k: string) => void; locale: string | undefined }) {
  const form = calc.form;
  if (!form) return null;
  const set = (k: keyof CalcForm) => (v: string) => {
    touch(k);
    calc.update({ [k]: v } as Partial<CalcForm>);
  };
  const r = calc.response;
  const a = r?.result.ok ? r.result.assessment : null;
  const x = r?.extras;
  const cur = a?.currency ?? null;
  const unitName = (u: QuantityUnit) => (u === 'base' ? (baseOf(a?.symbol ?? form.symbol) ?? 'base coin') : u === 'quote' ? (cur ?? 'quote') : 'contracts');
  const answer = (testId: string, body: ComponentChildren) => (
    <p class="whatif-answer" data-testid={testId} aria-live="polite">
      {body}
    </p>
  );
  return (
    <fieldset class="whatif">
      <legend>What if</legend>
      <div class="grid2">
        <div>
          <Field id="priceFor" label="PnL at price" value={form.priceFor} onInput={set('priceFor')} error={errors.priceFor} />
          {x?.pnlAt?.ok && a ? answer('fig-pnl', <>{money(x.pnlAt.value.pnl, cur, locale)} · ROE {percent(x.pnlAt.value.roePercent, locale)}</>) : null}
        </div>
        <div>
          <Field id="targetRoePercent" label="Target ROE" suffix="%" value={form.targetRoePercent} onInput={set('targetRoePercent')} error={errors.targetRoePercent} />
          {x?.targetRoe?.ok && a ? answer('fig-target-price', x.targetRoe.value.price ? <>at {price(x.targetRoe.value.price, locale, a.display.tick)}</> : sentence(x.targetRoe.value.reason ?? DASH, locale)) : null}
        </div>
      </div>
      <div class="grid2">
        <div>
          <Field id="maxLoss" label="Maximum loss" value={form.maxLoss} onInput={set('maxLoss')} error={errors.maxLoss} />
          {x?.maxSize?.ok && a
            ? answer(
                'fig-max-size',
                a.marginMode === 'cross' && x.maxSize.value.quantity === '0' ? (
                  <>In cross margin any size can cost the whole wallet ({money(x.maxSize.value.worstLoss, cur, locale)}): use isolated margin to cap the loss.</>
                ) : (
                  <>
                    Up to {quantity(x.maxSize.value.quantity, unitName(x.maxSize.value.quantityUnit), locale)} (worst loss {money(x.maxSize.value.worstLoss, cur, locale)})
                  </>
                ),
              )
            : null}
        </div>
        <div>
          <Field id="minDistancePercent" label="Keep liquidation away by" suffix="%" value={form.minDistancePercent} onInput={set('minDistancePercent')} error={errors.minDistancePercent} />
          {x?.leverageForDistance?.ok && a
            ? answer(
                'fig-leverage-for-distance',
                <>
                  At most {amount(x.leverageForDistance.value.wholeLeverage ?? x.leverageForDistance.value.leverage, locale, 2)}×
                  {x.leverageForDistance.value.liquidationPrice ? ` (liquidation ${price(x.leverageForDistance.value.liquidationPrice, locale, a.display.tick, a.liquidationDirection === 'down' ? 'ceil' : 'floor')})` : ''}
                </>,
              )
            : null}
        </div>
      </div>
    </fieldset>
  );
}
