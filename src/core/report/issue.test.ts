import { describe, expect, it } from 'vitest';
import { issueLink, issueParts, MAX_ISSUE_URL, newIssueBase } from './issue';
import { browserOf, reportFileName, reportText } from './text';
import type { PageReport } from './types';

const report: PageReport = {
  liqguardPageReport: 1,
  meta: { extension: '0.1.0', browser: 'Chrome 131', date: '2026-12-01', viewport: '1280x720' },
  page: { venue: 'binance', adapter: 'binance-usdm', origin: 'https://www.binance.com', path: '/en/futures/BTCUSDT', symbol: 'BTCUSDT', language: 'en', title: '##,###.# | BTCUSDT' },
  read: { kind: 'unreadable', confidence: 'adapter', fields: {}, notes: [{ code: 'unreadable', field: 'leverage', message: 'Leverage: no leverage control found' }] },
  overlay: { kind: 'unreadable', notes: [] },
  anchors: { leverage: [{ css: 'button', found: 0 }] },
  snapshot: ['<body>', " <button class='fx-leverage'>##x</button>", '</body>'],
  cut: false,
};

describe('the new-issue link', () => {
  it('accepts only an https …/issues address', () => {
    expect(newIssueBase('https://github.com/liqguard/liqguard/issues')).toBe('https://github.com/liqguard/liqguard/issues/new');
    expect(newIssueBase('https://github.com/liqguard/liqguard/issues/')).toBe('https://github.com/liqguard/liqguard/issues/new');
    expect(newIssueBase('http://github.com/a/b/issues')).toBeNull();
    expect(newIssueBase('https://user:pw@github.com/a/b/issues')).toBeNull();
    expect(newIssueBase('https://github.com/a/b/issues?x=1')).toBeNull();
    expect(newIssueBase('https://github.com/a/b')).toBeNull();
    expect(newIssueBase('not a url')).toBeNull();
  });

  it('carries the whole report when the link stays under GitHub’s URL limit', () => {
    const text = reportText(report);
    const link = issueLink('https://github.com/o/r/issues/new', text);
    expect(link.complete).toBe(true);
    const url = new URL(link.href);
    expect(url.origin + url.pathname).toBe('https://github.com/o/r/issues/new');
    expect(url.searchParams.get('title')).toBe('Page report: binance-usdm /en/futures/BTCUSDT');
    expect(url.searchParams.get('body')).toContain(`\`\`\`json\n${text}\n\`\`\``);
  });

  it('asks the trader to paste a report too long for a link, and stays under the limit', () => {
    const long = { ...report, snapshot: Array.from({ length: 800 }, () => " <div class='fx-row'><span>Avbl</span> <span>#,###.## USDT</span></div>") };
    const text = reportText(long);
    const link = issueLink('https://github.com/o/r/issues/new', text);
    expect(link.complete).toBe(false);
    expect(link.href.length).toBeLessThanOrEqual(MAX_ISSUE_URL);
    const body = new URL(link.href).searchParams.get('body') ?? '';
    expect(body).not.toContain('fx-row');
    expect(body).toContain('Leverage: no leverage control found');
    expect(body).toMatch(/copied it to your clipboard when you clicked: paste it below/);
  });

  it('quotes in its title and summary only what is left in the text the trader edited', () => {
    const long = { ...report, snapshot: Array.from({ length: 800 }, () => " <div class='fx-row'><span>Avbl</span> <span>#,###.## USDT</span></div>") };
    // The trader deletes the note and renames the path before clicking.
    const edited = reportText({ ...long, page: { ...long.page, path: '/en/futures/[removed]' }, read: { ...long.read, notes: [] } });
    const link = new URL(issueLink('https://github.com/o/r/issues/new', edited).href);
    expect(link.searchParams.get('title')).toBe('Page report: binance-usdm /en/futures/[removed]');
    expect(link.searchParams.get('body')).not.toContain('Leverage: no leverage control found');
    expect(link.searchParams.get('body')).not.toContain('BTCUSDT');
  });

  it('quotes nothing from a text that is no longer JSON, and does not fail on a report with parts deleted', () => {
    expect(issueParts('{ "page": broken')).toEqual({ title: 'Page report', summary: '' });
    expect(issueParts('null')).toEqual({ title: 'Page report', summary: '' });
    const parts = issueParts(JSON.stringify({ page: { venue: 'okx' }, read: { notes: [{ message: 'Size: not found' }, 7, null] } }));
    expect(parts.title).toBe('Page report: okx');
    expect(parts.summary).toBe('LiqGuard ? on ?\n- Size: not found');
  });
});

describe('report text', () => {
  it('is JSON that reads back as the same report, one snapshot element per line', () => {
    const text = reportText(report);
    expect(JSON.parse(text)).toEqual(report);
    expect(text.split('\n')).toContain('  " <button class=\'fx-leverage\'>##x</button>",');
    expect(text).toContain('{ "css": "button", "found": 0 }');
  });

  it('names the browser by brand and major version only', () => {
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36')).toBe('Chrome 131');
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128');
    expect(browserOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70')).toBe('Edge 131');
    expect(browserOf('')).toBe('unknown browser');
  });

  it('saves under a name with the venue and the date', () => {
    expect(reportFileName(report)).toBe('liqguard-report-binance-usdm-2026-12-01.json');
  });
});
