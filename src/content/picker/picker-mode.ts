import type { FieldDescriptor } from '../picker-store';
import { describeByText } from '../read/picked';
import { describe, targetControl } from './descriptor';

/**
 * Pointing at the page: the trader clicks one element per step (the price field, the Buy/Long
 * control…). While pointing, clicks on the page are caught before the page sees them (so pointing at
 * the leverage button does not open the venue's dialog, and pointing at the Market tab does not
 * switch the form) and never forwarded. Esc cancels. The listeners sit on the window, capturing:
 * they run before any listener of the page's on the document or below it.
 */

export interface PickStep {
  /** What the descriptor is saved as (`price`, `long`, `market`…). */
  key: string;
  /** The element to click, in the trader's words ("the Buy/Long control"). */
  prompt: string;
  /** A tab or button: it may be found again by its whole text (never a field whose text is its value). */
  byText?: boolean;
}

export interface PickerCallbacks {
  /** A step starts (or repeats with a note why the last click was not taken). */
  onStep(index: number, note?: string): void;
  /** The element under the pointer, for the highlight; null when none. */
  onHover(rect: DOMRect | null): void;
  onDone(picked: Record<string, FieldDescriptor>): void;
  onCancel(): void;
}

export interface PickerSession {
  skip(): void;
  cancel(): void;
}

export function startPicking(doc: Document, isOwn: (target: EventTarget | null) => boolean, steps: readonly PickStep[], cb: PickerCallbacks, outer: AbortSignal): PickerSession {
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  outer.addEventListener('abort', stop, { once: true, signal: ctrl.signal });
  const opts = { capture: true, signal: ctrl.signal };
  const on = doc.defaultView ?? doc;
  const picked: Record<string, FieldDescriptor> = {};
  let index = 0;

  const next = () => {
    index++;
    if (index >= steps.length) {
      stop();
      cb.onHover(null);
      cb.onDone(picked);
    } else cb.onStep(index);
  };
  const swallow = (e: Event) => {
    if (isOwn(e.target) || !e.isTrusted) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'dblclick', 'contextmenu']) on.addEventListener(type, swallow, opts);
  on.addEventListener(
    'click',
    (e) => {
      if (isOwn(e.target) || !e.isTrusted || !(e.target instanceof Element)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const step = steps[index] as PickStep;
      const target = targetControl(e.target);
      const d = describe(target) ?? (step.byText ? describeByText(target) : null);
      if (!d) {
        cb.onStep(index, 'LiqGuard could not find that element again later (no id, name, label or text of its own). Click the control itself, or skip.');
        return;
      }
      picked[step.key] = d;
      next();
    },
    opts,
  );
  on.addEventListener(
    'pointermove',
    (e) => {
      if (isOwn(e.target) || !(e.target instanceof Element)) return cb.onHover(null);
      cb.onHover(targetControl(e.target).getBoundingClientRect());
    },
    opts,
  );
  on.addEventListener(
    'keydown',
    (e) => {
      // A page's synthetic Escape must not cancel the trader's pointing.
      if ((e as KeyboardEvent).key !== 'Escape' || !e.isTrusted) return;
      e.preventDefault();
      stop();
      cb.onHover(null);
      cb.onCancel();
    },
    opts,
  );
  cb.onStep(0);
  return {
    skip: next,
    cancel() {
      stop();
      cb.onHover(null);
      cb.onCancel();
    },
  };
}
