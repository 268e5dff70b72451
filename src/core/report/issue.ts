import type { PageReport } from './types';

/**
 * The "open a new issue" link: the tracker's new-issue page with the title and body
 * prefilled (GitHub's `issues/new?title=…&body=…`). The trader clicks it; LiqGuard sends
 * nothing. GitHub refuses request URLs over 8,191 bytes ("Your request URL is too long",
 * github/docs#5136) and Edge caps URLs lower than Chrome, so a report whose link would be
 * longer gets a short body instead, which asks the trader to paste the report (the same
 * click copies it to the clipboard).
 */

export const MAX_ISSUE_URL = 8000;
/** GitHub's limit on an issue body; the report builder keeps the whole report under it. */
export const MAX_ISSUE_BODY = 65_536;

export interface IssueLink {
  href: string;
  /** True when the whole report is in the link; false when the trader has to paste it. */
  complete: boolean;
}

/** The tracker's issue list URL (package.json `bugs.url`) as a new-issue URL, or null when it is not an https `…/issues` address. */
export function newIssueBase(bugsUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(bugsUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return null;
  const path = url.pathname.replace(/\/+$/, '');
  return /\/issues$/.test(path) ? `${url.origin}${path}/new` : null;
}

export function issueTitle(report: PageReport): string {
  return `Page report: ${report.page.adapter ?? report.page.venue} ${report.page.path}`.slice(0, 200);
}

/** A few lines that say what the report is about, for an issue whose body cannot hold the whole report. */
export function issueSummary(report: PageReport): string {
  const notes = report.read.notes.slice(0, 8).map((n) => `- ${n.message.slice(0, 160)}`);
  return [
    `LiqGuard ${report.meta.extension} on ${report.meta.browser}, ${report.page.origin}${report.page.path}`,
    `Reader: ${report.read.kind}${report.read.confidence ? ` (${report.read.confidence})` : ''}${report.overlay ? `; overlay: ${report.overlay.kind}` : ''}`,
    ...notes,
  ].join('\n');
}

const INTRO = 'What went wrong on this page (please describe):\n\n\n\nLiqGuard page report (every number on the page is masked as #):\n';

function href(base: string, title: string, body: string): string {
  return `${base}?${new URLSearchParams({ title, body }).toString()}`;
}

/**
 * The link for an edited report text. `summary` stands in for the report when the whole
 * report would make the link too long.
 */
export function issueLink(base: string, title: string, text: string, summary: string): IssueLink {
  const full = href(base, title, `${INTRO}\n\`\`\`json\n${text}\n\`\`\`\n`);
  if (full.length <= MAX_ISSUE_URL) return { href: full, complete: true };
  const short = `${INTRO}\n${summary.slice(0, 1500)}\n\nThe whole report was too long for a link. LiqGuard copied it to your clipboard when you clicked: paste it below, between the two lines of backticks.\n\n\`\`\`json\n\n\`\`\`\n`;
  return { href: href(base, title, short), complete: false };
}
