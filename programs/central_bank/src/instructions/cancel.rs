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

/// The proposer may withdraw its own active proposal; any council member may clear a stale one.
pub fn handle_cancel(ctx: Context<Cancel>) -> Result<()> {
    let governance = &ctx.accounts.governance;
    let member = ctx.accounts.member.key();
    governance.member_slot(&member)?;
    let proposal = &mut ctx.accounts.proposal;
    require!(
        proposal.status == ProposalStatus::Active,
        CentralBankError::ProposalNotActive
    );
    let stale = proposal.council_version != governance.council_version;
    require!(
        stale || proposal.proposer == member,
        CentralBankError::NotProposer
    );
    proposal.status = ProposalStatus::Cancelled;
    emit!(CancelEvent {
        index: proposal.index,
        by: member,
    });
    Ok(())
}
