// A proposal as the central bank judges it (programs/central_bank/src/state/proposal.rs): its
// phase at a node time, and one line saying what it does.
import {
  ProposalStatus,
  RoleKind,
  type Governance,
  type GovernanceAction,
  type Proposal,
} from '@sourceenergy/client/central-bank';
import { fmtBps, fmtCurrency } from '@sourceenergy/client';
import { fmtDuration, short } from '../../../shared/format';

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
