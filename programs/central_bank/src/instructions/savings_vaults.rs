//! Accounts and accrual shared by every instruction that touches the savings vault.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use crate::{
    errors::{CentralBankError, MathExt},
    events::AccrueEvent,
    seeds,
    state::*,
    token_ops,
};

#[derive(Accounts)]
pub struct SavingsVaults<'info> {
    #[account(
        mut, seeds = [seeds::RESERVE], bump = reserve.bump,
        has_one = currency_mint, has_one = surplus_vault, has_one = savings_vault,
    )]
    pub reserve: Box<Account<'info, Reserve>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub savings_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub currency_token_program: Program<'info, Token2022>,
}

impl<'info> SavingsVaults<'info> {
    /// Accrues interest up to `now` at the policy rate in force, paid from the surplus vault.
    pub fn accrue(&mut self, policy: &PolicyParams, now: i64) -> Result<()> {
        let accrual =
            self.reserve
                .accrue(policy.savings_rate_bps, now, self.surplus_vault.amount)?;
        if accrual.paid > 0 {
            token_ops::transfer_from_reserve(
                &self.currency_token_program.to_account_info(),
                &self.reserve,
                &self.surplus_vault,
                &self.currency_mint,
                &self.savings_vault.to_account_info(),
                accrual.paid,
            )?;
            self.surplus_vault.reload()?;
            self.savings_vault.reload()?;
        }
        if accrual.owed > 0 {
            emit_event!(AccrueEvent {
                owed: accrual.owed,
                paid: accrual.paid,
                shortfall: accrual.owed - accrual.paid,
                index: self.reserve.savings_index,
            });
        }
        Ok(())
    }

    /// Reserve supply invariant, plus: the savings vault covers the value of every share.
    pub fn invariant(&self, policy: &PolicyParams) -> Result<()> {
        self.reserve
            .invariant(self.currency_mint.supply, policy.issuance_cap)?;
        let owed = se_math::savings::value_of_shares(
            self.reserve.savings_total_shares,
            self.reserve.savings_index,
        )
        .math()?;
        require!(
            self.savings_vault.amount >= owed,
            CentralBankError::SupplyInvariantViolated
        );
        Ok(())
    }
}
