use anchor_lang::prelude::*;

use super::household_move::*;
use crate::{events::MoveKind, state::*};

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
