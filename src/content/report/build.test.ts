// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeFixture, parseReport } from '../../../scripts/report-fixture';
import { MAX_ISSUE_BODY } from '../../core/report/issue';
import { maskDigits } from '../../core/report/mask';
import { reportText } from '../../core/report/text';
import type { PageReport } from '../../core/report/types';
import { readCurrent } from '../../../test/helpers/fixture-cases';
import { loadFixture, loadHtml, setBody } from '../../../test/helpers/fixture-dom';
import { pagePosition, REPORT_FIXTURES, REPORT_META, reportOfCurrent } from '../../../test/helpers/report-cases';
import type { PageRead } from '../read/pipeline';
import { buildPageReport } from './build';
import { queryDeep, SNAPSHOT_LIMITS } from './snapshot';

/**
 * The privacy promise of a page report, over every fixture page: no digit of the page's
 * numbers, no input value, no identifier. The only strings that may hold digits are
 * LiqGuard's own (meta), the instrument's name read from the URL, and 1–2 digit groups in
 * class names and URL path segments (design-system names such as okui-a11y-text, /v2/).
 */
function leaks(report: PageReport): string[] {
  const out: string[] = [];
  const visit = (value: unknown, where: string) => {
    if (typeof value === 'string') {
      // Heading tags (<h1>…<h6>) carry a digit in their name, not the page's.
      const line = where.startsWith('snapshot') ? value.replace(/<\/?h[1-6]\b/g, '<h').replace(/ class='([^']*)'/g, (_m, c: string) => (/\p{N}{3}/u.test(c) ? ' class=LEAK' : '')) : value;
      const allowed = where === 'page.path' ? /\p{N}{3}/u : /\p{N}/u;
      if (allowed.test(line) || line.includes('LEAK')) out.push(`${where}: ${value}`);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) visit(v, where ? `${where}.${k}` : k);
  };
  const { meta: _meta, page, ...rest } = report;
  const { symbol: _symbol, ...pageRest } = page;
  visit({ ...rest, page: pageRest }, '');
  return out;
}

/**
 * What the reader made of a page. Values read are compared exactly; the page text quoted in
 * reasons is compared with digits masked: numbers no field was found in are masked in the
 * report and cannot come back.
 */
const comparable = (r: PageRead) => {
  const quoted = (key: string, value: unknown) => (['reason', 'raw', 'message'].includes(key) && typeof value === 'string' ? maskDigits(value) : value);
  if (r.kind === 'no-form') return { kind: r.kind, reason: maskDigits(r.reason) };
  const { readAt: _t, ...snapshot } = r.snapshot;
  return JSON.parse(JSON.stringify({ kind: r.kind, snapshot, reasons: r.kind === 'unreadable' ? r.reasons : r.kind === 'confirm' ? r.found : [] }, quoted)) as unknown;
};

/** What the account reader found, apart from values: the masked numbers come back as other numbers. */
const accountShape = (r: PageReport) => {
  if (!r.account) return null;
  const { positions, panel } = r.account;
  return { positions: { ok: positions.ok, source: positions.source, rows: positions.rows?.length }, panel: Object.entries(panel).map(([k, v]) => `${k}: ${v.reason === 'not shown' ? 'not shown' : 'shown'}`) };
};

describe('a page report of each fixture page', () => {
  it.each(REPORT_FIXTURES)('%s holds no digit of the page and no input value, and turns back into a page read the same way', { timeout: 30_000 }, (file, url) => {
    loadFixture(file);
    const values = [...document.querySelectorAll('input')].map((i) => i.value).filter((v) => v.trim().length > 0);
    const { read, report, marks } = reportOfCurrent(url);
    expect(leaks(report)).toEqual([]);
    const text = reportText(report);
    for (const value of values) expect(text).not.toContain(`"${value}"`);
    expect(text.length).toBeLessThan(MAX_ISSUE_BODY - 2000);

    // report → fixture (with the page's own numbers as the chosen position) → reader
    const parsed = parseReport(text);
    expect(parsed.ok, parsed.ok ? '' : parsed.message).toBe(true);
    if (!parsed.ok) return;
    const fixture = makeFixture(parsed.report, pagePosition(marks));
    expect(fixture.url).toBe(url);
    loadHtml(fixture.html);
    expect(comparable(readCurrent(fixture.url))).toEqual(comparable(read));
    // The account reader finds the same positions list (by the same anchor, as many rows) and the same panel figures.
    expect(accountShape(reportOfCurrent(fixture.url).report)).toEqual(accountShape(report));
  });
});

