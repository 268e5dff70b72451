import type { PageReport } from './types';

/**
 * The report as the trader sees, edits, copies and saves it: JSON laid out for reading, with
 * one snapshot element, one anchor, one field and one note per line (an object that holds
 * no object or list is written on one line).
 */
export function reportText(report: PageReport): string {
  const layout = (value: unknown, indent: string): string => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    const inner = `${indent} `;
    if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => inner + layout(v, inner)).join(',\n')}\n${indent}]` : '[]';
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    if (entries.every(([, v]) => typeof v !== 'object' || v === null)) return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${layout(v, inner)}`).join(',\n')}\n${indent}}`;
  };
  return layout(report, '');
}

/** "Chrome 131", "Firefox 128", "Edge 131": brand and major version only, from the user agent. */
export function browserOf(userAgent: string): string {
  const tries: [RegExp, string][] = [
    [/Firefox\/(\d+)/, 'Firefox'],
    [/Edg\/(\d+)/, 'Edge'],
    [/OPR\/(\d+)/, 'Opera'],
    [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[^ ]* Safari\//, 'Safari'],
  ];
  for (const [re, name] of tries) {
    const m = re.exec(userAgent);
    if (m?.[1]) return `${name} ${m[1]}`;
  }
  return 'unknown browser';
}

/** Where a report file is saved: liqguard-report-<venue>-<date>.json. */
export function reportFileName(report: PageReport): string {
  const venue = (report.page.adapter ?? report.page.venue).replace(/[^a-z0-9-]/gi, '') || 'page';
  return `liqguard-report-${venue}-${report.meta.date.replace(/[^0-9-]/g, '')}.json`;
}
