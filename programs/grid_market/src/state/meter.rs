use anchor_lang::prelude::*;

use crate::errors::{GridMarketError, MathExt};

/// Which layer owns a meter; the owner key is a member (its L6 member account, or a wallet
/// registered directly by a registrar), a household trust or a community.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum OwnerKind {
    Member,
    Household,
    Community,
}

/// A registered meter. PDA `[METER, meter_id]`.
#[account]
#[derive(InitSpace)]
pub struct Meter {
    pub bump: u8,
    pub id: Pubkey,
    pub owner_kind: OwnerKind,
    /// Earns the meter's revenue: its contributor record, and the only signer of its claims.
    pub owner: Pubkey,
    /// Whose energy credit account receives the credits: the owner itself, or the wallet
    /// behind an L6 member account (so claims go through L6's checks, credits to the wallet).
    pub credits_to: Pubkey,
    /// Peak output in watts; bounds every reading.
    pub capacity_w: u64,
    /// The only key whose readings count (it must also hold the L1 meter-oracle role).
    pub oracle: Pubkey,
    pub registrar: Pubkey,
    /// Cumulative Wh at the last reading, and when it was taken.
    pub last_reading_wh: u64,
    pub last_reading_at: i64,
    /// Epoch of the last reading, plus one (0 = never read).
    pub last_epoch_plus_one: u64,
}

impl Meter {
    /// Validates a cumulative reading at `now` in `epoch` and returns the new energy (Wh).
    pub fn accept(&mut self, cumulative_wh: u64, now: i64, epoch: u64) -> Result<u64> {
        require!(
            cumulative_wh > self.last_reading_wh,
            GridMarketError::NotMonotonic
        );
        require!(
            self.last_epoch_plus_one != epoch + 1,
            GridMarketError::DuplicateReading
        );
        let delta = cumulative_wh - self.last_reading_wh;
        let elapsed = now.saturating_sub(self.last_reading_at).max(0) as u64;
        // Wh the capacity can produce: capacity_w * seconds / 3600 (rounded down).
        let possible = se_math::mul_div_floor(self.capacity_w, elapsed, 3_600).math()?;
        require!(delta <= possible, GridMarketError::ExceedsCapacity);
        self.last_reading_wh = cumulative_wh;
        self.last_reading_at = now;
        self.last_epoch_plus_one = epoch + 1;
        Ok(delta)
    }
}
