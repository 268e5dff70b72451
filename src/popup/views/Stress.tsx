import type { LossCurve } from '../../core/calculator/types';
import type { AmountAtStake, PolicyAnswer } from '../../core/policy/types';
import { POLICY_REGIONS, VERDICT_LABELS } from '../../core/policy/labels';
import { AssumptionIndex, AssumptionList, Field, Figure, Notice, Select } from '../components';
import { DASH, money, percent, price, sentence } from '../format';
import { priceUnit } from '../../ui/format';
import { useState } from 'preact/hooks';
import { settingsVenueFor } from '../../shared/settings';
import { loadSettings, saveSettings } from '../../shared/settings-store';
import type { Calculator } from '../use-calculator';
import { CalculatorUnavailable, visibleErrors } from './Calculator';

const BORNE_BY_TEXT: Record<AmountAtStake['deficitBorneBy'], string> = {
  you: 'You would owe it.',
  venue: 'The venue says it absorbs it, not you.',
  'venue-backstops-then-unclear': 'The insurance fund, then auto-deleveraging, would normally absorb it; nothing promises you are never charged.',
  'protocol-backstop': 'The protocol’s backstop carries it; your collateral is gone either way.',
  depends: 'Who would owe it follows your account mode: each case is below.',
  unknown: 'Unknown: no reliable policy. Do not assume you are protected.',
};

export function StressView({ calc, locale }: { calc: Calculator; locale: string | undefined }) {
  const form = calc.form;
  if (!form) return <p class="muted">Loading your last inputs…</p>;
  const { status, response } = calc;
  const { errors } = visibleErrors(calc, new Set(['fundingHours', 'fundingRate', 'gapPercent']));
  const gapNum = Number(form.gapPercent); // layout only: the slider's position
  const a = response?.result.ok ? response.result.assessment : null;
  const gap = response?.extras.gap;
  const drift = response?.extras.fundingDrift;
  const idx = new AssumptionIndex();
  return (
    <div class="stress">
      {status.kind === 'unavailable' ? <CalculatorUnavailable detail={status.detail} onRetry={calc.retry} /> : null}
      {!a && status.kind !== 'unavailable' ? (
        <Notice kind="info" testId="stress-needs-position">
          Stress figures need a complete position: fill in the Calculator tab first.
        </Notice>
      ) : null}
      <section aria-labelledby="gap-title">
        <h2 id="gap-title">Flash crash: gap past the bankruptcy price</h2>
        <div class="field">
          <label for="gapPercent">
            Gap: <output for="gapPercent">{percent(form.gapPercent, locale, 0)}</output> past bankruptcy
          </label>
          <input
            id="gapPercent"
            type="range"
            min={0}
            max={50}
            step={1}
            value={Number.isFinite(gapNum) ? gapNum : 10}
            aria-valuetext={`${form.gapPercent} percent past the bankruptcy price`}
            onInput={(e) => calc.update({ gapPercent: String((e.currentTarget as HTMLInputElement).valueAsNumber) })}
          />
          {errors.gapPercent ? <p class="field-error">{errors.gapPercent}</p> : null}
        </div>
        {a && gap?.ok && gap.value ? (
          <dl class="figures">
            <Figure label="Closed at" value={price(gap.value.price, locale, a.display.tick)} refs={idx.cite(gap.assumptions)} prefix="stress" testId="gap-price" />
            <Figure label="Loss" value={money(gap.value.loss, a.currency, locale)} refs={idx.cite(gap.assumptions)} prefix="stress" testId="gap-loss" />
            <Figure label="Deficit beyond margin" value={money(gap.value.deficit, a.currency, locale)} sub={a.marginAtRisk.scope === 'cross-wallet' ? 'beyond the cross wallet' : 'beyond the isolated margin'} refs={idx.cite(gap.assumptions)} prefix="stress" testId="gap-deficit" strong />
          </dl>
        ) : a ? (
          <p class="hint">{a.bankruptcyPrice ? DASH : 'No bankruptcy price: a price gap cannot create a deficit for this position.'}</p>
        ) : null}
        <PolicyBlock policy={response?.policy ?? null} calc={calc} deficit={gap?.ok && gap.value ? gap.value.deficit : null} locale={locale} />
      </section>
      <section aria-labelledby="funding-title">
        <h2 id="funding-title">Funding drift</h2>
        <div class="grid2">
          <Field id="fundingHours" label="Hours held" suffix="h" value={form.fundingHours} onInput={(v) => calc.update({ fundingHours: v })} error={errors.fundingHours} />
          <Field id="stress-fundingRate" label="Funding rate / interval" suffix="%" value={form.fundingRate} onInput={(v) => calc.update({ fundingRate: v })} error={errors.fundingRate} />
        </div>
        {a && drift?.ok && drift.value ? (
          <dl class="figures">
            <Figure
              label={`Liquidation after ${drift.value.hours} h`}
              value={drift.value.liquidationPrice ? price(drift.value.liquidationPrice, locale, a.display.tick, a.liquidationDirection === 'down' ? 'ceil' : 'floor') : 'none'}
              sub={drift.value.shift ? `moves ${price(drift.value.shift, locale, a.display.tick)} towards the mark` : undefined}
              refs={idx.cite(drift.assumptions)}
              prefix="stress"
              testId="drift-liquidation"
              strong
            />
            <Figure label="Funding paid" value={money(drift.value.fundingPaid, a.currency, locale)} sub={`${drift.value.intervals} intervals; negative means received`} refs={idx.cite(drift.assumptions)} prefix="stress" testId="drift-paid" />
          </dl>
        ) : a && drift?.ok ? (
          <p class="hint" data-testid="drift-needs-rate">Enter a funding rate to see how paying funding moves the liquidation price.</p>
        ) : null}
      </section>
      {a && response?.extras.lossCurve?.ok ? (
        <section aria-labelledby="chart-title">
          <h2 id="chart-title">Loss against price</h2>
          <LossChart curve={response.extras.lossCurve.value} locale={locale} currency={a.currency} tick={a.display.tick} unit={priceUnit(a.symbol, a.currency)} />
        </section>
      ) : null}
      <AssumptionList index={idx} prefix="stress" level={2} />
    </div>
  );
}

