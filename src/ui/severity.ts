/**
 * How a severity level reads everywhere (overlay, popup, badge title): a word and a shape, never
 * colour alone, the same in every view. `none` is the neutral level of a position that cannot be
 * liquidated by price alone.
 */
export type Level = 'none' | 'ok' | 'caution' | 'danger' | 'critical';

const ORDER: readonly Level[] = ['none', 'ok', 'caution', 'danger', 'critical'];

export const SEVERITY_TEXT: Record<Level, string> = { none: 'No liquidation price', ok: 'Low risk', caution: 'Caution', danger: 'Danger', critical: 'Critical' };
export const SEVERITY_MARK: Record<Level, string> = { none: '○', ok: '●', caution: '▲', danger: '◆', critical: '■' };

/** Higher is worse; an unknown level ranks below every known one. */
export function severityRank(level: string): number {
  return ORDER.indexOf(level as Level);
}
