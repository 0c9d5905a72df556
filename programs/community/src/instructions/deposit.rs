use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::{checks, state::ActionClass};
use se_math::fund::{shares_for_deposit, LOCKED_SHARES};

use crate::{
    errors::{CommunityError, MathExt},
    events::FundEvent,
    lower::is_household,
    seeds,
    state::*,
};

/// Deposits into a position. `funder` signs for the currency: the owner itself, or the wallet
/// behind a member account.
#[derive(Accounts)]
pub struct DepositToPosition<'info> {
    pub owner: Signer<'info>,
    pub funder: Signer<'info>,
    /// CHECK: the funder's attestation, verified by `central_bank::checks::verify_attestation`.
    /// A household trust has none: household checks the attestation of every member who pays in.
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
    a.position.invariant(&a.community)?;
    a.vault.reload()?;
    a.community.invariant(a.vault.amount)
}
