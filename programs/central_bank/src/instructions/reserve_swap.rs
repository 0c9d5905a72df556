//! The accounts `mint_currency` and `redeem_currency` share (one struct for both
//! instructions), and what either does with them.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount, TokenInterface},
};

use crate::{
    checks,
    errors::{CentralBankError, MathExt},
    events::ReserveSwapEvent,
    seeds,
    state::*,
};

/// Collateral <-> currency at 1:1 less the policy fee (`tin` in, `tout` out). Fees are charged
/// (rounded up) in currency and kept in the surplus vault, which pays savings interest.
#[derive(Accounts)]
pub struct ReserveSwap<'info> {
    pub user: Signer<'info>,
    /// CHECK: verified by `checks::verify_attestation` (owner, seeds, wallet, level, expiry).
    pub attestation: UncheckedAccount<'info>,
    #[account(seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(
        mut, seeds = [seeds::RESERVE], bump = reserve.bump,
        has_one = currency_mint, has_one = collateral_mint, has_one = collateral_vault,
        has_one = surplus_vault, has_one = collateral_token_program,
    )]
    pub reserve: Box<Account<'info, Reserve>>,
    #[account(mut)]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    pub collateral_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = collateral_mint, token::authority = user)]
    pub user_collateral: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = currency_mint, token::authority = user)]
    pub user_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub collateral_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub currency_token_program: Program<'info, Token2022>,
    pub collateral_token_program: Interface<'info, TokenInterface>,
}

impl ReserveSwap<'_> {
    pub(crate) fn check_user(&self) -> Result<()> {
        let min_level = self.policy.params.min_level(ActionClass::ReserveSwap);
        checks::verify_attestation(
            &self.attestation,
            &self.user.key(),
            min_level,
            Clock::get()?.unix_timestamp,
        )
        .map(|_| ())
    }

    pub(crate) fn finish(
        &mut self,
        mint_currency: bool,
        amount_in: u64,
        amount_out: u64,
        fee: u64,
    ) -> Result<()> {
        let reserve = &mut self.reserve;
        reserve.fees_collected = se_math::checked_add(reserve.fees_collected, fee).math()?;
        self.currency_mint.reload()?;
        self.collateral_vault.reload()?;
        require!(
            self.collateral_vault.amount >= reserve.collateral_held,
            CentralBankError::SupplyInvariantViolated
        );
        reserve.invariant(self.currency_mint.supply, self.policy.params.issuance_cap)?;
        emit_event!(ReserveSwapEvent {
            user: self.user.key(),
            mint_currency,
            amount_in,
            amount_out,
            fee,
        });
        Ok(())
    }
}
