use anchor_lang::prelude::*;

use super::execute::*;
use crate::instructions::savings_vaults::*;
use crate::{errors::CentralBankError, events::PolicyUpdateEvent, seeds, state::*};

#[derive(Accounts)]
pub struct ExecuteSetPolicy<'info> {
    pub exec: ExecuteProposal<'info>,
    #[account(mut, seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    pub savings: SavingsVaults<'info>,
}

/// Replaces the policy. Savings interest is accrued at the old rate first. A proposal made
/// against an older policy version fails: it carries a full policy and would silently revert
/// every change executed since.
pub fn handle_execute_set_policy(ctx: Context<ExecuteSetPolicy>) -> Result<()> {
    let GovernanceAction::SetPolicy { params } = ctx.accounts.exec.execute()? else {
        return err!(CentralBankError::WrongAction);
    };
    require!(
        ctx.accounts.exec.proposal.policy_version == ctx.accounts.policy.version,
        CentralBankError::PolicyChangedSinceProposal
    );
    params.validate()?;
    require!(
        params.issuance_cap >= ctx.accounts.savings.reserve.issued_outstanding,
        CentralBankError::IssuanceCapBelowIssued
    );
    let now = Clock::get()?.unix_timestamp;
    let policy = &mut ctx.accounts.policy;
    ctx.accounts.savings.accrue(&policy.params, now)?;

    policy.params = params;
    policy.version = policy
        .version
        .checked_add(1)
        .ok_or(CentralBankError::MathOverflow)?;
    policy.updated_at = now;
    ctx.accounts.savings.invariant(&policy.params)?;
    emit_event!(PolicyUpdateEvent {
        version: policy.version,
        params,
    });
    Ok(())
}
