import { handleCalc, type CalcDeps } from '../background/handlers/calc';
import type { AnyRequest } from '../shared/messages';
import type { TabState, UnreadTab } from '../shared/overlay-state';
import { parseSettings, SETTINGS_STORAGE_KEY } from '../shared/settings';
import { fakeBrowser } from './fake-browser';

/**
 * Test-only: answers the popup's messages with the real calculator handler (so component tests show the
 * engine's own messages and figures) over a market that has no network data, and a programmable tab state.
 */
export const offlineMarket: CalcDeps['market'] = {
  tierTable: async () => ({ table: null, note: { source: 'none', capturedAt: null, age: { level: 'unknown', days: null, message: '' } as never, refresh: 'not-available', lastError: null, message: 'No tier table in this test.', details: [], confidence: null } }),
  contractSpec: async () => ({ spec: null, note: { source: 'none', fetchedAt: null, lastError: null, message: 'No contract spec in this test.' } }),
  markPrice: async () => ({ mark: null, note: { source: 'none', fetchedAt: null, lastError: null, message: 'No mark price in this test.' } }),
  volatility: async () => ({ sigmaDaily: '0.03', source: 'test candles', window: '30 days' }),
};

export function installBackend(opts: { tab?: TabState | null; unread?: UnreadTab; market?: CalcDeps['market'] } = {}): void {
  fakeBrowser.runtime.sendMessage.mockImplementation(async (msg: AnyRequest) => {
    if (msg.type === 'tab/state') return { ok: true, tab: opts.tab ?? null, ...(opts.unread ? { unread: opts.unread } : {}) };
    if (msg.type === 'calc/assess' || msg.type === 'calc/defaults') {
      return handleCalc(msg, {
        market: opts.market ?? offlineMarket,
        settings: () => parseSettings(fakeBrowser.storage.sync.data[SETTINGS_STORAGE_KEY]).settings,
        now: () => Date.parse('2026-11-22T12:00:00Z'),
      });
    }
    return undefined;
  });
}
