//! SourceEnergy L3 — Time Block: registered meters, oracle readings, settlement epochs and
//! energy credits (one per verified Wh). Pricing, settlement and revenue claims come next.
#![allow(unexpected_cfgs, deprecated)]

use anchor_lang::prelude::*;

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
}
