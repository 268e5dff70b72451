/**
 * The fields a trader pointed at, saved per site in browser.storage.local under
 * `picker:<hostname>`. Pure over a small storage interface (browser.storage.local fits
 * it), so the options page can list and remove saved choices with the same code.
 * Descriptors name fields by id, id prefix, data-testid, name, aria-label, placeholder or
 * label text, never by position, so they survive re-renders and small redesigns.
 */

export const PICKER_FIELDS = ['price', 'quantity', 'leverage'] as const;
export type PickerField = (typeof PICKER_FIELDS)[number];

/**
 * Choices the page shows as tabs or buttons. The trader points at each option's control once; the
 * reader then reads which one the page marks active, at every read, with the reader's own rules
 * (aria, class, data-state). The value itself is never remembered: a side, order type or open/close
 * tab changes with a click on the page, and only the page can say which is on now.
 */
export const PICKED_CHOICES = {
  sides: ['long', 'short'],
  orderType: ['limit', 'market'],
  intent: ['open', 'close'],
  marginMode: ['cross', 'isolated'],
} as const;
export type ChoiceField = keyof typeof PICKED_CHOICES;
export type ChoiceOptions = { [K in ChoiceField]?: Partial<Record<(typeof PICKED_CHOICES)[K][number], FieldDescriptor>> };

/** What a size box's number means, set by the trader per symbol where the page does not say. */
export type UnitMeaning = 'base' | 'contracts' | 'quote' | 'cost';
export const UNIT_MEANINGS: readonly UnitMeaning[] = ['base', 'contracts', 'quote', 'cost'];

export interface FieldDescriptor {
  /** Lower-case tag name of the element. */
  tag: string;
  id?: string;
  /** Id with its per-render counter removed ("unitAmount-" from "unitAmount-17"). */
  idPrefix?: string;
  testId?: string;
  name?: string;
  ariaLabel?: string;
  placeholder?: string;
  /** Text of the element's <label>. */
  label?: string;
  /** For a leverage button with no attributes: "the one <tag> in the form that shows NNx". */
  shows?: 'leverage';
  /** For a tab or button with no attributes: "the one <tag> whose whole text is this" (the venue's UI text). */
  text?: string;
}

export interface PickerChoice {
  version: 1;
  savedAt: number;
  fields: Partial<Record<PickerField, FieldDescriptor>>;
  /** The controls of each choice's options (see PICKED_CHOICES). */
  options?: ChoiceOptions;
  /** The element that shows the available balance: a durable fact, read there every time. */
  balance?: FieldDescriptor;
  /** The size unit's meaning per symbol, with when the trader set it: shown as their assumption. */
  units?: Record<string, { unit: UnitMeaning; savedAt: number }>;
}

/** What browser.storage.local offers, reduced to what we use. */
export interface KeyValueStore {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const PICKER_KEY_PREFIX = 'picker:';

export function pickerKey(hostname: string): string {
  return `${PICKER_KEY_PREFIX}${hostname.toLowerCase()}`;
}

const TEXT_MAX = 120;
const isShortString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= TEXT_MAX;

/** Validates a stored descriptor; anything unexpected is dropped rather than trusted. */
export function parseDescriptor(raw: unknown): FieldDescriptor | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.tag !== 'string' || !/^[a-z][a-z0-9-]{0,30}$/.test(r.tag)) return null;
  const d: FieldDescriptor = { tag: r.tag };
  for (const key of ['id', 'testId', 'name', 'ariaLabel', 'placeholder', 'label'] as const) if (isShortString(r[key])) d[key] = r[key];
  if (typeof r.idPrefix === 'string' && /^[A-Za-z][A-Za-z_-]{2,60}$/.test(r.idPrefix)) d.idPrefix = r.idPrefix;
  if (r.shows === 'leverage') d.shows = 'leverage';
  if (typeof r.text === 'string' && r.text.length > 0 && r.text.length <= 40) d.text = r.text;
  return Object.keys(d).length > 1 ? d : null;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const SYMBOL_KEY = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,39}$/;

