use anchor_lang::prelude::*;

use crate::errors::{GridMarketError, MathExt};

/// Which layer owns a meter; the owner key is a member (its member account, or a wallet
/// registered directly by a registrar), a household trust or a community.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum OwnerKind {
    /// A wallet, or a member account.
    Member,
    /// A household trust.
    Household,
    /// A community.
    Community,
}

/// A registered meter. PDA `[METER, meter_id]`.
#[account]
#[derive(InitSpace)]
pub struct Meter {
    /// PDA bump.
    pub bump: u8,
    /// Chosen at registration; the PDA seed.
    pub id: Pubkey,
    /// Which layer the owner is.
    pub owner_kind: OwnerKind,
    /// Earns the meter's revenue: its contributor record, and the only signer of its claims.
    pub owner: Pubkey,
    /// Whose energy credit account receives the credits: the owner itself, or the wallet behind a
    /// member account (so claims go through the member program's checks, credits to the wallet).
    pub credits_to: Pubkey,
    /// Peak output in watts; bounds every reading.
    pub capacity_w: u64,
    /// The only key whose readings count (it must also hold the central bank's meter-oracle role).
    pub oracle: Pubkey,
    /// The meter registrar that registered it.
    pub registrar: Pubkey,
    /// Cumulative Wh at the last reading, and when it was taken.
    pub last_reading_wh: u64,
    /// UNIX time of the last reading (registration time before the first).
    pub last_reading_at: i64,
    /// Epoch of the last reading, plus one (0 = never read).
    pub last_epoch_plus_one: u64,
}

impl Meter {
    /// Validates a cumulative reading at `now` in epoch `epoch`, which started at `epoch_start`,
    /// and returns the new energy (Wh).
    ///
    /// The new energy is bounded twice by what the capacity can produce:
    /// - over the time since the last reading, `capacity_w × (now − last_reading_at) / 3600`
    ///   Wh, rounded down;
    /// - inside this epoch, `capacity_w × (now − max(last_reading_at, epoch_start)) / 3600` Wh,
    ///   rounded up so a meter counting whole Wh is not refused over a fraction of one.
    ///
    /// The second bound stops an oracle from holding energy back and reporting it later in a
    /// better-priced epoch: an epoch receives at most what the meter could produce while it
    /// was open, so honest oracles read near the end of each epoch.
    pub fn accept(
        &mut self,
        cumulative_wh: u64,
        now: i64,
        epoch: u64,
        epoch_start: i64,
    ) -> Result<u64> {
        require!(
            cumulative_wh > self.last_reading_wh,
            GridMarketError::NotMonotonic
        );
        require!(
            self.last_epoch_plus_one != epoch + 1,
            GridMarketError::DuplicateReading
        );
        let delta = cumulative_wh - self.last_reading_wh;
        let elapsed = seconds_between(self.last_reading_at, now);
        let possible = se_math::mul_div_floor(self.capacity_w, elapsed, 3_600).math()?;
        require!(delta <= possible, GridMarketError::ExceedsCapacity);
        let in_epoch = seconds_between(self.last_reading_at.max(epoch_start), now);
        let epoch_possible = se_math::mul_div_ceil(self.capacity_w, in_epoch, 3_600).math()?;
        require!(
            delta <= epoch_possible,
            GridMarketError::ReadingAboveEpochCapacity
        );
        self.last_reading_wh = cumulative_wh;
        self.last_reading_at = now;
        self.last_epoch_plus_one = epoch + 1;
        Ok(delta)
    }
}

impl Meter {
    /// A meter can produce something, and once read it has counted some energy (a reading must
    /// exceed the last, which starts at 0).
    pub fn invariant(&self) -> Result<()> {
        require!(self.capacity_w > 0, GridMarketError::InvalidCapacity);
        require!(
            self.last_epoch_plus_one == 0 || self.last_reading_wh > 0,
            GridMarketError::NotMonotonic
        );
        Ok(())
    }
}

/// Whole seconds from `from` to `to`, 0 if `to` is not later.
fn seconds_between(from: i64, to: i64) -> u64 {
    to.saturating_sub(from).max(0) as u64
}
