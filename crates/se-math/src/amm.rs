//! Constant-product AMM math. Rounding always favours the pool: LP tokens issued and amounts
//! paid out round down; amounts a depositor must bring round up.

use crate::{MathError, MathResult};

/// LP tokens locked forever at pool creation, so the pool can never be emptied and the first
/// depositor cannot inflate the LP price.
pub const MINIMUM_LIQUIDITY: u64 = 1_000;
/// TWAP prices are quote units per base unit, scaled by 2^32.
pub const PRICE_SCALE: u128 = 1 << 32;

/// `floor(sqrt(x))` by Newton's method; bounded to ~70 iterations for u128.
pub fn isqrt(x: u128) -> u128 {
    if x < 2 {
        return x;
    }
    let mut r = 1u128 << ((128 - x.leading_zeros()).div_ceil(2));
    loop {
        let next = (r + x / r) / 2;
        if next >= r {
            return r;
        }
        r = next;
    }
}

/// LP tokens for the first deposit: `floor(sqrt(a * b))`; must exceed the locked minimum.
pub fn initial_lp(amount_a: u64, amount_b: u64) -> MathResult<u64> {
    let lp = isqrt(amount_a as u128 * amount_b as u128);
    if lp <= MINIMUM_LIQUIDITY as u128 {
        return Err(MathError::Overflow);
    }
    u64::try_from(lp).map_err(|_| MathError::Overflow)
}

/// Amounts of each reserve a depositor brings to mint `lp` tokens (rounded up).
pub fn deposit_for_lp(
    lp: u64,
    reserve_a: u64,
    reserve_b: u64,
    supply: u64,
) -> MathResult<(u64, u64)> {
    Ok((
        crate::mul_div_ceil(lp, reserve_a, supply)?,
        crate::mul_div_ceil(lp, reserve_b, supply)?,
    ))
}

/// Amounts paid out for burning `lp` tokens (rounded down).
pub fn withdraw_for_lp(
    lp: u64,
    reserve_a: u64,
    reserve_b: u64,
    supply: u64,
) -> MathResult<(u64, u64)> {
    Ok((
        crate::mul_div_floor(lp, reserve_a, supply)?,
        crate::mul_div_floor(lp, reserve_b, supply)?,
    ))
}

/// Output of a swap of `amount_in` (after fees) against the reserves (rounded down):
/// `floor(reserve_out * in / (reserve_in + in))`.
pub fn swap_out(amount_in: u64, reserve_in: u64, reserve_out: u64) -> MathResult<u64> {
    let denominator = reserve_in as u128 + amount_in as u128;
    if denominator == 0 {
        return Err(MathError::DivisionByZero);
    }
    Ok((reserve_out as u128 * amount_in as u128 / denominator) as u64)
}

/// Input that moves a pool to the price `num / den` (output units per input unit, inverted as
/// needed by the caller), ignoring fees: `isqrt(reserve_in * reserve_out * num / den) -
/// reserve_in`, or 0 when the pool is already there. For a pool with k = x * y, the input
/// reserve at price p (input per output) is sqrt(k * p).
pub fn input_to_reach(reserve_in: u64, reserve_out: u64, num: u64, den: u64) -> MathResult<u64> {
    if den == 0 {
        return Err(MathError::DivisionByZero);
    }
    let target = (reserve_in as u128)
        .checked_mul(reserve_out as u128)
        .and_then(|k| k.checked_mul(num as u128))
        .ok_or(MathError::Overflow)?
        / den as u128;
    let after = isqrt(target);
    u64::try_from(after.saturating_sub(reserve_in as u128)).map_err(|_| MathError::Overflow)
}

/// Spot price of the base asset in quote units, scaled by `PRICE_SCALE`.
pub fn spot_price(base_reserve: u64, quote_reserve: u64) -> MathResult<u128> {
    if base_reserve == 0 {
        return Err(MathError::DivisionByZero);
    }
    Ok(quote_reserve as u128 * PRICE_SCALE / base_reserve as u128)
}

