/**
 * Chrome extension match patterns, implemented the way Chromium matches content scripts,
 * so that venueForUrl() agrees with where the manifest injects the content script.
 *
 * Semantics (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns,
 * checked against Chromium's URLPattern::MatchesURL):
 * - `<scheme>://<host><path>`; scheme `*` means http or https only.
 * - host `*` is any host; `*.example.com` is example.com and any subdomain; otherwise exact.
 *   An optional `:port` (or `:*`) may follow; without one any port matches.
 * - path is a glob where only `*` is special (any run of characters, `/` included). It is
 *   matched against the URL's path *plus its query string* (Chromium's PathForRequest), never
 *   the fragment. That is why GMX's `#/trade` routes can't be told apart by a pattern.
 * - `<all_urls>` matches every URL with a permitted scheme (http, https, ws, wss, ftp, file).
 * - exclude_matches win over matches.
 *
 * Pure string work: the core has no URL global (lib ES2022 only), so URLs are split here.
 */

const PATTERN_SCHEMES = new Set(['*', 'http', 'https', 'ws', 'wss', 'ftp', 'file']);
const URL_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };

export interface MatchPattern {
  readonly raw: string;
  readonly allUrls: boolean;
  readonly scheme: string;
  /** Lower-case host without a leading '*.'; '' with anyHost. */
  readonly host: string;
  readonly anyHost: boolean;
  readonly includeSubdomains: boolean;
  /** null or '*' = any port. */
  readonly port: string | null;
  readonly path: string;
  readonly pathRegex: RegExp;
}

export type ParsePatternResult = { ok: true; pattern: MatchPattern } | { ok: false; error: string };

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}

export function parseMatchPattern(raw: string): ParsePatternResult {
  if (raw === '<all_urls>') {
    return {
      ok: true,
      pattern: {
        raw,
        allUrls: true,
        scheme: '*',
        host: '',
        anyHost: true,
        includeSubdomains: false,
        port: null,
        path: '/*',
        pathRegex: /^.*$/s,
      },
    };
  }
  const sep = raw.indexOf('://');
  if (sep <= 0) return { ok: false, error: `"${raw}": missing "<scheme>://"` };
  const scheme = raw.slice(0, sep);
  if (!PATTERN_SCHEMES.has(scheme)) return { ok: false, error: `"${raw}": scheme "${scheme}" is not allowed` };
  const rest = raw.slice(sep + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return { ok: false, error: `"${raw}": a path (at least "/") is required` };
  let hostPort = rest.slice(0, slash);
  const path = rest.slice(slash);
  if (hostPort === '' && scheme !== 'file') return { ok: false, error: `"${raw}": host is empty` };

  let port: string | null = null;
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0 && !hostPort.endsWith(']')) {
    port = hostPort.slice(colon + 1);
    hostPort = hostPort.slice(0, colon);
    if (port !== '*' && !/^\d{1,5}$/.test(port)) return { ok: false, error: `"${raw}": bad port "${port}"` };
  }
  let host = hostPort.toLowerCase();
  let anyHost = false;
  let includeSubdomains = false;
  if (host === '*') {
    anyHost = true;
    host = '';
  } else if (host.startsWith('*.')) {
    includeSubdomains = true;
    host = host.slice(2);
  }
  if (host.includes('*')) return { ok: false, error: `"${raw}": "*" in the host may only be the whole host or a leading "*."` };
  if (!anyHost && scheme !== 'file' && host === '') return { ok: false, error: `"${raw}": host is empty` };

  return {
    ok: true,
    pattern: { raw, allUrls: false, scheme, host, anyHost, includeSubdomains, port, path, pathRegex: globToRegExp(path) },
  };
}

export interface ParsedUrl {
  scheme: string;
  host: string;
  /** Explicit port or the scheme's default; '' when neither applies (file:). */
  port: string;
  /** Path, '/' when empty. */
  path: string;
  /** Query without '?', or null when the URL has no '?'. */
  query: string | null;
}

const URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s;

/** Splits an absolute hierarchical URL; null for anything else (relative, data:, garbage). */
export function parseUrl(url: string): ParsedUrl | null {
  const m = URL_RE.exec(url.trim());
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  if (!URL_SCHEMES.has(scheme)) return null;
  let authority = m[2] ?? '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host = authority;
  let port = '';
  const portMatch = /^(.*):(\d*)$/.exec(authority);
  if (portMatch && !authority.endsWith(']')) {
    host = portMatch[1] ?? '';
    port = portMatch[2] ?? '';
  }
  host = host.toLowerCase();
  // A fully-qualified name ending in a dot names the same host.
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '' && scheme !== 'file') return null;
  const effectivePort = port !== '' ? port : (DEFAULT_PORTS[scheme] ?? '');
  const path = m[3] === undefined || m[3] === '' ? '/' : m[3];
  return { scheme, host, port: effectivePort, path, query: m[4] ?? null };
}

export function patternMatchesUrl(pattern: MatchPattern, url: ParsedUrl): boolean {
  if (pattern.allUrls) return URL_SCHEMES.has(url.scheme);
  const schemeOk =
    pattern.scheme === '*' ? url.scheme === 'http' || url.scheme === 'https' : pattern.scheme === url.scheme;
  if (!schemeOk) return false;
  if (!pattern.anyHost) {
    const hostOk =
      url.host === pattern.host || (pattern.includeSubdomains && url.host.endsWith(`.${pattern.host}`));
    if (!hostOk) return false;
  }
  if (pattern.port !== null && pattern.port !== '*' && pattern.port !== url.port) return false;
  const pathAndQuery = url.query === null ? url.path : `${url.path}?${url.query}`;
  return pattern.pathRegex.test(pathAndQuery);
}

const patternCache = new Map<string, MatchPattern | null>();

function compiled(raw: string): MatchPattern | null {
  let p = patternCache.get(raw);
  if (p === undefined) {
    const r = parseMatchPattern(raw);
    p = r.ok ? r.pattern : null;
    patternCache.set(raw, p);
  }
  return p;
}

/**
 * The first pattern of `matches` that matches `url`, unless an exclude pattern matches too.
 * Invalid patterns never match (the data script rejects them before they ship).
 */
export function firstMatchingPattern(
  url: string | ParsedUrl,
  matches: readonly string[],
  excludeMatches: readonly string[] = [],
): string | null {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  if (parsed === null) return null;
  for (const raw of excludeMatches) {
    const p = compiled(raw);
    if (p !== null && patternMatchesUrl(p, parsed)) return null;
  }
  for (const raw of matches) {
    const p = compiled(raw);
    if (p !== null && patternMatchesUrl(p, parsed)) return raw;
  }
  return null;
}
