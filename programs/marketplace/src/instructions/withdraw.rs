use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use se_math::amm::withdraw_for_lp;

use super::pool_accounts::*;
use crate::errors::{MarketplaceError, MathExt};

/// Burn `lp` LP tokens for at least `min_asset` / `min_currency` (outputs round down).
/// Allowed while the market is paused and without an attestation: providers can always exit.
#[derive(Accounts)]
pub struct Withdraw<'info> {
    pub owner: Signer<'info>,
    pub pool: PoolAccounts<'info>,
    #[account(mut, token::mint = pool.asset_mint, token::authority = owner)]
    pub owner_asset: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = pool.currency_mint, token::authority = owner)]
    pub owner_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = pool.lp_mint, token::authority = owner)]
    pub owner_lp: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_withdraw(
    ctx: Context<Withdraw>,
    lp: u64,
    min_asset: u64,
    min_currency: u64,
) -> Result<()> {
    require!(lp > 0, MarketplaceError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let pool = &a.pool.pool;
    let (asset_out, currency_out) = withdraw_for_lp(
        lp,
        pool.asset_reserve,
        pool.currency_reserve,
        pool.lp_supply,
    )
    .math()?;
    require!(
        asset_out >= min_asset && currency_out >= min_currency,
        MarketplaceError::SlippageExceeded
    );
    // The locked minimum liquidity keeps both reserves positive.
    let lp_left = se_math::checked_sub(pool.lp_supply, lp).math()?;
    require!(
        lp_left >= se_math::amm::MINIMUM_LIQUIDITY,
        MarketplaceError::InsufficientLiquidity
    );

    let owner = a.owner.to_account_info();
    a.pool.burn_lp(&a.owner_lp.to_account_info(), &owner, lp)?;
    a.pool
        .pay_out(true, &a.owner_asset.to_account_info(), asset_out)?;
    a.pool
        .pay_out(false, &a.owner_currency.to_account_info(), currency_out)?;
    a.pool
        .book_liquidity(a.owner.key(), false, lp, asset_out, currency_out, now)
}
