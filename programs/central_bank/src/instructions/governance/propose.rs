use anchor_lang::prelude::*;

use crate::{errors::CentralBankError, events::ProposeEvent, seeds, state::*};

#[derive(Accounts)]
pub struct Propose<'info> {
    #[account(mut)]
    pub proposer: Signer<'info>,
    #[account(mut, seeds = [seeds::GOVERNANCE], bump = governance.bump)]
    pub governance: Box<Account<'info, Governance>>,
    /// Read for its version, which the proposal records (see `Proposal::policy_version`).
    #[account(seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    /// CHECK: created by `se_anchor::create_pda`, which, unlike Anchor's `init` here, also works
    /// when someone pre-funded this predictable address to block governance.
    #[account(mut, seeds = [seeds::PROPOSAL, &governance.proposal_count.to_le_bytes()], bump)]
    pub proposal: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

/// Council members propose typed actions; the proposer's approval is counted at once. The
/// proposal expires `timelock + PROPOSAL_LIFETIME_SECS` after now and records the policy version.
pub fn handle_propose(ctx: Context<Propose>, action: GovernanceAction) -> Result<()> {
    validate_action(&action)?;
    let governance = &mut ctx.accounts.governance;
    let slot = governance.member_slot(&ctx.accounts.proposer.key())?;
    let now = Clock::get()?.unix_timestamp;

    let index = governance.proposal_count;
    let mut proposal = Proposal {
        bump: ctx.bumps.proposal,
        index,
        proposer: ctx.accounts.proposer.key(),
        council_version: governance.council_version,
        approval_bits: 0,
        approvals: 0,
        status: ProposalStatus::Active,
        created_at: now,
        threshold_reached_at: 0,
        executed_at: 0,
        expires_at: Proposal::expiry(now, governance.timelock_secs)?,
        policy_version: ctx.accounts.policy.version,
        cancel_bits: 0,
        cancellations: 0,
        action,
    };
    proposal.approve(slot, governance.threshold, now)?;
    se_anchor::create_pda(
        &ctx.accounts.proposer.to_account_info(),
        &ctx.accounts.proposal.to_account_info(),
        &ctx.accounts.system_program.to_account_info(),
        &[seeds::PROPOSAL, &index.to_le_bytes(), &[proposal.bump]],
        8 + Proposal::INIT_SPACE,
        &proposal,
        &crate::ID,
        CentralBankError::ProposalExists.into(),
    )?;

    governance.proposal_count = governance
        .proposal_count
        .checked_add(1)
        .ok_or(CentralBankError::MathOverflow)?;

    emit_event!(ProposeEvent {
        index,
        proposer: proposal.proposer,
        action: proposal.action,
    });
    governance.invariant()
}

/// Rejects actions that could never execute; execution re-checks against the state of that time.
fn validate_action(action: &GovernanceAction) -> Result<()> {
    match action {
        GovernanceAction::SetPolicy { params } => params.validate(),
        GovernanceAction::UpdateCouncil {
            members,
            threshold,
            timelock_secs,
        } => validate_council(members, *threshold, *timelock_secs),
        GovernanceAction::IssueCurrency { amount, .. } => {
            require!(*amount > 0, CentralBankError::ZeroAmount);
            Ok(())
        }
        GovernanceAction::ApproveKycProvider { .. }
        | GovernanceAction::RemoveKycProvider { .. }
        | GovernanceAction::GrantRole { .. }
        | GovernanceAction::RevokeRole { .. } => Ok(()),
    }
}
