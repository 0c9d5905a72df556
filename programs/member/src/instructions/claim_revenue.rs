use anchor_lang::prelude::*;
use grid_market::program::GridMarket;

use super::authorized::*;
use crate::{events::MoveKind, state::*};

/// Claim the revenue of the member's own meters in a grid_market epoch into the wallet's currency
/// account. The member account is the grid_market contributor and signs by CPI, so a wallet whose
/// attestation is revoked or expired cannot collect; its revenue waits for the claim window.
#[derive(Accounts)]
pub struct ClaimRevenue<'info> {
    pub auth: Authorized<'info>,
    /// CHECK: the member account's contributor record; grid_market checks it.
    #[account(mut)]
    pub contributor: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
    pub market: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
    #[account(mut)]
    pub revenue_vault: UncheckedAccount<'info>,
    pub grid_market_program: Program<'info, GridMarket>,
}

pub fn handle_claim_revenue(ctx: Context<ClaimRevenue>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Claim)?;
    let before = a.auth.wallet_currency.amount;
    let m = &a.auth.member;
    grid_market::cpi::claim(CpiContext::new_with_signer(
        a.grid_market_program.key(),
        grid_market::claim_accounts!(
            a,
            m,
            a.auth.currency_mint,
            a.auth.token_program,
            a.auth.wallet_currency
        ),
        &[&m.seeds()],
    ))?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Income, amount)
}
