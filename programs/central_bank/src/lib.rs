//! SourceEnergy L1 — Empire Block: governance, policy, role registry, currency, reserve swap,
//! savings interest and the compliance registry. Lower layers read its records without CPI
//! (see [`checks`]).
#![allow(unexpected_cfgs, deprecated)]

use anchor_lang::prelude::*;

/// `emit!`, logging natively too: Anchor's `emit!` logs nothing off chain (see
/// `central_bank::cpi_util::log_event`).
macro_rules! emit_event {
    ($event:expr) => {
        crate::cpi_util::log_event(&anchor_lang::Event::data(&$event))
    };
}

pub mod checks;
pub mod cpi_util;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod seeds;
pub mod state;
mod token_ops;

pub use instructions::*;
use state::*;

declare_id!("Cxa1H7d73yeVWm7gMmUPSJSKffmiv3uEfXJwnwWm32mu");

#[program]
pub mod central_bank {
    use super::*;

    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        instructions::handle_initialize(ctx, args)
    }

    // --- governance ---
    pub fn propose(ctx: Context<Propose>, action: GovernanceAction) -> Result<()> {
        instructions::handle_propose(ctx, action)
    }

    pub fn approve(ctx: Context<Approve>) -> Result<()> {
        instructions::handle_approve(ctx)
    }

    pub fn cancel(ctx: Context<Cancel>) -> Result<()> {
        instructions::handle_cancel(ctx)
    }

    pub fn execute_set_policy(ctx: Context<ExecuteSetPolicy>) -> Result<()> {
        instructions::handle_execute_set_policy(ctx)
    }

    pub fn execute_update_council(ctx: Context<ExecuteUpdateCouncil>) -> Result<()> {
        instructions::handle_execute_update_council(ctx)
    }

    pub fn execute_approve_kyc_provider(
        ctx: Context<ExecuteApproveKycProvider>,
        provider: Pubkey,
    ) -> Result<()> {
        instructions::handle_execute_approve_kyc_provider(ctx, provider)
    }

    pub fn execute_remove_kyc_provider(ctx: Context<ExecuteRemoveKycProvider>) -> Result<()> {
        instructions::handle_execute_remove_kyc_provider(ctx)
    }

    pub fn execute_grant_role(
        ctx: Context<ExecuteGrantRole>,
        role: RoleKind,
        subject: Pubkey,
    ) -> Result<()> {
        instructions::handle_execute_grant_role(ctx, role, subject)
    }

    pub fn execute_revoke_role(ctx: Context<ExecuteRevokeRole>) -> Result<()> {
        instructions::handle_execute_revoke_role(ctx)
    }

    pub fn execute_issue_currency(ctx: Context<ExecuteIssueCurrency>) -> Result<()> {
        instructions::handle_execute_issue_currency(ctx)
    }

    // --- reserve swap ---
    pub fn mint_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
        instructions::handle_mint_currency(ctx, amount, min_out)
    }

    pub fn redeem_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
        instructions::handle_redeem_currency(ctx, amount, min_out)
    }

    // --- savings ---
    pub fn open_savings(ctx: Context<OpenSavings>) -> Result<()> {
        instructions::handle_open_savings(ctx)
    }

    pub fn savings_deposit(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
        instructions::handle_savings_deposit(ctx, amount)
    }

    pub fn savings_withdraw(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
        instructions::handle_savings_withdraw(ctx, amount)
    }

    pub fn close_savings(ctx: Context<CloseSavings>) -> Result<()> {
        instructions::handle_close_savings(ctx)
    }

    pub fn accrue(ctx: Context<Accrue>) -> Result<()> {
        instructions::handle_accrue(ctx)
    }

    // --- compliance ---
    pub fn issue_attestation(
        ctx: Context<IssueAttestation>,
        terms: AttestationTerms,
        identity_hash: [u8; 32],
    ) -> Result<()> {
        instructions::handle_issue_attestation(ctx, terms, identity_hash)
    }

    pub fn renew_attestation(
        ctx: Context<UpdateAttestation>,
        terms: AttestationTerms,
    ) -> Result<()> {
        instructions::handle_renew_attestation(ctx, terms)
    }

    pub fn revoke_attestation(ctx: Context<UpdateAttestation>) -> Result<()> {
        instructions::handle_revoke_attestation(ctx)
    }

    pub fn freeze_currency_account(ctx: Context<SetFrozen>) -> Result<()> {
        instructions::handle_freeze_currency_account(ctx)
    }

    pub fn thaw_currency_account(ctx: Context<SetFrozen>) -> Result<()> {
        instructions::handle_thaw_currency_account(ctx)
    }

    // --- marketplace support ---
    pub fn support_market(ctx: Context<SupportMarket>, amount: u64, value: u64) -> Result<()> {
        instructions::handle_support_market(ctx, amount, value)
    }
}
