// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setBody } from '../../test/helpers/fixture-dom';
import { watchPage, type Watcher } from './observe';

/**
 * What the observer lets through decides what a busy page costs and whether a changed form is
 * noticed. A trading-screen-like page: a ticking header and order book beside an order form
 * nested in its own layout area.
 */
const PAGE = `
  <div id="app">
    <header id="ticker"><span id="last">65,000.1</span></header>
    <div id="book"><div class="row"><span id="px">65,000.2</span><div id="bar" class="bar" style="width: 10%"></div></div></div>
    <div id="area"><div id="near"><section id="form">
      <button type="button" class="fx-leverage">20x</button>
      <div role="tab" aria-selected="true">Limit</div>
      <input id="size" value="0.25"><span id="unit">BTC</span>
    </section></div></div>
  </div>`;

const $ = (id: string) => document.getElementById(id) as HTMLElement;
/** Lets the observer's microtask and any requested animation frame run. */
const settle = () => new Promise((r) => setTimeout(r, 20));

let life: AbortController;
let frames: number;
let isOwn: ReturnType<typeof vi.fn<(node: Node) => boolean>>;
let watcher: Watcher;

function start(own: (node: Node) => boolean = () => false) {
  isOwn = vi.fn(own);
  watcher = watchPage(document, life.signal, isOwn, () => void frames++);
}

/** Starts watching, narrowed to #near, and waits out the first frame. */
async function startFocused() {
  start();
  watcher.focus($('near'));
  await settle();
  frames = 0;
  isOwn.mockClear();
}

/** Four order-book updates of the kinds a venue makes: text, bar width, header price, title. */
function tickBook(n = 4) {
  for (let i = 0; i < n; i++) {
    $('px').textContent = `65,000.${i}`;
    $('bar').style.width = `${10 + i}%`;
    $('last').textContent = `64,999.${i}`;
    document.title = `64,999.${i} | BTCUSDT`;
    $('book').append(document.createElement('div'));
  }
}

beforeEach(() => {
  document.title = 'BTCUSDT';
  setBody(PAGE);
  document.documentElement.removeAttribute('data-theme');
  document.body.className = '';
  life = new AbortController();
  frames = 0;
});
afterEach(() => {
  life.abort();
  history.replaceState(null, '', '/en/futures/BTCUSDT');
});

describe('watchPage: whole document', () => {
  it('schedules one frame for a batch of changes anywhere', async () => {
    start();
    await settle();
    frames = 0;
    tickBook();
    await settle();
    expect(frames).toBe(1);
  });

  it('ignores changes inside our own overlay', async () => {
    start((node) => $('ticker').contains(node));
    await settle();
    frames = 0;
    $('last').textContent = '1';
    await settle();
    expect(frames).toBe(0);
    $('px').textContent = '2';
    await settle();
    expect(frames).toBe(1);
  });

  it('does not look at records once a frame is due, and looks at one record per batch otherwise', async () => {
    start();
    await settle();
    frames = 0;
    isOwn.mockClear();
    tickBook(1); // five records
    await Promise.resolve();
    tickBook(1); // a second batch while the frame is due
    await settle();
    expect(frames).toBe(1);
    expect(isOwn).toHaveBeenCalledTimes(1);
  });

  it('goes back to the whole document when focused on nothing or on a detached element', async () => {
    await startFocused();
    const detached = document.createElement('div');
    for (const target of [null, detached]) {
      watcher.focus(target);
      frames = 0;
      $('px').textContent = 'x';
      await settle();
      expect(frames).toBe(1);
    }
  });
});

