//! SourceEnergy marketplace: constant-product pools of governance-listed assets against
//! the currency, with compliance monitoring (attestation level, single-trade and rolling
//! 24-hour limits from the central bank's policy) and a TWAP that grid_market pricing reads.
#![allow(unexpected_cfgs, deprecated)]

use anchor_lang::prelude::*;

#[macro_use]
extern crate se_anchor;

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

    /// A wallet creates its trader record (volume and compliance counters); needed once before its
    /// first deposit or swap. The wallet pays the rent.
    pub fn open_trader(ctx: Context<OpenTrader>) -> Result<()> {
        instructions::handle_open_trader(ctx)
    }

    /// An attested wallet creates the pool of a governance-listed asset against the currency with
    /// its first deposit (`args`); refuses mints with a freeze authority or a risky Token-2022
    /// extension.
    pub fn create_pool(ctx: Context<CreatePool>, args: CreatePoolArgs) -> Result<()> {
        instructions::handle_create_pool(ctx, args)
    }

    /// An attested wallet mints exactly `lp` LP tokens for at most `max_asset` asset and
    /// `max_currency` currency base units (inputs rounded up).
    pub fn deposit(
        ctx: Context<DepositLiquidity>,
        lp: u64,
        max_asset: u64,
        max_currency: u64,
    ) -> Result<()> {
        instructions::handle_deposit(ctx, lp, max_asset, max_currency)
    }

    /// Any LP holder burns `lp` LP tokens for at least `min_asset` asset and `min_currency`
    /// currency base units (outputs rounded down). Works while paused and without an attestation.
    pub fn withdraw(
        ctx: Context<Withdraw>,
        lp: u64,
        min_asset: u64,
        min_currency: u64,
    ) -> Result<()> {
        instructions::handle_withdraw(ctx, lp, min_asset, min_currency)
    }

    /// An attested wallet swaps exactly `amount_in` base units: currency for the asset if
    /// `buy_asset`, else the asset for currency; fails below `minimum_out`. LP and protocol fees
    /// are rounded up.
    pub fn swap(
        ctx: Context<Swap>,
        buy_asset: bool,
        amount_in: u64,
        minimum_out: u64,
    ) -> Result<()> {
        instructions::handle_swap(ctx, buy_asset, amount_in, minimum_out)
    }

    /// An attested wallet escrows `args.sell_amount` of one side (the currency or a listed asset)
    /// for `args.buy_amount` of the other, until `args.expires_at`.
    pub fn make_offer(ctx: Context<MakeOffer>, args: MakeOfferArgs) -> Result<()> {
        instructions::handle_make_offer(ctx, args)
    }

    /// An attested wallet buys `sell` base units of the offer's sell side, paying at most `max_pay`
    /// base units of its buy side.
    pub fn take_offer(ctx: Context<TakeOffer>, sell: u64, max_pay: u64) -> Result<()> {
        instructions::handle_take_offer(ctx, sell, max_pay)
    }

    /// The maker at any time, anyone after expiry: returns what remains in escrow and all rent to
    /// the maker.
    pub fn close_offer(ctx: Context<CloseOffer>) -> Result<()> {
        instructions::handle_close_offer(ctx)
    }

    /// Creates the carbon registry and the carbon credit mint (6 decimals; 1 base unit = 1 g CO2),
    /// bound to grid_market's energy credit mint. Runs once; anyone may pay.
    pub fn init_carbon_registry(ctx: Context<InitCarbonRegistry>) -> Result<()> {
        instructions::handle_init_carbon_registry(ctx)
    }

    /// An attested holder burns `wh` energy credits (base units: Wh) and receives `floor(wh x
    /// emission factor / 1000)` carbon credit base units (grams of CO2 avoided).
    pub fn convert_energy(ctx: Context<ConvertEnergy>, wh: u64) -> Result<()> {
        instructions::handle_convert_energy(ctx, wh)
    }

    /// An attested holder burns `grams` of carbon credits for good and writes a permanent
    /// retirement record naming `beneficiary`, with `reason` (UTF-8, at most 64 bytes). Allowed
    /// while trading is paused.
    pub fn retire_carbon(
        ctx: Context<RetireCarbon>,
        grams: u64,
        beneficiary: Pubkey,
        reason: String,
    ) -> Result<()> {
        instructions::handle_retire_carbon(ctx, grams, beneficiary, reason)
    }

    /// Permissionless crank: when the energy credit pool's TWAP leaves the policy price band,
    /// borrows reserve liquidity (within its per-period cap) and trades it against the pool toward
    /// the band.
    pub fn stabilize(ctx: Context<Stabilize>) -> Result<()> {
        instructions::handle_stabilize(ctx)
    }
}
