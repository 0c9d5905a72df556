//! SourceEnergy L2 — Ecology Block: constant-product pools of governance-listed assets against
//! the currency, with compliance monitoring (attestation level, single-trade and rolling
//! 24-hour limits from L1 policy) and a TWAP that L3 pricing reads.
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

declare_id!("DU1QfN2sPcBeXCKiwjLwkwidmVbmTkzfuaKxjWEfKKcP");

#[program]
pub mod marketplace {
    use super::*;

    pub fn open_trader(ctx: Context<OpenTrader>) -> Result<()> {
        instructions::handle_open_trader(ctx)
    }

    pub fn create_pool(ctx: Context<CreatePool>, args: CreatePoolArgs) -> Result<()> {
        instructions::handle_create_pool(ctx, args)
    }

    pub fn deposit(
        ctx: Context<Deposit>,
        lp: u64,
        max_asset: u64,
        max_currency: u64,
    ) -> Result<()> {
        instructions::handle_deposit(ctx, lp, max_asset, max_currency)
    }

    pub fn withdraw(
        ctx: Context<Withdraw>,
        lp: u64,
        min_asset: u64,
        min_currency: u64,
    ) -> Result<()> {
        instructions::handle_withdraw(ctx, lp, min_asset, min_currency)
    }

    pub fn swap(
        ctx: Context<Swap>,
        buy_asset: bool,
        amount_in: u64,
        minimum_out: u64,
    ) -> Result<()> {
        instructions::handle_swap(ctx, buy_asset, amount_in, minimum_out)
    }

    pub fn make_offer(ctx: Context<MakeOffer>, args: MakeOfferArgs) -> Result<()> {
        instructions::handle_make_offer(ctx, args)
    }

    pub fn take_offer(ctx: Context<TakeOffer>, sell: u64, max_pay: u64) -> Result<()> {
        instructions::handle_take_offer(ctx, sell, max_pay)
    }

    pub fn close_offer(ctx: Context<CloseOffer>) -> Result<()> {
        instructions::handle_close_offer(ctx)
    }

    pub fn init_carbon_registry(ctx: Context<InitCarbonRegistry>) -> Result<()> {
        instructions::handle_init_carbon_registry(ctx)
    }

    pub fn convert_energy(ctx: Context<ConvertEnergy>, wh: u64) -> Result<()> {
        instructions::handle_convert_energy(ctx, wh)
    }

    pub fn retire_carbon(
        ctx: Context<RetireCarbon>,
        grams: u64,
        beneficiary: Pubkey,
        reason: String,
    ) -> Result<()> {
        instructions::handle_retire_carbon(ctx, grams, beneficiary, reason)
    }

    pub fn stabilize(ctx: Context<Stabilize>) -> Result<()> {
        instructions::handle_stabilize(ctx)
    }
}
