use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount, TokenInterface},
};
use se_math::fee_ceil;

use crate::{
    checks,
    errors::{CentralBankError, MathExt},
    events::ReserveSwapEvent,
    seeds,
    state::*,
    token_ops,
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
    fn check_user(&self) -> Result<()> {
        let min_level = self.policy.params.min_level(ActionClass::ReserveSwap);
        checks::verify_attestation(
            &self.attestation,
            &self.user.key(),
            min_level,
            Clock::get()?.unix_timestamp,
        )
        .map(|_| ())
    }

    fn finish(
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

/// Deposit `amount` collateral, receive `amount - tin fee` currency.
pub fn handle_mint_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
    require!(amount > 0, CentralBankError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.check_user()?;

    // Measure what arrived: a Token-2022 collateral with a transfer fee delivers less.
    let before = a.collateral_vault.amount;
    token_ops::transfer_from_user(
        &a.collateral_token_program.to_account_info(),
        &a.user,
        &a.user_collateral,
        &a.collateral_mint,
        &a.collateral_vault.to_account_info(),
        amount,
    )?;
    a.collateral_vault.reload()?;
    let received = se_math::checked_sub(a.collateral_vault.amount, before).math()?;

    let fee = fee_ceil(received, a.policy.params.reserve_tin_bps).math()?;
    let out = received - fee;
    require!(out > 0, CentralBankError::ZeroAmount);
    require!(out >= min_out, CentralBankError::SlippageExceeded);

    let program = a.currency_token_program.to_account_info();
    token_ops::mint_currency_to(
        &program,
        &a.reserve,
        &a.currency_mint,
        &a.user_currency.to_account_info(),
        out,
    )?;
    token_ops::mint_currency_to(
        &program,
        &a.reserve,
        &a.currency_mint,
        &a.surplus_vault.to_account_info(),
        fee,
    )?;
    a.reserve.collateral_held = se_math::checked_add(a.reserve.collateral_held, received).math()?;
    a.finish(true, received, out, fee)
}

/// Pay `amount` currency, receive `amount - tout fee` collateral. The fee moves to the surplus
/// vault; the rest is burned and its collateral released.
pub fn handle_redeem_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
    require!(amount > 0, CentralBankError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.check_user()?;

    let fee = fee_ceil(amount, a.policy.params.reserve_tout_bps).math()?;
    let out = amount - fee;
    require!(out > 0, CentralBankError::ZeroAmount);
    require!(
        out <= a.reserve.collateral_held,
        CentralBankError::InsufficientCollateral
    );
    require!(out >= min_out, CentralBankError::SlippageExceeded);

    let program = a.currency_token_program.to_account_info();
    if fee > 0 {
        token_ops::transfer_from_user(
            &program,
            &a.user,
            &a.user_currency,
            &a.currency_mint,
            &a.surplus_vault.to_account_info(),
            fee,
        )?;
    }
    se_anchor::burn(
        &program,
        &a.currency_mint.to_account_info(),
        &a.user_currency.to_account_info(),
        &a.user.to_account_info(),
        out,
    )?;
    token_ops::transfer_from_reserve(
        &a.collateral_token_program.to_account_info(),
        &a.reserve,
        &a.collateral_vault,
        &a.collateral_mint,
        &a.user_collateral.to_account_info(),
        out,
    )?;
    a.reserve.collateral_held = se_math::checked_sub(a.reserve.collateral_held, out).math()?;
    a.finish(false, amount, out, fee)
}
