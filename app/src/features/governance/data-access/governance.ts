// The governance page's reads: the central bank's council (governance account) and every
// proposal, with the node's clock they are judged by.
import { fetchEncodedAccount, type Address } from '@solana/kit';
import {
  CENTRAL_BANK_PROGRAM_ADDRESS,
  PROPOSAL_DISCRIMINATOR,
  fetchMaybeGovernance,
  getProposalDecoder,
  type Governance,
  type Proposal,
} from '@sourceenergy/client/central-bank';
import { nodeClock, programAccounts, type Decoded } from '../../../shared/chain/accounts';
import { pda } from '../../../shared/chain/pda';
import type { AppRpc } from '../../../shared/chain/rpc';

export type GovernanceState = {
  governance: Governance | null;
  /** Newest first. */
  proposals: Decoded<Proposal>[];
  /** The node's clock when read (it may run ahead of the wall clock on localnet). */
  nodeTime: number;
  /** Node time minus wall time when read, seconds. */
  clockSkew: number;
};

export async function loadGovernance(rpc: AppRpc): Promise<GovernanceState> {
  const [gov, proposals, nodeTime] = await Promise.all([
    fetchMaybeGovernance(rpc, await pda.governance()),
    programAccounts(rpc, CENTRAL_BANK_PROGRAM_ADDRESS, PROPOSAL_DISCRIMINATOR, getProposalDecoder()),
    nodeClock(rpc),
  ]);
  return {
    governance: gov.exists ? gov.data : null,
    proposals: proposals.sort((a, b) => Number(b.data.index - a.data.index)),
    nodeTime,
    clockSkew: nodeTime - Math.floor(Date.now() / 1000),
  };
}

export const councilMembers = (g: Governance) => g.members.slice(0, g.memberCount);

/** Council members whose bit is set in `bits` (slot i = bit i). */
export function membersOf(g: Governance, bits: number): Address[] {
  return councilMembers(g).filter((_, i) => (bits & (1 << i)) !== 0);
}

/** Whether `wallet` has a currency account: an issue of currency pays into it, so it must exist when the proposal executes. */
export async function hasCurrencyAccount(rpc: AppRpc, wallet: Address): Promise<boolean> {
  return (await fetchEncodedAccount(rpc, await pda.associatedToken(wallet, await pda.currencyMint()))).exists;
}
