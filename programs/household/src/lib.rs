//! SourceEnergy household program: a household trust. Trustees (with a threshold) set the
//! members and their weights; members pay in through their member accounts; the trust invests in
//! its community, claims income from the layers above by CPI, and a permissionless crank
//! distributes it: part reinvested in community shares, the rest to members by weight.
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
use state::MemberWeight;

declare_id!("DgRmmy8sTFW87o8gvUguWSXP1QHvano5cvyRNgVRtXc7");

#[program]
pub mod household {
    use super::*;

    /// Anyone creates household trust `args.id` with its trustees, signing threshold and
    /// reinvestment share (bps), and its currency vault; the payer pays. The trustees set the
    /// members afterwards.
    pub fn create_household(
        ctx: Context<CreateHousehold>,
        args: CreateHouseholdArgs,
    ) -> Result<()> {
        instructions::handle_create_household(ctx, args)
    }

    /// Trustees (threshold, as remaining-account signers) replace the member list: wallets with
    /// weights in bps summing to 10,000. A member with a balance to claim stays listed, but its
    /// weight may be 0 (it receives no more distributions).
    pub fn set_members(ctx: Context<SetMembers>, members: Vec<MemberWeight>) -> Result<()> {
        instructions::handle_set_members(ctx, members)
    }

    /// Trustees (threshold, as remaining-account signers) join a community: the trust opens its
    /// position there (its PDA signs by CPI), then invests in it and carries its readings through
    /// it.
    pub fn join_community(ctx: Context<JoinCommunity>) -> Result<()> {
        instructions::handle_join_community(ctx)
    }

    /// A member pays `amount` currency base units into the trust, by CPI from its member account
    /// (which checked its permission and attestation); the wallet pays.
    pub fn contribute(ctx: Context<Contribute>, amount: u64) -> Result<()> {
        instructions::handle_contribute(ctx, amount)
    }

    /// Trustees (threshold, as remaining-account signers) invest `amount` currency base units of
    /// uninvested contributions in the trust's community position.
    pub fn invest(ctx: Context<Invest>, amount: u64) -> Result<()> {
        instructions::handle_invest(ctx, amount)
    }

    /// Permissionless: the trust claims its community rewards into its vault (its PDA signs the
    /// community program's claim) and books them as income.
    pub fn claim_community_rewards(ctx: Context<ClaimCommunityRewards>) -> Result<()> {
        instructions::handle_claim_community_rewards(ctx)
    }

    /// Permissionless: the trust claims a grid_market epoch's revenue of its own meters into its
    /// vault and books it as income.
    pub fn claim_grid_revenue(ctx: Context<ClaimHouseholdGridRevenue>) -> Result<()> {
        instructions::handle_claim_grid_revenue(ctx)
    }

    /// Permissionless crank: splits undistributed income, `reinvest_bps` into community shares (by
    /// CPI), the rest owed to members by weight, rounded down; dust waits for the next round.
    pub fn distribute(ctx: Context<Distribute>) -> Result<()> {
        instructions::handle_distribute(ctx)
    }

    /// A member claims what was distributed to `wallet` (its wallet), by CPI from its member
    /// account (which checks its permission), into any currency account it names.
    pub fn claim_distribution(ctx: Context<ClaimDistribution>, wallet: Pubkey) -> Result<()> {
        instructions::handle_claim_distribution(ctx, wallet)
    }

    /// The meter's oracle (holding the central bank's meter-oracle role) reports `cumulative_wh`
    /// (Wh) of the trust's own meter, or of a member's meter with its member account co-signing as
    /// reporter; carried up through the trust's community if it has one, else straight to
    /// grid_market.
    pub fn record_reading(ctx: Context<RecordHouseholdReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_record_reading(ctx, cumulative_wh)
    }

    /// Trustees (threshold, as remaining-account signers) redeem `shares` of the trust's community
    /// position and share the currency out to the members by weight at once (rounded down; dust
    /// joins the next distribution).
    pub fn divest(ctx: Context<Divest>, shares: u64) -> Result<()> {
        instructions::handle_divest(ctx, shares)
    }

    /// Trustees (threshold, as remaining-account signers) move `amount` energy credits (base units:
    /// Wh) from the trust's credit account to one they name; the trust's PDA signs.
    pub fn transfer_credits(ctx: Context<TransferCredits>, amount: u64) -> Result<()> {
        instructions::handle_transfer_credits(ctx, amount)
    }
}
