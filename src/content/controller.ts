import type { OverlayState, UnreadTab } from '../shared/overlay-state';
import type { FormSnapshot } from '../shared/form-snapshot';
import type { AccountSnapshot } from '../shared/account-snapshot';
import { accountSpecFor } from './account/venues';
import { watchAccount, type AccountWatch } from './account/watch';
import { SETTINGS_STORAGE_KEY, SETTINGS_VENUES, type SettingsVenue } from '../shared/settings';
import { SYMBOL_OVERRIDES_KEY } from '../shared/symbol-overrides';
import { readDisplaySettings, type DisplaySettings } from './display-settings';
import { createBackgroundClient, isContextInvalidated, type ClearReason, type ContentMessage } from './background-client';
import { takeOver } from './lifecycle';
import { watchPage, type Pointer, type Watcher } from './observe';
import { HOST_TAG, mountOverlay, type MountState, type OverlayHandle } from './overlay/mount';
import { trusted, type OverlayView } from './overlay/Overlay';
import type { Box } from './overlay/placement';
import { pageTheme } from './overlay/theme';
import { pickerKey, savePickerChoice, type FieldDescriptor, type KeyValueStore, type PickerChoice, type PickerField } from './picker-store';
import type { PickedReader } from './read/picked';
import { missingFields, readPage, type PageRead } from './read/pipeline';
import { isReportRequest, type ReportReply } from './report/request';
import type * as OnDemand from './on-demand';
import { regionCandidates, regionsFrom } from './overlay/regions';
import { boxesAfterLayout } from './geometry';
import { adapterFor, venueOfHost } from './venues/registry';

/**
 * The content script's one loop: read the form once per animation frame when something
 * changed, decide locally whether it is complete, send complete snapshots to the
 * background, render the newest answer. Browser APIs come in through `ExtensionApi` so the
 * loop runs in tests without an extension.
 */


export interface ExtensionApi {
  /** The extension id, or undefined once the extension context is gone (update, uninstall). */
  runtimeId(): string | undefined;
  /** Sends a message to the background (over the page's one port, port.ts) and resolves to its reply; rejects when it was lost on the way. */
  sendMessage(message: ContentMessage): Promise<unknown>;
  local: KeyValueStore;
  syncGet(key: string): Promise<Record<string, unknown>>;
  onStorageChanged(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void, signal: AbortSignal): void;
  /** The installed extension's version (its manifest), for page reports. */
  version(): string;
  /** Messages from this extension's own pages (the popup); a handler's return value (or what its promise resolves to) is the reply, undefined for none. */
  onExtensionMessage(handler: (message: unknown) => unknown, signal: AbortSignal): void;
  /** Loads the content script's on-demand module (the page report, the field picker): only when the trader asks for it. */
  onDemand(): Promise<typeof OnDemand>;
}

interface UiPrefs {
  x: number | null;
  y: number | null;
  collapsed: boolean;
}

function parseUi(raw: unknown): UiPrefs {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  // Number.isFinite is false for anything that is not a number.
  const num = (v: unknown) => (Number.isFinite(v) ? (v as number) : null);
  return { x: num(r.x), y: num(r.y), collapsed: r.collapsed === true };
}

function parseMarginChoices(raw: unknown): Record<string, 'cross' | 'isolated'> {
  const out: Record<string, 'cross' | 'isolated'> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [k, v] of Object.entries(raw).slice(0, 200)) if (/^[A-Za-z0-9._-]{1,40}$/.test(k) && (v === 'cross' || v === 'isolated')) out[k] = v;
  return out;
}

const moved = (a: Box | null, b: Box | null) => (!a || !b ? a !== b : Math.abs(a.left - b.left) + Math.abs(a.top - b.top) + Math.abs(a.bottom - b.bottom) > 16);
const sameBox = (a: Box | null, b: Box | null) => (!a || !b ? a === b : a.left === b.left && a.top === b.top && a.right === b.right && a.bottom === b.bottom);