/**
 * Remembers the account mode the trader picked for a venue in the settings (the options show and
 * change the same value; the overlay's answer uses it too). Resolves false for a venue with no settings.
 */
export async function rememberAccountMode(calcVenue: string, mode: string | null): Promise<boolean> {
  const sv = settingsVenueFor(calcVenue);
  if (!sv) return false;
  const { settings } = await loadSettings();
  settings.venues[sv] = { ...settings.venues[sv], accountMode: mode };
  await saveSettings(settings);
  return true;
}

function PolicyBlock({ policy, calc, deficit, locale }: { policy: PolicyAnswer | null; calc: Calculator; deficit: string | null; locale: string | undefined }) {
  const [saved, setSaved] = useState<string | null>(null);
  if (!policy) return null;
  // "It depends" is said once, by the verdict: with the cases listed, the headline and the overall
  // amount at stake would only repeat them.
  const byCase = policy.verdict === 'depends' && (policy.cases?.length ?? 0) > 0;
  const modes = (policy.cases ?? []).filter((c) => c.accountMode).map((c) => ({ value: c.accountMode?.id ?? '', label: c.accountMode?.label ?? '' }));
  const chosenMode = calc.policyChoice.accountMode !== undefined ? calc.policyChoice.accountMode : (policy.accountMode?.id ?? null);
  const modeOptions = policy.accountMode ? [{ value: policy.accountMode.id, label: policy.accountMode.label }, ...modes.filter((m) => m.value !== policy.accountMode?.id)] : modes;
  const region = calc.policyChoice.region !== undefined ? calc.policyChoice.region : (policy.region ?? null);
  // One click answers "which account is yours?"; a second click on the same mode unsets it.
  const choose = (mode: string | null) => {
    calc.setPolicyChoice({ ...calc.policyChoice, accountMode: mode });
    const venue = policy.venue?.name ?? 'this venue';
    rememberAccountMode(calc.form?.venue ?? '', mode).then(
      (kept) => setSaved(kept ? (mode ? `Remembered as your ${venue} account (also in the options).` : `Account mode for ${venue}: not set.`) : null),
      (e: unknown) => setSaved(`Not remembered: ${e instanceof Error ? e.message : 'storage refused'}.`),
    );
  };
  return (
    <div class="policy" data-testid="stress-policy">
      <h3>Who carries a deficit here?</h3>
      <p>
        <strong data-testid="policy-verdict">{VERDICT_LABELS[policy.verdict]}.</strong> {byCase ? null : sentence(policy.headline, locale)}
      </p>
      {modeOptions.length > 1 || (modeOptions.length > 0 && chosenMode) ? (
        <div class="mode-choice" role="group" aria-label="Your account mode" data-testid="account-mode-choice">
          <span class="hint">{chosenMode ? 'Your account:' : 'Which is your account?'}</span>
          {modeOptions.map((m) => (
            <button type="button" key={m.value} class="chip" aria-pressed={chosenMode === m.value} data-mode={m.value} onClick={() => choose(chosenMode === m.value ? null : m.value)}>
              {m.label}
            </button>
          ))}
        </div>
      ) : null}
      {saved ? (
        <p class="hint" role="status" data-testid="account-mode-saved">
          {saved}
        </p>
      ) : null}
      {deficit !== null ? <p data-testid="policy-borne-by">{BORNE_BY_TEXT[policy.amountAtStake.deficitBorneBy]}</p> : null}
      {byCase ? null : <p class="hint">{sentence(policy.amountAtStake.text, locale)}</p>}
      {policy.cases ? (
        <ul class="cases">
          {policy.cases.map((c) => (
            <li key={c.caseLabel}>
              <strong>{c.caseLabel}:</strong> {VERDICT_LABELS[c.verdict]}. {sentence(c.amountAtStake.text, locale)}
            </li>
          ))}
        </ul>
      ) : null}
      <Select
        id="policy-region"
        label="Region"
        value={region ?? ''}
        options={[{ value: '', label: 'Not set' }, ...POLICY_REGIONS.map((r) => ({ value: r.id, label: r.label }))]}
        onChange={(v) => calc.setPolicyChoice({ ...calc.policyChoice, region: v === '' ? null : v })}
      />
      {policy.caveats.filter((c) => c.severity === 'warning').map((c) => (
        <p class="caveat" key={c.code + c.message}>
          {c.message}
        </p>
      ))}
      {policy.venue ? (
        <p class="hint">
          <a href={`#venue=${encodeURIComponent(policy.venue.id)}`}>All of {policy.venue.name}’s rules and sources</a> · data compiled {policy.dataCompiled}
        </p>
      ) : null}
    </div>
  );
}

