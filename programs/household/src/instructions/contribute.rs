//! Capital: a member pays into the trust.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use crate::{
    errors::{HouseholdError, MathExt},
    events::ContributeEvent,
    seeds,
    state::*,
};

/// A member pays currency into the trust. It arrives from L6: the member account signs (its
/// program has checked the member's permission and attestation) and the wallet pays.
#[derive(Accounts)]
pub struct Contribute<'info> {
    pub member: Signer<'info>,
    pub wallet: Signer<'info>,
    #[account(
        mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub household: Box<Account<'info, Household>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = currency_mint, token::authority = wallet)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

pub fn handle_contribute(ctx: Context<Contribute>, amount: u64) -> Result<()> {
    require!(amount > 0, HouseholdError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let wallet = a.wallet.key();
    require!(
        seeds::is_member_account(&a.member, &wallet),
        HouseholdError::WrongMemberAccount
    );
    let ledger = a.household.ledger_mut(&wallet)?;
    ledger.contributed = se_math::checked_add(ledger.contributed, amount).math()?;
    se_anchor::transfer(
        &a.token_program.to_account_info(),
        &a.source,
        &a.currency_mint,
        &a.vault.to_account_info(),
        &a.wallet.to_account_info(),
        amount,
        &[],
    )?;
    let h = &mut a.household;
    h.capital = se_math::checked_add(h.capital, amount).math()?;
    emit_event!(ContributeEvent {
        household: h.key(),
        wallet,
        amount,
    });
    a.vault.reload()?;
    a.household.invariant(a.vault.amount)
}
