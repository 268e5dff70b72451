import { describe, expect, it, vi } from 'vitest';
import { takeOverOnInstall, type WorkerScopeLike } from './take-over';

function fakeScope(fail?: 'skip' | 'claim') {
  const listeners: Record<string, ((e: { waitUntil(p: Promise<unknown>): void }) => void)[]> = {};
  const scope: WorkerScopeLike = {
    skipWaiting: vi.fn(() => (fail === 'skip' ? Promise.reject(new Error('no')) : Promise.resolve())),
    clients: { claim: vi.fn(() => (fail === 'claim' ? Promise.reject(new Error('no')) : Promise.resolve())) },
    addEventListener: (type, listener) => void (listeners[type] ??= []).push(listener),
  };
  const fire = async (type: string) => {
    const work: Promise<unknown>[] = [];
    for (const l of listeners[type] ?? []) l({ waitUntil: (p) => void work.push(p) });
    await Promise.all(work);
    return work.length;
  };
  return { scope, fire };
}

describe('a new version’s worker takes over at once', () => {
  it('skips waiting when installed and claims the open pages when activated', async () => {
    const { scope, fire } = fakeScope();
    expect(takeOverOnInstall(scope, () => undefined)).toBe(true);
    expect(scope.skipWaiting).not.toHaveBeenCalled();
    expect(await fire('install')).toBe(1);
    expect(scope.skipWaiting).toHaveBeenCalledTimes(1);
    expect(await fire('activate')).toBe(1);
    expect(scope.clients.claim).toHaveBeenCalledTimes(1);
  });

  it('reports a refused take-over instead of failing the install', async () => {
    for (const step of ['skip', 'claim'] as const) {
      const { scope, fire } = fakeScope(step);
      const onError = vi.fn();
      takeOverOnInstall(scope, onError);
      await fire('install');
      await fire('activate');
      expect(onError, step).toHaveBeenCalledTimes(1);
    }
  });

  it('does nothing in Firefox’s event page, which is no service worker', () => {
    const page = { addEventListener: vi.fn() };
    expect(takeOverOnInstall(page, () => undefined)).toBe(false);
    expect(takeOverOnInstall(undefined, () => undefined)).toBe(false);
    expect(page.addEventListener).not.toHaveBeenCalled();
  });
});
