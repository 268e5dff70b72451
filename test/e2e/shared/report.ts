import { inPage, type AnyPage } from '../harness/pages';

/**
 * What the popup's "Report this page" sends (src/popup/messaging.ts askTab): `report/build` to a
 * tab's content script, asked from an extension page, in Chromium (`chrome`) or Firefox
 * (`browser`). Every open tab is asked, since an extension page without the `tabs` permission
 * cannot tell the tabs apart; only LiqGuard's content script on a venue page answers. Returns the
 * answers that came back.
 */
export async function reportReplies(extensionPage: AnyPage, namespace: 'chrome' | 'browser'): Promise<unknown[]> {
  return inPage(extensionPage, async (ns) => {
    type Tabs = { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> };
    const tabs = (globalThis as unknown as Record<string, { tabs: Tabs }>)[ns]?.tabs;
    if (!tabs) throw new Error(`no ${ns}.tabs on this page`);
    const answers = await Promise.all((await tabs.query({})).map((t) => (typeof t.id === 'number' ? tabs.sendMessage(t.id, { type: 'report/build' }).catch(() => undefined) : undefined)));
    return answers.filter((a) => a !== undefined && a !== null);
  }, namespace);
}
