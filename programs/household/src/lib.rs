//! SourceEnergy L5 — Source Block: a household trust. Trustees (with a threshold) set the
//! members and their weights; members pay in through their L6 accounts; the trust invests in
//! its community, claims income from the layers above by CPI, and a permissionless crank
//! distributes it: part reinvested in community shares, the rest to members by weight.
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
use state::MemberWeight;

declare_id!("DgRmmy8sTFW87o8gvUguWSXP1QHvano5cvyRNgVRtXc7");

#[program]
pub mod household {
    use super::*;

    pub fn create_household(
        ctx: Context<CreateHousehold>,
        args: CreateHouseholdArgs,
    ) -> Result<()> {
        instructions::handle_create_household(ctx, args)
    }

    /// Trustee signers come as remaining accounts.
    pub fn set_members(ctx: Context<SetMembers>, members: Vec<MemberWeight>) -> Result<()> {
        instructions::handle_set_members(ctx, members)
    }

    /// Trustee signers come as remaining accounts.
    pub fn join_community(ctx: Context<JoinCommunity>) -> Result<()> {
        instructions::handle_join_community(ctx)
    }

    pub fn contribute(ctx: Context<Contribute>, amount: u64) -> Result<()> {
        instructions::handle_contribute(ctx, amount)
    }

    /// Trustee signers come as remaining accounts.
    pub fn invest(ctx: Context<Invest>, amount: u64) -> Result<()> {
        instructions::handle_invest(ctx, amount)
    }

    pub fn claim_community_rewards(ctx: Context<ClaimCommunityRewards>) -> Result<()> {
        instructions::handle_claim_community_rewards(ctx)
    }

    pub fn claim_grid_revenue(ctx: Context<ClaimGridRevenue>) -> Result<()> {
        instructions::handle_claim_grid_revenue(ctx)
    }

    pub fn distribute(ctx: Context<Distribute>) -> Result<()> {
        instructions::handle_distribute(ctx)
    }

    pub fn claim_distribution(ctx: Context<ClaimDistribution>, wallet: Pubkey) -> Result<()> {
        instructions::handle_claim_distribution(ctx, wallet)
    }

    pub fn record_reading(ctx: Context<RecordReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_record_reading(ctx, cumulative_wh)
    }

    /// Redeems `shares` of the trust's community position into the trust vault and shares the
    /// currency out to the members by weight at once (rounded down; dust joins the next
    /// distribution). Trustees (threshold) sign, as remaining accounts.
    pub fn divest(ctx: Context<Divest>, shares: u64) -> Result<()> {
        instructions::handle_divest(ctx, shares)
    }

    /// Moves `amount` energy credits (base units: Wh) from the trust's credit account to a
    /// credit account the caller names; the trust's PDA signs. Trustees (threshold) sign, as
    /// remaining accounts.
    pub fn transfer_credits(ctx: Context<TransferCredits>, amount: u64) -> Result<()> {
        instructions::handle_transfer_credits(ctx, amount)
    }
}
