/**
 * Resolves to the work's value, or to `fallback` after `ms` (0: no limit) or on rejection. The work itself
 * goes on: a slow venue API never holds an answer back, and a late result still fills the cache.
 */
export function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  if (ms <= 0) return work.catch(() => fallback);
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}
