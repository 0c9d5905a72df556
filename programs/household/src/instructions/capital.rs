//! Capital: members pay in, the trustees invest it in the community fund.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use community::{cpi::accounts::DepositToPosition, program::Community as CommunityProgram};
use se_anchor::WithAbsentOptionals;

use crate::{
    errors::{HouseholdError, MathExt},
    events::{ContributeEvent, InvestEvent},
    seeds,
    state::*,
};

/// A member pays currency into the trust. It arrives from L6: the member account signs (its
/// program has checked the member's permission and attestation) and the wallet pays.
#[derive(Accounts)]
pub struct Contribute<'info> {
    pub member: Signer<'info>,
    pub wallet: Signer<'info>,
    #[account(
        mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub household: Box<Account<'info, Household>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = currency_mint, token::authority = wallet)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

pub fn handle_contribute(ctx: Context<Contribute>, amount: u64) -> Result<()> {
    require!(amount > 0, HouseholdError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let wallet = a.wallet.key();
    require_keys_eq!(
        a.member.key(),
        seeds::member_account(&wallet),
        HouseholdError::WrongMemberAccount
    );
    let ledger = a.household.ledger_mut(&wallet)?;
    ledger.contributed = se_math::checked_add(ledger.contributed, amount).math()?;
    se_anchor::transfer(
        &a.token_program.to_account_info(),
        &a.source,
        &a.currency_mint,
        &a.vault.to_account_info(),
        &a.wallet.to_account_info(),
        amount,
        &[],
    )?;
    let h = &mut a.household;
    h.capital = se_math::checked_add(h.capital, amount).math()?;
    emit_event!(ContributeEvent {
        household: h.key(),
        wallet,
        amount,
    });
    a.vault.reload()?;
    a.household.invariant(a.vault.amount)
}

/// The L4 accounts the trust deposits through (its PDA is both position owner and funder).
#[derive(Accounts)]
pub struct CommunityDeposit<'info> {
    /// CHECK: L1 policy; L4 checks it.
    pub policy: UncheckedAccount<'info>,
    /// CHECK: the household's community; L4 checks it, the handler matches it to the trust's.
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: the trust's position; L4 checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the community vault; L4 checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

impl<'info> CommunityDeposit<'info> {
    pub fn refs(&self) -> CommunityRefs<'info> {
        CommunityRefs {
            policy: self.policy.to_account_info(),
            community: self.community.to_account_info(),
            position: self.position.to_account_info(),
            vault: self.community_vault.to_account_info(),
            program: self.community_program.to_account_info(),
        }
    }
}

/// The L4 accounts of a deposit by the trust, however the instruction received them.
pub struct CommunityRefs<'info> {
    pub policy: AccountInfo<'info>,
    pub community: AccountInfo<'info>,
    pub position: AccountInfo<'info>,
    pub vault: AccountInfo<'info>,
    pub program: AccountInfo<'info>,
}

impl<'info> CommunityRefs<'info> {
    /// Deposits `amount` from the trust's vault into its community position; the trust's PDA
    /// is both the position owner and the funder.
    pub fn deposit(
        &self,
        household: &Account<'info, Household>,
        vault: &InterfaceAccount<'info, TokenAccount>,
        currency_mint: &InterfaceAccount<'info, Mint>,
        token_program: &AccountInfo<'info>,
        amount: u64,
    ) -> Result<()> {
        require_keys_eq!(
            self.community.key(),
            household.community,
            HouseholdError::WrongCommunity
        );
        let h = household.to_account_info();
        community::cpi::deposit(
            CpiContext::new_with_signer(
                self.program.key(),
                DepositToPosition {
                    owner: h.clone(),
                    funder: h,
                    attestation: None,
                    policy: self.policy.clone(),
                    community: self.community.clone(),
                    position: self.position.clone(),
                    currency_mint: currency_mint.to_account_info(),
                    vault: self.vault.clone(),
                    source: vault.to_account_info(),
                    token_program: token_program.clone(),
                },
                &[&household.seeds()],
            )
            // No attestation: the trust is no wallet (see `WithAbsentOptionals`).
            .with_absent_optionals(&self.program),
            amount,
        )
    }
}

/// Trustees invest uninvested contributions in the community fund.
#[derive(Accounts)]
pub struct Invest<'info> {
    #[account(
        mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub household: Box<Account<'info, Household>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub community: CommunityDeposit<'info>,
    pub token_program: Program<'info, Token2022>,
}

pub fn handle_invest(ctx: Context<Invest>, amount: u64) -> Result<()> {
    require!(amount > 0, HouseholdError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.household.require_trustees(ctx.remaining_accounts)?;
    require!(
        amount <= a.household.capital,
        HouseholdError::InsufficientCapital
    );
    a.community.refs().deposit(
        &a.household,
        &a.vault,
        &a.currency_mint,
        &a.token_program.to_account_info(),
        amount,
    )?;
    let h = &mut a.household;
    h.capital -= amount;
    h.invested = se_math::checked_add(h.invested, amount).math()?;
    emit_event!(InvestEvent {
        household: h.key(),
        community: h.community,
        amount,
    });
    a.vault.reload()?;
    a.household.invariant(a.vault.amount)
}