describe('watchPage: focused on the form’s surroundings', () => {
  it('sees nothing of a ticking order book, header or title: not one record reaches the callback', async () => {
    await startFocused();
    tickBook();
    await settle();
    expect(frames).toBe(0);
    // Records for the book would each be asked about; the title's are dropped by the head check first.
    expect(isOwn).not.toHaveBeenCalled();
  });

  it.each([
    ['a typed value attribute', () => $('size').setAttribute('value', '0.5')],
    ['a field’s text', () => void ($('unit').textContent = 'USDT')],
    ['a selected tab', () => document.querySelector('[role="tab"]')?.setAttribute('aria-selected', 'false')],
    ['a field removed', () => document.querySelector('.fx-leverage')?.remove()],
    ['the form replaced', () => $('near').replaceChildren(document.createElement('section'))],
    ['the form’s area removed', () => $('near').remove()],
    ['a container above it replaced', () => $('app').replaceWith(document.createElement('main'))],
    ['a container above it hidden', () => $('app').setAttribute('hidden', '')],
    ['the page theme on <html>', () => document.documentElement.setAttribute('data-theme', 'dark')],
    ['the page theme on <body>', () => void (document.body.className = 'theme-dark')],
  ])('schedules a frame for %s', async (_what, change) => {
    await startFocused();
    change();
    await settle();
    expect(frames).toBe(1);
  });

  it('counts a title change when the URL moved (pushState, no Navigation API)', async () => {
    await startFocused();
    history.pushState(null, '', '/en/futures/ETHUSDT');
    await settle();
    expect(frames).toBe(0);
    document.title = 'ETHUSDT';
    await settle();
    expect(frames).toBe(1);
    // Once a frame has read the new URL, the ticking title is quiet again.
    document.title = '3,456.7 | ETHUSDT';
    await settle();
    expect(frames).toBe(1);
  });

  it('follows the moved form: the new surroundings are watched, the old ones no longer', async () => {
    await startFocused();
    const other = document.createElement('div');
    document.body.append(other);
    other.append($('near'));
    await settle();
    expect(frames).toBe(1);
    watcher.focus($('near'));
    frames = 0;
    $('area').append(document.createElement('p'));
    await settle();
    expect(frames).toBe(0);
    other.append(document.createElement('p'));
    await settle();
    expect(frames).toBe(1);
  });

  it('stops for good when its signal aborts, even if asked to focus again', async () => {
    await startFocused();
    life.abort();
    watcher.focus(null);
    $('unit').textContent = 'ETH';
    $('px').textContent = '1';
    watcher.schedule();
    await settle();
    expect(frames).toBe(0);
    expect(isOwn).not.toHaveBeenCalled();
  });
});

describe('watchPage: with the Navigation API', () => {
  it('leaves <head> unobserved and takes the navigation event instead', async () => {
    const nav = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
    try {
      await startFocused();
      document.title = 'ETHUSDT';
      history.pushState(null, '', '/en/futures/ETHUSDT');
      await settle();
      expect(frames).toBe(0);
      expect(isOwn).not.toHaveBeenCalled();
      nav.dispatchEvent(new Event('navigatesuccess'));
      await settle();
      expect(frames).toBe(1);
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });
});

describe('watchPage: the trader typing', () => {
  it('reads an edit in its own task, after the page handled it, before any frame, and only once', async () => {
    isOwn = vi.fn(() => false);
    // Frames run only when the test says so.
    const due: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => due.push(cb));
    const size = $('size') as HTMLInputElement;
    // The page's own handler (a framework's, on its root) re-renders around the edit: the read must see that.
    let seen = '';
    watcher = watchPage(document, life.signal, isOwn, () => {
      frames++;
      seen = $('unit').textContent ?? '';
    });
    watcher.focus($('near'));
    await settle();
    for (const cb of due.splice(0)) cb(performance.now());
    frames = 0;
    $('app').addEventListener('input', () => void ($('unit').textContent = 'BTC (edited)'));
    size.value = '0.3';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    // No timer, no frame: the edit's own microtasks.
    await Promise.resolve();
    expect(frames).toBe(1);
    expect(seen).toBe('BTC (edited)');
    // The frame requested for it finds nothing left to read.
    for (const cb of due.splice(0)) cb(performance.now());
    expect(frames).toBe(1);
    // Two edits in one task: one read.
    size.dispatchEvent(new Event('input', { bubbles: true }));
    size.dispatchEvent(new Event('change', { bubbles: true }));
    await Promise.resolve();
    expect(frames).toBe(2);
    // A change after the read is the frame's again.
    $('unit').textContent = 'ETH';
    await Promise.resolve();
    for (const cb of due.splice(0)) cb(performance.now());
    expect(frames).toBe(3);
    raf.mockRestore();
  });

  it('an edit the page stops on its way up is read at the next frame', async () => {
    await startFocused();
    const due: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => due.push(cb));
    $('form').addEventListener('input', (e) => e.stopPropagation());
    $('size').dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(frames).toBe(0);
    for (const cb of due.splice(0)) cb(performance.now());
    expect(frames).toBe(1);
    raf.mockRestore();
  });

  it('an edit inside our own overlay reads nothing', async () => {
    const own = document.createElement('input');
    document.body.append(own);
    start((node) => node === own);
    await settle();
    frames = 0;
    own.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(frames).toBe(0);
  });
});
