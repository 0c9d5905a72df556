//! The manager moves energy credits the community earned (minted by grid_market to the community's
//! own credit account) to any credit account, for instance to sell or retire them.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::fund_ops::verify_registrar;
use crate::{errors::CommunityError, events::CreditTransferEvent, seeds, state::*};

/// The community's manager, still holding the central bank's community-registrar role, moves
/// credits out of the community's associated credit account; the community's PDA signs.
#[derive(Accounts)]
pub struct TransferCredits<'info> {
    pub manager: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (CommunityRegistrar of `manager`).
    pub manager_role: UncheckedAccount<'info>,
    #[account(
        seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = manager @ CommunityError::NotManager,
    )]
    pub community: Box<Account<'info, Community>>,
    /// grid_market's energy credit mint.
    #[account(
        seeds = [grid_market::seeds::ENERGY_CREDIT_MINT], bump, seeds::program = grid_market::ID,
        mint::token_program = token_program,
    )]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The community's credit account (where grid_market mints its credits).
    #[account(
        mut, associated_token::mint = energy_credit_mint, associated_token::authority = community,
        associated_token::token_program = token_program,
    )]
    pub credits: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = energy_credit_mint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

/// Moves `amount` energy credits (base units: Wh) to `destination`.
pub fn handle_transfer_credits(ctx: Context<TransferCredits>, amount: u64) -> Result<()> {
    require!(amount > 0, CommunityError::ZeroAmount);
    let a = &ctx.accounts;
    verify_registrar(&a.manager_role, &a.manager.key())?;
    let c = &a.community;
    let signer = c.seeds();
    se_anchor::transfer(
        &a.token_program.to_account_info(),
        &a.credits,
        &a.energy_credit_mint,
        &a.destination.to_account_info(),
        &c.to_account_info(),
        amount,
        &[&signer],
    )?;
    emit_event!(CreditTransferEvent {
        community: c.key(),
        destination: a.destination.key(),
        amount,
    });
    Ok(())
}
