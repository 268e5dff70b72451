import type { ComponentChildren, JSX } from 'preact';
import type { Assumption, Warning } from '../core/engine/types';
import { SEVERITY_MARK, SEVERITY_TEXT, type Level } from '../ui/severity';
import { sentence } from '../ui/format';

/** Small building blocks shared by the popup views. */

export type { Level };
export const LEVEL_TEXT: Record<Level, string> = SEVERITY_TEXT;

/** Severity as word, shape and colour (never colour alone), the same as the overlay's. */
export function SeverityBadge({ level, testId }: { level: string; testId?: string }) {
  const l: Level = level === 'caution' || level === 'danger' || level === 'critical' || level === 'none' ? level : 'ok';
  return (
    <span class={`sev sev-${l}`} data-testid={testId} data-level={l}>
      <span aria-hidden="true">{SEVERITY_MARK[l]} </span>
      {SEVERITY_TEXT[l]}
    </span>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  suffix?: string | undefined;
  placeholder?: string | undefined;
  inputMode?: 'decimal' | 'text';
  disabled?: boolean;
}

/** A text input that takes numbers in the trader's locale, with its message beside it. */
export function Field({ id, label, value, onInput, error, hint, suffix, placeholder, inputMode = 'decimal', disabled }: FieldProps) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <div class="input-row">
        <input
          id={id}
          name={id}
          type="text"
          inputMode={inputMode}
          autocomplete="off"
          spellcheck={false}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
        {suffix ? <span class="suffix">{suffix}</span> : null}
      </div>
      {error ? (
        <p class="field-error" id={`${id}-error`} data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  error?: string | undefined;
  disabled?: boolean;
}

export function Select<T extends string>({ id, label, value, options, onChange, error, disabled }: SelectProps<T>) {
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={`${id}-error`} data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Two or three choices as a radio group (side, margin mode, sizing). */
export function Choice<T extends string>({ name, legend, value, options, onChange }: { name: string; legend: string; value: T; options: readonly { value: T; label: string; disabled?: boolean }[]; onChange: (v: T) => void }) {
  return (
    <fieldset class="choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} class={o.value === value ? 'on' : ''}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} disabled={o.disabled} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Numbered assumptions: each figure cites the ones it rests on. */
export class AssumptionIndex {
  readonly list: Assumption[] = [];
  private readonly keys = new Map<string, number>();

  /** 1-based numbers of these assumptions in the shared list, adding new ones. */
  cite(items: readonly Assumption[] | undefined): number[] {
    const out: number[] = [];
    for (const a of items ?? []) {
      const key = `${a.code}|${a.message}`;
      let n = this.keys.get(key);
      if (n === undefined) {
        this.list.push(a);
        n = this.list.length;
        this.keys.set(key, n);
      }
      if (!out.includes(n)) out.push(n);
    }
    return out.sort((a, b) => a - b);
  }
}

/** Which numbered assumptions a figure rests on: plain text, not links (one Tab stop for the whole list, not one per number). */
export function Refs({ refs }: { refs: number[]; prefix?: string }) {
  if (refs.length === 0) return null;
  return <span class="refs"> (assumes {refs.join(', ')})</span>;
}

/** The numbered assumptions, folded behind one toggle: one click away, never in the way. */
export function AssumptionList({ index, prefix, title = 'Assumptions', locale, open = false }: { index: AssumptionIndex; prefix: string; title?: string; level?: 2 | 3; locale?: string | undefined; open?: boolean }) {
  if (index.list.length === 0) return null;
  return (
    <details class="assumptions" data-testid={`${prefix}-assumptions`} open={open}>
      <summary>
        {title} ({index.list.length})
      </summary>
      <ol>
        {index.list.map((a, i) => (
          <li key={a.code + i} id={`${prefix}-assumption-${i + 1}`}>
            {sentence(a.message, locale)}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function Warnings({ warnings, testId, locale }: { warnings: readonly Warning[]; testId?: string; locale?: string | undefined }) {
  if (warnings.length === 0) return null;
  return (
    <ul class="warnings" data-testid={testId}>
      {warnings.map((w, i) => (
        <li key={w.code + i}>
          <span class="warn-label">Warning: </span>
          {sentence(w.message, locale)}
        </li>
      ))}
    </ul>
  );
}

/** One labelled figure. `value` is already formatted text. */
export function Figure({ label, value, sub, refs, testId, strong }: { label: string; value: string; sub?: ComponentChildren; refs?: number[]; prefix?: string; testId?: string; strong?: boolean }) {
  return (
    <div class={`figure${strong ? ' strong' : ''}`}>
      <dt>{label}</dt>
      <dd>
        <span class="value" data-testid={testId}>
          {value}
        </span>
        {sub ? <span class="sub"> {sub}</span> : null}
        {refs ? <Refs refs={refs} /> : null}
      </dd>
    </div>
  );
}

export function Notice({ kind, children, testId }: { kind: 'info' | 'warning' | 'error'; children: ComponentChildren; testId?: string }): JSX.Element {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
