// The trustees' transactions: collect the trust's community rewards and distribute its income;
// invest its uninvested contributions in its community.
import { AccountRole, createNoopSigner, type Address, type Instruction } from '@solana/kit';
import {
  getClaimCommunityRewardsInstruction,
  getDistributeInstruction,
  getInvestInstruction,
} from '@sourceenergy/client/household';
import { DEFAULT_ADDRESS } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { TrustState } from './trust';

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