const IDLE: OverlayState = { kind: 'idle', message: 'Type a size in the order form to see where it would be liquidated.' };
const WAITING: OverlayState = { kind: 'idle', message: 'Calculating…' };

export interface ContentHandle {
  stop(): void;
  /** Resolves once settings and saved choices are loaded and the first read is scheduled. */
  ready: Promise<void>;
}

export function startContent(api: ExtensionApi, win: Window): ContentHandle {
  const doc = win.document;
  const life = new AbortController();
  let run: AbortController | null = null;
  let overlay: OverlayHandle | null = null;
  // The picker panel is open (`panel`), and the trader is pointing at the page (`pointing`: reads wait).
  let picking = false;
  let pointing = false;
  let panel: { attach(el: Element | null): void; refresh(): void } | null = null;
  let pickStarting = false;

  const client = createBackgroundClient((message) => {
    if (!api.runtimeId()) return Promise.reject(new Error('Extension context invalidated.'));
    return api.sendMessage(message);
  });
  const stop = () => {
    if (life.signal.aborted) return;
    life.abort();
    overlay?.destroy();
    overlay = null;
    // Stopping always clears the tab's record, so the popup and the badge never keep figures no
    // overlay shows. A dead context cannot send, but then the browser has already dropped the
    // extension's session storage and badges with the old version.
    if (api.runtimeId()) void client.clear('stopped').catch(() => undefined);
  };
  const extensionId = api.runtimeId();
  if (!extensionId) return { stop, ready: Promise.resolve() };
  takeOver(win, extensionId, life.signal, () => !!api.runtimeId(), stop);
  for (const stale of doc.querySelectorAll(HOST_TAG)) stale.remove();
  const guard = (p: Promise<unknown>) =>
    p.catch((error: unknown) => {
      if (isContextInvalidated(error)) stop();
    });

  const hostname = win.location.hostname;
  const start = new URL(win.location.href);
  const adapter = adapterFor(start) ?? venueOfHost(hostname);
  const settingsVenue = (SETTINGS_VENUES as readonly string[]).includes(adapter?.venue ?? '') ? (adapter?.venue as SettingsVenue) : null;
  const uiKey = `overlay:ui:${adapter?.id ?? hostname}`;

  let settings: DisplaySettings = readDisplaySettings(undefined);
  let pickerRaw: unknown = null;
  let picked: PickedReader | undefined;
  /** Why the trader's saved choice is not applied yet: the page is not read until it is. */
  let pickPending: string | undefined;
  let ui: UiPrefs = { x: null, y: null, collapsed: false };
  // Where no order form is found (a venue's non-trading page), the panel stays a pill unless opened here.
  let noForm = false;
  let openedWithoutForm = false;
  let confirmed: Element[] = [];
  let found: Partial<Record<PickerField, Element>> = {};
  let lastKey = '';
  // What the background last heard from this page: '' nothing (or a clear), 'form' a snapshot, else the no-figure state it keeps.
  let told = '';
  let lastHref = '';
  let view: OverlayView = { state: { kind: 'idle', message: 'Reading the order form…' }, origin: 'local', symbol: null, pending: false, picking: null, canPick: false };
  let formBox: Box | null = null;
  // Order books and the chart, for placement: found again only when the form moves or the window resizes.
  let regions: MountState['regions'] = { books: [], chart: null };
  let regionsFor: { form: Element | null; box: Box | null; vw: number; vh: number } | null = null;
  // Margin modes the trader chose in the overlay where the page shows none, per symbol (storage.local).
  let marginChoices: Record<string, 'cross' | 'isolated'> = {};
  const marginKey = `overlay:margin:${adapter?.id ?? hostname}`;
  let highlight: Box | null = null;
  let scheduler: Watcher | null = null;
  // The on-demand module, loaded once at the first request (a failed load is tried again at the next).
  let onDemand: Promise<typeof OnDemand> | null = null;
  const loadOnDemand = () => (onDemand ??= api.onDemand().catch((error: unknown) => {
    onDemand = null;
    throw error;
  }));
  const failure = (what: string, error: unknown) => `LiqGuard could not ${what} (${String((error as Error)?.message ?? error).slice(0, 120)}).`;
  /** The page report of the page as it is now, built by the on-demand module. */
  const buildReport = async () => {
    const m = await loadOnDemand().catch((error: unknown) => {
      throw new Error(failure('load its page-report builder', error), { cause: error });
    });
    try {
      return { m, report: m.reportPage(win, readOptions(), view.state, api.version()) };
    } catch (error) {
      throw new Error(failure('build the report', error), { cause: error });
    }
  };
  // The next snapshot is sent because the account changed, not the form: its figures are not dimmed meanwhile.
  let quiet = false;
  const accountSpec = adapter ? accountSpecFor(adapter.id) : undefined;

  const venueSettings = () => (settingsVenue ? settings.venues[settingsVenue] : { enabled: true, overlay: true });
  const locale = () => (settings.numberFormat === 'browser' ? (win.navigator.language || undefined) : settings.numberFormat);
  // The page's theme asks for computed style, so it is never read inside a read of the form or a redraw:
  // there style is dirty (the trader's keystroke, our own redraw) and the question forced a style pass
  // of the whole page into the keystroke's task. It is read once when the overlay is first drawn (after
  // the browser's own layout), then again after each read of the form (a theme switch changes a class or
  // attribute the observer watches, so a read follows it), when the browser is idle: after the frame's own
  // style pass, so the question finds style clean instead of forcing a pass of the whole page into an
  // animation frame (1.4-2.2 ms in a fresh tab's second frame, where the page was still building itself).
  // Within a second at the latest on a page that is never idle. The overlay is redrawn only when the answer differs.
  let seenTheme: 'light' | 'dark' | null = null;
  const theme = () => (settings.theme === 'auto' ? (seenTheme ??= pageTheme(doc, win)) : settings.theme);
  let themeCheck = false;
  const whenIdle = (run: () => void) => (typeof win.requestIdleCallback === 'function' ? win.requestIdleCallback(run, { timeout: 1000 }) : win.setTimeout(run, 100));
  const recheckTheme = () => {
    if (themeCheck || seenTheme === null || settings.theme !== 'auto') return;
    themeCheck = true;
    whenIdle(() => {
      themeCheck = false;
      if (life.signal.aborted || seenTheme === null) return;
      const now = pageTheme(doc, win);
      if (now === seenTheme) return;
      seenTheme = now;
      paint();
    });
  };
  const isOwn = (node: Node | EventTarget | null) => !!overlay && overlay.owns(node);

  const mountState = (): MountState => ({
    view,
    locale: locale(),
    theme: theme(),
    collapsed: noForm ? !openedWithoutForm : ui.collapsed,
    dragged: ui.x !== null && ui.y !== null ? { x: ui.x, y: ui.y } : null,
    form: formBox,
    regions,
    highlight,
  });

  /**
   * The form's box and the page's order book and chart, for placing the overlay, taken from the browser's
   * own next layout (./geometry.ts) rather than forced inside the read. One measurement at a time; a read
   * meanwhile asks for another once it ends. The book and chart are measured again when the form changes,
   * moves by more than 16 px or the window is resized.
   */
  let measured = false;
  let measuring = false;
  let measureAgain: { form: Element | null } | null = null;
  let regionsMoved = false;
  const measure = (formEl: Element | null) => {
    if (measuring) {
      measureAgain = { form: formEl };
      return;
    }
    measuring = true;
    const vw = win.innerWidth;
    const vh = win.innerHeight;
    const stale = regionsMoved || !regionsFor || regionsFor.form !== formEl || regionsFor.vw !== vw || regionsFor.vh !== vh;
    const c = stale ? regionCandidates(doc, formEl) : null;
    void boxesAfterLayout([...(formEl ? [formEl] : []), ...(c ? [...c.books, ...c.charts] : [])]).then((boxes) => {
      measuring = false;
      if (life.signal.aborted) return;
      const box = formEl ? (boxes.get(formEl) ?? null) : null;
      const changed = !measured || !sameBox(box, formBox) || c !== null;
      formBox = box;
      measured = true;
      if (c) {
        regionsFor = { form: formEl, box, vw, vh };
        regions = regionsFrom(c, (el) => boxes.get(el));
        regionsMoved = false;
      } else if (moved(regionsFor?.box ?? null, box)) regionsMoved = true;
      const again = measureAgain ?? (regionsMoved ? { form: formEl } : null);
      measureAgain = null;
      if (again) measure(again.form);
      if (changed) paint();
    });
  };

  const paint = () => {
    if (life.signal.aborted) return;
    if (!venueSettings().overlay) {
      overlay?.destroy();
      overlay = null;
      return;
    }
    if (!overlay || !overlay.host.isConnected) {
      // Drawn once the form's box is known (the frame after the first read): never placed in one spot, then moved.
      if (!measured) return;
      overlay?.destroy();
      overlay = mountOverlay(doc, mountState(), actions);
    } else overlay.update(mountState());
    panel?.refresh();
  };

  const show = (state: OverlayState, patch: Partial<OverlayView> = {}) => {
    view = { ...view, state, origin: 'local', pending: false, ...patch };
    paint();
  };

  const saveUi = () => void guard(api.local.set({ [uiKey]: ui }));

  /** `state`: the overlay shows no figure for a form it could not read; the background keeps it (once per change) for the popup and the badge. */
  const clear = (reason: ClearReason, state?: UnreadTab['state'], snapshot?: FormSnapshot) => {
    const key = state ? JSON.stringify([state, snapshot && { ...snapshot, readAt: 0 }]) : '';
    if (key === told) return;
    told = key;
    void guard(client.clear(reason, state, snapshot));
  };

  const genericConfirmed = (elements: Partial<Record<PickerField, Element>>) => {
    const els = Object.values(elements);
    return els.length > 0 && els.every((el) => confirmed.includes(el));
  };

  const actions = {
    toggle() {
      if (noForm) openedWithoutForm = !openedWithoutForm;
      else {
        ui = { ...ui, collapsed: !ui.collapsed };
        saveUi();
      }
      paint();
    },
    move(x: number, y: number, done: boolean) {
      ui = { ...ui, x, y };
      if (done) saveUi();
      paint();
    },
    pick() {
      if (picking || pickStarting || !run) return;
      const signal = run.signal;
      pickStarting = true;
      const st = view.state;
      const missing = st.kind === 'unreadable' ? st.reasons.map((r) => r.field ?? '') : [];
      // The picker panel is in the on-demand module: loaded at this click, before the trader points.
      void loadOnDemand().then(
        (m) => {
          pickStarting = false;
          if (signal.aborted || picking) return;
          picking = true;
          const close = () => {
            picking = pointing = false;
            panel = null;
            highlight = null;
            view = { ...view, picking: null };
            lastKey = '';
            paint();
            scheduler?.schedule();
          };
          const onPointing = (on: boolean) => {
            pointing = on;
            if (!on) scheduler?.schedule();
          };
          panel = m.pickerSlot({ doc, isOwn, signal, missing, symbol: () => view.symbol, choice: pickerRaw, trusted, onHover, onPointing, onSave: save, onClose: close });
          view = { ...view, picking: panel };
          paint();
        },
        (error: unknown) => {
          pickStarting = false;
          if (life.signal.aborted) return;
          view = { ...view, report: { failed: failure('load its field picker', error) } };
          paint();
        },
      );
    },
    confirm() {
      const elements = Object.entries(found) as [PickerField, Element][];
      // Saved when every field can be found again by name; otherwise (or without the on-demand module, which
      // describes the fields) trusted for this page only.
      const thisPageOnly = () => {
        confirmed = elements.map(([, el]) => el);
        lastKey = '';
        scheduler?.schedule();
      };
      void loadOnDemand().then((m) => {
        if (life.signal.aborted) return;
        const fields: Partial<Record<PickerField, FieldDescriptor>> = {};
        for (const [field, el] of elements) {
          const d = m.describe(el);
          if (d) fields[field] = d;
        }
        if (elements.length > 0 && Object.keys(fields).length === elements.length) remember(fields, m.parsePickerChoice(pickerRaw));
        else thisPageOnly();
      }, thisPageOnly);
    },
    report() {
      void buildReport().then(
        ({ m, report }) => ({ attach: m.reportSlot(report, actions.closeReport, trusted) }),
        (error: Error) => ({ failed: error.message }),
      ).then((shown) => {
        if (life.signal.aborted) return;
        view = { ...view, report: shown };
        paint();
      });
    },
    closeReport() {
      view = { ...view, report: null };
      paint();
    },
    openVenue(venueId: string) {
      void guard(client.openVenue(venueId));
    },
    chooseMarginMode(mode: 'cross' | 'isolated') {
      const sym = view.symbol;
      if (!sym) return;
      marginChoices = { ...marginChoices, [sym]: mode };
      void guard(api.local.set({ [marginKey]: marginChoices }));
      lastKey = '';
      scheduler?.schedule();
    },
    openCalculator() {
      void guard(client.openCalculator());
    },
  };

  const onHover = (rect: DOMRect | null) => {
    highlight = rect ? { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom } : null;
    paint();
  };

  /**
   * The trader's saved choice for this site (fields, controls, balance, size units), read by the on-demand
   * module's reader, loaded for it. Until it is loaded the page is not read: a figure must not rest on
   * fields the trader corrected by pointing at others.
   */
  const usePicker = (raw: unknown) => {
    pickerRaw = raw;
    picked = undefined;
    pickPending = raw ? 'LiqGuard is loading the fields you pointed at on this site' : undefined;
    if (raw) {
      const settled = (reader: PickedReader | undefined, pending?: string) => {
        if (pickerRaw !== raw) return;
        picked = reader;
        pickPending = pending;
        lastKey = '';
        scheduler?.schedule();
      };
      // The reader answers null for a choice with nothing usable in it (storage is untrusted).
      void loadOnDemand().then(
        (m) => settled(m.createPickedReader(raw) ?? undefined),
        (error: unknown) => settled(undefined, `${failure('load the fields you pointed at on this site', error)} Point at them again, or remove them in LiqGuard’s options.`),
      );
    }
  };
  const readOptions = () => ({ genericConfirmed, ...(picked ? { picked } : {}), ...(pickPending ? { pending: pickPending } : {}) });

  /** Saves what the trader pointed at or chose for this site; the next read uses it. */
  const save = (choice: PickerChoice) => {
    usePicker(choice);
    lastKey = '';
    void guard(savePickerChoice(api.local, hostname, choice));
    scheduler?.schedule();
  };
  const remember = (fields: Partial<Record<PickerField, FieldDescriptor>>, saved: PickerChoice | null) => {
    save({ ...saved, version: 1, savedAt: Date.now(), fields: { ...saved?.fields, ...fields } });
    paint();
  };

  /** The trader's margin-mode choice fills a margin mode the page does not show (never one it does). */
  const withMarginChoice = (result: PageRead): PageRead => {
    if (result.kind !== 'unreadable' || result.snapshot.marginMode.ok || !result.snapshot.symbol.ok) return result;
    const mode = marginChoices[result.snapshot.symbol.value];
    if (!mode) return result;
    const snapshot = { ...result.snapshot, marginMode: { ok: true as const, value: mode, raw: mode, source: 'trader' as const } };
    const reasons = missingFields(snapshot);
    return reasons.length > 0 ? { ...result, snapshot, reasons } : { kind: 'complete', snapshot, form: result.form };
  };

  /** The complete form last sent (what the background assesses while `told` is 'form', see onAccount). */
  let sent: FormSnapshot | null = null;
  const send = (snapshot: FormSnapshot) => {
    told = 'form';
    sent = snapshot;
    // Sent before the overlay dims its figures: the background computes while this frame redraws.
    if (__LG_MARKS__) performance.mark('lg:send');
    const answered = client.assess(snapshot);
    view = { ...view, canPick: false, pending: !quiet, ...(view.state.kind === 'assessed' ? {} : { state: WAITING, origin: 'local' as const }) };
    quiet = false;
    paint();
    if (__LG_MARKS__) performance.mark('lg:dimmed');
    void answered.then(
      (answer) => {
        if (answer.kind === 'stale' || life.signal.aborted) return;
        if (__LG_MARKS__) performance.mark('lg:answer');
        show(answer.state, { origin: 'background' });
        if (__LG_MARKS__) performance.mark('lg:shown');
      },
      (error: unknown) => {
        if (isContextInvalidated(error)) stop();
      },
    );
  };

  const onFrame = (pointer: Pointer) => {
    if (pointing) return;
    if (__LG_MARKS__) performance.mark('lg:read');
    recheckTheme();
    if (!api.runtimeId()) return stop();
    const href = win.location.href;
    if (href !== lastHref) {
      if (lastHref) clear('navigated');
      lastHref = href;
      lastKey = '';
    }
    let result: PageRead;
    try {
      result = readPage({ doc, url: new URL(href), hovered: pointer.hovered, focused: pointer.focused, now: Date.now() }, readOptions());
    } catch (error) {
      lastKey = '';
      scheduler?.focus(null);
      clear('unreadable');
      return show({ kind: 'error', message: `${failure('read this page', error)} No figure is shown.` });
    }
    if (__LG_MARKS__) performance.mark('lg:read-end');
    result = withMarginChoice(result);
    noForm = result.kind === 'no-form';
    measure(result.kind === 'no-form' ? null : result.form);
    // A complete limit order or an empty form depends only on controls near the form (findNear climbs
    // up to four levels): the observer narrows to there. Market prices, missing fields and unsure
    // reads may come from anywhere on the page: it watches the whole document.
    let near = (result.kind === 'complete' && result.snapshot.priceKind === 'limit') || result.kind === 'empty' ? result.form : null;
    for (let i = 0; near?.parentElement && i < 4; i++) near = near.parentElement;
    scheduler?.focus(near);
    if (result.kind !== 'no-form') {
      const { symbol: sym, activeSide } = result.snapshot;
      view = { ...view, symbol: sym.ok ? sym.value : (sym.raw ?? null), activeSide };
    } else view = { ...view, symbol: null };

    if (result.kind === 'complete') {
      const key = JSON.stringify({ ...result.snapshot, readAt: 0 });
      if (key === lastKey) return paint();
      lastKey = key;
      return send(result.snapshot);
    }
    // Nothing to assess: the next complete form is sent even if it equals the last one.
    lastKey = '';
    if (result.kind === 'empty') {
      clear('empty');
      return show(IDLE, { canPick: false });
    }
    if (result.kind === 'confirm') {
      const state = { kind: 'confirm' as const, found: result.found };
      clear('unreadable', state, result.snapshot);
      found = result.elements;
      return show(state, { canPick: true });
    }
    const state = { kind: 'unreadable' as const, reasons: result.kind === 'no-form' ? [{ code: 'no-form', field: 'form', message: result.reason }] : result.reasons };
    clear(result.kind, state, result.kind === 'no-form' ? undefined : result.snapshot);
    show(state, { canPick: true });
  };

  /** The page's positions or account panel changed: tell the background, show its view, and assess the form again with it. */
  let accountWatch: AccountWatch | null = null;
  const onAccount = (account: AccountSnapshot) => {
    void client.sendAccount(account).then(
      (v) => {
        if (life.signal.aborted) return;
        // No answer (a stopped worker): the next read is sent again even if unchanged; meanwhile the last view stays.
        if (v === null) return accountWatch?.reset();
        view = { ...view, account: v };
        // The form is assessed again with the new account: the snapshot last sent, as it is (the account is not
        // part of it, and a change of the form since has a read of its own), sent once the account's answer is
        // back: until its positions are checked, the background answers keystrokes with the read before it.
        // Not read again: on a page whose positions tick every second, that read was the page's largest cost of
        // each tick. An answer assessed with an account shows its own: the card is redrawn with the form's.
        if (told === 'form' && sent) {
          quiet = true;
          send(sent);
        } else if (view.state.kind !== 'assessed' || !view.state.account) paint();
      },
      (error: unknown) => {
        if (isContextInvalidated(error)) stop();
      },
    );
  };

  const apply = () => {
    if (life.signal.aborted) return;
    const enabled = venueSettings().enabled;
    if (!enabled) {
      run?.abort();
      run = null;
      scheduler = null;
      clear('stopped');
      overlay?.destroy();
      overlay = null;
      return;
    }
    if (!run) {
      run = new AbortController();
      life.signal.addEventListener('abort', () => run?.abort(), { once: true });
      scheduler = watchPage(doc, run.signal, isOwn, onFrame);
      if (accountSpec && adapter) accountWatch = watchAccount(win, { venue: adapter.venue, spec: accountSpec, ...(adapter.product ? { product: adapter.product } : {}) }, run.signal, onAccount);
    }
    paint();
  };

  // The popup's "Report this page": the report of the page as it is now, built only when asked.
  api.onExtensionMessage((message): Promise<ReportReply> | undefined => {
    if (!isReportRequest(message)) return undefined;
    return buildReport().then(
      ({ report }): ReportReply => ({ ok: true, report }),
      (error: Error): ReportReply => ({ ok: false, message: error.message }),
    );
  }, life.signal);

  const ready = (async () => {
    try {
      const [sync, local] = await Promise.all([
        api.syncGet(SETTINGS_STORAGE_KEY).catch(() => ({}) as Record<string, unknown>),
        api.local.get([pickerKey(hostname), uiKey, marginKey]).catch(() => ({}) as Record<string, unknown>),
      ]);
      settings = readDisplaySettings(sync[SETTINGS_STORAGE_KEY]);
      usePicker(local[pickerKey(hostname)]);
      ui = parseUi(local[uiKey]);
      marginChoices = parseMarginChoices(local[marginKey]);
    } catch {
      // Defaults are safe: an overlay that reads and fails closed.
    }
    if (life.signal.aborted) return;
    api.onStorageChanged((changes, area) => {
      if (area === 'sync' && SETTINGS_STORAGE_KEY in changes) {
        settings = readDisplaySettings(changes[SETTINGS_STORAGE_KEY]?.newValue);
        // Thresholds, region, account mode and wallet change the answer too: send the form again,
        // so the overlay and the badge follow the options page without a keystroke.
        lastKey = '';
        apply();
        scheduler?.schedule();
      }
      // A maintenance rate or contract size typed in the popup for a symbol without market data: the
      // background uses it, so the form is sent again and the figure opens without a keystroke.
      if (area === 'local' && SYMBOL_OVERRIDES_KEY in changes) {
        lastKey = '';
        scheduler?.schedule();
      }
      if (area === 'local' && pickerKey(hostname) in changes) {
        usePicker(changes[pickerKey(hostname)]?.newValue);
        lastKey = '';
        scheduler?.schedule();
      }
    }, life.signal);
    apply();
  })();

  return { stop, ready };
}
