use anchor_lang::prelude::*;

use super::savings_vaults::*;
use crate::{seeds, state::*};

#[derive(Accounts)]
pub struct Accrue<'info> {
    #[account(seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    pub savings: SavingsVaults<'info>,
}

/// Permissionless: anyone may bring savings interest up to date.
pub fn handle_accrue(ctx: Context<Accrue>) -> Result<()> {
    let params = ctx.accounts.policy.params;
    ctx.accounts
        .savings
        .accrue(&params, Clock::get()?.unix_timestamp)?;
    ctx.accounts.savings.invariant(&params)
}
