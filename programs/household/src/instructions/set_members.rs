//! Needs the trustees' threshold: their signatures come as remaining accounts.
use anchor_lang::prelude::*;

use crate::{events::MembersSetEvent, state::*};

#[derive(Accounts)]
pub struct SetMembers<'info> {
    #[account(mut, seeds = [crate::seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump)]
    pub household: Box<Account<'info, Household>>,
}

/// Trustees replace the member list and weights (bps summing to 10,000).
pub fn handle_set_members(ctx: Context<SetMembers>, members: Vec<MemberWeight>) -> Result<()> {
    let h = &mut ctx.accounts.household;
    h.require_trustees(ctx.remaining_accounts)?;
    h.set_members(&members)?;
    emit_event!(MembersSetEvent {
        household: h.key(),
        members,
    });
    // No vault among these accounts: the vault-free part of the household's invariant.
    h.books_invariant()
}
