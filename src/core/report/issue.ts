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

/** A field of the edited report, or undefined: the trader may have changed or deleted anything. */
function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined), value);
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The issue's title and, for a report too long for a link, a few lines that say what it is
 * about: both taken from the text as the trader edited it, never from the report as built,
 * so a line the trader deleted does not reach the tracker through the link either. Text
 * that is no longer JSON gives a bare title and no summary.
 */
export function issueParts(text: string): { title: string; summary: string } {
  let report: unknown = null;
  try {
    report = JSON.parse(text);
  } catch {
    // Edited into something else: quote nothing from it.
  }
  const path = str(at(report, 'page', 'path'));
  const where = `${str(at(report, 'page', 'origin'))}${path}`;
  const name = str(at(report, 'page', 'adapter')) || str(at(report, 'page', 'venue'));
  const title = ['Page report', [name, path].filter(Boolean).join(' ')].filter(Boolean).join(': ').slice(0, 200);
  if (report === null) return { title, summary: '' };
  const notes = at(report, 'read', 'notes');
  const overlay = str(at(report, 'overlay', 'kind'));
  const confidence = str(at(report, 'read', 'confidence'));
  const kind = str(at(report, 'read', 'kind'));
  const lines = [
    `LiqGuard ${str(at(report, 'meta', 'extension')) || '?'} on ${str(at(report, 'meta', 'browser')) || '?'}${where ? `, ${where}` : ''}`,
    ...(kind || overlay ? [`Reader: ${kind || '?'}${confidence ? ` (${confidence})` : ''}${overlay ? `; overlay: ${overlay}` : ''}`] : []),
    ...(Array.isArray(notes) ? notes.slice(0, 8).flatMap((n) => (str(at(n, 'message')) ? [`- ${str(at(n, 'message')).slice(0, 160)}`] : [])) : []),
  ];
  return { title, summary: lines.join('\n') };
}

const INTRO = 'What went wrong on this page (please describe):\n\n\n\nLiqGuard page report (every number on the page is masked as #):\n';

function href(base: string, title: string, body: string): string {
  return `${base}?${new URLSearchParams({ title, body }).toString()}`;
}

/**
 * The link for the report text as the trader edited it: the whole text in the body, or, when
 * that would make the link too long, a summary and a request to paste the report.
 */
export function issueLink(base: string, text: string): IssueLink {
  const { title, summary } = issueParts(text);
  const full = href(base, title, `${INTRO}\n\`\`\`json\n${text}\n\`\`\`\n`);
  if (full.length <= MAX_ISSUE_URL) return { href: full, complete: true };
  const short = `${INTRO}\n${summary.slice(0, 1500)}\n\nThe whole report was too long for a link. LiqGuard copied it to your clipboard when you clicked: paste it below, between the two lines of backticks.\n\n\`\`\`json\n\n\`\`\`\n`;
  return { href: href(base, title, short), complete: false };
}
