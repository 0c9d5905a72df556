// The member's side of its household trust: the trust and the member's ledger in it (contributing
// is in instructions.ts).
import type { Address } from '@solana/kit';
import { fetchMaybeHousehold, type Household, type Ledger } from '@sourceenergy/client/household';
import { DEFAULT_ADDRESS } from '../../../shared/chain/accounts';
import type { AppRpc } from '../../../shared/chain/rpc';
import type { MemberState } from './memberState';

export type MemberHousehold = { address: Address; household: Household; ledger: Ledger | null };

/** The ledger of `wallet` among the trust's first `memberCount` members. */
export function ledgerOf(h: Household, wallet: Address): Ledger | null {
  return h.members.slice(0, h.memberCount).find((l) => l.wallet === wallet) ?? null;
}

export async function loadMemberHousehold(rpc: AppRpc, s: MemberState, wallet: Address): Promise<MemberHousehold | null> {
  if (!s.member || s.member.household === DEFAULT_ADDRESS) return null;
  const h = await fetchMaybeHousehold(rpc, s.member.household);
  if (!h.exists) return null;
  return { address: h.address, household: h.data, ledger: ledgerOf(h.data, wallet) };
}
