use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::{checks, state::ActionClass};
use se_math::fund::{shares_for_deposit, value_of_shares, LOCKED_SHARES};

use crate::{
    errors::{CommunityError, MathExt},
    events::{FundEvent, RewardClaimEvent},
    lower::is_household,
    seeds,
    state::*,
};

/// Opens `owner`'s position: a wallet, a household trust or a member account (the PDAs sign by
/// CPI, so `payer` pays the rent).
#[derive(Accounts)]
pub struct OpenPosition<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    pub owner: Signer<'info>,
    #[account(mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump)]
    pub community: Box<Account<'info, Community>>,
    /// CHECK: created by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it must not keep the owner out of the community).
    #[account(mut, seeds = [seeds::POSITION, community.key().as_ref(), owner.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_position(ctx: Context<OpenPosition>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let community = a.community.key();
    let owner = a.owner.key();
    let position = Position {
        bump: ctx.bumps.position,
        community,
        owner,
        shares: 0,
        reward_checkpoint: a.community.reward_per_share,
        pending: 0,
        deposited: 0,
        withdrawn: 0,
        claimed: 0,
    };
    se_anchor::create_pda(
        &a.payer.to_account_info(),
        &a.position.to_account_info(),
        &a.system_program.to_account_info(),
        &[
            seeds::POSITION,
            community.as_ref(),
            owner.as_ref(),
            &[position.bump],
        ],
        8 + Position::INIT_SPACE,
        &position,
        &crate::ID,
        CommunityError::PositionExists.into(),
    )?;
    let impact = &mut a.community.impact;
    if is_household(&a.owner) {
        impact.households += 1;
    } else {
        impact.members += 1;
    }
    Ok(())
}

/// Deposits into a position. `funder` signs for the currency: the owner itself, or the wallet
/// behind an L6 member account.
#[derive(Accounts)]
pub struct DepositToPosition<'info> {
    pub owner: Signer<'info>,
    pub funder: Signer<'info>,
    /// CHECK: the funder's attestation, verified by `central_bank::checks::verify_attestation`.
    /// A household trust has none: L5 checks the attestation of every member who pays in.
    pub attestation: Option<UncheckedAccount<'info>>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    #[account(
        mut, has_one = owner, has_one = community,
        seeds = [seeds::POSITION, community.key().as_ref(), owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, Position>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = currency_mint, token::authority = funder)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

/// Withdrawals and reward claims of one position, paid to any currency account the owner names.
#[derive(Accounts)]
pub struct PayFromPosition<'info> {
    pub owner: Signer<'info>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    #[account(
        mut, has_one = owner, has_one = community,
        seeds = [seeds::POSITION, community.key().as_ref(), owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, Position>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = currency_mint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> PayFromPosition<'info> {
    fn pay_out(&self, amount: u64) -> Result<()> {
        let c = &self.community;
        let seeds = c.seeds();
        se_anchor::transfer(
            &self.token_program.to_account_info(),
            &self.vault,
            &self.currency_mint,
            &self.destination.to_account_info(),
            &c.to_account_info(),
            amount,
            &[&seeds],
        )
    }

    fn finish(&mut self) -> Result<()> {
        self.vault.reload()?;
        self.community.invariant(self.vault.amount)
    }
}

/// Deposit `amount` currency for shares at the fund's value (rounded down). The first deposit
/// locks `LOCKED_SHARES` forever, so it cannot be used to inflate the share price.
pub fn handle_deposit(ctx: Context<DepositToPosition>, amount: u64) -> Result<()> {
    require!(amount > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let policy = checks::load_policy(&a.policy)?.params;
    if !is_household(&a.funder) {
        let attestation = a
            .attestation
            .as_ref()
            .ok_or(CommunityError::AttestationRequired)?;
        checks::verify_attestation(
            attestation,
            &a.funder.key(),
            policy.min_level(ActionClass::Invest),
            Clock::get()?.unix_timestamp,
        )?;
    }

    let c = &a.community;
    let minted = shares_for_deposit(amount, c.total_shares, c.value()).math()?;
    let to_owner = if c.total_shares == 0 {
        require!(minted > LOCKED_SHARES, CommunityError::FirstDepositTooSmall);
        minted - LOCKED_SHARES
    } else {
        minted
    };
    require!(to_owner > 0, CommunityError::ZeroAmount);
    let now = Clock::get()?.unix_timestamp;
    a.community.settle(&mut a.position, now)?;
    se_anchor::transfer(
        &a.token_program.to_account_info(),
        &a.source,
        &a.currency_mint,
        &a.vault.to_account_info(),
        &a.funder.to_account_info(),
        amount,
        &[],
    )?;
    let c = &mut a.community;
    c.liquid = se_math::checked_add(c.liquid, amount).math()?;
    c.total_shares = se_math::checked_add(c.total_shares, minted).math()?;
    c.staked_shares = se_math::checked_add(c.staked_shares, to_owner).math()?;
    let p = &mut a.position;
    p.shares = se_math::checked_add(p.shares, to_owner).math()?;
    p.deposited = se_math::checked_add(p.deposited, amount).math()?;
    emit_event!(FundEvent {
        community: c.key(),
        owner: p.owner,
        deposit: true,
        amount,
        shares: to_owner,
    });
    a.vault.reload()?;
    a.community.invariant(a.vault.amount)
}

/// Redeem `shares` for their value (rounded down), only from the fund's liquid currency.
pub fn handle_withdraw(ctx: Context<PayFromPosition>, shares: u64) -> Result<()> {
    require!(shares > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    require!(
        shares <= a.position.shares,
        CommunityError::InsufficientShares
    );
    let c = &a.community;
    let amount = value_of_shares(shares, c.total_shares, c.value()).math()?;
    require!(amount <= c.liquid, CommunityError::InsufficientLiquidity);
    a.community
        .settle(&mut a.position, Clock::get()?.unix_timestamp)?;
    a.pay_out(amount)?;
    let c = &mut a.community;
    c.liquid -= amount;
    c.total_shares -= shares;
    c.staked_shares -= shares;
    let p = &mut a.position;
    p.shares -= shares;
    p.withdrawn = se_math::checked_add(p.withdrawn, amount).math()?;
    emit_event!(FundEvent {
        community: c.key(),
        owner: p.owner,
        deposit: false,
        amount,
        shares,
    });
    a.finish()
}

/// Pays the position's share of the revenue streamed so far (O(1): the accumulator, no loops).
pub fn handle_claim_rewards(ctx: Context<PayFromPosition>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.community
        .settle(&mut a.position, Clock::get()?.unix_timestamp)?;
    let amount = a.position.pending;
    require!(amount > 0, CommunityError::ZeroAmount);
    a.pay_out(amount)?;
    a.position.pending = 0;
    a.position.claimed = se_math::checked_add(a.position.claimed, amount).math()?;
    a.community.rewards_outstanding =
        se_math::checked_sub(a.community.rewards_outstanding, amount).math()?;
    emit_event!(RewardClaimEvent {
        community: a.community.key(),
        owner: a.owner.key(),
        amount,
    });
    a.finish()
}
