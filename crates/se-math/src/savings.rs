//! Savings-vault index math.
//!
//! A deposit buys shares at the current index; a share's value is
//! `shares * index / INDEX_SCALE`. Accrual raises the index by the interest
//! actually paid in, spread over all shares, rounded down — so the vault always
//! holds at least the value of every share.

use crate::{MathError, MathResult, BPS_DENOMINATOR};

/// Fixed-point scale of the savings index (1.0 = 10^18).
pub const INDEX_SCALE: u128 = 1_000_000_000_000_000_000;
/// Interest is quoted as an annual rate in bps over a 365-day year.
pub const SECONDS_PER_YEAR: u64 = 31_536_000;

/// Shares issued for a deposit of `amount` (rounded down).
pub fn shares_for_deposit(amount: u64, index: u128) -> MathResult<u64> {
    div_index(amount, index, false)
}

/// Shares burned to withdraw exactly `amount` (rounded up).
pub fn shares_for_withdrawal(amount: u64, index: u128) -> MathResult<u64> {
    div_index(amount, index, true)
}

/// Currency value of `shares` at `index` (rounded down).
pub fn value_of_shares(shares: u64, index: u128) -> MathResult<u64> {
    let v = (shares as u128)
        .checked_mul(index)
        .ok_or(MathError::Overflow)?
        / INDEX_SCALE;
    u64::try_from(v).map_err(|_| MathError::Overflow)
}

/// Denominator of the interest formula: bps times seconds per year.
pub const INTEREST_DENOMINATOR: u128 = BPS_DENOMINATOR as u128 * SECONDS_PER_YEAR as u128;

/// Simple interest owed on `value` for `elapsed` seconds at `rate_bps` per year
/// (rounded down): `floor(value * rate_bps * elapsed / (10_000 * 31_536_000))`.
pub fn interest_owed(value: u64, rate_bps: u16, elapsed: u64) -> MathResult<u64> {
    let num = (value as u128)
        .checked_mul(rate_bps as u128)
        .and_then(|x| x.checked_mul(elapsed as u128))
        .ok_or(MathError::Overflow)?;
    let q = num / INTEREST_DENOMINATOR;
    u64::try_from(q).map_err(|_| MathError::Overflow)
}

/// Like [`interest_owed`], but adds `carry` (interest below one base unit left over by
/// earlier accruals, in units of `1 / INTEREST_DENOMINATOR`) and returns the whole units owed
/// (rounded down) with the new carry (always `< INTEREST_DENOMINATOR`). For a constant value,
/// accruing a span in any number of steps owes exactly what one accrual over the span owes: the
/// fractions each step drops are carried, not lost.
pub fn interest_with_carry(
    value: u64,
    rate_bps: u16,
    elapsed: u64,
    carry: u64,
) -> MathResult<(u64, u64)> {
    let num = (value as u128)
        .checked_mul(rate_bps as u128)
        .and_then(|x| x.checked_mul(elapsed as u128))
        .and_then(|x| x.checked_add(carry as u128))
        .ok_or(MathError::Overflow)?;
    let owed = u64::try_from(num / INTEREST_DENOMINATOR).map_err(|_| MathError::Overflow)?;
    // < INTEREST_DENOMINATOR (about 3.2e11), so it fits a u64.
    let carry = (num % INTEREST_DENOMINATOR) as u64;
    Ok((owed, carry))
}

/// The index after `paid` currency has been added for `total_shares` (rounded down).
pub fn index_after_payment(index: u128, total_shares: u64, paid: u64) -> MathResult<u128> {
    if total_shares == 0 {
        return Err(MathError::DivisionByZero);
    }
    let step = (paid as u128)
        .checked_mul(INDEX_SCALE)
        .ok_or(MathError::Overflow)?
        / total_shares as u128;
    index.checked_add(step).ok_or(MathError::Overflow)
}

