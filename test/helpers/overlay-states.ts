import type { OverlayState, SideFigures } from '../../src/shared/overlay-state';

/** Test data for overlay tests: plausible shapes, not engine output (the engine's own tests pin the figures). */
export function sideFigures(side: 'long' | 'short', patch: Partial<SideFigures> = {}): SideFigures {
  return {
    side,
    liquidationPrice: side === 'long' ? '61234.5' : '68890.25',
    bankruptcyPrice: side === 'long' ? '60900' : '69200',
    markPrice: '65010.3',
    distancePrice: side === 'long' ? '3775.8' : '3879.95',
    distancePercent: side === 'long' ? '5.81' : '5.97',
    severity: side === 'long' ? 'danger' : 'caution',
    severityReasons: ['Liquidation is within 7% of the mark price.'],
    lossAtLiquidation: '943.95',
    marginAtRisk: { amount: '812.56', scope: 'position' },
    currency: 'USDT',
    notional: '16250.13',
    initialMargin: '812.51',
    maintenanceMargin: '65',
    assumptions: [{ code: 'fees', message: 'Taker fee 0.05% included at entry and at liquidation.' }],
    warnings: [],
    ...patch,
  };
}

export function assessed(patch: Partial<Extract<OverlayState, { kind: 'assessed' }>> = {}): Extract<OverlayState, { kind: 'assessed' }> {
  return {
    kind: 'assessed',
    venue: 'binance',
    symbol: 'BTCUSDT',
    sides: [sideFigures('long')],
    policy: {
      verdict: 'only-if-fund-and-adl-fail',
      headline: 'Only if the insurance fund and auto-deleveraging both fail',
      reasons: 'Binance covers losses beyond margin from its insurance fund, then by ADL.',
      venueId: 'binance-usdm',
      caveats: [],
    },
    table: { source: 'Binance leverage brackets', capturedAt: '2026-11-01', ageDays: 21 },
    assumptions: [{ code: 'frozen', message: 'Other positions frozen at mark.' }],
    warnings: [],
    ...patch,
  };
}
