// The member's side of its household trust: its ledger in the trust, and contributing to it
// (member program `contribute`, which pays from the wallet into the trust's vault through the household program).
import type { Address, Instruction } from '@solana/kit';
import { fetchMaybeHousehold, type Household, type Ledger } from '../generated/household';
import { getContributeInstruction } from '../generated/member';
import { authorizedAccounts, DEFAULT_ADDRESS, type MemberState } from './chain';
import { pda } from './pda';
import type { AppRpc } from './rpc';

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

/** Pay `amount` currency base units from the wallet into the member's household trust. */
export async function contributeIxs(s: MemberState, wallet: Address, amount: bigint): Promise<Instruction[]> {
  if (!s.member || s.member.household === DEFAULT_ADDRESS) throw new Error('You are not in a household.');
  const household = s.member.household;
  return [
    getContributeInstruction({
      ...(await authorizedAccounts(s, wallet)),
      household,
      householdVault: await pda.householdVault(household),
      amount,
    }),
  ];
}
