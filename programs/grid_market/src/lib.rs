//! SourceEnergy grid market: registered meters, oracle readings, settlement epochs and
//! energy credits (one per verified Wh), dynamic pricing, settlement, pull-based revenue claims
//! and the sweep of unclaimed revenue to the central bank's reserve.
#![allow(unexpected_cfgs, deprecated)]

use anchor_lang::prelude::*;

#[macro_use]
extern crate se_anchor;

mod claim_accounts;
pub mod errors;
pub mod events;
pub mod instructions;
mod reading_accounts;
pub mod seeds;
pub mod state;

pub use instructions::*;

declare_id!("BzmUoScnbnzcgacHje5Kyjf26Qg3vdZXaqJnMdhazYyK");

#[program]
pub mod grid_market {
    use super::*;

    /// Creates the grid market, its currency revenue vault and the energy credit mint (Token-2022,
    /// 3 decimals: 1 base unit = 1 Wh). Runs once; anyone may pay. The epoch length is fixed here
    /// from the central bank's policy.
    pub fn init_market(ctx: Context<InitMarket>) -> Result<()> {
        instructions::handle_init_market(ctx)
    }

    /// A holder of the central bank's meter-registrar role registers a meter: its owner (who earns
    /// its revenue), the wallet its credits go to, its capacity (W) and its oracle.
    pub fn register_meter(ctx: Context<RegisterMeter>, args: RegisterMeterArgs) -> Result<()> {
        instructions::handle_register_meter(ctx, args)
    }

    /// Permissionless: opens epoch `index`, which must be the epoch containing now. Readings and
    /// grid prices need it open.
    pub fn open_epoch(ctx: Context<OpenEpoch>, index: u64) -> Result<()> {
        instructions::handle_open_epoch(ctx, index)
    }

    /// Permissionless once the epoch ended, in order: stops readings and fixes the clearing price
    /// (currency base units per kWh) from the grid feeds, the marketplace TWAP and the policy band.
    pub fn close_epoch(ctx: Context<CloseEpoch>) -> Result<()> {
        instructions::handle_close_epoch(ctx)
    }

    /// Only the meter's oracle, holding the central bank's meter-oracle role: reports the meter's
    /// cumulative energy `cumulative_wh` (Wh). The new energy is added to the owner's contribution
    /// in the open epoch and minted to it as energy credits (1 base unit = 1 Wh).
    pub fn submit_reading(ctx: Context<SubmitReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_submit_reading(ctx, cumulative_wh)
    }

    /// A holder of the central bank's grid-price-feeder role submits `price` (currency base units
    /// per kWh) for the open epoch; one submission per feeder.
    pub fn submit_grid_price(ctx: Context<SubmitGridPrice>, price: u64) -> Result<()> {
        instructions::handle_submit_grid_price(ctx, price)
    }

    /// The central bank's grid offtaker pays a closed epoch's revenue, `floor(total Wh x clearing
    /// price / 1000)` currency base units, into the revenue vault. `max_amount`: the most it agrees
    /// to pay; a larger revenue is rejected.
    pub fn settle_epoch(ctx: Context<SettleEpoch>, max_amount: u64) -> Result<()> {
        instructions::handle_settle_epoch(ctx, max_amount)
    }

    /// The contributor (a wallet, or a lower layer's PDA by CPI) claims `floor(its Wh x clearing
    /// price / 1000)` currency base units of a settled epoch into any currency account.
    pub fn claim(ctx: Context<Claim>) -> Result<()> {
        instructions::handle_claim(ctx)
    }

    /// Permissionless after the claim window: sends a settled epoch's unclaimed revenue to the
    /// central bank's reserve surplus and marks it expired (claimed + swept = revenue).
    pub fn sweep_epoch(ctx: Context<SweepEpoch>) -> Result<()> {
        instructions::handle_sweep_epoch(ctx)
    }

    /// Permissionless: frees a contributor's slot of an expired epoch it never claimed, so the slot
    /// can take a new epoch.
    pub fn release_expired(ctx: Context<ReleaseExpired>) -> Result<()> {
        instructions::handle_release_expired(ctx)
    }
}
