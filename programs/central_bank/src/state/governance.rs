use anchor_lang::prelude::*;

use crate::errors::CentralBankError;

pub const MAX_COUNCIL: usize = 10;
/// Longest timelock governance may set (30 days).
pub const MAX_TIMELOCK_SECS: u32 = 30 * 24 * 3600;

/// The council and its counters. Singleton PDA `[GOVERNANCE]`.
#[account]
#[derive(InitSpace, Default)]
pub struct Governance {
    /// PDA bump.
    pub bump: u8,
    /// Council member keys; the first `member_count` are set.
    pub members: [Pubkey; MAX_COUNCIL],
    /// Council size, 1 to 10.
    pub member_count: u8,
    /// Approvals a proposal needs.
    pub threshold: u8,
    /// Seconds from reaching the threshold to execution.
    pub timelock_secs: u32,
    /// Bumped on every council change; proposals made under an older version are stale.
    pub council_version: u32,
    /// Proposals made so far; the next proposal's index.
    pub proposal_count: u64,
}

impl Governance {
    pub fn members(&self) -> &[Pubkey] {
        &self.members[..self.member_count as usize]
    }

    pub fn member_slot(&self, key: &Pubkey) -> Result<usize> {
        self.members()
            .iter()
            .position(|m| m == key)
            .ok_or_else(|| error!(CentralBankError::NotCouncilMember))
    }

    /// Replaces the council after validating it; invalidates every pending proposal.
    pub fn set_council(
        &mut self,
        members: &[Pubkey],
        threshold: u8,
        timelock_secs: u32,
    ) -> Result<()> {
        validate_council(members, threshold, timelock_secs)?;
        self.members = [Pubkey::default(); MAX_COUNCIL];
        self.members[..members.len()].copy_from_slice(members);
        self.member_count = members.len() as u8;
        self.threshold = threshold;
        self.timelock_secs = timelock_secs;
        self.council_version = self
            .council_version
            .checked_add(1)
            .ok_or(CentralBankError::MathOverflow)?;
        Ok(())
    }

    pub fn invariant(&self) -> Result<()> {
        validate_council(self.members(), self.threshold, self.timelock_secs)
    }
}

pub fn validate_council(members: &[Pubkey], threshold: u8, timelock_secs: u32) -> Result<()> {
    require!(
        !members.is_empty() && members.len() <= MAX_COUNCIL,
        CentralBankError::InvalidCouncil
    );
    for (i, m) in members.iter().enumerate() {
        require!(
            *m != Pubkey::default() && !members[..i].contains(m),
            CentralBankError::InvalidCouncil
        );
    }
    require!(
        threshold >= 1 && threshold as usize <= members.len(),
        CentralBankError::InvalidThreshold
    );
    require!(
        timelock_secs <= MAX_TIMELOCK_SECS,
        CentralBankError::InvalidTimelock
    );
    Ok(())
}
