//! Income: the trust claims from the layers above by CPI, a permissionless crank distributes
//! it, and members claim their share.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::cpi_util;
use community::{cpi::accounts::Redeem, program::Community as CommunityProgram};
use grid_market::{
    cpi::accounts::{Claim, RevenueAccounts},
    program::GridMarket,
};
use se_math::fund::shares_for_deposit;

use super::capital::*;
use crate::{
    errors::{HouseholdError, MathExt},
    events::{DistributeEvent, DistributionClaimEvent, IncomeEvent},
    seeds,
    state::*,
};

/// The trust and its vault, as every income movement uses them.
#[derive(Accounts)]
pub struct Trust<'info> {
    #[account(
        mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub household: Box<Account<'info, Household>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> Trust<'info> {
    /// Books what arrived in the vault since `before` as income.
    fn book_income(&mut self, before: u64) -> Result<()> {
        self.vault.reload()?;
        let received = se_math::checked_sub(self.vault.amount, before).math()?;
        require!(received > 0, HouseholdError::ZeroAmount);
        self.household.receive(received)?;
        emit!(IncomeEvent {
            household: self.household.key(),
            amount: received,
        });
        self.household.invariant(self.vault.amount)
    }
}

/// Permissionless: the trust claims its community rewards (its PDA signs the L4 claim).
#[derive(Accounts)]
pub struct ClaimCommunityRewards<'info> {
    pub trust: Trust<'info>,
    /// CHECK: L4 checks it (and that it is the trust's position's community).
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: L4 checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: L4 checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

pub fn handle_claim_community_rewards(ctx: Context<ClaimCommunityRewards>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let t = &a.trust;
    let before = t.vault.amount;
    community::cpi::claim_rewards(CpiContext::new_with_signer(
        a.community_program.key(),
        Redeem {
            owner: t.household.to_account_info(),
            community: a.community.to_account_info(),
            position: a.position.to_account_info(),
            currency_mint: t.currency_mint.to_account_info(),
            vault: a.community_vault.to_account_info(),
            destination: t.vault.to_account_info(),
            token_program: t.token_program.to_account_info(),
        },
        &[&t.household.seeds()],
    ))?;
    a.trust.book_income(before)
}

/// Permissionless: the trust claims an L3 epoch's revenue of its own meters.
#[derive(Accounts)]
pub struct ClaimGridRevenue<'info> {
    pub trust: Trust<'info>,
    /// CHECK: the trust's L3 contributor record; L3 checks it.
    #[account(mut)]
    pub contributor: UncheckedAccount<'info>,
    /// CHECK: L3 checks it.
    pub market: UncheckedAccount<'info>,
    /// CHECK: L3 checks it.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    /// CHECK: L3 checks it.
    #[account(mut)]
    pub revenue_vault: UncheckedAccount<'info>,
    pub grid_market_program: Program<'info, GridMarket>,
}

pub fn handle_claim_grid_revenue(ctx: Context<ClaimGridRevenue>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let t = &a.trust;
    let before = t.vault.amount;
    grid_market::cpi::claim(CpiContext::new_with_signer(
        a.grid_market_program.key(),
        Claim {
            owner: t.household.to_account_info(),
            contributor: a.contributor.to_account_info(),
            revenue: RevenueAccounts {
                market: a.market.to_account_info(),
                epoch: a.epoch.to_account_info(),
                currency_mint: t.currency_mint.to_account_info(),
                revenue_vault: a.revenue_vault.to_account_info(),
                token_program: t.token_program.to_account_info(),
            },
            recipient: t.vault.to_account_info(),
        },
        &[&t.household.seeds()],
    ))?;
    a.trust.book_income(before)
}

/// Permissionless crank: splits undistributed income — `reinvest_bps` into community shares
/// (by CPI), the rest to members by weight, rounded down; the dust waits for the next round.
#[derive(Accounts)]
pub struct Distribute<'info> {
    pub trust: Trust<'info>,
    // The trust's community accounts; required when it belongs to one (L4 checks them).
    /// CHECK: L1 policy; L4 checks it.
    pub policy: Option<UncheckedAccount<'info>>,
    /// CHECK: matched to the trust's community.
    #[account(mut)]
    pub community: Option<UncheckedAccount<'info>>,
    /// CHECK: the trust's position; L4 checks it.
    #[account(mut)]
    pub position: Option<UncheckedAccount<'info>>,
    /// CHECK: the community vault; L4 checks it.
    #[account(mut)]
    pub community_vault: Option<UncheckedAccount<'info>>,
    pub community_program: Option<Program<'info, CommunityProgram>>,
}

