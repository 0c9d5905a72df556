use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use central_bank::state::ActionClass;
use se_math::{amm::swap_out, fee_ceil};

use super::pool_accounts::*;
use crate::{
    errors::{MarketplaceError, MathExt},
    events::SwapEvent,
    seeds,
    state::*,
};

/// Exact-in swap between the asset and the currency.
///
/// Fees, both rounded up: the LP fee (`pool.lp_fee_bps` of the input) stays in the pool; the
/// protocol fee (central_bank `marketplace_fee_bps`) is always taken in currency — from the input
/// when buying the asset, from the output when selling it — and sent to the central bank's reserve
/// surplus.
#[derive(Accounts)]
pub struct Swap<'info> {
    pub owner: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    #[account(mut, seeds = [seeds::TRADER, owner.key().as_ref()], bump = trader.bump)]
    pub trader: Box<Account<'info, Trader>>,
    pub pool: PoolAccounts<'info>,
    #[account(mut, token::mint = pool.asset_mint, token::authority = owner)]
    pub owner_asset: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = pool.currency_mint, token::authority = owner)]
    pub owner_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = pool.pool.surplus_vault)]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// What one swap moves, computed before any token moves.
#[derive(Debug, PartialEq, Eq)]
pub struct SwapQuote {
    pub amount_out: u64,
    pub lp_fee: u64,
    pub protocol_fee: u64,
    /// Currency-side amount, for compliance volume.
    pub volume: u64,
    pub asset_reserve: u64,
    pub currency_reserve: u64,
}

impl Pool {
    pub fn quote(
        &self,
        buy_asset: bool,
        amount_in: u64,
        protocol_fee_bps: u16,
    ) -> Result<SwapQuote> {
        let lp_fee = fee_ceil(amount_in, self.lp_fee_bps).math()?;
        let q = if buy_asset {
            let protocol_fee = fee_ceil(amount_in, protocol_fee_bps).math()?;
            let to_pool = amount_in.saturating_sub(protocol_fee);
            let effective = positive(to_pool.saturating_sub(lp_fee))?;
            let out = swap_out(effective, self.currency_reserve, self.asset_reserve).math()?;
            SwapQuote {
                amount_out: out,
                lp_fee,
                protocol_fee,
                volume: amount_in,
                asset_reserve: self.asset_reserve - out,
                currency_reserve: se_math::checked_add(self.currency_reserve, to_pool).math()?,
            }
        } else {
            let effective = positive(amount_in.saturating_sub(lp_fee))?;
            let gross = swap_out(effective, self.asset_reserve, self.currency_reserve).math()?;
            let protocol_fee = fee_ceil(gross, protocol_fee_bps).math()?;
            SwapQuote {
                amount_out: gross - protocol_fee,
                lp_fee,
                protocol_fee,
                volume: gross,
                asset_reserve: se_math::checked_add(self.asset_reserve, amount_in).math()?,
                currency_reserve: self.currency_reserve - gross,
            }
        };
        require!(q.amount_out > 0, MarketplaceError::ZeroAmount);
        require!(
            q.asset_reserve > 0 && q.currency_reserve > 0,
            MarketplaceError::InsufficientLiquidity
        );
        require!(
            q.asset_reserve as u128 * q.currency_reserve as u128 >= self.k(),
            MarketplaceError::InvariantViolated
        );
        Ok(q)
    }
}

/// Inputs that are all fee are dust: rejected as zero, not as an arithmetic error.
fn positive(amount: u64) -> Result<u64> {
    require!(amount > 0, MarketplaceError::ZeroAmount);
    Ok(amount)
}

pub fn handle_swap(
    ctx: Context<Swap>,
    buy_asset: bool,
    amount_in: u64,
    minimum_out: u64,
) -> Result<()> {
    require!(amount_in > 0, MarketplaceError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let policy = open_market_policy(&a.policy)?;
    let q = a
        .pool
        .pool
        .quote(buy_asset, amount_in, policy.marketplace_fee_bps)?;
    require!(
        q.amount_out >= minimum_out,
        MarketplaceError::SlippageExceeded
    );
    check_trade(
        &policy,
        &a.attestation,
        &mut a.trader,
        ActionClass::Trade,
        q.volume,
        now,
    )?;

    let owner = a.owner.to_account_info();
    let surplus = a.surplus_vault.to_account_info();
    if buy_asset {
        a.pool
            .pay_in(false, &owner, &a.owner_currency, amount_in - q.protocol_fee)?;
        if q.protocol_fee > 0 {
            let p = &a.pool;
            se_anchor::transfer(
                &p.token_program.to_account_info(),
                &a.owner_currency,
                &p.currency_mint,
                &surplus,
                &owner,
                q.protocol_fee,
                &[],
            )?;
        }
        a.pool
            .pay_out(true, &a.owner_asset.to_account_info(), q.amount_out)?;
    } else {
        a.pool.pay_in(true, &owner, &a.owner_asset, amount_in)?;
        a.pool
            .pay_out(false, &a.owner_currency.to_account_info(), q.amount_out)?;
        if q.protocol_fee > 0 {
            a.pool.pay_out(false, &surplus, q.protocol_fee)?;
        }
    }

    let pool = &mut a.pool.pool;
    pool.observe(now)?;
    pool.asset_reserve = q.asset_reserve;
    pool.currency_reserve = q.currency_reserve;
    pool.protocol_fees = se_math::checked_add(pool.protocol_fees, q.protocol_fee).math()?;
    emit_event!(SwapEvent {
        pool: pool.key(),
        trader: a.owner.key(),
        buy_asset,
        amount_in,
        amount_out: q.amount_out,
        lp_fee: q.lp_fee,
        protocol_fee: q.protocol_fee,
        volume: q.volume,
    });
    a.trader.invariant()?;
    a.pool.finish()
}
