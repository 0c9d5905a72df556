// Everything a member can claim, found by simulation: each candidate claim (meter revenue of
// each epoch with an unclaimed contribution, community rewards, household distribution) is
// simulated alone; the ones that succeed and raise the wallet's currency balance are
// claimable, by exactly that amount. "Claim all" packs them into as few transactions as fit.
import {
  blockhash,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getTransactionEncoder,
  type Address,
  type BlockhashLifetimeConstraint,
  type Instruction,
} from '@solana/kit';
import { getSetComputeUnitLimitInstruction } from '@solana-program/compute-budget';
import { fetchMaybeContributor } from '@sourceenergy/client/grid-market';
import { getClaimHouseholdInstruction, getClaimRevenueInstruction, getClaimRewardsInstruction } from '@sourceenergy/client/member';
import { DEFAULT_ADDRESS } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';
import { compileUnsigned } from '../../../shared/transaction/compile';
import { authorizedAccounts, type MemberState } from './memberState';

export type Claim = { label: string; kind: 'revenue' | 'community' | 'household'; amount: bigint; ix: Instruction };

/** Solana's packet limit for a serialized transaction. */
const MAX_TX_BYTES = 1232;
/** Any blockhash does for measuring a transaction's size. */
const PLACEHOLDER_BLOCKHASH: BlockhashLifetimeConstraint = {
  blockhash: blockhash('11111111111111111111111111111111'),
  lastValidBlockHeight: 0n,
};

async function candidates(s: MemberState, wallet: Address, rpc: AppRpc): Promise<Omit<Claim, 'amount'>[]> {
  if (!s.member) return [];
  const auth = await authorizedAccounts(s, wallet);
  const out: Omit<Claim, 'amount'>[] = [];
  const contributorAddr = await pda.contributor(s.memberAddress);
  const contributor = await fetchMaybeContributor(rpc, contributorAddr);
  if (contributor.exists) {
    for (const c of contributor.data.open) {
      if (c.epochPlusOne === 0n || c.claimed) continue;
      const index = c.epochPlusOne - 1n;
      out.push({
        label: `Meter revenue, epoch ${index}`,
        kind: 'revenue',
        ix: getClaimRevenueInstruction({
          ...auth,
          contributor: contributorAddr,
          market: await pda.market(),
          epoch: await pda.epoch(index),
          revenueVault: await pda.revenueVault(),
        }),
      });
    }
  }
  if (s.member.community !== DEFAULT_ADDRESS) {
    const community = s.member.community;
    out.push({
      label: 'Community rewards',
      kind: 'community',
      ix: getClaimRewardsInstruction({
        ...auth,
        community,
        position: await pda.position(community, s.memberAddress),
        communityVault: await pda.communityVault(community),
      }),
    });
  }
  if (s.member.household !== DEFAULT_ADDRESS) {
    const household = s.member.household;
    out.push({
      label: 'Household distribution',
      kind: 'household',
      ix: getClaimHouseholdInstruction({
        ...auth,
        household,
        householdVault: await pda.householdVault(household),
      }),
    });
  }
  return out;
}

function tokenAmount(data: readonly [string, string] | undefined | null): bigint {
  if (!data) return 0n;
  const bytes = getBase64Encoder().encode(data[0]);
  if (bytes.length < 72) return 0n;
  return new DataView(bytes.buffer, bytes.byteOffset + 64, 8).getBigUint64(0, true);
}

export async function findClaims(rpc: AppRpc, s: MemberState, wallet: Address): Promise<Claim[]> {
  if (s.currency === null) return [];
  const list = await candidates(s, wallet, rpc);
  const { value: latest } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const results = await Promise.all(
    list.map(async (c) => {
      const tx = compileUnsigned(wallet, latest, [c.ix]);
      const sim = await rpc
        .simulateTransaction(getBase64EncodedWireTransaction(tx), {
          encoding: 'base64',
          sigVerify: false,
          commitment: 'confirmed',
          accounts: { addresses: [s.currencyAccount], encoding: 'base64' },
        })
        .send();
      if (sim.value.err) return null;
      const after = tokenAmount(sim.value.accounts?.[0]?.data as readonly [string, string] | undefined);
      const amount = after - (s.currency ?? 0n);
      return amount > 0n ? { ...c, amount } : null;
    }),
  );
  return results.filter((r): r is Claim => r !== null);
}

/**
 * Packs instructions into as few transactions as fit the packet size, in order, each led by a
 * compute-unit limit of the 1.4M maximum (claims run nested CPIs; units were not measured).
 */
export function packInstructions(feePayer: Address, ixs: readonly Instruction[]): Instruction[][] {
  const lead = getSetComputeUnitLimitInstruction({ units: 1_400_000 });
  const size = (batch: Instruction[]) =>
    getTransactionEncoder().encode(compileUnsigned(feePayer, PLACEHOLDER_BLOCKHASH, batch)).length;
  const out: Instruction[][] = [];
  let current: Instruction[] = [lead];
  for (const ix of ixs) {
    if (current.length > 1 && size([...current, ix]) > MAX_TX_BYTES) {
      out.push(current);
      current = [lead];
    }
    current.push(ix);
  }
  if (current.length > 1) out.push(current);
  return out;
}
