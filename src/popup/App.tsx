import type { FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabState, UnreadTab } from '../shared/overlay-state';
import { defaultSettings, settingsVenueFor, type Settings, type SettingsNotice } from '../shared/settings';
import { loadSettings, readUnkept, watchSettings, type UnkeptSettings } from '../shared/settings-store';
import { Notice } from './components';
import { activeTabId, ask, type Answer } from './messaging';
import { takeEarly } from './early-reads';
import { localeFor } from './numbers';
import { formFromTab } from './calc-form';
import { forInput } from './format';
import { readOverride } from './symbol-overrides';
import { useCalculator } from './use-calculator';
import { CalculatorView } from './views/Calculator';
import type { StressView as StressViewType } from './views/Stress';
import { ReportThisPage } from './views/ReportPage';
import { ThisTabView, type TabLoad } from './views/ThisTab';
import type { VenuesView as VenuesViewType } from './views/Venues';

export type TabId = 'this-tab' | 'calculator' | 'stress' | 'venues';
export const TABS: { id: TabId; label: string }[] = [
  { id: 'this-tab', label: 'This tab' },
  { id: 'calculator', label: 'Calculator' },
  { id: 'stress', label: 'Stress' },
  { id: 'venues', label: 'Venues' },
];

export interface Route {
  tab: TabId | null;
  venue: string | null;
  /** `#calculator=tab-<id>`: the calculator prefilled from that venue tab's latest order. */
  fromTab?: number;
}

/** `#venue=<id>` (the overlay's deep link), `#calculator=tab-<id>` (its "Open in the calculator") or `#tab=<id>`. */
export function parseHash(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const venue = params.get('venue');
  if (venue && /^[a-z0-9_-]{1,40}$/i.test(venue)) return { tab: 'venues', venue };
  const from = /^tab-(\d{1,10})$/.exec(params.get('calculator') ?? '');
  if (from) return { tab: 'calculator', venue: null, fromTab: Number(from[1]) };
  const tab = params.get('tab');
  return { tab: TABS.some((t) => t.id === tab) ? (tab as TabId) : null, venue: null };
}

export const TAB_STATE_TIMEOUT_MS = 3000;

type TabStateAnswer = Answer<{ ok: true; tab: TabState | null; unread?: UnreadTab | null }>;

/** The active tab's id, and (not awaited, so the id is there first) what the background holds for it. */
export async function readActiveTab(): Promise<{ id: number | null; state: Promise<TabStateAnswer> | null }> {
  const id = await activeTabId();
  return { id, state: id === null ? null : ask({ type: 'tab/state', tabId: id }, TAB_STATE_TIMEOUT_MS) };
}

type VenuesModule = { VenuesView: typeof VenuesViewType };
type StressModule = { StressView: typeof StressViewType };

/** Marks the popup as showing real content (settings and saved inputs applied): the benchmark reads it. */
function markReady(): void {
  try {
    if (performance.getEntriesByName('liqguard:popup-ready').length === 0) performance.mark('liqguard:popup-ready');
  } catch {
    // performance.mark is a measurement aid only.
  }
}

