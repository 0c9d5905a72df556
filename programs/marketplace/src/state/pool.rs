use anchor_lang::prelude::*;
use se_math::amm::{isqrt, spot_price, twap, MINIMUM_LIQUIDITY};

use crate::errors::{MarketplaceError, MathExt};

/// Observations kept per pool; with the interval this bounds the TWAP window.
pub const OBSERVATIONS: usize = 16;
pub const MAX_LP_FEE_BPS: u16 = 100;
/// A pool's observation interval is the policy epoch length divided by this...
pub const OBSERVATIONS_PER_EPOCH: u32 = 8;
/// ...and never shorter than this.
pub const MIN_OBSERVATION_INTERVAL_SECS: u32 = 60;

/// A checkpoint of the pool's two running sums: Σ spot price (currency per asset unit, × 2^32)
/// × seconds, and Σ liquidity (`sqrt(asset reserve × currency reserve)`) × seconds.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct Observation {
    /// UNIX time of the checkpoint.
    pub timestamp: i64,
    /// The pool's cumulative price then.
    pub price_cumulative: u128,
    /// The pool's cumulative liquidity then.
    pub liquidity_cumulative: u128,
}

/// The pool's averages over a window of time (e.g. a grid_market epoch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolWindow {
    /// Time-weighted price, currency per asset unit × 2^32.
    pub price: u128,
    /// Time-weighted liquidity, `sqrt(asset × currency)` in base units.
    pub liquidity: u128,
}

/// A constant-product pool of a listed asset against the currency. PDA `[POOL, asset_mint]`;
/// it owns both vaults and is the LP mint authority.
///
/// Reserves are tracked here, not read from the vaults, so tokens donated to a vault change
/// neither the price nor the LP value.
///
/// TWAP rule: the observation interval is not the creator's choice. It is fixed at creation from
/// the central bank policy's epoch length (the one grid_market copies when its market is
/// initialised), as `max(epoch_length_secs / OBSERVATIONS_PER_EPOCH,
/// MIN_OBSERVATION_INTERVAL_SECS)`, and `observe` records at most one observation per interval
/// however many trades happen. So an epoch holds at most nine observations and the 16-slot ring
/// always reaches back about two epochs (at least 15 intervals): no pattern of swaps can push an
/// epoch's start out of the ring before the epoch is closed, nor switch the market price off with a
/// day-long interval. A later change of the policy's epoch length does not touch existing pools.
/// grid_market prices an epoch from the running sums at its start and end (`window`): the average
/// over the whole epoch, weighted by time, however the trades in it were spread.
#[account]
#[derive(InitSpace, Default)]
pub struct Pool {
    /// PDA bump.
    pub bump: u8,
    /// The listed asset; the PDA seed.
    pub asset_mint: Pubkey,
    /// The currency mint.
    pub currency_mint: Pubkey,
    /// Token program of the asset mint.
    pub asset_token_program: Pubkey,
    /// Holds the asset reserve.
    pub asset_vault: Pubkey,
    /// Holds the currency reserve.
    pub currency_vault: Pubkey,
    /// LP token mint.
    pub lp_mint: Pubkey,
    /// The central bank reserve surplus vault that receives protocol fees.
    pub surplus_vault: Pubkey,
    /// Fee kept in the pool for liquidity providers, bps of the input.
    pub lp_fee_bps: u16,
    /// Asset base units in the pool.
    pub asset_reserve: u64,
    /// Currency base units in the pool.
    pub currency_reserve: u64,
    /// LP supply including the `MINIMUM_LIQUIDITY` locked at creation (never minted).
    pub lp_supply: u64,
    /// Cumulative protocol fees sent to the central bank's reserve.
    pub protocol_fees: u64,
    /// Sum of spot price (currency per asset unit, x 2^32) x seconds since creation.
    pub price_cumulative: u128,
    /// Sum of liquidity (`sqrt(asset reserve x currency reserve)`) x seconds since creation.
    pub liquidity_cumulative: u128,
    /// UNIX time the cumulative sums were last advanced.
    pub last_update: i64,
    /// Minimum seconds between observations, derived from the policy epoch length at creation.
    pub observation_interval_secs: u32,
    /// UNIX time of the last reserve stabilisation trade (at most one per interval).
    pub stabilized_at: i64,
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

