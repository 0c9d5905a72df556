use anchor_lang::prelude::*;

use crate::state::{GovernanceAction, PolicyParams, RoleKind};

#[event]
pub struct InitializeEvent {
    pub currency_mint: Pubkey,
    pub collateral_mint: Pubkey,
    pub council_size: u8,
    pub threshold: u8,
}

#[event]
pub struct ProposeEvent {
    pub index: u64,
    pub proposer: Pubkey,
    pub action: GovernanceAction,
}

#[event]
pub struct ApproveEvent {
    pub index: u64,
    pub member: Pubkey,
    pub approvals: u8,
}

#[event]
pub struct CancelEvent {
    pub index: u64,
    pub by: Pubkey,
    /// Cancel votes so far (the proposer's own cancel and cleanup of a dead proposal count as
    /// final without votes).
    pub cancellations: u8,
    /// Whether the proposal is now cancelled.
    pub cancelled: bool,
}

#[event]
pub struct ExecuteEvent {
    pub index: u64,
    pub executor: Pubkey,
}

#[event]
pub struct PolicyUpdateEvent {
    pub version: u32,
    pub params: PolicyParams,
}

#[event]
pub struct CouncilUpdateEvent {
    pub council_version: u32,
    pub members: Vec<Pubkey>,
    pub threshold: u8,
    pub timelock_secs: u32,
}

#[event]
pub struct KycProviderEvent {
    pub provider: Pubkey,
    pub approved: bool,
}

#[event]
pub struct RoleEvent {
    pub role: RoleKind,
    pub subject: Pubkey,
    pub granted: bool,
}

#[event]
pub struct IssueCurrencyEvent {
    pub recipient: Pubkey,
    pub amount: u64,
    pub issued_outstanding: u64,
}

#[event]
pub struct ReserveSwapEvent {
    pub user: Pubkey,
    /// true: collateral in, currency out; false: currency in, collateral out.
    pub mint_currency: bool,
    pub amount_in: u64,
    pub amount_out: u64,
    pub fee: u64,
}

#[event]
pub struct SavingsEvent {
    pub owner: Pubkey,
    /// true: deposit, false: withdrawal.
    pub deposit: bool,
    pub amount: u64,
    pub shares: u64,
}

#[event]
pub struct AccrueEvent {
    pub owed: u64,
    pub paid: u64,
    pub shortfall: u64,
    pub index: u128,
}

#[event]
pub struct AttestationEvent {
    pub wallet: Pubkey,
    pub provider: Pubkey,
    pub level: u8,
    pub expires_at: i64,
    pub revoked: bool,
}

#[event]
pub struct FreezeEvent {
    pub token_account: Pubkey,
    pub wallet: Pubkey,
    pub frozen: bool,
}

#[event]
pub struct SupportEvent {
    pub mint: Pubkey,
    pub amount: u64,
    /// Currency value counted against the period cap.
    pub value: u64,
    pub used_in_period: u64,
}
