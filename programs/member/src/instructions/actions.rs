//! The member's money moves. Each checks the member's permission and attestation, then acts on
//! a layer above by CPI — signed by the member account where that layer holds the member's
//! position or ledger — with the wallet's token accounts as source or destination.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use community::program::Community as CommunityProgram;
use grid_market::program::GridMarket;
use household::program::Household as HouseholdProgram;

use crate::{
    errors::{MathExt, MemberError},
    events::{MemberMoveEvent, MoveKind},
    seeds,
    state::*,
};

/// The member, its wallet and the records that authorise it.
#[derive(Accounts)]
pub struct Authorized<'info> {
    #[account(mut)]
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump = member.bump, has_one = wallet)]
    pub member: Box<Account<'info, Member>>,
    /// CHECK: the wallet's attestation; `Member::authorize` verifies it.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: the L1 policy; `Member::authorize` verifies it.
    pub policy: UncheckedAccount<'info>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The wallet's currency account: source of payments in, destination of payments out.
    #[account(mut, token::mint = currency_mint)]
    pub wallet_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> Authorized<'info> {
    fn authorize(&self, permission: Permission) -> Result<()> {
        self.member
            .authorize(permission, &self.attestation, &self.policy)
    }

    /// Adds a move to the member's lifetime metrics.
    fn record(&mut self, kind: MoveKind, amount: u64) -> Result<()> {
        let m = &mut self.member.metrics;
        let total = match kind {
            MoveKind::Invest => &mut m.invested,
            MoveKind::Contribute => &mut m.contributed,
            MoveKind::Divest => &mut m.divested,
            MoveKind::Income => &mut m.income,
        };
        *total = se_math::checked_add(*total, amount).math()?;
        emit!(MemberMoveEvent {
            wallet: self.wallet.key(),
            kind,
            amount,
        });
        Ok(())
    }

    /// What arrived in the wallet's currency account since `before`.
    fn received_since(&mut self, before: u64) -> Result<u64> {
        self.wallet_currency.reload()?;
        se_math::checked_sub(self.wallet_currency.amount, before).math()
    }
}

/// The member's community accounts (L4 checks them).
#[derive(Accounts)]
pub struct CommunityAccounts<'info> {
    /// CHECK: the member's community; matched to its affiliation, L4 checks it.
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: the member account's position; L4 checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the community vault; L4 checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

#[derive(Accounts)]
pub struct CommunityMove<'info> {
    pub auth: Authorized<'info>,
    pub community: CommunityAccounts<'info>,
}

impl<'info> CommunityMove<'info> {
    fn check_community(&self) -> Result<()> {
        require_keys_eq!(
            self.community.community.key(),
            self.auth.member.community,
            MemberError::WrongAffiliation
        );
        Ok(())
    }

    fn redeem_accounts(&self) -> Result<community::cpi::accounts::Redeem<'info>> {
        self.check_community()?;
        Ok(community::cpi::accounts::Redeem {
            owner: self.auth.member.to_account_info(),
            community: self.community.community.to_account_info(),
            position: self.community.position.to_account_info(),
            currency_mint: self.auth.currency_mint.to_account_info(),
            vault: self.community.community_vault.to_account_info(),
            destination: self.auth.wallet_currency.to_account_info(),
            token_program: self.auth.token_program.to_account_info(),
        })
    }
}

/// Invest `amount` from the wallet in the member's community (shares held by the member account).
pub fn handle_invest(ctx: Context<CommunityMove>, amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Invest)?;
    a.check_community()?;
    let m = &a.auth.member;
    community::cpi::deposit(
        CpiContext::new_with_signer(
            a.community.community_program.key(),
            community::cpi::accounts::Deposit {
                owner: m.to_account_info(),
                funder: a.auth.wallet.to_account_info(),
                attestation: Some(a.auth.attestation.to_account_info()),
                policy: a.auth.policy.to_account_info(),
                community: a.community.community.to_account_info(),
                position: a.community.position.to_account_info(),
                currency_mint: a.auth.currency_mint.to_account_info(),
                vault: a.community.community_vault.to_account_info(),
                source: a.auth.wallet_currency.to_account_info(),
                token_program: a.auth.token_program.to_account_info(),
            },
            &[&m.seeds()],
        ),
        amount,
    )?;
    a.auth.record(MoveKind::Invest, amount)
}

