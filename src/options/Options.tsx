import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { listAccountModes, POLICY_REGIONS } from '../core/policy/index';
import { describeChoice, listPickerChoices, removePickerChoice, type KeyValueStore, type PickerChoice } from '../content/picker-store';
import { Field, Notice, Select } from '../popup/components';
import { forInput } from '../popup/format';
import { localeFor, parseTyped } from '../popup/numbers';
import {
  defaultSettings,
  NUMBER_FORMATS,
  SETTINGS_VENUES,
  THEMES,
  thresholdOrderProblems,
  thresholdProblem,
  type Settings,
  type SettingsNotice,
  type SettingsVenue,
} from '../shared/settings';
import { forgetUnkept, loadSettings, readUnkept, saveSettings, watchSettings, type UnkeptSettings } from '../shared/settings-store';

/**
 * The options page. Every change is checked as it is typed (locale-aware numbers, threshold ranges and
 * order) and saved as soon as the whole page is valid; an invalid field says why next to itself and
 * nothing is saved until it is fixed.
 */

const VENUE_NAMES: Record<SettingsVenue, string> = { binance: 'Binance', bybit: 'Bybit', okx: 'OKX', bitget: 'Bitget', gate: 'Gate', hyperliquid: 'Hyperliquid', mexc: 'MEXC', bitmex: 'BitMEX' };
const LEVELS = ['caution', 'danger', 'critical'] as const;

type Draft = Record<string, string>;

function draftOf(s: Settings, locale: string | undefined): Draft {
  const d: Draft = {};
  for (const l of LEVELS) {
    d[`distance.${l}`] = forInput(s.thresholds.distancePercent[l], locale);
    d[`leverage.${l}`] = forInput(s.thresholds.leverage[l], locale);
  }
  for (const v of SETTINGS_VENUES) d[`wallet.${v}`] = forInput(s.venues[v].walletBalance, locale);
  return d;
}

/** The settings this draft describes, or the messages that stop it from being saved. */
export function applyDraft(base: Settings, draft: Draft, locale: string | undefined): { settings: Settings; errors: Record<string, string> } {
  const s: Settings = structuredClone(base);
  const errors: Record<string, string> = {};
  for (const l of LEVELS) {
    const dk = `distance.${l}`;
    const dv = parseTyped(draft[dk] ?? '', locale, `${l[0]?.toUpperCase()}${l.slice(1)} distance`);
    if (dv === null) errors[dk] = 'Enter a distance in percent.';
    else if (!dv.ok) errors[dk] = dv.message;
    else {
      const p = thresholdProblem('distance', dv.value);
      if (p) errors[dk] = `This distance ${p}.`;
      else s.thresholds.distancePercent[l] = dv.value;
    }
    const lk = `leverage.${l}`;
    const lv = parseTyped(draft[lk] ?? '', locale, `${l[0]?.toUpperCase()}${l.slice(1)} leverage`);
    if (lv === null) s.thresholds.leverage[l] = null;
    else if (!lv.ok) errors[lk] = lv.message;
    else {
      const p = thresholdProblem('leverage', lv.value);
      if (p) errors[lk] = `This leverage ${p}.`;
      else s.thresholds.leverage[l] = lv.value;
    }
  }
  if (Object.keys(errors).length === 0) {
    for (const p of thresholdOrderProblems(s.thresholds)) {
      const key = p.field.replace('thresholds.distancePercent.', 'distance.').replace('thresholds.leverage.', 'leverage.');
      errors[key] = p.message;
    }
  }
  for (const v of SETTINGS_VENUES) {
    const k = `wallet.${v}`;
    const w = parseTyped(draft[k] ?? '', locale, 'Wallet balance');
    if (w === null) s.venues[v].walletBalance = null;
    else if (!w.ok) errors[k] = w.message;
    else if (!/^(?:0|[1-9]\d{0,14})(?:\.\d{1,8})?$/.test(w.value)) errors[k] = 'Wallet balance: at most 15 digits before and 8 after the decimal point.';
    else s.venues[v].walletBalance = w.value;
  }
  return { settings: s, errors };
}

