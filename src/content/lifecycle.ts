/**
 * After an extension update the browser injects a fresh content script while the old one
 * lingers with a dead extension context ("Extension context invalidated"). The new copy
 * announces itself with a DOM event named after the extension id; every older copy that
 * hears it stops (aborts its signal, removes its overlay). Only the copy that dispatched
 * the event ignores it.
 */
export function takeOver(win: Window, extensionId: string, signal: AbortSignal, stop: () => void): void {
  const name = `liqguard:content-started:${extensionId}`;
  let announcing = false;
  win.addEventListener(
    name,
    () => {
      if (!announcing) stop();
    },
    { signal },
  );
  announcing = true;
  try {
    win.dispatchEvent(new Event(name));
  } finally {
    announcing = false;
  }
}
