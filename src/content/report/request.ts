import type { PageReport } from '../../core/report/types';

/**
 * The popup's request for the page report of its tab, and the content script's reply. Kept apart
 * from the builder: the content script answers the request at startup size and loads the
 * builder (its on-demand module) only when the request comes.
 */

/** What the popup sends the content script of its tab; nothing else asks for a report. */
export const REPORT_REQUEST = 'report/build';
export type ReportReply = { ok: true; report: PageReport } | { ok: false; message: string };

export const isReportRequest = (message: unknown): boolean => typeof message === 'object' && message !== null && (message as { type?: unknown }).type === REPORT_REQUEST;
