use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use central_bank::{cpi::accounts::SupportMarket, program::CentralBank, state::Reserve};
use se_math::{
    amm::{input_to_reach, PRICE_SCALE},
    pricing::WH_PER_KWH,
    BPS_DENOMINATOR,
};

use super::pool_accounts::*;
use crate::{
    errors::{MarketplaceError, MathExt},
    events::StabilizeEvent,
    seeds,
};

/// Permissionless crank: when the energy credit pool's TWAP leaves the policy price band, the
/// reserve lends liquidity (within its per-period cap) and the marketplace trades it against
/// the pool toward the band. Below the floor the reserve buys energy credits with surplus
/// currency; above the ceiling it sells the energy credits it holds, and the currency goes back
/// to the surplus. Inside the band, or without a full observation interval of TWAP, it does
/// nothing. Reserve trades pay the LP fee but no protocol fee (it would go to the reserve).
///
/// A crank anyone can call is a trade anyone can sandwich (buy before it, sell after it), so
/// each call moves the spot price at most one step, `support_step_bps`: the pool's round-trip
/// swap fee (LP and protocol fee, both ways). Whoever buys before the crank and sells after it
/// then pays at least as much in fees as the crank lifted the price, and at most one call
/// trades per observation interval (`StabilizedThisInterval`), so steps cannot be chained in
/// one transaction. A pool without fees is not supported (a step of 0). From 40% of the floor
/// at the default 1.2% a step, the support reaches the floor in about 77 intervals (under ten
/// hours with hourly epochs).
#[derive(Accounts)]
pub struct Stabilize<'info> {
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    #[account(mut, seeds = [central_bank::seeds::RESERVE], bump = reserve.bump, seeds::program = central_bank::ID)]
    pub reserve: Box<Account<'info, Reserve>>,
    pub pool: PoolAccounts<'info>,
    /// CHECK: the marketplace's signing PDA; holds the lent tokens only within this instruction.
    #[account(seeds = [seeds::MARKET_AUTHORITY], bump)]
    pub market_authority: UncheckedAccount<'info>,
    #[account(mut, token::mint = pool.currency_mint, token::authority = market_authority)]
    pub authority_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = pool.asset_mint, token::authority = market_authority)]
    pub authority_asset: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = pool.pool.surplus_vault)]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The reserve's energy credits.
    #[account(mut, token::mint = pool.asset_mint, token::authority = reserve)]
    pub reserve_asset: Box<InterfaceAccount<'info, TokenAccount>>,
    pub central_bank_program: Program<'info, CentralBank>,
}

/// The most one stabilising trade moves the spot price, bps: the round-trip swap fee of the
/// pool (its LP fee and the protocol fee, paid on the way in and on the way out).
pub fn support_step_bps(lp_fee_bps: u16, protocol_fee_bps: u16) -> u64 {
    2 * (lp_fee_bps as u64 + protocol_fee_bps as u64)
}

impl<'info> Stabilize<'info> {
    /// Asks central_bank to lend `amount` of the currency (from the surplus) or the asset (from the
    /// reserve's account) to the market authority, valued at `value` currency.
    fn borrow(&self, currency: bool, amount: u64, value: u64, bump: u8) -> Result<()> {
        let (mint, source, destination, program) = if currency {
            (
                &self.pool.currency_mint,
                &self.surplus_vault,
                &self.authority_currency,
                self.pool.token_program.to_account_info(),
            )
        } else {
            (
                &self.pool.asset_mint,
                &self.reserve_asset,
                &self.authority_asset,
                self.pool.asset_token_program.to_account_info(),
            )
        };
        let signer: &[&[u8]] = &[seeds::MARKET_AUTHORITY, &[bump]];
        central_bank::cpi::support_market(
            CpiContext::new_with_signer(
                self.central_bank_program.key(),
                SupportMarket {
                    market_authority: self.market_authority.to_account_info(),
                    policy: self.policy.to_account_info(),
                    reserve: self.reserve.to_account_info(),
                    mint: mint.to_account_info(),
                    source: source.to_account_info(),
                    destination: destination.to_account_info(),
                    token_program: program,
                },
                &[signer],
            ),
            amount,
            value,
        )
    }

    /// Currency value the reserve may still lend in the current period.
    fn cap_left(&self, cap: u64, period_secs: u32, now: i64) -> u64 {
        if now
            >= self
                .reserve
                .support_period_start
                .saturating_add(period_secs as i64)
        {
            cap
        } else {
            cap.saturating_sub(self.reserve.support_used)
        }
    }
}

