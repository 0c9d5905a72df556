//! SourceEnergy community program: a community development entity's pooled fund. Members
//! and household trusts deposit currency for shares (tokenizable, stakable back); the manager
//! funds renewable projects; the community claims its grid revenue by CPI and shares it out
//! through a reward-per-share accumulator, keeping a fee in its benefit fund; readings carried
//! up through it build its impact metrics.
#![allow(unexpected_cfgs, deprecated)]

use anchor_lang::prelude::*;

#[macro_use]
extern crate se_anchor;

pub mod errors;
pub mod events;
pub mod instructions;
pub mod lower;
mod position_accounts;
pub mod seeds;
pub mod state;

pub use instructions::*;

declare_id!("88Vr35NgWLkSTrfbybAGaMkL9rZqDegsGTGsKaFNU2wc");

#[program]
pub mod community {
    use super::*;

    /// A holder of the central bank's community-registrar role creates community `id` and becomes
    /// its manager: the fund, its currency vault, share mint and benefit fund. `fee_bps`: the share
    /// of grid revenue kept for the benefit fund (basis points, bounded).
    pub fn create_community(ctx: Context<CreateCommunity>, id: Pubkey, fee_bps: u16) -> Result<()> {
        instructions::handle_create_community(ctx, id, fee_bps)
    }

    /// Opens `owner`'s position in the community (a wallet, a household trust or a member account,
    /// whose PDA signs by CPI); `payer` pays the rent.
    pub fn open_position(ctx: Context<OpenPosition>) -> Result<()> {
        instructions::handle_open_position(ctx)
    }

    /// The position's owner deposits `amount` currency base units for shares at the fund's value;
    /// `funder` (the owner, or the wallet behind a member account) pays. The first deposit
    /// locks a few shares for good.
    pub fn deposit(ctx: Context<DepositToPosition>, amount: u64) -> Result<()> {
        instructions::handle_deposit(ctx, amount)
    }

    /// The position's owner redeems `shares` for currency at the fund's value, paid from the liquid
    /// currency to any currency account it names.
    pub fn withdraw(ctx: Context<PayFromPosition>, shares: u64) -> Result<()> {
        instructions::handle_withdraw(ctx, shares)
    }

    /// The position's owner claims its streamed grid revenue rewards (currency base units) into any
    /// currency account it names.
    pub fn claim_rewards(ctx: Context<PayFromPosition>) -> Result<()> {
        instructions::handle_claim_rewards(ctx)
    }

    /// The position's owner mints `shares` share tokens out of its position; tokenized shares are
    /// transferable but earn no rewards.
    pub fn tokenize(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
        instructions::handle_tokenize(ctx, shares)
    }

    /// The holder burns `shares` share tokens and stakes them back into its position, where they
    /// earn rewards again.
    pub fn stake(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
        instructions::handle_stake(ctx, shares)
    }

    /// The manager registers a renewable project (`args`): its community-owned grid_market meter,
    /// capacity, budget and the builder's currency account.
    pub fn register_project(
        ctx: Context<RegisterProject>,
        args: RegisterProjectArgs,
    ) -> Result<()> {
        instructions::handle_register_project(ctx, args)
    }

    /// The manager pays `amount` currency base units of the fund's liquid currency to a project's
    /// builder, up to the project's budget; the fund's value is unchanged.
    pub fn fund_project(ctx: Context<FundProject>, amount: u64) -> Result<()> {
        instructions::handle_fund_project(ctx, amount)
    }

    /// The meter's oracle (holding the central bank's meter-oracle role) reports `cumulative_wh`
    /// (Wh) through this community to grid_market; for a member's or household trust's meter the
    /// member account or household trust co-signs as reporter. Adds the energy and avoided CO2 to
    /// the community's impact metrics.
    pub fn record_reading(ctx: Context<RecordCommunityReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_record_reading(ctx, cumulative_wh)
    }

    /// Permissionless, once a grid_market epoch is closed: books the community's revenue of it (its
    /// Wh x the clearing price) and starts streaming it to staked shares, before the offtaker pays.
    pub fn book_revenue(ctx: Context<BookRevenue>) -> Result<()> {
        instructions::handle_book_revenue(ctx)
    }

    /// Permissionless: the community claims its revenue of a settled grid_market epoch (its PDA
    /// signs by CPI). Booked revenue is now received; revenue never booked is split now (the fee to
    /// the benefit fund, the rest streaming to staked shares over the next `stream_secs`).
    pub fn claim_grid_revenue(ctx: Context<ClaimCommunityGridRevenue>) -> Result<()> {
        instructions::handle_claim_grid_revenue(ctx)
    }

    /// Pays `amount` currency base units (at most the benefit fund) from the benefit fund to a
    /// currency account the caller names. Only the manager, while it holds the central bank's
    /// community-registrar role.
    pub fn spend_benefit_fund(ctx: Context<SpendBenefitFund>, amount: u64) -> Result<()> {
        instructions::handle_spend_benefit_fund(ctx, amount)
    }

    /// Moves `amount` energy credits (base units: Wh) from the community's credit account to a
    /// credit account the caller names; the community's PDA signs. Only the manager, while it
    /// holds the central bank's community-registrar role.
    pub fn transfer_credits(ctx: Context<TransferCredits>, amount: u64) -> Result<()> {
        instructions::handle_transfer_credits(ctx, amount)
    }
}