/// Time-weighted average price between two cumulative-price observations. Cumulative prices
/// wrap (as in Uniswap v2), so the difference is taken with wrapping arithmetic.
pub fn twap(
    cumulative_then: u128,
    t_then: i64,
    cumulative_now: u128,
    t_now: i64,
) -> MathResult<u128> {
    let dt = t_now
        .checked_sub(t_then)
        .filter(|d| *d > 0)
        .ok_or(MathError::DivisionByZero)?;
    Ok(cumulative_now.wrapping_sub(cumulative_then) / dt as u128)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(isqrt(0), 0);
        assert_eq!(isqrt(15), 3);
        assert_eq!(isqrt(16), 4);
        assert_eq!(isqrt(u128::MAX), u64::MAX as u128);
        assert_eq!(initial_lp(1_000_000, 4_000_000), Ok(2_000_000));
        assert_eq!(initial_lp(1_000, 1_000), Err(MathError::Overflow));
        // 1,000 in against 10,000/20,000: floor(20,000 * 1,000 / 11,000) = 1,818
        assert_eq!(swap_out(1_000, 10_000, 20_000), Ok(1_818));
        assert_eq!(deposit_for_lp(1, 3, 3, 2), Ok((2, 2)));
        assert_eq!(withdraw_for_lp(1, 3, 3, 2), Ok((1, 1)));
        assert_eq!(twap(u128::MAX - 9, 0, 10, 4), Ok(5)); // wraps
                                                          // 20 currency for 1e6 Wh is 20,000 per kWh; reaching 50,000 per kWh takes
                                                          // sqrt(20e6 * 1e6 * 50) - 20e6 = 31,622,776 - 20,000,000 currency in.
        assert_eq!(
            input_to_reach(20_000_000, 1_000_000, 50_000, 1_000),
            Ok(11_622_776)
        );
        assert_eq!(input_to_reach(100, 100, 1, 1), Ok(0));
    }

    proptest! {
        #[test]
        fn isqrt_is_floor_sqrt(x in any::<u128>()) {
            let r = isqrt(x);
            prop_assert!(r * r <= x);
            prop_assert!((r + 1).checked_mul(r + 1).is_none_or(|sq| sq > x));
        }

        #[test]
        fn swap_never_decreases_k(amount_in in 0u64..u64::MAX / 4, ri in 1u64..u64::MAX / 4, ro in 1u64..u64::MAX / 4) {
            let out = swap_out(amount_in, ri, ro).unwrap();
            prop_assert!(out < ro || (out == 0 && ro == 0));
            let before = ri as u128 * ro as u128;
            let after = (ri as u128 + amount_in as u128) * (ro - out) as u128;
            prop_assert!(after >= before);
        }

        #[test]
        fn deposit_then_withdraw_never_profits(lp in 1u64..1 << 40, ra in 1u64..1 << 50, rb in 1u64..1 << 50, supply in 1u64..1 << 40) {
            let (a_in, b_in) = deposit_for_lp(lp, ra, rb, supply).unwrap();
            let (a_out, b_out) = withdraw_for_lp(lp, ra + a_in, rb + b_in, supply + lp).unwrap();
            prop_assert!(a_out <= a_in && b_out <= b_in);
        }

        #[test]
        fn reaching_a_price_never_overshoots(ri in 1_000u64..1 << 40, ro in 1_000u64..1 << 40, num in 1u64..1 << 20, den in 1u64..1 << 20) {
            let input = input_to_reach(ri, ro, num, den).unwrap();
            let k_num = ri as u128 * ro as u128 * num as u128;
            let x = (ri + input) as u128;
            if input > 0 {
                // x^2 <= k * num / den < (x + 1)^2: the closest input reserve not past the target
                prop_assert!(x * x * den as u128 <= k_num);
                prop_assert!((x + 1) * (x + 1) * den as u128 > k_num);
            } else {
                prop_assert!((ri as u128 + 1).pow(2) * den as u128 > k_num);
            }
        }

        #[test]
        fn no_panics_on_extremes(a in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
                                 b in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
                                 s in prop_oneof![Just(0u64), Just(1), Just(u64::MAX), any::<u64>()]) {
            let _ = initial_lp(a, b);
            let _ = deposit_for_lp(a, b, a, s);
            let _ = withdraw_for_lp(a, b, a, s);
            let _ = swap_out(a, b, s);
            let _ = spot_price(a, b);
            let _ = input_to_reach(a, b, s, a);
        }
    }
}
