import type { AccountView } from '../../src/shared/account-snapshot';

/** An account view as the background sends it: one match, one mismatch, one position it could not check. */
export function accountViewSample(patch: Partial<AccountView> = {}): AccountView {
  return {
    venue: 'Binance',
    status: 'read',
    summary: '3 open positions read (2 cross).',
    wallet: { value: '4400', asset: 'USDT', from: 'the wallet balance (5000 USDT) less the isolated margin of SOLUSDT short' },
    positions: [
      { symbol: 'BTCUSDT', side: 'long', marginMode: 'cross', venueLiquidationPrice: '53947.05', ours: '53947.1', verdict: 'match', afterOrder: { long: '57718.6', short: '44440.3' } },
      {
        symbol: 'ETHUSDT',
        side: 'short',
        marginMode: 'cross',
        venueLiquidationPrice: '4950',
        ours: '4828.66',
        verdict: 'mismatch',
        gapPercent: '-2.45',
        likelyCause: "LiqGuard's 4828.66 is 2.45 % below the venue's 4950. In cross margin the venue counts every position and all collateral.",
        afterOrder: { long: '4732.16', short: '4901.2' },
      },
      { symbol: 'SOLUSDT', side: 'short', marginMode: 'isolated', venueLiquidationPrice: null, ours: '164.18', verdict: null, reason: 'the venue shows no liquidation price for it' },
    ],
    marginRatio: { now: '4.32', afterOrder: { long: '6.1', short: '3.9' }, venue: '4.32' },
    warnings: [{ code: 'self-check-mismatch', field: 'ETHUSDT short', message: "ETHUSDT short: Binance liq. 4950, LiqGuard 4828.66 (-2.45 %). LiqGuard's 4828.66 is 2.45 % below the venue's 4950." }],
    ...patch,
  };
}
