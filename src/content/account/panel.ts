import type { Read } from '../../shared/form-snapshot';
import type { Money } from '../../shared/account-snapshot';
import type { PageNumberFormat } from '../../core/parse/number';
import { isShown, textOf } from '../read/dom';
import { fold } from '../read/vocab';
import { amountIn } from './cells';
import type { AccountSpec, PanelField } from './venues';

/**
 * The account panel: "Margin Balance 1,234.56 USDT", "Unrealized PNL -12.30 USDT", "Margin Ratio 2.5%".
 * A label is a short text that is exactly one of the venue's names for the field (so "Available
 * Balance" is never the wallet); its value is the number in the smallest block around it. Two places
 * showing different values for one label make the field ambiguous.
 */

export type PanelRead = Partial<Record<PanelField, Read<Money> | Read<string>>>;

const MAX_LABEL = 40;
const MAX_ROW = 90;

/** "Margin Balance (USDT):" → "margin balance". */
export const labelKey = (text: string) => fold(text).replace(/\s*[(（][^)）]*[)）]\s*$/, '').replace(/[:：]\s*$/, '').trim();

/** The value shown with a label: its block's text after the label. */
function valueNear(node: Text): string | null {
  let el = node.parentElement;
  for (let i = 0; el && i < 4; i++, el = el.parentElement) {
    const all = textOf(el, MAX_ROW + 1);
    if (all.length > MAX_ROW) return null;
    const at = all.indexOf((node.nodeValue ?? '').trim());
    const after = at >= 0 ? all.slice(at + (node.nodeValue ?? '').trim().length).trim() : '';
    if (/\d/.test(after)) return after;
  }
  return null;
}

/**
 * Where a walk of the page found the panel's labels (shown or not). A read looks there again, which
 * costs a few elements instead of a walk of up to 8,000 text nodes, while every label found is still
 * in the page with its text; `labels: null` asks for a new walk (the watcher's every 10 s, so a second
 * place showing a label is seen then).
 */
export interface PanelPlaces {
  labels: [Text, PanelField][] | null;
}

const fieldsOf = (spec: AccountSpec, raw: string) =>
  raw.length > MAX_LABEL || !/\p{L}/u.test(raw) ? [] : (Object.entries(spec.panel) as [PanelField, RegExp][]).filter(([, re]) => re.test(labelKey(raw))).map(([field]) => field);

function walkLabels(root: ParentNode, spec: AccountSpec): [Text, PanelField][] {
  const out: [Text, PanelField][] = [];
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode() as Text | null; n && seen < 8000; n = walker.nextNode() as Text | null, seen++) {
    for (const field of fieldsOf(spec, n.nodeValue ?? '')) out.push([n, field]);
  }
  return out;
}

export function readPanel(root: ParentNode, spec: AccountSpec, numbers: PageNumberFormat, places: PanelPlaces = { labels: null }): PanelRead {
  const found = new Map<PanelField, string[]>();
  const known = places.labels?.every(([n, field]) => n.isConnected && fieldsOf(spec, n.nodeValue ?? '').includes(field));
  const labels = known && places.labels ? places.labels : (places.labels = walkLabels(root, spec));
  for (const [n, field] of labels) {
    if (!n.parentElement || !isShown(n.parentElement)) continue;
    const value = valueNear(n);
    if (value !== null) found.set(field, [...(found.get(field) ?? []), value]);
  }
  const out: PanelRead = {};
  for (const [field, values] of found) {
    const distinct = [...new Set(values)];
    const source = `selector:panel ${field}` as const;
    if (distinct.length > 1) {
      out[field] = { ok: false, reason: `${field}: the page shows ${distinct.length} different values` };
      continue;
    }
    const text = distinct[0] ?? '';
    const amount = amountIn(text.replace(/^[≈~]/, ''), numbers, field);
    if (!amount.ok) out[field] = { ok: false, reason: amount.reason, raw: text.slice(0, 80) };
    else if (field === 'marginRatio') {
      out[field] = amount.value.unit === '%' ? { ok: true, value: amount.value.value, raw: text.slice(0, 80), source } : { ok: false, reason: `margin ratio: “${text.slice(0, 30)}” is not a percentage`, raw: text.slice(0, 80) };
    } else {
      // A named asset, or "$" on a venue whose "$" amounts are in its one settlement stablecoin (Hyperliquid: USDC).
      const named = amount.value.unit && /^[A-Za-z]{2,10}$/.test(amount.value.unit) ? amount.value.unit.toUpperCase() : null;
      const unit = named ?? (amount.value.unit === '$' ? (spec.dollar ?? null) : null);
      out[field] = unit ? { ok: true, value: { value: amount.value.value, asset: unit }, raw: text.slice(0, 80), source } : { ok: false, reason: `${field}: “${text.slice(0, 30)}” names no asset`, raw: text.slice(0, 80) };
    }
  }
  return out;
}
