import { render } from 'preact';
import css from './overlay.css?inline';
import { Overlay, SEVERITY_TEXT, worstSeverity, type OverlayActions, type OverlayView } from './Overlay';
import { keepOnScreen, placeBeside, type Box } from './placement';

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
  /** Where the trader dragged the panel, or null to sit beside the form. */
  dragged: { x: number; y: number } | null;
  /** The order form's box in the viewport, to sit beside. */
  form: Box | null;
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
  let size = { w: 300, h: 220 };
  // Announce a change of severity (not every figure update) to screen readers.
  let lastSeverity: string | null = null;
  let announcement = '';
  const win = doc.defaultView;

  const paint = () => {
    const vw = win?.innerWidth ?? 1280;
    const vh = win?.innerHeight ?? 800;
    const position = state.dragged ? keepOnScreen(state.dragged, size.w, vw, vh) : placeBeside(state.form, size.w, size.h, vw, vh);
    const hl = state.highlight;
    const st = state.view.state;
    const worst = st.kind === 'assessed' ? worstSeverity(st.sides) : null;
    if (worst !== lastSeverity) {
      lastSeverity = worst;
      announcement = worst ? `LiqGuard: ${SEVERITY_TEXT[worst]} for ${state.view.symbol ?? 'this order'}` : '';
    }
    render(
      <>
        <Overlay view={state.view} locale={state.locale} theme={state.theme} collapsed={state.collapsed} actions={actions} position={position} announcement={announcement} />
        {hl ? <div class="lg-highlight" style={{ left: `${hl.left}px`, top: `${hl.top}px`, width: `${hl.right - hl.left}px`, height: `${hl.bottom - hl.top}px` }} /> : null}
      </>,
      container,
    );
    const rect = container.querySelector('.lg-frame')?.getBoundingClientRect();
    // Re-place once if the panel's real size differs from the last guess (layout only).
    if (rect && rect.width > 0 && (Math.abs(rect.height - size.h) > 4 || Math.abs(rect.width - size.w) > 4)) {
      size = { w: rect.width, h: rect.height };
      if (!state.dragged) {
        const again = placeBeside(state.form, size.w, size.h, vw, vh);
        if (again.x !== position.x || again.y !== position.y) paint();
      }
    }
  };
  paint();

  return {
    host,
    update(patch) {
      state = { ...state, ...patch };
      paint();
    },
    state: () => state,
    owns: (target) => target instanceof Node && (target === host || host.contains(target) || root.contains(target)),
    destroy() {
      render(null, container);
      host.remove();
    },
  };
}
