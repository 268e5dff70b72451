// @vitest-environment happy-dom
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportText } from '../src/core/report/text';
import { readCurrent } from '../test/helpers/fixture-cases';
import { loadFixture, loadHtml } from '../test/helpers/fixture-dom';
import { reportOfCurrent } from '../test/helpers/report-cases';
import { decimalOf, defaultPosition, makeFixture, parseReport, restorePath } from './report-fixture';
import { run } from './report-to-fixture';

// Every fixture page's round trip (report → fixture → reader) is in src/content/report/build.test.ts.

const USDM = 'https://www.binance.com/en/futures/BTCUSDT';

describe('a fixture from a report and a chosen position', () => {
  it('puts the chosen numbers where the adapter found its fields, and reads them back', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const { report } = reportOfCurrent(USDM);
    const fixture = makeFixture(report, { price: '64,123.5', size: '1.75', leverage: '50', balance: '9,876.54' });
    expect(fixture.folder).toBe('binance-usdm');
    // The mark comes from the default position: the test chose none.
    expect(fixture.filled.sort()).toEqual(['balance', 'leverage', 'markPrice', 'price', 'quantity']);
    loadHtml(fixture.html);
    const r = readCurrent(fixture.url);
    expect(r.kind).toBe('complete');
    if (r.kind !== 'complete') return;
    expect(r.snapshot.price).toMatchObject({ ok: true, value: '64123.5' });
    expect(r.snapshot.quantity).toMatchObject({ ok: true, value: { value: '1.75', unit: 'base' } });
    expect(r.snapshot.leverage).toMatchObject({ ok: true, value: '50' });
    expect(r.snapshot.availableBalance).toMatchObject({ ok: true, value: { value: '9876.54', asset: 'USDT' } });
  });

  it('keeps a shadow root as declarative markup and turns a same-origin frame’s page into its srcdoc', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const { report } = reportOfCurrent(USDM);
    const snapshot = ['<body>', ' <trade-ticket>', "  <template shadowrootmode='open'>", "   <button class='lev'>##x</button>", '  </template>', ' </trade-ticket>', " <iframe title='Margin'>", '  <body>', "   <span class='avbl'>#,###.## USDT</span>", '  </body>', ' </iframe>', '</body>'];
    const { html } = makeFixture({ ...report, snapshot, anchors: {} });
    expect(html).toMatch(/<trade-ticket>\s*<template shadowrootmode="open">\s*<button class="lev">10x<\/button>/);
    expect(html).toMatch(/<iframe title="Margin" srcdoc="<!doctype html><html><body>\s*<span class=&quot;avbl&quot;>1,000.00 USDT<\/span>\s*<\/body><\/html>"><\/iframe>/);
  });

  it('uses a BTC-like default position written with the page’s decimal separator', () => {
    loadFixture('bitget/i18n-de.html');
    const { report } = reportOfCurrent('https://www.bitget.com/futures/usdt/BTCUSDT');
    expect(decimalOf(report)).toBe(',');
    expect(defaultPosition(',')).toMatchObject({ price: '65000,5', quantity: '0,25', leverage: '20' });
    const fixture = makeFixture(report);
    loadHtml(fixture.html);
    const r = readCurrent(fixture.url);
    expect(r.kind === 'complete' && r.snapshot.price).toMatchObject({ ok: true, value: '65000.5' });
  });

  it('gives several elements of one field one value each, so a page that disagrees still does', () => {
    loadFixture('mexc/broken-two-leverages.html');
    const { report } = reportOfCurrent('https://www.mexc.com/futures/BTC_USDT');
    loadHtml(makeFixture(report, { leverage: ['10', '25'] }).html);
    const r = readCurrent('https://www.mexc.com/futures/BTC_USDT');
    expect(r.kind === 'unreadable' && r.reasons.map((n) => n.message)).toEqual(['Leverage: the page shows different leverages (10x, 25x)']);
  });

  it('writes a header the adapter meta-test accepts and nothing that loads from outside', () => {
    loadFixture('okx/limit-cross.html');
    const { html } = makeFixture(reportOfCurrent('https://www.okx.com/trade-swap/btc-usdt-swap').report);
    expect(html).toMatch(/^<!doctype html>\n<!--\n {2}okx: from a page report \(LiqGuard 0\.1\.0, Chrome 131, 2026-12-01\)/);
    expect(html).toMatch(/Variants: report/);
    expect(html).toMatch(/Relies on[^\n]*\n {4}- form\[0\] `\.place-order-container-common` \(found 1 on the reported page\)/);
    expect(html).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toContain('data-lg-field');
    expect(html).toContain('<title>10,000.0 | BTC-USDT-SWAP | OKX (fixture)</title>');
  });

  it('turns named format characters back into the characters', () => {
    loadFixture('binance-usdm/limit-cross.html');
    (document.querySelector('.fx-avbl span:last-child') as Element).textContent = '\u202e1,250.75\u202c USDT';
    const { report } = reportOfCurrent(USDM);
    expect(report.snapshot.join('')).toContain('>&lg-RLO;#,###.##&lg-PDF; USDT</span>');
    expect(makeFixture(report).html).toContain('>\u202e1250.75\u202c USDT</span>');
  });
});