// What a trader's page may hold that must never leave the browser.
const secretNumber = fc.oneof(
  fc.integer({ min: 0, max: 10 ** 9 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999_999 })).map(([a, b]) => `${a.toLocaleString('en-US')}.${b}`),
  fc.tuple(fc.integer({ min: 1000, max: 999_999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a.toLocaleString('de-DE')},${b}`),
  fc.integer({ min: 100, max: 99_999 }).map((n) => n.toLocaleString('ar-EG')),
  fc.integer({ min: 100, max: 99_999 }).map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
);
const secretWord = fc.stringMatching(/^[A-Za-z]{3,8}$/).map((w) => `zq${w}`);
const identifier = fc.constantFrom('trader.joe@example.com', 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '3f2504e0-4f89-11d3-9a0c-0305e82c3301');

describe('a page report of a page holding the trader’s numbers and names', () => {
  it('leaks none of them, wherever the page puts them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REPORT_FIXTURES),
        fc.array(fc.tuple(secretNumber, fc.nat(), fc.constantFrom('text', 'aria-label', 'title', 'data-amount', 'id', 'class', 'placeholder', 'aria-valuenow')), { minLength: 1, maxLength: 6 }),
        fc.array(secretWord, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(identifier, fc.nat(), fc.constantFrom('text', 'data-user', 'data-user-id', 'title')), { maxLength: 3 }),
        ([file, url], numbers, typed, ids) => {
          loadFixture(file);
          const els = [...document.body.querySelectorAll('*')].filter((el) => el.localName !== 'script');
          const put = (value: string, at: number, where: string) => {
            const el = els[at % els.length] as Element;
            if (where === 'text') el.append(` ${value} `);
            else if (where === 'class') el.classList.add(`pnl-${value.replace(/\D/g, '') || '123'}`);
            else el.setAttribute(where, where === 'id' ? `order-${value}` : value);
          };
          for (const [n, at, where] of numbers) put(n, at, where);
          for (const [id, at, where] of ids) put(id, at, where);
          const inputs = [...document.querySelectorAll('input, textarea')] as HTMLInputElement[];
          inputs.forEach((input, i) => {
            input.value = typed[i % typed.length] as string;
          });
          const { report } = reportOfCurrent(url);
          const text = reportText(report);
          expect(leaks(report)).toEqual([]);
          for (const word of typed) expect(text).not.toContain(word);
          for (const [id] of ids) expect(text).not.toContain(id);
        },
      ),
      { numRuns: 60 },
    );
  }, 300_000);

  it('leaves out what the trader typed into a rich-text field, keeping the field', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const row = document.querySelector('#fx-price-row') as Element;
    const note = document.createElement('div');
    note.className = 'fx-note';
    note.setAttribute('contenteditable', 'true');
    const bold = document.createElement('b');
    bold.textContent = 'zqBold';
    note.append('zqNote ', bold);
    const fixed = document.createElement('div');
    fixed.setAttribute('contenteditable', 'false');
    fixed.textContent = 'Note';
    row.append(note, fixed);
    const lines = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT').report.snapshot.join('\n');
    expect(lines).not.toMatch(/zqNote|zqBold/);
    expect(lines).toContain("<div class='fx-note' contenteditable='true'><b></b></div>");
    expect(lines).toContain("<div contenteditable='false'>Note</div>");
  });

  it('reads no cookie and no storage', () => {
    loadFixture('binance-usdm/limit-cross.html');
    document.cookie = 'session=zqCookieValue';
    localStorage.setItem('zqStorageKey', 'zqStorageValue');
    sessionStorage.setItem('zqSessionKey', 'zqSessionValue');
    const text = reportText(reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT').report);
    expect(text).not.toMatch(/zq(?:Cookie|Storage|Session)/);
  });

  it('drops the query string and the fragment of the address', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT?ref=ABCDEF&uid=12345#zqFragment');
    expect(report.page.path).toBe('/en/futures/BTCUSDT');
    expect(reportText(report)).not.toMatch(/ABCDEF|zqFragment|uid=|12345/);
  });
});

describe('what a page report says about the page', () => {
  it('names the anchors that missed and the reader’s reasons', () => {
    loadFixture('binance-usdm/broken-no-leverage.html');
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT');
    expect(report.read.kind).toBe('unreadable');
    expect(report.anchors.leverage?.every((a) => a.found === 0)).toBe(true);
    expect(report.anchors.price?.[0]).toEqual({ css: 'input[id^="limitPrice-"]', found: 1 });
    expect(report.read.fields.leverage).toMatchObject({ ok: false, reason: 'leverage: no leverage control found' });
    expect(report.read.notes).toContainEqual({ code: 'unreadable', field: 'leverage', message: 'Leverage: no leverage control found' });
    expect(report.read.fields.price).toMatchObject({ ok: true, source: 'selector', anchor: 'price', index: 0, value: '#####.#', raw: '##,###.#' });
  });

  it('marks the elements each field was found in, and which are hidden', () => {
    loadFixture('binance-usdm/market-isolated.html');
    // Hidden by the page's style, not by an attribute: the report says so with one.
    (document.querySelector('.fx-reduce') as HTMLElement).style.display = 'none';
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT');
    const lines = report.snapshot.join('\n');
    expect(lines).toMatch(/<input [^>]*id='unitAmount-#'[^>]*data-lg-field='form quantity'>/);
    expect(lines).toMatch(/<div class='fx-stat' data-lg-field='markPrice'><span>Mark<\/span> <span[^>]*>##,###\.#<\/span><\/div>/);
    expect(lines).toMatch(/<div class='bn-formItem' id='fx-price-row'[^>]* hidden>/);
    expect(lines).toMatch(/<label class='fx-reduce' hidden>/);
  });

  it('keeps page text as text: markup in a label is escaped, never a tag', () => {
    loadFixture('binance-usdm/hostile.html');
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT');
    const lines = report.snapshot.join('\n');
    expect(lines).toContain('&lt;img src=x onerror="window.__pwned=#"&gt; Size');
    expect(lines).not.toMatch(/<img|<script/);
  });

  it('tells what the overlay showed, without a figure', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const read = readCurrent('https://www.binance.com/en/futures/BTCUSDT');
    const side = { side: 'long', severity: 'danger', liquidationPrice: '61998.0', warnings: [{ code: 'old-table', message: 'The tier table is 45 days old' }], assumptions: [], venueEstimate: { venue: 'Binance', price: '61990.1', gap: '7.9', gapPercent: '0.01', matches: true } };
    const state = { kind: 'assessed', venue: 'binance', symbol: 'BTCUSDT', sides: [side], policy: null, table: null, assumptions: [], warnings: [] } as never;
    const { report } = buildPageReport({ doc: document, url: new URL('https://www.binance.com/en/futures/BTCUSDT'), read, state, meta: REPORT_META });
    expect(report.overlay).toEqual({ kind: 'assessed', notes: [{ code: 'old-table', message: 'The tier table is ## days old' }], severity: ['long: danger'], venueEstimate: ["long: matches Binance's estimate"] });
    expect(reportText(report)).not.toMatch(/61998|61990/);
  });

  it('carries the corroboration: the page’s own figures and the checks, masked, without LiqGuard’s figures', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const url = 'https://www.binance.com/en/futures/BTCUSDT';
    const read = readCurrent(url);
    if (read.kind !== 'complete') throw new Error(read.kind);
    read.snapshot.pageFigures = [{ kind: 'cost', side: 'long', value: '812.56', unit: 'USDT', places: 2, raw: 'Cost 812.56 USDT', source: 'selector:cost[0] .fx-cost' }];
    read.snapshot.readings = [{ field: 'quantity', value: '9746', unit: 'base', why: 'the page writes 9.746 with a dot for thousands' }];
    read.snapshot.guessed = ['leverage'];
    const check = { code: 'cost', fields: ['quantity', 'price', 'leverage'], side: 'long' as const, result: 'disagrees' as const, message: 'Size 0.25 BTC at 65,000.5 costs 812.51 USDT; the page shows Cost 850.00 USDT.', page: '850.00', computed: '812.51' };
    const state = { kind: 'unreadable' as const, reasons: [{ code: 'withheld', field: 'quantity', message: 'Size: the page’s Cost 850.00 USDT contradicts it' }], withheld: true, checks: [check] };
    const { report } = buildPageReport({ doc: document, url: new URL(url), read, state, meta: REPORT_META });
    expect(report.read.figures).toEqual([{ kind: 'cost', side: 'long', value: '###.##', raw: 'Cost ###.## USDT', unit: 'USDT', source: 'selector', anchor: 'cost', index: 0 }]);
    expect(report.read.readings).toEqual([{ field: 'quantity', value: '####', unit: 'base', why: 'the page writes #.### with a dot for thousands' }]);
    expect(report.read.guessed).toEqual(['leverage']);
    expect(report.overlay).toMatchObject({ kind: 'unreadable', withheld: true, checks: [{ code: 'cost', fields: ['quantity', 'price', 'leverage'], side: 'long', result: 'disagrees', message: 'Size #.## BTC at ##,###.# costs ###.## USDT; the page shows Cost ###.## USDT.' }] });
    expect(leaks(report)).toEqual([]);
  });

  it('carries the positions list and the account panel: what the account reader found, every column, never a value', () => {
    loadFixture('account/binance-usdm/positions.html');
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT');
    expect(report.account?.positions).toEqual({ ok: true, source: 'selector:positions[#] [data-testid*="pos…', rows: Array.from({ length: 4 }, () => ({ ok: true, sideFrom: 'sign' })) });
    expect(report.account?.panel.wallet).toEqual({ ok: true, source: 'selector:panel wallet', raw: '#,###.## USDT' });
    expect(report.anchors.positions).toEqual([{ css: '[data-testid*="position"]', found: 1 }]);
    const lines = report.snapshot.join('\n');
    expect(lines).toContain("<div role='tab' aria-selected='true' aria-controls='fx-pane-#'>Positions(#)</div>");
    // The liquidation price is the sixth column: a table's cells are never cut as look-alikes.
    expect(lines).toContain('<th>Liq.Price</th>');
    expect(lines).toContain('<td>-## SOL</td>');
    expect(lines).toContain("<div class='fx-account-row'><span>Wallet Balance</span> <span>#,###.## USDT</span></div>");
    expect(leaks(report)).toEqual([]);
  });

  it('says why the account reader found no positions list', () => {
    loadFixture('account/binance-usdm/positions.html');
    document.querySelector('[role="tab"][aria-controls="fx-pane-1"]')?.setAttribute('aria-selected', 'true');
    document.querySelector('[role="tab"][aria-controls="fx-pane-0"]')?.setAttribute('aria-selected', 'false');
    document.querySelector('#fx-pane-0')?.remove();
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT');
    expect(report.account?.positions).toEqual({ ok: false, reason: 'the positions list is behind the closed “Positions(#)” tab' });
  });

  it('shows the controls of a page where no form was found', () => {
    setBody('<main><div class="new-ticket"><input id="q7" aria-label="Menge"><div role="tab" aria-selected="true">Limit</div><button class="go">Weiter</button></div><div class="chart"><canvas></canvas></div></main>');
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT');
    expect(report.read.kind).toBe('no-form');
    const lines = report.snapshot.join('\n');
    expect(lines).toMatch(/<input id='q#' aria-label='Menge'[^>]*>/);
    expect(lines).toContain("<button class='go'>Weiter</button>");
    expect(lines).not.toContain('chart');
  });

  it('looks inside open shadow roots: a form built as web components is shown, masked, with nothing typed', () => {
    setBody('<main><trade-panel class="ticket"></trade-panel><p>Fees 0.02%</p></main>');
    const host = document.querySelector('trade-panel') as Element;
    const root = host.attachShadow({ mode: 'open' });
    markup(root, '<div class="order-form"><label id="l9">Size (BTC)</label><input id="qty-12" aria-labelledby="l9" value="0.25"><lev-chip></lev-chip><button>Buy / Long</button><span>Avbl 1,250.75 USDT</span></div>');
    const chip = (root.querySelector('lev-chip') as Element).attachShadow({ mode: 'open' });
    markup(chip, '<button class="lev">20x</button>');
    (root.querySelector('input') as HTMLInputElement).value = 'my secret note';
    const { report } = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT');
    expect(report.read.kind).toBe('no-form');
    const lines = report.snapshot.join('\n');
    expect(lines).toMatch(/<trade-panel class='ticket'>\n\s+<template shadowrootmode='open'>\n\s+<div class='order-form'>/);
    expect(lines).toContain("<input id='qty-##' aria-labelledby='l#'>");
    expect(lines).toContain('<label id=\'l#\'>Size (BTC)</label>');
    expect(lines).toContain("<button class='lev'>##x</button>");
    expect(lines).not.toMatch(/secret|0\.25|1,250/);
    expect(leaks(report)).toEqual([]);
  });

  it('does not look into a closed shadow root (it cannot): the host stays an empty tag', () => {
    setBody('<main><trade-panel class="ticket"></trade-panel><button>Buy</button></main>');
    markup((document.querySelector('trade-panel') as Element).attachShadow({ mode: 'closed' }), '<input id="hidden-from-us"><button>Sell</button>');
    const lines = reportOfCurrent('https://www.binance.com/en/futures/BTCUSDT').report.snapshot.join('\n');
    expect(lines).not.toContain('hidden-from-us');
    expect(lines).not.toContain('Sell');
  });

  it('bounds its search for shadow roots and frames, and says when it stopped short', () => {
    setBody(`<main>${'<div><span>x</span></div>'.repeat(30)}<trade-panel></trade-panel></main>`);
    markup((document.querySelector('trade-panel') as Element).attachShadow({ mode: 'open' }), '<input id="late">');
    expect(queryDeep(document, 'input', 10, 40)).toEqual({ els: [], cut: true });
    expect(queryDeep(document, 'input', 10).els.map((el) => el.id)).toEqual(['late']);
    expect(queryDeep(document, 'input', 10).cut).toBe(false);
    expect(queryDeep(document, 'span', 10)).toMatchObject({ cut: true });
  });
});

/** Parsed nodes appended to a shadow root (the lint rule keeps innerHTML out of the sources). */
function markup(root: ParentNode, html: string): void {
  root.append(...new DOMParser().parseFromString(html, 'text/html').body.childNodes);
}

describe('the report’s bounds', () => {
  const hugePage = (extraDivs: number, rows: number) => {
    const tr = Array.from({ length: rows }, (_, i) => `<tr class="row"><td>BTCUSDT</td><td>${i}.5</td><td><button>Close</button></td></tr>`).join('');
    const extra = Array.from({ length: extraDivs }, (_, i) => `<div class="f${i}"><span>Hint ${i}</span></div>`).join('');
    setBody(
      `<div class="positions"><table><tbody>${tr}</tbody></table></div>` +
        `<main><div><div><div><div><div class="form"><label for="p">Price</label><input id="p" value="1"><label for="s">Size</label><input id="s" value="1"> BTC<button>20x</button><button>Cross</button><div role="tab" aria-selected="true">Limit</div>${extra}<button>Buy</button><button>Sell</button></div></div></div></div></div></main>`,
    );
    const url = 'https://www.binance.com/en/futures/BTCUSDT';
    const positions = document.querySelector('.positions') as Element;
    return buildPageReport({ doc: document, url: new URL(url), read: readCurrent(url), state: null, meta: REPORT_META, regions: [positions] }).report;
  };
  const elementLines = (report: PageReport) => report.snapshot.filter((l) => /^\s*<[a-z]/.test(l)).length;

  it('stays within its limits on a huge page, saying that it was cut', () => {
    const report = hugePage(800, 100);
    expect(report.cut).toBe(true);
    expect(elementLines(report)).toBeGreaterThan(100);
    expect(elementLines(report)).toBeLessThanOrEqual(SNAPSHOT_LIMITS.elements);
    expect(report.snapshot.join('').length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.chars);
    expect(reportText(report).length).toBeLessThan(MAX_ISSUE_BODY - 2000);
  }, 60_000);

  it('keeps a few of a table’s look-alike rows', () => {
    const report = hugePage(20, 1000);
    expect(report.cut).toBe(true);
    expect(report.snapshot.filter((l) => l.includes("<tr class='row'>")).length).toBe(SNAPSHOT_LIMITS.sameSiblings);
    expect(report.snapshot.join('\n')).toContain("<div class='f19'><span>Hint ##</span></div>");
  }, 60_000);

  it('keeps every cell of the rows it keeps: the columns are not look-alikes', () => {
    const cells = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `<${tag}>c${i}</${tag}>`).join('');
    setBody(`<div class="positions"><table><thead><tr>${cells('th', 12)}</tr></thead><tbody>${`<tr>${cells('td', 12)}</tr>`.repeat(8)}</tbody></table></div><div role="grid"><div role="row">${cells('span role="gridcell"', 9).replace(/<\/span role="gridcell">/g, '</span>')}</div></div>`);
    const url = 'https://www.binance.com/en/futures/BTCUSDT';
    const regions = [document.querySelector('.positions') as Element, document.querySelector('[role="grid"]') as Element];
    const { snapshot } = buildPageReport({ doc: document, url: new URL(url), read: readCurrent(url), state: null, meta: REPORT_META, regions }).report;
    const count = (cell: RegExp) => snapshot.join('\n').match(cell)?.length ?? 0;
    expect(count(/<th>c#+<\/th>/g)).toBe(12);
    expect(count(/<td>c#+<\/td>/g)).toBe(12 * SNAPSHOT_LIMITS.sameSiblings);
    expect(count(/<span role='gridcell'>c#<\/span>/g)).toBe(9);
  });
});
