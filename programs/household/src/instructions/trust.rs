//! The trust and its vault, nested in every instruction that moves the trust's currency
//! (`contribute`, `invest`, `divest`, `claim_community_rewards`, `claim_grid_revenue`,
//! `distribute`, `claim_distribution`): one struct, one account order and one set of checks
//! for all seven. Income arrives by CPI into the layers above, signed by the trust's PDA.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use crate::{
    errors::{HouseholdError, MathExt},
    events::IncomeEvent,
    seeds,
    state::*,
};

/// The trust and its vault, as every income movement uses them.
#[derive(Accounts)]
pub struct Trust<'info> {
    #[account(
        mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub household: Box<Account<'info, Household>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> Trust<'info> {
    /// Books what arrived in the vault since `before` as income.
    pub(crate) fn book_income(&mut self, before: u64) -> Result<()> {
        self.vault.reload()?;
        let received = se_math::checked_sub(self.vault.amount, before).math()?;
        require!(received > 0, HouseholdError::ZeroAmount);
        self.household.receive(received)?;
        emit_event!(IncomeEvent {
            household: self.household.key(),
            amount: received,
        });
        self.household.invariant(self.vault.amount)
    }
}