const W = 340;
const H = 200;
/** Chart text in viewBox units: the popup draws the chart at least 340 px wide, so never under 11 px. */
const FONT = 11;
const LANE = 13;
const PAD = { left: 64, right: 8, bottom: 34 };

/** Width of a label in viewBox units: a generous average glyph width, so labels never touch. */
const textWidth = (text: string) => text.length * FONT * 0.62 + 2;

export interface ChartLabel {
  key: string;
  label: string;
  /** Where its line is. */
  x: number;
}

export interface PlacedLabel extends ChartLabel {
  /** Left and right edges of the text. */
  left: number;
  right: number;
  anchor: 'start' | 'end';
  lane: number;
}

/**
 * Labels of the marked prices (entry, liquidation, bankruptcy, gap) in lanes above the plot, so none
 * overlaps another or a line: each starts at its line (or ends there when it would leave the chart)
 * and goes to the first lane where it has room. Layout only.
 */
export function placeLabels(labels: readonly ChartLabel[], left: number, right: number): PlacedLabel[] {
  const lanes: number[] = [];
  return [...labels]
    .sort((a, b) => a.x - b.x)
    .map((l) => {
      const w = textWidth(l.label);
      const end = l.x + w > right;
      const box = end ? { left: Math.max(left, l.x - w), right: l.x, anchor: 'end' as const } : { left: l.x, right: l.x + w, anchor: 'start' as const };
      let lane = lanes.findIndex((edge) => edge + 4 <= box.left);
      if (lane < 0) lane = lanes.length;
      lanes[lane] = box.right;
      return { ...l, ...box, lane };
    });
}

