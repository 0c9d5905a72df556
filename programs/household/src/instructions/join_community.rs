//! Needs the trustees' threshold: their signatures come as remaining accounts.
use anchor_lang::prelude::*;
use community::{cpi::accounts::OpenPosition, program::Community as CommunityProgram};
use se_anchor::WithAbsentOptionals;

use crate::{errors::HouseholdError, state::*};

/// Trustees join a community: the trust opens its position there (its PDA signs by CPI), and
/// from then on invests in it and carries its readings through it.
#[derive(Accounts)]
pub struct JoinCommunity<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(mut, seeds = [crate::seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump)]
    pub household: Box<Account<'info, Household>>,
    #[account(mut)]
    pub community: Box<Account<'info, community::state::Community>>,
    /// CHECK: the trust's position, created by the community program (which checks its seeds).
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
    pub system_program: Program<'info, System>,
}

pub fn handle_join_community(ctx: Context<JoinCommunity>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.household.require_trustees(ctx.remaining_accounts)?;
    require!(
        a.household.community == Pubkey::default(),
        HouseholdError::AlreadyInCommunity
    );
    let h = &a.household;
    community::cpi::open_position(
        CpiContext::new_with_signer(
            a.community_program.key(),
            OpenPosition {
                payer: a.payer.to_account_info(),
                owner: h.to_account_info(),
                attestation: None,
                policy: None,
                community: a.community.to_account_info(),
                position: a.position.to_account_info(),
                system_program: a.system_program.to_account_info(),
            },
            &[&h.seeds()],
        )
        // The trust is no wallet (see `WithAbsentOptionals`).
        .with_absent_optionals(&a.community_program.to_account_info()),
    )?;
    a.household.community = a.community.key();
    // No vault among these accounts: the vault-free part of the household's invariant.
    a.household.books_invariant()
}
