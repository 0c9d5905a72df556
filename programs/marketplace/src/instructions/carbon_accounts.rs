//! The carbon registry accounts `convert_energy` and `retire_carbon` share.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::state::{ActionClass, PolicyParams};

use super::pool_accounts::verify_participant;
use crate::{seeds, state::*};

/// Accounts shared by conversion and retirement.
#[derive(Accounts)]
pub struct CarbonAccounts<'info> {
    #[account(
        mut, seeds = [seeds::CARBON_REGISTRY], bump = registry.bump,
        has_one = carbon_mint, has_one = energy_credit_mint,
    )]
    pub registry: Box<Account<'info, CarbonRegistry>>,
    #[account(mut)]
    pub carbon_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> CarbonAccounts<'info> {
    /// Burns `amount` of `mint` (energy or carbon credits) from `from`; `owner` holds it and
    /// signed the transaction.
    pub fn burn(
        &self,
        mint: &InterfaceAccount<'info, Mint>,
        from: &InterfaceAccount<'info, TokenAccount>,
        owner: &AccountInfo<'info>,
        amount: u64,
    ) -> Result<()> {
        let (program, mint, from) = (
            self.token_program.to_account_info(),
            mint.to_account_info(),
            from.to_account_info(),
        );
        se_anchor::burn(&program, &mint, &from, owner, amount)
    }
}

/// Requires `wallet` to hold a valid attestation at the policy's environmental level (converting
/// and retiring carbon credits).
pub fn verify_environmental(
    policy: &PolicyParams,
    attestation: &AccountInfo,
    wallet: &Pubkey,
    now: i64,
) -> Result<()> {
    verify_participant(policy, attestation, wallet, ActionClass::Environmental, now)
}