pub fn handle_stabilize(ctx: Context<Stabilize>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let policy = open_market_policy(&a.policy)?;
    let energy_mint =
        Pubkey::find_program_address(&[seeds::ENERGY_CREDIT_MINT], &seeds::GRID_MARKET_ID).0;
    require_keys_eq!(
        a.pool.pool.asset_mint,
        energy_mint,
        MarketplaceError::NotStabilized
    );

    let pool = &a.pool.pool;
    let Some(twap) = pool.twap(now, pool.observation_interval_secs as i64) else {
        return Ok(());
    };
    require!(
        now >= pool
            .stabilized_at
            .saturating_add(pool.observation_interval_secs as i64),
        MarketplaceError::StabilizedThisInterval
    );
    let per_kwh = u64::try_from(twap * WH_PER_KWH as u128 / PRICE_SCALE).unwrap_or(u64::MAX);
    let cap_left = a.cap_left(
        policy.reserve_support_cap,
        policy.reserve_support_period_secs,
        now,
    );
    let (asset, currency) = (pool.asset_reserve, pool.currency_reserve);
    let spot = se_math::mul_div_floor(currency, WH_PER_KWH, asset).math()?;
    let step = support_step_bps(pool.lp_fee_bps, policy.marketplace_fee_bps);

    let buy_asset = per_kwh < policy.price_floor;
    let amount = if buy_asset {
        // Currency in until the spot reaches the floor, or one step above where it is.
        let up = se_math::mul_div_floor(spot, BPS_DENOMINATOR + step, BPS_DENOMINATOR).math()?;
        input_to_reach(currency, asset, policy.price_floor.min(up), WH_PER_KWH)
            .math()?
            .min(cap_left)
            .min(a.surplus_vault.amount)
    } else if per_kwh > policy.price_ceiling {
        // Energy credits in until the spot reaches the ceiling, or one step below where it is;
        // valued at the ceiling.
        let down = se_math::mul_div_ceil(spot, BPS_DENOMINATOR, BPS_DENOMINATOR + step).math()?;
        let affordable =
            se_math::mul_div_floor(cap_left, WH_PER_KWH, policy.price_ceiling).math()?;
        input_to_reach(asset, currency, WH_PER_KWH, policy.price_ceiling.max(down))
            .math()?
            .min(affordable)
            .min(a.reserve_asset.amount)
    } else {
        0
    };
    if amount == 0 {
        return Ok(());
    }
    let value = if buy_asset {
        amount
    } else {
        se_math::mul_div_ceil(amount, policy.price_ceiling, WH_PER_KWH).math()?
    };
    let q = a.pool.pool.quote(buy_asset, amount, 0)?;

    a.borrow(buy_asset, amount, value, ctx.bumps.market_authority)?;
    let authority = a.market_authority.to_account_info();
    let authority_seeds: &[&[u8]] = &[seeds::MARKET_AUTHORITY, &[ctx.bumps.market_authority]];
    if buy_asset {
        a.authority_currency.reload()?;
        se_anchor::transfer(
            &a.pool.token_program.to_account_info(),
            &a.authority_currency,
            &a.pool.currency_mint,
            &a.pool.currency_vault.to_account_info(),
            &authority,
            amount,
            &[authority_seeds],
        )?;
        a.pool
            .pay_out(true, &a.reserve_asset.to_account_info(), q.amount_out)?;
    } else {
        a.authority_asset.reload()?;
        se_anchor::transfer(
            &a.pool.asset_token_program.to_account_info(),
            &a.authority_asset,
            &a.pool.asset_mint,
            &a.pool.asset_vault.to_account_info(),
            &authority,
            amount,
            &[authority_seeds],
        )?;
        a.pool
            .pay_out(false, &a.surplus_vault.to_account_info(), q.amount_out)?;
    }

    let pool = &mut a.pool.pool;
    pool.observe(now)?;
    pool.asset_reserve = q.asset_reserve;
    pool.currency_reserve = q.currency_reserve;
    pool.stabilized_at = now;
    emit_event!(StabilizeEvent {
        pool: pool.key(),
        buy_asset,
        amount_in: amount,
        amount_out: q.amount_out,
        twap_per_kwh: per_kwh,
    });
    a.pool.finish()
}
