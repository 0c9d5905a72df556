//! Pure integer math shared by the SourceEnergy programs and client.
//!
//! Every function is checked: overflow and division by zero return [`MathError`]
//! instead of panicking. Rounding is explicit in each name: amounts paid out and
//! shares issued round down (`floor`); amounts charged and shares burned round up
//! (`ceil`), so rounding dust always stays with the protocol.

pub mod amm;
pub mod fund;
pub mod pricing;
pub mod savings;
pub mod split;

/// Basis-point denominator: 10,000 bps = 100%.
pub const BPS_DENOMINATOR: u64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MathError {
    Overflow,
    DivisionByZero,
}

pub type MathResult<T> = Result<T, MathError>;

/// `floor(a * b / d)` with a u128 intermediate.
pub fn mul_div_floor(a: u64, b: u64, d: u64) -> MathResult<u64> {
    if d == 0 {
        return Err(MathError::DivisionByZero);
    }
    let q = (a as u128) * (b as u128) / (d as u128);
    u64::try_from(q).map_err(|_| MathError::Overflow)
}

/// `ceil(a * b / d)` with a u128 intermediate.
pub fn mul_div_ceil(a: u64, b: u64, d: u64) -> MathResult<u64> {
    if d == 0 {
        return Err(MathError::DivisionByZero);
    }
    let q = ((a as u128) * (b as u128)).div_ceil(d as u128);
    u64::try_from(q).map_err(|_| MathError::Overflow)
}

/// A fee of `bps` on `amount`, charged, so rounded up.
pub fn fee_ceil(amount: u64, bps: u16) -> MathResult<u64> {
    mul_div_ceil(amount, bps as u64, BPS_DENOMINATOR)
}

/// A `bps` share of `amount`, paid out, so rounded down.
pub fn share_floor(amount: u64, bps: u16) -> MathResult<u64> {
    mul_div_floor(amount, bps as u64, BPS_DENOMINATOR)
}

/// Grams of CO2 avoided by `wh` watt-hours at `g_per_kwh` (rounded down).
pub fn carbon_grams(wh: u64, g_per_kwh: u32) -> MathResult<u64> {
    mul_div_floor(wh, g_per_kwh as u64, 1_000)
}

pub fn checked_add(a: u64, b: u64) -> MathResult<u64> {
    a.checked_add(b).ok_or(MathError::Overflow)
}

pub fn checked_sub(a: u64, b: u64) -> MathResult<u64> {
    a.checked_sub(b).ok_or(MathError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(mul_div_floor(10, 3, 4), Ok(7));
        assert_eq!(mul_div_ceil(10, 3, 4), Ok(8));
        assert_eq!(
            fee_ceil(1, 1),
            Ok(1),
            "any non-zero fee charges at least one unit"
        );
        assert_eq!(share_floor(1, 9_999), Ok(0));
        assert_eq!(fee_ceil(1_000_000, 30), Ok(3_000));
        assert_eq!(mul_div_floor(1, 1, 0), Err(MathError::DivisionByZero));
        assert_eq!(mul_div_floor(u64::MAX, 2, 1), Err(MathError::Overflow));
        assert_eq!(carbon_grams(12_345, 400), Ok(4_938)); // 4,938.0
        assert_eq!(carbon_grams(2, 400), Ok(0)); // 0.8 rounds down
    }

    proptest! {
        #[test]
        fn floor_le_exact_le_ceil(a in any::<u64>(), b in any::<u64>(), d in 1..=u64::MAX) {
            let exact = (a as u128) * (b as u128);
            if let (Ok(lo), Ok(hi)) = (mul_div_floor(a, b, d), mul_div_ceil(a, b, d)) {
                prop_assert!((lo as u128) * (d as u128) <= exact);
                prop_assert!((hi as u128) * (d as u128) >= exact);
                prop_assert!(hi - lo <= 1);
                prop_assert_eq!(hi == lo, exact.is_multiple_of(d as u128));
            }
        }

        #[test]
        fn never_panics_on_extremes(a in prop_oneof![Just(0u64), Just(1), Just(u64::MAX), any::<u64>()],
                                    b in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
                                    d in prop_oneof![Just(0u64), Just(1), Just(u64::MAX), any::<u64>()]) {
            let _ = mul_div_floor(a, b, d);
            let _ = mul_div_ceil(a, b, d);
            let _ = checked_add(a, b);
            let _ = checked_sub(a, b);
        }

        #[test]
        fn fee_and_share_split_conserve(amount in any::<u64>(), bps in 0u16..=10_000) {
            let fee = fee_ceil(amount, bps).unwrap();
            let net = amount - fee;
            // charging rounds up, so the payer never keeps more than its exact share
            prop_assert!((net as u128) * 10_000 <= (amount as u128) * (10_000 - bps as u128));
            prop_assert!(share_floor(amount, bps).unwrap() <= fee);
        }
    }
}
