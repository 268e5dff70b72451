/**
 * The popup's first reads (its settings, the calculator's saved form, the active tab and its state) are
 * started by main.tsx right after the first render, instead of by the components' effects: Preact runs
 * effects only once the first frame has been drawn, so the answers were asked for a frame or more late.
 * A read is keyed by its own function; a started read is handed out once, so a later mount, or a test that
 * renders the popup without starting any, reads afresh, exactly as before.
 */
type Read = () => Promise<unknown>;
const started = new Map<Read, Promise<unknown>>();

export function startEarly(...reads: Read[]): void {
  for (const read of reads) {
    if (started.has(read)) continue;
    const answer = read();
    // Handed to whoever takes it; until then a failure is theirs to see, not an unhandled rejection.
    answer.catch(() => undefined);
    started.set(read, answer);
  }
}

/** The read started early, once; otherwise the read now. */
export function takeEarly<T>(read: () => Promise<T>): Promise<T> {
  const early = started.get(read) as Promise<T> | undefined;
  started.delete(read);
  return early ?? read();
}
