/**
 * After an extension update the browser injects a fresh content script while the old one
 * lingers with a dead extension context ("Extension context invalidated"). The new copy
 * announces itself with a DOM event named after the extension id; every older copy that
 * hears it stops (aborts its signal, removes its overlay). The new copy starts listening
 * only after its own announcement (dispatchEvent is synchronous), so it never hears itself.
 */
export function takeOver(win: Window, extensionId: string, signal: AbortSignal, stop: () => void): void {
  const name = `liqguard:content-started:${extensionId}`;
  win.dispatchEvent(new Event(name));
  win.addEventListener(name, () => stop(), { signal });
}
