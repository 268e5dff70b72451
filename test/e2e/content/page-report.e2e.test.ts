import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader } from '../shared/background';
import { reportReplies } from '../shared/report';
import { clickInOverlay, inOverlay, overlayAttribute, overlayCount, VENUE_HOSTS, waitForAnswer, waitForState } from './helpers';

/**
 * "Report this page" in the shipped build, in Chromium: the trader's click opens the preview, Copy
 * puts the report on the clipboard, and nothing goes over the network meanwhile (every hostname
 * resolves to the fixture server, so any request would be recorded there).
 */

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: VENUE_HOSTS });
});
afterAll(async () => {
  await session?.close();
});

const reportText = (page: Page) => inOverlay(page, (root) => root?.querySelector<HTMLTextAreaElement>('[data-liqguard="page-report-text"]')?.value ?? null);

/** Waits until no request has reached the fixture server (every host resolves to it) for `quiet` ms; returns how many it has seen. */
async function settled(quiet = 800): Promise<number> {
  let count = session.server.requests.length;
  for (;;) {
    await new Promise((r) => setTimeout(r, quiet));
    if (session.server.requests.length === count) return count;
    count = session.server.requests.length;
  }
}

describe('Report this page', () => {
  it('opens the preview on a page LiqGuard cannot read, copies the masked report, and makes no request', async () => {
    const url = session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/broken-no-leverage.html');
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.binance.com' });
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url);
    await waitForState(page, ['unreadable']);
    // Where it fails closed, the button stands out.
    expect(await overlayAttribute(page, '[data-liqguard-action="report-page"]', 'class')).toBe('lg-btn');

    const before = await settled();
    const requests: string[] = [];
    // Chromium serves the module under the session's dynamic ID (use_dynamic_url) by redirecting, inside the
    // browser, to the extension's fixed address: that second request is the same load, not another.
    const onRequest = (r: { url(): string; redirectedFrom(): unknown }) => {
      if (!r.redirectedFrom()) requests.push(r.url());
    };
    session.context.on('request', onRequest);

    await clickInOverlay(page, '[data-liqguard-action="report-page"]');
    await expect.poll(() => overlayCount(page, '[data-liqguard="page-report"]')).toBe(1);
    const text = await reportText(page);
    const report = JSON.parse(text ?? '') as { meta: { extension: string }; page: Record<string, unknown>; read: { kind: string; fields: Record<string, { ok: boolean }> }; snapshot: string[] };
    expect(report.meta.extension).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.page).toMatchObject({ venue: 'binance', adapter: 'binance-usdm', origin: 'https://www.binance.com', path: '/en/futures/BTCUSDT', symbol: 'BTCUSDT' });
    expect(report.read.kind).toBe('unreadable');
    expect(report.read.fields.leverage?.ok).toBe(false);
    // The page's numbers (price 65,000.5, size 0.25, balance 1,250.75, mark 65,010.3) are masked.
    expect(report.snapshot.join('\n')).toMatch(/##,###\.#/);
    // No page string holds a digit (JSON numbers are LiqGuard's own counts; meta and the URL's symbol are its own
    // facts; a heading's tag name, <h1>, is the snapshot's structure).
    const pageStrings = { ...report, meta: null, page: { ...report.page, symbol: null }, snapshot: report.snapshot.map((l) => l.replace(/<\/?h[1-6]\b/g, '<h')) };
    expect(JSON.stringify(pageStrings, (_k, v: unknown) => (typeof v === 'number' ? null : v))).not.toMatch(/[0-9]/);
    // The page itself cannot read the preview.
    expect(await page.evaluate(() => document.querySelector('liqguard-overlay')?.shadowRoot ?? null)).toBeNull();
    expect(await page.evaluate(() => document.documentElement.textContent?.includes('liqguardPageReport') ?? false)).toBe(false);

    await clickInOverlay(page, '[data-liqguard-action="report-copy"]');
    await expect.poll(() => inOverlay(page, (root) => root?.querySelector('[data-liqguard="page-report-status"]')?.textContent ?? '')).toMatch(/^Copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    // The issue link is only a link: built, not followed.
    const issue = await overlayAttribute(page, '[data-liqguard-action="report-issue"]', 'href');
    expect(issue).toMatch(/^https:\/\/github\.com\/liqguard\/liqguard\/issues\/new\?title=/);
    expect(await overlayAttribute(page, '[data-liqguard-action="report-issue"]', 'rel')).toBe('noopener noreferrer');

    // Nothing from the page or the extension (context requests cover both, service worker included)
    // but the report's own module, read from the extension's package at the click …
    await settled();
    session.context.off('request', onRequest);
    expect(requests).toEqual([expect.stringMatching(/^chrome-extension:\/\/[0-9a-f-]{36}\/src\/content\/on-demand\.js$/)]);
    // … and nothing reached any host apart from Chromium's own Google services, which it calls by
    // itself and never on the extension's behalf (autofill asks about the preview's new text area;
    // sign-in checks come at any time): no venue, market-data or tracker host.
    const hosts = session.server.requests.slice(before).map((r) => r.host);
    expect(hosts.filter((h) => !/(^|\.)(google\.com|googleapis\.com|gstatic\.com)$/.test(h))).toEqual([]);

    await clickInOverlay(page, '[data-liqguard-action="report-close"]');
    await expect.poll(() => overlayCount(page, '[data-liqguard="page-report"]')).toBe(0);
    await page.close();
  });

  it('is a quiet link where the page was read, and its report says what the overlay showed without a figure', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.okx.com', '/trade-swap/btc-usdt-swap', 'okx/limit-cross.html'));
    const kind = await waitForAnswer(page);
    // Figures, or the background's refusal for want of market data (no contract spec offline): no page problem either way.
    expect(await overlayAttribute(page, '[data-liqguard-action="report-page"]', 'class')).toBe('lg-link lg-quiet');
    await clickInOverlay(page, '[data-liqguard-action="report-page"]');
    await expect.poll(() => overlayCount(page, '[data-liqguard="page-report"]')).toBe(1);
    const report = JSON.parse((await reportText(page)) ?? '') as { page: Record<string, unknown>; read: { kind: string }; overlay: { kind: string } };
    expect(report.page).toMatchObject({ adapter: 'okx', path: '/trade-swap/btc-usdt-swap', symbol: 'BTC-USDT-SWAP' });
    expect(report.read.kind).toBe('complete');
    expect(report.overlay.kind).toBe(kind);
    await page.close();
  });

  it('answers the popup’s request from the page’s content script, which loads the report’s module for it', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit/broken-no-margin.html'));
    await waitForState(page, ['unreadable']);
    const reader = await extensionReader(session);
    const replies = (await reportReplies(reader.page, 'chrome')) as { ok: boolean; report?: { page: Record<string, unknown>; read: { kind: string } } }[];
    expect(replies).toHaveLength(1);
    expect(replies[0]?.ok).toBe(true);
    expect(replies[0]?.report?.page).toMatchObject({ venue: 'bybit', path: '/trade/usdt/BTCUSDT' });
    expect(replies[0]?.report?.read.kind).toBe('unreadable');
    await Promise.all([reader.page.close(), page.close()]);
  });

  it('shows what is inside open shadow roots and same-origin frames, masked, without what the trader typed', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'report/web-components.html'));
    await waitForState(page, ['unreadable']);
    // The trader types into the frame's note field and the ticket's size: neither may reach the report.
    await page.frameLocator('iframe.margin-frame').locator('input.note').fill('call me at home');
    await page.locator('trade-ticket input#qty-4').fill('0.75');
    // No form found: the panel waits as a pill until the trader opens it.
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await clickInOverlay(page, '[data-liqguard-action="report-page"]');
    await expect.poll(() => overlayCount(page, '[data-liqguard="page-report"]')).toBe(1);
    const report = JSON.parse((await reportText(page)) ?? '') as { read: { kind: string }; snapshot: string[] };
    expect(report.read.kind).toBe('no-form');
    const lines = report.snapshot.join('\n');
    expect(lines).toMatch(/<trade-ticket class='ticket'>\n\s+<template shadowrootmode='open'>/);
    expect(lines).toContain("<input id='qty-#' aria-labelledby='qty-label'>");
    expect(lines).toContain("<button class='lev'>##x</button>");
    expect(lines).toMatch(/<iframe title='Margin' class='margin-frame'>\n\s+<body>/);
    expect(lines).toContain("<button class='transfer'>Transfer</button>");
    expect(lines).not.toMatch(/call me|0\.75|65,000|1,250|65000/);
    await page.close();
  });
});
