// How often the live pages (member, trade) poll, by websocket status, and which of the wallet's
// accounts they watch (pure, no React; the subscriptions themselves are in live.ts).
import type { Address } from '@solana/kit';
import { pda } from '../chain/pda';

/** Poll interval while every subscription is live (a safety net only). */
export const LIVE_POLL_MS = 60_000;
/** Poll interval while the websocket is connecting or unreachable. */
export const FALLBACK_POLL_MS = 15_000;
/** Delay before subscribing again after the websocket failed. */
export const RETRY_MS = 10_000;

export type LiveStatus = 'connecting' | 'live' | 'polling';

/** The poll interval for a query given the subscription status. */
export function pollInterval(status: LiveStatus): number {
  return status === 'live' ? LIVE_POLL_MS : FALLBACK_POLL_MS;
}

/** The accounts whose changes a member's page shows: the wallet (SOL), its token accounts, its member-side records. */
export async function walletWatchList(wallet: Address, extra: readonly Address[] = []): Promise<Address[]> {
  const member = await pda.member(wallet);
  const list = await Promise.all([
    pda.currencyMint().then((m) => pda.associatedToken(wallet, m)),
    pda.energyCreditMint().then((m) => pda.associatedToken(wallet, m)),
    pda.carbonMint().then((m) => pda.associatedToken(wallet, m)),
    pda.contributor(member),
  ]);
  return [...new Set([wallet, member, ...list, ...extra])];
}

