/**
 * The fields a trader pointed at, saved per site in browser.storage.local under
 * `picker:<hostname>`. Pure over a small storage interface (browser.storage.local fits
 * it), so the options page can list and remove saved choices with the same code.
 * Descriptors name fields by id, id prefix, data-testid, name, aria-label, placeholder or
 * label text, never by position, so they survive re-renders and small redesigns.
 */

export const PICKER_FIELDS = ['price', 'quantity', 'leverage'] as const;
export type PickerField = (typeof PICKER_FIELDS)[number];

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
}

export interface PickerChoice {
  version: 1;
  savedAt: number;
  fields: Partial<Record<PickerField, FieldDescriptor>>;
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
  return Object.keys(d).length > 1 ? d : null;
}

export function parsePickerChoice(raw: unknown): PickerChoice | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1 || typeof r.savedAt !== 'number' || !Number.isFinite(r.savedAt) || typeof r.fields !== 'object' || r.fields === null) return null;
  const fields: PickerChoice['fields'] = {};
  for (const f of PICKER_FIELDS) {
    const d = parseDescriptor((r.fields as Record<string, unknown>)[f]);
    if (d) fields[f] = d;
  }
  return Object.keys(fields).length > 0 ? { version: 1, savedAt: r.savedAt, fields } : null;
}

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
