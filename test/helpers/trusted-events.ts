/**
 * happy-dom marks no event trusted (its events have no `isTrusted` at all), while the overlay acts
 * only on trusted input. Component tests stand in for the trader with `userInput()`: while it is on,
 * every event reads `isTrusted === true`; `pageScript()` turns it off again, so the same
 * `click()` or `fireEvent` is what a page script could send.
 */
let trustedNow = false;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  Object.defineProperty(Event.prototype, 'isTrusted', { configurable: true, get: () => trustedNow });
}

/** Events from now on count as the trader's own. */
export function userInput(): void {
  install();
  trustedNow = true;
}

/** Events from now on are synthetic, as a page script's are. */
export function pageScript(): void {
  install();
  trustedNow = false;
}