fn div_index(amount: u64, index: u128, round_up: bool) -> MathResult<u64> {
    if index == 0 {
        return Err(MathError::DivisionByZero);
    }
    let num = (amount as u128)
        .checked_mul(INDEX_SCALE)
        .ok_or(MathError::Overflow)?;
    let q = if round_up {
        num.div_ceil(index)
    } else {
        num / index
    };
    u64::try_from(q).map_err(|_| MathError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_year_at_five_percent() {
        assert_eq!(
            interest_owed(1_000_000_000, 500, SECONDS_PER_YEAR),
            Ok(50_000_000)
        );
        assert_eq!(interest_owed(1_000_000_000, 500, 1), Ok(1)); // 1.585 rounds down
        assert_eq!(shares_for_deposit(100, INDEX_SCALE), Ok(100));
        let index = index_after_payment(INDEX_SCALE, 1_000, 500).unwrap();
        assert_eq!(index, INDEX_SCALE * 3 / 2);
        assert_eq!(value_of_shares(1_000, index), Ok(1_500));
        assert_eq!(shares_for_withdrawal(1, index), Ok(1)); // 0.67 rounds up
        assert_eq!(shares_for_deposit(1, index), Ok(0)); // 0.67 rounds down
    }

    fn index_strategy() -> impl Strategy<Value = u128> {
        INDEX_SCALE..INDEX_SCALE * 1_000
    }

    proptest! {
        #[test]
        fn deposit_then_withdraw_never_profits(amount in 0u64..u64::MAX / 1_000, index in index_strategy()) {
            let shares = shares_for_deposit(amount, index).unwrap();
            prop_assert!(value_of_shares(shares, index).unwrap() <= amount);
        }

        #[test]
        fn withdrawal_burns_at_least_its_value(amount in 0u64..u64::MAX / 1_000, index in index_strategy()) {
            let burned = shares_for_withdrawal(amount, index).unwrap();
            prop_assert!(value_of_shares(burned, index).unwrap() >= amount);
        }

        #[test]
        fn accrual_is_monotonic_and_never_overpays(
            index in index_strategy(),
            shares in 1u64..u64::MAX / 1_000,
            paid in any::<u32>(),
        ) {
            let before = value_of_shares(shares, index).unwrap();
            let next = index_after_payment(index, shares, paid as u64).unwrap();
            prop_assert!(next >= index);
            let after = value_of_shares(shares, next).unwrap();
            prop_assert!(after >= before);
            // the holders' value grows by at most what was paid in (+1 from flooring `before`)
            prop_assert!(after - before <= paid as u64 + 1);
        }

        #[test]
        fn interest_grows_with_time(value in any::<u64>(), rate in 0u16..=10_000, t in 0u64..SECONDS_PER_YEAR * 100) {
            // Interest beyond u64 is an error, never a wrapped or truncated amount.
            match (interest_owed(value, rate, t), interest_owed(value, rate, t + 1)) {
                (Ok(a), Ok(b)) => {
                    prop_assert!(b >= a);
                    // at most 100% a year, for at most 100 years
                    prop_assert!(a as u128 <= value as u128 * 100);
                }
                (Ok(_), Err(e)) | (Err(e), Err(_)) => prop_assert_eq!(e, MathError::Overflow),
                (Err(_), Ok(_)) => prop_assert!(false, "a longer period cannot fit when a shorter one does not"),
            }
        }

        #[test]
        fn accruing_in_steps_owes_exactly_one_accrual(
            value in 0u64..u64::MAX / 1_000,
            rate in 0u16..=2_000,
            steps in proptest::collection::vec(0u64..100_000, 1..40),
        ) {
            // Per-step interest that rounds to zero (or loses a fraction) is carried, so any
            // split of the span owes the same as one accrual, and leaves the same carry.
            let mut carry = 0;
            let mut total = 0u64;
            for &dt in &steps {
                let (owed, next) = interest_with_carry(value, rate, dt, carry).unwrap();
                prop_assert!((next as u128) < INTEREST_DENOMINATOR);
                total += owed;
                carry = next;
            }
            let span: u64 = steps.iter().sum();
            prop_assert_eq!(total, interest_owed(value, rate, span).unwrap());
            let (once, once_carry) = interest_with_carry(value, rate, span, 0).unwrap();
            prop_assert_eq!((total, carry), (once, once_carry));
            // Without the carry, flooring each step never owes more, and may owe much less.
            let floored: u64 = steps.iter().map(|&dt| interest_owed(value, rate, dt).unwrap()).sum();
            prop_assert!(floored <= total);
            prop_assert!(total - floored <= steps.len() as u64);
        }

        #[test]
        fn no_panics_on_extremes(a in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
                                 i in prop_oneof![Just(0u128), Just(u128::MAX), any::<u128>()],
                                 r in any::<u16>(), t in any::<u64>()) {
            let _ = shares_for_deposit(a, i);
            let _ = shares_for_withdrawal(a, i);
            let _ = value_of_shares(a, i);
            let _ = interest_owed(a, r, t);
            let _ = interest_with_carry(a, r, t, a);
            let _ = index_after_payment(i, a, a);
        }
    }
}