describe('reading a report back', () => {
  it('takes a report from an issue body’s ```json block, and says what is wrong with anything else', () => {
    loadFixture('gate/limit-cross.html');
    const text = reportText(reportOfCurrent('https://www.gate.com/futures/USDT/BTC_USDT').report);
    const issue = `What went wrong on this page:\r\n\r\nThe leverage is not read.\r\n\r\n\`\`\`json\r\n${text.replace(/\n/g, '\r\n')}\r\n\`\`\`\r\n`;
    const parsed = parseReport(issue);
    expect(parsed.ok && parsed.report.page.adapter).toBe('gate');
    expect(parseReport('{"liqguardPageReport":2}')).toMatchObject({ ok: false, message: expect.stringMatching(/^not a LiqGuard page report: liqguardPageReport/) });
    expect(parseReport('{ nope')).toMatchObject({ ok: false, message: expect.stringMatching(/^not valid JSON/) });
    expect(parseReport('hello')).toEqual({ ok: false, message: 'no JSON found' });
  });

  it('puts the instrument back into the masked path', () => {
    expect(restorePath('/en/futures/####PEPEUSDT', '1000PEPEUSDT')).toBe('/en/futures/1000PEPEUSDT');
    expect(restorePath('/trade-swap/btc-usd-######', 'BTC-USD-250328')).toBe('/trade-swap/btc-usd-250328');
    expect(restorePath('/en/futures/v2/BTCUSDT', 'BTCUSDT')).toBe('/en/futures/v2/BTCUSDT');
    expect(restorePath('/app/trade/###', null)).toBe('/app/trade/000');
  });
});

describe('npm run report-to-fixture', () => {
  const tmp = () => mkdtempSync(path.join(tmpdir(), 'report-fixture-'));

  it('writes the fixture under <out>/<adapter>/ and prints where to read it and the case to add', () => {
    loadFixture('bybit/broken-no-margin.html');
    const dir = tmp();
    const input = path.join(dir, 'report.json');
    writeFileSync(input, reportText(reportOfCurrent('https://www.bybit.com/trade/usdt/BTCUSDT').report));
    const result = run([input, '--out', dir, '--name', 'Redesign 2027', '--price', '70000.5', '--leverage', '15']);
    expect(result.code, result.out).toBe(0);
    const file = path.join(dir, 'bybit', 'redesign-2027.html');
    expect(existsSync(file)).toBe(true);
    expect(result.out).toContain('Read at https://www.bybit.com/trade/usdt/BTCUSDT (E2E: https://www.bybit.com/trade/usdt/BTCUSDT?fixture=bybit/redesign-2027.html)');
    expect(result.out).toMatch(/When reported, the reader said: unreadable: Margin mode: /);
    expect(result.out).toContain("{ file: 'bybit/redesign-2027.html', url: 'https://www.bybit.com/trade/usdt/BTCUSDT', kind: 'complete', price: '70000.5', quantity: { value: '0.25', unit: '…' }, leverage: '15' },");
    // The page still has no margin-mode control: the fixture reproduces what the trader met.
    loadHtml(readFileSync(file, 'utf8'));
    const r = readCurrent('https://www.bybit.com/trade/usdt/BTCUSDT');
    expect(r.kind === 'unreadable' && r.reasons.map((n) => n.field)).toEqual(['marginMode']);
    expect(run([input, '--out', dir, '--name', 'Redesign 2027'])).toMatchObject({ code: 1, out: expect.stringMatching(/exists: choose another --name or add --force/) });
    expect(run([input, '--out', dir, '--name', 'Redesign 2027', '--force']).code).toBe(0);
  });

  it('refuses bad input with a message', () => {
    const dir = tmp();
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    expect(run([])).toMatchObject({ code: 2, out: expect.stringMatching(/^usage:/) });
    expect(run([path.join(dir, 'missing.json')])).toMatchObject({ code: 1, out: expect.stringMatching(/no such file/) });
    expect(run([bad])).toMatchObject({ code: 1, out: expect.stringMatching(/not a LiqGuard page report/) });
    expect(run([bad, '--price'])).toMatchObject({ code: 2, out: expect.stringMatching(/--price needs a value/) });
    expect(run([bad, '--position', '[1]'])).toMatchObject({ code: 2, out: expect.stringMatching(/must be a JSON object/) });
    expect(run([bad, '--colour'])).toMatchObject({ code: 2, out: expect.stringMatching(/unknown option --colour/) });
  });
});
