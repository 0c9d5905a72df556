//! Accounts and checks shared by every `execute_*` instruction.
use anchor_lang::prelude::*;

use crate::{events::ExecuteEvent, seeds, state::*};

#[derive(Accounts)]
pub struct ExecuteProposal<'info> {
    /// Any council member may execute an approved proposal once its timelock has passed.
    #[account(mut)]
    pub executor: Signer<'info>,
    #[account(mut, seeds = [seeds::GOVERNANCE], bump = governance.bump)]
    pub governance: Box<Account<'info, Governance>>,
    #[account(mut, seeds = [seeds::PROPOSAL, &proposal.index.to_le_bytes()], bump = proposal.bump)]
    pub proposal: Box<Account<'info, Proposal>>,
}

impl ExecuteProposal<'_> {
    /// Marks the proposal executed and returns its action for the caller to match and apply.
    pub fn execute(&mut self) -> Result<GovernanceAction> {
        self.governance.member_slot(&self.executor.key())?;
        self.proposal
            .execute(&self.governance, Clock::get()?.unix_timestamp)?;
        emit_event!(ExecuteEvent {
            index: self.proposal.index,
            executor: self.executor.key(),
        });
        Ok(self.proposal.action.clone())
    }
}
