import type { LossCurve } from '../../core/calculator/types';
import type { AmountAtStake, PolicyAnswer } from '../../core/policy/types';
import { POLICY_REGIONS, VERDICT_LABELS } from '../../core/policy/labels';
import { AssumptionIndex, AssumptionList, Field, Figure, Notice, Select } from '../components';
import { DASH, money, percent, price, sentence } from '../format';
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
          <LossChart curve={response.extras.lossCurve.value} locale={locale} currency={a.currency} />
        </section>
      ) : null}
      <AssumptionList index={idx} prefix="stress" level={2} />
    </div>
  );
}

function PolicyBlock({ policy, calc, deficit, locale }: { policy: PolicyAnswer | null; calc: Calculator; deficit: string | null; locale: string | undefined }) {
  if (!policy) return null;
  // "It depends" is said once, by the verdict: with the cases listed, the headline and the overall
  // amount at stake would only repeat them.
  const byCase = policy.verdict === 'depends' && (policy.cases?.length ?? 0) > 0;
  const modes = (policy.cases ?? []).filter((c) => c.accountMode).map((c) => ({ value: c.accountMode?.id ?? '', label: c.accountMode?.label ?? '' }));
  const chosenMode = calc.policyChoice.accountMode !== undefined ? calc.policyChoice.accountMode : (policy.accountMode?.id ?? null);
  const modeOptions = policy.accountMode ? [{ value: policy.accountMode.id, label: policy.accountMode.label }, ...modes.filter((m) => m.value !== policy.accountMode?.id)] : modes;
  const region = calc.policyChoice.region !== undefined ? calc.policyChoice.region : (policy.region ?? null);
  return (
    <div class="policy" data-testid="stress-policy">
      <h3>Who carries a deficit here?</h3>
      <p>
        <strong data-testid="policy-verdict">{VERDICT_LABELS[policy.verdict]}.</strong> {byCase ? null : sentence(policy.headline, locale)}
      </p>
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
      <div class="grid2">
        {modeOptions.length > 0 ? (
          <Select
            id="policy-account-mode"
            label="Account mode"
            value={chosenMode ?? ''}
            options={[{ value: '', label: 'Not set' }, ...modeOptions]}
            onChange={(v) => calc.setPolicyChoice({ ...calc.policyChoice, accountMode: v === '' ? null : v })}
          />
        ) : null}
        <Select
          id="policy-region"
          label="Region"
          value={region ?? ''}
          options={[{ value: '', label: 'Not set' }, ...POLICY_REGIONS.map((r) => ({ value: r.id, label: r.label }))]}
          onChange={(v) => calc.setPolicyChoice({ ...calc.policyChoice, region: v === '' ? null : v })}
        />
      </div>
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
const H = 170;
const PAD = { left: 44, right: 8, top: 10, bottom: 26 };

/**
 * Loss against price as a small SVG. Numbers here are for layout only: positions on the chart. Every
 * figure the trader reads (axis labels, the table) is formatted from the engine's decimal strings.
 */
export function LossChart({ curve, locale, currency }: { curve: LossCurve; locale: string | undefined; currency: string }) {
  const pts = curve.points.map((p) => ({ x: Number(p.price), y: Number(p.loss), liquidated: p.liquidated })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length < 2) return <p class="hint">Not enough points to draw the chart.</p>;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y).concat(0);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => PAD.top + (1 - (y - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  const liqPts = pts.filter((p) => p.liquidated);
  const marks = [
    { key: 'entry', label: 'Entry', value: curve.marks.entry },
    { key: 'liquidation', label: 'Liquidation', value: curve.marks.liquidation },
    { key: 'bankruptcy', label: 'Bankruptcy', value: curve.marks.bankruptcy },
    { key: 'gap', label: 'Gap', value: curve.marks.gap },
  ].filter((m): m is { key: string; label: string; value: string } => typeof m.value === 'string' && Number.isFinite(Number(m.value)));
  const first = curve.points[0];
  const last = curve.points[curve.points.length - 1];
  // Axis labels come from the engine's strings at the curve's highest and lowest loss (layout picks which).
  const top = curve.points[pts.findIndex((p) => p.y === Math.max(...pts.map((q) => q.y)))];
  const bottom = curve.points[pts.findIndex((p) => p.y === Math.min(...pts.map((q) => q.y)))];
  const MARK_LABEL: Record<LossCurve['atMarks'][number]['key'], string> = { entry: 'Entry', mark: 'Mark', liquidation: 'Liquidation', bankruptcy: 'Bankruptcy', gap: 'Gap' };
  return (
    <figure class="chart" data-testid="loss-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="chart-desc" focusable="false">
        <desc id="chart-desc">
          Loss in {currency} against price from {price(first?.price, locale)} to {price(last?.price, locale)}; the table below lists the same figures.
        </desc>
        <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={sy(0)} y2={sy(0)} />
        {liqPts.length > 0 ? <rect class="liq-zone" x={Math.min(...liqPts.map((p) => sx(p.x)))} y={PAD.top} width={Math.max(1, Math.max(...liqPts.map((p) => sx(p.x))) - Math.min(...liqPts.map((p) => sx(p.x))))} height={H - PAD.top - PAD.bottom} /> : null}
        <path class="curve" d={path} fill="none" />
        {marks.map((m, i) => (
          <g key={m.key} class={`mark mark-${m.key}`}>
            <line x1={sx(Number(m.value))} x2={sx(Number(m.value))} y1={PAD.top} y2={H - PAD.bottom} />
            <text x={sx(Number(m.value)) + 2} y={PAD.top + 9 + i * 10}>
              {m.label}
            </text>
          </g>
        ))}
        <text class="tick" x={PAD.left} y={H - 8}>
          {price(first?.price, locale)}
        </text>
        <text class="tick" x={W - PAD.right} y={H - 8} text-anchor="end">
          {price(last?.price, locale)}
        </text>
        <text class="tick" x={2} y={sy(y1) + 4}>
          {money(top?.loss, null, locale)}
        </text>
        <text class="tick" x={2} y={sy(y0) + 4}>
          {y0 < 0 ? money(bottom?.loss, null, locale) : '0'}
        </text>
      </svg>
      <figcaption>
        <details>
          <summary>Chart as a table</summary>
          <table data-testid="chart-table">
            <caption class="sr-only">Loss at the marked prices</caption>
            <thead>
              <tr>
                <th scope="col">Point</th>
                <th scope="col">Price</th>
                <th scope="col">Loss ({currency})</th>
              </tr>
            </thead>
            <tbody>
              {curve.atMarks.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{MARK_LABEL[m.key]}</th>
                  <td>{price(m.price, locale)}</td>
                  <td>{money(m.loss, null, locale)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Range start</th>
                <td>{price(first?.price, locale)}</td>
                <td>{money(first?.loss, null, locale)}</td>
              </tr>
              <tr>
                <th scope="row">Range end</th>
                <td>{price(last?.price, locale)}</td>
                <td>{money(last?.loss, null, locale)}</td>
              </tr>
            </tbody>
          </table>
          <p class="hint">Loss is the price move plus the closing fee; negative means a profit. Shaded: prices at which the position is liquidated.</p>
        </details>
      </figcaption>
    </figure>
  );
}
