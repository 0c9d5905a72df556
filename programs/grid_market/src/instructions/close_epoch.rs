use anchor_lang::prelude::*;
use central_bank::checks;
use marketplace::state::Pool;
use se_math::{
    amm::PRICE_SCALE,
    pricing::{clearing_price, median, WH_PER_KWH},
};

use crate::{
    errors::{GridMarketError, MathExt},
    events::{EpochEvent, PriceEvent},
    seeds,
    state::*,
};

/// Permissionless once the epoch has ended: no more readings, and the clearing price is
/// fixed from the grid feeds, the marketplace TWAP and the policy band. The previous epoch and
/// the energy pool are read at their fixed addresses when they exist, so the caller cannot
/// choose the price inputs by leaving accounts out.
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
    // The market TWAP over the epoch, when observations inside it span half an epoch.
    let half = (epoch.end - epoch.start) / 2;
    let market_price = se_anchor::read_existing::<Pool>(&a.energy_pool, &marketplace::ID)?
        .and_then(|pool| pool.twap_between(epoch.start, epoch.end, half))
        .map(|twap| u64::try_from(twap * WH_PER_KWH as u128 / PRICE_SCALE).unwrap_or(u64::MAX));
    let clearing = clearing_price(
        grid_price,
        market_price,
        policy.grid_price_weight_bps,
        policy.price_floor,
        policy.price_ceiling,
    )
    .math()?;

    epoch.grid_price = grid_price;
    epoch.grid_source = grid_source;
    epoch.market_price = market_price.unwrap_or(0);
    epoch.clearing_price = clearing;
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
        clearing_price: clearing,
    });
    epoch.invariant()
}
