use anchor_lang::prelude::*;

use crate::{events::ApproveEvent, seeds, state::*};

#[derive(Accounts)]
pub struct Approve<'info> {
    pub member: Signer<'info>,
    #[account(seeds = [seeds::GOVERNANCE], bump = governance.bump)]
    pub governance: Box<Account<'info, Governance>>,
    #[account(mut, seeds = [seeds::PROPOSAL, &proposal.index.to_le_bytes()], bump = proposal.bump)]
    pub proposal: Box<Account<'info, Proposal>>,
}

pub fn handle_approve(ctx: Context<Approve>) -> Result<()> {
    let governance = &ctx.accounts.governance;
    let slot = governance.member_slot(&ctx.accounts.member.key())?;
    let proposal = &mut ctx.accounts.proposal;
    let now = Clock::get()?.unix_timestamp;
    proposal.require_active(governance, now)?;
    proposal.approve(slot, governance.threshold, now)?;
    emit_event!(ApproveEvent {
        index: proposal.index,
        member: ctx.accounts.member.key(),
        approvals: proposal.approvals,
    });
    Ok(())
}
