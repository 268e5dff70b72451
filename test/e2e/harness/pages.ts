import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/**
 * A page in either browser the suites run in: Playwright's in Chromium, puppeteer's in Firefox
 * ESR over WebDriver BiDi. The content-script helpers take either, so one suite body runs in
 * both browsers; the few operations whose APIs differ go through the functions below.
 */
export type AnyPage = PlaywrightPage | PuppeteerPage;

/** Puppeteer's page (Firefox) has `browserContext()`; Playwright's has `context()`. */
export const isFirefoxPage = (page: AnyPage): page is PuppeteerPage => typeof (page as Partial<PuppeteerPage>).browserContext === 'function';

/** Runs `fn(arg)` in the page's main world: what a page script can do. `fn` must not close over anything. */
export function inPage<A, R>(page: AnyPage, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  if (isFirefoxPage(page)) return page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as Promise<R>;
  // Playwright's types unwrap handles in `arg`; harness arguments are plain JSON values.
  return page.evaluate(fn as (a: unknown) => R | Promise<R>, arg as unknown);
}

/**
 * Replaces a text field's content as a trader does. Chromium: Playwright's `fill` (an input event).
 * Firefox: puppeteer has no such call that also empties a field with an event, so the field's text
 * is selected, deleted with a trusted Backspace and the new text typed with trusted keys.
 */
export async function fillField(page: AnyPage, selector: string, value: string): Promise<void> {
  if (!isFirefoxPage(page)) return page.fill(selector, value);
  const field = await page.waitForSelector(selector, { timeout: 10_000 });
  if (!field) throw new Error(`no field ${selector}`);
  await field.focus();
  const filled = await field.evaluate((el) => {
    const input = el as HTMLInputElement;
    input.select();
    return input.value.length > 0;
  });
  if (filled) await page.keyboard.press('Backspace');
  if (value) await page.keyboard.type(value);
  await field.dispose();
}

/** The page's current address. */
export function pageUrl(page: AnyPage): string {
  return page.url();
}

/** Collects the page's uncaught script errors (the content script's included). */
export function collectPageErrors(page: AnyPage): string[] {
  const errors: string[] = [];
  if (isFirefoxPage(page)) page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
  else page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** A trusted click in the middle of the page's first element matching `selector`. */
export async function clickSelector(page: AnyPage, selector: string): Promise<void> {
  if (isFirefoxPage(page)) return page.click(selector);
  return page.click(selector);
}
