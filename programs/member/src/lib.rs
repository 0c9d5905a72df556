//! SourceEnergy member program: the individual. A member account per attested wallet
//! holds the member's permissions, affiliations (household, community) and lifetime metrics;
//! every member action checks them and then acts on the layers above by CPI, with the
//! wallet's token accounts as source and destination.
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

declare_id!("ZsUSWowV8PbHbMHJdgL7Wp7K4qgwKPHeyZ3w2wUT7R5");

#[program]
pub mod member {
    use super::*;

    /// A wallet with a valid central bank attestation creates its member account (PDA `[MEMBER,
    /// wallet]`) with every permission, paying the rent.
    pub fn create_member(ctx: Context<CreateMember>) -> Result<()> {
        instructions::handle_create_member(ctx)
    }

    /// The KYC provider that attested the member's wallet, while central_bank lists it as approved,
    /// sets `permissions`: a bit set, bit 0 invest, bit 1 sell energy, bit 2 claim.
    pub fn set_permissions(ctx: Context<SetPermissions>, permissions: u8) -> Result<()> {
        instructions::handle_set_permissions(ctx, permissions)
    }

    /// The member's wallet joins a household trust whose trustees list it; records the affiliation.
    pub fn join_household(ctx: Context<JoinHousehold>) -> Result<()> {
        instructions::handle_join_household(ctx)
    }

    /// The member's wallet joins a community directly: its member account opens a position there
    /// (signing by CPI; the wallet pays the rent), or finds the one it left earlier.
    pub fn join_community(ctx: Context<JoinCommunity>) -> Result<()> {
        instructions::handle_join_community(ctx)
    }

    /// The wallet clears its member account's household affiliation, once the trustees removed it
    /// (possible only after it claimed everything owed).
    pub fn leave_household(ctx: Context<LeaveHousehold>) -> Result<()> {
        instructions::handle_leave_household(ctx)
    }

    /// The wallet clears its member account's community affiliation, once its position holds no
    /// shares and nothing claimable; the empty position stays for a later return.
    pub fn leave_community(ctx: Context<LeaveCommunity>) -> Result<()> {
        instructions::handle_leave_community(ctx)
    }

    /// The wallet, with the sell-energy permission and a valid attestation, registers meter
    /// `meter_id` (capacity `capacity_w` in W, read by `oracle`) in grid_market, owned by its
    /// member account; a holder of the central bank's meter-registrar role co-signs.
    pub fn register_meter(
        ctx: Context<RegisterMeter>,
        meter_id: Pubkey,
        capacity_w: u64,
        oracle: Pubkey,
    ) -> Result<()> {
        instructions::handle_register_meter(ctx, meter_id, capacity_w, oracle)
    }

    /// The wallet, with the invest permission and a valid attestation, invests `amount` currency
    /// base units in its community; the member account holds the shares.
    pub fn invest(ctx: Context<CommunityMove>, amount: u64) -> Result<()> {
        instructions::handle_invest(ctx, amount)
    }

    /// The wallet, with the invest permission and a valid attestation, redeems `shares` of its
    /// community position into its currency account.
    pub fn divest(ctx: Context<CommunityMove>, shares: u64) -> Result<()> {
        instructions::handle_divest(ctx, shares)
    }

    /// The wallet, with the claim permission and a valid attestation, claims its community rewards
    /// (currency base units) into its currency account.
    pub fn claim_rewards(ctx: Context<CommunityMove>) -> Result<()> {
        instructions::handle_claim_rewards(ctx)
    }

    /// The wallet, with the invest permission and a valid attestation, pays `amount` currency base
    /// units into its household trust.
    pub fn contribute(ctx: Context<HouseholdMove>, amount: u64) -> Result<()> {
        instructions::handle_contribute(ctx, amount)
    }

    /// The wallet, with the claim permission and a valid attestation, claims what its household
    /// trust distributed to it into its currency account.
    pub fn claim_household(ctx: Context<HouseholdMove>) -> Result<()> {
        instructions::handle_claim_household(ctx)
    }

    /// The wallet, with the claim permission and a valid attestation, claims the revenue of its own
    /// meters in a settled grid_market epoch into its currency account; the member account signs
    /// the grid_market claim.
    pub fn claim_revenue(ctx: Context<ClaimRevenue>) -> Result<()> {
        instructions::handle_claim_revenue(ctx)
    }

    /// The meter's oracle (holding the central bank's meter-oracle role) reports `cumulative_wh`
    /// (Wh) of a member's meter, while the member has the sell-energy permission and a valid
    /// attestation; carried up by CPI through its household, else its community, else straight to
    /// grid_market.
    pub fn record_reading(ctx: Context<RecordMemberReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_record_reading(ctx, cumulative_wh)
    }
}
