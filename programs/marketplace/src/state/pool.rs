use anchor_lang::prelude::*;
use se_math::amm::{spot_price, twap, MINIMUM_LIQUIDITY};

use crate::errors::{MarketplaceError, MathExt};

/// Observations kept per pool; with the interval this bounds the TWAP window.
pub const OBSERVATIONS: usize = 16;
pub const MAX_LP_FEE_BPS: u16 = 100;
/// A pool's observation interval is the policy epoch length divided by this...
pub const OBSERVATIONS_PER_EPOCH: u32 = 8;
/// ...and never shorter than this.
pub const MIN_OBSERVATION_INTERVAL_SECS: u32 = 60;

/// A cumulative-price checkpoint: Σ spot price (currency per asset unit, × 2^32) × seconds.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct Observation {
    /// UNIX time of the checkpoint.
    pub timestamp: i64,
    /// The pool's cumulative price then.
    pub price_cumulative: u128,
}

/// A constant-product pool of a listed asset against the currency. PDA `[POOL, asset_mint]`;
/// it owns both vaults and is the LP mint authority.
///
/// Reserves are tracked here, not read from the vaults, so tokens donated to a vault change
/// neither the price nor the LP value.
///
/// TWAP rule: the observation interval is not the creator's choice. It is fixed at creation
/// from the L1 policy's epoch length (the one L3 copies when its market is initialised), as
/// `max(epoch_length_secs / OBSERVATIONS_PER_EPOCH, MIN_OBSERVATION_INTERVAL_SECS)`, and
/// `observe` records at most one observation per interval however many trades happen. So an
/// epoch holds at most nine observations and the 16-slot ring always reaches back about two
/// epochs (at least 15 intervals): no pattern of swaps can push an epoch's observations out of
/// the ring before the epoch is closed, nor switch the market price off with a day-long
/// interval. A later change of the policy's epoch length does not touch existing pools.
#[account]
#[derive(InitSpace)]
pub struct Pool {
    /// PDA bump.
    pub bump: u8,
    /// The listed asset; the PDA seed.
    pub asset_mint: Pubkey,
    /// The L1 currency mint.
    pub currency_mint: Pubkey,
    /// Token program of the asset mint.
    pub asset_token_program: Pubkey,
    /// Holds the asset reserve.
    pub asset_vault: Pubkey,
    /// Holds the currency reserve.
    pub currency_vault: Pubkey,
    /// LP token mint.
    pub lp_mint: Pubkey,
    /// The L1 reserve surplus vault that receives protocol fees.
    pub surplus_vault: Pubkey,
    /// Fee kept in the pool for liquidity providers, bps of the input.
    pub lp_fee_bps: u16,
    /// Asset base units in the pool.
    pub asset_reserve: u64,
    /// Currency base units in the pool.
    pub currency_reserve: u64,
    /// LP supply including the `MINIMUM_LIQUIDITY` locked at creation (never minted).
    pub lp_supply: u64,
    /// Cumulative protocol fees sent to the L1 reserve.
    pub protocol_fees: u64,
    /// Sum of spot price (currency per asset unit, x 2^32) x seconds since creation.
    pub price_cumulative: u128,
    /// UNIX time `price_cumulative` was last advanced.
    pub last_update: i64,
    /// Minimum seconds between observations, derived from the policy epoch length at creation.
    pub observation_interval_secs: u32,
    /// Index of the newest observation.
    pub observation_head: u8,
    /// Observations recorded, at most 16.
    pub observation_count: u8,
    /// Ring of TWAP checkpoints.
    pub observations: [Observation; OBSERVATIONS],
}

impl Pool {
    /// The observation interval of a pool created under a policy epoch of `epoch_length_secs`.
    pub fn observation_interval_for(epoch_length_secs: u32) -> u32 {
        (epoch_length_secs / OBSERVATIONS_PER_EPOCH).max(MIN_OBSERVATION_INTERVAL_SECS)
    }

