/**
 * account/snapshot (content) and account/checks (extension pages). Like a form snapshot, an account read
 * must describe the page that sent it (same origin, same venue), so one venue's page can never file
 * positions under another.
 */
import type { Accounts } from '../accounts';
import { errorReply, type Handler } from '../router';

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

export function accountSnapshotHandler(accounts: Accounts): Handler<'account/snapshot'> {
  return async (request, { sender }) => {
    const { seq, account } = request;
    if (!sameOrigin(account.url, sender.url)) return errorReply('forbidden-sender', 'The account read describes another page than the one that sent it.', seq);
    if (account.venue !== sender.venueId) return errorReply('forbidden-sender', `The account read names ${account.venue}, but it came from a ${sender.venueId} page.`, seq);
    const view = await accounts.submit(sender.tabId, seq, account);
    return { ok: true, seq, view };
  };
}

export function accountChecksHandler(accounts: Accounts): Handler<'account/checks'> {
  return async () => ({ ok: true, counts: await accounts.counts() });
}
