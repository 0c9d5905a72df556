use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use central_bank::state::ActionClass;
use se_math::amm::deposit_for_lp;

use super::pool_accounts::*;
use crate::errors::{MarketplaceError, MathExt};

/// Mint exactly `lp` LP tokens for at most `max_asset` / `max_currency` (inputs round up).
#[derive(Accounts)]
pub struct DepositLiquidity<'info> {
    pub owner: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    pub pool: PoolAccounts<'info>,
    #[account(mut, token::mint = pool.asset_mint, token::authority = owner)]
    pub owner_asset: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = pool.currency_mint, token::authority = owner)]
    pub owner_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = pool.lp_mint, token::authority = owner)]
    pub owner_lp: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_deposit(
    ctx: Context<DepositLiquidity>,
    lp: u64,
    max_asset: u64,
    max_currency: u64,
) -> Result<()> {
    require!(lp > 0, MarketplaceError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let policy = open_market_policy(&a.policy)?;
    let pool = &a.pool.pool;
    let (asset_in, currency_in) = deposit_for_lp(
        lp,
        pool.asset_reserve,
        pool.currency_reserve,
        pool.lp_supply,
    )
    .math()?;
    require!(
        asset_in <= max_asset && currency_in <= max_currency,
        MarketplaceError::MaxInputExceeded
    );
    verify_participant(
        &policy,
        &a.attestation,
        &a.owner.key(),
        ActionClass::Liquidity,
        now,
    )?;

    let owner = a.owner.to_account_info();
    a.pool.pay_in(true, &owner, &a.owner_asset, asset_in)?;
    a.pool
        .pay_in(false, &owner, &a.owner_currency, currency_in)?;
    a.pool.mint_lp(&a.owner_lp.to_account_info(), lp)?;
    a.pool
        .book_liquidity(a.owner.key(), true, lp, asset_in, currency_in, now)
}