function parseOptions(raw: unknown): ChoiceOptions | null {
  if (!isObject(raw)) return null;
  const out: Record<string, Record<string, FieldDescriptor>> = {};
  for (const [field, values] of Object.entries(PICKED_CHOICES)) {
    const given = raw[field];
    if (!isObject(given)) continue;
    const options: Record<string, FieldDescriptor> = {};
    for (const value of values) {
      const d = parseDescriptor(given[value]);
      if (d) options[value] = d;
    }
    if (Object.keys(options).length > 0) out[field] = options;
  }
  return Object.keys(out).length > 0 ? (out as ChoiceOptions) : null;
}

function parseUnits(raw: unknown): PickerChoice['units'] | null {
  if (!isObject(raw)) return null;
  const out: NonNullable<PickerChoice['units']> = {};
  for (const [symbol, u] of Object.entries(raw).slice(0, 200)) {
    if (SYMBOL_KEY.test(symbol) && isObject(u) && UNIT_MEANINGS.includes(u.unit as UnitMeaning) && Number.isFinite(u.savedAt)) out[symbol] = { unit: u.unit as UnitMeaning, savedAt: u.savedAt as number };
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The price, size and leverage fields of a saved choice only: what the content script reads without its on-demand module. */
export function parsePickerFields(raw: unknown): PickerChoice | null {
  const c = parseBase(raw);
  return c && Object.keys(c.fields).length > 0 ? c : null;
}

function parseBase(raw: unknown): PickerChoice | null {
  if (!isObject(raw) || raw.version !== 1 || typeof raw.savedAt !== 'number' || !Number.isFinite(raw.savedAt)) return null;
  const fields: PickerChoice['fields'] = {};
  for (const f of PICKER_FIELDS) {
    const d = parseDescriptor(isObject(raw.fields) ? raw.fields[f] : null);
    if (d) fields[f] = d;
  }
  return { version: 1, savedAt: raw.savedAt, fields };
}

/** The whole saved choice, validated: anything unexpected is dropped. */
export function parsePickerChoice(raw: unknown): PickerChoice | null {
  const choice = parseBase(raw);
  if (!choice) return null;
  const r = raw as Record<string, unknown>;
  const { fields } = choice;
  const options = parseOptions(r.options);
  if (options) choice.options = options;
  const balance = parseDescriptor(r.balance);
  if (balance) choice.balance = balance;
  const units = parseUnits(r.units);
  if (units) choice.units = units;
  return Object.keys(fields).length > 0 || options || balance || units ? choice : null;
}

/** What a choice holds, in the trader's words (the options page's list). */
export function describeChoice(c: PickerChoice): string {
  const names: Record<string, string> = { price: 'price', quantity: 'size', leverage: 'leverage', sides: 'side', orderType: 'order type', intent: 'open/close', marginMode: 'margin mode' };
  const parts = [...Object.keys(c.fields), ...Object.keys(c.options ?? {})].map((k) => names[k] ?? k);
  if (c.balance) parts.push('balance');
  for (const [symbol, u] of Object.entries(c.units ?? {})) parts.push(`${symbol} size unit: ${UNIT_WORDS[u.unit]}`);
  return parts.join(', ');
}

export const UNIT_WORDS: Record<UnitMeaning, string> = { base: 'coin', contracts: 'contracts', quote: 'order value', cost: 'cost (margin)' };

export async function loadPickerChoice(store: KeyValueStore, hostname: string): Promise<PickerChoice | null> {
  const key = pickerKey(hostname);
  const got = await store.get(key);
  return parsePickerChoice(got[key]);
}

export async function savePickerChoice(store: KeyValueStore, hostname: string, choice: PickerChoice): Promise<void> {
  await store.set({ [pickerKey(hostname)]: choice });
}

export async function removePickerChoice(store: KeyValueStore, hostname: string): Promise<void> {
  await store.remove(pickerKey(hostname));
}

/** Every saved choice, for the options page. Corrupt entries are listed as null so they can be removed. */
export async function listPickerChoices(store: KeyValueStore): Promise<{ hostname: string; choice: PickerChoice | null }[]> {
  const all = await store.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith(PICKER_KEY_PREFIX))
    .map(([key, value]) => ({ hostname: key.slice(PICKER_KEY_PREFIX.length), choice: parsePickerChoice(value) }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
}
