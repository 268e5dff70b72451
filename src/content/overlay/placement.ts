/** Where the panel goes: beside the order form (left, then right), else above or below it, never over it (its buttons are inside). Pixels, layout only. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const M = 8;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));

export function placeBeside(form: Box | null, w: number, h: number, vw: number, vh: number): { x: number; y: number } {
  // No form known: bottom-left, away from where venues put order forms (right) and charts' price scales.
  if (!form) return { x: 16, y: Math.max(M, vh - h - 16) };
  const y = clamp(form.top, M, vh - h - M);
  if (form.left - w - M >= M) return { x: form.left - w - M, y };
  if (form.right + M + w <= vw - M) return { x: form.right + M, y };
  const x = clamp(form.left, M, vw - w - M);
  if (form.top - h - M >= M) return { x, y: form.top - h - M };
  if (form.bottom + M + h <= vh - M) return { x, y: form.bottom + M };
  return { x: vw - w - M, y: M };
}

/** Keeps a dragged panel's header on screen. */
export function keepOnScreen(p: { x: number; y: number }, w: number, vw: number, vh: number): { x: number; y: number } {
  return { x: clamp(p.x, M - w + 60, vw - 60), y: clamp(p.y, M, vh - 32) };
}