impl<'info> Distribute<'info> {
    fn community_refs(&self) -> Result<CommunityRefs<'info>> {
        match (
            &self.policy,
            &self.community,
            &self.position,
            &self.community_vault,
            &self.community_program,
        ) {
            (Some(policy), Some(community), Some(position), Some(vault), Some(program)) => {
                Ok(CommunityRefs {
                    policy: policy.to_account_info(),
                    community: community.to_account_info(),
                    position: position.to_account_info(),
                    vault: vault.to_account_info(),
                    program: program.to_account_info(),
                })
            }
            _ => err!(HouseholdError::WrongCommunity),
        }
    }
}

pub fn handle_distribute(ctx: Context<Distribute>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let h = &a.trust.household;
    let income = h.undistributed;
    require!(income > 0, HouseholdError::NothingToDistribute);
    require!(h.member_count > 0, HouseholdError::NoMembers);
    let reinvest = if h.community == Pubkey::default() {
        0
    } else {
        let c = a.community_refs()?;
        let amount = se_math::split::weighted_share(income, h.reinvest_bps).math()?;
        // Reinvest only what buys at least one share; otherwise it goes to the members.
        require_keys_eq!(
            *c.community.owner,
            community::ID,
            HouseholdError::WrongCommunity
        );
        let fund = {
            let data = c.community.try_borrow_data()?;
            community::state::Community::try_deserialize(&mut &data[..])?
        };
        let buys_shares = fund.total_shares > 0
            && shares_for_deposit(amount, fund.total_shares, fund.value()).math()? > 0;
        if buys_shares {
            c.deposit(
                h,
                &a.trust.vault,
                &a.trust.currency_mint,
                &a.trust.token_program.to_account_info(),
                amount,
            )?;
            amount
        } else {
            0
        }
    };
    let now = Clock::get()?.unix_timestamp;
    let h = &mut a.trust.household;
    let to_members = h.share_out(income - reinvest, now)?;
    require!(
        reinvest + to_members > 0,
        HouseholdError::NothingToDistribute
    );
    let dust = income - reinvest - to_members;
    h.undistributed = dust;
    h.reinvested = se_math::checked_add(h.reinvested, reinvest).math()?;
    h.distributions += 1;
    emit!(DistributeEvent {
        household: h.key(),
        income,
        reinvested: reinvest,
        to_members,
        dust,
    });
    a.trust.vault.reload()?;
    a.trust.household.invariant(a.trust.vault.amount)
}

/// A member claims what was distributed to it, through its L6 member account (which checks
/// the member's permission); paid to any currency account the member names.
#[derive(Accounts)]
pub struct ClaimDistribution<'info> {
    pub member: Signer<'info>,
    pub trust: Trust<'info>,
    #[account(mut, token::mint = trust.currency_mint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_claim_distribution(ctx: Context<ClaimDistribution>, wallet: Pubkey) -> Result<()> {
    let a = &mut *ctx.accounts;
    require_keys_eq!(
        a.member.key(),
        seeds::member_account(&wallet),
        HouseholdError::WrongMemberAccount
    );
    let t = &mut a.trust;
    let ledger = t.household.ledger_mut(&wallet)?;
    let amount = ledger.owed();
    require!(amount > 0, HouseholdError::ZeroAmount);
    ledger.claimed += amount;
    t.household.owed -= amount;
    cpi_util::transfer(
        &t.token_program.to_account_info(),
        &t.vault,
        &t.currency_mint,
        &a.destination.to_account_info(),
        &t.household.to_account_info(),
        amount,
        &[&t.household.seeds()],
    )?;
    emit!(DistributionClaimEvent {
        household: t.household.key(),
        wallet,
        amount,
    });
    t.vault.reload()?;
    t.household.invariant(t.vault.amount)
}