/** A loss as the trader reads it: a loss, or a profit (never a "negative loss"). Decimal strings, no float. */
export function lossOrProfit(loss: string | undefined, currency: string | null, locale: string | undefined): string {
  if (typeof loss !== 'string') return DASH;
  const profit = loss.trim().startsWith('-');
  const text = money(profit ? loss.trim().slice(1) : loss, currency, locale);
  return text === DASH || /^0([.,]0+)?( |$)/.test(text) ? text : `${profit ? 'profit' : 'loss'} ${text}`;
}

/**
 * Loss against price as a small SVG. Numbers here are for layout only: positions on the chart. Every
 * figure the trader reads (axis labels, the table) is formatted from the engine's decimal strings.
 * Above the zero line is a loss (drawn in the curve's colour, shaded where the position is
 * liquidated), below it a profit (drawn in green and labelled as a profit).
 */
export function LossChart({ curve, locale, currency, tick, unit }: { curve: LossCurve; locale: string | undefined; currency: string; tick?: string | null; unit?: string | null }) {
  const pts = curve.points.map((p) => ({ x: Number(p.price), y: Number(p.loss), liquidated: p.liquidated })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length < 2) return <p class="hint">Not enough points to draw the chart.</p>;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y).concat(0);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const marks = [
    { key: 'entry', label: 'Entry', value: curve.marks.entry },
    { key: 'liquidation', label: 'Liquidation', value: curve.marks.liquidation },
    { key: 'bankruptcy', label: 'Bankruptcy', value: curve.marks.bankruptcy },
    { key: 'gap', label: 'Gap', value: curve.marks.gap },
  ].filter((m): m is { key: string; label: string; value: string } => typeof m.value === 'string' && Number.isFinite(Number(m.value)));
  const placed = placeLabels(
    marks.map((m) => ({ key: m.key, label: m.label, x: sx(Number(m.value)) })),
    PAD.left,
    W - PAD.right,
  );
  const lanes = placed.reduce((n, l) => Math.max(n, l.lane + 1), 0);
  const top = 4 + lanes * LANE + 4;
  const plotBottom = H - PAD.bottom;
  const sy = (y: number) => top + (1 - (y - y0) / (y1 - y0 || 1)) * (plotBottom - top);
  const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  const liqPts = pts.filter((p) => p.liquidated);
  const zero = sy(0);
  const first = curve.points[0];
  const last = curve.points[curve.points.length - 1];
  // Axis labels come from the engine's strings at the curve's highest and lowest loss (layout picks which).
  const highest = curve.points[pts.findIndex((p) => p.y === Math.max(...pts.map((q) => q.y)))];
  const lowest = curve.points[pts.findIndex((p) => p.y === Math.min(...pts.map((q) => q.y)))];
  const MARK_LABEL: Record<LossCurve['atMarks'][number]['key'], string> = { entry: 'Entry', mark: 'Mark', liquidation: 'Liquidation', bankruptcy: 'Bankruptcy', gap: 'Gap' };
  const priceText = (v: string | undefined) => price(v, locale, tick);
  return (
    <figure class="chart" data-testid="loss-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="chart-desc" focusable="false" font-size={FONT}>
        <desc id="chart-desc">
          Loss in {currency} against price from {priceText(first?.price)} to {priceText(last?.price)}; above the zero line a loss, below it a profit; the table below lists the same figures.
        </desc>
        <defs>
          <clipPath id="chart-loss-side">
            <rect x={0} y={0} width={W} height={zero} />
          </clipPath>
          <clipPath id="chart-profit-side">
            <rect x={0} y={zero} width={W} height={Math.max(0, H - zero)} />
          </clipPath>
        </defs>
        {liqPts.length > 0 ? <rect class="liq-zone" x={Math.min(...liqPts.map((p) => sx(p.x)))} y={top} width={Math.max(1, Math.max(...liqPts.map((p) => sx(p.x))) - Math.min(...liqPts.map((p) => sx(p.x))))} height={plotBottom - top} /> : null}
        <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={zero} y2={zero} />
        <line class="axis" x1={PAD.left} x2={PAD.left} y1={top} y2={plotBottom} />
        <path class="curve" d={path} fill="none" clip-path="url(#chart-loss-side)" />
        <path class="curve curve-profit" d={path} fill="none" clip-path="url(#chart-profit-side)" />
        {placed.map((m) => (
          <g key={m.key} class={`mark mark-${m.key}`} data-mark={m.key}>
            <line x1={m.x} x2={m.x} y1={top} y2={plotBottom} />
            <text x={m.anchor === 'start' ? m.left : m.right} y={4 + FONT + m.lane * LANE - 2} text-anchor={m.anchor}>
              {m.label}
            </text>
          </g>
        ))}
        {/* The y axis: what is above and below zero, and the largest loss and profit the range reaches. */}
        <text class="tick" x={PAD.left - 4} y={sy(y1) + 4} text-anchor="end">
          {money(highest?.loss, null, locale)}
        </text>
        {y1 > 0 && zero - sy(y1) > FONT + 2 ? (
          <text class="axis-title" x={PAD.left - 4} y={zero - 3} text-anchor="end">
            loss ↑
          </text>
        ) : null}
        {y0 < 0 ? (
          <>
            {sy(y0) - zero > FONT + 2 ? (
              <text class="axis-title profit" x={PAD.left - 4} y={zero + FONT} text-anchor="end">
                profit ↓
              </text>
            ) : null}
            <text class="tick profit" x={PAD.left - 4} y={sy(y0)} text-anchor="end">
              {money(lowest?.loss.replace(/^-/, ''), null, locale)}
            </text>
          </>
        ) : null}
        <text class="tick" x={PAD.left} y={plotBottom + FONT + 2}>
          {priceText(first?.price)}
        </text>
        <text class="tick" x={W - PAD.right} y={plotBottom + FONT + 2} text-anchor="end">
          {priceText(last?.price)}
        </text>
        <text class="axis-title" x={(PAD.left + W - PAD.right) / 2} y={H - 4} text-anchor="middle">
          {unit ? `Price (${unit})` : 'Price'} · loss and profit in {currency}
        </text>
      </svg>
      <figcaption>
        <details>
          <summary>Chart as a table</summary>
          <table data-testid="chart-table">
            <caption class="sr-only">Loss or profit at the marked prices</caption>
            <thead>
              <tr>
                <th scope="col">Point</th>
                <th scope="col">Price</th>
                <th scope="col">Loss or profit ({currency})</th>
              </tr>
            </thead>
            <tbody>
              {curve.atMarks.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{MARK_LABEL[m.key]}</th>
                  <td>{priceText(m.price)}</td>
                  <td>{lossOrProfit(m.loss, null, locale)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Range start</th>
                <td>{priceText(first?.price)}</td>
                <td>{lossOrProfit(first?.loss, null, locale)}</td>
              </tr>
              <tr>
                <th scope="row">Range end</th>
                <td>{priceText(last?.price)}</td>
                <td>{lossOrProfit(last?.loss, null, locale)}</td>
              </tr>
            </tbody>
          </table>
          <p class="hint">A loss is the price move plus the closing fee. Shaded: prices at which the position is liquidated.</p>
        </details>
      </figcaption>
    </figure>
  );
}
