import { render } from 'preact';
import type { PageReport } from '../core/report/types';
import { copyText, ReportPreview } from './report/ReportPreview';

/**
 * What the content script needs only when the trader asks for it: the page-report builder, its
 * snapshot and masking, and the preview ("Report this page", in the overlay or the popup), and
 * the mode that catches the trader's clicks while pointing at fields ("Point at the fields").
 * Built as its own self-contained ES module (`src/content/on-demand.js`, no chunk shared with
 * anything) and loaded by the content script with `import(runtime.getURL(...))` on the trader's
 * click, so none of it is parsed on a venue page until then. It runs in the content script's
 * isolated world, like the script that imports it; the page never sees its module scope.
 */

import { PickerPanel, type PickerPanelOptions } from './picker/PickerPanel';
import { ADAPTERS } from './venues/all';
import { installAdapters } from './venues/registry';

// This module has its own copy of the reader: the report reads a page of any venue the content script runs on.
installAdapters(ADAPTERS);

export { reportPage } from './report/page';
export { createPickedReader } from './read/picked';
// Turns the fields the trader confirmed into descriptors that find them again: needed only at that click.
export { describe } from './picker/descriptor';
export { parsePickerChoice } from './picker-store';

/**
 * The preview of `report`, as a ref callback for an element of the overlay's (inside its closed
 * shadow root) that the overlay's own renderer leaves empty: renders the preview into it when it
 * appears and removes it when it goes. This module carries its own copy of Preact, so the preview
 * is a separate tree rather than a child component of the overlay.
 */
export function reportSlot(report: PageReport, onClose: () => void, trusted: (e: Event) => boolean): (el: Element | null) => void {
  let slot: Element | null = null;
  return (el) => {
    if (el === slot) return;
    if (slot) render(null, slot);
    slot = el;
    if (el) render(<ReportPreview report={report} copy={copyText} onClose={onClose} trusted={trusted} />, el);
  };
}


/**
 * "Point at the fields": the picker panel, rendered into an element of the overlay's that its renderer
 * leaves empty (like the report's preview): `attach` is that element's ref callback (removing the
 * element ends any pointing); `refresh` renders the panel again after the page was read anew.
 */
export function pickerSlot(options: PickerPanelOptions): { attach(el: Element | null): void; refresh(): void } {
  let slot: Element | null = null;
  const draw = () => slot && render(<PickerPanel options={options} />, slot);
  return {
    attach(el) {
      if (el === slot) return;
      if (slot) render(null, slot);
      slot = el;
      draw();
    },
    refresh: draw,
  };
}
