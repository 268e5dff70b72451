import { render } from 'preact';
import css from './overlay.css?inline';
import { SEVERITY_TEXT } from '../../ui/severity';
import { Overlay, worstSeverity, type OverlayActions, type OverlayView } from './Overlay';
import { keepOnScreen, placePanel, type Box } from './placement';

/**
 * Puts the overlay into the page inside a *closed* shadow root on a `<liqguard-overlay>` host,
 * so page styles never reach it, its styles never reach the page, and page scripts cannot
 * read or rewrite its figures (`host.shadowRoot` is null to them; the reference lives only in
 * this isolated world). Only this module touches the host; everything inside is rendered by
 * Preact from plain data. Browser tests reach the root through the devtools protocol, which
 * sees closed roots; unit tests through `shadowOf`.
 */

export interface MountState {
  view: OverlayView;
  locale: string | undefined;
  theme: 'light' | 'dark';
  collapsed: boolean;
  /** Where the trader dragged the panel, or null to be placed clear of the form, order book and chart. */
  dragged: { x: number; y: number } | null;
  /** The order form's box in the viewport. */
  form: Box | null;
  /** Order books and the chart found on the page, to keep clear of. */
  regions?: { books: readonly Box[]; chart: Box | null };
  /** Field highlight while pointing at fields. */
  highlight: Box | null;
}

export interface OverlayHandle {
  host: HTMLElement;
  update(patch: Partial<MountState>): void;
  state(): MountState;
  /** True for events that happen inside the overlay. */
  owns(target: EventTarget | null): boolean;
  destroy(): void;
}

export const HOST_TAG = 'liqguard-overlay';

/** Hosts this content script mounted, and their closed roots. Module scope: a page script cannot reach it. */
const roots = new WeakMap<Element, ShadowRoot>();

/** The closed root of a host this script mounted (for unit tests in the same world), else null. */
export function shadowOf(host: Element | null | undefined): ShadowRoot | null {
  return (host && roots.get(host)) ?? null;
}

type Rec = Record<string, unknown>;
/** Equal, or both objects whose own fields (but `skip`) are identical. */
const flat = (a: unknown, b: unknown, skip: string) =>
  a === b || (typeof a === 'object' && typeof b === 'object' && !!a && !!b && Object.keys({ ...a, ...b }).every((k) => k === skip || (a as Rec)[k] === (b as Rec)[k]));

export function mountOverlay(doc: Document, initial: MountState, actions: OverlayActions): OverlayHandle {
  // A page can define its own custom element under this tag first: `doc.createElement` would run its
  // constructor, which could claim the shadow root before us. An element made in an inert document
  // has no definition to run, so the closed root is ours before any page code sees the host; an
  // upgrade when it joins the page then fails for the page (a host cannot take a second root).
  const host = doc.implementation.createHTMLDocument('').createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  root.append(style, container);
  doc.documentElement.append(host);

  let state = initial;
  // The panel's measured size with Details closed: placement uses it, so opening Details grows the
  // panel where it is instead of moving it.
  let size = { w: 288, h: 160 };
  let detailsOpen = false;
  // Announce a change of severity (not every figure update) to screen readers.
  let lastSeverity: string | null = null;
  let announcement = '';
  const win = doc.defaultView;
  const own: OverlayActions = {
    ...actions,
    details() {
      detailsOpen = !detailsOpen;
      paint();
    },
  };

  const place = (vw: number, vh: number) => {
    const r = state.regions;
    return state.dragged ? keepOnScreen(state.dragged, size.w, vw, vh) : placePanel({ form: state.form, avoid: r?.books ?? [], chart: r?.chart ?? null }, size.w, size.h, vw, vh);
  };

  // What Preact last drew from (the state and the viewport): an update that changes nothing drawn costs no render.
  let drawn: unknown[] = [];
  let dimming: ReturnType<typeof setTimeout> | undefined;
  /**
   * A snapshot on its way to the background: `aria-busy` at once (tests and screen readers wait on it), the
   * figures dimmed only when no answer came within 100 ms, so a keystroke answered in time is one redraw,
   * not two. Set on the DOM, outside Preact's render: waiting is no reason to diff the card.
   */
  const busy = () => {
    const on = state.view.pending;
    // Written only when it changes: a write of the same value is still a DOM mutation.
    if (observed && observed.getAttribute('aria-busy') !== `${on}`) observed.setAttribute('aria-busy', `${on}`);
    if (on) dimming ??= setTimeout(() => container.classList.add('lg-pending'), 100);
    else if (dimming) {
      clearTimeout(dimming);
      dimming = undefined;
      container.classList.remove('lg-pending');
    }
  };

  const paint = () => {
    const vw = win?.innerWidth ?? 1280;
    const vh = win?.innerHeight ?? 800;
    drawn = [state, vw, vh];
    const position = place(vw, vh);
    const hl = state.highlight;
    const st = state.view.state;
    const worst = st.kind === 'assessed' ? worstSeverity(st.sides) : null;
    if (worst !== lastSeverity) {
      lastSeverity = worst;
      announcement = worst ? `LiqGuard: ${SEVERITY_TEXT[worst]} for ${state.view.symbol ?? 'this order'}` : '';
    }
    const open = detailsOpen && st.kind === 'assessed' && !state.collapsed;
    // Details grow the card downwards from where it stands and scroll inside the room left below it
    // (at least 240 px: the card moves up when it sits too low).
    const at = open ? { ...position, y: Math.max(8, Math.min(position.y, vh - 8 - 240)) } : position;
    const placed = open ? { ...at, maxHeight: vh - 8 - at.y } : at;
    render(
      <>
        <Overlay view={state.view} locale={state.locale} theme={state.theme} collapsed={state.collapsed} detailsOpen={open} actions={own} position={placed} announcement={announcement} />
        {hl ? <div class="lg-highlight" style={{ left: `${hl.left}px`, top: `${hl.top}px`, width: `${hl.right - hl.left}px`, height: `${hl.bottom - hl.top}px` }} /> : null}
      </>,
      container,
    );
    // The real size arrives from a ResizeObserver after the browser's own layout: reading it here
    // would force a second layout on every update.
    const frame = container.querySelector('.lg-frame');
    if (frame !== observed) {
      if (observed) resize?.unobserve(observed);
      observed = frame;
      if (frame) resize?.observe(frame);
    }
    busy();
  };
  let observed: Element | null = null;
  const resize =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver((entries) => {
          const box = entries[entries.length - 1]?.borderBoxSize?.[0];
          if (!box || box.inlineSize === 0 || (detailsOpen && !state.collapsed && state.view.state.kind === 'assessed')) return;
          if (Math.abs(box.blockSize - size.h) <= 4 && Math.abs(box.inlineSize - size.w) <= 4) return;
          size = { w: box.inlineSize, h: box.blockSize };
          paint();
        })
      : null;
  paint();

  return {
    host,
    update(patch) {
      const [was, vw, vh] = drawn as [MountState, number, number];
      state = { ...state, ...patch };
      // Boxes and views are compared one level deep (a read makes new boxes of the same numbers), a view without its `pending`.
      const same = vw === win?.innerWidth && vh === win?.innerHeight && (Object.keys(state) as (keyof MountState)[]).every((k) => flat(was[k], state[k], k === 'view' ? 'pending' : ''));
      if (same) busy();
      else paint();
    },
    state: () => state,
    owns: (target) => target instanceof Node && (target === host || host.contains(target) || root.contains(target)),
    destroy() {
      clearTimeout(dimming);
      resize?.disconnect();
      render(null, container);
      host.remove();
    },
  };
}
