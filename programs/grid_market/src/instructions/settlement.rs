//! Settlement, claims and the sweep of one epoch's revenue.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::{checks, state::RoleKind};
use se_math::pricing::energy_value;

use crate::{
    errors::{GridMarketError, MathExt},
    events::{ClaimEvent, SettleEvent, SweepEvent},
    seeds,
    state::*,
};

/// Accounts every revenue movement of an epoch shares.
#[derive(Accounts)]
pub struct RevenueAccounts<'info> {
    #[account(seeds = [seeds::MARKET], bump = market.bump, has_one = currency_mint, has_one = revenue_vault)]
    pub market: Box<Account<'info, Market>>,
    #[account(mut, seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub revenue_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> RevenueAccounts<'info> {
    /// Pays `amount` out of the revenue vault, signed by the market.
    fn pay(&self, to: &AccountInfo<'info>, amount: u64) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        let market_seeds = [seeds::MARKET, std::slice::from_ref(&self.market.bump)];
        se_anchor::transfer(
            &self.token_program.to_account_info(),
            &self.revenue_vault,
            &self.currency_mint,
            to,
            &self.market.to_account_info(),
            amount,
            &[&market_seeds],
        )
    }
}

/// The L1 grid offtaker pays `floor(total Wh * clearing price / 1000)` for a closed epoch.
/// `max_amount` is what the offtaker agrees to pay; less than the revenue is rejected.
#[derive(Accounts)]
pub struct SettleEpoch<'info> {
    pub offtaker: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (GridOfftaker of `offtaker`).
    pub offtaker_role: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy` (claim window).
    pub policy: UncheckedAccount<'info>,
    pub revenue: RevenueAccounts<'info>,
    #[account(mut, token::mint = revenue.currency_mint, token::authority = offtaker)]
    pub offtaker_currency: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_settle_epoch(ctx: Context<SettleEpoch>, max_amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    checks::verify_role(&a.offtaker_role, RoleKind::GridOfftaker, &a.offtaker.key())?;
    let policy = checks::load_policy(&a.policy)?.params;
    let epoch = &a.revenue.epoch;
    require!(
        epoch.status == EpochStatus::Closed,
        GridMarketError::NotClosed
    );
    let revenue = energy_value(epoch.total_wh, epoch.clearing_price).math()?;
    require!(revenue <= max_amount, GridMarketError::Underpayment);
    if revenue > 0 {
        se_anchor::transfer(
            &a.revenue.token_program.to_account_info(),
            &a.offtaker_currency,
            &a.revenue.currency_mint,
            &a.revenue.revenue_vault.to_account_info(),
            &a.offtaker.to_account_info(),
            revenue,
            &[],
        )?;
    }
    let now = Clock::get()?.unix_timestamp;
    let epoch = &mut a.revenue.epoch;
    epoch.revenue = revenue;
    epoch.settled_at = now;
    epoch.claim_deadline = now + policy.claim_expiry_secs as i64;
    epoch.status = EpochStatus::Settled;
    epoch.invariant()?;
    emit_event!(SettleEvent {
        index: epoch.index,
        offtaker: a.offtaker.key(),
        revenue,
    });
    Ok(())
}

/// The contributor (a wallet, or a lower layer's PDA signing by CPI) claims
/// `floor(its Wh * clearing price / 1000)` of a settled epoch into any currency account.
#[derive(Accounts)]
pub struct Claim<'info> {
    pub owner: Signer<'info>,
    #[account(mut, seeds = [seeds::CONTRIBUTOR, owner.key().as_ref()], bump = contributor.bump, has_one = owner)]
    pub contributor: Box<Account<'info, Contributor>>,
    pub revenue: RevenueAccounts<'info>,
    #[account(mut, token::mint = revenue.currency_mint)]
    pub recipient: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_claim(ctx: Context<Claim>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let epoch = &a.revenue.epoch;
    match epoch.status {
        EpochStatus::Open | EpochStatus::Closed => {
            return err!(GridMarketError::ClaimBeforeSettlement)
        }
        EpochStatus::Expired => return err!(GridMarketError::ClaimExpired),
        EpochStatus::Settled => {}
    }
    require!(
        Clock::get()?.unix_timestamp < epoch.claim_deadline,
        GridMarketError::ClaimExpired
    );
    let wh = a.contributor.claim(epoch.index)?;
    let payout = energy_value(wh, epoch.clearing_price).math()?;
    a.revenue.pay(&a.recipient.to_account_info(), payout)?;
    let epoch = &mut a.revenue.epoch;
    epoch.claimed = se_math::checked_add(epoch.claimed, payout).math()?;
    epoch.invariant()?;
    emit_event!(ClaimEvent {
        index: epoch.index,
        owner: a.owner.key(),
        wh,
        payout,
    });
    Ok(())
}

/// Permissionless after the claim window: the unclaimed remainder goes to the L1 reserve
/// surplus, and the epoch's books close (claimed + swept = revenue).
#[derive(Accounts)]
pub struct SweepEpoch<'info> {
    pub revenue: RevenueAccounts<'info>,
    #[account(mut, seeds = [central_bank::seeds::SURPLUS_VAULT], bump, seeds::program = central_bank::ID)]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_sweep_epoch(ctx: Context<SweepEpoch>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let epoch = &a.revenue.epoch;
    require!(
        epoch.status == EpochStatus::Settled,
        GridMarketError::NotSettled
    );
    require!(
        Clock::get()?.unix_timestamp >= epoch.claim_deadline,
        GridMarketError::SweepBeforeExpiry
    );
    let remainder = se_math::checked_sub(epoch.revenue, epoch.claimed).math()?;
    a.revenue
        .pay(&a.surplus_vault.to_account_info(), remainder)?;
    let epoch = &mut a.revenue.epoch;
    epoch.swept = remainder;
    epoch.status = EpochStatus::Expired;
    epoch.invariant()?;
    emit_event!(SweepEvent {
        index: epoch.index,
        swept: remainder,
    });
    Ok(())
}

/// Permissionless: frees a contributor's slot of an expired epoch it never claimed, so it can
/// take new epochs.
#[derive(Accounts)]
pub struct ReleaseExpired<'info> {
    #[account(mut, seeds = [seeds::CONTRIBUTOR, contributor.owner.as_ref()], bump = contributor.bump)]
    pub contributor: Box<Account<'info, Contributor>>,
    #[account(seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
}

pub fn handle_release_expired(ctx: Context<ReleaseExpired>) -> Result<()> {
    require!(
        ctx.accounts.epoch.status == EpochStatus::Expired,
        GridMarketError::SweepBeforeExpiry
    );
    let index = ctx.accounts.epoch.index;
    ctx.accounts.contributor.release(index)
}