    /// Advances the cumulative price to `now` at the current spot price, and records an
    /// observation when the last one is at least one interval old. Call before reserves change.
    pub fn observe(&mut self, now: i64) -> Result<()> {
        let elapsed = now.saturating_sub(self.last_update);
        if elapsed > 0 && self.asset_reserve > 0 {
            let price = spot_price(self.asset_reserve, self.currency_reserve).math()?;
            self.price_cumulative = self
                .price_cumulative
                .wrapping_add(price.wrapping_mul(elapsed as u128));
        }
        self.last_update = now.max(self.last_update);
        let newest = self.observations[self.observation_head as usize];
        if self.observation_count == 0
            || now - newest.timestamp >= self.observation_interval_secs as i64
        {
            if self.observation_count > 0 {
                self.observation_head = ((self.observation_head as usize + 1) % OBSERVATIONS) as u8;
            }
            self.observations[self.observation_head as usize] = Observation {
                timestamp: now,
                price_cumulative: self.price_cumulative,
            };
            self.observation_count = (self.observation_count + 1).min(OBSERVATIONS as u8);
        }
        Ok(())
    }

    /// The oldest observation still in the ring.
    pub fn oldest_observation(&self) -> Observation {
        let oldest = if (self.observation_count as usize) < OBSERVATIONS {
            0
        } else {
            (self.observation_head as usize + 1) % OBSERVATIONS
        };
        self.observations[oldest]
    }

    /// TWAP (currency per asset unit, × 2^32) from the oldest observation to `now`, or `None`
    /// when the window is shorter than `min_window_secs`.
    pub fn twap(&self, now: i64, min_window_secs: i64) -> Option<u128> {
        if self.observation_count == 0 {
            return None;
        }
        self.twap_from(self.oldest_observation(), now, min_window_secs)
    }

    /// TWAP between the first and the last observation inside `[from, to]` (e.g. an epoch),
    /// or `None` when they are less than `min_window_secs` apart.
    pub fn twap_between(&self, from: i64, to: i64, min_window_secs: i64) -> Option<u128> {
        let inside = || {
            self.observations[..self.observation_count as usize]
                .iter()
                .filter(move |o| (from..=to).contains(&o.timestamp))
        };
        let first = inside().min_by_key(|o| o.timestamp)?;
        let last = inside().max_by_key(|o| o.timestamp)?;
        if last.timestamp - first.timestamp < min_window_secs.max(1) {
            return None;
        }
        twap(
            first.price_cumulative,
            first.timestamp,
            last.price_cumulative,
            last.timestamp,
        )
        .ok()
    }

    fn twap_from(&self, from: Observation, now: i64, min_window_secs: i64) -> Option<u128> {
        if now - from.timestamp < min_window_secs.max(1) {
            return None;
        }
        let elapsed = now.saturating_sub(self.last_update).max(0) as u128;
        let spot = spot_price(self.asset_reserve, self.currency_reserve).ok()?;
        let cumulative_now = self
            .price_cumulative
            .wrapping_add(spot.wrapping_mul(elapsed));
        twap(from.price_cumulative, from.timestamp, cumulative_now, now).ok()
    }

    pub fn k(&self) -> u128 {
        self.asset_reserve as u128 * self.currency_reserve as u128
    }

    /// Vaults back the recorded reserves and the locked liquidity is still there.
    pub fn invariant(&self, asset_vault: u64, currency_vault: u64) -> Result<()> {
        require!(
            asset_vault >= self.asset_reserve && currency_vault >= self.currency_reserve,
            MarketplaceError::ReservesNotBacked
        );
        require!(
            self.lp_supply >= MINIMUM_LIQUIDITY
                && self.asset_reserve > 0
                && self.currency_reserve > 0,
            MarketplaceError::InvariantViolated
        );
        Ok(())
    }
}
