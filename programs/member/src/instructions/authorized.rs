//! What every money-moving member action starts from: the wallet, its member account, the
//! records that authorise it, and the wallet's currency account.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use crate::{
    errors::MathExt,
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
    /// CHECK: the central bank's policy; `Member::authorize` verifies it.
    pub policy: UncheckedAccount<'info>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The wallet's currency account: source of payments in, destination of payments out.
    #[account(mut, token::mint = currency_mint)]
    pub wallet_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> Authorized<'info> {
    pub(crate) fn authorize(&self, permission: Permission) -> Result<()> {
        self.member
            .authorize(permission, &self.attestation, &self.policy)
    }

    /// Adds a move to the member's lifetime metrics.
    pub(crate) fn record(&mut self, kind: MoveKind, amount: u64) -> Result<()> {
        let m = &mut self.member.metrics;
        let total = match kind {
            MoveKind::Invest => &mut m.invested,
            MoveKind::Contribute => &mut m.contributed,
            MoveKind::Divest => &mut m.divested,
            MoveKind::Income => &mut m.income,
        };
        *total = se_math::checked_add(*total, amount).math()?;
        emit_event!(MemberMoveEvent {
            wallet: self.wallet.key(),
            kind,
            amount,
        });
        Ok(())
    }

    /// What arrived in the wallet's currency account since `before`.
    pub(crate) fn received_since(&mut self, before: u64) -> Result<u64> {
        self.wallet_currency.reload()?;
        se_math::checked_sub(self.wallet_currency.amount, before).math()
    }
}
