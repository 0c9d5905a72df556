// The central bank's council and its proposals: reads, the state of a proposal as the program judges it
// (programs/central_bank/src/state/proposal.rs), and the execute instruction each action needs.
import { createNoopSigner, type Address, type Instruction } from '@solana/kit';
import {
  CENTRAL_BANK_PROGRAM_ADDRESS,
  PROPOSAL_DISCRIMINATOR,
  ProposalStatus,
  RoleKind,
  fetchMaybeGovernance,
  getApproveInstruction,
  getCancelInstruction,
  getExecuteApproveKycProviderInstruction,
  getExecuteGrantRoleInstruction,
  getExecuteIssueCurrencyInstruction,
  getExecuteRemoveKycProviderInstruction,
  getExecuteRevokeRoleInstruction,
  getExecuteSetPolicyInstruction,
  getExecuteUpdateCouncilInstruction,
  getProposalDecoder,
  getProposeInstruction,
  type Governance,
  type GovernanceAction,
  type Proposal,
} from '../generated/central_bank';
import { nodeClock, programAccounts, type Decoded } from './chain';
import { fmtBps, fmtCurrency, fmtDuration, short } from './format';
import { pda } from './pda';
import type { AppRpc } from './rpc';

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

export type ProposalPhase =
  | { kind: 'executed' }
  | { kind: 'cancelled' }
  | { kind: 'stale' }
  | { kind: 'expired' }
  | { kind: 'approving'; missing: number }
  | { kind: 'timelock'; readyAt: number }
  | { kind: 'ready' };

/** What the program would say about the proposal at node time `now`. */
export function proposalPhase(p: Proposal, g: Governance, now: number): ProposalPhase {
  if (p.status === ProposalStatus.Executed) return { kind: 'executed' };
  if (p.status === ProposalStatus.Cancelled) return { kind: 'cancelled' };
  if (p.councilVersion !== g.councilVersion) return { kind: 'stale' };
  if (now >= Number(p.expiresAt)) return { kind: 'expired' };
  if (p.approvals < g.threshold || p.thresholdReachedAt === 0n) {
    return { kind: 'approving', missing: g.threshold - p.approvals };
  }
  const readyAt = Number(p.thresholdReachedAt) + g.timelockSecs;
  return now >= readyAt ? { kind: 'ready' } : { kind: 'timelock', readyAt };
}

export function phaseText(phase: ProposalPhase, now: number): string {
  switch (phase.kind) {
    case 'executed':
      return 'Executed';
    case 'cancelled':
      return 'Cancelled';
    case 'stale':
      return 'Stale (the council changed)';
    case 'expired':
      return 'Expired';
    case 'approving':
      return `Needs ${phase.missing} more approval${phase.missing === 1 ? '' : 's'}`;
    case 'timelock':
      return `Timelock: ${fmtDuration(phase.readyAt - now)} left`;
    case 'ready':
      return 'Ready to execute';
  }
}

const ROLE_NAMES: Record<RoleKind, string> = {
  [RoleKind.MeterRegistrar]: 'meter registrar',
  [RoleKind.MeterOracle]: 'meter oracle',
  [RoleKind.GridPriceFeeder]: 'grid price feeder',
  [RoleKind.GridOfftaker]: 'grid offtaker',
  [RoleKind.ListedMarketAsset]: 'listed market asset',
  [RoleKind.CommunityRegistrar]: 'community registrar',
};

/** One line saying what the action does. */
export function describeAction(a: GovernanceAction): string {
  switch (a.__kind) {
    case 'ApproveKycProvider':
      return `Approve KYC provider ${short(a.provider)}`;
    case 'RemoveKycProvider':
      return `Remove KYC provider ${short(a.provider)}`;
    case 'GrantRole':
      return `Grant ${ROLE_NAMES[a.role]} to ${short(a.subject)}`;
    case 'RevokeRole':
      return `Revoke ${ROLE_NAMES[a.role]} from ${short(a.subject)}`;
    case 'IssueCurrency':
      return `Issue ${fmtCurrency(a.amount)} currency to ${short(a.recipient)}`;
    case 'UpdateCouncil':
      return `New council: ${a.members.length} members, threshold ${a.threshold}, timelock ${fmtDuration(a.timelockSecs)}`;
    case 'SetPolicy':
      return `Set policy (savings rate ${fmtBps(a.params.savingsRateBps)}, marketplace fee ${fmtBps(a.params.marketplaceFeeBps)})`;
  }
}

export async function approveIx(member: Address, index: bigint): Promise<Instruction> {
  return getApproveInstruction({
    member: createNoopSigner(member),
    governance: await pda.governance(),
    proposal: await pda.proposal(index),
  });
}

export async function cancelIx(member: Address, index: bigint): Promise<Instruction> {
  return getCancelInstruction({
    member: createNoopSigner(member),
    governance: await pda.governance(),
    proposal: await pda.proposal(index),
  });
}

const roleName = (r: RoleKind) => RoleKind[r] as keyof typeof RoleKind;

/** The execute instruction for the proposal's action (each action has its own accounts). */
export async function executeIx(executor: Address, p: Proposal): Promise<Instruction> {
  const exec = {
    executor: createNoopSigner(executor),
    governance: await pda.governance(),
    proposal: await pda.proposal(p.index),
  };
  const a = p.action;
  switch (a.__kind) {
    case 'ApproveKycProvider':
      return getExecuteApproveKycProviderInstruction({
        ...exec,
        providerRecord: await pda.kycProvider(a.provider),
        provider: a.provider,
      });
    case 'RemoveKycProvider':
      return getExecuteRemoveKycProviderInstruction({
        ...exec,
        providerRecord: await pda.kycProvider(a.provider),
      });
    case 'GrantRole':
      return getExecuteGrantRoleInstruction({
        ...exec,
        roleRecord: await pda.role(roleName(a.role), a.subject),
        role: a.role,
        subject: a.subject,
      });
    case 'RevokeRole':
      return getExecuteRevokeRoleInstruction({
        ...exec,
        roleRecord: await pda.role(roleName(a.role), a.subject),
      });
    case 'UpdateCouncil':
      return getExecuteUpdateCouncilInstruction(exec);
    case 'SetPolicy':
      return getExecuteSetPolicyInstruction({
        ...exec,
        policy: await pda.policy(),
        reserve: await pda.reserve(),
        currencyMint: await pda.currencyMint(),
        surplusVault: await pda.surplusVault(),
        savingsVault: await pda.savingsVault(),
      });
    case 'IssueCurrency':
      return getExecuteIssueCurrencyInstruction({
        ...exec,
        policy: await pda.policy(),
        reserve: await pda.reserve(),
        currencyMint: await pda.currencyMint(),
        recipient: a.recipient,
      });
  }
}

/** A council member proposes `action` (and so approves it); it takes the next proposal index. */
export async function proposeIx(proposer: Address, g: Governance, action: GovernanceAction): Promise<Instruction> {
  return getProposeInstruction({
    proposer: createNoopSigner(proposer),
    governance: await pda.governance(),
    policy: await pda.policy(),
    proposal: await pda.proposal(g.proposalCount),
    action,
  });
}
