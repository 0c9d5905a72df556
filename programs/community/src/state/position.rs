use anchor_lang::prelude::*;
use se_math::fund::accrued;

use super::Community;
use crate::errors::{CommunityError, MathExt};

/// A holder's shares in one community. PDA `[POSITION, community, owner]`.
#[account]
#[derive(InitSpace)]
pub struct Position {
    /// PDA bump.
    pub bump: u8,
    /// The community.
    pub community: Pubkey,
    /// A wallet, a household trust or a member account.
    pub owner: Pubkey,
    /// Staked shares; only these earn rewards.
    pub shares: u64,
    /// Accumulator value up to which rewards are counted in `pending`.
    pub reward_checkpoint: u128,
    /// Rewards counted and not yet claimed, currency base units.
    pub pending: u64,
    /// Cumulative currency deposited, base units.
    pub deposited: u64,
    /// Cumulative currency withdrawn, base units.
    pub withdrawn: u64,
    /// Cumulative rewards claimed, currency base units.
    pub claimed: u64,
}

impl Position {
    /// Moves rewards earned since the checkpoint into `pending`. Call before shares change,
    /// so a late depositor earns nothing from earlier revenue.
    pub fn settle(&mut self, reward_per_share: u128) -> Result<()> {
        self.pending = self.claimable(reward_per_share)?;
        self.reward_checkpoint = reward_per_share;
        Ok(())
    }

    /// What a claim would pay at accumulator value `reward_per_share` (rounded down).
    pub fn claimable(&self, reward_per_share: u128) -> Result<u64> {
        let earned = accrued(self.shares, reward_per_share - self.reward_checkpoint).math()?;
        se_math::checked_add(self.pending, earned).math()
    }

    /// Against its community: its shares are among the staked shares, its checkpoint is not
    /// ahead of the accumulator, and its unclaimed rewards are in the reward pool.
    pub fn invariant(&self, community: &Community) -> Result<()> {
        require!(
            self.shares <= community.staked_shares,
            CommunityError::SharesNotBacked
        );
        require!(
            self.reward_checkpoint <= community.reward_per_share
                && self.pending <= community.rewards_outstanding,
            CommunityError::BooksNotBacked
        );
        Ok(())
    }
}
