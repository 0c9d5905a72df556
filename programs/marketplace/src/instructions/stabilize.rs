use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use central_bank::{cpi::accounts::SupportMarket, program::CentralBank, state::Reserve};
use se_math::{
    amm::{input_to_reach, PRICE_SCALE},
    pricing::WH_PER_KWH,
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

impl<'info> Stabilize<'info> {
    /// Asks L1 to lend `amount` of the currency (from the surplus) or the asset (from the
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
    let per_kwh = u64::try_from(twap * WH_PER_KWH as u128 / PRICE_SCALE).unwrap_or(u64::MAX);
    let cap_left = a.cap_left(
        policy.reserve_support_cap,
        policy.reserve_support_period_secs,
        now,
    );
    let (asset, currency) = (pool.asset_reserve, pool.currency_reserve);

    let buy_asset = per_kwh < policy.price_floor;
    let amount = if buy_asset {
        // Currency in until currency/asset reaches floor/1000.
        input_to_reach(currency, asset, policy.price_floor, WH_PER_KWH)
            .math()?
            .min(cap_left)
            .min(a.surplus_vault.amount)
    } else if per_kwh > policy.price_ceiling {
        // Energy credits in until asset/currency reaches 1000/ceiling, valued at the ceiling.
        let affordable =
            se_math::mul_div_floor(cap_left, WH_PER_KWH, policy.price_ceiling).math()?;
        input_to_reach(asset, currency, WH_PER_KWH, policy.price_ceiling)
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
    emit_event!(StabilizeEvent {
        pool: pool.key(),
        buy_asset,
        amount_in: amount,
        amount_out: q.amount_out,
        twap_per_kwh: per_kwh,
    });
    a.pool.finish()
}