function pickerArea(): KeyValueStore {
  return {
    get: (keys) => browser.storage.local.get(keys),
    set: (items) => browser.storage.local.set(items),
    remove: (keys) => browser.storage.local.remove(keys),
  };
}

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notices, setNotices] = useState<SettingsNotice[]>([]);
  const [draft, setDraft] = useState<Draft>({});
  const [status, setStatus] = useState<string>('');
  const [pickers, setPickers] = useState<{ hostname: string; choice: PickerChoice | null }[] | null>(null);
  const [unkept, setUnkept] = useState<UnkeptSettings[]>([]);
  const saving = useRef(0);
  const locale = localeFor(settings?.numberFormat);

  useEffect(() => {
    void loadSettings().then((l) => {
      setSettings(l.settings);
      setNotices(l.notices);
      setDraft(draftOf(l.settings, localeFor(l.settings.numberFormat)));
    });
    void readUnkept().then(setUnkept);
    void listPickerChoices(pickerArea())
      .then(setPickers)
      .catch(() => setPickers([]));
    return watchSettings(() => undefined);
  }, []);

  useEffect(() => {
    const theme = settings?.theme ?? 'auto';
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);

  if (!settings) return <p>Loading settings…</p>;
  const { errors } = applyDraft(settings, draft, locale);

  const persist = (next: Settings) => {
    const mine = ++saving.current;
    setStatus('Saving…');
    saveSettings(next)
      .then(() => {
        if (mine !== saving.current) return;
        setStatus('Saved.');
        setNotices([]);
        // The save may have set aside the record it replaced: list it.
        void readUnkept().then(setUnkept);
      })
      .catch((e: unknown) => mine === saving.current && setStatus(`Not saved: ${e instanceof Error ? e.message : 'storage refused it'}.`));
  };
  /** A change to a non-text setting: applied with the current (valid) draft. */
  const change = (mutate: (s: Settings) => void) => {
    const applied = applyDraft(settings, draft, locale);
    const next = structuredClone(applied.settings);
    mutate(next);
    setSettings(next);
    if (Object.keys(applied.errors).length === 0) persist(next);
    else setStatus('Not saved: fix the fields marked below first.');
  };
  const type = (key: string) => (value: string) => {
    const nextDraft = { ...draft, [key]: value };
    setDraft(nextDraft);
    const applied = applyDraft(settings, nextDraft, locale);
    if (Object.keys(applied.errors).length === 0) {
      setSettings(applied.settings);
      persist(applied.settings);
    } else setStatus('Not saved: fix the fields marked below first.');
  };

  return (
    <main class="options">
      <h1>LiqGuard options</h1>
      <p data-testid="options-ready" class="sr-only" aria-hidden="true">
        Ready.
      </p>
      {notices.length > 0 ? (
        <Notice kind="warning" testId="options-notices">
          <strong>Some saved settings could not be used and were reset to their defaults:</strong>
          <ul>
            {notices.map((n) => (
              <li key={n.field + n.message}>{n.message}</li>
            ))}
          </ul>
          Everything else was kept. When settings are next saved, the record as it was stored is set aside here
          first, so nothing is lost for good.{' '}
          <button type="button" onClick={() => persist(applyDraft(settings, draft, locale).settings)}>
            Store the repaired settings
          </button>
        </Notice>
      ) : null}
      {unkept.length > 0 ? (
        <Notice kind="warning" testId="options-unkept">
          <strong>Settings LiqGuard could not keep</strong>
          <p>
            These saved values could not be used, so the defaults took their place. The record they were in was set
            aside when settings were next saved. Enter again below anything you still want.
          </p>
          <ul>
            {unkept.map((e) => (
              <li key={e.at}>
                Set aside {new Date(e.at).toLocaleString(locale)}:
                <ul>
                  {e.notices.map((n) => (
                    <li key={n.field + n.message}>{n.message}</li>
                  ))}
                </ul>
                {e.stored !== null ? (
                  <details>
                    <summary>The record as it was stored</summary>
                    <pre class="stored-record">{e.stored}</pre>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void forgetUnkept().then(() => setUnkept([]), () => setStatus('Could not forget them: storage refused.'))}>
            I have read these: forget them
          </button>
        </Notice>
      ) : null}
      <p class="status" role="status" data-testid="options-status">
        {status}
      </p>

      <section aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">Warning thresholds</h2>
        <p class="hint">Distance from the mark price to liquidation, in percent: at or below each value the warning reaches that level.</p>
        <div class="grid3">
          {LEVELS.map((l) => (
            <Field key={l} id={`distance.${l}`} label={`${l[0]?.toUpperCase()}${l.slice(1)} at`} suffix="%" value={draft[`distance.${l}`] ?? ''} onInput={type(`distance.${l}`)} error={errors[`distance.${l}`]} />
          ))}
        </div>
        <p class="hint">Leverage at or above which a position is at least at that level, however far liquidation is. Leave empty to turn a level off.</p>
        <div class="grid3">
          {LEVELS.map((l) => (
            <Field key={l} id={`leverage.${l}`} label={`${l[0]?.toUpperCase()}${l.slice(1)} from`} suffix="×" placeholder="off" value={draft[`leverage.${l}`] ?? ''} onInput={type(`leverage.${l}`)} error={errors[`leverage.${l}`]} />
          ))}
        </div>
        <label class="check">
          <input type="checkbox" checked={settings.thresholds.crossMarginRaisesLevel} onChange={(e) => change((s) => void (s.thresholds.crossMarginRaisesLevel = (e.currentTarget as HTMLInputElement).checked))} />
          Cross margin raises the level one step (the whole wallet is at risk)
        </label>
        <p>
          <button type="button" onClick={() => { const d = defaultSettings(); const next = { ...settings, thresholds: d.thresholds }; setSettings(next); setDraft(draftOf(next, locale)); persist(next); }}>
            Restore default thresholds
          </button>
        </p>
      </section>

      <section aria-labelledby="region-title">
        <h2 id="region-title">Region and display</h2>
        <div class="grid3">
          <Select id="region" label="Your region (for “can I lose more than my margin?”)" value={settings.region} options={[{ value: 'unknown', label: 'Not set' }, ...POLICY_REGIONS.map((r) => ({ value: r.id, label: r.label }))]} onChange={(v) => change((s) => void (s.region = v))} />
          <Select id="numberFormat" label="Number format" value={settings.numberFormat} options={NUMBER_FORMATS.map((f) => ({ value: f, label: f === 'browser' ? 'Follow the browser' : `${f} (${new Intl.NumberFormat(f).format(1234567.89)})` }))} onChange={(v) => { change((s) => void (s.numberFormat = v)); setDraft(draftOf({ ...applyDraft(settings, draft, locale).settings, numberFormat: v }, localeFor(v))); }} />
          <Select id="theme" label="Theme" value={settings.theme} options={THEMES.map((t) => ({ value: t, label: t === 'auto' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark' }))} onChange={(v) => change((s) => void (s.theme = v))} />
        </div>
      </section>

      <section aria-labelledby="venues-title">
        <h2 id="venues-title">Venues</h2>
        <table class="venues-table">
          <caption class="sr-only">Per-venue settings</caption>
          <thead>
            <tr>
              <th scope="col">Venue</th>
              <th scope="col">On</th>
              <th scope="col">Overlay</th>
              <th scope="col">Account mode</th>
              <th scope="col">Default wallet (USDT/USDC)</th>
            </tr>
          </thead>
          <tbody>
            {SETTINGS_VENUES.map((v) => {
              const vs = settings.venues[v];
              const modes = listAccountModes(v);
              return (
                <tr key={v}>
                  <th scope="row">{VENUE_NAMES[v]}</th>
                  <td>
                    <input type="checkbox" aria-label={`LiqGuard on ${VENUE_NAMES[v]}`} checked={vs.enabled} onChange={(e) => change((s) => void (s.venues[v].enabled = (e.currentTarget as HTMLInputElement).checked))} />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`Overlay on ${VENUE_NAMES[v]}`} checked={vs.overlay} disabled={!vs.enabled} onChange={(e) => change((s) => void (s.venues[v].overlay = (e.currentTarget as HTMLInputElement).checked))} />
                  </td>
                  <td>
                    {modes.length > 0 ? (
                      <select aria-label={`Account mode at ${VENUE_NAMES[v]}`} value={vs.accountMode ?? ''} onChange={(e) => { const val = (e.currentTarget as HTMLSelectElement).value; change((s) => void (s.venues[v].accountMode = val === '' ? null : val)); }}>
                        <option value="">Not set</option>
                        {modes.map((m) => (
                          <option key={m.id} value={m.id}>
                            {m.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span class="hint">one mode</span>
                    )}
                  </td>
                  <td>
                    <Field id={`wallet.${v}`} label={`Default wallet at ${VENUE_NAMES[v]}`} value={draft[`wallet.${v}`] ?? ''} onInput={type(`wallet.${v}`)} error={errors[`wallet.${v}`]} placeholder="none" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="hint">Off: LiqGuard leaves the venue’s pages alone. Overlay off: no box on the page; the popup’s “This tab” still works. The default wallet fills the calculator’s cross wallet for linear contracts.</p>
      </section>

      <section aria-labelledby="pickers-title">
        <h2 id="pickers-title">Fields you picked on pages</h2>
        {pickers === null ? (
          <p class="hint">Loading…</p>
        ) : pickers.length === 0 ? (
          <p class="hint" data-testid="pickers-empty">None saved. When LiqGuard cannot find a venue’s order form, you can point at its fields; the choice is kept here per site.</p>
        ) : (
          <ul data-testid="pickers">
            {pickers.map((p) => (
              <li key={p.hostname}>
                <strong>{p.hostname}</strong>: {p.choice ? `${describeChoice(p.choice)} (saved ${new Date(p.choice.savedAt).toLocaleDateString(locale)})` : 'unreadable entry'}{' '}
                <button
                  type="button"
                  onClick={() =>
                    void removePickerChoice(pickerArea(), p.hostname)
                      .then(() => listPickerChoices(pickerArea()))
                      .then(setPickers)
                  }
                >
                  Remove {p.hostname}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">Market data</h2>
        <p>
          <a href="../diagnostics/index.html">Market data: sources, age and errors</a>
        </p>
      </section>
    </main>
  );
}
