import { PICKER_FIELDS, type FieldDescriptor, type PickerField } from '../picker-store';
import { describe, targetControl } from './descriptor';

/**
 * "Point at the fields": the trader clicks the price, size and leverage fields once. While
 * picking, clicks on the page are caught before the page sees them (so pointing at the
 * leverage button does not open the venue's dialog) and never forwarded. Esc cancels.
 */

export interface PickerCallbacks {
  /** A step starts (or repeats with a note why the last click was not taken). */
  onStep(field: PickerField, index: number, note?: string): void;
  /** The element under the pointer, for the highlight; null when none. */
  onHover(rect: DOMRect | null): void;
  onDone(fields: Partial<Record<PickerField, FieldDescriptor>>): void;
  onCancel(): void;
}

export interface PickerSession {
  skip(): void;
  cancel(): void;
}

export function startPicking(doc: Document, isOwn: (target: EventTarget | null) => boolean, cb: PickerCallbacks, outer: AbortSignal): PickerSession {
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  outer.addEventListener('abort', stop, { once: true, signal: ctrl.signal });
  const opts = { capture: true, signal: ctrl.signal };
  const picked: Partial<Record<PickerField, FieldDescriptor>> = {};
  let index = 0;

  const next = () => {
    index++;
    if (index >= PICKER_FIELDS.length) {
      stop();
      cb.onHover(null);
      cb.onDone(picked);
    } else cb.onStep(PICKER_FIELDS[index] as PickerField, index);
  };
  const swallow = (e: Event) => {
    if (isOwn(e.target) || !e.isTrusted) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'dblclick', 'contextmenu']) doc.addEventListener(type, swallow, opts);
  doc.addEventListener(
    'click',
    (e) => {
      if (isOwn(e.target) || !e.isTrusted || !(e.target instanceof Element)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const field = PICKER_FIELDS[index] as PickerField;
      const d = describe(targetControl(e.target));
      if (!d) {
        cb.onStep(field, index, 'LiqGuard could not find that element again later (no id, name or label). Click the field itself, or skip.');
        return;
      }
      picked[field] = d;
      next();
    },
    opts,
  );
  doc.addEventListener(
    'pointermove',
    (e) => {
      if (isOwn(e.target) || !(e.target instanceof Element)) return cb.onHover(null);
      cb.onHover(targetControl(e.target).getBoundingClientRect());
    },
    opts,
  );
  doc.addEventListener(
    'keydown',
    (e) => {
      // A page's synthetic Escape must not cancel the trader's pointing.
      if (e.key !== 'Escape' || !e.isTrusted) return;
      e.preventDefault();
      stop();
      cb.onHover(null);
      cb.onCancel();
    },
    opts,
  );
  cb.onStep(PICKER_FIELDS[0] as PickerField, 0);
  return {
    skip: next,
    cancel() {
      stop();
      cb.onHover(null);
      cb.onCancel();
    },
  };
}
