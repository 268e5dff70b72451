import { useState } from 'preact/hooks';
import type { PageReport } from '../../core/report/types';
import type * as PreviewModule from '../../content/report/ReportPreview';
import { REPORT_REQUEST, type ReportReply } from '../../content/report/request';
import { askTab } from '../messaging';

/**
 * This tab's "Report this page": asks the page's content script for a page report and shows
 * it for the trader to read, edit, and copy, save or send as a new issue. The popup is the
 * extension's own page, so the page cannot see or drive any of it.
 */

export const REPORT_TIMEOUT_MS = 5000;

type Load = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; detail: string } | { kind: 'report'; report: PageReport; preview: typeof PreviewModule };

/** The preview is a chunk of its own, loaded while the content script builds the report: the popup's first view does not need it. */
const loadPreview = (): Promise<typeof PreviewModule | null> => import('../../content/report/ReportPreview').catch(() => null);

export function ReportThisPage({ tabId }: { tabId: number | null }) {
  const [load, setLoad] = useState<Load>({ kind: 'idle' });
  const build = async () => {
    if (tabId === null) return setLoad({ kind: 'failed', detail: 'the browser did not say which tab this is' });
    setLoad({ kind: 'busy' });
    const [answer, preview] = await Promise.all([askTab<ReportReply>(tabId, { type: REPORT_REQUEST }, REPORT_TIMEOUT_MS), loadPreview()]);
    if (answer.kind === 'unavailable') return setLoad({ kind: 'failed', detail: answer.detail });
    if (!answer.reply.ok) return setLoad({ kind: 'failed', detail: answer.reply.message });
    setLoad(preview ? { kind: 'report', report: answer.reply.report, preview } : { kind: 'failed', detail: 'the report preview could not be loaded; reopen the popup and try again' });
  };
  if (load.kind === 'report') {
    const { ReportPreview, copyText } = load.preview;
    return <ReportPreview report={load.report} copy={copyText} onClose={() => setLoad({ kind: 'idle' })} />;
  }
  return (
    <section class="report-page" aria-label="Report this page">
      <p class="hint">Does LiqGuard misread this page, or show no figure where it should? A page report shows the project what the page looks like, with every number masked.</p>
      <button type="button" data-liqguard-action="report-page" disabled={load.kind === 'busy'} onClick={() => void build()}>
        {load.kind === 'busy' ? 'Building the report…' : 'Report this page'}
      </button>
      {load.kind === 'failed' ? (
        <p class="warn-label" role="status" data-testid="report-failed">
          No report: {load.detail}.
        </p>
      ) : null}
    </section>
  );
}
