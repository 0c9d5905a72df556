use anchor_lang::prelude::*;

use crate::errors::MarketplaceError;

pub const HOURS_PER_DAY: usize = 24;

/// Trade volume of one hour.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct VolumeBucket {
    /// Hours since the Unix epoch.
    pub hour: i64,
    /// Currency-denominated volume, base units.
    pub volume: u64,
}

/// A wallet's trade volume over the last 24 hours, in hourly buckets. PDA `[TRADER, wallet]`.
#[account]
#[derive(InitSpace)]
pub struct Trader {
    /// PDA bump.
    pub bump: u8,
    /// The trading wallet.
    pub wallet: Pubkey,
    /// Hourly volume of the last 24 hours (ring by hour).
    pub buckets: [VolumeBucket; HOURS_PER_DAY],
    /// Volume over all time, currency base units.
    pub lifetime_volume: u64,
}

impl Trader {
    /// Volume in the 24 hours ending with the current hour.
    pub fn rolling_volume(&self, now: i64) -> u64 {
        let hour = now.div_euclid(3_600);
        self.buckets
            .iter()
            .filter(|b| b.hour > hour - HOURS_PER_DAY as i64 && b.hour <= hour)
            .map(|b| b.volume)
            .fold(0u64, u64::saturating_add)
    }

    /// Each bucket sits at its hour's slot (or is still empty), and the buckets hold no more
    /// volume than the lifetime total.
    pub fn invariant(&self) -> Result<()> {
        for (i, b) in self.buckets.iter().enumerate() {
            require!(
                (b.hour == 0 && b.volume == 0)
                    || b.hour.rem_euclid(HOURS_PER_DAY as i64) as usize == i,
                MarketplaceError::InvariantViolated
            );
        }
        let held = self
            .buckets
            .iter()
            .map(|b| b.volume)
            .fold(0u64, u64::saturating_add);
        require!(
            held <= self.lifetime_volume,
            MarketplaceError::InvariantViolated
        );
        Ok(())
    }

    /// Adds `volume` at `now`, failing when the rolling total would exceed `daily_limit`.
    pub fn record(&mut self, volume: u64, now: i64, daily_limit: u64) -> Result<()> {
        let total = self.rolling_volume(now).saturating_add(volume);
        require!(total <= daily_limit, MarketplaceError::DailyVolumeExceeded);
        let hour = now.div_euclid(3_600);
        let bucket = &mut self.buckets[hour.rem_euclid(HOURS_PER_DAY as i64) as usize];
        if bucket.hour != hour {
            *bucket = VolumeBucket { hour, volume: 0 };
        }
        bucket.volume = bucket.volume.saturating_add(volume);
        self.lifetime_volume = self.lifetime_volume.saturating_add(volume);
        Ok(())
    }
}
