//! SourceEnergy L3 — Time Block: registered meters, oracle readings, settlement epochs and
//! energy credits (one per verified Wh), dynamic pricing, settlement, pull-based revenue claims
//! and the sweep of unclaimed revenue to the L1 reserve.
#![allow(unexpected_cfgs, deprecated)]

use anchor_lang::prelude::*;

/// `emit!`, logging natively too: Anchor's `emit!` logs nothing off chain (see
/// `central_bank::cpi_util::log_event`).
macro_rules! emit_event {
    ($event:expr) => {
        central_bank::cpi_util::log_event(&anchor_lang::Event::data(&$event))
    };
}

pub mod errors;
pub mod events;
pub mod instructions;
pub mod seeds;
pub mod state;

pub use instructions::*;

declare_id!("BzmUoScnbnzcgacHje5Kyjf26Qg3vdZXaqJnMdhazYyK");

#[program]
pub mod grid_market {
    use super::*;

    pub fn init_market(ctx: Context<InitMarket>) -> Result<()> {
        instructions::handle_init_market(ctx)
    }

    pub fn register_meter(ctx: Context<RegisterMeter>, args: RegisterMeterArgs) -> Result<()> {
        instructions::handle_register_meter(ctx, args)
    }

    pub fn open_epoch(ctx: Context<OpenEpoch>, index: u64) -> Result<()> {
        instructions::handle_open_epoch(ctx, index)
    }

    pub fn close_epoch(ctx: Context<CloseEpoch>) -> Result<()> {
        instructions::handle_close_epoch(ctx)
    }

    pub fn submit_reading(ctx: Context<SubmitReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_submit_reading(ctx, cumulative_wh)
    }

    pub fn submit_grid_price(ctx: Context<SubmitGridPrice>, price: u64) -> Result<()> {
        instructions::handle_submit_grid_price(ctx, price)
    }

    pub fn settle_epoch(ctx: Context<SettleEpoch>, max_amount: u64) -> Result<()> {
        instructions::handle_settle_epoch(ctx, max_amount)
    }

    pub fn claim(ctx: Context<Claim>) -> Result<()> {
        instructions::handle_claim(ctx)
    }

    pub fn sweep_epoch(ctx: Context<SweepEpoch>) -> Result<()> {
        instructions::handle_sweep_epoch(ctx)
    }

    pub fn release_expired(ctx: Context<ReleaseExpired>) -> Result<()> {
        instructions::handle_release_expired(ctx)
    }
}
