//! Pooled-fund shares and a reward-per-share accumulator. Shares issued and rewards paid
//! round down, so neither a deposit round trip nor a claim can take more than was put in.

use crate::{MathError, MathResult};

/// Shares locked forever by the first deposit, so the first depositor cannot inflate the
/// share price to round later depositors down to nothing.
pub const LOCKED_SHARES: u64 = 1_000;
/// Fixed-point scale of the reward-per-share accumulator.
pub const REWARD_SCALE: u128 = 1_000_000_000_000_000_000;

/// Shares for depositing `amount` into a fund worth `value` with `total_shares` (rounded
/// down). The first deposit (no shares yet) gets one share per unit, `LOCKED_SHARES` of
/// which the caller locks.
pub fn shares_for_deposit(amount: u64, total_shares: u64, value: u64) -> MathResult<u64> {
    if total_shares == 0 {
        return Ok(amount);
    }
    if value == 0 {
        return Err(MathError::DivisionByZero);
    }
    crate::mul_div_floor(amount, total_shares, value)
}

/// Currency paid for redeeming `shares` (rounded down).
pub fn value_of_shares(shares: u64, total_shares: u64, value: u64) -> MathResult<u64> {
    crate::mul_div_floor(shares, value, total_shares)
}

/// Accumulator step for distributing `amount` over `total_shares` (rounded down).
pub fn reward_per_share_step(amount: u64, total_shares: u64) -> MathResult<u128> {
    if total_shares == 0 {
        return Err(MathError::DivisionByZero);
    }
    Ok(amount as u128 * REWARD_SCALE / total_shares as u128)
}

/// Per-second release rate (scaled by `REWARD_SCALE`) of a stream that pays `amount` plus
/// `carried` (the scaled remainder of a running stream) over `period_secs` (rounded down).
pub fn stream_rate(amount: u64, carried: u128, period_secs: u32) -> MathResult<u128> {
    if period_secs == 0 {
        return Err(MathError::DivisionByZero);
    }
    (amount as u128)
        .checked_mul(REWARD_SCALE)
        .and_then(|v| v.checked_add(carried))
        .map(|v| v / period_secs as u128)
        .ok_or(MathError::Overflow)
}

/// What a stream at `rate` releases in `secs` seconds (scaled by `REWARD_SCALE`).
pub fn streamed(rate: u128, secs: u64) -> MathResult<u128> {
    rate.checked_mul(secs as u128).ok_or(MathError::Overflow)
}

/// Rewards `shares` have earned at accumulator value `reward_per_share` (rounded down).
pub fn accrued(shares: u64, reward_per_share: u128) -> MathResult<u64> {
    let v = (shares as u128)
        .checked_mul(reward_per_share)
        .ok_or(MathError::Overflow)?
        / REWARD_SCALE;
    u64::try_from(v).map_err(|_| MathError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(shares_for_deposit(5_000, 0, 0), Ok(5_000));
        assert_eq!(shares_for_deposit(1_000, 3_000, 6_000), Ok(500));
        assert_eq!(value_of_shares(500, 3_500, 7_000), Ok(1_000));
        let step = reward_per_share_step(1_000, 3_000).unwrap();
        assert_eq!(accrued(1_500, step), Ok(499)); // 500 less the rounding
        assert_eq!(accrued(3_000, step), Ok(999));
    }

    proptest! {
        #[test]
        fn deposit_then_withdraw_never_profits(amount in 0u64..1 << 50, total in 1u64..1 << 50, value in 1u64..1 << 50) {
            let shares = shares_for_deposit(amount, total, value).unwrap();
            let back = value_of_shares(shares, total + shares, value + amount).unwrap();
            prop_assert!(back <= amount);
        }

        #[test]
        fn claims_never_exceed_distributions(holdings in prop::collection::vec(1u64..1 << 40, 1..10),
                                             rounds in prop::collection::vec(0u64..1 << 40, 1..5)) {
            let total: u64 = holdings.iter().sum();
            let mut rps = 0u128;
            for r in &rounds {
                rps += reward_per_share_step(*r, total).unwrap();
            }
            let claimed: u64 = holdings.iter().map(|h| accrued(*h, rps).unwrap()).sum();
            let distributed: u64 = rounds.iter().sum();
            prop_assert!(claimed <= distributed);
        }

        /// However a stream is cut into accrual steps, what the holders can claim never exceeds
        /// what was streamed, and a stream pays out in full to within one unit per holder.
        #[test]
        fn streams_pay_at_most_their_amount(holdings in prop::collection::vec(1u64..1 << 40, 1..10),
                                            amount in 0u64..1 << 50,
                                            period in 1u32..1_000_000,
                                            cuts in prop::collection::vec(0u32..1_000_000, 0..8)) {
            let total: u64 = holdings.iter().sum();
            let rate = stream_rate(amount, 0, period).unwrap();
            let mut points: Vec<u32> = cuts.into_iter().map(|c| c % period).collect();
            points.push(period);
            points.sort_unstable();
            let (mut rps, mut at) = (0u128, 0u32);
            for p in points {
                rps += streamed(rate, (p - at) as u64).unwrap() / total as u128;
                at = p;
            }
            let claimed: u64 = holdings.iter().map(|h| accrued(*h, rps).unwrap()).sum();
            prop_assert!(claimed <= amount);
            prop_assert!(amount - claimed <= holdings.len() as u64 + 1);
        }
    }
}