export function App({ initialHash = typeof location !== 'undefined' ? location.hash : '' }: { initialHash?: string }) {
  const initial = parseHash(initialHash);
  const [tab, setTab] = useState<TabId>(initial.tab ?? 'this-tab');
  const [focusVenue, setFocusVenue] = useState<string | null>(initial.venue);
  const chose = useRef(initial.tab !== null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notices, setNotices] = useState<SettingsNotice[]>([]);
  const [unkept, setUnkept] = useState<UnkeptSettings[]>([]);
  const [tabLoad, setTabLoad] = useState<TabLoad>({ kind: 'loading' });
  const [tabId, setTabId] = useState<number | null>(null);
  // Views the first screen does not show are separate chunks, loaded when their tab opens, so the
  // popup's first view parses only what it shows (This tab and the Calculator).
  const [venuesModule, setVenuesModule] = useState<VenuesModule | null>(null);
  const [stressModule, setStressModule] = useState<StressModule | null>(null);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const locale = localeFor(settings?.numberFormat);
  const settingsStamp = settings ? JSON.stringify(settings) : '';
  const calc = useCalculator(locale, settingsStamp, (venue) => {
    const sv = settings ? settingsVenueFor(venue) : null;
    return settings && sv ? settings.venues[sv].walletBalance : null;
  });

  useEffect(() => {
    let live = true;
    void takeEarly(loadSettings).then((l) => {
      if (!live) return;
      setSettings(l.settings);
      setNotices(l.notices);
    });
    void takeEarly(readUnkept).then((u) => live && setUnkept(u));
    const stop = watchSettings((l) => {
      setSettings(l.settings);
      setNotices(l.notices);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  useEffect(() => {
    const theme = settings?.theme ?? 'auto';
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const { id, state } = await takeEarly(readActiveTab);
      if (live) setTabId(id);
      if (id === null || state === null) {
        if (live) setTabLoad({ kind: 'none' });
        return;
      }
      const answer = await state;
      if (!live) return;
      // No assessment, but the overlay shows no figure for a form it could not read: This tab says so.
      if (answer.kind === 'reply') setTabLoad(answer.reply.tab ? { kind: 'state', tab: answer.reply.tab } : answer.reply.unread ? { kind: 'unread', unread: answer.reply.unread } : { kind: 'none' });
      else setTabLoad({ kind: 'unavailable', detail: answer.kind === 'error' ? answer.error.message : answer.detail });
    })();
    return () => {
      live = false;
    };
  }, []);

  /**
   * After the trader typed a value the page's figure uses: the content script sends the form again and the
   * background answers it, so This tab asks again until the answer is newer (or gives up after about 4 s).
   */
  const refreshTab = async () => {
    if (tabId === null) return;
    const before = tabLoad.kind === 'state' ? tabLoad.tab.updatedAt : 0;
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 400));
      const answer = await ask<{ ok: true; tab: TabState | null }>({ type: 'tab/state', tabId }, TAB_STATE_TIMEOUT_MS);
      if (answer.kind === 'reply' && answer.reply.tab && answer.reply.tab.updatedAt > before) {
        setTabLoad({ kind: 'state', tab: answer.reply.tab });
        return;
      }
    }
  };

  // Opened from the overlay's "Open in the calculator": that tab's order, prefilled once the form is loaded.
  const prefilledFrom = useRef<number | null>(null);
  useEffect(() => {
    const from = initial.fromTab;
    if (from === undefined || calc.form === null || prefilledFrom.current === from) return;
    prefilledFrom.current = from;
    void ask<{ ok: true; tab: TabState | null }>({ type: 'tab/state', tabId: from }, TAB_STATE_TIMEOUT_MS).then((answer) => {
      const patch = answer.kind === 'reply' && answer.reply.tab ? formFromTab(answer.reply.tab, locale) : null;
      if (!patch) return;
      // What the trader typed for this symbol before, where the page's order does not carry it.
      void readOverride(patch.venue ?? '', patch.symbol ?? '').then((o) => {
        if (o?.maintenanceMarginRate && !patch.maintenanceMarginRate) patch.maintenanceMarginRate = forInput(o.maintenanceMarginRate, locale);
        if (o?.contractSize && !patch.contractSize) patch.contractSize = forInput(o.contractSize, locale);
        calc.update(patch);
      });
    });
  }, [calc.form === null]);

  // Nothing to show for this tab and the trader has not picked a view: the calculator is what they came for.
  useEffect(() => {
    if (!chose.current && (tabLoad.kind === 'none' || tabLoad.kind === 'unavailable')) setTab('calculator');
  }, [tabLoad.kind]);

  useEffect(() => {
    const onHash = () => {
      const r = parseHash(location.hash);
      if (r.tab) {
        chose.current = true;
        setTab(r.tab);
      }
      if (r.venue) setFocusVenue(r.venue);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (tab !== 'venues' || venuesModule) return;
    void import('./views/Venues').then((m) => setVenuesModule(m));
  }, [tab, venuesModule]);

  useEffect(() => {
    if (tab !== 'stress' || stressModule) return;
    void import('./views/Stress').then((m) => setStressModule(m));
  }, [tab, stressModule]);

  // Ready: settings and saved inputs applied, and the open view's module loaded.
  const viewLoaded = tab === 'stress' ? stressModule !== null : tab === 'venues' ? venuesModule !== null : true;
  const ready = settings !== null && calc.form !== null && viewLoaded;
  useEffect(() => {
    if (ready) markReady();
  }, [ready]);

  // "Stress this account": the tab's order with the account it was assessed with, in the Stress tab.
  const stressAccount = (t: TabState) => {
    const patch = formFromTab(t, locale);
    if (patch) calc.update(patch);
    select('stress');
  };
  const select = (id: TabId, focus = false) => {
    chose.current = true;
    setTab(id);
    if (focus) tabRefs.current[id]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const to = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    const next = TABS[to];
    if (next) {
      e.preventDefault();
      select(next.id, true);
    }
  };

  const Venues: FunctionComponent<{ locale: string | undefined; focus: string | null }> | null = venuesModule?.VenuesView ?? null;
  const Stress = stressModule?.StressView ?? null;
  return (
    <div class="app" data-ready={ready ? 'true' : 'false'}>
      <header>
        <h1>LiqGuard</h1>
        <a class="options-link" href="/src/options/index.html" target="_blank" rel="noopener" onClick={(e) => openOptions(e)}>
          Options
        </a>
      </header>
      <nav aria-label="Views">
      <div role="tablist" aria-label="LiqGuard views" class="tabs" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id ? 'true' : 'false'}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            onClick={() => select(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      </nav>
      <main>
      {notices.length > 0 ? (
        <Notice kind="warning" testId="settings-notices">
          Some saved settings were reset: {notices.map((n) => n.message).join(' ')} <a href="/src/options/index.html" target="_blank" rel="noopener" onClick={(e) => openOptions(e)}>Review them in the options</a>.
        </Notice>
      ) : unkept.length > 0 ? (
        <Notice kind="warning" testId="settings-unkept">
          Some saved settings could not be kept and the defaults took their place: {unkept[0]?.notices.map((n) => n.message).join(' ')} The old record is set aside{unkept.length > 1 ? `, with ${unkept.length - 1} earlier` : ''}.{' '}
          <a href="/src/options/index.html" target="_blank" rel="noopener" onClick={(e) => openOptions(e)}>Review it in the options</a>.
        </Notice>
      ) : null}
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0} class="panel" data-testid={`panel-${tab}`}>
        {tab === 'this-tab' ? (
          <ThisTabView
            load={tabLoad}
            locale={locale}
            onOpenCalculator={(prefill) => {
              if (prefill) calc.update(prefill);
              select('calculator');
            }}
            onStressAccount={stressAccount}
            onTyped={() => void refreshTab()}
            report={<ReportThisPage tabId={tabId} />}
          />
        ) : null}
        {tab === 'calculator' ? <CalculatorView calc={calc} locale={locale} /> : null}
        {tab === 'stress' ? Stress ? <Stress calc={calc} locale={locale} /> : <p class="muted">Loading the stress view…</p> : null}
        {tab === 'venues' ? Venues ? <Venues locale={locale} focus={focusVenue} /> : <p class="muted">Loading venues…</p> : null}
      </div>
      </main>
      {ready ? (
        <p data-testid="popup-ready" class="sr-only" aria-hidden="true">
          Ready.
        </p>
      ) : null}
      {settings === null ? null : <SettingsEcho settings={settings} />}
    </div>
  );
}

function openOptions(e: MouseEvent): void {
  try {
    e.preventDefault();
    void browser.runtime.openOptionsPage();
  } catch {
    // Fall back to the link's own navigation.
  }
}

/** A quiet line saying which settings the figures use, so a trader knows why a level is what it is. */
function SettingsEcho({ settings }: { settings: Settings }) {
  const t = settings.thresholds.distancePercent;
  const d = defaultSettings().thresholds.distancePercent;
  const custom = t.caution !== d.caution || t.danger !== d.danger || t.critical !== d.critical;
  return (
    <footer class="hint">
      Warning at {t.caution} / {t.danger} / {t.critical} % from liquidation{custom ? ' (your thresholds)' : ''}; region {settings.region === 'unknown' ? 'not set' : settings.region}.
    </footer>
  );
}
