//! The member's community position: invest, divest, claim rewards. The member account owns the
//! position and signs the L4 instructions by CPI; the wallet pays in and is paid out.
use anchor_lang::prelude::*;
use community::program::Community as CommunityProgram;

use super::authorized::*;
use crate::{errors::MemberError, events::MoveKind, state::*};

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

    fn redeem_accounts(&self) -> Result<community::cpi::accounts::PayFromPosition<'info>> {
        self.check_community()?;
        Ok(community::cpi::accounts::PayFromPosition {
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
            community::cpi::accounts::DepositToPosition {
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
