use anchor_lang::prelude::*;

use super::fund_ops::verify_holder;
use crate::{errors::CommunityError, lower::is_household, seeds, state::*};

/// Opens `owner`'s position: a wallet (with a valid attestation), a household trust or a
/// member account (the PDAs sign by CPI, so `payer` pays the rent).
#[derive(Accounts)]
pub struct OpenPosition<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    pub owner: Signer<'info>,
    /// CHECK: a wallet owner's attestation, verified by `central_bank::checks::verify_attestation`
    /// (see `verify_holder`); `None` for a trust or member account.
    pub attestation: Option<UncheckedAccount<'info>>,
    /// CHECK: verified by `central_bank::checks::load_policy`; `None` with `attestation`.
    pub policy: Option<UncheckedAccount<'info>>,
    #[account(mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump)]
    pub community: Box<Account<'info, Community>>,
    /// CHECK: created by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it must not keep the owner out of the community).
    #[account(mut, seeds = [seeds::POSITION, community.key().as_ref(), owner.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_position(ctx: Context<OpenPosition>) -> Result<()> {
    let a = &mut *ctx.accounts;
    verify_holder(&a.owner, a.policy.as_ref(), a.attestation.as_ref())?;
    let community = a.community.key();
    let owner = a.owner.key();
    let position = Position {
        bump: ctx.bumps.position,
        community,
        owner,
        shares: 0,
        reward_checkpoint: a.community.reward_per_share,
        pending: 0,
        deposited: 0,
        withdrawn: 0,
        claimed: 0,
    };
    se_anchor::create_pda(
        &a.payer.to_account_info(),
        &a.position.to_account_info(),
        &a.system_program.to_account_info(),
        &[
            seeds::POSITION,
            community.as_ref(),
            owner.as_ref(),
            &[position.bump],
        ],
        8 + Position::INIT_SPACE,
        &position,
        &crate::ID,
        CommunityError::PositionExists.into(),
    )?;
    let impact = &mut a.community.impact;
    if is_household(&a.owner) {
        impact.households += 1;
    } else {
        impact.members += 1;
    }
    position.invariant(&a.community)?;
    // No vault among these accounts: the vault-free part of the community's invariant.
    a.community.books_invariant()
}
