/**
 * Where the distance to liquidation is measured from. The engine measures from the mark, except for an
 * order that fills nearer its liquidation price than the mark is (a limit long below the mark, a limit
 * short above it): then from the order's own price, and a label that said "from mark" would be wrong.
 */
export type DistanceFrom = 'mark' | 'fill';

/** The figure's label in the popup: "Distance from mark" or "Distance from your price". */
export function distanceLabel(from: DistanceFrom | undefined): string {
  return from === 'fill' ? 'Distance from your price' : 'Distance from mark';
}

/**
 * The move to the liquidation price with its direction: the engine's distances are magnitudes; a long
 * is liquidated by a fall (negative), a short by a rise (positive).
 */
export function signedMove(side: 'long' | 'short', magnitude: string): string {
  if (side === 'short' || magnitude === '0') return magnitude;
  return magnitude.startsWith('-') ? magnitude.slice(1) : `-${magnitude}`;
}
