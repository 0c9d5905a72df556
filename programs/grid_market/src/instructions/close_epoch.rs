use anchor_lang::prelude::*;
use central_bank::checks;
use marketplace::state::Pool;
use se_math::{
    amm::PRICE_SCALE,
    pricing::{clearing_price, depth_at, median, MarketInput, PriceRule, WH_PER_KWH},
};

use crate::{
    errors::{GridMarketError, MathExt},
    events::{EpochEvent, PriceEvent},
    seeds,
    state::*,
};

/// Permissionless once the epoch has ended: no more readings, and the clearing price is
/// fixed from the grid feeds, the energy pool over the whole epoch, the policy band and the
/// previous epoch's price (`se_math::pricing::clearing_price`: inputs clamped to the band, the
/// market weighted by the pool's depth against the epoch's energy, at most one step from the
/// last price). The previous epoch and the energy pool are read at their fixed addresses when
/// they exist, so the caller cannot choose the price inputs by leaving accounts out.
///
/// Epochs close in order: the previous epoch must be closed already (or never have been
/// opened; it can no longer be), so its final price is the fallback when too few grid feeds
/// came in. Closing out of order fails with `PreviousEpochNotClosed`.
#[derive(Accounts)]
pub struct CloseEpoch<'info> {
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    #[account(seeds = [seeds::MARKET], bump = market.bump)]
    pub market: Box<Account<'info, Market>>,
    #[account(mut, seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
    /// CHECK: the previous epoch's address (the epoch itself for epoch 0); read if it exists.
    #[account(
        seeds = [seeds::EPOCH, &epoch.index.saturating_sub(1).to_le_bytes()],
        bump = se_anchor::stored_bump(
            &previous_epoch, &[seeds::EPOCH, &epoch.index.saturating_sub(1).to_le_bytes()], &crate::ID,
        ),
    )]
    pub previous_epoch: UncheckedAccount<'info>,
    /// CHECK: the marketplace pool of the energy credits; read if it exists.
    #[account(
        seeds = [marketplace::seeds::POOL, market.energy_credit_mint.as_ref()],
        bump = se_anchor::stored_bump(
            &energy_pool, &[marketplace::seeds::POOL, market.energy_credit_mint.as_ref()], &marketplace::ID,
        ),
        seeds::program = marketplace::ID,
    )]
    pub energy_pool: UncheckedAccount<'info>,
}

pub fn handle_close_epoch(ctx: Context<CloseEpoch>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    require!(now >= a.epoch.end, GridMarketError::EpochNotEnded);
    require!(
        a.epoch.status == EpochStatus::Open,
        GridMarketError::EpochClosed
    );
    let policy = checks::load_policy(&a.policy)?.params;

    let previous = if a.epoch.index > 0 {
        se_anchor::read_existing::<Epoch>(&a.previous_epoch, &crate::ID)?
    } else {
        None
    };
    // An open previous epoch has no price yet; closing past it would fall back to the floor.
    require!(
        previous
            .as_ref()
            .is_none_or(|p| p.status != EpochStatus::Open),
        GridMarketError::PreviousEpochNotClosed
    );
    let previous_price = previous
        .map(|p| p.clearing_price)
        .filter(|price| *price > 0);
    let epoch = &mut a.epoch;
    let mut feeds = epoch.feeds;
    let n = epoch.feed_count as usize;
    let (grid_price, grid_source) = match median(&mut feeds[..n]) {
        Some(m) if n >= policy.min_grid_price_feeds as usize => (m, GridPriceSource::Median),
        _ => match previous_price {
            Some(p) => (p, GridPriceSource::PreviousEpoch),
            None => (policy.price_floor, GridPriceSource::PolicyFloor),
        },
    };
    // The energy pool over the whole epoch: its time-weighted price and liquidity.
    let pool = se_anchor::read_existing::<Pool>(&a.energy_pool, &marketplace::ID)?;
    let market = pool.as_ref().and_then(|pool| {
        let window = pool.window(epoch.start, epoch.end)?;
        Some(MarketInput {
            price: u64::try_from(window.price.saturating_mul(WH_PER_KWH as u128) / PRICE_SCALE)
                .unwrap_or(u64::MAX),
            depth: depth_at(
                window.liquidity,
                grid_price.clamp(policy.price_floor, policy.price_ceiling),
            ),
            fee_bps: pool.lp_fee_bps as u64 + policy.marketplace_fee_bps as u64,
        })
    });
    let clearing = clearing_price(
        grid_price,
        market,
        epoch.total_wh,
        previous_price,
        PriceRule {
            grid_weight_bps: policy.grid_price_weight_bps,
            floor: policy.price_floor,
            ceiling: policy.price_ceiling,
        },
    )
    .math()?;

    epoch.grid_price = grid_price;
    epoch.grid_source = grid_source;
    epoch.market_price = market.map_or(0, |m| m.price);
    epoch.market_depth = market.map_or(0, |m| m.depth);
    epoch.market_weight_bps = clearing.market_weight_bps;
    epoch.clearing_price = clearing.price;
    epoch.status = EpochStatus::Closed;
    emit_event!(EpochEvent {
        index: epoch.index,
        opened: false,
        total_wh: epoch.total_wh,
    });
    emit_event!(PriceEvent {
        index: epoch.index,
        grid_price,
        grid_source,
        market_price: epoch.market_price,
        market_weight_bps: clearing.market_weight_bps,
        clearing_price: clearing.price,
    });
    epoch.invariant()
}
