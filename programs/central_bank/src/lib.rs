//! SourceEnergy central bank: governance, policy, role registry, currency, reserve swap,
//! savings interest and the compliance registry. Lower layers read its records without CPI
//! (see [`checks`]).
#![allow(unexpected_cfgs, deprecated)]

use anchor_lang::prelude::*;

#[macro_use]
extern crate se_anchor;

pub mod checks;
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

    /// Creates governance (council, threshold, timelock), the policy, the reserve, the Token-2022
    /// currency mint (6 decimals) and the reserve vaults. Runs once (fixed-seed PDAs); anyone may
    /// pay for it. The collateral mint must have 6 decimals too.
    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        instructions::handle_initialize(ctx, args)
    }

    // --- governance ---
    /// A council member proposes a typed governance action; its own approval counts at once. The
    /// proposal expires `timelock + 7 days` after creation.
    pub fn propose(ctx: Context<Propose>, action: GovernanceAction) -> Result<()> {
        instructions::handle_propose(ctx, action)
    }

    /// A council member approves an active proposal; the timelock starts when approvals reach the
    /// threshold.
    pub fn approve(ctx: Context<Approve>) -> Result<()> {
        instructions::handle_approve(ctx)
    }

    /// A council member cancels an active proposal: at once if it is the proposer's or the proposal
    /// is dead (expired or made under an older council), otherwise as a cancel vote that takes
    /// effect at the council threshold.
    pub fn cancel(ctx: Context<Cancel>) -> Result<()> {
        instructions::handle_cancel(ctx)
    }

    /// Any council member executes an approved `SetPolicy` proposal once its timelock passed:
    /// accrues savings interest at the old rate, then replaces the policy.
    pub fn execute_set_policy(ctx: Context<ExecuteSetPolicy>) -> Result<()> {
        instructions::handle_execute_set_policy(ctx)
    }

    /// Any council member executes an approved `UpdateCouncil` proposal once its timelock passed;
    /// every other pending proposal becomes stale.
    pub fn execute_update_council(ctx: Context<ExecuteUpdateCouncil>) -> Result<()> {
        instructions::handle_execute_update_council(ctx)
    }

    /// Any council member executes an approved `ApproveKycProvider` proposal once its timelock
    /// passed, creating the provider's record. `provider`: the provider's signing key, as in the
    /// proposal.
    pub fn execute_approve_kyc_provider(
        ctx: Context<ExecuteApproveKycProvider>,
        provider: Pubkey,
    ) -> Result<()> {
        instructions::handle_execute_approve_kyc_provider(ctx, provider)
    }

    /// Any council member executes an approved `RemoveKycProvider` proposal once its timelock
    /// passed, closing the provider's record; attestations it issued stay valid until they expire.
    pub fn execute_remove_kyc_provider(ctx: Context<ExecuteRemoveKycProvider>) -> Result<()> {
        instructions::handle_execute_remove_kyc_provider(ctx)
    }

    /// Any council member executes an approved `GrantRole` proposal once its timelock passed,
    /// creating the role record. `role` and `subject` (the key that receives it) repeat the
    /// proposal's, for the record's seeds.
    pub fn execute_grant_role(
        ctx: Context<ExecuteGrantRole>,
        role: RoleKind,
        subject: Pubkey,
    ) -> Result<()> {
        instructions::handle_execute_grant_role(ctx, role, subject)
    }

    /// Any council member executes an approved `RevokeRole` proposal once its timelock passed,
    /// closing the role record.
    pub fn execute_revoke_role(ctx: Context<ExecuteRevokeRole>) -> Result<()> {
        instructions::handle_execute_revoke_role(ctx)
    }

    /// Any council member executes an approved `IssueCurrency` proposal once its timelock passed:
    /// mints unbacked currency (base units, 6 decimals) to the named token account, within the
    /// policy issuance cap.
    pub fn execute_issue_currency(ctx: Context<ExecuteIssueCurrency>) -> Result<()> {
        instructions::handle_execute_issue_currency(ctx)
    }

    // --- reserve swap ---
    /// An attested wallet pays `amount` collateral base units and receives `amount` less the policy
    /// `tin` fee in currency base units (1:1, 6 decimals); fails if that is below `min_out`.
    pub fn mint_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
        instructions::handle_mint_currency(ctx, amount, min_out)
    }

    /// An attested wallet pays `amount` currency base units and receives `amount` less the policy
    /// `tout` fee in collateral base units; fails if that is below `min_out`. The fee goes to the
    /// surplus vault, the rest is burned.
    pub fn redeem_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
        instructions::handle_redeem_currency(ctx, amount, min_out)
    }

    // --- savings ---
    /// A wallet opens its savings position (PDA `[SAVINGS_POSITION, owner]`), paying the rent.
    pub fn open_savings(ctx: Context<OpenSavings>) -> Result<()> {
        instructions::handle_open_savings(ctx)
    }

    /// The position's owner, attested at the savings level, deposits `amount` currency base units;
    /// interest is accrued first, so the deposit earns only from now.
    pub fn savings_deposit(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
        instructions::handle_savings_deposit(ctx, amount)
    }

    /// The position's owner, attested at the savings level, withdraws `amount` currency base units
    /// with the interest accrued up to now.
    pub fn savings_withdraw(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
        instructions::handle_savings_withdraw(ctx, amount)
    }

    /// The owner closes its empty savings position (no shares) and gets the rent back.
    pub fn close_savings(ctx: Context<CloseSavings>) -> Result<()> {
        instructions::handle_close_savings(ctx)
    }

    /// Permissionless: accrues savings interest up to now at the policy rate, paid from the surplus
    /// vault into the savings vault.
    pub fn accrue(ctx: Context<Accrue>) -> Result<()> {
        instructions::handle_accrue(ctx)
    }

    // --- compliance ---
    /// An approved KYC provider attests a wallet with `terms` and binds it to `identity_hash` (a
    /// hash of the identity the provider verified; one wallet per identity).
    pub fn issue_attestation(
        ctx: Context<IssueAttestation>,
        terms: AttestationTerms,
        identity_hash: [u8; 32],
    ) -> Result<()> {
        instructions::handle_issue_attestation(ctx, terms, identity_hash)
    }

    /// The issuing provider (or, once governance removed the issuer, any approved provider) renews
    /// an attestation with new `terms`, clearing a revocation.
    pub fn renew_attestation(
        ctx: Context<UpdateAttestation>,
        terms: AttestationTerms,
    ) -> Result<()> {
        instructions::handle_renew_attestation(ctx, terms)
    }

    /// The issuing provider, while approved, revokes an attestation.
    pub fn revoke_attestation(ctx: Context<UpdateAttestation>) -> Result<()> {
        instructions::handle_revoke_attestation(ctx)
    }

    /// Permissionless: freezes a currency token account whose owner's attestation is revoked.
    pub fn freeze_currency_account(ctx: Context<FreezeOrThaw>) -> Result<()> {
        instructions::handle_freeze_currency_account(ctx)
    }

    /// Permissionless: thaws a frozen currency token account whose owner holds a valid attestation
    /// again.
    pub fn thaw_currency_account(ctx: Context<FreezeOrThaw>) -> Result<()> {
        instructions::handle_thaw_currency_account(ctx)
    }

    // --- marketplace support ---
    /// Only the marketplace authority PDA (by CPI): lends `amount` base units of a reserve token
    /// for price stabilisation; `value` is its currency value (equal to `amount` for the currency),
    /// capped per period by policy.
    pub fn support_market(ctx: Context<SupportMarket>, amount: u64, value: u64) -> Result<()> {
        instructions::handle_support_market(ctx, amount, value)
    }
}