    /// Advances the cumulative price and liquidity to `now` at the current reserves, and records
    /// an observation when the last one is at least one interval old. Call before reserves
    /// change.
    pub fn observe(&mut self, now: i64) -> Result<()> {
        let current = self.cumulative_now(now)?;
        self.price_cumulative = current.price_cumulative;
        self.liquidity_cumulative = current.liquidity_cumulative;
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
                ..current
            };
            self.observation_count = (self.observation_count + 1).min(OBSERVATIONS as u8);
        }
        Ok(())
    }

    /// The running sums as they stand at `at >= last_update`: the reserves have not changed
    /// since the last update, so both grew linearly.
    fn cumulative_now(&self, at: i64) -> Result<Observation> {
        let elapsed = at.saturating_sub(self.last_update).max(0) as u128;
        let (mut price, mut liquidity) = (self.price_cumulative, self.liquidity_cumulative);
        if elapsed > 0 && self.asset_reserve > 0 {
            let spot = spot_price(self.asset_reserve, self.currency_reserve).math()?;
            price = price.wrapping_add(spot.wrapping_mul(elapsed));
            liquidity = liquidity.wrapping_add(isqrt(self.k()).wrapping_mul(elapsed));
        }
        Ok(Observation {
            timestamp: at.max(self.last_update),
            price_cumulative: price,
            liquidity_cumulative: liquidity,
        })
    }

    /// The running sums at time `t`, or `None` when the pool has no record reaching back to
    /// `t` (it was created later, or the ring no longer holds an observation before `t`).
    /// Exact when no trade came after `t`; otherwise interpolated between the two
    /// observations around `t`, i.e. at the average rate of that stretch, which is at most one
    /// observation interval long whenever the pool traded in it.
    pub fn cumulative_at(&self, t: i64) -> Option<Observation> {
        if t >= self.last_update {
            return self.cumulative_now(t).ok();
        }
        let recorded = &self.observations[..self.observation_count as usize];
        let before = recorded
            .iter()
            .filter(|o| o.timestamp <= t)
            .max_by_key(|o| o.timestamp)?;
        let current = Observation {
            timestamp: self.last_update,
            price_cumulative: self.price_cumulative,
            liquidity_cumulative: self.liquidity_cumulative,
        };
        let after = recorded
            .iter()
            .chain(std::iter::once(&current))
            .filter(|o| o.timestamp > t)
            .min_by_key(|o| o.timestamp)?;
        let span = (after.timestamp - before.timestamp) as u128;
        let into = (t - before.timestamp) as u128;
        // Rates first (one stretch's averages), so the products cannot overflow.
        let at_rate = |from: u128, to: u128| from.wrapping_add(to.wrapping_sub(from) / span * into);
        Some(Observation {
            timestamp: t,
            price_cumulative: at_rate(before.price_cumulative, after.price_cumulative),
            liquidity_cumulative: at_rate(before.liquidity_cumulative, after.liquidity_cumulative),
        })
    }

    /// Time-weighted price and liquidity over `[from, to]` (the whole window), or `None` when
    /// the window is empty or the pool has no record reaching back to `from`.
    pub fn window(&self, from: i64, to: i64) -> Option<PoolWindow> {
        if to <= from {
            return None;
        }
        let (start, end) = (self.cumulative_at(from)?, self.cumulative_at(to)?);
        let secs = (to - from) as u128;
        Some(PoolWindow {
            price: end.price_cumulative.wrapping_sub(start.price_cumulative) / secs,
            liquidity: end
                .liquidity_cumulative
                .wrapping_sub(start.liquidity_cumulative)
                / secs,
        })
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

    fn twap_from(&self, from: Observation, now: i64, min_window_secs: i64) -> Option<u128> {
        if now - from.timestamp < min_window_secs.max(1) {
            return None;
        }
        let current = self.cumulative_now(now).ok()?;
        twap(
            from.price_cumulative,
            from.timestamp,
            current.price_cumulative,
            now,
        )
        .ok()
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A pool created at `t0` with `asset` and `currency`, observed at creation.
    fn created(asset: u64, currency: u64, t0: i64) -> Pool {
        let mut pool = Pool {
            asset_reserve: asset,
            currency_reserve: currency,
            observation_interval_secs: 450,
            last_update: t0,
            ..Default::default()
        };
        pool.observe(t0).unwrap();
        pool
    }

    /// Spot price (x 2^32) and liquidity as the program computes them.
    fn rates(pool: &Pool) -> (u128, u128) {
        (
            spot_price(pool.asset_reserve, pool.currency_reserve).unwrap(),
            isqrt(pool.k()),
        )
    }

    proptest! {
        /// With a trade at most once per observation interval, every stretch between two
        /// observations has one price, so the pool's averages over any window it covers are
        /// the exact time-weighted averages (to the rounding of one division).
        #[test]
        fn window_averages_are_exact_when_each_trade_is_observed(
            trades in prop::collection::vec((450i64..5_000, 1u64..1 << 30, 1u64..1 << 30), 1..30),
            a_frac in 0u32..=1_000, b_frac in 0u32..=1_000,
        ) {
            let t0 = 1_000_000;
            let mut pool = created(1 << 20, 1 << 24, t0);
            // (from, price, liquidity) of each stretch, for the brute-force sums.
            let mut stretches = vec![(t0, rates(&pool))];
            let mut now = t0;
            for (gap, asset, currency) in &trades {
                now += gap;
                pool.observe(now).unwrap();
                pool.asset_reserve = *asset;
                pool.currency_reserve = *currency;
                stretches.push((now, rates(&pool)));
            }
            let end = now + 1_000;
            let integral = |t: i64, which: usize| -> u128 {
                let mut sum = 0u128;
                for (i, (from, (price, liquidity))) in stretches.iter().enumerate() {
                    let to = stretches.get(i + 1).map_or(end, |s| s.0).min(t);
                    if to > *from {
                        let rate = if which == 0 { *price } else { *liquidity };
                        sum += rate * (to - from) as u128;
                    }
                }
                sum
            };
            let span = end - t0;
            let (mut a, mut b) = (
                t0 + span * a_frac as i64 / 1_000,
                t0 + span * b_frac as i64 / 1_000,
            );
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            prop_assume!(b > a);
            let oldest = pool.oldest_observation().timestamp;
            match pool.window(a, b) {
                None => prop_assert!(a < oldest, "no window from {a} though the ring reaches {oldest}"),
                Some(w) => {
                    let secs = (b - a) as u128;
                    let price = (integral(b, 0) - integral(a, 0)) / secs;
                    let liquidity = (integral(b, 1) - integral(a, 1)) / secs;
                    // Interpolation divides once per end: at most one unit per second off.
                    prop_assert!(w.price.abs_diff(price) <= 2, "{} vs {price}", w.price);
                    prop_assert!(w.liquidity.abs_diff(liquidity) <= 2, "{} vs {liquidity}", w.liquidity);
                }
            }
        }

        /// A window before the pool existed, or empty, has no averages.
        #[test]
        fn no_window_before_creation(back in 1i64..10_000, len in 0i64..10_000) {
            let pool = created(1_000, 1_000_000, 50_000);
            prop_assert!(pool.window(50_000 - back, 50_000 - back + len).is_none());
            prop_assert!(pool.window(60_000, 60_000).is_none());
        }
    }
}
