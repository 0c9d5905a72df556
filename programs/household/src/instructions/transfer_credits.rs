//! Trustees move the energy credits the trust earned (minted by grid_market to the trust's own
//! credit account) to any credit account, for instance a member's.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use crate::{events::CreditTransferEvent, seeds, state::*};

/// The trust and its associated credit account. Trustee signers come as remaining accounts.
#[derive(Accounts)]
pub struct TransferCredits<'info> {
    #[account(seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump)]
    pub household: Box<Account<'info, Household>>,
    /// grid_market's energy credit mint.
    #[account(
        seeds = [grid_market::seeds::ENERGY_CREDIT_MINT], bump, seeds::program = grid_market::ID,
        mint::token_program = token_program,
    )]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The trust's credit account (where grid_market mints its credits).
    #[account(
        mut, associated_token::mint = energy_credit_mint, associated_token::authority = household,
        associated_token::token_program = token_program,
    )]
    pub credits: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = energy_credit_mint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

/// Moves `amount` energy credits (base units: Wh) to `destination`; the trust's PDA signs.
pub fn handle_transfer_credits(ctx: Context<TransferCredits>, amount: u64) -> Result<()> {
    require!(amount > 0, crate::errors::HouseholdError::ZeroAmount);
    let a = &ctx.accounts;
    let h = &a.household;
    h.require_trustees(ctx.remaining_accounts)?;
    se_anchor::transfer(
        &a.token_program.to_account_info(),
        &a.credits,
        &a.energy_credit_mint,
        &a.destination.to_account_info(),
        &h.to_account_info(),
        amount,
        &[&h.seeds()],
    )?;
    emit_event!(CreditTransferEvent {
        household: h.key(),
        destination: a.destination.key(),
        amount,
    });
    Ok(())
}
