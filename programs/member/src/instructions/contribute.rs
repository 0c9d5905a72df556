use anchor_lang::prelude::*;

use super::household_move::*;
use crate::{events::MoveKind, state::*};

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
                trust: household::cpi::accounts::Trust {
                    household: a.household.to_account_info(),
                    currency_mint: a.auth.currency_mint.to_account_info(),
                    vault: a.household_vault.to_account_info(),
                    token_program: a.auth.token_program.to_account_info(),
                },
                source: a.auth.wallet_currency.to_account_info(),
            },
            &[&m.seeds()],
        ),
        amount,
    )?;
    a.auth.record(MoveKind::Contribute, amount)
}
