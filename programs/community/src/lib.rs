//! SourceEnergy L4 — Foundation Block: a community development entity's pooled fund. Members
//! and household trusts deposit currency for shares (tokenizable, stakable back); the manager
//! funds renewable projects; the community claims its L3 grid revenue by CPI and shares it out
//! through a reward-per-share accumulator, keeping a fee in its benefit fund; readings carried
//! up through it build its impact metrics.
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
pub mod lower;
pub mod seeds;
pub mod state;

pub use instructions::*;

declare_id!("88Vr35NgWLkSTrfbybAGaMkL9rZqDegsGTGsKaFNU2wc");

#[program]
pub mod community {
    use super::*;

    pub fn create_community(ctx: Context<CreateCommunity>, id: Pubkey, fee_bps: u16) -> Result<()> {
        instructions::handle_create_community(ctx, id, fee_bps)
    }

    pub fn open_position(ctx: Context<OpenPosition>) -> Result<()> {
        instructions::handle_open_position(ctx)
    }

    pub fn deposit(ctx: Context<Deposit>, amount: u64) -> Result<()> {
        instructions::handle_deposit(ctx, amount)
    }

    pub fn withdraw(ctx: Context<Redeem>, shares: u64) -> Result<()> {
        instructions::handle_withdraw(ctx, shares)
    }

    pub fn claim_rewards(ctx: Context<Redeem>) -> Result<()> {
        instructions::handle_claim_rewards(ctx)
    }

    pub fn tokenize(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
        instructions::handle_tokenize(ctx, shares)
    }

    pub fn stake(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
        instructions::handle_stake(ctx, shares)
    }

    pub fn register_project(
        ctx: Context<RegisterProject>,
        args: RegisterProjectArgs,
    ) -> Result<()> {
        instructions::handle_register_project(ctx, args)
    }

    pub fn fund_project(ctx: Context<FundProject>, amount: u64) -> Result<()> {
        instructions::handle_fund_project(ctx, amount)
    }

    pub fn record_reading(ctx: Context<RecordReading>, cumulative_wh: u64) -> Result<()> {
        instructions::handle_record_reading(ctx, cumulative_wh)
    }

    pub fn claim_grid_revenue(ctx: Context<ClaimGridRevenue>) -> Result<()> {
        instructions::handle_claim_grid_revenue(ctx)
    }

    /// Pays `amount` currency base units (at most the benefit fund) from the benefit fund to a
    /// currency account the caller names. Only the manager, while it holds the L1
    /// community-registrar role.
    pub fn spend_benefit_fund(ctx: Context<SpendBenefitFund>, amount: u64) -> Result<()> {
        instructions::handle_spend_benefit_fund(ctx, amount)
    }

    /// Moves `amount` energy credits (base units: Wh) from the community's credit account to a
    /// credit account the caller names; the community's PDA signs. Only the manager, while it
    /// holds the L1 community-registrar role.
    pub fn transfer_credits(ctx: Context<TransferCredits>, amount: u64) -> Result<()> {
        instructions::handle_transfer_credits(ctx, amount)
    }
}
