// The council's transactions: propose an action, approve, execute (each action with its own
// accounts) and cancel a proposal.
import { createNoopSigner, type Address, type Instruction } from '@solana/kit';
import {
  getApproveInstruction,
  getCancelInstruction,
  getExecuteApproveKycProviderInstruction,
  getExecuteGrantRoleInstruction,
  getExecuteIssueCurrencyInstruction,
  getExecuteRemoveKycProviderInstruction,
  getExecuteRevokeRoleInstruction,
  getExecuteSetPolicyInstruction,
  getExecuteUpdateCouncilInstruction,
  getProposeInstruction,
  type Governance,
  type GovernanceAction,
  type Proposal,
  type RoleKind,
} from '@sourceenergy/client/central-bank';
import { pda } from '../../../shared/chain/pda';

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
        roleRecord: await pda.role(a.role, a.subject),
        role: a.role,
        subject: a.subject,
      });
    case 'RevokeRole':
      return getExecuteRevokeRoleInstruction({
        ...exec,
        roleRecord: await pda.role(a.role, a.subject),
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

/** The actions a council member can propose from the app; council and policy changes are left to the CLI. */
export type SimpleActionKind = 'ApproveKycProvider' | 'RemoveKycProvider' | 'GrantRole' | 'RevokeRole' | 'IssueCurrency';

/** The proposed action: `target` is the provider, the role's subject, or the wallet an issue pays (into its currency account). */
export async function simpleAction(
  kind: SimpleActionKind,
  target: Address,
  role: RoleKind,
  amount: bigint,
): Promise<GovernanceAction> {
  switch (kind) {
    case 'ApproveKycProvider':
    case 'RemoveKycProvider':
      return { __kind: kind, provider: target };
    case 'GrantRole':
    case 'RevokeRole':
      return { __kind: kind, role, subject: target };
    case 'IssueCurrency':
      return { __kind: kind, recipient: await pda.associatedToken(target, await pda.currencyMint()), amount };
  }
}
