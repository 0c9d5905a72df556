use anchor_lang::prelude::*;

use crate::{errors::CentralBankError, events::CancelEvent, seeds, state::*};

#[derive(Accounts)]
pub struct Cancel<'info> {
    pub member: Signer<'info>,
    #[account(seeds = [seeds::GOVERNANCE], bump = governance.bump)]
    pub governance: Box<Account<'info, Governance>>,
    #[account(mut, seeds = [seeds::PROPOSAL, &proposal.index.to_le_bytes()], bump = proposal.bump)]
    pub proposal: Box<Account<'info, Proposal>>,
}

/// Cancels an active proposal, or votes to. Rules, for a council member signing:
/// - the proposer may withdraw its own proposal at once;
/// - any member may clear a dead proposal (stale after a council change, or expired) at once;
/// - otherwise each member's call is a cancel vote, and the proposal is cancelled when the votes
///   reach the council threshold: the same quorum that can pass a proposal can stop it, and no
///   single member can veto the others.
pub fn handle_cancel(ctx: Context<Cancel>) -> Result<()> {
    let governance = &ctx.accounts.governance;
    let member = ctx.accounts.member.key();
    let slot = governance.member_slot(&member)?;
    let proposal = &mut ctx.accounts.proposal;
    require!(
        proposal.status == ProposalStatus::Active,
        CentralBankError::ProposalNotActive
    );
    let dead = proposal.council_version != governance.council_version
        || proposal.is_expired(Clock::get()?.unix_timestamp);
    let cancelled = if dead || proposal.proposer == member {
        true
    } else {
        proposal.vote_cancel(slot, governance.threshold)?
    };
    if cancelled {
        proposal.status = ProposalStatus::Cancelled;
    }
    emit_event!(CancelEvent {
        index: proposal.index,
        by: member,
        cancellations: proposal.cancellations,
        cancelled,
    });
    Ok(())
}
