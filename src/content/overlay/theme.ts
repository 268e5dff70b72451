/** The page's own theme: class/data-theme hints first, then the background brightness, then the OS preference. */
export function pageTheme(doc: Document, win: Window): 'light' | 'dark' {
  const html = doc.documentElement;
  const body = doc.body;
  const hints = [html.className, html.getAttribute('data-theme'), html.getAttribute('data-mode'), body?.className, body?.getAttribute('data-theme')]
    .filter((h): h is string => typeof h === 'string')
    .join(' ')
    .toLowerCase()
    .slice(0, 500);
  if (/(?:^|[\s_-])dark(?:$|[\s_-])/.test(hints)) return 'dark';
  if (/(?:^|[\s_-])light(?:$|[\s_-])/.test(hints)) return 'light';
  for (const el of [body, html]) {
    const rgb = el && /rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)(?:[\s,/]+([\d.]+))?/.exec(win.getComputedStyle(el).backgroundColor);
    // An opaque background: its brightness (layout maths, not money) says light or dark.
    if (rgb && (rgb[4] === undefined || Number(rgb[4]) >= 0.5)) return Number(rgb[1]) * 0.3 + Number(rgb[2]) * 0.59 + Number(rgb[3]) * 0.11 < 110 ? 'dark' : 'light';
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
