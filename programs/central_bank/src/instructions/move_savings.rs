//! The accounts `savings_deposit` and `savings_withdraw` share (one struct for both
//! instructions), and how either books its movement.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use super::savings_vaults::*;
use crate::{
    checks,
    errors::{CentralBankError, MathExt},
    events::SavingsEvent,
    seeds,
    state::*,
};

/// Deposit and withdrawal share these accounts. Both accrue first, so a deposit never
/// captures interest earned before it, and a withdrawal gets everything earned up to now.
#[derive(Accounts)]
pub struct MoveSavings<'info> {
    pub owner: Signer<'info>,
    /// CHECK: verified by `checks::verify_attestation` (owner, seeds, wallet, level, expiry).
    pub attestation: UncheckedAccount<'info>,
    #[account(seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(
        mut, has_one = owner,
        seeds = [seeds::SAVINGS_POSITION, owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, SavingsPosition>>,
    #[account(mut, token::mint = savings.currency_mint, token::authority = owner)]
    pub owner_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    pub savings: SavingsVaults<'info>,
}

impl MoveSavings<'_> {
    /// What a deposit and a withdrawal start with: a non-zero amount, the owner's attestation
    /// at the savings level, and interest accrued up to now. Returns the policy parameters.
    pub(crate) fn start(&mut self, amount: u64) -> Result<PolicyParams> {
        require!(amount > 0, CentralBankError::ZeroAmount);
        let params = self.policy.params;
        let now = Clock::get()?.unix_timestamp;
        checks::verify_attestation(
            &self.attestation,
            &self.owner.key(),
            params.min_level(ActionClass::Savings),
            now,
        )?;
        self.savings.accrue(&params, now)?;
        Ok(params)
    }

    /// Once the currency moved: books the movement (`record`) and checks the invariant.
    pub(crate) fn finish(
        &mut self,
        params: &PolicyParams,
        shares: u64,
        amount: u64,
        deposit: bool,
    ) -> Result<()> {
        self.savings.savings_vault.reload()?;
        record(self, shares, amount, deposit)?;
        self.savings.invariant(params)
    }
}

fn record(accounts: &mut MoveSavings, shares: u64, amount: u64, deposit: bool) -> Result<()> {
    let position = &mut accounts.position;
    let reserve = &mut accounts.savings.reserve;
    if deposit {
        position.shares = se_math::checked_add(position.shares, shares).math()?;
        position.deposited = se_math::checked_add(position.deposited, amount).math()?;
        reserve.savings_total_shares =
            se_math::checked_add(reserve.savings_total_shares, shares).math()?;
    } else {
        position.shares = se_math::checked_sub(position.shares, shares).math()?;
        position.withdrawn = se_math::checked_add(position.withdrawn, amount).math()?;
        reserve.savings_total_shares =
            se_math::checked_sub(reserve.savings_total_shares, shares).math()?;
    }
    emit_event!(SavingsEvent {
        owner: position.owner,
        deposit,
        amount,
        shares,
    });
    Ok(())
}
