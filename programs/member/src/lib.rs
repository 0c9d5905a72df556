//! SourceEnergy L6 — Genesis Block: the individual. A member account per attested wallet
//! holds the member's permissions, affiliations (household, community) and lifetime metrics;
//! every member action checks them and then acts on the layers above by CPI, with the
//! wallet's token accounts as source and destination.
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

declare_id!("ZsUSWowV8PbHbMHJdgL7Wp7K4qgwKPHeyZ3w2wUT7R5");

#[program]
pub mod member {
    use super::*;

    pub fn create_member(ctx: Context<CreateMember>) -> Result<()> {
        instructions::handle_create_member(ctx)
    }

    pub fn set_permissions(ctx: Context<SetPermissions>, permissions: u8) -> Result<()> {
        instructions::handle_set_permissions(ctx, permissions)
    }

    pub fn join_household(ctx: Context<JoinHousehold>) -> Result<()> {
        instructions::handle_join_household(ctx)
    }

    pub fn join_community(ctx: Context<JoinCommunity>) -> Result<()> {
        instructions::handle_join_community(ctx)
    }

    /// Clears the member's household affiliation, once the household's trustees have removed
    /// the wallet (they can only after it claimed everything owed). The wallet signs.
    pub fn leave_household(ctx: Context<LeaveHousehold>) -> Result<()> {
        instructions::handle_leave_household(ctx)
    }

    /// Clears the member's community affiliation, once its position there holds no shares and
    /// nothing claimable. The wallet signs; the empty position stays, for a later return.
    pub fn leave_community(ctx: Context<LeaveCommunity>) -> Result<()> {
        instructions::handle_leave_community(ctx)
    }

    pub fn register_meter(
        ctx: Context<RegisterMeter>,
        meter_id: Pubkey,
        capacity_w: u64,
        oracle: Pubkey,
    ) -> Result<()> {
        instructions::handle_register_meter(ctx, meter_id, capacity_w, oracle)
    }

    pub fn invest(ctx: Context<CommunityMove>, amount: u64) -> Result<()> {
        instructions::handle_invest(ctx, amount)
    }

    pub fn divest(ctx: Context<CommunityMove>, shares: u64) -> Result<()> {
        instructions::handle_divest(ctx, shares)
    }

    pub fn claim_rewards(ctx: Context<CommunityMove>) -> Result<()> {
        instructions::handle_claim_rewards(ctx)
    }

    pub fn contribute(ctx: Context<HouseholdMove>, amount: u64) -> Result<()> {
        instructions::handle_contribute(ctx, amount)
    }

    pub fn claim_household(ctx: Context<HouseholdMove>) -> Result<()> {
        instructions::handle_claim_household(ctx)
    }

    pub fn claim_revenue(ctx: Context<ClaimRevenue>) -> Result<()> {
        instructions::handle_claim_revenue(ctx)
    }

    pub fn record_reading(ctx: Context<RecordReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_record_reading(ctx, cumulative_wh)
    }
}
