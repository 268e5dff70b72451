import { accessSync, constants } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** One line a newcomer can act on, or null when the browser is there. */
export function missingBrowserMessage(which: 'chromium' | 'firefox'): string | null {
  if (which === 'chromium') {
    return executable(CHROMIUM_PATH)
      ? null
      : `Chromium not found at ${CHROMIUM_PATH}: install it with \`sudo apt-get install chromium\` or set CHROME_PATH to a Chromium/Chrome binary.`;
  }
  return executable(FIREFOX_PATH)
    ? null
    : `Firefox ESR not found at ${FIREFOX_PATH}: install it with \`sudo apt-get install firefox-esr\` or set FIREFOX_PATH.`;
}
