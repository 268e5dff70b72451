// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { reportText } from '../../core/report/text';
import type { PageReport } from '../../core/report/types';
import { ReportPreview } from './ReportPreview';

afterEach(cleanup);

const report: PageReport = {
  liqguardPageReport: 1,
  meta: { extension: '0.1.0', browser: 'Chrome 131', date: '2026-12-01', viewport: '1280x720' },
  page: { venue: 'okx', adapter: 'okx', origin: 'https://www.okx.com', path: '/trade-swap/btc-usdt-swap', symbol: 'BTC-USDT-SWAP', language: 'en', title: '' },
  read: { kind: 'unreadable', confidence: 'adapter', fields: {}, notes: [{ code: 'unreadable', field: 'marginMode', message: 'Margin mode: not found on the page' }] },
  overlay: null,
  anchors: {},
  snapshot: ['<body>', '</body>'],
  cut: false,
};
const BUGS = 'https://github.com/liqguard/liqguard/issues';

function show(r: PageReport = report, trusted?: (e: Event) => boolean) {
  const copy = vi.fn(async (_text: string) => true);
  const onClose = vi.fn();
  const view = render(<ReportPreview report={r} bugsUrl={BUGS} copy={copy} onClose={onClose} {...(trusted ? { trusted } : {})} />);
  // The test's document follows no link (happy-dom would fetch it); the component's own handlers run first.
  view.container.addEventListener('click', (e) => e.preventDefault());
  const q = <T extends Element>(sel: string) => view.container.querySelector(sel) as T;
  return { ...view, copy, onClose, q, text: () => q<HTMLTextAreaElement>('[data-liqguard="page-report-text"]') };
}

describe('the page report preview', () => {
  it('shows the whole report, editable, and copies the text as edited', async () => {
    const v = show();
    expect(v.q('[data-liqguard="page-report"]')).not.toBeNull();
    expect(v.text().value).toBe(reportText(report));
    fireEvent.input(v.text(), { target: { value: `${reportText(report)}\nThe margin switch moved into a menu.` } });
    fireEvent.click(v.q('[data-liqguard-action="report-copy"]'));
    await waitFor(() => expect(v.copy).toHaveBeenCalledWith(`${reportText(report)}\nThe margin switch moved into a menu.`));
    await waitFor(() => expect(v.q('[data-liqguard="page-report-status"]').textContent).toMatch(/^Copied/));
  });

  it('opens a new issue on the tracker with the edited report prefilled, in a new tab with no referrer', () => {
    const v = show();
    fireEvent.input(v.text(), { target: { value: '{"edited": true}' } });
    const a = v.q<HTMLAnchorElement>('[data-liqguard-action="report-issue"]');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    const url = new URL(a.href);
    expect(url.origin + url.pathname).toBe('https://github.com/liqguard/liqguard/issues/new');
    expect(url.searchParams.get('body')).toContain('```json\n{"edited": true}\n```');
  });

  it('copies a report too long for a link when the issue link is clicked, and says so', async () => {
    const long = { ...report, snapshot: Array.from({ length: 600 }, () => " <div class='fx-row'><span>Avbl</span> <span>#,###.## USDT</span></div>") };
    const v = show(long);
    expect(v.container.textContent).toMatch(/Too long for a link/);
    fireEvent.click(v.q('[data-liqguard-action="report-issue"]'));
    await waitFor(() => expect(v.copy).toHaveBeenCalledWith(reportText(long)));
    await waitFor(() => expect(v.q('[data-liqguard="page-report-status"]').textContent).toMatch(/on your clipboard: paste it into the new issue/));
  });

  it('saves the text as edited to a file named after the venue and date', () => {
    const created: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:https://www.okx.com/1';
    });
    const v = show();
    const a = v.q<HTMLAnchorElement>('[data-liqguard-action="report-save"]');
    expect(a.getAttribute('download')).toBe('liqguard-report-okx-2026-12-01.json');
    fireEvent.click(a);
    expect(create).toHaveBeenCalledOnce();
    expect(created[0]?.type).toBe('application/json');
  });

  it('says how to copy by hand when the browser refuses the clipboard', async () => {
    const v = show();
    v.copy.mockResolvedValueOnce(false);
    fireEvent.click(v.q('[data-liqguard-action="report-copy"]'));
    await waitFor(() => expect(v.q('[data-liqguard="page-report-status"]').textContent).toMatch(/select the report above and copy it/));
  });

  it('does nothing for a click a page script made', async () => {
    const v = show(report, () => false);
    fireEvent.click(v.q('[data-liqguard-action="report-copy"]'));
    fireEvent.click(v.q('[data-liqguard-action="report-close"]'));
    // Seen right after the link's own handler: it cancelled the page's click before anyone else could.
    let cancelled = false;
    const link = v.q('[data-liqguard-action="report-issue"]');
    link.addEventListener('click', (e) => (cancelled = e.defaultPrevented));
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(cancelled).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(v.copy).not.toHaveBeenCalled();
    expect(v.onClose).not.toHaveBeenCalled();
  });

  it('offers no issue link when bugs.url is not a tracker’s issues address', () => {
    const v = render(<ReportPreview report={report} bugsUrl="mailto:someone@example.com" copy={async () => true} onClose={() => undefined} />);
    expect(v.container.querySelector('[data-liqguard-action="report-issue"]')).toBeNull();
    expect(v.container.querySelector('[data-liqguard-action="report-copy"]')).not.toBeNull();
  });
});
