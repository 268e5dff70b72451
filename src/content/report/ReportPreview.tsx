import { Component } from 'preact';
import { bugs } from '../../../package.json';
import { issueLink, newIssueBase } from '../../core/report/issue';
import { reportFileName, reportText } from '../../core/report/text';
import type { PageReport } from '../../core/report/types';

/**
 * The page report as the trader sees it before anything happens: the whole text, editable,
 * and three ways to send it that the trader carries out (copy, save as a file, open a new
 * issue on the tracker with the report prefilled). LiqGuard itself sends nothing. Shared by
 * the overlay (inside its closed shadow root) and the popup's This tab.
 */

export interface ReportPreviewProps {
  report: PageReport;
  /** Where "open a new issue" goes: package.json's bugs.url unless a test says otherwise. */
  bugsUrl?: string;
  /** Puts text on the clipboard; false when the browser refused. */
  copy(text: string): Promise<boolean>;
  onClose(): void;
  /** Only the trader's own input acts (the overlay passes its trusted-event check). */
  trusted?: (e: Event) => boolean;
}

/** The clipboard, in the popup or in the page (where a click on the overlay gives the permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A class rather than hooks: the content script is a self-contained bundle under a size budget, and
 * this is its only stateful component, so preact/hooks (about 1 KB gzipped) would be carried for it alone.
 */
export class ReportPreview extends Component<ReportPreviewProps, { text: string; status: string }> {
  constructor(props: ReportPreviewProps) {
    super(props);
    this.state = { text: reportText(props.report), status: '' };
  }

  render() {
    return preview(this.props, this.state.text, this.state.status, (text) => this.setState({ text }), (status) => this.setState({ status }));
  }
}

function preview(props: ReportPreviewProps, text: string, status: string, setText: (t: string) => void, setStatus: (s: string) => void) {
  const { report, bugsUrl = bugs.url, copy, onClose, trusted = () => true } = props;
  const base = newIssueBase(bugsUrl);
  // From the text as edited: what the trader deleted is not in the link either.
  const link = base ? issueLink(base, text) : null;

  const doCopy = async (done: string) => setStatus((await copy(text).catch(() => false)) ? done : 'The browser did not let LiqGuard copy: select the report above and copy it (Ctrl+C or ⌘C).');
  const act = (f: (e: Event) => void) => (e: Event) => {
    if (trusted(e)) f(e);
    else e.preventDefault();
  };

  return (
    <section class="lg-report" data-liqguard="page-report" aria-label="Page report">
      <p class="lg-strong">Report this page</p>
      <p class="lg-sub">
        What LiqGuard saw on this page, with every number masked (#) and nothing you typed. Read it, edit anything, then choose below. LiqGuard sends nothing itself.
      </p>
      <textarea aria-label="The report (editable)" spellcheck={false} rows={10} value={text} data-liqguard="page-report-text" onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      <div class="lg-row">
        <button type="button" class="lg-btn lg-primary" data-liqguard-action="report-copy" onClick={act(() => void doCopy('Copied: paste it into an issue or a message.'))}>
          Copy
        </button>
        <a
          class="lg-btn"
          data-liqguard-action="report-save"
          download={reportFileName(report)}
          href="#"
          onClick={act((e) => {
            // Made at the click, so the file holds the text as edited.
            const a = e.currentTarget as HTMLAnchorElement;
            a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
            setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
            setStatus('Saved to your downloads.');
          })}
        >
          Save as file
        </a>
        {link ? (
          <a
            class="lg-btn"
            data-liqguard-action="report-issue"
            href={link.href}
            target="_blank"
            rel="noopener noreferrer"
            onClick={act(() => {
              if (!link.complete) void doCopy('The report is on your clipboard: paste it into the new issue.');
            })}
          >
            Open a new issue
          </a>
        ) : null}
        <button type="button" class="lg-btn lg-ghost" data-liqguard-action="report-close" onClick={act(onClose)}>
          Close
        </button>
      </div>
      {link && !link.complete ? <p class="lg-sub">Too long for a link: the issue opens with a summary, and the same click copies the report for you to paste.</p> : null}
      <p class="lg-sub" role="status" data-liqguard="page-report-status">
        {status}
      </p>
    </section>
  );
}