/// Redeem `shares` of the member's community position into the wallet.
pub fn handle_divest(ctx: Context<CommunityMove>, shares: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Invest)?;
    let before = a.auth.wallet_currency.amount;
    community::cpi::withdraw(
        CpiContext::new_with_signer(
            a.community.community_program.key(),
            a.redeem_accounts()?,
            &[&a.auth.member.seeds()],
        ),
        shares,
    )?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Divest, amount)
}

/// Claim the member's community rewards into the wallet.
pub fn handle_claim_rewards(ctx: Context<CommunityMove>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Claim)?;
    let before = a.auth.wallet_currency.amount;
    community::cpi::claim_rewards(CpiContext::new_with_signer(
        a.community.community_program.key(),
        a.redeem_accounts()?,
        &[&a.auth.member.seeds()],
    ))?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Income, amount)
}

/// The member's household accounts (L5 checks them).
#[derive(Accounts)]
pub struct HouseholdMove<'info> {
    pub auth: Authorized<'info>,
    /// CHECK: the member's household; matched to its affiliation, L5 checks it.
    #[account(mut)]
    pub household: UncheckedAccount<'info>,
    /// CHECK: the household vault; L5 checks it.
    #[account(mut)]
    pub household_vault: UncheckedAccount<'info>,
    pub household_program: Program<'info, HouseholdProgram>,
}

impl<'info> HouseholdMove<'info> {
    fn check_household(&self) -> Result<()> {
        require_keys_eq!(
            self.household.key(),
            self.auth.member.household,
            MemberError::WrongAffiliation
        );
        Ok(())
    }
}

/// Pay `amount` from the wallet into the member's household trust.
pub fn handle_contribute(ctx: Context<HouseholdMove>, amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Invest)?;
    a.check_household()?;
    let m = &a.auth.member;
    household::cpi::contribute(
        CpiContext::new_with_signer(
            a.household_program.key(),
            household::cpi::accounts::Contribute {
                member: m.to_account_info(),
                wallet: a.auth.wallet.to_account_info(),
                household: a.household.to_account_info(),
                currency_mint: a.auth.currency_mint.to_account_info(),
                vault: a.household_vault.to_account_info(),
                source: a.auth.wallet_currency.to_account_info(),
                token_program: a.auth.token_program.to_account_info(),
            },
            &[&m.seeds()],
        ),
        amount,
    )?;
    a.auth.record(MoveKind::Contribute, amount)
}

/// Claim what the household distributed to the member, into the wallet.
pub fn handle_claim_household(ctx: Context<HouseholdMove>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Claim)?;
    a.check_household()?;
    let before = a.auth.wallet_currency.amount;
    let m = &a.auth.member;
    household::cpi::claim_distribution(
        CpiContext::new_with_signer(
            a.household_program.key(),
            household::cpi::accounts::ClaimDistribution {
                member: m.to_account_info(),
                trust: household::cpi::accounts::Trust {
                    household: a.household.to_account_info(),
                    currency_mint: a.auth.currency_mint.to_account_info(),
                    vault: a.household_vault.to_account_info(),
                    token_program: a.auth.token_program.to_account_info(),
                },
                destination: a.auth.wallet_currency.to_account_info(),
            },
            &[&m.seeds()],
        ),
        m.wallet,
    )?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Income, amount)
}

/// Claim the revenue of the member's own meters in an L3 epoch (the wallet is the L3
/// contributor and signs).
#[derive(Accounts)]
pub struct ClaimRevenue<'info> {
    pub auth: Authorized<'info>,
    /// CHECK: the wallet's contributor record; L3 checks it.
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

pub fn handle_claim_revenue(ctx: Context<ClaimRevenue>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Claim)?;
    let before = a.auth.wallet_currency.amount;
    grid_market::cpi::claim(CpiContext::new(
        a.grid_market_program.key(),
        grid_market::cpi::accounts::Claim {
            owner: a.auth.wallet.to_account_info(),
            contributor: a.contributor.to_account_info(),
            revenue: grid_market::cpi::accounts::RevenueAccounts {
                market: a.market.to_account_info(),
                epoch: a.epoch.to_account_info(),
                currency_mint: a.auth.currency_mint.to_account_info(),
                revenue_vault: a.revenue_vault.to_account_info(),
                token_program: a.auth.token_program.to_account_info(),
            },
            recipient: a.auth.wallet_currency.to_account_info(),
        },
    ))?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Income, amount)
}
