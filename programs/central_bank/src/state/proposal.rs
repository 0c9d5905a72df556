use anchor_lang::prelude::*;

use super::{Governance, PolicyParams, RoleKind, MAX_COUNCIL};
use crate::errors::CentralBankError;

/// How long a proposal lives beyond the council's timelock, counted from its creation: within
/// `timelock + 7 days` of being proposed it must gather its approvals, wait out the timelock and
/// be executed. After `expires_at`, approve and execute fail with `ProposalExpired`, so an old
/// approved proposal can never be executed by surprise. Independent of the policy.
pub const PROPOSAL_LIFETIME_SECS: i64 = 7 * 24 * 3600;

/// What a proposal does when executed. Typed: governance never runs arbitrary instructions.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq, InitSpace)]
pub enum GovernanceAction {
    /// Replace the whole policy.
    SetPolicy { params: PolicyParams },
    /// Replace the council, its threshold and timelock.
    UpdateCouncil {
        #[max_len(MAX_COUNCIL)]
        members: Vec<Pubkey>,
        threshold: u8,
        timelock_secs: u32,
    },
    /// Approve a KYC provider by its signing key.
    ApproveKycProvider { provider: Pubkey },
    /// Remove a KYC provider (closes its record).
    RemoveKycProvider { provider: Pubkey },
    /// Grant `role` to `subject` (a key, or a mint for `ListedMarketAsset`).
    GrantRole { role: RoleKind, subject: Pubkey },
    /// Revoke `role` from `subject` (closes the role record).
    RevokeRole { role: RoleKind, subject: Pubkey },
    /// Mint `amount` of currency without collateral to the token account `recipient`.
    IssueCurrency { recipient: Pubkey, amount: u64 },
}

/// Where a proposal is in its life.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ProposalStatus {
    /// Collecting approvals or waiting out the timelock.
    Active,
    /// Its action was applied.
    Executed,
    /// Withdrawn, cleared or voted down.
    Cancelled,
}

/// A governance proposal. PDA `[PROPOSAL, index]`. Never closed: executed proposals are the
/// permanent record of every governance change.
#[account]
#[derive(InitSpace)]
pub struct Proposal {
    /// PDA bump.
    pub bump: u8,
    /// Sequence number; the PDA seed.
    pub index: u64,
    /// The council member who proposed it.
    pub proposer: Pubkey,
    /// Council version the proposal was made under.
    pub council_version: u32,
    /// Bit `i` set = council slot `i` approved.
    pub approval_bits: u16,
    /// Approvals so far.
    pub approvals: u8,
    /// Active, executed or cancelled.
    pub status: ProposalStatus,
    /// UNIX time proposed.
    pub created_at: i64,
    /// When the approvals first reached the threshold (0 = not yet); the timelock runs from here.
    pub threshold_reached_at: i64,
    /// UNIX time executed (0 = not yet).
    pub executed_at: i64,
    /// `created_at + timelock + PROPOSAL_LIFETIME_SECS`; from then on the proposal is dead.
    pub expires_at: i64,
    /// Policy version when proposed: a `SetPolicy` made against an older policy than the one
    /// in force fails with `PolicyChangedSinceProposal` instead of reverting newer changes.
    pub policy_version: u32,
    /// Bit `i` set = council slot `i` voted to cancel.
    pub cancel_bits: u16,
    /// Cancel votes so far.
    pub cancellations: u8,
    /// What it does when executed.
    pub action: GovernanceAction,
}

impl Proposal {
    /// `created_at + timelock_secs + PROPOSAL_LIFETIME_SECS`.
    pub fn expiry(created_at: i64, timelock_secs: u32) -> Result<i64> {
        created_at
            .checked_add(timelock_secs as i64)
            .and_then(|t| t.checked_add(PROPOSAL_LIFETIME_SECS))
            .ok_or_else(|| error!(CentralBankError::MathOverflow))
    }

    pub fn is_expired(&self, now: i64) -> bool {
        now >= self.expires_at
    }

    /// Active, made under the current council, and not expired.
    pub fn require_active(&self, governance: &Governance, now: i64) -> Result<()> {
        require!(
            self.status == ProposalStatus::Active,
            CentralBankError::ProposalNotActive
        );
        require!(
            self.council_version == governance.council_version,
            CentralBankError::StaleProposal
        );
        require!(!self.is_expired(now), CentralBankError::ProposalExpired);
        Ok(())
    }

    pub fn approve(&mut self, slot: usize, threshold: u8, now: i64) -> Result<()> {
        let bit = 1u16 << slot;
        require!(
            self.approval_bits & bit == 0,
            CentralBankError::AlreadyApproved
        );
        self.approval_bits |= bit;
        self.approvals += 1;
        if self.approvals >= threshold && self.threshold_reached_at == 0 {
            self.threshold_reached_at = now;
        }
        Ok(())
    }

    /// Records council slot `slot`'s vote to cancel; returns whether the votes now reach the
    /// threshold.
    pub fn vote_cancel(&mut self, slot: usize, threshold: u8) -> Result<bool> {
        let bit = 1u16 << slot;
        require!(
            self.cancel_bits & bit == 0,
            CentralBankError::AlreadyVotedToCancel
        );
        self.cancel_bits |= bit;
        self.cancellations += 1;
        Ok(self.cancellations >= threshold)
    }

    /// Checks everything `execute_*` needs and marks the proposal executed.
    pub fn execute(&mut self, governance: &Governance, now: i64) -> Result<()> {
        self.require_active(governance, now)?;
        require!(
            self.approvals >= governance.threshold && self.threshold_reached_at > 0,
            CentralBankError::ThresholdNotMet
        );
        let ready_at = self
            .threshold_reached_at
            .checked_add(governance.timelock_secs as i64)
            .ok_or(CentralBankError::MathOverflow)?;
        require!(now >= ready_at, CentralBankError::TimelockNotElapsed);
        self.status = ProposalStatus::Executed;
        self.executed_at = now;
        Ok(())
    }
}
