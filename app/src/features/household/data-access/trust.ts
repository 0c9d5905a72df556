// The household page's reads: every household trust, the one shown (chosen in the URL, else the
// wallet's own), with its community position, rewards to collect and vault balance.
import type { Address } from '@solana/kit';
import { fetchMaybeCommunity, fetchMaybePosition, type Community, type Position } from '@sourceenergy/client/community';
import {
  HOUSEHOLD_DISCRIMINATOR,
  HOUSEHOLD_PROGRAM_ADDRESS,
  getHouseholdDecoder,
  type Household,
  type Ledger,
} from '@sourceenergy/client/household';
import { DEFAULT_ADDRESS, nodeClock, programAccounts, tokenBalance, type Decoded } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';
import { claimableRewards } from '../../../shared/math/fund';

export const trusteesOf = (h: Household) => h.trustees.slice(0, h.trusteeCount);
export const ledgersOf = (h: Household): Ledger[] => h.members.slice(0, h.memberCount);

export type TrustState = {
  address: Address;
  household: Household;
  /** The trust's community fund and its position there, if it has a community. */
  community: Community | null;
  position: Position | null;
  /** Community rewards the trust can claim now (they become income). */
  pendingRewards: bigint;
  /** Currency in the trust's vault. */
  vaultBalance: bigint | null;
};

type HouseholdsState = { households: Decoded<Household>[]; nodeTime: number };

async function loadHouseholds(rpc: AppRpc): Promise<HouseholdsState> {
  const [households, nodeTime] = await Promise.all([
    programAccounts(rpc, HOUSEHOLD_PROGRAM_ADDRESS, HOUSEHOLD_DISCRIMINATOR, getHouseholdDecoder()),
    nodeClock(rpc),
  ]);
  return { households: households.sort((a, b) => a.address.localeCompare(b.address)), nodeTime };
}

async function loadTrust(rpc: AppRpc, h: Decoded<Household>, now: number): Promise<TrustState> {
  let community: Community | null = null;
  let position: Position | null = null;
  if (h.data.community !== DEFAULT_ADDRESS) {
    const [c, p] = await Promise.all([
      fetchMaybeCommunity(rpc, h.data.community),
      fetchMaybePosition(rpc, await pda.position(h.data.community, h.address)),
    ]);
    community = c.exists ? c.data : null;
    position = p.exists ? p.data : null;
  }
  const vaultBalance = await tokenBalance(rpc, h.data.vault);
  return {
    address: h.address,
    household: h.data,
    community,
    position,
    pendingRewards: community && position ? claimableRewards(community, position, now) : 0n,
    vaultBalance,
  };
}

export type HouseholdPage = {
  /** Every trust, marked when the wallet is one of its trustees or members. */
  options: { address: Address; trustee: boolean; member: boolean }[];
  /** The trust shown: the one `chosen`, else the first the wallet is a trustee of, else a member of, else the first. */
  trust: TrustState | null;
  nodeTime: number;
};

export async function loadHouseholdPage(rpc: AppRpc, chosen: string | null, wallet: Address | null): Promise<HouseholdPage> {
  const { households, nodeTime } = await loadHouseholds(rpc);
  const isTrustee = (h: Decoded<Household>) => wallet !== null && trusteesOf(h.data).includes(wallet);
  const isMember = (h: Decoded<Household>) => wallet !== null && ledgersOf(h.data).some((l) => l.wallet === wallet);
  const selected =
    households.find((h) => h.address === chosen) ?? households.find(isTrustee) ?? households.find(isMember) ?? households[0];
  return {
    options: households.map((h) => ({ address: h.address, trustee: isTrustee(h), member: isMember(h) })),
    trust: selected ? await loadTrust(rpc, selected, nodeTime) : null,
    nodeTime,
  };
}
