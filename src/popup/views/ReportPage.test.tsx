// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../fake-browser')).fakeBrowser }));

import type { PageReport } from '../../core/report/types';
import { fakeBrowser, resetFakeBrowser } from '../fake-browser';
import { ReportThisPage } from './ReportPage';

const report: PageReport = {
  liqguardPageReport: 1,
  meta: { extension: '0.1.0', browser: 'Chrome 131', date: '2026-12-01', viewport: '1280x720' },
  page: { venue: 'gate', adapter: 'gate', origin: 'https://www.gate.com', path: '/futures/USDT/BTC_USDT', symbol: 'BTC_USDT', language: 'en', title: '' },
  read: { kind: 'no-form', confidence: null, fields: {}, notes: [{ code: 'no-form', field: 'form', message: 'Gate: the order form was not found on this page' }] },
  overlay: { kind: 'unreadable', notes: [] },
  anchors: {},
  snapshot: ['<body>', '</body>'],
  cut: false,
};

beforeEach(resetFakeBrowser);
afterEach(cleanup);

describe('This tab: Report this page', () => {
  it('asks the tab’s content script for the report and shows it to read, edit and send', async () => {
    fakeBrowser.tabs.sendMessage.mockResolvedValue({ ok: true, report });
    render(<ReportThisPage tabId={7} />);
    fireEvent.click(screen.getByRole('button', { name: 'Report this page' }));
    await waitFor(() => expect(document.querySelector('[data-liqguard="page-report"]')).not.toBeNull());
    expect(fakeBrowser.tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'report/build' });
    expect((document.querySelector('[data-liqguard="page-report-text"]') as HTMLTextAreaElement).value).toContain('"adapter": "gate"');
    fireEvent.click(document.querySelector('[data-liqguard-action="report-close"]') as Element);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Report this page' })).toBeTruthy());
  });

  it('says so when LiqGuard does not run on the page', async () => {
    fakeBrowser.tabs.sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    render(<ReportThisPage tabId={7} />);
    fireEvent.click(screen.getByRole('button', { name: 'Report this page' }));
    await waitFor(() => expect(screen.getByTestId('report-failed').textContent).toMatch(/^No report: LiqGuard does not run on this page/));
  });

  it('passes on the content script’s own refusal', async () => {
    fakeBrowser.tabs.sendMessage.mockResolvedValue({ ok: false, message: 'LiqGuard could not build the report (boom).' });
    render(<ReportThisPage tabId={7} />);
    fireEvent.click(screen.getByRole('button', { name: 'Report this page' }));
    await waitFor(() => expect(screen.getByTestId('report-failed').textContent).toBe('No report: LiqGuard could not build the report (boom)..'));
  });
});
