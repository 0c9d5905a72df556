// Household trusts for their trustees: the family ledger, the income a distribution would share
// out (as programs/household/src/state/household.rs plans it), and the trustees' instructions.
import { AccountRole, createNoopSigner, type Address, type Instruction } from '@solana/kit';
import { fetchMaybeCommunity, fetchMaybePosition, type Community, type Position } from '../generated/community';
import {
  HOUSEHOLD_DISCRIMINATOR,
  HOUSEHOLD_PROGRAM_ADDRESS,
  getClaimCommunityRewardsInstruction,
  getDistributeInstruction,
  getHouseholdDecoder,
  getInvestInstruction,
  type Household,
  type Ledger,
} from '../generated/household';
import { DEFAULT_ADDRESS, nodeClock, programAccounts, type Decoded } from './chain';
import { claimableRewards, fundValue } from './community';
import { pda } from './pda';
import type { AppRpc } from './rpc';

const FULL_BPS = 10_000n;

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

export type HouseholdsState = { households: Decoded<Household>[]; nodeTime: number };

export async function loadHouseholds(rpc: AppRpc): Promise<HouseholdsState> {
  const [households, nodeTime] = await Promise.all([
    programAccounts(rpc, HOUSEHOLD_PROGRAM_ADDRESS, HOUSEHOLD_DISCRIMINATOR, getHouseholdDecoder()),
    nodeClock(rpc),
  ]);
  return { households: households.sort((a, b) => a.address.localeCompare(b.address)), nodeTime };
}

export async function loadTrust(rpc: AppRpc, h: Decoded<Household>, now: number): Promise<TrustState> {
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
  let vaultBalance: bigint | null = null;
  try {
    vaultBalance = BigInt((await rpc.getTokenAccountBalance(h.data.vault).send()).value.amount);
  } catch {
    vaultBalance = null;
  }
  return {
    address: h.address,
    household: h.data,
    community,
    position,
    pendingRewards: community && position ? claimableRewards(community, position, now) : 0n,
    vaultBalance,
  };
}

export type DistributionPlan = {
  income: bigint;
  /** Into community shares (reinvest_bps of the income, when that buys at least one share). */
  reinvest: bigint;
  /** Each member's share, in ledger order (rounded down each). */
  perMember: bigint[];
  toMembers: bigint;
  /** Left for the next round. */
  dust: bigint;
};

/** `Household::plan_distribution` then `share_out`, for `income`. */
export function planDistribution(h: Household, income: bigint, fund: Community | null): DistributionPlan {
  let reinvest = 0n;
  if (fund && fund.totalShares > 0n) {
    const amount = (income * BigInt(h.reinvestBps)) / FULL_BPS;
    const value = fundValue(fund);
    const shares = value === 0n ? 0n : (amount * fund.totalShares) / value;
    if (shares > 0n) reinvest = amount;
  }
  const perMember = ledgersOf(h).map((l) => ((income - reinvest) * BigInt(l.weightBps)) / FULL_BPS);
  const toMembers = perMember.reduce((a, b) => a + b, 0n);
  return { income, reinvest, perMember, toMembers, dust: income - reinvest - toMembers };
}

async function communityAccounts(t: TrustState) {
  const community = t.household.community;
  return {
    policy: await pda.policy(),
    community,
    position: await pda.position(community, t.address),
    communityVault: await pda.communityVault(community),
  };
}

/**
 * Collect the trust's community rewards (when there are any) and distribute its income. Both
 * are permissionless in the program; trustees run them from here.
 */
export async function distributeIxs(t: TrustState): Promise<Instruction[]> {
  const h = t.household;
  const trust = { household: t.address, currencyMint: h.currencyMint, vault: h.vault };
  const ixs: Instruction[] = [];
  if (h.community === DEFAULT_ADDRESS) {
    ixs.push(getDistributeInstruction(trust));
    return ixs;
  }
  const c = await communityAccounts(t);
  if (t.pendingRewards > 0n) {
    ixs.push(
      getClaimCommunityRewardsInstruction({
        ...trust,
        community: c.community,
        position: c.position,
        communityVault: c.communityVault,
      }),
    );
  }
  ixs.push(getDistributeInstruction({ ...trust, ...c }));
  return ixs;
}

/** Trustees invest `amount` of the trust's uninvested contributions in its community; the
 * trustees signing are the instruction's remaining accounts. */
export async function investCapitalIx(t: TrustState, signers: Address[], amount: bigint): Promise<Instruction> {
  const h = t.household;
  const ix = getInvestInstruction({
    household: t.address,
    currencyMint: h.currencyMint,
    vault: h.vault,
    ...(await communityAccounts(t)),
    amount,
  });
  return {
    ...ix,
    accounts: [
      ...ix.accounts,
      ...signers.map((a) => ({ address: a, role: AccountRole.READONLY_SIGNER, signer: createNoopSigner(a) })),
    ],
  };
}
